//! Waiters: poll an operation until one of the model's acceptors decides,
//! as the Smithy waiters specification describes.
//!
//! The generated `waiters` module holds, per waiter, a [`Waiter`]: its name,
//! its delays from the model, a text for each acceptor and a pure function
//! that says which acceptor (if any) matches one response. This module runs
//! the polling loop ([`wait`], with the `client` feature) and computes the
//! delays between attempts ([`backoff_delay`]).

use std::fmt;
use std::time::Duration;

/// The state an acceptor moves a waiter to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum AcceptorState {
    /// The wait is over: the resource reached the state waited for.
    Success,
    /// The wait is over: the resource can no longer reach that state.
    Failure,
    /// Poll again.
    Retry,
}

impl AcceptorState {
    /// The state as the model spells it (`success`, `failure`, `retry`).
    pub fn as_str(self) -> &'static str {
        match self {
            AcceptorState::Success => "success",
            AcceptorState::Failure => "failure",
            AcceptorState::Retry => "retry",
        }
    }
}

/// The acceptor that matched a response: its index in model order (from 0)
/// and the state it moves the waiter to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct AcceptorMatch {
    /// The index of the acceptor in the model's order, from 0.
    pub index: usize,
    /// The state the acceptor moves the waiter to.
    pub state: AcceptorState,
}

/// A call that failed, as acceptors see it.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct Failure<'a> {
    /// The service error's code (`InvalidAMIID.NotFound`); `None` for an
    /// error that has none (an answer that is not a service error, or no
    /// answer).
    pub code: Option<&'a str>,
    /// The HTTP status of the answer; `None` if there was no answer.
    pub status: Option<u16>,
}

/// The acceptors of a waiter, compiled: given the input and the outcome of
/// one call (`Ok(output)`, or the [`Failure`] of an error), the first
/// acceptor that matches.
pub type Acceptors<I, O> = fn(&I, ::std::result::Result<&O, Failure<'_>>) -> Option<AcceptorMatch>;

/// One waiter of the model, as generated: everything [`wait`] needs apart
/// from the operation call itself. Generated crates declare one `static`
/// per waiter.
pub struct Waiter<I, O> {
    /// The waiter's name in the model (`ImageAvailable`).
    pub name: &'static str,
    /// The model's minimum delay between attempts.
    pub min_delay: Duration,
    /// The model's maximum delay between attempts.
    pub max_delay: Duration,
    /// The model's maximum number of attempts (botocore `maxAttempts`), if
    /// it has one.
    pub max_attempts: Option<u32>,
    /// Each acceptor in model order, as text for messages
    /// (`pathAny Images[].State == "failed"`).
    pub matchers: &'static [&'static str],
    /// The compiled acceptors.
    pub acceptors: Acceptors<I, O>,
}

impl<I, O> Clone for Waiter<I, O> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<I, O> Copy for Waiter<I, O> {}

impl<I, O> fmt::Debug for Waiter<I, O> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Waiter")
            .field("name", &self.name)
            .field("min_delay", &self.min_delay)
            .field("max_delay", &self.max_delay)
            .field("max_attempts", &self.max_attempts)
            .field("matchers", &self.matchers)
            .finish_non_exhaustive()
    }
}

impl<I, O> Waiter<I, O> {
    /// The acceptor that matches one outcome, if any (see [`Acceptors`]).
    pub fn matches(
        &self,
        input: &I,
        outcome: ::std::result::Result<&O, Failure<'_>>,
    ) -> Option<AcceptorMatch> {
        (self.acceptors)(input, outcome)
    }

    /// The text of acceptor `index` (`?` if there is no such acceptor).
    pub fn matcher(&self, index: usize) -> &'static str {
        self.matchers.get(index).copied().unwrap_or("?")
    }
}

/// Smithy's `allStringEquals`: the result is a non-empty list whose every
/// element equals `expected` (`None`, JMESPath's null, never matches).
pub fn all_string_equals<'a>(
    values: Option<impl IntoIterator<Item = &'a str>>,
    expected: &str,
) -> bool {
    let Some(values) = values else { return false };
    let mut empty = true;
    for value in values {
        if value != expected {
            return false;
        }
        empty = false;
    }
    !empty
}

