//! A valid model with its references resolved: the tree, and for each entity and person the
//! stakes, roles, relations and events that concern them. Built once after loading; everything
//! downstream (dumps, the explorer) asks questions of an [`Org`].

mod adjacency;
mod build;
mod by_entity;
mod id_index;
mod ids;
mod names;
mod placing;
mod resolve;
mod restore;
mod tree;
mod validate;
mod views;

use crate::diagnostic::Diagnostic;
use crate::model::{Day, Entity, Event, Model, Person, Source};

use adjacency::Adjacency;
use id_index::IdIndex;
use placing::{Parents, TreeCache};
use views::{RelationEnds, RoleEnds, StakeEnds};

pub use by_entity::{EntityMap, EntitySet};
pub use ids::{EntityId, PersonId, RelationId, RoleId, SourceId, StakeId};
pub use placing::Placing;
pub use tree::{Tree, Visit};
pub use views::{Holder, RelationView, RoleView, StakeView};

/// A valid model and its indexes.
///
/// Archived whole by the model cache (`load::cache`), but for what is rebuilt on the way back
/// (`restore`): the id lookups, whose hashes are seeded afresh by each process, and the trees
/// built since.
#[derive(Debug, Clone, Default, rkyv::Archive, rkyv::Serialize, rkyv::Deserialize)]
pub struct Org {
    pub model: Model,
    #[rkyv(with = rkyv::with::Skip)]
    entity_ids: IdIndex,
    #[rkyv(with = rkyv::with::Skip)]
    person_ids: IdIndex,
    #[rkyv(with = rkyv::with::Skip)]
    source_ids: IdIndex,
    /// Each entity's parents over time, resolved.
    parents: Parents,
    /// The trees at the dates last asked for.
    #[rkyv(with = rkyv::with::Skip)]
    trees: TreeCache,
    /// Stakes by owned entity, and by owner.
    stakes_in: Adjacency,
    stakes_held: Adjacency,
    /// Stakes others hold on an entity's behalf, by beneficiary.
    stakes_for: Adjacency,
    /// Stakes a person holds or has held for them, by person.
    stakes_of_person: Adjacency,
    /// Roles by entity, and by person.
    roles_in: Adjacency,
    roles_of: Adjacency,
    /// Relations by either end.
    relations_of: Adjacency,
    /// Events by entity and by person, in date order.
    events_of: Adjacency,
    events_of_person: Adjacency,
    /// What each stake, role and relation refers to, resolved once, by its id.
    stake_ends: Vec<StakeEnds>,
    role_ends: Vec<RoleEnds>,
    relation_ends: Vec<RelationEnds>,
    /// Every event's index, in date order (stable: events of one date keep the model's order).
    by_date: Vec<u32>,
    /// The days something happens or the structure changes on, in order, once.
    change_days: Vec<Day>,
}

impl Org {
    /// Resolves and validates `model`. Returns the org and its warnings, or every problem found
    /// (errors and warnings) when there is at least one error.
    pub fn new(model: Model) -> Result<(Org, Vec<Diagnostic>), Vec<Diagnostic>> {
        let (org, mut diagnostics) = build::build(model);
        validate::check(&org, &mut diagnostics);
        if diagnostics.iter().any(Diagnostic::is_error) {
            Err(diagnostics)
        } else {
            Ok((org, diagnostics))
        }
    }

    pub fn entity(&self, id: EntityId) -> &Entity {
        &self.model.entities[id.index()]
    }

    pub fn person(&self, id: PersonId) -> &Person {
        &self.model.people[id.index()]
    }

    pub fn source(&self, id: SourceId) -> &Source {
        &self.model.sources[id.index()]
    }

    /// Whether `id` is one of this org's entities.
    pub fn has_entity(&self, id: EntityId) -> bool {
        id.index() < self.entity_count()
    }

    pub fn entity_count(&self) -> usize {
        self.model.entities.len()
    }

    /// Every entity's id, in the model's order.
    pub fn entity_ids(&self) -> impl ExactSizeIterator<Item = EntityId> + use<> {
        // Ids are u32s: models are bounded well below 4 billion entities by the file-size
        // limit, as when the ids were given (see `build`).
        let count = u32::try_from(self.entity_count()).unwrap_or(u32::MAX);
        (0..count).map(EntityId)
    }

    /// The entity whose id is `id`.
    pub fn find_entity(&self, id: &str) -> Option<EntityId> {
        let entities = &self.model.entities;
        self.entity_ids
            .get(id, |n| &entities[EntityId(n).index()].id.value)
            .map(EntityId)
    }

    /// The person whose id is `id`.
    pub fn find_person(&self, id: &str) -> Option<PersonId> {
        let people = &self.model.people;
        self.person_ids
            .get(id, |n| &people[PersonId(n).index()].id.value)
            .map(PersonId)
    }

    /// The source whose id is `id`.
    pub fn find_source(&self, id: &str) -> Option<SourceId> {
        let sources = &self.model.sources;
        self.source_ids
            .get(id, |n| &sources[SourceId(n).index()].id.value)
            .map(SourceId)
    }

    /// Whether `id` exists on `day`.
    pub fn exists_at(&self, id: EntityId, day: Day) -> bool {
        self.entity(id).lifetime().contains(day)
    }

    /// Every day an event happens on, or the structure changes on (a parent, a name or a
    /// kind written as periods starts, or stops holding the day after it ends), in order,
    /// once; found when the org was built. A partial date counts from its first day, as a
    /// `founded: 2014` or `start: 2014` does.
    pub fn change_days(&self) -> &[Day] {
        &self.change_days
    }

    /// Every event in date order, sorted once when the org was built.
    pub fn events_by_date(
        &self,
    ) -> impl DoubleEndedIterator<Item = &Event> + ExactSizeIterator + '_ {
        self.by_date.iter().map(|&n| &self.model.events[n as usize])
    }

    /// Events involving entity `id`, in date order.
    pub fn events_of(&self, id: EntityId) -> impl Iterator<Item = &Event> + '_ {
        self.events_of
            .get(id.0)
            .iter()
            .map(|&n| &self.model.events[n as usize])
    }

    /// Events involving person `id`, in date order.
    pub fn events_of_person(&self, id: PersonId) -> impl Iterator<Item = &Event> + '_ {
        self.events_of_person
            .get(id.0)
            .iter()
            .map(|&n| &self.model.events[n as usize])
    }
}
