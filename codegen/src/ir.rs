//! The intermediate representation every front-end lowers into.
//!
//! One IR for both input formats (Smithy JSON AST and botocore JSON): the
//! passes, the renderers and the API diff only ever see these types.
//!
//! Ordering rules, which make output deterministic and model diffs minimal:
//! shapes and operations live in sorted maps (by [`ShapeId`]); members,
//! enum values and acceptors keep the model's order, because the wire
//! protocol depends on member order.

use std::collections::BTreeMap;
use std::fmt;

/// An absolute shape id, `namespace#Name`.
///
/// Prelude shapes (`smithy.api#String`, ...) keep the `smithy.api`
/// namespace; botocore shapes are placed in the namespace the botocore
/// front-end derives from the service id.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ShapeId {
    /// The namespace, e.g. `com.amazonaws.ec2`.
    pub namespace: String,
    /// The shape name, e.g. `DescribeImagesRequest`.
    pub name: String,
}

impl ShapeId {
    /// Builds a shape id from its two parts.
    pub fn new(namespace: impl Into<String>, name: impl Into<String>) -> Self {
        ShapeId {
            namespace: namespace.into(),
            name: name.into(),
        }
    }

    /// Parses `namespace#Name`. Returns `None` when there is no `#`, or either
    /// side is empty. A member suffix (`ns#Shape$member`) is not accepted.
    pub fn parse(absolute: &str) -> Option<Self> {
        let (ns, name) = absolute.split_once('#')?;
        if ns.is_empty() || name.is_empty() || name.contains('$') {
            return None;
        }
        Some(ShapeId::new(ns, name))
    }

    /// True for shapes of the Smithy prelude (`smithy.api#...`).
    pub fn is_prelude(&self) -> bool {
        self.namespace == PRELUDE_NAMESPACE
    }
}

impl fmt::Display for ShapeId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}#{}", self.namespace, self.name)
    }
}

/// The namespace of the Smithy prelude.
pub const PRELUDE_NAMESPACE: &str = "smithy.api";

/// A whole service model: the service, its operations and every shape they
/// reach (or, before slicing, every shape of the model).
#[derive(Debug, Clone, PartialEq)]
pub struct Model {
    /// The service shape.
    pub service: Service,
    /// Operations, by id.
    pub operations: BTreeMap<ShapeId, Operation>,
    /// Every non-operation, non-service shape, by id. Members refer to
    /// these by id; simple prelude types are present here too when a member
    /// targets them, so every target resolves.
    pub shapes: BTreeMap<ShapeId, Shape>,
}

impl Model {
    /// Looks a shape up by id.
    pub fn shape(&self, id: &ShapeId) -> Option<&Shape> {
        self.shapes.get(id)
    }

    /// Looks an operation up by its name (without namespace).
    pub fn operation_by_name(&self, name: &str) -> Option<&Operation> {
        self.operations.values().find(|op| op.id.name == name)
    }
}

/// The wire protocol a service speaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Protocol {
    /// EC2's query protocol (`aws.protocols#ec2Query`, botocore `ec2`).
    Ec2Query,
    /// The AWS query protocol (`aws.protocols#awsQuery`, botocore `query`).
    AwsQuery,
    /// `aws.protocols#awsJson1_0`.
    AwsJson1_0,
    /// `aws.protocols#awsJson1_1`.
    AwsJson1_1,
    /// `aws.protocols#restJson1`.
    RestJson1,
    /// `aws.protocols#restXml`.
    RestXml,
}

