//! Other formats through the binary: `orgtree FILE` telling a BODS file from a model by its
//! name and first bytes, `orgtree import`, standard input, gzip and `--around`.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Output;

use crate::common::{orgtree, piped};

fn path(relative: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join(relative)
        .display()
        .to_string()
}

fn history() -> String {
    path("tests/fixtures/bods/history.jsonl")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

fn ok(out: &Output) -> String {
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    text(&out.stdout)
}

/// A directory of its own for one test's files.
fn scratch(test: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("orgtree-imports-{}-{test}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// The tree of the history fixture today: Quay Logistics was closed in 2023.
const TODAY: &str = "└── Harbour Group Ltd (company) — Mara Lind more than 50 % and less than 75 %";

#[test]
fn bods_statements_open_directly_by_name_and_by_content() {
    let dumped = ok(&orgtree().args(["--dump", &history()]).output().unwrap());
    assert!(dumped.starts_with("history — as of"), "{dumped}");
    assert!(dumped.contains(TODAY), "{dumped}");
    assert!(
        dumped.contains("    └── Dockside Storage Ltd (company) — Harbour Group Ltd 100 %"),
        "{dumped}"
    );
    // Named neither .jsonl nor .json, the statements are known by their first bytes.
    let dir = scratch("content");
    let renamed = dir.join("register.txt");
    std::fs::copy(history(), &renamed).unwrap();
    let out = orgtree().arg("--dump").arg(&renamed).output().unwrap();
    assert!(ok(&out).contains(TODAY));
    // An example of the standard, a JSON array.
    let example = path("../shared/data/bods-0.4/examples/indirect-ownership.json");
    let out = orgtree().args(["--dump", &example]).output().unwrap();
    assert!(
        ok(&out).contains("Company A (company) — Company B 60 %, Person 1 30 % (indirect)"),
        "{}",
        text(&out.stdout)
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn bods_from_standard_input_and_from_gzip_is_the_same_model() {
    let bytes = std::fs::read(history()).unwrap();
    let dumped = ok(&piped(&["--dump"], &bytes));
    assert!(dumped.starts_with("Imported from standard input — as of"));
    assert!(dumped.contains(TODAY), "{dumped}");
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    gz.write_all(&bytes).unwrap();
    let gz = gz.finish().unwrap();
    assert!(ok(&piped(&["--dump", "-"], &gz)).contains(TODAY));
    let dir = scratch("gzip");
    let file = dir.join("history.jsonl.gz");
    std::fs::write(&file, &gz).unwrap();
    let out = ok(&orgtree().arg("--dump").arg(&file).output().unwrap());
    assert!(out.starts_with("history — as of"), "{out}");
    assert!(out.contains(TODAY), "{out}");
    // Cut short, as a download that stopped: said, not half a model.
    std::fs::write(&file, &gz[..gz.len() / 2]).unwrap();
    let out = orgtree().arg("--dump").arg(&file).output().unwrap();
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stdout));
    assert!(text(&out.stderr).contains("check that it is whole"));
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn import_writes_a_model_that_loads_as_the_same_org() {
    let dir = scratch("import");
    let direct = ok(&orgtree()
        .args(["--dump", "--as-of", "2021-07-01", &history()])
        .output()
        .unwrap());
    for (format, file) in [("yaml", "org.yaml"), ("json", "org.json")] {
        let out = orgtree()
            .args(["import", "bods", &history(), "--format", format])
            .output()
            .unwrap();
        let model = ok(&out);
        if format == "yaml" {
            assert!(model.starts_with("# An orgtree model"), "{model}");
            assert!(model.contains("\ntitle: history\n"), "{model}");
        }
        let file = dir.join(file);
        std::fs::write(&file, &model).unwrap();
        let check = ok(&orgtree().arg("--check").arg(&file).output().unwrap());
        assert!(
            check.ends_with(
                "ok — 3 entities, 2 people, 5 stakes, 0 roles, 0 relations, 0 events, 1 source\n"
            ),
            "{format}: {check}"
        );
        let reread = ok(&orgtree()
            .args(["--dump", "--as-of", "2021-07-01"])
            .arg(&file)
            .output()
            .unwrap());
        // The same tree, shares and all, but for the title line.
        let body = |t: &str| t.lines().skip(1).collect::<Vec<_>>().join("\n");
        assert_eq!(body(&reread), body(&direct), "{format}");
        assert!(body(&direct).contains("Quay Logistics"), "{direct}");
    }
    // From standard input too.
    let bytes = std::fs::read(history()).unwrap();
    let model = ok(&piped(&["import", "bods", "-"], &bytes));
    assert!(model.contains("title: Imported from standard input"));
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn import_problems_are_reported_where_they_are_and_nothing_is_written() {
    let errors = path("tests/fixtures/bods/errors.jsonl");
    let out = orgtree()
        .args(["import", "bods", &errors])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(out.stdout.is_empty(), "{}", text(&out.stdout));
    let stderr = text(&out.stderr);
    // Every problem in one run, each at its line and column, with the line quoted.
    for at in [
        ":2:70: error",
        ":4:723: error",
        ":5:751: error",
        ":6:1: error",
    ] {
        assert!(stderr.contains(&format!("{errors}{at}")), "{at}: {stderr}");
    }
    assert!(stderr.contains(" 4 | …"), "{stderr}");
    // What cannot be read is an input failure; a bad option is a usage error.
    let out = orgtree()
        .args(["import", "bods", "no-such-file.jsonl"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(3));
    for bad in [
        &["import", "bods"][..],
        &["import", "xml", "f"],
        &["import", "bods", "f", "--format", "toml"],
        &["import", "bods", "f", "--depth", "2"],
        &["--column", "parent", "f"],
    ] {
        let out = orgtree().args(bad).output().unwrap();
        assert_eq!(out.status.code(), Some(2), "{bad:?}: {}", text(&out.stderr));
    }
}

#[test]
fn around_keeps_the_neighbourhood_and_depth_is_its_radius() {
    // Quay Logistics (GB-COH 22222222) was held by Harbour Group until it closed in 2023.
    let around = |depth: &str| {
        ok(&orgtree()
            .args(["--dump", "--as-of", "2021-07-01", "--around"])
            .args(["GB-COH:22222222", "--depth", depth, &history()])
            .output()
            .unwrap())
    };
    let near = around("1");
    assert!(near.contains("Harbour Group Ltd"), "{near}");
    assert!(near.contains("Quay Logistics"), "{near}");
    assert!(!near.contains("Dockside"), "{near}");
    assert!(!near.contains("Mara Lind"), "{near}");
    let far = around("2");
    assert!(
        far.contains("Dockside") && far.contains("Mara Lind"),
        "{far}"
    );
    // Not there: said, with what is near.
    let out = orgtree()
        .args(["--dump", "--around", "GB-COH:2222222", &history()])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stderr).contains("GB-COH:22222222"),
        "{}",
        text(&out.stderr)
    );
}

#[test]
fn statements_of_an_older_bods_are_told_apart_from_0_4() {
    let older = br#"[{"statementID": "s-1", "statementType": "entityStatement", "entityType": "registeredEntity", "name": "Old Ltd"}]"#;
    let out = piped(&["--check", "-"], older);
    assert_eq!(out.status.code(), Some(1));
    let stderr = text(&out.stderr);
    assert!(
        stderr.contains("<stdin>:1:2: error: in this statement: missing field"),
        "{stderr}"
    );
    assert!(stderr.contains("BODS 0.3 or earlier"), "{stderr}");
}
