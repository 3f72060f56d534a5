//! Which column says what: each role (the id, the manager, the name…) is found among the
//! headers by the words tables use for it, compared without case, accents, spaces or
//! punctuation (`Employee ID`, `employee_id` and `employeeId` are one header), or given by hand
//! (`--column parent=Boss`). A pure function of the headers and the overrides; `docs/import.md`
//! lists the words.

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

use crate::diagnostic::Diagnostic;
use crate::model::Pos;
use crate::suggest;

/// What a column can say about a row.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// The row's own id.
    Id,
    /// The id of the row it is under (its manager's, or its parent unit's); an e-mail is
    /// matched to the e-mail column.
    Parent,
    /// The manager's e-mail, matched to the e-mail column.
    ManagerEmail,
    /// The name: the person's in a table of people without a person's name column, else
    /// the entity's.
    Name,
    /// The person's full name.
    PersonName,
    FirstName,
    LastName,
    /// The person's post.
    Title,
    Department,
    Location,
    /// When the person took the post, or when the unit began.
    Start,
    /// The last day of the post, or of the unit.
    End,
    Email,
    /// The entity's kind.
    Kind,
    /// The person's own id (`person-<row id>` without it).
    Person,
}

impl Role {
    pub const ALL: [Role; 15] = [
        Role::Id,
        Role::Parent,
        Role::ManagerEmail,
        Role::Name,
        Role::PersonName,
        Role::FirstName,
        Role::LastName,
        Role::Title,
        Role::Department,
        Role::Location,
        Role::Start,
        Role::End,
        Role::Email,
        Role::Kind,
        Role::Person,
    ];

    /// The role's word in `--column ROLE=HEADER`.
    pub fn word(self) -> &'static str {
        match self {
            Role::Id => "id",
            Role::Parent => "parent",
            Role::ManagerEmail => "manager-email",
            Role::Name => "name",
            Role::PersonName => "person-name",
            Role::FirstName => "first-name",
            Role::LastName => "last-name",
            Role::Title => "title",
            Role::Department => "department",
            Role::Location => "location",
            Role::Start => "start",
            Role::End => "end",
            Role::Email => "email",
            Role::Kind => "kind",
            Role::Person => "person",
        }
    }

    /// The headers that say this role, as [`key`]s, the likeliest first: of two columns that
    /// both could, the one whose word comes first takes the role (`manager id` before
    /// `manager`), and the other is an attribute.
    pub fn headers(self) -> &'static [&'static str] {
        match self {
            Role::Id => &[
                "id",
                "employeeid",
                "employeenumber",
                "employeeno",
                "empid",
                "empno",
                "personid",
                "personnelnumber",
                "staffid",
                "staffnumber",
                "staffno",
                "payrollnumber",
                "payrollno",
                "workerid",
                "userid",
                "uid",
                "nodeid",
                "unitid",
                "key",
                "matricule",
                "personalnummer",
            ],
            Role::Parent => &[
                "parentid",
                "managerid",
                "manageremployeeid",
                "managernumber",
                "reportstoid",
                "supervisorid",
                "bossid",
                "linemanagerid",
                "pid",
                "parent",
                "manager",
                "reportsto",
                "supervisor",
                "boss",
                "linemanager",
                "parentunit",
                "responsable",
                "idresponsable",
                "matriculeresponsable",
                "vorgesetzter",
            ],
            Role::ManagerEmail => &[
                "manageremail",
                "manageremailaddress",
                "supervisoremail",
                "bossemail",
                "reportstoemail",
                "linemanageremail",
            ],
            Role::Name => &["name", "nom", "bezeichnung"],
            Role::PersonName => &[
                "fullname",
                "employeename",
                "personname",
                "displayname",
                "leader",
                "holder",
                "employee",
                "nomcomplet",
            ],
            Role::FirstName => &[
                "firstname",
                "givenname",
                "forename",
                "first",
                "prenom",
                "vorname",
            ],
            Role::LastName => &[
                "lastname",
                "surname",
                "familyname",
                "last",
                "nomdefamille",
                "nachname",
            ],
            Role::Title => &[
                "title",
                "jobtitle",
                "positionname",
                "position",
                "poste",
                "role",
                "jobrole",
                "function",
                "fonction",
                "funktion",
                "designation",
            ],
            Role::Department => &[
                "department",
                "dept",
                "departement",
                "service",
                "abteilung",
                "team",
            ],
            Role::Location => &[
                "location", "office", "site", "city", "lieu", "ville", "standort",
            ],
            Role::Start => &[
                "start",
                "startdate",
                "hiredate",
                "datehired",
                "hired",
                "joindate",
                "joined",
                "dateentree",
                "datedentree",
                "eintritt",
                "eintrittsdatum",
                "from",
                "founded",
                "created",
            ],
            Role::End => &[
                "end",
                "enddate",
                "leavedate",
                "leftdate",
                "terminationdate",
                "exitdate",
                "datesortie",
                "datedesortie",
                "austritt",
                "austrittsdatum",
                "until",
                "to",
                "dissolved",
                "closed",
            ],
            Role::Email => &[
                "email",
                "emailaddress",
                "mail",
                "workemail",
                "courriel",
                "adressemail",
            ],
            Role::Kind => &["kind", "type", "unittype", "entitykind", "entitytype"],
            Role::Person => &["person"],
        }
    }
}

