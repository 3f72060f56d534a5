//! Writes a synthetic organisation model of N entities, for benchmarks:
//!
//!     cargo run --release --example gen -- N [--json] > org-N.yaml
//!
//! See `orgtree::synthetic` for its shape. The same N always gives the same model.

use std::io::{self, BufWriter, Write};

fn main() -> io::Result<()> {
    let mut args = std::env::args().skip(1);
    let n: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(10_000);
    let json = args.any(|a| a == "--json");
    let mut out = BufWriter::with_capacity(1 << 20, io::stdout().lock());
    match orgtree::synthetic::write(n, json, &mut out).and_then(|()| out.flush()) {
        // `gen N | head` is fine: the reader had enough.
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => Ok(()),
        other => other,
    }
}
