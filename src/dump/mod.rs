//! `--dump`: the model written to a stream for scripts and pipes, as a text tree or as JSON.
//! Output is streamed line by line; a closed pipe ends it quietly (see `main`).

mod json;
mod tree;

use std::io::{self, Write};

use crate::model::Day;
use crate::org::{EntityId, Org};

/// The formats `--dump` can write.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Format {
    /// The hierarchy as an indented tree, one entity per line.
    #[default]
    Tree,
    /// The whole resolved model as JSON (see docs/json.md).
    Json,
}

/// What to dump and how.
#[derive(Debug, Clone, Default)]
pub struct DumpOptions {
    pub format: Format,
    /// Draw the tree with ASCII instead of Unicode box-drawing characters.
    pub ascii: bool,
    /// Dump only this entity's subtree.
    pub root: Option<EntityId>,
    /// How many levels to show (1 = the roots only).
    pub depth: Option<usize>,
}

/// The entities a dump starts from.
fn starts(org: &Org, options: &DumpOptions) -> Vec<EntityId> {
    match options.root {
        Some(root) => vec![root],
        None => org.roots().collect(),
    }
}

/// The day whose stakes and roles a dump shows: the model's own date, when it has one.
pub fn as_of(org: &Org) -> Option<Day> {
    org.model.as_of.as_ref().map(|d| d.last_day())
}

/// Writes the dump of `org` to `out`.
pub fn write(org: &Org, options: &DumpOptions, out: &mut impl Write) -> io::Result<()> {
    match options.format {
        Format::Tree => tree::write(org, options, out),
        Format::Json => json::write(org, options, out),
    }
}
