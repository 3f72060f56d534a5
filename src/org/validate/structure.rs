//! The tree over time: no cycle at any date, one parent (name, kind) at a time, and parents in
//! force only while they exist.
//!
//! A cycle can only appear when a parent link comes into force, so the tree is checked once as
//! it stands before any dated link starts, then at each day a link starts, walking up from the
//! entities whose link starts that day. A static model is checked once.

use std::collections::HashSet;

use super::periods::outside;
use super::*;
use crate::model::{Dated, Facet, Span};

/// Every structural problem of `org`.
pub(super) fn structure(org: &Org, diagnostics: &mut Vec<Diagnostic>) {
    for e in &org.model.entities {
        if let Some(parent) = &e.parent {
            spans(parent, "parent", diagnostics);
        }
        spans(&e.name, "name", diagnostics);
        spans(&e.kind, "kind", diagnostics);
    }
    cycles(org, diagnostics);
    parents_alive(org, diagnostics);
}

/// A list of periods must have one, each must end after it starts, and no two may overlap.
fn spans<F: Facet>(dated: &Dated<F>, field: &str, diagnostics: &mut Vec<Diagnostic>) {
    let Dated::Periods(spans) = dated else { return };
    if spans.is_empty() {
        diagnostics.push(
            Diagnostic::error(dated.pos(), format!("`{field}:` lists no periods"))
                .with_help(format!(
                    "write one value (`{field}: …`) or at least one period (`- {{{}: …, start: …}}`)",
                    F::KEY
                )),
        );
        return;
    }
    for s in spans {
        if s.period().is_reversed() {
            diagnostics.push(
                Diagnostic::error(
                    s.end.as_ref().map_or(s.pos(), |e| e.pos),
                    format!(
                        "this `{field}` period ends before it starts ({})",
                        s.period()
                    ),
                )
                .with_help("swap `start` and `end`, or correct one of them"),
            );
        }
    }
    // In order of start, a period overlaps an earlier one when it starts before the latest end
    // so far; each overlap is told once, beside the period it overlaps.
    let mut by_start: Vec<&Span<F>> = spans.iter().collect();
    by_start.sort_by_key(|s| s.start.as_ref().map(|d| d.value.first_day()));
    let mut reach: Option<&Span<F>> = None;
    for s in by_start {
        if let Some(before) = reach
            && before.period().overlaps(&s.period())
        {
            diagnostics.push(
                Diagnostic::error(
                    s.pos(),
                    format!(
                        "two `{field}` periods overlap: `{}` ({}) and `{}` ({})",
                        F::text(&before.value.value),
                        before.period(),
                        F::text(&s.value.value),
                        s.period()
                    ),
                )
                .with_help(format!(
                    "an entity has one {field} at a time: end the first period the day before the second starts"
                )),
            );
        }
        let ends_later = |a: &Span<F>, b: &Span<F>| match (a.period().end, b.period().end) {
            (None, _) => true,
            (_, None) => false,
            (Some(x), Some(y)) => x.last_day() >= y.last_day(),
        };
        if reach.is_none_or(|r| !ends_later(r, s)) {
            reach = Some(s);
        }
    }
}

/// The day before every date a model can name.
const BEFORE_ALL: Day = Day {
    year: i32::MIN,
    month: 1,
    day: 1,
};

