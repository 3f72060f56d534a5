//! Fuzzy search over the model: entity names, ids, other names, kinds, attribute values, and
//! the names of the people who hold roles in them. The explorer and `--dump --filter` share it.

use nucleo_matcher::pattern::{CaseMatching, Normalization, Pattern};
use nucleo_matcher::{Config, Matcher, Utf32Str};

use crate::org::{EntityId, Org};

/// A match must score at least this much per character of the query: the letters of an
/// exact or initial-letter match score well above it, letters scattered across a long name
/// (`caisse` in "Orange Applications for Business") below.
const MIN_SCORE_PER_CHAR: u32 = 18;

/// What a query found.
#[derive(Debug, Clone, Default)]
pub struct Found {
    /// The matching entities, in tree order.
    pub matches: Vec<EntityId>,
    /// The best-scoring match.
    pub best: Option<EntityId>,
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
    min_score: u32,
}

impl Query {
    pub fn new(text: &str) -> Self {
        let letters = text.chars().filter(|c| !c.is_whitespace()).count();
        Query {
            // Case never matters: sources spell names every which way (CloudWatt, Cloudwatt).
            pattern: Pattern::parse(text, CaseMatching::Ignore, Normalization::Smart),
            matcher: Matcher::new(Config::DEFAULT),
            buf: Vec::new(),
            min_score: MIN_SCORE_PER_CHAR * u32::try_from(letters).unwrap_or(u32::MAX),
        }
    }

    /// How well `haystack` matches, when it matches well enough.
    fn score(&mut self, haystack: &str) -> Option<u32> {
        self.pattern
            .score(Utf32Str::new(haystack, &mut self.buf), &mut self.matcher)
            .filter(|&s| s >= self.min_score)
    }

    /// How well `id` matches on the best of its searchable texts.
    pub fn entity_score(&mut self, org: &Org, id: EntityId) -> Option<u32> {
        let e = org.entity(id);
        let mut best = None;
        let mut consider = |score: Option<u32>| {
            if score > best {
                best = score;
            }
        };
        consider(self.score(&e.name));
        consider(self.score(&e.id));
        consider(self.score(e.kind.as_str()));
        for n in &e.other_names {
            consider(self.score(n));
        }
        for v in e.attributes.values() {
            consider(self.score(v));
        }
        for r in org.roles_in(id) {
            if let Some(p) = org.find_person(&r.person) {
                consider(self.score(&org.person(p).name));
            }
        }
        best
    }

    /// Whether `id` matches on any of its searchable texts.
    pub fn matches(&mut self, org: &Org, id: EntityId) -> bool {
        self.entity_score(org, id).is_some()
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
    let mut best: Option<(u32, EntityId)> = None;
    let mut try_one = |id: EntityId, matched: &mut Vec<bool>| {
        if let Some(score) = query.entity_score(org, id) {
            matched[id.0 as usize] = true;
            if best.is_none_or(|(b, _)| score > b) {
                best = Some((score, id));
            }
        }
    };
    match within {
        Some(candidates) => {
            for &id in candidates {
                try_one(id, &mut matched);
            }
        }
        None => {
            for n in 0..org.entity_count() {
                try_one(EntityId(n as u32), &mut matched);
            }
        }
    }
    let shown = with_ancestors(org, &matched);
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
        best: best.map(|(_, id)| id),
        matched,
        shown,
    }
}

/// `marked`, and every ancestor of a marked entity.
pub fn with_ancestors(org: &Org, marked: &[bool]) -> Vec<bool> {
    let mut shown = marked.to_vec();
    for (n, &hit) in marked.iter().enumerate() {
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
    shown
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
    fn case_does_not_matter_and_scattered_letters_do_not_match() {
        let org = load_embedded().unwrap().org;
        assert_eq!(names(&org, &find(&org, "CloudWatt", None)), ["Cloudwatt"]);
        assert_eq!(
            names(&org, &find(&org, "caisse", None)),
            ["Caisse des Dépôts"]
        );
        assert_eq!(names(&org, &find(&org, "sfr", None)), ["SFR"]);
    }

    #[test]
    fn the_best_match_is_known() {
        let org = load_embedded().unwrap().org;
        let found = find(&org, "cloudwatt", None);
        assert_eq!(org.entity(found.best.unwrap()).name, "Cloudwatt");
    }

    #[test]
    fn positions_mark_the_matched_graphemes() {
        let mut q = Query::new("cwt");
        assert_eq!(q.positions("Cloudwatt"), [0, 5, 7]);
    }
}
