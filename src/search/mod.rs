//! Fuzzy search over the model: by default, the entities' names (the names they had too), ids
//! and other names. A prefix searches other texts instead ([`Field`]): `d:sovereign` the
//! descriptions, `n:` the notes, `s:` the sources cited, `p:` the people who hold roles or
//! stakes, `i:` the identifiers (an LEI, a register number, a Wikidata QID), kinds and
//! attribute values, `a:` all of them. The explorer and `--dump --filter` share it.

mod haystacks;
mod order;
pub mod worker;

use nucleo_matcher::pattern::{CaseMatching, Normalization, Pattern};
use nucleo_matcher::{Config, Matcher, Utf32Str};

use crate::org::{EntityId, EntitySet, Holder, Org, PersonId, Tree};
pub use haystacks::Haystacks;
pub use order::TreeOrder;

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

/// Which texts a query looks at, chosen by a prefix of the query.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    /// No prefix: names (the earlier ones too), ids and other names.
    Names,
    /// Identifiers, kinds and attribute values.
    Details,
    Descriptions,
    Notes,
    /// The publishers and titles of the sources an entity, its stakes and its roles cite.
    Sources,
    /// The people holding its roles and stakes; in the explorer, Enter opens the best one's page.
    People,
    All,
}

/// The prefixes, what they search, for the help and the README.
pub const PREFIXES: &[(&str, Field, &str)] = &[
    ("d:", Field::Descriptions, "descriptions"),
    ("n:", Field::Notes, "notes"),
    ("s:", Field::Sources, "sources cited: publishers and titles"),
    (
        "p:",
        Field::People,
        "people (Enter opens the best one's page)",
    ),
    (
        "i:",
        Field::Details,
        "identifiers, kinds and attribute values",
    ),
    ("a:", Field::All, "all of these and the names"),
];

impl Field {
    /// The field a query's prefix asks for, and the query without it.
    pub fn split(text: &str) -> (Field, &str) {
        let trimmed = text.trim_start();
        PREFIXES
            .iter()
            .find_map(|&(prefix, field, _)| trimmed.strip_prefix(prefix).map(|rest| (field, rest)))
            .unwrap_or((Field::Names, text))
    }

    /// Whether names are among the texts, so that a match can be shown in a name.
    pub fn has_names(self) -> bool {
        matches!(self, Field::Names | Field::All)
    }
}

/// A compiled query.
pub struct Query {
    /// The texts it looks at.
    pub field: Field,
    pattern: Pattern,
    matcher: Matcher,
    buf: Vec<char>,
    min_score: u32,
    /// The characters a text must hold to match, as a mask (see `haystacks`).
    needed: u64,
}

