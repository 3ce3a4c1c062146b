//! Walking two models side by side to list their changes.
//!
//! What is compared is what the generated crates expose: Rust names come
//! from the naming pass ([`crate::passes::naming::assign`]) run on each
//! model, and wire names (request keys, response elements) from each
//! model's protocol module ([`crate::protocols`]). Neither is derived here.

use std::collections::{BTreeMap, BTreeSet};

use super::index::{key, Index};
use super::{rules, Change, ChangeKind, Subject, Usage};
use crate::diff::change::code;
use crate::ir::{
    Deprecated, Member, Model, Operation, Paginator, Shape, ShapeId, ShapeKind, Waiter,
};

/// Every change from `old` to `new`, in the order found.
pub(super) fn changes(old: &Model, new: &Model) -> Vec<Change> {
    let (old_index, new_index) = (Index::new(old), Index::new(new));
    let mut differ = Differ {
        old: &old_index,
        new: &new_index,
        changes: Vec::new(),
    };
    differ.service();
    differ.operations();
    differ.shapes();
    differ.changes
}

struct Differ<'a, 'm> {
    old: &'a Index<'m>,
    new: &'a Index<'m>,
    changes: Vec<Change>,
}

impl Differ<'_, '_> {
    fn push(&mut self, subject: Subject, usage: Option<Usage>, kind: ChangeKind) {
        let (class, reason) = rules::classify(&kind, usage.unwrap_or(Usage::BOTH));
        self.changes.push(Change {
            subject,
            usage,
            kind,
            class,
            reason,
        });
    }

