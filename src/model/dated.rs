//! Facts about an entity that can change over time — its parent, its name, its kind — written
//! either as one value for ever (`parent: google`) or as periods:
//!
//! ```yaml
//! parent:
//!   - {id: google, end: 2015-10-01}
//!   - {id: alphabet, start: 2015-10-02, sources: [alphabet-8k-2015]}
//! ```
//!
//! Each period names its value under the field's own key (`id` for a parent, `name` for a name,
//! `kind` for a kind), with an optional `start`, `end` and `sources`, like every dated fact.

use std::fmt;
use std::marker::PhantomData;

use serde::de::{self, MapAccess, SeqAccess, Visitor};
use serde::ser::SerializeMap;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::{At, Day, EntityKind, Id, PartialDate, Period, Pos, Ref};

/// Which fact a [`Dated`] value holds: its key in a period, and how its value is read.
pub trait Facet: Clone + fmt::Debug {
    type Value: Clone + fmt::Debug + PartialEq;
    /// The key that names the value in a period (`id`, `name`, `kind`).
    const KEY: &'static str;
    /// What the value is, for messages ("a parent id").
    const WHAT: &'static str;
    fn from_text(text: &str) -> Self::Value;
    /// The same, from text the parser already owns.
    fn from_string(text: String) -> Self::Value {
        Self::from_text(&text)
    }
    fn text(value: &Self::Value) -> &str;
    fn value_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema;
}

/// An entity's parent: the id of another entity.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ParentFacet;

/// An entity's name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NameFacet;

/// An entity's kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct KindFacet;

/// A facet whose value is its text as written, kept as `$value`.
macro_rules! text_facet {
    ($facet:ident, $key:literal, $what:literal, $value:ty) => {
        impl Facet for $facet {
            type Value = $value;
            const KEY: &'static str = $key;
            const WHAT: &'static str = $what;
            fn from_text(text: &str) -> $value {
                <$value>::from(text)
            }
            fn from_string(text: String) -> $value {
                <$value>::from(text)
            }
            fn text(value: &$value) -> &str {
                value
            }
            fn value_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
                generator.subschema_for::<String>()
            }
        }
    };
}

text_facet!(ParentFacet, "id", "a parent id", Id);
text_facet!(NameFacet, "name", "a name", String);

impl Facet for KindFacet {
    type Value = EntityKind;
    const KEY: &'static str = "kind";
    const WHAT: &'static str = "a kind";
    fn from_text(text: &str) -> EntityKind {
        EntityKind::from_word(text)
    }
    fn text(value: &EntityKind) -> &str {
        value.as_str()
    }
    fn value_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        generator.subschema_for::<EntityKind>()
    }
}

/// One period of a changing fact: the value, when it holds, and what says so.
#[derive(Debug, Clone, PartialEq, rkyv::Archive, rkyv::Serialize, rkyv::Deserialize)]
pub struct Span<F: Facet> {
    pub value: At<F::Value>,
    pub start: Option<At<PartialDate>>,
    pub end: Option<At<PartialDate>>,
    pub sources: Vec<Ref>,
}

impl<F: Facet> Span<F> {
    pub fn period(&self) -> Period {
        super::period(&self.start, &self.end)
    }

    /// Where the period was written: at its value.
    pub fn pos(&self) -> Pos {
        self.value.pos
    }
}

/// A fact that holds for ever, or changes over time.
#[derive(Debug, Clone, PartialEq, rkyv::Archive, rkyv::Serialize, rkyv::Deserialize)]
pub enum Dated<F: Facet> {
    Always(At<F::Value>),
    Periods(Vec<Span<F>>),
}

impl<F: Facet> Dated<F> {
    /// One value for ever.
    pub fn always(value: F::Value) -> Self {
        Dated::Always(At::new(value, Pos::UNKNOWN))
    }

