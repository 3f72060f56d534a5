//! Source positions carried by model values, so that every problem can be reported as
//! `FILE:LINE:COL`.

use std::fmt;
use std::ops::Deref;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A 1-based line and column in the model file (0 when unknown).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
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
#[derive(Debug, Clone)]
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

impl<'de, T: Deserialize<'de>> Deserialize<'de> for At<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
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