impl Query {
    pub fn new(text: &str) -> Self {
        let (field, text) = Field::split(text);
        let letters = text.chars().filter(|c| !c.is_whitespace()).count();
        // Case never matters: sources spell names every which way (CloudWatt, Cloudwatt).
        let pattern = Pattern::parse(text, CaseMatching::Ignore, Normalization::Smart);
        Query {
            field,
            needed: haystacks::needed(&pattern),
            pattern,
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

    /// As [`Query::score`], on a text already in the matcher's form.
    fn score_text(&mut self, haystack: Utf32Str<'_>) -> Option<u32> {
        self.pattern
            .score(haystack, &mut self.matcher)
            .filter(|&s| s >= self.min_score)
    }

    /// How well `id` matches on the best of the texts its field looks at, read from the org.
    pub fn entity_score(&mut self, org: &Org, id: EntityId) -> Option<u32> {
        match self.field {
            Field::Names => self.names_score(org, id),
            Field::Details => self.details_score(org, id),
            Field::Descriptions => self.description_score(org, id),
            Field::Notes => self.notes_score(org, id),
            Field::Sources => self.sources_score(org, id),
            Field::People => self.people_score(org, id),
            Field::All => [
                self.names_score(org, id),
                self.details_score(org, id),
                self.people_score(org, id),
                self.description_score(org, id),
                self.notes_score(org, id),
                self.sources_score(org, id),
            ]
            .into_iter()
            .max()
            .flatten(),
        }
    }

    /// The best score among `texts`.
    fn best<'t>(&mut self, texts: impl IntoIterator<Item = &'t str>) -> Option<u32> {
        texts.into_iter().map(|t| self.score(t)).max().flatten()
    }

    fn description_score(&mut self, org: &Org, id: EntityId) -> Option<u32> {
        self.best(org.entity(id).description.as_deref())
    }

    fn notes_score(&mut self, org: &Org, id: EntityId) -> Option<u32> {
        let e = org.entity(id);
        let competing = e.more().competing.iter().filter_map(|c| c.note.as_deref());
        self.best(
            e.more()
                .notes
                .iter()
                .map(|n| n.text.as_str())
                .chain(competing),
        )
    }

    fn sources_score(&mut self, org: &Org, id: EntityId) -> Option<u32> {
        let refs = org
            .entity(id)
            .sources
            .iter()
            .chain(org.stakes_in(id).flat_map(|s| s.stake.sources.iter()))
            .chain(org.roles_in(id).flat_map(|r| r.role.sources.iter()));
        let sources: Vec<&crate::model::Source> = refs
            .filter_map(|r| org.find_source(&r.value))
            .map(|s| org.source(s))
            .collect();
        self.best(
            sources
                .iter()
                .flat_map(|s| [s.publisher.as_str(), s.title.as_str()]),
        )
    }

    fn people_score(&mut self, org: &Org, id: EntityId) -> Option<u32> {
        let people: Vec<PersonId> = org
            .roles_in(id)
            .filter_map(|r| r.person)
            .chain(
                org.stakes_in(id)
                    .filter_map(|s| s.owner.and_then(Holder::person)),
            )
            .collect();
        self.best(people.iter().map(|&p| org.person(p).name.as_str()))
    }

    /// How well `id` matches on its names (the earlier ones too), id and other names.
    fn names_score(&mut self, org: &Org, id: EntityId) -> Option<u32> {
        let e = org.entity(id);
        let names = org.names_over_time(id);
        self.best(
            names
                .into_iter()
                .chain([e.id.as_str()])
                .chain(e.more().other_names.iter().map(String::as_str)),
        )
    }

    /// How well `id` matches on its identifiers, kinds and attribute values.
    fn details_score(&mut self, org: &Org, id: EntityId) -> Option<u32> {
        let e = org.entity(id);
        let kinds: Vec<&str> = e.kind.spans().map(|(k, _)| k.as_str()).collect();
        self.best(
            e.more()
                .identifiers
                .iter()
                .map(|i| i.id.as_str())
                .chain(kinds)
                .chain(e.more().attributes.values().map(String::as_str)),
        )
    }

    /// Whether `id` matches on any of its searchable texts.
    pub fn matches(&mut self, org: &Org, id: EntityId) -> bool {
        self.entity_score(org, id).is_some()
    }

    /// The positions (in graphemes) of `text` that the query matched, for highlighting; none
    /// when the query looks at other texts than names (`d:`, `n:`…).
    pub fn positions(&mut self, text: &str) -> Vec<usize> {
        if !self.field.has_names() {
            return Vec::new();
        }
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

/// What a search looks at: the org, the tree its matches are ordered and shown in (with its
/// depth-first ranks), and the texts gathered in an arena, once they are.
#[derive(Clone, Copy)]
pub struct Scope<'a> {
    pub org: &'a Org,
    pub tree: &'a Tree,
    pub order: &'a TreeOrder,
    /// `None` while the arena is being built: the texts are then read from the org, for the
    /// same result.
    pub haystacks: Option<&'a Haystacks>,
}

/// Finds the entities matching `text`, looking only among `within` when given (a query that
/// extends the previous one can only narrow its matches); matches come in the order of `tree`,
/// with the way to them. Reads the texts from the org: for one search, gathering them first
/// would cost more than it saves.
pub fn find(org: &Org, tree: &Tree, text: &str, within: Option<&[EntityId]>) -> Found {
    let order = TreeOrder::new(tree);
    let scope = Scope {
        org,
        tree,
        order: &order,
        haystacks: None,
    };
    search(scope, text, within, &|| false).unwrap_or_default()
}

/// [`find`] in `scope`, given up (`None`) as soon as `cancelled` says so: it is asked every
/// few thousand candidates.
pub fn search(
    scope: Scope<'_>,
    text: &str,
    within: Option<&[EntityId]>,
    cancelled: &(dyn Fn() -> bool + Sync),
) -> Option<Found> {
    let Scope {
        org, tree, order, ..
    } = scope;
    let candidates = match within {
        Some(ids) => Candidates::Some(ids),
        None => Candidates::All(org.entity_count()),
    };
    let chunks = score_all(scope, text, candidates, cancelled)?;
    if cancelled() {
        return None;
    }
    let mut matched = EntitySet::new(org);
    let mut best: Option<(u32, EntityId)> = None;
    for (ids, chunk_best) in &chunks {
        for &id in ids {
            matched.insert(id);
        }
        if let Some((score, id)) = *chunk_best
            && better(score, best)
        {
            best = Some((score, id));
        }
    }
    let found = chunks.iter().flat_map(|(ids, _)| ids.iter().copied());
    let shown = order::with_ancestors(tree, found.clone());
    let matches = order.sort(found);
    Some(Found {
        matches,
        best: best.map(|(_, id)| id),
        matched,
        shown,
    })
}

/// The entities a search scores: every one, or those a previous search found.
#[derive(Clone, Copy)]
enum Candidates<'a> {
    All(usize),
    Some(&'a [EntityId]),
}

impl Candidates<'_> {
    fn len(self) -> usize {
        match self {
            Candidates::All(n) => n,
            Candidates::Some(ids) => ids.len(),
        }
    }

    /// The candidates `range` of them, in order.
    fn slice(self, range: std::ops::Range<usize>) -> impl Iterator<Item = EntityId> {
        let (all, some) = match self {
            Candidates::All(n) => (range.start.min(n)..range.end.min(n), &[][..]),
            Candidates::Some(ids) => (0..0, ids.get(range).unwrap_or_default()),
        };
        // Ids are u32s (see `Org::entity_ids`).
        all.map(|n| EntityId(u32::try_from(n).unwrap_or(u32::MAX)))
            .chain(some.iter().copied())
    }
}

/// Below this many candidates, one thread scores them sooner than several would start.
const PARALLEL_FROM: usize = 20_000;

/// How many candidates are scored between two looks at whether the search was cancelled.
const CHECK_EVERY: usize = 2048;

/// Scores entities for one query, from the arena when there is one.
struct Scorer<'a> {
    org: &'a Org,
    haystacks: Option<&'a Haystacks>,
    query: Query,
}

