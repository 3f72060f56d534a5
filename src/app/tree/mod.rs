//! The tree as the explorer shows it: which entities are expanded, which is selected, and which
//! is the first row on screen. Rows are never materialised: every step (next row, previous row,
//! page) walks the org from an entity, so a million entities cost nothing until they are shown.

use crate::org::{EntityId, EntitySet, Tree};

/// One row of the tree as drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Row {
    pub id: EntityId,
    pub depth: usize,
    pub has_children: bool,
    pub expanded: bool,
}

/// Expansion, selection and scroll position of the tree.
#[derive(Debug, Clone)]
pub struct TreeNav {
    expanded: EntitySet,
    /// Which entities the tree may show at all (a search, a date); `None` shows every one.
    shown: Option<EntitySet>,
    /// `None` only when the org has no entity.
    selected: Option<EntityId>,
    /// The first row on screen.
    top: Option<EntityId>,
    /// The subtree the tree is limited to (`--root`); `None` shows the whole tree.
    scope: Option<Scope>,
}

/// A subtree the tree is limited to: its root is the one root shown, and nothing outside it is.
#[derive(Debug, Clone)]
struct Scope {
    root: EntityId,
    inside: EntitySet,
}

impl TreeNav {
    /// The roots expanded, so their children show; the first root selected.
    pub fn new(tree: &Tree) -> Self {
        let mut expanded = tree.empty_set();
        for root in tree.roots() {
            expanded.insert(root);
        }
        let first = tree.roots().next();
        TreeNav {
            expanded,
            shown: None,
            selected: first,
            top: first,
            scope: None,
        }
    }

    /// Limits the tree to the subtree of `root`, expanded one level and selected (`None`: the
    /// whole tree again, the selection kept).
    pub fn set_scope(&mut self, tree: &Tree, root: Option<EntityId>) {
        self.scope = root.map(|root| Scope {
            root,
            inside: subtree(tree, root),
        });
        match root {
            Some(root) => {
                self.set_expanded(root, true);
                self.selected = Some(root);
                self.top = Some(root);
            }
            // The rows above the subtree come back on screen, as far as the selection allows.
            None => self.top = self.first_root(tree),
        }
        self.reveal_selection(tree);
    }

    /// The subtree the tree is limited to, as it is in `tree` (the tree of another date: what
    /// is under the root changes with the date).
    pub fn rescope(&mut self, tree: &Tree) {
        if let Some(scope) = &mut self.scope {
            scope.inside = subtree(tree, scope.root);
        }
    }

    /// Whether `id` is in the subtree the tree is limited to (always, when it is not).
    pub fn in_scope(&self, id: EntityId) -> bool {
        self.scope.as_ref().is_none_or(|s| s.inside.contains(id))
    }

    /// The root of the subtree the tree is limited to, if it is.
    pub fn scope(&self) -> Option<EntityId> {
        self.scope.as_ref().map(|s| s.root)
    }

    /// `id`'s parent as the tree shows it: none for the root of the scope.
    fn parent(&self, tree: &Tree, id: EntityId) -> Option<EntityId> {
        if self.scope() == Some(id) {
            return None;
        }
        tree.parent(id)
    }

    /// The roots the tree shows: the scope's root alone, or every root of the org.
    fn roots(&self, tree: &Tree) -> Vec<EntityId> {
        match self.scope() {
            Some(root) => vec![root],
            None => tree.roots().collect(),
        }
    }

    /// How deep `id`'s row is drawn: 0 for a root of the tree (the scope's root under `--root`).
    pub fn depth(&self, tree: &Tree, id: EntityId) -> usize {
        let base = self.scope().map_or(0, |root| tree.depth(root));
        tree.depth(id).saturating_sub(base)
    }

    /// Restricts the tree to the entities in `shown` (`None`: all of them). The selection moves
    /// to the nearest shown row if it is no longer shown.
    pub fn set_shown(&mut self, tree: &Tree, shown: Option<EntitySet>) {
        self.shown = shown;
        self.reveal_selection(tree);
    }

    /// Whether the filters let `id` be shown (expansion aside).
    pub fn is_shown(&self, id: EntityId) -> bool {
        self.shown.as_ref().is_none_or(|s| s.contains(id)) && self.in_scope(id)
    }

    /// The entities expanded now.
    pub fn expanded_entities(&self) -> Vec<EntityId> {
        self.expanded.iter().collect()
    }

    /// Expands exactly `ids`.
    pub fn set_expanded_only(&mut self, tree: &Tree, ids: &[EntityId]) {
        self.expanded.clear();
        for &id in ids {
            self.set_expanded(id, true);
        }
        self.reveal_selection(tree);
    }

    /// The expansion state, to put back later (a search expands what it finds).
    pub fn expansion(&self) -> EntitySet {
        self.expanded.clone()
    }

    /// Puts back an expansion saved from an org of this one's size.
    pub fn restore_expansion(&mut self, tree: &Tree, expanded: EntitySet) {
        if expanded.universe() == tree.len() {
            self.expanded = expanded;
        }
        self.reveal_selection(tree);
    }

    /// Expands every shown entity that has a shown child, so a search shows all it found.
    pub fn expand_shown(&mut self, tree: &Tree) {
        let Some(shown) = &self.shown else { return };
        for id in shown.iter() {
            if let Some(parent) = tree.parent(id) {
                self.expanded.insert(parent);
            }
        }
    }

