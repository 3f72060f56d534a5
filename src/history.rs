//! Time travel: the days on which events happen, and what changed between two days — entities
//! that appeared or went, stakes that began, ended or changed, roles taken or left, and the
//! events in between. `--diff`, the timeline and the explorer's change marks all read this.

use std::collections::{HashMap, HashSet};

use crate::model::{Dated, Day, Event, Interest};
use crate::org::{EntityId, EntitySet, Holder, Org, RelationView, RoleView, StakeView};

/// The last event on or before `day`, by its place in date order (the first event when none
/// is): where the timeline opens.
pub fn nearest_event(org: &Org, day: Day) -> usize {
    org.events_by_date()
        .rposition(|e| e.date.first_day() <= day)
        .unwrap_or(0)
}

/// The last event day before `day` (or day the structure changed on: [`Org::change_days`]).
pub fn previous_event_day(org: &Org, day: Day) -> Option<Day> {
    let days = org.change_days();
    let before = days.partition_point(|d| *d < day);
    before.checked_sub(1).map(|i| days[i])
}

/// The first event day after `day` (or day the structure changes on).
pub fn next_event_day(org: &Org, day: Day) -> Option<Day> {
    let days = org.change_days();
    days.get(days.partition_point(|d| *d <= day)).copied()
}

/// How one owner's stake in one entity differs between two days.
#[derive(Debug, Clone, Copy)]
pub enum StakeChange<'a> {
    Added(StakeView<'a>),
    Removed(StakeView<'a>),
    Changed {
        before: StakeView<'a>,
        after: StakeView<'a>,
    },
}

impl<'a> StakeChange<'a> {
    /// The stake the change is about: the one added or removed, or the later one of a holding
    /// whose share changed.
    pub fn stake(&self) -> &StakeView<'a> {
        match self {
            StakeChange::Added(s) | StakeChange::Removed(s) => s,
            StakeChange::Changed { after, .. } => after,
        }
    }
}

/// How an entity's place, name or kind differs between two days.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reshaped {
    /// Its parent in force changed (`None`: it had none, or has none).
    Moved {
        id: EntityId,
        from: Option<EntityId>,
        to: Option<EntityId>,
    },
    /// Its name changed.
    Renamed { id: EntityId },
    /// Its kind changed.
    Rekinded { id: EntityId },
}

impl Reshaped {
    pub fn entity(&self) -> EntityId {
        match *self {
            Reshaped::Moved { id, .. } | Reshaped::Renamed { id } | Reshaped::Rekinded { id } => id,
        }
    }
}

/// What changed from one day to another.
#[derive(Debug, Clone)]
pub struct Changes<'a> {
    pub from: Day,
    pub to: Day,
    pub appeared: Vec<EntityId>,
    pub gone: Vec<EntityId>,
    /// Entities that moved in the tree, were renamed or changed kind, in file order.
    pub reshaped: Vec<Reshaped>,
    pub stakes: Vec<StakeChange<'a>>,
    /// Roles held on `to` but not on `from`.
    pub roles_taken: Vec<RoleView<'a>>,
    /// Roles held on `from` but not on `to`.
    pub roles_left: Vec<RoleView<'a>>,
    /// Relations holding on `to` but not on `from`, and the other way round.
    pub relations_begun: Vec<RelationView<'a>>,
    pub relations_ended: Vec<RelationView<'a>>,
    /// Events after `from`, up to and including `to`, in date order.
    pub events: Vec<&'a Event>,
}

impl Changes<'_> {
    pub fn is_empty(&self) -> bool {
        self.appeared.is_empty()
            && self.gone.is_empty()
            && self.reshaped.is_empty()
            && self.stakes.is_empty()
            && self.roles_taken.is_empty()
            && self.roles_left.is_empty()
            && self.relations_begun.is_empty()
            && self.relations_ended.is_empty()
            && self.events.is_empty()
    }

    /// The entities a change concerns: they appeared or went, their capital or their leaders
    /// changed, or an event involved them.
    pub fn touched(&self, org: &Org) -> EntitySet {
        let mut touched = EntitySet::new(org);
        let mut mark = |end: Option<EntityId>| {
            if let Some(e) = end {
                touched.insert(e);
            }
        };
        for change in &self.stakes {
            let s = change.stake();
            mark(s.owned);
            mark(s.owner_entity());
        }
        for r in self.roles_taken.iter().chain(&self.roles_left) {
            mark(r.entity);
        }
        for e in &self.events {
            for id in &e.entities {
                mark(org.find_entity(id));
            }
        }
        for id in self.appeared.iter().chain(&self.gone) {
            touched.insert(*id);
        }
        for r in &self.reshaped {
            touched.insert(r.entity());
        }
        touched
    }
}

/// The owner and the owned entity a stake joins, and what kind of interest it is: a founder's
/// shares and votes in one company are two stakes.
fn pair<'a>(s: &StakeView<'a>) -> (Option<Holder>, Option<EntityId>, &'a Interest, bool) {
    (s.owner, s.owned, &s.stake.interest, s.stake.indirect)
}

