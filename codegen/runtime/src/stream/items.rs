//! [`ItemStream`]: the items of one answer, read from the connection as
//! they arrive.

use std::future::{poll_fn, Future};
use std::pin::Pin;
use std::task::{Context, Poll};
use std::time::Duration;

use futures_core::Stream;
use hyper::body::{Body, Incoming};

use super::scan::{Found, ScanError, Scanner};
use super::ListPlan;
use crate::client::{ErrorParseFn, Handle, SendError, SendErrorKind};
use crate::operation::{Error, Response};
use crate::xml::{Reader, ResponseError, ServiceError, XmlError};

/// The future of a streamed call: the stream, once the answer's headers
/// are in.
pub type StreamFuture<T, O> = Pin<Box<dyn Future<Output = Result<ItemStream<T, O>, Error>> + Send>>;

/// Sends one operation and streams the items of its answer's list.
///
/// The request is signed and retried as [`call`](crate::operation::call)
/// does, up to the answer's headers: an error status is read whole (its
/// error document decides a retry, and becomes the `Err` returned here), so
/// every retry happens before the stream exists. A success gives the
/// stream, its body unread.
pub async fn call_streaming<T: 'static, O: 'static>(
    handle: Handle,
    action: &'static str,
    body: Result<String, Error>,
    plan: &'static ListPlan<T, O>,
) -> Result<ItemStream<T, O>, Error> {
    let (raw, streamed) = handle
        .send_streaming(action, body?)
        .await
        .map_err(Error::<ServiceError>::Send)?;
    let header_id = raw.request_id().map(str::to_string);
    let Some(body) = streamed else {
        let service = handle.service();
        return Err(match (service.parse_error)(raw.body()) {
            Ok(mut e) => {
                if e.request_id.is_none() {
                    e.request_id = header_id;
                }
                Error::Service(e)
            }
            Err(error) => Error::Response {
                error,
                status: raw.status(),
                request_id: header_id,
            },
        });
    };
    let config = handle.config();
    let max_item = usize::try_from(config.max_body_size).unwrap_or(usize::MAX);
    Ok(ItemStream {
        plan,
        scanner: Scanner::new(&plan.path, max_item),
        body: Some(body),
        action,
        url: handle.endpoint().ok(),
        attempts: raw.attempts(),
        status: raw.status(),
        header_id,
        body_id: None,
        parse_error: handle.service().parse_error,
        idle_limit: config.attempt_timeout,
        idle: None,
        output: None,
        finished: false,
    })
}

/// The items of one answer's list, parsed as they arrive from the
/// connection; an async iterator ([`next`](Self::next)) and a [`Stream`].
///
/// - **Retries** happen before the stream exists (see [`call_streaming`]),
///   never after its first item: an answer that fails halfway is not sent
///   again, as its first items were already given.
/// - **Errors in the middle of the body** (the body cut short, malformed
///   XML, the connection reset, an error document in place of the rest of
///   the answer, an item larger than `Config::max_body_size`, no data for
///   longer than `Config::attempt_timeout`) come as one `Err` after the
///   items already yielded; then the stream ends (`None`).
/// - **The request id** ([`request_id`](Self::request_id)) is the one of
///   the headers from the start, or the body's once read: EC2 sends it
///   before the items, the AWS query protocol after them.
/// - **The rest of the output** (the next token...) is known once the
///   stream has ended without error ([`output`](Self::output)).
/// - **Dropping the stream** before its end closes the connection (it is
///   not returned to the pool with unread bytes); nothing else is left
///   running.
pub struct ItemStream<T: 'static, O: 'static> {
    plan: &'static ListPlan<T, O>,
    scanner: Scanner,
    body: Option<Incoming>,
    action: &'static str,
    url: Option<String>,
    attempts: u32,
    status: u16,
    header_id: Option<String>,
    body_id: Option<String>,
    parse_error: ErrorParseFn,
    idle_limit: Option<Duration>,
    idle: Option<Pin<Box<tokio::time::Sleep>>>,
    output: Option<O>,
    finished: bool,
}

impl<T: 'static, O: 'static> std::fmt::Debug for ItemStream<T, O> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ItemStream")
            .field("action", &self.action)
            .field("status", &self.status)
            .field("request_id", &self.request_id())
            .field("offset", &self.scanner.offset())
            .field("finished", &self.finished)
            .finish_non_exhaustive()
    }
}