    /// The value in force on `day`: the fixed value, or the first period that holds then.
    pub fn on(&self, day: Day) -> Option<&At<F::Value>> {
        match self {
            Dated::Always(v) => Some(v),
            Dated::Periods(spans) => spans
                .iter()
                .find(|s| s.period().contains(day))
                .map(|s| &s.value),
        }
    }

    /// The value in force on `day`, or else the nearest one in time: the earliest period before
    /// all of them, the latest after. What a name or a kind reads at a date no period covers.
    pub fn nearest(&self, day: Day) -> Option<&At<F::Value>> {
        self.on(day).or_else(|| match self {
            Dated::Always(v) => Some(v),
            Dated::Periods(spans) => {
                let after = spans
                    .iter()
                    .filter(|s| s.start.as_ref().is_some_and(|d| day < d.first_day()))
                    .min_by_key(|s| s.start.as_ref().map(|d| d.value.first_day()));
                after
                    .or_else(|| {
                        spans
                            .iter()
                            .max_by_key(|s| s.period().end.map(|d| d.last_day()))
                    })
                    .map(|s| &s.value)
            }
        })
    }

    /// The value today's readers know it by: the fixed value, or the latest period's.
    pub fn latest(&self) -> Option<&At<F::Value>> {
        match self {
            Dated::Always(v) => Some(v),
            Dated::Periods(spans) => spans
                .iter()
                .max_by_key(|s| {
                    (
                        s.end.is_none(),
                        s.end.as_ref().map(|d| d.last_day()),
                        s.start.as_ref().map(|d| d.first_day()),
                    )
                })
                .map(|s| &s.value),
        }
    }

    /// Every value it has had, with its period (one open period for a fixed value).
    pub fn spans(&self) -> impl Iterator<Item = (&At<F::Value>, Period)> + '_ {
        let (one, many) = match self {
            Dated::Always(v) => (Some((v, Period::default())), &[][..]),
            Dated::Periods(spans) => (None, spans.as_slice()),
        };
        one.into_iter()
            .chain(many.iter().map(|s| (&s.value, s.period())))
    }

    /// The periods, when the fact changes over time.
    pub fn periods(&self) -> &[Span<F>] {
        match self {
            Dated::Always(_) => &[],
            Dated::Periods(spans) => spans,
        }
    }

    /// Whether the fact changes over time (is written as periods).
    pub fn is_dated(&self) -> bool {
        matches!(self, Dated::Periods(_))
    }

    /// Where the fact was written.
    pub fn pos(&self) -> Pos {
        match self {
            Dated::Always(v) => v.pos,
            Dated::Periods(spans) => spans.first().map_or(Pos::UNKNOWN, Span::pos),
        }
    }
}

/// The text of a value, read as a string whatever YAML would infer (`007` stays `007`).
struct Text<F>(PhantomData<F>);

impl<F> Text<F> {
    fn new() -> Self {
        Text(PhantomData)
    }
}

impl<'de, F: Facet> Visitor<'de> for Text<F> {
    type Value = F::Value;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str(F::WHAT)
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<F::Value, E> {
        Ok(F::from_text(v))
    }

    fn visit_string<E: de::Error>(self, v: String) -> Result<F::Value, E> {
        Ok(F::from_string(v))
    }
}

/// A period's value, read as text.
struct SpanValue<F>(F::Value)
where
    F: Facet;

impl<'de, F: Facet> Deserialize<'de> for SpanValue<F> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer
            .deserialize_string(Text::<F>::new())
            .map(SpanValue)
    }
}

const SPAN_FIELDS: &[&str] = &["start", "end", "sources"];

