//! Effective ownership and control: who ultimately owns an entity, and by how much, looking
//! through every chain of holdings; and who controls it, following majority holders upward.
//!
//! Interest flows from the entity up through its owners, multiplied by each share, until it
//! reaches holders that nobody owns: entities, or natural persons (its *beneficial owners*).
//! Look-through follows shareholdings; a [`Measure::Votes`] figure (control) follows voting
//! rights wherever an entity's votes are given, and shares elsewhere. Declared indirect
//! interests are never followed: the chains they sum up are. Fractions stay exact while they are small and are rounded
//! outward past that ([`bounds`]); a range share carries its bounds through; an unknown share
//! counts as anywhere from 0 to all; a stake held on behalf of another entity passes to that
//! beneficiary. Cross-holdings make the flow circle for ever, and a hostile model can make it
//! long: it stops after a fixed number of circling rounds, a number of steps or a time, and
//! what is still on its way is reported, so every answer is a true bound and says whether it
//! is approximate. [`Cache`] computes each (entity, date) once.

mod bounds;
mod cache;
pub mod graph;

use std::collections::{BTreeMap, HashSet};
use std::time::{Duration, Instant};

use num_rational::BigRational;
use num_traits::{One, Zero};

use crate::model::{Day, Interest, Share, share::Fraction};
use crate::org::{EntityId, Holder, Org, StakeView};

pub use bounds::{Bounds, MAX_BITS, percent_f64};
pub use cache::Cache;

/// How many rounds may pass interest back to entities it already went through (a cross-holding)
/// before what is left is reported as circling. Chains without a cycle are followed to the top.
const MAX_CIRCLING_ROUNDS: usize = 64;
/// How many stake steps one computation may take, so a hostile model cannot stall it.
pub const MAX_STEPS: usize = 100_000;
/// How long one computation may take, whatever its steps cost.
pub const MAX_TIME: Duration = Duration::from_millis(100);
/// The fewest steps a computation sharing a dump's budget is given, once that is spent.
const MIN_STEPS: usize = 500;
/// The longest control chain followed.
pub const MAX_CONTROL_CHAIN: usize = 64;

fn exact(f: Fraction) -> BigRational {
    // A `Ratio<u64>` is always in lowest terms: no need to reduce it again.
    BigRational::new_raw((*f.numer()).into(), (*f.denom()).into())
}

/// A share as bounds: exact, or a range; an unknown share is anywhere from nothing to what the
/// other stakes leave (`room`).
fn share_bounds(share: Option<&Share>, room: &BigRational) -> Bounds {
    match share {
        Some(s) => Bounds {
            low: exact(s.low()),
            high: exact(s.high()),
            low_open: s.low_open(),
            high_open: s.high_open(),
        },
        None => Bounds::closed(BigRational::zero(), room.clone()),
    }
}

/// What interest flows along: the capital, or the votes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Measure {
    /// Shareholdings only: the economic look-through.
    Shares,
    /// Voting rights where an entity's are given, its shareholdings where they are not: who
    /// controls it.
    Votes,
}

impl Measure {
    /// The stakes in `at` on `day` that this measure follows: its shareholdings, or its voting
    /// rights when it asks for votes and some are given. Declared indirect interests are left
    /// out, so nothing is counted twice.
    pub fn stakes<'o>(self, org: &'o Org, at: EntityId, day: Day) -> Vec<StakeView<'o>> {
        let of = |interest: Interest| -> Vec<StakeView<'o>> {
            org.owners_at(at, day)
                .filter(|s| s.counts() && s.stake.interest == interest)
                .collect()
        };
        match self {
            Measure::Shares => of(Interest::Shares),
            Measure::Votes => {
                let votes = of(Interest::Votes);
                if votes.is_empty() {
                    of(Interest::Shares)
                } else {
                    votes
                }
            }
        }
    }
}

