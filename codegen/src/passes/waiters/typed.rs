//! The typed plan of a JMESPath expression: the tree [`typecheck`](super::typecheck)
//! builds from a parsed expression, saying for every node its type, whether
//! it can be null (or an error), and, for member accesses, the Rust field
//! and how its value is read. Render walks it and emits code; it asks no
//! question of the model.

use proc_macro2::Ident;

use crate::ir::ShapeId;
use crate::jmespath::{CmpOp, Literal};

/// The JMESPath type of a value, known at generation time.
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
    /// The type in words, for error messages (`a list of strings`).
    pub fn describe(&self) -> String {
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

/// How a value stands for JMESPath's null and errors.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Form {
    /// The value itself: never null.
    Plain,
    /// An `Option`; `None` is null.
    Nullable,
    /// An `Option`; `None` is an error (the acceptor does not match),
    /// never null.
    Fallible,
}

/// A checked expression: what it does, its type and its form.
#[derive(Debug, Clone)]
pub struct Typed {
    /// What the expression does.
    pub node: Node,
    /// Its type.
    pub ty: Ty,
    /// Whether it can be null, or an error.
    pub form: Form,
}

/// One step of a checked expression. "The current value" is the value the
/// expression is evaluated on: the root, the left side of a `.` or `|`, or
/// an element of a projection.
#[derive(Debug, Clone)]
pub enum Node {
    /// The current value (`@`).
    Current,
    /// `input` or `output` of the input/output object.
    Root(Side),
    /// A member of the current structure.
    Field(FieldAccess),
    /// `right` evaluated on the value of `left` (`left.right`,
    /// `left | right`).
    Then(Box<Typed>, Box<Typed>),
    /// A literal (never a non-finite number).
    Literal(Literal),
    /// An element of a list; a negative index counts from the end.
    Index(Box<Typed>, i64),
    /// A list of lists flattened one level.
    Flatten(Box<Typed>),
    /// A projection over the elements of `list`.
    Project {
        /// The list.
        list: Box<Typed>,
        /// The filter (on each element) and how its truth is tested.
        filter: Option<(Box<Typed>, Truth)>,
        /// What each element gives, on the element; `None` for the element
        /// itself.
        each: Option<Box<Typed>>,
    },
    /// A comparison of two values of the same type.
    Compare {
        /// The operator.
        op: CmpOp,
        /// The left side.
        left: Box<Typed>,
        /// The right side.
        right: Box<Typed>,
        /// The left side is an integer compared as a float.
        left_as_float: bool,
        /// The right side is an integer compared as a float.
        right_as_float: bool,
    },
    /// `x == null` (or `x != null` if not `eq`) of a nullable value.
    IsNull {
        /// The value that is not the literal null.
        operand: Box<Typed>,
        /// `==` rather than `!=`.
        eq: bool,
    },
    /// `&&` (if `and`) or `||` of two booleans.
    Logic {
        /// `&&` rather than `||`.
        and: bool,
        /// The left side.
        left: Box<Typed>,
        /// The right side.
        right: Box<Typed>,
    },
    /// `!x`, with how the truth of `x` is tested.
    Not(Box<Typed>, Truth),
    /// `length(x)` of a string (if `of_str`) or a list.
    Length {
        /// The argument.
        arg: Box<Typed>,
        /// A string rather than a list.
        of_str: bool,
    },
    /// `contains(subject, search)`: a substring (if `in_str`) or a list
    /// element.
    Contains {
        /// The string or list searched.
        subject: Box<Typed>,
        /// The value searched for, never null.
        search: Box<Typed>,
        /// `subject` is a string rather than a list.
        in_str: bool,
    },
}

/// A side of the input/output object.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Side {
    /// `input`.
    Input,
    /// `output`.
    Output,
}

/// How JMESPath's truth of a value is tested.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Truth {
    /// A boolean is its own truth.
    Bool,
    /// A string is true unless empty.
    Str,
    /// A list is true unless empty.
    List,
}

/// A structure member read from the current structure.
#[derive(Debug, Clone)]
pub struct FieldAccess {
    /// Its Rust field.
    pub field: Ident,
    /// It is required (not an `Option`).
    pub required: bool,
    /// It is boxed to break a cycle.
    pub boxed: bool,
    /// It is a string shape (`Option<String>` derefs to `Option<&str>`).
    pub string: bool,
    /// How its value is converted to the checked representation.
    pub conv: Conv,
}

/// How a value of a shape becomes the value the checked code works on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Conv {
    /// Strings and enums: `.as_str()`.
    AsStr,
    /// `bool`, `i64` and `f64`: the value itself.
    Copy,
    /// Smaller integers: `i64::from`.
    IntFrom,
    /// `f32`: `f64::from`.
    FloatFrom,
    /// A list: an iterator of its converted elements.
    List(Box<Conv>),
    /// Anything else: a reference.
    Ref,
}
