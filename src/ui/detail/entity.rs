//! An entity in the detail pane: what it is, what changed, its leaders, its owners (drawn by
//! `owners`), holdings, units, relations, events, notes, competing values and attributes.

use ratatui::style::{Modifier, Style};

use crate::app::App;
use crate::history::{self, StakeChange};
use crate::model::{Ref, Stake};
use crate::org::EntityId;
use crate::words;

use super::super::style;
use super::super::text::safe;
use super::{Builder, also_reported, share_text};

/// Writes an entity's view; returns the link number of its first owner, if any.
pub(super) fn entity<'a>(app: &'a App, id: EntityId, b: &mut Builder<'a>) -> Option<usize> {
    let org = &app.org;
    let e = org.entity(id);
    let day = Some(app.as_of);
    let when = format!("at {}", app.as_of);

    b.styled(
        safe(&e.name),
        Style::new()
            .fg(style::kind_color(&e.kind))
            .add_modifier(Modifier::BOLD),
    )
    .cite(&e.sources)
    .end();
    b.styled(
        format!("{} · id {}", words::entity_kind(&e.kind), safe(&e.id)),
        style::dim(),
    );
    if let Some(d) = &e.founded {
        b.styled(format!(" · founded {}", d.value), style::dim());
    }
    if let Some(d) = &e.dissolved {
        b.styled(format!(" · dissolved {}", d.value), style::dim());
    }
    if let Some(parent) = org.parent(id) {
        b.styled(" · part of ", style::dim()).entity(parent);
    }
    b.end();
    if !org.exists_at(id, day) {
        b.styled(format!("Did not exist on {}.", app.as_of), style::dim())
            .end();
    }
    if let Some(description) = &e.description {
        b.prose("", description, Style::new()).end();
    }
    if !e.other_names.is_empty() {
        let names: Vec<String> = e.other_names.iter().map(|n| safe(n)).collect();
        b.text(format!("Also known as: {}", names.join(", "))).end();
    }

    changes(app, id, b);
    leaders(app, id, &when, b);
    let first_owner = super::owners::owners(app, id, &when, b);
    super::owners::effective(app, id, &when, b);
    holdings(app, id, b);

    let units: Vec<EntityId> = org.children(id).collect();
    if !units.is_empty() {
        b.heading(format!("Units ({})", units.len()));
        for u in units {
            b.text("  ").entity(u);
            if !org.exists_at(u, day) {
                b.styled(" (not at this date)", style::dim());
            }
            b.end();
        }
    }

    let relations: Vec<_> = org.relations_of(id).collect();
    if !relations.is_empty() {
        b.heading("Relations");
        for r in relations {
            let forward = org.find_entity(&r.from) == Some(id);
            let (verb, other) = if forward {
                (words::relation(&r.kind), &r.to)
            } else {
                (words::relation_backward(&r.kind), &r.from)
            };
            let in_force = org.relation_in_force(r, Some(app.as_of));
            let look = if in_force { Style::new() } else { style::dim() };
            b.styled(format!("  {verb} "), look).entity_ref(other);
            let period = r.period().to_string();
            if !period.is_empty() {
                b.styled(format!(" ({period})"), look);
            }
            if let Some(d) = &r.description {
                b.styled(format!(" — {}", safe(d)), look);
            }
            b.cite(&r.sources).end();
            b.notes(&r.notes, style::dim());
        }
    }

    let events: Vec<_> = org.events_of(id).collect();
    if !events.is_empty() {
        b.heading("Events");
        for ev in events {
            let future = ev.date.first_day() > app.as_of;
            let look = if future { style::dim() } else { Style::new() };
            b.styled(
                format!("  {:<10} ", ev.date.value.to_string()),
                style::dim(),
            )
            .styled(safe(&ev.description), look);
            let others: Vec<&Ref> = ev
                .entities
                .iter()
                .filter(|r| org.find_entity(r) != Some(id))
                .collect();
            for (i, r) in others.iter().enumerate() {
                b.styled(if i == 0 { " (with " } else { ", " }, style::dim())
                    .entity_ref(r);
            }
            for (i, r) in ev.people.iter().enumerate() {
                let open = if i == 0 && others.is_empty() {
                    " (with "
                } else {
                    ", "
                };
                b.styled(open, style::dim()).person_ref(r);
            }
            if !others.is_empty() || !ev.people.is_empty() {
                b.styled(")", style::dim());
            }
            b.cite(&ev.sources).end_hanging(13);
        }
    }

    if !e.notes.is_empty() {
        b.heading("Notes");
        b.notes(&e.notes, Style::new());
    }

    if !e.competing.is_empty() {
        b.heading("Competing values");
        for comp in &e.competing {
            b.prose(
                &format!("  {}: ", safe(&comp.field)),
                &comp.value,
                Style::new(),
            )
            .cite(&comp.sources);
            if let Some(note) = &comp.note {
                b.styled(format!(" — {}", safe(note)), style::dim());
            }
            b.end();
        }
    }

    if !e.attributes.is_empty() {
        b.heading("Attributes");
        for (key, value) in &e.attributes {
            b.prose(&format!("  {}: ", safe(key)), value, Style::new())
                .end();
        }
    }
    first_owner
}

