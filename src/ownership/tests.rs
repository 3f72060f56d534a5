//! Look-through ownership and control on small models written for each case.

use super::*;
use crate::load::parse;
use crate::ownership::Bounds;

/// An interest in words, as the pages and dumps give it.
fn describe(b: &Bounds) -> String {
    crate::words::interest(&b.low, &b.high)
}
use num_bigint::BigInt;

/// The id of an owner, entity or person, as the model writes it.
fn holder_id(org: &Org, holder: Holder) -> String {
    match holder {
        Holder::Entity(e) => org.entity(e).id.value.to_string(),
        Holder::Person(p) => org.person(p).id.value.to_string(),
    }
}

fn org(stakes: &str) -> Org {
    let yaml = format!(
        "title: t\nentities:\n{}people:\n  - {{id: ada, name: Ada}}\n  - {{id: bob, name: Bob}}\nstakes:\n{stakes}",
        ["a", "b", "c", "d", "t", "x", "y", "state"]
            .iter()
            .map(|id| format!("  - {{id: {id}, name: {id}, kind: company}}\n"))
            .collect::<String>()
    );
    Org::new(parse(&yaml, crate::load::Syntax::Yaml).unwrap())
        .map_err(|d| format!("{d:?}"))
        .unwrap()
        .0
}

/// A day for these models, whose entities and stakes carry no dates: every day sees every
/// stake, as the look-through must.
fn any_day() -> Day {
    "2020-01-01"
        .parse::<crate::model::PartialDate>()
        .unwrap()
        .first_day()
}

/// `n` + 1 companies `{prefix}0`…`{prefix}n`, each wholly held by the next.
fn chain(prefix: &str, n: usize) -> Org {
    let entities: String = (0..=n)
        .map(|i| format!("  - {{id: {prefix}{i}, name: {prefix}{i}, kind: company}}\n"))
        .collect();
    let stakes: String = (0..n)
        .map(|i| {
            format!(
                "  - {{owner: {prefix}{}, owned: {prefix}{i}, share: 1}}\n",
                i + 1
            )
        })
        .collect();
    let yaml = format!("title: t\nentities:\n{entities}stakes:\n{stakes}");
    Org::new(parse(&yaml, crate::load::Syntax::Yaml).unwrap())
        .map_err(|d| format!("{d:?}"))
        .unwrap()
        .0
}

fn q(n: i64, d: i64) -> BigRational {
    BigRational::new(BigInt::from(n), BigInt::from(d))
}

/// `(owner id, low, high)` of each ultimate owner of `t`.
fn owners(org: &Org) -> Vec<(String, BigRational, BigRational)> {
    let t = org.find_entity("t").unwrap();
    effective_owners(org, t, any_day())
        .owners
        .into_iter()
        .map(|o| (holder_id(org, o.id), o.interest.low, o.interest.high))
        .collect()
}

#[test]
fn a_chain_multiplies_shares() {
    // a holds 1/2 of b, b holds 3/5 of t: a has 3/10 of t through b.
    let org = org(
        "  - {owner: a, owned: b, share: 1/2}\n  - {owner: x, owned: b, share: 1/2}\n  - {owner: b, owned: t, share: 3/5}\n  - {owner: y, owned: t, share: 2/5}\n",
    );
    assert_eq!(
        owners(&org),
        [
            ("y".into(), q(2, 5), q(2, 5)),
            ("a".into(), q(3, 10), q(3, 10)),
            ("x".into(), q(3, 10), q(3, 10)),
        ]
    );
    let t = org.find_entity("t").unwrap();
    let e = effective_owners(&org, t, any_day());
    assert!(e.unrecorded.is_zero() && e.circling.is_zero() && !e.unknown_shares);
}

#[test]
fn a_diamond_adds_its_paths() {
    // a holds half of b and half of c; b and c each hold 40 % of t.
    let org = org(
        "  - {owner: a, owned: b, share: 1/2}\n  - {owner: a, owned: c, share: 1/2}\n  - {owner: x, owned: b, share: 1/2}\n  - {owner: y, owned: c, share: 1/2}\n  - {owner: b, owned: t, share: 40%}\n  - {owner: c, owned: t, share: 40%}\n  - {owner: d, owned: t, share: 20%}\n",
    );
    let found = owners(&org);
    assert_eq!(found[0], ("a".into(), q(2, 5), q(2, 5)));
    assert!(found.contains(&("x".into(), q(1, 5), q(1, 5))));
    assert!(found.contains(&("d".into(), q(1, 5), q(1, 5))));
}