impl Protocol {
    /// The botocore name of the protocol (`ec2`, `query`, `json`, ...).
    pub fn botocore_name(self) -> &'static str {
        match self {
            Protocol::Ec2Query => "ec2",
            Protocol::AwsQuery => "query",
            Protocol::AwsJson1_0 | Protocol::AwsJson1_1 => "json",
            Protocol::RestJson1 => "rest-json",
            Protocol::RestXml => "rest-xml",
        }
    }

    /// The Smithy trait id of the protocol.
    pub fn smithy_trait(self) -> &'static str {
        match self {
            Protocol::Ec2Query => "aws.protocols#ec2Query",
            Protocol::AwsQuery => "aws.protocols#awsQuery",
            Protocol::AwsJson1_0 => "aws.protocols#awsJson1_0",
            Protocol::AwsJson1_1 => "aws.protocols#awsJson1_1",
            Protocol::RestJson1 => "aws.protocols#restJson1",
            Protocol::RestXml => "aws.protocols#restXml",
        }
    }
}

/// The service shape and its service-wide settings.
#[derive(Debug, Clone, PartialEq)]
pub struct Service {
    /// The service shape id, e.g. `com.amazonaws.ec2#AmazonEC2`.
    pub id: ShapeId,
    /// The API version sent as `Version=` (e.g. `2016-11-15`).
    pub version: String,
    /// The protocol the service speaks.
    pub protocol: Protocol,
    /// `aws.api#service` `sdkId` (botocore `serviceId`), e.g. `EC2`.
    pub sdk_id: Option<String>,
    /// `aws.api#service` `endpointPrefix`, e.g. `ec2`.
    pub endpoint_prefix: Option<String>,
    /// `aws.auth#sigv4` `name` (botocore `signingName`, else the endpoint
    /// prefix), the SigV4 signing name.
    pub signing_name: Option<String>,
    /// The XML namespace of responses (`smithy.api#xmlNamespace`).
    pub xml_namespace: Option<String>,
    /// Service documentation (HTML as in the model).
    pub docs: Option<String>,
    /// The service title (`smithy.api#title`, botocore `serviceFullName`).
    pub title: Option<String>,
}

/// An operation.
#[derive(Debug, Clone, PartialEq)]
pub struct Operation {
    /// The operation shape id; `id.name` is the wire action name.
    pub id: ShapeId,
    /// The input structure, if any (`smithy.api#Unit` is lowered to `None`).
    pub input: Option<ShapeId>,
    /// The output structure, if any.
    pub output: Option<ShapeId>,
    /// Error structures the operation declares, in model order.
    pub errors: Vec<ShapeId>,
    /// Documentation (HTML as in the model).
    pub docs: Option<String>,
    /// Deprecation, if the operation is deprecated.
    pub deprecated: Option<Deprecated>,
    /// The paginator of this operation, if it is paginated.
    pub paginator: Option<Paginator>,
    /// Waiters that poll this operation, by waiter name.
    pub waiters: BTreeMap<String, Waiter>,
}

/// Pagination of an operation (`smithy.api#paginated`, botocore
/// `paginators-1.json`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Paginator {
    /// Input member carrying the continuation token (`NextToken`).
    pub input_token: String,
    /// Output path of the next token (`NextToken`).
    pub output_token: String,
    /// Output path of the items (`Images`), if the model names one.
    pub items: Option<String>,
    /// Input member limiting the page size (`MaxResults`), if any.
    pub page_size: Option<String>,
}

/// A waiter (`smithy.waiters#waitable` entry, botocore `waiters-2.json`).
#[derive(Debug, Clone, PartialEq)]
pub struct Waiter {
    /// Documentation, if the model has any.
    pub docs: Option<String>,
    /// The minimum delay between attempts, in seconds.
    pub min_delay: u64,
    /// The maximum delay between attempts, in seconds, if set.
    pub max_delay: Option<u64>,
    /// The maximum number of attempts (botocore `maxAttempts`), if set.
    pub max_attempts: Option<u32>,
    /// Acceptors, in model order: the first that matches decides.
    pub acceptors: Vec<Acceptor>,
}

/// One waiter acceptor.
#[derive(Debug, Clone, PartialEq)]
pub struct Acceptor {
    /// What happens when the matcher matches.
    pub state: AcceptorState,
    /// The matcher.
    pub matcher: Matcher,
}

/// The state an acceptor moves the waiter to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AcceptorState {
    /// The wait succeeded.
    Success,
    /// The wait failed.
    Failure,
    /// Try again.
    Retry,
}

