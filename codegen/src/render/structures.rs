//! Structures and unions, the builders of structures, and the aliases of
//! nested lists and maps.

use std::collections::BTreeSet;

use proc_macro2::TokenStream;
use quote::quote;

use crate::emit::{Part, Tokens};
use crate::ir::{Member, Shape, ShapeId, ShapeKind, Structure};
use crate::render::docs::{doc_attrs, literal};
use crate::render::{braced, Ctx, NamedMember};
use crate::Result;

/// Renders a part of the structures (each with its builder), unions and
/// aliases of the model, in shape id order: see [`items`].
pub fn render(ctx: &Ctx<'_>, part: Part) -> Result<Tokens> {
    // The builders of operation inputs are also the operations' fluent
    // builders (see `render::client`).
    let inputs: BTreeSet<&ShapeId> = ctx
        .model
        .operations
        .values()
        .filter_map(|op| op.input.as_ref())
        .collect();
    let mut items = Vec::new();
    for shape in part.of(&self::items(ctx)) {
        match &shape.kind {
            ShapeKind::Structure(_) => {
                items.push(structure(ctx, shape, inputs.contains(&shape.id))?)
            }
            ShapeKind::Union(s) => items.push(union(ctx, shape, s)?),
            _ => {
                if let Some(alias) = ctx.names.alias(&shape.id) {
                    items.push(alias_item(ctx, shape, alias)?);
                }
            }
        }
    }
    Ok(Tokens {
        head: TokenStream::new(),
        items,
    })
}

/// The shapes that have an item in the file, in shape id order.
pub fn items<'a>(ctx: &Ctx<'a>) -> Vec<&'a Shape> {
    ctx.model
        .shapes
        .values()
        .filter(|s| has_item(ctx, s))
        .collect()
}

/// True if `render` has an item to emit.
pub fn has_items(ctx: &Ctx<'_>) -> bool {
    ctx.model.shapes.values().any(|s| has_item(ctx, s))
}

/// True if a shape has an item in the file: a structure, a union, or a list
/// or map that has an alias (nested in another list or map).
fn has_item(ctx: &Ctx<'_>, shape: &Shape) -> bool {
    match shape.kind {
        ShapeKind::Structure(_) | ShapeKind::Union(_) => true,
        ShapeKind::List(_) | ShapeKind::Map { .. } => ctx.names.alias(&shape.id).is_some(),
        _ => false,
    }
}

/// The alias of a list or map held by another list or map.
fn alias_item(ctx: &Ctx<'_>, shape: &Shape, alias: &str) -> Result<TokenStream> {
    let name = crate::render::ident::ident(alias)?;
    let ty = ctx.value_type(&shape.id)?;
    let fallback = format!("The `{}` list or map.", shape.id.name);
    let docs = doc_attrs(shape.docs.as_deref(), &fallback);
    Ok(quote! {
        #docs
        pub type #name = #ty;
    })
}

/// One member's names and types, shared by the struct and its builder.
struct Field<'m> {
    member: &'m Member,
    ident: proc_macro2::Ident,
    setter: proc_macro2::Ident,
    /// A list's setter from any iterator.
    from_setter: Option<proc_macro2::Ident>,
    /// The field's type (with `Option` unless required, and `Box`).
    ty: TokenStream,
    /// The builder's storage type: always an `Option`.
    slot: TokenStream,
    docs: TokenStream,
}

fn fields<'m>(ctx: &Ctx<'m>, shape: &Shape) -> Result<Vec<Field<'m>>> {
    ctx.members(&shape.id)?
        .into_iter()
        .map(
            |NamedMember {
                 member,
                 field,
                 setter,
                 from_setter,
                 ..
             }| {
                let ty = ctx.field_type(&shape.id, member)?;
                let slot = if member.required {
                    quote!(::std::option::Option<#ty>)
                } else {
                    ty.clone()
                };
                let fallback = format!("The `{}` member.", member.name);
                Ok(Field {
                    member,
                    ident: field,
                    setter,
                    from_setter,
                    ty,
                    slot,
                    docs: doc_attrs(member.docs.as_deref(), &fallback),
                })
            },
        )
        .collect()
}

