//! `orgtree import FORMAT FILE`: a table, flat JSON records or BODS statements written out as an
//! orgtree model, to start a sourced model from; and the import options that `orgtree FILE`
//! takes too.

use std::io::Write;
use std::path::PathBuf;

use clap::{Args, Subcommand, ValueEnum};

use crate::import::{self, Kind};
use crate::load::{self, Limits};
use crate::sanitize::sanitize;

use super::exit::{Failure, Finish};

/// What orgtree does besides showing a model.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Write an orgtree model made from a table, flat JSON records or BODS statements to
    /// standard output (YAML, or JSON), to add sources and notes to by hand; see docs/import.md.
    Import(ImportArgs),
}

/// `orgtree import`'s arguments.
#[derive(Debug, Args)]
pub struct ImportArgs {
    /// What FILE holds: `csv` (also TSV and `;`-separated), `records` (a JSON array of flat
    /// records), `bods` (BODS 0.4 statements, a JSON array or JSON Lines).
    #[arg(value_enum)]
    pub kind: Kind,

    /// The file to import, plain or gzip, or `-` for standard input.
    pub file: PathBuf,

    /// The model's format.
    #[arg(long, value_enum, default_value_t = ModelFormat::Yaml)]
    pub format: ModelFormat,

    #[command(flatten)]
    pub reading: ReadingArgs,

    /// With --around, keep the records this many links away (ownership both ways).
    #[arg(long, value_name = "N", requires = "around")]
    pub depth: Option<u32>,

    /// Refuse inputs larger than this many bytes (counted after decompressing).
    #[arg(long, value_name = "BYTES", default_value_t = Limits::default().max_size)]
    pub max_size: u64,
}

/// The formats a model is written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ModelFormat {
    Yaml,
    Json,
}

/// What an import is asked for beyond its input, on `orgtree FILE` as on `orgtree import`.
#[derive(Debug, Clone, Default, Args)]
pub struct ReadingArgs {
    /// Give a column (or a record's field) its role by hand, as ROLE=HEADER: `--column
    /// parent=Boss`; repeatable. docs/import.md lists the roles and the headers each is
    /// recognised by.
    #[arg(long = "column", value_name = "ROLE=HEADER", value_parser = parse_column)]
    pub columns: Vec<(String, String)>,

    /// Of BODS statements, keep only the neighbourhood of this record: a statement's record
    /// id, or an identifier written SCHEME:ID (`GB-COH:01234567`); --depth sets how far.
    #[arg(long, value_name = "ID")]
    pub around: Option<String>,
}

impl ReadingArgs {
    /// The loader's reading: `kind` when the format is given, the radius from `depth`.
    pub fn reading(&self, kind: Option<Kind>, depth: Option<u32>) -> load::Reading {
        load::Reading {
            kind,
            import: import::Options {
                columns: self.columns.clone(),
                around: self.around.clone(),
                depth: depth.filter(|_| self.around.is_some()),
            },
            meter: None,
        }
    }
}

/// `ROLE=HEADER`.
fn parse_column(text: &str) -> Result<(String, String), String> {
    match text.split_once('=') {
        Some((role, header)) if !role.trim().is_empty() && !header.trim().is_empty() => {
            Ok((role.trim().to_owned(), header.trim().to_owned()))
        }
        _ => Err(format!(
            "`{}` is not ROLE=HEADER; write it as `parent=Boss`",
            sanitize(text)
        )),
    }
}

/// Imports the file and writes its model to standard output.
pub fn run(args: &ImportArgs) -> Result<Finish, Failure> {
    let input = load::Input::of_arg(&args.file);
    let limits = Limits {
        max_size: args.max_size,
    };
    let reading = args.reading.reading(Some(args.kind), args.depth);
    let loaded = load::load_input(&input, limits, &load::Cache::off(), &reading)?;
    if !loaded.warnings.is_empty() {
        eprint!(
            "{}",
            crate::diagnostic::render_all(
                &loaded.warnings,
                &loaded.file.name,
                Some(&loaded.file.text)
                    .filter(|t| !t.is_empty())
                    .map(|t| t.as_str())
            )
        );
    }
    let origin = sanitize(&loaded.file.name).into_owned();
    super::write_out(|out| match args.format {
        ModelFormat::Yaml => crate::dump::write_model_yaml(&loaded.org, &origin, out),
        ModelFormat::Json => {
            serde_json::to_writer_pretty(&mut *out, &loaded.org.model)?;
            writeln!(out)
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_column_is_a_role_and_a_header() {
        assert_eq!(
            parse_column("parent = Reports To").unwrap(),
            ("parent".into(), "Reports To".into())
        );
        for bad in ["parent", "=Boss", "parent=", "=", ""] {
            assert!(parse_column(bad).is_err(), "{bad}");
        }
    }
}
