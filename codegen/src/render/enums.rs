//! String enums and int enums.
//!
//! Every enum is `#[non_exhaustive]`, with one variant per model value and
//! an `Unknown` variant that keeps any other value unchanged, so that a value
//! the service adds later never fails a parse and round-trips.

use proc_macro2::TokenStream;
use quote::quote;

use crate::emit::Tokens;
use crate::ir::{Shape, ShapeKind};
use crate::render::docs::{doc_attrs, to_markdown};
use crate::render::Ctx;
use crate::Result;

/// Renders every enum and int enum of the model, in shape id order.
pub fn render(ctx: &Ctx<'_>) -> Result<Tokens> {
    let mut items = Vec::new();
    for shape in ctx.model.shapes.values() {
        match &shape.kind {
            ShapeKind::Enum(values) => {
                let values: Vec<_> = values
                    .iter()
                    .map(|v| (v.value.as_str(), v.docs.as_deref()))
                    .collect();
                items.push(string_enum(ctx, shape, &values)?);
            }
            ShapeKind::IntEnum(values) => {
                let values: Vec<_> = values
                    .iter()
                    .map(|v| (v.value, v.docs.as_deref()))
                    .collect();
                items.push(int_enum(ctx, shape, &values)?);
            }
            _ => {}
        }
    }
    Ok(Tokens {
        head: TokenStream::new(),
        items,
    })
}

/// The doc of one variant: its wire value, then the model's docs.
fn variant_docs(value: &str, docs: Option<&str>) -> TokenStream {
    let mut text = format!("`{value}`");
    if let Some(markdown) = docs.map(to_markdown).filter(|m| !m.is_empty()) {
        text.push_str("\n\n");
        text.push_str(&markdown);
    }
    doc_attrs(None, &text)
}

/// The variants of the enum's values, in model order.
fn variant_idents(ctx: &Ctx<'_>, shape: &Shape, count: usize) -> Result<Vec<proc_macro2::Ident>> {
    (0..count)
        .map(|i| ctx.variant_ident(&shape.id, i))
        .collect()
}

fn string_enum(
    ctx: &Ctx<'_>,
    shape: &Shape,
    values: &[(&str, Option<&str>)],
) -> Result<TokenStream> {
    let name = ctx.type_ident(&shape.id)?;
    let docs = doc_attrs(
        shape.docs.as_deref(),
        &format!("The `{}` enum.", shape.id.name),
    );
    let variants = variant_idents(ctx, shape, values.len())?;
    let wire: Vec<&str> = values.iter().map(|(v, _)| *v).collect();
    let variant_docs = values.iter().map(|(v, d)| variant_docs(v, *d));
    Ok(quote! {
        #docs
        #[derive(::std::clone::Clone, ::std::cmp::PartialEq, ::std::cmp::Eq, ::std::cmp::PartialOrd, ::std::cmp::Ord, ::std::hash::Hash, ::std::fmt::Debug)]
        #[non_exhaustive]
        pub enum #name {
            #(#variant_docs #variants,)*
            /// A value this version of the crate does not know, kept unchanged.
            Unknown(crate::runtime::UnknownValue),
        }

        impl #name {
            /// Every value the model lists, in model order.
            pub const VALUES: &'static [&'static str] = &[#(#wire),*];

            /// The value as it is sent on the wire.
            #[inline]
            pub fn as_str(&self) -> &str {
                match self {
                    #(Self::#variants => #wire,)*
                    Self::Unknown(value) => value.as_str(),
                }
            }
        }

        impl ::std::convert::From<&str> for #name {
            #[inline]
            fn from(value: &str) -> Self {
                match value {
                    #(#wire => Self::#variants,)*
                    other => Self::Unknown(crate::runtime::UnknownValue::from_wire(other)),
                }
            }
        }

        crate::runtime::enums::string_enum_impls!(#name);
    })
}

fn int_enum(ctx: &Ctx<'_>, shape: &Shape, values: &[(i64, Option<&str>)]) -> Result<TokenStream> {
    let name = ctx.type_ident(&shape.id)?;
    let docs = doc_attrs(
        shape.docs.as_deref(),
        &format!("The `{}` enum.", shape.id.name),
    );
    let variants = variant_idents(ctx, shape, values.len())?;
    let wire: Vec<proc_macro2::Literal> = values
        .iter()
        .map(|(v, _)| proc_macro2::Literal::i64_unsuffixed(*v))
        .collect();
    let variant_docs = values.iter().map(|(v, d)| variant_docs(&v.to_string(), *d));
    Ok(quote! {
        #docs
        #[derive(::std::clone::Clone, ::std::marker::Copy, ::std::cmp::PartialEq, ::std::cmp::Eq, ::std::cmp::PartialOrd, ::std::cmp::Ord, ::std::hash::Hash, ::std::fmt::Debug)]
        #[cfg_attr(feature = "serde", derive(::serde::Serialize, ::serde::Deserialize), serde(from = "i64", into = "i64"))]
        #[non_exhaustive]
        pub enum #name {
            #(#variant_docs #variants,)*
            /// A value this version of the crate does not know, kept unchanged.
            Unknown(i64),
        }

        impl #name {
            /// Every value the model lists, in model order.
            pub const VALUES: &'static [i64] = &[#(#wire),*];

            /// The value as it is sent on the wire.
            #[inline]
            pub fn value(&self) -> i64 {
                match self {
                    #(Self::#variants => #wire,)*
                    Self::Unknown(value) => *value,
                }
            }
        }

        impl ::std::convert::From<i64> for #name {
            #[inline]
            fn from(value: i64) -> Self {
                match value {
                    #(#wire => Self::#variants,)*
                    other => Self::Unknown(other),
                }
            }
        }

        impl ::std::convert::From<#name> for i64 {
            #[inline]
            fn from(value: #name) -> Self {
                value.value()
            }
        }
    })
}
