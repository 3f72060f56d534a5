//! What survives a reload of the model file: what the person was looking at, held by the ids
//! the model gives it rather than by index, since the new model numbers everything anew.

use super::{App, ChartView, Overlay, Target};
use crate::org::Org;

/// The view, by id, as it was before a reload.
#[derive(Debug)]
pub(super) struct Kept {
    selected: Option<String>,
    /// The `--root` the tree is limited to.
    scope: Option<String>,
    expanded: Vec<String>,
    as_of: crate::model::Day,
    search: Option<(String, bool)>,
    chart: Option<(String, usize)>,
    subject: Option<Shown>,
    overlay: Option<Overlay>,
}

/// A person or a source on show in the detail pane.
#[derive(Debug)]
enum Shown {
    Person(String),
    Source(String),
    Owners(String),
}

impl Kept {
    pub(super) fn of(app: &App) -> Kept {
        let org = &app.org;
        let id = |e| org.entity(e).id.value.to_string();
        Kept {
            selected: app.selected().map(id),
            scope: app.tree.scope().map(id),
            expanded: app.tree.expanded_entities().into_iter().map(id).collect(),
            as_of: app.time.as_of,
            search: app.search.as_ref().map(|s| (s.query.clone(), s.editing)),
            chart: app.chart.map(|c| (id(c.root), c.depth)),
            subject: match app.detail.subject {
                Target::Entity(_) => None,
                Target::Person(p) => Some(Shown::Person(org.person(p).id.value.to_string())),
                Target::Source(s) => Some(Shown::Source(org.source(s).id.value.to_string())),
                Target::Owners(e) => Some(Shown::Owners(id(e))),
            },
            overlay: app.overlay,
        }
    }

    /// Puts the view back on a freshly built explorer, as far as the new model has its ids.
    pub(super) fn apply(self, app: &mut App) {
        if let Some(root) = self.scope.and_then(|r| app.org.find_entity(&r)) {
            app.tree.set_scope(&app.structure, Some(root));
        }
        let ids: Vec<_> = self
            .expanded
            .iter()
            .filter_map(|i| app.org.find_entity(i))
            .collect();
        app.tree.set_expanded_only(&app.structure, &ids);
        app.set_date(self.as_of);
        if let Some((query, editing)) = self.search {
            app.search_for(&query);
            if let Some(s) = &mut app.search {
                s.editing = editing;
            }
        }
        if let Some(id) = self.selected.and_then(|s| app.org.find_entity(&s)) {
            app.select(id);
        }
        app.chart = self.chart.and_then(|(root, depth)| {
            let root = app.org.find_entity(&root)?;
            app.tree
                .is_shown(root)
                .then_some(ChartView::new(root, depth))
        });
        let subject = match self.subject {
            Some(Shown::Person(p)) => app.org.find_person(&p).map(Target::Person),
            Some(Shown::Source(s)) => app.org.find_source(&s).map(Target::Source),
            Some(Shown::Owners(e)) => app.org.find_entity(&e).map(Target::Owners),
            None => None,
        };
        if let Some(subject) = subject {
            app.detail.show(subject);
        }
        // The help has no ids; the timeline's cursor is put in range by `settle`.
        app.overlay = self.overlay;
        app.settle();
    }
}

impl App {
    /// Puts a reloaded model in place. Every field that holds an index into the old model is
    /// made anew from the new one, in one place: the explorer is built again around the new
    /// model, and what the person was looking at (the selection, what was expanded, the date,
    /// the search, the chart, a person or source on show) is carried over by id, or forgotten
    /// when its id went away.
    pub(super) fn replace_org(&mut self, org: Org) {
        let kept = Kept::of(self);
        let background = self.take_background();
        let mut fresh = App::bare(
            std::sync::Arc::new(org),
            self.setup.clone(),
            self.screen,
            self.sort,
        );
        fresh.time.outside = self.time.outside;
        fresh.focus = self.focus;
        *self = fresh;
        // The search is put back at once, then the thread started on the new org: any
        // outcome still coming from the old one carries an older generation and is dropped.
        kept.apply(self);
        self.restore_background(background);
    }

    /// The model file was read again and is well: its new model, shown.
    pub fn reloaded(&mut self, org: Org) {
        self.replace_org(org);
        self.notice.status = Some("the model file changed: reloaded".into());
    }

    /// The model file was read again and has a problem: the first one, in the banner, and the
    /// last good model kept on screen.
    pub fn reload_failed(&mut self, error: &crate::load::LoadError) {
        self.notice.reloading = None;
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
        self.notice.banner = Some(format!("{line} — showing the last good version"));
    }

    /// The model file is being read again, as far as `meter` says.
    pub fn start_reloading(&mut self, meter: crate::load::Meter) {
        self.notice.reloading = Some(meter);
    }

    /// The model file is gone: say so, and keep the last good model until it comes back.
    pub fn file_vanished(&mut self) {
        self.notice.reloading = None;
        self.notice.banner = Some(format!(
            "{} is gone (deleted or renamed) — showing the last good version; it is read again \
             when it comes back",
            self.setup.file_name
        ));
    }
}
