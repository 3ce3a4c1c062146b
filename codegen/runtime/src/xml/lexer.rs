//! The tokenizer under [`Reader`](super::Reader): the markup of AWS answers
//! read directly, everything else by `quick-xml`.
//!
//! Nearly every byte of an answer is one of three forms: a start tag with
//! no attributes (`<imageId>`), an end tag (`</imageId>`) and plain text
//! (`ami-0123`, or the indentation between tags). The lexer reads those
//! itself, from a cursor over the body, at the cost of a short loop over
//! the name or one `memchr2` over the text. Anything else (a tag with
//! attributes or spaces, a comment, CDATA, a processing instruction, an XML
//! declaration, a DOCTYPE, an entity or character reference, a malformed
//! tag) is read by a `quick-xml` reader started at the cursor for that one
//! event, so that XML's harder corners, and the errors in them, stay
//! `quick-xml`'s. The tokens are those `quick-xml` gives, and the end tags
//! are checked against the open elements as `quick-xml`'s `check_end_names`
//! does, with the same errors (a test compares the two on generated
//! documents).
//!
//! Why not `quick-xml` alone: each of its events costs a state machine
//! step, a copy of the name of every start tag (to check end names), and an
//! `Event` with `Cow`s to match on; reading an answer into structures then
//! took 2.4 times as long as a raw `quick-xml` scan of the same bytes.

use std::borrow::Cow;

use quick_xml::errors::{Error, IllFormedError};
use quick_xml::events::Event;

/// What the lexer read next.
pub(crate) enum Token<'a> {
    /// `<name>`.
    Start(Tag<'a>),
    /// `<name/>`.
    Empty(Tag<'a>),
    /// `</name>`, matching the innermost open element.
    End,
    /// Text with no reference in it, its line ends normalized as XML 1.0
    /// says (`\r\n` and a lone `\r` read as `\n`).
    Text(Cow<'a, str>),
    /// Anything else `quick-xml` reads: a reference, CDATA, a comment, a
    /// processing instruction, a declaration, a DOCTYPE.
    Other(Event<'a>),
    /// The end of the body.
    Eof,
}

/// A start tag, or an empty element's tag.
pub(crate) struct Tag<'a> {
    /// The qualified name (`ec2:item`).
    pub(crate) name: &'a [u8],
    /// Where the local name starts in `name` (after the first `:`).
    local: usize,
    /// The offset of the `<` in the body.
    pub(crate) at: usize,
}

impl<'a> Tag<'a> {
    fn new(name: &'a [u8], at: usize) -> Self {
        let local = name.len() - local_name(name).len();
        Tag { name, local, at }
    }

    /// The name without its namespace prefix (`item`).
    #[inline]
    pub(crate) fn local_name(&self) -> &'a [u8] {
        &self.name[self.local..]
    }
}

/// Why the lexer stopped.
pub(crate) enum LexError {
    /// Not XML, at this offset.
    Malformed(Error, u64),
    /// The body is not UTF-8 from this offset on.
    NotUtf8(u64),
}

/// The tokenizer of one body.
///
/// Its memory is the names of the open elements: one slice (16 bytes) per
/// open element, however deep a body nests the elements the parsers skip,
/// so at most about 5 bytes per byte of body (`<a>` repeated), the order of
/// `quick-xml`'s own stack of names.
pub(crate) struct Lexer<'a> {
    body: &'a [u8],
    /// The body's longest prefix that is UTF-8: no token reaches past it.
    utf8: &'a str,
    /// Where the next token starts.
    pos: usize,
    /// The qualified names of the open elements, innermost last.
    open: Vec<&'a [u8]>,
}

impl<'a> Lexer<'a> {
    pub(crate) fn new(body: &'a [u8], utf8: &'a str) -> Self {
        Lexer {
            body,
            utf8,
            // A byte order mark is not text.
            pos: if body.starts_with(b"\xEF\xBB\xBF") {
                3
            } else {
                0
            },
            open: Vec::new(),
        }
    }

