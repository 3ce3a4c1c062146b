//! XML response deserializers (`src/protocol/deserialize.rs`).
//!
//! One public function per operation parses a whole response body (or the
//! error document the service sent instead); one public function per
//! structure, union, list and map reached from an operation output or a
//! modeled error parses that shape from the children of the element the
//! reader is in, so that one list element (one `Image`) can be parsed on
//! its own. All of them run on `crate::runtime::xml::Reader`, a pull parser
//! over `quick-xml`.
//!
//! Every element name, collection layout, the response wrapper, where the
//! request id is, how an error document is told apart and read, and the
//! timestamp formats come from the service's protocol
//! ([`crate::protocols`]). Unknown elements are skipped at any depth,
//! missing ones left `None`; enum values are never rejected.

use std::collections::{BTreeMap, BTreeSet};

use proc_macro2::{Ident, Literal, TokenStream};
use quote::quote;

use crate::emit::Tokens;
use crate::ir::{Member, Operation, Shape, ShapeId, ShapeKind, SimpleType};
use crate::passes::naming::FnKind;
use crate::protocols::{self, Direction, WireProtocol};
use crate::render::ident::ident;
use crate::render::serialize::{reachable, timestamp_format, Aliases};
use crate::render::{Ctx, NamedMember};
use crate::{Error, Result};

/// Renders the deserializers of every operation of the model.
pub fn render(ctx: &Ctx<'_>) -> Result<Tokens> {
    let p = protocols::for_service(&ctx.model.service)?;
    // The operation parsers read their output's members themselves, so the
    // outputs need shape parsers only where they are also nested somewhere.
    let mut roots: Vec<&ShapeId> = Vec::new();
    let mut errors: BTreeSet<&ShapeId> = BTreeSet::new();
    for op in ctx.model.operations.values() {
        if let Some(output) = &op.output {
            if let ShapeKind::Structure(s) = &ctx.shape(output)?.kind {
                roots.extend(s.members.iter().map(|m| &m.target));
            }
        }
        roots.extend(op.errors.iter());
        errors.extend(op.errors.iter());
    }
    let shapes = reachable(ctx.model, roots);
    let aliases = Aliases::new(ctx, &shapes, FnKind::De);
    let mut items = Vec::new();
    for op in ctx.model.operations.values() {
        items.push(operation(ctx, p, &aliases, op)?);
    }
    for id in &shapes {
        items.push(shape_fn(ctx, p, &aliases, id)?);
    }
    items.push(aliases.module(ctx, true)?);
    let mut error_fns = Vec::new();
    for id in errors {
        error_fns.push(error_fn(ctx, p, id)?);
    }
    let errors_mod = if error_fns.is_empty() {
        quote!()
    } else {
        quote! {
            /// Parsers of the modeled errors: each reads the first `<Error>`
            /// of an error document into the error's structure.
            pub mod errors {
                #(#error_fns)*
            }
        }
    };
    let parse_error = p.error_document().parse;
    let head = quote! {
        //! Response deserializers: one function per operation, parsing the
        //! response body (or the error document sent instead), and one per
        //! shape, parsing it from the children of the current element.

        pub use #parse_error;
    };
    items.push(errors_mod);
    Ok(Tokens { head, items })
}

/// Element name literals, as `b"name"`.
fn byte_lit(name: &str) -> Literal {
    Literal::byte_string(name.as_bytes())
}

/// The parts of a structure parser: the names it knows, the declarations
/// of its slots, the arms of its `match`, and the expression building it.
struct StructParts {
    names: Vec<String>,
    decls: Vec<TokenStream>,
    arms: Vec<TokenStream>,
    build: TokenStream,
}

