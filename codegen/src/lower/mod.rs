//! Each input format lowered into the one IR.

pub mod botocore;
pub mod resources;
pub mod smithy;

use std::collections::HashSet;

use crate::ir::EnumValue;

/// Enum values of formats where names are optional (botocore, Smithy 1.0's
/// `@enum`): a value without a name gets one derived from it (every
/// character outside `[A-Za-z0-9_]` becomes `_`, a leading digit or an empty
/// name gets a `_` before it) and, if that is taken, the first free suffix
/// `_2`, `_3`... Given names are kept as they are.
pub(crate) fn named_enum_values(
    values: impl IntoIterator<Item = (Option<String>, String, Option<String>)>,
) -> Vec<EnumValue> {
    let values: Vec<_> = values.into_iter().collect();
    let mut taken: HashSet<String> = values.iter().filter_map(|(n, _, _)| n.clone()).collect();
    values
        .into_iter()
        .map(|(name, value, docs)| {
            let name = name.unwrap_or_else(|| {
                let mut base: String = value
                    .chars()
                    .map(|c| {
                        if c.is_ascii_alphanumeric() || c == '_' {
                            c
                        } else {
                            '_'
                        }
                    })
                    .collect();
                if base.is_empty() || base.starts_with(|c: char| c.is_ascii_digit()) {
                    base.insert(0, '_');
                }
                let mut name = base.clone();
                let mut n = 2;
                while !taken.insert(name.clone()) {
                    name = format!("{base}_{n}");
                    n += 1;
                }
                name
            });
            EnumValue { name, value, docs }
        })
        .collect()
}
