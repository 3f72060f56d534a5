//! BODS 0.4 imported: the standard's own examples (each loads into an org, and its beneficial
//! owners have the look-through the statements imply), the project's fixtures (updates,
//! closed records, unknown people, exclusive bounds, errors at known places), the neighbourhood
//! of a record, and arbitrary input, which never panics.

use std::io::{self, BufRead};

use num_rational::BigRational;
use orgtree::diagnostic::Severity;
use orgtree::import::{Imported, Options, bods};
use orgtree::model::{Day, Interest, Model, Pos, Stake};
use orgtree::org::{Holder, Org};
use orgtree::ownership;
use proptest::prelude::*;

const EXAMPLES: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../shared/data/bods-0.4/examples/"
);
const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/bods/");

/// The examples of the standard, every one of which loads.
const ALL_EXAMPLES: &[&str] = &[
    "indirect-ownership.json",
    "joint-ownership.json",
    "listed-company-exempt-from-disclosure.json",
    "mixed-direct-and-indirect-ownership.json",
    "multiple-indirect-ownership.json",
    "nomination.json",
];

fn read(path: &str) -> Vec<u8> {
    std::fs::read(path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn import_text(text: &[u8]) -> Imported {
    bods::import("test", text, &Options::default())
        .unwrap_or_else(|problems| panic!("{problems:#?}"))
}

fn example(name: &str) -> Imported {
    import_text(&read(&format!("{EXAMPLES}{name}")))
}

fn fixture(name: &str) -> Vec<u8> {
    read(&format!("{FIXTURES}{name}"))
}

/// The org of a model that must load without an error.
fn org(model: Model) -> Org {
    Org::new(model)
        .unwrap_or_else(|problems| panic!("{problems:#?}"))
        .0
}

fn day(text: &str) -> Day {
    text.parse::<orgtree::model::PartialDate>()
        .unwrap()
        .first_day()
}

fn ratio(n: i64, d: i64) -> BigRational {
    BigRational::new(n.into(), d.into())
}

/// The ultimate owners of the entity named `name` on `day`, as the detail pane computes them:
/// (owner's name, low, high).
fn owners(org: &Org, name: &str, on: &str) -> Vec<(String, BigRational, BigRational)> {
    let id = org
        .entity_ids()
        .find(|&e| org.entity(e).latest_name() == name)
        .unwrap_or_else(|| panic!("no entity {name}"));
    let effective = ownership::effective_owners(org, id, day(on));
    effective
        .owners
        .iter()
        .map(|o| {
            let name = match o.id {
                Holder::Entity(e) => org.entity(e).latest_name().to_owned(),
                Holder::Person(p) => org.person(p).name.clone(),
            };
            (name, o.interest.low.clone(), o.interest.high.clone())
        })
        .collect()
}

fn stake<'m>(model: &'m Model, owner: &str, owned: &str) -> Vec<&'m Stake> {
    model
        .stakes
        .iter()
        .filter(|s| s.owner.value == owner && s.owned.value == owned)
        .collect()
}

fn share(s: &Stake) -> Option<String> {
    s.share.as_ref().map(|sh| sh.source_text())
}

fn parent<'m>(model: &'m Model, id: &str) -> Option<&'m str> {
    let e = model.entities.iter().find(|e| e.id.value == id)?;
    e.parent
        .as_ref()
        .and_then(|p| p.latest())
        .map(|p| p.value.as_str())
}

fn notes(s: &Stake) -> String {
    s.notes
        .iter()
        .map(|n| n.text.as_str())
        .collect::<Vec<_>>()
        .join(" | ")
}

#[test]
fn every_example_of_the_standard_loads_into_an_org() {
    let mut names: Vec<String> = std::fs::read_dir(EXAMPLES)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(names, ALL_EXAMPLES);
    for name in ALL_EXAMPLES {
        let imported = example(name);
        assert!(
            imported.warnings.is_empty(),
            "{name}: {:#?}",
            imported.warnings
        );
        let (_, warnings) = Org::new(imported.model).unwrap_or_else(|p| panic!("{name}: {p:#?}"));
        // Only the model's own kinds for BODS's arrangements, which orgtree shows as written.
        for w in &warnings {
            assert!(
                w.message.contains("is not one of orgtree's kinds"),
                "{name}: {w:?}"
            );
        }
    }
}

