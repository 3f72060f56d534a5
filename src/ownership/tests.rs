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
        Holder::Entity(e) => org.entity(e).id.value.clone(),
        Holder::Person(p) => org.person(p).id.value.clone(),
    }
}

fn org(stakes: &str) -> Org {
    let yaml = format!(
        "title: t\nentities:\n{}stakes:\n{stakes}",
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

fn q(n: i64, d: i64) -> BigRational {
    BigRational::new(BigInt::from(n), BigInt::from(d))
}

/// `(owner id, low, high)` of each ultimate owner of `t`.
fn owners(org: &Org) -> Vec<(String, BigRational, BigRational)> {
    let t = org.find_entity("t").unwrap();
    effective_owners(org, t, any_day())
        .owners
        .into_iter()
        .map(|o| {
            (
                holder_id(&org, o.id),
                o.interest.low,
                o.interest.high,
            )
        })
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
    let stakes: String = (0..100)
        .map(|i| format!("  - {{owner: c{}, owned: c{i}, share: 1}}\n", i + 1))
        .collect();
    let entities: String = (0..=100)
        .map(|i| format!("  - {{id: c{i}, name: c{i}, kind: company}}\n"))
        .collect();
    let yaml = format!("title: t\nentities:\n{entities}stakes:\n{stakes}");
    let org = Org::new(parse(&yaml, crate::load::Syntax::Yaml).unwrap())
        .map_err(|d| format!("{d:?}"))
        .unwrap()
        .0;
    let e = effective_owners(&org, org.find_entity("c0").unwrap(), any_day());
    assert!(e.circling.is_zero());
    assert_eq!(holder_id(&org, e.owners[0].id), "c100");
    assert_eq!(e.owners[0].interest.low, q(1, 1));
    assert_eq!(
        e.owners[0].via,
        [Holder::Entity(org.find_entity("c99").unwrap())]
    );
}
