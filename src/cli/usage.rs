//! The command line as clap reads it, made safe to print: what clap refuses is reported here,
//! every argument it quotes through the sanitizer, and `--screen`'s size parser quotes its
//! argument sanitized too.

use std::io::{self, Write};

use crate::sanitize::sanitize;

use super::exit::{EXIT_OK, EXIT_USAGE};

/// `--screen`'s size; the message quotes the argument, made safe.
pub(super) fn parse_size(text: &str) -> Result<(u16, u16), String> {
    crate::headless::parse_size(text).map_err(|e| sanitize(&e).into_owned())
}

/// Prints what `Cli::try_parse` refused and returns the exit status: `--help` and `--version`
/// to stdout with 0; a usage error to stderr with 2, every argument it quotes (and every line
/// of it) through the sanitizer, since the error printer would send an argument's escape
/// sequences to the terminal as they are.
pub(super) fn report_parse_error(mut error: clap::Error) -> u8 {
    use clap::error::ContextValue;
    if !error.use_stderr() {
        // Help and version are orgtree's own text; a closed pipe is no failure.
        let _ = error.print();
        return EXIT_OK;
    }
    // Quoted arguments are made safe before the message is laid out, so that a line break in
    // one cannot pass for a line of the message.
    let quoted: Vec<_> = error
        .context()
        .filter_map(|(kind, value)| match value {
            ContextValue::String(s) => Some((kind, ContextValue::String(sanitize(s).into()))),
            ContextValue::Strings(v) => Some((
                kind,
                ContextValue::Strings(v.iter().map(|s| sanitize(s).into_owned()).collect()),
            )),
            _ => None,
        })
        .collect();
    for (kind, value) in quoted {
        error.insert(kind, value);
    }
    let text = error.render().to_string();
    let mut err = io::stderr().lock();
    for line in text.lines() {
        let _ = writeln!(err, "{}", sanitize(line));
    }
    EXIT_USAGE
}
