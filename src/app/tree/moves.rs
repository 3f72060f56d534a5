//! Moving through the tree: selecting, stepping, folding, and expanding to a depth.

use std::cmp::Ordering;

use super::TreeNav;
use crate::org::{EntityId, Tree};

impl TreeNav {
    /// Selects `id`, expanding its ancestors so it is on a row.
    pub fn select(&mut self, tree: &Tree, id: EntityId) {
        let mut at = id;
        while let Some(parent) = tree.parent(at) {
            self.set_expanded(parent, true);
            at = parent;
        }
        self.selected = Some(id);
    }

    /// Moves the selection `steps` rows down (up when negative).
    pub fn move_by(&mut self, tree: &Tree, steps: isize) {
        if let Some(sel) = self.selected {
            self.selected = Some(self.step(tree, sel, steps));
        }
    }

    pub fn select_first(&mut self, tree: &Tree) {
        if let Some(first) = self.first_root(tree) {
            self.selected = Some(first);
        }
    }

    pub fn select_last(&mut self, tree: &Tree) {
        if let Some(last) = self.last_row(tree) {
            self.selected = Some(last);
        }
    }

    /// `h`: collapses the selected entity, or goes to its parent when there is nothing to
    /// collapse.
    pub fn collapse_or_parent(&mut self, tree: &Tree) {
        let Some(sel) = self.selected else { return };
        if self.is_expanded(sel) && self.has_children(tree, sel) {
            self.set_expanded(sel, false);
        } else if let Some(parent) = self.parent(tree, sel) {
            self.selected = Some(parent);
        }
    }

    /// `l`: expands the selected entity, or goes to its first child when already expanded.
    pub fn expand_or_child(&mut self, tree: &Tree) {
        let Some(sel) = self.selected else { return };
        if !self.has_children(tree, sel) {
            return;
        }
        if self.is_expanded(sel) {
            self.selected = self.first_child(tree, sel);
        } else {
            self.set_expanded(sel, true);
        }
    }

    /// Enter: expands or collapses the selected entity.
    pub fn toggle(&mut self, tree: &Tree) {
        if let Some(sel) = self.selected {
            self.toggle_at(tree, sel);
        }
    }

    /// Expands or collapses `id`; the selection moves up to `id` if it was hidden under it.
    pub fn toggle_at(&mut self, tree: &Tree, id: EntityId) {
        if self.has_children(tree, id) {
            let on = !self.is_expanded(id);
            self.set_expanded(id, on);
            self.reveal_selection(tree);
        }
    }

    /// `J`/`K`: the next or previous sibling, staying put at either end.
    pub fn sibling(&mut self, tree: &Tree, forward: bool) {
        let Some(sel) = self.selected else { return };
        let next = if forward {
            self.next_sibling(tree, sel)
        } else {
            self.prev_sibling(tree, sel)
        };
        if let Some(next) = next {
            self.selected = Some(next);
        }
    }

    /// `E`: expands the selected entity's whole subtree.
    pub fn expand_subtree(&mut self, tree: &Tree) {
        let Some(sel) = self.selected else { return };
        tree.walk(&[sel], None, |visit| {
            self.set_expanded(visit.id, true);
            std::ops::ControlFlow::Continue(())
        });
    }

    /// `C`: collapses everything; the selection moves up to its root.
    pub fn collapse_all(&mut self, tree: &Tree) {
        self.expanded.clear();
        self.reveal_selection(tree);
    }

    /// `1`–`9`: shows exactly `levels` levels of the tree.
    pub fn expand_to_depth(&mut self, tree: &Tree, levels: usize) {
        let roots = self.roots(tree);
        self.expanded.clear();
        // Showing n levels expands the entities of the first n - 1.
        if levels > 1 {
            tree.walk(&roots, Some(levels - 1), |visit| {
                self.set_expanded(visit.id, true);
                std::ops::ControlFlow::Continue(())
            });
        }
        self.reveal_selection(tree);
    }

    /// Moves the selection to its nearest ancestor on a row, and the top row likewise; to the
    /// first row when no ancestor is shown.
    pub(super) fn reveal_selection(&mut self, tree: &Tree) {
        let first = self.first_root(tree);
        self.selected = self
            .selected
            .and_then(|s| self.nearest_visible(tree, s))
            .or(first);
        self.top = self
            .top
            .and_then(|t| self.nearest_visible(tree, t))
            .or(first);
    }

    /// `id` or its nearest ancestor that is on a row.
    pub(super) fn nearest_visible(&self, tree: &Tree, id: EntityId) -> Option<EntityId> {
        let mut found = self.is_shown(id).then_some(id);
        let mut at = id;
        while let Some(parent) = self.parent(tree, at) {
            if !self.is_shown(parent) {
                found = None;
            } else if !self.is_expanded(parent) || found.is_none() {
                found = Some(parent);
            }
            at = parent;
        }
        found
    }

    /// Where `a` comes relative to `b` in the tree's order: up from both to the level where
    /// they part, without building either path.
    pub(super) fn order(tree: &Tree, a: EntityId, b: EntityId) -> Ordering {
        let (da, db) = (tree.depth(a), tree.depth(b));
        let level = da.min(db);
        let (Some(mut x), Some(mut y)) = (tree.ancestor_at(a, level), tree.ancestor_at(b, level))
        else {
            return da.cmp(&db);
        };
        if x == y {
            // One is the other or under it: the shallower comes first.
            return da.cmp(&db);
        }
        while let (Some(px), Some(py)) = (tree.parent(x), tree.parent(y)) {
            if px == py {
                break;
            }
            (x, y) = (px, py);
        }
        // Same parent (or both roots): their sibling positions decide.
        tree.sibling_index(x).cmp(&tree.sibling_index(y))
    }
}
