//! The outline of a laid-out subtree, row by row: for each row, the leftmost and rightmost
//! columns it takes. Placing a sibling is finding the least shift that keeps it clear of the
//! outline of the siblings before it, on every row they share (the contour packing of
//! Reingold–Tilford and of d3-flextree, by rows rather than levels, so that boxes of any height
//! pack).
//!
//! An outline is kept as runs of rows with the same extent, bottom run first, with an offset
//! applied to every column, so that moving a subtree is one addition, adding rows on top is a
//! push, and joining two outlines touches only the rows they share. Laying out a tree then costs
//! the sum over its joins of the shorter outline's runs, which is linear in the tree.

/// One side of a subtree's outline: runs of rows at the same column (how many rows, the
/// column), bottom run first.
#[derive(Debug, Default)]
struct Side {
    runs: Vec<(usize, isize)>,
}

/// A subtree's outline, in columns relative to its own anchor.
#[derive(Debug)]
pub(super) struct Contour {
    left: Side,
    right: Side,
    /// Added to every column kept.
    offset: isize,
    rows: usize,
    /// The leftmost and rightmost (exclusive) columns of any row, before the offset.
    min_left: isize,
    max_right: isize,
}

impl Default for Contour {
    /// The outline of nothing yet.
    fn default() -> Contour {
        Contour {
            left: Side::default(),
            right: Side::default(),
            offset: 0,
            rows: 0,
            min_left: isize::MAX,
            max_right: isize::MIN,
        }
    }
}

impl Contour {
    /// The columns of its widest reach: leftmost, and rightmost (exclusive).
    pub(super) fn reach(&self) -> (isize, isize) {
        if self.rows == 0 {
            return (0, 0);
        }
        (self.min_left + self.offset, self.max_right + self.offset)
    }

    pub(super) fn width(&self) -> usize {
        let (l, r) = self.reach();
        (r - l).max(0).unsigned_abs()
    }

    /// Moves the whole outline `by` columns.
    pub(super) fn shift(&mut self, by: isize) {
        self.offset += by;
    }

    /// Adds `rows` rows taking columns `left..right` on top of the outline.
    pub(super) fn push_top(&mut self, rows: usize, left: isize, right: isize) {
        if rows == 0 {
            return;
        }
        let (l, r) = (left - self.offset, right - self.offset);
        push(&mut self.left, rows, l);
        push(&mut self.right, rows, r);
        self.rows += rows;
        self.min_left = self.min_left.min(l);
        self.max_right = self.max_right.max(r);
    }

    /// How far `next` must move right to sit `gap` columns clear of `self` on every row they
    /// share, both hanging from the same top row (negative when it could move left).
    pub(super) fn clearance(&self, next: &Contour, gap: isize) -> Option<isize> {
        let mut mine = self.right.runs.iter().rev().copied();
        let mut theirs = next.left.runs.iter().rev().copied();
        let (mut a, mut b) = (mine.next()?, theirs.next()?);
        let mut need = isize::MIN;
        loop {
            need = need.max(a.1 + self.offset + gap - (b.1 + next.offset));
            let step = a.0.min(b.0);
            a.0 -= step;
            b.0 -= step;
            if a.0 == 0 {
                match mine.next() {
                    Some(n) => a = n,
                    None => break,
                }
            }
            if b.0 == 0 {
                match theirs.next() {
                    Some(n) => b = n,
                    None => break,
                }
            }
        }
        Some(need)
    }

    /// Joins `next`, already shifted clear, to the right of `self`: the left side is `self`'s
    /// where it has rows and `next`'s below; the right side the other way round.
    pub(super) fn join(mut self, mut next: Contour) -> Contour {
        if self.rows == 0 {
            return next;
        }
        if next.rows == 0 {
            return self;
        }
        let rows = self.rows.max(next.rows);
        let min_left = (self.min_left + self.offset).min(next.min_left + next.offset);
        let max_right = (self.max_right + self.offset).max(next.max_right + next.offset);
        // Left: self's rows on top of what next has below them.
        let left = if next.rows > self.rows {
            overlay(
                &mut next.left,
                next.offset,
                &self.left,
                self.offset,
                self.rows,
            );
            (std::mem::take(&mut next.left), next.offset)
        } else {
            (std::mem::take(&mut self.left), self.offset)
        };
        // Right: next's rows on top of what self has below them.
        let right = if self.rows > next.rows {
            overlay(
                &mut self.right,
                self.offset,
                &next.right,
                next.offset,
                next.rows,
            );
            (std::mem::take(&mut self.right), self.offset)
        } else {
            (std::mem::take(&mut next.right), next.offset)
        };
        // The two sides may keep different offsets: bring the right side's to the left's.
        let offset = left.1;
        let mut right_side = right.0;
        if right.1 != offset {
            let delta = right.1 - offset;
            for run in &mut right_side.runs {
                run.1 += delta;
            }
        }
        Contour {
            left: left.0,
            right: right_side,
            offset,
            rows,
            min_left: min_left - offset,
            max_right: max_right - offset,
        }
    }
}

