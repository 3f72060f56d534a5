//! The ownership graph of one entity at a date: who holds it, who holds them, and so on up to
//! the holders nobody owns, as lines in reading order, each one holder with the stake it has
//! in the line's parent. Each entity's owners are drawn once: met again, the line says they
//! are shown above; a holder met on its own way up closes a circle of holdings, which is
//! marked and not followed. The walk is iterative and stops at [`MAX_LINES`], so a deep chain
//! or dense cross-holdings cost as much as the lines drawn. `--format owners` and the
//! explorer's ownership view both draw this, and the ultimate owners and control under it
//! come from [`super::effective_owners`] and [`super::control_chain`].

use std::collections::HashSet;

use crate::model::{Day, Stake};
use crate::org::{EntityId, Holder, Org};

/// The most lines one graph holds: dense cross-holdings give every entity's owners once,
/// which is still more than anyone reads.
pub const MAX_LINES: usize = 10_000;

/// What a line says besides its holder and stake.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mark {
    /// Nothing: its owners, if any, follow under it.
    None,
    /// The holder is on its own way up: a circle of holdings, not followed again.
    Circle,
    /// The holder's owners were drawn on an earlier line.
    ShownAbove,
}

/// One holder on the way up.
#[derive(Debug, Clone, Copy)]
pub struct Line<'o> {
    /// 1 for the entity's direct holders, 2 for theirs, and so on.
    pub depth: usize,
    /// Whether no later line has the same parent line (the rail ends here).
    pub last: bool,
    pub holder: Holder,
    /// The stake it holds in the line's parent.
    pub stake: &'o Stake,
    /// The holder the stake is held for, when it names one.
    pub on_behalf_of: Option<Holder>,
    pub mark: Mark,
}

/// The graph of one entity's holders at a day.
#[derive(Debug, Clone)]
pub struct Graph<'o> {
    pub target: EntityId,
    pub day: Day,
    pub lines: Vec<Line<'o>>,
    /// Whether holders were left out past [`MAX_LINES`].
    pub cut: bool,
}

impl<'o> Graph<'o> {
    /// Who holds `target` on `day`, upward, each entity's holders once.
    pub fn new(org: &'o Org, target: EntityId, day: Day) -> Graph<'o> {
        let mut lines = Vec::new();
        let mut expanded: HashSet<EntityId> = HashSet::from([target]);
        // The holders on the way from the target to the line being placed, to tell a circle:
        // in order, and as a set (each is there once, as its owners are expanded once).
        let mut path: Vec<Holder> = Vec::new();
        let mut on_path: HashSet<Holder> = HashSet::new();
        let mut stack = holders(org, target, day, 1);
        stack.reverse();
        let mut cut = false;
        while let Some(mut line) = stack.pop() {
            if lines.len() == MAX_LINES {
                cut = true;
                break;
            }
            while path.len() >= line.depth {
                if let Some(h) = path.pop() {
                    on_path.remove(&h);
                }
            }
            let circle = line.holder == Holder::Entity(target) || on_path.contains(&line.holder);
            if circle {
                line.mark = Mark::Circle;
            } else if let Some(e) = line.holder.entity() {
                let above = holders(org, e, day, line.depth + 1);
                if !above.is_empty() {
                    if expanded.insert(e) {
                        path.push(line.holder);
                        on_path.insert(line.holder);
                        stack.extend(above.into_iter().rev());
                    } else {
                        line.mark = Mark::ShownAbove;
                    }
                }
            }
            lines.push(line);
        }
        Graph {
            target,
            day,
            lines,
            cut,
        }
    }
}

/// Which rails go on above each line, walked with the lines in order: for each level above a
/// line, whether a later line of that level is still to come (draw `│` there, else a blank).
/// One list, cut and grown as the walk goes, so a line costs its depth once.
#[derive(Debug, Default)]
pub struct Rails {
    open: Vec<bool>,
}

impl Rails {
    /// The rails above `line`, which must come after the lines already stepped over.
    pub fn step(&mut self, line: &Line<'_>) -> &[bool] {
        self.open.truncate(line.depth - 1);
        self.open.push(!line.last);
        &self.open[..line.depth - 1]
    }
}

/// The holders of `at` on `day`, each on a line `depth` levels up.
fn holders<'o>(org: &'o Org, at: EntityId, day: Day, depth: usize) -> Vec<Line<'o>> {
    let mut lines: Vec<Line<'o>> = org
        .owners_at(at, day)
        .filter_map(|s| {
            Some(Line {
                depth,
                last: false,
                holder: s.owner?,
                stake: s.stake,
                on_behalf_of: s.on_behalf_of,
                mark: Mark::None,
            })
        })
        .collect();
    if let Some(l) = lines.last_mut() {
        l.last = true;
    }
    lines
}
