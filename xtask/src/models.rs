//! Loading a model named on the command line: a botocore model directory,
//! a JSON file (Smithy JSON AST or botocore service file), or a git
//! revision of a crate's `model/NAME/service.json`.

use std::path::Path;
use std::process::Command;

use codegen::ir::Model;
use codegen::{BotocoreFiles, SourceFile};

use crate::paths::workspace_root;

/// Loads the model `arg` names:
/// - a directory holding `service-2.json` (botocore), with
///   `paginators-1.json` and `waiters-2.json` beside it if present;
/// - a `.json` file: a Smithy JSON AST if it has a top-level `smithy` key,
///   a botocore service file (with its paginators and waiters beside it) if
///   it has `metadata`;
/// - otherwise a git revision: `REV` reads `rev_file` (a crate's
///   `model/NAME/service.json`) at `REV`, `REV:path` another file, with
///   `git show` in the workspace.
///
/// Errors name the path or revision.
pub fn load_model(arg: &str, rev_file: Result<&str, &str>) -> Result<Model, String> {
    let path = Path::new(arg);
    if path.is_dir() {
        return load_botocore_dir(path);
    }
    if path.is_file() {
        let text = read(path)?;
        return load_json(arg, &text, path.parent());
    }
    let spec = if arg.contains(':') {
        arg.to_string()
    } else {
        let file = rev_file.map_err(|why| format!("{arg}: {why}"))?;
        format!("{arg}:{file}")
    };
    let text = git_show(&spec).map_err(|git| {
        format!("{arg}: no such file or directory, nor a git revision of the model ({git})")
    })?;
    load_json(&spec, &text, None)
}

fn read(path: &Path) -> Result<String, String> {
    std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))
}

/// Reads `name` in `dir` if it exists.
fn read_optional(dir: &Path, name: &str) -> Result<Option<(String, String)>, String> {
    let path = dir.join(name);
    if !path.is_file() {
        return Ok(None);
    }
    Ok(Some((path.display().to_string(), read(&path)?)))
}

/// Loads a botocore model directory: `service-2.json`, with
/// `paginators-1.json` and `waiters-2.json` if present.
pub fn load_botocore_dir(dir: &Path) -> Result<Model, String> {
    let path = dir.join("service-2.json");
    if !path.is_file() {
        return Err(format!(
            "{}: not a botocore model directory (no service-2.json)",
            dir.display()
        ));
    }
    let text = read(&path)?;
    load_botocore(&path.display().to_string(), &text, Some(dir))
}

/// Loads `text` (named `name`) by its top-level keys; `dir` is where a
/// botocore service file's paginators and waiters would be.
fn load_json(name: &str, text: &str, dir: Option<&Path>) -> Result<Model, String> {
    let value: serde_json::Value =
        serde_json::from_str(text).map_err(|e| format!("{name}: not JSON: {e}"))?;
    let top = value.as_object();
    let has = |key: &str| top.is_some_and(|o| o.contains_key(key));
    if has("smithy") {
        let file = SourceFile { name, text };
        codegen::load_smithy(file).map_err(|e| e.to_string())
    } else if has("metadata") {
        load_botocore(name, text, dir)
    } else {
        Err(format!(
            "{name}: neither a Smithy JSON AST (no \"smithy\" key) nor a botocore service model (no \"metadata\" key)"
        ))
    }
}

fn load_botocore(name: &str, text: &str, dir: Option<&Path>) -> Result<Model, String> {
    let (paginators, waiters) = match dir {
        Some(dir) => (
            read_optional(dir, "paginators-1.json")?,
            read_optional(dir, "waiters-2.json")?,
        ),
        None => (None, None),
    };
    let files = BotocoreFiles {
        service: SourceFile { name, text },
        paginators: source(&paginators),
        waiters: source(&waiters),
    };
    codegen::load_botocore(files).map_err(|e| e.to_string())
}

fn source(file: &Option<(String, String)>) -> Option<SourceFile<'_>> {
    file.as_ref().map(|(name, text)| SourceFile { name, text })
}

/// `git show SPEC` in the workspace, e.g. `HEAD~1:model/ec2-images/service.json`.
fn git_show(spec: &str) -> Result<String, String> {
    let output = Command::new("git")
        .arg("-C")
        .arg(workspace_root())
        .args(["show", spec])
        .output()
        .map_err(|e| format!("cannot run git: {e}"))?;
    if !output.status.success() {
        let stderr = String::from_utf8_lossy(&output.stderr);
        return Err(format!("git show {spec}: {}", stderr.trim()));
    }
    String::from_utf8(output.stdout).map_err(|_| format!("{spec}: not UTF-8"))
}
