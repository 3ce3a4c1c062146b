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
