//! Query request serializers (`src/protocol/serialize.rs`).
//!
//! One public function per operation returns the form-encoded body; one
//! private function per structure, union, list and map reached from an
//! operation input writes that shape's pairs under a key prefix. Every key
//! name, collection layout, the request's first pairs and the timestamp
//! formats come from the service's protocol ([`crate::protocols`]). Members
//! are written in the model's member order. An idempotency token of the
//! input that the caller leaves unset is filled with a new UUID and written
//! after every other member, as botocore appends it to the caller's
//! parameters; botocore fills no token of a nested structure, and neither
//! does this.

use std::collections::BTreeSet;

use proc_macro2::TokenStream;
use quote::quote;

use crate::emit::Tokens;
use crate::ir::{Member, Model, Operation, ShapeId, ShapeKind, SimpleType};
use crate::passes::naming::FnKind;
use crate::protocols::{self, Direction, WireProtocol};
use crate::render::ident::ident;
use crate::render::{Ctx, NamedMember};
use crate::{Error, Result};

/// Renders the serializers of every operation of the model.
pub fn render(ctx: &Ctx<'_>) -> Result<Tokens> {
    let p = protocols::for_service(&ctx.model.service)?;
    let inputs: Vec<&ShapeId> = ctx
        .model
        .operations
        .values()
        .filter_map(|op| op.input.as_ref())
        .collect();
    let shapes = reachable(ctx.model, inputs);
    let aliases = Aliases::new(ctx, &shapes, FnKind::Ser);
    let mut items = Vec::new();
    for op in ctx.model.operations.values() {
        items.push(operation(ctx, p, op)?);
    }
    for id in &shapes {
        if let Some(item) = shape_fn(ctx, p, &aliases, id)? {
            items.push(item);
        }
    }
    items.push(aliases.module(ctx, false)?);
    let (method, path) = p.http_method_and_path();
    let [content_type, ..] = p.runtime_request_constants();
    let doc = [
        " Request serializers: one function per operation, returning the".to_string(),
        format!(" `{}` body botocore would send", p.content_type()),
        format!(" (send it with `{method} {path}` and the content type"),
        format!(
            " [`{}`](crate::{content_type})).",
            content_type.rsplit("::").next().unwrap_or(content_type)
        ),
    ];
    let head = quote!(#(#![doc = #doc])*);
    Ok(Tokens { head, items })
}

/// The Rust name of the function of an operation (`DescribeImages` ->
/// `describe_images`), shared by the serializer and the deserializer.
pub fn operation_fn_name(operation: &str) -> String {
    crate::passes::naming::rules::snake(operation, &[])
}

/// Every structure, union, list and map reachable from the roots, sorted.
pub(crate) fn reachable<'a>(
    model: &Model,
    roots: impl IntoIterator<Item = &'a ShapeId>,
) -> BTreeSet<ShapeId> {
    let mut seen = BTreeSet::new();
    let mut stack: Vec<ShapeId> = roots.into_iter().cloned().collect();
    while let Some(id) = stack.pop() {
        let Some(shape) = model.shape(&id) else {
            continue;
        };
        let members: Vec<&Member> = match &shape.kind {
            ShapeKind::Structure(s) | ShapeKind::Union(s) => s.members.iter().collect(),
            ShapeKind::List(m) => vec![m],
            ShapeKind::Map { key, value } => vec![key, value],
            _ => continue,
        };
        if !seen.insert(id.clone()) {
            continue;
        }
        for m in members {
            if !seen.contains(&m.target) {
                stack.push(m.target.clone());
            }
        }
    }
    seen
}

/// Type aliases of the lists and maps that hold lists or maps, one per
/// shape in a module `nested` of the protocol file, so that each
/// function's signature names its own shape's type in constant size (the
/// spelled-out type of a list nested `d` deep is `d` times longer: the
/// output would grow with the square of the depth, and with the cube once
/// formatted). Aliases are named after the shape's function (`kind`),
/// unique in the file; other shapes keep their spelled-out type.
pub(crate) struct Aliases {
    kind: FnKind,
    ids: BTreeSet<ShapeId>,
}

