//! Model documentation (AWS's HTML subset) converted to rustdoc Markdown.
//!
//! Handles paragraphs, lists (nested, ordered or not), links, code,
//! emphasis, `<note>`/`<important>` and preformatted blocks; unknown tags are
//! dropped and their text kept. Text is escaped so that it can never turn into
//! Markdown it did not mean (`[`, `]`, `<`, `*`, backticks...), and bare URLs
//! are wrapped in `<...>` so rustdoc links them. The result is rendered as one
//! `#[doc]` attribute per line.

use proc_macro2::{Literal, TokenStream};
use quote::quote;

/// Renders documentation as `#[doc = "..."]` attributes: the model's HTML
/// converted to Markdown, or `fallback` when the model has none.
pub fn doc_attrs(html: Option<&str>, fallback: &str) -> TokenStream {
    let markdown = html.map(to_markdown).filter(|m| !m.is_empty());
    lines_to_attrs(markdown.as_deref().unwrap_or(fallback))
}

/// Renders Markdown text as one `#[doc]` attribute per line.
pub fn lines_to_attrs(markdown: &str) -> TokenStream {
    let lines = markdown.lines().map(|line| {
        let line = if line.is_empty() {
            String::new()
        } else {
            format!(" {line}")
        };
        let line = literal(&line);
        quote!(#[doc = #line])
    });
    quote!(#(#lines)*)
}

/// The text of a `#[doc]` attribute: a raw string literal (`r#"..."#`,
/// with as many `#` as it needs). The formatter reads the text back to
/// print it as `///`, and copies a raw string where it unescapes an escaped
/// one a character at a time: with escaped strings, docs took a tenth of
/// the formatting. Text no raw string can hold (a lone carriage return) is
/// escaped.
pub fn literal(text: &str) -> Literal {
    let mut hashes = 0;
    let mut run = None;
    for c in text.chars() {
        run = match (c, run) {
            ('"', _) => Some(0),
            ('#', Some(n)) => Some(n + 1),
            _ => None,
        };
        hashes = hashes.max(run.map_or(0, |n| n + 1));
    }
    let hashes = "#".repeat(hashes);
    let literal = format!("r{hashes}\"{text}\"{hashes}");
    literal.parse().unwrap_or_else(|_| Literal::string(text))
}

/// Converts model HTML to Markdown.
pub fn to_markdown(html: &str) -> String {
    let mut w = Writer::default();
    let mut rest = html;
    while !rest.is_empty() {
        match rest.find('<') {
            Some(0) => match rest.find('>') {
                Some(end) => {
                    w.tag(&rest[1..end]);
                    rest = &rest[end + 1..];
                }
                None => {
                    // A lone `<` with no closing `>`: it is text.
                    w.text(rest);
                    rest = "";
                }
            },
            Some(i) => {
                w.text(&rest[..i]);
                rest = &rest[i..];
            }
            None => {
                w.text(rest);
                rest = "";
            }
        }
    }
    without_lost_links(&w.finish())
}

/// The Markdown without the lines that point to a link the model lost
/// (`To get the list of actions, see .`): an empty reference is noise.
fn without_lost_links(markdown: &str) -> String {
    let lost = |line: &str| line.trim_end().ends_with(" see .");
    if !markdown.lines().any(lost) {
        return markdown.to_string();
    }
    let kept: Vec<&str> = markdown.lines().filter(|l| !lost(l)).collect();
    kept.join("\n")
}

/// An open list.
struct List {
    ordered: bool,
    /// The number of the next item (ordered lists).
    next: usize,
    /// The column where the current item's text starts: later blocks of
    /// the same item are indented to it.
    indent: usize,
}

#[derive(Default)]
struct Writer {
    /// Finished blocks, joined by blank lines at the end.
    out: String,
    /// The line being written.
    line: String,
    /// Open lists, innermost last.
    lists: Vec<List>,
    /// Inside `<code>` (no escaping, no emphasis).
    code: usize,
    /// Inside `<pre>` (keep whitespace).
    pre: bool,
    /// The open link's target, and where its text starts in `line`.
    link: Option<(String, usize)>,
    /// A space is owed before the next word.
    space: bool,
    /// `line` holds only a prefix (a list marker, a note label) so far: a
    /// block break must not end it.
    prefix_only: bool,
    /// A block of a list item ended: text that follows in the same item
    /// starts a new block of it.
    continued: bool,
}

impl Writer {
    fn tag(&mut self, raw: &str) {
        let raw = raw.trim();
        let closing = raw.starts_with('/');
        let body = raw.trim_start_matches('/').trim_end_matches('/');
        let name_end = body.find(|c: char| c.is_whitespace()).unwrap_or(body.len());
        let name = body[..name_end].to_ascii_lowercase();
        match (name.as_str(), closing) {
            ("p" | "fullname" | "div" | "dl", _) => self.block_break(),
            ("note" | "important", false) => {
                self.block_break();
                self.word(if name == "note" {
                    "**Note:**"
                } else {
                    "**Important:**"
                });
                self.space = true;
                self.prefix_only = true;
            }
            ("note" | "important", true) => self.block_break(),
            ("br", _) => self.end_line(),
            ("ul" | "ol", false) => {
                self.end_line();
                self.drop_prefix();
                if self.lists.is_empty() {
                    self.block_break();
                }
                let indent = self.lists.last().map_or(0, |l| l.indent);
                self.lists.push(List {
                    ordered: name == "ol",
                    next: 1,
                    indent,
                });
            }
            ("ul" | "ol", true) => {
                self.end_line();
                self.drop_prefix();
                self.lists.pop();
                if self.lists.is_empty() {
                    self.block_break();
                }
            }
            ("li", false) => {
                self.end_line();
                self.drop_prefix();
                let outer = self.lists.len().saturating_sub(1);
                let start = self
                    .lists
                    .get(outer.wrapping_sub(1))
                    .map_or(0, |l| l.indent);
                let Some(list) = self.lists.last_mut() else {
                    return;
                };
                let marker = if list.ordered {
                    list.next += 1;
                    format!("{}. ", list.next - 1)
                } else {
                    "- ".to_string()
                };
                list.indent = start + marker.len();
                self.line = format!("{}{marker}", " ".repeat(start));
                self.space = false;
                self.prefix_only = true;
            }
            ("li", true) => {
                self.end_line();
                self.drop_prefix();
            }
            ("dt", false) => {
                self.block_break();
                self.word("**");
            }
            ("dt", true) => {
                self.line.push_str("**");
                self.block_break();
            }
            ("dd", _) => self.block_break(),
            ("code", false) => {
                self.word("`");
                self.code += 1;
            }
            ("code", true) => {
                self.code = self.code.saturating_sub(1);
                self.line.push('`');
            }
            ("pre", false) => {
                self.block_break();
                self.out.push_str("```text\n");
                self.pre = true;
            }
            ("pre", true) => {
                self.pre = false;
                self.end_line();
                if !self.out.ends_with('\n') {
                    self.out.push('\n');
                }
                self.out.push_str("```\n\n");
            }
            ("b" | "strong", _) if self.code == 0 => self.emphasis("**", closing),
            ("i" | "em", _) if self.code == 0 => self.emphasis("*", closing),
            ("a", false) => {
                let href = attribute(body, "href").unwrap_or_default();
                self.word("");
                self.link = Some((href, self.line.len()));
            }
            ("a", true) => {
                if let Some((href, start)) = self.link.take() {
                    if !href.is_empty() && start <= self.line.len() {
                        let text = self.line.split_off(start);
                        let text = if text.trim().is_empty() {
                            href.clone()
                        } else {
                            text
                        };
                        self.line.push_str(&format!(
                            "[{}]({})",
                            text.trim(),
                            href.replace(' ', "%20").replace(')', "%29")
                        ));
                    }
                }
            }
            _ => {}
        }
    }

    fn emphasis(&mut self, marker: &str, closing: bool) {
        if closing {
            // Emphasis must hug its text: drop a trailing space first.
            let trimmed = self.line.trim_end().len();
            self.line.truncate(trimmed);
            self.line.push_str(marker);
        } else {
            self.word(marker);
        }
    }

    fn text(&mut self, raw: &str) {
        let decoded = decode_entities(raw);
        if self.pre {
            for (i, part) in decoded.split('\n').enumerate() {
                if i > 0 {
                    self.end_line();
                }
                self.line.push_str(part);
            }
            return;
        }
        if decoded.starts_with(char::is_whitespace) {
            self.space = true;
        }
        let mut words = decoded.split_whitespace().peekable();
        while let Some(word) = words.next() {
            let text = if self.code > 0 {
                word.replace('`', "'")
            } else {
                escape_word(word)
            };
            self.word(&text);
            if words.peek().is_some() {
                self.space = true;
            }
        }
        if decoded.ends_with(char::is_whitespace) {
            self.space = true;
        }
    }

    /// Appends a word, with the space owed before it.
    fn word(&mut self, text: &str) {
        if self.continued {
            self.continued = false;
            self.end_line();
            self.out.push('\n');
            self.line = " ".repeat(self.lists.last().map_or(0, |l| l.indent));
        }
        self.prefix_only = false;
        let at_start = self.line.trim().is_empty();
        // Text right after an opening `**`, `*` or backtick hugs it.
        let after_opening = self.line.ends_with('`') && self.code > 0
            || self.line.ends_with("**") && text != "**"
            || self.line.ends_with('*');
        let glued =
            at_start || self.line.ends_with(' ') || after_opening && self.opening_marker_last();
        if self.space && !glued {
            self.line.push(' ');
        }
        self.space = false;
        self.line.push_str(text);
    }

    /// True if the line ends with an emphasis or code marker that opens
    /// (nothing but a space or the line start before it).
    fn opening_marker_last(&self) -> bool {
        let trimmed = self.line.trim_end_matches(['*', '`']);
        trimmed.is_empty()
            || trimmed.ends_with(' ')
            || trimmed.ends_with('(')
            || trimmed.ends_with('[')
    }

    fn end_line(&mut self) {
        if self.prefix_only {
            return;
        }
        let line = self.line.trim_end().to_string();
        self.line.clear();
        self.space = false;
        if line.trim().is_empty() && !self.pre {
            return;
        }
        self.out.push_str(&line);
        self.out.push('\n');
    }

    /// Forgets a line that holds only a prefix.
    fn drop_prefix(&mut self) {
        self.continued = false;
        if self.prefix_only {
            self.line.clear();
            self.prefix_only = false;
        }
    }

    /// Ends the current block. Outside lists a blank line follows; inside a
    /// list item, a later block of the same item starts after a blank line,
    /// indented to the item's text so that it stays in it.
    fn block_break(&mut self) {
        if self.prefix_only {
            return;
        }
        self.end_line();
        if !self.lists.is_empty() {
            self.continued = true;
        } else if !self.out.is_empty() && !self.out.ends_with("\n\n") {
            self.out.push('\n');
        }
    }

    fn finish(mut self) -> String {
        self.end_line();
        let mut lines: Vec<&str> = Vec::new();
        for line in self.out.lines() {
            if line.is_empty() && lines.last().is_none_or(|l| l.is_empty()) {
                continue;
            }
            lines.push(line);
        }
        while lines.last().is_some_and(|l| l.is_empty()) {
            lines.pop();
        }
        lines.join("\n")
    }
}

/// Reads `name="value"` (or single quotes) from a tag body.
fn attribute(body: &str, name: &str) -> Option<String> {
    let at = body.find(&format!("{name}="))? + name.len() + 1;
    let rest = &body[at..];
    let quote = rest.chars().next().filter(|c| *c == '"' || *c == '\'')?;
    let value = &rest[1..];
    let end = value.find(quote)?;
    Some(decode_entities(&value[..end]).trim().to_string())
}

/// Escapes Markdown syntax in a word of text; wraps a bare URL in `<...>`.
fn escape_word(word: &str) -> String {
    if let Some(at) = word.find("https://").or_else(|| word.find("http://")) {
        let (before, url) = word.split_at(at);
        let end = url
            .find([')', ']', '>', '<', '"', '\''])
            .unwrap_or(url.len());
        let (url, after) = url.split_at(end);
        let (url, punct) = match url.strip_suffix(['.', ',', ';', ':']) {
            Some(u) => (u, &url[u.len()..]),
            None => (url, ""),
        };
        return format!(
            "{}<{url}>{punct}{}",
            escape_word(before),
            escape_word(after)
        );
    }
    let mut out = String::with_capacity(word.len());
    for c in word.chars() {
        if matches!(
            c,
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '#' | '|'
        ) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// Decodes the HTML entities AWS models use.
fn decode_entities(text: &str) -> String {
    if !text.contains('&') {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        let end = rest.find(';').filter(|&e| e <= 10);
        let decoded = end.and_then(|e| match &rest[1..e] {
            "lt" => Some('<'),
            "gt" => Some('>'),
            "amp" => Some('&'),
            "quot" => Some('"'),
            "apos" => Some('\''),
            "nbsp" => Some(' '),
            num if num.starts_with("#x") => u32::from_str_radix(&num[2..], 16)
                .ok()
                .and_then(char::from_u32),
            num if num.starts_with('#') => num[1..].parse().ok().and_then(char::from_u32),
            _ => None,
        });
        match (decoded, end) {
            (Some(c), Some(e)) => {
                out.push(c);
                rest = &rest[e + 1..];
            }
            _ => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use quote::ToTokens;

    use super::{literal, to_markdown};

    #[test]
    fn paragraphs_code_and_links() {
        let html = "<p>The <code>ImageId</code> of the <a href=\"https://x.test/a b\">AMI</a>.</p> <p>Second [one] a*b.</p>";
        assert_eq!(
            to_markdown(html),
            "The `ImageId` of the [AMI](https://x.test/a%20b).\n\nSecond \\[one\\] a\\*b."
        );
    }

    #[test]
    fn a_reference_whose_link_the_model_lost_is_dropped() {
        let html = "<ul><li><p>See <a href=\"https://x.test\">this</a>.</p></li><li><p>To get the list of actions, see .</p></li><li><p>Last.</p></li></ul>";
        assert_eq!(to_markdown(html), "- See [this](https://x.test).\n- Last.");
    }

    #[test]
    fn nested_lists_and_notes() {
        let html = "<p>Intro:</p><ul><li><p>one</p></li><li>two<ul><li>inner</li></ul></li></ul><note><p>Careful &amp; <b>bold</b>.</p></note>";
        assert_eq!(
            to_markdown(html),
            "Intro:\n\n- one\n- two\n  - inner\n\n**Note:** Careful & **bold**."
        );
    }

    #[test]
    fn ordered_lists_bare_urls_and_angle_brackets() {
        let html = "<ol><li>a</li><li>b</li></ol><p>See https://aws.test/x. Use &lt;tag&gt; and <i>x</i></p>";
        assert_eq!(
            to_markdown(html),
            "1. a\n2. b\n\nSee <https://aws.test/x>. Use \\<tag\\> and *x*"
        );
    }

    #[test]
    fn later_blocks_of_a_list_item_stay_in_it() {
        let html = "<ul><li><p>first</p><note><p>careful</p></note></li><li><p>second</p></li></ul><p>After.</p>";
        assert_eq!(
            to_markdown(html),
            "- first\n\n  **Note:** careful\n- second\n\nAfter."
        );
    }

    #[test]
    fn tolerates_broken_html() {
        assert_eq!(to_markdown("a < b"), "a \\< b");
        assert_eq!(to_markdown("<p>unclosed <code>x"), "unclosed `x");
        assert_eq!(to_markdown(""), "");
    }

    #[test]
    fn a_doc_literal_holds_its_text_exactly() {
        let texts = [
            "",
            " plain",
            r#" a "quoted" word"#,
            r##" closes "# early"##,
            r###" "## twice"###,
            r#"ends with a quote""#,
            r" back\slash \n",
            " tab\tand unicode: é ✓",
            " lone\rreturn",
        ];
        for text in texts {
            let lit: syn::LitStr = syn::parse2(literal(text).into_token_stream())
                .unwrap_or_else(|e| panic!("{text:?}: {e}"));
            assert_eq!(lit.value(), text);
        }
        // Raw where a raw string can hold it; escaped otherwise.
        assert!(literal(r##"x"#y"##).to_string().starts_with("r##\""));
        assert!(literal("a\rb").to_string().starts_with('"'));
    }
}
