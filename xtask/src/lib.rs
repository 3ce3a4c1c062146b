//! Maintainer tasks, as a library so that the test suite can run them:
//! `codegen` (regenerate or check `generated/`), `import` (refresh
//! `model/`), `diff` (API change report), `bench-build` (the build time
//! of a whole service).

pub mod bench_build;
pub mod codegen;
pub mod diff;
pub mod import;
pub mod models;
pub mod paths;