#[test]
fn indirect_ownership_reaches_the_person_through_company_b() {
    let model = example("indirect-ownership.json").model;
    let (a, b, person) = ("ad3f6c2fcc9e", "d4ab89ea169a", "c25d4d612c2c");
    let direct = stake(&model, b, a);
    assert_eq!(direct.len(), 1);
    assert_eq!(share(direct[0]).as_deref(), Some("60%"));
    assert_eq!(direct[0].interest, Interest::Shares);
    assert!(!direct[0].indirect);
    // The declared indirect interest: 30 %, shown, not counted.
    let declared = stake(&model, person, a);
    assert_eq!(declared.len(), 1);
    assert!(declared[0].indirect);
    assert_eq!(share(declared[0]).as_deref(), Some("30%"));
    assert!(
        notes(declared[0]).contains("through Company B"),
        "{}",
        notes(declared[0])
    );
    // The component behind it gives no type and no share: a shareholding (the indirect
    // interest's type) of unknown size.
    let component = stake(&model, person, b);
    assert_eq!(component.len(), 1);
    assert_eq!(component[0].interest, Interest::Shares);
    assert_eq!(share(component[0]), None);
    assert!(notes(component[0]).contains("taken as `shares`"));
    assert_eq!(parent(&model, a), Some(b));
    // Every value carries where its statement starts: the entity of Company A is the first.
    assert_eq!(model.entities[0].id.pos, Pos { line: 2, col: 3 });
    let org = org(model);
    let person_name = "Person 1".to_owned();
    // Person 1 holds an unknown part of Company B, which holds 60 % of A: 0 to 60 % of A.
    assert_eq!(
        owners(&org, "Company A", "2020-01-01"),
        [(person_name.clone(), ratio(0, 1), ratio(3, 5))]
    );
    assert_eq!(
        owners(&org, "Company B", "2020-01-01"),
        [(person_name, ratio(0, 1), ratio(1, 1))]
    );
}

#[test]
fn mixed_ownership_adds_the_later_direct_holding() {
    let model = example("mixed-direct-and-indirect-ownership.json").model;
    let (a, person) = ("9bfe59b6a869", "53508b65253f");
    let held = stake(&model, person, a);
    let summary: Vec<(bool, Option<String>, String)> = held
        .iter()
        .map(|s| {
            (
                s.indirect,
                share(s),
                s.start.as_ref().unwrap().value.to_string(),
            )
        })
        .collect();
    assert_eq!(
        summary,
        [
            (true, Some("50%".into()), "2017-11-01".into()),
            (false, Some("50%".into()), "2019-05-01".into())
        ]
    );
    let org = org(model);
    let p = "Person 1".to_owned();
    // Before the direct holding, only through Company B (50 %, of which an unknown part).
    assert_eq!(
        owners(&org, "Company A", "2018-06-01"),
        [(p.clone(), ratio(0, 1), ratio(1, 2))]
    );
    assert_eq!(
        owners(&org, "Company A", "2020-01-01"),
        [(p, ratio(1, 2), ratio(1, 1))]
    );
}

#[test]
fn multiple_indirect_ownership_comes_through_two_companies() {
    let model = example("multiple-indirect-ownership.json").model;
    let (b, person) = ("63e3a8a8946f", "92ebf964a1f6");
    let declared = stake(&model, person, b);
    assert_eq!(declared.len(), 1);
    assert!(declared[0].indirect);
    assert_eq!(share(declared[0]).as_deref(), Some("60%"));
    // Company C and Company D hold half each: neither is a majority, so B is a root.
    assert_eq!(parent(&model, b), None);
    let org = org(model);
    assert_eq!(
        owners(&org, "Company B", "2020-01-01"),
        [("Person 1".to_owned(), ratio(0, 1), ratio(1, 1))]
    );
}

