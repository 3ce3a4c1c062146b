//! The rules every name follows: case conversion, the names each
//! container of the generated API declares itself, the one suffix rule for
//! a model name that hits a keyword or one of those, and the scopes that
//! catch the collisions no rule can avoid.

use std::collections::BTreeMap;

use heck::{ToSnakeCase, ToUpperCamelCase};

use crate::render::ident::{is_identifier, is_keyword};
use crate::{Error, Result};

/// Names a container of the generated API declares itself, which no name
/// taken from the model may have.
#[derive(Debug, Clone, Copy)]
pub struct Reserved<'a> {
    /// The container, for documentation and errors.
    pub container: &'a str,
    /// Names the container declares once.
    pub names: &'a [&'a str],
    /// Prefixes of names the container declares per member or per waiter.
    pub prefixes: &'a [&'a str],
}

impl Reserved<'_> {
    /// True if `name` is one of the reserved names or has a reserved prefix.
    pub fn hits(&self, name: &str) -> bool {
        self.names.contains(&name) || self.prefixes.iter().any(|p| name.starts_with(p))
    }
}

/// A structure's builder: `build()` and one `set_*` per member.
pub const STRUCT_BUILDER: Reserved<'static> = Reserved {
    container: "a structure's builder",
    names: &["build"],
    prefixes: &["set_"],
};

/// A structure: `builder()`, beside one getter per member.
pub const STRUCTURE: Reserved<'static> = Reserved {
    container: "a structure",
    names: &["builder"],
    prefixes: &[],
};

/// An operation's fluent builder, which is its input's builder: `send()`,
/// `send_streaming()`, `into_paginator()`, one `wait_until_*` per waiter,
/// one `set_*` per input member, the `send_for_*` methods of operations
/// that return a resource, and its `client` field. Reserved on every
/// fluent builder, paginated or not, so that a paginator, waiter or
/// resource added to the model renames nothing. (`as_input` is the method
/// of earlier versions, kept reserved so that no member takes its name.)
pub const FLUENT_BUILDER: Reserved<'static> = Reserved {
    container: "an operation's fluent builder",
    names: &[
        "send",
        "send_streaming",
        "as_input",
        "into_paginator",
        "client",
    ],
    prefixes: &["set_", "wait_until_", "send_for_"],
};

/// A boto3-style resource: its client, data and loading methods, and one
/// `wait_until_*` per waiter (besides its identifiers, attributes and
/// actions, named from the model).
pub const RESOURCE: Reserved<'static> = Reserved {
    container: "a resource",
    names: &[
        "client",
        "data",
        "load",
        "reload",
        "get_available_subresources",
    ],
    prefixes: &["wait_until_"],
};

/// The client: its constructors, `builder()` and `config()` (and one
/// constructor per resource, given when naming).
pub const CLIENT: Reserved<'static> = Reserved {
    container: "the client",
    names: &["new", "builder", "from_env", "config"],
    prefixes: &[],
};

/// A string or int enum: the variant holding unknown values, and the
/// associated items `VALUES`, `as_str()` and `value()`.
pub const ENUM: Reserved<'static> = Reserved {
    container: "an enum",
    names: &["Unknown", "VALUES", "as_str", "value"],
    prefixes: &[],
};

/// A union: the variant holding members this crate does not know.
pub const UNION: Reserved<'static> = Reserved {
    container: "a union",
    names: &["Unknown"],
    prefixes: &[],
};

/// The deserializer module: the error document parser it re-exports and
/// the module of error parsers.
pub const DESERIALIZE_MODULE: Reserved<'static> = Reserved {
    container: "the deserializer module",
    names: &["parse_error", "errors"],
    prefixes: &[],
};

/// `snake_case` of a model name, as is (the base of names that add a
/// prefix: `set_type`, `wait_until_image_available`, `de_image`).
pub fn snake_case(text: &str) -> String {
    text.to_snake_case()
}

/// `UpperCamelCase` of a model name, as is (the base of names that add a
/// suffix: `DescribeImagesFluentBuilder`).
pub fn camel_case(text: &str) -> String {
    text.to_upper_camel_case()
}

