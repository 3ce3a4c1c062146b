//! A generator of Rust bindings for AWS services.
//!
//! Pure: model text goes in, files come out. Nothing here reads or writes
//! the file system (the `xtask` crate does), and every error is a value
//! ([`Error`]) that names the file, shape or member it arose at.
//!
//! Stages:
//! - [`input`]: faithful serde types for each input format;
//! - [`lower`]: each format lowered into one IR ([`ir`]);
//! - [`passes`]: slicing, recursion boxing, naming and validation, then
//!   the plans of waiters, resources and paginators;
//! - [`protocols`]: one module per wire protocol, owning its rules, which
//!   the renderers, the diff and the conformance runner ask;
//! - [`render`]: IR to token streams, one module per concern;
//! - [`emit`]: token streams to formatted files.

pub mod config;
pub mod diff;
pub mod emit;
pub mod error;
pub mod export;
pub mod input;
pub mod ir;
pub mod jmespath;
pub mod lower;
pub mod passes;
pub mod protocols;
pub mod render;

pub use config::Config;
pub use emit::Files;
pub use error::{Error, Result};

/// How many structures (about 120 lines each) a part of
/// `types/structures.rs` renders: see [`emit::Part`].
const STRUCTURES_PER_PART: usize = 500;

/// One input file: its name (for error messages) and its text.
#[derive(Debug, Clone, Copy)]
pub struct SourceFile<'a> {
    /// The file's name or path, as it should appear in errors.
    pub name: &'a str,
    /// The file's contents.
    pub text: &'a str,
}

/// The files of a botocore service model.
#[derive(Debug, Clone, Copy)]
pub struct BotocoreFiles<'a> {
    /// `service-2.json`.
    pub service: SourceFile<'a>,
    /// `paginators-1.json`, if present.
    pub paginators: Option<SourceFile<'a>>,
    /// `waiters-2.json`, if present.
    pub waiters: Option<SourceFile<'a>>,
}

/// Loads a Smithy JSON AST (2.0, or 1.0) into the IR.
pub fn load_smithy(file: SourceFile<'_>) -> Result<ir::Model> {
    let ast = input::smithy::parse(file)?;
    lower::smithy::lower(&ast).map_err(|e| e.in_file(file.name))
}

/// Loads a botocore service model (with its paginators and waiters) into the IR.
pub fn load_botocore(files: BotocoreFiles<'_>) -> Result<ir::Model> {
    lower::botocore::load(files)
}

/// Loads a boto3 resource model (`resources-1.json`).
pub fn load_resources(file: SourceFile<'_>) -> Result<ir::ResourceModel> {
    let doc = input::resources::parse(file)?;
    lower::resources::lower(&doc).map_err(|e| e.in_file(file.name))
}

/// Generates the crate for the configured operations and resources of a
/// model.
///
/// Slices the model to the operations' closure, validates and names it,
/// then renders every file. Returns the files by path relative to the
/// crate root; nothing is written. `runtime_path` is where the runtime crate
/// (`codegen/runtime/`) is, relative to the generated crate's directory: the
/// generated `Cargo.toml` depends on it by that path.
pub fn generate(
    model: &ir::Model,
    resources: &ir::ResourceModel,
    config: &Config,
    runtime_path: &str,
) -> Result<Files> {
    let model = passes::closure::slice(model, &config.operations)?;
    passes::validate::for_codegen(&model)?;
    // The names and the boxed members are plain data, computed once (at the
    // same time, on two threads); the plans hold token streams, which
    // cannot cross threads: each thread that renders computes its own.
    let (names, boxed) = std::thread::scope(|scope| {
        let boxed = scope.spawn(|| passes::boxing::boxed_members(&model));
        let names = passes::naming::assign_with_resources(&model, &config.resources);
        let boxed = boxed
            .join()
            .unwrap_or_else(|p| std::panic::resume_unwind(p));
        names.map(|names| (names, boxed))
    })?;
    let context = || {
        let mut ctx = render::Ctx {
            names: &names,
            boxed: &boxed,
            model: &model,
            plans: Default::default(),
        };
        ctx.plans = passes::plans::plan(&ctx, resources, &config.resources)?;
        Ok(ctx)
    };
    let protocol = protocols::for_service(&model.service)?;
    let mut files = Files::new();
    files.insert(
        "Cargo.toml".into(),
        render::crate_files::cargo_toml(config, protocol, runtime_path),
    );
    // In the order of their errors, which is also the order the threads take
    // them in: the largest first, so that the threads finish together.
    let mut rust = vec![
        job("src/protocol/deserialize.rs", render::deserialize::render),
        job("src/types/serde_impls.rs", render::serde_impls::render),
    ];
    // The largest file, in parts smaller than the next largest files, so
    // that no thread is left with a large job at the end.
    let structures = (model.shapes.values())
        .filter(|s| matches!(s.kind, ir::ShapeKind::Structure(_)))
        .count();
    for part in emit::Part::all(structures, STRUCTURES_PER_PART) {
        rust.push(job("src/types/structures.rs", move |ctx| {
            render::structures::render(ctx, part)
        }));
    }
    rust.extend([
        job("src/client.rs", |ctx| {
            render::client::render(ctx, &config.crate_name)
        }),
        job("src/protocol/serialize.rs", render::serialize::render),
        job("src/types/enums.rs", render::enums::render),
        job("src/lib.rs", |ctx| render::crate_files::lib_rs(ctx, config)),
        job("src/types/mod.rs", |ctx| {
            Ok(render::crate_files::types_mod(ctx))
        }),
        job("src/protocol/mod.rs", |ctx| {
            let streams = render::stream::has_streams(ctx);
            Ok(render::crate_files::protocol_mod(protocol, streams))
        }),
        // Modules only some crates need.
        job_if(
            "src/resources.rs",
            |_| !config.resources.is_empty(),
            render::resources::render,
        ),
        job_if(
            "src/errors.rs",
            render::errors::has_errors,
            render::errors::render,
        ),
        job_if(
            "src/constraints.rs",
            render::constraints::has_checks,
            render::constraints::render,
        ),
        job_if(
            "src/waiters.rs",
            render::crate_files::has_waiters,
            render::waiters::render,
        ),
        job_if(
            "src/protocol/stream.rs",
            render::stream::has_streams,
            render::stream::render,
        ),
    ]);
    for (path, text) in emit::rust_files(context, &rust)? {
        files.insert(path.into(), text);
    }
    Ok(files)
}

/// The job that renders a file (or a part of one) with `render`.
fn job<'a, T: Into<emit::Tokens>>(
    path: &'static str,
    render: impl Fn(&render::Ctx<'a>) -> Result<T> + Sync + 'a,
) -> emit::RustJob<'a, render::Ctx<'a>> {
    job_if(path, |_| true, render)
}

/// The job that renders a file with `render` if the crate `needs` it.
fn job_if<'a, T: Into<emit::Tokens>>(
    path: &'static str,
    needs: impl Fn(&render::Ctx<'a>) -> bool + Sync + 'a,
    render: impl Fn(&render::Ctx<'a>) -> Result<T> + Sync + 'a,
) -> emit::RustJob<'a, render::Ctx<'a>> {
    (
        path,
        Box::new(move |ctx| {
            if needs(ctx) {
                render(ctx).map(|tokens| Some(tokens.into()))
            } else {
                Ok(None)
            }
        }),
    )
}
