//! Every competing value `--check` accepts is on screen in the explorer — a stake's `amount` and
//! `start`, a role's `start`, a relation's, an event's — and a competing share never wraps in
//! the middle of a number.

use std::path::Path;

use orgtree::app::{App, Options};
use orgtree::headless::press;
use orgtree::load::{Limits, load_file};
use orgtree::org::Org;
use ratatui::layout::Rect;

fn disputed() -> Org {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/models/competing.yaml");
    load_file(&path, Limits::default())
        .map_err(|e| e.render())
        .unwrap()
        .org
}

/// The detail pane's lines for Acme Cloud, the second row, on a screen `width` wide.
fn cloud_page(width: u16) -> Vec<String> {
    let mut app = App::new(
        disputed(),
        Options::new("competing.yaml", Rect::new(0, 0, width, 60)),
    );
    press(&mut app, "j").unwrap();
    app.document().lines.iter().map(|l| l.text()).collect()
}

#[test]
fn every_competing_value_is_on_the_page() {
    let org = disputed();
    let page = cloud_page(500).join("\n");
    let m = &org.model;
    let all = m.entities.iter().flat_map(|e| &e.more().competing);
    let all = all
        .chain(m.stakes.iter().flat_map(|s| &s.competing))
        .chain(m.roles.iter().flat_map(|r| &r.competing))
        .chain(m.relations.iter().flat_map(|r| &r.competing))
        .chain(m.events.iter().flat_map(|e| &e.competing));
    let mut seen = 0;
    for c in all {
        let value = orgtree::words::competing_value(&c.field, &c.value);
        assert!(page.contains(&value), "{} {value}\n{page}", c.field.value);
        seen += 1;
    }
    assert_eq!(seen, 9);
    for said in [
        "also reported: 4/9 (44.4 %) [2], 20–25 % [2]; amount also reported: 80000000 [2]; start also reported: 2012-10 [2] (the closing date)",
        "CEO — Ada Lovelace, since 2013-01 [1]; also reported: Chief executive (source not named); start also reported: 2012-11 [2]",
        "competitor of Rival (since 2013); start also reported: 2014 [2]",
        "Acme Cloud is set up [1]; date also reported: 2012-10 [2]",
    ] {
        assert!(page.contains(said), "{said}\n{page}");
    }
}

#[test]
fn a_competing_share_never_wraps_inside() {
    for width in 50..=110 {
        let page = cloud_page(width);
        for whole in ["4/9 (44.4 %)", "20–25 %"] {
            assert!(
                page.iter().any(|line| line.contains(whole)),
                "{whole} broken at width {width}:\n{}",
                page.join("\n")
            );
        }
    }
}
