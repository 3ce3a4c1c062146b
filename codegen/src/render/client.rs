//! The client: one method per operation returning a fluent builder, whose
//! `send()` serializes the input, sends it through the runtime and parses
//! the answer; paginated operations also get `into_paginator()`.

use proc_macro2::{Ident, TokenStream};
use quote::quote;

use crate::emit::Tokens;
use crate::ir::{Operation, ShapeId, ShapeKind};
use crate::render::docs::doc_attrs;
use crate::render::ident::ident;
use crate::render::Ctx;
use crate::{Error, Result};

/// `src/client.rs`.
pub fn render(ctx: &Ctx<'_>, crate_name: &str) -> Result<Tokens> {
    let service = &ctx.model.service;
    // What the client needs of the service and its protocol.
    let protocol = crate::protocols::for_service(service)?;
    let signing_name = protocol.signing_name(service);
    let endpoint_prefix = protocol.endpoint_prefix(service);
    let content_type: TokenStream = {
        let [content_type, _, _] = protocol.runtime_request_constants();
        let path: syn::Path = syn::parse_str(&format!("crate::{content_type}"))
            .map_err(|e| Error::new(format!("{content_type}: {e}")))?;
        quote!(#path)
    };
    let parse_error = protocol.error_document().parse;
    let service_id = service
        .sdk_id
        .clone()
        .unwrap_or_else(|| service.id.name.clone());
    // The codes of the error structures the model marks retryable.
    let mut retryable = std::collections::BTreeMap::new();
    for shape in ctx.model.shapes.values() {
        if let (Some(_), Some(r)) = (shape.error, shape.retryable) {
            retryable.insert(protocol.error_code(shape), r.throttling);
        }
    }
    let retryable = retryable.iter().map(|(code, throttling)| {
        quote!(crate::runtime::client::RetryableError { code: #code, throttling: #throttling },)
    });
    let title = service.title.as_deref().unwrap_or(&service.id.name);
    let client_doc = crate::render::docs::lines_to_attrs(&format!(
        "A client for {title}: one method per operation of this crate.\n\n\
         Cheap to clone: clones share the connection pool and configuration.\n\n{}",
        crate::render::crate_docs::client_example(ctx, crate_name)?
    ));
    let mut methods = Vec::new();
    let mut items = Vec::new();
    let mut markers = Vec::new();
    for op in ctx.model.operations.values() {
        let (method, item, marker) = operation(ctx, op)?;
        methods.push(method);
        items.push(item);
        markers.extend(marker);
    }
    let head = quote! {
        //! The client: one method per operation, returning a builder of the
        //! request whose `send()` sends it.

        /// The service and its wire protocol, as the client needs them (a
        /// `const`, so that its error parser is compiled only where used).
        const SERVICE: crate::runtime::client::Service = crate::runtime::client::Service {
            signing_name: #signing_name,
            endpoint_prefix: #endpoint_prefix,
            service_id: #service_id,
            content_type: #content_type,
            crate_id: ::std::concat!(::std::env!("CARGO_PKG_NAME"), "/", ::std::env!("CARGO_PKG_VERSION")),
            parse_error: #parse_error,
            retryable_errors: &[#(#retryable)*],
        };

        #client_doc
        #[derive(::std::clone::Clone, ::std::fmt::Debug)]
        pub struct Client {
            handle: crate::runtime::client::Handle,
        }

        impl Client {
            /// A client with this configuration.
            pub fn new(config: crate::runtime::client::Config) -> Self {
                Client { handle: crate::runtime::client::Handle::new(config, &SERVICE) }
            }

            /// A builder of a client: set the endpoint, region and
            /// credentials (any setting of [`Config`](crate::runtime::client::Config)),
            /// then `build()` it.
            pub fn builder() -> crate::runtime::client::ClientBuilder<Client> {
                crate::runtime::client::ClientBuilder::new()
            }

            /// A client configured from the environment: the region, the
            /// endpoint and the credentials as the AWS CLI finds them
            /// (environment variables, then the shared config and
            /// credentials files, `AWS_PROFILE`).
            pub fn from_env() -> ::std::result::Result<Self, crate::runtime::client::ConfigError> {
                ::std::result::Result::Ok(Self::new(crate::runtime::client::Config::from_env()?))
            }

            /// The configuration.
            pub fn config(&self) -> &crate::runtime::client::Config {
                self.handle.config()
            }

            #(#methods)*
        }

        /// The client that a fluent builder holds, for the operation `Op`:
        /// the builder of an input is generic over what it holds, and each
        /// operation's fluent builder is its input's builder holding a
        /// `Sender` of its own kind, so that two operations with one input
        /// structure each have their own `send()`.
        pub struct Sender<Op> {
            client: Client,
            operation: ::std::marker::PhantomData<fn() -> Op>,
        }

        impl<Op> Sender<Op> {
            #[inline]
            fn new(client: Client) -> Self {
                Sender { client, operation: ::std::marker::PhantomData }
            }
        }

        impl<Op> ::std::clone::Clone for Sender<Op> {
            #[inline]
            fn clone(&self) -> Self {
                Sender::new(::std::clone::Clone::clone(&self.client))
            }
        }

        impl<Op> ::std::ops::Deref for Sender<Op> {
            type Target = Client;

            #[inline]
            fn deref(&self) -> &Client {
                &self.client
            }
        }

        /// The operations, as types: each marks its fluent builder's
        /// [`Sender`].
        pub mod operations {
            #(#markers)*
        }

        impl ::std::convert::From<crate::runtime::client::Config> for Client {
            fn from(config: crate::runtime::client::Config) -> Self {
                Client::new(config)
            }
        }
    };
    Ok(Tokens { head, items })
}

/// The client's method of an operation, its fluent builder (an alias of its
/// input's builder holding a [`Sender`], or a struct of its own if it has no
/// input), and the type that marks it in `operations`.
fn operation(
    ctx: &Ctx<'_>,
    op: &Operation,
) -> Result<(TokenStream, TokenStream, Option<TokenStream>)> {
    let names = ctx.operation(&op.id)?;
    let method = ident(&names.method)?;
    let fluent = ident(&names.fluent)?;
    let action = &op.id.name;
    let fn_name = ident(&names.function)?;
    let docs = doc_attrs(op.docs.as_deref(), &format!("The `{action}` operation."));
    let output_ty = match &op.output {
        Some(id) => ctx.value_type(id)?,
        None => quote!(()),
    };
    let send_doc = " Sends the request. The input is built, checked and serialized when `send` is \
         called: an error there comes from the future's first poll, with nothing sent.";
    let fluent_doc = format!(
        " A `{action}` request being built: set its members, then [`send`]({fluent}::send) it."
    );
    // An operation that declares errors fails with its error enum.
    let (error_ty, call_fn, send_call) = match ctx.names.error_enum(&op.id) {
        Some(names) => {
            let name = ident(&names.name)?;
            (
                quote!(crate::runtime::operation::Error<crate::errors::#name>),
                quote!(crate::runtime::operation::call_modeled),
                quote!(::std::boxed::Box::pin(async move {
                    self.send().await.map_err(::std::convert::Into::into)
                })),
            )
        }
        None => (
            quote!(crate::runtime::operation::Error),
            quote!(crate::runtime::operation::call),
            quote!(::std::boxed::Box::pin(self.send())),
        ),
    };

    let Some(input_id) = &op.input else {
        let method = quote! {
            #docs
            #[inline]
            pub fn #method(&self) -> #fluent {
                #fluent { client: ::std::clone::Clone::clone(self) }
            }
        };
        let item = quote! {
            #[doc = #fluent_doc]
            #[derive(::std::clone::Clone, ::std::fmt::Debug)]
            pub struct #fluent {
                pub(crate) client: Client,
            }
            impl #fluent {
                /// Sends the request.
                #[inline]
                pub fn send(self) -> impl ::std::future::Future<Output = ::std::result::Result<crate::runtime::operation::Response<#output_ty>, #error_ty>> {
                    let body = ::std::result::Result::Ok(crate::protocol::serialize::#fn_name());
                    #call_fn(self.client.handle, #action, body, crate::protocol::deserialize::#fn_name)
                }
            }
        };
        return Ok((method, item, None));
    };

    let input_name = ctx.type_ident(input_id)?;
    let builder = ctx.builder_ident(input_id)?;
    let ShapeKind::Structure(input) = &ctx.shape(input_id)?.kind else {
        return Err(
            Error::new("an operation input must be a structure").at(format!("shape {input_id}"))
        );
    };
    let input_required = input.members.iter().any(|m| m.required);
    let marker = ident(&names.marker)?;
    let body = request_body(ctx, input_id, input_required, &fn_name);
    let paginator = paginator(ctx, op, &fluent, &body)?;
    let waiters = waiters(ctx, op, &fluent)?;
    // Paginators and waiters see the fluent builder through `Call`.
    let call = (op.paginator.is_some() || !op.waiters.is_empty()).then(|| {
        let input_ty = quote!(crate::types::#input_name);
        let input = if input_required {
            quote!(::std::clone::Clone::clone(self).build())
        } else {
            quote!(::std::result::Result::Ok(
                ::std::clone::Clone::clone(self).build()
            ))
        };
        quote! {
            impl crate::runtime::operation::Call for #fluent {
                type Input = #input_ty;
                type Output = #output_ty;
                const OPERATION: &'static str = #action;

                #[inline]
                fn input(&self) -> ::std::result::Result<Self::Input, crate::runtime::BuildError> {
                    #input
                }

                #[inline]
                fn send_call(self) -> crate::runtime::operation::CallFuture<Self::Output> {
                    #send_call
                }
            }
        }
    });
    let method = quote! {
        #docs
        #[inline]
        pub fn #method(&self) -> #fluent {
            crate::types::#builder::with_client(Sender::new(::std::clone::Clone::clone(self)))
        }
    };
    let marker_doc =
        format!(" Marks the fluent builder of `{action}`: [`{fluent}`](super::{fluent}).");
    let item = quote! {
        #[doc = #fluent_doc]
        pub type #fluent = crate::types::#builder<Sender<operations::#marker>>;

        impl #fluent {
            #[doc = #send_doc]
            #[inline]
            pub fn send(self) -> impl ::std::future::Future<Output = ::std::result::Result<crate::runtime::operation::Response<#output_ty>, #error_ty>> {
                let handle = ::std::clone::Clone::clone(&self.client.handle);
                let body = #body;
                #call_fn(handle, #action, body, crate::protocol::deserialize::#fn_name)
            }
        }

        #call
        #paginator
        #waiters
    };
    let marker = quote! {
        #[doc = #marker_doc]
        pub enum #marker {}
    };
    Ok((method, item, Some(marker)))
}

