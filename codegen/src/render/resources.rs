//! boto3-style resources (`client.image("ami-...")`): a handle holding the
//! identifiers, the resource's data loaded lazily through its `load`
//! request, one async getter per attribute, its actions as fluent builders
//! with the identifiers already bound, and its waiters.
//!
//! Everything is resolved against the model by `passes::resources`; this
//! module emits its [`ResourcePlan`]s. Actions and waiters whose operations
//! are not among the configured ones were left out there.
//!
//! Operations that return a resource (boto3's service actions, such as
//! `RegisterImage`, and any operation whose output is just the identifier
//! member of a resource, such as `CopyImage`) get a `send_for_<resource>()`
//! method on their fluent builder. So do the operations of resource actions
//! whose returned resources take their identifiers from the request
//! (`Image.CreateTags` giving one `Tag` per tag sent): those are read from
//! the input before it is sent.

use proc_macro2::{Ident, TokenStream};
use quote::quote;

use crate::passes::resources::{
    Binds, CreatedIds, CreatorPlan, DataPlan, IdFrom, RequestCreatorPlan, ResourcePlan,
    ResourceWaiterPlan, SetCall, Step, Value,
};
use crate::render::docs::doc_attrs;
use crate::render::Ctx;
use crate::Result;

/// `src/resources.rs`: the planned resources.
pub fn render(ctx: &Ctx<'_>) -> Result<TokenStream> {
    let items = ctx.plans.resources.iter().map(resource_item);
    Ok(quote! {
        //! Resources in the style of boto3's: a handle on one resource by
        //! its identifiers, its data loaded when first needed, its actions
        //! with the identifiers already bound.

        #(#items)*
    })
}

