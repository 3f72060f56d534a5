//! The box chart as a reader meets it: hostile text in every part of a box and a link, widths
//! from a phone-sized terminal to a wide screen, `--width` and `COLUMNS` for the dump.

use crate::common;

use orgtree::dump::{DumpOptions, Format, Graph};
use orgtree::sanitize::is_unsafe;
use unicode_width::UnicodeWidthStr;

/// Escapes, bidi controls and OSC 52 in a name, a kind, a leader's title and name, an owner's
/// name, a beneficiary (on the link's share) and a relation's word.
const HOSTILE: &str = "title: t
people:
  - {id: p, name: \"Mallory\\e[2J\\u202e\"}
entities:
  - {id: top, name: \"Top\\e]52;c;eA==\\a plc\", kind: group}
  - {id: sub, name: \"Sub \\u202egnp.exe\", kind: \"c\\e[31mompany\", parent: top}
  - {id: leaf1, name: Leaf one, kind: team, parent: top}
  - {id: leaf2, name: Leaf two, kind: team, parent: top}
  - {id: state, name: \"State\\e[1m\", kind: state}
  - {id: other, name: \"Other\\u2066\", kind: company}
roles:
  - {person: p, entity: sub, title: \"CEO\\e[5m\"}
stakes:
  - {owner: top, owned: sub, share: 60%, on_behalf_of: state}
  - {owner: other, owned: sub, share: 40%}
relations:
  - {kind: \"partner\\e]8;;http://x\\a\", from: sub, to: leaf1}
";

fn chart(width: usize, relations: bool) -> String {
    let org = common::load("hostile.yaml", HOSTILE);
    let options = DumpOptions {
        format: Format::Chart,
        width: Some(width),
        graph: Graph {
            relations,
            ..Graph::default()
        },
        ..DumpOptions::default()
    };
    common::dump_with(&org, &options)
}

#[test]
fn hostile_text_is_escaped_in_every_part_of_the_chart() {
    for width in [20, 40, 80, 140, 220] {
        let text = chart(width, true);
        if let Some(c) = text.chars().find(|&c| c != '\n' && is_unsafe(c)) {
            panic!("{c:?} reached the chart at {width}:\n{text}");
        }
    }
    // At 220 columns every part is whole, and escaped.
    let wide = chart(220, true);
    for part in [
        "CEO\\u{1b}[5m: Mallory\\u{1b}[2J\\u{202e}",
        "60 % for State\\u{1b}[1m",
        "+ Other\\u{2066} 40 %",
        "partner\\u{1b}]8;;",
        "Sub \\u{202e}gnp.exe",
        "c\\u{1b}[31mompany",
    ] {
        assert!(wide.contains(part), "{part}:\n{wide}");
    }
}

#[test]
fn a_wider_page_gives_wider_boxes_and_no_line_is_wider_than_the_page_needs() {
    let org = orgtree::load::load_embedded().unwrap().org;
    let mut widths = Vec::new();
    for width in [80, 140, 220] {
        let options = DumpOptions {
            format: Format::Chart,
            width: Some(width),
            ..DumpOptions::default()
        };
        let text = common::dump_with(&org, &options);
        // Names that were cut at 22 columns are whole once there is room.
        if width >= 140 {
            assert!(text.contains("│Orange Business Services│"), "{text}");
            assert!(text.contains("Val-de-Reuil datacenter│"), "{text}");
        }
        let widest = text.lines().skip(1).map(UnicodeWidthStr::width).max();
        widths.push(widest.unwrap_or(0));
    }
    assert!(widths[0] <= 80, "{widths:?}");
    assert!(widths[0] < widths[2], "{widths:?}");
}

#[test]
fn the_dump_fits_width_or_columns() {
    let run = |args: &[&str], columns: Option<&str>| {
        let mut cmd = common::orgtree();
        cmd.args(["--format", "chart"]).args(args);
        cmd.env_remove("COLUMNS");
        if let Some(c) = columns {
            cmd.env("COLUMNS", c);
        }
        let out = cmd.output().unwrap();
        assert!(out.status.success(), "{out:?}");
        let text = String::from_utf8(out.stdout).unwrap();
        text.lines()
            .skip(1)
            .map(UnicodeWidthStr::width)
            .max()
            .unwrap_or(0)
    };
    let narrow = run(&["--width", "60"], None);
    let by_columns = run(&[], Some("60"));
    let flag_wins = run(&["--width", "60"], Some("220"));
    assert_eq!(narrow, by_columns);
    assert_eq!(narrow, flag_wins);
    assert!(run(&[], Some("220")) > narrow);
    let bad = common::orgtree()
        .args(["--format", "chart", "--width", "3"])
        .output()
        .unwrap();
    assert_eq!(bad.status.code(), Some(2));
}
