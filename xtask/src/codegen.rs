//! `cargo xtask codegen [--check]`: regenerate `generated/` from `model/`.
//!
//! Everything is generated in memory first, so a model error leaves
//! `generated/` untouched. Then each changed file is written atomically
//! (a temporary file renamed over the old one) and files the generator no
//! longer produces are removed. `--check` writes nothing and fails naming
//! every stale, missing or extra file.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use codegen::{Config, Files, SourceFile};

use crate::paths;

/// Runs the task with its arguments.
pub fn run(args: &[String]) -> Result<ExitCode, String> {
    let check = match args {
        [] => false,
        [flag] if flag == "--check" => true,
        _ => return Err("usage: cargo xtask codegen [--check]".to_string()),
    };
    run_at(&paths::workspace_root(), check)
}

/// Regenerates (or, with `check`, checks) `generated/` under `root` from
/// `root/model/`.
pub fn run_at(root: &Path, check: bool) -> Result<ExitCode, String> {
    let started = Instant::now();
    let files = generate(root)?;
    let out = root.join(paths::GENERATED_DIR);
    if check {
        let stale = stale_files(&files, &out)?;
        if stale.is_empty() {
            eprintln!(
                "{}/ is up to date ({} files)",
                paths::GENERATED_DIR,
                files.len()
            );
            return Ok(ExitCode::SUCCESS);
        }
        eprintln!(
            "{}/ is stale; run `cargo xtask codegen`:",
            paths::GENERATED_DIR
        );
        for file in stale {
            eprintln!("  {file}");
        }
        return Ok(ExitCode::FAILURE);
    }
    let summary = write(&files, &out)?;
    eprintln!(
        "{}/: {} files, {} written, {} removed, in {} ms",
        paths::GENERATED_DIR,
        files.len(),
        summary.written,
        summary.removed,
        started.elapsed().as_millis()
    );
    Ok(ExitCode::SUCCESS)
}

/// Reads a file of the workspace, with an error naming it.
pub fn read(root: &Path, relative: &str) -> Result<String, String> {
    fs::read_to_string(root.join(relative)).map_err(|e| format!("{relative}: {e}"))
}

/// Generates the crate from the model in `root/model/`.
pub fn generate(root: &Path) -> Result<Files, String> {
    let config_text = read(root, paths::CONFIG_FILE)?;
    let config = Config::parse(SourceFile {
        name: paths::CONFIG_FILE,
        text: &config_text,
    })
    .map_err(|e| e.to_string())?;
    let model_text = read(root, paths::MODEL_FILE)?;
    let model = codegen::load_smithy(SourceFile {
        name: paths::MODEL_FILE,
        text: &model_text,
    })
    .map_err(|e| e.to_string())?;
    // The resource model is needed only when the config names resources.
    let resources = if config.resources.is_empty() {
        codegen::ir::ResourceModel::default()
    } else {
        let text = read(root, paths::RESOURCES_FILE)?;
        codegen::load_resources(SourceFile {
            name: paths::RESOURCES_FILE,
            text: &text,
        })
        .map_err(|e| e.to_string())?
    };
    let mut files = codegen::generate(&model, &resources, &config)
        .map_err(|e| format!("{}: {e}", paths::MODEL_FILE))?;
    for name in &config.examples {
        if name.is_empty()
            || !name
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
        {
            return Err(format!(
                "{}: the example name {name:?} is not a file name",
                paths::CONFIG_FILE
            ));
        }
        let source = format!("{}/examples/{name}.rs", paths::MODEL_DIR);
        let text = read(root, &source)?;
        files.insert(
            format!("examples/{name}.rs"),
            format!("// Copied by `cargo xtask codegen` from {source}. DO NOT EDIT here: edit the original.\n\n{text}"),
        );
    }
    Ok(files)
}

/// The files under `dir` that differ from `files`: changed, missing, or
/// present but no longer generated. Paths are relative to `dir`, sorted.
pub fn stale_files(files: &Files, dir: &Path) -> Result<Vec<String>, String> {
    let mut stale = Vec::new();
    for (path, text) in files {
        match fs::read(dir.join(path)) {
            Ok(bytes) if bytes == text.as_bytes() => {}
            Ok(_) => stale.push(format!("{path} (changed)")),
            Err(_) => stale.push(format!("{path} (missing)")),
        }
    }
    for path in existing_files(dir)? {
        if !files.contains_key(&path) {
            stale.push(format!("{path} (no longer generated)"));
        }
    }
    stale.sort();
    Ok(stale)
}

/// What [`write`] did.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct WriteSummary {
    /// Files written because they were new or changed.
    pub written: usize,
    /// Files removed because they are no longer generated.
    pub removed: usize,
}

/// Writes `files` under `dir`: each changed file atomically, then removes
/// files that are no longer generated and directories left empty.
pub fn write(files: &Files, dir: &Path) -> Result<WriteSummary, String> {
    let mut summary = WriteSummary::default();
    for (path, text) in files {
        let target = dir.join(path);
        if fs::read(&target).is_ok_and(|old| old == text.as_bytes()) {
            continue;
        }
        write_atomic(&target, text.as_bytes())?;
        summary.written += 1;
    }
    for path in existing_files(dir)? {
        if !files.contains_key(&path) {
            let target = dir.join(&path);
            fs::remove_file(&target).map_err(|e| format!("{}: {e}", target.display()))?;
            summary.removed += 1;
            remove_empty_parents(&target, dir);
        }
    }
    Ok(summary)
}

fn write_atomic(target: &Path, bytes: &[u8]) -> Result<(), String> {
    let parent = target.parent().unwrap_or(Path::new("."));
    fs::create_dir_all(parent).map_err(|e| format!("{}: {e}", parent.display()))?;
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let tmp = parent.join(format!(".{name}.tmp{}", std::process::id()));
    fs::write(&tmp, bytes).map_err(|e| format!("{}: {e}", tmp.display()))?;
    fs::rename(&tmp, target).map_err(|e| {
        let _ = fs::remove_file(&tmp);
        format!("{}: {e}", target.display())
    })
}

fn remove_empty_parents(file: &Path, stop: &Path) {
    let mut dir = file.parent();
    while let Some(d) = dir {
        if d == stop || fs::remove_dir(d).is_err() {
            break;
        }
        dir = d.parent();
    }
}

/// Every file under `dir`, as sorted `/`-separated relative paths. A missing
/// directory has no files.
fn existing_files(dir: &Path) -> Result<Vec<String>, String> {
    let mut out = Vec::new();
    let mut stack: Vec<PathBuf> = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let entries = match fs::read_dir(&d) {
            Ok(entries) => entries,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => continue,
            Err(e) => return Err(format!("{}: {e}", d.display())),
        };
        for entry in entries {
            let entry = entry.map_err(|e| format!("{}: {e}", d.display()))?;
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else if let Ok(rel) = path.strip_prefix(dir) {
                let parts: Vec<_> = rel.iter().map(|p| p.to_string_lossy()).collect();
                out.push(parts.join("/"));
            }
        }
    }
    out.sort();
    Ok(out)
}
