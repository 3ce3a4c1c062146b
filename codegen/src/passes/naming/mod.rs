//! The symbol table: every Rust name the generated code declares for a model
//! element, assigned once, here, and read by the renderers through total,
//! typed lookups that name the model place when a name is missing.
//!
//! The policy:
//! - **Case.** Types, fluent builders and variants are the `UpperCamelCase`
//!   of the model name; fields, methods and functions its `snake_case`
//!   (`x86_64_mac` -> `X8664Mac`, `ImageId` -> `image_id`).
//! - **Reserved names, per container.** Each container of the generated API
//!   declares names of its own ([`rules`] lists them): a structure
//!   `builder` (beside its getters, named like its fields: a getter that
//!   hits it gets `_`); a structure's builder `build` and the `set_*`
//!   setters, a list's `set_*_from` among them (numbered on a clash, never
//!   renaming a member); an operation's fluent builder `send`,
//!   `as_input`, `into_paginator`, the `wait_until_*` methods and the `set_*`
//!   setters (on every fluent builder, so that adding a paginator or a waiter
//!   to the model renames nothing); the client `new`, `builder`, `from_env`, `config`
//!   and one constructor per resource; an enum `Unknown`, `VALUES`, `as_str`,
//!   `value`; a union `Unknown`. A member's names are the same in every
//!   container it appears in (its structure, the builder, the fluent builder
//!   of an operation it is the input of), so they avoid the reserved names of
//!   all of them. Fields and methods are apart in Rust: a field `builder`
//!   sits beside `Foo::builder()`.
//! - **One rule for keywords and reserved names.** A name that is a keyword
//!   or reserved in its container gets a suffix: `_` for `snake_case` names
//!   (`type` -> `type_`, `Send` -> `send_`, `SetFoo` -> `set_foo_`, an
//!   operation `New` -> client method `new_`), `Value` for `UpperCamelCase`
//!   ones (`Self` -> `SelfValue`, an enum value `Unknown` -> `UnknownValue`).
//!   Setters keep the plain name after `set_` (`set_type`, `set_send`).
//! - **A leading digit gets a letter**: `v` for `snake_case` names (`3d` ->
//!   `v3d`; the setter stays `set_3d`), `V` for `UpperCamelCase` ones
//!   (`2xlarge` -> `V2xlarge`).
//! - **Members and enum values that still collide are renamed
//!   deterministically**: the later one in model order gets the first free
//!   numeric suffix (members `Value`, `VALUE` -> `value`, `value_2`; `self`,
//!   `Self` -> `self_`, `self_2`; values `foo-bar`, `FooBar` -> `FooBar`,
//!   `FooBar2`). Services add members and values all the time; that must
//!   never break generation, and since they are appended, an existing name
//!   stays.
//! - **Nested collections are named**: a list or map that is the member of
//!   a list or the value of a map gets a type alias named like a type
//!   (`pub type StringLists = Vec<StringList>`), so no type is spelled with
//!   more than one level of `Vec` or `HashMap`.
//! - **Other collisions are errors** naming the model place and the other
//!   owner: two shapes giving the same type, a shape named like another's
//!   builder (`FooBuilder` beside `Foo`), two operations giving the same
//!   method, two shapes giving the same protocol function. Renaming a type
//!   silently would change the public API when the model changes.

mod api;
pub mod errors;
pub mod rules;
#[cfg(test)]
mod tests;
mod types;

use std::collections::BTreeMap;

use crate::ir::{Model, ShapeId};
use crate::{Error, Result};

/// The Rust names of a model: its symbol table.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Names {
    types: BTreeMap<ShapeId, TypeNames>,
    aliases: BTreeMap<ShapeId, String>,
    operations: BTreeMap<ShapeId, OperationNames>,
    functions: BTreeMap<(ShapeId, FnKind), String>,
    errors: BTreeMap<ShapeId, String>,
    error_enums: BTreeMap<ShapeId, errors::ErrorEnumNames>,
    constructors: BTreeMap<String, String>,
}

/// The names of a structure, union or enum.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TypeNames {
    /// The type (`Image`).
    pub name: String,
    /// A structure's builder type (`ImageBuilder`).
    pub builder: Option<String>,
    /// A structure's members, in member order.
    pub members: Vec<MemberNames>,
    /// The variants of an enum or union, in member order.
    pub variants: Vec<String>,
}

/// The Rust names of one structure member.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MemberNames {
    /// The member's name in the model (`ImageId`).
    pub member: String,
    /// The field, and the builder methods that set it (`image_id`, `type_`).
    pub field: String,
    /// The `set_*` setter, which replaces the whole value (`set_type`).
    pub setter: String,
    /// The structure's getter (`image_id()`): the field's name, unless a
    /// method of the structure has it (`builder` -> `builder_`).
    pub getter: String,
    /// A list member's setter from any iterator (`set_image_ids_from`),
    /// which replaces the whole list.
    pub from_setter: Option<String>,
}

