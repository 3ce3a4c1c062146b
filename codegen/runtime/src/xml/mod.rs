//! The pull parser the generated response deserializers run on.
//!
//! [`Reader`] is the one seam between the generated code and the XML
//! tokenizer (its own lexer for the plain tags and text that make up nearly
//! all of an answer, `quick-xml` for the rest): the generated parsers only
//! ever call [`Reader::next_child`],
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

use quick_xml::events::Event;

use crate::datetime::{DateTime, TimestampFormat};

mod error;
mod lexer;

pub use error::{ResponseError, ServiceError, XmlError};
use lexer::{local_name, LexError, Lexer, Token};

/// Elements nested deeper than this are refused (a hostile or corrupt body
/// must not exhaust the stack of the recursive parsers).
pub const MAX_DEPTH: usize = 128;

/// The most bytes of list and map items a parser may allocate per byte of
/// the body (see [`Reader::charge_item`]).
pub const MAX_ITEM_BYTES_PER_BODY_BYTE: usize = 16;

/// The item allocation every body may make, however small.
pub const MIN_ITEM_BUDGET: usize = 64 * 1024;

/// A streaming reader over an XML body.
pub struct Reader<'a> {
    lexer: Lexer<'a>,
    /// The last element returned by `next_child` was `<x/>`: it has no
    /// content and no end tag.
    pending_empty: bool,
    /// The bytes of items the parsers may still allocate.
    item_budget: usize,
    /// The body, from which an error reads the current element's name.
    body: &'a [u8],
    /// The byte offset of the `<` of the element last returned by
    /// `next_child`: its name is read from the body only for an error, so
    /// that no element costs a copy of its name.
    current: Option<usize>,
}

impl<'a> Reader<'a> {
    /// A reader over a whole body. Its UTF-8 is checked here, once: each
    /// text read is a slice of it, and reading past the first byte that is
    /// not UTF-8 is an error there.
    pub fn new(body: &'a [u8]) -> Self {
        Reader {
            lexer: Lexer::new(body, utf8_prefix(body)),
            pending_empty: false,
            item_budget: body
                .len()
                .saturating_mul(MAX_ITEM_BYTES_PER_BODY_BYTE)
                .max(MIN_ITEM_BUDGET),
            body,
            current: None,
        }
    }

    /// An error at the current position, in the current element.
    #[cold]
    pub fn error(&self, message: impl Into<String>) -> XmlError {
        self.error_at(message.into(), self.lexer.position() as u64)
    }

    #[cold]
    #[inline(never)]
    fn error_at(&self, message: String, position: u64) -> XmlError {
        XmlError::at(message, self.current_name(), position)
    }

    #[cold]
    #[inline(never)]
    fn lex_error(&self, e: LexError) -> XmlError {
        match e {
            LexError::Malformed(e, at) => self.error_at(format!("malformed XML: {e}"), at),
            LexError::NotUtf8(at) => self.error_at("malformed XML: invalid UTF-8".to_string(), at),
        }
    }