impl Aliases {
    /// The aliases of the nested collections among `shapes`.
    pub(crate) fn new(ctx: &Ctx<'_>, shapes: &BTreeSet<ShapeId>, kind: FnKind) -> Aliases {
        let is_collection = |id: &ShapeId| {
            matches!(
                ctx.model.shape(id).map(|s| &s.kind),
                Some(ShapeKind::List(_) | ShapeKind::Map { .. })
            )
        };
        let ids = shapes
            .iter()
            .filter(|id| match ctx.model.shape(id).map(|s| &s.kind) {
                Some(ShapeKind::List(item)) => is_collection(&item.target),
                Some(ShapeKind::Map { key, value }) => {
                    is_collection(&key.target) || is_collection(&value.target)
                }
                _ => false,
            })
            .cloned()
            .collect();
        Aliases { kind, ids }
    }

    /// The type of a value of `id`, as written outside the module.
    pub(crate) fn ty(&self, ctx: &Ctx<'_>, id: &ShapeId) -> Result<TokenStream> {
        if self.ids.contains(id) {
            let name = ctx.fn_ident(id, self.kind)?;
            return Ok(quote!(nested::#name));
        }
        ctx.value_type(id)
    }

    /// The type of a value of `id`, as written inside the module.
    fn inner_ty(&self, ctx: &Ctx<'_>, id: &ShapeId) -> Result<TokenStream> {
        if self.ids.contains(id) {
            let name = ctx.fn_ident(id, self.kind)?;
            return Ok(quote!(#name));
        }
        ctx.value_type(id)
    }

    /// The module of the aliases (nothing when there are none); `public`
    /// for a file whose functions are public.
    pub(crate) fn module(&self, ctx: &Ctx<'_>, public: bool) -> Result<TokenStream> {
        if self.ids.is_empty() {
            return Ok(quote!());
        }
        let mut aliases = Vec::new();
        for id in &self.ids {
            let name = ctx.fn_ident(id, self.kind)?;
            let ty = match &ctx.shape(id)?.kind {
                ShapeKind::List(item) => {
                    let item = self.inner_ty(ctx, &item.target)?;
                    quote!(::std::vec::Vec<#item>)
                }
                ShapeKind::Map { key, value } => {
                    let k = self.inner_ty(ctx, &key.target)?;
                    let v = self.inner_ty(ctx, &value.target)?;
                    quote!(::std::collections::HashMap<#k, #v>)
                }
                _ => continue,
            };
            let doc = format!(" The Rust type of a `{}` value.", id.name);
            aliases.push(quote! {
                #[doc = #doc]
                pub type #name = #ty;
            });
        }
        // A private module's outermost aliases may be unused: functions
        // take a list as a slice of its items.
        let (vis, allow) = if public {
            (quote!(pub), quote!(#[allow(non_camel_case_types)]))
        } else {
            (quote!(), quote!(#[allow(non_camel_case_types, dead_code)]))
        };
        Ok(quote! {
            /// The types of the lists and maps that hold lists or maps, one
            /// per shape, named after its function.
            #allow
            #vis mod nested {
                #(#aliases)*
            }
        })
    }
}

/// The runtime's timestamp format of a member in one direction, as the
/// protocol decides it from the member's and its target's formats.
pub(crate) fn timestamp_format(
    ctx: &Ctx<'_>,
    p: &dyn WireProtocol,
    member: &Member,
    direction: Direction,
) -> Result<TokenStream> {
    let target = ctx.shape(&member.target)?.timestamp_format;
    let format = p.timestamp_format(member.timestamp_format, target, direction);
    Ok(protocols::timestamp_format_tokens(format))
}

fn operation(ctx: &Ctx<'_>, p: &dyn WireProtocol, op: &Operation) -> Result<TokenStream> {
    let names = ctx.operation(&op.id)?;
    let name = ident(&names.function)?;
    let action = &op.id.name;
    let service = &ctx.model.service;
    let pairs: Vec<String> = p
        .request_pairs(op, service)
        .iter()
        .map(|(k, v)| format!("{k}={v}"))
        .collect();
    let doc = format!(
        " The body of a `{action}` request (`{}` and the input's members).",
        pairs.join("&")
    );
    let start = p.request_start(op, service, None);
    let Some(input) = &op.input else {
        return Ok(quote! {
            #[doc = #doc]
            #[inline]
            pub fn #name() -> ::std::string::String {
                #start.finish()
            }
        });
    };
    let ty = ctx.value_type(input)?;
    let ser = ctx.fn_ident(input, FnKind::Ser)?;
    // botocore fills the idempotency tokens of the input's own members
    // (never of nested structures) when the caller leaves them unset, by
    // adding them to its parameters: they come after every parameter the
    // caller passed.
    let mut fills = Vec::new();
    if let ShapeKind::Structure(_) = &ctx.shape(input)?.kind {
        for NamedMember { member, field, .. } in ctx.members(input)? {
            let is_string = matches!(
                ctx.shape(&member.target)?.kind,
                ShapeKind::Simple(SimpleType::String)
            );
            if member.idempotency_token && !member.required && is_string {
                let key = p.request_key(member);
                fills.push(quote! {
                    if input.#field.is_none() {
                        let token = w.idempotency_token();
                        w.string(#key, &token);
                    }
                });
            }
        }
    }
    let with_tokens = if fills.is_empty() {
        quote!()
    } else {
        let with = ident(&names.with_token_source)?;
        let with_doc = format!(
            " Like [`{name}`], with the function that makes the idempotency tokens left unset (for deterministic tests)."
        );
        let start = p.request_start(op, service, Some(quote!(tokens)));
        quote! {
            #[doc = #with_doc]
            #[inline]
            pub fn #with(input: &#ty, tokens: fn() -> ::std::string::String) -> ::std::string::String {
                let mut w = #start;
                #ser(&mut w, "", input);
                #(#fills)*
                w.finish()
            }
        }
    };
    Ok(quote! {
        #[doc = #doc]
        #[inline]
        pub fn #name(input: &#ty) -> ::std::string::String {
            let mut w = #start;
            #ser(&mut w, "", input);
            #(#fills)*
            w.finish()
        }
        #with_tokens
    })
}

/// The function of one aggregate shape; `None` for simple shapes.
fn shape_fn(
    ctx: &Ctx<'_>,
    p: &dyn WireProtocol,
    aliases: &Aliases,
    id: &ShapeId,
) -> Result<Option<TokenStream>> {
    let shape = ctx.shape(id)?;
    let writer = p.request_writer();
    let join = p.request_join_key();
    let item_key = p.request_item_key();
    let name = ctx.fn_ident(id, FnKind::Ser)?;
    let at = |e: Error| e.at(format!("shape {id}"));
    Ok(Some(match &shape.kind {
        ShapeKind::Structure(s) => {
            let ty = ctx.value_type(id)?;
            let mut body = Vec::new();
            for NamedMember { member, field, .. } in ctx.members(id)? {
                let key_name = p.request_key(member);
                let key = quote!(&#join(prefix, #key_name));
                let write = value(ctx, p, member, key, quote!(v)).map_err(at)?;
                body.push(if member.required {
                    quote! { { let v = &value.#field; #write } }
                } else {
                    quote! { if let ::std::option::Option::Some(v) = &value.#field { #write } }
                });
            }
            let (w, prefix, value) = if body.is_empty() {
                (quote!(_w), quote!(_prefix), quote!(_value))
            } else {
                (quote!(w), quote!(prefix), quote!(value))
            };
            // A shape whose only data is itself (`Box { Inner: Box }`) uses
            // the writer only to recurse.
            let recursive = s.members.iter().any(|m| m.target == *id);
            let allow = recursive.then(|| quote!(#[allow(clippy::only_used_in_recursion)]));
            quote! {
                #allow
                #[inline]
                fn #name(#w: &mut #writer, #prefix: &str, #value: &#ty) {
                    #(#body)*
                }
            }
        }
        ShapeKind::Union(s) => {
            let ty = ctx.value_type(id)?;
            let mut arms = Vec::new();
            for (i, member) in s.members.iter().enumerate() {
                let variant = ctx.variant_ident(id, i)?;
                let key_name = p.request_key(member);
                let key = quote!(&#join(prefix, #key_name));
                let write = value(ctx, p, member, key, quote!(v)).map_err(at)?;
                arms.push(quote!(#ty::#variant(v) => { #write }));
            }
            quote! {
                #[inline]
                fn #name(w: &mut #writer, prefix: &str, value: &#ty) {
                    match value {
                        #(#arms)*
                        #ty::Unknown => {}
                    }
                }
            }
        }
        ShapeKind::List(item) => {
            let item_ty = aliases.ty(ctx, &item.target)?;
            let write = value(ctx, p, item, quote!(&key), quote!(v)).map_err(at)?;
            quote! {
                #[inline]
                fn #name(w: &mut #writer, prefix: &str, value: &[#item_ty]) {
                    for (i, v) in value.iter().enumerate() {
                        let key = #item_key(prefix, i);
                        #write
                    }
                }
            }
        }
        ShapeKind::Map { key, value: val } => {
            let ty = aliases.ty(ctx, id)?;
            let (key_name, value_name) = p.request_map_entry_keys(key, val);
            let write_key = value(ctx, p, key, quote!(&#join(&item, #key_name)), quote!(k));
            let write_value = value(ctx, p, val, quote!(&#join(&item, #value_name)), quote!(v));
            let (write_key, write_value) = (write_key.map_err(at)?, write_value.map_err(at)?);
            quote! {
                #[inline]
                fn #name(w: &mut #writer, prefix: &str, value: &#ty) {
                    // Sorted by key, so that the body is the same on every run.
                    let mut entries: ::std::vec::Vec<_> = value.iter().collect();
                    entries.sort_by(|a, b| a.0.cmp(b.0));
                    for (i, (k, v)) in entries.into_iter().enumerate() {
                        let item = #item_key(prefix, i);
                        #write_key
                        #write_value
                    }
                }
            }
        }
        _ => return Ok(None),
    }))
}

/// Code writing one value `v` (a reference) of a member's target under
/// `key` (an expression of type `&str`).
fn value(
    ctx: &Ctx<'_>,
    p: &dyn WireProtocol,
    member: &Member,
    key: TokenStream,
    v: TokenStream,
) -> Result<TokenStream> {
    let target = ctx.shape(&member.target)?;
    // A collection's items go under the member's key, or under a segment
    // of it when the protocol adds one (`Key.entry.N`).
    let collection = |segment: Option<String>| -> Result<TokenStream> {
        let f = ctx.fn_ident(&member.target, FnKind::Ser)?;
        Ok(match segment {
            None => quote!(#f(w, #key, #v);),
            Some(segment) => {
                let join = p.request_join_key();
                quote!(#f(w, &#join(#key, #segment), #v);)
            }
        })
    };
    Ok(match &target.kind {
        ShapeKind::Structure(_) | ShapeKind::Union(_) => {
            let f = ctx.fn_ident(&member.target, FnKind::Ser)?;
            quote!(#f(w, #key, #v);)
        }
        ShapeKind::List(item) => {
            let write = collection(p.request_list_segment(member, item))?;
            if p.request_empty_list_sent() {
                quote!(if #v.is_empty() { w.string(#key, ""); } else { #write })
            } else {
                write
            }
        }
        ShapeKind::Map { .. } => collection(p.request_map_segment(member))?,
        ShapeKind::Enum(_) => quote!(w.string(#key, #v.as_str());),
        ShapeKind::IntEnum(_) => quote!(w.integer(#key, #v.value());),
        ShapeKind::Simple(simple) => match simple {
            SimpleType::String | SimpleType::BigInteger | SimpleType::BigDecimal => {
                quote!(w.string(#key, #v);)
            }
            SimpleType::Boolean => quote!(w.boolean(#key, *#v);),
            SimpleType::Long => quote!(w.integer(#key, *#v);),
            SimpleType::Byte | SimpleType::Short | SimpleType::Integer => {
                quote!(w.integer(#key, i64::from(*#v));)
            }
            SimpleType::Float => quote!(w.float(#key, *#v);),
            SimpleType::Double => quote!(w.double(#key, *#v);),
            SimpleType::Timestamp => {
                let format = timestamp_format(ctx, p, member, Direction::Request)?;
                quote!(w.timestamp(#key, #v, #format);)
            }
            SimpleType::Blob => quote!(w.blob(#key, #v);),
            SimpleType::Document => {
                return Err(
                    Error::new("document members cannot be sent in a query request")
                        .at(format!("member {}", member.name)),
                )
            }
        },
    })
}
