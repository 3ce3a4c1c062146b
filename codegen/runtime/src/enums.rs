//! Support for the generated string enums.

use std::fmt;

/// An enum value this version of the crate does not know.
///
/// The service may add values at any time; they are kept here unchanged, so
/// they round-trip. The type is opaque on purpose: code that needs a value
/// should wait for the variant that a newer model brings, rather than match
/// on a string that would silently stop matching then.
///
/// It is one pointer: unknown values are rare, and so a generated enum is
/// two words instead of four (an `Option` of it too), in every structure
/// member of an enum type.
#[derive(Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct UnknownValue(Box<Value>);

/// The value of an [`UnknownValue`], behind its pointer.
#[derive(Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
struct Value(String);

impl UnknownValue {
    /// Keeps a value a generated enum does not list. For the generated
    /// parsers and `From<&str>` impls only: to make an enum value from a
    /// string, use the enum's `From<&str>`, which picks the known variant.
    #[doc(hidden)]
    pub fn from_wire(value: &str) -> Self {
        UnknownValue(Box::new(Value(value.to_owned())))
    }

    /// The value as sent by the service.
    pub fn as_str(&self) -> &str {
        &self.0 .0
    }
}

impl fmt::Debug for UnknownValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.as_str(), f)
    }
}

/// Implements the conversions every generated string enum has, from its
/// `as_str` and `From<&str>`: `Display`, `FromStr`, `From<String>`,
/// `AsRef<str>` and, with the `serde` feature, `Serialize`/`Deserialize` as
/// the wire string. Every function is `#[inline]`, as generated ones are:
/// compiled where used, not in the generated crate.
#[macro_export]
macro_rules! string_enum_impls {
    ($name:ident) => {
        impl ::std::str::FromStr for $name {
            type Err = ::std::convert::Infallible;
            #[inline]
            fn from_str(s: &str) -> ::std::result::Result<Self, Self::Err> {
                ::std::result::Result::Ok(Self::from(s))
            }
        }
        impl ::std::convert::From<::std::string::String> for $name {
            #[inline]
            fn from(s: ::std::string::String) -> Self {
                Self::from(s.as_str())
            }
        }
        impl ::std::convert::AsRef<str> for $name {
            #[inline]
            fn as_ref(&self) -> &str {
                self.as_str()
            }
        }
        impl ::std::fmt::Display for $name {
            #[inline]
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(self.as_str())
            }
        }
        #[cfg(feature = "serde")]
        impl ::serde::Serialize for $name {
            #[inline]
            fn serialize<S: ::serde::Serializer>(
                &self,
                serializer: S,
            ) -> ::std::result::Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }
        #[cfg(feature = "serde")]
        impl<'de> ::serde::Deserialize<'de> for $name {
            #[inline]
            fn deserialize<D: ::serde::Deserializer<'de>>(
                deserializer: D,
            ) -> ::std::result::Result<Self, D::Error> {
                let s = <::std::string::String as ::serde::Deserialize>::deserialize(deserializer)?;
                ::std::result::Result::Ok(Self::from(s))
            }
        }
    };
}
pub use crate::string_enum_impls;
