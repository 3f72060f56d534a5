//! The help overlay: every key binding, from the one table in `keys`.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Flex, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Widget};

use crate::keys::BINDINGS;

use super::style;

/// The popup's place on a screen of `area`.
fn popup(area: Rect, lines: &[Line]) -> Rect {
    let width = lines.iter().map(Line::width).max().unwrap_or(0) as u16 + 3;
    let height = lines.len() as u16 + 2;
    let [popup] = Layout::horizontal([Constraint::Length(width)])
        .flex(Flex::Center)
        .areas(area);
    let [popup] = Layout::vertical([Constraint::Length(height)])
        .flex(Flex::Center)
        .areas(popup);
    popup
}

/// How far the help can scroll on a screen of `area`: it scrolls when it does not fit.
pub fn max_scroll(area: Rect) -> usize {
    let lines = lines();
    let shown = popup(area, &lines).height.saturating_sub(2) as usize;
    lines.len().saturating_sub(shown)
}

pub fn render(area: Rect, scroll: usize, buf: &mut Buffer) {
    let lines = lines();
    let popup = popup(area, &lines);
    let scroll = scroll.min(max_scroll(area));
    Clear.render(popup, buf);
    let more = if scroll < max_scroll(area) {
        " ↓ more "
    } else {
        " Esc closes "
    };
    Paragraph::new(lines)
        .scroll((u16::try_from(scroll).unwrap_or(u16::MAX), 0))
        .block(
            Block::bordered()
                .title(" Keys ")
                .title_bottom(more)
                .border_style(style::focused_border()),
        )
        .render(popup, buf);
}

fn lines() -> Vec<Line<'static>> {
    let label_width = BINDINGS
        .iter()
        .map(|b| b.label.chars().count())
        .max()
        .unwrap_or(0);
    BINDINGS
        .iter()
        .filter(|b| !b.label.is_empty())
        .map(|b| {
            Line::from(vec![
                Span::styled(format!(" {:<label_width$}  ", b.label), style::heading()),
                Span::raw(b.help),
            ])
        })
        .collect()
}
