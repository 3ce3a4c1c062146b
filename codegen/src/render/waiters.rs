//! Waiters: each acceptor's JMESPath expression compiled into typed Rust
//! over the generated input and output types.
//!
//! Per waiter the generated module has a `Waiter` constant (name, delays,
//! the acceptors as text, the acceptor function) and the acceptor function
//! itself, which takes the input and the outcome of one call and says which
//! acceptor matches. The polling loop is in the runtime (`waiter.rs`).
//!
//! The compiler walks the IR shapes to know each value's Rust type. Values
//! are represented as borrowed as possible: strings and enums as `&str`
//! (enums through `as_str()`), numbers as `i64` or `f64`, booleans as
//! `bool`, structures as `&T`, lists as iterators (or `Vec`s once
//! collected). A JMESPath null is an `Option::None`; an expression that
//! JMESPath reports as an error (`length(null)`) is tracked apart, so that it
//! makes the acceptor not match, as the Smithy specification says.
//! Expressions whose result is known at generation time to be always null
//! or always false (a field of a list, comparing a string with a number...)
//! are errors: they are mistakes in the model, better reported now.

use heck::{ToShoutySnakeCase, ToSnakeCase};
use proc_macro2::{Literal as TokLit, TokenStream};
use quote::{quote, ToTokens};

use crate::ir::{
    AcceptorState, Comparator, Matcher, Operation, ShapeId, ShapeKind, SimpleType, Waiter,
};
use crate::jmespath::{self, CmpOp, Expr, Literal};
use crate::render::docs::{doc_attrs, lines_to_attrs};
use crate::render::ident::ident;
use crate::render::Ctx;
use crate::{Error, Result};

/// The Smithy default maximum delay, for models that do not set one.
const DEFAULT_MAX_DELAY: u64 = 120;

/// Renders `src/waiters.rs`: every waiter of every operation of the model.
pub fn render(ctx: &Ctx<'_>) -> Result<TokenStream> {
    let mut items = Vec::new();
    for op in ctx.model.operations.values() {
        for (name, waiter) in &op.waiters {
            items.push(
                render_waiter(ctx, op, name, waiter)
                    .map_err(|e| e.at(format!("operation {}, waiter {name}", op.id.name)))?,
            );
        }
    }
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
    ident(&waiter.to_shouty_snake_case())
}

/// The text of an acceptor's matcher, for error messages and docs
/// (`pathAny Images[].State == "failed"`).
pub fn matcher_text(matcher: &Matcher) -> String {
    let path = |path: &str, expected: &str, comparator: Comparator| {
        let (kind, value) = match comparator {
            Comparator::StringEquals => ("path", format!("{expected:?}")),
            Comparator::BooleanEquals => ("path", expected.to_string()),
            Comparator::AllStringEquals => ("pathAll", format!("{expected:?}")),
            Comparator::AnyStringEquals => ("pathAny", format!("{expected:?}")),
        };
        (kind, format!("{path} == {value}"))
    };
    match matcher {
        Matcher::Output {
            path: p,
            expected,
            comparator,
        } => {
            let (kind, text) = path(p, expected, *comparator);
            format!("{kind} {text}")
        }
        Matcher::InputOutput {
            path: p,
            expected,
            comparator,
        } => {
            let (kind, text) = path(p, expected, *comparator);
            format!("inputOutput {kind} {text}")
        }
        Matcher::Success(true) => "success".into(),
        Matcher::Success(false) => "error (any)".into(),
        Matcher::ErrorType(code) => format!("error {code}"),
        Matcher::Status(status) => format!("status {status}"),
    }
}

fn state_tokens(state: AcceptorState) -> TokenStream {
    match state {
        AcceptorState::Success => quote!(crate::runtime::waiter::AcceptorState::Success),
        AcceptorState::Failure => quote!(crate::runtime::waiter::AcceptorState::Failure),
        AcceptorState::Retry => quote!(crate::runtime::waiter::AcceptorState::Retry),
    }
}

