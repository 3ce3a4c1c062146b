//! The Smithy JSON AST front-end (`codegen::load_smithy`) and exporter
//! (`codegen::export::smithy::to_json`), on the real reference models and
//! on small inline models.

use codegen::ir::{
    self, Acceptor, AcceptorState, Comparator, ErrorFault, Matcher, Protocol, ShapeId, ShapeKind,
    SimpleType,
};
use codegen::{export, load_smithy, Error, SourceFile};

/// Reads a reference file; `None` (after a loud message) when the
/// reference data is absent, which CI never accepts.
fn reference(path: &str) -> Option<String> {
    let dir = tests::reference::dir(path)?;
    let full = dir.join(path);
    Some(std::fs::read_to_string(&full).unwrap_or_else(|e| panic!("{}: {e}", full.display())))
}

fn load(name: &str, text: &str) -> Result<ir::Model, Error> {
    load_smithy(SourceFile { name, text })
}

fn id(absolute: &str) -> ShapeId {
    ShapeId::parse(absolute).expect("a valid shape id")
}

fn members(model: &ir::Model, shape: &str) -> Vec<ir::Member> {
    match &model.shapes[&id(shape)].kind {
        ShapeKind::Structure(s) | ShapeKind::Union(s) => s.members.clone(),
        other => panic!("{shape} is a {}", other.name()),
    }
}

const STS: &str = "smithy-2025-04-02/sts-2011-06-15.json";

#[test]
fn sts_service_and_operations() {
    let Some(text) = reference(STS) else { return };
    let model = load(STS, &text).unwrap();
    let service = &model.service;
    assert_eq!(
        service.id,
        id("com.amazonaws.sts#AWSSecurityTokenServiceV20110615")
    );
    assert_eq!(service.protocol, Protocol::AwsQuery);
    assert_eq!(service.version, "2011-06-15");
    assert_eq!(service.sdk_id.as_deref(), Some("STS"));
    assert_eq!(service.endpoint_prefix.as_deref(), Some("sts"));
    assert_eq!(service.signing_name.as_deref(), Some("sts"));
    assert_eq!(
        service.xml_namespace.as_deref(),
        Some("https://sts.amazonaws.com/doc/2011-06-15/")
    );
    assert_eq!(service.title.as_deref(), Some("AWS Security Token Service"));
    assert!(service
        .docs
        .as_deref()
        .unwrap()
        .contains("Security Token Service"));

    let names: Vec<&str> = model.operations.keys().map(|i| i.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "AssumeRole",
            "AssumeRoleWithSAML",
            "AssumeRoleWithWebIdentity",
            "AssumeRoot",
            "DecodeAuthorizationMessage",
            "GetAccessKeyInfo",
            "GetCallerIdentity",
            "GetFederationToken",
            "GetSessionToken",
        ]
    );
    let assume_role = model.operation_by_name("AssumeRole").unwrap();
    assert_eq!(
        assume_role.input,
        Some(id("com.amazonaws.sts#AssumeRoleRequest"))
    );
    assert_eq!(
        assume_role.output,
        Some(id("com.amazonaws.sts#AssumeRoleResponse"))
    );
    let errors: Vec<&str> = assume_role.errors.iter().map(|e| e.name.as_str()).collect();
    assert_eq!(
        errors,
        [
            "ExpiredTokenException",
            "MalformedPolicyDocumentException",
            "PackedPolicyTooLargeException",
            "RegionDisabledException",
        ]
    );
    assert!(assume_role.paginator.is_none());
    assert!(assume_role.waiters.is_empty());
    // 90 shapes in the file: 1 service, 9 operations, 80 others; no member
    // targets the prelude.
    assert_eq!(model.shapes.len(), 80);
    assert!(model.shapes.keys().all(|i| !i.is_prelude()));
}

