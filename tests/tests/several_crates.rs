//! Several generated crates in one program: a second crate (EC2 snapshot
//! operations) made the way a maintainer makes one (`model/NAME/config.json`,
//! `import --crate NAME`, `codegen --crate NAME`) in a scratch workspace,
//! then a program that uses it beside `ec2-images`. Both crates share one
//! runtime: it is compiled once, and a configuration made through one
//! crate's re-export is the other's.
//!
//! Cargo identifies a path dependency by its path, so the program's copy of
//! the second crate is generated from the imported model with the runtime's
//! real path (in a repository, every crate of `generated/` reaches the same
//! `codegen/runtime/`).

use std::fs;
use std::path::Path;
use std::process::Command;

use codegen::Config;
use tests::reference;
use xtask::paths::CratePaths;

const SNAPSHOT_OPERATIONS: [&str; 3] = ["DescribeSnapshots", "CreateSnapshot", "DeleteSnapshot"];

/// Imports and generates `ec2-snapshots` in a scratch workspace `root`
/// whose `codegen/runtime` is this workspace's runtime.
fn make_snapshot_crate(root: &Path, botocore: &Path) -> CratePaths {
    let krate = CratePaths::new("ec2-snapshots").unwrap();
    fs::create_dir_all(root.join("codegen")).unwrap();
    std::os::unix::fs::symlink(
        reference::workspace_root().join(xtask::paths::RUNTIME_DIR),
        root.join(xtask::paths::RUNTIME_DIR),
    )
    .unwrap();
    let config = Config {
        crate_name: krate.name().into(),
        crate_version: "0.1.0".into(),
        description: "EC2 snapshots.".into(),
        service: Some("ec2".into()),
        operations: SNAPSHOT_OPERATIONS.map(String::from).to_vec(),
        resources: Vec::new(),
        examples: Vec::new(),
    };
    fs::create_dir_all(root.join(krate.model_dir())).unwrap();
    fs::write(root.join(krate.config()), config.to_json()).unwrap();

    xtask::import::import(root, &krate, &config, botocore, None).unwrap();
    let service = fs::read_to_string(root.join(krate.service())).unwrap();
    assert!(service.contains("\"com.amazonaws.ec2#DescribeSnapshots\""));
    assert!(!service.contains("\"com.amazonaws.ec2#DescribeImages\""));

    let code = xtask::codegen::run_at(root, false, Some(krate.clone())).unwrap();
    assert_eq!(code, std::process::ExitCode::SUCCESS);
    // The same, checked: fresh.
    let code = xtask::codegen::run_at(root, true, None).unwrap();
    assert_eq!(code, std::process::ExitCode::SUCCESS);
    let manifest = fs::read_to_string(root.join(krate.generated_dir()).join("Cargo.toml")).unwrap();
    assert!(
        manifest.contains("aws-bindgen-runtime = { path = \"../../codegen/runtime\""),
        "{manifest}"
    );
    krate
}

const PROGRAM: &str = r#"
use ec2_images::types::DescribeImagesRequest;
use ec2_snapshots::types::DescribeSnapshotsRequest;

fn main() {
    // One runtime: a configuration built through either crate's re-export
    // is the same type, and configures both clients.
    let config: ec2_images::runtime::client::Config =
        ec2_snapshots::runtime::client::Config::builder()
            .region("eu-west-1")
            .build();
    let images = ec2_images::Client::new(config.clone());
    let snapshots = ec2_snapshots::Client::new(config);
    assert_eq!(images.config().region(), snapshots.config().region());

    let request = DescribeImagesRequest::builder().owners("self").build();
    println!("{}", ec2_images::protocol::serialize::describe_images(&request));
    let request = DescribeSnapshotsRequest::builder().owner_ids("self").build();
    println!("{}", ec2_snapshots::protocol::serialize::describe_snapshots(&request));
}
"#;

#[test]
fn two_generated_crates_share_one_runtime_in_one_program() {
    let Some(reference) = reference::dir("two_generated_crates_share_one_runtime_in_one_program")
    else {
        return;
    };
    let scratch = tempfile::tempdir().unwrap();
    let root = scratch.path();
    let krate = make_snapshot_crate(root, &reference.join("botocore-1.44.5/ec2"));
    let config = xtask::codegen::read_config(root, &krate).unwrap();
    let text = fs::read_to_string(root.join(krate.service())).unwrap();
    let model = codegen::load_smithy(codegen::SourceFile {
        name: "service.json",
        text: &text,
    })
    .unwrap();
    let files =
        codegen::generate(&model, &Default::default(), &config, &tests::runtime_path()).unwrap();
    let snapshots = root.join("deps/ec2-snapshots");
    xtask::codegen::write(&files, &snapshots).unwrap();

    let program = root.join("program");
    fs::create_dir_all(program.join("src")).unwrap();
    fs::write(
        program.join("Cargo.toml"),
        format!(
            "[package]\nname = \"two-crates\"\nversion = \"0.0.0\"\nedition = \"2021\"\npublish = false\n\n\
             [dependencies]\nec2-images = {{ path = {:?} }}\nec2-snapshots = {{ path = {:?} }}\n\n[workspace]\n",
            reference::workspace_root()
                .join("generated/ec2-images")
                .display()
                .to_string(),
            snapshots.display().to_string(),
        ),
    )
    .unwrap();
    fs::write(program.join("src/main.rs"), PROGRAM).unwrap();
    // The lock file of this workspace, so the program builds with the same
    // dependency versions (and offline when they are cached).
    fs::copy(
        reference::workspace_root().join("Cargo.lock"),
        program.join("Cargo.lock"),
    )
    .unwrap();

    let target = reference::workspace_root().join("target/fixture-crates");
    let out = Command::new(env!("CARGO"))
        .args(["build", "--quiet", "--message-format=json"])
        .current_dir(&program)
        .env("CARGO_TARGET_DIR", &target)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "the program does not build:\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    // Each compiled library is reported once (cached or not): the runtime
    // must be one of them exactly once.
    let runtime_builds = String::from_utf8_lossy(&out.stdout)
        .lines()
        .filter_map(|line| serde_json::from_str::<serde_json::Value>(line).ok())
        .filter(|m| {
            m["reason"] == "compiler-artifact" && m["target"]["name"] == "aws_bindgen_runtime"
        })
        .count();
    assert_eq!(runtime_builds, 1, "the runtime is compiled once");

    let run = Command::new(target.join("debug/two-crates"))
        .output()
        .unwrap();
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let stdout = String::from_utf8(run.stdout).unwrap();
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(
        lines,
        [
            "Action=DescribeImages&Version=2016-11-15&Owner.1=self",
            "Action=DescribeSnapshots&Version=2016-11-15&Owner.1=self",
        ]
    );
}
