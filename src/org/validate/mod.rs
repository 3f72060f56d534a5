//! The rules a resolved model must follow beyond its references: a tree without cycles, periods
//! that end after they start, stakes that never add up to more than the whole, facts dated within
//! the lives of the entities they concern, competing values for fields that exist, and ids that
//! are easy to mix up (`ids`).

mod competing;
mod ids;
mod periods;
mod structure;
mod sums;

use competing::competing_values;
use periods::{lifetimes, periods};
use structure::structure;
use sums::{shares_of_positions, stake_sums};

use num_rational::Ratio;

use crate::diagnostic::Diagnostic;
use crate::model::{At, Competing, Day, Interest, PartialDate, Period, Pos, Share, Stake, share};
use crate::org::{EntityId, EntityMap, Org};
use crate::suggest;

/// Adds every problem of `org` to `diagnostics`.
pub fn check(org: &Org, diagnostics: &mut Vec<Diagnostic>) {
    structure(org, diagnostics);
    self_references(org, diagnostics);
    vocabulary(org, diagnostics);
    periods(org, diagnostics);
    stake_sums(org, diagnostics);
    shares_of_positions(org, diagnostics);
    lifetimes(org, diagnostics);
    competing_values(org, diagnostics);
    ids::check(org, diagnostics);
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

/// A kind outside orgtree's words is accepted as written. Each distinct word is reported once,
/// where it is first used, with how many times it is used; a word close to a known one is
/// probably a typo, and the hint says of which.
fn vocabulary(org: &Org, diagnostics: &mut Vec<Diagnostic>) {
    use crate::model::{EntityKind, EventKind, RelationKind};
    let m = &org.model;
    let entities = m
        .entities
        .iter()
        .flat_map(|e| e.kind.spans().map(|(k, _)| (k.as_str(), k.pos)));
    let relations = m.relations.iter().map(|r| (r.kind.as_str(), r.kind.pos));
    let events = m.events.iter().map(|e| (e.kind.as_str(), e.kind.pos));
    own_words(entities, EntityKind::KNOWN, "entity", diagnostics);
    own_words(relations, RelationKind::KNOWN, "relation", diagnostics);
    own_words(events, EventKind::KNOWN, "event", diagnostics);
}

/// One warning for each word of `uses` that is not in `known`.
fn own_words<'a>(
    uses: impl Iterator<Item = (&'a str, Pos)>,
    known: &[&str],
    what: &str,
    diagnostics: &mut Vec<Diagnostic>,
) {
    // Each word's first use and count, in the order the words first appear.
    let mut seen: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
    let mut words: Vec<(&str, Pos, usize)> = Vec::new();
    for (word, pos) in uses.filter(|(w, _)| !known.contains(w)) {
        let index = *seen.entry(word).or_insert_with(|| {
            words.push((word, pos, 0));
            words.len() - 1
        });
        words[index].2 += 1;
    }
    for (word, pos, count) in words {
        let help = match suggest::did_you_mean(word, known.iter().copied()) {
            Some(near) => format!("did you mean `{near}`? If not, nothing to do"),
            None => format!("orgtree's own {what} kinds are listed in docs/model.md"),
        };
        diagnostics.push(
            Diagnostic::warning(
                pos,
                format!(
                    "{what} kind `{word}` is not one of orgtree's kinds ({}); it is accepted as written",
                    crate::words::used(count)
                ),
            )
            .with_help(help),
        );
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

    const PEOPLE: &str = "people:\n  - {id: ada, name: Ada}\n  - {id: bob, name: Bob}\n";

    #[test]
    fn shares_and_votes_add_up_apart_and_indirect_interests_not_at_all() {
        let fits = format!(
            "{ENTITIES}{PEOPLE}stakes:\n  - {{owner: ada, owned: c, share: 1/2}}\n  - {{owner: bob, owned: c, share: 1/2}}\n  - {{owner: ada, owned: c, share: 70%, interest: votes}}\n  - {{owner: bob, owned: c, share: 30%, interest: votes}}\n  - {{owner: a, owned: c, share: 1/2, indirect: true}}\n  - {{owner: b, owned: c, share: 1/2, interest: beneficiary_of_trust}}\n"
        );
        assert_eq!(problems(&fits), Vec::<String>::new());
        let over = format!(
            "{ENTITIES}{PEOPLE}stakes:\n  - {{owner: ada, owned: c, share: 70%, interest: votes}}\n  - {{owner: bob, owned: c, share: 40%, interest: votes}}\n"
        );
        assert_eq!(
            problems(&over),
            ["error: votes in `c` add up to 110 % from the start (ada 70 %, bob 40 %)"]
        );
    }

    #[test]
    fn a_position_carries_no_share() {
        let yaml = format!(
            "{ENTITIES}{PEOPLE}stakes:\n  - {{owner: ada, owned: c, share: 10%, interest: trustee}}\n  - {{owner: bob, owned: c, interest: trustee}}\n  - {{owner: a, owned: c, share: 10%, interest: our_own_word}}\n"
        );
        assert_eq!(
            problems(&yaml),
            ["error: a `trustee` interest carries no share"]
        );
    }

    #[test]
    fn a_stake_names_an_entity_or_a_person_never_an_id_that_is_both() {
        let yaml = format!(
            "{ENTITIES}people:\n  - {{id: a, name: Ada}}\n  - {{id: bob, name: Bob}}\nstakes:\n  - {{owner: a, owned: c, share: 1/2}}\n  - {{owner: bob, owned: c, share: 1/2, on_behalf_of: a}}\n"
        );
        assert_eq!(
            problems(&yaml),
            [
                "error: `owner` names `a`, which is both an entity and a person",
                "error: `on_behalf_of` names `a`, which is both an entity and a person"
            ]
        );
    }

    #[test]
    fn an_unknown_owner_is_looked_for_among_entities_and_people() {
        let yaml = format!(
            "{ENTITIES}{PEOPLE}stakes:\n  - {{owner: adda, owned: c}}\n  - {{owner: bb, owned: c}}\n"
        );
        let model = parse(&yaml, crate::load::Syntax::Yaml).unwrap();
        let found = Org::new(model).err().unwrap();
        let helps: Vec<_> = found
            .iter()
            .map(|d| (d.message.as_str(), d.help.as_deref()))
            .collect();
        assert_eq!(
            helps,
            [
                (
                    "`owner` names unknown entity or person `adda`",
                    Some("did you mean `ada`?")
                ),
                (
                    "`owner` names unknown entity or person `bb`",
                    Some("did you mean `b`?")
                ),
            ]
        );
    }

    #[test]
    fn a_stake_before_its_owner_was_founded_is_a_warning() {
        let yaml = "title: t\nentities:\n  - {id: a, name: A, kind: company, founded: 2012}\n  - {id: c, name: C, kind: company, founded: 2000}\nstakes:\n  - {owner: a, owned: c, share: 1, start: 2010}\n";
        let found = problems(yaml);
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(
            found[0]
                == "warning: stake of `a` in `c` (since 2010) falls outside the lifetime of its owner `a` (founded 2012)",
            "{found:?}"
        );
    }

    #[test]
    fn a_vacant_role_is_valid() {
        let yaml = "title: t\nentities:\n  - {id: a, name: A, kind: company}\nroles:\n  - {entity: a, title: CFO}\n";
        assert_eq!(problems(yaml), Vec::<String>::new());
    }
}
