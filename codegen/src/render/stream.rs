//! Streamed lists (`src/protocol/stream.rs`): for each paginated operation,
//! where its items are in the answer and how one is parsed, for the
//! runtime's `stream::ListPlan`; and the fluent builder's
//! `send_streaming()`.
//!
//! Which list is streamed, and where it is in the answer, is the paginator
//! plan's ([`crate::passes::paginators`]); this module only emits it.

use proc_macro2::{Literal, TokenStream};
use quote::quote;

use crate::ir::Operation;
use crate::passes::paginators::PaginatorPlan;
use crate::protocols;
use crate::render::deserialize::value;
use crate::render::ident::ident;
use crate::render::Ctx;
use crate::{Error, Result};

/// True if some operation's answer has a streamed list.
pub fn has_streams(ctx: &Ctx<'_>) -> bool {
    !ctx.plans.paginators.is_empty()
}

/// The name of an operation's `ListPlan` const (`DESCRIBE_IMAGES`).
fn plan_name(ctx: &Ctx<'_>, op: &Operation) -> Result<proc_macro2::Ident> {
    ident(&ctx.operation(&op.id)?.function.to_uppercase())
}

/// `src/protocol/stream.rs`.
pub fn render(ctx: &Ctx<'_>) -> Result<TokenStream> {
    let p = protocols::for_service(&ctx.model.service)?;
    let mut items = Vec::new();
    for (id, plan) in &ctx.plans.paginators {
        let op = ctx
            .model
            .operations
            .get(id)
            .ok_or_else(|| Error::new(format!("no operation {id}")))?;
        let at = |e: Error| e.at(format!("streamed list of {}", op.id.name));
        items.push(list_plan(ctx, p, op, plan).map_err(at)?);
    }
    Ok(quote! {
        //! Where the items of each paginated operation's answer are, and how
        //! one is parsed: what the runtime needs to stream them from the
        //! connection as they arrive.

        #[allow(unused_imports)]
        use crate::protocol::deserialize::*;

        #(#items)*
    })
}

fn list_plan(
    ctx: &Ctx<'_>,
    p: &dyn protocols::WireProtocol,
    op: &Operation,
    plan: &PaginatorPlan,
) -> Result<TokenStream> {
    let s = &plan.stream;
    let output = op
        .output
        .as_ref()
        .ok_or_else(|| Error::new("a paginated operation needs an output"))?;
    let output_ty = ctx.value_type(output)?;
    let item_ty = &plan.item_type;
    let function = &ctx.operation(&op.id)?.function;
    let plan_const = plan_name(ctx, op)?;
    let parse_answer = ident(function)?;
    let parse_item = ident(&format!("{function}_item"))?;
    let read = value(ctx, p, &s.item_member)?;
    let lit = |name: &str| Literal::byte_string(name.as_bytes());
    let (root, item, error_root) = (lit(&s.root), lit(&s.item), lit(&s.error_root));
    let path = s.path.iter().map(|e| lit(e));
    let action = &op.id.name;
    let doc = format!(
        " Where the `{}` of a `{action}` answer are, to stream them.",
        plan.items
    );
    let item_doc = format!(
        " Parses one of the `{}` of a `{action}` answer.",
        plan.items
    );
    // A `const`, not a `static`: a static is a root of code generation in
    // the crate that defines it, and would compile the operation's parsers
    // (and all they reach) there even when no program streams its list.
    Ok(quote! {
        #[doc = #doc]
        pub const #plan_const: crate::runtime::stream::ListPlan<#item_ty, #output_ty> =
            crate::runtime::stream::ListPlan {
                path: crate::runtime::stream::ListPath {
                    root: #root,
                    path: &[#(#path),*],
                    item: #item,
                    error_root: #error_root,
                },
                parse_item: #parse_item,
                parse_answer: crate::protocol::deserialize::#parse_answer,
            };

        #[doc = #item_doc]
        #[allow(clippy::needless_question_mark)]
        #[inline]
        fn #parse_item(
            r: &mut crate::runtime::xml::Reader<'_>,
        ) -> ::std::result::Result<#item_ty, crate::runtime::XmlError> {
            ::std::result::Result::Ok(#read)
        }
    })
}

/// The fluent builder's `send_streaming()` and the paginator's streaming
/// hooks, for an operation with a streamed list; `body` is the request's
/// body, as `send` has it.
pub fn fluent_methods(
    ctx: &Ctx<'_>,
    op: &Operation,
    plan: &PaginatorPlan,
    body: &TokenStream,
) -> Result<(TokenStream, TokenStream)> {
    let output = op
        .output
        .as_ref()
        .ok_or_else(|| Error::new("a paginated operation needs an output"))?;
    let output_ty = ctx.value_type(output)?;
    let item_ty = &plan.item_type;
    let plan_const = plan_name(ctx, op)?;
    let action = &op.id.name;
    let doc = format!(
        " Sends the request and yields the `{items}` of the answer one by one, each as soon as \
         it has arrived, in memory bounded by one item (see \
         [`ItemStream`](crate::runtime::stream::ItemStream)): retries happen before the first \
         item, never after; an error in the middle of the answer comes as one `Err` after the \
         items before it, then the stream ends. The rest of the answer (`{token}`...) is \
         [`output`](crate::runtime::stream::ItemStream::output) once the stream has ended.",
        items = plan.items,
        token = plan.output_token,
    );
    let method = quote! {
        #[doc = #doc]
        #[inline]
        pub fn send_streaming(
            self,
        ) -> impl ::std::future::Future<
            Output = ::std::result::Result<
                crate::runtime::stream::ItemStream<#item_ty, #output_ty>,
                crate::runtime::operation::Error,
            >,
        > {
            let handle = ::std::clone::Clone::clone(&self.client.handle);
            let body = #body;
            crate::runtime::stream::call_streaming(
                handle,
                #action,
                body,
                &crate::protocol::stream::#plan_const,
            )
        }
    };
    let hooks = quote! {
        const STREAMED: bool = true;

        #[inline]
        fn send_streaming_call(
            self,
        ) -> ::std::option::Option<crate::runtime::stream::StreamFuture<Self::Item, Self::Output>> {
            ::std::option::Option::Some(::std::boxed::Box::pin(self.send_streaming()))
        }
    };
    Ok((method, hooks))
}
