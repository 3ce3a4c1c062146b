//! The reference data in `../shared/reference` (real models and suites).

use std::path::PathBuf;

/// The reference directory, or `None` when it is absent outside CI.
///
/// A test that needs it calls this first and returns on `None`: it says so
/// loudly on stderr. Under CI (the `CI` environment variable is set) an
/// absent directory is a failure, never a skip.
pub fn dir(test: &str) -> Option<PathBuf> {
    let dir = PathBuf::from(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../shared/reference"
    ));
    if dir.is_dir() {
        return Some(dir);
    }
    if std::env::var_os("CI").is_some() {
        panic!(
            "{test}: {} is missing; CI must run this test",
            dir.display()
        );
    }
    eprintln!(
        "\n*** SKIPPED {test}: {} is missing (put the shared reference data beside the checkout) ***\n",
        dir.display()
    );
    None
}

/// The workspace root.
pub fn workspace_root() -> PathBuf {
    PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/.."))
}