/// `snake_case` of a model name, with `v` put before a leading digit
/// (`3d` -> `v3d`) and `_` appended if it is a keyword or hits a reserved
/// name (`type` -> `type_`, `send` -> `send_`).
pub fn snake(text: &str, reserved: &[&Reserved<'_>]) -> String {
    let mut name = snake_case(text);
    if name.starts_with(|c: char| c.is_ascii_digit()) {
        name.insert(0, 'v');
    }
    if is_keyword(&name) || reserved.iter().any(|r| r.hits(&name)) {
        name.push('_');
    }
    name
}

/// The `set_*` setter of a member: `set_` and the plain `snake_case` name
/// (`set_type`, `set_send`), which no keyword or member can have.
pub fn setter(member: &str) -> String {
    format!("set_{}", snake_case(member))
}

/// The setter of a list member from any iterator: its `set_*` setter and
/// `_from` (`set_image_ids_from`), in the `set_*` names no member's field
/// can have.
pub fn from_setter(setter: &str) -> String {
    format!("{setter}_from")
}

/// The fluent builder's method of a waiter (`wait_until_image_available`).
pub fn waiter_method(waiter: &str) -> String {
    format!("wait_until_{}", snake_case(waiter))
}

/// The constant of a waiter in the `waiters` module (`IMAGE_AVAILABLE`).
pub fn waiter_const(waiter: &str) -> String {
    heck::ToShoutySnakeCase::to_shouty_snake_case(waiter)
}

/// The `send_for_*` method of the fluent builder of an operation that
/// returns `resource` (`send_for_image`), or a list of them
/// (`send_for_images`).
pub fn send_for(resource: &str, many: bool) -> String {
    let mut name = format!("send_for_{}", snake_case(resource));
    if many {
        name.push_str(if name.ends_with('s') { "es" } else { "s" });
    }
    name
}

/// `UpperCamelCase` of a model name, with `V` put before a leading digit
/// (`2xlarge` -> `V2xlarge`) and `Value` appended if it is a keyword or hits
/// a reserved name (`Self` -> `SelfValue`, `Unknown` -> `UnknownValue`).
pub fn camel(text: &str, reserved: &[&Reserved<'_>]) -> String {
    let mut name = camel_case(text);
    if name.starts_with(|c: char| c.is_ascii_digit()) {
        name.insert(0, 'V');
    }
    if is_keyword(&name) || reserved.iter().any(|r| r.hits(&name)) {
        name.push_str("Value");
    }
    name
}

/// Checks that a name is an identifier, or fails naming the place.
pub fn checked(name: String, place: impl FnOnce() -> String) -> Result<String> {
    if is_identifier(&name) && !is_keyword(&name) {
        Ok(name)
    } else {
        Err(Error::new(format!(
            "the model name gives `{name}`, which is not a Rust identifier"
        ))
        .at(place()))
    }
}

/// One namespace of the generated code (a type's methods, a module's
/// items): every name declared once, with its owner for error messages.
#[derive(Debug, Default)]
pub struct Scope {
    owners: BTreeMap<String, String>,
}

impl Scope {
    /// A scope holding the reserved names of containers.
    pub fn with(containers: &[&Reserved<'_>]) -> Scope {
        let mut scope = Scope::default();
        for reserved in containers {
            for name in reserved.names {
                let owner = format!("the `{name}` of {}", reserved.container);
                scope.owners.entry(name.to_string()).or_insert(owner);
            }
        }
        scope
    }

    /// True if no one has declared `name`.
    pub fn is_free(&self, name: &str) -> bool {
        !self.owners.contains_key(name)
    }

    /// Declares `name` for `owner` (`member ImageId`), or fails at `place`
    /// naming the owner that has it already.
    pub fn declare(
        &mut self,
        name: &str,
        owner: String,
        place: impl FnOnce() -> String,
    ) -> Result<()> {
        match self.owners.get(name) {
            Some(other) => Err(Error::new(format!(
                "its Rust name `{name}` collides with {other}; rename one of them in the model"
            ))
            .at(place())),
            None => {
                self.owners.insert(name.to_string(), owner);
                Ok(())
            }
        }
    }
}
