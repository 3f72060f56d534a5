//! Writes a synthetic organisation model of N entities, for benchmarks:
//!
//!     cargo run --release --example gen -- N [--json] [--shape SHAPE] > org-N.yaml
//!     cargo run --release --example gen -- N --csv > hr-N.csv
//!
//! Without `--shape`, a realistic model (see `orgtree::synthetic`); with it, one of the hostile
//! shapes of `orgtree::synthetic::hostile`: chain, wide, dense, random, fraction-chain, misdated.
//! The same arguments always give the same model.

use std::io::{self, BufWriter, Write};
use std::process::ExitCode;

use orgtree::synthetic::hostile::Shape;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let n: usize = args.first().and_then(|a| a.parse().ok()).unwrap_or(10_000);
    let json = args.iter().any(|a| a == "--json");
    let shape = match args.iter().position(|a| a == "--shape") {
        None => None,
        Some(i) => match args.get(i + 1).map(|s| s.parse::<Shape>()) {
            Some(Ok(shape)) => Some(shape),
            Some(Err(e)) => {
                eprintln!("gen: --shape: {e}");
                return ExitCode::from(2);
            }
            None => {
                eprintln!("gen: --shape needs one of: {}", Shape::NAMES.join(", "));
                return ExitCode::from(2);
            }
        },
    };
    let mut out = BufWriter::with_capacity(1 << 20, io::stdout().lock());
    // An HR export of N rows (`orgtree::synthetic::table`), for the importer's benchmarks.
    let csv = args.iter().any(|a| a == "--csv");
    let written = match shape {
        None if csv => out.write_all(orgtree::synthetic::table::hr_csv(n).as_bytes()),
        None => orgtree::synthetic::write(n, json, &mut out),
        Some(shape) => orgtree::synthetic::hostile::write(shape, n, json, &mut out),
    };
    match written.and_then(|()| out.flush()) {
        // `gen N | head` is fine: the reader had enough.
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("gen: {e}");
            ExitCode::FAILURE
        }
        Ok(()) => ExitCode::SUCCESS,
    }
}
