// Copied by `cargo xtask codegen` from codegen/runtime/mod.rs. DO NOT EDIT here: edit the original.

//! Hand-written support code the generated modules call into.
//!
//! These files are written by hand in the generator's `codegen/runtime/`
//! directory and copied here unchanged; nothing in them depends on the model.

pub mod build;
#[cfg(feature = "client")]
pub mod client;
pub mod datetime;
pub mod enums;
#[cfg(feature = "client")]
pub mod operation;
#[cfg(feature = "client")]
pub mod paginator;
pub mod query;
pub mod waiter;
pub mod xml;

pub use build::BuildError;
pub use datetime::{DateTime, DateTimeParseError, TimestampFormat};
pub use enums::UnknownValue;
pub use xml::{ResponseError, ServiceError, XmlError};
