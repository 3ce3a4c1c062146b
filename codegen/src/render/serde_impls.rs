//! `Serialize` and `Deserialize` of the structures and unions, with
//! boto3's names (the model's member names), for the `serde` feature.
//!
//! They live out of line, in a module that only the feature compiles
//! (`src/types/serde_impls.rs`): a build without the feature then does not
//! read them at all, where `cfg_attr`s on every field of every structure
//! would be evaluated by each derive of the structure (a tenth of a whole
//! service's type checking). Each impl is serde's `remote` derive over a
//! mirror of the type's public fields, and two one-line impls that call it,
//! written once, as the runtime's `serde_remote!` macro: they were half the
//! module, which the generator formats and the compiler reads.

use proc_macro2::TokenStream;
use quote::quote;

use crate::emit::Tokens;
use crate::ir::{Shape, ShapeKind, Structure};
use crate::render::{Ctx, NamedMember};
use crate::Result;

/// The module of every structure's and union's serde impls, in shape id
/// order.
pub fn render(ctx: &Ctx<'_>) -> Result<Tokens> {
    let mut items = Vec::new();
    for shape in ctx.model.shapes.values() {
        match &shape.kind {
            ShapeKind::Structure(_) => items.push(structure(ctx, shape)?),
            ShapeKind::Union(s) => items.push(union(ctx, shape, s)?),
            _ => {}
        }
    }
    let head = quote! {
        //! `Serialize` and `Deserialize` for every structure and union, with
        //! boto3's field names: serde's `remote` derive over a mirror of
        //! each type's fields. The mirrors are never built (`dead_code`),
        //! and repeat the names and field types of public types, which
        //! clippy exempts from the other lints allowed here.
        #![allow(
            dead_code,
            clippy::box_collection,
            clippy::enum_variant_names,
            clippy::option_option,
            clippy::redundant_allocation,
            clippy::upper_case_acronyms,
            clippy::vec_box
        )]
    };
    Ok(Tokens { head, items })
}

/// The mirror of a structure: its fields, each renamed to its member's
/// name; an optional member is left out when unset, and may be absent
/// (serde reads a missing `Option` as `None`).
fn structure(ctx: &Ctx<'_>, shape: &Shape) -> Result<TokenStream> {
    let name = ctx.type_ident(&shape.id)?;
    let mut fields = Vec::new();
    for NamedMember { member, field, .. } in ctx.members(&shape.id)? {
        let ty = ctx.field_type(&shape.id, member)?;
        let wire = &member.name;
        let attr = if member.required {
            quote!(#[serde(rename = #wire)])
        } else {
            quote!(#[serde(rename = #wire, skip_serializing_if = "::std::option::Option::is_none")])
        };
        fields.push(quote! { #attr #field: #ty, });
    }
    Ok(remote(&name, quote!(struct #name { #(#fields)* })))
}

/// The mirror of a union: a variant per member, renamed to the member's
/// name; `Unknown` is never written nor read.
fn union(ctx: &Ctx<'_>, shape: &Shape, s: &Structure) -> Result<TokenStream> {
    let name = ctx.type_ident(&shape.id)?;
    let mut variants = Vec::new();
    for (i, member) in s.members.iter().enumerate() {
        let variant = ctx.variant_ident(&shape.id, i)?;
        let ty = ctx.variant_type(&shape.id, member)?;
        let wire = &member.name;
        variants.push(quote! { #[serde(rename = #wire)] #variant(#ty), });
    }
    Ok(remote(
        &name,
        quote!(enum #name { #(#variants)* #[serde(skip)] Unknown, }),
    ))
}

/// `mirror`, derived as serde's remote of `crate::types::#name`, and the
/// impls of `crate::types::#name` that call it (the runtime's
/// `serde_remote!`).
fn remote(name: &proc_macro2::Ident, mirror: TokenStream) -> TokenStream {
    let path = format!("crate::types::{name}");
    quote! {
        #[derive(::serde::Serialize, ::serde::Deserialize)]
        #[serde(remote = #path)]
        #mirror
        crate::runtime::serde_remote!(#name);
    }
}
