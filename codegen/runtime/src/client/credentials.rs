//! AWS credentials and the trait of their providers.

use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::time::SystemTime;

/// An access key pair, with a session token for temporary credentials.
///
/// `Debug` shows the access key id (which is not secret) and redacts the
/// secret access key and the session token.
#[derive(Clone, PartialEq, Eq)]
pub struct Credentials {
    access_key_id: String,
    secret_access_key: String,
    session_token: Option<String>,
    expiry: Option<SystemTime>,
}

impl Credentials {
    /// Credentials from an access key id, a secret access key and, for
    /// temporary credentials, a session token.
    pub fn new(
        access_key_id: impl Into<String>,
        secret_access_key: impl Into<String>,
        session_token: Option<String>,
    ) -> Self {
        Credentials {
            access_key_id: access_key_id.into(),
            secret_access_key: secret_access_key.into(),
            session_token,
            expiry: None,
        }
    }

    /// Long-term credentials: an access key id and a secret access key,
    /// with no session token.
    pub fn from_keys(
        access_key_id: impl Into<String>,
        secret_access_key: impl Into<String>,
    ) -> Self {
        Credentials::new(access_key_id, secret_access_key, None)
    }

    /// The same credentials, marked as expiring at `expiry`.
    pub fn with_expiry(mut self, expiry: SystemTime) -> Self {
        self.expiry = Some(expiry);
        self
    }

    /// The access key id (`AKIA...` or `ASIA...`).
    pub fn access_key_id(&self) -> &str {
        &self.access_key_id
    }

    /// The secret access key.
    pub fn secret_access_key(&self) -> &str {
        &self.secret_access_key
    }

    /// The session token of temporary credentials.
    pub fn session_token(&self) -> Option<&str> {
        self.session_token.as_deref()
    }

    /// When these credentials expire, if known.
    pub fn expiry(&self) -> Option<SystemTime> {
        self.expiry
    }
}

const REDACTED: &str = "** redacted **";

impl fmt::Debug for Credentials {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Credentials")
            .field("access_key_id", &self.access_key_id)
            .field("secret_access_key", &REDACTED)
            .field(
                "session_token",
                &self.session_token.as_ref().map(|_| REDACTED),
            )
            .field("expiry", &self.expiry)
            .finish()
    }
}

/// Credentials could not be had.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CredentialsError {
    message: String,
}

impl CredentialsError {
    /// An error with a message saying why (it must not contain secrets).
    pub fn new(message: impl Into<String>) -> Self {
        CredentialsError {
            message: message.into(),
        }
    }

    /// Why no credentials could be had.
    pub fn message(&self) -> &str {
        &self.message
    }
}

impl fmt::Display for CredentialsError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "no credentials: {}", self.message)
    }
}

impl std::error::Error for CredentialsError {}

/// The future a [`ProvideCredentials`] returns.
pub type CredentialsFuture<'a> =
    Pin<Box<dyn Future<Output = Result<Credentials, CredentialsError>> + Send + 'a>>;

/// A source of credentials, asked before every attempt of every request.
///
/// [`Credentials`] provide themselves. Implement this to plug in temporary
/// credentials that are refreshed (from an identity provider, a credentials
/// process, an instance role...); the implementation is expected to cache
/// them and must keep secrets out of its `Debug` output.
pub trait ProvideCredentials: fmt::Debug + Send + Sync {
    /// The credentials to sign the next request with.
    fn provide_credentials(&self) -> CredentialsFuture<'_>;
}

impl ProvideCredentials for Credentials {
    fn provide_credentials(&self) -> CredentialsFuture<'_> {
        Box::pin(std::future::ready(Ok(self.clone())))
    }
}

/// A provider that always fails with the same message: the configuration
/// found no credentials, and says where it looked.
#[derive(Debug)]
pub(crate) struct NoCredentials(pub(crate) String);

impl ProvideCredentials for NoCredentials {
    fn provide_credentials(&self) -> CredentialsFuture<'_> {
        Box::pin(std::future::ready(Err(CredentialsError::new(
            self.0.clone(),
        ))))
    }
}
