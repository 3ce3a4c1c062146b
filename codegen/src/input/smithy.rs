//! Faithful serde types for the Smithy JSON AST (IDL 2.0 and 1.0).
//!
//! Every shape is one [`AstShape`] whatever its `type`, so that the lowering
//! can name a shape whose type it does not know. Trait values stay JSON
//! ([`Traits`]); the traits the generator reads have typed forms in
//! [`traits`], which the lowering deserializes from that JSON.
//!
//! No logic here beyond parsing: ids are kept as text, references are not
//! resolved, mixins and `apply` are not merged.

use std::collections::BTreeMap;
use std::fmt;

use serde::de::{Deserializer, MapAccess, Visitor};
use serde::Deserialize;
use serde_json::Value;

use crate::{Error, Result, SourceFile};

/// A parsed Smithy JSON AST document.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct Ast {
    /// The IDL version (`"2.0"`, `"1.0"`).
    pub smithy: String,
    /// Model metadata (suppressions, ...), as JSON.
    #[serde(default)]
    pub metadata: serde_json::Map<String, Value>,
    /// Shapes by absolute id (`apply` entries included, keyed by the id
    /// they apply to, which may name a member: `ns#Shape$member`).
    #[serde(default)]
    pub shapes: BTreeMap<String, AstShape>,
}

/// Trait values of a shape or member, by absolute trait id.
pub type Traits = BTreeMap<String, Value>;

/// One shape of any type. Only the fields its type uses are present.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AstShape {
    /// The shape type: `structure`, `string`, `service`, `apply`...
    #[serde(rename = "type")]
    pub kind: String,
    /// Traits applied to the shape.
    #[serde(default)]
    pub traits: Traits,
    /// Mixins, in the order they are applied.
    #[serde(default)]
    pub mixins: Vec<Reference>,
    /// Members of a structure, union, enum or intEnum, in model order.
    #[serde(default)]
    pub members: Members,
    /// The member of a list or set.
    pub member: Option<AstMember>,
    /// The key of a map.
    pub key: Option<AstMember>,
    /// The value of a map.
    pub value: Option<AstMember>,
    /// The version of a service.
    pub version: Option<String>,
    /// Operations bound to a service or resource.
    #[serde(default)]
    pub operations: Vec<Reference>,
    /// Resources bound to a service or resource.
    #[serde(default)]
    pub resources: Vec<Reference>,
    /// Errors of an operation, or common errors of a service.
    #[serde(default)]
    pub errors: Vec<Reference>,
    /// Shape renames of a service (shape id to local name).
    #[serde(default)]
    pub rename: BTreeMap<String, String>,
    /// The input of an operation.
    pub input: Option<Reference>,
    /// The output of an operation.
    pub output: Option<Reference>,
    /// Identifiers of a resource.
    #[serde(default)]
    pub identifiers: BTreeMap<String, Reference>,
    /// Properties of a resource.
    #[serde(default)]
    pub properties: BTreeMap<String, Reference>,
    /// Lifecycle operation of a resource: create.
    pub create: Option<Reference>,
    /// Lifecycle operation of a resource: put.
    pub put: Option<Reference>,
    /// Lifecycle operation of a resource: read.
    pub read: Option<Reference>,
    /// Lifecycle operation of a resource: update.
    pub update: Option<Reference>,
    /// Lifecycle operation of a resource: delete.
    pub delete: Option<Reference>,
    /// Lifecycle operation of a resource: list.
    pub list: Option<Reference>,
    /// Collection operations of a resource.
    #[serde(default)]
    pub collection_operations: Vec<Reference>,
}

/// A reference to another shape: `{"target": "ns#Name"}`.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct Reference {
    /// The absolute id of the shape referred to.
    pub target: String,
}

/// A member: its target and traits.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct AstMember {
    /// The absolute id of the shape the member targets.
    pub target: String,
    /// Traits applied to the member.
    #[serde(default)]
    pub traits: Traits,
}

/// Members by name, in the order the file lists them (the wire order
/// depends on it). A name listed twice is a parse error.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Members(pub Vec<(String, AstMember)>);

impl<'de> Deserialize<'de> for Members {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct MembersVisitor;

        impl<'de> Visitor<'de> for MembersVisitor {
            type Value = Members;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an object of members")
            }

            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Members, A::Error> {
                let mut members: Vec<(String, AstMember)> = Vec::new();
                while let Some((name, member)) = map.next_entry::<String, AstMember>()? {
                    if members.iter().any(|(n, _)| *n == name) {
                        return Err(serde::de::Error::custom(format!(
                            "member `{name}` is listed twice"
                        )));
                    }
                    members.push((name, member));
                }
                Ok(Members(members))
            }
        }

        deserializer.deserialize_map(MembersVisitor)
    }
}

/// Typed values of the traits the generator reads.
pub mod traits {
    use std::collections::BTreeMap;

    use serde::Deserialize;

    /// `aws.api#service`.
    #[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
    #[serde(rename_all = "camelCase")]
    pub struct AwsService {
        /// The SDK id (`STS`).
        pub sdk_id: Option<String>,
        /// The endpoint prefix (`sts`).
        pub endpoint_prefix: Option<String>,
    }

