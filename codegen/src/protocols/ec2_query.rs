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

use super::query_family as qf;
use super::{capitalise, BodyComparison, Conformance, Direction, ErrorDocument, WireProtocol};
use crate::ir::{Member, Operation, Protocol, Service, Shape, TimestampFormat};
use crate::Result;

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
        qf::timestamp_format(member, target)
    }

    fn check_shape(&self, shape: &Shape) -> Result<()> {
        qf::check_shape(shape, "EC2 query")
    }

    fn endpoint_prefix(&self, service: &Service) -> String {
        qf::endpoint_prefix(service)
    }

    fn signing_name(&self, service: &Service) -> String {
        qf::signing_name(service)
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
