//! The JMESPath type checker: a parsed expression checked against the
//! generated types into a [`Typed`] tree (see [`typed`](super::typed)).
//!
//! Values are typed as the emitted code holds them: strings and enums as
//! `&str`, numbers as `i64` or `f64`, structures as `&T`, lists as
//! iterators or `Vec`s. A JMESPath null is an `Option::None`; an
//! expression that JMESPath reports as an error (`length(null)`) is tracked
//! apart ([`Form::Fallible`]), so that it makes the acceptor not match, as
//! the Smithy specification says. Expressions whose result is known at
//! generation time to be always null or always false (a field of a list,
//! comparing a string with a number...) are errors: they are mistakes in the
//! model, better reported now.
//!
//! The checker recurses over parsed expressions only, which
//! [`jmespath::parse`](crate::jmespath::parse) keeps at most
//! [`MAX_DEPTH`](crate::jmespath::MAX_DEPTH) levels deep.

use super::typed::{Conv, FieldAccess, Form, Node, Side, Truth, Ty, Typed};
use crate::ir::{ShapeId, ShapeKind, SimpleType};
use crate::jmespath::{CmpOp, Expr, Literal};
use crate::render::ident::ident;
use crate::render::Ctx;
use crate::{Error, Result};

/// Lists of lists nested deeper than this are refused (a list that
/// contains itself would nest without end).
const MAX_LIST_NESTING: usize = 32;

/// The shape of the items of list `target`, if it is a list; an error if
/// lists nest deeper than `MAX_LIST_NESTING` below it (`nesting` so far).
fn list_item<'m>(ctx: &Ctx<'m>, target: &ShapeId, nesting: usize) -> Result<Option<&'m ShapeId>> {
    let ShapeKind::List(item) = &ctx.shape(target)?.kind else {
        return Ok(None);
    };
    if nesting >= MAX_LIST_NESTING {
        return Err(Error::new(format!(
            "lists nest deeper than {MAX_LIST_NESTING} levels in {}",
            target.name
        )));
    }
    Ok(Some(&item.target))
}

/// The JMESPath type of a value of shape `target`.
pub fn target_ty(ctx: &Ctx<'_>, target: &ShapeId) -> Result<Ty> {
    let mut target = target;
    let mut lists = 0;
    while let Some(item) = list_item(ctx, target, lists)? {
        target = item;
        lists += 1;
    }
    let shape = ctx.shape(target)?;
    let mut ty = match &shape.kind {
        ShapeKind::Structure(_) => Ty::Struct(target.clone()),
        ShapeKind::Enum(_) => Ty::Str,
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
    };
    for _ in 0..lists {
        ty = Ty::List(Box::new(ty));
    }
    Ok(ty)
}

/// How a value of shape `target` is converted.
fn conv(ctx: &Ctx<'_>, target: &ShapeId) -> Result<Conv> {
    let mut target = target;
    let mut lists = 0;
    while let Some(item) = list_item(ctx, target, lists)? {
        target = item;
        lists += 1;
    }
    let shape = ctx.shape(target)?;
    let mut conv = match (&shape.kind, target_ty(ctx, target)?) {
        (_, Ty::Str) => Conv::AsStr,
        (_, Ty::Bool) => Conv::Copy,
        (ShapeKind::Simple(SimpleType::Long | SimpleType::Double), _) => Conv::Copy,
        (_, Ty::Int) => Conv::IntFrom,
        (_, Ty::Float) => Conv::FloatFrom,
        _ => Conv::Ref,
    };
    for _ in 0..lists {
        conv = Conv::List(Box::new(conv));
    }
    Ok(conv)
}

/// Types whose values compare with `==`.
pub fn comparable(ty: &Ty) -> bool {
    match ty {
        Ty::Bool | Ty::Int | Ty::Float | Ty::Str | Ty::Struct(_) => true,
        Ty::List(t) => comparable(t),
        _ => false,
    }
}

/// Checks `expr` evaluated on a never-null value of type `root`.
pub fn check(ctx: &Ctx<'_>, expr: &Expr, root: Ty) -> Result<Typed> {
    Checker { ctx }.check(expr, &(root, Form::Plain))
}

struct Checker<'c, 'm> {
    ctx: &'c Ctx<'m>,
}

/// The type and form of the current value.
type Cur = (Ty, Form);

fn typed(node: Node, ty: Ty, form: Form) -> Typed {
    Typed { node, ty, form }
}

fn b(t: Typed) -> Box<Typed> {
    Box::new(t)
}

