//! Walking two models side by side to list their changes.

use std::collections::{BTreeMap, BTreeSet, HashSet};

use super::{rules, Change, ChangeKind, Subject, Usage};
use crate::diff::change::code;
use crate::ir::{
    Deprecated, Member, Model, Operation, Paginator, Shape, ShapeId, ShapeKind, SimpleType, Waiter,
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

/// A model indexed by name, with the usage of each shape.
struct Index<'a> {
    model: &'a Model,
    shapes: BTreeMap<String, &'a Shape>,
    operations: BTreeMap<&'a str, &'a Operation>,
    usage: BTreeMap<String, Usage>,
}

impl<'a> Index<'a> {
    fn new(model: &'a Model) -> Self {
        let shapes = model.shapes.values().map(|s| (key(&s.id), s)).collect();
        let operations = model
            .operations
            .values()
            .map(|op| (op.id.name.as_str(), op))
            .collect();
        let mut index = Index {
            model,
            shapes,
            operations,
            usage: BTreeMap::new(),
        };
        let ops = model.operations.values();
        let inputs: Vec<_> = ops.clone().filter_map(|op| op.input.as_ref()).collect();
        let outputs: Vec<_> = ops
            .flat_map(|op| op.output.iter().chain(&op.errors))
            .collect();
        for id in index.reachable(inputs) {
            index.usage.entry(id).or_default().input = true;
        }
        for id in index.reachable(outputs) {
            index.usage.entry(id).or_default().output = true;
        }
        index
    }

    /// Keys of every shape reachable from `roots` (missing targets skipped).
    fn reachable(&self, roots: Vec<&'a ShapeId>) -> Vec<String> {
        let mut seen: HashSet<&ShapeId> = HashSet::new();
        let mut stack = roots;
        while let Some(id) = stack.pop() {
            if !seen.insert(id) {
                continue;
            }
            if let Some(shape) = self.model.shape(id) {
                stack.extend(members(&shape.kind).into_iter().map(|m| &m.target));
            }
        }
        seen.into_iter().map(key).collect()
    }
}

/// The name a shape is matched by: its name, or its absolute id for
/// prelude shapes.
fn key(id: &ShapeId) -> String {
    if id.is_prelude() {
        id.to_string()
    } else {
        id.name.clone()
    }
}

/// The members of a shape (list element, map key and value included).
fn members(kind: &ShapeKind) -> Vec<&Member> {
    match kind {
        ShapeKind::Structure(s) | ShapeKind::Union(s) => s.members.iter().collect(),
        ShapeKind::List(m) => vec![m],
        ShapeKind::Map { key, value } => vec![key, value],
        ShapeKind::Enum(_) | ShapeKind::IntEnum(_) | ShapeKind::Simple(_) => Vec::new(),
    }
}

/// Nesting limit of [`rust_type`] and [`wire`], against hostile models.
const MAX_DEPTH: usize = 16;

/// The Rust type a member targeting `id` gets, in a model-neutral notation:
/// the simple type name (`string`, `integer`, `timestamp`...), the shape
/// name for structures, unions and enums, `list<T>` and `map<K, V>`.
pub fn rust_type(model: &Model, id: &ShapeId) -> String {
    type_of(model, id, 0)
}

fn type_of(model: &Model, id: &ShapeId, depth: usize) -> String {
    let Some(shape) = model.shape(id).filter(|_| depth < MAX_DEPTH) else {
        return key(id);
    };
    match &shape.kind {
        ShapeKind::Simple(t) => t.name().to_string(),
        ShapeKind::List(m) => format!("list<{}>", type_of(model, &m.target, depth + 1)),
        ShapeKind::Map { key, value } => format!(
            "map<{}, {}>",
            type_of(model, &key.target, depth + 1),
            type_of(model, &value.target, depth + 1)
        ),
        ShapeKind::Structure(_)
        | ShapeKind::Union(_)
        | ShapeKind::Enum(_)
        | ShapeKind::IntEnum(_) => key(id),
    }
}

