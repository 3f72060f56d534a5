//! The relations between boxes of a chart (merged into, partner, client of…), drawn as dotted
//! lines under the boxes and the tree's links: a line leaves one box, runs along the row just
//! outside it and turns to the other box, ending in an arrow. What a box or a link covers hides
//! the line there, so the tree always reads as it is; the relation's word is written on the
//! line's run, after the tree, where the run is clear.

use std::collections::HashMap;

use ratatui::style::{Modifier, Style};
use unicode_width::UnicodeWidthStr;

use super::boxes::cut;
use super::canvas::Canvas;
use super::{Chart, Place, Request};
use crate::org::EntityId;
use crate::words;

/// The most relations one chart draws; past it, the lines would hide each other anyway.
const MAX_LINES: usize = 2_000;
/// The widest a relation's word is drawn.
const MAX_LABEL: usize = 24;

/// A relation to draw: the corners of its path, from the first box to the second, and its word.
pub(super) struct Line {
    pub(super) path: Vec<(usize, usize)>,
    /// The cells of the two boxes' borders next to the path's ends, the first box's first.
    pub(super) borders: [(usize, usize); 2],
    pub(super) label: String,
}

impl Line {
    /// Its horizontal run: the left end and the column after its right end.
    fn run(&self) -> Option<((usize, usize), usize)> {
        let w = self.path.windows(2).find(|w| w[0].1 == w[1].1)?;
        let (a, b) = (w[0].0.min(w[1].0), w[0].0.max(w[1].0));
        Some(((a, w[0].1), b + 1))
    }

    /// The rows it takes.
    pub(super) fn span(&self) -> std::ops::Range<usize> {
        let ys = self.path.iter().map(|p| p.1);
        ys.clone().min().unwrap_or(0)..ys.max().map_or(0, |y| y + 1)
    }
}

/// The relations in force at the date between two boxes of the chart.
pub(super) fn lines(req: &Request, boxes: &HashMap<EntityId, Place>) -> Vec<Line> {
    let org = req.org;
    let mut out = Vec::new();
    for r in org.relations() {
        if out.len() >= MAX_LINES {
            break;
        }
        let (Some(from), Some(to)) = (r.from, r.to) else {
            continue;
        };
        if from == to || !org.relation_in_force(&r, req.day) {
            continue;
        }
        let (Some(a), Some(b)) = (boxes.get(&from), boxes.get(&to)) else {
            continue;
        };
        let path = route(*a, *b);
        // A route has at least one corner.
        let (first, last) = (path[0], path[path.len() - 1]);
        out.push(Line {
            borders: [border(*a, first), border(*b, last)],
            path,
            label: cut(&words::relation(&r.relation.kind.value), MAX_LABEL),
        });
    }
    out
}

/// The corners of a line from box `a` to box `b`: out of `a` below it (above it when `b` is
/// higher up), along the row just outside it, which holds little but stems and drops, then
/// straight to `b`'s nearer side. Both ends are a quarter in from a box's side, clear of the
/// links at their middles.
fn route(a: Place, b: Place) -> Vec<(usize, usize)> {
    let rightwards = b.x + b.width / 2 >= a.x + a.width / 2;
    let (xa, xb) = if rightwards {
        (a.x + a.width * 3 / 4, b.x + b.width / 4)
    } else {
        (a.x + a.width / 4, b.x + b.width * 3 / 4)
    };
    let (a_below, b_below) = (a.y + a.height, b.y + b.height);
    let mut path = if b.y > a_below {
        vec![(xa, a_below), (xb, a_below), (xb, b.y - 1)]
    } else if b_below < a.y {
        let row = a.y - 1;
        vec![(xa, row), (xb, row), (xb, b_below)]
    } else {
        let row = a_below.max(b_below) + 1;
        vec![(xa, a_below), (xa, row), (xb, row), (xb, b_below)]
    };
    path.dedup();
    path
}

/// The cell of `place`'s border next to `end`, a cell just above or just under it.
fn border(place: Place, end: (usize, usize)) -> (usize, usize) {
    let (x, y) = end;
    if y >= place.y + place.height {
        (x, y - 1)
    } else {
        (x, y + 1)
    }
}

impl Chart {
    /// The columns and rows the relation lines reach, for the canvas's size.
    pub(super) fn relations_reach(&self) -> (usize, usize) {
        let points = self.relations.iter().flat_map(|l| l.path.iter());
        points.fold((0, 0), |(w, h), p| (w.max(p.0 + 1), h.max(p.1 + 1)))
    }

    /// Draws the relation lines that meet the canvas's rows, under what is drawn after them.
    pub(super) fn draw_relations(&self, canvas: &mut Canvas) {
        let style = Style::new().add_modifier(Modifier::DIM);
        for line in &self.relations {
            if !canvas.meets(line.span()) {
                continue;
            }
            for pair in line.path.windows(2) {
                let ((x0, y0), (x1, y1)) = (pair[0], pair[1]);
                if y0 == y1 {
                    for x in x0.min(x1)..=x0.max(x1) {
                        canvas.put(x, y0, "┄", style);
                    }
                } else {
                    for y in y0.min(y1)..=y0.max(y1) {
                        canvas.put(x0, y, "┆", style);
                    }
                }
            }
            // Corners, then the arrow into the box at the end.
            for w in line.path.windows(3) {
                let ((xa, ya), (x, y), (xb, yb)) = (w[0], w[1], w[2]);
                let from_left = xa < x || xb < x;
                let down = ya > y || yb > y;
                let corner = match (from_left, down) {
                    (true, true) => "╮",
                    (true, false) => "╯",
                    (false, true) => "╭",
                    (false, false) => "╰",
                };
                canvas.put(x, y, corner, style);
            }
            if let [.., (xa, ya), (x, y)] = line.path[..] {
                let arrow = if ya < y {
                    "▼"
                } else if ya > y {
                    "▲"
                } else if xa < x {
                    "▶"
                } else {
                    "◀"
                };
                canvas.put(x, y, arrow, style);
            }
        }
    }

    /// Writes each relation's word over its horizontal run, where nothing but the line is
    /// drawn; a word with no room along its run is left out, so that it never covers a box or
    /// a link. Says where each word it wrote begins (the space before it), by relation.
    pub(super) fn draw_relation_words(&self, canvas: &mut Canvas) -> Vec<(usize, (usize, usize))> {
        let mut written = Vec::new();
        for (k, line) in self.relations.iter().enumerate() {
            if !canvas.meets(line.span()) {
                continue;
            }
            let label = format!(" {} ", line.label);
            let width = label.width();
            // Along the run, else beside the arrow or a corner, right then left of it.
            let along = line
                .run()
                .into_iter()
                .flat_map(|((x0, y), x1)| (x0 + 1..x1.saturating_sub(width)).map(move |x| (x, y)));
            let beside = line.path.iter().rev().flat_map(|&(x, y)| {
                [Some((x + 1, y)), x.checked_sub(width).map(|l| (l, y))]
                    .into_iter()
                    .flatten()
            });
            let free = along.chain(beside).find(|&(x, y)| canvas.free(x, y, width));
            if let Some((x, y)) = free {
                canvas.put(x, y, &label, Style::new().add_modifier(Modifier::ITALIC));
                written.push((k, (x, y)));
            }
        }
        written
    }
}
