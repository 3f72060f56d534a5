//! The search against the way it was first written (the oracle: every entity scored from the
//! org, a walk of the whole tree for the order, the visibility rule for the way to them), on
//! the shipped model, a large synthetic one and arbitrary queries; and its cancellation.

use super::*;
use crate::load::load_embedded;
use crate::visibility::When;

/// A tree of a model whose parents do not change over time.
fn tree(org: &Org) -> std::sync::Arc<Tree> {
    org.tree(crate::model::Day::today(), crate::org::Placing::AsWritten)
}

fn names(org: &Org, found: &Found) -> Vec<String> {
    found
        .matches
        .iter()
        .map(|&id| org.name(id).to_owned())
        .collect()
}

#[test]
fn a_large_model_is_searched_in_parallel_with_the_same_result() {
    let mut json = Vec::new();
    crate::synthetic::write(PARALLEL_FROM + 5_000, true, &mut json).unwrap();
    let loaded = crate::load::load_text(crate::load::ModelText {
        name: "large.json".into(),
        text: String::from_utf8(json).unwrap(),
    })
    .map_err(|e| e.render())
    .unwrap();
    let org = &loaded.org;
    for text in ["cloud 12", "p:person 7", "i:tem", "a:person 7"] {
        let found = find(org, &tree(org), text, None);
        let mut query = Query::new(text);
        let one_by_one = EntitySet::from_fn(org, |id| query.matches(org, id));
        assert_eq!(found.matched, one_by_one, "{text}");
        assert!(found.matches.len() > 10, "{text}: {}", found.matches.len());
        let best = found.best.unwrap();
        let top = org
            .entity_ids()
            .filter_map(|id| query.entity_score(org, id))
            .max();
        assert_eq!(query.entity_score(org, best), top, "{text}");
    }
}

#[test]
fn finds_by_name_in_tree_order() {
    let org = load_embedded().unwrap().org;
    let found = find(&org, &tree(&org), "cloud", None);
    assert_eq!(
        names(&org, &found),
        ["Orange Cloud for Business", "Cloudwatt"].map(String::from)
    );
}

#[test]
fn finds_by_other_names_and_by_prefix_people_and_attributes() {
    let org = load_embedded().unwrap().org;
    let found = |text| names(&org, &find(&org, &tree(&org), text, None));
    assert_eq!(found("CDC"), ["Caisse des Dépôts"]);
    // Names by default; people, kinds, identifiers and attributes when asked for.
    assert!(found("starck").is_empty());
    assert_eq!(found("p:starck"), ["Cloudwatt"]);
    assert!(found("smart cities").is_empty());
    assert_eq!(
        found("i:smart cities"),
        ["Orange Applications for Business"]
    );
    assert_eq!(
        found("a:smart cities"),
        ["Orange Applications for Business"]
    );
    assert!(found("company").is_empty(), "{:?}", found("company"));
    assert!(found("i:company").len() > 3);
    assert!(found("i:datacenter").contains(&"Val-de-Reuil datacenter".to_owned()));
}

#[test]
fn ancestors_of_matches_are_shown_but_do_not_match() {
    let org = load_embedded().unwrap().org;
    let found = find(&org, &tree(&org), "atheos", None);
    let orange = org.find_entity("orange").unwrap();
    let cyber = org.find_entity("orange-cyberdefense").unwrap();
    assert!(found.shown.contains(orange) && found.shown.contains(cyber));
    assert_eq!(names(&org, &found), ["Atheos"]);
    let sfr = org.find_entity("sfr").unwrap();
    assert!(!found.shown.contains(sfr));
}

#[test]
fn narrowing_within_previous_matches_gives_the_same_result() {
    let org = load_embedded().unwrap().org;
    let wide = find(&org, &tree(&org), "or", None);
    let narrow = find(&org, &tree(&org), "ora", Some(&wide.matches));
    assert_eq!(
        names(&org, &narrow),
        names(&org, &find(&org, &tree(&org), "ora", None))
    );
}

#[test]
fn case_does_not_matter_and_scattered_letters_do_not_match() {
    let org = load_embedded().unwrap().org;
    assert_eq!(
        names(&org, &find(&org, &tree(&org), "CloudWatt", None)),
        ["Cloudwatt"]
    );
    assert_eq!(
        names(&org, &find(&org, &tree(&org), "caisse", None)),
        ["Caisse des Dépôts"]
    );
    assert_eq!(names(&org, &find(&org, &tree(&org), "sfr", None)), ["SFR"]);
}

#[test]
fn the_best_match_is_known() {
    let org = load_embedded().unwrap().org;
    let found = find(&org, &tree(&org), "cloudwatt", None);
    assert_eq!(org.name(found.best.unwrap()), "Cloudwatt");
}

