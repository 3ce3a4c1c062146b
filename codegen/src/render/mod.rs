//! Pure functions from the IR to token streams, one module per concern.

pub mod client;
pub mod constraints;
pub mod crate_docs;
pub mod crate_files;
pub mod deserialize;
pub mod docs;
pub mod enums;
pub mod errors;
pub mod getters;
pub mod ident;
pub mod resources;
pub mod serde_impls;
pub mod serialize;
pub mod stream;
pub mod structures;
pub mod waiters;

use proc_macro2::{Delimiter, Group, Ident, TokenStream};
use quote::quote;

use crate::ir::{Member, Model, Shape, ShapeId, ShapeKind, SimpleType};
use crate::passes::boxing::Boxed;
use crate::passes::naming::{FnKind, MemberNames, Names, OperationNames};
use crate::passes::plans::Plans;
use crate::{Error, Result};

/// Everything a renderer needs: the (sliced) model and the results of the
/// passes.
pub struct Ctx<'a> {
    /// The model being rendered.
    pub model: &'a Model,
    /// The symbol table: every Rust name of the crate.
    pub names: &'a Names,
    /// Members that must be boxed.
    pub boxed: &'a Boxed,
    /// The plans of waiters, resources and paginators (empty while the
    /// plans themselves are computed).
    pub plans: Plans,
}

