//! Serde types for botocore's model files: `service-2.json`,
//! `paginators-1.json` and `waiters-2.json`.
//!
//! Faithful to the files: names as botocore spells them, every map in
//! document order ([`OrderedMap`]), optional what botocore leaves out.
//! Fields the generator does not use yet are kept where cheap; unknown
//! fields are ignored (botocore adds new ones often, and these files are
//! only ever read). No logic beyond parsing.

use std::collections::HashSet;
use std::fmt;
use std::marker::PhantomData;

use serde::de::{self, MapAccess, Visitor};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::{Error, Result, SourceFile};

/// A JSON object read into a list of entries in document order.
///
/// A duplicate key is a parse error (serde_json's map would keep the last
/// one silently).
#[derive(Debug, Clone, PartialEq)]
pub struct OrderedMap<T>(pub Vec<(String, T)>);

impl<T> OrderedMap<T> {
    /// The value under `key`, if any (a linear search).
    pub fn get(&self, key: &str) -> Option<&T> {
        self.0.iter().find(|(k, _)| k == key).map(|(_, v)| v)
    }

    /// The entries in document order.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &T)> {
        self.0.iter().map(|(k, v)| (k.as_str(), v))
    }

    /// The number of entries.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// True when there are no entries.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl<T> Default for OrderedMap<T> {
    fn default() -> Self {
        OrderedMap(Vec::new())
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for OrderedMap<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct MapVisitor<T>(PhantomData<T>);

        impl<'de, T: Deserialize<'de>> Visitor<'de> for MapVisitor<T> {
            type Value = OrderedMap<T>;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a JSON object")
            }

            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
                let mut seen = HashSet::new();
                let mut entries = Vec::new();
                while let Some(key) = map.next_key::<String>()? {
                    if !seen.insert(key.clone()) {
                        return Err(de::Error::custom(format_args!("duplicate key `{key}`")));
                    }
                    entries.push((key, map.next_value()?));
                }
                Ok(OrderedMap(entries))
            }
        }

        deserializer.deserialize_map(MapVisitor(PhantomData))
    }
}

impl<T: Serialize> Serialize for OrderedMap<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_map(self.0.iter().map(|(k, v)| (k, v)))
    }
}

/// Parses JSON text, turning a syntax or data error into an [`Error`] with
/// the file, line and column.
pub(crate) fn parse_json<'a, T: Deserialize<'a>>(file: SourceFile<'a>) -> Result<T> {
    serde_json::from_str(file.text).map_err(|err| Error::json(file.name, &err))
}

/// Parses a `service-2.json`.
pub fn parse_service(file: SourceFile<'_>) -> Result<ServiceDocument> {
    parse_json(file)
}

/// Parses a `paginators-1.json`.
pub fn parse_paginators(file: SourceFile<'_>) -> Result<PaginatorsDocument> {
    parse_json(file)
}

/// Parses a `waiters-2.json`.
pub fn parse_waiters(file: SourceFile<'_>) -> Result<WaitersDocument> {
    parse_json(file)
}

/// A whole `service-2.json`.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct ServiceDocument {
    /// The format version (`2.0`).
    #[serde(default)]
    pub version: Option<String>,
    /// Service-wide settings.
    pub metadata: Metadata,
    /// Operations, by name.
    #[serde(default)]
    pub operations: OrderedMap<Operation>,
    /// Shapes, by name.
    #[serde(default)]
    pub shapes: OrderedMap<Shape>,
    /// Service documentation (HTML).
    #[serde(default)]
    pub documentation: Option<String>,
}

/// The `metadata` object.
#[derive(Debug, Clone, PartialEq, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Metadata {
    /// The API version (`2016-11-15`).
    #[serde(default)]
    pub api_version: Option<String>,
    /// The endpoint prefix (`ec2`).
    #[serde(default)]
    pub endpoint_prefix: Option<String>,
    /// The global endpoint, for global services (`sts.amazonaws.com`).
    #[serde(default)]
    pub global_endpoint: Option<String>,
    /// The JSON protocol version (`1.0`, `1.1`), for `json`.
    #[serde(default)]
    pub json_version: Option<String>,
    /// The protocol (`ec2`, `query`, `json`, `rest-json`, `rest-xml`).
    #[serde(default)]
    pub protocol: Option<String>,
    /// Protocols the service supports, in preference order.
    #[serde(default)]
    pub protocols: Option<Vec<String>>,
    /// A short name (`Amazon EC2`).
    #[serde(default)]
    pub service_abbreviation: Option<String>,
    /// The full name (`Amazon Elastic Compute Cloud`).
    #[serde(default)]
    pub service_full_name: Option<String>,
    /// The SDK id (`EC2`).
    #[serde(default)]
    pub service_id: Option<String>,
    /// The signature version (`v4`).
    #[serde(default)]
    pub signature_version: Option<String>,
    /// The SigV4 signing name, when not the endpoint prefix.
    #[serde(default)]
    pub signing_name: Option<String>,
    /// The JSON protocol's target prefix (`X-Amz-Target`).
    #[serde(default)]
    pub target_prefix: Option<String>,
    /// A unique id (`ec2-2016-11-15`).
    #[serde(default)]
    pub uid: Option<String>,
    /// The XML namespace of responses.
    #[serde(default)]
    pub xml_namespace: Option<XmlNamespace>,
    /// Auth schemes (`aws.auth#sigv4`).
    #[serde(default)]
    pub auth: Option<Vec<String>>,
}

