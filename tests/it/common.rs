//! Helpers the integration tests share.

use orgtree::dump::{self, DumpOptions, Format};
use orgtree::org::Org;

/// The model cache directory every orgtree the tests start is given (`XDG_CACHE_HOME`), so
/// that no test reads or writes the cache of whoever runs them.
pub fn cache_home() -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("cache-home")
}

/// The whole dump of `org` in `format`, with the default options, as text.
pub fn dump(org: &Org, format: Format) -> String {
    dump_with(
        org,
        &DumpOptions {
            format,
            ..DumpOptions::default()
        },
    )
}

/// The whole dump of `org` with `options`, as text.
pub fn dump_with(org: &Org, options: &DumpOptions) -> String {
    let mut out = Vec::new();
    dump::write(org, options, &mut out).unwrap();
    String::from_utf8(out).unwrap()
}

/// The org of a model given as text, named `name`; a model with an error fails the test with
/// its diagnostics.
pub fn load(name: &str, text: &str) -> Org {
    orgtree::load::load_text(orgtree::load::ModelText {
        name: name.into(),
        text: text.into(),
    })
    .unwrap_or_else(|e| panic!("{}", e.render()))
    .org
}

/// The orgtree binary, with a cache of the tests' own.
pub fn orgtree() -> std::process::Command {
    let mut command = std::process::Command::new(env!("CARGO_BIN_EXE_orgtree"));
    command.env("XDG_CACHE_HOME", cache_home());
    // No configuration of whoever runs the tests: a directory that holds none.
    command.env("XDG_CONFIG_HOME", cache_home().join("no-config"));
    command
}

/// Runs orgtree with `args` and `input` on standard input.
pub fn piped(args: &[&str], input: &[u8]) -> std::process::Output {
    use std::io::Write;
    use std::process::Stdio;
    let mut child = orgtree()
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let input = input.to_vec();
    // Written on a thread: a refusal may come before all of it is read.
    let writer = std::thread::spawn(move || {
        let _ = stdin.write_all(&input);
    });
    let out = child.wait_with_output().unwrap();
    writer.join().unwrap();
    out
}
