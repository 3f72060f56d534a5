//! YAML text in which no string carries an unsafe character (see [`crate::sanitize`]) raw: each
//! string that has one is written as a double-quoted scalar with `\uXXXX` escapes, so the file
//! shows nothing invisible and reads back as the same strings.
//!
//! The YAML library escapes only control characters, and picks each scalar's style itself, so
//! such a string cannot simply be escaped in its output (a plain or single-quoted scalar has no
//! escapes). Instead every string goes through [`Escaping`] on its way to the library: one that
//! needs escapes is replaced by a placeholder token, a plain scalar the library writes as it
//! is, and each token in the library's text is then replaced by the string, double-quoted and
//! escaped here. The tokens carry a random nonce, and the text is checked to hold each token
//! exactly once; nothing unsafe is written whatever the library does.

use std::cell::RefCell;
use std::fmt::Write as _;
use std::hash::{BuildHasher, RandomState};

use serde::ser::{
    Serialize, SerializeMap, SerializeSeq, SerializeStruct, SerializeStructVariant, SerializeTuple,
    SerializeTupleStruct, SerializeTupleVariant, Serializer,
};

use crate::sanitize::is_unsafe;

/// Writes `value` as YAML, every string with an unsafe character escaped.
pub fn to_string<T: Serialize>(value: &T) -> Result<String, String> {
    // A token that a string of the model happens to contain is found by the count below;
    // another nonce is then tried. Ten collisions in a row mean someone is guessing.
    for _ in 0..10 {
        let tokens = Tokens::new(RandomState::new().hash_one(0_u8));
        let text = serde_saphyr::to_string(&Escaping {
            value,
            tokens: &tokens,
        })
        .map_err(|e| e.to_string())?;
        if let Some(text) = tokens.replace_in(&text) {
            return match text.chars().find(|&c| c != '\n' && is_unsafe(c)) {
                None => Ok(text),
                Some(c) => Err(format!("U+{:04X} would be written raw", u32::from(c))),
            };
        }
    }
    Err("the placeholder tokens kept colliding with the model's text".into())
}

/// Whether a string must be written double-quoted with escapes. Line breaks alone are left to
/// the library, which writes such text as a readable block scalar.
fn needs_escapes(text: &str) -> bool {
    text.chars().any(|c| c != '\n' && is_unsafe(c))
}

/// `text` as a YAML double-quoted scalar: quotes and backslashes escaped, tabs and line breaks
/// by name, every other unsafe character as `\uXXXX` (or `\UXXXXXXXX` past the BMP).
fn double_quoted(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    out.push('"');
    for c in text.chars() {
        // Writing to a String cannot fail.
        let _ = match c {
            '"' => out.write_str("\\\""),
            '\\' => out.write_str("\\\\"),
            '\n' => out.write_str("\\n"),
            '\t' => out.write_str("\\t"),
            c if is_unsafe(c) && u32::from(c) <= 0xFFFF => write!(out, "\\u{:04X}", u32::from(c)),
            c if is_unsafe(c) => write!(out, "\\U{:08X}", u32::from(c)),
            c => out.write_char(c),
        };
    }
    out.push('"');
    out
}

/// The strings replaced by tokens, in the order the library was given them.
struct Tokens {
    prefix: String,
    strings: RefCell<Vec<String>>,
}

impl Tokens {
    fn new(nonce: u64) -> Self {
        Tokens {
            prefix: format!("orgtree-escaped-{nonce:016x}-"),
            strings: RefCell::new(Vec::new()),
        }
    }

    /// The token standing for `text`, when it needs escapes.
    fn token_for(&self, text: &str) -> Option<String> {
        if !needs_escapes(text) {
            return None;
        }
        let mut strings = self.strings.borrow_mut();
        strings.push(text.to_owned());
        Some(format!("{}{}", self.prefix, strings.len() - 1))
    }

