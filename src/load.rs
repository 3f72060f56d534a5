//! Reading a model file: size and type checks before any work, UTF-8 with positions, the YAML
//! parse under explicit budgets, then resolution and validation. Every failure becomes a list of
//! [`Diagnostic`]s that say where and what to do.

use std::fs::File;
use std::io::Read;
use std::path::Path;

use serde_saphyr::budget::BudgetBreach;
use serde_saphyr::{DefaultMessageFormatter, Error as YamlError, MessageFormatter};

use crate::diagnostic::{Diagnostic, render_all};
use crate::model::{Model, Pos};
use crate::org::Org;
use crate::suggest;

/// The shipped model, used when no file is given.
pub const EMBEDDED_MODEL: &str = include_str!("../data/orange-cloud.yaml");
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
}

/// A model that did not load: every problem found, and the text to quote lines from.
#[derive(Debug)]
pub struct LoadError {
    pub name: String,
    pub text: Option<String>,
    pub diagnostics: Vec<Diagnostic>,
}

impl LoadError {
    fn whole_file(name: &str, message: String, help: &str) -> Self {
        LoadError {
            name: name.to_owned(),
            text: None,
            diagnostics: vec![Diagnostic::error(Pos::UNKNOWN, message).with_help(help)],
        }
    }

    /// Every problem, rendered for a person.
    pub fn render(&self) -> String {
        render_all(&self.diagnostics, &self.name, self.text.as_deref())
    }
}

/// Loads the model file at `path`.
pub fn load_file(path: &Path, limits: Limits) -> Result<Loaded, LoadError> {
    let name = path.display().to_string();
    let bytes = read_bounded(path, &name, limits)?;
    load_bytes(name, bytes)
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
    let syntax = Syntax::of(&file);
    let model = match parse(&file.text, syntax) {
        Ok(model) => model,
        Err(d) => {
            return Err(LoadError {
                name: file.name,
                text: Some(file.text),
                diagnostics: vec![d],
            });
        }
    };
    match Org::new(model) {
        Ok((org, warnings)) => Ok(Loaded {
            org,
            warnings: with_positions(warnings, &file.text, syntax),
            file,
        }),
        Err(diagnostics) => Err(LoadError {
            diagnostics: with_positions(diagnostics, &file.text, syntax),
            name: file.name,
            text: Some(file.text),
        }),
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
        let named_json = Path::new(&file.name)
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("json"));
        let looks_json = file
            .text
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

/// Reads at most `limits.max_size` bytes of a regular file.
fn read_bounded(path: &Path, name: &str, limits: Limits) -> Result<Vec<u8>, LoadError> {
    let cannot_read = |e: std::io::Error| {
        LoadError::whole_file(
            name,
            format!("cannot read the model file: {e}"),
            "check the path and its permissions",
        )
    };
    // Look before opening: opening a FIFO would block until a writer comes.
    let meta = std::fs::metadata(path).map_err(cannot_read)?;
    if !meta.is_file() {
        let what = if meta.is_dir() {
            "a directory"
        } else {
            "not a regular file"
        };
        return Err(LoadError::whole_file(
            name,
            format!("the model path is {what}"),
            "give the path of a model file (YAML or JSON)",
        ));
    }
    if meta.len() > limits.max_size {
        return Err(too_large(name, meta.len(), limits));
    }
    let file = File::open(path).map_err(cannot_read)?;
    let mut bytes = Vec::with_capacity(usize::try_from(meta.len()).unwrap_or(0));
    // The file may grow between the look and the read: never read past the limit.
    let mut file = file.take(limits.max_size.saturating_add(1));
    // A chunk at a time, each checked as it comes: a NUL or a byte that is not UTF-8 near the
    // start of a huge file is refused before the rest of it is read.
    let mut text = TextCheck::default();
    let mut chunk = FIRST_CHUNK;
    loop {
        let before = bytes.len();
        (&mut file)
            .take(chunk as u64)
            .read_to_end(&mut bytes)
            .map_err(cannot_read)?;
        let at_end = bytes.len() - before < chunk;
        if let Err(problem) = text.check(&bytes, at_end) {
            return Err(problem.error(name, &bytes));
        }
        if at_end {
            break;
        }
        chunk = CHUNK;
    }
    if bytes.len() as u64 > limits.max_size {
        return Err(too_large(name, bytes.len() as u64, limits));
    }
    Ok(bytes)
}

/// How much of a file is read before its first check.
const FIRST_CHUNK: usize = 64 * 1024;
/// How much is read between two checks after that.
const CHUNK: usize = 8 * 1024 * 1024;

/// What makes a file's bytes not a model's text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum TextProblem {
    NotUtf8(usize),
    Nul(usize),
}