impl Checker<'_, '_> {
    fn check(&self, expr: &Expr, cur: &Cur) -> Result<Typed> {
        match expr {
            Expr::Current => Ok(typed(Node::Current, cur.0.clone(), cur.1)),
            Expr::Field(name) => self.field(cur, name),
            Expr::Sub(left, right) | Expr::Pipe(left, right) => {
                let left = self.check(left, cur)?;
                let right = self.check(right, &(left.ty.clone(), left.form))?;
                let (ty, form) = (right.ty.clone(), right.form);
                Ok(typed(Node::Then(b(left), b(right)), ty, form))
            }
            Expr::Literal(lit) => literal(lit),
            Expr::Index(left, index) => {
                let left = self.check(left, cur)?;
                let Ty::List(elem) = &left.ty else {
                    return Err(Error::new(format!(
                        "an index of {} is always null",
                        left.ty.describe()
                    )));
                };
                if left.form == Form::Fallible {
                    return Err(Error::new("an index of a function result is not supported"));
                }
                let elem = (**elem).clone();
                Ok(typed(Node::Index(b(left), *index), elem, Form::Nullable))
            }
            Expr::Flatten(left) => {
                let left = self.check(left, cur)?;
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
                let form = left.form;
                Ok(typed(Node::Flatten(b(left)), ty, form))
            }
            Expr::Project(left, right) => {
                let left = self.check(left, cur)?;
                self.project(left, None, right)
            }
            Expr::Filter(left, cond, right) => {
                let left = self.check(left, cur)?;
                self.project(left, Some(cond), right)
            }
            Expr::Compare(op, left, right) => {
                let left = self.check(left, cur)?;
                let right = self.check(right, cur)?;
                compare(*op, left, right)
            }
            Expr::And(left, right) | Expr::Or(left, right) => {
                let and = matches!(expr, Expr::And(..));
                let left = self.check(left, cur)?;
                let right = self.check(right, cur)?;
                logic(and, left, right)
            }
            Expr::Not(inner) => {
                let inner = self.check(inner, cur)?;
                let truth = truth(&inner)?;
                Ok(typed(Node::Not(b(inner), truth), Ty::Bool, Form::Plain))
            }
            Expr::Call(name, args) => {
                let args = args
                    .iter()
                    .map(|a| self.check(a, cur))
                    .collect::<Result<Vec<_>>>()?;
                call(name, args)
            }
        }
    }

    fn field(&self, cur: &Cur, name: &str) -> Result<Typed> {
        let id = match &cur.0 {
            Ty::Root { input, output } => {
                let (side, id) = match name {
                    "input" => (Side::Input, input),
                    "output" => (Side::Output, output),
                    other => {
                        return Err(Error::new(format!(
                            "the input/output object has only `input` and `output`, not `{other}`"
                        )))
                    }
                };
                return Ok(typed(Node::Root(side), Ty::Struct(id.clone()), Form::Plain));
            }
            Ty::Struct(id) => id,
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
        let shape = self.ctx.shape(id)?;
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
        let field_name = self.ctx.names.member(id, pos)?;
        let string = matches!(
            self.ctx.shape(&member.target)?.kind,
            ShapeKind::Simple(SimpleType::String | SimpleType::BigInteger | SimpleType::BigDecimal)
        );
        let access = FieldAccess {
            field: ident(&field_name.field)?,
            required: member.required,
            boxed: self.ctx.is_boxed(id, member),
            string,
            conv: conv(self.ctx, &member.target)?,
        };
        let ty = target_ty(self.ctx, &member.target)?;
        let form = match cur.1 {
            Form::Plain if member.required => Form::Plain,
            Form::Plain | Form::Nullable => Form::Nullable,
            Form::Fallible => {
                return Err(Error::new(format!(
                    "`{name}` of the result of a function is not supported"
                )))
            }
        };
        Ok(typed(Node::Field(access), ty, form))
    }

    /// A projection of `right` over the list `left`, keeping the elements
    /// for which `cond` (if any) is truthy.
    fn project(&self, left: Typed, cond: Option<&Expr>, right: &Expr) -> Result<Typed> {
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
        let on_elem = (elem.clone(), Form::Plain);
        let filter = match cond {
            Some(cond) => {
                if matches!(elem, Ty::List(_)) {
                    return Err(Error::new("a filter over a list of lists is not supported"));
                }
                let c = self.check(cond, &on_elem)?;
                if c.form == Form::Fallible {
                    return Err(Error::new(
                        "a function that can fail inside a filter is not supported",
                    ));
                }
                let truth = truth(&c)?;
                Some((b(c), truth))
            }
            None => None,
        };
        let (each, ty) = if matches!(right, Expr::Current) {
            (None, elem)
        } else {
            let body = self.check(right, &on_elem)?;
            if body.form == Form::Fallible {
                return Err(Error::new(
                    "a function that can fail inside a projection is not supported",
                ));
            }
            let ty = body.ty.clone();
            (Some(b(body)), ty)
        };
        let form = left.form;
        let node = Node::Project {
            list: b(left),
            filter,
            each,
        };
        Ok(typed(node, Ty::List(Box::new(ty)), form))
    }
}

fn literal(lit: &Literal) -> Result<Typed> {
    let ty = match lit {
        Literal::Null => Ty::Null,
        Literal::Bool(_) => Ty::Bool,
        Literal::Int(_) => Ty::Int,
        Literal::Float(f) if f.is_finite() => Ty::Float,
        Literal::Float(f) => return Err(Error::new(format!("number {f} is not finite"))),
        Literal::Str(_) => Ty::Str,
    };
    Ok(typed(Node::Literal(lit.clone()), ty, Form::Plain))
}

fn compare(op: CmpOp, left: Typed, right: Typed) -> Result<Typed> {
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
        let node = Node::IsNull {
            operand: b(other),
            eq: op == CmpOp::Eq,
        };
        return Ok(typed(node, Ty::Bool, Form::Plain));
    }
    let numeric = |t: &Ty| matches!(t, Ty::Int | Ty::Float);
    let mixed = numeric(&left.ty) && numeric(&right.ty) && left.ty != right.ty;
    let (left_as_float, right_as_float) =
        (mixed && left.ty == Ty::Int, mixed && right.ty == Ty::Int);
    let as_compared = |t: &Typed, as_float: bool| if as_float { Ty::Float } else { t.ty.clone() };
    let (lt, rt) = (
        as_compared(&left, left_as_float),
        as_compared(&right, right_as_float),
    );
    if ordering && !(numeric(&lt) && numeric(&rt)) {
        return Err(Error::new(format!(
            "`{}` orders only numbers, not {} and {}",
            op.as_str(),
            lt.describe(),
            rt.describe()
        )));
    }
    if lt != rt {
        return Err(Error::new(format!(
            "comparing {} with {} with `{}` is constant",
            lt.describe(),
            rt.describe(),
            op.as_str()
        )));
    }
    if !comparable(&lt) {
        return Err(Error::new(format!(
            "comparing {} is not supported",
            lt.describe()
        )));
    }
    let form = match (left.form, right.form) {
        (Form::Plain, Form::Plain) => Form::Plain,
        (Form::Fallible, Form::Fallible | Form::Plain) | (Form::Plain, Form::Fallible) => {
            Form::Fallible
        }
        (Form::Fallible, _) | (_, Form::Fallible) => {
            return Err(Error::new(
                "comparing a function result with a value that may be null is not supported",
            ))
        }
        // At least one side may be null.
        _ if !ordering => Form::Plain,
        _ => Form::Nullable,
    };
    let node = Node::Compare {
        op,
        left: b(left),
        right: b(right),
        left_as_float,
        right_as_float,
    };
    Ok(typed(node, Ty::Bool, form))
}

