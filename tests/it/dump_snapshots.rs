//! Snapshots of `--dump` on the shipped model: the text tree, the JSON document, the chart under
//! a filter and the diff.

use orgtree::dump::{self, DumpOptions, Format};
use orgtree::load::load_embedded;

fn dump(options: &DumpOptions) -> String {
    let loaded = load_embedded().map_err(|e| e.render()).unwrap();
    let mut out = Vec::new();
    dump::write(&loaded.org, options, &mut out).unwrap();
    String::from_utf8(out).unwrap()
}

#[test]
fn tree_of_the_shipped_model() {
    insta::assert_snapshot!(dump(&DumpOptions::default()));
}

#[test]
fn json_of_the_shipped_model() {
    let json = dump(&DumpOptions {
        format: Format::Json,
        ..DumpOptions::default()
    });
    let value: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(value["format"], "orgtree");
    assert_eq!(value["entities"].as_array().unwrap().len(), 19);
    insta::assert_snapshot!(json);
}

fn day(text: &str) -> orgtree::model::Day {
    text.parse::<orgtree::model::PartialDate>()
        .unwrap()
        .last_day()
}

#[test]
fn cloudwatt_owners_differ_across_the_takeover() {
    let at = |date: &str| {
        dump(&DumpOptions {
            as_of: Some(day(date)),
            ..DumpOptions::default()
        })
    };
    let cloudwatt = |text: String| {
        text.lines()
            .find(|l| l.contains("Cloudwatt"))
            .unwrap()
            .to_owned()
    };
    assert_eq!(
        cloudwatt(at("2014-12-31")),
        "│   ├── Cloudwatt (company) — Orange 4/9 (44.4 %), Caisse des Dépôts 1/3 (33.3 %) for French State, Thales 2/9 (22.2 %)"
    );
    assert_eq!(
        cloudwatt(at("2015-06-01")),
        "│   ├── Cloudwatt (company) — Orange 100 %"
    );
    // Before it was founded, and after it was merged away, it is not in the tree.
    assert!(!at("2011").contains("Cloudwatt"));
    assert!(!at("2016-06").contains("Cloudwatt"));
}

#[test]
fn tree_filtered_by_a_search() {
    insta::assert_snapshot!(dump(&DumpOptions {
        filter: Some("cloud".into()),
        ..DumpOptions::default()
    }));
}

/// The chart under a filter draws what the tree does: the matches and the way to them, not the
/// whole of the root they are under.
#[test]
fn chart_filtered_by_a_search() {
    insta::assert_snapshot!(dump(&DumpOptions {
        format: Format::Chart,
        filter: Some("cloudwatt".into()),
        ..DumpOptions::default()
    }));
}

#[test]
fn diff_across_the_takeover() {
    let loaded = load_embedded().map_err(|e| e.render()).unwrap();
    let mut out = Vec::new();
    dump::write_diff(&loaded.org, day("2014-12-31"), day("2015-06-01"), &mut out).unwrap();
    insta::assert_snapshot!(String::from_utf8(out).unwrap());
}

#[test]
fn json_carries_effective_owners_at_the_date_asked() {
    let json = dump(&DumpOptions {
        format: Format::Json,
        as_of: Some(day("2015-06-01")),
        ..DumpOptions::default()
    });
    let value: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(value["as_of"], "2015-06-01");
    let cloudwatt = value["entities"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["id"] == "cloudwatt")
        .unwrap();
    let owners = &cloudwatt["effective_owners"]["owners"];
    assert_eq!(owners.as_array().unwrap().len(), 1);
    assert_eq!(owners[0]["id"], "orange");
    assert_eq!(owners[0]["interest"]["low"], "1");
    assert_eq!(cloudwatt["effective_owners"]["control"][0], "orange");
}
