//! The botocore and boto3 resource front-ends against the real EC2 models
//! and small broken models. Facts asserted here were checked by hand in the
//! reference files.

use codegen::ir::{
    AcceptorState, Comparator, ErrorFault, Matcher, Model, ParamSource, ShapeId, ShapeKind,
    SimpleType,
};
use codegen::{BotocoreFiles, SourceFile};

fn read(dir: &std::path::Path, rel: &str) -> String {
    let path = dir.join(rel);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// Loads `botocore-<version>/ec2` with its paginators and waiters.
fn load_ec2(dir: &std::path::Path, version: &str) -> Model {
    let base = format!("botocore-{version}/ec2");
    let service = read(dir, &format!("{base}/service-2.json"));
    let paginators = read(dir, &format!("{base}/paginators-1.json"));
    let waiters = read(dir, &format!("{base}/waiters-2.json"));
    codegen::load_botocore(BotocoreFiles {
        service: SourceFile {
            name: "service-2.json",
            text: &service,
        },
        paginators: Some(SourceFile {
            name: "paginators-1.json",
            text: &paginators,
        }),
        waiters: Some(SourceFile {
            name: "waiters-2.json",
            text: &waiters,
        }),
    })
    .unwrap_or_else(|e| panic!("{base}: {e}"))
}

fn id(name: &str) -> ShapeId {
    ShapeId::new("com.amazonaws.ec2", name)
}

/// `(name, xml_name, ec2_query_name, target name)` of a structure's members.
fn members(model: &Model, shape: &str) -> Vec<(String, Option<String>, Option<String>, String)> {
    match &model.shape(&id(shape)).expect(shape).kind {
        ShapeKind::Structure(s) => s
            .members
            .iter()
            .map(|m| {
                (
                    m.name.clone(),
                    m.xml_name.clone(),
                    m.ec2_query_name.clone(),
                    m.target.name.clone(),
                )
            })
            .collect(),
        other => panic!("{shape} is a {}", other.name()),
    }
}

#[test]
fn ec2_1_44_5_service() {
    let Some(dir) = tests::reference::dir(module_path!()) else {
        return;
    };
    let model = load_ec2(&dir, "1.44.5");
    let service = &model.service;
    assert_eq!(service.id, id("EC2"));
    assert_eq!(service.version, "2016-11-15");
    assert_eq!(service.protocol, codegen::ir::Protocol::Ec2Query);
    assert_eq!(service.sdk_id.as_deref(), Some("EC2"));
    assert_eq!(service.endpoint_prefix.as_deref(), Some("ec2"));
    assert_eq!(service.signing_name.as_deref(), Some("ec2"));
    assert_eq!(
        service.xml_namespace.as_deref(),
        Some("http://ec2.amazonaws.com/doc/2016-11-15")
    );
    assert_eq!(
        service.title.as_deref(),
        Some("Amazon Elastic Compute Cloud")
    );
    assert!(service
        .docs
        .as_deref()
        .is_some_and(|d| d.starts_with("<fullname>Amazon Elastic Compute Cloud</fullname>")));
    assert_eq!(model.operations.len(), 830);
    assert_eq!(model.shapes.len(), 4414);

    let op = model.operation_by_name("DescribeImages").unwrap();
    assert_eq!(op.input, Some(id("DescribeImagesRequest")));
    assert_eq!(op.output, Some(id("DescribeImagesResult")));
    assert!(op.errors.is_empty());
    assert!(op
        .docs
        .as_deref()
        .unwrap()
        .starts_with("<p>Describes the specified images"));
    // An operation without output.
    assert_eq!(
        model.operation_by_name("DeregisterImage").unwrap().output,
        Some(id("DeregisterImageResult"))
    );
    assert_eq!(model.operation_by_name("CreateTags").unwrap().output, None);
}

#[test]
fn ec2_1_44_5_shapes() {
    let Some(dir) = tests::reference::dir(module_path!()) else {
        return;
    };
    let model = load_ec2(&dir, "1.44.5");

    let state = model.shape(&id("ImageState")).unwrap();
    let ShapeKind::Enum(values) = &state.kind else {
        panic!("ImageState is a {}", state.kind.name())
    };
    let values: Vec<_> = values
        .iter()
        .map(|v| (v.name.as_str(), v.value.as_str()))
        .collect();
    let expected = [
        "pending",
        "available",
        "invalid",
        "deregistered",
        "transient",
        "failed",
        "error",
        "disabled",
    ];
    assert_eq!(values, expected.map(|v| (v, v)));

    // A derived name: `x86_64_mac` stays, `i386` stays, `arm64_mac` stays.
    let ShapeKind::Enum(arch) = &model.shape(&id("ArchitectureValues")).unwrap().kind else {
        panic!()
    };
    assert!(arch
        .iter()
        .all(|v| v.name == v.value.replace(['-', '.'], "_")));

    let s = |v: &str| Some(v.to_string());
    assert_eq!(
        members(&model, "DescribeImagesRequest"),
        [
            (
                "ExecutableUsers",
                s("ExecutableBy"),
                None,
                "ExecutableByStringList"
            ),
            ("ImageIds", s("ImageId"), None, "ImageIdStringList"),
            ("Owners", s("Owner"), None, "OwnerStringList"),
            ("IncludeDeprecated", None, None, "Boolean"),
            ("IncludeDisabled", None, None, "Boolean"),
            ("MaxResults", None, None, "Integer"),
            ("NextToken", None, None, "String"),
            ("DryRun", s("dryRun"), None, "Boolean"),
            ("Filters", s("Filter"), None, "FilterList"),
        ]
        .map(|(n, x, q, t)| (n.to_string(), x, q, t.to_string()))
    );
    let ShapeKind::Structure(req) = &model.shape(&id("DescribeImagesRequest")).unwrap().kind else {
        panic!()
    };
    assert!(req.members.iter().all(|m| !m.required && !m.xml_flattened));
    assert!(req.members[0]
        .docs
        .as_deref()
        .unwrap()
        .starts_with("<p>Scopes the images"));

    // Lists keep their member's wire name.
    let ShapeKind::List(member) = &model.shape(&id("ImageIdStringList")).unwrap().kind else {
        panic!()
    };
    assert_eq!(member.name, "member");
    assert_eq!(member.target, id("ImageId"));
    assert_eq!(member.xml_name.as_deref(), Some("ImageId"));

    // Image: first, last and a few wire names.
    let image = members(&model, "Image");
    assert_eq!(image.len(), 41);
    assert_eq!(image[0].0, "PlatformDetails");
    assert_eq!(image[0].1.as_deref(), Some("platformDetails"));
    let find = |name: &str| image.iter().find(|m| m.0 == name).unwrap().clone();
    assert_eq!(
        find("State"),
        ("State".into(), s("imageState"), None, "ImageState".into())
    );
    assert_eq!(find("OwnerId").1, s("imageOwnerId"));
    assert_eq!(find("Public").1, s("isPublic"));
    assert_eq!(
        find("Tags"),
        ("Tags".into(), s("tagSet"), None, "TagList".into())
    );
    assert_eq!(image.last().unwrap().0, "Platform");

    // One of the two members with a queryName.
    let spec = members(&model, "InstanceNetworkInterfaceSpecification");
    let ipv6 = spec.iter().find(|m| m.0 == "Ipv6Addresses").unwrap();
    assert_eq!(ipv6.1, s("ipv6AddressesSet"));
    assert_eq!(ipv6.2, s("Ipv6Addresses"));

    // Required members, simple types, shape-level locationName.
    let ShapeKind::Structure(dereg) = &model.shape(&id("DeregisterImageRequest")).unwrap().kind
    else {
        panic!()
    };
    assert!(
        dereg
            .members
            .iter()
            .find(|m| m.name == "ImageId")
            .unwrap()
            .required
    );
    assert_eq!(
        model.shape(&id("Boolean")).unwrap().kind,
        ShapeKind::Simple(SimpleType::Boolean)
    );
    assert_eq!(
        model
            .shape(&id("RequestInstanceTypeList"))
            .unwrap()
            .xml_name
            .as_deref(),
        Some("InstanceType")
    );
}

#[test]
fn ec2_1_44_5_paginators_and_waiters() {
    let Some(dir) = tests::reference::dir(module_path!()) else {
        return;
    };
    let model = load_ec2(&dir, "1.44.5");
    let op = model.operation_by_name("DescribeImages").unwrap();
    let paginator = op.paginator.as_ref().unwrap();
    assert_eq!(paginator.input_token, "NextToken");
    assert_eq!(paginator.output_token, "NextToken");
    assert_eq!(paginator.items.as_deref(), Some("Images"));
    assert_eq!(paginator.page_size.as_deref(), Some("MaxResults"));
    // Two result keys: the first becomes the items (see lower::botocore).
    let vpce = model
        .operation_by_name("DescribeVpcEndpointServices")
        .unwrap();
    assert_eq!(
        vpce.paginator.as_ref().unwrap().items.as_deref(),
        Some("ServiceDetails")
    );
    // A paginator without limit_key.
    let rim = model
        .operation_by_name("DescribeReservedInstancesModifications")
        .unwrap();
    assert_eq!(rim.paginator.as_ref().unwrap().page_size, None);

    let paginated = model
        .operations
        .values()
        .filter(|o| o.paginator.is_some())
        .count();
    assert_eq!(paginated, 177);
    let waiters: usize = model.operations.values().map(|o| o.waiters.len()).sum();
    assert_eq!(waiters, 43);

    assert_eq!(
        op.waiters.keys().collect::<Vec<_>>(),
        ["ImageAvailable", "ImageExists"]
    );
    let available = &op.waiters["ImageAvailable"];
    assert_eq!(
        (available.min_delay, available.max_delay),
        (15, Some(15)),
        "botocore's delay is fixed"
    );
    assert_eq!(available.max_attempts, Some(40));
    let acceptors: Vec<_> = available
        .acceptors
        .iter()
        .map(|a| (a.state, a.matcher.clone()))
        .collect();
    assert_eq!(
        acceptors,
        [
            (
                AcceptorState::Success,
                Matcher::Output {
                    path: "Images[].State".into(),
                    expected: "available".into(),
                    comparator: Comparator::AllStringEquals,
                }
            ),
            (
                AcceptorState::Failure,
                Matcher::Output {
                    path: "Images[].State".into(),
                    expected: "failed".into(),
                    comparator: Comparator::AnyStringEquals,
                }
            ),
        ]
    );
    let exists = &op.waiters["ImageExists"];
    assert_eq!((exists.min_delay, exists.max_attempts), (15, Some(40)));
    let acceptors: Vec<_> = exists
        .acceptors
        .iter()
        .map(|a| (a.state, a.matcher.clone()))
        .collect();
    assert_eq!(
        acceptors,
        [
            (
                AcceptorState::Success,
                Matcher::Output {
                    path: "length(Images[]) > `0`".into(),
                    expected: "true".into(),
                    comparator: Comparator::BooleanEquals,
                }
            ),
            (
                AcceptorState::Retry,
                Matcher::ErrorType("InvalidAMIID.NotFound".into())
            ),
        ]
    );
    // A status matcher.
    let vpc = model.operation_by_name("DescribeVpcs").unwrap();
    assert_eq!(
        vpc.waiters["VpcExists"].acceptors[0].matcher,
        Matcher::Status(200)
    );
}

#[test]
fn ec2_1_40_0_loads() {
    let Some(dir) = tests::reference::dir(module_path!()) else {
        return;
    };
    let model = load_ec2(&dir, "1.40.0");
    assert_eq!(model.service.version, "2016-11-15");
    assert!(model
        .operation_by_name("DescribeImages")
        .unwrap()
        .paginator
        .is_some());
    let paginated = model
        .operations
        .values()
        .filter(|o| o.paginator.is_some())
        .count();
    assert_eq!(paginated, 153);
}

#[test]
fn ec2_image_resource() {
    let Some(dir) = tests::reference::dir(module_path!()) else {
        return;
    };
    let text = read(&dir, "boto3-1.44.5/ec2/resources-1.json");
    let model = codegen::load_resources(SourceFile {
        name: "resources-1.json",
        text: &text,
    })
    .unwrap();
    let image = &model.resources["Image"];
    assert_eq!(image.name, "Image");
    assert_eq!(image.shape.as_deref(), Some("Image"));
    assert_eq!(image.identifiers.len(), 1);
    assert_eq!(image.identifiers[0].name, "Id");
    assert_eq!(image.identifiers[0].member_name.as_deref(), Some("ImageId"));

    let load = image.load.as_ref().unwrap();
    assert_eq!(load.request.operation, "DescribeImages");
    assert_eq!(load.path, "Images[0]");
    assert_eq!(load.request.params.len(), 1);
    assert_eq!(load.request.params[0].target, "ImageIds[0]");
    assert_eq!(
        load.request.params[0].source,
        ParamSource::Identifier("Id".into())
    );

    assert_eq!(
        image.actions.keys().collect::<Vec<_>>(),
        [
            "CreateTags",
            "Deregister",
            "DescribeAttribute",
            "ModifyAttribute",
            "ResetAttribute"
        ]
    );
    let operations: Vec<_> = image
        .actions
        .values()
        .map(|a| a.request.operation.as_str())
        .collect();
    assert_eq!(
        operations,
        [
            "CreateTags",
            "DeregisterImage",
            "DescribeImageAttribute",
            "ModifyImageAttribute",
            "ResetImageAttribute"
        ]
    );
    let create_tags = &image.actions["CreateTags"];
    assert_eq!(create_tags.request.params[0].target, "Resources[0]");
    let tag = create_tags.resource.as_ref().unwrap();
    assert_eq!(tag.type_name, "Tag");
    let sources: Vec<_> = tag
        .identifiers
        .iter()
        .map(|p| (p.target.as_str(), p.source.clone()))
        .collect();
    assert_eq!(
        sources,
        [
            ("ResourceId", ParamSource::Identifier("Id".into())),
            ("Key", ParamSource::RequestParameter("Tags[].Key".into())),
            (
                "Value",
                ParamSource::RequestParameter("Tags[].Value".into())
            ),
        ]
    );
    let deregister = &image.actions["Deregister"];
    assert_eq!(deregister.request.params[0].target, "ImageId");
    assert!(deregister.resource.is_none());

    let exists = &image.waiters["Exists"];
    assert_eq!(exists.waiter_name, "ImageExists");
    assert_eq!(exists.path.as_deref(), Some("Images[0]"));
    assert_eq!(exists.params[0].target, "ImageIds[]");
    assert_eq!(
        exists.params[0].source,
        ParamSource::Identifier("Id".into())
    );

    let returning_image: Vec<_> = model
        .service_actions
        .iter()
        .filter(|(_, a)| a.resource.as_ref().is_some_and(|r| r.type_name == "Image"))
        .map(|(name, _)| name.as_str())
        .collect();
    assert_eq!(returning_image, ["RegisterImage"]);
    let register = &model.service_actions["RegisterImage"];
    assert_eq!(register.request.operation, "RegisterImage");
    assert!(register.request.params.is_empty());
    let image_ref = register.resource.as_ref().unwrap();
    assert_eq!(image_ref.identifiers[0].target, "Id");
    assert_eq!(
        image_ref.identifiers[0].source,
        ParamSource::Response("ImageId".into())
    );
    // A constant source elsewhere in the file.
    let kernel = &model.resources["Instance"].actions["ResetKernel"];
    assert_eq!(
        kernel.request.params[1].source,
        ParamSource::String("kernel".into())
    );
}

#[test]
fn resources_document_round_trips() {
    let Some(dir) = tests::reference::dir(module_path!()) else {
        return;
    };
    let text = read(&dir, "boto3-1.44.5/ec2/resources-1.json");
    let file = SourceFile {
        name: "resources-1.json",
        text: &text,
    };
    let doc = codegen::input::resources::parse(file).unwrap();
    let written = serde_json::to_string_pretty(&doc).unwrap();
    let again = codegen::input::resources::parse(SourceFile {
        name: "written.json",
        text: &written,
    })
    .unwrap();
    assert_eq!(doc, again);
    // Nothing lost or added, in the same order: the written JSON equals
    // the original as a value, and as text once both are pretty-printed.
    let original: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(serde_json::to_value(&doc).unwrap(), original);
    assert_eq!(written, serde_json::to_string_pretty(&original).unwrap());
}

/// Loads a service model from text, without paginators or waiters.
fn load_text(text: &str) -> Result<Model, codegen::Error> {
    codegen::load_botocore(BotocoreFiles {
        service: SourceFile {
            name: "bad/service-2.json",
            text,
        },
        paginators: None,
        waiters: None,
    })
}

/// A minimal query model with the given shapes JSON.
fn model_with_shapes(protocol: &str, shapes: &str) -> String {
    format!(
        r#"{{
  "metadata": {{"apiVersion": "2020-01-01", "protocol": "{protocol}", "serviceId": "EC2 Instance Connect"}},
  "operations": {{"Go": {{"name": "Go", "input": {{"shape": "GoRequest"}}}}}},
  "shapes": {shapes}
}}"#
    )
}

