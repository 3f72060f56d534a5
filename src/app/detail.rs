//! The detail pane as the explorer keeps it: what it shows, its document (built again only when
//! the subject, the date or the width changes), the link cursor and the scroll, and the places
//! visited by following links. The cursor moves on the document's plain data.

use super::{App, Focus, Outside, Target};
use crate::document::{Document, Request, Subject};
use crate::model::Day;

/// Where the detail pane stood, to come back to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Place {
    target: Target,
    link: usize,
    scroll: usize,
}

/// What a document was built for: when this is unchanged, so is the document.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Key {
    subject: Subject,
    day: Day,
    width: usize,
}

/// The detail view.
#[derive(Debug)]
pub(super) struct DetailView {
    /// What the pane shows: the selected entity, or a person or source reached by a link.
    pub(super) subject: Target,
    /// Which of the document's links the cursor is on.
    pub(super) link: usize,
    /// First line of the pane on screen.
    pub(super) scroll: usize,
    back: Vec<Place>,
    forward: Vec<Place>,
    document: Document,
    built_for: Option<Key>,
    /// How many documents were built.
    pub(super) builds: u64,
}

impl DetailView {
    pub(super) fn new(subject: Target) -> DetailView {
        DetailView {
            subject,
            link: 0,
            scroll: 0,
            back: Vec::new(),
            forward: Vec::new(),
            document: Document::default(),
            built_for: None,
            builds: 0,
        }
    }

    pub(super) fn document(&self) -> &Document {
        &self.document
    }

    /// Back to the top of the page.
    pub(super) fn top(&mut self) {
        self.link = 0;
        self.scroll = 0;
    }

    /// Points the pane at `target`, from the top.
    pub(super) fn show(&mut self, target: Target) {
        self.subject = target;
        self.top();
    }

    fn view(&self, height: usize) -> std::ops::Range<usize> {
        self.scroll..self.scroll + height.max(1)
    }

    fn link_line(&self, n: usize) -> Option<usize> {
        self.document.links.get(n).map(|l| l.line)
    }

    /// Keeps the scroll in range and the cursor on a link in view when there is one.
    pub(super) fn settle(&mut self, height: usize) {
        let max = self.document.lines.len().saturating_sub(height);
        self.scroll = self.scroll.min(max);
        self.link = self.link.min(self.document.links.len().saturating_sub(1));
        let view = self.view(height);
        if self
            .link_line(self.link)
            .is_some_and(|l| !view.contains(&l))
        {
            self.cursor_into(height);
        }
    }

    /// The cursor on the first link in view, if any is.
    fn cursor_into(&mut self, height: usize) {
        let view = self.view(height);
        if let Some(first) = self.document.link_lines().position(|l| view.contains(&l)) {
            self.link = first;
        }
    }

    /// Scrolls, then keeps the cursor on a link in view.
    pub(super) fn scroll_by(&mut self, lines: isize, height: usize) {
        let max = self.document.lines.len().saturating_sub(height);
        self.scroll = self.scroll.saturating_add_signed(lines).min(max);
        let view = self.view(height);
        if self.link_line(self.link).is_none_or(|l| !view.contains(&l)) {
            self.cursor_into(height);
        }
    }

    /// `j`/`k`: to the next link when it is in view, else one line on.
    pub(super) fn step(&mut self, step: isize, height: usize) {
        let view = self.view(height);
        let next = self
            .link
            .checked_add_signed(step)
            .and_then(|n| self.link_line(n).map(|line| (n, line)));
        match next {
            Some((n, line)) if view.contains(&line) => self.link = n,
            _ => self.scroll_by(step, height),
        }
    }

    /// The lines that head a section (`Owners at 2015-01-12`, `Events`…), in order.
    pub(super) fn heading_lines(&self) -> Vec<usize> {
        self.document
            .lines
            .iter()
            .enumerate()
            .filter(|(_, l)| {
                l.pieces
                    .first()
                    .is_some_and(|p| p.tone == crate::document::Tone::Heading)
            })
            .map(|(n, _)| n)
            .collect()
    }

    /// Where the link under the cursor leads.
    pub(super) fn under_cursor(&self) -> Option<Target> {
        self.document.links.get(self.link).map(|l| l.target)
    }

    /// The cursor on the first owner, that line a third of the way down; false when the page
    /// has no owner.
    pub(super) fn cursor_on_first_owner(&mut self, height: usize) -> bool {
        let Some(link) = self.document.first_owner else {
            return false;
        };
        self.link = link;
        if let Some(line) = self.link_line(link) {
            self.scroll = line.saturating_sub(height.max(1) / 3);
        }
        true
    }

