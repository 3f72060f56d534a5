//! Laying the chart out: which entities it draws, what each box says and how wide it is, where
//! the leaves under a parent stack, and where every box goes. Subtrees are packed as tightly as
//! their outlines allow ([`Contour`]): a sibling moves left until, on some row they share, it
//! would come within a gap of what is already placed; a parent sits over the middle of its
//! first and last child.
//!
//! A node's own rows, top down: the drop from its parent's bus (with the parent's share on it),
//! its box, a stem, then its stacked leaves in two columns either side of the stem (each joined
//! to it at its name, the share on the join), then the bus its other children hang from.

use super::Request;
use super::boxes::{BoxText, box_text, inner_cap, link_share};
use super::contour::Contour;
use crate::org::EntityId;

/// Columns between two subtrees side by side.
const GAP: isize = 2;

/// Which side of its parent's stem a stacked leaf hangs on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Side {
    Left,
    Right,
}

/// A node laid out: its box, its children (by index in the chart's nodes), and where it and
/// its subtree go. Rows and columns are the canvas's.
pub(super) struct Node {
    pub(super) id: EntityId,
    pub(super) text: BoxText,
    /// Whether the entity does not exist at the chart's date.
    pub(super) former: bool,
    /// The share the parent holds, shown on the link from it.
    pub(super) share: Option<String>,
    /// Children drawn side by side under the bus.
    pub(super) children: Vec<usize>,
    /// Leaves drawn in the two columns under the box.
    pub(super) stacked: Vec<usize>,
    /// For a stacked leaf, the side of the stem it is on.
    pub(super) side: Option<Side>,
    /// The column of the link into the box and of the stem out of it.
    pub(super) anchor: usize,
    /// The left of the box and its top row.
    pub(super) box_x: usize,
    pub(super) y: usize,
    /// The top row of its subtree: the drop from its parent, or its box for the top one.
    pub(super) top: usize,
    /// The row of the bus its side-by-side children hang from, when it has any.
    pub(super) bus: Option<usize>,
    /// Columns between the stem and a stacked leaf's box, for its stack.
    pub(super) join: usize,
    /// Rows `top..own_end` hold its own drawing (drop, box, stem, stack, bus); `top..end` its
    /// subtree's.
    pub(super) own_end: usize,
    pub(super) end: usize,
    /// Its anchor's column relative to its parent's, while laying out.
    rel: isize,
}

impl Node {
    pub(super) fn is_leaf(&self) -> bool {
        self.children.is_empty() && self.stacked.is_empty()
    }

    pub(super) fn width(&self) -> usize {
        self.text.width
    }

    pub(super) fn box_height(&self) -> usize {
        self.text.lines.len() + 2
    }

    /// The row a stacked leaf is joined to its parent's stem at: its name's.
    pub(super) fn join_row(&self) -> usize {
        self.y + 1
    }

    /// Columns of the box left and right of the anchor.
    fn box_reach(&self) -> (isize, isize) {
        let w = signed(self.width());
        (-(w / 2), w - w / 2)
    }
}

fn signed(n: usize) -> isize {
    isize::try_from(n).unwrap_or(isize::MAX)
}

fn unsigned(n: isize) -> usize {
    usize::try_from(n).unwrap_or(0)
}

/// The stacked leaves' geometry, relative to the parent's anchor: the columns the two columns
/// of boxes take, and the rows the stack takes below the parent's stem.
struct Stack {
    join: usize,
    left: isize,
    right: isize,
    rows: usize,
}

/// How a parent's stacked leaves pair up: leaf `k` is on the left when `k` is even.
fn side_of(k: usize) -> Side {
    if k.is_multiple_of(2) {
        Side::Left
    } else {
        Side::Right
    }
}

fn stack_of(nodes: &[Node], stacked: &[usize]) -> Stack {
    let join = 2 + stacked
        .iter()
        .filter_map(|&l| nodes[l].share.as_deref())
        .map(unicode_width::UnicodeWidthStr::width)
        .max()
        .map_or(0, |w| w + 2);
    let (mut wl, mut wr, mut rows) = (0usize, 0usize, 0usize);
    for (k, pair) in stacked.chunks(2).enumerate() {
        for (j, &leaf) in pair.iter().enumerate() {
            match side_of(j) {
                Side::Left => wl = wl.max(nodes[leaf].width()),
                Side::Right => wr = wr.max(nodes[leaf].width()),
            }
        }
        let height = pair.iter().map(|&l| nodes[l].box_height()).max();
        rows += height.unwrap_or(0) + usize::from(k > 0);
    }
    Stack {
        join,
        left: -signed(join + wl),
        right: signed(join + 1 + wr),
        rows,
    }
}

