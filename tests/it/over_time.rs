//! A structure that changes over time, on the second shipped model (`data/alphabet.yaml`) and
//! on small models written for each rule: dated parents, names and kinds in every view, entities
//! shown under an ancestor that exists when their parent does not, moves in `--diff`, the
//! founders as people holding stakes, and the validation of periods.

use std::path::Path;

use orgtree::app::{App, Options};
use orgtree::dump::{self, DumpOptions, Format};
use orgtree::headless::{frame, press};
use orgtree::load::{Limits, Loaded, Syntax, load_file, parse};
use orgtree::model::{Day, PartialDate};
use orgtree::org::Org;
use ratatui::layout::Rect;

fn alphabet() -> Loaded {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("data/alphabet.yaml");
    load_file(&path, Limits::default())
        .map_err(|e| e.render())
        .unwrap()
}

fn day(text: &str) -> Day {
    text.parse::<PartialDate>().unwrap().first_day()
}

fn dump_at(org: &Org, format: Format, as_of: &str, filter: Option<&str>) -> String {
    let options = DumpOptions {
        format,
        as_of: Some(day(as_of)),
        filter: filter.map(str::to_owned),
        ..DumpOptions::default()
    };
    let mut out = Vec::new();
    dump::write(org, &options, &mut out).unwrap();
    String::from_utf8(out).unwrap()
}

fn diff(org: &Org, from: &str, to: &str) -> String {
    let mut out = Vec::new();
    dump::diff::write(org, day(from), day(to), &mut out).unwrap();
    String::from_utf8(out).unwrap()
}

/// The line of the tree dump that names `name`, with its indentation.
fn line_of<'a>(tree: &'a str, name: &str) -> &'a str {
    tree.lines()
        .find(|l| l.contains(&format!("── {name} (")))
        .unwrap_or_else(|| panic!("{name} is not in\n{tree}"))
}

/// How deep a tree dump line sits (four columns a level).
fn level(line: &str) -> usize {
    line.find("── ")
        .map_or(0, |at| line[..at].chars().count() / 4)
}

#[test]
fn the_model_checks_clean() {
    let warnings = alphabet().warnings;
    assert!(warnings.is_empty(), "{warnings:?}");
}

#[test]
fn google_moves_under_alphabet_then_xxvi_holdings() {
    let org = alphabet().org;
    let before = dump_at(&org, Format::Tree, "2014-06", None);
    // Before Alphabet, Google and everything under it are in the tree, Google as a root.
    assert_eq!(level(line_of(&before, "Google Inc.")), 0, "{before}");
    for unit in ["Motorola Mobility", "DeepMind", "Google X"] {
        assert_eq!(level(line_of(&before, unit)), 1, "{unit}\n{before}");
    }
    assert!(!before.contains("── Alphabet Inc."), "{before}");

    let in_2016 = dump_at(&org, Format::Tree, "2016", None);
    assert_eq!(level(line_of(&in_2016, "Alphabet Inc.")), 0);
    assert_eq!(level(line_of(&in_2016, "Google Inc.")), 1, "{in_2016}");
    assert_eq!(
        level(line_of(&in_2016, "X")),
        1,
        "Google X became X, under Alphabet"
    );

    let in_2018 = dump_at(&org, Format::Tree, "2018", None);
    assert_eq!(level(line_of(&in_2018, "XXVI Holdings Inc.")), 1);
    assert_eq!(level(line_of(&in_2018, "Google LLC")), 2, "{in_2018}");
    assert_eq!(level(line_of(&in_2018, "DeepMind")), 3);
    assert!(!in_2018.contains("Google Inc."), "renamed: {in_2018}");
}

#[test]
fn owners_go_by_the_name_they_had_at_the_date() {
    let org = alphabet().org;
    let before = dump_at(&org, Format::Tree, "2014-06", None);
    assert!(
        line_of(&before, "Motorola Mobility").contains("Google Inc. 100 %"),
        "{before}"
    );
}

