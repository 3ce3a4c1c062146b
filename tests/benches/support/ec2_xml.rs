//! EC2's response XML for `Image` values, written by hand for the tests and
//! the benchmark only (the generated crate reads this XML, it never writes
//! it). Element names are the model's `xmlName`s (members without one use
//! the member name, as the model says); lists are `<item>` elements.
//!
//! Shared by `tests/tests/properties.rs` and `tests/benches/wire.rs`
//! through `#[path]`.

#![allow(dead_code)]

use std::fmt::Write as _;

use ec2_images::runtime::DateTime;
use ec2_images::types::{
    ArchitectureValues, BlockDeviceMapping, BootModeValues, DeviceType, EbsBlockDevice,
    HypervisorType, Image, ImageState, ImageTypeValues, ImageWatermark, ImdsSupportValues,
    InstanceTypeItem, ProductCode, ProductCodeValues, SeverityLabel, Tag, TpmSupportValues,
    VirtualizationType, VolumeType,
};

/// The namespace EC2 puts on every response root.
pub const XMLNS: &str = "http://ec2.amazonaws.com/doc/2016-11-15/";

/// Appends `text` escaped for XML character data. `\r` becomes a character
/// reference, since a parser turns a literal one into `\n`.
pub fn escape_into(out: &mut String, text: &str) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '\r' => out.push_str("&#13;"),
            c => out.push(c),
        }
    }
}

/// `<name>text</name>` when the value is present.
fn text(out: &mut String, name: &str, value: Option<&str>) {
    if let Some(v) = value {
        out.push('<');
        out.push_str(name);
        out.push('>');
        escape_into(out, v);
        out.push_str("</");
        out.push_str(name);
        out.push('>');
    }
}

fn display<T: std::fmt::Display>(out: &mut String, name: &str, value: Option<T>) {
    if let Some(v) = value {
        let _ = write!(out, "<{name}>{v}</{name}>");
    }
}

fn timestamp(out: &mut String, name: &str, value: Option<&DateTime>) {
    text(out, name, value.map(DateTime::to_rfc3339).as_deref());
}

/// `<name><item>…</item>…</name>` when the list is present.
fn list<T>(out: &mut String, name: &str, items: Option<&[T]>, item: impl Fn(&mut String, &T)) {
    if let Some(items) = items {
        if items.is_empty() {
            let _ = write!(out, "<{name}/>");
            return;
        }
        let _ = write!(out, "<{name}>");
        for i in items {
            out.push_str("<item>");
            item(out, i);
            out.push_str("</item>");
        }
        let _ = write!(out, "</{name}>");
    }
}

fn ebs(out: &mut String, e: &EbsBlockDevice) {
    display(out, "deleteOnTermination", e.delete_on_termination);
    display(out, "iops", e.iops);
    text(out, "snapshotId", e.snapshot_id.as_deref());
    display(out, "volumeSize", e.volume_size);
    text(
        out,
        "volumeType",
        e.volume_type.as_ref().map(VolumeType::as_str),
    );
    text(out, "kmsKeyId", e.kms_key_id.as_deref());
    display(out, "throughput", e.throughput);
    text(out, "outpostArn", e.outpost_arn.as_deref());
    text(out, "availabilityZone", e.availability_zone.as_deref());
    display(out, "encrypted", e.encrypted);
    display(
        out,
        "VolumeInitializationRate",
        e.volume_initialization_rate,
    );
    text(out, "AvailabilityZoneId", e.availability_zone_id.as_deref());
    display(out, "EbsCardIndex", e.ebs_card_index);
}

fn block_device_mapping(out: &mut String, m: &BlockDeviceMapping) {
    if let Some(e) = &m.ebs {
        out.push_str("<ebs>");
        ebs(out, e);
        out.push_str("</ebs>");
    }
    text(out, "noDevice", m.no_device.as_deref());
    text(out, "deviceName", m.device_name.as_deref());
    text(out, "virtualName", m.virtual_name.as_deref());
}