/// How an acceptor matches a response.
#[derive(Debug, Clone, PartialEq)]
pub enum Matcher {
    /// A JMESPath expression over the output compared with a value
    /// (Smithy `output`; botocore `path`, `pathAll`, `pathAny`).
    Output {
        /// The JMESPath expression.
        path: String,
        /// The expected value, as text (`"available"`, `"true"`).
        expected: String,
        /// How the result is compared.
        comparator: Comparator,
    },
    /// A JMESPath expression over `{input, output}` (Smithy `inputOutput`).
    InputOutput {
        /// The JMESPath expression.
        path: String,
        /// The expected value, as text.
        expected: String,
        /// How the result is compared.
        comparator: Comparator,
    },
    /// Matches success (`true`) or any error (`false`).
    Success(bool),
    /// Matches an error by its code.
    ErrorType(String),
    /// Matches an HTTP status code (botocore `status`).
    Status(u16),
}

/// A JMESPath result comparator.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Comparator {
    /// The result is a string equal to the expected value.
    StringEquals,
    /// The result is a boolean equal to the expected value.
    BooleanEquals,
    /// The result is a non-empty list whose every element equals the value.
    AllStringEquals,
    /// The result is a list with at least one element equal to the value.
    AnyStringEquals,
}

/// A deprecation notice.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Deprecated {
    /// The message, if any.
    pub message: Option<String>,
    /// Since when, if known.
    pub since: Option<String>,
}

/// A named shape (anything but an operation or the service).
#[derive(Debug, Clone, PartialEq)]
pub struct Shape {
    /// The shape id.
    pub id: ShapeId,
    /// What kind of shape it is.
    pub kind: ShapeKind,
    /// Documentation (HTML as in the model).
    pub docs: Option<String>,
    /// `smithy.api#xmlName` on the shape.
    pub xml_name: Option<String>,
    /// `smithy.api#timestampFormat` on the shape (timestamps only).
    pub timestamp_format: Option<TimestampFormat>,
    /// `smithy.api#error` on a structure: the error is the client's or the
    /// server's fault.
    pub error: Option<ErrorFault>,
    /// The code an error structure arrives with when it is not the shape
    /// name (`aws.protocols#awsQueryError` `code`, botocore `error.code`).
    pub error_code: Option<String>,
    /// The HTTP status an error structure arrives with
    /// (`smithy.api#httpError`, `awsQueryError` `httpResponseCode`,
    /// botocore `error.httpStatusCode`).
    pub error_status: Option<u16>,
    /// `smithy.api#retryable` on an error structure: a request failing with
    /// it may be retried.
    pub retryable: Option<Retryable>,
    /// `smithy.api#sensitive`.
    pub sensitive: bool,
    /// Deprecation, if the shape is deprecated.
    pub deprecated: Option<Deprecated>,
    /// `smithy.api#length` on a string, blob, list or map, and
    /// `smithy.api#range` on a number (botocore `min` and `max`).
    pub bounds: Option<Bounds>,
}

/// The bounds of a shape's length (strings, blobs, lists, maps) or value
/// (numbers), as the model writes them.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Bounds {
    /// The least length or value allowed.
    pub min: Option<serde_json::Number>,
    /// The greatest length or value allowed.
    pub max: Option<serde_json::Number>,
}

impl Bounds {
    /// The bounds of a shape of this kind, normalised so that the formats
    /// agree: a least length of 0 bounds nothing and is left out (Smithy
    /// models leave it out, botocore's often write it); no bounds at all
    /// are `None`.
    pub fn of(
        kind: &ShapeKind,
        min: Option<serde_json::Number>,
        max: Option<serde_json::Number>,
    ) -> Option<Bounds> {
        let is_length = Bounds::trait_for(kind) == "smithy.api#length";
        let min = min.filter(|m| !(is_length && m.as_u64() == Some(0)));
        (min.is_some() || max.is_some()).then_some(Bounds { min, max })
    }

