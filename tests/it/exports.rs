//! The export formats: YAML reads back as the same model, DOT is valid Graphviz, Mermaid and
//! Markdown carry the view, and every format honours --root, --depth, --as-of and --filter.

use orgtree::dump::{self, DumpOptions, Format};
use orgtree::load::{ModelText, load_embedded, load_text};
use orgtree::org::Org;

fn shipped() -> Org {
    load_embedded().map_err(|e| e.render()).unwrap().org
}

fn dump(org: &Org, options: &DumpOptions) -> String {
    let mut out = Vec::new();
    dump::write(org, options, &mut out).unwrap();
    String::from_utf8(out).unwrap()
}

fn format(format: Format) -> DumpOptions {
    DumpOptions {
        format,
        ..DumpOptions::default()
    }
}

fn reload(yaml: String) -> Org {
    load_text(ModelText {
        name: "written.yaml".into(),
        text: yaml,
    })
    .map_err(|e| e.render())
    .unwrap()
    .org
}

#[test]
fn yaml_reads_back_as_the_same_model() {
    let org = shipped();
    let written = dump(&org, &format(Format::Yaml));
    let again = reload(written);
    // Same resolved model: its JSON dump, which carries every fact, is identical.
    assert_eq!(
        dump(&again, &format(Format::Json)),
        dump(&org, &format(Format::Json))
    );
}

#[test]
fn hostile_text_survives_the_yaml_round_trip() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/hostile/escape-sequences.yaml"
    );
    let org = orgtree::load::load_file(std::path::Path::new(path), Default::default())
        .unwrap()
        .org;
    let again = reload(dump(&org, &format(Format::Yaml)));
    assert_eq!(
        dump(&again, &format(Format::Json)),
        dump(&org, &format(Format::Json))
    );
}

#[test]
fn a_narrowed_yaml_loads_on_its_own() {
    let org = shipped();
    let options = DumpOptions {
        format: Format::Yaml,
        root: org.find_entity("orange"),
        depth: Some(2),
        ..DumpOptions::default()
    };
    let part = reload(dump(&org, &options));
    assert_eq!(not_stubs(&part).len(), 7, "Orange and its six units");
    let in_view: Vec<&str> = not_stubs(&part)
        .iter()
        .map(|e| e.id.value.as_str())
        .collect();
    assert!(in_view.contains(&"cloudwatt"));
    // Below the depth: only a stub, for the stake Orange Cyberdefense holds in it.
    assert!(!in_view.contains(&"atheos"));
    assert!(part.find_entity("atheos").is_some());
    // Cloudwatt's stakes held by entities outside the view are kept, their owners as stubs.
    let owners = |org: &Org| -> Vec<String> {
        let cloudwatt = org.find_entity("cloudwatt").unwrap();
        org.stakes_in(cloudwatt)
            .map(|s| s.stake.owner.value.to_string())
            .collect()
    };
    assert_eq!(owners(&part), owners(&org));
    assert!(part.find_entity("thales").is_some(), "a stub");
    assert!(
        part.find_entity("bull").is_none(),
        "named by no fact in view"
    );
}

/// The entities of a narrowed YAML dump that were in view: not the stubs it keeps.
fn not_stubs(org: &Org) -> Vec<&orgtree::model::Entity> {
    let stub =
        |e: &orgtree::model::Entity| e.more().notes.iter().any(|n| n.text.starts_with("A stub"));
    org.model.entities.iter().filter(|e| !stub(e)).collect()
}

/// The stakes, relations and events that name `id`, as text.
fn facts_of(org: &Org, id: &str) -> Vec<String> {
    let named = |r: &str| r == id;
    let stakes = org
        .model
        .stakes
        .iter()
        .filter(|s| named(&s.owner) || named(&s.owned))
        .map(|s| {
            let share = s.share.as_ref().map(|sh| sh.value.source_text());
            format!("stake {} {} {share:?}", s.owner.value, s.owned.value)
        });
    let relations = org
        .model
        .relations
        .iter()
        .filter(|r| named(&r.from) || named(&r.to))
        .map(|r| {
            format!(
                "relation {} {} {}",
                r.kind.as_str(),
                r.from.value,
                r.to.value
            )
        });
    let events = org
        .model
        .events
        .iter()
        .filter(|e| e.entities.iter().any(|r| named(r)))
        .map(|e| {
            let entities: Vec<&str> = e.entities.iter().map(|r| r.value.as_str()).collect();
            format!("event {} {entities:?}", e.description)
        });
    stakes.chain(relations).chain(events).collect()
}

