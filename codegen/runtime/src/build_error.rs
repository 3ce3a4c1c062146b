//! Errors of builders.

use std::fmt;

/// A builder's `build()` failed because a required member was not set.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BuildError {
    shape: &'static str,
    member: &'static str,
}

impl BuildError {
    /// A required member of a shape was not set.
    pub fn missing(shape: &'static str, member: &'static str) -> Self {
        BuildError { shape, member }
    }

    /// The shape being built (its model name, e.g. `CreateTagsRequest`).
    pub fn shape(&self) -> &'static str {
        self.shape
    }

    /// The member that was not set (its model name, e.g. `Resources`).
    pub fn member(&self) -> &'static str {
        self.member
    }
}

impl fmt::Display for BuildError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}: the required member `{}` was not set",
            self.shape, self.member
        )
    }
}

impl std::error::Error for BuildError {}
