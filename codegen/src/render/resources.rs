//! boto3-style resources (`client.image("ami-...")`): a handle holding the
//! identifiers, the resource's data loaded lazily through its `load`
//! request, one async getter per attribute, its actions as fluent builders
//! with the identifiers already bound, and its waiters.
//!
//! Operations that return a resource (boto3's service actions, such as
//! `RegisterImage`, and any operation whose output is just the identifier
//! member of a resource, such as `CopyImage`) get a `send_for_<resource>()`
//! method on their fluent builder.

use heck::ToSnakeCase;
use proc_macro2::{Ident, TokenStream};
use quote::quote;

use crate::ir::{
    Operation, ParamSource, Resource, ResourceModel, ResourceParam, ShapeId, ShapeKind,
};
use crate::render::client::{fluent_name, method_name};
use crate::render::docs::doc_attrs;
use crate::render::ident::{ident, is_keyword};
use crate::render::Ctx;
use crate::{Error, Result};

/// `src/resources.rs`: the named resources of `model`.
pub fn render(ctx: &Ctx<'_>, model: &ResourceModel, names: &[String]) -> Result<TokenStream> {
    let mut items = Vec::new();
    for name in names {
        let resource = model
            .resources
            .get(name)
            .ok_or_else(|| Error::new(format!("no resource named {name} in the resource model")))?;
        items.push(
            resource_item(ctx, model, resource).map_err(|e| e.at(format!("resource {name}")))?,
        );
    }
    Ok(quote! {
        //! Resources in the style of boto3's: a handle on one resource by
        //! its identifiers, its data loaded when first needed, its actions
        //! with the identifiers already bound.

        #(#items)*
    })
}

fn snake(name: &str) -> Result<Ident> {
    let mut s = name.to_snake_case();
    if is_keyword(&s) {
        s.push('_');
    }
    ident(&s)
}

/// The operation a request names, among the configured ones.
fn operation<'m>(ctx: &Ctx<'m>, name: &str) -> Result<&'m Operation> {
    ctx.model.operation_by_name(name).ok_or_else(|| {
        Error::new(format!(
            "names operation {name}, which is not among the configured operations"
        ))
    })
}

