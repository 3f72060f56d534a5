//! The explorer's state and the one place it changes: an [`App`] holds the org, the tree's
//! expansion and selection, what the detail pane shows and where its cursor is, the date in
//! force, the search, and the places visited; [`App::perform`] applies an [`Action`]. Nothing
//! here knows about terminals: drawing is `ui`'s, the event loop `term`'s.

mod action;
mod charting;
mod links;
mod reload;
mod searching;
mod tree;

#[cfg(test)]
mod tests;

use reload::Kept;

pub use action::Action;
pub use searching::MAX_QUERY;
pub use tree::{Row, TreeNav};

use ratatui::layout::{Position, Rect};

use crate::history;
use crate::model::Day;
use crate::org::{EntityId, Org, PersonId, SourceId};
use crate::search::Found;
use crate::ui;

/// Which pane the keys move.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Focus {
    Tree,
    Detail,
}

/// The box chart on screen: whose subtree, how many levels under it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ChartView {
    pub root: EntityId,
    pub depth: usize,
}

/// Something the explorer asks of the world outside it, done by the event loop.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    /// Put this text on the clipboard.
    Copy(String),
    /// Open the model file in the editor at this line.
    Edit { path: std::path::PathBuf, line: u32 },
}

/// Why the explorer stopped.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exit {
    /// `q` or Esc.
    Quit,
    /// Ctrl-c.
    Interrupted,
}

/// What the detail pane shows, and what a link leads to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    Entity(EntityId),
    Person(PersonId),
    Source(SourceId),
}

/// Where the detail pane stood, to come back to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Place {
    target: Target,
    link: usize,
    scroll: usize,
}

/// A list drawn over the panes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Overlay {
    Help {
        scroll: usize,
    },
    /// Every event; choosing one moves the date in force to it.
    Timeline {
        cursor: usize,
    },
}

/// How the tree shows entities that do not exist at the date in force.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outside {
    Hide,
    Dim,
}

/// How keys are read: as commands, as text for the search prompt, or for a list on top.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InputMode {
    Normal,
    Prompt,
    Overlay,
}

/// A search: the query, whether it is being typed, and what it found.
#[derive(Debug, Clone)]
pub struct SearchState {
    pub query: String,
    pub editing: bool,
    pub found: Found,
    /// The matches the tree can show at the date in force, in tree order.
    pub visible: Vec<EntityId>,
    /// The tree's expansion before the search, put back when it is cleared.
    saved_expansion: Vec<bool>,
}

impl SearchState {
    /// `[i/N]`: which match is selected, out of how many.
    pub fn counter(&self, selected: Option<EntityId>) -> String {
        let total = self.visible.len();
        let index = selected
            .and_then(|s| self.visible.iter().position(|&m| m == s))
            .map_or(0, |i| i + 1);
        format!("[{index}/{total}]")
    }
}

/// The explorer's whole state.
#[derive(Debug)]
pub struct App {
    pub org: Org,
    /// How the model file is named on screen.
    pub file_name: String,
    pub tree: TreeNav,
    pub focus: Focus,
    /// What the detail pane shows: the selected entity, or a person or source reached by a link.
    pub subject: Target,
    /// Which of the detail pane's links the cursor is on.
    pub link: usize,
    /// First line of the detail pane on screen.
    pub detail_scroll: usize,
    pub overlay: Option<Overlay>,
    /// The terminal's size.
    pub area: Rect,
    /// The date in force: stakes, roles and relations are those holding on it.
    pub as_of: Day,
    /// The model's own date (or today, for a model without one).
    pub model_date: Day,
    pub outside: Outside,
    /// The event date before the date in force, and which entities changed since.
    pub since: Option<Day>,
    pub changed: Vec<bool>,
    /// For each entity, whether something below it changed.
    pub changed_below: Vec<bool>,
    pub search: Option<SearchState>,
    back: Vec<Place>,
    forward: Vec<Place>,
    /// The entity the person last chose; a date that hides it does not forget it, so it is
    /// selected again when it comes back.
    anchor: Option<EntityId>,
    /// Set while an action moves the date, so the anchor stays.
    date_moved: bool,
    /// Whether to draw in colour (`--color`, NO_COLOR).
    pub color: bool,
    /// The model file, when there is one (not for the embedded model).
    pub path: Option<std::path::PathBuf>,
    /// What the last reload of the model file found wrong; the last good model stays shown.
    pub banner: Option<String>,
    /// What the event loop should do next for the explorer.
    pub effect: Option<Effect>,
    /// The box chart, when it is shown instead of the panes.
    pub chart: Option<ChartView>,
    /// A message for the status bar, cleared by the next action.
    pub status: Option<String>,
    /// Set when the explorer should stop.
    pub exit: Option<Exit>,
    /// Set when the terminal should be handed back to the shell (Ctrl-z).
    pub suspend_requested: bool,
    /// Set while the model file is being read again.
    pub reloading: bool,
    /// Look-through ownership already computed, by entity and date.
    pub ownership: crate::ownership::Cache,
}