    /// `text` with each token replaced by its string, double-quoted; `None` when the tokens
    /// found are not exactly those given out, once each.
    fn replace_in(&self, text: &str) -> Option<String> {
        let strings = self.strings.borrow();
        let mut seen = vec![false; strings.len()];
        let mut out = String::with_capacity(text.len());
        let mut rest = text;
        while let Some(at) = rest.find(&self.prefix) {
            out.push_str(&rest[..at]);
            let after = &rest[at + self.prefix.len()..];
            let digits = after.bytes().take_while(u8::is_ascii_digit).count();
            let n: usize = after[..digits].parse().ok()?;
            if std::mem::replace(seen.get_mut(n)?, true) {
                return None;
            }
            out.push_str(&double_quoted(&strings[n]));
            rest = &after[digits..];
        }
        out.push_str(rest);
        seen.iter().all(|s| *s).then_some(out)
    }
}

/// A value on its way to the YAML library, its strings replaced by tokens where they need
/// escapes.
struct Escaping<'a, T: ?Sized> {
    value: &'a T,
    tokens: &'a Tokens,
}

impl<T: Serialize + ?Sized> Serialize for Escaping<'_, T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.value.serialize(Interceptor {
            inner: serializer,
            tokens: self.tokens,
        })
    }
}

/// The library's serializer, with every string going through [`Tokens::token_for`].
struct Interceptor<'a, S> {
    inner: S,
    tokens: &'a Tokens,
}

impl<'a, S> Interceptor<'a, S> {
    fn wrap<'v, T: ?Sized>(&self, value: &'v T) -> Escaping<'v, T>
    where
        'a: 'v,
    {
        Escaping {
            value,
            tokens: self.tokens,
        }
    }
}

/// Forwards the serializer methods that carry no string.
macro_rules! forward {
    ($($method:ident($ty:ty)),* $(,)?) => {
        $(fn $method(self, v: $ty) -> Result<S::Ok, S::Error> {
            self.inner.$method(v)
        })*
    };
}

impl<'a, S: Serializer> Serializer for Interceptor<'a, S> {
    type Ok = S::Ok;
    type Error = S::Error;
    type SerializeSeq = Compound<'a, S::SerializeSeq>;
    type SerializeTuple = Compound<'a, S::SerializeTuple>;
    type SerializeTupleStruct = Compound<'a, S::SerializeTupleStruct>;
    type SerializeTupleVariant = Compound<'a, S::SerializeTupleVariant>;
    type SerializeMap = Compound<'a, S::SerializeMap>;
    type SerializeStruct = Compound<'a, S::SerializeStruct>;
    type SerializeStructVariant = Compound<'a, S::SerializeStructVariant>;

