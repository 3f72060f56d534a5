//! The box org chart: an entity's subtree drawn top-down as boxes (name, kind, current leader,
//! owners other than the parent) joined by box-drawing lines, siblings side by side; when a
//! level would be wider than the room, the leaves under a parent stack in a column instead.
//! Drawn on a canvas of its own size; the explorer shows a window of it, `--dump --format
//! chart` prints it whole.

// TODO(architecture): remove once this module is rewritten
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::cast_possible_truncation
)]

mod draw;

use std::collections::HashMap;

use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

use crate::model::Day;
use crate::org::{EntityId, Org};
use crate::sanitize::sanitize;
use crate::visibility::Visible;
use crate::words;

/// Width of a box, borders included.
pub const BOX_WIDTH: usize = 24;
/// Columns between two boxes side by side.
const GAP: usize = 2;
/// Rows between a box and the boxes under it: a stem, the bus, and a drop with the share.
const LINK_ROWS: usize = 3;

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
}

/// A node laid out: its box lines, its children (by index in the chart's nodes), and where it
/// and its subtree go.
struct Node {
    id: EntityId,
    lines: Vec<String>,
    /// The share the parent holds, shown on the link from it.
    share: Option<String>,
    children: Vec<usize>,
    /// Leaves drawn in a column under the box rather than side by side.
    stacked: Vec<usize>,
    /// Whether it is one of its parent's stacked leaves.
    in_stack: bool,
    /// The width its subtree takes.
    width: usize,
    /// The left of the slot its subtree is given, and its top row.
    x: usize,
    y: usize,
    /// The left of its box.
    box_x: usize,
    /// Rows `y..own_end` hold its own drawing (box, links, stacked leaves); `y..end` its
    /// subtree's.
    own_end: usize,
    end: usize,
}

impl Node {
    fn is_leaf(&self) -> bool {
        self.children.is_empty() && self.stacked.is_empty()
    }

    fn box_height(&self) -> usize {
        self.lines.len() + 2
    }
}

fn cut(text: &str, width: usize) -> String {
    let text = sanitize(text);
    if text.width() <= width {
        return text.into_owned();
    }
    let mut out = String::new();
    let mut used = 0;
    for g in text.graphemes(true) {
        let w = g.width();
        if used + w + 1 > width {
            break;
        }
        used += w;
        out.push_str(g);
    }
    out.push('…');
    out
}

fn box_lines(org: &Org, id: EntityId, day: Day) -> Vec<String> {
    let inner = BOX_WIDTH - 2;
    let e = org.entity(id);
    let mut lines = vec![
        cut(&e.name, inner),
        cut(&words::entity_kind(&e.kind), inner),
    ];
    if let Some(role) = org.roles_in(id).find(|r| org.role_in_force(r, day)) {
        let who = org.holder_name(&role);
        lines.push(cut(&format!("{}: {who}", role.role.title), inner));
    }
    let parent = org.parent(id);
    for s in org.owners_at(id, day) {
        if s.owner == parent {
            continue;
        }
        let name = s
            .owner
            .map_or_else(|| s.stake.owner.value.clone(), |o| short_name(org, o));
        let share = words::share_or_unknown(s.stake.share.as_deref());
        lines.push(cut(&format!("+ {name} {share}"), inner));
    }
    lines
}

/// The shortest of an entity's names, for tight places.
fn short_name(org: &Org, id: EntityId) -> String {
    let e = org.entity(id);
    std::iter::once(&e.name)
        .chain(&e.other_names)
        .filter(|n| n.chars().count() >= 2)
        .min_by_key(|n| n.width())
        .unwrap_or(&e.name)
        .clone()
}

/// Width of a column of stacked leaves: a rail, a connector, the boxes.
const STACK_WIDTH: usize = BOX_WIDTH + 3;

/// The width the slots under a box take side by side: the stack (if any), then each child.
fn slots_width(nodes: &[Node], stacked: &[usize], children: &[usize]) -> usize {
    let widths = (!stacked.is_empty())
        .then_some(STACK_WIDTH)
        .into_iter()
        .chain(children.iter().map(|&c| nodes[c].width));
    let (mut total, mut count) = (0usize, 0usize);
    for w in widths {
        total += w;
        count += 1;
    }
    total + GAP * count.saturating_sub(1)
}

/// Every stake the parent holds in the child, for whom, as the link between them says it.
fn link_share(org: &Org, parent: EntityId, child: EntityId, day: Day) -> Option<String> {
    let shares: Vec<String> = org
        .owners_at(child, day)
        .filter(|s| s.owner == Some(parent))
        .map(|s| {
            let share = words::share_or_unknown(s.stake.share.as_deref());
            match s.on_behalf_of {
                Some(b) => format!("{share} for {}", short_name(org, b)),
                None => share,
            }
        })
        .collect();
    (!shares.is_empty()).then(|| shares.join(" + "))
}

