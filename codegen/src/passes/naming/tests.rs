use serde_json::json;

use super::types::variants;
use super::*;
use crate::SourceFile;

/// A model of one service with one operation `Act` whose input has these
/// members (all strings), a waiter `Done` and a paginator.
fn model_with_input(members: &[&str]) -> Model {
    let members: serde_json::Map<String, serde_json::Value> = members
        .iter()
        .map(|m| (m.to_string(), json!({"target": "smithy.api#String"})))
        .collect();
    let text = json!({
        "smithy": "2.0",
        "shapes": {
            "ex#Svc": {
                "type": "service",
                "version": "1",
                "operations": [{"target": "ex#Act"}],
                "traits": {"aws.protocols#ec2Query": {}}
            },
            "ex#Act": {
                "type": "operation",
                "input": {"target": "ex#ActInput"},
                "output": {"target": "ex#ActOutput"},
                "traits": {
                    "smithy.waiters#waitable": {
                        "Done": {"acceptors": [{"state": "success", "matcher": {"success": true}}]}
                    }
                }
            },
            "ex#ActInput": {"type": "structure", "members": members},
            "ex#ActOutput": {"type": "structure", "members": {}}
        }
    })
    .to_string();
    crate::load_smithy(SourceFile {
        name: "test.json",
        text: &text,
    })
    .unwrap()
}

fn id(name: &str) -> ShapeId {
    ShapeId {
        namespace: "ex".into(),
        name: name.into(),
    }
}

fn fields(names: &Names, shape: &str) -> Vec<(String, String)> {
    names
        .type_names(&id(shape))
        .unwrap()
        .members
        .iter()
        .map(|m| (m.field.clone(), m.setter.clone()))
        .collect()
}

#[test]
fn members_named_like_the_generated_api_get_a_suffix() {
    let model = model_with_input(&[
        "Send",
        "AsInput",
        "Build",
        "IntoPaginator",
        "WaitUntilDone",
        "SetName",
        "Name",
        "Builder",
    ]);
    let names = assign(&model).unwrap();
    let got = fields(&names, "ActInput");
    let want = [
        ("send_", "set_send"),
        ("as_input_", "set_as_input"),
        ("build_", "set_build"),
        ("into_paginator_", "set_into_paginator"),
        ("wait_until_done_", "set_wait_until_done"),
        ("set_name_", "set_set_name"),
        ("name", "set_name"),
        // A field beside `ActInput::builder()`: no method of a builder.
        ("builder", "set_builder"),
    ];
    let want: Vec<(String, String)> = want
        .iter()
        .map(|(f, s)| (f.to_string(), s.to_string()))
        .collect();
    assert_eq!(got, want);
    // An output is no fluent builder's input: only the builder's names are
    // reserved there.
    let op = names.operation(&id("Act")).unwrap();
    assert_eq!(op.method, "act");
    assert_eq!(op.fluent, "ActFluentBuilder");
    assert_eq!(
        names.waiter_method(&id("Act"), "Done").unwrap(),
        "wait_until_done"
    );
}

#[test]
fn a_keyword_member_gets_an_underscore_and_keeps_its_setter() {
    let names = assign(&model_with_input(&["type", "match", "Self"])).unwrap();
    let got = fields(&names, "ActInput");
    assert_eq!(
        got,
        [
            ("type_".to_string(), "set_type".to_string()),
            ("match_".to_string(), "set_match".to_string()),
            ("self_".to_string(), "set_self".to_string()),
        ]
    );
    let member = names.member_by_name(&id("ActInput"), "type").unwrap();
    assert_eq!(member.field, "type_");
    let missing = names.member_by_name(&id("ActInput"), "Nope").unwrap_err();
    assert_eq!(
        missing.to_string(),
        "shape ex#ActInput: has no member `Nope` with a Rust name"
    );
}

/// The (field, setter) names of the members of `ActInput`.
fn member_names(names: &Names) -> Vec<(String, String)> {
    names
        .type_names(&id("ActInput"))
        .unwrap()
        .members
        .iter()
        .map(|m| (m.field.clone(), m.setter.clone()))
        .collect()
}

