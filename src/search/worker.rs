//! The search on a thread of its own, so that a keystroke never waits for one: the explorer
//! asks ([`Worker::ask`]) and goes on drawing; the answer comes back through the callback the
//! worker was started with. Each request carries a generation; a newer request cancels an older
//! one still running (it is checked every few thousand candidates) and a cancelled search
//! delivers nothing. A search among many candidates first delivers its first matches in tree
//! order (a screenful, found in a blink), then the whole of them. The searchable texts are gathered into an arena on another thread
//! ([`Worker::gather`]); until they are, searches read the org, for the same answers.
//!
//! Both threads block on what they wait for (a channel, the org): an idle explorer costs no CPU.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc::{self, Receiver, Sender};
use std::sync::{Arc, OnceLock};

use super::{Found, Haystacks, Scope, TreeOrder};
use crate::org::{EntityId, Org, Tree};
use crate::visibility::{self, Filtered, When};

/// A search to run.
#[derive(Debug, Clone)]
pub struct Request {
    /// Greater for each request than for the one before.
    pub generation: u64,
    pub text: String,
    /// The only candidates, when the query narrows an earlier one's matches.
    pub within: Option<Arc<[EntityId]>>,
    /// The tree the matches are ordered and shown in.
    pub tree: Arc<Tree>,
    /// The date the view shows what exists on: what of the matches it shows.
    pub when: When,
}

/// What a search found, for the request of its generation.
#[derive(Debug, Clone)]
pub struct Outcome {
    pub generation: u64,
    pub text: String,
    pub found: Found,
    /// Whether `found` is all the query finds, or only its first matches in tree order, the
    /// rest to come in another outcome of the same generation.
    pub complete: bool,
    /// The request's tree and date, and what the view shows of `found` on them (the rule of
    /// [`crate::visibility`]), worked out here rather than on the explorer's thread.
    pub tree: Arc<Tree>,
    pub when: When,
    pub shown: Filtered,
}

/// Where outcomes go: called on the worker's thread.
pub type Deliver = Arc<dyn Fn(Outcome) + Send + Sync>;

/// The search thread of one org. Dropping it ends the thread once its search is over.
pub struct Worker {
    requests: Sender<Request>,
    /// The generation of the newest request: any other is cancelled.
    latest: Arc<AtomicU64>,
    org: Arc<Org>,
    haystacks: Arc<OnceLock<Haystacks>>,
    gathering: OnceLock<()>,
}

impl std::fmt::Debug for Worker {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Worker")
            .field("latest", &self.latest)
            .field("gathered", &self.haystacks.get().is_some())
            .finish_non_exhaustive()
    }
}

impl Worker {
    /// Starts the search thread of `org`; outcomes go to `deliver`.
    pub fn start(org: Arc<Org>, deliver: Deliver) -> std::io::Result<Worker> {
        let (requests, heard) = mpsc::channel();
        let latest = Arc::new(AtomicU64::new(0));
        let haystacks = Arc::new(OnceLock::new());
        let thread = Serve {
            org: Arc::clone(&org),
            latest: Arc::clone(&latest),
            haystacks: Arc::clone(&haystacks),
            order: None,
        };
        std::thread::Builder::new()
            .name("search".into())
            .spawn(move || thread.serve(&heard, &*deliver))?;
        Ok(Worker {
            requests,
            latest,
            org,
            haystacks,
            gathering: OnceLock::new(),
        })
    }

    /// Gathers the searchable texts on a thread of their own, once; the searches after use
    /// them. Until then (and if it cannot start) searches read the org.
    pub fn gather(&self) {
        self.gathering.get_or_init(|| {
            let org = Arc::clone(&self.org);
            let haystacks = Arc::clone(&self.haystacks);
            // Without the thread, searches go on reading the org: slower, the same answers.
            let _ = std::thread::Builder::new()
                .name("search-index".into())
                .spawn(move || {
                    give_way();
                    if let Some(built) = Haystacks::build(&org) {
                        let _ = haystacks.set(built);
                    }
                });
        });
    }

    /// Whether the texts are gathered.
    pub fn gathered(&self) -> bool {
        self.haystacks.get().is_some()
    }

    /// Runs `request`, cancelling any older one. Returns whether the thread took it (it is
    /// gone only if it panicked).
    pub fn ask(&self, request: Request) -> bool {
        self.latest.store(request.generation, Ordering::SeqCst);
        self.requests.send(request).is_ok()
    }
}

/// The search thread's own state.
struct Serve {
    org: Arc<Org>,
    latest: Arc<AtomicU64>,
    haystacks: Arc<OnceLock<Haystacks>>,
    /// The ranks of the last tree searched in: the tree changes only with the date.
    order: Option<(Arc<Tree>, Arc<TreeOrder>)>,
}

impl Serve {
    fn serve(mut self, heard: &Receiver<Request>, deliver: &(dyn Fn(Outcome) + Send + Sync)) {
        while let Ok(mut request) = heard.recv() {
            // Only the newest request counts.
            while let Ok(newer) = heard.try_recv() {
                request = newer;
            }
            self.run(request, deliver);
        }
    }

    fn order(&mut self, tree: &Arc<Tree>) -> Arc<TreeOrder> {
        match &self.order {
            Some((t, order)) if Arc::ptr_eq(t, tree) => Arc::clone(order),
            _ => {
                let order = Arc::new(TreeOrder::new(tree));
                self.order = Some((Arc::clone(tree), Arc::clone(&order)));
                order
            }
        }
    }

