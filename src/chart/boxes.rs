//! What the chart's boxes and links say: an entity's name, kind, leader and owners other than
//! its parent, cut to a box's width; the shares a parent holds, on the link down to a unit.

use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

use crate::headcount::Counts;
use crate::model::Day;
use crate::org::{EntityId, Org};
use crate::sanitize::sanitize;
use crate::words;

use super::BOX_WIDTH;

/// `text` made safe and cut to `width` columns, with `…` where it was cut.
pub(super) fn cut(text: &str, width: usize) -> String {
    let text = sanitize(text);
    if text.width() <= width {
        return text.into_owned();
    }
    let mut out = String::new();
    let mut used = 0;
    for g in text.graphemes(true) {
        let w = g.width();
        if used + w + 1 > width {
            break;
        }
        used += w;
        out.push_str(g);
    }
    out.push('…');
    out
}

/// The lines inside an entity's box, under `parent` in the chart, as it was on `day`; the last
/// one its headcount, when it is given and the entity has a subtree.
pub(super) fn box_lines(
    org: &Org,
    id: EntityId,
    parent: Option<EntityId>,
    day: Day,
    counts: Option<Counts>,
) -> Vec<String> {
    let inner = BOX_WIDTH - 2;
    let mut lines = vec![
        cut(org.name_on(id, day), inner),
        cut(&words::entity_kind(org.kind_on(id, day)), inner),
    ];
    if let Some(role) = org.roles_in(id).find(|r| org.role_in_force(r, day)) {
        let who = org.holder_name(&role);
        lines.push(cut(&format!("{}: {who}", role.role.title), inner));
    }
    for s in org.owners_at(id, day) {
        if s.owner_entity().is_some() && s.owner_entity() == parent {
            continue;
        }
        let name = s.owner.map_or_else(
            || s.stake.owner.value.to_string(),
            |o| org.shortest_name(o).to_owned(),
        );
        let share = words::stake(s.stake);
        lines.push(cut(&format!("+ {name} {share}"), inner));
    }
    if let Some(c) = counts.filter(Counts::has_subtree)
        && let Some(text) = words::headcount_compact(c.people_total, c.units_total)
    {
        lines.push(cut(&text, inner));
    }
    lines
}

/// Every stake the parent holds in the child, for whom, as the link between them says it.
pub(super) fn link_share(org: &Org, parent: EntityId, child: EntityId, day: Day) -> Option<String> {
    let shares: Vec<String> = org
        .owners_at(child, day)
        .filter(|s| s.owner_entity() == Some(parent))
        .map(|s| {
            let share = words::stake(s.stake);
            match s.on_behalf_of {
                Some(b) => format!("{share} for {}", org.shortest_name(b)),
                None => share,
            }
        })
        .collect();
    (!shares.is_empty()).then(|| shares.join(" + "))
}
