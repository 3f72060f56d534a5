//! Hostile text in the export formats: each format shows a name as written, and nothing in a
//! name or a URL can become markup, a directive, a live link or an invisible character.

use crate::common;

use orgtree::app::{App, Options, Target};
use orgtree::dump::Format;
use orgtree::headless::{draw, press};
use orgtree::org::Org;
use orgtree::sanitize::is_unsafe;

fn load(yaml: &str) -> Org {
    common::load("hostile.yaml", yaml)
}

/// A model whose texts hold bidi controls, zero-width and other invisible characters, in every
/// kind of place a string can be: values, keys, lists, multi-line text.
const INVISIBLE: &str = r#"title: "Bidi \u202Etitle\u202C"
description: "two lines\nwith \u2066isolates\u2069 and \u200Bzero width"
sources:
  - {id: "s\u00AD1", publisher: "P\uFE0F", title: "T\U000E0041ag", url: "https://x/\u2060"}
entities:
  - id: "a\u200Bb"
    name: "Evil\u202Eexe.txt\u202C \u2066x\u2069 \u200B\u200C\u200D\uFEFF \u00AD \u3164 \uFFF9r\uFFFB \uFDD0 \uFFFE \U0010FFFF \u2028"
    kind: "company\u200B"
    other_names: ["O\u034Fther"]
    attributes: {"k\u202Eey": "v\u2069alue"}
    notes: [{text: "note\u180E"}]
    sources: ["s\u00AD1"]
"#;

#[test]
fn yaml_escapes_every_unsafe_character_and_reads_back_the_same() {
    let org = load(INVISIBLE);
    let written = common::dump(&org, Format::Yaml);
    if let Some(c) = written.chars().find(|&c| c != '\n' && is_unsafe(c)) {
        panic!("{c:?} written raw:\n{written}");
    }
    assert!(written.contains(r"Evil\u202Eexe.txt\u202C"), "{written}");
    assert!(written.contains(r"\U0010FFFF"), "{written}");
    let again = load(&written);
    assert_eq!(again.model.title, org.model.title);
    assert_eq!(again.model.description, org.model.description);
    let (e, f) = (&org.model.entities[0], &again.model.entities[0]);
    assert_eq!(
        (
            &f.id.value,
            f.latest_name(),
            f.latest_kind().as_str(),
            &f.more().other_names
        ),
        (
            &e.id.value,
            e.latest_name(),
            e.latest_kind().as_str(),
            &e.more().other_names
        )
    );
    assert_eq!(f.more().attributes, e.more().attributes);
    assert_eq!(f.more().notes[0].text, e.more().notes[0].text);
    assert_eq!(
        common::dump(&again, Format::Json),
        common::dump(&org, Format::Json)
    );
}

#[test]
fn markdown_shows_entities_and_markup_as_written() {
    let org = load(
        "title: 'Fish &amp; chips'\nentities:\n  - {id: a, name: '&amp; <b>bold</b> *x* ~y~ ![i](j)', kind: company}\n",
    );
    let text = common::dump(&org, Format::Markdown);
    assert!(text.starts_with("# Fish &amp;amp; chips\n"), "{text}");
    assert!(
        text.contains(r"- **&amp;amp; &lt;b&gt;bold&lt;/b&gt; \*x\* \~y\~ !\[i\](j)** (company)"),
        "{text}"
    );
}

/// The Markdown table row of the one source of a model whose source has `url`.
fn source_row(url: &str) -> String {
    let yaml = format!(
        "title: t\nsources:\n  - {{id: s, publisher: P, title: The title, url: {url}}}\nentities:\n  - {{id: a, name: A, kind: company, sources: [s]}}\n"
    );
    let text = common::dump(&load(&yaml), Format::Markdown);
    text.lines()
        .find(|l| l.starts_with("| 1 |"))
        .unwrap_or_else(|| panic!("no source row:\n{text}"))
        .to_owned()
}

