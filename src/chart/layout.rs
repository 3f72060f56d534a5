//! Laying the chart out: which entities it draws, how wide each subtree is, where the leaves
//! under a parent stack in a column, and where every box goes.

use super::boxes::{box_lines, cut, link_share};
use super::{BOX_WIDTH, Request};
use crate::org::EntityId;

/// Columns between two boxes side by side.
const GAP: usize = 2;
/// Rows between a box and the boxes under it: a stem, the bus, and a drop with the share.
pub(super) const LINK_ROWS: usize = 3;

/// A node laid out: its box lines, its children (by index in the chart's nodes), and where it
/// and its subtree go.
pub(super) struct Node {
    pub(super) id: EntityId,
    pub(super) lines: Vec<String>,
    /// The share the parent holds, shown on the link from it.
    pub(super) share: Option<String>,
    pub(super) children: Vec<usize>,
    /// Leaves drawn in a column under the box rather than side by side.
    pub(super) stacked: Vec<usize>,
    /// Whether it is one of its parent's stacked leaves.
    pub(super) in_stack: bool,
    /// The width its subtree takes.
    pub(super) width: usize,
    /// The left of the slot its subtree is given, and its top row.
    pub(super) x: usize,
    pub(super) y: usize,
    /// The left of its box.
    pub(super) box_x: usize,
    /// Rows `y..own_end` hold its own drawing (box, links, stacked leaves); `y..end` its
    /// subtree's.
    pub(super) own_end: usize,
    pub(super) end: usize,
}

impl Node {
    pub(super) fn is_leaf(&self) -> bool {
        self.children.is_empty() && self.stacked.is_empty()
    }

    pub(super) fn box_height(&self) -> usize {
        self.lines.len() + 2
    }
}

/// Width of a column of stacked leaves: a rail, a connector, the boxes.
const STACK_WIDTH: usize = BOX_WIDTH + 3;

/// The width the slots under a box take side by side: the stack (if any), then each child.
pub(super) fn slots_width(nodes: &[Node], stacked: &[usize], children: &[usize]) -> usize {
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

/// The nodes of the chart, the root first and every child after its parent: one pass down to
/// collect them, one pass up (children before parents) to size them and stack leaves, one pass
/// down to place them. No recursion, so no depth can overflow the stack.
pub(super) fn layout(req: &Request) -> Vec<Node> {
    let org = req.org;
    let tree = req.only.tree();
    let node = |id: EntityId, share: Option<String>| Node {
        id,
        lines: box_lines(
            org,
            id,
            tree.parent(id),
            req.day,
            req.heads.map(|h| h.of(id)),
        ),
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
        for c in tree.children(id).filter(|&c| req.only.contains(c)) {
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
