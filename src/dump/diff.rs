//! `--diff DATE1 DATE2`: what changed between two dates, as text — entities that appeared or
//! went, stakes that began, ended or changed, roles taken or left, and the events between.

use std::io::{self, Write};

use crate::history::{self, StakeChange};
use crate::model::{Day, Role, Stake};
use crate::org::Org;
use crate::words;

use super::lines::Lines;
use super::tree::owner_text;

fn role(org: &Org, r: &Role) -> String {
    format!(
        "{}: {} {}",
        org.entity_name(&r.entity),
        r.title,
        org.holder_name(r)
    )
}

fn stake(org: &Org, s: &Stake) -> String {
    format!("{}: {}", org.entity_name(&s.owned), owner_text(org, s))
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
                    let share = |s: &Stake| words::share_or_unknown(s.share.as_deref());
                    out.line(format_args!(
                        "  ~ {}: {} {} → {}",
                        org.entity_name(&after.owned),
                        org.entity_name(&after.owner),
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
        let relation = |r: &crate::model::Relation| {
            format!(
                "{} {} {}",
                org.entity_name(&r.from),
                words::relation(&r.kind),
                org.entity_name(&r.to)
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
