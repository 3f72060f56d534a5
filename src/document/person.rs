//! A person in the detail pane: their roles across the model, with dates, and their events.

use crate::org::PersonId;

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
            let r = view.role;
            b.styled(format!("  {} of ", safe(&r.title)), look)
                .entity_end(view.entity, &r.entity);
            if r.interim {
                b.styled(" (interim)", look);
            }
            let period = r.period().to_string();
            if !period.is_empty() {
                b.styled(format!(", {period}"), look);
            }
            b.cite(&r.sources).end();
            b.notes(&r.notes, Tone::Dim);
        }
    }
    let events: Vec<_> = org.events_of_person(id).collect();
    if !events.is_empty() {
        b.heading("Events");
        for ev in events {
            b.styled(format!("  {:<10} ", ev.date.value.to_string()), Tone::Dim)
                .text(safe(&ev.description));
            for (i, r) in ev.entities.iter().enumerate() {
                b.styled(if i == 0 { " (" } else { ", " }, Tone::Dim)
                    .entity_ref(r);
            }
            if !ev.entities.is_empty() {
                b.styled(")", Tone::Dim);
            }
            b.cite(&ev.sources).end_hanging(13);
        }
    }
    if !p.notes.is_empty() {
        b.heading("Notes");
        b.notes(&p.notes, Tone::Plain);
    }
}
