//! `--format svg`: the box org chart as an SVG picture, with no Graphviz and no layout crate.
//! The charts are the ones `--format chart` prints (`dump::chart::each`: the same roots,
//! `--depth`, date, filter, `--width` and `--relations`), already laid out by orgtree's own
//! tidy-tree contour layout (`chart::layout`); this file only scales their geometry
//! (`Chart::shapes`, in cells) to pixels, [`CELL_W`] × [`CELL_H`] a cell, in a monospace font
//! sized so that a character takes a cell, and each text is held to the cells it has
//! (`textLength`) so that no font can push it out of its box. Several roots stack top down,
//! each chart in a group of its own. Every text from the model is sanitized and escaped
//! (`dump::xml`), and the picture is written through [`Lines`] a shape at a time.

use std::io::{self, Write};

use unicode_width::UnicodeWidthStr;

use crate::chart::{Chart, Shapes};
use crate::org::Org;

use super::DumpOptions;
use super::chart::{each, heading};
use super::lines::Lines;
use super::xml::xml;

/// A cell of the chart, in pixels: a monospace character of [`FONT`] px is about 9 px wide.
const CELL_W: f64 = 9.0;
const CELL_H: f64 = 18.0;
const FONT: f64 = 15.0;
/// Cells of blank page around the picture.
const MARGIN: usize = 2;
/// Pixels a box's frame reaches past the middle of its side's cells, so that its text is not
/// against the frame; what ends on its side (a stacked leaf's join) goes under it.
const PAD: f64 = 2.5;

