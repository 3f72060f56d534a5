//! The tree pane: one row per entity, with the selection marker, indentation, the expand marker,
//! the name, a kind badge and a hint of owners other than the tree parent.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::Span;
use ratatui::widgets::Widget;

use crate::app::{App, Row};
use crate::model::Stake;
use crate::org::{EntityId, Org};

use super::style;
use super::text::{fit, safe};

/// Columns taken by the selection marker.
const MARKER: u16 = 2;
/// Columns of indentation per level.
const INDENT: u16 = 2;

/// The indentation of a row at `depth`, capped so a deep row still shows its name.
fn indent(area: Rect, depth: usize) -> u16 {
    let wanted = u16::try_from(depth)
        .unwrap_or(u16::MAX)
        .saturating_mul(INDENT);
    wanted.min(area.width.saturating_sub(MARKER + 12) / INDENT * INDENT)
}

/// The screen column of the expand marker of a row at `depth`.
pub fn marker_column(area: Rect, depth: usize) -> u16 {
    area.x + MARKER + indent(area, depth)
}

/// The stakes in `id` at the app's date held by others than its tree parent.
pub fn other_owners<'a>(app: &'a App, id: EntityId) -> impl Iterator<Item = &'a Stake> + 'a {
    let org = &app.org;
    let parent = org.parent(id);
    org.owners_at(id, app.as_of)
        .filter(move |s| org.find_entity(&s.owner) != parent)
}

fn owner_hint(app: &App, id: EntityId) -> Option<String> {
    let org = &app.org;
    let hints: Vec<String> = other_owners(app, id)
        .map(|s| {
            let name = owner_name(org, s);
            match &s.share {
                Some(share) => format!(
                    "{name} {}",
                    crate::model::share::percent(share.low()) + " %"
                ),
                None => format!("{name} ?"),
            }
        })
        .collect();
    (!hints.is_empty()).then(|| format!("+ {}", hints.join(", ")))
}

fn owner_name(org: &Org, stake: &Stake) -> String {
    org.find_entity(&stake.owner)
        .map_or_else(|| safe(&stake.owner), |o| safe(&org.entity(o).name))
}

/// Draws `rows` into `area`.
pub fn render(app: &App, rows: &[Row], area: Rect, buf: &mut Buffer) {
    let selected = app.selected();
    for (y, row) in (area.y..area.bottom()).zip(rows) {
        let entity = app.org.entity(row.id);
        let is_selected = Some(row.id) == selected;
        let mut spans = vec![
            Span::raw(if is_selected { "▶ " } else { "  " }),
            Span::raw(" ".repeat(indent(area, row.depth).into())),
            Span::raw(match (row.has_children, row.expanded) {
                (false, _) => "  ",
                (true, false) => "▸ ",
                (true, true) => "▾ ",
            }),
            Span::raw(safe(&entity.name)),
            Span::raw(" "),
            Span::styled(
                safe(style::kind_badge(&entity.kind)),
                Style::new().fg(style::kind_color(&entity.kind)),
            ),
        ];
        if let Some(hint) = owner_hint(app, row.id) {
            spans.push(Span::styled(format!(" {hint}"), style::dim()));
        }
        let line = fit(spans, area.width.into());
        let row_area = Rect::new(area.x, y, area.width, 1);
        if is_selected {
            buf.set_style(row_area, style::selected());
        }
        line.render(row_area, buf);
    }
}
