//! orgtree on the hostile shapes of `orgtree::synthetic::hostile` (each once froze or crashed
//! it): the first frame with the hardest entity selected, one key, each dump, and the check
//! (load and validate). What must hold on them is tested in `tests/hostile.rs`; this measures.
//!
//!     cargo bench --bench hostile
//!
//! See BENCHMARKS.md, "Hostile models".

// A benchmark stops at its first failure: unwrapping is how it fails.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::HashMap;
use std::io;
use std::sync::{Mutex, OnceLock};

use divan::{Bencher, black_box};
use orgtree::app::{Action, App, Options};
use orgtree::dump::{self, DumpOptions, Format};
use orgtree::load::{ModelText, load_text};
use orgtree::org::Org;
use orgtree::synthetic::hostile::{self, Shape};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::widgets::Widget;

#[cfg(feature = "mimalloc")]
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    divan::main();
}

const AREA: Rect = Rect::new(0, 0, 120, 40);

fn text(shape: Shape, n: usize) -> &'static str {
    static TEXTS: OnceLock<Mutex<HashMap<(&'static str, usize), &'static str>>> = OnceLock::new();
    let mut texts = TEXTS.get_or_init(Default::default).lock().unwrap();
    let name = Shape::NAMES[shape as usize];
    texts
        .entry((name, n))
        .or_insert_with(|| hostile::text(shape, n).leak())
}

fn model_text(shape: Shape, n: usize) -> ModelText {
    ModelText {
        name: "hostile.json".into(),
        text: text(shape, n).to_owned(),
    }
}

