//! The resolved model as JSON, for scripts. Field names are stable and documented in
//! `docs/json.md`; strings are the model's own text, escaped by JSON itself. The document is
//! written as it is produced, one item at a time, never held whole; nothing in it grows with
//! an entity's depth.

use std::io::{self, Write};

use serde::Serialize;

use crate::model::{Dated, Ref};
use crate::org::Org;
use crate::ownership;

use super::DumpOptions;
use super::view::View;

mod items;
mod owners;
mod stream;

use items::{
    Entity, Event, Person, Relation, Role, Source, Stake, competing, date, ids, json_share, notes,
};
use owners::{OWNERSHIP_STEPS, OWNERSHIP_TIME, effective};
use stream::{SafeFormatter, stream};

/// Version of the JSON layout; bumped only when a field changes meaning or disappears.
/// Version 2 replaced each entity's `path` (as long as its depth, so a deep tree's document
/// grew with the square of its size) by its `depth`.
const VERSION: u32 = 2;

#[derive(Serialize)]
struct Document<'a, S, E, P, K, R, L, V> {
    format: &'static str,
    version: u32,
    title: &'a str,
    description: Option<&'a str>,
    as_of: Option<String>,
    sources: S,
    entities: E,
    people: P,
    stakes: K,
    roles: R,
    relations: L,
    events: V,
}

pub fn write(org: &Org, options: &DumpOptions, out: &mut impl Write) -> io::Result<()> {
    let m = &org.model;
    // The entities in view; facts are kept when they touch one of them.
    let view = View::of_model(org, options);
    let day = view.day;
    let shown = |r: &Ref| view.has(org, r);
    // Look-through answers for the entities in view, holders first so that each can stop at
    // the answers of those above it.
    let cache = ownership::Cache::shared(OWNERSHIP_STEPS, OWNERSHIP_TIME);
    cache.fill(org, day, view.order.iter().map(|&(id, _)| id));

    let heads = view.heads(org);
    let entities = view.order.iter().map(|&(id, _)| {
        let e = org.entity(id);
        Entity {
            id: &e.id,
            name: org.name_on(id, day),
            kind: org.kind_on(id, day).as_str(),
            description: e.description.as_deref(),
            other_names: &e.more().other_names,
            identifiers: &e.more().identifiers,
            parent: view
                .tree
                .parent(id)
                .map(|p| org.entity(p).id.value.as_str()),
            children: view
                .tree
                .children(id)
                .map(|c| org.entity(c).id.value.as_str())
                .collect(),
            parents: e
                .parent
                .as_ref()
                .map(Dated::periods)
                .filter(|p| !p.is_empty()),
            names: Some(e.name.periods()).filter(|p| !p.is_empty()),
            kinds: Some(e.kind.periods()).filter(|p| !p.is_empty()),
            lifted: view.tree.is_lifted(id),
            depth: view.tree.depth(id),
            founded: date(&e.founded),
            dissolved: date(&e.dissolved),
            attributes: &e.more().attributes,
            notes: notes(&e.more().notes),
            sources: ids(&e.sources),
            competing: competing(&e.more().competing),
            exists: org.exists_at(id, day),
            effective_owners: effective(org, &cache, id, day),
            headcount: heads.of(id).into(),
        }
    });

    let whole_model = view.whole;
    let events: Vec<&crate::model::Event> = org
        .events_by_date()
        .filter(|e| whole_model || e.entities.iter().any(shown))
        .collect();

    let document = Document {
        format: "orgtree",
        version: VERSION,
        title: &m.title,
        description: m.description.as_deref(),
        as_of: Some(day.to_string()),
        sources: stream(m.sources.iter().map(|s| Source {
            id: &s.id,
            publisher: &s.publisher,
            title: &s.title,
            date: date(&s.date),
            url: s.url.as_deref(),
            note: s.note.as_deref(),
        })),
        entities: stream(entities),
        people: stream(m.people.iter().map(|p| Person {
            id: &p.id,
            name: &p.name,
            description: p.description.as_deref(),
            other_names: &p.other_names,
            identifiers: &p.identifiers,
            notes: notes(&p.notes),
            sources: ids(&p.sources),
        })),
        stakes: stream(
            org.stakes()
                .filter(|s| view.has_end(s.owner_entity()) || view.has_end(s.owned))
                .map(|stake| {
                    let s = stake.stake;
                    Stake {
                        owner: &s.owner,
                        owner_kind: stake.owner.map_or("entity", owners::holder_kind),
                        owned: &s.owned,
                        share: s.share.as_ref().map(|sh| json_share(&sh.value)),
                        interest: s.interest.as_str(),
                        indirect: s.indirect,
                        amount: s.amount,
                        currency: s.currency.as_deref(),
                        on_behalf_of: s.on_behalf_of.as_ref().map(|b| b.value.as_str()),
                        start: date(&s.start),
                        end: date(&s.end),
                        in_force: org.stake_in_force(&stake, day),
                        notes: notes(&s.notes),
                        sources: ids(&s.sources),
                        competing: competing(&s.competing),
                    }
                }),
        ),
        roles: stream(org.roles().filter(|r| view.has_end(r.entity)).map(|role| {
            let r = role.role;
            Role {
                person: r.person.as_ref().map(|p| p.value.as_str()),
                person_name: role.person.map(|p| org.person(p).name.as_str()),
                entity: &r.entity,
                title: &r.title,
                start: date(&r.start),
                end: date(&r.end),
                interim: r.interim,
                in_force: org.role_in_force(&role, day),
                notes: notes(&r.notes),
                sources: ids(&r.sources),
                competing: competing(&r.competing),
            }
        })),
        relations: stream(
            org.relations()
                .filter(|r| view.has_end(r.from) || view.has_end(r.to))
                .map(|r| r.relation)
                .map(|r| Relation {
                    kind: r.kind.as_str(),
                    from: &r.from,
                    to: &r.to,
                    description: r.description.as_deref(),
                    start: date(&r.start),
                    end: date(&r.end),
                    notes: notes(&r.notes),
                    sources: ids(&r.sources),
                    competing: competing(&r.competing),
                }),
        ),
        events: stream(events.into_iter().map(|e| Event {
            date: e.date.value.to_string(),
            kind: e.kind.as_str(),
            description: &e.description,
            entities: ids(&e.entities),
            people: ids(&e.people),
            notes: notes(&e.notes),
            sources: ids(&e.sources),
            competing: competing(&e.competing),
        })),
    };
    let mut serializer = serde_json::Serializer::with_formatter(
        &mut *out,
        SafeFormatter(serde_json::ser::PrettyFormatter::new()),
    );
    document
        .serialize(&mut serializer)
        .map_err(io::Error::from)?;
    writeln!(out)
}
