//! An entity in the detail pane: what it is, what changed, its leaders, its owners (drawn by
//! `owners`), holdings, units, relations, events, notes, competing values and attributes.

use crate::history::{self, StakeChange};
use crate::model::Ref;
use crate::org::{EntityId, Holder};
use crate::words;

use super::lines::{self, Named};
use super::{Builder, Context, Family, Tone, safe, share_text};

/// Writes an entity's view; returns the link number of its first owner, if any.
pub(super) fn entity<'a>(cx: &Context<'a>, id: EntityId, b: &mut Builder<'a>) -> Option<usize> {
    let org = cx.org;
    let e = org.entity(id);
    let day = cx.day;
    let when = format!("at {}", cx.day);

    b.styled(safe(&e.name), Tone::Name(Family::of(&e.kind)))
        .cite(&e.sources)
        .end();
    b.styled(
        format!("{} · id {}", words::entity_kind(&e.kind), safe(&e.id)),
        Tone::Dim,
    );
    if let Some(d) = &e.founded {
        b.styled(format!(" · founded {}", d.value), Tone::Dim);
    }
    if let Some(d) = &e.dissolved {
        b.styled(format!(" · dissolved {}", d.value), Tone::Dim);
    }
    if let Some(parent) = org.parent(id) {
        b.styled(" · part of ", Tone::Dim).entity(parent);
    }
    b.end();
    if !org.exists_at(id, day) {
        b.styled(format!("Did not exist on {}.", cx.day), Tone::Dim)
            .end();
    }
    if let Some(description) = &e.description {
        b.prose("", description, Tone::Plain).end();
    }
    if !e.other_names.is_empty() {
        let names: Vec<String> = e.other_names.iter().map(|n| safe(n)).collect();
        b.text(format!("Also known as: {}", names.join(", "))).end();
    }
    b.identifiers(&e.identifiers);

    changes(cx, id, b);
    leaders(cx, id, &when, b);
    let first_owner = super::owners::owners(cx, id, &when, b);
    super::owners::effective(cx, id, &when, b);
    holdings(cx, id, b);

    let units: Vec<EntityId> = org.children(id).collect();
    if !units.is_empty() {
        b.heading(format!("Units ({})", units.len()));
        for u in units {
            b.text("  ").entity(u);
            if !org.exists_at(u, day) {
                b.styled(" (not at this date)", Tone::Dim);
            }
            b.end();
        }
    }

    let relations: Vec<_> = org.relations_of(id).collect();
    if !relations.is_empty() {
        b.heading("Relations");
        for view in relations {
            let in_force = org.relation_in_force(&view, cx.day);
            let r = view.relation;
            let (verb, other, written) = if view.from == Some(id) {
                (words::relation(&r.kind), view.to, &r.to)
            } else {
                (words::relation_backward(&r.kind), view.from, &r.from)
            };
            let look = if in_force { Tone::Plain } else { Tone::Dim };
            b.styled(format!("  {verb} "), look)
                .entity_end(other, written);
            let period = r.period().to_string();
            if !period.is_empty() {
                b.styled(format!(" ({period})"), look);
            }
            if let Some(d) = &r.description {
                b.styled(format!(" — {}", safe(d)), look);
            }
            b.cite(&r.sources).end();
            b.notes(&r.notes, Tone::Dim);
        }
    }

    let events: Vec<_> = org.events_of(id).collect();
    if !events.is_empty() {
        b.heading("Events");
        for ev in events {
            let future = ev.date.first_day() > cx.day;
            let look = if future { Tone::Dim } else { Tone::Plain };
            let others: Vec<&Ref> = ev
                .entities
                .iter()
                .filter(|r| org.find_entity(r) != Some(id))
                .collect();
            lines::event(b, ev, look, &others, &ev.people, true);
        }
    }

    if !e.notes.is_empty() {
        b.heading("Notes");
        b.notes(&e.notes, Tone::Plain);
    }

    if !e.competing.is_empty() {
        b.heading("Competing values");
        for comp in &e.competing {
            b.prose(
                &format!("  {}: ", safe(&comp.field)),
                &comp.value,
                Tone::Plain,
            )
            .cite(&comp.sources);
            if let Some(note) = &comp.note {
                b.styled(format!(" — {}", safe(note)), Tone::Dim);
            }
            b.end();
        }
    }

    if !e.attributes.is_empty() {
        b.heading("Attributes");
        for (key, value) in &e.attributes {
            b.prose(&format!("  {}: ", safe(key)), value, Tone::Plain)
                .end();
        }
    }
    first_owner
}

