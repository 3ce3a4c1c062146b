//! The guide at the top of a generated crate's documentation: how to make
//! a client, call an operation, page through results and use a resource,
//! as a doctest written from the model, and how inputs are built.

use crate::ir::{Operation, ShapeKind};
use crate::render::Ctx;
use crate::Result;

/// How inputs are built, and why: setters take `impl Into<T>`, so a
/// builder that cannot fail is an input as it is.
const BUILDING_INPUTS: &str = "\
# Building inputs

Every operation has a fluent builder: `client.operation()`, one method per \
member, then `send()`. It is the input's builder holding the client, so the \
same setters build an input alone (from its type's `builder()`). A member's \
method takes anything that converts into \
its type (`impl Into<T>`): strings for strings and enums, and the builder of \
a structure whose members are all optional, which converts into the \
structure (`From<Builder>`), so a nested input is one expression with no \
`build()` calls. A list member has three setters: `member(item)` appends one \
item, `set_member_from(items)` sets it from any iterator, and \
`set_member(Option<Vec<_>>)` replaces or unsets it. A structure with a \
required member keeps a fallible `build()?`, which names the member \
missing. The conversion was chosen over builder closures \
(`.ebs(|b| b.snapshot_id(..))`): it adds no method to the API, works the \
same for one value and for list items, and takes values built elsewhere. \
Outputs have getters as in the AWS SDK for Rust: `Option<&str>` for an \
optional string, a slice (empty when absent) for a list.";

/// The crate-level guide, as Markdown.
pub fn guide(ctx: &Ctx<'_>, crate_name: &str) -> Result<String> {
    let krate = crate_name.replace('-', "_");
    let mut code = vec![
        format!("use {krate}::{{Client, Credentials}};"),
        String::new(),
        "# async fn example() -> Result<(), Box<dyn std::error::Error>> {".to_string(),
        "// The endpoint, region and credentials as the AWS CLI finds them".to_string(),
        "// (AWS_ENDPOINT_URL, AWS_REGION, AWS_PROFILE...): real AWS unless told.".to_string(),
        "let client = Client::from_env()?;".to_string(),
        "// Or all set in one expression, here for a local emulator.".to_string(),
        "let local = Client::builder()".to_string(),
        "    .endpoint_url(\"http://127.0.0.1:5000\")".to_string(),
        "    .region(\"us-east-1\")".to_string(),
        "    .credentials(Credentials::from_keys(\"testing\", \"testing\"))".to_string(),
        "    .build();".to_string(),
    ];
    let free = |op: &&Operation| -> bool {
        match op.input.as_ref().and_then(|id| ctx.model.shape(id)) {
            Some(shape) => match &shape.kind {
                ShapeKind::Structure(s) => s.members.iter().all(|m| !m.required),
                _ => false,
            },
            None => true,
        }
    };
    let paged = ctx
        .model
        .operations
        .values()
        .filter(free)
        .find(|op| ctx.plans.paginators.contains_key(&op.id));
    if let Some(op) = paged {
        let method = &ctx.operation(&op.id)?.method;
        let items = &ctx.plans.paginators[&op.id].items;
        code.push(String::new());
        code.push(format!(
            "// Every item of `{}`'s `{items}`, page by page.",
            op.id.name
        ));
        code.push(format!(
            "let items = client.{method}().into_paginator().items().collect().await?;"
        ));
        code.push("println!(\"{} items\", items.len());".to_string());
    } else if let Some(op) = ctx.model.operations.values().find(free) {
        let method = &ctx.operation(&op.id)?.method;
        code.push(String::new());
        code.push(format!(
            "// One `{}` call; the output derefs to its data.",
            op.id.name
        ));
        code.push(format!("let output = client.{method}().send().await?;"));
        code.push("println!(\"{:?} (request {:?})\", *output, output.request_id());".to_string());
    }
    let resource = ctx
        .plans
        .resources
        .iter()
        .find(|r| r.data.is_some() && r.ids.len() == 1);
    if let Some(r) = resource {
        code.push(String::new());
        code.push(format!(
            "// boto3's `{}` resource: a handle by its identifier; `load()` requests its",
            r.name
        ));
        code.push("// data once and returns it, to read through its getters.".to_string());
        code.push(format!(
            "let mut handle = local.{}(\"example-id\");",
            r.constructor
        ));
        code.push("let data = handle.load().await?;".to_string());
        code.push("println!(\"{data:?}\");".to_string());
    }
    code.push("# let _ = (client, local);".to_string());
    code.push("# Ok(())".to_string());
    code.push("# }".to_string());
    Ok(format!(
        "# Example\n\n```rust,no_run\n{}\n```\n\n{BUILDING_INPUTS}",
        code.join("\n")
    ))
}

/// The example on `Client`: made from the environment or in one
/// expression, and one call of an operation that needs no input.
pub fn client_example(ctx: &Ctx<'_>, crate_name: &str) -> Result<String> {
    let krate = crate_name.replace('-', "_");
    let mut code = vec![
        format!("use {krate}::{{Client, Credentials}};"),
        String::new(),
        "# async fn example() -> Result<(), Box<dyn std::error::Error>> {".to_string(),
        "let client = Client::from_env()?;".to_string(),
        "let local = Client::builder()".to_string(),
        "    .endpoint_url(\"http://127.0.0.1:5000\")".to_string(),
        "    .region(\"us-east-1\")".to_string(),
        "    .credentials(Credentials::from_keys(\"testing\", \"testing\"))".to_string(),
        "    .build();".to_string(),
    ];
    let free = ctx.model.operations.values().find(|op| {
        match op.input.as_ref().and_then(|id| ctx.model.shape(id)) {
            Some(shape) => match &shape.kind {
                ShapeKind::Structure(s) => s.members.iter().all(|m| !m.required),
                _ => false,
            },
            None => true,
        }
    });
    if let Some(op) = free {
        let method = &ctx.operation(&op.id)?.method;
        code.push(format!("let output = local.{method}().send().await?;"));
        code.push("println!(\"request {:?}: {:?}\", output.request_id(), *output);".to_string());
    }
    code.push("# let _ = client;".to_string());
    code.push("# Ok(())".to_string());
    code.push("# }".to_string());
    Ok(format!(
        "# Example\n\nFrom the environment as the AWS CLI sees it, or with the endpoint, \
         region and credentials set in one expression:\n\n```rust,no_run\n{}\n```",
        code.join("\n")
    ))
}
