//! botocore (`service-2.json`, `paginators-1.json`, `waiters-2.json`) to IR.
//!
//! Shapes land in the namespace `com.amazonaws.<serviceid>`, derived from
//! `metadata.serviceId`. Members keep the model's order. Every error names
//! the file and the shape, member, operation, paginator or waiter.

use std::collections::{BTreeMap, HashSet};

use crate::input::botocore::{
    self as b, AcceptorEntry, MatcherKind, OneOrMany, PaginatorsDocument, ServiceDocument,
    ShapeRef, WaitersDocument,
};
use crate::ir::{self, ShapeId};
use crate::{BotocoreFiles, Error, Result};

/// Loads a botocore service model with its paginators and waiters.
pub fn load(files: BotocoreFiles<'_>) -> Result<ir::Model> {
    let service = b::parse_service(files.service)?;
    let mut model = lower_service(&service).map_err(|e| e.in_file(files.service.name))?;
    if let Some(file) = files.paginators {
        let doc = b::parse_paginators(file)?;
        add_paginators(&mut model, &doc).map_err(|e| e.in_file(file.name))?;
    }
    if let Some(file) = files.waiters {
        let doc = b::parse_waiters(file)?;
        add_waiters(&mut model, &doc).map_err(|e| e.in_file(file.name))?;
    }
    Ok(model)
}

/// Lowers a parsed `service-2.json` (without paginators and waiters).
pub fn lower_service(doc: &ServiceDocument) -> Result<ir::Model> {
    let meta = &doc.metadata;
    let service_id = meta
        .service_id
        .as_deref()
        .ok_or_else(|| Error::new("metadata has no serviceId").at("metadata"))?;
    let bare_id: String = service_id
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .collect();
    if bare_id.is_empty() {
        return Err(Error::new(format!(
            "serviceId `{service_id}` has no letter or digit to name the namespace"
        ))
        .at("metadata"));
    }
    let ns = format!("com.amazonaws.{}", bare_id.to_ascii_lowercase());
    // Older models (and older protocol test files) may have no apiVersion:
    // the requests then send an empty `Version`.
    let version = meta.api_version.clone().unwrap_or_default();
    let service = ir::Service {
        id: ShapeId::new(&ns, bare_id),
        version,
        protocol: protocol(meta)?,
        sdk_id: Some(service_id.to_string()),
        endpoint_prefix: meta.endpoint_prefix.clone(),
        signing_name: meta
            .signing_name
            .clone()
            .or_else(|| meta.endpoint_prefix.clone()),
        xml_namespace: meta.xml_namespace.as_ref().map(|n| n.uri().to_string()),
        docs: doc.documentation.clone(),
        title: meta.service_full_name.clone(),
    };

    let cx = Context {
        ns: &ns,
        names: doc.shapes.iter().map(|(name, _)| name).collect(),
        flattened: doc
            .shapes
            .iter()
            .filter(|(_, s)| s.flattened)
            .map(|(name, _)| name)
            .collect(),
    };

    let mut shapes = BTreeMap::new();
    for (name, shape) in doc.shapes.iter() {
        let lowered = cx.shape(name, shape)?;
        shapes.insert(lowered.id.clone(), lowered);
    }

    let mut operations = BTreeMap::new();
    for (name, op) in doc.operations.iter() {
        let lowered = cx.operation(name, op)?;
        operations.insert(lowered.id.clone(), lowered);
    }

    Ok(ir::Model {
        service,
        operations,
        shapes,
    })
}

/// The protocol named by the metadata.
fn protocol(meta: &b::Metadata) -> Result<ir::Protocol> {
    let name = meta
        .protocol
        .as_deref()
        .ok_or_else(|| Error::new("metadata has no protocol").at("metadata"))?;
    Ok(match (name, meta.json_version.as_deref()) {
        ("ec2", _) => ir::Protocol::Ec2Query,
        ("query", _) => ir::Protocol::AwsQuery,
        ("json", Some("1.0")) => ir::Protocol::AwsJson1_0,
        ("json", Some("1.1")) => ir::Protocol::AwsJson1_1,
        ("json", other) => {
            return Err(Error::new(format!(
                "protocol `json` needs jsonVersion 1.0 or 1.1, found {}",
                other.map_or("none".to_string(), |v| format!("`{v}`"))
            ))
            .at("metadata"))
        }
        ("rest-json", _) => ir::Protocol::RestJson1,
        ("rest-xml", _) => ir::Protocol::RestXml,
        (other, _) => {
            return Err(Error::new(format!("unsupported protocol `{other}`")).at("metadata"))
        }
    })
}

