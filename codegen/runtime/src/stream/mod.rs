//! Items from the socket: the items of an answer's list (each `Image` of
//! `DescribeImages`), yielded as soon as each one's closing tag has
//! arrived, in memory bounded by one item plus a fixed buffer, whatever
//! the size of the answer.
//!
//! # Design
//!
//! The body is read chunk by chunk from the connection. A resumable
//! scanner ([`scan`]) is fed each chunk; it looks only at markup
//! boundaries (`<` found with `memchr`, then the end of the tag) and tracks
//! the path of open elements from the root, so it knows when an element
//! opens at the place of the list's items (`DescribeImagesResponse` /
//! `imagesSet` / `item`). It keeps the bytes of the item being received and
//! nothing before them; when the item's end tag arrives, those bytes are
//! parsed by the generated parser of the item's shape (`de_image`, the same
//! function the whole-body parser calls for each item), over the same
//! [`xml::Reader`](crate::xml::Reader), and the item is yielded. The bytes
//! that are not items (the root, `requestId`, `nextToken`, the list's own
//! tags: the "outline", a few hundred bytes) are kept apart and parsed at
//! the end by the operation's whole-body parser, which gives the rest of
//! the output (its list empty) and the request id; when the list opens,
//! the outline so far, its open elements closed, is parsed the same way to
//! learn a request id sent before the items (EC2 sends it first).
//!
//! So memory is one chunk, one item and the outline (at most
//! [`scan::MAX_OUTLINE_BYTES`]), and there is one parser per shape, not a
//! streaming copy of every parser: what the whole-body path accepts and
//! rejects, the streaming path does too. The price is that item bytes are
//! looked at twice (once by the scanner, a `memchr` pass far faster than
//! the parse, once by the parser).
//!
//! The other design, a `quick_xml::Reader` over a buffered reader of the
//! body, was not chosen: the generated parsers are synchronous and borrow
//! text from a whole input (`Cow<'a, str>`); running them over a reader fed
//! by an async body needs either a second, async copy of every generated
//! parser, or a thread blocking on a channel of chunks, and every text
//! would be copied out of the reader's buffer.
//!
//! # Semantics
//!
//! See [`ItemStream`]: retries happen before the first item, never after;
//! an error in the middle of the body is one `Err` after the items already
//! yielded, then the end; the request id is known from the headers, or
//! from the body once read; dropping the stream closes the connection.

mod items;
pub(crate) mod pages;
pub mod scan;

pub use items::{call_streaming, ItemStream, StreamFuture};

use crate::operation::ParseFn;
use crate::xml::{Reader, XmlError};

/// Where the items of a streamed list are in an answer, by element local
/// names (without namespace prefix).
#[derive(Debug)]
pub struct ListPath {
    /// The root element (`DescribeImagesResponse`).
    pub root: &'static [u8],
    /// The elements from the root (excluded) to the element holding the
    /// items (included): `imagesSet`; for a flattened list, the items'
    /// parent (`ListTopicsResult`).
    pub path: &'static [&'static [u8]],
    /// The items' element (`item`, `member`, or the member's own name for a
    /// flattened list).
    pub item: &'static [u8],
    /// The root of the protocol's error document (`Response`,
    /// `ErrorResponse`): such an element inside the answer (a service
    /// failing after it began to answer) ends the stream with its error.
    pub error_root: &'static [u8],
}

/// What a generated crate declares about an operation whose answer's list
/// is streamed.
pub struct ListPlan<T, O> {
    /// Where the items are.
    pub path: ListPath,
    /// Parses one item from the children of its element (the reader is in
    /// the item's element).
    pub parse_item: fn(&mut Reader<'_>) -> Result<T, XmlError>,
    /// The operation's whole-body parser, run on the bytes outside the
    /// items: the rest of the output and the request id.
    pub parse_answer: ParseFn<O>,
}

impl<T, O> std::fmt::Debug for ListPlan<T, O> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ListPlan")
            .field("path", &self.path)
            .finish_non_exhaustive()
    }
}
