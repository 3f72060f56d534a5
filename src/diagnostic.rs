//! Problems found in a model, and how they are shown: `FILE:LINE:COL: error: …`, the offending
//! line with a caret under the column, and a hint of what to do.

use std::fmt::{self, Write as _};

use crate::model::Pos;
use crate::sanitize::sanitize;

/// How bad a problem is: errors stop the model from loading, warnings do not.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    rkyv::Archive,
    rkyv::Serialize,
    rkyv::Deserialize,
)]
pub enum Severity {
    Error,
    Warning,
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        })
    }
}

/// One problem, at one place of the model file.
#[derive(Debug, Clone, PartialEq, Eq, rkyv::Archive, rkyv::Serialize, rkyv::Deserialize)]
pub struct Diagnostic {
    pub severity: Severity,
    pub pos: Pos,
    pub message: String,
    /// What to do about it.
    pub help: Option<String>,
}

impl Diagnostic {
    pub fn error(pos: Pos, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            pos,
            message: message.into(),
            help: None,
        }
    }

    pub fn warning(pos: Pos, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(pos, message)
        }
    }

    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// Renders the problem for a person: the position, the message, the source line with a
    /// caret, and the hint. Everything that came from the file is sanitized.
    pub fn render(&self, file_name: &str, source: Option<&str>) -> String {
        self.render_in(file_name, source.map(Source::new).as_ref())
    }

    fn render_in(&self, file_name: &str, source: Option<&Source<'_>>) -> String {
        let mut out = String::new();
        let name = sanitize(file_name);
        // Writing to a String cannot fail.
        let _ = if self.pos.is_known() {
            write!(out, "{name}:{}: ", self.pos)
        } else {
            write!(out, "{name}: ")
        };
        let _ = writeln!(out, "{}: {}", self.severity, sanitize(&self.message));
        if let Some((shown, caret)) = source.and_then(|s| s.excerpt(self.pos)) {
            let number = self.pos.line.to_string();
            let gutter = " ".repeat(number.len());
            let _ = writeln!(out, " {number} | {shown}");
            let _ = writeln!(out, " {gutter} | {caret}^");
        }
        if let Some(help) = &self.help {
            let _ = writeln!(out, "  = help: {}", sanitize(help));
        }
        out
    }
}

/// How many characters of a line an excerpt shows.
const EXCERPT: usize = 100;

/// A model's text with its lines found once, so that quoting a line for each of thousands of
/// problems costs a lookup, not a scan from the top; and within a long line (a JSON model may
/// be one line), the place last quoted, so that problems in file order read it once.
struct Source<'a> {
    text: &'a str,
    /// The byte where each line starts.
    starts: Vec<usize>,
    /// The last place looked up: line index, character index, its byte within the line.
    cursor: std::cell::Cell<(usize, usize, usize)>,
}

impl<'a> Source<'a> {
    fn new(text: &'a str) -> Source<'a> {
        let mut starts = vec![0];
        // A line starts after each line break, except the one that ends the text.
        starts.extend(
            text.match_indices('\n')
                .map(|(i, _)| i + 1)
                .filter(|&i| i < text.len()),
        );
        if text.is_empty() {
            starts.clear();
        }
        Source {
            text,
            starts,
            cursor: std::cell::Cell::new((0, 0, 0)),
        }
    }

    /// The 0-based line `index`, without its line break, as `str::lines` gives it.
    fn line(&self, index: usize) -> Option<&'a str> {
        let start = *self.starts.get(index)?;
        let end = self
            .starts
            .get(index + 1)
            .copied()
            .unwrap_or(self.text.len());
        let line = &self.text[start..end];
        // A line ends at `\n` or `\r\n`; the last one may end at the end of the text.
        Some(match line.strip_suffix('\n') {
            Some(line) => line.strip_suffix('\r').unwrap_or(line),
            None => line,
        })
    }

