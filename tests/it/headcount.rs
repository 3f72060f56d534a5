//! Headcount roll-ups and sorted children, on a small HR-like model (positions under their
//! managers, one person in each): the tree rows, the detail pane, the chart boxes, the JSON
//! export, `--sort` in the dumps and the explorer's `s`.

use orgtree::app::{App, Options};
use orgtree::dump::{self, DumpOptions, Format};
use orgtree::headcount::Order;
use orgtree::headless::{draw, press};
use orgtree::load::{ModelText, load_text};
use orgtree::org::Org;
use ratatui::layout::Rect;

/// An HR table as a model: a department, positions under their managers, a person in each,
/// one person in two posts, a vacancy.
const HR: &str = "title: Small company HR
as_of: 2024-06
entities:
  - {id: acme, name: Acme, kind: company}
  - {id: ceo, name: Chief Executive, kind: position, parent: acme}
  - {id: cto, name: Chief Technology Officer, kind: position, parent: ceo}
  - {id: dev1, name: Backend Developer, kind: position, parent: cto}
  - {id: dev2, name: Frontend Developer, kind: position, parent: cto}
  - {id: ops, name: Operations Engineer, kind: position, parent: cto}
  - {id: cfo, name: Chief Financial Officer, kind: position, parent: ceo}
  - {id: acc, name: Accountant, kind: position, parent: cfo}
  - {id: hr, name: Head of People, kind: position, parent: ceo}
people:
  - {id: ann, name: Ann Archer}
  - {id: bob, name: Bob Brown}
  - {id: cy, name: Cy Clark}
  - {id: di, name: Di Dale}
  - {id: ed, name: Ed Evans}
  - {id: flo, name: Flo Fox}
roles:
  - {person: ann, entity: ceo, title: CEO}
  - {person: bob, entity: cto, title: CTO}
  - {person: cy, entity: dev1, title: Developer}
  - {person: cy, entity: dev2, title: Developer}
  - {person: di, entity: ops, title: Engineer}
  - {person: ed, entity: cfo, title: CFO}
  - {person: flo, entity: acc, title: Accountant}
";

/// A group and its subsidiaries, held at different shares (one unknown).
const SHARES: &str = "title: Shares
as_of: 2024
entities:
  - {id: g, name: Group, kind: group}
  - {id: a, name: Alpha, kind: subsidiary, parent: g}
  - {id: b, name: Beta, kind: subsidiary, parent: g}
  - {id: c, name: Gamma, kind: subsidiary, parent: g}
  - {id: d, name: Delta, kind: subsidiary, parent: g}
stakes:
  - {owner: g, owned: a, share: 30%}
  - {owner: g, owned: b, share: 80%}
  - {owner: g, owned: c}
  - {owner: g, owned: d, share: 51%}
";

fn org(yaml: &str) -> Org {
    load_text(ModelText {
        name: "hr.yaml".into(),
        text: yaml.into(),
    })
    .map_err(|e| e.render())
    .unwrap()
    .org
}

fn explorer(yaml: &str, cols: u16, rows: u16, keys: &str) -> App {
    let mut options = Options::new("hr.yaml", Rect::new(0, 0, cols, rows));
    options.levels = Some(4);
    let mut app = App::new(org(yaml), options);
    press(&mut app, keys).unwrap();
    app
}

/// The binary's output, with its own cache directory.
fn orgtree(args: &[&str]) -> std::process::Output {
    crate::common::orgtree().args(args).output().unwrap()
}

fn dump_of(yaml: &str, format: Format, sort: Order) -> String {
    let mut out = Vec::new();
    let options = DumpOptions {
        format,
        sort,
        ..DumpOptions::default()
    };
    dump::write(&org(yaml), &options, &mut out).unwrap();
    String::from_utf8(out).unwrap()
}

#[test]
fn rows_and_detail_pane_of_the_chief_executive_80x24() {
    // The tree rows end in their counts; the detail pane has the Headcount section.
    insta::assert_snapshot!(draw(&explorer(HR, 80, 24, "j")).backend());
}

#[test]
fn counts_give_way_before_names_on_a_narrow_pane() {
    let narrow = format!("{:?}", draw(&explorer(HR, 40, 12, "")).backend());
    assert!(narrow.contains("Acme"), "{narrow}");
    assert!(!narrow.contains("6p·8u"), "{narrow}");
    let wide = format!("{:?}", draw(&explorer(HR, 100, 12, "")).backend());
    assert!(wide.contains("6p·8u"), "{wide}");
}

#[test]
fn chart_boxes_end_in_their_counts() {
    insta::assert_snapshot!(dump_of(HR, Format::Chart, Order::Model));
}

