//! The checked-in generated crate used as a Rust program would use it:
//! enums, builders and serde with boto3's field names.

use ec2_images::types::{
    ArchitectureValues, BootModeValues, CreateTagsRequest, DescribeImagesRequest,
    DescribeImagesResult, ImageState, Tag, TpmSupportValues,
};

/// The "Expected Output" of the seed's `describe_images` example, as JSON
/// (boto3 prints a Python dict: `True`/`False` become `true`/`false`).
const SEED_OUTPUT: &str = r#"{
  "Images": [
    {
      "Architecture": "x86_64",
      "BlockDeviceMappings": [
        {
          "DeviceName": "/dev/sda1",
          "Ebs": {
            "DeleteOnTermination": true,
            "SnapshotId": "snap-1234567890abcdef0",
            "VolumeSize": 8,
            "VolumeType": "standard"
          }
        }
      ],
      "Description": "An AMI for my server",
      "Hypervisor": "xen",
      "ImageId": "ami-5731123e",
      "ImageLocation": "123456789012/My server",
      "ImageType": "machine",
      "KernelId": "aki-88aa75e1",
      "Name": "My server",
      "OwnerId": "123456789012",
      "Public": false,
      "RootDeviceName": "/dev/sda1",
      "RootDeviceType": "ebs",
      "State": "available",
      "VirtualizationType": "paravirtual"
    }
  ],
  "ResponseMetadata": {
    "...": "..."
  }
}"#;

#[test]
fn seed_output_is_a_describe_images_result_and_round_trips() {
    let result: DescribeImagesResult = serde_json::from_str(SEED_OUTPUT).unwrap();
    let images = result.images.as_deref().unwrap();
    assert_eq!(images.len(), 1);
    let image = &images[0];
    assert_eq!(image.image_id.as_deref(), Some("ami-5731123e"));
    assert_eq!(image.state, Some(ImageState::Available));
    assert_eq!(image.architecture, Some(ArchitectureValues::X8664));
    assert_eq!(image.public, Some(false));
    let ebs = image.block_device_mappings.as_ref().unwrap()[0]
        .ebs
        .as_ref()
        .unwrap();
    assert_eq!(ebs.volume_size, Some(8));
    assert_eq!(ebs.delete_on_termination, Some(true));
    assert_eq!(result.next_token, None);

    // Back to JSON: the same document, less `ResponseMetadata` (which boto3
    // adds and the model does not have). Absent members stay absent.
    let mut expected: serde_json::Value = serde_json::from_str(SEED_OUTPUT).unwrap();
    expected.as_object_mut().unwrap().remove("ResponseMetadata");
    assert_eq!(serde_json::to_value(&result).unwrap(), expected);
}

#[test]
fn enums_convert_both_ways_and_keep_unknown_values() {
    assert_eq!(ImageState::from("available"), ImageState::Available);
    assert_eq!(
        "pending".parse::<ImageState>().unwrap(),
        ImageState::Pending
    );
    assert_eq!(ImageState::Deregistered.as_str(), "deregistered");
    assert_eq!(BootModeValues::UefiPreferred.to_string(), "uefi-preferred");
    assert_eq!(
        BootModeValues::from("legacy-bios"),
        BootModeValues::LegacyBios
    );
    assert_eq!(TpmSupportValues::from("v2.0"), TpmSupportValues::V20);
    assert_eq!(
        ArchitectureValues::from("x86_64_mac"),
        ArchitectureValues::X8664Mac
    );
    assert_eq!(
        ImageState::VALUES,
        [
            "pending",
            "available",
            "invalid",
            "deregistered",
            "transient",
            "failed",
            "error",
            "disabled"
        ]
    );
    for value in ImageState::VALUES {
        assert_eq!(ImageState::from(*value).as_str(), *value);
        assert!(!matches!(ImageState::from(*value), ImageState::Unknown(_)));
    }

    let future = ImageState::from("hibernating");
    assert!(matches!(&future, ImageState::Unknown(v) if v.as_str() == "hibernating"));
    assert_eq!(future.as_str(), "hibernating");
    assert_eq!(serde_json::to_string(&future).unwrap(), "\"hibernating\"");
    let back: ImageState = serde_json::from_str("\"hibernating\"").unwrap();
    assert_eq!(back, future);
}

#[test]
fn builders_append_list_items_and_check_required_members() {
    let request = DescribeImagesRequest::builder()
        .owners("self")
        .owners("amazon")
        .image_ids("ami-1")
        .max_results(5)
        .build();
    assert_eq!(
        request.owners.as_deref(),
        Some(&["self".to_string(), "amazon".to_string()][..])
    );
    assert_eq!(request.max_results, Some(5));
    assert_eq!(request.filters, None);

    let cleared = DescribeImagesRequest::builder()
        .owners("self")
        .set_owners(None)
        .build();
    assert_eq!(cleared, DescribeImagesRequest::default());

    // `Resources` and `Tags` are required members of CreateTagsRequest.
    let err = CreateTagsRequest::builder()
        .resources("ami-1")
        .build()
        .unwrap_err();
    assert_eq!((err.shape(), err.member()), ("CreateTagsRequest", "Tags"));
    assert_eq!(
        err.to_string(),
        "CreateTagsRequest: the required member `Tags` was not set"
    );
    let ok = CreateTagsRequest::builder()
        .resources("ami-1")
        .tags(Tag::builder().key("Owner").value("Team A").build())
        .build()
        .unwrap();
    assert_eq!(ok.resources, ["ami-1"]);
    assert_eq!(ok.tags[0].value.as_deref(), Some("Team A"));
}

#[test]
fn enums_and_large_rare_members_keep_items_small() {
    use std::mem::size_of;
    // An unknown value is one pointer: an enum, and an `Option` of it, is
    // two words.
    assert_eq!(
        size_of::<Option<ArchitectureValues>>(),
        2 * size_of::<usize>()
    );
    // An image's `ScanResults` (six timestamps and a label, set only for
    // images Amazon Inspector scanned) is boxed: a pointer in every image.
    let image = ec2_images::types::Image::builder()
        .scan_results(ec2_images::types::ScanResults::builder().build())
        .build();
    let boxed: &Option<Box<ec2_images::types::ScanResults>> = &image.scan_results;
    assert!(boxed.is_some());
    assert!(
        image.scan_results().is_some(),
        "the getter reads through the box"
    );
    assert!(
        size_of::<ec2_images::types::Image>() < 900,
        "{}",
        size_of::<ec2_images::types::Image>()
    );
}