#[test]
fn sts_shapes() {
    let Some(text) = reference(STS) else { return };
    let model = load(STS, &text).unwrap();
    let request = members(&model, "com.amazonaws.sts#AssumeRoleRequest");
    let got: Vec<(&str, &str, bool, Option<&str>)> = request
        .iter()
        .map(|m| {
            (
                m.name.as_str(),
                m.target.name.as_str(),
                m.required,
                m.xml_name.as_deref(),
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            ("RoleArn", "arnType", true, None),
            ("RoleSessionName", "roleSessionNameType", true, None),
            ("PolicyArns", "policyDescriptorListType", false, None),
            (
                "Policy",
                "unrestrictedSessionPolicyDocumentType",
                false,
                None
            ),
            ("DurationSeconds", "roleDurationSecondsType", false, None),
            ("Tags", "tagListType", false, None),
            ("TransitiveTagKeys", "tagKeyListType", false, None),
            ("ExternalId", "externalIdType", false, None),
            ("SerialNumber", "serialNumberType", false, None),
            ("TokenCode", "tokenCodeType", false, None),
            ("SourceIdentity", "sourceIdentityType", false, None),
            ("ProvidedContexts", "ProvidedContextsListType", false, None),
        ]
    );
    assert_eq!(
        request[0].docs.as_deref(),
        Some("<p>The Amazon Resource Name (ARN) of the role to assume.</p>")
    );

    let credentials = members(&model, "com.amazonaws.sts#Credentials");
    let names: Vec<(&str, bool)> = credentials
        .iter()
        .map(|m| (m.name.as_str(), m.required))
        .collect();
    assert_eq!(
        names,
        [
            ("AccessKeyId", true),
            ("SecretAccessKey", true),
            ("SessionToken", true),
            ("Expiration", true),
        ]
    );

    let expired = &model.shapes[&id("com.amazonaws.sts#ExpiredTokenException")];
    assert_eq!(expired.error, Some(ErrorFault::Client));
    let list = &model.shapes[&id("com.amazonaws.sts#policyDescriptorListType")];
    match &list.kind {
        ShapeKind::List(m) => {
            assert_eq!(m.name, "member");
            assert_eq!(m.target, id("com.amazonaws.sts#PolicyDescriptorType"));
        }
        other => panic!("a list was expected, got {}", other.name()),
    }
    assert_eq!(
        model.shapes[&id("com.amazonaws.sts#dateType")].kind,
        ShapeKind::Simple(SimpleType::Timestamp)
    );
    assert!(model.shapes[&id("com.amazonaws.sts#accessKeySecretType")].sensitive);
}

#[test]
fn ec2_instance_connect() {
    let path = "smithy-2025-04-02/ec2-instance-connect-2018-04-02.json";
    let Some(text) = reference(path) else { return };
    let model = load(path, &text).unwrap();
    assert_eq!(model.service.protocol, Protocol::AwsJson1_1);
    assert_eq!(model.service.version, "2018-04-02");
    assert_eq!(
        model.service.signing_name.as_deref(),
        Some("ec2-instance-connect")
    );
    assert_eq!(model.service.xml_namespace, None);
    let names: Vec<&str> = model.operations.keys().map(|i| i.name.as_str()).collect();
    assert_eq!(names, ["SendSSHPublicKey", "SendSerialConsoleSSHPublicKey"]);
    assert_eq!(
        model
            .operation_by_name("SendSerialConsoleSSHPublicKey")
            .unwrap()
            .errors
            .len(),
        12
    );
    let request = members(
        &model,
        "com.amazonaws.ec2instanceconnect#SendSerialConsoleSSHPublicKeyRequest",
    );
    let port = request.iter().find(|m| m.name == "SerialPort").unwrap();
    assert_eq!(port.default, Some(serde_json::json!(0)));
    assert!(!port.required);
    let response = members(
        &model,
        "com.amazonaws.ec2instanceconnect#SendSSHPublicKeyResponse",
    );
    assert_eq!(response[1].name, "Success");
    assert_eq!(response[1].default, Some(serde_json::json!(false)));
    let json = export::smithy::to_json(&model);
    assert_eq!(load("exported.json", &json).unwrap(), model);
}

#[test]
fn round_trip_sts() {
    let Some(text) = reference(STS) else { return };
    let model = load(STS, &text).unwrap();
    let json = export::smithy::to_json(&model);
    assert!(json.ends_with("}\n"));
    assert_eq!(
        json,
        export::smithy::to_json(&model),
        "export is not stable"
    );
    let again = load("exported.json", &json).unwrap();
    assert_eq!(again, model);
    assert_eq!(export::smithy::to_json(&again), json);
}

#[test]
fn round_trip_keeps_paginators_waiters_and_member_traits() {
    let model = load("fixture.json", PAGED).unwrap();
    let json = export::smithy::to_json(&model);
    assert_eq!(load("exported.json", &json).unwrap(), model);
    // Prelude shapes are targets, never written.
    assert!(!json.contains("\"smithy.api#String\": {"));
    assert!(json.contains("\"smithy.waiters#waitable\""));
}

/// botocore's `status` matchers, which Smithy waiters have none of, survive
/// export in this project's trait, each at its place among the waiter's
/// acceptors: IAM's `InstanceProfileExists` succeeds on a 200 and retries
/// on a 404.
#[test]
fn round_trip_keeps_status_acceptors_in_their_trait() {
    let Some(dir) = tests::reference::dir(module_path!()) else {
        return;
    };
    let model = xtask::models::load_botocore_dir(&dir.join("botocore-1.44.5/iam")).unwrap();
    let acceptors = |model: &ir::Model| {
        model
            .operation_by_name("GetInstanceProfile")
            .unwrap()
            .waiters["InstanceProfileExists"]
            .acceptors
            .clone()
    };
    assert_eq!(
        acceptors(&model),
        [
            Acceptor {
                state: AcceptorState::Success,
                matcher: Matcher::Status(200)
            },
            Acceptor {
                state: AcceptorState::Retry,
                matcher: Matcher::Status(404)
            },
        ]
    );
    let json = export::smithy_that_reloads(&model, "iam.json").unwrap();
    assert!(json.contains("\"aws.bindgen#waiterStatusAcceptors\": {"));
    let again = load("iam.json", &json).unwrap();
    assert_eq!(acceptors(&again), acceptors(&model));
    assert_eq!(export::smithy::to_json(&again), json);

    // Between other acceptors, in order.
    let trait_value = r#""aws.bindgen#waiterStatusAcceptors": {"ThingReady": [
        {"index": 4, "state": "failure", "status": 500},
        {"index": 1, "state": "retry", "status": 404}
    ]},
        "smithy.waiters#waitable""#;
    let text = PAGED.replacen("\"smithy.waiters#waitable\"", trait_value, 1);
    let model = load("fixture.json", &text).unwrap();
    let waiter = &model.operation_by_name("List").unwrap().waiters["ThingReady"];
    let statuses: Vec<(usize, &Matcher)> = waiter
        .acceptors
        .iter()
        .enumerate()
        .filter(|(_, a)| matches!(a.matcher, Matcher::Status(_)))
        .map(|(i, a)| (i, &a.matcher))
        .collect();
    assert_eq!(
        statuses,
        [(1, &Matcher::Status(404)), (4, &Matcher::Status(500))]
    );
    assert_eq!(waiter.acceptors.len(), 6);
    let json = export::smithy::to_json(&model);
    assert_eq!(load("exported.json", &json).unwrap(), model);

    // An index past the acceptors, or a waiter the operation lacks.
    for (value, needle) in [
        (
            r#"{"ThingReady": [{"index": 9, "state": "retry", "status": 404}]}"#,
            "operation ex#List, waiter ThingReady: trait aws.bindgen#waiterStatusAcceptors: acceptor index 9 is past the 4 acceptors",
        ),
        (
            r#"{"Nope": [{"index": 0, "state": "retry", "status": 404}]}"#,
            "names a waiter `Nope` that the operation does not have",
        ),
        (
            r#"{"ThingReady": [{"index": 0, "state": "maybe", "status": 404}]}"#,
            "trait aws.bindgen#waiterStatusAcceptors: unknown variant `maybe`",
        ),
    ] {
        let text = PAGED.replacen(
            "\"smithy.waiters#waitable\"",
            &format!("\"aws.bindgen#waiterStatusAcceptors\": {value}, \"smithy.waiters#waitable\""),
            1,
        );
        let err = load("fixture.json", &text).unwrap_err().to_string();
        assert!(err.contains(needle), "{err}");
    }
}

