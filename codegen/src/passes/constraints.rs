//! The constraint plan: which constraints of the model each input is
//! checked against before it is sent, as botocore's `ParamValidator` does.
//!
//! botocore checks the least length of strings and lists and the least
//! value of numbers, in every structure an input reaches (through members,
//! list items and map values); it checks no maximum, no pattern, no blob
//! length and no enum value, so neither does this. Required members are
//! checked by the builders. Unions are not checked, nor what only a union
//! reaches. A structure is checked when one of its members
//! has such a constraint or leads to a structure that has one.

use std::collections::{BTreeMap, BTreeSet};

use proc_macro2::Ident;

use crate::ir::{Model, ShapeId, ShapeKind, SimpleType};
use crate::passes::naming::{FnKind, Names};
use crate::render::ident::ident;
use crate::Result;

/// What is checked of one value.
#[derive(Debug, Clone, PartialEq)]
pub enum Check {
    /// A string's least length, in characters.
    String {
        /// The least length.
        min: u64,
        /// The value is a generated enum (read with `as_str()`).
        is_enum: bool,
    },
    /// A number's least value.
    Number {
        /// The least value.
        min: f64,
        /// The value is an `f64` already (a `double`).
        is_f64: bool,
    },
    /// A list's least length, and the checks of its items.
    List {
        /// The least length, if any.
        min: Option<u64>,
        /// The check of each item, if any.
        items: Option<Box<Check>>,
    },
    /// The checks of a map's values.
    Map {
        /// The check of each value.
        values: Box<Check>,
    },
    /// A structure's check function (`check_image`).
    Structure(Ident),
}

/// One member's check.
#[derive(Debug, Clone)]
pub struct MemberCheck {
    /// The member's model name, for the path in errors.
    pub member: String,
    /// Its field.
    pub field: Ident,
    /// Required members are not `Option`s.
    pub required: bool,
    /// What is checked of its value.
    pub check: Check,
}

/// The checks of every structure that has any, by structure; the inputs
/// of operations that have checks.
#[derive(Debug, Clone, Default)]
pub struct ConstraintPlan {
    /// The check function and member checks of each checked structure.
    pub structures: BTreeMap<ShapeId, (Ident, Vec<MemberCheck>)>,
}

impl ConstraintPlan {
    /// The check function of an operation's input, if it has checks.
    pub fn input_check(&self, input: &ShapeId) -> Option<&Ident> {
        self.structures.get(input).map(|(f, _)| f)
    }
}

/// Plans the checks of every structure the operations' inputs reach.
pub fn plan(model: &Model, names: &Names) -> Result<ConstraintPlan> {
    let reached = reached_from_inputs(model);
    // Which structures have checks: grow the set to a fixed point, so that
    // recursion through structures ends.
    let mut checked: BTreeSet<&ShapeId> = BTreeSet::new();
    loop {
        let before = checked.len();
        for id in &reached {
            if let Some(ShapeKind::Structure(s)) = model.shape(id).map(|s| &s.kind) {
                let has = s
                    .members
                    .iter()
                    .any(|m| check_of(model, &checked, &m.target, 0).is_some());
                if has {
                    checked.insert(id);
                }
            }
        }
        if checked.len() == before {
            break;
        }
    }
    let mut plan = ConstraintPlan::default();
    for id in &checked {
        let Some(ShapeKind::Structure(s)) = model.shape(id).map(|s| &s.kind) else {
            continue;
        };
        let mut members = Vec::new();
        for (i, m) in s.members.iter().enumerate() {
            let Some(check) = check_of(model, &checked, &m.target, 0) else {
                continue;
            };
            let check = named(check, names)?;
            members.push(MemberCheck {
                member: m.name.clone(),
                field: ident(&names.member(id, i)?.field)?,
                required: m.required,
                check,
            });
        }
        let function = ident(names.function(id, FnKind::Check)?)?;
        plan.structures.insert((*id).clone(), (function, members));
    }
    Ok(plan)
}

