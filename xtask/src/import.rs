//! `cargo xtask import --crate NAME`: refresh `model/NAME/` from botocore's
//! model of the service and boto3's resource model.
//!
//! Keeps the closure of the operations that `model/NAME/config.json` lists
//! (their inputs, outputs, errors and every shape these reach, with their
//! paginators and waiters), and writes it as a Smithy JSON AST
//! (`model/NAME/service.json`), the resources that the configuration names
//! (`model/NAME/resources.json`) and the configuration itself. Output is
//! sorted and stable, so a model update gives a minimal diff. Nothing is
//! written unless every step succeeds: the model must pass the checks
//! `codegen` makes (it is generated in memory, with the same slicing,
//! validation, naming and plans) and the Smithy model written must load
//! back to the same IR. Errors name the botocore file and the shape or
//! member.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use codegen::{Config, SourceFile};
use serde_json::Value;

use crate::codegen::{read, read_config, write_atomic};
use crate::paths::{self, CratePaths};

const USAGE: &str = "\
usage: cargo xtask import --crate NAME [--botocore DIR] [--resources FILE]

  --crate NAME       the crate whose model to refresh: model/NAME/config.json
                     lists its operations and resources
  --botocore DIR     botocore's model directory for the service, holding
                     service-2.json, paginators-1.json and waiters-2.json
                     (default: ../shared/reference/botocore-1.44.5/SERVICE,
                     SERVICE being the config's `service`)
  --resources FILE   boto3's resources-1.json for the service (default:
                     ../shared/reference/boto3-1.44.5/SERVICE/resources-1.json)";

/// Runs the task with its arguments.
pub fn run(args: &[String]) -> Result<ExitCode, String> {
    let root = paths::workspace_root();
    let mut krate = None;
    let mut botocore = None;
    let mut resources = None;
    let mut rest = args.iter();
    while let Some(arg) = rest.next() {
        let mut value = || {
            rest.next()
                .cloned()
                .ok_or_else(|| format!("{arg} needs a value"))
        };
        let parsed = match arg.as_str() {
            "--crate" => value()
                .and_then(|v| CratePaths::new(&v))
                .map(|k| krate = Some(k)),
            "--botocore" => value().map(|v| botocore = Some(PathBuf::from(v))),
            "--resources" => value().map(|v| resources = Some(PathBuf::from(v))),
            "-h" | "--help" => {
                println!("{USAGE}");
                return Ok(ExitCode::SUCCESS);
            }
            other => Err(format!("unknown argument `{other}`")),
        };
        if let Err(message) = parsed {
            return Ok(paths::usage_error(&message, USAGE));
        }
    }
    let Some(krate) = krate else {
        return Ok(paths::usage_error("--crate NAME is required", USAGE));
    };
    if !root.join(krate.config()).is_file() {
        return Err(format!(
            "{}: not found; write it first (crate_name, crate_version, description, service, operations, resources), see model/README.md",
            krate.config()
        ));
    }
    let config = read_config(&root, &krate)?;
    let reference = root.join(paths::REFERENCE_DIR);
    let service = || {
        config.service.clone().ok_or_else(|| {
            format!(
                "{}: no `service` to find botocore's model by; give --botocore DIR",
                krate.config()
            )
        })
    };
    let botocore = match botocore {
        Some(dir) => dir,
        None => reference.join("botocore-1.44.5").join(service()?),
    };
    let resources = match resources {
        Some(file) => Some(file),
        None if config.resources.is_empty() => None,
        None => Some(
            reference
                .join("boto3-1.44.5")
                .join(service()?)
                .join("resources-1.json"),
        ),
    };
    import(&root, &krate, &config, &botocore, resources.as_deref())?;
    Ok(ExitCode::SUCCESS)
}

