//! The files of the crate around the shapes: `Cargo.toml`, `lib.rs` and the
//! module roots.

use proc_macro2::TokenStream;
use quote::quote;

use crate::config::Config;
use crate::ir::ShapeKind;
use crate::protocols::WireProtocol;
use crate::render::docs::to_markdown;
use crate::render::Ctx;

/// The package name of the runtime crate the generated crates depend on
/// (`codegen/runtime/` in this repository).
pub const RUNTIME_PACKAGE: &str = "aws-bindgen-runtime";

/// `Cargo.toml` of the generated crate. `runtime_path` is the path of the
/// runtime crate relative to the generated crate's directory.
pub fn cargo_toml(config: &Config, protocol: &dyn WireProtocol, runtime_path: &str) -> String {
    let mut toml = format!(
        r#"{preamble}[package]
name = "{name}"
version = "{version}"
description = "{description}"
edition = "2021"
rust-version = "1.85"
license = "Apache-2.0"
publish = false

[features]
default = ["client"]
## The async client (`Client`, paginators, waiters, resources), through the
## runtime's client: configuration, credentials, SigV4 signing, HTTPS
## (rustls with the ring provider), timeouts and retries. Without it the
## crate has only the types and the protocol code.
client = ["{runtime}/client"]
## Serialize and deserialize every shape with serde, with boto3's field names.
serde = ["dep:serde", "{runtime}/serde"]

[dependencies]
{runtime} = {{ path = "{runtime_path}", features = ["{protocol}"] }}
serde = {{ version = "1", optional = true, features = ["derive"] }}
"#,
        preamble = crate::emit::CARGO_PREAMBLE,
        name = config.crate_name,
        version = config.crate_version,
        description = toml_string(&config.description),
        runtime = RUNTIME_PACKAGE,
        runtime_path = toml_string(runtime_path),
        protocol = protocol.runtime_feature(),
    );
    if !config.examples.is_empty() {
        toml.push_str(
            "\n[dev-dependencies]\nserde_json = \"1\"\ntokio = { version = \"1.38\", features = [\"macros\", \"rt\"] }\n",
        );
        for name in &config.examples {
            toml.push_str(&format!(
                "\n[[example]]\nname = \"{name}\"\nrequired-features = [\"client\", \"serde\"]\n"
            ));
        }
    }
    toml
}

/// Text escaped for a TOML basic string.
fn toml_string(text: &str) -> String {
    text.replace('\\', "\\\\").replace('"', "\\\"")
}

