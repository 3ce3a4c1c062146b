//! Shared helpers of the test suite.

pub mod conformance_support;
pub mod moto;
pub mod reference;

// The README's Rust examples compile as doc tests of this crate.
#[doc = include_str!("../../README.md")]
#[cfg(doctest)]
pub struct ReadmeExamples;
