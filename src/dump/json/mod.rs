//! The resolved model as JSON, for scripts. Field names are stable and documented in
//! `docs/json.md`; strings are the model's own text, escaped by JSON itself. The document is
//! written as it is produced, one item at a time, never held whole; nothing in it grows with
//! an entity's depth.

use std::collections::BTreeMap;
use std::io::{self, Write};

use serde::Serialize;

use crate::model::{At, Competing, Day, Note, PartialDate, Ref, Share, share};
use crate::org::{EntityId, Org};
use crate::ownership;

use super::DumpOptions;
use super::view::View;

mod stream;

use stream::{SafeFormatter, stream};

/// Version of the JSON layout; bumped only when a field changes meaning or disappears.
/// Version 2 replaced each entity's `path` (as long as its depth, so a deep tree's document
/// grew with the square of its size) by its `depth`.
const VERSION: u32 = 2;

/// The steps and the time all the look-through computations of one dump may take together.
const OWNERSHIP_STEPS: usize = 300_000;
const OWNERSHIP_TIME: std::time::Duration = std::time::Duration::from_millis(500);

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

#[derive(Serialize)]
struct Source<'a> {
    id: &'a str,
    publisher: &'a str,
    title: &'a str,
    date: Option<String>,
    url: Option<&'a str>,
    note: Option<&'a str>,
}

#[derive(Serialize)]
struct Entity<'a> {
    id: &'a str,
    name: &'a str,
    kind: &'a str,
    description: Option<&'a str>,
    other_names: &'a [String],
    parent: Option<&'a str>,
    children: Vec<&'a str>,
    /// 0 for a root; with `parent`, the way up to the root.
    depth: usize,
    founded: Option<String>,
    dissolved: Option<String>,
    attributes: &'a BTreeMap<String, String>,
    notes: Vec<JsonNote<'a>>,
    sources: Vec<&'a str>,
    competing: Vec<JsonCompeting<'a>>,
    /// Whether the entity exists at `as_of`.
    exists: bool,
    /// Look-through ownership at `as_of`, when the entity has owners then.
    effective_owners: Option<Effective<'a>>,
}

#[derive(Serialize)]
struct Interest {
    /// Exact bounds as fractions; equal unless some share on the way is a range or unknown.
    low: String,
    high: String,
    low_percent: f64,
    high_percent: f64,
}

#[derive(Serialize)]
struct EffectiveOwner<'a> {
    id: &'a str,
    interest: Interest,
    /// The entities the interest came through last.
    via: Vec<&'a str>,
}

#[derive(Serialize)]
struct Effective<'a> {
    owners: Vec<EffectiveOwner<'a>>,
    /// The part held by no recorded stake.
    unrecorded: Interest,
    /// The part still circling through cross-holdings when the computation stopped.
    circling: Interest,
    unknown_shares: bool,
    /// Whether some fraction was rounded outward to keep the computation bounded.
    approximate: bool,
    /// Why the computation stopped early (`circling`, `work`, `time`), if it did.
    stopped: Option<&'static str>,
    /// Majority holders, from the entity's up.
    control: Vec<&'a str>,
    /// Whether the chain stops at a share that may or may not be a majority.
    control_undetermined: bool,
    /// Whether the chain goes on past the holders listed.
    control_cut: bool,
}

fn interest(b: &ownership::Bounds) -> Interest {
    Interest {
        low: b.low.to_string(),
        high: b.high.to_string(),
        low_percent: ownership::percent_f64(&b.low),
        high_percent: ownership::percent_f64(&b.high),
    }
}

fn effective<'a>(
    org: &'a Org,
    cache: &ownership::Cache,
    id: EntityId,
    day: Day,
) -> Option<Effective<'a>> {
    org.owners_at(id, day).next()?;
    let e = cache.effective(org, id, day);
    let control = ownership::control_chain(org, id, day);
    let id_of = |e: EntityId| org.entity(e).id.value.as_str();
    Some(Effective {
        owners: e
            .owners
            .iter()
            .map(|o| EffectiveOwner {
                id: id_of(o.id),
                interest: interest(&o.interest),
                via: o.via.iter().map(|&v| id_of(v)).collect(),
            })
            .collect(),
        unrecorded: interest(&e.unrecorded),
        circling: interest(&e.circling),
        unknown_shares: e.unknown_shares,
        approximate: e.approximate,
        stopped: e.stopped.map(ownership::Stop::as_str),
        control: control.chain.into_iter().map(id_of).collect(),
        control_undetermined: control.undetermined,
        control_cut: control.cut,
    })
}

#[derive(Serialize)]
struct Person<'a> {
    id: &'a str,
    name: &'a str,
    description: Option<&'a str>,
    other_names: &'a [String],
    notes: Vec<JsonNote<'a>>,
    sources: Vec<&'a str>,
}

#[derive(Serialize)]
struct JsonShare {
    /// As the model writes it: `4/9`, `47%`, `20%..25%`.
    text: String,
    /// Exact bounds as fractions (`4/9`); equal unless the share is a range.
    low: String,
    high: String,
    low_percent: f64,
    high_percent: f64,
}

