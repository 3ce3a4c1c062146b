//! Serde types for boto3 `resources-1.json`.
use crate::{Result, SourceFile};
/// The parsed document.
pub struct ResourcesDocument;
/// Parses a resources file.
pub fn parse(file: SourceFile<'_>) -> Result<ResourcesDocument> { Err(crate::Error::new("not yet implemented").in_file(file.name)) }
