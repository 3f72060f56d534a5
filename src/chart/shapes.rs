//! The laid-out chart as geometry, in cells, for a drawing that is not a terminal's (the SVG
//! dump): every box with its text, every segment of the tree's links, every share on a link,
//! every relation's route and where its word goes. The terminal drawing (`draw`) takes its
//! links from the same [`Wiring`] and the words' places from the same walk, so the two
//! pictures cannot drift apart.
//!
//! A cell is a column and a row of the chart's canvas. A segment runs from the middle of one
//! cell to the middle of another; a box's border runs through the middles of its outer cells,
//! so a link that ends on a box's border cell touches the box.

use std::ops::Range;

use super::Chart;
use super::canvas::Canvas;
use super::layout::Side;
use crate::org::EntityId;

/// A box: its outer cells (the border on the outermost ones) and what it says, one line a row
/// inside the border, from column `x + 1` of row `y + 1` on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BoxShape<'a> {
    pub id: EntityId,
    pub x: usize,
    pub y: usize,
    pub width: usize,
    pub height: usize,
    /// The lines, sanitized and cut to the box: the name (on `name_lines` lines), then its
    /// kind, then leaders, other owners and the headcount.
    pub lines: &'a [String],
    pub name_lines: usize,
    /// The box the chart was asked to highlight.
    pub selected: bool,
    /// The entity does not exist at the chart's date (a root asked for after its end).
    pub former: bool,
}

impl BoxShape<'_> {
    /// The line that says the entity's kind: the one after its name.
    pub fn kind_line(&self) -> usize {
        self.name_lines
    }
}

/// A straight piece of link between the middles of two cells, level or upright.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Segment {
    pub from: (usize, usize),
    pub to: (usize, usize),
}

/// Text placed on the chart: its first cell is column `x` of row `y`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Label<'a> {
    pub x: usize,
    pub y: usize,
    /// Sanitized and cut as the terminal draws it.
    pub text: &'a str,
}

/// A relation's dotted line: its corners from the first box to the second (whose box the last
/// corner is next to), and its word, placed where the terminal writes it, or nowhere when
/// its run has no room.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Route<'a> {
    pub points: &'a [(usize, usize)],
    /// The cells of the two boxes' borders next to the first and the last corner, for a
    /// drawing whose line should touch the boxes.
    pub borders: [(usize, usize); 2],
    pub word: &'a str,
    pub at: Option<(usize, usize)>,
}

/// Everything a drawing of the chart places, on a canvas of `width` × `height` cells (as wide
/// as the chart, or wider when a relation's word runs past it).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Shapes<'a> {
    pub width: usize,
    pub height: usize,
    /// In reading order: each box before the boxes under it.
    pub boxes: Vec<BoxShape<'a>>,
    pub links: Vec<Segment>,
    /// The parent's share on each link that has one.
    pub shares: Vec<Label<'a>>,
    /// Empty unless the chart was asked for its relations.
    pub relations: Vec<Route<'a>>,
}

/// The links a node draws (under its own box and into it), as cells of the canvas.
pub(super) struct Wiring<'a> {
    /// The cell of the drop from the parent's bus into the box, and the share on it.
    pub(super) drop: Option<((usize, usize), Option<Label<'a>>)>,
    /// The stem's column and its rows, from the one under the box to the last join or the bus
    /// (not included).
    pub(super) stem: Option<(usize, Range<usize>)>,
    pub(super) joins: Vec<Join<'a>>,
    /// The bus's row and its columns, ends included.
    pub(super) bus: Option<(usize, usize, usize)>,
}

/// The level line from the stem to a stacked leaf, at the leaf's name.
pub(super) struct Join<'a> {
    /// The leaf, by index in the chart's nodes.
    pub(super) leaf: usize,
    pub(super) row: usize,
    /// The cells of line between the leaf's border and the stem, both left out.
    pub(super) cells: Range<usize>,
    pub(super) share: Option<Label<'a>>,
}

