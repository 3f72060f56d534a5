//! Snapshots of `--dump` on the shipped model: the text tree and the JSON document.

use orgtree::dump::{self, DumpOptions, Format};
use orgtree::load::load_embedded;

fn dump(options: &DumpOptions) -> String {
    let loaded = load_embedded().map_err(|e| e.render()).unwrap();
    let mut out = Vec::new();
    dump::write(&loaded.org, options, &mut out).unwrap();
    String::from_utf8(out).unwrap()
}

#[test]
fn tree_of_the_shipped_model() {
    insta::assert_snapshot!(dump(&DumpOptions::default()));
}

#[test]
fn json_of_the_shipped_model() {
    let json = dump(&DumpOptions {
        format: Format::Json,
        ..DumpOptions::default()
    });
    let value: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(value["format"], "orgtree");
    assert_eq!(value["entities"].as_array().unwrap().len(), 19);
    insta::assert_snapshot!(json);
}
