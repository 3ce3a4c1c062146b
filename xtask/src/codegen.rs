//! `cargo xtask codegen [--check] [--crate NAME]`: regenerate each crate
//! `generated/NAME/` from `model/NAME/`.
//!
//! Every crate is generated in memory first, so a model error leaves
//! `generated/` untouched. Then each changed file is written atomically
//! (a temporary file renamed over the old one) and files the generator no
//! longer produces are removed. `--check` writes nothing and fails naming
//! every stale, missing or extra file.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use codegen::{Config, Files, SourceFile};

use crate::paths::{self, CratePaths};

const USAGE: &str = "\
usage: cargo xtask codegen [--check] [--crate NAME]

  --check        write nothing; fail, naming each stale, missing or extra
                 file, if generated/ is not what the models give
  --crate NAME   only the crate NAME (model/NAME/ -> generated/NAME/);
                 default: every crate with a model/*/config.json";

/// Runs the task with its arguments.
pub fn run(args: &[String]) -> Result<ExitCode, String> {
    let mut check = false;
    let mut only = None;
    let mut rest = args.iter();
    while let Some(arg) = rest.next() {
        match arg.as_str() {
            "--check" => check = true,
            "--crate" => match rest.next() {
                Some(name) => match CratePaths::new(name) {
                    Ok(krate) => only = Some(krate),
                    Err(e) => return Ok(paths::usage_error(&e, USAGE)),
                },
                None => return Ok(paths::usage_error("--crate needs a value", USAGE)),
            },
            "-h" | "--help" => {
                println!("{USAGE}");
                return Ok(ExitCode::SUCCESS);
            }
            other => {
                return Ok(paths::usage_error(
                    &format!("unknown argument `{other}`"),
                    USAGE,
                ))
            }
        }
    }
    run_at(&paths::workspace_root(), check, only)
}

/// Regenerates (or, with `check`, checks) the crates under `root`: just
/// `only`, or every crate of `root/model/`.
pub fn run_at(root: &Path, check: bool, only: Option<CratePaths>) -> Result<ExitCode, String> {
    let started = Instant::now();
    let all = only.is_none();
    let crates = match only {
        Some(one) => {
            if !root.join(one.config()).is_file() {
                return Err(format!(
                    "{}: not found; a crate's model is a folder with a config.json (see model/README.md)",
                    one.config()
                ));
            }
            vec![one]
        }
        None => paths::crates(root)?,
    };
    let mut generated = Vec::new();
    for krate in crates {
        let files = generate(root, &krate)?;
        generated.push((krate, files));
    }
    // Crates in generated/ that no model produces any more.
    let orphans = if all {
        orphan_crates(root, &generated)?
    } else {
        Vec::new()
    };
    if check {
        let mut stale = Vec::new();
        for (krate, files) in &generated {
            let dir = krate.generated_dir();
            stale.extend(
                stale_files(files, &root.join(&dir))?
                    .into_iter()
                    .map(|file| format!("{dir}/{file}")),
            );
        }
        stale.extend(
            orphans
                .iter()
                .map(|dir| format!("{dir}/ (no model/ folder generates it)")),
        );
        if stale.is_empty() {
            for (krate, files) in &generated {
                eprintln!(
                    "{}/ is up to date ({} files)",
                    krate.generated_dir(),
                    files.len()
                );
            }
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
    for (krate, files) in &generated {
        let summary = write(files, &root.join(krate.generated_dir()))?;
        eprintln!(
            "{}/: {} files, {} written, {} removed",
            krate.generated_dir(),
            files.len(),
            summary.written,
            summary.removed,
        );
    }
    for dir in orphans {
        let empty = Files::new();
        let summary = write(&empty, &root.join(&dir))?;
        let _ = fs::remove_dir(root.join(&dir));
        eprintln!(
            "{dir}/: removed ({} files): no model/ folder generates it",
            summary.removed
        );
    }
    eprintln!("done in {} ms", started.elapsed().as_millis());
    Ok(ExitCode::SUCCESS)
}

/// The folders of `generated/` that were generated (their `Cargo.toml` says
/// so) by a crate no longer in `model/`.
fn orphan_crates(root: &Path, generated: &[(CratePaths, Files)]) -> Result<Vec<String>, String> {
    let dir = root.join(paths::GENERATED_DIR);
    let entries = match fs::read_dir(&dir) {
        Ok(entries) => entries,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(format!("{}/: {e}", paths::GENERATED_DIR)),
    };
    let mut out = Vec::new();
    for entry in entries {
        let entry = entry.map_err(|e| format!("{}/: {e}", paths::GENERATED_DIR))?;
        let name = entry.file_name().to_string_lossy().into_owned();
        let ours = fs::read_to_string(entry.path().join("Cargo.toml"))
            .is_ok_and(|text| text.starts_with(codegen::emit::CARGO_PREAMBLE));
        if ours && !generated.iter().any(|(k, _)| k.name() == name) {
            out.push(format!("{}/{name}", paths::GENERATED_DIR));
        }
    }
    out.sort();
    Ok(out)
}

/// Reads a file of the workspace, with an error naming it.
pub fn read(root: &Path, relative: &str) -> Result<String, String> {
    fs::read_to_string(root.join(relative)).map_err(|e| format!("{relative}: {e}"))
}

/// Reads and checks a crate's `model/NAME/config.json`.
pub fn read_config(root: &Path, krate: &CratePaths) -> Result<Config, String> {
    let name = krate.config();
    let text = read(root, &name)?;
    let config = Config::parse(SourceFile {
        name: &name,
        text: &text,
    })
    .map_err(|e| e.to_string())?;
    if config.crate_name != krate.name() {
        return Err(format!(
            "{name}: `crate_name` is {:?}, but the folder is {:?}: they must be the same",
            config.crate_name,
            krate.name()
        ));
    }
    Ok(config)
}

/// Generates the crate `krate` from its model in `root/model/NAME/`.
pub fn generate(root: &Path, krate: &CratePaths) -> Result<Files, String> {
    let config = read_config(root, krate)?;
    let service_file = krate.service();
    let model_text = read(root, &service_file).map_err(|e| {
        format!(
            "{e}\n  (import the model first: cargo xtask import --crate {})",
            krate.name()
        )
    })?;
    let model = codegen::load_smithy(SourceFile {
        name: &service_file,
        text: &model_text,
    })
    .map_err(|e| e.to_string())?;
    // An operation of the config that the imported model lacks is the
    // config's doing (a misspelling, or a new operation not imported yet).
    for name in &config.operations {
        if model.operation_by_name(name).is_none() {
            return Err(format!(
                "{}: the operation `{name}` is not in {service_file}: check its spelling, \
                 or, if it is new, run `cargo xtask import --crate {}` to import it",
                krate.config(),
                krate.name()
            ));
        }
    }
    // The resource model is needed only when the config names resources.
    let resources = if config.resources.is_empty() {
        codegen::ir::ResourceModel::default()
    } else {
        let name = krate.resources();
        let text = read(root, &name)?;
        codegen::load_resources(SourceFile {
            name: &name,
            text: &text,
        })
        .map_err(|e| e.to_string())?
    };
    let mut files = codegen::generate(&model, &resources, &config, &krate.runtime_from_generated())
        .map_err(|e| format!("{service_file}: {e}"))?;
    for name in &config.examples {
        let source = CratePaths::new(name)
            .map(|_| krate.example(name))
            .map_err(|_| {
                format!(
                    "{}: the example name {name:?} is not a file name",
                    krate.config()
                )
            })?;
        let text = read(root, &source)?;
        files.insert(
            format!("examples/{name}.rs"),
            format!("// Copied by `cargo xtask codegen` from {source}. DO NOT EDIT here: edit the original.\n\n{text}"),
        );
    }
    // The examples' rustfmt settings go with them, so that `cargo fmt`
    // formats the copies as the originals.
    let fmt = format!("{}/examples/rustfmt.toml", krate.model_dir());
    if !config.examples.is_empty() && root.join(&fmt).is_file() {
        let text = read(root, &fmt)?;
        files.insert(
            "examples/rustfmt.toml".to_string(),
            format!("# Copied by `cargo xtask codegen` from {fmt}. DO NOT EDIT here: edit the original.\n\n{text}"),
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

/// Writes `bytes` to `target` atomically: a temporary file beside it,
/// renamed over it.
pub fn write_atomic(target: &Path, bytes: &[u8]) -> Result<(), String> {
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
