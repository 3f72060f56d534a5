//! The detail pane's cursor and the places visited: stepping from link to link, following one,
//! and going back and forward through where links led.

use super::{App, Focus, Outside, Place, Target};
use crate::ui;

impl App {
    /// The first line of each of the detail pane's links, and how many lines it has.
    pub(super) fn detail_links(&self) -> (Vec<usize>, usize) {
        let wrapped = ui::detail::wrapped(self, self.detail_area().width);
        (wrapped.link_lines, wrapped.lines.len())
    }

    pub(super) fn detail_page(&self) -> isize {
        self.detail_area().height.max(1) as isize
    }

    /// Scrolls the detail pane, then keeps the cursor on a link in view.
    pub(super) fn scroll_detail(&mut self, lines: isize) {
        let (links, total) = self.detail_links();
        let height = self.detail_area().height as usize;
        let max = total.saturating_sub(height);
        self.detail_scroll = self.detail_scroll.saturating_add_signed(lines).min(max);
        let view = self.detail_scroll..self.detail_scroll + height.max(1);
        if links.get(self.link).is_none_or(|line| !view.contains(line))
            && let Some(first) = links.iter().position(|line| view.contains(line))
        {
            self.link = first;
        }
    }

    /// `j`/`k` in the detail pane: to the next link when it is in view, else one line on.
    pub(super) fn detail_step(&mut self, step: isize) {
        let (links, _) = self.detail_links();
        let height = self.detail_area().height.max(1) as usize;
        let view = self.detail_scroll..self.detail_scroll + height;
        let next = self
            .link
            .checked_add_signed(step)
            .filter(|&n| n < links.len());
        match next {
            Some(n) if view.contains(&links[n]) => self.link = n,
            _ => self.scroll_detail(step),
        }
    }

    /// Enter in the detail pane: go where the link under the cursor leads.
    pub(super) fn follow_link(&mut self) {
        let targets = ui::detail::targets(self);
        if let Some(&target) = targets.get(self.link) {
            self.follow(target);
        }
    }

    fn place(&self) -> Place {
        Place {
            target: self.subject,
            link: self.link,
            scroll: self.detail_scroll,
        }
    }

    /// Goes to `target`, remembering where we were for `[`.
    pub fn follow(&mut self, target: Target) {
        if target != self.subject {
            self.back.push(self.place());
            self.forward.clear();
            self.go(target);
        }
    }

    pub(super) fn go_back(&mut self) {
        match self.back.pop() {
            Some(place) => {
                self.forward.push(self.place());
                self.return_to(place);
            }
            None => self.status = Some("nothing to go back to".into()),
        }
    }

    pub(super) fn go_forward(&mut self) {
        match self.forward.pop() {
            Some(place) => {
                self.back.push(self.place());
                self.return_to(place);
            }
            None => self.status = Some("nothing to go forward to".into()),
        }
    }

    /// Shows a place again, its cursor and scroll as they were.
    fn return_to(&mut self, place: Place) {
        self.go(place.target);
        self.link = place.link;
        self.detail_scroll = place.scroll;
    }

    /// Shows `target`; an entity is also selected in the tree, revealed if it was filtered out.
    pub(super) fn go(&mut self, target: Target) {
        if let Target::Entity(id) = target {
            if self
                .search
                .as_ref()
                .is_some_and(|s| !s.found.shown[id.0 as usize])
            {
                self.clear_search();
                self.status = Some("search cleared to show the entity".into());
            }
            if !self.tree.is_shown(id) && self.outside == Outside::Hide {
                self.outside = Outside::Dim;
                self.apply_filters();
                self.status = Some(format!(
                    "{} does not exist on {}: showing such entities dimmed (D to hide them)",
                    crate::sanitize::sanitize(&self.org.entity(id).name),
                    self.as_of
                ));
            }
            self.tree.select(&self.org, id);
        }
        self.show(target);
    }

    /// `o`: the detail pane's cursor on the selected entity's first owner.
    pub(super) fn cursor_to_owners(&mut self) {
        if let Some(id) = self.selected() {
            self.show(Target::Entity(id));
        }
        match ui::detail::first_owner_link(self) {
            Some(link) => {
                self.focus = Focus::Detail;
                self.link = link;
                let (links, _) = self.detail_links();
                let height = self.detail_area().height.max(1) as usize;
                if let Some(&line) = links.get(link) {
                    self.detail_scroll = line.saturating_sub(height / 3);
                }
            }
            None => self.status = Some("no owner recorded at this date".into()),
        }
    }
}
