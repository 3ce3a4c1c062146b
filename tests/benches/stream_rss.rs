//! Peak memory and time to first item of a ~69 MB `DescribeImages` answer
//! (75,000 images: the images of `tests/fixtures/ec2/`'s moto answers,
//! repeated, see `tests::large_answer`), served in 64 KiB chunks from a
//! loopback server, read three ways: through the paginator's streamed
//! `items()` one at a time (`streaming`), the same items collected into a
//! `Vec` (`collected`), and the whole-body `send()` (`whole-body`).
//!
//! Run it with `cargo bench -p tests --bench stream_rss` (release build).
//! The server runs in this process; each path runs in a fresh child
//! process (this program, run again with `child <mode> <url>`), which
//! reports its own peak RSS (`VmHWM` of `/proc/self/status`, Linux).
//! Each path is run `RUNS` times (default 3) and the best time kept.

use std::process::Command;
use std::time::{Instant, SystemTime, UNIX_EPOCH};

use ec2_images::runtime::client::{Config, Credentials};
use ec2_images::Client;
use tests::chunked_server::{Answer, ChunkedServer};

const TARGET_IMAGES: usize = 75_000;
const CHUNK: usize = 64 * 1024;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if args.get(1).map(String::as_str) == Some("child") {
        child(&args[2], &args[3]);
        return;
    }
    if args.iter().any(|a| a == "--list") {
        return;
    }
    let images = TARGET_IMAGES;
    let body = tests::large_answer::describe_images(images);
    println!(
        "answer: {images} images, {:.1} MB, served in chunks of {CHUNK} bytes",
        body.len() as f64 / 1e6
    );
    let runs: usize = std::env::var("RUNS")
        .ok()
        .and_then(|r| r.parse().ok())
        .unwrap_or(3);
    let server = ChunkedServer::start(vec![Answer::ok(body, CHUNK)]);
    let mut results = Vec::new();
    for mode in ["streaming", "collected", "whole-body"] {
        let mut best: Option<Figures> = None;
        for _ in 0..runs {
            let figures = run_child(mode, server.url());
            assert_eq!(figures.items, images, "{mode}: every image");
            best = Some(match best {
                Some(b) if b.total_ms <= figures.total_ms => Figures {
                    peak_rss_kb: b.peak_rss_kb.max(figures.peak_rss_kb),
                    ..b
                },
                Some(b) => Figures {
                    peak_rss_kb: b.peak_rss_kb.max(figures.peak_rss_kb),
                    ..figures
                },
                None => figures,
            });
        }
        let best = best.expect("at least one run");
        let first = if mode == "streaming" {
            format!(
                "first item after {:7.1} ms ({} body finished arriving), ",
                best.first_ms,
                if best.first_before_end {
                    "before the"
                } else {
                    "after the"
                },
            )
        } else {
            String::new()
        };
        println!(
            "{mode:>10}: peak RSS {:6.1} MiB, {first}all {} items after {:7.1} ms",
            best.peak_rss_kb as f64 / 1024.0,
            best.items,
            best.total_ms,
        );
        results.push((mode, best));
    }
    let (streaming, whole) = (&results[0].1, &results[2].1);
    println!(
        "streaming / whole-body: total time {:.2}x, peak RSS {:.2}x",
        streaming.total_ms / whole.total_ms,
        streaming.peak_rss_kb as f64 / whole.peak_rss_kb as f64
    );
}

/// What one child measured.
#[derive(Clone, Copy, Debug)]
struct Figures {
    items: usize,
    first_ms: f64,
    total_ms: f64,
    peak_rss_kb: u64,
    first_before_end: bool,
}

fn run_child(mode: &str, url: &str) -> Figures {
    let exe = std::env::current_exe().expect("this program");
    let out = Command::new(exe)
        .args(["child", mode, url])
        .output()
        .expect("a child process");
    assert!(
        out.status.success(),
        "{mode}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8_lossy(&out.stdout);
    let field = |name: &str| -> f64 {
        text.split_whitespace()
            .find_map(|w| w.strip_prefix(name)?.strip_prefix('=')?.parse().ok())
            .unwrap_or_else(|| panic!("{mode}: no {name} in {text:?}"))
    };
    let first_at = field("first_at_us");
    let body_done_at = body_done_at_us();
    Figures {
        items: field("items") as usize,
        first_ms: field("first_ms"),
        total_ms: field("total_ms"),
        peak_rss_kb: field("peak_rss_kb") as u64,
        first_before_end: body_done_at.is_some_and(|done| first_at < done),
    }
}

/// When the server last finished writing a body (microseconds since the
/// epoch), as it recorded.
fn body_done_at_us() -> Option<f64> {
    tests::chunked_server::last_body_done_at_us().map(|t| t as f64)
}

fn now_us() -> u128 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_micros())
        .unwrap_or(0)
}

/// One path, measured in this (fresh) process.
fn child(mode: &str, url: &str) {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("a runtime");
    let client = Client::new(
        Config::builder()
            .region("us-east-1")
            .endpoint_url(url)
            .credentials(Credentials::new("AKIDEXAMPLE", "secret", None))
            .build(),
    );
    let start = Instant::now();
    let (items, first_ms, first_at) = runtime.block_on(async {
        match mode {
            "streaming" => {
                let mut items = client.describe_images().into_paginator().items();
                let mut n = 0usize;
                let mut first = None;
                while let Some(item) = items.next().await {
                    let image = item.expect("an image");
                    if first.is_none() {
                        first = Some((start.elapsed(), now_us()));
                    }
                    std::hint::black_box(&image);
                    n += 1;
                }
                let (first, at) = first.expect("an image");
                (n, first.as_secs_f64() * 1e3, at)
            }
            "collected" => {
                let mut items = client.describe_images().into_paginator().items();
                let mut all = Vec::new();
                while let Some(item) = items.next().await {
                    all.push(item.expect("an image"));
                }
                let first = (start.elapsed(), now_us());
                std::hint::black_box(&all);
                (all.len(), first.0.as_secs_f64() * 1e3, first.1)
            }
            _ => {
                let response = client.describe_images().send().await.expect("an answer");
                let first = (start.elapsed(), now_us());
                let n = response.images.as_deref().map_or(0, <[_]>::len);
                (n, first.0.as_secs_f64() * 1e3, first.1)
            }
        }
    });
    let total_ms = start.elapsed().as_secs_f64() * 1e3;
    println!(
        "items={items} first_ms={first_ms:.3} first_at_us={first_at} total_ms={total_ms:.3} peak_rss_kb={}",
        peak_rss_kb()
    );
}

/// This process's peak resident set size, in KiB.
fn peak_rss_kb() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find_map(|l| l.strip_prefix("VmHWM:"))
                .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        })
        .unwrap_or(0)
}