/// A bound value as an expression.
fn value(value: &Value) -> TokenStream {
    match value {
        Value::Identifier(field) => quote!(::std::clone::Clone::clone(&self.#field)),
        Value::Data(var) => quote!(#var),
        Value::Str(s) => quote!(#s),
        Value::Int(i) => quote!(#i),
        Value::Bool(b) => quote!(#b),
    }
}

/// The statements that read the bound data values (from `data`), then the
/// setter calls.
fn binds(binds: &Binds) -> (TokenStream, TokenStream) {
    let prelude = binds.data.iter().map(|d| {
        let (var, text) = (&d.var, &d.text);
        let expr = chain(quote!(::std::option::Option::Some(data)), &d.path, false);
        quote! {
            // The closure's type is written out: `operation::Error` is
            // generic (with a default), which an expression path does not
            // pick.
            let #var = ::std::clone::Clone::clone(#expr.ok_or_else(|| -> crate::runtime::operation::Error {
                crate::runtime::operation::Error::Incomplete {
                    operation: "load",
                    member: #text,
                    request_id: ::std::option::Option::None,
                }
            })?);
        }
    });
    let calls = binds.calls.iter().map(|call| match call {
        SetCall::Member { setter, value: v } => {
            let v = value(v);
            quote!(.#setter(#v))
        }
        SetCall::Item {
            setter,
            item_type,
            fields,
        } => {
            let setters = fields.iter().map(|(field, v)| {
                let v = value(v);
                quote!(.#field(#v))
            });
            quote!(.#setter(<#item_type>::builder() #(#setters)* .build()))
        }
    });
    (quote!(#(#prelude)*), quote!(#(#calls)*))
}

/// Follows a path from `expr`, an `Option` of a value, owned or borrowed
/// as `owned` says; gives an `Option` of the value at the end of the path.
fn chain(expr: TokenStream, path: &[Step], owned: bool) -> TokenStream {
    let mut expr = expr;
    for step in path {
        let f = &step.field;
        expr = match (owned, step.required) {
            (true, true) => quote!(#expr.map(|v| v.#f)),
            (true, false) => quote!(#expr.and_then(|v| v.#f)),
            (false, true) => quote!(#expr.map(|v| &v.#f)),
            (false, false) => quote!(#expr.and_then(|v| v.#f.as_ref())),
        };
        if step.boxed {
            expr = if owned {
                quote!(#expr.map(|b| *b))
            } else {
                quote!(#expr.map(|b| &**b))
            };
        }
        if step.first {
            expr = if owned {
                quote!(#expr.and_then(|l| l.into_iter().next()))
            } else {
                quote!(#expr.and_then(|l| l.first()))
            };
        }
    }
    expr
}

/// The data field, its initial value, and the data methods (`data`,
/// `load`, `reload`, `loaded` and the attribute getters).
fn data_items(r: &ResourcePlan, d: &DataPlan) -> (TokenStream, TokenStream, TokenStream) {
    let resource_name = &r.name;
    let shape_type = &d.shape_type;
    let method = &d.client_method;
    let (_, binds) = binds(&d.binds);
    let take = chain(quote!(::std::option::Option::Some(output)), &d.path, true);
    let first_id = r
        .ids
        .first()
        .map(|(_, f)| quote!(self.#f.clone()))
        .unwrap_or(quote!(::std::string::String::new()));
    let load_doc = format!(
        " Loads the data with `{}`, replacing any loaded before, and returns it. \
         [`Error::ResourceNotFound`](crate::runtime::operation::Error::ResourceNotFound) if the service does not return it.",
        d.operation
    );
    let getters = d.attributes.iter().map(|a| {
        let (field, ty) = (&a.field, &a.ty);
        let doc = format!(
            " The `{}` attribute (a copy of [`{}::{field}`](crate::types::{}::{field})), \
             loaded first if need be. To read several attributes of one load without copies, \
             take the data from [`load`](Self::load) and use its getters.",
            a.member, d.type_name, d.type_name,
        );
        // A copy, as boto3 gives: no borrow of the handle outlives the call.
        let returns = if a.required {
            quote!(#ty)
        } else {
            quote!(::std::option::Option<#ty>)
        };
        quote! {
            #[doc = #doc]
            pub async fn #field(&mut self) -> ::std::result::Result<#returns, crate::runtime::operation::Error> {
                ::std::result::Result::Ok(::std::clone::Clone::clone(&self.loaded().await?.#field))
            }
        }
    });
    let field = quote!(data: ::std::option::Option<#shape_type>,);
    let init = quote!(data: ::std::option::Option::None,);
    let items = quote! {
        /// The data loaded so far, if any.
        pub fn data(&self) -> ::std::option::Option<&#shape_type> {
            self.data.as_ref()
        }

        #[doc = #load_doc]
        pub async fn load(&mut self) -> ::std::result::Result<&#shape_type, crate::runtime::operation::Error> {
            let output = self.client.#method() #binds .send().await?.into_output();
            let found = #take;
            match found {
                ::std::option::Option::Some(data) => ::std::result::Result::Ok(self.data.insert(data)),
                ::std::option::Option::None => ::std::result::Result::Err(crate::runtime::operation::Error::ResourceNotFound {
                    resource: #resource_name,
                    id: #first_id,
                }),
            }
        }

        /// Loads the data again: the same as [`load`](Self::load).
        pub async fn reload(&mut self) -> ::std::result::Result<&#shape_type, crate::runtime::operation::Error> {
            self.load().await
        }

        /// The data, loaded first if it has not been.
        async fn loaded(&mut self) -> ::std::result::Result<&#shape_type, crate::runtime::operation::Error> {
            if self.data.is_none() {
                self.load().await?;
            }
            self.data.as_ref().ok_or_else(|| crate::runtime::operation::Error::ResourceNotFound {
                resource: #resource_name,
                id: #first_id,
            })
        }

        #(#getters)*
    };
    (field, init, items)
}

fn resource_item(r: &ResourcePlan) -> TokenStream {
    let name = &r.type_ident;
    let resource_name = &r.name;
    let constructor = &r.constructor;
    let id_fields: Vec<&Ident> = r.ids.iter().map(|(_, f)| f).collect();
    let docs = doc_attrs(
        r.docs.as_deref(),
        &format!("The `{resource_name}` resource."),
    );
    let about = crate::render::docs::lines_to_attrs(&about(r));

    // The constructor on the client, by identifiers.
    let ctor_doc = format!(
        " The `{resource_name}` with these identifiers. Nothing is requested until its data is needed."
    );
    let id_params = id_fields
        .iter()
        .map(|f| quote!(#f: impl ::std::convert::Into<::std::string::String>));
    let id_inits = id_fields.iter().map(|f| quote!(#f: #f.into()));
    let id_getters = r.ids.iter().map(|(id, f)| {
        let doc = format!(" The `{id}` identifier.");
        quote! {
            #[doc = #doc]
            pub fn #f(&self) -> &str {
                &self.#f
            }
        }
    });

    let (data_field, data_init, data_items) = match &r.data {
        Some(d) => data_items(r, d),
        None => (quote!(), quote!(), quote!()),
    };

    // Actions: the operation's fluent builder with the identifiers bound.
    // As in boto3, an action drops the loaded data: the next attribute read
    // loads it again, so that it shows what the action changed.
    let cached = r.data.is_some();
    let (drop_data, drop_doc) = if cached {
        (
            quote!(self.data = ::std::option::Option::None;),
            " The data loaded so far is dropped, as boto3 does after an action: the next attribute read loads it again.",
        )
    } else {
        (quote!(), "")
    };
    let receiver = if cached {
        quote!(&mut self)
    } else {
        quote!(&self)
    };
    let actions = r.actions.iter().map(|a| {
        let (method, client_method, fluent) = (&a.method, &a.client_method, &a.fluent);
        let (prelude, calls) = binds(&a.binds);
        if a.binds.needs_data() {
            let doc = format!(
                " The `{}` request for this {resource_name}, its parameters already set from its \
                 identifiers and data (loaded first if need be): set the rest, then `send()` it.",
                a.operation
            );
            quote! {
                #[doc = #doc]
                #[doc = ""]
                #[doc = #drop_doc]
                pub async fn #method(&mut self) -> ::std::result::Result<crate::client::#fluent, crate::runtime::operation::Error> {
                    let data = self.loaded().await?;
                    #prelude
                    #drop_data
                    ::std::result::Result::Ok(self.client.#client_method() #calls)
                }
            }
        } else {
            let doc = format!(
                " The `{}` request for this {resource_name}, its identifiers already set: set the rest, then `send()` it.",
                a.operation
            );
            let doc_drop = cached.then(|| quote!(#[doc = ""] #[doc = #drop_doc]));
            let doc_returns = a.returns.as_ref().map(|(send_for, made)| {
                let doc = format!(
                    " boto3's `{}` returns the {made} resources it makes: \
                     [`{send_for}`](crate::client::{fluent}::{send_for}) sends the request and \
                     returns them as [`{made}`] handles, made from the request sent.",
                    rules_snake(&a.name)
                );
                quote!(#[doc = ""] #[doc = #doc])
            });
            quote! {
                #[doc = #doc]
                #doc_returns
                #doc_drop
                pub fn #method(#receiver) -> crate::client::#fluent {
                    #drop_data
                    self.client.#client_method() #calls
                }
            }
        }
    });

    let waiters = r.waiters.iter().map(|w| waiter(r, w));
    let subresources = &r.subresources;
    let creators = r.creators.iter().map(|c| creator(r, c));
    let request_creators = r.request_creators.iter().map(|c| request_creator(r, c));
    quote! {
        #docs
        #[doc = ""]
        #about
        #[derive(::std::clone::Clone, ::std::fmt::Debug)]
        pub struct #name {
            client: crate::client::Client,
            #(#id_fields: ::std::string::String,)*
            #data_field
        }

        impl crate::client::Client {
            #[doc = #ctor_doc]
            pub fn #constructor(&self, #(#id_params),*) -> #name {
                #name {
                    client: ::std::clone::Clone::clone(self),
                    #(#id_inits,)*
                    #data_init
                }
            }
        }

        impl #name {
            #(#id_getters)*
            #data_items
            #(#actions)*
            #(#waiters)*

            /// The names of the sub-resources this resource has (boto3's
            /// `get_available_subresources`).
            pub fn get_available_subresources(&self) -> &'static [&'static str] {
                &[#(#subresources),*]
            }
        }

        #(#creators)*
        #(#request_creators)*
    }
}

/// What a resource's page says besides the model's docs: what it is (and
/// that the structure of the same name is its data), how to get one, what
/// it caches.
fn about(r: &ResourcePlan) -> String {
    let name = &r.name;
    let ctor = &r.constructor;
    let ids: Vec<String> = r.ids.iter().map(|(id, _)| format!("`{id}`")).collect();
    let mut text = format!(
        "boto3's `{name}` resource: a handle on one {name} by its identifiers ({}), with the \
         requests that concern it.",
        ids.join(", ")
    );
    if let Some(d) = &r.data {
        text.push_str(&format!(
            " Its data is a [`types::{t}`](crate::types::{t}), not to be confused with this handle.",
            t = d.type_name
        ));
    }
    text.push_str(&format!(
        "\n\nGet one with [`Client::{ctor}`](crate::client::Client::{ctor}) (nothing is requested)"
    ));
    let creators: Vec<String> = r
        .creators
        .iter()
        .map(|c| (&c.operation, &c.method, &c.fluent))
        .chain(
            r.request_creators
                .iter()
                .map(|c| (&c.operation, &c.method, &c.fluent)),
        )
        .map(|(operation, method, fluent)| {
            format!("`{operation}`'s [`{method}`](crate::client::{fluent}::{method})")
        })
        .collect();
    if creators.is_empty() {
        text.push('.');
    } else {
        text.push_str(&format!(
            ", or from the request that makes it: {} instead of `send()`.",
            creators.join(", ")
        ));
    }
    if let Some(d) = &r.data {
        text.push_str(&format!(
            "\n\nCaching: the data is loaded with `{}` by [`load`](Self::load) (which returns \
             it: read several attributes through its getters), or by the first attribute read, \
             and kept in the handle until [`reload`](Self::reload) or an action, which drops it \
             as boto3 does; the attribute methods return copies.",
            d.operation
        ));
    }
    text
}

/// `send_for_<resource>()` on the fluent builder of an operation that
/// returns the resource.
fn creator(r: &ResourcePlan, c: &CreatorPlan) -> TokenStream {
    let (name, constructor, resource_name) = (&r.type_ident, &r.constructor, &r.name);
    let (fluent, method, action, path) = (&c.fluent, &c.method, &c.operation, &c.path_text);
    let (returns, make) = match &c.ids {
        CreatedIds::One(path_steps) => {
            let id = chain(
                quote!(::std::option::Option::Some(output)),
                path_steps,
                true,
            );
            let make = quote! {
                let request_id = response.request_id().map(::std::string::ToString::to_string);
                let output = response.into_output();
                match #id {
                    ::std::option::Option::Some(id) => ::std::result::Result::Ok(client.#constructor(id)),
                    ::std::option::Option::None => ::std::result::Result::Err(crate::runtime::operation::Error::Incomplete {
                        operation: #action,
                        member: #path,
                        request_id,
                    }),
                }
            };
            (quote!(#name), make)
        }
        CreatedIds::Many { list, id } => {
            let items = chain(quote!(::std::option::Option::Some(output)), list, true);
            let id = chain(quote!(::std::option::Option::Some(item)), id, true);
            let make = quote! {
                let output = response.into_output();
                ::std::result::Result::Ok(
                    #items.into_iter().flatten().filter_map(|item| #id).map(|id| client.#constructor(id)).collect(),
                )
            };
            (quote!(::std::vec::Vec<#name>), make)
        }
    };
    let doc = format!(
        " Sends the request and returns the [`{resource_name}`] it made, by its \
         identifier at `{path}` in the answer (its data not loaded yet)."
    );
    quote! {
        impl crate::client::#fluent {
            #[doc = #doc]
            pub async fn #method(self) -> ::std::result::Result<#returns, crate::runtime::operation::Error> {
                let client = ::std::clone::Clone::clone(&*self.client);
                let response = self.send().await?;
                #make
            }
        }
    }
}

/// The snake-case name boto3 gives an action (`create_tags`).
fn rules_snake(action: &str) -> String {
    crate::passes::naming::rules::snake(action, &[])
}

/// `send_for_<resource>()` on the fluent builder of an operation whose
/// resource actions return resources made from the request: the
/// identifiers are read from the input before it is sent (an identifier
/// missing is an [`Error::Build`](crate::runtime::operation::Error::Build)
/// and nothing is sent), then the request is sent.
fn request_creator(r: &ResourcePlan, c: &RequestCreatorPlan) -> TokenStream {
    let (name, constructor, resource_name) = (&r.type_ident, &r.constructor, &r.name);
    let (fluent, method) = (&c.fluent, &c.method);
    let read = |expr: TokenStream, path: &[Step], shape: &str, member: &str| {
        let found = chain(expr, path, false);
        quote! {
            ::std::clone::Clone::clone(#found.ok_or_else(|| -> crate::runtime::operation::Error {
                crate::runtime::operation::Error::Build(crate::runtime::BuildError::missing(#shape, #member))
            })?)
        }
    };
    let vars: Vec<Ident> = (0..c.ids.len())
        .map(|n| quote::format_ident!("id_{n}"))
        .collect();
    let mut shared = Vec::new();
    let mut per_item = Vec::new();
    for (var, id) in vars.iter().zip(&c.ids) {
        match &id.from {
            IdFrom::Input(path) => {
                let value = read(
                    quote!(::std::option::Option::Some(&input)),
                    path,
                    &id.shape,
                    &id.member,
                );
                shared.push(quote!(let #var: ::std::string::String = #value;));
            }
            IdFrom::Item(path) => {
                let value = read(
                    quote!(::std::option::Option::Some(item)),
                    path,
                    &id.shape,
                    &id.member,
                );
                per_item.push(quote!(let #var: ::std::string::String = #value;));
            }
        }
    }
    let args = vars.iter().map(|v| quote!(::std::clone::Clone::clone(&#v)));
    let (returns, make) = match &c.list {
        Some((list, _)) => {
            let items = chain(quote!(::std::option::Option::Some(&input)), list, false);
            (
                quote!(::std::vec::Vec<#name>),
                quote! {
                    #items.into_iter().flatten().map(|item| {
                        #(#per_item)*
                        ::std::result::Result::Ok(client.#constructor(#(#args),*))
                    }).collect::<::std::result::Result<::std::vec::Vec<_>, crate::runtime::operation::Error>>()?
                },
            )
        }
        None => (quote!(#name), quote!(client.#constructor(#(#args),*))),
    };
    let what = match &c.list {
        Some((_, list)) => format!("one [`{resource_name}`] per item of `{list}` sent"),
        None => format!("the [`{resource_name}`] it made"),
    };
    let actions = c
        .actions
        .iter()
        .map(|a| format!("`{a}`"))
        .collect::<Vec<_>>()
        .join(", ");
    let doc = format!(
        " Sends the request and returns {what}, its identifiers read from the request \
         (its data not loaded yet), as boto3's resource actions {actions} return. An identifier missing from the \
         request is an [`Error::Build`](crate::runtime::operation::Error::Build), and nothing is sent."
    );
    quote! {
        impl crate::client::#fluent {
            #[doc = #doc]
            pub async fn #method(self) -> ::std::result::Result<#returns, crate::runtime::operation::Error> {
                let client = ::std::clone::Clone::clone(&*self.client);
                let input = ::std::clone::Clone::clone(&self)
                    .build()
                    .map_err(|e| -> crate::runtime::operation::Error {
                        crate::runtime::operation::Error::Build(e)
                    })?;
                #(#shared)*
                let made = #make;
                self.send().await?;
                ::std::result::Result::Ok(made)
            }
        }
    }
}

/// A resource waiter: the operation's waiter with the identifiers bound
/// (`image.wait_until_exists()`).
fn waiter(r: &ResourcePlan, w: &ResourceWaiterPlan) -> TokenStream {
    let (method, client_method, fluent, op_waiter) =
        (&w.method, &w.client_method, &w.fluent, &w.fluent_method);
    let (_, binds) = binds(&w.binds);
    let doc = format!(
        " Waits until the `{}` waiter succeeds for this {}, with the model's delays and \
         attempts unless `.max_attempts(..)`, `.delay(..)` or `.max_wait(..)` say otherwise; \
         `.await` it.",
        w.waiter, r.name
    );
    quote! {
        #[doc = #doc]
        pub fn #method(&self) -> crate::runtime::operation::Wait<crate::client::#fluent> {
            self.client.#client_method() #binds .#op_waiter()
        }
    }
}
