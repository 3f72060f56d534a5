//! The records, once every statement is read, as one model: entities and people as their
//! latest statements leave them, one stake per interest of each relationship whose ends are
//! known, unspecified parties as people (or entities) of their own, the chains behind indirect
//! interests told in notes, and the tree of majority holders.

use std::collections::HashMap;

use crate::diagnostic::Diagnostic;
use crate::model::{
    At, Dated, Entity, EntityFields, EntityKind, Id, Interest, Model, Note, Person, Pos, Ref,
    Source, Stake,
};

use super::codes;
use super::mapping::{Body, End, Relationship};
use super::records::{Record, Records};
use super::statement::RecordType;
use super::tree;

/// The model of `records`, named `title`.
pub fn assemble(
    title: &str,
    records: Records,
    sources: Vec<Source>,
    diagnostics: &mut Vec<Diagnostic>,
) -> Model {
    let (by_id, list) = records.into_parts();
    let kinds: Vec<RecordType> = list.iter().map(|r| r.kind).collect();
    let kind_of = |id: &str| by_id.get(id).map(|&i| kinds[i]);
    let chains = Chains::new(&list, &by_id, diagnostics);
    let mut model = Model {
        title: title.to_owned(),
        sources,
        ..Model::default()
    };
    let (mut entities, mut people, mut relationships) = (0usize, 0usize, 0usize);
    for (index, record) in list.into_iter().enumerate() {
        let statements = record.statements;
        let latest = (statements > 1).then(|| {
            format!(
                "From the latest of {statements} statements about this record, of {}",
                record.date.value
            )
        });
        let Record {
            id,
            body,
            date,
            closed,
            names,
            sources,
            ..
        } = record;
        let note = |text: String| Note {
            text,
            sources: sources.clone(),
        };
        match body {
            Body::Entity(mut e) => {
                entities += 1;
                let more = e.more_mut();
                for n in names {
                    if !more.other_names.contains(&n) {
                        more.other_names.push(n);
                    }
                }
                more.notes.extend(latest.map(note));
                if closed && e.dissolved.is_none() {
                    if e.founded.as_ref().is_some_and(|f| f.value > date.value) {
                        diagnostics.push(Diagnostic::warning(
                            date.pos,
                            format!("`{id}` is closed on {}, before it was founded: it is not marked dissolved", date.value),
                        ));
                    } else {
                        e.dissolved = Some(date.clone());
                    }
                }
                e.sources = sources;
                model.entities.push(e);
            }
            Body::Person(mut p) => {
                people += 1;
                for n in names {
                    if !p.other_names.contains(&n) {
                        p.other_names.push(n);
                    }
                }
                p.notes.extend(latest.map(note));
                if closed {
                    p.notes.push(note(format!(
                        "Record closed by the statement of {}",
                        date.value
                    )));
                }
                p.sources = sources;
                model.people.push(p);
            }
            Body::Relationship(r) => {
                relationships += 1;
                let Some((owner, owned)) = ends(&id, &r, &kind_of, &mut model, diagnostics) else {
                    continue;
                };
                let mut extra: Vec<Note> = chains.notes(index).into_iter().map(note).collect();
                extra.extend(latest.map(note));
                let closing = closed.then_some(&date);
                let inferred = chains.inferred(index);
                stakes(
                    &r,
                    owner,
                    owned,
                    closing,
                    inferred,
                    &extra,
                    &sources,
                    &mut model,
                    diagnostics,
                );
            }
        }
    }
    model.description = Some(format!(
        "Imported from BODS 0.4: {entities} entity, {people} person and {relationships} relationship records"
    ));
    tree::place(&mut model.entities, &model.stakes, diagnostics);
    model
}

