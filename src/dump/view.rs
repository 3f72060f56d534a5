//! What a dump shows: the entities in view — under `--root`, down to `--depth`, existing at the
//! date, matching `--filter` — in tree order, and the date. Every format reads the same view;
//! the model exports (JSON, YAML) read the whole model when nothing narrows it.

use std::ops::ControlFlow;
use std::sync::Arc;

use crate::headcount::{self, Headcount};
use crate::model::Day;
use crate::org::{EntityId, EntitySet, Holder, Org, PersonId, Placing, Tree};
use crate::ownership;
use crate::words;

use super::{DumpOptions, date, shown, starts};

pub struct View {
    pub day: Day,
    /// The tree at the view's date: each entity under its parent then, children in the order
    /// `--sort` asks for.
    pub tree: Arc<Tree>,
    /// The headcounts and sorted trees computed for the view: the counts only when a format
    /// (or `--sort headcount`) asks for them.
    counted: headcount::Cache,
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
        // Former entities (`--former`) stay under their parents as written, like the explorer's
        // dimmed rows.
        let placing = if dated && !options.graph.former {
            Placing::UnderExisting
        } else {
            Placing::AsWritten
        };
        let day = date(org, options);
        let counted = headcount::Cache::new();
        let tree = counted.sorted(org, &org.tree(day, placing), day, options.sort);
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
            counted,
            order,
            selected,
            whole: !dated,
        }
    }

    /// What a graph export draws: the view and its lines; with `--owners`, the ownership graph
    /// of the root instead.
    pub fn graphed(org: &Org, options: &DumpOptions) -> (View, Vec<Edge>) {
        match (options.graph.owners, options.root) {
            (true, Some(root)) => View::owners(org, options, root),
            _ => {
                let view = View::new(org, options);
                let edges = view.edges(org, options.graph.relations);
                (view, edges)
            }
        }
    }

    /// The ownership graph of `target` at the view's date ([`ownership::graph`]): `target` and
    /// every entity holding it, directly or up the way, and one line per stake met (a stake
    /// that closes a circle marked); who holds for whom; the relations between them when
    /// asked. Each entity's owners are walked once, so the lines are each stake once.
    fn owners(org: &Org, options: &DumpOptions, target: EntityId) -> (View, Vec<Edge>) {
        let day = date(org, options);
        let counted = headcount::Cache::new();
        let tree = counted.sorted(
            org,
            &org.tree(day, Placing::UnderExisting),
            day,
            options.sort,
        );
        let graph = ownership::graph::Graph::new(org, target, day);
        let mut selected = EntitySet::new(org);
        let mut order = Vec::new();
        let mut add = |h: Holder, order: &mut Vec<(EntityId, usize)>| {
            if let Some(e) = h.entity()
                && selected.insert(e)
            {
                order.push((e, 0));
            }
        };
        add(Holder::Entity(target), &mut order);
        // The holder each level's lines hold: the target, then the line above.
        let mut held: Vec<Holder> = vec![Holder::Entity(target)];
        let mut edges = Vec::new();
        let mut benefits: Vec<(Holder, Holder)> = Vec::new();
        for line in &graph.lines {
            held.truncate(line.depth);
            // Only entities have owners to walk, so every level's holder is one.
            let Some(owned) = held.last().and_then(|h| h.entity()) else {
                continue;
            };
            add(line.holder, &mut order);
            edges.push(Edge::Holding {
                owner: line.holder,
                owned,
                share: share_words(org, line.stake, line.on_behalf_of, day),
                circle: line.mark == ownership::graph::Mark::Circle,
            });
            if let Some(b) = line.on_behalf_of {
                add(b, &mut order);
                if !benefits.contains(&(line.holder, b)) {
                    benefits.push((line.holder, b));
                }
            }
            held.push(line.holder);
        }
        edges.extend(benefits.into_iter().map(Edge::benefit));
        let view = View {
            day,
            tree,
            counted,
            order,
            selected,
            whole: false,
        };
        if options.graph.relations {
            edges.extend(view.relations(org));
        }
        (view, edges)
    }

    /// The view's entities in order, for a graph that draws subtrees as boxes (`--cluster`):
    /// with `boxes`, each entity that has units in view opens a box before itself, and the box
    /// closes after its last unit. Each step comes with how many boxes are open around it.
    pub fn nested(&self, boxes: bool) -> Vec<(Nest, usize)> {
        let mut steps = Vec::with_capacity(self.order.len());
        let mut open: Vec<usize> = Vec::new();
        for (i, &(e, depth)) in self.order.iter().enumerate() {
            while open.last().is_some_and(|&d| d >= depth) {
                open.pop();
                steps.push((Nest::Close, open.len()));
            }
            let has_units = self.order.get(i + 1).is_some_and(|&(_, d)| d > depth);
            if boxes && has_units {
                steps.push((Nest::Open(e), open.len()));
                open.push(depth);
            }
            steps.push((Nest::Node(e), open.len()));
        }
        while open.pop().is_some() {
            steps.push((Nest::Close, open.len()));
        }
        steps
    }

    /// The headcount of each entity of the tree at the view's date, computed the first time.
    pub fn heads(&self, org: &Org) -> Arc<Headcount> {
        self.counted.counts(org, &self.tree, self.day)
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
    /// its unit, with what the parent holds of it; every other stake at the date, with whom it
    /// is held for; who holds for whom; then, with `relations`, the relations in force. DOT and
    /// Mermaid draw these.
    pub fn edges(&self, org: &Org, relations: bool) -> Vec<Edge> {
        let in_view = |h: Holder| h.entity().is_none_or(|e| self.contains(e));
        let mut edges = Vec::new();
        for &(child, _) in &self.order {
            if let Some(parent) = self.tree.parent(child).filter(|&p| self.contains(p)) {
                let held: Vec<String> = org
                    .owners_at(child, self.day)
                    .filter(|s| s.owner == Some(Holder::Entity(parent)))
                    .map(|s| share_for(org, &s, self.day))
                    .collect();
                edges.push(Edge::Part {
                    parent,
                    child,
                    share: (!held.is_empty()).then(|| held.join("; ")),
                });
            }
        }
        let mut benefits = Vec::new();
        for &(owned, _) in &self.order {
            let parent = self.tree.parent(owned).filter(|&p| self.contains(p));
            for s in org.owners_at(owned, self.day) {
                let Some(owner) = s.owner.filter(|&o| in_view(o)) else {
                    continue;
                };
                if let Some(b) = s.on_behalf_of.filter(|&b| in_view(b))
                    && !benefits.contains(&(owner, b))
                {
                    benefits.push((owner, b));
                }
                if parent.is_some_and(|p| owner == Holder::Entity(p)) {
                    continue;
                }
                edges.push(Edge::Stake {
                    owner,
                    owned,
                    share: share_for(org, &s, self.day),
                });
            }
        }
        edges.extend(benefits.into_iter().map(Edge::benefit));
        if relations {
            edges.extend(self.relations(org));
        }
        edges
    }

    /// The relations in force at the view's date between entities in view.
    fn relations<'o>(&'o self, org: &'o Org) -> impl Iterator<Item = Edge> + 'o {
        org.relations().filter_map(move |r| {
            let (from, to) = (r.from?, r.to?);
            (self.contains(from) && self.contains(to) && r.relation.period().contains(self.day))
                .then(|| Edge::Relation {
                    from,
                    to,
                    kind: words::relation(&r.relation.kind.value),
                })
        })
    }

    /// The people holding stakes at the date in entities in view, each once, in the order
    /// [`View::edges`] meets them: the graphs draw them beside the entities.
    pub fn people(&self, edges: &[Edge]) -> Vec<PersonId> {
        let mut people = Vec::new();
        for edge in edges {
            let holders = match edge {
                Edge::Stake { owner, .. } | Edge::Holding { owner, .. } => [Some(*owner), None],
                Edge::Benefit {
                    holder,
                    beneficiary,
                } => [Some(*holder), Some(*beneficiary)],
                _ => [None, None],
            };
            for p in holders.into_iter().flatten().filter_map(Holder::person) {
                if !people.contains(&p) {
                    people.push(p);
                }
            }
        }
        people
    }
}

