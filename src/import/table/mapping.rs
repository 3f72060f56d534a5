//! A sheet's rows as a model, a pure function of the rows and their columns' roles.
//!
//! A table of people (it has a person's name, first or last names, an e-mail, a title or a
//! person id, with a value in at least one row) makes of each row a post: an entity of kind
//! `position`, named by the person who holds it (a vacant post by its title), under the post of the row's
//! manager; a person `person-<id>` with the name and the e-mail (as an identifier of scheme
//! `email`); and a role of the person in the post, with the title and the start and end dates.
//! A row without a person is a vacant post. Any other table is one of units: each row an
//! entity of the kind its kind column says (`unit` without one), its start and end its
//! founding and dissolution. Departments, locations and every column of no role are
//! attributes, named by their headers. `docs/import.md` ("Tables") says the same for users.

use std::collections::BTreeMap;

use hashbrown::HashMap;

use crate::diagnostic::Diagnostic;
use crate::model::{
    At, Dated, Entity, EntityFields, EntityKind, Id, Identifier, Model, Person, Pos, Role as Post,
};

use super::columns::{Role, Roles};
use super::dates::{self, Order};
use super::sheet::Sheet;
use super::structure::{self, Named};

/// The roles that make a table one of people, when one of their columns has a value.
const PEOPLE: [Role; 6] = [
    Role::PersonName,
    Role::FirstName,
    Role::LastName,
    Role::Email,
    Role::Title,
    Role::Person,
];

/// The scheme of a person's e-mail among their identifiers.
pub const EMAIL: &str = "email";

/// The prefix of a person's id made from their row's id.
pub const PERSON: &str = "person-";

