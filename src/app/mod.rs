//! The explorer's state and the one place it changes: an [`App`] holds the org, the tree's
//! expansion and selection, the focus and the detail pane's scroll, and [`App::perform`] applies
//! an [`Action`]. Nothing here knows about terminals; drawing is `ui`'s, the event loop `term`'s.

mod action;
mod tree;

#[cfg(test)]
mod tests;

pub use action::Action;
pub use tree::{Row, TreeNav};

use ratatui::layout::{Position, Rect};

use crate::model::Day;
use crate::org::{EntityId, Org};
use crate::ui;

/// Which pane the keys move.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Focus {
    Tree,
    Detail,
}

/// Why the explorer stopped.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exit {
    /// `q` or Esc.
    Quit,
    /// Ctrl-c.
    Interrupted,
}

/// The explorer's whole state.
#[derive(Debug)]
pub struct App {
    pub org: Org,
    /// How the model file is named on screen.
    pub file_name: String,
    pub tree: TreeNav,
    pub focus: Focus,
    /// First line of the detail pane on screen.
    pub detail_scroll: usize,
    pub help_open: bool,
    /// First line of the help overlay on screen.
    pub help_scroll: usize,
    /// The terminal's size.
    pub area: Rect,
    /// The date whose stakes and roles are shown as in force.
    pub as_of: Option<Day>,
    /// Set when the explorer should stop.
    pub exit: Option<Exit>,
    /// Set when the terminal should be handed back to the shell (Ctrl-z).
    pub suspend_requested: bool,
}

impl App {
    pub fn new(org: Org, file_name: String, area: Rect) -> Self {
        let as_of = org.model.as_of.as_ref().map(|d| d.last_day());
        let tree = TreeNav::new(&org);
        let mut app = App {
            org,
            file_name,
            tree,
            focus: Focus::Tree,
            detail_scroll: 0,
            help_open: false,
            help_scroll: 0,
            area,
            as_of,
            exit: None,
            suspend_requested: false,
        };
        app.settle();
        app
    }

    pub fn selected(&self) -> Option<EntityId> {
        self.tree.selected()
    }

    /// How many tree rows fit on screen.
    pub fn tree_height(&self) -> usize {
        ui::layout(self.area).map_or(1, |l| l.tree_inner().height.max(1) as usize)
    }

    /// How many detail lines fit on screen.
    fn detail_height(&self) -> usize {
        ui::layout(self.area).map_or(1, |l| l.detail_inner().height.max(1) as usize)
    }

    /// The furthest the detail pane can scroll.
    fn detail_max_scroll(&self) -> usize {
        let Some(layout) = ui::layout(self.area) else {
            return 0;
        };
        let inner = layout.detail_inner();
        ui::detail::line_count(self, inner.width).saturating_sub(inner.height as usize)
    }

    /// Applies one action.
    pub fn perform(&mut self, action: Action) {
        let before = self.selected();
        if self.help_open {
            self.perform_in_help(action);
        } else {
            self.perform_in_panes(action);
        }
        if self.selected() != before {
            self.detail_scroll = 0;
        }
        self.settle();
    }

    /// While the help is open, keys scroll or close it; the panes under it do not move.
    fn perform_in_help(&mut self, action: Action) {
        match action {
            Action::ToggleHelp | Action::Escape | Action::Quit => self.help_open = false,
            Action::Up => self.help_scroll = self.help_scroll.saturating_sub(1),
            Action::Down => {
                self.help_scroll = (self.help_scroll + 1).min(ui::help::max_scroll(self.area))
            }
            Action::First => self.help_scroll = 0,
            Action::Last => self.help_scroll = ui::help::max_scroll(self.area),
            Action::Interrupt => self.exit = Some(Exit::Interrupted),
            Action::Resize { width, height } => self.area = Rect::new(0, 0, width, height),
            Action::Suspend => self.suspend_requested = true,
            _ => {}
        }
    }

