//! Problems found in a model, and how they are shown: `FILE:LINE:COL: error: …`, the offending
//! line with a caret under the column, and a hint of what to do.

use std::fmt::{self, Write as _};

use crate::model::Pos;
use crate::sanitize::sanitize;

/// How bad a problem is: errors stop the model from loading, warnings do not.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
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
#[derive(Debug, Clone, PartialEq, Eq)]
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
        let mut out = String::new();
        let name = sanitize(file_name);
        // Writing to a String cannot fail.
        let _ = if self.pos.is_known() {
            write!(out, "{name}:{}: ", self.pos)
        } else {
            write!(out, "{name}: ")
        };
        let _ = writeln!(out, "{}: {}", self.severity, sanitize(&self.message));
        if let Some(line) = source.and_then(|s| source_line(s, self.pos)) {
            let number = self.pos.line.to_string();
            let gutter = " ".repeat(number.len());
            let (shown, caret) = line_with_caret(line, self.pos.col);
            let _ = writeln!(out, " {number} | {shown}");
            let _ = writeln!(out, " {gutter} | {caret}^");
        }
        if let Some(help) = &self.help {
            let _ = writeln!(out, "  = help: {}", sanitize(help));
        }
        out
    }
}

/// The text of the 1-based line `pos.line`, when the position is known.
fn source_line(source: &str, pos: Pos) -> Option<&str> {
    if !pos.is_known() {
        return None;
    }
    let index = usize::try_from(pos.line - 1).ok()?;
    source.lines().nth(index)
}

/// The line made safe to print, cut around the column when it is long, and the padding that
/// puts a caret under the 1-based character column `col`.
fn line_with_caret(line: &str, col: u32) -> (String, String) {
    const MAX: usize = 100;
    let col = usize::try_from(col.max(1) - 1).unwrap_or(0);
    let chars: Vec<char> = line.chars().collect();
    let start = col.saturating_sub(MAX / 2).min(chars.len());
    let end = (start + MAX).min(chars.len());
    let mut shown = String::new();
    let mut caret = String::new();
    if start > 0 {
        shown.push('…');
        caret.push(' ');
    }
    // The line is made safe whole, as the explorer would show it (a skin tone joined to its
    // hand is escaped, which one character at a time would not see); the caret is as far in as
    // the part before the column, made safe the same way, takes in a terminal.
    let before: String = chars[start..col.clamp(start, end)].iter().collect();
    let line: String = chars[start..end].iter().collect();
    let width: usize = sanitize(&before)
        .chars()
        .map(|c| unicode_width::UnicodeWidthChar::width(c).unwrap_or(0))
        .sum();
    caret.push_str(&" ".repeat(width));
    shown.push_str(&sanitize(&line));
    if end < chars.len() {
        shown.push('…');
    }
    (shown, caret)
}

/// Renders a list of problems, errors first in file order, then a summary line.
pub fn render_all(diagnostics: &[Diagnostic], file_name: &str, source: Option<&str>) -> String {
    let mut sorted: Vec<&Diagnostic> = diagnostics.iter().collect();
    sorted.sort_by_key(|d| (d.severity, d.pos));
    let mut out = String::new();
    for d in &sorted {
        out.push_str(&d.render(file_name, source));
    }
    let errors = diagnostics.iter().filter(|d| d.is_error()).count();
    let warnings = diagnostics.len() - errors;
    if errors + warnings > 0 {
        let _ = writeln!(
            out,
            "{}: {} {}, {} {}",
            sanitize(file_name),
            errors,
            plural(errors, "error", "errors"),
            warnings,
            plural(warnings, "warning", "warnings")
        );
    }
    out
}

fn plural<'a>(n: usize, one: &'a str, many: &'a str) -> &'a str {
    if n == 1 { one } else { many }
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
        let (shown, caret) = line_with_caret("名前: x", 5);
        assert_eq!(shown, "名前: x");
        assert_eq!(caret, "      ");
    }

    #[test]
    fn the_quoted_line_is_made_safe_whole() {
        let (shown, caret) = line_with_caret("name: 👋\u{1F3FD} x\u{1b}", 9);
        assert_eq!(shown, "name: 👋\\u{1f3fd} x\\u{1b}");
        // Under the space after the escape: `name: `, the hand's two columns, the escape.
        assert_eq!(caret, " ".repeat(6 + 2 + "\\u{1f3fd}".len()));
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
