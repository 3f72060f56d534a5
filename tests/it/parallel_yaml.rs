//! The parallel YAML read against the serial one (`load::differential::compare_parallel`): on
//! every fixture, on synthetic and generated models, and on texts made to trip the cut, it reads
//! the same model with the same positions, or the same error at the same place; and each reason
//! to read serially is taken where it should be.

use orgtree::load::differential::{
    Agreement, GiveUp, Plan, Route, Serial, compare, compare_parallel, parallel,
};
use proptest::prelude::*;

use super::fast_yaml::{documented, fixtures, item, model_text};

/// Any text is long enough, on two threads (or more).
const TWO: Plan = Plan {
    threshold: 0,
    workers: 2,
};
const THREE: Plan = Plan {
    threshold: 0,
    workers: 3,
};

/// The route `text` takes under `plan`, after checking that the parallel read agrees with the
/// serial one.
fn route(text: &str, plan: Plan) -> Route {
    let (agreement, route) = compare_parallel(text, plan);
    if let Agreement::Differ { fast, full } = agreement {
        panic!("{text}\n--- parallel:\n{fast}\n--- serial:\n{full}");
    }
    route
}

/// A model of `n` entities in block style, then `n` stakes in flow style.
fn model(n: usize) -> String {
    let mut y = String::from("title: t\ndescription: \"a model\" # quoted, closed\nas_of: 2020\n");
    y.push_str("entities:\n");
    for i in 0..n {
        y.push_str(&format!(
            "  - id: e{i}\n    name: 'Entity {i}'\n    kind: company\n"
        ));
        if i > 0 {
            y.push_str(&format!("    parent: e{}\n", i / 2));
        }
    }
    y.push_str("stakes:\n");
    for i in 1..n {
        y.push_str(&format!(
            "  - {{owner: e{}, owned: e{i}, share: 50%}}\n",
            i / 2
        ));
    }
    y
}

fn read(text: &str, plan: Plan) -> orgtree::model::Model {
    parallel(text, plan).0.unwrap()
}

#[test]
fn a_model_is_read_in_parallel_and_the_same() {
    let text = model(40);
    assert!(matches!(route(&text, TWO), Route::Parallel(n) if n >= 2));
    assert!(matches!(route(&text, THREE), Route::Parallel(n) if n >= 3));
    let read = read(&text, TWO);
    assert_eq!((read.entities.len(), read.stakes.len()), (40, 39));
}

#[test]
fn every_fixture_reads_the_same_in_parallel() {
    let mut split = 0;
    let texts: Vec<(String, String)> = fixtures()
        .into_iter()
        .filter_map(|p| Some((p.display().to_string(), std::fs::read_to_string(&p).ok()?)))
        .chain(documented())
        .collect();
    for (name, text) in &texts {
        for plan in [TWO, THREE] {
            let (agreement, route) = compare_parallel(text, plan);
            if let Agreement::Differ { fast, full } = agreement {
                panic!("{name}:\n--- parallel:\n{fast}\n--- serial:\n{full}");
            }
            split += usize::from(matches!(route, Route::Parallel(_)));
        }
    }
    eprintln!("{split} reads of {} in parallel", texts.len() * 2);
    assert!(split >= 20, "{split}");
}

#[test]
fn synthetic_models_read_the_same_in_parallel_into_exact_capacities() {
    for n in [1, 50, 2000] {
        let mut out = Vec::new();
        orgtree::synthetic::write(n, false, &mut out).unwrap();
        let text = String::from_utf8(out).unwrap();
        for plan in [TWO, THREE] {
            let route = route(&text, plan);
            assert!(
                n == 1 || matches!(route, Route::Parallel(_)),
                "{n}: {route:?}"
            );
        }
        let model = read(&text, TWO);
        let lists = [
            (model.entities.len(), model.entities.capacity()),
            (model.stakes.len(), model.stakes.capacity()),
            (model.people.len(), model.people.capacity()),
            (model.roles.len(), model.roles.capacity()),
        ];
        for (len, capacity) in lists {
            assert_eq!(len, capacity, "{n}: {lists:?}");
        }
    }
}

