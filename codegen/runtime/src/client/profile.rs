//! The shared AWS configuration files (`~/.aws/config`, `~/.aws/credentials`).
//!
//! The format is close to INI but has rules of its own, which is why every
//! AWS SDK parses it itself: comment lines start with `#` or `;`; a comment
//! after a value needs whitespace before it (`region = us-east-1 # here`),
//! since secrets may contain `#`; an indented line continues the property
//! above it (sub-properties such as `s3 =`); in the config file a profile's
//! section is `[profile name]` (or `[default]`) and other sections
//! (`[sso-session x]`, `[services x]`) are not profiles, while in the
//! credentials file the section name is the profile name. Property names
//! are compared without case.
//!
//! Errors name the file, the line and, where there is one, the property's
//! name; never the text of the line, which may hold a secret.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use super::config::ConfigError;

/// Which of the two files a text comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum FileKind {
    /// `~/.aws/config`: `[profile name]` and `[default]` sections.
    Config,
    /// `~/.aws/credentials`: `[name]` sections.
    Credentials,
}

/// The properties of one profile (by lowercase name).
pub(crate) type Profile = BTreeMap<String, Property>;

/// One property's value (trimmed) and where it was read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Property {
    /// The value.
    pub(crate) value: String,
    /// The file it was read from.
    pub(crate) path: PathBuf,
    /// Its line in that file (from 1).
    pub(crate) line: usize,
}

/// Parses one file into its profiles. Sections that are not profiles are
/// skipped; a profile named twice gets the properties of both, the later
/// winning. Errors name the file and the line.
pub(crate) fn parse(
    text: &str,
    path: &Path,
    kind: FileKind,
) -> Result<BTreeMap<String, Profile>, ConfigError> {
    let mut profiles: BTreeMap<String, Profile> = BTreeMap::new();
    // The profile being read: `None` before the first section, `Some(None)`
    // inside a section that is not a profile.
    let mut current: Option<Option<String>> = None;
    // The last property read in the current section, for continuation lines.
    let mut last_key: Option<String> = None;
    for (index, raw) in text.lines().enumerate() {
        let number = index + 1;
        let error = |message: String| ConfigError::in_file(path, Some(number), message);
        let line = raw.trim();
        if line.is_empty() || line.starts_with('#') || line.starts_with(';') {
            continue;
        }
        if raw.starts_with([' ', '\t']) && !line.starts_with('[') {
            // A continuation of the property above.
            match (&current, &last_key) {
                (Some(Some(name)), Some(key)) => {
                    let value = profiles
                        .get_mut(name)
                        .and_then(|profile| profile.get_mut(key));
                    if let Some(property) = value {
                        property.value.push('\n');
                        property.value.push_str(strip_comment(line));
                    }
                    continue;
                }
                (Some(None), _) => continue,
                _ => {
                    return Err(error(
                        "an indented line continues no property (remove the indentation)"
                            .to_string(),
                    ))
                }
            }
        }
        if let Some(rest) = line.strip_prefix('[') {
            let Some((name, after)) = rest.split_once(']') else {
                return Err(error("the section header has no `]`".to_string()));
            };
            let after = after.trim();
            if !(after.is_empty() || after.starts_with('#') || after.starts_with(';')) {
                return Err(error(
                    "unexpected text after the `]` of the section header".to_string(),
                ));
            }
            let name = name.trim();
            if name.is_empty() {
                return Err(error("the section header has no name".to_string()));
            }
            let profile = match kind {
                FileKind::Credentials => Some(name.to_string()),
                FileKind::Config if name == "default" => Some(name.to_string()),
                FileKind::Config => match name.strip_prefix("profile") {
                    Some(rest) if rest.starts_with([' ', '\t']) => {
                        let rest = rest.trim();
                        if rest.is_empty() {
                            return Err(error("`[profile]` names no profile".to_string()));
                        }
                        Some(rest.to_string())
                    }
                    _ => None,
                },
            };
            if let Some(name) = &profile {
                profiles.entry(name.clone()).or_default();
            }
            current = Some(profile);
            last_key = None;
            continue;
        }
        let Some(section) = &current else {
            return Err(error(
                "a property before any `[section]` header".to_string(),
            ));
        };
        let Some((key, value)) = line.split_once('=') else {
            return Err(error(
                "expected `name = value`, a `[section]` header or a comment".to_string(),
            ));
        };
        let key = key.trim().to_ascii_lowercase();
        if key.is_empty() {
            return Err(error("a property with no name before `=`".to_string()));
        }
        if let Some(name) = section {
            let value = strip_comment(value.trim()).to_string();
            if let Some(profile) = profiles.get_mut(name) {
                let property = Property {
                    value,
                    path: path.to_path_buf(),
                    line: number,
                };
                profile.insert(key.clone(), property);
            }
            last_key = Some(key);
        }
    }
    Ok(profiles)
}

/// A value without a trailing comment: `#` or `;` preceded by whitespace.
fn strip_comment(value: &str) -> &str {
    let bytes = value.as_bytes();
    for (i, &b) in bytes.iter().enumerate() {
        if (b == b'#' || b == b';') && i > 0 && bytes[i - 1].is_ascii_whitespace() {
            return value[..i].trim_end();
        }
    }
    value
}
