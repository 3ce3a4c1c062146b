//! The kinds of change, with their codes and descriptions.

use std::fmt;

/// One kind of change. Texts are shape names, types (see
/// [`ChangeKind::MemberAdded`]) or trait values as in the model.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ChangeKind {
    /// A service setting changed (`version`, `protocol`, `signing name`,
    /// `endpoint prefix`, `XML namespace`, `SDK id`).
    ServiceSetting {
        /// Which setting.
        setting: &'static str,
        /// The old value.
        old: String,
        /// The new value.
        new: String,
    },
    /// An operation was added.
    OperationAdded,
    /// An operation was removed.
    OperationRemoved,
    /// An operation's input or output structure changed.
    OperationShapeChanged {
        /// `input` or `output`.
        role: &'static str,
        /// The old shape, if any.
        old: Option<String>,
        /// The new shape, if any.
        new: Option<String>,
    },
    /// An operation declares a new error.
    ErrorAdded {
        /// The error shape.
        error: String,
        /// True if the operation declared no error before (its error type
        /// becomes an enum of its own).
        first: bool,
    },
    /// An operation no longer declares an error.
    ErrorRemoved {
        /// The error shape.
        error: String,
        /// True if the operation declares no error now (its error type
        /// becomes the untyped one).
        last: bool,
    },
    /// An operation became paginated.
    PaginatorAdded,
    /// An operation is no longer paginated.
    PaginatorRemoved,
    /// A paginator setting changed.
    PaginatorChanged {
        /// `items`, `page size`, `input token` or `output token`.
        field: &'static str,
        /// The old value (empty when unset).
        old: String,
        /// The new value (empty when unset).
        new: String,
    },
    /// A waiter was added.
    WaiterAdded(String),
    /// A waiter was removed.
    WaiterRemoved(String),
    /// A waiter's polling (delays, attempts) changed.
    WaiterTimingChanged {
        /// The waiter.
        waiter: String,
        /// The old timing, e.g. `delay 15-120 s, 40 attempts`.
        old: String,
        /// The new timing.
        new: String,
    },
    /// A waiter's acceptors changed.
    WaiterAcceptorsChanged(String),
    /// A shape was added.
    ShapeAdded {
        /// Its kind (`structure`, `string`...).
        kind: &'static str,
    },
    /// A shape was removed.
    ShapeRemoved {
        /// Its kind.
        kind: &'static str,
        /// Whether it was a named Rust type (structure, union, enum).
        named: bool,
    },
    /// A shape changed kind (`string` to `enum`, `integer` to `long`...).
    KindChanged {
        /// The old kind.
        old: &'static str,
        /// The new kind.
        new: &'static str,
    },
    /// An enum value was added.
    EnumValueAdded(String),
    /// An enum value was removed.
    EnumValueRemoved(String),
    /// An enum value kept its wire value but changed its name.
    EnumValueRenamed {
        /// The wire value.
        value: String,
        /// The old name.
        old: String,
        /// The new name.
        new: String,
    },
    /// The relative order of the members both models have changed.
    MemberOrderChanged,
    /// The shape's own `xmlName` changed.
    ShapeXmlNameChanged {
        /// The old name, if any.
        old: Option<String>,
        /// The new name, if any.
        new: Option<String>,
    },
    /// A member was added.
    MemberAdded {
        /// Whether it is required.
        required: bool,
        /// Its type (see [`super::rust_type`]).
        ty: String,
    },
    /// A member was removed.
    MemberRemoved {
        /// Its type.
        ty: String,
    },
    /// A member's target changed, and with it the Rust type.
    TypeChanged {
        /// The old type.
        old: String,
        /// The new type.
        new: String,
    },
    /// A member's target shape changed, to one of the same Rust type.
    TargetChanged {
        /// The old target.
        old: String,
        /// The new target.
        new: String,
        /// The Rust type of both.
        ty: String,
        /// Whether the wire encoding (list element names, flattening,
        /// timestamp format) is also the same.
        same_wire: bool,
    },
    /// A member became required.
    RequiredAdded,
    /// A member is no longer required.
    RequiredRemoved,
    /// A member got a default value.
    DefaultAdded(String),
    /// A member lost its default value.
    DefaultRemoved(String),
    /// A member's default value changed.
    DefaultChanged {
        /// The old default, as JSON.
        old: String,
        /// The new default, as JSON.
        new: String,
    },
    /// The name a member is sent under in requests changed
    /// (`ec2QueryName`, else capitalised `xmlName`, else member name).
    QueryNameChanged {
        /// The old name.
        old: String,
        /// The new name.
        new: String,
    },
    /// The element name a member is read from in responses changed
    /// (`xmlName`, else member name).
    XmlNameChanged {
        /// The old name.
        old: String,
        /// The new name.
        new: String,
    },
    /// `ec2QueryName` or `xmlName` changed without changing the names
    /// actually used on the wire.
    WireTraitChanged,
    /// `ec2QueryName` or `xmlName` changed in a model whose protocol the
    /// generator does not support, so the names on the wire are unknown.
    WireNamesUnknown,
    /// `xmlFlattened`, `xmlAttribute` or `xmlNamespace` changed.
    XmlLayoutChanged(&'static str),
    /// The timestamp format of a shape or member changed.
    TimestampFormatChanged {
        /// The old format, if any.
        old: Option<&'static str>,
        /// The new format, if any.
        new: Option<&'static str>,
    },
    /// `idempotencyToken` was set (`true`) or unset (`false`).
    IdempotencyTokenChanged(bool),
    /// `hostLabel` was set (`true`) or unset (`false`).
    HostLabelChanged(bool),
    /// `sensitive` was set (`true`) or unset (`false`).
    SensitiveChanged(bool),
    /// The `error` trait of a structure changed.
    ErrorTraitChanged,
    /// The subject became deprecated.
    DeprecationAdded,
    /// The subject is no longer deprecated.
    DeprecationRemoved,
    /// Documentation changed: what, e.g. `documentation`, `documentation of
    /// value x`, `deprecation message`.
    DocsChanged(String),
}

