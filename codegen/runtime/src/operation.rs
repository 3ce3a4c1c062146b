//! What every operation of the client returns: the output with the request
//! id the service gave it, or an [`Error`] that says what went wrong.
//!
//! An operation whose model declares no errors fails with `Error` (its
//! service errors untyped, a [`ServiceError`] with the code as text); one
//! that declares errors fails with `Error<E>`, `E` being the generated enum
//! of its errors ([`ModeledError`]), which converts into `Error` with `?`.

use std::fmt;
use std::future::{Future, IntoFuture};
use std::ops::Deref;
use std::pin::Pin;
use std::time::Duration;

use super::client::{Handle, SendError};
use super::validate::{Path, ValidationError};
use super::waiter::{wait, Failure, Waiter, WaiterConfig, WaiterError, WaiterSuccess};
use super::{BuildError, Headers, ResponseError, ResponseMetadata, ServiceError, XmlError};

/// An operation's output and the id the service gave the request.
///
/// It dereferences to the output, so `response.images` reads a field of
/// the output directly.
#[derive(Clone, Debug, PartialEq)]
pub struct Response<T> {
    output: T,
    metadata: ResponseMetadata,
}

impl<T> Response<T> {
    /// An output with its request id.
    pub fn new(output: T, request_id: Option<String>) -> Self {
        Response::with_metadata(output, ResponseMetadata::with_request_id(request_id))
    }

    /// An output with the metadata of its answer.
    pub fn with_metadata(output: T, metadata: ResponseMetadata) -> Self {
        Response { output, metadata }
    }

    /// The request id (EC2's `requestId`), if the service sent one.
    pub fn request_id(&self) -> Option<&str> {
        self.metadata.request_id.as_deref()
    }

    /// The request id, HTTP status and headers, and number of attempts
    /// (boto3's `ResponseMetadata`).
    pub fn metadata(&self) -> &ResponseMetadata {
        &self.metadata
    }

    /// The output.
    pub fn output(&self) -> &T {
        &self.output
    }

    /// The output, to change in place.
    pub fn output_mut(&mut self) -> &mut T {
        &mut self.output
    }

    /// The output, without the request id.
    pub fn into_output(self) -> T {
        self.output
    }
}

impl<T> Deref for Response<T> {
    type Target = T;

    fn deref(&self) -> &T {
        &self.output
    }
}

/// An operation failed. `E` is the service's error: a [`ServiceError`], or
/// the generated enum of the errors the operation declares.
#[derive(Debug)]
#[non_exhaustive]
pub enum Error<E = ServiceError> {
    /// The input could not be built: a required member was not set.
    Build(BuildError),
    /// The input breaks constraints of the model (a length or value below
    /// its least); nothing was sent. See
    /// [`ConfigBuilder::parameter_validation`](crate::client::ConfigBuilder::parameter_validation).
    Validation(ValidationError),
    /// The service answered with an error (`InvalidAMIID.NotFound`,
    /// `DryRunOperation`, `UnauthorizedOperation`...).
    Service(E),
    /// No answer was had: connection, timeout, signing or configuration
    /// trouble, after the retries the configuration allows.
    Send(SendError),
    /// The answer could not be read.
    Response {
        /// What is wrong with it, and where.
        error: XmlError,
        /// The HTTP status of the answer.
        status: u16,
        /// The request id, if the answer's headers had one.
        request_id: Option<String>,
    },
    /// A resource's data was asked for and the service does not know it
    /// (e.g. an image id that `DescribeImages` does not return).
    ResourceNotFound {
        /// The resource type (`Image`).
        resource: &'static str,
        /// The identifier that was asked for.
        id: String,
    },
    /// The answer lacks a member the call needs (e.g. the id of the image
    /// `RegisterImage` made).
    Incomplete {
        /// The operation (`RegisterImage`).
        operation: &'static str,
        /// The member (`ImageId`).
        member: &'static str,
        /// The request id, if the service sent one.
        request_id: Option<String>,
    },
    /// A paginator was set up in a way the operation cannot page (e.g. a
    /// page size for an operation without a page-size member).
    Pagination {
        /// The operation (`DescribeImages`).
        operation: &'static str,
        /// What is wrong.
        message: String,
    },
    /// A paginator got the same continuation token twice in a row: going on
    /// would loop forever.
    RepeatedToken {
        /// The operation (`DescribeImages`).
        operation: &'static str,
        /// The token.
        token: String,
    },
}

impl Error {
    /// The service's error code, for [`Error::Service`].
    pub fn code(&self) -> Option<&str> {
        match self {
            Error::Service(e) => Some(&e.code),
            _ => None,
        }
    }

