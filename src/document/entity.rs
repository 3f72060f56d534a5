//! An entity in the detail pane: what it is, what changed, its leaders, its owners (drawn by
//! `owners`), holdings, units, relations, events, notes, competing values and attributes.

use crate::history::{self, Reshaped, StakeChange};
use crate::model::Ref;
use crate::model::{Dated, Facet};
use crate::org::{EntityId, Holder, Placing};
use crate::words;

use super::lines::{self, Named};
use super::{Builder, Context, Family, Tone, safe, share_text};

/// Writes an entity's view; returns the link number of its first owner, if any.
pub(super) fn entity<'a>(cx: &Context<'a>, id: EntityId, b: &mut Builder<'a>) -> Option<usize> {
    let org = cx.org;
    let e = org.entity(id);
    let day = cx.day;
    let when = format!("at {}", cx.day);

    let kind = org.kind_on(id, day);
    b.styled(safe(org.name_on(id, day)), Tone::Name(Family::of(kind)))
        .cite(&e.sources)
        .end();
    b.styled(
        format!("{} · id {}", words::entity_kind(kind), safe(&e.id)),
        Tone::Dim,
    );
    if let Some(d) = &e.founded {
        b.styled(format!(" · founded {}", d.value), Tone::Dim);
    }
    if let Some(d) = &e.dissolved {
        b.styled(format!(" · dissolved {}", d.value), Tone::Dim);
    }
    let parent = org.parent_on(id, day);
    if let Some(parent) = parent {
        b.styled(" · part of ", Tone::Dim).entity(parent);
    }
    b.end();
    if let Some(parent) = parent.filter(|&p| !org.exists_at(p, day)) {
        // The tree shows it under the nearest ancestor that exists, or as a root.
        let shown = org.tree(day, Placing::UnderExisting).parent(id);
        b.styled("Its parent ", Tone::Dim)
            .entity(parent)
            .styled(format!(" did not exist on {day}; shown "), Tone::Dim);
        match shown {
            Some(above) => b.styled("under ", Tone::Dim).entity(above),
            None => b.styled("as a root", Tone::Dim),
        };
        b.styled(".", Tone::Dim).end();
    }
    if !org.exists_at(id, day) {
        b.styled(format!("Did not exist on {}.", cx.day), Tone::Dim)
            .end();
    }
    if let Some(description) = &e.description {
        b.prose("", description, Tone::Plain).end();
    }
    if !e.more().other_names.is_empty() {
        let names: Vec<String> = e.more().other_names.iter().map(|n| safe(n)).collect();
        b.text(format!("Also known as: {}", names.join(", "))).end();
    }
    b.identifiers(&e.more().identifiers);

    changes(cx, id, b);
    leaders(cx, id, &when, b);
    let first_owner = super::owners::owners(cx, id, &when, b);
    super::owners::effective(cx, id, &when, b);
    holdings(cx, id, b);

    places(cx, id, b);
    names(cx, id, b);

    headcount(cx, b);

    let units: Vec<EntityId> = org.tree(day, Placing::AsWritten).children(id).collect();
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
            b.cite(&r.sources);
            super::also_reported(b, &r.competing, "kind");
            b.end();
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

    if !e.more().notes.is_empty() {
        b.heading("Notes");
        b.notes(&e.more().notes, Tone::Plain);
    }

    if !e.more().competing.is_empty() {
        b.heading("Competing values");
        for comp in &e.more().competing {
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

    if !e.more().attributes.is_empty() {
        b.heading("Attributes");
        for (key, value) in &e.more().attributes {
            b.prose(&format!("  {}: ", safe(key)), value, Tone::Plain)
                .end();
        }
    }
    first_owner
}

/// What changed for this entity since the previous event date.
/// People and units under the entity, and its direct reports, when it has a subtree.
fn headcount(cx: &Context<'_>, b: &mut Builder<'_>) {
    let Some(c) = cx.headcount.filter(crate::headcount::Counts::has_subtree) else {
        return;
    };
    b.heading("Headcount");
    let pair = |direct: u32, total: u32, noun: &str| {
        format!(
            "  {} direct, {total} in all",
            words::count(direct as usize, noun)
        )
    };
    b.text(pair(c.people_direct, c.people_total, "person"))
        .end();
    b.text(pair(c.units_direct, c.units_total, "unit")).end();
    b.text(format!(
        "  span of control: {}",
        words::count(c.span as usize, "direct report")
    ))
    .end();
}

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
    for r in c.reshaped.iter().filter(|r| r.entity() == id) {
        match *r {
            Reshaped::Moved { from, to, .. } => {
                b.text("  moved from ");
                match from {
                    Some(p) => b.entity(p),
                    None => b.text("the top level"),
                };
                b.text(" to ");
                match to {
                    Some(p) => b.entity(p),
                    None => b.text("the top level"),
                };
            }
            Reshaped::Renamed { .. } => {
                b.text(format!("  renamed from {}", safe(org.name_on(id, since))));
            }
            Reshaped::Rekinded { .. } => {
                b.text(format!(
                    "  became a {} (was a {})",
                    words::entity_kind(org.kind_on(id, cx.day)),
                    words::entity_kind(org.kind_on(id, since))
                ));
            }
        }
        b.end();
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

/// Where the entity sat over time, when its parent changes: "part of Google until 2015-10-01,
/// then of Alphabet", each period with its sources.
fn places<'a>(cx: &Context<'a>, id: EntityId, b: &mut Builder<'a>) {
    let org = cx.org;
    let Some(Dated::Periods(spans)) = &org.entity(id).parent else {
        return;
    };
    b.heading("Place in the structure over time");
    for span in by_start(spans) {
        let in_force = span.period().contains(cx.day);
        let look = if in_force { Tone::Plain } else { Tone::Dim };
        b.styled("  part of ", look).entity_ref(&span.value.value);
        b.styled(format!(" {}", words::period(span.period())), look)
            .cite(&span.sources)
            .end();
    }
}

/// Its names and kinds over time, when they change: what it was called before, and what it was.
fn names<'a>(cx: &Context<'a>, id: EntityId, b: &mut Builder<'a>) {
    let e = cx.org.entity(id);
    over_time(cx, b, "Names over time", &e.name, |name| safe(name));
    over_time(cx, b, "Kind over time", &e.kind, words::entity_kind);
}

/// A heading and one line per period of `dated`, when it changes over time; the period in
/// force at the document's date plain, the others dim.
fn over_time<'a, F: Facet>(
    cx: &Context<'a>,
    b: &mut Builder<'a>,
    heading: &str,
    dated: &'a Dated<F>,
    show: impl Fn(&F::Value) -> String,
) {
    let Dated::Periods(spans) = dated else { return };
    b.heading(heading);
    for span in by_start(spans) {
        let look = if span.period().contains(cx.day) {
            Tone::Plain
        } else {
            Tone::Dim
        };
        b.styled(format!("  {}", show(&span.value.value)), look)
            .styled(format!(" {}", words::period(span.period())), look)
            .cite(&span.sources)
            .end();
    }
}

/// Periods in the order they start, the open-started first.
fn by_start<F: Facet>(spans: &[crate::model::Span<F>]) -> Vec<&crate::model::Span<F>> {
    let mut spans: Vec<_> = spans.iter().collect();
    spans.sort_by_key(|s| s.start.as_ref().map(|d| d.value.first_day()));
    spans
}