const STYLE: &str = r#"<style>
text { font-family: "DejaVu Sans Mono", Menlo, Consolas, "Liberation Mono", monospace; font-size: FONTpx; dominant-baseline: central; white-space: pre; fill: #222; }
.heading { font-weight: bold; }
.box { fill: #fff; stroke: #555; stroke-width: 1.2; }
.box.selected { stroke: #000; stroke-width: 3; }
.box.former { fill: #f2f2f2; stroke-dasharray: 4 3; }
.name { font-weight: bold; }
.kind { fill: #666; font-style: italic; }
.link { stroke: #555; stroke-width: 1.2; }
text.share { fill: #555; }
rect.share, rect.relation { fill: #fff; }
path.relation { fill: none; stroke: #8a8a8a; stroke-width: 1.2; stroke-dasharray: 3 3; }
text.relation { fill: #666; font-style: italic; }
.arrow { fill: #8a8a8a; }
</style>"#;

/// Pixels from columns (or rows) of cells.
fn px(cells: usize, cell: f64) -> f64 {
    // Charts are far narrower and shorter than 2^52 cells.
    cells as f64 * cell
}

/// The middle of a cell, in pixels.
fn mid(cell: usize, size: f64) -> f64 {
    px(cell, size) + size / 2.0
}

pub fn write(org: &Org, options: &DumpOptions, out: &mut Lines<impl Write>) -> io::Result<()> {
    let heading = heading(org, options);
    // The page's size is written before any chart, so they are all laid out first.
    let mut charts: Vec<Chart> = Vec::new();
    each(org, options, |chart| {
        charts.push(chart);
        Ok(())
    })?;
    let heading_width = crate::sanitize::sanitize(&heading).width();
    let columns = charts
        .iter()
        .map(|c| c.shapes().width)
        .fold(heading_width, usize::max);
    // The heading's row, then each chart after a blank row.
    let rows = 1 + charts.iter().map(|c| c.height + 1).sum::<usize>();
    let (width, height) = (
        px(columns + 2 * MARGIN, CELL_W),
        px(rows + 2 * MARGIN, CELL_H),
    );
    out.line(r#"<?xml version="1.0" encoding="UTF-8"?>"#)?;
    out.line(format_args!(
        r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="{width}" height="{height}">"#
    ))?;
    out.line(format_args!("<title>{}</title>", xml(&heading)))?;
    for line in STYLE.replace("FONT", &FONT.to_string()).lines() {
        out.line(line)?;
    }
    out.line(
        r#"<defs><marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path class="arrow" d="M0,0 L10,5 L0,10 z"/></marker></defs>"#,
    )?;
    out.line(format_args!(
        r##"<rect width="{width}" height="{height}" fill="#fff"/>"##
    ))?;
    text(out, Some("heading"), (MARGIN, MARGIN), &heading)?;
    let mut top = MARGIN + 2;
    for chart in charts {
        out.line(format_args!(
            r#"<g transform="translate({} {})">"#,
            px(MARGIN, CELL_W),
            px(top, CELL_H)
        ))?;
        draw(out, &chart.shapes())?;
        out.line("</g>")?;
        top += chart.height + 1;
    }
    out.line("</svg>")
}

/// One chart, in its own cells: relations under everything, then the links, the boxes and
/// what they say, then the words on the lines.
fn draw(out: &mut Lines<impl Write>, shapes: &Shapes) -> io::Result<()> {
    for route in &shapes.relations {
        let [first, last] = route.borders;
        let mut points = vec![first];
        points.extend_from_slice(route.points);
        points.push(last);
        points.dedup();
        let mut d = String::new();
        for (k, (x, y)) in points.into_iter().enumerate() {
            let step = if k == 0 { 'M' } else { 'L' };
            d.push_str(&format!("{step}{} {} ", mid(x, CELL_W), mid(y, CELL_H)));
        }
        out.line(format_args!(
            r#"<path class="relation" d="{}" marker-end="url(#arrow)"><title>{}</title></path>"#,
            d.trim_end(),
            xml(route.word)
        ))?;
    }
    for s in &shapes.links {
        out.line(format_args!(
            r#"<line class="link" x1="{}" y1="{}" x2="{}" y2="{}"/>"#,
            mid(s.from.0, CELL_W),
            mid(s.from.1, CELL_H),
            mid(s.to.0, CELL_W),
            mid(s.to.1, CELL_H)
        ))?;
    }
    for b in &shapes.boxes {
        let mut class = String::from("box");
        if b.selected {
            class.push_str(" selected");
        }
        if b.former {
            class.push_str(" former");
        }
        // The frame runs through the middles of the box's top and bottom cells, where the
        // links and relations end.
        out.line(format_args!(
            r#"<rect class="{class}" x="{}" y="{}" width="{}" height="{}" rx="4"/>"#,
            mid(b.x, CELL_W) - PAD,
            mid(b.y, CELL_H),
            px(b.width - 1, CELL_W) + 2.0 * PAD,
            px(b.height - 1, CELL_H)
        ))?;
        for (i, line) in b.lines.iter().enumerate() {
            let class = if i < b.name_lines {
                Some("name")
            } else if i == b.kind_line() {
                Some("kind")
            } else {
                None
            };
            text(out, class, (b.x + 1, b.y + 1 + i), line)?;
        }
    }
    for share in &shapes.shares {
        text(out, Some("share"), (share.x, share.y), share.text)?;
    }
    for route in &shapes.relations {
        if let Some(at) = route.at {
            text(out, Some("relation"), at, route.word)?;
        }
    }
    Ok(())
}

/// `text` from the left of cell `(x, y)`, held to as many cells as it takes in a terminal; a
/// share or a relation's word on a blank of its own, as it covers the line it is on.
fn text(
    out: &mut Lines<impl Write>,
    class: Option<&str>,
    (x, y): (usize, usize),
    text: &str,
) -> io::Result<()> {
    let cells = crate::sanitize::sanitize(text).width();
    if cells == 0 {
        return Ok(());
    }
    if let Some(on_line @ ("share" | "relation")) = class {
        out.line(format_args!(
            r#"<rect class="{on_line}" x="{}" y="{}" width="{}" height="{CELL_H}"/>"#,
            px(x, CELL_W),
            px(y, CELL_H),
            px(cells, CELL_W)
        ))?;
    }
    let class = class
        .map(|c| format!(r#" class="{c}""#))
        .unwrap_or_default();
    out.line(format_args!(
        r#"<text{class} x="{}" y="{}" textLength="{}" lengthAdjust="spacingAndGlyphs">{}</text>"#,
        px(x, CELL_W),
        mid(y, CELL_H),
        px(cells, CELL_W),
        xml(text)
    ))
}
