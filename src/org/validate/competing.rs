//! Competing values: each names a field the fact has, with a value that field could hold.

use super::*;

/// The fields a competing value may stand for, per kind of item, and how each is checked.
#[derive(Clone, Copy)]
enum FieldType {
    Text,
    Date,
    Share,
    Number,
}

const ENTITY_FIELDS: &[(&str, FieldType)] = &[
    ("name", FieldType::Text),
    ("kind", FieldType::Text),
    ("description", FieldType::Text),
    ("parent", FieldType::Text),
    ("founded", FieldType::Date),
    ("dissolved", FieldType::Date),
];
const STAKE_FIELDS: &[(&str, FieldType)] = &[
    ("owner", FieldType::Text),
    ("share", FieldType::Share),
    ("interest", FieldType::Text),
    ("amount", FieldType::Number),
    ("currency", FieldType::Text),
    ("start", FieldType::Date),
    ("end", FieldType::Date),
];
const ROLE_FIELDS: &[(&str, FieldType)] = &[
    ("person", FieldType::Text),
    ("title", FieldType::Text),
    ("start", FieldType::Date),
    ("end", FieldType::Date),
];
const RELATION_FIELDS: &[(&str, FieldType)] = &[
    ("kind", FieldType::Text),
    ("description", FieldType::Text),
    ("start", FieldType::Date),
    ("end", FieldType::Date),
];
const EVENT_FIELDS: &[(&str, FieldType)] = &[
    ("date", FieldType::Date),
    ("kind", FieldType::Text),
    ("description", FieldType::Text),
];

pub(super) fn competing_values(org: &Org, diagnostics: &mut Vec<Diagnostic>) {
    let m = &org.model;
    let lists = m
        .entities
        .iter()
        .map(|e| (&e.more().competing, ENTITY_FIELDS, true))
        .chain(m.stakes.iter().map(|s| (&s.competing, STAKE_FIELDS, false)))
        .chain(m.roles.iter().map(|r| (&r.competing, ROLE_FIELDS, false)))
        .chain(
            m.relations
                .iter()
                .map(|r| (&r.competing, RELATION_FIELDS, false)),
        )
        .chain(m.events.iter().map(|e| (&e.competing, EVENT_FIELDS, false)));
    for (competing, fields, has_attributes) in lists {
        for c in competing {
            competing_value(c, fields, has_attributes, diagnostics);
        }
    }
}

fn competing_value(
    c: &Competing,
    fields: &[(&str, FieldType)],
    has_attributes: bool,
    diagnostics: &mut Vec<Diagnostic>,
) {
    if has_attributes && c.field.starts_with("attributes.") {
        return;
    }
    let Some(&(_, ty)) = fields.iter().find(|(name, _)| *name == c.field.value) else {
        let mut known: Vec<&str> = fields.iter().map(|(name, _)| *name).collect();
        if has_attributes {
            known.push("attributes.KEY");
        }
        let help = suggest::help(&c.field, known.iter().copied()).unwrap_or_else(|| {
            format!("the fields that can compete here are {}", known.join(", "))
        });
        diagnostics.push(
            Diagnostic::error(
                c.field.pos,
                format!(
                    "`{}` is not a field that can have a competing value here",
                    c.field.value
                ),
            )
            .with_help(help),
        );
        return;
    };
    let problem = match ty {
        FieldType::Text => None,
        FieldType::Date => c.value.parse::<PartialDate>().err().map(|e| e.to_string()),
        FieldType::Share => c.value.parse::<Share>().err().map(|e| e.to_string()),
        FieldType::Number => c
            .value
            .parse::<f64>()
            .ok()
            .filter(|v| v.is_finite() && *v >= 0.0)
            .is_none()
            .then(|| format!("`{}` is not a positive number", c.value.value)),
    };
    if let Some(problem) = problem {
        diagnostics.push(Diagnostic::error(
            c.value.pos,
            format!("competing `{}`: {problem}", c.field.value),
        ));
    }
}