/// The model titled `title` of `sheet`'s rows, whose columns say `roles`, with every problem
/// found (the model is only good when none of them is an error).
pub fn model(title: &str, sheet: &impl Sheet, roles: &Roles) -> (Model, Vec<Diagnostic>) {
    let mut diagnostics = Vec::new();
    let headers = sheet.headers();
    let cell = |row: usize, role: Role| roles.get(role).map_or("", |c| value(sheet.cell(row, c)));
    let at = |row: usize, role: Role| {
        roles
            .get(role)
            .map_or(sheet.row_pos(row), |c| sheet.pos(row, c))
    };
    let people = PEOPLE
        .iter()
        .any(|&r| roles.get(r).is_some() && (0..sheet.len()).any(|row| !cell(row, r).is_empty()));
    let what = if people { "person" } else { "row" };

    let ids: Vec<(&str, Pos)> = (0..sheet.len())
        .map(|r| (cell(r, Role::Id), at(r, Role::Id)))
        .collect();
    let rows = structure::index(&ids, what, &mut diagnostics);
    // Managers named by their e-mail are found among the rows' e-mails, gathered only then.
    let by_email = roles.get(Role::ManagerEmail).is_some()
        || (0..sheet.len()).any(|r| {
            let parent = cell(r, Role::Parent);
            parent.contains('@') && !rows.contains_key(parent)
        });
    let emails: HashMap<String, usize> = match roles.get(Role::Email).filter(|_| by_email) {
        Some(c) => (0..sheet.len())
            .map(|r| (value(sheet.cell(r, c)).to_lowercase(), r))
            .filter(|(e, _)| !e.is_empty())
            .collect(),
        None => HashMap::new(),
    };
    let named: Vec<Option<Named<'_>>> = (0..sheet.len())
        .map(|r| {
            let parent = cell(r, Role::Parent);
            if !parent.is_empty() {
                let row = rows.get(parent).copied().or_else(|| {
                    parent
                        .contains('@')
                        .then(|| emails.get(&parent.to_lowercase()).copied())
                        .flatten()
                });
                return Some(Named {
                    text: parent,
                    pos: at(r, Role::Parent),
                    row,
                    what: "manager",
                });
            }
            let email = cell(r, Role::ManagerEmail);
            (!email.is_empty()).then(|| Named {
                text: email,
                pos: at(r, Role::ManagerEmail),
                row: emails.get(&email.to_lowercase()).copied(),
                what: "manager e-mail",
            })
        })
        .collect();
    let candidates: Vec<&str> = ids.iter().map(|(id, _)| *id).collect();
    structure::unknown(named.iter().flatten(), &candidates, &mut diagnostics);
    let parents: Vec<Option<usize>> = named
        .iter()
        .map(|n| n.as_ref().and_then(|n| n.row))
        .collect();
    structure::cycles(
        &parents,
        &ids,
        |r| named[r].as_ref().map_or(ids[r].1, |n| n.pos),
        &mut diagnostics,
    );
    // A row whose manager is unknown is not a root, nor a row whose id is taken: they are
    // errors already.
    let roots: Vec<bool> = (0..ids.len())
        .map(|r| named[r].is_none() && rows.get(ids[r].0) == Some(&r))
        .collect();
    structure::roots(&roots, &ids, &mut diagnostics);

    let order = |role: Role, diagnostics: &mut Vec<Diagnostic>| {
        roles.get(role).map(|c| {
            dates::order(sheet, c, &headers[c]).unwrap_or_else(|d| {
                diagnostics.push(d);
                Order::DayFirst
            })
        })
    };
    let start_order = order(Role::Start, &mut diagnostics);
    let end_order = order(Role::End, &mut diagnostics);
    let date = |row: usize, role: Role, order: Option<Order>, diagnostics: &mut Vec<Diagnostic>| {
        let text = cell(row, role);
        let order = order?;
        match dates::parse(text, order) {
            Ok(d) => d.map(|d| At::new(d, at(row, role))),
            Err(e) => {
                diagnostics.push(Diagnostic::error(at(row, role), e));
                None
            }
        }
    };

    let name_is_person = people
        && roles.get(Role::PersonName).is_none()
        && (roles.get(Role::FirstName).is_none() || roles.get(Role::LastName).is_none());
    let last_is_name = roles.get(Role::LastName).is_none() && roles.get(Role::FirstName).is_some();
    let fixed: Vec<(usize, &str)> = [
        (Role::Department, "department"),
        (Role::Location, "location"),
    ]
    .into_iter()
    .filter_map(|(r, key)| roles.get(r).map(|c| (c, key)))
    .chain(roles.attributes.iter().map(|&c| (c, headers[c].as_str())))
    .collect();

    let mut model = Model {
        title: title.to_owned(),
        ..Model::default()
    };
    model.entities.reserve_exact(sheet.len());
    if people {
        model.people.reserve(sheet.len());
        model.roles.reserve(sheet.len());
    }
    for (row, &(id, id_pos)) in ids.iter().enumerate() {
        let person_name = if roles.get(Role::PersonName).is_some() {
            cell(row, Role::PersonName).to_owned()
        } else {
            let first = cell(row, Role::FirstName);
            let last = if last_is_name {
                cell(row, Role::Name)
            } else {
                cell(row, Role::LastName)
            };
            match (first.is_empty(), last.is_empty()) {
                (false, false) => format!("{first} {last}"),
                (false, true) => first.to_owned(),
                (true, false) => last.to_owned(),
                (true, true) if name_is_person && !last_is_name => cell(row, Role::Name).to_owned(),
                (true, true) => String::new(),
            }
        };
        let email = cell(row, Role::Email);
        let title_text = cell(row, Role::Title);
        let explicit = if name_is_person {
            ""
        } else {
            cell(row, Role::Name)
        };
        let (name, name_pos) = [
            (explicit, Role::Name),
            (person_name.as_str(), Role::PersonName),
            (title_text, Role::Title),
            (email, Role::Email),
        ]
        .into_iter()
        .find(|(n, _)| !n.is_empty())
        .map_or((id, id_pos), |(n, r)| (n, at(row, r)));
        let kind_text = cell(row, Role::Kind);
        let kind = if !kind_text.is_empty() {
            EntityKind::from_word(&kind_word(kind_text))
        } else if people {
            EntityKind::Position
        } else {
            EntityKind::Unit
        };
        let parent = named[row].as_ref().map(|n| {
            let target = n.row.map_or(n.text, |p| ids[p].0);
            Dated::Always(At::new(Id::from(target), n.pos))
        });
        let attributes: BTreeMap<String, String> = fixed
            .iter()
            .filter_map(|&(c, key)| {
                let v = value(sheet.cell(row, c));
                (!v.is_empty()).then(|| (key.to_owned(), v.to_owned()))
            })
            .collect();
        let start = date(row, Role::Start, start_order, &mut diagnostics);
        let end = date(row, Role::End, end_order, &mut diagnostics);
        let (founded, dissolved, start, end) = if people {
            (None, None, start, end)
        } else {
            (start, end, None, None)
        };
        model.entities.push(Entity::from(EntityFields {
            id: At::new(Id::from(id), id_pos),
            name: Dated::Always(At::new(name.to_owned(), name_pos)),
            kind: Dated::Always(At::new(kind, at(row, Role::Kind))),
            description: None,
            other_names: Vec::new(),
            identifiers: Vec::new(),
            parent,
            founded,
            dissolved,
            attributes,
            notes: Vec::new(),
            sources: Vec::new(),
            competing: Vec::new(),
        }));
        if !people {
            continue;
        }
        let person_id = cell(row, Role::Person);
        let has_person = !person_name.is_empty() || !email.is_empty() || !person_id.is_empty();
        let person = has_person.then(|| {
            let pid = if person_id.is_empty() {
                Id::from(format!("{PERSON}{id}"))
            } else {
                Id::from(person_id)
            };
            let pos = if person_id.is_empty() {
                id_pos
            } else {
                at(row, Role::Person)
            };
            model.people.push(Person {
                id: At::new(pid.clone(), pos),
                name: match (person_name.is_empty(), email.is_empty()) {
                    (false, _) => person_name,
                    (true, false) => email.to_owned(),
                    (true, true) => pid.to_string(),
                },
                description: None,
                other_names: Vec::new(),
                identifiers: if email.is_empty() {
                    Vec::new()
                } else {
                    vec![Identifier {
                        scheme: EMAIL.to_owned(),
                        id: email.to_owned(),
                    }]
                },
                sources: Vec::new(),
                notes: Vec::new(),
            });
            At::new(pid, pos)
        });
        if person.is_some() || !title_text.is_empty() {
            model.roles.push(Post {
                person,
                entity: At::new(Id::from(id), id_pos),
                title: title_text.to_owned(),
                start,
                end,
                interim: false,
                sources: Vec::new(),
                notes: Vec::new(),
                competing: Vec::new(),
            });
        }
    }
    (model, diagnostics)
}

