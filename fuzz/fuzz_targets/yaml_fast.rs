//! Any bytes as a YAML model: the loader's fast YAML reader must read what serde-saphyr reads,
//! every position included, or leave the text to it (`load::differential`).

#![no_main]

use libfuzzer_sys::fuzz_target;
use orgtree::load::differential::{Agreement, compare};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if let Agreement::Differ { fast, full } = compare(text) {
        panic!("the fast reader read otherwise than serde-saphyr\n{text}\n--- fast:\n{fast}\n--- serde-saphyr:\n{full}");
    }
});