/// What lowering a shape needs to know about the others.
struct Context<'a> {
    /// The namespace of every shape.
    ns: &'a str,
    /// Names of all shapes, to check references.
    names: HashSet<&'a str>,
    /// Names of the list and map shapes marked `flattened`.
    flattened: HashSet<&'a str>,
}

impl Context<'_> {
    /// The id of a referenced shape, if the shape exists.
    fn resolve(&self, target: &str) -> Result<ShapeId> {
        let id = ShapeId::new(self.ns, target);
        if self.names.contains(target) {
            Ok(id)
        } else {
            Err(Error::new(format!(
                "targets {id}, which is not in the model"
            )))
        }
    }

    fn operation(&self, name: &str, op: &b::Operation) -> Result<ir::Operation> {
        let id = ShapeId::new(self.ns, name);
        let at = |what: &str| format!("operation {id}, {what}");
        let input = match &op.input {
            Some(r) => Some(self.resolve(&r.shape).map_err(|e| e.at(at("input")))?),
            None => None,
        };
        let output = match &op.output {
            Some(r) => {
                // The query protocols wrap an output in `<Name>Result`; the
                // IR leaves that to the protocol, so any other wrapper
                // would be lost.
                if let Some(wrapper) = &r.result_wrapper {
                    if *wrapper != format!("{name}Result") {
                        return Err(Error::new(format!(
                            "output resultWrapper `{wrapper}` is not `{name}Result`, \
                             which the IR cannot express"
                        ))
                        .at(at("output")));
                    }
                }
                Some(self.resolve(&r.shape).map_err(|e| e.at(at("output")))?)
            }
            None => None,
        };
        let errors = op
            .errors
            .iter()
            .map(|r| self.resolve(&r.shape).map_err(|e| e.at(at("errors"))))
            .collect::<Result<_>>()?;
        Ok(ir::Operation {
            id,
            input,
            output,
            errors,
            docs: op.documentation.clone(),
            deprecated: deprecated(op.deprecated, &op.deprecated_message, &None),
            paginator: None,
            waiters: BTreeMap::new(),
        })
    }

    fn shape(&self, name: &str, shape: &b::Shape) -> Result<ir::Shape> {
        let id = ShapeId::new(self.ns, name);
        let at_shape = |e: Error| e.at(format!("shape {id}"));
        let kind = self.shape_kind(&id, shape).map_err(at_shape)?;
        let timestamp_format = timestamp_format(&shape.timestamp_format).map_err(at_shape)?;
        let bounds = ir::Bounds::of(&kind, shape.min.clone(), shape.max.clone());
        Ok(ir::Shape {
            id,
            kind,
            docs: shape.documentation.clone(),
            xml_name: shape.location_name.clone(),
            timestamp_format,
            error: error_fault(shape),
            error_code: shape.error.as_ref().and_then(|e| e.code.clone()),
            error_status: shape.error.as_ref().and_then(|e| e.http_status_code),
            retryable: shape.retryable.map(|r| ir::Retryable {
                throttling: r.throttling,
            }),
            sensitive: shape.sensitive,
            deprecated: deprecated(shape.deprecated, &shape.deprecated_message, &None),
            bounds,
        })
    }

    /// The kind of a shape; an error names the member it arose at, if any.
    fn shape_kind(&self, id: &ShapeId, shape: &b::Shape) -> Result<ir::ShapeKind> {
        let at = |member: &str| format!("shape {id}, member {member}");
        Ok(match shape.type_name.as_str() {
            "structure" if shape.document => ir::ShapeKind::Simple(ir::SimpleType::Document),
            "structure" => {
                let structure = self.structure(id, shape)?;
                if shape.union {
                    ir::ShapeKind::Union(structure)
                } else {
                    ir::ShapeKind::Structure(structure)
                }
            }
            "list" => {
                let member = required_ref(&shape.member, "member")?;
                let member = self
                    .member("member", member)
                    .map_err(|e| e.at(at("member")))?;
                ir::ShapeKind::List(Box::new(member))
            }
            "map" => {
                let key = required_ref(&shape.key, "key")?;
                let value = required_ref(&shape.value, "value")?;
                ir::ShapeKind::Map {
                    key: Box::new(self.member("key", key).map_err(|e| e.at(at("key")))?),
                    value: Box::new(self.member("value", value).map_err(|e| e.at(at("value")))?),
                }
            }
            "string" => match &shape.enum_values {
                Some(values) => ir::ShapeKind::Enum(super::named_enum_values(
                    values.iter().map(|v| (None, v.clone(), None)),
                )),
                None => ir::ShapeKind::Simple(ir::SimpleType::String),
            },
            other => match simple_type(other) {
                Some(simple) => ir::ShapeKind::Simple(simple),
                None => return Err(Error::new(format!("unknown shape type `{other}`"))),
            },
        })
    }

    fn structure(&self, id: &ShapeId, shape: &b::Shape) -> Result<ir::Structure> {
        let members = shape.members.as_ref().map(|m| &m.0[..]).unwrap_or(&[]);
        for required in &shape.required {
            if !members.iter().any(|(name, _)| name == required) {
                return Err(Error::new(format!(
                    "`{required}` is listed as required but is not a member"
                )));
            }
        }
        let members = members
            .iter()
            .map(|(name, r)| {
                let mut member = self
                    .member(name, r)
                    .map_err(|e| e.at(format!("shape {id}, member {name}")))?;
                member.required = shape.required.contains(name);
                // A flattened list or map is flattened wherever a structure
                // holds it; Smithy puts the trait on the member.
                member.xml_flattened |= self.flattened.contains(r.shape.as_str());
                Ok(member)
            })
            .collect::<Result<_>>()?;
        Ok(ir::Structure { members })
    }

    /// A member of a structure, list or map.
    fn member(&self, name: &str, r: &ShapeRef) -> Result<ir::Member> {
        let mut member = ir::Member::new(name, self.resolve(&r.shape)?);
        member.docs = r.documentation.clone();
        // With `location` (header, uri, querystring...), `locationName` is
        // an HTTP binding, which the IR does not model; it is no XML name.
        if r.location.is_none() {
            member.xml_name = r.location_name.clone();
        }
        member.ec2_query_name = r.query_name.clone();
        member.xml_flattened = r.flattened;
        member.xml_attribute = r.xml_attribute;
        member.xml_namespace = r.xml_namespace.as_ref().map(|n| n.uri().to_string());
        member.timestamp_format = timestamp_format(&r.timestamp_format)?;
        member.idempotency_token = r.idempotency_token;
        member.host_label = r.host_label;
        member.deprecated = deprecated(r.deprecated, &r.deprecated_message, &r.deprecated_since);
        Ok(member)
    }
}

