//! Every file in `tests/fixtures/invalid/` is a model with problems. Its header says what
//! orgtree must report: `# expect: LINE:COL: error: MESSAGE` (or `warning:`), one line per
//! problem, and `# help: TEXT` for the hint that must accompany them.

use std::path::{Path, PathBuf};

use orgtree::load::{Limits, load_file};

struct Expectations {
    problems: Vec<String>,
    helps: Vec<String>,
}

fn expectations(path: &Path) -> Expectations {
    let text = std::fs::read(path).unwrap();
    let text = String::from_utf8_lossy(&text);
    let header = |tag: &str| -> Vec<String> {
        text.lines()
            .take_while(|l| l.starts_with('#'))
            .filter_map(|l| l.strip_prefix(tag))
            .map(str::to_owned)
            .collect()
    };
    Expectations {
        problems: header("# expect: "),
        helps: header("# help: "),
    }
}

fn fixtures() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/invalid");
    let mut paths: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
        .collect();
    paths.sort();
    paths
}

/// What loading a fixture prints: its problems, or its warnings when it loads.
fn report(path: &Path) -> (bool, String) {
    match load_file(path, Limits::default()) {
        Ok(loaded) => (
            true,
            orgtree::diagnostic::render_all(
                &loaded.warnings,
                &loaded.file.name,
                Some(&loaded.file.text),
            ),
        ),
        Err(e) => (false, e.render()),
    }
}

#[test]
fn each_invalid_fixture_reports_its_problems_where_they_are() {
    let paths = fixtures();
    assert!(paths.len() >= 20, "fixtures went missing: {paths:?}");
    let mut failures = Vec::new();
    for path in &paths {
        let expected = expectations(path);
        assert!(
            !expected.problems.is_empty(),
            "{} has no `# expect:` line",
            path.display()
        );
        let (loaded, output) = report(path);
        let name = path.display().to_string();
        let only_warnings = expected.problems.iter().all(|p| p.contains("warning:"));
        if loaded != only_warnings {
            failures.push(format!(
                "{name}: loaded = {loaded}, but expected {}\n{output}",
                if only_warnings {
                    "warnings only"
                } else {
                    "errors"
                }
            ));
            continue;
        }
        for problem in &expected.problems {
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
        for help in &expected.helps {
            if !output.contains(&format!("= help: {help}")) {
                failures.push(format!("{name}: expected help `{help}` in\n{output}"));
            }
        }
        let count = output
            .lines()
            .filter(|l| {
                l.starts_with(&name) && (l.contains(": error: ") || l.contains(": warning: "))
            })
            .count();
        if count != expected.problems.len() {
            failures.push(format!(
                "{name}: {} problems expected, {count} reported\n{output}",
                expected.problems.len()
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn errors_quote_the_offending_line_with_a_caret() {
    let path =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/invalid/unknown-entity.yaml");
    let (_, output) = report(&path);
    assert!(
        output.contains(" 13 |     owned: cloudwat\n    |            ^\n"),
        "{output}"
    );
}
