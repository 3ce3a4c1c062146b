//! The resumable scanner: fed a body chunk by chunk, it finds where each
//! item of the streamed list starts and ends, and keeps every byte that is
//! not an item (the "outline": the root, the request id, the next token,
//! the list's own tags) for the whole-body parser.
//!
//! The scanner reads only markup boundaries: `<` found with `memchr`, then
//! the end of the tag, comment, CDATA section or processing instruction.
//! It does not check that the XML is well formed: the parsers that read
//! the items and the outline do, and report where it is not. It never
//! panics and never holds more than one item, one chunk and the outline.

use super::ListPath;
use crate::xml::MAX_DEPTH;

/// The most bytes outside the items an answer may have: real answers have
/// a few hundred (the root, the request id, the next token); an answer
/// with more is refused rather than held.
pub const MAX_OUTLINE_BYTES: usize = 1024 * 1024;

/// What the scanner found next in the bytes it was given.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum Found {
    /// A whole item: its bytes are `scanner.bytes(range)`; its first byte
    /// is at `offset` in the body.
    Item {
        start: usize,
        end: usize,
        offset: u64,
    },
    /// A whole error document inside the answer (a service failing after
    /// the answer began), like an item.
    ErrorDocument {
        start: usize,
        end: usize,
        offset: u64,
    },
    /// The element that holds the items has just opened: the outline so
    /// far, closed, holds everything before the list (the request id, in
    /// EC2's answers).
    ListOpened,
    /// More bytes are needed.
    NeedMore,
    /// The root element is closed: the rest of the body is not read.
    End,
}

/// Why the scanner stopped.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum ScanError {
    /// An item is larger than the limit.
    ItemTooLarge { limit: usize, offset: u64 },
    /// The bytes outside the items are more than [`MAX_OUTLINE_BYTES`].
    OutlineTooLarge { offset: u64 },
    /// Elements outside the items nest deeper than [`MAX_DEPTH`].
    TooDeep { offset: u64 },
    /// An end tag with no element open.
    StrayEnd { offset: u64 },
}

/// The kind of markup starting at a `<`.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Markup {
    Start,
    Empty,
    End,
    /// A comment, CDATA section, processing instruction or declaration.
    Other,
}

/// The scanner of one answer.
pub(crate) struct Scanner {
    path: &'static ListPath,
    /// Bytes received and not yet passed on, from `base` in the body.
    buf: Vec<u8>,
    /// The body offset of `buf[0]`.
    base: u64,
    /// Where scanning resumes in `buf`.
    pos: usize,
    /// Where the markup at `pos` was searched to, for its end (so that a
    /// long comment arriving byte by byte is not searched again and again).
    searched: usize,
    /// The quote open where the search of a start tag stopped.
    tag_quote: Option<u8>,
    /// The qualified names of the open elements outside an item, root
    /// first.
    open: Vec<Vec<u8>>,
    /// How many of the open elements are the root and the path.
    matched: usize,
    /// The item (or error document) being read: where it starts in `buf`,
    /// its depth inside, and whether it is an error document.
    item: Option<(usize, usize, bool)>,
    /// The bytes that are not items.
    outline: Vec<u8>,
    /// The largest item allowed.
    max_item: usize,
    ended: bool,
}

impl Scanner {
    pub(crate) fn new(path: &'static ListPath, max_item: usize) -> Self {
        Scanner {
            path,
            buf: Vec::new(),
            base: 0,
            pos: 0,
            searched: 0,
            tag_quote: None,
            open: Vec::new(),
            matched: 0,
            item: None,
            outline: Vec::new(),
            max_item,
            ended: false,
        }
    }