/// Which column holds each role, and the rest, which become attributes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Roles {
    columns: [Option<usize>; Role::ALL.len()],
    /// The columns left, in table order: each an attribute named by its header. Columns
    /// without a header are left out.
    pub attributes: Vec<usize>,
}

impl Roles {
    /// The column that holds `role`, if any.
    pub fn get(&self, role: Role) -> Option<usize> {
        self.columns[role as usize]
    }

    /// The role the column `column` holds, if any.
    pub fn role_of(&self, column: usize) -> Option<Role> {
        Role::ALL.into_iter().find(|&r| self.get(r) == Some(column))
    }
}

/// A header as compared: lower case, without accents, spaces or punctuation.
pub fn key(header: &str) -> String {
    header
        .nfd()
        .filter(|c| !is_combining_mark(*c) && c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// The roles of the columns named `headers`, with `overrides` (`(role, header)`, as
/// `--column role=header` gives them) taken first. An unknown role, a header the table does
/// not have, or no column of ids, is an error, with a suggestion.
pub fn roles(headers: &[String], overrides: &[(String, String)]) -> Result<Roles, Vec<Diagnostic>> {
    let keys: Vec<String> = headers.iter().map(|h| key(h)).collect();
    let mut columns = [None; Role::ALL.len()];
    let mut taken = vec![false; headers.len()];
    let mut problems = Vec::new();
    for (role, header) in overrides {
        let Some(r) = Role::ALL.into_iter().find(|r| key(r.word()) == key(role)) else {
            let words = Role::ALL.map(Role::word);
            let help = suggest::help(role, words)
                .unwrap_or_else(|| format!("the roles are {}", words.join(", ")));
            problems.push(
                Diagnostic::error(
                    Pos::UNKNOWN,
                    format!("`--column {role}=…`: `{role}` is not a column role"),
                )
                .with_help(help),
            );
            continue;
        };
        let found = headers
            .iter()
            .position(|h| h == header)
            .or_else(|| keys.iter().position(|k| *k == key(header)));
        match found {
            Some(i) => {
                columns[r as usize] = Some(i);
                taken[i] = true;
            }
            None => {
                let help = suggest::help(header, headers.iter().map(String::as_str))
                    .unwrap_or_else(|| format!("the columns are {}", list(headers)));
                problems.push(
                    Diagnostic::error(
                        Pos::UNKNOWN,
                        format!("`--column {role}={header}`: the table has no column `{header}`"),
                    )
                    .with_help(help),
                );
            }
        }
    }
    for role in Role::ALL {
        if columns[role as usize].is_some() {
            continue;
        }
        let found = role
            .headers()
            .iter()
            .find_map(|word| (0..keys.len()).find(|&i| !taken[i] && keys[i] == *word));
        if let Some(i) = found {
            columns[role as usize] = Some(i);
            taken[i] = true;
        }
    }
    if columns[Role::Id as usize].is_none() && problems.is_empty() {
        problems.push(
            Diagnostic::error(Pos { line: 1, col: 1 }, "no column holds the rows' ids").with_help(
                format!(
                    "name one `id` (or `employee_id`, `PersonID`…), or say which it is with \
                     `--column id=HEADER`; the columns are {}",
                    list(headers)
                ),
            ),
        );
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    let attributes = (0..headers.len())
        .filter(|&i| !taken[i] && !headers[i].trim().is_empty())
        .collect();
    Ok(Roles {
        columns,
        attributes,
    })
}

/// `a, b, c`, each header in backquotes.
fn list(headers: &[String]) -> String {
    let quoted: Vec<String> = headers.iter().map(|h| format!("`{h}`")).collect();
    quoted.join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(text: &str) -> Vec<String> {
        text.split(',').map(str::to_owned).collect()
    }

    fn of(text: &str) -> Roles {
        roles(&headers(text), &[]).unwrap()
    }

    #[test]
    fn headers_compare_without_case_accents_spaces_or_punctuation() {
        assert_eq!(key("Employee ID"), "employeeid");
        assert_eq!(key("employee_id"), "employeeid");
        assert_eq!(key("Manager-Id"), "managerid");
        assert_eq!(key("Prénom"), "prenom");
        assert_eq!(key("Date d'entrée"), "datedentree");
    }

    #[test]
    fn an_hr_export_is_understood() {
        let r = of(
            "employee_id,first_name,last_name,title,department,location,manager_id,email,start_date,cost center",
        );
        assert_eq!(r.get(Role::Id), Some(0));
        assert_eq!(r.get(Role::FirstName), Some(1));
        assert_eq!(r.get(Role::LastName), Some(2));
        assert_eq!(r.get(Role::Title), Some(3));
        assert_eq!(r.get(Role::Department), Some(4));
        assert_eq!(r.get(Role::Location), Some(5));
        assert_eq!(r.get(Role::Parent), Some(6));
        assert_eq!(r.get(Role::Email), Some(7));
        assert_eq!(r.get(Role::Start), Some(8));
        assert_eq!(r.get(Role::Name), None);
        assert_eq!(r.attributes, [9]);
        assert_eq!(r.role_of(6), Some(Role::Parent));
    }

    #[test]
    fn every_parent_word_of_the_issue_is_a_parent() {
        for h in [
            "parent",
            "parentId",
            "pid",
            "manager",
            "Manager ID",
            "reports to",
            "supervisor",
            "boss",
        ] {
            let r = of(&format!("id,{h}"));
            assert_eq!(r.get(Role::Parent), Some(1), "{h}");
        }
        for h in ["id", "employee id", "PersonID"] {
            assert_eq!(of(&format!("{h},name")).get(Role::Id), Some(0), "{h}");
        }
    }

    #[test]
    fn of_two_candidates_the_likelier_takes_the_role() {
        let r = of("id,Manager,Manager ID");
        assert_eq!(r.get(Role::Parent), Some(2));
        assert_eq!(r.attributes, [1]);
    }

    #[test]
    fn french_headers_and_json_fields() {
        let r = of("Matricule,Nom,Prénom,Poste,Responsable");
        assert_eq!(r.get(Role::Id), Some(0));
        assert_eq!(r.get(Role::Name), Some(1));
        assert_eq!(r.get(Role::FirstName), Some(2));
        assert_eq!(r.get(Role::Title), Some(3));
        assert_eq!(r.get(Role::Parent), Some(4));
        let d3 = of("id,parentId,name,positionName,imageUrl");
        assert_eq!(d3.get(Role::Parent), Some(1));
        assert_eq!(d3.get(Role::Title), Some(3));
        assert_eq!(d3.attributes, [4]);
    }

    #[test]
    fn overrides_come_first() {
        let h = headers("code,Boss,name,parent");
        let r = roles(
            &h,
            &[
                ("id".into(), "code".into()),
                ("parent".into(), "Boss".into()),
            ],
        )
        .unwrap();
        assert_eq!(r.get(Role::Id), Some(0));
        assert_eq!(r.get(Role::Parent), Some(1));
        // `parent` is then an attribute like any other column.
        assert_eq!(r.attributes, [3]);
        // A header is matched as written first, then as a key.
        let r = roles(
            &h,
            &[
                ("id".into(), "CODE".into()),
                ("first_name".into(), "name".into()),
            ],
        )
        .unwrap();
        assert_eq!(r.get(Role::Id), Some(0));
        assert_eq!(r.get(Role::FirstName), Some(2));
    }

    #[test]
    fn a_bad_override_is_an_error_with_a_suggestion() {
        let h = headers("id,Boss");
        let e = roles(
            &h,
            &[
                ("parnet".into(), "Boss".into()),
                ("parent".into(), "Bos".into()),
            ],
        )
        .unwrap_err();
        assert_eq!(e.len(), 2);
        assert!(
            e[0].message.contains("`parnet` is not a column role"),
            "{e:?}"
        );
        assert_eq!(e[0].help.as_deref(), Some("did you mean `parent`?"));
        assert!(e[1].message.contains("no column `Bos`"), "{e:?}");
        assert_eq!(e[1].help.as_deref(), Some("did you mean `Boss`?"));
    }

    #[test]
    fn without_ids_nothing_can_be_placed() {
        let e = roles(&headers("name,parent"), &[]).unwrap_err();
        assert_eq!(e.len(), 1);
        assert!(e[0].message.contains("ids"));
        assert!(e[0].help.as_deref().unwrap().contains("`name`, `parent`"));
    }

    #[test]
    fn the_documentation_lists_every_header() {
        let doc = include_str!("../../../docs/import.md");
        for role in Role::ALL {
            let start = format!("| `{}` | ", role.word());
            let line = doc
                .lines()
                .find(|l| l.starts_with(&start))
                .unwrap_or_else(|| panic!("docs/import.md has no row for `{}`", role.word()));
            let words: Vec<String> = role.headers().iter().map(|w| format!("`{w}`")).collect();
            assert!(
                line.contains(&format!(" {} |", words.join(", "))),
                "docs/import.md lists other headers for `{}`: {line}",
                role.word()
            );
        }
    }
}