#[test]
fn joint_ownership_splits_through_the_arrangement() {
    let model = example("joint-ownership.json").model;
    let arrangement = model
        .entities
        .iter()
        .find(|e| e.id.value == "91b4236a7d89")
        .unwrap();
    assert_eq!(arrangement.latest_kind().as_str(), "arrangement");
    // The arrangement holds all of CHRINON: CHRINON sits under it.
    assert_eq!(parent(&model, "31c55e425764"), Some("91b4236a7d89"));
    let chrinon = model
        .entities
        .iter()
        .find(|e| e.id.value == "31c55e425764")
        .unwrap();
    assert_eq!(
        chrinon.founded.as_ref().unwrap().value.to_string(),
        "2010-11-18"
    );
    assert_eq!(
        chrinon
            .more()
            .attributes
            .get("registered address")
            .map(String::as_str),
        Some("Aston House, Cornwall Avenue, London, N3 1LF, United Kingdom")
    );
    let org = org(model);
    let half = ratio(1, 2);
    assert_eq!(
        owners(&org, "CHRINON LTD", "2020-01-01"),
        [
            ("Natalie Coleman".to_owned(), half.clone(), half.clone()),
            ("Roberto Lopez".to_owned(), half.clone(), half)
        ]
    );
}

#[test]
fn nomination_keeps_every_position() {
    let model = example("nomination.json").model;
    let interests: Vec<(&str, &str, &str, bool)> = model
        .stakes
        .iter()
        .map(|s| {
            (
                s.owner.as_str(),
                s.owned.as_str(),
                s.interest.as_str(),
                s.indirect,
            )
        })
        .collect();
    assert_eq!(
        interests,
        [
            ("101AB1984F", "103AB1984D", "nominator", false),
            ("102AB1984E", "103AB1984D", "nominee", false),
            ("103AB1984D", "104AB1984C", "board_member", false),
            (
                "101AB1984F",
                "104AB1984C",
                "other_influence_or_control",
                true
            ),
        ]
    );
    let silvia = model
        .people
        .iter()
        .find(|p| p.id.value == "101AB1984F")
        .unwrap();
    assert_eq!(silvia.name, "Silvia Teixeira Perez");
    assert_eq!(
        silvia.description.as_deref(),
        Some("Born 2005-03-12; nationality Mexico (MX)")
    );
    assert!(
        silvia.notes[0]
            .text
            .starts_with("Service address: Gta. Mirador")
    );
    let source = &model.sources[0];
    assert_eq!(source.publisher, "Company Register, Ciudad de Mexico");
    assert_eq!(source.title, "Self declaration");
    assert_eq!(
        model.sources.len(),
        1,
        "every statement cites the same source"
    );
    let org = org(model);
    // Positions, not shares: nothing to look through.
    assert!(owners(&org, "Los Corazones de Plata", "2024-01-01").is_empty());
}

#[test]
fn a_listed_company_keeps_its_unspecified_owner_and_the_reason() {
    let model = example("listed-company-exempt-from-disclosure.json").model;
    assert_eq!(model.people.len(), 1);
    let party = &model.people[0];
    assert_eq!(party.name, "Unspecified (subject exempt from disclosure)");
    assert_eq!(
        party.description.as_deref(),
        Some(
            "Subject exempt from disclosure: Exempt from disclosure as a company listed on a recognised stock exchange"
        )
    );
    let held = stake(&model, &party.id.value, "4c7ea3bfbe6c");
    assert_eq!(held.len(), 1);
    assert_eq!(held[0].interest, Interest::UnknownInterest);
    assert!(notes(held[0]).contains("lists no interests"));
    org(model);
}

#[test]
fn an_array_and_its_json_lines_are_the_same_model() {
    for name in ALL_EXAMPLES {
        let text = read(&format!("{EXAMPLES}{name}"));
        let values: Vec<serde_json::Value> = serde_json::from_slice(&text).unwrap();
        let lines: String = values.iter().map(|v| format!("{v}\n")).collect();
        let yaml = |m: &Model| serde_saphyr::to_string(m).unwrap();
        assert_eq!(
            yaml(&import_text(lines.as_bytes()).model),
            yaml(&import_text(&text).model),
            "{name}"
        );
    }
}

