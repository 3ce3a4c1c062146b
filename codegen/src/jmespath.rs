//! A JMESPath parser for the subset that waiters use, compiled into Rust at
//! generation time by `render::waiters` (nothing is interpreted at run time).
//!
//! Pure: text in, an [`Expr`] out, every problem an [`Error`] that quotes the
//! expression and the column. Supported: identifiers (bare and quoted),
//! sub-expressions (`a.b`), `@`, index (`a[0]`, `a[-1]`), list projections
//! (`a[*].b`), flatten (`a[].b`), filter projections (`a[?b == 'x'].c`),
//! pipes, comparisons (`==`, `!=`, `<`, `<=`, `>`, `>=`), `&&`, `||`, `!`,
//! parentheses, literals (`` `0` ``, `` `"x"` ``, `` `true` ``, `` `null` ``,
//! raw strings `'x'`) and function calls (the functions themselves are
//! checked by the compiler). Slices, multi-selects, object projections (`*`,
//! `a.*`) and expression references (`&a`) are reported as unsupported.
//!
//! Nesting is bounded: an expression whose tree is deeper than
//! [`MAX_DEPTH`] levels (nested `(`, `!`, `[`, pipes, sub-expressions,
//! projections, comparisons, function calls...) is refused with an error
//! naming the column where the limit was passed. The parser never recurses
//! deeper than that, and so neither does anything walking a parsed
//! [`Expr`] (resource paths are parsed here too).

use std::fmt;

use crate::{Error, Result};

/// A parsed JMESPath expression.
#[derive(Debug, Clone, PartialEq)]
pub enum Expr {
    /// `@`, the current node (also the implicit right side of a projection).
    Current,
    /// A field of the current object: `Images`, `"Images"`.
    Field(String),
    /// `left.right`: `right` evaluated on the result of `left`.
    Sub(Box<Expr>, Box<Expr>),
    /// `left[index]`; a negative index counts from the end.
    Index(Box<Expr>, i64),
    /// A list projection: `right` evaluated on every element of the list
    /// `left`, null results dropped (`a[*].b`, and `a[].b` over a flatten).
    Project(Box<Expr>, Box<Expr>),
    /// `left[]`: the list `left` with list elements spliced in one level.
    Flatten(Box<Expr>),
    /// `left[?cond].right`: a projection over the elements of `left` for
    /// which `cond` is truthy.
    Filter(Box<Expr>, Box<Expr>, Box<Expr>),
    /// `left | right`.
    Pipe(Box<Expr>, Box<Expr>),
    /// A comparison.
    Compare(CmpOp, Box<Expr>, Box<Expr>),
    /// `left && right`.
    And(Box<Expr>, Box<Expr>),
    /// `left || right`.
    Or(Box<Expr>, Box<Expr>),
    /// `!expr`.
    Not(Box<Expr>),
    /// A literal value.
    Literal(Literal),
    /// A function call: name and arguments.
    Call(String, Vec<Expr>),
}

/// A comparison operator.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CmpOp {
    /// `==`
    Eq,
    /// `!=`
    Ne,
    /// `<`
    Lt,
    /// `<=`
    Le,
    /// `>`
    Gt,
    /// `>=`
    Ge,
}

impl CmpOp {
    /// The operator as JMESPath spells it.
    pub fn as_str(self) -> &'static str {
        match self {
            CmpOp::Eq => "==",
            CmpOp::Ne => "!=",
            CmpOp::Lt => "<",
            CmpOp::Le => "<=",
            CmpOp::Gt => ">",
            CmpOp::Ge => ">=",
        }
    }
}

/// A literal (`` `...` `` JSON, or a raw string `'...'`). Arrays and objects
/// are not supported.
#[derive(Debug, Clone, PartialEq)]
pub enum Literal {
    /// `null`.
    Null,
    /// `true` / `false`.
    Bool(bool),
    /// An integer.
    Int(i64),
    /// A number with a fraction or exponent.
    Float(f64),
    /// A string.
    Str(String),
}

impl fmt::Display for Literal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Literal::Null => f.write_str("null"),
            Literal::Bool(b) => write!(f, "{b}"),
            Literal::Int(i) => write!(f, "{i}"),
            Literal::Float(x) => write!(f, "{x}"),
            Literal::Str(s) => write!(f, "{s:?}"),
        }
    }
}

/// The deepest expression tree [`parse`] accepts, in levels (a lone
/// identifier is one level, `!a` two, `a.b.c` three).
pub const MAX_DEPTH: usize = 64;

