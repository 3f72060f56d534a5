//! Text rules shared by every pane: untrusted text is sanitized, and a line is cut to its width
//! with an ellipsis, counting wide characters (CJK, emoji) as the two columns they take.

use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};
use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

use crate::sanitize::sanitize;

/// Model text made safe to draw, owned so it can go into a [`Span`].
pub fn safe(text: &str) -> String {
    sanitize(text).into_owned()
}

/// Text that may hold model text, as a paragraph wrapped at words: sanitized here, the sink.
pub fn paragraph(text: &str) -> Paragraph<'static> {
    Paragraph::new(safe(text)).wrap(Wrap { trim: true })
}

/// A pane's or a popup's title that may hold model text: sanitized here, the sink.
pub fn title(text: &str) -> Line<'static> {
    Line::from(safe(text))
}

/// How many cells a one-line label of plain characters takes, as a screen coordinate.
pub fn label_width(label: &str) -> u16 {
    u16::try_from(label.chars().count()).unwrap_or(u16::MAX)
}

/// The columns a grapheme takes, as ratatui counts them.
fn columns(grapheme: &str) -> usize {
    grapheme.width()
}

/// Cuts `spans` to at most `width` columns; when something is cut, the last column shows `…`.
/// What it receives is sanitized here, the sink, whether or not the caller did.
pub fn fit(spans: Vec<Span<'static>>, width: usize) -> Line<'static> {
    let spans: Vec<Span<'static>> = spans
        .into_iter()
        .map(|s| match sanitize(&s.content) {
            std::borrow::Cow::Borrowed(_) => s,
            std::borrow::Cow::Owned(clean) => Span::styled(clean, s.style),
        })
        .collect();
    let total: usize = spans.iter().map(Span::width).sum();
    if total <= width {
        return Line::from(spans);
    }
    let mut out = Vec::with_capacity(spans.len());
    let mut room = width.saturating_sub(1); // keep a column for the ellipsis
    let mut last_style = None;
    for span in spans {
        if room == 0 {
            break;
        }
        let mut kept = String::new();
        for g in span.content.graphemes(true) {
            let w = columns(g);
            if w > room {
                room = 0;
                break;
            }
            room -= w;
            kept.push_str(g);
        }
        last_style = Some(span.style);
        out.push(Span::styled(kept, span.style));
    }
    if width > 0 {
        // A wide character that did not fit leaves a column free before the ellipsis.
        let used: usize = out.iter().map(Span::width).sum();
        let pad = (width - 1).saturating_sub(used);
        out.push(Span::styled(
            format!("{}…", " ".repeat(pad)),
            last_style.unwrap_or_default(),
        ));
    }
    Line::from(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(line: &Line) -> String {
        line.spans.iter().map(|s| s.content.as_ref()).collect()
    }

    #[test]
    fn short_text_is_kept_whole() {
        assert_eq!(text(&fit(vec![Span::raw("Orange")], 10)), "Orange");
    }

    #[test]
    fn long_text_ends_with_an_ellipsis() {
        let line = fit(
            vec![Span::raw("Orange "), Span::raw("Business Services")],
            10,
        );
        assert_eq!(text(&line), "Orange Bu…");
        assert_eq!(line.width(), 10);
    }

    #[test]
    fn wide_characters_are_never_split() {
        let line = fit(vec![Span::raw("名前名前名前")], 6);
        assert_eq!(text(&line), "名前 …");
        assert_eq!(line.width(), 6);
    }

    #[test]
    fn what_reaches_the_screen_is_sanitized_here() {
        let line = fit(vec![Span::raw("a\u{1b}[31mb\u{7}")], 20);
        assert!(
            !text(&line).chars().any(char::is_control),
            "{:?}",
            text(&line)
        );
        let cut = fit(vec![Span::raw("\u{1b}]0;title\u{7}Orange Business")], 8);
        assert!(
            !text(&cut).chars().any(char::is_control),
            "{:?}",
            text(&cut)
        );
    }

    #[test]
    fn paragraphs_and_titles_are_sanitized_here() {
        let evil = "x\u{1b}]52;c;cm0gLXJm\u{7}y";
        assert!(!text(&title(evil)).chars().any(char::is_control));
        let mut buf = ratatui::buffer::Buffer::empty(ratatui::layout::Rect::new(0, 0, 40, 2));
        ratatui::widgets::Widget::render(paragraph(evil), buf.area, &mut buf);
        assert!(
            !buf.content
                .iter()
                .any(|c| c.symbol().chars().any(char::is_control))
        );
    }

    #[test]
    fn zero_width_gives_nothing() {
        assert_eq!(fit(vec![Span::raw("abc")], 0).width(), 0);
        assert_eq!(text(&fit(vec![Span::raw("abc")], 1)), "…");
    }
}
