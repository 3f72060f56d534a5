//! Reading a model file: size and type checks before any work, UTF-8 with positions, the YAML
//! parse under explicit budgets, then resolution and validation. Every failure becomes a list of
//! [`Diagnostic`]s that say where and what to do.

use std::path::Path;

use crate::diagnostic::{Diagnostic, SHOWN, render_at_most};
use crate::model::{Model, Pos};
use crate::org::Org;

mod cache;
#[doc(hidden)]
pub mod differential;
mod fast;
mod file;
mod foreign;
mod hints;
pub mod input;
mod parallel;
pub mod progress;
mod recover;
mod split;
mod stream;
mod yaml;

use file::{into_text, read_bounded};

pub use cache::{Cache, Entry as CacheEntry, MIN_SIZE as MIN_CACHED_SIZE};
pub use foreign::Reading;
pub use input::Input;
pub use progress::Meter;

/// The shipped model, used when no file is given.
pub const EMBEDDED_MODEL: &str = include_str!("../../data/orange-cloud.yaml");
/// How the shipped model is named in messages.
pub const EMBEDDED_NAME: &str = "orange-cloud.yaml (embedded)";

/// Limits checked before a file is parsed.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// Largest model file accepted, in bytes.
    pub max_size: u64,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_size: 1024 * 1024 * 1024,
        }
    }
}

/// A model file's name (as shown in messages) and its text.
#[derive(Debug, Clone)]
pub struct ModelText {
    pub name: String,
    pub text: String,
}

/// A model that loaded, with the warnings validation found.
#[derive(Debug)]
pub struct Loaded {
    pub org: Org,
    pub warnings: Vec<Diagnostic>,
    pub file: ModelText,
    /// Where the org is to be cached, when it was loaded from a file that has a cache entry
    /// and not read from that entry: writing it is the caller's (`CacheEntry::write`), who
    /// knows when it costs least.
    pub uncached: Option<CacheEntry>,
}

/// A model that did not load: every problem found, and the text to quote lines from.
#[derive(Debug)]
pub struct LoadError {
    pub name: String,
    pub text: Option<String>,
    pub diagnostics: Vec<Diagnostic>,
    /// The file itself could not be read (it is missing, not a regular file, or reading it
    /// failed), rather than read and found not to be a model: an I/O error, not a model problem.
    pub unreadable: bool,
}

impl LoadError {
    fn whole_file(name: &str, message: String, help: &str) -> Self {
        LoadError {
            name: name.to_owned(),
            text: None,
            diagnostics: vec![Diagnostic::error(Pos::UNKNOWN, message).with_help(help)],
            unreadable: false,
        }
    }

    /// The file could not be read at all.
    fn unreadable(name: &str, message: String, help: &str) -> Self {
        LoadError {
            unreadable: true,
            ..LoadError::whole_file(name, message, help)
        }
    }

    /// The problems, rendered for a person: the first [`SHOWN`] of them, and how many more.
    pub fn render(&self) -> String {
        render_at_most(&self.diagnostics, &self.name, self.text.as_deref(), SHOWN)
    }
}

/// Loads the model `input` holds, read as `reading` says: an orgtree model, or a table, flat
/// records or BODS statements, told apart by name and first bytes unless the kind is given. A
/// regular model file goes through [`load_file_cached`]; standard input, a pipe, a FIFO and a
/// gzip file are read as a stream under the size limit.
pub fn load_input(
    input: &Input,
    limits: Limits,
    cache: &Cache,
    reading: &Reading,
) -> Result<Loaded, LoadError> {
    let name = input.name();
    let meter = reading.meter.as_ref();
    let peeked = foreign::peek(input, limits, reading)?;
    if let Some(kind) = peeked.kind {
        return foreign::load(input, peeked.stream, kind, limits, reading);
    }
    match input.regular_file() {
        Some(path) if !input::named_gzip(&name) => {
            drop(peeked);
            load_file_metered(path, limits, cache, meter)
        }
        _ => {
            let bytes = input::read_all(peeked.stream, &name, limits)?;
            let text = into_text(&name, bytes)?;
            load_text_metered(ModelText { name, text }, meter)
        }
    }
}

/// Loads the model file at `path`, without the cache.
pub fn load_file(path: &Path, limits: Limits) -> Result<Loaded, LoadError> {
    load_file_cached(path, limits, &Cache::off())
}