/// Whose fault an error structure is, if it is one.
fn error_fault(shape: &b::Shape) -> Option<ir::ErrorFault> {
    if !(shape.exception || shape.fault || shape.error.is_some()) {
        return None;
    }
    let sender_fault = shape.error.as_ref().and_then(|e| e.sender_fault);
    Some(if shape.fault || sender_fault == Some(false) {
        ir::ErrorFault::Server
    } else {
        ir::ErrorFault::Client
    })
}

/// A collection's `member`, `key` or `value`, which must be there.
fn required_ref<'a>(r: &'a Option<ShapeRef>, what: &str) -> Result<&'a ShapeRef> {
    r.as_ref()
        .ok_or_else(|| Error::new(format!("has no `{what}`")))
}

/// The simple type of a botocore type name (`string` and aggregates aside).
fn simple_type(type_name: &str) -> Option<ir::SimpleType> {
    use ir::SimpleType::*;
    Some(match type_name {
        "boolean" => Boolean,
        "byte" => Byte,
        "short" => Short,
        "integer" => Integer,
        "long" => Long,
        "float" => Float,
        "double" => Double,
        "timestamp" => Timestamp,
        // Older models' single character: a string of one.
        "character" => String,
        "blob" => Blob,
        _ => return None,
    })
}

fn timestamp_format(format: &Option<String>) -> Result<Option<ir::TimestampFormat>> {
    Ok(match format.as_deref() {
        None => None,
        Some("iso8601") => Some(ir::TimestampFormat::DateTime),
        Some("rfc822") => Some(ir::TimestampFormat::HttpDate),
        Some("unixTimestamp") => Some(ir::TimestampFormat::EpochSeconds),
        Some(other) => {
            return Err(Error::new(format!("unknown timestampFormat `{other}`")));
        }
    })
}

