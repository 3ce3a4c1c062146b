//! Where things are in the workspace.

use std::path::PathBuf;

/// The workspace root (the parent of `xtask/`).
pub fn workspace_root() -> PathBuf {
    let manifest_dir = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    manifest_dir
        .parent()
        .map(PathBuf::from)
        .unwrap_or(manifest_dir)
}

/// The model directory, relative to the workspace root.
pub const MODEL_DIR: &str = "model";
/// The Smithy JSON AST of the service, relative to the workspace root.
pub const MODEL_FILE: &str = "model/ec2.json";
/// The boto3 resource model, relative to the workspace root.
pub const RESOURCES_FILE: &str = "model/resources.json";
/// The generator configuration, relative to the workspace root.
pub const CONFIG_FILE: &str = "model/config.json";
/// The generated crate, relative to the workspace root.
pub const GENERATED_DIR: &str = "generated";
