//! `cargo xtask diff OLD NEW`: the API change report between two models.

use std::process::ExitCode;
use std::time::Instant;

use codegen::diff::{Class, Report};
use codegen::ir::Model;

use crate::models::load_model;
use crate::paths::{self, CratePaths};

const USAGE: &str = "\
usage: cargo xtask diff OLD NEW [options]

Reports the API changes from model OLD to model NEW, each classified as
breaking, compatible or docs only for the generated crate and the wire.

OLD and NEW are each:
  a botocore model directory (service-2.json, paginators-1.json, waiters-2.json)
  a .json file: a Smithy JSON AST, or a botocore service-2.json
  a git revision: REV reads model/NAME/service.json at REV (NAME: --crate,
  or the only crate of model/); REV:path another file

options:
  --format markdown|json     output format (default: markdown)
  --fail-on breaking|compatible|none
                             exit 1 when a change of that class or worse is
                             found (default: none)
  --operations A,B,...       compare only the closure of these operations
  --config FILE              compare only the closure of the operations
                             listed in FILE (model/NAME/config.json)
  --crate NAME               the crate whose model a bare REV names
  -h, --help                 this help

The report goes to stdout, progress to stderr; usage errors exit 2.
";

/// Output format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Format {
    Markdown,
    Json,
}

/// Parsed command line.
#[derive(Debug)]
struct Options {
    old: String,
    new: String,
    format: Format,
    /// Fail when a change of this class or a worse one is found.
    fail_on: Option<Class>,
    operations: Option<Vec<String>>,
    /// The crate whose model a bare git revision names.
    krate: Option<String>,
}

