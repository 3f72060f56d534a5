//! The search, as the explorer runs it: the prompt, the filter it puts on the tree, the jump
//! from match to match, and putting the tree back as it was.

use std::sync::Arc;

use super::{Action, App, Effect, Found, Mode, SearchState};
use crate::org::EntitySet;
use crate::search;
use crate::search::worker::{Deliver, Outcome, Request, Worker};
use crate::visibility::Filtered;

/// The search thread the event loop started, and the generation of the newest request.
pub(super) struct Background {
    worker: Worker,
    deliver: Deliver,
    generation: u64,
    /// Whether the newest request's outcome is still to come.
    pending: bool,
}

impl std::fmt::Debug for Background {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Background")
            .field("worker", &self.worker)
            .field("generation", &self.generation)
            .field("pending", &self.pending)
            .finish_non_exhaustive()
    }
}

/// The longest search query, in characters. Names are rarely a tenth of it; a longer query (a
/// paste gone wrong) would only make every keystroke slower.
pub const MAX_QUERY: usize = 256;

/// A character of pasted text as a one-line prompt takes it: a line break or a tab is a
/// space, another control character nothing.
pub(super) fn typed(c: char) -> Option<char> {
    match c {
        '\n' | '\r' | '\t' => Some(' '),
        c if c.is_control() => None,
        c => Some(c),
    }
}

impl App {
    /// Types `text` into the search prompt as one edit, however long: the search runs once.
    /// Line breaks and tabs become spaces, other control characters are dropped, and the query
    /// stops at [`MAX_QUERY`] characters. Does nothing unless the prompt is open.
    pub fn type_text(&mut self, text: &str) {
        if text.is_empty() || self.mode() != Mode::Prompt {
            return;
        }
        self.notice.status = None;
        self.insert_text(text);
        self.settle();
    }

    fn insert_text(&mut self, text: &str) {
        let Some(s) = &mut self.search else { return };
        let mut room = MAX_QUERY.saturating_sub(s.query.chars().count());
        // A query that grows from one that found something can only narrow what it found.
        let narrows = !s.query.is_empty();
        let (mut added, mut cut) = (false, false);
        for c in text.chars().filter_map(typed) {
            if room == 0 {
                cut = true;
                break;
            }
            s.query.push(c);
            room -= 1;
            added = true;
        }
        if added {
            self.run_search(narrows);
        }
        if cut {
            self.notice.status = Some(format!(
                "a search takes at most {MAX_QUERY} characters: the rest was left out"
            ));
        }
    }

    pub(super) fn perform_in_prompt(&mut self, action: Action) -> Option<Effect> {
        match action {
            Action::SearchInput(c) => self.insert_text(c.encode_utf8(&mut [0; 4])),
            Action::SearchBackspace => {
                if let Some(s) = &mut self.search {
                    s.query.pop();
                }
                self.run_search(false);
            }
            Action::SearchClear => {
                if let Some(s) = &mut self.search {
                    s.query.clear();
                }
                self.run_search(false);
            }
            Action::Activate => self.accept_search(),
            Action::Escape => self.clear_search(),
            Action::Up => self.step_match(false),
            Action::Down => self.step_match(true),
            other => return self.perform_anywhere(other),
        }
        None
    }

    pub(super) fn start_search(&mut self) {
        let saved_expansion = self.tree.expansion();
        self.search = Some(SearchState {
            query: String::new(),
            editing: true,
            found: Found::default(),
            found_for: String::new(),
            visible: Vec::new(),
            complete: true,
            saved_expansion,
        });
        self.run_search(false);
    }

