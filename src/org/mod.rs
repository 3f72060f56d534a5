//! A valid model with its references resolved: the tree, and for each entity and person the
//! stakes, roles, relations and events that concern them. Built once after loading; everything
//! downstream (dumps, the explorer) asks questions of an [`Org`].

mod adjacency;
mod build;
mod by_entity;
mod ids;
mod validate;

use crate::diagnostic::Diagnostic;
use crate::model::{Day, Entity, Event, Model, Person, Role, Source, Stake};

use adjacency::Adjacency;
use ids::IdIndex;

pub use by_entity::{EntityMap, EntitySet};

/// An entity's number in [`Model::entities`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct EntityId(pub u32);

impl EntityId {
    /// The entity's position in the model's list, and in the org's tables.
    fn index(self) -> usize {
        self.0 as usize
    }

    /// The entity at position `n`; positions fit in a u32, as when the ids were given (see
    /// `build`).
    fn from_index(n: usize) -> EntityId {
        EntityId(u32::try_from(n).unwrap_or(u32::MAX))
    }
}

/// A person's number in [`Model::people`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct PersonId(pub u32);

/// A source's number in [`Model::sources`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct SourceId(pub u32);

/// A valid model and its indexes.
#[derive(Debug, Clone, Default)]
pub struct Org {
    pub model: Model,
    entity_ids: IdIndex,
    person_ids: IdIndex,
    source_ids: IdIndex,
    parent: EntityMap<Option<EntityId>>,
    /// Each entity's depth, 0 for a root: a deep tree asks it of every row on screen.
    depth: EntityMap<u32>,
    children: Adjacency,
    roots: Vec<u32>,
    /// Each entity's index among its siblings (the children of its parent, or the roots).
    position: EntityMap<u32>,
    /// Stakes by owned entity, and by owner.
    stakes_in: Adjacency,
    stakes_held: Adjacency,
    /// Stakes others hold on an entity's behalf, by beneficiary.
    stakes_for: Adjacency,
    /// Roles by entity, and by person.
    roles_in: Adjacency,
    roles_of: Adjacency,
    /// Relations by either end.
    relations_of: Adjacency,
    /// Events by entity and by person, in date order.
    events_of: Adjacency,
    events_of_person: Adjacency,
    /// What each stake, role and relation refers to, resolved once (`None`: an unknown id).
    stake_ends: Vec<(Option<EntityId>, Option<EntityId>)>,
    role_entity: Vec<Option<EntityId>>,
    role_person: Vec<Option<PersonId>>,
    relation_ends: Vec<(Option<EntityId>, Option<EntityId>)>,
    /// Every event's index, in date order (stable: events of one date keep the model's order).
    by_date: Vec<u32>,
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
        &self.model.people[id.0 as usize]
    }

    pub fn source(&self, id: SourceId) -> &Source {
        &self.model.sources[id.0 as usize]
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
            .get(id, |n| &entities[n as usize].id.value)
            .map(EntityId)
    }

    /// The person whose id is `id`.
    pub fn find_person(&self, id: &str) -> Option<PersonId> {
        let people = &self.model.people;
        self.person_ids
            .get(id, |n| &people[n as usize].id.value)
            .map(PersonId)
    }

    /// The source whose id is `id`.
    pub fn find_source(&self, id: &str) -> Option<SourceId> {
        let sources = &self.model.sources;
        self.source_ids
            .get(id, |n| &sources[n as usize].id.value)
            .map(SourceId)
    }

    pub fn parent(&self, id: EntityId) -> Option<EntityId> {
        self.parent.get(id).copied().flatten()
    }

    /// Children in the order the file lists them.
    pub fn children(&self, id: EntityId) -> impl ExactSizeIterator<Item = EntityId> + '_ {
        self.children.get(id.0).iter().map(|&n| EntityId(n))
    }

    /// Entities without a parent, in file order.
    pub fn roots(&self) -> impl ExactSizeIterator<Item = EntityId> + '_ {
        self.roots.iter().map(|&n| EntityId(n))
    }

    /// The entities that share `id`'s parent (or the roots, for a root), `id` among them.
    fn siblings(&self, id: EntityId) -> &[u32] {
        match self.parent(id) {
            Some(parent) => self.children.get(parent.0),
            None => &self.roots,
        }
    }

    /// `id`'s index among its siblings.
    pub fn sibling_index(&self, id: EntityId) -> usize {
        self.position.get(id).map_or(0, |&p| p as usize)
    }

    /// The sibling after `id`, in file order.
    pub fn next_sibling(&self, id: EntityId) -> Option<EntityId> {
        let at = *self.position.get(id)? as usize;
        self.siblings(id).get(at + 1).map(|&n| EntityId(n))
    }

    /// The sibling before `id`, in file order.
    pub fn prev_sibling(&self, id: EntityId) -> Option<EntityId> {
        let at = *self.position.get(id)? as usize;
        let before = at.checked_sub(1)?;
        self.siblings(id).get(before).map(|&n| EntityId(n))
    }

    /// The last child of `id`.
    pub fn last_child(&self, id: EntityId) -> Option<EntityId> {
        self.children.get(id.0).last().map(|&n| EntityId(n))
    }

    pub fn has_children(&self, id: EntityId) -> bool {
        !self.children.get(id.0).is_empty()
    }

    /// How deep `id` sits: 0 for a root. Computed once, at build.
    pub fn depth(&self, id: EntityId) -> usize {
        self.depth.get(id).map_or(0, |&d| d as usize)
    }

    /// The ancestor of `id` at `depth` (`id` itself at its own depth), `None` when `id` is not
    /// that deep.
    pub fn ancestor_at(&self, id: EntityId, depth: usize) -> Option<EntityId> {
        let mut at = id;
        for _ in 0..self.depth(id).checked_sub(depth)? {
            at = self.parent(at)?;
        }
        Some(at)
    }

    /// Whether `ancestor` is `id` or one of its ancestors, in as many steps as the depths differ.
    pub fn is_within(&self, id: EntityId, ancestor: EntityId) -> bool {
        self.ancestor_at(id, self.depth(ancestor)) == Some(ancestor)
    }

    /// The entity and its ancestors, from the root down.
    pub fn path(&self, id: EntityId) -> Vec<EntityId> {
        let mut path = vec![id];
        // A valid org has no cycle; the bound keeps a broken one from looping.
        while let Some(parent) = self.parent(path[path.len() - 1]) {
            if path.len() > self.parent.len() {
                break;
            }
            path.push(parent);
        }
        path.reverse();
        path
    }

    /// Every stake held in `id` (its owners), in file order.
    pub fn stakes_in(&self, id: EntityId) -> impl Iterator<Item = &Stake> + '_ {
        self.stakes_in
            .get(id.0)
            .iter()
            .map(|&n| &self.model.stakes[n as usize])
    }

    /// Every stake `id` holds in others, in file order.
    pub fn stakes_held(&self, id: EntityId) -> impl Iterator<Item = &Stake> + '_ {
        self.stakes_held
            .get(id.0)
            .iter()
            .map(|&n| &self.model.stakes[n as usize])
    }

    /// Every stake others hold on behalf of `id`, in file order.
    pub fn stakes_held_for(&self, id: EntityId) -> impl Iterator<Item = &Stake> + '_ {
        self.stakes_for
            .get(id.0)
            .iter()
            .map(|&n| &self.model.stakes[n as usize])
    }

    /// The stakes in `id` in force on `day`.
    pub fn owners_at(&self, id: EntityId, day: Day) -> impl Iterator<Item = &Stake> + '_ {
        self.stakes_in(id)
            .filter(move |s| self.stake_in_force(s, day))
    }

    /// Whether a stake holds on `day`: within its period, while both its owner and what it owns
    /// exist.
    pub fn stake_in_force(&self, stake: &Stake, day: Day) -> bool {
        let ends = resolved(&self.model.stakes, stake, &self.stake_ends, || {
            (
                self.find_entity(&stake.owner),
                self.find_entity(&stake.owned),
            )
        });
        stake.period().contains(day) && self.ends_exist(ends, day)
    }

    /// Whether a role holds on `day`: within its period, while its entity exists.
    pub fn role_in_force(&self, role: &Role, day: Day) -> bool {
        let entity = resolved(&self.model.roles, role, &self.role_entity, || {
            self.find_entity(&role.entity)
        });
        role.period().contains(day) && entity.is_none_or(|e| self.exists_at(e, day))
    }

    /// The name of the entity with id `r`, or the id itself when no entity has it; safe to
    /// show.
    pub fn entity_name(&self, r: &str) -> String {
        let name = self
            .find_entity(r)
            .map_or(r, |id| self.entity(id).name.as_str());
        crate::sanitize::sanitize(name).into_owned()
    }

    /// The name of the person who holds `role`, or the id the role gives when no person has
    /// it; safe to show.
    pub fn holder_name(&self, role: &Role) -> String {
        let name = self
            .person_of(role)
            .map_or(role.person.value.as_str(), |p| self.person(p).name.as_str());
        crate::sanitize::sanitize(name).into_owned()
    }

    /// The person who holds `role`, when the id is known.
    pub fn person_of(&self, role: &Role) -> Option<PersonId> {
        resolved(&self.model.roles, role, &self.role_person, || {
            self.find_person(&role.person)
        })
    }

    /// Whether a relation holds on `day`: within its period, while both ends exist.
    pub fn relation_in_force(&self, relation: &crate::model::Relation, day: Day) -> bool {
        let ends = resolved(&self.model.relations, relation, &self.relation_ends, || {
            (
                self.find_entity(&relation.from),
                self.find_entity(&relation.to),
            )
        });
        relation.period().contains(day) && self.ends_exist(ends, day)
    }

    /// Whether both ends of a stake or relation exist on `day` (an unknown end does not count).
    fn ends_exist(&self, (a, b): (Option<EntityId>, Option<EntityId>), day: Day) -> bool {
        let exists = |e: Option<EntityId>| e.is_none_or(|e| self.exists_at(e, day));
        exists(a) && exists(b)
    }

    /// The roles in entity `id`, in file order.
    pub fn roles_in(&self, id: EntityId) -> impl Iterator<Item = &Role> + '_ {
        self.roles_in
            .get(id.0)
            .iter()
            .map(|&n| &self.model.roles[n as usize])
    }

    /// The roles a person has held, in file order.
    pub fn roles_of(&self, id: PersonId) -> impl Iterator<Item = &Role> + '_ {
        self.roles_of
            .get(id.0)
            .iter()
            .map(|&n| &self.model.roles[n as usize])
    }

    /// Relations with `id` at either end, in file order.
    pub fn relations_of(&self, id: EntityId) -> impl Iterator<Item = &crate::model::Relation> + '_ {
        self.relations_of
            .get(id.0)
            .iter()
            .map(|&n| &self.model.relations[n as usize])
    }

    /// Events involving entity `id`, in date order.
    /// Every event in date order, sorted once when the org was built.
    pub fn events_by_date(
        &self,
    ) -> impl DoubleEndedIterator<Item = &Event> + ExactSizeIterator + '_ {
        self.by_date.iter().map(|&n| &self.model.events[n as usize])
    }

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

    /// Whether `id` exists on `day`.
    pub fn exists_at(&self, id: EntityId, day: Day) -> bool {
        self.entity(id).lifetime().contains(day)
    }
}

