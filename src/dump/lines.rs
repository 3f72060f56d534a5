//! Where the human formats write (tree, Markdown, DOT, Mermaid, chart, diff): a line at a time,
//! each line made safe whole on its way out. A writer cannot reach the stream another way, so a
//! name it forgot to sanitize still cannot carry an escape sequence or a line break; JSON and
//! YAML escape by their own rules and write the stream directly.

use std::fmt::{self, Write as _};
use std::io::{self, Write};

use crate::sanitize::sanitize;

/// A stream of lines whose text is sanitized as it is written.
pub struct Lines<W: Write> {
    out: W,
    /// The line being written, kept to be reused.
    buf: String,
}

impl<W: Write> Lines<W> {
    pub fn new(out: W) -> Self {
        Lines {
            out,
            buf: String::new(),
        }
    }

    /// Writes `text` as one line: sanitized whole, so a control or invisible character in it
    /// shows as an escape and a line break in it does not end the line.
    pub fn line(&mut self, text: impl fmt::Display) -> io::Result<()> {
        self.buf.clear();
        // Writing to a String fails only when a Display impl does, and none of ours do.
        let _ = write!(self.buf, "{text}");
        self.out.write_all(sanitize(&self.buf).as_bytes())?;
        self.out.write_all(b"\n")
    }

    /// Writes an empty line.
    pub fn blank(&mut self) -> io::Result<()> {
        self.out.write_all(b"\n")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_line_is_made_safe_whole() {
        let mut out = Vec::new();
        let mut lines = Lines::new(&mut out);
        lines.line(format_args!("a {} b", "\u{1b}[2J\nx")).unwrap();
        lines.blank().unwrap();
        // A modifier after its emoji changes the pair's width: escaped, even across two pieces
        // that were each safe alone.
        lines.line(format_args!("{}{}", "👋", "\u{1f3fd}")).unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "a \\u{1b}[2J\\nx b\n\n👋\\u{1f3fd}\n"
        );
    }
}
