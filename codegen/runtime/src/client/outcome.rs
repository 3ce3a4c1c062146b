//! What a request gives: the response to its last attempt, or why it got
//! none.

use std::error::Error as StdError;
use std::fmt;
use std::time::Duration;

use hyper::body::Bytes;
use hyper::header::HeaderMap;

use super::credentials::CredentialsError;
use super::handle::BoxError;

/// The response to the last attempt of a request.
#[derive(Clone)]
pub struct RawResponse {
    pub(super) status: u16,
    pub(super) headers: HeaderMap,
    pub(super) body: Bytes,
    pub(super) attempts: u32,
}

impl RawResponse {
    /// The HTTP status code.
    pub fn status(&self) -> u16 {
        self.status
    }

    /// True for a 2xx status.
    pub fn is_success(&self) -> bool {
        (200..300).contains(&self.status)
    }

    /// A header's value, if present and text.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }

    /// Every header whose value is text, as (name, value).
    pub fn headers(&self) -> impl Iterator<Item = (&str, &str)> {
        self.headers
            .iter()
            .filter_map(|(n, v)| Some((n.as_str(), v.to_str().ok()?)))
    }

    /// The request id the service gave (`x-amzn-requestid`, else
    /// `x-amz-request-id`); EC2 also puts it in the body.
    pub fn request_id(&self) -> Option<&str> {
        self.header("x-amzn-requestid")
            .or_else(|| self.header("x-amz-request-id"))
    }

    /// The body.
    pub fn body(&self) -> &[u8] {
        &self.body
    }

    /// The body, owned.
    pub fn into_body(self) -> Vec<u8> {
        Vec::from(self.body)
    }

    /// How many attempts were made, this one included.
    pub fn attempts(&self) -> u32 {
        self.attempts
    }
}

impl fmt::Debug for RawResponse {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("RawResponse")
            .field("status", &self.status)
            .field("request_id", &self.request_id())
            .field("body_len", &self.body.len())
            .field("attempts", &self.attempts)
            .finish()
    }
}

/// A request got no response.
#[derive(Debug)]
pub struct SendError {
    pub(super) action: &'static str,
    pub(super) url: Option<String>,
    pub(super) attempts: u32,
    pub(super) kind: SendErrorKind,
}

/// Why a request got no response.
#[derive(Debug)]
#[non_exhaustive]
pub enum SendErrorKind {
    /// No region is configured.
    NoRegion,
    /// The region cannot be part of a host name.
    InvalidRegion(String),
    /// The endpoint URL cannot be used.
    InvalidEndpoint {
        /// The URL as configured.
        url: String,
        /// What is wrong with it.
        reason: String,
    },
    /// No credentials could be had.
    Credentials(CredentialsError),
    /// The request could not be signed or built.
    InvalidRequest(String),
    /// TLS could not be set up.
    Tls(String),
    /// An attempt, or the whole request, took too long.
    Timeout {
        /// The limit that was reached.
        limit: Duration,
        /// True if the operation timeout was reached, false if an attempt
        /// timeout was (on the last attempt).
        whole_operation: bool,
    },
    /// No connection could be made (on the last attempt).
    Connect(BoxError),
    /// The connection failed during the exchange (on the last attempt).
    Transport(BoxError),
}

impl SendError {
    /// An error of `action` after the response began (a body cut short).
    pub(crate) fn during_body(
        action: &'static str,
        url: Option<String>,
        attempts: u32,
        kind: SendErrorKind,
    ) -> Self {
        SendError {
            action,
            url,
            attempts,
            kind,
        }
    }

    /// What went wrong.
    pub fn kind(&self) -> &SendErrorKind {
        &self.kind
    }

    /// The operation (`DescribeImages`).
    pub fn action(&self) -> &'static str {
        self.action
    }

    /// The endpoint, once it was known.
    pub fn url(&self) -> Option<&str> {
        self.url.as_deref()
    }

    /// How many attempts were made (0 if none could be).
    pub fn attempts(&self) -> u32 {
        self.attempts
    }

    /// True if an attempt or the whole request timed out.
    pub fn is_timeout(&self) -> bool {
        matches!(self.kind, SendErrorKind::Timeout { .. })
    }

    /// True if no connection could be made.
    pub fn is_connect(&self) -> bool {
        matches!(self.kind, SendErrorKind::Connect(_))
    }
}

/// An error and its causes, without the outermost wrapper's generic text
/// when it has a cause (`client error (Connect)`).
fn causes(error: &BoxError) -> String {
    let mut parts = Vec::new();
    let mut next: Option<&(dyn StdError + 'static)> = Some(error.as_ref());
    while let Some(e) = next {
        parts.push(e.to_string());
        next = e.source();
    }
    if parts.len() > 1 {
        parts.remove(0);
    }
    parts.join(": ")
}

impl fmt::Display for SendError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let action = self.action;
        let url = self.url.as_deref().unwrap_or("the endpoint");
        let n = self.attempts;
        let attempts = if n == 1 {
            "1 attempt".to_string()
        } else {
            format!("{n} attempts")
        };
        match &self.kind {
            SendErrorKind::NoRegion => write!(
                f,
                "{action}: no region is configured (set AWS_REGION, a profile's region, or ConfigBuilder::region)"
            ),
            SendErrorKind::InvalidRegion(region) => {
                write!(f, "{action}: `{region}` is not a region name")
            }
            SendErrorKind::InvalidEndpoint { url, reason } => {
                write!(f, "{action}: the endpoint URL `{url}` {reason}")
            }
            SendErrorKind::Credentials(e) => write!(f, "{action}: {e}"),
            SendErrorKind::InvalidRequest(message) => {
                write!(f, "{action}: the request could not be built: {message}")
            }
            SendErrorKind::Tls(message) => write!(f, "{action}: {message}"),
            SendErrorKind::Timeout {
                limit,
                whole_operation: false,
            } => write!(
                f,
                "{action} to {url}: timed out after {attempts}, each limited to {limit:?}"
            ),
            SendErrorKind::Timeout {
                limit,
                whole_operation: true,
            } => write!(
                f,
                "{action} to {url}: timed out: the operation timeout of {limit:?} was reached during attempt {n}"
            ),
            SendErrorKind::Connect(e) => write!(
                f,
                "{action}: could not connect to {url} after {attempts}: {}",
                causes(e)
            ),
            SendErrorKind::Transport(e) => write!(
                f,
                "{action} to {url}: the connection failed after {attempts}: {}",
                causes(e)
            ),
        }
    }
}

impl StdError for SendError {
    fn source(&self) -> Option<&(dyn StdError + 'static)> {
        match &self.kind {
            SendErrorKind::Credentials(e) => Some(e),
            SendErrorKind::Connect(e) | SendErrorKind::Transport(e) => Some(e.as_ref()),
            _ => None,
        }
    }
}
