//! `--dump`: the model written to a stream for scripts and pipes, as a text tree or as JSON,
//! and `--diff`: what changed between two dates. Output is streamed line by line; a closed pipe
//! ends it quietly (see `cli`).

// TODO(architecture): remove once this module is rewritten
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::cast_possible_truncation
)]

mod chart;
mod diff;
mod dot;
mod json;
mod markdown;
mod mermaid;
mod tree;
mod view;
mod yaml;

use std::io::{self, Write};

use crate::model::Day;
use crate::org::{EntityId, Org};
use crate::search;

pub use diff::write as write_diff;

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
}

/// What to dump and how.
#[derive(Debug, Clone, Default)]
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
}

/// The date a dump shows: the one asked for, else the model's own, else today.
pub fn date(org: &Org, options: &DumpOptions) -> Day {
    options
        .as_of
        .or_else(|| org.model.as_of.as_ref().map(|d| d.last_day()))
        .unwrap_or_else(Day::today)
}

/// The entities a dump starts from.
fn starts(org: &Org, options: &DumpOptions) -> Vec<EntityId> {
    match options.root {
        Some(root) => vec![root],
        None => org.roots().collect(),
    }
}

/// Which entities a tree shows: those existing at the date and, with a filter, those matching
/// it (and existing) or leading to such a match. A `--root` asked for is always shown.
fn shown(org: &Org, options: &DumpOptions) -> Vec<bool> {
    let day = Some(date(org, options));
    let exists: Vec<bool> = (0..org.entity_count())
        .map(|n| org.exists_at(EntityId(n as u32), day))
        .collect();
    let mut shown = match options.filter.as_deref() {
        None => exists,
        Some(q) => {
            let found = search::find(org, q, None);
            let marked: Vec<bool> = found
                .matched
                .iter()
                .zip(&exists)
                .map(|(m, e)| *m && *e)
                .collect();
            search::with_ancestors(org, &marked)
                .iter()
                .zip(&exists)
                .map(|(s, e)| *s && *e)
                .collect()
        }
    };
    if let Some(root) = options.root {
        shown[root.0 as usize] = true;
    }
    shown
}

/// How many entities a dump shows, counting a `--root` asked for; none means nothing matched.
pub fn shown_count(org: &Org, options: &DumpOptions) -> usize {
    shown(org, options).iter().filter(|s| **s).count()
}

/// Writes the dump of `org` to `out`.
pub fn write(org: &Org, options: &DumpOptions, out: &mut impl Write) -> io::Result<()> {
    match options.format {
        Format::Tree => tree::write(org, options, out),
        Format::Json => json::write(org, options, out),
        Format::Yaml => yaml::write(org, options, out),
        Format::Dot => dot::write(org, options, out),
        Format::Mermaid => mermaid::write(org, options, out),
        Format::Markdown => markdown::write(org, options, out),
        Format::Chart => chart::write(org, options, out),
    }
}
