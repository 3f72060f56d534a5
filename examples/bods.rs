//! Synthetic BODS statements, and their import, for benchmarks and peak-memory measurements:
//!
//!     cargo run --release --example bods -- gen N > psc-N.jsonl
//!     cargo run --release --example bods -- import FILE [--around ID] [--depth N]
//!     cargo run --release --example bods -- read FILE
//!     cargo run --release --example bods -- skim FILE
//!
//! `import` reads FILE as `orgtree` would (in two passes with `--around`) and prints what the
//! model holds; `read` only parses each line into a `serde_json::Value`, the baseline, and
//! `skim` only checks that each line is JSON (`serde::de::IgnoredAny`), the least any reader does. See
//! `orgtree::synthetic::bods` for the shape.

use std::fs::File;
use std::io::{self, BufRead, BufReader, BufWriter, Write};
use std::process::ExitCode;

use orgtree::import::{Options, bods};

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let flag = |name: &str| {
        args.iter()
            .position(|a| a == name)
            .and_then(|i| args.get(i + 1).cloned())
    };
    match (args.first().map(String::as_str), args.get(1)) {
        (Some("gen"), n) => {
            let n: usize = n.and_then(|n| n.parse().ok()).unwrap_or(100_000);
            let mut out = BufWriter::with_capacity(1 << 20, io::stdout().lock());
            match orgtree::synthetic::bods::write(n, &mut out).and_then(|()| out.flush()) {
                Err(e) if e.kind() != io::ErrorKind::BrokenPipe => {
                    eprintln!("bods: {e}");
                    ExitCode::FAILURE
                }
                _ => ExitCode::SUCCESS,
            }
        }
        (Some("import"), Some(path)) => {
            let options = Options {
                around: flag("--around"),
                depth: flag("--depth").and_then(|d| d.parse().ok()),
                ..Options::default()
            };
            let open = || -> io::Result<Box<dyn BufRead>> {
                Ok(Box::new(BufReader::with_capacity(
                    1 << 16,
                    File::open(path)?,
                )))
            };
            match bods::import_around(path, open, &options) {
                Ok(imported) => {
                    let m = &imported.model;
                    println!(
                        "{} entities, {} people, {} stakes, {} sources, {} warnings",
                        m.entities.len(),
                        m.people.len(),
                        m.stakes.len(),
                        m.sources.len(),
                        imported.warnings.len()
                    );
                    ExitCode::SUCCESS
                }
                Err(problems) => {
                    for p in problems.iter().take(20) {
                        eprint!("{}", p.render(path, None));
                    }
                    ExitCode::FAILURE
                }
            }
        }
        (Some("read"), Some(path)) => {
            println!(
                "{} values",
                each_line(path, |line| serde_json::from_str::<serde_json::Value>(line)
                    .is_ok())
            );
            ExitCode::SUCCESS
        }
        (Some("skim"), Some(path)) => {
            println!(
                "{} values",
                each_line(path, |line| serde_json::from_str::<serde::de::IgnoredAny>(
                    line
                )
                .is_ok())
            );
            ExitCode::SUCCESS
        }
        _ => {
            eprintln!(
                "usage: bods gen N | bods import FILE [--around ID] [--depth N] | bods read FILE | bods skim FILE"
            );
            ExitCode::from(2)
        }
    }
}

/// How many lines of the file at `path` `parse` accepts.
fn each_line(path: &str, parse: impl Fn(&str) -> bool) -> usize {
    let lines = File::open(path).map(|f| BufReader::with_capacity(1 << 16, f).lines());
    lines
        .into_iter()
        .flatten()
        .map_while(Result::ok)
        .filter(|line| parse(line))
        .count()
}
