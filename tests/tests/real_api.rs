//! The generated crate against the real API's documented examples: request
//! bodies byte for byte as botocore sends them, and EC2's XML (in its real
//! wire format, `tests/fixtures/ec2/`) parsed into exactly the documented
//! output, compared as JSON through the generated serde support (boto3's
//! field names).
//!
//! The expected bodies are written by hand from botocore's rules: `Action`
//! and `Version` first, then the parameters in the order the caller passed
//! them (here the example's `input`, which is also the model's member
//! order), lists flattened as `Name.N`, `quote_plus` encoding, and an
//! idempotency token left unset appended last.

use std::path::PathBuf;

use ec2_images::protocol::{deserialize, serialize};
use ec2_images::runtime::ResponseError;
use ec2_images::types::{
    CopyImageRequest, CreateTagsRequest, DeregisterImageRequest, DescribeImageAttributeRequest,
    DescribeImagesRequest, ModifyImageAttributeRequest, RegisterImageRequest,
    ResetImageAttributeRequest,
};
use serde_json::{json, Value};

/// The token the tests pin for an idempotency token left unset (botocore
/// would send a random UUID 4 in its place).
const PINNED_TOKEN: &str = "00000000-0000-4000-8000-000000000000";

fn fixture(name: &str) -> String {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures/ec2")
        .join(name);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn json_fixture(name: &str) -> Value {
    serde_json::from_str(&fixture(name)).unwrap()
}

/// boto3's output less `ResponseMetadata`, which boto3 adds and the model
/// does not have.
fn without_metadata(mut output: Value) -> Value {
    if let Some(o) = output.as_object_mut() {
        o.remove("ResponseMetadata");
    }
    output
}

fn pinned() -> String {
    PINNED_TOKEN.to_string()
}

// ---------------------------------------------------------------------------
// The seed: `describe_images(ImageIds=['ami-5731123e'])`.

#[test]
fn seed_request_is_the_body_botocore_sends() {
    let expected = "Action=DescribeImages&Version=2016-11-15&ImageId.1=ami-5731123e";
    // As a Rust program writes it...
    let built = DescribeImagesRequest::builder()
        .image_ids("ami-5731123e")
        .build();
    assert_eq!(serialize::describe_images(&built), expected);
    // ...and as boto3's keyword arguments, through serde.
    let from_kwargs: DescribeImagesRequest =
        serde_json::from_value(json!({"ImageIds": ["ami-5731123e"]})).unwrap();
    assert_eq!(from_kwargs, built);
    assert_eq!(serialize::describe_images(&from_kwargs), expected);
}

#[test]
fn seed_response_parses_into_the_documented_output() {
    let (result, request_id) =
        deserialize::describe_images(fixture("describe_images_seed.xml").as_bytes()).unwrap();
    assert_eq!(
        request_id.as_deref(),
        Some("59dbff89-35bd-4eac-99ed-be587EXAMPLE")
    );
    let expected = without_metadata(json_fixture("describe_images_seed.json"));
    assert_eq!(serde_json::to_value(&result).unwrap(), expected);
    // And the documented output reads back into the same value.
    let back: ec2_images::types::DescribeImagesResult = serde_json::from_value(expected).unwrap();
    assert_eq!(back, result);
}

/// The fixture's JSON is the seed's "Expected Output", converted from the
/// Python dict boto3 prints (checked when the seed documents are beside the
/// checkout).
#[test]
fn seed_fixture_is_the_seed_documents_expected_output() {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../shared/seeds/001_d9bf549071a0f13f.txt");
    let Ok(seed) = std::fs::read_to_string(&path) else {
        eprintln!(
            "\n*** SKIPPED seed_fixture_is_the_seed_documents_expected_output: {} is missing ***\n",
            path.display()
        );
        return;
    };
    let start = seed
        .find("Expected Output:")
        .expect("the seed has an expected output");
    let dict = &seed[start..];
    let dict = &dict[dict.find('{').unwrap()..=dict.rfind('}').unwrap()];
    assert_eq!(
        python_dict_to_json(dict),
        json_fixture("describe_images_seed.json")
    );
}

/// A printed Python literal of strings, numbers, booleans, lists and dicts
/// (as boto3's docs print them) as JSON.
fn python_dict_to_json(text: &str) -> Value {
    let mut out = String::new();
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\'' => {
                out.push('"');
                for c in chars.by_ref() {
                    if c == '\'' {
                        break;
                    }
                    if c == '"' || c == '\\' {
                        out.push('\\');
                    }
                    out.push(c);
                }
                out.push('"');
            }
            'T' if text_follows(&mut chars, "rue") => out.push_str("true"),
            'F' if text_follows(&mut chars, "alse") => out.push_str("false"),
            'N' if text_follows(&mut chars, "one") => out.push_str("null"),
            ',' => {
                // A trailing comma before `}` or `]` is Python, not JSON.
                let rest: String = chars.clone().collect();
                if !rest.trim_start().starts_with(['}', ']']) {
                    out.push(',');
                }
            }
            c => out.push(c),
        }
    }
    serde_json::from_str(&out).unwrap_or_else(|e| panic!("{e}: {out}"))
}

