//! Checks that a (sliced) model is one this generator can render, before
//! anything is rendered: each failure names the service, shape or member.

use std::collections::BTreeSet;

use crate::ir::{Model, ShapeKind};
use crate::protocols;
use crate::{Error, Result};

/// Validates the model for code generation: its protocol is supported and
/// can carry every shape, and no enum lists a value twice.
pub fn for_codegen(model: &Model) -> Result<()> {
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