fn tag(out: &mut String, t: &Tag) {
    text(out, "key", t.key.as_deref());
    text(out, "value", t.value.as_deref());
}

fn product_code(out: &mut String, p: &ProductCode) {
    text(out, "productCode", p.product_code_id.as_deref());
    text(
        out,
        "type",
        p.product_code_type.as_ref().map(ProductCodeValues::as_str),
    );
}

fn watermark(out: &mut String, w: &ImageWatermark) {
    text(out, "watermarkKey", w.watermark_key.as_deref());
    text(out, "sourceImageRegion", w.source_image_region.as_deref());
    text(out, "sourceImageId", w.source_image_id.as_deref());
    timestamp(
        out,
        "sourceImageCreationTime",
        w.source_image_creation_time.as_ref(),
    );
    timestamp(
        out,
        "watermarkCreationTime",
        w.watermark_creation_time.as_ref(),
    );
}

fn instance_type_item(out: &mut String, i: &InstanceTypeItem) {
    text(out, "instanceType", i.instance_type.as_deref());
}

/// The children of an `<item>` of `imagesSet`.
pub fn image_into(out: &mut String, i: &Image) {
    text(out, "imageId", i.image_id.as_deref());
    text(out, "imageLocation", i.image_location.as_deref());
    text(out, "imageState", i.state.as_ref().map(ImageState::as_str));
    text(out, "imageOwnerId", i.owner_id.as_deref());
    text(out, "creationDate", i.creation_date.as_deref());
    display(out, "isPublic", i.public);
    list(
        out,
        "productCodes",
        i.product_codes.as_deref(),
        product_code,
    );
    text(
        out,
        "architecture",
        i.architecture.as_ref().map(ArchitectureValues::as_str),
    );
    text(
        out,
        "imageType",
        i.image_type.as_ref().map(ImageTypeValues::as_str),
    );
    text(out, "kernelId", i.kernel_id.as_deref());
    text(out, "ramdiskId", i.ramdisk_id.as_deref());
    text(out, "platform", i.platform.as_ref().map(|p| p.as_str()));
    text(out, "platformDetails", i.platform_details.as_deref());
    text(out, "usageOperation", i.usage_operation.as_deref());
    if let Some(r) = &i.state_reason {
        out.push_str("<stateReason>");
        text(out, "code", r.code.as_deref());
        text(out, "message", r.message.as_deref());
        out.push_str("</stateReason>");
    }
    text(out, "imageOwnerAlias", i.image_owner_alias.as_deref());
    text(out, "name", i.name.as_deref());
    text(out, "description", i.description.as_deref());
    display(out, "enaSupport", i.ena_support);
    text(out, "sriovNetSupport", i.sriov_net_support.as_deref());
    text(
        out,
        "rootDeviceType",
        i.root_device_type.as_ref().map(DeviceType::as_str),
    );
    text(out, "rootDeviceName", i.root_device_name.as_deref());
    list(
        out,
        "blockDeviceMapping",
        i.block_device_mappings.as_deref(),
        block_device_mapping,
    );
    text(
        out,
        "virtualizationType",
        i.virtualization_type
            .as_ref()
            .map(VirtualizationType::as_str),
    );
    list(out, "tagSet", i.tags.as_deref(), tag);
    text(
        out,
        "hypervisor",
        i.hypervisor.as_ref().map(HypervisorType::as_str),
    );
    text(
        out,
        "bootMode",
        i.boot_mode.as_ref().map(BootModeValues::as_str),
    );
    text(
        out,
        "tpmSupport",
        i.tpm_support.as_ref().map(TpmSupportValues::as_str),
    );
    text(out, "deprecationTime", i.deprecation_time.as_deref());
    text(
        out,
        "imdsSupport",
        i.imds_support.as_ref().map(ImdsSupportValues::as_str),
    );
    text(out, "sourceInstanceId", i.source_instance_id.as_deref());
    text(
        out,
        "deregistrationProtection",
        i.deregistration_protection.as_deref(),
    );
    text(out, "lastLaunchedTime", i.last_launched_time.as_deref());
    display(out, "imageAllowed", i.image_allowed);
    text(out, "sourceImageId", i.source_image_id.as_deref());
    text(out, "sourceImageRegion", i.source_image_region.as_deref());
    display(out, "freeTierEligible", i.free_tier_eligible);
    text(
        out,
        "publicSsmParameterName",
        i.public_ssm_parameter_name.as_deref(),
    );
    list(
        out,
        "imageWatermarkSet",
        i.image_watermarks.as_deref(),
        watermark,
    );
    if let Some(s) = &i.scan_results {
        out.push_str("<scanResults>");
        text(
            out,
            "highestFindingSeverityLabel",
            s.highest_finding_severity_label
                .as_ref()
                .map(SeverityLabel::as_str),
        );
        timestamp(out, "findingScanDate", s.finding_scan_date.as_ref());
        timestamp(
            out,
            "informationalFixAvailableSince",
            s.informational_fix_available_since.as_ref(),
        );
        timestamp(
            out,
            "lowFixAvailableSince",
            s.low_fix_available_since.as_ref(),
        );
        timestamp(
            out,
            "mediumFixAvailableSince",
            s.medium_fix_available_since.as_ref(),
        );
        timestamp(
            out,
            "highFixAvailableSince",
            s.high_fix_available_since.as_ref(),
        );
        timestamp(
            out,
            "criticalFixAvailableSince",
            s.critical_fix_available_since.as_ref(),
        );
        out.push_str("</scanResults>");
    }
    if let Some(s) = &i.instance_type_specification {
        out.push_str("<instanceTypeSpecification>");
        list(
            out,
            "supportedInstanceTypeSet",
            s.supported_instance_types.as_deref(),
            instance_type_item,
        );
        list(
            out,
            "unsupportedInstanceTypeSet",
            s.unsupported_instance_types.as_deref(),
            instance_type_item,
        );
        out.push_str("</instanceTypeSpecification>");
    }
}