/// What changed for this entity since the previous event date.
fn changes<'a>(cx: &Context<'a>, id: EntityId, b: &mut Builder<'a>) {
    let (Some(since), true) = (cx.since, cx.changed) else {
        return;
    };
    let org = cx.org;
    let c = history::changes(org, since, cx.day);
    let this = |end: Option<EntityId>| end == Some(id);
    b.heading(format!("* Changed since {since}"));
    if c.appeared.contains(&id) {
        b.text("  came into being").end();
    }
    if c.gone.contains(&id) {
        b.text("  ceased to exist").end();
    }
    // Changes in its capital name the owner; changes in its holdings name what it holds.
    for change in c.stakes.iter() {
        let s = change.stake();
        let (other, written) = if this(s.owned) {
            (s.owner, &s.stake.owner)
        } else if this(s.owner_entity()) {
            (s.owned.map(Holder::Entity), &s.stake.owned)
        } else {
            continue;
        };
        let holds = if this(s.owned) { "" } else { "holds " };
        match change {
            StakeChange::Added(s) => {
                b.text(format!("  + {holds}"))
                    .holder_end(other, written)
                    .text(format!(" {}", share_text(s.stake)));
            }
            StakeChange::Removed(s) => {
                b.text(format!("  − {holds}"))
                    .holder_end(other, written)
                    .text(format!(" {} no longer", share_text(s.stake)));
            }
            StakeChange::Changed { before, after } => {
                b.text(format!("  ~ {holds}"))
                    .holder_end(other, written)
                    .text(format!(
                        " {} → {}",
                        share_text(before.stake),
                        share_text(after.stake)
                    ));
            }
        }
        b.end();
    }
    for r in c.roles_taken.iter().filter(|r| this(r.entity)) {
        b.text(format!("  + {}: ", safe(&r.role.title)))
            .role_holder(r)
            .end();
    }
    for r in c.roles_left.iter().filter(|r| this(r.entity)) {
        b.text(format!("  − {}: ", safe(&r.role.title)))
            .role_holder(r)
            .text(" left")
            .end();
    }
    for ev in c
        .events
        .iter()
        .filter(|e| e.entities.iter().any(|r| this(org.find_entity(r))))
    {
        lines::event(b, ev, Tone::Plain, &[], &[], false);
    }
}

fn leaders<'a>(cx: &Context<'a>, id: EntityId, when: &str, b: &mut Builder<'a>) {
    let org = cx.org;
    let roles: Vec<_> = org.roles_in(id).collect();
    if roles.is_empty() {
        return;
    }
    let (current, other): (Vec<_>, Vec<_>) = roles
        .into_iter()
        .partition(|r| org.role_in_force(r, cx.day));
    for (title, list, look) in [
        (format!("Leaders {when}"), current, Tone::Plain),
        ("Leaders at other dates".to_owned(), other, Tone::Dim),
    ] {
        if list.is_empty() {
            continue;
        }
        b.heading(title);
        for view in list {
            lines::role(b, &view, Named::Person, look);
        }
    }
}

fn holdings<'a>(cx: &Context<'a>, id: EntityId, b: &mut Builder<'a>) {
    let org = cx.org;
    let held: Vec<_> = org.stakes_held(id).collect();
    let (current, other): (Vec<_>, Vec<_>) = held
        .into_iter()
        .partition(|s| org.stake_in_force(s, cx.day));
    for (title, list, look) in [
        (format!("Holds at {}", cx.day), current, Tone::Plain),
        ("Holdings at other dates".to_owned(), other, Tone::Dim),
    ] {
        if list.is_empty() {
            continue;
        }
        b.heading(title);
        for view in list {
            lines::holding(b, &view, Holder::Entity(id), look);
        }
    }
    let held_for: Vec<_> = org.stakes_held_for(id).collect();
    if !held_for.is_empty() {
        b.heading("Held on its behalf");
        for view in held_for {
            let look = if org.stake_in_force(&view, cx.day) {
                Tone::Plain
            } else {
                Tone::Dim
            };
            let s = view.stake;
            b.text("  ")
                .entity_end(view.owned, &s.owned)
                .styled(format!(" {}, held by ", share_text(s)), look)
                .holder_end(view.owner, &s.owner);
            let period = s.period().to_string();
            if !period.is_empty() {
                b.styled(format!(" ({period})"), look);
            }
            b.cite(&s.sources).end();
        }
    }
}
