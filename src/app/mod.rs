//! The explorer's state and the one place it changes: an [`App`] holds the org, the tree's
//! expansion and selection, what the detail pane shows and where its cursor is, the date in
//! force, the search, and the places visited. [`App::perform`] applies an [`Action`] and says
//! what the world outside must do ([`Effect`]); the ui reads the state through accessors.
//! Nothing here knows about terminals or drawing: `ui` draws, `term` runs the loop.

mod charting;
mod command;
mod detail;
mod mouse;
mod options;
mod perform;
mod read;
mod reload;
mod scope;
mod searching;
mod sources;
mod time;
mod tree;

#[cfg(test)]
mod tests;

use std::path::PathBuf;
use std::sync::Arc;

use ratatui::layout::Rect;

pub use crate::document::Target;
pub use crate::keys::{Action, Mode};
pub use options::Options;
pub use searching::MAX_QUERY;
pub use tree::{Row, TreeNav};

use crate::geometry::Panes;
use crate::org::{EntityId, EntitySet, Org, Placing, Tree};
use crate::search::Found;
use detail::DetailView;
use time::TimeView;

/// Which pane the keys move.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Focus {
    Tree,
    Detail,
}

/// The box chart on screen: whose subtree, how many levels under it, whether the relations are
/// drawn over it, and where its window was panned to (none: it follows the selection).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ChartView {
    pub root: EntityId,
    pub depth: usize,
    pub relations: bool,
    pub scroll: Option<(usize, usize)>,
}

impl ChartView {
    /// The chart of `root`'s subtree, `depth` levels deep, following the selection.
    pub fn new(root: EntityId, depth: usize) -> ChartView {
        ChartView {
            root,
            depth,
            relations: false,
            scroll: None,
        }
    }
}

/// What the event loop must do after an action: the explorer asks, the loop does.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    /// Put this text on the clipboard.
    Copy(String),
    /// Open the model file in the editor at this line.
    Edit { path: PathBuf, line: u32 },
    /// Open this URL (checked by `sanitize::url::web`) in the browser.
    Open(String),
    /// Hand the terminal back to the shell until `fg` (Ctrl-z).
    Suspend,
    /// Write the view, as these options dump it, to a new file (`:export`); never over an
    /// existing file, never over the model.
    Export {
        path: PathBuf,
        options: Box<crate::dump::DumpOptions>,
    },
    /// Stop the explorer.
    Exit(Exit),
}

/// Why the explorer stopped.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exit {
    /// `q`.
    Quit,
    /// Ctrl-c.
    Interrupted,
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

/// A search: the query, whether it is being typed, and what it found.
#[derive(Debug, Clone)]
pub struct SearchState {
    pub query: String,
    pub editing: bool,
    pub found: Found,
    /// The query `found` answers: the query itself unless a search for it is under way.
    pub found_for: String,
    /// The matches the tree can show at the date in force, in tree order.
    pub visible: Vec<EntityId>,
    /// Whether `found` is all that its query finds, or only its first matches in tree order
    /// (a screenful, while the search thread finds the rest).
    pub complete: bool,
    /// The tree's expansion before the search, put back when it is cleared.
    saved_expansion: EntitySet,
}

impl SearchState {
    /// Puts in `visible` the matches `tree` shows, in their order.
    fn set_visible(&mut self, tree: &TreeNav) {
        self.visible = self
            .found
            .matches
            .iter()
            .copied()
            .filter(|&m| tree.is_shown(m))
            .collect();
    }

    /// `[i/N]`: which match is selected, out of how many (`[i/N…]` while more are to come).
    pub fn counter(&self, selected: Option<EntityId>) -> String {
        let total = self.visible.len();
        let index = selected
            .and_then(|s| self.visible.iter().position(|&m| m == s))
            .map_or(0, |i| i + 1);
        let more = if self.complete { "" } else { "…" };
        format!("[{index}/{total}{more}]")
    }
}

