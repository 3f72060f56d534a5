//! Look-through ownership in the JSON document: each entity's ultimate owners with exact and
//! percentage bounds, what bounds the answer, and its control chain.

use serde::Serialize;

use crate::model::Day;
use crate::org::{EntityId, Holder, Org};
use crate::ownership;

/// The steps and the time all the look-through computations of one dump may take together.
pub(super) const OWNERSHIP_STEPS: usize = 300_000;
pub(super) const OWNERSHIP_TIME: std::time::Duration = std::time::Duration::from_millis(500);

#[derive(Serialize)]
struct Interest {
    /// Exact bounds as fractions; equal unless some share on the way is a range or unknown.
    low: String,
    high: String,
    low_percent: f64,
    high_percent: f64,
    /// Whether the interest is more than `low` (never `low` itself), as through a `>25%..50%`
    /// band; written only when it is.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    low_exclusive: bool,
    /// Whether the interest is less than `high`; written only when it is.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    high_exclusive: bool,
}

#[derive(Serialize)]
struct EffectiveOwner<'a> {
    id: &'a str,
    /// `entity`, or `person` for a beneficial owner.
    holder: &'static str,
    interest: Interest,
    /// The entities (or the nominee) the interest came through last.
    via: Vec<&'a str>,
}

#[derive(Serialize)]
pub(super) struct Effective<'a> {
    owners: Vec<EffectiveOwner<'a>>,
    /// The part held by no recorded stake.
    unrecorded: Interest,
    /// The part still circling through cross-holdings when the computation stopped.
    circling: Interest,
    unknown_shares: bool,
    /// Whether some fraction was rounded outward to keep the computation bounded.
    approximate: bool,
    /// Why the computation stopped early (`circling`, `work`, `time`), if it did.
    stopped: Option<&'static str>,
    /// The look-through of votes where they are given (shares elsewhere), when it differs
    /// from `owners`.
    #[serde(skip_serializing_if = "Option::is_none")]
    control_by_votes: Option<Vec<EffectiveOwner<'a>>>,
    /// Majority holders, from the entity's up (votes where given); the last may be a person.
    control: Vec<&'a str>,
    /// Whether the chain stops at a share that may or may not be a majority.
    control_undetermined: bool,
    /// Whether the chain goes on past the holders listed.
    control_cut: bool,
}

fn interest(b: &ownership::Bounds) -> Interest {
    Interest {
        low: b.low.to_string(),
        high: b.high.to_string(),
        low_percent: ownership::percent_f64(&b.low),
        high_percent: ownership::percent_f64(&b.high),
        low_exclusive: b.low_open,
        high_exclusive: b.high_open,
    }
}

/// The id of an entity or a person, as the model writes it.
pub(super) fn holder_id(org: &Org, h: Holder) -> &str {
    match h {
        Holder::Entity(e) => &org.entity(e).id.value,
        Holder::Person(p) => &org.person(p).id.value,
    }
}

/// `entity` or `person`.
pub(super) fn holder_kind(h: Holder) -> &'static str {
    match h {
        Holder::Entity(_) => "entity",
        Holder::Person(_) => "person",
    }
}

fn owners<'a>(org: &'a Org, owners: &[ownership::EffectiveOwner]) -> Vec<EffectiveOwner<'a>> {
    owners
        .iter()
        .map(|o| EffectiveOwner {
            id: holder_id(org, o.id),
            holder: holder_kind(o.id),
            interest: interest(&o.interest),
            via: o.via.iter().map(|&v| holder_id(org, v)).collect(),
        })
        .collect()
}

pub(super) fn effective<'a>(
    org: &'a Org,
    cache: &ownership::Cache,
    id: EntityId,
    day: Day,
) -> Option<Effective<'a>> {
    org.owners_at(id, day).next()?;
    let e = cache.effective(org, id, day);
    let votes = cache.control(org, id, day);
    let control = ownership::control_chain(org, id, day);
    Some(Effective {
        owners: owners(org, &e.owners),
        control_by_votes: (votes.owners != e.owners).then(|| owners(org, &votes.owners)),
        unrecorded: interest(&e.unrecorded),
        circling: interest(&e.circling),
        unknown_shares: e.unknown_shares,
        approximate: e.approximate,
        stopped: e.stopped.map(ownership::Stop::as_str),
        control: control
            .chain
            .into_iter()
            .map(|h| holder_id(org, h))
            .collect(),
        control_undetermined: control.undetermined,
        control_cut: control.cut,
    })
}
