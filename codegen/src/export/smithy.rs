//! IR to Smithy JSON AST 2.0.
//!
//! The document is deterministic and diff-friendly: shapes sorted by id,
//! members and enum values in model order, traits sorted by trait id, and
//! nothing written that the IR does not hold (empty trait maps and member
//! lists are left out). Lowering the output again with
//! [`crate::lower::smithy::lower`] gives back the same IR, with the
//! exceptions below.
//!
//! What is written:
//! - the service, with its version, protocol trait, `aws.api#service`
//!   (sdkId, endpointPrefix), `aws.auth#sigv4`, `smithy.api#xmlNamespace`,
//!   documentation and title, and every operation of the model (sorted);
//! - operations with input, output, errors, documentation, deprecation,
//!   `smithy.api#paginated` and `smithy.waiters#waitable`;
//! - every shape outside the prelude (`smithy.api#...` shapes are never
//!   written); string enums as 2.0 `enum` shapes whose members target
//!   `smithy.api#Unit` and carry `smithy.api#enumValue`, likewise intEnums.
//!
//! - waiters' [`ir::Waiter::max_attempts`] (botocore `maxAttempts`), which
//!   Smithy waiters have no place for (they are bounded by time), in this
//!   project's operation trait [`WAITER_MAX_ATTEMPTS`], whose definition
//!   (a trait shape) is written with it.
//!
//! - waiters' [`ir::Matcher::Status`] acceptors (botocore `status`
//!   matchers), which Smithy waiters have no matcher for, in this project's
//!   operation trait [`WAITER_STATUS_ACCEPTORS`] (with their index among
//!   the waiter's acceptors), whose definition is written with it.
//!
//! What is lost, because Smithy has no place for it:
//! - a waiter's missing `max_delay` is written as nothing, which Smithy
//!   reads as its default, 120 seconds.

use std::collections::BTreeMap;

use serde_json::{json, Map, Value};

use crate::ir;
use crate::lower::smithy::{WAITER_MAX_ATTEMPTS, WAITER_STATUS_ACCEPTORS};

/// Writes the model as a pretty-printed Smithy JSON AST 2.0 document,
/// ending with a newline. The same model always gives the same bytes.
pub fn to_json(model: &ir::Model) -> String {
    let mut shapes = BTreeMap::new();
    shapes.insert(model.service.id.to_string(), service(model));
    for op in model.operations.values() {
        shapes.insert(op.id.to_string(), operation(op));
    }
    for shape in model.shapes.values().filter(|s| !s.id.is_prelude()) {
        shapes.insert(shape.id.to_string(), data_shape(shape));
    }
    let counts_attempts = model
        .operations
        .values()
        .flat_map(|op| op.waiters.values())
        .any(|w| w.max_attempts.is_some());
    if counts_attempts {
        shapes.insert(WAITER_MAX_ATTEMPTS.to_string(), max_attempts_definition());
    }
    let matches_statuses = model
        .operations
        .values()
        .flat_map(|op| op.waiters.values())
        .flat_map(|w| &w.acceptors)
        .any(|a| matches!(a.matcher, ir::Matcher::Status(_)));
    if matches_statuses {
        shapes.insert(
            WAITER_STATUS_ACCEPTORS.to_string(),
            status_acceptors_definition(),
        );
    }
    let document = json!({
        "smithy": "2.0",
        "shapes": shapes.into_iter().collect::<Map<String, Value>>(),
    });
    format!("{document:#}\n")
}