#[test]
fn members_that_collide_get_a_numeric_suffix_in_model_order() {
    let pairs = |v: &[(&str, &str)]| -> Vec<(String, String)> {
        v.iter()
            .map(|(a, b)| (a.to_string(), b.to_string()))
            .collect()
    };
    let names = assign(&model_with_input(&["ImageId", "IMAGE_ID"])).unwrap();
    assert_eq!(
        member_names(&names),
        pairs(&[
            ("image_id", "set_image_id"),
            ("image_id_2", "set_image_id_2")
        ])
    );
    // `self` and `Self` are both the keyword `self`: `self_`, then `self_2`.
    let names = assign(&model_with_input(&["self", "Self"])).unwrap();
    assert_eq!(
        member_names(&names),
        pairs(&[("self_", "set_self"), ("self_2", "set_self_2")])
    );
    // `Send_` gives `send`, reserved, hence `send_`: the name `Send` has.
    let names = assign(&model_with_input(&["Send", "Send_"])).unwrap();
    assert_eq!(
        member_names(&names),
        pairs(&[("send_", "set_send"), ("send_2", "set_send_2")])
    );
}

#[test]
fn a_leading_digit_gets_a_letter() {
    let names = assign(&model_with_input(&["3d", "2xlarge"])).unwrap();
    assert_eq!(
        member_names(&names),
        [
            ("v3d".to_string(), "set_3d".to_string()),
            ("v2xlarge".to_string(), "set_2xlarge".to_string())
        ]
    );
}

#[test]
fn operations_named_like_the_client_methods_get_a_suffix() {
    let mut model = model_with_input(&[]);
    let op = model.operations.remove(&id("Act")).unwrap();
    for name in ["New", "Config", "Image"] {
        let mut op = op.clone();
        op.id = id(name);
        model.operations.insert(op.id.clone(), op);
    }
    let names = assign_with_resources(&model, &["Image".to_string()]).unwrap();
    let method = |name: &str| names.operation(&id(name)).unwrap().method.clone();
    assert_eq!(
        [method("New"), method("Config"), method("Image")],
        ["new_", "config_", "image_"]
    );
    assert_eq!(names.resource_constructor("Image").unwrap(), "image");
    // The protocol functions keep the plain names.
    assert_eq!(names.operation(&id("New")).unwrap().function, "new");
}

#[test]
fn variant_names_follow_the_policy() {
    let got = variants(
        [
            "x86_64_mac",
            "legacy_bios",
            "uefi_preferred",
            "v2_0",
            "_2xlarge",
            "Self",
            "Unknown",
            "foo_bar",
            "FooBar",
            "",
            "i386",
            "UnknownValue",
        ]
        .into_iter(),
        &rules::ENUM,
    );
    assert_eq!(
        got,
        [
            "X8664Mac",
            "LegacyBios",
            "UefiPreferred",
            "V20",
            "V2xlarge",
            "SelfValue",
            "UnknownValue",
            "FooBar",
            "FooBar2",
            "Empty",
            "I386",
            "UnknownValue2",
        ]
    );
}

#[test]
fn getters_and_setters_from_iterators_never_rename_a_field() {
    // `Ids` is a list; `IdsFrom` (a string) wants the name of its setter
    // from an iterator, `Builder` the name of the structure's `builder()`.
    let text = json!({
        "smithy": "2.0",
        "shapes": {
            "ex#Svc": {
                "type": "service",
                "version": "1",
                "operations": [{"target": "ex#Act"}],
                "traits": {"aws.protocols#ec2Query": {}}
            },
            "ex#Act": {"type": "operation", "input": {"target": "ex#ActInput"}},
            "ex#Ids": {"type": "list", "member": {"target": "smithy.api#String"}},
            "ex#ActInput": {"type": "structure", "members": {
                "Ids": {"target": "ex#Ids"},
                "IdsFrom": {"target": "smithy.api#String"},
                "Builder": {"target": "smithy.api#String"}
            }}
        }
    })
    .to_string();
    let model = crate::load_smithy(SourceFile {
        name: "test.json",
        text: &text,
    })
    .unwrap();
    let names = assign(&model).unwrap();
    let members = &names.type_names(&id("ActInput")).unwrap().members;
    let all: Vec<(&str, &str, &str, Option<&str>)> = members
        .iter()
        .map(|m| {
            (
                m.field.as_str(),
                m.setter.as_str(),
                m.getter.as_str(),
                m.from_setter.as_deref(),
            )
        })
        .collect();
    assert_eq!(
        all,
        [
            ("ids", "set_ids", "ids", Some("set_ids_from")),
            // The member's own names are later than the list's setter
            // from an iterator: the member is numbered, as members are.
            ("ids_from_2", "set_ids_from_2", "ids_from_2", None),
            ("builder", "set_builder", "builder_", None),
        ]
    );
}