/// Runs `cargo xtask diff` with the arguments after `diff`.
pub fn run(args: &[String]) -> Result<ExitCode, String> {
    let options = match parse(args) {
        Ok(Some(options)) => options,
        Ok(None) => {
            print!("{USAGE}");
            return Ok(ExitCode::SUCCESS);
        }
        Err(message) => {
            eprintln!("error: {message}\n\n{USAGE}");
            return Ok(ExitCode::from(2));
        }
    };
    let rev_file = rev_file(options.krate.as_deref());
    let rev_file = rev_file
        .as_ref()
        .map(String::as_str)
        .map_err(String::as_str);
    let old = load(&options.old, rev_file, &options.operations)?;
    let new = load(&options.new, rev_file, &options.operations)?;
    let start = Instant::now();
    let report = codegen::diff::diff(&old, &new).with_labels(&options.old, &options.new);
    eprintln!(
        "diffed in {:.1} ms: {} breaking, {} compatible, {} docs only",
        start.elapsed().as_secs_f64() * 1e3,
        report.count(Class::Breaking),
        report.count(Class::Compatible),
        report.count(Class::Docs)
    );
    print!(
        "{}",
        match options.format {
            Format::Markdown => report.to_markdown(),
            Format::Json => report.to_json(),
        }
    );
    Ok(if fails(&report, options.fail_on) {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}

/// True when the report has a change at least as severe as `fail_on`.
fn fails(report: &Report, fail_on: Option<Class>) -> bool {
    fail_on.is_some_and(|limit| report.changes.iter().any(|c| c.class <= limit))
}

/// The model file a bare git revision reads: that of `--crate NAME`, else
/// that of the only crate; `Err` says why there is none.
fn rev_file(krate: Option<&str>) -> Result<String, String> {
    if let Some(name) = krate {
        return CratePaths::new(name).map(|k| k.service());
    }
    match paths::crates(&paths::workspace_root())?.as_slice() {
        [only] => Ok(only.service()),
        _ => Err("model/ has several crates: name one with --crate NAME, or give REV:path".into()),
    }
}

/// Loads a model and, if asked, slices it to the operations it has.
fn load(
    arg: &str,
    rev_file: Result<&str, &str>,
    operations: &Option<Vec<String>>,
) -> Result<Model, String> {
    eprintln!("loading {arg}");
    let start = Instant::now();
    let model = load_model(arg, rev_file)?;
    eprintln!(
        "  {} operations, {} shapes in {:.0} ms",
        model.operations.len(),
        model.shapes.len(),
        start.elapsed().as_secs_f64() * 1e3
    );
    let Some(operations) = operations else {
        return Ok(model);
    };
    // An operation added or removed between the models is in one of them
    // only: slice each model to the operations it has.
    let present: Vec<String> = operations
        .iter()
        .filter(|name| model.operation_by_name(name).is_some())
        .cloned()
        .collect();
    let sliced =
        codegen::passes::closure::slice(&model, &present).map_err(|e| format!("{arg}: {e}"))?;
    eprintln!(
        "  sliced to {} operations, {} shapes",
        sliced.operations.len(),
        sliced.shapes.len()
    );
    Ok(sliced)
}

/// Parses the arguments; `Ok(None)` asks for help.
fn parse(args: &[String]) -> Result<Option<Options>, String> {
    let mut positional = Vec::new();
    let mut format = Format::Markdown;
    let mut fail_on = None;
    let mut operations = None;
    let mut krate = None;
    let mut args = args.iter();
    while let Some(arg) = args.next() {
        let (flag, inline) = match arg.split_once('=') {
            Some((flag, value)) if flag.starts_with("--") => (flag, Some(value.to_string())),
            _ => (arg.as_str(), None),
        };
        let mut value = || {
            inline
                .clone()
                .or_else(|| args.next().cloned())
                .ok_or_else(|| format!("{flag} needs a value"))
        };
        match flag {
            "-h" | "--help" => return Ok(None),
            "--format" => {
                format = match value()?.as_str() {
                    "markdown" | "md" => Format::Markdown,
                    "json" => Format::Json,
                    other => return Err(format!("unknown format `{other}`")),
                }
            }
            "--fail-on" => {
                fail_on = match value()?.as_str() {
                    "breaking" => Some(Class::Breaking),
                    "compatible" => Some(Class::Compatible),
                    "none" => None,
                    other => return Err(format!("unknown --fail-on class `{other}`")),
                }
            }
            "--operations" => {
                let list = value()?;
                let names: Vec<String> = list
                    .split(',')
                    .map(str::trim)
                    .filter(|s| !s.is_empty())
                    .map(String::from)
                    .collect();
                if names.is_empty() {
                    return Err("--operations needs at least one operation name".into());
                }
                operations = Some(names);
            }
            "--config" => operations = Some(config_operations(&value()?)?),
            "--crate" => krate = Some(value()?),
            _ if flag.starts_with('-') && flag.len() > 1 => {
                return Err(format!("unknown option `{flag}`"))
            }
            _ => positional.push(arg.clone()),
        }
    }
    let [old, new]: [String; 2] = positional
        .try_into()
        .map_err(|p: Vec<String>| format!("expected OLD and NEW, got {} argument(s)", p.len()))?;
    Ok(Some(Options {
        old,
        new,
        format,
        fail_on,
        operations,
        krate,
    }))
}

/// The `operations` list of a `model/NAME/config.json`.
fn config_operations(path: &str) -> Result<Vec<String>, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{path}: {e}"))?;
    let value: serde_json::Value =
        serde_json::from_str(&text).map_err(|e| format!("{path}: not JSON: {e}"))?;
    let list = value
        .get("operations")
        .and_then(|v| v.as_array())
        .ok_or_else(|| format!("{path}: no \"operations\" array"))?;
    list.iter()
        .map(|v| {
            v.as_str()
                .map(String::from)
                .ok_or_else(|| format!("{path}: \"operations\" holds a non-string: {v}"))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn parses_options() {
        let o = parse(&args(&[
            "a",
            "--format=json",
            "b",
            "--fail-on",
            "breaking",
            "--operations",
            "DescribeImages, CopyImage",
        ]))
        .unwrap()
        .unwrap();
        assert_eq!((o.old.as_str(), o.new.as_str()), ("a", "b"));
        assert_eq!(o.format, Format::Json);
        assert_eq!(o.fail_on, Some(Class::Breaking));
        assert_eq!(
            o.operations.unwrap(),
            ["DescribeImages".to_string(), "CopyImage".to_string()]
        );
    }

    #[test]
    fn rejects_bad_usage() {
        assert!(parse(&args(&["a"])).is_err());
        assert!(parse(&args(&["a", "b", "c"])).is_err());
        assert!(parse(&args(&["a", "b", "--format", "xml"])).is_err());
        assert!(parse(&args(&["a", "b", "--fail-on"])).is_err());
        assert!(parse(&args(&["a", "b", "--bogus"])).is_err());
        assert!(parse(&args(&["--help"])).unwrap().is_none());
    }

    #[test]
    fn fail_on_compares_severity() {
        let mut report = codegen::diff::diff(&empty(), &empty());
        assert!(!fails(&report, Some(Class::Compatible)));
        let mut other = empty();
        other.service.version = "2".into();
        report = codegen::diff::diff(&empty(), &other);
        assert!(fails(&report, Some(Class::Breaking)));
        assert!(fails(&report, Some(Class::Compatible)));
        assert!(!fails(&report, None));
    }

    fn empty() -> Model {
        use codegen::ir::*;
        Model {
            service: Service {
                id: ShapeId::new("ns", "S"),
                version: "1".into(),
                protocol: Protocol::Ec2Query,
                sdk_id: None,
                endpoint_prefix: None,
                signing_name: None,
                xml_namespace: None,
                docs: None,
                title: None,
            },
            operations: Default::default(),
            shapes: Default::default(),
        }
    }
}