#[test]
fn later_statements_update_records_and_closed_ones_end_them() {
    let imported = import_text(&fixture("history.jsonl"));
    assert!(imported.warnings.is_empty(), "{:#?}", imported.warnings);
    let model = &imported.model;
    let harbour = model
        .entities
        .iter()
        .find(|e| e.id.value == "e-harbour")
        .unwrap();
    // The latest statement's name (2021), not the last line's (2019); both others are kept.
    assert_eq!(harbour.latest_name(), "Harbour Group Ltd");
    assert_eq!(
        harbour.more().other_names,
        ["Harbour Holdings Ltd", "Harbour Ltd"]
    );
    let remarks: Vec<&str> = harbour
        .more()
        .notes
        .iter()
        .map(|n| n.text.as_str())
        .collect();
    assert_eq!(
        remarks,
        [
            "Comment: Renamed at the 2021 general meeting — on /recordDetails/name, by Register staff",
            "From the latest of 3 statements about this record, of 2021-06-01"
        ]
    );
    assert_eq!(harbour.id.pos, Pos { line: 10, col: 1 });
    // Closed: the company dissolved, the relationship ended, on the statement's date.
    let quay = model
        .entities
        .iter()
        .find(|e| e.id.value == "e-quay")
        .unwrap();
    assert_eq!(
        quay.dissolved.as_ref().unwrap().value.to_string(),
        "2023-03-31"
    );
    let r = stake(model, "e-harbour", "e-quay");
    assert_eq!(r.len(), 1);
    assert_eq!(share(r[0]).as_deref(), Some("90%"));
    assert_eq!(r[0].end.as_ref().unwrap().value.to_string(), "2023-03-31");
    // An ended holding places nothing; the whole of Dockside does.
    assert_eq!(parent(model, "e-quay"), None);
    assert_eq!(parent(model, "e-dock"), Some("e-harbour"));
    // One source for all: every statement says the same of where it comes from.
    assert_eq!(model.sources.len(), 1);
    assert_eq!(
        model.sources[0].url.as_deref(),
        Some("https://register.example.org/owners")
    );
}

#[test]
fn unknown_people_and_exclusive_bounds_are_kept() {
    let model = import_text(&fixture("history.jsonl")).model;
    let unknown = model
        .people
        .iter()
        .find(|p| p.id.value == "p-unknown")
        .unwrap();
    assert_eq!(unknown.name, "Unknown person");
    assert_eq!(
        unknown.description.as_deref(),
        Some("Interested party has not provided information: Declined to give details")
    );
    let mara = model
        .people
        .iter()
        .find(|p| p.id.value == "p-mara")
        .unwrap();
    assert_eq!(mara.name, "Mara Lind", "the legal name, not the first");
    assert_eq!(mara.other_names, ["M. Lind"]);
    let held: Vec<(String, Option<String>)> = stake(&model, "p-mara", "e-harbour")
        .iter()
        .map(|s| (s.interest.as_str().to_owned(), share(s)))
        .collect();
    assert_eq!(
        held,
        [
            ("shares".into(), Some(">50%..<75%".into())),
            ("votes".into(), Some(">25%..50%".into()))
        ]
    );
    let org = org(model);
    let bounds: Vec<(String, f64, f64)> = owners(&org, "Harbour Group Ltd", "2024-01-01")
        .into_iter()
        .map(|(n, l, h)| (n, ownership::percent_f64(&l), ownership::percent_f64(&h)))
        .collect();
    assert_eq!(
        bounds,
        [
            ("Mara Lind".into(), 50.0, 75.0),
            ("Unknown person".into(), 25.0, 50.0)
        ]
    );
}

#[test]
fn every_problem_is_reported_where_it_is() {
    let text = fixture("errors.jsonl");
    let problems = bods::import("errors.jsonl", &text[..], &Options::default()).unwrap_err();
    let lines: Vec<&str> = std::str::from_utf8(&text).unwrap().lines().collect();
    // The column just past `"key": ` on line `n` (1-based).
    let value = |n: usize, key: &str| -> u32 {
        let line = lines[n - 1];
        let at = line.find(&format!("\"{key}\": ")).unwrap() + key.len() + 4;
        u32::try_from(at + 1).unwrap()
    };
    let got: Vec<(Severity, Pos, &str)> = problems
        .iter()
        .map(|d| (d.severity, d.pos, d.message.as_str()))
        .collect();
    let pos = |line, col| Pos { line, col };
    // A statement cut short is reported at the end of its line, its last character.
    let line2 = u32::try_from(lines[1].len()).unwrap();
    let typo = u32::try_from(lines[9].find("\"shareholdings\"").unwrap() + 1).unwrap();
    let expected: Vec<(Severity, Pos, &str)> = vec![
        (Severity::Error, pos(2, line2), "EOF while parsing a value"),
        (
            Severity::Error,
            pos(4, value(4, "share")),
            "a share of 150 %",
        ),
        (
            Severity::Error,
            pos(5, value(5, "foundingDate")),
            "month 13",
        ),
        (Severity::Error, pos(6, 1), "missing field `recordId`"),
        (
            Severity::Warning,
            pos(7, 1),
            "record `p-ghost`, never appears",
        ),
        // serde reads the whole value first: the error is at its closing quote.
        (
            Severity::Error,
            pos(8, value(8, "recordType") + 8),
            "unknown variant `company`",
        ),
        (
            Severity::Warning,
            pos(9, 1),
            "record `e-a` is an entity record (line 1)",
        ),
        (
            Severity::Warning,
            pos(10, typo),
            "`shareholdings` is not an interest type",
        ),
    ];
    assert_eq!(got.len(), expected.len(), "{problems:#?}");
    for ((severity, at, message), (want_severity, want_at, fragment)) in got.iter().zip(&expected) {
        assert_eq!((severity, at), (want_severity, want_at), "{message}");
        assert!(
            message.contains(fragment),
            "{message:?} should say {fragment:?}"
        );
    }
    let typo = problems
        .iter()
        .find(|d| d.message.contains("shareholdings"))
        .unwrap();
    assert_eq!(
        typo.help.as_deref(),
        Some("did you mean one of: shareholding?")
    );
}

