//! Smithy JSON AST (2.0 or 1.0) to IR.
//!
//! In order: `apply` shapes are merged into their targets, mixins are
//! flattened into the shapes that use them, the one service and the
//! operations bound to it (directly or through resources) are lowered,
//! every other shape is lowered (reachable from the service or not: slicing
//! is a later pass), and finally every reference is checked. Prelude shapes
//! that are referred to (`smithy.api#String`, ...) are added to
//! [`ir::Model::shapes`] so that every target resolves.
//!
//! Mixin shapes themselves (`smithy.api#mixin`) are not lowered: their
//! members and traits live on in the shapes that use them. Common errors of
//! the service are appended to every operation's errors. Traits the IR has
//! no room for are ignored.

use std::collections::{BTreeMap, BTreeSet};

use serde::Deserialize;
use serde_json::Value;

use crate::input::smithy::{traits, Ast, AstMember, AstShape, Members, Reference, Traits};
use crate::ir::{self, ShapeId, ShapeKind, SimpleType};
use crate::{Error, Result};

const DOCUMENTATION: &str = "smithy.api#documentation";
const DEPRECATED: &str = "smithy.api#deprecated";
const PAGINATED: &str = "smithy.api#paginated";
const MIXIN: &str = "smithy.api#mixin";
const UNIT: &str = "smithy.api#Unit";
/// Marks a shape as a trait definition, not data.
const TRAIT: &str = "smithy.api#trait";
/// This project's extension trait on operations: the maximum number of
/// attempts of each waiter (`{"ImageAvailable": 40}`), botocore's
/// `maxAttempts`, which the Smithy waiters specification has no place for
/// (its waiters are bounded by time). Written by [`crate::export::smithy`]
/// with its definition.
pub const WAITER_MAX_ATTEMPTS: &str = "aws.bindgen#waiterMaxAttempts";
/// This project's extension trait on operations: the acceptors of each
/// waiter that match an HTTP status (botocore `status` matchers), which
/// Smithy waiters have no matcher for, with their index among the
/// waiter's acceptors (`{"InstanceProfileExists": [{"index": 1, "state":
/// "retry", "status": 404}]}`). Written by [`crate::export::smithy`] with
/// its definition.
pub const WAITER_STATUS_ACCEPTORS: &str = "aws.bindgen#waiterStatusAcceptors";

/// The protocols the generator knows, in the order they are preferred when
/// a service has several.
const PROTOCOLS: [ir::Protocol; 6] = [
    ir::Protocol::Ec2Query,
    ir::Protocol::AwsQuery,
    ir::Protocol::AwsJson1_0,
    ir::Protocol::AwsJson1_1,
    ir::Protocol::RestJson1,
    ir::Protocol::RestXml,
];

/// Lowers a parsed Smithy JSON AST into the IR.
pub fn lower(ast: &Ast) -> Result<ir::Model> {
    let major = ast.smithy.split('.').next().unwrap_or_default();
    if major != "1" && major != "2" {
        return Err(Error::new(format!(
            "unsupported Smithy IDL version `{}` (expected 1.0 or 2.0)",
            ast.smithy
        )));
    }
    let shapes = flatten_mixins(apply(ast)?)?;
    let service_id = the_service(&shapes)?;
    let service_shape = lookup(&shapes, &service_id, "service")?;
    let service = lower_service(&service_id, service_shape)?;
    let service_place = format!("service {service_id}");
    let service_paging: traits::Paginated =
        read(&service_shape.traits, PAGINATED, &service_place)?.unwrap_or_default();
    let common_errors = references(&service_shape.errors, &service_place)?;

    let mut operations = BTreeMap::new();
    for id in bound_operations(&shapes, &service_id)? {
        let shape = lookup(&shapes, &id, "operation")?;
        let mut op = lower_operation(&id, shape, &service_paging)?;
        for error in &common_errors {
            if !op.errors.contains(error) {
                op.errors.push(error.clone());
            }
        }
        operations.insert(id, op);
    }

    let mut lowered = BTreeMap::new();
    for (id, shape) in &shapes {
        let is_data = !matches!(shape.kind.as_str(), "service" | "operation" | "resource");
        let is_definition = shape.traits.contains_key(MIXIN) || shape.traits.contains_key(TRAIT);
        if is_data && !is_definition {
            lowered.insert(id.clone(), lower_shape(id, shape)?);
        }
    }

    let mut model = ir::Model {
        service,
        operations,
        shapes: lowered,
    };
    resolve_references(&mut model, &shapes)?;
    Ok(model)
}

