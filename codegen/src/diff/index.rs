//! A model as the diff sees it: shapes and operations by name, the usage
//! of each shape, the Rust names the generated crate gives it (from the
//! naming pass) and its wire names (from its protocol module).

use std::collections::{BTreeMap, HashSet};

use super::Usage;
use crate::ir::{Member, Model, Operation, Shape, ShapeId, ShapeKind, SimpleType};
use crate::passes::naming::{self, Names};
use crate::protocols::{self, Direction, WireProtocol};

/// A model indexed by name, with the usage of each shape, the Rust names
/// the generated crate gives it and its protocol.
pub(super) struct Index<'a> {
    pub(super) model: &'a Model,
    pub(super) shapes: BTreeMap<String, &'a Shape>,
    pub(super) operations: BTreeMap<&'a str, &'a Operation>,
    pub(super) usage: BTreeMap<String, Usage>,
    /// The naming pass's names; `None` when the model cannot be named (a
    /// collision), and then model names stand in.
    pub(super) names: Option<Names>,
    /// The model's protocol; `None` when the generator does not support it,
    /// and then wire names are unknown.
    pub(super) protocol: Option<&'static dyn WireProtocol>,
}

impl<'a> Index<'a> {
    pub(super) fn new(model: &'a Model) -> Self {
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
            names: naming::assign(model).ok(),
            protocol: protocols::for_service(&model.service).ok(),
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

    /// Whether the shape is a named Rust type of its own.
    pub(super) fn is_named(&self, shape: &Shape) -> bool {
        match &self.names {
            Some(names) => names.type_names(&shape.id).is_ok(),
            None => is_named(&shape.kind),
        }
    }

    /// The Rust variant names of an enum, in value order (the model's
    /// names when the model cannot be named).
    pub(super) fn variants(&self, id: &ShapeId, model_names: Vec<String>) -> Vec<String> {
        match self
            .names
            .as_ref()
            .and_then(|n| n.type_names(id).ok())
            .map(|t| &t.variants)
        {
            Some(variants) if variants.len() == model_names.len() => variants.clone(),
            _ => model_names,
        }
    }

    /// The key a member is sent under in requests (for a list's own member,
    /// the segment its items add under a list that is not flattened), with
    /// the segment its own items or entries add when it is a collection
    /// (`Tags.entry`).
    pub(super) fn request_key(
        &self,
        p: &dyn WireProtocol,
        m: &Member,
        list_element: bool,
    ) -> String {
        let mut key = if list_element {
            let referrer = Member::new(String::new(), m.target.clone());
            p.request_list_segment(&referrer, m).unwrap_or_default()
        } else {
            p.request_key(m)
        };
        let segment = match self.model.shape(&m.target).map(|s| &s.kind) {
            Some(ShapeKind::List(item)) => p.request_list_segment(m, item),
            Some(ShapeKind::Map { .. }) => p.request_map_segment(m),
            _ => None,
        };
        if let Some(segment) = segment {
            key.push('.');
            key.push_str(&segment);
        }
        key
    }
}

/// The name a shape is matched by: its name, or its absolute id for
/// prelude shapes.
pub(super) fn key(id: &ShapeId) -> String {
    if id.is_prelude() {
        id.to_string()
    } else {
        id.name.clone()
    }
}

/// The members of a shape (list element, map key and value included).
pub(super) fn members(kind: &ShapeKind) -> Vec<&Member> {
    match kind {
        ShapeKind::Structure(s) | ShapeKind::Union(s) => s.members.iter().collect(),
        ShapeKind::List(m) => vec![m],
        ShapeKind::Map { key, value } => vec![key, value],
        ShapeKind::Enum(_) | ShapeKind::IntEnum(_) | ShapeKind::Simple(_) => Vec::new(),
    }
}

/// Nesting limit of [`rust_type`] and [`Index::wire`], against hostile models.
const MAX_DEPTH: usize = 16;

/// The Rust type a member targeting `id` gets, in a model-neutral notation:
/// the simple type name (`string`, `integer`, `timestamp`...), the shape
/// name for structures, unions and enums, `list<T>` and `map<K, V>`.
///
/// Named types are given by their Rust name, as the naming pass assigns
/// it (the shape name when the model cannot be named).
pub fn rust_type(model: &Model, id: &ShapeId) -> String {
    let names = naming::assign(model).ok();
    type_of(model, names.as_ref(), id, 0)
}

fn type_of(model: &Model, names: Option<&Names>, id: &ShapeId, depth: usize) -> String {
    let Some(shape) = model.shape(id).filter(|_| depth < MAX_DEPTH) else {
        return key(id);
    };
    match &shape.kind {
        ShapeKind::Simple(t) => t.name().to_string(),
        ShapeKind::List(m) => format!("list<{}>", type_of(model, names, &m.target, depth + 1)),
        ShapeKind::Map { key, value } => format!(
            "map<{}, {}>",
            type_of(model, names, &key.target, depth + 1),
            type_of(model, names, &value.target, depth + 1)
        ),
        ShapeKind::Structure(_)
        | ShapeKind::Union(_)
        | ShapeKind::Enum(_)
        | ShapeKind::IntEnum(_) => names
            .and_then(|n| n.type_name(id).ok())
            .map(str::to_string)
            .unwrap_or_else(|| key(id)),
    }
}

impl Index<'_> {
    /// The Rust type of a member targeting `id` (see [`rust_type`]).
    pub(super) fn rust_type(&self, id: &ShapeId) -> String {
        type_of(self.model, self.names.as_ref(), id, 0)
    }

    /// What the wire encoding of a target depends on beyond its Rust type,
    /// as the protocol encodes it: the keys and elements of collections'
    /// items, flattening, timestamp formats. `None` when the protocol is
    /// not supported.
    pub(super) fn wire(&self, id: &ShapeId) -> Option<String> {
        self.protocol.map(|p| self.wire_of(p, id, 0))
    }

    fn wire_of(&self, p: &dyn WireProtocol, id: &ShapeId, depth: usize) -> String {
        let Some(shape) = self.model.shape(id).filter(|_| depth < MAX_DEPTH) else {
            return key(id);
        };
        let element = |m: &Member, name: String| {
            format!(
                "{name}{}:{}",
                if p.response_flattened(m) {
                    "(flat)"
                } else {
                    ""
                },
                self.wire_of(p, &m.target, depth + 1)
            )
        };
        match &shape.kind {
            ShapeKind::Simple(SimpleType::Timestamp) => {
                let format = |d| p.timestamp_format(None, shape.timestamp_format, d);
                let (request, response) = (format(Direction::Request), format(Direction::Response));
                format!("timestamp({request:?}, {response:?})")
            }
            ShapeKind::List(m) => {
                let request = self.request_key(p, m, true);
                format!("list<{request}/{}>", element(m, p.response_list_item(m)))
            }
            ShapeKind::Map { key, value } => {
                let (request_key, request_value) = p.request_map_entry_keys(key, value);
                let (k, v) = p.response_map_entry_elements(key, value);
                format!(
                    "map<{request_key}/{}, {request_value}/{}>",
                    element(key, k),
                    element(value, v)
                )
            }
            _ => self.rust_type(id),
        }
    }
}

/// Whether a shape kind is a named Rust type of its own.
fn is_named(kind: &ShapeKind) -> bool {
    matches!(
        kind,
        ShapeKind::Structure(_) | ShapeKind::Union(_) | ShapeKind::Enum(_) | ShapeKind::IntEnum(_)
    )
}
