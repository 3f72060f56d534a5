//! `--format csv`: the chart as a flat table, one row per entity in view — `id`, `parent`,
//! `name`, `kind` and `leader` at the dump's date; then, when some row has them, the `title`,
//! `person`, `email`, `start` and `end` of its post (the role in force at the date, else its
//! latest; an entity without a role gives its founding and dissolution as `start` and `end`);
//! then one column per attribute. Read back as a table (`import::table`), it gives the same
//! chart.
//!
//! Every cell is sanitized (`crate::sanitize`: control and invisible characters become visible
//! escapes, a line break `\n`), and one that starts like a spreadsheet formula (`=`, `+`, `-`,
//! `@`) is written after a `'`, which spreadsheets hide and the table importer takes off.

use std::borrow::Cow;
use std::collections::BTreeSet;
use std::io::{self, Write};

use crate::import::table::mapping::EMAIL;
use crate::model::{At, PartialDate};
use crate::org::{EntityId, Org, RoleView};
use crate::sanitize::sanitize;

use super::DumpOptions;
use super::view::View;

/// The columns written only when some row has a value for them, in their order.
const OPTIONAL: [&str; 5] = ["title", "person", "email", "start", "end"];

pub fn write(org: &Org, options: &DumpOptions, out: &mut impl Write) -> io::Result<()> {
    let view = View::new(org, options);
    let rows: Vec<Row<'_>> = view
        .order
        .iter()
        .map(|&(id, _)| Row::of(org, &view, id))
        .collect();
    let present: Vec<bool> = (0..OPTIONAL.len())
        .map(|i| rows.iter().any(|r| !r.optional[i].is_empty()))
        .collect();
    let keys: BTreeSet<&str> = rows
        .iter()
        .flat_map(|r| {
            org.entity(r.id)
                .more()
                .attributes
                .keys()
                .map(String::as_str)
        })
        .collect();
    let mut writer = csv::WriterBuilder::new()
        .terminator(csv::Terminator::Any(b'\n'))
        .from_writer(out);
    let mut record: Vec<Cow<'_, str>> = Vec::new();
    record.extend(["id", "parent", "name", "kind", "leader"].map(Cow::Borrowed));
    record.extend(
        OPTIONAL
            .iter()
            .zip(&present)
            .filter(|(_, p)| **p)
            .map(|(h, _)| Cow::Borrowed(*h)),
    );
    record.extend(keys.iter().map(|k| cell(k)));
    writer.write_record(record.iter().map(|c| c.as_bytes()))?;
    for row in &rows {
        record.clear();
        record.extend([row.id_text, row.parent, row.name, row.kind, &row.leader].map(cell));
        record.extend(
            row.optional
                .iter()
                .zip(&present)
                .filter(|(_, p)| **p)
                .map(|(v, _)| cell(v)),
        );
        let attributes = &org.entity(row.id).more().attributes;
        record.extend(
            keys.iter()
                .map(|k| cell(attributes.get(*k).map_or("", String::as_str))),
        );
        writer.write_record(record.iter().map(|c| c.as_bytes()))?;
    }
    writer.flush()
}

/// One entity's row.
struct Row<'a> {
    id: EntityId,
    id_text: &'a str,
    parent: &'a str,
    name: &'a str,
    kind: &'a str,
    leader: String,
    /// The values of [`OPTIONAL`]'s columns.
    optional: [String; OPTIONAL.len()],
}

impl<'a> Row<'a> {
    fn of(org: &'a Org, view: &View, id: EntityId) -> Row<'a> {
        let day = view.day;
        let entity = org.entity(id);
        let parent = view
            .tree
            .parent(id)
            .filter(|&p| view.contains(p))
            .map_or("", |p| org.entity(p).id.as_str());
        let roles: Vec<RoleView<'_>> = org.roles_in(id).collect();
        let in_force = roles.iter().find(|r| org.role_in_force(r, day));
        let post = in_force.or(roles.last());
        let leader = in_force
            .and_then(|r| r.person)
            .map_or(String::new(), |p| org.person(p).name.clone());
        let date =
            |d: &Option<At<PartialDate>>| d.as_ref().map_or(String::new(), |d| d.to_string());
        let optional = match post {
            Some(r) => {
                let email = r.person.and_then(|p| {
                    org.person(p)
                        .identifiers
                        .iter()
                        .find(|i| i.scheme.eq_ignore_ascii_case(EMAIL))
                        .map(|i| i.id.clone())
                });
                [
                    r.role.title.clone(),
                    r.role
                        .person
                        .as_ref()
                        .map_or(String::new(), |p| p.to_string()),
                    email.unwrap_or_default(),
                    date(&r.role.start),
                    date(&r.role.end),
                ]
            }
            None => [
                String::new(),
                String::new(),
                String::new(),
                date(&entity.founded),
                date(&entity.dissolved),
            ],
        };
        Row {
            id,
            id_text: entity.id.as_str(),
            parent,
            name: org.name_on(id, day),
            kind: org.kind_on(id, day).as_str(),
            leader,
            optional,
        }
    }
}

/// A cell as written: sanitized, and after a `'` when it starts like a formula.
fn cell(text: &str) -> Cow<'_, str> {
    let safe = sanitize(text);
    if safe.starts_with(['=', '+', '-', '@']) {
        Cow::Owned(format!("'{safe}"))
    } else {
        safe
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_are_quoted_and_controls_escaped() {
        assert_eq!(cell("=1+2"), "'=1+2");
        assert_eq!(cell("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(cell("-x"), "'-x");
        assert_eq!(cell("+x"), "'+x");
        assert_eq!(cell("a-b"), "a-b");
        assert_eq!(cell("\u{1b}[2J"), "\\u{1b}[2J");
        // Once escaped, a formula after a control character is no longer at the start.
        assert_eq!(cell("\u{202e}=x"), "\\u{202e}=x");
    }
}
