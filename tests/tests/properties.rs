//! Property tests of the wire code.
//!
//! Values are generated from the model itself (`model/ec2-images/service.json`): a
//! strategy per shape gives a JSON value in boto3's names (structures with
//! any subset of their optional members, lists of 0 to 3 items, enum values
//! known and unknown, arbitrary Unicode text), which serde reads into the
//! generated type.
//!
//! - Requests: the body of every image operation's input parses back (as
//!   `application/x-www-form-urlencoded`) to exactly the key/value pairs
//!   botocore's rules give for that input, in order. The expected pairs
//!   come from an independent walk of the model here (`ec2QueryName`, else
//!   the capitalised `xmlName`, else the member name; lists flattened as
//!   `.N`), not from the generator. No input makes the serializer panic.
//! - Responses: an `Image` rendered as EC2's response XML
//!   (`benches/support/ec2_xml.rs`, a renderer for tests only) parses back
//!   to the same value.

use std::collections::BTreeMap;
use std::sync::OnceLock;

use ec2_images::protocol::{deserialize, serialize};
use ec2_images::types::Image;
use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};
use serde_json::{Map, Value};

#[path = "../benches/support/ec2_xml.rs"]
mod ec2_xml;

const CASES: u32 = 256;
const PINNED_TOKEN: &str = "00000000-0000-4000-8000-000000000000";

fn shapes() -> &'static Map<String, Value> {
    static SHAPES: OnceLock<Map<String, Value>> = OnceLock::new();
    SHAPES.get_or_init(|| {
        let text = std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../model/ec2-images/service.json"
        ))
        .unwrap();
        let mut model: Value = serde_json::from_str(&text).unwrap();
        match model["shapes"].take() {
            Value::Object(m) => m,
            _ => panic!("the model has no shapes"),
        }
    })
}

fn shape(id: &str) -> &'static Value {
    shapes()
        .get(id)
        .unwrap_or_else(|| panic!("{id} is not in the model"))
}

fn trait_of<'a>(member: &'a Value, name: &str) -> Option<&'a Value> {
    member.get("traits").and_then(|t| t.get(name))
}

/// Text: any Unicode, or short strings of the characters that need care
/// in a query string or in XML.
fn text(xml: bool) -> BoxedStrategy<String> {
    if xml {
        // XML 1.0 cannot carry most control characters; EC2 never sends them.
        prop_oneof!["\\PC{0,12}", "[ \t\r\na-zA-Z0-9&<>\"'=+%/:*~é€😀-]{0,10}",].boxed()
    } else {
        prop_oneof![any::<String>(), "[ a-zA-Z0-9&=+%/:*~._é€😀-]{0,10}",].boxed()
    }
}

/// A strategy for a JSON value of the shape `id` (in boto3's names).
fn value_of(id: &str, xml: bool) -> BoxedStrategy<Value> {
    let s = shape(id);
    match s["type"].as_str().unwrap() {
        "structure" => {
            let mut members: Vec<BoxedStrategy<Option<(String, Value)>>> = Vec::new();
            for (name, member) in s["members"].as_object().unwrap() {
                let name = name.clone();
                let v = value_of(member["target"].as_str().unwrap(), xml);
                let required = trait_of(member, "smithy.api#required").is_some();
                members.push(if required {
                    v.prop_map(move |v| Some((name.clone(), v))).boxed()
                } else {
                    proptest::option::of(v)
                        .prop_map(move |v| v.map(|v| (name.clone(), v)))
                        .boxed()
                });
            }
            members
                .prop_map(|m| Value::Object(m.into_iter().flatten().collect()))
                .boxed()
        }
        "list" => {
            proptest::collection::vec(value_of(s["member"]["target"].as_str().unwrap(), xml), 0..3)
                .prop_map(Value::Array)
                .boxed()
        }
        "enum" => {
            let known: Vec<Value> = s["members"]
                .as_object()
                .unwrap()
                .values()
                .map(|m| trait_of(m, "smithy.api#enumValue").unwrap().clone())
                .collect();
            prop_oneof![
                3 => proptest::sample::select(known),
                1 => text(xml).prop_map(Value::String),
            ]
            .boxed()
        }
        "string" => text(xml).prop_map(Value::String).boxed(),
        "boolean" => any::<bool>().prop_map(Value::Bool).boxed(),
        "integer" => any::<i32>().prop_map(Value::from).boxed(),
        "long" => any::<i64>().prop_map(Value::from).boxed(),
        "timestamp" => (0i64..4_102_444_800, 0u32..1000)
            .prop_map(|(s, ms)| {
                let t = ec2_images::runtime::DateTime::from_secs_and_nanos(s, ms * 1_000_000);
                Value::String(t.to_rfc3339())
            })
            .boxed(),
        other => panic!("{id}: no strategy for {other} shapes"),
    }
}

/// The pairs botocore sends for `value` of shape `id` under `prefix`.
fn expected_pairs(id: &str, value: &Value, prefix: &str, out: &mut Vec<(String, String)>) {
    let s = shape(id);
    let key = |name: &str| {
        if prefix.is_empty() {
            name.to_string()
        } else {
            format!("{prefix}.{name}")
        }
    };
    match s["type"].as_str().unwrap() {
        "structure" => {
            // In the model's member order (serde writes fields in that
            // order, and the JSON keeps it, but go by the model).
            for (name, member) in s["members"].as_object().unwrap() {
                let Some(v) = value.get(name) else { continue };
                let query = match trait_of(member, "aws.protocols#ec2QueryName") {
                    Some(q) => q.as_str().unwrap().to_string(),
                    None => {
                        let base = trait_of(member, "smithy.api#xmlName")
                            .and_then(Value::as_str)
                            .unwrap_or(name);
                        let mut c = base.chars();
                        let first = c.next().unwrap();
                        first.to_uppercase().chain(c).collect()
                    }
                };
                expected_pairs(member["target"].as_str().unwrap(), v, &key(&query), out);
            }
        }
        "list" => {
            for (i, item) in value.as_array().unwrap().iter().enumerate() {
                expected_pairs(
                    s["member"]["target"].as_str().unwrap(),
                    item,
                    &format!("{prefix}.{}", i + 1),
                    out,
                );
            }
        }
        _ => {
            let text = match value {
                Value::String(s) => s.clone(),
                Value::Bool(b) => b.to_string(),
                Value::Number(n) => n.to_string(),
                other => panic!("{id}: unexpected value {other}"),
            };
            out.push((prefix.to_string(), text));
        }
    }
}

