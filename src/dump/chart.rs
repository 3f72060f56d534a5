//! `--format chart`: the box org chart as text, as the explorer draws it — one chart per root
//! (or the `--root`), `--depth` levels deep, as of the date, showing what the tree dump shows:
//! with `--filter`, the matches and the way to them — fitted to `--width` (else `COLUMNS`, else
//! the terminal, else 120 columns), with the relations drawn over it under `--relations`.

use std::io::{self, Write};

use crate::chart::{Chart, Request};
use crate::org::Org;

use super::lines::Lines;
use super::{DumpOptions, counted, date, shown, starts};

pub fn write(org: &Org, options: &DumpOptions, out: &mut Lines<impl Write>) -> io::Result<()> {
    let day = date(org, options);
    let (tree, heads) = counted(org, options);
    let shown = shown(org, &tree, options);
    let mut header = format!("{} — as of {day}", org.model.title);
    if let Some(q) = &options.filter {
        header.push_str(&format!(" — filter: {q}"));
    }
    out.line(&header)?;
    for root in starts(&tree, options) {
        if !shown.contains(root) {
            continue;
        }
        let chart = Chart::new(&Request {
            org,
            root,
            depth: options.depth.map_or(usize::MAX, |d| d.saturating_sub(1)),
            day,
            selected: None,
            room: options.width.unwrap_or(super::DEFAULT_WIDTH),
            only: &shown,
            heads: Some(&heads),
            relations: options.graph.relations,
        });
        out.blank()?;
        chart.rows(|row| out.line(row))?;
    }
    Ok(())
}
