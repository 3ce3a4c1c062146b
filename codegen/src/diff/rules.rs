//! The classification rules, all in one place.
//!
//! Each arm of [`classify`] is one rule; its text is the reason, written
//! from the point of view of a Rust user of the generated crate and of the
//! wire. What the generated crate looks like, and so what the rules assume:
//! a structure is a Rust struct with a builder, a member is `Option<T>`
//! unless required (then `T`, and the builder's `build()` fails without
//! it); enums are `#[non_exhaustive]` with a variant holding any unknown
//! value, and their variants are the naming pass's names; lists are
//! `Vec<T>`, maps `HashMap<K, V>` and simple shapes Rust primitives, so only
//! structures, unions and enums are named Rust types. Every operation fails
//! with the one `operation::Error`, whose `Service` variant carries the
//! service's error code as a string (there is no error type per
//! operation); a modeled error's structure and its parser
//! (`protocol::deserialize::errors`) are generated like any shape. Requests
//! are sent under the keys and responses read from the elements that the
//! service's protocol module gives.
//!
//! A shape's usage is the union of its usage in both models: a change is
//! judged against every direction the shape is used in, before or after.

use super::{ChangeKind, Class, Usage};

use Class::{Breaking, Compatible, Docs};

/// Classifies a change to a subject used as `usage` (operations and the
/// service count as [`Usage::BOTH`]), with the one-line reason.
pub fn classify(kind: &ChangeKind, usage: Usage) -> (Class, &'static str) {
    use ChangeKind::*;
    if let DocsChanged(_) = kind {
        return (Docs, "documentation only: no code or wire change");
    }
    if usage.is_unused() {
        return (
            Compatible,
            "the shape is not reachable from any operation, so it is not generated",
        );
    }
    match kind {
        ServiceSetting { setting, .. } if *setting == "SDK id" => {
            (Compatible, "the SDK id is metadata; requests are unchanged")
        }
        ServiceSetting { .. } => (
            Breaking,
            "every request is addressed, signed, versioned or parsed differently",
        ),
        OperationAdded => (Compatible, "a new client method; existing code is untouched"),
        OperationRemoved => (
            Breaking,
            "the client method and its input and output types disappear",
        ),
        OperationShapeChanged { .. } => (
            Breaking,
            "the client method takes or returns a different type",
        ),
        ErrorAdded { first: true, .. } => (
            Breaking,
            "the operation's first declared error: it now fails with an error enum of its own instead of the untyped operation::Error",
        ),
        ErrorAdded { .. } => (
            Compatible,
            "a new variant of the operation's #[non_exhaustive] error enum",
        ),
        ErrorRemoved { last: true, .. } => (
            Breaking,
            "the operation declares no error any more: it fails with the untyped operation::Error instead of its error enum",
        ),
        ErrorRemoved { .. } => (
            Breaking,
            "the variant leaves the operation's error enum; code matching it no longer compiles",
        ),
        PaginatorAdded => (Compatible, "a new paginator method; existing code is untouched"),
        PaginatorRemoved => (
            Breaking,
            "the paginator method disappears; code using it no longer compiles",
        ),
        PaginatorChanged { field, .. } if field.ends_with("token") => (
            Compatible,
            "tokens are handled inside the paginator; its API is unchanged",
        ),
        PaginatorChanged { .. } => (
            Breaking,
            "the paginator's item type or page-size setter changes",
        ),
        WaiterAdded(_) => (Compatible, "a new waiter method; existing code is untouched"),
        WaiterRemoved(_) => (
            Breaking,
            "the waiter method disappears; code using it no longer compiles",
        ),
        WaiterTimingChanged { .. } => (
            Compatible,
            "same API; the waiter only polls at a different pace",
        ),
        WaiterAcceptorsChanged(_) => (
            Compatible,
            "same API, but the waiter stops on different conditions: review its behaviour",
        ),
        ShapeAdded { .. } => (Compatible, "a new type breaks no existing code"),
        ShapeRemoved { named: true, .. } => (
            Breaking,
            "the Rust type disappears; code naming it no longer compiles",
        ),
        ShapeRemoved { named: false, .. } => (
            Compatible,
            "lists, maps and simple shapes have no Rust type of their own; members that used it are reported themselves",
        ),
        KindChanged { .. } => (Breaking, "the Rust type and its wire encoding change"),
        EnumValueAdded(_) => (
            Compatible,
            "the enum is #[non_exhaustive] and its unknown-value variant already absorbed this value",
        ),
        EnumValueRemoved(_) => (
            Breaking,
            "the variant disappears; code naming it no longer compiles",
        ),
        EnumValueRenamed { .. } => (
            Breaking,
            "the variant's Rust name changes; code naming it no longer compiles",
        ),
        MemberOrderChanged => (
            Compatible,
            "request parameters are sent in a new order; the service reads them by name",
        ),
        ShapeXmlNameChanged { .. } if usage.output => (
            Breaking,
            "responses carry the shape under a different element name",
        ),
        ShapeXmlNameChanged { .. } => (
            Compatible,
            "a shape's XML name is only read from responses, and this one is never parsed",
        ),
        MemberAdded { required: true, .. } if usage.input => (
            Breaking,
            "callers must now set it: the builder's build() fails without it",
        ),
        MemberAdded { required: true, .. } => (
            Compatible,
            "output only: a new field that existing readers ignore",
        ),
        MemberAdded { .. } => (
            Compatible,
            "a new optional field and setter; existing code compiles and sends the same request",
        ),
        MemberRemoved { .. } => (
            Breaking,
            "the field and its setter disappear; code using them no longer compiles",
        ),
        TypeChanged { .. } => (
            Breaking,
            "the field's Rust type changes, and with it what is sent or parsed",
        ),
        TargetChanged {
            same_wire: true, ..
        } => (
            Compatible,
            "the new target has the same Rust type and the same wire encoding",
        ),
        TargetChanged { .. } => (
            Breaking,
            "same Rust type, but list element names, flattening or timestamp format on the wire change",
        ),
        RequiredAdded if usage.input => (
            Breaking,
            "callers must now set it (build() fails without it), and the field changes from Option<T> to T",
        ),
        RequiredAdded => (Breaking, "the field changes from Option<T> to T"),
        RequiredRemoved => (Breaking, "the field changes from T to Option<T>"),
        DefaultAdded(_) => (
            Compatible,
            "an absent member now has a documented value; requests and fields are unchanged",
        ),
        DefaultRemoved(_) => (
            Breaking,
            "code relying on the default gets no value when the member is absent",
        ),
        DefaultChanged { .. } => (
            Breaking,
            "an absent member now means a different value",
        ),
        QueryNameChanged { .. } if usage.input => (
            Breaking,
            "requests send the parameter under a different name, which the service reads differently",
        ),
        QueryNameChanged { .. } => (
            Compatible,
            "query names are only used in requests, and this shape is never sent",
        ),
        XmlNameChanged { .. } if usage.output => (
            Breaking,
            "responses are read from a different element; the field stays empty against the old name",
        ),
        XmlNameChanged { .. } => (
            Compatible,
            "XML names are only read from responses, and this shape is never parsed",
        ),
        WireNamesUnknown => (
            Breaking,
            "the generator does not support this protocol, so the names on the wire may have changed",
        ),
        WireTraitChanged => (
            Compatible,
            "the names actually sent and read on the wire are unchanged",
        ),
        XmlLayoutChanged(_) if usage.output => (
            Breaking,
            "responses are parsed with a different XML layout",
        ),
        XmlLayoutChanged(_) => (
            Compatible,
            "requests ignore XML layout traits (its effect on request keys is reported as a request name change), and this shape is never parsed",
        ),
        TimestampFormatChanged { .. } => (
            Breaking,
            "timestamps are written or read in a different format",
        ),
        IdempotencyTokenChanged(_) => (
            Compatible,
            "only whether the client fills in a token when unset changes; the API is the same",
        ),
        HostLabelChanged(_) => (
            Breaking,
            "the member moves into or out of the endpoint host name",
        ),
        SensitiveChanged(_) => (Compatible, "only Debug redaction changes"),
        ErrorTraitChanged => (
            Compatible,
            "only the error's fault (client or server), and so retries, change",
        ),
        DeprecationAdded => (
            Compatible,
            "#[deprecated] gives a warning, not an error",
        ),
        DeprecationRemoved => (Compatible, "a deprecation warning goes away"),
        DocsChanged(_) => (Docs, "documentation only: no code or wire change"),
    }
}

