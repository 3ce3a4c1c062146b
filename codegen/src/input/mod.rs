//! Faithful serde types for each input format. No logic beyond parsing.

pub mod botocore;
pub mod resources;
pub mod smithy;
