//! A type-checked JMESPath expression ([`Typed`]) emitted as a Rust
//! expression. Every type question was answered by the checker; this
//! module only chooses the shape of the code: borrowing, iterators left
//! lazy until something needs them collected, and `Option`s whose later
//! steps go inside one `.map` closure.

use proc_macro2::{Literal as TokLit, TokenStream};
use quote::{quote, ToTokens};

use crate::jmespath::{CmpOp, Literal};
use crate::passes::waiters::typed::{Conv, FieldAccess, Form, Node, Side, Truth, Ty, Typed};
use crate::render::ident::ident;
use crate::Result;

/// Emits `expr`, evaluated on the never-null value `root`.
pub(super) fn emit(expr: &Typed, root: TokenStream) -> Result<Val> {
    Emitter { fresh: 0 }.emit(expr, &Val::plain(root))
}

/// An emitted expression: its code and form.
#[derive(Debug, Clone)]
pub(super) struct Val {
    /// The code.
    pub code: TokenStream,
    /// Whether the code is an `Option`, and what `None` means.
    pub form: Form,
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
    fn plain(code: TokenStream) -> Val {
        Val {
            code,
            form: Form::Plain,
            atomic: true,
            lazy: false,
            mapped: None,
        }
    }

    /// A `bool` value.
    fn boolean(code: TokenStream, form: Form, atomic: bool) -> Val {
        Val {
            code,
            form,
            atomic,
            lazy: false,
            mapped: None,
        }
    }