#[test]
fn a_cross_holding_converges_within_its_bounds() {
    // t is all a's; a is 90 % x's and 10 % b's; b is 90 % y's and 10 % a's.
    // Exactly: x has 0.9 / 0.99 = 10/11 of t, y has 1/11.
    let org = org(
        "  - {owner: a, owned: t, share: 1}\n  - {owner: x, owned: a, share: 90%}\n  - {owner: b, owned: a, share: 10%}\n  - {owner: y, owned: b, share: 90%}\n  - {owner: a, owned: b, share: 10%}\n",
    );
    let t = org.find_entity("t").unwrap();
    let e = effective_owners(&org, t, any_day());
    let x = &e.owners[0];
    assert_eq!(holder_id(&org, x.id), "x");
    assert!(x.interest.low <= q(10, 11));
    assert!(q(10, 11) <= &x.interest.high + &e.circling.high);
    assert!(
        e.circling.high < q(1, 1_000_000_000_000_000_000),
        "{}",
        e.circling.high
    );
    // A fraction with a huge denominator is shown as the percentage it rounds to.
    assert_eq!(describe(&x.interest), "≈ 90.9 %");
}

#[test]
fn a_pure_cycle_stops_and_says_so() {
    // a and b own each other entirely: nobody ultimately owns t.
    let org = org(
        "  - {owner: a, owned: t, share: 1}\n  - {owner: b, owned: a, share: 1}\n  - {owner: a, owned: b, share: 1}\n",
    );
    let t = org.find_entity("t").unwrap();
    let e = effective_owners(&org, t, any_day());
    assert!(e.owners.is_empty());
    assert_eq!(e.circling.low, q(1, 1));
    assert!(
        control_chain(&org, t, any_day()).chain.len() == 2,
        "the chain stops at a holder met before"
    );
}

#[test]
fn ranges_and_unknown_shares_give_bounds() {
    let org = org("  - {owner: a, owned: t, share: 20%..25%}\n  - {owner: b, owned: t}\n");
    let t = org.find_entity("t").unwrap();
    let e = effective_owners(&org, t, any_day());
    assert!(e.unknown_shares);
    let a = e
        .owners
        .iter()
        .find(|o| holder_id(&org, o.id) == "a")
        .unwrap();
    assert_eq!(
        (a.interest.low.clone(), a.interest.high.clone()),
        (q(1, 5), q(1, 4))
    );
    assert_eq!(describe(&a.interest), "20–25 %");
    // The unknown share can be at most what a's stake leaves: 80 %.
    let b = e
        .owners
        .iter()
        .find(|o| holder_id(&org, o.id) == "b")
        .unwrap();
    assert_eq!(
        (b.interest.low.clone(), b.interest.high.clone()),
        (q(0, 1), q(4, 5))
    );
    assert!(
        control_chain(&org, t, any_day()).undetermined,
        "b may hold a majority, or not"
    );
}

#[test]
fn a_stake_held_for_another_passes_to_the_beneficiary() {
    let org = org(
        "  - {owner: x, owned: t, share: 1/3, on_behalf_of: state}\n  - {owner: a, owned: t, share: 2/3}\n",
    );
    let found = owners(&org);
    assert!(
        found.contains(&("state".into(), q(1, 3), q(1, 3))),
        "{found:?}"
    );
    assert!(!found.iter().any(|(id, ..)| id == "x"));
}

#[test]
fn control_follows_majority_holders() {
    let org = org(
        "  - {owner: b, owned: t, share: 51%}\n  - {owner: a, owned: b, share: 2/3}\n  - {owner: x, owned: a, share: 1/2}\n",
    );
    let t = org.find_entity("t").unwrap();
    let chain: Vec<String> = control_chain(&org, t, any_day())
        .chain
        .into_iter()
        .map(|id| holder_id(&org, id))
        .collect();
    assert_eq!(chain, ["b", "a"], "x has only half of a: no majority");
}

