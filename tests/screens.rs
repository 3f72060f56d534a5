//! Whole-screen snapshots of the explorer, drawn on ratatui's `TestBackend`. The selection is
//! visible as text (the `▶` marker), so each snapshot shows where the explorer stands.

use std::path::Path;

use orgtree::app::App;
use orgtree::headless::{draw, press};
use orgtree::load::{Limits, load_embedded, load_file};
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier};

fn shipped(cols: u16, rows: u16, keys: &str) -> App {
    let loaded = load_embedded().map_err(|e| e.render()).unwrap();
    let mut app = App::new(
        loaded.org,
        "orange-cloud.yaml".into(),
        Rect::new(0, 0, cols, rows),
    );
    press(&mut app, keys).unwrap();
    app
}

fn fixture(name: &str, cols: u16, rows: u16, keys: &str) -> App {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/models")
        .join(name);
    let loaded = load_file(&path, Limits::default())
        .map_err(|e| e.render())
        .unwrap();
    let mut app = App::new(loaded.org, name.into(), Rect::new(0, 0, cols, rows));
    press(&mut app, keys).unwrap();
    app
}

#[test]
fn first_screen_80x24() {
    insta::assert_snapshot!(draw(&shipped(80, 24, "")).backend());
}

#[test]
fn first_screen_120x40() {
    insta::assert_snapshot!(draw(&shipped(120, 40, "")).backend());
}

#[test]
fn cloudwatt_and_its_cap_table() {
    // Orange → Orange Business Services → Orange Cyberdefense → Cloudwatt.
    insta::assert_snapshot!(draw(&shipped(120, 40, "jjj")).backend());
}

#[test]
fn help_overlay() {
    insta::assert_snapshot!(draw(&shipped(80, 24, "?")).backend());
}

#[test]
fn detail_pane_scrolled() {
    // Cloudwatt, focus on the detail pane, half a page down.
    insta::assert_snapshot!(draw(&shipped(80, 24, "jjj<Tab><C-d>")).backend());
}

#[test]
fn long_and_wide_names() {
    insta::assert_snapshot!(draw(&fixture("wide-names.yaml", 80, 24, "jj")).backend());
}

#[test]
fn too_small_20x5() {
    insta::assert_snapshot!(draw(&shipped(20, 5, "jjj")).backend());
}

#[test]
fn one_by_one() {
    insta::assert_snapshot!(draw(&shipped(1, 1, "jjj")).backend());
}

#[test]
fn the_selected_row_is_reversed_and_kinds_are_coloured() {
    let terminal = draw(&shipped(80, 24, "jjj"));
    let buffer = terminal.backend().buffer();
    // Cloudwatt is the fourth tree row, screen row 5; the marker sits inside the border.
    assert_eq!(buffer[(1, 5)].symbol(), "▶");
    assert!(buffer[(1, 5)].modifier.contains(Modifier::REVERSED));
    assert!(!buffer[(1, 4)].modifier.contains(Modifier::REVERSED));
    // Its kind badge, `co`, is drawn in the company colour.
    let row: String = (0..32).map(|x| buffer[(x, 5)].symbol()).collect();
    let badge = row
        .find(" co ")
        .map(|i| row[..i].chars().count() as u16 + 1)
        .unwrap();
    assert_eq!(buffer[(badge, 5)].fg, Color::Blue, "{row}");
}

#[test]
fn no_escape_sequence_from_the_model_reaches_the_screen() {
    let terminal = draw(&fixture("wide-names.yaml", 80, 24, "jj"));
    for cell in terminal.backend().buffer().content() {
        assert!(
            !cell
                .symbol()
                .chars()
                .any(|c| c.is_control() || ('\u{202a}'..='\u{202e}').contains(&c)),
            "{:?}",
            cell.symbol()
        );
    }
}