/// Trait values by trait id, written sorted.
#[derive(Default)]
struct Traits(BTreeMap<&'static str, Value>);

impl Traits {
    fn set(&mut self, id: &'static str, value: Value) {
        self.0.insert(id, value);
    }

    fn text(&mut self, id: &'static str, value: &Option<String>) {
        if let Some(value) = value {
            self.set(id, Value::String(value.clone()));
        }
    }

    fn flag(&mut self, id: &'static str, on: bool) {
        if on {
            self.set(id, json!({}));
        }
    }

    fn deprecated(&mut self, deprecated: &Option<ir::Deprecated>) {
        if let Some(d) = deprecated {
            let mut value = Map::new();
            put_text(&mut value, "message", &d.message);
            put_text(&mut value, "since", &d.since);
            self.set("smithy.api#deprecated", Value::Object(value));
        }
    }

    fn timestamp_format(&mut self, format: Option<ir::TimestampFormat>) {
        if let Some(format) = format {
            self.set("smithy.api#timestampFormat", json!(format.smithy_name()));
        }
    }

    /// Adds `"traits"` to `object` unless there are none.
    fn write_to(self, object: &mut Map<String, Value>) {
        if !self.0.is_empty() {
            let traits = self.0.into_iter().map(|(k, v)| (k.to_string(), v));
            object.insert("traits".into(), Value::Object(traits.collect()));
        }
    }
}

/// Inserts `key: value` when there is a value.
fn put_text(object: &mut Map<String, Value>, key: &str, value: &Option<String>) {
    if let Some(value) = value {
        object.insert(key.into(), Value::String(value.clone()));
    }
}

fn target(id: &ir::ShapeId) -> Value {
    json!({ "target": id.to_string() })
}

fn shape_object(kind: &str) -> Map<String, Value> {
    let mut object = Map::new();
    object.insert("type".into(), json!(kind));
    object
}

fn service(model: &ir::Model) -> Value {
    let s = &model.service;
    let mut object = shape_object("service");
    if !s.version.is_empty() {
        object.insert("version".into(), json!(s.version));
    }
    if !model.operations.is_empty() {
        let mut ops: Vec<String> = model.operations.keys().map(|id| id.to_string()).collect();
        ops.sort();
        let ops = ops.into_iter().map(|id| json!({ "target": id })).collect();
        object.insert("operations".into(), Value::Array(ops));
    }
    let mut traits = Traits::default();
    traits.set(s.protocol.smithy_trait(), json!({}));
    if s.sdk_id.is_some() || s.endpoint_prefix.is_some() {
        let mut aws = Map::new();
        put_text(&mut aws, "sdkId", &s.sdk_id);
        put_text(&mut aws, "endpointPrefix", &s.endpoint_prefix);
        traits.set("aws.api#service", Value::Object(aws));
    }
    if let Some(name) = &s.signing_name {
        traits.set("aws.auth#sigv4", json!({ "name": name }));
    }
    if let Some(uri) = &s.xml_namespace {
        traits.set("smithy.api#xmlNamespace", json!({ "uri": uri }));
    }
    traits.text("smithy.api#documentation", &s.docs);
    traits.text("smithy.api#title", &s.title);
    traits.write_to(&mut object);
    Value::Object(object)
}

fn operation(op: &ir::Operation) -> Value {
    let mut object = shape_object("operation");
    if let Some(input) = &op.input {
        object.insert("input".into(), target(input));
    }
    if let Some(output) = &op.output {
        object.insert("output".into(), target(output));
    }
    if !op.errors.is_empty() {
        object.insert("errors".into(), op.errors.iter().map(target).collect());
    }
    let mut traits = Traits::default();
    traits.text("smithy.api#documentation", &op.docs);
    traits.deprecated(&op.deprecated);
    if let Some(p) = &op.paginator {
        let mut paginated = Map::new();
        paginated.insert("inputToken".into(), json!(p.input_token));
        paginated.insert("outputToken".into(), json!(p.output_token));
        put_text(&mut paginated, "items", &p.items);
        put_text(&mut paginated, "pageSize", &p.page_size);
        traits.set("smithy.api#paginated", Value::Object(paginated));
    }
    if !op.waiters.is_empty() {
        let waiters = op
            .waiters
            .iter()
            .map(|(name, w)| (name.clone(), waiter(w)))
            .collect();
        traits.set("smithy.waiters#waitable", Value::Object(waiters));
        let attempts: Map<String, Value> = op
            .waiters
            .iter()
            .filter_map(|(name, w)| Some((name.clone(), json!(w.max_attempts?))))
            .collect();
        if !attempts.is_empty() {
            traits.set(WAITER_MAX_ATTEMPTS, Value::Object(attempts));
        }
        let statuses: Map<String, Value> = op
            .waiters
            .iter()
            .map(|(name, w)| (name.clone(), status_acceptors(w)))
            .filter(|(_, statuses)| !statuses.is_empty())
            .map(|(name, statuses)| (name, Value::Array(statuses)))
            .collect();
        if !statuses.is_empty() {
            traits.set(WAITER_STATUS_ACCEPTORS, Value::Object(statuses));
        }
    }
    traits.write_to(&mut object);
    Value::Object(object)
}

/// The definition of the [`WAITER_MAX_ATTEMPTS`] trait, so that Smithy
/// tools read the model.
fn max_attempts_definition() -> Value {
    json!({
        "type": "map",
        "key": {"target": "smithy.api#String"},
        "value": {"target": "smithy.api#Integer"},
        "traits": {
            "smithy.api#documentation": "The maximum number of attempts of each waiter of the \
                operation, by waiter name (botocore's `maxAttempts`).",
            "smithy.api#trait": {"selector": "operation"},
        },
    })
}

/// The definition of the [`WAITER_STATUS_ACCEPTORS`] trait, so that
/// Smithy tools read the model.
fn status_acceptors_definition() -> Value {
    json!({
        "type": "document",
        "traits": {
            "smithy.api#documentation": "The acceptors of each waiter of the operation that \
                match an HTTP status (botocore's `status` matchers), by waiter name: a list of \
                {index, state, status}, the index among the waiter's acceptors.",
            "smithy.api#trait": {"selector": "operation"},
        },
    })
}

/// A waiter's acceptors that match an HTTP status, with their index.
fn status_acceptors(w: &ir::Waiter) -> Vec<Value> {
    w.acceptors
        .iter()
        .enumerate()
        .filter_map(|(index, a)| match a.matcher {
            ir::Matcher::Status(status) => Some(json!({
                "index": index,
                "state": state_name(a.state),
                "status": status,
            })),
            _ => None,
        })
        .collect()
}

fn state_name(state: ir::AcceptorState) -> &'static str {
    match state {
        ir::AcceptorState::Success => "success",
        ir::AcceptorState::Failure => "failure",
        ir::AcceptorState::Retry => "retry",
    }
}