/// Reports each cycle once, at the first day it holds.
fn cycles(org: &Org, diagnostics: &mut Vec<Diagnostic>) {
    let mut seen: HashSet<Vec<EntityId>> = HashSet::new();
    let mut report = |cycle: Vec<EntityId>, day: Day, diagnostics: &mut Vec<Diagnostic>| {
        let mut key = cycle.clone();
        key.sort_unstable();
        if !seen.insert(key) {
            return;
        }
        let names: Vec<&str> = cycle
            .iter()
            .chain(cycle.first())
            .map(|&e| org.entity(e).id.value.as_str())
            .collect();
        let anchor = cycle.iter().min().copied().unwrap_or(cycle[0]);
        let pos = parent_pos(org, anchor, day);
        let when = if day == BEFORE_ALL {
            String::new()
        } else {
            format!(" on {day}")
        };
        diagnostics.push(
            Diagnostic::error(
                pos,
                format!("the tree has a cycle{when}: {}", names.join(" → ")),
            )
            .with_help("an entity cannot be its own ancestor; remove one of these `parent` links or change its dates"),
        );
    };

    for cycle in cycles_on(org, BEFORE_ALL) {
        report(cycle, BEFORE_ALL, diagnostics);
    }
    // Each day a dated link starts, and the entities whose link starts then.
    let mut starts: Vec<(Day, EntityId)> = Vec::new();
    for id in org.entity_ids() {
        for (_, period) in org.parents_over_time(id) {
            if let Some(s) = period.start {
                starts.push((s.first_day(), id));
            }
        }
    }
    starts.sort_unstable();
    starts.dedup();
    // Per day, each entity is walked through once: a walk that meets an entity already
    // walked that day stops there, so a deep chain whose links all start on one day costs
    // its length, not its length squared.
    let mut done: HashSet<EntityId> = HashSet::new();
    let mut current = None;
    for (day, from) in starts {
        if current != Some(day) {
            current = Some(day);
            done.clear();
        }
        // Up from `from` on `day`: back to an entity of this walk is a cycle through the
        // links that start then (a cycle is new only when one of its links starts).
        let mut path = Vec::new();
        let mut on_path = HashSet::new();
        let mut at = Some(from);
        while let Some(a) = at {
            if done.contains(&a) {
                break;
            }
            if !on_path.insert(a) {
                let first = path.iter().position(|&p| p == a).unwrap_or(0);
                report(path[first..].to_vec(), day, diagnostics);
                break;
            }
            path.push(a);
            at = org.parent_on(a, day);
        }
        done.extend(path);
    }
}

/// The cycles of the tree on `day`, each as its entities in order up the parent links.
fn cycles_on(org: &Org, day: Day) -> Vec<Vec<EntityId>> {
    #[derive(Clone, Copy, PartialEq)]
    enum Mark {
        New,
        OnPath,
        Done,
    }
    let mut found = Vec::new();
    let mut mark = EntityMap::filled(org, Mark::New);
    for start in org.entity_ids() {
        let mut path = Vec::new();
        let mut at = Some(start);
        while let Some(id) = at {
            match mark[id] {
                Mark::Done => break,
                Mark::OnPath => {
                    let first = path.iter().position(|&p| p == id).unwrap_or(0);
                    found.push(path[first..].to_vec());
                    break;
                }
                Mark::New => {
                    mark[id] = Mark::OnPath;
                    path.push(id);
                    at = org.parent_on(id, day);
                }
            }
        }
        for id in path {
            mark[id] = Mark::Done;
        }
    }
    found
}

/// Where `id`'s parent in force on `day` was written.
fn parent_pos(org: &Org, id: EntityId, day: Day) -> Pos {
    match &org.entity(id).parent {
        Some(Dated::Periods(spans)) => spans
            .iter()
            .find(|s| s.period().contains(day))
            .map_or(Pos::UNKNOWN, Span::pos),
        Some(dated) => dated.pos(),
        None => Pos::UNKNOWN,
    }
}

/// A dated parent link in force while its parent does not exist is a warning.
fn parents_alive(org: &Org, diagnostics: &mut Vec<Diagnostic>) {
    for e in &org.model.entities {
        let Some(Dated::Periods(spans)) = &e.parent else {
            continue;
        };
        for s in spans {
            let Some(parent) = org.find_entity(&s.value.value) else {
                continue;
            };
            let life = org.entity(parent).lifetime();
            if outside(s.period(), life) || s.period().end.is_none() && life.end.is_some() {
                diagnostics.push(
                    Diagnostic::warning(
                        s.pos(),
                        format!(
                            "`{}` is under `{}` ({}) outside the life of `{}` ({})",
                            e.id.value,
                            s.value.value,
                            describe(s.period()),
                            s.value.value,
                            describe(life)
                        ),
                    )
                    .with_help("check this period's dates or the parent's founded/dissolved dates; while the parent does not exist, the entity is shown under the nearest ancestor that does"),
                );
            }
        }
    }
}

fn describe(period: Period) -> String {
    match (period.start, period.end) {
        (None, None) => "always".to_owned(),
        _ => period.to_string(),
    }
}
