//! The client runtime: configuration, credentials, SigV4 signing, the HTTPS
//! transport, timeouts and retries. The generated operations send their
//! requests through a [`Handle`].
//!
//! ```no_run
//! # async fn example() -> Result<(), Box<dyn std::error::Error>> {
//! use ec2_images::runtime::client::{Config, Handle};
//!
//! // The region and credentials the AWS CLI would use.
//! let config = Config::from_env()?;
//! let handle = Handle::new(config, "ec2");
//! let response = handle
//!     .send(
//!         "DescribeImages",
//!         "Action=DescribeImages&Version=2016-11-15&Owner.1=self".to_string(),
//!         |_body| None,
//!     )
//!     .await?;
//! println!("{} {:?}", response.status(), response.request_id());
//! # Ok(())
//! # }
//! ```
//!
//! Requests are sent over HTTPS with rustls (the `ring` provider) and
//! Mozilla's root certificates, and need a Tokio runtime. The whole module
//! is behind the `client` feature (on by default).

mod config;
mod credentials;
mod env;
mod handle;
mod profile;
mod retry;
mod sign;

pub use config::{Config, ConfigBuilder, ConfigError, RetryConfig};
pub use credentials::{Credentials, CredentialsError, CredentialsFuture, ProvideCredentials};
pub use env::Environment;
pub use handle::{BoxError, ErrorCodeFn, Handle, RawResponse, SendError, SendErrorKind};
