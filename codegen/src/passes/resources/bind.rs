//! The parameters a resource binds on an operation's fluent builder
//! (`ImageIds[0]` from the identifier `Id`, `Filters[0].Values[0]` from
//! the resource's data...), resolved against the operation's input.

use proc_macro2::Ident;

use super::paths::resolve;
use super::{Binds, DataValue, SetCall, Value};
use crate::ir::{Operation, ParamSource, ResourceParam, ShapeId, ShapeKind};
use crate::jmespath::{self, Expr};
use crate::render::ident::ident;
use crate::render::Ctx;
use crate::{Error, Result};

/// Binds parameters on an operation's fluent builder. Targets are `Name`,
/// `Name[0]`, `Name[]` (all set or append to member `Name`) and
/// `Name[i].Field` or `Name[i].Field[0]` (the `i`-th item of list `Name`,
/// a structure built from the fields bound to it). Values come from the
/// identifiers, constants, or the resource's data (`data_shape`). Errors
/// about one parameter are placed at `place, param TARGET`.
pub fn bind(
    ctx: &Ctx<'_>,
    op: &Operation,
    params: &[ResourceParam],
    ids: &[(String, Ident)],
    data_shape: Option<&ShapeId>,
    place: &str,
) -> Result<Binds> {
    let input = op
        .input
        .as_ref()
        .ok_or_else(|| Error::new(format!("operation {} has no input to bind", op.id.name)))?;
    let mut binds = Binds::default();
    // Items of lists of structures, and the setters of their fields.
    let mut items: Vec<(ItemKey, Vec<(Ident, Value)>)> = Vec::new();
    for (n, param) in params.iter().enumerate() {
        let place = || format!("{place}, param {}", param.target);
        let value =
            bound_value(ctx, n, param, ids, data_shape, &mut binds).map_err(|e| e.at(place()))?;
        match target(&param.target).map_err(|e| e.at(place()))? {
            Target::Member(member) => {
                let setter = ctx.member(input, &member).map_err(|e| e.at(place()))?.field;
                binds.calls.push(SetCall::Member { setter, value });
            }
            Target::ItemField { list, index, field } => {
                let item_shape = match &ctx.shape(&ctx.member(input, &list)?.member.target)?.kind {
                    ShapeKind::List(item) => item.target.clone(),
                    _ => {
                        return Err(Error::new(format!(
                            "binds the path {}, which is not supported yet",
                            param.target
                        ))
                        .at(place()))
                    }
                };
                let setter = ctx
                    .member(&item_shape, &field)
                    .map_err(|e| e.at(place()))?
                    .field;
                let key = (list, index);
                match items.iter_mut().find(|(k, _)| *k == key) {
                    Some((_, fields)) => fields.push((setter, value)),
                    None => items.push((key, vec![(setter, value)])),
                }
            }
        }
    }
    for ((list, _), fields) in items {
        let found = ctx.member(input, &list)?;
        let ShapeKind::List(item) = &ctx.shape(&found.member.target)?.kind else {
            return Err(Error::new(format!("{list} is not a list")));
        };
        let fallible = match &ctx.shape(&item.target)?.kind {
            ShapeKind::Structure(s) => s.members.iter().any(|m| m.required),
            _ => {
                return Err(Error::new(format!(
                    "the items of {list} are not structures"
                )))
            }
        };
        if fallible {
            return Err(Error::new(format!(
                "binds fields of {list} items, which have required members: not supported yet"
            )));
        }
        binds.calls.push(SetCall::Item {
            setter: found.field,
            item_type: ctx.value_type(&item.target)?,
            fields,
        });
    }
    Ok(binds)
}

/// An item of a list member of the input: the member and the index.
type ItemKey = (String, usize);

/// The value of the `n`-th bound parameter; data values are added to
/// `binds.data`.
fn bound_value(
    ctx: &Ctx<'_>,
    n: usize,
    param: &ResourceParam,
    ids: &[(String, Ident)],
    data_shape: Option<&ShapeId>,
    binds: &mut Binds,
) -> Result<Value> {
    Ok(match &param.source {
        ParamSource::Identifier(name) => {
            let field = ids
                .iter()
                .find(|(n, _)| n == name)
                .map(|(_, f)| f)
                .ok_or_else(|| Error::new(format!("binds unknown identifier {name}")))?;
            Value::Identifier(field.clone())
        }
        ParamSource::String(s) => Value::Str(s.clone()),
        ParamSource::Integer(i) => Value::Int(*i),
        ParamSource::Boolean(b) => Value::Bool(*b),
        ParamSource::Data(path) => {
            let shape =
                data_shape.ok_or_else(|| Error::new("binds data, but the resource has no data"))?;
            let (resolved, _) = resolve(ctx, shape, path)?;
            let var = ident(&format!("data_{n}"))?;
            binds.data.push(DataValue {
                var: var.clone(),
                path: resolved,
                text: path.clone(),
            });
            Value::Data(var)
        }
        other => {
            return Err(Error::new(format!(
                "binds {} from {other:?}, which is not supported yet",
                param.target
            )))
        }
    })
}

/// Where a bound parameter goes.
enum Target {
    /// A top-level member (`Name`, `Name[0]`, `Name[]`).
    Member(String),
    /// A field of the `index`-th item of a list of structures
    /// (`Name[i].Field`, `Name[i].Field[0]`).
    ItemField {
        list: String,
        index: usize,
        field: String,
    },
}

/// Parses a parameter target.
fn target(text: &str) -> Result<Target> {
    let expr = jmespath::parse(text)?;
    let name = |e: &Expr| match e {
        Expr::Field(name) => Some(name.clone()),
        _ => None,
    };
    // `Name` or `Name[0]`.
    let one = |e: &Expr| match e {
        Expr::Index(inner, 0) => name(inner),
        e => name(e),
    };
    let target = match &expr {
        Expr::Project(list, each) if **each == Expr::Current => match &**list {
            Expr::Flatten(list) => name(list).map(Target::Member),
            _ => None,
        },
        Expr::Sub(item, field) => match &**item {
            Expr::Index(list, index) => match (name(list), usize::try_from(*index), one(field)) {
                (Some(list), Ok(index), Some(field)) => {
                    Some(Target::ItemField { list, index, field })
                }
                _ => None,
            },
            _ => None,
        },
        e => one(e).map(Target::Member),
    };
    target.ok_or_else(|| Error::new(format!("binds the path {text}, which is not supported yet")))
}