/// Parses an absolute shape id written at `place`.
fn shape_id(text: &str, place: &str) -> Result<ShapeId> {
    ShapeId::parse(text)
        .ok_or_else(|| Error::new(format!("`{text}` is not an absolute shape id")).at(place))
}

/// Parses a list of references made at `place`.
fn references(refs: &[Reference], place: &str) -> Result<Vec<ShapeId>> {
    refs.iter().map(|r| shape_id(&r.target, place)).collect()
}

/// Looks up a shape the lowering already knows to be there.
fn lookup<'a>(
    shapes: &'a BTreeMap<ShapeId, AstShape>,
    id: &ShapeId,
    what: &str,
) -> Result<&'a AstShape> {
    shapes
        .get(id)
        .ok_or_else(|| Error::new(format!("{what} {id} is not in the model")))
}

/// Reads the value of trait `id`, if present, as `T`.
fn read<'a, T: Deserialize<'a>>(traits: &'a Traits, id: &str, place: &str) -> Result<Option<T>> {
    traits
        .get(id)
        .map(|value| {
            T::deserialize(value).map_err(|err| Error::new(format!("trait {id}: {err}")).at(place))
        })
        .transpose()
}

/// Reads a trait whose value is a string.
fn text(traits: &Traits, id: &str, place: &str) -> Result<Option<String>> {
    read(traits, id, place)
}

/// True when an annotation trait (`smithy.api#required`, ...) is present.
fn flag(traits: &Traits, id: &str) -> bool {
    traits.contains_key(id)
}

fn deprecated(traits: &Traits, place: &str) -> Result<Option<ir::Deprecated>> {
    let value: Option<traits::Deprecated> = read(traits, DEPRECATED, place)?;
    Ok(value.map(|d| ir::Deprecated {
        message: d.message,
        since: d.since,
    }))
}

fn timestamp_format(traits: &Traits, place: &str) -> Result<Option<ir::TimestampFormat>> {
    let value: Option<traits::TimestampFormat> = read(traits, "smithy.api#timestampFormat", place)?;
    Ok(value.map(|f| match f {
        traits::TimestampFormat::DateTime => ir::TimestampFormat::DateTime,
        traits::TimestampFormat::HttpDate => ir::TimestampFormat::HttpDate,
        traits::TimestampFormat::EpochSeconds => ir::TimestampFormat::EpochSeconds,
    }))
}

/// Merges `new` traits into `existing`; the same trait with another value
/// is a conflict.
fn merge_traits(existing: &mut Traits, new: &Traits, place: &str) -> Result<()> {
    for (id, value) in new {
        match existing.get(id) {
            Some(old) if old != value => {
                return Err(Error::new(format!(
                    "trait {id} is applied with a value that conflicts with the one already there"
                ))
                .at(place))
            }
            Some(_) => {}
            None => {
                existing.insert(id.clone(), value.clone());
            }
        }
    }
    Ok(())
}

