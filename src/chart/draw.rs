//! Drawing a laid-out chart onto a [`Canvas`] that holds only a window of it: the walk visits
//! only the subtrees whose rows meet the window, and writes only the cells inside it.

use ratatui::style::{Modifier, Style};
use unicode_width::UnicodeWidthStr;

use super::Chart;
use super::canvas::Canvas;
use super::layout::{Node, Side};

impl Chart {
    /// Draws onto `canvas` every part of the chart in its rows: the relations under everything
    /// (when asked for), then each node's drop, box, stem, stack and bus, then its children,
    /// then the relations' words where they are clear.
    pub(super) fn draw_into(&self, canvas: &mut Canvas) {
        self.draw_tree(canvas);
        self.draw_relation_words(canvas);
    }

    /// Everything but the relations' words.
    pub(super) fn draw_tree(&self, canvas: &mut Canvas) {
        if self.nodes.is_empty() {
            return;
        }
        self.draw_relations(canvas);
        let mut todo = vec![0usize];
        while let Some(i) = todo.pop() {
            let node = &self.nodes[i];
            if canvas.meets(node.top..node.own_end) {
                self.draw_own(i, canvas);
            }
            for &c in node.children.iter().rev() {
                let child = &self.nodes[c];
                if canvas.meets(child.top..child.end) {
                    todo.push(c);
                }
            }
        }
    }

    /// A node's drop and share, its box, the stem under it, its stacked leaves and its bus.
    fn draw_own(&self, i: usize, canvas: &mut Canvas) {
        let node = &self.nodes[i];
        let line = Style::new();
        let a = node.anchor;
        let dim = Style::new().add_modifier(Modifier::DIM);
        let wiring = self.wiring(i);
        if let Some(((x, y), share)) = &wiring.drop {
            canvas.put(*x, *y, "│", line);
            if let Some(share) = share {
                canvas.put(share.x, share.y, share.text, dim);
            }
        }
        self.draw_box(canvas, node, i > 0, wiring.stem.is_some());
        let Some((_, stem)) = &wiring.stem else {
            return;
        };
        for r in stem.clone() {
            canvas.put(a, r, "│", line);
        }

        // The stacked leaves, a pair to a row, joined at their names.
        for pair in wiring.joins.chunks(2) {
            let row = pair[0].row;
            let (mut left, mut right) = (false, false);
            for join in pair {
                let leaf = &self.nodes[join.leaf];
                let is_left = leaf.side == Some(Side::Left);
                left |= is_left;
                right |= !is_left;
                canvas.put(join.cells.start, row, &"─".repeat(join.cells.len()), line);
                if let Some(share) = &join.share {
                    canvas.put(share.x, share.y, share.text, dim);
                }
                self.draw_box(canvas, leaf, false, false);
                let (joint, x) = if is_left {
                    ("├", join.cells.start - 1)
                } else {
                    ("┤", join.cells.end)
                };
                canvas.put(x, row, self.heavy(leaf, joint), self.frame(leaf));
            }
            let end = row == stem.end && node.bus.is_none();
            let joint = match (left, right, end) {
                (true, true, false) => "┼",
                (true, false, false) => "┤",
                (false, _, false) => "├",
                (true, true, true) => "┴",
                (true, false, true) => "┘",
                (false, _, true) => "└",
            };
            canvas.put(a, row, joint, line);
        }

        // The bus the children hang from.
        if let Some((bus, left, right)) = wiring.bus {
            let anchors: Vec<usize> = node
                .children
                .iter()
                .map(|&c| self.nodes[c].anchor)
                .collect();
            canvas.put(left, bus, &"─".repeat(right + 1 - left), line);
            let mut on_stem = false;
            for &x in &anchors {
                on_stem |= x == a;
                let joint = match (x == left, x == right) {
                    (true, true) => "│",
                    (true, false) => "┌",
                    (false, true) => "┐",
                    (false, false) => "┬",
                };
                canvas.put(x, bus, joint, line);
            }
            let joint = match (on_stem, a == left, a == right) {
                (true, true, true) => "│",
                (true, true, false) => "├",
                (true, false, true) => "┤",
                (true, false, false) => "┼",
                (false, true, _) => "└",
                (false, _, true) => "┘",
                (false, false, false) => "┴",
            };
            canvas.put(a, bus, joint, line);
        }
    }

    /// The style of a box's frame: bold for the selected one.
    fn frame(&self, node: &Node) -> Style {
        if self.selected == Some(node.id) {
            Style::new().add_modifier(Modifier::BOLD)
        } else {
            Style::new()
        }
    }

    /// A frame's joint, heavy on the selected box.
    fn heavy(&self, node: &Node, light: &'static str) -> &'static str {
        if self.selected != Some(node.id) {
            return light;
        }
        match light {
            "├" => "┠",
            "┤" => "┨",
            "┴" => "┸",
            "┬" => "┰",
            other => other,
        }
    }

    /// Draws a node's box, with a joint on its top for the drop into it and on its bottom for
    /// the stem out of it.
    fn draw_box(&self, canvas: &mut Canvas, node: &Node, drop: bool, stem: bool) {
        let (x, y) = (node.box_x, node.y);
        let height = node.box_height();
        if !canvas.meets(y..y + height) {
            return;
        }
        let selected = self.selected == Some(node.id);
        let (h, v, tl, tr, bl, br) = if selected {
            ("━", "┃", "┏", "┓", "┗", "┛")
        } else {
            ("─", "│", "┌", "┐", "└", "┘")
        };
        let style = self.frame(node);
        let inner = node.width() - 2;
        canvas.put(x, y, &format!("{tl}{}{tr}", h.repeat(inner)), style);
        if drop {
            canvas.put(node.anchor, y, self.heavy(node, "┴"), style);
        }
        for (i, text) in node.text.lines.iter().enumerate() {
            let row = y + 1 + i;
            if !canvas.rows().contains(&row) {
                continue;
            }
            let look = if i < node.text.name_lines {
                Style::new().add_modifier(Modifier::BOLD)
            } else {
                Style::new()
            };
            let pad = " ".repeat(inner.saturating_sub(text.width()));
            canvas.put(x, row, v, style);
            canvas.put(x + 1, row, &format!("{text}{pad}"), look);
            canvas.put(x + 1 + inner, row, v, style);
        }
        let bottom = y + height - 1;
        canvas.put(x, bottom, &format!("{bl}{}{br}", h.repeat(inner)), style);
        if stem {
            canvas.put(node.anchor, bottom, self.heavy(node, "┬"), style);
        }
    }
}
