//! Wrapping the document to a width: at spaces, breaking words only when one is wider than a
//! whole line, with hanging indents, counting wide characters (CJK, emoji) as the two columns
//! they take.

use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

use super::Tone;

/// A run of text with one tone, perhaps part of a link.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Piece {
    pub text: String,
    pub tone: Tone,
    /// The number of the link it belongs to.
    pub link: Option<usize>,
}

/// One line of the wrapped document.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Line {
    pub pieces: Vec<Piece>,
}

impl Line {
    /// The line's text, without tones.
    pub fn text(&self) -> String {
        self.pieces.iter().map(|p| p.text.as_str()).collect()
    }
}

/// What joins the words of a phrase the wrap must not break ([`unbroken`]); drawn as a space.
const GLUE: char = '\u{a0}';

/// `text` with its spaces made unbreakable, so a value such as `4/9 (44.4 %)` or `20–25 %`
/// never wraps in the middle.
pub fn unbroken(text: &str) -> String {
    text.replace(' ', GLUE.encode_utf8(&mut [0; 4]))
}

/// The columns a grapheme takes, as the terminal counts them.
fn columns(grapheme: &str) -> usize {
    grapheme.width()
}

/// A line of text, possibly with links, and how far its continuation lines are indented when
/// it wraps.
#[derive(Debug, Clone, Default)]
pub struct Para {
    pub pieces: Vec<Piece>,
    pub hang: usize,
}

/// Wrapped lines, and where each link landed.
#[derive(Debug, Clone, Default)]
pub struct Wrapped {
    pub lines: Vec<Line>,
    /// For each link number, the first line it is on.
    pub link_lines: Vec<usize>,
}

/// One grapheme with its style and link.
type Cell<'a> = (&'a str, Tone, Option<usize>);

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
            .flat_map(|p| p.text.graphemes(true).map(move |g| (g, p.tone, p.link)))
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
        let indent =
            |line: &mut Vec<Cell>| line.extend(std::iter::repeat_n((" ", Tone::Plain, None), hang));
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
    let mut pieces: Vec<Piece> = Vec::new();
    let mut text = String::new();
    let mut run: Option<(Tone, Option<usize>)> = None;
    for &(g, s, link) in cells.iter() {
        if let Some(link) = link {
            if out.link_lines.len() <= link {
                out.link_lines.resize(link + 1, usize::MAX);
            }
            out.link_lines[link] = out.link_lines[link].min(number);
        }
        if let Some((tone, at)) = run
            && (tone, at) != (s, link)
        {
            pieces.push(Piece {
                text: std::mem::take(&mut text),
                tone,
                link: at,
            });
        }
        run = Some((s, link));
        // A join of an unbroken phrase is an ordinary space once the line is cut.
        text.push_str(if g.starts_with(GLUE) && g.len() == GLUE.len_utf8() {
            " "
        } else {
            g
        });
    }
    if let Some((tone, link)) = run
        && !text.is_empty()
    {
        pieces.push(Piece { text, tone, link });
    }
    out.lines.push(Line { pieces });
    cells.clear();
}

#[cfg(test)]
mod wrap_tests {
    use super::*;

    fn piece(text: &str, link: Option<usize>) -> Piece {
        Piece {
            text: text.to_owned(),
            tone: Tone::Plain,
            link,
        }
    }

    fn wrapped(text: &str, hang: usize, width: usize) -> Vec<String> {
        let para = Para {
            pieces: vec![piece(text, None)],
            hang,
        };
        wrap(&[para], width).lines.iter().map(Line::text).collect()
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
                piece("owned by ", None),
                piece("Orange", Some(0)),
                piece(" and ", None),
                piece("Thales", Some(1)),
            ],
            hang: 2,
        };
        let title = Para {
            pieces: vec![piece("title", None)],
            hang: 2,
        };
        let out = wrap(&[title, para], 16);
        assert_eq!(out.link_lines, [1, 2]);
    }

    #[test]
    fn an_unbroken_phrase_moves_to_the_next_line_whole() {
        let text = format!("  Orange 47 %; also reported: {}", unbroken("4/9 (44.4 %)"));
        assert_eq!(
            wrapped(&text, 4, 36),
            ["  Orange 47 %; also reported:", "    4/9 (44.4 %)"]
        );
        assert_eq!(
            wrapped(&format!("share {}", unbroken("20–25 %")), 2, 12),
            ["share", "  20–25 %"]
        );
        // Wider than a line, it is broken where it must be, like any word.
        assert_eq!(
            wrapped(&unbroken("4/9 (44.4 %)"), 0, 6),
            ["4/9 (4", "4.4 %)"]
        );
    }

    #[test]
    fn empty_lines_stay() {
        assert_eq!(wrapped("", 2, 10), [""]);
    }
}