/// The shapes by parsed id, with the `apply` entries merged into the shapes
/// or members they target.
fn apply(ast: &Ast) -> Result<BTreeMap<ShapeId, AstShape>> {
    let mut shapes = BTreeMap::new();
    let mut applies = Vec::new();
    for (key, shape) in &ast.shapes {
        if shape.kind == "apply" {
            applies.push((key, shape));
        } else {
            shapes.insert(shape_id(key, &format!("shape {key}"))?, shape.clone());
        }
    }
    for (key, shape) in applies {
        let place = format!("apply {key}");
        let (target, member) = match key.split_once('$') {
            Some((target, member)) => (target, Some(member)),
            None => (key.as_str(), None),
        };
        let id = shape_id(target, &place)?;
        let Some(target_shape) = shapes.get_mut(&id) else {
            return Err(
                Error::new(format!("applies traits to {id}, which is not in the model")).at(place),
            );
        };
        let traits = match member {
            None => &mut target_shape.traits,
            Some(name) => match member_mut(target_shape, name) {
                Some(m) => &mut m.traits,
                None => {
                    return Err(Error::new(format!(
                        "applies traits to member `{name}` of {id}, which the shape does not \
                         declare itself"
                    ))
                    .at(place))
                }
            },
        };
        merge_traits(traits, &shape.traits, &place)?;
    }
    Ok(shapes)
}

/// The member called `name` that a shape declares itself.
fn member_mut<'a>(shape: &'a mut AstShape, name: &str) -> Option<&'a mut AstMember> {
    match name {
        "member" if shape.member.is_some() => shape.member.as_mut(),
        "key" if shape.key.is_some() => shape.key.as_mut(),
        "value" if shape.value.is_some() => shape.value.as_mut(),
        _ => shape
            .members
            .0
            .iter_mut()
            .find(|(n, _)| n == name)
            .map(|(_, m)| m),
    }
}

/// Every shape with its mixins flattened into it.
fn flatten_mixins(shapes: BTreeMap<ShapeId, AstShape>) -> Result<BTreeMap<ShapeId, AstShape>> {
    let mut flat = BTreeMap::new();
    for (id, shape) in &shapes {
        let shape = if shape.mixins.is_empty() {
            shape.clone()
        } else {
            flatten(&shapes, id, &mut Vec::new())?
        };
        flat.insert(id.clone(), shape);
    }
    Ok(flat)
}

/// One shape with its mixins flattened: the mixins' members first, in the
/// order the mixins are listed, then its own; the mixins' traits (but
/// `smithy.api#mixin` and their local traits), overridden by its own.
fn flatten(
    shapes: &BTreeMap<ShapeId, AstShape>,
    id: &ShapeId,
    visiting: &mut Vec<ShapeId>,
) -> Result<AstShape> {
    let place = format!("shape {id}");
    let Some(shape) = shapes.get(id) else {
        return Err(Error::new(format!("shape {id} is not in the model")));
    };
    if visiting.contains(id) {
        return Err(Error::new("its mixins form a cycle").at(place));
    }
    visiting.push(id.clone());
    let mut out = shape.clone();
    out.mixins.clear();
    out.members = Members::default();
    out.traits = Traits::new();
    for mixin in &shape.mixins {
        let mixin_id = shape_id(&mixin.target, &place)?;
        if !shapes.contains_key(&mixin_id) {
            return Err(
                Error::new(format!("mixin {mixin_id} is not in the model")).at(place.clone())
            );
        }
        let inherited = flatten(shapes, &mixin_id, visiting)?;
        let local: Vec<String> = inherited
            .traits
            .get(MIXIN)
            .and_then(|m| m.get("localTraits"))
            .and_then(Value::as_array)
            .map(|ids| {
                ids.iter()
                    .filter_map(|t| t.as_str().map(str::to_owned))
                    .collect()
            })
            .unwrap_or_default();
        for (trait_id, value) in inherited.traits {
            if trait_id != MIXIN && !local.contains(&trait_id) {
                out.traits.insert(trait_id, value);
            }
        }
        for (name, member) in inherited.members.0 {
            add_member(&mut out.members, name, member);
        }
        out.member = out.member.or(inherited.member);
        out.key = out.key.or(inherited.key);
        out.value = out.value.or(inherited.value);
    }
    for (name, member) in &shape.members.0 {
        add_member(&mut out.members, name.clone(), member.clone());
    }
    for (trait_id, value) in &shape.traits {
        out.traits.insert(trait_id.clone(), value.clone());
    }
    if let Some(member) = &shape.member {
        out.member = Some(member.clone());
    }
    if let Some(key) = &shape.key {
        out.key = Some(key.clone());
    }
    if let Some(value) = &shape.value {
        out.value = Some(value.clone());
    }
    visiting.pop();
    Ok(out)
}

