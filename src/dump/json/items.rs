//! The JSON shape of each item of the model (sources, entities, people, stakes, roles,
//! relations, events), field by field as `docs/json.md` documents them, and the conversions
//! the items share: ids, dates, notes, competing values, shares.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::model::{At, Competing, Identifier, Note, PartialDate, Ref, Share, share};

use super::owners::Effective;

#[derive(Serialize)]
pub(super) struct Source<'a> {
    pub(super) id: &'a str,
    pub(super) publisher: &'a str,
    pub(super) title: &'a str,
    pub(super) date: Option<String>,
    pub(super) url: Option<&'a str>,
    pub(super) note: Option<&'a str>,
}

#[derive(Serialize)]
pub(super) struct Entity<'a> {
    pub(super) id: &'a str,
    pub(super) name: &'a str,
    pub(super) kind: &'a str,
    pub(super) description: Option<&'a str>,
    pub(super) other_names: &'a [String],
    pub(super) identifiers: &'a [Identifier],
    /// The parent in force at `as_of`, as the tree shows it.
    pub(super) parent: Option<&'a str>,
    pub(super) children: Vec<&'a str>,
    /// When the parent, the name or the kind change over time: every period, as the model
    /// gives them.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(super) parents: Option<&'a [crate::model::Span<crate::model::ParentFacet>]>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(super) names: Option<&'a [crate::model::Span<crate::model::NameFacet>]>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(super) kinds: Option<&'a [crate::model::Span<crate::model::KindFacet>]>,
    /// Whether the tree shows the entity above its parent in force, which does not exist at
    /// `as_of`.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub(super) lifted: bool,
    /// 0 for a root; with `parent`, the way up to the root.
    pub(super) depth: usize,
    pub(super) founded: Option<String>,
    pub(super) dissolved: Option<String>,
    pub(super) attributes: &'a BTreeMap<String, String>,
    pub(super) notes: Vec<JsonNote<'a>>,
    pub(super) sources: Vec<&'a str>,
    pub(super) competing: Vec<JsonCompeting<'a>>,
    /// Whether the entity exists at `as_of`.
    pub(super) exists: bool,
    /// Look-through ownership at `as_of`, when the entity has owners then.
    pub(super) effective_owners: Option<Effective<'a>>,
    /// People and units under the entity at `as_of`, and its span of control.
    pub(super) headcount: Headcount,
}

/// An entity's counts at `as_of` (`crate::headcount::Counts`).
#[derive(Serialize)]
pub(super) struct Headcount {
    pub(super) people_direct: u32,
    pub(super) people_total: u32,
    pub(super) units_direct: u32,
    pub(super) units_total: u32,
    pub(super) span_of_control: u32,
}

impl From<crate::headcount::Counts> for Headcount {
    fn from(c: crate::headcount::Counts) -> Headcount {
        Headcount {
            people_direct: c.people_direct,
            people_total: c.people_total,
            units_direct: c.units_direct,
            units_total: c.units_total,
            span_of_control: c.span,
        }
    }
}

#[derive(Serialize)]
pub(super) struct Person<'a> {
    pub(super) id: &'a str,
    pub(super) name: &'a str,
    pub(super) description: Option<&'a str>,
    pub(super) other_names: &'a [String],
    pub(super) identifiers: &'a [Identifier],
    pub(super) notes: Vec<JsonNote<'a>>,
    pub(super) sources: Vec<&'a str>,
}

#[derive(Serialize)]
pub(super) struct JsonShare {
    /// As the model writes it: `4/9`, `47%`, `20%..25%`.
    pub(super) text: String,
    /// Exact bounds as fractions (`4/9`); equal unless the share is a range.
    pub(super) low: String,
    pub(super) high: String,
    pub(super) low_percent: f64,
    pub(super) high_percent: f64,
    /// Whether the share is more than `low` (`>25%..50%`); written only when it is.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub(super) low_exclusive: bool,
    /// Whether the share is less than `high` (`..<75%`); written only when it is.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub(super) high_exclusive: bool,
}