impl TextProblem {
    fn error(self, name: &str, bytes: &[u8]) -> LoadError {
        let (offset, message, help) = match self {
            TextProblem::NotUtf8(offset) => (
                offset,
                "the model file is not valid UTF-8",
                "save the file as UTF-8",
            ),
            TextProblem::Nul(offset) => (
                offset,
                "the model file contains a NUL byte",
                "a model is a text file; remove the NUL byte",
            ),
        };
        // The bytes before the problem are valid UTF-8: it is the first one.
        let valid = String::from_utf8_lossy(&bytes[..offset]);
        LoadError {
            name: name.to_owned(),
            text: None,
            diagnostics: vec![Diagnostic::error(position_at_end(&valid), message).with_help(help)],
        }
    }
}

/// Checks a file's bytes as they arrive: UTF-8 without NUL. The first problem in the file wins.
#[derive(Debug, Default)]
struct TextCheck {
    /// The bytes before this are complete characters, without NUL.
    checked: usize,
}

impl TextCheck {
    /// Checks what `bytes` holds past what was checked before; a character cut at the end of
    /// `bytes` waits for the next chunk, unless `at_end`.
    fn check(&mut self, bytes: &[u8], at_end: bool) -> Result<(), TextProblem> {
        let fresh = &bytes[self.checked..];
        let (valid, bad) = match std::str::from_utf8(fresh) {
            Ok(_) => (fresh.len(), None),
            Err(e) => {
                let cut_short = e.error_len().is_none() && !at_end;
                (e.valid_up_to(), (!cut_short).then_some(e.valid_up_to()))
            }
        };
        if let Some(nul) = fresh[..valid].iter().position(|&b| b == 0) {
            return Err(TextProblem::Nul(self.checked + nul));
        }
        if let Some(bad) = bad {
            return Err(TextProblem::NotUtf8(self.checked + bad));
        }
        self.checked += valid;
        Ok(())
    }
}

fn too_large(name: &str, size: u64, limits: Limits) -> LoadError {
    LoadError::whole_file(
        name,
        format!(
            "the model file is {size} bytes, more than the limit of {} bytes",
            limits.max_size
        ),
        "raise the limit with --max-size BYTES if you trust this file",
    )
}

/// Checks that `bytes` are UTF-8 without NUL, and drops a leading byte-order mark.
fn into_text(name: &str, bytes: Vec<u8>) -> Result<String, LoadError> {
    if let Err(problem) = TextCheck::default().check(&bytes, true) {
        return Err(problem.error(name, &bytes));
    }
    let mut text = match String::from_utf8(bytes) {
        Ok(text) => text,
        // Checked just above.
        Err(e) => {
            return Err(
                TextProblem::NotUtf8(e.utf8_error().valid_up_to()).error(name, e.as_bytes())
            );
        }
    };
    if text.starts_with('\u{feff}') {
        text.drain(..'\u{feff}'.len_utf8());
    }
    Ok(text)
}

/// The line and column just after `text`.
fn position_at_end(text: &str) -> Pos {
    let line = text.matches('\n').count() + 1;
    let col = text.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    Pos {
        line: u32::try_from(line).unwrap_or(u32::MAX),
        col: u32::try_from(col).unwrap_or(u32::MAX),
    }
}

/// Deepest nesting accepted; a model needs about six levels.
const MAX_DEPTH: usize = 24;

