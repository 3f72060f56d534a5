//! `--diff DATE1 DATE2`: what changed between two dates, as text — entities that appeared or
//! went, stakes that began, ended or changed, roles taken or left, and the events between.

use std::io::{self, Write};

use crate::history::{self, Reshaped, StakeChange};
use crate::model::Day;
use crate::org::{EntityId, Org, RelationView, RoleView, StakeView};
use crate::words;

use super::lines::Lines;
use super::tree::owner_text;

fn role(org: &Org, r: &RoleView<'_>, day: Day) -> String {
    format!(
        "{}: {} {}",
        org.entity_name_or(r.entity, &r.role.entity, day),
        r.role.title,
        org.holder_name(r)
    )
}

fn stake(org: &Org, s: &StakeView<'_>, day: Day) -> String {
    format!(
        "{}: {}",
        org.entity_name_or(s.owned, &s.stake.owned, day),
        owner_text(org, s, day)
    )
}

/// Writes what changed from `first` to `last`, both days included: the model as it stood the
/// day before `first` against the model on `last`, and the events dated in between.
pub fn write(org: &Org, first: Day, last: Day, out: &mut impl Write) -> io::Result<()> {
    write_lines(org, first, last, &mut Lines::new(out))
}

fn write_lines(org: &Org, first: Day, last: Day, out: &mut Lines<impl Write>) -> io::Result<()> {
    let (first, last) = (first.min(last), first.max(last));
    // `changes` compares two days and takes the events after the first: the day before `first`
    // brings in what happened on it.
    let c = history::changes(org, first.previous(), last);
    out.line(format_args!(
        "{} — changes from {first} to {last}, both included",
        org.model.title
    ))?;
    if c.is_empty() {
        return out.line("Nothing changed.");
    }
    if !c.appeared.is_empty() || !c.gone.is_empty() {
        out.line("Entities")?;
        for &id in &c.appeared {
            out.line(format_args!("  + {}", org.name_on(id, c.to)))?;
        }
        for &id in &c.gone {
            out.line(format_args!("  - {}", org.name_on(id, c.from)))?;
        }
    }
    if !c.reshaped.is_empty() {
        out.line("Structure")?;
        for r in &c.reshaped {
            out.line(reshaped(org, r, c.from, c.to))?;
        }
    }
    if !c.stakes.is_empty() {
        out.line("Stakes")?;
        for s in &c.stakes {
            match s {
                StakeChange::Added(s) => out.line(format_args!("  + {}", stake(org, s, c.to)))?,
                StakeChange::Removed(s) => {
                    out.line(format_args!("  - {}", stake(org, s, c.from)))?
                }
                StakeChange::Changed { before, after } => {
                    let share = |s: &StakeView| words::stake(s.stake);
                    out.line(format_args!(
                        "  ~ {}: {} {} → {}",
                        org.entity_name_or(after.owned, &after.stake.owned, c.to),
                        org.holder_name_or(after.owner, &after.stake.owner, c.to),
                        share(before),
                        share(after)
                    ))?
                }
            }
        }
    }
    if !c.roles_taken.is_empty() || !c.roles_left.is_empty() {
        out.line("Roles")?;
        for r in &c.roles_taken {
            out.line(format_args!("  + {}", role(org, r, c.to)))?;
        }
        for r in &c.roles_left {
            out.line(format_args!("  - {}", role(org, r, c.from)))?;
        }
    }
    if !c.relations_begun.is_empty() || !c.relations_ended.is_empty() {
        out.line("Relations")?;
        let relation = |r: &RelationView, day: Day| {
            format!(
                "{} {} {}",
                org.entity_name_or(r.from, &r.relation.from, day),
                words::relation(&r.relation.kind),
                org.entity_name_or(r.to, &r.relation.to, day)
            )
        };
        for r in &c.relations_begun {
            out.line(format_args!("  + {}", relation(r, c.to)))?;
        }
        for r in &c.relations_ended {
            out.line(format_args!("  - {}", relation(r, c.from)))?;
        }
    }
    if !c.events.is_empty() {
        out.line("Events")?;
        for e in &c.events {
            out.line(format_args!(
                "  {:<10} {:<17} {}",
                e.date.value.to_string(),
                words::event_kind(&e.kind),
                e.description
            ))?;
        }
    }
    Ok(())
}

/// `  Google LLC: moved from Google Inc. to Alphabet Inc.`, `  Google LLC: renamed from Google
/// Inc.`, `  Orange Cyberdefense: became a subsidiary (was a business unit)`.
fn reshaped(org: &Org, r: &Reshaped, from: Day, to: Day) -> String {
    let id = r.entity();
    let name = org.name_on(id, to);
    let place = |p: Option<EntityId>, day: Day| {
        p.map_or_else(
            || "the top level".to_owned(),
            |p| org.name_on(p, day).to_owned(),
        )
    };
    match *r {
        Reshaped::Moved { from: a, to: b, .. } => format!(
            "  {name}: moved from {} to {}",
            place(a, from),
            place(b, to)
        ),
        Reshaped::Renamed { .. } => {
            format!("  {name}: renamed from {}", org.name_on(id, from))
        }
        Reshaped::Rekinded { .. } => format!(
            "  {name}: became a {} (was a {})",
            words::entity_kind(org.kind_on(id, to)),
            words::entity_kind(org.kind_on(id, from))
        ),
    }
}
