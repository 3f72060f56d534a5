//! Turns a model into an [`Org`]: resolves every reference (see `resolve`), then builds the
//! tree and the indexes by entity and person.

use crate::diagnostic::Diagnostic;
use crate::model::Model;

use super::placing::{ParentLink, Parents, TreeCache};
use super::resolve::Resolver;
use super::{Adjacency, EntityId, Holder, Org, PersonId, RelationEnds, RoleEnds, StakeEnds};

fn number(n: usize) -> u32 {
    // Models are bounded well below 4 billion items by the file-size limit.
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// Resolves `model` into an org. Problems are returned alongside; the org is complete only when
/// none of them is an error.
pub(super) fn build(model: Model) -> (Org, Vec<Diagnostic>) {
    let mut r = Resolver::new(&model);
    let entity_count = model.entities.len();

    let mut parent_links = Vec::new();
    let mut links = Vec::new();
    for (n, e) in model.entities.iter().enumerate() {
        for (p, period) in e.parent.iter().flat_map(|p| p.spans()) {
            if let Some(p) = r.entity(p, "parent") {
                parent_links.push((number(n), number(links.len())));
                links.push(ParentLink {
                    parent: EntityId(p),
                    period,
                });
            }
        }
        for (_, sources) in e.dated_periods() {
            r.sources(sources);
        }
        r.sources(&e.sources);
        r.notes(&e.more().notes);
        r.competing(&e.more().competing);
    }
    for p in &model.people {
        r.sources(&p.sources);
        r.notes(&p.notes);
    }

    let mut stake_ends = Vec::with_capacity(model.stakes.len());
    let mut beneficiaries = Vec::new();
    let mut of_person = Vec::new();
    for (n, s) in model.stakes.iter().enumerate() {
        let owner = r.holder(&s.owner, "owner");
        let owned = r.entity(&s.owned, "owned");
        let on_behalf_of = s
            .on_behalf_of
            .as_ref()
            .and_then(|b| r.holder(b, "on_behalf_of"));
        match on_behalf_of {
            Some(Holder::Entity(b)) => beneficiaries.push((b.0, number(n))),
            Some(Holder::Person(p)) => of_person.push((p.0, number(n))),
            None => {}
        }
        if let Some(Holder::Person(p)) = owner
            && owner != on_behalf_of
        {
            of_person.push((p.0, number(n)));
        }
        r.sources(&s.sources);
        r.notes(&s.notes);
        r.competing(&s.competing);
        stake_ends.push((owner, owned, on_behalf_of));
    }

    let mut role_ends = Vec::with_capacity(model.roles.len());
    for role in &model.roles {
        let person = role.person.as_ref().and_then(|p| r.person(p, "person"));
        let entity = r.entity(&role.entity, "entity");
        r.sources(&role.sources);
        r.notes(&role.notes);
        r.competing(&role.competing);
        role_ends.push((person, entity));
    }

    let mut relation_ends = Vec::with_capacity(model.relations.len());
    for rel in &model.relations {
        let from = r.entity(&rel.from, "from");
        let to = r.entity(&rel.to, "to");
        r.sources(&rel.sources);
        r.notes(&rel.notes);
        r.competing(&rel.competing);
        relation_ends.push((from, to));
    }

    // Events are indexed in date order, so each entity's history reads chronologically.
    let mut by_date: Vec<usize> = (0..model.events.len()).collect();
    by_date.sort_by_key(|&n| model.events[n].date.value);
    let mut event_entities = Vec::new();
    let mut event_people = Vec::new();
    for &n in &by_date {
        let event = &model.events[n];
        for e in &event.entities {
            if let Some(e) = r.entity(e, "entities") {
                event_entities.push((e, number(n)));
            }
        }
        for p in &event.people {
            if let Some(p) = r.person(p, "people") {
                event_people.push((p, number(n)));
            }
        }
        r.sources(&event.sources);
        r.notes(&event.notes);
        r.competing(&event.competing);
    }

    let Resolver {
        entities: entity_ids,
        people: person_ids,
        sources: source_ids,
        diagnostics,
        ..
    } = r;

    let parents = Parents {
        of: Adjacency::build(entity_count, parent_links.into_iter()),
        links,
        dated: model
            .entities
            .iter()
            .any(|e| e.parent.as_ref().is_some_and(|p| p.is_dated())),
    };
    let stakes_in = Adjacency::build(
        entity_count,
        stake_ends
            .iter()
            .enumerate()
            .filter_map(|(n, &(_, owned, _))| owned.map(|o| (o, number(n)))),
    );
    let stakes_held = Adjacency::build(
        entity_count,
        stake_ends
            .iter()
            .enumerate()
            .filter_map(|(n, &(owner, _, _))| {
                owner.and_then(Holder::entity).map(|o| (o.0, number(n)))
            }),
    );
    let stakes_for = Adjacency::build(entity_count, beneficiaries.iter().copied());
    // A person's stakes, in file order, each once.
    of_person.sort_by_key(|&(_, n)| n);
    let stakes_of_person = Adjacency::build(model.people.len(), of_person.iter().copied());
    let roles_in = Adjacency::build(
        entity_count,
        role_ends
            .iter()
            .enumerate()
            .filter_map(|(n, &(_, e))| e.map(|e| (e, number(n)))),
    );
    let roles_of = Adjacency::build(
        model.people.len(),
        role_ends
            .iter()
            .enumerate()
            .filter_map(|(n, &(p, _))| p.map(|p| (p, number(n)))),
    );
    let relations_of = Adjacency::build(
        entity_count,
        relation_ends
            .iter()
            .enumerate()
            .flat_map(|(n, &(from, to))| {
                // A relation of an entity with itself is listed once.
                let to = to.filter(|&t| Some(t) != from);
                from.into_iter().chain(to).map(move |e| (e, number(n)))
            }),
    );
    let events_of = Adjacency::build(entity_count, event_entities.iter().copied());
    let events_of_person = Adjacency::build(model.people.len(), event_people.iter().copied());

    let org = Org {
        entity_ids,
        person_ids,
        source_ids,
        parents,
        trees: TreeCache::default(),
        stakes_in,
        stakes_held,
        stakes_for,
        stakes_of_person,
        roles_in,
        roles_of,
        relations_of,
        events_of,
        events_of_person,
        stake_ends: stake_ends
            .iter()
            .map(|&(owner, owned, on_behalf_of)| StakeEnds {
                owner,
                owned: owned.map(EntityId),
                on_behalf_of,
            })
            .collect(),
        role_ends: role_ends
            .iter()
            .map(|&(person, entity)| RoleEnds {
                entity: entity.map(EntityId),
                person: person.map(PersonId),
            })
            .collect(),
        relation_ends: relation_ends
            .iter()
            .map(|&(from, to)| RelationEnds {
                from: from.map(EntityId),
                to: to.map(EntityId),
            })
            .collect(),
        change_days: change_days(&model, &by_date),
        by_date: by_date.iter().map(|&n| number(n)).collect(),
        model,
    };
    (org, diagnostics)
}

/// The days events happen on and the structure changes on, in order, once (see
/// [`Org::change_days`]).
fn change_days(model: &Model, by_date: &[usize]) -> Vec<crate::model::Day> {
    let mut days: Vec<_> = by_date
        .iter()
        .map(|&n| model.events[n].date.first_day())
        .collect();
    let events = days.len();
    for (period, _) in model.entities.iter().flat_map(|e| e.dated_periods()) {
        days.extend(period.start.map(|s| s.first_day()));
        days.extend(period.end.map(|e| e.last_day().next()));
    }
    // Event dates in order are days in order; only the structure's days need a sort.
    if days.len() > events {
        days.sort_unstable();
    }
    days.dedup();
    days
}
