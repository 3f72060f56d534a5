//! The box org chart: an entity's subtree drawn top-down as boxes (name, kind, leaders, owners
//! other than the parent) sized to their text and the room, joined by box-drawing lines with
//! the parent's share on each link, subtrees packed as tightly as their outlines allow; when
//! the children would be wider than the room, the leaves under a parent stack in two columns
//! under it. Relations can be drawn over it as dotted lines. Drawn on a canvas of its own size;
//! the explorer shows a window of it, `--dump --format chart` prints it whole.

mod boxes;
mod canvas;
mod contour;
mod draw;
mod layout;
mod relations;
mod shapes;
mod steer;

pub use boxes::inner_cap;
pub use shapes::{BoxShape, Label, Route, Segment, Shapes};
pub use steer::Direction;

use std::collections::HashMap;

use crate::model::Day;
use crate::org::{EntityId, Org};
use crate::visibility::Visible;

use canvas::Canvas;
use layout::{Node, layout};

/// Where a box is on the canvas, and which box it is in reading order (from 0).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Place {
    pub x: usize,
    pub y: usize,
    pub width: usize,
    pub height: usize,
    pub index: usize,
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
    /// The relations drawn over the chart, between boxes it has.
    relations: Vec<relations::Line>,
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
    /// Whether to draw the relations between the boxes, as dotted lines.
    pub relations: bool,
}

impl Chart {
    /// Lays out the chart asked for.
    pub fn new(req: &Request) -> Chart {
        let (nodes, width) = layout(req);
        let mut boxes = HashMap::with_capacity(nodes.len());
        for (index, n) in nodes.iter().enumerate() {
            boxes.insert(
                n.id,
                Place {
                    x: n.box_x,
                    y: n.y,
                    width: n.width(),
                    height: n.box_height(),
                    index,
                },
            );
        }
        let relations = if req.relations {
            relations::lines(req, &boxes)
        } else {
            Vec::new()
        };
        let mut chart = Chart {
            width,
            height: nodes.first().map_or(0, |n| n.end),
            nodes,
            boxes,
            selected: req.selected,
            relations,
        };
        // Relation lines may reach past the boxes, right of them or under the last row.
        let (right, below) = chart.relations_reach();
        chart.width = chart.width.max(right);
        chart.height = chart.height.max(below);
        chart
    }

    /// How many boxes the chart has.
    pub fn len(&self) -> usize {
        self.nodes.len()
    }

    pub fn is_empty(&self) -> bool {
        self.nodes.is_empty()
    }

    /// The cells of the window `width × height` at `x`, `y` on the canvas.
    pub fn window(&self, x: usize, y: usize, width: usize, height: usize) -> Canvas {
        let mut canvas = Canvas::window(x, y, width, height);
        self.draw_into(&mut canvas);
        canvas
    }

    /// Gives each row of the chart as text to `each`, top down, trailing spaces trimmed; a band
    /// of rows at a time, so memory stays within a band whatever the chart's size. The canvas
    /// sanitizes what it is given, so the rows are safe to show.
    pub fn rows(&self, mut each: impl FnMut(&str) -> std::io::Result<()>) -> std::io::Result<()> {
        self.bands(|band| {
            self.draw_into(band);
            band.each_row(&mut each)
        })
    }