/// Smithy's `anyStringEquals`: the result is a list with at least one
/// element equal to `expected` (`None`, JMESPath's null, never matches).
pub fn any_string_equals<'a>(
    values: Option<impl IntoIterator<Item = &'a str>>,
    expected: &str,
) -> bool {
    values.is_some_and(|values| values.into_iter().any(|value| value == expected))
}

/// How long to wait, and how often to poll.
///
/// The defaults are the model's: its delays, and its maximum number of
/// attempts (botocore's `maxAttempts`, e.g. 40 attempts 15 seconds apart);
/// a waiter whose model sets no attempts waits at most
/// [`WaiterConfig::DEFAULT_MAX_WAIT`]. Like boto3's
/// `WaiterConfig={'Delay': .., 'MaxAttempts': ..}`, [`delay`](Self::delay)
/// and [`max_attempts`](Self::max_attempts) override them; a
/// [`max_wait`](Self::max_wait) bounds the time as well.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct WaiterConfig {
    /// The longest the whole wait may take (no sleep goes past it); `None`
    /// for no bound of time when the attempts are bounded, else
    /// [`WaiterConfig::DEFAULT_MAX_WAIT`].
    pub max_wait: Option<Duration>,
    /// The most calls of the operation; `None` for the model's.
    pub max_attempts: Option<u32>,
    /// The minimum delay between attempts; `None` for the model's.
    pub min_delay: Option<Duration>,
    /// The maximum delay between attempts; `None` for the model's.
    pub max_delay: Option<Duration>,
}

impl WaiterConfig {
    /// The maximum wait time of a waiter whose model sets no maximum number
    /// of attempts, unless one is configured: 10 minutes (botocore's usual
    /// 40 attempts 15 seconds apart).
    pub const DEFAULT_MAX_WAIT: Duration = Duration::from_secs(600);

    /// A configuration that waits at most `max_wait`, with the model's
    /// delays and attempts.
    pub fn new(max_wait: Duration) -> Self {
        WaiterConfig {
            max_wait: Some(max_wait),
            ..WaiterConfig::default()
        }
    }

    /// Sets the maximum wait time.
    pub fn max_wait(mut self, max_wait: Duration) -> Self {
        self.max_wait = Some(max_wait);
        self
    }

    /// Sets the maximum number of calls of the operation (boto3's
    /// `MaxAttempts`).
    pub fn max_attempts(mut self, attempts: u32) -> Self {
        self.max_attempts = Some(attempts);
        self
    }

    /// Waits a fixed `delay` between attempts (boto3's `Delay`): the minimum
    /// and the maximum delay both.
    pub fn delay(mut self, delay: Duration) -> Self {
        self.min_delay = Some(delay);
        self.max_delay = Some(delay);
        self
    }

    /// Overrides the model's minimum delay between attempts.
    pub fn min_delay(mut self, delay: Duration) -> Self {
        self.min_delay = Some(delay);
        self
    }

    /// Overrides the model's maximum delay between attempts.
    pub fn max_delay(mut self, delay: Duration) -> Self {
        self.max_delay = Some(delay);
        self
    }

    /// The (minimum, maximum) delays for `waiter`, checked: the minimum is
    /// not zero and not above the maximum.
    pub fn delays<I, O>(&self, waiter: &Waiter<I, O>) -> Result<(Duration, Duration), String> {
        let min = self.min_delay.unwrap_or(waiter.min_delay);
        let max = self.max_delay.unwrap_or(waiter.max_delay);
        if min.is_zero() {
            return Err("the minimum delay must be more than zero".into());
        }
        if min > max {
            return Err(format!(
                "the minimum delay ({min:?}) is above the maximum delay ({max:?})"
            ));
        }
        Ok((min, max))
    }

