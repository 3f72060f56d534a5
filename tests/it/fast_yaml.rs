//! The fast YAML reader against serde-saphyr (`load::differential`): on every model and
//! fixture of the repository, on synthetic models, and on generated texts, valid or slightly
//! broken, it reads the same model with the same positions, or leaves the text to serde-saphyr.

use std::path::{Path, PathBuf};

use orgtree::load::differential::{Agreement, compare};
use proptest::prelude::*;

/// Every YAML file under the repository's data, docs and test fixtures.
pub(crate) fn fixtures() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut found = Vec::new();
    let mut dirs: Vec<PathBuf> = ["data", "docs", "tests/fixtures", "examples"]
        .iter()
        .map(|d| root.join(d))
        .collect();
    while let Some(dir) = dirs.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                dirs.push(path);
            } else if path.extension().is_some_and(|e| e == "yaml" || e == "yml") {
                found.push(path);
            }
        }
    }
    found.sort();
    found
}

/// The YAML examples of the documentation, each a fenced block of a Markdown file.
pub(crate) fn documented() -> Vec<(String, String)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut found = Vec::new();
    for file in [
        "README.md",
        "docs/model.md",
        "docs/json.md",
        "ARCHITECTURE.md",
    ] {
        let text = std::fs::read_to_string(root.join(file)).unwrap();
        for (i, block) in text.split("```yaml\n").skip(1).enumerate() {
            let body = block.split("```").next().unwrap_or_default();
            found.push((format!("{file} block {i}"), body.to_owned()));
            // Most are parts of a model: also read as one.
            found.push((
                format!("{file} block {i}, titled"),
                format!("title: t\n{body}"),
            ));
        }
    }
    found
}

#[test]
fn every_fixture_reads_the_same_or_falls_back() {
    let mut fast = 0;
    let files: Vec<(String, Option<String>)> = fixtures()
        .into_iter()
        .map(|p| (p.display().to_string(), std::fs::read_to_string(&p).ok()))
        .chain(
            documented()
                .into_iter()
                .map(|(name, text)| (name, Some(text))),
        )
        .collect();
    assert!(files.len() > 50, "{files:?}");
    for (path, text) in &files {
        let Some(text) = text else {
            continue;
        };
        match compare(text) {
            Agreement::Same => fast += 1,
            Agreement::Fallback(why) => eprintln!("{path}: {why:?}"),
            Agreement::Differ { fast, full } => panic!("{path}: fast\n{fast}\nfull\n{full}"),
        }
    }
    eprintln!("{fast} of {} read fast", files.len());
}

#[test]
fn the_shipped_models_and_synthetic_ones_read_fast() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    for file in [
        "data/orange-cloud.yaml",
        "data/alphabet.yaml",
        "docs/example.yaml",
    ] {
        let text = std::fs::read_to_string(root.join(file)).unwrap();
        assert_eq!(compare(&text), Agreement::Same, "{file}");
    }
    for n in [1, 50, 2000] {
        let mut out = Vec::new();
        orgtree::synthetic::write(n, false, &mut out).unwrap();
        let text = String::from_utf8(out).unwrap();
        assert_eq!(compare(&text), Agreement::Same, "{n} entities");
    }
}

/// A scalar's text: names, and the words YAML reads as something else than text.
fn word() -> impl Strategy<Value = String> {
    let odd = prop::sample::select(vec![
        "no",
        "Yes",
        "NO",
        "y",
        "on",
        "007",
        "0",
        "-0",
        "1_000",
        "~",
        "null",
        "Null",
        "",
        ".inf",
        "-.inf",
        ".nan",
        "+.nan",
        "1e3",
        "2.5",
        "1.",
        ".5",
        "0x1F",
        "0X1F",
        "0o17",
        "0b1",
        "+1",
        "-1",
        "true",
        "False",
        "TRUE",
        "2014",
        "2014-03",
        "2014-03-31",
        "2014-13",
        "4/9",
        "50%",
        "20%..25%",
        "acme",
        "O'Brien",
        "a: b",
        "a #b",
        "#x",
        "名前",
        "a\\nb",
        "[x]",
        "{x}",
        "*x",
        "&a",
        "!t",
        "<<",
        "- x",
        "18446744073709551616",
        "3M",
        "inf",
        "NaN",
        "e5",
        "_x",
        "1e999",
        "a\"b",
        "tab\there",
        "two\nlines",
        "company",
        "subsidiary",
        " lead",
        "trail ",
        "--",
        "?",
    ]);
    prop_oneof![
        2 => odd.prop_map(str::to_owned),
        4 => "[a-z][a-z0-9 ]{0,8}",
        1 => "\\PC{0,6}",
    ]
}

