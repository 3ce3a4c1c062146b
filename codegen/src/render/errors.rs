//! `src/errors.rs`: the error enum of every operation that declares errors.
//!
//! `CreateUserError` has one variant per error structure the operation
//! declares, holding the structure (parsed from the error document) and the
//! answer's code, message, request id and HTTP status (the runtime's
//! `operation::ErrorMeta`), and `Unmodeled` for the codes the model does
//! not declare. The enum implements the runtime's `ModeledError`, so the
//! operation fails with `operation::Error<CreateUserError>`. Which code picks which variant is the
//! protocol's answer ([`WireProtocol::error_code`]); the names are the
//! symbol table's.

use proc_macro2::TokenStream;
use quote::quote;

use crate::ir::Operation;
use crate::passes::naming::errors::UNMODELED;
use crate::protocols::{self, WireProtocol};
use crate::render::docs::doc_attrs;
use crate::render::ident::ident;
use crate::render::Ctx;
use crate::Result;

/// True if some operation declares errors (the crate then has the module).
pub fn has_errors(ctx: &Ctx<'_>) -> bool {
    ctx.model
        .operations
        .values()
        .any(|op| !op.errors.is_empty())
}

/// `src/errors.rs`.
pub fn render(ctx: &Ctx<'_>) -> Result<TokenStream> {
    let p = protocols::for_service(&ctx.model.service)?;
    let mut items = Vec::new();
    for op in ctx.model.operations.values() {
        if !op.errors.is_empty() {
            items.push(error_enum(ctx, p, op)?);
        }
    }
    Ok(quote! {
        //! The errors of the operations that declare them: one enum per
        //! operation, with a variant per declared error holding its
        //! structure, and `Unmodeled` for any other code.

        #(#items)*
    })
}

fn error_enum(ctx: &Ctx<'_>, p: &dyn WireProtocol, op: &Operation) -> Result<TokenStream> {
    let names = ctx.names.required_error_enum(&op.id)?;
    let name = ident(&names.name)?;
    let unmodeled = ident(UNMODELED)?;
    let action = &op.id.name;
    let meta_ty = quote!(crate::runtime::operation::ErrorMeta);
    let mut variants = Vec::new();
    let mut arms = Vec::new();
    let mut patterns = Vec::new();
    for (id, variant) in &names.variants {
        let shape = ctx.shape(id)?;
        let variant = ident(variant)?;
        let ty = ctx.value_type(id)?;
        let code = p.error_code(shape);
        let docs = doc_attrs(shape.docs.as_deref(), &format!("The `{code}` error."));
        let parser = ident(ctx.names.error_parser(id)?)?;
        variants.push(quote! {
            #docs
            #variant {
                /// The error's structure, as the error document gives it.
                error: #ty,
                /// The code, message, request id and HTTP status.
                meta: #meta_ty,
            },
        });
        arms.push(quote! {
            #code => match crate::protocol::deserialize::errors::#parser(body) {
                ::std::result::Result::Ok(error) => #name::#variant { error, meta },
                ::std::result::Result::Err(_) => #name::#unmodeled { meta },
            },
        });
        patterns.push(quote!(#name::#variant { meta, .. }));
    }
    patterns.push(quote!(#name::#unmodeled { meta }));
    let doc = format!(
        " An error answer to `{action}`: one of the errors the operation declares, or another code."
    );
    Ok(quote! {
        #[doc = #doc]
        #[derive(::std::clone::Clone, ::std::fmt::Debug, ::std::cmp::PartialEq)]
        #[non_exhaustive]
        pub enum #name {
            #(#variants)*
            /// A code the model does not declare for this operation (or an
            /// error document whose structure could not be read).
            #unmodeled {
                /// The code, message, request id and HTTP status.
                meta: #meta_ty,
            },
        }

        impl #name {
            /// The error code (`NoSuchEntity`).
            pub fn code(&self) -> &str {
                &crate::runtime::operation::ModeledError::meta(self).code
            }

            /// The message, if the service sent one.
            pub fn message(&self) -> ::std::option::Option<&str> {
                crate::runtime::operation::ModeledError::meta(self).message.as_deref()
            }

            /// The request id, if the service sent one.
            pub fn request_id(&self) -> ::std::option::Option<&str> {
                crate::runtime::operation::ModeledError::meta(self).request_id.as_deref()
            }

            /// The HTTP status of the answer.
            pub fn status(&self) -> u16 {
                crate::runtime::operation::ModeledError::meta(self).status
            }
        }

        impl crate::runtime::operation::ModeledError for #name {
            fn from_answer(meta: #meta_ty, body: &[u8]) -> Self {
                match meta.code.as_str() {
                    #(#arms)*
                    _ => #name::#unmodeled { meta },
                }
            }

            fn meta(&self) -> &#meta_ty {
                match self {
                    #(#patterns)|* => meta,
                }
            }

            fn into_meta(self) -> #meta_ty {
                match self {
                    #(#patterns)|* => meta,
                }
            }
        }

        impl ::std::fmt::Display for #name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                ::std::fmt::Display::fmt(crate::runtime::operation::ModeledError::meta(self), f)
            }
        }

        impl ::std::error::Error for #name {}
    })
}