#[derive(Serialize)]
pub(super) struct Stake<'a> {
    pub(super) owner: &'a str,
    /// `entity` or `person`: what `owner` names.
    pub(super) owner_kind: &'static str,
    pub(super) owned: &'a str,
    pub(super) share: Option<JsonShare>,
    /// The kind of interest: `shares`, `votes`, `trustee`, … or the model's own word.
    pub(super) interest: &'a str,
    /// A declared indirect interest, not counted in look-through or in sums.
    pub(super) indirect: bool,
    pub(super) amount: Option<f64>,
    pub(super) currency: Option<&'a str>,
    pub(super) on_behalf_of: Option<&'a str>,
    pub(super) start: Option<String>,
    pub(super) end: Option<String>,
    /// Whether the stake holds at the model's `as_of` date (or has no end, without one).
    pub(super) in_force: bool,
    pub(super) notes: Vec<JsonNote<'a>>,
    pub(super) sources: Vec<&'a str>,
    pub(super) competing: Vec<JsonCompeting<'a>>,
}

#[derive(Serialize)]
pub(super) struct Role<'a> {
    /// `null` for a vacancy.
    pub(super) person: Option<&'a str>,
    pub(super) person_name: Option<&'a str>,
    pub(super) entity: &'a str,
    pub(super) title: &'a str,
    pub(super) start: Option<String>,
    pub(super) end: Option<String>,
    pub(super) interim: bool,
    pub(super) in_force: bool,
    pub(super) notes: Vec<JsonNote<'a>>,
    pub(super) sources: Vec<&'a str>,
    pub(super) competing: Vec<JsonCompeting<'a>>,
}

#[derive(Serialize)]
pub(super) struct Relation<'a> {
    pub(super) kind: &'a str,
    pub(super) from: &'a str,
    pub(super) to: &'a str,
    pub(super) description: Option<&'a str>,
    pub(super) start: Option<String>,
    pub(super) end: Option<String>,
    pub(super) notes: Vec<JsonNote<'a>>,
    pub(super) sources: Vec<&'a str>,
    pub(super) competing: Vec<JsonCompeting<'a>>,
}

#[derive(Serialize)]
pub(super) struct Event<'a> {
    pub(super) date: String,
    pub(super) kind: &'a str,
    pub(super) description: &'a str,
    pub(super) entities: Vec<&'a str>,
    pub(super) people: Vec<&'a str>,
    pub(super) notes: Vec<JsonNote<'a>>,
    pub(super) sources: Vec<&'a str>,
    pub(super) competing: Vec<JsonCompeting<'a>>,
}

#[derive(Serialize)]
pub(super) struct JsonNote<'a> {
    pub(super) text: &'a str,
    pub(super) sources: Vec<&'a str>,
}

#[derive(Serialize)]
pub(super) struct JsonCompeting<'a> {
    pub(super) field: &'a str,
    pub(super) value: &'a str,
    pub(super) sources: Vec<&'a str>,
    pub(super) note: Option<&'a str>,
}

pub(super) fn ids(refs: &[Ref]) -> Vec<&str> {
    refs.iter().map(|r| r.value.as_str()).collect()
}

pub(super) fn date(d: &Option<At<PartialDate>>) -> Option<String> {
    d.as_ref().map(|d| d.value.to_string())
}

pub(super) fn notes(notes: &[Note]) -> Vec<JsonNote<'_>> {
    notes
        .iter()
        .map(|n| JsonNote {
            text: &n.text,
            sources: ids(&n.sources),
        })
        .collect()
}

pub(super) fn competing(competing: &[Competing]) -> Vec<JsonCompeting<'_>> {
    competing
        .iter()
        .map(|c| JsonCompeting {
            field: &c.field.value,
            value: &c.value.value,
            sources: ids(&c.sources),
            note: c.note.as_deref(),
        })
        .collect()
}

pub(super) fn json_share(s: &Share) -> JsonShare {
    let fraction = |f: share::Fraction| format!("{}/{}", f.numer(), f.denom());
    let percent = |f: share::Fraction| *f.numer() as f64 * 100.0 / *f.denom() as f64;
    JsonShare {
        text: s.source_text(),
        low: fraction(s.low()),
        high: fraction(s.high()),
        low_percent: percent(s.low()),
        high_percent: percent(s.high()),
        low_exclusive: s.low_open(),
        high_exclusive: s.high_open(),
    }
}