#[test]
fn small_model_lowers() {
    let text = model_with_shapes(
        "json",
        r#"{
    "GoRequest": {"type": "structure", "required": ["B"], "members": {
        "Z": {"shape": "Names", "locationName": "z"},
        "B": {"shape": "Kind", "queryName": "Bee", "deprecated": true, "deprecatedSince": "2020"}
    }},
    "Names": {"type": "list", "member": {"shape": "Kind"}, "flattened": true},
    "Kind": {"type": "string", "enum": ["a-b", "a.b", "a_b_2", "a_b", "1x", ""]},
    "Oops": {"type": "structure", "members": {}, "exception": true, "error": {"senderFault": false}}
}"#,
    )
    .replace(
        r#""protocol": "json""#,
        r#""protocol": "json", "jsonVersion": "1.1""#,
    );
    let model = load_text(&text).unwrap();
    let ns = "com.amazonaws.ec2instanceconnect";
    assert_eq!(model.service.id, ShapeId::new(ns, "EC2InstanceConnect"));
    assert_eq!(model.service.protocol, codegen::ir::Protocol::AwsJson1_1);
    let shape = |n: &str| model.shape(&ShapeId::new(ns, n)).unwrap();
    let ShapeKind::Structure(req) = &shape("GoRequest").kind else {
        panic!()
    };
    let names: Vec<_> = req.members.iter().map(|m| m.name.as_str()).collect();
    assert_eq!(names, ["Z", "B"]);
    assert!(req.members[0].xml_flattened && !req.members[0].required);
    assert!(req.members[1].required && !req.members[1].xml_flattened);
    assert_eq!(req.members[1].ec2_query_name.as_deref(), Some("Bee"));
    assert_eq!(
        req.members[1].deprecated.as_ref().unwrap().since.as_deref(),
        Some("2020")
    );
    let ShapeKind::Enum(values) = &shape("Kind").kind else {
        panic!()
    };
    let names: Vec<_> = values.iter().map(|v| v.name.as_str()).collect();
    assert_eq!(names, ["a_b", "a_b_2", "a_b_2_2", "a_b_3", "_1x", "_"]);
    assert_eq!(shape("Oops").error, Some(ErrorFault::Server));
}