    /// The service's error message, for [`Error::Service`].
    pub fn message(&self) -> Option<&str> {
        match self {
            Error::Service(e) => e.message.as_deref(),
            _ => None,
        }
    }

    /// The request id, when the service answered.
    pub fn request_id(&self) -> Option<&str> {
        match self {
            Error::Service(e) => e.request_id.as_deref(),
            Error::Response { request_id, .. } | Error::Incomplete { request_id, .. } => {
                request_id.as_deref()
            }
            _ => None,
        }
    }

    /// The HTTP status, when the service answered.
    pub fn status(&self) -> Option<u16> {
        match self {
            Error::Service(e) => Some(e.status),
            Error::Response { status, .. } => Some(*status),
            _ => None,
        }
    }

    /// The number of attempts the request took, when it was sent.
    pub fn attempts(&self) -> Option<u32> {
        match self {
            Error::Service(e) => Some(e.attempts),
            Error::Send(e) => Some(e.attempts()),
            _ => None,
        }
    }

    /// True for `DryRunOperation`: with `DryRun` set, this is the answer
    /// that means the caller has the permissions the request needs.
    pub fn is_dry_run_operation(&self) -> bool {
        matches!(self, Error::Service(e) if e.is_dry_run_operation())
    }

    /// True for `UnauthorizedOperation`: the caller lacks a permission.
    pub fn is_unauthorized_operation(&self) -> bool {
        matches!(self, Error::Service(e) if e.is_unauthorized_operation())
    }
}

impl<E: ModeledError> Error<E> {
    /// The service's error code, for [`Error::Service`].
    pub fn code(&self) -> Option<&str> {
        match self {
            Error::Service(e) => Some(&e.meta().code),
            _ => None,
        }
    }

    /// The service's error message, for [`Error::Service`].
    pub fn message(&self) -> Option<&str> {
        match self {
            Error::Service(e) => e.meta().message.as_deref(),
            _ => None,
        }
    }

    /// The request id, when the service answered.
    pub fn request_id(&self) -> Option<&str> {
        match self {
            Error::Service(e) => e.meta().request_id.as_deref(),
            Error::Response { request_id, .. } | Error::Incomplete { request_id, .. } => {
                request_id.as_deref()
            }
            _ => None,
        }
    }

    /// The service's error, if it answered with one.
    pub fn service_error(&self) -> Option<&E> {
        match self {
            Error::Service(e) => Some(e),
            _ => None,
        }
    }
}

impl<E: ModeledError> From<Error<E>> for Error {
    /// Forgets the error's type: its code, message and request id stay.
    fn from(e: Error<E>) -> Self {
        match e {
            Error::Build(e) => Error::Build(e),
            Error::Validation(e) => Error::Validation(e),
            Error::Service(e) => {
                let meta = e.into_meta();
                Error::Service(ServiceError {
                    code: meta.code,
                    message: meta.message,
                    request_id: meta.request_id,
                    status: meta.status,
                    headers: meta.headers,
                    attempts: meta.attempts,
                })
            }
            Error::Send(e) => Error::Send(e),
            Error::Response {
                error,
                status,
                request_id,
            } => Error::Response {
                error,
                status,
                request_id,
            },
            Error::ResourceNotFound { resource, id } => Error::ResourceNotFound { resource, id },
            Error::Incomplete {
                operation,
                member,
                request_id,
            } => Error::Incomplete {
                operation,
                member,
                request_id,
            },
            Error::RepeatedToken { operation, token } => Error::RepeatedToken { operation, token },
            Error::Pagination { operation, message } => Error::Pagination { operation, message },
        }
    }
}

/// What every error answer has: the code, the message, the request id, the
/// HTTP status and headers, and the number of attempts.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ErrorMeta {
    /// The error code (`NoSuchEntity`).
    pub code: String,
    /// The message, if the service sent one.
    pub message: Option<String>,
    /// The request id, if the service sent one.
    pub request_id: Option<String>,
    /// The HTTP status of the answer.
    pub status: u16,
    /// The HTTP headers of the answer.
    pub headers: Headers,
    /// How many attempts the request took, the last included.
    pub attempts: u32,
}

impl fmt::Display for ErrorMeta {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} (HTTP {})", self.code, self.status)?;
        if let Some(message) = &self.message {
            write!(f, ": {message}")?;
        }
        if let Some(id) = &self.request_id {
            write!(f, " (request id {id})")?;
        }
        Ok(())
    }
}