    /// The Smithy trait that holds the bounds of a shape of this kind:
    /// `smithy.api#range` for numbers, else `smithy.api#length`.
    pub fn trait_for(kind: &ShapeKind) -> &'static str {
        match kind {
            ShapeKind::Simple(s) if s.is_number() => "smithy.api#range",
            _ => "smithy.api#length",
        }
    }
}

impl Shape {
    /// A shape of the given kind with no traits.
    pub fn new(id: ShapeId, kind: ShapeKind) -> Self {
        Shape {
            id,
            kind,
            docs: None,
            xml_name: None,
            timestamp_format: None,
            error: None,
            error_code: None,
            error_status: None,
            retryable: None,
            sensitive: false,
            deprecated: None,
            bounds: None,
        }
    }
}

/// `smithy.api#retryable`: how a retryable error is retried.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Retryable {
    /// The error is a throttling error: retried after a longer delay.
    pub throttling: bool,
}

/// Whose fault an error is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErrorFault {
    /// `client`.
    Client,
    /// `server`.
    Server,
}

/// The kinds of shape.
#[derive(Debug, Clone, PartialEq)]
pub enum ShapeKind {
    /// A structure.
    Structure(Structure),
    /// A tagged union.
    Union(Structure),
    /// A string enum (Smithy `enum`, 1.0 `@enum` strings, botocore `enum`).
    Enum(Vec<EnumValue>),
    /// An integer enum.
    IntEnum(Vec<IntEnumValue>),
    /// A list.
    List(Box<Member>),
    /// A map.
    Map {
        /// The key member (`key`).
        key: Box<Member>,
        /// The value member (`value`).
        value: Box<Member>,
    },
    /// A simple type.
    Simple(SimpleType),
}

impl ShapeKind {
    /// The name of the kind, as Smithy spells it (for error messages).
    pub fn name(&self) -> &'static str {
        match self {
            ShapeKind::Structure(_) => "structure",
            ShapeKind::Union(_) => "union",
            ShapeKind::Enum(_) => "enum",
            ShapeKind::IntEnum(_) => "intEnum",
            ShapeKind::List(_) => "list",
            ShapeKind::Map { .. } => "map",
            ShapeKind::Simple(s) => s.name(),
        }
    }
}

/// A structure's (or union's) members, in model order.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Structure {
    /// Members in model order; the wire order depends on it.
    pub members: Vec<Member>,
}

/// A member of a structure, union, list or map.
#[derive(Debug, Clone, PartialEq)]
pub struct Member {
    /// The member name as in the model (`ImageIds`; `member`, `key`,
    /// `value` for collections).
    pub name: String,
    /// The shape it targets.
    pub target: ShapeId,
    /// Documentation (HTML as in the model).
    pub docs: Option<String>,
    /// `smithy.api#required` (botocore: listed in the structure's `required`).
    pub required: bool,
    /// `smithy.api#default`, as JSON.
    pub default: Option<serde_json::Value>,
    /// `smithy.api#xmlName` (botocore `locationName`).
    pub xml_name: Option<String>,
    /// `aws.protocols#ec2QueryName` (botocore `queryName`).
    pub ec2_query_name: Option<String>,
    /// `smithy.api#xmlFlattened` (botocore `flattened`).
    pub xml_flattened: bool,
    /// `smithy.api#xmlAttribute` (botocore `xmlAttribute`).
    pub xml_attribute: bool,
    /// `smithy.api#xmlNamespace` URI on the member, if any.
    pub xml_namespace: Option<String>,
    /// `smithy.api#timestampFormat` on the member.
    pub timestamp_format: Option<TimestampFormat>,
    /// `smithy.api#idempotencyToken`.
    pub idempotency_token: bool,
    /// `smithy.api#hostLabel`.
    pub host_label: bool,
    /// Deprecation, if the member is deprecated.
    pub deprecated: Option<Deprecated>,
}

