//! The org as a tree at one date: parents, children and siblings in file order, depths, paths,
//! and a walk down from some entities that never recurses. Which parent is in force depends on
//! the date (`org::placing` builds a tree for a day); a [`Tree`] answers for the day it was
//! built for.

use super::{Adjacency, EntityId, EntityMap, EntitySet};

/// The tree of an org at one date.
#[derive(Debug, Clone, Default)]
pub struct Tree {
    parent: EntityMap<Option<EntityId>>,
    /// Each entity's depth, 0 for a root: a deep tree asks it of every row on screen.
    depth: EntityMap<u32>,
    children: Adjacency,
    roots: Vec<u32>,
    /// Each entity's index among its siblings (the children of its parent, or the roots).
    position: EntityMap<u32>,
    /// The entities placed under a nearer ancestor than their parent in force (or made roots),
    /// because that parent does not exist at the date.
    lifted: EntitySet,
}

fn number(n: usize) -> u32 {
    // Models are bounded well below 4 billion entities by the file-size limit.
    u32::try_from(n).unwrap_or(u32::MAX)
}

impl Tree {
    /// The tree of these parents (by entity number); `lifted` marks the entities placed above
    /// their own parent.
    pub(super) fn new(parent: Vec<Option<EntityId>>, lifted: EntitySet) -> Tree {
        let count = parent.len();
        let children = Adjacency::build(
            count,
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
        let position = positions(count, &roots, &children);
        Tree {
            parent: EntityMap::from_vec(parent),
            depth: EntityMap::from_vec(depth),
            children,
            roots,
            position: EntityMap::from_vec(position),
            lifted,
        }
    }

    /// The same tree with the roots, and each entity's children, in the order of `key` (the
    /// smallest first; ties keep the order of this tree). Parents, depths and what is lifted
    /// are this tree's: only the order among siblings changes. A view sorts its tree this way;
    /// the org is not touched.
    pub fn reordered<K: Ord>(&self, mut key: impl FnMut(EntityId) -> K) -> Tree {
        let mut sorted = self.clone();
        let mut sort = |siblings: &mut [u32]| {
            if siblings.len() > 1 {
                siblings
                    .sort_by_cached_key(|&n| (key(EntityId(n)), self.sibling_index(EntityId(n))));
            }
        };
        sort(&mut sorted.roots);
        for w in 0..sorted.children.offsets.len().saturating_sub(1) {
            let (start, end) = (sorted.children.offsets[w], sorted.children.offsets[w + 1]);
            if let Some(siblings) = sorted.children.items.get_mut(start as usize..end as usize) {
                sort(siblings);
            }
        }
        let position = positions(self.len(), &sorted.roots, &sorted.children);
        sorted.position = EntityMap::from_vec(position);
        sorted
    }

    /// The empty set of the tree's entities.
    pub fn empty_set(&self) -> EntitySet {
        EntitySet::empty(self.len())
    }

    /// How many entities the tree places.
    pub fn len(&self) -> usize {
        self.parent.len()
    }

    pub fn is_empty(&self) -> bool {
        self.parent.is_empty()
    }

    pub fn parent(&self, id: EntityId) -> Option<EntityId> {
        self.parent.get(id).copied().flatten()
    }

    /// Whether `id` is placed above its parent in force, which does not exist at the date.
    pub fn is_lifted(&self, id: EntityId) -> bool {
        self.lifted.contains(id)
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

    /// How deep `id` sits: 0 for a root. Computed once, when the tree was built.
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
}

/// Each entity's index among its siblings: the roots, or the children of one parent.
fn positions(count: usize, roots: &[u32], children: &Adjacency) -> Vec<u32> {
    let mut position = vec![0u32; count];
    for siblings in std::iter::once(roots).chain((0..count).map(|n| children.get(number(n)))) {
        for (i, &n) in siblings.iter().enumerate() {
            if let Some(slot) = position.get_mut(n as usize) {
                *slot = number(i);
            }
        }
    }
    position
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

/// One entity met by [`Tree::walk`].
#[derive(Debug, Clone, Copy)]
pub struct Visit<'a> {
    pub id: EntityId,
    /// 0 for the entities the walk started from.
    pub depth: usize,
    /// For each level from the top down to this entity, whether the entity on the path at
    /// that level is the last of its siblings: what a tree drawing needs for its rails.
    pub last: &'a [bool],
}

impl Tree {
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

    /// As [`Tree::walk`], visiting only the entities `keep` accepts (and not their subtrees);
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