/// A whole `DescribeImagesResponse` body, indented as EC2 indents it.
pub fn describe_images_response(
    images: &[Image],
    next_token: Option<&str>,
    request_id: &str,
) -> String {
    let mut out = String::with_capacity(256 + images.len() * 4096);
    let _ = write!(
        out,
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<DescribeImagesResponse xmlns=\"{XMLNS}\">\n    <requestId>{request_id}</requestId>\n    <imagesSet>\n"
    );
    for image in images {
        out.push_str("        <item>");
        image_into(&mut out, image);
        out.push_str("</item>\n");
    }
    out.push_str("    </imagesSet>\n");
    text(&mut out, "nextToken", next_token);
    out.push_str("</DescribeImagesResponse>");
    out
}

/// A realistic image with every member of `Image` present: two block
/// device mappings (EBS root and an instance-store volume), product code,
/// tags, state reason, watermark, scan results and instance types.
/// `n` makes the ids, names and dates differ from image to image.
pub fn full_image(n: usize) -> Image {
    let id = format!(
        "ami-{:017x}",
        0x0abc_def0_1234_5678_u64.wrapping_add(n as u64)
    );
    let snap = format!(
        "snap-{:017x}",
        0x0fed_cba9_8765_4321_u64.wrapping_add(n as u64)
    );
    let created = DateTime::from_secs_and_nanos(1_700_000_000 + n as i64 * 60, 123_000_000);
    let name = format!("al2023-ami-2023.6.{n}-kernel-6.1-x86_64");
    let json = serde_json::json!({
        "PlatformDetails": "Linux/UNIX",
        "UsageOperation": "RunInstances",
        "BlockDeviceMappings": [
            {
                "Ebs": {
                    "DeleteOnTermination": true,
                    "Iops": 3000,
                    "SnapshotId": snap,
                    "VolumeSize": 8,
                    "VolumeType": "gp3",
                    "KmsKeyId": "arn:aws:kms:us-east-1:123456789012:key/1a2b3c4d-5e6f-1a2b-3c4d-5e6f1a2b3c4d",
                    "Throughput": 125,
                    "OutpostArn": "arn:aws:outposts:us-east-1:123456789012:outpost/op-1234567890abcdef0",
                    "AvailabilityZone": "us-east-1a",
                    "Encrypted": true,
                    "VolumeInitializationRate": 100,
                    "AvailabilityZoneId": "use1-az1",
                    "EbsCardIndex": 0
                },
                "DeviceName": "/dev/xvda"
            },
            { "NoDevice": "", "DeviceName": "/dev/sdb", "VirtualName": "ephemeral0" }
        ],
        "Description": format!("Amazon Linux 2023 AMI 2023.6.{n} x86_64 HVM kernel-6.1 & tools <minimal>"),
        "EnaSupport": true,
        "Hypervisor": "xen",
        "ImageOwnerAlias": "amazon",
        "Name": name,
        "RootDeviceName": "/dev/xvda",
        "RootDeviceType": "ebs",
        "SriovNetSupport": "simple",
        "StateReason": {
            "Code": "Client.UserInitiatedShutdown",
            "Message": "Client.UserInitiatedShutdown: User initiated shutdown"
        },
        "Tags": [
            { "Key": "Name", "Value": name },
            { "Key": "Owner", "Value": "Team A" },
            { "Key": "CostCenter", "Value": format!("cc-{}", n % 97) }
        ],
        "VirtualizationType": "hvm",
        "BootMode": "uefi-preferred",
        "TpmSupport": "v2.0",
        "DeprecationTime": "2026-11-15T17:49:00.000Z",
        "ImdsSupport": "v2.0",
        "SourceInstanceId": format!("i-{n:017x}"),
        "DeregistrationProtection": "disabled",
        "LastLaunchedTime": "2025-01-20T10:15:30Z",
        "ImageAllowed": true,
        "SourceImageId": "ami-0123456789abcdef0",
        "SourceImageRegion": "us-west-2",
        "FreeTierEligible": true,
        "PublicSsmParameterName": "/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-6.1-x86_64",
        "ImageWatermarks": [{
            "WatermarkKey": "wm-0123456789abcdef0",
            "SourceImageRegion": "us-west-2",
            "SourceImageId": "ami-0123456789abcdef0",
            "SourceImageCreationTime": "2023-07-22T04:26:40.5Z",
            "WatermarkCreationTime": created.to_rfc3339()
        }],
        "ScanResults": {
            "HighestFindingSeverityLabel": "medium",
            "FindingScanDate": created.to_rfc3339(),
            "InformationalFixAvailableSince": "2023-07-22T04:26:40Z",
            "LowFixAvailableSince": "2023-07-22T04:27:40Z",
            "MediumFixAvailableSince": "2023-07-22T04:28:40Z",
            "HighFixAvailableSince": "2023-07-22T04:29:40Z",
            "CriticalFixAvailableSince": "2023-07-22T04:30:40Z"
        },
        "InstanceTypeSpecification": {
            "SupportedInstanceTypes": [
                { "InstanceType": "m7i.large" },
                { "InstanceType": "c7i.xlarge" }
            ],
            "UnsupportedInstanceTypes": [{ "InstanceType": "t1.micro" }]
        },
        "ImageId": id,
        "ImageLocation": format!("amazon/{name}"),
        "State": "available",
        "OwnerId": "137112412989",
        "CreationDate": created.to_rfc3339(),
        "Public": true,
        "ProductCodes": [{ "ProductCodeId": "8fa8ctk1mtpdbqc2pkyu5xxk0", "ProductCodeType": "marketplace" }],
        "Architecture": "x86_64",
        "ImageType": "machine",
        "KernelId": "aki-88aa75e1",
        "RamdiskId": "ari-a51cf9cc",
        "Platform": "windows"
    });
    serde_json::from_value(json).expect("the synthetic image is a valid Image")
}