#[test]
fn positions_mark_the_matched_graphemes() {
    let mut q = Query::new("cwt");
    assert_eq!(q.positions("Cloudwatt"), [0, 5, 7]);
}

/// The search as it was first written: the reference the fast paths must agree with.
fn reference(org: &Org, tree: &Tree, text: &str, within: Option<&[EntityId]>) -> Found {
    let everyone: Vec<EntityId> = org.entity_ids().collect();
    let candidates = within.unwrap_or(&everyone);
    let mut query = Query::new(text);
    let mut matched = EntitySet::new(org);
    let mut best: Option<(u32, EntityId)> = None;
    for &id in candidates {
        if let Some(score) = query.entity_score(org, id) {
            matched.insert(id);
            if best.is_none_or(|(b, _)| score > b) {
                best = Some((score, id));
            }
        }
    }
    let shown = crate::visibility::filtered(org, tree, crate::visibility::When::Any, &matched);
    let mut matches = Vec::new();
    let roots: Vec<EntityId> = tree.roots().collect();
    tree.walk(&roots, None, |visit| {
        if matched.contains(visit.id) {
            matches.push(visit.id);
        }
        std::ops::ControlFlow::Continue(())
    });
    Found {
        matches,
        best: best.map(|(_, id)| id),
        matched,
        shown,
    }
}

/// The same matches in the same order, the same best match and the same entities shown.
fn assert_same(found: &Found, expected: &Found, what: &str) {
    assert_eq!(found.matches, expected.matches, "{what}: matches");
    assert_eq!(found.best, expected.best, "{what}: best");
    assert_eq!(found.matched, expected.matched, "{what}: matched");
    assert_eq!(found.shown, expected.shown, "{what}: shown");
}

/// Every way of searching `text` in `org` (from the org, from the arena, narrowed from the
/// reference's answer to `narrowed_from`) against the reference.
fn check_every_path(org: &Org, haystacks: &Haystacks, text: &str, narrowed_from: Option<&str>) {
    let tree = tree(org);
    let order = TreeOrder::new(&tree);
    let within = narrowed_from.map(|wide| reference(org, &tree, wide, None).matches);
    let within = within.as_deref();
    let expected = reference(org, &tree, text, within);
    assert_same(&find(org, &tree, text, within), &expected, text);
    let scope = Scope {
        org,
        tree: &tree,
        order: &order,
        haystacks: Some(haystacks),
    };
    let indexed = search(scope, text, within, &|| false).unwrap();
    assert_same(&indexed, &expected, &format!("{text} (arena)"));
    check_first_matches(scope, text, within, &expected);
    check_filtered(org, &tree, &expected);
}

/// The first matches of a search are the first of the reference's, among the candidates
/// looked at, with the best of them.
fn check_first_matches(scope: Scope<'_>, text: &str, within: Option<&[EntityId]>, all: &Found) {
    let (org, tree) = (scope.org, scope.tree);
    let mut walk = Vec::new();
    tree.walk(&tree.roots().collect::<Vec<_>>(), None, |visit| {
        walk.push(visit.id);
        std::ops::ControlFlow::Continue(())
    });
    let candidates = within.unwrap_or(&walk);
    let budget = (candidates.len() / 2).max(1);
    for wanted in [1, 3, 1000] {
        let looked_at = &candidates[..budget.min(candidates.len())];
        let expected: Vec<EntityId> = looked_at
            .iter()
            .copied()
            .filter(|&id| all.matched.contains(id))
            .take(wanted)
            .collect();
        let first = first_matches(scope, text, within, wanted, budget);
        if budget >= candidates.len() || expected.is_empty() {
            assert!(first.is_none(), "{text}: first {wanted}");
            continue;
        }
        let first = first.unwrap();
        assert_eq!(first.matches, expected, "{text}: first {wanted}");
        let mut query = Query::new(text);
        let mut best: Option<(u32, EntityId)> = None;
        for &id in &expected {
            let score = query.entity_score(org, id).unwrap();
            if best.is_none_or(|(b, _)| score > b) {
                best = Some((score, id));
            }
        }
        assert_eq!(first.best, best.map(|(_, id)| id), "{text}: first best");
        let shown = crate::visibility::filtered(org, tree, When::Any, &first.matched);
        assert_eq!(first.shown, shown, "{text}: first shown");
    }
}