impl Member {
    /// A member with the given name and target and no traits.
    pub fn new(name: impl Into<String>, target: ShapeId) -> Self {
        Member {
            name: name.into(),
            target,
            docs: None,
            required: false,
            default: None,
            xml_name: None,
            ec2_query_name: None,
            xml_flattened: false,
            xml_attribute: false,
            xml_namespace: None,
            timestamp_format: None,
            idempotency_token: false,
            host_label: false,
            deprecated: None,
        }
    }
}

/// One value of a string enum.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EnumValue {
    /// The member name (Smithy 2.0 enum member; for botocore and 1.0 enums
    /// without names, derived from the value by the front-end).
    pub name: String,
    /// The value on the wire (`x86_64_mac`, `legacy-bios`, `v2.0`).
    pub value: String,
    /// Documentation, if any.
    pub docs: Option<String>,
}

/// One value of an integer enum.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IntEnumValue {
    /// The member name.
    pub name: String,
    /// The value on the wire.
    pub value: i64,
    /// Documentation, if any.
    pub docs: Option<String>,
}

/// Simple (scalar) types.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum SimpleType {
    /// `string` (without enum values).
    String,
    /// `boolean`.
    Boolean,
    /// `byte` (i8).
    Byte,
    /// `short` (i16).
    Short,
    /// `integer` (i32).
    Integer,
    /// `long` (i64).
    Long,
    /// `float` (f32).
    Float,
    /// `double` (f64).
    Double,
    /// `bigInteger`.
    BigInteger,
    /// `bigDecimal`.
    BigDecimal,
    /// `timestamp`.
    Timestamp,
    /// `blob`.
    Blob,
    /// `document`.
    Document,
}

impl SimpleType {
    /// True for the number types.
    pub fn is_number(self) -> bool {
        matches!(
            self,
            SimpleType::Byte
                | SimpleType::Short
                | SimpleType::Integer
                | SimpleType::Long
                | SimpleType::Float
                | SimpleType::Double
                | SimpleType::BigInteger
                | SimpleType::BigDecimal
        )
    }

    /// The Smithy type name (`string`, `integer`, ...).
    pub fn name(self) -> &'static str {
        match self {
            SimpleType::String => "string",
            SimpleType::Boolean => "boolean",
            SimpleType::Byte => "byte",
            SimpleType::Short => "short",
            SimpleType::Integer => "integer",
            SimpleType::Long => "long",
            SimpleType::Float => "float",
            SimpleType::Double => "double",
            SimpleType::BigInteger => "bigInteger",
            SimpleType::BigDecimal => "bigDecimal",
            SimpleType::Timestamp => "timestamp",
            SimpleType::Blob => "blob",
            SimpleType::Document => "document",
        }
    }

    /// Parses a Smithy type name.
    pub fn from_name(name: &str) -> Option<Self> {
        Some(match name {
            "string" => SimpleType::String,
            "boolean" => SimpleType::Boolean,
            "byte" => SimpleType::Byte,
            "short" => SimpleType::Short,
            "integer" => SimpleType::Integer,
            "long" => SimpleType::Long,
            "float" => SimpleType::Float,
            "double" => SimpleType::Double,
            "bigInteger" => SimpleType::BigInteger,
            "bigDecimal" => SimpleType::BigDecimal,
            "timestamp" => SimpleType::Timestamp,
            "blob" => SimpleType::Blob,
            "document" => SimpleType::Document,
            _ => return None,
        })
    }
}

/// Timestamp wire formats (`smithy.api#timestampFormat`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TimestampFormat {
    /// RFC 3339 / ISO 8601 (`date-time`, botocore `iso8601`).
    DateTime,
    /// RFC 7231 (`http-date`, botocore `rfc822`).
    HttpDate,
    /// Seconds since the epoch (`epoch-seconds`, botocore `unixTimestamp`).
    EpochSeconds,
}

impl TimestampFormat {
    /// The Smithy spelling.
    pub fn smithy_name(self) -> &'static str {
        match self {
            TimestampFormat::DateTime => "date-time",
            TimestampFormat::HttpDate => "http-date",
            TimestampFormat::EpochSeconds => "epoch-seconds",
        }
    }
}

