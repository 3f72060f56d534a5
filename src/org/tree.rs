//! The org as a tree: parents, children and siblings in file order, depths, paths, and a walk
//! down from some entities that never recurses.

use super::{EntityId, Org};

impl Org {
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
