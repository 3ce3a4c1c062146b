//! Compiling a generated crate for real, outside this workspace.

use std::fs;
use std::process::Command;

use codegen::Files;

/// Writes the generated crate on its own (outside this workspace) and runs
/// clippy on it with warnings denied, with and without its optional
/// features; `name` says which crate in the failure message.
pub fn assert_compiles_cleanly(files: &Files, name: &str) {
    assert_compiles_cleanly_with(files, name, &[&["--all-features"], &[]]);
}

/// Like [`assert_compiles_cleanly`], with each of these feature sets only
/// (a large crate checked once, with every feature, say).
pub fn assert_compiles_cleanly_with(files: &Files, name: &str, feature_sets: &[&[&str]]) {
    let dir = tempfile::tempdir().unwrap();
    xtask::codegen::write(files, dir.path()).unwrap();
    let manifest = dir.path().join("Cargo.toml");
    let mut toml = fs::read_to_string(&manifest).unwrap();
    toml.push_str("\n[workspace]\n");
    fs::write(&manifest, toml).unwrap();
    // A target dir of its own inside the workspace's, kept between runs.
    let target = crate::reference::workspace_root().join("target/fixture-crates");
    for &features in feature_sets {
        let out = Command::new(env!("CARGO"))
            .args(["clippy", "--quiet", "--all-targets"])
            .args(features)
            .args(["--", "-D", "warnings"])
            .current_dir(dir.path())
            .env("CARGO_TARGET_DIR", &target)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{name} ({features:?}) does not compile cleanly:\n{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
}