/// `src/lib.rs`: the crate's documentation and module tree.
pub fn lib_rs(ctx: &Ctx<'_>, config: &Config) -> crate::Result<TokenStream> {
    let resources = !config.resources.is_empty();
    let service = &ctx.model.service;
    let title = service
        .title
        .clone()
        .unwrap_or_else(|| service.id.name.clone());
    let mut text = format!(
        "Rust bindings for {title} (API version {}), generated from the service model.\n\n",
        service.version
    );
    text.push_str("Operations in this crate:\n\n");
    for op in ctx.model.operations.values() {
        text.push_str(&format!("- `{}`\n", op.id.name));
    }
    text.push_str(
        "\nShapes and enums are in [`types`], the request serializers and \
         response parsers in [`protocol`].\n\n\
         Cargo features:\n\n\
         - `client` (default): the async `Client` (one method per operation, \
         paginators, waiters, resources), with SigV4 signing, HTTPS over rustls \
         and retries. `default-features = false` leaves the types and the \
         protocol code only.\n\
         - `serde`: `Serialize`/`Deserialize` for every shape, with boto3's \
         field names.",
    );
    text.push_str("\n\n");
    text.push_str(&crate::render::crate_docs::guide(ctx, &config.crate_name)?);
    if let Some(docs) = service
        .docs
        .as_deref()
        .map(to_markdown)
        .filter(|d| !d.is_empty())
    {
        text.push_str("\n\n# The service\n\n");
        text.push_str(&docs);
    }
    let docs = text.lines().map(|line| {
        let line = if line.is_empty() {
            String::new()
        } else {
            format!(" {line}")
        };
        quote!(#![doc = #line])
    });
    let runtime_crate = proc_macro2::Ident::new(
        &RUNTIME_PACKAGE.replace('-', "_"),
        proc_macro2::Span::call_site(),
    );
    let waiters = has_waiters(ctx).then(|| {
        quote! {
            #[rustfmt::skip]
            pub mod waiters;
        }
    });
    let resources = resources.then(|| {
        quote! {
            #[cfg(feature = "client")]
            #[rustfmt::skip]
            pub mod resources;
        }
    });
    let errors = crate::render::errors::has_errors(ctx).then(|| {
        quote! {
            #[cfg(feature = "client")]
            #[rustfmt::skip]
            pub mod errors;
        }
    });
    let constraints = crate::render::constraints::has_checks(ctx).then(|| {
        quote! {
            #[cfg(feature = "client")]
            #[rustfmt::skip]
            mod constraints;
        }
    });
    Ok(quote! {
        #(#docs)*
        #![deny(missing_docs)]

        // The modules are formatted by the generator; rustfmt's layout
        // differs, and `cargo fmt` must not make them stale.
        #[cfg(feature = "client")]
        #[rustfmt::skip]
        pub mod client;
        #constraints
        #errors
        #[rustfmt::skip]
        pub mod protocol;
        #resources
        /// The runtime crate this crate calls into (client configuration,
        /// credentials, errors, timestamps...), re-exported.
        pub use ::#runtime_crate as runtime;
        #[rustfmt::skip]
        pub mod types;
        #waiters

        #[cfg(feature = "client")]
        pub use client::Client;
        // The client's configuration, at the crate root (see
        // `Client::builder`); one item a line, as rustfmt lays them out.
        #[cfg(feature = "client")]
        pub use runtime::client::ClientBuilder;
        #[cfg(feature = "client")]
        pub use runtime::client::Config;
        #[cfg(feature = "client")]
        pub use runtime::client::ConfigBuilder;
        #[cfg(feature = "client")]
        pub use runtime::client::Credentials;
        #[cfg(feature = "client")]
        pub use runtime::client::RetryConfig;
    })
}

/// True if an operation of the model has a waiter (`src/waiters.rs`).
pub fn has_waiters(ctx: &Ctx<'_>) -> bool {
    ctx.model
        .operations
        .values()
        .any(|op| !op.waiters.is_empty())
}

/// `src/types/mod.rs`.
pub fn types_mod(ctx: &Ctx<'_>) -> TokenStream {
    // A model without enums has an empty `enums` module, which nothing
    // re-exports.
    let has_enums = ctx
        .model
        .shapes
        .values()
        .any(|s| matches!(s.kind, ShapeKind::Enum(_) | ShapeKind::IntEnum(_)));
    let enums = has_enums.then(|| {
        quote!(
            pub use enums::*;
        )
    });
    // Nor, without structures, unions or aliases, the `structures` one.
    let structures = crate::render::structures::has_items(ctx).then(|| {
        quote!(
            pub use structures::*;
        )
    });
    quote! {
        //! Every structure, union and enum of the model: operation inputs and
        //! outputs, and the shapes they hold.

        mod enums;
        #[cfg(feature = "serde")]
        mod serde_impls;
        mod structures;

        #enums
        #structures
    }
}

/// `src/protocol/mod.rs`.
///
/// With `streams`, the `stream` module too (streamed lists, with the
/// client).
pub fn protocol_mod(protocol: &dyn WireProtocol, streams: bool) -> TokenStream {
    let doc = format!(
        " The {} wire protocol: request bodies ([`serialize`]) and",
        protocol.title()
    );
    let stream = if streams {
        quote! {
            #[cfg(feature = "client")]
            pub mod stream;
        }
    } else {
        quote!()
    };
    quote! {
        #![doc = #doc]
        //! response parsing ([`deserialize`]), one function per operation.

        pub mod deserialize;
        pub mod serialize;
        #stream
    }
}