fn render_waiter(
    ctx: &Ctx<'_>,
    op: &Operation,
    name: &str,
    waiter: &Waiter,
) -> Result<TokenStream> {
    let (Some(input_id), Some(output_id)) = (&op.input, &op.output) else {
        return Err(Error::new(
            "waiters of operations without an input or an output are not supported",
        ));
    };
    let input_ty = ctx.value_type(input_id)?;
    let output_ty = ctx.value_type(output_id)?;
    let const_name = const_name(name)?;
    let fn_name = ident(&name.to_snake_case())?;
    let max_delay = waiter
        .max_delay
        .unwrap_or(DEFAULT_MAX_DELAY.max(waiter.min_delay));
    if waiter.min_delay == 0 || waiter.min_delay > max_delay {
        return Err(Error::new(format!(
            "minDelay ({}) must be at least 1 and at most maxDelay ({max_delay})",
            waiter.min_delay
        )));
    }
    let min_delay = waiter.min_delay;

    let mut on_output = Vec::new();
    let mut on_error = Vec::new();
    let (mut output_done, mut error_done) = (false, false);
    let (mut uses_input, mut uses_output, mut uses_code) = (false, false, false);
    let mut texts = Vec::new();
    for (index, acceptor) in waiter.acceptors.iter().enumerate() {
        let place = || format!("operation {}, waiter {name}, acceptor {index}", op.id.name);
        let text = matcher_text(&acceptor.matcher);
        texts.push(text.clone());
        let state = state_tokens(acceptor.state);
        let index_lit = TokLit::usize_unsuffixed(index);
        let hit = quote! {
            return ::std::option::Option::Some(crate::runtime::waiter::AcceptorMatch {
                index: #index_lit,
                state: #state,
            });
        };
        // `None` = matches every outcome of its kind.
        let (on_ok, cond) = match &acceptor.matcher {
            Matcher::Output {
                path,
                expected,
                comparator,
            } => {
                uses_output = true;
                let root = Val::plain(quote!(output), Ty::Struct(output_id.clone()));
                let cond = compile_matcher(ctx, path, expected, *comparator, root)
                    .map_err(|e| e.at(place()))?;
                (true, Some(cond))
            }
            Matcher::InputOutput {
                path,
                expected,
                comparator,
            } => {
                uses_input = true;
                uses_output = true;
                let root = Val::plain(
                    quote!(()),
                    Ty::Root {
                        input: input_id.clone(),
                        output: output_id.clone(),
                    },
                );
                let cond = compile_matcher(ctx, path, expected, *comparator, root)
                    .map_err(|e| e.at(place()))?;
                (true, Some(cond))
            }
            Matcher::Success(true) => (true, None),
            Matcher::Success(false) => (false, None),
            Matcher::Status(status) if (200..300).contains(status) => (true, None),
            Matcher::Status(status) => {
                return Err(Error::new(format!(
                    "a status matcher for HTTP {status} is not supported: only 2xx \
                     statuses (which mean the call succeeded) are"
                ))
                .at(place()))
            }
            Matcher::ErrorType(code) => {
                uses_code = true;
                (
                    false,
                    Some(quote!(code == ::std::option::Option::Some(#code))),
                )
            }
        };
        let (items, done) = if on_ok {
            (&mut on_output, &mut output_done)
        } else {
            (&mut on_error, &mut error_done)
        };
        // After an acceptor that matches every outcome of its kind, later
        // ones of that kind can never match.
        if *done {
            continue;
        }
        match cond {
            Some(cond) => items.push(quote!(if #cond { #hit })),
            None => {
                items.push(hit);
                *done = true;
            }
        }
    }

    let output_pat = if uses_output {
        quote!(output)
    } else {
        quote!(_)
    };
    let code_pat = if uses_code { quote!(code) } else { quote!(_) };
    let body = match (on_output.is_empty(), on_error.is_empty()) {
        (true, true) => quote!(),
        (false, true) => quote! {
            if let ::std::result::Result::Ok(#output_pat) = outcome { #(#on_output)* }
        },
        (true, false) => quote! {
            if let ::std::result::Result::Err(#code_pat) = outcome { #(#on_error)* }
        },
        (false, false) => quote! {
            match outcome {
                ::std::result::Result::Ok(#output_pat) => { #(#on_output)* }
                ::std::result::Result::Err(#code_pat) => { #(#on_error)* }
            }
        },
    };
    let body = if on_output.is_empty() && on_error.is_empty() {
        quote!(let _ = outcome;)
    } else {
        body
    };
    let input_param = if uses_input {
        quote!(input)
    } else {
        quote!(_input)
    };

    let op_name = &op.id.name;
    let mut acceptor_lines = format!(
        "\nPolls `{op_name}` at least {min_delay} s and at most {max_delay} s apart. Acceptors, the first that matches decides:\n"
    );
    for (i, (a, text)) in waiter.acceptors.iter().zip(&texts).enumerate() {
        acceptor_lines.push_str(&format!(
            "\n{}. `{}` → {}",
            i + 1,
            text.replace('`', "'"),
            AcceptorStateName(a.state)
        ));
    }
    let const_docs = doc_attrs(
        waiter.docs.as_deref(),
        &format!("The `{name}` waiter of `{}`.", op.id.name),
    );
    let const_more = lines_to_attrs(&acceptor_lines);
    let fn_docs = lines_to_attrs(&format!(
        "The acceptors of [`{const_name}`]: the first that matches one outcome of \
         `{op_name}` (`Ok(output)`, `Err(Some(code))` for a service error with that code, \
         `Err(None)` for any other error), if any."
    ));
    let matchers = texts.iter();
    let min_lit = TokLit::u64_unsuffixed(min_delay);
    let max_lit = TokLit::u64_unsuffixed(max_delay);
    Ok(quote! {
        #const_docs
        #const_more
        pub const #const_name: crate::runtime::waiter::Waiter<#input_ty, #output_ty> =
            crate::runtime::waiter::Waiter {
                name: #name,
                min_delay: ::std::time::Duration::from_secs(#min_lit),
                max_delay: ::std::time::Duration::from_secs(#max_lit),
                matchers: &[#(#matchers),*],
                acceptors: #fn_name,
            };

        #fn_docs
        pub fn #fn_name(
            #input_param: &#input_ty,
            outcome: ::std::result::Result<&#output_ty, ::std::option::Option<&str>>,
        ) -> ::std::option::Option<crate::runtime::waiter::AcceptorMatch> {
            #body
            ::std::option::Option::None
        }
    })
}

struct AcceptorStateName(AcceptorState);

impl std::fmt::Display for AcceptorStateName {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self.0 {
            AcceptorState::Success => "success",
            AcceptorState::Failure => "failure",
            AcceptorState::Retry => "retry",
        })
    }
}

/// Compiles one path matcher into a `bool` expression over `output` (and
/// `input` for input/output matchers).
pub fn compile_matcher(
    ctx: &Ctx<'_>,
    path: &str,
    expected: &str,
    comparator: Comparator,
    root: Val,
) -> Result<TokenStream> {
    let expr = jmespath::parse(path)?;
    let mut c = Compiler { ctx, fresh: 0 };
    let val = c
        .compile(&expr, &root)
        .map_err(|e| Error::new(format!("JMESPath expression `{path}`: {}", e.message)))?;
    let fail = |msg: String| Error::new(format!("JMESPath expression `{path}`: {msg}"));
    match comparator {
        Comparator::StringEquals => {
            if val.ty != Ty::Str {
                return Err(fail(format!(
                    "gives {}, never a string: stringEquals cannot match",
                    val.ty.describe()
                )));
            }
            let code = val.code;
            Ok(match val.form {
                Form::Plain => quote!(#code == #expected),
                _ => quote!(#code == ::std::option::Option::Some(#expected)),
            })
        }
        Comparator::BooleanEquals => {
            let want = match expected {
                "true" => true,
                "false" => false,
                other => {
                    return Err(fail(format!(
                        "booleanEquals expects `true` or `false`, not {other:?}"
                    )))
                }
            };
            if val.ty != Ty::Bool {
                return Err(fail(format!(
                    "gives {}, never a boolean: booleanEquals cannot match",
                    val.ty.describe()
                )));
            }
            let code = val.paren();
            Ok(match (val.form, want) {
                (Form::Plain, true) => code,
                (Form::Plain, false) => quote!(!#code),
                _ => quote!(#code == ::std::option::Option::Some(#want)),
            })
        }
        Comparator::AllStringEquals | Comparator::AnyStringEquals => {
            if val.ty != Ty::List(Box::new(Ty::Str)) {
                return Err(fail(format!(
                    "gives {}, never a list of strings: {} cannot match",
                    val.ty.describe(),
                    if comparator == Comparator::AllStringEquals {
                        "allStringEquals"
                    } else {
                        "anyStringEquals"
                    }
                )));
            }
            let helper = if comparator == Comparator::AllStringEquals {
                quote!(crate::runtime::waiter::all_string_equals)
            } else {
                quote!(crate::runtime::waiter::any_string_equals)
            };
            let code = val.code;
            let arg = match val.form {
                Form::Plain => quote!(::std::option::Option::Some(#code)),
                _ => code,
            };
            Ok(quote!(#helper(#arg, #expected)))
        }
    }
}

/// The JMESPath type of a compiled value, known at generation time.
#[derive(Debug, Clone, PartialEq)]
pub enum Ty {
    /// A boolean (`bool`).
    Bool,
    /// An integer (`i64`).
    Int,
    /// A floating-point number (`f64`).
    Float,
    /// A string or an enum (`&str`).
    Str,
    /// A structure (`&T`).
    Struct(ShapeId),
    /// A list (an iterator, or a `Vec` once collected).
    List(Box<Ty>),
    /// A value that can be carried but not compared (maps, timestamps,
    /// blobs, unions, int enums), by its kind name (`&T`).
    Opaque(&'static str),
    /// The `{input, output}` object of an input/output matcher.
    Root {
        /// The input structure.
        input: ShapeId,
        /// The output structure.
        output: ShapeId,
    },
    /// The `null` literal.
    Null,
}

impl Ty {
    fn describe(&self) -> String {
        match self {
            Ty::Bool => "a boolean".into(),
            Ty::Int | Ty::Float => "a number".into(),
            Ty::Str => "a string".into(),
            Ty::Struct(id) => format!("a structure ({})", id.name),
            Ty::List(t) => format!("a list of {}", t.describe().trim_start_matches("a ")),
            Ty::Opaque(kind) => format!("a {kind}"),
            Ty::Root { .. } => "the input/output object".into(),
            Ty::Null => "null".into(),
        }
    }
}

/// How a compiled value's code stands for JMESPath's null and errors.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Form {
    /// The code is the value itself: never null.
    Plain,
    /// The code is an `Option`; `None` is null.
    Nullable,
    /// The code is an `Option`; `None` is an error (the acceptor does not
    /// match), never null.
    Fallible,
}

/// A compiled expression: Rust code, its JMESPath type and form.
#[derive(Debug, Clone)]
pub struct Val {
    code: TokenStream,
    ty: Ty,
    form: Form,
    /// The code is a path or a call chain: a postfix `.x` needs no parens.
    atomic: bool,
    /// A list whose code is an iterator (not collected yet).
    lazy: bool,
    /// For an `Option` built as `base.map(|var| body)`: the parts, so that
    /// later steps go inside the closure instead of adding `.map`s.
    mapped: Option<Mapped>,
}

/// The parts of `base.map(|var| body)`.
#[derive(Debug, Clone)]
struct Mapped {
    base: TokenStream,
    var: TokenStream,
    body: TokenStream,
    /// `body` is a path or call chain.
    body_atomic: bool,
}

impl Val {
    /// A value that is never null, whose code is a path.
    pub fn plain(code: TokenStream, ty: Ty) -> Val {
        Val {
            code,
            ty,
            form: Form::Plain,
            atomic: true,
            lazy: false,
            mapped: None,
        }
    }

    /// The code, in parentheses unless it is atomic.
    fn paren(&self) -> TokenStream {
        let code = &self.code;
        if self.atomic {
            code.clone()
        } else {
            quote!((#code))
        }
    }
}

struct Compiler<'c, 'm> {
    ctx: &'c Ctx<'m>,
    fresh: usize,
}

impl Compiler<'_, '_> {
    /// A fresh closure parameter name.
    fn var(&mut self) -> Result<TokenStream> {
        let name = ident(&format!("v{}", self.fresh))?;
        self.fresh += 1;
        Ok(quote!(#name))
    }

    /// `f` applied inside an `Option` value: `base.map(|var| f(body))`,
    /// reusing the closure of a value built that way. `f` gets the inner
    /// value (in parentheses unless atomic); `needs_mut` when it calls a
    /// `&mut self` method on it; `atomic` says whether `f`'s result is.
    fn map_opt(
        &mut self,
        v: &Val,
        needs_mut: bool,
        atomic: bool,
        f: impl FnOnce(TokenStream) -> TokenStream,
    ) -> Result<(TokenStream, Option<Mapped>)> {
        let (base, var, inner) = match &v.mapped {
            Some(m) => {
                let body = &m.body;
                let inner = if m.body_atomic {
                    body.clone()
                } else {
                    quote!((#body))
                };
                (m.base.clone(), m.var.clone(), inner)
            }
            None => {
                let x = self.var()?;
                let binding = if needs_mut { quote!(mut #x) } else { x.clone() };
                (v.paren(), binding, x)
            }
        };
        let body = f(inner);
        let code = quote!(#base.map(|#var| #body));
        Ok((
            code,
            Some(Mapped {
                base,
                var,
                body,
                body_atomic: atomic,
            }),
        ))
    }

    /// `f` applied to the value: directly if never null, else inside the
    /// `Option`. Keeps the form; the result's code is atomic if `atomic` or
    /// inside an `Option`.
    fn apply(
        &mut self,
        mut v: Val,
        needs_mut: bool,
        atomic: bool,
        f: impl FnOnce(TokenStream) -> TokenStream,
    ) -> Result<Val> {
        if v.form == Form::Plain {
            v.code = f(v.paren());
            v.atomic = atomic;
            v.mapped = None;
        } else {
            let (code, mapped) = self.map_opt(&v, needs_mut, atomic, f)?;
            v.code = code;
            v.mapped = mapped;
            v.atomic = true;
        }
        Ok(v)
    }

    /// The same list as an iterator (`into_iter()` on a collected one).
    fn iter(&mut self, v: Val) -> Result<Val> {
        if v.lazy || !matches!(v.ty, Ty::List(_)) {
            return Ok(v);
        }
        let mut v = self.apply(v, false, true, |x| quote!(#x.into_iter()))?;
        v.lazy = true;
        Ok(v)
    }

    /// The same list collected into a `Vec` (a no-op unless lazy).
    fn collected(&mut self, v: Val) -> Result<Val> {
        if !v.lazy {
            return Ok(v);
        }
        let mut v = self.apply(
            v,
            false,
            true,
            |x| quote!(#x.collect::<::std::vec::Vec<_>>()),
        )?;
        v.lazy = false;
        Ok(v)
    }

    fn compile(&mut self, expr: &Expr, cur: &Val) -> Result<Val> {
        match expr {
            Expr::Current => Ok(cur.clone()),
            Expr::Field(name) => self.field(cur, name),
            Expr::Sub(left, right) => {
                let left = self.compile(left, cur)?;
                self.compile(right, &left)
            }
            Expr::Pipe(left, right) => {
                let left = self.compile(left, cur)?;
                self.compile(right, &left)
            }
            Expr::Literal(lit) => literal(lit),
            Expr::Index(left, index) => {
                let left = self.compile(left, cur)?;
                self.index(left, *index)
            }
            Expr::Flatten(left) => {
                let left = self.compile(left, cur)?;
                self.flatten(left)
            }
            Expr::Project(left, right) => {
                let left = self.compile(left, cur)?;
                self.project(left, None, right)
            }
            Expr::Filter(left, cond, right) => {
                let left = self.compile(left, cur)?;
                self.project(left, Some(cond), right)
            }
            Expr::Compare(op, left, right) => {
                let left = self.compile(left, cur)?;
                let right = self.compile(right, cur)?;
                self.compare(*op, left, right)
            }
            Expr::And(left, right) | Expr::Or(left, right) => {
                let is_and = matches!(expr, Expr::And(..));
                let left = self.compile(left, cur)?;
                let right = self.compile(right, cur)?;
                self.logic(is_and, left, right)
            }
            Expr::Not(inner) => {
                let inner = self.compile(inner, cur)?;
                let truthy = self.truthy(inner)?;
                Ok(Val {
                    code: quote!(!#truthy),
                    ty: Ty::Bool,
                    form: Form::Plain,
                    atomic: false,
                    lazy: false,
                    mapped: None,
                })
            }
            Expr::Call(name, args) => {
                let args = args
                    .iter()
                    .map(|a| self.compile(a, cur))
                    .collect::<Result<Vec<_>>>()?;
                self.call(name, args)
            }
        }
    }

    fn field(&mut self, cur: &Val, name: &str) -> Result<Val> {
        let id = match &cur.ty {
            Ty::Root { input, output } => {
                let (code, id) = match name {
                    "input" => (quote!(input), input),
                    "output" => (quote!(output), output),
                    other => {
                        return Err(Error::new(format!(
                            "the input/output object has only `input` and `output`, not `{other}`"
                        )))
                    }
                };
                return Ok(Val::plain(code, Ty::Struct(id.clone())));
            }
            Ty::Struct(id) => id.clone(),
            Ty::List(_) => {
                return Err(Error::new(format!(
                    "`{name}` of a list is always null; project it with `[].{name}`"
                )))
            }
            other => {
                return Err(Error::new(format!(
                    "`{name}` of {} is always null",
                    other.describe()
                )))
            }
        };
        let shape = self.ctx.shape(&id)?;
        let ShapeKind::Structure(s) = &shape.kind else {
            return Err(Error::new(format!(
                "`{name}` of {} {} is not supported",
                shape.kind.name(),
                id.name
            )));
        };
        let Some(pos) = s.members.iter().position(|m| m.name == name) else {
            return Err(Error::new(format!("{} has no member `{name}`", id.name)));
        };
        let member = &s.members[pos];
        let field_name = self
            .ctx
            .names
            .fields
            .get(&id)
            .and_then(|f| f.get(pos))
            .ok_or_else(|| Error::new(format!("member {name} of {} has no Rust name", id.name)))?;
        let field = ident(&field_name.field)?;
        let boxed = self.ctx.is_boxed(&id, member);

        // The member of a non-null structure `base`: code, form, whether
        // the code is atomic, and its parts if it is `opt.map(|v| conv)`.
        type Access = (TokenStream, Form, bool, Option<Mapped>);
        let access = |this: &mut Self, base: TokenStream| -> Result<Access> {
            if member.required {
                let place = quote!(#base.#field);
                let (code, _, atomic) = this.convert(&member.target, place, false, boxed)?;
                return Ok((code, Form::Plain, atomic, None));
            }
            let string = matches!(
                this.ctx.shape(&member.target)?.kind,
                ShapeKind::Simple(
                    SimpleType::String | SimpleType::BigInteger | SimpleType::BigDecimal
                )
            );
            if boxed || string {
                // `Option<String>` and `Option<Box<T>>` deref in one step.
                return Ok((quote!(#base.#field.as_deref()), Form::Nullable, true, None));
            }
            let opt = quote!(#base.#field.as_ref());
            let v = this.var()?;
            let (code, _, atomic) = this.convert(&member.target, v.clone(), true, false)?;
            if code.to_string() == v.to_string() {
                return Ok((opt, Form::Nullable, true, None));
            }
            let mapped = Mapped {
                base: opt.clone(),
                var: v.clone(),
                body: code.clone(),
                body_atomic: atomic,
            };
            Ok((
                quote!(#opt.map(|#v| #code)),
                Form::Nullable,
                true,
                Some(mapped),
            ))
        };
        let ty = self.target_ty(&member.target)?;
        let lazy = matches!(ty, Ty::List(_));
        match cur.form {
            Form::Plain => {
                let (code, form, atomic, mapped) = access(self, cur.paren())?;
                Ok(Val {
                    code,
                    ty,
                    form,
                    atomic,
                    lazy,
                    mapped,
                })
            }
            Form::Nullable => {
                let s = self.var()?;
                let (inner, form, atomic, _) = access(self, s.clone())?;
                let base = cur.paren();
                let (code, mapped) = match form {
                    Form::Plain => (
                        quote!(#base.map(|#s| #inner)),
                        Some(Mapped {
                            base,
                            var: s,
                            body: inner,
                            body_atomic: atomic,
                        }),
                    ),
                    _ => (quote!(#base.and_then(|#s| #inner)), None),
                };
                Ok(Val {
                    code,
                    ty,
                    form: Form::Nullable,
                    atomic: true,
                    lazy,
                    mapped,
                })
            }
            Form::Fallible => Err(Error::new(format!(
                "`{name}` of the result of a function is not supported"
            ))),
        }
    }

    /// The JMESPath type of a value of shape `target`.
    fn target_ty(&self, target: &ShapeId) -> Result<Ty> {
        let shape = self.ctx.shape(target)?;
        Ok(match &shape.kind {
            ShapeKind::Structure(_) => Ty::Struct(target.clone()),
            ShapeKind::Enum(_) => Ty::Str,
            ShapeKind::List(m) => Ty::List(Box::new(self.target_ty(&m.target)?)),
            ShapeKind::Simple(simple) => match simple {
                SimpleType::String | SimpleType::BigInteger | SimpleType::BigDecimal => Ty::Str,
                SimpleType::Boolean => Ty::Bool,
                SimpleType::Byte | SimpleType::Short | SimpleType::Integer | SimpleType::Long => {
                    Ty::Int
                }
                SimpleType::Float | SimpleType::Double => Ty::Float,
                other => Ty::Opaque(other.name()),
            },
            other => Ty::Opaque(other.name()),
        })
    }

    /// Converts a value of shape `target` to its compiled representation.
    /// `e` is either a reference (`by_ref`, a closure parameter `&T`) or a
    /// place (a field path of type `T`, boxed if `boxed`). Lists become
    /// iterators. Returns the code, the type, and whether it is atomic.
    fn convert(
        &mut self,
        target: &ShapeId,
        e: TokenStream,
        by_ref: bool,
        boxed: bool,
    ) -> Result<(TokenStream, Ty, bool)> {
        let ty = self.target_ty(target)?;
        let shape = self.ctx.shape(target)?;
        let deref = if by_ref { quote!(*#e) } else { e.clone() };
        let out = match (&shape.kind, &ty) {
            (_, Ty::Str) => (quote!(#e.as_str()), true),
            (_, Ty::Bool) => (deref, !by_ref),
            (ShapeKind::Simple(SimpleType::Long | SimpleType::Double), _) => (deref, !by_ref),
            (_, Ty::Int) => (quote!(i64::from(#deref)), true),
            (_, Ty::Float) => (quote!(f64::from(#deref)), true),
            (ShapeKind::List(item), _) => {
                let x = self.var()?;
                let (elem, elem_ty, _) = self.convert(&item.target, x.clone(), true, false)?;
                let elem = if matches!(elem_ty, Ty::List(_)) {
                    quote!(#elem.collect::<::std::vec::Vec<_>>())
                } else {
                    elem
                };
                if elem.to_string() == x.to_string() {
                    (quote!(#e.iter()), true)
                } else {
                    (quote!(#e.iter().map(|#x| #elem)), true)
                }
            }
            _ if by_ref => (e, true),
            _ if boxed => (quote!(&*#e), false),
            _ => (quote!(&#e), false),
        };
        Ok((out.0, ty, out.1))
    }

    fn index(&mut self, left: Val, index: i64) -> Result<Val> {
        let Ty::List(elem) = &left.ty else {
            return Err(Error::new(format!(
                "an index of {} is always null",
                left.ty.describe()
            )));
        };
        let elem = (**elem).clone();
        // From the end needs a double-ended iterator: collect first.
        let left = if index < 0 {
            let collected = self.collected(left)?;
            self.iter(collected)?
        } else {
            self.iter(left)?
        };
        let pick = match index {
            0 => quote!(.next()),
            -1 => quote!(.next_back()),
            i if i > 0 => {
                let i = TokLit::u64_unsuffixed(i.unsigned_abs());
                quote!(.nth(#i))
            }
            i => {
                let i = TokLit::u64_unsuffixed(i.unsigned_abs() - 1);
                quote!(.rev().nth(#i))
            }
        };
        let code = left.paren();
        let code = match left.form {
            Form::Plain => quote!(#code #pick),
            Form::Nullable => {
                let v = self.var()?;
                quote!(#code.and_then(|mut #v| #v #pick))
            }
            Form::Fallible => {
                return Err(Error::new("an index of a function result is not supported"))
            }
        };
        Ok(Val {
            code,
            ty: elem,
            form: Form::Nullable,
            atomic: true,
            lazy: false,
            mapped: None,
        })
    }

    fn flatten(&mut self, left: Val) -> Result<Val> {
        let Ty::List(elem) = &left.ty else {
            return Err(Error::new(format!(
                "flattening {} is always null",
                left.ty.describe()
            )));
        };
        let Ty::List(inner) = &**elem else {
            return Ok(left);
        };
        let ty = Ty::List(inner.clone());
        if left.form == Form::Fallible {
            return Err(Error::new("flattening a function result is not supported"));
        }
        let left = self.iter(left)?;
        let mut v = self.apply(left, false, true, |x| quote!(#x.flatten()))?;
        v.ty = ty;
        Ok(v)
    }

    /// A projection of `right` over the list `left`, keeping the elements
    /// for which `cond` (if any) is truthy.
    fn project(&mut self, left: Val, cond: Option<&Expr>, right: &Expr) -> Result<Val> {
        let Ty::List(elem) = &left.ty else {
            return Err(Error::new(format!(
                "a projection of {} is always null",
                left.ty.describe()
            )));
        };
        let elem = (**elem).clone();
        if left.form == Form::Fallible {
            return Err(Error::new(
                "a projection of a function result is not supported",
            ));
        }
        let left = self.iter(left)?;
        let mut adapters = TokenStream::new();
        if let Some(cond) = cond {
            if matches!(elem, Ty::List(_)) {
                return Err(Error::new("a filter over a list of lists is not supported"));
            }
            let x = self.var()?;
            let c = self.compile(cond, &Val::plain(x.clone(), elem.clone()))?;
            if c.form == Form::Fallible {
                return Err(Error::new(
                    "a function that can fail inside a filter is not supported",
                ));
            }
            let truthy = self.truthy(c)?;
            adapters.extend(quote!(.filter(|&#x| #truthy)));
        }
        let ty = if matches!(right, Expr::Current) {
            elem
        } else {
            let x = self.var()?;
            let body = self.compile(right, &Val::plain(x.clone(), elem))?;
            let body = self.collected(body)?;
            let code = body.code;
            match body.form {
                Form::Plain => adapters.extend(quote!(.map(|#x| #code))),
                Form::Nullable => adapters.extend(quote!(.filter_map(|#x| #code))),
                Form::Fallible => {
                    return Err(Error::new(
                        "a function that can fail inside a projection is not supported",
                    ))
                }
            }
            body.ty
        };
        let mut left = if adapters.is_empty() {
            left
        } else {
            self.apply(left, false, true, |x| quote!(#x #adapters))?
        };
        left.ty = Ty::List(Box::new(ty));
        Ok(left)
    }

    fn compare(&mut self, op: CmpOp, left: Val, right: Val) -> Result<Val> {
        let ordering = !matches!(op, CmpOp::Eq | CmpOp::Ne);
        // `x == null`, `x != null`.
        if left.ty == Ty::Null || right.ty == Ty::Null {
            let other = if left.ty == Ty::Null { right } else { left };
            if ordering {
                return Err(Error::new("ordering null is always null"));
            }
            if other.ty == Ty::Null {
                return Err(Error::new("comparing null with null is constant"));
            }
            if other.form != Form::Nullable {
                return Err(Error::new(format!(
                    "{} that is never null compared with null is constant",
                    other.ty.describe()
                )));
            }
            let code = other.paren();
            let test = if op == CmpOp::Eq {
                quote!(is_none)
            } else {
                quote!(is_some)
            };
            return Ok(Val {
                code: quote!(#code.#test()),
                ty: Ty::Bool,
                form: Form::Plain,
                atomic: true,
                lazy: false,
                mapped: None,
            });
        }
        let mut left = self.collected(left)?;
        let mut right = self.collected(right)?;
        let numeric = |t: &Ty| matches!(t, Ty::Int | Ty::Float);
        if numeric(&left.ty) && numeric(&right.ty) && left.ty != right.ty {
            for side in [&mut left, &mut right] {
                if side.ty == Ty::Int {
                    *side = self.as_float(side.clone())?;
                }
            }
        }
        if ordering && !(numeric(&left.ty) && numeric(&right.ty)) {
            return Err(Error::new(format!(
                "`{}` orders only numbers, not {} and {}",
                op.as_str(),
                left.ty.describe(),
                right.ty.describe()
            )));
        }
        if left.ty != right.ty {
            return Err(Error::new(format!(
                "comparing {} with {} with `{}` is constant",
                left.ty.describe(),
                right.ty.describe(),
                op.as_str()
            )));
        }
        if !comparable(&left.ty) {
            return Err(Error::new(format!(
                "comparing {} is not supported",
                left.ty.describe()
            )));
        }
        let tok = match op {
            CmpOp::Eq => quote!(==),
            CmpOp::Ne => quote!(!=),
            CmpOp::Lt => quote!(<),
            CmpOp::Le => quote!(<=),
            CmpOp::Gt => quote!(>),
            CmpOp::Ge => quote!(>=),
        };
        let some = |v: &Val| {
            let c = &v.code;
            if v.form == Form::Plain {
                quote!(::std::option::Option::Some(#c))
            } else {
                c.clone()
            }
        };
        let bool_val = |code, form| Val {
            code,
            ty: Ty::Bool,
            form,
            atomic: false,
            lazy: false,
            mapped: None,
        };
        let (l, r) = (left.paren(), right.paren());
        Ok(match (left.form, right.form) {
            (Form::Plain, Form::Plain) => bool_val(quote!(#l #tok #r), Form::Plain),
            (Form::Fallible, Form::Fallible) => {
                let (a, b) = (self.var()?, self.var()?);
                let mut v = bool_val(
                    quote!(#l.zip(#r).map(|(#a, #b)| #a #tok #b)),
                    Form::Fallible,
                );
                v.atomic = true;
                v
            }
            (Form::Fallible, Form::Plain) => {
                let mut v = self.apply(left, false, false, |a| quote!(#a #tok #r))?;
                v.ty = Ty::Bool;
                v
            }
            (Form::Plain, Form::Fallible) => {
                let mut v = self.apply(right, false, false, |b| quote!(#l #tok #b))?;
                v.ty = Ty::Bool;
                v
            }
            (Form::Fallible, _) | (_, Form::Fallible) => {
                return Err(Error::new(
                    "comparing a function result with a value that may be null is not supported",
                ))
            }
            // At least one side may be null.
            _ if !ordering => {
                let (l, r) = (some(&left), some(&right));
                bool_val(quote!(#l #tok #r), Form::Plain)
            }
            _ => {
                let (a, b) = (self.var()?, self.var()?);
                let (l, r) = (some(&left), some(&right));
                let mut v = bool_val(
                    quote!(#l.zip(#r).map(|(#a, #b)| #a #tok #b)),
                    Form::Nullable,
                );
                v.atomic = true;
                v
            }
        })
    }

    fn as_float(&mut self, v: Val) -> Result<Val> {
        let mut v = self.apply(v, false, false, |x| quote!(#x as f64))?;
        v.ty = Ty::Float;
        Ok(v)
    }

    fn logic(&mut self, is_and: bool, left: Val, right: Val) -> Result<Val> {
        let op = if is_and { "&&" } else { "||" };
        if left.ty != Ty::Bool || right.ty != Ty::Bool {
            return Err(Error::new(format!(
                "`{op}` is supported between booleans only, not {} and {}",
                left.ty.describe(),
                right.ty.describe()
            )));
        }
        if left.form == Form::Fallible || right.form == Form::Fallible {
            return Err(Error::new(format!(
                "`{op}` of a function result is not supported"
            )));
        }
        let (l, r) = (left.paren(), right.paren());
        if left.form == Form::Plain && right.form == Form::Plain {
            let code = if is_and {
                quote!(#l && #r)
            } else {
                quote!(#l || #r)
            };
            return Ok(Val {
                code,
                ty: Ty::Bool,
                form: Form::Plain,
                atomic: false,
                lazy: false,
                mapped: None,
            });
        }
        // JMESPath gives the deciding operand itself, which may be null.
        let some = |v: &Val, c: TokenStream| {
            if v.form == Form::Plain {
                quote!(::std::option::Option::Some(#c))
            } else {
                c
            }
        };
        let (l, r) = (some(&left, l), some(&right, r));
        let code = if is_and {
            quote!(match #l { ::std::option::Option::Some(true) => #r, other => other })
        } else {
            quote!(match #l { ::std::option::Option::Some(true) => ::std::option::Option::Some(true), _ => #r })
        };
        Ok(Val {
            code,
            ty: Ty::Bool,
            form: Form::Nullable,
            atomic: false,
            lazy: false,
            mapped: None,
        })
    }

    /// A `bool` expression: whether the value is truthy in JMESPath.
    fn truthy(&mut self, v: Val) -> Result<TokenStream> {
        if v.form == Form::Fallible {
            return Err(Error::new(
                "the truth of a function result is not supported",
            ));
        }
        let x = self.var()?;
        let test = |x: &TokenStream| -> Result<TokenStream> {
            Ok(match &v.ty {
                Ty::Bool => quote!(#x),
                Ty::Str => quote!(!#x.is_empty()),
                Ty::List(_) if v.lazy => quote!(#x.next().is_some()),
                Ty::List(_) => quote!(!#x.is_empty()),
                other => {
                    return Err(Error::new(format!(
                        "the truth of {} is not supported",
                        other.describe()
                    )))
                }
            })
        };
        let code = v.paren();
        Ok(match v.form {
            Form::Plain => {
                if v.ty == Ty::Bool {
                    code
                } else {
                    test(&code)?
                }
            }
            _ if v.ty == Ty::Bool => quote!((#code == ::std::option::Option::Some(true))),
            _ => {
                let binding = if v.lazy { quote!(mut #x) } else { x.clone() };
                let t = test(&x)?;
                quote!(#code.is_some_and(|#binding| #t))
            }
        })
    }

    fn call(&mut self, name: &str, args: Vec<Val>) -> Result<Val> {
        match (name, args.as_slice()) {
            ("length", [arg]) => {
                let arg = arg.clone();
                let len = match (&arg.ty, arg.lazy) {
                    (Ty::List(_), true) => quote!(count()),
                    (Ty::List(_), false) => quote!(len()),
                    (Ty::Str, _) => quote!(chars().count()),
                    (other, _) => {
                        return Err(Error::new(format!(
                            "length() of {} is not supported",
                            other.describe()
                        )))
                    }
                };
                // `.iter().count()` of a whole list is its `len()`.
                let mut v = self.apply(arg, false, false, |x| match strip_iter(&x) {
                    Some(list) => quote!(#list.len() as i64),
                    None => quote!(#x.#len as i64),
                })?;
                if v.form == Form::Nullable {
                    v.form = Form::Fallible;
                }
                v.ty = Ty::Int;
                v.lazy = false;
                Ok(v)
            }
            ("contains", [subject, search]) => {
                if search.form != Form::Plain {
                    return Err(Error::new(
                        "contains() with a search value that may be null is not supported",
                    ));
                }
                let search = self.collected(search.clone())?;
                let s = search.paren();
                let (subject, test) = match &subject.ty {
                    Ty::Str if search.ty == Ty::Str => (subject.clone(), quote!(contains(#s))),
                    Ty::List(elem) if **elem == search.ty && comparable(elem) => {
                        let e = self.var()?;
                        (self.iter(subject.clone())?, quote!(any(|#e| #e == #s)))
                    }
                    other => {
                        return Err(Error::new(format!(
                            "contains() of {} in {} is not supported",
                            search.ty.describe(),
                            other.describe()
                        )))
                    }
                };
                if subject.form == Form::Fallible {
                    return Err(Error::new(
                        "contains() of a function result is not supported",
                    ));
                }
                let needs_mut = subject.lazy;
                let mut v = self.apply(subject, needs_mut, true, |x| quote!(#x.#test))?;
                if v.form == Form::Nullable {
                    v.form = Form::Fallible;
                }
                v.ty = Ty::Bool;
                v.lazy = false;
                Ok(v)
            }
            ("length" | "contains", _) => Err(Error::new(format!(
                "{name}() takes {} argument(s), not {}",
                if name == "length" { 1 } else { 2 },
                args.len()
            ))),
            _ => Err(Error::new(format!(
                "function {name}() is not supported (supported: length, contains)"
            ))),
        }
    }
}

/// `list` if `code` is `list.iter()` or `list.into_iter()`.
fn strip_iter(code: &TokenStream) -> Option<TokenStream> {
    let text = code.to_string();
    let list = text
        .strip_suffix(". iter ()")
        .or_else(|| text.strip_suffix(". into_iter ()"))?;
    list.parse().ok()
}

/// Types whose values compare with `==`.
fn comparable(ty: &Ty) -> bool {
    match ty {
        Ty::Bool | Ty::Int | Ty::Float | Ty::Str | Ty::Struct(_) => true,
        Ty::List(t) => comparable(t),
        _ => false,
    }
}

fn literal(lit: &Literal) -> Result<Val> {
    let (code, ty) = match lit {
        Literal::Null => (quote!(()), Ty::Null),
        Literal::Bool(b) => (quote!(#b), Ty::Bool),
        Literal::Int(i) => (TokLit::i64_suffixed(*i).into_token_stream(), Ty::Int),
        Literal::Float(f) if f.is_finite() => {
            (TokLit::f64_suffixed(*f).into_token_stream(), Ty::Float)
        }
        Literal::Float(f) => return Err(Error::new(format!("number {f} is not finite"))),
        Literal::Str(s) => (quote!(#s), Ty::Str),
    };
    let mut v = Val::plain(code, ty);
    // A negative number is `-1i64`: not atomic.
    v.atomic =
        !matches!(lit, Literal::Int(i) if *i < 0) && !matches!(lit, Literal::Float(f) if *f < 0.0);
    Ok(v)
}
