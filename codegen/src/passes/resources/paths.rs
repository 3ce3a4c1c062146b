//! Resource paths (`Images[0]`, `Reservations[0].Instances[0]`,
//! `State.Name`): JMESPath subsets, parsed by [`jmespath`](crate::jmespath)
//! and resolved to structure members with their Rust names.

use proc_macro2::Ident;

use crate::ir::{ShapeId, ShapeKind};
use crate::jmespath::{self, Expr};
use crate::render::Ctx;
use crate::{Error, Result};

/// A path of members from a structure: each step a member, and if `first`,
/// the first item of that list member.
pub type Path = Vec<Step>;

/// One member of a [`Path`].
#[derive(Debug, Clone)]
pub struct Step {
    /// The member's field.
    pub field: Ident,
    /// The member is required.
    pub required: bool,
    /// The member is boxed.
    pub boxed: bool,
    /// The step goes on to the first item of the list.
    pub first: bool,
}

/// Resolves a path of `Name` and `Name[0]` steps (`Reservations[0].Instances[0]`)
/// from a structure of `shape`: the steps, and the shape at the end.
pub fn resolve(ctx: &Ctx<'_>, shape: &ShapeId, text: &str) -> Result<(Path, ShapeId)> {
    resolve_expr(ctx, shape, &jmespath::parse(text)?, text)
}

/// [`resolve`] of a parsed path; `text` is the whole path, for errors.
pub fn resolve_expr(
    ctx: &Ctx<'_>,
    shape: &ShapeId,
    expr: &Expr,
    text: &str,
) -> Result<(Path, ShapeId)> {
    let segments = segments(expr, text)?;
    let mut shape = shape.clone();
    let mut path = Vec::new();
    for (name, first) in segments {
        let found = ctx.member(&shape, name)?;
        path.push(Step {
            field: found.field,
            required: found.member.required,
            boxed: ctx.is_boxed(&shape, found.member),
            first,
        });
        shape = found.member.target.clone();
        if first {
            let ShapeKind::List(item) = &ctx.shape(&shape)?.kind else {
                return Err(Error::new(format!(
                    "in the path {text}, {name} is not a list"
                )));
            };
            shape = item.target.clone();
        }
    }
    Ok((path, shape))
}

/// The `(member, first item)` steps of a path of `Name` and `Name[0]`
/// steps; `text` is the whole path, for errors.
pub fn segments<'e>(expr: &'e Expr, text: &str) -> Result<Vec<(&'e str, bool)>> {
    let mut segments = Vec::new();
    if !flatten_path(expr, &mut segments) {
        return Err(Error::new(format!("the path {text} is not supported yet")));
    }
    Ok(segments)
}

/// The `(member, first item)` steps of a path of `Name` and `Name[0]`
/// steps, or false if it is not one. Recurses over a parsed (so bounded)
/// expression.
fn flatten_path<'e>(expr: &'e Expr, out: &mut Vec<(&'e str, bool)>) -> bool {
    match expr {
        // `@`: the structure itself (SNS's `GetTopicAttributes` output is
        // a topic's data).
        Expr::Current => {}
        Expr::Field(name) => out.push((name, false)),
        Expr::Index(inner, 0) => match &**inner {
            Expr::Field(name) => out.push((name, true)),
            _ => return false,
        },
        Expr::Sub(left, right) => return flatten_path(left, out) && flatten_path(right, out),
        _ => return false,
    }
    true
}
