//! Checks that a (sliced) model is one this generator can render, before
//! anything is rendered: each failure names the service, shape or member.

use std::collections::BTreeSet;

use crate::ir::{Model, Protocol, ShapeKind, SimpleType};
use crate::{Error, Result};

/// Validates the model for code generation.
pub fn for_codegen(model: &Model) -> Result<()> {
    if model.service.protocol != Protocol::Ec2Query {
        return Err(Error::new(format!(
            "the service speaks the {} protocol ({}); this generator emits only the EC2 query protocol",
            model.service.protocol.botocore_name(),
            model.service.protocol.smithy_trait(),
        ))
        .at(format!("service {}", model.service.id)));
    }
    for (id, shape) in &model.shapes {
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
            ShapeKind::Simple(SimpleType::Document) => {
                return Err(Error::new(
                    "document shapes are not supported by the EC2 query protocol",
                )
                .at(format!("shape {id}")));
            }
            _ => {}
        }
    }
    Ok(())
}
