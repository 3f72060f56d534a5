//! The YAML library behind the loader: the budgets and policies every read runs under, and its
//! errors turned into diagnostics.

use serde::de::{DeserializeOwned, DeserializeSeed};
use serde_saphyr::budget::BudgetBreach;
use serde_saphyr::{DefaultMessageFormatter, Error as YamlError, MessageFormatter};

use crate::diagnostic::Diagnostic;
use crate::model::Pos;
use crate::model::pos::with_line_base;
use crate::suggest;

use super::fast::{self, GiveUp};
use super::progress::{self, Stage};

/// Deepest nesting accepted; a model needs about six levels.
const MAX_DEPTH: usize = 24;

/// Reads `text` as one YAML document of type `T`. `line_base` is the number of lines before
/// `text` in its file (0 for a whole file): every position read is moved down by it.
///
/// The fast reader (`fast`) reads it first; where it gives up, serde-saphyr reads it again, so
/// that what a text means and every diagnostic are serde-saphyr's.
pub(super) fn read<T: DeserializeOwned>(text: &str, line_base: u32) -> Result<T, YamlError> {
    read_telling(text, line_base).0
}

/// Which reader read a text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Reader {
    Fast,
    /// serde-saphyr, after the fast reader gave up for this reason.
    Full(GiveUp),
}

/// [`read`], and which reader read the text.
pub(super) fn read_telling<T: DeserializeOwned>(
    text: &str,
    line_base: u32,
) -> (Result<T, YamlError>, Reader) {
    with_line_base(line_base, || match read_fast(text) {
        Ok(value) => (Ok(value), Reader::Fast),
        Err(why) => {
            // serde-saphyr says nothing of how far it is: the parse goes on uncounted.
            if let Some(meter) = progress::current() {
                meter.enter(Stage::Parsing, Some(text.len() as u64), false);
            }
            (read_full(text), Reader::Full(why))
        }
    })
}

/// The fast reader alone, under the same budgets and parser options as serde-saphyr.
pub(super) fn read_fast<T: DeserializeOwned>(text: &str) -> Result<T, GiveUp> {
    read_fast_part(text, std::marker::PhantomData::<T>, text.len(), 0)
}

/// The fast reader on a part of a document `whole` bytes long, whose top node is nested
/// `nested` levels deep in the document: under the document's budgets, so that it gives up
/// where a read of the whole document would.
pub(super) fn read_fast_part<'de, S: DeserializeSeed<'de>>(
    text: &'de str,
    seed: S,
    whole: usize,
    nested: usize,
) -> Result<S::Value, GiveUp> {
    let mut limits = Budgets::of_len(whole);
    limits.fast.max_depth = limits.fast.max_depth.saturating_sub(nested);
    let parser = granit_parser::options! {
        simple_key_max_lookahead: limits.saphyr.simple_key_max_lookahead,
        flow_nesting_limit: limits.saphyr.flow_nesting_limit,
        // As serde-saphyr sets it: past the depth budget, so that the budget is what stops.
        block_nesting_limit: granit_parser::Options::default()
            .block_nesting_limit
            .max(MAX_DEPTH.saturating_add(1)),
        emit_comments: false,
    };
    fast::read_seed(text, seed, parser, limits.fast)
}

/// serde-saphyr alone.
pub(super) fn read_full<T: DeserializeOwned>(text: &str) -> Result<T, YamlError> {
    // Policies: one document per file; merge keys (`<<: *defaults`) expand; tags other than
    // YAML's own are refused, and `!!binary` text is taken as written, never decoded.
    let options = serde_saphyr::options! {
        budget: Some(Budgets::of(text).saphyr),
        alias_limits: serde_saphyr::alias_limits! {
            max_total_replayed_events: 200_000,
            max_replay_stack_depth: 16,
        },
        reject_unsupported_tags: true,
        reject_tagged_field_names: true,
        ignore_binary_tag_for_string: true,
        // A value that may be one id or a list (a dated `parent:`) is read untyped; ids such
        // as `007` or `1_000` must stay the text they were written as.
        leading_zero_numbers_as_strings: true,
        underscored_numbers_as_strings: true,
        // YAML 1.2's booleans only: a name such as `No` or `Y` (the "Norway problem") is text.
        strict_booleans: true,
        with_snippet: false,
    };
    serde_saphyr::from_str_with_options::<T>(text, options)
}

/// The budgets of a read, for both readers.
struct Budgets {
    saphyr: serde_saphyr::Budget,
    fast: fast::Limits,
}

impl Budgets {
    fn of(text: &str) -> Budgets {
        Budgets::of_len(text.len())
    }

