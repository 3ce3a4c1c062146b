//! The resource plans: each configured boto3 resource resolved against the
//! model: its identifiers, the operation that loads its data and the path
//! to it in the answer, its attributes, its actions and waiters with their
//! bound parameters, and the operations that return it (from their answer,
//! or from their request: `from_request.rs`). Paths (`Images[0]`,
//! `Reservations[0].Instances[0]`, `Filters[0].Values[0]`, `Images[].ImageId`)
//! are parsed by [`jmespath`](crate::jmespath) and resolved to structure
//! members with their Rust names. Errors name the resource and the action,
//! waiter, parameter or path.

use heck::ToSnakeCase;
use proc_macro2::{Ident, TokenStream};

mod bind;
mod from_request;
mod paths;

pub use from_request::{IdFrom, RequestCreatorPlan, RequestId};
pub use paths::{Path, Step};

use crate::ir::{
    Operation, ParamSource, Resource, ResourceModel, ResourceParam, ShapeId, ShapeKind,
};
use crate::jmespath::{self, Expr};
use crate::passes::naming::rules;
use crate::render::ident::ident;
use crate::render::{Ctx, NamedMember};
use crate::{Error, Result};
use bind::bind;
use paths::{resolve, resolve_expr};

/// A resource, ready to render.
#[derive(Debug, Clone)]
pub struct ResourcePlan {
    /// The resource's name (`Image`).
    pub name: String,
    /// Its type (`Image`).
    pub type_ident: Ident,
    /// The client method that makes a handle (`image`).
    pub constructor: Ident,
    /// Its identifiers: model name and field (`Id`, `id`).
    pub ids: Vec<(String, Ident)>,
    /// The documentation of its shape, if any.
    pub docs: Option<String>,
    /// Its data, if it has a shape and a load request.
    pub data: Option<DataPlan>,
    /// Its actions on configured operations, by action name.
    pub actions: Vec<ActionPlan>,
    /// Its waiters on configured operations.
    pub waiters: Vec<ResourceWaiterPlan>,
    /// The operations that return it.
    pub creators: Vec<CreatorPlan>,
    /// The operations that return it made from their request.
    pub request_creators: Vec<RequestCreatorPlan>,
    /// The names of its sub-resources.
    pub subresources: Vec<String>,
}

/// A resource's data: its type, how it is loaded, its attributes.
#[derive(Debug, Clone)]
pub struct DataPlan {
    /// The Rust type of the data.
    pub shape_type: TokenStream,
    /// The name of that type (`Image`), for docs.
    pub type_name: String,
    /// The load operation's name (`DescribeImages`).
    pub operation: String,
    /// Its client method.
    pub client_method: Ident,
    /// The parameters it binds.
    pub binds: Binds,
    /// The path to the data in its output.
    pub path: Path,
    /// The attribute getters.
    pub attributes: Vec<Attribute>,
}

/// An attribute getter: a member of the resource's shape.
#[derive(Debug, Clone)]
pub struct Attribute {
    /// The member's model name.
    pub member: String,
    /// Its field, also the getter's name.
    pub field: Ident,
    /// The field's type, boxed if it is (not in `Option`).
    pub ty: TokenStream,
    /// The member is required.
    pub required: bool,
}

/// An action: the operation's fluent builder with parameters bound.
#[derive(Debug, Clone)]
pub struct ActionPlan {
    /// The action's name (`CreateTags`).
    pub name: String,
    /// The method on the resource (`create_tags`).
    pub method: Ident,
    /// The operation's name (`CreateTags`).
    pub operation: String,
    /// Its client method.
    pub client_method: Ident,
    /// Its fluent builder type.
    pub fluent: Ident,
    /// The parameters bound.
    pub binds: Binds,
    /// The fluent builder's method that sends it and returns the resources
    /// it makes, and their resource's name (`send_for_tags`, `Tag`), if any.
    pub returns: Option<(Ident, String)>,
}

/// A resource waiter: the operation's waiter with parameters bound.
#[derive(Debug, Clone)]
pub struct ResourceWaiterPlan {
    /// The method on the resource (`wait_until_exists`).
    pub method: Ident,
    /// The service waiter (`ImageExists`).
    pub waiter: String,
    /// The fluent builder's method that runs it (`wait_until_image_exists`).
    pub fluent_method: Ident,
    /// The operation's client method.
    pub client_method: Ident,
    /// The operation's fluent builder type.
    pub fluent: Ident,
    /// The parameters bound.
    pub binds: Binds,
}