/// Parses an expression. Errors quote the expression and give the column
/// (1-based) of the problem.
pub fn parse(text: &str) -> Result<Expr> {
    let tokens = lex(text).map_err(|(col, msg)| located(text, col, msg))?;
    let mut p = Parser {
        tokens,
        pos: 0,
        text,
        depth: 0,
    };
    let expr = p.expression(0)?;
    match p.peek() {
        Tok::Eof => Ok(expr),
        other => Err(p.error(format!("unexpected {}", other.describe()))),
    }
}

/// The longest expression an error quotes whole; longer ones are cut.
const QUOTED_CHARS: usize = 100;

fn located(text: &str, col: usize, msg: impl fmt::Display) -> Error {
    let quoted = match text.char_indices().nth(QUOTED_CHARS) {
        Some((end, _)) => format!("{}...", &text[..end]),
        None => text.to_string(),
    };
    Error::new(format!(
        "JMESPath expression `{quoted}`, column {}: {msg}",
        col + 1
    ))
}

#[derive(Debug, Clone, PartialEq)]
enum Tok {
    Ident(String),
    Quoted(String),
    Literal(Literal),
    Number(i64),
    Dot,
    Star,
    At,
    Comma,
    Colon,
    LBracket,
    RBracket,
    Flatten,
    FilterOpen,
    LParen,
    RParen,
    LBrace,
    RBrace,
    Pipe,
    Or,
    And,
    Not,
    Ampersand,
    Cmp(CmpOp),
    Eof,
}

impl Tok {
    fn describe(&self) -> String {
        match self {
            Tok::Ident(s) => format!("identifier `{s}`"),
            Tok::Quoted(s) => format!("quoted identifier {s:?}"),
            Tok::Literal(l) => format!("literal {l}"),
            Tok::Number(n) => format!("number {n}"),
            Tok::Dot => "`.`".into(),
            Tok::Star => "`*`".into(),
            Tok::At => "`@`".into(),
            Tok::Comma => "`,`".into(),
            Tok::Colon => "`:`".into(),
            Tok::LBracket => "`[`".into(),
            Tok::RBracket => "`]`".into(),
            Tok::Flatten => "`[]`".into(),
            Tok::FilterOpen => "`[?`".into(),
            Tok::LParen => "`(`".into(),
            Tok::RParen => "`)`".into(),
            Tok::LBrace => "`{`".into(),
            Tok::RBrace => "`}`".into(),
            Tok::Pipe => "`|`".into(),
            Tok::Or => "`||`".into(),
            Tok::And => "`&&`".into(),
            Tok::Not => "`!`".into(),
            Tok::Ampersand => "`&`".into(),
            Tok::Cmp(op) => format!("`{}`", op.as_str()),
            Tok::Eof => "end of expression".into(),
        }
    }

    /// The left binding power (as in the JMESPath reference parser).
    fn lbp(&self) -> u8 {
        match self {
            Tok::Pipe => 1,
            Tok::Or => 2,
            Tok::And => 3,
            Tok::Cmp(_) => 5,
            Tok::Flatten => 9,
            Tok::Star => 20,
            Tok::FilterOpen => 21,
            Tok::Dot => 40,
            Tok::Not => 45,
            Tok::LBrace => 50,
            Tok::LBracket => 55,
            Tok::LParen => 60,
            _ => 0,
        }
    }
}

type LexResult<T> = std::result::Result<T, (usize, String)>;

