//! A generator of Rust bindings for AWS services.
//!
//! Pure: model text goes in, files come out. Nothing here reads or writes
//! the file system (the `xtask` crate does), and every error is a value
//! ([`Error`]) that names the file, shape or member it arose at.
//!
//! Stages:
//! - [`input`]: faithful serde types for each input format;
//! - [`lower`]: each format lowered into one IR ([`ir`]);
//! - [`passes`]: slicing, recursion boxing, naming and validation;
//! - [`render`]: IR to token streams, one module per concern;
//! - [`emit`]: token streams to formatted files.

pub mod diff;
pub mod error;
pub mod export;
pub mod input;
pub mod ir;
pub mod lower;
pub mod passes;

pub use error::{Error, Result};

/// One input file: its name (for error messages) and its text.
#[derive(Debug, Clone, Copy)]
pub struct SourceFile<'a> {
    /// The file's name or path, as it should appear in errors.
    pub name: &'a str,
    /// The file's contents.
    pub text: &'a str,
}

/// The files of a botocore service model.
#[derive(Debug, Clone, Copy)]
pub struct BotocoreFiles<'a> {
    /// `service-2.json`.
    pub service: SourceFile<'a>,
    /// `paginators-1.json`, if present.
    pub paginators: Option<SourceFile<'a>>,
    /// `waiters-2.json`, if present.
    pub waiters: Option<SourceFile<'a>>,
}

/// Loads a Smithy JSON AST (2.0, or 1.0) into the IR.
pub fn load_smithy(file: SourceFile<'_>) -> Result<ir::Model> {
    let ast = input::smithy::parse(file)?;
    lower::smithy::lower(&ast).map_err(|e| e.in_file(file.name))
}

/// Loads a botocore service model (with its paginators and waiters) into the IR.
pub fn load_botocore(files: BotocoreFiles<'_>) -> Result<ir::Model> {
    lower::botocore::load(files)
}

/// Loads a boto3 resource model (`resources-1.json`).
pub fn load_resources(file: SourceFile<'_>) -> Result<ir::ResourceModel> {
    let doc = input::resources::parse(file)?;
    lower::resources::lower(&doc).map_err(|e| e.in_file(file.name))
}
