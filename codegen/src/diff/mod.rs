//! API change reports between two models: what changed in the API of the
//! generated crate, and whether it breaks anyone.
//!
//! [`diff`] walks two models side by side and lists every change, each
//! about one [`Subject`] (the service, an operation, a shape or one of its
//! members). Each change is classified by [`rules::classify`], the one
//! place where the rules live, and [`Report`] renders the result as
//! Markdown, JSON or a one-paragraph summary.
//!
//! Shapes and operations are matched by name, not by absolute id, so that
//! models of either input format compare (prelude shapes keep their
//! `smithy.api#` prefix). Members are matched by name, enum values by their
//! wire value.

mod change;
mod compare;
mod index;
mod report;
pub mod rules;

use std::fmt;

use crate::ir::Model;

pub use change::ChangeKind;
pub use index::rust_type;
pub use report::{ModelCounts, Report};

/// How a change affects users of the generated crate and the wire.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Class {
    /// Existing code stops compiling, or requests/responses change meaning.
    Breaking,
    /// Existing code compiles and behaves as before.
    Compatible,
    /// Only documentation changed.
    Docs,
}

impl Class {
    /// Every class, most severe first.
    pub const ALL: [Class; 3] = [Class::Breaking, Class::Compatible, Class::Docs];

    /// The class as spelled in JSON and on the command line.
    pub fn name(self) -> &'static str {
        match self {
            Class::Breaking => "breaking",
            Class::Compatible => "compatible",
            Class::Docs => "docs",
        }
    }
}

/// Where a shape is used: sent in requests (input), read from responses
/// (output), both, or neither (not reachable from any operation).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Usage {
    /// Reachable from an operation input.
    pub input: bool,
    /// Reachable from an operation output or error.
    pub output: bool,
}

impl Usage {
    /// Used in both directions (also the usage given to operation and
    /// service changes).
    pub const BOTH: Usage = Usage {
        input: true,
        output: true,
    };

    /// Used on neither side: the shape is not generated.
    pub fn is_unused(self) -> bool {
        !self.input && !self.output
    }

    /// `input`, `output`, `input and output` or `unused`.
    pub fn name(self) -> &'static str {
        match (self.input, self.output) {
            (true, true) => "input and output",
            (true, false) => "input",
            (false, true) => "output",
            (false, false) => "unused",
        }
    }

    fn union(self, other: Usage) -> Usage {
        Usage {
            input: self.input || other.input,
            output: self.output || other.output,
        }
    }
}

/// What a change is about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Subject {
    /// The service shape.
    Service,
    /// An operation, by name.
    Operation(String),
    /// A shape, or one of its members.
    Shape {
        /// The shape name.
        shape: String,
        /// The member name (`member`, `key`, `value` for collections).
        member: Option<String>,
    },
}

impl Subject {
    fn rank(&self) -> (u8, &str) {
        match self {
            Subject::Service => (0, ""),
            Subject::Operation(name) => (1, name),
            Subject::Shape { shape, .. } => (2, shape),
        }
    }
}

impl fmt::Display for Subject {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Subject::Service => f.write_str("service"),
            Subject::Operation(name) => f.write_str(name),
            Subject::Shape {
                shape,
                member: None,
            } => f.write_str(shape),
            Subject::Shape {
                shape,
                member: Some(m),
            } => write!(f, "{shape}.{m}"),
        }
    }
}
/// One change, classified.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    /// What it is about.
    pub subject: Subject,
    /// Where the shape is used, in either model (`None` for service and
    /// operation changes).
    pub usage: Option<Usage>,
    /// What changed.
    pub kind: ChangeKind,
    /// Its effect.
    pub class: Class,
    /// Why, in one line (from [`rules::classify`]).
    pub reason: &'static str,
}

/// Compares two models and lists every change from `old` to `new`,
/// classified, in a deterministic order: by class, then service,
/// operations, shapes (by name), then members in model order.
pub fn diff(old: &Model, new: &Model) -> Report {
    let mut changes = compare::changes(old, new);
    changes.sort_by(|a, b| (a.class, a.subject.rank()).cmp(&(b.class, b.subject.rank())));
    Report {
        old_label: None,
        new_label: None,
        old_counts: ModelCounts::of(old),
        new_counts: ModelCounts::of(new),
        changes,
    }
}