/// An opener over text in memory, counting the passes made.
fn opener(
    text: Vec<u8>,
    passes: &std::cell::Cell<u32>,
) -> impl Fn() -> io::Result<Box<dyn BufRead>> + '_ {
    move || {
        passes.set(passes.get() + 1);
        Ok(Box::new(io::Cursor::new(text.clone())))
    }
}

fn ids(model: &Model) -> Vec<String> {
    let mut ids: Vec<String> = model
        .entities
        .iter()
        .map(|e| e.id.value.to_string())
        .chain(model.people.iter().map(|p| p.id.value.to_string()))
        .collect();
    ids.sort();
    ids
}

#[test]
fn around_keeps_the_neighbourhood_in_two_passes() {
    let mut text = Vec::new();
    orgtree::synthetic::bods::write(3_000, &mut text).unwrap();
    let whole = import_text(&text).model;
    org(whole.clone());
    // The company that holds most others, and its number in the register.
    let mut held = std::collections::BTreeMap::<&str, usize>::new();
    for s in whole.stakes.iter().filter(|s| s.owner.starts_with('c')) {
        *held.entry(s.owner.as_str()).or_default() += 1;
    }
    let hub = held
        .iter()
        .max_by_key(|(_, n)| **n)
        .map(|(id, _)| id.to_string())
        .unwrap();
    let number = format!("gb-coh:{:0>8}", &hub[1..]);
    let mut sizes = Vec::new();
    for (target, depth) in [(hub.as_str(), 0), (&hub, 1), (&number, 2), ("c7", 3)] {
        let options = Options {
            around: Some(target.to_owned()),
            depth: Some(depth),
            ..Options::default()
        };
        let passes = std::cell::Cell::new(0);
        let narrow = bods::import_around("psc", opener(text.clone(), &passes), &options)
            .unwrap_or_else(|p| panic!("{p:#?}"))
            .model;
        assert_eq!(passes.get(), 2);
        // The same records as narrowing the whole import afterwards.
        let after = bods::import("psc", &text[..], &options).unwrap().model;
        assert_eq!(ids(&narrow), ids(&after), "{target} {depth}");
        assert_eq!(narrow.stakes.len(), after.stakes.len());
        // Every record within `depth` links, and only those.
        let centre = if target == number {
            hub.clone()
        } else {
            target.to_owned()
        };
        let want = within(&whole, centre, depth);
        assert_eq!(ids(&narrow), want, "{target} {depth}");
        sizes.push(want.len());
        org(narrow);
    }
    // Around the hub: itself, then its holders and holdings, then theirs.
    assert!(
        sizes[0] == 1 && sizes[0] < sizes[1] && sizes[1] < sizes[2],
        "{sizes:?}"
    );
}

/// The ids within `depth` stake links of `centre` in `model`, owners and owned alike, and the
/// unnamed holders of those found.
fn within(model: &Model, centre: String, depth: u32) -> Vec<String> {
    let mut found = std::collections::BTreeSet::from([centre]);
    for _ in 0..depth {
        let next: Vec<String> = model
            .stakes
            .iter()
            .filter(|s| found.contains(s.owner.as_str()) || found.contains(s.owned.as_str()))
            .flat_map(|s| [s.owner.value.to_string(), s.owned.value.to_string()])
            .collect();
        found.extend(next);
    }
    // A holder a relationship does not name goes with what it holds.
    let unnamed: Vec<String> = model
        .stakes
        .iter()
        .filter(|s| s.owner.ends_with("/interested-party") && found.contains(s.owned.as_str()))
        .map(|s| s.owner.value.to_string())
        .collect();
    found.extend(unnamed);
    found.into_iter().collect()
}

