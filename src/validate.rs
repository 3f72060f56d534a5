//! The rules a resolved model must follow beyond its references: a tree without cycles, periods
//! that end after they start, stakes that never add up to more than the whole, facts dated within
//! the lives of the entities they concern, competing values for fields that exist, and ids that
//! are easy to mix up (`ids`).

mod ids;

use num_rational::Ratio;

use crate::diagnostic::Diagnostic;
use crate::model::{At, Competing, Day, PartialDate, Period, Pos, Share, Stake, share};
use crate::org::{EntityId, Org};
use crate::suggest;

/// Adds every problem of `org` to `diagnostics`.
pub fn check(org: &Org, diagnostics: &mut Vec<Diagnostic>) {
    cycles(org, diagnostics);
    self_references(org, diagnostics);
    vocabulary(org, diagnostics);
    periods(org, diagnostics);
    stake_sums(org, diagnostics);
    lifetimes(org, diagnostics);
    competing_values(org, diagnostics);
    ids::check(org, diagnostics);
}

/// Reports each cycle of parent links once, at the parent field of its first entity in file
/// order.
fn cycles(org: &Org, diagnostics: &mut Vec<Diagnostic>) {
    #[derive(Clone, Copy, PartialEq)]
    enum Mark {
        New,
        OnPath,
        Done,
    }
    let n = org.entity_count();
    let mut mark = vec![Mark::New; n];
    for start in 0..n {
        let mut path = Vec::new();
        let mut at = Some(EntityId(start as u32));
        while let Some(id) = at {
            match mark[id.0 as usize] {
                Mark::Done => break,
                Mark::OnPath => {
                    let first = path.iter().position(|&p| p == id).unwrap_or(0);
                    let cycle = &path[first..];
                    let names: Vec<&str> = cycle
                        .iter()
                        .chain(std::iter::once(&id))
                        .map(|&e| org.entity(e).id.value.as_str())
                        .collect();
                    let anchor = cycle.iter().min().copied().unwrap_or(id);
                    let pos = org
                        .entity(anchor)
                        .parent
                        .as_ref()
                        .map_or(Pos::UNKNOWN, |p| p.pos);
                    diagnostics.push(
                        Diagnostic::error(
                            pos,
                            format!("the tree has a cycle: {}", names.join(" → ")),
                        )
                        .with_help("an entity cannot be its own ancestor; remove one of these `parent` links"),
                    );
                    break;
                }
                Mark::New => {
                    mark[id.0 as usize] = Mark::OnPath;
                    path.push(id);
                    at = org.parent(id);
                }
            }
        }
        for id in path {
            mark[id.0 as usize] = Mark::Done;
        }
    }
}

/// An entity holding a stake in itself is an error; a relation with itself, a warning.
fn self_references(org: &Org, diagnostics: &mut Vec<Diagnostic>) {
    let m = &org.model;
    for s in &m.stakes {
        if s.owner.value == s.owned.value {
            diagnostics.push(
                Diagnostic::error(s.owned.pos, format!("`{}` holds a stake in itself", s.owned.value))
                    .with_help("treasury shares are not stakes: remove this one, or correct `owner` or `owned`"),
            );
        }
    }
    for r in &m.relations {
        if r.from.value == r.to.value {
            diagnostics.push(
                Diagnostic::warning(r.to.pos, format!("`{}` is related to itself", r.to.value))
                    .with_help("check `from` and `to`"),
            );
        }
    }
}

/// A kind that is not a known word but is close to one is probably a typo.
fn vocabulary(org: &Org, diagnostics: &mut Vec<Diagnostic>) {
    use crate::model::{EntityKind, EventKind, RelationKind};
    let m = &org.model;
    let mut check = |word: &str, pos: Pos, known: &[&str], what: &str| {
        if !known.contains(&word)
            && let Some(near) = suggest::did_you_mean(word, known.iter().copied())
        {
            diagnostics.push(
                Diagnostic::warning(pos, format!("`{word}` is not a known {what} kind")).with_help(
                    format!("did you mean `{near}`? (any other word is kept as written)"),
                ),
            );
        }
    };
    for e in &m.entities {
        check(e.kind.as_str(), e.kind.pos, EntityKind::KNOWN, "entity");
    }
    for r in &m.relations {
        check(r.kind.as_str(), r.kind.pos, RelationKind::KNOWN, "relation");
    }
    for e in &m.events {
        check(e.kind.as_str(), e.kind.pos, EventKind::KNOWN, "event");
    }
}

