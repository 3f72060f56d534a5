//! Drawing a laid-out chart onto a [`Canvas`] that holds only a window of it: the walk visits
//! only the subtrees whose rows meet the window, and writes only the cells inside it. The same
//! walk with no window measures the whole canvas.

use ratatui::style::{Modifier, Style};
use unicode_width::UnicodeWidthStr;

use super::boxes::cut;
use super::canvas::Canvas;
use super::layout::{LINK_ROWS, Node, slots_width};
use super::{BOX_WIDTH, Chart};

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