/// A model of a few lists of many items, each one the fast reader reads (so without anchors,
/// which the parallel read leaves to the serial one), and now and then a character put in.
fn long_text() -> impl Strategy<Value = String> {
    let lists = prop::sample::subsequence(vec!["sources", "entities", "people", "stakes"], 1..=4)
        .prop_flat_map(|names| {
            names
                .into_iter()
                .map(|name| (Just(name), prop::collection::vec(item(name), 1..10)))
                .collect::<Vec<_>>()
        });
    let edit = prop::option::weighted(
        0.3,
        (
            any::<prop::sample::Index>(),
            prop::sample::select(vec![
                "", " ", "\n", ":", "-", "'", "\"", "[", "{", "}", "#", "|", ">", "\n  - ", "\n- ",
                "\r",
            ]),
        ),
    );
    (any::<bool>(), lists, edit).prop_map(|(as_of, lists, edit)| {
        let mut y = String::from("title: t\n");
        if as_of {
            y.push_str("as_of: 2014 # a date\n");
        }
        for (key, items) in &lists {
            y.push_str(&format!("{key}:\n"));
            // Only items the fast reader reads on their own: the rest would send nearly every
            // text to the serial read.
            for item in items {
                let item = item.replacen("  - &a ", "  - ", 1);
                if compare(&format!("title: t\n{key}:\n{item}")) == Agreement::Same {
                    y.push_str(&item);
                }
            }
        }
        if let Some((at, insert)) = edit {
            let mut cut = at.index(y.len() + 1);
            while !y.is_char_boundary(cut) {
                cut -= 1;
            }
            y.insert_str(cut, insert);
        }
        y
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1000))]

    #[test]
    fn generated_texts_read_the_same_in_parallel(
        text in prop_oneof![long_text(), model_text()],
        three in any::<bool>(),
    ) {
        let plan = if three { THREE } else { TWO };
        let (agreement, _) = compare_parallel(&text, plan);
        if let Agreement::Differ { fast, full } = agreement {
            prop_assert!(false, "{text}\n--- parallel:\n{fast}\n--- serial:\n{full}");
        }
    }
}

/// The property above is not checked on serial reads alone.
#[test]
fn many_generated_texts_are_read_in_parallel() {
    use proptest::strategy::ValueTree;
    use proptest::test_runner::TestRunner;

    let mut runner = TestRunner::deterministic();
    let strategy = long_text();
    let mut routes = std::collections::BTreeMap::new();
    for _ in 0..500 {
        let text = strategy.new_tree(&mut runner).unwrap().current();
        let route = match route(&text, TWO) {
            Route::Parallel(_) => "parallel".to_owned(),
            other => format!("{other:?}"),
        };
        *routes.entry(route).or_insert(0) += 1;
    }
    let split = routes.get("parallel").copied().unwrap_or(0);
    eprintln!("{routes:?}");
    assert!(split >= 150, "{routes:?}");
}

/// `model(n)` with `line` put in after the entity item `at`'s lines.
fn with_entity_line(n: usize, at: usize, line: &str) -> String {
    let mut text = model(n);
    let anchor = format!("  - id: e{}\n", at + 1);
    let i = text.find(&anchor).unwrap();
    text.insert_str(i, line);
    text
}

#[test]
fn a_quoted_scalar_that_runs_past_a_cut_is_not_cut() {
    for quoted in [
        "    description: 'one\n  - id: not an item\n    kind: company'\n",
        "    description: \"one \\\"\n  - id: not an item\n  \\\" two\"\n",
        "    description: \"ends in an escaped break\\\n  - id: x\"\n",
    ] {
        let text = with_entity_line(12, 5, quoted);
        assert!(matches!(route(&text, TWO), Route::Parallel(_)), "{quoted}");
        let model = read(&text, TWO);
        assert_eq!(model.entities.len(), 12, "{quoted}");
        let description = model.entities[5].description.clone().unwrap_or_default();
        assert!(description.contains("- id"), "{description:?}");
    }
}

#[test]
fn a_flow_collection_that_runs_past_a_cut_is_not_cut() {
    let valid = "    other_names: [a,\n      b, '- c']\n    attributes: {x: y,\n      z: w}\n";
    let text = with_entity_line(12, 5, valid);
    assert!(matches!(route(&text, TWO), Route::Parallel(_)));
    assert_eq!(read(&text, TWO).entities.len(), 12);
    // A flow list whose next line starts like an item at the items' column: not YAML, and
    // the diagnostic is the serial one (`route` compares them).
    let broken = with_entity_line(12, 5, "    other_names: [a,\n  - id: x]\n");
    assert!(matches!(route(&broken, TWO), Route::Serial(_)));
}

#[test]
fn a_dash_inside_a_block_scalar_is_not_cut() {
    for block in [
        "    description: |\n      - not an item\n\n      text\n        - deeper\n",
        "    description: >-\n\n      - folded\n      - still\n",
        "    description: |+\n      - kept\n\n\n",
        "    description: |1\n        - deeper than its indentation\n     - at it\n",
    ] {
        let text = with_entity_line(12, 5, block);
        assert!(matches!(route(&text, TWO), Route::Parallel(_)), "{block}");
        assert_eq!(read(&text, TWO).entities.len(), 12, "{block}");
    }
    // Items at column 0 under their key, a block scalar among them.
    let text = "title: t\nentities:\n- id: a\n  name: A\n  kind: company\n  description: |\n    - x\n- id: b\n  name: B\n  kind: company\n";
    assert!(matches!(route(text, TWO), Route::Parallel(2)));
}