/// A scalar as written after `key: ` on a line indented `indent`: plain, quoted or a block.
#[derive(Debug, Clone)]
struct Scalar {
    text: String,
    style: u8,
}

impl Scalar {
    fn render(&self, indent: usize, flow: bool) -> String {
        let pad = " ".repeat(indent + 2);
        let style = if flow { self.style % 3 } else { self.style };
        match style {
            0 => self.text.clone(),
            1 => format!("'{}'", self.text.replace('\'', "''")),
            2 => serde_json::to_string(&self.text).unwrap(),
            3 | 4 => {
                let head = if style == 3 { "|" } else { ">-" };
                let body: Vec<String> = self.text.lines().map(|l| format!("{pad}{l}")).collect();
                format!("{head}\n{}", body.join("\n"))
            }
            _ => self.text.clone(),
        }
    }
}

fn scalar() -> impl Strategy<Value = Scalar> {
    (word(), 0u8..5).prop_map(|(text, style)| Scalar { text, style })
}

#[derive(Debug, Clone)]
enum Field {
    One(Scalar),
    /// A flow or block list of scalars.
    List(Vec<Scalar>, bool),
    /// Periods (`- {id: x, start: …}`), in flow or block style.
    Periods(Vec<(Scalar, Option<Scalar>)>, bool),
    /// A mapping of scalars, in flow or block style.
    Map(Vec<(Scalar, Scalar)>, bool),
    Alias,
}

fn scalars() -> impl Strategy<Value = Field> {
    (prop::collection::vec(scalar(), 0..3), any::<bool>()).prop_map(|(v, f)| Field::List(v, f))
}

fn periods() -> impl Strategy<Value = Field> {
    (
        prop::collection::vec((scalar(), prop::option::of(scalar())), 0..3),
        any::<bool>(),
    )
        .prop_map(|(v, f)| Field::Periods(v, f))
}

fn mapping() -> impl Strategy<Value = Field> {
    (
        prop::collection::vec((scalar(), scalar()), 0..3),
        any::<bool>(),
    )
        .prop_map(|(v, f)| Field::Map(v, f))
}

/// Any value, of any shape.
fn field_value() -> impl Strategy<Value = Field> {
    prop_oneof![
        4 => scalar().prop_map(Field::One),
        1 => scalars(),
        1 => periods(),
        1 => mapping(),
        1 => Just(Field::Alias),
    ]
}

/// A scalar among the spellings of a typed field, in any style.
fn typed(spellings: &'static [&'static str]) -> BoxedStrategy<Field> {
    (prop::sample::select(spellings), 0u8..5)
        .prop_map(|(text, style)| {
            let style = if style > 2 { 0 } else { style };
            Field::One(Scalar {
                text: text.to_owned(),
                style,
            })
        })
        .boxed()
}

/// A value of the shape `key` takes, mostly.
fn value_for(key: &str) -> BoxedStrategy<Field> {
    let fitting = match key {
        "sources" | "other_names" => scalars().boxed(),
        "attributes" => mapping().boxed(),
        "parent" | "name" => {
            prop_oneof![3 => scalar().prop_map(Field::One), 1 => periods()].boxed()
        }
        "as_of" | "founded" | "dissolved" | "start" | "end" | "date" => typed(&[
            "2014",
            "2014-03",
            "2014-03-31",
            "1999-12",
            "2014-13",
            "2014-3",
            "0900",
        ]),
        "share" => typed(&[
            "4/9", "50%", "20%..25%", "100", "0", "1/2", "0.5", "110%", "x",
        ]),
        "amount" => typed(&[
            "75000000", "2.5e3", "-1", "1_000", "0x10", ".inf", "12", "x",
        ]),
        "indirect" => typed(&["true", "false", "True", "yes", "no", "TRUE", "~"]),
        _ => scalar().prop_map(Field::One).boxed(),
    };
    prop_oneof![12 => fitting, 1 => field_value()].boxed()
}