impl<T: 'static, O: 'static> ItemStream<T, O> {
    /// The next item; `None` at the end of the list, or after an error.
    pub async fn next(&mut self) -> Option<Result<T, Error>> {
        poll_fn(|cx| self.poll_item(cx)).await
    }

    /// The request id: the body's once read, else the headers'.
    pub fn request_id(&self) -> Option<&str> {
        self.body_id.as_deref().or(self.header_id.as_deref())
    }

    /// The HTTP status of the answer (a success).
    pub fn status(&self) -> u16 {
        self.status
    }

    /// The output without its streamed list (the next token, the other
    /// members), once the stream has ended without error; `None` before.
    pub fn output(&self) -> Option<&O> {
        self.output.as_ref()
    }

    /// Every remaining item, then the output with them in the response, or
    /// the first error. `put` puts the items into the output.
    pub async fn collect_into(
        mut self,
        put: impl FnOnce(&mut O, Vec<T>),
    ) -> Result<Response<O>, Error> {
        let mut items = Vec::new();
        while let Some(item) = self.next().await {
            items.push(item?);
        }
        let request_id = self.request_id().map(str::to_string);
        match self.output.take() {
            Some(mut output) => {
                put(&mut output, items);
                Ok(Response::new(output, request_id))
            }
            None => Err(self.error(XmlError::at("the answer has no output", None, 0))),
        }
    }

    /// The output, once the stream has ended without error.
    pub fn into_output(self) -> Option<Response<O>> {
        let request_id = self.request_id().map(str::to_string);
        self.output.map(|o| Response::new(o, request_id))
    }

    fn error(&self, error: XmlError) -> Error {
        Error::Response {
            error,
            status: self.status,
            request_id: self.request_id().map(str::to_string),
        }
    }

    /// Ends the stream with `error`: the connection is closed.
    fn fail(&mut self, error: Error) -> Poll<Option<Result<T, Error>>> {
        self.finished = true;
        self.body = None;
        Poll::Ready(Some(Err(error)))
    }

    fn fail_xml(&mut self, error: XmlError) -> Poll<Option<Result<T, Error>>> {
        let error = self.error(error);
        self.fail(error)
    }

    fn service_error(&self, mut e: ServiceError) -> Error {
        if e.request_id.is_none() {
            e.request_id = self.request_id().map(str::to_string);
        }
        Error::Service(e)
    }

    /// The answer's parser over the outline: the output, or the error.
    fn finish(&mut self) -> Poll<Option<Result<T, Error>>> {
        match (self.plan.parse_answer)(self.scanner.outline()) {
            Ok((output, id)) => {
                if id.is_some() {
                    self.body_id = id;
                }
                self.output = Some(output);
                self.finished = true;
                Poll::Ready(None)
            }
            Err(ResponseError::Service(e)) => {
                let error = self.service_error(e);
                self.fail(error)
            }
            Err(ResponseError::Xml(e)) => self.fail_xml(e),
        }
    }

    /// The root element is closed: reads what has already arrived of the
    /// rest of the body (a newline, the end of the chunked encoding) so
    /// that, if that is all, the connection can serve the next request;
    /// then finishes without waiting for more. Bytes after the root are not
    /// parsed; a body that goes on (more than the outline's limit, or not
    /// yet arrived) is dropped, closing the connection.
    fn finish_after_drain(&mut self, cx: &mut Context<'_>) -> Poll<Option<Result<T, Error>>> {
        let mut trailing = 0usize;
        while let Some(body) = self.body.as_mut() {
            match Pin::new(body).poll_frame(cx) {
                Poll::Pending => self.body = None,
                Poll::Ready(Some(Ok(frame))) => {
                    trailing += frame.data_ref().map_or(0, |d| d.len());
                    if trailing > super::scan::MAX_OUTLINE_BYTES {
                        self.body = None;
                    }
                }
                Poll::Ready(None) | Poll::Ready(Some(Err(_))) => self.body = None,
            }
        }
        self.finish()
    }

    /// The body ended before the root element closed.
    fn cut_short(&mut self) -> Poll<Option<Result<T, Error>>> {
        let Some((bytes, offset, _)) = self.scanner.partial_item() else {
            // Outside an item: the answer's parser says what is missing
            // (or, for a protocol that allows an empty body, reads it).
            return self.finish();
        };
        let mut reader = Reader::new(bytes);
        let error = match reader
            .root()
            .and_then(|_| (self.plan.parse_item)(&mut reader))
        {
            Err(e) => e.shifted(offset),
            Ok(_) => XmlError::at(
                "the body ends before the answer is closed",
                None,
                self.scanner.offset(),
            ),
        };
        self.fail_xml(error)
    }

