//! Where things are in the workspace: one folder per generated crate,
//! `model/NAME/` (its configuration and imported model) and
//! `generated/NAME/` (the crate).

use std::path::{Path, PathBuf};

/// The workspace root (the parent of `xtask/`).
pub fn workspace_root() -> PathBuf {
    let manifest_dir = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    manifest_dir
        .parent()
        .map(PathBuf::from)
        .unwrap_or(manifest_dir)
}

/// The models, one folder per crate, relative to the workspace root.
pub const MODEL_DIR: &str = "model";
/// The generated crates, one folder per crate, relative to the workspace root.
pub const GENERATED_DIR: &str = "generated";
/// The runtime crate the generated crates depend on, relative to the
/// workspace root.
pub const RUNTIME_DIR: &str = "codegen/runtime";
/// Where `import` reads models by default, relative to the workspace root.
pub const REFERENCE_DIR: &str = "../shared/reference";

/// The paths of one generated crate, relative to the workspace root.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CratePaths {
    name: String,
}

impl CratePaths {
    /// The paths of the crate `name`, which must be a plain folder name.
    pub fn new(name: &str) -> Result<CratePaths, String> {
        let plain = !name.is_empty()
            && name
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
        if !plain {
            return Err(format!(
                "{name:?} is not a crate name (letters, digits, `-` and `_` only)"
            ));
        }
        Ok(CratePaths {
            name: name.to_string(),
        })
    }

    /// The crate's name, which is also its folder name.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// `model/NAME`.
    pub fn model_dir(&self) -> String {
        format!("{MODEL_DIR}/{}", self.name)
    }

    /// `model/NAME/config.json`: the crate name, operations, resources and
    /// examples.
    pub fn config(&self) -> String {
        format!("{}/config.json", self.model_dir())
    }

    /// `model/NAME/service.json`: the imported model, a Smithy JSON AST.
    pub fn service(&self) -> String {
        format!("{}/service.json", self.model_dir())
    }

    /// `model/NAME/resources.json`: boto3's resources the crate generates.
    pub fn resources(&self) -> String {
        format!("{}/resources.json", self.model_dir())
    }

    /// `model/NAME/examples/EXAMPLE.rs`: an example program's source.
    pub fn example(&self, example: &str) -> String {
        format!("{}/examples/{example}.rs", self.model_dir())
    }

    /// `generated/NAME`.
    pub fn generated_dir(&self) -> String {
        format!("{GENERATED_DIR}/{}", self.name)
    }

    /// The runtime crate's path as seen from the generated crate's folder
    /// (`../../codegen/runtime`), for its `Cargo.toml`.
    pub fn runtime_from_generated(&self) -> String {
        let depth = self.generated_dir().split('/').count();
        format!("{}{RUNTIME_DIR}", "../".repeat(depth))
    }
}

/// Every crate of the workspace: the folders of `root/model/` that hold a
/// `config.json`, sorted by name.
pub fn crates(root: &Path) -> Result<Vec<CratePaths>, String> {
    let dir = root.join(MODEL_DIR);
    let entries = std::fs::read_dir(&dir).map_err(|e| format!("{MODEL_DIR}/: {e}"))?;
    let mut out = Vec::new();
    for entry in entries {
        let entry = entry.map_err(|e| format!("{MODEL_DIR}/: {e}"))?;
        if !entry.path().join("config.json").is_file() {
            continue;
        }
        let name = entry.file_name().to_string_lossy().into_owned();
        out.push(CratePaths::new(&name).map_err(|e| format!("{MODEL_DIR}/{name}: {e}"))?);
    }
    out.sort_by(|a, b| a.name.cmp(&b.name));
    if out.is_empty() {
        return Err(format!(
            "{MODEL_DIR}/ has no crate: each crate is a folder holding a config.json"
        ));
    }
    Ok(out)
}

/// Reports a usage error (a bad or missing argument) with the task's usage,
/// and gives its exit status: 2, as for every task.
pub fn usage_error(message: &str, usage: &str) -> std::process::ExitCode {
    eprintln!("error: {message}\n\n{usage}");
    std::process::ExitCode::from(2)
}
