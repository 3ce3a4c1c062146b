//! Waiters: the JMESPath compiler against every EC2 waiter of botocore, the
//! generated acceptors of `ec2-images`, and the runtime's polling loop on a
//! paused tokio clock.

use std::cell::{Cell, RefCell};
use std::fmt;
use std::fs;
use std::process::Command;
use std::time::Duration;

use codegen::ir::{Matcher, Model};
use codegen::render::Ctx;
use codegen::{passes, SourceFile};
use ec2_images::runtime::waiter::{
    backoff_delay, wait, AcceptorMatch, AcceptorState, Failure, WaiterConfig, WaiterError,
};
use ec2_images::types::{DescribeImagesRequest, DescribeImagesResult, Image, ImageState};
use ec2_images::waiters::{image_available, image_exists, IMAGE_AVAILABLE, IMAGE_EXISTS};
use tests::reference;

// ---------------------------------------------------------------------------
// The compiler against all 43 EC2 waiters of botocore 1.44.5.

/// The full EC2 model sliced to the operations that have waiters, with the
/// passes' results: what `generate` would render waiters from.
fn ec2_waiter_model() -> Option<Model> {
    let dir = reference::dir(module_path!())?;
    let model = xtask::models::load_botocore_dir(&dir.join("botocore-1.44.5/ec2")).unwrap();
    let ops: Vec<String> = model
        .operations
        .values()
        .filter(|op| !op.waiters.is_empty())
        .map(|op| op.id.name.clone())
        .collect();
    Some(passes::closure::slice(&model, &ops).unwrap())
}

#[test]
fn every_ec2_waiter_compiles_to_rust_that_parses() {
    let Some(model) = ec2_waiter_model() else {
        return;
    };
    let waiters: usize = model.operations.values().map(|op| op.waiters.len()).sum();
    assert_eq!(waiters, 43, "botocore 1.44.5 has 43 EC2 waiters");
    let mut ctx = Ctx {
        names: &passes::naming::assign(&model).unwrap(),
        boxed: &passes::boxing::boxed_members(&model),
        model: &model,
        plans: Default::default(),
    };
    ctx.plans.waiters = passes::waiters::plan(&ctx).unwrap_or_else(|e| panic!("{e}"));
    let tokens = codegen::render::waiters::render(&ctx).unwrap_or_else(|e| panic!("{e}"));
    let file: syn::File = syn::parse2(tokens).unwrap();
    let fns = file
        .items
        .iter()
        .filter(|item| matches!(item, syn::Item::Fn(_)))
        .count();
    assert_eq!(fns, 43);
    // Every kind of matcher is there: path, pathAll, pathAny, error, status.
    let matchers: Vec<&Matcher> = model
        .operations
        .values()
        .flat_map(|op| op.waiters.values())
        .flat_map(|w| w.acceptors.iter().map(|a| &a.matcher))
        .collect();
    assert!(matchers.iter().any(|m| matches!(m, Matcher::Status(200))));
    assert!(matchers.iter().any(|m| matches!(m, Matcher::ErrorType(_))));
}

