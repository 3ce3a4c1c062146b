//! The names of the operations' error enums (`crate::errors`): one enum per
//! operation that declares errors, `{Operation}Error`, with one variant per
//! declared error structure (the `UpperCamelCase` of its shape name) and
//! `Unmodeled`, the variant of the codes the model does not declare.
//!
//! The enums live in a module of their own, so they never collide with the
//! model's types; the module's scope catches two operations giving one
//! enum name. Each enum reserves `Unmodeled` (a shape named so gets
//! `UnmodeledValue`, the one suffix rule) and its methods, which are apart
//! from variants in Rust; its scope catches two errors giving one variant.

use std::collections::BTreeMap;

use super::rules::{self, Reserved, Scope};
use super::Names;
use crate::ir::{Model, ShapeId};
use crate::{Error, Result};

/// An operation's error enum: the variant of undeclared codes.
pub const ERROR_ENUM: Reserved<'static> = Reserved {
    container: "an operation's error enum",
    names: &[UNMODELED],
    prefixes: &[],
};

/// The variant holding the codes the model does not declare.
pub const UNMODELED: &str = "Unmodeled";

/// The names of one operation's error enum.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ErrorEnumNames {
    /// The enum (`CreateUserError`).
    pub name: String,
    /// The variant of each declared error, in model order.
    pub variants: Vec<(ShapeId, String)>,
}

/// Names the error enum of every operation that declares errors.
pub fn assign(model: &Model) -> Result<BTreeMap<ShapeId, ErrorEnumNames>> {
    let mut module = Scope::default();
    let mut out = BTreeMap::new();
    for op in model.operations.values() {
        if op.errors.is_empty() {
            continue;
        }
        let place = || format!("operation {}", op.id);
        let name = rules::checked(format!("{}Error", rules::camel_case(&op.id.name)), place)?;
        module.declare(&name, format!("operation {}", op.id), place)?;
        let mut scope = Scope::with(&[&ERROR_ENUM]);
        let mut variants = Vec::new();
        for id in &op.errors {
            let at = || format!("operation {}, error {id}", op.id);
            let variant = rules::checked(rules::camel(&id.name, &[&ERROR_ENUM]), at)?;
            scope.declare(&variant, format!("error {id}"), at)?;
            variants.push((id.clone(), variant));
        }
        out.insert(op.id.clone(), ErrorEnumNames { name, variants });
    }
    Ok(out)
}

impl Names {
    /// The names of an operation's error enum, `None` when it declares no
    /// errors.
    pub fn error_enum(&self, op: &ShapeId) -> Option<&ErrorEnumNames> {
        self.error_enums.get(op)
    }

    /// The names of an operation's error enum, which it must have.
    pub fn required_error_enum(&self, op: &ShapeId) -> Result<&ErrorEnumNames> {
        self.error_enum(op).ok_or_else(|| {
            Error::new("declares no errors: it has no error enum").at(format!("operation {op}"))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    /// A model whose operation `CreateUser` declares these errors.
    fn model(errors: &[&str]) -> Model {
        let mut shapes = serde_json::Map::new();
        shapes.insert(
            "ex#Svc".into(),
            json!({"type": "service", "version": "1",
                   "operations": [{"target": "ex#CreateUser"}],
                   "traits": {"aws.protocols#awsQuery": {}}}),
        );
        let refs: Vec<_> = errors
            .iter()
            .map(|e| json!({"target": format!("ex#{e}")}))
            .collect();
        shapes.insert(
            "ex#CreateUser".into(),
            json!({"type": "operation", "errors": refs}),
        );
        for e in errors {
            shapes.insert(
                format!("ex#{e}"),
                json!({"type": "structure", "members": {},
                       "traits": {"smithy.api#error": "client"}}),
            );
        }
        let text = json!({"smithy": "2.0", "shapes": shapes}).to_string();
        crate::load_smithy(crate::SourceFile {
            name: "test.json",
            text: &text,
        })
        .unwrap()
    }

    #[test]
    fn enums_and_variants_come_from_the_operation_and_error_names() {
        let names = assign(&model(&["EntityAlreadyExistsException", "Unmodeled"])).unwrap();
        let e = &names[&ShapeId::new("ex", "CreateUser")];
        assert_eq!(e.name, "CreateUserError");
        assert_eq!(e.variants[0].1, "EntityAlreadyExistsException");
        assert_eq!(e.variants[1].1, "UnmodeledValue");
    }

    #[test]
    fn two_errors_giving_one_variant_are_an_error_naming_both() {
        let e = assign(&model(&["no_such_entity", "NoSuchEntity"]))
            .unwrap_err()
            .to_string();
        assert!(e.contains("NoSuchEntity"), "{e}");
        assert!(e.contains("operation ex#CreateUser"), "{e}");
    }
}
