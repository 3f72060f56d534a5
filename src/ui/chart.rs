//! The chart pane: the box chart of the selected entity's subtree, panned so the selected box
//! is in view.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::widgets::{Block, Widget};
use unicode_width::UnicodeWidthStr;

use crate::app::{App, ChartView};
use crate::chart::{Chart, Request};
use crate::keys::{self, Mode};

use super::style;
use super::text::title;

/// How far to pan so `span` (start, length) is in a window of `window` cells over `total`.
fn pan(start: usize, length: usize, window: usize, total: usize) -> usize {
    if total <= window {
        return 0;
    }
    // Centre the box when it fits; else show its start.
    let centred = (start + length / 2).saturating_sub(window / 2);
    let wanted = if length > window { start } else { centred };
    wanted.min(total - window)
}

pub fn render(app: &App, view: ChartView, area: Rect, buf: &mut Buffer) {
    let levels = crate::words::count(view.depth, "level");
    let block = Block::bordered()
        .title(title(&format!(
            " ● Chart: {} · {levels} below ",
            app.org().name_on(view.root, app.as_of())
        )))
        .title_bottom(format!(" {} ", keys::own_hints(Mode::Chart)))
        .border_style(style::focused_border());
    let inner = block.inner(area);
    block.render(area, buf);
    let chart = Chart::new(&Request {
        org: app.org(),
        root: view.root,
        depth: view.depth,
        day: app.as_of(),
        selected: app.selected(),
        room: inner.width.into(),
        only: &app.chart_visible(),
        heads: Some(app.chart_heads()),
    });
    let (w, h) = (usize::from(inner.width), usize::from(inner.height));
    let (ox, oy) = match app.selected().and_then(|s| chart.boxes.get(&s)) {
        Some(place) => (
            pan(place.x, place.width, w, chart.width),
            pan(place.y, place.height, h, chart.height),
        ),
        None => (0, 0),
    };
    let window = chart.window(ox, oy, w, h);
    for y in 0..h {
        let mut x = 0;
        while x < w {
            let (symbol, look) = window.symbol(ox + x, oy + y);
            let width = symbol.width();
            // Both are within the inner area, whose sides are u16s.
            let (cx, cy) = (
                u16::try_from(x).unwrap_or(u16::MAX),
                u16::try_from(y).unwrap_or(u16::MAX),
            );
            let cell = &mut buf[(inner.x + cx, inner.y + cy)];
            if symbol.is_empty() {
                // The second half of a wide character cut off at the left edge.
                cell.set_symbol(" ");
                x += 1;
                continue;
            }
            if x + width > w {
                cell.set_symbol(" ");
            } else {
                cell.set_symbol(symbol).set_style(look);
            }
            x += width.max(1);
        }
    }
}
