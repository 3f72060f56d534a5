//! Turns a model into an [`Org`]: resolves every reference (see `resolve`), then builds the
//! tree and the indexes by entity and person.

use crate::diagnostic::Diagnostic;
use crate::model::Model;

use super::resolve::Resolver;
use super::{
    Adjacency, EntityId, EntityMap, Holder, Org, PersonId, RelationEnds, RoleEnds, StakeEnds,
};

fn number(n: usize) -> u32 {
    // Models are bounded well below 4 billion items by the file-size limit.
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// Resolves `model` into an org. Problems are returned alongside; the org is complete only when
/// none of them is an error.
pub(super) fn build(model: Model) -> (Org, Vec<Diagnostic>) {
    let mut r = Resolver::new(&model);
    let entity_count = model.entities.len();

    let mut parent = vec![None; entity_count];
    for (n, e) in model.entities.iter().enumerate() {
        if let Some(p) = &e.parent {
            parent[n] = r.entity(p, "parent").map(EntityId);
        }
        r.sources(&e.sources);
        r.notes(&e.notes);
        r.competing(&e.competing);
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

    let children = Adjacency::build(
        entity_count,
        parent
            .iter()
            .enumerate()
            .filter_map(|(n, p)| p.map(|p| (p.0, number(n)))),
    );
    let depth = depths(&parent);
    let roots = parent
        .iter()
        .enumerate()
        .filter(|(_, p)| p.is_none())
        .map(|(n, _)| number(n))
        .collect::<Vec<u32>>();
    // Each entity's index among its siblings, for stepping from one to the next.
    let mut position = vec![0u32; entity_count];
    for siblings in
        std::iter::once(roots.as_slice()).chain((0..entity_count).map(|n| children.get(number(n))))
    {
        for (i, &n) in siblings.iter().enumerate() {
            position[n as usize] = number(i);
        }
    }
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
        parent: EntityMap::from_vec(parent),
        depth: EntityMap::from_vec(depth),
        children,
        roots,
        position: EntityMap::from_vec(position),
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
        by_date: by_date.iter().map(|&n| number(n)).collect(),
        model,
    };
    (org, diagnostics)
}

/// Each entity's depth, walking up each chain of parents once. An entity on a parent cycle (an
/// error validation reports) counts the cycle as reaching a root.
fn depths(parent: &[Option<EntityId>]) -> Vec<u32> {
    const UNKNOWN: u32 = u32::MAX;
    let mut depth = vec![UNKNOWN; parent.len()];
    let mut on_path = vec![false; parent.len()];
    let mut path = Vec::new();
    for start in 0..parent.len() {
        // Up from `start` to a root, an entity of known depth, or a cycle.
        let mut at = Some(start);
        let mut base = 0;
        while let Some(a) = at {
            if depth[a] != UNKNOWN {
                base = depth[a].saturating_add(1);
                break;
            }
            if on_path[a] {
                break;
            }
            on_path[a] = true;
            path.push(a);
            at = parent[a].map(EntityId::index);
        }
        for (i, e) in path.drain(..).rev().enumerate() {
            depth[e] = base.saturating_add(number(i));
            on_path[e] = false;
        }
    }
    depth
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn depths_follow_parents_and_survive_a_cycle() {
        let p = |n: u32| Some(EntityId(n));
        // 0 ← 1 ← 2, 3 a root, 4 ↔ 5 a cycle, 6 under the cycle.
        let parent = [None, p(0), p(1), None, p(5), p(4), p(5)];
        let depth = depths(&parent);
        assert_eq!(&depth[..4], &[0, 1, 2, 0]);
        assert!(depth[4] <= 2 && depth[5] <= 2 && depth[6] <= 3);
    }
}