impl Chart {
    /// The links of node `i`: its drop, its stem, the joins to its stacked leaves, its bus.
    pub(super) fn wiring(&self, i: usize) -> Wiring<'_> {
        let node = &self.nodes[i];
        let a = node.anchor;
        let drop = (i > 0).then(|| {
            let share = node.share.as_deref().map(|text| Label {
                x: a + 2,
                y: node.top,
                text,
            });
            ((a, node.top), share)
        });
        let mut wiring = Wiring {
            drop,
            stem: None,
            joins: Vec::new(),
            bus: None,
        };
        if node.is_leaf() {
            return wiring;
        }
        let below = node.y + node.box_height();
        let last = node.bus.unwrap_or_else(|| {
            node.stacked
                .last()
                .map_or(below, |&l| self.nodes[l].join_row())
        });
        wiring.stem = Some((a, below..last));
        for &l in &node.stacked {
            let leaf = &self.nodes[l];
            let row = leaf.join_row();
            let share = leaf.share.as_deref();
            let (cells, share_x) = match leaf.side {
                Some(Side::Left) => {
                    let width = share.map_or(0, unicode_width::UnicodeWidthStr::width);
                    (leaf.box_x + leaf.width()..a, (a - 1).saturating_sub(width))
                }
                _ => (a + 1..a + 1 + node.join, a + 2),
            };
            wiring.joins.push(Join {
                leaf: l,
                row,
                cells,
                share: share.map(|text| Label {
                    x: share_x,
                    y: row,
                    text,
                }),
            });
        }
        if let Some(bus) = node.bus {
            let anchors = node.children.iter().map(|&c| self.nodes[c].anchor);
            let left = anchors.clone().min().unwrap_or(a).min(a);
            let right = anchors.max().unwrap_or(a).max(a);
            wiring.bus = Some((bus, left, right));
        }
        wiring
    }

    /// The chart as geometry: its boxes, links, shares and relations, in cells.
    pub fn shapes(&self) -> Shapes<'_> {
        let mut shapes = Shapes {
            width: self.width,
            height: self.height,
            boxes: Vec::with_capacity(self.nodes.len()),
            links: Vec::new(),
            shares: Vec::new(),
            relations: Vec::new(),
        };
        for (i, node) in self.nodes.iter().enumerate() {
            shapes.boxes.push(BoxShape {
                id: node.id,
                x: node.box_x,
                y: node.y,
                width: node.width(),
                height: node.box_height(),
                lines: &node.text.lines,
                name_lines: node.text.name_lines,
                selected: self.selected == Some(node.id),
                former: node.former,
            });
            if node.side.is_some() {
                // A stacked leaf's join is its parent's.
                continue;
            }
            let wiring = self.wiring(i);
            if let Some(((x, y), share)) = wiring.drop {
                // From the middle of the bus's row to the box's top border.
                shapes.links.push(Segment {
                    from: (x, y - 1),
                    to: (x, y + 1),
                });
                shapes.shares.extend(share);
            }
            if let Some((x, rows)) = wiring.stem {
                shapes.links.push(Segment {
                    from: (x, rows.start - 1),
                    to: (x, rows.end),
                });
            }
            for join in wiring.joins {
                let (from, to) = (join.cells.start - 1, join.cells.end);
                shapes.links.push(Segment {
                    from: (from, join.row),
                    to: (to, join.row),
                });
                shapes.shares.extend(join.share);
            }
            if let Some((row, left, right)) = wiring.bus
                && left < right
            {
                shapes.links.push(Segment {
                    from: (left, row),
                    to: (right, row),
                });
            }
        }
        let words = self.relation_words();
        shapes.relations = self
            .relations
            .iter()
            .zip(words)
            .map(|(line, at)| Route {
                points: &line.path,
                borders: line.borders,
                word: &line.label,
                at,
            })
            .collect();
        // A word beside a line's end may run past the boxes and lines (the terminal cuts it
        // at the canvas's edge); the shapes' canvas holds it.
        let words = shapes.relations.iter().filter_map(|r| {
            let (x, _) = r.at?;
            Some(x + unicode_width::UnicodeWidthStr::width(r.word))
        });
        shapes.width = words.fold(shapes.width, usize::max);
        shapes
    }

    /// Where the terminal writes each relation's word (its first letter's cell), found by
    /// drawing the chart band by band as [`Chart::rows`] does: a word is where the band that
    /// holds it wrote it.
    fn relation_words(&self) -> Vec<Option<(usize, usize)>> {
        let mut at = vec![None; self.relations.len()];
        if self.relations.is_empty() {
            return at;
        }
        // Drawing into a String-free band cannot fail.
        let _ = self.bands(|band: &mut Canvas| {
            if !self.relations.iter().any(|l| band.meets(l.span())) {
                return Ok(());
            }
            self.draw_tree(band);
            for (k, (x, y)) in self.draw_relation_words(band) {
                if band.rows().contains(&y) && at[k].is_none() {
                    // The word is written with a space either side.
                    at[k] = Some((x + 1, y));
                }
            }
            Ok(())
        });
        at
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::chart::Request;
    use crate::org::{Org, Placing};
    use crate::visibility::Visible;
    use unicode_width::UnicodeWidthStr;

    fn chart(org: &Org, root: &str, room: usize, selected: Option<&str>) -> Chart {
        let day = org.model.as_of.as_ref().unwrap().last_day();
        let tree = org.tree(day, Placing::UnderExisting);
        Chart::new(&Request {
            org,
            root: org.find_entity(root).unwrap(),
            depth: usize::MAX,
            day,
            selected: selected.map(|s| org.find_entity(s).unwrap()),
            room,
            only: &Visible::at(org, &tree, day),
            heads: None,
            relations: true,
        })
    }

    /// The text of the chart's row `y` from column `x`, cells as the terminal counts them.
    fn at(rows: &[String], x: usize, y: usize) -> String {
        let mut col = 0;
        let mut out = String::new();
        for c in rows[y].chars() {
            if col >= x {
                out.push(c);
            }
            col += c.to_string().width();
        }
        out
    }

    #[test]
    fn every_shape_is_where_the_terminal_draws_it() {
        let org = crate::load::load_embedded().unwrap().org;
        for room in [40, 80, 140, 220] {
            let chart = chart(&org, "orange", room, Some("orange-business-services"));
            let rows: Vec<String> = chart.text().lines().map(str::to_owned).collect();
            let shapes = chart.shapes();
            assert_eq!(shapes.boxes.len(), chart.len());
            for b in &shapes.boxes {
                assert_eq!(chart.boxes[&b.id].x, b.x);
                for (i, line) in b.lines.iter().enumerate() {
                    let text = at(&rows, b.x + 1, b.y + 1 + i);
                    assert!(
                        text.starts_with(line.as_str()),
                        "{room}: {line:?} / {text:?}"
                    );
                }
                let corner = at(&rows, b.x, b.y);
                let heavy = corner.starts_with('┏');
                assert!(heavy || corner.starts_with('┌'), "{corner}");
                assert_eq!(heavy, b.selected, "{room}: {b:?}");
                assert!(!b.former);
            }
            assert_eq!(shapes.boxes.iter().filter(|b| b.selected).count(), 1);
            for share in &shapes.shares {
                let text = at(&rows, share.x, share.y);
                assert!(text.starts_with(share.text), "{room}: {share:?} / {text:?}");
            }
            assert!(!shapes.shares.is_empty());
            // Every cell of a link is a line or a box's border, but where a share is written
            // over it.
            let under_share = |x: usize, y: usize| {
                shapes
                    .shares
                    .iter()
                    .any(|s| s.y == y && (s.x..s.x + s.text.width()).contains(&x))
            };
            for s in &shapes.links {
                assert!(s.from.0 == s.to.0 || s.from.1 == s.to.1, "{s:?}");
                assert!(s.from <= s.to, "{s:?}");
                for x in s.from.0..=s.to.0 {
                    for y in s.from.1..=s.to.1 {
                        let c = at(&rows, x, y).chars().next().unwrap_or(' ');
                        let line = ('\u{2500}'..='\u{257f}').contains(&c);
                        assert!(line || under_share(x, y), "{room}: {s:?} at {c:?}");
                    }
                }
            }
            assert!(!shapes.relations.is_empty());
            for r in &shapes.relations {
                if let Some((x, y)) = r.at {
                    assert!(at(&rows, x, y).starts_with(r.word), "{room}: {r:?}");
                }
                let (x, y) = *r.points.last().unwrap();
                assert!(
                    at(&rows, x, y).starts_with(['▼', '▲', '▶', '◀']),
                    "{room}: {r:?}"
                );
            }
            assert!(shapes.relations.iter().any(|r| r.at.is_some()));
            for b in &shapes.boxes {
                assert!(b.x + b.width <= shapes.width && b.y + b.height <= shapes.height);
            }
        }
    }

    #[test]
    fn a_root_that_no_longer_exists_is_former_and_relations_only_when_asked() {
        let org = crate::load::load_text(crate::load::ModelText {
            name: "t.yaml".into(),
            text: "title: t\nas_of: 2020-01-01\nentities:\n  - {id: a, name: A, kind: group, dissolved: 2010-01-01}\n  - {id: b, name: B, kind: team, parent: a}\n  - {id: c, name: C, kind: team, parent: a, dissolved: 2010-01-01}\n".into(),
        })
        .map_err(|e| e.render())
        .unwrap()
        .org;
        let day = org.model.as_of.as_ref().unwrap().last_day();
        let tree = org.tree(day, Placing::AsWritten);
        let mut only = Visible::at(&org, &tree, day);
        let a = org.find_entity("a").unwrap();
        only.include(a);
        let chart = Chart::new(&Request {
            org: &org,
            root: a,
            depth: usize::MAX,
            day,
            selected: None,
            room: 80,
            only: &only,
            heads: None,
            relations: false,
        });
        let shapes = chart.shapes();
        let former: Vec<bool> = shapes.boxes.iter().map(|b| b.former).collect();
        assert_eq!(former, [true, false], "{}", chart.text());
        assert!(shapes.relations.is_empty());
        // One drop from the root's stem to B.
        assert_eq!(shapes.links.len(), 2, "{:?}", shapes.links);
    }
}