/// What changed from `from` to `to` (taken in order whichever comes first).
pub fn changes(org: &Org, from: Day, to: Day) -> Changes<'_> {
    let (from, to) = if from <= to { (from, to) } else { (to, from) };
    let mut appeared = Vec::new();
    let mut gone = Vec::new();
    for id in org.entity_ids() {
        match (org.exists_at(id, from), org.exists_at(id, to)) {
            (false, true) => appeared.push(id),
            (true, false) => gone.push(id),
            _ => {}
        }
    }

    let reshaped = reshaped(org, from, to);

    let mut stakes = Vec::new();
    let before: Vec<StakeView> = org
        .stakes()
        .filter(|s| org.stake_in_force(s, from))
        .collect();
    let after: Vec<StakeView> = org.stakes().filter(|s| org.stake_in_force(s, to)).collect();
    // A stake is the same holding at both dates when it joins the same owner and owned; the
    // first stake of each pair stands for it, in file order.
    type Pair<'a> = (Option<Holder>, Option<EntityId>, &'a Interest, bool);
    let mut before_by_pair: HashMap<Pair, StakeView> = HashMap::with_capacity(before.len());
    for &b in &before {
        before_by_pair.entry(pair(&b)).or_insert(b);
    }
    let after_pairs: HashSet<Pair> = after.iter().map(pair).collect();
    let share = |s: &StakeView| s.stake.share.as_ref().map(|s| s.value);
    for &a in &after {
        match before_by_pair.get(&pair(&a)) {
            None => stakes.push(StakeChange::Added(a)),
            Some(&b) if a.id != b.id && share(&a) != share(&b) => {
                stakes.push(StakeChange::Changed {
                    before: b,
                    after: a,
                })
            }
            Some(_) => {}
        }
    }
    for &b in &before {
        if !after_pairs.contains(&pair(&b)) {
            stakes.push(StakeChange::Removed(b));
        }
    }

    let holds = |r: &RoleView, day: Day| org.role_in_force(r, day);
    let roles_taken = org
        .roles()
        .filter(|r| holds(r, to) && !holds(r, from))
        .collect();
    let roles_left = org
        .roles()
        .filter(|r| holds(r, from) && !holds(r, to))
        .collect();

    let related = |r: &RelationView, day: Day| org.relation_in_force(r, day);
    let relations_begun = org
        .relations()
        .filter(|r| related(r, to) && !related(r, from))
        .collect();
    let relations_ended = org
        .relations()
        .filter(|r| related(r, from) && !related(r, to))
        .collect();

    let events: Vec<&Event> = org
        .events_by_date()
        .filter(|e| {
            let day = e.date.first_day();
            from < day && day <= to
        })
        .collect();

    Changes {
        from,
        to,
        appeared,
        gone,
        reshaped,
        stakes,
        roles_taken,
        roles_left,
        relations_begun,
        relations_ended,
        events,
    }
}

/// The entities whose parent, name or kind differ between `from` and `to`. Only what is
/// written as periods can change, so a model without them costs a glance at each entity.
fn reshaped(org: &Org, from: Day, to: Day) -> Vec<Reshaped> {
    let mut out = Vec::new();
    for id in org.entity_ids() {
        let e = org.entity(id);
        if e.parent.as_ref().is_some_and(Dated::is_dated) {
            let (a, b) = (org.parent_on(id, from), org.parent_on(id, to));
            if a != b {
                out.push(Reshaped::Moved { id, from: a, to: b });
            }
        }
        if e.name.is_dated() && org.name_on(id, from) != org.name_on(id, to) {
            out.push(Reshaped::Renamed { id });
        }
        if e.kind.is_dated() && org.kind_on(id, from) != org.kind_on(id, to) {
            out.push(Reshaped::Rekinded { id });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::load_embedded;

    fn day(text: &str) -> Day {
        text.parse::<crate::model::PartialDate>()
            .unwrap()
            .first_day()
    }

    #[test]
    fn cloudwatt_changes_hands_between_2014_and_2015() {
        let org = load_embedded().unwrap().org;
        let c = changes(&org, day("2014-12-31"), day("2015-06-01"));
        let described: Vec<String> = c
            .stakes
            .iter()
            .map(|s| match s {
                StakeChange::Added(s) => format!("+{}", s.stake.owner.value),
                StakeChange::Removed(s) => format!("-{}", s.stake.owner.value),
                StakeChange::Changed { after, .. } => format!("~{}", after.stake.owner.value),
            })
            .collect();
        assert_eq!(described, ["~orange", "-caisse-des-depots", "-thales"]);
        assert_eq!(c.events.len(), 2, "the announcement and the closing");
        let cloudwatt = org.find_entity("cloudwatt").unwrap();
        assert!(c.touched(&org).contains(cloudwatt));
        let bull = org.find_entity("bull").unwrap();
        assert!(!c.touched(&org).contains(bull));
    }

    #[test]
    fn entities_appear_and_go() {
        let org = load_embedded().unwrap().org;
        let c = changes(&org, day("2015-06-01"), day("2016-06-01"));
        let gone: Vec<&str> = c
            .gone
            .iter()
            .map(|&id| org.entity(id).id.value.as_str())
            .collect();
        assert_eq!(gone, ["cloudwatt"]);
        let c = changes(&org, day("2011-01-01"), day("2013-01-01"));
        let appeared: Vec<&str> = c
            .appeared
            .iter()
            .map(|&id| org.entity(id).id.value.as_str())
            .collect();
        assert_eq!(
            appeared,
            ["cloudwatt", "numergy", "val-de-reuil-datacenter"]
        );
    }

    #[test]
    fn event_days_step_both_ways() {
        let org = load_embedded().unwrap().org;
        assert_eq!(
            next_event_day(&org, day("2015-01-12")),
            Some(day("2015-03-16"))
        );
        assert_eq!(
            previous_event_day(&org, day("2015-03-16")),
            Some(day("2015-01-12"))
        );
        assert_eq!(
            previous_event_day(&org, day("2009-12-31")),
            Some(day("2009"))
        );
        assert_eq!(previous_event_day(&org, day("2009-01-01")), None);
    }
}