/// The request body that a fluent builder's `send` and `send_streaming`
/// give the runtime (where `handle` is the client's handle and `self` the
/// builder): its input built (`required`: the input has required members,
/// so building it can fail), checked against the model's constraints
/// (unless the configuration turns checks off) and serialized, or why not.
fn request_body(ctx: &Ctx<'_>, input: &ShapeId, required: bool, serialize: &Ident) -> TokenStream {
    let build = if required {
        quote!(self.build())
    } else {
        quote!(::std::result::Result::Ok(self.build()))
    };
    let check = match ctx.plans.constraints.input_check(input) {
        Some(check) => quote!(::std::option::Option::Some(crate::constraints::#check)),
        None => quote!(::std::option::Option::None),
    };
    quote! {
        crate::runtime::operation::body(&handle, #build, #check, crate::protocol::serialize::#serialize)
    }
}

/// `into_paginator()` and the `Paginated` implementation of a paginated
/// operation, from its plan (`passes::paginators`).
/// `body` is the request's body, as `send` has it.
fn paginator(
    ctx: &Ctx<'_>,
    op: &Operation,
    fluent: &Ident,
    body: &TokenStream,
) -> Result<TokenStream> {
    let Some(p) = ctx.plans.paginators.get(&op.id) else {
        return Ok(quote!());
    };
    let token_setter = &p.token_setter;
    let token_field = &p.token_field;
    let next_token = if p.token_required {
        quote!(::std::option::Option::Some(output.#token_field.as_str()))
    } else {
        quote!(output.#token_field.as_deref())
    };
    let (items, items_field, item_ty) = (&p.items, &p.items_field, &p.item_type);
    let take_items = if p.items_required {
        quote!(output.#items_field)
    } else {
        quote!(output.#items_field.unwrap_or_default())
    };
    let items_mut = if p.items_required {
        quote!(&mut output.#items_field)
    } else {
        quote!(output.#items_field.get_or_insert_with(::std::vec::Vec::new))
    };
    let with_page_size = p.page_size_field.as_ref().map(|setter| {
        quote! {
            #[inline]
            fn with_page_size(self, size: i32) -> ::std::option::Option<Self> {
                ::std::option::Option::Some(self.#setter(size))
            }
        }
    });
    let action = &op.id.name;
    let doc = format!(
        " Pages through the results: [`next_page`](crate::runtime::paginator::Paginator::next_page) \
         gives one `{action}` answer at a time, [`items`](crate::runtime::paginator::Paginator::items) \
         their `{items}` one by one; both are also `Stream`s. Paging stops when `{}` is absent or empty, \
         or at [`max_items`](crate::runtime::paginator::Paginator::max_items).",
        p.output_token
    );
    let (send_streaming, streaming_hooks) =
        crate::render::stream::fluent_methods(ctx, op, p, body)?;
    Ok(quote! {
        impl #fluent {
            #[doc = #doc]
            #[inline]
            pub fn into_paginator(self) -> crate::runtime::paginator::Paginator<Self> {
                crate::runtime::paginator::Paginator::new(self)
            }

            #send_streaming
        }

        impl crate::runtime::paginator::Paginated for #fluent {
            type Item = #item_ty;

            #[inline]
            fn with_token(self, token: ::std::option::Option<::std::string::String>) -> Self {
                self.#token_setter(token)
            }

            #[inline]
            fn next_token(output: &Self::Output) -> ::std::option::Option<&str> {
                #next_token
            }

            #[inline]
            fn items(output: Self::Output) -> ::std::vec::Vec<Self::Item> {
                #take_items
            }

            #[inline]
            fn items_mut(output: &mut Self::Output) -> &mut ::std::vec::Vec<Self::Item> {
                #items_mut
            }

            #with_page_size
            #streaming_hooks
        }
    })
}

/// The `wait_until_*` methods of an operation's fluent builder, one per
/// waiter of the operation.
fn waiters(ctx: &Ctx<'_>, op: &Operation, fluent: &Ident) -> Result<TokenStream> {
    let mut methods = Vec::new();
    for name in op.waiters.keys() {
        let method = ident(ctx.names.waiter_method(&op.id, name)?)?;
        let waiter = crate::render::waiters::const_name(name)?;
        let doc = format!(
            " Calls `{}` with this input until the [`{name}`](crate::waiters::{waiter}) waiter \
             succeeds, fails or times out. The model's delays and attempts are the defaults; set \
             `.max_attempts(..)`, `.delay(..)` or `.max_wait(..)` if need be, then `.await` it.",
            op.id.name
        );
        methods.push(quote! {
            #[doc = #doc]
            #[inline]
            pub fn #method(self) -> crate::runtime::operation::Wait<Self> {
                crate::runtime::operation::Wait::new(self, &crate::waiters::#waiter)
            }
        });
    }
    if methods.is_empty() {
        return Ok(quote!());
    }
    Ok(quote! {
        impl #fluent {
            #(#methods)*
        }
    })
}
