//! Passes over the IR: slicing, recursion boxing, naming and validation,
//! then the plans of waiters, resources and paginators.

pub mod boxing;
pub mod closure;
pub mod constraints;
pub mod naming;
pub mod paginators;
pub mod plans;
pub mod resources;
pub mod validate;
pub mod waiters;