/// boto3's resource model (`resources-1.json`): the service's own actions
/// and the resources, by name.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ResourceModel {
    /// Actions on the service itself that create resources (e.g.
    /// `RegisterImage` giving an `Image`), by action name.
    pub service_actions: BTreeMap<String, ResourceAction>,
    /// Resources, by name (`Image`).
    pub resources: BTreeMap<String, Resource>,
}

/// One boto3 resource (e.g. `Image`).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Resource {
    /// The resource name (`Image`).
    pub name: String,
    /// Identifiers, in model order (`Id`, bound to member `ImageId`).
    pub identifiers: Vec<ResourceIdentifier>,
    /// The shape that holds the resource's attributes (`Image`).
    pub shape: Option<String>,
    /// How the attributes are loaded, if they can be.
    pub load: Option<ResourceLoad>,
    /// Actions, by action name (`CreateTags`, `Deregister`, ...).
    pub actions: BTreeMap<String, ResourceAction>,
    /// Waiters, by resource waiter name (`Exists`).
    pub waiters: BTreeMap<String, ResourceWaiter>,
}

/// An identifier of a resource.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ResourceIdentifier {
    /// The identifier name (`Id`).
    pub name: String,
    /// The member of the resource shape that holds it (`ImageId`), if any.
    pub member_name: Option<String>,
}

/// How a resource's attributes are loaded.
#[derive(Debug, Clone, PartialEq)]
pub struct ResourceLoad {
    /// The request that loads them.
    pub request: ResourceRequest,
    /// JMESPath into the output where the resource shape is (`Images[0]`).
    pub path: String,
}

/// An action of a resource or of the service.
#[derive(Debug, Clone, PartialEq)]
pub struct ResourceAction {
    /// The request the action makes.
    pub request: ResourceRequest,
    /// The resource the action returns, if any.
    pub resource: Option<ResourceRef>,
    /// JMESPath into the output of the returned data, if any.
    pub path: Option<String>,
}

/// A resource returned by an action.
#[derive(Debug, Clone, PartialEq)]
pub struct ResourceRef {
    /// The resource type (`Image`, `Tag`).
    pub type_name: String,
    /// How the new resource's identifiers are filled.
    pub identifiers: Vec<ResourceParam>,
    /// JMESPath of the resource's data in the output, if any.
    pub path: Option<String>,
}

/// A request an action or load makes.
#[derive(Debug, Clone, PartialEq)]
pub struct ResourceRequest {
    /// The operation name (`DescribeImages`).
    pub operation: String,
    /// Parameters bound by the resource, in model order.
    pub params: Vec<ResourceParam>,
}

/// A parameter bound by a resource.
#[derive(Debug, Clone, PartialEq)]
pub struct ResourceParam {
    /// Where the value goes (`ImageIds[0]`, `Resources[0]`, `ImageId`).
    pub target: String,
    /// Where the value comes from.
    pub source: ParamSource,
}

/// The source of a bound parameter.
#[derive(Debug, Clone, PartialEq)]
pub enum ParamSource {
    /// A resource identifier, by name.
    Identifier(String),
    /// A JMESPath into the resource's loaded data.
    Data(String),
    /// A JMESPath into the request's parameters.
    RequestParameter(String),
    /// A JMESPath into the response.
    Response(String),
    /// A constant string.
    String(String),
    /// A constant integer.
    Integer(i64),
    /// A constant boolean.
    Boolean(bool),
    /// The caller passes it.
    Input,
}

/// A waiter of a resource.
#[derive(Debug, Clone, PartialEq)]
pub struct ResourceWaiter {
    /// The service waiter it runs (`ImageExists`).
    pub waiter_name: String,
    /// Parameters bound by the resource.
    pub params: Vec<ResourceParam>,
    /// JMESPath of the resource data in the last response, if any.
    pub path: Option<String>,
}