/// The nodes of the chart in the order a reader meets them (each before its children), laid
/// out. One pass down collects them, one pass up (children before parents) sizes and packs
/// them, one pass down places them. No recursion, so no depth can overflow the stack.
pub(super) fn layout(req: &Request) -> (Vec<Node>, usize) {
    let org = req.org;
    let tree = req.only.tree();
    let cap = inner_cap(req.room);
    let node = |id: EntityId, share: Option<String>| Node {
        id,
        text: box_text(
            org,
            id,
            tree.parent(id),
            req.day,
            req.heads.map(|h| h.of(id)),
            cap,
        ),
        former: !org.exists_at(id, req.day),
        share,
        children: Vec::new(),
        stacked: Vec::new(),
        side: None,
        anchor: 0,
        box_x: 0,
        y: 0,
        top: 0,
        bus: None,
        join: 0,
        own_end: 0,
        end: 0,
        rel: 0,
    };

    // Collect, in reading order: a stack of (entity, parent's index, level).
    let mut nodes: Vec<Node> = Vec::new();
    let mut todo = vec![(req.root, None::<usize>, 0usize)];
    let mut kids = Vec::new();
    while let Some((id, parent, level)) = todo.pop() {
        let share = parent.and_then(|p| link_share(org, nodes[p].id, id, req.day));
        let at = nodes.len();
        nodes.push(node(id, share));
        if let Some(p) = parent {
            nodes[p].children.push(at);
        }
        if level < req.depth {
            kids.clear();
            kids.extend(tree.children(id).filter(|&c| req.only.contains(c)));
            todo.extend(kids.iter().rev().map(|&c| (c, Some(at), level + 1)));
        }
    }

    // Sizes and outlines, children first: they come after their parent.
    let mut outlines: Vec<Option<Contour>> = (0..nodes.len()).map(|_| None).collect();
    for i in (0..nodes.len()).rev() {
        let children = std::mem::take(&mut nodes[i].children);
        let side_by_side: usize = children
            .iter()
            .map(|&c| outlines[c].as_ref().map_or(0, Contour::width))
            .sum::<usize>()
            + unsigned(GAP) * children.len().saturating_sub(1);
        let leaves = children.iter().filter(|&&c| nodes[c].is_leaf()).count();
        let (stacked, children): (Vec<usize>, Vec<usize>) =
            if side_by_side > req.room && leaves >= 2 {
                children.into_iter().partition(|&c| nodes[c].is_leaf())
            } else {
                (Vec::new(), children)
            };

        // The children side by side, each as far left as it can go.
        let mut forest = Contour::default();
        for &c in &children {
            let mut outline = outlines[c].take().unwrap_or_default();
            let by = forest.clearance(&outline, GAP).unwrap_or(0);
            outline.shift(by);
            nodes[c].rel = by;
            forest = forest.join(outline);
        }
        let mid = children.last().map_or(0, |&c| nodes[c].rel) / 2;
        forest.shift(-mid);
        for &c in &children {
            nodes[c].rel -= mid;
        }

        // Its own rows on top, bottom up.
        let mut outline = forest;
        if let (Some(&first), Some(&last)) = (children.first(), children.last()) {
            outline.push_top(1, nodes[first].rel.min(0), nodes[last].rel.max(0) + 1);
            outline.push_top(1, 0, 1);
        }
        if !stacked.is_empty() {
            let stack = stack_of(&nodes, &stacked);
            outline.push_top(stack.rows, stack.left, stack.right);
            outline.push_top(1, 0, 1);
            nodes[i].join = stack.join;
        }
        let (bl, br) = nodes[i].box_reach();
        outline.push_top(nodes[i].box_height(), bl, br);
        if let Some(share) = &nodes[i].share {
            let w = signed(unicode_width::UnicodeWidthStr::width(share.as_str()));
            outline.push_top(1, 0, 2 + w);
        } else if i > 0 {
            outline.push_top(1, 0, 1);
        }
        for (k, &leaf) in stacked.iter().enumerate() {
            nodes[leaf].side = Some(side_of(k));
        }
        nodes[i].children = children;
        nodes[i].stacked = stacked;
        outlines[i] = Some(outline);
    }

    // Places, parents first.
    let Some(root) = outlines.first_mut().and_then(Option::take) else {
        return (nodes, 0);
    };
    let (left, _) = root.reach();
    nodes[0].rel = -left;
    for i in 0..nodes.len() {
        if nodes[i].side.is_some() {
            // Placed by its parent, below.
            continue;
        }
        place(&mut nodes, i);
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
    (nodes, root.width())
}

/// Places node `i`, whose `rel` is now its anchor's column and whose `top` is its top row, and
/// then its stacked leaves and its children's tops and anchors.
fn place(nodes: &mut [Node], i: usize) {
    let anchor = unsigned(nodes[i].rel);
    let top = nodes[i].top;
    let drop = usize::from(i > 0);
    let y = top + drop;
    let height = nodes[i].box_height();
    let (bl, _) = nodes[i].box_reach();
    {
        let n = &mut nodes[i];
        n.anchor = anchor;
        n.y = y;
        n.box_x = unsigned(signed(anchor) + bl);
        n.own_end = y + height;
    }
    if nodes[i].is_leaf() {
        return;
    }
    // The stem.
    let mut row = y + height + 1;
    if !nodes[i].stacked.is_empty() {
        let join = nodes[i].join;
        let stacked = std::mem::take(&mut nodes[i].stacked);
        for (k, pair) in stacked.chunks(2).enumerate() {
            if k > 0 {
                row += 1;
            }
            let mut tallest = 0;
            for &leaf in pair {
                let l = &mut nodes[leaf];
                let w = l.width();
                l.box_x = match l.side {
                    Some(Side::Left) => anchor.saturating_sub(join + w),
                    _ => anchor + join + 1,
                };
                l.anchor = l.box_x + w / 2;
                (l.top, l.y) = (row, row);
                l.own_end = row + l.box_height();
                l.end = l.own_end;
                tallest = tallest.max(l.box_height());
            }
            row += tallest;
        }
        nodes[i].stacked = stacked;
        nodes[i].own_end = row;
    }
    if nodes[i].children.is_empty() {
        return;
    }
    if !nodes[i].stacked.is_empty() {
        // A row of stem between the stack and the bus.
        row += 1;
    }
    nodes[i].bus = Some(row);
    nodes[i].own_end = row + 1;
    for k in 0..nodes[i].children.len() {
        let c = nodes[i].children[k];
        nodes[c].top = row + 1;
        nodes[c].rel += signed(anchor);
    }
}