/// Imports the model of `krate` from `botocore` (and boto3's `resources`),
/// writing `model/NAME/` only once everything is read and checked.
pub fn import(
    root: &Path,
    krate: &CratePaths,
    config: &Config,
    botocore: &Path,
    resources: Option<&Path>,
) -> Result<(), String> {
    eprintln!("reading {}", botocore.display());
    let model = crate::models::load_botocore_dir(botocore)?;
    let sliced = codegen::passes::closure::slice(&model, &config.operations)
        .map_err(|e| blame(botocore, e))?;
    eprintln!(
        "kept {} of {} operations and {} of {} shapes",
        sliced.operations.len(),
        model.operations.len(),
        sliced.shapes.len(),
        model.shapes.len()
    );
    // What is written must load back as it is, and generate: `codegen`
    // would otherwise refuse the model only once it is in model/.
    let service_file = krate.service();
    let smithy = codegen::export::smithy_that_reloads(&sliced, &service_file)
        .map_err(|e| blame(botocore, e))?;
    let resources_text = match resources {
        Some(resources) => {
            eprintln!("reading {}", resources.display());
            Some(filter_resources(resources, config)?)
        }
        None => None,
    };
    let resource_model = match &resources_text {
        Some(text) => {
            let name = krate.resources();
            codegen::load_resources(SourceFile { name: &name, text }).map_err(|e| e.to_string())?
        }
        None => Default::default(),
    };
    codegen::generate(&sliced, &resource_model, config, "../runtime")
        .map_err(|e| blame(botocore, e))?;
    // What the refresh changes, in one paragraph: the re-exported model as
    // it will be read back, against the one in model/ now.
    if let Ok(old_text) = read(root, &service_file) {
        let load = |name: &str, text: &str| codegen::load_smithy(SourceFile { name, text });
        match (
            load(&service_file, &old_text),
            load("the new model", &smithy),
        ) {
            (Ok(old), Ok(new)) => {
                let report = codegen::diff::diff(&old, &new)
                    .with_labels(&service_file, botocore.display().to_string());
                eprintln!("{}", report.summary());
            }
            (Err(e), _) | (_, Err(e)) => eprintln!("no API change summary: {e}"),
        }
    }

    let mut outputs = vec![(service_file, smithy)];
    if let Some(text) = resources_text {
        outputs.push((krate.resources(), text));
    }
    outputs.push((krate.config(), config.to_json()));
    for (file, text) in outputs {
        write_atomic(&root.join(&file), text.as_bytes())?;
        eprintln!("wrote {file}");
    }
    Ok(())
}

/// An error of the model read from botocore's directory `dir`, naming the
/// file it came from: `waiters-2.json` or `paginators-1.json` for a waiter
/// or a paginator, `service-2.json` for anything else.
fn blame(dir: &Path, e: codegen::Error) -> String {
    let place = e.place.as_deref().unwrap_or("");
    let file = if place.starts_with("waiter") {
        "waiters-2.json"
    } else if place.starts_with("paginator") {
        "paginators-1.json"
    } else {
        "service-2.json"
    };
    let e = e.in_file(dir.join(file).display().to_string());
    format!("{e} (nothing written)")
}

/// boto3's resource model cut down to the configured resources, and the
/// service actions that create them through configured operations.
fn filter_resources(path: &Path, config: &Config) -> Result<String, String> {
    let name = path.display().to_string();
    let text = std::fs::read_to_string(path).map_err(|e| format!("{name}: {e}"))?;
    // Parse it once as the typed document, so a malformed file fails here.
    codegen::load_resources(SourceFile {
        name: &name,
        text: &text,
    })
    .map_err(|e| e.to_string())?;
    let doc: Value = serde_json::from_str(&text).map_err(|e| format!("{name}: {e}"))?;
    let keeps_op = |action: &Value| {
        action["request"]["operation"]
            .as_str()
            .is_some_and(|op| config.operations.iter().any(|o| o == op))
    };
    let mut out = serde_json::Map::new();
    let mut service_actions = serde_json::Map::new();
    if let Some(actions) = doc["service"]["actions"].as_object() {
        for (action_name, action) in actions {
            let makes_kept = action["resource"]["type"]
                .as_str()
                .is_some_and(|t| config.resources.iter().any(|r| r == t));
            if keeps_op(action) && makes_kept {
                service_actions.insert(action_name.clone(), action.clone());
            }
        }
    }
    out.insert(
        "service".into(),
        serde_json::json!({ "actions": service_actions }),
    );
    let mut kept = serde_json::Map::new();
    for resource in &config.resources {
        let mut definition = doc["resources"][resource].clone();
        let Some(fields) = definition.as_object_mut() else {
            return Err(format!("{name}: no resource named {resource}"));
        };
        if let Some(Value::Object(actions)) = fields.get_mut("actions") {
            actions.retain(|_, action| keeps_op(action));
        }
        // References to other resources are not generated.
        fields.retain(|key, _| !matches!(key.as_str(), "has" | "hasMany" | "batchActions"));
        kept.insert(resource.clone(), definition);
    }
    out.insert("resources".into(), Value::Object(kept));
    let mut text = serde_json::to_string_pretty(&Value::Object(out)).map_err(|e| e.to_string())?;
    text.push('\n');
    Ok(text)
}
