//! `--dump`: the model written to a stream for scripts and pipes, as a text tree or as JSON,
//! and `--diff`: what changed between two dates. Output is streamed line by line; a closed pipe
//! ends it quietly (see `cli`).

mod chart;
mod csv;
pub mod diff;
mod dot;
mod graphml;
mod json;
mod lines;
mod markdown;
mod mermaid;
mod owners;
mod svg;
mod tree;
mod view;
mod xml;
mod yaml;

use std::io::{self, Write};
use std::sync::Arc;

use crate::model::Day;
use crate::org::{EntityId, Org, Placing, Tree};
use crate::search;
use crate::visibility::{Visible, When};

pub use diff::write as write_diff;
use lines::Lines;
pub use yaml::stubs as yaml_stubs;
pub use yaml::write_imported as write_model_yaml;

/// The formats `--dump` can write: the values of `--format`, whose help these lines are.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum Format {
    /// An indented tree, one entity per line.
    #[default]
    Tree,
    /// The whole resolved model as JSON.
    Json,
    /// The model written back as a model file.
    Yaml,
    /// A Graphviz graph (render it with `dot -Tsvg`).
    Dot,
    /// A Mermaid flowchart.
    Mermaid,
    /// A nested Markdown list with owners and leaders, and a table of sources.
    Markdown,
    /// The box org chart as text.
    Chart,
    /// A flat table (id, parent, name, kind, leader, post, attributes) that reads back in.
    Csv,
    /// Who owns each entity, upward to its ultimate owners, with look-through and control.
    Owners,
    /// The graph DOT draws, as GraphML (for Gephi, yEd, Cytoscape, networkx).
    Graphml,
    /// The box org chart as an SVG picture (no Graphviz needed).
    Svg,
}

/// What to dump and how.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DumpOptions {
    pub format: Format,
    /// Draw the tree with ASCII instead of Unicode box drawing.
    pub ascii: bool,
    /// Dump only this entity's subtree.
    pub root: Option<EntityId>,
    /// How many levels to show (1 = the roots only).
    pub depth: Option<usize>,
    /// The date to show the model at; the model's own date (or today) when `None`.
    pub as_of: Option<Day>,
    /// Show only the entities matching this search, and their ancestors.
    pub filter: Option<String>,
    /// The order of children under their parent (`--sort`): the model's unless asked.
    pub sort: crate::headcount::Order,
    /// How the graphs (DOT, Mermaid) are drawn.
    pub graph: Graph,
    /// The columns the box chart tries to fit in: `--width`, `COLUMNS` or the terminal's, as
    /// the command line found them; [`DEFAULT_WIDTH`] when none.
    pub width: Option<usize>,
}

/// A graph export's title: the model's and the date, and with `--owners`, whose owners; raw,
/// for each format to escape.
pub(super) fn graph_title(org: &Org, options: &DumpOptions, day: Day) -> String {
    match (options.graph.owners, options.root) {
        (true, Some(root)) => format!(
            "{} — who owns {}, as of {day}",
            org.model.title,
            org.name_on(root, day)
        ),
        _ => format!("{} — as of {day}", org.model.title),
    }
}

/// The columns a chart tries to fit in when nothing says how wide the page is.
pub const DEFAULT_WIDTH: usize = 120;

/// How the graph exports are drawn: `--relations`, `--cluster`, `--rankdir`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Graph {
    /// Draw the relations between entities in view (merged into, partner, client of…).
    pub relations: bool,
    /// Draw each subtree as a box around its units.
    pub cluster: bool,
    /// The direction the hierarchy goes.
    pub rankdir: Rankdir,
    /// Draw who owns the root, upward, instead of the hierarchy (`--owners`).
    pub owners: bool,
    /// Draw the entities that do not exist at the date too, dimmed, under their parents as
    /// written (`--former`).
    pub former: bool,
}

