//! The timeline: every event of the model in date order, drawn over the panes; choosing one
//! moves the date in force to it.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::Span;
use ratatui::widgets::{Block, Borders, Clear, Widget};

use crate::app::App;
use crate::geometry;
use crate::keys::Mode;
use crate::model::Event;
use crate::words;

use super::text::{fit, paragraph, safe};

pub fn render(app: &App, cursor: usize, area: Rect, buf: &mut Buffer) {
    let theme = app.theme();
    let (org, as_of) = (app.org(), app.as_of());
    let popup = geometry::timeline(area);
    Clear.render(popup, buf);
    let block = Block::bordered()
        .title(" Timeline ")
        .title_bottom(format!(" {} ", app.keymap().own_hints(Mode::Timeline)))
        .border_style(theme.border);
    let inner = block.inner(popup);
    block.render(popup, buf);
    let events: Vec<&Event> = org.events_by_date().collect();
    if events.is_empty() {
        Span::styled("The model has no events.", theme.dim).render(inner, buf);
        return;
    }
    // The chosen event in full at the bottom; the list above it.
    let footer_height = 3.min(inner.height.saturating_sub(2));
    let list = Rect {
        height: inner.height - footer_height,
        ..inner
    };
    let footer = Rect {
        y: list.bottom(),
        height: footer_height,
        ..inner
    };
    if let Some(e) = events.get(cursor)
        && footer_height > 0
    {
        paragraph(&format!("{} — {}", e.date.value, e.description))
            .block(Block::new().borders(Borders::TOP).border_style(theme.dim))
            .render(footer, buf);
    }
    let inner = list;
    let height = inner.height as usize;
    if height == 0 {
        return;
    }
    // Keep the cursor in view, a third of the way down when possible.
    let top = cursor
        .saturating_sub(height / 3)
        .min(events.len().saturating_sub(height));
    for (y, (n, e)) in (inner.y..inner.bottom()).zip(events.iter().enumerate().skip(top)) {
        let selected = n == cursor;
        let in_force = e.date.first_day() <= as_of;
        let look = if in_force { Style::new() } else { theme.dim };
        let spans = vec![
            Span::raw(if selected { "▶ " } else { "  " }),
            Span::styled(format!("{:<10} ", e.date.value.to_string()), look),
            Span::styled(format!("{:<17} ", words::event_kind(&e.kind)), theme.dim),
            Span::styled(safe(&e.description), look),
        ];
        let row = Rect::new(inner.x, y, inner.width, 1);
        if selected {
            buf.set_style(row, theme.selected);
        }
        fit(spans, inner.width.into()).render(row, buf);
    }
}
