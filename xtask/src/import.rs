//! `cargo xtask import`: refresh `model/` from botocore's EC2 model and
//! boto3's resource model.
//!
//! Keeps the closure of the configured operations (their inputs, outputs,
//! errors and every shape these reach, with their paginators and waiters),
//! and writes it as a Smithy JSON AST (`model/ec2.json`), the resources that
//! the configuration names (`model/resources.json`) and the configuration
//! itself (`model/config.json`). Output is sorted and stable, so a model
//! update gives a minimal diff.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use codegen::{Config, SourceFile};
use serde_json::Value;

use crate::codegen::read;
use crate::paths;

const USAGE: &str = "\
usage: cargo xtask import [--botocore DIR] [--resources FILE]

  --botocore DIR     botocore's model directory for the service, holding
                     service-2.json, paginators-1.json and waiters-2.json
                     (default: ../shared/reference/botocore-1.44.5/ec2)
  --resources FILE   boto3's resources-1.json for the service
                     (default: ../shared/reference/boto3-1.44.5/ec2/resources-1.json)

The operations and resources to keep are read from model/config.json.";

/// The configuration written when `model/config.json` does not exist yet.
fn default_config() -> Config {
    Config {
        crate_name: "ec2-images".into(),
        crate_version: "0.1.0".into(),
        description: "Rust bindings for the Amazon EC2 image operations, generated from the AWS service model.".into(),
        operations: [
            "DescribeImages",
            "DescribeImageAttribute",
            "ModifyImageAttribute",
            "ResetImageAttribute",
            "DeregisterImage",
            "CreateTags",
            "RegisterImage",
            "CopyImage",
        ]
        .map(String::from)
        .to_vec(),
        resources: vec!["Image".into()],
        examples: vec!["describe-images".into()],
    }
}

/// Runs the task with its arguments.
pub fn run(args: &[String]) -> Result<ExitCode, String> {
    let root = paths::workspace_root();
    let reference = root.parent().unwrap_or(&root).join("shared/reference");
    let mut botocore = reference.join("botocore-1.44.5/ec2");
    let mut resources = reference.join("boto3-1.44.5/ec2/resources-1.json");
    let mut rest = args.iter();
    while let Some(arg) = rest.next() {
        let value =
            || -> Result<PathBuf, String> { Err(format!("{arg} needs a value\n\n{USAGE}")) };
        match arg.as_str() {
            "--botocore" => botocore = rest.next().map(PathBuf::from).map_or_else(value, Ok)?,
            "--resources" => resources = rest.next().map(PathBuf::from).map_or_else(value, Ok)?,
            "-h" | "--help" => {
                println!("{USAGE}");
                return Ok(ExitCode::SUCCESS);
            }
            other => return Err(format!("unknown argument `{other}`\n\n{USAGE}")),
        }
    }

    let config = match read(&root, paths::CONFIG_FILE) {
        Ok(text) => Config::parse(SourceFile {
            name: paths::CONFIG_FILE,
            text: &text,
        })
        .map_err(|e| e.to_string())?,
        Err(_) => default_config(),
    };
    eprintln!("reading {}", botocore.display());
    let model = crate::models::load_botocore_dir(&botocore)?;
    let sliced = codegen::passes::closure::slice(&model, &config.operations)
        .map_err(|e| format!("{}: {e}", botocore.display()))?;
    eprintln!(
        "kept {} of {} operations and {} of {} shapes",
        sliced.operations.len(),
        model.operations.len(),
        sliced.shapes.len(),
        model.shapes.len()
    );
    let smithy = codegen::export::smithy::to_json(&sliced);
    // What the refresh changes, in one paragraph: the re-exported model as
    // it will be read back, against the one in model/ now.
    if let Ok(old_text) = read(&root, paths::MODEL_FILE) {
        let load = |name: &str, text: &str| codegen::load_smithy(SourceFile { name, text });
        match (
            load(paths::MODEL_FILE, &old_text),
            load("the new model", &smithy),
        ) {
            (Ok(old), Ok(new)) => {
                let report = codegen::diff::diff(&old, &new)
                    .with_labels(paths::MODEL_FILE, botocore.display().to_string());
                eprintln!("{}", report.summary());
            }
            (Err(e), _) | (_, Err(e)) => eprintln!("no API change summary: {e}"),
        }
    }

    eprintln!("reading {}", resources.display());
    let resources_json = filter_resources(&resources, &config)?;

    let model_dir = root.join(paths::MODEL_DIR);
    std::fs::create_dir_all(&model_dir).map_err(|e| format!("{}: {e}", model_dir.display()))?;
    for (file, text) in [
        (paths::MODEL_FILE, smithy),
        (paths::RESOURCES_FILE, resources_json),
        (paths::CONFIG_FILE, config.to_json()),
    ] {
        std::fs::write(root.join(file), text).map_err(|e| format!("{file}: {e}"))?;
        eprintln!("wrote {file}");
    }
    Ok(ExitCode::SUCCESS)
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
