//! orgtree's own work on synthetic models of 10k and 100k entities (set `ORGTREE_BENCH_SIZES`,
//! e.g. `10000,100000,1000000`, for others): load, first frame, a move or an expand and the frame
//! after it, expand-all, a search keystroke, and the dump. The bare parse of the same text is
//! measured next to the load, as the floor to compare it with.
//!
//!     cargo bench --bench scale
//!
//! `bench/compare.sh` measures the whole program against jless; see BENCHMARKS.md.

// A benchmark stops at its first failure: unwrapping is how it fails.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::HashMap;
use std::io;
use std::sync::{Mutex, OnceLock};

use divan::{Bencher, black_box};
use orgtree::app::{Action, App, Options};
use orgtree::dump::{self, DumpOptions, Format};
use orgtree::load::{ModelText, Syntax, load_text, parse};
use orgtree::org::Org;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::widgets::Widget;
use serde::de::IgnoredAny;

#[cfg(feature = "mimalloc")]
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    divan::main();
}

fn sizes() -> Vec<usize> {
    std::env::var("ORGTREE_BENCH_SIZES")
        .ok()
        .map(|s| s.split(',').filter_map(|n| n.trim().parse().ok()).collect())
        .unwrap_or_else(|| vec![10_000, 100_000])
}

const AREA: Rect = Rect::new(0, 0, 120, 40);

/// The synthetic model of `n` entities as YAML or JSON text, generated once per run.
fn text(n: usize, json: bool) -> &'static str {
    static TEXTS: OnceLock<Mutex<HashMap<(usize, bool), &'static str>>> = OnceLock::new();
    let mut texts = TEXTS.get_or_init(Default::default).lock().unwrap();
    texts.entry((n, json)).or_insert_with(|| {
        let mut out = Vec::new();
        orgtree::synthetic::write(n, json, &mut out).unwrap();
        String::from_utf8(out).unwrap().leak()
    })
}

fn model_text(n: usize, json: bool) -> ModelText {
    let name = if json { "org.json" } else { "org.yaml" };
    ModelText {
        name: name.into(),
        text: text(n, json).to_owned(),
    }
}

/// The resolved model of `n` entities, loaded once per run.
fn org(n: usize) -> Org {
    static ORGS: OnceLock<Mutex<HashMap<usize, Org>>> = OnceLock::new();
    let mut orgs = ORGS.get_or_init(Default::default).lock().unwrap();
    orgs.entry(n)
        .or_insert_with(|| load_text(model_text(n, true)).unwrap().org)
        .clone()
}

fn render(app: &App, buf: &mut Buffer) {
    buf.reset();
    app.render(AREA, buf);
    black_box(&buf);
}

mod load {
    use super::*;

    /// Parse, resolve, validate and index the model, from a copy of its text.
    fn load(bencher: Bencher, n: usize, json: bool) {
        bencher
            .with_inputs(|| model_text(n, json))
            .bench_values(|file| load_text(file).unwrap());
    }

    /// A YAML model.
    #[divan::bench(args = sizes(), sample_count = 3, sample_size = 1)]
    fn yaml(bencher: Bencher, n: usize) {
        load(bencher, n, false);
    }

    /// The YAML library alone, reading the same text into nothing: the floor for `yaml`.
    #[divan::bench(args = sizes(), sample_count = 3, sample_size = 1)]
    fn yaml_bare_parse(bencher: Bencher, n: usize) {
        let text = text(n, false);
        bencher.bench(|| {
            let options = serde_saphyr::options! { budget: None };
            serde_saphyr::from_str_with_options::<IgnoredAny>(text, options).unwrap()
        });
    }

    /// Only the parse of `yaml`, into the model's types, under orgtree's budgets.
    #[divan::bench(args = sizes(), sample_count = 3, sample_size = 1)]
    fn yaml_parse(bencher: Bencher, n: usize) {
        let text = text(n, false);
        bencher.bench(|| parse(text, Syntax::Yaml).unwrap());
    }

    /// The fast YAML reader alone (what `yaml_parse` tries first), into the model's types.
    #[divan::bench(args = sizes(), sample_count = 5, sample_size = 1)]
    fn yaml_fast(bencher: Bencher, n: usize) {
        let text = text(n, false);
        bencher.bench(|| orgtree::load::differential::fast(text).unwrap());
    }