/// An operation whose answer holds the identifier of new resources.
#[derive(Debug, Clone)]
pub struct CreatorPlan {
    /// The operation's name.
    pub operation: String,
    /// Its fluent builder type.
    pub fluent: Ident,
    /// The method added to it (`send_for_image`, `send_for_images`).
    pub method: Ident,
    /// The identifier's path, as the model writes it.
    pub path_text: String,
    /// Where the identifiers are.
    pub ids: CreatedIds,
}

/// Where the identifiers of created resources are in an answer.
#[derive(Debug, Clone)]
pub enum CreatedIds {
    /// One resource, its identifier at this path of the output.
    One(Path),
    /// One resource per item of the list at `list`, its identifier at
    /// `id` in the item.
    Many {
        /// The path of the list in the output.
        list: Path,
        /// The path of the identifier in an item.
        id: Path,
    },
}

/// Parameters bound on a fluent builder.
#[derive(Debug, Clone, Default)]
pub struct Binds {
    /// Values read from the resource's data first, in order.
    pub data: Vec<DataValue>,
    /// The setter calls, in order.
    pub calls: Vec<SetCall>,
}

impl Binds {
    /// Some value comes from the resource's data, which must be loaded.
    pub fn needs_data(&self) -> bool {
        !self.data.is_empty()
    }
}

/// A value read from the resource's data into a variable.
#[derive(Debug, Clone)]
pub struct DataValue {
    /// The variable (`data_0`).
    pub var: Ident,
    /// The path in the data.
    pub path: Path,
    /// The path as the model writes it.
    pub text: String,
}

/// A bound value.
#[derive(Debug, Clone)]
pub enum Value {
    /// The identifier in this field of the handle.
    Identifier(Ident),
    /// The data value in this variable.
    Data(Ident),
    /// A constant string.
    Str(String),
    /// A constant integer.
    Int(i64),
    /// A constant boolean.
    Bool(bool),
}

/// A setter call on a fluent builder.
#[derive(Debug, Clone)]
pub enum SetCall {
    /// `.field(value)` (for a list member, one item).
    Member {
        /// The fluent setter.
        setter: Ident,
        /// The value.
        value: Value,
    },
    /// `.list(<Item>::builder() .a(x) .b(y) .build())`: one item of a list of
    /// structures, built from the fields bound to it.
    Item {
        /// The fluent setter of the list.
        setter: Ident,
        /// The item's type.
        item_type: TokenStream,
        /// Its fields' setters and values.
        fields: Vec<(Ident, Value)>,
    },
}

/// The plans of the resources `names` of `model`, in that order.
pub fn plan(ctx: &Ctx<'_>, model: &ResourceModel, names: &[String]) -> Result<Vec<ResourcePlan>> {
    names
        .iter()
        .map(|name| {
            let resource = model.resources.get(name).ok_or_else(|| {
                Error::new(format!("no resource named {name} in the resource model"))
            })?;
            plan_resource(ctx, model, names, resource)
        })
        .collect::<Result<Vec<_>>>()
        .map(link_returns)
}

/// Sets [`ActionPlan::returns`] of the actions that return resources made
/// from their request.
fn link_returns(mut plans: Vec<ResourcePlan>) -> Vec<ResourcePlan> {
    let made: Vec<(String, Ident, String)> = plans
        .iter()
        .flat_map(|p| {
            p.request_creators.iter().flat_map(move |c| {
                c.actions
                    .iter()
                    .map(move |a| (a.clone(), c.method.clone(), p.name.clone()))
            })
        })
        .collect();
    for plan in &mut plans {
        for action in &mut plan.actions {
            let name = format!("{}.{}", plan.name, action.name);
            if let Some((_, method, resource)) = made.iter().find(|(a, _, _)| *a == name) {
                action.returns = Some((method.clone(), resource.clone()));
            }
        }
    }
    plans
}

/// A snake-case identifier, a keyword getting a trailing `_`.
fn snake(name: &str) -> Result<Ident> {
    ident(&rules::snake(name, &[]))
}

