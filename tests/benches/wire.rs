//! Wire speed: `DescribeImages` response parsing on synthetic responses of
//! 1,000 and 10,000 fully populated images, against a raw `quick-xml` event
//! scan of the same bytes in the same run; and request serialization.
//!
//! Run with `cargo bench -p tests --bench wire --features bench` (criterion
//! is an optional dependency so that `cargo test` never builds it).
//! Criterion prints MB/s (the `bytes` groups) and images/s (the `images`
//! groups); the ratio of the generated parser to the scan is the measure
//! that matters.

use std::hint::black_box;
use std::time::Duration;

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use ec2_images::protocol::{deserialize, serialize};
use ec2_images::types::{
    DescribeImagesRequest, Filter, ModifyImageAttributeRequest, RegisterImageRequest,
};

#[path = "support/ec2_xml.rs"]
mod ec2_xml;

/// The baseline: every event of the body, as cheaply as quick-xml gives
/// them (no unescaping, no UTF-8 checks beyond what `read_event` does).
fn raw_scan(body: &[u8]) -> usize {
    let mut reader = quick_xml::Reader::from_reader(body);
    let mut events = 0usize;
    loop {
        match reader.read_event() {
            Ok(quick_xml::events::Event::Eof) => return events,
            Ok(e) => {
                black_box(&e);
                events += 1;
            }
            Err(e) => panic!("the synthetic body is malformed: {e}"),
        }
    }
}

fn parse(body: &[u8]) -> usize {
    let (result, _) = deserialize::describe_images(body).expect("the synthetic body parses");
    result.images.map_or(0, |i| i.len())
}

fn bodies() -> Vec<(usize, Vec<u8>)> {
    [1_000usize, 10_000]
        .into_iter()
        .map(|n| {
            let images: Vec<_> = (0..n).map(ec2_xml::full_image).collect();
            let body = ec2_xml::describe_images_response(
                &images,
                Some("eyJ2IjoiMiIsImMiOiJ0b2tlbiJ9"),
                "59dbff89-35bd-4eac-99ed-be587EXAMPLE",
            );
            assert_eq!(parse(body.as_bytes()), n);
            (n, body.into_bytes())
        })
        .collect()
}

fn describe_images_parsing(c: &mut Criterion) {
    let bodies = bodies();
    for (unit, label) in [(0, "bytes"), (1, "images")] {
        let mut group = c.benchmark_group(format!("describe_images_response/{label}"));
        group.sample_size(10);
        group.warm_up_time(Duration::from_secs(1));
        group.measurement_time(Duration::from_secs(4));
        for (n, body) in &bodies {
            group.throughput(if unit == 0 {
                Throughput::Bytes(body.len() as u64)
            } else {
                Throughput::Elements(*n as u64)
            });
            group.bench_with_input(BenchmarkId::new("generated_parser", n), body, |b, body| {
                b.iter(|| parse(black_box(body)))
            });
            group.bench_with_input(BenchmarkId::new("quick_xml_scan", n), body, |b, body| {
                b.iter(|| raw_scan(black_box(body)))
            });
        }
        group.finish();
    }
}

fn request_serialization(c: &mut Criterion) {
    let describe = DescribeImagesRequest::builder()
        .owners("self")
        .owners("amazon")
        .include_deprecated(true)
        .max_results(500)
        .filters(
            Filter::builder()
                .name("tag:Owner")
                .values("Team A")
                .values("a&b=c")
                .values("é~*+")
                .build(),
        )
        .filters(
            Filter::builder()
                .name("architecture")
                .values("x86_64")
                .values("arm64")
                .build(),
        )
        .build();
    let register: RegisterImageRequest = serde_json::from_value(serde_json::json!({
        "Name": "my-server-2025-01-20",
        "Description": "An AMI for my server",
        "Architecture": "x86_64",
        "RootDeviceName": "/dev/xvda",
        "VirtualizationType": "hvm",
        "EnaSupport": true,
        "BootMode": "uefi",
        "BlockDeviceMappings": [
            {"DeviceName": "/dev/xvda", "Ebs": {"SnapshotId": "snap-1234567890abcdef0", "VolumeSize": 8, "VolumeType": "gp3", "DeleteOnTermination": true}},
            {"DeviceName": "/dev/sdb", "VirtualName": "ephemeral0"}
        ],
        "TagSpecifications": [{"ResourceType": "image", "Tags": [{"Key": "Name", "Value": "my server"}, {"Key": "Owner", "Value": "Team A"}]}]
    }))
    .unwrap();
    let modify: ModifyImageAttributeRequest = serde_json::from_value(serde_json::json!({
        "ImageId": "ami-5731123e",
        "LaunchPermission": {"Add": [{"UserId": "123456789012"}, {"Group": "all"}], "Remove": [{"OrganizationArn": "arn:aws:organizations::123456789012:organization/o-123example"}]}
    }))
    .unwrap();

    let mut group = c.benchmark_group("request_serialization");
    group.sample_size(50);
    group.warm_up_time(Duration::from_secs(1));
    group.measurement_time(Duration::from_secs(2));
    let len = serialize::describe_images(&describe).len();
    group.throughput(Throughput::Bytes(len as u64));
    group.bench_function("describe_images", |b| {
        b.iter(|| serialize::describe_images(black_box(&describe)))
    });
    let len = serialize::register_image(&register).len();
    group.throughput(Throughput::Bytes(len as u64));
    group.bench_function("register_image", |b| {
        b.iter(|| serialize::register_image(black_box(&register)))
    });
    let len = serialize::modify_image_attribute(&modify).len();
    group.throughput(Throughput::Bytes(len as u64));
    group.bench_function("modify_image_attribute", |b| {
        b.iter(|| serialize::modify_image_attribute(black_box(&modify)))
    });
    group.finish();
}

criterion_group!(benches, describe_images_parsing, request_serialization);
criterion_main!(benches);