/// Adds a member; a member already there keeps its place, takes the new
/// target and gains the new traits.
fn add_member(members: &mut Members, name: String, member: AstMember) {
    match members.0.iter_mut().find(|(n, _)| *n == name) {
        Some((_, existing)) => {
            existing.target = member.target;
            existing.traits.extend(member.traits);
        }
        None => members.0.push((name, member)),
    }
}

/// The id of the one service shape.
fn the_service(shapes: &BTreeMap<ShapeId, AstShape>) -> Result<ShapeId> {
    let services: Vec<&ShapeId> = shapes
        .iter()
        .filter(|(_, s)| s.kind == "service")
        .map(|(id, _)| id)
        .collect();
    match services.as_slice() {
        [one] => Ok((*one).clone()),
        [] => Err(Error::new(
            "the model has no service shape; exactly one is needed",
        )),
        many => Err(Error::new(format!(
            "the model has {} service shapes ({}); exactly one is needed",
            many.len(),
            many.iter()
                .map(|id| id.to_string())
                .collect::<Vec<_>>()
                .join(", ")
        ))),
    }
}

fn lower_service(id: &ShapeId, shape: &AstShape) -> Result<ir::Service> {
    let place = format!("service {id}");
    let t = &shape.traits;
    let Some(protocol) = PROTOCOLS
        .into_iter()
        .find(|p| t.contains_key(p.smithy_trait()))
    else {
        let names: Vec<&str> = t.keys().map(String::as_str).collect();
        return Err(Error::new(format!(
            "no supported protocol trait ({}); the service's traits are: {}",
            PROTOCOLS.map(ir::Protocol::smithy_trait).join(", "),
            if names.is_empty() {
                "none".to_string()
            } else {
                names.join(", ")
            }
        ))
        .at(place));
    };
    let aws: Option<traits::AwsService> = read(t, "aws.api#service", &place)?;
    let sigv4: Option<traits::Sigv4> = read(t, "aws.auth#sigv4", &place)?;
    let xml_namespace: Option<traits::XmlNamespace> = read(t, "smithy.api#xmlNamespace", &place)?;
    let (sdk_id, endpoint_prefix) = match aws {
        Some(aws) => (aws.sdk_id, aws.endpoint_prefix),
        None => (None, None),
    };
    Ok(ir::Service {
        id: id.clone(),
        version: shape.version.clone().unwrap_or_default(),
        protocol,
        sdk_id,
        endpoint_prefix,
        signing_name: sigv4.map(|s| s.name),
        xml_namespace: xml_namespace.map(|x| x.uri),
        docs: text(t, DOCUMENTATION, &place)?,
        title: text(t, "smithy.api#title", &place)?,
    })
}

/// The operations bound to the service, directly or through its resources.
fn bound_operations(
    shapes: &BTreeMap<ShapeId, AstShape>,
    service: &ShapeId,
) -> Result<BTreeSet<ShapeId>> {
    let mut operations = BTreeSet::new();
    let mut seen = BTreeSet::new();
    let mut pending = vec![service.clone()];
    while let Some(container) = pending.pop() {
        if !seen.insert(container.clone()) {
            continue;
        }
        let Some(shape) = shapes.get(&container) else {
            continue;
        };
        let place = format!("{} {container}", shape.kind);
        let lifecycle = [
            &shape.create,
            &shape.put,
            &shape.read,
            &shape.update,
            &shape.delete,
            &shape.list,
        ];
        let op_refs = shape
            .operations
            .iter()
            .chain(&shape.collection_operations)
            .chain(lifecycle.into_iter().flatten());
        for r in op_refs {
            let id = shape_id(&r.target, &place)?;
            match shapes.get(&id).map(|s| s.kind.as_str()) {
                Some("operation") => {
                    operations.insert(id);
                }
                other => return Err(not_a(&id, "operation", other).at(place)),
            }
        }
        for r in &shape.resources {
            let id = shape_id(&r.target, &place)?;
            match shapes.get(&id).map(|s| s.kind.as_str()) {
                Some("resource") => pending.push(id),
                other => return Err(not_a(&id, "resource", other).at(place)),
            }
        }
    }
    Ok(operations)
}

