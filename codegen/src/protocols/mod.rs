//! The wire protocols: one module per protocol, owning every rule of it.
//!
//! The serializer and deserializer renderers, the client renderer, the diff
//! and the conformance runner know no protocol rule of their own: they ask
//! the service's [`WireProtocol`] (found by [`for_service`]) for key and
//! element names, collection layouts, the request's fixed pairs, the
//! response wrapper and request id, the error document, timestamp formats,
//! the content type and the signing name, and for which runtime functions
//! the emitted code calls.
//!
//! The seam is a trait, not an enum matched at every use: a protocol is a
//! set of answers to the same questions, and the callers never branch on
//! which protocol they have. Adding one is one module here, implementing
//! the trait, plus one arm in [`for_protocol`] and one entry in [`all`]:
//! awsQuery's differences from EC2 query (list `member` segments, the
//! `{Op}Result` wrapper, `ResponseMetadata/RequestId`, the `ErrorResponse`
//! document, custom error codes) are answers, not new branches in the
//! renderers. An enum would put every protocol's rule for one question
//! side by side in one `match`, spreading each protocol over every method.
//!
//! Names returned here are wire text; paths returned as tokens are relative
//! to the generated crate (`crate::runtime::...`).

pub mod aws_query;
pub mod ec2_query;
mod query_family;

use proc_macro2::TokenStream;

use crate::ir::{Member, Operation, Protocol, Service, Shape, TimestampFormat};
use crate::{Error, Result};

/// Whether a timestamp is written into a request or read from a response.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    /// Written into a request.
    Request,
    /// Read from a response.
    Response,
}

/// How the conformance runner compares a case's expected request body with
/// the body the generated serializer produced.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BodyComparison {
    /// Byte for byte, as text (the query protocols: botocore's order is the
    /// model's member order).
    ExactText,
}

/// What the conformance runner needs to know about a protocol's suites.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Conformance {
    /// The stem of the suite files: `{stem}-input.json` (request
    /// serialization) and `{stem}-output.json` (response parsing).
    pub suite: &'static str,
    /// How expected request bodies compare.
    pub body: BodyComparison,
}

/// Where the generated code finds an error document and which runtime
/// functions read it.
#[derive(Debug, Clone)]
pub struct ErrorDocument {
    /// The root element of an error document (`Response` for EC2), told
    /// apart from a result by the root alone.
    pub root: &'static str,
    /// `fn(&[u8]) -> Result<ServiceError, XmlError>`: parses a whole error
    /// document (re-exported by the generated deserializers).
    pub parse: TokenStream,
    /// `fn(&mut Reader) -> Result<ServiceError, XmlError>`: parses an
    /// error document whose root the reader has just entered.
    pub parse_from_root: TokenStream,
    /// `fn(&mut Reader) -> Result<bool, XmlError>`: enters the first
    /// `<Error>` of a document, for the modeled errors' parsers.
    pub enter_first_error: TokenStream,
}

/// Every rule of one wire protocol. See the module documentation.
pub trait WireProtocol: Sync {
    /// The protocol this module implements.
    fn protocol(&self) -> Protocol;

    /// The protocol's name in prose (`EC2 query`), for documentation.
    fn title(&self) -> &'static str;

    /// The runtime crate's feature holding the protocol's own runtime
    /// parts (`ec2-query`), which the generated `Cargo.toml` enables.
    fn runtime_feature(&self) -> &'static str;

    // --- Requests -------------------------------------------------------

    /// The key a structure or union member is sent under.
    fn request_key(&self, member: &Member) -> String;

    /// The key segment added after a member's key before the index of a
    /// list's items (`None`: the items are `Key.N`), given the member that
    /// refers to the list (a structure member, or a list or map member)
    /// and the list's own member.
    fn request_list_segment(&self, referrer: &Member, item: &Member) -> Option<String>;

    /// The key segment added after a member's key before the index of a
    /// map's entries (`None`: the entries are `Key.N`), given the member
    /// that refers to the map.
    fn request_map_segment(&self, referrer: &Member) -> Option<String>;

    /// The keys of a map entry's key and value (after `Key.N.`).
    fn request_map_entry_keys(&self, key: &Member, value: &Member) -> (String, String);

    /// Whether an empty list is sent, as its key with an empty value
    /// (`Key=`), rather than not at all.
    fn request_empty_list_sent(&self) -> bool;

    /// The writer type the serializers write pairs with.
    fn request_writer(&self) -> TokenStream;

    /// The pairs every request of the operation starts with (`Action` and
    /// `Version` for the query protocols), for documentation.
    fn request_pairs(&self, operation: &Operation, service: &Service) -> Vec<(String, String)>;

