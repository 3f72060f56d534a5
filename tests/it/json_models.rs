//! Models written as JSON, in the same schema as YAML ones: read by the JSON parser, with the
//! same model and the same positioned diagnostics as their YAML twin.

use crate::common;

use orgtree::dump::Format;
use orgtree::load::{ModelText, Syntax, load_embedded, load_text};
use orgtree::model::Pos;
use orgtree::org::Org;

fn load(name: &str, text: &str) -> Result<Org, String> {
    load_text(ModelText {
        name: name.into(),
        text: text.into(),
    })
    .map(|l| l.org)
    .map_err(|e| e.render())
}

#[test]
fn the_shipped_model_as_json_is_the_same_model() {
    let yaml = load_embedded().map_err(|e| e.render()).unwrap().org;
    let json_text = serde_json::to_string_pretty(&yaml.model).unwrap();
    let json = load("orange-cloud.json", &json_text).unwrap();
    assert_eq!(
        common::dump(&json, Format::Json),
        common::dump(&yaml, Format::Json)
    );
    assert_eq!(json.entity_count(), yaml.entity_count());
}

#[test]
fn json_is_known_by_its_name_or_its_first_key() {
    let file = |name: &str, text: &str| ModelText {
        name: name.into(),
        text: text.into(),
    };
    assert_eq!(Syntax::of(&file("org.json", "title: x")), Syntax::Json);
    assert_eq!(Syntax::of(&file("org.JSON", "{}")), Syntax::Json);
    assert_eq!(
        Syntax::of(&file("org", " \n{\n \"title\": \"x\"}")),
        Syntax::Json
    );
    assert_eq!(Syntax::of(&file("-", "{}")), Syntax::Json);
    // A YAML flow mapping with plain keys stays YAML.
    assert_eq!(Syntax::of(&file("org", "{title: x}")), Syntax::Yaml);
    assert_eq!(Syntax::of(&file("org.yaml", "title: x")), Syntax::Yaml);
}

#[test]
fn a_json_syntax_error_says_where() {
    let err = load(
        "m.json",
        "{\"title\": \"t\",\n \"entities\": [\n  {\"id\": \"a\",, }\n]}",
    )
    .unwrap_err();
    assert!(err.contains("m.json:3:14"), "{err}");
    assert!(
        !err.contains(" at line "),
        "the position is said once: {err}"
    );
}

#[test]
fn an_unknown_json_field_is_named() {
    let err = load("m.json", "{\"title\": \"t\", \"entites\": []}").unwrap_err();
    assert!(err.contains("unknown field `entites`"), "{err}");
    assert!(err.contains("m.json:1:"), "{err}");
}

#[test]
fn semantic_problems_in_json_carry_positions() {
    let text = "{\"title\": \"t\",\n \"entities\": [\n  {\"id\": \"a\", \"name\": \"A\", \"kind\": \"company\"},\n  {\"id\": \"b\", \"name\": \"B\", \"kind\": \"team\", \"parent\": \"aa\"}\n]}\n";
    let err = load("m.json", text).unwrap_err();
    assert!(err.contains("m.json:4:"), "{err}");
    assert!(err.contains("did you mean `a`"), "{err}");
    // The same model without a position-less problem anywhere.
    let positions = load_text(ModelText {
        name: "m.json".into(),
        text: text.into(),
    })
    .unwrap_err()
    .diagnostics
    .iter()
    .map(|d| d.pos)
    .collect::<Vec<_>>();
    assert!(!positions.contains(&Pos::UNKNOWN), "{positions:?}");
}