/// One test per rule: each builds a small model, changes one thing, and
/// checks the single change found and its class.
#[cfg(test)]
mod tests {
    use super::super::{diff, Change, ChangeKind, Class, Usage};
    use crate::ir::*;

    const NS: &str = "com.example";

    fn id(name: &str) -> ShapeId {
        ShapeId::new(NS, name)
    }

    fn member(name: &str, target: &str, xml_name: Option<&str>) -> Member {
        Member {
            xml_name: xml_name.map(Into::into),
            ..Member::new(name, id(target))
        }
    }

    fn structure(name: &str, members: Vec<Member>) -> Shape {
        Shape::new(id(name), ShapeKind::Structure(Structure { members }))
    }

    fn list(name: &str, target: &str, element: &str) -> Shape {
        let m = member("member", target, Some(element));
        Shape::new(id(name), ShapeKind::List(Box::new(m)))
    }

    /// `DescribeThings(ThingRequest) -> ThingResult`: `ThingRequest` and
    /// `IdList` are input only, `ThingResult`, `ThingList`, `Thing`, `State`
    /// output only, `Tag` and `TagList` both, `Unused` neither.
    fn base() -> Model {
        let simple = |name: &str, t| Shape::new(id(name), ShapeKind::Simple(t));
        let state = ["available", "pending"].map(|v| EnumValue {
            name: v.to_uppercase(),
            value: v.into(),
            docs: None,
        });
        let shapes = vec![
            simple("String", SimpleType::String),
            simple("Integer", SimpleType::Integer),
            simple("DateTime", SimpleType::Timestamp),
            simple("Id", SimpleType::String),
            Shape::new(id("State"), ShapeKind::Enum(state.to_vec())),
            list("IdList", "Id", "item"),
            list("ThingList", "Thing", "item"),
            list("TagList", "Tag", "item"),
            list("OtherTagList", "Tag", "member"),
            structure(
                "Tag",
                vec![
                    member("Key", "String", None),
                    member("Value", "String", None),
                ],
            ),
            structure(
                "ThingRequest",
                vec![
                    Member {
                        required: true,
                        ..member("ThingId", "Id", None)
                    },
                    member("Ids", "IdList", Some("ThingIdSet")),
                    member("Tags", "TagList", Some("TagSet")),
                    member("MaxResults", "Integer", None),
                    member("NextToken", "String", None),
                ],
            ),
            structure(
                "ThingResult",
                vec![
                    member("Things", "ThingList", Some("thingSet")),
                    member("NextToken", "String", Some("nextToken")),
                ],
            ),
            structure(
                "Thing",
                vec![
                    member("Name", "String", Some("name")),
                    member("State", "State", Some("state")),
                    member("Created", "DateTime", Some("created")),
                    member("Tags", "TagList", Some("tagSet")),
                ],
            ),
            structure("Unused", vec![member("A", "String", None)]),
        ];
        let waiter = Waiter {
            docs: None,
            min_delay: 15,
            max_delay: None,
            max_attempts: Some(40),
            acceptors: vec![Acceptor {
                state: AcceptorState::Success,
                matcher: Matcher::Output {
                    path: "Things[].State".into(),
                    expected: "available".into(),
                    comparator: Comparator::AllStringEquals,
                },
            }],
        };
        let op = Operation {
            id: id("DescribeThings"),
            input: Some(id("ThingRequest")),
            output: Some(id("ThingResult")),
            errors: vec![],
            docs: None,
            deprecated: None,
            paginator: Some(Paginator {
                input_token: "NextToken".into(),
                output_token: "NextToken".into(),
                items: Some("Things".into()),
                page_size: Some("MaxResults".into()),
            }),
            waiters: [("ThingAvailable".to_string(), waiter)].into(),
        };
        Model {
            service: Service {
                id: id("Things"),
                version: "2016-11-15".into(),
                protocol: Protocol::Ec2Query,
                sdk_id: Some("Things".into()),
                endpoint_prefix: None,
                signing_name: None,
                xml_namespace: None,
                docs: None,
                title: None,
            },
            operations: [(op.id.clone(), op)].into(),
            shapes: shapes.into_iter().map(|s| (s.id.clone(), s)).collect(),
        }
    }

