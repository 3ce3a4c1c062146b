//! Loading the configuration from environment variables and the shared
//! configuration files, as the AWS CLI and SDKs do.

use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};

use super::config::{Config, ConfigBuilder, ConfigError};
use super::credentials::{Credentials, NoCredentials};
use super::profile::{self, FileKind, Profile};

/// The environment variables the configuration is loaded from: the
/// process's, or a fixed set (for tests, or to load a configuration other
/// than the process's without changing its environment).
///
/// An empty variable counts as unset. `Debug` shows the names of a fixed
/// set's variables, never their values.
#[derive(Clone, Default)]
pub struct Environment {
    vars: Option<BTreeMap<String, String>>,
}

impl Environment {
    /// The process's environment variables, read when needed.
    pub fn process() -> Self {
        Environment { vars: None }
    }

    /// These variables only; the process's are not read.
    pub fn from_vars<I, K, V>(vars: I) -> Self
    where
        I: IntoIterator<Item = (K, V)>,
        K: Into<String>,
        V: Into<String>,
    {
        Environment {
            vars: Some(
                vars.into_iter()
                    .map(|(k, v)| (k.into(), v.into()))
                    .collect(),
            ),
        }
    }

    /// The value of a variable, if it is set and not empty.
    pub fn var(&self, name: &str) -> Option<String> {
        let value = match &self.vars {
            None => std::env::var(name).ok(),
            Some(vars) => vars.get(name).cloned(),
        };
        value.filter(|v| !v.is_empty())
    }

    /// The variables whose names start with `prefix`, without it, that are
    /// set and not empty.
    pub(crate) fn vars_with_prefix(&self, prefix: &str) -> Vec<(String, String)> {
        let all: Vec<(String, String)> = match &self.vars {
            None => std::env::vars_os()
                .filter_map(|(k, v)| Some((k.into_string().ok()?, v.into_string().ok()?)))
                .collect(),
            Some(vars) => vars.iter().map(|(k, v)| (k.clone(), v.clone())).collect(),
        };
        let mut found: Vec<(String, String)> = all
            .into_iter()
            .filter(|(_, v)| !v.is_empty())
            .filter_map(|(k, v)| Some((k.strip_prefix(prefix)?.to_string(), v)))
            .filter(|(k, _)| !k.is_empty())
            .collect();
        found.sort();
        found
    }

    /// The user's home directory: `HOME`, else `USERPROFILE`, else
    /// `HOMEDRIVE` and `HOMEPATH`.
    fn home(&self) -> Option<PathBuf> {
        if let Some(home) = self.var("HOME").or_else(|| self.var("USERPROFILE")) {
            return Some(PathBuf::from(home));
        }
        match (self.var("HOMEDRIVE"), self.var("HOMEPATH")) {
            (Some(drive), Some(path)) => Some(PathBuf::from(format!("{drive}{path}"))),
            _ => None,
        }
    }

    /// The path in a variable, with a leading `~` expanded, else `default`
    /// under the home directory.
    fn file(&self, var: &str, default: &str) -> Option<PathBuf> {
        match self.var(var) {
            Some(path) => {
                let rest = path.strip_prefix("~/").or_else(|| path.strip_prefix("~\\"));
                match (rest, self.home()) {
                    (Some(rest), Some(home)) => Some(home.join(rest)),
                    _ => Some(PathBuf::from(path)),
                }
            }
            None => self.home().map(|home| home.join(".aws").join(default)),
        }
    }
}

impl fmt::Debug for Environment {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.vars {
            None => f.write_str("Environment(process)"),
            Some(vars) => f
                .debug_tuple("Environment")
                .field(&vars.keys().collect::<Vec<_>>())
                .finish(),
        }
    }
}

/// Profile properties that select a way of getting credentials this crate
/// does not implement.
const UNSUPPORTED: &[&str] = &[
    "role_arn",
    "credential_process",
    "sso_session",
    "sso_start_url",
    "web_identity_token_file",
    "credential_source",
];

