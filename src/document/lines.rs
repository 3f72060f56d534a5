//! The lines the pages share, written once: a role with its period, citations and notes (on
//! an entity's page it names the person, on a person's the entity), and an event with its
//! date column and what else it concerns.

use super::{Builder, Tone, also_reported, safe};
use crate::model::{Event, Ref};
use crate::org::{Holder, RoleView, StakeView};

/// Which end of a role the line names.
pub(super) enum Named {
    /// `CEO — Didier Renard`, on the entity's page.
    Person,
    /// `CEO of Cloudwatt`, on the person's page.
    Entity,
}

/// `  CEO — Didier Renard (interim), 2013-… [1]; also reported: …`, then its notes.
pub(super) fn role<'a>(b: &mut Builder<'a>, view: &RoleView<'a>, named: Named, look: Tone) {
    let r = view.role;
    match named {
        Named::Person => b
            .styled(format!("  {} — ", safe(&r.title)), look)
            .role_holder(view),
        Named::Entity => b
            .styled(format!("  {} of ", safe(&r.title)), look)
            .entity_end(view.entity, &r.entity),
    };
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
    b.notes(&r.notes, Tone::Dim);
}

/// `  Google 51 % of votes for X (2004-…) [2]`, or `, held by Y` on the page of `this`, the
/// one the stake is held for: a holding as its holder's page lists it.
pub(super) fn holding<'a>(b: &mut Builder<'a>, view: &StakeView<'a>, this: Holder, look: Tone) {
    let s = view.stake;
    b.text("  ")
        .entity_end(view.owned, &s.owned)
        .styled(format!(" {}", super::share_text(s)), look);
    match &s.on_behalf_of {
        Some(_) if view.on_behalf_of == Some(this) => {
            b.styled(", held by ", look)
                .holder_end(view.owner, &s.owner);
        }
        Some(behalf) => {
            b.styled(" for ", look)
                .holder_end(view.on_behalf_of, behalf);
        }
        None => {}
    }
    let period = s.period().to_string();
    if !period.is_empty() {
        b.styled(format!(" ({period})"), look);
    }
    b.cite(&s.sources).end();
}

/// The date column of an event line: `  2015-03-16 `.
pub(super) fn event_date(b: &mut Builder<'_>, event: &Event) {
    b.styled(
        format!("  {:<10} ", event.date.value.to_string()),
        Tone::Dim,
    );
}

/// `  2015-03-16 Orange buys out… (with Cloudwatt, Didier Renard) [3]`: the date, the
/// description, the `entities` and `people` it also concerns, and its sources when `cite`.
pub(super) fn event<'a>(
    b: &mut Builder<'a>,
    event: &'a Event,
    look: Tone,
    entities: &[&Ref],
    people: &[Ref],
    cite: bool,
) {
    event_date(b, event);
    b.styled(safe(&event.description), look);
    let others = entities
        .iter()
        .map(|r| (true, *r))
        .chain(people.iter().map(|r| (false, r)));
    let mut any = false;
    for (i, (is_entity, r)) in others.enumerate() {
        b.styled(if i == 0 { " (with " } else { ", " }, Tone::Dim);
        if is_entity {
            b.entity_ref(r);
        } else {
            b.person_ref(r);
        }
        any = true;
    }
    if any {
        b.styled(")", Tone::Dim);
    }
    if cite {
        b.cite(&event.sources);
        also_reported(b, &event.competing, "description");
    }
    b.end_hanging(13);
}
