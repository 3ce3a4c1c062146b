//! `cargo xtask diff OLD NEW`.
use std::process::ExitCode;
pub fn run(_args: &[String]) -> Result<ExitCode, String> { Err("not yet implemented".into()) }
