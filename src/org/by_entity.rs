//! Sets and maps keyed by [`EntityId`], for the masks and per-entity values the views keep
//! (what the tree shows, what changed, what a search found): indexed by the id itself, so no
//! caller turns an id into a position.

use std::ops::{Index, IndexMut};

use super::{EntityId, Org};

/// A set of the entities of one org: a bit per entity.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct EntitySet {
    /// Bit `n % 64` of word `n / 64` is entity `n`; bits past `universe` stay clear.
    words: Vec<u64>,
    /// How many entities the org has: the ids the set can hold.
    universe: usize,
}

impl EntitySet {
    /// The empty set of `org`'s entities.
    pub fn new(org: &Org) -> EntitySet {
        EntitySet::empty(org.entity_count())
    }

    fn empty(universe: usize) -> EntitySet {
        EntitySet {
            words: vec![0; universe.div_ceil(64)],
            universe,
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
        EntitySet::from_fn(org, |_| true)
    }

    /// Whether the set was made for an org of `org`'s size (a saved set, after a reload).
    pub fn fits(&self, org: &Org) -> bool {
        self.universe == org.entity_count()
    }

    /// The word and the bit of `id`, when the set can hold it.
    fn slot(&self, id: EntityId) -> Option<(usize, u64)> {
        let n = id.index();
        (n < self.universe).then(|| (n / 64, 1 << (n % 64)))
    }

    pub fn contains(&self, id: EntityId) -> bool {
        self.slot(id)
            .is_some_and(|(word, bit)| self.words[word] & bit != 0)
    }

    /// Adds `id`; returns whether it was not there yet. An id of another org is ignored.
    pub fn insert(&mut self, id: EntityId) -> bool {
        let Some((word, bit)) = self.slot(id) else {
            return false;
        };
        let new = self.words[word] & bit == 0;
        self.words[word] |= bit;
        new
    }

    /// Takes `id` out; returns whether it was there.
    pub fn remove(&mut self, id: EntityId) -> bool {
        let Some((word, bit)) = self.slot(id) else {
            return false;
        };
        let was = self.words[word] & bit != 0;
        self.words[word] &= !bit;
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

    /// Takes every entity out.
    pub fn clear(&mut self) {
        self.words.iter_mut().for_each(|w| *w = 0);
    }

    /// How many entities are in the set.
    pub fn len(&self) -> usize {
        self.words.iter().map(|w| w.count_ones() as usize).sum()
    }

    pub fn is_empty(&self) -> bool {
        self.words.iter().all(|&w| w == 0)
    }

    /// The entities in the set, in id order (the model's order).
    pub fn iter(&self) -> impl Iterator<Item = EntityId> + '_ {
        self.words.iter().enumerate().flat_map(|(n, &word)| {
            let base = n * 64;
            Bits(word).map(move |bit| EntityId::from_index(base + bit))
        })
    }
}

/// The positions of the bits set in a word, lowest first.
struct Bits(u64);

impl Iterator for Bits {
    type Item = usize;

    fn next(&mut self) -> Option<usize> {
        if self.0 == 0 {
            return None;
        }
        let bit = self.0.trailing_zeros() as usize;
        self.0 &= self.0 - 1;
        Some(bit)
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