fn text_follows(chars: &mut std::iter::Peekable<std::str::Chars<'_>>, rest: &str) -> bool {
    let ahead: String = chars.clone().take(rest.len()).collect();
    if ahead == rest {
        for _ in 0..rest.len() {
            chars.next();
        }
        true
    } else {
        false
    }
}

// ---------------------------------------------------------------------------
// A realistic `DescribeImages` response: every `Image` member present.

#[test]
fn full_describe_images_response_parses_every_member() {
    let (result, request_id) =
        deserialize::describe_images(fixture("describe_images_full.xml").as_bytes()).unwrap();
    assert_eq!(
        request_id.as_deref(),
        Some("7f4b1c2e-9d3a-4b5c-8e6f-0a1b2c3d4e5f")
    );
    let expected = json_fixture("describe_images_full.json");
    assert_eq!(serde_json::to_value(&result).unwrap(), expected);

    let images = result.images.as_deref().unwrap();
    // EC2 sends `windows`; the model's value is `Windows`: kept as an
    // unknown value, unchanged.
    assert_eq!(images[0].platform.as_ref().unwrap().as_str(), "windows");
    assert_eq!(
        images[0].description.as_deref(),
        Some("Amazon Linux 2023 AMI 2023.6.20250115.0 x86_64 HVM kernel-6.1 & tools <minimal>")
    );
    // An element this model does not know (`imageFeatureFlags`) is skipped.
    assert_eq!(images[1].name.as_deref(), Some("failed-build"));
    assert_eq!(images[1].block_device_mappings.as_deref(), Some(&[][..]));
}

/// The first image of the full fixture has every member of `Image` and of
/// every structure inside it, as the model lists them (in at least one item
/// of each list): so each of the model's `xmlName`s was found in the XML.
#[test]
fn full_fixture_covers_every_member_of_the_model() {
    let model: Value = serde_json::from_str(
        &std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../model/ec2-images/service.json"
        ))
        .unwrap(),
    )
    .unwrap();
    let (result, _) =
        deserialize::describe_images(fixture("describe_images_full.xml").as_bytes()).unwrap();
    let image = serde_json::to_value(&result.images.unwrap()[0]).unwrap();
    let mut missing = Vec::new();
    let mut checked = 0;
    every_member(
        &model["shapes"],
        "com.amazonaws.ec2#Image",
        &image,
        "Image",
        &mut missing,
        &mut checked,
    );
    assert!(
        missing.is_empty(),
        "members absent from the fixture: {missing:?}"
    );
    assert!(checked > 80, "only {checked} members checked");
}

