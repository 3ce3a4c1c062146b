//! Shared helpers of the test suite.

pub mod conformance_support;
pub mod moto;
pub mod reference;