/// The error for a reference to `id` that should be a `wanted` shape but
/// is of type `found` (or missing).
fn not_a(id: &ShapeId, wanted: &str, found: Option<&str>) -> Error {
    match found {
        None => Error::new(format!("binds {id}, which is not in the model")),
        Some(kind) => Error::new(format!("binds {id}, which is a {kind}, not a {wanted}")),
    }
}

fn lower_operation(
    id: &ShapeId,
    shape: &AstShape,
    service_paging: &traits::Paginated,
) -> Result<ir::Operation> {
    let place = format!("operation {id}");
    let io = |r: &Option<Reference>| -> Result<Option<ShapeId>> {
        match r {
            Some(r) if r.target != UNIT => shape_id(&r.target, &place).map(Some),
            _ => Ok(None),
        }
    };
    let t = &shape.traits;
    let paging: Option<traits::Paginated> = read(t, PAGINATED, &place)?;
    let paginator = paging
        .map(|p| paginator(p, service_paging, &place))
        .transpose()?;
    let waitable: traits::Waitable =
        read(t, "smithy.waiters#waitable", &place)?.unwrap_or_default();
    let mut attempts: BTreeMap<String, u32> =
        read(t, WAITER_MAX_ATTEMPTS, &place)?.unwrap_or_default();
    if let Some(name) = attempts.keys().find(|n| !waitable.contains_key(*n)) {
        return Err(Error::new(format!(
            "trait {WAITER_MAX_ATTEMPTS} names a waiter `{name}` that the operation does not have"
        ))
        .at(place));
    }
    let mut statuses: BTreeMap<String, Vec<traits::StatusAcceptor>> =
        read(t, WAITER_STATUS_ACCEPTORS, &place)?.unwrap_or_default();
    if let Some(name) = statuses.keys().find(|n| !waitable.contains_key(*n)) {
        return Err(Error::new(format!(
            "trait {WAITER_STATUS_ACCEPTORS} names a waiter `{name}` that the operation does not have"
        ))
        .at(place));
    }
    let waiters = waitable
        .into_iter()
        .map(|(name, w)| {
            let max_attempts = attempts.remove(&name);
            let mut waiter = waiter(w, max_attempts);
            let statuses = statuses.remove(&name).unwrap_or_default();
            insert_status_acceptors(&mut waiter, statuses)
                .map_err(|e| e.at(format!("{place}, waiter {name}")))?;
            Ok((name, waiter))
        })
        .collect::<Result<_>>()?;
    Ok(ir::Operation {
        id: id.clone(),
        input: io(&shape.input)?,
        output: io(&shape.output)?,
        errors: references(&shape.errors, &place)?,
        docs: text(t, DOCUMENTATION, &place)?,
        deprecated: deprecated(t, &place)?,
        paginator,
        waiters,
    })
}

/// An operation's `smithy.api#paginated` merged with the service's.
fn paginator(
    op: traits::Paginated,
    service: &traits::Paginated,
    place: &str,
) -> Result<ir::Paginator> {
    let missing = |field: &str| {
        Error::new(format!(
            "trait {PAGINATED} has no {field}, neither on the operation nor on the service"
        ))
        .at(place)
    };
    Ok(ir::Paginator {
        input_token: op
            .input_token
            .or_else(|| service.input_token.clone())
            .ok_or_else(|| missing("inputToken"))?,
        output_token: op
            .output_token
            .or_else(|| service.output_token.clone())
            .ok_or_else(|| missing("outputToken"))?,
        items: op.items.or_else(|| service.items.clone()),
        page_size: op.page_size.or_else(|| service.page_size.clone()),
    })
}