/// Splits the text into (column, token) pairs, ending with `Eof`.
fn lex(text: &str) -> LexResult<Vec<(usize, Tok)>> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut out = Vec::new();
    let mut i = 0;
    let at = |i: usize| chars.get(i).map(|&(_, c)| c);
    let col = |i: usize| chars.get(i).map_or(text.len(), |&(b, _)| b);
    while let Some(c) = at(i) {
        let start = col(i);
        let two = |next: char| at(i + 1) == Some(next);
        let (tok, len) = match c {
            ' ' | '\t' | '\n' | '\r' => {
                i += 1;
                continue;
            }
            '.' => (Tok::Dot, 1),
            '*' => (Tok::Star, 1),
            '@' => (Tok::At, 1),
            ',' => (Tok::Comma, 1),
            ':' => (Tok::Colon, 1),
            ']' => (Tok::RBracket, 1),
            '(' => (Tok::LParen, 1),
            ')' => (Tok::RParen, 1),
            '{' => (Tok::LBrace, 1),
            '}' => (Tok::RBrace, 1),
            '[' if two(']') => (Tok::Flatten, 2),
            '[' if two('?') => (Tok::FilterOpen, 2),
            '[' => (Tok::LBracket, 1),
            '|' if two('|') => (Tok::Or, 2),
            '|' => (Tok::Pipe, 1),
            '&' if two('&') => (Tok::And, 2),
            '&' => (Tok::Ampersand, 1),
            '!' if two('=') => (Tok::Cmp(CmpOp::Ne), 2),
            '!' => (Tok::Not, 1),
            '=' if two('=') => (Tok::Cmp(CmpOp::Eq), 2),
            '<' if two('=') => (Tok::Cmp(CmpOp::Le), 2),
            '<' => (Tok::Cmp(CmpOp::Lt), 1),
            '>' if two('=') => (Tok::Cmp(CmpOp::Ge), 2),
            '>' => (Tok::Cmp(CmpOp::Gt), 1),
            '`' | '\'' | '"' => {
                let (body, len) = delimited(&chars[i..], c)
                    .ok_or_else(|| (start, format!("unterminated {c}...{c}")))?;
                let tok = match c {
                    '`' => Tok::Literal(
                        json_literal(&body.replace("\\`", "`")).map_err(|msg| (start, msg))?,
                    ),
                    '\'' => Tok::Literal(Literal::Str(body.replace("\\'", "'"))),
                    _ => match serde_json::from_str::<String>(&format!("\"{body}\"")) {
                        Ok(s) => Tok::Quoted(s),
                        Err(e) => return Err((start, format!("bad quoted identifier: {e}"))),
                    },
                };
                (tok, len)
            }
            '-' | '0'..='9' => {
                let mut j = i + 1;
                while at(j).is_some_and(|c| c.is_ascii_digit()) {
                    j += 1;
                }
                let digits = &text[start..col(j)];
                let n = digits
                    .parse::<i64>()
                    .map_err(|_| (start, format!("bad number `{digits}`")))?;
                (Tok::Number(n), j - i)
            }
            c if c.is_ascii_alphabetic() || c == '_' => {
                let mut j = i + 1;
                while at(j).is_some_and(|c| c.is_ascii_alphanumeric() || c == '_') {
                    j += 1;
                }
                (Tok::Ident(text[start..col(j)].to_string()), j - i)
            }
            other => return Err((start, format!("unexpected character `{other}`"))),
        };
        out.push((start, tok));
        i += len;
    }
    out.push((text.len(), Tok::Eof));
    Ok(out)
}

/// The body of a token delimited by `quote` (backslash escapes kept as
/// written) and the token's length in chars, including the delimiters.
fn delimited(chars: &[(usize, char)], quote: char) -> Option<(String, usize)> {
    let mut body = String::new();
    let mut k = 1;
    loop {
        let c = chars.get(k)?.1;
        if c == quote {
            return Some((body, k + 1));
        }
        body.push(c);
        if c == '\\' {
            body.push(chars.get(k + 1)?.1);
            k += 1;
        }
        k += 1;
    }
}

fn json_literal(body: &str) -> std::result::Result<Literal, String> {
    use serde_json::Value;
    let value: Value =
        serde_json::from_str(body.trim()).map_err(|e| format!("bad JSON literal: {e}"))?;
    Ok(match value {
        Value::Null => Literal::Null,
        Value::Bool(b) => Literal::Bool(b),
        Value::Number(n) => match n.as_i64() {
            Some(i) => Literal::Int(i),
            None => Literal::Float(
                n.as_f64()
                    .ok_or_else(|| format!("number {n} is out of range"))?,
            ),
        },
        Value::String(s) => Literal::Str(s),
        Value::Array(_) | Value::Object(_) => {
            return Err("array and object literals are not supported".into())
        }
    })
}

struct Parser<'t> {
    tokens: Vec<(usize, Tok)>,
    pos: usize,
    text: &'t str,
    /// How many calls of `expression` are under way.
    depth: usize,
}

/// Projections stop at tokens binding less tightly than this.
const PROJECTION_STOP: u8 = 10;