/// A 2.0 model with service-level pagination defaults, a waiter, prelude
/// targets and the member traits of the query protocols.
const PAGED: &str = r##"{
  "smithy": "2.0",
  "shapes": {
    "ex#Svc": {
      "type": "service", "version": "2020-01-01",
      "operations": [{"target": "ex#List"}],
      "traits": {
        "aws.protocols#ec2Query": {},
        "smithy.api#paginated": {"inputToken": "NextToken", "outputToken": "NextToken", "pageSize": "MaxResults"}
      }
    },
    "ex#List": {
      "type": "operation",
      "input": {"target": "ex#ListIn"}, "output": {"target": "ex#ListOut"},
      "traits": {
        "smithy.api#paginated": {"items": "Things"},
        "smithy.waiters#waitable": {
          "ThingReady": {
            "minDelay": 15,
            "acceptors": [
              {"state": "success", "matcher": {"output": {"path": "Things[].State", "expected": "ready", "comparator": "allStringEquals"}}},
              {"state": "failure", "matcher": {"inputOutput": {"path": "length(output.Things) == `0`", "expected": "true", "comparator": "booleanEquals"}}},
              {"state": "retry", "matcher": {"errorType": "ThingNotFound"}},
              {"state": "failure", "matcher": {"success": false}}
            ]
          }
        }
      }
    },
    "ex#ListIn": {
      "type": "structure",
      "members": {
        "NextToken": {"target": "smithy.api#String"},
        "MaxResults": {"target": "smithy.api#Integer", "traits": {"aws.protocols#ec2QueryName": "MaxResults", "smithy.api#default": 5}},
        "DryRun": {"target": "smithy.api#PrimitiveBoolean", "traits": {"smithy.api#xmlName": "dryRun", "smithy.api#deprecated": {"message": "no more", "since": "2021"}}},
        "Token": {"target": "smithy.api#String", "traits": {"smithy.api#idempotencyToken": {}, "smithy.api#hostLabel": {}}}
      }
    },
    "ex#ListOut": {
      "type": "structure",
      "members": {
        "Things": {"target": "ex#Things", "traits": {"smithy.api#xmlFlattened": {}, "smithy.api#xmlName": "thing"}},
        "NextToken": {"target": "smithy.api#String", "traits": {"smithy.api#xmlAttribute": {}, "smithy.api#xmlNamespace": {"uri": "urn:x", "prefix": "x"}}},
        "At": {"target": "smithy.api#Timestamp", "traits": {"smithy.api#timestampFormat": "epoch-seconds"}}
      }
    },
    "ex#Things": {"type": "list", "member": {"target": "ex#Thing", "traits": {"smithy.api#xmlName": "item"}}},
    "ex#Thing": {"type": "structure", "members": {"State": {"target": "smithy.api#String"}}, "traits": {"smithy.api#documentation": "A thing.", "smithy.api#xmlName": "ThingItem"}}
  }
}"##;

