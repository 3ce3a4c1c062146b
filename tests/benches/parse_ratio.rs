//! The whole-body `DescribeImages` parser's speed as a ratio of a raw
//! `quick-xml` 0.38.4 event scan of the same bytes, in paired rounds: each
//! round times the scan and the parse back to back (in alternating order),
//! so that the machine's speed, which on a shared machine drifts by a third
//! within seconds, is the same for both sides of a ratio. The `wire`
//! benchmark times each side for seconds on its own, one after the other;
//! its ratios move with that drift.
//!
//! Run with `cargo bench -p tests --bench parse_ratio` (about a minute).
//! Prints, at 1,302 and 75,000 images (moto's images, `tests::large_answer`):
//! each side's median time and throughput, and the parser's speed as a
//! fraction of the scan's: the median of the rounds' ratios, and their
//! spread. The parser's output is freed outside the timing, as in `wire`'s
//! `generated_parser`.

use std::hint::black_box;
use std::time::{Duration, Instant};

use ec2_images::protocol::deserialize;

/// Paired rounds per size, and the least time one side of a round takes
/// (repeating the call as often as it needs).
const ROUNDS: usize = 21;
const MIN_SIDE: Duration = Duration::from_millis(300);

fn main() {
    if std::env::args().any(|a| a == "--list") {
        return;
    }
    println!(
        "whole-body parser / quick-xml 0.38.4 scan, {ROUNDS} paired rounds per size (speed ratio: above 1 is faster than the scan)"
    );
    for images in [1_302usize, 75_000] {
        let body = tests::large_answer::describe_images(images);
        let parses = || {
            let (result, _) = deserialize::describe_images(black_box(&body)).expect("it parses");
            assert_eq!(result.images.as_ref().map_or(0, Vec::len), images);
            result
        };
        // Repetitions per side: enough for MIN_SIDE, the same for both.
        let once =
            time(1, || tests::large_answer::raw_scan(black_box(&body))).max(time(1, &parses));
        let reps = (MIN_SIDE.as_secs_f64() / once.as_secs_f64())
            .ceil()
            .max(1.0) as u32;
        let (mut scan, mut parse, mut ratios) = (Vec::new(), Vec::new(), Vec::new());
        for round in 0..ROUNDS {
            let side = |parser: bool| {
                if parser {
                    time(reps, &parses)
                } else {
                    time(reps, || tests::large_answer::raw_scan(black_box(&body)))
                }
            };
            let (s, p) = if round % 2 == 0 {
                let s = side(false);
                (s, side(true))
            } else {
                let p = side(true);
                (side(false), p)
            };
            ratios.push(s.as_secs_f64() / p.as_secs_f64());
            scan.push(s / reps);
            parse.push(p / reps);
        }
        let mb = body.len() as f64 / 1e6;
        let (scan, parse) = (median(&mut scan), median(&mut parse));
        ratios.sort_by(f64::total_cmp);
        println!(
            "{images:>7} images ({mb:.1} MB): scan {:>7.2} ms ({:>4.0} MB/s), parse {:>7.2} ms ({:>4.0} MB/s): \
             the parser runs at {:.2}x the scan's speed (rounds: {:.2} to {:.2})",
            scan.as_secs_f64() * 1e3,
            mb / scan.as_secs_f64(),
            parse.as_secs_f64() * 1e3,
            mb / parse.as_secs_f64(),
            ratios[ratios.len() / 2],
            ratios[0],
            ratios[ratios.len() - 1],
        );
    }
}

/// How long `reps` calls of `f` take, each result dropped outside the
/// timing.
fn time<T>(reps: u32, mut f: impl FnMut() -> T) -> Duration {
    let mut total = Duration::ZERO;
    for _ in 0..reps {
        let start = Instant::now();
        let out = f();
        total += start.elapsed();
        drop(black_box(out));
    }
    total
}

fn median(times: &mut [Duration]) -> Duration {
    times.sort();
    times[times.len() / 2]
}
