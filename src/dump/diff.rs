//! `--diff DATE1 DATE2`: what changed between two dates, as text — entities that appeared or
//! went, stakes that began, ended or changed, roles taken or left, and the events between.

use std::io::{self, Write};

use crate::history::{self, StakeChange};
use crate::model::Day;
use crate::org::{Org, RelationView, RoleView, StakeView};
use crate::words;

use super::lines::Lines;
use super::tree::owner_text;

fn role(org: &Org, r: &RoleView<'_>) -> String {
    format!(
        "{}: {} {}",
        org.entity_name_or(r.entity, &r.role.entity),
        r.role.title,
        org.holder_name(r)
    )
}

fn stake(org: &Org, s: &StakeView<'_>) -> String {
    format!(
        "{}: {}",
        org.entity_name_or(s.owned, &s.stake.owned),
        owner_text(org, s)
    )
}

/// Writes what changed from `from` to `to`.
pub fn write(org: &Org, from: Day, to: Day, out: &mut impl Write) -> io::Result<()> {
    write_lines(org, from, to, &mut Lines::new(out))
}

fn write_lines(org: &Org, from: Day, to: Day, out: &mut Lines<impl Write>) -> io::Result<()> {
    let c = history::changes(org, from, to);
    out.line(format_args!(
        "{} — changes from {} to {}",
        org.model.title, c.from, c.to
    ))?;
    if c.is_empty() {
        return out.line("Nothing changed.");
    }
    if !c.appeared.is_empty() || !c.gone.is_empty() {
        out.line("Entities")?;
        for &id in &c.appeared {
            out.line(format_args!("  + {}", org.entity(id).name))?;
        }
        for &id in &c.gone {
            out.line(format_args!("  - {}", org.entity(id).name))?;
        }
    }
    if !c.stakes.is_empty() {
        out.line("Stakes")?;
        for s in &c.stakes {
            match s {
                StakeChange::Added(s) => out.line(format_args!("  + {}", stake(org, s)))?,
                StakeChange::Removed(s) => out.line(format_args!("  - {}", stake(org, s)))?,
                StakeChange::Changed { before, after } => {
                    let share = |s: &StakeView| words::stake(s.stake);
                    out.line(format_args!(
                        "  ~ {}: {} {} → {}",
                        org.entity_name_or(after.owned, &after.stake.owned),
                        org.holder_name_or(after.owner, &after.stake.owner),
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
            out.line(format_args!("  + {}", role(org, r)))?;
        }
        for r in &c.roles_left {
            out.line(format_args!("  - {}", role(org, r)))?;
        }
    }
    if !c.relations_begun.is_empty() || !c.relations_ended.is_empty() {
        out.line("Relations")?;
        let relation = |r: &RelationView| {
            format!(
                "{} {} {}",
                org.entity_name_or(r.from, &r.relation.from),
                words::relation(&r.relation.kind),
                org.entity_name_or(r.to, &r.relation.to)
            )
        };
        for r in &c.relations_begun {
            out.line(format_args!("  + {}", relation(r)))?;
        }
        for r in &c.relations_ended {
            out.line(format_args!("  - {}", relation(r)))?;
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