#[derive(Serialize)]
struct Stake<'a> {
    owner: &'a str,
    owned: &'a str,
    share: Option<JsonShare>,
    amount: Option<f64>,
    currency: Option<&'a str>,
    on_behalf_of: Option<&'a str>,
    start: Option<String>,
    end: Option<String>,
    /// Whether the stake holds at the model's `as_of` date (or has no end, without one).
    in_force: bool,
    notes: Vec<JsonNote<'a>>,
    sources: Vec<&'a str>,
    competing: Vec<JsonCompeting<'a>>,
}

#[derive(Serialize)]
struct Role<'a> {
    person: &'a str,
    person_name: Option<&'a str>,
    entity: &'a str,
    title: &'a str,
    start: Option<String>,
    end: Option<String>,
    interim: bool,
    in_force: bool,
    notes: Vec<JsonNote<'a>>,
    sources: Vec<&'a str>,
    competing: Vec<JsonCompeting<'a>>,
}

#[derive(Serialize)]
struct Relation<'a> {
    kind: &'a str,
    from: &'a str,
    to: &'a str,
    description: Option<&'a str>,
    start: Option<String>,
    end: Option<String>,
    notes: Vec<JsonNote<'a>>,
    sources: Vec<&'a str>,
    competing: Vec<JsonCompeting<'a>>,
}

#[derive(Serialize)]
struct Event<'a> {
    date: String,
    kind: &'a str,
    description: &'a str,
    entities: Vec<&'a str>,
    people: Vec<&'a str>,
    notes: Vec<JsonNote<'a>>,
    sources: Vec<&'a str>,
    competing: Vec<JsonCompeting<'a>>,
}

#[derive(Serialize)]
struct JsonNote<'a> {
    text: &'a str,
    sources: Vec<&'a str>,
}

#[derive(Serialize)]
struct JsonCompeting<'a> {
    field: &'a str,
    value: &'a str,
    sources: Vec<&'a str>,
    note: Option<&'a str>,
}

fn ids(refs: &[Ref]) -> Vec<&str> {
    refs.iter().map(|r| r.value.as_str()).collect()
}

fn date(d: &Option<At<PartialDate>>) -> Option<String> {
    d.as_ref().map(|d| d.value.to_string())
}

fn notes(notes: &[Note]) -> Vec<JsonNote<'_>> {
    notes
        .iter()
        .map(|n| JsonNote {
            text: &n.text,
            sources: ids(&n.sources),
        })
        .collect()
}

fn competing(competing: &[Competing]) -> Vec<JsonCompeting<'_>> {
    competing
        .iter()
        .map(|c| JsonCompeting {
            field: &c.field.value,
            value: &c.value.value,
            sources: ids(&c.sources),
            note: c.note.as_deref(),
        })
        .collect()
}

fn json_share(s: &Share) -> JsonShare {
    let fraction = |f: share::Fraction| format!("{}/{}", f.numer(), f.denom());
    let percent = |f: share::Fraction| *f.numer() as f64 * 100.0 / *f.denom() as f64;
    JsonShare {
        text: s.source_text(),
        low: fraction(s.low()),
        high: fraction(s.high()),
        low_percent: percent(s.low()),
        high_percent: percent(s.high()),
    }
}

pub fn write(org: &Org, options: &DumpOptions, out: &mut impl Write) -> io::Result<()> {
    let m = &org.model;
    // The entities in view; facts are kept when they touch one of them.
    let view = View::new(org, options);
    let day = view.day;
    let shown = |r: &Ref| view.has(org, r);
    // Look-through answers for the entities in view, holders first so that each can stop at
    // the answers of those above it.
    let cache = ownership::Cache::shared(OWNERSHIP_STEPS, OWNERSHIP_TIME);
    cache.fill(org, day, view.order.iter().map(|&(id, _)| id));

    let entities = view.order.iter().map(|&(id, _)| {
        let e = org.entity(id);
        Entity {
            id: &e.id,
            name: &e.name,
            kind: e.kind.as_str(),
            description: e.description.as_deref(),
            other_names: &e.other_names,
            parent: e.parent.as_ref().map(|p| p.value.as_str()),
            children: org
                .children(id)
                .map(|c| org.entity(c).id.value.as_str())
                .collect(),
            depth: org.depth(id),
            founded: date(&e.founded),
            dissolved: date(&e.dissolved),
            attributes: &e.attributes,
            notes: notes(&e.notes),
            sources: ids(&e.sources),
            competing: competing(&e.competing),
            exists: org.exists_at(id, day),
            effective_owners: effective(org, &cache, id, day),
        }
    });

    let whole_model = view.whole;
    let mut events: Vec<&crate::model::Event> = m
        .events
        .iter()
        .filter(|e| whole_model || e.entities.iter().any(shown))
        .collect();
    events.sort_by_key(|e| e.date.value);

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
            notes: notes(&p.notes),
            sources: ids(&p.sources),
        })),
        stakes: stream(
            org.stakes()
                .filter(|s| view.has_end(s.owner) || view.has_end(s.owned))
                .map(|stake| {
                    let s = stake.stake;
                    Stake {
                        owner: &s.owner,
                        owned: &s.owned,
                        share: s.share.as_ref().map(|sh| json_share(&sh.value)),
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
                person: &r.person,
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
