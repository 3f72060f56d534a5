//! Reading the explorer's state: what the drawing, the loop and tests may know of it. Nothing
//! here changes it.

use super::{App, ChartView, Focus, Outside, Overlay, SearchState, Target, TreeNav};
use ratatui::layout::Rect;

use crate::document::Document;
use crate::model::Day;
use crate::org::{EntityId, Org};

impl App {
    /// What the box chart shows: what exists at the date in force and, while a search is
    /// kept, only the matches and the way to them — the tree's rule; the chart has no dimmed
    /// boxes, so it always hides what does not exist at the date.
    pub fn chart_visible(&self) -> crate::visibility::Visible<'_> {
        let matched = self.search.as_ref().map(|s| &s.found.matched);
        crate::visibility::Visible::new(
            &self.org,
            &self.existing,
            crate::visibility::When::On(self.time.as_of),
            matched,
        )
    }

    /// The tree pane's tree, at the date in force.
    pub fn structure(&self) -> &crate::org::Tree {
        &self.structure
    }

    /// `id`'s headcount at the date in force, in the tree pane's tree.
    pub fn headcount(&self, id: EntityId) -> crate::headcount::Counts {
        self.heads.of(id)
    }

    /// The headcounts at the date in force in the chart's tree (only what exists).
    pub fn chart_heads(&self) -> &crate::headcount::Headcount {
        &self.existing_heads
    }

    /// The order children are shown in.
    pub fn sort(&self) -> crate::headcount::Order {
        self.sort
    }

    /// How the screen is shared between the panes.
    pub fn split(&self) -> crate::geometry::Split {
        self.split
    }

    pub fn org(&self) -> &Org {
        &self.org
    }

    pub fn ownership(&self) -> &crate::ownership::Cache {
        &self.ownership
    }

    pub fn file_name(&self) -> &str {
        &self.setup.file_name
    }

    pub fn color(&self) -> bool {
        self.setup.color
    }

    /// The styles to draw with.
    pub fn theme(&self) -> &crate::theme::Theme {
        &self.setup.theme
    }

    /// Whether the theme is the terminal's background's to choose, and colours are drawn:
    /// then the terminal is worth asking.
    pub fn asks_background(&self) -> bool {
        self.setup.color && self.setup.choice.variant == crate::theme::Variant::Auto
    }

    /// The keys in force.
    pub fn keymap(&self) -> &crate::keys::Keymap {
        &self.setup.keymap
    }

    /// The terminal's size.
    pub fn screen(&self) -> Rect {
        self.screen
    }

    pub fn tree(&self) -> &TreeNav {
        &self.tree
    }

    pub fn focus(&self) -> Focus {
        self.focus
    }

    pub fn selected(&self) -> Option<EntityId> {
        self.tree.selected()
    }

    /// What the detail pane shows.
    pub fn subject(&self) -> Target {
        self.detail.subject
    }

    /// The detail pane's document, as of the last action.
    pub fn document(&self) -> &Document {
        self.detail.document()
    }

    /// Which of the detail pane's links the cursor is on, when the pane has the focus.
    pub fn cursor(&self) -> Option<usize> {
        (self.focus == Focus::Detail && self.detail.link < self.document().links.len())
            .then_some(self.detail.link)
    }

    /// First line of the detail pane on screen.
    pub fn detail_scroll(&self) -> usize {
        self.detail.scroll
    }

    /// How many times the detail document was built: for benchmarks and tests of the cache.
    pub fn document_builds(&self) -> u64 {
        self.detail.builds
    }

    pub fn overlay(&self) -> Option<Overlay> {
        self.overlay
    }

    pub fn chart(&self) -> Option<ChartView> {
        self.chart
    }

    pub fn search(&self) -> Option<&SearchState> {
        self.search.as_ref()
    }

    /// The date in force: stakes, roles and relations are those holding on it.
    pub fn as_of(&self) -> Day {
        self.time.as_of
    }

    /// The event date before the date in force.
    pub fn since(&self) -> Option<Day> {
        self.time.since
    }

    /// Whether `id` changed since the previous event date.
    pub fn changed(&self, id: EntityId) -> bool {
        self.time.changed.contains(id)
    }

    /// Whether something below `id` changed since the previous event date.
    pub fn changed_below(&self, id: EntityId) -> bool {
        self.time.changed_below.contains(id)
    }

    pub fn outside(&self) -> Outside {
        self.time.outside
    }

    pub fn status(&self) -> Option<&str> {
        self.notice.status.as_deref()
    }

    pub fn banner(&self) -> Option<&str> {
        self.notice.banner.as_deref()
    }

    pub fn reloading(&self) -> bool {
        self.notice.reloading.is_some()
    }

    /// How far the reading of the model file again is, while it is read.
    pub fn reload_progress(&self) -> Option<crate::load::progress::Figures> {
        self.notice
            .reloading
            .as_ref()
            .map(crate::load::Meter::figures)
    }

    /// The model file being watched, if any.
    pub fn path(&self) -> Option<&std::path::Path> {
        self.setup.path.as_deref()
    }
}
