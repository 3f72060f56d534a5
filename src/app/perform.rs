//! [`App::perform`]: the one door through which the explorer's state changes. The mode is
//! computed once, the action applied as that mode reads it, and the state settled: the
//! selection on screen, the detail document built for what is shown, the cursor in range.

use super::{Action, App, ChartView, Effect, Exit, Focus, Mode, Overlay};
use crate::geometry;
use crate::history;

impl App {
    /// Applies one action; returns what the event loop must do, if anything.
    pub fn perform(&mut self, action: Action) -> Option<Effect> {
        let before = self.selected();
        self.time.date_moved = false;
        if !matches!(action, Action::Resize { .. }) {
            self.notice.status = None;
        }
        let effect = match self.mode() {
            Mode::Help => self.perform_in_help(action),
            Mode::Timeline => self.perform_in_timeline(action),
            Mode::Prompt => self.perform_in_prompt(action),
            Mode::Command => self.perform_in_command(action),
            Mode::Chart => self.perform_in_chart(action),
            Mode::Tree | Mode::Detail => self.perform_in_panes(action),
        };
        let after = self.selected();
        if after != before
            && let Some(id) = after
            && self.detail.subject.entity() != Some(id)
        {
            self.detail.show(self.detail.subject.about(id));
        }
        if !self.time.date_moved && after != before {
            self.time.anchor = after;
        }
        self.settle();
        effect
    }

    /// How far the help scrolls on this screen.
    fn help_max_scroll(&self) -> usize {
        geometry::help(self.screen, self.keymap()).1
    }

    fn perform_in_help(&mut self, action: Action) -> Option<Effect> {
        let Some(Overlay::Help { scroll }) = self.overlay else {
            return None;
        };
        let max = self.help_max_scroll();
        let scroll = match action {
            Action::ToggleHelp | Action::Escape | Action::Quit => {
                self.overlay = None;
                return None;
            }
            Action::Up => scroll.saturating_sub(1),
            Action::Down => (scroll + 1).min(max),
            Action::First => 0,
            Action::Last => max,
            other => return self.perform_anywhere(other),
        };
        self.overlay = Some(Overlay::Help { scroll });
        None
    }

    fn perform_in_timeline(&mut self, action: Action) -> Option<Effect> {
        let Some(Overlay::Timeline { cursor }) = self.overlay else {
            return None;
        };
        let last = self.org.model.events.len().saturating_sub(1);
        let page = self.tree_height();
        let cursor = match action {
            Action::Timeline | Action::Escape | Action::Quit => {
                self.overlay = None;
                return None;
            }
            Action::Activate => {
                self.overlay = None;
                let day = self
                    .org
                    .events_by_date()
                    .nth(cursor)
                    .map(|e| e.date.first_day());
                if let Some(day) = day {
                    self.set_date(day);
                }
                return None;
            }
            Action::Up => cursor.saturating_sub(1),
            Action::Down => (cursor + 1).min(last),
            Action::PageUp => cursor.saturating_sub(page),
            Action::PageDown => (cursor + page).min(last),
            Action::First => 0,
            Action::Last => last,
            other => return self.perform_anywhere(other),
        };
        self.overlay = Some(Overlay::Timeline { cursor });
        None
    }

    /// What works whatever is open: resizing, Ctrl-c, Ctrl-z.
    pub(super) fn perform_anywhere(&mut self, action: Action) -> Option<Effect> {
        match action {
            Action::Interrupt => Some(Effect::Exit(Exit::Interrupted)),
            Action::Suspend => Some(Effect::Suspend),
            Action::Resize { width, height } => {
                self.screen = ratatui::layout::Rect::new(0, 0, width, height);
                None
            }
            _ => None,
        }
    }

