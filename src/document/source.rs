//! A source in the detail pane: what it is, and every fact of the model that cites it.

use crate::model::{Competing, Note, Ref};
use crate::org::SourceId;
use crate::words;

use super::lines;
use super::{Builder, Context, Tone, safe, share_text};

pub(super) fn source<'a>(cx: &Context<'a>, id: SourceId, b: &mut Builder<'a>) {
    let org = cx.org;
    let s = org.source(id);
    let m = &org.model;
    b.styled(safe(&s.publisher), Tone::Heading).end();
    b.text(format!("“{}”", safe(&s.title))).end();
    let mut facts = vec![format!("source {}", safe(&s.id))];
    if let Some(d) = &s.date {
        facts.push(d.value.to_string());
    }
    b.styled(facts.join(" · "), Tone::Dim).end();
    if let Some(note) = &s.note {
        b.prose("", note, Tone::Plain).end();
    }
    if let Some(url) = &s.url {
        b.url(url).end();
    }
    let cites = |refs: &[Ref]| refs.iter().any(|r| r.value == s.id.value);
    let notes_cite = |notes: &[Note]| notes.iter().any(|n| cites(&n.sources));
    let comp_cite = |c: &[Competing]| c.iter().any(|c| cites(&c.sources));

    b.heading("Cited for");
    let mut any = false;
    for (id, e) in org.entity_ids().zip(&m.entities) {
        if cites(&e.sources) || notes_cite(&e.more().notes) || comp_cite(&e.more().competing) {
            b.text("  ").entity(id).end();
            any = true;
        }
    }
    for view in org.stakes() {
        let st = view.stake;
        if cites(&st.sources) || notes_cite(&st.notes) || comp_cite(&st.competing) {
            b.text("  stake of ")
                .holder_end(view.owner, &st.owner)
                .text(" in ")
                .entity_end(view.owned, &st.owned)
                .text(format!(" {}", share_text(st)))
                .end();
            any = true;
        }
    }
    for view in org.roles() {
        let r = view.role;
        if cites(&r.sources) || notes_cite(&r.notes) || comp_cite(&r.competing) {
            b.text("  ")
                .role_holder(&view)
                .text(format!(", {} of ", safe(&r.title)))
                .entity_end(view.entity, &r.entity)
                .end();
            any = true;
        }
    }
    for p in &m.people {
        if cites(&p.sources) || notes_cite(&p.notes) {
            b.text("  ").person_ref(&p.id).end();
            any = true;
        }
    }
    for view in org.relations() {
        let r = view.relation;
        if cites(&r.sources) || notes_cite(&r.notes) || comp_cite(&r.competing) {
            b.text("  ")
                .entity_end(view.from, &r.from)
                .text(format!(" {} ", words::relation(&r.kind)))
                .entity_end(view.to, &r.to)
                .end();
            any = true;
        }
    }
    let events = org
        .events_by_date()
        .filter(|e| cites(&e.sources) || notes_cite(&e.notes) || comp_cite(&e.competing));
    for ev in events {
        let first: Vec<&Ref> = ev.entities.first().into_iter().collect();
        lines::event(b, ev, Tone::Plain, &first, &[], false);
        any = true;
    }
    if !any {
        b.styled("  nothing in the model cites it", Tone::Dim).end();
    }
}