fn deprecated(
    flag: bool,
    message: &Option<String>,
    since: &Option<String>,
) -> Option<ir::Deprecated> {
    // A message or date without the flag is not a deprecation in botocore.
    flag.then(|| ir::Deprecated {
        message: message.clone(),
        since: since.clone(),
    })
}

/// Attaches the paginators of a parsed `paginators-1.json` to their
/// operations.
pub fn add_paginators(model: &mut ir::Model, doc: &PaginatorsDocument) -> Result<()> {
    for (name, entry) in doc.pagination.iter() {
        let place = || format!("paginator {name}");
        let token = |what: &str, tokens: &OneOrMany| match tokens {
            OneOrMany::One(token) => Ok(token.clone()),
            OneOrMany::Many(list) => match &list[..] {
                [token] => Ok(token.clone()),
                // The IR holds one token. No model loaded here has several
                // (EC2 has none), and picking one would make a paginator that
                // silently stops early or loops: refuse instead.
                _ => Err(Error::new(format!(
                    "{what} has {} tokens; only single-token paginators are supported",
                    list.len()
                ))
                .at(place())),
            },
        };
        let items = match &entry.result_key {
            None => None,
            Some(OneOrMany::One(key)) => Some(key.clone()),
            // Several result keys: every page still pages correctly on the
            // one token, only the aggregated items differ. EC2 has one such
            // paginator (DescribeVpcEndpointServices: ServiceDetails and
            // ServiceNames), so this must load: the first key, the main
            // list, becomes the items; the rest stay reachable in each page.
            Some(OneOrMany::Many(keys)) => match keys.first() {
                Some(key) => Some(key.clone()),
                None => return Err(Error::new("result_key is an empty list").at(place())),
            },
        };
        let paginator = ir::Paginator {
            input_token: token("input_token", &entry.input_token)?,
            output_token: token("output_token", &entry.output_token)?,
            items,
            page_size: entry.limit_key.clone(),
        };
        operation_mut(model, name)
            .map_err(|e| e.at(place()))?
            .paginator = Some(paginator);
    }
    Ok(())
}

/// Attaches the waiters of a parsed `waiters-2.json` to the operations they
/// poll.
pub fn add_waiters(model: &mut ir::Model, doc: &WaitersDocument) -> Result<()> {
    for (name, entry) in doc.waiters.iter() {
        let place = || format!("waiter {name}");
        let acceptors = entry
            .acceptors
            .iter()
            .enumerate()
            .map(|(i, a)| acceptor(a).map_err(|e| e.at(format!("waiter {name}, acceptor {i}"))))
            .collect::<Result<_>>()?;
        let waiter = ir::Waiter {
            docs: entry.description.clone(),
            // botocore sleeps `delay` between attempts, always: a fixed
            // delay is a minimum and a maximum delay that are equal.
            min_delay: entry.delay,
            max_delay: Some(entry.delay),
            max_attempts: Some(entry.max_attempts),
            acceptors,
        };
        operation_mut(model, &entry.operation)
            .map_err(|e| e.at(place()))?
            .waiters
            .insert(name.to_string(), waiter);
    }
    Ok(())
}

fn operation_mut<'m>(model: &'m mut ir::Model, name: &str) -> Result<&'m mut ir::Operation> {
    let id = ShapeId::new(&model.service.id.namespace, name);
    model
        .operations
        .get_mut(&id)
        .ok_or_else(|| Error::new(format!("operation {name} is not in the model")))
}