/// One ultimate owner and its look-through interest.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EffectiveOwner {
    /// An entity nobody owns, or a person: a beneficial owner.
    pub id: Holder,
    pub interest: Bounds,
    /// What its interest came through last (empty when it holds the entity directly): the
    /// entities below it, or the nominee holding for it.
    pub via: Vec<Holder>,
    /// Whether it holds the entity directly, in its own name (not through a nominee).
    pub direct: bool,
}

/// Why a computation stopped before every part reached an ultimate owner.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stop {
    /// Interest was still going round cross-holdings after the rounds allowed.
    Circling,
    /// The computation took the steps it was allowed ([`MAX_STEPS`]).
    Work,
    /// The computation took the time it was allowed ([`MAX_TIME`]).
    Time,
}

impl Stop {
    /// `circling`, `work`, `time`: as JSON and people read it.
    pub fn as_str(self) -> &'static str {
        match self {
            Stop::Circling => "circling",
            Stop::Work => "work",
            Stop::Time => "time",
        }
    }
}

/// Who ultimately owns an entity.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Effective {
    /// Ultimate owners, largest interest first.
    pub owners: Vec<EffectiveOwner>,
    /// The part held by no stake the model records.
    pub unrecorded: Bounds,
    /// The part still on its way when the computation stopped (going round cross-holdings, or
    /// cut off by a bound): each owner's true interest lies between its bounds and its bounds
    /// plus this.
    pub circling: Bounds,
    /// Whether some stake on the way has an unknown share.
    pub unknown_shares: bool,
    /// Whether some fraction grew past [`MAX_BITS`] and was rounded outward: the bounds are
    /// true, but not exact.
    pub approximate: bool,
    /// Why the computation stopped early, if it did.
    pub stopped: Option<Stop>,
}

impl Effective {
    /// Whether every part was followed to its end, exactly.
    pub fn is_complete(&self) -> bool {
        self.stopped.is_none()
    }
}

/// What one computation may spend.
#[derive(Debug, Clone, Copy)]
pub struct Budget {
    steps: usize,
    deadline: Instant,
}

impl Budget {
    /// `steps`, and `time` from now.
    pub fn new(steps: usize, time: Duration) -> Budget {
        Budget {
            steps,
            deadline: Instant::now() + time,
        }
    }

    /// [`MAX_STEPS`] and [`MAX_TIME`] from now.
    pub fn standard() -> Budget {
        Budget::new(MAX_STEPS, MAX_TIME)
    }
}

/// The ultimate owners of `target` on `day`, within the
/// standard budget. [`Cache::effective`] remembers the answer.
pub fn effective_owners(org: &Org, target: EntityId, day: Day) -> Effective {
    effective_owners_within(org, target, day, Budget::standard())
}

/// [`effective_owners`] within `budget`.
pub fn effective_owners_within(org: &Org, target: EntityId, day: Day, budget: Budget) -> Effective {
    compute(org, target, day, Measure::Shares, budget, None).0
}

/// Who controls `target` on `day`: the look-through of [`Measure::Votes`].
pub fn controlling_owners(org: &Org, target: EntityId, day: Day) -> Effective {
    compute(org, target, day, Measure::Votes, Budget::standard(), None).0
}

/// Interest on its way up: how much reached a holder, and through which holders.
type Frontier = BTreeMap<Holder, (Bounds, Vec<Holder>)>;

