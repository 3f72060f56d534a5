//! Fuzzy search over the model: entity names, ids, other names, identifiers (an LEI, a
//! register number, a Wikidata QID), kinds, attribute values, and the names of the people who
//! hold roles or stakes in them. The explorer and `--dump --filter` share it.

use nucleo_matcher::pattern::{CaseMatching, Normalization, Pattern};
use nucleo_matcher::{Config, Matcher, Utf32Str};

use crate::org::{EntityId, EntitySet, Org, Tree};
use crate::visibility;

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
    /// The matching entities, as a set.
    pub matched: EntitySet,
    /// The entities to show: those that match, and the ancestors of a match (the rule of
    /// [`crate::visibility`], on any date).
    pub shown: EntitySet,
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
        // Earlier names too: a company is still looked for by the name it had.
        for name in org.names_over_time(id) {
            consider(self.score(name));
        }
        consider(self.score(&e.id));
        for (kind, _) in e.kind.spans() {
            consider(self.score(kind.as_str()));
        }
        for n in &e.more().other_names {
            consider(self.score(n));
        }
        for identifier in &e.more().identifiers {
            consider(self.score(&identifier.id));
        }
        for v in e.more().attributes.values() {
            consider(self.score(v));
        }
        for r in org.roles_in(id) {
            if let Some(p) = r.person {
                consider(self.score(&org.person(p).name));
            }
        }
        for s in org.stakes_in(id) {
            if let Some(p) = s.owner.and_then(crate::org::Holder::person) {
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
/// extends the previous one can only narrow its matches); matches come in the order of `tree`,
/// with the way to them.
pub fn find(org: &Org, tree: &Tree, text: &str, within: Option<&[EntityId]>) -> Found {
    let everyone: Vec<EntityId>;
    let candidates = match within {
        Some(candidates) => candidates,
        None => {
            everyone = org.entity_ids().collect();
            &everyone
        }
    };
    let mut matched = EntitySet::new(org);
    let mut best: Option<(u32, EntityId)> = None;
    for chunk in score_all(org, text, candidates) {
        for (id, score) in chunk {
            matched.insert(id);
            if best.is_none_or(|(b, _)| score > b) {
                best = Some((score, id));
            }
        }
    }
    let shown = visibility::filtered(org, tree, visibility::When::Any, &matched);
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

/// Below this many candidates, one thread scores them sooner than several would start.
const PARALLEL_FROM: usize = 20_000;

/// The matching candidates with their scores, in candidate order: a chunk per core for large
/// models, so a keystroke costs a fraction of a scan.
fn score_all(org: &Org, text: &str, candidates: &[EntityId]) -> Vec<Vec<(EntityId, u32)>> {
    let score_chunk = |chunk: &[EntityId]| {
        let mut query = Query::new(text);
        chunk
            .iter()
            .filter_map(|&id| query.entity_score(org, id).map(|score| (id, score)))
            .collect::<Vec<_>>()
    };
    if candidates.len() < PARALLEL_FROM {
        return vec![score_chunk(candidates)];
    }
    // Asked once: the answer reads cgroup files, which a search per keystroke need not do.
    static THREADS: std::sync::OnceLock<usize> = std::sync::OnceLock::new();
    let threads =
        *THREADS.get_or_init(|| std::thread::available_parallelism().map_or(1, |n| n.get().min(8)));
    if threads == 1 {
        return vec![score_chunk(candidates)];
    }
    let chunk_len = candidates.len().div_ceil(threads);
    std::thread::scope(|scope| {
        let workers: Vec<_> = candidates
            .chunks(chunk_len)
            .map(|chunk| scope.spawn(move || score_chunk(chunk)))
            .collect();
        workers
            .into_iter()
            .map(|w| {
                w.join()
                    .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
            })
            .collect()
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::load_embedded;

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
        for text in ["cloud 12", "person 7", "tem"] {
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
    fn finds_by_other_names_people_and_attributes() {
        let org = load_embedded().unwrap().org;
        assert_eq!(
            names(&org, &find(&org, &tree(&org), "CDC", None)),
            ["Caisse des Dépôts"]
        );
        assert_eq!(
            names(&org, &find(&org, &tree(&org), "starck", None)),
            ["Cloudwatt"]
        );
        assert_eq!(
            names(&org, &find(&org, &tree(&org), "smart cities", None)),
            ["Orange Applications for Business"]
        );
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
}