/// What changed for this entity since the previous event date.
fn changes(app: &App, id: EntityId, b: &mut Builder<'_>) {
    let (Some(since), true) = (
        app.since,
        app.changed.get(id.0 as usize).copied().unwrap_or(false),
    ) else {
        return;
    };
    let org = &app.org;
    let c = history::changes(org, since, app.as_of);
    let this = |r: &str| org.find_entity(r) == Some(id);
    b.heading(format!("* Changed since {since}"));
    if c.appeared.contains(&id) {
        b.text("  came into being").end();
    }
    if c.gone.contains(&id) {
        b.text("  ceased to exist").end();
    }
    // Changes in its capital name the owner; changes in its holdings name what it holds.
    for change in c.stakes.iter() {
        let (owner, owned) = match change {
            StakeChange::Added(s) | StakeChange::Removed(s) => (&s.owner, &s.owned),
            StakeChange::Changed { after, .. } => (&after.owner, &after.owned),
        };
        let other = if this(owned) {
            owner
        } else if this(owner) {
            owned
        } else {
            continue;
        };
        let holds = if this(owned) { "" } else { "holds " };
        match change {
            StakeChange::Added(s) => {
                b.text(format!("  + {holds}"))
                    .entity_ref(other)
                    .text(format!(" {}", share_text(s)));
            }
            StakeChange::Removed(s) => {
                b.text(format!("  − {holds}"))
                    .entity_ref(other)
                    .text(format!(" {} no longer", share_text(s)));
            }
            StakeChange::Changed { before, after } => {
                b.text(format!("  ~ {holds}"))
                    .entity_ref(other)
                    .text(format!(" {} → {}", share_text(before), share_text(after)));
            }
        }
        b.end();
    }
    for r in c.roles_taken.iter().filter(|r| this(&r.entity)) {
        b.text(format!("  + {}: ", safe(&r.title)))
            .person_ref(&r.person)
            .end();
    }
    for r in c.roles_left.iter().filter(|r| this(&r.entity)) {
        b.text(format!("  − {}: ", safe(&r.title)))
            .person_ref(&r.person)
            .text(" left")
            .end();
    }
    for ev in c
        .events
        .iter()
        .filter(|e| e.entities.iter().any(|r| this(r)))
    {
        b.styled(
            format!("  {:<10} ", ev.date.value.to_string()),
            style::dim(),
        )
        .text(safe(&ev.description))
        .end_hanging(13);
    }
}

fn leaders<'a>(app: &'a App, id: EntityId, when: &str, b: &mut Builder<'a>) {
    let org = &app.org;
    let roles: Vec<_> = org.roles_in(id).collect();
    if roles.is_empty() {
        return;
    }
    let (current, other): (Vec<_>, Vec<_>) = roles
        .into_iter()
        .partition(|r| org.role_in_force(r, Some(app.as_of)));
    for (title, list, look) in [
        (format!("Leaders {when}"), current, Style::new()),
        ("Leaders at other dates".to_owned(), other, style::dim()),
    ] {
        if list.is_empty() {
            continue;
        }
        b.heading(title);
        for r in list {
            b.styled(format!("  {} — ", safe(&r.title)), look)
                .person_ref(&r.person);
            if r.interim {
                b.styled(" (interim)", look);
            }
            let period = r.period().to_string();
            if !period.is_empty() {
                b.styled(format!(", {period}"), look);
            }
            b.cite(&r.sources);
            also_reported(b, &r.competing, "title");
            b.end();
            b.notes(&r.notes, style::dim());
        }
    }
}

fn holdings<'a>(app: &'a App, id: EntityId, b: &mut Builder<'a>) {
    let org = &app.org;
    let held: Vec<&Stake> = org.stakes_held(id).collect();
    let (current, other): (Vec<_>, Vec<_>) = held
        .into_iter()
        .partition(|s| org.stake_in_force(s, Some(app.as_of)));
    for (title, list, look) in [
        (format!("Holds at {}", app.as_of), current, Style::new()),
        ("Holdings at other dates".to_owned(), other, style::dim()),
    ] {
        if list.is_empty() {
            continue;
        }
        b.heading(title);
        for s in list {
            b.text("  ")
                .entity_ref(&s.owned)
                .styled(format!(" {}", share_text(s)), look);
            if let Some(behalf) = &s.on_behalf_of {
                b.styled(" for ", look).entity_ref(behalf);
            }
            let period = s.period().to_string();
            if !period.is_empty() {
                b.styled(format!(" ({period})"), look);
            }
            b.cite(&s.sources).end();
        }
    }
    let held_for: Vec<&Stake> = org.stakes_held_for(id).collect();
    if !held_for.is_empty() {
        b.heading("Held on its behalf");
        for s in held_for {
            let look = if org.stake_in_force(s, Some(app.as_of)) {
                Style::new()
            } else {
                style::dim()
            };
            b.text("  ")
                .entity_ref(&s.owned)
                .styled(format!(" {}, held by ", share_text(s)), look)
                .entity_ref(&s.owner);
            let period = s.period().to_string();
            if !period.is_empty() {
                b.styled(format!(" ({period})"), look);
            }
            b.cite(&s.sources).end();
        }
    }
}
