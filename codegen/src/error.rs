//! The one error type of the generator: every error says where it arose.

use std::fmt;

/// An error in a model or in generation, with the place it arose.
///
/// Displayed as `file:line:column: place: message`, leaving out what is
/// unknown, e.g. `model/ec2.json: shape com.amazonaws.ec2#Image, member
/// State: targets com.amazonaws.ec2#Missing, which is not in the model`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Error {
    /// The input file, if the error arose in one.
    pub file: Option<String>,
    /// Line and column (1-based) in the file, when known (JSON syntax errors).
    pub position: Option<(usize, usize)>,
    /// The place in the model: `shape X`, `shape X, member Y`,
    /// `operation Z`, `waiter W`...
    pub place: Option<String>,
    /// What is wrong.
    pub message: String,
}

/// The result type of the generator.
pub type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
    /// An error with a message and no place yet.
    pub fn new(message: impl Into<String>) -> Self {
        Error {
            file: None,
            position: None,
            place: None,
            message: message.into(),
        }
    }

    /// Sets the place in the model, unless a more precise one is set.
    pub fn at(mut self, place: impl Into<String>) -> Self {
        if self.place.is_none() {
            self.place = Some(place.into());
        }
        self
    }

    /// Sets the file, unless one is set.
    pub fn in_file(mut self, file: impl Into<String>) -> Self {
        if self.file.is_none() {
            self.file = Some(file.into());
        }
        self
    }

    /// A JSON syntax or data error in `file`, with its line and column.
    pub fn json(file: &str, err: &serde_json::Error) -> Self {
        let mut e = Error::new(json_message(err)).in_file(file);
        if err.line() > 0 {
            e.position = Some((err.line(), err.column()));
        }
        e
    }
}

/// serde_json's message without its trailing " at line L column C".
fn json_message(err: &serde_json::Error) -> String {
    let text = err.to_string();
    match text.rfind(" at line ") {
        Some(i) => text[..i].to_string(),
        None => text,
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(file) = &self.file {
            write!(f, "{file}:")?;
            if let Some((line, col)) = self.position {
                write!(f, "{line}:{col}:")?;
            }
            f.write_str(" ")?;
        }
        if let Some(place) = &self.place {
            write!(f, "{place}: ")?;
        }
        f.write_str(&self.message)
    }
}

impl std::error::Error for Error {}