/// What a view shows of the matches, worked out from them, is the visibility rule's answer
/// (on any date, and on days the entities of the model come and go), and what it expands is
/// the parent of each entity it shows.
fn check_filtered(org: &Org, tree: &Tree, found: &Found) {
    let days = ["2010-01-01", "2014-06-01", "2020-01-01"]
        .map(|d| When::On(d.parse::<crate::model::PartialDate>().unwrap().first_day()));
    for when in std::iter::once(When::Any).chain(days) {
        // The rule, naively: each match that exists, and every ancestor of it that exists.
        let exists = |id| match when {
            When::On(day) => org.exists_at(id, day),
            When::Any => true,
        };
        let mut rule = tree.empty_set();
        for id in found.matched.iter().filter(|&id| exists(id)) {
            rule.insert(id);
            let mut at = id;
            while let Some(parent) = tree.parent(at) {
                if exists(parent) {
                    rule.insert(parent);
                }
                at = parent;
            }
        }
        let filtered = crate::visibility::filtered(org, tree, when, &found.matched);
        assert_eq!(filtered, rule, "{when:?}: the rule");
        let from_matches = crate::visibility::filtered_matches(org, tree, when, &found.matches);
        assert_eq!(from_matches.shown, rule, "{when:?}: shown");
        let mut parents = tree.empty_set();
        for id in rule.iter() {
            if let Some(parent) = tree.parent(id) {
                parents.insert(parent);
            }
        }
        assert_eq!(from_matches.expand, parents, "{when:?}: expanded");
    }
}

fn large() -> Org {
    let mut json = Vec::new();
    crate::synthetic::write(PARALLEL_FROM + 5_000, true, &mut json).unwrap();
    crate::load::load_text(crate::load::ModelText {
        name: "large.json".into(),
        text: String::from_utf8(json).unwrap(),
    })
    .map_err(|e| e.render())
    .unwrap()
    .org
}

#[test]
fn the_arena_and_the_bookkeeping_agree_with_the_reference_on_a_large_model() {
    let org = large();
    let haystacks = Haystacks::build(&org).unwrap();
    assert_eq!(haystacks.len(), org.entity_count());
    for text in [
        "c", "cloud 12", "person 7", "tem", "e1", "Re 4", "!a", "^Cap", "'rgy 9",
    ] {
        check_every_path(&org, &haystacks, text, None);
    }
    check_every_path(&org, &haystacks, "cap", Some("ca"));
    check_every_path(&org, &haystacks, "e12", Some("e1"));
}

#[test]
fn the_arena_agrees_with_the_reference_on_accents_kinds_people_and_attributes() {
    let org = load_embedded().unwrap().org;
    let haystacks = Haystacks::build(&org).unwrap();
    for text in [
        "dépôts",
        "depots",
        "DÉPÔTS",
        "cdc",
        "starck",
        "smart cities",
        "business unit",
        "subsidiary",
        "Q",
        "orange !cloud",
        "^orange",
        "watt$",
        "é",
        " ",
    ] {
        check_every_path(&org, &haystacks, text, None);
    }
    check_every_path(&org, &haystacks, "orange c", Some("orange"));
}

#[test]
fn a_cancelled_search_gives_nothing() {
    let org = large();
    let tree = tree(&org);
    let order = TreeOrder::new(&tree);
    let scope = Scope {
        org: &org,
        tree: &tree,
        order: &order,
        haystacks: None,
    };
    assert!(search(scope, "cloud", None, &|| true).is_none());
    // Cancelled halfway through: the part already scored is not given either.
    let asked = std::sync::atomic::AtomicUsize::new(0);
    let halfway = || asked.fetch_add(1, std::sync::atomic::Ordering::SeqCst) > 3;
    assert!(search(scope, "cloud", None, &halfway).is_none());
    assert!(asked.into_inner() > 3);
}

#[test]
fn ranks_follow_the_walk_of_the_tree() {
    let org = large();
    let tree = tree(&org);
    let order = TreeOrder::new(&tree);
    let roots: Vec<EntityId> = tree.roots().collect();
    let mut walked = Vec::new();
    tree.walk(&roots, None, |visit| {
        walked.push(visit.id);
        std::ops::ControlFlow::Continue(())
    });
    let everyone: Vec<EntityId> = org.entity_ids().collect();
    assert_eq!(order.sort(everyone.iter().copied()), walked);
    // A few, sorted rather than marked: the same order.
    let few: Vec<EntityId> = everyone.iter().rev().step_by(997).copied().collect();
    let expected: Vec<EntityId> = walked
        .iter()
        .copied()
        .filter(|id| few.contains(id))
        .collect();
    assert!(few.len() < everyone.len() / 64);
    assert_eq!(order.sort(few.iter().copied()), expected);
}

mod arbitrary {
    use super::*;
    use proptest::prelude::*;

