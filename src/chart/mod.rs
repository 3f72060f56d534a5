//! The box org chart: an entity's subtree drawn top-down as boxes (name, kind, current leader,
//! owners other than the parent) joined by box-drawing lines, siblings side by side; when a
//! level would be wider than the room, the leaves under a parent stack in a column instead.
//! Drawn on a canvas of its own size; the explorer shows a window of it, `--dump --format
//! chart` prints it whole.

use std::collections::HashMap;

use ratatui::style::{Modifier, Style};
use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

use crate::model::Day;
use crate::org::{EntityId, Org};
use crate::sanitize::sanitize;

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

/// A drawn chart: its cells, and where each entity's box is.
#[derive(Debug, Clone, Default)]
pub struct Chart {
    pub width: usize,
    pub height: usize,
    cells: Vec<Vec<(String, Style)>>,
    pub boxes: HashMap<EntityId, Place>,
    /// The entities drawn, depth first.
    pub order: Vec<EntityId>,
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
    /// Only these entities are drawn (a search's matches and the way to them), when given.
    pub only: Option<&'a [bool]>,
}

/// A node laid out: its box lines, its children, and the width its subtree takes.
struct Node {
    id: EntityId,
    lines: Vec<String>,
    /// The share the parent holds, shown on the link from it.
    share: Option<String>,
    children: Vec<Node>,
    /// Leaves drawn in a column under the box rather than side by side.
    stacked: Vec<Node>,
    width: usize,
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
        cut(&e.kind.as_str().replace('_', " "), inner),
    ];
    if let Some(role) = org.roles_in(id).find(|r| org.role_in_force(r, Some(day))) {
        let who = org
            .person_of(role)
            .map_or_else(|| role.person.value.clone(), |p| org.person(p).name.clone());
        lines.push(cut(&format!("{}: {who}", role.title), inner));
    }
    let parent = org.parent(id);
    for s in org.owners_at(id, Some(day)) {
        let owner = org.find_entity(&s.owner);
        if owner == parent {
            continue;
        }
        let name = owner.map_or_else(|| s.owner.value.clone(), |o| short_name(org, o));
        let share = s
            .share
            .as_ref()
            .map_or_else(|| "?".to_owned(), |sh| sh.value.to_string());
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
fn slots_width(stacked: &[Node], children: &[Node]) -> usize {
    let widths = (!stacked.is_empty())
        .then_some(STACK_WIDTH)
        .into_iter()
        .chain(children.iter().map(|c| c.width));
    let (mut total, mut count) = (0usize, 0usize);
    for w in widths {
        total += w;
        count += 1;
    }
    total + GAP * count.saturating_sub(1)
}

/// Where a node's box goes within the `width` its subtree is given at `x`: centred over its
/// slots.
fn box_x(node: &Node, x: usize) -> usize {
    let span = slots_width(&node.stacked, &node.children);
    if span <= BOX_WIDTH {
        x
    } else {
        x + (span - BOX_WIDTH) / 2
    }
}

fn build(req: &Request, id: EntityId, level: usize) -> Node {
    let org = req.org;
    let kids: Vec<EntityId> = if level < req.depth {
        org.children(id)
            .filter(|&c| org.exists_at(c, Some(req.day)))
            .collect()
    } else {
        Vec::new()
    };
    let mut children: Vec<Node> = kids
        .into_iter()
        .map(|c| {
            let mut node = build(req, c, level + 1);
            // Every stake the parent holds in the child, for whom, on the link.
            let shares: Vec<String> = org
                .owners_at(c, Some(req.day))
                .filter(|s| org.find_entity(&s.owner) == Some(id))
                .map(|s| {
                    let share = s
                        .share
                        .as_ref()
                        .map_or_else(|| "?".to_owned(), |sh| sh.value.to_string());
                    match s.on_behalf_of.as_ref().and_then(|b| org.find_entity(b)) {
                        Some(b) => format!("{share} for {}", short_name(org, b)),
                        None => share,
                    }
                })
                .collect();
            node.share = (!shares.is_empty()).then(|| shares.join(" + "));
            node
        })
        .collect();
    let side_by_side = |nodes: &[Node]| -> usize {
        nodes.iter().map(|n| n.width).sum::<usize>() + GAP * nodes.len().saturating_sub(1)
    };
    let mut stacked = Vec::new();
    if side_by_side(&children) > req.room
        && children
            .iter()
            .any(|c| c.children.is_empty() && c.stacked.is_empty())
    {
        let (leaves, others): (Vec<Node>, Vec<Node>) = children
            .into_iter()
            .partition(|c| c.children.is_empty() && c.stacked.is_empty());
        // A stacked leaf has no link of its own to carry the share: its box says it.
        stacked = leaves
            .into_iter()
            .map(|mut leaf| {
                if let Some(share) = leaf.share.take() {
                    leaf.lines
                        .push(cut(&format!("held {share}"), BOX_WIDTH - 2));
                }
                leaf
            })
            .collect();
        children = others;
    }
    let width = slots_width(&stacked, &children).max(BOX_WIDTH);
    Node {
        id,
        lines: box_lines(org, id, req.day),
        share: None,
        children,
        stacked,
        width,
    }
}

impl Chart {
    fn put(&mut self, x: usize, y: usize, text: &str, style: Style) {
        let mut col = x;
        for g in text.graphemes(true) {
            let w = g.width().max(1);
            self.ensure(col + w, y + 1);
            self.cells[y][col] = (g.to_owned(), style);
            for extra in 1..w {
                self.cells[y][col + extra] = (String::new(), style);
            }
            col += w;
        }
    }

    fn ensure(&mut self, width: usize, height: usize) {
        if height > self.cells.len() {
            self.cells.resize(height, Vec::new());
        }
        for row in &mut self.cells {
            if row.len() < width.max(self.width) {
                row.resize(width.max(self.width), (" ".to_owned(), Style::new()));
            }
        }
        self.width = self.width.max(width);
        self.height = self.cells.len();
    }

    /// The symbol at a cell, blank outside the canvas.
    pub fn symbol(&self, x: usize, y: usize) -> (&str, Style) {
        match self.cells.get(y).and_then(|row| row.get(x)) {
            Some((s, style)) => (s.as_str(), *style),
            None => (" ", Style::new()),
        }
    }

    fn draw_box(&mut self, node: &Node, x: usize, y: usize, selected: bool) -> Place {
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
        self.put(x, y, &format!("{tl}{}{tr}", h.repeat(inner)), style);
        for (i, line) in node.lines.iter().enumerate() {
            let text = format!("{line}{}", " ".repeat(inner.saturating_sub(line.width())));
            let look = if i == 0 {
                style.add_modifier(Modifier::BOLD)
            } else {
                Style::new()
            };
            self.put(x, y + 1 + i, v, style);
            self.put(x + 1, y + 1 + i, &text, look);
            self.put(x + 1 + inner, y + 1 + i, v, style);
        }
        let bottom = y + 1 + node.lines.len();
        self.put(x, bottom, &format!("{bl}{}{br}", h.repeat(inner)), style);
        Place {
            x,
            y,
            width: BOX_WIDTH,
            height: node.lines.len() + 2,
        }
    }

    fn draw(&mut self, node: &Node, x: usize, y: usize, selected: Option<EntityId>) {
        let bx = box_x(node, x);
        let place = self.draw_box(node, bx, y, selected == Some(node.id));
        self.boxes.insert(node.id, place);
        self.order.push(node.id);
        if node.children.is_empty() && node.stacked.is_empty() {
            return;
        }
        let line = Style::new();
        let dim = Style::new().add_modifier(Modifier::DIM);
        let centre = bx + BOX_WIDTH / 2;
        let below = y + place.height;
        let bus_y = below + 1;
        let child_y = bus_y + LINK_ROWS - 1;

        // The slots side by side, and where each hangs from the bus.
        let span = slots_width(&node.stacked, &node.children);
        let mut sx = if span < BOX_WIDTH {
            x + (BOX_WIDTH - span) / 2
        } else {
            x
        };
        let mut anchors = Vec::new();
        let stack_x = (!node.stacked.is_empty()).then(|| {
            let at = sx;
            anchors.push(at + 1);
            sx += STACK_WIDTH + GAP;
            at
        });
        let mut child_xs = Vec::new();
        for child in &node.children {
            anchors.push(box_x(child, sx) + BOX_WIDTH / 2);
            child_xs.push(sx);
            sx += child.width + GAP;
        }

        // Stem, bus, drops.
        self.put(centre, below, "│", line);
        let left = anchors.iter().copied().min().unwrap_or(centre).min(centre);
        let right = anchors.iter().copied().max().unwrap_or(centre).max(centre);
        for bxx in left..=right {
            self.put(bxx, bus_y, "─", line);
        }
        for &a in &anchors {
            let joint = match (a == left, a == right) {
                (true, true) => "│",
                (true, false) => "┌",
                (false, true) => "┐",
                (false, false) => "┬",
            };
            self.put(a, bus_y, joint, line);
        }
        let stem = match (anchors.contains(&centre), centre == left, centre == right) {
            (true, true, true) => "│",
            (true, true, false) => "├",
            (true, false, true) => "┤",
            (true, false, false) => "┼",
            (false, true, _) => "└",
            (false, _, true) => "┘",
            (false, false, false) => "┴",
        };
        self.put(centre, bus_y, stem, line);
        for &a in &anchors {
            self.put(a, bus_y + 1, "│", line);
        }

        // The stacked leaves: a rail down the stack's left, a connector to each box.
        if let Some(stack_x) = stack_x {
            let rail = stack_x + 1;
            let mut ly = child_y;
            for (i, leaf) in node.stacked.iter().enumerate() {
                let last = i + 1 == node.stacked.len();
                let height = leaf.lines.len() + 2;
                let mid = ly + height / 2;
                for r in ly..mid {
                    self.put(rail, r, "│", line);
                }
                self.put(rail, mid, if last { "└─" } else { "├─" }, line);
                if !last {
                    for r in mid + 1..ly + height + 1 {
                        self.put(rail, r, "│", line);
                    }
                }
                let leaf_place = self.draw_box(leaf, rail + 2, ly, selected == Some(leaf.id));
                self.boxes.insert(leaf.id, leaf_place);
                self.order.push(leaf.id);
                ly += height + 1;
            }
        }

        // The other children side by side, each share on the drop from the bus.
        for ((child, &cx), &a) in node
            .children
            .iter()
            .zip(&child_xs)
            .zip(anchors.iter().skip(usize::from(stack_x.is_some())))
        {
            if let Some(share) = &child.share {
                self.put(a + 2, bus_y + 1, &cut(share, 14), dim);
            }
            self.draw(child, cx, child_y, selected);
        }
    }

    /// Lays out and draws the chart asked for.
    pub fn new(req: &Request) -> Chart {
        let root = build(req, req.root, 0);
        let mut chart = Chart::default();
        chart.draw(&root, 0, 0, req.selected);
        chart
    }

    /// The chart as text, one line per row, trailing spaces trimmed.
    pub fn text(&self) -> String {
        let mut out = String::new();
        for row in &self.cells {
            let line: String = row.iter().map(|(s, _)| s.as_str()).collect();
            out.push_str(line.trim_end());
            out.push('\n');
        }
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
            only: None,
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