#[test]
fn unrecorded_holders_are_counted_apart() {
    let org = org("  - {owner: a, owned: t, share: 30%}\n");
    let t = org.find_entity("t").unwrap();
    let e = effective_owners(&org, t, any_day());
    assert_eq!(e.unrecorded.low, q(7, 10));
    assert_eq!(describe(&e.owners[0].interest), "30 %");
    assert_eq!(crate::words::interest(&q(4, 9), &q(4, 9)), "4/9 (44.4 %)");
}

#[test]
fn the_route_of_a_stake_held_for_another_is_kept() {
    let org = org(
        "  - {owner: x, owned: t, share: 1/3, on_behalf_of: state}\n  - {owner: a, owned: t, share: 2/3}\n",
    );
    let t = org.find_entity("t").unwrap();
    let state = effective_owners(&org, t, any_day())
        .owners
        .into_iter()
        .find(|o| holder_id(&org, o.id) == "state")
        .unwrap();
    assert_eq!(
        state.via,
        [Holder::Entity(org.find_entity("x").unwrap())],
        "held through x"
    );
}

#[test]
fn a_long_chain_without_a_cycle_is_followed_to_the_top() {
    let org = chain("c", 100);
    let e = effective_owners(&org, org.find_entity("c0").unwrap(), any_day());
    assert!(e.circling.is_zero());
    assert_eq!(holder_id(&org, e.owners[0].id), "c100");
    assert_eq!(e.owners[0].interest.low, q(1, 1));
    assert_eq!(
        e.owners[0].via,
        [Holder::Entity(org.find_entity("c99").unwrap())]
    );
}

#[test]
fn look_through_ends_at_people_the_beneficial_owners() {
    // Ada holds half of a, a holds 3/5 of t; Bob holds 2/5 of t himself.
    let org = org(
        "  - {owner: ada, owned: a, share: 1/2}\n  - {owner: x, owned: a, share: 1/2}\n  - {owner: a, owned: t, share: 3/5}\n  - {owner: bob, owned: t, share: 2/5}\n",
    );
    assert_eq!(
        owners(&org),
        [
            ("bob".into(), q(2, 5), q(2, 5)),
            ("x".into(), q(3, 10), q(3, 10)),
            ("ada".into(), q(3, 10), q(3, 10)),
        ]
    );
    let t = org.find_entity("t").unwrap();
    let e = effective_owners(&org, t, any_day());
    let ada = e
        .owners
        .iter()
        .find(|o| holder_id(&org, o.id) == "ada")
        .unwrap();
    assert!(matches!(ada.id, Holder::Person(_)));
    assert_eq!(ada.via, [Holder::Entity(org.find_entity("a").unwrap())]);
    assert!(
        e.owners
            .iter()
            .any(|o| holder_id(&org, o.id) == "bob" && o.direct)
    );
}

#[test]
fn a_person_can_have_a_stake_held_for_them() {
    let org = org("  - {owner: x, owned: t, share: 1, on_behalf_of: ada}\n");
    let t = org.find_entity("t").unwrap();
    let e = effective_owners(&org, t, any_day());
    assert_eq!(holder_id(&org, e.owners[0].id), "ada");
    assert_eq!(
        e.owners[0].via,
        [Holder::Entity(org.find_entity("x").unwrap())]
    );
    assert!(!e.owners[0].direct, "held through a nominee");
}

#[test]
fn indirect_interests_and_other_interests_are_not_looked_through() {
    // Ada's declared indirect interest in t sums up her holding through a: counting it too
    // would give her 80 %. The trustee's position carries no capital.
    let org = org(
        "  - {owner: ada, owned: a, share: 1}\n  - {owner: a, owned: t, share: 40%}\n  - {owner: ada, owned: t, share: 40%, indirect: true}\n  - {owner: bob, owned: t, interest: trustee}\n  - {owner: y, owned: t, share: 60%}\n",
    );
    assert_eq!(
        owners(&org),
        [
            ("y".into(), q(3, 5), q(3, 5)),
            ("ada".into(), q(2, 5), q(2, 5)),
        ]
    );
    let t = org.find_entity("t").unwrap();
    assert!(effective_owners(&org, t, any_day()).unrecorded.is_zero());
}

