//! Flat tables as a model: CSV, TSV or `;`-separated text, one row per person or unit, with
//! columns found by their headers. `docs/import.md` ("Tables") documents the mapping.
//!
//! The bytes are decoded ([`decode`]), read into rows whose cells know where they start
//! ([`read`]), the columns' roles found from the headers and the `--column` overrides
//! ([`columns`]), the tree's shape checked ([`structure`]) and the rows mapped to entities,
//! people and roles ([`mapping`], with [`dates`]). Every problem is reported, at the table's
//! `LINE:COL`, in one run.

pub mod columns;
pub mod dates;
mod decode;
pub mod mapping;
pub mod read;
pub mod sheet;
pub mod structure;

use crate::diagnostic::Diagnostic;
use crate::model::{Model, Pos};

use super::{Imported, Options};
use sheet::Sheet;

pub use decode::decode;

/// Reads the table named `name` (as shown: it titles the model, and a `.tsv` name means tab)
/// whose decoded text is `text`. Every problem is reported, at its `LINE:COL` in `text`; any
/// error makes it fail.
pub fn import_text(name: &str, text: &str, options: &Options) -> Result<Imported, Vec<Diagnostic>> {
    let (text, bom) = match text.strip_prefix('\u{feff}') {
        Some(rest) => (rest, true),
        None => (text, false),
    };
    let table = read::read(name, text, bom).map_err(|d| vec![d])?;
    let roles = columns::roles(table.headers(), &options.columns)?;
    if table.is_empty() {
        return Err(vec![
            Diagnostic::error(
                Pos { line: 1, col: 1 },
                "the table has a header line but no rows",
            )
            .with_help("each row under the header is a person or a unit"),
        ]);
    }
    let mut diagnostics = Vec::new();
    structure::ragged(&table, &mut diagnostics);
    let (model, found) = mapping::model(&super::title(name), &table, &roles);
    diagnostics.extend(found);
    finish(model, diagnostics, options)
}

/// The model, or every problem when one of them is an error; `--around` is said to be of no
/// use here.
pub(crate) fn finish(
    model: Model,
    mut diagnostics: Vec<Diagnostic>,
    options: &Options,
) -> Result<Imported, Vec<Diagnostic>> {
    if options.around.is_some() {
        diagnostics.push(
            Diagnostic::warning(
                Pos::UNKNOWN,
                "`--around` is for BODS statements: the whole table is read",
            )
            .with_help("to see part of a chart, use `--root`"),
        );
    }
    Imported::unless_errors(model, diagnostics)
}
