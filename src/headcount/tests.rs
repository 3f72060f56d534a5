use proptest::prelude::*;

use super::*;
use crate::load::{Syntax, parse};
use crate::org::Placing;

fn org(yaml: &str) -> Org {
    Org::new(parse(yaml, Syntax::Yaml).unwrap()).unwrap().0
}

fn day(text: &str) -> Day {
    text.parse::<crate::model::PartialDate>()
        .unwrap()
        .first_day()
}

/// A small HR table as a model: positions under their managers, one person in each, one
/// person in two positions, one vacancy, and a position held until 2019.
const HR: &str = "title: HR
as_of: 2020-01
entities:
  - {id: ceo, name: Chief Executive, kind: position}
  - {id: cto, name: Chief Technology Officer, kind: position, parent: ceo}
  - {id: dev1, name: Developer 1, kind: position, parent: cto}
  - {id: dev2, name: Developer 2, kind: position, parent: cto}
  - {id: cfo, name: Chief Financial Officer, kind: position, parent: ceo}
  - {id: acc, name: Accountant, kind: position, parent: cfo}
  - {id: old, name: Old Post, kind: position, parent: cfo, dissolved: 2019}
people:
  - {id: ann, name: Ann}
  - {id: bob, name: Bob}
  - {id: cy, name: Cy}
  - {id: di, name: Di}
  - {id: ed, name: Ed}
roles:
  - {person: ann, entity: ceo, title: CEO}
  - {person: bob, entity: cto, title: CTO}
  - {person: cy, entity: dev1, title: Developer}
  - {person: cy, entity: dev2, title: Developer}
  - {person: di, entity: cfo, title: CFO}
  - {person: di, entity: acc, title: Acting accountant}
  - {person: ed, entity: old, title: Clerk, end: 2018}
";

fn counts_of(org: &Org, id: &str, on: &str) -> Counts {
    let tree = org.tree(day(on), Placing::UnderExisting);
    Headcount::new(org, &tree, day(on)).of(org.find_entity(id).unwrap())
}

#[test]
fn a_person_in_two_positions_counts_once_above_them() {
    let org = org(HR);
    let cto = counts_of(&org, "cto", "2020");
    assert_eq!((cto.people_direct, cto.people_total), (1, 2));
    assert_eq!((cto.units_direct, cto.units_total), (2, 2));
    // Cy in both developer posts is one direct report.
    assert_eq!(cto.span, 1);
    let ceo = counts_of(&org, "ceo", "2020");
    assert_eq!((ceo.people_direct, ceo.people_total), (1, 4));
    assert_eq!((ceo.units_direct, ceo.units_total), (2, 5));
    assert_eq!(ceo.span, 2);
}

#[test]
fn a_person_is_not_their_own_report() {
    let org = org(HR);
    let cfo = counts_of(&org, "cfo", "2020");
    // Di holds the accountant's post too: no report; the old post is gone.
    assert_eq!((cfo.span, cfo.people_total, cfo.units_direct), (0, 1, 1));
    // In 2017 the old post exists and Ed holds it.
    let cfo = counts_of(&org, "cfo", "2017");
    assert_eq!((cfo.span, cfo.people_total, cfo.units_direct), (1, 2, 2));
    assert!(!counts_of(&org, "dev1", "2020").has_subtree());
}

#[test]
fn a_chain_twenty_thousand_deep_is_counted() {
    let mut yaml = String::from("title: chain\nentities:\n  - {id: e0, name: E0, kind: team}\n");
    for n in 1..20_000 {
        yaml.push_str(&format!(
            "  - {{id: e{n}, name: E{n}, kind: team, parent: e{}}}\n",
            n - 1
        ));
    }
    yaml.push_str("people:\n  - {id: p, name: P}\nroles:\n");
    yaml.push_str(
        "  - {person: p, entity: e0, title: T}\n  - {person: p, entity: e19999, title: T}\n",
    );
    let org = org(&yaml);
    let top = counts_of(&org, "e0", "2020");
    assert_eq!(
        (top.units_total, top.people_total, top.people_direct),
        (19_999, 1, 1)
    );
    assert_eq!(counts_of(&org, "e1", "2020").people_total, 1);
}