impl App {
    pub fn new(org: Org, file_name: String, area: Rect) -> Self {
        let model_date = org
            .model
            .as_of
            .as_ref()
            .map_or_else(Day::today, |d| d.last_day());
        let tree = TreeNav::new(&org);
        let subject = tree
            .selected()
            .map_or(Target::Entity(EntityId(0)), Target::Entity);
        let mut app = App {
            changed: vec![false; org.entity_count()],
            changed_below: vec![false; org.entity_count()],
            org,
            file_name,
            tree,
            focus: Focus::Tree,
            subject,
            link: 0,
            detail_scroll: 0,
            overlay: None,
            area,
            as_of: model_date,
            model_date,
            outside: Outside::Hide,
            since: None,
            search: None,
            back: Vec::new(),
            forward: Vec::new(),
            anchor: None,
            date_moved: false,
            color: true,
            path: None,
            banner: None,
            effect: None,
            chart: None,
            status: None,
            exit: None,
            suspend_requested: false,
            reloading: false,
            ownership: crate::ownership::Cache::new(),
        };
        app.set_date(model_date);
        app
    }

    pub fn selected(&self) -> Option<EntityId> {
        self.tree.selected()
    }

    /// How keys are read now.
    pub fn input_mode(&self) -> InputMode {
        if self.overlay.is_some() {
            InputMode::Overlay
        } else if self.search.as_ref().is_some_and(|s| s.editing) {
            InputMode::Prompt
        } else {
            InputMode::Normal
        }
    }

    /// How many tree rows fit on screen.
    pub fn tree_height(&self) -> usize {
        ui::layout(self.area).map_or(1, |l| l.tree_inner().height.max(1) as usize)
    }

    fn detail_area(&self) -> Rect {
        ui::layout(self.area)
            .map_or_else(Rect::default, |l| ui::detail::text_area(l.detail_inner()))
    }

    /// Selects `id` in the tree and shows it, as a starting point; an entity the date hides is
    /// shown dimmed.
    pub fn select(&mut self, id: EntityId) {
        self.go(Target::Entity(id));
        self.anchor = Some(id);
        self.settle();
    }

    /// `y`/`Y`: the selected entity's id, or the ids of its path, for the clipboard.
    fn copy(&mut self, path: bool) {
        let Some(id) = self.selected() else { return };
        let text = if path {
            let ids: Vec<&str> = self
                .org
                .path(id)
                .into_iter()
                .map(|e| self.org.entity(e).id.value.as_str())
                .collect();
            ids.join("/")
        } else {
            self.org.entity(id).id.value.clone()
        };
        // What is copied is what is shown: a control character in an id would run as a command
        // if pasted into a shell.
        let text = crate::sanitize::sanitize(&text).into_owned();
        self.status = Some(format!("copied {text}"));
        self.effect = Some(Effect::Copy(text));
    }

