//! Moving between boxes as the picture shows them: to the nearest box in a direction on the
//! canvas, whatever the tree's order, so that `l` from the rightmost box goes nowhere rather
//! than back to the far left.

use super::{Chart, Place};
use crate::org::EntityId;

/// A direction on the canvas.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    Left,
    Right,
    Up,
    Down,
}

/// A row is about twice as tall as a column is wide: distances in rows count double.
const ROW: usize = 2;

/// The gap between two ranges, 0 when they overlap.
fn gap(a: (usize, usize), b: (usize, usize)) -> usize {
    if a.1 <= b.0 {
        b.0 - a.1
    } else {
        a.0.saturating_sub(b.1)
    }
}

/// How far `b` is from `a` going `dir`, or `None` when it is not that way: first whether it is
/// out of line (a box level with `a`, or under or over it, always wins over one off to the
/// side, however near), then the distance along the direction plus thrice the distance across
/// it, then the distance between their middles to break ties.
fn distance(a: &Place, b: &Place, dir: Direction) -> Option<(bool, usize, usize)> {
    let cols = |p: &Place| (p.x, p.x + p.width);
    let rows = |p: &Place| (p.y, p.y + p.height);
    let mid = |p: &Place| (2 * p.x + p.width, 2 * p.y + p.height);
    let (am, bm) = (mid(a), mid(b));
    let ahead = match dir {
        Direction::Right => bm.0 > am.0 && b.x + b.width > a.x + a.width,
        Direction::Left => bm.0 < am.0 && b.x < a.x,
        Direction::Down => b.y >= a.y + a.height,
        Direction::Up => b.y + b.height <= a.y,
    };
    if !ahead {
        return None;
    }
    let (along, across) = match dir {
        Direction::Left | Direction::Right => (gap(cols(a), cols(b)), gap(rows(a), rows(b)) * ROW),
        Direction::Up | Direction::Down => (gap(rows(a), rows(b)) * ROW, gap(cols(a), cols(b))),
    };
    let between = am.0.abs_diff(bm.0) + am.1.abs_diff(bm.1) * ROW;
    Some((across > 0, along + 3 * across, between))
}

impl Chart {
    /// The box nearest `from`'s going `dir` on the canvas, if there is one.
    pub fn nearest(&self, from: EntityId, dir: Direction) -> Option<EntityId> {
        let at = self.boxes.get(&from)?;
        self.boxes
            .iter()
            .filter(|(id, _)| **id != from)
            .filter_map(|(id, place)| Some((distance(at, place, dir)?, place.index, *id)))
            .min()
            .map(|(.., id)| id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn place(x: usize, y: usize, index: usize) -> Place {
        Place {
            x,
            y,
            width: 10,
            height: 4,
            index,
        }
    }

    #[test]
    fn the_box_in_line_wins_over_a_nearer_one_off_to_the_side() {
        let a = place(0, 0, 0);
        let in_line = place(40, 0, 1);
        let below_right = place(12, 10, 2);
        let d_line = distance(&a, &in_line, Direction::Right).unwrap();
        let d_off = distance(&a, &below_right, Direction::Right).unwrap();
        assert!(d_line < d_off, "{d_line:?} {d_off:?}");
    }

    #[test]
    fn a_parent_up_and_to_the_side_is_not_to_the_right() {
        // A stacked leaf, its parent above and to the right, and the leaf beside it.
        let leaf = place(0, 10, 1);
        let parent = place(14, 2, 0);
        let beside = place(40, 10, 2);
        let d_parent = distance(&leaf, &parent, Direction::Right).unwrap();
        let d_beside = distance(&leaf, &beside, Direction::Right).unwrap();
        assert!(d_beside < d_parent, "{d_beside:?} {d_parent:?}");
    }

    #[test]
    fn nothing_behind_counts() {
        let a = place(20, 10, 0);
        assert_eq!(distance(&a, &place(0, 10, 1), Direction::Right), None);
        assert_eq!(distance(&a, &place(20, 0, 1), Direction::Down), None);
        assert!(distance(&a, &place(20, 0, 1), Direction::Up).is_some());
        assert!(distance(&a, &place(0, 10, 1), Direction::Left).is_some());
    }
}
