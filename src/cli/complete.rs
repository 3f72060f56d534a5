//! Completion of entity ids (and, for `--filter`, names) from the model on the command line,
//! for the shells' dynamic completion (`COMPLETE=bash orgtree`, clap_complete's `CompleteEnv`,
//! run first thing by `main`). The shell runs `orgtree -- WORDS…` for each completion: the
//! model is the FILE among the words already typed (the embedded model without one), read as
//! a run would read it, through the model cache. What is offered is capped, and only what can
//! be typed back exactly: a text that the sanitizer would change (control, bidi or invisible
//! characters) is never offered.

use std::collections::HashSet;
use std::ffi::{OsStr, OsString};
use std::path::PathBuf;

use clap::{CommandFactory, FromArgMatches};
use clap_complete::CompletionCandidate;

use super::Cli;
use crate::load::{self, Limits};
use crate::org::Org;
use crate::sanitize::sanitize;

/// At most this many candidates: a shell shows no more usefully, and a million-entity model
/// must not print a million lines per Tab.
pub const MAX_CANDIDATES: usize = 1000;

/// What `--root` completes to: the ids that begin with what is typed.
pub fn entity_ids(current: &OsStr) -> Vec<CompletionCandidate> {
    complete(current, false)
}

/// What `--filter` completes to: the ids, then the names, that begin with what is typed (names
/// whatever their case, and only those that are not an id written in another case).
pub fn entity_ids_and_names(current: &OsStr) -> Vec<CompletionCandidate> {
    complete(current, true)
}

fn complete(current: &OsStr, names: bool) -> Vec<CompletionCandidate> {
    let Some(current) = current.to_str() else {
        return Vec::new();
    };
    let Some(org) = model_of(&typed_words()) else {
        return Vec::new();
    };
    candidates(&org, current, names)
        .into_iter()
        .map(|(value, help)| CompletionCandidate::new(value).help(help.map(Into::into)))
        .collect()
}

/// The words of the command line being completed: what the shell passes after `--`.
fn typed_words() -> Vec<OsString> {
    let args: Vec<OsString> = std::env::args_os().collect();
    let start = args
        .iter()
        .position(|a| a == "--")
        .map_or(args.len(), |i| i + 1);
    args.get(start..).unwrap_or_default().to_vec()
}

/// The model the command line `words` (the program's name first) would show: its FILE, or the
/// embedded model without one; `None` when it is standard input (which a completion must not
/// wait for) or does not load.
pub fn model_of(words: &[OsString]) -> Option<Org> {
    let matches = Cli::command()
        .ignore_errors(true)
        .try_get_matches_from(words)
        .ok()?;
    let file = matches.get_one::<PathBuf>("file").cloned();
    // The rest of the line as a run would take it, when it parses that far.
    let cli = Cli::from_arg_matches(&matches).ok();
    let reading = cli.as_ref().map(Cli::load_reading).unwrap_or_default();
    let limits = Limits {
        max_size: cli
            .as_ref()
            .map_or(Limits::default().max_size, |c| c.max_size),
    };
    let cache = match cli.as_ref().is_some_and(|c| c.no_cache) {
        true => load::Cache::off(),
        false => load::Cache::of_user(),
    };
    let loaded = match file {
        None => load::load_embedded(),
        Some(path) => match load::Input::of_arg(&path) {
            load::Input::Stdin => return None,
            input => load::load_input(&input, limits, &cache, &reading),
        },
    };
    let loaded = loaded.ok()?;
    // An entry for the next time, as a run would leave it.
    if let Some(entry) = &loaded.uncached {
        let _ = entry.write(&loaded.org, &loaded.warnings);
    }
    Some(loaded.org)
}

/// The candidates for `current` in `org`: each id that begins with it (with the entity's name
/// as its help), then, with `names`, each name that begins with it whatever the case, in the
/// model's order, each once (a name once whatever its case), at most [`MAX_CANDIDATES`].
pub fn candidates(org: &Org, current: &str, names: bool) -> Vec<(String, Option<String>)> {
    let typable = |text: &str| !text.is_empty() && sanitize(text) == text;
    let mut found: Vec<(String, Option<String>)> = Vec::new();
    let mut offered: HashSet<&str> = HashSet::new();
    for id in org.entity_ids() {
        let value = org.entity(id).id.value.as_str();
        if value.starts_with(current) && typable(value) && offered.insert(value) {
            let name = sanitize(org.name(id)).into_owned();
            found.push((value.to_owned(), Some(name)));
            if found.len() == MAX_CANDIDATES {
                return found;
            }
        }
    }
    if names {
        // The filter's search ignores case: a name that is an id but for its case adds nothing.
        let mut folded_offered: HashSet<String> =
            offered.iter().map(|v| v.to_lowercase()).collect();
        let folded = current.to_lowercase();
        for id in org.entity_ids() {
            let name = org.name(id);
            let folded_name = name.to_lowercase();
            if folded_name.starts_with(&folded)
                && typable(name)
                && folded_offered.insert(folded_name)
            {
                found.push((name.to_owned(), None));
                if found.len() == MAX_CANDIDATES {
                    break;
                }
            }
        }
    }
    found
}