fn waiter(w: traits::Waiter, max_attempts: Option<u32>) -> ir::Waiter {
    ir::Waiter {
        docs: w.documentation,
        min_delay: w.min_delay.unwrap_or(2),
        max_delay: Some(w.max_delay.unwrap_or(120)),
        max_attempts,
        acceptors: w.acceptors.into_iter().map(acceptor).collect(),
    }
}

/// Puts the acceptors of [`WAITER_STATUS_ACCEPTORS`] back among the
/// waiter's others, each at its index.
fn insert_status_acceptors(
    waiter: &mut ir::Waiter,
    mut statuses: Vec<traits::StatusAcceptor>,
) -> Result<()> {
    statuses.sort_by_key(|a| a.index);
    for a in statuses {
        if a.index > waiter.acceptors.len() {
            return Err(Error::new(format!(
                "trait {WAITER_STATUS_ACCEPTORS}: acceptor index {} is past the {} acceptors",
                a.index,
                waiter.acceptors.len()
            )));
        }
        let acceptor = ir::Acceptor {
            state: acceptor_state(a.state),
            matcher: ir::Matcher::Status(a.status),
        };
        waiter.acceptors.insert(a.index, acceptor);
    }
    Ok(())
}

fn acceptor_state(state: traits::AcceptorState) -> ir::AcceptorState {
    match state {
        traits::AcceptorState::Success => ir::AcceptorState::Success,
        traits::AcceptorState::Failure => ir::AcceptorState::Failure,
        traits::AcceptorState::Retry => ir::AcceptorState::Retry,
    }
}

fn acceptor(a: traits::Acceptor) -> ir::Acceptor {
    use traits::Matcher;
    let comparator = |c: traits::Comparator| match c {
        traits::Comparator::StringEquals => ir::Comparator::StringEquals,
        traits::Comparator::BooleanEquals => ir::Comparator::BooleanEquals,
        traits::Comparator::AllStringEquals => ir::Comparator::AllStringEquals,
        traits::Comparator::AnyStringEquals => ir::Comparator::AnyStringEquals,
    };
    ir::Acceptor {
        state: acceptor_state(a.state),
        matcher: match a.matcher {
            Matcher::Output(m) => ir::Matcher::Output {
                path: m.path,
                expected: m.expected,
                comparator: comparator(m.comparator),
            },
            Matcher::InputOutput(m) => ir::Matcher::InputOutput {
                path: m.path,
                expected: m.expected,
                comparator: comparator(m.comparator),
            },
            Matcher::Success(ok) => ir::Matcher::Success(ok),
            Matcher::ErrorType(name) => ir::Matcher::ErrorType(name),
        },
    }
}