    /// `e`: the model file in the editor, at the selected entity's line.
    fn edit(&mut self) {
        let Some(path) = self.path.clone() else {
            self.status = Some(
                "the embedded model has no file to edit: open a model file (orgtree FILE)".into(),
            );
            return;
        };
        let line = self
            .selected()
            .map_or(1, |id| self.org.entity(id).id.pos.line.max(1));
        self.effect = Some(Effect::Edit { path, line });
    }

    /// Puts a reloaded model in place. Every field that holds an index into the old model is
    /// made anew from the new one, in one place: the explorer is built again around the new
    /// model, and what the person was looking at (the selection, what was expanded, the date,
    /// the search, the chart, a person or source on show) is carried over by id, or forgotten
    /// when its id went away.
    pub fn replace_org(&mut self, org: Org) {
        let kept = Kept::of(self);
        let file_name = std::mem::take(&mut self.file_name);
        let mut fresh = App::new(org, file_name, self.area);
        fresh.color = self.color;
        fresh.path = self.path.take();
        fresh.outside = self.outside;
        fresh.focus = self.focus;
        *self = fresh;
        kept.apply(self);
    }

    /// The model file was read again and is well: its new model, shown.
    pub fn reloaded(&mut self, org: Org) {
        self.replace_org(org);
        self.status = Some("the model file changed: reloaded".into());
    }

    /// The model file was read again and has a problem: the first one, in the banner, and the
    /// last good model kept on screen.
    pub fn reload_failed(&mut self, error: &crate::load::LoadError) {
        self.reloading = false;
        let first = error
            .diagnostics
            .iter()
            .find(|d| d.is_error())
            .or(error.diagnostics.first());
        let line = first.map_or_else(
            || "cannot read the model file".to_owned(),
            |d| {
                let rendered = d.render(&error.name, None);
                rendered.lines().next().unwrap_or_default().to_owned()
            },
        );
        self.banner = Some(format!("{line} — showing the last good version"));
    }

    /// The model file is being read again.
    pub fn reloading(&mut self) {
        self.reloading = true;
    }

    /// The model file is gone: say so, and keep the last good model until it comes back.
    pub fn file_vanished(&mut self) {
        self.reloading = false;
        self.banner = Some(format!(
            "{} is gone (deleted or renamed) — showing the last good version; it is read again \
             when it comes back",
            self.file_name
        ));
    }

    /// A message for the status line.
    pub fn tell(&mut self, message: &str) {
        self.status = Some(message.to_owned());
    }

    /// Starts on a search, as if `query` had been typed after `/` and kept with Enter.
    pub fn search_for(&mut self, query: &str) {
        self.start_search();
        self.type_text(query);
        self.perform(Action::Activate);
    }

    /// Shows exactly `levels` levels of the tree.
    pub fn show_levels(&mut self, levels: usize) {
        self.tree.expand_to_depth(&self.org, levels);
        self.settle();
    }

    /// Moves the date in force, and with it what the tree shows and what counts as changed.
    pub fn set_date(&mut self, day: Day) {
        let wanted = self.anchor.or(self.selected());
        self.date_moved = true;
        self.as_of = day;
        self.since = history::previous_event_day(&self.org, day);
        self.changed = match self.since {
            Some(since) => history::changes(&self.org, since, day).touched(&self.org),
            None => vec![false; self.org.entity_count()],
        };
        let mut below = vec![false; self.org.entity_count()];
        for (n, _) in self.changed.iter().enumerate().filter(|(_, c)| **c) {
            let mut at = EntityId(n as u32);
            while let Some(parent) = self.org.parent(at) {
                if below[parent.0 as usize] {
                    break;
                }
                below[parent.0 as usize] = true;
                at = parent;
            }
        }
        self.changed_below = below;
        self.apply_filters();
        if let Some(id) = wanted
            && self.tree.is_shown(id)
        {
            self.tree.select(&self.org, id);
        }
        // The pane's text changed with the date: read it from the top.
        self.link = 0;
        self.detail_scroll = 0;
    }

