//! The pull parser the generated response deserializers run on.
//!
//! [`Reader`] is the one seam between the generated code and `quick-xml`:
//! the generated parsers only ever call [`Reader::next_child`],
//! [`Reader::skip`] and the `read_*` methods, so the same code can later run
//! over a body still arriving from a socket. Nothing here builds a tree or
//! copies the body: text is borrowed from the input unless it has entity
//! references to resolve.
//!
//! The protocol between a parser and the reader: after `next_child` returns
//! an element name, the caller consumes that element with exactly one of a
//! `read_*` method, a nested parser (which calls `next_child` until `None`),
//! or `skip`.
//!
//! Errors never panic: malformed XML, a value of the wrong type, a truncated
//! body or nesting deeper than [`MAX_DEPTH`] all give an [`XmlError`] that
//! says what went wrong, in which element, and at which byte offset.
//!
//! Limits on what a body can make a parser consume:
//! - elements the parsers read (and recurse into) are nested at most
//!   [`MAX_DEPTH`] deep; an element skipped (unknown, or inside a value) may
//!   nest to any depth, as skipping needs no recursion;
//! - the items of lists and maps a body makes a parser allocate may take at
//!   most [`MAX_ITEM_BYTES_PER_BODY_BYTE`] bytes of memory per byte of body
//!   (plus [`MIN_ITEM_BUDGET`]): a body of a million empty `<item/>` cannot
//!   become a million large structures. Real answers use about one byte of
//!   item per byte of body (an EC2 image takes about 1 KB of XML and 1 KB
//!   of memory);
//! - the size of the body itself is the caller's (the client's
//!   `Config::max_body_size`).

use std::borrow::Cow;
use std::fmt;

use quick_xml::events::{BytesStart, Event};

use crate::datetime::{DateTime, TimestampFormat};

/// Elements nested deeper than this are refused (a hostile or corrupt body
/// must not exhaust the stack of the recursive parsers).
pub const MAX_DEPTH: usize = 128;

/// The most bytes of list and map items a parser may allocate per byte of
/// the body (see [`Reader::charge_item`]).
pub const MAX_ITEM_BYTES_PER_BODY_BYTE: usize = 16;

/// The item allocation every body may make, however small.
pub const MIN_ITEM_BUDGET: usize = 64 * 1024;

/// A response body could not be parsed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct XmlError {
    message: String,
    element: Option<String>,
    position: u64,
}

// Used by the streaming parser, which is part of the client.
#[cfg(feature = "client")]
impl XmlError {
    /// An error at `position` in the body, in `element` if known.
    pub(crate) fn at(message: impl Into<String>, element: Option<String>, position: u64) -> Self {
        XmlError {
            message: message.into(),
            element,
            position,
        }
    }

    /// The same error, for a part of the body that starts at `offset`.
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

/// A streaming reader over an XML body.
pub struct Reader<'a> {
    inner: quick_xml::Reader<&'a [u8]>,
    /// The last element returned by `next_child` was `<x/>`: it has no
    /// content and no end event.
    pending_empty: bool,
    /// The byte offsets of the `<` of the open elements the parsers read,
    /// innermost last (skipped elements are counted apart).
    open: Vec<usize>,
    /// The bytes of items the parsers may still allocate.
    item_budget: usize,
    /// The body, from which an error reads the current element's name.
    body: &'a [u8],
    /// The byte offset of the `<` of the element last returned by
    /// `next_child`: its name is read from the body only for an error, so
    /// that no element costs a copy of its name.
    current: Option<usize>,
    /// The body's longest prefix that is UTF-8 (the whole body, but for a
    /// malformed one), checked once in [`Reader::new`]: each text read is a
    /// slice of it.
    utf8: &'a str,
    /// The body has a `\r`: the line ends of texts need normalizing.
    has_cr: bool,
}

