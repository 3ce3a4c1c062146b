//! The client's configuration and its builder.

use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use super::credentials::{Credentials, ProvideCredentials};
use super::env::Environment;

/// How a request is retried: the AWS "standard" retry mode.
///
/// An attempt that fails with a transient error (a 500, 502, 503 or 504
/// status, a 429, a throttling or transient error code, a connection error
/// or an attempt timeout) is tried again after a delay drawn uniformly from
/// zero to `min(max_backoff, initial_backoff * 2^(attempt - 1))` ("full
/// jitter"), until `max_attempts` attempts have been made. As in the AWS
/// SDKs, retries also draw on a quota shared by all requests of a client
/// (500 tokens, 5 per retry, 10 after a timeout, given back as requests
/// succeed), so that an outage does not multiply the load.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RetryConfig {
    max_attempts: u32,
    initial_backoff: Duration,
    max_backoff: Duration,
}

impl RetryConfig {
    /// The AWS standard mode: 3 attempts, a 1 s base delay, at most 20 s.
    pub fn standard() -> Self {
        RetryConfig {
            max_attempts: 3,
            initial_backoff: Duration::from_secs(1),
            max_backoff: Duration::from_secs(20),
        }
    }

    /// No retries: every request is attempted once.
    pub fn disabled() -> Self {
        RetryConfig::standard().with_max_attempts(1)
    }

    /// The same, with at most `max_attempts` attempts in all, the first
    /// included (0 counts as 1).
    pub fn with_max_attempts(mut self, max_attempts: u32) -> Self {
        self.max_attempts = max_attempts.max(1);
        self
    }

    /// The same, with another base delay (the bound of the first retry's
    /// delay, doubling with each retry).
    pub fn with_initial_backoff(mut self, initial_backoff: Duration) -> Self {
        self.initial_backoff = initial_backoff;
        self
    }

    /// The same, with another bound on the delay before a retry.
    pub fn with_max_backoff(mut self, max_backoff: Duration) -> Self {
        self.max_backoff = max_backoff;
        self
    }

    /// The number of attempts at most, the first included.
    pub fn max_attempts(&self) -> u32 {
        self.max_attempts
    }

    /// The base delay.
    pub fn initial_backoff(&self) -> Duration {
        self.initial_backoff
    }

    /// The bound on the delay before a retry.
    pub fn max_backoff(&self) -> Duration {
        self.max_backoff
    }
}

impl Default for RetryConfig {
    fn default() -> Self {
        RetryConfig::standard()
    }
}

/// The default connect timeout, as in the AWS SDKs.
const DEFAULT_CONNECT_TIMEOUT: Duration = Duration::from_millis(3100);

/// The configuration of a client: where to send requests, how to sign them,
/// how long to wait and how often to retry.
///
/// Build one with [`Config::builder`], or load one the way the AWS CLI and
/// SDKs do with [`Config::from_env`]. `Debug` shows no secrets (nor an
/// endpoint URL's user name and password).
#[derive(Clone)]
pub struct Config {
    pub(crate) region: Option<String>,
    pub(crate) endpoint_url: Option<String>,
    /// Services' own endpoints, by the suffix of their variable
    /// (`IAM` for `AWS_ENDPOINT_URL_IAM`).
    pub(crate) service_endpoints: std::collections::BTreeMap<String, String>,
    pub(crate) credentials: Option<Arc<dyn ProvideCredentials>>,
    pub(crate) connect_timeout: Duration,
    pub(crate) attempt_timeout: Option<Duration>,
    pub(crate) operation_timeout: Option<Duration>,
    pub(crate) retry: RetryConfig,
    pub(crate) app_name: Option<String>,
    pub(crate) max_body_size: u64,
    pub(crate) parameter_validation: bool,
}

impl fmt::Debug for Config {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let endpoint = self
            .endpoint_url
            .as_deref()
            .map(super::body_limit::redacted_url);
        f.debug_struct("Config")
            .field("region", &self.region)
            .field("endpoint_url", &endpoint)
            .field("credentials", &self.credentials)
            .field("connect_timeout", &self.connect_timeout)
            .field("attempt_timeout", &self.attempt_timeout)
            .field("operation_timeout", &self.operation_timeout)
            .field("retry", &self.retry)
            .field("app_name", &self.app_name)
            .field("max_body_size", &self.max_body_size)
            .field("parameter_validation", &self.parameter_validation)
            .finish()
    }
}

impl Config {
    /// A builder with nothing set: no region, no credentials, the default
    /// endpoint, standard retries, a 3.1 s connect timeout and no other
    /// timeout.
    pub fn builder() -> ConfigBuilder {
        ConfigBuilder::default()
    }

    /// The configuration the AWS CLI would use, from the process's
    /// environment and the shared configuration files; see
    /// [`Config::from_environment`].
    pub fn from_env() -> Result<Config, ConfigError> {
        Config::from_environment(&Environment::process())
    }

