//! Who owns and who leads, on `tests/fixtures/models/owners.yaml`: people holding stakes and
//! the look-through that ends at them, votes apart from shares, a trust, a PSC band, a declared
//! indirect interest, a vacancy and identifiers, in every dump and in the detail pane.

use std::path::Path;

use orgtree::app::{App, Options, Target};
use orgtree::dump::Format;
use orgtree::headless::{draw, press};
use orgtree::load::{Limits, Loaded, ModelText, load_file, load_text};
use ratatui::layout::Rect;
use serde_json::Value;

use super::common::dump;

fn loaded() -> Loaded {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/models/owners.yaml");
    load_file(&path, Limits::default())
        .map_err(|e| e.render())
        .unwrap()
}

fn json() -> Value {
    serde_json::from_str(&dump(&loaded().org, Format::Json)).unwrap()
}

/// The item of `list` whose `key` is `value`.
fn find<'a>(list: &'a Value, key: &str, value: &str) -> &'a Value {
    list.as_array()
        .unwrap()
        .iter()
        .find(|item| item[key] == value)
        .unwrap_or_else(|| panic!("no {key} = {value}"))
}

#[test]
fn the_model_checks_clean() {
    // `trust` is one of orgtree's kinds (BODS has it), so nothing is left to say.
    let warnings = loaded().warnings;
    assert!(warnings.is_empty(), "{warnings:?}");
}

#[test]
fn text_dumps_name_people_interests_bands_and_vacancies() {
    let org = loaded().org;
    let tree = dump(&org, Format::Tree);
    assert!(tree.contains("Ada Founder 70 % of votes"), "{tree}");
    assert!(
        tree.contains("Founders Family Trust more than 25 % up to 40 %"),
        "{tree}"
    );
    assert!(tree.contains("(indirect)"), "{tree}");
    insta::assert_snapshot!("owners_tree", tree);
    let markdown = dump(&org, Format::Markdown);
    assert!(
        markdown.contains("led by vacant (Chief Financial Officer)"),
        "{markdown}"
    );
    insta::assert_snapshot!("owners_markdown", markdown);
}