#[test]
fn json_has_each_entitys_headcount() {
    let json: serde_json::Value =
        serde_json::from_str(&dump_of(HR, Format::Json, Order::Model)).unwrap();
    let entities = json["entities"].as_array().unwrap();
    let of = |id: &str| {
        entities
            .iter()
            .find(|e| e["id"] == id)
            .map(|e| e["headcount"].clone())
            .unwrap()
    };
    let ceo = of("ceo");
    assert_eq!(ceo["people_direct"], 1);
    assert_eq!(ceo["people_total"], 6);
    assert_eq!(ceo["units_direct"], 3);
    assert_eq!(ceo["units_total"], 7);
    assert_eq!(ceo["span_of_control"], 2);
    // Cy holds both developer posts: one report of the CTO's, counted once.
    let cto = of("cto");
    assert_eq!(
        (cto["people_total"].clone(), cto["span_of_control"].clone()),
        (3.into(), 2.into())
    );
    assert_eq!(of("hr")["people_total"], 0);
}

/// The names of the lines of a tree dump that are children of the first root, in order.
fn children_in_dump(text: &str, names: &[&str]) -> Vec<String> {
    let mut seen: Vec<(usize, String)> = names
        .iter()
        .filter_map(|n| {
            text.find(&format!(" {n} "))
                .or_else(|| text.find(&format!("**{n}**")))
                .map(|at| (at, (*n).to_owned()))
        })
        .collect();
    seen.sort();
    seen.into_iter().map(|(_, n)| n).collect()
}

#[test]
fn sort_orders_the_dumps_children() {
    let names = ["Alpha", "Beta", "Gamma", "Delta"];
    let by = |order| children_in_dump(&dump_of(SHARES, Format::Tree, order), &names);
    assert_eq!(by(Order::Model), ["Alpha", "Beta", "Gamma", "Delta"]);
    assert_eq!(by(Order::Name), ["Alpha", "Beta", "Delta", "Gamma"]);
    // Largest share first, the unknown share last.
    assert_eq!(by(Order::Share), ["Beta", "Delta", "Alpha", "Gamma"]);
    // No people and no units under any: the model's order is kept.
    assert_eq!(by(Order::Headcount), ["Alpha", "Beta", "Gamma", "Delta"]);
    let hr = |order| {
        let json: serde_json::Value =
            serde_json::from_str(&dump_of(HR, Format::Json, order)).unwrap();
        let ceo = json["entities"]
            .as_array()
            .unwrap()
            .iter()
            .find(|e| e["id"] == "ceo")
            .cloned();
        ceo.unwrap()["children"].clone()
    };
    assert_eq!(hr(Order::Model), serde_json::json!(["cto", "cfo", "hr"]));
    assert_eq!(
        hr(Order::Headcount),
        serde_json::json!(["cto", "cfo", "hr"])
    );
    assert_eq!(hr(Order::Name), serde_json::json!(["cfo", "cto", "hr"]));
    // Markdown reads the same sorted view.
    let md = dump_of(SHARES, Format::Markdown, Order::Share);
    assert_eq!(
        children_in_dump(&md, &names),
        ["Beta", "Delta", "Alpha", "Gamma"]
    );
}

#[test]
fn the_sort_flag_reaches_the_dump() {
    let out = orgtree(&["--dump", "--sort", "name", "--depth", "2"]);
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8(out.stdout).unwrap();
    let unsorted = orgtree(&["--dump", "--depth", "2"]);
    let unsorted = String::from_utf8(unsorted.stdout).unwrap();
    assert_ne!(text, unsorted);
    // The names and what follows them, without the rails, which depend on the order.
    let entry = |line: &str| {
        line.trim_start_matches(['│', '├', '└', '─', ' '])
            .to_owned()
    };
    let mut lines: Vec<String> = unsorted.lines().map(entry).collect();
    let mut sorted: Vec<String> = text.lines().map(entry).collect();
    lines.sort_unstable();
    sorted.sort_unstable();
    assert_eq!(lines, sorted, "the same lines, in another order");
}

#[test]
fn s_cycles_the_order_and_says_so() {
    let app = explorer(SHARES, 80, 12, "ss");
    assert_eq!(app.sort(), Order::Headcount);
    let frame = format!("{:?}", draw(&explorer(SHARES, 80, 12, "s")).backend());
    assert!(frame.contains("sorted by name"), "{frame}");
    let (alpha, delta) = (frame.find("Alpha").unwrap(), frame.find("Delta").unwrap());
    assert!(
        alpha < delta && delta < frame.find("Gamma").unwrap(),
        "{frame}"
    );
    // After the notice, the status line still says the order.
    let frame = format!("{:?}", draw(&explorer(SHARES, 80, 12, "sj")).backend());
    assert!(frame.contains("by name · hr.yaml"), "{frame}");
    // Four presses come back to the model's order.
    assert_eq!(explorer(SHARES, 80, 12, "ssss").sort(), Order::Model);
}

#[test]
fn s_in_a_screen_of_the_binary() {
    let out = orgtree(&["--screen", "80x24", "--keys", "sss"]);
    assert_eq!(out.status.code(), Some(0));
    let frame = String::from_utf8(out.stdout).unwrap();
    assert!(frame.contains("children sorted by share"), "{frame}");
}
