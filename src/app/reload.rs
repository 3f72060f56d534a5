//! What survives a reload of the model file: what the person was looking at, held by the ids
//! the model gives it rather than by index, since the new model numbers everything anew.

use super::{App, ChartView, Overlay, Target};

/// The view, by id, as it was before a reload.
#[derive(Debug)]
pub(super) struct Kept {
    selected: Option<String>,
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
}

impl Kept {
    pub(super) fn of(app: &App) -> Kept {
        let org = &app.org;
        let id = |e| org.entity(e).id.value.clone();
        Kept {
            selected: app.selected().map(id),
            expanded: app.tree.expanded_entities().into_iter().map(id).collect(),
            as_of: app.time.as_of,
            search: app.search.as_ref().map(|s| (s.query.clone(), s.editing)),
            chart: app.chart.map(|c| (id(c.root), c.depth)),
            subject: match app.detail.subject {
                Target::Entity(_) => None,
                Target::Person(p) => Some(Shown::Person(org.person(p).id.value.clone())),
                Target::Source(s) => Some(Shown::Source(org.source(s).id.value.clone())),
            },
            overlay: app.overlay,
        }
    }

    /// Puts the view back on a freshly built explorer, as far as the new model has its ids.
    pub(super) fn apply(self, app: &mut App) {
        let ids: Vec<_> = self
            .expanded
            .iter()
            .filter_map(|i| app.org.find_entity(i))
            .collect();
        app.tree.set_expanded_only(&app.org, &ids);
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
            app.tree.is_shown(root).then_some(ChartView { root, depth })
        });
        let subject = match self.subject {
            Some(Shown::Person(p)) => app.org.find_person(&p).map(Target::Person),
            Some(Shown::Source(s)) => app.org.find_source(&s).map(Target::Source),
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
