//! Source positions carried by model values, so that every problem can be reported as
//! `FILE:LINE:COL`.

use std::fmt;
use std::ops::Deref;

use serde::de::{self, SeqAccess, Visitor};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A 1-based line and column in the model file (0 when unknown).
#[derive(
    Debug,
    Clone,
    Copy,
    Default,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    rkyv::Archive,
    rkyv::Serialize,
    rkyv::Deserialize,
)]
pub struct Pos {
    pub line: u32,
    pub col: u32,
}

impl Pos {
    pub const UNKNOWN: Pos = Pos { line: 0, col: 0 };

    pub fn is_known(self) -> bool {
        self.line > 0
    }
}

impl fmt::Display for Pos {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.line, self.col)
    }
}

/// A value together with where it was written.
///
/// Compared and hashed by value only: two ids are the same id wherever they were written.
#[derive(Debug, Clone, rkyv::Archive, rkyv::Serialize, rkyv::Deserialize)]
pub struct At<T> {
    pub value: T,
    pub pos: Pos,
}

impl<T> At<T> {
    pub fn new(value: T, pos: Pos) -> Self {
        At { value, pos }
    }
}

impl<T> Deref for At<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.value
    }
}

impl<T: PartialEq> PartialEq for At<T> {
    fn eq(&self, other: &Self) -> bool {
        self.value == other.value
    }
}

impl<T: fmt::Display> fmt::Display for At<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.value.fmt(f)
    }
}

/// The newtype name under which `At<T>` asks a deserializer for its value's position.
///
/// The protocol: a deserializer that knows this name (the loader's fast YAML reader) answers
/// with `visit_seq` of two elements, the node's position packed as a `u64` (the 1-based line in
/// the high 32 bits, the 1-based column in the low ones), then the node itself. Any other
/// deserializer takes it for an ordinary newtype and calls `visit_newtype_struct`, and the
/// value is read through `serde_saphyr::Spanned` (serde-saphyr fills in the location; serde_json
/// and the rest read the bare value, with no position), exactly as without the protocol.
pub const POSITIONED: &str = "__orgtree_positioned";

impl<'de, T: Deserialize<'de>> Deserialize<'de> for At<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_newtype_struct(POSITIONED, AtVisitor(std::marker::PhantomData))
    }
}

struct AtVisitor<T>(std::marker::PhantomData<T>);

impl<'de, T: Deserialize<'de>> Visitor<'de> for AtVisitor<T> {
    type Value = At<T>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a value")
    }

    fn visit_newtype_struct<D: Deserializer<'de>>(
        self,
        deserializer: D,
    ) -> Result<At<T>, D::Error> {
        // The YAML deserializer recognises its `Spanned` wrapper and fills in the node's
        // location; this is the only place outside `load` that knows which YAML library we use.
        let spanned = serde_saphyr::Spanned::<T>::deserialize(deserializer)?;
        let loc = spanned.referenced;
        let line = u32::try_from(loc.line()).unwrap_or(u32::MAX);
        let pos = Pos {
            line: line.saturating_add(LINE_BASE.get()),
            col: u32::try_from(loc.column()).unwrap_or(u32::MAX),
        };
        Ok(At::new(spanned.value, pos))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<At<T>, A::Error> {
        let packed: u64 = seq
            .next_element()?
            .ok_or_else(|| de::Error::invalid_length(0, &self))?;
        let value: T = seq
            .next_element()?
            .ok_or_else(|| de::Error::invalid_length(1, &self))?;
        let line = u32::try_from(packed >> 32).unwrap_or(u32::MAX);
        let pos = Pos {
            line: line.saturating_add(LINE_BASE.get()),
            col: u32::try_from(packed & u64::from(u32::MAX)).unwrap_or(u32::MAX),
        };
        Ok(At::new(value, pos))
    }
}

thread_local! {
    /// Lines before the text being deserialized, added to every position read. The loader
    /// sets it while it reads one item of a file on its own (see `load::recover`), so that the
    /// item's values say where they are in the whole file.
    static LINE_BASE: std::cell::Cell<u32> = const { std::cell::Cell::new(0) };
}

/// Runs `read` with `lines` added to the line of every position deserialized meanwhile on this
/// thread; the previous base is restored afterwards, even if `read` unwinds.
pub fn with_line_base<R>(lines: u32, read: impl FnOnce() -> R) -> R {
    struct Restore(u32);
    impl Drop for Restore {
        fn drop(&mut self) {
            LINE_BASE.set(self.0);
        }
    }
    let _restore = Restore(LINE_BASE.replace(lines));
    read()
}

impl<T: Serialize> Serialize for At<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.value.serialize(serializer)
    }
}

/// In the schema, a value is described by what it holds: positions are the parser's business.
impl<T: schemars::JsonSchema> schemars::JsonSchema for At<T> {
    fn inline_schema() -> bool {
        T::inline_schema()
    }

    fn schema_name() -> std::borrow::Cow<'static, str> {
        T::schema_name()
    }

    fn schema_id() -> std::borrow::Cow<'static, str> {
        T::schema_id()
    }

    fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        T::json_schema(generator)
    }
}