    pub(super) fn perform_in_panes(&mut self, action: Action) -> Option<Effect> {
        let page = self.tree_height() as isize;
        let tree = &self.structure;
        match (action, self.focus) {
            (Action::Up, Focus::Tree) => self.tree.move_by(tree, -1),
            (Action::Down, Focus::Tree) => self.tree.move_by(tree, 1),
            (Action::PageUp, Focus::Tree) => self.tree.move_by(tree, -page),
            (Action::PageDown, Focus::Tree) => self.tree.move_by(tree, page),
            (Action::HalfPageUp, Focus::Tree) => self.tree.move_by(tree, -(page / 2).max(1)),
            (Action::HalfPageDown, Focus::Tree) => self.tree.move_by(tree, (page / 2).max(1)),
            (Action::First, Focus::Tree) => self.tree.select_first(tree),
            (Action::Last, Focus::Tree) => self.tree.select_last(tree),
            (Action::Activate, Focus::Tree) => self.tree.toggle(tree),
            (Action::Up, Focus::Detail) => self.detail_step(-1),
            (Action::Down, Focus::Detail) => self.detail_step(1),
            (Action::PageUp, Focus::Detail) => self.scroll_detail(-self.detail_page()),
            (Action::PageDown, Focus::Detail) => self.scroll_detail(self.detail_page()),
            (Action::HalfPageUp, Focus::Detail) => {
                self.scroll_detail(-(self.detail_page() / 2).max(1))
            }
            (Action::HalfPageDown, Focus::Detail) => {
                self.scroll_detail((self.detail_page() / 2).max(1))
            }
            (Action::First, Focus::Detail) => self.detail.top(),
            (Action::Last, Focus::Detail) => self.scroll_detail(isize::MAX / 2),
            (Action::Activate, Focus::Detail) => self.follow_link(),
            (Action::CollapseOrParent, _) => self.collapse_or_parent(),
            (Action::ExpandOrChild, _) => self.tree.expand_or_child(tree),
            (Action::Toggle, _) => self.tree.toggle(tree),
            (Action::NextSibling, _) => self.tree.sibling(tree, true),
            (Action::PrevSibling, _) => self.tree.sibling(tree, false),
            (Action::ExpandSubtree, _) => self.tree.expand_subtree(tree),
            (Action::CollapseAll, _) => self.tree.collapse_all(tree),
            (Action::ExpandToDepth(levels), _) => self.tree.expand_to_depth(tree, levels.into()),
            (Action::SwitchFocus, _) => {
                self.focus = match self.focus {
                    Focus::Tree => Focus::Detail,
                    Focus::Detail => Focus::Tree,
                };
                // A zoomed screen shows the pane the keys move.
                if self.split.zoom.is_some() {
                    self.split.zoom = Some(self.zoomed_pane());
                }
            }
            (Action::Zoom, _) => {
                self.split.zoom = match self.split.zoom {
                    Some(_) => None,
                    None => Some(self.zoomed_pane()),
                }
            }
            (Action::NarrowerTree, _) => self.split = self.split.resized(false),
            (Action::WiderTree, _) => self.split = self.split.resized(true),
            (Action::NextSection, _) => self.detail_section(true),
            (Action::PrevSection, _) => self.detail_section(false),
            (Action::Owners, _) => self.cursor_to_owners(),
            (Action::Back, _) => self.go_back(),
            (Action::Forward, _) => self.go_forward(),
            (Action::ToggleChart, _) => {
                if let Some(root) = self.selected() {
                    self.chart = Some(ChartView::new(root, 2));
                }
            }
            (Action::Escape, Focus::Detail) => self.focus = Focus::Tree,
            (Action::Escape, _) if self.search.is_some() => self.clear_search(),
            (Action::Click { column, row }, _) => self.click(column, row),
            (Action::ScrollUp { column, row }, _) => self.wheel(column, row, -3),
            (Action::ScrollDown { column, row }, _) => self.wheel(column, row, 3),
            (other, _) => return self.perform_everywhere(other),
        }
        None
    }

    /// What the panes and the chart share: the search, dates, the lists on top, copying,
    /// editing and quitting.
    pub(super) fn perform_everywhere(&mut self, action: Action) -> Option<Effect> {
        let org = &self.org;
        match action {
            Action::Search => self.start_search(),
            Action::Command => self.open_command_line(),
            Action::NextMatch => self.jump_to_match(true),
            Action::PrevMatch => self.jump_to_match(false),
            Action::Timeline => {
                let cursor = history::nearest_event(org, self.time.as_of);
                self.overlay = Some(Overlay::Timeline { cursor });
            }
            Action::PrevDate => match history::previous_event_day(org, self.time.as_of) {
                Some(day) => self.set_date(day),
                None => self.notice.status = Some("no event before this date".into()),
            },
            Action::NextDate => match history::next_event_day(org, self.time.as_of) {
                Some(day) => self.set_date(day),
                None => self.notice.status = Some("no event after this date".into()),
            },
            Action::ModelDate => {
                let day = self.time.model_date;
                self.set_date(day);
                self.notice.status = Some(format!("back to the model's date, {day}"));
            }
            Action::ToggleOutside => self.toggle_outside(),
            Action::CycleSort => self.cycle_sort(),
            Action::WholeTree => self.whole_tree(),
            Action::ToggleHelp => self.overlay = Some(Overlay::Help { scroll: 0 }),
            Action::OwnersGraph => self.toggle_owners_graph(),
            Action::CopyId => return self.copy(false),
            Action::CopyPath => return self.copy(true),
            Action::CopyUrl => return self.copy_url(),
            Action::OpenUrl => return self.open_url(),
            Action::Edit => return self.edit(),
            Action::Quit => return Some(Effect::Exit(Exit::Quit)),
            // Esc closes what is open; at the top there is nothing to close, and it never quits.
            Action::Escape => {}
            other => return self.perform_anywhere(other),
        }
        None
    }

    /// Keeps the selection on screen, the detail document built for what is shown, its scroll
    /// in range and its cursor on a link in view.
    pub(super) fn settle(&mut self) {
        // The detail pane describes the selected row (its page or its owners), whatever moved
        // it (a date, a search, a reload); a person or source reached by a link stays until
        // the selection moves.
        if let Some(shown) = self.detail.subject.entity()
            && let Some(selected) = self.selected()
            && selected != shown
        {
            self.detail.show(self.detail.subject.about(selected));
        }
        let height = self.tree_height();
        self.tree.scroll_to_selection(&self.structure, height);
        self.refresh_document();
        let height = self.detail_height();
        self.detail.settle(height);
        if let Some(Overlay::Timeline { cursor }) = self.overlay {
            let count = self.org.model.events.len();
            self.overlay = Some(Overlay::Timeline {
                cursor: cursor.min(count.saturating_sub(1)),
            });
        }
        if let Some(Overlay::Help { scroll }) = self.overlay {
            let max = self.help_max_scroll();
            self.overlay = Some(Overlay::Help {
                scroll: scroll.min(max),
            });
        }
    }
}
