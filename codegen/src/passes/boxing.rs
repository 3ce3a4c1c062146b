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

use crate::ir::{Model, ShapeId, ShapeKind};

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

fn visit<'m>(
    model: &'m Model,
    id: &'m ShapeId,
    state: &mut BTreeMap<&'m ShapeId, Visit>,
    boxed: &mut Boxed,
) {
    if state.contains_key(id) {
        return;
    }
    let Some(shape) = model.shape(id) else { return };
    let members = match &shape.kind {
        ShapeKind::Structure(s) | ShapeKind::Union(s) => &s.members,
        _ => return,
    };
    state.insert(id, Visit::OnStack);
    for member in members {
        let is_aggregate = matches!(
            model.shape(&member.target).map(|s| &s.kind),
            Some(ShapeKind::Structure(_) | ShapeKind::Union(_))
        );
        if !is_aggregate {
            continue;
        }
        match state.get(&member.target) {
            Some(Visit::OnStack) => {
                boxed.insert((id.clone(), member.name.clone()));
            }
            Some(Visit::Done) => {}
            None => visit(model, &member.target, state, boxed),
        }
    }
    state.insert(id, Visit::Done);
}
