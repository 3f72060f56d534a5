//! The box chart as the explorer runs it: moving from box to box as the picture shows them,
//! panning, re-rooting, one level more or less, the relations on or off, and back to the tree.
//! The chart's selection is the tree's, so each view picks up where the other left off.

use super::{Action, App, ChartView, Effect};
use crate::chart::{Chart, Direction, Request};

/// Columns or rows a pan key moves the chart by, as a share of the window: a quarter.
const PAN_PART: usize = 4;

impl App {
    /// The chart on screen, laid out for the room its pane gives it.
    pub fn chart_layout(&self, view: ChartView) -> Chart {
        Chart::new(&Request {
            org: &self.org,
            root: view.root,
            depth: view.depth,
            day: self.time.as_of,
            selected: self.selected(),
            room: self.chart_window().0,
            only: &self.chart_visible(),
            heads: Some(&self.existing_heads),
            relations: view.relations,
        })
    }

    /// The columns and rows the chart's pane shows.
    pub fn chart_window(&self) -> (usize, usize) {
        self.panes().map_or((80, 24), |p| {
            let inner = p.chart_inner();
            (usize::from(inner.width), usize::from(inner.height))
        })
    }

    /// The canvas cell at the window's top left: where the person panned to, or else placed so
    /// that the selected box is in view, centred when it fits.
    pub fn chart_offset(&self, view: ChartView, chart: &Chart) -> (usize, usize) {
        let (w, h) = self.chart_window();
        let limit = (
            chart.width.saturating_sub(w),
            chart.height.saturating_sub(h),
        );
        if let Some((x, y)) = view.scroll {
            return (x.min(limit.0), y.min(limit.1));
        }
        match self.selected().and_then(|s| chart.boxes.get(&s)) {
            Some(place) => (
                pan(place.x, place.width, w, chart.width),
                pan(place.y, place.height, h, chart.height),
            ),
            None => (0, 0),
        }
    }

    pub(super) fn perform_in_chart(&mut self, action: Action) -> Option<Effect> {
        let view = self.chart?;
        let Some(sel) = self.selected() else {
            return self.perform_everywhere(action);
        };
        let tree = &self.existing;
        let step = |dir| {
            let chart = self.chart_layout(view);
            chart.nearest(sel, dir)
        };
        let target = match action {
            Action::Up => step(Direction::Up),
            Action::Down => step(Direction::Down),
            Action::CollapseOrParent => step(Direction::Left),
            Action::ExpandOrChild => step(Direction::Right),
            Action::PrevSibling | Action::NextSibling if sel != view.root => {
                let day = self.time.as_of;
                let next = |at| {
                    if action == Action::NextSibling {
                        tree.next_sibling(at)
                    } else {
                        tree.prev_sibling(at)
                    }
                };
                let mut at = next(sel);
                while let Some(a) = at.filter(|&a| !self.org.exists_at(a, day)) {
                    at = next(a);
                }
                at
            }
            Action::PanLeft
            | Action::PanRight
            | Action::PageUp
            | Action::PageDown
            | Action::HalfPageUp
            | Action::HalfPageDown
            | Action::ScrollUp { .. }
            | Action::ScrollDown { .. } => {
                self.pan(view, action);
                return None;
            }
            Action::Click { column, row } => self.box_at(view, column, row),
            Action::Activate => {
                self.chart = Some(ChartView {
                    root: sel,
                    scroll: None,
                    ..view
                });
                None
            }
            Action::ChartDeeper | Action::ChartShallower => {
                let depth = if action == Action::ChartDeeper {
                    view.depth + 1
                } else {
                    view.depth.saturating_sub(1)
                };
                self.chart = Some(ChartView {
                    depth,
                    scroll: None,
                    ..view
                });
                None
            }
            Action::ToggleRelations => {
                self.chart = Some(ChartView {
                    relations: !view.relations,
                    ..view
                });
                None
            }
            Action::First => Some(view.root),
            Action::ToggleChart | Action::Escape => {
                self.chart = None;
                None
            }
            // Up to the parent of the chart's root: a wider chart, within the `--root`.
            Action::Back => {
                if let Some(parent) = tree.parent(view.root).filter(|&p| self.tree.in_scope(p)) {
                    self.chart = Some(ChartView {
                        root: parent,
                        scroll: None,
                        ..view
                    });
                }
                None
            }
            other => return self.perform_everywhere(other),
        };
        if let Some(t) = target {
            let structure = std::sync::Arc::clone(&self.structure);
            self.tree.select(&structure, t);
            // The window follows the selection again.
            self.chart = Some(ChartView {
                scroll: None,
                ..view
            });
        }
        // A selection moved out of the drawn levels brings the chart's root along.
        if let (Some(view), Some(sel)) = (self.chart, self.selected())
            && !self.existing.is_within(sel, view.root)
        {
            self.chart = Some(ChartView { root: sel, ..view });
        }
        None
    }

    /// Moves the chart's window, leaving the selection where it is.
    fn pan(&mut self, view: ChartView, action: Action) {
        let chart = self.chart_layout(view);
        let (x, y) = self.chart_offset(view, &chart);
        let (w, h) = self.chart_window();
        let dx = (w / PAN_PART).max(1);
        let (x, y) = match action {
            Action::PanLeft => (x.saturating_sub(dx), y),
            Action::PanRight => (x + dx, y),
            Action::PageUp => (x, y.saturating_sub(h.max(1))),
            Action::PageDown => (x, y + h.max(1)),
            Action::HalfPageUp => (x, y.saturating_sub((h / 2).max(1))),
            Action::HalfPageDown => (x, y + (h / 2).max(1)),
            Action::ScrollUp { .. } => (x, y.saturating_sub(3)),
            Action::ScrollDown { .. } => (x, y + 3),
            _ => (x, y),
        };
        let limit = (
            chart.width.saturating_sub(w),
            chart.height.saturating_sub(h),
        );
        self.chart = Some(ChartView {
            scroll: Some((x.min(limit.0), y.min(limit.1))),
            ..view
        });
    }

    /// The entity whose box is drawn at a screen cell, if any.
    fn box_at(&self, view: ChartView, column: u16, row: u16) -> Option<crate::org::EntityId> {
        let inner = self.panes()?.chart_inner();
        if !inner.contains(ratatui::layout::Position::new(column, row)) {
            return None;
        }
        let chart = self.chart_layout(view);
        let (ox, oy) = self.chart_offset(view, &chart);
        let x = ox + usize::from(column - inner.x);
        let y = oy + usize::from(row - inner.y);
        chart
            .boxes
            .iter()
            .find(|(_, p)| (p.x..p.x + p.width).contains(&x) && (p.y..p.y + p.height).contains(&y))
            .map(|(id, _)| *id)
    }
}

/// How far to pan so `span` (start, length) is in a window of `window` cells over `total`.
fn pan(start: usize, length: usize, window: usize, total: usize) -> usize {
    if total <= window {
        return 0;
    }
    // Centre the box when it fits; else show its start.
    let centred = (start + length / 2).saturating_sub(window / 2);
    let wanted = if length > window { start } else { centred };
    wanted.min(total - window)
}
