//! A client built in one expression: the configuration's usual settings,
//! then `build()` gives the client.

use std::fmt;
use std::marker::PhantomData;
use std::time::Duration;

use super::config::{Config, ConfigBuilder, RetryConfig};
use super::credentials::{Credentials, ProvideCredentials};

/// Builds a client of a generated crate (`C`, its `Client`) from a
/// configuration set here, without naming [`Config`]:
///
/// ```
/// use aws_bindgen_runtime::client::{ClientBuilder, Config, Credentials};
///
/// // What a generated crate's `Client` is to the builder.
/// struct Client(Config);
/// impl From<Config> for Client {
///     fn from(config: Config) -> Self {
///         Client(config)
///     }
/// }
///
/// let client: Client = ClientBuilder::new()
///     .endpoint_url("http://127.0.0.1:5000")
///     .region("us-east-1")
///     .credentials(Credentials::from_keys("testing", "testing"))
///     .build();
/// assert_eq!(client.0.region(), Some("us-east-1"));
/// ```
///
/// Every setting not listed here is reached through
/// [`config`](Self::config) or [`Config::builder`].
pub struct ClientBuilder<C> {
    config: ConfigBuilder,
    client: PhantomData<fn() -> C>,
}

impl<C> fmt::Debug for ClientBuilder<C> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("ClientBuilder").field(&self.config).finish()
    }
}

impl<C> Clone for ClientBuilder<C> {
    fn clone(&self) -> Self {
        ClientBuilder {
            config: self.config.clone(),
            client: PhantomData,
        }
    }
}

impl<C> Default for ClientBuilder<C> {
    fn default() -> Self {
        ClientBuilder::new()
    }
}

impl<C> ClientBuilder<C> {
    /// Nothing set, as [`Config::builder`].
    pub fn new() -> Self {
        ClientBuilder::with_config(Config::builder())
    }

    /// Starting from a configuration: [`Config::from_env`]`()?.to_builder()`
    /// keeps what the environment says and changes only what is set next.
    pub fn with_config(config: ConfigBuilder) -> Self {
        ClientBuilder {
            config,
            client: PhantomData,
        }
    }

    /// Changes the configuration through its own builder, for the settings
    /// this builder does not forward.
    pub fn config(mut self, change: impl FnOnce(ConfigBuilder) -> ConfigBuilder) -> Self {
        self.config = change(self.config);
        self
    }

    /// See [`ConfigBuilder::region`].
    pub fn region(self, region: impl Into<String>) -> Self {
        self.config(|c| c.region(region))
    }

    /// See [`ConfigBuilder::endpoint_url`].
    pub fn endpoint_url(self, url: impl Into<String>) -> Self {
        self.config(|c| c.endpoint_url(url))
    }

    /// See [`ConfigBuilder::credentials`].
    pub fn credentials(self, credentials: Credentials) -> Self {
        self.config(|c| c.credentials(credentials))
    }

    /// See [`ConfigBuilder::credentials_provider`].
    pub fn credentials_provider(self, provider: impl ProvideCredentials + 'static) -> Self {
        self.config(|c| c.credentials_provider(provider))
    }

    /// See [`ConfigBuilder::retry`].
    pub fn retry(self, retry: RetryConfig) -> Self {
        self.config(|c| c.retry(retry))
    }

    /// See [`ConfigBuilder::max_attempts`].
    pub fn max_attempts(self, max_attempts: u32) -> Self {
        self.config(|c| c.max_attempts(max_attempts))
    }

    /// See [`ConfigBuilder::attempt_timeout`].
    pub fn attempt_timeout(self, timeout: Duration) -> Self {
        self.config(|c| c.attempt_timeout(timeout))
    }

    /// See [`ConfigBuilder::operation_timeout`].
    pub fn operation_timeout(self, timeout: Duration) -> Self {
        self.config(|c| c.operation_timeout(timeout))
    }

    /// See [`ConfigBuilder::app_name`].
    pub fn app_name(self, name: impl Into<String>) -> Self {
        self.config(|c| c.app_name(name))
    }

    /// The client. Nothing is checked here: a missing region or bad
    /// endpoint is reported by the request that needs it.
    pub fn build(self) -> C
    where
        C: From<Config>,
    {
        C::from(self.config.build())
    }
}