    /// serde-saphyr alone, what the fast reader leaves a text to: `yaml_fast`'s A/B partner.
    #[divan::bench(args = sizes(), sample_count = 5, sample_size = 1)]
    fn yaml_full(bencher: Bencher, n: usize) {
        let text = text(n, false);
        bencher.bench(|| orgtree::load::differential::full(text).unwrap());
    }

    /// The serial read behind `yaml_parse` (the fast reader, serde-saphyr where it gives up):
    /// `yaml_parallel`'s A/B partner.
    #[divan::bench(args = sizes(), sample_count = 5, sample_size = 1)]
    fn yaml_serial(bencher: Bencher, n: usize) {
        let text = text(n, false);
        bencher.bench(|| orgtree::load::differential::serial(text).unwrap());
    }

    /// The same text cut at its lists' items and read on every core (when it is long enough).
    #[divan::bench(args = sizes(), sample_count = 5, sample_size = 1)]
    fn yaml_parallel(bencher: Bencher, n: usize) {
        let text = text(n, false);
        let plan = orgtree::load::differential::Plan::of_machine();
        // Say which way it read, so that a serial fallback is not taken for the parallel read.
        let (read, route) = orgtree::load::differential::parallel(text, plan);
        assert!(read.is_ok());
        eprintln!("{n} entities, {} cores: {route:?}", plan.workers);
        bencher.bench(|| orgtree::load::differential::parallel(text, plan).0.unwrap());
    }

    /// The same model written as JSON.
    #[divan::bench(args = sizes(), sample_count = 5, sample_size = 1)]
    fn json(bencher: Bencher, n: usize) {
        load(bencher, n, true);
    }

    /// The JSON library alone, reading the same text into nothing.
    #[divan::bench(args = sizes(), sample_count = 5, sample_size = 1)]
    fn json_bare_parse(bencher: Bencher, n: usize) {
        let text = text(n, true);
        bencher.bench(|| serde_json::from_str::<IgnoredAny>(text).unwrap());
    }
}

mod explorer {
    use super::*;

    /// From a loaded model to the first frame: the explorer's state and one full draw.
    #[divan::bench(args = sizes(), sample_count = 10, sample_size = 1)]
    fn first_frame(bencher: Bencher, n: usize) {
        let mut buf = Buffer::empty(AREA);
        bencher.with_inputs(|| org(n)).bench_local_values(|org| {
            let app = App::new(org, Options::new("org.json", AREA));
            render(&app, &mut buf);
            app
        });
    }

    /// One row down, and the frame after it.
    #[divan::bench(args = sizes())]
    fn move_down(bencher: Bencher, n: usize) {
        let mut app = App::new(org(n), Options::new("org.json", AREA));
        app.perform(Action::ExpandToDepth(3));
        let mut buf = Buffer::empty(AREA);
        bencher.bench_local(|| {
            app.perform(Action::Down);
            render(&app, &mut buf);
        });
    }

    /// Expanding or collapsing the selected entity, and the frame after it.
    #[divan::bench(args = sizes())]
    fn toggle(bencher: Bencher, n: usize) {
        let mut app = App::new(org(n), Options::new("org.json", AREA));
        let mut buf = Buffer::empty(AREA);
        bencher.bench_local(|| {
            app.perform(Action::Toggle);
            render(&app, &mut buf);
        });
    }

    /// `E` on a root (a third of the model), its frame, then `C`.
    #[divan::bench(args = sizes(), sample_count = 20)]
    fn expand_all_then_collapse(bencher: Bencher, n: usize) {
        let mut app = App::new(org(n), Options::new("org.json", AREA));
        let mut buf = Buffer::empty(AREA);
        bencher.bench_local(|| {
            app.perform(Action::ExpandSubtree);
            render(&app, &mut buf);
            app.perform(Action::CollapseAll);
        });
    }

    /// With `/cloud` typed, one more character (the matches narrow) and its frame, then
    /// Backspace (a full search again) and its frame: the two kinds of keystroke.
    #[divan::bench(args = sizes(), sample_count = 20)]
    fn search_type_and_erase(bencher: Bencher, n: usize) {
        let mut app = App::new(org(n), Options::new("org.json", AREA));
        app.perform(Action::Search);
        for c in "cloud".chars() {
            app.perform(Action::SearchInput(c));
        }
        let mut buf = Buffer::empty(AREA);
        bencher.bench_local(|| {
            app.perform(Action::SearchInput('7'));
            render(&app, &mut buf);
            app.perform(Action::SearchBackspace);
            render(&app, &mut buf);
        });
    }

