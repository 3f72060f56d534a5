//! Keeping the selection on screen, and which entity a screen row shows.

use std::cmp::Ordering;

use super::TreeNav;
use crate::org::{EntityId, Tree};

impl TreeNav {
    /// Scrolls as little as possible so the selection is among the `height` rows on screen.
    pub fn scroll_to_selection(&mut self, tree: &Tree, height: usize) {
        self.reveal_selection(tree);
        let Some(sel) = self.selected else { return };
        let height = height.max(1);
        let top = match self.top {
            Some(top) if Self::order(tree, sel, top) != Ordering::Less => top,
            _ => sel,
        };
        // Is the selection within `height` rows of the top?
        let mut at = top;
        let mut seen = false;
        for _ in 0..height {
            if at == sel {
                seen = true;
                break;
            }
            match self.next_row(tree, at) {
                Some(next) => at = next,
                None => break,
            }
        }
        let top = if seen {
            top
        } else {
            self.step(tree, sel, -(height as isize - 1))
        };
        self.top = Some(self.fill(tree, top, height));
    }

    /// Moves `top` up while the rows below it leave the screen partly empty, so a tree that
    /// fits is shown whole.
    fn fill(&self, tree: &Tree, top: EntityId, height: usize) -> EntityId {
        let mut below = 1;
        let mut at = top;
        while below < height {
            match self.next_row(tree, at) {
                Some(next) => {
                    at = next;
                    below += 1;
                }
                None => break,
            }
        }
        self.step(tree, top, -((height - below) as isize))
    }

    /// The entity on screen row `row` (0 = the top row).
    pub fn row_at(&self, tree: &Tree, row: usize) -> Option<EntityId> {
        let mut at = self.top?;
        for _ in 0..row {
            at = self.next_row(tree, at)?;
        }
        Some(at)
    }
}
