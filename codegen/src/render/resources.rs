//! boto3-style resources (`client.image("ami-...")`): a handle holding the
//! identifiers, the resource's data loaded lazily through its `load`
//! request, one async getter per attribute, its actions as fluent builders
//! with the identifiers already bound, and its waiters.
//!
//! Actions and waiters whose operations are not among the configured ones
//! are left out; the `load` operation must be configured.
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

/// Parameters bound on an operation's fluent builder: statements to run
/// first (reading the resource's data), then the setter calls.
struct Bound {
    prelude: TokenStream,
    calls: TokenStream,
    /// Some value comes from the resource's data, which must be loaded.
    needs_data: bool,
}

/// Binds parameters on an operation's fluent builder. Targets are `Name`,
/// `Name[0]`, `Name[]` (all set or append to member `Name`) and
/// `Name[i].Field` or `Name[i].Field[0]` (the `i`-th item of list `Name`,
/// a structure built from the fields bound to it). Values come from the
/// identifiers, constants, or the resource's data (`data_shape`).
fn bind(
    ctx: &Ctx<'_>,
    op: &Operation,
    params: &[ResourceParam],
    ids: &[(String, Ident)],
    data_shape: Option<&ShapeId>,
) -> Result<Bound> {
    let input = op
        .input
        .as_ref()
        .ok_or_else(|| Error::new(format!("operation {} has no input to bind", op.id.name)))?;
    let mut prelude = Vec::new();
    let mut calls = Vec::new();
    // Items of lists of structures: (list member, index) -> field setters.
    let mut items: Vec<((String, String), Vec<TokenStream>)> = Vec::new();
    let mut needs_data = false;
    for (n, param) in params.iter().enumerate() {
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
            ParamSource::Data(path) => {
                let shape = data_shape
                    .ok_or_else(|| Error::new("binds data, but the resource has no data"))?;
                let (expr, _) = chain(
                    ctx,
                    shape,
                    quote!(::std::option::Option::Some(data)),
                    path,
                    false,
                )?;
                let var = ident(&format!("data_{n}"))?;
                prelude.push(quote! {
                    let #var = ::std::clone::Clone::clone(#expr.ok_or_else(|| crate::runtime::operation::Error::Incomplete {
                        operation: "load",
                        member: #path,
                        request_id: ::std::option::Option::None,
                    })?);
                });
                needs_data = true;
                quote!(#var)
            }
            other => {
                return Err(Error::new(format!(
                    "binds {} from {other:?}, which is not supported yet",
                    param.target
                )))
            }
        };
        let unsupported = || {
            Error::new(format!(
                "binds the path {}, which is not supported yet",
                param.target
            ))
        };
        match param.target.split_once("].") {
            None => {
                let member = param.target.trim_end_matches("[]").trim_end_matches("[0]");
                if member.contains(['.', '[']) {
                    return Err(unsupported());
                }
                let setter = ctx.member(input, member)?.field;
                calls.push(quote!(.#setter(#value)));
            }
            Some((list, field)) => {
                let (list, index) = list.split_once('[').ok_or_else(unsupported)?;
                let field = field.trim_end_matches("[0]");
                if field.contains(['.', '[']) || index.parse::<usize>().is_err() {
                    return Err(unsupported());
                }
                let key = (list.to_string(), index.to_string());
                let item_shape = match &ctx.shape(&ctx.member(input, list)?.member.target)?.kind {
                    ShapeKind::List(item) => item.target.clone(),
                    _ => return Err(unsupported()),
                };
                let setter = ctx.member(&item_shape, field)?.field;
                let call = quote!(.#setter(#value));
                match items.iter_mut().find(|(k, _)| *k == key) {
                    Some((_, setters)) => setters.push(call),
                    None => items.push((key, vec![call])),
                }
            }
        }
    }
    for ((list, _), setters) in items {
        let found = ctx.member(input, &list)?;
        let ShapeKind::List(item) = &ctx.shape(&found.member.target)?.kind else {
            return Err(Error::new(format!("{list} is not a list")));
        };
        let fallible = match &ctx.shape(&item.target)?.kind {
            ShapeKind::Structure(s) => s.members.iter().any(|m| m.required),
            _ => {
                return Err(Error::new(format!(
                    "the items of {list} are not structures"
                )))
            }
        };
        if fallible {
            return Err(Error::new(format!(
                "binds fields of {list} items, which have required members: not supported yet"
            )));
        }
        let ty = ctx.value_type(&item.target)?;
        let setter = found.field;
        calls.push(quote!(.#setter(<#ty>::builder() #(#setters)* .build())));
    }
    Ok(Bound {
        prelude: quote!(#(#prelude)*),
        calls: quote!(#(#calls)*),
        needs_data,
    })
}

/// Follows a path of `Name` and `Name[0]` segments from a value of `shape`.
/// `expr` is an `Option` of the value, owned or borrowed as `owned` says;
/// gives an `Option` of the value at the end of the path, and its shape.
fn chain(
    ctx: &Ctx<'_>,
    shape: &ShapeId,
    expr: TokenStream,
    path: &str,
    owned: bool,
) -> Result<(TokenStream, ShapeId)> {
    let mut shape = shape.clone();
    let mut expr = expr;
    for segment in path.split('.') {
        let (name, first) = match segment.strip_suffix("[0]") {
            Some(name) => (name, true),
            None => (segment, false),
        };
        if name.is_empty() || !name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
            return Err(Error::new(format!("the path {path} is not supported yet")));
        }
        let found = ctx.member(&shape, name)?;
        let f = found.field;
        expr = match (owned, found.member.required) {
            (true, true) => quote!(#expr.map(|v| v.#f)),
            (true, false) => quote!(#expr.and_then(|v| v.#f)),
            (false, true) => quote!(#expr.map(|v| &v.#f)),
            (false, false) => quote!(#expr.and_then(|v| v.#f.as_ref())),
        };
        if ctx.is_boxed(&shape, found.member) {
            expr = if owned {
                quote!(#expr.map(|b| *b))
            } else {
                quote!(#expr.map(|b| &**b))
            };
        }
        shape = found.member.target.clone();
        if first {
            let ShapeKind::List(item) = &ctx.shape(&shape)?.kind else {
                return Err(Error::new(format!(
                    "in the path {path}, {name} is not a list"
                )));
            };
            expr = if owned {
                quote!(#expr.and_then(|l| l.into_iter().next()))
            } else {
                quote!(#expr.and_then(|l| l.first()))
            };
            shape = item.target.clone();
        }
    }
    Ok((expr, shape))
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
        let bound = bind(ctx, op, &load.request.params, &ids, None)?;
        let binds = bound.calls;
        let output = op
            .output
            .as_ref()
            .ok_or_else(|| Error::new("the load operation has no output"))?;
        let (take, found) = chain(
            ctx,
            output,
            quote!(::std::option::Option::Some(output)),
            &load.path,
            true,
        )?;
        if &found != shape_id {
            return Err(Error::new(format!(
                "the load path {} leads to {found}, not to the resource's shape {shape_id}",
                load.path
            )));
        }
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
                // As in boto3, an attribute named like an identifier is the
                // identifier, which the handle already has.
                if id_fields.iter().any(|f| *f == &n.field) {
                    continue;
                }
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
    // Actions may bind the resource's data only if it can be loaded.
    let data_shape = shape_id.as_ref().filter(|_| r.load.is_some());
    let mut actions = Vec::new();
    for (action, def) in &r.actions {
        // The crate holds the configured operations; other actions are left out.
        let Some(op) = ctx.model.operation_by_name(&def.request.operation) else {
            continue;
        };
        let method = snake(action)?;
        if reserved.contains(&method.to_string()) {
            return Err(Error::new(format!(
                "the action {action} is named like a method of the resource"
            )));
        }
        let client_method = method_name(op)?;
        let fluent = fluent_name(ctx, op)?;
        let Bound {
            prelude,
            calls,
            needs_data,
        } = bind(ctx, op, &def.request.params, &ids, data_shape)
            .map_err(|e| e.at(format!("action {action}")))?;
        if needs_data {
            let doc = format!(
                " The `{}` request for this {resource_name}, its parameters already set from its \
                 identifiers and data (loaded first if need be): set the rest, then `send()` it.",
                op.id.name
            );
            actions.push(quote! {
                #[doc = #doc]
                pub async fn #method(&mut self) -> ::std::result::Result<crate::client::#fluent, crate::runtime::operation::Error> {
                    let data = self.loaded().await?;
                    #prelude
                    ::std::result::Result::Ok(self.client.#client_method() #calls)
                }
            });
        } else {
            let doc = format!(
                " The `{}` request for this {resource_name}, its identifiers already set: set the rest, then `send()` it.",
                op.id.name
            );
            actions.push(quote! {
                #[doc = #doc]
                pub fn #method(&self) -> crate::client::#fluent {
                    self.client.#client_method() #calls
                }
            });
        }
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
/// The identifier comes from a path of the output: `Name` or `A.Name`
/// gives one resource; `List[].Name` gives one per item
/// (`send_for_<resource>s()`). Service actions whose identifiers come from
/// elsewhere (several identifiers, request parameters) get no such method.
fn creators(
    ctx: &Ctx<'_>,
    model: &ResourceModel,
    r: &Resource,
    name: &Ident,
    ids: &[(String, Ident)],
) -> Result<TokenStream> {
    if ids.len() != 1 {
        return Ok(quote!());
    }
    let mut by_op: Vec<(&Operation, String)> = Vec::new();
    for def in model.service_actions.values() {
        let Some(made) = &def.resource else { continue };
        if made.type_name != r.name {
            continue;
        }
        let [ResourceParam {
            source: ParamSource::Response(path),
            ..
        }] = made.identifiers.as_slice()
        else {
            continue;
        };
        if let Some(op) = ctx.model.operation_by_name(&def.request.operation) {
            by_op.push((op, path.clone()));
        }
    }
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
    by_op.sort_by(|a, b| a.0.id.cmp(&b.0.id));
    let constructor = snake(&r.name)?;
    let resource_name = &r.name;
    let mut items = Vec::new();
    for (op, path) in by_op {
        let fluent = fluent_name(ctx, op)?;
        let action = &op.id.name;
        let output = op.output.as_ref().ok_or_else(|| {
            Error::new("returns a resource but has no output").at(format!("operation {}", op.id))
        })?;
        let place = || format!("operation {}, path {path}", op.id);
        let (method, returns, make) = match path.split_once("[].") {
            None => {
                let (id, _) = chain(
                    ctx,
                    output,
                    quote!(::std::option::Option::Some(output)),
                    &path,
                    true,
                )
                .map_err(|e| e.at(place()))?;
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
                let method = ident(&format!("send_for_{}", r.name.to_snake_case()))?;
                (method, quote!(#name), make)
            }
            Some((list, field)) => {
                let (items, item_shape) = chain(
                    ctx,
                    output,
                    quote!(::std::option::Option::Some(output)),
                    list,
                    true,
                )
                .map_err(|e| e.at(place()))?;
                let item_shape = match &ctx.shape(&item_shape)?.kind {
                    ShapeKind::List(item) => item.target.clone(),
                    _ => return Err(Error::new(format!("{list} is not a list")).at(place())),
                };
                let (id, _) = chain(
                    ctx,
                    &item_shape,
                    quote!(::std::option::Option::Some(item)),
                    field,
                    true,
                )
                .map_err(|e| e.at(place()))?;
                let make = quote! {
                    let output = response.into_output();
                    ::std::result::Result::Ok(
                        #items.into_iter().flatten().filter_map(|item| #id).map(|id| client.#constructor(id)).collect(),
                    )
                };
                let plural = r.name.to_snake_case();
                let plural = if plural.ends_with('s') {
                    format!("{plural}es")
                } else {
                    format!("{plural}s")
                };
                let method = ident(&format!("send_for_{plural}"))?;
                (method, quote!(::std::vec::Vec<#name>), make)
            }
        };
        let doc = format!(
            " Sends the request and returns the [`{resource_name}`] it made, by its \
             identifier at `{path}` in the answer (its data not loaded yet)."
        );
        items.push(quote! {
            impl crate::client::#fluent {
                #[doc = #doc]
                pub async fn #method(self) -> ::std::result::Result<#returns, crate::runtime::operation::Error> {
                    let client = ::std::clone::Clone::clone(&self.client);
                    let response = self.send().await?;
                    #make
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
        // Waiters of operations the crate does not hold are left out.
        let Some(op) = ctx
            .model
            .operations
            .values()
            .find(|op| op.waiters.contains_key(&def.waiter_name))
        else {
            continue;
        };
        let method = ident(&format!("wait_until_{}", waiter.to_snake_case()))?;
        let client_method = method_name(op)?;
        let fluent = fluent_name(ctx, op)?;
        let op_waiter = ident(&format!("wait_until_{}", def.waiter_name.to_snake_case()))?;
        let bound = bind(ctx, op, &def.params, ids, None).map_err(|e| e.at(place()))?;
        let binds = bound.calls;
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