#[test]
fn paginators_and_waiters() {
    let model = load("fixture.json", PAGED).unwrap();
    let op = model.operation_by_name("List").unwrap();
    let p = op.paginator.as_ref().unwrap();
    assert_eq!(p.input_token, "NextToken");
    assert_eq!(p.output_token, "NextToken");
    assert_eq!(p.items.as_deref(), Some("Things"));
    assert_eq!(p.page_size.as_deref(), Some("MaxResults"));
    let waiter = &op.waiters["ThingReady"];
    assert_eq!(waiter.min_delay, 15);
    assert_eq!(waiter.max_delay, Some(120));
    assert_eq!(waiter.max_attempts, None);
    assert_eq!(
        waiter.acceptors,
        [
            Acceptor {
                state: AcceptorState::Success,
                matcher: Matcher::Output {
                    path: "Things[].State".into(),
                    expected: "ready".into(),
                    comparator: Comparator::AllStringEquals,
                },
            },
            Acceptor {
                state: AcceptorState::Failure,
                matcher: Matcher::InputOutput {
                    path: "length(output.Things) == `0`".into(),
                    expected: "true".into(),
                    comparator: Comparator::BooleanEquals,
                },
            },
            Acceptor {
                state: AcceptorState::Retry,
                matcher: Matcher::ErrorType("ThingNotFound".into()),
            },
            Acceptor {
                state: AcceptorState::Failure,
                matcher: Matcher::Success(false),
            },
        ]
    );
    // Prelude targets resolve.
    for (name, simple) in [
        ("String", SimpleType::String),
        ("Integer", SimpleType::Integer),
        ("PrimitiveBoolean", SimpleType::Boolean),
        ("Timestamp", SimpleType::Timestamp),
    ] {
        let shape = &model.shapes[&ShapeId::new("smithy.api", name)];
        assert_eq!(shape.kind, ShapeKind::Simple(simple), "{name}");
    }
    let input = members(&model, "ex#ListIn");
    assert_eq!(input[1].ec2_query_name.as_deref(), Some("MaxResults"));
    assert_eq!(input[1].default, Some(serde_json::json!(5)));
    assert_eq!(input[2].xml_name.as_deref(), Some("dryRun"));
    assert_eq!(
        input[2].deprecated,
        Some(ir::Deprecated {
            message: Some("no more".into()),
            since: Some("2021".into())
        })
    );
    assert!(input[3].idempotency_token && input[3].host_label);
    let output = members(&model, "ex#ListOut");
    assert!(output[0].xml_flattened);
    assert!(output[1].xml_attribute);
    assert_eq!(output[1].xml_namespace.as_deref(), Some("urn:x"));
    assert_eq!(
        output[2].timestamp_format,
        Some(ir::TimestampFormat::EpochSeconds)
    );
    let thing = &model.shapes[&id("ex#Thing")];
    assert_eq!(thing.docs.as_deref(), Some("A thing."));
    assert_eq!(thing.xml_name.as_deref(), Some("ThingItem"));
}