    /// Delivers the outcomes of `request` (its first matches, then all of them), unless a
    /// newer one came meanwhile.
    fn run(&mut self, request: Request, deliver: &(dyn Fn(Outcome) + Send + Sync)) {
        let latest = Arc::clone(&self.latest);
        let generation = request.generation;
        let cancelled = move || latest.load(Ordering::SeqCst) != generation;
        if cancelled() {
            return;
        }
        let order = self.order(&request.tree);
        let scope = Scope {
            org: &self.org,
            tree: &request.tree,
            order: &order,
            haystacks: self.haystacks.get(),
        };
        let within = request.within.as_deref();
        let outcome = |found: Found, complete: bool| {
            let shown = visibility::filtered_matches(
                &self.org,
                &request.tree,
                request.when,
                &found.matches,
            );
            Outcome {
                generation,
                text: request.text.clone(),
                found,
                complete,
                tree: Arc::clone(&request.tree),
                when: request.when,
                shown,
            }
        };
        if let Some(first) =
            super::first_matches(scope, &request.text, within, FIRST_SCREEN, FIRST_LOOK)
            && !cancelled()
        {
            deliver(outcome(first, false));
        }
        if let Some(found) = super::search(scope, &request.text, within, &cancelled) {
            deliver(outcome(found, true));
        }
    }
}

/// How many matches a search delivers first: more rows than a screen has.
const FIRST_SCREEN: usize = 256;

/// How many candidates it looks at for them, at most: a search among no more is delivered
/// whole at once. The look is on the way to the whole search, so it is kept short (well
/// under a millisecond): a query that matches often fills a screen from far fewer, and one
/// that matches rarely is not worth a first look.
const FIRST_LOOK: usize = 4096;

/// Lowers the calling thread's priority. The texts are gathered while the person looks at the
/// first frame: at full priority, on a machine with few cores, the thread takes the core the
/// terminal draws that frame with (about a second late at 1M entities on 2 busy cores). Searches
/// meanwhile read the org, so nothing waits for it. On Linux this changes this thread only.
/// The model cache's writer gives way the same (`cli`).
pub(crate) fn give_way() {
    #[cfg(target_os = "linux")]
    if let Ok(nice) = rustix::process::getpriority_process(None) {
        let _ = rustix::process::setpriority_process(None, (nice + 10).min(19));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::load_embedded;
    use crate::model::Day;
    use crate::org::Placing;

    fn started() -> (Worker, Receiver<Outcome>, Arc<Org>, Arc<Tree>) {
        let org = Arc::new(load_embedded().unwrap().org);
        let tree = org.tree(Day::today(), Placing::AsWritten);
        let (sent, outcomes) = mpsc::channel();
        let deliver: Deliver = Arc::new(move |o| sent.send(o).unwrap());
        let worker = Worker::start(Arc::clone(&org), deliver).unwrap();
        (worker, outcomes, org, tree)
    }

    fn request(generation: u64, text: &str, tree: &Arc<Tree>) -> Request {
        Request {
            generation,
            text: text.into(),
            within: None,
            tree: Arc::clone(tree),
            when: When::Any,
        }
    }

    #[test]
    fn before_the_texts_are_gathered_it_answers_from_the_org_and_after_the_same() {
        let (worker, outcomes, org, tree) = started();
        assert!(!worker.gathered());
        assert!(worker.ask(request(1, "cloud", &tree)));
        let before = outcomes.recv().unwrap();
        assert_eq!(before.generation, 1);
        let expected = super::super::find(&org, &tree, "cloud", None);
        assert_eq!(before.found.matches, expected.matches);
        assert!(!expected.matches.is_empty());
        worker.gather();
        // The gathering thread ends by setting the arena; wait for it, as a test may.
        while !worker.gathered() {
            std::thread::yield_now();
        }
        assert!(worker.ask(request(2, "cloud", &tree)));
        let after = outcomes.recv().unwrap();
        assert_eq!(after.generation, 2);
        assert_eq!(after.found.matches, expected.matches);
        assert_eq!(after.found.best, expected.best);
    }

    #[test]
    fn a_request_older_than_the_newest_delivers_nothing() {
        let org = Arc::new(load_embedded().unwrap().org);
        let tree = org.tree(Day::today(), Placing::AsWritten);
        let mut serve = Serve {
            org: Arc::clone(&org),
            latest: Arc::new(AtomicU64::new(2)),
            haystacks: Arc::new(OnceLock::new()),
            order: None,
        };
        let ran = std::sync::Mutex::new(Vec::new());
        let keep = |o: Outcome| ran.lock().unwrap().push(o.generation);
        serve.run(request(1, "cloud", &tree), &keep);
        assert!(ran.lock().unwrap().is_empty());
        serve.run(request(2, "cloud", &tree), &keep);
        assert_eq!(*ran.lock().unwrap(), [2]);
        // Queued behind a newer one, an older request is skipped unrun.
        let (sent, heard) = mpsc::channel();
        sent.send(request(1, "orange", &tree)).unwrap();
        sent.send(request(2, "cloud", &tree)).unwrap();
        drop(sent);
        let delivered = std::sync::Mutex::new(Vec::new());
        serve.serve(&heard, &|o| delivered.lock().unwrap().push(o.generation));
        assert_eq!(delivered.into_inner().unwrap(), [2]);
    }
}
