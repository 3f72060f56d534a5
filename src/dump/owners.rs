//! `--format owners`: who owns each entity in view, upward to its ultimate owners, as text. Each
//! line is a holder with its direct share; an entity's own owners follow under it, each
//! entity's once (met again, it says so), and a holder met on its own way up closes a circle,
//! which is marked. Under the graph, the ultimate owners with their look-through interest and
//! what it came through, and the control chain. With `--root`, the root alone; otherwise every
//! entity in view that has an owner at the date.

use std::collections::HashSet;
use std::io::{self, Write};

use crate::model::Day;
use crate::org::{EntityId, Holder, Org};
use crate::ownership;
use crate::words;

use super::DumpOptions;
use super::lines::Lines;
use super::tree::{ASCII, MAX_RAILS, Rails, UNICODE};
use super::view::View;

pub fn write(org: &Org, options: &DumpOptions, out: &mut Lines<impl Write>) -> io::Result<()> {
    let view = View::new(org, options);
    let rails = if options.ascii { &ASCII } else { &UNICODE };
    let dash = if options.ascii { "-" } else { "—" };
    out.line(format_args!(
        "{} {dash} owners as of {}",
        org.model.title, view.day
    ))?;
    let owned: Vec<EntityId> = match options.root {
        Some(root) => vec![root],
        None => view
            .order
            .iter()
            .map(|&(e, _)| e)
            .filter(|&e| org.owners_at(e, view.day).next().is_some())
            .collect(),
    };
    if owned.is_empty() {
        return out.line("(no entity in view has an owner recorded at this date)");
    }
    for e in owned {
        out.line("")?;
        graph(org, e, view.day, rails, out)?;
    }
    Ok(())
}

/// The most holders one entity's graph draws: dense cross-holdings give every entity's owners
/// once, which is still more than anyone reads.
const MAX_LINES: usize = 10_000;

/// A holder on the way up, to draw.
struct Step {
    holder: Holder,
    /// Its stake, in words, in the entity below it.
    share: String,
    /// For each level above, whether a later sibling still comes (the rail goes on).
    last: Vec<bool>,
}

/// One entity's owners, upward, then its ultimate owners and control.
fn graph(
    org: &Org,
    target: EntityId,
    day: Day,
    rails: &Rails,
    out: &mut Lines<impl Write>,
) -> io::Result<()> {
    let name = |h: Holder| org.holder_name_or(Some(h), "", day);
    out.line(format_args!("{}, owned by", name(Holder::Entity(target))))?;
    let mut expanded: HashSet<EntityId> = HashSet::from([target]);
    // The holders on the way from the target to the step drawn, to tell a circle.
    let mut path: Vec<Holder> = Vec::new();
    let mut stack = steps(org, target, day, &[]);
    stack.reverse();
    let mut line = String::new();
    let mut drawn = 0usize;
    while let Some(step) = stack.pop() {
        drawn += 1;
        if drawn > MAX_LINES {
            out.line(format_args!(
                "… and more holders up the way, not drawn past {MAX_LINES} lines"
            ))?;
            break;
        }
        let depth = step.last.len();
        path.truncate(depth - 1);
        line.clear();
        let hidden = depth.saturating_sub(MAX_RAILS);
        if hidden > 0 {
            line.push_str(&format!("[+{hidden}] "));
        }
        for &last in &step.last[hidden..depth - 1] {
            line.push_str(if last { rails.blank } else { rails.through });
        }
        line.push_str(if step.last[depth - 1] {
            rails.last_branch
        } else {
            rails.branch
        });
        line.push_str(&format!("{} {}", name(step.holder), step.share));
        let entity = step.holder.entity();
        let circle = step.holder == Holder::Entity(target) || path.contains(&step.holder);
        let owners = entity.map(|e| steps(org, e, day, &step.last));
        match (entity, owners) {
            _ if circle => line.push_str("  ↻ a circle of holdings: its owners are shown above"),
            (Some(e), Some(owners)) if !owners.is_empty() => {
                if expanded.insert(e) {
                    path.push(step.holder);
                    out.line(&line)?;
                    stack.extend(owners.into_iter().rev());
                    continue;
                }
                line.push_str("  (its owners are shown above)");
            }
            _ => {}
        }
        out.line(&line)?;
    }
    effective(org, target, day, out)
}

/// The holders of `at` on `day`, each with its stake in words, as steps one level below `last`.
fn steps(org: &Org, at: EntityId, day: Day, last: &[bool]) -> Vec<Step> {
    let stakes: Vec<_> = org
        .owners_at(at, day)
        .filter_map(|s| {
            let holder = s.owner?;
            let mut share = words::stake(s.stake);
            if let Some(b) = s.on_behalf_of {
                share = format!("{share} for {}", org.holder_name_or(Some(b), "", day));
            }
            Some((holder, share))
        })
        .collect();
    let n = stakes.len();
    stakes
        .into_iter()
        .enumerate()
        .map(|(i, (holder, share))| {
            let mut below = last.to_vec();
            below.push(i + 1 == n);
            Step {
                holder,
                share,
                last: below,
            }
        })
        .collect()
}

/// The ultimate owners of `target`, their look-through interest and its way, and control.
fn effective(org: &Org, target: EntityId, day: Day, out: &mut Lines<impl Write>) -> io::Result<()> {
    let name = |h: Holder| org.holder_name_or(Some(h), "", day);
    let found = ownership::effective_owners(org, target, day);
    out.line("  Ultimate owners, looking through:")?;
    for owner in &found.owners {
        let via = if owner.via.is_empty() {
            "directly".to_owned()
        } else {
            let names: Vec<String> = owner.via.iter().map(|&h| name(h)).collect();
            format!("via {}", names.join(", "))
        };
        out.line(format_args!(
            "    {} {} ({via})",
            name(owner.id),
            owner.interest.words()
        ))?;
    }
    if !found.unrecorded.is_zero() {
        out.line(format_args!(
            "    holders not recorded: {}",
            found.unrecorded.words()
        ))?;
    }
    if !found.circling.is_zero() {
        out.line(format_args!(
            "    still going round cross-holdings: up to {}",
            found.circling.words()
        ))?;
    }
    if found.approximate {
        out.line("    approximate: fractions too long to keep were rounded outward")?;
    }
    let control = ownership::control_chain(org, target, day);
    let mut chain: Vec<String> = control.chain.iter().map(|&h| name(h)).collect();
    if control.cut {
        chain.push("…".to_owned());
    }
    let words = match (chain.is_empty(), control.undetermined) {
        (true, true) => "undetermined (a share is unknown or a range)".to_owned(),
        (true, false) => "no majority holder".to_owned(),
        (false, true) => format!("{} → undetermined", chain.join(" → ")),
        (false, false) => chain.join(" → "),
    };
    out.line(format_args!("  Control: {words}"))
}