#[test]
fn malformed_json_has_line_and_column() {
    let err = load_text("{\n  \"metadata\": {\n    \"protocol\": \"ec2\",,\n").unwrap_err();
    assert_eq!(err.file.as_deref(), Some("bad/service-2.json"));
    assert_eq!(err.position, Some((3, 23)));
    assert!(
        err.to_string().starts_with("bad/service-2.json:3:23: "),
        "{err}"
    );

    // A duplicate member is refused where it is, not silently dropped.
    let text = model_with_shapes(
        "ec2",
        "{\"GoRequest\": {\"type\": \"structure\", \"members\": {\n\
         \"A\": {\"shape\": \"GoRequest\"}, \"A\": {\"shape\": \"GoRequest\"}}}}",
    );
    let err = load_text(&text).unwrap_err();
    assert!(err.message.contains("duplicate key `A`"), "{err}");
    assert_eq!(err.position.map(|(line, _)| line), Some(5), "{err}");
}

#[test]
fn missing_target_names_shape_and_member() {
    let text = model_with_shapes(
        "ec2",
        r#"{"GoRequest": {"type": "structure", "members": {"State": {"shape": "Missing"}}}}"#,
    );
    let err = load_text(&text).unwrap_err();
    assert_eq!(
        err.to_string(),
        "bad/service-2.json: shape com.amazonaws.ec2instanceconnect#GoRequest, member State: \
         targets com.amazonaws.ec2instanceconnect#Missing, which is not in the model"
    );
}