fn reversed(
    start: &Option<At<PartialDate>>,
    end: &Option<At<PartialDate>>,
    names: (&str, &str),
    diagnostics: &mut Vec<Diagnostic>,
) {
    if let (Some(s), Some(e)) = (start, end)
        && Period::new(Some(s.value), Some(e.value)).is_reversed()
    {
        diagnostics.push(
            Diagnostic::error(
                e.pos,
                format!(
                    "`{}` {} is before `{}` {}",
                    names.1, e.value, names.0, s.value
                ),
            )
            .with_help(format!(
                "swap the dates, or correct the one that is wrong (line {})",
                s.pos.line
            )),
        );
    }
}

/// An end before its start.
fn periods(org: &Org, diagnostics: &mut Vec<Diagnostic>) {
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

/// The first day a stake holds, `None` for "since the beginning".
fn first_day(stake: &Stake) -> Option<Day> {
    stake.start.as_ref().map(|d| d.first_day())
}

/// For each entity, the first date at which its stakes in force add up to more than 100 %.
fn stake_sums(org: &Org, diagnostics: &mut Vec<Diagnostic>) {
    // Wide enough that sums of shares with large denominators rarely overflow; when they do,
    // the problem is reported rather than guessed at.
    type Wide = Ratio<u128>;
    let whole = Wide::from_integer(1);
    let wide = |f: share::Fraction| Wide::new_raw(u128::from(*f.numer()), u128::from(*f.denom()));

    for n in 0..org.entity_count() {
        let id = EntityId(n as u32);
        let stakes: Vec<(&Stake, &At<Share>)> = org
            .stakes_in(id)
            // A reversed period is reported by `periods`; it holds on no day.
            .filter(|s| !s.period().is_reversed())
            .filter_map(|s| s.share.as_ref().map(|share| (s, share)))
            .collect();
        if stakes.len() < 2 {
            continue;
        }
        // Sweep the dates where stakes begin and end: starts before ends on the same day, since
        // periods include both of their ends.
        let mut changes: Vec<(Option<Day>, bool, usize)> = Vec::with_capacity(stakes.len() * 2);
        for (i, (s, _)) in stakes.iter().enumerate() {
            changes.push((first_day(s), false, i));
            if let Some(end) = &s.end {
                changes.push((Some(end.last_day()), true, i));
            }
        }
        changes.sort_by_key(|&(day, ends, _)| (day, ends));
        let mut in_force = vec![false; stakes.len()];
        let mut sum = Wide::from_integer(0);
        for (day, ends, i) in changes {
            let share = wide(stakes[i].1.low());
            if ends {
                in_force[i] = false;
                // Every end follows its own start in the sweep, so this cannot go below zero.
                sum = if sum >= share {
                    sum - share
                } else {
                    Wide::from_integer(0)
                };
                continue;
            }
            in_force[i] = true;
            let Some(total) = num_traits_add(sum, share) else {
                diagnostics.push(
                    Diagnostic::error(
                        stakes[i].1.pos,
                        format!(
                            "the shares in `{}` cannot be added up exactly",
                            org.entity(id).id.value
                        ),
                    )
                    .with_help("write these shares with smaller denominators"),
                );
                break;
            };
            sum = total;
            if sum > whole {
                let holders: Vec<String> = stakes
                    .iter()
                    .zip(&in_force)
                    .filter(|(_, on)| **on)
                    .map(|((s, share), _)| {
                        format!("{} {}", s.owner.value, crate::words::share(share))
                    })
                    .collect();
                let when = day.map_or_else(|| "from the start".to_owned(), |d| format!("on {d}"));
                let percent = share::percent(share::Fraction::new_raw(
                    u64::try_from(*sum.numer()).unwrap_or(u64::MAX),
                    u64::try_from(*sum.denom()).unwrap_or(1),
                ));
                let percent =
                    if u64::try_from(*sum.numer()).is_ok() && u64::try_from(*sum.denom()).is_ok() {
                        format!("{percent} %")
                    } else {
                        "more than 100 %".to_owned()
                    };
                diagnostics.push(
                    Diagnostic::error(
                        stakes[i].1.pos,
                        format!(
                            "stakes in `{}` add up to {} {} ({})",
                            org.entity(id).id.value,
                            percent,
                            when,
                            holders.join(", ")
                        ),
                    )
                    .with_help(
                        "give the stakes that were replaced an `end` before the new ones `start` (periods include both ends)",
                    ),
                );
                break;
            }
        }
    }
}

fn num_traits_add(a: Ratio<u128>, b: Ratio<u128>) -> Option<Ratio<u128>> {
    use num_traits::CheckedAdd;
    a.checked_add(&b)
}

/// Warns about facts dated outside the life of an entity they concern.
fn lifetimes(org: &Org, diagnostics: &mut Vec<Diagnostic>) {
    let m = &org.model;
    let lifetime_of = |r: &At<String>| org.find_entity(r).map(|e| (e, org.entity(e).lifetime()));
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
                        role.person.value,
                        role.period(),
                        describe(id)
                    ),
                )
                .with_help("check the role's dates or the entity's founded/dissolved dates"),
            );
        }
    }
    for stake in &m.stakes {
        if let Some((id, life)) = lifetime_of(&stake.owned)
            && outside(stake.period(), life)
        {
            let pos = stake.start.as_ref().map_or(stake.owned.pos, |s| s.pos);
            diagnostics.push(
                Diagnostic::warning(
                    pos,
                    format!(
                        "stake of `{}` ({}) falls outside the lifetime of {}",
                        stake.owner.value,
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
fn outside(fact: Period, life: Period) -> bool {
    let starts_outside = fact
        .start
        .is_some_and(|s| !life.contains(s.first_day()) && !life.contains(s.last_day()));
    starts_outside || !fact.overlaps(&life)
}

/// The fields a competing value may stand for, per kind of item, and how each is checked.
#[derive(Clone, Copy)]
enum FieldType {
    Text,
    Date,
    Share,
    Number,
}

const ENTITY_FIELDS: &[(&str, FieldType)] = &[
    ("name", FieldType::Text),
    ("kind", FieldType::Text),
    ("description", FieldType::Text),
    ("parent", FieldType::Text),
    ("founded", FieldType::Date),
    ("dissolved", FieldType::Date),
];
const STAKE_FIELDS: &[(&str, FieldType)] = &[
    ("owner", FieldType::Text),
    ("share", FieldType::Share),
    ("amount", FieldType::Number),
    ("currency", FieldType::Text),
    ("start", FieldType::Date),
    ("end", FieldType::Date),
];
const ROLE_FIELDS: &[(&str, FieldType)] = &[
    ("person", FieldType::Text),
    ("title", FieldType::Text),
    ("start", FieldType::Date),
    ("end", FieldType::Date),
];
const RELATION_FIELDS: &[(&str, FieldType)] = &[
    ("kind", FieldType::Text),
    ("description", FieldType::Text),
    ("start", FieldType::Date),
    ("end", FieldType::Date),
];
const EVENT_FIELDS: &[(&str, FieldType)] = &[
    ("date", FieldType::Date),
    ("kind", FieldType::Text),
    ("description", FieldType::Text),
];

fn competing_values(org: &Org, diagnostics: &mut Vec<Diagnostic>) {
    let m = &org.model;
    let lists = m
        .entities
        .iter()
        .map(|e| (&e.competing, ENTITY_FIELDS, true))
        .chain(m.stakes.iter().map(|s| (&s.competing, STAKE_FIELDS, false)))
        .chain(m.roles.iter().map(|r| (&r.competing, ROLE_FIELDS, false)))
        .chain(
            m.relations
                .iter()
                .map(|r| (&r.competing, RELATION_FIELDS, false)),
        )
        .chain(m.events.iter().map(|e| (&e.competing, EVENT_FIELDS, false)));
    for (competing, fields, has_attributes) in lists {
        for c in competing {
            competing_value(c, fields, has_attributes, diagnostics);
        }
    }
}

fn competing_value(
    c: &Competing,
    fields: &[(&str, FieldType)],
    has_attributes: bool,
    diagnostics: &mut Vec<Diagnostic>,
) {
    if has_attributes && c.field.starts_with("attributes.") {
        return;
    }
    let Some(&(_, ty)) = fields.iter().find(|(name, _)| *name == c.field.value) else {
        let mut known: Vec<&str> = fields.iter().map(|(name, _)| *name).collect();
        if has_attributes {
            known.push("attributes.KEY");
        }
        let help = suggest::help(&c.field, known.iter().copied()).unwrap_or_else(|| {
            format!("the fields that can compete here are {}", known.join(", "))
        });
        diagnostics.push(
            Diagnostic::error(
                c.field.pos,
                format!(
                    "`{}` is not a field that can have a competing value here",
                    c.field.value
                ),
            )
            .with_help(help),
        );
        return;
    };
    let problem = match ty {
        FieldType::Text => None,
        FieldType::Date => c.value.parse::<PartialDate>().err().map(|e| e.to_string()),
        FieldType::Share => c.value.parse::<Share>().err().map(|e| e.to_string()),
        FieldType::Number => c
            .value
            .parse::<f64>()
            .ok()
            .filter(|v| v.is_finite() && *v >= 0.0)
            .is_none()
            .then(|| format!("`{}` is not a positive number", c.value.value)),
    };
    if let Some(problem) = problem {
        diagnostics.push(Diagnostic::error(
            c.value.pos,
            format!("competing `{}`: {problem}", c.field.value),
        ));
    }
}

#[cfg(test)]
mod tests {
    use crate::diagnostic::Diagnostic;
    use crate::load::parse;
    use crate::org::Org;

    /// The messages of every problem in a model given as YAML.
    fn problems(yaml: &str) -> Vec<String> {
        let model = parse(yaml, crate::load::Syntax::Yaml)
            .map_err(|d| d.message)
            .unwrap();
        match Org::new(model) {
            Ok((_, warnings)) => warnings
                .iter()
                .map(|d: &Diagnostic| format!("warning: {}", d.message))
                .collect(),
            Err(all) => all
                .iter()
                .map(|d| format!("{}: {}", d.severity, d.message))
                .collect(),
        }
    }

    const ENTITIES: &str = "title: t\nentities:\n  - {id: a, name: A, kind: company}\n  - {id: b, name: B, kind: company}\n  - {id: c, name: C, kind: company}\n";

    #[test]
    fn a_stake_may_start_the_day_after_another_ends() {
        let yaml = format!(
            "{ENTITIES}stakes:\n  - {{owner: a, owned: c, share: 1, end: 2015-03-15}}\n  - {{owner: b, owned: c, share: 1, start: 2015-03-16}}\n"
        );
        assert_eq!(problems(&yaml), Vec::<String>::new());
    }

    #[test]
    fn stakes_over_the_whole_on_a_shared_day_are_reported_once() {
        let yaml = format!(
            "{ENTITIES}stakes:\n  - {{owner: a, owned: c, share: 1, end: 2015-03-16}}\n  - {{owner: b, owned: c, share: 1/2, start: 2015-03-16}}\n  - {{owner: b, owned: c, share: 1/2, start: 2016}}\n"
        );
        assert_eq!(
            problems(&yaml),
            ["error: stakes in `c` add up to 150 % on 2015-03-16 (a 100 %, b 50 %)"]
        );
    }

    #[test]
    fn ranges_count_by_their_low_end_and_unknown_shares_not_at_all() {
        let fits = format!(
            "{ENTITIES}stakes:\n  - {{owner: a, owned: c, share: 50%..70%}}\n  - {{owner: b, owned: c, share: 50%}}\n  - {{owner: a, owned: b}}\n  - {{owner: b, owned: c}}\n"
        );
        assert_eq!(problems(&fits), Vec::<String>::new());
        let over = format!(
            "{ENTITIES}stakes:\n  - {{owner: a, owned: c, share: 51%..70%}}\n  - {{owner: b, owned: c, share: 50%}}\n"
        );
        assert_eq!(problems(&over).len(), 1);
    }

    #[test]
    fn a_partial_end_covers_its_whole_period() {
        // Ending in March 2014 overlaps a stake starting on the 31st.
        let yaml = format!(
            "{ENTITIES}stakes:\n  - {{owner: a, owned: c, share: 1, end: 2014-03}}\n  - {{owner: b, owned: c, share: 1, start: 2014-03-31}}\n"
        );
        assert_eq!(problems(&yaml).len(), 1);
    }

    #[test]
    fn an_open_role_of_a_dissolved_entity_is_fine() {
        let yaml = "title: t\nentities:\n  - {id: a, name: A, kind: company, founded: 2012, dissolved: 2016}\npeople: [{id: p, name: P}]\nroles:\n  - {person: p, entity: a, title: CEO, start: 2014}\n  - {person: p, entity: a, title: Chair, start: 2011}\n";
        let found = problems(yaml);
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(found[0].starts_with("warning: role `Chair`"), "{found:?}");
    }

    #[test]
    fn attributes_may_have_competing_values() {
        let yaml = "title: t\nentities:\n  - {id: a, name: A, kind: company, attributes: {staff: '400'}, competing: [{field: attributes.staff, value: '450'}]}\n";
        assert_eq!(problems(yaml), Vec::<String>::new());
    }

    #[test]
    fn huge_denominators_are_reported_not_overflowed() {
        let yaml = format!(
            "{ENTITIES}stakes:\n  - {{owner: a, owned: c, share: 1/18446744073709551557}}\n  - {{owner: b, owned: c, share: 1/18446744073709551533}}\n  - {{owner: b, owned: c, share: 1/18446744073709551521}}\n"
        );
        let found = problems(&yaml);
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(found[0].contains("cannot be added up exactly"), "{found:?}");
    }
}
