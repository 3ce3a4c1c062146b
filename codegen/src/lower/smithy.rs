//! Smithy JSON AST to IR.
use crate::{ir, Result};
use crate::input::smithy::Ast;
/// Lowers a parsed AST.
pub fn lower(_ast: &Ast) -> Result<ir::Model> { Err(crate::Error::new("not yet implemented")) }