/// The strongest check: the waiters of all 43 compiled into a crate with
/// the structures and enums of their operations, under clippy with warnings
/// denied. The compiled code is typed, so this proves that every path walks
/// real fields with the right types.
#[test]
fn every_ec2_waiter_compiles_against_the_generated_types() {
    let Some(model) = ec2_waiter_model() else {
        return;
    };
    let mut ctx = Ctx {
        names: &passes::naming::assign(&model).unwrap(),
        boxed: &passes::boxing::boxed_members(&model),
        model: &model,
        plans: Default::default(),
    };
    ctx.plans.waiters = passes::waiters::plan(&ctx).unwrap_or_else(|e| panic!("{e}"));
    let render =
        |path: &str, tokens: codegen::emit::Tokens| codegen::emit::rust_file(path, tokens).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    let write = |path: &str, text: &str| {
        let path = root.join(path);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, text).unwrap();
    };
    write(
        "Cargo.toml",
        &format!(
            "[package]\nname = \"ec2-waiters\"\nversion = \"0.0.0\"\nedition = \"2021\"\n\
             [features]\nserde = []\nclient = []\n\
             [dependencies]\naws-bindgen-runtime = {{ path = {:?} }}\n\
             [workspace]\n",
            tests::runtime_path()
        ),
    );
    write(
        "src/lib.rs",
        "//! EC2 waiters.\n#![deny(missing_docs)]\n/// The runtime.\npub use aws_bindgen_runtime as runtime;\npub mod types;\npub mod waiters;\n",
    );
    write(
        "src/types/mod.rs",
        "//! Types.\nmod enums;\nmod structures;\npub use enums::*;\npub use structures::*;\n",
    );
    let structures = codegen::render::structures::render(&ctx, codegen::emit::Part::WHOLE).unwrap();
    write(
        "src/types/structures.rs",
        &render("src/types/structures.rs", structures),
    );
    let enums = codegen::render::enums::render(&ctx).unwrap();
    write("src/types/enums.rs", &render("src/types/enums.rs", enums));
    let waiters = codegen::render::waiters::render(&ctx).unwrap();
    write("src/waiters.rs", &render("src/waiters.rs", waiters.into()));

    let target = reference::workspace_root().join("target/fixture-crates");
    let out = Command::new(env!("CARGO"))
        .args(["clippy", "--quiet", "--", "-D", "warnings"])
        .current_dir(root)
        .env("CARGO_TARGET_DIR", &target)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "the 43 EC2 waiters do not compile cleanly:\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// Renders the waiters of model/ec2-images/service.json with one change to it.
fn generate_with(from: &str, to: &str) -> Result<(), String> {
    let root = reference::workspace_root();
    let text = fs::read_to_string(root.join("model/ec2-images/service.json")).unwrap();
    assert!(text.contains(from), "{from}");
    let text = text.replacen(from, to, 1);
    let model = codegen::load_smithy(SourceFile {
        name: "ec2.json",
        text: &text,
    })
    .unwrap();
    let model = passes::closure::slice(&model, &["DescribeImages".to_string()]).unwrap();
    let mut ctx = Ctx {
        names: &passes::naming::assign(&model).unwrap(),
        boxed: &passes::boxing::boxed_members(&model),
        model: &model,
        plans: Default::default(),
    };
    ctx.plans.waiters = passes::waiters::plan(&ctx).map_err(|e| e.to_string())?;
    let tokens = codegen::render::waiters::render(&ctx).map_err(|e| e.to_string())?;
    syn::parse2::<syn::File>(tokens).unwrap();
    Ok(())
}

