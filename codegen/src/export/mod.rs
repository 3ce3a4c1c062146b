//! The IR written back out as model files.

pub mod smithy;
