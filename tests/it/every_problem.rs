//! A model with many mistakes reports them all in one run, each once and in file order, and
//! stays bounded and safe whatever the file holds: a hundred thousand broken items, escape
//! sequences in the bad values, and every cut of a broken file.

use std::path::Path;

use orgtree::load::{ModelText, load_text};

fn load(text: String) -> Result<orgtree::load::Loaded, orgtree::load::LoadError> {
    load_text(ModelText {
        name: "many.yaml".into(),
        text,
    })
}

#[test]
fn a_hundred_thousand_broken_items_are_each_reported_and_the_output_is_capped() {
    let mut text = String::from("title: broken everywhere\nentities:\n");
    let items = 100_000;
    for i in 0..items {
        // A bad date with an escape sequence in it, and a key that does not exist.
        text.push_str(&format!(
            "  - id: e{i}\n    name: E\n    kind: company\n    founded: \"2014-13\\e[2J\"\n    colour: red\n"
        ));
    }
    let err = load(text).map(|_| ()).unwrap_err();
    assert_eq!(err.diagnostics.len(), 2 * items, "each problem once");
    let positions: Vec<_> = err.diagnostics.iter().map(|d| d.pos).collect();
    assert!(positions.windows(2).all(|w| w[0] < w[1]), "in file order");
    assert_eq!(err.diagnostics[0].pos.line, 6);
    assert_eq!(err.diagnostics[1].pos.line, 7);
    let shown = err.render();
    let errors = shown.lines().filter(|l| l.contains(": error: ")).count();
    assert_eq!(errors, orgtree::diagnostic::SHOWN, "{shown}");
    assert!(
        shown.contains(
            "many.yaml: … and 199900 more problems, not shown: fix these and run again\n"
        ),
        "{}",
        &shown[shown.len() - 300..]
    );
    assert!(shown.ends_with("many.yaml: 200000 errors, 0 warnings\n"));
    assert!(!shown.contains('\u{1b}'), "escapes are made safe");
}

/// Every prefix of a file with mistakes of every kind, and the file without each of its lines:
/// whatever recovery meets, it reports problems and never panics.
#[test]
fn every_cut_of_a_broken_file_is_reported_without_a_panic() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/invalid");
    for name in [
        "five-mistakes.yaml",
        "syntax-and-date.yaml",
        "flow-comma.yaml",
    ] {
        let text = std::fs::read_to_string(path.join(name)).unwrap();
        let cuts = text.char_indices().map(|(i, _)| text[..i].to_owned());
        let lines: Vec<&str> = text.lines().collect();
        let without = (0..lines.len()).map(|n| {
            let mut kept = lines.clone();
            kept.remove(n);
            kept.join("\n")
        });
        for cut in cuts.chain(without) {
            if let Err(e) = load(cut.clone()) {
                assert!(!e.diagnostics.is_empty(), "{cut}");
                assert!(e.diagnostics.iter().any(|d| d.is_error()), "{cut}");
                let _ = e.render();
            }
        }
    }
}

#[test]
fn a_failed_item_is_not_reported_again_as_an_unknown_reference() {
    let text = "title: t\nentities:\n  - id: a\n    name: A\n    kind: company\n    founded: 2014-13\n  - {id: b, name: B, kind: company, parent: a}\n  - {id: c, name: C, kind: company, parent: z}\npeople:\n  - id: p\n    nme: P\nroles:\n  - {person: p, entity: b, title: CEO}\n";
    let err = load(text.into()).map(|_| ()).unwrap_err();
    let messages: Vec<&str> = err.diagnostics.iter().map(|d| d.message.as_str()).collect();
    assert_eq!(messages.len(), 3, "{messages:?}");
    assert!(
        messages[0].starts_with("`2014-13` is not a date"),
        "{messages:?}"
    );
    assert_eq!(messages[1], "`parent` names unknown entity `z`");
    assert_eq!(messages[2], "unknown field `nme`");
}

#[test]
fn what_the_cut_cannot_follow_is_reported_as_one_error() {
    // An alias joins two items: the file is read whole or not at all.
    let text = "title: t\nentities:\n  - &a {id: a, name: A, kind: company, founded: 2014-13}\n  - {id: b, name: B, kind: company, founded: 2015-13}\n";
    let err = load(text.into()).map(|_| ()).unwrap_err();
    assert_eq!(err.diagnostics.len(), 1, "{:?}", err.diagnostics);
    assert_eq!(err.diagnostics[0].pos.line, 3);
}