    /// The configuration the AWS CLI would use, from the variables of `env`
    /// and the shared configuration files they point to.
    ///
    /// - profile: `AWS_PROFILE`, else `default`; the files are
    ///   `AWS_CONFIG_FILE` (else `~/.aws/config`, with `[profile name]`
    ///   sections) and `AWS_SHARED_CREDENTIALS_FILE` (else
    ///   `~/.aws/credentials`, with `[name]` sections), whose values win;
    ///   a missing file counts as empty, but a profile named by
    ///   `AWS_PROFILE` must exist;
    /// - region: `AWS_REGION`, else `AWS_DEFAULT_REGION`, else the
    ///   profile's `region`;
    /// - credentials: `AWS_ACCESS_KEY_ID`, `AWS_SECRET_ACCESS_KEY` and
    ///   `AWS_SESSION_TOKEN`, else the profile's `aws_access_key_id`,
    ///   `aws_secret_access_key` and `aws_session_token`. When neither has
    ///   keys, requests fail saying where credentials were looked for.
    ///   Profiles that assume a role, run a credentials process or use SSO
    ///   are not supported: pass a provider with
    ///   [`ConfigBuilder::credentials_provider`] for those;
    /// - endpoint: `AWS_ENDPOINT_URL`, else the profile's `endpoint_url`;
    ///   a service's own variable, `AWS_ENDPOINT_URL_{ID}` (its service id
    ///   upper-cased, spaces as `_`: `AWS_ENDPOINT_URL_IAM`,
    ///   `AWS_ENDPOINT_URL_ELASTIC_LOAD_BALANCING_V2`), wins for that
    ///   service;
    /// - attempts: `AWS_MAX_ATTEMPTS`, else the profile's `max_attempts`.
    ///
    /// Errors name the file and line of a malformed file, or the variable
    /// or property of a bad value. Nothing is cached: the files are read on
    /// each call.
    pub fn from_environment(env: &Environment) -> Result<Config, ConfigError> {
        super::env::load(env)
    }

    /// A builder holding this configuration, to change part of it.
    pub fn to_builder(&self) -> ConfigBuilder {
        ConfigBuilder {
            config: self.clone(),
        }
    }

    /// The region requests are sent to and signed for.
    pub fn region(&self) -> Option<&str> {
        self.region.as_deref()
    }

    /// The endpoint set in place of the region's.
    pub fn endpoint_url(&self) -> Option<&str> {
        self.endpoint_url.as_deref()
    }

    /// The endpoint set for one service, by the suffix of its variable
    /// (`IAM` for `AWS_ENDPOINT_URL_IAM`), in place of
    /// [`endpoint_url`](Self::endpoint_url) and the region's.
    pub fn service_endpoint_url(&self, suffix: &str) -> Option<&str> {
        self.service_endpoints.get(suffix).map(String::as_str)
    }

    /// The source of credentials.
    pub fn credentials_provider(&self) -> Option<&Arc<dyn ProvideCredentials>> {
        self.credentials.as_ref()
    }

    /// How long to wait for a TCP connection (the TLS handshake counts
    /// against the attempt timeout).
    pub fn connect_timeout(&self) -> Duration {
        self.connect_timeout
    }

    /// How long one attempt may take, from connecting to the last byte of
    /// the response.
    pub fn attempt_timeout(&self) -> Option<Duration> {
        self.attempt_timeout
    }

    /// How long a request may take in all, retries and their delays
    /// included.
    pub fn operation_timeout(&self) -> Option<Duration> {
        self.operation_timeout
    }

    /// How requests are retried.
    pub fn retry(&self) -> &RetryConfig {
        &self.retry
    }

    /// The application name appended to the user agent.
    pub fn app_name(&self) -> Option<&str> {
        self.app_name.as_deref()
    }

    /// The largest response body read whole, in bytes (default 256 MiB).
    pub fn max_body_size(&self) -> u64 {
        self.max_body_size
    }

    /// True if inputs are checked against the model's constraints before
    /// they are sent (the default).
    pub fn parameter_validation(&self) -> bool {
        self.parameter_validation
    }
}

/// Builds a [`Config`].
#[derive(Debug, Clone)]
pub struct ConfigBuilder {
    config: Config,
}

impl Default for ConfigBuilder {
    fn default() -> Self {
        ConfigBuilder {
            config: Config {
                region: None,
                endpoint_url: None,
                service_endpoints: Default::default(),
                credentials: None,
                connect_timeout: DEFAULT_CONNECT_TIMEOUT,
                attempt_timeout: None,
                operation_timeout: None,
                retry: RetryConfig::standard(),
                app_name: None,
                max_body_size: super::body_limit::DEFAULT_MAX_BODY_SIZE,
                parameter_validation: true,
            },
        }
    }
}

impl ConfigBuilder {
    /// The region (`us-east-1`...), required to send a request.
    pub fn region(mut self, region: impl Into<String>) -> Self {
        self.config.region = Some(region.into());
        self
    }