    /// The next token of the body.
    #[inline]
    fn token(&mut self) -> Result<Token<'a>, XmlError> {
        self.lexer.next().map_err(|e| self.lex_error(e))
    }

    /// The error of a body that ends before the innermost open element is
    /// closed, naming that element.
    #[cold]
    #[inline(never)]
    fn cut(&self) -> XmlError {
        let element = self
            .lexer
            .innermost()
            .map(|name| String::from_utf8_lossy(local_name(name)).into_owned())
            .filter(|name| !name.is_empty());
        XmlError::at(
            "the body ends before this element is closed",
            element,
            self.lexer.position() as u64,
        )
    }

    /// The error of a body whose root element is not the one expected
    /// (an HTML page from a proxy, another operation's response).
    #[cold]
    #[inline(never)]
    pub fn wrong_root(&self, found: &str, expected: &str) -> XmlError {
        XmlError::at(
            format!("the root element is <{found}>, not <{expected}>"),
            Some(found.to_string()),
            0,
        )
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

    /// Opens the element whose start tag, at `at`, was just read: it
    /// becomes the current one. Refused past [`MAX_DEPTH`].
    #[inline]
    fn enter(&mut self, at: usize) -> Result<(), XmlError> {
        self.current = Some(at);
        if self.lexer.depth() > MAX_DEPTH {
            return Err(self.too_deep());
        }
        Ok(())
    }

    #[cold]
    #[inline(never)]
    fn too_deep(&self) -> XmlError {
        self.error(format!("elements are nested deeper than {MAX_DEPTH}"))
    }

    /// The local name of the current element, read back from the body.
    fn current_name(&self) -> Option<String> {
        let rest = self.body.get(self.current?..)?.strip_prefix(b"<")?;
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
            match self.token()? {
                Token::Start(tag) => {
                    self.enter(tag.at)?;
                    return Ok(String::from_utf8_lossy(tag.local_name()).into_owned());
                }
                Token::Empty(tag) => {
                    self.current = Some(tag.at);
                    self.pending_empty = true;
                    return Ok(String::from_utf8_lossy(tag.local_name()).into_owned());
                }
                Token::Eof => return Err(self.error("the body has no root element")),
                Token::Text(t) if t.bytes().all(|b| b.is_ascii_whitespace()) => {}
                Token::Text(_)
                | Token::End
                | Token::Other(Event::CData(_) | Event::GeneralRef(_) | Event::Text(_)) => {
                    return Err(self.error("expected the root element, found text"))
                }
                Token::Other(_) => {}
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
            match self.token()? {
                Token::Start(tag) => {
                    self.enter(tag.at)?;
                    return Ok(Some(which(tag.local_name())));
                }
                Token::Empty(tag) => {
                    self.current = Some(tag.at);
                    self.pending_empty = true;
                    return Ok(Some(which(tag.local_name())));
                }
                Token::End => return Ok(None),
                Token::Eof => return Err(self.cut()),
                Token::Text(_) | Token::Other(_) => {}
            }
        }
    }

    /// Skips the element `next_child` just returned, with everything in it,
    /// nested to any depth (no recursion).
    pub fn skip(&mut self) -> Result<(), XmlError> {
        if self.pending_empty {
            self.pending_empty = false;
            return Ok(());
        }
        self.pass_over()
    }

    /// Reads past the end of the innermost open element.
    fn pass_over(&mut self) -> Result<(), XmlError> {
        let depth = self.lexer.depth();
        loop {
            match self.token()? {
                Token::End if self.lexer.depth() < depth => return Ok(()),
                Token::Eof => return Err(self.cut()),
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
        if let Some(text) = self.lexer.leaf_text() {
            return Ok(Cow::Borrowed(text));
        }
        let text = match self.token()? {
            Token::Text(t) => t,
            Token::End => return Ok(Cow::Borrowed("")),
            other => return self.read_text_from(Cow::Borrowed(""), other),
        };
        match self.token()? {
            Token::End => Ok(text),
            other => self.read_text_from(text, other),
        }
    }

    /// The rest of [`Reader::read_text`]: text in pieces (references, CDATA,
    /// comments or elements between them), from `token` on.
    #[inline(never)]
    fn read_text_from(
        &mut self,
        mut text: Cow<'a, str>,
        mut token: Token<'a>,
    ) -> Result<Cow<'a, str>, XmlError> {
        loop {
            match token {
                Token::Text(t) => append(&mut text, t),
                Token::Start(..) => self.pass_over()?,
                Token::Empty(..) => {}
                Token::End => return Ok(text),
                Token::Eof => return Err(self.cut()),
                Token::Other(Event::CData(t)) => match t.decode() {
                    Ok(piece) => append(&mut text, piece),
                    Err(_) => return Err(self.error("malformed XML: invalid UTF-8")),
                },
                Token::Other(Event::GeneralRef(r)) => {
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
                // Comments, processing instructions, declarations.
                Token::Other(_) => {}
            }
            token = self.token()?;
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

/// Adds `item` to a list being parsed. The list grows to exactly 1, 2, 4,
/// 8... items rather than by `Vec`'s own steps, which start at 4: most
/// lists in answers hold one or two items (an image's block device
/// mappings, a resource's tags), and three unused slots in each of them
/// add up to a seventh of the memory of a large `DescribeImages` answer.
#[inline]
pub fn push<T>(list: &mut Vec<T>, item: T) {
    if list.len() == list.capacity() {
        list.reserve_exact(list.len().max(1));
    }
    list.push(item);
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

/// The index of `name` in `names`, or `names.len()`.
fn index(names: &[&[u8]], name: &[u8]) -> usize {
    names.iter().position(|n| *n == name).unwrap_or(names.len())
}
