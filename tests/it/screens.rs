//! Whole-screen snapshots of the explorer, drawn on ratatui's `TestBackend`. The selection is
//! visible as text (the `▶` marker), so each snapshot shows where the explorer stands.

use std::path::Path;

use orgtree::app::{App, Options, Target};
use orgtree::headless::{draw, press};
use orgtree::load::{Limits, load_embedded, load_file};
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier};

fn shipped(cols: u16, rows: u16, keys: &str) -> App {
    shipped_with(
        Options::new("orange-cloud.yaml", Rect::new(0, 0, cols, rows)),
        keys,
    )
}

fn shipped_with(options: Options, keys: &str) -> App {
    let loaded = load_embedded().map_err(|e| e.render()).unwrap();
    let mut app = App::new(loaded.org, options);
    press(&mut app, keys).unwrap();
    app
}

/// Moves the detail pane's cursor with `j` until `until` holds; panics when it never does.
fn step_until(app: &mut App, until: impl Fn(&App) -> bool) {
    for _ in 0..500 {
        if until(app) {
            return;
        }
        press(app, "j").unwrap();
    }
    panic!("never reached");
}

fn fixture(name: &str, cols: u16, rows: u16, keys: &str) -> App {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/models")
        .join(name);
    let loaded = load_file(&path, Limits::default())
        .map_err(|e| e.render())
        .unwrap();
    let mut app = App::new(loaded.org, Options::new(name, Rect::new(0, 0, cols, rows)));
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

/// The column where `text` starts on screen row `y` (of its first 32 columns), and the row.
fn column_of(buffer: &ratatui::buffer::Buffer, y: u16, text: &str) -> (u16, String) {
    let row: String = (0..32).map(|x| buffer[(x, y)].symbol()).collect();
    let at = row
        .find(text)
        .map(|i| u16::try_from(row[..i].chars().count()).unwrap())
        .unwrap_or_else(|| panic!("no {text:?} in {row}"));
    (at, row)
}

#[test]
fn the_selected_row_is_reversed_and_kinds_are_coloured() {
    let terminal = draw(&shipped(80, 24, "jjj"));
    let buffer = terminal.backend().buffer();
    // Cloudwatt is the fourth tree row, screen row 5; the marker sits inside the border.
    assert_eq!(buffer[(1, 5)].symbol(), "▶");
    assert!(buffer[(1, 5)].modifier.contains(Modifier::REVERSED));
    assert!(!buffer[(1, 4)].modifier.contains(Modifier::REVERSED));
    // Its kind, `company`, is drawn in the company colour.
    let (kind, row) = column_of(buffer, 5, " company");
    assert_eq!(buffer[(kind + 1, 5)].fg, Color::Blue, "{row}");
}

#[test]
fn the_theme_draws_the_styles_it_names() {
    use orgtree::theme::{Choice, Table, Variant};
    let mut theme = Choice::of(Variant::Light);
    theme.set(Table::Light, "company", "italic 130").unwrap();
    theme.set(Table::Styles, "selected", "bold on 153").unwrap();
    // A style for the other variant changes nothing here.
    theme.set(Table::Dark, "border", "red").unwrap();
    let app = shipped_with(
        Options {
            theme,
            ..Options::new("orange-cloud.yaml", Rect::new(0, 0, 80, 24))
        },
        "jjj",
    );
    let terminal = draw(&app);
    let buffer = terminal.backend().buffer();
    // The selected row: its own style, not reversed.
    assert_eq!(buffer[(1, 5)].bg, Color::Indexed(153));
    assert!(buffer[(1, 5)].modifier.contains(Modifier::BOLD));
    assert!(!buffer[(1, 5)].modifier.contains(Modifier::REVERSED));
    let (kind, row) = column_of(buffer, 5, " company");
    assert_eq!(buffer[(kind + 1, 5)].fg, Color::Indexed(130), "{row}");
    assert!(buffer[(kind + 1, 5)].modifier.contains(Modifier::ITALIC));
    // The light variant's border: the focused tree pane's, blue.
    assert_eq!(buffer[(0, 2)].fg, Color::Blue);
}

#[test]
fn a_selection_of_colour_alone_is_reversed_without_colour() {
    use orgtree::theme::{Choice, Table, Variant};
    let mut theme = Choice::of(Variant::Dark);
    theme.set(Table::Styles, "selected", "on #ffff00").unwrap();
    let app = shipped_with(
        Options {
            color: false,
            theme,
            ..Options::new("orange-cloud.yaml", Rect::new(0, 0, 80, 24))
        },
        "jjj",
    );
    let terminal = draw(&app);
    assert!(
        terminal.backend().buffer()[(1, 5)]
            .modifier
            .contains(Modifier::REVERSED)
    );
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

// Search, relations and history, time travel, effective ownership.

#[test]
fn search_while_typing() {
    // Only matches and their ancestors; the counter says which match is selected.
    insta::assert_snapshot!(draw(&shipped(80, 24, "/cloud")).backend());
}

#[test]
fn search_kept_and_next_match() {
    insta::assert_snapshot!(draw(&shipped(80, 24, "/cloud<Enter>n")).backend());
}

#[test]
fn search_highlights_matched_characters() {
    let terminal = draw(&shipped(80, 24, "/cwt"));
    let buffer = terminal.backend().buffer();
    // The tree's rows start below the title bar and the pane's border.
    let row = (2..24)
        .find(|&y| {
            (0..32)
                .map(|x| buffer[(x, y)].symbol())
                .collect::<String>()
                .contains("Cloudwatt")
        })
        .unwrap();
    let line: Vec<&str> = (0..32).map(|x| buffer[(x, row)].symbol()).collect();
    let c = u16::try_from(line.iter().position(|s| *s == "C").unwrap()).unwrap();
    assert!(
        buffer[(c, row)].modifier.contains(Modifier::UNDERLINED),
        "C is matched"
    );
    assert!(
        !buffer[(c + 1, row)].modifier.contains(Modifier::UNDERLINED),
        "l is not"
    );
}

#[test]
fn following_an_owner_and_coming_back() {
    // Cloudwatt, `o` to its owners, Enter follows Orange…
    let there = shipped(100, 30, "jjjo<Enter>");
    insta::assert_snapshot!("followed_to_orange", draw(&there).backend());
    // …and `[` comes back to Cloudwatt, the cursor where it was.
    insta::assert_snapshot!(
        "back_on_cloudwatt",
        draw(&shipped(100, 30, "jjjo<Enter>[")).backend()
    );
}

#[test]
fn a_person_and_their_roles() {
    // From the first page, the cursor to the first link to him, and Enter.
    let mut app = shipped(100, 24, "<Tab>");
    let starck = Target::Person(app.org().find_person("patrick-starck").unwrap());
    step_until(&mut app, |app| {
        app.cursor()
            .is_some_and(|c| app.document().links[c].target == starck)
    });
    press(&mut app, "<Enter><Tab>").unwrap();
    assert_eq!(app.subject(), starck);
    insta::assert_snapshot!(draw(&app).backend());
}

#[test]
fn timeline_overlay() {
    insta::assert_snapshot!(draw(&shipped(100, 30, "jjjt")).backend());
}

#[test]
fn cloudwatt_before_and_after_orange_takes_it_all() {
    // `<` steps back to the event before the model's date (2014-04-28), `>` forward to the
    // closing of the purchase (2015-03-16): the cap table changes.
    insta::assert_snapshot!(
        "cloudwatt_2014",
        draw(&shipped(100, 40, "jjj<lt>")).backend()
    );
    insta::assert_snapshot!(
        "cloudwatt_2015",
        draw(&shipped(100, 40, "jjj<gt>")).backend()
    );
}

#[test]
fn effective_owners_of_cloudwatt() {
    // The detail pane scrolled to the look-through owners: the State holds through the CDC.
    let mut app = shipped(100, 30, "jjj<Tab>");
    let at = app
        .document()
        .lines
        .iter()
        .position(|l| l.text().contains("Effective owners"))
        .unwrap();
    step_until(&mut app, |app| app.detail_scroll() == at.saturating_sub(1));
    // Back to the tree: the pane stays where it was scrolled, without its cursor.
    press(&mut app, "<Tab>").unwrap();
    insta::assert_snapshot!(draw(&app).backend());
}

#[test]
fn entities_outside_the_date_are_hidden_or_dimmed() {
    // In 2010 Cloudwatt did not exist yet: hidden, then shown dimmed with `D`.
    let in_2010 = Options {
        as_of: Some(
            "2010-06-30"
                .parse::<orgtree::model::PartialDate>()
                .unwrap()
                .first_day(),
        ),
        ..Options::new("orange-cloud.yaml", Rect::new(0, 0, 80, 20))
    };
    let mut app = shipped_with(in_2010, "");
    insta::assert_snapshot!("hidden_in_2010", draw(&app).backend());
    press(&mut app, "D").unwrap();
    insta::assert_snapshot!("dimmed_in_2010", draw(&app).backend());
}

#[test]
fn without_colour_only_bold_underline_and_reverse_remain() {
    let app = shipped_with(
        Options {
            color: false,
            ..Options::new("orange-cloud.yaml", Rect::new(0, 0, 80, 24))
        },
        "jjj",
    );
    let terminal = draw(&app);
    let buffer = terminal.backend().buffer();
    assert!(
        buffer
            .content()
            .iter()
            .all(|c| c.fg == Color::Reset && c.bg == Color::Reset)
    );
    assert!(
        buffer[(1, 5)].modifier.contains(Modifier::REVERSED),
        "the selection still shows"
    );
}

// The box chart.

#[test]
fn chart_of_the_shipped_model_120x40() {
    insta::assert_snapshot!(draw(&shipped(120, 40, "c")).backend());
}

#[test]
fn chart_walked_and_deepened_80x24() {
    // j, one level more, j: straight down from Orange to the boxes in line under it.
    insta::assert_snapshot!(draw(&shipped(80, 24, "cj+j")).backend());
}

#[test]
fn chart_of_a_wide_organisation_stacks_its_leaves() {
    insta::assert_snapshot!(draw(&fixture("wide.yaml", 100, 30, "c")).backend());
}

#[test]
fn the_explorers_chart_keeps_the_search_filter() {
    // A kept search for Cloudwatt, then the chart from the top: only the way to Cloudwatt.
    let app = shipped(100, 30, "/cloudwatt<Enter>gc");
    let frame = orgtree::headless::frame(&app);
    assert!(frame.contains("Cloudwatt"), "{frame}");
    assert!(!frame.contains("Orange Business"), "{frame}");
    // Without the search, the same chart shows Orange's divisions.
    let all = orgtree::headless::frame(&shipped(100, 30, "gc"));
    assert!(all.contains("Orange Business"), "{all}");
}

#[test]
fn the_ownership_graph_of_cloudwatt_in_2014_and_2015() {
    // Cloudwatt, `O`: who owns it, upward, with the look-through and control under it; `<`
    // steps back to 2014, `>` on to the day Orange took it all (2015-03-16).
    insta::assert_snapshot!(
        "owners_graph_cloudwatt_2014",
        draw(&shipped(120, 30, "jjjO<lt>")).backend()
    );
    insta::assert_snapshot!(
        "owners_graph_cloudwatt_2015",
        draw(&shipped(120, 30, "jjjO>")).backend()
    );
}

#[test]
fn without_colour_the_kind_is_bracketed_and_the_help_explains_the_marks() {
    let mut options = Options::new("orange-cloud.yaml", Rect::new(0, 0, 140, 24));
    options.color = false;
    let screen = format!("{:?}", draw(&shipped_with(options, "")).backend());
    assert!(
        screen.contains("Val-de-Reuil datacenter (datacenter)"),
        "{screen}"
    );
    // In colour the kind is told by its colour alone.
    let screen = format!("{:?}", draw(&shipped(140, 24, "")).backend());
    assert!(
        screen.contains("Val-de-Reuil datacenter datacenter"),
        "{screen}"
    );
    // The help's end says what each mark of the tree means.
    let help = format!("{:?}", draw(&shipped(100, 60, "?G")).backend());
    for mark in [
        "Tree marks",
        "*  changed since the previous event",
        "+  something folded inside it changed",
        "dimmed: does not exist at the date",
        "42p·12u",
    ] {
        assert!(help.contains(mark), "{mark}: {help}");
    }
}

#[test]
fn a_search_for_people_leads_to_the_person_and_d_searches_descriptions() {
    let app = shipped(120, 30, "/p:starck<Enter>");
    let starck = app.org().find_person("patrick-starck").unwrap();
    assert_eq!(app.subject(), Target::Person(starck));
    assert_eq!(app.focus(), orgtree::app::Focus::Detail);
    assert!(
        app.search().is_some(),
        "the entities they are in stay as the filter"
    );
    // `d:` finds what only a description says.
    let app = shipped(120, 30, "/d:sovereign<Enter>");
    let s = app.search().unwrap();
    assert_eq!(s.visible.len(), 4, "{:?}", s.visible);
    let app = shipped(120, 30, "/sovereign<Enter>");
    assert!(app.search().unwrap().visible.is_empty());
}

#[test]
fn braces_go_from_section_to_section_of_the_detail_pane() {
    // Cloudwatt's page: what changed, then who leads it, each under its heading.
    let mut app = shipped(100, 30, "jjj<Tab>");
    let line_of = |app: &orgtree::app::App, start: &str| {
        app.document()
            .lines
            .iter()
            .position(|l| l.pieces.first().is_some_and(|p| p.text.starts_with(start)))
            .unwrap()
    };
    let headings = [
        line_of(&app, "* Changed since"),
        line_of(&app, "Leaders at 2015-01-12"),
    ];
    press(&mut app, "}").unwrap();
    assert_eq!(app.detail_scroll(), headings[0]);
    press(&mut app, "}").unwrap();
    assert_eq!(app.detail_scroll(), headings[1]);
    press(&mut app, "{").unwrap();
    assert_eq!(app.detail_scroll(), headings[0]);
    press(&mut app, "{").unwrap();
    assert_eq!(app.detail_scroll(), 0, "before the first heading: the top");
    press(&mut app, "{").unwrap();
    assert_eq!(app.status(), Some("no section before this one"));
}