    /// An endpoint to send requests to instead of the region's
    /// (`https://ec2.{region}.amazonaws.com/`): an EC2-compatible service,
    /// a VPC endpoint, a local server in tests. `http://` is allowed.
    ///
    /// It replaces the services' own endpoints read from the environment.
    pub fn endpoint_url(mut self, url: impl Into<String>) -> Self {
        self.config.endpoint_url = Some(url.into());
        self.config.service_endpoints.clear();
        self
    }

    /// An endpoint for one service only, by the suffix of its variable
    /// (`IAM` for `AWS_ENDPOINT_URL_IAM`); it wins over
    /// [`endpoint_url`](Self::endpoint_url) for that service.
    pub fn service_endpoint_url(
        mut self,
        suffix: impl Into<String>,
        url: impl Into<String>,
    ) -> Self {
        self.config
            .service_endpoints
            .insert(suffix.into(), url.into());
        self
    }

    /// Fixed credentials.
    pub fn credentials(self, credentials: Credentials) -> Self {
        self.credentials_provider(credentials)
    }

    /// A source of credentials, asked before each attempt.
    pub fn credentials_provider(mut self, provider: impl ProvideCredentials + 'static) -> Self {
        self.config.credentials = Some(Arc::new(provider));
        self
    }

    /// How long to wait for a TCP connection (default 3.1 s, as in the AWS
    /// SDKs); the TLS handshake counts against the attempt timeout.
    pub fn connect_timeout(mut self, timeout: Duration) -> Self {
        self.config.connect_timeout = timeout;
        self
    }

    /// How long one attempt may take, from connecting to the last byte of
    /// the response (default: no limit). An attempt that times out is
    /// retried.
    pub fn attempt_timeout(mut self, timeout: Duration) -> Self {
        self.config.attempt_timeout = Some(timeout);
        self
    }

    /// How long a request may take in all, retries and their delays
    /// included (default: no limit).
    pub fn operation_timeout(mut self, timeout: Duration) -> Self {
        self.config.operation_timeout = Some(timeout);
        self
    }

    /// How requests are retried (default: [`RetryConfig::standard`]).
    pub fn retry(mut self, retry: RetryConfig) -> Self {
        self.config.retry = retry;
        self
    }

    /// At most this many attempts per request, the first included; keeps
    /// the rest of the retry configuration.
    pub fn max_attempts(mut self, max_attempts: u32) -> Self {
        self.config.retry = self.config.retry.with_max_attempts(max_attempts);
        self
    }

    /// An application name, appended to the user agent as `app/{name}`
    /// (characters other than letters, digits and `!#$%&'*+-.^_`|~` become
    /// `-`).
    pub fn app_name(mut self, name: impl Into<String>) -> Self {
        self.config.app_name = Some(name.into());
        self
    }

    /// The largest response body to read whole, in bytes (default
    /// [`DEFAULT_MAX_BODY_SIZE`](super::DEFAULT_MAX_BODY_SIZE), 256 MiB): a
    /// larger body fails the request with a
    /// [`BodyTooLarge`](super::BodyTooLarge) error, without retries.
    pub fn max_body_size(mut self, bytes: u64) -> Self {
        self.config.max_body_size = bytes;
        self
    }

    /// Whether to check inputs against the model's least lengths and values
    /// before sending them (default `true`, as botocore's
    /// `parameter_validation`): a broken constraint fails the call with
    /// [`Error::Validation`](crate::operation::Error::Validation) and no
    /// request. `false` sends every input as it is.
    pub fn parameter_validation(mut self, validate: bool) -> Self {
        self.config.parameter_validation = validate;
        self
    }

    /// The configuration. Nothing is checked here: a missing region or bad
    /// endpoint is reported by the request that needs it.
    pub fn build(self) -> Config {
        self.config
    }
}

/// The configuration could not be loaded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigError {
    message: String,
    path: Option<PathBuf>,
    line: Option<usize>,
}

impl ConfigError {
    pub(crate) fn new(message: impl Into<String>) -> Self {
        ConfigError {
            message: message.into(),
            path: None,
            line: None,
        }
    }

    pub(crate) fn in_file(path: &Path, line: Option<usize>, message: impl Into<String>) -> Self {
        ConfigError {
            message: message.into(),
            path: Some(path.to_path_buf()),
            line,
        }
    }

    /// What is wrong.
    pub fn message(&self) -> &str {
        &self.message
    }

    /// The file at fault, if a file is.
    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    /// The line at fault in that file (from 1), if one is.
    pub fn line(&self) -> Option<usize> {
        self.line
    }
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (&self.path, self.line) {
            (Some(path), Some(line)) => write!(f, "{}:{line}: {}", path.display(), self.message),
            (Some(path), None) => write!(f, "{}: {}", path.display(), self.message),
            _ => f.write_str(&self.message),
        }
    }
}

impl std::error::Error for ConfigError {}
