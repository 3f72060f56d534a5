//! Periods that make sense: a start before its end, and facts inside the life of what they
//! are about.

use super::*;

/// An end before its start.
pub(super) fn periods(org: &Org, diagnostics: &mut Vec<Diagnostic>) {
    let m = &org.model;
    for e in &m.entities {
        reversed(
            &e.founded,
            &e.dissolved,
            ("founded", "dissolved"),
            diagnostics,
        );
    }
    for s in &m.stakes {
        reversed(&s.start, &s.end, ("start", "end"), diagnostics);
        if let Some(amount) = s.amount
            && !(amount.is_finite() && amount >= 0.0)
        {
            diagnostics.push(
                Diagnostic::error(
                    s.owner.pos,
                    format!("stake amount {amount} is not a positive number"),
                )
                .with_help("write the amount as a plain number, e.g. 75000000"),
            );
        }
    }
    for r in &m.roles {
        reversed(&r.start, &r.end, ("start", "end"), diagnostics);
    }
    for r in &m.relations {
        reversed(&r.start, &r.end, ("start", "end"), diagnostics);
    }
}

/// Warns about facts dated outside the life of an entity they concern.
pub(super) fn lifetimes(org: &Org, diagnostics: &mut Vec<Diagnostic>) {
    let m = &org.model;
    let lifetime_of =
        |r: &crate::model::Ref| org.find_entity(r).map(|e| (e, org.entity(e).lifetime()));
    let describe = |id: EntityId| {
        let e = org.entity(id);
        let mut life = String::new();
        if let Some(f) = &e.founded {
            life.push_str(&format!("founded {}", f.value));
        }
        if let Some(d) = &e.dissolved {
            if !life.is_empty() {
                life.push_str(", ");
            }
            life.push_str(&format!("dissolved {}", d.value));
        }
        format!("`{}` ({life})", e.id.value)
    };

    for event in &m.events {
        let when = Period::new(Some(event.date.value), Some(event.date.value));
        for r in &event.entities {
            if let Some((id, life)) = lifetime_of(r)
                && !life.overlaps(&when)
            {
                diagnostics.push(
                    Diagnostic::warning(
                        event.date.pos,
                        format!(
                            "event of {} involves {} outside its lifetime",
                            event.date.value,
                            describe(id)
                        ),
                    )
                    .with_help("check the event's date or the entity's founded/dissolved dates"),
                );
            }
        }
    }
    for role in &m.roles {
        if let Some((id, life)) = lifetime_of(&role.entity)
            && outside(role.period(), life)
        {
            let pos = role.start.as_ref().map_or(role.entity.pos, |s| s.pos);
            diagnostics.push(
                Diagnostic::warning(
                    pos,
                    format!(
                        "role `{}` of `{}` ({}) falls outside the lifetime of {}",
                        role.title,
                        role.person
                            .as_ref()
                            .map_or(crate::words::VACANT, |p| p.value.as_str()),
                        role.period(),
                        describe(id)
                    ),
                )
                .with_help("check the role's dates or the entity's founded/dissolved dates"),
            );
        }
    }
    // A stake outside the life of what it owns, or of the entity that owns it (a person has
    // no recorded lifetime).
    for (stake, end, whose) in m
        .stakes
        .iter()
        .flat_map(|s| [(s, &s.owned, ""), (s, &s.owner, "its owner ")])
    {
        if let Some((id, life)) = lifetime_of(end)
            && outside(stake.period(), life)
        {
            let pos = stake.start.as_ref().map_or(end.pos, |s| s.pos);
            diagnostics.push(
                Diagnostic::warning(
                    pos,
                    format!(
                        "stake of `{}` in `{}` ({}) falls outside the lifetime of {whose}{}",
                        stake.owner.value,
                        stake.owned.value,
                        stake.period(),
                        describe(id)
                    ),
                )
                .with_help("check the stake's dates or the entity's founded/dissolved dates"),
            );
        }
    }
}

/// A fact is outside a lifetime when it starts before the entity was founded or after it was
/// dissolved, or shares no day with it. An open end is fine: the fact ends with the entity.
pub(super) fn outside(fact: Period, life: Period) -> bool {
    let starts_outside = fact
        .start
        .is_some_and(|s| !life.contains(s.first_day()) && !life.contains(s.last_day()));
    starts_outside || !fact.overlaps(&life)
}