#[test]
fn a_yaml_cut_to_a_subtree_keeps_the_facts_that_cross_its_edge() {
    let org = shipped();
    let options = DumpOptions {
        format: Format::Yaml,
        root: org.find_entity("cloudwatt"),
        ..DumpOptions::default()
    };
    let part = reload(dump(&org, &options));
    let facts = facts_of(&org, "cloudwatt");
    assert!(facts.len() > 5, "{facts:?}");
    assert_eq!(facts_of(&part, "cloudwatt"), facts);
    // Its owners and the entities it is related to are stubs: no parent, no facts of their own.
    let orange = part.find_entity("orange").unwrap();
    assert!(part.entity(orange).parent.is_none());
    assert!(
        part.entity(part.find_entity("cloudwatt").unwrap())
            .parent
            .is_none()
    );
    assert!(
        part.model.entities[orange.0 as usize].more().notes[0]
            .text
            .starts_with("A stub")
    );
    assert!(part.find_entity("orange-business-services").is_none());
    // Cut again, it is the same file: the stubs are in view now and hold what they held.
    assert_eq!(
        dump(
            &reload(dump(&part, &format(Format::Yaml))),
            &format(Format::Yaml)
        ),
        dump(&part, &format(Format::Yaml))
    );
}

#[test]
fn the_binary_says_which_entities_it_kept_as_stubs_and_the_cut_checks() {
    let out = crate::common::orgtree()
        .args(["--format", "yaml", "--root", "cloudwatt"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(
        stderr.contains("7 entities outside the view are kept as stubs")
            && stderr.contains("`orange`, `caisse-des-depots`, `french-state`, `thales`"),
        "{stderr}"
    );
    let dir = std::env::temp_dir().join(format!("orgtree-cut-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("cloudwatt.yaml");
    std::fs::write(&path, &out.stdout).unwrap();
    let check = crate::common::orgtree()
        .arg("--check")
        .arg(&path)
        .output()
        .unwrap();
    std::fs::remove_dir_all(&dir).unwrap();
    assert_eq!(
        check.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&check.stdout)
    );
    // The whole model needs no stub, and says nothing.
    let whole = crate::common::orgtree()
        .args(["--format", "yaml"])
        .output()
        .unwrap();
    assert!(whole.stderr.is_empty());
}

#[test]
fn dot_is_valid_graphviz_with_one_line_per_link() {
    let org = shipped();
    let dot = dump(&org, &format(Format::Dot));
    graphviz_rust::parse(&dot).unwrap_or_else(|e| panic!("{e}\n{dot}"));
    // The parent's stake is on the hierarchy's line, not on a second line beside it.
    assert!(
        dot.contains("  \"orange\" -> \"cloudwatt\" [label=\"4/9 (44.4 %)\"];"),
        "{dot}"
    );
    let mut pairs = std::collections::HashSet::new();
    for line in dot
        .lines()
        .filter(|l| l.starts_with("  \"") && l.contains(" -> "))
    {
        let pair = line.split(" [").next().unwrap().trim_end_matches(';');
        assert!(pairs.insert(pair), "drawn twice: {pair}\n{dot}");
    }
    // Another owner's stake is dashed, with whom it is held for, and the beneficiary is linked.
    assert!(dot.contains("\"caisse-des-depots\" -> \"cloudwatt\" [style=dashed, color=\"#555555\", label=\"1/3 (33.3 %) for French State\"];"), "{dot}");
    assert!(
        dot.contains("\"caisse-des-depots\" -> \"french-state\" [style=dotted"),
        "{dot}"
    );
    // The date is in the graph's label, and a legend says what each kind of line means.
    assert!(dot.contains("label=\"Orange's cloud structures, January 2015 — as of 2015-01-12\""));
    assert!(dot.contains("label=\"Legend\""));
    assert!(dot.contains("label=\"holds for a beneficiary\""));
    assert!(
        !dot.contains("label=\"relation\""),
        "no relation drawn, none in the legend"
    );
    assert!(dot.contains("// Sources:\n//   [rt-2015-01-12] Réseaux & Télécoms"));
}

#[test]
fn dot_and_mermaid_draw_relations_clusters_and_a_direction_when_asked() {
    let org = shipped();
    let mut options = format(Format::Dot);
    options.graph = orgtree::dump::Graph {
        relations: true,
        cluster: true,
        rankdir: orgtree::dump::Rankdir::Lr,
        owners: false,
        former: false,
    };
    let dot = dump(&org, &options);
    graphviz_rust::parse(&dot).unwrap_or_else(|e| panic!("{e}\n{dot}"));
    assert!(dot.contains("graph [rankdir=LR,"), "{dot}");
    assert!(
        dot.contains("  subgraph \"cluster orange\" {\n    graph [label=\"Orange\""),
        "{dot}"
    );
    // Orange Business Services' box is inside Orange's, and holds its two subsidiaries.
    assert!(
        dot.contains("    subgraph \"cluster orange-business-services\" {"),
        "{dot}"
    );
    assert!(
        dot.contains("      \"orange-cloud-for-business\" [label="),
        "{dot}"
    );
    assert!(dot.contains("\"thales\" -> \"andromede\" [style=dashed, color=\"#2f6fb0\", constraint=false, label=\"member of\"];"), "{dot}");
    assert!(dot.contains("label=\"relation\""));
    let opened = dot.matches('{').count();
    assert_eq!(opened, dot.matches('}').count(), "{dot}");
    options.format = Format::Mermaid;
    let mermaid = dump(&org, &options);
    assert!(mermaid.contains("flowchart LR\n"), "{mermaid}");
    assert!(mermaid.contains("  subgraph c0 [\"Orange\"]"), "{mermaid}");
    assert_eq!(
        mermaid
            .lines()
            .filter(|l| l.trim_start().starts_with("subgraph"))
            .count(),
        mermaid.lines().filter(|l| l.trim() == "end").count()
    );
    assert!(mermaid.contains(" -. \"member of\" .- "), "{mermaid}");
    assert!(mermaid.contains("linkStyle "), "{mermaid}");
}

#[test]
fn dot_escapes_what_could_break_it() {
    let org = reload(
        "title: 'Quotes \" and \\\\ backslashes'\nentities:\n  - {id: 'a\"b', name: \"x\\\" -> y [color=red]\\e[31m\", kind: company}\n".into(),
    );
    let dot = dump(&org, &format(Format::Dot));
    let graph = graphviz_rust::parse(&dot).unwrap_or_else(|e| panic!("{e}\n{dot}"));
    let printed = format!("{graph:?}");
    assert!(
        !printed.contains("red\""),
        "an injected attribute must stay inside the label"
    );
    assert!(!dot.contains('\u{1b}'));
}

#[test]
fn mermaid_is_a_flowchart_with_escaped_labels() {
    let org = reload("title: t\nentities:\n  - {id: a, name: 'Say \"hi\" <b>', kind: company}\n  - {id: b, name: B, kind: team, parent: a}\nstakes:\n  - {owner: a, owned: b, share: 1/2}\n".into());
    let text = dump(&org, &format(Format::Mermaid));
    assert!(text.contains("flowchart TD"));
    assert!(
        text.contains("e0[\"Say #quot;hi#quot; #lt;b#gt;<br/><small>company</small>\"]"),
        "{text}"
    );
    // One line from the parent, with its share; every `%` is an entity code, as two of them
    // make a directive.
    assert!(text.contains("e0 -- \"50 #37;\" --> e1"), "{text}");
    assert_eq!(text.matches("e0 -").count(), 1, "{text}");
}

#[test]
fn mermaid_front_matter_title_is_valid_yaml() {
    let org = reload(
        "title: 'Quotes \" and \\\\ backslashes'\nentities:\n  - {id: a, name: A, kind: company}\n"
            .into(),
    );
    let text = dump(&org, &format(Format::Mermaid));
    let front = text.split("---\n").nth(1).expect("front matter");
    #[derive(serde::Deserialize)]
    struct Front {
        title: String,
    }
    let front: Front = serde_saphyr::from_str(front).unwrap_or_else(|e| panic!("{e}\n{text}"));
    assert!(
        front
            .title
            .starts_with("Quotes \" and \\\\ backslashes — as of"),
        "{}",
        front.title
    );
}

#[test]
fn markdown_lists_owners_leaders_and_sources() {
    let org = shipped();
    let text = dump(&org, &format(Format::Markdown));
    assert!(text.contains("  - **Cloudwatt** (company)"));
    assert!(text.contains("owned by Orange 4/9 (44.4 %), Caisse des Dépôts 1/3 (33.3 %) for French State, Thales 2/9 (22.2 %) — led by Didier Renard (CEO)"));
    assert!(text.contains("| # | Title | Publisher | Date |"));
    assert!(text.contains("| 1 | Orange cherche comment intégrer Cloudwatt dans sa stratégie cloud | Réseaux &amp; Télécoms | 2015-01-12 |"));
}

/// The entity names a dump shows. JSON and YAML also list every source (whose titles name
/// entities), so their entities are read structurally.
fn names_in(org: &Org, f: Format, text: &str) -> String {
    match f {
        Format::Json => {
            let v: serde_json::Value = serde_json::from_str(text).unwrap();
            v["entities"]
                .as_array()
                .unwrap()
                .iter()
                .map(|e| e["name"].as_str().unwrap().to_owned() + "\n")
                .collect()
        }
        // The entities in view, not the stubs kept for facts that cross the view's edge.
        Format::Yaml => not_stubs(&reload(text.to_owned()))
            .iter()
            .map(|e| e.latest_name().to_owned() + "\n")
            .collect(),
        // Node lines, list items: not the comment or table that lists the sources.
        Format::Dot => text
            .lines()
            .filter(|l| l.contains("shape="))
            .collect::<Vec<_>>()
            .join("\n"),
        Format::Mermaid => text
            .lines()
            .filter(|l| l.contains("[\""))
            .collect::<Vec<_>>()
            .join("\n"),
        Format::Markdown => text
            .lines()
            .filter(|l| l.trim_start().starts_with("- "))
            .collect::<Vec<_>>()
            .join("\n"),
        _ => {
            let _ = org;
            text.to_owned()
        }
    }
}

#[test]
fn every_format_honours_the_view() {
    let org = shipped();
    let day = |t: &str| {
        t.parse::<orgtree::model::PartialDate>()
            .unwrap()
            .first_day()
    };
    for f in [
        Format::Tree,
        Format::Json,
        Format::Yaml,
        Format::Dot,
        Format::Mermaid,
        Format::Markdown,
        Format::Chart,
    ] {
        let narrowed = |options: DumpOptions| {
            names_in(
                &org,
                f,
                &dump(
                    &org,
                    &DumpOptions {
                        format: f,
                        ..options
                    },
                ),
            )
        };
        let by_root = narrowed(DumpOptions {
            root: org.find_entity("sfr"),
            ..DumpOptions::default()
        });
        assert!(
            by_root.contains("Numergy") && !by_root.contains("Cloudwatt"),
            "{f:?} --root"
        );
        let by_depth = narrowed(DumpOptions {
            depth: Some(1),
            ..DumpOptions::default()
        });
        assert!(!by_depth.contains("Atheos"), "{f:?} --depth");
        let by_date = narrowed(DumpOptions {
            as_of: Some(day("2011")),
            ..DumpOptions::default()
        });
        assert!(!by_date.contains("Numergy"), "{f:?} --as-of");
        let by_filter = narrowed(DumpOptions {
            filter: Some("numergy".into()),
            ..DumpOptions::default()
        });
        assert!(
            by_filter.contains("Numergy") && !by_filter.contains("Atheos"),
            "{f:?} --filter"
        );
    }
}

/// Whether the chart has a box for the entity named `name`: a box line that starts with its
/// name, or with as many of its first words as the widest box at the default width holds.
fn has_box(chart: &str, name: &str) -> bool {
    let cap = orgtree::chart::inner_cap(orgtree::dump::DEFAULT_WIDTH);
    let mut first = String::new();
    for word in name.split(' ') {
        let longer = if first.is_empty() {
            word.to_owned()
        } else {
            format!("{first} {word}")
        };
        if longer.chars().count() > cap {
            break;
        }
        first = longer;
    }
    if first.is_empty() {
        first = name.chars().take(cap).collect();
    }
    // Between a box's left side (or the joint a stacked leaf hangs from) and its padding or
    // right side.
    chart.lines().any(|l| {
        l.match_indices(first.as_str()).any(|(at, _)| {
            let before = l[..at].chars().next_back();
            let rest = &l[at + first.len()..];
            let side = rest.find(['│', '├', '┃', '┠']).unwrap_or(rest.len());
            matches!(before, Some('│' | '┤' | '┃' | '┨')) && rest[..side].trim().is_empty()
        })
    })
}

#[test]
fn the_chart_shows_what_the_tree_shows_under_a_filter() {
    let org = shipped();
    for (query, root) in [
        ("cloudwatt", None),
        ("atheos", None),
        ("numergy", None),
        ("cloud", None),
        ("orange", None),
        ("laplane", None),
        ("cloud", org.find_entity("orange-business-services")),
    ] {
        let options = |format| DumpOptions {
            format,
            filter: Some(query.into()),
            root,
            ..DumpOptions::default()
        };
        let tree = dump(&org, &options(Format::Tree));
        let chart = dump(&org, &options(Format::Chart));
        assert!(chart.contains(&format!("— filter: {query}")), "{query}");
        for e in &org.model.entities {
            let in_tree = tree.contains(&format!("── {} (", e.latest_name()));
            assert_eq!(
                has_box(&chart, e.latest_name()),
                in_tree,
                "{query}: {} is in the tree: {in_tree}\n{tree}\n{chart}",
                e.latest_name()
            );
        }
    }
}

#[test]
fn the_chart_prints_as_text() {
    let org = shipped();
    let options = DumpOptions {
        format: Format::Chart,
        root: org.find_entity("orange"),
        depth: Some(2),
        ..DumpOptions::default()
    };
    insta::assert_snapshot!(dump(&org, &options));
}

#[test]
fn graphml_is_xml_with_the_lines_dot_draws() {
    let org = shipped();
    let mut options = format(Format::Graphml);
    options.graph.relations = true;
    let text = dump(&org, &options);
    let doc = roxmltree::Document::parse(&text).unwrap_or_else(|e| panic!("{e}\n{text}"));
    let nodes: Vec<_> = doc
        .descendants()
        .filter(|n| n.has_tag_name("node"))
        .collect();
    let edges: Vec<_> = doc
        .descendants()
        .filter(|n| n.has_tag_name("edge"))
        .collect();
    assert_eq!(nodes.len(), 19);
    // The same lines as the DOT export with --relations: one per link.
    options.format = Format::Dot;
    let dot = dump(&org, &options);
    let dot_edges = dot
        .lines()
        .filter(|l| l.starts_with("  \"") && l.contains(" -> "))
        .count();
    assert_eq!(edges.len(), dot_edges);
    let data = |n: &roxmltree::Node, key: &str| {
        n.children()
            .find(|c| c.attribute("key") == Some(key))
            .and_then(|c| c.text())
            .map(str::to_owned)
    };
    let edge = |source: &str, target: &str| {
        edges
            .iter()
            .find(|e| {
                e.attribute("source") == Some(source) && e.attribute("target") == Some(target)
            })
            .unwrap_or_else(|| panic!("no edge {source} -> {target}\n{text}"))
    };
    let part = edge("e:orange", "e:cloudwatt");
    assert_eq!(data(part, "line").as_deref(), Some("part"));
    assert_eq!(data(part, "label").as_deref(), Some("4/9 (44.4 %)"));
    let held = edge("e:caisse-des-depots", "e:french-state");
    assert_eq!(data(held, "line").as_deref(), Some("holds_for"));
    let desc = doc.descendants().find(|n| n.has_tag_name("desc")).unwrap();
    assert_eq!(
        desc.text(),
        Some("Orange's cloud structures, January 2015 — as of 2015-01-12")
    );
}

/// `--owners --root ID` in `format`, on `org`, at `as_of` if given.
fn owners_graph(org: &Org, format: Format, root: &str, as_of: Option<&str>) -> String {
    let mut options = self::format(format);
    options.root = org.find_entity(root);
    options.as_of = as_of.map(|d| {
        d.parse::<orgtree::model::PartialDate>()
            .unwrap()
            .first_day()
    });
    options.graph.owners = true;
    dump(org, &options)
}

/// The `a -> b` lines of a DOT text, without their attributes.
fn dot_lines(dot: &str) -> Vec<&str> {
    dot.lines()
        .filter(|l| l.starts_with("  \"") && l.contains(" -> "))
        .map(|l| l.trim().split(" [").next().unwrap())
        .collect()
}

#[test]
fn the_ownership_graph_of_cloudwatt_in_dot_mermaid_and_graphml() {
    let org = shipped();
    let dot = owners_graph(&org, Format::Dot, "cloudwatt", None);
    graphviz_rust::parse(&dot).unwrap_or_else(|e| panic!("{e}\n{dot}"));
    assert!(
        dot.contains("label=\"Orange's cloud structures, January 2015 — who owns Cloudwatt, as of 2015-01-12\""),
        "{dot}"
    );
    // Its three holders, each with its direct share, and whom the Caisse holds for; nothing
    // of the hierarchy (Orange's units are not drawn).
    assert_eq!(
        dot_lines(&dot),
        [
            "\"orange\" -> \"cloudwatt\"",
            "\"caisse-des-depots\" -> \"cloudwatt\"",
            "\"thales\" -> \"cloudwatt\"",
            "\"caisse-des-depots\" -> \"french-state\"",
        ],
        "{dot}"
    );
    assert!(
        dot.contains("label=\"1/3 (33.3 %) for French State\""),
        "{dot}"
    );
    assert!(!dot.contains("orange-business-services"), "{dot}");
    assert!(
        dot.contains("label=\"holds, with its direct share\""),
        "{dot}"
    );
    // After 2015-03-16, Orange alone.
    let later = owners_graph(&org, Format::Dot, "cloudwatt", Some("2015-06-01"));
    assert_eq!(
        dot_lines(&later),
        ["\"orange\" -> \"cloudwatt\""],
        "{later}"
    );
    let mermaid = owners_graph(&org, Format::Mermaid, "cloudwatt", None);
    assert!(mermaid.contains("title: \"Orange's cloud structures, January 2015 — who owns Cloudwatt, as of 2015-01-12\""), "{mermaid}");
    let (graph, legend) = mermaid.split_once("subgraph legend").unwrap();
    assert_eq!(graph.matches(" --> ").count(), 3, "{mermaid}");
    assert_eq!(graph.matches("holds for").count(), 1, "{mermaid}");
    assert!(
        legend.contains("\"holds, with its direct share\""),
        "{mermaid}"
    );
    assert!(legend.contains("\"holds for a beneficiary\""), "{mermaid}");
    let graphml = owners_graph(&org, Format::Graphml, "cloudwatt", None);
    let doc = roxmltree::Document::parse(&graphml).unwrap_or_else(|e| panic!("{e}\n{graphml}"));
    let nodes = doc.descendants().filter(|n| n.has_tag_name("node")).count();
    let edges = doc.descendants().filter(|n| n.has_tag_name("edge")).count();
    assert_eq!((nodes, edges), (5, 4), "{graphml}");
}

#[test]
fn an_ownership_graph_draws_each_stake_once_and_marks_a_circle() {
    // b and c hold t; a holds b and c; t holds a back; Ada holds c.
    let org = reload(
        "title: t\nentities:\n  - {id: t, name: T, kind: company}\n  - {id: a, name: A, kind: company}\n  - {id: b, name: B, kind: company}\n  - {id: c, name: C, kind: company}\npeople:\n  - {id: ada, name: Ada}\nstakes:\n  - {owner: b, owned: t, share: 1/2}\n  - {owner: c, owned: t, share: 1/2}\n  - {owner: a, owned: b, share: 1}\n  - {owner: a, owned: c, share: 1/2}\n  - {owner: ada, owned: c, share: 1/2}\n  - {owner: t, owned: a, share: 1/10}\n".into(),
    );
    let dot = owners_graph(&org, Format::Dot, "t", None);
    graphviz_rust::parse(&dot).unwrap_or_else(|e| panic!("{e}\n{dot}"));
    let lines = dot_lines(&dot);
    assert_eq!(lines.len(), 6, "{dot}");
    let unique: std::collections::HashSet<_> = lines.iter().collect();
    assert_eq!(unique.len(), 6, "each stake once: {dot}");
    // The stake of t in a closes the circle: marked, and it does not rank t above a.
    assert!(
        dot.contains("\"t\" -> \"a\" [color=\"#c0392b\", fontcolor=\"#c0392b\", constraint=false, label=\"10 % ↻\"];"),
        "{dot}"
    );
    assert!(
        dot.contains("label=\"closes a circle of holdings (↻)\""),
        "{dot}"
    );
    assert!(
        dot.contains("[label=\"Ada\\nperson\", shape=ellipse"),
        "{dot}"
    );
    let mermaid = owners_graph(&org, Format::Mermaid, "t", None);
    assert!(mermaid.contains("10 #37; ↻"), "{mermaid}");
    assert!(mermaid.contains("stroke:#c0392b"), "{mermaid}");
}

#[test]
fn owners_and_former_need_a_graph_format() {
    let run = |args: &[&str]| crate::common::orgtree().args(args).output().unwrap();
    let out = run(&["--format", "dot", "--owners"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--root"));
    let out = run(&["--format", "tree", "--owners", "--root", "cloudwatt"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("--format dot, mermaid or graphml"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let out = run(&["--format", "mermaid", "--owners", "--root", "cloudwatt"]);
    assert_eq!(out.status.code(), Some(0));
    let out = run(&["--format", "chart", "--former"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--former dims former entities"));
}

#[test]
fn former_entities_are_left_out_of_graphs_or_dimmed_when_asked() {
    // Cloudwatt was merged into Orange Cloud for Business on 2016-01-01.
    let org = shipped();
    let mut options = format(Format::Dot);
    options.as_of = Some(
        "2017-01-01"
            .parse::<orgtree::model::PartialDate>()
            .unwrap()
            .first_day(),
    );
    let dot = dump(&org, &options);
    assert!(!dot.contains("\"cloudwatt\""), "{dot}");
    options.graph.former = true;
    let dot = dump(&org, &options);
    graphviz_rust::parse(&dot).unwrap_or_else(|e| panic!("{e}\n{dot}"));
    assert!(
        dot.contains("\"cloudwatt\" [label=\"Cloudwatt\\ncompany\\nnot at this date\", shape=box, style=\"filled,dashed\""),
        "{dot}"
    );
    assert!(dot.contains("label=\"not existing at the date\""), "{dot}");
    // Only Cloudwatt is dimmed: what exists is drawn as usual.
    assert_eq!(dot.matches("not at this date").count(), 1, "{dot}");
    options.format = Format::Mermaid;
    let mermaid = dump(&org, &options);
    let cloudwatt = org.find_entity("cloudwatt").unwrap().0;
    assert!(
        mermaid.contains(&format!("  class e{cloudwatt},lf former\n")),
        "{mermaid}"
    );
    options.format = Format::Graphml;
    let graphml = dump(&org, &options);
    let doc = roxmltree::Document::parse(&graphml).unwrap_or_else(|e| panic!("{e}\n{graphml}"));
    let former: Vec<_> = doc
        .descendants()
        .filter(|n| n.attribute("key") == Some("former"))
        .map(|n| n.parent().unwrap().attribute("id").unwrap())
        .collect();
    assert_eq!(former, ["e:cloudwatt"], "{graphml}");
}