    /// Expands `ids` too (what a search found to expand, so that all it shows is on a row).
    pub fn expand_also(&mut self, ids: &EntitySet) {
        self.expanded.union_with(ids);
    }

    fn first_root(&self, tree: &Tree) -> Option<EntityId> {
        match self.scope() {
            Some(root) => self.is_shown(root).then_some(root),
            None => tree.roots().find(|&r| self.is_shown(r)),
        }
    }

    fn last_root(&self, tree: &Tree) -> Option<EntityId> {
        self.roots(tree)
            .into_iter()
            .rev()
            .find(|&r| self.is_shown(r))
    }

    /// The first shown child of `id`.
    fn first_child(&self, tree: &Tree, id: EntityId) -> Option<EntityId> {
        tree.children(id).find(|&c| self.is_shown(c))
    }

    /// The last shown child of `id`.
    fn last_child(&self, tree: &Tree, id: EntityId) -> Option<EntityId> {
        let mut at = tree.last_child(id)?;
        loop {
            if self.is_shown(at) {
                return Some(at);
            }
            at = tree.prev_sibling(at)?;
        }
    }

    /// Whether `id` has a child to show.
    pub fn has_children(&self, tree: &Tree, id: EntityId) -> bool {
        self.first_child(tree, id).is_some()
    }

    fn next_sibling(&self, tree: &Tree, id: EntityId) -> Option<EntityId> {
        if self.scope() == Some(id) {
            return None;
        }
        let mut at = id;
        loop {
            at = tree.next_sibling(at)?;
            if self.is_shown(at) {
                return Some(at);
            }
        }
    }

    fn prev_sibling(&self, tree: &Tree, id: EntityId) -> Option<EntityId> {
        if self.scope() == Some(id) {
            return None;
        }
        let mut at = id;
        loop {
            at = tree.prev_sibling(at)?;
            if self.is_shown(at) {
                return Some(at);
            }
        }
    }

    pub fn selected(&self) -> Option<EntityId> {
        self.selected
    }

    pub fn top(&self) -> Option<EntityId> {
        self.top
    }

    pub fn is_expanded(&self, id: EntityId) -> bool {
        self.expanded.contains(id)
    }

    fn set_expanded(&mut self, id: EntityId, on: bool) {
        self.expanded.set(id, on);
    }

    /// Whether `id` is on a row: it and its ancestors are shown, every ancestor expanded.
    pub fn is_visible(&self, tree: &Tree, id: EntityId) -> bool {
        if !self.is_shown(id) {
            return false;
        }
        let mut at = id;
        while let Some(parent) = self.parent(tree, at) {
            if !self.is_expanded(parent) || !self.is_shown(parent) {
                return false;
            }
            at = parent;
        }
        true
    }

    /// The row below `id`'s row.
    pub fn next_row(&self, tree: &Tree, id: EntityId) -> Option<EntityId> {
        if self.is_expanded(id)
            && let Some(child) = self.first_child(tree, id)
        {
            return Some(child);
        }
        let mut at = id;
        loop {
            if let Some(next) = self.next_sibling(tree, at) {
                return Some(next);
            }
            at = self.parent(tree, at)?;
        }
    }

    /// The row above `id`'s row.
    pub fn prev_row(&self, tree: &Tree, id: EntityId) -> Option<EntityId> {
        match self.prev_sibling(tree, id) {
            Some(prev) => Some(self.last_row_under(tree, prev)),
            None => self.parent(tree, id),
        }
    }

    /// The last row of `id`'s visible subtree.
    fn last_row_under(&self, tree: &Tree, id: EntityId) -> EntityId {
        let mut at = id;
        while self.is_expanded(at)
            && let Some(last) = self.last_child(tree, at)
        {
            at = last;
        }
        at
    }

    /// The very last row.
    fn last_row(&self, tree: &Tree) -> Option<EntityId> {
        self.last_root(tree)
            .map(|root| self.last_row_under(tree, root))
    }

    /// The row `steps` below (or above, when negative) `id`'s, stopping at the ends.
    fn step(&self, tree: &Tree, id: EntityId, steps: isize) -> EntityId {
        let mut at = id;
        for _ in 0..steps.unsigned_abs() {
            let next = if steps > 0 {
                self.next_row(tree, at)
            } else {
                self.prev_row(tree, at)
            };
            match next {
                Some(next) => at = next,
                None => break,
            }
        }
        at
    }

    /// The rows on screen: up to `height` of them, from the top one.
    pub fn rows(&self, tree: &Tree, height: usize) -> Vec<Row> {
        let mut rows = Vec::with_capacity(height);
        let mut at = self.top;
        while let Some(id) = at {
            if rows.len() == height {
                break;
            }
            rows.push(Row {
                id,
                depth: self.depth(tree, id),
                has_children: self.has_children(tree, id),
                expanded: self.is_expanded(id),
            });
            at = self.next_row(tree, id);
        }
        rows
    }
}

/// `root` and everything under it in `tree`.
fn subtree(tree: &Tree, root: EntityId) -> EntitySet {
    let mut inside = tree.empty_set();
    tree.walk(&[root], None, |visit| {
        inside.insert(visit.id);
        std::ops::ControlFlow::Continue(())
    });
    inside
}

mod moves;
mod scroll;