/// A cell's value: without the spaces around it, nor the `'` a spreadsheet (and orgtree's own
/// `--format csv`) puts before a text that starts like a formula.
pub fn value(cell: &str) -> &str {
    let cell = cell.trim();
    match cell.strip_prefix('\'') {
        Some(rest) if rest.starts_with(['=', '+', '-', '@']) => rest,
        _ => cell,
    }
}

/// A kind as the model writes it: `Business Unit` is `business_unit`.
fn kind_word(text: &str) -> String {
    text.trim()
        .to_lowercase()
        .split(|c: char| c.is_whitespace() || c == '-')
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join("_")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::PartialDate;

    /// A date of the model, as text.
    fn text(d: &Option<At<PartialDate>>) -> String {
        d.as_ref().map(|d| d.value.to_string()).unwrap_or_default()
    }
    use crate::import::table::columns::roles;

    /// A sheet written out as lines of `|`-separated cells, each cell at (row + 2, column + 1).
    struct Cells {
        headers: Vec<String>,
        rows: Vec<Vec<String>>,
    }

    impl Sheet for Cells {
        fn headers(&self) -> &[String] {
            &self.headers
        }
        fn len(&self) -> usize {
            self.rows.len()
        }
        fn cell(&self, row: usize, column: usize) -> &str {
            self.rows[row].get(column).map_or("", String::as_str)
        }
        fn pos(&self, row: usize, column: usize) -> Pos {
            Pos {
                line: u32::try_from(row).unwrap() + 2,
                col: u32::try_from(column).unwrap() + 1,
            }
        }
        fn row_pos(&self, row: usize) -> Pos {
            self.pos(row, 0)
        }
    }

    fn sheet(lines: &[&str]) -> Cells {
        let split = |l: &str| l.split('|').map(str::to_owned).collect::<Vec<_>>();
        Cells {
            headers: split(lines[0]),
            rows: lines[1..].iter().map(|l| split(l)).collect(),
        }
    }

    fn map(lines: &[&str]) -> (Model, Vec<Diagnostic>) {
        let s = sheet(lines);
        let r = roles(&s.headers, &[]).unwrap();
        model("t", &s, &r)
    }

    fn parent(e: &Entity) -> String {
        e.parent
            .as_ref()
            .map(|p| p.latest().map(|v| v.value.to_string()).unwrap_or_default())
            .unwrap_or_default()
    }

    #[test]
    fn a_people_table_makes_posts_people_and_roles() {
        let (m, d) = map(&[
            "id|first name|last name|title|department|manager id|email|start date|Cost Center",
            "1|Ada|Lovelace|CEO|Board||ada@x.org|2001-02-03|C1",
            "2|Alan|Turing|CTO|Tech|1|alan@x.org|03/04/2005|",
            "3|||Engineer|Tech|2||13/04/2005|C2",
        ]);
        assert!(d.is_empty(), "{d:?}");
        let e = &m.entities;
        assert_eq!(e.len(), 3);
        assert_eq!(
            (e[0].id.as_str(), e[0].latest_name(), e[0].latest_kind()),
            ("1", "Ada Lovelace", &EntityKind::Position)
        );
        assert_eq!(parent(&e[0]), "");
        assert_eq!(parent(&e[1]), "1");
        assert_eq!(parent(&e[2]), "2");
        assert_eq!(e[0].id.pos, Pos { line: 2, col: 1 });
        assert_eq!(
            e[1].more().attributes.get("department").map(String::as_str),
            Some("Tech")
        );
        assert_eq!(
            e[0].more()
                .attributes
                .get("Cost Center")
                .map(String::as_str),
            Some("C1")
        );
        assert!(!e[1].more().attributes.contains_key("Cost Center"));
        let p = &m.people;
        assert_eq!(p.len(), 2);
        assert_eq!(
            (p[0].id.as_str(), p[0].name.as_str()),
            ("person-1", "Ada Lovelace")
        );
        assert_eq!(
            p[1].identifiers,
            [Identifier {
                scheme: "email".into(),
                id: "alan@x.org".into()
            }]
        );
        let r = &m.roles;
        assert_eq!(r.len(), 3);
        assert_eq!((r[1].entity.as_str(), r[1].title.as_str()), ("2", "CTO"));
        assert_eq!(r[1].person.as_deref().map(Id::as_str), Some("person-2"));
        // Day first, as the column's 13/04/2005 shows.
        assert_eq!(text(&r[1].start), "2005-04-03");
        assert_eq!(r[1].start.as_ref().unwrap().pos, Pos { line: 3, col: 8 });
        // Nobody in post 3: a vacancy.
        assert!(r[2].person.is_none());
    }

    #[test]
    fn a_units_table_makes_entities_of_their_kind() {
        let (m, d) = map(&[
            "id|parent|name|kind|start|budget",
            "g|||Group|2001|",
            "t|g|Tech|business unit||5",
            "u|g|Ops|||",
        ]);
        assert!(d.is_empty(), "{d:?}");
        assert!(m.people.is_empty() && m.roles.is_empty());
        let kinds: Vec<&str> = m
            .entities
            .iter()
            .map(|e| e.latest_kind().as_str())
            .collect();
        assert_eq!(kinds, ["group", "business_unit", "unit"]);
        // Without a name, the id.
        assert_eq!(m.entities[0].latest_name(), "g");
        assert_eq!(text(&m.entities[0].founded), "2001");
        assert_eq!(
            m.entities[1]
                .more()
                .attributes
                .get("budget")
                .map(String::as_str),
            Some("5")
        );
    }

    #[test]
    fn the_name_is_the_persons_when_the_table_has_no_other() {
        let (m, _) = map(&["id|pid|name|title", "1||Ada|CEO", "2|1|Alan|", "3|1||Clerk"]);
        assert_eq!(m.people[0].name, "Ada");
        assert_eq!(m.entities[0].latest_name(), "Ada");
        assert_eq!(m.roles[0].title, "CEO");
        // A vacant post is named by its title.
        assert_eq!(m.entities[2].latest_name(), "Clerk");
        assert_eq!(m.entities[1].latest_name(), "Alan");
        // With a person's name column, `name` is the post's.
        let (m, _) = map(&["id|name|leader|title", "1|Board|Ada|Chair"]);
        assert_eq!(
            (m.entities[0].latest_name(), m.people[0].name.as_str()),
            ("Board", "Ada")
        );
        // With a first name only, `name` is the family name (`Nom`, `Prénom`).
        let (m, _) = map(&["Matricule|Nom|Prénom|Poste", "1|Curie|Marie|Chimiste"]);
        assert_eq!(m.people[0].name, "Marie Curie");
    }

    #[test]
    fn a_manager_email_is_matched_to_the_email_column() {
        let (m, d) = map(&[
            "id|email|manager",
            "a|A@x.org|",
            "b|b@x.org|a@x.org",
            "c|c@x.org|b",
        ]);
        assert!(d.is_empty(), "{d:?}");
        assert_eq!(parent(&m.entities[1]), "a");
        assert_eq!(parent(&m.entities[2]), "b");
        let (m, d) = map(&[
            "id|email|manager email",
            "a|a@x.org|",
            "b|b@x.org|A@X.org",
            "c|c@x.org|z@x.org",
        ]);
        assert_eq!(parent(&m.entities[1]), "a");
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].message, "manager e-mail `z@x.org` is not in the table");
        assert_eq!(d[0].pos, Pos { line: 4, col: 3 });
    }

    #[test]
    fn every_problem_in_one_run() {
        let (_, d) = map(&[
            "id|manager|start",
            "a||2001",
            "a|x|2002",
            "b|bb|someday",
            "bb|c|",
            "c|bb|",
            "|a|",
        ]);
        let found: Vec<(u32, u32, bool)> = d
            .iter()
            .map(|d| (d.pos.line, d.pos.col, d.is_error()))
            .collect();
        let messages: Vec<&str> = d.iter().map(|d| d.message.as_str()).collect();
        assert!(messages.contains(&"id `a` is given twice"), "{messages:?}");
        assert!(messages.contains(&"this row has no id"), "{messages:?}");
        assert!(
            messages.contains(&"manager `x` is not in the table"),
            "{messages:?}"
        );
        assert!(
            messages.contains(&"`bb` is under itself: bb → c → bb"),
            "{messages:?}"
        );
        assert!(
            messages.iter().any(|m| m.contains("someday")),
            "{messages:?}"
        );
        for at in [(3, 1), (3, 2), (4, 3), (5, 2), (7, 1)] {
            assert!(found.contains(&(at.0, at.1, true)), "{at:?} in {found:?}");
        }
    }

    #[test]
    fn a_formula_guard_is_taken_off_and_spaces_too() {
        assert_eq!(value("  '=1+2 "), "=1+2");
        assert_eq!(value("'quoted"), "'quoted");
        assert_eq!(kind_word(" Business  Unit"), "business_unit");
    }
}
