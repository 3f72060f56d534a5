//! The hierarchy as a text tree: one entity per line with its kind and its owners' shares.

use std::io::{self, Write};
use std::ops::ControlFlow;

use crate::model::Day;
use crate::org::{EntityId, Org, StakeView};
use crate::words;

use super::lines::Lines;
use super::{DumpOptions, date, shown, starts, tree};

/// The pieces a tree is drawn with.
pub(super) struct Rails {
    pub(super) branch: &'static str,
    pub(super) last_branch: &'static str,
    pub(super) through: &'static str,
    pub(super) blank: &'static str,
}

/// The most levels of rails a line draws.
pub(super) const MAX_RAILS: usize = 64;

pub(super) const UNICODE: Rails = Rails {
    branch: "├── ",
    last_branch: "└── ",
    through: "│   ",
    blank: "    ",
};

pub(super) const ASCII: Rails = Rails {
    branch: "|-- ",
    last_branch: "`-- ",
    through: "|   ",
    blank: "    ",
};

pub fn write(org: &Org, options: &DumpOptions, out: &mut Lines<impl Write>) -> io::Result<()> {
    let rails = if options.ascii { &ASCII } else { &UNICODE };
    let dash = if options.ascii { "-" } else { "—" };
    let day = date(org, options);
    let mut header = format!("{} {dash} as of {day}", org.model.title);
    if let Some(q) = &options.filter {
        header.push_str(&format!(" {dash} filter: {q}"));
    }
    out.line(&header)?;

    let tree = tree(org, options);
    let shown = shown(org, &tree, options);
    let mut result = Ok(());
    let mut line = String::new();
    let keep = |id: EntityId| shown.contains(id);
    tree.walk_where(&starts(&tree, options), options.depth, keep, |visit| {
        line.clear();
        // A line draws at most MAX_RAILS levels of rails; deeper, the levels above them are
        // counted instead, so a line's length does not grow with the depth.
        let hidden = visit.last.len().saturating_sub(MAX_RAILS);
        if hidden > 0 {
            line.push_str(&format!("[+{hidden}] "));
        }
        for (level, &is_last) in visit.last.iter().enumerate().skip(hidden) {
            let at_entity = level + 1 == visit.last.len();
            line.push_str(match (at_entity, is_last) {
                (true, false) => rails.branch,
                (true, true) => rails.last_branch,
                (false, false) => rails.through,
                (false, true) => rails.blank,
            });
        }
        entity_line(org, visit.id, day, dash, &mut line);
        if tree.is_lifted(visit.id)
            && let Some(parent) = org.parent_on(visit.id, day)
        {
            line.push(' ');
            line.push_str(&words::lifted(org.name_on(parent, day)));
        }
        match out.line(&line) {
            Ok(()) => ControlFlow::Continue(()),
            Err(e) => {
                result = Err(e);
                ControlFlow::Break(())
            }
        }
    });
    result
}

/// `Cloudwatt (company) — Orange 4/9 (44.4 %), Thales 2/9 (22.2 %)`.
fn entity_line(org: &Org, id: EntityId, day: Day, dash: &str, line: &mut String) {
    line.push_str(org.name_on(id, day));
    line.push_str(" (");
    line.push_str(&words::entity_kind(org.kind_on(id, day)));
    line.push(')');
    let owners: Vec<String> = org
        .owners_at(id, day)
        .map(|s| owner_text(org, &s, day))
        .collect();
    if !owners.is_empty() {
        line.push_str(&format!(" {dash} {}", owners.join(", ")));
    }
}

/// `Caisse des Dépôts 1/3 (33.3 %) for French State`, `SFR 47 % (also reported: 46 %)`.
pub(super) fn owner_text(org: &Org, view: &StakeView<'_>, day: Day) -> String {
    let stake = view.stake;
    let mut text = org.holder_name_or(view.owner, &stake.owner, day);
    text.push(' ');
    text.push_str(&words::stake(stake));
    let others: Vec<String> = stake
        .competing
        .iter()
        .filter(|c| c.field.value == "share")
        .map(|c| words::competing_value(&c.field, &c.value))
        .collect();
    if !others.is_empty() {
        text.push_str(&format!(" (also reported: {})", others.join(", ")));
    }
    if let Some(behalf) = &stake.on_behalf_of {
        text.push_str(&format!(
            " for {}",
            org.holder_name_or(view.on_behalf_of, behalf, day)
        ));
    }
    text
}
