//! The neighbourhood of one record (`--around ID --depth N`): the records within N ownership
//! links of it, owners and owned alike, found in passes over the input so that a register of
//! millions of statements is never held.
//!
//! The first pass reads of each statement only its record id, its identifiers and a
//! relationship's two ends, and keeps each relationship as a pair of 64-bit hashes of their
//! record ids: 16 bytes per relationship statement (32 at most while the list grows), sorted
//! once, plus a 4-byte index by interested party — about 100 MB for the 4 million relationships
//! of a national register, and nothing else per record. The records the target names (by
//! record id, or by an identifier `SCHEME:ID`) are the centres. The links are walked N times
//! from them; the second pass then reads in full only the statements of the records found, and
//! of the relationships between them. Two record ids with the same hash (about one chance in
//! a million for ten million records) only add a record to the neighbourhood.

use std::collections::HashSet;
use std::io::{self, BufRead};

use xxhash_rust::xxh3::xxh3_64;

use crate::diagnostic::Diagnostic;
use crate::model::Pos;
use crate::suggest;

use super::statement::{Identifier, Links, Party, RecordType};
use super::stream::{self, Item};

/// How many links away from the target are kept when no depth is given.
pub const DEFAULT_DEPTH: u32 = 2;

/// A record id as the neighbourhood holds it.
pub fn hash(id: &str) -> u64 {
    xxh3_64(id.as_bytes())
}

/// What `--around` names: a record id, or an identifier `SCHEME:ID` (the scheme in any case).
#[derive(Debug, Clone)]
pub struct Target {
    text: String,
    identifier: Option<(String, String)>,
}

impl Target {
    pub fn new(text: &str) -> Target {
        Target {
            text: text.to_owned(),
            identifier: text
                .split_once(':')
                .map(|(scheme, id)| (scheme.trim().to_owned(), id.trim().to_owned())),
        }
    }

    pub fn text(&self) -> &str {
        &self.text
    }

    /// Whether a record with this id and these identifiers is the one named.
    pub fn names<'a>(
        &self,
        id: &str,
        identifiers: impl IntoIterator<Item = (&'a str, &'a str)>,
    ) -> bool {
        id == self.text
            || self.identifier.as_ref().is_some_and(|(scheme, wanted)| {
                identifiers
                    .into_iter()
                    .any(|(s, i)| i == wanted && s.eq_ignore_ascii_case(scheme))
            })
    }
}

/// A BODS identifier's scheme (its code, or its name) and id.
pub fn scheme_and_id<'a>(i: &'a Identifier<'_>) -> Option<(&'a str, &'a str)> {
    let id = i.id.as_deref()?;
    Some((i.scheme.as_deref().or(i.scheme_name.as_deref())?, id))
}

/// The ownership links met, and the records the target names.
#[derive(Debug, Default)]
pub struct Graph {
    /// (subject, interested party), by hash.
    links: Vec<(u64, u64)>,
    centres: HashSet<u64>,
}

impl Graph {
    /// Takes note of one record: `ends` for a relationship, or whether it is a centre.
    pub fn record(&mut self, id: &str, centre: bool, ends: Option<(Option<&str>, Option<&str>)>) {
        if centre {
            self.centres.insert(hash(id));
        }
        if let Some((Some(subject), Some(party))) = ends {
            self.links.push((hash(subject), hash(party)));
        }
    }

    pub fn has_centres(&self) -> bool {
        !self.centres.is_empty()
    }

