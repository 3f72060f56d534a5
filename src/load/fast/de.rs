//! The fast reader's serde `Deserializer`: each method reads the events of one node, and takes
//! only what serde-saphyr would read the same way (see `scalar` for scalars). Containers are
//! read to their end, keys are checked for duplicates as serde-saphyr checks them, and a value
//! of `At<T>` gets its node's position through the [`POSITIONED`] protocol.

use std::borrow::Cow;
use std::collections::HashSet;

use serde::de::value::U64Deserializer;
use serde::de::{self, DeserializeSeed, Visitor};

use super::GiveUp;
use super::events::{Ev, Events};
use super::scalar::{self, Untyped};
use crate::model::pos::POSITIONED;

/// Keys of one mapping checked one by one up to this many, then through a set.
const LINEAR_KEYS: usize = 32;

pub(super) struct Reader<'de> {
    events: Events<'de>,
    depth: usize,
    /// The keys of the mappings being read, innermost last (each mapping truncates it back).
    keys: Vec<Cow<'de, str>>,
}

impl<'de> Reader<'de> {
    pub(super) fn new(events: Events<'de>) -> Self {
        Reader {
            events,
            depth: 0,
            keys: Vec::new(),
        }
    }

    pub(super) fn finish(&mut self) -> Result<(), GiveUp> {
        self.events.finish()
    }

    fn scalar(&mut self) -> Result<(Cow<'de, str>, bool), GiveUp> {
        match self.events.next()? {
            Ev::Scalar { value, plain, .. } => Ok((value, plain)),
            _ => Err(GiveUp::Shape),
        }
    }

    fn enter(&mut self) -> Result<(), GiveUp> {
        self.depth += 1;
        if self.depth > self.events.max_depth() {
            return Err(GiveUp::Depth);
        }
        Ok(())
    }
}

/// Text as the parser gave it: borrowed from the file where it could be.
fn visit_text<'de, V: Visitor<'de>>(value: Cow<'de, str>, visitor: V) -> Result<V::Value, GiveUp> {
    match value {
        Cow::Borrowed(s) => visitor.visit_borrowed_str(s),
        Cow::Owned(s) => visitor.visit_string(s),
    }
}

/// The methods of what a model never holds (integers, chars, bytes, enums, …): left to the full
/// reader, rather than guessed at.
macro_rules! give_up {
    ($($method:ident ($($arg:ident: $ty:ty),*)),* $(,)?) => {
        $(
            fn $method<V: Visitor<'de>>(self, $($arg: $ty,)* _: V) -> Result<V::Value, GiveUp> {
                $(let _ = $arg;)*
                Err(GiveUp::Shape)
            }
        )*
    };
}

