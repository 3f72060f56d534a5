//! The help overlay: every key of every mode, by section, from the one table in `keys`.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Widget};

use crate::geometry;
use crate::keys::{HELP_GAP, HELP_INDENT, Keymap, Mode};
use crate::theme::Theme;

use super::text::safe;
use unicode_width::UnicodeWidthStr;

pub fn render(keymap: &Keymap, theme: &Theme, area: Rect, scroll: usize, buf: &mut Buffer) {
    let lines = lines(keymap, theme);
    let (popup, max) = geometry::help(area, keymap);
    let scroll = scroll.min(max);
    Clear.render(popup, buf);
    let more = if scroll < max {
        " ↓ more ".to_owned()
    } else {
        format!(" {} ", keymap.own_hints(Mode::Help))
    };
    Paragraph::new(lines)
        .scroll((u16::try_from(scroll).unwrap_or(u16::MAX), 0))
        .block(
            Block::bordered()
                .title(" Keys ")
                .title_bottom(more)
                .border_style(theme.border),
        )
        .render(popup, buf);
}

fn lines(keymap: &Keymap, theme: &Theme) -> Vec<Line<'static>> {
    let width = keymap.label_width();
    keymap
        .help_lines()
        .into_iter()
        .map(|line| match line {
            (Some(label), help) => Line::from(vec![
                Span::styled(
                    // A label the configuration made is padded by its width on screen.
                    format!(
                        "{:HELP_INDENT$}{}{:pad$}{:HELP_GAP$}",
                        "",
                        safe(&label),
                        "",
                        "",
                        pad = width.saturating_sub(label.width())
                    ),
                    theme.heading,
                ),
                Span::raw(help),
            ]),
            (None, "") => Line::default(),
            (None, title) => Line::from(Span::styled(format!(" {title}"), theme.dim)),
        })
        .collect()
}
