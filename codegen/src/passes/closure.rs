//! Slicing a model to the closure of chosen operations.

use std::collections::{BTreeMap, BTreeSet};

use crate::ir::{Model, Operation, ShapeId, ShapeKind};
use crate::{Error, Result};

/// Keeps only the named operations and every shape they reach (inputs,
/// outputs, errors and, transitively, member targets).
///
/// Operation names are matched without namespace (`DescribeImages`). An
/// unknown name is an error; a target missing from the model is an error
/// naming the shape and member that refer to it.
pub fn slice(model: &Model, operations: &[String]) -> Result<Model> {
    let mut kept_ops = BTreeMap::new();
    for name in operations {
        let op = model.operation_by_name(name).ok_or_else(|| {
            Error::new(format!("no operation named {name} in the model"))
                .at(format!("service {}", model.service.id))
        })?;
        kept_ops.insert(op.id.clone(), op.clone());
    }
    let shapes = reachable(model, kept_ops.values())?;
    Ok(Model {
        service: model.service.clone(),
        operations: kept_ops,
        shapes: model
            .shapes
            .iter()
            .filter(|(id, _)| shapes.contains(*id))
            .map(|(id, s)| (id.clone(), s.clone()))
            .collect(),
    })
}

/// Every shape id reachable from the given operations, in sorted order.
pub fn reachable<'a>(
    model: &Model,
    operations: impl IntoIterator<Item = &'a Operation>,
) -> Result<BTreeSet<ShapeId>> {
    let mut seen = BTreeSet::new();
    let mut stack: Vec<(ShapeId, String)> = Vec::new();
    for op in operations {
        let place = format!("operation {}", op.id);
        for id in op.input.iter().chain(&op.output).chain(&op.errors) {
            stack.push((id.clone(), place.clone()));
        }
    }
    while let Some((id, referrer)) = stack.pop() {
        if seen.contains(&id) {
            continue;
        }
        let shape = model.shape(&id).ok_or_else(|| {
            Error::new(format!("targets {id}, which is not in the model")).at(referrer.clone())
        })?;
        seen.insert(id.clone());
        let mut push = |member: &crate::ir::Member| {
            stack.push((
                member.target.clone(),
                format!("shape {id}, member {}", member.name),
            ))
        };
        match &shape.kind {
            ShapeKind::Structure(s) | ShapeKind::Union(s) => s.members.iter().for_each(&mut push),
            ShapeKind::List(m) => push(m),
            ShapeKind::Map { key, value } => {
                push(key);
                push(value);
            }
            ShapeKind::Enum(_) | ShapeKind::IntEnum(_) | ShapeKind::Simple(_) => {}
        }
    }
    Ok(seen)
}