/// A file's profiles, or none if the file does not exist.
fn read_profiles(
    path: Option<&Path>,
    kind: FileKind,
) -> Result<BTreeMap<String, Profile>, ConfigError> {
    let Some(path) = path else {
        return Ok(BTreeMap::new());
    };
    match std::fs::read(path) {
        Ok(bytes) => {
            let text = String::from_utf8(bytes)
                .map_err(|_| ConfigError::in_file(path, None, "the file is not UTF-8"))?;
            profile::parse(&text, path, kind)
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(BTreeMap::new()),
        Err(e) => Err(ConfigError::in_file(
            path,
            None,
            format!("cannot read the file: {e}"),
        )),
    }
}

/// See [`Config::from_environment`].
pub(crate) fn load(env: &Environment) -> Result<Config, ConfigError> {
    let explicit_profile = env.var("AWS_PROFILE");
    let profile_name = explicit_profile.as_deref().unwrap_or("default");
    let config_path = env.file("AWS_CONFIG_FILE", "config");
    let credentials_path = env.file("AWS_SHARED_CREDENTIALS_FILE", "credentials");
    let config_file = read_profiles(config_path.as_deref(), FileKind::Config)?;
    let credentials_file = read_profiles(credentials_path.as_deref(), FileKind::Credentials)?;
    let files = [&credentials_path, &config_path]
        .into_iter()
        .flatten()
        .map(|p| p.display().to_string())
        .collect::<Vec<_>>()
        .join(" and ");

    let mut profile: Option<Profile> = None;
    for file in [&config_file, &credentials_file] {
        if let Some(found) = file.get(profile_name) {
            profile
                .get_or_insert_with(Profile::new)
                .extend(found.iter().map(|(k, v)| (k.clone(), v.clone())));
        }
    }
    if profile.is_none() && explicit_profile.is_some() {
        let paths: Vec<String> = [&credentials_path, &config_path]
            .into_iter()
            .flatten()
            .map(|p| p.display().to_string())
            .collect();
        let place = match paths.as_slice() {
            [] => "is in no configuration file (HOME is not set)".to_string(),
            [one] => format!("is not in {one}"),
            [first, rest @ ..] => format!("is in neither {first} nor {}", rest.join(" nor ")),
        };
        return Err(ConfigError::new(format!(
            "the profile `{profile_name}` named by AWS_PROFILE {place}"
        )));
    }
    let profile = profile.unwrap_or_default();
    let property = |key: &str| {
        profile
            .get(key)
            .filter(|p| !p.value.is_empty())
            .map(|p| p.value.clone())
    };

    let mut builder = ConfigBuilder::default();
    if let Some(region) = env
        .var("AWS_REGION")
        .or_else(|| env.var("AWS_DEFAULT_REGION"))
        .or_else(|| property("region"))
    {
        builder = builder.region(region);
    }
    if let Some(url) = env
        .var("AWS_ENDPOINT_URL")
        .or_else(|| property("endpoint_url"))
    {
        builder = builder.endpoint_url(url);
    }
    for (suffix, url) in env.vars_with_prefix("AWS_ENDPOINT_URL_") {
        builder = builder.service_endpoint_url(suffix, url);
    }
    // Errors name where the value is, never the value.
    let whole = "must be a whole number of at least 1";
    let attempts = match env.var("AWS_MAX_ATTEMPTS") {
        Some(v) => Some((
            v,
            ConfigError::new(format!("the variable AWS_MAX_ATTEMPTS {whole}")),
        )),
        None => profile
            .get("max_attempts")
            .filter(|p| !p.value.is_empty())
            .map(|p| {
                let message =
                    format!("the property `max_attempts` of the profile `{profile_name}` {whole}");
                (
                    p.value.clone(),
                    ConfigError::in_file(&p.path, Some(p.line), message),
                )
            }),
    };
    if let Some((value, error)) = attempts {
        match value.trim().parse::<u32>() {
            Ok(n) if n >= 1 => builder = builder.max_attempts(n),
            _ => return Err(error),
        }
    }

    let from_env = (
        env.var("AWS_ACCESS_KEY_ID"),
        env.var("AWS_SECRET_ACCESS_KEY"),
    );
    let from_profile = (
        property("aws_access_key_id"),
        property("aws_secret_access_key"),
    );
    builder = match (from_env, from_profile) {
        ((Some(id), Some(secret)), _) => {
            builder.credentials(Credentials::new(id, secret, env.var("AWS_SESSION_TOKEN")))
        }
        (_, (Some(id), Some(secret))) => {
            builder.credentials(Credentials::new(id, secret, property("aws_session_token")))
        }
        (from_env, from_profile) => {
            let mut why = match from_env {
                (Some(_), None) => "AWS_ACCESS_KEY_ID is set but AWS_SECRET_ACCESS_KEY is not",
                (None, Some(_)) => "AWS_SECRET_ACCESS_KEY is set but AWS_ACCESS_KEY_ID is not",
                _ => "AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY are not set",
            }
            .to_string();
            let place = if files.is_empty() {
                "(no configuration file: HOME is not set)".to_string()
            } else {
                format!("in {files}")
            };
            let unsupported = UNSUPPORTED.iter().find(|key| profile.contains_key(**key));
            let about_profile = match (from_profile, unsupported) {
                (_, Some(key)) => format!(
                    "the profile `{profile_name}` {place} uses `{key}`, which this crate does not support (pass a credentials provider instead)"
                ),
                ((Some(_), None), _) => format!(
                    "the profile `{profile_name}` {place} has aws_access_key_id but no aws_secret_access_key"
                ),
                ((None, Some(_)), _) => format!(
                    "the profile `{profile_name}` {place} has aws_secret_access_key but no aws_access_key_id"
                ),
                _ => format!("the profile `{profile_name}` {place} has no access keys"),
            };
            why.push_str(", and ");
            why.push_str(&about_profile);
            builder.credentials_provider(NoCredentials(why))
        }
    };
    Ok(builder.build())
}