#[test]
fn unsupported_or_ill_typed_expressions_are_errors_naming_waiter_and_acceptor() {
    let path = r#""path": "Images[].State""#;
    for (to, needle) in [
        (r#""path": "Images[0:2].State""#, "slices are not supported"),
        (
            r#""path": "Images.State""#,
            "`State` of a list is always null",
        ),
        (r#""path": "Images[].Nope""#, "Image has no member `Nope`"),
        (r#""path": "Images[].{a: State}""#, "multi-select hashes"),
        (
            r#""path": "sort(Images[].State)""#,
            "function sort() is not supported",
        ),
        (
            r#""path": "Images[].State[0]""#,
            "an index of a string is always null",
        ),
        (r#""path": "length(Images) > 'x'""#, "orders only numbers"),
        (r#""path": "Images[0].Public""#, "never a list of strings"),
        (
            r#""path": "Images[].State ==""#,
            "column 18: unexpected end",
        ),
    ] {
        let err = generate_with(path, to).unwrap_err();
        assert!(
            err.contains("waiter ImageAvailable") && err.contains("acceptor 0"),
            "{to}: {err}"
        );
        assert!(err.contains(needle), "{to}: {err}");
    }
}

/// Input that nests without bound is refused by the parser (at most
/// `jmespath::MAX_DEPTH` levels), never overflowing the stack, whatever
/// walks the expression after it.
#[test]
fn deeply_nested_waiter_paths_are_errors_not_stack_overflows() {
    let path = r#""path": "Images[].State""#;
    for deep in [
        "!".repeat(200_000) + "Images",
        "(".repeat(100_000) + "Images" + &")".repeat(100_000),
        vec!["Images"; 10_000].join("|"),
        vec!["Images"; 10_000].join("."),
    ] {
        let to = format!(r#""path": "{deep}""#);
        let err = std::thread::Builder::new()
            .stack_size(1024 * 1024)
            .spawn(move || generate_with(path, &to))
            .unwrap()
            .join()
            .unwrap()
            .unwrap_err();
        assert!(err.contains("waiter ImageAvailable"), "{err}");
        assert!(err.contains("nests deeper than 64 levels"), "{err}");
    }
}

#[test]
fn more_jmespath_compiles() {
    let available = r#""path": "Images[].State""#;
    let exists = r#""path": "length(Images[]) > `0`""#;
    for (from, to) in [
        (available, r#""path": "Images[*].State""#),
        (available, r#""path": "Images[?Public == `true`].State""#),
        (
            available,
            r#""path": "Images[].BlockDeviceMappings[].Ebs.VolumeType""#,
        ),
        (
            available,
            r#""path": "Images[?Tags != `null` || !Public].ImageId""#,
        ),
        (
            available,
            r#""path": "Images[?State != 'failed' && Public].Tags[].Key""#,
        ),
        (
            available,
            r#""path": "Images[?BlockDeviceMappings[0].Ebs.VolumeSize >= `8.5`].ImageId""#,
        ),
        (
            available,
            r#""path": "Images | [?State == `null`].ImageId""#,
        ),
        (available, r#""path": "Images[-1].Tags[].Value""#),
        (exists, r#""path": "contains(Images[].State, 'available')""#),
        (exists, r#""path": "length(Images[0].Name) >= `3`""#),
        (
            exists,
            r#""path": "Images[0].Public == `false` || Images[1].Public""#,
        ),
    ] {
        generate_with(from, to).unwrap_or_else(|e| panic!("{to}: {e}"));
    }
}

// ---------------------------------------------------------------------------
// The generated acceptors of `ec2-images`.

fn images(states: &[ImageState]) -> DescribeImagesResult {
    DescribeImagesResult::builder()
        .set_images(Some(
            states
                .iter()
                .map(|s| Image::builder().state(s.clone()).build())
                .collect(),
        ))
        .build()
}

fn hit(index: usize, state: AcceptorState) -> Option<AcceptorMatch> {
    Some(AcceptorMatch { index, state })
}

/// A service error with `code`, as EC2 answers one (HTTP 400).
fn service_error(code: &str) -> Failure<'_> {
    Failure {
        code: Some(code),
        status: Some(400),
    }
}

#[test]
fn image_available_acceptors() {
    use ImageState::{Available, Failed, Pending};
    let input = DescribeImagesRequest::builder().image_ids("ami-1").build();
    let check = |output: &DescribeImagesResult| image_available(&input, Ok(output));
    assert_eq!(check(&images(&[Available])), hit(0, AcceptorState::Success));
    assert_eq!(
        check(&images(&[Available, Available])),
        hit(0, AcceptorState::Success)
    );
    // allStringEquals needs every image; anyStringEquals one.
    assert_eq!(check(&images(&[Available, Pending])), None);
    assert_eq!(check(&images(&[Pending])), None);
    assert_eq!(
        check(&images(&[Pending, Failed])),
        hit(1, AcceptorState::Failure)
    );
    assert_eq!(check(&images(&[Failed])), hit(1, AcceptorState::Failure));
    // An empty list and an absent one match nothing: keep polling.
    assert_eq!(check(&images(&[])), None);
    assert_eq!(check(&DescribeImagesResult::builder().build()), None);
    // An image without a state is dropped by the projection.
    let no_state = DescribeImagesResult::builder()
        .images(Image::builder().build())
        .images(Image::builder().state(Available).build())
        .build();
    assert_eq!(check(&no_state), hit(0, AcceptorState::Success));
    // Unknown values are compared by their text.
    assert_eq!(
        check(&images(&[ImageState::from("available")])),
        hit(0, AcceptorState::Success)
    );
    assert_eq!(check(&images(&[ImageState::from("hibernating")])), None);
    // No error acceptor: every error is left to the loop.
    assert_eq!(
        image_available(&input, Err(service_error("InvalidAMIID.NotFound"))),
        None
    );
    assert_eq!(image_available(&input, Err(Failure::default())), None);
}

#[test]
fn image_exists_acceptors() {
    let input = DescribeImagesRequest::builder().build();
    let ok = |output: &DescribeImagesResult| image_exists(&input, Ok(output));
    assert_eq!(
        ok(&images(&[ImageState::Pending])),
        hit(0, AcceptorState::Success)
    );
    assert_eq!(
        ok(&images(&[ImageState::Failed, ImageState::Available])),
        hit(0, AcceptorState::Success)
    );
    assert_eq!(ok(&images(&[])), None);
    // `length(null)` is a JMESPath error: the acceptor does not match.
    assert_eq!(ok(&DescribeImagesResult::builder().build()), None);
    assert_eq!(
        image_exists(&input, Err(service_error("InvalidAMIID.NotFound"))),
        hit(1, AcceptorState::Retry)
    );
    assert_eq!(
        image_exists(&input, Err(service_error("InvalidAMIID.Malformed"))),
        None
    );
    assert_eq!(image_exists(&input, Err(Failure::default())), None);
}

#[test]
fn waiter_constants_carry_the_model_data() {
    assert_eq!(IMAGE_AVAILABLE.name, "ImageAvailable");
    assert_eq!(IMAGE_AVAILABLE.min_delay, Duration::from_secs(15));
    // botocore's fixed delay and attempts, kept through import.
    assert_eq!(IMAGE_AVAILABLE.max_delay, Duration::from_secs(15));
    assert_eq!(IMAGE_AVAILABLE.max_attempts, Some(40));
    assert_eq!(
        IMAGE_AVAILABLE.matchers,
        [
            r#"pathAll Images[].State == "available""#,
            r#"pathAny Images[].State == "failed""#
        ]
    );
    assert_eq!(IMAGE_EXISTS.matcher(1), "error InvalidAMIID.NotFound");
    let input = DescribeImagesRequest::builder().build();
    assert_eq!(
        IMAGE_EXISTS.matches(&input, Err(service_error("InvalidAMIID.NotFound"))),
        hit(1, AcceptorState::Retry)
    );
}

// ---------------------------------------------------------------------------
// The runtime: backoff and the polling loop.

#[test]
fn backoff_grows_exponentially_with_jitter_and_never_passes_the_max_wait() {
    let s = Duration::from_secs;
    let (min, max) = (s(2), s(120));
    let far = s(10_000);
    assert_eq!(backoff_delay(1, min, max, far, 1.0), Some(s(2)));
    assert_eq!(backoff_delay(2, min, max, far, 1.0), Some(s(4)));
    assert_eq!(backoff_delay(5, min, max, far, 1.0), Some(s(32)));
    assert_eq!(backoff_delay(7, min, max, far, 1.0), Some(s(120)));
    assert_eq!(backoff_delay(100, min, max, far, 1.0), Some(s(120)));
    assert_eq!(backoff_delay(100, min, max, far, 0.0), Some(s(2)));
    assert_eq!(backoff_delay(3, min, max, far, 0.5), Some(s(5)));
    assert_eq!(backoff_delay(3, min, max, far, f64::NAN), Some(s(2)));
    // Cut so that the minimum delay is left for one last attempt.
    assert_eq!(backoff_delay(7, min, max, s(50), 1.0), Some(s(48)));
    assert_eq!(backoff_delay(7, min, max, s(3), 1.0), Some(s(1)));
    // Out of time.
    assert_eq!(backoff_delay(1, min, max, s(2), 1.0), None);
    assert_eq!(backoff_delay(1, min, max, s(0), 1.0), None);
}

#[derive(Debug)]
struct TestError(Option<&'static str>);

impl fmt::Display for TestError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "service error {:?}", self.0)
    }
}

impl std::error::Error for TestError {}

type Outcome = Result<DescribeImagesResult, TestError>;

/// Runs a waiter over scripted outcomes (the last repeats), recording when
/// each call happened.
async fn run(
    waiter: &ec2_images::runtime::waiter::Waiter<DescribeImagesRequest, DescribeImagesResult>,
    config: WaiterConfig,
    script: Vec<fn() -> Outcome>,
) -> (
    Result<
        ec2_images::runtime::waiter::WaiterSuccess<DescribeImagesResult, TestError>,
        WaiterError<TestError>,
    >,
    Vec<Duration>,
) {
    let start = tokio::time::Instant::now();
    let calls = RefCell::new(Vec::new());
    let next = Cell::new(0usize);
    let input = DescribeImagesRequest::builder().image_ids("ami-1").build();
    let result = wait(
        waiter,
        &input,
        &config,
        || {
            calls.borrow_mut().push(start.elapsed());
            let i = next.get().min(script.len() - 1);
            next.set(next.get() + 1);
            let outcome = script[i]();
            async move { outcome }
        },
        |e: &TestError| Failure {
            code: e.0,
            status: Some(400),
        },
    )
    .await;
    (result, calls.into_inner())
}

fn pending() -> Outcome {
    Ok(images(&[ImageState::Pending]))
}

fn available() -> Outcome {
    Ok(images(&[ImageState::Available]))
}

#[tokio::test(start_paused = true)]
async fn waits_until_available_with_backoff_between_min_and_max() {
    let script: Vec<fn() -> Outcome> = vec![pending, pending, pending, pending, available];
    let (result, calls) = run(&IMAGE_AVAILABLE, WaiterConfig::default(), script).await;
    let success = result.unwrap();
    assert_eq!(success.attempts, 5);
    assert_eq!(success.acceptor, 0);
    assert!(success.last.is_ok());
    assert_eq!(calls.len(), 5);
    assert_eq!(calls[0], Duration::ZERO);
    for (n, pair) in calls.windows(2).enumerate() {
        let gap = pair[1] - pair[0];
        let ceiling = (Duration::from_secs(15) * 2u32.pow(n as u32)).min(Duration::from_secs(120));
        assert!(
            gap >= Duration::from_secs(15) && gap <= ceiling,
            "gap {n}: {gap:?}"
        );
    }
}

#[tokio::test(start_paused = true)]
async fn a_failure_acceptor_stops_the_wait_naming_the_acceptor() {
    fn failed() -> Outcome {
        Ok(images(&[ImageState::Pending, ImageState::Failed]))
    }
    let (result, calls) = run(
        &IMAGE_AVAILABLE,
        WaiterConfig::default(),
        vec![pending, failed],
    )
    .await;
    let err = result.unwrap_err();
    assert!(matches!(
        err,
        WaiterError::FailureState {
            acceptor: 1,
            error: None,
            ..
        }
    ));
    assert_eq!(
        err.to_string(),
        r#"waiter ImageAvailable: acceptor 2 (pathAny Images[].State == "failed") reached the failure state"#
    );
    assert_eq!(calls.len(), 2);
}

#[tokio::test(start_paused = true)]
async fn times_out_without_sleeping_past_the_max_wait() {
    let config = WaiterConfig::new(Duration::from_secs(100));
    let (result, calls) = run(&IMAGE_AVAILABLE, config, vec![pending]).await;
    let err = result.unwrap_err();
    let WaiterError::TimedOut {
        attempts, elapsed, ..
    } = err
    else {
        panic!("{err}")
    };
    assert_eq!(attempts as usize, calls.len());
    assert!(attempts >= 3, "{attempts}");
    assert!(elapsed <= Duration::from_secs(100), "{elapsed:?}");
    // The last attempt comes with the minimum delay left, no later.
    assert!(
        *calls.last().unwrap() >= Duration::from_secs(85),
        "{calls:?}"
    );
    assert!(err.to_string().starts_with(&format!(
        "waiter ImageAvailable: timed out after {attempts} attempts and "
    )));
}

#[tokio::test(start_paused = true)]
async fn the_models_attempts_and_fixed_delay_bound_the_wait_as_botocores_do() {
    let (result, calls) = run(&IMAGE_AVAILABLE, WaiterConfig::default(), vec![pending]).await;
    let err = result.unwrap_err();
    assert!(
        matches!(err, WaiterError::TimedOut { attempts: 40, .. }),
        "{err}"
    );
    assert_eq!(calls.len(), 40);
    for pair in calls.windows(2) {
        assert_eq!(pair[1] - pair[0], Duration::from_secs(15));
    }
    // No sleep after the last attempt.
    let WaiterError::TimedOut { elapsed, .. } = err else {
        unreachable!()
    };
    assert_eq!(elapsed, Duration::from_secs(39 * 15));
}

#[tokio::test(start_paused = true)]
async fn max_attempts_and_a_fixed_delay_replace_the_models() {
    let config = WaiterConfig::default()
        .max_attempts(3)
        .delay(Duration::from_secs(1));
    let (result, calls) = run(&IMAGE_AVAILABLE, config, vec![pending]).await;
    assert!(matches!(
        result,
        Err(WaiterError::TimedOut { attempts: 3, .. })
    ));
    assert_eq!(
        calls,
        [0, 1, 2].map(Duration::from_secs).to_vec(),
        "one second apart"
    );
    // The time bound still holds beside the attempts.
    let config = WaiterConfig::new(Duration::from_secs(40)).max_attempts(1000);
    let (result, calls) = run(&IMAGE_AVAILABLE, config, vec![pending]).await;
    assert!(matches!(result, Err(WaiterError::TimedOut { .. })));
    assert_eq!(calls.len(), 3, "{calls:?}");
    let (result, calls) = run(
        &IMAGE_AVAILABLE,
        WaiterConfig::default().max_attempts(0),
        vec![pending],
    )
    .await;
    assert!(matches!(result, Err(WaiterError::InvalidConfig { .. })));
    assert!(calls.is_empty());
}

#[tokio::test(start_paused = true)]
async fn configured_delays_replace_the_models() {
    let config = WaiterConfig::new(Duration::from_secs(30))
        .min_delay(Duration::from_secs(1))
        .max_delay(Duration::from_secs(2));
    let (result, calls) = run(&IMAGE_AVAILABLE, config, vec![pending]).await;
    assert!(matches!(result, Err(WaiterError::TimedOut { .. })));
    assert!(calls.len() >= 15, "{}", calls.len());
    for pair in calls.windows(2) {
        let gap = pair[1] - pair[0];
        assert!(gap <= Duration::from_secs(2), "{gap:?}");
    }
    let bad = WaiterConfig::default()
        .min_delay(Duration::from_secs(10))
        .max_delay(Duration::from_secs(5));
    let (result, calls) = run(&IMAGE_AVAILABLE, bad, vec![pending]).await;
    assert!(matches!(result, Err(WaiterError::InvalidConfig { .. })));
    assert!(calls.is_empty());
}

#[tokio::test(start_paused = true)]
async fn errors_retry_when_an_acceptor_says_so_and_stop_otherwise() {
    fn not_found() -> Outcome {
        Err(TestError(Some("InvalidAMIID.NotFound")))
    }
    fn throttled() -> Outcome {
        Err(TestError(Some("RequestLimitExceeded")))
    }
    let (result, calls) = run(
        &IMAGE_EXISTS,
        WaiterConfig::default(),
        vec![not_found, not_found, pending],
    )
    .await;
    let success = result.unwrap();
    assert_eq!((success.attempts, success.acceptor), (3, 0));
    assert_eq!(calls.len(), 3);

    let (result, calls) = run(
        &IMAGE_EXISTS,
        WaiterConfig::default(),
        vec![not_found, throttled],
    )
    .await;
    let err = result.unwrap_err();
    assert!(matches!(
        err,
        WaiterError::Operation {
            error: TestError(Some("RequestLimitExceeded")),
            ..
        }
    ));
    assert_eq!(
        err.to_string(),
        "waiter ImageExists: the operation failed: service error Some(\"RequestLimitExceeded\")"
    );
    assert!(std::error::Error::source(&err).is_some());
    assert_eq!(calls.len(), 2);
}