impl<'a> Reader<'a> {
    /// A reader over a whole body.
    pub fn new(body: &'a [u8]) -> Self {
        let mut inner = quick_xml::Reader::from_reader(body);
        let config = inner.config_mut();
        config.check_end_names = true;
        config.expand_empty_elements = false;
        config.trim_text(false);
        Reader {
            inner,
            pending_empty: false,
            open: Vec::new(),
            item_budget: body
                .len()
                .saturating_mul(MAX_ITEM_BYTES_PER_BODY_BYTE)
                .max(MIN_ITEM_BUDGET),
            body,
            current: None,
            utf8: utf8_prefix(body),
            has_cr: memchr::memchr(b'\r', body).is_some(),
        }
    }

    /// An error at the current position, in the current element.
    #[cold]
    pub fn error(&self, message: impl Into<String>) -> XmlError {
        self.error_at(message.into(), self.inner.buffer_position())
    }

    #[cold]
    #[inline(never)]
    fn error_at(&self, message: String, position: u64) -> XmlError {
        XmlError {
            message,
            element: self.current_name(),
            position,
        }
    }

    #[cold]
    #[inline(never)]
    fn malformed(&self, e: quick_xml::Error) -> XmlError {
        if self.inner.buffer_position() > self.utf8.len() as u64 {
            return self.not_utf8(&self.body[self.utf8.len()..]);
        }
        self.error_at(format!("malformed XML: {e}"), self.inner.error_position())
    }

    /// The error of text that is not UTF-8: `bytes` (a slice of the body)
    /// at its first byte that is not.
    #[cold]
    #[inline(never)]
    fn not_utf8(&self, bytes: &[u8]) -> XmlError {
        let start = self.offset_of(bytes);
        let valid = std::str::from_utf8(bytes)
            .err()
            .map_or(0, |e| e.valid_up_to());
        let position = start.map_or(self.inner.buffer_position(), |s| (s + valid) as u64);
        self.error_at("malformed XML: invalid UTF-8".to_string(), position)
    }

    /// Text of the body as a string, its line ends normalized as XML 1.0
    /// says (`\r\n` and a lone `\r` read as `\n`). UTF-8 is checked once
    /// for the whole body, not on every event: a text is a slice of the
    /// body's string.
    #[inline]
    fn text(&self, bytes: Cow<'a, [u8]>) -> Result<Cow<'a, str>, XmlError> {
        // quick-xml borrows text from the body (the `&[u8]` reader).
        let Cow::Borrowed(bytes) = bytes else {
            return match String::from_utf8(bytes.into_owned()) {
                Ok(s) => Ok(Cow::Owned(normalize_line_ends(&s).into_owned())),
                Err(e) => Err(self.not_utf8(e.as_bytes())),
            };
        };
        // A text past the body's first byte that is not UTF-8 was refused
        // by `event`: the slice is in the prefix.
        let text = self
            .offset_of(bytes)
            .and_then(|start| self.utf8.get(start..start + bytes.len()));
        match text {
            Some(s) if self.has_cr => Ok(normalize_line_ends(s)),
            Some(s) => Ok(Cow::Borrowed(s)),
            None => Err(self.not_utf8(bytes)),
        }
    }

    /// Where `bytes`, a slice of the body, starts in it.
    #[inline]
    fn offset_of(&self, bytes: &[u8]) -> Option<usize> {
        (bytes.as_ptr() as usize)
            .checked_sub(self.body.as_ptr() as usize)
            .filter(|start| *start <= self.body.len())
    }

    /// The error of a body that ends before the innermost open element is
    /// closed, naming that element.
    #[cold]
    #[inline(never)]
    fn cut(&self) -> XmlError {
        XmlError {
            message: "the body ends before this element is closed".to_string(),
            element: self.open.last().and_then(|&at| self.name_at(at)),
            position: self.inner.buffer_position(),
        }
    }

    /// The error of a body whose root element is not the one expected
    /// (an HTML page from a proxy, another operation's response).
    #[cold]
    #[inline(never)]
    pub fn wrong_root(&self, found: &str, expected: &str) -> XmlError {
        XmlError {
            message: format!("the root element is <{found}>, not <{expected}>"),
            element: Some(found.to_string()),
            position: 0,
        }
    }

    /// Takes `bytes` from the budget of list and map items (see
    /// [`MAX_ITEM_BYTES_PER_BODY_BYTE`]); the generated parsers call it
    /// before adding each item.
    #[inline]
    pub fn charge_item(&mut self, bytes: usize) -> Result<(), XmlError> {
        match self.item_budget.checked_sub(bytes) {
            Some(rest) => {
                self.item_budget = rest;
                Ok(())
            }
            None => Err(self.over_budget()),
        }
    }

    #[cold]
    #[inline(never)]
    fn over_budget(&self) -> XmlError {
        self.error(format!(
            "the body's list items would take more than {MAX_ITEM_BYTES_PER_BODY_BYTE} bytes of memory per byte of body"
        ))
    }

    /// The next event. An event that reaches past the body's first byte
    /// that is not UTF-8 is an error there, as if quick-xml checked every
    /// event (it is checked once, in [`Reader::new`]).
    #[inline]
    fn event(&mut self) -> Result<Event<'a>, XmlError> {
        match self.inner.read_event() {
            Ok(event) if self.inner.buffer_position() <= self.utf8.len() as u64 => Ok(event),
            Ok(_) => Err(self.not_utf8(&self.body[self.utf8.len()..])),
            Err(e) => Err(self.malformed(e)),
        }
    }

