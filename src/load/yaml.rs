//! The YAML library behind the loader: the budgets and policies every read runs under, and its
//! errors turned into diagnostics.

use serde::de::DeserializeOwned;
use serde_saphyr::budget::BudgetBreach;
use serde_saphyr::{DefaultMessageFormatter, Error as YamlError, MessageFormatter};

use crate::diagnostic::Diagnostic;
use crate::model::Pos;
use crate::model::pos::with_line_base;
use crate::suggest;

/// Deepest nesting accepted; a model needs about six levels.
const MAX_DEPTH: usize = 24;

/// Reads `text` as one YAML document of type `T`. `line_base` is the number of lines before
/// `text` in its file (0 for a whole file): every position read is moved down by it.
pub(super) fn read<T: DeserializeOwned>(text: &str, line_base: u32) -> Result<T, YamlError> {
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
        // A value that may be one id or a list (a dated `parent:`) is read untyped; ids such
        // as `007` or `1_000` must stay the text they were written as.
        leading_zero_numbers_as_strings: true,
        underscored_numbers_as_strings: true,
        // YAML 1.2's booleans only: a name such as `No` or `Y` (the "Norway problem") is text.
        strict_booleans: true,
        with_snippet: false,
    };
    with_line_base(line_base, || {
        serde_saphyr::from_str_with_options::<T>(text, options)
    })
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
