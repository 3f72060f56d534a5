//! The date in force, as the explorer keeps it: what changed since the previous event date,
//! which entities the tree shows at the date, and the entity to come back to when a date hides
//! the selection for a while.

use super::{App, Outside};
use crate::history;
use crate::model::Day;
use crate::org::{EntityId, EntitySet, Org, Placing};
use crate::visibility::{Visible, When};

/// The time view: the date, and what follows from it.
#[derive(Debug)]
pub(super) struct TimeView {
    pub(super) as_of: Day,
    /// The model's own date (or today, for a model without one).
    pub(super) model_date: Day,
    pub(super) outside: Outside,
    /// The event date before the date in force, and which entities changed since.
    pub(super) since: Option<Day>,
    pub(super) changed: EntitySet,
    /// The entities something below which changed.
    pub(super) changed_below: EntitySet,
    /// The entity the person last chose; a date that hides it does not forget it, so it is
    /// selected again when it comes back.
    pub(super) anchor: Option<EntityId>,
    /// Set while an action moves the date, so the anchor stays.
    pub(super) date_moved: bool,
}

impl TimeView {
    pub(super) fn new(org: &Org) -> TimeView {
        let model_date = org
            .model
            .as_of
            .as_ref()
            .map_or_else(Day::today, |d| d.last_day());
        TimeView {
            as_of: model_date,
            model_date,
            outside: Outside::Hide,
            since: None,
            changed: EntitySet::new(org),
            changed_below: EntitySet::new(org),
            anchor: None,
            date_moved: false,
        }
    }
}

impl App {
    /// Moves the date in force, and with it what the tree shows and what counts as changed.
    pub(super) fn set_date(&mut self, day: Day) {
        let wanted = self.time.anchor.or(self.selected());
        let t = &mut self.time;
        t.date_moved = true;
        t.as_of = day;
        t.since = history::previous_event_day(&self.org, day);
        t.changed = match t.since {
            Some(since) => history::changes(&self.org, since, day).touched(&self.org),
            None => EntitySet::new(&self.org),
        };
        // The tree at the new date first: what is below what may have changed with it.
        self.place(day);
        let t = &mut self.time;
        let mut below = EntitySet::new(&self.org);
        for id in t.changed.iter() {
            let mut at = id;
            while let Some(parent) = self.structure.parent(at) {
                if !below.insert(parent) {
                    break;
                }
                at = parent;
            }
        }
        t.changed_below = below;
        self.apply_filters();
        if let Some(id) = wanted
            && self.tree.is_shown(id)
        {
            self.tree.select(&self.structure, id);
        }
        // The pane's text changed with the date: read it from the top.
        self.detail.top();
    }

    /// `D`: entities that do not exist at the date hidden, or shown dimmed.
    pub(super) fn toggle_outside(&mut self) {
        self.time.outside = match self.time.outside {
            Outside::Hide => Outside::Dim,
            Outside::Dim => Outside::Hide,
        };
        self.apply_filters();
        let as_of = self.time.as_of;
        self.notice.status = Some(match self.time.outside {
            Outside::Hide => format!("entities that did not exist on {as_of} are hidden"),
            Outside::Dim => format!("entities that did not exist on {as_of} are shown dimmed"),
        });
    }

    /// `s`: children in the next order; the trees are sorted views of the date's trees.
    pub(super) fn cycle_sort(&mut self) {
        self.sort = self.sort.next();
        self.apply_filters();
        if let Some(id) = self.selected() {
            self.tree.select(&self.structure, id);
        }
        self.notice.status = Some(format!("children sorted by {}", self.sort.word()));
    }

    /// Tells the tree which entities to show: those the search found, and (unless shown
    /// dimmed) those that exist at the date in force.
    pub(super) fn apply_filters(&mut self) {
        let when = self.when();
        self.place(self.time.as_of);
        let matched = self.search.as_ref().map(|s| &s.found.matched);
        let shown = Visible::new(&self.org, &self.structure, when, matched).into_mask();
        self.tree.set_shown(&self.structure, shown);
        if let Some(s) = &mut self.search {
            // A match is shown exactly when it exists at the date (or the date does not hide)
            // and is inside the `--root` subtree, if there is one.
            s.set_visible(&self.tree);
        }
    }
}

impl App {
    /// The date the tree shows what exists on. Dimmed, what is outside the date stays in the
    /// tree: the rule is asked for any date.
    pub(super) fn when(&self) -> When {
        match self.time.outside {
            Outside::Hide => When::On(self.time.as_of),
            Outside::Dim => When::Any,
        }
    }

    /// The trees at `day`: the tree pane's, and the chart's.
    fn place(&mut self, day: Day) {
        let (org, counted, sort) = (&self.org, &self.counted, self.sort);
        self.structure =
            counted.sorted(org, &org.tree(day, self.time.outside.placing()), day, sort);
        self.existing = counted.sorted(org, &org.tree(day, Placing::UnderExisting), day, sort);
        self.heads = counted.counts(org, &self.structure, day);
        self.existing_heads = counted.counts(org, &self.existing, day);
        let structure = std::sync::Arc::clone(&self.structure);
        self.tree.rescope(&structure);
    }
}

impl Outside {
    /// How the tree places an entity whose parent does not exist at the date: hidden, it goes
    /// under the nearest ancestor that exists; dimmed, it stays under its own parent.
    fn placing(self) -> Placing {
        match self {
            Outside::Hide => Placing::UnderExisting,
            Outside::Dim => Placing::AsWritten,
        }
    }
}