/// The computation behind [`effective_owners`]: also returns the steps it took. With `known`,
/// an entity whose own complete answer is known passes its interest straight to its ultimate
/// owners instead of up through every level again.
pub(crate) fn compute(
    org: &Org,
    target: EntityId,
    day: Day,
    measure: Measure,
    budget: Budget,
    known: Option<&dyn Fn(EntityId) -> Option<std::rc::Rc<Effective>>>,
) -> (Effective, usize) {
    let target = Holder::Entity(target);
    let mut ultimate: BTreeMap<Holder, Bounds> = BTreeMap::new();
    let mut via: BTreeMap<Holder, Vec<Holder>> = BTreeMap::new();
    let mut direct: HashSet<Holder> = HashSet::new();
    let mut unrecorded = Bounds::zero();
    let (mut unknown_shares, mut approximate) = (false, false);
    let mut frontier: Frontier = BTreeMap::from([(target, (Bounds::one(), Vec::new()))]);
    let mut passed: HashSet<Holder> = HashSet::new();
    let (mut steps, mut circling_rounds) = (0, 0);
    let mut stopped = None;
    let add_via = |via: &mut BTreeMap<Holder, Vec<Holder>>, to: Holder, e: Holder| {
        let v = via.entry(to).or_default();
        if !v.contains(&e) {
            v.push(e);
        }
    };
    while !frontier.is_empty() && stopped.is_none() {
        if circling_rounds >= MAX_CIRCLING_ROUNDS {
            stopped = Some(Stop::Circling);
            break;
        }
        if frontier.keys().any(|id| passed.contains(id)) {
            circling_rounds += 1;
        }
        let mut next: Frontier = BTreeMap::new();
        for (at, (mass, came_through)) in std::mem::take(&mut frontier) {
            // The bounds are checked between entities, once the target's own stakes are
            // followed; what is left of the round stays on its way, and is reported.
            if stopped.is_none() && at != target {
                if steps > budget.steps {
                    stopped = Some(Stop::Work);
                } else if Instant::now() >= budget.deadline {
                    stopped = Some(Stop::Time);
                }
            }
            if stopped.is_some() {
                let slot = next
                    .entry(at)
                    .or_insert_with(|| (Bounds::zero(), Vec::new()));
                approximate |= slot.0.add(&mass);
                continue;
            }
            passed.insert(at);
            // A person has no owners: interest that reaches one has reached its end.
            let stakes = at
                .entity()
                .map_or_else(Vec::new, |e| measure.stakes(org, e, day));
            if stakes.is_empty() {
                if at != target {
                    approximate |= ultimate.entry(at).or_insert_with(Bounds::zero).add(&mass);
                    for e in came_through {
                        add_via(&mut via, at, e);
                    }
                }
                continue;
            }
            // An entity whose answer is known and complete: its interest goes straight on.
            if at != target
                && let Some(answer) = known
                    .zip(at.entity())
                    .and_then(|(k, e)| k(e))
                    .filter(|a| a.is_complete())
            {
                for owner in &answer.owners {
                    steps += 1;
                    let (share, rounded) = mass.scale(&owner.interest);
                    approximate |= rounded;
                    approximate |= ultimate
                        .entry(owner.id)
                        .or_insert_with(Bounds::zero)
                        .add(&share);
                    if owner.direct {
                        add_via(&mut via, owner.id, at);
                    }
                    for &e in &owner.via {
                        add_via(&mut via, owner.id, e);
                    }
                }
                let (rest, rounded) = mass.scale(&answer.unrecorded);
                approximate |= rounded | unrecorded.add(&rest) | answer.approximate;
                unknown_shares |= answer.unknown_shares;
                continue;
            }
            let known_low: BigRational = stakes
                .iter()
                .filter_map(|s| s.stake.share.as_ref())
                .map(|s| exact(s.low()))
                .fold(BigRational::zero(), |a, b| a + b);
            let room = (BigRational::one() - known_low).max(BigRational::zero());
            let mut held = Bounds::zero();
            for stake in stakes {
                steps += 1;
                let share = share_bounds(stake.stake.share.as_ref().map(|s| &s.value), &room);
                unknown_shares |= stake.stake.share.is_none();
                held.add(&share);
                let Some(h) = stake.holder() else {
                    continue;
                };
                // What the interest came through: a nominee holding for `h`, or the entity below.
                let nominee = stake.nominee();
                if at == target && nominee.is_none() {
                    direct.insert(h);
                }
                let through = nominee.or((at != target).then_some(at));
                let slot = next
                    .entry(h)
                    .or_insert_with(|| (Bounds::zero(), Vec::new()));
                let (part, rounded) = mass.scale(&share);
                approximate |= rounded | slot.0.add(&part);
                if let Some(t) = through
                    && !slot.1.contains(&t)
                {
                    slot.1.push(t);
                }
            }
            // What the recorded stakes leave over is held by holders the model does not name.
            let (rest, rounded) = mass.scale(&held.rest());
            approximate |= rounded | unrecorded.add(&rest);
        }
        frontier = next;
    }
    let mut circling = Bounds::zero();
    for (mass, _) in frontier.values() {
        approximate |= circling.add(mass);
    }
    // No part can be more than the whole.
    let cap = |b: &mut Bounds| {
        if b.high > BigRational::one() {
            b.high = BigRational::one();
            b.high_open = false;
        }
        if b.low > b.high {
            b.low = b.high.clone();
            b.low_open = false;
        }
    };
    let mut unrecorded = unrecorded.reduced();
    let mut circling = circling.reduced();
    cap(&mut unrecorded);
    cap(&mut circling);
    let mut owners: Vec<EffectiveOwner> = ultimate
        .into_iter()
        .filter(|(_, b)| !b.is_zero())
        .map(|(id, interest)| {
            let mut interest = interest.reduced();
            cap(&mut interest);
            EffectiveOwner {
                id,
                interest,
                via: via.remove(&id).unwrap_or_default(),
                direct: direct.contains(&id),
            }
        })
        .collect();
    owners.sort_by(|a, b| b.interest.high.cmp(&a.interest.high).then(a.id.cmp(&b.id)));
    let effective = Effective {
        owners,
        unrecorded,
        circling,
        unknown_shares,
        approximate,
        stopped,
    };
    (effective, steps)
}