impl ChangeKind {
    /// A stable snake_case code for the kind of change (JSON `change`).
    pub fn code(&self) -> &'static str {
        use ChangeKind::*;
        match self {
            ServiceSetting { .. } => "service_setting_changed",
            OperationAdded => "operation_added",
            OperationRemoved => "operation_removed",
            OperationShapeChanged { .. } => "operation_shape_changed",
            ErrorAdded { .. } => "error_added",
            ErrorRemoved { .. } => "error_removed",
            PaginatorAdded => "paginator_added",
            PaginatorRemoved => "paginator_removed",
            PaginatorChanged { .. } => "paginator_changed",
            WaiterAdded(_) => "waiter_added",
            WaiterRemoved(_) => "waiter_removed",
            WaiterTimingChanged { .. } => "waiter_timing_changed",
            WaiterAcceptorsChanged(_) => "waiter_acceptors_changed",
            ShapeAdded { .. } => "shape_added",
            ShapeRemoved { .. } => "shape_removed",
            KindChanged { .. } => "kind_changed",
            EnumValueAdded(_) => "enum_value_added",
            EnumValueRemoved(_) => "enum_value_removed",
            EnumValueRenamed { .. } => "enum_value_renamed",
            MemberOrderChanged => "member_order_changed",
            ShapeXmlNameChanged { .. } => "shape_xml_name_changed",
            MemberAdded { .. } => "member_added",
            MemberRemoved { .. } => "member_removed",
            TypeChanged { .. } => "type_changed",
            TargetChanged { .. } => "target_changed",
            RequiredAdded => "required_added",
            RequiredRemoved => "required_removed",
            DefaultAdded(_) => "default_added",
            DefaultRemoved(_) => "default_removed",
            DefaultChanged { .. } => "default_changed",
            QueryNameChanged { .. } => "query_name_changed",
            XmlNameChanged { .. } => "xml_name_changed",
            WireTraitChanged => "wire_trait_changed",
            WireNamesUnknown => "wire_names_unknown",
            XmlLayoutChanged(_) => "xml_layout_changed",
            TimestampFormatChanged { .. } => "timestamp_format_changed",
            IdempotencyTokenChanged(_) => "idempotency_token_changed",
            HostLabelChanged(_) => "host_label_changed",
            SensitiveChanged(_) => "sensitive_changed",
            ErrorTraitChanged => "error_trait_changed",
            DeprecationAdded => "deprecation_added",
            DeprecationRemoved => "deprecation_removed",
            DocsChanged(_) => "docs_changed",
        }
    }
}

