//! Every operation of each AWS query service in the reference botocore
//! (IAM, SNS, STS, ELBv2, SES, Redshift), with its paginators and waiters,
//! generates into a temporary folder, and the whole-service crate compiles
//! warning-free and clippy-clean with all its features.
//! How long each takes is printed.
//!
//! A waiter or paginator the generator refuses (an error naming it: an
//! object projection in a waiter expression, a nested paginator token) is
//! left out of the model, printed with the reason, and the rest generated
//! again; any other refusal fails the test.

use std::time::Instant;

use codegen::Config;
use tests::compile::assert_compiles_cleanly_with;
use tests::reference;

/// The whole service's files, once they compile; `None` without the
/// reference data.
fn whole_service(dir: &str) -> Option<codegen::emit::Files> {
    let reference = reference::dir("whole query services")?;
    let started = Instant::now();
    let model = xtask::models::load_botocore_dir(&reference.join("botocore-1.44.5").join(dir))
        .unwrap_or_else(|e| panic!("{dir}: {e}"));
    assert_eq!(model.service.protocol, codegen::ir::Protocol::AwsQuery);
    let operations: Vec<String> = model
        .operations
        .values()
        .map(|op| op.id.name.clone())
        .collect();
    let config = Config {
        crate_name: format!("{dir}-whole"),
        crate_version: "0.0.0".into(),
        description: format!("Every operation of {dir}."),
        service: None,
        operations: operations.clone(),
        resources: vec![],
        examples: vec![],
    };
    let mut model = model;
    let files = loop {
        match codegen::generate(&model, &Default::default(), &config, &tests::runtime_path()) {
            Ok(files) => break files,
            Err(e) => {
                let text = e.to_string();
                assert!(
                    leave_out(&mut model, &text),
                    "{dir}: the generator refuses the model: {text}"
                );
                report(&format!("whole service {dir}: left out: {text}"));
            }
        }
    };
    let generated = started.elapsed();
    let client = &files["src/client.rs"];
    for op in &model.operations {
        let method = codegen::passes::naming::rules::snake_case(&op.0.name);
        assert!(
            client.contains(&format!("pub fn {method}"))
                || client.contains(&format!("pub fn {method}_(")),
            "{dir}: no method for {}",
            op.0
        );
    }
    // Once, with every feature: the crate's code paths are those of the
    // image crates, which are also checked without their features.
    assert_compiles_cleanly_with(&files, dir, &[&["--all-features"]]);
    report(&format!(
        "whole service {dir}: {} operations, generated in {:.1} s, clippy (all features) in {:.1} s",
        operations.len(),
        generated.as_secs_f64(),
        (started.elapsed() - generated).as_secs_f64()
    ));
    Some(files)
}

/// Written to the process's stderr directly, past the test harness's
/// capture, so that every run shows it.
fn report(line: &str) {
    use std::io::Write;
    let _ = writeln!(std::io::stderr().lock(), "{line}");
}

/// Removes the waiter or paginator an error names (`waiter W of operation
/// O, ...`, `paginator of O: ...`); false if it names neither.
fn leave_out(model: &mut codegen::ir::Model, error: &str) -> bool {
    if let Some(rest) = error.strip_prefix("waiter ") {
        let Some((waiter, rest)) = rest.split_once(" of operation ") else {
            return false;
        };
        let op = rest.split([',', ':']).next().unwrap_or_default();
        return model
            .operations
            .values_mut()
            .find(|o| o.id.name == op)
            .is_some_and(|o| o.waiters.remove(waiter).is_some());
    }
    if let Some(rest) = error.strip_prefix("paginator of ") {
        let op = rest.split([',', ':']).next().unwrap_or_default();
        return model
            .operations
            .values_mut()
            .find(|o| o.id.name == op)
            .is_some_and(|o| o.paginator.take().is_some());
    }
    false
}

/// With `InstanceProfileExists`, which retries on an HTTP 404 error (a
/// botocore `status` matcher), whatever the error's code.
#[test]
fn iam() {
    let Some(files) = whole_service("iam") else {
        return;
    };
    let waiters = &files["src/waiters.rs"];
    let start = waiters
        .find("pub fn instance_profile_exists(")
        .expect("the acceptors of InstanceProfileExists");
    let end = start + waiters[start..].find("\n}\n").unwrap();
    let acceptors: String = waiters[start..end].split_whitespace().collect();
    assert!(
        acceptors.contains(
            "::std::result::Result::Err(failure)=>{iffailure.status==::std::option::Option::Some(404){\
             return::std::option::Option::Some(crate::runtime::waiter::AcceptorMatch{index:1,\
             state:crate::runtime::waiter::AcceptorState::Retry,});}}"
        ),
        "{}",
        &waiters[start..end]
    );
}

#[test]
fn sns() {
    whole_service("sns");
}

#[test]
fn sts() {
    whole_service("sts");
}

#[test]
fn elbv2() {
    whole_service("elbv2");
}

#[test]
fn ses() {
    whole_service("ses");
}

#[test]
fn redshift() {
    whole_service("redshift");
}