    /// The (maximum wait, maximum attempts) for `waiter`, checked: at least
    /// one attempt. Without attempts from the configuration or the model,
    /// the wait is bounded by [`WaiterConfig::DEFAULT_MAX_WAIT`].
    pub fn bounds<I, O>(&self, waiter: &Waiter<I, O>) -> Result<(Duration, u32), String> {
        let attempts = self.max_attempts.or(waiter.max_attempts);
        if attempts == Some(0) {
            return Err("the maximum number of attempts must be at least 1".into());
        }
        let wait = match (self.max_wait, attempts) {
            (Some(wait), _) => wait,
            (None, Some(_)) => Duration::MAX,
            (None, None) => WaiterConfig::DEFAULT_MAX_WAIT,
        };
        Ok((wait, attempts.unwrap_or(u32::MAX)))
    }
}

/// The delay before the next attempt, per the Smithy waiters specification,
/// or `None` when the wait must stop because less than `min` is left.
///
/// `attempt` is the number of attempts made so far (from 1); the delay grows
/// as `min * 2^(attempt - 1)` up to `max`, then a random point between `min`
/// and that is taken (`jitter`, in `[0, 1]`, picks it); finally the delay is
/// cut so that at least `min` remains before `remaining` runs out, which
/// leaves room for one last attempt and never sleeps past the maximum wait.
pub fn backoff_delay(
    attempt: u32,
    min: Duration,
    max: Duration,
    remaining: Duration,
    jitter: f64,
) -> Option<Duration> {
    // At the minimum delay or less left, one more attempt could not be
    // followed by another: stop (this also ends a wait whose attempts take
    // no time).
    if remaining <= min {
        return None;
    }
    let shift = attempt.saturating_sub(1).min(62);
    let ceiling = min
        .checked_mul(1u32.checked_shl(shift).unwrap_or(u32::MAX))
        .unwrap_or(max)
        .min(max);
    let jitter = if jitter.is_finite() {
        jitter.clamp(0.0, 1.0)
    } else {
        0.0
    };
    let delay = min + (ceiling - min).mul_f64(jitter);
    let delay = if remaining.saturating_sub(delay) <= min {
        remaining - min
    } else {
        delay
    };
    Some(delay)
}

/// Why a wait ended without success. `E` is the operation's error type.
#[derive(Debug)]
#[non_exhaustive]
pub enum WaiterError<E> {
    /// An acceptor matched and moved the waiter to the failure state.
    FailureState {
        /// The waiter's name.
        waiter: &'static str,
        /// The acceptor's index in model order, from 0 (displayed from 1).
        acceptor: usize,
        /// The acceptor's matcher, as text.
        matcher: &'static str,
        /// The operation's error, when the acceptor matched an error.
        error: Option<E>,
    },
    /// The maximum wait time or the maximum number of attempts ran out
    /// before an acceptor decided.
    TimedOut {
        /// The waiter's name.
        waiter: &'static str,
        /// How many times the operation was called.
        attempts: u32,
        /// How long the wait took.
        elapsed: Duration,
    },
    /// The operation failed with an error that no acceptor matched.
    Operation {
        /// The waiter's name.
        waiter: &'static str,
        /// The operation's error.
        error: E,
    },
    /// The configuration cannot be used (e.g. the minimum delay is above the
    /// maximum).
    InvalidConfig {
        /// The waiter's name.
        waiter: &'static str,
        /// What is wrong.
        message: String,
    },
}

impl<E: fmt::Display> fmt::Display for WaiterError<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            WaiterError::FailureState {
                waiter,
                acceptor,
                matcher,
                error,
            } => {
                write!(
                    f,
                    "waiter {waiter}: acceptor {} ({matcher}) reached the failure state",
                    acceptor + 1
                )?;
                match error {
                    Some(e) => write!(f, ": {e}"),
                    None => Ok(()),
                }
            }
            WaiterError::TimedOut {
                waiter,
                attempts,
                elapsed,
            } => write!(
                f,
                "waiter {waiter}: timed out after {attempts} attempt{} and {:.1} s",
                if *attempts == 1 { "" } else { "s" },
                elapsed.as_secs_f64()
            ),
            WaiterError::Operation { waiter, error } => {
                write!(f, "waiter {waiter}: the operation failed: {error}")
            }
            WaiterError::InvalidConfig { waiter, message } => {
                write!(f, "waiter {waiter}: invalid configuration: {message}")
            }
        }
    }
}