/// Loads the model file at `path`: from `cache` when it holds the org of this very file (see
/// `cache`), else from the file, with [`Loaded::uncached`] saying where to cache it.
pub fn load_file_cached(path: &Path, limits: Limits, cache: &Cache) -> Result<Loaded, LoadError> {
    load_file_metered(path, limits, cache, None)
}

/// [`load_file_cached`], telling `meter` how far it is.
fn load_file_metered(
    path: &Path,
    limits: Limits,
    cache: &Cache,
    meter: Option<&Meter>,
) -> Result<Loaded, LoadError> {
    let name = path.display().to_string();
    let entry = cache
        .entry(path)
        .filter(|entry| entry.size() <= limits.max_size);
    if let Some(meter) = meter
        && entry.is_some()
    {
        meter.enter(progress::Stage::Restoring, None, false);
    }
    if let Some(hit) = entry.as_ref().and_then(cache::Entry::read) {
        // The warnings quote the file's lines, so a model with warnings keeps its text.
        let text = if hit.warnings.is_empty() {
            String::new()
        } else {
            into_text(&name, read_bounded(path, &name, limits, None)?)?
        };
        return Ok(Loaded {
            org: hit.org,
            warnings: hit.warnings,
            file: ModelText { name, text },
            uncached: None,
        });
    }
    let loaded = match stream::json(path, &name, limits, meter) {
        Some(loaded) => loaded,
        None => {
            let bytes = read_bounded(path, &name, limits, meter)?;
            let text = into_text(&name, bytes)?;
            load_text_metered(ModelText { name, text }, meter)?
        }
    };
    Ok(Loaded {
        uncached: entry,
        ..loaded
    })
}

/// Loads a model from the bytes of a file named `name`: they must be UTF-8, without NUL; a
/// byte-order mark is dropped.
pub fn load_bytes(name: String, bytes: Vec<u8>) -> Result<Loaded, LoadError> {
    let text = into_text(&name, bytes)?;
    load_text(ModelText { name, text })
}

/// Loads the shipped model.
pub fn load_embedded() -> Result<Loaded, LoadError> {
    load_text(ModelText {
        name: EMBEDDED_NAME.to_owned(),
        text: EMBEDDED_MODEL.to_owned(),
    })
}

/// Loads a model from its text.
pub fn load_text(file: ModelText) -> Result<Loaded, LoadError> {
    load_text_metered(file, None)
}

/// [`load_text`], telling `meter` how far it is: the parse, then the org's building.
fn load_text_metered(file: ModelText, meter: Option<&Meter>) -> Result<Loaded, LoadError> {
    let syntax = Syntax::of(&file);
    if let Some(meter) = meter {
        let total = Some(file.text.len() as u64);
        meter.enter(progress::Stage::Parsing, total, syntax == Syntax::Yaml);
    }
    let model = match progress::metering(meter, || read(&file.text, syntax)) {
        Ok(model) => model,
        Err(diagnostics) => {
            return Err(LoadError {
                name: file.name,
                text: Some(file.text),
                diagnostics,
                unreadable: false,
            });
        }
    };
    building(meter, &model);
    match Org::new(model) {
        Ok((org, warnings)) => Ok(Loaded {
            org,
            warnings: with_positions(warnings, &file.text, syntax),
            file,
            uncached: None,
        }),
        Err(diagnostics) => Err(LoadError {
            diagnostics: with_positions(diagnostics, &file.text, syntax),
            name: file.name,
            text: Some(file.text),
            unreadable: false,
        }),
    }
}

/// Tells `meter` that the org of `model` is being built.
fn building(meter: Option<&Meter>, model: &Model) {
    if let Some(meter) = meter {
        meter.building(model.entities.len() as u64);
    }
}

/// The syntax a model is written in. JSON is YAML too, but its own parser reads it many times
/// faster, so a JSON model is read as JSON.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Syntax {
    Yaml,
    Json,
}

impl Syntax {
    /// JSON when the file is named `*.json`, or when its text opens an object with a quoted key.
    pub fn of(file: &ModelText) -> Syntax {
        Syntax::sniff(&file.name, &file.text)
    }

