//! Other people's data, brought in as a model: HR tables (CSV, TSV, `;`-separated), JSON arrays
//! of flat records (the d3-org-chart and BALKAN shape), and Open Ownership's BODS 0.4
//! statements. Each importer is a function from the input to a [`Model`] whose positions are the
//! input's own, so that every problem, found by the importer or later by `Org::new`, reads
//! `FILE:LINE:COL` of the table or the statements. `docs/import.md` documents the mappings.

pub mod bods;
pub mod records;
pub mod sniff;
pub mod table;

pub use sniff::{Kind, sniff};

use crate::diagnostic::Diagnostic;
use crate::model::Model;

/// A model read from another format, with what the importer found worth saying.
#[derive(Debug)]
pub struct Imported {
    pub model: Model,
    /// Problems that did not stop the import (several roots, a skipped column…).
    pub warnings: Vec<Diagnostic>,
}

impl Imported {
    /// `model` with what was found to say, in input order; or every problem, when one of them
    /// is an error.
    pub fn unless_errors(
        model: Model,
        mut diagnostics: Vec<Diagnostic>,
    ) -> Result<Imported, Vec<Diagnostic>> {
        diagnostics.sort_by_key(|d| d.pos);
        if diagnostics.iter().any(Diagnostic::is_error) {
            Err(diagnostics)
        } else {
            Ok(Imported {
                model,
                warnings: diagnostics,
            })
        }
    }
}

/// What an import was asked for beyond the input itself.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// Column (or field) roles given by hand, `role = header`: `parent = Boss`.
    pub columns: Vec<(String, String)>,
    /// Keep only the neighbourhood of this record: a record id, an entity's id, or an
    /// identifier written `SCHEME:ID` (`GB-COH:01234567`).
    pub around: Option<String>,
    /// How many links away from `around` to keep (ownership in both directions).
    pub depth: Option<u32>,
}

/// The title of a model imported from the input named `name`: the file's name without its
/// folders and its extensions (`hr` for `exports/hr.csv.gz`).
pub fn title(name: &str) -> String {
    if name == STDIN_NAME {
        return "Imported from standard input".to_owned();
    }
    let file = name.rsplit(['/', '\\']).next().unwrap_or(name);
    let stem = file
        .split('.')
        .find(|part| !part.is_empty())
        .unwrap_or(file);
    stem.to_owned()
}

/// How standard input is named in messages and titles.
pub const STDIN_NAME: &str = "<stdin>";

#[cfg(test)]
mod tests {
    #[test]
    fn a_title_is_the_file_name_without_extensions() {
        assert_eq!(super::title("exports/hr.csv.gz"), "hr");
        assert_eq!(super::title("psc.jsonl"), "psc");
        assert_eq!(super::title(".hidden.csv"), "hidden");
        assert_eq!(super::title("<stdin>"), "Imported from standard input");
    }
}
