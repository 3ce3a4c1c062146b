//! Rust names for shapes, members and enum values, with one policy for
//! keywords, reserved names and collisions.
//!
//! The policy:
//! - Types: `UpperCamelCase` of the shape name. A name that is a keyword
//!   (`Self`) gets `Value` appended. Two shapes with the same Rust name, or a
//!   shape named like another's builder (`FooBuilder` next to `Foo`), are an
//!   error naming both: renaming a type silently would change the public API
//!   when the model changes.
//! - Fields: `snake_case` of the member name. Keywords (`type`, `match`,
//!   `self`, `crate`) and `build` (the builder's finishing method) get `_`
//!   appended (`type_`); setters keep the plain name after `set_`
//!   (`set_type`). Two members with the same Rust field name or builder
//!   method are an error naming both.
//! - Enum variants: `UpperCamelCase` of the enum member name (`x86_64_mac`
//!   -> `X8664Mac`, `legacy_bios` -> `LegacyBios`); a leading digit gets a
//!   `V` prefix, a keyword gets `Value` appended, an empty name becomes
//!   `Empty`. `Unknown` is reserved for the variant that holds values the
//!   model does not list. Values that still collide (e.g. `Foo-Bar` and
//!   `foo_bar`) are renamed deterministically: the later one in model order
//!   gets the first free numeric suffix (`FooBar2`). This keeps generation
//!   working when the service adds a value, and never renames a variant that
//!   an earlier model already had, since new values are appended.

use std::collections::{BTreeMap, BTreeSet};

use heck::{ToSnakeCase, ToUpperCamelCase};

use crate::ir::{Model, ShapeId, ShapeKind};
use crate::render::ident::{is_identifier, is_keyword};
use crate::{Error, Result};

/// The name of the variant holding unknown enum values.
pub const UNKNOWN_VARIANT: &str = "Unknown";

/// The Rust names of a model's shapes.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Names {
    /// Type names of structures, unions and enums.
    pub types: BTreeMap<ShapeId, String>,
    /// Field names of structure members, in member order.
    pub fields: BTreeMap<ShapeId, Vec<Field>>,
    /// Variant names of enums, int enums and unions, in member order.
    pub variants: BTreeMap<ShapeId, Vec<String>>,
}

/// The Rust names of one structure member.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Field {
    /// The field and builder method name (`type_`).
    pub field: String,
    /// The name after `set_` (`type`).
    pub base: String,
}

impl Names {
    /// The type name of a shape that has one.
    pub fn type_name(&self, id: &ShapeId) -> Result<&str> {
        self.types
            .get(id)
            .map(String::as_str)
            .ok_or_else(|| Error::new("has no Rust type name").at(format!("shape {id}")))
    }
}

/// Names every structure, union and enum of the model.
pub fn assign(model: &Model) -> Result<Names> {
    let mut names = Names::default();
    let mut taken: BTreeMap<String, ShapeId> = BTreeMap::new();
    for (id, shape) in &model.shapes {
        match &shape.kind {
            ShapeKind::Structure(s) | ShapeKind::Union(s) => {
                let ty = type_name(id)?;
                claim(&mut taken, &ty, id)?;
                if matches!(shape.kind, ShapeKind::Structure(_)) {
                    claim(&mut taken, &format!("{ty}Builder"), id)?;
                    names.fields.insert(id.clone(), fields(id, s)?);
                } else {
                    let members = s.members.iter().map(|m| m.name.as_str());
                    names.variants.insert(id.clone(), variants(members));
                }
                names.types.insert(id.clone(), ty);
            }
            ShapeKind::Enum(values) => {
                let ty = type_name(id)?;
                claim(&mut taken, &ty, id)?;
                names.types.insert(id.clone(), ty);
                let members = values.iter().map(|v| v.name.as_str());
                names.variants.insert(id.clone(), variants(members));
            }
            ShapeKind::IntEnum(values) => {
                let ty = type_name(id)?;
                claim(&mut taken, &ty, id)?;
                names.types.insert(id.clone(), ty);
                let members = values.iter().map(|v| v.name.as_str());
                names.variants.insert(id.clone(), variants(members));
            }
            ShapeKind::List(_) | ShapeKind::Map { .. } | ShapeKind::Simple(_) => {}
        }
    }
    Ok(names)
}

