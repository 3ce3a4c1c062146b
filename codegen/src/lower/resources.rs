//! boto3 resources to IR.
use crate::{ir, Result};
use crate::input::resources::ResourcesDocument;
/// Lowers a parsed resources document.
pub fn lower(_doc: &ResourcesDocument) -> Result<ir::ResourceModel> { Err(crate::Error::new("not yet implemented")) }