fn logic(and: bool, left: Typed, right: Typed) -> Result<Typed> {
    let op = if and { "&&" } else { "||" };
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
    // JMESPath gives the deciding operand itself, which may be null.
    let form = if left.form == Form::Plain && right.form == Form::Plain {
        Form::Plain
    } else {
        Form::Nullable
    };
    let node = Node::Logic {
        and,
        left: b(left),
        right: b(right),
    };
    Ok(typed(node, Ty::Bool, form))
}

/// How the truth of `v` is tested.
fn truth(v: &Typed) -> Result<Truth> {
    if v.form == Form::Fallible {
        return Err(Error::new(
            "the truth of a function result is not supported",
        ));
    }
    Ok(match &v.ty {
        Ty::Bool => Truth::Bool,
        Ty::Str => Truth::Str,
        Ty::List(_) => Truth::List,
        other => {
            return Err(Error::new(format!(
                "the truth of {} is not supported",
                other.describe()
            )))
        }
    })
}

/// A function result is an error where JMESPath's would be (an argument
/// of the wrong type: null).
fn fallible(form: Form) -> Form {
    if form == Form::Nullable {
        Form::Fallible
    } else {
        form
    }
}

fn call(name: &str, args: Vec<Typed>) -> Result<Typed> {
    let arity = args.len();
    let mut args = args.into_iter();
    match (name, args.next(), args.next(), args.next()) {
        ("length", Some(arg), None, None) => {
            let of_str = match &arg.ty {
                Ty::List(_) => false,
                Ty::Str => true,
                other => {
                    return Err(Error::new(format!(
                        "length() of {} is not supported",
                        other.describe()
                    )))
                }
            };
            let form = fallible(arg.form);
            let node = Node::Length {
                arg: b(arg),
                of_str,
            };
            Ok(typed(node, Ty::Int, form))
        }
        ("contains", Some(subject), Some(search), None) => {
            if search.form != Form::Plain {
                return Err(Error::new(
                    "contains() with a search value that may be null is not supported",
                ));
            }
            let in_str = match &subject.ty {
                Ty::Str if search.ty == Ty::Str => true,
                Ty::List(elem) if **elem == search.ty && comparable(elem) => false,
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
            let form = fallible(subject.form);
            let node = Node::Contains {
                subject: b(subject),
                search: b(search),
                in_str,
            };
            Ok(typed(node, Ty::Bool, form))
        }
        ("length" | "contains", ..) => Err(Error::new(format!(
            "{name}() takes {} argument(s), not {arity}",
            if name == "length" { 1 } else { 2 },
        ))),
        _ => Err(Error::new(format!(
            "function {name}() is not supported (supported: length, contains)"
        ))),
    }
}