#[test]
fn comments_between_items_are_kept_out_of_the_model() {
    let text = with_entity_line(12, 5, "# - id: fake\n  # - id: fake\n\n    # inside\n");
    assert!(matches!(route(&text, TWO), Route::Parallel(_)));
    assert_eq!(read(&text, TWO).entities.len(), 12);
}

#[test]
fn crlf_line_ends_and_a_leading_bom_read_the_same() {
    let crlf = model(20).replace('\n', "\r\n");
    assert!(matches!(route(&crlf, TWO), Route::Parallel(_)));
    let bom = format!("\u{feff}{}", model(20));
    assert!(matches!(route(&bom, TWO), Route::Parallel(_)));
    let (a, b) = (read(&crlf, TWO), read(&bom, TWO));
    assert_eq!(a.entities[19].id.pos, b.entities[19].id.pos);
}

#[test]
fn positions_in_late_runs_are_the_files() {
    let text = model(30);
    let model = read(&text, TWO);
    let line = text.lines().position(|l| l == "  - id: e29").unwrap();
    let pos = model.entities[29].id.pos;
    assert_eq!((pos.line, pos.col), (u32::try_from(line).unwrap() + 1, 9));
    let last = model.stakes.last().unwrap();
    assert_eq!(
        last.owned.pos.line,
        u32::try_from(text.lines().count()).unwrap()
    );
}

#[test]
fn an_error_in_a_late_run_is_the_serial_diagnostic() {
    for bad in [
        "  - {owner: e1, owned: e2, share: lots}\n",
        "  - {owner: e1, owned: e2, shares: 1}\n",
        "  - {owner: e1, owned: [e2\n",
    ] {
        let text = format!("{}{bad}", model(30));
        let (read, route_taken) = parallel(&text, TWO);
        assert!(
            matches!(route_taken, Route::Serial(Serial::Piece(_))),
            "{route_taken:?}"
        );
        let message = read.unwrap_err();
        let line = text.lines().count();
        assert!(message.starts_with(&format!("{line}:")), "{message}");
        // And the same as the serial read's, message and position.
        route(&text, TWO);
    }
}

#[test]
fn each_reason_to_read_serially_is_taken() {
    let base = model(12);
    let below = Plan {
        threshold: base.len() + 1,
        workers: 2,
    };
    let one = Plan {
        threshold: 0,
        workers: 1,
    };
    let mut cases: Vec<(String, Plan, Route)> = vec![
        (base.clone(), below, Route::Serial(Serial::Small)),
        (base.clone(), one, Route::Serial(Serial::Small)),
        (
            with_entity_line(12, 5, "    description:\tx\n  -\tid: e\n"),
            TWO,
            Route::Serial(Serial::Lines),
        ),
        (
            with_entity_line(12, 5, "    description: a\rb\n"),
            TWO,
            Route::Serial(Serial::Lines),
        ),
        (
            with_entity_line(12, 5, "    description: a\u{feff}\n"),
            TWO,
            Route::Serial(Serial::Lines),
        ),
        (
            with_entity_line(12, 2, "    attributes: &shared {a: b}\n")
                + "  - {owner: e1, owned: e2}\n",
            TWO,
            Route::Serial(Serial::Node),
        ),
        (
            with_entity_line(12, 2, "    attributes: &shared {a: b}\n")
                .replace("  - id: e11\n", "  - id: e11\n    attributes: *shared\n"),
            TWO,
            Route::Serial(Serial::Node),
        ),
        (
            base.replace("kind: company\n", "kind: !!str company\n"),
            TWO,
            Route::Serial(Serial::Node),
        ),
        (format!("---\n{base}"), TWO, Route::Serial(Serial::Document)),
        (format!("{base}...\n"), TWO, Route::Serial(Serial::Document)),
        (
            format!("%YAML 1.2\n---\n{base}"),
            TWO,
            Route::Serial(Serial::Document),
        ),
        (
            format!("{base}entities:\n  - {{id: z, name: Z, kind: company}}\n"),
            TWO,
            Route::Serial(Serial::Repeated),
        ),
        (
            "title: t\nentities:\n  - {id: a, name: A, kind: company}\n".to_owned(),
            TWO,
            Route::Serial(Serial::Few),
        ),
        (
            base.replace("title: t\n", "title: t\ntitel: u\n"),
            TWO,
            Route::Serial(Serial::Piece(GiveUp::UnknownField)),
        ),
        (
            base.replace("share: 50%}\n", "share: 50%, indirect: yes}\n"),
            TWO,
            Route::Serial(Serial::Piece(GiveUp::Value)),
        ),
    ];
    // A header value that runs over more than its line.
    for header in [
        "description: |\n  a\n  b",
        "description: [a,\n  b]",
        "description: 'a\n  b'",
        "description: a\n  b",
    ] {
        let text = base.replace("description: \"a model\" # quoted, closed", header);
        cases.push((text, TWO, Route::Serial(Serial::Header)));
    }
    for (text, plan, expected) in cases {
        assert_eq!(route(&text, plan), expected, "{text}");
    }
}
