//! Passes over the IR: slicing, recursion boxing, naming and validation.

pub mod boxing;
pub mod closure;
pub mod naming;
pub mod validate;