/// A structure, its getters and its builder. The builder of an operation's
/// input (`input`) is generic over what it holds besides the members: `()`
/// by default, a client in the operation's fluent builder, which sends it.
///
/// The builder of a structure whose members are all optional holds the
/// structure itself (`inner`), so that its `Clone`, `PartialEq`, `Debug`
/// and `Default` are the structure's, not code of their own per member;
/// a builder with required members keeps an `Option` per member.
fn structure(ctx: &Ctx<'_>, shape: &Shape, input: bool) -> Result<TokenStream> {
    let name = ctx.type_ident(&shape.id)?;
    let builder = ctx.builder_ident(&shape.id)?;
    let wire_name = &shape.id.name;
    let docs = doc_attrs(
        shape.docs.as_deref(),
        &format!("The `{wire_name}` structure."),
    );
    let fields = fields(ctx, shape)?;
    let all_optional = fields.iter().all(|f| !f.member.required);
    let default = all_optional.then(|| quote!(::std::default::Default,));

    let struct_fields = braced(fields.iter().map(|f| {
        let Field {
            ident, ty, docs, ..
        } = f;
        quote! { #docs pub #ident: #ty, }
    }));
    let (debug_derive, debug_impl) = debug(ctx, shape, &name, &fields, false)?;
    let wrapped = all_optional;
    let (builder_debug_derive, builder_debug_impl) = match (wrapped, input) {
        (true, false) => (quote!(::std::fmt::Debug,), quote!()),
        (true, true) => {
            let builder_name = builder.to_string();
            (
                quote!(),
                quote! {
                    impl<C> ::std::fmt::Debug for #builder<C> {
                        #[inline]
                        fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                            f.debug_struct(#builder_name).field("inner", &self.inner).finish()
                        }
                    }
                },
            )
        }
        (false, _) => debug(ctx, shape, &builder, &fields, input)?,
    };

    let builder_fields: Vec<TokenStream> = if wrapped {
        vec![quote!(inner: #name,)]
    } else {
        fields
            .iter()
            .map(|f| {
                let Field { ident, slot, .. } = f;
                quote!(#ident: #slot,)
            })
            .collect()
    };
    // The generic parameter of an input's builder, and its constructor
    // with a client (all members unset).
    let (params, impl_params, client_field, with_client) = if input {
        let unset: Vec<TokenStream> = if wrapped {
            vec![quote!(inner: ::std::default::Default::default(),)]
        } else {
            fields
                .iter()
                .map(|f| {
                    let ident = &f.ident;
                    quote!(#ident: ::std::option::Option::None,)
                })
                .collect()
        };
        (
            quote!(<C = ()>),
            quote!(<C>),
            quote!(pub(crate) client: C,),
            quote! {
                /// A builder with nothing set that holds `client`.
                #[cfg(feature = "client")]
                #[inline]
                pub(crate) fn with_client(client: C) -> Self {
                    Self { client, #(#unset)* }
                }
            },
        )
    } else {
        (quote!(), quote!(), quote!(), quote!())
    };
    let holder = if wrapped {
        quote!(self.inner)
    } else {
        quote!(self)
    };
    let mut methods = vec![with_client];
    for f in &fields {
        methods.push(setter(ctx, shape, f, &holder)?);
    }
    methods.push(build_fn(&name, wire_name, &fields, wrapped));
    let methods = braced(methods);
    let builder_fields = braced(std::iter::once(client_field).chain(builder_fields));
    let getters = crate::render::getters::getters(ctx, shape)?;
    // A builder that cannot fail converts into its structure, so that a
    // setter taking `impl Into<Structure>` takes the builder as it is.
    let from_builder = all_optional.then(|| {
        quote! {
            impl ::std::convert::From<#builder> for #name {
                #[inline]
                fn from(builder: #builder) -> Self {
                    builder.build()
                }
            }
        }
    });
    let builder_doc = if input {
        format!(
            " A builder for [`{name}`]. `C` is `()` in a builder of the input alone; \
             the client's method of the operation gives one that holds the client \
             (its fluent builder), which also sends the request."
        )
    } else {
        format!(" A builder for [`{name}`].")
    };
    let builder_fn_doc = format!(" Starts building a [`{name}`].");

    Ok(quote! {
        #docs
        #[derive(::std::clone::Clone, ::std::cmp::PartialEq, #debug_derive #default)]
        #[non_exhaustive]
        pub struct #name #struct_fields

        impl #name {
            #[doc = #builder_fn_doc]
            #[inline]
            pub fn builder() -> #builder {
                <#builder as ::std::default::Default>::default()
            }
        }

        #getters

        #debug_impl

        #builder_debug_impl

        #[doc = #builder_doc]
        #[derive(::std::clone::Clone, ::std::cmp::PartialEq, #builder_debug_derive ::std::default::Default)]
        pub struct #builder #params #builder_fields

        impl #impl_params #builder #impl_params #methods

        #from_builder
    })
}

/// `derive(Debug)`, or a hand-rolled `Debug` that redacts sensitive members
/// and, in the `generic` builder of an input, leaves the client out.
fn debug(
    ctx: &Ctx<'_>,
    shape: &Shape,
    name: &proc_macro2::Ident,
    fields: &[Field<'_>],
    generic: bool,
) -> Result<(TokenStream, TokenStream)> {
    let mut sensitive = Vec::with_capacity(fields.len());
    for f in fields {
        sensitive.push(shape.sensitive || ctx.shape(&f.member.target)?.sensitive);
    }
    if !sensitive.contains(&true) && !generic {
        return Ok((quote!(::std::fmt::Debug,), quote!()));
    }
    let params = if generic { quote!(<C>) } else { quote!() };
    let type_name = name.to_string();
    let entries = fields.iter().zip(sensitive).map(|(f, secret)| {
        let ident = &f.ident;
        let label = ident.to_string();
        if secret {
            quote!(.field(#label, &"*** Sensitive Data Redacted ***"))
        } else {
            quote!(.field(#label, &self.#ident))
        }
    });
    Ok((
        quote!(),
        quote! {
            impl #params ::std::fmt::Debug for #name #params {
                #[inline]
                fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                    f.debug_struct(#type_name) #(#entries)* .finish()
                }
            }
        },
    ))
}

/// How one member is set through a builder: the fluent setter's
/// parameters, what it does to the builder's field, and its doc verb.
struct Setter {
    /// Parameters after `mut self`.
    pub params: TokenStream,
    /// The statement that updates `self.field`.
    pub body: TokenStream,
    /// `Sets`, `Appends one item to` or `Inserts one entry into`.
    pub verb: &'static str,
    /// `#[allow(clippy::should_implement_trait)]` where the name needs it.
    pub allow: TokenStream,
}

/// The fluent setter of one member, whose field `holder` holds: it appends
/// for lists, inserts for maps, and sets (boxing where needed) otherwise.
fn setter_parts(
    ctx: &Ctx<'_>,
    owner: &ShapeId,
    member: &Member,
    field: &proc_macro2::Ident,
    holder: &TokenStream,
) -> Result<Setter> {
    let target = ctx.shape(&member.target)?;
    let allow = allow_for(field);
    Ok(match &target.kind {
        ShapeKind::List(item) => {
            let item_ty = ctx.value_type(&item.target)?;
            Setter {
                params: quote!(item: impl ::std::convert::Into<#item_ty>),
                body: quote!(#holder.#field.get_or_insert_with(::std::vec::Vec::new).push(item.into());),
                verb: "Appends one item to",
                allow,
            }
        }
        ShapeKind::Map { key, value } => {
            let k = ctx.value_type(&key.target)?;
            let v = ctx.value_type(&value.target)?;
            Setter {
                params: quote!(key: impl ::std::convert::Into<#k>, value: impl ::std::convert::Into<#v>),
                body: quote!(#holder.#field.get_or_insert_with(::std::collections::HashMap::new).insert(key.into(), value.into());),
                verb: "Inserts one entry into",
                allow,
            }
        }
        _ => {
            let ty = ctx.value_type(&member.target)?;
            let value = if ctx.is_boxed(owner, member) {
                quote!(::std::boxed::Box::new(input.into()))
            } else {
                quote!(input.into())
            };
            Setter {
                params: quote!(input: impl ::std::convert::Into<#ty>),
                body: quote!(#holder.#field = ::std::option::Option::Some(#value);),
                verb: "Sets",
                allow,
            }
        }
    })
}

/// The builder methods of one member: the fluent setter and `set_*`, which
/// replaces the whole value. `holder` holds the member's field (`self`, or
/// `self.inner`).
fn setter(
    ctx: &Ctx<'_>,
    shape: &Shape,
    f: &Field<'_>,
    holder: &TokenStream,
) -> Result<TokenStream> {
    let Field {
        ident,
        setter,
        slot,
        member,
        ..
    } = f;
    // The field's docs are not repeated: the builder links to them.
    let link = format!("[`{}::{ident}`]", ctx.names.type_name(&shape.id)?);
    let set_doc = literal(&format!(
        " Sets {link}, replacing any value (`None` unsets it)."
    ));
    let Setter {
        params,
        body,
        verb,
        allow,
        ..
    } = setter_parts(ctx, &shape.id, member, ident, holder)?;
    let doc = literal(&format!(" {verb} {link}."));
    let from = match f.from_setter.as_ref() {
        Some(from_setter) => {
            let FromSetter { params, value } = from_setter_parts(ctx, &shape.id, member)?;
            let doc = literal(&format!(
                " Sets {link} to these items, replacing any value."
            ));
            quote! {
                #[doc = #doc]
                #[inline]
                pub fn #from_setter(mut self, #params) -> Self {
                    #holder.#ident = ::std::option::Option::Some(#value);
                    self
                }
            }
        }
        None => quote!(),
    };
    Ok(quote! {
        #allow
        #[doc = #doc]
        #[inline]
        pub fn #ident(mut self, #params) -> Self {
            #body
            self
        }
        #[doc = #set_doc]
        #[inline]
        pub fn #setter(mut self, input: #slot) -> Self {
            #holder.#ident = input;
            self
        }
        #from
    })
}

/// The setter of a list member from any iterator: its parameter, and the
/// field's value made of it.
struct FromSetter {
    /// `items: impl IntoIterator<Item = impl Into<T>>`.
    pub params: TokenStream,
    /// The collected list (boxed where the field is).
    pub value: TokenStream,
}

fn from_setter_parts(ctx: &Ctx<'_>, owner: &ShapeId, member: &Member) -> Result<FromSetter> {
    let ShapeKind::List(item) = &ctx.shape(&member.target)?.kind else {
        return Err(
            crate::Error::new("only a list member has a setter from an iterator")
                .at(format!("shape {owner}, member {}", member.name)),
        );
    };
    let item_ty = ctx.value_type(&item.target)?;
    let list = quote!(items.into_iter().map(::std::convert::Into::into).collect::<::std::vec::Vec<#item_ty>>());
    let value = if ctx.is_boxed(owner, member) {
        quote!(::std::boxed::Box::new(#list))
    } else {
        list
    };
    Ok(FromSetter {
        params: quote!(items: impl ::std::iter::IntoIterator<Item = impl ::std::convert::Into<#item_ty>>),
        value,
    })
}

/// A member named like a std trait method (`add`, `next`...) is still the
/// model's name for it: keep it, and tell clippy so.
pub(crate) fn allow_for(method: &proc_macro2::Ident) -> TokenStream {
    if SHADOWED_TRAIT_METHODS.contains(&method.to_string().as_str()) {
        quote!(#[allow(clippy::should_implement_trait)])
    } else {
        quote!()
    }
}

/// Method names clippy expects to implement a std trait.
const SHADOWED_TRAIT_METHODS: &[&str] = &[
    "add",
    "as_mut",
    "as_ref",
    "bitand",
    "bitor",
    "bitxor",
    "borrow",
    "borrow_mut",
    "clone",
    "cmp",
    "default",
    "deref",
    "deref_mut",
    "div",
    "drop",
    "eq",
    "from_iter",
    "from_str",
    "hash",
    "index",
    "index_mut",
    "into_iter",
    "mul",
    "neg",
    "next",
    "not",
    "rem",
    "shl",
    "shr",
    "sub",
];

/// `build()`: infallible when no member is required (the structure a
/// `wrapped` builder holds), else a `Result` that names the first required
/// member left unset.
fn build_fn(
    name: &proc_macro2::Ident,
    wire_name: &str,
    fields: &[Field<'_>],
    wrapped: bool,
) -> TokenStream {
    let doc = format!(" Builds the [`{name}`].");
    if wrapped {
        return quote! {
            #[doc = #doc]
            #[inline]
            pub fn build(self) -> #name {
                self.inner
            }
        };
    }
    let required = fields.iter().any(|f| f.member.required);
    let inits = fields.iter().map(|f| {
        let ident = &f.ident;
        if f.member.required {
            let member = &f.member.name;
            quote! {
                #ident: self.#ident.ok_or_else(|| crate::runtime::BuildError::missing(#wire_name, #member))?,
            }
        } else {
            quote!(#ident: self.#ident,)
        }
    });
    if required {
        let err_doc = " Fails if a required member was not set.";
        quote! {
            #[doc = #doc]
            #[doc = ""]
            #[doc = #err_doc]
            #[inline]
            pub fn build(self) -> ::std::result::Result<#name, crate::runtime::BuildError> {
                ::std::result::Result::Ok(#name { #(#inits)* })
            }
        }
    } else {
        quote! {
            #[doc = #doc]
            #[inline]
            pub fn build(self) -> #name {
                #name { #(#inits)* }
            }
        }
    }
}

fn union(ctx: &Ctx<'_>, shape: &Shape, s: &Structure) -> Result<TokenStream> {
    let name = ctx.type_ident(&shape.id)?;
    let docs = doc_attrs(
        shape.docs.as_deref(),
        &format!("The `{}` union.", shape.id.name),
    );
    let mut variants = Vec::new();
    for (i, member) in s.members.iter().enumerate() {
        let variant = ctx.variant_ident(&shape.id, i)?;
        let ty = ctx.variant_type(&shape.id, member)?;
        let wire = &member.name;
        let vdocs = doc_attrs(member.docs.as_deref(), &format!("The `{wire}` member."));
        variants.push(quote! {
            #vdocs
            #variant(#ty),
        });
    }
    Ok(quote! {
        #docs
        #[derive(::std::clone::Clone, ::std::cmp::PartialEq, ::std::fmt::Debug)]
        #[non_exhaustive]
        pub enum #name {
            #(#variants)*
            /// A member this version of the crate does not know.
            Unknown,
        }
    })
}