/// A stake's words on a graph's line: its share, and whom it is held for (`1/3 for French
/// State`).
fn share_for(org: &Org, s: &crate::org::StakeView<'_>, day: Day) -> String {
    share_words(org, s.stake, s.on_behalf_of, day)
}

/// A stake in words, with whom it is held for: what every graph and `--format owners` write
/// on a holder's line.
pub(super) fn share_words(
    org: &Org,
    stake: &crate::model::Stake,
    on_behalf_of: Option<Holder>,
    day: Day,
) -> String {
    let share = words::stake(stake);
    match on_behalf_of {
        Some(b) => format!("{share} for {}", org.holder_name_or(Some(b), "", day)),
        None => share,
    }
}

/// A step of [`View::nested`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Nest {
    /// A box around this entity and its units opens.
    Open(EntityId),
    /// The entity itself.
    Node(EntityId),
    /// The innermost open box closes.
    Close,
}

/// A line of a graph of the view.
pub enum Edge {
    /// `child` is a unit of `parent`, which holds `share` of it (its stakes merged into this
    /// line).
    Part {
        parent: EntityId,
        child: EntityId,
        share: Option<String>,
    },
    /// `owner` (an entity in view, or a person), not the parent, holds `share` of `owned` at
    /// the view's date.
    Stake {
        owner: Holder,
        owned: EntityId,
        share: String,
    },
    /// `holder` holds stakes on behalf of `beneficiary`.
    Benefit { holder: Holder, beneficiary: Holder },
    /// On an ownership graph (`--owners`), `owner` holds `share` of `owned`; `circle` when the
    /// owner is on `owned`'s own way up (a circle of holdings).
    Holding {
        owner: Holder,
        owned: EntityId,
        share: String,
        circle: bool,
    },
    /// `from` is in a relation of `kind` (in words) to `to`.
    Relation {
        from: EntityId,
        to: EntityId,
        kind: String,
    },
}

/// What each kind of line means, in the legends' order ([`Edge::kind`]): DOT's and Mermaid's
/// legends say the same.
pub const LEGEND: [&str; 6] = [
    "unit of its parent, with the parent's share",
    "stake of another owner",
    "holds for a beneficiary",
    "relation",
    "holds, with its direct share",
    "closes a circle of holdings (↻)",
];

impl Edge {
    /// Which kind of line it is: its place in [`LEGEND`].
    pub fn kind(&self) -> usize {
        match self {
            Edge::Part { .. } => 0,
            Edge::Stake { .. } => 1,
            Edge::Benefit { .. } => 2,
            Edge::Relation { .. } => 3,
            Edge::Holding { circle: false, .. } => 4,
            Edge::Holding { circle: true, .. } => 5,
        }
    }

    /// `holder` holds for `beneficiary`.
    fn benefit((holder, beneficiary): (Holder, Holder)) -> Edge {
        Edge::Benefit {
            holder,
            beneficiary,
        }
    }
}