    /// Opens the element just made current.
    #[inline]
    fn enter(&mut self) -> Result<(), XmlError> {
        if self.open.len() >= MAX_DEPTH {
            return Err(self.too_deep());
        }
        let at = self
            .current
            .unwrap_or_else(|| usize::try_from(self.inner.buffer_position()).unwrap_or(0));
        self.open.push(at);
        Ok(())
    }

    /// Closes the innermost open element.
    #[inline]
    fn leave(&mut self) {
        self.open.pop();
    }

    #[cold]
    #[inline(never)]
    fn too_deep(&self) -> XmlError {
        self.error(format!("elements are nested deeper than {MAX_DEPTH}"))
    }

    /// Makes the element of `e` (a start tag, or an empty element when
    /// `empty`) the current one and returns its local name (without
    /// namespace prefix).
    #[inline]
    fn set_current<'e>(&mut self, e: &'e BytesStart<'a>, empty: bool) -> &'e [u8] {
        // The reader is just after the tag: `<` + content + `>` or `/>`.
        let tag = e.len() + if empty { 3 } else { 2 };
        self.current = usize::try_from(self.inner.buffer_position())
            .ok()
            .and_then(|end| end.checked_sub(tag));
        local_name(e.name().into_inner())
    }

    /// The local name of the current element, read back from the body.
    fn current_name(&self) -> Option<String> {
        self.name_at(self.current?)
    }

    /// The local name of the element whose `<` is at `at`.
    fn name_at(&self, at: usize) -> Option<String> {
        let rest = self.body.get(at..)?.strip_prefix(b"<")?;
        let end = rest
            .iter()
            .position(|b| b.is_ascii_whitespace() || matches!(b, b'>' | b'/'))
            .unwrap_or(rest.len());
        let local = local_name(&rest[..end]);
        (!local.is_empty()).then(|| String::from_utf8_lossy(local).into_owned())
    }

    /// Reads up to the document's root element and returns its local name;
    /// the root's children are then read with [`Reader::next_child`].
    pub fn root(&mut self) -> Result<String, XmlError> {
        loop {
            match self.event()? {
                Event::Start(e) => {
                    let name = String::from_utf8_lossy(self.set_current(&e, false)).into_owned();
                    self.enter()?;
                    return Ok(name);
                }
                Event::Empty(e) => {
                    self.pending_empty = true;
                    return Ok(String::from_utf8_lossy(self.set_current(&e, true)).into_owned());
                }
                Event::Eof => return Err(self.error("the body has no root element")),
                Event::Text(t) if t.iter().all(u8::is_ascii_whitespace) => {}
                Event::Text(_) | Event::CData(_) | Event::GeneralRef(_) | Event::End(_) => {
                    return Err(self.error("expected the root element, found text"))
                }
                Event::Decl(_) | Event::PI(_) | Event::Comment(_) | Event::DocType(_) => {}
            }
        }
    }