/// Serializes an input (read from `json` by serde) with the generated code.
fn body(operation: &str, json: Value) -> String {
    fn read<T: serde::de::DeserializeOwned>(json: Value) -> T {
        serde_json::from_value(json).expect("serde reads every generated input")
    }
    let pinned = || PINNED_TOKEN.to_string();
    match operation {
        "DescribeImages" => serialize::describe_images(&read(json)),
        "DescribeImageAttribute" => serialize::describe_image_attribute(&read(json)),
        "ModifyImageAttribute" => serialize::modify_image_attribute(&read(json)),
        "ResetImageAttribute" => serialize::reset_image_attribute(&read(json)),
        "DeregisterImage" => serialize::deregister_image(&read(json)),
        "CreateTags" => serialize::create_tags(&read(json)),
        "RegisterImage" => serialize::register_image(&read(json)),
        "CopyImage" => serialize::copy_image_with_token_source(&read(json), pinned),
        other => panic!("{other}"),
    }
}

fn check_requests(operation: &str) {
    let input = format!("com.amazonaws.ec2#{operation}Request");
    let mut runner = TestRunner::new(Config {
        cases: CASES,
        failure_persistence: None,
        ..Config::default()
    });
    runner
        .run(&value_of(&input, false), |json| {
            let body = body(operation, json.clone());
            let pairs: Vec<(String, String)> = form_urlencoded::parse(body.as_bytes())
                .map(|(k, v)| (k.into_owned(), v.into_owned()))
                .collect();
            let mut expected = vec![
                ("Action".to_string(), operation.to_string()),
                ("Version".to_string(), "2016-11-15".to_string()),
            ];
            expected_pairs(&input, &json, "", &mut expected);
            // botocore appends an unset idempotency token of the input.
            if operation == "CopyImage" && json.get("ClientToken").is_none() {
                expected.push(("ClientToken".into(), PINNED_TOKEN.into()));
            }
            prop_assert_eq!(pairs, expected, "body: {}", body);
            Ok(())
        })
        .unwrap_or_else(|e| panic!("{operation}: {e}"));
}

#[test]
fn describe_images_requests_parse_back_to_their_pairs() {
    check_requests("DescribeImages");
}

#[test]
fn describe_image_attribute_requests_parse_back_to_their_pairs() {
    check_requests("DescribeImageAttribute");
}

#[test]
fn modify_image_attribute_requests_parse_back_to_their_pairs() {
    check_requests("ModifyImageAttribute");
}

#[test]
fn reset_image_attribute_requests_parse_back_to_their_pairs() {
    check_requests("ResetImageAttribute");
}

#[test]
fn deregister_image_requests_parse_back_to_their_pairs() {
    check_requests("DeregisterImage");
}

#[test]
fn create_tags_requests_parse_back_to_their_pairs() {
    check_requests("CreateTags");
}

#[test]
fn register_image_requests_parse_back_to_their_pairs() {
    check_requests("RegisterImage");
}

#[test]
fn copy_image_requests_parse_back_to_their_pairs() {
    check_requests("CopyImage");
}

#[test]
fn images_round_trip_through_ec2_xml() {
    let mut runner = TestRunner::new(Config {
        cases: CASES,
        failure_persistence: None,
        ..Config::default()
    });
    let images = proptest::collection::vec(value_of("com.amazonaws.ec2#Image", true), 0..3);
    let token = proptest::option::of(text(true));
    runner
        .run(&(images, token), |(json, token)| {
            let images: Vec<Image> = json
                .into_iter()
                .map(|j| serde_json::from_value(j).expect("serde reads every generated image"))
                .collect();
            let xml = ec2_xml::describe_images_response(&images, token.as_deref(), "req-1");
            let (result, request_id) = deserialize::describe_images(xml.as_bytes())
                .map_err(|e| TestCaseError::fail(format!("{e}\n{xml}")))?;
            prop_assert_eq!(request_id.as_deref(), Some("req-1"));
            prop_assert_eq!(result.next_token, token);
            prop_assert_eq!(result.images.unwrap_or_default(), images, "xml: {}", xml);
            Ok(())
        })
        .unwrap();
}

/// Truncating a body anywhere gives an error (never a panic, never a
/// silently shorter result).
#[test]
fn truncated_bodies_are_errors() {
    let image = ec2_xml::full_image(7);
    let xml = ec2_xml::describe_images_response(&[image], None, "req-1");
    let end = xml.rfind("</DescribeImagesResponse>").unwrap();
    let mut messages = BTreeMap::new();
    for cut in (0..end).filter(|&i| xml.is_char_boundary(i)) {
        match deserialize::describe_images(&xml.as_bytes()[..cut]) {
            Ok(_) => panic!("a body cut at byte {cut} parsed"),
            Err(e) => {
                let text = e.to_string();
                assert!(text.contains("at byte"), "{text}");
                *messages
                    .entry(text.split(" (").next().unwrap().to_string())
                    .or_insert(0) += 1;
            }
        }
    }
    assert!(!messages.is_empty());
}
