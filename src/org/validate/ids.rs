//! Ids that are easy to get wrong: empty, padded with spaces, or different from another id of
//! the same kind (entities, people, sources) only by case, Unicode normalisation, or characters
//! that look alike. A reference must name an id exactly, so such ids invite references to the
//! wrong item; they are warnings, not errors.

use std::collections::HashMap;
use std::fmt::Write as _;

use caseless::Caseless;
use unicode_normalization::UnicodeNormalization;

use crate::diagnostic::Diagnostic;
use crate::model::{Pos, Ref};
use crate::org::Org;

const SAME_HELP: &str = "references must name an id exactly, so these are easy to mix up: give \
                         one of them a clearly different id, or merge the two if they are the same";
const LOOKALIKE_HELP: &str = "letters from another script, or invisible characters, make \
                              different ids look the same: rename one of them, in one script";

/// Adds a warning for each id of `org` that is easy to get wrong.
pub fn check(org: &Org, diagnostics: &mut Vec<Diagnostic>) {
    let m = &org.model;
    let entities: Vec<&Ref> = m.entities.iter().map(|e| &e.id).collect();
    let people: Vec<&Ref> = m.people.iter().map(|p| &p.id).collect();
    let sources: Vec<&Ref> = m.sources.iter().map(|s| &s.id).collect();
    for (noun, ids) in [
        ("entity", entities),
        ("person", people),
        ("source", sources),
    ] {
        namespace(noun, &ids, diagnostics);
    }
}

/// The ids of one kind of item, in file order.
fn namespace(noun: &str, ids: &[&Ref], diagnostics: &mut Vec<Diagnostic>) {
    for id in ids {
        if id.is_empty() {
            diagnostics.push(
                Diagnostic::warning(id.pos, format!("this {noun}'s id is empty"))
                    .with_help("give it an id that says what it is: references name it by its id"),
            );
        } else if id.starts_with(char::is_whitespace) || id.ends_with(char::is_whitespace) {
            diagnostics.push(
                Diagnostic::warning(
                    id.pos,
                    format!("{noun} id `{}` starts or ends with spaces", id.value),
                )
                .with_help("references must repeat the spaces exactly: write the id without them"),
            );
        }
    }
    // Ids in ASCII without capitals can only collide by being equal, which is an error of its
    // own: the common case costs one pass over the bytes.
    if ids
        .iter()
        .all(|id| !id.bytes().any(|b| !b.is_ascii() || b.is_ascii_uppercase()))
    {
        return;
    }
    let folded: Vec<String> = ids.iter().map(|id| fold(id)).collect();
    let mut reported = vec![false; ids.len()];
    let mut first: HashMap<&str, usize> = HashMap::with_capacity(ids.len());
    for (n, key) in folded.iter().enumerate() {
        match first.get(key.as_str()) {
            Some(&f) if ids[f].value != ids[n].value => {
                reported[n] = true;
                diagnostics.push(
                    Diagnostic::warning(
                        ids[n].pos,
                        format!(
                            "{noun} id `{}` differs from `{}` ({}) only in case or Unicode \
                             normalisation{}",
                            ids[n].value,
                            ids[f].value,
                            defined_at(ids[f].pos),
                            spelled(ids[n], ids[f])
                        ),
                    )
                    .with_help(SAME_HELP),
                );
            }
            Some(_) => {}
            None => {
                first.insert(key, n);
            }
        }
    }
    // Look-alikes need a character outside ASCII: within ASCII the confusables are digits and
    // letters (`l` and `1`, `O` and `0`), too common in ids to warn about.
    if ids.iter().all(|id| id.is_ascii()) {
        return;
    }
    let mut first: HashMap<String, usize> = HashMap::with_capacity(ids.len());
    for (n, key) in folded.iter().enumerate() {
        let skeleton: String = unicode_security::skeleton(key).collect();
        match first.get(&skeleton) {
            Some(&f)
                if !reported[n]
                    && folded[f] != *key
                    && !(ids[f].is_ascii() && ids[n].is_ascii()) =>
            {
                diagnostics.push(
                    Diagnostic::warning(
                        ids[n].pos,
                        format!(
                            "{noun} id `{}` looks like `{}` ({}){}",
                            ids[n].value,
                            ids[f].value,
                            defined_at(ids[f].pos),
                            spelled(ids[n], ids[f])
                        ),
                    )
                    .with_help(LOOKALIKE_HELP),
                );
            }
            Some(_) => {}
            None => {
                first.insert(skeleton, n);
            }
        }
    }
}

/// The id with case and compatibility differences folded away: Unicode's compatibility
/// caseless match (D146), NFKD(CaseFold(NFKD(CaseFold(NFD(id))))).
fn fold(id: &str) -> String {
    if id.is_ascii() {
        return id.to_ascii_lowercase();
    }
    id.chars()
        .nfd()
        .default_case_fold()
        .nfkd()
        .default_case_fold()
        .nfkd()
        .collect()
}

fn defined_at(pos: Pos) -> String {
    if pos.is_known() {
        format!("defined at line {}, column {}", pos.line, pos.col)
    } else {
        "defined before".to_owned()
    }
}

/// `; `a` has U+212A, `b` has U+0301`: the characters outside ASCII that make two ids look
/// alike or the same, which a reader cannot tell apart on the screen.
fn spelled(a: &str, b: &str) -> String {
    let mut out = String::new();
    for id in [a, b] {
        let mut points: Vec<char> = Vec::new();
        for c in id.chars().filter(|c| !c.is_ascii()) {
            if !points.contains(&c) {
                points.push(c);
            }
        }
        if points.is_empty() {
            continue;
        }
        out.push_str(if out.is_empty() { "; " } else { ", " });
        // Writing to a String cannot fail.
        let _ = write!(out, "`{id}` has");
        for c in points.iter().take(6) {
            let _ = write!(out, " U+{:04X}", u32::from(*c));
        }
        if points.len() > 6 {
            out.push_str(" …");
        }
    }
    out
}