impl<E: std::error::Error + 'static> std::error::Error for WaiterError<E> {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            WaiterError::FailureState { error: Some(e), .. }
            | WaiterError::Operation { error: e, .. } => Some(e),
            _ => None,
        }
    }
}

/// How a successful wait ended.
#[derive(Debug)]
#[non_exhaustive]
pub struct WaiterSuccess<O, E> {
    /// The outcome of the last call: an output, or the error that an
    /// acceptor took for success (e.g. "not found" when waiting for a
    /// deletion).
    pub last: Result<O, E>,
    /// The acceptor that matched, from 0.
    pub acceptor: usize,
    /// How many times the operation was called.
    pub attempts: u32,
    /// How long the wait took.
    pub elapsed: Duration,
}

/// Polls until an acceptor of `waiter` decides, or the maximum wait time or
/// number of attempts ([`WaiterConfig::bounds`]) runs out, as the Smithy
/// waiters specification says: call `poll`; if an acceptor matches, stop on
/// success or failure, or go on for retry; if none matches, stop on an error
/// and go on after an output; then, unless that was the last attempt, sleep
/// the [`backoff_delay`] (exponential, with jitter, between the minimum and
/// maximum delay; fixed when they are equal, as botocore's waiters are)
/// unless less than the minimum delay is left.
///
/// `poll` makes one call with `input` (capture it: `|| client.op(&input)`);
/// `input` is also given to acceptors that look at it. `failure` gives an
/// error's code and HTTP status, for the acceptors that match errors.
/// Sleeps with `tokio::time`, so a paused tokio clock makes tests instant.
#[cfg(feature = "client")]
pub async fn wait<I, O, E, F, Fut>(
    waiter: &Waiter<I, O>,
    input: &I,
    config: &WaiterConfig,
    mut poll: F,
    failure: impl Fn(&E) -> Failure<'_>,
) -> Result<WaiterSuccess<O, E>, WaiterError<E>>
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = Result<O, E>>,
{
    let invalid = |message| WaiterError::InvalidConfig {
        waiter: waiter.name,
        message,
    };
    let (min, max) = config.delays(waiter).map_err(invalid)?;
    let (max_wait, max_attempts) = config.bounds(waiter).map_err(invalid)?;
    let start = tokio::time::Instant::now();
    let mut attempts: u32 = 0;
    loop {
        attempts = attempts.saturating_add(1);
        let outcome = poll().await;
        let matched = match &outcome {
            Ok(output) => waiter.matches(input, Ok(output)),
            Err(error) => waiter.matches(input, Err(failure(error))),
        };
        match matched {
            Some(AcceptorMatch {
                index,
                state: AcceptorState::Success,
            }) => {
                return Ok(WaiterSuccess {
                    last: outcome,
                    acceptor: index,
                    attempts,
                    elapsed: start.elapsed(),
                })
            }
            Some(AcceptorMatch {
                index,
                state: AcceptorState::Failure,
            }) => {
                return Err(WaiterError::FailureState {
                    waiter: waiter.name,
                    acceptor: index,
                    matcher: waiter.matcher(index),
                    error: outcome.err(),
                })
            }
            Some(AcceptorMatch {
                state: AcceptorState::Retry,
                ..
            }) => {}
            None => {
                if let Err(error) = outcome {
                    return Err(WaiterError::Operation {
                        waiter: waiter.name,
                        error,
                    });
                }
            }
        }
        let elapsed = start.elapsed();
        let remaining = max_wait.saturating_sub(elapsed);
        let delay = if attempts >= max_attempts {
            None
        } else {
            backoff_delay(attempts, min, max, remaining, fastrand::f64())
        };
        match delay {
            Some(delay) => tokio::time::sleep(delay).await,
            None => {
                return Err(WaiterError::TimedOut {
                    waiter: waiter.name,
                    attempts,
                    elapsed,
                })
            }
        }
    }
}