    /// `aws.auth#sigv4`.
    #[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
    pub struct Sigv4 {
        /// The signing name.
        pub name: String,
    }

    /// `smithy.api#xmlNamespace`.
    #[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
    pub struct XmlNamespace {
        /// The namespace URI.
        pub uri: String,
        /// The namespace prefix, if any.
        pub prefix: Option<String>,
    }

    /// `smithy.api#deprecated`.
    #[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
    pub struct Deprecated {
        /// The message, if any.
        pub message: Option<String>,
        /// Since when, if known.
        pub since: Option<String>,
    }

    /// `smithy.api#error`.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
    #[serde(rename_all = "camelCase")]
    pub enum ErrorFault {
        /// `"client"`.
        Client,
        /// `"server"`.
        Server,
    }

    /// `smithy.api#timestampFormat`.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
    #[serde(rename_all = "kebab-case")]
    pub enum TimestampFormat {
        /// `"date-time"`.
        DateTime,
        /// `"http-date"`.
        HttpDate,
        /// `"epoch-seconds"`.
        EpochSeconds,
    }

    /// `smithy.api#paginated`, on an operation or (defaults) on a service.
    #[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
    #[serde(rename_all = "camelCase")]
    pub struct Paginated {
        /// The input member holding the continuation token.
        pub input_token: Option<String>,
        /// The output path of the next token.
        pub output_token: Option<String>,
        /// The output path of the items.
        pub items: Option<String>,
        /// The input member limiting the page size.
        pub page_size: Option<String>,
    }

    /// One definition of the Smithy 1.0 `smithy.api#enum` trait.
    #[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
    pub struct EnumDefinition {
        /// The value on the wire.
        pub value: String,
        /// The constant name, if any.
        pub name: Option<String>,
        /// Documentation, if any.
        pub documentation: Option<String>,
        /// Tags.
        #[serde(default)]
        pub tags: Vec<String>,
        /// Whether the value is deprecated.
        #[serde(default)]
        pub deprecated: bool,
    }

    /// `smithy.waiters#waitable`: waiters by name.
    pub type Waitable = BTreeMap<String, Waiter>;

    /// One waiter of `smithy.waiters#waitable`.
    #[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
    #[serde(rename_all = "camelCase")]
    pub struct Waiter {
        /// Documentation, if any.
        pub documentation: Option<String>,
        /// Acceptors, in order.
        pub acceptors: Vec<Acceptor>,
        /// Minimum delay in seconds (the spec's default is 2).
        pub min_delay: Option<u64>,
        /// Maximum delay in seconds (the spec's default is 120).
        pub max_delay: Option<u64>,
        /// Whether the waiter is deprecated.
        #[serde(default)]
        pub deprecated: bool,
        /// Tags.
        #[serde(default)]
        pub tags: Vec<String>,
    }

    /// A waiter acceptor.
    #[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
    pub struct Acceptor {
        /// The state it moves the waiter to.
        pub state: AcceptorState,
        /// What it matches.
        pub matcher: Matcher,
    }

    /// One acceptor of this project's `aws.bindgen#waiterStatusAcceptors`
    /// trait: an acceptor that matches an HTTP status, which Smithy waiters
    /// have no matcher for.
    #[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
    #[serde(deny_unknown_fields)]
    pub struct StatusAcceptor {
        /// Its index among the waiter's acceptors, from 0.
        pub index: usize,
        /// The state it moves the waiter to.
        pub state: AcceptorState,
        /// The HTTP status it matches.
        pub status: u16,
    }

    /// An acceptor's state.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
    #[serde(rename_all = "camelCase")]
    pub enum AcceptorState {
        /// `"success"`.
        Success,
        /// `"failure"`.
        Failure,
        /// `"retry"`.
        Retry,
    }

    /// An acceptor's matcher (exactly one key).
    #[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
    #[serde(rename_all = "camelCase")]
    pub enum Matcher {
        /// `{"output": {...}}`.
        Output(PathMatcher),
        /// `{"inputOutput": {...}}`.
        InputOutput(PathMatcher),
        /// `{"success": bool}`.
        Success(bool),
        /// `{"errorType": "Name"}`.
        ErrorType(String),
    }

    /// A JMESPath matcher.
    #[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
    pub struct PathMatcher {
        /// The JMESPath expression.
        pub path: String,
        /// The expected value.
        pub expected: String,
        /// How the result is compared.
        pub comparator: Comparator,
    }

    /// A JMESPath result comparator.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
    #[serde(rename_all = "camelCase")]
    pub enum Comparator {
        /// `stringEquals`.
        StringEquals,
        /// `booleanEquals`.
        BooleanEquals,
        /// `allStringEquals`.
        AllStringEquals,
        /// `anyStringEquals`.
        AnyStringEquals,
    }
}

/// Parses a Smithy JSON AST file. Malformed JSON, or JSON that is not a
/// Smithy AST, gives an error with the file, line and column.
pub fn parse(file: SourceFile<'_>) -> Result<Ast> {
    serde_json::from_str(file.text).map_err(|err| Error::json(file.name, &err))
}
