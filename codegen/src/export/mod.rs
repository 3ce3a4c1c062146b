//! The IR written back out as model files, and the check that what is
//! written loads back to the same IR.

pub mod smithy;

use crate::ir::Model;
use crate::{Error, Result};

/// The model as [`smithy::to_json`] keeps it: with a waiter's unset
/// `max_delay` as Smithy's default of 120 seconds.
pub fn as_smithy_keeps(model: &Model) -> Model {
    let mut model = model.clone();
    for op in model.operations.values_mut() {
        for waiter in op.waiters.values_mut() {
            waiter.max_delay = Some(waiter.max_delay.unwrap_or(120));
        }
    }
    model
}

/// Writes the model as a Smithy JSON AST and checks that it loads back
/// (named `file` in errors) to the same IR, up to what Smithy cannot hold
/// ([`as_smithy_keeps`]). Fails naming the first service, operation or
/// shape that does not survive: a name the Smithy loader refuses, or two
/// shapes that one Smithy document cannot tell apart.
pub fn smithy_that_reloads(model: &Model, file: &str) -> Result<String> {
    let text = smithy::to_json(model);
    let reloaded = crate::load_smithy(crate::SourceFile {
        name: file,
        text: &text,
    })
    .map_err(|e| {
        Error::new(format!(
            "the Smithy model written from it would not load back: {e}"
        ))
        .at(format!("service {}", model.service.id))
    })?;
    let expected = as_smithy_keeps(model);
    let changed = |what: String| {
        Error::new("would not load back the same from the Smithy model written").at(what)
    };
    if expected.service != reloaded.service {
        return Err(changed(format!("service {}", model.service.id)));
    }
    for (id, op) in &expected.operations {
        if reloaded.operations.get(id) != Some(op) {
            return Err(changed(format!("operation {id}")));
        }
    }
    if let Some(id) = reloaded
        .operations
        .keys()
        .find(|id| !expected.operations.contains_key(*id))
    {
        return Err(changed(format!("operation {id}")));
    }
    for (id, shape) in &expected.shapes {
        // Prelude shapes are not written; the loader supplies them.
        if id.is_prelude() && !reloaded.shapes.contains_key(id) {
            continue;
        }
        if reloaded.shapes.get(id) != Some(shape) {
            return Err(changed(format!("shape {id}")));
        }
    }
    if let Some(id) = reloaded
        .shapes
        .keys()
        .find(|id| !id.is_prelude() && !expected.shapes.contains_key(*id))
    {
        return Err(changed(format!("shape {id}")));
    }
    Ok(text)
}