impl<'de, F: Facet> Deserialize<'de> for Span<F> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct SpanVisitor<F>(PhantomData<F>);

        impl<'de, F: Facet> Visitor<'de> for SpanVisitor<F> {
            type Value = Span<F>;

            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                write!(
                    f,
                    "a period: `{}:` with `start:`, `end:`, `sources:`",
                    F::KEY
                )
            }

            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Span<F>, A::Error> {
                let mut value: Option<At<F::Value>> = None;
                let mut start = None;
                let mut end = None;
                let mut sources = None;
                while let Some(key) = map.next_key::<String>()? {
                    match key.as_str() {
                        k if k == F::KEY => {
                            if value.is_some() {
                                return Err(de::Error::duplicate_field(F::KEY));
                            }
                            let v: At<SpanValue<F>> = map.next_value()?;
                            value = Some(At::new(v.value.0, v.pos));
                        }
                        "start" => start = map.next_value()?,
                        "end" => end = map.next_value()?,
                        "sources" => sources = Some(map.next_value::<super::refs::Exact>()?.0),
                        other => {
                            let [key, start, end, sources] = fields::<F>();
                            return Err(de::Error::custom(format_args!(
                                "unknown field `{other}`, expected one of `{key}`, `{start}`, `{end}`, `{sources}`"
                            )));
                        }
                    }
                }
                let value = value.ok_or_else(|| de::Error::missing_field(F::KEY))?;
                Ok(Span {
                    value,
                    start,
                    end,
                    sources: sources.unwrap_or_default(),
                })
            }
        }

        deserializer.deserialize_map(SpanVisitor::<F>(PhantomData))
    }
}

/// A period's keys, its value's first, for "expected one of" messages.
fn fields<F: Facet>() -> [&'static str; 4] {
    [F::KEY, SPAN_FIELDS[0], SPAN_FIELDS[1], SPAN_FIELDS[2]]
}

/// One value, or periods, as written.
enum Written<F: Facet> {
    One(F::Value),
    Many(Vec<Span<F>>),
}

impl<'de, F: Facet> Deserialize<'de> for Written<F> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct WrittenVisitor<F>(PhantomData<F>);

        impl<'de, F: Facet> Visitor<'de> for WrittenVisitor<F> {
            type Value = Written<F>;

            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                write!(
                    f,
                    "{}, or a list of periods (`- {{{}: …, start: …, end: …}}`)",
                    F::WHAT,
                    F::KEY
                )
            }

            fn visit_str<E: de::Error>(self, v: &str) -> Result<Written<F>, E> {
                Ok(Written::One(F::from_text(v)))
            }

            fn visit_string<E: de::Error>(self, v: String) -> Result<Written<F>, E> {
                Ok(Written::One(F::from_string(v)))
            }

            // A plain scalar that YAML reads as a number is still the text it was written as,
            // as far as the parser gives it back (leading zeros and underscores are kept as text
            // by the loader's options).
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Written<F>, E> {
                Ok(Written::One(F::from_text(&v.to_string())))
            }

            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Written<F>, E> {
                Ok(Written::One(F::from_text(&v.to_string())))
            }

            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Written<F>, A::Error> {
                let mut spans = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(64));
                while let Some(span) = seq.next_element::<Span<F>>()? {
                    spans.push(span);
                }
                Ok(Written::Many(spans))
            }
        }

        deserializer.deserialize_any(WrittenVisitor::<F>(PhantomData))
    }
}

impl<'de, F: Facet> Deserialize<'de> for Dated<F> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let written = At::<Written<F>>::deserialize(deserializer)?;
        Ok(match written.value {
            Written::One(v) => Dated::Always(At::new(v, written.pos)),
            Written::Many(spans) => Dated::Periods(spans),
        })
    }
}

impl<F: Facet> Serialize for Span<F> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let len = 1
            + usize::from(self.start.is_some())
            + usize::from(self.end.is_some())
            + usize::from(!self.sources.is_empty());
        let mut map = serializer.serialize_map(Some(len))?;
        map.serialize_entry(F::KEY, F::text(&self.value.value))?;
        if let Some(start) = &self.start {
            map.serialize_entry("start", start)?;
        }
        if let Some(end) = &self.end {
            map.serialize_entry("end", end)?;
        }
        if !self.sources.is_empty() {
            map.serialize_entry("sources", &self.sources)?;
        }
        map.end()
    }
}

