//! A person in the detail pane: their identifiers, roles and stakes across the model, with
//! dates, and their events.

use crate::model::Ref;
use crate::org::{Holder, PersonId};

use super::lines::{self, Named};
use super::{Builder, Context, Tone, safe};

pub(super) fn person<'a>(cx: &Context<'a>, id: PersonId, b: &mut Builder<'a>) {
    let org = cx.org;
    let p = org.person(id);
    b.styled(safe(&p.name), Tone::Heading)
        .cite(&p.sources)
        .end();
    b.styled("person", Tone::Dim).end();
    if let Some(d) = &p.description {
        b.prose("", d, Tone::Plain).end();
    }
    if !p.other_names.is_empty() {
        let names: Vec<String> = p.other_names.iter().map(|n| safe(n)).collect();
        b.text(format!("Also known as: {}", names.join(", "))).end();
    }
    b.identifiers(&p.identifiers);
    let mut roles: Vec<_> = org.roles_of(id).collect();
    roles.sort_by_key(|r| r.role.start.as_ref().map(|d| d.value));
    if !roles.is_empty() {
        b.heading("Roles");
        for view in roles {
            let look = if org.role_in_force(&view, cx.day) {
                Tone::Plain
            } else {
                Tone::Dim
            };
            lines::role(b, &view, Named::Entity, look);
        }
    }
    let stakes: Vec<_> = org.stakes_of_person(id).collect();
    if !stakes.is_empty() {
        b.heading("Stakes");
        for view in stakes {
            let look = if org.stake_in_force(&view, cx.day) {
                Tone::Plain
            } else {
                Tone::Dim
            };
            lines::holding(b, &view, Holder::Person(id), look);
        }
    }
    let events: Vec<_> = org.events_of_person(id).collect();
    if !events.is_empty() {
        b.heading("Events");
        for ev in events {
            let entities: Vec<&Ref> = ev.entities.iter().collect();
            lines::event(b, ev, Tone::Plain, &entities, &[], true);
        }
    }
    if !p.notes.is_empty() {
        b.heading("Notes");
        b.notes(&p.notes, Tone::Plain);
    }
}
