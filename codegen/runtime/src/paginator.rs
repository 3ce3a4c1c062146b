//! Paginators: the pages of an operation, one request at a time, as async
//! iterators (`next_page().await`) and as [`Stream`]s, and the items of
//! those pages likewise.
//!
//! Where the operation's answer has a streamed list (see
//! [`stream`](crate::stream)), [`Paginator::items`] reads each page's items
//! from the connection as they arrive, one page at a time, in memory
//! bounded by one item; [`Paginator::next_page`] reads whole pages.
//!
//! Paging stops when the service sends no continuation token or an empty
//! one. A token equal to the one just sent ends paging with
//! [`Error::RepeatedToken`] instead of looping forever.

use std::collections::VecDeque;
use std::future::poll_fn;
use std::pin::Pin;
use std::task::{Context, Poll};

use futures_core::Stream;

use super::operation::{Call, CallFuture, Error, Response};
use super::stream::pages::{poll_items, PageState};
use super::stream::StreamFuture;

/// An operation that can be paged: implemented by the generated fluent
/// builders of paginated operations.
pub trait Paginated: Call {
    /// The items of a page (`Image` for `DescribeImages`).
    type Item: Send + Unpin + 'static;

    /// The same request asking for the page after `token`.
    fn with_token(self, token: Option<String>) -> Self;
    /// The continuation token of a page, if any.
    fn next_token(output: &Self::Output) -> Option<&str>;
    /// Takes the items out of a page.
    fn items(output: Self::Output) -> Vec<Self::Item>;

    /// True if [`send_streaming_call`](Self::send_streaming_call) streams
    /// the items of a page.
    const STREAMED: bool = false;

    /// Sends the request and streams the items of its page as they arrive;
    /// `None` for an operation whose pages are read whole.
    fn send_streaming_call(self) -> Option<StreamFuture<Self::Item, Self::Output>> {
        None
    }
}

/// The pages of a paginated operation.
pub struct Paginator<Op: Paginated> {
    call: Op,
    /// The token of the page being or to be fetched.
    token: Option<String>,
    in_flight: Option<CallFuture<Op::Output>>,
    /// An error to give after the page that caused it.
    pending: Option<Error>,
    done: bool,
}

impl<Op: Paginated> Paginator<Op> {
    /// Pages through `call`, starting with its own token, if it has one.
    pub fn new(call: Op) -> Self {
        Paginator {
            call,
            token: None,
            in_flight: None,
            pending: None,
            done: false,
        }
    }

    /// The next page, or `None` when there are no more. After an error,
    /// there are no more.
    pub async fn next_page(&mut self) -> Option<Result<Response<Op::Output>, Error>> {
        poll_fn(|cx| Pin::new(&mut *self).poll_next(cx)).await
    }

    /// The items of all pages, one by one: streamed from the connection
    /// where the operation allows it (an error in the middle of a page
    /// comes after the items before it, and ends paging; see
    /// [`ItemStream`](crate::stream::ItemStream)), else from whole pages.
    pub fn items(self) -> Items<Op> {
        Items {
            pages: self,
            buffer: VecDeque::new(),
            streamed: PageState::Idle,
        }
    }

    /// The request for the next page; else the error to give, or `None`
    /// when paging is over.
    pub(crate) fn next_request(&mut self) -> Result<Op, Option<Error>> {
        if let Some(error) = self.pending.take() {
            self.done = true;
            return Err(Some(error));
        }
        if self.done {
            return Err(None);
        }
        let call = self.call.clone();
        Ok(match &self.token {
            Some(token) => call.with_token(Some(token.clone())),
            None => call,
        })
    }

    /// Ends paging (after an error).
    pub(crate) fn stop(&mut self) {
        self.done = true;
    }

    /// Takes the continuation token of the page just read.
    pub(crate) fn page_read(&mut self, next: Option<&str>) {
        match next.filter(|t| !t.is_empty()) {
            None => self.done = true,
            Some(next) if self.token.as_deref() == Some(next) => {
                self.pending = Some(Error::RepeatedToken {
                    operation: Op::OPERATION,
                    token: next.to_string(),
                });
            }
            Some(next) => self.token = Some(next.to_string()),
        }
    }
}

impl<Op: Paginated> Stream for Paginator<Op> {
    type Item = Result<Response<Op::Output>, Error>;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        let this = &mut *self;
        if this.in_flight.is_none() {
            match this.next_request() {
                Ok(call) => this.in_flight = Some(call.send_call()),
                Err(error) => return Poll::Ready(error.map(Err)),
            }
        }
        let Some(future) = this.in_flight.as_mut() else {
            return Poll::Ready(None);
        };
        let result = match future.as_mut().poll(cx) {
            Poll::Pending => return Poll::Pending,
            Poll::Ready(result) => result,
        };
        this.in_flight = None;
        let page = match result {
            Ok(page) => page,
            Err(error) => {
                this.done = true;
                return Poll::Ready(Some(Err(error)));
            }
        };
        this.page_read(Op::next_token(page.output()));
        Poll::Ready(Some(Ok(page)))
    }
}

/// The items of all pages of a paginated operation.
pub struct Items<Op: Paginated> {
    pages: Paginator<Op>,
    buffer: VecDeque<Op::Item>,
    streamed: PageState<Op>,
}

impl<Op: Paginated> Items<Op> {
    /// The next item, or `None` when all pages are done.
    pub async fn next(&mut self) -> Option<Result<Op::Item, Error>> {
        poll_fn(|cx| Pin::new(&mut *self).poll_next(cx)).await
    }

    /// Every item of every page, or the first error.
    pub async fn collect(mut self) -> Result<Vec<Op::Item>, Error> {
        let mut all = Vec::new();
        while let Some(item) = self.next().await {
            all.push(item?);
        }
        Ok(all)
    }
}

impl<Op: Paginated> Stream for Items<Op> {
    type Item = Result<Op::Item, Error>;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        let this = &mut *self;
        if Op::STREAMED {
            return poll_items(&mut this.pages, &mut this.streamed, cx);
        }
        loop {
            if let Some(item) = this.buffer.pop_front() {
                return Poll::Ready(Some(Ok(item)));
            }
            match Pin::new(&mut this.pages).poll_next(cx) {
                Poll::Pending => return Poll::Pending,
                Poll::Ready(None) => return Poll::Ready(None),
                Poll::Ready(Some(Err(e))) => return Poll::Ready(Some(Err(e))),
                Poll::Ready(Some(Ok(page))) => {
                    this.buffer.extend(Op::items(page.into_output()));
                }
            }
        }
    }
}