    /// The records within `depth` links of the centres, by hash.
    pub fn neighbourhood(mut self, depth: u32) -> HashSet<u64> {
        self.links.sort_unstable();
        self.links.dedup();
        self.links.shrink_to_fit();
        let links = self.links;
        // Relationships beyond 4 billion are beyond any register; past them the index
        // saturates and those links are followed from their subject only.
        let mut by_party: Vec<u32> = (0..links.len())
            .map(|i| u32::try_from(i).unwrap_or(u32::MAX))
            .filter(|&i| i != u32::MAX)
            .collect();
        by_party.sort_unstable_by_key(|&i| links[i as usize].1);
        let mut kept = self.centres.clone();
        let mut frontier: Vec<u64> = self.centres.into_iter().collect();
        for _ in 0..depth {
            let mut next = Vec::new();
            for &node in &frontier {
                let from = links.partition_point(|l| l.0 < node);
                let owners = links[from..]
                    .iter()
                    .take_while(|l| l.0 == node)
                    .map(|l| l.1);
                let from = by_party.partition_point(|&i| links[i as usize].1 < node);
                let owned = by_party[from..]
                    .iter()
                    .map(|&i| links[i as usize])
                    .take_while(|l| l.1 == node)
                    .map(|l| l.0);
                for other in owners.chain(owned) {
                    if kept.insert(other) {
                        next.push(other);
                    }
                }
            }
            if next.is_empty() {
                break;
            }
            frontier = next;
        }
        kept
    }
}

/// Whether a statement about record `id` of type `kind` is in the neighbourhood `kept`: an
/// entity or a person found, or a relationship whose every named end was found.
pub fn keeps(
    kept: &HashSet<u64>,
    id: &str,
    kind: RecordType,
    ends: (Option<&str>, Option<&str>),
) -> bool {
    match kind {
        RecordType::Entity | RecordType::Person => kept.contains(&hash(id)),
        RecordType::Relationship => {
            let (subject, party) = ends;
            (subject.is_some() || party.is_some())
                && [subject, party]
                    .into_iter()
                    .flatten()
                    .all(|end| kept.contains(&hash(end)))
        }
    }
}

/// The record ids a relationship names (`None` for an end it does not name).
pub fn ends<'a>(
    subject: Option<&'a Party<'_>>,
    party: Option<&'a Party<'_>>,
) -> (Option<&'a str>, Option<&'a str>) {
    let named = |p: Option<&'a Party<'_>>| match p {
        Some(Party::Record(id)) => Some(id.as_ref()),
        _ => None,
    };
    (named(subject), named(party))
}

/// The first pass: every link, and the centres.
pub fn links(input: impl BufRead, target: &Target) -> Result<Graph, Diagnostic> {
    let mut graph = Graph::default();
    stream::statements(input, |item| {
        let Item::Statement(chunk) = item else {
            return;
        };
        // What cannot be read is reported by the second pass, which reads it again.
        let Ok(links) = serde_json::from_str::<Links>(chunk.text) else {
            return;
        };
        let d = &links.record_details;
        let centre = links.record_type != RecordType::Relationship
            && target.names(
                &links.record_id,
                d.identifiers.iter().filter_map(scheme_and_id),
            );
        let relationship = (links.record_type == RecordType::Relationship)
            .then(|| ends(d.subject.as_ref(), d.interested_party.as_ref()));
        graph.record(&links.record_id, centre, relationship);
    })?;
    Ok(graph)
}

/// The nearest record id or identifier to the target, kept while they stream by.
#[derive(Debug, Default)]
pub struct Nearest {
    best: Option<(usize, String)>,
}

impl Nearest {
    pub fn offer(&mut self, word: &str, candidate: &str) {
        if let Some(d) = suggest::closeness(word, candidate)
            && self.best.as_ref().is_none_or(|(b, _)| d < *b)
        {
            self.best = Some((d, candidate.to_owned()));
        }
    }

    /// The error for a target that names nothing, with the nearest candidate as a hint.
    pub fn error(self, name: &str, target: &Target) -> Diagnostic {
        let d = Diagnostic::error(
            Pos::UNKNOWN,
            format!(
                "--around `{}`: no record id or identifier `SCHEME:ID` in {name} names it",
                target.text()
            ),
        );
        match self.best {
            Some((_, best)) => d.with_help(format!("did you mean `{best}`?")),
            None => d.with_help("name a recordId, or an identifier as SCHEME:ID (GB-COH:01234567)"),
        }
    }
}