    /// The first keystroke of a search: every entity is a candidate.
    #[divan::bench(args = sizes(), sample_count = 20)]
    fn search_first_keystroke(bencher: Bencher, n: usize) {
        let mut app = App::new(org(n), Options::new("org.json", AREA));
        app.perform(Action::Search);
        let mut buf = Buffer::empty(AREA);
        bencher.bench_local(|| {
            app.perform(Action::SearchInput('c'));
            render(&app, &mut buf);
            app.perform(Action::SearchBackspace);
        });
    }
}

/// The detail pane on the shipped model's richest page (Cloudwatt: a cap table, effective
/// owners, leaders, events and sources). Each bench says, once, how many documents it built
/// per key or frame: the document is built at most once per key that changes what it shows,
/// and never for a key that only moves the cursor or for a frame.
mod detail {
    use super::*;

    fn cloudwatt() -> App {
        let org = orgtree::load::load_embedded().unwrap().org;
        let mut app = App::new(org, Options::new("orange-cloud.yaml", AREA));
        orgtree::headless::press(&mut app, "jjj<Tab>").unwrap();
        app
    }

    fn report(what: &str, app: &App, before: u64, presses: u64) {
        let built = app.document_builds() - before;
        eprintln!(
            "detail::{what}: {built} documents for {presses} ({:.2} each)",
            built as f64 / presses.max(1) as f64
        );
    }

    /// `j` then `k` in the detail pane, each with its frame: the cursor moves, nothing is built.
    #[divan::bench]
    fn link_step(bencher: Bencher) {
        let mut app = cloudwatt();
        let mut buf = Buffer::empty(AREA);
        let (before, mut presses) = (app.document_builds(), 0);
        bencher.bench_local(|| {
            app.perform(Action::Down);
            render(&app, &mut buf);
            app.perform(Action::Up);
            render(&app, &mut buf);
            presses += 2;
        });
        report("link_step", &app, before, presses);
    }

    /// `>` then `<`: the date moves, so the page is built again, once per key.
    #[divan::bench(sample_count = 20)]
    fn date_step(bencher: Bencher) {
        let mut app = cloudwatt();
        let mut buf = Buffer::empty(AREA);
        let (before, mut presses) = (app.document_builds(), 0);
        bencher.bench_local(|| {
            app.perform(Action::NextDate);
            render(&app, &mut buf);
            app.perform(Action::PrevDate);
            render(&app, &mut buf);
            presses += 2;
        });
        report("date_step", &app, before, presses);
    }

    /// A frame with nothing new: what an idle explorer would redraw.
    #[divan::bench]
    fn idle_frame(bencher: Bencher) {
        let app = cloudwatt();
        let mut buf = Buffer::empty(AREA);
        let (before, mut frames) = (app.document_builds(), 0);
        bencher.bench_local(|| {
            render(&app, &mut buf);
            frames += 1;
        });
        report("idle_frame", &app, before, frames);
    }
}

/// An HR export of `n` rows (`orgtree::synthetic::table`) imported, against the `csv` crate
/// reading the same bytes into nothing: the floor for `table`.
mod import {
    use super::*;
    use orgtree::import::{Options, table as tables};

    /// The synthetic HR table of `n` rows, generated once per run.
    fn hr(n: usize) -> &'static str {
        static TEXTS: OnceLock<Mutex<HashMap<usize, &'static str>>> = OnceLock::new();
        let mut texts = TEXTS.get_or_init(Default::default).lock().unwrap();
        texts
            .entry(n)
            .or_insert_with(|| orgtree::synthetic::table::hr_csv(n).leak())
    }

    /// The table read, its columns found, checked and mapped to posts, people and roles.
    #[divan::bench(args = sizes(), sample_count = 5, sample_size = 1)]
    fn table(bencher: Bencher, n: usize) {
        let text = hr(n);
        bencher.bench(|| tables::import_text("hr.csv", text, &Options::default()).unwrap());
    }

    /// Only the reading of `table`: the records, each cell's place, the cells' text kept.
    #[divan::bench(args = sizes(), sample_count = 5, sample_size = 1)]
    fn table_read(bencher: Bencher, n: usize) {
        let text = hr(n);
        bencher.bench(|| tables::read::read("hr.csv", text, false).unwrap());
    }

    /// The `csv` crate alone, each record read into one reused buffer.
    #[divan::bench(args = sizes(), sample_count = 5, sample_size = 1)]
    fn table_bare_read(bencher: Bencher, n: usize) {
        let text = hr(n);
        bencher.bench(|| {
            let mut reader = csv::ReaderBuilder::new().from_reader(text.as_bytes());
            let mut record = csv::ByteRecord::new();
            let mut fields = 0;
            while reader.read_byte_record(&mut record).unwrap() {
                fields += record.len();
            }
            fields
        });
    }
}

