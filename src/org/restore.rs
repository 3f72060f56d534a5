//! An org read back from the model cache (`load::cache`): what the archive leaves out is
//! rebuilt, and what it holds is checked to be in range before anything looks it up.
//!
//! The archive itself was validated byte for byte (rkyv's bytecheck) and its checksum matched,
//! so it is an org this program wrote. What is checked here is what an org's lookups index
//! with, so that even an archive that passed those checks by accident cannot make a lookup
//! fail: every id names an item that exists, every index's rows lie inside it, every event is
//! listed once in date order, no id is given twice, and no share divides by zero. The model's
//! text fields need no check: they are sanitized wherever they are shown, as a model file's are.

use super::{EntityId, Holder, IdIndex, Org, PersonId};

impl Org {
    /// The org `archived` holds, with its id lookups rebuilt; `None` when anything in it is out
    /// of range (see the module comment).
    pub fn restored(mut archived: Org) -> Option<Org> {
        // The entities' lookup, the largest, is built beside the checks.
        let (in_range, entity_ids) = std::thread::scope(|scope| {
            let model = &archived.model;
            let entities =
                scope.spawn(|| lookup(model.entities.iter().map(|e| e.id.value.as_str())));
            (archived.in_range(), entities.join().ok().flatten())
        });
        if !in_range {
            return None;
        }
        let model = &archived.model;
        archived.person_ids = lookup(model.people.iter().map(|p| p.id.value.as_str()))?;
        archived.source_ids = lookup(model.sources.iter().map(|s| s.id.value.as_str()))?;
        archived.entity_ids = entity_ids?;
        Some(archived)
    }

    fn in_range(&self) -> bool {
        let m = &self.model;
        let (entities, people) = (m.entities.len(), m.people.len());
        let entity = |id: EntityId| id.index() < entities;
        let person = |id: PersonId| id.index() < people;
        let holder = |h: Holder| match h {
            Holder::Entity(e) => entity(e),
            Holder::Person(p) => person(p),
        };
        let indexes = [
            (&self.parents.of, entities, self.parents.links.len()),
            (&self.stakes_in, entities, m.stakes.len()),
            (&self.stakes_held, entities, m.stakes.len()),
            (&self.stakes_for, entities, m.stakes.len()),
            (&self.stakes_of_person, people, m.stakes.len()),
            (&self.roles_in, entities, m.roles.len()),
            (&self.roles_of, people, m.roles.len()),
            (&self.relations_of, entities, m.relations.len()),
            (&self.events_of, entities, m.events.len()),
            (&self.events_of_person, people, m.events.len()),
        ];
        let mut by_date = self.by_date.clone();
        by_date.sort_unstable();
        indexes
            .iter()
            .all(|&(index, keys, items)| index.is_within(keys, items))
            && self.parents.links.iter().all(|l| entity(l.parent))
            && self.stake_ends.len() == m.stakes.len()
            && self.stake_ends.iter().all(|s| {
                s.owner.is_none_or(holder)
                    && s.owned.is_none_or(entity)
                    && s.on_behalf_of.is_none_or(holder)
            })
            && self.role_ends.len() == m.roles.len()
            && self
                .role_ends
                .iter()
                .all(|r| r.entity.is_none_or(entity) && r.person.is_none_or(person))
            && self.relation_ends.len() == m.relations.len()
            && self
                .relation_ends
                .iter()
                .all(|r| r.from.is_none_or(entity) && r.to.is_none_or(entity))
            && by_date
                .iter()
                .copied()
                .eq(0..u32::try_from(m.events.len()).unwrap_or(u32::MAX))
            && m.stakes.iter().all(|s| {
                s.share
                    .as_ref()
                    .is_none_or(|share| *share.low().denom() != 0 && *share.high().denom() != 0)
            })
    }
}