fn waiter(w: &ir::Waiter) -> Value {
    let mut object = Map::new();
    put_text(&mut object, "documentation", &w.docs);
    let acceptors = w.acceptors.iter().filter_map(acceptor).collect();
    object.insert("acceptors".into(), Value::Array(acceptors));
    object.insert("minDelay".into(), json!(w.min_delay));
    if let Some(max) = w.max_delay {
        object.insert("maxDelay".into(), json!(max));
    }
    Value::Object(object)
}

/// An acceptor, unless Smithy cannot express its matcher (a status
/// matcher, written in [`WAITER_STATUS_ACCEPTORS`] instead).
fn acceptor(a: &ir::Acceptor) -> Option<Value> {
    let state = state_name(a.state);
    let path_matcher = |path: &str, expected: &str, comparator: ir::Comparator| {
        let comparator = match comparator {
            ir::Comparator::StringEquals => "stringEquals",
            ir::Comparator::BooleanEquals => "booleanEquals",
            ir::Comparator::AllStringEquals => "allStringEquals",
            ir::Comparator::AnyStringEquals => "anyStringEquals",
        };
        json!({ "path": path, "expected": expected, "comparator": comparator })
    };
    let matcher = match &a.matcher {
        ir::Matcher::Output {
            path,
            expected,
            comparator,
        } => json!({ "output": path_matcher(path, expected, *comparator) }),
        ir::Matcher::InputOutput {
            path,
            expected,
            comparator,
        } => json!({ "inputOutput": path_matcher(path, expected, *comparator) }),
        ir::Matcher::Success(ok) => json!({ "success": ok }),
        ir::Matcher::ErrorType(name) => json!({ "errorType": name }),
        ir::Matcher::Status(_) => return None,
    };
    Some(json!({ "state": state, "matcher": matcher }))
}