/// The generated enum of the errors an operation declares: one variant per
/// error structure, holding it, and one for the codes the model does not
/// declare.
pub trait ModeledError: std::error::Error + Send + Sync + Sized + 'static {
    /// The error of an error answer: `meta` as the protocol's error
    /// document gives it, `body` the document, for the typed structure.
    fn from_answer(meta: ErrorMeta, body: &[u8]) -> Self;

    /// The code, message, request id and status.
    fn meta(&self) -> &ErrorMeta;

    /// The code, message, request id and status, without the rest.
    fn into_meta(self) -> ErrorMeta;
}

impl<E: fmt::Display> fmt::Display for Error<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Build(e) => write!(f, "invalid input: {e}"),
            Error::Validation(e) => e.fmt(f),
            Error::Service(e) => write!(f, "the service returned an error: {e}"),
            Error::Send(e) => e.fmt(f),
            Error::Response { error, status, .. } => {
                write!(f, "unreadable answer (HTTP {status}): {error}")
            }
            Error::ResourceNotFound { resource, id } => {
                write!(f, "{resource} {id} was not found")
            }
            Error::Incomplete {
                operation, member, ..
            } => write!(f, "the answer to {operation} has no {member}"),
            Error::RepeatedToken { operation, token } => write!(
                f,
                "{operation} returned the continuation token {token:?} twice in a row; stopped paging"
            ),
            Error::Pagination { operation, message } => {
                write!(f, "cannot page {operation}: {message}")
            }
        }
    }
}

impl<E: std::error::Error + 'static> std::error::Error for Error<E> {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Error::Build(e) => Some(e),
            Error::Validation(e) => Some(e),
            Error::Service(e) => Some(e),
            Error::Send(e) => Some(e),
            Error::Response { error, .. } => Some(error),
            Error::ResourceNotFound { .. }
            | Error::Incomplete { .. }
            | Error::RepeatedToken { .. }
            | Error::Pagination { .. } => None,
        }
    }
}

impl<E> From<BuildError> for Error<E> {
    fn from(e: BuildError) -> Self {
        Error::Build(e)
    }
}

impl<E> From<ValidationError> for Error<E> {
    fn from(e: ValidationError) -> Self {
        Error::Validation(e)
    }
}

/// The parser of an operation's answer (a generated
/// `protocol::deserialize` function).
pub type ParseFn<T> = fn(&[u8]) -> Result<(T, Option<String>), ResponseError>;

/// The check of an operation's input against the model's constraints (a
/// generated `constraints` function).
pub type CheckFn<I> = fn(&I, &Path<'_>, &mut ValidationError);

/// The body of an operation's request: its input, built (or why it could
/// not be), checked by `check` unless the configuration turns checks off,
/// then serialized.
///
/// Run when `send()` is called, before its future is first polled, so that
/// a generated `send()` is a plain function over two generic ones of this
/// crate: the compiler then builds no state machine per operation.
#[inline]
pub fn body<I, E>(
    handle: &Handle,
    input: Result<I, BuildError>,
    check: Option<CheckFn<I>>,
    serialize: fn(&I) -> String,
) -> Result<String, Error<E>> {
    let input = input?;
    if let Some(check) = check {
        if handle.config().parameter_validation() {
            let mut errors = ValidationError::default();
            check(&input, &Path::Input, &mut errors);
            errors.into_result()?;
        }
    }
    Ok(serialize(&input))
}

/// Sends one operation: the body, signed and retried by `handle`, then the
/// answer parsed by `parse`, or the error document read by the service's
/// [`parse_error`](crate::client::Service::parse_error). A `body` that is an
/// error (see [`body`]) is returned as it is, with nothing sent.
pub async fn call<T>(
    handle: Handle,
    action: &'static str,
    body: Result<String, Error>,
    parse: ParseFn<T>,
) -> Result<Response<T>, Error> {
    call_with(&handle, action, body?, parse, |e, _| e).await
}

/// Like [`call`], for an operation that declares errors: an error answer
/// becomes the operation's error enum `E`.
pub async fn call_modeled<T, E: ModeledError>(
    handle: Handle,
    action: &'static str,
    body: Result<String, Error<E>>,
    parse: ParseFn<T>,
) -> Result<Response<T>, Error<E>> {
    call_with(&handle, action, body?, parse, |e, body| {
        let meta = ErrorMeta {
            code: e.code,
            message: e.message,
            request_id: e.request_id,
            status: e.status,
            headers: e.headers,
            attempts: e.attempts,
        };
        E::from_answer(meta, body)
    })
    .await
}

async fn call_with<T, E>(
    handle: &Handle,
    action: &'static str,
    body: String,
    parse: ParseFn<T>,
    typed: impl FnOnce(ServiceError, &[u8]) -> E,
) -> Result<Response<T>, Error<E>> {
    let raw = handle.send(action, body).await.map_err(Error::Send)?;
    let header_id = raw.request_id().map(str::to_string);
    let parsed = if raw.is_success() {
        parse(raw.body())
    } else {
        (handle.service().parse_error)(raw.body())
            .map_err(ResponseError::Xml)
            .and_then(|e| Err(ResponseError::Service(e)))
    };
    let headers = || Headers::new(raw.headers());
    match parsed {
        Ok((output, body_id)) => Ok(Response::with_metadata(
            output,
            ResponseMetadata::new(
                body_id.or(header_id),
                raw.status(),
                headers(),
                raw.attempts(),
            ),
        )),
        Err(ResponseError::Service(mut e)) => {
            if e.request_id.is_none() {
                e.request_id = header_id;
            }
            e.status = raw.status();
            e.headers = headers();
            e.attempts = raw.attempts();
            Err(Error::Service(typed(e, raw.body())))
        }
        Err(ResponseError::Xml(error)) => Err(Error::Response {
            error,
            status: raw.status(),
            request_id: header_id,
        }),
    }
}

/// The future of one call of an operation.
pub type CallFuture<O> = Pin<Box<dyn Future<Output = Result<Response<O>, Error>> + Send>>;

/// An operation's fluent builder, seen generically: what paginators and
/// waiters need of it. Implemented by the generated fluent builders of
/// operations that have a paginator or a waiter.
pub trait Call: Clone + Send + Sync + Unpin + 'static {
    /// The operation's input.
    type Input: Send + Sync + 'static;
    /// The operation's output.
    type Output: Send + Unpin + 'static;
    /// The operation name (`DescribeImages`).
    const OPERATION: &'static str;

    /// The input as set so far, built.
    fn input(&self) -> Result<Self::Input, BuildError>;
    /// Sends the request.
    fn send_call(self) -> CallFuture<Self::Output>;
}

