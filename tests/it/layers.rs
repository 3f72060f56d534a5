//! The layers of the crate, read off its source: which top-level module names which (`crate::x`
//! outside tests). Data flows one way, so the modules must form layers with no circle; this
//! test fails on any import that points back up, and prints the graph with
//! `cargo test --test it layers -- --nocapture`.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// The layers, lowest first: a module may name only modules of lower layers (or its own).
const LAYERS: &[&[&str]] = &[
    &["sanitize", "suggest"],
    &["model", "diagnostic", "words"],
    &["org"],
    &["load", "import", "synthetic"],
    &[
        "history",
        "ownership",
        "search",
        "chart",
        "visibility",
        "headcount",
    ],
    &["document", "geometry", "keys", "theme", "dump"],
    &["app"],
    &["ui"],
    &["headless", "term"],
    &["cli"],
];

/// Every top-level module and the top-level modules its non-test code names.
fn graph() -> BTreeMap<String, BTreeSet<String>> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut graph: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    let mut files = vec![src.clone()];
    while let Some(path) = files.pop() {
        if path.is_dir() {
            for entry in std::fs::read_dir(&path).unwrap() {
                files.push(entry.unwrap().path());
            }
            continue;
        }
        let rel = path.strip_prefix(&src).unwrap();
        let first = rel
            .components()
            .next()
            .unwrap()
            .as_os_str()
            .to_string_lossy();
        let module = first.trim_end_matches(".rs").to_owned();
        let is_test_file = rel.file_name().is_some_and(|n| n == "tests.rs")
            || rel.components().any(|c| c.as_os_str() == "tests");
        if path.extension().is_none_or(|e| e != "rs")
            || matches!(module.as_str(), "lib" | "main")
            || is_test_file
        {
            continue;
        }
        let text = std::fs::read_to_string(&path).unwrap();
        let uses = graph.entry(module.clone()).or_default();
        let mut lines = text.lines().peekable();
        while let Some(line) = lines.next() {
            // An inline test module ends what the file's own code names.
            if line.trim() == "#[cfg(test)]"
                && lines
                    .peek()
                    .is_some_and(|l| l.trim().starts_with("mod tests {"))
            {
                break;
            }
            let code = line.split("//").next().unwrap_or_default();
            for (i, _) in code.match_indices("crate::") {
                let name: String = code[i + "crate::".len()..]
                    .chars()
                    .take_while(|c| c.is_ascii_lowercase() || *c == '_')
                    .collect();
                if !name.is_empty() && name != module {
                    uses.insert(name);
                }
            }
        }
    }
    graph
}

fn layer(module: &str) -> usize {
    LAYERS
        .iter()
        .position(|l| l.contains(&module))
        .unwrap_or_else(|| panic!("`{module}` is in no layer: add it to LAYERS"))
}

#[test]
fn imports_run_one_way() {
    let graph = graph();
    let mut wrong = Vec::new();
    for (module, uses) in &graph {
        println!(
            "{module} -> {}",
            uses.iter().cloned().collect::<Vec<_>>().join(" ")
        );
        for used in uses {
            if layer(used) > layer(module) {
                wrong.push(format!("{module} -> {used}"));
            }
        }
    }
    assert!(wrong.is_empty(), "imports pointing up a layer: {wrong:?}");
}

#[test]
fn modules_of_one_layer_do_not_name_each_other_in_a_circle() {
    let graph = graph();
    // A depth-first walk: a module met again on the current path closes a circle.
    fn walk(
        at: &str,
        graph: &BTreeMap<String, BTreeSet<String>>,
        path: &mut Vec<String>,
        done: &mut BTreeSet<String>,
    ) {
        if let Some(start) = path.iter().position(|p| p == at) {
            panic!("import circle: {} -> {at}", path[start..].join(" -> "));
        }
        if !done.insert(at.to_owned()) {
            return;
        }
        path.push(at.to_owned());
        for next in graph.get(at).into_iter().flatten() {
            walk(next, graph, path, done);
        }
        path.pop();
    }
    let mut done = BTreeSet::new();
    for module in graph.keys() {
        walk(module, &graph, &mut Vec::new(), &mut done);
    }
}

#[test]
fn every_module_is_read() {
    let graph = graph();
    for module in ["app", "ui", "document", "org", "keys", "geometry"] {
        assert!(graph.contains_key(module), "{module}");
    }
    assert!(graph["ui"].contains("app"), "the reader sees what ui names");
}