fn every_member(
    shapes: &Value,
    id: &str,
    value: &Value,
    path: &str,
    missing: &mut Vec<String>,
    checked: &mut usize,
) {
    let shape = &shapes[id];
    match shape["type"].as_str() {
        Some("structure") => {
            for (name, member) in shape["members"].as_object().unwrap() {
                *checked += 1;
                let target = member["target"].as_str().unwrap();
                match value.get(name) {
                    Some(v) => every_member(
                        shapes,
                        target,
                        v,
                        &format!("{path}.{name}"),
                        missing,
                        checked,
                    ),
                    None => missing.push(format!("{path}.{name}")),
                }
            }
        }
        Some("list") => {
            // A member counts as present when some item has it (a block
            // device mapping is EBS, instance store or `NoDevice`, never
            // all three).
            let items = value.as_array().unwrap();
            if items.is_empty() {
                missing.push(format!("{path}[*]"));
                return;
            }
            let target = shape["member"]["target"].as_str().unwrap();
            let mut per_item: Vec<Vec<String>> = Vec::new();
            for item in items {
                let mut m = Vec::new();
                every_member(shapes, target, item, &format!("{path}[*]"), &mut m, checked);
                per_item.push(m);
            }
            let first = per_item[0].clone();
            missing.extend(
                first
                    .into_iter()
                    .filter(|m| per_item.iter().all(|p| p.contains(m))),
            );
        }
        _ => {}
    }
}

#[test]
fn error_document_is_a_service_error() {
    let err =
        deserialize::describe_images(fixture("error_invalid_ami.xml").as_bytes()).unwrap_err();
    let ResponseError::Service(e) = err else {
        panic!("expected a service error, got {err:?}");
    };
    assert_eq!(e.code, "InvalidAMIID.NotFound");
    assert_eq!(
        e.message.as_deref(),
        Some("The image id '[ami-5731123e]' does not exist")
    );
    assert_eq!(
        e.request_id.as_deref(),
        Some("b5e2d9b0-0d1b-4f3b-9d8e-3c0f1f2e4a5b")
    );
}

// ---------------------------------------------------------------------------
// botocore's examples (`examples-1.json`) of the eight image operations.

/// One example: its id, the body botocore sends for its `input` (written by
/// hand), and the fixture with the XML EC2 sends for it.
struct Example {
    operation: &'static str,
    id: &'static str,
    body: &'static str,
    response: Option<&'static str>,
}

const EXAMPLES: &[Example] = &[
    Example {
        operation: "DescribeImages",
        id: "to-describe-an-ami-1529025482866",
        body: "Action=DescribeImages&Version=2016-11-15&ImageId.1=ami-5731123e",
        response: Some("describe_images_seed.xml"),
    },
    Example {
        operation: "DescribeImageAttribute",
        id: "to-describe-the-launch-permissions-for-an-ami-1529025296264",
        body: "Action=DescribeImageAttribute&Version=2016-11-15&Attribute=launchPermission&ImageId=ami-5731123e",
        response: Some("describe_image_attribute_launch_permission.xml"),
    },
    Example {
        operation: "ModifyImageAttribute",
        id: "to-make-an-ami-public-1529357395278",
        body: "Action=ModifyImageAttribute&Version=2016-11-15&ImageId=ami-5731123e&LaunchPermission.Add.1.Group=all",
        response: Some("modify_image_attribute.xml"),
    },
    Example {
        operation: "ModifyImageAttribute",
        id: "to-grant-launch-permissions-1529357727906",
        body: "Action=ModifyImageAttribute&Version=2016-11-15&ImageId=ami-5731123e&LaunchPermission.Add.1.UserId=123456789012",
        response: Some("modify_image_attribute.xml"),
    },
    Example {
        operation: "ResetImageAttribute",
        id: "to-reset-the-launchpermission-attribute-1529359519534",
        body: "Action=ResetImageAttribute&Version=2016-11-15&Attribute=launchPermission&ImageId=ami-5731123e",
        response: Some("reset_image_attribute.xml"),
    },
    Example {
        operation: "CreateTags",
        id: "ec2-create-tags-1",
        body: "Action=CreateTags&Version=2016-11-15&ResourceId.1=ami-78a54011&Tag.1.Key=Stack&Tag.1.Value=production",
        // The example documents no output; the response is still parsed.
        response: Some("create_tags.xml"),
    },
    Example {
        operation: "CopyImage",
        id: "to-copy-an-ami-to-another-region-1529022820832",
        // An empty string is sent (`Description=`); the token botocore
        // fills comes after the caller's parameters.
        body: "Action=CopyImage&Version=2016-11-15&Description=&Name=My+server&SourceImageId=ami-5731123e&SourceRegion=us-east-1&ClientToken=00000000-0000-4000-8000-000000000000",
        response: Some("copy_image.xml"),
    },
];

