//! The paginator plans: each paginated operation's input token, output
//! token, items and page-size members resolved to structure members, with
//! their Rust names and types; and where the items are in the answer, so
//! that they can be streamed from the connection (the paginator's items
//! are the list worth streaming).

use std::collections::BTreeMap;

use proc_macro2::{Ident, TokenStream};

use crate::ir::{Member, Operation, ShapeId, ShapeKind, SimpleType};
use crate::protocols;
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
    /// Where the items are in the answer, to stream them.
    pub stream: StreamPlan,
}

/// Where the items of a paginated operation's answer are, by element
/// names, as the protocol lays the answer out.
#[derive(Debug, Clone, PartialEq)]
pub struct StreamPlan {
    /// The root element (`DescribeImagesResponse`).
    pub root: String,
    /// The elements from the root (excluded) to the one holding the items
    /// (`imagesSet`; `ListTopicsResult`, `Topics`).
    pub path: Vec<String>,
    /// The element of one item (`item`, `member`).
    pub item: String,
    /// The root of the protocol's error document (`Response`).
    pub error_root: String,
    /// The list's item member, whose target one item is parsed as.
    pub item_member: Member,
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
    let item_member = match &ctx.shape(&found.member.target)?.kind {
        ShapeKind::List(item) => item,
        _ => return Err(Error::new(format!("the items `{items}` are not a list"))),
    };
    let item_type = ctx.value_type(&item_member.target)?;
    let stream = stream_plan(ctx, op, found.member, item_member)?;
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
        stream,
    }))
}

/// Where the items of `list` (a member of the output of `op`) are in the
/// answer.
fn stream_plan(ctx: &Ctx<'_>, op: &Operation, list: &Member, item: &Member) -> Result<StreamPlan> {
    let p = protocols::for_service(&ctx.model.service)?;
    let mut path: Vec<String> = p.response_wrapper(op).into_iter().collect();
    let element = p.response_element(list);
    let item_element = if p.response_flattened(list) {
        element
    } else {
        path.push(element);
        p.response_list_item(item)
    };
    Ok(StreamPlan {
        root: p.response_root(op),
        path,
        item: item_element,
        error_root: p.error_document().root.to_string(),
        item_member: item.clone(),
    })
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

    #[test]
    fn plans_where_the_items_are_in_the_answer() {
        let model = model_with_paginator("Things");
        let plans = ctx_of(&model, plan).unwrap();
        let stream = &plans.values().next().unwrap().stream;
        assert_eq!(stream.root, "DescribeThingsResponse");
        assert_eq!(stream.path, ["Things"]);
        assert_eq!(stream.item, "member");
        assert_eq!(stream.error_root, "Response");
    }
}