/// A wait being set up: the operation's request, a waiter of the model and
/// how long to wait. The model's delays and number of attempts are the
/// defaults; set [`max_attempts`](Self::max_attempts),
/// [`delay`](Self::delay) or [`max_wait`](Self::max_wait) if need be, then
/// `.await` it.
pub struct Wait<C: Call> {
    call: C,
    waiter: &'static Waiter<C::Input, C::Output>,
    config: WaiterConfig,
}

impl<C: Call> Wait<C> {
    /// Waits with `waiter` on `call`, with the default configuration.
    pub fn new(call: C, waiter: &'static Waiter<C::Input, C::Output>) -> Self {
        Wait {
            call,
            waiter,
            config: WaiterConfig::default(),
        }
    }

    /// The longest the wait may take.
    pub fn max_wait(mut self, max_wait: Duration) -> Self {
        self.config = self.config.max_wait(max_wait);
        self
    }

    /// The shortest delay between attempts (the model's by default).
    pub fn min_delay(mut self, delay: Duration) -> Self {
        self.config = self.config.min_delay(delay);
        self
    }

    /// The longest delay between attempts (the model's by default).
    pub fn max_delay(mut self, delay: Duration) -> Self {
        self.config = self.config.max_delay(delay);
        self
    }

    /// The most calls of the operation (the model's by default, boto3's
    /// `MaxAttempts`).
    pub fn max_attempts(mut self, attempts: u32) -> Self {
        self.config = self.config.max_attempts(attempts);
        self
    }

    /// A fixed delay between attempts (boto3's `Delay`), in place of the
    /// model's.
    pub fn delay(mut self, delay: Duration) -> Self {
        self.config = self.config.delay(delay);
        self
    }

    /// The whole configuration at once.
    pub fn config(mut self, config: WaiterConfig) -> Self {
        self.config = config;
        self
    }
}

/// What a wait gives: the last output (or the error an acceptor took for
/// success) and how the wait went, or why it failed.
pub type WaitResult<O> = Result<WaiterSuccess<O, Error>, WaiterError<Error>>;

impl<C: Call> IntoFuture for Wait<C> {
    type Output = WaitResult<C::Output>;
    type IntoFuture = Pin<Box<dyn Future<Output = Self::Output> + Send>>;

    fn into_future(self) -> Self::IntoFuture {
        Box::pin(async move {
            let input = self.call.input().map_err(|e| WaiterError::Operation {
                waiter: self.waiter.name,
                error: Error::Build(e),
            })?;
            let call = self.call;
            let poll = || {
                let call = call.clone();
                async move { call.send_call().await.map(Response::into_output) }
            };
            wait(self.waiter, &input, &self.config, poll, |e: &Error| {
                Failure {
                    code: e.code(),
                    status: e.status(),
                }
            })
            .await
        })
    }
}