/// One entity met by [`Org::walk`].
#[derive(Debug, Clone, Copy)]
pub struct Visit<'a> {
    pub id: EntityId,
    /// 0 for the entities the walk started from.
    pub depth: usize,
    /// For each level from the top down to this entity, whether the entity on the path at
    /// that level is the last of its siblings: what a tree drawing needs for its rails.
    pub last: &'a [bool],
}

impl Org {
    /// Visits `starts` and their descendants depth-first, in file order, down to `max_depth`
    /// levels (1 = the starts only). Iterative, so deep trees cannot overflow the stack.
    pub fn walk(
        &self,
        starts: &[EntityId],
        max_depth: Option<usize>,
        visit: impl FnMut(Visit<'_>) -> std::ops::ControlFlow<()>,
    ) {
        self.walk_where(starts, max_depth, |_| true, visit);
    }

    /// As [`Org::walk`], visiting only the entities `keep` accepts (and not their subtrees);
    /// `Visit::last` counts only kept siblings.
    pub fn walk_where(
        &self,
        starts: &[EntityId],
        max_depth: Option<usize>,
        keep: impl Fn(EntityId) -> bool,
        mut visit: impl FnMut(Visit<'_>) -> std::ops::ControlFlow<()>,
    ) {
        let kept = |ids: &mut dyn Iterator<Item = EntityId>| -> Vec<EntityId> {
            ids.filter(|&id| keep(id)).collect()
        };
        // Each frame: one level's kept siblings, and how many of them were visited.
        let mut stack: Vec<(Vec<EntityId>, usize)> = vec![(kept(&mut starts.iter().copied()), 0)];
        let mut last: Vec<bool> = Vec::new();
        while let Some((siblings, next)) = stack.last_mut() {
            let Some(&id) = siblings.get(*next) else {
                stack.pop();
                continue;
            };
            *next += 1;
            let is_last = *next == siblings.len();
            let depth = stack.len() - 1;
            last.truncate(depth);
            last.push(is_last);
            if visit(Visit {
                id,
                depth,
                last: &last,
            })
            .is_break()
            {
                return;
            }
            if self.has_children(id) && max_depth.is_none_or(|max| depth + 1 < max) {
                let children = kept(&mut self.children(id));
                if !children.is_empty() {
                    stack.push((children, 0));
                }
            }
        }
    }
}

/// What `item` refers to: taken from `table`, resolved at build, when `item` is one of the
/// model's own `items`; else looked up now.
fn resolved<T, R: Copy>(items: &[T], item: &T, table: &[R], look_up: impl FnOnce() -> R) -> R {
    index_in(items, item).map_or_else(look_up, |n| table[n])
}

/// The position of `item` in `items` when it is one of them, found by its address, not its
/// value.
fn index_in<T>(items: &[T], item: &T) -> Option<usize> {
    let size = std::mem::size_of::<T>().max(1);
    let offset = (item as *const T as usize).wrapping_sub(items.as_ptr() as usize);
    (offset.is_multiple_of(size) && offset / size < items.len()).then_some(offset / size)
}

#[cfg(test)]
mod tests {
    use super::index_in;

    #[test]
    fn items_are_found_by_address_not_by_value() {
        let items = vec![String::from("a"), String::from("b"), String::from("b")];
        assert_eq!(index_in(&items, &items[0]), Some(0));
        assert_eq!(index_in(&items, &items[2]), Some(2));
        let copy = items[1].clone();
        assert_eq!(index_in(&items, &copy), None);
        let empty: Vec<String> = Vec::new();
        assert_eq!(index_in(&empty, &copy), None);
    }
}
