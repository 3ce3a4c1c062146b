//! Shared helpers of the test suite.

pub mod chunked_server;
pub mod compile;
pub mod conformance_support;
pub mod large_answer;
pub mod moto;
pub mod reference;

/// The image operations the crate in `generated/ec2-images/` holds (the
/// seeds' and the rest of an image's life), as
/// `model/ec2-images/config.json` lists them.
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

/// The operations `model/ec2-images/config.json` lists after
/// [`IMAGE_OPERATIONS`]: the load and the delete of boto3's `Tag` resource,
/// which `Image`'s `CreateTags` action returns.
pub const TAG_OPERATIONS: [&str; 2] = ["DescribeTags", "DeleteTags"];

/// The paths of the `ec2-images` crate of this workspace.
pub fn ec2_images() -> xtask::paths::CratePaths {
    xtask::paths::CratePaths::new("ec2-images").expect("a plain crate name")
}

/// The runtime crate's absolute path, for the `Cargo.toml` of a crate
/// generated outside the workspace (in a temporary folder).
pub fn runtime_path() -> String {
    reference::workspace_root()
        .join(xtask::paths::RUNTIME_DIR)
        .display()
        .to_string()
}

// The README's Rust examples compile as doc tests of this crate.
#[doc = include_str!("../../README.md")]
#[cfg(doctest)]
pub struct ReadmeExamples;