    /// Adds the next chunk of the body, dropping the bytes already passed
    /// on.
    pub(crate) fn feed(&mut self, chunk: &[u8]) {
        let keep = self.item.map_or(self.pos, |(start, ..)| start);
        if keep > 0 {
            self.buf.drain(..keep);
            self.base += keep as u64;
            self.pos -= keep;
            self.searched = self.searched.saturating_sub(keep);
            if let Some((start, ..)) = &mut self.item {
                *start -= keep;
            }
        }
        self.buf.extend_from_slice(chunk);
    }

    /// The bytes of a range `next` returned.
    pub(crate) fn bytes(&self, start: usize, end: usize) -> &[u8] {
        self.buf.get(start..end).unwrap_or_default()
    }

    /// The bytes outside the items so far.
    pub(crate) fn outline(&self) -> &[u8] {
        &self.outline
    }

    /// The outline so far with the open elements closed: a whole document
    /// the answer's parser can read.
    pub(crate) fn closed_outline(&self) -> Vec<u8> {
        let mut doc = self.outline.clone();
        for name in self.open.iter().rev() {
            doc.extend_from_slice(b"</");
            doc.extend_from_slice(name);
            doc.push(b'>');
        }
        doc
    }

    /// The partial item at the end of a body cut short, with its body
    /// offset.
    pub(crate) fn partial_item(&self) -> Option<(&[u8], u64, bool)> {
        let (start, _, error) = self.item?;
        Some((&self.buf[start..], self.base + start as u64, error))
    }

    /// The body offset scanning has reached.
    pub(crate) fn offset(&self) -> u64 {
        self.base + self.pos as u64
    }

    /// True once the root element is closed.
    #[cfg(test)]
    fn ended(&self) -> bool {
        self.ended
    }

    /// The depth of the element holding the items (root = 1).
    fn list_depth(&self) -> usize {
        1 + self.path.path.len()
    }

    /// True if the open elements are the root and the whole path.
    fn in_list(&self) -> bool {
        self.matched == self.list_depth() && self.open.len() == self.matched
    }

    /// Scans on to the next thing worth reporting.
    pub(crate) fn next(&mut self) -> Result<Found, ScanError> {
        loop {
            if self.ended {
                return Ok(Found::End);
            }
            if let Some((start, ..)) = self.item {
                if self.buf.len() - start > self.max_item {
                    return Err(ScanError::ItemTooLarge {
                        limit: self.max_item,
                        offset: self.base + start as u64,
                    });
                }
            }
            if self.outline.len() > MAX_OUTLINE_BYTES {
                return Err(ScanError::OutlineTooLarge {
                    offset: self.offset(),
                });
            }
            let rest = &self.buf[self.pos..];
            if rest.is_empty() {
                return Ok(Found::NeedMore);
            }
            if rest[0] != b'<' {
                // Text: inside an item it is the item's; between items it
                // is dropped (parsers pass over text between children);
                // elsewhere it is the outline's.
                let len = memchr::memchr(b'<', rest).unwrap_or(rest.len());
                if self.item.is_none() && !self.in_list() {
                    self.outline.extend_from_slice(&rest[..len]);
                }
                self.pos += len;
                continue;
            }
            let Some((markup, len)) = self.markup() else {
                if self.item.is_none() && self.buf.len() - self.pos > MAX_OUTLINE_BYTES {
                    return Err(ScanError::OutlineTooLarge {
                        offset: self.offset(),
                    });
                }
                return Ok(Found::NeedMore);
            };
            let at = self.pos;
            self.pos += len;
            self.searched = self.pos;
            if let Some(found) = self.markup_found(markup, at)? {
                return Ok(found);
            }
        }
    }

