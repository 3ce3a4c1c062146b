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
//!
//! Like boto3's `PaginationConfig`, a paginator takes a
//! [`max_items`](Paginator::max_items) (the last page is cut to it), a
//! [`page_size`](Paginator::page_size) and a
//! [`starting_token`](Paginator::starting_token); after stopping at
//! `max_items`, [`resume_token`](Paginator::resume_token) says where to go
//! on from, even in the middle of a page.

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
    /// The items of a page, in place (to cut a page to `max_items`).
    fn items_mut(output: &mut Self::Output) -> &mut Vec<Self::Item>;
    /// The same request asking for pages of at most `size` items, or `None`
    /// when the operation has no page-size member.
    fn with_page_size(self, size: i32) -> Option<Self> {
        let _ = size;
        None
    }

    /// True if [`send_streaming_call`](Self::send_streaming_call) streams
    /// the items of a page.
    const STREAMED: bool = false;

    /// Sends the request and streams the items of its page as they arrive;
    /// `None` for an operation whose pages are read whole.
    fn send_streaming_call(self) -> Option<StreamFuture<Self::Item, Self::Output>> {
        None
    }
}

/// Where to go on paging from after a paginator stopped at its
/// [`max_items`](Paginator::max_items): the token of the page to ask for
/// and how many of its items were already given. Give it to
/// [`Paginator::resume`].
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct ResumeToken {
    /// The continuation token of the page to ask for (`None`: the first).
    pub token: Option<String>,
    /// How many items of that page to skip.
    pub skip: usize,
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
    /// Items still to skip at the start of the page (from a resume token),
    /// and how many items of the page were read so far.
    skip: usize,
    page_items: usize,
    /// The most items to give, and how many were given.
    max_items: Option<usize>,
    given: usize,
    /// The page size asked for, if any.
    page_size: Option<i32>,
    /// Where to go on from after stopping at `max_items`.
    resume: Option<ResumeToken>,
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
            skip: 0,
            page_items: 0,
            max_items: None,
            given: 0,
            page_size: None,
            resume: None,
        }
    }

    /// Gives at most `n` items in all (boto3's `MaxItems`): paging stops
    /// there, the page that reaches it is cut, and
    /// [`resume_token`](Self::resume_token) says where to go on from.
    pub fn max_items(mut self, n: usize) -> Self {
        self.max_items = Some(n);
        self
    }

    /// Asks for pages of at most `size` items (boto3's `PageSize`), through
    /// the operation's page-size member. An operation without one answers
    /// the first page with [`Error::Pagination`].
    pub fn page_size(mut self, size: i32) -> Self {
        self.page_size = Some(size);
        self
    }

    /// Starts from the page of this continuation token (boto3's
    /// `StartingToken`, given a `NextToken` the service sent).
    pub fn starting_token(mut self, token: impl Into<String>) -> Self {
        self.token = Some(token.into());
        self.skip = 0;
        self
    }

    /// Goes on from where a paginator stopped at its `max_items`.
    pub fn resume(mut self, from: ResumeToken) -> Self {
        self.token = from.token;
        self.skip = from.skip;
        self
    }

    /// Where to go on from, once paging stopped at
    /// [`max_items`](Self::max_items) with items left; `None` before that,
    /// or when every item was given.
    pub fn resume_token(&self) -> Option<&ResumeToken> {
        self.resume.as_ref()
    }

    /// The next page, or `None` when there are no more. After an error,
    /// there are no more.
    pub async fn next_page(&mut self) -> Option<Result<Response<Op::Output>, Error>> {
        poll_fn(|cx| Pin::new(&mut *self).poll_next(cx)).await
    }

    /// The items of all pages, one by one (at most
    /// [`max_items`](Self::max_items)): streamed from the connection
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
        self.page_items = 0;
        let mut call = self.call.clone();
        if let Some(token) = &self.token {
            call = call.with_token(Some(token.clone()));
        }
        if let Some(size) = self.page_size {
            call = call.with_page_size(size).ok_or_else(|| {
                self.done = true;
                Some(Error::Pagination {
                    operation: Op::OPERATION,
                    message: "the operation has no page-size member".into(),
                })
            })?;
        }
        Ok(call)
    }

    /// Counts one item of the page being read: true if it is to be skipped
    /// (the start of a page resumed in its middle).
    pub(crate) fn skip_item(&mut self) -> bool {
        self.page_items += 1;
        if self.skip > 0 {
            self.skip -= 1;
            true
        } else {
            false
        }
    }

    /// Counts one item given: true if it is the last (`max_items` reached),
    /// and paging then stops with a resume token at the item after it.
    pub(crate) fn item_given(&mut self) -> bool {
        self.given += 1;
        if Some(self.given) != self.max_items {
            return false;
        }
        self.resume = Some(ResumeToken {
            token: self.token.clone(),
            skip: self.page_items,
        });
        self.done = true;
        true
    }

    /// Cuts a whole page to the items not yet given and not past
    /// `max_items`; true if paging stops with it.
    fn cut_page(&mut self, output: &mut Op::Output, next: Option<&str>) -> bool {
        let items = Op::items_mut(output);
        let skip = std::mem::take(&mut self.skip).min(items.len());
        items.drain(..skip);
        let Some(max) = self.max_items else {
            return false;
        };
        let left = max.saturating_sub(self.given);
        if items.len() < left {
            self.given += items.len();
            return false;
        }
        let cut = items.len() > left;
        items.truncate(left);
        self.given = max;
        self.done = true;
        self.resume = if cut {
            Some(ResumeToken {
                token: self.token.clone(),
                skip: skip + left,
            })
        } else {
            next.filter(|t| !t.is_empty()).map(|token| ResumeToken {
                token: Some(token.to_string()),
                skip: 0,
            })
        };
        true
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
        let mut page = match result {
            Ok(page) => page,
            Err(error) => {
                this.done = true;
                return Poll::Ready(Some(Err(error)));
            }
        };
        let next = Op::next_token(page.output()).map(str::to_string);
        if !this.cut_page(page.output_mut(), next.as_deref()) {
            this.page_read(next.as_deref());
        }
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

    /// Where to go on from, once the items stopped at the paginator's
    /// `max_items` (see [`Paginator::resume_token`]).
    pub fn resume_token(&self) -> Option<&ResumeToken> {
        self.pages.resume_token()
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