    /// The same, from a file's name and the start of its text.
    fn sniff(name: &str, start: &str) -> Syntax {
        let named_json = Path::new(name)
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("json"));
        let looks_json = start
            .trim_start()
            .strip_prefix('{')
            .is_some_and(|rest| rest.trim_start().starts_with(['"', '}']));
        if named_json || looks_json {
            Syntax::Json
        } else {
            Syntax::Yaml
        }
    }
}

/// The JSON parser gives values no positions; when a JSON model has problems, it is read again
/// as YAML (which it also is) so that each problem says where it is.
fn with_positions(found: Vec<Diagnostic>, text: &str, syntax: Syntax) -> Vec<Diagnostic> {
    if syntax == Syntax::Yaml || found.is_empty() {
        return found;
    }
    let placed = match parse(text, Syntax::Yaml).map(Org::new) {
        Ok(Ok((_, warnings))) => warnings,
        Ok(Err(errors)) => errors,
        Err(_) => return found,
    };
    if placed.len() == found.len() {
        placed
    } else {
        found
    }
}

/// Reads a model's text: at once when it is valid, and when it is not, on to every problem.
fn read(text: &str, syntax: Syntax) -> Result<Model, Vec<Diagnostic>> {
    if syntax == Syntax::Yaml && !text.trim().is_empty() {
        return parallel::read(text, parallel::Plan::of_machine()).map_err(|e| {
            // Finding every problem is no part of the read the meter follows.
            progress::metering(None, || {
                recover::recover(text, yaml::problem(&e, 0), &yaml::class(&e))
            })
        });
    }
    parse(text, syntax).map_err(|d| vec![d])
}

/// Parses a model's text. This, `yaml` and `fast` are the only code that calls the YAML and JSON
/// libraries.
pub fn parse(text: &str, syntax: Syntax) -> Result<Model, Diagnostic> {
    if text.trim().is_empty() {
        return Err(Diagnostic::error(Pos::UNKNOWN, "the model file is empty")
            .with_help("a model needs at least a `title:`; see docs/model.md"));
    }
    if syntax == Syntax::Json {
        // serde_json limits nesting itself (128 levels) and has no aliases to expand.
        return serde_json::from_str::<Model>(text).map_err(|e| json_problem(&e));
    }
    parallel::read(text, parallel::Plan::of_machine()).map_err(|e| yaml::problem(&e, 0))
}

/// Turns the JSON library's error into a diagnostic at its position.
fn json_problem(err: &serde_json::Error) -> Diagnostic {
    let pos = Pos {
        line: u32::try_from(err.line()).unwrap_or(u32::MAX),
        col: u32::try_from(err.column()).unwrap_or(u32::MAX),
    };
    // The library's message ends with its own " at line L column C": ours says where already.
    let message = err.to_string();
    let message = message
        .rsplit_once(" at line ")
        .map_or(message.as_str(), |(m, _)| m)
        .to_owned();
    let help = match err.classify() {
        serde_json::error::Category::Data => "see docs/model.md for the model format",
        serde_json::error::Category::Eof => "the JSON ends too early: close every { and [",
        _ => "this is not valid JSON here",
    };
    Diagnostic::error(pos, message).with_help(help)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_embedded_model_loads_without_warnings() {
        let loaded = load_embedded().map_err(|e| e.render()).unwrap();
        assert!(loaded.warnings.is_empty(), "{:?}", loaded.warnings);
        assert!(loaded.org.entity_count() > 10);
    }

    #[test]
    fn lists_of_references_are_read_to_their_length() {
        let text = "title: t\nsources:\n  - {id: a, publisher: p, title: t}\n  - {id: b, publisher: p, title: t}\nentities:\n  - id: x\n    name: X\n    kind: group\n    sources: [a]\n  - id: y\n    name: Y\n    kind: group\n    sources:\n      - a\n      - b\n";
        for syntax in [Syntax::Yaml, Syntax::Json] {
            let text = match syntax {
                Syntax::Yaml => text.to_owned(),
                Syntax::Json => serde_json::to_string(&parse(text, Syntax::Yaml).unwrap()).unwrap(),
            };
            let model = parse(&text, syntax).unwrap();
            let caps: Vec<_> = model
                .entities
                .iter()
                .map(|e| (e.sources.len(), e.sources.capacity()))
                .collect();
            assert_eq!(caps, [(1, 1), (2, 2)], "{syntax:?}");
        }
    }
}