fn lower_shape(id: &ShapeId, shape: &AstShape) -> Result<ir::Shape> {
    let place = format!("shape {id}");
    let t = &shape.traits;
    let collection_member = |name: &str, member: &Option<AstMember>| -> Result<Box<ir::Member>> {
        match member {
            Some(m) => Ok(Box::new(lower_member(id, name, m)?)),
            None => Err(
                Error::new(format!("a {} needs a `{name}` member", shape.kind)).at(place.clone()),
            ),
        }
    };
    let kind = match shape.kind.as_str() {
        "structure" => ShapeKind::Structure(lower_members(id, &shape.members)?),
        "union" => ShapeKind::Union(lower_members(id, &shape.members)?),
        "enum" => ShapeKind::Enum(enum_values(id, &shape.members)?),
        "intEnum" => ShapeKind::IntEnum(int_enum_values(id, &shape.members)?),
        "list" | "set" => ShapeKind::List(collection_member("member", &shape.member)?),
        "map" => ShapeKind::Map {
            key: collection_member("key", &shape.key)?,
            value: collection_member("value", &shape.value)?,
        },
        "string" if t.contains_key("smithy.api#enum") => {
            let defs: Vec<traits::EnumDefinition> =
                read(t, "smithy.api#enum", &place)?.unwrap_or_default();
            ShapeKind::Enum(super::named_enum_values(
                defs.into_iter().map(|d| (d.name, d.value, d.documentation)),
            ))
        }
        other => match SimpleType::from_name(other) {
            Some(simple) => ShapeKind::Simple(simple),
            None => return Err(Error::new(format!("unknown shape type `{other}`")).at(place)),
        },
    };
    let error: Option<traits::ErrorFault> = read(t, "smithy.api#error", &place)?;
    let query_error: Option<AwsQueryError> = read(t, "aws.protocols#awsQueryError", &place)?;
    let retryable: Option<Retryable> = read(t, "smithy.api#retryable", &place)?;
    let http_error: Option<u16> = read(t, "smithy.api#httpError", &place)?;
    Ok(ir::Shape {
        id: id.clone(),
        docs: text(t, DOCUMENTATION, &place)?,
        xml_name: text(t, "smithy.api#xmlName", &place)?,
        timestamp_format: timestamp_format(t, &place)?,
        error: error.map(|e| match e {
            traits::ErrorFault::Client => ir::ErrorFault::Client,
            traits::ErrorFault::Server => ir::ErrorFault::Server,
        }),
        error_code: query_error.as_ref().map(|e| e.code.clone()),
        error_status: query_error
            .and_then(|e| e.http_response_code)
            .or(http_error),
        retryable: retryable.map(|r| ir::Retryable {
            throttling: r.throttling,
        }),
        sensitive: flag(t, "smithy.api#sensitive"),
        deprecated: deprecated(t, &place)?,
        bounds: read(t, ir::Bounds::trait_for(&kind), &place)?
            .and_then(|b: Bounds| ir::Bounds::of(&kind, b.min, b.max)),
        kind,
    })
}

/// `smithy.api#length` and `smithy.api#range`.
#[derive(Deserialize)]
struct Bounds {
    min: Option<serde_json::Number>,
    max: Option<serde_json::Number>,
}

/// `aws.protocols#awsQueryError`.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct AwsQueryError {
    code: String,
    #[serde(default)]
    http_response_code: Option<u16>,
}

/// `smithy.api#retryable`.
#[derive(Deserialize)]
struct Retryable {
    #[serde(default)]
    throttling: bool,
}

fn lower_members(id: &ShapeId, members: &Members) -> Result<ir::Structure> {
    let members = members
        .0
        .iter()
        .map(|(name, m)| lower_member(id, name, m))
        .collect::<Result<_>>()?;
    Ok(ir::Structure { members })
}

fn lower_member(shape: &ShapeId, name: &str, m: &AstMember) -> Result<ir::Member> {
    let place = format!("shape {shape}, member {name}");
    let t = &m.traits;
    let xml_namespace: Option<traits::XmlNamespace> = read(t, "smithy.api#xmlNamespace", &place)?;
    Ok(ir::Member {
        name: name.to_string(),
        target: shape_id(&m.target, &place)?,
        docs: text(t, DOCUMENTATION, &place)?,
        required: flag(t, "smithy.api#required"),
        default: t.get("smithy.api#default").cloned(),
        xml_name: text(t, "smithy.api#xmlName", &place)?,
        ec2_query_name: text(t, "aws.protocols#ec2QueryName", &place)?,
        xml_flattened: flag(t, "smithy.api#xmlFlattened"),
        xml_attribute: flag(t, "smithy.api#xmlAttribute"),
        xml_namespace: xml_namespace.map(|x| x.uri),
        timestamp_format: timestamp_format(t, &place)?,
        idempotency_token: flag(t, "smithy.api#idempotencyToken"),
        host_label: flag(t, "smithy.api#hostLabel"),
        deprecated: deprecated(t, &place)?,
    })
}

fn enum_values(id: &ShapeId, members: &Members) -> Result<Vec<ir::EnumValue>> {
    members
        .0
        .iter()
        .map(|(name, m)| {
            let place = format!("shape {id}, member {name}");
            Ok(ir::EnumValue {
                name: name.clone(),
                value: text(&m.traits, "smithy.api#enumValue", &place)?
                    .unwrap_or_else(|| name.clone()),
                docs: text(&m.traits, DOCUMENTATION, &place)?,
            })
        })
        .collect()
}