#[test]
fn control_follows_votes_where_they_are_given() {
    // Capital half and half; Ada's class B shares carry 70 % of the votes of a.
    let org = org(
        "  - {owner: ada, owned: a, share: 1/2}\n  - {owner: bob, owned: a, share: 1/2}\n  - {owner: ada, owned: a, share: 70%, interest: votes}\n  - {owner: bob, owned: a, share: 30%, interest: votes}\n  - {owner: a, owned: t, share: 60%}\n  - {owner: y, owned: t, share: 40%}\n",
    );
    let t = org.find_entity("t").unwrap();
    let capital = effective_owners(&org, t, any_day());
    let votes = controlling_owners(&org, t, any_day());
    let of = |e: &Effective, id: &str| {
        e.owners
            .iter()
            .find(|o| holder_id(&org, o.id) == id)
            .map(|o| o.interest.low.clone())
    };
    assert_eq!(of(&capital, "ada"), Some(q(3, 10)));
    assert_eq!(
        of(&votes, "ada"),
        Some(q(21, 50)),
        "70 % of the votes of 60 %"
    );
    assert_eq!(of(&votes, "bob"), Some(q(9, 50)));
    assert_eq!(
        of(&votes, "y"),
        Some(q(2, 5)),
        "t's own votes are not given: its shares"
    );
    let chain: Vec<String> = control_chain(&org, t, any_day())
        .chain
        .into_iter()
        .map(|h| holder_id(&org, h))
        .collect();
    assert_eq!(
        chain,
        ["a", "ada"],
        "the chain ends at the person with the votes"
    );
}

#[test]
fn an_exclusive_band_stays_exact_through_a_chain() {
    // More than 25 % up to 50 % of a, which holds half of t: more than 12.5 % up to 25 %.
    let org = org(
        "  - {owner: ada, owned: a, share: '>25%..50%'}\n  - {owner: a, owned: t, share: 1/2}\n",
    );
    let t = org.find_entity("t").unwrap();
    let e = effective_owners(&org, t, any_day());
    let ada = e
        .owners
        .iter()
        .find(|o| holder_id(&org, o.id) == "ada")
        .unwrap();
    assert_eq!(
        (ada.interest.low.clone(), ada.interest.high.clone()),
        (q(1, 8), q(1, 4))
    );
    assert!(ada.interest.low_open && !ada.interest.high_open);
    assert_eq!(ada.interest.words(), "more than 12.5 % up to 25 %");
    // What a leaves unrecorded, 50 % up to less than 75 %, times a half, and t's other half.
    assert_eq!(e.unrecorded.words(), "75 % to less than 87.5 %");
}

/// Each line of `t`'s graph as `depth holder mark rails`, rails as `|` (goes on) or `.`.
fn graph_lines(org: &Org) -> Vec<String> {
    use super::graph::{Graph, Mark, Rails};
    let t = org.find_entity("t").unwrap();
    let graph = Graph::new(org, t, any_day());
    let mut rails = Rails::default();
    graph
        .lines
        .iter()
        .map(|line| {
            let above: String = rails
                .step(line)
                .iter()
                .map(|&on| if on { '|' } else { '.' })
                .collect();
            let mark = match line.mark {
                Mark::None => "",
                Mark::Circle => " circle",
                Mark::ShownAbove => " above",
            };
            let end = if line.last { "`" } else { "+" };
            format!("{above}{end}{}{mark}", holder_id(org, line.holder))
        })
        .collect()
}

#[test]
fn the_graph_climbs_each_entity_once_and_marks_circles() {
    // b and c both hold t; a holds both b and c; t holds a back (a circle); ada holds c.
    let org = org(
        "  - {owner: b, owned: t, share: 1/2}\n  - {owner: c, owned: t, share: 1/2}\n  - {owner: a, owned: b, share: 1}\n  - {owner: a, owned: c, share: 1/2}\n  - {owner: ada, owned: c, share: 1/2}\n  - {owner: t, owned: a, share: 1/10}\n  - {owner: x, owned: a, share: 9/10}\n",
    );
    assert_eq!(
        graph_lines(&org),
        [
            "+b",
            "|`a",
            "|.+t circle",
            "|.`x",
            "`c",
            ".+a above",
            ".`ada",
        ]
    );
}

#[test]
fn a_long_chain_is_cut_at_the_most_lines() {
    use super::graph::{Graph, MAX_LINES};
    let org = chain("e", MAX_LINES + 50);
    let graph = Graph::new(&org, org.find_entity("e0").unwrap(), any_day());
    assert_eq!(graph.lines.len(), MAX_LINES);
    assert!(graph.cut);
    assert_eq!(graph.lines.last().unwrap().depth, MAX_LINES);
}
