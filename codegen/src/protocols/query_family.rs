//! The rules the query protocols (EC2 query and AWS query) share, each
//! written once here and answered by both modules: the form-encoded request
//! (`Action` and `Version` first, the runtime's query writer, its content
//! type, method and path), the XML response's element names
//! (`{Operation}Response`, a member's `xmlName` else its name, `<member>`
//! list items, `<entry><key/><value/></entry>` maps), timestamps as the model
//! says else ISO 8601, no document shapes, and the signing name and endpoint
//! prefix of the model.

use proc_macro2::TokenStream;
use quote::quote;

use crate::ir::{Member, Operation, Service, Shape, ShapeKind, SimpleType, TimestampFormat};
use crate::{Error, Result};

/// The writer the serializers write pairs with.
pub(super) fn request_writer() -> TokenStream {
    quote!(crate::runtime::query::QueryWriter)
}

/// `Action` and `Version`, first in every request.
pub(super) fn request_pairs(operation: &Operation, service: &Service) -> Vec<(String, String)> {
    vec![
        ("Action".to_string(), operation.id.name.clone()),
        ("Version".to_string(), service.version.clone()),
    ]
}

/// A writer starting a request with `Action` and `Version`.
pub(super) fn request_start(
    operation: &Operation,
    service: &Service,
    token_source: Option<TokenStream>,
) -> TokenStream {
    let action = &operation.id.name;
    let version = &service.version;
    match token_source {
        None => quote!(crate::runtime::query::QueryWriter::new(#action, #version)),
        Some(tokens) => quote!(
            crate::runtime::query::QueryWriter::with_token_source(#action, #version, #tokens)
        ),
    }
}

/// The function joining a key and a segment.
pub(super) fn request_join_key() -> TokenStream {
    quote!(crate::runtime::query::key)
}

/// The function making an item's key.
pub(super) fn request_item_key() -> TokenStream {
    quote!(crate::runtime::query::item_key)
}

/// The content type botocore sends (the runtime's `query::CONTENT_TYPE`).
pub(super) const CONTENT_TYPE: &str = "application/x-www-form-urlencoded; charset=utf-8";

/// Every request is a `POST` to the endpoint's path.
pub(super) const METHOD_AND_PATH: (&str, &str) = ("POST", "/");

/// The runtime's constants of the content type, method and path.
pub(super) const RUNTIME_REQUEST_CONSTANTS: [&str; 3] = [
    "runtime::query::CONTENT_TYPE",
    "runtime::query::METHOD",
    "runtime::query::PATH",
];

/// A member's element in responses: its `xmlName`, else its name.
pub(super) fn response_element(member: &Member) -> String {
    member
        .xml_name
        .clone()
        .unwrap_or_else(|| member.name.clone())
}

/// A list item's element: the list member's `xmlName`, else `member`.
pub(super) fn response_list_item(item: &Member) -> String {
    item.xml_name
        .clone()
        .unwrap_or_else(|| "member".to_string())
}

/// The element of a map's entries.
pub(super) const MAP_ENTRY: &str = "entry";

/// A map entry's key and value elements: their `xmlName`s, else `key` and
/// `value`.
pub(super) fn map_entry_elements(key: &Member, value: &Member) -> (String, String) {
    let name = |m: &Member, default: &str| m.xml_name.clone().unwrap_or_else(|| default.into());
    (name(key, "key"), name(value, "value"))
}

/// The root of a successful response.
pub(super) fn response_root(operation: &Operation) -> String {
    format!("{}Response", operation.id.name)
}

/// A member's own format, else its target's, else ISO 8601, both ways.
pub(super) fn timestamp_format(
    member: Option<TimestampFormat>,
    target: Option<TimestampFormat>,
) -> TimestampFormat {
    member.or(target).unwrap_or(TimestampFormat::DateTime)
}

/// Document shapes have no query form.
pub(super) fn check_shape(shape: &Shape, protocol: &str) -> Result<()> {
    if let ShapeKind::Simple(SimpleType::Document) = shape.kind {
        return Err(Error::new(format!(
            "document shapes are not supported by the {protocol} protocol"
        ))
        .at(format!("shape {}", shape.id)));
    }
    Ok(())
}

/// The model's signing name, else its endpoint prefix, else the service's
/// name in lower case (test models often have neither).
pub(super) fn signing_name(service: &Service) -> String {
    service
        .signing_name
        .clone()
        .or_else(|| service.endpoint_prefix.clone())
        .unwrap_or_else(|| service.id.name.to_ascii_lowercase())
}

/// The model's endpoint prefix, else the signing name's rule.
pub(super) fn endpoint_prefix(service: &Service) -> String {
    service
        .endpoint_prefix
        .clone()
        .unwrap_or_else(|| signing_name(service))
}