/// The Rust names of one operation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OperationNames {
    /// The client's method (`describe_images`).
    pub method: String,
    /// The fluent builder type (`DescribeImagesFluentBuilder`): an alias
    /// of the input's builder holding a client.
    pub fluent: String,
    /// The type that marks the operation in its fluent builder's type
    /// (`client::operations::DescribeImages`), so that two operations with
    /// one input shape have fluent builders of their own.
    pub marker: String,
    /// The serializer's and the deserializer's function (`describe_images`).
    pub function: String,
    /// The serializer with a token source (`..._with_token_source`).
    pub with_token_source: String,
    /// The fluent builder's waiter methods, by waiter name
    /// (`ImageAvailable` -> `wait_until_image_available`).
    pub waiters: BTreeMap<String, String>,
}

/// The protocol functions of a shape.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum FnKind {
    /// Its serializer (`ser_filter`), for structures, unions, lists and maps.
    Ser,
    /// Its parser (`de_image`), for structures, unions, lists and maps.
    De,
    /// The parser of one entry of a map (`de_entry_tag_map`).
    DeEntry,
    /// The check of a structure against the model's constraints
    /// (`check_register_image_request`), in the `validate` module.
    Check,
}

/// Names every type, member, variant, operation and protocol function of
/// the model.
pub fn assign(model: &Model) -> Result<Names> {
    assign_with_resources(model, &[])
}

/// Like [`assign`], for a crate that also has these resources, whose
/// constructors are methods of the client.
pub fn assign_with_resources(model: &Model, resources: &[String]) -> Result<Names> {
    let (types, aliases) = types::assign(model)?;
    let client = api::client(model, resources)?;
    let functions = api::functions(model, &types, &client.operations)?;
    Ok(Names {
        types,
        aliases,
        operations: client.operations,
        functions: functions.shapes,
        errors: functions.errors,
        error_enums: errors::assign(model)?,
        constructors: client.constructors,
    })
}

impl Names {
    /// The names of a structure, union or enum.
    pub fn type_names(&self, id: &ShapeId) -> Result<&TypeNames> {
        self.types
            .get(id)
            .ok_or_else(|| Error::new("has no Rust type name").at(format!("shape {id}")))
    }

    /// The type name of a structure, union or enum.
    pub fn type_name(&self, id: &ShapeId) -> Result<&str> {
        Ok(&self.type_names(id)?.name)
    }

    /// The type alias of a list or map held by another list or map.
    pub fn alias(&self, id: &ShapeId) -> Option<&str> {
        self.aliases.get(id).map(String::as_str)
    }

    /// The builder type name of a structure.
    pub fn builder_name(&self, id: &ShapeId) -> Result<&str> {
        self.type_names(id)?.builder.as_deref().ok_or_else(|| {
            Error::new("is not a structure: it has no builder").at(format!("shape {id}"))
        })
    }

    /// The names of a structure's member, by position.
    pub fn member(&self, id: &ShapeId, index: usize) -> Result<&MemberNames> {
        self.type_names(id)?.members.get(index).ok_or_else(|| {
            Error::new(format!("has no member number {index} with a Rust name"))
                .at(format!("shape {id}"))
        })
    }

    /// The names of a structure's member, by its model name.
    pub fn member_by_name(&self, id: &ShapeId, member: &str) -> Result<&MemberNames> {
        self.type_names(id)?
            .members
            .iter()
            .find(|m| m.member == member)
            .ok_or_else(|| {
                Error::new(format!("has no member `{member}` with a Rust name"))
                    .at(format!("shape {id}"))
            })
    }

    /// The variant of an enum value or union member, by position.
    pub fn variant(&self, id: &ShapeId, index: usize) -> Result<&str> {
        self.type_names(id)?
            .variants
            .get(index)
            .map(String::as_str)
            .ok_or_else(|| {
                Error::new(format!("has no variant number {index}")).at(format!("shape {id}"))
            })
    }

    /// The names of an operation.
    pub fn operation(&self, id: &ShapeId) -> Result<&OperationNames> {
        self.operations
            .get(id)
            .ok_or_else(|| Error::new("has no Rust names").at(format!("operation {id}")))
    }

    /// The fluent builder's method of one of an operation's waiters.
    pub fn waiter_method(&self, op: &ShapeId, waiter: &str) -> Result<&str> {
        self.operation(op)?
            .waiters
            .get(waiter)
            .map(String::as_str)
            .ok_or_else(|| {
                Error::new("has no Rust method").at(format!("operation {op}, waiter {waiter}"))
            })
    }

    /// A protocol function of a shape.
    pub fn function(&self, id: &ShapeId, kind: FnKind) -> Result<&str> {
        self.functions
            .get(&(id.clone(), kind))
            .map(String::as_str)
            .ok_or_else(|| {
                Error::new(format!("has no {kind:?} function")).at(format!("shape {id}"))
            })
    }

    /// The parser of an operation error in the `errors` module.
    pub fn error_parser(&self, id: &ShapeId) -> Result<&str> {
        self.errors.get(id).map(String::as_str).ok_or_else(|| {
            Error::new("is no operation's error: it has no parser").at(format!("shape {id}"))
        })
    }

    /// The client's constructor of a resource.
    pub fn resource_constructor(&self, resource: &str) -> Result<&str> {
        self.constructors
            .get(resource)
            .map(String::as_str)
            .ok_or_else(|| Error::new("has no constructor").at(format!("resource {resource}")))
    }

    /// Every type name, by shape.
    pub fn types(&self) -> impl Iterator<Item = (&ShapeId, &TypeNames)> {
        self.types.iter()
    }
}