fn data_shape(shape: &ir::Shape) -> Value {
    let mut object = shape_object(shape.kind.name());
    match &shape.kind {
        ir::ShapeKind::Structure(s) | ir::ShapeKind::Union(s) => {
            let members = s.members.iter().map(|m| (m.name.clone(), member(m)));
            put_members(&mut object, members.collect());
        }
        ir::ShapeKind::Enum(values) => {
            let members = values
                .iter()
                .map(|v| (v.name.clone(), enum_member(json!(v.value), &v.docs)));
            put_members(&mut object, members.collect());
        }
        ir::ShapeKind::IntEnum(values) => {
            let members = values
                .iter()
                .map(|v| (v.name.clone(), enum_member(json!(v.value), &v.docs)));
            put_members(&mut object, members.collect());
        }
        ir::ShapeKind::List(m) => {
            object.insert("member".into(), member(m));
        }
        ir::ShapeKind::Map { key, value } => {
            object.insert("key".into(), member(key));
            object.insert("value".into(), member(value));
        }
        ir::ShapeKind::Simple(_) => {}
    }
    let mut traits = Traits::default();
    traits.text("smithy.api#documentation", &shape.docs);
    traits.text("smithy.api#xmlName", &shape.xml_name);
    traits.timestamp_format(shape.timestamp_format);
    if let Some(fault) = shape.error {
        let fault = match fault {
            ir::ErrorFault::Client => "client",
            ir::ErrorFault::Server => "server",
        };
        traits.set("smithy.api#error", json!(fault));
    }
    if let Some(code) = &shape.error_code {
        let mut error = serde_json::Map::new();
        error.insert("code".into(), json!(code));
        if let Some(status) = shape.error_status {
            error.insert("httpResponseCode".into(), json!(status));
        }
        traits.set("aws.protocols#awsQueryError", Value::Object(error));
    }
    if let Some(status) = shape.error_status {
        traits.set("smithy.api#httpError", json!(status));
    }
    if let Some(retryable) = shape.retryable {
        let value = if retryable.throttling {
            json!({ "throttling": true })
        } else {
            json!({})
        };
        traits.set("smithy.api#retryable", value);
    }
    traits.flag("smithy.api#sensitive", shape.sensitive);
    traits.deprecated(&shape.deprecated);
    if let Some(bounds) = &shape.bounds {
        let mut value = Map::new();
        if let Some(min) = &bounds.min {
            value.insert("min".into(), Value::Number(min.clone()));
        }
        if let Some(max) = &bounds.max {
            value.insert("max".into(), Value::Number(max.clone()));
        }
        traits.set(ir::Bounds::trait_for(&shape.kind), Value::Object(value));
    }
    traits.write_to(&mut object);
    Value::Object(object)
}

fn put_members(object: &mut Map<String, Value>, members: Map<String, Value>) {
    if !members.is_empty() {
        object.insert("members".into(), Value::Object(members));
    }
}

fn enum_member(value: Value, docs: &Option<String>) -> Value {
    let mut object = Map::new();
    object.insert("target".into(), json!("smithy.api#Unit"));
    let mut traits = Traits::default();
    traits.set("smithy.api#enumValue", value);
    traits.text("smithy.api#documentation", docs);
    traits.write_to(&mut object);
    Value::Object(object)
}

fn member(m: &ir::Member) -> Value {
    let mut object = Map::new();
    object.insert("target".into(), json!(m.target.to_string()));
    let mut traits = Traits::default();
    traits.text("smithy.api#documentation", &m.docs);
    traits.flag("smithy.api#required", m.required);
    if let Some(default) = &m.default {
        traits.set("smithy.api#default", default.clone());
    }
    traits.text("smithy.api#xmlName", &m.xml_name);
    traits.text("aws.protocols#ec2QueryName", &m.ec2_query_name);
    traits.flag("smithy.api#xmlFlattened", m.xml_flattened);
    traits.flag("smithy.api#xmlAttribute", m.xml_attribute);
    if let Some(uri) = &m.xml_namespace {
        traits.set("smithy.api#xmlNamespace", json!({ "uri": uri }));
    }
    traits.timestamp_format(m.timestamp_format);
    traits.flag("smithy.api#idempotencyToken", m.idempotency_token);
    traits.flag("smithy.api#hostLabel", m.host_label);
    traits.deprecated(&m.deprecated);
    traits.write_to(&mut object);
    Value::Object(object)
}
