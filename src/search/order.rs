//! What a search does with its matches, in time that grows with the matches rather than with
//! the model: put them in tree order by each entity's depth-first rank, computed once per
//! tree, and mark the way to them by climbing from each match until an entity already marked.

use crate::org::{EntityId, EntitySet, Tree};

/// Not reached from a root: in a cycle of parents, which no walk of the tree visits.
const UNREACHED: u32 = u32::MAX;

/// Each entity's place in a depth-first walk of a tree, in file order: the order the tree
/// pane lists them in.
#[derive(Debug, Clone)]
pub struct TreeOrder {
    rank: Vec<u32>,
    /// The entities by rank: the walk itself.
    walk: Vec<EntityId>,
}

impl TreeOrder {
    /// The ranks of `tree`'s entities. Iterative: a deep tree cannot overflow the stack.
    pub fn new(tree: &Tree) -> TreeOrder {
        let mut rank = vec![UNREACHED; tree.len()];
        let mut next = 0u32;
        let mut walk = Vec::with_capacity(tree.len());
        let mut stack: Vec<EntityId> = tree.roots().collect();
        stack.reverse();
        let mut children = Vec::new();
        while let Some(id) = stack.pop() {
            let Some(slot) = rank.get_mut(id.0 as usize) else {
                continue;
            };
            if *slot != UNREACHED {
                continue;
            }
            *slot = next;
            next = next.saturating_add(1);
            walk.push(id);
            children.clear();
            children.extend(tree.children(id));
            stack.extend(children.iter().rev());
        }
        TreeOrder { rank, walk }
    }

    /// The entities in tree order: every one a walk of the tree reaches.
    pub fn walk(&self) -> &[EntityId] {
        &self.walk
    }

    /// How many entities the order ranks (reached or not).
    pub fn len(&self) -> usize {
        self.rank.len()
    }

    pub fn is_empty(&self) -> bool {
        self.rank.is_empty()
    }

    /// `id`'s rank, `None` when no walk of the tree reaches it.
    pub fn rank(&self, id: EntityId) -> Option<u32> {
        self.rank
            .get(id.0 as usize)
            .copied()
            .filter(|&r| r != UNREACHED)
    }

    /// `ids` (each once) in tree order, without those no walk reaches. Many ids are marked by
    /// rank in a bitset and read back in order, in time linear in the model's size over 64
    /// plus theirs; a few are sorted.
    pub fn sort(&self, ids: impl Iterator<Item = EntityId> + Clone) -> Vec<EntityId> {
        if ids.clone().nth(self.rank.len() / 64).is_none() {
            let mut ranked: Vec<(u32, EntityId)> = ids
                .filter_map(|id| self.rank(id).map(|r| (r, id)))
                .collect();
            ranked.sort_unstable();
            return ranked.into_iter().map(|(_, id)| id).collect();
        }
        let mut marks = fixedbitset::FixedBitSet::with_capacity(self.walk.len());
        for id in ids {
            if let Some(r) = self.rank(id) {
                marks.insert(r as usize);
            }
        }
        marks
            .ones()
            .filter_map(|r| self.walk.get(r).copied())
            .collect()
    }
}

/// The matches and the way to them in `tree`: every ancestor of a match. Each climb stops at
/// an entity already marked, whose own way up is marked already, so each entity is marked
/// once and a cycle of parents ends the climb.
pub fn with_ancestors(tree: &Tree, matches: impl IntoIterator<Item = EntityId>) -> EntitySet {
    let mut shown = tree.empty_set();
    for id in matches {
        let mut at = id;
        while shown.insert(at) {
            match tree.parent(at) {
                Some(parent) => at = parent,
                None => break,
            }
        }
    }
    shown
}