/// The lookup of `ids` (item `n` has the `n`th), or `None` when one is given twice.
fn lookup<'a>(ids: impl Iterator<Item = &'a str>) -> Option<IdIndex> {
    let ids: Vec<&str> = ids.collect();
    let mut repeated = false;
    let index = IdIndex::build(&ids, |_, _| repeated = true);
    (!repeated).then_some(index)
}

#[cfg(test)]
mod tests {
    use crate::load::load_embedded;
    use crate::model::Fraction;

    use super::*;

    fn org() -> Org {
        load_embedded().expect("the shipped model loads").org
    }

    #[test]
    fn a_whole_org_is_restored_with_its_lookups() {
        let org = org();
        let id = org.model.entities[3].id.value.clone();
        let restored = Org::restored(org.clone()).expect("in range");
        assert_eq!(restored.find_entity(&id), Some(EntityId(3)));
        let person = org.model.people[0].id.value.clone();
        assert_eq!(restored.find_person(&person), Some(PersonId(0)));
    }

    #[test]
    fn an_archived_org_comes_back_with_every_index() {
        let org = org();
        let bytes = rkyv::to_bytes::<rkyv::rancor::Error>(&org).unwrap();
        let back = rkyv::from_bytes::<Org, rkyv::rancor::Error>(&bytes).unwrap();
        let back = Org::restored(back).unwrap();
        // Every field but the id lookups (hashed with a seed of their own) and the trees.
        let indexes = |o: &Org| {
            format!(
                "{:?}",
                (
                    &o.model,
                    &o.parents,
                    [
                        &o.stakes_in,
                        &o.stakes_held,
                        &o.stakes_for,
                        &o.stakes_of_person
                    ],
                    [&o.roles_in, &o.roles_of, &o.relations_of, &o.events_of],
                    &o.events_of_person,
                    (&o.stake_ends, &o.role_ends, &o.relation_ends),
                    (&o.by_date, &o.change_days),
                )
            )
        };
        assert_eq!(indexes(&org), indexes(&back));
        for (n, e) in org.model.entities.iter().enumerate() {
            assert_eq!(
                back.find_entity(&e.id.value),
                Some(EntityId(u32::try_from(n).unwrap()))
            );
        }
        for (n, s) in org.model.sources.iter().enumerate() {
            assert_eq!(
                back.find_source(&s.id.value),
                Some(super::super::SourceId(u32::try_from(n).unwrap()))
            );
        }
    }

    #[test]
    fn an_org_with_anything_out_of_range_is_refused() {
        type Breakage = (&'static str, fn(&mut Org));
        let breakages: [Breakage; 9] = [
            ("a parent past the end", |o| {
                o.parents.links[0].parent = EntityId(u32::MAX);
            }),
            ("an index row past its items", |o| {
                let end = o.stakes_in.offsets.len() - 1;
                o.stakes_in.offsets[end] += 1;
            }),
            ("an index item past the end", |o| {
                o.roles_in.items[0] = u32::MAX
            }),
            ("an index with a row too few", |o| {
                o.events_of.offsets.pop();
            }),
            ("a stake's owner past the end", |o| {
                o.stake_ends[0].owner = Some(Holder::Person(PersonId(u32::MAX)));
            }),
            ("a role's person past the end", |o| {
                o.role_ends[0].person = Some(PersonId(u32::MAX));
            }),
            ("an event listed twice by date", |o| {
                o.by_date[0] = o.by_date[1]
            }),
            ("a share over zero", |o| {
                let share = o.model.stakes.iter_mut().find_map(|s| s.share.as_mut());
                if let Some(crate::model::Share::Exact(v)) = share.map(|s| &mut s.value) {
                    v.value = Fraction::new_raw(1, 0);
                }
            }),
            ("an id given twice", |o| {
                o.model.entities[1].id = o.model.entities[0].id.clone();
            }),
        ];
        assert!(Org::restored(org()).is_some());
        for (what, breakage) in breakages {
            let mut broken = org();
            breakage(&mut broken);
            assert!(Org::restored(broken).is_none(), "{what}");
        }
    }
}
