//! Rendering a change list: Markdown for a pull-request comment, JSON for
//! tools, a one-paragraph summary for the importer.

use std::fmt::Write;

use serde_json::{json, Value};

use super::{code, Change, ChangeKind, Class};
use crate::ir::Model;

/// How many operations and shapes a model has.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ModelCounts {
    /// Operations.
    pub operations: usize,
    /// Shapes (operations and the service excluded).
    pub shapes: usize,
}

impl ModelCounts {
    /// Counts a model.
    pub fn of(model: &Model) -> Self {
        ModelCounts {
            operations: model.operations.len(),
            shapes: model.shapes.len(),
        }
    }
}

/// The changes from one model to another, classified and ordered (see
/// [`super::diff`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Report {
    /// What the old model is called in the output (a path or revision).
    pub old_label: Option<String>,
    /// What the new model is called in the output.
    pub new_label: Option<String>,
    /// Size of the old model.
    pub old_counts: ModelCounts,
    /// Size of the new model.
    pub new_counts: ModelCounts,
    /// Every change, breaking first, then compatible, then docs only.
    pub changes: Vec<Change>,
}

impl Report {
    /// Names the two models in the output.
    pub fn with_labels(mut self, old: impl Into<String>, new: impl Into<String>) -> Self {
        self.old_label = Some(old.into());
        self.new_label = Some(new.into());
        self
    }

    /// The changes of one class, in report order.
    pub fn of_class(&self, class: Class) -> impl Iterator<Item = &Change> {
        self.changes.iter().filter(move |c| c.class == class)
    }

    /// How many changes are of `class`.
    pub fn count(&self, class: Class) -> usize {
        self.of_class(class).count()
    }

    /// True when any change is breaking.
    pub fn has_breaking(&self) -> bool {
        self.count(Class::Breaking) > 0
    }

    /// How many changes have this code (see [`ChangeKind::code`]).
    pub fn count_code(&self, code: &str) -> usize {
        self.changes
            .iter()
            .filter(|c| c.kind.code() == code)
            .count()
    }

    fn labels(&self) -> String {
        match (&self.old_label, &self.new_label) {
            (Some(a), Some(b)) => format!("{} → {}", code(a), code(b)),
            _ => "old → new".to_string(),
        }
    }

    fn counts_line(&self) -> String {
        format!(
            "{} breaking, {} compatible, {} docs only",
            self.count(Class::Breaking),
            self.count(Class::Compatible),
            self.count(Class::Docs)
        )
    }

    fn added_removed(&self, added: &str, removed: &str) -> (usize, usize) {
        (self.count_code(added), self.count_code(removed))
    }

    /// The report as Markdown, for a pull-request comment: a heading with
    /// the counts per class, breaking changes with the reason of each,
    /// compatible changes, and a collapsed section of docs-only changes.
    pub fn to_markdown(&self) -> String {
        let mut out = String::new();
        let (ops_added, ops_removed) = self.added_removed("operation_added", "operation_removed");
        let (shapes_added, shapes_removed) = self.added_removed("shape_added", "shape_removed");
        let _ = writeln!(out, "## API changes: {}\n", self.counts_line());
        let _ = writeln!(
            out,
            "{}: {} → {} operations (+{ops_added} −{ops_removed}), {} → {} shapes (+{shapes_added} −{shapes_removed}).\n",
            self.labels(),
            self.old_counts.operations,
            self.new_counts.operations,
            self.old_counts.shapes,
            self.new_counts.shapes,
        );
        for (class, title) in [
            (Class::Breaking, "Breaking changes"),
            (Class::Compatible, "Compatible changes"),
        ] {
            let lines = lines(self.of_class(class), class == Class::Breaking);
            let _ = writeln!(out, "### {title} ({})\n", self.count(class));
            if lines.is_empty() {
                out.push_str("None.\n\n");
            } else {
                out.push_str(&lines.join("\n"));
                out.push_str("\n\n");
            }
        }
        let docs = lines(self.of_class(Class::Docs), false);
        let _ = writeln!(
            out,
            "<details>\n<summary>Documentation-only changes ({})</summary>\n",
            self.count(Class::Docs)
        );
        if !docs.is_empty() {
            out.push_str(&docs.join("\n"));
            out.push('\n');
        }
        out.push_str("\n</details>\n");
        out
    }

