//! The part of the model a narrowed view shows, as a model that loads on its own: the entities
//! in view, and every stake, role, relation and event that touches one of them. An entity such
//! a fact names outside the view is kept as a stub — its id, name, kind and dates, no parent,
//! and a note saying why — so no fact is dropped for crossing the edge of the view.

use crate::model::{Dated, Model, Note, Ref};
use crate::org::{EntityId, EntitySet, Holder, Org};

use super::View;

/// The note a stub carries.
pub const STUB_NOTE: &str = "A stub: this file was cut to a part of the model (--root, --depth, --as-of \
     or --filter) that does not hold this entity, only facts that name it.";

pub struct Narrowed {
    pub model: Model,
    /// The entities outside the view kept as stubs, in the order facts first name them.
    pub stubs: Vec<EntityId>,
}

/// The entities facts name outside the view, each once.
struct Outside<'a> {
    view: &'a View,
    seen: EntitySet,
    stubs: Vec<EntityId>,
}

impl Outside<'_> {
    fn name(&mut self, end: Option<EntityId>) {
        if let Some(id) = end
            && !self.view.contains(id)
            && self.seen.insert(id)
        {
            self.stubs.push(id);
        }
    }
}

pub fn narrowed(org: &Org, view: &View) -> Narrowed {
    let m = &org.model;
    let has = |r: &Ref| view.has(org, r);
    let mut outside = Outside {
        view,
        seen: EntitySet::new(org),
        stubs: Vec::new(),
    };
    let mut entities: Vec<_> = view
        .order
        .iter()
        .map(|&(id, _)| {
            let mut e = org.entity(id).clone();
            // Only the parents in view are kept: a period under a parent outside it goes.
            e.parent = match e.parent.take() {
                Some(Dated::Always(p)) if has(&p) => Some(Dated::Always(p)),
                Some(Dated::Periods(mut spans)) => {
                    spans.retain(|s| has(&s.value));
                    (!spans.is_empty()).then_some(Dated::Periods(spans))
                }
                _ => None,
            };
            e
        })
        .collect();
    let stakes = org
        .stakes()
        .filter(|s| view.has_end(s.owner_entity()) || view.has_end(s.owned))
        .map(|s| {
            // People are all written: only entities outside the view become stubs.
            outside.name(s.owner_entity());
            outside.name(s.owned);
            outside.name(s.on_behalf_of.and_then(Holder::entity));
            s.stake.clone()
        })
        .collect();
    let roles = org
        .roles()
        .filter(|r| view.has_end(r.entity))
        .map(|r| r.role.clone())
        .collect();
    let relations = org
        .relations()
        .filter(|r| view.has_end(r.from) || view.has_end(r.to))
        .map(|r| {
            outside.name(r.from);
            outside.name(r.to);
            r.relation.clone()
        })
        .collect();
    let events = m
        .events
        .iter()
        .filter(|e| e.entities.iter().any(has))
        .map(|e| {
            for r in &e.entities {
                outside.name(org.find_entity(r));
            }
            e.clone()
        })
        .collect();
    entities.extend(outside.stubs.iter().map(|&id| stub(org, id)));
    Narrowed {
        model: Model {
            title: m.title.clone(),
            description: m.description.clone(),
            as_of: m.as_of.clone(),
            sources: m.sources.clone(),
            entities,
            people: m.people.clone(),
            stakes,
            roles,
            relations,
            events,
        },
        stubs: outside.stubs,
    }
}

/// An entity outside the view, as much of it as facts in view need: no place in the tree and
/// none of its own facts, which the view does not carry.
fn stub(org: &Org, id: EntityId) -> crate::model::Entity {
    let mut e = org.entity(id).clone();
    e.parent = None;
    e.description = None;
    e.more_mut().attributes.clear();
    e.more_mut().competing.clear();
    e.more_mut().notes = vec![Note {
        text: STUB_NOTE.to_owned(),
        sources: Vec::new(),
    }];
    e
}
