//! What the chart's boxes and links say: an entity's name (on two lines before it is cut), kind,
//! every leader in office and the owners other than its parent, in a box as wide as its text
//! and no wider than the room allows; the shares a parent holds, on the link down to a unit.

use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

use crate::headcount::Counts;
use crate::model::Day;
use crate::org::{EntityId, Org};
use crate::sanitize::sanitize;
use crate::words;

/// The narrowest a box's text may be, whatever the room.
const MIN_INNER: usize = 8;
/// Leaders, then owners, drawn before the rest is counted in a `+N` line.
const MAX_LEADERS: usize = 4;
const MAX_OWNERS: usize = 3;
/// The widest a share on a link is drawn.
pub(super) const MAX_SHARE: usize = 30;

/// The widest a box's text may be in a chart that tries to fit in `room` columns: about five
/// boxes across, and never so wide that a name stops reading as a box.
pub fn inner_cap(room: usize) -> usize {
    (room / 5).clamp(16, 40)
}

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

/// `text` made safe on at most two lines of `width` columns, broken at a space where there is
/// one, and cut with `…` on the second line when it still does not fit.
fn wrap_two(text: &str, width: usize) -> Vec<String> {
    let text = sanitize(text);
    if text.width() <= width {
        return vec![text.into_owned()];
    }
    // The first line: the longest run of words that fits, else as many graphemes as fit.
    let mut first_end = 0;
    let mut used = 0;
    let mut last_space = None;
    for (at, g) in text.grapheme_indices(true) {
        let w = g.width();
        if used + w > width {
            break;
        }
        if g == " " {
            last_space = Some(at);
        }
        used += w;
        first_end = at + g.len();
    }
    let (first, rest) = match last_space {
        Some(at) if at > 0 => (&text[..at], &text[at + 1..]),
        _ => (&text[..first_end], &text[first_end..]),
    };
    let mut lines = vec![first.trim_end().to_owned()];
    let rest = rest.trim_start();
    if !rest.is_empty() {
        lines.push(cut(rest, width));
    }
    lines
}

/// The text of an entity's box, under `parent` in the chart, as it was on `day`.
pub(super) struct BoxText {
    pub(super) lines: Vec<String>,
    /// How many of the lines are the name (bold).
    pub(super) name_lines: usize,
    /// The box's width, borders included.
    pub(super) width: usize,
}

/// What an entity's box says: its name, kind, leaders and other owners and, when given and
/// it has a subtree, its headcount; no wider than `cap` columns inside.
pub(super) fn box_text(
    org: &Org,
    id: EntityId,
    parent: Option<EntityId>,
    day: Day,
    counts: Option<Counts>,
    cap: usize,
) -> BoxText {
    let name = org.name_on(id, day);
    let mut rest = vec![words::entity_kind(org.kind_on(id, day))];

    let leaders: Vec<String> = org
        .roles_in(id)
        .filter(|r| org.role_in_force(r, day))
        .map(|role| {
            let who = org.holder_name(&role);
            // A post named by its holder (an HR table's) says only the title.
            if who == name {
                role.role.title.to_string()
            } else {
                format!("{}: {who}", role.role.title)
            }
        })
        .collect();
    rest.extend(capped(leaders, MAX_LEADERS, "leader"));

    let owners: Vec<String> = org
        .owners_at(id, day)
        .filter(|s| s.owner_entity().is_none() || s.owner_entity() != parent)
        .map(|s| {
            let name = s.owner.map_or_else(
                || s.stake.owner.value.to_string(),
                |o| org.shortest_name(o).to_owned(),
            );
            format!("+ {name} {}", words::stake(s.stake))
        })
        .collect();
    rest.extend(capped(owners, MAX_OWNERS, "owner"));

    if let Some(c) = counts.filter(Counts::has_subtree)
        && let Some(text) = words::headcount_compact(c.people_total, c.units_total)
    {
        rest.push(text);
    }

    let natural = rest
        .iter()
        .map(|l| sanitize(l).width())
        .chain([sanitize(name).width()])
        .max()
        .unwrap_or(0);
    let inner = natural.clamp(MIN_INNER, cap.max(MIN_INNER));
    let mut lines = wrap_two(name, inner);
    let name_lines = lines.len();
    lines.extend(rest.iter().map(|l| cut(l, inner)));
    BoxText {
        lines,
        name_lines,
        width: inner + 2,
    }
}

/// The first `max` of `items`, or, when there are more, one fewer and a line that counts the
/// rest, so that a box shows that it is full.
fn capped(mut items: Vec<String>, max: usize, what: &str) -> Vec<String> {
    if items.len() > max {
        let more = items.len() - (max - 1);
        items.truncate(max - 1);
        items.push(format!("+{}", words::count(more, &format!("more {what}"))));
    }
    items
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
    (!shares.is_empty()).then(|| cut(&shares.join(" + "), MAX_SHARE))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_long_name_wraps_at_a_space_then_is_cut() {
        assert_eq!(
            wrap_two("Orange Business Services", 16),
            ["Orange Business", "Services"]
        );
        assert_eq!(
            wrap_two("Orange Applications for Business Europe", 16),
            ["Orange", "Applications fo…"]
        );
        assert_eq!(
            wrap_two("Supercalifragilistic", 8),
            ["Supercal", "ifragil…"]
        );
        assert_eq!(wrap_two("Short", 16), ["Short"]);
    }

    #[test]
    fn wrapping_keeps_hostile_text_escaped() {
        let lines = wrap_two("Evil\u{1b}[2J Corp \u{202e}x", 12);
        assert!(
            lines
                .iter()
                .all(|l| !l.contains('\u{1b}') && !l.contains('\u{202e}'))
        );
    }

    #[test]
    fn a_full_list_says_how_many_more() {
        let items: Vec<String> = (1..=6).map(|i| format!("CEO {i}")).collect();
        assert_eq!(
            capped(items, 4, "leader"),
            ["CEO 1", "CEO 2", "CEO 3", "+3 more leaders"]
        );
        let two: Vec<String> = vec!["a".into(), "b".into()];
        assert_eq!(capped(two.clone(), 4, "leader"), two);
    }
}