/// Who controls an entity: its majority holders, from its own up.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Control {
    /// Ends at a person when a person holds the majority.
    pub chain: Vec<Holder>,
    /// Whether the chain stops where a holder's share is unknown or a range that may or may not
    /// be a majority.
    pub undetermined: bool,
    /// Whether the chain goes on past [`MAX_CONTROL_CHAIN`] holders, not shown.
    pub cut: bool,
}

/// The control chain of `target` on `day`: its majority holder (more than half of the votes
/// where they are given, else of the shares, for certain), that holder's majority holder, and
/// so on up; it stops at a person, at a holder already met, or after [`MAX_CONTROL_CHAIN`]
/// holders.
pub fn control_chain(org: &Org, target: EntityId, day: Day) -> Control {
    let half = Fraction::new(1, 2);
    let mut chain = Vec::new();
    let mut met = HashSet::from([Holder::Entity(target)]);
    let mut at = target;
    loop {
        let stakes = Measure::Votes.stakes(org, at, day);
        // More than half for certain: above half, or a band that starts at half, exclusive.
        let majority = stakes
            .iter()
            .find(|s| {
                s.stake
                    .share
                    .as_ref()
                    .is_some_and(|sh| sh.low() > half || (sh.low() == half && sh.low_open()))
            })
            .and_then(|s| s.holder());
        match majority {
            Some(h) if chain.len() == MAX_CONTROL_CHAIN && !met.contains(&h) => {
                return Control {
                    chain,
                    undetermined: false,
                    cut: true,
                };
            }
            Some(h) if met.insert(h) => {
                chain.push(h);
                match h {
                    Holder::Entity(e) => at = e,
                    Holder::Person(_) => {
                        return Control {
                            chain,
                            undetermined: false,
                            cut: false,
                        };
                    }
                }
            }
            Some(_) => {
                return Control {
                    chain,
                    undetermined: false,
                    cut: false,
                };
            }
            None => {
                let undetermined = stakes
                    .iter()
                    .any(|s| s.stake.share.as_ref().is_none_or(|sh| sh.high() > half));
                return Control {
                    chain,
                    undetermined,
                    cut: false,
                };
            }
        }
    }
}

#[cfg(test)]
mod tests;