    /// Takes account of the markup `buf[at..pos]`.
    fn markup_found(&mut self, markup: Markup, at: usize) -> Result<Option<Found>, ScanError> {
        let offset = self.base + at as u64;
        if let Some((start, depth, error)) = &mut self.item {
            let (start, error) = (*start, *error);
            match markup {
                Markup::Start => *depth += 1,
                Markup::End => *depth -= 1,
                Markup::Empty | Markup::Other => {}
            }
            if *depth > 0 {
                return Ok(None);
            }
            self.item = None;
            let offset = self.base + start as u64;
            let (start, end) = (start, self.pos);
            return Ok(Some(if error {
                Found::ErrorDocument { start, end, offset }
            } else {
                Found::Item { start, end, offset }
            }));
        }
        let tag = &self.buf[at..self.pos];
        let name = qualified_name(tag, markup);
        let depth = self.open.len();
        if matches!(markup, Markup::Start | Markup::Empty) && depth > 0 {
            let local = local_name(name);
            let item = self.in_list() && local == self.path.item;
            let error = !item && local == self.path.error_root;
            if item || error {
                if markup == Markup::Empty {
                    let (start, end) = (at, self.pos);
                    return Ok(Some(match error {
                        true => Found::ErrorDocument { start, end, offset },
                        false => Found::Item { start, end, offset },
                    }));
                }
                self.item = Some((at, 1, error));
                return Ok(None);
            }
        }
        self.outline.extend_from_slice(tag);
        match markup {
            Markup::Start => {
                if depth >= MAX_DEPTH {
                    return Err(ScanError::TooDeep { offset });
                }
                let local = local_name(name);
                let expected = match depth {
                    0 => Some(self.path.root),
                    d => self.path.path.get(d - 1).copied(),
                };
                if self.matched == depth && expected == Some(local) {
                    self.matched += 1;
                }
                self.open.push(name.to_vec());
                if self.in_list() {
                    return Ok(Some(Found::ListOpened));
                }
            }
            Markup::End => {
                if self.open.pop().is_none() {
                    return Err(ScanError::StrayEnd { offset });
                }
                self.matched = self.matched.min(self.open.len());
                if self.open.is_empty() {
                    self.ended = true;
                }
            }
            Markup::Empty => {
                if depth == 0 {
                    self.ended = true;
                }
            }
            Markup::Other => {}
        }
        Ok(None)
    }

    /// The kind and length of the markup at `pos`, if all of it is here.
    fn markup(&mut self) -> Option<(Markup, usize)> {
        let rest = &self.buf[self.pos..];
        let second = *rest.get(1)?;
        let (kind, close): (Markup, &[u8]) = match second {
            b'/' => (Markup::End, b">"),
            b'?' => (Markup::Other, b"?>"),
            b'!' => {
                if rest.len() < 9 && (b"<!--".starts_with(rest) || b"<![CDATA[".starts_with(rest)) {
                    return None;
                }
                if rest.starts_with(b"<!--") {
                    (Markup::Other, b"-->")
                } else if rest.starts_with(b"<![CDATA[") {
                    (Markup::Other, b"]]>")
                } else {
                    (Markup::Other, b">")
                }
            }
            _ => return self.start_tag(),
        };
        let from = self.searched.saturating_sub(self.pos).max(2);
        match memchr::memmem::find(&rest[from..], close) {
            Some(i) => Some((kind, from + i + close.len())),
            None => {
                self.searched = self.buf.len().saturating_sub(close.len() - 1).max(self.pos);
                None
            }
        }
    }

    /// A start or empty tag: its end is the first `>` outside quotes. The
    /// search resumes where it stopped (with its quote) when the tag
    /// arrives in pieces.
    fn start_tag(&mut self) -> Option<(Markup, usize)> {
        let rest = &self.buf[self.pos..];
        let from = self.searched.saturating_sub(self.pos).max(1);
        let mut quote = if from > 1 { self.tag_quote } else { None };
        for (i, &b) in rest.iter().enumerate().skip(from) {
            match (quote, b) {
                (None, b'"' | b'\'') => quote = Some(b),
                (Some(q), _) if b == q => quote = None,
                (None, b'>') => {
                    let kind = if rest[i - 1] == b'/' {
                        Markup::Empty
                    } else {
                        Markup::Start
                    };
                    return Some((kind, i + 1));
                }
                _ => {}
            }
        }
        self.searched = self.buf.len();
        self.tag_quote = quote;
        None
    }
}

