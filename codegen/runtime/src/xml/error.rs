//! What goes wrong reading an answer: a body that is not the expected XML
//! ([`XmlError`]), and an error document the service sent ([`ServiceError`]).

use std::fmt;

/// A response body could not be parsed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct XmlError {
    message: String,
    element: Option<String>,
    position: u64,
}

impl XmlError {
    /// An error at `position` in the body, in `element` if known.
    pub(crate) fn at(message: impl Into<String>, element: Option<String>, position: u64) -> Self {
        XmlError {
            message: message.into(),
            element,
            position,
        }
    }

    /// The same error, for a part of the body that starts at `offset`
    /// (used by the streaming parser, part of the client).
    #[cfg(feature = "client")]
    pub(crate) fn shifted(mut self, offset: u64) -> Self {
        self.position = self.position.saturating_add(offset);
        self
    }
}

impl XmlError {
    /// What went wrong.
    pub fn message(&self) -> &str {
        &self.message
    }

    /// The element being read when it went wrong, if any.
    pub fn element(&self) -> Option<&str> {
        self.element.as_deref()
    }

    /// The byte offset in the body where it went wrong.
    pub fn position(&self) -> u64 {
        self.position
    }
}

impl fmt::Display for XmlError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.element {
            Some(element) => write!(
                f,
                "{} (in <{element}>, at byte {})",
                self.message, self.position
            ),
            None => write!(f, "{} (at byte {})", self.message, self.position),
        }
    }
}

impl std::error::Error for XmlError {}

/// An error document the service sent instead of a result:
/// `<Response><Errors><Error><Code>…</Code><Message>…</Message></Error></Errors><RequestID>…</RequestID></Response>`.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ServiceError {
    /// The error code (`InvalidAMIID.NotFound`, `DryRunOperation`,
    /// `UnauthorizedOperation`...).
    pub code: String,
    /// The message, if the service sent one.
    pub message: Option<String>,
    /// The request id, if the service sent one.
    pub request_id: Option<String>,
    /// The HTTP status of the answer (0 when read from bytes alone).
    pub status: u16,
    /// The HTTP headers of the answer.
    pub headers: crate::Headers,
    /// How many attempts the request took (0 when read from bytes alone).
    pub attempts: u32,
}

impl ServiceError {
    /// True for `DryRunOperation`: the request would have succeeded had
    /// `DryRun` not been set.
    pub fn is_dry_run_operation(&self) -> bool {
        self.code == "DryRunOperation"
    }

    /// True for `UnauthorizedOperation`: the caller may not do this (with
    /// `DryRun` set, the request would have failed).
    pub fn is_unauthorized_operation(&self) -> bool {
        self.code == "UnauthorizedOperation"
    }
}

impl fmt::Display for ServiceError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.code)?;
        if let Some(message) = &self.message {
            write!(f, ": {message}")?;
        }
        if let Some(id) = &self.request_id {
            write!(f, " (request id {id})")?;
        }
        Ok(())
    }
}

impl std::error::Error for ServiceError {}

/// Why a response could not be turned into a result.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ResponseError {
    /// The service answered with an error document.
    Service(ServiceError),
    /// The body is not a response this crate can read.
    Xml(XmlError),
}

impl fmt::Display for ResponseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ResponseError::Service(e) => write!(f, "the service returned an error: {e}"),
            ResponseError::Xml(e) => write!(f, "malformed response: {e}"),
        }
    }
}

impl std::error::Error for ResponseError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            ResponseError::Service(e) => Some(e),
            ResponseError::Xml(e) => Some(e),
        }
    }
}

impl From<XmlError> for ResponseError {
    fn from(e: XmlError) -> Self {
        ResponseError::Xml(e)
    }
}