    fn perform_in_panes(&mut self, action: Action) {
        let page = self.tree_height() as isize;
        let org = &self.org;
        match (action, self.focus) {
            (Action::Up, Focus::Tree) => self.tree.move_by(org, -1),
            (Action::Down, Focus::Tree) => self.tree.move_by(org, 1),
            (Action::PageUp, Focus::Tree) => self.tree.move_by(org, -page),
            (Action::PageDown, Focus::Tree) => self.tree.move_by(org, page),
            (Action::HalfPageUp, Focus::Tree) => self.tree.move_by(org, -(page / 2).max(1)),
            (Action::HalfPageDown, Focus::Tree) => self.tree.move_by(org, (page / 2).max(1)),
            (Action::First, Focus::Tree) => self.tree.select_first(org),
            (Action::Last, Focus::Tree) => self.tree.select_last(org),
            (Action::Up, Focus::Detail) => self.scroll_detail(-1),
            (Action::Down, Focus::Detail) => self.scroll_detail(1),
            (Action::PageUp, Focus::Detail) => self.scroll_detail(-(self.detail_height() as isize)),
            (Action::PageDown, Focus::Detail) => self.scroll_detail(self.detail_height() as isize),
            (Action::HalfPageUp, Focus::Detail) => {
                self.scroll_detail(-(self.detail_height() as isize / 2).max(1))
            }
            (Action::HalfPageDown, Focus::Detail) => {
                self.scroll_detail((self.detail_height() as isize / 2).max(1))
            }
            (Action::First, Focus::Detail) => self.detail_scroll = 0,
            (Action::Last, Focus::Detail) => self.detail_scroll = self.detail_max_scroll(),
            (Action::CollapseOrParent, _) => self.tree.collapse_or_parent(org),
            (Action::ExpandOrChild, _) => self.tree.expand_or_child(org),
            (Action::Toggle, _) => self.tree.toggle(org),
            (Action::NextSibling, _) => self.tree.sibling(org, true),
            (Action::PrevSibling, _) => self.tree.sibling(org, false),
            (Action::ExpandSubtree, _) => self.tree.expand_subtree(org),
            (Action::CollapseAll, _) => self.tree.collapse_all(org),
            (Action::ExpandToDepth(levels), _) => self.tree.expand_to_depth(org, levels.into()),
            (Action::SwitchFocus, _) => {
                self.focus = match self.focus {
                    Focus::Tree => Focus::Detail,
                    Focus::Detail => Focus::Tree,
                }
            }
            (Action::ToggleHelp, _) => {
                self.help_open = true;
                self.help_scroll = 0;
            }
            (Action::Escape | Action::Quit, _) => self.exit = Some(Exit::Quit),
            (Action::Interrupt, _) => self.exit = Some(Exit::Interrupted),
            (Action::Suspend, _) => self.suspend_requested = true,
            (Action::Click { column, row }, _) => self.click(column, row),
            (Action::ScrollUp { column, row }, _) => self.wheel(column, row, -3),
            (Action::ScrollDown { column, row }, _) => self.wheel(column, row, 3),
            (Action::Resize { width, height }, _) => self.area = Rect::new(0, 0, width, height),
        }
    }

    /// Keeps the selection on screen and the detail scroll in range.
    fn settle(&mut self) {
        let height = self.tree_height();
        self.tree.scroll_to_selection(&self.org, height);
        self.detail_scroll = self.detail_scroll.min(self.detail_max_scroll());
    }

    fn scroll_detail(&mut self, lines: isize) {
        self.detail_scroll = self
            .detail_scroll
            .saturating_add_signed(lines)
            .min(self.detail_max_scroll());
    }

    /// A click on a tree row selects it; on its marker, it also expands or collapses it. A
    /// click in a pane gives it the focus.
    fn click(&mut self, column: u16, row: u16) {
        let Some(layout) = ui::layout(self.area) else {
            return;
        };
        let at = Position::new(column, row);
        let tree = layout.tree_inner();
        if tree.contains(at) {
            self.focus = Focus::Tree;
            let Some(id) = self.tree.row_at(&self.org, usize::from(row - tree.y)) else {
                return;
            };
            self.tree.select(&self.org, id);
            let marker = ui::tree::marker_column(tree, self.org.depth(id));
            if column == marker {
                self.tree.toggle_at(&self.org, id);
            }
        } else if layout.detail.contains(at) {
            self.focus = Focus::Detail;
        }
    }

    /// The wheel moves the selection in the tree, and scrolls the detail pane.
    fn wheel(&mut self, column: u16, row: u16, lines: isize) {
        let Some(layout) = ui::layout(self.area) else {
            return;
        };
        let at = Position::new(column, row);
        if layout.tree.contains(at) {
            self.tree.move_by(&self.org, lines);
        } else if layout.detail.contains(at) {
            self.scroll_detail(lines);
        }
    }
}