    fn scan_error(&mut self, error: ScanError) -> Poll<Option<Result<T, Error>>> {
        let error = match error {
            ScanError::ItemTooLarge { limit, offset } => XmlError::at(
                format!("an item is larger than {limit} bytes (ConfigBuilder::max_body_size)"),
                None,
                offset,
            ),
            ScanError::OutlineTooLarge { offset } => XmlError::at(
                format!(
                    "more than {} bytes of the answer are outside the list's items",
                    super::scan::MAX_OUTLINE_BYTES
                ),
                None,
                offset,
            ),
            ScanError::TooDeep { offset } => XmlError::at(
                format!("elements are nested deeper than {}", crate::xml::MAX_DEPTH),
                None,
                offset,
            ),
            ScanError::StrayEnd { offset } => {
                XmlError::at("malformed XML: an end tag with no start", None, offset)
            }
        };
        self.fail_xml(error)
    }

    pub(crate) fn poll_item(&mut self, cx: &mut Context<'_>) -> Poll<Option<Result<T, Error>>> {
        loop {
            if self.finished {
                return Poll::Ready(None);
            }
            let found = match self.scanner.next() {
                Ok(found) => found,
                Err(e) => return self.scan_error(e),
            };
            match found {
                Found::Item { start, end, offset } => {
                    let mut reader = Reader::new(self.scanner.bytes(start, end));
                    let item = reader
                        .root()
                        .and_then(|_| (self.plan.parse_item)(&mut reader));
                    return match item {
                        Ok(item) => Poll::Ready(Some(Ok(item))),
                        Err(e) => self.fail_xml(e.shifted(offset)),
                    };
                }
                Found::ErrorDocument { start, end, offset } => {
                    return match (self.parse_error)(self.scanner.bytes(start, end)) {
                        Ok(e) => {
                            let error = self.service_error(e);
                            self.fail(error)
                        }
                        Err(e) => self.fail_xml(e.shifted(offset)),
                    };
                }
                Found::ListOpened => {
                    if let Ok((_, Some(id))) =
                        (self.plan.parse_answer)(&self.scanner.closed_outline())
                    {
                        self.body_id = Some(id);
                    }
                }
                Found::End => return self.finish_after_drain(cx),
                Found::NeedMore => {
                    if let Some(ready) = self.poll_body(cx) {
                        return ready;
                    }
                }
            }
        }
    }

    /// Feeds the next chunk of the body to the scanner; `Some` for what to
    /// return instead (not ready yet, the end, an error).
    fn poll_body(&mut self, cx: &mut Context<'_>) -> Option<Poll<Option<Result<T, Error>>>> {
        let Some(body) = self.body.as_mut() else {
            return Some(self.cut_short());
        };
        match Pin::new(body).poll_frame(cx) {
            Poll::Pending => {
                let Some(limit) = self.idle_limit else {
                    return Some(Poll::Pending);
                };
                let idle = self
                    .idle
                    .get_or_insert_with(|| Box::pin(tokio::time::sleep(limit)));
                if idle.as_mut().poll(cx).is_pending() {
                    return Some(Poll::Pending);
                }
                let error = SendError::during_body(
                    self.action,
                    self.url.clone(),
                    self.attempts,
                    SendErrorKind::Timeout {
                        limit,
                        whole_operation: false,
                    },
                );
                Some(self.fail(Error::Send(error)))
            }
            Poll::Ready(None) => {
                self.body = None;
                Some(self.cut_short())
            }
            Poll::Ready(Some(Err(e))) => {
                let error = SendError::during_body(
                    self.action,
                    self.url.clone(),
                    self.attempts,
                    SendErrorKind::Transport(Box::new(e)),
                );
                Some(self.fail(Error::Send(error)))
            }
            Poll::Ready(Some(Ok(frame))) => {
                self.idle = None;
                if let Ok(data) = frame.into_data() {
                    self.scanner.feed(&data);
                }
                None
            }
        }
    }
}

impl<T: 'static, O: 'static> Unpin for ItemStream<T, O> {}

impl<T: 'static, O: 'static> Stream for ItemStream<T, O> {
    type Item = Result<T, Error>;

    fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        self.get_mut().poll_item(cx)
    }
}
