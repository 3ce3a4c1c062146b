//! Wire speed: `DescribeImages` answers of 1,302 and 75,000 images (moto's
//! real images repeated, about 900 bytes each: `tests::large_answer`),
//! parsed whole by the generated parser and streamed item by item from a
//! loopback server, next to a raw `quick-xml` 0.38.4 event scan of the same
//! bytes in the same run (0.38 scans fastest of 0.38 to 0.42: 0.39 and
//! later check UTF-8 on every event); and request serialization.
//!
//! Run with `cargo bench -p tests --bench wire --features bench` (criterion
//! is an optional dependency so that `cargo test` never builds it).
//! Criterion prints MB/s for each; the ratio of a parser to the scan is the
//! measure that matters. Criterion times one side for seconds, then the
//! other, and the machine's speed drifts in between: `parse_ratio` gives
//! the whole-body parser's ratio from paired rounds. `generated_parser` times building the output from
//! the bytes, its freeing left out of the timing (the caller's, once done
//! with it); `generated_parser_and_drop` times both. `streamed_items`
//! times a whole `send_streaming()` call over loopback HTTP in 64 KiB
//! chunks: the request, the chunks, and each item parsed and dropped.

use std::hint::black_box;
use std::time::Duration;

use criterion::{criterion_group, criterion_main, BatchSize, BenchmarkId, Criterion, Throughput};
use ec2_images::protocol::{deserialize, serialize};
use ec2_images::runtime::client::{Config, Credentials};
use ec2_images::types::{
    DescribeImagesRequest, Filter, ModifyImageAttributeRequest, RegisterImageRequest,
};
use tests::chunked_server::{Answer, ChunkedServer};

fn parse(body: &[u8]) -> ec2_images::types::DescribeImagesResult {
    let (result, _) = deserialize::describe_images(body).expect("the answer parses");
    result
}

/// Streams every item of one `DescribeImages` call; how many.
fn stream(runtime: &tokio::runtime::Runtime, client: &ec2_images::Client) -> usize {
    runtime.block_on(async {
        let mut items = client
            .describe_images()
            .send_streaming()
            .await
            .expect("an answer");
        let mut n = 0;
        while let Some(item) = items.next().await {
            black_box(item.expect("an image"));
            n += 1;
        }
        n
    })
}

fn describe_images_parsing(c: &mut Criterion) {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("a runtime");
    let mut group = c.benchmark_group("describe_images_response");
    group.sample_size(10);
    group.warm_up_time(Duration::from_secs(1));
    group.measurement_time(Duration::from_secs(5));
    for n in [1_302usize, 75_000] {
        let body = tests::large_answer::describe_images(n);
        assert_eq!(parse(&body).images.map_or(0, |i| i.len()), n);
        let server = ChunkedServer::start(vec![Answer::ok(body.clone(), 64 * 1024)]);
        let client = ec2_images::Client::new(
            Config::builder()
                .region("us-east-1")
                .endpoint_url(server.url())
                .credentials(Credentials::new("AKIDEXAMPLE", "secret", None))
                .build(),
        );
        assert_eq!(stream(&runtime, &client), n);
        group.throughput(Throughput::Bytes(body.len() as u64));
        group.bench_with_input(
            BenchmarkId::new("quick_xml_0.38_scan", n),
            &body,
            |b, body| b.iter(|| tests::large_answer::raw_scan(black_box(body))),
        );
        group.bench_with_input(BenchmarkId::new("generated_parser", n), &body, |b, body| {
            b.iter_batched(|| (), |()| parse(black_box(body)), BatchSize::PerIteration)
        });
        group.bench_with_input(
            BenchmarkId::new("generated_parser_and_drop", n),
            &body,
            |b, body| b.iter(|| parse(black_box(body)).images.map_or(0, |i| i.len())),
        );
        group.bench_function(BenchmarkId::new("streamed_items", n), |b| {
            b.iter(|| stream(&runtime, &client))
        });
    }
    group.finish();
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
