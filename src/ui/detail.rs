//! The detail pane, painted from the explorer's document: each piece in the look of its tone,
//! links underlined, and the cursor laid over the document (the link reversed, `▶` in the
//! gutter) — the document itself knows nothing of the cursor.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};

use crate::theme::Theme;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;

use crate::app::App;
use crate::document::{self, Piece, Tone};
use crate::geometry::Panes;

/// How a piece looks, under the cursor or not.
fn look(theme: &Theme, piece: &Piece, cursor: Option<usize>) -> Style {
    let mut look = match piece.tone {
        Tone::Plain | Tone::Url(_) => Style::new(),
        Tone::Dim => theme.dim,
        Tone::Heading => theme.heading,
        Tone::Name(family) => theme.family(family).add_modifier(Modifier::BOLD),
    };
    if let Some(link) = piece.link {
        // A link reads as one whatever its tone.
        look = theme.link;
        if cursor == Some(link) {
            look = look.add_modifier(Modifier::REVERSED);
        }
    }
    look
}

/// A document line as the terminal shows it. The document was sanitized where it was built.
fn line<'a>(theme: &Theme, line: &'a document::Line, cursor: Option<usize>) -> Line<'a> {
    Line::from(
        line.pieces
            .iter()
            .map(|p| Span::styled(p.text.as_str(), look(theme, p, cursor)))
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
        line(app.theme(), text, cursor).render(Rect::new(area.x, y, area.width, 1), buf);
        if Some(n) == cursor_line && inner.width > 0 {
            buf[(inner.x, y)].set_symbol("▶");
        }
    }
    doc.lines.len()
}

/// Makes each source URL the detail pane shows an OSC 8 hyperlink to its checked form, for a
/// terminal that reads them (the loop decides; a test backend never asks). Each cell of the URL
/// carries its own opening and closing sequence around its glyph, all with the same `id`, so
/// that ratatui's diff may redraw any one of them alone without leaving a link open, and the
/// cell keeps its glyph's width. A cell that does not hold the URL's glyph (something drawn over
/// it) is left as it is.
pub fn hyperlinks(app: &App, area: Rect, buf: &mut Buffer) {
    use std::num::NonZeroU16;

    use ratatui::buffer::CellDiffOption;
    use unicode_segmentation::UnicodeSegmentation;
    use unicode_width::UnicodeWidthStr;

    if app.chart().is_some() || app.overlay().is_some() {
        return;
    }
    let Some(panes) = Panes::split(area, app.split()) else {
        return;
    };
    let text = panes.detail_text();
    let doc = app.document();
    let lines = doc.lines.iter().skip(app.detail_scroll());
    for (y, line) in (text.y..text.bottom()).zip(lines) {
        let mut x = text.x;
        let glyphs = line
            .pieces
            .iter()
            .flat_map(|p| p.text.graphemes(true).map(move |g| (g, p.tone)));
        for (glyph, tone) in glyphs {
            let width = u16::try_from(glyph.width()).unwrap_or(u16::MAX);
            if x.saturating_add(width) > text.right() {
                break;
            }
            if let (Tone::Url(n), Some(width)) = (tone, NonZeroU16::new(width))
                && let Some(url) = doc.urls.get(n)
                && buf[(x, y)].symbol() == glyph
            {
                buf[(x, y)]
                    .set_symbol(&hyperlink(url, n, glyph))
                    .set_diff_option(CellDiffOption::ForcedWidth(width));
            }
            x = x.saturating_add(width);
        }
    }
}

/// `text` as a piece of the OSC 8 hyperlink `id` to `url`, which `sanitize::url::web` made
/// printable ASCII: nothing in it can end the sequence.
pub fn hyperlink(url: &str, id: usize, text: &str) -> String {
    format!("\x1b]8;id=orgtree-{id};{url}\x1b\\{text}\x1b]8;;\x1b\\")
}

#[cfg(test)]
mod tests {
    use ratatui::buffer::Buffer;
    use ratatui::layout::Rect;
    use ratatui::widgets::Widget;

    use super::{hyperlink, hyperlinks};
    use crate::app::{Action, App, Options};
    use crate::load::{ModelText, load_text};

    const MODEL: &str = "title: t
sources:
  - {id: r, publisher: P, title: Report, url: 'https://example.com/a b'}
  - {id: j, publisher: Q, title: Trap, url: 'javascript:alert(1)'}
entities:
  - {id: a, name: A, kind: company, sources: [r, j]}
";

    fn drawn(actions: &[Action]) -> Buffer {
        let text = ModelText {
            name: "t.yaml".into(),
            text: MODEL.into(),
        };
        let Ok(loaded) = load_text(text) else {
            panic!("the model loads")
        };
        let area = Rect::new(0, 0, 100, 24);
        let mut app = App::new(loaded.org, Options::new("t.yaml", area));
        for &action in actions {
            app.perform(action);
        }
        let mut buf = Buffer::empty(area);
        (&app).render(area, &mut buf);
        hyperlinks(&app, area, &mut buf);
        buf
    }

    fn linked(buf: &Buffer) -> Vec<&str> {
        buf.content
            .iter()
            .map(|c| c.symbol())
            .filter(|s| s.contains('\x1b'))
            .collect()
    }

    #[test]
    fn each_cell_of_a_checked_url_is_a_whole_hyperlink_and_keeps_its_width() {
        let buf = drawn(&[]);
        let cells = linked(&buf);
        // `https://example.com/a b`: 23 glyphs, each wrapped to the encoded URL.
        assert_eq!(cells.len(), 23, "{cells:?}");
        assert_eq!(cells[0], hyperlink("https://example.com/a%20b", 0, "h"));
        let glyphs: String = cells
            .iter()
            .map(|s| {
                let (_, rest) = s.split_once("\x1b\\").unwrap();
                rest.strip_suffix("\x1b]8;;\x1b\\").unwrap()
            })
            .collect();
        assert_eq!(glyphs, "https://example.com/a b");
        for cell in buf.content.iter().filter(|c| c.symbol().contains('\x1b')) {
            assert_eq!(
                cell.diff_option,
                ratatui::buffer::CellDiffOption::ForcedWidth(1.try_into().unwrap())
            );
        }
        // The javascript: URL is shown as text and linked to nothing.
        assert!(!cells.iter().any(|c| c.contains("javascript")));
    }

    #[test]
    fn a_resized_or_zoomed_pane_keeps_its_links_on_the_url() {
        for actions in [
            &[Action::WiderTree, Action::WiderTree][..],
            &[Action::SwitchFocus, Action::Zoom][..],
        ] {
            let buf = drawn(actions);
            let cells = linked(&buf);
            assert_eq!(cells.len(), 23, "{actions:?}: {cells:?}");
        }
        // Zoomed to the tree, the detail pane and its links are not drawn.
        assert!(linked(&drawn(&[Action::Zoom])).is_empty());
    }

    #[test]
    fn nothing_drawn_over_the_pane_becomes_a_link() {
        assert!(linked(&drawn(&[Action::ToggleHelp])).is_empty());
        assert!(linked(&drawn(&[Action::ToggleChart])).is_empty());
    }
}