#[test]
fn around_what_is_not_there_suggests_what_is() {
    let text = fixture("history.jsonl");
    let options = Options {
        around: Some("GB-COH:11111112".to_owned()),
        ..Options::default()
    };
    let passes = std::cell::Cell::new(0);
    let problems =
        bods::import_around("history.jsonl", opener(text.clone(), &passes), &options).unwrap_err();
    assert_eq!(problems.len(), 1);
    assert!(
        problems[0].message.contains("no record id or identifier"),
        "{}",
        problems[0].message
    );
    assert_eq!(
        problems[0].help.as_deref(),
        Some("did you mean `GB-COH:11111111`?")
    );
    let in_memory = bods::import("history.jsonl", &text[..], &options).unwrap_err();
    assert_eq!(in_memory, problems);
    // By identifier, in any case: the harbour group and its holders and holdings.
    let options = Options {
        around: Some("gb-coh:11111111".to_owned()),
        depth: Some(1),
        ..Options::default()
    };
    let model = bods::import_around("history.jsonl", opener(text, &passes), &options)
        .unwrap()
        .model;
    assert_eq!(
        ids(&model),
        ["e-dock", "e-harbour", "e-quay", "p-mara", "p-unknown"]
    );
}

/// A statement-shaped line with arbitrary values in its places, or any JSON at all.
fn line() -> impl Strategy<Value = String> {
    let leaf = prop_oneof![
        Just(serde_json::Value::Null),
        any::<bool>().prop_map(serde_json::Value::from),
        any::<f64>().prop_map(serde_json::Value::from),
        (-200i64..200).prop_map(serde_json::Value::from),
        "[a-z0-9:/-]{0,6}".prop_map(serde_json::Value::from),
        prop::sample::select(vec![
            "entity",
            "person",
            "relationship",
            "closed",
            "updated",
            "shareholding",
            "indirect",
            "2020-01-01",
            "2019-13-01",
            "r1",
            "r2",
            "e1",
            "p1",
            "unknownPerson",
        ])
        .prop_map(serde_json::Value::from),
    ];
    let value = leaf.prop_recursive(3, 24, 4, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(serde_json::Value::from),
            prop::collection::btree_map(
                prop::sample::select(vec![
                    "exact",
                    "minimum",
                    "exclusiveMaximum",
                    "type",
                    "share",
                    "subject",
                    "interestedParty",
                    "reason",
                    "name",
                    "fullName",
                    "scheme",
                    "id",
                ]),
                inner,
                0..4
            )
            .prop_map(|m| serde_json::Value::Object(
                m.into_iter().map(|(k, v)| (k.to_owned(), v)).collect()
            )),
        ]
    });
    let statement = (
        prop::sample::select(vec!["e1", "e2", "p1", "r1", "r2"]),
        prop::sample::select(vec!["entity", "person", "relationship"]),
        value.clone(),
        value.clone(),
        value,
    )
        .prop_map(|(id, kind, details, interest, status)| {
            serde_json::json!({
                "statementId": "s", "statementDate": "2020-01-01", "recordId": id,
                "recordType": kind, "recordStatus": status,
                "recordDetails": {"subject": "e1", "interestedParty": details,
                    "interests": [interest], "entityType": {"type": "registeredEntity"},
                    "names": [details_name()]},
            })
            .to_string()
        });
    prop_oneof![statement, "[ -~]{0,40}"]
}

fn details_name() -> serde_json::Value {
    serde_json::json!({"fullName": "N"})
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 128, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_lines_never_panic(lines in prop::collection::vec(line(), 0..12)) {
        let text = lines.join("\n");
        if let Ok(imported) = bods::import("p", text.as_bytes(), &Options::default()) {
            // What imports without an error is a model orgtree can at least try to load.
            let _ = Org::new(imported.model);
        }
        let around = Options { around: Some("e1".into()), depth: Some(1), ..Options::default() };
        let passes = std::cell::Cell::new(0);
        let _ = bods::import_around("p", opener(text.clone().into_bytes(), &passes), &around);
        let array = format!("[{}]", lines.join(","));
        let _ = bods::import("p", array.as_bytes(), &Options::default());
    }
}