    /// Tells the tree which entities to show: those the search found, and (unless shown
    /// dimmed) those that exist at the date in force.
    fn apply_filters(&mut self) {
        // Dimmed, what is outside the date stays in the tree: the rule is asked with no date.
        let day = (self.outside == Outside::Hide).then_some(self.as_of);
        let matched = self.search.as_ref().map(|s| s.found.matched.as_slice());
        let shown = crate::visibility::Visible::new(&self.org, day, matched).into_mask();
        if let Some(s) = &mut self.search {
            // A match is shown exactly when it exists at the date (or the date does not hide).
            s.visible = s
                .found
                .matches
                .iter()
                .copied()
                .filter(|m| shown.as_ref().is_none_or(|on| on[m.0 as usize]))
                .collect();
        }
        self.tree.set_shown(&self.org, shown);
    }

    /// Applies one action.
    pub fn perform(&mut self, action: Action) {
        let before = self.selected();
        self.date_moved = false;
        if !matches!(action, Action::Resize { .. }) {
            self.status = None;
        }
        match self.overlay {
            Some(Overlay::Help { scroll }) => self.perform_in_help(action, scroll),
            Some(Overlay::Timeline { cursor }) => self.perform_in_timeline(action, cursor),
            None if self.input_mode() == InputMode::Prompt => self.perform_in_prompt(action),
            None if self.chart.is_some() => self.perform_in_chart(action),
            None => self.perform_in_panes(action),
        }
        let after = self.selected();
        if after != before
            && let Some(id) = after
            && self.subject != Target::Entity(id)
        {
            self.show(Target::Entity(id));
        }
        if !self.date_moved && after != before {
            self.anchor = after;
        }
        self.settle();
    }

    /// Points the detail pane at `target`, from the top.
    fn show(&mut self, target: Target) {
        self.subject = target;
        self.link = 0;
        self.detail_scroll = 0;
    }

    fn perform_in_help(&mut self, action: Action, scroll: usize) {
        let max = ui::help::max_scroll(self.area);
        let scroll = match action {
            Action::ToggleHelp | Action::Escape | Action::Quit => {
                self.overlay = None;
                return;
            }
            Action::Up => scroll.saturating_sub(1),
            Action::Down => (scroll + 1).min(max),
            Action::First => 0,
            Action::Last => max,
            other => {
                self.perform_anywhere(other);
                scroll
            }
        };
        if self.overlay.is_some() {
            self.overlay = Some(Overlay::Help { scroll });
        }
    }

    fn perform_in_timeline(&mut self, action: Action, cursor: usize) {
        let count = self.org.model.events.len();
        let page = self.tree_height();
        let cursor = match action {
            Action::Timeline | Action::Escape | Action::Quit => {
                self.overlay = None;
                return;
            }
            Action::Activate => {
                self.overlay = None;
                if let Some(event) = ui::timeline::events(&self.org).get(cursor) {
                    self.set_date(event.date.first_day());
                }
                return;
            }
            Action::Up => cursor.saturating_sub(1),
            Action::Down => (cursor + 1).min(count.saturating_sub(1)),
            Action::PageUp => cursor.saturating_sub(page),
            Action::PageDown => (cursor + page).min(count.saturating_sub(1)),
            Action::First => 0,
            Action::Last => count.saturating_sub(1),
            other => {
                self.perform_anywhere(other);
                cursor
            }
        };
        if self.overlay.is_some() {
            self.overlay = Some(Overlay::Timeline { cursor });
        }
    }