    /// An expression making a writer that starts a request of the
    /// operation (for the query protocols, with the `Action` and `Version`
    /// pairs); `token_source` is an expression of type `fn() -> String`
    /// making idempotency tokens, `None` for the default source.
    fn request_start(
        &self,
        operation: &Operation,
        service: &Service,
        token_source: Option<TokenStream>,
    ) -> TokenStream;

    /// A function `fn(prefix: &str, name: &str) -> String` joining a key
    /// and a segment.
    fn request_join_key(&self) -> TokenStream;

    /// A function `fn(prefix: &str, index: usize) -> String` making the
    /// key of the `index`th (from 0) item or entry.
    fn request_item_key(&self) -> TokenStream;

    /// The request body's `Content-Type`.
    fn content_type(&self) -> &'static str;

    /// The HTTP method and path every request is sent with.
    fn http_method_and_path(&self) -> (&'static str, &'static str);

    /// The runtime's constants of the content type, method and path, as
    /// paths below the crate root (`runtime::query::CONTENT_TYPE`), in
    /// that order.
    fn runtime_request_constants(&self) -> [&'static str; 3];

    // --- Responses ------------------------------------------------------

    /// The element a structure or union member is read from.
    fn response_element(&self, member: &Member) -> String;

    /// Whether a member's list or map is flattened in responses (its items
    /// repeat the member's own element).
    fn response_flattened(&self, member: &Member) -> bool;

    /// The element of a (non-flattened) list's items.
    fn response_list_item(&self, item: &Member) -> String;

    /// The element of a (non-flattened) map's entries.
    fn response_map_entry(&self) -> &'static str;

    /// The elements of a map entry's key and value.
    fn response_map_entry_elements(&self, key: &Member, value: &Member) -> (String, String);

    /// The root element of a successful response (`{Operation}Response`).
    fn response_root(&self, operation: &Operation) -> String;

    /// The element below the root that holds the output's members (`None`
    /// when they are the root's own children; awsQuery's `{Op}Result`).
    fn response_wrapper(&self, operation: &Operation) -> Option<String>;

    /// The path of elements below the root that holds the request id
    /// (`["requestId"]` for EC2).
    fn request_id_path(&self) -> &'static [&'static str];

    /// Whether a successful response may have an empty body (read as a
    /// result with no members).
    fn response_may_be_empty(&self) -> bool;

    /// The error document and the runtime functions reading it.
    fn error_document(&self) -> ErrorDocument;

    /// The code a modeled error structure arrives with (its shape name,
    /// unless the protocol lets the model name another).
    fn error_code(&self, shape: &Shape) -> String;

    // --- Both -----------------------------------------------------------

    /// The timestamp format of a member in one direction, given its own
    /// format and its target's.
    fn timestamp_format(
        &self,
        member: Option<TimestampFormat>,
        target: Option<TimestampFormat>,
        direction: Direction,
    ) -> TimestampFormat;

    /// Fails naming the shape if the protocol cannot carry it.
    fn check_shape(&self, shape: &Shape) -> Result<()>;

    /// SigV4's signing name.
    fn signing_name(&self, service: &Service) -> String;

    /// The endpoint prefix the client's default host is made from
    /// (`https://{prefix}.{region}.amazonaws.com/`).
    fn endpoint_prefix(&self, service: &Service) -> String;

    /// The protocol's conformance suites.
    fn conformance(&self) -> Conformance;
}

/// Every protocol the generator supports.
pub fn all() -> [&'static dyn WireProtocol; 2] {
    [&ec2_query::Ec2Query, &aws_query::AwsQuery]
}

/// The module of a protocol, or an error naming it.
pub fn for_protocol(protocol: Protocol) -> Result<&'static dyn WireProtocol> {
    match protocol {
        Protocol::Ec2Query => Ok(&ec2_query::Ec2Query),
        Protocol::AwsQuery => Ok(&aws_query::AwsQuery),
        other => Err(Error::new(format!(
            "the service speaks the {} protocol ({}); this generator emits only the EC2 query and AWS query protocols",
            other.botocore_name(),
            other.smithy_trait(),
        ))),
    }
}

/// The module of the service's protocol, or an error naming the service and
/// the protocol it speaks.
pub fn for_service(service: &Service) -> Result<&'static dyn WireProtocol> {
    for_protocol(service.protocol).map_err(|e| e.at(format!("service {}", service.id)))
}

/// `name` with its first letter upper-cased, as the query protocols send
/// member names.
pub(crate) fn capitalise(name: &str) -> String {
    let mut chars = name.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// The runtime's timestamp format value of an IR format.
pub fn timestamp_format_tokens(format: TimestampFormat) -> TokenStream {
    use quote::quote;
    match format {
        TimestampFormat::DateTime => quote!(crate::runtime::TimestampFormat::DateTime),
        TimestampFormat::HttpDate => quote!(crate::runtime::TimestampFormat::HttpDate),
        TimestampFormat::EpochSeconds => quote!(crate::runtime::TimestampFormat::EpochSeconds),
    }
}