#[test]
fn missing_operation_input_names_operation() {
    let err = load_text(&model_with_shapes("ec2", "{}")).unwrap_err();
    assert_eq!(
        err.place.as_deref(),
        Some("operation com.amazonaws.ec2instanceconnect#Go, input")
    );
}

#[test]
fn required_name_that_is_no_member() {
    let text = model_with_shapes(
        "ec2",
        r#"{"GoRequest": {"type": "structure", "required": ["Nope"], "members": {}}}"#,
    );
    let err = load_text(&text).unwrap_err();
    assert!(err.to_string().contains("GoRequest"), "{err}");
    assert!(err.message.contains("`Nope`"), "{err}");
}

#[test]
fn unknown_shape_type() {
    let text = model_with_shapes(
        "ec2",
        r#"{"GoRequest": {"type": "structure", "members": {}}, "Odd": {"type": "decimal128"}}"#,
    );
    let err = load_text(&text).unwrap_err();
    assert_eq!(
        err.to_string(),
        "bad/service-2.json: shape com.amazonaws.ec2instanceconnect#Odd: unknown shape type `decimal128`"
    );
}

#[test]
fn unsupported_protocol() {
    let text = model_with_shapes("smoke-signals", r#"{"GoRequest": {"type": "structure"}}"#);
    let err = load_text(&text).unwrap_err();
    assert_eq!(err.file.as_deref(), Some("bad/service-2.json"));
    assert!(err.message.contains("`smoke-signals`"), "{err}");
}

/// Loads the one-operation model with the given paginators and waiters text.
fn load_with(paginators: Option<&str>, waiters: Option<&str>) -> Result<Model, codegen::Error> {
    let service = model_with_shapes(
        "ec2",
        r#"{"GoRequest": {"type": "structure", "members": {}}}"#,
    );
    codegen::load_botocore(BotocoreFiles {
        service: SourceFile {
            name: "service-2.json",
            text: &service,
        },
        paginators: paginators.map(|text| SourceFile {
            name: "paginators-1.json",
            text,
        }),
        waiters: waiters.map(|text| SourceFile {
            name: "waiters-2.json",
            text,
        }),
    })
}

#[test]
fn paginator_token_lists() {
    // One-element lists are the single token; several result keys give the
    // first; several tokens cannot be expressed and are refused.
    let model = load_with(
        Some(
            r#"{"pagination": {"Go": {"input_token": ["A"], "output_token": ["B"],
                "result_key": ["Items", "Others"]}}}"#,
        ),
        None,
    )
    .unwrap();
    let paginator = model
        .operation_by_name("Go")
        .unwrap()
        .paginator
        .clone()
        .unwrap();
    assert_eq!(
        (
            paginator.input_token.as_str(),
            paginator.output_token.as_str()
        ),
        ("A", "B")
    );
    assert_eq!(paginator.items.as_deref(), Some("Items"));
    assert_eq!(paginator.page_size, None);

    let err = load_with(
        Some(r#"{"pagination": {"Go": {"input_token": ["A", "B"], "output_token": ["C", "D"]}}}"#),
        None,
    )
    .unwrap_err();
    assert_eq!(err.file.as_deref(), Some("paginators-1.json"));
    assert_eq!(err.place.as_deref(), Some("paginator Go"));

    let err = load_with(
        Some(r#"{"pagination": {"Stop": {"input_token": "A", "output_token": "B"}}}"#),
        None,
    )
    .unwrap_err();
    assert_eq!(
        err.to_string(),
        "paginators-1.json: paginator Stop: operation Stop is not in the model"
    );
}

#[test]
fn waiter_matchers() {
    let model = load_with(
        None,
        Some(
            r#"{"version": 2, "waiters": {"Done": {"operation": "Go", "delay": 5, "maxAttempts": 3,
                "acceptors": [
                    {"state": "success", "matcher": "path", "argument": "N", "expected": 3},
                    {"state": "failure", "matcher": "error", "expected": true},
                    {"state": "success", "matcher": "error", "expected": false},
                    {"state": "retry", "matcher": "status", "expected": 404}
                ]}}}"#,
        ),
    )
    .unwrap();
    let waiter = &model.operation_by_name("Go").unwrap().waiters["Done"];
    let matchers: Vec<_> = waiter.acceptors.iter().map(|a| a.matcher.clone()).collect();
    assert_eq!(
        matchers,
        [
            Matcher::Output {
                path: "N".into(),
                expected: "3".into(),
                comparator: Comparator::StringEquals
            },
            Matcher::Success(false),
            Matcher::Success(true),
            Matcher::Status(404),
        ]
    );

    let err = load_with(
        None,
        Some(r#"{"waiters": {"Gone": {"operation": "Stop", "delay": 1, "maxAttempts": 1, "acceptors": []}}}"#),
    )
    .unwrap_err();
    assert_eq!(
        err.to_string(),
        "waiters-2.json: waiter Gone: operation Stop is not in the model"
    );
}

#[test]
fn resource_with_unknown_source() {
    let text = r#"{"resources": {"Thing": {"actions": {"Poke": {"request": {"operation": "Poke",
        "params": [{"target": "X", "source": "moon"}]}}}}}}"#;
    let err = codegen::load_resources(SourceFile {
        name: "resources-1.json",
        text,
    })
    .unwrap_err();
    assert_eq!(
        err.to_string(),
        "resources-1.json: resource Thing, action Poke: parameter `X` has unknown source `moon`"
    );
}