#[test]
fn smithy_1_enum_strings_and_sets() {
    let text = r##"{
      "smithy": "1.0",
      "shapes": {
        "ex#Svc": {"type": "service", "version": "1", "traits": {"aws.protocols#awsQuery": {}}},
        "ex#Arch": {"type": "string", "traits": {"smithy.api#enum": [
          {"value": "x86_64_mac", "documentation": "An Intel Mac."},
          {"value": "legacy-bios"},
          {"value": "v2.0"},
          {"value": "2xlarge"},
          {"value": "arm", "name": "ARM64"}
        ]}},
        "ex#Names": {"type": "set", "member": {"target": "smithy.api#String"}},
        "ex#Count": {"type": "integer", "traits": {"smithy.api#box": {}}}
      }
    }"##;
    let model = load("v1.json", text).unwrap();
    let ShapeKind::Enum(values) = &model.shapes[&id("ex#Arch")].kind else {
        panic!("an enum was expected");
    };
    let got: Vec<(&str, &str)> = values
        .iter()
        .map(|v| (v.name.as_str(), v.value.as_str()))
        .collect();
    assert_eq!(
        got,
        [
            ("x86_64_mac", "x86_64_mac"),
            ("legacy_bios", "legacy-bios"),
            ("v2_0", "v2.0"),
            ("_2xlarge", "2xlarge"),
            ("ARM64", "arm"),
        ]
    );
    assert_eq!(values[0].docs.as_deref(), Some("An Intel Mac."));
    let ShapeKind::List(member) = &model.shapes[&id("ex#Names")].kind else {
        panic!("a set is lowered as a list");
    };
    assert_eq!(member.target, ShapeId::new("smithy.api", "String"));
    assert_eq!(
        model.shapes[&id("ex#Count")].kind,
        ShapeKind::Simple(SimpleType::Integer)
    );
    // Written back as a 2.0 enum, it reads the same.
    let json = export::smithy::to_json(&model);
    assert!(json.contains("\"smithy.api#enumValue\": \"legacy-bios\""));
    assert_eq!(load("exported.json", &json).unwrap(), model);
}