impl<'de> de::Deserializer<'de> for &mut Reader<'de> {
    type Error = GiveUp;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, GiveUp> {
        match self.events.peek()? {
            Ev::SeqStart(_) => return self.deserialize_seq(visitor),
            Ev::MapStart(_) => return self.deserialize_map(visitor),
            Ev::Scalar { .. } => {}
            _ => return Err(GiveUp::Shape),
        }
        let (value, plain) = self.scalar()?;
        match scalar::untyped(&value, plain)? {
            Untyped::Text => visit_text(value, visitor),
            Untyped::Unsigned(n) => visitor.visit_u64(n),
        }
    }

    fn deserialize_bool<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, GiveUp> {
        let (value, plain) = self.scalar()?;
        visitor.visit_bool(scalar::boolean(&value, plain)?)
    }

    fn deserialize_f64<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, GiveUp> {
        let (value, plain) = self.scalar()?;
        visitor.visit_f64(scalar::float(&value, plain)?)
    }

    fn deserialize_str<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, GiveUp> {
        let (value, plain) = self.scalar()?;
        scalar::text(&value, plain)?;
        visit_text(value, visitor)
    }

    fn deserialize_string<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, GiveUp> {
        self.deserialize_str(visitor)
    }

    fn deserialize_identifier<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, GiveUp> {
        self.deserialize_str(visitor)
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, GiveUp> {
        match self.events.peek()? {
            Ev::Scalar { value, plain, .. } if scalar::is_null(value, *plain) => {
                self.events.next()?;
                visitor.visit_none()
            }
            Ev::SeqEnd | Ev::MapEnd => visitor.visit_none(),
            _ => visitor.visit_some(self),
        }
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        visitor: V,
    ) -> Result<V::Value, GiveUp> {
        if name != POSITIONED {
            return visitor.visit_newtype_struct(self);
        }
        let at = match self.events.peek()? {
            Ev::Scalar { at, .. } | Ev::SeqStart(at) | Ev::MapStart(at) => *at,
            _ => return Err(GiveUp::Shape),
        };
        let mut positioned = Positioned {
            reader: self,
            at: Some(at),
            value_read: false,
        };
        let value = visitor.visit_seq(&mut positioned)?;
        if !positioned.value_read {
            return Err(GiveUp::Shape);
        }
        Ok(value)
    }

    fn deserialize_seq<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, GiveUp> {
        let Ev::SeqStart(_) = self.events.next()? else {
            return Err(GiveUp::Shape);
        };
        self.enter()?;
        let mut seq = Seq {
            reader: self,
            done: false,
        };
        let value = visitor.visit_seq(&mut seq)?;
        if !seq.done {
            return Err(GiveUp::Shape);
        }
        self.depth -= 1;
        Ok(value)
    }

    fn deserialize_map<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, GiveUp> {
        let Ev::MapStart(_) = self.events.next()? else {
            return Err(GiveUp::Shape);
        };
        self.enter()?;
        let base = self.keys.len();
        let mut map = Map {
            reader: self,
            base,
            set: None,
            integer_key: false,
            done: false,
        };
        let value = visitor.visit_map(&mut map)?;
        if !map.done {
            return Err(GiveUp::Shape);
        }
        self.keys.truncate(base);
        self.depth -= 1;
        Ok(value)
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _: &'static str,
        _: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, GiveUp> {
        self.deserialize_map(visitor)
    }

    give_up! {
        deserialize_i8(), deserialize_i16(), deserialize_i32(), deserialize_i64(),
        deserialize_i128(), deserialize_u8(), deserialize_u16(), deserialize_u32(),
        deserialize_u64(), deserialize_u128(), deserialize_f32(), deserialize_char(),
        deserialize_bytes(), deserialize_byte_buf(), deserialize_unit(), deserialize_ignored_any(),
        deserialize_unit_struct(name: &'static str),
        deserialize_tuple(len: usize),
        deserialize_tuple_struct(name: &'static str, len: usize),
        deserialize_enum(name: &'static str, variants: &'static [&'static str]),
    }
}

/// The items of a sequence.
struct Seq<'a, 'de> {
    reader: &'a mut Reader<'de>,
    done: bool,
}

impl<'de> de::SeqAccess<'de> for Seq<'_, 'de> {
    type Error = GiveUp;

    fn next_element_seed<T: DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, GiveUp> {
        if self.done {
            return Ok(None);
        }
        if let Ev::SeqEnd = self.reader.events.peek()? {
            self.reader.events.next()?;
            self.done = true;
            return Ok(None);
        }
        seed.deserialize(&mut *self.reader).map(Some)
    }
}

/// The entries of a mapping, whose keys must be scalars, none given twice.
struct Map<'a, 'de> {
    reader: &'a mut Reader<'de>,
    /// Where this mapping's keys start in `reader.keys`.
    base: usize,
    /// This mapping's keys, once there are too many to compare one by one.
    set: Option<HashSet<Cow<'de, str>>>,
    /// Whether a key that may read as an integer was seen: serde-saphyr compares those by
    /// value (`0x1` is `1`), so a second one is left to it.
    integer_key: bool,
    done: bool,
}

impl<'de> Map<'_, 'de> {
    /// Notes `key`; whether it was new.
    fn first_time(&mut self, key: Cow<'de, str>) -> bool {
        if let Some(set) = &mut self.set {
            return set.insert(key);
        }
        let keys = &mut self.reader.keys;
        if keys[self.base..].contains(&key) {
            return false;
        }
        keys.push(key);
        if keys.len() - self.base > LINEAR_KEYS {
            self.set = Some(keys.drain(self.base..).collect());
        }
        true
    }
}

/// Whether a plain key may be an integer to serde-saphyr (`1`, `-2`, `0x1F`, `1_0`).
fn may_be_integer(key: &str) -> bool {
    let unsigned = key.strip_prefix(['+', '-']).unwrap_or(key);
    unsigned.as_bytes().first().is_some_and(u8::is_ascii_digit)
}

impl<'de> de::MapAccess<'de> for Map<'_, 'de> {
    type Error = GiveUp;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, GiveUp> {
        if self.done {
            return Ok(None);
        }
        let (key, plain) = match self.reader.events.peek()? {
            Ev::MapEnd => {
                self.reader.events.next()?;
                self.done = true;
                return Ok(None);
            }
            Ev::Scalar { value, plain, .. } => (value.clone(), *plain),
            _ => return Err(GiveUp::Shape),
        };
        if plain && key == "<<" {
            return Err(GiveUp::MergeKey);
        }
        if plain && may_be_integer(&key) {
            if self.integer_key {
                return Err(GiveUp::DuplicateKey);
            }
            self.integer_key = true;
        }
        if !self.first_time(key) {
            return Err(GiveUp::DuplicateKey);
        }
        seed.deserialize(&mut *self.reader).map(Some)
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, GiveUp> {
        seed.deserialize(&mut *self.reader)
    }
}

/// The two elements `At<T>` asks for under [`POSITIONED`]: the node's packed position, then
/// the node.
struct Positioned<'a, 'de> {
    reader: &'a mut Reader<'de>,
    at: Option<u64>,
    value_read: bool,
}

impl<'de> de::SeqAccess<'de> for Positioned<'_, 'de> {
    type Error = GiveUp;

    fn next_element_seed<T: DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, GiveUp> {
        if let Some(at) = self.at.take() {
            return seed.deserialize(U64Deserializer::new(at)).map(Some);
        }
        if self.value_read {
            return Ok(None);
        }
        self.value_read = true;
        seed.deserialize(&mut *self.reader).map(Some)
    }
}
