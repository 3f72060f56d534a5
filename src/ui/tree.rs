//! The tree pane: one row per entity, with the selection marker, indentation, the expand marker,
//! the name, a kind badge and a hint of owners other than the tree parent.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::Span;
use ratatui::widgets::Widget;
use unicode_segmentation::UnicodeSegmentation;

use crate::app::{App, Row};
use crate::org::{EntityId, Org, StakeView};
use crate::words;

use crate::geometry::indent;

use super::text::{fit, safe};

/// When `id` has owners other than its tree parent at the app's date: all its owners, by their
/// shortest names, `Orange 44.4 %, CDC 33.3 %, Thales 22.2 %`.
fn owner_hint(app: &App, id: EntityId) -> Option<String> {
    let org = app.org();
    let parent = app.structure().parent(id);
    let owners: Vec<StakeView> = org.owners_at(id, app.as_of()).collect();
    if owners
        .iter()
        .all(|s| s.owner_entity().is_some() && s.owner_entity() == parent)
    {
        return None;
    }
    let hints: Vec<String> = owners
        .iter()
        .map(|s| {
            let name = short_name(org, s);
            format!("{name} {}", words::stake_percent(s.stake))
        })
        .collect();
    Some(hints.join(", "))
}

/// The shortest of an owner's names: `CDC` for the Caisse des Dépôts.
fn short_name(org: &Org, stake: &StakeView<'_>) -> String {
    match stake.owner {
        Some(owner) => safe(org.shortest_name(owner)),
        None => safe(&stake.stake.owner),
    }
}

/// The name as spans, the characters a search matched underlined and bold.
fn name_spans(app: &App, name: &str, base: Style) -> Vec<Span<'static>> {
    let Some(search) = app.search().filter(|s| !s.query.is_empty()) else {
        return vec![Span::styled(safe(name), base)];
    };
    let hits = crate::search::Query::new(&search.query).positions(name);
    if hits.is_empty() {
        return vec![Span::styled(safe(name), base)];
    }
    let hit = base.add_modifier(Modifier::BOLD | Modifier::UNDERLINED);
    name.graphemes(true)
        .enumerate()
        .map(|(i, g)| {
            Span::styled(
                safe(g),
                if hits.binary_search(&i).is_ok() {
                    hit
                } else {
                    base
                },
            )
        })
        .collect()
}

/// A row's headcount, dimmed at its right end, when it has a subtree and the room is left
/// after all else: the counts give way first on a narrow pane, never the name.
fn counts(app: &App, row: &Row, exists: bool, used: usize, area: Rect, buf: &mut Buffer) {
    let theme = app.theme();
    let c = app.headcount(row.id);
    if !row.has_children || !exists || !c.has_subtree() {
        return;
    }
    let Some(text) = words::headcount_compact(c.people_total, c.units_total) else {
        return;
    };
    let width = text.chars().count();
    let room = usize::from(area.width).saturating_sub(used);
    if room < width + 2 {
        return;
    }
    let x = area.x + u16::try_from(usize::from(area.width) - width).unwrap_or(0);
    buf.set_string(x, area.y, text, theme.dim);
}

/// Draws `rows` into `area`.
pub fn render(app: &App, rows: &[Row], area: Rect, buf: &mut Buffer) {
    let theme = app.theme();
    let selected = app.selected();
    for (y, row) in (area.y..area.bottom()).zip(rows) {
        let entity = app.org().entity(row.id);
        let is_selected = Some(row.id) == selected;
        let exists = app.org().exists_at(row.id, app.as_of());
        let changed = app.changed(row.id);
        // A folded row says when something inside it changed.
        let changed_inside = !row.expanded && app.changed_below(row.id);
        let base = if exists { Style::new() } else { theme.dim };
        let mut spans = vec![
            Span::raw(if is_selected { "▶" } else { " " }),
            Span::styled(
                match (changed, changed_inside) {
                    (true, _) => "*",
                    (false, true) => "+",
                    (false, false) => " ",
                },
                theme.changed,
            ),
            Span::raw(" ".repeat(indent(area, row.depth).into())),
            Span::raw(match (row.has_children, row.expanded) {
                (false, _) => "  ",
                (true, false) => "▸ ",
                (true, true) => "▾ ",
            }),
        ];
        let day = app.as_of();
        let kind = app.org().kind_on(row.id, day);
        spans.extend(name_spans(app, app.org().name_on(row.id, day), base));
        // The kind is told from the name by its colour; without colour, by brackets, so that
        // "Val-de-Reuil datacenter (datacenter)" reads as a name and a kind.
        let kind_word = if app.color() {
            words::entity_kind(kind)
        } else {
            format!("({})", words::entity_kind(kind))
        };
        spans.push(Span::raw(" "));
        spans.push(Span::styled(kind_word, theme.kind(kind)));
        // Placed above its own parent, which does not exist at the date: say so.
        if app.structure().is_lifted(row.id)
            && let Some(parent) = app.org().parent_on(row.id, day)
        {
            spans.push(Span::styled(
                format!(" {}", words::lifted_mark(app.org().name_on(parent, day))),
                theme.dim,
            ));
        }
        if !exists {
            let when = match (&entity.founded, &entity.dissolved) {
                (Some(f), _) if f.first_day() > app.as_of() => format!(" (from {})", f.value),
                (_, Some(d)) => format!(" (until {})", d.value),
                _ => String::new(),
            };
            spans.push(Span::styled(when, theme.dim));
        } else if let Some(hint) = owner_hint(app, row.id) {
            spans.push(Span::styled(format!(" · {hint}"), theme.dim));
        }
        let line = fit(spans, area.width.into());
        let row_area = Rect::new(area.x, y, area.width, 1);
        if is_selected {
            buf.set_style(row_area, theme.selected);
        }
        let used = line.width();
        line.render(row_area, buf);
        counts(app, row, exists, used, row_area, buf);
    }
}