fn int_enum_values(id: &ShapeId, members: &Members) -> Result<Vec<ir::IntEnumValue>> {
    members
        .0
        .iter()
        .map(|(name, m)| {
            let place = format!("shape {id}, member {name}");
            let value: Option<i64> = read(&m.traits, "smithy.api#enumValue", &place)?;
            Ok(ir::IntEnumValue {
                name: name.clone(),
                value: value.ok_or_else(|| {
                    Error::new("an intEnum member needs an integer smithy.api#enumValue")
                        .at(place.clone())
                })?,
                docs: text(&m.traits, DOCUMENTATION, &place)?,
            })
        })
        .collect()
}

/// The shape a prelude id names, if it is in the prelude.
fn prelude_shape(id: &ShapeId) -> Option<ir::Shape> {
    if !id.is_prelude() {
        return None;
    }
    let kind = match id.name.as_str() {
        "Unit" => ShapeKind::Structure(ir::Structure::default()),
        "String" => ShapeKind::Simple(SimpleType::String),
        "Blob" => ShapeKind::Simple(SimpleType::Blob),
        "BigInteger" => ShapeKind::Simple(SimpleType::BigInteger),
        "BigDecimal" => ShapeKind::Simple(SimpleType::BigDecimal),
        "Timestamp" => ShapeKind::Simple(SimpleType::Timestamp),
        "Document" => ShapeKind::Simple(SimpleType::Document),
        "Boolean" | "PrimitiveBoolean" => ShapeKind::Simple(SimpleType::Boolean),
        "Byte" | "PrimitiveByte" => ShapeKind::Simple(SimpleType::Byte),
        "Short" | "PrimitiveShort" => ShapeKind::Simple(SimpleType::Short),
        "Integer" | "PrimitiveInteger" => ShapeKind::Simple(SimpleType::Integer),
        "Long" | "PrimitiveLong" => ShapeKind::Simple(SimpleType::Long),
        "Float" | "PrimitiveFloat" => ShapeKind::Simple(SimpleType::Float),
        "Double" | "PrimitiveDouble" => ShapeKind::Simple(SimpleType::Double),
        _ => return None,
    };
    Some(ir::Shape::new(id.clone(), kind))
}

/// Checks that every member target and every operation input, output and
/// error resolves, adding the prelude shapes referred to.
fn resolve_references(
    model: &mut ir::Model,
    ast_shapes: &BTreeMap<ShapeId, AstShape>,
) -> Result<()> {
    let mut refs: Vec<(String, &'static str, ShapeId)> = Vec::new();
    for shape in model.shapes.values() {
        let members: Vec<&ir::Member> = match &shape.kind {
            ShapeKind::Structure(s) | ShapeKind::Union(s) => s.members.iter().collect(),
            ShapeKind::List(m) => vec![m],
            ShapeKind::Map { key, value } => vec![key, value],
            ShapeKind::Enum(_) | ShapeKind::IntEnum(_) | ShapeKind::Simple(_) => Vec::new(),
        };
        for m in members {
            let place = format!("shape {}, member {}", shape.id, m.name);
            refs.push((place, "targets", m.target.clone()));
        }
    }
    for op in model.operations.values() {
        let place = format!("operation {}", op.id);
        let targets = op.input.iter().chain(&op.output).chain(&op.errors);
        refs.extend(targets.map(|t| (place.clone(), "refers to", t.clone())));
    }
    for (place, verb, target) in refs {
        if model.shapes.contains_key(&target) {
            continue;
        }
        if let Some(prelude) = prelude_shape(&target) {
            model.shapes.insert(target, prelude);
            continue;
        }
        let why = match ast_shapes.get(&target) {
            Some(s) if s.traits.contains_key(MIXIN) => {
                "which is a mixin, not a shape that can be referred to".to_string()
            }
            Some(s) => format!("which is a {}, not a data shape", s.kind),
            None => "which is not in the model".to_string(),
        };
        return Err(Error::new(format!("{verb} {target}, {why}")).at(place));
    }
    Ok(())
}
