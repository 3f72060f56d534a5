//! The mouse: a click selects a tree row (and on its marker, folds it) and gives a pane the
//! focus; the wheel moves the selection or scrolls the detail pane.

use super::{App, Focus};
use crate::geometry::{self, Pane};

impl App {
    pub(super) fn click(&mut self, column: u16, row: u16) {
        let Some(panes) = self.panes() else { return };
        let tree = panes.tree_inner();
        if tree.contains(ratatui::layout::Position::new(column, row)) {
            self.focus = Focus::Tree;
            let Some(id) = self.tree.row_at(&self.structure, usize::from(row - tree.y)) else {
                return;
            };
            self.tree.select(&self.structure, id);
            if column == geometry::marker_column(tree, self.tree.depth(&self.structure, id)) {
                self.tree.toggle_at(&self.structure, id);
            }
        } else if panes.pane_at(column, row) == Some(Pane::Detail) {
            self.focus = Focus::Detail;
        }
    }

    pub(super) fn wheel(&mut self, column: u16, row: u16, lines: isize) {
        match self.panes().and_then(|p| p.pane_at(column, row)) {
            Some(Pane::Tree) => self.tree.move_by(&self.structure, lines),
            Some(Pane::Detail) => self.scroll_detail(lines),
            None => {}
        }
    }
}
