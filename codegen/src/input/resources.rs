//! Serde types for boto3's resource model, `resources-1.json`.
//!
//! Both directions: the importer writes a filtered copy of the document
//! back out. So every map keeps document order ([`OrderedMap`]), a field
//! absent from the file stays absent when written (`Option` plus
//! `skip_serializing_if`), the parts the generator does not read yet are
//! kept verbatim as JSON values, and an unknown field is an error rather
//! than something a copy would silently drop. No logic beyond parsing.

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::botocore::{parse_json, OrderedMap};
use crate::{Result, SourceFile};

/// Parses a `resources-1.json`.
pub fn parse(file: SourceFile<'_>) -> Result<ResourcesDocument> {
    parse_json(file)
}

/// A whole `resources-1.json`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ResourcesDocument {
    /// The service's own actions and relations.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub service: Option<ServiceDef>,
    /// Resources, by name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub resources: Option<OrderedMap<ResourceDef>>,
}

/// The `service` object.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct ServiceDef {
    /// Actions on the service, by name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub actions: Option<OrderedMap<ActionDef>>,
    /// Single-resource relations (not read yet; kept verbatim).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub has: Option<Value>,
    /// Collections (not read yet; kept verbatim).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub has_many: Option<Value>,
}

/// One resource.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct ResourceDef {
    /// Identifiers, in order.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub identifiers: Option<Vec<IdentifierDef>>,
    /// The shape of the resource's data.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub shape: Option<String>,
    /// How the data is loaded.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub load: Option<LoadDef>,
    /// Actions, by name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub actions: Option<OrderedMap<ActionDef>>,
    /// Batch actions on collections (not read yet; kept verbatim).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub batch_actions: Option<Value>,
    /// Waiters, by name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub waiters: Option<OrderedMap<WaiterDef>>,
    /// Single-resource relations (not read yet; kept verbatim).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub has: Option<Value>,
    /// Collections (not read yet; kept verbatim).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub has_many: Option<Value>,
    /// Sub-resources, an older form of `has` (not read yet; kept verbatim).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sub_resources: Option<Value>,
}

/// An identifier of a resource.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct IdentifierDef {
    /// The identifier's name (`Id`).
    pub name: String,
    /// The member of the resource shape holding it (`ImageId`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub member_name: Option<String>,
}

/// The `load` object of a resource.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LoadDef {
    /// The request that loads the data.
    pub request: RequestDef,
    /// JMESPath of the data in the response (`Images[0]`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub path: Option<String>,
}

/// An action of the service or of a resource.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ActionDef {
    /// The request it makes.
    pub request: RequestDef,
    /// The resource it returns.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub resource: Option<ResourceRefDef>,
    /// JMESPath of the returned data in the response.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub path: Option<String>,
}

/// A request made by an action, a load or a collection.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RequestDef {
    /// The operation name (`DescribeImages`).
    pub operation: String,
    /// Parameters the resource binds.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub params: Option<Vec<ParamDef>>,
}

/// A resource returned by an action.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ResourceRefDef {
    /// The resource type (`Image`).
    #[serde(rename = "type")]
    pub type_name: String,
    /// How its identifiers are filled.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub identifiers: Option<Vec<ParamDef>>,
    /// JMESPath of its data in the response.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub path: Option<String>,
}

/// A bound parameter (or identifier of a returned resource).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ParamDef {
    /// Where the value goes (`ImageIds[0]`).
    pub target: String,
    /// Where it comes from: `identifier`, `data`, `requestParameter`,
    /// `response`, `string`, `integer`, `boolean` or `input`.
    pub source: String,
    /// The identifier's name, for `identifier`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// The JMESPath, for `data`, `requestParameter` and `response`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub path: Option<String>,
    /// The constant, for `string`, `integer` and `boolean`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<Value>,
}

/// A waiter of a resource.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct WaiterDef {
    /// The service waiter it runs (`ImageExists`).
    pub waiter_name: String,
    /// Parameters the resource binds.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub params: Option<Vec<ParamDef>>,
    /// JMESPath of the resource data in the last response.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub path: Option<String>,
}
