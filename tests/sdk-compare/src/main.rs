//! Parse throughput of a large EC2 `DescribeImages` answer, in one process:
//! a raw `quick-xml` 0.38.4 event scan (the baseline), the generated parser
//! (`ec2_images::protocol::deserialize::describe_images`) and the official
//! `aws-sdk-ec2` crate's response deserializer, the one its orchestrator
//! calls. Parsing only: no HTTP, no signing.
//!
//! The answers are those of the `wire` benchmark (`tests::large_answer`:
//! moto's images repeated, about 900 bytes each), at 1,302 and 75,000
//! images. Each round times the three in turn (scan, ours, aws-sdk-ec2),
//! so that the machine's noise falls on all three alike; each figure is
//! the median over the rounds. A parser's time includes dropping its
//! output (the scan has none); the medians without the drop are printed
//! too. Throughput is in MiB/s (2^20 bytes) of answer.

use std::hint::black_box;
use std::time::{Duration, Instant};

use aws_sdk_ec2::operation::describe_images::{DescribeImages, DescribeImagesOutput};
use aws_smithy_runtime_api::client::orchestrator::HttpResponse;
use aws_smithy_runtime_api::client::runtime_plugin::RuntimePlugin;
use aws_smithy_runtime_api::client::ser_de::{DeserializeResponse, SharedResponseDeserializer};
use aws_smithy_runtime_api::http::StatusCode;
use aws_smithy_types::body::SdkBody;
use aws_smithy_types::config_bag::ConfigBag;
use ec2_images::protocol::deserialize;
use ec2_images::types::DescribeImagesResult;

#[path = "../../src/large_answer.rs"]
mod large_answer;

/// Images per answer, and the rounds timed at that size after one round of
/// warm-up: about half a minute at 1,302 images, a minute at 75,000.
const SIZES: [(usize, usize); 2] = [(1_302, 1_000), (75_000, 25)];

const PARSERS: [&str; 3] = ["quick-xml scan", "ec2-images", "aws-sdk-ec2"];

fn main() {
    // The configuration layer `aws-sdk-ec2` gives its orchestrator for a
    // `DescribeImages` call, which holds the operation's deserializer.
    let operation = DescribeImages::new()
        .config()
        .expect("the operation's configuration");
    let deserializer = operation
        .load::<SharedResponseDeserializer>()
        .expect("a response deserializer");
    let cfg = ConfigBag::base();
    println!(
        "DescribeImages answer parsing, MiB/s (median of rounds; each round: {})",
        PARSERS.join(", then ")
    );
    for (images, rounds) in SIZES {
        let body = large_answer::describe_images(images);
        let response = HttpResponse::new(
            StatusCode::try_from(200).expect("a status"),
            SdkBody::from(body.clone()),
        );
        check(&body, deserializer, &response, &cfg, images);

        // [parser][round], parsing and parsing then dropping the output.
        let mut parsed = [(); 3].map(|()| Vec::with_capacity(rounds));
        let mut dropped = [(); 3].map(|()| Vec::with_capacity(rounds));
        for round in 0..=rounds {
            let samples = [
                time(|| large_answer::raw_scan(black_box(&body))),
                time(|| ours(black_box(&body))),
                time(|| aws(deserializer, black_box(&response), &cfg)),
            ];
            if round > 0 {
                for (p, (parse, parse_and_drop)) in samples.into_iter().enumerate() {
                    parsed[p].push(parse);
                    dropped[p].push(parse_and_drop);
                }
            }
        }

        let mib = body.len() as f64 / (1024.0 * 1024.0);
        println!("\n{images} images, {mib:.1} MiB, {rounds} rounds:");
        report("parse and drop", mib, &dropped);
        report("parse only", mib, &parsed);
    }
}

/// One line: each parser's median speed, and the ratios.
fn report(label: &str, mib: f64, times: &[Vec<Duration>; 3]) {
    let [scan, ours, aws] = times.each_ref().map(|t| mib / median(t));
    println!(
        "  {label:<14}: scan {scan:7.1}, ec2-images {ours:7.1}, aws-sdk-ec2 {aws:7.1}; \
         ec2-images/aws-sdk-ec2 {:.2}x, ec2-images/scan {:.2}x",
        ours / aws,
        ours / scan,
    );
}

/// Both parsers read all `images` images, with the same ids in the same
/// order, and the scan sees more events than images.
fn check(
    body: &[u8],
    deserializer: &SharedResponseDeserializer,
    response: &HttpResponse,
    cfg: &ConfigBag,
    images: usize,
) {
    assert!(large_answer::raw_scan(body) > images);
    let ours = ours(body).images.unwrap_or_default();
    let aws = aws(deserializer, response, cfg);
    assert_eq!(ours.len(), images, "ec2-images' images");
    assert_eq!(aws.images().len(), images, "aws-sdk-ec2's images");
    assert!(
        ours.iter()
            .map(|i| i.image_id.as_deref())
            .eq(aws.images().iter().map(|i| i.image_id())),
        "the two parsers' image ids differ"
    );
}

/// How long `f` takes, then how long with its output dropped.
fn time<T>(f: impl FnOnce() -> T) -> (Duration, Duration) {
    let start = Instant::now();
    let output = f();
    let parsed = start.elapsed();
    drop(output);
    (parsed, start.elapsed())
}

/// The median, in seconds.
fn median(times: &[Duration]) -> f64 {
    let mut t: Vec<f64> = times.iter().map(Duration::as_secs_f64).collect();
    t.sort_by(f64::total_cmp);
    let n = t.len();
    if n % 2 == 1 {
        t[n / 2]
    } else {
        (t[n / 2 - 1] + t[n / 2]) / 2.0
    }
}

/// The generated parser.
#[inline(never)]
fn ours(body: &[u8]) -> DescribeImagesResult {
    let (result, _next_token) = deserialize::describe_images(body).expect("the answer parses");
    result
}

/// aws-sdk-ec2's response deserializer, as its orchestrator calls it on a
/// loaded body, and its output taken out of its type-erased box.
#[inline(never)]
fn aws(
    deserializer: &SharedResponseDeserializer,
    response: &HttpResponse,
    cfg: &ConfigBag,
) -> DescribeImagesOutput {
    deserializer
        .deserialize_nonstreaming_with_config(response, cfg)
        .expect("the answer parses")
        .downcast::<DescribeImagesOutput>()
        .expect("a DescribeImagesOutput")
}
