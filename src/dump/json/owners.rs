//! Look-through ownership in the JSON document: each entity's ultimate owners with exact and
//! percentage bounds, what bounds the answer, and its control chain.

use serde::Serialize;

use crate::model::Day;
use crate::org::{EntityId, Org};
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
}

#[derive(Serialize)]
struct EffectiveOwner<'a> {
    id: &'a str,
    interest: Interest,
    /// The entities the interest came through last.
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
    /// Majority holders, from the entity's up.
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
    }
}

pub(super) fn effective<'a>(
    org: &'a Org,
    cache: &ownership::Cache,
    id: EntityId,
    day: Day,
) -> Option<Effective<'a>> {
    org.owners_at(id, day).next()?;
    let e = cache.effective(org, id, day);
    let control = ownership::control_chain(org, id, day);
    let id_of = |e: EntityId| org.entity(e).id.value.as_str();
    Some(Effective {
        owners: e
            .owners
            .iter()
            .map(|o| EffectiveOwner {
                id: id_of(o.id),
                interest: interest(&o.interest),
                via: o.via.iter().map(|&v| id_of(v)).collect(),
            })
            .collect(),
        unrecorded: interest(&e.unrecorded),
        circling: interest(&e.circling),
        unknown_shares: e.unknown_shares,
        approximate: e.approximate,
        stopped: e.stopped.map(ownership::Stop::as_str),
        control: control.chain.into_iter().map(id_of).collect(),
        control_undetermined: control.undetermined,
        control_cut: control.cut,
    })
}
