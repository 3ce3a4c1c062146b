//! The one place identifiers are built: every name is checked here and a
//! bad one is an error, never a panic.

use proc_macro2::{Ident, Span};

use crate::{Error, Result};

/// Makes an identifier from text that must already be a valid, non-keyword
/// Rust identifier (the naming pass guarantees that for model names).
pub fn ident(text: &str) -> Result<Ident> {
    if !is_identifier(text) || is_keyword(text) {
        return Err(Error::new(format!(
            "`{text}` is not a usable Rust identifier"
        )));
    }
    Ok(Ident::new(text, Span::call_site()))
}

/// True if `text` has the shape of an identifier: `[A-Za-z_][A-Za-z0-9_]*`,
/// and is not `_` alone.
pub fn is_identifier(text: &str) -> bool {
    let mut chars = text.chars();
    match chars.next() {
        Some(c) if c.is_ascii_alphabetic() || c == '_' => {}
        _ => return false,
    }
    text != "_" && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
}

/// Rust's strict and reserved keywords (2021 edition and later), which can
/// be neither field nor type names.
pub fn is_keyword(text: &str) -> bool {
    matches!(
        text,
        "as" | "break"
            | "const"
            | "continue"
            | "crate"
            | "else"
            | "enum"
            | "extern"
            | "false"
            | "fn"
            | "for"
            | "if"
            | "impl"
            | "in"
            | "let"
            | "loop"
            | "match"
            | "mod"
            | "move"
            | "mut"
            | "pub"
            | "ref"
            | "return"
            | "self"
            | "Self"
            | "static"
            | "struct"
            | "super"
            | "trait"
            | "true"
            | "type"
            | "unsafe"
            | "use"
            | "where"
            | "while"
            | "async"
            | "await"
            | "dyn"
            | "abstract"
            | "become"
            | "box"
            | "do"
            | "final"
            | "macro"
            | "override"
            | "priv"
            | "typeof"
            | "unsized"
            | "virtual"
            | "yield"
            | "try"
            | "gen"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rejects_keywords_and_malformed_names() {
        for bad in [
            "type", "self", "Self", "crate", "1abc", "", "_", "a-b", "a.b", "é",
        ] {
            assert!(ident(bad).is_err(), "{bad} accepted");
        }
        for good in ["image_id", "ImageState", "_x", "r#type_"] {
            assert_eq!(ident(good).is_ok(), good != "r#type_", "{good}");
        }
    }
}
