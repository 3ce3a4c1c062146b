//! The API change report on an awsQuery model: wire-name changes are
//! classified through the AWS query protocol module (keys are the `xmlName`
//! as written, `ec2QueryName` means nothing there), not through EC2's rules.

use codegen::diff::{diff, ChangeKind};
use codegen::ir::{Model, ShapeId, ShapeKind};
use codegen::SourceFile;

fn iam() -> Model {
    let path = tests::reference::workspace_root().join("model/iam-identities/service.json");
    let text = std::fs::read_to_string(&path).unwrap();
    codegen::load_smithy(SourceFile {
        name: "service.json",
        text: &text,
    })
    .unwrap()
}

/// The member `name` of structure `shape`, to edit.
fn member<'m>(model: &'m mut Model, shape: &str, name: &str) -> &'m mut codegen::ir::Member {
    let id = ShapeId::new(model.service.id.namespace.clone(), shape);
    let ShapeKind::Structure(s) = &mut model.shapes.get_mut(&id).unwrap().kind else {
        panic!("{shape} is not a structure");
    };
    s.members.iter_mut().find(|m| m.name == name).unwrap()
}

#[test]
fn aws_query_wire_names_come_from_its_protocol_module() {
    let old = iam();
    assert_eq!(old.service.protocol, codegen::ir::Protocol::AwsQuery);

    // An xmlName on a request member: awsQuery sends it as written (EC2
    // would capitalise it).
    let mut new = old.clone();
    member(&mut new, "CreateUserRequest", "UserName").xml_name = Some("userName".into());
    let report = diff(&old, &new);
    let kinds: Vec<&ChangeKind> = report.changes.iter().map(|c| &c.kind).collect();
    assert!(
        kinds
            .iter()
            .any(|k| matches!(k, ChangeKind::QueryNameChanged { old, new }
            if old == "UserName" && new == "userName")),
        "{kinds:?}"
    );
    assert!(report.has_breaking(), "{}", report.to_markdown());

    // An ec2QueryName: no awsQuery key or element changes.
    let mut new = old.clone();
    member(&mut new, "CreateUserRequest", "UserName").ec2_query_name = Some("Other".into());
    let report = diff(&old, &new);
    let kinds: Vec<&ChangeKind> = report.changes.iter().map(|c| &c.kind).collect();
    assert!(
        kinds
            .iter()
            .all(|k| matches!(k, ChangeKind::WireTraitChanged)),
        "{kinds:?}"
    );
    assert!(!kinds.is_empty());
    assert!(!report.has_breaking(), "{}", report.to_markdown());
}