impl Parser<'_> {
    fn peek(&self) -> &Tok {
        // `lex` always ends with `Eof`, and `pos` never passes it.
        self.tokens.get(self.pos).map_or(&Tok::Eof, |(_, t)| t)
    }

    fn peek2(&self) -> &Tok {
        self.tokens.get(self.pos + 1).map_or(&Tok::Eof, |(_, t)| t)
    }

    fn next(&mut self) -> Tok {
        let tok = self.peek().clone();
        if self.pos + 1 < self.tokens.len() {
            self.pos += 1;
        }
        tok
    }

    fn error(&self, msg: impl fmt::Display) -> Error {
        let col = self
            .tokens
            .get(self.pos)
            .map_or(self.text.len(), |(c, _)| *c);
        located(self.text, col, msg)
    }

    fn unsupported(&self, what: &str) -> Error {
        self.error(format!("{what} are not supported in waiter expressions"))
    }

    fn expect(&mut self, want: Tok) -> Result<()> {
        if *self.peek() == want {
            self.next();
            Ok(())
        } else {
            Err(self.error(format!(
                "expected {}, found {}",
                want.describe(),
                self.peek().describe()
            )))
        }
    }

    /// Parses an expression binding tighter than `rbp`. Every recursion of
    /// the parser goes through here: an expression nested in `depth` others
    /// may be at most `MAX_DEPTH - depth` levels deep, so that neither the
    /// parser nor the tree it builds passes `MAX_DEPTH`.
    fn expression(&mut self, rbp: u8) -> Result<Expr> {
        self.depth += 1;
        let result = self.bounded_expression(rbp);
        self.depth -= 1;
        result
    }

    fn bounded_expression(&mut self, rbp: u8) -> Result<Expr> {
        let start = self.pos;
        self.check_depth(0, start)?;
        let mut left = self.nud()?;
        self.check_depth(height(&left), start)?;
        while rbp < self.peek().lbp() {
            left = self.led(left)?;
            self.check_depth(height(&left), start)?;
        }
        Ok(left)
    }

    /// Fails if an expression `height` levels deep starting at token
    /// `start`, nested in the expressions under way, passes `MAX_DEPTH`.
    fn check_depth(&self, height: usize, start: usize) -> Result<()> {
        if self.depth - 1 + height > MAX_DEPTH {
            let col = self.tokens.get(start).map_or(self.text.len(), |(c, _)| *c);
            return Err(located(
                self.text,
                col,
                format!("the expression nests deeper than {MAX_DEPTH} levels"),
            ));
        }
        Ok(())
    }

    fn nud(&mut self) -> Result<Expr> {
        let tok = self.peek().clone();
        match tok {
            Tok::Ident(name) | Tok::Quoted(name) => {
                self.next();
                Ok(Expr::Field(name))
            }
            Tok::Literal(lit) => {
                self.next();
                Ok(Expr::Literal(lit))
            }
            Tok::At => {
                self.next();
                Ok(Expr::Current)
            }
            Tok::Not => {
                self.next();
                Ok(Expr::Not(Box::new(self.expression(Tok::Not.lbp())?)))
            }
            Tok::LParen => {
                self.next();
                let inner = self.expression(0)?;
                self.expect(Tok::RParen)?;
                Ok(inner)
            }
            Tok::Flatten => self.led(Expr::Current),
            Tok::FilterOpen => self.led(Expr::Current),
            Tok::LBracket => match self.peek2() {
                Tok::Number(_) | Tok::Colon | Tok::Star => self.led(Expr::Current),
                _ => Err(self.unsupported("multi-select lists")),
            },
            Tok::LBrace => Err(self.unsupported("multi-select hashes")),
            Tok::Star => Err(self.unsupported("object projections (`*`)")),
            Tok::Ampersand => Err(self.unsupported("expression references (`&`)")),
            other => Err(self.error(format!("unexpected {}", other.describe()))),
        }
    }

    fn led(&mut self, left: Expr) -> Result<Expr> {
        let b = Box::new;
        let tok = self.next();
        match tok {
            Tok::Dot => {
                if *self.peek() == Tok::Star {
                    return Err(self.unsupported("object projections (`.*`)"));
                }
                let right = self.dot_rhs(Tok::Dot.lbp())?;
                Ok(Expr::Sub(b(left), b(right)))
            }
            Tok::Pipe => Ok(Expr::Pipe(b(left), b(self.expression(1)?))),
            Tok::Or => Ok(Expr::Or(b(left), b(self.expression(2)?))),
            Tok::And => Ok(Expr::And(b(left), b(self.expression(3)?))),
            Tok::Cmp(op) => Ok(Expr::Compare(op, b(left), b(self.expression(5)?))),
            Tok::Flatten => {
                let right = self.projection_rhs(Tok::Flatten.lbp())?;
                Ok(project(Expr::Flatten(b(left)), right))
            }
            Tok::FilterOpen => {
                let cond = self.expression(0)?;
                self.expect(Tok::RBracket)?;
                let right = self.projection_rhs(Tok::FilterOpen.lbp())?;
                Ok(Expr::Filter(b(left), b(cond), b(right)))
            }
            Tok::LBracket => match self.peek().clone() {
                Tok::Number(n) => {
                    self.next();
                    if *self.peek() == Tok::Colon {
                        return Err(self.unsupported("slices"));
                    }
                    self.expect(Tok::RBracket)?;
                    Ok(Expr::Index(b(left), n))
                }
                Tok::Colon => Err(self.unsupported("slices")),
                Tok::Star => {
                    self.next();
                    self.expect(Tok::RBracket)?;
                    let right = self.projection_rhs(Tok::Star.lbp())?;
                    Ok(project(left, right))
                }
                _ => Err(self.unsupported("multi-select lists")),
            },
            Tok::LParen => {
                let Expr::Field(name) = left else {
                    return Err(self.error("only a name can be called as a function"));
                };
                let mut args = Vec::new();
                if *self.peek() != Tok::RParen {
                    loop {
                        args.push(self.expression(0)?);
                        if *self.peek() == Tok::Comma {
                            self.next();
                        } else {
                            break;
                        }
                    }
                }
                self.expect(Tok::RParen)?;
                Ok(Expr::Call(name, args))
            }
            Tok::LBrace => Err(self.unsupported("multi-select hashes")),
            other => Err(self.error(format!("unexpected {}", other.describe()))),
        }
    }

    /// What follows a `.`: an identifier, or a (rejected) multi-select.
    fn dot_rhs(&mut self, bp: u8) -> Result<Expr> {
        match self.peek() {
            Tok::Ident(_) | Tok::Quoted(_) => self.expression(bp),
            Tok::LBracket => Err(self.unsupported("multi-select lists")),
            Tok::LBrace => Err(self.unsupported("multi-select hashes")),
            other => Err(self.error(format!(
                "expected an identifier after `.`, found {}",
                other.describe()
            ))),
        }
    }

    /// The expression a projection applies to each element.
    fn projection_rhs(&mut self, bp: u8) -> Result<Expr> {
        let tok = self.peek().clone();
        if tok.lbp() < PROJECTION_STOP {
            return Ok(Expr::Current);
        }
        match tok {
            Tok::LBracket | Tok::FilterOpen | Tok::Flatten => self.expression(bp),
            Tok::Dot => {
                self.next();
                self.dot_rhs(bp)
            }
            other => Err(self.error(format!(
                "unexpected {} after a projection",
                other.describe()
            ))),
        }
    }
}

