//! Passes over the IR: slicing, recursion boxing, naming and validation.

pub mod closure;
pub mod boxing;
pub mod naming;
pub mod validate;
