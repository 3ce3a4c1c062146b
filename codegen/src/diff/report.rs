//! Rendering a change list: Markdown for a pull-request comment, JSON for
//! tools, a one-paragraph summary for the importer.

use std::fmt::Write;

use serde_json::{json, Value};

use super::change::code;
use super::{Change, ChangeKind, Class};
use crate::ir::Model;

/// Above this many lines, compatible changes are folded in Markdown.
const FOLD_OVER: usize = 100;

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
            // A long list of compatible changes is folded, so that what
            // breaks stays in view (and the comment stays readable).
            let fold = class == Class::Compatible && lines.len() > FOLD_OVER;
            if fold {
                let _ = writeln!(out, "<details>\n<summary>{} lines</summary>\n", lines.len());
            }
            if lines.is_empty() {
                out.push_str("None.\n\n");
            } else {
                out.push_str(&lines.join("\n"));
                out.push_str("\n\n");
            }
            if fold {
                out.push_str("</details>\n\n");
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

#[cfg(test)]
mod tests {
    use super::super::{rules, Subject, Usage};
    use super::*;

    fn change(shape: &str, member: Option<&str>, kind: ChangeKind, usage: Usage) -> Change {
        let (class, reason) = rules::classify(&kind, usage);
        Change {
            subject: Subject::Shape {
                shape: shape.into(),
                member: member.map(Into::into),
            },
            usage: Some(usage),
            kind,
            class,
            reason,
        }
    }

    fn report() -> Report {
        let output = Usage {
            input: false,
            output: true,
        };
        let ty = "string".to_string();
        let changes = vec![
            change(
                "Image",
                Some("Name"),
                ChangeKind::MemberRemoved { ty },
                output,
            ),
            change(
                "State",
                None,
                ChangeKind::EnumValueAdded("a".into()),
                output,
            ),
            change(
                "State",
                None,
                ChangeKind::EnumValueAdded("b`c".into()),
                output,
            ),
            change(
                "Image",
                None,
                ChangeKind::DocsChanged("documentation".into()),
                output,
            ),
        ];
        let counts = ModelCounts {
            operations: 1,
            shapes: 3,
        };
        Report {
            old_label: None,
            new_label: None,
            old_counts: counts,
            new_counts: counts,
            changes,
        }
        .with_labels("v1", "v2")
    }

    #[test]
    fn markdown_lists_breaking_with_reasons_and_folds_docs() {
        let expected = "\
## API changes: 1 breaking, 2 compatible, 1 docs only

`v1` → `v2`: 1 → 1 operations (+0 −0), 3 → 3 shapes (+0 −0).

### Breaking changes (1)

- `Image.Name` (output): member removed (`string`). The field and its setter disappear; code using them no longer compiles.

### Compatible changes (2)

- `State` (output): enum values `a`, `b'c` added

<details>
<summary>Documentation-only changes (1)</summary>

- `Image` (output): documentation changed

</details>
";
        assert_eq!(report().to_markdown(), expected);
    }

    #[test]
    fn json_has_counts_and_every_change() {
        let value = report().to_json_value();
        assert_eq!(value["counts"]["breaking"], 1);
        assert_eq!(value["counts"]["compatible"], 2);
        assert_eq!(value["old"]["label"], "v1");
        let first = &value["changes"][0];
        assert_eq!(first["class"], "breaking");
        assert_eq!(first["name"], "Image");
        assert_eq!(first["member"], "Name");
        assert_eq!(first["usage"], "output");
        assert_eq!(first["change"], "member_removed");
        assert_eq!(value["changes"].as_array().map(Vec::len), Some(4));
        assert!(serde_json::from_str::<Value>(&report().to_json()).is_ok());
    }

    #[test]
    fn summary_is_one_paragraph_naming_what_breaks() {
        let summary = report().summary();
        assert!(!summary.contains('\n'));
        assert!(summary.starts_with("API changes `v1` → `v2`: 1 breaking, 2 compatible"));
        assert!(summary.contains("Breaking: `Image.Name` member removed"));
        let mut calm = report();
        calm.changes.remove(0);
        assert!(calm.summary().ends_with("Nothing breaks."));
        assert!(!calm.has_breaking());
    }
}
