//! Text rules shared by every pane: untrusted text is sanitized, and a line is cut to its width
//! with an ellipsis, counting wide characters (CJK, emoji) as the two columns they take.

use ratatui::style::Style;
use ratatui::text::{Line, Span};
use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

use crate::sanitize::sanitize;

/// Model text made safe to draw, owned so it can go into a [`Span`].
pub fn safe(text: &str) -> String {
    sanitize(text).into_owned()
}

/// The columns a grapheme takes, as ratatui counts them.
fn columns(grapheme: &str) -> usize {
    grapheme.width()
}

/// Cuts `spans` to at most `width` columns; when something is cut, the last column shows `…`.
pub fn fit(spans: Vec<Span<'static>>, width: usize) -> Line<'static> {
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
    fn zero_width_gives_nothing() {
        assert_eq!(fit(vec![Span::raw("abc")], 0).width(), 0);
        assert_eq!(text(&fit(vec![Span::raw("abc")], 1)), "…");
    }
}

/// A line of text, possibly with links, and how far its continuation lines are indented when
/// it wraps.
#[derive(Debug, Clone, Default)]
pub struct Para {
    /// The pieces of the line, each with the number of the link it belongs to, if any.
    pub pieces: Vec<(Span<'static>, Option<usize>)>,
    pub hang: usize,
}

impl Para {
    /// A plain line; continuation lines line up two columns past its own indentation.
    pub fn new(line: Line<'static>) -> Self {
        let lead = line
            .spans
            .first()
            .map_or(0, |s| s.content.chars().take_while(|c| *c == ' ').count());
        Para {
            pieces: line.spans.into_iter().map(|s| (s, None)).collect(),
            hang: lead + 2,
        }
    }
}

/// Wrapped lines, and where each link landed.
#[derive(Debug, Clone, Default)]
pub struct Wrapped {
    pub lines: Vec<Line<'static>>,
    /// For each link number, the first line it is on.
    pub link_lines: Vec<usize>,
}

/// One grapheme with its style and link.
type Cell<'a> = (&'a str, Style, Option<usize>);

/// Wraps paragraphs to `width` columns at spaces, breaking words only when one is wider than
/// a whole line; continuation lines are indented by each paragraph's hang.
pub fn wrap(paras: &[Para], width: usize) -> Wrapped {
    let mut out = Wrapped::default();
    if width == 0 {
        return out;
    }
    for para in paras {
        let cells: Vec<Cell> = para
            .pieces
            .iter()
            .flat_map(|(s, link)| s.content.graphemes(true).map(move |g| (g, s.style, *link)))
            .collect();
        // Words and the spaces between them, as index ranges into `cells`.
        let mut tokens = Vec::new();
        let mut start = 0;
        for i in 1..=cells.len() {
            if i == cells.len() || (cells[i].0 == " ") != (cells[start].0 == " ") {
                tokens.push(start..i);
                start = i;
            }
        }
        let hang = para.hang.min(width / 2);
        let indent = |line: &mut Vec<Cell>| {
            line.extend(std::iter::repeat_n((" ", Style::default(), None), hang))
        };
        let mut line: Vec<Cell> = Vec::new();
        let mut used = 0;
        let mut fresh = true; // nothing but indentation on this line yet
        for range in tokens {
            let token = &cells[range];
            let is_space = token[0].0 == " ";
            let w: usize = token.iter().map(|(g, ..)| columns(g)).sum();
            if used + w <= width {
                line.extend_from_slice(token);
                used += w;
                fresh &= is_space;
                continue;
            }
            if is_space {
                // Spaces at a break vanish.
                push_line(&mut out, &mut line);
                indent(&mut line);
                used = hang;
                fresh = true;
                continue;
            }
            if !fresh {
                push_line(&mut out, &mut line);
                indent(&mut line);
                used = hang;
            }
            // A word wider than the room left is broken where it must be.
            for &cell in token {
                let cw = columns(cell.0);
                if used + cw > width && used > hang {
                    push_line(&mut out, &mut line);
                    indent(&mut line);
                    used = hang;
                }
                line.push(cell);
                used += cw;
            }
            fresh = false;
        }
        push_line(&mut out, &mut line);
    }
    out
}

/// Ends a wrapped line: trailing spaces go, runs of one style become spans, links are noted.
fn push_line(out: &mut Wrapped, cells: &mut Vec<Cell>) {
    while cells.last().is_some_and(|(g, ..)| *g == " ") {
        cells.pop();
    }
    let number = out.lines.len();
    let mut spans: Vec<Span<'static>> = Vec::new();
    let mut text = String::new();
    let mut style = None;
    for &(g, s, link) in cells.iter() {
        if let Some(link) = link {
            if out.link_lines.len() <= link {
                out.link_lines.resize(link + 1, usize::MAX);
            }
            out.link_lines[link] = out.link_lines[link].min(number);
        }
        if style.is_some_and(|st| st != s) {
            spans.push(Span::styled(
                std::mem::take(&mut text),
                style.unwrap_or_default(),
            ));
        }
        style = Some(s);
        text.push_str(g);
    }
    if !text.is_empty() {
        spans.push(Span::styled(text, style.unwrap_or_default()));
    }
    out.lines.push(Line::from(spans));
    cells.clear();
}

#[cfg(test)]
mod wrap_tests {
    use super::*;

    fn wrapped(text: &str, hang: usize, width: usize) -> Vec<String> {
        let mut para = Para::new(Line::raw(text.to_owned()));
        para.hang = hang;
        wrap(&[para], width)
            .lines
            .iter()
            .map(|l| l.spans.iter().map(|s| s.content.as_ref()).collect())
            .collect()
    }

    #[test]
    fn wraps_at_spaces_with_a_hanging_indent() {
        assert_eq!(
            wrapped("  • the sale closed on 2015-03-16", 4, 16),
            ["  • the sale", "    closed on", "    2015-03-16"]
        );
    }

    #[test]
    fn breaks_words_wider_than_a_line() {
        assert_eq!(wrapped("abcdefghij", 0, 4), ["abcd", "efgh", "ij"]);
    }

    #[test]
    fn never_exceeds_the_width_with_wide_characters() {
        for line in wrapped("名前名前名前 名前", 2, 5) {
            assert!(
                unicode_width::UnicodeWidthStr::width(line.as_str()) <= 5,
                "{line:?}"
            );
        }
    }

    #[test]
    fn links_are_found_on_their_wrapped_line() {
        let para = Para {
            pieces: vec![
                (Span::raw("owned by "), None),
                (Span::raw("Orange"), Some(0)),
                (Span::raw(" and "), None),
                (Span::raw("Thales"), Some(1)),
            ],
            hang: 2,
        };
        let out = wrap(&[Para::new(Line::raw("title")), para], 16);
        assert_eq!(out.link_lines, [1, 2]);
    }

    #[test]
    fn empty_lines_stay() {
        assert_eq!(wrapped("", 2, 10), [""]);
    }
}
