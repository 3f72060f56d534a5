//! The canvas a chart is drawn on: a window of cells (or, to measure, none), each a grapheme
//! with a style. It sanitizes every text it is given, so what it holds is safe to show.

use std::io;
use std::ops::Range;

use ratatui::style::Style;
use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

use crate::sanitize::sanitize;

/// How many cells a band of [`Chart::rows`] holds at most.
pub(super) const BAND_CELLS: usize = 1 << 17;

/// One cell: a grapheme (most are one character, kept inline), or nothing for the second half
/// of a wide one.
#[derive(Debug, Clone, PartialEq)]
enum Symbol {
    Short { len: u8, bytes: [u8; 4] },
    Text(Box<str>),
}

impl Symbol {
    fn new(grapheme: &str) -> Symbol {
        let mut bytes = [0; 4];
        match u8::try_from(grapheme.len()) {
            Ok(len @ 0..=4) => {
                bytes[..usize::from(len)].copy_from_slice(grapheme.as_bytes());
                Symbol::Short { len, bytes }
            }
            _ => Symbol::Text(grapheme.into()),
        }
    }

    fn as_str(&self) -> &str {
        match self {
            // The bytes were copied whole from a `&str`, so they are UTF-8.
            Symbol::Short { len, bytes } => {
                std::str::from_utf8(&bytes[..usize::from(*len)]).unwrap_or(" ")
            }
            Symbol::Text(text) => text,
        }
    }
}

/// A window of the canvas, or (to measure) no cells at all.
pub struct Canvas {
    x: usize,
    y: usize,
    width: usize,
    height: usize,
    cells: Vec<(Symbol, Style)>,
    /// Measuring: every row counts, and the canvas's width is recorded.
    measuring: bool,
    extent: usize,
}

const BLANK: (Symbol, Style) = (
    Symbol::Short {
        len: 1,
        bytes: [b' ', 0, 0, 0],
    },
    Style::new(),
);

impl Canvas {
    #[cfg(test)]
    pub(super) fn measure() -> Canvas {
        Canvas {
            x: 0,
            y: 0,
            width: 0,
            height: 0,
            cells: Vec::new(),
            measuring: true,
            extent: 0,
        }
    }

    /// Blanks the window and moves it down to row `y`, `height` rows high (no more than it was
    /// made with), reusing its cells.
    pub(super) fn move_to(&mut self, y: usize, height: usize) {
        self.y = y;
        self.height = height.min(self.height);
        self.cells.truncate(self.width * self.height);
        self.cells.fill(BLANK);
    }

    pub(super) fn window(x: usize, y: usize, width: usize, height: usize) -> Canvas {
        Canvas {
            x,
            y,
            width,
            height,
            cells: vec![BLANK; width.saturating_mul(height)],
            measuring: false,
            extent: 0,
        }
    }

    /// The widest row drawn, when measuring.
    #[cfg(test)]
    pub(super) fn extent(&self) -> usize {
        self.extent
    }

    /// The rows a walk must draw.
    pub(super) fn rows(&self) -> Range<usize> {
        if self.measuring {
            0..usize::MAX
        } else {
            self.y..self.y + self.height
        }
    }

    pub(super) fn meets(&self, rows: Range<usize>) -> bool {
        let mine = self.rows();
        rows.start < mine.end && mine.start < rows.end
    }

    /// Writes `text` from column `x` of row `y`, a grapheme a cell (a wide one takes two, the
    /// second left empty); what falls outside the window is dropped. The text is sanitized here,
    /// where every drawing passes, so no caller can put an escape sequence on the canvas.
    pub(super) fn put(&mut self, x: usize, y: usize, text: &str, style: Style) {
        if !self.rows().contains(&y) {
            return;
        }
        if simple(text) {
            // One cell a character: no grapheme to find.
            for (col, c) in (x..).zip(text.chars()) {
                if self.measuring {
                    self.extent = self.extent.max(col + 1);
                } else {
                    let mut bytes = [0; 4];
                    // A char is at most four bytes of UTF-8.
                    let len = u8::try_from(c.encode_utf8(&mut bytes).len()).unwrap_or(4);
                    self.set(col, y, Symbol::Short { len, bytes }, style);
                }
            }
            return;
        }
        // Simple text is safe as it is; the rest is made safe (a no-op for what `cut` gave).
        let text = sanitize(text);
        let mut col = x;
        for g in text.graphemes(true) {
            let w = g.width().max(1);
            if self.measuring {
                self.extent = self.extent.max(col + w);
            } else {
                self.set(col, y, Symbol::new(g), style);
                for extra in 1..w {
                    self.set(col + extra, y, Symbol::new(""), style);
                }
            }
            col += w;
        }
    }

    /// Whether `width` cells from `x` on row `y` hold nothing but blanks or a dotted relation
    /// line; cells outside the window count as free.
    pub(super) fn free(&self, x: usize, y: usize, width: usize) -> bool {
        (x..x + width).all(|col| matches!(self.symbol(col, y).0, " " | "┄" | "┆"))
    }

    fn set(&mut self, x: usize, y: usize, symbol: Symbol, style: Style) {
        if (self.x..self.x + self.width).contains(&x) {
            let at = (y - self.y) * self.width + (x - self.x);
            self.cells[at] = (symbol, style);
        }
    }

    /// The symbol at a cell of the canvas, blank outside the window.
    pub fn symbol(&self, x: usize, y: usize) -> (&str, Style) {
        let inside = (self.x..self.x + self.width).contains(&x)
            && (self.y..self.y + self.height).contains(&y);
        if !inside {
            return (" ", Style::new());
        }
        let (symbol, style) = &self.cells[(y - self.y) * self.width + (x - self.x)];
        (symbol.as_str(), *style)
    }

    /// Gives each of the window's rows as text, its trailing spaces trimmed.
    pub(super) fn each_row(&self, each: &mut impl FnMut(&str) -> io::Result<()>) -> io::Result<()> {
        let mut line = Vec::new();
        for row in self.cells.chunks(self.width.max(1)).take(self.height) {
            line.clear();
            for (symbol, _) in row {
                match symbol {
                    Symbol::Short { len, bytes } => {
                        line.extend_from_slice(&bytes[..usize::from(*len)])
                    }
                    Symbol::Text(text) => line.extend_from_slice(text.as_bytes()),
                }
            }
            // Every cell holds whole characters, so the line is UTF-8.
            let text = String::from_utf8_lossy(&line);
            each(text.trim_end())?;
        }
        if self.width == 0 {
            for _ in 0..self.height {
                each("")?;
            }
        }
        Ok(())
    }
}

/// Whether each character of `text` is a grapheme one cell wide by itself: printable ASCII,
/// box drawing, the ellipsis. Most of a chart is; the rest goes through grapheme segmentation.
fn simple(text: &str) -> bool {
    text.chars()
        .all(|c| matches!(c, ' '..='~' | '\u{2500}'..='\u{257F}' | '…'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_canvas_makes_what_it_is_given_safe() {
        let mut canvas = Canvas::window(0, 0, 20, 1);
        canvas.put(0, 0, "é\u{1b}[2J\u{202e}", Style::new());
        let mut row = String::new();
        canvas
            .each_row(&mut |r| {
                row = r.to_owned();
                Ok(())
            })
            .unwrap();
        assert_eq!(row, "é\\u{1b}[2J\\u{202e}");
    }
}