    fn shipped() -> &'static (Org, Haystacks) {
        static SHIPPED: std::sync::OnceLock<(Org, Haystacks)> = std::sync::OnceLock::new();
        SHIPPED.get_or_init(|| {
            let org = load_embedded().unwrap().org;
            let haystacks = Haystacks::build(&org).unwrap();
            (org, haystacks)
        })
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]

        /// Any query, with the pattern syntax (`!`, `^`, `'`, `$`, `\`), capitals, accents and
        /// spaces, finds what the reference finds, from the org and from the arena, and
        /// narrowing from any prefix of it agrees too.
        #[test]
        fn any_query_finds_what_the_reference_finds(
            text in r"[a-zA-Z0-9 !^'$\\éÉôüß.-]{1,8}",
            cut in 0usize..8,
        ) {
            let (org, haystacks) = shipped();
            let cut = text.char_indices().nth(cut).map_or(text.len(), |(i, _)| i);
            let prefix = &text[..cut];
            check_every_path(org, haystacks, &text, None);
            if !prefix.is_empty() {
                check_every_path(org, haystacks, &text, Some(prefix));
            }
        }
    }
}

#[test]
fn the_arena_agrees_on_combining_marks_other_scripts_and_odd_capitals() {
    let text = "title: t
entities:
  - {id: a, name: \"Cafe\u{301} Noir\", kind: group}
  - {id: b, name: \"\u{212A}elvin Works\", kind: company, parent: a}
  - {id: c, name: \"ΣΊΣΥΦΟΣ\", kind: company, parent: a, other_names: [\"İstanbul Ltd\"]}
  - {id: d, name: \"Ｆｕｌｌ Ｗｉｄｔｈ\", kind: team, parent: b}
  - {id: e, name: \"Straße 5\", kind: team, parent: b, attributes: {note: \"x\u{200B}y\"}}
";
    let org = crate::load::load_text(crate::load::ModelText {
        name: "t.yaml".into(),
        text: text.into(),
    })
    .map_err(|e| e.render())
    .unwrap()
    .org;
    let haystacks = Haystacks::build(&org).unwrap();
    for text in [
        "cafe",
        "café",
        "kelvin",
        "k",
        "σίσυφος",
        "σ",
        "istanbul",
        "i̇",
        "full",
        "ｆｕｌｌ",
        "strasse",
        "straße",
        "xy",
        "x",
        "noir works",
        "!k",
    ] {
        check_every_path(&org, &haystacks, text, None);
    }
    // Not vacuous: some of them match.
    let tree = tree(&org);
    assert!(!find(&org, &tree, "cafe", None).matches.is_empty());
    assert!(!find(&org, &tree, "kelvin", None).matches.is_empty());
}

#[test]
fn a_prefix_searches_descriptions_notes_sources_or_people() {
    let org = load_embedded().unwrap().org;
    let tree = tree(&org);
    let haystacks = Haystacks::build(&org).unwrap();
    let ids = |text: &str| -> Vec<String> {
        find(&org, &tree, text, None)
            .matches
            .iter()
            .map(|&id| org.entity(id).id.value.to_string())
            .collect()
    };
    // Four entities' descriptions say "sovereign"; no name does.
    assert!(ids("sovereign").is_empty());
    assert_eq!(
        ids("d:sovereign"),
        ["cloudwatt", "andromede", "french-state", "numergy"]
    );
    // Sources by publisher; people alone; everything.
    assert!(ids("s:tribune").contains(&"cloudwatt".to_owned()));
    assert_eq!(ids("p:starck"), ["cloudwatt"]);
    assert!(
        ids("p:cloudwatt").is_empty(),
        "p: looks at people, not names"
    );
    assert_eq!(ids("a:sovereign"), ids("d:sovereign"));
    // Every path (arena or not, first matches, narrowed) agrees on a prefixed query.
    for text in ["d:sovereign", "s:tribune", "p:starck", "n:state", "a:cloud"] {
        check_every_path(&org, &haystacks, text, None);
    }
    check_every_path(&org, &haystacks, "d:sovereign cloud", Some("d:sovereign"));
    // A name with a colon that is no prefix is searched as written.
    assert_eq!(Field::split("x:y"), (Field::Names, "x:y"));
    assert_eq!(Field::split(" d:y"), (Field::Descriptions, "y"));
    // A prefixed query highlights no name.
    assert!(Query::new("d:cloud").positions("Cloudwatt").is_empty());
    assert!(!Query::new("cloud").positions("Cloudwatt").is_empty());
}

#[test]
fn people_are_found_as_people() {
    let org = load_embedded().unwrap().org;
    let starck = org.find_person("patrick-starck").unwrap();
    assert_eq!(best_person(&org, "p:starck"), Some(starck));
    assert_eq!(best_person(&org, "starck"), Some(starck));
    assert_eq!(best_person(&org, "p:zzzz"), None);
}