    fn service(&mut self) {
        let (a, b) = (&self.old.model.service, &self.new.model.service);
        let settings: [(&'static str, Option<String>, Option<String>); 6] = [
            ("version", Some(a.version.clone()), Some(b.version.clone())),
            (
                "protocol",
                Some(a.protocol.smithy_trait().into()),
                Some(b.protocol.smithy_trait().into()),
            ),
            (
                "signing name",
                a.signing_name.clone(),
                b.signing_name.clone(),
            ),
            (
                "endpoint prefix",
                a.endpoint_prefix.clone(),
                b.endpoint_prefix.clone(),
            ),
            (
                "XML namespace",
                a.xml_namespace.clone(),
                b.xml_namespace.clone(),
            ),
            ("SDK id", a.sdk_id.clone(), b.sdk_id.clone()),
        ];
        for (setting, old, new) in settings {
            if old != new {
                let kind = ChangeKind::ServiceSetting {
                    setting,
                    old: old.unwrap_or_default(),
                    new: new.unwrap_or_default(),
                };
                self.push(Subject::Service, None, kind);
            }
        }
        if a.docs != b.docs {
            self.push(Subject::Service, None, docs("documentation"));
        }
        if a.title != b.title {
            self.push(Subject::Service, None, docs("title"));
        }
    }

    fn operations(&mut self) {
        let (old, new) = (self.old, self.new);
        let names: BTreeSet<&str> = old
            .operations
            .keys()
            .chain(new.operations.keys())
            .copied()
            .collect();
        for name in names {
            let subject = Subject::Operation(name.to_string());
            match (old.operations.get(name), new.operations.get(name)) {
                // An operation's paginator and waiters come and go with it.
                (Some(a), None) => {
                    self.push(subject.clone(), None, ChangeKind::OperationRemoved);
                    self.paginator(&subject, &a.paginator, &None);
                    self.waiters(&subject, &a.waiters, &BTreeMap::new());
                }
                (None, Some(b)) => {
                    self.push(subject.clone(), None, ChangeKind::OperationAdded);
                    self.paginator(&subject, &None, &b.paginator);
                    self.waiters(&subject, &BTreeMap::new(), &b.waiters);
                }
                (Some(a), Some(b)) => self.operation(&subject, a, b),
                (None, None) => {}
            }
        }
    }

    fn operation(&mut self, subject: &Subject, a: &Operation, b: &Operation) {
        let role = [
            ("input", &a.input, &b.input),
            ("output", &a.output, &b.output),
        ];
        for (role, x, y) in role {
            let (old, new) = (x.as_ref().map(key), y.as_ref().map(key));
            if old != new {
                let kind = ChangeKind::OperationShapeChanged { role, old, new };
                self.push(subject.clone(), None, kind);
            }
        }
        let errors = |op: &Operation| op.errors.iter().map(key).collect::<BTreeSet<_>>();
        let (old_errors, new_errors) = (errors(a), errors(b));
        for e in old_errors.difference(&new_errors) {
            let kind = ChangeKind::ErrorRemoved {
                error: e.clone(),
                last: new_errors.is_empty(),
            };
            self.push(subject.clone(), None, kind);
        }
        for e in new_errors.difference(&old_errors) {
            let kind = ChangeKind::ErrorAdded {
                error: e.clone(),
                first: old_errors.is_empty(),
            };
            self.push(subject.clone(), None, kind);
        }
        self.paginator(subject, &a.paginator, &b.paginator);
        self.waiters(subject, &a.waiters, &b.waiters);
        self.common(
            subject,
            None,
            &a.deprecated,
            &b.deprecated,
            &a.docs,
            &b.docs,
        );
    }

    fn paginator(&mut self, subject: &Subject, a: &Option<Paginator>, b: &Option<Paginator>) {
        let (a, b) = match (a, b) {
            (Some(a), Some(b)) => (a, b),
            (Some(_), None) => {
                return self.push(subject.clone(), None, ChangeKind::PaginatorRemoved)
            }
            (None, Some(_)) => return self.push(subject.clone(), None, ChangeKind::PaginatorAdded),
            (None, None) => return,
        };
        let fields = [
            ("items", a.items.clone(), b.items.clone()),
            ("page size", a.page_size.clone(), b.page_size.clone()),
            (
                "input token",
                Some(a.input_token.clone()),
                Some(b.input_token.clone()),
            ),
            (
                "output token",
                Some(a.output_token.clone()),
                Some(b.output_token.clone()),
            ),
        ];
        for (field, old, new) in fields {
            if old != new {
                let kind = ChangeKind::PaginatorChanged {
                    field,
                    old: old.unwrap_or_default(),
                    new: new.unwrap_or_default(),
                };
                self.push(subject.clone(), None, kind);
            }
        }
    }

    fn waiters(
        &mut self,
        subject: &Subject,
        old: &BTreeMap<String, Waiter>,
        new: &BTreeMap<String, Waiter>,
    ) {
        for (name, a) in old {
            match new.get(name) {
                None => self.push(
                    subject.clone(),
                    None,
                    ChangeKind::WaiterRemoved(name.clone()),
                ),
                Some(b) => self.waiter(subject, name, a, b),
            }
        }
        for name in new.keys().filter(|n| !old.contains_key(*n)) {
            self.push(subject.clone(), None, ChangeKind::WaiterAdded(name.clone()));
        }
    }

    fn waiter(&mut self, subject: &Subject, name: &str, a: &Waiter, b: &Waiter) {
        let timing = |w: &Waiter| (w.min_delay, w.max_delay, w.max_attempts);
        if timing(a) != timing(b) {
            let kind = ChangeKind::WaiterTimingChanged {
                waiter: name.to_string(),
                old: timing_text(a),
                new: timing_text(b),
            };
            self.push(subject.clone(), None, kind);
        }
        if a.acceptors != b.acceptors {
            let kind = ChangeKind::WaiterAcceptorsChanged(name.to_string());
            self.push(subject.clone(), None, kind);
        }
        if a.docs != b.docs {
            let kind = docs(&format!("documentation of waiter `{name}`"));
            self.push(subject.clone(), None, kind);
        }
    }

    /// Deprecation and documentation, common to every subject.
    fn common(
        &mut self,
        subject: &Subject,
        usage: Option<Usage>,
        old_deprecated: &Option<Deprecated>,
        new_deprecated: &Option<Deprecated>,
        old_docs: &Option<String>,
        new_docs: &Option<String>,
    ) {
        match (old_deprecated, new_deprecated) {
            (None, Some(_)) => self.push(subject.clone(), usage, ChangeKind::DeprecationAdded),
            (Some(_), None) => self.push(subject.clone(), usage, ChangeKind::DeprecationRemoved),
            (Some(x), Some(y)) if x != y => {
                self.push(subject.clone(), usage, docs("deprecation message"))
            }
            _ => {}
        }
        if old_docs != new_docs {
            self.push(subject.clone(), usage, docs("documentation"));
        }
    }

    fn shapes(&mut self) {
        let (old, new) = (self.old, self.new);
        let names: BTreeSet<&String> = old.shapes.keys().chain(new.shapes.keys()).collect();
        for name in names {
            let usage = self.usage(name);
            let subject = Subject::Shape {
                shape: name.clone(),
                member: None,
            };
            match (old.shapes.get(name), new.shapes.get(name)) {
                (Some(a), None) => {
                    let kind = ChangeKind::ShapeRemoved {
                        kind: a.kind.name(),
                        named: old.is_named(a),
                    };
                    self.push(subject, Some(usage), kind)
                }
                (None, Some(b)) => {
                    let kind = ChangeKind::ShapeAdded {
                        kind: b.kind.name(),
                    };
                    self.push(subject, Some(usage), kind)
                }
                (Some(a), Some(b)) => self.shape(name, usage, a, b),
                (None, None) => {}
            }
        }
    }

    fn usage(&self, name: &str) -> Usage {
        let get = |index: &Index<'_>| index.usage.get(name).copied().unwrap_or_default();
        get(self.old).union(get(self.new))
    }

    fn shape(&mut self, name: &str, usage: Usage, a: &Shape, b: &Shape) {
        if a == b {
            return;
        }
        let subject = Subject::Shape {
            shape: name.to_string(),
            member: None,
        };
        let u = Some(usage);
        self.common(&subject, u, &a.deprecated, &b.deprecated, &a.docs, &b.docs);
        if a.xml_name != b.xml_name {
            let kind = ChangeKind::ShapeXmlNameChanged {
                old: a.xml_name.clone(),
                new: b.xml_name.clone(),
            };
            self.push(subject.clone(), u, kind);
        }
        if a.timestamp_format != b.timestamp_format {
            let kind = ChangeKind::TimestampFormatChanged {
                old: a.timestamp_format.map(|t| t.smithy_name()),
                new: b.timestamp_format.map(|t| t.smithy_name()),
            };
            self.push(subject.clone(), u, kind);
        }
        if a.error != b.error {
            self.push(subject.clone(), u, ChangeKind::ErrorTraitChanged);
        }
        if a.sensitive != b.sensitive {
            self.push(
                subject.clone(),
                u,
                ChangeKind::SensitiveChanged(b.sensitive),
            );
        }
        match (&a.kind, &b.kind) {
            (ShapeKind::Structure(x), ShapeKind::Structure(y))
            | (ShapeKind::Union(x), ShapeKind::Union(y)) => {
                self.members(name, usage, &x.members, &y.members)
            }
            (ShapeKind::List(x), ShapeKind::List(y)) => self.member(name, usage, x, y, true),
            (ShapeKind::Map { key: k1, value: v1 }, ShapeKind::Map { key: k2, value: v2 }) => {
                self.member(name, usage, k1, k2, false);
                self.member(name, usage, v1, v2, false);
            }
            (ShapeKind::Enum(x), ShapeKind::Enum(y)) => {
                let values = |index: &Index<'_>, id: &ShapeId, v: &[crate::ir::EnumValue]| {
                    let names = v.iter().map(|e| e.name.clone()).collect();
                    let variants = index.variants(id, names);
                    v.iter()
                        .zip(variants)
                        .map(|(e, variant)| (e.value.clone(), variant, e.docs.clone()))
                        .collect::<Vec<_>>()
                };
                let (old, new) = (values(self.old, &a.id, x), values(self.new, &b.id, y));
                self.enum_values(&subject, usage, old, new);
            }
            (ShapeKind::IntEnum(x), ShapeKind::IntEnum(y)) => {
                let values = |index: &Index<'_>, id: &ShapeId, v: &[crate::ir::IntEnumValue]| {
                    let names = v.iter().map(|e| e.name.clone()).collect();
                    let variants = index.variants(id, names);
                    v.iter()
                        .zip(variants)
                        .map(|(e, variant)| (e.value.to_string(), variant, e.docs.clone()))
                        .collect::<Vec<_>>()
                };
                let (old, new) = (values(self.old, &a.id, x), values(self.new, &b.id, y));
                self.enum_values(&subject, usage, old, new);
            }
            (ShapeKind::Simple(x), ShapeKind::Simple(y)) if x == y => {}
            (x, y) => {
                let kind = ChangeKind::KindChanged {
                    old: x.name(),
                    new: y.name(),
                };
                self.push(subject.clone(), u, kind);
            }
        }
    }

    /// Enum values as (wire value, Rust variant name, docs), matched by
    /// wire value.
    fn enum_values(
        &mut self,
        subject: &Subject,
        usage: Usage,
        old: Vec<(String, String, Option<String>)>,
        new: Vec<(String, String, Option<String>)>,
    ) {
        let u = Some(usage);
        let find = |list: &[(String, String, Option<String>)], v: &str| {
            list.iter().position(|(value, ..)| value == v)
        };
        for (value, name, docs_text) in &old {
            match find(&new, value) {
                None => self.push(
                    subject.clone(),
                    u,
                    ChangeKind::EnumValueRemoved(value.clone()),
                ),
                Some(i) => {
                    let (_, new_name, new_docs) = &new[i];
                    if name != new_name {
                        let kind = ChangeKind::EnumValueRenamed {
                            value: value.clone(),
                            old: name.clone(),
                            new: new_name.clone(),
                        };
                        self.push(subject.clone(), u, kind);
                    }
                    if docs_text != new_docs {
                        let kind = docs(&format!("documentation of value {}", code(value)));
                        self.push(subject.clone(), u, kind);
                    }
                }
            }
        }
        for (value, ..) in &new {
            if find(&old, value).is_none() {
                self.push(
                    subject.clone(),
                    u,
                    ChangeKind::EnumValueAdded(value.clone()),
                );
            }
        }
    }

    fn members(&mut self, shape: &str, usage: Usage, old: &[Member], new: &[Member]) {
        let find = |list: &[Member], name: &str| list.iter().position(|m| m.name == name);
        let u = Some(usage);
        for m in old {
            match find(new, &m.name) {
                None => {
                    let ty = self.old.rust_type(&m.target);
                    self.push(
                        member_subject(shape, m),
                        u,
                        ChangeKind::MemberRemoved { ty },
                    );
                }
                Some(i) => self.member(shape, usage, m, &new[i], false),
            }
        }
        for m in new.iter().filter(|m| find(old, &m.name).is_none()) {
            let kind = ChangeKind::MemberAdded {
                required: m.required,
                ty: self.new.rust_type(&m.target),
            };
            self.push(member_subject(shape, m), u, kind);
        }
        let common = |a: &[Member], b: &[Member]| -> Vec<String> {
            a.iter()
                .filter(|m| find(b, &m.name).is_some())
                .map(|m| m.name.clone())
                .collect()
        };
        if common(old, new) != common(new, old) {
            let subject = Subject::Shape {
                shape: shape.to_string(),
                member: None,
            };
            self.push(subject, u, ChangeKind::MemberOrderChanged);
        }
    }

    /// Compares one member; `list_element` for a list's `member` (whose
    /// request name is the segment its items add, if any).
    fn member(&mut self, shape: &str, usage: Usage, a: &Member, b: &Member, list_element: bool) {
        if a == b {
            return;
        }
        let subject = member_subject(shape, a);
        let u = Some(usage);
        let (old, new) = (self.old, self.new);
        let mut push = |kind| self.push(subject.clone(), u, kind);
        if key(&a.target) != key(&b.target) {
            let (old_ty, new_ty) = (old.rust_type(&a.target), new.rust_type(&b.target));
            push(if old_ty != new_ty {
                ChangeKind::TypeChanged {
                    old: old_ty,
                    new: new_ty,
                }
            } else {
                ChangeKind::TargetChanged {
                    old: key(&a.target),
                    new: key(&b.target),
                    ty: new_ty,
                    same_wire: old.wire(&a.target).is_some()
                        && old.wire(&a.target) == new.wire(&b.target),
                }
            });
        }
        match (a.required, b.required) {
            (false, true) => push(ChangeKind::RequiredAdded),
            (true, false) => push(ChangeKind::RequiredRemoved),
            _ => {}
        }
        let json = |v: &serde_json::Value| v.to_string();
        match (&a.default, &b.default) {
            (None, Some(v)) => push(ChangeKind::DefaultAdded(json(v))),
            (Some(v), None) => push(ChangeKind::DefaultRemoved(json(v))),
            (Some(x), Some(y)) if x != y => push(ChangeKind::DefaultChanged {
                old: json(x),
                new: json(y),
            }),
            _ => {}
        }
        let traits_changed = a.xml_name != b.xml_name || a.ec2_query_name != b.ec2_query_name;
        match (old.protocol, new.protocol) {
            (Some(p), Some(q)) => {
                let mut names_changed = false;
                let (x, y) = (
                    old.request_key(p, a, list_element),
                    new.request_key(q, b, list_element),
                );
                if x != y {
                    names_changed = true;
                    push(ChangeKind::QueryNameChanged { old: x, new: y });
                }
                let (x, y) = if list_element {
                    (p.response_list_item(a), q.response_list_item(b))
                } else {
                    (p.response_element(a), q.response_element(b))
                };
                if x != y {
                    names_changed = true;
                    push(ChangeKind::XmlNameChanged { old: x, new: y });
                }
                if !names_changed && traits_changed {
                    push(ChangeKind::WireTraitChanged);
                }
            }
            _ if traits_changed => push(ChangeKind::WireNamesUnknown),
            _ => {}
        }
        let layout = [
            ("xmlFlattened", a.xml_flattened != b.xml_flattened),
            ("xmlAttribute", a.xml_attribute != b.xml_attribute),
            ("xmlNamespace", a.xml_namespace != b.xml_namespace),
        ];
        for (what, changed) in layout {
            if changed {
                push(ChangeKind::XmlLayoutChanged(what));
            }
        }
        if a.timestamp_format != b.timestamp_format {
            push(ChangeKind::TimestampFormatChanged {
                old: a.timestamp_format.map(|t| t.smithy_name()),
                new: b.timestamp_format.map(|t| t.smithy_name()),
            });
        }
        if a.idempotency_token != b.idempotency_token {
            push(ChangeKind::IdempotencyTokenChanged(b.idempotency_token));
        }
        if a.host_label != b.host_label {
            push(ChangeKind::HostLabelChanged(b.host_label));
        }
        self.common(&subject, u, &a.deprecated, &b.deprecated, &a.docs, &b.docs);
    }
}

/// A waiter's timing, e.g. `delay 15-120 s, 40 attempts`.
fn timing_text(w: &Waiter) -> String {
    let max = w.max_delay.map_or(String::new(), |d| format!("-{d}"));
    let attempts = w
        .max_attempts
        .map_or("no attempt limit".to_string(), |n| format!("{n} attempts"));
    format!("delay {}{max} s, {attempts}", w.min_delay)
}

fn member_subject(shape: &str, m: &Member) -> Subject {
    Subject::Shape {
        shape: shape.to_string(),
        member: Some(m.name.clone()),
    }
}

fn docs(what: &str) -> ChangeKind {
    ChangeKind::DocsChanged(what.to_string())
}