/// What the explorer keeps of its [`Options`] once started: the rest (date, depth, root,
/// filter, first message) is applied by [`App::new`] and not kept.
#[derive(Debug, Clone)]
struct Setup {
    /// How the model file is named on screen.
    file_name: String,
    /// The model file, when there is one: `e` opens it.
    path: Option<PathBuf>,
    /// Whether to draw in colour.
    color: bool,
    /// The keys in force: the table's, with the configuration's changes.
    keymap: crate::keys::Keymap,
    /// The theme the configuration chose, and the styles drawn with now.
    choice: crate::theme::Choice,
    theme: crate::theme::Theme,
}

/// What the status bar says besides the keys.
#[derive(Debug, Default)]
struct Notice {
    /// A message, cleared by the next action.
    status: Option<String>,
    /// What the last reload of the model file found wrong; the last good model stays shown.
    banner: Option<String>,
    /// While the model file is being read again: how far the read is.
    reloading: Option<crate::load::Meter>,
}

/// The explorer's whole state, in the groups it changes by.
#[derive(Debug)]
pub struct App {
    /// Shared with the search thread, when there is one.
    org: Arc<Org>,
    /// The tree at the date in force, as the tree pane shows it (see `time`).
    structure: Arc<Tree>,
    /// The tree at the date in force with only what exists, as the chart shows it: the same
    /// tree as `structure` unless entities outside the date are shown dimmed.
    existing: Arc<Tree>,
    /// Look-through ownership already computed, by entity and date.
    ownership: crate::ownership::Cache,
    /// The order of children in the tree and the chart (`s` cycles it).
    sort: crate::headcount::Order,
    /// The headcounts and sorted trees already computed, by tree and date.
    counted: crate::headcount::Cache,
    /// The counts of `structure`'s entities, and of `existing`'s, at the date in force.
    heads: Arc<crate::headcount::Headcount>,
    existing_heads: Arc<crate::headcount::Headcount>,
    setup: Setup,
    /// The terminal's size.
    screen: Rect,
    tree: TreeNav,
    focus: Focus,
    detail: DetailView,
    time: TimeView,
    search: Option<SearchState>,
    overlay: Option<Overlay>,
    /// The box chart, when it is shown instead of the panes.
    chart: Option<ChartView>,
    notice: Notice,
    /// The search thread, once the loop started one; without it searches run at once.
    background: Option<searching::Background>,
    /// How the screen is shared between the tree and the detail pane.
    split: crate::geometry::Split,
    /// The `:` command line, while it is open, and the commands run before.
    command: Option<command::CommandLine>,
    history: Vec<String>,
}

impl App {
    /// The explorer on `org`, set up as `options` say.
    pub fn new(org: impl Into<Arc<Org>>, options: Options) -> Self {
        let Options {
            file_name,
            path,
            color,
            screen,
            as_of,
            levels,
            root,
            filter,
            status,
            sort,
            keymap,
            theme,
        } = options;
        let setup = Setup {
            file_name,
            path,
            color,
            keymap,
            theme: theme.theme(theme.background(None)).drawn(color),
            choice: theme,
        };
        let mut app = App::bare(org.into(), setup, screen, sort);
        if let Some(day) = as_of {
            app.set_date(day);
        }
        if root.is_some() {
            app.tree.set_scope(&app.structure, root);
            app.apply_filters();
        }
        if let Some(levels) = levels {
            app.tree.expand_to_depth(&app.structure, levels);
            app.settle();
        }
        if let Some(root) = root {
            app.select(root);
        }
        if let Some(query) = &filter {
            app.search_for(query);
        }
        if status.is_some() {
            app.notice.status = status;
        }
        app.settle();
        app
    }

    /// The terminal said its background is `background` (or could not say): the theme is
    /// the configuration's variant, or, for `auto`, the background's.
    pub fn background_is(&mut self, background: Option<crate::theme::Background>) {
        let choice = &self.setup.choice;
        self.setup.theme = choice
            .theme(choice.background(background))
            .drawn(self.setup.color);
    }