/// A pass over the input for the error of a target that names nothing: the nearest record id
/// or identifier, in one string at a time.
pub fn nearest(input: impl BufRead, name: &str, target: &Target) -> Diagnostic {
    let mut nearest = Nearest::default();
    let read = stream::statements(input, |item| {
        let Item::Statement(chunk) = item else {
            return;
        };
        let Ok(links) = serde_json::from_str::<Links>(chunk.text) else {
            return;
        };
        if links.record_type == RecordType::Relationship {
            return;
        }
        nearest.offer(target.text(), &links.record_id);
        for (scheme, id) in links
            .record_details
            .identifiers
            .iter()
            .filter_map(scheme_and_id)
        {
            nearest.offer(target.text(), &format!("{scheme}:{id}"));
        }
    });
    match read {
        Ok(()) => nearest.error(name, target),
        Err(d) => d,
    }
}

/// Reopens the input for another pass.
pub fn reopen(
    open: &impl Fn() -> io::Result<Box<dyn BufRead>>,
    name: &str,
) -> Result<Box<dyn BufRead>, Diagnostic> {
    open().map_err(|e| Diagnostic::error(Pos::UNKNOWN, format!("cannot read {name}: {e}")))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn graph(links: &[(&str, &str)], centres: &[&str]) -> Graph {
        let mut g = Graph::default();
        for &(s, p) in links {
            g.record("r", false, Some((Some(s), Some(p))));
        }
        for c in centres {
            g.record(c, true, None);
        }
        g
    }

    fn found(kept: &HashSet<u64>, ids: &[&str]) -> Vec<bool> {
        ids.iter().map(|id| kept.contains(&hash(id))).collect()
    }

    #[test]
    fn the_neighbourhood_follows_links_both_ways_to_its_depth() {
        // p owns a, a owns b, b owns c; q owns c; z is elsewhere.
        let links = [("a", "p"), ("b", "a"), ("c", "b"), ("c", "q"), ("y", "z")];
        let ids = ["p", "a", "b", "c", "q", "y", "z"];
        let kept = graph(&links, &["b"]).neighbourhood(0);
        assert_eq!(
            found(&kept, &ids),
            [false, false, true, false, false, false, false]
        );
        let kept = graph(&links, &["b"]).neighbourhood(1);
        assert_eq!(
            found(&kept, &ids),
            [false, true, true, true, false, false, false]
        );
        let kept = graph(&links, &["b"]).neighbourhood(2);
        assert_eq!(
            found(&kept, &ids),
            [true, true, true, true, true, false, false]
        );
        let kept = graph(&links, &["b"]).neighbourhood(99);
        assert_eq!(kept.len(), 5);
    }

    #[test]
    fn targets_name_records_by_id_or_identifier() {
        let t = Target::new("gb-coh:0123");
        assert!(t.names("x", [("GB-COH", "0123")]));
        assert!(!t.names("x", [("GB-COH", "01234")]));
        assert!(t.names("gb-coh:0123", []));
        assert!(!Target::new("abc").names("x", [("abc", "")]));
    }

    #[test]
    fn relationships_are_kept_when_their_named_ends_are() {
        let kept: HashSet<u64> = ["a", "b"].iter().map(|id| hash(id)).collect();
        let rel = RecordType::Relationship;
        assert!(keeps(&kept, "r", rel, (Some("a"), Some("b"))));
        assert!(keeps(&kept, "r", rel, (Some("a"), None)));
        assert!(!keeps(&kept, "r", rel, (Some("a"), Some("c"))));
        assert!(!keeps(&kept, "r", rel, (None, None)));
        assert!(keeps(&kept, "a", RecordType::Entity, (None, None)));
        assert!(!keeps(&kept, "c", RecordType::Person, (None, None)));
    }

    #[test]
    fn the_nearest_candidate_is_kept() {
        let mut n = Nearest::default();
        for c in ["GB-COH:0999", "GB-COH:01234568", "GB-COH:01234567x", "zzz"] {
            n.offer("GB-COH:01234567", c);
        }
        let e = n.error("psc.jsonl", &Target::new("GB-COH:01234567"));
        assert_eq!(e.help.as_deref(), Some("did you mean `GB-COH:01234568`?"));
    }
}
