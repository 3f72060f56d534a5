//! The chart pane: the box chart of the selected entity's subtree, in the window the explorer
//! placed (`App::chart_offset`), with which box of how many is selected.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::widgets::{Block, Widget};
use unicode_width::UnicodeWidthStr;

use crate::app::{App, ChartView};
use crate::keys::Mode;

use super::text::title;

pub fn render(app: &App, view: ChartView, area: Rect, buf: &mut Buffer) {
    let theme = app.theme();
    let levels = crate::words::count(view.depth, "level");
    let chart = app.chart_layout(view);
    let position = app
        .selected()
        .and_then(|s| chart.boxes.get(&s))
        .map(|p| format!(" · box {} of {}", p.index + 1, chart.len()))
        .unwrap_or_default();
    let relations = if view.relations { " · relations" } else { "" };
    let block = Block::bordered()
        .title(title(&format!(
            " ● Chart: {} · {levels} below{position}{relations} ",
            app.org().name_on(view.root, app.as_of())
        )))
        .title_bottom(format!(" {} ", app.keymap().own_hints(Mode::Chart)))
        .border_style(theme.border);
    let inner = block.inner(area);
    block.render(area, buf);
    let (w, h) = (usize::from(inner.width), usize::from(inner.height));
    let (ox, oy) = app.chart_offset(view, &chart);
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