    /// The byte of character `wanted` of line `index` (the line's end when it is shorter), and
    /// the character index reached.
    fn seek(&self, index: usize, line: &str, wanted: usize) -> (usize, usize) {
        let (at_line, mut chars, mut byte) = self.cursor.get();
        if at_line != index || chars > wanted {
            (chars, byte) = (0, 0);
        }
        for c in line[byte..].chars() {
            if chars == wanted {
                break;
            }
            chars += 1;
            byte += c.len_utf8();
        }
        self.cursor.set((index, chars, byte));
        (chars, byte)
    }

    /// The line at `pos` made safe to print, cut around the column when it is long, and the
    /// padding that puts a caret under the 1-based character column.
    fn excerpt(&self, pos: Pos) -> Option<(String, String)> {
        if !pos.is_known() {
            return None;
        }
        let index = usize::try_from(pos.line - 1).ok()?;
        let line = self.line(index)?;
        let col = usize::try_from(pos.col.max(1) - 1).unwrap_or(0);
        let (start, byte) = self.seek(index, line, col.saturating_sub(EXCERPT / 2));
        let mut shown = String::new();
        let mut caret = String::new();
        if start > 0 {
            shown.push('…');
            caret.push(' ');
        }
        // The excerpt is made safe whole, as the explorer would show it (a skin tone joined to
        // its hand is escaped, which one character at a time would not see); the caret is as
        // far in as the part before the column, made safe the same way, takes in a terminal.
        let mut rest = line[byte..].chars();
        let excerpt: String = rest.by_ref().take(EXCERPT).collect();
        let before: String = excerpt.chars().take(col.saturating_sub(start)).collect();
        let width: usize = sanitize(&before)
            .chars()
            .map(|c| unicode_width::UnicodeWidthChar::width(c).unwrap_or(0))
            .sum();
        caret.push_str(&" ".repeat(width));
        shown.push_str(&sanitize(&excerpt));
        if rest.next().is_some() {
            shown.push('…');
        }
        Some((shown, caret))
    }
}

/// Renders a list of problems, errors first in file order, then a summary line.
pub fn render_all(diagnostics: &[Diagnostic], file_name: &str, source: Option<&str>) -> String {
    render_at_most(diagnostics, file_name, source, usize::MAX)
}

/// How many problems a model that does not load shows: past that, fixing the first ones and
/// running again is the way.
pub const SHOWN: usize = 100;

