//! Serde types for the Smithy JSON AST.
use crate::{Result, SourceFile};
/// The parsed AST.
pub struct Ast;
/// Parses a Smithy JSON AST file.
pub fn parse(file: SourceFile<'_>) -> Result<Ast> { Err(crate::Error::new("not yet implemented").in_file(file.name)) }
