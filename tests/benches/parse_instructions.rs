//! Instructions, not seconds: the whole-body `DescribeImages` parser next
//! to a raw `quick-xml` 0.38.4 event scan of the same bytes, counted by
//! `valgrind --tool=callgrind`, at 1,302 and 75,000 images (moto's images,
//! `tests::large_answer`). Wall time on a shared machine moves by a third
//! from run to run; instruction counts do not, so the ratio here is the
//! one to compare across changes. They leave out what instructions do not
//! show (cache misses, page faults): the `wire` benchmark has the times.
//!
//! Run it with `cargo bench -p tests --bench parse_instructions` (needs
//! `valgrind` on the `PATH`; about a minute). Each figure comes from a
//! child process (this program, run again as `child <what> <images>`)
//! under callgrind, counting only inside the measured function.

use std::process::Command;

use ec2_images::protocol::deserialize;

const SIZES: [usize; 2] = [1_302, 75_000];

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if args.get(1).map(String::as_str) == Some("child") {
        let images: usize = args[3].parse().expect("a number of images");
        let body = tests::large_answer::describe_images(images);
        match args[2].as_str() {
            "scan" => assert!(measured_scan(&body) > images),
            "parse" => assert_eq!(measured_parse(&body), images),
            other => panic!("nothing to measure called {other}"),
        }
        return;
    }
    if args.iter().any(|a| a == "--list") {
        return;
    }
    if Command::new("valgrind").arg("--version").output().is_err() {
        eprintln!("parse_instructions: valgrind is not installed: nothing measured");
        std::process::exit(1);
    }
    println!("instructions per answer (callgrind), parser / quick-xml 0.38.4 scan:");
    for images in SIZES {
        let scan = instructions("scan", images);
        let parse = instructions("parse", images);
        println!(
            "{images:>7} images: scan {:>8.1} M, parse {:>8.1} M: the parser takes {:.2}x the scan's instructions ({:.2}x its speed)",
            scan as f64 / 1e6,
            parse as f64 / 1e6,
            parse as f64 / scan as f64,
            scan as f64 / parse as f64,
        );
    }
}

/// The raw scan of the body (`tests::large_answer::raw_scan`).
#[inline(never)]
fn measured_scan(body: &[u8]) -> usize {
    tests::large_answer::raw_scan(body)
}

/// The answer parsed into structures; how many images. Freeing them is
/// left out, as in the `wire` benchmark's `generated_parser`.
#[inline(never)]
fn measured_parse(body: &[u8]) -> usize {
    let (result, _) = deserialize::describe_images(body).expect("the answer parses");
    let images = result.images.unwrap_or_default();
    let n = images.len();
    std::mem::forget(std::hint::black_box(images));
    n
}

/// The instructions `what` takes on an answer of `images` images.
fn instructions(what: &str, images: usize) -> u64 {
    let exe = std::env::current_exe().expect("this program");
    let out_file = std::env::temp_dir().join(format!(
        "parse_instructions.{}.{what}.{images}",
        std::process::id()
    ));
    let out = Command::new("valgrind")
        .arg("--tool=callgrind")
        .arg("--collect-atstart=no")
        .arg("--toggle-collect=*measured_*")
        .arg(format!("--callgrind-out-file={}", out_file.display()))
        .arg(&exe)
        .args(["child", what, &images.to_string()])
        .output()
        .expect("valgrind runs");
    assert!(
        out.status.success(),
        "{what} {images}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let profile = std::fs::read_to_string(&out_file).expect("callgrind's output");
    let _ = std::fs::remove_file(&out_file);
    profile
        .lines()
        .find_map(|l| l.strip_prefix("summary:")?.trim().parse().ok())
        .unwrap_or_else(|| panic!("{what} {images}: no summary in callgrind's output"))
}