/// The owner and the owned of relationship `id`, adding an unspecified party as an item of its
/// own; `None`, with a warning, when an end names no record of the right type.
fn ends(
    id: &Id,
    r: &Relationship,
    kind_of: &impl Fn(&str) -> Option<RecordType>,
    model: &mut Model,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<(Ref, Ref)> {
    let pos = r.pos;
    let missing = |which: &str, end: &Ref, diagnostics: &mut Vec<Diagnostic>| {
        diagnostics.push(
            Diagnostic::warning(
                pos,
                format!("the {which} of relationship `{id}`, record `{}`, never appears: the relationship is left out", end.value),
            )
            .with_help("every record a relationship names needs a statement of its own"),
        );
    };
    let owned = match &r.subject {
        End::Record(subject) => match kind_of(subject) {
            Some(RecordType::Entity) => subject.clone(),
            Some(kind) => {
                diagnostics.push(Diagnostic::warning(
                    pos,
                    format!(
                        "the subject of relationship `{id}`, `{}`, is {} record: a stake is held in an entity; the relationship is left out",
                        subject.value,
                        kind.with_article()
                    ),
                ));
                return None;
            }
            None => {
                missing("subject", subject, diagnostics);
                return None;
            }
        },
        End::Unspecified {
            reason,
            description,
        } => {
            let e = unspecified_entity(id, reason.as_deref(), description.as_deref(), pos, kind_of);
            let at = e.id.clone();
            model.entities.push(e);
            at
        }
        End::Missing => return None,
    };
    let owner = match &r.party {
        End::Record(party) => match kind_of(party) {
            Some(RecordType::Entity | RecordType::Person) => party.clone(),
            Some(RecordType::Relationship) => {
                diagnostics.push(Diagnostic::warning(
                    pos,
                    format!(
                        "the interested party of relationship `{id}`, `{}`, is a relationship record: the relationship is left out",
                        party.value
                    ),
                ));
                return None;
            }
            None => {
                missing("interested party", party, diagnostics);
                return None;
            }
        },
        End::Unspecified {
            reason,
            description,
        } => {
            let p = unspecified_person(id, reason.as_deref(), description.as_deref(), pos, kind_of);
            let at = p.id.clone();
            model.people.push(p);
            at
        }
        End::Missing => return None,
    };
    if owner.value == owned.value {
        diagnostics.push(Diagnostic::warning(
            pos,
            format!(
                "relationship `{id}` has `{}` hold an interest in itself: left out",
                owner.value
            ),
        ));
        return None;
    }
    Some((owner, owned))
}

/// An id for a party a relationship does not name: `REL/interested-party`, made unique.
fn party_id(id: &Id, which: &str, kind_of: &impl Fn(&str) -> Option<RecordType>) -> Id {
    let mut candidate = format!("{id}/{which}");
    let mut n = 1;
    while kind_of(&candidate).is_some() {
        n += 1;
        candidate = format!("{id}/{which}-{n}");
    }
    Id::from(candidate)
}

/// The name of a party that is not given: `Unspecified (subject exempt from disclosure)`.
fn unspecified_name(reason: Option<&str>) -> String {
    match reason {
        Some(r) => format!("Unspecified ({})", codes::reason(r)),
        None => "Unspecified".to_owned(),
    }
}

fn unspecified_person(
    id: &Id,
    reason: Option<&str>,
    description: Option<&str>,
    pos: Pos,
    kind_of: &impl Fn(&str) -> Option<RecordType>,
) -> Person {
    Person {
        id: At::new(party_id(id, "interested-party", kind_of), pos),
        name: unspecified_name(reason),
        description: codes::unspecified(reason, description),
        other_names: Vec::new(),
        identifiers: Vec::new(),
        sources: Vec::new(),
        notes: vec![Note {
            text: format!("The interested party of relationship {id}, which does not name it"),
            sources: Vec::new(),
        }],
    }
}

fn unspecified_entity(
    id: &Id,
    reason: Option<&str>,
    description: Option<&str>,
    pos: Pos,
    kind_of: &impl Fn(&str) -> Option<RecordType>,
) -> Entity {
    Entity::from(EntityFields {
        id: At::new(party_id(id, "subject", kind_of), pos),
        name: Dated::Always(At::new(unspecified_name(reason), pos)),
        kind: Dated::Always(At::new(EntityKind::from_word("unknown_entity"), pos)),
        description: codes::unspecified(reason, description),
        other_names: Vec::new(),
        identifiers: Vec::new(),
        parent: None,
        founded: None,
        dissolved: None,
        attributes: Default::default(),
        notes: vec![Note {
            text: format!("The subject of relationship {id}, which does not name it"),
            sources: Vec::new(),
        }],
        sources: Vec::new(),
        competing: Vec::new(),
    })
}

/// One stake per interest of `r` (one of unknown interest when it lists none).
#[allow(clippy::too_many_arguments)] // reason: one relationship's parts, each used once
fn stakes(
    r: &Relationship,
    owner: Ref,
    owned: Ref,
    closing: Option<&At<crate::model::PartialDate>>,
    inferred: Option<&Interest>,
    extra: &[Note],
    sources: &[Ref],
    model: &mut Model,
    diagnostics: &mut Vec<Diagnostic>,
) {
    let note = |text: &str| Note {
        text: text.to_owned(),
        sources: sources.to_vec(),
    };
    let none = [super::mapping::Held {
        interest: Some(Interest::UnknownInterest),
        share: None,
        indirect: false,
        start: None,
        end: None,
        notes: vec!["The statement lists no interests".to_owned()],
    }];
    let interests = if r.interests.is_empty() {
        &none[..]
    } else {
        &r.interests[..]
    };
    for held in interests {
        let mut notes: Vec<Note> = held.notes.iter().map(|t| note(t)).collect();
        let interest = match (&held.interest, inferred) {
            (Some(i), _) => i.clone(),
            (None, Some(i)) => {
                notes.push(note(&format!(
                    "The statement gives no interest type: taken as `{}`, the type of the indirect interest it is part of",
                    i.as_str()
                )));
                i.clone()
            }
            (None, None) => {
                notes.push(note("The statement gives no interest type"));
                Interest::UnknownInterest
            }
        };
        let mut end = held.end.clone();
        if let Some(closed) = closing
            && end.is_none()
        {
            if held.start.as_ref().is_some_and(|s| s.value > closed.value) {
                diagnostics.push(Diagnostic::warning(
                    closed.pos,
                    format!(
                        "relationship is closed on {}, before its interest starts: that interest's end is left open",
                        closed.value
                    ),
                ));
            } else {
                end = Some(closed.clone());
            }
        }
        notes.extend(extra.iter().cloned());
        notes.extend(r.notes.iter().cloned());
        model.stakes.push(Stake {
            owner: owner.clone(),
            owned: owned.clone(),
            share: held.share.clone(),
            interest,
            indirect: held.indirect,
            amount: None,
            currency: None,
            on_behalf_of: None,
            start: held.start.clone(),
            end,
            sources: sources.to_vec(),
            notes,
            competing: Vec::new(),
        });
    }
}

/// The chains behind indirect interests: for each relationship, the notes that place it in one,
/// and the type an untyped component interest takes from the indirect interest it is part of.
struct Chains {
    notes: HashMap<usize, Vec<String>>,
    inferred: HashMap<usize, Option<Interest>>,
}

impl Chains {
    fn new(
        list: &[Record],
        by_id: &HashMap<Id, usize>,
        diagnostics: &mut Vec<Diagnostic>,
    ) -> Chains {
        let mut chains = Chains {
            notes: HashMap::new(),
            inferred: HashMap::new(),
        };
        let end_name = |end: &End| -> String {
            match end {
                End::Record(id) => by_id
                    .get(id.as_str())
                    .and_then(|&i| match &list[i].body {
                        Body::Entity(e) => Some(e.latest_name().to_owned()),
                        Body::Person(p) => Some(p.name.clone()),
                        Body::Relationship(_) => None,
                    })
                    .unwrap_or_else(|| id.value.to_string()),
                End::Unspecified { reason, .. } => unspecified_name(reason.as_deref()),
                End::Missing => "?".to_owned(),
            }
        };
        let name = |i: usize| -> String {
            match &list[i].body {
                Body::Entity(e) => e.latest_name().to_owned(),
                Body::Person(p) => p.name.clone(),
                Body::Relationship(r) => {
                    format!("{} in {}", end_name(&r.party), end_name(&r.subject))
                }
            }
        };
        for (index, record) in list.iter().enumerate() {
            let Body::Relationship(r) = &record.body else {
                continue;
            };
            if r.components.is_empty() {
                continue;
            }
            let types: Vec<&Interest> = r
                .interests
                .iter()
                .filter(|h| h.indirect)
                .filter_map(|h| h.interest.as_ref())
                .collect();
            let one_type = types
                .first()
                .filter(|t| types.iter().all(|u| u == *t))
                .copied();
            let mut through = Vec::new();
            let mut links = Vec::new();
            for c in &r.components {
                let Some(&ci) = by_id.get(c.as_str()) else {
                    diagnostics.push(Diagnostic::warning(
                        r.pos,
                        format!(
                            "component record `{c}` of relationship `{}` never appears",
                            record.id
                        ),
                    ));
                    continue;
                };
                match &list[ci].body {
                    Body::Relationship(_) => {
                        links.push(format!("{} ({c})", name(ci)));
                        chains.notes.entry(ci).or_default().push(format!(
                            "Part of the chain behind {}'s indirect interest in {} (relationship {})",
                            end_name(&r.party),
                            end_name(&r.subject),
                            record.id
                        ));
                        let guess = chains.inferred.entry(ci).or_insert(one_type.cloned());
                        if *guess != one_type.cloned() {
                            *guess = None;
                        }
                    }
                    _ => through.push(name(ci)),
                }
            }
            let mut text = String::from("Indirect");
            if !through.is_empty() {
                text.push_str(&format!(", through {}", through.join(", ")));
            }
            if !links.is_empty() {
                text.push_str(&format!(
                    "; the relationships that make it up are stakes of their own: {}",
                    links.join(", ")
                ));
            }
            chains.notes.entry(index).or_default().push(text);
        }
        chains
    }

    fn notes(&self, index: usize) -> Vec<String> {
        self.notes.get(&index).cloned().unwrap_or_default()
    }

    fn inferred(&self, index: usize) -> Option<&Interest> {
        self.inferred.get(&index).and_then(Option::as_ref)
    }
}
