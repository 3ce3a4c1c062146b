//! The client runtime: configuration, credentials, SigV4 signing, the HTTPS
//! transport, timeouts and retries. The generated operations send their
//! requests through a [`Handle`].
//!
//! ```no_run
//! # async fn example() -> Result<(), Box<dyn std::error::Error>> {
//! use aws_bindgen_runtime::client::{Config, Handle, Service};
//!
//! // What a generated crate declares about its service and protocol.
//! static EC2: Service = Service {
//!     signing_name: "ec2",
//!     endpoint_prefix: "ec2",
//!     content_type: "application/x-www-form-urlencoded; charset=utf-8",
//!     service_id: "EC2",
//!     crate_id: "my-ec2/0.1.0",
//!     parse_error: aws_bindgen_runtime::ec2_query::parse_error,
//!     retryable_errors: &[],
//! };
//!
//! // The region and credentials the AWS CLI would use.
//! let config = Config::from_env()?;
//! let handle = Handle::new(config, &EC2);
//! let response = handle
//!     .send(
//!         "DescribeImages",
//!         "Action=DescribeImages&Version=2016-11-15&Owner.1=self".to_string(),
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

mod body_limit;
mod builder;
mod config;
mod credentials;
mod endpoint;
mod env;
mod handle;
mod outcome;
mod profile;
mod retry;
mod sign;

pub use body_limit::{BodyTooLarge, DEFAULT_MAX_BODY_SIZE};
pub use builder::ClientBuilder;
pub use config::{Config, ConfigBuilder, ConfigError, RetryConfig};
pub use credentials::{Credentials, CredentialsError, CredentialsFuture, ProvideCredentials};
pub use endpoint::endpoint_variable_suffix;
pub use env::Environment;
pub use handle::{BoxError, ErrorParseFn, Handle, RetryableError, Service};
pub use outcome::{RawResponse, SendError, SendErrorKind};
