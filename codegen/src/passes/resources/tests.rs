//! The resource plans of a small model, and their errors.

use super::*;
use crate::passes::plans::tests::{ctx_of, model};
use crate::SourceFile;

/// The `Thing` resource of `plans::tests::model`, with the load path,
/// the `Tag` action's target and the identifier path of the service
/// action `DescribeThings` given.
fn plan_with(load_path: &str, tag_target: &str, made_path: &str) -> Result<Vec<ResourcePlan>> {
    let text = RESOURCES
        .replace("$LOAD", load_path)
        .replace("$TAG", tag_target)
        .replace("$MADE", made_path);
    let resources = crate::load_resources(SourceFile {
        name: "resources-1.json",
        text: &text,
    })?;
    let model = model("Things[].State", "Things");
    ctx_of(&model, |ctx| plan(ctx, &resources, &["Thing".to_string()]))
}

#[test]
fn resolves_paths_bindings_waiters_and_creators() {
    let plans = plan_with("Things[0]", "Resources[0]", "Things[].ThingId").unwrap();
    let [thing] = plans.as_slice() else {
        panic!("{plans:?}")
    };
    assert_eq!(thing.constructor.to_string(), "thing");
    let data = thing.data.as_ref().unwrap();
    assert_eq!(data.operation, "DescribeThings");
    assert!(matches!(
        data.path.as_slice(),
        [Step {
            first: true,
            required: false,
            ..
        }]
    ));
    // Only a member named like an identifier (`id`) would be left out.
    let attributes: Vec<String> = data.attributes.iter().map(|a| a.member.clone()).collect();
    assert_eq!(attributes, ["ThingId", "State", "Size"]);
    let [tag] = thing.actions.as_slice() else {
        panic!("{:?}", thing.actions)
    };
    assert_eq!(tag.method.to_string(), "tag");
    assert!(matches!(
        tag.binds.calls.as_slice(),
        [SetCall::Member { setter, value: Value::Identifier(id) }] if setter == "resources" && id == "id"
    ));
    assert_eq!(
        thing.waiters[0].fluent_method.to_string(),
        "wait_until_thing_ready"
    );
    let [made] = thing.creators.as_slice() else {
        panic!("{:?}", thing.creators)
    };
    assert_eq!(made.method.to_string(), "send_for_things");
    assert!(matches!(&made.ids, CreatedIds::Many { list, id } if list.len() == 1 && id.len() == 1));
}

#[test]
fn errors_name_the_resource_and_the_place_in_it() {
    for (load, tag, made, place, needle) in [
        (
            "Things[0].Nope",
            "Resources[0]",
            "Things[].ThingId",
            "resource Thing, load: ",
            "`Nope` is not a member",
        ),
        (
            "Things[0]",
            "Missing[0]",
            "Things[].ThingId",
            "resource Thing, action Tag, param Missing[0]: ",
            "`Missing` is not a member",
        ),
        (
            "Things[0]",
            "Resources[0:1]",
            "Things[].ThingId",
            "resource Thing, action Tag, param Resources[0:1]: ",
            "slices are not supported",
        ),
        (
            "Things[0]",
            "Resources[0]",
            "Things[].Nope",
            "resource Thing, returned by DescribeThings, identifier path Things[].Nope: ",
            "`Nope` is not a member",
        ),
        (
            "Things[0]",
            "Resources[0]",
            "NextToken[0]",
            "resource Thing, returned by DescribeThings, identifier path NextToken[0]: ",
            "NextToken is not a list",
        ),
        (
            "Things",
            "Resources[0]",
            "Things[].ThingId",
            "resource Thing, load: ",
            "leads to ex#Things, not to the resource's shape ex#Thing",
        ),
    ] {
        let err = plan_with(load, tag, made).unwrap_err().to_string();
        assert!(err.starts_with(place), "{load} {tag} {made}: {err}");
        assert!(err.contains(needle), "{load} {tag} {made}: {err}");
    }
}

const RESOURCES: &str = r#"{
  "service": {
    "actions": {
      "DescribeThings": {
        "request": {"operation": "DescribeThings"},
        "resource": {"type": "Thing", "identifiers": [{"target": "Id", "source": "response", "path": "$MADE"}]}
      }
    }
  },
  "resources": {
    "Thing": {
      "identifiers": [{"name": "Id", "memberName": "ThingId"}],
      "shape": "Thing",
      "load": {
        "request": {"operation": "DescribeThings", "params": [{"target": "ThingIds[0]", "source": "identifier", "name": "Id"}]},
        "path": "$LOAD"
      },
      "actions": {
        "Tag": {"request": {"operation": "TagThing", "params": [{"target": "$TAG", "source": "identifier", "name": "Id"}]}}
      },
      "waiters": {
        "Ready": {"waiterName": "ThingReady", "params": [{"target": "ThingIds[0]", "source": "identifier", "name": "Id"}]}
      }
    }
  }
}"#;

/// The plans of `Thing` and `Label` in `LABELS` (a `Thing`'s `AddLabels`
/// returns one `Label` per item of `Labels` sent), with the identifier
/// `Value`'s request path and the action's parameters given.
fn labels_with(value_path: &str, params: &str) -> Result<Vec<ResourcePlan>> {
    let text = LABEL_RESOURCES
        .replace("$VALUE", value_path)
        .replace("$PARAMS", params);
    let resources = crate::load_resources(SourceFile {
        name: "resources-1.json",
        text: &text,
    })?;
    let model = crate::load_smithy(SourceFile {
        name: "labels.json",
        text: LABELS,
    })?;
    let names = ["Thing", "Other", "Label"].map(String::from);
    ctx_of(&model, |ctx| plan(ctx, &resources, &names))
}