    /// Runs the query again after it changed; `narrowed` when it only grew, so that the
    /// matches of the query it grew from, once found, are the only candidates. With a search
    /// thread, the search is asked for and its outcome shown when it comes
    /// ([`App::searched`]); without one, it runs at once.
    fn run_search(&mut self, narrowed: bool) {
        let when = self.when();
        let Some(s) = &mut self.search else { return };
        if s.query.is_empty() {
            s.found = Found::default();
            s.found_for.clear();
            s.visible.clear();
            s.complete = true;
            if let Some(b) = &mut self.background {
                // Whatever is under way answers a query that is gone.
                b.generation += 1;
                b.pending = false;
            }
            let saved = s.saved_expansion.clone();
            self.search_filter_off(saved);
            return;
        }
        // A query that grew from one that found something can only narrow what it found: all
        // of what it found, not its first matches.
        // A prefix typed (`d` growing into `d:`) changes the texts looked at: nothing narrows.
        let field = |q: &str| search::Field::split(q).0;
        let narrows = narrowed
            && s.complete
            && !s.found_for.is_empty()
            && s.query.starts_with(&s.found_for)
            && field(&s.query) == field(&s.found_for);
        if let Some(b) = &mut self.background {
            b.generation += 1;
            let request = Request {
                generation: b.generation,
                text: s.query.clone(),
                within: narrows.then(|| Arc::from(s.found.matches.as_slice())),
                tree: Arc::clone(&self.structure),
                when,
            };
            if b.worker.ask(request) {
                b.pending = true;
                return;
            }
            // The thread is gone (it can only have panicked): search here from now on.
            self.background = None;
        }
        let within = narrows.then(|| s.found.matches.clone());
        let found = search::find(&self.org, &self.structure, &s.query, within.as_deref());
        let text = s.query.clone();
        self.show_found(text, found, true, None);
    }

    /// Puts what a search for `text` found on the tree, and goes to its best match. `shown`
    /// is what the tree shows of it, when the search thread worked it out for the tree and
    /// date in force; else it is worked out here.
    fn show_found(&mut self, text: String, found: Found, complete: bool, shown: Option<Filtered>) {
        let Some(s) = &mut self.search else { return };
        s.found = found;
        s.found_for = text;
        s.complete = complete;
        match shown {
            Some(shown) => {
                self.tree.set_shown(&self.structure, Some(shown.shown));
                s.set_visible(&self.tree);
                self.tree.expand_also(&shown.expand);
            }
            None => {
                self.apply_filters();
                self.tree.expand_shown(&self.structure);
            }
        }
        // Go to the best match the tree shows, else the first it shows.
        let Some(s) = &self.search else { return };
        let tree = &self.tree;
        let target = s
            .found
            .best
            .filter(|&b| s.found.matched.contains(b) && tree.is_shown(b))
            .or_else(|| s.visible.first().copied());
        if let Some(target) = target {
            self.tree.select(&self.structure, target);
        }
    }

    /// Runs searches on a thread of their own from now on, each outcome given to `deliver`
    /// (which must lead to [`App::searched`]); the keys never wait for a search. Stays with
    /// searches at once if the thread cannot start.
    pub fn search_off_thread(&mut self, deliver: Deliver) {
        let generation = self.background.as_ref().map_or(0, |b| b.generation);
        if let Ok(worker) = Worker::start(Arc::clone(&self.org), Arc::clone(&deliver)) {
            self.background = Some(Background {
                worker,
                deliver,
                generation,
                pending: false,
            });
        }
    }

    /// Gathers the searchable texts in the background (after the first frame: they are not
    /// needed before the first keystroke).
    pub fn prepare_search(&self) {
        if let Some(b) = &self.background {
            b.worker.gather();
        }
    }

    /// Whether the search thread has gathered the searchable texts (a benchmark waits for it).
    pub fn search_texts_gathered(&self) -> bool {
        self.background
            .as_ref()
            .is_some_and(|b| b.worker.gathered())
    }

    /// Whether a search's outcome is still to come.
    pub fn search_pending(&self) -> bool {
        self.background.as_ref().is_some_and(|b| b.pending)
    }

    /// What the search thread found: shown if it answers the newest request, dropped if a
    /// newer one was made since (a stale outcome is never shown). The search stays pending
    /// after its first matches, until all of them come.
    pub fn searched(&mut self, outcome: Outcome) {
        let Some(b) = &mut self.background else {
            return;
        };
        if !b.pending || outcome.generation != b.generation {
            return;
        }
        b.pending = !outcome.complete;
        if self.search.as_ref().is_none_or(|s| s.query != outcome.text) {
            return;
        }
        // What the thread worked out for the view holds if the tree and the date are still
        // those it was asked for.
        let current = Arc::ptr_eq(&outcome.tree, &self.structure) && outcome.when == self.when();
        let shown = current.then_some(outcome.shown);
        self.show_found(outcome.text, outcome.found, outcome.complete, shown);
        self.settle();
    }