fn acceptor(a: &AcceptorEntry) -> Result<ir::Acceptor> {
    use serde_json::Value;
    let state = match a.state {
        b::AcceptorState::Success => ir::AcceptorState::Success,
        b::AcceptorState::Failure => ir::AcceptorState::Failure,
        b::AcceptorState::Retry => ir::AcceptorState::Retry,
    };
    let output = |comparator| {
        let path = a
            .argument
            .clone()
            .ok_or_else(|| Error::new("a path matcher needs an `argument`"))?;
        // A number is kept as its text and compared as a string: the IR has
        // no numeric comparator, and no real waiter expects a number here.
        let (expected, comparator) = match &a.expected {
            Value::String(s) => (s.clone(), comparator),
            Value::Bool(v) if comparator == ir::Comparator::StringEquals => {
                (v.to_string(), ir::Comparator::BooleanEquals)
            }
            Value::Bool(v) => (v.to_string(), comparator),
            Value::Number(n) => (n.to_string(), comparator),
            other => return Err(Error::new(format!("unsupported expected value {other}"))),
        };
        Ok(ir::Matcher::Output {
            path,
            expected,
            comparator,
        })
    };
    let matcher = match a.matcher {
        MatcherKind::Path => output(ir::Comparator::StringEquals)?,
        MatcherKind::PathAll => output(ir::Comparator::AllStringEquals)?,
        MatcherKind::PathAny => output(ir::Comparator::AnyStringEquals)?,
        MatcherKind::Error => match &a.expected {
            Value::String(code) => ir::Matcher::ErrorType(code.clone()),
            // `true` matches any error, `false` a success.
            Value::Bool(any_error) => ir::Matcher::Success(!any_error),
            other => {
                return Err(Error::new(format!(
                    "an error matcher expects a string or a boolean, found {other}"
                )))
            }
        },
        MatcherKind::Status => {
            let status = a
                .expected
                .as_u64()
                .and_then(|n| u16::try_from(n).ok())
                .ok_or_else(|| {
                    Error::new(format!(
                        "a status matcher expects an HTTP status, found {}",
                        a.expected
                    ))
                })?;
            ir::Matcher::Status(status)
        }
    };
    Ok(ir::Acceptor { state, matcher })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::input::botocore::parse_service;
    use crate::SourceFile;

    fn lower(text: &str) -> Result<ir::Model> {
        lower_service(&parse_service(SourceFile {
            name: "service-2.json",
            text,
        })?)
    }

    #[test]
    fn older_query_models_lower() {
        // No apiVersion, botocore's `character` type, an error with a
        // custom code, a status and a retryable trait.
        let model = lower(
            r#"{"metadata": {"protocol": "query", "serviceId": "Old"},
                "operations": {"Op": {"name": "Op", "input": {"shape": "In"},
                                      "errors": [{"shape": "Busy"}]}},
                "shapes": {
                  "In": {"type": "structure", "members": {"C": {"shape": "Char"}}},
                  "Char": {"type": "character"},
                  "Busy": {"type": "structure", "members": {}, "exception": true,
                           "error": {"code": "Busy.Now", "httpStatusCode": 503, "senderFault": false},
                           "retryable": {"throttling": true}}
                }}"#,
        )
        .unwrap();
        assert_eq!(model.service.version, "");
        assert_eq!(model.service.protocol, ir::Protocol::AwsQuery);
        let char_shape = &model.shapes[&ShapeId::new("com.amazonaws.old", "Char")];
        assert_eq!(
            char_shape.kind,
            ir::ShapeKind::Simple(ir::SimpleType::String)
        );
        let busy = &model.shapes[&ShapeId::new("com.amazonaws.old", "Busy")];
        assert_eq!(busy.error_code.as_deref(), Some("Busy.Now"));
        assert_eq!(busy.error_status, Some(503));
        assert_eq!(busy.error, Some(ir::ErrorFault::Server));
        assert_eq!(busy.retryable, Some(ir::Retryable { throttling: true }));
    }
}