#[test]
fn smithy_2_int_enums_unions_enums_and_mixins() {
    let text = r##"{
      "smithy": "2.0",
      "shapes": {
        "ex#Svc": {"type": "service", "version": "1", "traits": {"aws.protocols#restXml": {}}},
        "ex#Level": {"type": "intEnum", "members": {
          "LOW": {"target": "smithy.api#Unit", "traits": {"smithy.api#enumValue": 1}},
          "HIGH": {"target": "smithy.api#Unit", "traits": {"smithy.api#enumValue": 10, "smithy.api#documentation": "Loud."}}
        }},
        "ex#Color": {"type": "enum", "members": {
          "RED": {"target": "smithy.api#Unit", "traits": {"smithy.api#enumValue": "red"}},
          "GREEN": {"target": "smithy.api#Unit"}
        }},
        "ex#Choice": {"type": "union", "members": {
          "text": {"target": "smithy.api#String"},
          "level": {"target": "ex#Level"},
          "nothing": {"target": "smithy.api#Unit"}
        }},
        "ex#Tags": {"type": "map", "key": {"target": "smithy.api#String"}, "value": {"target": "ex#Color"}},
        "ex#Base": {"type": "structure", "mixins": [{"target": "ex#Shared"}],
          "members": {"Own": {"target": "smithy.api#Long"}, "Id": {"target": "smithy.api#String", "traits": {"smithy.api#required": {}}}}},
        "ex#Shared": {"type": "structure", "members": {"Id": {"target": "smithy.api#String"}, "At": {"target": "smithy.api#Timestamp"}},
          "traits": {"smithy.api#mixin": {}, "smithy.api#documentation": "Shared."}},
        "ex#Base$Own": {"type": "apply", "traits": {"smithy.api#documentation": "Applied."}}
      }
    }"##;
    let model = load("v2.json", text).unwrap();
    assert_eq!(model.service.protocol, Protocol::RestXml);
    let ShapeKind::IntEnum(levels) = &model.shapes[&id("ex#Level")].kind else {
        panic!("an intEnum was expected");
    };
    let got: Vec<(&str, i64)> = levels.iter().map(|v| (v.name.as_str(), v.value)).collect();
    assert_eq!(got, [("LOW", 1), ("HIGH", 10)]);
    assert_eq!(levels[1].docs.as_deref(), Some("Loud."));
    let ShapeKind::Enum(colors) = &model.shapes[&id("ex#Color")].kind else {
        panic!("an enum was expected");
    };
    let got: Vec<(&str, &str)> = colors
        .iter()
        .map(|v| (v.name.as_str(), v.value.as_str()))
        .collect();
    assert_eq!(got, [("RED", "red"), ("GREEN", "GREEN")]);
    let ShapeKind::Union(choice) = &model.shapes[&id("ex#Choice")].kind else {
        panic!("a union was expected");
    };
    let names: Vec<&str> = choice.members.iter().map(|m| m.name.as_str()).collect();
    assert_eq!(names, ["text", "level", "nothing"]);
    assert!(model
        .shapes
        .contains_key(&ShapeId::new("smithy.api", "Unit")));
    assert!(matches!(
        model.shapes[&id("ex#Tags")].kind,
        ShapeKind::Map { .. }
    ));
    // Mixin members first, then the shape's own; the mixin is not a shape.
    let base = members(&model, "ex#Base");
    let got: Vec<(&str, bool)> = base.iter().map(|m| (m.name.as_str(), m.required)).collect();
    assert_eq!(got, [("Id", true), ("At", false), ("Own", false)]);
    assert_eq!(base[2].docs.as_deref(), Some("Applied."));
    assert_eq!(
        model.shapes[&id("ex#Base")].docs.as_deref(),
        Some("Shared.")
    );
    assert!(!model.shapes.contains_key(&id("ex#Shared")));
    let json = export::smithy::to_json(&model);
    assert_eq!(load("exported.json", &json).unwrap(), model);
}

/// Loads `text` expecting an error; returns it and its Display.
fn failure(text: &str) -> (Error, String) {
    let err = load("bad.json", text).expect_err("the model should be rejected");
    let shown = err.to_string();
    assert!(shown.starts_with("bad.json:"), "no file in `{shown}`");
    (err, shown)
}

/// A minimal model around one extra shape.
fn with_shape(shape: &str) -> String {
    format!(
        r#"{{"smithy": "2.0", "shapes": {{
          "ex#Svc": {{"type": "service", "version": "1", "traits": {{"aws.protocols#awsJson1_0": {{}}}}}},
          {shape}
        }}}}"#
    )
}

#[test]
fn malformed_json_has_line_and_column() {
    let (err, shown) = failure("{\n  \"smithy\": \"2.0\",\n  \"shapes\": {,}\n}");
    assert_eq!(err.position, Some((3, 14)));
    assert!(shown.starts_with("bad.json:3:14: "), "{shown}");
}

#[test]
fn missing_target_names_shape_and_member() {
    let (err, shown) = failure(&with_shape(
        r#""ex#Thing": {"type": "structure", "members": {"Owner": {"target": "ex#Missing"}}}"#,
    ));
    assert_eq!(err.place.as_deref(), Some("shape ex#Thing, member Owner"));
    assert_eq!(
        shown,
        "bad.json: shape ex#Thing, member Owner: targets ex#Missing, which is not in the model"
    );
}

#[test]
fn missing_operation_input_is_reported() {
    let text = r#"{"smithy": "2.0", "shapes": {
      "ex#Svc": {"type": "service", "operations": [{"target": "ex#Op"}], "traits": {"aws.protocols#awsQuery": {}}},
      "ex#Op": {"type": "operation", "input": {"target": "ex#Gone"}}
    }}"#;
    let (_, shown) = failure(text);
    assert_eq!(
        shown,
        "bad.json: operation ex#Op: refers to ex#Gone, which is not in the model"
    );
}