/// `--rankdir`: the hierarchy from top to bottom, or from left to right.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum Rankdir {
    #[default]
    #[value(name = "TB", alias = "tb")]
    Tb,
    #[value(name = "LR", alias = "lr")]
    Lr,
}

impl Rankdir {
    /// The word DOT and Mermaid both use.
    pub fn word(self) -> &'static str {
        match self {
            Rankdir::Tb => "TB",
            Rankdir::Lr => "LR",
        }
    }
}

/// The date a dump shows: the one asked for, else the model's own, else today.
pub fn date(org: &Org, options: &DumpOptions) -> Day {
    options
        .as_of
        .or_else(|| org.model.as_of.as_ref().map(|d| d.last_day()))
        .unwrap_or_else(Day::today)
}

/// The entities a dump starts from.
fn starts(tree: &Tree, options: &DumpOptions) -> Vec<EntityId> {
    match options.root {
        Some(root) => vec![root],
        None => tree.roots().collect(),
    }
}

/// The tree the text formats draw: at the dump's date, each entity under its nearest ancestor
/// that exists then.
fn tree(org: &Org, options: &DumpOptions) -> Arc<Tree> {
    sorted(org, options, &crate::headcount::Cache::new())
}

/// The tree of [`tree`], its children in the `--sort` order, and its counts at the date.
fn counted(org: &Org, options: &DumpOptions) -> (Arc<Tree>, Arc<crate::headcount::Headcount>) {
    let cache = crate::headcount::Cache::new();
    let tree = sorted(org, options, &cache);
    let heads = cache.counts(org, &tree, date(org, options));
    (tree, heads)
}

/// The dump's tree in the `--sort` order, through `cache` (which counts only for a
/// headcount order).
fn sorted(org: &Org, options: &DumpOptions, cache: &crate::headcount::Cache) -> Arc<Tree> {
    let day = date(org, options);
    cache.sorted(
        org,
        &org.tree(day, Placing::UnderExisting),
        day,
        options.sort,
    )
}

/// Which entities a dump shows: the rule of [`Visible`] at the dump's date, in `tree`, with
/// the `--filter`'s matches. A `--root` asked for is always shown.
fn shown<'a>(org: &'a Org, tree: &'a Tree, options: &DumpOptions) -> Visible<'a> {
    let found = options
        .filter
        .as_deref()
        .map(|q| search::find(org, tree, q, None));
    let matched = found.as_ref().map(|f| &f.matched);
    // Graphs asked for former entities show everything, whatever its dates (`--former`).
    let when = if options.graph.former {
        When::Any
    } else {
        When::On(date(org, options))
    };
    let mut shown = Visible::new(org, tree, when, matched);
    if let Some(root) = options.root {
        shown.include(root);
    }
    shown
}

/// How many entities a dump shows, counting a `--root` asked for; none means nothing matched.
pub fn shown_count(org: &Org, options: &DumpOptions) -> usize {
    shown(org, &tree(org, options), options).count()
}

/// Writes the dump of `org` to `out`.
pub fn write<W: Write>(org: &Org, options: &DumpOptions, out: &mut W) -> io::Result<()> {
    // JSON and YAML escape by their own rules, CSV sanitizes each cell; every other format is given only `Lines`, which
    // sanitizes each line whole.
    type Human<W> = fn(&Org, &DumpOptions, &mut Lines<W>) -> io::Result<()>;
    let human: Human<&mut W> = match options.format {
        Format::Json => return json::write(org, options, out),
        Format::Yaml => return yaml::write(org, options, out),
        Format::Csv => return csv::write(org, options, out),
        Format::Tree => tree::write,
        Format::Dot => dot::write,
        Format::Mermaid => mermaid::write,
        Format::Markdown => markdown::write,
        Format::Chart => chart::write,
        Format::Owners => owners::write,
        Format::Graphml => graphml::write,
        Format::Svg => svg::write,
    };
    human(org, options, &mut Lines::new(out))
}
