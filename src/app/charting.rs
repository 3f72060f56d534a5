//! The box chart as the explorer runs it: moving from box to box, re-rooting, one level more or
//! less, and back to the tree. The chart's selection is the tree's, so each view picks up where
//! the other left off.

use super::{Action, App, ChartView, Effect};
use crate::org::EntityId;

impl App {
    pub(super) fn perform_in_chart(&mut self, action: Action) -> Option<Effect> {
        let view = self.chart?;
        let Some(sel) = self.selected() else {
            return self.perform_everywhere(action);
        };
        let org = &self.org;
        let tree = &self.existing;
        let day = self.time.as_of;
        let shown = |id: EntityId| org.exists_at(id, day);
        let level = |id: EntityId| tree.depth(id).saturating_sub(tree.depth(view.root));
        let target = match action {
            Action::Up => (sel != view.root).then(|| tree.parent(sel)).flatten(),
            Action::Down => (level(sel) < view.depth)
                .then(|| tree.children(sel).find(|&c| shown(c)))
                .flatten(),
            Action::CollapseOrParent | Action::PrevSibling if sel != view.root => {
                let mut at = tree.prev_sibling(sel);
                while let Some(a) = at.filter(|&a| !shown(a)) {
                    at = tree.prev_sibling(a);
                }
                at
            }
            Action::ExpandOrChild | Action::NextSibling if sel != view.root => {
                let mut at = tree.next_sibling(sel);
                while let Some(a) = at.filter(|&a| !shown(a)) {
                    at = tree.next_sibling(a);
                }
                at
            }
            Action::Activate => {
                self.chart = Some(ChartView { root: sel, ..view });
                None
            }
            Action::ChartDeeper => {
                self.chart = Some(ChartView {
                    depth: view.depth + 1,
                    ..view
                });
                None
            }
            Action::ChartShallower => {
                self.chart = Some(ChartView {
                    depth: view.depth.saturating_sub(1),
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
        }
        // A selection moved out of the drawn levels brings the chart's root along.
        if let (Some(view), Some(sel)) = (self.chart, self.selected())
            && !self.existing.is_within(sel, view.root)
        {
            self.chart = Some(ChartView { root: sel, ..view });
        }
        None
    }
}