/// The calls that bind parameters on an operation's fluent builder.
fn bind(
    ctx: &Ctx<'_>,
    op: &Operation,
    params: &[ResourceParam],
    ids: &[(String, Ident)],
) -> Result<TokenStream> {
    let mut calls = Vec::new();
    for param in params {
        let value = match &param.source {
            ParamSource::Identifier(name) => {
                let field = ids
                    .iter()
                    .find(|(n, _)| n == name)
                    .map(|(_, f)| f)
                    .ok_or_else(|| Error::new(format!("binds unknown identifier {name}")))?;
                quote!(::std::clone::Clone::clone(&self.#field))
            }
            ParamSource::String(s) => quote!(#s),
            ParamSource::Integer(i) => quote!(#i),
            ParamSource::Boolean(b) => quote!(#b),
            other => {
                return Err(Error::new(format!(
                    "binds {} from {other:?}, which is not supported yet",
                    param.target
                )))
            }
        };
        // `Name`, `Name[0]` and `Name[]` all set (or append to) member Name.
        let member = param.target.trim_end_matches("[]").trim_end_matches("[0]");
        if member.contains(['.', '[']) {
            return Err(Error::new(format!(
                "binds the path {}, which is not supported yet",
                param.target
            )));
        }
        let input = op
            .input
            .as_ref()
            .ok_or_else(|| Error::new(format!("operation {} has no input to bind", op.id.name)))?;
        let setter = ctx.member(input, member)?.field;
        calls.push(quote!(.#setter(#value)));
    }
    Ok(quote!(#(#calls)*))
}

/// `Member[0]` or `Member` of an output: the expression taking it out of
/// `output` as an `Option` of the resource's shape.
fn take_path(ctx: &Ctx<'_>, output: &ShapeId, path: &str) -> Result<TokenStream> {
    let (member, first) = match path.strip_suffix("[0]") {
        Some(member) => (member, true),
        None => (path, false),
    };
    if member.contains(['.', '[']) {
        return Err(Error::new(format!("the path {path} is not supported yet")));
    }
    let found = ctx.member(output, member)?;
    let (field, required) = (found.field, found.member.required);
    Ok(match (first, required) {
        (true, false) => quote!(output.#field.and_then(|items| items.into_iter().next())),
        (true, true) => quote!(output.#field.into_iter().next()),
        (false, false) => quote!(output.#field),
        (false, true) => quote!(::std::option::Option::Some(output.#field)),
    })
}

fn resource_item(ctx: &Ctx<'_>, model: &ResourceModel, r: &Resource) -> Result<TokenStream> {
    let name = ident(&r.name)?;
    let resource_name = &r.name;
    let constructor = snake(&r.name)?;
    let ids: Vec<(String, Ident)> = r
        .identifiers
        .iter()
        .map(|i| Ok((i.name.clone(), snake(&i.name)?)))
        .collect::<Result<_>>()?;
    let id_fields: Vec<&Ident> = ids.iter().map(|(_, f)| f).collect();
    let shape_id = r
        .shape
        .as_ref()
        .map(|s| ShapeId::new(&ctx.model.service.id.namespace, s));
    let shape_type = shape_id.as_ref().map(|id| ctx.value_type(id)).transpose()?;
    let shape_docs = shape_id
        .as_ref()
        .and_then(|id| ctx.model.shape(id))
        .and_then(|s| s.docs.as_deref());
    let docs = doc_attrs(shape_docs, &format!("The `{resource_name}` resource."));

    // The constructor on the client, by identifiers.
    let ctor_doc = format!(
        " The `{resource_name}` with these identifiers. Nothing is requested until its data is needed."
    );
    let id_params = id_fields
        .iter()
        .map(|f| quote!(#f: impl ::std::convert::Into<::std::string::String>));
    let id_inits = id_fields.iter().map(|f| quote!(#f: #f.into()));

    let id_getters = r.identifiers.iter().zip(&id_fields).map(|(i, f)| {
        let doc = format!(" The `{}` identifier.", i.name);
        quote! {
            #[doc = #doc]
            pub fn #f(&self) -> &str {
                &self.#f
            }
        }
    });

    // Data, load/reload and attribute getters.
    let mut data_items = quote!();
    let mut data_field = quote!();
    let mut data_init = quote!();
    let mut reserved: Vec<String> = [
        "client",
        "data",
        "load",
        "reload",
        "get_available_subresources",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    reserved.extend(id_fields.iter().map(|f| f.to_string()));
    if let (Some(shape_id), Some(shape_type), Some(load)) = (&shape_id, &shape_type, &r.load) {
        let op = operation(ctx, &load.request.operation)?;
        let method = method_name(op)?;
        let binds = bind(ctx, op, &load.request.params, &ids)?;
        let output = op
            .output
            .as_ref()
            .ok_or_else(|| Error::new("the load operation has no output"))?;
        let take = take_path(ctx, output, &load.path)?;
        let first_id = id_fields
            .first()
            .map(|f| quote!(self.#f.clone()))
            .unwrap_or(quote!(::std::string::String::new()));
        let load_doc = format!(
            " Loads the data with `{}`, replacing any loaded before, and returns it. \
             [`Error::ResourceNotFound`](crate::runtime::operation::Error::ResourceNotFound) if the service does not return it.",
            op.id.name
        );
        let mut getters = Vec::new();
        if let ShapeKind::Structure(s) = &ctx.shape(shape_id)?.kind {
            let names = ctx
                .names
                .fields
                .get(shape_id)
                .map(Vec::as_slice)
                .unwrap_or_default();
            for (member, n) in s.members.iter().zip(names) {
                if reserved.contains(&n.field) {
                    return Err(Error::new(format!(
                        "the attribute {} is named like a method of the resource",
                        member.name
                    )));
                }
                let field = ident(&n.field)?;
                let ty = ctx.value_type(&member.target)?;
                let ty = if ctx.is_boxed(shape_id, member) {
                    quote!(::std::boxed::Box<#ty>)
                } else {
                    ty
                };
                let doc = format!(
                    " The `{}` attribute ([`{}::{field}`](crate::types::{}::{field})), loaded first if need be.",
                    member.name,
                    ctx.names.type_name(shape_id)?,
                    ctx.names.type_name(shape_id)?,
                );
                let value = if member.required {
                    quote!(::std::option::Option::Some(&self.loaded().await?.#field))
                } else {
                    quote!(self.loaded().await?.#field.as_ref())
                };
                getters.push(quote! {
                    #[doc = #doc]
                    pub async fn #field(&mut self) -> ::std::result::Result<::std::option::Option<&#ty>, crate::runtime::operation::Error> {
                        ::std::result::Result::Ok(#value)
                    }
                });
            }
        }
        data_field = quote!(data: ::std::option::Option<#shape_type>,);
        data_init = quote!(data: ::std::option::Option::None,);
        data_items = quote! {
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
    }

    // Actions: the operation's fluent builder with the identifiers bound.
    let mut actions = Vec::new();
    for (action, def) in &r.actions {
        let op =
            operation(ctx, &def.request.operation).map_err(|e| e.at(format!("action {action}")))?;
        let method = snake(action)?;
        if reserved.contains(&method.to_string()) {
            return Err(Error::new(format!(
                "the action {action} is named like a method of the resource"
            )));
        }
        let client_method = method_name(op)?;
        let fluent = fluent_name(ctx, op)?;
        let binds = bind(ctx, op, &def.request.params, &ids)
            .map_err(|e| e.at(format!("action {action}")))?;
        let doc = format!(
            " The `{}` request for this {resource_name}, its identifiers already set: set the rest, then `send()` it.",
            op.id.name
        );
        actions.push(quote! {
            #[doc = #doc]
            pub fn #method(&self) -> crate::client::#fluent {
                self.client.#client_method() #binds
            }
        });
    }

    let waiters = waiters(ctx, r, &ids)?;
    let subresources: Vec<&String> = Vec::new();
    let creators = creators(ctx, model, r, &name, &ids)?;
    Ok(quote! {
        #docs
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
            #waiters

            /// The names of the sub-resources this resource has (boto3's
            /// `get_available_subresources`).
            pub fn get_available_subresources(&self) -> &'static [&'static str] {
                &[#(#subresources),*]
            }
        }

        #creators
    })
}

/// `send_for_<resource>()` on the fluent builders of operations that
/// return this resource: boto3's service actions that name it, and
/// operations whose output is exactly the resource's identifier member.
fn creators(
    ctx: &Ctx<'_>,
    model: &ResourceModel,
    r: &Resource,
    name: &Ident,
    ids: &[(String, Ident)],
) -> Result<TokenStream> {
    let mut by_op: Vec<(&Operation, String)> = Vec::new();
    for (action, def) in &model.service_actions {
        let Some(made) = &def.resource else { continue };
        if made.type_name != r.name {
            continue;
        }
        let op = operation(ctx, &def.request.operation)
            .map_err(|e| e.at(format!("service action {action}")))?;
        let [ResourceParam {
            source: ParamSource::Response(path),
            ..
        }] = made.identifiers.as_slice()
        else {
            return Err(
                Error::new("only one identifier taken from the response is supported")
                    .at(format!("service action {action}")),
            );
        };
        by_op.push((op, path.clone()));
    }
    if ids.len() == 1 {
        if let Some(member) = r.identifiers.first().and_then(|i| i.member_name.as_ref()) {
            for op in ctx.model.operations.values() {
                let Some(output) = &op.output else { continue };
                let only_member = match &ctx.shape(output)?.kind {
                    ShapeKind::Structure(s) => s.members.len() == 1 && &s.members[0].name == member,
                    _ => false,
                };
                if only_member && !by_op.iter().any(|(o, _)| o.id == op.id) {
                    by_op.push((op, member.clone()));
                }
            }
        }
    }
    by_op.sort_by(|a, b| a.0.id.cmp(&b.0.id));
    let method = ident(&format!("send_for_{}", r.name.to_snake_case()))?;
    let constructor = snake(&r.name)?;
    let resource_name = &r.name;
    let mut items = Vec::new();
    for (op, path) in by_op {
        let fluent = fluent_name(ctx, op)?;
        let output = op.output.as_ref().ok_or_else(|| Error::new("no output"))?;
        if path.contains(['.', '[']) {
            return Err(
                Error::new(format!("the identifier path {path} is not supported yet"))
                    .at(format!("operation {}", op.id)),
            );
        }
        let found = ctx.member(output, &path)?;
        let (field, required) = (found.field, found.member.required);
        let id = if required {
            quote!(::std::option::Option::Some(output.#field))
        } else {
            quote!(output.#field)
        };
        let doc = format!(
            " Sends the request and returns the [`{resource_name}`] it made (its data not loaded yet)."
        );
        let action = &op.id.name;
        items.push(quote! {
            impl crate::client::#fluent {
                #[doc = #doc]
                pub async fn #method(self) -> ::std::result::Result<#name, crate::runtime::operation::Error> {
                    let client = ::std::clone::Clone::clone(&self.client);
                    let response = self.send().await?;
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
                }
            }
        });
    }
    Ok(quote!(#(#items)*))
}

/// The resource's waiters: the operation's waiter with the identifiers
/// bound (`image.wait_until_exists()`).
fn waiters(ctx: &Ctx<'_>, r: &Resource, ids: &[(String, Ident)]) -> Result<TokenStream> {
    let mut methods = Vec::new();
    for (waiter, def) in &r.waiters {
        let place = || format!("waiter {waiter}");
        let op = ctx
            .model
            .operations
            .values()
            .find(|op| op.waiters.contains_key(&def.waiter_name))
            .ok_or_else(|| {
                Error::new(format!(
                    "names the waiter {}, which no configured operation has",
                    def.waiter_name
                ))
                .at(place())
            })?;
        let method = ident(&format!("wait_until_{}", waiter.to_snake_case()))?;
        let client_method = method_name(op)?;
        let fluent = fluent_name(ctx, op)?;
        let op_waiter = ident(&format!("wait_until_{}", def.waiter_name.to_snake_case()))?;
        let binds = bind(ctx, op, &def.params, ids).map_err(|e| e.at(place()))?;
        let doc = format!(
            " Waits until the `{}` waiter succeeds for this {}: set `.max_wait(..)` \
             (default 10 minutes), then `.await` it.",
            def.waiter_name, r.name
        );
        methods.push(quote! {
            #[doc = #doc]
            pub fn #method(&self) -> crate::runtime::operation::Wait<crate::client::#fluent> {
                self.client.#client_method() #binds .#op_waiter()
            }
        });
    }
    Ok(quote!(#(#methods)*))
}