/// The nodes of the chart, the root first and every child after its parent: one pass down to
/// collect them, one pass up (children before parents) to size them and stack leaves, one pass
/// down to place them. No recursion, so no depth can overflow the stack.
fn layout(req: &Request) -> Vec<Node> {
    let org = req.org;
    let node = |id: EntityId, share: Option<String>| Node {
        id,
        lines: box_lines(org, id, req.day),
        share,
        children: Vec::new(),
        stacked: Vec::new(),
        in_stack: false,
        width: BOX_WIDTH,
        x: 0,
        y: 0,
        box_x: 0,
        own_end: 0,
        end: 0,
    };
    let mut nodes = vec![node(req.root, None)];
    let mut todo = vec![(0usize, 0usize)];
    while let Some((i, level)) = todo.pop() {
        if level >= req.depth {
            continue;
        }
        let id = nodes[i].id;
        for c in org.children(id).filter(|&c| req.only.contains(c)) {
            let at = nodes.len();
            nodes.push(node(c, link_share(org, id, c, req.day)));
            nodes[i].children.push(at);
            todo.push((at, level + 1));
        }
    }

    // Sizes, children first: they come after their parent.
    for i in (0..nodes.len()).rev() {
        let children = std::mem::take(&mut nodes[i].children);
        let side_by_side = children.iter().map(|&c| nodes[c].width).sum::<usize>()
            + GAP * children.len().saturating_sub(1);
        let (stacked, children) =
            if side_by_side > req.room && children.iter().any(|&c| nodes[c].is_leaf()) {
                children.into_iter().partition(|&c| nodes[c].is_leaf())
            } else {
                (Vec::new(), children)
            };
        // A stacked leaf has no link of its own to carry the share: its box says it.
        for &leaf in &stacked {
            nodes[leaf].in_stack = true;
            if let Some(share) = nodes[leaf].share.take() {
                nodes[leaf]
                    .lines
                    .push(cut(&format!("held {share}"), BOX_WIDTH - 2));
            }
        }
        nodes[i].width = slots_width(&nodes, &stacked, &children).max(BOX_WIDTH);
        nodes[i].children = children;
        nodes[i].stacked = stacked;
    }

    // Places, parents first; a node's box is centred over its slots.
    for i in 0..nodes.len() {
        if nodes[i].in_stack {
            // Placed by its parent, below.
            continue;
        }
        let n = &nodes[i];
        let (x, y, height) = (n.x, n.y, n.box_height());
        let span = slots_width(&nodes, &n.stacked, &n.children);
        nodes[i].box_x = if span <= BOX_WIDTH {
            x
        } else {
            x + (span - BOX_WIDTH) / 2
        };
        nodes[i].own_end = y + height;
        if nodes[i].is_leaf() {
            continue;
        }
        let child_y = y + height + LINK_ROWS;
        let mut sx = if span < BOX_WIDTH {
            x + (BOX_WIDTH - span) / 2
        } else {
            x
        };
        let mut own_end = child_y;
        if !nodes[i].stacked.is_empty() {
            let rail = sx + 1;
            let mut ly = child_y;
            for k in 0..nodes[i].stacked.len() {
                let leaf = nodes[i].stacked[k];
                let h = nodes[leaf].box_height();
                let l = &mut nodes[leaf];
                (l.x, l.y, l.box_x, l.own_end, l.end) = (rail + 2, ly, rail + 2, ly + h, ly + h);
                own_end = ly + h;
                ly += h + 1;
            }
            sx += STACK_WIDTH + GAP;
        }
        nodes[i].own_end = own_end;
        for k in 0..nodes[i].children.len() {
            let c = nodes[i].children[k];
            (nodes[c].x, nodes[c].y) = (sx, child_y);
            sx += nodes[c].width + GAP;
        }
    }
    // Where each subtree ends, children first.
    for i in (0..nodes.len()).rev() {
        let end = nodes[i]
            .children
            .iter()
            .map(|&c| nodes[c].end)
            .fold(nodes[i].own_end, usize::max);
        nodes[i].end = end;
    }
    nodes
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
        chart.width = chart.draw(draw::Canvas::measure()).extent();
        chart
    }

    /// The cells of the window `width × height` at `x`, `y` on the canvas.
    pub fn window(&self, x: usize, y: usize, width: usize, height: usize) -> draw::Canvas {
        self.draw(draw::Canvas::window(x, y, width, height))
    }

    /// Gives each row of the chart as text to `each`, top down, trailing spaces trimmed; a band
    /// of rows at a time, so memory stays within a band whatever the chart's size. The canvas
    /// sanitizes what it is given, so the rows are safe to show.
    pub fn rows(&self, mut each: impl FnMut(&str) -> std::io::Result<()>) -> std::io::Result<()> {
        let rows = (draw::BAND_CELLS / self.width.max(1)).max(1);
        let mut band = draw::Canvas::window(0, 0, self.width, rows.min(self.height));
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
        let chart = Chart::new(&Request {
            org: &org,
            root,
            depth: 3,
            day,
            selected: None,
            room: 120,
            only: &Visible::at(&org, day),
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
            if let Some(parent) = org.parent(*id)
                && let Some(p) = chart.boxes.get(&parent)
            {
                assert!(
                    place.y > p.y,
                    "{} is not below its parent",
                    org.entity(*id).name
                );
            }
        }
        assert!(
            chart.width <= 120,
            "the leaves stack so the chart fits: {}",
            chart.width
        );
    }
}
