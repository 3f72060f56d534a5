//! `--format chart`: the box org chart as text, as the explorer draws it — one chart per root
//! (or the `--root`), `--depth` levels deep, as of the date, showing what the tree dump shows:
//! with `--filter`, the matches and the way to them — fitted to `--width` (else `COLUMNS`, else
//! the terminal, else 120 columns), with the relations drawn over it under `--relations`.
//! `--format svg` draws the same charts ([`each`]) as a picture.

use std::io::{self, Write};

use crate::chart::{Chart, Request};
use crate::org::Org;

use super::lines::Lines;
use super::{DumpOptions, counted, date, shown, starts};

pub fn write(org: &Org, options: &DumpOptions, out: &mut Lines<impl Write>) -> io::Result<()> {
    out.line(heading(org, options))?;
    each(org, options, |chart| {
        out.blank()?;
        chart.rows(|row| out.line(row))
    })
}

/// What a chart dump is headed with: the model's title, the date and the filter, if any.
pub(super) fn heading(org: &Org, options: &DumpOptions) -> String {
    let mut heading = format!("{} — as of {}", org.model.title, date(org, options));
    if let Some(q) = &options.filter {
        heading.push_str(&format!(" — filter: {q}"));
    }
    heading
}

/// Lays out each chart a chart dump draws, in order, and gives it to `each`: one per root
/// shown (or the `--root`), as the options ask, one at a time.
pub(super) fn each(
    org: &Org,
    options: &DumpOptions,
    mut each: impl FnMut(Chart) -> io::Result<()>,
) -> io::Result<()> {
    let day = date(org, options);
    let (tree, heads) = counted(org, options);
    let shown = shown(org, &tree, options);
    for root in starts(&tree, options) {
        if !shown.contains(root) {
            continue;
        }
        each(Chart::new(&Request {
            org,
            root,
            depth: options.depth.map_or(usize::MAX, |d| d.saturating_sub(1)),
            day,
            selected: None,
            room: options.width.unwrap_or(super::DEFAULT_WIDTH),
            only: &shown,
            heads: Some(&heads),
            relations: options.graph.relations,
        }))?;
    }
    Ok(())
}