/// The body the generated serializer writes for an example's input, read
/// from the input JSON with serde.
fn body_of(operation: &str, input: &Value) -> String {
    let input = input.clone();
    match operation {
        "DescribeImages" => serialize::describe_images(
            &serde_json::from_value::<DescribeImagesRequest>(input).unwrap(),
        ),
        "DescribeImageAttribute" => serialize::describe_image_attribute(
            &serde_json::from_value::<DescribeImageAttributeRequest>(input).unwrap(),
        ),
        "ModifyImageAttribute" => serialize::modify_image_attribute(
            &serde_json::from_value::<ModifyImageAttributeRequest>(input).unwrap(),
        ),
        "ResetImageAttribute" => serialize::reset_image_attribute(
            &serde_json::from_value::<ResetImageAttributeRequest>(input).unwrap(),
        ),
        "DeregisterImage" => serialize::deregister_image(
            &serde_json::from_value::<DeregisterImageRequest>(input).unwrap(),
        ),
        "CreateTags" => {
            serialize::create_tags(&serde_json::from_value::<CreateTagsRequest>(input).unwrap())
        }
        "RegisterImage" => serialize::register_image(
            &serde_json::from_value::<RegisterImageRequest>(input).unwrap(),
        ),
        "CopyImage" => serialize::copy_image_with_token_source(
            &serde_json::from_value::<CopyImageRequest>(input).unwrap(),
            pinned,
        ),
        other => panic!("not an image operation: {other}"),
    }
}

/// The result the generated parser reads from a response body, as JSON
/// (`{}` for an operation without output), and the request id.
fn output_of(operation: &str, body: &[u8]) -> (Value, Option<String>) {
    fn json<T: serde::Serialize>(
        r: Result<(T, Option<String>), ResponseError>,
    ) -> (Value, Option<String>) {
        let (v, id) = r.unwrap();
        let v = serde_json::to_value(v).unwrap();
        (if v.is_null() { json!({}) } else { v }, id)
    }
    match operation {
        "DescribeImages" => json(deserialize::describe_images(body)),
        "DescribeImageAttribute" => json(deserialize::describe_image_attribute(body)),
        "ModifyImageAttribute" => json(deserialize::modify_image_attribute(body)),
        "ResetImageAttribute" => json(deserialize::reset_image_attribute(body)),
        "DeregisterImage" => json(deserialize::deregister_image(body)),
        "CreateTags" => json(deserialize::create_tags(body)),
        "RegisterImage" => json(deserialize::register_image(body)),
        "CopyImage" => json(deserialize::copy_image(body)),
        other => panic!("not an image operation: {other}"),
    }
}

#[test]
fn botocore_examples_of_the_image_operations() {
    let Some(reference) = tests::reference::dir("botocore_examples_of_the_image_operations") else {
        return;
    };
    let text =
        std::fs::read_to_string(reference.join("botocore-1.44.5/ec2/examples-1.json")).unwrap();
    let examples: Value = serde_json::from_str(&text).unwrap();
    let mut seen = Vec::new();
    for operation in tests::IMAGE_OPERATIONS {
        let Some(list) = examples["examples"][operation].as_array() else {
            continue;
        };
        for example in list {
            let id = example["id"].as_str().unwrap();
            let ours = EXAMPLES
                .iter()
                .find(|e| e.id == id && e.operation == operation)
                .unwrap_or_else(|| {
                    panic!("{operation} example {id} is new: write its body and response here")
                });
            seen.push(id);

            let input = example.get("input").cloned().unwrap_or(json!({}));
            assert_eq!(
                body_of(operation, &input),
                ours.body,
                "{operation} example {id}: request body"
            );

            if let Some(file) = ours.response {
                let (output, request_id) = output_of(operation, fixture(file).as_bytes());
                assert!(
                    request_id.is_some(),
                    "{operation} example {id}: no request id"
                );
                match example.get("output") {
                    Some(expected) if !expected.is_null() => assert_eq!(
                        output,
                        without_metadata(expected.clone()),
                        "{operation} example {id}: parsed output"
                    ),
                    // No documented output (CreateTags): the operation has
                    // none either.
                    _ => assert_eq!(output, json!({}), "{operation} example {id}"),
                }
            }
        }
    }
    let unseen: Vec<_> = EXAMPLES.iter().filter(|e| !seen.contains(&e.id)).collect();
    assert!(
        unseen.is_empty(),
        "examples no longer in examples-1.json: {:?}",
        unseen.iter().map(|e| e.id).collect::<Vec<_>>()
    );
    assert_eq!(seen.len(), 7);
}