    fn shape<'a>(model: &'a mut Model, name: &str) -> &'a mut Shape {
        model.shapes.get_mut(&id(name)).expect("fixture shape")
    }

    fn members<'a>(model: &'a mut Model, name: &str) -> &'a mut Vec<Member> {
        match &mut shape(model, name).kind {
            ShapeKind::Structure(s) => &mut s.members,
            _ => panic!("{name} is not a structure"),
        }
    }

    fn field<'a>(model: &'a mut Model, name: &str, member: &str) -> &'a mut Member {
        let members = members(model, name);
        members
            .iter_mut()
            .find(|m| m.name == member)
            .expect("member")
    }

    fn op(model: &mut Model) -> &mut Operation {
        model.operations.values_mut().next().expect("operation")
    }

    /// Applies `change` to a copy of the fixture and returns the single
    /// change found.
    fn only(change: impl FnOnce(&mut Model)) -> Change {
        let old = base();
        let mut new = base();
        change(&mut new);
        let report = diff(&old, &new);
        assert_eq!(report.changes.len(), 1, "{:#?}", report.changes);
        report.changes[0].clone()
    }

    fn assert_class(change: impl FnOnce(&mut Model), code: &str, class: Class) -> Change {
        let c = only(change);
        assert_eq!((c.kind.code(), c.class), (code, class), "{c:#?}");
        c
    }

    use Class::{Breaking, Compatible, Docs};

    #[test]
    fn identical_models_have_no_changes() {
        assert!(diff(&base(), &base()).changes.is_empty());
    }

    #[test]
    fn usage_follows_operation_inputs_and_outputs() {
        let usage = |shape: &str| {
            only(|m| self::shape(m, shape).sensitive = true)
                .usage
                .expect("shape usage")
        };
        let (input, output) = (true, false);
        assert_eq!(usage("IdList"), Usage { input, output });
        assert_eq!(
            usage("State"),
            Usage {
                input: output,
                output: input
            }
        );
        assert_eq!(usage("Tag"), Usage::BOTH);
        assert!(usage("Unused").is_unused());
    }

    #[test]
    fn service_settings_are_breaking_but_the_sdk_id() {
        assert_class(
            |m| m.service.version = "2020-01-01".into(),
            "service_setting_changed",
            Breaking,
        );
        let c = only(|m| m.service.sdk_id = None);
        assert_eq!(c.class, Compatible);
    }

    #[test]
    fn operation_added_is_compatible_and_removed_breaking() {
        // A second operation, with the paginator and waiter of the first.
        let mut added = base();
        let mut second = op(&mut added).clone();
        second.id = id("DescribeOthers");
        added.operations.insert(second.id.clone(), second);
        let codes = |old: &Model, new: &Model| -> Vec<_> {
            let report = diff(old, new);
            report
                .changes
                .iter()
                .map(|c| (c.kind.code(), c.class))
                .collect()
        };
        assert_eq!(
            codes(&base(), &added),
            [
                ("operation_added", Compatible),
                ("paginator_added", Compatible),
                ("waiter_added", Compatible)
            ]
        );
        assert_eq!(
            codes(&added, &base()),
            [
                ("operation_removed", Breaking),
                ("paginator_removed", Breaking),
                ("waiter_removed", Breaking)
            ]
        );
    }

    #[test]
    fn operation_input_changed_is_breaking() {
        let mut changed = base();
        op(&mut changed).output = None;
        let report = diff(&base(), &changed);
        assert!(report
            .changes
            .iter()
            .any(|c| c.kind.code() == "operation_shape_changed" && c.class == Breaking));
    }

    #[test]
    fn declared_errors_follow_the_error_enum() {
        // An operation's first error changes its error type to an enum of
        // its own: breaking. A further one adds a variant to that
        // #[non_exhaustive] enum: compatible. Removing one removes a
        // variant (or the enum): breaking.
        let c = assert_class(|m| op(m).errors.push(id("Tag")), "error_added", Breaking);
        assert_eq!(
            c.kind,
            ChangeKind::ErrorAdded {
                error: "Tag".into(),
                first: true
            }
        );
        let mut with_error = base();
        op(&mut with_error).errors.push(id("Tag"));
        let mut with_two = with_error.clone();
        op(&mut with_two).errors.push(id("Thing"));
        let report = diff(&with_error, &with_two);
        assert_eq!(report.changes.len(), 1);
        assert_eq!(report.changes[0].class, Compatible);
        let report = diff(&with_two, &with_error);
        assert_eq!(report.changes[0].class, Breaking);
        let report = diff(&with_error, &base());
        assert_eq!(report.changes.len(), 1);
        assert_eq!(report.changes[0].class, Breaking);
        assert_eq!(
            report.changes[0].kind,
            ChangeKind::ErrorRemoved {
                error: "Tag".into(),
                last: true
            }
        );
    }

    #[test]
    fn paginator_rules() {
        let report = diff(&base(), &{
            let mut m = base();
            op(&mut m).paginator = None;
            m
        });
        assert_eq!(report.changes[0].kind, ChangeKind::PaginatorRemoved);
        assert_eq!(report.changes[0].class, Breaking);
        let report = diff(
            &{
                let mut m = base();
                op(&mut m).paginator = None;
                m
            },
            &base(),
        );
        assert_eq!(report.changes[0].kind, ChangeKind::PaginatorAdded);
        assert_eq!(report.changes[0].class, Compatible);
        let paginator = |m: &mut Model| op(m).paginator.as_mut().expect("paginator").clone();
        assert_class(
            |m| {
                let mut p = paginator(m);
                p.items = Some("Items".into());
                op(m).paginator = Some(p);
            },
            "paginator_changed",
            Breaking,
        );
        assert_class(
            |m| {
                let mut p = paginator(m);
                p.output_token = "Token".into();
                op(m).paginator = Some(p);
            },
            "paginator_changed",
            Compatible,
        );
    }

    #[test]
    fn waiter_rules() {
        assert_class(
            |m| {
                op(m).waiters.clear();
            },
            "waiter_removed",
            Breaking,
        );
        assert_class(
            |m| {
                let w = op(m).waiters["ThingAvailable"].clone();
                op(m).waiters.insert("ThingGone".into(), w);
            },
            "waiter_added",
            Compatible,
        );
        assert_class(
            |m| {
                op(m)
                    .waiters
                    .values_mut()
                    .for_each(|w| w.max_attempts = Some(80))
            },
            "waiter_timing_changed",
            Compatible,
        );
        assert_class(
            |m| op(m).waiters.values_mut().for_each(|w| w.acceptors.clear()),
            "waiter_acceptors_changed",
            Compatible,
        );
    }

    #[test]
    fn shapes_added_are_compatible() {
        let s = structure("New", vec![]);
        assert_class(
            |m| drop(m.shapes.insert(s.id.clone(), s)),
            "shape_added",
            Compatible,
        );
    }

    #[test]
    fn named_shapes_removed_are_breaking_others_compatible() {
        assert_class(
            |m| drop(m.shapes.remove(&id("Tag"))),
            "shape_removed",
            Breaking,
        );
        let mut no_list = base();
        no_list.shapes.remove(&id("OtherTagList"));
        let report = diff(&base(), &no_list);
        assert_eq!(report.changes.len(), 1);
        assert_eq!(report.changes[0].class, Compatible);
    }

    #[test]
    fn kind_changed_is_breaking() {
        let values = vec![EnumValue {
            name: "A".into(),
            value: "a".into(),
            docs: None,
        }];
        assert_class(
            |m| shape(m, "Id").kind = ShapeKind::Enum(values),
            "kind_changed",
            Breaking,
        );
        assert_class(
            |m| shape(m, "Integer").kind = ShapeKind::Simple(SimpleType::Long),
            "kind_changed",
            Breaking,
        );
    }

    fn enum_values(m: &mut Model) -> &mut Vec<EnumValue> {
        match &mut shape(m, "State").kind {
            ShapeKind::Enum(v) => v,
            _ => panic!("State is an enum"),
        }
    }

    #[test]
    fn enum_value_added_is_compatible() {
        let value = EnumValue {
            name: "FAILED".into(),
            value: "failed".into(),
            docs: None,
        };
        let c = assert_class(
            |m| enum_values(m).push(value),
            "enum_value_added",
            Compatible,
        );
        assert_eq!(c.kind, ChangeKind::EnumValueAdded("failed".into()));
    }

    #[test]
    fn enum_value_removed_or_renamed_is_breaking() {
        assert_class(
            |m| drop(enum_values(m).pop()),
            "enum_value_removed",
            Breaking,
        );
        let c = assert_class(
            |m| enum_values(m)[0].name = "READY".into(),
            "enum_value_renamed",
            Breaking,
        );
        let renamed = ChangeKind::EnumValueRenamed {
            value: "available".into(),
            old: "Available".into(),
            new: "Ready".into(),
        };
        assert_eq!(c.kind, renamed, "the Rust variant names are compared");
    }

    #[test]
    fn enum_value_renamed_to_the_same_variant_changes_nothing() {
        // `AVAILABLE` and `Available` both name the variant `Available`.
        let mut renamed = base();
        enum_values(&mut renamed)[0].name = "Available".into();
        assert_eq!(diff(&base(), &renamed).changes, Vec::new());
    }

    #[test]
    fn member_order_changed_is_compatible() {
        assert_class(
            |m| members(m, "Tag").reverse(),
            "member_order_changed",
            Compatible,
        );
    }

    #[test]
    fn shape_xml_name_breaks_on_output_only() {
        let set =
            |name: &'static str| move |m: &mut Model| shape(m, name).xml_name = Some("x".into());
        assert_class(set("Thing"), "shape_xml_name_changed", Breaking);
        assert_class(set("ThingRequest"), "shape_xml_name_changed", Compatible);
    }

    #[test]
    fn optional_member_added_is_compatible() {
        let c = assert_class(
            |m| members(m, "Thing").push(member("Size", "Integer", Some("size"))),
            "member_added",
            Compatible,
        );
        assert_eq!(
            c.kind,
            ChangeKind::MemberAdded {
                required: false,
                ty: "integer".into()
            }
        );
    }

    #[test]
    fn required_member_added_breaks_on_input_only() {
        let required = |shape: &'static str| {
            move |m: &mut Model| {
                let new = Member {
                    required: true,
                    ..member("Size", "Integer", None)
                };
                members(m, shape).push(new)
            }
        };
        assert_class(required("ThingRequest"), "member_added", Breaking);
        assert_class(required("Tag"), "member_added", Breaking);
        assert_class(required("Thing"), "member_added", Compatible);
    }

    #[test]
    fn member_removed_is_breaking() {
        let c = assert_class(
            |m| drop(members(m, "Thing").pop()),
            "member_removed",
            Breaking,
        );
        assert_eq!(c.subject.to_string(), "Thing.Tags");
        assert_eq!(
            c.kind,
            ChangeKind::MemberRemoved {
                ty: "list<Tag>".into()
            }
        );
    }

    #[test]
    fn type_changed_is_breaking() {
        let c = assert_class(
            |m| field(m, "Thing", "Name").target = id("Integer"),
            "type_changed",
            Breaking,
        );
        assert_eq!(
            c.kind,
            ChangeKind::TypeChanged {
                old: "string".into(),
                new: "integer".into()
            }
        );
        assert_class(
            |m| field(m, "Thing", "State").target = id("String"),
            "type_changed",
            Breaking,
        );
    }

    #[test]
    fn target_changed_to_the_same_type_is_compatible_unless_the_wire_differs() {
        assert_class(
            |m| field(m, "ThingRequest", "NextToken").target = id("Id"),
            "target_changed",
            Compatible,
        );
        // `TagList` elements are `<item>`, `OtherTagList` ones `<member>`.
        assert_class(
            |m| field(m, "Thing", "Tags").target = id("OtherTagList"),
            "target_changed",
            Breaking,
        );
    }

    #[test]
    fn required_changes_are_breaking() {
        let c = assert_class(
            |m| field(m, "ThingRequest", "MaxResults").required = true,
            "required_added",
            Breaking,
        );
        assert!(c.reason.contains("build()"), "{}", c.reason);
        let c = assert_class(
            |m| field(m, "Thing", "Name").required = true,
            "required_added",
            Breaking,
        );
        assert!(!c.reason.contains("build()"), "{}", c.reason);
        assert_class(
            |m| field(m, "ThingRequest", "ThingId").required = false,
            "required_removed",
            Breaking,
        );
    }

    #[test]
    fn default_added_is_compatible_changed_or_removed_breaking() {
        let mut with_default = base();
        field(&mut with_default, "ThingRequest", "MaxResults").default = Some(5.into());
        let report = diff(&base(), &with_default);
        assert_eq!(report.changes[0].kind, ChangeKind::DefaultAdded("5".into()));
        assert_eq!(report.changes[0].class, Compatible);
        let report = diff(&with_default, &base());
        assert_eq!(report.changes[0].kind.code(), "default_removed");
        assert_eq!(report.changes[0].class, Breaking);
        let mut other = base();
        field(&mut other, "ThingRequest", "MaxResults").default = Some(6.into());
        let report = diff(&with_default, &other);
        assert_eq!(report.changes[0].kind.code(), "default_changed");
        assert_eq!(report.changes[0].class, Breaking);
    }

    #[test]
    fn query_name_breaks_on_input_only() {
        let c = assert_class(
            |m| field(m, "ThingRequest", "Ids").ec2_query_name = Some("ThingId".into()),
            "query_name_changed",
            Breaking,
        );
        assert_eq!(
            c.kind,
            ChangeKind::QueryNameChanged {
                old: "ThingIdSet".into(),
                new: "ThingId".into()
            }
        );
        assert_class(
            |m| field(m, "Thing", "Name").ec2_query_name = Some("ThingName".into()),
            "query_name_changed",
            Compatible,
        );
    }

    #[test]
    fn query_key_of_a_member_without_xml_name_is_capitalised() {
        // `dryRun` has no `xmlName`: EC2 query sends it as `DryRun`, so
        // spelling that out as its `ec2QueryName` changes no wire name.
        let with_dry_run = |query_name: Option<&str>| {
            let mut m = base();
            let ShapeKind::Structure(s) = &mut shape(&mut m, "ThingRequest").kind else {
                panic!("ThingRequest is a structure")
            };
            s.members.push(Member {
                ec2_query_name: query_name.map(Into::into),
                ..member("dryRun", "String", None)
            });
            m
        };
        let report = diff(&with_dry_run(None), &with_dry_run(Some("DryRun")));
        let kinds: Vec<_> = report.changes.iter().map(|c| &c.kind).collect();
        assert_eq!(kinds, [&ChangeKind::WireTraitChanged]);
        let report = diff(&with_dry_run(None), &with_dry_run(Some("Dry")));
        let kinds: Vec<_> = report.changes.iter().map(|c| &c.kind).collect();
        let renamed = ChangeKind::QueryNameChanged {
            old: "DryRun".into(),
            new: "Dry".into(),
        };
        assert_eq!(kinds, [&renamed]);
    }

    #[test]
    fn xml_name_breaks_on_output_and_moves_the_query_name() {
        assert_class(
            |m| field(m, "Thing", "Name").xml_name = Some("Name".into()),
            "xml_name_changed",
            Breaking,
        );
        // `maxResults` capitalised is still `MaxResults` in requests.
        assert_class(
            |m| field(m, "ThingRequest", "MaxResults").xml_name = Some("maxResults".into()),
            "xml_name_changed",
            Compatible,
        );
        // Both names move for a member used both ways.
        let mut renamed = base();
        field(&mut renamed, "Tag", "Key").xml_name = Some("tagKey".into());
        let codes: Vec<_> = diff(&base(), &renamed)
            .changes
            .iter()
            .map(|c| (c.kind.code(), c.class))
            .collect();
        assert_eq!(
            codes,
            [
                ("query_name_changed", Breaking),
                ("xml_name_changed", Breaking)
            ]
        );
    }

    #[test]
    fn list_element_names_matter_in_responses_only() {
        let element = |list: &'static str| {
            move |m: &mut Model| {
                if let ShapeKind::List(e) = &mut shape(m, list).kind {
                    e.xml_name = Some("entry".into());
                }
            }
        };
        assert_class(element("ThingList"), "xml_name_changed", Breaking);
        assert_class(element("IdList"), "xml_name_changed", Compatible);
    }

    #[test]
    fn wire_traits_that_keep_the_names_are_compatible() {
        assert_class(
            |m| field(m, "ThingRequest", "NextToken").ec2_query_name = Some("NextToken".into()),
            "wire_trait_changed",
            Compatible,
        );
    }

    #[test]
    fn xml_layout_breaks_on_output_only() {
        assert_class(
            |m| field(m, "Thing", "Tags").xml_flattened = true,
            "xml_layout_changed",
            Breaking,
        );
        assert_class(
            |m| field(m, "ThingRequest", "Ids").xml_flattened = true,
            "xml_layout_changed",
            Compatible,
        );
    }

    #[test]
    fn timestamp_format_changed_is_breaking() {
        assert_class(
            |m| field(m, "Thing", "Created").timestamp_format = Some(TimestampFormat::EpochSeconds),
            "timestamp_format_changed",
            Breaking,
        );
        assert_class(
            |m| shape(m, "DateTime").timestamp_format = Some(TimestampFormat::HttpDate),
            "timestamp_format_changed",
            Breaking,
        );
    }

    #[test]
    fn idempotency_token_is_compatible_host_label_breaking() {
        assert_class(
            |m| field(m, "ThingRequest", "NextToken").idempotency_token = true,
            "idempotency_token_changed",
            Compatible,
        );
        assert_class(
            |m| field(m, "ThingRequest", "ThingId").host_label = true,
            "host_label_changed",
            Breaking,
        );
    }

    #[test]
    fn sensitive_and_error_traits_are_compatible() {
        assert_class(
            |m| shape(m, "Id").sensitive = true,
            "sensitive_changed",
            Compatible,
        );
        assert_class(
            |m| shape(m, "Tag").error = Some(ErrorFault::Client),
            "error_trait_changed",
            Compatible,
        );
    }

    #[test]
    fn deprecation_is_compatible() {
        assert_class(
            |m| field(m, "Thing", "Name").deprecated = Some(Deprecated::default()),
            "deprecation_added",
            Compatible,
        );
        let mut deprecated = base();
        op(&mut deprecated).deprecated = Some(Deprecated::default());
        let report = diff(&deprecated, &base());
        assert_eq!(report.changes[0].kind, ChangeKind::DeprecationRemoved);
        assert_eq!(report.changes[0].class, Compatible);
    }

    #[test]
    fn documentation_is_docs_only() {
        for change in [
            (|m: &mut Model| field(m, "Thing", "Name").docs = Some("<p>x</p>".into()))
                as fn(&mut Model),
            |m| shape(m, "Unused").docs = Some("x".into()),
            |m| op(m).docs = Some("x".into()),
            |m| enum_values(m)[0].docs = Some("x".into()),
            |m| m.service.docs = Some("x".into()),
        ] {
            assert_class(change, "docs_changed", Docs);
        }
    }

    #[test]
    fn changes_to_unreachable_shapes_are_compatible() {
        let c = assert_class(
            |m| drop(members(m, "Unused").pop()),
            "member_removed",
            Compatible,
        );
        assert!(c.reason.contains("not generated"));
    }
}