mod dump_all {
    use super::*;

    fn write(bencher: Bencher, n: usize, format: Format) {
        let org = org(n);
        let options = DumpOptions {
            format,
            ..DumpOptions::default()
        };
        bencher.bench(|| dump::write(&org, &options, &mut io::sink()).unwrap());
    }

    /// `--dump`: the whole tree as text.
    #[divan::bench(args = sizes(), sample_count = 10)]
    fn tree(bencher: Bencher, n: usize) {
        write(bencher, n, Format::Tree);
    }

    /// `--dump --format json`, with effective owners.
    #[divan::bench(args = sizes(), sample_count = 10)]
    fn json(bencher: Bencher, n: usize) {
        write(bencher, n, Format::Json);
    }
}

/// The search at scale, as the explorer's search thread runs it: the first keystroke (every
/// entity a candidate), a narrowing one (the previous matches the only candidates), both on
/// the arena of texts; and, in the explorer, how long a keystroke takes to be echoed on
/// screen while the search thread works, and to bring its results.
mod search {
    use super::*;
    use orgtree::org::{Placing, Tree};
    use orgtree::search::worker::Outcome;
    use orgtree::search::{self, Haystacks, Scope, TreeOrder};
    use std::sync::Arc;
    use std::sync::mpsc::{self, Receiver};

    struct Prepared {
        org: Org,
        tree: Arc<Tree>,
        order: TreeOrder,
        haystacks: Haystacks,
    }

    impl Prepared {
        fn new(n: usize) -> Prepared {
            let org = org(n);
            let tree = org.tree(orgtree::model::Day::today(), Placing::UnderExisting);
            let order = TreeOrder::new(&tree);
            let haystacks = Haystacks::build(&org).unwrap();
            Prepared {
                org,
                tree,
                order,
                haystacks,
            }
        }

