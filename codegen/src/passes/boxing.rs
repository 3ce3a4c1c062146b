//! Recursion boxing: which members must be `Box`ed so that every generated
//! type has a finite size.
//!
//! Only direct structure-to-structure (or union) edges count: lists and maps
//! already put their elements on the heap. A depth-first walk over shapes in
//! id order, members in model order, boxes every edge that closes a cycle
//! (an edge to a shape still on the walk's stack). Removing the back edges of
//! a depth-first walk leaves no cycle, and the fixed order makes the choice
//! the same on every run.

use std::collections::{BTreeMap, BTreeSet};

use crate::ir::{Member, Model, ShapeId, ShapeKind};

/// Members that must be boxed, as (structure id, member name).
pub type Boxed = BTreeSet<(ShapeId, String)>;

/// Computes the members to box.
pub fn boxed_members(model: &Model) -> Boxed {
    let mut state: BTreeMap<&ShapeId, Visit> = BTreeMap::new();
    let mut boxed = Boxed::new();
    for id in model.shapes.keys() {
        visit(model, id, &mut state, &mut boxed);
    }
    boxed
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