/// An XML namespace: a bare URI, or an object with a URI and a prefix.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(untagged)]
pub enum XmlNamespace {
    /// `"http://..."`.
    Uri(String),
    /// `{"uri": "http://...", "prefix": "xsi"}`.
    Object {
        /// The namespace URI.
        uri: String,
        /// The prefix, if any.
        #[serde(default)]
        prefix: Option<String>,
    },
}

impl XmlNamespace {
    /// The namespace URI.
    pub fn uri(&self) -> &str {
        match self {
            XmlNamespace::Uri(uri) | XmlNamespace::Object { uri, .. } => uri,
        }
    }
}

/// One operation.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Operation {
    /// The operation name (the same as its key).
    #[serde(default)]
    pub name: Option<String>,
    /// The HTTP binding.
    #[serde(default)]
    pub http: Option<Http>,
    /// The input shape.
    #[serde(default)]
    pub input: Option<ShapeRef>,
    /// The output shape.
    #[serde(default)]
    pub output: Option<ShapeRef>,
    /// Error shapes.
    #[serde(default)]
    pub errors: Vec<ShapeRef>,
    /// Documentation (HTML).
    #[serde(default)]
    pub documentation: Option<String>,
    /// True when deprecated.
    #[serde(default)]
    pub deprecated: bool,
    /// The deprecation message.
    #[serde(default)]
    pub deprecated_message: Option<String>,
    /// True when idempotent.
    #[serde(default)]
    pub idempotent: bool,
    /// Auth type override (`none`, `v4-unsigned-body`).
    #[serde(default)]
    pub authtype: Option<String>,
}

/// An operation's HTTP binding.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Http {
    /// The method (`POST`).
    #[serde(default)]
    pub method: Option<String>,
    /// The request URI template (`/`).
    #[serde(default)]
    pub request_uri: Option<String>,
    /// The success status code, when not 200.
    #[serde(default)]
    pub response_code: Option<u16>,
}

/// A reference to a shape, with the traits of the reference: an
/// operation's input, output or error, a structure member, or a list's or
/// map's `member`, `key` or `value`.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ShapeRef {
    /// The target shape's name.
    pub shape: String,
    /// Documentation (HTML).
    #[serde(default)]
    pub documentation: Option<String>,
    /// Where an HTTP protocol binds it (`header`, `uri`, `querystring`...).
    #[serde(default)]
    pub location: Option<String>,
    /// The wire name (XML element; header or query name with `location`).
    #[serde(default)]
    pub location_name: Option<String>,
    /// The EC2 query name, when not derived from `locationName`.
    #[serde(default)]
    pub query_name: Option<String>,
    /// True for a flattened XML list or map.
    #[serde(default)]
    pub flattened: bool,
    /// True when serialized as an XML attribute.
    #[serde(default)]
    pub xml_attribute: bool,
    /// The XML namespace of the element.
    #[serde(default)]
    pub xml_namespace: Option<XmlNamespace>,
    /// The timestamp format (`iso8601`, `rfc822`, `unixTimestamp`).
    #[serde(default)]
    pub timestamp_format: Option<String>,
    /// True when the SDK fills it with a fresh token if not set.
    #[serde(default)]
    pub idempotency_token: bool,
    /// True when bound to a host label of the endpoint.
    #[serde(default)]
    pub host_label: bool,
    /// True when deprecated.
    #[serde(default)]
    pub deprecated: bool,
    /// The deprecation message.
    #[serde(default)]
    pub deprecated_message: Option<String>,
    /// Since when it is deprecated.
    #[serde(default)]
    pub deprecated_since: Option<String>,
    /// The wrapper element of a query protocol output (`GetCallerIdentityResult`).
    #[serde(default)]
    pub result_wrapper: Option<String>,
    /// True for a streaming payload.
    #[serde(default)]
    pub streaming: bool,
    /// True when a header holds JSON.
    #[serde(default)]
    pub jsonvalue: bool,
}

