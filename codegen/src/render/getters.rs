//! The getters of a structure, as in the AWS SDK for Rust: one per member,
//! borrowing its value in the form a caller wants (`Option<&str>` for an
//! optional string, a slice for a list, empty when the list is absent, a
//! copy of a number or boolean), so that `image.image_id()` replaces
//! `image.image_id.as_deref()` and `output.images()` needs no unwrapping.

use proc_macro2::TokenStream;
use quote::quote;

use crate::ir::{Shape, ShapeKind, SimpleType};
use crate::render::{Ctx, NamedMember};
use crate::Result;

/// The `impl` block of a structure's getters.
pub fn getters(ctx: &Ctx<'_>, shape: &Shape) -> Result<TokenStream> {
    let mut methods = Vec::new();
    for NamedMember {
        member,
        field,
        getter,
        ..
    } in ctx.members(&shape.id)?
    {
        let target = ctx.shape(&member.target)?;
        let boxed = ctx.is_boxed(&shape.id, member);
        let value = ctx.value_type(&member.target)?;
        let required = member.required;
        let (ty, body, note) = match &target.kind {
            _ if boxed => {
                if required {
                    (quote!(&#value), quote!(&self.#field), "")
                } else {
                    (
                        quote!(::std::option::Option<&#value>),
                        quote!(self.#field.as_deref()),
                        "",
                    )
                }
            }
            ShapeKind::List(item) => {
                let item = ctx.value_type(&item.target)?;
                let body = if required {
                    quote!(&self.#field)
                } else {
                    quote!(self.#field.as_deref().unwrap_or_default())
                };
                let note = if required {
                    ""
                } else {
                    " (empty if it is unset)"
                };
                (quote!(&[#item]), body, note)
            }
            ShapeKind::Simple(SimpleType::String) => {
                if required {
                    (quote!(&str), quote!(&self.#field), "")
                } else {
                    (
                        quote!(::std::option::Option<&str>),
                        quote!(self.#field.as_deref()),
                        "",
                    )
                }
            }
            ShapeKind::Simple(
                SimpleType::Boolean
                | SimpleType::Byte
                | SimpleType::Short
                | SimpleType::Integer
                | SimpleType::Long
                | SimpleType::Float
                | SimpleType::Double,
            ) => {
                if required {
                    (value.clone(), quote!(self.#field), "")
                } else {
                    (
                        quote!(::std::option::Option<#value>),
                        quote!(self.#field),
                        "",
                    )
                }
            }
            _ => {
                if required {
                    (quote!(&#value), quote!(&self.#field), "")
                } else {
                    (
                        quote!(::std::option::Option<&#value>),
                        quote!(self.#field.as_ref()),
                        "",
                    )
                }
            }
        };
        let doc = crate::render::docs::literal(&format!(" The `{}` member{note}.", member.name));
        let allow = crate::render::structures::allow_for(&getter);
        methods.push(quote! {
            #allow
            #[doc = #doc]
            #[inline]
            pub fn #getter(&self) -> #ty {
                #body
            }
        });
    }
    if methods.is_empty() {
        return Ok(quote!());
    }
    let name = ctx.type_ident(&shape.id)?;
    let methods = crate::render::braced(methods);
    Ok(quote!(impl #name #methods))
}