    /// Gives `each` a blank canvas for each band of rows of the chart, top down, one reused.
    fn bands(
        &self,
        mut each: impl FnMut(&mut Canvas) -> std::io::Result<()>,
    ) -> std::io::Result<()> {
        let rows = (canvas::BAND_CELLS / self.width.max(1)).max(1);
        let mut band = Canvas::window(0, 0, self.width, rows.min(self.height));
        let mut y = 0;
        while y < self.height {
            band.move_to(y, rows.min(self.height - y));
            each(&mut band)?;
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
    use crate::load::{Loaded, load_embedded};

    /// The chart of `root` (the first root when none) at `day`, `depth` levels deep, fitted to
    /// `room`, with the relations or not.
    fn draw(
        org: &Org,
        root: Option<&str>,
        day: Day,
        (room, depth, relations): (usize, usize, bool),
    ) -> Chart {
        let tree = org.tree(day, crate::org::Placing::UnderExisting);
        let root = match root {
            Some(id) => org.find_entity(id).unwrap(),
            None => tree.roots().next().unwrap(),
        };
        Chart::new(&Request {
            org,
            root,
            depth,
            day,
            selected: None,
            room,
            only: &Visible::at(org, &tree, day),
            heads: None,
            relations,
        })
    }

    fn shipped_day(org: &Org) -> Day {
        org.model.as_of.as_ref().unwrap().last_day()
    }

    fn shipped_chart(room: usize, depth: usize) -> (Loaded, Chart) {
        let loaded = load_embedded().unwrap();
        let day = shipped_day(&loaded.org);
        let chart = draw(&loaded.org, Some("orange"), day, (room, depth, true));
        (loaded, chart)
    }

    fn loaded(text: &str) -> Loaded {
        crate::load::load_text(crate::load::ModelText {
            name: "t.yaml".into(),
            text: text.into(),
        })
        .map_err(|e| e.render())
        .unwrap()
    }

    /// A chart of a model given as text, from its first root, everything drawn, as text.
    fn chart_of(text: &str, room: usize) -> String {
        let loaded = loaded(text);
        draw(&loaded.org, None, Day::today(), (room, usize::MAX, true)).text()
    }

    #[test]
    fn boxes_do_not_overlap_and_children_sit_below_parents() {
        for room in [80, 140, 220] {
            let (loaded, chart) = shipped_chart(room, 3);
            let org = &loaded.org;
            let tree = org.tree(shipped_day(org), crate::org::Placing::UnderExisting);
            let places: Vec<(EntityId, Place)> =
                chart.boxes.iter().map(|(k, v)| (*k, *v)).collect();
            for (i, (_, a)) in places.iter().enumerate() {
                for (_, b) in &places[i + 1..] {
                    let apart = a.x + a.width <= b.x
                        || b.x + b.width <= a.x
                        || a.y + a.height <= b.y
                        || b.y + b.height <= a.y;
                    assert!(apart, "{room}: {a:?} overlaps {b:?}");
                }
            }
            for (id, place) in &places {
                if let Some(parent) = tree.parent(*id)
                    && let Some(p) = chart.boxes.get(&parent)
                {
                    assert!(place.y > p.y, "{} is not below its parent", org.name(*id));
                }
                assert!(place.x + place.width <= chart.width, "{room}: {place:?}");
            }
        }
    }

    #[test]
    fn what_is_drawn_stays_within_the_measured_canvas() {
        for room in [40, 80, 140, 220] {
            let (_loaded, chart) = shipped_chart(room, 9);
            let mut canvas = Canvas::measure();
            chart.draw_into(&mut canvas);
            assert_eq!(canvas.extent(), chart.width, "{room}");
        }
    }

    #[test]
    fn boxes_grow_with_the_room() {
        let widest = |room| {
            let (_l, chart) = shipped_chart(room, 9);
            chart.boxes.values().map(|p| p.width).max().unwrap_or(0)
        };
        assert!(widest(80) < widest(220), "{} {}", widest(80), widest(220));
    }

    #[test]
    fn every_leader_is_shown_until_the_box_is_full() {
        let mut text = String::from(
            "title: t\nentities:\n  - {id: w, name: Waymo, kind: company}\n  - {id: v, name: Venture, kind: company, parent: w}\npeople:\n",
        );
        for i in 0..6 {
            text.push_str(&format!("  - {{id: p{i}, name: Person {i}}}\n"));
        }
        text.push_str("roles:\n  - {person: p0, entity: w, title: co-CEO}\n  - {person: p1, entity: w, title: co-CEO}\n");
        for i in 0..6 {
            text.push_str(&format!(
                "  - {{person: p{i}, entity: v, title: Partner}}\n"
            ));
        }
        let chart = chart_of(&text, 120);
        assert!(chart.contains("co-CEO: Person 0"), "{chart}");
        assert!(chart.contains("co-CEO: Person 1"), "{chart}");
        for i in 0..3 {
            assert!(chart.contains(&format!("Partner: Person {i}")), "{chart}");
        }
        assert!(!chart.contains("Partner: Person 3"), "{chart}");
        assert!(chart.contains("+3 more leaders"), "{chart}");
    }

    #[test]
    fn stacked_leaves_sit_between_their_parent_and_its_other_children() {
        // A parent with many leaves and one unit with a unit under it: the leaves stack, and
        // every one of them is above the row the other child's subtree starts on.
        let mut text = String::from(
            "title: t\nentities:\n  - {id: top, name: Top, kind: group}\n  - {id: mid, name: Middle, kind: division, parent: top}\n  - {id: low, name: Lower, kind: team, parent: mid}\n",
        );
        for i in 0..12 {
            text.push_str(&format!(
                "  - {{id: l{i}, name: Leaf {i}, kind: team, parent: top}}\n"
            ));
        }
        let loaded = loaded(&text);
        let org = &loaded.org;
        let chart = draw(org, Some("top"), Day::today(), (80, usize::MAX, false));
        let place = |id: &str| chart.boxes[&org.find_entity(id).unwrap()];
        let (top, mid) = (place("top"), place("mid"));
        for i in 0..12 {
            let leaf = place(&format!("l{i}"));
            assert!(leaf.y > top.y + top.height, "leaf {i} under its parent");
            assert!(
                leaf.y + leaf.height < mid.y,
                "leaf {i} above the next level"
            );
        }
        assert!(chart.width <= 80, "{}", chart.width);
    }

    #[test]
    fn the_parents_share_is_on_the_link_and_relations_are_drawn() {
        let (_l, chart) = shipped_chart(80, 9);
        let text = chart.text();
        // Cloudwatt is a stacked leaf at 80 columns: its share is on the join, not in the box.
        let row = text.lines().find(|l| l.contains("Cloudwatt")).unwrap();
        assert!(row.contains("─4/9 (44.4 %)─"), "{text}");
        assert!(!text.contains("held "), "{text}");
        assert!(text.contains(" client of "), "{text}");
        assert!(text.contains('┄') || text.contains('┆'), "{text}");
        // Without the relations, neither line nor word.
        let plain = {
            let loaded = load_embedded().unwrap();
            let day = shipped_day(&loaded.org);
            draw(&loaded.org, Some("orange"), day, (80, 9, false)).text()
        };
        assert!(
            !plain.contains("client of") && !plain.contains('┄'),
            "{plain}"
        );
    }
}
