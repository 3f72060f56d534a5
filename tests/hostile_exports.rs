//! Hostile text in the export formats: each format shows a name as written, and nothing in a
//! name or a URL can become markup, a directive, a live link or an invisible character.

use orgtree::dump::{self, DumpOptions, Format};
use orgtree::load::{ModelText, load_text};
use orgtree::org::Org;

fn load(yaml: &str) -> Org {
    load_text(ModelText {
        name: "hostile.yaml".into(),
        text: yaml.to_owned(),
    })
    .map_err(|e| e.render())
    .unwrap()
    .org
}

fn dump(org: &Org, format: Format) -> String {
    let mut out = Vec::new();
    let options = DumpOptions {
        format,
        ..DumpOptions::default()
    };
    dump::write(org, &options, &mut out).unwrap();
    String::from_utf8(out).unwrap()
}

#[test]
fn mermaid_labels_cannot_hold_a_directive() {
    let org = load(
        "title: \"%%{init: {'theme': 'dark'}}%% t\"\nentities:\n  - {id: a, name: \"%%{init: {'theme':'forest'}}%% `x` &amp;\", kind: company}\n",
    );
    let text = dump(&org, Format::Mermaid);
    assert!(!text.contains("%%"), "{text}");
    let chart = text.split("flowchart TD").nth(1).expect("a flowchart");
    assert!(!chart.contains('\''), "{text}");
    assert!(
        text.contains(
            "e0[\"#37;#37;{init: {#39;theme#39;:#39;forest#39;}}#37;#37; #96;x#96; #38;amp;<br/>"
        ),
        "{text}"
    );
    // The title, in the YAML front matter, reads back as written.
    let front = text.split("---\n").nth(1).expect("front matter");
    #[derive(serde::Deserialize)]
    struct Front {
        title: String,
    }
    let front: Front = serde_saphyr::from_str(front).unwrap_or_else(|e| panic!("{e}\n{text}"));
    assert!(
        front
            .title
            .starts_with("%%{init: {'theme': 'dark'}}%% t — as of"),
        "{}",
        front.title
    );
}
