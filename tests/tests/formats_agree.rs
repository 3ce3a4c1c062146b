//! The two front-ends agree: the same service, released the same week, in
//! the Smithy JSON AST and in botocore's format, lowers to the same IR up
//! to the differences listed (and asserted) here.
//!
//! Models are compared through [`normalise`], which keeps what both formats
//! carry and resolves member targets: a simple type compares by its
//! [`SimpleType`] (botocore names its own `String`-like shapes where Smithy
//! may target the prelude), anything else by its shape name.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use codegen::ir::{
    Deprecated, ErrorFault, Model, Protocol, ShapeId, ShapeKind, SimpleType, TimestampFormat,
};
use codegen::{BotocoreFiles, SourceFile};

fn read(dir: &Path, rel: &str) -> String {
    let path = dir.join(rel);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// Loads `smithy-2025-04-02/<smithy>` and `botocore-1.37.26/<botocore>/service-2.json`.
fn load_both(dir: &Path, smithy: &str, botocore: &str) -> (Model, Model) {
    let smithy_path = format!("smithy-2025-04-02/{smithy}");
    let text = read(dir, &smithy_path);
    let from_smithy = codegen::load_smithy(SourceFile {
        name: &smithy_path,
        text: &text,
    })
    .unwrap_or_else(|e| panic!("{e}"));
    let botocore_path = format!("botocore-1.37.26/{botocore}/service-2.json");
    let text = read(dir, &botocore_path);
    let from_botocore = codegen::load_botocore(BotocoreFiles {
        service: SourceFile {
            name: &botocore_path,
            text: &text,
        },
        paginators: None,
        waiters: None,
    })
    .unwrap_or_else(|e| panic!("{e}"));
    (from_smithy, from_botocore)
}

/// What both formats carry, in a form that compares across them.
#[derive(Debug, PartialEq)]
struct Normal {
    service: NormalService,
    operations: BTreeMap<String, NormalOperation>,
    shapes: BTreeMap<String, NormalShape>,
}

/// The service without its shape id: Smithy names the service shape
/// (`AWSSecurityTokenServiceV20110615`), botocore has no such name and the
/// front-end derives one from the service id (`STS`).
#[derive(Debug, PartialEq)]
struct NormalService {
    namespace: String,
    version: String,
    protocol: Protocol,
    sdk_id: Option<String>,
    endpoint_prefix: Option<String>,
    signing_name: Option<String>,
    xml_namespace: Option<String>,
    title: Option<String>,
    docs: Option<String>,
}

#[derive(Debug, PartialEq)]
struct NormalOperation {
    input: Option<String>,
    output: Option<String>,
    /// Sorted: the Smithy AST lists errors alphabetically, botocore in a
    /// hand-written order. Which errors an operation declares matters,
    /// their order does not.
    errors: BTreeSet<String>,
    docs: Option<String>,
    deprecated: Option<Deprecated>,
}

#[derive(Debug, PartialEq)]
struct NormalShape {
    kind: &'static str,
    members: Vec<NormalMember>,
    enum_values: Vec<(String, String)>,
    docs: Option<String>,
    xml_name: Option<String>,
    timestamp_format: Option<TimestampFormat>,
    error: Option<ErrorFault>,
    sensitive: bool,
    deprecated: Option<Deprecated>,
    bounds: Option<codegen::ir::Bounds>,
}

/// A member, without `default`: only Smithy 2.0 carries defaults, botocore
/// has none, so they cannot agree.
#[derive(Debug, PartialEq)]
struct NormalMember {
    name: String,
    target: Target,
    required: bool,
    docs: Option<String>,
    xml_name: Option<String>,
    ec2_query_name: Option<String>,
    xml_flattened: bool,
    xml_attribute: bool,
    xml_namespace: Option<String>,
    timestamp_format: Option<TimestampFormat>,
    idempotency_token: bool,
    host_label: bool,
    deprecated: Option<Deprecated>,
}

/// A resolved member target.
#[derive(Debug, PartialEq)]
enum Target {
    /// A simple type, whatever shape names it.
    Simple(SimpleType),
    /// An aggregate or enum, by shape name.
    Named(String),
    /// A target missing from the model (a front-end bug; shown, not hidden).
    Missing(String),
}

/// Documentation with every whitespace run made one space.
fn docs(text: &Option<String>) -> Option<String> {
    text.as_ref()
        .map(|t| t.split_whitespace().collect::<Vec<_>>().join(" "))
}

fn name(id: &Option<ShapeId>) -> Option<String> {
    id.as_ref().map(|id| id.name.clone())
}

fn normalise(model: &Model) -> Normal {
    let s = &model.service;
    let service = NormalService {
        namespace: s.id.namespace.clone(),
        version: s.version.clone(),
        protocol: s.protocol,
        sdk_id: s.sdk_id.clone(),
        endpoint_prefix: s.endpoint_prefix.clone(),
        signing_name: s.signing_name.clone(),
        xml_namespace: s.xml_namespace.clone(),
        title: s.title.clone(),
        docs: docs(&s.docs),
    };
    let operations = model
        .operations
        .values()
        .map(|op| {
            let normal = NormalOperation {
                input: name(&op.input),
                output: name(&op.output),
                errors: op.errors.iter().map(|e| e.name.clone()).collect(),
                docs: docs(&op.docs),
                deprecated: op.deprecated.clone(),
            };
            (op.id.name.clone(), normal)
        })
        .collect();
    let target = |id: &ShapeId| match model.shape(id).map(|s| &s.kind) {
        Some(ShapeKind::Simple(simple)) => Target::Simple(*simple),
        Some(_) => Target::Named(id.name.clone()),
        None => Target::Missing(id.to_string()),
    };
    let member = |m: &codegen::ir::Member| NormalMember {
        name: m.name.clone(),
        target: target(&m.target),
        required: m.required,
        docs: docs(&m.docs),
        xml_name: m.xml_name.clone(),
        ec2_query_name: m.ec2_query_name.clone(),
        xml_flattened: m.xml_flattened,
        xml_attribute: m.xml_attribute,
        xml_namespace: m.xml_namespace.clone(),
        timestamp_format: m.timestamp_format,
        idempotency_token: m.idempotency_token,
        host_label: m.host_label,
        deprecated: m.deprecated.clone(),
    };
    let shapes = model
        .shapes
        .values()
        // Prelude shapes exist only on the Smithy side; members targeting
        // them compare through `Target::Simple`.
        .filter(|shape| !shape.id.is_prelude())
        .map(|shape| {
            let (members, enum_values) = match &shape.kind {
                ShapeKind::Structure(s) | ShapeKind::Union(s) => {
                    (s.members.iter().map(member).collect(), Vec::new())
                }
                ShapeKind::List(m) => (vec![member(m)], Vec::new()),
                ShapeKind::Map { key, value } => (vec![member(key), member(value)], Vec::new()),
                ShapeKind::Enum(values) => (
                    Vec::new(),
                    values
                        .iter()
                        .map(|v| (v.name.clone(), v.value.clone()))
                        .collect(),
                ),
                ShapeKind::IntEnum(values) => (
                    Vec::new(),
                    values
                        .iter()
                        .map(|v| (v.name.clone(), v.value.to_string()))
                        .collect(),
                ),
                ShapeKind::Simple(_) => (Vec::new(), Vec::new()),
            };
            let normal = NormalShape {
                kind: shape.kind.name(),
                members,
                enum_values,
                docs: docs(&shape.docs),
                xml_name: shape.xml_name.clone(),
                timestamp_format: shape.timestamp_format,
                error: shape.error,
                sensitive: shape.sensitive,
                deprecated: shape.deprecated.clone(),
                bounds: shape.bounds.clone(),
            };
            (shape.id.name.clone(), normal)
        })
        .collect();
    Normal {
        service,
        operations,
        shapes,
    }
}

/// Asserts two normalised models equal, one part at a time so that a
/// failure shows the part that differs rather than two whole models.
fn assert_agree(smithy: &Normal, botocore: &Normal) {
    assert_eq!(smithy.service, botocore.service, "service");
    assert_eq!(
        smithy.operations.keys().collect::<Vec<_>>(),
        botocore.operations.keys().collect::<Vec<_>>(),
        "operation names"
    );
    for (name, op) in &smithy.operations {
        assert_eq!(Some(op), botocore.operations.get(name), "operation {name}");
    }
    assert_eq!(
        smithy.shapes.keys().collect::<Vec<_>>(),
        botocore.shapes.keys().collect::<Vec<_>>(),
        "shape names"
    );
    for (name, shape) in &smithy.shapes {
        assert_eq!(Some(shape), botocore.shapes.get(name), "shape {name}");
    }
}

#[test]
fn sts_formats_agree() {
    let Some(dir) = tests::reference::dir(module_path!()) else {
        return;
    };
    let (smithy, botocore) = load_both(&dir, "sts-2011-06-15.json", "sts");

    // The service shape's name: Smithy's own, or derived from serviceId.
    assert_eq!(
        smithy.service.id,
        ShapeId::new("com.amazonaws.sts", "AWSSecurityTokenServiceV20110615")
    );
    assert_eq!(
        botocore.service.id,
        ShapeId::new("com.amazonaws.sts", "STS")
    );

    let (smithy, botocore) = (normalise(&smithy), normalise(&botocore));
    assert_eq!(smithy.operations.len(), 9);
    assert_eq!(smithy.shapes.len(), 80);
    assert_eq!(smithy.service.protocol, Protocol::AwsQuery);
    assert_agree(&smithy, &botocore);
}

#[test]
fn ec2_instance_connect_formats_agree() {
    let Some(dir) = tests::reference::dir(module_path!()) else {
        return;
    };
    let (smithy, botocore) = load_both(
        &dir,
        "ec2-instance-connect-2018-04-02.json",
        "ec2-instance-connect",
    );
    assert_eq!(smithy.service.id.name, "AWSEC2InstanceConnectService");
    assert_eq!(botocore.service.id.name, "EC2InstanceConnect");

    let (smithy, mut botocore) = (normalise(&smithy), normalise(&botocore));
    assert_eq!(smithy.operations.len(), 2);
    assert_eq!(smithy.service.protocol, Protocol::AwsJson1_1);

    // Smithy marks this error `server`; botocore's copy has `exception: true`
    // and neither `fault` nor `error.senderFault`, so it reads as the
    // client's fault. Nothing in the botocore file says otherwise.
    let shape = botocore
        .shapes
        .get_mut("EC2InstanceUnavailableException")
        .unwrap();
    assert_eq!(shape.error, Some(ErrorFault::Client));
    shape.error = Some(ErrorFault::Server);

    assert_agree(&smithy, &botocore);
}