/// `key: value` at `indent` in block style (with its line break), or `key: value` in a flow
/// mapping.
fn render_field(key: &str, value: &Field, indent: usize, flow: bool, out: &mut String) {
    let pad = " ".repeat(indent);
    let inner = " ".repeat(indent + 2);
    let text = match value {
        Field::One(s) => s.render(indent, flow),
        Field::Alias => "*a".to_owned(),
        Field::List(items, in_flow) if flow || *in_flow => {
            let items: Vec<String> = items.iter().map(|s| s.render(indent, true)).collect();
            format!("[{}]", items.join(", "))
        }
        Field::List(items, _) => items
            .iter()
            .map(|s| format!("\n{inner}- {}", s.render(indent + 2, false)))
            .collect(),
        Field::Periods(periods, in_flow) => {
            let one = |(v, start): &(Scalar, Option<Scalar>)| {
                let start = start
                    .as_ref()
                    .map(|s| format!(", start: {}", s.render(0, true)));
                format!("{{id: {}{}}}", v.render(0, true), start.unwrap_or_default())
            };
            if flow || *in_flow {
                let all: Vec<String> = periods.iter().map(one).collect();
                format!("[{}]", all.join(", "))
            } else {
                periods
                    .iter()
                    .map(|p| format!("\n{inner}- {}", one(p)))
                    .collect()
            }
        }
        Field::Map(entries, in_flow) if flow || *in_flow => {
            let all: Vec<String> = entries
                .iter()
                .map(|(k, v)| format!("{}: {}", k.render(0, true), v.render(0, true)))
                .collect();
            format!("{{{}}}", all.join(", "))
        }
        Field::Map(entries, _) => entries
            .iter()
            .map(|(k, v)| {
                format!(
                    "\n{inner}{}: {}",
                    k.render(0, true),
                    v.render(indent + 2, false)
                )
            })
            .collect(),
    };
    if flow {
        out.push_str(&format!("{key}: {text}"));
    } else {
        out.push_str(&format!("{pad}{key}: {text}\n"));
    }
}

/// The keys a list's items take, those they need first; a few unknown or odd ones on purpose.
fn keys(section: &str) -> (&'static [&'static str], &'static [&'static str]) {
    match section {
        "entities" => (
            &["id", "name", "kind"],
            &[
                "parent",
                "founded",
                "dissolved",
                "description",
                "other_names",
                "attributes",
                "sources",
                "other_names",
                "nmae",
                "<<",
            ],
        ),
        "stakes" => (
            &["owner", "owned"],
            &[
                "share", "share", "amount", "indirect", "currency", "start", "end", "sources",
                "interest",
            ],
        ),
        "people" => (&["id", "name"], &["description", "other_names", "sources"]),
        _ => (&["id", "publisher", "title"], &["date", "url", "note"]),
    }
}

/// An item of the list `section`: its fields, in flow or block style, maybe anchored, with a
/// comment.
pub(crate) fn item(section: &'static str) -> impl Strategy<Value = String> {
    let (required, optional) = keys(section);
    let required: Vec<BoxedStrategy<Field>> = required.iter().map(|k| value_for(k)).collect();
    let optional = prop::collection::vec(
        prop::sample::select(optional).prop_flat_map(|k| (Just(k), value_for(k))),
        0..4,
    );
    (required, optional, any::<bool>(), 0u8..12, 0u8..4).prop_map(
        move |(values, optional, flow, anchor, comment)| {
            let (names, _) = keys(section);
            let fields: Vec<(&str, Field)> =
                names.iter().copied().zip(values).chain(optional).collect();
            let mut out = String::new();
            let anchor = if anchor == 0 { "&a " } else { "" };
            if flow {
                let mut parts = Vec::new();
                for (k, v) in &fields {
                    let mut one = String::new();
                    render_field(k, v, 4, true, &mut one);
                    parts.push(one);
                }
                out.push_str(&format!("  - {anchor}{{{}}}\n", parts.join(", ")));
            } else {
                for (i, (k, v)) in fields.iter().enumerate() {
                    let mut one = String::new();
                    render_field(k, v, 4, false, &mut one);
                    if i == 0 {
                        out.push_str(&format!("  - {anchor}{}", one.trim_start()));
                    } else {
                        out.push_str(&one);
                    }
                }
                if fields.is_empty() {
                    out.push_str("  - {}\n");
                }
            }
            if comment == 0 {
                out.push_str("  # a comment\n");
            }
            out
        },
    )
}