/// A random forest with random roles: each entity's parent is an earlier one or none.
fn random_model(parents: &[Option<usize>], roles: &[(usize, usize)]) -> String {
    let mut yaml = String::from("title: random\nentities:\n");
    for (n, p) in parents.iter().enumerate() {
        match p {
            Some(p) => yaml.push_str(&format!(
                "  - {{id: e{n}, name: E{n}, kind: team, parent: e{}}}\n",
                p % n.max(1)
            )),
            None => yaml.push_str(&format!("  - {{id: e{n}, name: E{n}, kind: team}}\n")),
        }
    }
    yaml.push_str("people:\n");
    for p in 0..6 {
        yaml.push_str(&format!("  - {{id: p{p}, name: P{p}}}\n"));
    }
    yaml.push_str("roles:\n");
    for (person, entity) in roles {
        yaml.push_str(&format!(
            "  - {{person: p{person}, entity: e{}, title: T}}\n",
            entity % parents.len()
        ));
    }
    yaml
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn totals_are_the_children_plus_self(
        parents in proptest::collection::vec(proptest::option::weighted(0.8, 0usize..1000), 1..30),
        roles in proptest::collection::vec((0usize..6, 0usize..1000), 0..40),
    ) {
        let mut parents = parents;
        parents[0] = None;
        let org = org(&random_model(&parents, &roles));
        let on = day("2020");
        let tree = org.tree(on, Placing::UnderExisting);
        let heads = Headcount::new(&org, &tree, on);
        for id in org.entity_ids() {
            let c = heads.of(id);
            let children: Vec<EntityId> = tree.children(id).collect();
            prop_assert_eq!(c.units_direct as usize, children.len());
            let below: u32 = children.iter().map(|&k| heads.of(k).units_total + 1).sum();
            prop_assert_eq!(c.units_total, below);
            // People over the subtree, counted by brute force: each person once.
            let mut inside = std::collections::BTreeSet::new();
            let mut direct = std::collections::BTreeSet::new();
            for role in org.roles() {
                if let (Some(p), Some(e)) = (role.person, role.entity) {
                    if tree.is_within(e, id) { inside.insert(p); }
                    if e == id { direct.insert(p); }
                }
            }
            prop_assert_eq!(c.people_total as usize, inside.len());
            prop_assert_eq!(c.people_direct as usize, direct.len());
            // Never more than self plus the sum over children.
            let sum: u32 = children.iter().map(|&k| heads.of(k).people_total).sum();
            prop_assert!(c.people_total <= c.people_direct + sum);
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn a_sorted_tree_keeps_parents_and_breaks_ties_by_model_order(
        parents in proptest::collection::vec(proptest::option::weighted(0.8, 0usize..1000), 1..30),
        roles in proptest::collection::vec((0usize..6, 0usize..1000), 0..40),
    ) {
        let mut parents = parents;
        parents[0] = None;
        let org = org(&random_model(&parents, &roles));
        let on = day("2020");
        let tree = org.tree(on, Placing::UnderExisting);
        let heads = Headcount::new(&org, &tree, on);
        let view = sorted(&org, &tree, &heads, on, Order::Headcount).unwrap();
        let key = |id: EntityId| {
            let c = heads.of(id);
            std::cmp::Reverse((c.people_total, c.units_total))
        };
        let siblings = std::iter::once(None).chain(org.entity_ids().map(Some));
        for parent in siblings {
            let (before, after): (Vec<EntityId>, Vec<EntityId>) = match parent {
                None => (tree.roots().collect(), view.roots().collect()),
                Some(p) => (tree.children(p).collect(), view.children(p).collect()),
            };
            let mut expected = before.clone();
            expected.sort_by_key(|&id| key(id));
            prop_assert_eq!(&after, &expected);
            for (i, &id) in after.iter().enumerate() {
                prop_assert_eq!(view.parent(id), tree.parent(id));
                prop_assert_eq!(view.sibling_index(id), i);
                prop_assert_eq!(view.depth(id), tree.depth(id));
            }
        }
        prop_assert!(sorted(&org, &tree, &heads, on, Order::Model).is_none());
    }
}
