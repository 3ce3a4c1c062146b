//! Resources made from the request that was sent: boto3's actions (of the
//! service or of a resource) whose returned resource takes its identifiers
//! from the request's parameters (`requestParameter`, e.g. `Tags[].Key`)
//! and from the acting resource's identifiers, bound into that request
//! (`Resources[0]`). `Image.CreateTags` returns one `Tag` per tag sent, each
//! with the image's id, the tag's key and its value; IAM's `CreateUser` the
//! `User` named in the request. The identifiers are read from the input
//! before it is sent; the answer has none of them.

use proc_macro2::Ident;

use super::paths::{resolve_expr, segments, Path};
use crate::ir::{
    Operation, ParamSource, Resource, ResourceAction, ResourceModel, ResourceParam, ShapeId,
    ShapeKind,
};
use crate::jmespath::{self, Expr};
use crate::passes::naming::rules;
use crate::render::ident::ident;
use crate::render::Ctx;
use crate::{Error, Result};

/// A `send_for_<resource>()` method on an operation's fluent builder that
/// sends the request and returns the resources made from its input.
#[derive(Debug, Clone)]
pub struct RequestCreatorPlan {
    /// The operation's name (`CreateTags`).
    pub operation: String,
    /// Its fluent builder type.
    pub fluent: Ident,
    /// The method added to it (`send_for_tags`).
    pub method: Ident,
    /// The list of the input that gives one resource per item, if any
    /// (`Tags`), and its path as the model writes it.
    pub list: Option<(Path, String)>,
    /// The made resource's identifiers, in its order.
    pub ids: Vec<RequestId>,
    /// The resource actions that return these resources (`Image.CreateTags`).
    pub actions: Vec<String>,
}

/// Where an identifier of a resource made from a request is read.
#[derive(Debug, Clone)]
pub struct RequestId {
    /// The identifier's name (`Key`).
    pub name: String,
    /// Where its value is.
    pub from: IdFrom,
    /// The model name of the structure that holds it and of its member
    /// (`Tag`, `Key`), for the error if it was not set.
    pub shape: String,
    /// See `shape`.
    pub member: String,
}

/// Where an identifier's value is in the input.
#[derive(Debug, Clone)]
pub enum IdFrom {
    /// At this path of the input (`Resources[0]`).
    Input(Path),
    /// At this path of each item of the list.
    Item(Path),
}

/// The request creators of resource `made`: the service's actions and the
/// actions of the configured resources `names` that return it with
/// identifiers from the request, one method per operation (EC2's resources
/// share `CreateTags`; IAM's `CreateUser` is a service action and
/// `User.Create`).
pub fn request_creators(
    ctx: &Ctx<'_>,
    model: &ResourceModel,
    names: &[String],
    made: &Resource,
) -> Result<Vec<RequestCreatorPlan>> {
    // The service's actions, then the configured resources' actions.
    let service = model
        .service_actions
        .iter()
        .map(|(action, def)| (None, action, def));
    let of_resources = names
        .iter()
        .filter_map(|n| model.resources.get(n))
        .flat_map(|owner| {
            owner
                .actions
                .iter()
                .map(move |(action, def)| (Some(owner.name.as_str()), action, def))
        });
    let mut plans: Vec<RequestCreatorPlan> = Vec::new();
    for (owner, action, def) in service.chain(of_resources) {
        let Some(made_ref) = &def.resource else {
            continue;
        };
        let from_request = made_ref
            .identifiers
            .iter()
            .any(|i| matches!(i.source, ParamSource::RequestParameter(_)));
        if made_ref.type_name != made.name || !from_request {
            continue;
        }
        // Actions on operations the crate does not hold are left out.
        let Some(op) = ctx.model.operation_by_name(&def.request.operation) else {
            continue;
        };
        let (place, name) = match owner {
            Some(owner) => (
                format!("resource {owner}, action {action}, returning {}", made.name),
                format!("{owner}.{action}"),
            ),
            None => (
                format!("service action {action}, returning {}", made.name),
                format!("ServiceResource.{action}"),
            ),
        };
        let plan = plan_one(ctx, made, def, op, &place).map_err(|e| e.at(&place))?;
        match plans
            .iter_mut()
            .find(|p| p.method == plan.method && p.fluent == plan.fluent)
        {
            Some(same) if same_sources(same, &plan) => same.actions.push(name),
            Some(other) => {
                return Err(Error::new(format!(
                    "{} reads the identifiers of {} from the request otherwise than {}",
                    name, made.name, other.actions[0]
                ))
                .at(&place))
            }
            None => plans.push(RequestCreatorPlan {
                actions: vec![name],
                ..plan
            }),
        }
    }
    plans.sort_by(|a, b| a.operation.cmp(&b.operation));
    Ok(plans)
}

/// Two plans read the same identifiers from the same places.
fn same_sources(a: &RequestCreatorPlan, b: &RequestCreatorPlan) -> bool {
    sources(a) == sources(b)
}

