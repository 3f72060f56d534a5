//! Every file in `tests/fixtures/invalid/` (models with mistakes) and `tests/fixtures/hostile/`
//! (files built to hurt) states in its header what orgtree must do with it:
//!
//! - `# expect: LINE:COL: error: MESSAGE` (or `warning:`, or no position): a problem reported;
//! - `# help: TEXT`: the hint that must come with it;
//! - `# expect-ok`: the model loads;
//! - `# dump-contains: TEXT` / `# json-contains: TEXT`: what its dump must show;
//! - `# max-size: N`: the size limit to load it with.
//!
//! Whatever loads must dump without an unsafe character (see `sanitize`) reaching the output.

use crate::common;

use std::path::{Path, PathBuf};

use orgtree::dump::Format;
use orgtree::load::{Limits, load_file};

struct Header {
    problems: Vec<String>,
    helps: Vec<String>,
    ok: bool,
    dump_contains: Vec<String>,
    json_contains: Vec<String>,
    max_size: Option<u64>,
}

fn header(path: &Path) -> Header {
    let text = std::fs::read(path).unwrap();
    let text = String::from_utf8_lossy(&text);
    let lines: Vec<&str> = text
        .lines()
        .map(|l| l.trim_start_matches('\u{feff}'))
        .take_while(|l| l.starts_with('#'))
        .collect();
    let all = |tag: &str| -> Vec<String> {
        lines
            .iter()
            .filter_map(|l| l.strip_prefix(tag))
            .map(str::to_owned)
            .collect()
    };
    Header {
        problems: all("# expect: "),
        helps: all("# help: "),
        ok: lines.contains(&"# expect-ok"),
        dump_contains: all("# dump-contains: "),
        json_contains: all("# json-contains: "),
        max_size: all("# max-size: ").first().map(|n| n.parse().unwrap()),
    }
}

fn fixtures(dir: &str) -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(dir);
    let mut paths: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
        .collect();
    paths.sort();
    paths
}

/// Checks one fixture; returns what went wrong.
fn check(path: &Path) -> Vec<String> {
    let h = header(path);
    let name = path.display().to_string();
    let mut failures = Vec::new();
    if h.problems.is_empty() && !h.ok {
        return vec![format!("{name} has neither `# expect:` nor `# expect-ok`")];
    }
    let limits = Limits {
        max_size: h.max_size.unwrap_or(Limits::default().max_size),
    };
    let (loaded, output) = match load_file(path, limits) {
        Ok(loaded) => {
            let text = orgtree::diagnostic::render_all(
                &loaded.warnings,
                &loaded.file.name,
                Some(&loaded.file.text),
            );
            for (format, wanted) in [
                (Format::Tree, &h.dump_contains),
                (Format::Json, &h.json_contains),
            ] {
                let dumped = common::dump(&loaded.org, format);
                if let Some(c) = dumped
                    .chars()
                    .find(|&c| c != '\n' && orgtree::sanitize::is_unsafe(c))
                {
                    failures.push(format!("{name}: {c:?} reached the {format:?} dump"));
                }
                for w in wanted {
                    if !dumped.contains(w.as_str()) {
                        failures.push(format!(
                            "{name}: `{w}` not in the {format:?} dump:\n{dumped}"
                        ));
                    }
                }
            }
            (true, text)
        }
        Err(e) => (false, e.render()),
    };
    let only_warnings = h.problems.iter().all(|p| p.contains("warning:"));
    if loaded != only_warnings {
        failures.push(format!("{name}: loaded = {loaded}, unexpected\n{output}"));
        return failures;
    }
    for problem in &h.problems {
        // A position-less expectation (`error: …`) matches the message after any position.
        let found = if problem.starts_with("error:") || problem.starts_with("warning:") {
            output
                .lines()
                .any(|l| l.starts_with(&name) && l.contains(problem.as_str()))
        } else {
            output
                .lines()
                .any(|l| l.starts_with(&format!("{name}:{problem}")))
        };
        if !found {
            failures.push(format!("{name}: expected `{problem}` in\n{output}"));
        }
    }
    for help in &h.helps {
        if !output.contains(&format!("= help: {help}")) {
            failures.push(format!("{name}: expected help `{help}` in\n{output}"));
        }
    }
    let count = output
        .lines()
        .filter(|l| l.starts_with(&name) && (l.contains(": error: ") || l.contains(": warning: ")))
        .count();
    if count != h.problems.len() {
        failures.push(format!(
            "{name}: {} problems expected, {count} reported\n{output}",
            h.problems.len()
        ));
    }
    if output.contains('\u{1b}') {
        failures.push(format!(
            "{name}: an escape character reached the error output"
        ));
    }
    failures
}

fn check_dir(dir: &str, at_least: usize) {
    let paths = fixtures(dir);
    assert!(paths.len() >= at_least, "fixtures went missing: {paths:?}");
    let failures: Vec<String> = paths.iter().flat_map(|p| check(p)).collect();
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn each_invalid_model_reports_its_problems_where_they_are() {
    check_dir("invalid", 15);
}

#[test]
fn each_hostile_file_fails_fast_or_renders_safely() {
    check_dir("hostile", 15);
}

#[test]
fn errors_quote_the_offending_line_with_a_caret() {
    let path =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/invalid/unknown-entity.yaml");
    let output = load_file(&path, Limits::default()).unwrap_err().render();
    assert!(
        output.contains(" 13 |     owned: cloudwat\n    |            ^\n"),
        "{output}"
    );
}