    /// The explorer on `org` at the model's date, before the options that move it.
    fn bare(org: Arc<Org>, setup: Setup, screen: Rect, sort: crate::headcount::Order) -> Self {
        let time = TimeView::new(&org);
        let counted = crate::headcount::Cache::new();
        let day = time.model_date;
        let structure = counted.sorted(&org, &org.tree(day, Placing::UnderExisting), day, sort);
        let heads = counted.counts(&org, &structure, day);
        let tree = TreeNav::new(&structure);
        let subject = tree
            .selected()
            .map_or(Target::Entity(EntityId(0)), Target::Entity);
        let mut app = App {
            existing: Arc::clone(&structure),
            structure,
            screen,
            detail: DetailView::new(subject),
            org,
            ownership: crate::ownership::Cache::new(),
            sort,
            counted,
            existing_heads: Arc::clone(&heads),
            heads,
            setup,
            tree,
            focus: Focus::Tree,
            time,
            search: None,
            overlay: None,
            chart: None,
            notice: Notice::default(),
            background: None,
            command: None,
            history: Vec::new(),
            split: crate::geometry::Split::default(),
        };
        app.set_date(app.time.model_date);
        app.settle();
        app
    }

    /// How keys are read now, computed once per key.
    pub fn mode(&self) -> Mode {
        match self.overlay {
            Some(Overlay::Help { .. }) => Mode::Help,
            Some(Overlay::Timeline { .. }) => Mode::Timeline,
            None if self.command.is_some() => Mode::Command,
            None if self.search.as_ref().is_some_and(|s| s.editing) => Mode::Prompt,
            None if self.chart.is_some() => Mode::Chart,
            None => match self.focus {
                Focus::Tree => Mode::Tree,
                Focus::Detail => Mode::Detail,
            },
        }
    }

    fn panes(&self) -> Option<Panes> {
        Panes::split(self.screen, self.split)
    }

    /// How many tree rows fit on screen.
    pub fn tree_height(&self) -> usize {
        self.panes()
            .map_or(1, |p| p.tree_inner().height.max(1) as usize)
    }

    /// Selects `id` in the tree and shows it, as a starting point; an entity the date hides is
    /// shown dimmed.
    fn select(&mut self, id: EntityId) {
        self.go(Target::Entity(id));
        self.time.anchor = Some(id);
        self.settle();
    }

    /// `y`/`Y`: the id of the person or source whose page is shown, else of the selected
    /// entity; or the ids of the selected entity's path, for the clipboard.
    fn copy(&mut self, path: bool) -> Option<Effect> {
        let shown = match self.detail.subject {
            Target::Person(p) if !path => Some(&self.org.person(p).id),
            Target::Source(s) if !path => Some(&self.org.source(s).id),
            _ => None,
        };
        if let Some(shown) = shown {
            return Some(self.copied(shown.value.to_string()));
        }
        let id = self.selected()?;
        let text = if path {
            let ids: Vec<&str> = self
                .structure
                .path(id)
                .into_iter()
                .map(|e| self.org.entity(e).id.value.as_str())
                .collect();
            ids.join("/")
        } else {
            self.org.entity(id).id.value.to_string()
        };
        Some(self.copied(text))
    }

    /// `text` for the clipboard, said on the status line (the loop says where it went).
    fn copied(&mut self, text: String) -> Effect {
        // What is copied is what is shown: a control character in an id would run as a command
        // if pasted into a shell.
        let text = crate::sanitize::sanitize(&text).into_owned();
        self.notice.status = Some(format!("copied {text}"));
        Effect::Copy(text)
    }

    /// `e`: the model file in the editor, at the selected entity's line.
    fn edit(&mut self) -> Option<Effect> {
        let Some(path) = self.setup.path.clone() else {
            self.notice.status = Some(
                "the embedded model has no file to edit: open a model file (orgtree FILE)".into(),
            );
            return None;
        };
        let line = self
            .selected()
            .map_or(1, |id| self.org.entity(id).id.pos.line.max(1));
        Some(Effect::Edit { path, line })
    }

    /// A message for the status line, from the loop (a failed copy, a paste out of place).
    pub fn tell(&mut self, message: &str) {
        self.notice.status = Some(message.to_owned());
    }

    /// Starts on a search, as if `query` had been typed after `/` and kept with Enter.
    fn search_for(&mut self, query: &str) {
        self.start_search();
        self.type_text(query);
        self.perform(Action::Activate);
    }
}
