//! `Serialize` and `Deserialize` of a generated type through its mirror.
//!
//! A generated crate's `serde` feature derives serde's `remote` impls on a
//! private mirror of each structure and union (its `types/serde_impls.rs`),
//! with boto3's field names, and implements the two traits on the public
//! type by calling them: the same two impls for every type, written here
//! once instead of in every crate for every type.

/// Implements `Serialize` and `Deserialize` for the calling crate's
/// `crate::types::$name` by calling the remote derive
/// (`#[serde(remote = "...")]`) of the mirror `$name` in scope where it is
/// called. `crate` is the caller's on purpose: only generated crates call
/// this, and they all keep their types in `types`. The mirror is called
/// through `self::`, so that a type named `S` or `D` is not taken for the
/// impls' type parameters. The caller depends on `serde` by that name.
#[doc(hidden)]
#[macro_export]
#[allow(clippy::crate_in_macro_def)]
macro_rules! serde_remote {
    ($name:ident) => {
        impl ::serde::Serialize for crate::types::$name {
            #[inline]
            fn serialize<S: ::serde::Serializer>(
                &self,
                serializer: S,
            ) -> ::std::result::Result<S::Ok, S::Error> {
                self::$name::serialize(self, serializer)
            }
        }

        impl<'de> ::serde::Deserialize<'de> for crate::types::$name {
            #[inline]
            fn deserialize<D: ::serde::Deserializer<'de>>(
                deserializer: D,
            ) -> ::std::result::Result<Self, D::Error> {
                self::$name::deserialize(deserializer)
            }
        }
    };
}
