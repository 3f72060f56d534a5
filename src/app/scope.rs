//! The subtree `--root` limits the explorer to: `h` stops at its root, and the whole tree comes
//! back with `W`, or when a link leads outside the subtree.

use super::App;
use crate::sanitize::sanitize;

impl App {
    /// `h`: collapses the selected entity or goes to its parent, but not above the `--root`.
    pub(super) fn collapse_or_parent(&mut self) {
        let at_root = self.tree.scope().filter(|&r| self.selected() == Some(r));
        let folds = at_root.is_some_and(|r| {
            self.tree.is_expanded(r) && self.tree.has_children(&self.structure, r)
        });
        let structure = std::sync::Arc::clone(&self.structure);
        self.tree.collapse_or_parent(&structure);
        if let Some(root) = at_root
            && !folds
            && self.structure.parent(root).is_some()
        {
            self.notice.status = Some(format!(
                "only the subtree of {} is shown (--root): W shows the whole tree",
                sanitize(self.org.name_on(root, self.time.as_of))
            ));
        }
    }

    /// `W`: the whole tree, when `--root` limited it to a subtree; the selection stays.
    pub(super) fn whole_tree(&mut self) {
        if self.tree.scope().is_none() {
            self.notice.status = Some("the tree already shows every entity".into());
            return;
        }
        let keep = self.selected();
        let structure = std::sync::Arc::clone(&self.structure);
        self.tree.set_scope(&structure, None);
        self.apply_filters();
        if let Some(id) = keep {
            self.tree.select(&self.structure, id);
        }
        self.notice.status = Some("showing the whole tree".into());
    }
}
