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

use super::{BodyComparison, Conformance, Direction, ErrorDocument, WireProtocol};
use crate::ir::{
    Member, Operation, Protocol, Service, Shape, ShapeKind, SimpleType, TimestampFormat,
};
use crate::{Error, Result};

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
        (
            key.xml_name.clone().unwrap_or_else(|| "key".to_string()),
            value
                .xml_name
                .clone()
                .unwrap_or_else(|| "value".to_string()),
        )
    }

    fn request_empty_list_sent(&self) -> bool {
        true
    }

    fn request_writer(&self) -> TokenStream {
        quote!(crate::runtime::query::QueryWriter)
    }

    fn request_pairs(&self, operation: &Operation, service: &Service) -> Vec<(String, String)> {
        vec![
            ("Action".to_string(), operation.id.name.clone()),
            ("Version".to_string(), service.version.clone()),
        ]
    }

    fn request_start(
        &self,
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

    fn request_join_key(&self) -> TokenStream {
        quote!(crate::runtime::query::key)
    }

    fn request_item_key(&self) -> TokenStream {
        quote!(crate::runtime::query::item_key)
    }

    fn content_type(&self) -> &'static str {
        "application/x-www-form-urlencoded; charset=utf-8"
    }

    fn http_method_and_path(&self) -> (&'static str, &'static str) {
        ("POST", "/")
    }

    fn runtime_request_constants(&self) -> [&'static str; 3] {
        [
            "runtime::query::CONTENT_TYPE",
            "runtime::query::METHOD",
            "runtime::query::PATH",
        ]
    }

    fn response_element(&self, member: &Member) -> String {
        member
            .xml_name
            .clone()
            .unwrap_or_else(|| member.name.clone())
    }

    fn response_flattened(&self, member: &Member) -> bool {
        member.xml_flattened
    }

    fn response_list_item(&self, item: &Member) -> String {
        item.xml_name
            .clone()
            .unwrap_or_else(|| "member".to_string())
    }

    fn response_map_entry(&self) -> &'static str {
        "entry"
    }

    fn response_map_entry_elements(&self, key: &Member, value: &Member) -> (String, String) {
        self.request_map_entry_keys(key, value)
    }

    fn response_root(&self, operation: &Operation) -> String {
        format!("{}Response", operation.id.name)
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
        member.or(target).unwrap_or(TimestampFormat::DateTime)
    }

    fn check_shape(&self, shape: &Shape) -> Result<()> {
        if let ShapeKind::Simple(SimpleType::Document) = shape.kind {
            return Err(
                Error::new("document shapes are not supported by the AWS query protocol")
                    .at(format!("shape {}", shape.id)),
            );
        }
        Ok(())
    }

    fn endpoint_prefix(&self, service: &Service) -> String {
        service
            .endpoint_prefix
            .clone()
            .unwrap_or_else(|| self.signing_name(service))
    }

    fn signing_name(&self, service: &Service) -> String {
        service
            .signing_name
            .clone()
            .or_else(|| service.endpoint_prefix.clone())
            .unwrap_or_else(|| service.id.name.to_ascii_lowercase())
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
    use crate::ir::ShapeId;

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