fn plan_resource(
    ctx: &Ctx<'_>,
    model: &ResourceModel,
    names: &[String],
    r: &Resource,
) -> Result<ResourcePlan> {
    let place = format!("resource {}", r.name);
    let place_of = |what: String| format!("resource {}, {what}", r.name);
    let at = |what: String| move |e: Error| e.at(place_of(what));
    let ids: Vec<(String, Ident)> = r
        .identifiers
        .iter()
        .map(|i| Ok((i.name.clone(), snake(&i.name)?)))
        .collect::<Result<_>>()
        .map_err(|e: Error| e.at(&place))?;
    let shape_id = r
        .shape
        .as_ref()
        .map(|s| ShapeId::new(&ctx.model.service.id.namespace, s));
    let shape_type = shape_id
        .as_ref()
        .map(|id| ctx.value_type(id))
        .transpose()
        .map_err(|e| e.at(&place))?;
    let docs = shape_id
        .as_ref()
        .and_then(|id| ctx.model.shape(id))
        .and_then(|s| s.docs.clone());
    let mut reserved: Vec<String> = rules::RESOURCE
        .names
        .iter()
        .map(|s| s.to_string())
        .collect();
    reserved.extend(ids.iter().map(|(_, f)| f.to_string()));

    let data = match (&shape_id, shape_type, &r.load) {
        (Some(shape_id), Some(shape_type), Some(load)) => {
            let data = (|| {
                let op = operation(ctx, &load.request.operation)?;
                let place = place_of("load".into());
                let binds = bind(ctx, op, &load.request.params, &ids, None, &place)?;
                let output = op
                    .output
                    .as_ref()
                    .ok_or_else(|| Error::new("the load operation has no output"))?;
                let (path, found) = resolve(ctx, output, &load.path)?;
                if &found != shape_id {
                    return Err(Error::new(format!(
                        "the load path {} leads to {found}, not to the resource's shape {shape_id}",
                        load.path
                    )));
                }
                Ok(DataPlan {
                    shape_type,
                    type_name: ctx.names.type_name(shape_id)?.to_string(),
                    operation: op.id.name.clone(),
                    client_method: ident(&ctx.operation(&op.id)?.method)?,
                    binds,
                    path,
                    attributes: attributes(ctx, shape_id, &ids, &reserved)?,
                })
            })()
            .map_err(at("load".into()))?;
            Some(data)
        }
        _ => None,
    };

    // Actions may bind the resource's data only if it can be loaded.
    let data_shape = shape_id.as_ref().filter(|_| r.load.is_some());
    let mut actions = Vec::new();
    for (action, def) in &r.actions {
        // The crate holds the configured operations; other actions are left out.
        let Some(op) = ctx.model.operation_by_name(&def.request.operation) else {
            continue;
        };
        let plan = (|| {
            let method = ident(&rules::snake(action, &[&rules::RESOURCE]))?;
            if reserved.contains(&method.to_string()) {
                return Err(Error::new(
                    "the action is named like a method of the resource",
                ));
            }
            Ok(ActionPlan {
                name: action.clone(),
                method,
                operation: op.id.name.clone(),
                client_method: ident(&ctx.operation(&op.id)?.method)?,
                fluent: ident(&ctx.operation(&op.id)?.fluent)?,
                binds: bind(
                    ctx,
                    op,
                    &def.request.params,
                    &ids,
                    data_shape,
                    &place_of(format!("action {action}")),
                )?,
                returns: None,
            })
        })()
        .map_err(at(format!("action {action}")))?;
        actions.push(plan);
    }

    let mut waiters = Vec::new();
    for (waiter, def) in &r.waiters {
        // Waiters of operations the crate does not hold are left out.
        let Some(op) = ctx
            .model
            .operations
            .values()
            .find(|op| op.waiters.contains_key(&def.waiter_name))
        else {
            continue;
        };
        let plan = (|| {
            Ok(ResourceWaiterPlan {
                method: ident(&format!("wait_until_{}", waiter.to_snake_case()))?,
                waiter: def.waiter_name.clone(),
                fluent_method: ident(&format!("wait_until_{}", def.waiter_name.to_snake_case()))?,
                client_method: ident(&ctx.operation(&op.id)?.method)?,
                fluent: ident(&ctx.operation(&op.id)?.fluent)?,
                binds: bind(
                    ctx,
                    op,
                    &def.params,
                    &ids,
                    None,
                    &place_of(format!("waiter {waiter}")),
                )?,
            })
        })()
        .map_err(at(format!("waiter {waiter}")))?;
        waiters.push(plan);
    }

    let creators = creators(ctx, model, r)?;
    // A method that reads the answer wins over one of the same name that
    // reads the request.
    let mut request_creators = from_request::request_creators(ctx, model, names, r)?;
    request_creators.retain(|rc| {
        !creators
            .iter()
            .any(|c| c.fluent == rc.fluent && c.method == rc.method)
    });
    Ok(ResourcePlan {
        name: r.name.clone(),
        type_ident: ident(&r.name).map_err(|e| e.at(&place))?,
        constructor: snake(&r.name).map_err(|e| e.at(&place))?,
        ids,
        docs,
        data,
        actions,
        waiters,
        request_creators,
        creators,
        subresources: Vec::new(),
    })
}

/// The operation a request names, among the configured ones.
fn operation<'m>(ctx: &Ctx<'m>, name: &str) -> Result<&'m Operation> {
    ctx.model.operation_by_name(name).ok_or_else(|| {
        Error::new(format!(
            "names operation {name}, which is not among the configured operations"
        ))
    })
}

