//! Shared helpers of the test suite.

pub mod conformance_support;
pub mod moto;
pub mod reference;

/// The image operations the crate in `generated/` holds (the seeds' and
/// the rest of an image's life), as `model/config.json` lists them.
pub const IMAGE_OPERATIONS: [&str; 8] = [
    "DescribeImages",
    "DescribeImageAttribute",
    "ModifyImageAttribute",
    "ResetImageAttribute",
    "DeregisterImage",
    "CreateTags",
    "RegisterImage",
    "CopyImage",
];

// The README's Rust examples compile as doc tests of this crate.
#[doc = include_str!("../../README.md")]
#[cfg(doctest)]
pub struct ReadmeExamples;
