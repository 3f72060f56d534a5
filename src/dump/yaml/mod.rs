//! `--format yaml`: the model written back as a model file. Loading it gives the same model;
//! a narrowed view (root, depth, date, filter) keeps the facts whose entities are all in view,
//! so the result loads on its own. Strings with invisible or format characters are written
//! with escapes (see `escaped`).

use std::io::{self, Write};

use crate::model::{Model, Ref};
use crate::org::{Holder, Org};

use super::DumpOptions;
use super::view::View;

mod escaped;

/// The part of the model in view, with no reference left pointing outside it.
fn narrowed(org: &Org, view: &View) -> Model {
    let m = &org.model;
    let has = |r: &Ref| view.has(org, r);
    let entities = view
        .order
        .iter()
        .map(|&(id, _)| {
            let mut e = org.entity(id).clone();
            if e.parent.as_ref().is_some_and(|p| !has(p)) {
                e.parent = None;
            }
            e
        })
        .collect();
    // People are all written, so a person's stake is kept with the entity it is in.
    let in_view = |h: Option<Holder>| match h {
        Some(Holder::Person(_)) => true,
        other => view.has_end(other.and_then(Holder::entity)),
    };
    let stakes = org
        .stakes()
        .filter(|s| in_view(s.owner) && view.has_end(s.owned))
        .map(|s| {
            let mut stake = s.stake.clone();
            if stake.on_behalf_of.is_some() && !in_view(s.on_behalf_of) {
                stake.on_behalf_of = None;
            }
            stake
        })
        .collect();
    let events = m
        .events
        .iter()
        .filter(|e| e.entities.iter().any(has))
        .cloned()
        .map(|mut e| {
            e.entities.retain(has);
            e
        })
        .collect();
    Model {
        title: m.title.clone(),
        description: m.description.clone(),
        as_of: m.as_of.clone(),
        sources: m.sources.clone(),
        entities,
        people: m.people.clone(),
        stakes,
        roles: org
            .roles()
            .filter(|r| view.has_end(r.entity))
            .map(|r| r.role.clone())
            .collect(),
        relations: org
            .relations()
            .filter(|r| view.has_end(r.from) && view.has_end(r.to))
            .map(|r| r.relation.clone())
            .collect(),
        events,
    }
}

pub fn write(org: &Org, options: &DumpOptions, out: &mut impl Write) -> io::Result<()> {
    let view = View::new(org, options);
    let model = if view.whole {
        org.model.clone()
    } else {
        narrowed(org, &view)
    };
    let text = escaped::to_string(&model).map_err(io::Error::other)?;
    writeln!(
        out,
        "# An orgtree model (see docs/model.md), written by orgtree --dump --format yaml."
    )?;
    out.write_all(text.as_bytes())
}