/// Where a plan reads its list and identifiers, as text.
fn sources(plan: &RequestCreatorPlan) -> String {
    let path = |p: &Path| -> String {
        p.iter()
            .map(|s| format!("{}{}", s.field, if s.first { "[0]" } else { "" }))
            .collect::<Vec<_>>()
            .join(".")
    };
    let mut text = plan
        .list
        .as_ref()
        .map(|(l, _)| format!("{}[]", path(l)))
        .unwrap_or_default();
    for id in &plan.ids {
        let (from, p) = match &id.from {
            IdFrom::Input(p) => ("input", p),
            IdFrom::Item(p) => ("item", p),
        };
        text.push_str(&format!(" {}={from}:{}", id.name, path(p)));
    }
    text
}

fn plan_one(
    ctx: &Ctx<'_>,
    made: &Resource,
    def: &ResourceAction,
    op: &Operation,
    place: &str,
) -> Result<RequestCreatorPlan> {
    let input = op
        .input
        .as_ref()
        .ok_or_else(|| Error::new(format!("operation {} has no input", op.id.name)))?;
    let made_ref = def
        .resource
        .as_ref()
        .ok_or_else(|| Error::new("returns no resource"))?;
    let mut list: Option<(Path, String, ShapeId)> = None;
    let mut ids = Vec::new();
    for made_id in &made.identifiers {
        let place = format!("{place}, identifier {}", made_id.name);
        let param = made_ref
            .identifiers
            .iter()
            .find(|p| p.target == made_id.name)
            .ok_or_else(|| Error::new("the action does not say where it comes from").at(&place))?;
        let id = request_id(ctx, input, &def.request.params, param, &mut list)
            .map_err(|e| e.at(&place))?;
        ids.push(RequestId {
            name: made_id.name.clone(),
            ..id
        });
    }
    let many = list.is_some();
    Ok(RequestCreatorPlan {
        operation: op.id.name.clone(),
        fluent: ident(&ctx.operation(&op.id)?.fluent)?,
        method: ident(&rules::send_for(&made.name, many))?,
        list: list.map(|(path, text, _)| (path, text)),
        ids,
        actions: Vec::new(),
    })
}

/// Where one identifier is read; a list it goes through is set in (or must
/// agree with) `list`.
fn request_id(
    ctx: &Ctx<'_>,
    input: &ShapeId,
    request_params: &[ResourceParam],
    param: &ResourceParam,
    list: &mut Option<(Path, String, ShapeId)>,
) -> Result<RequestId> {
    let text = match &param.source {
        ParamSource::RequestParameter(path) => path.clone(),
        // The acting resource's identifier, read where the request carries it.
        ParamSource::Identifier(name) => request_params
            .iter()
            .find(|p| p.source == ParamSource::Identifier(name.clone()))
            .map(|p| p.target.clone())
            .ok_or_else(|| {
                Error::new(format!(
                    "comes from the identifier {name}, which the request does not carry"
                ))
            })?,
        other => {
            return Err(Error::new(format!(
                "comes from {other:?}, which is not supported with identifiers from the request"
            )))
        }
    };
    let expr = jmespath::parse(&text)?;
    match &expr {
        Expr::Project(over, each) if **each != Expr::Current => {
            let Expr::Flatten(over) = &**over else {
                return Err(Error::new(format!("the path {text} is not supported yet")));
            };
            let (list_path, list_shape) = resolve_expr(ctx, input, over, &text)?;
            let ShapeKind::List(item) = &ctx.shape(&list_shape)?.kind else {
                return Err(Error::new(format!(
                    "in the path {text}, the value before `[]` is not a list"
                )));
            };
            let list_text = text.split("[]").next().unwrap_or_default().to_string();
            match list {
                Some((_, seen, _)) if *seen != list_text => {
                    return Err(Error::new(format!(
                        "the path {text} goes through another list than {seen}[]: \
                         one resource per item of two lists is not supported"
                    )))
                }
                Some(_) => {}
                None => *list = Some((list_path, list_text, list_shape.clone())),
            }
            let (path, _) = resolve_expr(ctx, &item.target, each, &text)?;
            let (shape, member) = last_member(ctx, &item.target, each, &text)?;
            Ok(RequestId {
                name: String::new(),
                from: IdFrom::Item(path),
                shape,
                member,
            })
        }
        _ => {
            let (path, _) = resolve_expr(ctx, input, &expr, &text)?;
            let (shape, member) = last_member(ctx, input, &expr, &text)?;
            Ok(RequestId {
                name: String::new(),
                from: IdFrom::Input(path),
                shape,
                member,
            })
        }
    }
}

/// The model names of the structure holding the last member of a path
/// from `shape`, and of that member (`Tag`, `Key`).
fn last_member(
    ctx: &Ctx<'_>,
    shape: &ShapeId,
    expr: &Expr,
    text: &str,
) -> Result<(String, String)> {
    let steps = segments(expr, text)?;
    let mut shape = shape.clone();
    let Some(((last, _), before)) = steps.split_last() else {
        return Err(Error::new(format!("the path {text} names no member")));
    };
    for (name, first) in before {
        shape = ctx.member(&shape, name)?.member.target.clone();
        if *first {
            if let ShapeKind::List(item) = &ctx.shape(&shape)?.kind {
                shape = item.target.clone();
            }
        }
    }
    Ok((shape.name.clone(), last.to_string()))
}
