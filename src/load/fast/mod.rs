//! The lean YAML reader: a thin serde `Deserializer` straight over granit-parser's events (the
//! parser serde-saphyr itself runs on), for the plain YAML nearly every model is. It reads
//! borrowed text, passes positions to [`crate::model::At`] and counts its budgets, and gives up
//! — it never reports anything — on whatever it does not read exactly as serde-saphyr would:
//! anchors, aliases, merge keys, tags, more than one document, a duplicate key, a
//! scalar whose type it does not decide (`scalar`), and every error, of syntax, of type, of a
//! missing or unknown field, or of a budget. `yaml::read` then reads the text again with
//! serde-saphyr, which keeps the exact diagnostics and the hostile-input behaviour.
//!
//! That it reads the same as serde-saphyr where it does not give up is what the differential
//! tests check (`load::differential`, on generated models, every fixture, and in the fuzz
//! target).

mod de;
mod events;
mod scalar;

use std::fmt;

use serde::de::DeserializeSeed;

pub(super) use events::Limits;

/// Why the fast reader left a text to the full one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GiveUp {
    /// The parser stopped: the text is not YAML (or not only one document of it).
    Syntax,
    Anchor,
    Alias,
    MergeKey,
    Tag,
    /// More than one document.
    Documents,
    /// Nested deeper than the loader's limit.
    Depth,
    /// More events, nodes or scalar bytes than the budget.
    Budget,
    /// A key given twice in a mapping, or two keys that may be the same integer.
    DuplicateKey,
    /// A scalar the fast reader does not decide, or that is not what its field takes.
    Value,
    /// A node of another shape than its field takes (a list for a text, …).
    Shape,
    UnknownField,
    MissingField,
    /// Any other error the model's types raise.
    Other,
}

impl fmt::Display for GiveUp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "the fast YAML reader gave up: {self:?}")
    }
}

impl std::error::Error for GiveUp {}

impl serde::de::Error for GiveUp {
    fn custom<M: fmt::Display>(_: M) -> Self {
        GiveUp::Other
    }

    fn invalid_type(_: serde::de::Unexpected<'_>, _: &dyn serde::de::Expected) -> Self {
        GiveUp::Value
    }

    fn invalid_value(_: serde::de::Unexpected<'_>, _: &dyn serde::de::Expected) -> Self {
        GiveUp::Value
    }

    fn unknown_field(_: &str, _: &'static [&'static str]) -> Self {
        GiveUp::UnknownField
    }

    fn missing_field(_: &'static str) -> Self {
        GiveUp::MissingField
    }

    fn duplicate_field(_: &'static str) -> Self {
        GiveUp::DuplicateKey
    }
}

/// Reads `text` as one YAML document, into what `seed` makes of it (a `PhantomData<T>` for a
/// `T`), or says why it leaves it to serde-saphyr. Positions are the text's own; `At` adds the
/// thread's line base, as it does for serde-saphyr.
pub(super) fn read_seed<'de, S: DeserializeSeed<'de>>(
    text: &'de str,
    seed: S,
    options: granit_parser::Options,
    limits: Limits,
) -> Result<S::Value, GiveUp> {
    let mut reader = de::Reader::new(events::Events::new(text, options, limits));
    let value = seed.deserialize(&mut reader)?;
    reader.finish()?;
    Ok(value)
}
