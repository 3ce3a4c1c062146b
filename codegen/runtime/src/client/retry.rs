//! The AWS "standard" retry strategy: which failures are retried, the delay
//! before a retry, and the retry quota.

use std::sync::Mutex;
use std::time::Duration;

use super::config::RetryConfig;
use super::handle::RetryableError;

/// Error codes that mean the caller is being throttled.
const THROTTLING_CODES: &[&str] = &[
    "Throttling",
    "ThrottlingException",
    "ThrottledException",
    "RequestThrottledException",
    "TooManyRequestsException",
    "ProvisionedThroughputExceededException",
    "TransactionInProgressException",
    "RequestLimitExceeded",
    "BandwidthLimitExceeded",
    "LimitExceededException",
    "RequestThrottled",
    "SlowDown",
    "PriorRequestNotComplete",
    "EC2ThrottledException",
];

/// Error codes of faults that may pass.
const TRANSIENT_CODES: &[&str] = &[
    "RequestTimeout",
    "RequestTimeoutException",
    "InternalError",
    "InternalFailure",
    "ServiceUnavailable",
    "Unavailable",
];

/// Statuses of faults that may pass.
const TRANSIENT_STATUSES: &[u16] = &[500, 502, 503, 504];

/// Why a failed attempt may be retried.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum RetryKind {
    /// Throttled: by status 429 or an error code.
    Throttling,
    /// A server fault or a broken connection.
    Transient,
    /// The attempt timed out.
    Timeout,
}

impl RetryKind {
    /// What a retry costs from the quota.
    fn cost(self) -> u32 {
        match self {
            RetryKind::Timeout => 10,
            RetryKind::Throttling | RetryKind::Transient => 5,
        }
    }
}

/// Whether a response with this status and error code may be retried;
/// `modeled` are the codes the service's model marks retryable.
pub(crate) fn classify(
    status: u16,
    error_code: Option<&str>,
    modeled: &[RetryableError],
) -> Option<RetryKind> {
    if let Some(code) = error_code {
        if let Some(e) = modeled.iter().find(|e| e.code == code) {
            return Some(if e.throttling {
                RetryKind::Throttling
            } else {
                RetryKind::Transient
            });
        }
        if THROTTLING_CODES.contains(&code) {
            return Some(RetryKind::Throttling);
        }
        if TRANSIENT_CODES.contains(&code) {
            return Some(RetryKind::Transient);
        }
    }
    if status == 429 {
        Some(RetryKind::Throttling)
    } else if TRANSIENT_STATUSES.contains(&status) {
        Some(RetryKind::Transient)
    } else {
        None
    }
}

/// The delay before the retry that follows attempt `attempt` (from 1):
/// uniform in `[0, min(max_backoff, initial_backoff * 2^(attempt - 1)))`.
pub(crate) fn backoff(config: &RetryConfig, attempt: u32) -> Duration {
    let exponent = attempt.saturating_sub(1).min(31);
    let bound = config
        .initial_backoff()
        .saturating_mul(1u32 << exponent)
        .min(config.max_backoff());
    bound.mul_f64(fastrand::f64())
}

/// The retry quota shared by the requests of a client.
#[derive(Debug)]
pub(crate) struct RetryQuota {
    tokens: Mutex<u32>,
}

const QUOTA: u32 = 500;
/// Given back by a request that succeeds at the first attempt.
const SUCCESS_REFILL: u32 = 1;

impl RetryQuota {
    pub(crate) fn new() -> Self {
        RetryQuota {
            tokens: Mutex::new(QUOTA),
        }
    }

    fn with_tokens<T>(&self, f: impl FnOnce(&mut u32) -> T) -> T {
        let mut tokens = self
            .tokens
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        f(&mut tokens)
    }

    /// Takes the cost of a retry of this kind; `None` when the quota is
    /// spent (then the request is not retried).
    pub(crate) fn acquire(&self, kind: RetryKind) -> Option<u32> {
        let cost = kind.cost();
        self.with_tokens(|tokens| {
            (*tokens >= cost).then(|| {
                *tokens -= cost;
                cost
            })
        })
    }

    /// A request succeeded; `last_cost` is what its last retry took.
    pub(crate) fn success(&self, last_cost: Option<u32>) {
        let refill = last_cost.unwrap_or(SUCCESS_REFILL);
        self.with_tokens(|tokens| *tokens = (*tokens + refill).min(QUOTA));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_the_model_marks_retryable_are_retried_as_it_says() {
        const MODELED: &[RetryableError] = &[
            RetryableError {
                code: "ConcurrentModification",
                throttling: false,
            },
            RetryableError {
                code: "SlowDownPlease",
                throttling: true,
            },
        ];
        assert_eq!(
            classify(409, Some("ConcurrentModification"), MODELED),
            Some(RetryKind::Transient)
        );
        assert_eq!(
            classify(400, Some("SlowDownPlease"), MODELED),
            Some(RetryKind::Throttling)
        );
        assert_eq!(classify(400, Some("SlowDownPlease"), &[]), None);
        assert_eq!(classify(400, Some("NoSuchEntity"), MODELED), None);
        assert_eq!(
            classify(400, Some("Throttling"), MODELED),
            Some(RetryKind::Throttling)
        );
    }
}
