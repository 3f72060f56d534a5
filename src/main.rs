//! The `orgtree` binary: parse the command line, run, report what went wrong and exit with its
//! status.

use std::process::ExitCode;

use clap::{CommandFactory, Parser};

use orgtree::cli::{self, Cli};

/// A model is millions of short strings: mimalloc allocates them faster and packs them tighter
/// than the system allocator (see BENCHMARKS.md).
#[cfg(feature = "mimalloc")]
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    no_huge_pages();
    // Panic reports are printed once, readably; the explorer restores the terminal first.
    if let Err(e) = color_eyre::install() {
        eprintln!("orgtree: cannot install the error reporter: {e}");
    }
    // `COMPLETE=SHELL orgtree` prints the shell's completion script, and the shell runs
    // `orgtree -- WORDS…` with it set to complete a line: both end here.
    clap_complete::CompleteEnv::with_factory(Cli::command).complete();
    let result = Cli::try_parse()
        .map_err(cli::Failure::from)
        .and_then(cli::run);
    cli::exit(result)
}

/// Transparent huge pages off for this process, before the model is read. A model is millions of
/// small allocations spread over a large heap: with huge pages, the kernel faults in and zeroes
/// 2 MiB at a time, which made the first frame of a 100k model a quarter slower and a 1M JSON
/// model's half again slower (BENCHMARKS.md), for no gain once it is loaded. mimalloc does the
/// same when its `allow_thp` option is off; it cannot be set without `unsafe`, so the flag is set
/// here. Where the kernel has no such flag, nothing changes.
fn no_huge_pages() {
    #[cfg(any(target_os = "linux", target_os = "android"))]
    let _ = rustix::thread::disable_transparent_huge_pages(true);
}