// ---------------------------------------------------------------------------
// The two image operations botocore has no example of.

#[test]
fn register_image_request_and_response() {
    // register_image(Name='my-server', Architecture='arm64',
    //   RootDeviceName='/dev/xvda', VirtualizationType='hvm', EnaSupport=True,
    //   BootMode='uefi', BlockDeviceMappings=[...],
    //   TagSpecifications=[{'ResourceType': 'image', 'Tags': [...]}])
    // with the arguments in the model's member order.
    let input = json!({
        "BootMode": "uefi",
        "TagSpecifications": [{"ResourceType": "image", "Tags": [{"Key": "Owner", "Value": "Team A"}]}],
        "Name": "my-server",
        "Architecture": "arm64",
        "RootDeviceName": "/dev/xvda",
        "BlockDeviceMappings": [
            {"DeviceName": "/dev/xvda", "Ebs": {"DeleteOnTermination": true, "SnapshotId": "snap-1234567890abcdef0", "VolumeSize": 8, "VolumeType": "gp3"}},
            {"DeviceName": "/dev/sdb", "VirtualName": "ephemeral0"}
        ],
        "VirtualizationType": "hvm",
        "EnaSupport": true
    });
    assert_eq!(
        body_of("RegisterImage", &input),
        "Action=RegisterImage&Version=2016-11-15&BootMode=uefi\
         &TagSpecification.1.ResourceType=image&TagSpecification.1.Tag.1.Key=Owner&TagSpecification.1.Tag.1.Value=Team+A\
         &Name=my-server&Architecture=arm64&RootDeviceName=%2Fdev%2Fxvda\
         &BlockDeviceMapping.1.Ebs.DeleteOnTermination=true&BlockDeviceMapping.1.Ebs.SnapshotId=snap-1234567890abcdef0\
         &BlockDeviceMapping.1.Ebs.VolumeSize=8&BlockDeviceMapping.1.Ebs.VolumeType=gp3&BlockDeviceMapping.1.DeviceName=%2Fdev%2Fxvda\
         &BlockDeviceMapping.2.DeviceName=%2Fdev%2Fsdb&BlockDeviceMapping.2.VirtualName=ephemeral0\
         &VirtualizationType=hvm&EnaSupport=true"
    );
    let body = b"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<RegisterImageResponse xmlns=\"http://ec2.amazonaws.com/doc/2016-11-15/\">\n    <requestId>59dbff89-35bd-4eac-99ed-be587EXAMPLE</requestId>\n    <imageId>ami-1234567890EXAMPLE</imageId>\n</RegisterImageResponse>";
    assert_eq!(
        output_of("RegisterImage", body),
        (
            json!({"ImageId": "ami-1234567890EXAMPLE"}),
            Some("59dbff89-35bd-4eac-99ed-be587EXAMPLE".to_string())
        )
    );
}

