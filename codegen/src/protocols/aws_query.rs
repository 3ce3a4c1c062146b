//! The AWS query protocol (`aws.protocols#awsQuery`, botocore `query`), as
//! botocore's `query` serializer and parser speak it (the conformance
//! suites `query-input.json` and `query-output.json` check both). IAM, STS,
//! SNS, ELBv2, SES, Redshift, RDS, CloudFormation and others speak it.
//!
//! Requests: a form-encoded `POST /` body starting with `Action` and
//! `Version`. A member's key is its `xmlName`, else its member name, as
//! written (no capitalisation). A list's items are `Key.member.N` (the list
//! member's `xmlName` replacing `member`), or `Key.N` when the member is
//! flattened; an empty list sends `Key=` (an empty value), so that a
//! service can tell "empty" from "unset". A map's entries are
//! `Key.entry.N.key` / `.value` (`Key.N.key` when flattened), the key and
//! value renamed by their `xmlName`s. Timestamps are sent as ISO 8601
//! (`date-time`) unless the model says otherwise.
//!
//! Responses: an XML document whose root is `{Operation}Response`, holding
//! `<{Operation}Result>` (the output's members) and
//! `<ResponseMetadata><RequestId>`. Elements are named as in EC2's
//! responses: a member's `xmlName`, else its member name; a list's items
//! `<member>` unless renamed; maps `<entry><key/><value/></entry>`. An
//! error document has the root `ErrorResponse`
//! (`<ErrorResponse><Error><Type/><Code/><Message/>...</Error>
//! <RequestId/></ErrorResponse>`), the members of a modeled error beside
//! `Code` and `Message`. A modeled error's code is its `awsQueryError` code
//! (botocore `error.code`) when the model gives one, else its shape name.
//! Document shapes cannot be carried.
//!
//! The signing name and endpoint prefix are the model's (`aws.auth#sigv4`,
//! `aws.api#service`; botocore `signingName`, `endpointPrefix`).

use proc_macro2::TokenStream;
use quote::quote;

use super::query_family as qf;
use super::{BodyComparison, Conformance, Direction, ErrorDocument, WireProtocol};
use crate::ir::{Member, Operation, Protocol, Service, Shape, TimestampFormat};
use crate::Result;

/// The AWS query protocol.
#[derive(Debug, Clone, Copy)]
pub struct AwsQuery;

impl WireProtocol for AwsQuery {
    fn protocol(&self) -> Protocol {
        Protocol::AwsQuery
    }

