//! Drawing a laid-out chart onto a [`Canvas`] that holds only a window of it: the walk visits
//! only the subtrees whose rows meet the window, and writes only the cells inside it.

use ratatui::style::{Modifier, Style};
use unicode_width::UnicodeWidthStr;

use super::Chart;
use super::canvas::Canvas;
use super::layout::{Node, Side};

impl Chart {
    /// Draws onto `canvas` every part of the chart in its rows: the relations under everything
    /// (when asked for), then each node's drop, box, stem, stack and bus, then its children.
    pub(super) fn draw_into(&self, canvas: &mut Canvas) {
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
        self.draw_relation_words(canvas);
    }

    /// A node's drop and share, its box, the stem under it, its stacked leaves and its bus.
    fn draw_own(&self, i: usize, canvas: &mut Canvas) {
        let node = &self.nodes[i];
        let line = Style::new();
        let a = node.anchor;
        let dim = Style::new().add_modifier(Modifier::DIM);
        if i > 0 {
            canvas.put(a, node.top, "│", line);
            if let Some(share) = &node.share {
                canvas.put(a + 2, node.top, share, dim);
            }
        }
        let stem = !node.is_leaf();
        self.draw_box(canvas, node, i > 0, stem);
        if !stem {
            return;
        }
        let below = node.y + node.box_height();
        let last = node.bus.unwrap_or_else(|| {
            node.stacked
                .last()
                .map_or(below, |&l| self.nodes[l].join_row())
        });
        for r in below..last {
            canvas.put(a, r, "│", line);
        }

        // The stacked leaves, a pair to a row, joined at their names.
        for pair in node.stacked.chunks(2) {
            let row = self.nodes[pair[0]].join_row();
            let (mut left, mut right) = (false, false);
            for &l in pair {
                let leaf = &self.nodes[l];
                let w = leaf.width();
                let share = leaf.share.as_deref().unwrap_or("");
                match leaf.side {
                    Some(Side::Left) => {
                        left = true;
                        let from = leaf.box_x + w;
                        canvas.put(from, row, &"─".repeat(a - from), line);
                        if !share.is_empty() {
                            canvas.put(a - 1 - share.width(), row, share, dim);
                        }
                    }
                    _ => {
                        right = true;
                        canvas.put(a + 1, row, &"─".repeat(node.join), line);
                        if !share.is_empty() {
                            canvas.put(a + 2, row, share, dim);
                        }
                    }
                }
                self.draw_box(canvas, leaf, false, false);
                let joint = if leaf.side == Some(Side::Left) {
                    "├"
                } else {
                    "┤"
                };
                let x = if leaf.side == Some(Side::Left) {
                    leaf.box_x + w - 1
                } else {
                    leaf.box_x
                };
                canvas.put(x, row, self.heavy(leaf, joint), self.frame(leaf));
            }
            let end = row == last && node.bus.is_none();
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
        if let Some(bus) = node.bus {
            let anchors: Vec<usize> = node
                .children
                .iter()
                .map(|&c| self.nodes[c].anchor)
                .collect();
            let left = anchors.iter().copied().min().unwrap_or(a).min(a);
            let right = anchors.iter().copied().max().unwrap_or(a).max(a);
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