#[test]
fn deregister_image_request_and_response() {
    let input = json!({"ImageId": "ami-4fa54026", "DeleteAssociatedSnapshots": true});
    assert_eq!(
        body_of("DeregisterImage", &input),
        "Action=DeregisterImage&Version=2016-11-15&ImageId=ami-4fa54026&DeleteAssociatedSnapshots=true"
    );
    let body = br#"<?xml version="1.0" encoding="UTF-8"?>
<DeregisterImageResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/">
    <requestId>59dbff89-35bd-4eac-99ed-be587EXAMPLE</requestId>
    <return>true</return>
    <deleteSnapshotResultSet>
        <item>
            <snapshotId>snap-1234567890abcdef0</snapshotId>
            <returnCode>success</returnCode>
        </item>
        <item>
            <snapshotId>snap-0abcdef1234567890</snapshotId>
            <returnCode>missing-permissions</returnCode>
        </item>
    </deleteSnapshotResultSet>
</DeregisterImageResponse>"#;
    assert_eq!(
        output_of("DeregisterImage", body).0,
        json!({
            "Return": true,
            "DeleteSnapshotResults": [
                {"SnapshotId": "snap-1234567890abcdef0", "ReturnCode": "success"},
                {"SnapshotId": "snap-0abcdef1234567890", "ReturnCode": "missing-permissions"}
            ]
        })
    );
}

/// An unset idempotency token gets a fresh UUID 4 on every call, after the
/// caller's parameters.
#[test]
fn copy_image_fills_a_fresh_client_token_last() {
    let input: CopyImageRequest = serde_json::from_value(json!({
        "Name": "My server", "SourceImageId": "ami-5731123e", "SourceRegion": "us-east-1"
    }))
    .unwrap();
    let (a, b) = (serialize::copy_image(&input), serialize::copy_image(&input));
    let prefix = "Action=CopyImage&Version=2016-11-15&Name=My+server&SourceImageId=ami-5731123e&SourceRegion=us-east-1&ClientToken=";
    for body in [&a, &b] {
        let token = body
            .strip_prefix(prefix)
            .unwrap_or_else(|| panic!("{body}"));
        assert_eq!(token.len(), 36);
        assert_eq!(&token[14..15], "4");
    }
    assert_ne!(a, b);
    // A token the caller sets is sent where the model puts it.
    let mut with_token = input.clone();
    with_token.client_token = Some("my-token".into());
    assert_eq!(
        serialize::copy_image(&with_token),
        "Action=CopyImage&Version=2016-11-15&ClientToken=my-token&Name=My+server&SourceImageId=ami-5731123e&SourceRegion=us-east-1"
    );
}

/// A bad value is an error naming the element and the byte offset, never
/// a panic.
#[test]
fn bad_values_name_their_element_and_offset() {
    let xml = fixture("describe_images_seed.xml").replace(
        "<isPublic>false</isPublic>",
        "<ec2:isPublic>maybe</ec2:isPublic>",
    );
    let err = deserialize::describe_images(xml.as_bytes()).unwrap_err();
    let ResponseError::Xml(e) = &err else {
        panic!("expected an XML error, got {err:?}");
    };
    assert_eq!(e.element(), Some("isPublic"));
    assert_eq!(e.message(), "expected a boolean, found \"maybe\"");
    let end = xml.find("</ec2:isPublic>").unwrap() + "</ec2:isPublic>".len();
    assert_eq!(e.position(), end as u64);

    // An empty element (`<x/>`, one event) is named too.
    let xml = fixture("describe_images_seed.xml").replace(
        "<volumeSize>8</volumeSize>",
        "<volumeSize/><iops>lots</iops>",
    );
    let err = deserialize::describe_images(xml.as_bytes()).unwrap_err();
    let end = xml.find("<volumeSize/>").unwrap() + "<volumeSize/>".len();
    assert_eq!(
        err.to_string(),
        format!(
            "malformed response: expected an integer, found \"\" (in <volumeSize>, at byte {end})"
        )
    );
    let xml = fixture("describe_images_seed.xml").replace(
        "<volumeSize>8</volumeSize>",
        "<volumeSize>8</volumeSize><iops>lots</iops>",
    );
    let err = deserialize::describe_images(xml.as_bytes()).unwrap_err();
    let end = xml.find("</iops>").unwrap() + "</iops>".len();
    assert_eq!(
        err.to_string(),
        format!(
            "malformed response: expected an integer, found \"lots\" (in <iops>, at byte {end})"
        )
    );
}
