//! EC2's query protocol (`aws.protocols#ec2Query`, botocore `ec2`), as
//! botocore's `ec2` serializer and parser speak it (the conformance suites
//! `ec2-input.json` and `ec2-output.json` check both).
//!
//! Requests: a form-encoded `POST /` body starting with `Action` and
//! `Version`. A member's key is its `ec2QueryName`, else its `xmlName`
//! with the first letter upper-cased, else its member name with the first
//! letter upper-cased. Lists are always flattened (`Key.1`, `Key.2`; the
//! list member's own name is unused) and an empty list sends nothing; maps
//! send `Key.entry.N.Key` / `.Value` (`Key.N.Key` when flattened).
//! Timestamps are sent as ISO 8601 (`date-time`) unless the model says
//! otherwise.
//!
//! Responses: an XML document whose root is `{Operation}Response`, with the
//! output's members as the root's children (no wrapper) beside
//! `requestId`. A member's element is its `xmlName`, else its member name;
//! a list's items are `<member>` unless the list member has an `xmlName`
//! (EC2's models say `item`); a flattened list repeats the member's own
//! element; a map is `<entry><key/><value/></entry>`, renamed by the key's
//! and value's `xmlName`s. An error document has the root `Response`
//! (`<Response><Errors><Error><Code/><Message/></Error></Errors>
//! <RequestID/></Response>`). Document shapes cannot be carried.
//!
//! The signing name and endpoint prefix are the service's (`ec2`).

use proc_macro2::TokenStream;
use quote::quote;

use super::{capitalise, BodyComparison, Conformance, Direction, ErrorDocument, WireProtocol};
use crate::ir::{
    Member, Operation, Protocol, Service, Shape, ShapeKind, SimpleType, TimestampFormat,
};
use crate::{Error, Result};

/// EC2's query protocol.
#[derive(Debug, Clone, Copy)]
pub struct Ec2Query;

impl WireProtocol for Ec2Query {
    fn protocol(&self) -> Protocol {
        Protocol::Ec2Query
    }

    fn title(&self) -> &'static str {
        "EC2 query"
    }

    fn runtime_feature(&self) -> &'static str {
        "ec2-query"
    }

    fn request_key(&self, member: &Member) -> String {
        if let Some(name) = &member.ec2_query_name {
            return name.clone();
        }
        capitalise(member.xml_name.as_deref().unwrap_or(&member.name))
    }

    fn request_list_segment(&self, _referrer: &Member, _item: &Member) -> Option<String> {
        None
    }

    fn request_map_segment(&self, referrer: &Member) -> Option<String> {
        (!referrer.xml_flattened).then(|| "entry".to_string())
    }

    fn request_map_entry_keys(&self, key: &Member, value: &Member) -> (String, String) {
        let name = |m: &Member, default: &str| {
            m.ec2_query_name
                .clone()
                .unwrap_or_else(|| capitalise(m.xml_name.as_deref().unwrap_or(default)))
        };
        (name(key, "key"), name(value, "value"))
    }

    fn request_empty_list_sent(&self) -> bool {
        false
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
        (
            key.xml_name.clone().unwrap_or_else(|| "key".to_string()),
            value
                .xml_name
                .clone()
                .unwrap_or_else(|| "value".to_string()),
        )
    }

    fn response_root(&self, operation: &Operation) -> String {
        format!("{}Response", operation.id.name)
    }

    fn response_wrapper(&self, _operation: &Operation) -> Option<String> {
        None
    }

    fn request_id_path(&self) -> &'static [&'static str] {
        &["requestId"]
    }

    fn response_may_be_empty(&self) -> bool {
        false
    }

    fn error_document(&self) -> ErrorDocument {
        ErrorDocument {
            root: "Response",
            parse: quote!(crate::runtime::ec2_query::parse_error),
            parse_from_root: quote!(crate::runtime::ec2_query::parse_error_from_root),
            enter_first_error: quote!(crate::runtime::ec2_query::enter_first_error),
        }
    }

    fn error_code(&self, shape: &Shape) -> String {
        shape.id.name.clone()
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
                Error::new("document shapes are not supported by the EC2 query protocol")
                    .at(format!("shape {}", shape.id)),
            );
        }
        Ok(())
    }

    fn endpoint_prefix(&self, service: &Service) -> String {
        // The model's, else the signing name's rule.
        service
            .endpoint_prefix
            .clone()
            .unwrap_or_else(|| self.signing_name(service))
    }

    fn signing_name(&self, service: &Service) -> String {
        // The model's, else the service's name in lower case (test models
        // often have neither).
        service
            .signing_name
            .clone()
            .or_else(|| service.endpoint_prefix.clone())
            .unwrap_or_else(|| service.id.name.to_ascii_lowercase())
    }

    fn conformance(&self) -> Conformance {
        Conformance {
            suite: "ec2",
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
    fn request_keys_prefer_the_query_name_then_the_capitalised_xml_name() {
        let mut m = member("imageId");
        assert_eq!(Ec2Query.request_key(&m), "ImageId");
        m.xml_name = Some("imageSet".into());
        assert_eq!(Ec2Query.request_key(&m), "ImageSet");
        m.ec2_query_name = Some("Image".into());
        assert_eq!(Ec2Query.request_key(&m), "Image");
    }

    #[test]
    fn response_elements_are_the_xml_name_else_the_member_name() {
        let mut m = member("imageId");
        assert_eq!(Ec2Query.response_element(&m), "imageId");
        m.xml_name = Some("imageSet".into());
        assert_eq!(Ec2Query.response_element(&m), "imageSet");
        assert_eq!(Ec2Query.response_list_item(&member("member")), "member");
    }
}