#[test]
fn the_diff_names_each_move_rename_and_change_of_kind() {
    let org = alphabet().org;
    let first = diff(&org, "2014-06", "2016");
    for line in [
        "Google Inc.: moved from the top level to Alphabet Inc.",
        "Motorola Mobility: moved from Google Inc. to Lenovo Group",
        "X: moved from Google Inc. to Alphabet Inc.",
        "X: renamed from Google X",
        "X: became a subsidiary (was a division)",
    ] {
        assert!(first.contains(line), "{line:?} missing from\n{first}");
    }
    let second = diff(&org, "2016", "2018");
    for line in [
        "Google LLC: moved from Alphabet Inc. to XXVI Holdings Inc.",
        "Google LLC: renamed from Google Inc.",
        "Waymo: moved from X to Alphabet Inc.",
    ] {
        assert!(second.contains(line), "{line:?} missing from\n{second}");
    }
}

#[test]
fn earlier_names_stay_searchable_and_a_filter_finds_what_existed() {
    let org = alphabet().org;
    let found = dump_at(&org, Format::Tree, "2015", Some("deepmind"));
    assert!(found.contains("DeepMind"), "{found}");
    assert!(found.contains("Google Inc."), "the way to it: {found}");
    let by_old_name = dump_at(&org, Format::Tree, "2020", Some("self-driving"));
    assert!(by_old_name.contains("Waymo"), "{by_old_name}");
}

#[test]
fn the_founders_are_people_holding_stakes_with_look_through_to_them() {
    let org = alphabet().org;
    let json: serde_json::Value =
        serde_json::from_str(&dump_at(&org, Format::Json, "2018", None)).unwrap();
    let google = json["entities"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["id"] == "google")
        .unwrap();
    let owners = google["effective_owners"]["owners"].as_array().unwrap();
    let page = owners.iter().find(|o| o["id"] == "larry-page").unwrap();
    assert_eq!(page["holder"], "person");
    assert_eq!(page["interest"]["low"], "1/20");
    assert_eq!(page["via"][0], "alphabet", "through Alphabet: {page}");
    let stakes = json["stakes"].as_array().unwrap();
    assert!(
        stakes
            .iter()
            .any(|s| s["owner"] == "larry-page" && s["interest"] == "votes"),
        "{stakes:?}"
    );
}

/// The explorer on the Alphabet model at `as_of`, after `keys`, as text.
fn screen(as_of: &str, keys: &str) -> String {
    let mut options = Options::new("alphabet.yaml", Rect::new(0, 0, 100, 30));
    options.as_of = Some(day(as_of));
    let mut app = App::new(alphabet().org, options);
    press(&mut app, keys).unwrap();
    frame(&app)
}

#[test]
fn stepping_through_dates_keeps_google_selected_as_it_moves() {
    // Select Google (the first root in 2014), then step forward to the restructuring and on.
    let text = screen("2015-09-01", ">");
    assert!(text.contains("as of 2015-10-02"), "{text}");
    let selected = text.lines().find(|l| l.contains('▶')).unwrap();
    assert!(selected.contains("Google Inc."), "{text}");
    assert!(
        text.contains("moved from"),
        "the detail pane says it moved:\n{text}"
    );
    let later = screen("2015-09-01", ">>>");
    let selected = later.lines().find(|l| l.contains('▶')).unwrap();
    assert!(selected.contains("Google"), "{later}");
}

#[test]
fn the_detail_pane_lists_places_and_names_over_time() {
    // The first root in 2018 is Alphabet; Google LLC is two rows down: Alphabet › XXVI › Google.
    let google = screen("2018", "jj");
    assert!(
        google.contains("Place in the structure over time"),
        "{google}"
    );
    assert!(google.contains("part of Alphabet Inc."), "{google}");
    assert!(google.contains("Names over time"), "{google}");
}

/// Loads a small model, or says why it did not.
fn org(yaml: &str) -> Result<Org, String> {
    let model = parse(yaml, Syntax::Yaml).map_err(|d| d.message.clone())?;
    Org::new(model).map(|(org, _)| org).map_err(|ds| {
        ds.iter()
            .map(|d| d.message.clone())
            .collect::<Vec<_>>()
            .join("\n")
    })
}

