//! The limit on the size of a response body read whole, and the redaction
//! of an endpoint URL in errors.
//!
//! A response is read into memory before it is parsed; a body larger than
//! [`Config::max_body_size`](super::Config::max_body_size) (default
//! [`DEFAULT_MAX_BODY_SIZE`]) is refused as it arrives, whatever its
//! `Content-Length` says, with a [`BodyTooLarge`] error, and not retried.

use std::fmt;

use http_body_util::{BodyExt, Limited};
use hyper::body::{Body, Bytes};

/// The default limit on a response body read whole: 256 MiB (the largest
/// EC2 answer seen, all public images, is about 70 MB).
pub const DEFAULT_MAX_BODY_SIZE: u64 = 256 * 1024 * 1024;

/// A response body was larger than the configured limit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BodyTooLarge {
    limit: u64,
}

impl BodyTooLarge {
    /// The limit that was exceeded, in bytes.
    pub fn limit(&self) -> u64 {
        self.limit
    }
}

impl fmt::Display for BodyTooLarge {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "the response body is larger than the limit of {} bytes (ConfigBuilder::max_body_size)",
            self.limit
        )
    }
}

impl std::error::Error for BodyTooLarge {}

/// True if the body announces more than `limit` bytes.
pub(crate) fn announced_too_large(content_length: Option<&[u8]>, limit: u64) -> bool {
    content_length
        .and_then(|v| std::str::from_utf8(v).ok())
        .and_then(|v| v.trim().parse::<u64>().ok())
        .is_some_and(|n| n > limit)
}

/// Reads a whole body, refusing it once more than `limit` bytes arrive.
pub(crate) async fn collect<B>(body: B, limit: u64) -> Result<Bytes, super::BoxError>
where
    B: Body,
    B::Error: Into<super::BoxError>,
{
    let cap = usize::try_from(limit).unwrap_or(usize::MAX);
    match Limited::new(body, cap).collect().await {
        Ok(collected) => Ok(collected.to_bytes()),
        Err(e) if e.is::<http_body_util::LengthLimitError>() => {
            Err(Box::new(BodyTooLarge { limit }))
        }
        Err(e) => Err(e),
    }
}

/// The error of a body that announces more than `limit` bytes.
pub(crate) fn too_large(limit: u64) -> super::BoxError {
    Box::new(BodyTooLarge { limit })
}

/// True for the error of [`collect`] on a body over the limit (an error
/// that retrying would only repeat).
pub(crate) fn is_too_large(error: &super::BoxError) -> bool {
    error.is::<BodyTooLarge>()
}

/// An endpoint URL as it may be shown in an error: a user name and
/// password before the host (`https://user:secret@host/`) become `***`.
pub(crate) fn redacted_url(url: &str) -> String {
    let (scheme, rest) = match url.find("://") {
        Some(i) => url.split_at(i + 3),
        None => ("", url),
    };
    let authority_end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    match rest[..authority_end].rfind('@') {
        Some(at) => format!("{scheme}***{}", &rest[at..]),
        None => url.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn user_info_is_redacted() {
        assert_eq!(
            redacted_url("https://user:s3cret@host:8443/p?q=1"),
            "https://***@host:8443/p?q=1"
        );
        assert_eq!(redacted_url("ftp://a@b@host"), "ftp://***@host");
        assert_eq!(redacted_url("user:s3cret@host"), "***@host");
        assert_eq!(redacted_url("https://host/a@b"), "https://host/a@b");
    }

    #[test]
    fn content_length_over_the_limit() {
        assert!(announced_too_large(Some(b"101"), 100));
        assert!(!announced_too_large(Some(b"100"), 100));
        assert!(!announced_too_large(Some(b"x"), 100));
        assert!(!announced_too_large(None, 100));
    }

    #[tokio::test]
    async fn a_body_over_the_limit_is_refused() {
        let body = http_body_util::Full::new(Bytes::from(vec![b'a'; 101]));
        let err = collect(body, 100).await.unwrap_err();
        assert!(is_too_large(&err));
        assert!(err.to_string().contains("limit of 100 bytes"), "{err}");
        let body = http_body_util::Full::new(Bytes::from(vec![b'a'; 100]));
        assert_eq!(collect(body, 100).await.unwrap().len(), 100);
    }
}