    fn place(&self) -> Place {
        Place {
            target: self.subject,
            link: self.link,
            scroll: self.scroll,
        }
    }
}

impl App {
    /// Builds the document again when what it is built for changed.
    pub(super) fn refresh_document(&mut self) {
        let subject = match self.detail.subject {
            // Nothing is selected when the tree shows no row (a search that matches nothing,
            // a date before everything): the pane must not go on describing what was.
            Target::Entity(_) | Target::Owners(_) if self.selected().is_none() => Subject::Nothing,
            target => Subject::Shown(target),
        };
        let width = self.panes().map_or(0, |p| p.detail_text().width.into());
        let key = Key {
            subject,
            day: self.time.as_of,
            width,
        };
        if self.detail.built_for == Some(key) {
            return;
        }
        let changed = match subject {
            Subject::Shown(Target::Entity(id)) => self.changed(id),
            _ => false,
        };
        let request = Request {
            subject,
            day: key.day,
            since: self.time.since,
            changed,
            width,
            headcount: match subject {
                Subject::Shown(Target::Entity(id)) => Some(self.existing_heads.of(id)),
                _ => None,
            },
        };
        self.detail.document = Document::build(&self.org, &self.ownership, &request);
        // A new page (or date) read from the top puts the cursor where the page starts it.
        let renewed = self
            .detail
            .built_for
            .is_none_or(|b| b.subject != key.subject || b.day != key.day);
        if renewed && (self.detail.link, self.detail.scroll) == (0, 0) {
            self.detail.link = self.detail.document.start;
        }
        self.detail.built_for = Some(key);
        self.detail.builds += 1;
    }

    /// How many lines of the detail pane show.
    pub(super) fn detail_height(&self) -> usize {
        self.panes()
            .map_or(0, |p| usize::from(p.detail_text().height))
    }

    pub(super) fn detail_page(&self) -> isize {
        self.detail_height().max(1) as isize
    }

    pub(super) fn scroll_detail(&mut self, lines: isize) {
        self.refresh_document();
        let height = self.detail_height();
        self.detail.scroll_by(lines, height);
    }

    pub(super) fn detail_step(&mut self, step: isize) {
        self.refresh_document();
        let height = self.detail_height();
        self.detail.step(step, height);
    }

    /// Enter in the detail pane: go where the link under the cursor leads.
    pub(super) fn follow_link(&mut self) {
        self.refresh_document();
        if let Some(target) = self.detail.under_cursor() {
            self.follow(target);
        }
    }

    /// Goes to `target`, remembering where we were for `[`.
    pub(super) fn follow(&mut self, target: Target) {
        if target != self.detail.subject {
            let here = self.detail.place();
            self.detail.back.push(here);
            self.detail.forward.clear();
            self.go(target);
        }
    }

    pub(super) fn go_back(&mut self) {
        self.travel(true);
    }

    pub(super) fn go_forward(&mut self) {
        self.travel(false);
    }

    /// `[` or `]`: the last place of one list, this one kept on the other.
    fn travel(&mut self, back: bool) {
        let here = self.detail.place();
        let d = &mut self.detail;
        let (from, to) = if back {
            (&mut d.back, &mut d.forward)
        } else {
            (&mut d.forward, &mut d.back)
        };
        match from.pop() {
            Some(place) => {
                to.push(here);
                self.return_to(place);
            }
            None => {
                let way = if back { "back" } else { "forward" };
                self.notice.status = Some(format!("nothing to go {way} to"));
            }
        }
    }

    /// Shows a place again, its cursor and scroll as they were.
    fn return_to(&mut self, place: Place) {
        self.go(place.target);
        self.detail.link = place.link;
        self.detail.scroll = place.scroll;
    }

    /// Shows `target`; an entity is also selected in the tree, revealed if it was filtered out.
    pub(super) fn go(&mut self, target: Target) {
        if let Some(id) = target.entity() {
            if !self.tree.in_scope(id) {
                self.whole_tree();
            }
            if self
                .search
                .as_ref()
                .is_some_and(|s| !s.query.is_empty() && !s.found.shown.contains(id))
            {
                self.clear_search();
                self.notice.status = Some("search cleared to show the entity".into());
            }
            if !self.tree.is_shown(id) && self.time.outside == Outside::Hide {
                self.time.outside = Outside::Dim;
                self.apply_filters();
                self.notice.status = Some(format!(
                    "{} does not exist on {}: showing such entities dimmed (D to hide them)",
                    crate::sanitize::sanitize(self.org.name_on(id, self.time.as_of)),
                    self.time.as_of
                ));
            }
            self.tree.select(&self.structure, id);
        }
        self.detail.show(target);
    }