    /// What works whatever is open: resizing, Ctrl-c, Ctrl-z, the mouse wheel.
    fn perform_anywhere(&mut self, action: Action) {
        match action {
            Action::Interrupt => self.exit = Some(Exit::Interrupted),
            Action::Suspend => self.suspend_requested = true,
            Action::Resize { width, height } => self.area = Rect::new(0, 0, width, height),
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
            (Action::Activate, Focus::Tree) => self.tree.toggle(org),
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
            (Action::First, Focus::Detail) => {
                self.detail_scroll = 0;
                self.link = 0;
            }
            (Action::Last, Focus::Detail) => self.scroll_detail(isize::MAX / 2),
            (Action::Activate, Focus::Detail) => self.follow_link(),
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
            (Action::Owners, _) => self.cursor_to_owners(),
            (Action::Back, _) => self.go_back(),
            (Action::Forward, _) => self.go_forward(),
            (Action::Search, _) => self.start_search(),
            (Action::NextMatch, _) => self.jump_to_match(true),
            (Action::PrevMatch, _) => self.jump_to_match(false),
            (Action::Timeline, _) => {
                let cursor = ui::timeline::nearest(&self.org, self.as_of);
                self.overlay = Some(Overlay::Timeline { cursor });
            }
            (Action::PrevDate, _) => match history::previous_event_day(org, self.as_of) {
                Some(day) => self.set_date(day),
                None => self.status = Some("no event before this date".into()),
            },
            (Action::NextDate, _) => match history::next_event_day(org, self.as_of) {
                Some(day) => self.set_date(day),
                None => self.status = Some("no event after this date".into()),
            },
            (Action::ModelDate, _) => {
                self.set_date(self.model_date);
                self.status = Some(format!("back to the model's date, {}", self.model_date));
            }
            (Action::ToggleOutside, _) => {
                self.outside = match self.outside {
                    Outside::Hide => Outside::Dim,
                    Outside::Dim => Outside::Hide,
                };
                self.apply_filters();
                self.status = Some(match self.outside {
                    Outside::Hide => {
                        format!("entities that did not exist on {} are hidden", self.as_of)
                    }
                    Outside::Dim => format!(
                        "entities that did not exist on {} are shown dimmed",
                        self.as_of
                    ),
                });
            }
            (Action::ToggleHelp, _) => self.overlay = Some(Overlay::Help { scroll: 0 }),
            (Action::ToggleChart, _) => {
                if let Some(root) = self.selected() {
                    self.chart = Some(ChartView { root, depth: 2 });
                }
            }
            (Action::ChartDeeper | Action::ChartShallower, _) => {}
            (Action::CopyId, _) => self.copy(false),
            (Action::CopyPath, _) => self.copy(true),
            (Action::Edit, _) => self.edit(),
            (Action::Escape, Focus::Detail) => self.focus = Focus::Tree,
            (Action::Escape, _) if self.search.is_some() => self.clear_search(),
            (Action::Escape | Action::Quit, _) => self.exit = Some(Exit::Quit),
            (Action::Click { column, row }, _) => self.click(column, row),
            (Action::ScrollUp { column, row }, _) => self.wheel(column, row, -3),
            (Action::ScrollDown { column, row }, _) => self.wheel(column, row, 3),
            (
                Action::Interrupt
                | Action::Suspend
                | Action::Resize { .. }
                | Action::SearchInput(_)
                | Action::SearchBackspace
                | Action::SearchClear,
                _,
            ) => self.perform_anywhere(action),
        }
    }

    /// Keeps the selection on screen, the detail scroll in range, the cursor on a link in view.
    fn settle(&mut self) {
        // The detail pane describes the selected row, whatever moved it (a date, a search, a
        // reload); a person or source reached by a link stays until the selection moves.
        if let Target::Entity(shown) = self.subject
            && let Some(selected) = self.selected()
            && selected != shown
        {
            self.show(Target::Entity(selected));
        }
        let height = self.tree_height();
        self.tree.scroll_to_selection(&self.org, height);
        let (links, lines) = self.detail_links();
        let height = self.detail_area().height as usize;
        let max = lines.saturating_sub(height);
        self.detail_scroll = self.detail_scroll.min(max);
        self.link = self.link.min(links.len().saturating_sub(1));
        // The cursor stays on a link in view when there is one.
        let view = self.detail_scroll..self.detail_scroll + height.max(1);
        if links
            .get(self.link)
            .is_some_and(|line| !view.contains(line))
            && let Some(first) = links.iter().position(|line| view.contains(line))
        {
            self.link = first;
        }
        if let Some(Overlay::Timeline { cursor }) = self.overlay {
            let count = self.org.model.events.len();
            self.overlay = Some(Overlay::Timeline {
                cursor: cursor.min(count.saturating_sub(1)),
            });
        }
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