    /// The code, in parentheses unless it is atomic.
    pub fn paren(&self) -> TokenStream {
        let code = &self.code;
        if self.atomic {
            code.clone()
        } else {
            quote!((#code))
        }
    }
}

struct Emitter {
    fresh: usize,
}

impl Emitter {
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
        if v.lazy {
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

    fn emit(&mut self, expr: &Typed, cur: &Val) -> Result<Val> {
        match &expr.node {
            Node::Current => Ok(cur.clone()),
            Node::Root(Side::Input) => Ok(Val::plain(quote!(input))),
            Node::Root(Side::Output) => Ok(Val::plain(quote!(output))),
            Node::Field(access) => self.field(cur, access, &expr.ty),
            Node::Then(left, right) => {
                let left = self.emit(left, cur)?;
                self.emit(right, &left)
            }
            Node::Literal(lit) => Ok(literal(lit)),
            Node::Index(left, index) => {
                let left = self.emit(left, cur)?;
                self.index(left, *index)
            }
            Node::Flatten(left) => {
                let left = self.emit(left, cur)?;
                let left = self.iter(left)?;
                self.apply(left, false, true, |x| quote!(#x.flatten()))
            }
            Node::Project { list, filter, each } => {
                let left = self.emit(list, cur)?;
                self.project(left, filter.as_ref(), each.as_deref())
            }
            Node::Compare {
                op,
                left,
                right,
                left_as_float,
                right_as_float,
            } => {
                let left = self.emit(left, cur)?;
                let right = self.emit(right, cur)?;
                self.compare(*op, left, right, (*left_as_float, *right_as_float))
            }
            Node::IsNull { operand, eq } => {
                let code = self.emit(operand, cur)?.paren();
                let test = if *eq {
                    quote!(is_none)
                } else {
                    quote!(is_some)
                };
                Ok(Val::boolean(quote!(#code.#test()), Form::Plain, true))
            }
            Node::Logic { and, left, right } => {
                let left = self.emit(left, cur)?;
                let right = self.emit(right, cur)?;
                Ok(logic(*and, left, right))
            }
            Node::Not(inner, truth) => {
                let inner = self.emit(inner, cur)?;
                let truthy = self.truthy(inner, *truth)?;
                Ok(Val::boolean(quote!(!#truthy), Form::Plain, false))
            }
            Node::Length { arg, of_str } => {
                let arg = self.emit(arg, cur)?;
                self.length(arg, *of_str)
            }
            Node::Contains {
                subject,
                search,
                in_str,
            } => {
                let subject = self.emit(subject, cur)?;
                let search = self.emit(search, cur)?;
                self.contains(subject, search, *in_str)
            }
        }
    }

    fn field(&mut self, cur: &Val, a: &FieldAccess, ty: &Ty) -> Result<Val> {
        let field = &a.field;
        // The member of a non-null structure `base`: code, form, whether
        // the code is atomic, and its parts if it is `opt.map(|v| conv)`.
        type Access = (TokenStream, Form, bool, Option<Mapped>);
        let access = |this: &mut Self, base: TokenStream| -> Result<Access> {
            if a.required {
                let place = quote!(#base.#field);
                let (code, atomic) = this.convert(&a.conv, place, false, a.boxed)?;
                return Ok((code, Form::Plain, atomic, None));
            }
            if a.boxed || a.string {
                // `Option<String>` and `Option<Box<T>>` deref in one step.
                return Ok((quote!(#base.#field.as_deref()), Form::Nullable, true, None));
            }
            let opt = quote!(#base.#field.as_ref());
            let v = this.var()?;
            let (code, atomic) = this.convert(&a.conv, v.clone(), true, false)?;
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
        let lazy = matches!(ty, Ty::List(_));
        if cur.form == Form::Plain {
            let (code, form, atomic, mapped) = access(self, cur.paren())?;
            return Ok(Val {
                code,
                form,
                atomic,
                lazy,
                mapped,
            });
        }
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
            form: Form::Nullable,
            atomic: true,
            lazy,
            mapped,
        })
    }

    /// Converts a value to its checked representation. `e` is either a
    /// reference (`by_ref`, a closure parameter `&T`) or a place (a field
    /// path of type `T`, boxed if `boxed`). Lists become iterators.
    /// Returns the code and whether it is atomic.
    fn convert(
        &mut self,
        conv: &Conv,
        e: TokenStream,
        by_ref: bool,
        boxed: bool,
    ) -> Result<(TokenStream, bool)> {
        let deref = if by_ref { quote!(*#e) } else { e.clone() };
        Ok(match conv {
            Conv::AsStr => (quote!(#e.as_str()), true),
            Conv::Copy => (deref, !by_ref),
            Conv::IntFrom => (quote!(i64::from(#deref)), true),
            Conv::FloatFrom => (quote!(f64::from(#deref)), true),
            Conv::List(item) => {
                let x = self.var()?;
                let (elem, _) = self.convert(item, x.clone(), true, false)?;
                let elem = if matches!(**item, Conv::List(_)) {
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
            Conv::Ref if by_ref => (e, true),
            Conv::Ref if boxed => (quote!(&*#e), false),
            Conv::Ref => (quote!(&#e), false),
        })
    }

    fn index(&mut self, left: Val, index: i64) -> Result<Val> {
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
            _ => {
                let v = self.var()?;
                quote!(#code.and_then(|mut #v| #v #pick))
            }
        };
        Ok(Val {
            code,
            form: Form::Nullable,
            atomic: true,
            lazy: false,
            mapped: None,
        })
    }

    /// A projection of `each` over the list `left`, keeping the elements
    /// for which the filter (if any) is truthy.
    fn project(
        &mut self,
        left: Val,
        filter: Option<&(Box<Typed>, Truth)>,
        each: Option<&Typed>,
    ) -> Result<Val> {
        let left = self.iter(left)?;
        let mut adapters = TokenStream::new();
        if let Some((cond, truth)) = filter {
            let x = self.var()?;
            let c = self.emit(cond, &Val::plain(x.clone()))?;
            let truthy = self.truthy(c, *truth)?;
            adapters.extend(quote!(.filter(|&#x| #truthy)));
        }
        if let Some(each) = each {
            let x = self.var()?;
            let body = self.emit(each, &Val::plain(x.clone()))?;
            let body = self.collected(body)?;
            let code = body.code;
            match body.form {
                Form::Plain => adapters.extend(quote!(.map(|#x| #code))),
                _ => adapters.extend(quote!(.filter_map(|#x| #code))),
            }
        }
        if adapters.is_empty() {
            Ok(left)
        } else {
            self.apply(left, false, true, |x| quote!(#x #adapters))
        }
    }

    fn compare(&mut self, op: CmpOp, left: Val, right: Val, as_float: (bool, bool)) -> Result<Val> {
        let ordering = !matches!(op, CmpOp::Eq | CmpOp::Ne);
        let mut left = self.collected(left)?;
        let mut right = self.collected(right)?;
        if as_float.0 {
            left = self.as_float(left)?;
        }
        if as_float.1 {
            right = self.as_float(right)?;
        }
        let tok = match op {
            CmpOp::Eq => quote!(==),
            CmpOp::Ne => quote!(!=),
            CmpOp::Lt => quote!(<),
            CmpOp::Le => quote!(<=),
            CmpOp::Gt => quote!(>),
            CmpOp::Ge => quote!(>=),
        };
        let (l, r) = (left.paren(), right.paren());
        Ok(match (left.form, right.form) {
            (Form::Plain, Form::Plain) => Val::boolean(quote!(#l #tok #r), Form::Plain, false),
            (Form::Fallible, Form::Plain) => {
                self.apply(left, false, false, |a| quote!(#a #tok #r))?
            }
            (Form::Plain, Form::Fallible) => {
                self.apply(right, false, false, |b| quote!(#l #tok #b))?
            }
            (Form::Fallible, _) | (_, Form::Fallible) => {
                let (a, b) = (self.var()?, self.var()?);
                let code = quote!(#l.zip(#r).map(|(#a, #b)| #a #tok #b));
                Val::boolean(code, Form::Fallible, true)
            }
            // At least one side may be null.
            _ if !ordering => {
                let (l, r) = (some(&left), some(&right));
                Val::boolean(quote!(#l #tok #r), Form::Plain, false)
            }
            _ => {
                let (a, b) = (self.var()?, self.var()?);
                let (l, r) = (some(&left), some(&right));
                let code = quote!(#l.zip(#r).map(|(#a, #b)| #a #tok #b));
                Val::boolean(code, Form::Nullable, true)
            }
        })
    }

    fn as_float(&mut self, v: Val) -> Result<Val> {
        self.apply(v, false, false, |x| quote!(#x as f64))
    }

    /// A `bool` expression: whether the value is truthy in JMESPath.
    fn truthy(&mut self, v: Val, truth: Truth) -> Result<TokenStream> {
        let x = self.var()?;
        let test = |x: &TokenStream| match truth {
            Truth::Bool => quote!(#x),
            Truth::Str => quote!(!#x.is_empty()),
            Truth::List if v.lazy => quote!(#x.next().is_some()),
            Truth::List => quote!(!#x.is_empty()),
        };
        let code = v.paren();
        Ok(match v.form {
            Form::Plain if truth == Truth::Bool => code,
            Form::Plain => test(&code),
            _ if truth == Truth::Bool => quote!((#code == ::std::option::Option::Some(true))),
            _ => {
                let binding = if v.lazy { quote!(mut #x) } else { x.clone() };
                let t = test(&x);
                quote!(#code.is_some_and(|#binding| #t))
            }
        })
    }

    fn length(&mut self, arg: Val, of_str: bool) -> Result<Val> {
        let len = match (of_str, arg.lazy) {
            (true, _) => quote!(chars().count()),
            (false, true) => quote!(count()),
            (false, false) => quote!(len()),
        };
        // `.iter().count()` of a whole list is its `len()`.
        let mut v = self.apply(arg, false, false, |x| match strip_iter(&x) {
            Some(list) => quote!(#list.len() as i64),
            None => quote!(#x.#len as i64),
        })?;
        v.form = fallible(v.form);
        v.lazy = false;
        Ok(v)
    }

    fn contains(&mut self, subject: Val, search: Val, in_str: bool) -> Result<Val> {
        let search = self.collected(search)?;
        let s = search.paren();
        let (subject, test) = if in_str {
            (subject, quote!(contains(#s)))
        } else {
            let e = self.var()?;
            (self.iter(subject)?, quote!(any(|#e| #e == #s)))
        };
        let needs_mut = subject.lazy;
        let mut v = self.apply(subject, needs_mut, true, |x| quote!(#x.#test))?;
        v.form = fallible(v.form);
        v.lazy = false;
        Ok(v)
    }
}

/// A function's result is an error where its argument is null.
fn fallible(form: Form) -> Form {
    if form == Form::Nullable {
        Form::Fallible
    } else {
        form
    }
}

/// The value as an `Option` (`Some(..)` around a never-null one).
fn some(v: &Val) -> TokenStream {
    let c = &v.code;
    if v.form == Form::Plain {
        quote!(::std::option::Option::Some(#c))
    } else {
        c.clone()
    }
}

fn logic(and: bool, left: Val, right: Val) -> Val {
    let (l, r) = (left.paren(), right.paren());
    if left.form == Form::Plain && right.form == Form::Plain {
        let code = if and {
            quote!(#l && #r)
        } else {
            quote!(#l || #r)
        };
        return Val::boolean(code, Form::Plain, false);
    }
    // JMESPath gives the deciding operand itself, which may be null.
    let wrap = |v: &Val, c: TokenStream| {
        if v.form == Form::Plain {
            quote!(::std::option::Option::Some(#c))
        } else {
            c
        }
    };
    let (l, r) = (wrap(&left, l), wrap(&right, r));
    let code = if and {
        quote!(match #l { ::std::option::Option::Some(true) => #r, other => other })
    } else {
        quote!(match #l { ::std::option::Option::Some(true) => ::std::option::Option::Some(true), _ => #r })
    };
    Val::boolean(code, Form::Nullable, false)
}

/// `list` if `code` is `list.iter()` or `list.into_iter()`.
fn strip_iter(code: &TokenStream) -> Option<TokenStream> {
    let text = code.to_string();
    let list = text
        .strip_suffix(". iter ()")
        .or_else(|| text.strip_suffix(". into_iter ()"))?;
    list.parse().ok()
}

fn literal(lit: &Literal) -> Val {
    let code = match lit {
        Literal::Null => quote!(()),
        Literal::Bool(b) => quote!(#b),
        Literal::Int(i) => TokLit::i64_suffixed(*i).into_token_stream(),
        Literal::Float(f) => TokLit::f64_suffixed(*f).into_token_stream(),
        Literal::Str(s) => quote!(#s),
    };
    let mut v = Val::plain(code);
    // A negative number is `-1i64`: not atomic.
    v.atomic =
        !matches!(lit, Literal::Int(i) if *i < 0) && !matches!(lit, Literal::Float(f) if *f < 0.0);
    v
}
