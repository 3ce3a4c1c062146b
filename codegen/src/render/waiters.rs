//! Waiters: the [`WaiterPlan`]s emitted as Rust over the generated input
//! and output types.
//!
//! Per waiter the generated module has a `Waiter` constant (name, delays,
//! the acceptors as text, the acceptor function) and the acceptor function
//! itself, which takes the input and the outcome of one call and says which
//! acceptor matches. The polling loop is in the runtime (`waiter.rs`).
//!
//! The acceptors' expressions were type-checked by `passes::waiters`; here
//! each typed node becomes code. Values are kept as borrowed as possible
//! (strings and enums as `&str`, structures as `&T`, lists as iterators
//! until something needs them collected); a nullable value is an `Option`
//! whose later steps go inside one `.map` closure where they can.

mod expr;

use proc_macro2::{Literal as TokLit, TokenStream};
use quote::quote;

use crate::ir::AcceptorState;
use crate::passes::waiters::typed::{Form, Typed};
use crate::passes::waiters::{Arm, Check, Test, WaiterPlan};
use crate::render::docs::{doc_attrs, lines_to_attrs};
use crate::render::ident::ident;
use crate::render::Ctx;
use crate::Result;

/// Renders `src/waiters.rs`: every planned waiter.
pub fn render(ctx: &Ctx<'_>) -> Result<TokenStream> {
    let items = ctx
        .plans
        .waiters
        .iter()
        .map(render_waiter)
        .collect::<Result<Vec<_>>>()?;
    Ok(quote! {
        //! The waiters of the model: per waiter, a [`Waiter`](crate::runtime::waiter::Waiter)
        //! constant to give to `crate::runtime::waiter::wait`, and the
        //! function that says which of its acceptors matches one response.
        //! The acceptors' JMESPath expressions were compiled into these
        //! functions by the generator.

        #(#items)*
    })
}

/// The constant of a waiter in `crate::waiters` (`IMAGE_AVAILABLE`).
pub fn const_name(waiter: &str) -> Result<proc_macro2::Ident> {
    ident(&crate::passes::naming::rules::waiter_const(waiter))
}

fn state_tokens(state: AcceptorState) -> TokenStream {
    match state {
        AcceptorState::Success => quote!(crate::runtime::waiter::AcceptorState::Success),
        AcceptorState::Failure => quote!(crate::runtime::waiter::AcceptorState::Failure),
        AcceptorState::Retry => quote!(crate::runtime::waiter::AcceptorState::Retry),
    }
}

