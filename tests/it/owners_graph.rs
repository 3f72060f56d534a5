//! `--format owners`: who owns an entity, upward to its ultimate owners, as text.

use orgtree::dump::{DumpOptions, Format};
use orgtree::org::Org;

fn load(yaml: &str) -> Org {
    crate::common::load("t.yaml", yaml)
}

fn owners(org: &Org, root: Option<&str>, as_of: Option<&str>) -> String {
    let options = DumpOptions {
        format: Format::Owners,
        root: root.map(|r| org.find_entity(r).unwrap()),
        as_of: as_of.map(|d| {
            d.parse::<orgtree::model::PartialDate>()
                .unwrap()
                .first_day()
        }),
        ..DumpOptions::default()
    };
    let mut out = Vec::new();
    orgtree::dump::write(org, &options, &mut out).unwrap();
    String::from_utf8(out).unwrap()
}

#[test]
fn cloudwatt_is_owned_by_three_and_the_state_through_the_caisse() {
    let org = orgtree::load::load_embedded().unwrap().org;
    let text = owners(&org, Some("cloudwatt"), None);
    let expected = "\
Orange's cloud structures, January 2015 — owners as of 2015-01-12

Cloudwatt, owned by
├── Orange 4/9 (44.4 %)
├── Caisse des Dépôts 1/3 (33.3 %) for French State
└── Thales 2/9 (22.2 %)
  Ultimate owners, looking through:
    Orange 4/9 (44.4 %) (directly)
    French State 1/3 (33.3 %) (via Caisse des Dépôts)
    Thales 2/9 (22.2 %) (directly)
  Control: no majority holder
";
    assert_eq!(text, expected);
}

const CIRCLES: &str = "title: Circles
entities:
  - {id: a, name: A, kind: company}
  - {id: b, name: B, kind: company}
  - {id: c, name: C, kind: company}
  - {id: h, name: Holdco, kind: company}
  - {id: g, name: Group, kind: group}
stakes:
  - {owner: b, owned: a, share: 60%}
  - {owner: a, owned: b, share: 30%}
  - {owner: c, owned: a, share: 40%}
  - {owner: h, owned: b, share: 70%}
  - {owner: h, owned: c, share: 100%}
  - {owner: g, owned: h, share: 100%, start: 2020}
";

#[test]
fn a_circle_is_marked_and_a_shared_holder_climbed_once() {
    let org = load(CIRCLES);
    let text = owners(&org, Some("a"), Some("2021"));
    let graph: Vec<&str> = text.lines().skip(3).take(7).collect();
    assert_eq!(
        graph,
        [
            "├── B 60 %",
            "│   ├── A 30 %  ↻ a circle of holdings: its owners are shown above",
            "│   └── Holdco 70 %",
            "│       └── Group 100 %",
            "└── C 40 %",
            "    └── Holdco 100 %  (its owners are shown above)",
            "  Ultimate owners, looking through:",
        ],
        "{text}"
    );
    assert!(text.contains("    Group ≈ 100 % (via Holdco)"), "{text}");
    assert!(text.ends_with("  Control: B → Holdco → Group\n"), "{text}");
    // Dates are honoured: before 2020 the group holds nothing.
    let before = owners(&org, Some("a"), Some("2019"));
    assert!(!before.contains("Group"), "{before}");
    // Without --root, every entity in view that has an owner, each with its own graph.
    let all = owners(&org, None, Some("2021"));
    assert_eq!(all.matches(", owned by\n").count(), 4, "{all}");
}

#[test]
fn a_chain_twenty_thousand_deep_is_drawn_within_bounds() {
    let mut yaml = String::from("title: Chain\nentities:\n");
    for i in 0..20_000 {
        yaml += &format!("  - {{id: e{i}, name: E{i}, kind: company}}\n");
    }
    yaml += "stakes:\n";
    for i in 1..20_000 {
        yaml += &format!("  - {{owner: e{i}, owned: e{}, share: 60%}}\n", i - 1);
    }
    let org = load(&yaml);
    let text = owners(&org, Some("e0"), None);
    let lines: Vec<&str> = text.lines().collect();
    assert!(lines.len() < 10_020, "{}", lines.len());
    assert!(text.contains("… and more holders up the way, not drawn past 10000 lines"));
    // Deep lines count the levels above their rails instead of drawing them all.
    let deepest = lines.iter().rev().find(|l| l.starts_with("[+")).unwrap();
    assert!(deepest.chars().count() < 400, "{deepest}");
}
