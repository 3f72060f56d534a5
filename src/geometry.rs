//! Where each part of the screen goes: plain arithmetic on rectangles, below both the state
//! (`app`, which must know how tall a page is and what a click hits) and the drawing (`ui`,
//! which paints into these rectangles). Nothing here draws.

use ratatui::layout::{Constraint, Flex, Layout, Margin, Position, Rect};

/// Below this size the screen only says it is too small.
pub const MIN_WIDTH: u16 = 40;
pub const MIN_HEIGHT: u16 = 8;

/// Columns left of the detail pane's text, for the link cursor.
pub const GUTTER: u16 = 1;

/// Columns taken by a tree row's selection marker.
pub const MARKER: u16 = 2;
/// Columns of indentation per tree level.
pub const INDENT: u16 = 2;

/// How the body is shared between the panes: the tree pane's share of the width, in percent,
/// and a pane zoomed to the whole body (the other then has no width).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Split {
    pub tree_percent: u16,
    pub zoom: Option<Zoomed>,
}

/// The pane that takes the whole body.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Zoomed {
    Tree,
    Detail,
}

/// The tree pane's share until it is resized; then it may go from the least to the most.
pub const TREE_PERCENT: u16 = 40;
pub const TREE_PERCENT_LEAST: u16 = 15;
pub const TREE_PERCENT_MOST: u16 = 85;
/// How much one key resizes it.
pub const TREE_PERCENT_STEP: u16 = 5;

impl Default for Split {
    fn default() -> Split {
        Split {
            tree_percent: TREE_PERCENT,
            zoom: None,
        }
    }
}

impl Split {
    /// The tree pane `step` percent wider (or narrower), within its bounds.
    pub fn resized(self, wider: bool) -> Split {
        let p = if wider {
            self.tree_percent + TREE_PERCENT_STEP
        } else {
            self.tree_percent.saturating_sub(TREE_PERCENT_STEP)
        };
        Split {
            tree_percent: p.clamp(TREE_PERCENT_LEAST, TREE_PERCENT_MOST),
            zoom: None,
        }
    }
}

/// The parts of the explorer's screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Panes {
    pub title: Rect,
    pub tree: Rect,
    pub detail: Rect,
    pub status: Rect,
}

impl Panes {
    /// The panes of a screen of this size, split as at first, or `None` when it is too small.
    pub fn of(area: Rect) -> Option<Panes> {
        Panes::split(area, Split::default())
    }

    /// The panes of a screen of this size, split as `split` says, or `None` when it is too
    /// small to use. At first the tree takes two fifths of the width, at most 72 columns;
    /// resized, what it is given, leaving the detail pane 20 columns.
    pub fn split(area: Rect, split: Split) -> Option<Panes> {
        if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
            return None;
        }
        let [title, body, status] = area.layout(&Layout::vertical([
            Constraint::Length(1),
            Constraint::Fill(1),
            Constraint::Length(1),
        ]));
        let tree_width = match split.zoom {
            Some(Zoomed::Tree) => body.width,
            Some(Zoomed::Detail) => 0,
            None if split.tree_percent == TREE_PERCENT => (body.width * 2 / 5).clamp(16, 72),
            None => {
                let wanted = u32::from(body.width) * u32::from(split.tree_percent) / 100;
                u16::try_from(wanted)
                    .unwrap_or(u16::MAX)
                    .clamp(16, body.width.saturating_sub(20).max(16))
            }
        };
        let [tree, detail] = body.layout(&Layout::horizontal([
            Constraint::Length(tree_width),
            Constraint::Fill(1),
        ]));
        Some(Panes {
            title,
            tree,
            detail,
            status,
        })
    }

    /// The tree pane inside its border.
    pub fn tree_inner(&self) -> Rect {
        self.tree.inner(Margin::new(1, 1))
    }

    /// The detail pane inside its border.
    pub fn detail_inner(&self) -> Rect {
        self.detail.inner(Margin::new(1, 1))
    }

    /// The detail pane's text, right of the cursor gutter.
    pub fn detail_text(&self) -> Rect {
        let inner = self.detail_inner();
        Rect {
            x: inner.x + GUTTER.min(inner.width),
            width: inner.width.saturating_sub(GUTTER),
            ..inner
        }
    }

    /// The chart's place: both panes.
    pub fn body(&self) -> Rect {
        self.tree.union(self.detail)
    }

    /// The chart inside its border.
    pub fn chart_inner(&self) -> Rect {
        self.body().inner(Margin::new(1, 1))
    }

    /// Which pane holds a screen cell.
    pub fn pane_at(&self, column: u16, row: u16) -> Option<Pane> {
        let at = Position::new(column, row);
        if self.tree.contains(at) {
            Some(Pane::Tree)
        } else if self.detail.contains(at) {
            Some(Pane::Detail)
        } else {
            None
        }
    }
}

