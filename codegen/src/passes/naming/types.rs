//! Names of the data types: each structure, union and enum, the builder of
//! each structure, the fields and setters of its members, the variants of
//! enums and unions.

use std::collections::{BTreeMap, BTreeSet};

use crate::ir::{Model, ShapeId, ShapeKind, Structure};
use crate::Result;

use super::rules::{self, Reserved, Scope};
use super::{MemberNames, TypeNames};

/// Names every structure, union and enum of the model, and the alias of
/// every list or map held by another list or map, in the `types` module's
/// one namespace.
pub fn assign(model: &Model) -> Result<(BTreeMap<ShapeId, TypeNames>, BTreeMap<ShapeId, String>)> {
    // Structures that are an operation's input: their members are also
    // methods of the operation's fluent builder.
    let inputs: BTreeSet<&ShapeId> = model
        .operations
        .values()
        .filter_map(|op| op.input.as_ref())
        .collect();
    let mut module = Scope::default();
    let mut out = BTreeMap::new();
    for (id, shape) in &model.shapes {
        let place = || format!("shape {id}");
        let type_name = || -> Result<String> { rules::checked(rules::camel(&id.name, &[]), place) };
        let names = match &shape.kind {
            ShapeKind::Structure(s) => {
                let name = type_name()?;
                let containers: &[&Reserved<'_>] = if inputs.contains(id) {
                    &[&rules::STRUCT_BUILDER, &rules::FLUENT_BUILDER]
                } else {
                    &[&rules::STRUCT_BUILDER]
                };
                TypeNames {
                    builder: Some(format!("{name}Builder")),
                    members: members(model, id, s, containers)?,
                    variants: Vec::new(),
                    name,
                }
            }
            ShapeKind::Union(s) => TypeNames {
                name: type_name()?,
                builder: None,
                members: Vec::new(),
                variants: variants(s.members.iter().map(|m| m.name.as_str()), &rules::UNION),
            },
            ShapeKind::Enum(values) => TypeNames {
                name: type_name()?,
                builder: None,
                members: Vec::new(),
                variants: variants(values.iter().map(|v| v.name.as_str()), &rules::ENUM),
            },
            ShapeKind::IntEnum(values) => TypeNames {
                name: type_name()?,
                builder: None,
                members: Vec::new(),
                variants: variants(values.iter().map(|v| v.name.as_str()), &rules::ENUM),
            },
            ShapeKind::List(_) | ShapeKind::Map { .. } | ShapeKind::Simple(_) => continue,
        };
        module.declare(&names.name, format!("shape {id}"), place)?;
        if let Some(builder) = &names.builder {
            module.declare(builder, format!("the builder of shape {id}"), place)?;
        }
        out.insert(id.clone(), names);
    }
    let mut aliases = BTreeMap::new();
    for id in nested_collections(model) {
        let place = || format!("shape {id}");
        let name = rules::checked(rules::camel(&id.name, &[]), place)?;
        module.declare(&name, format!("the alias of shape {id}"), place)?;
        aliases.insert(id.clone(), name);
    }
    Ok((out, aliases))
}

/// The lists and maps that are the member of a list or the value of a map.
/// Each gets a type alias, so that a collection type is spelled with one
/// level of `Vec` or `HashMap` around a named type: the generated code then
/// grows linearly with the nesting depth of the model, not with its square.
fn nested_collections(model: &Model) -> BTreeSet<&ShapeId> {
    let is_collection = |id: &ShapeId| {
        model
            .shape(id)
            .is_some_and(|s| matches!(s.kind, ShapeKind::List(_) | ShapeKind::Map { .. }))
    };
    model
        .shapes
        .values()
        .filter_map(|shape| match &shape.kind {
            ShapeKind::List(member) => Some(&member.target),
            ShapeKind::Map { value, .. } => Some(&value.target),
            _ => None,
        })
        .filter(|target| is_collection(target))
        .collect()
}

/// The fields and setters of a structure's members. A member's names are
/// the same in every container it appears in (the structure, its builder,
/// a fluent builder), so they avoid the reserved names of all of them.
///
/// Members whose names still collide (`Value` and `VALUE`, `self` and
/// `Self`) are told apart like enum values: the later one in model order
/// gets the first free numeric suffix (`value_2`, `set_value_2`), so that a
/// member the service adds never breaks generation nor renames an earlier
/// one.
fn members(
    model: &Model,
    id: &ShapeId,
    s: &Structure,
    containers: &[&Reserved<'_>],
) -> Result<Vec<MemberNames>> {
    // The methods of the builders: the reserved ones, then each member's
    // field-named method and setter.
    let mut methods = Scope::with(containers);
    // The structure's own methods: `builder()` and the getters.
    let mut getters = Scope::with(&[&rules::STRUCTURE]);
    let mut out = Vec::with_capacity(s.members.len());
    for member in &s.members {
        let place = || format!("shape {id}, member {}", member.name);
        let owner = || format!("member {}", member.name);
        let mut field = rules::snake(&member.name, containers);
        let mut setter = rules::setter(&member.name);
        let base_field = field.trim_end_matches('_').to_string();
        let base_setter = setter.clone();
        let mut n = 2;
        while !methods.is_free(&field) || !methods.is_free(&setter) {
            field = format!("{base_field}_{n}");
            setter = format!("{base_setter}_{n}");
            n += 1;
        }
        let field = rules::checked(field, place)?;
        let setter = rules::checked(setter, place)?;
        methods.declare(&field, owner(), place)?;
        methods.declare(&setter, owner(), place)?;
        // The names below come after the member's own, so that they never
        // rename a field: a clash gets them the first free number.
        let from_setter = if is_list(model, &member.target) {
            let base = rules::from_setter(&setter);
            let name = first_free(&methods, &base);
            let name = rules::checked(name, place)?;
            methods.declare(&name, owner(), place)?;
            Some(name)
        } else {
            None
        };
        let mut getter = field.clone();
        if !getters.is_free(&getter) {
            getter.push('_');
        }
        let getter = rules::checked(first_free(&getters, &getter), place)?;
        getters.declare(&getter, owner(), place)?;
        out.push(MemberNames {
            member: member.name.clone(),
            field,
            setter,
            getter,
            from_setter,
        });
    }
    Ok(out)
}

/// True if the shape is a list.
fn is_list(model: &Model, id: &ShapeId) -> bool {
    model
        .shape(id)
        .is_some_and(|s| matches!(s.kind, ShapeKind::List(_)))
}

/// `base`, or `base_2`, `base_3`... the first one free in `scope`.
fn first_free(scope: &Scope, base: &str) -> String {
    let mut name = base.to_string();
    let mut n = 2;
    while !scope.is_free(&name) {
        name = format!("{base}_{n}");
        n += 1;
    }
    name
}

/// The variants of an enum or union, in member order. Values that still
/// collide after the rules (`foo-bar` and `FooBar`) are renamed: the later
/// one gets the first free numeric suffix (`FooBar2`), so that a value the
/// service adds never breaks generation nor renames an earlier variant.
pub fn variants<'a>(
    members: impl Iterator<Item = &'a str>,
    reserved: &Reserved<'_>,
) -> Vec<String> {
    let mut used: BTreeSet<String> = reserved.names.iter().map(|n| n.to_string()).collect();
    let mut out = Vec::new();
    for member in members {
        let mut name = rules::camel(member, &[reserved]);
        if name.is_empty() {
            name = "Empty".to_string();
        }
        if !crate::render::ident::is_identifier(&name) {
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