    forward!(
        serialize_bool(bool),
        serialize_i8(i8),
        serialize_i16(i16),
        serialize_i32(i32),
        serialize_i64(i64),
        serialize_i128(i128),
        serialize_u8(u8),
        serialize_u16(u16),
        serialize_u32(u32),
        serialize_u64(u64),
        serialize_u128(u128),
        serialize_f32(f32),
        serialize_f64(f64),
        serialize_bytes(&[u8]),
        serialize_unit_struct(&'static str),
    );

    fn serialize_char(self, v: char) -> Result<S::Ok, S::Error> {
        let mut buf = [0; 4];
        self.serialize_str(v.encode_utf8(&mut buf))
    }

    fn serialize_str(self, v: &str) -> Result<S::Ok, S::Error> {
        match self.tokens.token_for(v) {
            Some(token) => self.inner.serialize_str(&token),
            None => self.inner.serialize_str(v),
        }
    }

    fn serialize_none(self) -> Result<S::Ok, S::Error> {
        self.inner.serialize_none()
    }

    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<S::Ok, S::Error> {
        let value = self.wrap(value);
        self.inner.serialize_some(&value)
    }

    fn serialize_unit(self) -> Result<S::Ok, S::Error> {
        self.inner.serialize_unit()
    }

    fn serialize_unit_variant(
        self,
        name: &'static str,
        index: u32,
        variant: &'static str,
    ) -> Result<S::Ok, S::Error> {
        self.inner.serialize_unit_variant(name, index, variant)
    }

    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        name: &'static str,
        value: &T,
    ) -> Result<S::Ok, S::Error> {
        let value = self.wrap(value);
        self.inner.serialize_newtype_struct(name, &value)
    }

    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        name: &'static str,
        index: u32,
        variant: &'static str,
        value: &T,
    ) -> Result<S::Ok, S::Error> {
        let value = self.wrap(value);
        self.inner
            .serialize_newtype_variant(name, index, variant, &value)
    }

    fn serialize_seq(self, len: Option<usize>) -> Result<Self::SerializeSeq, S::Error> {
        let tokens = self.tokens;
        let inner = self.inner.serialize_seq(len)?;
        Ok(Compound { inner, tokens })
    }

    fn serialize_tuple(self, len: usize) -> Result<Self::SerializeTuple, S::Error> {
        let tokens = self.tokens;
        let inner = self.inner.serialize_tuple(len)?;
        Ok(Compound { inner, tokens })
    }

    fn serialize_tuple_struct(
        self,
        name: &'static str,
        len: usize,
    ) -> Result<Self::SerializeTupleStruct, S::Error> {
        let tokens = self.tokens;
        let inner = self.inner.serialize_tuple_struct(name, len)?;
        Ok(Compound { inner, tokens })
    }

    fn serialize_tuple_variant(
        self,
        name: &'static str,
        index: u32,
        variant: &'static str,
        len: usize,
    ) -> Result<Self::SerializeTupleVariant, S::Error> {
        let tokens = self.tokens;
        let inner = self
            .inner
            .serialize_tuple_variant(name, index, variant, len)?;
        Ok(Compound { inner, tokens })
    }

    fn serialize_map(self, len: Option<usize>) -> Result<Self::SerializeMap, S::Error> {
        let tokens = self.tokens;
        let inner = self.inner.serialize_map(len)?;
        Ok(Compound { inner, tokens })
    }

    fn serialize_struct(
        self,
        name: &'static str,
        len: usize,
    ) -> Result<Self::SerializeStruct, S::Error> {
        let tokens = self.tokens;
        let inner = self.inner.serialize_struct(name, len)?;
        Ok(Compound { inner, tokens })
    }

    fn serialize_struct_variant(
        self,
        name: &'static str,
        index: u32,
        variant: &'static str,
        len: usize,
    ) -> Result<Self::SerializeStructVariant, S::Error> {
        let tokens = self.tokens;
        let inner = self
            .inner
            .serialize_struct_variant(name, index, variant, len)?;
        Ok(Compound { inner, tokens })
    }

    fn is_human_readable(&self) -> bool {
        self.inner.is_human_readable()
    }
}

/// One of the library's compound serializers, its elements going through [`Escaping`].
struct Compound<'a, C> {
    inner: C,
    tokens: &'a Tokens,
}

/// Implements a compound serializer trait whose element methods take one value.
macro_rules! compound {
    ($trait:ident: $($method:ident($($key:ident: $key_ty:ty),*)),*) => {
        impl<C: $trait> $trait for Compound<'_, C> {
            type Ok = C::Ok;
            type Error = C::Error;
            $(fn $method<T: Serialize + ?Sized>(
                &mut self,
                $($key: $key_ty,)*
                value: &T,
            ) -> Result<(), C::Error> {
                let tokens = self.tokens;
                self.inner.$method($($key,)* &Escaping { value, tokens })
            })*
            fn end(self) -> Result<C::Ok, C::Error> {
                self.inner.end()
            }
        }
    };
}

compound!(SerializeSeq: serialize_element());
compound!(SerializeTuple: serialize_element());
compound!(SerializeTupleStruct: serialize_field());
compound!(SerializeTupleVariant: serialize_field());
compound!(SerializeMap: serialize_key(), serialize_value());
compound!(SerializeStruct: serialize_field(key: &'static str));
compound!(SerializeStructVariant: serialize_field(key: &'static str));
