//! The examples a new user copies from: the README's model, and docs/example.yaml, which uses
//! every field of the format. Both must load without a warning.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use orgtree::dump::{self, DumpOptions, Format};
use orgtree::load::{Limits, Loaded, ModelText, load_file, load_text};
use serde_json::Value;

fn repo(path: &str) -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(path)
}

fn dump(loaded: &Loaded, options: DumpOptions) -> String {
    let mut out = Vec::new();
    dump::write(&loaded.org, &options, &mut out).unwrap();
    String::from_utf8(out).unwrap()
}

/// The README's example model: the YAML block of its "The model" section.
fn readme_example() -> String {
    let readme = std::fs::read_to_string(repo("README.md")).unwrap();
    let (_, section) = readme.split_once("\n## The model\n").unwrap();
    let (_, block) = section.split_once("```yaml\n").unwrap();
    let (yaml, _) = block.split_once("```").unwrap();
    yaml.to_owned()
}

#[test]
fn the_readme_example_loads_without_warnings() {
    let yaml = readme_example();
    let loaded = load_text(ModelText {
        name: "README.md".into(),
        text: yaml.clone(),
    })
    .map_err(|e| e.render())
    .unwrap();
    assert!(loaded.warnings.is_empty(), "{:?}", loaded.warnings);
    let tree = dump(&loaded, DumpOptions::default());
    assert!(
        tree.contains("Acme Cloud (subsidiary) — Acme Group 2/3 (66.7 %), Some Fund 1/3 (33.3 %)"),
        "{tree}"
    );
    // Block style: no item is written as a `{…}` flow mapping.
    assert!(
        !yaml.lines().any(|l| l.trim_start().starts_with("- {")),
        "{yaml}"
    );
}

fn example() -> Loaded {
    load_file(&repo("docs/example.yaml"), Limits::default())
        .map_err(|e| e.render())
        .unwrap()
}

/// The fields each item of the format has, by the JSON Schema's names of the items.
fn schema_fields() -> BTreeMap<String, BTreeSet<String>> {
    let schema = serde_json::to_value(schemars::schema_for!(orgtree::model::Model)).unwrap();
    let keys = |v: &Value| -> BTreeSet<String> {
        v["properties"]
            .as_object()
            .map(|p| p.keys().cloned().collect())
            .unwrap_or_default()
    };
    let mut fields: BTreeMap<String, BTreeSet<String>> = schema["$defs"]
        .as_object()
        .unwrap()
        .iter()
        .map(|(name, def)| (name.clone(), keys(def)))
        .filter(|(_, f)| !f.is_empty())
        .collect();
    fields.insert("Model".into(), keys(&schema));
    fields
}

/// The fields the example writes, item by item, from the model as it loaded.
fn used_fields(loaded: &Loaded) -> BTreeMap<String, BTreeSet<String>> {
    let model = serde_json::to_value(&loaded.org.model).unwrap();
    let mut used: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    let mut note = |item: &str, value: &Value| {
        let fields = used.entry(item.to_owned()).or_default();
        fields.extend(value.as_object().unwrap().keys().cloned());
    };
    note("Model", &model);
    let lists = [
        ("sources", "Source"),
        ("entities", "Entity"),
        ("people", "Person"),
        ("stakes", "Stake"),
        ("roles", "Role"),
        ("relations", "Relation"),
        ("events", "Event"),
    ];
    for (list, item) in lists {
        for value in model[list].as_array().unwrap() {
            note(item, value);
            for n in value["notes"].as_array().into_iter().flatten() {
                note("Note", n);
            }
            for c in value["competing"].as_array().into_iter().flatten() {
                note("Competing", c);
            }
            for i in value["identifiers"].as_array().into_iter().flatten() {
                note("Identifier", i);
            }
        }
    }
    used
}

#[test]
fn the_complete_example_uses_every_field_of_the_format() {
    let loaded = example();
    let used = used_fields(&loaded);
    for (item, fields) in schema_fields() {
        let written = used.get(&item).cloned().unwrap_or_default();
        let missing: Vec<&String> = fields.difference(&written).collect();
        assert!(
            missing.is_empty(),
            "docs/example.yaml writes no {item} with {missing:?}: add them, so the example stays complete"
        );
    }
}

#[test]
fn the_complete_example_loads_and_says_what_it_means() {
    let loaded = example();
    assert!(loaded.warnings.is_empty(), "{:?}", loaded.warnings);
    let org = &loaded.org;
    assert_eq!(org.entity_count(), 8);
    let tree = dump(&loaded, DumpOptions::default());
    assert!(
        tree.contains("Ellis Bay Wind Farm (joint venture) — Northwind Operations Ltd 51 % (also reported: 50 %), County Investment Fund 35–39 % for Ellis County Council"),
        "{tree}"
    );
    assert!(
        !tree.contains("Northwind Supply"),
        "dissolved in 2015\n{tree}"
    );
    let in_2014 = dump(
        &loaded,
        DumpOptions {
            as_of: Some(
                "2014"
                    .parse::<orgtree::model::PartialDate>()
                    .unwrap()
                    .first_day(),
            ),
            ..DumpOptions::default()
        },
    );
    assert!(
        in_2014.contains("Northwind Supply (business unit)"),
        "{in_2014}"
    );
    // Look-through: the cooperative holds 51 % of the wind farm through its company, the
    // county 35–39 % through its fund, on whose behalf it holds.
    let json: Value = serde_json::from_str(&dump(
        &loaded,
        DumpOptions {
            format: Format::Json,
            ..DumpOptions::default()
        },
    ))
    .unwrap();
    let wind = json["entities"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["id"] == "ellis-wind")
        .unwrap();
    let owners: Vec<(String, String, String)> = wind["effective_owners"]["owners"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| {
            (
                o["id"].as_str().unwrap().to_owned(),
                o["interest"]["low"].as_str().unwrap().to_owned(),
                o["interest"]["high"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    assert_eq!(
        owners,
        [
            ("northwind".into(), "51/100".into(), "51/100".into()),
            ("county".into(), "7/20".into(), "39/100".into())
        ]
    );
}

/// The README's example configuration is read without a word, and does what it says.
#[test]
fn the_readme_configuration_reads_without_a_problem() {
    use crossterm::event::{KeyCode, KeyEvent};
    use orgtree::keys::{Action, Mode};
    let readme = std::fs::read_to_string(repo("README.md")).unwrap();
    let (_, block) = readme.split_once("```toml\n").unwrap();
    let (toml, _) = block.split_once("```").unwrap();
    let (config, problems) = orgtree::cli::config::parse("README.md", toml);
    assert!(problems.is_empty(), "{problems:?}");
    assert_eq!(config.depth, Some(3));
    let press = |c| {
        config
            .keymap
            .action_for(KeyEvent::from(KeyCode::Char(c)), Mode::Tree)
    };
    assert_eq!(press('n'), Some(Action::Down));
    assert_eq!(press('e'), None);
    assert_eq!(press('Q'), Some(Action::Quit));
    let light = config.theme.theme(orgtree::theme::Background::Light);
    assert_eq!(light.changed.fg, Some(ratatui::style::Color::Indexed(130)));
}
