//! The paginator plans: each paginated operation's input token, output
//! token, items and page-size members resolved to structure members, with
//! their Rust names and types.

use std::collections::BTreeMap;

use proc_macro2::{Ident, TokenStream};

use crate::ir::{Operation, ShapeId, ShapeKind, SimpleType};
use crate::render::Ctx;
use crate::{Error, Result};

/// What render needs to make an operation's fluent builder a paginator.
#[derive(Debug, Clone)]
pub struct PaginatorPlan {
    /// The `set_*` setter of the input token member (takes an `Option`).
    pub token_setter: Ident,
    /// The output token member's model name (`NextToken`), for docs.
    pub output_token: String,
    /// The output token's field.
    pub token_field: Ident,
    /// Whether the output token member is required (a `String`, not an
    /// `Option<String>`).
    pub token_required: bool,
    /// The items member's model name (`Images`), for docs.
    pub items: String,
    /// The items' field.
    pub items_field: Ident,
    /// Whether the items member is required (a `Vec`, not an `Option`).
    pub items_required: bool,
    /// The Rust type of one item.
    pub item_type: TokenStream,
    /// The fluent setter of the page-size member (`max_results`), if the
    /// operation has one and it is an integer.
    pub page_size_field: Option<Ident>,
}

/// The paginator plans of every paginated operation, by operation id.
pub fn plan(ctx: &Ctx<'_>) -> Result<BTreeMap<ShapeId, PaginatorPlan>> {
    let mut plans = BTreeMap::new();
    for op in ctx.model.operations.values() {
        if let Some(plan) = plan_one(ctx, op).map_err(|e| e.at(place(op)))? {
            plans.insert(op.id.clone(), plan);
        }
    }
    Ok(plans)
}

fn place(op: &Operation) -> String {
    format!("paginator of {}", op.id.name)
}

fn plan_one(ctx: &Ctx<'_>, op: &Operation) -> Result<Option<PaginatorPlan>> {
    let Some(p) = &op.paginator else {
        return Ok(None);
    };
    let (Some(input), Some(output)) = (&op.input, &op.output) else {
        return Err(Error::new(
            "a paginated operation needs an input and an output",
        ));
    };
    let token_setter = ctx.member(input, &p.input_token)?.setter;
    let token = ctx.member(output, &p.output_token)?;
    let items = p
        .items
        .as_ref()
        .ok_or_else(|| Error::new("the paginator names no items"))?;
    let found = ctx.member(output, items)?;
    let item_type = match &ctx.shape(&found.member.target)?.kind {
        ShapeKind::List(item) => ctx.value_type(&item.target)?,
        _ => return Err(Error::new(format!("the items `{items}` are not a list"))),
    };
    let mut page_size_field = None;
    if let Some(name) = &p.page_size {
        let member = ctx.member(input, name)?;
        let is_integer = matches!(
            ctx.shape(&member.member.target)?.kind,
            ShapeKind::Simple(SimpleType::Integer | SimpleType::Long)
        );
        if is_integer {
            page_size_field = Some(member.field);
        }
    }
    Ok(Some(PaginatorPlan {
        token_setter,
        output_token: p.output_token.clone(),
        token_field: token.field,
        token_required: token.member.required,
        items: items.clone(),
        items_field: found.field,
        items_required: found.member.required,
        item_type,
        page_size_field,
    }))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::passes::plans::tests::{ctx_of, model_with_paginator};

    #[test]
    fn names_the_paginator_of_a_member_that_does_not_exist() {
        let model = model_with_paginator("Missing");
        let err = ctx_of(&model, |ctx| plan(ctx).map(|_| ()))
            .unwrap_err()
            .to_string();
        assert!(err.contains("paginator of DescribeThings"), "{err}");
        assert!(err.contains("`Missing` is not a member"), "{err}");
    }
}