fn struct_parts(
    ctx: &Ctx<'_>,
    p: &dyn WireProtocol,
    aliases: &Aliases,
    shape: &Shape,
) -> Result<StructParts> {
    let ty = ctx.value_type(&shape.id)?;
    let mut parts = StructParts {
        names: Vec::new(),
        decls: Vec::new(),
        arms: Vec::new(),
        build: quote!(),
    };
    let mut inits = Vec::new();
    for (i, NamedMember { member, field, .. }) in ctx.members(&shape.id)?.into_iter().enumerate() {
        let at = |e: Error| e.at(format!("shape {}, member {}", shape.id, member.name));
        let slot = ident(&format!("f{i}"))?;
        let mut ty = aliases.ty(ctx, &member.target).map_err(at)?;
        let boxed = ctx.is_boxed(&shape.id, member);
        if boxed {
            ty = quote!(::std::boxed::Box<#ty>);
        }
        parts.decls.push(quote! {
            let mut #slot: ::std::option::Option<#ty> = ::std::option::Option::None;
        });
        let index = Literal::usize_unsuffixed(parts.names.len());
        let element = p.response_element(member);
        parts.names.push(element.clone());
        let target = ctx.shape(&member.target)?;
        let flattened = p.response_flattened(member);
        let arm = match &target.kind {
            ShapeKind::List(item) if flattened => {
                let item_value = value(ctx, p, item).map_err(at)?;
                let charge = charge_item(aliases.ty(ctx, &item.target).map_err(at)?);
                quote! {
                    #index => {
                        #charge
                        crate::runtime::xml::push(
                            #slot.get_or_insert_with(::std::vec::Vec::new),
                            #item_value,
                        );
                    }
                }
            }
            ShapeKind::Map { key, value: val } if flattened => {
                let entry = ctx.fn_ident(&member.target, FnKind::DeEntry)?;
                let k = aliases.ty(ctx, &key.target).map_err(at)?;
                let v = aliases.ty(ctx, &val.target).map_err(at)?;
                let charge = charge_item(quote!((#k, #v)));
                quote! {
                    #index => {
                        #charge
                        let (k, v) = #entry(r)?;
                        #slot.get_or_insert_with(::std::collections::HashMap::new).insert(k, v);
                    }
                }
            }
            _ => {
                let mut v = value(ctx, p, member).map_err(at)?;
                if boxed {
                    v = quote!(::std::boxed::Box::new(#v));
                }
                quote!(#index => #slot = ::std::option::Option::Some(#v),)
            }
        };
        parts.arms.push(arm);
        if member.required {
            let missing = format!("<{element}> is missing");
            inits.push(quote!(#field: #slot.ok_or_else(|| r.error(#missing))?,));
        } else {
            inits.push(quote!(#field: #slot,));
        }
    }
    parts.build = quote!(#ty { #(#inits)* });
    Ok(parts)
}

/// The statement charging one item of type `ty` to the reader's budget of
/// list and map items, before it is parsed.
fn charge_item(ty: TokenStream) -> TokenStream {
    quote!(r.charge_item(::std::mem::size_of::<#ty>())?;)
}

/// The loop reading a structure's children.
fn child_loop(names: &[String], arms: &[TokenStream]) -> TokenStream {
    if arms.is_empty() {
        quote! {
            while r.next_child(&[])?.is_some() {
                r.skip()?;
            }
        }
    } else {
        // A name given twice (two members with one element name) would
        // be an unreachable arm: the first member takes it.
        let mut seen = BTreeSet::new();
        let unknown = Literal::usize_unsuffixed(arms.len());
        // Names grouped by length: the length picks the group with one
        // jump, and only names of that length are compared.
        let mut by_len: BTreeMap<usize, Vec<(Literal, Literal)>> = BTreeMap::new();
        for (i, n) in names.iter().enumerate() {
            if seen.insert(n.as_str()) {
                by_len
                    .entry(n.len())
                    .or_default()
                    .push((byte_lit(n), Literal::usize_unsuffixed(i)));
            }
        }
        let groups = by_len.iter().map(|(len, names)| {
            let len = Literal::usize_unsuffixed(*len);
            let (names, indices): (Vec<_>, Vec<_>) = names.iter().cloned().unzip();
            quote! {
                #len => match name {
                    #(#names => #indices,)*
                    _ => #unknown,
                },
            }
        });
        quote! {
            while let ::std::option::Option::Some(i) = r.next_child_by(|name| match name.len() {
                #(#groups)*
                _ => #unknown,
            })? {
                match i {
                    #(#arms)*
                    _ => r.skip()?,
                }
            }
        }
    }
}

/// The statement storing the request id, read from the element at `path`
/// below the current one (the current element itself when `path` is empty).
fn read_request_id(path: &[&str]) -> TokenStream {
    match path.split_first() {
        None => quote!(request_id = ::std::option::Option::Some(r.read_string()?)),
        Some((first, rest)) => {
            let name = byte_lit(first);
            let inner = read_request_id(rest);
            quote! {
                while let ::std::option::Option::Some(i) = r.next_child(&[#name])? {
                    if i == 0 {
                        #inner;
                    } else {
                        r.skip()?;
                    }
                }
            }
        }
    }
}

fn operation(
    ctx: &Ctx<'_>,
    p: &dyn WireProtocol,
    aliases: &Aliases,
    op: &Operation,
) -> Result<TokenStream> {
    let name = ident(&ctx.operation(&op.id)?.function)?;
    let action = &op.id.name;
    let doc = format!(
        " Parses the body of a `{action}` response: the result and the request id, or the error document the service sent instead."
    );
    let (request_id, id_path) = p
        .request_id_path()
        .split_first()
        .ok_or_else(|| Error::new("the protocol names no request id element"))?;
    let request_id = request_id.to_string();
    let read_id = read_request_id(id_path);
    let (ty, decls, body, build) = match &op.output {
        Some(output) => {
            let shape = ctx.shape(output)?;
            let ShapeKind::Structure(_) = &shape.kind else {
                return Err(
                    Error::new("the output is not a structure").at(format!("operation {}", op.id))
                );
            };
            let mut parts = struct_parts(ctx, p, aliases, shape)?;
            let body = match p.response_wrapper(op) {
                None => {
                    // A member read from the request id's element takes it.
                    if !parts.names.contains(&request_id) {
                        let index = Literal::usize_unsuffixed(parts.names.len());
                        parts.names.push(request_id);
                        parts.arms.push(quote!(#index => #read_id,));
                    }
                    child_loop(&parts.names, &parts.arms)
                }
                Some(wrapper) => {
                    let inner = child_loop(&parts.names, &parts.arms);
                    let arms = [quote!(0 => { #inner }), quote!(1 => { #read_id; })];
                    child_loop(&[wrapper, request_id], &arms)
                }
            };
            (ctx.value_type(output)?, parts.decls, body, parts.build)
        }
        None => {
            let names = vec![request_id];
            let arms = vec![quote!(0 => #read_id,)];
            (
                quote!(()),
                Vec::new(),
                child_loop(&names, &arms),
                quote!(()),
            )
        }
    };
    let errors = p.error_document();
    let (error_root, parse_error_from_root) = (errors.root, errors.parse_from_root);
    let expected_root = p.response_root(op);
    let check_root = quote! {
        let root = r.root()?;
        if root == #error_root {
            return ::std::result::Result::Err(crate::runtime::ResponseError::Service(
                #parse_error_from_root(r)?,
            ));
        }
        if root != #expected_root {
            return ::std::result::Result::Err(r.wrong_root(&root, #expected_root).into());
        }
    };
    // An empty body, where the protocol allows one, is a result with no
    // members.
    let (check_root, read) = if p.response_may_be_empty() {
        (
            quote!(),
            quote!(if !body.iter().all(u8::is_ascii_whitespace) { #check_root #body }),
        )
    } else {
        (check_root, body)
    };
    Ok(quote! {
        #[doc = #doc]
        #[inline]
        pub fn #name(body: &[u8]) -> ::std::result::Result<(#ty, ::std::option::Option<::std::string::String>), crate::runtime::ResponseError> {
            let mut r = crate::runtime::xml::Reader::new(body);
            let r = &mut r;
            #check_root
            #[allow(unused_mut)]
            let mut request_id: ::std::option::Option<::std::string::String> = ::std::option::Option::None;
            #(#decls)*
            #read
            ::std::result::Result::Ok((#build, request_id))
        }
    })
}

fn error_fn(ctx: &Ctx<'_>, p: &dyn WireProtocol, id: &ShapeId) -> Result<TokenStream> {
    let enter_first_error = p.error_document().enter_first_error;
    let name = ident(ctx.names.error_parser(id)?)?;
    let de = ctx.fn_ident(id, FnKind::De)?;
    let ty = ctx.value_type(id)?;
    let doc = format!(" Parses the `{}` error from an error document.", id.name);
    Ok(quote! {
        #[doc = #doc]
        #[inline]
        pub fn #name(body: &[u8]) -> ::std::result::Result<#ty, crate::runtime::XmlError> {
            let mut r = crate::runtime::xml::Reader::new(body);
            if !#enter_first_error(&mut r)? {
                return ::std::result::Result::Err(r.error("the error document has no <Error>"));
            }
            super::#de(&mut r)
        }
    })
}

fn shape_fn(
    ctx: &Ctx<'_>,
    p: &dyn WireProtocol,
    aliases: &Aliases,
    id: &ShapeId,
) -> Result<TokenStream> {
    let shape = ctx.shape(id)?;
    let name = ctx.fn_ident(id, FnKind::De)?;
    let reader = quote!(r: &mut crate::runtime::xml::Reader<'_>);
    let result = |ty: TokenStream| quote!(::std::result::Result<#ty, crate::runtime::XmlError>);
    let at = |e: Error| e.at(format!("shape {id}"));
    Ok(match &shape.kind {
        ShapeKind::Structure(_) => {
            let ty = ctx.value_type(id)?;
            let parts = struct_parts(ctx, p, aliases, shape)?;
            let body = child_loop(&parts.names, &parts.arms);
            let StructParts { decls, build, .. } = parts;
            let ret = result(ty);
            let doc = format!(
                " Parses a `{}` structure from the children of the current element.",
                id.name
            );
            quote! {
                #[doc = #doc]
                #[inline]
                pub fn #name(#reader) -> #ret {
                    #(#decls)*
                    #body
                    ::std::result::Result::Ok(#build)
                }
            }
        }
        ShapeKind::Union(s) => {
            let ty = ctx.value_type(id)?;
            let mut names = Vec::new();
            let mut arms = Vec::new();
            for (i, member) in s.members.iter().enumerate() {
                let variant = ctx.variant_ident(id, i)?;
                names.push(p.response_element(member));
                let mut v = value(ctx, p, member).map_err(at)?;
                if ctx.is_boxed(id, member) {
                    v = quote!(::std::boxed::Box::new(#v));
                }
                let i = Literal::usize_unsuffixed(i);
                arms.push(quote!(#i => out = #ty::#variant(#v),));
            }
            let body = child_loop(&names, &arms);
            let ret = result(ty.clone());
            let doc = format!(" Parses a `{}` union from the children of the current element (the last known member wins).", id.name);
            quote! {
                #[doc = #doc]
                #[inline]
                pub fn #name(#reader) -> #ret {
                    let mut out = #ty::Unknown;
                    #body
                    ::std::result::Result::Ok(out)
                }
            }
        }
        ShapeKind::List(item) => {
            let item_ty = aliases.ty(ctx, &item.target)?;
            let item_name = byte_lit(&p.response_list_item(item));
            let charge = charge_item(item_ty.clone());
            let v = value(ctx, p, item).map_err(at)?;
            let ret = result(quote!(::std::vec::Vec<#item_ty>));
            let doc = format!(
                " Parses a `{}` list from the children of the current element.",
                id.name
            );
            quote! {
                #[doc = #doc]
                #[inline]
                pub fn #name(#reader) -> #ret {
                    let mut out = ::std::vec::Vec::new();
                    while let ::std::option::Option::Some(i) = r.next_child(&[#item_name])? {
                        if i == 0 {
                            #charge
                            crate::runtime::xml::push(&mut out, #v);
                        } else {
                            r.skip()?;
                        }
                    }
                    ::std::result::Result::Ok(out)
                }
            }
        }
        ShapeKind::Map { key, value: val } => {
            let ty = aliases.ty(ctx, id)?;
            let k_ty = aliases.ty(ctx, &key.target)?;
            let v_ty = aliases.ty(ctx, &val.target)?;
            let entry = ctx.fn_ident(id, FnKind::DeEntry)?;
            let (key_name, value_name) = p.response_map_entry_elements(key, val);
            let (key_name, value_name) = (byte_lit(&key_name), byte_lit(&value_name));
            let entry_name = byte_lit(p.response_map_entry());
            let kv = value(ctx, p, key).map_err(at)?;
            let vv = value(ctx, p, val).map_err(at)?;
            let ret = result(ty);
            let charge = charge_item(quote!((#k_ty, #v_ty)));
            let entry_ret = result(quote!((#k_ty, #v_ty)));
            let doc = format!(" Parses a `{}` map (its `<entry>` elements) from the children of the current element.", id.name);
            let entry_doc = format!(" Parses one entry of a `{}` map (its key and value) from the children of the current element.", id.name);
            quote! {
                #[doc = #doc]
                #[inline]
                pub fn #name(#reader) -> #ret {
                    let mut out = ::std::collections::HashMap::new();
                    while let ::std::option::Option::Some(i) = r.next_child(&[#entry_name])? {
                        if i == 0 {
                            #charge
                            let (k, v) = #entry(r)?;
                            out.insert(k, v);
                        } else {
                            r.skip()?;
                        }
                    }
                    ::std::result::Result::Ok(out)
                }

                #[doc = #entry_doc]
                #[inline]
                pub fn #entry(#reader) -> #entry_ret {
                    let mut k = ::std::option::Option::None;
                    let mut v = ::std::option::Option::None;
                    while let ::std::option::Option::Some(i) = r.next_child(&[#key_name, #value_name])? {
                        match i {
                            0 => k = ::std::option::Option::Some(#kv),
                            1 => v = ::std::option::Option::Some(#vv),
                            _ => r.skip()?,
                        }
                    }
                    match (k, v) {
                        (::std::option::Option::Some(k), ::std::option::Option::Some(v)) => ::std::result::Result::Ok((k, v)),
                        _ => ::std::result::Result::Err(r.error("a map entry needs a key and a value")),
                    }
                }
            }
        }
        _ => quote!(),
    })
}

/// An expression parsing the current element as a value of the member's
/// target (without `Box`).
pub(crate) fn value(ctx: &Ctx<'_>, p: &dyn WireProtocol, member: &Member) -> Result<TokenStream> {
    let target = ctx.shape(&member.target)?;
    Ok(match &target.kind {
        ShapeKind::Structure(_)
        | ShapeKind::Union(_)
        | ShapeKind::List(_)
        | ShapeKind::Map { .. } => {
            let f: Ident = ctx.fn_ident(&member.target, FnKind::De)?;
            quote!(#f(r)?)
        }
        ShapeKind::Enum(_) => {
            let ty = ctx.value_type(&member.target)?;
            quote!(#ty::from(&*r.read_text()?))
        }
        ShapeKind::IntEnum(_) => {
            let ty = ctx.value_type(&member.target)?;
            quote!(#ty::from(r.read_number::<i64>()?))
        }
        ShapeKind::Simple(simple) => match simple {
            SimpleType::String | SimpleType::BigInteger | SimpleType::BigDecimal => {
                quote!(r.read_string()?)
            }
            SimpleType::Boolean => quote!(r.read_bool()?),
            SimpleType::Byte => quote!(r.read_number::<i8>()?),
            SimpleType::Short => quote!(r.read_number::<i16>()?),
            SimpleType::Integer => quote!(r.read_number::<i32>()?),
            SimpleType::Long => quote!(r.read_number::<i64>()?),
            SimpleType::Float => quote!(r.read_number::<f32>()?),
            SimpleType::Double => quote!(r.read_number::<f64>()?),
            SimpleType::Timestamp => {
                let format = timestamp_format(ctx, p, member, Direction::Response)?;
                quote!(r.read_timestamp(#format)?)
            }
            SimpleType::Blob => quote!(r.read_blob()?),
            SimpleType::Document => {
                return Err(Error::new("document members cannot be read from XML"))
            }
        },
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_nested_request_id_is_read_through_its_path() {
        // awsQuery's `<ResponseMetadata><RequestId>`: not used by EC2 query,
        // so checked here for well-formed code.
        let tokens = read_request_id(&["RequestId"]);
        let block: syn::Block = syn::parse2(quote!({ #tokens; })).expect("a block");
        let text = quote!(#block).to_string();
        assert!(text.contains("b\"RequestId\""), "{text}");
        assert!(text.contains("request_id = :: std :: option :: Option :: Some"));
        assert_eq!(
            read_request_id(&[]).to_string(),
            quote!(request_id = ::std::option::Option::Some(r.read_string()?)).to_string()
        );
    }
}
