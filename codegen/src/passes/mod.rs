//! Passes over the IR: slicing, recursion boxing, naming and validation.

pub mod closure;
