//! `--format owners`: who owns each entity in view, upward to its ultimate owners, as text. Each
//! line is a holder with its direct share; an entity's own owners follow under it, each
//! entity's once (met again, it says so), and a holder met on its own way up closes a circle,
//! which is marked. Under the graph, the ultimate owners with their look-through interest and
//! what it came through, and the control chain. With `--root`, the root alone; otherwise every
//! entity in view that has an owner at the date.

use std::io::{self, Write};

use crate::model::Day;
use crate::org::{EntityId, Holder, Org};
use crate::ownership;
use crate::ownership::graph::{self, Graph, MAX_LINES, Mark};

use super::DumpOptions;
use super::lines::Lines;
use super::tree::{ASCII, MAX_RAILS, Rails, UNICODE};
use super::view::{View, share_words};

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
    let graph = Graph::new(org, target, day);
    let mut open = graph::Rails::default();
    let mut text = String::new();
    for line in &graph.lines {
        let above = open.step(line);
        text.clear();
        let hidden = above.len().saturating_sub(MAX_RAILS - 1);
        if hidden > 0 {
            text.push_str(&format!("[+{hidden}] "));
        }
        for &on in &above[hidden..] {
            text.push_str(if on { rails.through } else { rails.blank });
        }
        text.push_str(if line.last {
            rails.last_branch
        } else {
            rails.branch
        });
        text.push_str(&name(line.holder));
        text.push(' ');
        text.push_str(&share_words(org, line.stake, line.on_behalf_of, day));
        text.push_str(match line.mark {
            Mark::None => "",
            Mark::Circle => "  ↻ a circle of holdings: its owners are shown above",
            Mark::ShownAbove => "  (its owners are shown above)",
        });
        out.line(&text)?;
    }
    if graph.cut {
        out.line(format_args!(
            "… and more holders up the way, not drawn past {MAX_LINES} lines"
        ))?;
    }
    effective(org, target, day, out)
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