fn org(shape: Shape, n: usize) -> Org {
    static ORGS: OnceLock<Mutex<HashMap<(&'static str, usize), Org>>> = OnceLock::new();
    let mut orgs = ORGS.get_or_init(Default::default).lock().unwrap();
    let name = Shape::NAMES[shape as usize];
    orgs.entry((name, n))
        .or_insert_with(|| load_text(model_text(shape, n)).unwrap().org)
        .clone()
}

/// An explorer on `org` with entity `id` selected, not yet drawn.
fn explorer(org: Org, id: &str) -> App {
    let selected = org.find_entity(id).unwrap();
    App::new(
        org,
        Options {
            root: Some(selected),
            ..Options::new("hostile.json", AREA)
        },
    )
}

fn render(app: &App, buf: &mut Buffer) {
    buf.reset();
    app.render(AREA, buf);
    black_box(&buf);
}

/// The cases, by name: a shape, its size, and the entity that is hardest to show.
const CASES: [(&str, Shape, usize, &str); 6] = [
    ("chain-20k", Shape::Chain, 20_000, "e19999"),
    ("chain-100k", Shape::Chain, 100_000, "e99999"),
    ("wide-10k", Shape::Wide, 10_000, "e0"),
    ("dense-60", Shape::Dense, 60, "e1"),
    ("random-300", Shape::Random, 300, "e1"),
    ("fraction-chain-3k", Shape::FractionChain, 3_000, "e0"),
];

const ALL: [&str; 6] = [
    "chain-20k",
    "chain-100k",
    "wide-10k",
    "dense-60",
    "random-300",
    "fraction-chain-3k",
];
const CHAINS: [&str; 2] = ["chain-20k", "chain-100k"];
const HOLDINGS: [&str; 3] = ["dense-60", "random-300", "fraction-chain-3k"];

fn case(name: &str) -> (Shape, usize, &'static str) {
    let &(_, shape, n, id) = CASES.iter().find(|c| c.0 == name).unwrap();
    (shape, n, id)
}

mod explorer {
    use super::*;

    /// From the loaded model to the first frame with the hardest entity selected (`--root`):
    /// the explorer's state, the look-through ownership it shows, one full draw.
    #[divan::bench(args = ALL, sample_count = 10, sample_size = 1)]
    fn first_frame(bencher: Bencher, name: &str) {
        let (shape, n, id) = case(name);
        let mut buf = Buffer::empty(AREA);
        bencher
            .with_inputs(|| org(shape, n))
            .bench_local_values(|org| {
                let app = explorer(org, id);
                render(&app, &mut buf);
                app
            });
    }

    /// `E G` on a chain: expand everything, go to the last row, and the frame after.
    #[divan::bench(args = CHAINS, sample_count = 10, sample_size = 1)]
    fn expand_all_and_go_to_the_end(bencher: Bencher, name: &str) {
        let (shape, n, _) = case(name);
        let mut buf = Buffer::empty(AREA);
        bencher
            .with_inputs(|| App::new(org(shape, n), Options::new("hostile.json", AREA)))
            .bench_local_values(|mut app| {
                app.perform(Action::ExpandSubtree);
                app.perform(Action::Last);
                render(&app, &mut buf);
                app
            });
    }

    /// One row down to an entity not shown before (its look-through ownership is computed),
    /// and the frame after.
    #[divan::bench(args = HOLDINGS, sample_count = 10, sample_size = 1)]
    fn one_key(bencher: Bencher, name: &str) {
        let (shape, n, id) = case(name);
        let mut buf = Buffer::empty(AREA);
        bencher
            .with_inputs(|| {
                let app = explorer(org(shape, n), id);
                // The frame before the key: the selected entity's answers are computed.
                render(&app, &mut Buffer::empty(AREA));
                app
            })
            .bench_local_values(|mut app| {
                app.perform(Action::Down);
                render(&app, &mut buf);
                app
            });
    }

    /// `c`, then `+` until the chart is 2,000 levels deep, and its frame.
    #[divan::bench(sample_count = 5, sample_size = 1)]
    fn chart_2000_levels_deep(bencher: Bencher) {
        let mut buf = Buffer::empty(AREA);
        bencher
            .with_inputs(|| {
                App::new(
                    org(Shape::Chain, 20_000),
                    Options::new("hostile.json", AREA),
                )
            })
            .bench_local_values(|mut app| {
                app.perform(Action::ToggleChart);
                for _ in 0..2_000 {
                    app.perform(Action::ChartDeeper);
                }
                render(&app, &mut buf);
                app
            });
    }

    /// `c` on a root with 10,000 units: their stacked column, and its frame.
    #[divan::bench(sample_count = 5, sample_size = 1)]
    fn chart_of_10k_units(bencher: Bencher) {
        let mut buf = Buffer::empty(AREA);
        bencher
            .with_inputs(|| App::new(org(Shape::Wide, 10_000), Options::new("hostile.json", AREA)))
            .bench_local_values(|mut app| {
                app.perform(Action::ToggleChart);
                render(&app, &mut buf);
                app
            });
    }
}

mod dump_all {
    use super::*;

    const FORMATS: [&str; 7] = [
        "tree", "json", "yaml", "dot", "mermaid", "markdown", "chart",
    ];

    fn format(name: &str) -> Format {
        match name {
            "tree" => Format::Tree,
            "json" => Format::Json,
            "yaml" => Format::Yaml,
            "dot" => Format::Dot,
            "mermaid" => Format::Mermaid,
            "markdown" => Format::Markdown,
            _ => Format::Chart,
        }
    }

    fn write(bencher: Bencher, name: &str, format: Format) {
        let (shape, n, _) = case(name);
        let org = org(shape, n);
        let options = DumpOptions {
            format,
            ..DumpOptions::default()
        };
        bencher.bench(|| dump::write(&org, &options, &mut io::sink()).unwrap());
    }

    /// Every format of a chain 100,000 deep.
    #[divan::bench(args = FORMATS, sample_count = 5, sample_size = 1)]
    fn chain_100k(bencher: Bencher, name: &str) {
        write(bencher, "chain-100k", format(name));
    }

    /// Every format of 10,000 units under one root.
    #[divan::bench(args = FORMATS, sample_count = 5, sample_size = 1)]
    fn wide_10k(bencher: Bencher, name: &str) {
        write(bencher, "wide-10k", format(name));
    }

    /// `--format json` (effective owners of every entity) of the ownership shapes.
    #[divan::bench(args = HOLDINGS, sample_count = 5, sample_size = 1)]
    fn json_of_holdings(bencher: Bencher, name: &str) {
        write(bencher, name, Format::Json);
    }
}

mod check {
    use super::*;

    /// `--check` of 20,000 entities that each get a warning quoting the same long line: load,
    /// validate, and render every warning.
    #[divan::bench(sample_count = 5, sample_size = 1)]
    fn twenty_thousand_warnings(bencher: Bencher) {
        bencher
            .with_inputs(|| model_text(Shape::Misdated, 20_000))
            .bench_values(|file| {
                let loaded = load_text(file).unwrap();
                orgtree::diagnostic::render_all(
                    &loaded.warnings,
                    &loaded.file.name,
                    Some(&loaded.file.text),
                )
            });
    }

    /// `--check`: parse, resolve and validate, from a copy of the text.
    #[divan::bench(args = ALL, sample_count = 5, sample_size = 1)]
    fn load(bencher: Bencher, name: &str) {
        let (shape, n, _) = case(name);
        bencher
            .with_inputs(|| model_text(shape, n))
            .bench_values(|file| load_text(file).unwrap());
    }
}
