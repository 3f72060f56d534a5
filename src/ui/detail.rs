//! The detail pane, painted from the explorer's document: each piece in the look of its tone,
//! links underlined, and the cursor laid over the document (the link reversed, `▶` in the
//! gutter) — the document itself knows nothing of the cursor.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;

use crate::app::App;
use crate::document::{self, Piece, Tone};
use crate::geometry::Panes;

use super::style;

/// How a piece looks, under the cursor or not.
fn look(piece: &Piece, cursor: Option<usize>) -> Style {
    let mut look = match piece.tone {
        Tone::Plain => Style::new(),
        Tone::Dim => style::dim(),
        Tone::Heading => style::heading(),
        Tone::Name(family) => Style::new()
            .fg(style::family_color(family))
            .add_modifier(Modifier::BOLD),
    };
    if let Some(link) = piece.link {
        // A link reads as one whatever its tone.
        look = Style::new().add_modifier(Modifier::UNDERLINED);
        if cursor == Some(link) {
            look = look.add_modifier(Modifier::REVERSED);
        }
    }
    look
}

/// A document line as the terminal shows it. The document was sanitized where it was built.
fn line(line: &document::Line, cursor: Option<usize>) -> Line<'_> {
    Line::from(
        line.pieces
            .iter()
            .map(|p| Span::styled(p.text.as_str(), look(p, cursor)))
            .collect::<Vec<_>>(),
    )
}

/// Paints the pane inside its border; returns how many lines its text has.
pub fn render(app: &App, panes: &Panes, buf: &mut Buffer) -> usize {
    let inner = panes.detail_inner();
    let area = panes.detail_text();
    let doc = app.document();
    let cursor = app.cursor();
    let cursor_line = cursor.and_then(|c| doc.links.get(c)).map(|l| l.line);
    let lines = doc.lines.iter().enumerate().skip(app.detail_scroll());
    for (y, (n, text)) in (area.y..area.bottom()).zip(lines) {
        line(text, cursor).render(Rect::new(area.x, y, area.width, 1), buf);
        if Some(n) == cursor_line && inner.width > 0 {
            buf[(inner.x, y)].set_symbol("▶");
        }
    }
    doc.lines.len()
}
