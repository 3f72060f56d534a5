//! The box org chart: an entity's subtree drawn top-down as boxes (name, kind, current leader,
//! owners other than the parent) joined by box-drawing lines, siblings side by side; when a
//! level would be wider than the room, the leaves under a parent stack in a column instead.
//! Drawn on a canvas of its own size; the explorer shows a window of it, `--dump --format
//! chart` prints it whole.

mod boxes;
mod canvas;
mod draw;
mod layout;

use std::collections::HashMap;

use crate::model::Day;
use crate::org::{EntityId, Org};
use crate::visibility::Visible;

use canvas::Canvas;
use layout::{Node, layout};

/// Width of a box, borders included.
pub const BOX_WIDTH: usize = 24;

/// Where a box is on the canvas.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Place {
    pub x: usize,
    pub y: usize,
    pub width: usize,
    pub height: usize,
}

/// A laid-out chart: where each entity's box is, and the size of the whole canvas. Cells are
/// drawn on demand, for a window ([`Chart::window`]) or row band by row band
/// ([`Chart::rows`]), so a chart thousands of levels deep or wide costs memory for what is
/// shown, not for the whole canvas.
pub struct Chart {
    pub width: usize,
    pub height: usize,
    nodes: Vec<Node>,
    pub boxes: HashMap<EntityId, Place>,
    selected: Option<EntityId>,
}

/// What to draw.
pub struct Request<'a> {
    pub org: &'a Org,
    pub root: EntityId,
    /// Levels under the root to draw (0 = the root alone).
    pub depth: usize,
    pub day: Day,
    /// The box to draw with a heavy frame.
    pub selected: Option<EntityId>,
    /// The width the chart should try to fit in.
    pub room: usize,
    /// The entities drawn under the root: what exists at the date, or a filter's matches and
    /// the way to them ([`Visible`]). The root is drawn whatever it says.
    pub only: &'a Visible<'a>,
    /// The counts to show in the boxes that have a subtree; none without.
    pub heads: Option<&'a crate::headcount::Headcount>,
}

impl Chart {
    /// Lays out the chart asked for, and measures it.
    pub fn new(req: &Request) -> Chart {
        let nodes = layout(req);
        let mut boxes = HashMap::with_capacity(nodes.len());
        for n in &nodes {
            boxes.insert(
                n.id,
                Place {
                    x: n.box_x,
                    y: n.y,
                    width: BOX_WIDTH,
                    height: n.box_height(),
                },
            );
        }
        let mut chart = Chart {
            width: 0,
            height: nodes.first().map_or(0, |n| n.end),
            nodes,
            boxes,
            selected: req.selected,
        };
        chart.width = chart.draw(Canvas::measure()).extent();
        chart
    }

    /// The cells of the window `width × height` at `x`, `y` on the canvas.
    pub fn window(&self, x: usize, y: usize, width: usize, height: usize) -> Canvas {
        self.draw(Canvas::window(x, y, width, height))
    }

    /// Gives each row of the chart as text to `each`, top down, trailing spaces trimmed; a band
    /// of rows at a time, so memory stays within a band whatever the chart's size. The canvas
    /// sanitizes what it is given, so the rows are safe to show.
    pub fn rows(&self, mut each: impl FnMut(&str) -> std::io::Result<()>) -> std::io::Result<()> {
        let rows = (canvas::BAND_CELLS / self.width.max(1)).max(1);
        let mut band = Canvas::window(0, 0, self.width, rows.min(self.height));
        let mut y = 0;
        while y < self.height {
            band.move_to(y, rows.min(self.height - y));
            self.draw_into(&mut band);
            band.each_row(&mut each)?;
            y += rows;
        }
        Ok(())
    }

    /// The chart as text, one line per row, trailing spaces trimmed.
    pub fn text(&self) -> String {
        let mut out = String::new();
        // Collecting into a String cannot fail.
        let _ = self.rows(|row| {
            out.push_str(row);
            out.push('\n');
            Ok(())
        });
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::load_embedded;

    #[test]
    fn boxes_do_not_overlap_and_children_sit_below_parents() {
        let org = load_embedded().unwrap().org;
        let root = org.find_entity("orange").unwrap();
        let day = org.model.as_of.as_ref().unwrap().last_day();
        let tree = org.tree(day, crate::org::Placing::UnderExisting);
        let chart = Chart::new(&Request {
            org: &org,
            root,
            depth: 3,
            day,
            selected: None,
            room: 120,
            only: &Visible::at(&org, &tree, day),
            heads: None,
        });
        let places: Vec<(EntityId, Place)> = chart.boxes.iter().map(|(k, v)| (*k, *v)).collect();
        for (i, (_, a)) in places.iter().enumerate() {
            for (_, b) in &places[i + 1..] {
                let apart = a.x + a.width <= b.x
                    || b.x + b.width <= a.x
                    || a.y + a.height <= b.y
                    || b.y + b.height <= a.y;
                assert!(apart, "{a:?} overlaps {b:?}");
            }
        }
        for (id, place) in &places {
            if let Some(parent) = tree.parent(*id)
                && let Some(p) = chart.boxes.get(&parent)
            {
                assert!(place.y > p.y, "{} is not below its parent", org.name(*id));
            }
        }
        assert!(
            chart.width <= 120,
            "the leaves stack so the chart fits: {}",
            chart.width
        );
    }
}