#[test]
fn unknown_shape_type_is_named() {
    let (err, shown) = failure(&with_shape(r#""ex#Odd": {"type": "tuple"}"#));
    assert_eq!(err.place.as_deref(), Some("shape ex#Odd"));
    assert!(shown.contains("unknown shape type `tuple`"), "{shown}");
}

#[test]
fn service_without_supported_protocol_is_named() {
    let text = r#"{"smithy": "2.0", "shapes": {
      "ex#Svc": {"type": "service", "traits": {"smithy.protocols#rpcv2Cbor": {}, "smithy.api#title": "T"}}
    }}"#;
    let (err, shown) = failure(text);
    assert_eq!(err.place.as_deref(), Some("service ex#Svc"));
    assert!(shown.contains("no supported protocol"), "{shown}");
    assert!(
        shown.contains("traits are: smithy.api#title, smithy.protocols#rpcv2Cbor"),
        "{shown}"
    );
}

#[test]
fn service_count_must_be_one() {
    let (_, shown) = failure(r#"{"smithy": "2.0", "shapes": {}}"#);
    assert!(shown.contains("no service shape"), "{shown}");
    let text = r#"{"smithy": "2.0", "shapes": {
      "ex#A": {"type": "service", "traits": {"aws.protocols#awsQuery": {}}},
      "ex#B": {"type": "service", "traits": {"aws.protocols#awsQuery": {}}}
    }}"#;
    let (_, shown) = failure(text);
    assert!(shown.contains("2 service shapes (ex#A, ex#B)"), "{shown}");
}

#[test]
fn missing_mixin_and_bad_trait_values_are_named() {
    let (err, shown) = failure(&with_shape(
        r#""ex#S": {"type": "structure", "mixins": [{"target": "ex#Nope"}]}"#,
    ));
    assert_eq!(err.place.as_deref(), Some("shape ex#S"));
    assert!(
        shown.contains("mixin ex#Nope is not in the model"),
        "{shown}"
    );

    let (err, shown) = failure(&with_shape(
        r#""ex#T": {"type": "timestamp", "traits": {"smithy.api#timestampFormat": "yesterday"}}"#,
    ));
    assert_eq!(err.place.as_deref(), Some("shape ex#T"));
    assert!(shown.contains("smithy.api#timestampFormat"), "{shown}");

    let (err, _) = failure(&with_shape(
        r#""ex#L": {"type": "list", "traits": {"smithy.api#documentation": "no member"}}"#,
    ));
    assert_eq!(err.place.as_deref(), Some("shape ex#L"));
}

/// Every value of the fixture replaced, one at a time, by values of other
/// types: loading gives a model or an error, never a panic.
#[test]
fn mutated_models_never_panic() {
    let doc: serde_json::Value = serde_json::from_str(PAGED).unwrap();
    let replacements = [
        serde_json::json!(null),
        serde_json::json!(7),
        serde_json::json!("smithy.api#Unit"),
        serde_json::json!([]),
        serde_json::json!({}),
    ];
    let mut paths = Vec::new();
    collect_paths(&doc, &mut Vec::new(), &mut paths);
    assert!(paths.len() > 100);
    for path in &paths {
        for replacement in &replacements {
            let mut mutated = doc.clone();
            if let Some(slot) = mutated.pointer_mut(path) {
                *slot = replacement.clone();
            }
            let _ = load("mutated.json", &mutated.to_string());
        }
    }
    for end in 0..PAGED.len() {
        if PAGED.is_char_boundary(end) {
            assert!(load("cut.json", &PAGED[..end]).is_err());
        }
    }
}

/// JSON pointers to every value under `value`.
fn collect_paths(value: &serde_json::Value, at: &mut Vec<String>, out: &mut Vec<String>) {
    let children: Vec<(String, &serde_json::Value)> = match value {
        serde_json::Value::Object(map) => map
            .iter()
            .map(|(k, v)| (k.replace('~', "~0").replace('/', "~1"), v))
            .collect(),
        serde_json::Value::Array(items) => items
            .iter()
            .enumerate()
            .map(|(i, v)| (i.to_string(), v))
            .collect(),
        _ => Vec::new(),
    };
    for (key, child) in children {
        at.push(key);
        out.push(format!("/{}", at.join("/")));
        collect_paths(child, at, out);
        at.pop();
    }
}
