//! Every dump shows the model at one date, the same for every format: `--as-of`, else the
//! model's own `as_of`. What did not exist then is drawn by no format, as the tree and the
//! chart leave it out.

use std::path::Path;

use orgtree::dump::{self, DumpOptions, Format};
use orgtree::org::Org;

pub fn dated() -> Org {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/models/dated.yaml"
    );
    orgtree::load::load_file(Path::new(path), Default::default())
        .map_err(|e| e.render())
        .unwrap()
        .org
}

fn dump(org: &Org, options: &DumpOptions) -> String {
    let mut out = Vec::new();
    dump::write(org, options, &mut out).unwrap();
    String::from_utf8(out).unwrap()
}

const DRAWN: [Format; 5] = [
    Format::Tree,
    Format::Chart,
    Format::Dot,
    Format::Mermaid,
    Format::Markdown,
];

/// The names of the model's entities that a dump mentions.
fn named(org: &Org, text: &str) -> Vec<String> {
    org.model
        .entities
        .iter()
        .map(|e| e.latest_name().to_owned())
        .filter(|name| text.contains(name.as_str()))
        .collect()
}

#[test]
fn every_drawn_format_shows_what_existed_at_the_models_date() {
    let org = dated();
    for format in DRAWN {
        let text = dump(
            &org,
            &DumpOptions {
                format,
                ..DumpOptions::default()
            },
        );
        assert!(
            text.contains("2020-06-30"),
            "{format:?} says its date\n{text}"
        );
        assert_eq!(
            named(&org, &text),
            ["Acme Group", "Acme Cloud", "Cloud Lab", "Some Fund"],
            "{format:?}: Gone Ltd was dissolved in 2018, Later Labs not yet founded\n{text}"
        );
    }
}

#[test]
fn every_drawn_format_shows_what_existed_at_the_date_asked_for() {
    let org = dated();
    let day = "2017".parse::<orgtree::model::PartialDate>().unwrap();
    for format in DRAWN {
        let text = dump(
            &org,
            &DumpOptions {
                format,
                as_of: Some(day.first_day()),
                ..DumpOptions::default()
            },
        );
        assert_eq!(
            named(&org, &text),
            [
                "Acme Group",
                "Acme Cloud",
                "Gone Ltd",
                "Cloud Lab",
                "Some Fund"
            ],
            "{format:?} at 2017\n{text}"
        );
    }
}

#[test]
fn the_model_exports_stay_whole_unless_narrowed() {
    let org = dated();
    let whole = dump(
        &org,
        &DumpOptions {
            format: Format::Json,
            ..DumpOptions::default()
        },
    );
    let json: serde_json::Value = serde_json::from_str(&whole).unwrap();
    let entities = json["entities"].as_array().unwrap();
    let gone = entities.iter().find(|e| e["id"] == "gone").unwrap();
    assert_eq!(gone["exists"], false, "listed, and said not to exist then");
    let under_acme = dump(
        &org,
        &DumpOptions {
            format: Format::Json,
            root: org.find_entity("acme"),
            ..DumpOptions::default()
        },
    );
    assert!(!under_acme.contains("\"Gone Ltd\""), "{under_acme}");
}

/// `orgtree --diff DATE1 DATE2` on the dated model.
fn diff(from: &str, to: &str) -> String {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/models/dated.yaml"
    );
    let out = crate::common::orgtree()
        .args(["--diff", from, to, path])
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn a_diff_between_partial_dates_covers_both_whole() {
    let text = diff("2014", "2016");
    assert!(
        text.starts_with(
            "Acme over the years — changes from 2014-01-01 to 2016-12-31, both included\n"
        ),
        "{text}"
    );
    for event in [
        "2014       founding          Acme plans a cloud",
        "2015-03    founding          Acme Cloud is set up with a fund",
        "2016-12-31 launch            Cloud Lab starts",
    ] {
        assert!(text.contains(event), "{event}\n{text}");
    }
    assert!(!text.contains("Gone Ltd closes"), "{text}");
    assert!(text.contains("  + Acme Cloud\n"), "founded in 2015\n{text}");
}

#[test]
fn a_diff_includes_what_happened_on_its_first_and_last_days() {
    let text = diff("2015-03", "2018-03-01");
    assert!(text.contains("from 2015-03-01 to 2018-03-01"), "{text}");
    assert!(text.contains("Acme Cloud is set up with a fund"), "{text}");
    assert!(!text.contains("Acme plans a cloud"), "{text}");
    assert!(
        text.contains("Gone Ltd closes"),
        "dated 2018-03, which begins on the 1st: {text}"
    );
    assert!(
        !text.contains("  - Gone Ltd\n"),
        "it still exists until 2018-03-31: {text}"
    );
    let text = diff("2018-03", "2018-03");
    assert!(text.contains("from 2018-03-01 to 2018-03-31"), "{text}");
    assert!(text.contains("Gone Ltd closes"), "{text}");
    assert!(
        !text.contains("  - Gone Ltd\n"),
        "dissolved 2018-03: it exists to the 31st\n{text}"
    );
    let text = diff("2018-03", "2018-04");
    assert!(text.contains("  - Gone Ltd\n"), "gone in April\n{text}");
}