#[test]
fn markdown_urls_cannot_become_html() {
    let row = source_row(r#""https://example.org/<img src=x onerror=alert(1)>""#);
    assert!(!row.contains('<') || row.contains("](<https://"), "{row}");
    assert!(!row.contains("<img"), "{row}");
    assert!(
        row.contains("[The title](<https://example.org/%3Cimg"),
        "{row}"
    );
    // A backslash cannot escape the closing bracket, nor an entity spell a scheme.
    let row = source_row(r#""https://example.org/a\\""#);
    assert!(row.contains("(<https://example.org/a%5C>)"), "{row}");
    let row = source_row(r#""https://example.org/?a=1&b=2""#);
    assert!(
        row.contains("(<https://example.org/?a=1&amp;b=2>)"),
        "{row}"
    );
}

#[test]
fn markdown_script_urls_are_plain_text() {
    for url in [
        "javascript:alert(1)",
        "JaVaScRiPt:alert(1)",
        r#""  \t javascript:alert(1)""#,
        r#""\u0001\u001Fjavascript:alert(1)""#,
        r#""java\tscript:alert(1)""#,
        "'data:text/html,<script>alert(1)</script>'",
        "VBScript:MsgBox(1)",
    ] {
        let row = source_row(url);
        assert!(!row.contains("]("), "{url} stayed a link: {row}");
        assert!(!row.contains("<script"), "{url}: {row}");
        assert!(row.contains("The title"), "{row}");
    }
    assert!(source_row("https://example.org/x").contains("[The title](<https://example.org/x>)"));
    assert!(source_row("mailto:a@example.org").contains("[The title](<mailto:a@example.org>)"));
}

#[test]
fn mermaid_labels_cannot_hold_a_directive() {
    let org = load(
        "title: \"%%{init: {'theme': 'dark'}}%% t\"\nentities:\n  - {id: a, name: \"%%{init: {'theme':'forest'}}%% `x` &amp;\", kind: company}\n",
    );
    let text = common::dump(&org, Format::Mermaid);
    assert!(!text.contains("%%"), "{text}");
    let chart = text.split("flowchart TD").nth(1).expect("a flowchart");
    assert!(!chart.contains('\''), "{text}");
    assert!(
        text.contains(
            "e0[\"#37;#37;{init: {#39;theme#39;:#39;forest#39;}}#37;#37; #96;x#96; #38;amp;<br/>"
        ),
        "{text}"
    );
    // The title, in the YAML front matter, reads back as written.
    let front = text.split("---\n").nth(1).expect("front matter");
    #[derive(serde::Deserialize)]
    struct Front {
        title: String,
    }
    let front: Front = serde_saphyr::from_str(front).unwrap_or_else(|e| panic!("{e}\n{text}"));
    assert!(
        front
            .title
            .starts_with("%%{init: {'theme': 'dark'}}%% t — as of"),
        "{}",
        front.title
    );
}

#[test]
fn dot_gives_ids_that_sanitize_alike_nodes_of_their_own() {
    // ESC and the text `\u{1b}`, a tab and a space: shown alike, but different entities.
    let org = load(
        "title: t\nentities:\n  - {id: \"a\\e\", name: A, kind: company}\n  - {id: 'a\\u{1b}', name: B, kind: company, parent: \"a\\e\"}\n  - {id: \"b\\tc\", name: C, kind: company}\n  - {id: 'b c', name: D, kind: company, parent: \"b\\tc\"}\n",
    );
    let text = common::dump(&org, Format::Dot);
    let graph = graphviz_rust::parse(&text).unwrap_or_else(|e| panic!("{e}\n{text}"));
    let nodes: std::collections::HashSet<&str> = text
        .lines()
        .filter(|l| l.trim_start().starts_with('"') && l.contains("shape="))
        .map(|l| l.trim_start().split(" [").next().unwrap())
        .collect();
    assert_eq!(nodes.len(), 4, "{text}");
    assert!(!format!("{graph:?}").contains('\u{1b}'));
    if let Some(c) = text.chars().find(|&c| c != '\n' && is_unsafe(c)) {
        panic!("{c:?} written raw:\n{text}");
    }
}

#[test]
fn owners_interests_identifiers_and_vacancies_come_out_safe_everywhere() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/hostile/owners-text.yaml"
    );
    let org = orgtree::load::load_file(std::path::Path::new(path), Default::default())
        .map_err(|e| e.render())
        .unwrap()
        .org;
    for format in [
        Format::Tree,
        Format::Json,
        Format::Yaml,
        Format::Dot,
        Format::Mermaid,
        Format::Markdown,
        Format::Chart,
        Format::Csv,
        Format::Owners,
        Format::Graphml,
        Format::Svg,
    ] {
        let text = common::dump(&org, format);
        if let Some(c) = text.chars().find(|&c| c != '\n' && is_unsafe(c)) {
            panic!("{c:?} reached the {format:?} dump:\n{text}");
        }
    }
    // The ownership graph of `a`, whose holders are the hostile people.
    for format in [Format::Dot, Format::Mermaid, Format::Graphml] {
        let mut options = orgtree::dump::DumpOptions {
            format,
            root: org.find_entity("a"),
            ..Default::default()
        };
        options.graph.owners = true;
        let text = common::dump_with(&org, &options);
        if let Some(c) = text.chars().find(|&c| c != '\n' && is_unsafe(c)) {
            panic!("{c:?} reached the {format:?} ownership graph:\n{text}");
        }
        assert!(text.contains("u{202e}exe Owner"), "{text}");
        match format {
            Format::Dot => {
                drop(graphviz_rust::parse(&text).unwrap_or_else(|e| panic!("{e}\n{text}")))
            }
            Format::Graphml => {
                drop(roxmltree::Document::parse(&text).unwrap_or_else(|e| panic!("{e}\n{text}")))
            }
            _ => {}
        }
    }
    let again = load(&common::dump(&org, Format::Yaml));
    assert_eq!(
        common::dump(&again, Format::Json),
        common::dump(&org, Format::Json)
    );
    // Two entities and two people, each a node of its own, though one entity's id is `\pp`.
    let dot = common::dump(&org, Format::Dot);
    graphviz_rust::parse(&dot).unwrap_or_else(|e| panic!("{e}\n{dot}"));
    let nodes: std::collections::HashSet<&str> = dot
        .lines()
        .filter(|l| l.trim_start().starts_with('"') && l.contains("shape="))
        .map(|l| l.trim_start().split(" [").next().unwrap())
        .collect();
    assert_eq!(nodes.len(), 4, "{dot}");
    // The detail pane of the entity, then of each person, followed from its links.
    let area = ratatui::layout::Rect::new(0, 0, 100, 40);
    let people = ["p", "q"].map(|p| Some(Target::Person(org.find_person(p).unwrap())));
    for person in std::iter::once(None).chain(people) {
        let mut app = App::new(org.clone(), Options::new("owners-text.yaml", area));
        if let Some(person) = person {
            press(&mut app, "<Tab>").unwrap();
            for _ in 0..50 {
                if app
                    .cursor()
                    .is_some_and(|c| app.document().links[c].target == person)
                {
                    break;
                }
                press(&mut app, "j").unwrap();
            }
            press(&mut app, "<Enter>").unwrap();
            assert_eq!(app.subject(), person);
        }
        let screen = format!("{:?}", draw(&app).backend());
        if let Some(c) = screen.chars().find(|&c| c != '\n' && is_unsafe(c)) {
            panic!("{c:?} reached the screen:\n{screen}");
        }
        assert!(
            screen.contains("\\u{"),
            "the escapes are visible:\n{screen}"
        );
    }
    // The ownership graph of the entity: its holders' names and the beneficiary's.
    let mut app = App::new(org.clone(), Options::new("owners-text.yaml", area));
    press(&mut app, "O").unwrap();
    assert!(matches!(app.subject(), Target::Owners(_)));
    let screen = format!("{:?}", draw(&app).backend());
    if let Some(c) = screen.chars().find(|&c| c != '\n' && is_unsafe(c)) {
        panic!("{c:?} reached the ownership graph:\n{screen}");
    }
    assert!(screen.contains("Evil\\u{202e}exe Owner"), "{screen}");
}

#[test]
fn clusters_and_relations_keep_hostile_names_inside_their_labels() {
    // A parent whose name and id would close a subgraph, and a relation between hostile names.
    let org = load(
        "title: t\nentities:\n  - {id: 'x\" } digraph {', name: \"Evil \\\"} subgraph end\\e[2J%%{init}%%\", kind: group}\n  - {id: b, name: \"B\\u202e\", kind: team, parent: 'x\" } digraph {'}\n  - {id: c, name: C, kind: company}\nrelations:\n  - {kind: \"partner\\e]52;c;eA==\\a\", from: b, to: c}\n",
    );
    let graph = orgtree::dump::Graph {
        relations: true,
        cluster: true,
        rankdir: orgtree::dump::Rankdir::Lr,
        owners: false,
        former: false,
    };
    for format in [Format::Dot, Format::Mermaid, Format::Graphml] {
        let options = orgtree::dump::DumpOptions {
            format,
            graph,
            ..Default::default()
        };
        let mut out = Vec::new();
        orgtree::dump::write(&org, &options, &mut out).unwrap();
        let text = String::from_utf8(out).unwrap();
        if let Some(c) = text.chars().find(|&c| c != '\n' && is_unsafe(c)) {
            panic!("{c:?} reached the {format:?} dump:\n{text}");
        }
        match format {
            Format::Dot => {
                let parsed = graphviz_rust::parse(&text).unwrap_or_else(|e| panic!("{e}\n{text}"));
                // One graph, whose one cluster of units holds `b`.
                assert_eq!(text.matches("subgraph \"cluster ").count(), 2, "{text}");
                assert!(format!("{parsed:?}").contains("partner"), "{text}");
            }
            Format::Graphml => {
                let doc =
                    roxmltree::Document::parse(&text).unwrap_or_else(|e| panic!("{e}\n{text}"));
                let ids: std::collections::HashSet<&str> = doc
                    .descendants()
                    .filter(|n| n.has_tag_name("node"))
                    .filter_map(|n| n.attribute("id"))
                    .collect();
                assert_eq!(ids.len(), 3, "{text}");
                // Every edge ends at a node of the graph.
                for e in doc.descendants().filter(|n| n.has_tag_name("edge")) {
                    assert!(ids.contains(e.attribute("source").unwrap()), "{text}");
                    assert!(ids.contains(e.attribute("target").unwrap()), "{text}");
                }
            }
            _ => {
                let chart = text.split("flowchart LR").nth(1).expect("a flowchart");
                assert!(!chart.contains("%%"), "{text}");
                // The cluster's end and the legend's: no name ends a subgraph.
                assert_eq!(
                    chart.matches("\nend").count() + chart.matches(" end\n").count(),
                    2,
                    "{text}"
                );
            }
        }
    }
}