#[test]
fn graphs_draw_people_as_nodes_of_their_own() {
    let org = loaded().org;
    let dot = dump(&org, Format::Dot);
    assert!(
        dot.contains(r#""\\pada" [label="Ada Founder\nperson", shape=ellipse"#),
        "{dot}"
    );
    assert!(
        dot.contains(
            r##""\\pada" -> "holdco" [style=dashed, color="#555555", label="70 % of votes"];"##
        ),
        "{dot}"
    );
    insta::assert_snapshot!("owners_dot", dot);
    let mermaid = dump(&org, Format::Mermaid);
    assert!(mermaid.contains(r#"p0(["Ada Founder<br/><small>person</small>"])"#));
    assert!(
        mermaid.contains(r#"p0 -. "70 #37; of votes" .-> e0"#),
        "{mermaid}"
    );
    insta::assert_snapshot!("owners_mermaid", mermaid);
}

#[test]
fn json_carries_every_new_field() {
    let json = json();
    let widgets = find(&json["entities"], "id", "widgets");
    assert_eq!(widgets["identifiers"][0]["scheme"], "GB-COH");
    assert_eq!(widgets["identifiers"][0]["id"], "01234567");
    let ada = find(&json["people"], "id", "ada");
    assert_eq!(ada["identifiers"][0]["id"], "Q7259");

    let stakes = json["stakes"].as_array().unwrap();
    let votes = stakes
        .iter()
        .find(|s| s["owner"] == "ada" && s["interest"] == "votes")
        .unwrap();
    assert_eq!(votes["owner_kind"], "person");
    assert_eq!(votes["share"]["high"], "7/10");
    let band = find(&json["stakes"], "owner", "trust");
    assert_eq!(band["share"]["text"], ">25%..40%");
    assert_eq!(band["share"]["low_exclusive"], true);
    assert!(band["share"].get("high_exclusive").is_none());
    let indirect = stakes.iter().find(|s| s["indirect"] == true).unwrap();
    assert_eq!(indirect["owner"], "ada");
    let trustee = find(&json["stakes"], "interest", "trustee");
    assert_eq!(trustee["share"], Value::Null);

    let vacancy = find(&json["roles"], "title", "Chief Financial Officer");
    assert_eq!(vacancy["person"], Value::Null);

    // Look-through ends at the founders, beside the trust; the indirect interest is not
    // counted again.
    let effective = &widgets["effective_owners"];
    let owner = |id: &str| find(&effective["owners"], "id", id);
    assert_eq!(owner("ada")["holder"], "person");
    assert_eq!(owner("ada")["interest"]["low"], "3/10");
    assert_eq!(owner("ada")["via"], serde_json::json!(["holdco"]));
    assert_eq!(owner("trust")["holder"], "entity");
    assert_eq!(owner("trust")["interest"]["low_exclusive"], true);
    // Control follows Founders Holding's votes: 70 % of 60 % for Ada.
    let by_votes = find(&effective["control_by_votes"], "id", "ada");
    assert_eq!(by_votes["interest"]["low"], "21/50");
    assert_eq!(effective["control"], serde_json::json!(["holdco", "ada"]));
}

#[test]
fn yaml_writes_every_new_field_back_exactly() {
    let org = loaded().org;
    let written = dump(&org, Format::Yaml);
    for line in [
        "share: \">25%..40%\"",
        "share: \">25%..50%\"",
        "interest: votes",
        "interest: beneficiary_of_trust",
        "indirect: true",
        "  - scheme: GB-COH\n    id: \"01234567\"",
        "- entity: widgets\n  title: Chief Financial Officer",
    ] {
        assert!(written.contains(line), "{line:?} in\n{written}");
    }
    let again = load_text(ModelText {
        name: "written.yaml".into(),
        text: written,
    })
    .map_err(|e| e.render())
    .unwrap()
    .org;
    assert_eq!(dump(&again, Format::Json), dump(&org, Format::Json));
}

#[test]
fn an_identifier_or_an_owner_finds_the_entity_when_asked_for() {
    let org = loaded().org;
    let names = |query: &str| -> Vec<String> {
        orgtree::search::find(
            &org,
            &org.tree(
                orgtree::model::Day::today(),
                orgtree::org::Placing::AsWritten,
            ),
            query,
            None,
        )
        .matches
        .iter()
        .map(|&id| org.entity(id).id.value.to_string())
        .collect()
    };
    // Identifiers and people are searched when asked for: `i:` and `p:` (or `a:`).
    assert_eq!(names("i:01234567"), ["widgets"]);
    assert_eq!(names("a:5493001KJTIIGC8Y1R12"), ["holdco"]);
    assert!(names("5493001KJTIIGC8Y1R12").is_empty());
    assert_eq!(names("p:carol trustee"), ["trust"]);
}

fn explorer(keys: &str) -> App {
    let loaded = loaded();
    let options = Options::new("owners.yaml", Rect::new(0, 0, 110, 48));
    let mut app = App::new(loaded.org, options);
    press(&mut app, keys).unwrap();
    app
}

#[test]
fn the_detail_pane_shows_owners_in_the_end_and_control() {
    let app = explorer("j");
    let screen = format!("{:?}", draw(&app).backend());
    for text in [
        "Identifiers: GB-COH 01234567",
        "Chief Financial Officer — vacant",
        "Founders Family Trust more than 25 % up to 40 %",
        "beneficial owner",
        "Control by votes at 2020-06-30",
        "Control: Founders Holding Inc. → Ada Founder",
    ] {
        assert!(screen.contains(text), "{text:?} in\n{screen}");
    }
    insta::assert_snapshot!("owners_widgets_detail", draw(&app).backend());
}

#[test]
fn a_person_page_lists_their_stakes() {
    // Founders Holding's page, the cursor onto the first link to Ada, and Enter.
    let mut app = explorer("<Tab>");
    let ada = Target::Person(app.org().find_person("ada").unwrap());
    for _ in 0..100 {
        if app
            .cursor()
            .is_some_and(|c| app.document().links[c].target == ada)
        {
            break;
        }
        press(&mut app, "j").unwrap();
    }
    press(&mut app, "<Enter>").unwrap();
    assert_eq!(app.subject(), ada);
    let screen = format!("{:?}", draw(&app).backend());
    for text in [
        "Identifiers: wikidata Q7259",
        "Founders Holding Inc. 70 % of votes",
        "Widgets Ltd more than 25 % up to 50 % (indirect)",
    ] {
        assert!(screen.contains(text), "{text:?} in\n{screen}");
    }
    insta::assert_snapshot!("owners_person_page", draw(&app).backend());
}
