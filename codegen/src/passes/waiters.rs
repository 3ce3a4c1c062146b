//! The waiter plans: per waiter, its delays checked, its acceptors'
//! JMESPath expressions parsed and type-checked against the operation's
//! input and output ([`typecheck`], into [`typed`] plans), and which acceptors can match which
//! outcome. Errors name the waiter, its operation and the acceptor.

pub mod typecheck;
pub mod typed;

use proc_macro2::{Ident, TokenStream};

use crate::ir::{AcceptorState, Comparator, Matcher, Operation, Waiter};
use crate::jmespath;
use crate::render::ident::ident;
use crate::render::Ctx;
use crate::{Error, Result};
use typed::{Ty, Typed};

/// The Smithy default maximum delay, for models that do not set one.
const DEFAULT_MAX_DELAY: u64 = 120;

/// A waiter, ready to render.
#[derive(Debug, Clone)]
pub struct WaiterPlan {
    /// The waiter's name (`ImageAvailable`).
    pub name: String,
    /// The operation it polls (`DescribeImages`).
    pub operation: String,
    /// Its documentation, if the model has any.
    pub docs: Option<String>,
    /// The constant in `crate::waiters` (`IMAGE_AVAILABLE`).
    pub const_name: Ident,
    /// The acceptor function (`image_available`).
    pub fn_name: Ident,
    /// The operation's input type.
    pub input_type: TokenStream,
    /// The operation's output type.
    pub output_type: TokenStream,
    /// The minimum delay between attempts, in seconds (at least 1).
    pub min_delay: u64,
    /// The maximum delay between attempts, in seconds (at least the
    /// minimum).
    pub max_delay: u64,
    /// The maximum number of attempts (botocore `maxAttempts`), if the model
    /// sets one.
    pub max_attempts: Option<u32>,
    /// Every acceptor, in model order: its text and state.
    pub acceptors: Vec<(String, AcceptorState)>,
    /// The acceptors that can match a successful call, in order.
    pub on_output: Vec<Arm>,
    /// The acceptors that can match an error, in order.
    pub on_error: Vec<Arm>,
    /// Some test reads the input.
    pub uses_input: bool,
    /// Some test reads the output.
    pub uses_output: bool,
    /// Some test reads the error's code or status.
    pub uses_failure: bool,
}

/// One acceptor that can match: its index, its state and its test (`None`
/// matches every outcome of its kind, and is the last of its kind).
#[derive(Debug, Clone)]
pub struct Arm {
    /// The acceptor's index in the waiter.
    pub index: usize,
    /// The state it leads to.
    pub state: AcceptorState,
    /// What it tests.
    pub test: Option<Test>,
}

/// The test of an acceptor.
#[derive(Debug, Clone)]
pub enum Test {
    /// A JMESPath expression over the output (or the input/output object)
    /// compared with the expected value.
    Path {
        /// The expression, evaluated on `output`, or on the input/output
        /// object if `input_output`.
        expr: Typed,
        /// How its value is compared.
        check: Check,
        /// The expression is evaluated on the input/output object.
        input_output: bool,
    },
    /// The error's code is this one.
    ErrorCode(String),
    /// The error's answer has this HTTP status (not a 2xx: those are
    /// successful calls).
    ErrorStatus(u16),
}

/// How a path's value is compared with the expected value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Check {
    /// The string equals.
    StringEquals(String),
    /// The boolean equals.
    BooleanEquals(bool),
    /// Every string of the non-empty list equals.
    AllStringEquals(String),
    /// Some string of the list equals.
    AnyStringEquals(String),
}

/// The plans of every waiter of every operation of the model, in
/// operation and waiter order.
pub fn plan(ctx: &Ctx<'_>) -> Result<Vec<WaiterPlan>> {
    let mut plans = Vec::new();
    for op in ctx.model.operations.values() {
        for (name, waiter) in &op.waiters {
            plans.push(
                plan_waiter(ctx, op, name, waiter)
                    .map_err(|e| e.at(format!("waiter {name} of operation {}", op.id.name)))?,
            );
        }
    }
    Ok(plans)
}