/// Renders at most `shown` problems, errors first in file order, a line that counts the ones
/// left out, then a summary line that counts them all.
pub fn render_at_most(
    diagnostics: &[Diagnostic],
    file_name: &str,
    source: Option<&str>,
    shown: usize,
) -> String {
    let mut sorted: Vec<&Diagnostic> = diagnostics.iter().collect();
    sorted.sort_by_key(|d| (d.severity, d.pos));
    let mut out = String::new();
    let source = source.map(Source::new);
    for d in sorted.iter().take(shown) {
        out.push_str(&d.render_in(file_name, source.as_ref()));
    }
    if let Some(more) = sorted.len().checked_sub(shown).filter(|&n| n > 0) {
        let _ = writeln!(
            out,
            "{}: … and {}, not shown: fix these and run again",
            sanitize(file_name),
            crate::words::count(more, "more problem")
        );
    }
    let errors = diagnostics.iter().filter(|d| d.is_error()).count();
    let warnings = diagnostics.len() - errors;
    if errors + warnings > 0 {
        let _ = writeln!(
            out,
            "{}: {}, {}",
            sanitize(file_name),
            crate::words::count(errors, "error"),
            crate::words::count(warnings, "warning")
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_position_line_and_caret() {
        let d = Diagnostic::error(Pos { line: 2, col: 8 }, "unknown entity `orang`")
            .with_help("did you mean `orange`?");
        let text = d.render("m.yaml", Some("title: t\nowner: orang\n"));
        assert_eq!(
            text,
            "m.yaml:2:8: error: unknown entity `orang`\n 2 | owner: orang\n   |        ^\n  = help: did you mean `orange`?\n"
        );
    }

    #[test]
    fn sanitizes_file_name_message_and_line() {
        let d = Diagnostic::error(Pos { line: 1, col: 1 }, "bad \u{1b}[31m");
        let text = d.render("evil\u{1b}]0;x\u{7}.yaml", Some("\u{1b}[2J"));
        assert!(!text.contains('\u{1b}'), "{text:?}");
        assert!(!text.contains('\u{7}'), "{text:?}");
    }

    #[test]
    fn caret_accounts_for_wide_characters() {
        let (shown, caret) = Source::new("名前: x")
            .excerpt(Pos { line: 1, col: 5 })
            .unwrap();
        assert_eq!(shown, "名前: x");
        assert_eq!(caret, "      ");
    }

    #[test]
    fn lines_are_found_as_str_lines_finds_them() {
        for text in [
            "", "a", "a\n", "a\r\nb", "a\n\nb\n", "\n", "a\r", "a\rb\r\n",
        ] {
            let source = Source::new(text);
            let expected: Vec<&str> = text.lines().collect();
            let found: Vec<&str> = (0..expected.len() + 2)
                .map_while(|i| source.line(i))
                .collect();
            assert_eq!(found, expected, "{text:?}");
        }
    }

    #[test]
    fn long_lines_are_cut_around_the_column_in_any_order() {
        let line: String = (0..1000)
            .map(|i| char::from(b'a' + (i % 26) as u8))
            .collect();
        let source = Source::new(&line);
        let at = |col| source.excerpt(Pos { line: 1, col }).unwrap();
        let (late, early) = (at(900), at(10));
        assert_eq!(late.0, format!("…{}…", &line[849..949]));
        assert_eq!(late.1.len(), 51);
        assert_eq!(early.0, format!("{}…", &line[..100]));
        assert_eq!(at(900), late, "the same after looking earlier");
    }

    #[test]
    fn thousands_of_problems_on_one_long_line_render() {
        // A JSON model is often one line: each problem's excerpt is found from the last one.
        let line = "x".repeat(4_000_000);
        let problems: Vec<Diagnostic> = (0..4_000)
            .map(|i| {
                Diagnostic::warning(
                    Pos {
                        line: 1,
                        col: 1 + i * 1000,
                    },
                    "w",
                )
            })
            .collect();
        let text = render_all(&problems, "m.json", Some(&line));
        assert_eq!(text.matches(" 1 | ").count(), 4_000);
    }

    #[test]
    fn the_quoted_line_is_made_safe_whole() {
        let line = "name: 👋\u{1F3FD} x\u{1b}";
        let (shown, caret) = Source::new(line).excerpt(Pos { line: 1, col: 9 }).unwrap();
        assert_eq!(shown, "name: 👋\\u{1f3fd} x\\u{1b}");
        // Under the space after the escape: `name: `, the hand's two columns, the escape.
        assert_eq!(caret, " ".repeat(6 + 2 + "\\u{1f3fd}".len()));
    }

    #[test]
    fn past_the_limit_problems_are_counted_not_shown() {
        let problems: Vec<Diagnostic> = (1..=5)
            .map(|line| Diagnostic::error(Pos { line, col: 1 }, format!("p{line}")))
            .collect();
        let text = render_at_most(&problems, "m.yaml", None, 2);
        assert_eq!(
            text,
            "m.yaml:1:1: error: p1\nm.yaml:2:1: error: p2\nm.yaml: … and 3 more problems, not shown: fix these and run again\nm.yaml: 5 errors, 0 warnings\n"
        );
        assert_eq!(
            render_at_most(&problems, "m.yaml", None, 5),
            render_all(&problems, "m.yaml", None)
        );
    }

    #[test]
    fn unknown_positions_print_the_file_only() {
        let d = Diagnostic::error(Pos::UNKNOWN, "cannot read");
        assert_eq!(
            d.render("m.yaml", Some("x")),
            "m.yaml: error: cannot read\n"
        );
    }
}
