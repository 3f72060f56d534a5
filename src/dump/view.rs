//! What a dump shows: the entities in view — under `--root`, down to `--depth`, existing at the
//! date, matching `--filter` — in tree order, and the date. Every format reads the same view.

use std::ops::ControlFlow;

use crate::model::Day;
use crate::org::{EntityId, EntitySet, Holder, Org, PersonId};
use crate::words;

use super::{DumpOptions, date, shown, starts};

pub struct View {
    pub day: Day,
    /// The entities in view, depth first in file order, with their depth.
    pub order: Vec<(EntityId, usize)>,
    selected: EntitySet,
    /// Whether the view is the whole model: no root, depth, date or filter asked for.
    pub whole: bool,
}

impl View {
    pub fn new(org: &Org, options: &DumpOptions) -> View {
        let narrowed = options.as_of.is_some() || options.filter.is_some();
        let shown = narrowed.then(|| shown(org, options));
        let keep = |id: EntityId| shown.as_ref().is_none_or(|s| s.contains(id));
        let mut order = Vec::new();
        let mut selected = EntitySet::new(org);
        org.walk_where(&starts(org, options), options.depth, keep, |visit| {
            order.push((visit.id, visit.depth));
            selected.insert(visit.id);
            ControlFlow::Continue(())
        });
        View {
            day: date(org, options),
            order,
            selected,
            whole: options.root.is_none() && options.depth.is_none() && !narrowed,
        }
    }

    pub fn contains(&self, id: EntityId) -> bool {
        self.selected.contains(id)
    }

    /// Whether the entity with id `r` is in view.
    pub fn has(&self, org: &Org, r: &str) -> bool {
        self.has_end(org.find_entity(r))
    }

    /// Whether the entity a stake, role or relation names is in view.
    pub fn has_end(&self, end: Option<EntityId>) -> bool {
        end.is_some_and(|id| self.contains(id))
    }

    /// The lines of a graph of the view, between entities in view: every link from a parent to
    /// its unit, then every stake at the date, in view order. DOT and Mermaid draw these.
    pub fn edges(&self, org: &Org) -> Vec<Edge> {
        let parts = self.order.iter().filter_map(|&(child, _)| {
            let parent = org.parent(child).filter(|&p| self.contains(p))?;
            Some(Edge::Part { parent, child })
        });
        let stakes = self.order.iter().flat_map(|&(owned, _)| {
            org.owners_at(owned, self.day).filter_map(move |s| {
                let owner = s
                    .owner
                    .filter(|o| o.entity().is_none_or(|e| self.contains(e)))?;
                Some(Edge::Stake {
                    owner,
                    owned,
                    share: words::stake(s.stake),
                })
            })
        });
        parts.chain(stakes).collect()
    }

    /// The people holding stakes at the date in entities in view, each once, in the order
    /// [`View::edges`] meets them: the graphs draw them beside the entities.
    pub fn people(&self, edges: &[Edge]) -> Vec<PersonId> {
        let mut people = Vec::new();
        for edge in edges {
            if let Edge::Stake {
                owner: Holder::Person(p),
                ..
            } = edge
                && !people.contains(p)
            {
                people.push(*p);
            }
        }
        people
    }
}

/// A line of a graph of the view.
pub enum Edge {
    /// `child` is a unit of `parent`.
    Part { parent: EntityId, child: EntityId },
    /// `owner` (an entity in view, or a person) holds `share` of `owned` at the view's date.
    Stake {
        owner: Holder,
        owned: EntityId,
        share: String,
    },
}