/// One of the two panes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pane {
    Tree,
    Detail,
}

/// The indentation of a tree row at `depth` in a pane of `area`, capped so a deep row still
/// shows its name.
pub fn indent(area: Rect, depth: usize) -> u16 {
    let wanted = u16::try_from(depth)
        .unwrap_or(u16::MAX)
        .saturating_mul(INDENT);
    wanted.min(area.width.saturating_sub(MARKER + 12) / INDENT * INDENT)
}

/// The screen column of the expand marker of a tree row at `depth`.
pub fn marker_column(area: Rect, depth: usize) -> u16 {
    area.x + MARKER + indent(area, depth)
}

/// A box of `width`×`height` (border included) centred on a screen of `area`.
pub fn popup(area: Rect, width: u16, height: u16) -> Rect {
    let [popup] = Layout::horizontal([Constraint::Length(width)])
        .flex(Flex::Center)
        .areas(area);
    let [popup] = Layout::vertical([Constraint::Length(height)])
        .flex(Flex::Center)
        .areas(popup);
    popup
}

/// The help's box on a screen of `area`, sized to every line of the bindings table, and how
/// far it scrolls: the state bounds its scroll and the drawing places it with this one answer.
pub fn help(area: Rect, keymap: &crate::keys::Keymap) -> (Rect, usize) {
    popup_scroll(area, keymap.help_width(), keymap.help_lines().len())
}

/// A popup of `width` for a list of `lines` on a screen of `area`, and how far it scrolls: it
/// scrolls when it does not fit.
fn popup_scroll(area: Rect, width: u16, lines: usize) -> (Rect, usize) {
    let height = u16::try_from(lines).unwrap_or(u16::MAX).saturating_add(2);
    let popup = popup(area, width, height);
    let shown = usize::from(popup.height.saturating_sub(2));
    (popup, lines.saturating_sub(shown))
}

/// The timeline's place: over both panes, between the title bar and the status bar.
pub fn timeline(area: Rect) -> Rect {
    Rect {
        y: area.y + 1,
        height: area.height.saturating_sub(2),
        ..area
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_small_screen_has_no_panes() {
        assert!(Panes::of(Rect::new(0, 0, MIN_WIDTH - 1, 24)).is_none());
        assert!(Panes::of(Rect::new(0, 0, 80, MIN_HEIGHT - 1)).is_none());
    }

    #[test]
    fn the_panes_share_the_screen() {
        let p = Panes::of(Rect::new(0, 0, 100, 30)).unwrap();
        assert_eq!(p.tree.width + p.detail.width, 100);
        assert_eq!(p.title.height + p.tree.height + p.status.height, 30);
        assert_eq!(p.pane_at(0, 5), Some(Pane::Tree));
        assert_eq!(p.pane_at(99, 5), Some(Pane::Detail));
        assert_eq!(p.pane_at(5, 0), None);
        assert_eq!(p.detail_text().x, p.detail_inner().x + GUTTER);
    }

    #[test]
    fn deep_rows_keep_room_for_their_name() {
        let area = Rect::new(0, 0, 30, 10);
        assert_eq!(indent(area, 1), 2);
        assert!(indent(area, 100_000) <= 30 - MARKER - 12);
    }
}