    /// The pane the focus is in, as the one to zoom.
    pub(super) fn zoomed_pane(&self) -> crate::geometry::Zoomed {
        match self.focus {
            Focus::Tree => crate::geometry::Zoomed::Tree,
            Focus::Detail => crate::geometry::Zoomed::Detail,
        }
    }

    /// `}` or `{`: the detail pane scrolled to its next or previous section's heading.
    pub(super) fn detail_section(&mut self, next: bool) {
        self.refresh_document();
        let headings = self.detail.heading_lines();
        let at = self.detail.scroll;
        // The top of the page counts as a section: its name and what it is.
        let target = if next {
            headings.into_iter().find(|&l| l > at)
        } else {
            headings
                .into_iter()
                .rev()
                .find(|&l| l < at)
                .or((at > 0).then_some(0))
        };
        match target {
            Some(line) => {
                let height = self.detail_height();
                let by =
                    isize::try_from(line).unwrap_or(isize::MAX) - isize::try_from(at).unwrap_or(0);
                self.detail.scroll_by(by, height);
            }
            None => {
                let way = if next { "after" } else { "before" };
                self.notice.status = Some(format!("no section {way} this one"));
            }
        }
    }

    /// `O`: the selected entity's ownership graph in the detail pane, the keys on it; on the
    /// graph already, the entity's page again. From the chart, back to the panes.
    pub(super) fn toggle_owners_graph(&mut self) {
        self.chart = None;
        let Some(id) = self.selected() else { return };
        let target = match self.detail.subject {
            Target::Owners(_) => Target::Entity(id),
            _ => Target::Owners(id),
        };
        self.follow(target);
        self.focus = Focus::Detail;
    }

    /// `o`: the detail pane's cursor on the selected entity's first owner.
    pub(super) fn cursor_to_owners(&mut self) {
        if let Some(id) = self.selected() {
            self.detail.show(Target::Entity(id));
        }
        self.refresh_document();
        let height = self.detail_height();
        if self.detail.cursor_on_first_owner(height) {
            self.focus = Focus::Detail;
        } else {
            self.notice.status = Some("no owner recorded at this date".into());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::{Line, Link, Piece, Tone};
    use crate::org::EntityId;

    /// A document of `lines` lines with a link on each line of `on`.
    fn view(lines: usize, on: &[usize]) -> DetailView {
        let mut v = DetailView::new(Target::Entity(EntityId(0)));
        v.document = Document {
            lines: (0..lines)
                .map(|n| Line {
                    pieces: vec![Piece {
                        text: format!("line {n}"),
                        tone: Tone::Plain,
                        link: None,
                    }],
                })
                .collect(),
            links: (0..)
                .zip(on)
                .map(|(n, &line)| Link {
                    target: Target::Entity(EntityId(n)),
                    line,
                })
                .collect(),
            first_owner: on.len().checked_sub(1),
            start: 0,
            urls: Vec::new(),
        };
        v
    }

    #[test]
    fn j_goes_from_link_to_link_in_view_then_scrolls() {
        let mut v = view(30, &[0, 2, 20]);
        v.step(1, 10);
        assert_eq!((v.link, v.scroll), (1, 0));
        // The next link is out of view: one line on, the cursor stays on a link in view.
        v.step(1, 10);
        assert_eq!((v.link, v.scroll), (1, 1));
        for _ in 0..15 {
            v.step(1, 10);
        }
        assert_eq!(v.link, 2, "reached the link at line 20");
        assert_eq!(v.under_cursor(), Some(Target::Entity(EntityId(2))));
    }

    #[test]
    fn scrolling_keeps_the_cursor_on_a_link_in_view() {
        let mut v = view(100, &[0, 50, 90]);
        v.scroll_by(45, 10);
        assert_eq!((v.scroll, v.link), (45, 1));
        v.scroll_by(1000, 10);
        assert_eq!((v.scroll, v.link), (90, 2));
    }

    #[test]
    fn o_puts_the_owner_a_third_of_the_way_down() {
        let mut v = view(100, &[5, 60]);
        assert!(v.cursor_on_first_owner(30));
        assert_eq!((v.link, v.scroll), (1, 50));
        assert!(!view(10, &[]).cursor_on_first_owner(30));
    }

    #[test]
    fn settling_clamps_a_stale_cursor() {
        let mut v = view(5, &[1]);
        v.link = 7;
        v.scroll = 40;
        v.settle(10);
        assert_eq!((v.link, v.scroll), (0, 0));
    }
}