#[test]
fn an_entity_whose_parent_does_not_exist_yet_is_shown_under_the_nearest_that_does() {
    let org = org("title: t
entities:
  - {id: top, name: Top, kind: group}
  - {id: mid, name: Mid, kind: company, parent: top, founded: 2015}
  - {id: leaf, name: Leaf, kind: company, parent: mid, founded: 2010}
")
    .unwrap();
    let tree = dump_at(&org, Format::Tree, "2012", None);
    assert!(!tree.contains("── Mid ("), "{tree}");
    let leaf = line_of(&tree, "Leaf");
    assert_eq!(level(leaf), 1, "{tree}");
    assert!(leaf.contains("its parent Mid did not exist then"), "{tree}");
}

#[test]
fn overlapping_periods_and_cycles_at_a_date_are_errors() {
    let overlap = org("title: t
entities:
  - {id: a, name: A, kind: group}
  - {id: b, name: B, kind: group}
  - id: c
    name: C
    kind: company
    parent:
      - {id: a, end: 2016}
      - {id: b, start: 2015}
")
    .unwrap_err();
    assert!(
        overlap.contains("two `parent` periods overlap"),
        "{overlap}"
    );

    // a is under b from 2015, b under a from 2016: a cycle from 2016 on, and not before.
    let cycle = org("title: t
entities:
  - {id: a, name: A, kind: group, parent: [{id: b, start: 2015}]}
  - {id: b, name: B, kind: group, parent: [{id: a, start: 2016}]}
")
    .unwrap_err();
    assert!(cycle.contains("cycle on 2016-01-01"), "{cycle}");

    let empty = org("title: t\nentities:\n  - {id: a, name: [], kind: group}\n").unwrap_err();
    assert!(empty.contains("`name:` lists no periods"), "{empty}");
}

#[test]
fn a_parent_period_outside_the_parents_life_is_a_warning() {
    let model = parse(
        "title: t
entities:
  - {id: a, name: A, kind: group, founded: 2015}
  - {id: b, name: B, kind: company, parent: [{id: a, start: 2010}]}
",
        Syntax::Yaml,
    )
    .unwrap();
    let (_, warnings) = Org::new(model).unwrap();
    assert!(
        warnings
            .iter()
            .any(|w| w.message.contains("outside the life of `a`")),
        "{warnings:?}"
    );
}

#[test]
fn stepping_to_2016_shows_both_changes_in_the_orange_model() {
    let org = orgtree::load::load_embedded().unwrap().org;
    let changes = diff(&org, "2015-12-31", "2016-01-01");
    assert!(
        changes.contains("Orange Cyberdefense: became a subsidiary (was a business unit)"),
        "{changes}"
    );
    assert!(
        changes.contains("Cloudwatt: moved from Orange to Orange Cloud for Business"),
        "{changes}"
    );
}

#[test]
fn a_deep_chain_whose_links_all_change_on_one_day_is_checked_once_per_link() {
    // 20,000 levels, each link written as two periods that meet on 2015-01-01: the cycle
    // check walks each entity once for that day (it walked the chain from every entity, for
    // minutes, before). The top does not exist in 2014, so everything under it is lifted.
    let mut yaml = String::from(
        "title: deep\nentities:\n  - {id: e0, name: E0, kind: group, founded: 2020}\n",
    );
    for i in 1..20_000 {
        yaml.push_str(&format!(
            "  - {{id: e{i}, name: E{i}, kind: company, parent: [{{id: e{}, end: 2014-12-31}}, {{id: e{}, start: 2015-01-01}}]}}\n",
            i - 1,
            i - 1
        ));
    }
    let org = org(&yaml).unwrap();
    let tree = org.tree(day("2014-06"), orgtree::org::Placing::UnderExisting);
    let deepest = org.find_entity("e19999").unwrap();
    assert_eq!(
        tree.depth(deepest),
        19_998,
        "e1 is a root in 2014, e0 not yet founded"
    );
    assert!(tree.is_lifted(org.find_entity("e1").unwrap()));
}
