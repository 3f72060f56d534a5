//! Drawing a laid-out chart onto a canvas that holds only a window of it: the walk visits only
//! the subtrees whose rows meet the window, and writes only the cells inside it. The same walk
//! with no window measures the whole canvas.

use std::io;
use std::ops::Range;

use ratatui::style::{Modifier, Style};
use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

use crate::sanitize::sanitize;

use super::{BOX_WIDTH, Chart, LINK_ROWS, Node, cut, slots_width};

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
        match grapheme.len() {
            len @ 0..=4 => {
                bytes[..len].copy_from_slice(grapheme.as_bytes());
                Symbol::Short {
                    len: len as u8,
                    bytes,
                }
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
    pub(super) fn extent(&self) -> usize {
        self.extent
    }

    /// The rows a walk must draw.
    fn rows(&self) -> Range<usize> {
        if self.measuring {
            0..usize::MAX
        } else {
            self.y..self.y + self.height
        }
    }

    fn meets(&self, rows: Range<usize>) -> bool {
        let mine = self.rows();
        rows.start < mine.end && mine.start < rows.end
    }

    /// Writes `text` from column `x` of row `y`, a grapheme a cell (a wide one takes two, the
    /// second left empty); what falls outside the window is dropped. The text is sanitized here,
    /// where every drawing passes, so no caller can put an escape sequence on the canvas.
    fn put(&mut self, x: usize, y: usize, text: &str, style: Style) {
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
                    let len = c.encode_utf8(&mut bytes).len() as u8;
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

/// A step of the drawing walk: a subtree, or the share on the link down to a child.
enum Step {
    Node(usize),
    Share(usize, usize),
}

impl Chart {
    /// Draws onto `canvas` every part of the chart in its rows, in the order the parts overlap:
    /// a node's box and links, its stacked leaves, then each child's share and subtree.
    pub(super) fn draw(&self, canvas: Canvas) -> Canvas {
        let mut canvas = canvas;
        self.draw_into(&mut canvas);
        canvas
    }

    /// [`Chart::draw`] onto a canvas already made.
    pub(super) fn draw_into(&self, canvas: &mut Canvas) {
        if self.nodes.is_empty() {
            return;
        }
        let mut todo = vec![Step::Node(0)];
        while let Some(step) = todo.pop() {
            match step {
                Step::Share(x, c) => {
                    let node = &self.nodes[c];
                    if let Some(share) = &node.share {
                        canvas.put(
                            x,
                            node.y - 1,
                            &cut(share, 14),
                            Style::new().add_modifier(Modifier::DIM),
                        );
                    }
                }
                Step::Node(i) => {
                    let node = &self.nodes[i];
                    if canvas.meets(node.y..node.own_end) {
                        self.draw_own(node, canvas);
                    }
                    // Children last to first, each after its share, so they pop in order.
                    for &c in node.children.iter().rev() {
                        let child = &self.nodes[c];
                        if canvas.meets(child.y..child.end) {
                            todo.push(Step::Node(c));
                        }
                        if child.share.is_some() && canvas.rows().contains(&(child.y - 1)) {
                            todo.push(Step::Share(anchor(child) + 2, c));
                        }
                    }
                }
            }
        }
    }

    /// A node's box, the links under it, and its stacked leaves.
    fn draw_own(&self, node: &Node, canvas: &mut Canvas) {
        let (x, y, bx) = (node.x, node.y, node.box_x);
        let height = draw_box(canvas, node, bx, y, self.selected == Some(node.id));
        if node.is_leaf() {
            return;
        }
        let line = Style::new();
        let centre = bx + BOX_WIDTH / 2;
        let below = y + height;
        let bus_y = below + 1;
        let child_y = bus_y + LINK_ROWS - 1;

        // Where each slot hangs from the bus.
        let span = slots_width(&self.nodes, &node.stacked, &node.children);
        let sx = if span < BOX_WIDTH {
            x + (BOX_WIDTH - span) / 2
        } else {
            x
        };
        let stack_x = (!node.stacked.is_empty()).then_some(sx);
        let anchors: Vec<usize> = stack_x
            .map(|at| at + 1)
            .into_iter()
            .chain(node.children.iter().map(|&c| anchor(&self.nodes[c])))
            .collect();

        if canvas.meets(below..child_y) {
            // Stem, bus, drops.
            canvas.put(centre, below, "│", line);
            let left = anchors.iter().copied().min().unwrap_or(centre).min(centre);
            let right = anchors.iter().copied().max().unwrap_or(centre).max(centre);
            if canvas.rows().contains(&bus_y) {
                canvas.put(left, bus_y, &"─".repeat(right + 1 - left), line);
            }
            let mut on_centre = false;
            for &a in &anchors {
                on_centre |= a == centre;
                let joint = match (a == left, a == right) {
                    (true, true) => "│",
                    (true, false) => "┌",
                    (false, true) => "┐",
                    (false, false) => "┬",
                };
                canvas.put(a, bus_y, joint, line);
            }
            let stem = match (on_centre, centre == left, centre == right) {
                (true, true, true) => "│",
                (true, true, false) => "├",
                (true, false, true) => "┤",
                (true, false, false) => "┼",
                (false, true, _) => "└",
                (false, _, true) => "┘",
                (false, false, false) => "┴",
            };
            canvas.put(centre, bus_y, stem, line);
            for &a in &anchors {
                canvas.put(a, bus_y + 1, "│", line);
            }
        }

        // The stacked leaves: a rail down the stack's left, a connector to each box.
        if let Some(stack_x) = stack_x {
            let rail = stack_x + 1;
            for (k, &leaf) in node.stacked.iter().enumerate() {
                let leaf = &self.nodes[leaf];
                let ly = leaf.y;
                let height = leaf.box_height();
                if !canvas.meets(ly..ly + height + 1) {
                    continue;
                }
                let last = k + 1 == node.stacked.len();
                let mid = ly + height / 2;
                for r in ly..mid {
                    canvas.put(rail, r, "│", line);
                }
                canvas.put(rail, mid, if last { "└─" } else { "├─" }, line);
                if !last {
                    for r in mid + 1..ly + height + 1 {
                        canvas.put(rail, r, "│", line);
                    }
                }
                draw_box(canvas, leaf, rail + 2, ly, self.selected == Some(leaf.id));
            }
        }
    }
}

/// The column where a child's drop meets its box: the middle of the box.
fn anchor(child: &Node) -> usize {
    child.box_x + BOX_WIDTH / 2
}

/// Draws a node's box at `x`, `y`; returns its height.
fn draw_box(canvas: &mut Canvas, node: &Node, x: usize, y: usize, selected: bool) -> usize {
    let height = node.box_height();
    if !canvas.meets(y..y + height) {
        return height;
    }
    let (h, v, tl, tr, bl, br) = if selected {
        ("━", "┃", "┏", "┓", "┗", "┛")
    } else {
        ("─", "│", "┌", "┐", "└", "┘")
    };
    let style = if selected {
        Style::new().add_modifier(Modifier::BOLD)
    } else {
        Style::new()
    };
    let inner = BOX_WIDTH - 2;
    canvas.put(x, y, &format!("{tl}{}{tr}", h.repeat(inner)), style);
    for (i, line) in node.lines.iter().enumerate() {
        let row = y + 1 + i;
        if !canvas.rows().contains(&row) {
            continue;
        }
        let text = format!("{line}{}", " ".repeat(inner.saturating_sub(line.width())));
        let look = if i == 0 {
            style.add_modifier(Modifier::BOLD)
        } else {
            Style::new()
        };
        canvas.put(x, row, v, style);
        canvas.put(x + 1, row, &text, look);
        canvas.put(x + 1 + inner, row, v, style);
    }
    let bottom = y + 1 + node.lines.len();
    canvas.put(x, bottom, &format!("{bl}{}{br}", h.repeat(inner)), style);
    height
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