const THING_ID: &str = r#"{"target": "Resources[0]", "source": "identifier", "name": "Id"}"#;

#[test]
fn plans_resources_made_from_the_request() {
    let plans = labels_with("Labels[].Value", THING_ID).unwrap();
    let [thing, other, label] = plans.as_slice() else {
        panic!("{plans:?}")
    };
    // The service's and two resources' actions on one operation, reading
    // the same places of the request, give one method.
    let [made] = label.request_creators.as_slice() else {
        panic!("{:?}", label.request_creators)
    };
    assert_eq!(made.method.to_string(), "send_for_labels");
    assert_eq!(made.fluent.to_string(), "AddLabelsFluentBuilder");
    assert_eq!(
        made.actions,
        [
            "ServiceResource.AddLabels",
            "Thing.AddLabels",
            "Other.AddLabels"
        ]
    );
    let (list, text) = made.list.as_ref().unwrap();
    assert_eq!((list.len(), text.as_str()), (1, "Labels"));
    let ids: Vec<(&str, &str, &str, bool)> = made
        .ids
        .iter()
        .map(|i| {
            let item = matches!(i.from, IdFrom::Item(_));
            (i.name.as_str(), i.shape.as_str(), i.member.as_str(), item)
        })
        .collect();
    assert_eq!(
        ids,
        [
            ("ThingId", "AddLabelsIn", "Resources", false),
            ("Key", "LabelPair", "Key", true),
            ("Value", "LabelPair", "Value", true),
        ]
    );
    assert!(
        matches!(&made.ids[0].from, IdFrom::Input(p) if p.len() == 1 && p[0].first && p[0].required)
    );
    // The actions say which method returns the labels.
    for owner in [thing, other] {
        let returns = owner.actions[0].returns.as_ref().unwrap();
        assert_eq!(
            (returns.0.to_string().as_str(), returns.1.as_str()),
            ("send_for_labels", "Label")
        );
    }
}

#[test]
fn resources_from_the_request_errors_name_resource_action_and_identifier() {
    for (value, params, needle) in [
        (
            "Labels[].Nope",
            THING_ID,
            "resource Thing, action AddLabels, returning Label, identifier Value: `Nope` is not a member",
        ),
        (
            "Others[].Value",
            THING_ID,
            "resource Thing, action AddLabels, returning Label, identifier Value: the path Others[].Value goes through another list than Labels[]",
        ),
        (
            "Labels[].Value",
            "",
            "resource Thing, action AddLabels, returning Label, identifier ThingId: comes from the identifier Id, which the request does not carry",
        ),
        (
            "Labels[].Key",
            THING_ID,
            "resource Thing, action AddLabels, returning Label: Thing.AddLabels reads the identifiers of Label from the request otherwise than ServiceResource.AddLabels",
        ),
    ] {
        let err = labels_with(value, params).unwrap_err().to_string();
        assert!(err.contains(needle), "{value} {params}: {err}");
    }
}

const LABEL_RESOURCES: &str = r#"{
  "service": {
    "actions": {
      "AddLabels": {
        "request": {"operation": "AddLabels"},
        "resource": {"type": "Label", "identifiers": [
          {"target": "ThingId", "source": "requestParameter", "path": "Resources[0]"},
          {"target": "Key", "source": "requestParameter", "path": "Labels[].Key"},
          {"target": "Value", "source": "requestParameter", "path": "Labels[].Value"}
        ]}
      }
    }
  },
  "resources": {
    "Thing": {
      "identifiers": [{"name": "Id"}],
      "actions": {
        "AddLabels": {
          "request": {"operation": "AddLabels", "params": [$PARAMS]},
          "resource": {"type": "Label", "identifiers": [
            {"target": "ThingId", "source": "identifier", "name": "Id"},
            {"target": "Key", "source": "requestParameter", "path": "Labels[].Key"},
            {"target": "Value", "source": "requestParameter", "path": "$VALUE"}
          ]}
        }
      }
    },
    "Other": {
      "identifiers": [{"name": "Id"}],
      "actions": {
        "AddLabels": {
          "request": {"operation": "AddLabels", "params": [{"target": "Resources[0]", "source": "identifier", "name": "Id"}]},
          "resource": {"type": "Label", "identifiers": [
            {"target": "ThingId", "source": "identifier", "name": "Id"},
            {"target": "Key", "source": "requestParameter", "path": "Labels[].Key"},
            {"target": "Value", "source": "requestParameter", "path": "Labels[].Value"}
          ]}
        }
      }
    },
    "Label": {
      "identifiers": [{"name": "ThingId"}, {"name": "Key"}, {"name": "Value"}]
    }
  }
}"#;

const LABELS: &str = r##"{
  "smithy": "2.0",
  "shapes": {
    "ex#Svc": {
      "type": "service", "version": "2020-01-01",
      "operations": [{"target": "ex#AddLabels"}],
      "traits": {"aws.protocols#ec2Query": {}}
    },
    "ex#AddLabels": {
      "type": "operation",
      "input": {"target": "ex#AddLabelsIn"}, "output": {"target": "smithy.api#Unit"}
    },
    "ex#AddLabelsIn": {
      "type": "structure",
      "members": {
        "Resources": {"target": "ex#Ids", "traits": {"smithy.api#required": {}}},
        "Labels": {"target": "ex#LabelList"},
        "Others": {"target": "ex#LabelList"}
      }
    },
    "ex#Ids": {"type": "list", "member": {"target": "smithy.api#String"}},
    "ex#LabelList": {"type": "list", "member": {"target": "ex#LabelPair"}},
    "ex#LabelPair": {
      "type": "structure",
      "members": {
        "Key": {"target": "smithy.api#String"},
        "Value": {"target": "smithy.api#String"}
      }
    }
  }
}"##;