#[test]
fn a_flood_of_broken_statements_is_counted_not_kept() {
    // 25,000 statements that each lack their date: more than the importer keeps.
    let line =
        r#"{"statementId": "s", "recordId": "r", "recordType": "entity", "recordDetails": {}}"#;
    let text = format!("{line}\n").repeat(25_000);
    let problems = bods::import("flood.jsonl", text.as_bytes(), &Options::default()).unwrap_err();
    assert_eq!(problems.len(), 10_001);
    let first = &problems[0];
    assert!(first.is_error());
    assert_eq!(
        first.message,
        "the input has 25000 problems: the first 10000 are kept, the rest only counted"
    );
    // What is kept is the first of them, in order.
    assert_eq!(problems[1].pos, Pos { line: 1, col: 1 });
    assert_eq!(
        problems[10_000].pos,
        Pos {
            line: 10_000,
            col: 1
        }
    );
}

/// A JSON Lines entity statement of record `id`.
fn entity_line(id: &str) -> String {
    format!(
        r#"{{"statementId": "s-{id}", "statementDate": "2020-01-01", "recordId": "{id}", "recordType": "entity", "recordDetails": {{"isComponent": false, "entityType": {{"type": "registeredEntity"}}, "name": "Company {id}"}}}}"#
    )
}

/// A relationship statement: `owner` holds `percent` % of the shares of `owned`.
fn holding_line(owner: &str, owned: &str, percent: u32) -> String {
    format!(
        r#"{{"statementId": "s-{owner}-{owned}", "statementDate": "2020-01-01", "recordId": "r-{owner}-{owned}", "recordType": "relationship", "recordDetails": {{"isComponent": false, "subject": "{owned}", "interestedParty": "{owner}", "interests": [{{"type": "shareholding", "directOrIndirect": "direct", "share": {{"exact": {percent}}}}}]}}}}"#
    )
}

#[test]
fn a_register_twenty_thousand_majorities_deep_makes_a_tree_that_deep() {
    const DEPTH: usize = 20_000;
    let mut text = String::new();
    for i in 0..DEPTH {
        text += &entity_line(&format!("e{i}"));
        text.push('\n');
        if i > 0 {
            text += &holding_line(&format!("e{}", i - 1), &format!("e{i}"), 60);
            text.push('\n');
        }
    }
    let org = org(import_text(text.as_bytes()).model);
    let tree = org.tree(day("2021"), orgtree::org::Placing::UnderExisting);
    assert_eq!(tree.roots().count(), 1);
    let deepest = org.find_entity(&format!("e{}", DEPTH - 1)).unwrap();
    let mut depth = 1;
    let mut at = deepest;
    while let Some(up) = tree.parent(at) {
        depth += 1;
        at = up;
    }
    assert_eq!(depth, DEPTH);
}

#[test]
fn dense_cross_holdings_and_circles_of_majorities_load() {
    const N: usize = 150;
    let mut text = String::new();
    for i in 0..N {
        text += &entity_line(&format!("e{i}"));
        text.push('\n');
    }
    // Every company holds a little of every other: 22,350 relationships, circles everywhere.
    for i in 0..N {
        for j in 0..N {
            if i != j {
                text += &holding_line(&format!("e{i}"), &format!("e{j}"), 0);
                text.push('\n');
            }
        }
    }
    let imported = import_text(text.as_bytes());
    assert_eq!(imported.model.stakes.len(), N * (N - 1));
    let dense = org(imported.model);
    let tree = dense.tree(day("2021"), orgtree::org::Placing::UnderExisting);
    assert_eq!(tree.roots().count(), N, "no majority, no parent");
    // Two companies each holding most of the other: one circle, reported, and both placed.
    let circle = [
        entity_line("a"),
        entity_line("b"),
        holding_line("a", "b", 60),
        holding_line("b", "a", 70),
    ]
    .join("\n");
    let imported = import_text(circle.as_bytes());
    assert!(
        imported
            .warnings
            .iter()
            .any(|w| w.message.contains("circle")),
        "{:#?}",
        imported.warnings
    );
    let circled = org(imported.model);
    let tree = circled.tree(day("2021"), orgtree::org::Placing::UnderExisting);
    assert_eq!(tree.roots().count(), 1);
}