/// One shape.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Shape {
    /// The type (`structure`, `list`, `map`, `string`, `integer`...).
    #[serde(rename = "type")]
    pub type_name: String,
    /// Structure members, in model order.
    #[serde(default)]
    pub members: Option<OrderedMap<ShapeRef>>,
    /// Names of the required members of a structure.
    #[serde(default)]
    pub required: Vec<String>,
    /// A list's member.
    #[serde(default)]
    pub member: Option<ShapeRef>,
    /// A map's key.
    #[serde(default)]
    pub key: Option<ShapeRef>,
    /// A map's value.
    #[serde(default)]
    pub value: Option<ShapeRef>,
    /// A string's allowed values.
    #[serde(default, rename = "enum")]
    pub enum_values: Option<Vec<String>>,
    /// Documentation (HTML).
    #[serde(default)]
    pub documentation: Option<String>,
    /// True for an error structure.
    #[serde(default)]
    pub exception: bool,
    /// True for an error that is the server's fault.
    #[serde(default)]
    pub fault: bool,
    /// Error details of an error structure.
    #[serde(default)]
    pub error: Option<ErrorInfo>,
    /// An error structure that may be retried.
    #[serde(default)]
    pub retryable: Option<RetryableInfo>,
    /// True for a tagged union.
    #[serde(default)]
    pub union: bool,
    /// True for a structure that is a free-form document.
    #[serde(default)]
    pub document: bool,
    /// True when the value must not be logged.
    #[serde(default)]
    pub sensitive: bool,
    /// True when deprecated.
    #[serde(default)]
    pub deprecated: bool,
    /// The deprecation message.
    #[serde(default)]
    pub deprecated_message: Option<String>,
    /// The timestamp format of a timestamp.
    #[serde(default)]
    pub timestamp_format: Option<String>,
    /// The XML element name.
    #[serde(default)]
    pub location_name: Option<String>,
    /// True for a flattened XML list or map.
    #[serde(default)]
    pub flattened: bool,
    /// The XML namespace.
    #[serde(default)]
    pub xml_namespace: Option<XmlNamespace>,
    /// The member that is the HTTP payload of a structure.
    #[serde(default)]
    pub payload: Option<String>,
    /// Minimum length, size or value.
    #[serde(default)]
    pub min: Option<serde_json::Number>,
    /// Maximum length, size or value.
    #[serde(default)]
    pub max: Option<serde_json::Number>,
    /// A regular expression strings match (ignored by the generator).
    #[serde(default)]
    pub pattern: Option<String>,
}

/// The `error` object of an error structure.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ErrorInfo {
    /// The error code on the wire, when not the shape name.
    #[serde(default)]
    pub code: Option<String>,
    /// The HTTP status code.
    #[serde(default)]
    pub http_status_code: Option<u16>,
    /// False when the error is the server's fault.
    #[serde(default)]
    pub sender_fault: Option<bool>,
}

/// The `retryable` object of an error structure.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
pub struct RetryableInfo {
    /// True for a throttling error.
    #[serde(default)]
    pub throttling: bool,
}

/// A whole `paginators-1.json`.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct PaginatorsDocument {
    /// Paginators, by operation name.
    pub pagination: OrderedMap<PaginatorEntry>,
}

/// One paginator.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct PaginatorEntry {
    /// Input member(s) carrying the continuation token.
    pub input_token: OneOrMany,
    /// Output path(s) of the next token.
    pub output_token: OneOrMany,
    /// Input member limiting the page size.
    #[serde(default)]
    pub limit_key: Option<String>,
    /// Output path(s) of the items.
    #[serde(default)]
    pub result_key: Option<OneOrMany>,
    /// Output path of a flag telling whether more pages follow.
    #[serde(default)]
    pub more_results: Option<String>,
    /// Output paths kept from the first page rather than aggregated.
    #[serde(default)]
    pub non_aggregate_keys: Option<Vec<String>>,
}

/// A string, or a list of strings (multi-token paginators).
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(untagged)]
pub enum OneOrMany {
    /// A single string.
    One(String),
    /// A list of strings.
    Many(Vec<String>),
}

/// A whole `waiters-2.json`.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct WaitersDocument {
    /// The format version (`2`).
    #[serde(default)]
    pub version: Option<u32>,
    /// Waiters, by name.
    pub waiters: OrderedMap<WaiterEntry>,
}

/// One waiter.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct WaiterEntry {
    /// The operation it polls.
    pub operation: String,
    /// Seconds between attempts.
    pub delay: u64,
    /// The maximum number of attempts.
    pub max_attempts: u32,
    /// A description, if any.
    #[serde(default)]
    pub description: Option<String>,
    /// Acceptors, in order.
    pub acceptors: Vec<AcceptorEntry>,
}

/// One acceptor of a waiter.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct AcceptorEntry {
    /// The state it moves the waiter to.
    pub state: AcceptorState,
    /// How it matches.
    pub matcher: MatcherKind,
    /// The JMESPath expression, for the `path*` matchers.
    #[serde(default)]
    pub argument: Option<String>,
    /// The expected value: a string, a boolean or a number.
    pub expected: serde_json::Value,
}

/// An acceptor's state.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum AcceptorState {
    /// `success`.
    Success,
    /// `failure`.
    Failure,
    /// `retry`.
    Retry,
}

/// An acceptor's matcher.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum MatcherKind {
    /// The expression's result equals the expected value.
    Path,
    /// Every element of the result equals the expected value.
    PathAll,
    /// Some element of the result equals the expected value.
    PathAny,
    /// The error code equals the expected string (or, with a boolean,
    /// any error occurred).
    Error,
    /// The HTTP status equals the expected number.
    Status,
}
