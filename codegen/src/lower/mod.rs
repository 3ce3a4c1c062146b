//! Each input format lowered into the one IR.

pub mod botocore;
pub mod resources;
pub mod smithy;
