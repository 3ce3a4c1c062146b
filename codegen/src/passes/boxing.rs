//! Boxing: which structure members are `Box`ed, for two reasons.
//!
//! **Recursion**, so that every generated type has a finite size. Only
//! direct structure-to-structure (or union) edges count: lists and maps
//! already put their elements on the heap. A depth-first walk over shapes in
//! id order, members in model order, boxes every edge that closes a cycle
//! (an edge to a shape still on the walk's stack). Removing the back edges of
//! a depth-first walk leaves no cycle, and the fixed order makes the choice
//! the same on every run.
//!
//! **Size**: a member whose structure would take more than
//! [`MAX_INLINE_BYTES`] inline is boxed. Every member is optional, and the
//! large nested structures of answers are the rarely set ones (an image's
//! `ScanResults`: six timestamps and a label, sent only for images that
//! Amazon Inspector scanned); inline, each costs its full size in every
//! item of a list whether set or not, and a parser writes and a `Vec`
//! moves all of it. Boxed, an unset one costs a pointer. The members of an
//! operation's input and output are not boxed for size: those exist once
//! per call, and boxing would only add an allocation and a `Box` to their
//! setters. The sizes are estimated from the model (the layout of the
//! types the render emits on a 64-bit target), after the recursion boxing,
//! from the leaves up.

use std::collections::{BTreeMap, BTreeSet};

use crate::ir::{Member, Model, ShapeId, ShapeKind, SimpleType};

/// Members that must be boxed, as (structure id, member name).
pub type Boxed = BTreeSet<(ShapeId, String)>;

/// The most bytes a structure member is estimated to take inline before it
/// is boxed (16 words: a structure of about five strings or lists).
pub const MAX_INLINE_BYTES: usize = 128;

/// Computes the members to box.
pub fn boxed_members(model: &Model) -> Boxed {
    let mut state: BTreeMap<&ShapeId, Visit> = BTreeMap::new();
    let mut boxed = Boxed::new();
    for id in model.shapes.keys() {
        visit(model, id, &mut state, &mut boxed);
    }
    box_large_members(model, &mut boxed);
    boxed
}

/// Adds to `boxed` the structure members whose inline size would exceed
/// [`MAX_INLINE_BYTES`]. With the recursive edges boxed, the other edges
/// between aggregates form no cycle: each aggregate's size is computed once
/// its members' are, with an explicit stack (no recursion on the model's
/// depth).
fn box_large_members(model: &Model, boxed: &mut Boxed) {
    let once_per_call: BTreeSet<&ShapeId> = model
        .operations
        .values()
        .flat_map(|op| op.input.iter().chain(&op.output))
        .collect();
    let mut size: BTreeMap<&ShapeId, usize> = BTreeMap::new();
    for root in model.shapes.keys() {
        if size.contains_key(root) || aggregate_members(model, root).is_none() {
            continue;
        }
        let mut stack: Vec<&ShapeId> = vec![root];
        let mut on_stack: BTreeSet<&ShapeId> = BTreeSet::from([root]);
        while let Some(&id) = stack.last() {
            let members = aggregate_members(model, id).unwrap_or_default();
            let inline = |m: &Member| !boxed.contains(&(id.clone(), m.name.clone()));
            let pending = members.iter().find(|m| {
                inline(m)
                    && aggregate_members(model, &m.target).is_some()
                    && !size.contains_key(&m.target)
                    && !on_stack.contains(&m.target)
            });
            if let Some(member) = pending {
                stack.push(&member.target);
                on_stack.insert(&member.target);
                continue;
            }
            stack.pop();
            on_stack.remove(id);
            let is_union = matches!(model.shape(id).map(|s| &s.kind), Some(ShapeKind::Union(_)));
            let may_box = !is_union && !once_per_call.contains(id);
            let mut total = 0usize;
            for member in members {
                let key = (id.clone(), member.name.clone());
                let bytes = match size.get(&member.target) {
                    _ if boxed.contains(&key) => POINTER,
                    Some(&bytes) if may_box && bytes > MAX_INLINE_BYTES => {
                        boxed.insert(key);
                        POINTER
                    }
                    Some(&bytes) => bytes,
                    None => leaf_size(model, &member.target),
                };
                total = if is_union {
                    total.max(bytes)
                } else {
                    total + bytes
                };
            }
            size.insert(id, total + if is_union { POINTER } else { 0 });
        }
    }
}

const POINTER: usize = 8;

/// The estimated size of an optional member of a shape that is not an
/// aggregate (as the render spells it: `Option<String>`, `Option<Vec<T>>`,
/// `Option<HashMap<K, V>>`, an enum of two words...).
fn leaf_size(model: &Model, id: &ShapeId) -> usize {
    match model.shape(id).map(|s| &s.kind) {
        Some(ShapeKind::Enum(_)) => 16,
        Some(ShapeKind::Map { .. }) => 48,
        Some(ShapeKind::Simple(
            SimpleType::Boolean | SimpleType::Byte | SimpleType::Short | SimpleType::Integer,
        )) => 8,
        Some(ShapeKind::Simple(SimpleType::Float | SimpleType::Long | SimpleType::Double)) => 16,
        Some(ShapeKind::IntEnum(_)) => 8,
        _ => 24,
    }
}

#[derive(Clone, Copy, PartialEq)]
enum Visit {
    OnStack,
    Done,
}

/// The depth-first walk from `root`, with an explicit stack so that a
/// model of deeply nested structures cannot exhaust the thread's stack.
fn visit<'m>(
    model: &'m Model,
    root: &'m ShapeId,
    state: &mut BTreeMap<&'m ShapeId, Visit>,
    boxed: &mut Boxed,
) {
    if state.contains_key(root) || aggregate_members(model, root).is_none() {
        return;
    }
    state.insert(root, Visit::OnStack);
    // (shape, index of its next member to look at)
    let mut stack: Vec<(&'m ShapeId, usize)> = vec![(root, 0)];
    while let Some((id, next)) = stack.last_mut() {
        let id: &'m ShapeId = id;
        let members = aggregate_members(model, id).unwrap_or_default();
        let Some(member) = members.get(*next) else {
            state.insert(id, Visit::Done);
            stack.pop();
            continue;
        };
        *next += 1;
        if aggregate_members(model, &member.target).is_none() {
            continue;
        }
        match state.get(&member.target) {
            Some(Visit::OnStack) => {
                boxed.insert((id.clone(), member.name.clone()));
            }
            Some(Visit::Done) => {}
            None => {
                state.insert(&member.target, Visit::OnStack);
                stack.push((&member.target, 0));
            }
        }
    }
}

/// The members of a structure or union; `None` for other shapes.
fn aggregate_members<'m>(model: &'m Model, id: &ShapeId) -> Option<&'m [Member]> {
    match &model.shape(id)?.kind {
        ShapeKind::Structure(s) | ShapeKind::Union(s) => Some(&s.members),
        _ => None,
    }
}
