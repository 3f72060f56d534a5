//! The ownership graph page: who holds an entity at the date, who holds them, and so on up to
//! its ultimate owners ([`crate::ownership::graph`]), one holder a line under its rails, each
//! with its direct share; then the ultimate owners with their look-through interest and the
//! control chain, as the entity's page gives them. Each entity holder is a link to its own
//! graph, so Enter climbs; a person leads to their page.

use super::builder::Builder;
use super::{Context, Target, Tone};
use crate::org::{EntityId, Holder};
use crate::ownership::graph::{Graph, MAX_LINES, Mark, Rails};
use crate::words;

/// The most levels of rails a line draws; deeper, the levels above are counted instead.
const MAX_RAILS: usize = 32;
/// Columns each line keeps for its holder and share, whatever the rails before it.
const ROOM_FOR_TEXT: usize = 30;
/// Columns one level of rails takes.
const RAIL: usize = 4;

/// Builds the page; gives the link number of the first holder, for the cursor to start on.
/// Rails are cut to what `width` leaves beside the text, so a deep line never wraps its rails.
pub(super) fn graph(
    cx: &Context<'_>,
    id: EntityId,
    width: usize,
    b: &mut Builder<'_>,
) -> Option<usize> {
    let org = cx.org;
    let max_rails = (width.saturating_sub(ROOM_FOR_TEXT) / RAIL).clamp(1, MAX_RAILS);
    let day = cx.day;
    b.heading(format!("Who owns it, upward, on {day}"));
    b.entity(id).styled(", owned by", Tone::Dim).end();
    let graph = Graph::new(org, id, day);
    if graph.lines.is_empty() {
        b.styled("  nobody is recorded as holding it at this date", Tone::Dim)
            .end();
    }
    let first = (!graph.lines.is_empty()).then_some(b.targets.len());
    let mut rails = Rails::default();
    for line in &graph.lines {
        let above = rails.step(line);
        let hidden = above.len().saturating_sub(max_rails - 1);
        let mut lead = String::new();
        if hidden > 0 {
            lead.push_str(&format!("[+{hidden}] "));
        }
        for &on in &above[hidden..] {
            lead.push_str(if on { "│   " } else { "    " });
        }
        lead.push_str(if line.last {
            "└── "
        } else {
            "├── "
        });
        let hang = unicode_width::UnicodeWidthStr::width(lead.as_str());
        b.styled(super::wrap::unbroken(&lead), Tone::Dim);
        match line.holder {
            Holder::Entity(e) => {
                let name = org.name_on(e, day).to_owned();
                b.link(name, Target::Owners(e));
            }
            person => {
                b.holder_end(Some(person), "");
            }
        }
        b.text(format!(" {}", words::stake(line.stake)));
        if let Some(beneficiary) = line.on_behalf_of {
            b.text(" for ").holder_end(Some(beneficiary), "");
        }
        match line.mark {
            Mark::None => {}
            Mark::Circle => {
                b.styled("  ↻ a circle of holdings: shown above", Tone::Dim);
            }
            Mark::ShownAbove => {
                b.styled("  (its owners are shown above)", Tone::Dim);
            }
        }
        b.end_hanging(hang);
    }
    if graph.cut {
        b.styled(
            format!("  … and more holders up the way, not drawn past {MAX_LINES} lines"),
            Tone::Dim,
        )
        .end();
    }
    super::owners::effective(cx, id, &format!("at {day}"), b);
    first
}
