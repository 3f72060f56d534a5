//! What a dump shows: the entities in view — under `--root`, down to `--depth`, existing at the
//! date, matching `--filter` — in tree order, and the date. Every format reads the same view;
//! the model exports (JSON, YAML) read the whole model when nothing narrows it.

use std::ops::ControlFlow;
use std::sync::Arc;

use crate::headcount::{self, Headcount};
use crate::model::Day;
use crate::org::{EntityId, EntitySet, Holder, Org, PersonId, Placing, Tree};
use crate::words;

use super::{DumpOptions, date, shown, starts};

pub struct View {
    pub day: Day,
    /// The tree at the view's date: each entity under its parent then, children in the order
    /// `--sort` asks for.
    pub tree: Arc<Tree>,
    /// The headcount of each entity of the tree at the view's date.
    pub heads: Arc<Headcount>,
    /// The entities in view, depth first in file order, with their depth.
    pub order: Vec<(EntityId, usize)>,
    selected: EntitySet,
    /// Whether the view is the whole model, every entity whatever its dates (a model export
    /// with no root, depth, date or filter asked for).
    pub whole: bool,
}

impl View {
    /// What the text formats draw (tree, chart, DOT, Mermaid, Markdown): the entities that
    /// exist at the dump's date — `--as-of`, else the model's own date — by the rule of
    /// [`crate::visibility`], as the explorer's tree shows them.
    pub fn new(org: &Org, options: &DumpOptions) -> View {
        Self::at_date(org, options, true)
    }

    /// What the model exports (JSON, YAML) write: the whole model when nothing narrows it,
    /// every entity whatever its dates; else, given a root, a depth, a date or a filter, the
    /// same entities as [`View::new`].
    pub fn of_model(org: &Org, options: &DumpOptions) -> View {
        let narrowed = options.root.is_some()
            || options.depth.is_some()
            || options.as_of.is_some()
            || options.filter.is_some();
        Self::at_date(org, options, narrowed)
    }

    fn at_date(org: &Org, options: &DumpOptions, dated: bool) -> View {
        let placing = if dated {
            Placing::UnderExisting
        } else {
            Placing::AsWritten
        };
        let day = date(org, options);
        let counted = headcount::Cache::new();
        let tree = counted.sorted(org, &org.tree(day, placing), day, options.sort);
        let heads = counted.counts(org, &tree, day);
        let shown = dated.then(|| shown(org, &tree, options));
        let keep = |id: EntityId| shown.as_ref().is_none_or(|s| s.contains(id));
        let mut order = Vec::new();
        let mut selected = EntitySet::new(org);
        tree.walk_where(&starts(&tree, options), options.depth, keep, |visit| {
            order.push((visit.id, visit.depth));
            selected.insert(visit.id);
            ControlFlow::Continue(())
        });
        drop(shown);
        View {
            day,
            tree,
            heads,
            order,
            selected,
            whole: !dated,
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
            let parent = self.tree.parent(child).filter(|&p| self.contains(p))?;
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
