//! The paginator's items on the streaming path: each page's items yielded
//! from the connection as they arrive, the next token read from the tail
//! of the page.

use std::task::{Context, Poll};

use super::items::{ItemStream, StreamFuture};
use crate::operation::Error;
use crate::paginator::{Paginated, Paginator};

/// Where the streamed items of a paginator are.
pub(crate) enum PageState<Op: Paginated> {
    /// Between pages.
    Idle,
    /// The request of a page is being sent (and retried).
    Sending(StreamFuture<Op::Item, Op::Output>),
    /// A page's items are arriving.
    Reading(Box<ItemStream<Op::Item, Op::Output>>),
}

/// The next item of the pages of `pages`, streamed page by page.
pub(crate) fn poll_items<Op: Paginated>(
    pages: &mut Paginator<Op>,
    state: &mut PageState<Op>,
    cx: &mut Context<'_>,
) -> Poll<Option<Result<Op::Item, Error>>> {
    loop {
        match state {
            PageState::Idle => match pages.next_request() {
                Ok(call) => match call.send_streaming_call() {
                    Some(future) => *state = PageState::Sending(future),
                    None => {
                        pages.stop();
                        return Poll::Ready(None);
                    }
                },
                Err(error) => return Poll::Ready(error.map(Err)),
            },
            PageState::Sending(future) => match future.as_mut().poll(cx) {
                Poll::Pending => return Poll::Pending,
                Poll::Ready(Ok(stream)) => *state = PageState::Reading(Box::new(stream)),
                Poll::Ready(Err(error)) => {
                    *state = PageState::Idle;
                    pages.stop();
                    return Poll::Ready(Some(Err(error)));
                }
            },
            PageState::Reading(stream) => match stream.poll_item(cx) {
                Poll::Pending => return Poll::Pending,
                Poll::Ready(Some(Ok(item))) => {
                    if pages.skip_item() {
                        continue;
                    }
                    if pages.item_given() {
                        // max_items reached: the rest of the page is not
                        // read (dropping the stream closes the connection).
                        *state = PageState::Idle;
                    }
                    return Poll::Ready(Some(Ok(item)));
                }
                Poll::Ready(Some(Err(error))) => {
                    *state = PageState::Idle;
                    pages.stop();
                    return Poll::Ready(Some(Err(error)));
                }
                Poll::Ready(None) => {
                    let next = stream.output().and_then(Op::next_token).map(str::to_string);
                    pages.page_read(next.as_deref());
                    *state = PageState::Idle;
                }
            },
        }
    }
}