/// What the wire encoding of a target depends on beyond its Rust type:
/// element names and flattening of collections, timestamp formats.
fn wire(model: &Model, id: &ShapeId, depth: usize) -> String {
    let Some(shape) = model.shape(id).filter(|_| depth < MAX_DEPTH) else {
        return key(id);
    };
    let element = |m: &Member| {
        format!(
            "{}{}:{}",
            output_name(m),
            if m.xml_flattened { "(flat)" } else { "" },
            wire(model, &m.target, depth + 1)
        )
    };
    match &shape.kind {
        ShapeKind::Simple(SimpleType::Timestamp) => {
            format!("timestamp({:?})", shape.timestamp_format)
        }
        ShapeKind::List(m) => format!("list<{}>", element(m)),
        ShapeKind::Map { key, value } => format!("map<{}, {}>", element(key), element(value)),
        _ => type_of(model, id, depth),
    }
}

/// The name a member is sent under in EC2 query requests.
fn query_name(m: &Member) -> String {
    if let Some(name) = &m.ec2_query_name {
        return name.clone();
    }
    match &m.xml_name {
        Some(name) => {
            let mut chars = name.chars();
            chars.next().map_or_else(String::new, |c| {
                c.to_uppercase().chain(chars).collect::<String>()
            })
        }
        None => m.name.clone(),
    }
}

/// The element name a member is read from in responses.
fn output_name(m: &Member) -> String {
    m.xml_name.clone().unwrap_or_else(|| m.name.clone())
}

/// Whether a shape kind is a named Rust type of its own.
fn is_named(kind: &ShapeKind) -> bool {
    matches!(
        kind,
        ShapeKind::Structure(_) | ShapeKind::Union(_) | ShapeKind::Enum(_) | ShapeKind::IntEnum(_)
    )
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
            self.push(subject.clone(), None, ChangeKind::ErrorRemoved(e.clone()));
        }
        for e in new_errors.difference(&old_errors) {
            self.push(subject.clone(), None, ChangeKind::ErrorAdded(e.clone()));
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
                        named: is_named(&a.kind),
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
                let values = |v: &[crate::ir::EnumValue]| {
                    v.iter()
                        .map(|e| (e.value.clone(), e.name.clone(), e.docs.clone()))
                        .collect::<Vec<_>>()
                };
                self.enum_values(&subject, usage, values(x), values(y));
            }
            (ShapeKind::IntEnum(x), ShapeKind::IntEnum(y)) => {
                let values = |v: &[crate::ir::IntEnumValue]| {
                    v.iter()
                        .map(|e| (e.value.to_string(), e.name.clone(), e.docs.clone()))
                        .collect::<Vec<_>>()
                };
                self.enum_values(&subject, usage, values(x), values(y));
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

    /// Enum values as (wire value, name, docs), matched by wire value.
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
                    let ty = rust_type(self.old.model, &m.target);
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
                ty: rust_type(self.new.model, &m.target),
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
    /// name is never sent in EC2 query requests: elements are `Name.N`).
    fn member(&mut self, shape: &str, usage: Usage, a: &Member, b: &Member, list_element: bool) {
        if a == b {
            return;
        }
        let subject = member_subject(shape, a);
        let u = Some(usage);
        let (old_model, new_model) = (self.old.model, self.new.model);
        let mut push = |kind| self.push(subject.clone(), u, kind);
        if key(&a.target) != key(&b.target) {
            let (old_ty, new_ty) = (
                rust_type(old_model, &a.target),
                rust_type(new_model, &b.target),
            );
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
                    same_wire: wire(old_model, &a.target, 0) == wire(new_model, &b.target, 0),
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
        let mut names_changed = false;
        if !list_element && query_name(a) != query_name(b) {
            names_changed = true;
            push(ChangeKind::QueryNameChanged {
                old: query_name(a),
                new: query_name(b),
            });
        }
        if output_name(a) != output_name(b) {
            names_changed = true;
            push(ChangeKind::XmlNameChanged {
                old: output_name(a),
                new: output_name(b),
            });
        }
        if !names_changed && (a.xml_name != b.xml_name || a.ec2_query_name != b.ec2_query_name) {
            push(ChangeKind::WireTraitChanged);
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