/// A top-level list and its items.
fn list() -> impl Strategy<Value = (&'static str, Vec<String>)> {
    prop::sample::select(vec!["entities", "stakes", "people", "sources"])
        .prop_flat_map(|section| (Just(section), prop::collection::vec(item(section), 0..5)))
}

/// A model text: a few top-level scalars and lists, and now and then a document marker,
/// a directive, or one character changed.
pub(crate) fn model_text() -> impl Strategy<Value = String> {
    let head = prop::collection::vec(
        prop::sample::select(vec![
            "description",
            "as_of",
            "description",
            "as_of",
            "titel",
        ])
        .prop_flat_map(|k| (Just(k), value_for(k))),
        0..3,
    );
    let lists = prop::collection::vec(list(), 0..4);
    let edit = prop::option::weighted(
        0.3,
        (
            any::<prop::sample::Index>(),
            prop::sample::select(vec![
                "", " ", "\n", ":", "-", "'", "\"", "[", "{", "}", "#", "\t", "&b ", "*a", "!x ",
                "---\n",
            ]),
        ),
    );
    let prefix = prop::sample::select(vec![
        "",
        "",
        "",
        "",
        "---\n",
        "%YAML 1.2\n---\n",
        "\u{feff}",
    ]);
    let suffix = prop::sample::select(vec![
        "",
        "",
        "",
        "",
        "",
        "...\n",
        "---\ntitle: t\n",
        "# end",
    ]);
    (prefix, head, lists, suffix, edit).prop_map(|(prefix, head, lists, suffix, edit)| {
        let mut y = format!("{prefix}title: t\n");
        for (key, value) in &head {
            render_field(key, value, 0, false, &mut y);
        }
        for (key, items) in &lists {
            y.push_str(&format!("{key}:\n"));
            for item in items {
                y.push_str(item);
            }
        }
        y.push_str(suffix);
        if let Some((at, insert)) = edit {
            let mut cut = at.index(y.len() + 1);
            while !y.is_char_boundary(cut) {
                cut -= 1;
            }
            // Replace the character there with the inserted text.
            let end = y[cut..].chars().next().map_or(cut, |c| cut + c.len_utf8());
            y.replace_range(cut..end, insert);
        }
        y
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    /// Text of YAML's own characters in any order: mostly broken, some of it odd YAML.
    #[test]
    fn arbitrary_texts_read_the_same_or_fall_back(
        text in r#"(title: t\n)?[a-z0-9_.:,#'"\\\[\]{}&*!|>?~%@`\t\r\n -]{0,120}"#,
    ) {
        if let Agreement::Differ { fast, full } = compare(&text) {
            prop_assert!(false, "{text:?}\n--- fast:\n{fast}\n--- full:\n{full}");
        }
    }

    #[test]
    fn generated_texts_read_the_same_or_fall_back(text in model_text()) {
        if let Agreement::Differ { fast, full } = compare(&text) {
            prop_assert!(false, "{text}\n--- fast:\n{fast}\n--- full:\n{full}");
        }
    }
}

/// The generated texts reach both readers: many read fast, and the rest fall back for many
/// different reasons (so the property above is not checked on fallbacks alone).
#[test]
fn the_generated_texts_take_both_paths() {
    use proptest::strategy::ValueTree;
    use proptest::test_runner::TestRunner;
    use std::collections::BTreeMap;

    let mut runner = TestRunner::deterministic();
    let mut outcomes: BTreeMap<String, usize> = BTreeMap::new();
    let strategy = model_text();
    for _ in 0..1000 {
        let text = strategy.new_tree(&mut runner).unwrap().current();
        let outcome = match compare(&text) {
            Agreement::Same => "same".to_owned(),
            Agreement::Fallback(why) => format!("{why:?}"),
            Agreement::Differ { .. } => "differ".to_owned(),
        };
        *outcomes.entry(outcome).or_default() += 1;
    }
    eprintln!("{outcomes:?}");
    assert!(
        outcomes.get("same").copied().unwrap_or(0) >= 100,
        "{outcomes:?}"
    );
    assert!(outcomes.len() >= 10, "{outcomes:?}");
    assert!(!outcomes.contains_key("differ"), "{outcomes:?}");
}
