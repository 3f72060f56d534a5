//! Flat tables and JSON records imported: each fixture (an HR export, a table of units, a
//! French Excel export in Windows-1252, the d3-org-chart and BALKAN shapes) loads into an org
//! with nothing more to say than what it should; each problem of a bad table is at its exact
//! `LINE:COL`, all of them in one run; encodings, a BOM, an empty table, one without rows; a
//! manager of 10,000 and a chain 20,000 deep.

use orgtree::diagnostic::{Diagnostic, Severity};
use orgtree::dump::{self, DumpOptions, Format};
use orgtree::import::{Imported, Options, records, table};
use orgtree::model::{EntityKind, Model};
use orgtree::org::Org;

const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/import/");

fn bytes(name: &str) -> Vec<u8> {
    let path = format!("{FIXTURES}{name}");
    std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// The fixture `name` imported as a table or as records, by its extension.
fn import(name: &str) -> Result<Imported, Vec<Diagnostic>> {
    let text = table::decode(&bytes(name)).unwrap();
    import_text(name, &text, &Options::default())
}

fn import_text(name: &str, text: &str, options: &Options) -> Result<Imported, Vec<Diagnostic>> {
    if name.ends_with(".json") {
        records::import_text(name, text, options)
    } else {
        table::import_text(name, text, options)
    }
}

fn imported(name: &str) -> Imported {
    import(name).unwrap_or_else(|p| panic!("{name}: {p:#?}"))
}

/// The org of `model`, which must load without an error or a warning.
fn org(model: Model) -> Org {
    let (org, warnings) = Org::new(model).unwrap_or_else(|p| panic!("{p:#?}"));
    assert!(warnings.is_empty(), "{warnings:#?}");
    org
}

/// `(line, col, severity, message)` of each problem.
fn problems(found: &[Diagnostic]) -> Vec<(u32, u32, Severity, &str)> {
    found
        .iter()
        .map(|d| (d.pos.line, d.pos.col, d.severity, d.message.as_str()))
        .collect()
}

/// The id, parent id and name of each entity, in model order.
fn tree(m: &Model) -> Vec<(String, String, String)> {
    m.entities
        .iter()
        .map(|e| {
            let parent = e
                .parent
                .as_ref()
                .and_then(|p| p.latest())
                .map(|p| p.value.to_string())
                .unwrap_or_default();
            (e.id.value.to_string(), parent, e.latest_name().to_owned())
        })
        .collect()
}

use Severity::{Error, Warning};

#[test]
fn an_hr_export_becomes_posts_people_and_roles() {
    let i = imported("hr.csv");
    assert!(i.warnings.is_empty(), "{:#?}", i.warnings);
    let m = &i.model;
    assert_eq!(m.title, "hr");
    assert_eq!(
        (m.entities.len(), m.people.len(), m.roles.len()),
        (30, 30, 30)
    );
    let t = tree(m);
    assert_eq!(t[0], ("E001".into(), "".into(), "Margaret Hamilton".into()));
    assert_eq!(
        t[9],
        ("E010".into(), "E006".into(), "Edsger Dijkstra".into())
    );
    assert!(
        m.entities
            .iter()
            .all(|e| *e.latest_kind() == EntityKind::Position)
    );
    let e = &m.entities[23];
    assert_eq!(
        e.more().attributes.get("location").map(String::as_str),
        Some("London")
    );
    assert_eq!(
        e.more().attributes.get("department").map(String::as_str),
        Some("Sales")
    );
    let p = &m.people[23];
    assert_eq!(
        (p.id.as_str(), p.name.as_str()),
        ("person-E024", "Karen Spärck Jones")
    );
    assert_eq!(p.identifiers[0].id, "karen.jones@example.com");
    let r = &m.roles[23];
    assert_eq!(r.title, "Account Executive");
    assert_eq!(r.start.as_ref().unwrap().to_string(), "2017-10-09");
    // Each value is where the table has it: line 25, the 24th row.
    assert_eq!((e.id.pos.line, e.id.pos.col), (25, 1));
    assert_eq!(
        (
            r.start.as_ref().unwrap().pos.line,
            r.start.as_ref().unwrap().pos.col
        ),
        (25, 85)
    );
    let org = org(i.model);
    let day = "2024-01-01"
        .parse::<orgtree::model::PartialDate>()
        .unwrap()
        .first_day();
    let tree = org.tree(day, orgtree::org::Placing::UnderExisting);
    assert_eq!(tree.roots().count(), 1);
}

#[test]
fn a_table_of_units_keeps_its_kinds_and_dates() {
    let i = imported("units.tsv");
    assert!(i.warnings.is_empty(), "{:#?}", i.warnings);
    let m = &i.model;
    assert!(m.people.is_empty() && m.roles.is_empty());
    let kinds: Vec<&str> = m
        .entities
        .iter()
        .map(|e| e.latest_kind().as_str())
        .collect();
    assert_eq!(
        kinds,
        [
            "group",
            "subsidiary",
            "subsidiary",
            "unit",
            "business_unit",
            "division",
            "datacenter",
            "unit"
        ]
    );
    assert_eq!(
        tree(m)[4],
        (
            "eu-rd".into(),
            "acme-eu".into(),
            "Research & Development".into()
        )
    );
    assert_eq!(m.entities[6].founded.as_ref().unwrap().to_string(), "2015");
    assert_eq!(
        m.entities[7]
            .more()
            .attributes
            .get("cost centre")
            .map(String::as_str),
        Some("CC-107")
    );
    org(i.model);
}

#[test]
fn a_french_excel_export_in_windows_1252() {
    let raw = bytes("excel-fr.csv");
    assert!(
        std::str::from_utf8(&raw).is_err(),
        "the fixture must not be UTF-8"
    );
    let i = imported("excel-fr.csv");
    let m = &i.model;
    assert_eq!(m.people[1].name, "Hélène Lefèvre");
    assert_eq!(m.entities[1].latest_name(), "Hélène Lefèvre");
    assert_eq!(m.roles[1].title, "Directrice financière");
    assert_eq!(tree(m)[5].1, "1003");
    assert_eq!(
        m.entities[0]
            .more()
            .attributes
            .get("location")
            .map(String::as_str),
        Some("Siège")
    );
    // Day first, as 15/09/2012 shows.
    assert_eq!(m.roles[0].start.as_ref().unwrap().to_string(), "2011-01-03");
    org(i.model);
}

#[test]
fn d3_and_balkan_records() {
    let i = imported("d3.json");
    assert!(i.warnings.is_empty(), "{:#?}", i.warnings);
    let m = &i.model;
    assert_eq!(
        tree(m)[3],
        ("4".into(), "2".into(), "Peacock Margaret".into())
    );
    assert_eq!(m.people[3].name, "Peacock Margaret");
    assert_eq!(m.roles[3].title, "Head of Infrastructure");
    assert_eq!(
        m.entities[3]
            .more()
            .attributes
            .get("area")
            .map(String::as_str),
        Some("Technology")
    );
    assert_eq!(
        (m.entities[3].id.pos.line, m.entities[3].id.pos.col),
        (5, 10)
    );
    org(i.model);

    let i = imported("balkan.json");
    // The one nested value is left out, and said.
    assert_eq!(
        problems(&i.warnings),
        [(8, 146, Warning, "`tags` holds a nested value: left out")]
    );
    let m = &i.model;
    assert_eq!(tree(m)[6], ("7".into(), "3".into(), "Fran Parsons".into()));
    assert_eq!(m.roles[6].title, "Developer");
    assert_eq!(m.people[6].identifiers[0].id, "fran@example.com");
    assert!(m.entities[6].more().attributes.contains_key("img"));
    org(i.model);
}

#[test]
fn each_problem_at_its_place() {
    let p = import("bad-duplicate.csv").unwrap_err();
    assert_eq!(problems(&p), [(4, 1, Error, "id `a` is given twice")]);
    assert!(p[0].help.as_deref().unwrap().contains("line 2"));

    let p = import("bad-manager.csv").unwrap_err();
    assert_eq!(
        problems(&p),
        [(4, 11, Error, "manager `e22` is not in the table")]
    );
    assert_eq!(p[0].help.as_deref(), Some("did you mean `e2`?"));

    let p = import("bad-cycle.csv").unwrap_err();
    assert_eq!(
        problems(&p),
        [(3, 3, Error, "`a` is under itself: a → c → b → a")]
    );

    let p = import("bad-ragged.csv").unwrap_err();
    assert_eq!(
        problems(&p),
        [
            (
                3,
                7,
                Error,
                "this row has 4 fields, more than the header's 3"
            ),
            (
                4,
                4,
                Error,
                "this row has 2 fields, fewer than the header's 3"
            ),
        ]
    );

    let p = import("bad-records.json").unwrap_err();
    assert_eq!(
        problems(&p),
        [
            (4, 10, Error, "id `2` is given twice"),
            (4, 20, Error, "manager `3` is not in the table"),
        ]
    );
}

#[test]
fn every_problem_in_one_run() {
    let p = import("bad-all.csv").unwrap_err();
    let found: Vec<(u32, u32, Severity)> = problems(&p).iter().map(|p| (p.0, p.1, p.2)).collect();
    assert_eq!(
        found,
        [
            (3, 1, Error),
            (4, 3, Error),
            (5, 3, Error),
            (5, 7, Error),
            (7, 8, Error)
        ],
        "{p:#?}"
    );
    assert_eq!(p[2].message, "`y` is under itself: y → z → y");
    assert!(
        p[3].message.contains("`someday` is not a date"),
        "{}",
        p[3].message
    );
}

#[test]
fn several_roots_are_allowed_and_said() {
    let i = imported("roots.tsv");
    assert_eq!(problems(&i.warnings).len(), 1);
    assert_eq!(
        (i.warnings[0].pos.line, i.warnings[0].severity),
        (3, Warning)
    );
    assert!(
        i.warnings[0].message.contains("`north`, `south`"),
        "{}",
        i.warnings[0].message
    );
    org(i.model);
}

#[test]
fn a_column_given_by_hand() {
    let text = "code,Boss,label\nx,,X\ny,x,Y\n";
    let p = table::import_text("t.csv", text, &Options::default()).unwrap_err();
    assert!(p[0].message.contains("ids"), "{p:#?}");
    let options = Options {
        columns: vec![
            ("id".into(), "code".into()),
            ("parent".into(), "Boss".into()),
            ("name".into(), "label".into()),
        ],
        ..Options::default()
    };
    let i = table::import_text("t.csv", text, &options).unwrap();
    assert_eq!(tree(&i.model)[1], ("y".into(), "x".into(), "Y".into()));
    let options = Options {
        columns: vec![
            ("id".into(), "code".into()),
            ("parent".into(), "Bos".into()),
        ],
        ..Options::default()
    };
    let p = table::import_text("t.csv", text, &options).unwrap_err();
    assert_eq!(p[0].help.as_deref(), Some("did you mean `Boss`?"));
}

#[test]
fn empty_header_only_bom_and_utf16() {
    let p = table::import_text("t.csv", "", &Options::default()).unwrap_err();
    assert!(p[0].message.contains("empty"), "{p:#?}");
    let p = table::import_text("t.csv", "id,parent,name\r\n", &Options::default()).unwrap_err();
    assert_eq!(
        problems(&p),
        [(1, 1, Error, "the table has a header line but no rows")]
    );

    let p = records::import_text("r.json", " [ ] ", &Options::default()).unwrap_err();
    assert_eq!(problems(&p), [(1, 1, Error, "the array has no records")]);
    let p = records::import_text("r.json", "{\"title\": \"a model\"}", &Options::default())
        .unwrap_err();
    assert!(
        p[0].message
            .starts_with("this is not a JSON array of records"),
        "{p:#?}"
    );

    // A BOM is not part of the first header, and counts as a column of the first line.
    let bom = table::decode(b"\xef\xbb\xbfid,parent\na,\na,\n").unwrap();
    let p = table::import_text("t.csv", &bom, &Options::default()).unwrap_err();
    assert_eq!(problems(&p), [(3, 1, Error, "id `a` is given twice")]);
    let p = table::import_text(
        "t.csv",
        "\u{feff}id,parent\nzz,\n,zz\nq,zz,extra\n",
        &Options::default(),
    )
    .unwrap_err();
    assert_eq!(p[0].pos.line, 3);
    assert_eq!((p[1].pos.line, p[1].pos.col), (4, 6));

    // Excel's "Unicode text": UTF-16 with a BOM, tab-separated.
    let text =
        "Employee ID\tFull Name\tReports To\tJob Title\n7\tZoë Ünal\t\tCEO\n8\tÅsa Berg\t7\tCTO\n";
    let utf16: Vec<u8> = [0xff, 0xfe]
        .into_iter()
        .chain(text.encode_utf16().flat_map(u16::to_le_bytes))
        .collect();
    let decoded = table::decode(&utf16).unwrap();
    let i = table::import_text("export.txt", &decoded, &Options::default()).unwrap();
    assert_eq!(
        tree(&i.model)[1],
        ("8".into(), "7".into(), "Åsa Berg".into())
    );
    assert_eq!(i.model.people[0].name, "Zoë Ünal");
    org(i.model);
}

#[test]
fn a_manager_of_ten_thousand() {
    let mut text = String::from("id,manager,name\nboss,,Boss\n");
    for i in 0..10_000 {
        text.push_str(&format!("r{i},boss,Report {i}\n"));
    }
    let i = table::import_text("wide.csv", &text, &Options::default()).unwrap();
    assert!(i.warnings.is_empty());
    let org = org(i.model);
    let day = orgtree::model::Day {
        year: 2024,
        month: 1,
        day: 1,
    };
    let tree = org.tree(day, orgtree::org::Placing::UnderExisting);
    let boss = org.find_entity("boss").unwrap();
    assert_eq!(tree.children(boss).len(), 10_000);
}

#[test]
fn a_chain_twenty_thousand_deep() {
    let mut text = String::from("id,parent\nn0,\n");
    for i in 1..20_000 {
        text.push_str(&format!("n{i},n{}\n", i - 1));
    }
    let i = table::import_text("deep.csv", &text, &Options::default()).unwrap();
    assert!(i.warnings.is_empty());
    let org = org(i.model);
    assert_eq!(org.entity_count(), 20_000);
    // And a cycle through all of them is found, once.
    let looped = text.replacen("n0,\n", "n0,n19999\n", 1);
    let p = table::import_text("deep.csv", &looped, &Options::default()).unwrap_err();
    assert_eq!(p.len(), 1, "{:#?}", &p[..p.len().min(3)]);
    assert!(
        p[0].message
            .starts_with("`n0` is under itself: n0 → n19999 → n19998"),
        "{}",
        p[0].message
    );
}

/// `org` dumped as `--format csv`.
fn csv(org: &Org) -> String {
    let options = DumpOptions {
        format: Format::Csv,
        ..DumpOptions::default()
    };
    let mut out = Vec::new();
    dump::write(org, &options, &mut out).unwrap();
    String::from_utf8(out).unwrap()
}

/// What a round trip must keep: the tree, the people, the posts and the attributes.
fn facts(m: &Model) -> Vec<String> {
    let entities = m.entities.iter().map(|e| {
        format!(
            "{:?} {:?} {:?}",
            tree(&Model {
                entities: vec![e.clone()],
                ..Model::default()
            }),
            e.latest_kind(),
            e.more().attributes
        )
    });
    let people = m
        .people
        .iter()
        .map(|p| format!("{} {} {:?}", p.id.value, p.name, p.identifiers));
    let roles = m.roles.iter().map(|r| {
        format!(
            "{:?} {} {} {:?} {:?} {:?}",
            r.person.as_ref().map(|p| p.value.to_string()),
            r.entity.value,
            r.title,
            r.start.as_ref().map(|d| d.value),
            r.end.as_ref().map(|d| d.value),
            founded(m, &r.entity.value),
        )
    });
    // In the order of the ids: a dump writes the tree depth first.
    let mut facts: Vec<String> = entities.chain(people).chain(roles).collect();
    facts.sort();
    facts
}

fn founded(m: &Model, id: &str) -> Option<String> {
    m.entities
        .iter()
        .find(|e| e.id.value == id)
        .and_then(|e| e.founded.as_ref().map(|d| d.value.to_string()))
}

#[test]
fn a_table_read_in_and_written_out_round_trips() {
    for name in [
        "hr.csv",
        "units.tsv",
        "excel-fr.csv",
        "d3.json",
        "balkan.json",
    ] {
        let first = imported(name).model;
        let written = csv(&org(first.clone()));
        let again = table::import_text("again.csv", &written, &Options::default())
            .unwrap_or_else(|p| panic!("{name}: {p:#?}\n{written}"));
        assert!(again.warnings.is_empty(), "{name}: {:#?}", again.warnings);
        assert_eq!(facts(&first), facts(&again.model), "{name}:\n{written}");
        // And once more, the same text.
        assert_eq!(csv(&org(again.model)), written, "{name}");
    }
    let written = csv(&org(imported("hr.csv").model));
    let mut lines = written.lines();
    assert_eq!(
        lines.next(),
        Some("id,parent,name,kind,leader,title,person,email,start,department,location")
    );
    assert_eq!(
        lines.nth(1),
        Some(
            "E002,E001,Grace Hopper,position,Grace Hopper,Chief Technology Officer,person-E002,grace.hopper@example.com,2012-03-01,Engineering,Boston"
        )
    );
}

#[test]
fn hostile_cells_come_out_sanitised() {
    let text = "id,parent,name,title,note\n\
                a,,=HYPERLINK(\"http://evil\"),+cmd,@SUM(A1)\n\
                b,a,\u{202e}txt.exe,-2+3,\u{1b}[31mred\n\
                c,a,nul\0here,\"two\nlines\",\ttab\n";
    let i = table::import_text("hostile.csv", text, &Options::default()).unwrap();
    let written = csv(&org(i.model));
    if let Some(c) = written
        .chars()
        .find(|&c| c != '\n' && orgtree::sanitize::is_unsafe(c))
    {
        panic!("{c:?} reached the CSV:\n{written}");
    }
    let rows: Vec<&str> = written.lines().collect();
    assert_eq!(rows.len(), 4, "{written}");
    // The post is named by the person who holds it, its leader; the title is the role's.
    assert_eq!(
        rows[1],
        "a,,\"'=HYPERLINK(\"\"http://evil\"\")\",position,\"'=HYPERLINK(\"\"http://evil\"\")\",'+cmd,person-a,'@SUM(A1)"
    );
    assert!(rows[1].ends_with(",'@SUM(A1)"), "{}", rows[1]);
    assert!(
        rows[2].contains("\\u{202e}txt.exe") && rows[2].contains(",'-2+3,"),
        "{}",
        rows[2]
    );
    assert!(rows[2].ends_with("\\u{1b}[31mred"), "{}", rows[2]);
    assert!(
        rows[3].contains("nul\\u{0}here") && rows[3].contains("two\\nlines"),
        "{}",
        rows[3]
    );
    // Read back, the formula guard is taken off again.
    let again = table::import_text("again.csv", &written, &Options::default()).unwrap();
    assert_eq!(again.model.people[0].name, "=HYPERLINK(\"http://evil\")");
    assert_eq!(
        again.model.entities[0].latest_name(),
        "=HYPERLINK(\"http://evil\")"
    );
    assert_eq!(again.model.roles[0].title, "+cmd");
    assert_eq!(again.model.roles[1].title, "-2+3");
}

/// Whether `pos` is a place of `text`: a line it has, a column at most one past that line's end
/// (a `\r` counted, as a cell in quotes may end with it).
fn within(text: &str, pos: orgtree::model::Pos) -> bool {
    if !pos.is_known() {
        return true;
    }
    let line = text.split('\n').nth(pos.line as usize - 1);
    line.is_some_and(|l| pos.col as usize <= l.chars().count() + 1)
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig { cases: 256, ..Default::default() })]

    /// Any text, as a table or as records: no panic, every problem at a place of the text, and
    /// what imports loads or says why.
    #[test]
    fn arbitrary_tables_never_panic(text in "[id,parent;name\"\n\r\t é@=a-c0-2{}\\[\\]:]{0,80}") {
        for name in ["t.csv", "t.json"] {
            let with = format!("id,parent,name\n{text}");
            for t in [text.as_str(), with.as_str()] {
                match import_text(name, t, &Options::default()) {
                    Ok(i) => {
                        for w in &i.warnings {
                            proptest::prop_assert!(within(t, w.pos), "{w:?} in {t:?}");
                        }
                        let _ = Org::new(i.model);
                    }
                    Err(problems) => {
                        for p in &problems {
                            proptest::prop_assert!(within(t, p.pos), "{p:?} in {t:?}");
                        }
                    }
                }
            }
        }
    }
}
