//! `src/constraints.rs`: the checks of inputs against the model's
//! constraints, one function per checked structure, from the constraint
//! plan (`passes::constraints`).

use proc_macro2::{Literal, TokenStream};
use quote::quote;

use crate::passes::constraints::{Check, MemberCheck};
use crate::render::Ctx;
use crate::Result;

/// True if some input has checks (the module exists only then).
pub fn has_checks(ctx: &Ctx<'_>) -> bool {
    !ctx.plans.constraints.structures.is_empty()
}

/// The module.
pub fn render(ctx: &Ctx<'_>) -> Result<TokenStream> {
    let mut functions = Vec::new();
    for (id, (function, members)) in &ctx.plans.constraints.structures {
        let ty = ctx.value_type(id)?;
        let checks = members.iter().map(member);
        functions.push(quote! {
            #[inline]
            pub(crate) fn #function(
                v: &#ty,
                path: &crate::runtime::validate::Path<'_>,
                errors: &mut crate::runtime::validate::ValidationError,
            ) {
                #(#checks)*
            }
        });
    }
    Ok(quote! {
        //! The checks of inputs against the model's least lengths and values,
        //! made before a request is sent (see
        //! `ConfigBuilder::parameter_validation`).

        #(#functions)*
    })
}

fn member(m: &MemberCheck) -> TokenStream {
    let (field, name) = (&m.field, &m.member);
    let check = value(&m.check);
    let path = quote!(let path = &crate::runtime::validate::Path::Member(path, #name););
    if m.required {
        quote! {{ #path let x = &v.#field; #check }}
    } else {
        quote! {
            if let ::std::option::Option::Some(x) = &v.#field { #path #check }
        }
    }
}

/// The check of the value `x` at `path`.
fn value(check: &Check) -> TokenStream {
    match check {
        Check::String { min, is_enum } => {
            let min = Literal::u64_unsuffixed(*min);
            let text = if *is_enum {
                quote!(x.as_str())
            } else {
                quote!(x)
            };
            quote!(errors.min_length(path, #text.chars().count(), #min);)
        }
        Check::Number { min, is_f64 } => {
            let min = Literal::f64_suffixed(*min);
            let x = if *is_f64 {
                quote!(*x)
            } else {
                quote!(*x as f64)
            };
            quote!(errors.min_value(path, #x, #min);)
        }
        Check::List { min, items } => {
            let length = min.map(|min| {
                let min = Literal::u64_unsuffixed(min);
                quote!(errors.min_length(path, x.len(), #min);)
            });
            let items = items.as_deref().map(|item| {
                let item = value(item);
                quote! {
                    for (i, x) in x.iter().enumerate() {
                        let path = &crate::runtime::validate::Path::Index(path, i);
                        #item
                    }
                }
            });
            quote!(#length #items)
        }
        Check::Map { values } => {
            let value = value(values);
            quote! {
                for (key, x) in x {
                    let path = &crate::runtime::validate::Path::Key(path, key);
                    #value
                }
            }
        }
        Check::Structure(function) => quote!(crate::constraints::#function(x, path, errors);),
    }
}
