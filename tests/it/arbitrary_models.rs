//! Property: arbitrary models — random trees, stakes, dates and names made of any characters —
//! either load or fail with diagnostics, never a panic; those that load dump in every format and
//! draw at any size, 0×0 and 1×1 included, whatever keys are pressed.

use orgtree::app::{App, Options};
use orgtree::dump::{self, DumpOptions, Format};
use orgtree::headless::{draw, press};
use orgtree::load::{ModelText, load_text};
use proptest::prelude::*;
use ratatui::layout::Rect;

/// Text with the characters that break things: controls, escapes, bidi, wide, emoji.
fn name() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop_oneof![
            4 => prop::char::range('a', 'z'),
            1 => Just(' '),
            1 => Just('\u{1b}'),
            1 => Just('\u{202e}'),
            1 => Just('\u{200b}'),
            1 => Just('\n'),
            1 => Just('\t'),
            1 => Just('名'),
            1 => Just('🚀'),
            1 => Just('\u{7f}'),
            1 => Just('\u{9b}'),
        ],
        0..24,
    )
    .prop_map(|chars| chars.into_iter().collect())
}

fn date() -> impl Strategy<Value = String> {
    prop_oneof![
        (1990i32..2030).prop_map(|y| y.to_string()),
        (1990i32..2030, 1u8..=12).prop_map(|(y, m)| format!("{y}-{m:02}")),
        (1990i32..2030, 1u8..=12, 1u8..=31).prop_map(|(y, m, d)| format!("{y}-{m:02}-{d:02}")),
        Just("2014-02-30".to_owned()),
        Just("nope".to_owned()),
    ]
}

fn share() -> impl Strategy<Value = Option<String>> {
    prop::option::of(prop_oneof![
        (0u64..10, 1u64..10).prop_map(|(n, d)| format!("{n}/{d}")),
        (0u32..101).prop_map(|p| format!("{p}%")),
        (0u32..50, 50u32..101).prop_map(|(a, b)| format!("{a}%..{b}%")),
        Just("1/18446744073709551557".to_owned()),
        Just("x".to_owned()),
    ])
}

/// A model as YAML text; references may point nowhere and dates may be reversed, on purpose.
fn model() -> impl Strategy<Value = String> {
    let entity = (
        name(),
        prop::option::of(0usize..40),
        prop::option::of(date()),
        prop::option::of(date()),
    );
    let stake = (
        0usize..40,
        0usize..40,
        share(),
        prop::option::of(date()),
        prop::option::of(date()),
    );
    let event = (date(), name(), prop::collection::vec(0usize..40, 0..3));
    (
        name(),
        prop::option::of(date()),
        prop::collection::vec(entity, 0..25),
        prop::collection::vec(stake, 0..15),
        prop::collection::vec(event, 0..8),
    )
        .prop_map(|(title, as_of, entities, stakes, events)| {
            let q = |s: &str| serde_json::to_string(s).unwrap();
            let mut y = format!("title: {}\n", q(&title));
            if let Some(d) = as_of {
                y.push_str(&format!("as_of: {d}\n"));
            }
            y.push_str("entities:\n");
            for (i, (name, parent, founded, dissolved)) in entities.iter().enumerate() {
                y.push_str(&format!(
                    "  - id: e{i}\n    name: {}\n    kind: company\n",
                    q(name)
                ));
                if let Some(p) = parent {
                    y.push_str(&format!("    parent: e{p}\n"));
                }
                if let Some(d) = founded {
                    y.push_str(&format!("    founded: {d}\n"));
                }
                if let Some(d) = dissolved {
                    y.push_str(&format!("    dissolved: {d}\n"));
                }
            }
            y.push_str("stakes:\n");
            for (owner, owned, share, start, end) in &stakes {
                y.push_str(&format!("  - owner: e{owner}\n    owned: e{owned}\n"));
                if let Some(s) = share {
                    y.push_str(&format!("    share: {}\n", q(s)));
                }
                if let Some(d) = start {
                    y.push_str(&format!("    start: {d}\n"));
                }
                if let Some(d) = end {
                    y.push_str(&format!("    end: {d}\n"));
                }
            }
            y.push_str("events:\n");
            for (date, text, involved) in &events {
                let ids: Vec<String> = involved.iter().map(|i| format!("e{i}")).collect();
                y.push_str(&format!(
                    "  - {{date: {date}, kind: launch, description: {}, entities: [{}]}}\n",
                    q(text),
                    ids.join(", ")
                ));
            }
            y
        })
}

fn keys() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop::sample::select(vec![
            "j",
            "k",
            "h",
            "l",
            "<Enter>",
            "E",
            "C",
            "3",
            "<Tab>",
            "o",
            "[",
            "]",
            "/e<Enter>",
            "n",
            "<Esc>",
            "t",
            "<Down><Enter>",
            "<lt>",
            "<gt>",
            "T",
            "D",
            "G",
            "g",
            "<PgDn>",
            "?",
            "<Esc>",
        ]),
        0..30,
    )
    .prop_map(|keys| keys.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn arbitrary_models_load_or_fail_cleanly_and_draw_at_any_size(
        yaml in model(),
        (cols, rows) in prop_oneof![Just((0u16, 0u16)), Just((1, 1)), (0u16..120, 0u16..40)],
        script in keys(),
    ) {
        match load_text(ModelText { name: "arbitrary.yaml".into(), text: yaml }) {
            Err(e) => {
                let report = e.render();
                prop_assert!(!report.contains('\u{1b}'), "an escape reached the error report");
            }
            Ok(loaded) => {
                for format in [Format::Tree, Format::Json] {
                    let mut out = Vec::new();
                    dump::write(&loaded.org, &DumpOptions { format, ..DumpOptions::default() }, &mut out).unwrap();
                    let text = String::from_utf8(out).unwrap();
                    let unsafe_char = text.contains(['\u{1b}', '\u{202e}', '\u{9b}']);
                    prop_assert!(!unsafe_char, "{}", text);
                }
                let mut app = App::new(loaded.org, Options::new("arbitrary.yaml", Rect::new(0, 0, cols, rows)));
                press(&mut app, &script).unwrap();
                let terminal = draw(&app);
                for cell in terminal.backend().buffer().content() {
                    let unsafe_char = cell.symbol().contains(['\u{1b}', '\u{202e}', '\u{200b}', '\u{9b}']);
                    prop_assert!(!unsafe_char, "{:?} reached the screen", cell.symbol());
                }
                if let Some(selected) = app.selected() {
                    prop_assert!(app.tree().is_visible(app.structure(), selected));
                }
            }
        }
    }
}