    fn title(&self) -> &'static str {
        "AWS query"
    }

    fn runtime_feature(&self) -> &'static str {
        "aws-query"
    }

    fn request_key(&self, member: &Member) -> String {
        member
            .xml_name
            .clone()
            .unwrap_or_else(|| member.name.clone())
    }

    fn request_list_segment(&self, referrer: &Member, item: &Member) -> Option<String> {
        if referrer.xml_flattened {
            return None;
        }
        Some(
            item.xml_name
                .clone()
                .unwrap_or_else(|| "member".to_string()),
        )
    }

    fn request_map_segment(&self, referrer: &Member) -> Option<String> {
        (!referrer.xml_flattened).then(|| "entry".to_string())
    }

    fn request_map_entry_keys(&self, key: &Member, value: &Member) -> (String, String) {
        qf::map_entry_elements(key, value)
    }

    fn request_empty_list_sent(&self) -> bool {
        true
    }

    fn request_writer(&self) -> TokenStream {
        qf::request_writer()
    }

    fn request_pairs(&self, operation: &Operation, service: &Service) -> Vec<(String, String)> {
        qf::request_pairs(operation, service)
    }

    fn request_start(
        &self,
        operation: &Operation,
        service: &Service,
        token_source: Option<TokenStream>,
    ) -> TokenStream {
        qf::request_start(operation, service, token_source)
    }

    fn request_join_key(&self) -> TokenStream {
        qf::request_join_key()
    }

    fn request_item_key(&self) -> TokenStream {
        qf::request_item_key()
    }

    fn content_type(&self) -> &'static str {
        qf::CONTENT_TYPE
    }

    fn http_method_and_path(&self) -> (&'static str, &'static str) {
        qf::METHOD_AND_PATH
    }

    fn runtime_request_constants(&self) -> [&'static str; 3] {
        qf::RUNTIME_REQUEST_CONSTANTS
    }

    fn response_element(&self, member: &Member) -> String {
        qf::response_element(member)
    }

    fn response_flattened(&self, member: &Member) -> bool {
        member.xml_flattened
    }

    fn response_list_item(&self, item: &Member) -> String {
        qf::response_list_item(item)
    }

    fn response_map_entry(&self) -> &'static str {
        qf::MAP_ENTRY
    }

    fn response_map_entry_elements(&self, key: &Member, value: &Member) -> (String, String) {
        qf::map_entry_elements(key, value)
    }

    fn response_root(&self, operation: &Operation) -> String {
        qf::response_root(operation)
    }

    fn response_wrapper(&self, operation: &Operation) -> Option<String> {
        Some(format!("{}Result", operation.id.name))
    }

    fn request_id_path(&self) -> &'static [&'static str] {
        &["ResponseMetadata", "RequestId"]
    }

    fn response_may_be_empty(&self) -> bool {
        true
    }

    fn error_document(&self) -> ErrorDocument {
        ErrorDocument {
            root: "ErrorResponse",
            parse: quote!(crate::runtime::aws_query::parse_error),
            parse_from_root: quote!(crate::runtime::aws_query::parse_error_from_root),
            enter_first_error: quote!(crate::runtime::aws_query::enter_first_error),
        }
    }

    fn error_code(&self, shape: &Shape) -> String {
        shape
            .error_code
            .clone()
            .unwrap_or_else(|| shape.id.name.clone())
    }

    fn timestamp_format(
        &self,
        member: Option<TimestampFormat>,
        target: Option<TimestampFormat>,
        _direction: Direction,
    ) -> TimestampFormat {
        qf::timestamp_format(member, target)
    }

    fn check_shape(&self, shape: &Shape) -> Result<()> {
        qf::check_shape(shape, "AWS query")
    }

    fn endpoint_prefix(&self, service: &Service) -> String {
        qf::endpoint_prefix(service)
    }

    fn signing_name(&self, service: &Service) -> String {
        qf::signing_name(service)
    }

    fn conformance(&self) -> Conformance {
        Conformance {
            suite: "query",
            body: BodyComparison::ExactText,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ir::{ShapeId, ShapeKind, SimpleType};

    fn member(name: &str) -> Member {
        Member::new(name, ShapeId::new("smithy.api", "String"))
    }

    #[test]
    fn request_keys_are_the_xml_name_else_the_member_name_as_written() {
        let mut m = member("token");
        assert_eq!(AwsQuery.request_key(&m), "token");
        m.xml_name = Some("Hi".into());
        assert_eq!(AwsQuery.request_key(&m), "Hi");
        // EC2's query name is no awsQuery rule.
        m.ec2_query_name = Some("Other".into());
        assert_eq!(AwsQuery.request_key(&m), "Hi");
    }

    #[test]
    fn lists_have_a_member_segment_unless_flattened() {
        let mut referrer = member("ListArg");
        let mut item = member("member");
        assert_eq!(
            AwsQuery.request_list_segment(&referrer, &item).as_deref(),
            Some("member")
        );
        item.xml_name = Some("item".into());
        assert_eq!(
            AwsQuery.request_list_segment(&referrer, &item).as_deref(),
            Some("item")
        );
        referrer.xml_flattened = true;
        assert_eq!(AwsQuery.request_list_segment(&referrer, &item), None);
        assert_eq!(AwsQuery.request_map_segment(&referrer), None);
        referrer.xml_flattened = false;
        assert_eq!(
            AwsQuery.request_map_segment(&referrer).as_deref(),
            Some("entry")
        );
    }

    #[test]
    fn modeled_error_codes_are_the_custom_code_else_the_shape_name() {
        let mut shape = Shape::new(
            ShapeId::new("ns", "CustomCodeError"),
            ShapeKind::Simple(SimpleType::String),
        );
        assert_eq!(AwsQuery.error_code(&shape), "CustomCodeError");
        shape.error_code = Some("Customized".into());
        assert_eq!(AwsQuery.error_code(&shape), "Customized");
    }
}