    fn of_len(len: usize) -> Budgets {
        // Without aliases, a document of n bytes cannot hold more than n nodes or events; the
        // budgets leave room for that and stop alias expansion early.
        let fast = fast::Limits {
            max_depth: MAX_DEPTH,
            max_events: len.saturating_mul(2).saturating_add(1024),
            max_nodes: len.saturating_add(1024),
            max_scalar_bytes: len.saturating_mul(2).saturating_add(1024),
        };
        let mut saphyr = serde_saphyr::Budget::default();
        saphyr.max_reader_input_bytes = Some(len.saturating_add(1));
        saphyr.max_events = fast.max_events;
        saphyr.max_nodes = fast.max_nodes;
        saphyr.max_total_scalar_bytes = fast.max_scalar_bytes;
        saphyr.max_aliases = 10_000;
        saphyr.max_anchors = 10_000;
        saphyr.max_depth = MAX_DEPTH;
        saphyr.max_documents = 1;
        Budgets { saphyr, fast }
    }
}

/// What kind of mistake an error is, as far as reading on after it goes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Class {
    /// The text is not YAML here: what follows cannot be read in the same piece.
    Syntax,
    /// A key the item does not take, and the one it is probably a typo of.
    Unknown { field: String, near: Option<String> },
    /// A key the item needs is not there.
    Missing(String),
    /// A value that is not what its key takes, or any other problem of meaning.
    Value,
}

/// The class of `err`.
pub(super) fn class(err: &YamlError) -> Class {
    match inner(err) {
        YamlError::ExternalMessage { .. } | YamlError::Eof { .. } => Class::Syntax,
        YamlError::SerdeUnknownField {
            field, expected, ..
        } => Class::Unknown {
            field: field.clone(),
            near: suggest::did_you_mean(field, expected.iter().copied()).map(str::to_owned),
        },
        YamlError::SerdeMissingField { field, .. } => Class::Missing((*field).to_owned()),
        _ => Class::Value,
    }
}

/// The error under the wrappers the library adds for snippets and alias sites.
fn inner(mut err: &YamlError) -> &YamlError {
    while let YamlError::AliasError { error, .. } | YamlError::WithSnippet { error, .. } = err {
        err = error;
    }
    err
}

/// Where the YAML library says `err` is, in a text that had `line_base` lines before it.
pub(super) fn position(err: &YamlError, line_base: u32) -> Pos {
    err.location().map_or(Pos::UNKNOWN, |l| Pos {
        line: u32::try_from(l.line())
            .unwrap_or(u32::MAX)
            .saturating_add(line_base),
        col: u32::try_from(l.column()).unwrap_or(u32::MAX),
    })
}