fn claim(taken: &mut BTreeMap<String, ShapeId>, name: &str, id: &ShapeId) -> Result<()> {
    match taken.get(name) {
        Some(other) => Err(Error::new(format!(
            "its Rust name `{name}` is also the name of shape {other}; rename one of them in the model"
        ))
        .at(format!("shape {id}"))),
        None => {
            taken.insert(name.to_string(), id.clone());
            Ok(())
        }
    }
}

fn type_name(id: &ShapeId) -> Result<String> {
    let mut name = id.name.to_upper_camel_case();
    if is_keyword(&name) {
        name.push_str("Value");
    }
    if !is_identifier(&name) {
        return Err(Error::new(format!(
            "the shape name gives `{name}`, which is not a Rust identifier"
        ))
        .at(format!("shape {id}")));
    }
    Ok(name)
}

fn fields(id: &ShapeId, s: &crate::ir::Structure) -> Result<Vec<Field>> {
    let mut out: Vec<Field> = Vec::with_capacity(s.members.len());
    // Builder method name -> member that owns it.
    let mut methods: BTreeMap<String, &str> = BTreeMap::new();
    methods.insert("build".to_string(), "(the builder's build method)");
    for member in &s.members {
        let base = member.name.to_snake_case();
        let field = if is_keyword(&base) || base == "build" {
            format!("{base}_")
        } else {
            base.clone()
        };
        if !is_identifier(&field) {
            return Err(Error::new(format!(
                "the member name gives `{field}`, which is not a Rust identifier"
            ))
            .at(format!("shape {id}, member {}", member.name)));
        }
        for method in [field.clone(), format!("set_{base}")] {
            if let Some(other) = methods.insert(method.clone(), &member.name) {
                return Err(Error::new(format!(
                    "its Rust name `{method}` collides with member {other}; rename one of them in the model"
                ))
                .at(format!("shape {id}, member {}", member.name)));
            }
        }
        out.push(Field { field, base });
    }
    Ok(out)
}

fn variants<'a>(members: impl Iterator<Item = &'a str>) -> Vec<String> {
    let mut used: BTreeSet<String> = BTreeSet::new();
    used.insert(UNKNOWN_VARIANT.to_string());
    let mut out = Vec::new();
    for member in members {
        let mut name = member.to_upper_camel_case();
        if name.is_empty() {
            name = "Empty".to_string();
        } else if name.starts_with(|c: char| c.is_ascii_digit()) {
            name.insert(0, 'V');
        } else if is_keyword(&name) {
            name.push_str("Value");
        }
        if !is_identifier(&name) {
            // Non-ASCII letters: keep only what Rust accepts without a lint.
            name = format!(
                "V{}",
                name.chars()
                    .filter(char::is_ascii_alphanumeric)
                    .collect::<String>()
            );
        }
        let mut unique = name.clone();
        let mut n = 2;
        while used.contains(&unique) {
            unique = format!("{name}{n}");
            n += 1;
        }
        used.insert(unique.clone());
        out.push(unique);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn variant_names_follow_the_policy() {
        let got = variants(
            [
                "x86_64_mac",
                "legacy_bios",
                "uefi_preferred",
                "v2_0",
                "_2xlarge",
                "Self",
                "Unknown",
                "foo_bar",
                "FooBar",
                "",
                "i386",
            ]
            .into_iter(),
        );
        assert_eq!(
            got,
            [
                "X8664Mac",
                "LegacyBios",
                "UefiPreferred",
                "V20",
                "V2xlarge",
                "SelfValue",
                "Unknown2",
                "FooBar",
                "FooBar2",
                "Empty",
                "I386"
            ]
        );
    }
}