/// `if test { return Some(match) }`, or the bare return for an arm that
/// matches every outcome of its kind.
fn arm(arm: &Arm) -> Result<TokenStream> {
    let state = state_tokens(arm.state);
    let index_lit = TokLit::usize_unsuffixed(arm.index);
    let hit = quote! {
        return ::std::option::Option::Some(crate::runtime::waiter::AcceptorMatch {
            index: #index_lit,
            state: #state,
        });
    };
    Ok(match &arm.test {
        None => hit,
        Some(Test::ErrorCode(code)) => {
            quote!(if failure.code == ::std::option::Option::Some(#code) { #hit })
        }
        Some(Test::ErrorStatus(status)) => {
            let status = TokLit::u16_unsuffixed(*status);
            quote!(if failure.status == ::std::option::Option::Some(#status) { #hit })
        }
        Some(Test::Path {
            expr,
            check,
            input_output,
        }) => {
            let cond = path_test(expr, check, *input_output)?;
            quote!(if #cond { #hit })
        }
    })
}

fn render_waiter(plan: &WaiterPlan) -> Result<TokenStream> {
    let (name, op_name) = (&plan.name, &plan.operation);
    let (input_ty, output_ty) = (&plan.input_type, &plan.output_type);
    let (const_name, fn_name) = (&plan.const_name, &plan.fn_name);
    let (min_delay, max_delay) = (plan.min_delay, plan.max_delay);
    let on_output = plan.on_output.iter().map(arm).collect::<Result<Vec<_>>>()?;
    let on_error = plan.on_error.iter().map(arm).collect::<Result<Vec<_>>>()?;
    let output_pat = if plan.uses_output {
        quote!(output)
    } else {
        quote!(_)
    };
    let failure_pat = if plan.uses_failure {
        quote!(failure)
    } else {
        quote!(_)
    };
    let body = match (on_output.is_empty(), on_error.is_empty()) {
        (true, true) => quote!(let _ = outcome;),
        (false, true) => quote! {
            if let ::std::result::Result::Ok(#output_pat) = outcome { #(#on_output)* }
        },
        (true, false) => quote! {
            if let ::std::result::Result::Err(#failure_pat) = outcome { #(#on_error)* }
        },
        (false, false) => quote! {
            match outcome {
                ::std::result::Result::Ok(#output_pat) => { #(#on_output)* }
                ::std::result::Result::Err(#failure_pat) => { #(#on_error)* }
            }
        },
    };
    let input_param = if plan.uses_input {
        quote!(input)
    } else {
        quote!(_input)
    };

    let spacing = if min_delay == max_delay {
        format!("{min_delay} s apart")
    } else {
        format!("at least {min_delay} s and at most {max_delay} s apart")
    };
    let attempts = match plan.max_attempts {
        Some(n) => format!(", at most {n} times"),
        None => String::new(),
    };
    let mut acceptor_lines = format!(
        "\nPolls `{op_name}` {spacing}{attempts}. Acceptors, the first that matches decides:\n"
    );
    for (i, (text, state)) in plan.acceptors.iter().enumerate() {
        acceptor_lines.push_str(&format!(
            "\n{}. `{}` → {}",
            i + 1,
            text.replace('`', "'"),
            state_name(*state)
        ));
    }
    let const_docs = doc_attrs(
        plan.docs.as_deref(),
        &format!("The `{name}` waiter of `{op_name}`."),
    );
    let const_more = lines_to_attrs(&acceptor_lines);
    let fn_docs = lines_to_attrs(&format!(
        "The acceptors of [`{const_name}`]: the first that matches one outcome of \
         `{op_name}` (`Ok(output)`, or `Err` with the code and HTTP status of an error), if any."
    ));
    let matchers = plan.acceptors.iter().map(|(text, _)| text);
    let min_lit = TokLit::u64_unsuffixed(min_delay);
    let max_lit = TokLit::u64_unsuffixed(max_delay);
    let max_attempts = match plan.max_attempts {
        Some(n) => {
            let n = TokLit::u32_unsuffixed(n);
            quote!(::std::option::Option::Some(#n))
        }
        None => quote!(::std::option::Option::None),
    };
    Ok(quote! {
        #const_docs
        #const_more
        pub const #const_name: crate::runtime::waiter::Waiter<#input_ty, #output_ty> =
            crate::runtime::waiter::Waiter {
                name: #name,
                min_delay: ::std::time::Duration::from_secs(#min_lit),
                max_delay: ::std::time::Duration::from_secs(#max_lit),
                max_attempts: #max_attempts,
                matchers: &[#(#matchers),*],
                acceptors: #fn_name,
            };

        #fn_docs
        #[inline]
        pub fn #fn_name(
            #input_param: &#input_ty,
            outcome: ::std::result::Result<&#output_ty, crate::runtime::waiter::Failure<'_>>,
        ) -> ::std::option::Option<crate::runtime::waiter::AcceptorMatch> {
            #body
            ::std::option::Option::None
        }
    })
}

fn state_name(state: AcceptorState) -> &'static str {
    match state {
        AcceptorState::Success => "success",
        AcceptorState::Failure => "failure",
        AcceptorState::Retry => "retry",
    }
}

/// One path test as a `bool` expression over `output` (and `input` for
/// input/output matchers).
fn path_test(expr: &Typed, check: &Check, input_output: bool) -> Result<TokenStream> {
    let root = if input_output {
        quote!(())
    } else {
        quote!(output)
    };
    let val = expr::emit(expr, root)?;
    Ok(match check {
        Check::StringEquals(expected) => {
            let code = val.code;
            match val.form {
                Form::Plain => quote!(#code == #expected),
                _ => quote!(#code == ::std::option::Option::Some(#expected)),
            }
        }
        Check::BooleanEquals(want) => {
            let code = val.paren();
            match (val.form, want) {
                (Form::Plain, true) => code,
                (Form::Plain, false) => quote!(!#code),
                _ => quote!(#code == ::std::option::Option::Some(#want)),
            }
        }
        Check::AllStringEquals(expected) | Check::AnyStringEquals(expected) => {
            let helper = if matches!(check, Check::AllStringEquals(_)) {
                quote!(crate::runtime::waiter::all_string_equals)
            } else {
                quote!(crate::runtime::waiter::any_string_equals)
            };
            let code = val.code;
            let arg = match val.form {
                Form::Plain => quote!(::std::option::Option::Some(#code)),
                _ => code,
            };
            quote!(#helper(#arg, #expected))
        }
    })
}