    /// The offset just after the last token.
    #[inline]
    pub(crate) fn position(&self) -> usize {
        self.pos
    }

    /// How many elements are open.
    #[inline]
    pub(crate) fn depth(&self) -> usize {
        self.open.len()
    }

    /// The qualified name of the innermost open element.
    pub(crate) fn innermost(&self) -> Option<&'a [u8]> {
        self.open.last().copied()
    }

    /// The next token.
    #[inline]
    pub(crate) fn next(&mut self) -> Result<Token<'a>, LexError> {
        let rest = &self.body[self.pos..];
        let token = match rest.first() {
            None => return Ok(Token::Eof),
            Some(b'<') => match self.tag(rest) {
                Some(token) => token,
                None => return self.by_quick_xml(),
            },
            Some(b'&') => return self.by_quick_xml(),
            Some(_) => {
                let (len, cr) = match memchr::memchr3(b'<', b'&', b'\r', rest) {
                    Some(i) if rest[i] == b'\r' => {
                        let more = memchr::memchr2(b'<', b'&', &rest[i..]);
                        (i + more.unwrap_or(rest.len() - i), true)
                    }
                    Some(i) => (i, false),
                    None => (rest.len(), false),
                };
                let Some(text) = self.utf8.get(self.pos..self.pos + len) else {
                    return Err(LexError::NotUtf8(self.utf8.len() as u64));
                };
                self.pos += len;
                return Ok(Token::Text(if cr {
                    normalize_line_ends(text)
                } else {
                    Cow::Borrowed(text)
                }));
            }
        };
        if self.pos > self.utf8.len() {
            return Err(LexError::NotUtf8(self.utf8.len() as u64));
        }
        Ok(token)
    }

    /// `text</name>` closing the innermost open element `<name>`, the
    /// commonest form in an answer, read at once; `None`, having read
    /// nothing, for anything else (the caller then reads token by token),
    /// including text with a `\r` to normalize.
    #[inline]
    pub(crate) fn leaf_text(&mut self) -> Option<&'a str> {
        let name = *self.open.last()?;
        let rest = &self.body[self.pos..];
        let len = memchr::memchr3(b'<', b'&', b'\r', rest)?;
        let end = rest.get(len..len + name.len() + 3)?;
        if end[0] != b'<'
            || end[1] != b'/'
            || end[end.len() - 1] != b'>'
            || !same_name(&end[2..end.len() - 1], name)
        {
            return None;
        }
        if self.pos + len + end.len() > self.utf8.len() {
            return None;
        }
        let text = self.utf8.get(self.pos..self.pos + len)?;
        self.open.pop();
        self.pos += end.len() + len;
        Some(text)
    }

    /// The plain tag at the start of `rest` (a `<`): `<name>`, `<name/>` or
    /// `</name>`, read and checked; `None`, having read nothing, for any
    /// other markup.
    #[inline]
    fn tag(&mut self, rest: &'a [u8]) -> Option<Token<'a>> {
        let at = self.pos;
        if rest.get(1) == Some(&b'/') {
            let (len, _) = scan_name(&rest[2..]);
            if len == 0 || rest.get(2 + len) != Some(&b'>') {
                return None;
            }
            let name = &rest[2..2 + len];
            if !self.open.last().is_some_and(|open| same_name(open, name)) {
                return None;
            }
            self.open.pop();
            self.pos += len + 3;
            return Some(Token::End);
        }
        if matches!(rest.get(1), Some(b'!' | b'?')) {
            return None;
        }
        let (len, local) = scan_name(&rest[1..]);
        if len == 0 {
            return None;
        }
        let name = &rest[1..1 + len];
        let tag = Tag { name, local, at };
        match rest.get(1 + len) {
            Some(b'>') => {
                self.open.push(name);
                self.pos += len + 2;
                Some(Token::Start(tag))
            }
            Some(b'/') if rest.get(2 + len) == Some(&b'>') => {
                self.pos += len + 3;
                Some(Token::Empty(tag))
            }
            _ => None,
        }
    }

    /// The next token read by a `quick-xml` reader started at the cursor:
    /// markup other than a plain tag, or a reference.
    #[cold]
    #[inline(never)]
    fn by_quick_xml(&mut self) -> Result<Token<'a>, LexError> {
        let start = self.pos;
        let rest = &self.body[start..];
        let mut reader = quick_xml::Reader::from_reader(rest);
        let config = reader.config_mut();
        // End names are checked here, against every open element.
        config.check_end_names = false;
        config.allow_unmatched_ends = true;
        config.expand_empty_elements = false;
        config.trim_text(false);
        let event = reader.read_event();
        let end = start + usize::try_from(reader.buffer_position()).unwrap_or(rest.len());
        if end > self.utf8.len() {
            return Err(LexError::NotUtf8(self.utf8.len() as u64));
        }
        let event = match event {
            Ok(event) => event,
            Err(e) => {
                return Err(LexError::Malformed(
                    e,
                    start as u64 + reader.error_position(),
                ))
            }
        };
        self.pos = end;
        Ok(match event {
            Event::Start(e) => {
                let name = &rest[1..1 + e.name().as_ref().len()];
                self.open.push(name);
                Token::Start(Tag::new(name, start))
            }
            Event::Empty(e) => Token::Empty(Tag::new(&rest[1..1 + e.name().as_ref().len()], start)),
            Event::End(e) => {
                let found = e.name();
                match self.open.pop() {
                    Some(expected) if expected == found.as_ref() => Token::End,
                    expected => return Err(self.mismatched(expected, found.as_ref(), start)),
                }
            }
            Event::Eof => Token::Eof,
            // Not read here (the reader starts at `<` or `&`), but text is
            // text.
            Event::Text(_) => Token::Text(normalize_line_ends(
                self.utf8.get(start..end).unwrap_or_default(),
            )),
            other => Token::Other(other),
        })
    }

    /// The error of an end tag that closes no open element, or not the
    /// innermost, as `quick-xml` words it.
    #[cold]
    fn mismatched(&self, expected: Option<&[u8]>, found: &[u8], at: usize) -> LexError {
        let found = String::from_utf8_lossy(found).into_owned();
        let error = match expected {
            Some(expected) => IllFormedError::MismatchedEndTag {
                expected: String::from_utf8_lossy(expected).into_owned(),
                found,
            },
            None => IllFormedError::UnmatchedEndTag(found),
        };
        LexError::Malformed(Error::IllFormed(error), at as u64)
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

/// `name` without its namespace prefix (`ec2:item` is `item`): after the
/// first `:`, as `quick-xml` reads it.
pub(crate) fn local_name(name: &[u8]) -> &[u8] {
    match name.iter().position(|b| *b == b':') {
        Some(i) => &name[i + 1..],
        None => name,
    }
}

/// The name at the start of `bytes`: its length, up to the first byte
/// that ends a name in a plain tag (`>`, `/`, whitespace, or a quote, which
/// only a tag with attributes has), and where its local name starts (after
/// the first `:`; 0 without one).
#[inline]
fn scan_name(bytes: &[u8]) -> (usize, usize) {
    // Eight bytes at a time while they are all at or above `@`: letters
    // and `_`, most of a name, and none of the bytes that end one (or `:`).
    let mut start = 0;
    while let Some(word) = bytes.get(start..start + 8) {
        let w = u64::from_le_bytes(word.try_into().unwrap_or([0; 8]));
        const ONES: u64 = u64::from_le_bytes([0x01; 8]);
        const HIGH: u64 = u64::from_le_bytes([0x80; 8]);
        if w.wrapping_sub(ONES * 0x40) & !w & HIGH != 0 {
            break;
        }
        start += 8;
    }
    let mut local = 0;
    for (i, b) in bytes.iter().enumerate().skip(start) {
        match NAME_BYTES[usize::from(*b)] {
            IN_NAME => {}
            COLON => {
                if local == 0 {
                    local = i + 1;
                }
            }
            _ => return (i, local),
        }
    }
    (bytes.len(), local)
}

const IN_NAME: u8 = 0;
const COLON: u8 = 1;
const ENDS_NAME: u8 = 2;

/// What each byte is to [`scan_name`].
static NAME_BYTES: [u8; 256] = {
    let mut table = [IN_NAME; 256];
    let ends = b">/ \t\r\n\"'";
    let mut i = 0;
    while i < ends.len() {
        table[ends[i] as usize] = ENDS_NAME;
        i += 1;
    }
    table[b':' as usize] = COLON;
    table
};

/// `a == b` for the short names of tags, without a call to `memcmp`: two
/// overlapping loads of each for up to 16 bytes.
#[inline]
fn same_name(a: &[u8], b: &[u8]) -> bool {
    let n = a.len();
    if n != b.len() {
        return false;
    }
    let word = |s: &[u8], at: usize| u64::from_le_bytes(s[at..at + 8].try_into().unwrap_or([0; 8]));
    let half = |s: &[u8], at: usize| u32::from_le_bytes(s[at..at + 4].try_into().unwrap_or([0; 4]));
    match n {
        8..=16 => word(a, 0) == word(b, 0) && word(a, n - 8) == word(b, n - 8),
        4..=7 => half(a, 0) == half(b, 0) && half(a, n - 4) == half(b, n - 4),
        _ => a == b,
    }
}

#[cfg(test)]
mod tests {
    //! The lexer against `quick-xml` alone (`check_end_names`, UTF-8 checked
    //! as the reader checks it) on generated documents: the same tokens,
    //! then the same error at the same offset, or the same end.

    use super::*;

    /// What both tokenizers read, comparable.
    #[derive(Debug, PartialEq)]
    enum Read {
        /// The qualified name and the local name.
        Start(Vec<u8>, Vec<u8>),
        Empty(Vec<u8>, Vec<u8>),
        End,
        Text(Vec<u8>),
        Other(String),
        Eof,
        Error(String, u64),
    }

    fn other(event: &Event<'_>) -> String {
        format!("{event:?}")
    }

    /// With `leaves`, a whole leaf is read after each start tag where
    /// there is one, as the reader reads text.
    fn by_lexer(body: &[u8], leaves: bool) -> Vec<Read> {
        let utf8 = match std::str::from_utf8(body) {
            Ok(s) => s,
            Err(e) => std::str::from_utf8(&body[..e.valid_up_to()]).unwrap(),
        };
        let mut lexer = Lexer::new(body, utf8);
        let mut read = Vec::new();
        loop {
            if let (true, Some(Read::Start(..))) = (leaves, read.last()) {
                if let Some(text) = lexer.leaf_text() {
                    if !text.is_empty() {
                        read.push(Read::Text(text.as_bytes().to_vec()));
                    }
                    read.push(Read::End);
                    continue;
                }
            }
            let token = match lexer.next() {
                Ok(Token::Start(t)) => Read::Start(t.name.to_vec(), t.local_name().to_vec()),
                Ok(Token::Empty(t)) => Read::Empty(t.name.to_vec(), t.local_name().to_vec()),
                Ok(Token::End) => Read::End,
                Ok(Token::Text(t)) => Read::Text(t.as_bytes().to_vec()),
                Ok(Token::Other(e)) => Read::Other(other(&e)),
                Ok(Token::Eof) => Read::Eof,
                Err(LexError::Malformed(e, at)) => Read::Error(e.to_string(), at),
                Err(LexError::NotUtf8(at)) => Read::Error("not UTF-8".into(), at),
            };
            let last = matches!(token, Read::Eof | Read::Error(..));
            read.push(token);
            if last {
                return read;
            }
        }
    }

    fn by_quick_xml(body: &[u8]) -> Vec<Read> {
        let valid = std::str::from_utf8(body).map_or_else(|e| e.valid_up_to(), |_| body.len());
        let mut reader = quick_xml::Reader::from_reader(body);
        let config = reader.config_mut();
        config.check_end_names = true;
        config.expand_empty_elements = false;
        config.trim_text(false);
        // quick-xml skips a byte order mark without counting it.
        let shift = if body.starts_with(b"\xEF\xBB\xBF") {
            3
        } else {
            0
        };
        let mut read = Vec::new();
        loop {
            let event = reader.read_event();
            // As the reader did with quick-xml alone: past the first byte
            // that is not UTF-8, that is the error.
            let token = match event {
                _ if reader.buffer_position() + shift > valid as u64 => {
                    Read::Error("not UTF-8".into(), valid as u64)
                }
                Ok(Event::Start(e)) => {
                    Read::Start(e.name().as_ref().to_vec(), e.local_name().as_ref().to_vec())
                }
                Ok(Event::Empty(e)) => {
                    Read::Empty(e.name().as_ref().to_vec(), e.local_name().as_ref().to_vec())
                }
                Ok(Event::End(_)) => Read::End,
                Ok(Event::Text(t)) => Read::Text(
                    normalize_line_ends(&String::from_utf8_lossy(&t))
                        .as_bytes()
                        .to_vec(),
                ),
                Ok(Event::Eof) => Read::Eof,
                Ok(e) => Read::Other(other(&e)),
                Err(e) => Read::Error(e.to_string(), reader.error_position() + shift),
            };
            let last = matches!(token, Read::Eof | Read::Error(..));
            read.push(token);
            if last {
                return read;
            }
        }
    }

    const PIECES: &[&[u8]] = &[
        b"<a>",
        b"</a>",
        b"<b>",
        b"</b>",
        b"<ns:c>",
        b"</ns:c>",
        b"<a/>",
        b"<b />",
        b"<a x=\"1\">",
        b"<a x='>'>",
        b"<a x=\"/>\"/>",
        b"</a >",
        b"< a>",
        b"<>",
        b"</>",
        b"<a/b>",
        b"<x:y:z>",
        b"<abcdefgh>",
        b"</abcdefgh>",
        b"<abcdefgh/>",
        b"<abcdefghijklmnopq x='1'>",
        b"<abcdefghijk:lmnopqrs>",
        b"</abcdefghijk:lmnopqrs >",
        b"</x:y:z>",
        b"<:a>",
        b"</:a>",
        b"<ns:c/>",
        b"<a\t>",
        b"</a\n>",
        b"text",
        b" ",
        b"\n",
        b"\r\n",
        b"\r",
        b"&amp;",
        b"&#65;",
        b"&#xZZ;",
        b"&bogus;",
        b"&",
        b"&amp",
        b"<![CDATA[x<y]]>",
        b"<!-- c -->",
        b"<?pi x?>",
        b"<?xml version=\"1.0\"?>",
        b"<!DOCTYPE a>",
        b"<",
        b">",
        b"/",
        b"\"",
        b"'",
        "é".as_bytes(),
        b"\xff",
        b"\xEF\xBB\xBF",
        b"<a",
        b"<!--",
        b"<![CDATA[",
        b"<a/",
        b"</a",
        b"</",
        b"<!",
        b"<?",
    ];

    #[test]
    fn reads_what_quick_xml_reads() {
        let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
        let mut next = move || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        for _ in 0..50_000 {
            let len = (next() % 24) as usize;
            let mut body = Vec::new();
            for _ in 0..len {
                // Mostly well-formed tags, so that documents get deep.
                let piece = match next() % 3 {
                    0 => PIECES[(next() % PIECES.len() as u64) as usize],
                    _ => PIECES[(next() % 8) as usize],
                };
                body.extend_from_slice(piece);
            }
            let expected = by_quick_xml(&body);
            for leaves in [false, true] {
                assert_eq!(
                    by_lexer(&body, leaves),
                    expected,
                    "{}",
                    String::from_utf8_lossy(&body)
                );
            }
        }
    }
}