impl fmt::Display for ChangeKind {
    /// What changed, in a few words (Markdown, names in backticks).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use ChangeKind::*;
        let opt = |v: &Option<String>| v.as_deref().map_or("(none)".into(), code);
        let opt_str = |v: &Option<&str>| v.map_or("(none)".into(), code);
        let set = |b: &bool| if *b { "set" } else { "unset" };
        match self {
            ServiceSetting { setting, old, new } => {
                write!(f, "{setting} changed from {} to {}", code(old), code(new))
            }
            OperationAdded => f.write_str("operation added"),
            OperationRemoved => f.write_str("operation removed"),
            OperationShapeChanged { role, old, new } => {
                write!(f, "{role} changed from {} to {}", opt(old), opt(new))
            }
            ErrorAdded { error, .. } => write!(f, "error {} added", code(error)),
            ErrorRemoved { error, .. } => write!(f, "error {} removed", code(error)),
            PaginatorAdded => f.write_str("paginator added"),
            PaginatorRemoved => f.write_str("paginator removed"),
            PaginatorChanged { field, old, new } => {
                write!(
                    f,
                    "paginator {field} changed from {} to {}",
                    code(old),
                    code(new)
                )
            }
            WaiterAdded(w) => write!(f, "waiter {} added", code(w)),
            WaiterRemoved(w) => write!(f, "waiter {} removed", code(w)),
            WaiterTimingChanged { waiter, old, new } => {
                write!(
                    f,
                    "waiter {} timing changed from {old} to {new}",
                    code(waiter)
                )
            }
            WaiterAcceptorsChanged(w) => write!(f, "waiter {} acceptors changed", code(w)),
            ShapeAdded { kind } => write!(f, "{kind} added"),
            ShapeRemoved { kind, .. } => write!(f, "{kind} removed"),
            KindChanged { old, new } => write!(f, "kind changed from {old} to {new}"),
            EnumValueAdded(v) => write!(f, "enum value {} added", code(v)),
            EnumValueRemoved(v) => write!(f, "enum value {} removed", code(v)),
            EnumValueRenamed { value, old, new } => write!(
                f,
                "enum value {} renamed from {} to {}",
                code(value),
                code(old),
                code(new)
            ),
            MemberOrderChanged => f.write_str("member order changed"),
            ShapeXmlNameChanged { old, new } => {
                write!(f, "XML name changed from {} to {}", opt(old), opt(new))
            }
            MemberAdded { required, ty } => {
                let req = if *required { "required" } else { "optional" };
                write!(f, "member added ({req}, {})", code(ty))
            }
            MemberRemoved { ty } => write!(f, "member removed ({})", code(ty)),
            TypeChanged { old, new } => {
                write!(f, "type changed from {} to {}", code(old), code(new))
            }
            TargetChanged { old, new, ty, .. } => write!(
                f,
                "target changed from {} to {} (both {})",
                code(old),
                code(new),
                code(ty)
            ),
            RequiredAdded => f.write_str("became required"),
            RequiredRemoved => f.write_str("no longer required"),
            DefaultAdded(v) => write!(f, "default {} added", code(v)),
            DefaultRemoved(v) => write!(f, "default {} removed", code(v)),
            DefaultChanged { old, new } => {
                write!(f, "default changed from {} to {}", code(old), code(new))
            }
            QueryNameChanged { old, new } => {
                write!(
                    f,
                    "request name changed from {} to {}",
                    code(old),
                    code(new)
                )
            }
            XmlNameChanged { old, new } => {
                write!(
                    f,
                    "response element changed from {} to {}",
                    code(old),
                    code(new)
                )
            }
            WireNamesUnknown => f.write_str("wire name traits changed (protocol not supported)"),
            WireTraitChanged => {
                f.write_str("wire name traits changed, names on the wire unchanged")
            }
            XmlLayoutChanged(what) => write!(f, "{what} changed"),
            TimestampFormatChanged { old, new } => write!(
                f,
                "timestamp format changed from {} to {}",
                opt_str(old),
                opt_str(new)
            ),
            IdempotencyTokenChanged(b) => write!(f, "idempotency token {}", set(b)),
            HostLabelChanged(b) => write!(f, "host label {}", set(b)),
            SensitiveChanged(b) => write!(f, "sensitive {}", set(b)),
            ErrorTraitChanged => f.write_str("error trait changed"),
            DeprecationAdded => f.write_str("deprecated"),
            DeprecationRemoved => f.write_str("no longer deprecated"),
            DocsChanged(what) => write!(f, "{what} changed"),
        }
    }
}

/// Text in Markdown backticks (backticks inside are replaced).
pub(crate) fn code(text: &str) -> String {
    format!("`{}`", text.replace('`', "'"))
}
