// Copied by `cargo xtask codegen` from model/ec2-images/examples/describe-images.rs. DO NOT EDIT here: edit the original.

//! Lists AMIs and prints them as JSON in boto3's shape
//! (`{"Images": [...]}`), paging through `DescribeImages`.
//!
//! ```text
//! cargo run -p ec2-images --features serde --example describe-images -- --owner amazon --max 50
//! ```
//!
//! Options (each may be repeated, except `--max`):
//!   --owner OWNER         `self`, `amazon`, an account id...
//!   --image-id ID         only these images
//!   --filter NAME=VALUE   e.g. `architecture=arm64`, `tag:Owner=Team A`
//!   --max N               stop after N images
//!
//! The region, credentials and endpoint come from the environment as the
//! AWS CLI finds them (`AWS_REGION`, `AWS_PROFILE`, `AWS_ENDPOINT_URL`...).
//! Progress goes to stderr when paging takes more than a second.

use std::process::ExitCode;
use std::time::{Duration, Instant};

use ec2_images::types::Filter;
use ec2_images::Client;

struct Args {
    owners: Vec<String>,
    image_ids: Vec<String>,
    filters: Vec<(String, String)>,
    max: Option<usize>,
}

fn parse_args() -> Result<Args, String> {
    let mut args =
        Args { owners: Vec::new(), image_ids: Vec::new(), filters: Vec::new(), max: None };
    let mut it = std::env::args().skip(1);
    while let Some(flag) = it.next() {
        let mut value = || it.next().ok_or(format!("{flag} needs a value"));
        match flag.as_str() {
            "--owner" => args.owners.push(value()?),
            "--image-id" => args.image_ids.push(value()?),
            "--filter" => {
                let v = value()?;
                let (name, value) =
                    v.split_once('=').ok_or(format!("--filter takes NAME=VALUE, not {v:?}"))?;
                args.filters.push((name.to_string(), value.to_string()));
            }
            "--max" => {
                let v = value()?;
                let n = v.parse().map_err(|_| format!("--max takes a number, not {v:?}"))?;
                args.max = Some(n);
            }
            "-h" | "--help" => {
                return Err("usage: describe-images [--owner O]... [--image-id ID]... \
                            [--filter NAME=VALUE]... [--max N]"
                    .to_string())
            }
            other => return Err(format!("unknown argument {other:?} (try --help)")),
        }
    }
    Ok(args)
}

#[tokio::main(flavor = "current_thread")]
async fn main() -> ExitCode {
    let args = match parse_args() {
        Ok(args) => args,
        Err(message) => {
            eprintln!("{message}");
            return ExitCode::from(2);
        }
    };
    let client = match Client::from_env() {
        Ok(client) => client,
        Err(e) => {
            eprintln!("AWS configuration: {e}");
            return ExitCode::FAILURE;
        }
    };

    let mut call = client.describe_images();
    for owner in &args.owners {
        call = call.owners(owner);
    }
    for id in &args.image_ids {
        call = call.image_ids(id);
    }
    // Filters with the same name are one filter with several values.
    let mut filters: Vec<(String, Vec<String>)> = Vec::new();
    for (name, value) in args.filters {
        match filters.iter_mut().find(|(n, _)| *n == name) {
            Some((_, values)) => values.push(value),
            None => filters.push((name, vec![value])),
        }
    }
    for (name, values) in filters {
        let filter =
            values.into_iter().fold(Filter::builder().name(name), |f, v| f.values(v)).build();
        call = call.filters(filter);
    }
    if let Some(max) = args.max {
        // EC2 takes page sizes from 6 to 1,000 when no image ids are given.
        if args.image_ids.is_empty() {
            call = call.max_results(max.clamp(6, 1000) as i32);
        }
    }

    let started = Instant::now();
    let mut pages = call.into_paginator();
    let mut images = Vec::new();
    let mut page_count = 0;
    while let Some(page) = pages.next_page().await {
        let page = match page {
            Ok(page) => page,
            Err(e) => {
                eprintln!("DescribeImages failed: {e}");
                return ExitCode::FAILURE;
            }
        };
        page_count += 1;
        images.extend(page.into_output().images.unwrap_or_default());
        if started.elapsed() > Duration::from_secs(1) {
            eprintln!("… {} images in {page_count} pages", images.len());
        }
        if args.max.is_some_and(|max| images.len() >= max) {
            break;
        }
    }
    if let Some(max) = args.max {
        images.truncate(max);
    }
    let json = serde_json::json!({ "Images": images });
    match serde_json::to_string_pretty(&json) {
        Ok(text) => {
            println!("{text}");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("cannot print JSON: {e}");
            ExitCode::FAILURE
        }
    }
}