/// Turns the YAML library's error into a diagnostic at its position, in a text that had
/// `line_base` lines before it.
pub(super) fn problem(err: &YamlError, line_base: u32) -> Diagnostic {
    let pos = position(err, line_base);
    match inner(err) {
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
        YamlError::InvalidBooleanStrict { .. } => {
            Diagnostic::error(pos, "this is not a valid boolean").with_help(
                "expected true or false (words such as yes, no, on and off are read as text)",
            )
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
    use std::marker::PhantomData;

    use super::*;
    use crate::model::Model;

    /// Reads `text` through the one entry point, and checks that whichever reader read it,
    /// the result is serde-saphyr's own: the same model, or the same error.
    fn reader_of(text: &str) -> Reader {
        let (read, reader) = read_telling::<Model>(text, 0);
        let full = read_full::<Model>(text);
        match (read, full) {
            (Ok(a), Ok(b)) => assert_eq!(format!("{a:?}"), format!("{b:?}"), "{text}"),
            (Err(a), Err(b)) => assert_eq!(a.to_string(), b.to_string(), "{text}"),
            (a, b) => panic!("{text}: {a:?} but serde-saphyr {b:?}"),
        }
        reader
    }

    const PLAIN: &str = "title: t\nentities:\n  - {id: a, name: A, kind: company}\n";

    #[test]
    fn a_plain_model_is_read_fast() {
        assert_eq!(reader_of(PLAIN), Reader::Fast);
        let with_directive = format!("%YAML 1.2\n---\n{PLAIN}...\n");
        assert_eq!(reader_of(&with_directive), Reader::Fast);
    }

    #[test]
    fn each_fallback_is_taken_and_gives_serde_saphyrs_result() {
        let entity = "  - {id: a, name: A, kind: company}\n";
        let cases = [
            (format!("title: &t t\nentities:\n{entity}"), GiveUp::Anchor),
            // An alias always follows its anchor, which stops the fast reader first; one
            // without an anchor is a syntax error.
            (
                format!("title: t\ndescription: *d\nentities:\n{entity}"),
                GiveUp::Syntax,
            ),
            (
                "title: t\nentities:\n  - &e {id: a, name: A, kind: company}\n  - *e\n".to_owned(),
                GiveUp::Anchor,
            ),
            (
                "title: t\nentities:\n  - {<<: {kind: company}, id: a, name: A}\n".to_owned(),
                GiveUp::MergeKey,
            ),
            (format!("title: !!str t\nentities:\n{entity}"), GiveUp::Tag),
            (
                format!("title: !custom t\nentities:\n{entity}"),
                GiveUp::Tag,
            ),
            (format!("{PLAIN}---\ntitle: u\n"), GiveUp::Documents),
            (format!("title: [t]\nentities:\n{entity}"), GiveUp::Shape),
            (
                format!("title: t\nas_of: 2014-13\nentities:\n{entity}"),
                GiveUp::Other,
            ),
            (
                "title: t\nstakes:\n  - {owner: a, owned: b, indirect: yes}\n".to_owned(),
                GiveUp::Value,
            ),
            (
                format!("title: t\ntitel: u\nentities:\n{entity}"),
                GiveUp::UnknownField,
            ),
            ("entities: []\n".to_owned(), GiveUp::MissingField),
            (
                format!("title: t\ntitle: u\nentities:\n{entity}"),
                GiveUp::DuplicateKey,
            ),
            (
                "title: t\nentities:\n  - {id: a, name: A, kind: k, attributes: {1: x, 0x1: y}}\n"
                    .to_owned(),
                GiveUp::DuplicateKey,
            ),
            (format!("title: 't\nentities:\n{entity}"), GiveUp::Syntax),
            (format!("{PLAIN}  - [unclosed\n"), GiveUp::Syntax),
        ];
        for (text, why) in cases {
            assert_eq!(reader_of(&text), Reader::Full(why), "{text}");
        }
    }

    #[test]
    fn nesting_past_the_limit_falls_back_and_the_budget_stops_it() {
        let deep = format!("{}{}", "[".repeat(MAX_DEPTH + 1), "]".repeat(MAX_DEPTH + 1));
        let (read, reader) = read_telling::<serde_json::Value>(&deep, 0);
        assert_eq!(reader, Reader::Full(GiveUp::Depth));
        let err = read.unwrap_err();
        assert!(matches!(
            err,
            YamlError::Budget {
                breach: BudgetBreach::Depth { .. },
                ..
            }
        ));
        let shallow = format!("{}{}", "[".repeat(MAX_DEPTH), "]".repeat(MAX_DEPTH));
        let (read, reader) = read_telling::<serde_json::Value>(&shallow, 0);
        assert_eq!(reader, Reader::Fast);
        assert!(read.is_ok());
    }

    #[test]
    fn the_fast_reader_counts_its_budgets() {
        let text = format!("[{}]", "a,".repeat(2000));
        let limits = fast::Limits {
            max_depth: MAX_DEPTH,
            max_events: usize::MAX,
            max_nodes: 100,
            max_scalar_bytes: usize::MAX,
        };
        let options = granit_parser::Options::default();
        let read = fast::read_seed(&text, PhantomData::<Vec<String>>, options.clone(), limits);
        assert_eq!(read.unwrap_err(), GiveUp::Budget);
        let events = fast::Limits {
            max_events: 100,
            max_nodes: usize::MAX,
            ..limits
        };
        let read = fast::read_seed(&text, PhantomData::<Vec<String>>, options.clone(), events);
        assert_eq!(read.unwrap_err(), GiveUp::Budget);
        let bytes = fast::Limits {
            max_scalar_bytes: 3,
            max_nodes: usize::MAX,
            ..limits
        };
        let read = fast::read_seed("[ab, cd]", PhantomData::<Vec<String>>, options, bytes);
        assert_eq!(read.unwrap_err(), GiveUp::Budget);
    }

    #[test]
    fn positions_are_serde_saphyrs_with_the_line_base() {
        let text = "  - id: 'a'\n    name: \"A\"\n    kind: company\n    founded: 2014\n";
        let (fast, reader) = read_telling::<Vec<crate::model::Entity>>(text, 10);
        assert_eq!(reader, Reader::Fast);
        let full = with_line_base(10, || read_full::<Vec<crate::model::Entity>>(text));
        let (fast, full) = (fast.unwrap(), full.unwrap());
        assert_eq!(format!("{fast:?}"), format!("{full:?}"));
        assert_eq!(fast[0].id.pos, crate::model::Pos { line: 11, col: 9 });
        let founded = fast[0].founded.as_ref().map(|d| d.pos);
        assert_eq!(founded, Some(crate::model::Pos { line: 14, col: 14 }));
    }
}
