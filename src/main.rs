//! The `orgtree` binary: parse the command line, run, report what went wrong and exit with its
//! status.

use std::process::ExitCode;

use clap::Parser;

use orgtree::cli::{self, Cli};

/// A model is millions of short strings: mimalloc allocates them faster and packs them tighter
/// than the system allocator (see BENCHMARKS.md).
#[cfg(feature = "mimalloc")]
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    // Panic reports are printed once, readably; the explorer restores the terminal first.
    if let Err(e) = color_eyre::install() {
        eprintln!("orgtree: cannot install the error reporter: {e}");
    }
    let result = Cli::try_parse()
        .map_err(cli::Failure::from)
        .and_then(cli::run);
    cli::exit(result)
}
