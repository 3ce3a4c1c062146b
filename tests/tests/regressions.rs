//! Replays every input of `tests/fixtures/regressions/TARGET/` through the
//! checks of the fuzz target `TARGET` (`fuzz/src/lib.rs`, compiled here on
//! the stable toolchain): each input once crashed, hung or exhausted memory,
//! or is a hostile input found by hand.

#[allow(dead_code)]
#[path = "../../fuzz/src/lib.rs"]
mod checks;

use std::path::PathBuf;

/// The files of one target's folder, sorted (none if it has no folder).
fn inputs(target: &str) -> Vec<PathBuf> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures/regressions")
        .join(target);
    let Ok(entries) = std::fs::read_dir(&dir) else {
        return Vec::new();
    };
    let mut files: Vec<PathBuf> = entries.map(|e| e.unwrap().path()).collect();
    files.sort();
    files
}

/// Runs `check` on each input in a thread of its own, naming the file of
/// any that fails.
fn replay(target: &str, check: fn(&[u8])) -> usize {
    let files = inputs(target);
    for path in &files {
        let bytes = std::fs::read(path).unwrap();
        let name = path.display().to_string();
        let outcome = std::thread::Builder::new()
            .name(name.clone())
            .spawn(move || check(&bytes))
            .unwrap()
            .join();
        assert!(outcome.is_ok(), "{name} fails its check again");
    }
    files.len()
}

#[test]
fn responses() {
    assert!(replay("responses", checks::responses) > 0);
}

#[test]
fn botocore_pipeline() {
    assert!(replay("botocore_pipeline", checks::botocore_pipeline) > 0);
}

#[test]
fn smithy_pipeline() {
    replay("smithy_pipeline", checks::smithy_pipeline);
}

#[test]
fn resources() {
    replay("resources", checks::resources);
}

#[test]
fn profile() {
    assert!(replay("profile", checks::profile) > 0);
}

#[test]
fn timestamp() {
    assert!(replay("timestamp", checks::timestamp) > 0);
}

#[test]
fn jmespath() {
    assert!(replay("jmespath", checks::jmespath) > 0);
}