/// Parses a model's text. This is the only function that calls the YAML and JSON libraries.
pub fn parse(text: &str, syntax: Syntax) -> Result<Model, Diagnostic> {
    if text.trim().is_empty() {
        return Err(Diagnostic::error(Pos::UNKNOWN, "the model file is empty")
            .with_help("a model needs at least a `title:`; see docs/model.md"));
    }
    if syntax == Syntax::Json {
        // serde_json limits nesting itself (128 levels) and has no aliases to expand.
        return serde_json::from_str::<Model>(text).map_err(|e| json_problem(&e));
    }
    // Without aliases, a document of n bytes cannot hold more than n nodes or events; the
    // budgets leave room for that and stop alias expansion early.
    let len = text.len();
    let budget = serde_saphyr::budget! {
        max_reader_input_bytes: Some(len.saturating_add(1)),
        max_events: len.saturating_mul(2).saturating_add(1024),
        max_nodes: len.saturating_add(1024),
        max_total_scalar_bytes: len.saturating_mul(2).saturating_add(1024),
        max_aliases: 10_000,
        max_anchors: 10_000,
        max_depth: MAX_DEPTH,
        max_documents: 1,
    };
    // Policies: one document per file; merge keys (`<<: *defaults`) expand; tags other than
    // YAML's own are refused, and `!!binary` text is taken as written, never decoded.
    let options = serde_saphyr::options! {
        budget: budget,
        alias_limits: serde_saphyr::alias_limits! {
            max_total_replayed_events: 200_000,
            max_replay_stack_depth: 16,
        },
        reject_unsupported_tags: true,
        reject_tagged_field_names: true,
        ignore_binary_tag_for_string: true,
        with_snippet: false,
    };
    serde_saphyr::from_str_with_options::<Model>(text, options).map_err(|e| yaml_problem(&e))
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

/// Turns the YAML library's error into a diagnostic at its position.
fn yaml_problem(err: &YamlError) -> Diagnostic {
    let pos = err.location().map_or(Pos::UNKNOWN, |l| Pos {
        line: u32::try_from(l.line()).unwrap_or(u32::MAX),
        col: u32::try_from(l.column()).unwrap_or(u32::MAX),
    });
    // Look through the wrappers the library adds for snippets and alias sites.
    let mut err = err;
    while let YamlError::AliasError { error, .. } | YamlError::WithSnippet { error, .. } = err {
        err = error;
    }
    match err {
        YamlError::SerdeUnknownField {
            field, expected, ..
        } => {
            let known = expected.join(", ");
            let help = match suggest::did_you_mean(field, expected.iter().copied()) {
                Some(s) => format!("did you mean `{s}`? (expected one of: {known})"),
                None => format!("expected one of: {known}"),
            };
            Diagnostic::error(pos, format!("unknown field `{field}`")).with_help(help)
        }
        YamlError::SerdeMissingField { field, .. } => {
            Diagnostic::error(pos, format!("missing field `{field}`"))
                .with_help(format!("add `{field}:` to this item"))
        }
        YamlError::InvalidScalar { ty, .. } => {
            let expected = match *ty {
                "boolean" => "true or false",
                "f64" | "f32" => "a number, such as 75000000",
                _ => "a value of the documented type (see docs/model.md)",
            };
            let ty = if ty.starts_with('f') { "number" } else { ty };
            Diagnostic::error(pos, format!("this is not a valid {ty}"))
                .with_help(format!("expected {expected}"))
        }
        YamlError::UnsupportedTag { tag, .. } => {
            Diagnostic::error(pos, format!("the tag `{tag}` is not accepted in a model")).with_help(
                "remove it: a model takes plain values (YAML's own tags such as !!str are fine)",
            )
        }
        YamlError::DuplicateMappingKey { key, .. } => {
            let key = key.as_deref().unwrap_or("this key");
            Diagnostic::error(pos, format!("`{key}` is given twice in the same mapping"))
                .with_help("keep only one of them")
        }
        YamlError::Budget {
            breach: BudgetBreach::Documents { .. },
            ..
        } => Diagnostic::error(pos, "the file holds more than one YAML document (`---`)")
            .with_help("a model is one document: put each model in a file of its own"),
        YamlError::Budget {
            breach: BudgetBreach::Depth { .. },
            ..
        } => Diagnostic::error(
            pos,
            format!("the YAML is nested more than {MAX_DEPTH} levels deep"),
        )
        .with_help("a model needs only a few levels; see docs/model.md"),
        YamlError::Budget { .. }
        | YamlError::AliasReplayLimitExceeded { .. }
        | YamlError::AliasExpansionLimitExceeded { .. }
        | YamlError::AliasReplayStackDepthExceeded { .. } => Diagnostic::error(
            pos,
            "aliases here expand to far more than the file holds; orgtree stops reading",
        )
        .with_help("write the repeated values out, or use fewer `*alias` references"),
        other => {
            let message = DefaultMessageFormatter.format_message(other);
            Diagnostic::error(pos, message.into_owned())
                .with_help("see docs/model.md for the model format")
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_count_lines_and_characters() {
        assert_eq!(position_at_end(""), Pos { line: 1, col: 1 });
        assert_eq!(position_at_end("ab\ncé"), Pos { line: 2, col: 3 });
    }

    #[test]
    fn a_byte_order_mark_is_dropped() {
        let text = into_text("m", "\u{feff}title: x\n".as_bytes().to_vec()).unwrap();
        assert_eq!(text, "title: x\n");
    }

    #[test]
    fn invalid_utf8_is_reported_where_it_starts() {
        let err = into_text("m", b"title: x\nname: \xff\n".to_vec()).unwrap_err();
        assert_eq!(err.diagnostics[0].pos, Pos { line: 2, col: 7 });
    }

    #[test]
    fn the_first_problem_in_the_file_is_the_one_reported() {
        let check = |bytes: &[u8]| TextCheck::default().check(bytes, true);
        assert_eq!(check(b"ab\0c\xff"), Err(TextProblem::Nul(2)));
        assert_eq!(check(b"ab\xffc\0"), Err(TextProblem::NotUtf8(2)));
        assert_eq!(check("é\n".as_bytes()), Ok(()));
        // A character cut at a chunk's end waits for the next chunk; at the file's end it is bad.
        let mut text = TextCheck::default();
        assert_eq!(text.check(&"aé".as_bytes()[..2], false), Ok(()));
        assert_eq!(text.checked, 1);
        assert_eq!(text.check("aé".as_bytes(), true), Ok(()));
        assert_eq!(
            TextCheck::default().check(&"aé".as_bytes()[..2], true),
            Err(TextProblem::NotUtf8(1))
        );
    }

    #[test]
    fn the_embedded_model_loads_without_warnings() {
        let loaded = load_embedded().map_err(|e| e.render()).unwrap();
        assert!(loaded.warnings.is_empty(), "{:?}", loaded.warnings);
        assert!(loaded.org.entity_count() > 10);
    }
}