impl<'a> Ctx<'a> {
    /// Looks a shape up, or fails naming the referrer.
    pub fn shape(&self, id: &ShapeId) -> Result<&'a Shape> {
        self.model
            .shape(id)
            .ok_or_else(|| Error::new(format!("shape {id} is not in the model")))
    }

    /// The type name identifier of a structure, union or enum.
    pub fn type_ident(&self, id: &ShapeId) -> Result<Ident> {
        ident::ident(self.names.type_name(id)?)
    }

    /// The Rust type of a value of the target shape, as used in a field
    /// (before `Option` and `Box`).
    ///
    /// Bounded: lists and maps nested deeper than the validation pass allows
    /// (or in a cycle with no structure) are an error, never an unbounded
    /// recursion.
    pub fn value_type(&self, target: &ShapeId) -> Result<TokenStream> {
        self.value_type_at(target, 0)
    }

    fn value_type_at(&self, target: &ShapeId, depth: usize) -> Result<TokenStream> {
        if depth > crate::passes::validate::MAX_COLLECTION_DEPTH {
            return Err(Error::new(format!(
                "lists and maps are nested deeper than {}, or contain themselves with no structure in between",
                crate::passes::validate::MAX_COLLECTION_DEPTH
            ))
            .at(format!("shape {target}")));
        }
        let shape = self.shape(target)?;
        Ok(match &shape.kind {
            ShapeKind::Structure(_)
            | ShapeKind::Union(_)
            | ShapeKind::Enum(_)
            | ShapeKind::IntEnum(_) => {
                let name = self.type_ident(target)?;
                quote!(crate::types::#name)
            }
            ShapeKind::List(member) => {
                let inner = self.element_type(&member.target, depth)?;
                quote!(::std::vec::Vec<#inner>)
            }
            ShapeKind::Map { key, value } => {
                let k = self.value_type_at(&key.target, depth + 1)?;
                let v = self.element_type(&value.target, depth)?;
                quote!(::std::collections::HashMap<#k, #v>)
            }
            ShapeKind::Simple(simple) => simple_type(*simple)
                .ok_or_else(|| {
                    Error::new(format!("{} shapes are not supported yet", simple.name()))
                })
                .map_err(|e| e.at(format!("shape {target}")))?,
        })
    }

    /// The type of a list's member or a map's value: the alias of a nested
    /// list or map (see the naming pass), else its value type.
    fn element_type(&self, target: &ShapeId, depth: usize) -> Result<TokenStream> {
        match self.names.alias(target) {
            Some(alias) => {
                let alias = ident::ident(alias)?;
                Ok(quote!(crate::types::#alias))
            }
            None => self.value_type_at(target, depth + 1),
        }
    }

    /// The full type of a structure member's field: boxed where recursion
    /// needs it, wrapped in `Option` unless required.
    pub fn field_type(&self, owner: &ShapeId, member: &Member) -> Result<TokenStream> {
        let mut ty = self.variant_type(owner, member)?;
        if !member.required {
            ty = quote!(::std::option::Option<#ty>);
        }
        Ok(ty)
    }

    /// A top-level member of a structure, by its model name, with its Rust
    /// field and `set_*` setter names.
    pub fn member(&self, shape: &ShapeId, name: &str) -> Result<NamedMember<'a>> {
        let ShapeKind::Structure(s) = &self.shape(shape)?.kind else {
            return Err(Error::new(format!("{shape} is not a structure")));
        };
        let member = s.members.iter().find(|m| m.name == name).ok_or_else(|| {
            Error::new(format!(
                "`{name}` is not a member of {shape} (only top-level members are supported)"
            ))
        })?;
        named(member, self.names.member_by_name(shape, name)?)
    }

    /// Every member of a structure, in member order, with its Rust names.
    /// The type a member holds, boxed if it is on a cycle or large: a
    /// union's variant, or a structure's field before its `Option`.
    pub fn variant_type(&self, owner: &ShapeId, member: &Member) -> Result<TokenStream> {
        let ty = self
            .value_type(&member.target)
            .map_err(|e| e.at(format!("shape {owner}, member {}", member.name)))?;
        Ok(if self.is_boxed(owner, member) {
            quote!(::std::boxed::Box<#ty>)
        } else {
            ty
        })
    }

    pub fn members(&self, shape: &ShapeId) -> Result<Vec<NamedMember<'a>>> {
        let ShapeKind::Structure(s) = &self.shape(shape)?.kind else {
            return Err(Error::new(format!("{shape} is not a structure")));
        };
        s.members
            .iter()
            .enumerate()
            .map(|(i, member)| {
                let names = self.names.member(shape, i)?;
                if names.member != member.name {
                    return Err(Error::new("the symbol table does not match the model")
                        .at(format!("shape {shape}, member {}", member.name)));
                }
                named(member, names)
            })
            .collect()
    }

    /// The variant identifier of an enum value or union member, by position.
    pub fn variant_ident(&self, shape: &ShapeId, index: usize) -> Result<Ident> {
        ident::ident(self.names.variant(shape, index)?)
    }

    /// The builder type identifier of a structure.
    pub fn builder_ident(&self, id: &ShapeId) -> Result<Ident> {
        ident::ident(self.names.builder_name(id)?)
    }

    /// The identifier of a shape's protocol function.
    pub fn fn_ident(&self, id: &ShapeId, kind: FnKind) -> Result<Ident> {
        ident::ident(self.names.function(id, kind)?)
    }

    /// The names of an operation.
    pub fn operation(&self, op: &ShapeId) -> Result<&OperationNames> {
        self.names.operation(op)
    }

    /// True if the member is boxed to break a cycle.
    pub fn is_boxed(&self, owner: &ShapeId, member: &Member) -> bool {
        self.boxed.contains(&(owner.clone(), member.name.clone()))
    }
}

/// A structure member found by name, with its Rust names.
pub struct NamedMember<'a> {
    /// The member.
    pub member: &'a Member,
    /// Its field (and fluent setter) name.
    pub field: Ident,
    /// Its `set_*` setter name.
    pub setter: Ident,
    /// Its getter on the structure.
    pub getter: Ident,
    /// A list member's setter from any iterator.
    pub from_setter: Option<Ident>,
}

fn named<'a>(member: &'a Member, names: &MemberNames) -> Result<NamedMember<'a>> {
    Ok(NamedMember {
        member,
        field: ident::ident(&names.field)?,
        setter: ident::ident(&names.setter)?,
        getter: ident::ident(&names.getter)?,
        from_setter: names.from_setter.as_deref().map(ident::ident).transpose()?,
    })
}

/// `{ items }`, as one group. `quote!` copies every top-level token of a
/// stream it interpolates (an allocation per identifier), but shares a
/// group's: a long body (a structure's fields, an impl's methods) is
/// interpolated as a group, not as a stream of its items.
pub fn braced(items: impl IntoIterator<Item = TokenStream>) -> Group {
    Group::new(Delimiter::Brace, items.into_iter().collect())
}

/// The Rust type of a simple shape; `None` for types not supported yet.
fn simple_type(simple: SimpleType) -> Option<TokenStream> {
    Some(match simple {
        // Big numbers keep their exact text: no lossy conversion.
        SimpleType::String | SimpleType::BigInteger | SimpleType::BigDecimal => {
            quote!(::std::string::String)
        }
        SimpleType::Boolean => quote!(bool),
        SimpleType::Byte => quote!(i8),
        SimpleType::Short => quote!(i16),
        SimpleType::Integer => quote!(i32),
        SimpleType::Long => quote!(i64),
        SimpleType::Float => quote!(f32),
        SimpleType::Double => quote!(f64),
        SimpleType::Timestamp => quote!(crate::runtime::DateTime),
        SimpleType::Blob => quote!(::std::vec::Vec<u8>),
        SimpleType::Document => return None,
    })
}