    /// The report as a JSON value: both models' labels and sizes, the
    /// counts per class, and every change with its class, subject, usage,
    /// code, description and reason.
    pub fn to_json_value(&self) -> Value {
        let side = |label: &Option<String>, counts: &ModelCounts| {
            json!({
                "label": label,
                "operations": counts.operations,
                "shapes": counts.shapes,
            })
        };
        let changes: Vec<Value> = self
            .changes
            .iter()
            .map(|c| {
                let (subject, name, member) = match &c.subject {
                    super::Subject::Service => ("service", None, None),
                    super::Subject::Operation(name) => ("operation", Some(name), None),
                    super::Subject::Shape { shape, member } => {
                        ("shape", Some(shape), member.as_ref())
                    }
                };
                json!({
                    "class": c.class.name(),
                    "subject": subject,
                    "name": name,
                    "member": member,
                    "usage": c.usage.map(|u| u.name()),
                    "change": c.kind.code(),
                    "description": c.kind.to_string(),
                    "reason": c.reason,
                })
            })
            .collect();
        json!({
            "old": side(&self.old_label, &self.old_counts),
            "new": side(&self.new_label, &self.new_counts),
            "counts": {
                "breaking": self.count(Class::Breaking),
                "compatible": self.count(Class::Compatible),
                "docs": self.count(Class::Docs),
            },
            "changes": changes,
        })
    }

    /// The report as pretty-printed JSON (see [`Report::to_json_value`]).
    pub fn to_json(&self) -> String {
        let mut text =
            serde_json::to_string_pretty(&self.to_json_value()).unwrap_or_else(|e| e.to_string());
        text.push('\n');
        text
    }

    /// One paragraph for the importer: counts per class, operations and
    /// shapes added and removed, and the first breaking changes.
    pub fn summary(&self) -> String {
        let (ops_added, ops_removed) = self.added_removed("operation_added", "operation_removed");
        let (shapes_added, shapes_removed) = self.added_removed("shape_added", "shape_removed");
        let mut text = format!(
            "API changes {}: {}; operations +{ops_added} −{ops_removed}, shapes +{shapes_added} −{shapes_removed}.",
            self.labels(),
            self.counts_line()
        );
        const SHOWN: usize = 3;
        let breaking: Vec<String> = self
            .of_class(Class::Breaking)
            .take(SHOWN)
            .map(|c| format!("{} {}", code(&c.subject.to_string()), c.kind))
            .collect();
        if breaking.is_empty() {
            text.push_str(" Nothing breaks.");
        } else {
            let more = self.count(Class::Breaking).saturating_sub(SHOWN);
            let _ = write!(text, " Breaking: {}", breaking.join("; "));
            if more > 0 {
                let _ = write!(text, "; and {more} more");
            }
            text.push_str(". Run `cargo xtask diff` for the full report.");
        }
        text
    }
}

/// One Markdown line per change (with its reason if `reasons`); the enum
/// values added to or removed from one shape share a line.
fn lines<'a>(changes: impl Iterator<Item = &'a Change>, reasons: bool) -> Vec<String> {
    let enum_value = |c: &Change| match &c.kind {
        ChangeKind::EnumValueAdded(v) | ChangeKind::EnumValueRemoved(v) => Some(code(v)),
        _ => None,
    };
    let mut out = Vec::new();
    let mut changes = changes.peekable();
    while let Some(c) = changes.next() {
        let mut what = c.kind.to_string();
        if let Some(first) = enum_value(c) {
            let mut values = vec![first];
            while let Some(next) =
                changes.next_if(|n| n.subject == c.subject && n.kind.code() == c.kind.code())
            {
                values.extend(enum_value(next));
            }
            if values.len() > 1 {
                let verb = match c.kind {
                    ChangeKind::EnumValueAdded(_) => "added",
                    _ => "removed",
                };
                what = format!("enum values {} {verb}", values.join(", "));
            }
        }
        let usage = c
            .usage
            .map(|u| format!(" ({})", u.name()))
            .unwrap_or_default();
        let mut line = format!("- {}{usage}: {what}", code(&c.subject.to_string()));
        if reasons {
            let _ = write!(line, ". {}.", capitalise(c.reason));
        }
        out.push(line);
    }
    out
}

fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map_or_else(String::new, |c| c.to_uppercase().chain(chars).collect())
}
