//! Sets and maps keyed by [`EntityId`], for the masks and per-entity values the views keep
//! (what the tree shows, what changed, what a search found): indexed by the id itself, so no
//! caller turns an id into a position.

use std::ops::{Index, IndexMut};

use fixedbitset::FixedBitSet;

use super::{EntityId, Org};

/// A set of the entities of one org: a bit per entity.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct EntitySet {
    /// Bit `n` is entity `n`; the set holds as many bits as the org has entities.
    bits: FixedBitSet,
}

impl EntitySet {
    /// The empty set of `org`'s entities.
    pub fn new(org: &Org) -> EntitySet {
        EntitySet::empty(org.entity_count())
    }

    pub(super) fn empty(universe: usize) -> EntitySet {
        EntitySet {
            bits: FixedBitSet::with_capacity(universe),
        }
    }

    /// The entities of `org` that `member` accepts.
    pub fn from_fn(org: &Org, mut member: impl FnMut(EntityId) -> bool) -> EntitySet {
        let mut set = EntitySet::new(org);
        for id in org.entity_ids() {
            if member(id) {
                set.insert(id);
            }
        }
        set
    }

    /// Every entity of `org`.
    pub fn all(org: &Org) -> EntitySet {
        let mut set = EntitySet::new(org);
        set.bits.insert_range(..);
        set
    }

    /// How many entities the set was made for.
    pub fn universe(&self) -> usize {
        self.bits.len()
    }

    /// Whether the set was made for an org of `org`'s size (a saved set, after a reload).
    pub fn fits(&self, org: &Org) -> bool {
        self.bits.len() == org.entity_count()
    }

    pub fn contains(&self, id: EntityId) -> bool {
        self.bits.contains(id.index())
    }

    /// Adds `id`; returns whether it was not there yet. An id of another org is ignored.
    pub fn insert(&mut self, id: EntityId) -> bool {
        let n = id.index();
        n < self.bits.len() && !self.bits.put(n)
    }

    /// Takes `id` out; returns whether it was there.
    pub fn remove(&mut self, id: EntityId) -> bool {
        let n = id.index();
        let was = self.bits.contains(n);
        if n < self.bits.len() {
            self.bits.set(n, false);
        }
        was
    }

    /// Puts `id` in or takes it out.
    pub fn set(&mut self, id: EntityId, member: bool) {
        if member {
            self.insert(id);
        } else {
            self.remove(id);
        }
    }

    /// Adds every entity of `other` (a set of the same org).
    pub fn union_with(&mut self, other: &EntitySet) {
        if other.bits.len() == self.bits.len() {
            self.bits.union_with(&other.bits);
        }
    }

    /// Takes every entity out.
    pub fn clear(&mut self) {
        self.bits.clear();
    }

    /// How many entities are in the set.
    pub fn len(&self) -> usize {
        self.bits.count_ones(..)
    }

    pub fn is_empty(&self) -> bool {
        self.bits.is_clear()
    }

    /// The entities in the set, in id order (the model's order).
    pub fn iter(&self) -> impl Iterator<Item = EntityId> + '_ {
        self.bits.ones().map(EntityId::from_index)
    }
}

/// A value for each entity of one org.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct EntityMap<T> {
    values: Vec<T>,
}

impl<T> EntityMap<T> {
    /// `value(id)` for each of `org`'s entities.
    pub fn from_fn(org: &Org, value: impl FnMut(EntityId) -> T) -> EntityMap<T> {
        EntityMap {
            values: org.entity_ids().map(value).collect(),
        }
    }

    /// `values[n]` for entity `n`: the org's own tables, as it builds them.
    pub(super) fn from_vec(values: Vec<T>) -> EntityMap<T> {
        EntityMap { values }
    }

    pub fn get(&self, id: EntityId) -> Option<&T> {
        self.values.get(id.index())
    }

    pub fn get_mut(&mut self, id: EntityId) -> Option<&mut T> {
        self.values.get_mut(id.index())
    }

    /// How many entities the map has a value for.
    pub fn len(&self) -> usize {
        self.values.len()
    }

    pub fn is_empty(&self) -> bool {
        self.values.is_empty()
    }
}

impl<T: Clone> EntityMap<T> {
    /// `value` for each of `org`'s entities.
    pub fn filled(org: &Org, value: T) -> EntityMap<T> {
        EntityMap {
            values: vec![value; org.entity_count()],
        }
    }
}

/// The value of an entity of the map's org; an id of another org panics, as an index past a
/// slice does.
impl<T> Index<EntityId> for EntityMap<T> {
    type Output = T;

    fn index(&self, id: EntityId) -> &T {
        &self.values[id.index()]
    }
}

impl<T> IndexMut<EntityId> for EntityMap<T> {
    fn index_mut(&mut self, id: EntityId) -> &mut T {
        &mut self.values[id.index()]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ids(set: &EntitySet) -> Vec<u32> {
        set.iter().map(|id| id.0).collect()
    }

    #[test]
    fn a_set_holds_ids_across_words_and_ignores_strangers() {
        let mut set = EntitySet::empty(130);
        assert!(set.is_empty());
        for n in [0, 63, 64, 129] {
            assert!(set.insert(EntityId(n)));
        }
        assert!(!set.insert(EntityId(64)), "already there");
        assert!(!set.insert(EntityId(130)), "past the org's entities");
        assert_eq!(ids(&set), [0, 63, 64, 129]);
        assert_eq!(set.len(), 4);
        assert!(set.contains(EntityId(63)) && !set.contains(EntityId(62)));
        assert!(!set.contains(EntityId(1000)));
        assert!(set.remove(EntityId(63)) && !set.remove(EntityId(63)));
        set.set(EntityId(1), true);
        assert_eq!(ids(&set), [0, 1, 64, 129]);
        set.clear();
        assert!(set.is_empty() && set.iter().next().is_none());
    }

    #[test]
    fn a_map_is_indexed_by_entity() {
        let mut map = EntityMap::from_vec(vec![0u32; 3]);
        map[EntityId(2)] = 7;
        assert_eq!(map.get(EntityId(2)), Some(&7));
        assert_eq!(map.get(EntityId(3)), None);
        assert_eq!(map.len(), 3);
    }
}