    /// Reads to the next child element of the element being read and
    /// returns the index of its local name (without namespace prefix) in
    /// `names`, or `names.len()` for a name not listed; `None` at the end of
    /// the element being read. Text between children, comments and
    /// processing instructions are passed over.
    pub fn next_child(&mut self, names: &[&[u8]]) -> Result<Option<usize>, XmlError> {
        self.next_child_by(|name| index(names, name))
    }

    /// Like [`Reader::next_child`], with a function from the local name to
    /// the index (a generated `match`, faster than a search of a long list).
    #[inline]
    pub fn next_child_by<F: FnOnce(&[u8]) -> usize>(
        &mut self,
        which: F,
    ) -> Result<Option<usize>, XmlError> {
        if self.pending_empty {
            self.pending_empty = false;
            return Ok(None);
        }
        loop {
            match self.event()? {
                Event::Start(e) => {
                    let name = self.set_current(&e, false);
                    self.enter()?;
                    return Ok(Some(which(name)));
                }
                Event::Empty(e) => {
                    self.pending_empty = true;
                    return Ok(Some(which(self.set_current(&e, true))));
                }
                Event::End(_) => {
                    self.leave();
                    return Ok(None);
                }
                Event::Eof => return Err(self.cut()),
                _ => {}
            }
        }
    }

    /// Skips the element `next_child` just returned, with everything in it,
    /// nested to any depth (no recursion: the elements are only counted).
    pub fn skip(&mut self) -> Result<(), XmlError> {
        if self.pending_empty {
            self.pending_empty = false;
            return Ok(());
        }
        self.pass_over()?;
        self.leave();
        Ok(())
    }

    /// Reads past the end of an element whose start was just read, counting
    /// the elements inside it.
    fn pass_over(&mut self) -> Result<(), XmlError> {
        let mut nested: usize = 0;
        loop {
            match self.event()? {
                Event::Start(_) => nested += 1,
                Event::End(_) => match nested.checked_sub(1) {
                    Some(n) => nested = n,
                    None => return Ok(()),
                },
                Event::Eof => return Err(self.cut()),
                _ => {}
            }
        }
    }

