//! Fuzzy search over the model: entity names, ids, other names, kinds, attribute values, and
//! the names of the people who hold roles in them. The explorer and `--dump --filter` share it.

use nucleo_matcher::pattern::{CaseMatching, Normalization, Pattern};
use nucleo_matcher::{Config, Matcher, Utf32Str};

use crate::org::{EntityId, Org};

/// What a query found.
#[derive(Debug, Clone, Default)]
pub struct Found {
    /// The matching entities, in tree order.
    pub matches: Vec<EntityId>,
    /// For each entity, whether it matches.
    pub matched: Vec<bool>,
    /// For each entity, whether to show it: it matches, or it is an ancestor of a match.
    pub shown: Vec<bool>,
}

impl Found {
    pub fn is_match(&self, id: EntityId) -> bool {
        self.matched.get(id.0 as usize).copied().unwrap_or(false)
    }
}

/// A compiled query.
pub struct Query {
    pattern: Pattern,
    matcher: Matcher,
    buf: Vec<char>,
}

impl Query {
    pub fn new(text: &str) -> Self {
        Query {
            pattern: Pattern::parse(text, CaseMatching::Smart, Normalization::Smart),
            matcher: Matcher::new(Config::DEFAULT),
            buf: Vec::new(),
        }
    }

    fn hits(&mut self, haystack: &str) -> bool {
        self.pattern
            .score(Utf32Str::new(haystack, &mut self.buf), &mut self.matcher)
            .is_some()
    }

    /// Whether `id` matches on any of its searchable texts.
    pub fn matches(&mut self, org: &Org, id: EntityId) -> bool {
        let e = org.entity(id);
        self.hits(&e.name)
            || self.hits(&e.id)
            || self.hits(e.kind.as_str())
            || e.other_names.iter().any(|n| self.hits(n))
            || e.attributes.values().any(|v| self.hits(v))
            || org.roles_in(id).any(|r| {
                org.find_person(&r.person)
                    .is_some_and(|p| self.hits(&org.person(p).name))
            })
    }

    /// The positions (in graphemes) of `text` that the query matched, for highlighting.
    pub fn positions(&mut self, text: &str) -> Vec<usize> {
        let mut indices = Vec::new();
        self.pattern.indices(
            Utf32Str::new(text, &mut self.buf),
            &mut self.matcher,
            &mut indices,
        );
        indices.sort_unstable();
        indices.dedup();
        indices.into_iter().map(|i| i as usize).collect()
    }
}

/// Finds the entities matching `text`, looking only among `within` when given (a query that
/// extends the previous one can only narrow its matches).
pub fn find(org: &Org, text: &str, within: Option<&[EntityId]>) -> Found {
    let mut query = Query::new(text);
    let mut matched = vec![false; org.entity_count()];
    match within {
        Some(candidates) => {
            for &id in candidates {
                matched[id.0 as usize] = query.matches(org, id);
            }
        }
        None => {
            for (n, hit) in matched.iter_mut().enumerate() {
                *hit = query.matches(org, EntityId(n as u32));
            }
        }
    }
    let mut shown = matched.clone();
    for (n, &hit) in matched.iter().enumerate() {
        if !hit {
            continue;
        }
        let mut at = EntityId(n as u32);
        while let Some(parent) = org.parent(at) {
            if shown[parent.0 as usize] {
                break;
            }
            shown[parent.0 as usize] = true;
            at = parent;
        }
    }
    let mut matches = Vec::new();
    let roots: Vec<EntityId> = org.roots().collect();
    org.walk(&roots, None, |visit| {
        if matched[visit.id.0 as usize] {
            matches.push(visit.id);
        }
        std::ops::ControlFlow::Continue(())
    });
    Found {
        matches,
        matched,
        shown,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::load_embedded;

    fn names(org: &Org, found: &Found) -> Vec<String> {
        found
            .matches
            .iter()
            .map(|&id| org.entity(id).name.clone())
            .collect()
    }

    #[test]
    fn finds_by_name_in_tree_order() {
        let org = load_embedded().unwrap().org;
        let found = find(&org, "cloud", None);
        assert_eq!(
            names(&org, &found),
            ["Orange Cloud for Business", "Cloudwatt"].map(String::from)
        );
    }

    #[test]
    fn finds_by_other_names_people_and_attributes() {
        let org = load_embedded().unwrap().org;
        assert_eq!(names(&org, &find(&org, "CDC", None)), ["Caisse des Dépôts"]);
        assert_eq!(names(&org, &find(&org, "starck", None)), ["Cloudwatt"]);
        assert_eq!(
            names(&org, &find(&org, "smart cities", None)),
            ["Orange Applications for Business"]
        );
    }

    #[test]
    fn ancestors_of_matches_are_shown_but_do_not_match() {
        let org = load_embedded().unwrap().org;
        let found = find(&org, "atheos", None);
        let orange = org.find_entity("orange").unwrap();
        let cyber = org.find_entity("orange-cyberdefense").unwrap();
        assert!(found.shown[orange.0 as usize] && found.shown[cyber.0 as usize]);
        assert_eq!(names(&org, &found), ["Atheos"]);
        let sfr = org.find_entity("sfr").unwrap();
        assert!(!found.shown[sfr.0 as usize]);
    }

    #[test]
    fn narrowing_within_previous_matches_gives_the_same_result() {
        let org = load_embedded().unwrap().org;
        let wide = find(&org, "or", None);
        let narrow = find(&org, "ora", Some(&wide.matches));
        assert_eq!(names(&org, &narrow), names(&org, &find(&org, "ora", None)));
    }

    #[test]
    fn positions_mark_the_matched_graphemes() {
        let mut q = Query::new("cwt");
        assert_eq!(q.positions("Cloudwatt"), [0, 5, 7]);
    }
}