impl<'a> Scorer<'a> {
    fn new(scope: Scope<'a>, text: &str) -> Scorer<'a> {
        let org = scope.org;
        Scorer {
            org,
            // An arena built from another org (a reload's) is not asked.
            haystacks: scope.haystacks.filter(|h| h.len() == org.entity_count()),
            query: Query::new(text),
        }
    }

    fn score(&mut self, id: EntityId) -> Option<u32> {
        // The arena holds the names' texts only: other fields are read from the org.
        match self.haystacks.filter(|_| self.query.field == Field::Names) {
            Some(h) => h.entity_score(&mut self.query, id),
            None if self.org.has_entity(id) => self.query.entity_score(self.org, id),
            None => None,
        }
    }
}

/// The first matches of `text` in tree order, up to `wanted` of them, looking at no more than
/// `budget` candidates: what the first screen of a search shows while the whole of it is
/// found. The candidates are every entity in tree order, or `within`, which is in tree order
/// (the matches of an earlier search). `None` when the candidates looked at are all there are
/// (the search is then as quick as this) or none of them matched.
pub fn first_matches(
    scope: Scope<'_>,
    text: &str,
    within: Option<&[EntityId]>,
    wanted: usize,
    budget: usize,
) -> Option<Found> {
    let total = within.map_or(scope.org.entity_count(), <[_]>::len);
    if total <= budget {
        return None;
    }
    let candidates: Box<dyn Iterator<Item = EntityId>> = match within {
        Some(ids) => Box::new(ids.iter().copied()),
        None => Box::new(scope.order.walk().iter().copied()),
    };
    let mut scorer = Scorer::new(scope, text);
    let mut found = Vec::new();
    let mut best: Option<(u32, EntityId)> = None;
    for id in candidates.take(budget) {
        if let Some(score) = scorer.score(id) {
            found.push(id);
            if better(score, best) {
                best = Some((score, id));
            }
            if found.len() == wanted {
                break;
            }
        }
    }
    if found.is_empty() {
        return None;
    }
    let mut matched = EntitySet::new(scope.org);
    for &id in &found {
        matched.insert(id);
    }
    Some(Found {
        shown: order::with_ancestors(scope.tree, found.iter().copied()),
        matches: scope.order.sort(found.iter().copied()),
        best: best.map(|(_, id)| id),
        matched,
    })
}

/// The person whose name `text` (with or without its `p:`) matches best: a search for people
/// as people leads to their page.
pub fn best_person(org: &Org, text: &str) -> Option<PersonId> {
    let (_, text) = Field::split(text);
    let mut query = Query::new(text);
    let people = u32::try_from(org.model.people.len()).unwrap_or(u32::MAX);
    let mut best: Option<(u32, PersonId)> = None;
    for p in (0..people).map(PersonId) {
        if let Some(score) = query.score(&org.person(p).name)
            && best.is_none_or(|(b, _)| score > b)
        {
            best = Some((score, p));
        }
    }
    best.map(|(_, p)| p)
}

/// Whether a match that scores `score` is better than `best`: of two that score the same, the
/// best is the first candidate.
fn better(score: u32, best: Option<(u32, EntityId)>) -> bool {
    best.is_none_or(|(b, _)| score > b)
}

/// The matches of a run of candidates, in their order, and the best of them with its score.
type Chunk = (Vec<EntityId>, Option<(u32, EntityId)>);

/// The matching candidates, in candidate order, with the best of each chunk: a chunk per core for large
/// models, so a keystroke costs a fraction of a scan. `None` when cancelled.
fn score_all(
    scope: Scope<'_>,
    text: &str,
    candidates: Candidates<'_>,
    cancelled: &(dyn Fn() -> bool + Sync),
) -> Option<Vec<Chunk>> {
    let score_chunk = |range: std::ops::Range<usize>| {
        let mut scorer = Scorer::new(scope, text);
        let mut out = Vec::new();
        let mut best = None;
        let mut from = range.start;
        while from < range.end {
            if cancelled() {
                return None;
            }
            let to = (from + CHECK_EVERY).min(range.end);
            for id in candidates.slice(from..to) {
                if let Some(score) = scorer.score(id) {
                    out.push(id);
                    if better(score, best) {
                        best = Some((score, id));
                    }
                }
            }
            from = to;
        }
        Some((out, best))
    };
    let len = candidates.len();
    // Asked once: the answer reads cgroup files, which a search per keystroke need not do.
    static THREADS: std::sync::OnceLock<usize> = std::sync::OnceLock::new();
    let threads =
        *THREADS.get_or_init(|| std::thread::available_parallelism().map_or(1, |n| n.get().min(8)));
    if len < PARALLEL_FROM || threads == 1 {
        return Some(vec![score_chunk(0..len)?]);
    }
    let chunk_len = len.div_ceil(threads);
    std::thread::scope(|scope| {
        let workers: Vec<_> = (0..len)
            .step_by(chunk_len)
            .map(|from| scope.spawn(move || score_chunk(from..(from + chunk_len).min(len))))
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
mod tests;