    /// The search thread's callback and generation, to start it again on a new org.
    pub(super) fn take_background(&mut self) -> Option<(Deliver, u64)> {
        self.background.take().map(|b| (b.deliver, b.generation))
    }

    /// Starts the search thread again, on this explorer's org, after a reload.
    pub(super) fn restore_background(&mut self, kept: Option<(Deliver, u64)>) {
        let Some((deliver, generation)) = kept else {
            return;
        };
        self.search_off_thread(deliver);
        if let Some(b) = &mut self.background {
            b.generation = generation;
            b.worker.gather();
        }
    }

    /// While the query is empty, the tree is as it was before the search.
    fn search_filter_off(&mut self, saved: EntitySet) {
        let keep = self.selected();
        let search = self.search.take();
        self.apply_filters();
        self.tree.restore_expansion(&self.structure, saved);
        self.search = search;
        if let Some(id) = keep {
            self.tree.select(&self.structure, id);
        }
    }

    fn accept_search(&mut self) {
        let empty = self.search.as_ref().is_none_or(|s| s.query.is_empty());
        if empty {
            self.clear_search();
        } else if let Some(s) = &mut self.search {
            s.editing = false;
            // `p:NAME` looks for people as people: their page, with the entities they are in
            // kept as the filter.
            let query = s.query.clone();
            if crate::search::Field::split(&query).0 == crate::search::Field::People
                && let Some(person) = crate::search::best_person(&self.org, &query)
            {
                self.follow(super::Target::Person(person));
                self.focus = super::Focus::Detail;
            }
        }
    }

    /// Esc: the whole tree again, as expanded as before, the selection kept.
    pub(super) fn clear_search(&mut self) {
        let Some(s) = self.search.take() else { return };
        let keep = self.selected();
        self.apply_filters();
        self.tree
            .restore_expansion(&self.structure, s.saved_expansion);
        if let Some(id) = keep {
            self.tree.select(&self.structure, id);
        }
    }

    /// `n`/`N`: the next or previous match in tree order, round the end.
    pub(super) fn jump_to_match(&mut self, forward: bool) {
        let Some(s) = &self.search else {
            self.notice.status = Some("no search: press / to search".into());
            return;
        };
        if s.visible.is_empty() {
            self.notice.status = Some("no match".into());
            return;
        }
        self.go_to_match(forward, true);
    }

    /// In the prompt, ↑ and ↓ go to the previous and the next match, and stop at the first
    /// and the last; with no match, they move through the rows.
    fn step_match(&mut self, forward: bool) {
        if self.search.as_ref().is_some_and(|s| !s.visible.is_empty()) {
            self.go_to_match(forward, false);
        } else {
            self.tree
                .move_by(&self.structure, if forward { 1 } else { -1 });
        }
    }

    /// Selects the next match after the selected row, or the previous one, going round from
    /// the last to the first when `round`, else stopping there; from a row that is no match,
    /// the first (or last).
    fn go_to_match(&mut self, forward: bool, round: bool) {
        let Some(s) = &self.search else { return };
        let matches = &s.visible;
        let Some(last) = matches.len().checked_sub(1) else {
            return;
        };
        let here = self
            .selected()
            .and_then(|id| matches.iter().position(|&m| m == id));
        let next = match (here, forward) {
            (Some(i), true) if i == last => {
                if round {
                    0
                } else {
                    last
                }
            }
            (Some(i), true) => i + 1,
            (Some(0), false) => {
                if round {
                    last
                } else {
                    0
                }
            }
            (Some(i), false) => i - 1,
            (None, true) => 0,
            (None, false) => last,
        };
        let target = matches[next];
        self.tree.select(&self.structure, target);
    }
}
