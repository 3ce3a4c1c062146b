//! botocore to IR.
use crate::{ir, BotocoreFiles, Result};
/// Loads and lowers botocore files.
pub fn load(files: BotocoreFiles<'_>) -> Result<ir::Model> { Err(crate::Error::new("not yet implemented").in_file(files.service.name)) }