/// The attribute getters of the resource's shape: its members but those
/// named like an identifier (as in boto3, that attribute is the
/// identifier, which the handle already has).
fn attributes(
    ctx: &Ctx<'_>,
    shape_id: &ShapeId,
    ids: &[(String, Ident)],
    reserved: &[String],
) -> Result<Vec<Attribute>> {
    if !matches!(ctx.shape(shape_id)?.kind, ShapeKind::Structure(_)) {
        return Ok(Vec::new());
    }
    let mut attributes = Vec::new();
    for NamedMember { member, field, .. } in ctx.members(shape_id)? {
        if ids.iter().any(|(_, f)| *f == field) {
            continue;
        }
        if reserved.iter().any(|r| field == r) {
            return Err(Error::new(format!(
                "the attribute {} is named like a method of the resource",
                member.name
            )));
        }
        let mut ty = ctx.value_type(&member.target)?;
        if ctx.is_boxed(shape_id, member) {
            ty = quote::quote!(::std::boxed::Box<#ty>);
        }
        attributes.push(Attribute {
            member: member.name.clone(),
            field,
            ty,
            required: member.required,
        });
    }
    Ok(attributes)
}

/// The operations that return this resource: boto3's service actions that
/// name it, and operations whose output is exactly the resource's
/// identifier member. The identifier comes from a path of the output:
/// `Name` or `A.Name` gives one resource; `List[].Name` gives one per item.
/// Service actions whose identifiers come from elsewhere (several
/// identifiers, request parameters) are not among them.
fn creators(ctx: &Ctx<'_>, model: &ResourceModel, r: &Resource) -> Result<Vec<CreatorPlan>> {
    if r.identifiers.len() != 1 {
        return Ok(Vec::new());
    }
    let mut by_op: Vec<(&Operation, String)> = Vec::new();
    for def in model.service_actions.values() {
        let Some(made) = &def.resource else { continue };
        if made.type_name != r.name {
            continue;
        }
        let [ResourceParam {
            source: ParamSource::Response(path),
            ..
        }] = made.identifiers.as_slice()
        else {
            continue;
        };
        if let Some(op) = ctx.model.operation_by_name(&def.request.operation) {
            by_op.push((op, path.clone()));
        }
    }
    if let Some(member) = r.identifiers.first().and_then(|i| i.member_name.as_ref()) {
        for op in ctx.model.operations.values() {
            let Some(output) = &op.output else { continue };
            let only_member = match &ctx.shape(output)?.kind {
                ShapeKind::Structure(s) => s.members.len() == 1 && &s.members[0].name == member,
                _ => false,
            };
            if only_member && !by_op.iter().any(|(o, _)| o.id == op.id) {
                by_op.push((op, member.clone()));
            }
        }
    }
    by_op.sort_by(|a, b| a.0.id.cmp(&b.0.id));
    let mut plans = Vec::new();
    for (op, path) in by_op {
        let place = || {
            format!(
                "resource {}, returned by {}, identifier path {path}",
                r.name, op.id.name
            )
        };
        let plan = creator(ctx, r, op, &path).map_err(|e| e.at(place()))?;
        plans.push(plan);
    }
    Ok(plans)
}

fn creator(ctx: &Ctx<'_>, r: &Resource, op: &Operation, path: &str) -> Result<CreatorPlan> {
    let output = op
        .output
        .as_ref()
        .ok_or_else(|| Error::new("returns a resource but has no output"))?;
    let expr = jmespath::parse(path)?;
    let (ids, method) = match &expr {
        Expr::Project(list, each) if **each != Expr::Current => {
            let Expr::Flatten(list) = &**list else {
                return Err(Error::new(format!("the path {path} is not supported yet")));
            };
            let (list, list_shape) = resolve_expr(ctx, output, list, path)?;
            let ShapeKind::List(item) = &ctx.shape(&list_shape)?.kind else {
                return Err(Error::new(format!(
                    "in the path {path}, the value before `[]` is not a list"
                )));
            };
            let (id, _) = resolve_expr(ctx, &item.target, each, path)?;
            (
                CreatedIds::Many { list, id },
                rules::send_for(&r.name, true),
            )
        }
        _ => {
            let (id, _) = resolve_expr(ctx, output, &expr, path)?;
            let method = rules::send_for(&r.name, false);
            (CreatedIds::One(id), method)
        }
    };
    Ok(CreatorPlan {
        operation: op.id.name.clone(),
        fluent: ident(&ctx.operation(&op.id)?.fluent)?,
        method: ident(&method)?,
        path_text: path.to_string(),
        ids,
    })
}

#[cfg(test)]
mod tests;
