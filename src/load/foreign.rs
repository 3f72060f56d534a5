//! Inputs in other formats — tables, flat JSON records, BODS statements — loaded as models: the
//! kind is the one asked for, or what `import::sniff` reads in the input's name and first bytes;
//! the importer gives a model whose positions are the input's own, and `Org::new` resolves and
//! validates it as it does any model.

use std::io::{self, BufRead, Cursor, Read};

use crate::diagnostic::Diagnostic;
use crate::import::{self, Imported, Kind};
use crate::org::Org;

use super::input::{self, Input, Stream};
use super::progress::Stage;
use super::{Limits, LoadError, Loaded, ModelText};

/// How an input is to be read: as the kind asked for (`orgtree import csv …`), or as what it
/// looks like; and what the importers are asked for beyond the input.
#[derive(Debug, Clone, Default)]
pub struct Reading {
    pub kind: Option<Kind>,
    pub import: import::Options,
    /// Where to tell how far the load is, for a caller that shows it.
    pub meter: Option<super::Meter>,
}

/// How much of an input is looked at to tell what it is.
const PEEK: u64 = 8 * 1024;

/// Diagnostics of an import quote the lines of an input up to this size; a larger one (a
/// register) is not read a second time for it.
const QUOTED: u64 = 16 * 1024 * 1024;

/// The input opened, with its first bytes read to tell its kind; the stream still gives every
/// byte from the first.
pub struct Peeked {
    pub kind: Option<Kind>,
    pub stream: Stream,
}

/// Opens `input` and tells what it holds: `reading.kind` when given, else what its name and
/// first bytes say (`None` for an orgtree model).
pub fn peek(input: &Input, limits: Limits, reading: &Reading) -> Result<Peeked, LoadError> {
    let name = input.name();
    let mut stream = input::open_metered(input, limits, reading.meter.as_ref())?;
    let mut head = Vec::new();
    // A pipe gives its bytes as they come: read until there are enough to tell, or the end.
    (&mut stream)
        .take(PEEK)
        .read_to_end(&mut head)
        .map_err(|e| input::failed(&name, &e, limits))?;
    let kind = reading.kind.or_else(|| import::sniff(&name, &head));
    Ok(Peeked {
        kind,
        stream: Box::new(Cursor::new(head).chain(stream)),
    })
}

/// Imports `input`, already opened as `stream`, as a `kind`, and builds its org.
pub fn load(
    input: &Input,
    stream: Stream,
    kind: Kind,
    limits: Limits,
    reading: &Reading,
) -> Result<Loaded, LoadError> {
    let name = input.name();
    let options = &reading.import;
    let (imported, text) = match kind {
        Kind::Bods => {
            let imported = match (input.regular_file(), &options.around) {
                // A file is read again for each pass of `--around`, so that a register is never
                // held whole; anything else is read once, from the stream already open.
                (Some(_), Some(_)) => {
                    drop(stream);
                    let open = || {
                        input::open(input, limits)
                            .map(|s| s as Box<dyn BufRead>)
                            .map_err(|e| io::Error::other(e.render()))
                    };
                    import::bods::import_around(&name, open, options)
                }
                _ => import::bods::import(&name, stream, options),
            };
            match imported {
                Ok(imported) => (imported, String::new()),
                Err(diagnostics) => return Err(failed(input, diagnostics, limits)),
            }
        }
        Kind::Csv | Kind::Records => {
            let bytes = input::read_all(stream, &name, limits)?;
            // The table's rows are read from its text, uncounted.
            if let Some(meter) = &reading.meter {
                meter.enter(Stage::Parsing, None, false);
            }
            // The text the problems' lines are quoted from, whatever the table's encoding.
            let text = import::table::decode(&bytes).map_err(|d| problems(&name, None, vec![d]))?;
            drop(bytes);
            let imported = match kind {
                Kind::Csv => import::table::import_text(&name, &text, options),
                _ => import::records::import_text(&name, &text, options),
            };
            match imported {
                Ok(imported) => (imported, text),
                Err(diagnostics) => return Err(problems(&name, Some(text), diagnostics)),
            }
        }
    };
    built(name, imported, text, reading.meter.as_ref())
}

/// The org of an imported model, its warnings after the importer's.
fn built(
    name: String,
    imported: Imported,
    text: String,
    meter: Option<&super::Meter>,
) -> Result<Loaded, LoadError> {
    let Imported {
        model,
        warnings: mut found,
    } = imported;
    super::building(meter, &model);
    match Org::new(model) {
        Ok((org, warnings)) => {
            found.extend(warnings);
            Ok(Loaded {
                org,
                warnings: found,
                file: ModelText { name, text },
                uncached: None,
            })
        }
        Err(errors) => {
            found.extend(errors);
            Err(problems(&name, Some(text), found))
        }
    }
}

/// An import that failed, with the input's text to quote when it is a file small enough to
/// read again.
fn failed(input: &Input, diagnostics: Vec<Diagnostic>, limits: Limits) -> LoadError {
    let name = input.name();
    let text = input
        .regular_file()
        .filter(|path| path.metadata().is_ok_and(|m| m.len() <= QUOTED))
        .and_then(|_| input::open(input, limits).ok())
        .and_then(|stream| input::read_all(stream, &name, limits).ok())
        .and_then(|bytes| String::from_utf8(bytes).ok());
    problems(&name, text, diagnostics)
}

/// An input that was read and found to have `diagnostics`, quoted from `text`.
fn problems(name: &str, text: Option<String>, diagnostics: Vec<Diagnostic>) -> LoadError {
    LoadError {
        name: name.to_owned(),
        text,
        diagnostics,
        unreadable: false,
    }
}
