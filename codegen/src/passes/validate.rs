//! Checks that a (sliced) model is one this generator can render, before
//! anything is rendered: each failure names the service, operation, shape
//! or member.
//!
//! Beyond what the protocol can carry, it bounds what a model can make the
//! generator consume: at most [`MAX_SHAPES`] shapes and [`MAX_MEMBERS`]
//! members, lists and maps nested at most [`MAX_COLLECTION_DEPTH`] deep
//! (the renderers recurse once per level), and no recursion through lists
//! and maps alone (`L = list<L>` has no Rust type).

use std::collections::{BTreeMap, BTreeSet};

use crate::ir::{Member, Model, ShapeId, ShapeKind};
use crate::protocols;
use crate::{Error, Result};

/// The most shapes a sliced model may have.
pub const MAX_SHAPES: usize = 50_000;
/// The most members (of structures, unions, lists and maps, and enum
/// values) a sliced model may have, all shapes together.
pub const MAX_MEMBERS: usize = 500_000;
/// The deepest nesting of lists and maps directly in one another (a
/// structure in between starts again from 1). AWS models nest at most a
/// few; the formatter and parser of the generated code recurse once per
/// level, so the limit keeps them far from the end of a thread's stack.
pub const MAX_COLLECTION_DEPTH: usize = 32;

/// Validates the model for code generation: it is not too large, every
/// operation's input and output is a structure, no list or map contains
/// itself with no structure in between or nests too deep, its protocol is
/// supported and can carry every shape, and no enum lists a value twice.
pub fn for_codegen(model: &Model) -> Result<()> {
    size(model)?;
    operations(model)?;
    collections(model)?;
    let protocol = protocols::for_service(&model.service)?;
    for (id, shape) in &model.shapes {
        protocol.check_shape(shape)?;
        match &shape.kind {
            ShapeKind::Enum(values) => {
                let mut seen = BTreeSet::new();
                for v in values {
                    if !seen.insert(v.value.as_str()) {
                        return Err(
                            Error::new(format!("the value {:?} is listed twice", v.value))
                                .at(format!("shape {id}")),
                        );
                    }
                }
            }
            ShapeKind::IntEnum(values) => {
                let mut seen = BTreeSet::new();
                for v in values {
                    if !seen.insert(v.value) {
                        return Err(Error::new(format!("the value {} is listed twice", v.value))
                            .at(format!("shape {id}")));
                    }
                }
            }
            _ => {}
        }
    }
    Ok(())
}

/// The model is within [`MAX_SHAPES`] and [`MAX_MEMBERS`].
fn size(model: &Model) -> Result<()> {
    let place = || format!("service {}", model.service.id);
    if model.shapes.len() > MAX_SHAPES {
        return Err(Error::new(format!(
            "the operations reach {} shapes; at most {MAX_SHAPES} are supported",
            model.shapes.len()
        ))
        .at(place()));
    }
    let members: usize = model
        .shapes
        .values()
        .map(|shape| match &shape.kind {
            ShapeKind::Structure(s) | ShapeKind::Union(s) => s.members.len(),
            ShapeKind::List(_) => 1,
            ShapeKind::Map { .. } => 2,
            ShapeKind::Enum(values) => values.len(),
            ShapeKind::IntEnum(values) => values.len(),
            ShapeKind::Simple(_) => 0,
        })
        .sum();
    if members > MAX_MEMBERS {
        return Err(Error::new(format!(
            "the operations reach shapes with {members} members in all; at most {MAX_MEMBERS} are supported"
        ))
        .at(place()));
    }
    Ok(())
}

/// Every operation's input and output is a structure.
fn operations(model: &Model) -> Result<()> {
    for op in model.operations.values() {
        for (role, id) in [("input", &op.input), ("output", &op.output)] {
            let Some(id) = id else { continue };
            let place = || format!("operation {}", op.id);
            let shape = model.shape(id).ok_or_else(|| {
                Error::new(format!("its {role} {id} is not in the model")).at(place())
            })?;
            if !matches!(shape.kind, ShapeKind::Structure(_)) {
                return Err(Error::new(format!(
                    "its {role} {id} is a {}, not a structure",
                    shape.kind.name()
                ))
                .at(place()));
            }
        }
    }
    Ok(())
}

/// The list and map members a collection shape holds (its item, or its key
/// and value), for walking nested collections.
fn collection_members(kind: &ShapeKind) -> Option<Vec<&Member>> {
    match kind {
        ShapeKind::List(item) => Some(vec![item]),
        ShapeKind::Map { key, value } => Some(vec![key, value]),
        _ => None,
    }
}

/// No list or map contains itself through lists and maps only, and none
/// nests deeper than [`MAX_COLLECTION_DEPTH`]. Iterative (a depth-first
/// walk with an explicit stack), so a hostile model cannot exhaust the
/// stack here.
fn collections(model: &Model) -> Result<()> {
    // The nesting depth of each finished collection shape.
    let mut depth: BTreeMap<&ShapeId, usize> = BTreeMap::new();
    let mut on_path: BTreeSet<&ShapeId> = BTreeSet::new();
    for (root, shape) in &model.shapes {
        if depth.contains_key(root) || collection_members(&shape.kind).is_none() {
            continue;
        }
        // (shape, index of the next member to look at)
        let mut stack: Vec<(&ShapeId, usize)> = vec![(root, 0)];
        on_path.insert(root);
        while let Some((id, next)) = stack.last_mut() {
            let id: &ShapeId = id;
            let members = model
                .shape(id)
                .and_then(|s| collection_members(&s.kind))
                .unwrap_or_default();
            let Some(member) = members.get(*next) else {
                let d = 1 + members
                    .iter()
                    .filter_map(|m| depth.get(&m.target))
                    .max()
                    .copied()
                    .unwrap_or(0);
                if d > MAX_COLLECTION_DEPTH {
                    return Err(Error::new(format!(
                        "lists and maps are nested {d} deep here; at most {MAX_COLLECTION_DEPTH} are supported"
                    ))
                    .at(format!("shape {id}")));
                }
                depth.insert(id, d);
                on_path.remove(id);
                stack.pop();
                continue;
            };
            *next += 1;
            let target = &member.target;
            let is_collection = model
                .shape(target)
                .is_some_and(|s| collection_members(&s.kind).is_some());
            if !is_collection || depth.contains_key(target) {
                continue;
            }
            if on_path.contains(target) {
                let start = stack.iter().position(|(s, _)| *s == target).unwrap_or(0);
                let cycle: Vec<String> = stack[start..]
                    .iter()
                    .map(|(s, _)| s.name.clone())
                    .chain([target.name.clone()])
                    .collect();
                return Err(Error::new(format!(
                    "contains itself through lists and maps only ({}), which has no Rust type: a structure must be in the cycle",
                    cycle.join(" -> ")
                ))
                .at(format!("shape {target}")));
            }
            on_path.insert(target);
            stack.push((target, 0));
        }
    }
    Ok(())
}