impl Expr {
    /// The expressions directly inside this one.
    pub fn children(&self) -> Vec<&Expr> {
        match self {
            Expr::Current | Expr::Field(_) | Expr::Literal(_) => Vec::new(),
            Expr::Index(e, _) | Expr::Flatten(e) | Expr::Not(e) => vec![e],
            Expr::Sub(a, b)
            | Expr::Project(a, b)
            | Expr::Pipe(a, b)
            | Expr::Compare(_, a, b)
            | Expr::And(a, b)
            | Expr::Or(a, b) => vec![a, b],
            Expr::Filter(a, b, c) => vec![a, b, c],
            Expr::Call(_, args) => args.iter().collect(),
        }
    }
}

/// The number of levels of an expression tree, counted without recursion.
fn height(expr: &Expr) -> usize {
    let mut max = 0;
    let mut stack = vec![(expr, 1)];
    while let Some((e, level)) = stack.pop() {
        max = max.max(level);
        stack.extend(e.children().into_iter().map(|c| (c, level + 1)));
    }
    max
}

fn project(left: Expr, right: Expr) -> Expr {
    Expr::Project(Box::new(left), Box::new(right))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn field(s: &str) -> Box<Expr> {
        Box::new(Expr::Field(s.into()))
    }

    #[test]
    fn parses_waiter_expressions() {
        assert_eq!(
            parse("Images[].State").unwrap(),
            Expr::Project(Box::new(Expr::Flatten(field("Images"))), field("State"))
        );
        assert_eq!(
            parse("length(Images[]) > `0`").unwrap(),
            Expr::Compare(
                CmpOp::Gt,
                Box::new(Expr::Call(
                    "length".into(),
                    vec![Expr::Project(
                        Box::new(Expr::Flatten(field("Images"))),
                        Box::new(Expr::Current)
                    )]
                )),
                Box::new(Expr::Literal(Literal::Int(0)))
            )
        );
        // a[].b[].c: flatten the projection of b, then project c.
        let e = parse("Reservations[].Instances[].State.Name").unwrap();
        let inner = Expr::Project(
            Box::new(Expr::Flatten(field("Reservations"))),
            field("Instances"),
        );
        assert_eq!(
            e,
            Expr::Project(
                Box::new(Expr::Flatten(Box::new(inner))),
                Box::new(Expr::Sub(field("State"), field("Name")))
            )
        );
        assert_eq!(
            parse("a[0].b == 'x' && !c || d[-1]").unwrap(),
            Expr::Or(
                Box::new(Expr::And(
                    Box::new(Expr::Compare(
                        CmpOp::Eq,
                        Box::new(Expr::Sub(Box::new(Expr::Index(field("a"), 0)), field("b"))),
                        Box::new(Expr::Literal(Literal::Str("x".into())))
                    )),
                    Box::new(Expr::Not(field("c")))
                )),
                Box::new(Expr::Index(field("d"), -1))
            )
        );
        assert!(matches!(parse("a[?b == `1`].c").unwrap(), Expr::Filter(..)));
        assert!(matches!(parse("\"quoted\".x | y").unwrap(), Expr::Pipe(..)));
    }

    #[test]
    fn rejects_what_it_does_not_support_with_a_column() {
        for (text, needle) in [
            ("a[0:1]", "slices"),
            ("a.*", "object projections"),
            ("{a: b}", "multi-select hashes"),
            ("a.[b, c]", "multi-select lists"),
            ("sort_by(a, &b)", "expression references"),
            ("a[", "column 3"),
            ("a ==", "column 5"),
            ("`[1]`", "array and object literals"),
            ("a $ b", "unexpected character"),
            ("'open", "unterminated"),
            ("a b", "unexpected identifier"),
        ] {
            let err = parse(text).unwrap_err().to_string();
            assert!(err.contains(needle), "{text}: {err}");
        }
    }

    /// A stack far too small for the inputs below if the parser recursed
    /// once per level (10,000 levels of a few KiB each in a debug build),
    /// and enough for `MAX_DEPTH` levels (about 8 KiB each when unoptimised).
    const STACK: usize = 1024 * 1024;

    /// Runs `f` on a thread with a small stack: a parser recursing without
    /// bound would overflow it (and abort the test binary).
    fn on_small_stack<T: Send + 'static>(f: impl FnOnce() -> T + Send + 'static) -> T {
        std::thread::Builder::new()
            .stack_size(STACK)
            .spawn(f)
            .unwrap()
            .join()
            .unwrap()
    }

    #[test]
    fn refuses_deep_nesting_without_overflowing_the_stack() {
        let cases = [
            "!".repeat(200_000) + "a",
            "(".repeat(100_000) + "a" + &")".repeat(100_000),
            vec!["a"; 10_000].join("|"),
            vec!["a"; 10_000].join("."),
            vec!["a"; 10_000].join(" == "),
            "[?".repeat(10_000) + "a",
            "a".to_string() + &"[0]".repeat(10_000),
            "f(".repeat(10_000) + "a",
            "a".to_string() + &"[]".repeat(10_000),
        ];
        for text in cases {
            let short = text.chars().take(12).collect::<String>();
            let err = on_small_stack(move || parse(&text).map(|_| ()))
                .expect_err(&short)
                .to_string();
            assert!(
                err.contains("nests deeper than 64 levels"),
                "{short}: {err}"
            );
            assert!(err.contains("column "), "{short}: {err}");
            assert!(err.len() < 300, "the expression is quoted in part: {err}");
        }
    }

    #[test]
    fn accepts_nesting_up_to_the_limit() {
        let deep = "!".repeat(MAX_DEPTH - 1) + "a";
        assert_eq!(height(&parse(&deep).unwrap()), MAX_DEPTH);
        let too_deep = "!".repeat(MAX_DEPTH) + "a";
        let err = parse(&too_deep).unwrap_err().to_string();
        assert!(err.contains("column 65"), "{err}");
        let path = vec!["a"; MAX_DEPTH].join(".");
        assert_eq!(height(&parse(&path).unwrap()), MAX_DEPTH);
        assert!(parse(&vec!["a"; MAX_DEPTH + 1].join(".")).is_err());
    }
}
