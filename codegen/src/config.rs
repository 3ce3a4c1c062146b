//! The generator's configuration (`model/NAME/config.json`): which crate to emit
//! and which operations and resources it holds.

use serde::{Deserialize, Serialize};

use crate::{Error, Result, SourceFile};

/// What to generate.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    /// The generated package's name (`ec2-images`).
    pub crate_name: String,
    /// The generated package's version.
    pub crate_version: String,
    /// One line describing the crate, for its `Cargo.toml`.
    pub description: String,
    /// botocore's name for the service (`ec2`, `iam`): the folder of
    /// botocore's data that `cargo xtask import` reads by default.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub service: Option<String>,
    /// The operations to generate, by name (`DescribeImages`); the crate
    /// holds them and every shape they reach.
    pub operations: Vec<String>,
    /// boto3 resources to generate, by name (`Image`).
    #[serde(default)]
    pub resources: Vec<String>,
    /// Example programs of the crate, by name: `model/NAME/examples/<name>.rs`
    /// becomes `examples/<name>.rs`, run with `cargo run --example <name>`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub examples: Vec<String>,
}

impl Config {
    /// Parses `config.json`.
    pub fn parse(file: SourceFile<'_>) -> Result<Config> {
        let config: Config =
            serde_json::from_str(file.text).map_err(|e| Error::json(file.name, &e))?;
        if config.operations.is_empty() {
            return Err(
                Error::new("`operations` is empty: name at least one operation").in_file(file.name),
            );
        }
        Ok(config)
    }

    /// The config as pretty JSON with a trailing newline.
    pub fn to_json(&self) -> String {
        let mut text = serde_json::to_string_pretty(self).unwrap_or_default();
        text.push('\n');
        text
    }
}
