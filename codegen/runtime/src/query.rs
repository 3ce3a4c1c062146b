//! The writer the generated request serializers call: an
//! `application/x-www-form-urlencoded` body of `Key=value` pairs, encoded
//! byte for byte as botocore encodes them.
//!
//! botocore builds the body with Python's `urlencode`, which keeps
//! `A-Z a-z 0-9 _ . - ~`, writes a space as `+` and every other byte of the
//! UTF-8 text as `%XX` (upper-case hex). Numbers are written as Python's
//! `str()` writes them, booleans as `true`/`false`, blobs in base64.

use std::fmt::Write as _;

use crate::datetime::{DateTime, TimestampFormat};

/// The `Content-Type` of a query request body, as botocore sends it.
pub const CONTENT_TYPE: &str = "application/x-www-form-urlencoded; charset=utf-8";

/// The HTTP method of every EC2 query request.
pub const METHOD: &str = "POST";

/// The request path of every EC2 query request (relative to the endpoint).
pub const PATH: &str = "/";

/// A request body being written.
#[derive(Debug, Clone)]
pub struct QueryWriter {
    out: String,
    tokens: fn() -> String,
}

impl QueryWriter {
    /// Starts a body with `Action=<action>&Version=<version>`; idempotency
    /// tokens the caller leaves unset are filled with random UUIDs.
    pub fn new(action: &str, version: &str) -> Self {
        Self::with_token_source(action, version, random_token)
    }

    /// Like [`QueryWriter::new`], with the function that makes idempotency
    /// tokens for members the caller left unset (for deterministic tests).
    pub fn with_token_source(action: &str, version: &str, tokens: fn() -> String) -> Self {
        let mut w = QueryWriter {
            out: String::with_capacity(128),
            tokens,
        };
        w.out.push_str("Action=");
        encode_into(&mut w.out, action);
        w.out.push_str("&Version=");
        encode_into(&mut w.out, version);
        w
    }

    /// A new idempotency token, for a member the caller left unset.
    pub fn idempotency_token(&self) -> String {
        (self.tokens)()
    }

    /// Appends `&key=value`, both encoded.
    pub fn string(&mut self, key: &str, value: &str) {
        self.out.push('&');
        encode_into(&mut self.out, key);
        self.out.push('=');
        encode_into(&mut self.out, value);
    }

    /// Appends a boolean (`true` or `false`).
    pub fn boolean(&mut self, key: &str, value: bool) {
        self.string(key, if value { "true" } else { "false" });
    }

    /// Appends an integer.
    pub fn integer(&mut self, key: &str, value: i64) {
        self.string(key, &value.to_string());
    }

    /// Appends a `float` member as Python's `str()` writes it.
    pub fn float(&mut self, key: &str, value: f32) {
        self.string(
            key,
            &python_float(value, value.is_nan(), value.is_infinite()),
        );
    }

    /// Appends a `double` member as Python's `str()` writes it.
    pub fn double(&mut self, key: &str, value: f64) {
        self.string(
            key,
            &python_float(value, value.is_nan(), value.is_infinite()),
        );
    }

    /// Appends a timestamp in the given format.
    pub fn timestamp(&mut self, key: &str, value: &DateTime, format: TimestampFormat) {
        self.string(key, &value.to_query_string(format));
    }

    /// Appends a blob, base64-encoded.
    pub fn blob(&mut self, key: &str, value: &[u8]) {
        use base64::Engine as _;
        self.string(
            key,
            &base64::engine::general_purpose::STANDARD.encode(value),
        );
    }

    /// The finished body.
    pub fn finish(self) -> String {
        self.out
    }
}

/// The key of a member: `name` at the top level, else `prefix.name`.
pub fn key(prefix: &str, name: &str) -> String {
    if prefix.is_empty() {
        name.to_string()
    } else {
        let mut key = String::with_capacity(prefix.len() + 1 + name.len());
        key.push_str(prefix);
        key.push('.');
        key.push_str(name);
        key
    }
}

/// The key of the `index`-th (0-based) item of a list: `prefix.<index+1>`.
pub fn item_key(prefix: &str, index: usize) -> String {
    format!("{prefix}.{}", index + 1)
}

/// Appends `text` to `out` percent-encoded as Python's `quote_plus` does.
pub fn encode_into(out: &mut String, text: &str) {
    for &b in text.as_bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'_' | b'.' | b'-' | b'~' => {
                out.push(char::from(b))
            }
            b' ' => out.push('+'),
            _ => {
                let _ = write!(out, "%{b:02X}");
            }
        }
    }
}