/// A check whose structures are still ids, before names are looked up.
enum Raw<'m> {
    Leaf(Check),
    List(Option<u64>, Option<Box<Raw<'m>>>),
    Map(Box<Raw<'m>>),
    Structure(&'m ShapeId),
}

fn named(raw: Raw<'_>, names: &Names) -> Result<Check> {
    Ok(match raw {
        Raw::Leaf(check) => check,
        Raw::List(min, items) => Check::List {
            min,
            items: items.map(|i| named(*i, names)).transpose()?.map(Box::new),
        },
        Raw::Map(values) => Check::Map {
            values: Box::new(named(*values, names)?),
        },
        Raw::Structure(id) => Check::Structure(ident(names.function(id, FnKind::Check)?)?),
    })
}

/// The check of a value of shape `target`, if it has any. Collections are
/// nested at most as deep as the validation pass allows.
fn check_of<'m>(
    model: &'m Model,
    checked: &BTreeSet<&ShapeId>,
    target: &'m ShapeId,
    depth: usize,
) -> Option<Raw<'m>> {
    if depth > crate::passes::validate::MAX_COLLECTION_DEPTH {
        return None;
    }
    let shape = model.shape(target)?;
    let min = || shape.bounds.as_ref()?.min.as_ref();
    let least_length = || min()?.as_u64().filter(|m| *m > 0);
    match &shape.kind {
        ShapeKind::Structure(_) => checked.contains(target).then_some(Raw::Structure(target)),
        ShapeKind::Simple(SimpleType::String) => least_length().map(|min| {
            Raw::Leaf(Check::String {
                min,
                is_enum: false,
            })
        }),
        ShapeKind::Enum(_) => {
            least_length().map(|min| Raw::Leaf(Check::String { min, is_enum: true }))
        }
        ShapeKind::Simple(
            simple @ (SimpleType::Byte
            | SimpleType::Short
            | SimpleType::Integer
            | SimpleType::Long
            | SimpleType::Float
            | SimpleType::Double),
        ) => min()?.as_f64().map(|min| {
            Raw::Leaf(Check::Number {
                min,
                is_f64: *simple == SimpleType::Double,
            })
        }),
        ShapeKind::List(member) => {
            let items = check_of(model, checked, &member.target, depth + 1).map(Box::new);
            let min = least_length();
            (min.is_some() || items.is_some()).then_some(Raw::List(min, items))
        }
        ShapeKind::Map { value, .. } => check_of(model, checked, &value.target, depth + 1)
            .map(|values| Raw::Map(Box::new(values))),
        _ => None,
    }
}

/// Every shape the operations' inputs reach.
fn reached_from_inputs(model: &Model) -> BTreeSet<&ShapeId> {
    let mut reached = BTreeSet::new();
    let mut todo: Vec<&ShapeId> = model
        .operations
        .values()
        .filter_map(|op| op.input.as_ref())
        .collect();
    while let Some(id) = todo.pop() {
        if !reached.insert(id) {
            continue;
        }
        let Some(shape) = model.shape(id) else {
            continue;
        };
        match &shape.kind {
            // Unions are not checked (their members are not planned), so
            // what only a union reaches is not either.
            ShapeKind::Structure(s) => todo.extend(s.members.iter().map(|m| &m.target)),
            ShapeKind::List(m) => todo.push(&m.target),
            ShapeKind::Map { key, value } => {
                todo.push(&key.target);
                todo.push(&value.target);
            }
            _ => {}
        }
    }
    reached
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::SourceFile;

    /// `Put` takes a `Node` that holds a name of at least 2 characters, a
    /// size of at least 1, a list of at least one tag and a map of nodes,
    /// and refers to itself; `Other` is reached through a union only.
    const MODEL: &str = r##"{
  "smithy": "2.0",
  "shapes": {
    "ex#Svc": {"type": "service", "version": "1", "operations": [{"target": "ex#Put"}],
               "traits": {"aws.protocols#awsQuery": {}}},
    "ex#Put": {"type": "operation", "input": {"target": "ex#Node"}},
    "ex#Node": {"type": "structure", "members": {
      "Name": {"target": "ex#Name"},
      "Size": {"target": "ex#Size"},
      "Tags": {"target": "ex#Tags"},
      "Children": {"target": "ex#Children"},
      "Next": {"target": "ex#Node"},
      "Free": {"target": "smithy.api#String"},
      "Either": {"target": "ex#Either"}
    }},
    "ex#Either": {"type": "union", "members": {"Other": {"target": "ex#Other"}}},
    "ex#Name": {"type": "string", "traits": {"smithy.api#length": {"min": 2, "max": 9}}},
    "ex#Size": {"type": "integer", "traits": {"smithy.api#range": {"min": 1}}},
    "ex#Tags": {"type": "list", "member": {"target": "smithy.api#String"},
                "traits": {"smithy.api#length": {"min": 1}}},
    "ex#Children": {"type": "map", "key": {"target": "smithy.api#String"},
                    "value": {"target": "ex#Node"}},
    "ex#Other": {"type": "structure", "members": {"Name": {"target": "ex#Name"}}}
  }
}"##;

    #[test]
    fn plans_botocores_checks_through_members_items_values_and_recursion() {
        let model = crate::load_smithy(SourceFile {
            name: "m.json",
            text: MODEL,
        })
        .unwrap();
        let names = crate::passes::naming::assign(&model).unwrap();
        let plan = plan(&model, &names).unwrap();
        let node = ShapeId::new("ex", "Node");
        assert_eq!(
            plan.structures.keys().collect::<Vec<_>>(),
            [&node],
            "Other is reached through a union only"
        );
        let (function, members) = &plan.structures[&node];
        assert_eq!(function.to_string(), "check_node");
        let checks: Vec<(&str, &Check)> = members
            .iter()
            .map(|m| (m.member.as_str(), &m.check))
            .collect();
        let node_check = Check::Structure(function.clone());
        assert_eq!(
            checks,
            [
                (
                    "Name",
                    &Check::String {
                        min: 2,
                        is_enum: false
                    }
                ),
                (
                    "Size",
                    &Check::Number {
                        min: 1.0,
                        is_f64: false
                    }
                ),
                (
                    "Tags",
                    &Check::List {
                        min: Some(1),
                        items: None
                    }
                ),
                (
                    "Children",
                    &Check::Map {
                        values: Box::new(node_check.clone())
                    }
                ),
                ("Next", &node_check),
            ]
        );
    }
}