/// The qualified name of a tag (`<ec2:item a="b">` gives `ec2:item`).
fn qualified_name(tag: &[u8], markup: Markup) -> &[u8] {
    let skip = if markup == Markup::End { 2 } else { 1 };
    let rest = tag.get(skip..).unwrap_or_default();
    let end = rest
        .iter()
        .position(|b| b.is_ascii_whitespace() || matches!(b, b'>' | b'/'))
        .unwrap_or(rest.len());
    &rest[..end]
}

/// A name without its namespace prefix.
fn local_name(name: &[u8]) -> &[u8] {
    match memchr::memchr(b':', name) {
        Some(i) => &name[i + 1..],
        None => name,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    static EC2: ListPath = ListPath {
        root: b"DescribeImagesResponse",
        path: &[b"imagesSet"],
        item: b"item",
        error_root: b"Response",
    };

    static FLAT: ListPath = ListPath {
        root: b"ListThingsResponse",
        path: &[b"ListThingsResult"],
        item: b"Things",
        error_root: b"ErrorResponse",
    };

    const BODY: &str = "<?xml version=\"1.0\"?>\n<DescribeImagesResponse xmlns=\"x\">\
        <requestId>r-1</requestId>\n<imagesSet>\n  <item><imageId>a&gt;</imageId>\
        <!-- <item> --><x a='>'/></item>\n  <item/>\n  <item><n><![CDATA[</item>]]></n></item>\n</imagesSet>\
        <nextToken>t</nextToken></DescribeImagesResponse>\n";

    /// Scans `body` fed in chunks of `size`: the items and the outline.
    fn scan(path: &'static ListPath, body: &str, size: usize) -> (Vec<String>, String, bool) {
        let mut s = Scanner::new(path, 1 << 20);
        let mut items = Vec::new();
        let mut opened = false;
        for chunk in body.as_bytes().chunks(size) {
            s.feed(chunk);
            loop {
                match s.next().unwrap() {
                    Found::Item { start, end, offset } => {
                        let bytes = s.bytes(start, end);
                        assert_eq!(&body.as_bytes()[offset as usize..][..bytes.len()], bytes);
                        items.push(String::from_utf8(bytes.to_vec()).unwrap());
                    }
                    Found::ErrorDocument { start, end, .. } => items.push(format!(
                        "error:{}",
                        String::from_utf8_lossy(s.bytes(start, end))
                    )),
                    Found::ListOpened => opened = true,
                    Found::NeedMore | Found::End => break,
                }
            }
        }
        let outline = String::from_utf8(s.outline().to_vec()).unwrap();
        (items, outline, opened && s.ended())
    }

    #[test]
    fn items_and_outline_are_the_same_whatever_the_chunks() {
        let whole = scan(&EC2, BODY, BODY.len());
        assert_eq!(
            whole.0,
            [
                "<item><imageId>a&gt;</imageId><!-- <item> --><x a='>'/></item>",
                "<item/>",
                "<item><n><![CDATA[</item>]]></n></item>",
            ]
        );
        assert_eq!(
            whole.1,
            "<?xml version=\"1.0\"?>\n<DescribeImagesResponse xmlns=\"x\"><requestId>r-1</requestId>\n\
             <imagesSet></imagesSet><nextToken>t</nextToken></DescribeImagesResponse>"
        );
        assert!(whole.2);
        for size in [1, 2, 3, 7, 64] {
            assert_eq!(scan(&EC2, BODY, size), whole, "chunks of {size}");
        }
    }

    #[test]
    fn a_tag_arriving_byte_by_byte_keeps_its_quotes() {
        let body = "<DescribeImagesResponse><imagesSet><item a=\"x>y\" b='\"/>'><i>1</i></item>\
            </imagesSet></DescribeImagesResponse>";
        let (items, _, ended) = scan(&EC2, body, 1);
        assert_eq!(items, ["<item a=\"x>y\" b='\"/>'><i>1</i></item>"]);
        assert!(ended);
    }

    #[test]
    fn a_flattened_list_keeps_its_siblings_in_the_outline() {
        let body = "<ListThingsResponse><ListThingsResult><Things><A>1</A></Things>\
            <Things><A>2</A></Things><NextToken>n</NextToken></ListThingsResult>\
            <ResponseMetadata><RequestId>r</RequestId></ResponseMetadata></ListThingsResponse>";
        let (items, outline, ended) = scan(&FLAT, body, 5);
        assert_eq!(
            items,
            ["<Things><A>1</A></Things>", "<Things><A>2</A></Things>"]
        );
        assert!(outline.contains("<NextToken>n</NextToken></ListThingsResult>"));
        assert!(outline.contains("<RequestId>r</RequestId>"));
        assert!(ended);
    }

    #[test]
    fn elements_of_the_same_name_elsewhere_are_not_items() {
        let body = "<DescribeImagesResponse><other><item>x</item></other>\
            <imagesSet><item><tagSet><item>t</item></tagSet></item></imagesSet></DescribeImagesResponse>";
        let (items, outline, _) = scan(&EC2, body, 4);
        assert_eq!(items, ["<item><tagSet><item>t</item></tagSet></item>"]);
        assert!(outline.contains("<other><item>x</item></other>"));
    }

    #[test]
    fn an_error_document_inside_the_answer_is_found() {
        let body = "<DescribeImagesResponse><imagesSet><item>1</item>\
            <Response><Errors><Error><Code>InternalError</Code></Error></Errors></Response>";
        let (items, _, ended) = scan(&EC2, body, 3);
        assert_eq!(items[0], "<item>1</item>");
        assert!(
            items[1].starts_with("error:<Response><Errors>"),
            "{items:?}"
        );
        assert!(items[1].ends_with("</Response>"));
        assert!(!ended);
    }

    #[test]
    fn the_closed_outline_is_a_whole_document() {
        let mut s = Scanner::new(&EC2, 1 << 20);
        s.feed(b"<a:DescribeImagesResponse><requestId>r</requestId><imagesSet><item>");
        assert_eq!(s.next(), Ok(Found::ListOpened));
        assert_eq!(
            s.closed_outline(),
            b"<a:DescribeImagesResponse><requestId>r</requestId><imagesSet></imagesSet></a:DescribeImagesResponse>"
        );
        assert_eq!(s.next(), Ok(Found::NeedMore));
        let (partial, offset, error) = s.partial_item().unwrap();
        assert_eq!((partial, offset, error), (&b"<item>"[..], 61, false));
    }

    #[test]
    fn limits_are_errors() {
        let mut s = Scanner::new(&EC2, 10);
        s.feed(b"<DescribeImagesResponse><imagesSet><item>0123456789");
        assert!(matches!(s.next(), Ok(Found::ListOpened)));
        assert_eq!(
            s.next(),
            Err(ScanError::ItemTooLarge {
                limit: 10,
                offset: 35
            })
        );
        let mut s = Scanner::new(&EC2, 10);
        s.feed(b"</x>");
        assert_eq!(s.next(), Err(ScanError::StrayEnd { offset: 0 }));
        let mut s = Scanner::new(&EC2, 10);
        s.feed("<a>".repeat(MAX_DEPTH + 1).as_bytes());
        assert!(matches!(s.next(), Err(ScanError::TooDeep { .. })));
        let mut s = Scanner::new(&EC2, 10);
        s.feed(b"<a>");
        s.feed(&vec![b'x'; MAX_OUTLINE_BYTES + 1]);
        assert!(matches!(s.next(), Err(ScanError::OutlineTooLarge { .. })));
    }
}