fn plan_waiter(ctx: &Ctx<'_>, op: &Operation, name: &str, waiter: &Waiter) -> Result<WaiterPlan> {
    let (Some(input_id), Some(output_id)) = (&op.input, &op.output) else {
        return Err(Error::new(
            "waiters of operations without an input or an output are not supported",
        ));
    };
    let max_delay = waiter
        .max_delay
        .unwrap_or(DEFAULT_MAX_DELAY.max(waiter.min_delay));
    if waiter.min_delay == 0 || waiter.min_delay > max_delay {
        return Err(Error::new(format!(
            "minDelay ({}) must be at least 1 and at most maxDelay ({max_delay})",
            waiter.min_delay
        )));
    }
    if waiter.max_attempts == Some(0) {
        return Err(Error::new("maxAttempts must be at least 1"));
    }
    let mut plan = WaiterPlan {
        name: name.to_string(),
        operation: op.id.name.clone(),
        docs: waiter.docs.clone(),
        const_name: crate::render::waiters::const_name(name)?,
        fn_name: ident(&heck::ToSnakeCase::to_snake_case(name))?,
        input_type: ctx.value_type(input_id)?,
        output_type: ctx.value_type(output_id)?,
        min_delay: waiter.min_delay,
        max_delay,
        max_attempts: waiter.max_attempts,
        acceptors: Vec::new(),
        on_output: Vec::new(),
        on_error: Vec::new(),
        uses_input: false,
        uses_output: false,
        uses_failure: false,
    };
    let (mut output_done, mut error_done) = (false, false);
    for (index, acceptor) in waiter.acceptors.iter().enumerate() {
        let place = || {
            format!(
                "waiter {name} of operation {}, acceptor {index}",
                op.id.name
            )
        };
        plan.acceptors
            .push((matcher_text(&acceptor.matcher), acceptor.state));
        // `None` = matches every outcome of its kind.
        let (on_ok, test) = match &acceptor.matcher {
            Matcher::Output {
                path,
                expected,
                comparator,
            } => {
                plan.uses_output = true;
                let root = Ty::Struct(output_id.clone());
                let test =
                    path_test(ctx, path, expected, *comparator, root).map_err(|e| e.at(place()))?;
                (true, Some(test))
            }
            Matcher::InputOutput {
                path,
                expected,
                comparator,
            } => {
                plan.uses_input = true;
                plan.uses_output = true;
                let root = Ty::Root {
                    input: input_id.clone(),
                    output: output_id.clone(),
                };
                let test =
                    path_test(ctx, path, expected, *comparator, root).map_err(|e| e.at(place()))?;
                (true, Some(test))
            }
            Matcher::Success(true) => (true, None),
            Matcher::Success(false) => (false, None),
            // A 2xx status is a successful call, and only that.
            Matcher::Status(status) if (200..300).contains(status) => (true, None),
            Matcher::Status(status) => {
                plan.uses_failure = true;
                (false, Some(Test::ErrorStatus(*status)))
            }
            Matcher::ErrorType(code) => {
                plan.uses_failure = true;
                (false, Some(Test::ErrorCode(code.clone())))
            }
        };
        let (arms, done) = if on_ok {
            (&mut plan.on_output, &mut output_done)
        } else {
            (&mut plan.on_error, &mut error_done)
        };
        // After an acceptor that matches every outcome of its kind, later
        // ones of that kind can never match.
        if *done {
            continue;
        }
        *done = test.is_none();
        arms.push(Arm {
            index,
            state: acceptor.state,
            test,
        });
    }
    Ok(plan)
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

/// Parses and checks one path matcher, evaluated on a value of type
/// `root`.
fn path_test(
    ctx: &Ctx<'_>,
    path: &str,
    expected: &str,
    comparator: Comparator,
    root: Ty,
) -> Result<Test> {
    let input_output = matches!(root, Ty::Root { .. });
    let expr = jmespath::parse(path)?;
    let fail = |msg: String| Error::new(format!("JMESPath expression `{path}`: {msg}"));
    let expr = typecheck::check(ctx, &expr, root).map_err(|e| fail(e.message))?;
    let check = match comparator {
        Comparator::StringEquals => {
            if expr.ty != Ty::Str {
                return Err(fail(format!(
                    "gives {}, never a string: stringEquals cannot match",
                    expr.ty.describe()
                )));
            }
            Check::StringEquals(expected.to_string())
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
            if expr.ty != Ty::Bool {
                return Err(fail(format!(
                    "gives {}, never a boolean: booleanEquals cannot match",
                    expr.ty.describe()
                )));
            }
            Check::BooleanEquals(want)
        }
        Comparator::AllStringEquals | Comparator::AnyStringEquals => {
            let all = comparator == Comparator::AllStringEquals;
            if expr.ty != Ty::List(Box::new(Ty::Str)) {
                return Err(fail(format!(
                    "gives {}, never a list of strings: {} cannot match",
                    expr.ty.describe(),
                    if all {
                        "allStringEquals"
                    } else {
                        "anyStringEquals"
                    }
                )));
            }
            if all {
                Check::AllStringEquals(expected.to_string())
            } else {
                Check::AnyStringEquals(expected.to_string())
            }
        }
    };
    Ok(Test::Path {
        expr,
        check,
        input_output,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::passes::plans::tests::{ctx_of, model};

    fn plan_path(path: &str) -> Result<Vec<WaiterPlan>> {
        ctx_of(&model(path, "Things"), plan)
    }

    #[test]
    fn plans_typed_acceptors() {
        let plans = plan_path("Things[].State").unwrap();
        let [waiter] = plans.as_slice() else {
            panic!("{plans:?}")
        };
        assert_eq!(
            (waiter.name.as_str(), waiter.operation.as_str()),
            ("ThingReady", "DescribeThings")
        );
        assert_eq!(waiter.fn_name.to_string(), "thing_ready");
        assert_eq!((waiter.min_delay, waiter.max_delay), (15, 120));
        let [Arm {
            index: 0,
            test: Some(Test::Path { expr, check, .. }),
            ..
        }] = waiter.on_output.as_slice()
        else {
            panic!("{:?}", waiter.on_output)
        };
        assert_eq!(expr.ty, Ty::List(Box::new(Ty::Str)));
        assert_eq!(*check, Check::AllStringEquals("ready".into()));
        assert!(matches!(
            waiter.on_error.as_slice(),
            [Arm { index: 1, test: Some(Test::ErrorCode(code)), .. }] if code == "ThingNotFound"
        ));
    }

    #[test]
    fn errors_name_the_waiter_its_operation_and_the_acceptor() {
        for (path, needle) in [
            ("Things[].Nope", "Thing has no member `Nope`"),
            (
                "Things[].Size",
                "never a list of strings: allStringEquals cannot match",
            ),
            (
                "Things[?Size == 'x'].State",
                "comparing a number with a string",
            ),
            ("Things.State", "`State` of a list is always null"),
            ("Things[].State ==", "column 18: unexpected end"),
        ] {
            let err = plan_path(path).unwrap_err().to_string();
            assert!(
                err.starts_with("waiter ThingReady of operation DescribeThings, acceptor 0: "),
                "{path}: {err}"
            );
            assert!(err.contains(needle), "{path}: {err}");
        }
    }

    #[test]
    fn deep_paths_are_refused_before_they_are_checked() {
        let path = vec!["Things"; 100].join(".");
        let err = plan_path(&path).unwrap_err().to_string();
        assert!(err.contains("acceptor 0"), "{err}");
        assert!(err.contains("nests deeper than 64 levels"), "{err}");
    }
}
