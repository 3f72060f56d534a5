//! `--format chart`: the box org chart as text, as the explorer draws it — one chart per root
//! (or the `--root`), `--depth` levels deep, as of the date.

use std::io::{self, Write};

use crate::chart::{Chart, Request};
use crate::org::Org;

use super::{DumpOptions, date, shown, starts};

/// The width a printed chart tries to fit in.
const ROOM: usize = 120;

pub fn write(org: &Org, options: &DumpOptions, out: &mut impl Write) -> io::Result<()> {
    let day = date(org, options);
    let only = options.filter.is_some().then(|| shown(org, options));
    writeln!(
        out,
        "{} — as of {day}",
        crate::sanitize::sanitize(&org.model.title)
    )?;
    for root in starts(org, options) {
        let hidden = only.as_ref().is_some_and(|o| !o[root.0 as usize]);
        if (!org.exists_at(root, Some(day)) || hidden) && options.root.is_none() {
            continue;
        }
        let chart = Chart::new(&Request {
            org,
            root,
            depth: options.depth.map_or(usize::MAX, |d| d.saturating_sub(1)),
            day,
            selected: None,
            room: ROOM,
            only: only.as_deref(),
        });
        writeln!(out)?;
        chart.write_text(out)?;
    }
    Ok(())
}