/// `text` percent-encoded as Python's `quote_plus` does.
pub fn encode(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    encode_into(&mut out, text);
    out
}

/// A float as Python's `repr`/`str` writes it: the shortest digits that
/// read back to the same value, in positional notation when the decimal
/// exponent is in `-4..16`, else in scientific notation (`1e+16`,
/// `1.5e-07`); integral values keep a `.0`; `nan`, `inf`, `-inf` are sent
/// as botocore sends them (`NaN`, `Infinity`, `-Infinity`).
fn python_float<T: std::fmt::LowerExp>(value: T, nan: bool, infinite: bool) -> String {
    let sci = format!("{value:e}");
    if nan {
        return "NaN".to_string();
    }
    if infinite {
        return if sci.starts_with('-') {
            "-Infinity"
        } else {
            "Infinity"
        }
        .to_string();
    }
    // `sci` is `[-]d[.ddd]e<exp>`.
    let (mantissa, exp) = sci.split_once('e').unwrap_or((&sci, "0"));
    let exp: i32 = exp.parse().unwrap_or(0);
    let (sign, mantissa) = match mantissa.strip_prefix('-') {
        Some(m) => ("-", m),
        None => ("", mantissa),
    };
    let digits: String = mantissa.chars().filter(char::is_ascii_digit).collect();
    if digits.bytes().all(|b| b == b'0') {
        return format!("{sign}0.0");
    }
    if (-4..16).contains(&exp) {
        let point = exp + 1; // digits before the decimal point
        let mut out = String::from(sign);
        if point <= 0 {
            out.push_str("0.");
            out.push_str(&"0".repeat((-point) as usize));
            out.push_str(&digits);
        } else if point as usize >= digits.len() {
            out.push_str(&digits);
            out.push_str(&"0".repeat(point as usize - digits.len()));
            out.push_str(".0");
        } else {
            out.push_str(&digits[..point as usize]);
            out.push('.');
            out.push_str(&digits[point as usize..]);
        }
        out
    } else {
        let mut out = String::from(sign);
        out.push_str(&digits[..1]);
        if digits.len() > 1 {
            out.push('.');
            out.push_str(&digits[1..]);
        }
        out.push('e');
        out.push(if exp < 0 { '-' } else { '+' });
        let _ = write!(out, "{:02}", exp.abs());
        out
    }
}

/// A random version 4 UUID, as botocore fills idempotency tokens.
///
/// The bits come from the standard library's randomly keyed SipHash over a
/// counter and the clock: unique per process and call, which is all an
/// idempotency token needs (it is no secret).
pub fn random_token() -> String {
    use std::collections::hash_map::RandomState;
    use std::hash::{BuildHasher, Hasher};
    use std::sync::atomic::{AtomicU64, Ordering};
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let count = COUNTER.fetch_add(1, Ordering::Relaxed);
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_nanos())
        .unwrap_or(0);
    let half = |salt: u64| {
        let mut h = RandomState::new().build_hasher();
        h.write_u64(salt);
        h.write_u64(count);
        h.write_u128(now);
        h.finish()
    };
    let (hi, lo) = (half(1), half(2));
    let hi = (hi & 0xffff_ffff_ffff_0fff) | 0x0000_0000_0000_4000;
    let lo = (lo & 0x3fff_ffff_ffff_ffff) | 0x8000_0000_0000_0000;
    format!(
        "{:08x}-{:04x}-{:04x}-{:04x}-{:012x}",
        hi >> 32,
        (hi >> 16) & 0xffff,
        hi & 0xffff,
        lo >> 48,
        lo & 0xffff_ffff_ffff
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn floats_as_python_writes_them() {
        for (v, s) in [
            (10.8, "10.8"),
            (1.0, "1.0"),
            (0.0001, "0.0001"),
            (0.00001, "1e-05"),
            (1e16, "1e+16"),
            (123456789012345.0, "123456789012345.0"),
            (-2.5e-7, "-2.5e-07"),
        ] {
            assert_eq!(python_float(v, false, false), s);
        }
    }

    #[test]
    fn encodes_as_quote_plus() {
        assert_eq!(encode("Team A"), "Team+A");
        assert_eq!(encode("a&b=c"), "a%26b%3Dc");
        assert_eq!(encode("é~*+"), "%C3%A9~%2A%2B");
    }
}