        fn scope(&self) -> Scope<'_> {
            Scope {
                org: &self.org,
                tree: &self.tree,
                order: &self.order,
                haystacks: Some(&self.haystacks),
            }
        }
    }

    #[divan::bench(args = sizes(), sample_count = 20)]
    fn first_keystroke(bencher: Bencher, n: usize) {
        let p = Prepared::new(n);
        let scope = p.scope();
        bencher.bench_local(|| black_box(search::search(scope, "c", None, &|| false)));
    }

    /// `c` then `a`: the widest narrowing, most entities having a `c`.
    #[divan::bench(args = sizes(), sample_count = 20)]
    fn narrowing_keystroke(bencher: Bencher, n: usize) {
        let p = Prepared::new(n);
        let scope = p.scope();
        let wide = search::search(scope, "c", None, &|| false).unwrap();
        bencher
            .bench_local(|| black_box(search::search(scope, "ca", Some(&wide.matches), &|| false)));
    }

    /// `cloud` then `7`.
    #[divan::bench(args = sizes(), sample_count = 20)]
    fn narrowing_keystroke_cloud(bencher: Bencher, n: usize) {
        let p = Prepared::new(n);
        let scope = p.scope();
        let wide = search::search(scope, "cloud", None, &|| false).unwrap();
        bencher.bench_local(|| {
            black_box(search::search(
                scope,
                "cloud7",
                Some(&wide.matches),
                &|| false,
            ))
        });
    }

    /// The explorer with its search thread, the texts gathered and `/cloud` typed and found.
    fn explorer(n: usize) -> (App, Receiver<Outcome>) {
        let mut app = App::new(org(n), Options::new("org.json", AREA));
        let (sent, outcomes) = mpsc::channel();
        app.search_off_thread(Arc::new(move |o| {
            let _ = sent.send(o);
        }));
        app.prepare_search();
        while !app.search_texts_gathered() {
            std::thread::sleep(std::time::Duration::from_millis(10));
        }
        app.perform(Action::Search);
        app.type_text("cloud");
        app.searched(outcomes.recv().unwrap());
        (app, outcomes)
    }

    /// Waits for the outcome of every request made, and shows it.
    fn wait_for_results(app: &mut App, outcomes: &Receiver<Outcome>) {
        while app.search_pending() {
            app.searched(outcomes.recv().unwrap());
        }
    }

    /// From where `start` leaves the explorer, `key` until `done` has its results, then drawn:
    /// one keystroke, end to end through the search thread. Each sample starts afresh.
    fn keystroke(
        bencher: Bencher,
        n: usize,
        start: impl Fn(&mut App, &Receiver<Outcome>),
        key: char,
        done: impl Fn(&mut App, &Receiver<Outcome>),
    ) {
        let (app, outcomes) = explorer(n);
        let app = std::cell::RefCell::new(app);
        let mut buf = Buffer::empty(AREA);
        bencher
            .with_inputs(|| start(&mut app.borrow_mut(), &outcomes))
            .bench_local_values(|()| {
                let mut app = app.borrow_mut();
                app.perform(Action::SearchInput(key));
                done(&mut app, &outcomes);
                render(&app, &mut buf);
            });
        wait_for_results(&mut app.borrow_mut(), &outcomes);
    }

    /// From `/cloud` found, `7` until its results are drawn: a narrowing keystroke.
    #[divan::bench(args = sizes(), sample_count = 20, sample_size = 1)]
    fn narrowing_to_results(bencher: Bencher, n: usize) {
        let start = |app: &mut App, outcomes: &Receiver<Outcome>| {
            app.perform(Action::SearchClear);
            app.type_text("cloud");
            wait_for_results(app, outcomes);
        };
        keystroke(bencher, n, start, '7', wait_for_results);
    }

    /// From an empty prompt, `c` until its results are drawn: the first keystroke of a search
    /// (every entity a candidate).
    #[divan::bench(args = sizes(), sample_count = 20, sample_size = 1)]
    fn first_keystroke_to_results(bencher: Bencher, n: usize) {
        let start = |app: &mut App, outcomes: &Receiver<Outcome>| {
            app.perform(Action::SearchClear);
            wait_for_results(app, outcomes);
        };
        keystroke(bencher, n, start, 'c', wait_for_results);
    }

    /// From an empty prompt, `c` until the first of its results are drawn: its first matches in
    /// tree order, or all of them when they come first.
    #[divan::bench(args = sizes(), sample_count = 20, sample_size = 1)]
    fn first_keystroke_to_first_screen(bencher: Bencher, n: usize) {
        let start = |app: &mut App, outcomes: &Receiver<Outcome>| {
            // What is left of the sample before: its whole search.
            wait_for_results(app, outcomes);
            app.perform(Action::SearchClear);
        };
        let first_screen = |app: &mut App, outcomes: &Receiver<Outcome>| {
            while app.search().is_some_and(|s| s.found_for != "c") {
                app.searched(outcomes.recv().unwrap());
            }
        };
        keystroke(bencher, n, start, 'c', first_screen);
    }

    /// `7` and its frame, then Backspace and its frame: two keystrokes echoed while the
    /// search thread works on them (their outcomes are dropped unseen).
    #[divan::bench(args = sizes(), sample_count = 20)]
    fn echo_two_keys(bencher: Bencher, n: usize) {
        let (mut app, outcomes) = explorer(n);
        let mut buf = Buffer::empty(AREA);
        bencher.bench_local(|| {
            app.perform(Action::SearchInput('7'));
            render(&app, &mut buf);
            app.perform(Action::SearchBackspace);
            render(&app, &mut buf);
        });
        drop(outcomes);
    }

    /// `7` until its results are drawn, then Backspace until its results are drawn: a
    /// narrowing keystroke and a full search, end to end through the search thread.
    #[divan::bench(args = sizes(), sample_count = 20)]
    fn keystroke_to_results(bencher: Bencher, n: usize) {
        let (mut app, outcomes) = explorer(n);
        let mut buf = Buffer::empty(AREA);
        bencher.bench_local(|| {
            for action in [Action::SearchInput('7'), Action::SearchBackspace] {
                app.perform(action);
                wait_for_results(&mut app, &outcomes);
                render(&app, &mut buf);
            }
        });
    }
}
