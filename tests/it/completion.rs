//! Dynamic shell completion (`COMPLETE=SHELL orgtree`): `--root` and `--filter` complete to the
//! ids (and names) of the model on the command line, capped, and never to a text that the
//! sanitizer would change.

use std::ffi::OsString;
use std::path::Path;

use orgtree::cli::complete::{MAX_CANDIDATES, candidates, model_of};

use crate::common::{load, orgtree};

const MODEL: &str = r#"title: Completion
entities:
  - id: acme
    name: Acme Group
    kind: group
  - id: acme-cloud
    name: Acme Cloud
    kind: subsidiary
    parent: acme
  - id: cloudy
    name: ACME CLOUD
    kind: company
  - id: Zeta
    name: zeta
    kind: company
  - id: "acme-\u202Eevil"
    name: "Acme \e[31mRed"
    kind: company
"#;

fn values(found: &[(String, Option<String>)]) -> Vec<&str> {
    found.iter().map(|(v, _)| v.as_str()).collect()
}

#[test]
fn root_completes_ids_by_their_beginning_with_the_name_as_help() {
    let org = load("completion.yaml", MODEL);
    assert!(org.find_entity("acme-\u{202e}evil").is_some());
    let found = candidates(&org, "acme", false);
    // The id with a bidi override is never offered: it could not be typed back.
    assert_eq!(values(&found), ["acme", "acme-cloud"]);
    assert_eq!(found[1].1.as_deref(), Some("Acme Cloud"));
    assert_eq!(
        values(&candidates(&org, "", false)),
        ["acme", "acme-cloud", "cloudy", "Zeta"]
    );
    assert!(candidates(&org, "nothing", false).is_empty());
    // Ids are exact: the case counts.
    assert!(candidates(&org, "zeta", false).is_empty());
}

#[test]
fn filter_also_completes_names_whatever_their_case_each_once() {
    let org = load("completion.yaml", MODEL);
    assert!(
        org.model
            .entities
            .iter()
            .any(|e| e.id.value == "acme-\u{202e}evil")
    );
    let found = candidates(&org, "acme c", true);
    // "ACME CLOUD" is "Acme Cloud" in another case: offered once. The name with an escape is
    // left out.
    assert_eq!(values(&found), ["Acme Cloud"]);
    assert_eq!(found[0].1, None);
    // No id begins with `ze` (ids are exact), the name `zeta` does; with `Ze`, the id `Zeta` is
    // offered, and the name, the same but for its case, is not.
    assert_eq!(values(&candidates(&org, "ze", true)), ["zeta"]);
    assert_eq!(values(&candidates(&org, "Ze", true)), ["Zeta"]);
    let all = candidates(&org, "a", true);
    assert_eq!(
        values(&all),
        ["acme", "acme-cloud", "Acme Group", "Acme Cloud"]
    );
}

#[test]
fn a_large_model_gives_at_most_the_cap() {
    let mut text = String::from("title: Many\nentities:\n");
    for i in 0..MAX_CANDIDATES + 500 {
        text.push_str(&format!(
            "  - id: unit-{i}\n    name: Unit {i}\n    kind: team\n"
        ));
    }
    let org = load("many.yaml", &text);
    assert_eq!(candidates(&org, "unit-", false).len(), MAX_CANDIDATES);
    assert_eq!(candidates(&org, "unit-", true).len(), MAX_CANDIDATES);
    // The first ones, in the model's order.
    assert_eq!(candidates(&org, "unit-", false)[0].0, "unit-0");
    // unit-12, unit-120 to unit-129 and unit-1200 to unit-1299.
    assert_eq!(candidates(&org, "unit-12", false).len(), 111);
}

fn words(line: &[&str]) -> Vec<OsString> {
    line.iter().map(OsString::from).collect()
}

#[test]
fn the_model_is_the_file_typed_or_the_embedded_one() {
    let owners = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/models/owners.yaml");
    let owners = owners.to_str().unwrap();
    let org = model_of(&words(&["orgtree", "--no-cache", owners, "--root", "hold"])).unwrap();
    assert_eq!(values(&candidates(&org, "hold", false)), ["holdco"]);
    // The file may come after the option being completed.
    let org = model_of(&words(&["orgtree", "--root", "", "--no-cache", owners])).unwrap();
    assert!(org.find_entity("holdco").is_some());
    let embedded = model_of(&words(&["orgtree", "--root", "clo"])).unwrap();
    assert_eq!(values(&candidates(&embedded, "clo", false)), ["cloudwatt"]);
    // Standard input is never waited for; a file that does not load gives nothing.
    assert!(model_of(&words(&["orgtree", "-", "--root", ""])).is_none());
    assert!(
        model_of(&words(&[
            "orgtree",
            "--no-cache",
            "no/such.yaml",
            "--root",
            ""
        ]))
        .is_none()
    );
}

/// What the binary answers the shell, as bash's script asks it: `COMPLETE=bash orgtree --
/// WORDS…` with the index of the word being completed.
fn complete_bash(line: &[&str]) -> Vec<String> {
    let out = orgtree()
        .env("COMPLETE", "bash")
        .env("_CLAP_COMPLETE_INDEX", (line.len() - 1).to_string())
        .env("_CLAP_COMPLETE_COMP_TYPE", "9")
        .env("_CLAP_IFS", "\n")
        .arg("--")
        .args(line)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(str::to_owned)
        .collect()
}

#[test]
fn the_binary_completes_ids_for_the_shell() {
    assert_eq!(complete_bash(&["orgtree", "--root", "clo"]), ["cloudwatt"]);
    let owners = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/models/owners.yaml");
    let owners = owners.to_str().unwrap();
    let ids = complete_bash(&["orgtree", "--no-cache", owners, "--root", "hold"]);
    assert_eq!(ids, ["holdco"]);
    let filter = complete_bash(&["orgtree", "--filter", "Caisse"]);
    assert_eq!(filter, ["Caisse des Dépôts"]);
    // The registration script, for `source <(COMPLETE=bash orgtree)`.
    let out = orgtree().env("COMPLETE", "bash").output().unwrap();
    let script = String::from_utf8(out.stdout).unwrap();
    assert!(script.contains("complete -o nospace"), "{script}");
    assert!(script.contains("_clap_complete_orgtree"), "{script}");
}