impl<F: Facet> Serialize for Dated<F> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Dated::Always(v) => serializer.serialize_str(F::text(&v.value)),
            Dated::Periods(spans) => spans.serialize(serializer),
        }
    }
}

impl<F: Facet> schemars::JsonSchema for Dated<F> {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        format!("Dated_{}", F::KEY).into()
    }

    fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        let value = F::value_schema(generator);
        let date = generator.subschema_for::<PartialDate>();
        let sources = generator.subschema_for::<Vec<String>>();
        let key = F::KEY;
        schemars::json_schema!({
            "description": format!(
                "{}, for ever; or a list of periods, each with `{key}` and an optional `start`, `end` and `sources`.",
                F::WHAT
            ),
            "anyOf": [
                value.clone(),
                {
                    "type": "array",
                    "items": {
                        "type": "object",
                        "additionalProperties": false,
                        "required": [key],
                        "properties": {
                            key: value,
                            "start": date.clone(),
                            "end": date,
                            "sources": sources
                        }
                    }
                }
            ]
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(text: &str) -> Day {
        text.parse::<PartialDate>().unwrap().first_day()
    }

    fn parent(yaml: &str) -> Dated<ParentFacet> {
        serde_saphyr::from_str(yaml).unwrap()
    }

    #[test]
    fn one_id_holds_for_ever() {
        let p = parent("google");
        assert_eq!(p.on(d("1900")).unwrap().value, "google");
        assert!(!p.is_dated());
    }

    #[test]
    fn numeric_looking_ids_stay_text_in_periods() {
        let p = parent("- {id: 007, start: 2015}");
        assert_eq!(p.periods()[0].value.value, "007");
    }

    #[test]
    fn periods_say_which_parent_holds_when() {
        let p = parent(
            "- {id: google, end: 2015-10-01}\n- {id: alphabet, start: 2015-10-02, end: 2017-08-31}\n",
        );
        assert_eq!(p.on(d("2014-06")).unwrap().value, "google");
        assert_eq!(p.on(d("2016")).unwrap().value, "alphabet");
        assert!(p.on(d("2018")).is_none(), "outside every period: no parent");
        assert_eq!(p.latest().unwrap().value, "alphabet");
        assert_eq!(p.periods()[1].value.pos.line, 2);
    }

    #[test]
    fn the_nearest_value_fills_the_gaps_for_names() {
        let n: Dated<NameFacet> =
            serde_saphyr::from_str("- {name: Google Inc., start: 1998-09-04, end: 2017-09-29}\n- {name: Google LLC, start: 2017-09-30}\n").unwrap();
        assert_eq!(n.nearest(d("1990")).unwrap().value, "Google Inc.");
        assert_eq!(n.nearest(d("2020")).unwrap().value, "Google LLC");
        assert_eq!(n.latest().unwrap().value, "Google LLC");
    }

    #[test]
    fn a_period_without_its_value_or_with_a_stray_key_is_refused() {
        let missing = serde_saphyr::from_str::<Dated<ParentFacet>>("- {start: 2015}");
        assert!(missing.unwrap_err().to_string().contains("`id`"));
        let stray = serde_saphyr::from_str::<Dated<ParentFacet>>("- {id: a, since: 2015}");
        assert!(stray.unwrap_err().to_string().contains("since"));
    }

    #[test]
    fn round_trips_through_yaml() {
        let p = parent(
            "- {id: google, end: 2015-10-01, sources: [s1]}\n- {id: alphabet, start: 2015-10-02}\n",
        );
        let text = serde_saphyr::to_string(&p).unwrap();
        assert_eq!(parent(&text), p);
        let k: Dated<KindFacet> = serde_saphyr::from_str("business_unit").unwrap();
        assert_eq!(serde_saphyr::to_string(&k).unwrap().trim(), "business_unit");
    }
}