    /// The text of the element `next_child` just returned, with entity and
    /// character references resolved. Borrowed from the body unless there
    /// were references to resolve. Child elements inside it are skipped.
    #[inline]
    pub fn read_text(&mut self) -> Result<Cow<'a, str>, XmlError> {
        if self.pending_empty {
            self.pending_empty = false;
            return Ok(Cow::Borrowed(""));
        }
        // The common case, `<a>text</a>`: one text event, then the end.
        let text = match self.event()? {
            Event::Text(t) => self.text(t.into_inner())?,
            Event::End(_) => {
                self.leave();
                return Ok(Cow::Borrowed(""));
            }
            other => return self.read_text_from(Cow::Borrowed(""), other),
        };
        match self.event()? {
            Event::End(_) => {
                self.leave();
                Ok(text)
            }
            other => self.read_text_from(text, other),
        }
    }

    /// The rest of [`Reader::read_text`]: text in pieces (references, CDATA,
    /// comments or elements between them), from `event` on.
    #[inline(never)]
    fn read_text_from(
        &mut self,
        mut text: Cow<'a, str>,
        mut event: Event<'a>,
    ) -> Result<Cow<'a, str>, XmlError> {
        loop {
            match event {
                Event::Text(t) => append(&mut text, self.text(t.into_inner())?),
                Event::CData(t) => match t.decode() {
                    Ok(piece) => append(&mut text, piece),
                    Err(_) => return Err(self.not_utf8(&t)),
                },
                Event::GeneralRef(r) => {
                    let resolved = match r.resolve_char_ref() {
                        Ok(Some(c)) => c.to_string(),
                        Ok(None) => {
                            match r.decode().ok().and_then(|name| {
                                quick_xml::escape::resolve_predefined_entity(&name)
                            }) {
                                Some(s) => s.to_string(),
                                None => {
                                    let name = String::from_utf8_lossy(&r);
                                    return Err(self.error(format!("unknown entity &{name};")));
                                }
                            }
                        }
                        Err(e) => return Err(self.error(format!("bad character reference: {e}"))),
                    };
                    append(&mut text, Cow::Owned(resolved));
                }
                Event::Start(_) => self.pass_over()?,
                Event::Empty(_) => {}
                Event::End(_) => {
                    self.leave();
                    return Ok(text);
                }
                Event::Eof => return Err(self.cut()),
                Event::Comment(_) | Event::PI(_) | Event::Decl(_) | Event::DocType(_) => {}
            }
            event = self.event()?;
        }
    }

    /// The element's text as an owned string.
    pub fn read_string(&mut self) -> Result<String, XmlError> {
        self.read_text().map(Cow::into_owned)
    }

    /// The element's text as a boolean (`true` or `false`).
    pub fn read_bool(&mut self) -> Result<bool, XmlError> {
        let text = self.read_text()?;
        match text.trim() {
            "true" => Ok(true),
            "false" => Ok(false),
            other => Err(self.error(format!("expected a boolean, found {other:?}"))),
        }
    }

    /// The element's text as a number of type `T` (integers, and floats
    /// with `NaN`, `Infinity` and `-Infinity`).
    pub fn read_number<T: std::str::FromStr>(&mut self) -> Result<T, XmlError> {
        let text = self.read_text()?;
        text.trim().parse::<T>().map_err(|_| {
            self.error(format!(
                "expected {}, found {:?}",
                number_name::<T>(),
                text.as_ref()
            ))
        })
    }

    /// The element's text as a timestamp in the given format (other formats
    /// are accepted too, as botocore does).
    pub fn read_timestamp(&mut self, format: TimestampFormat) -> Result<DateTime, XmlError> {
        let text = self.read_text()?;
        DateTime::parse(text.trim(), format).map_err(|e| self.error(e.to_string()))
    }

    /// The element's text as base64-decoded bytes.
    pub fn read_blob(&mut self) -> Result<Vec<u8>, XmlError> {
        use base64::Engine as _;
        let text = self.read_text()?;
        let compact: String = text.chars().filter(|c| !c.is_ascii_whitespace()).collect();
        base64::engine::general_purpose::STANDARD
            .decode(compact.as_bytes())
            .map_err(|e| self.error(format!("invalid base64: {e}")))
    }
}

/// The name of a number type, for errors.
fn number_name<T>() -> &'static str {
    let name = std::any::type_name::<T>();
    match name {
        "i8" | "i16" | "i32" | "i64" | "u8" | "u16" | "u32" | "u64" => "an integer",
        "f32" | "f64" => "a number",
        _ => "a number",
    }
}

fn append<'a>(text: &mut Cow<'a, str>, piece: Cow<'a, str>) {
    if text.is_empty() {
        *text = piece;
    } else {
        text.to_mut().push_str(&piece);
    }
}

/// The longest prefix of `body` that is UTF-8.
fn utf8_prefix(body: &[u8]) -> &str {
    match std::str::from_utf8(body) {
        Ok(s) => s,
        Err(e) => std::str::from_utf8(&body[..e.valid_up_to()]).unwrap_or_default(),
    }
}

/// `text` with `\r\n` and a lone `\r` replaced by `\n` (XML 1.0, 2.11).
#[cold]
fn normalize_line_ends(text: &str) -> Cow<'_, str> {
    if !text.contains('\r') {
        return Cow::Borrowed(text);
    }
    Cow::Owned(text.replace("\r\n", "\n").replace('\r', "\n"))
}

/// `name` without its namespace prefix (`ec2:item` is `item`). Names in
/// answers are short and rarely prefixed: a plain loop, not a `memchr`.
#[inline]
fn local_name(name: &[u8]) -> &[u8] {
    match name.iter().position(|b| *b == b':') {
        Some(i) => &name[i + 1..],
        None => name,
    }
}

/// The index of `name` in `names`, or `names.len()`.
fn index(names: &[&[u8]], name: &[u8]) -> usize {
    names.iter().position(|n| *n == name).unwrap_or(names.len())
}