/// Adds a run on top of a side, merged with the run under it when they take the same column.
fn push(side: &mut Side, rows: usize, at: isize) {
    match side.runs.last_mut() {
        Some(last) if last.1 == at => last.0 += rows,
        _ => side.runs.push((rows, at)),
    }
}

/// Replaces the top `rows` rows of `base` (kept at `base_offset`) with the whole of `top`
/// (kept at `top_offset`), which is `rows` rows high.
fn overlay(base: &mut Side, base_offset: isize, top: &Side, top_offset: isize, rows: usize) {
    let mut left = rows;
    while left > 0 {
        let Some(last) = base.runs.last_mut() else {
            break;
        };
        if last.0 > left {
            last.0 -= left;
            left = 0;
        } else {
            left -= last.0;
            base.runs.pop();
        }
    }
    for &(n, at) in &top.runs {
        push(base, n, at + top_offset - base_offset);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// An outline of `rows` rows each `left..right`, top row first.
    fn shape(rows: &[(isize, isize)]) -> Contour {
        let mut c = Contour::default();
        for &(l, r) in rows.iter().rev() {
            c.push_top(1, l, r);
        }
        c
    }

    /// Every row's extent, top first, by walking both sides.
    fn rows(c: &Contour) -> Vec<(isize, isize)> {
        let expand = |side: &Side| -> Vec<isize> {
            let mut v: Vec<isize> = side
                .runs
                .iter()
                .flat_map(|&(n, at)| std::iter::repeat_n(at + c.offset, n))
                .collect();
            v.reverse();
            v
        };
        expand(&c.left).into_iter().zip(expand(&c.right)).collect()
    }

    #[test]
    fn a_sibling_moves_only_as_far_as_the_rows_they_share_need() {
        // A wide top and a narrow trunk; the next subtree is narrow on top and wide below.
        let a = shape(&[(-5, 5), (-1, 1), (-1, 1)]);
        let b = shape(&[(-1, 1), (-6, 6)]);
        // Row 0: 5 + 2 - (-1) = 8; row 1: 1 + 2 - (-6) = 9.
        assert_eq!(a.clearance(&b, 2), Some(9));
    }

    #[test]
    fn joining_keeps_the_outer_sides_of_both() {
        let a = shape(&[(-2, 2), (-2, 2), (-2, 2)]);
        let mut b = shape(&[(-3, 3)]);
        let by = a.clearance(&b, 1).unwrap();
        b.shift(by);
        assert_eq!(by, 6);
        let joined = a.join(b);
        assert_eq!(rows(&joined), [(-2, 9), (-2, 2), (-2, 2)]);
        assert_eq!(joined.reach(), (-2, 9));

        // The other way round: the taller one on the right.
        let a = shape(&[(-3, 3)]);
        let mut b = shape(&[(-2, 2), (-4, 4), (-2, 2)]);
        let by = a.clearance(&b, 1).unwrap();
        b.shift(by);
        assert_eq!(by, 6);
        let joined = a.join(b);
        assert_eq!(rows(&joined), [(-3, 8), (2, 10), (4, 8)]);
        assert_eq!(joined.reach(), (-3, 10));
    }

    #[test]
    fn rows_on_top_after_a_shift_land_where_they_are_said_to() {
        let mut c = shape(&[(0, 4)]);
        c.shift(10);
        c.push_top(2, -1, 1);
        assert_eq!(rows(&c), [(-1, 1), (-1, 1), (10, 14)]);
        assert_eq!(c.rows, 3);
        assert_eq!(c.width(), 15);
    }
}
