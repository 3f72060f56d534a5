//! Times each stage of loading a model file: read, parse, resolve and validate.
//!
//!     cargo run --release --example timing -- FILE

use std::time::Instant;

fn main() {
    let path = std::env::args().nth(1).expect("a model file");
    let t = Instant::now();
    let text = std::fs::read_to_string(&path).expect("readable");
    let read = t.elapsed();
    bare(&text);
    let t = Instant::now();
    let model = orgtree::load::parse(&text).expect("parses");
    let parse = t.elapsed();
    let t = Instant::now();
    let org = orgtree::org::Org::new(model)
        .map_err(|d| d.len())
        .expect("valid");
    let resolve = t.elapsed();
    println!(
        "read {read:?}, parse {parse:?}, resolve+validate {resolve:?}, {} entities",
        org.0.entity_count()
    );
}

#[allow(dead_code)]
fn bare(text: &str) {
    let t = Instant::now();
    let _: serde::de::IgnoredAny = serde_saphyr::from_str(text).expect("yaml");
    println!("bare serde-saphyr parse into IgnoredAny: {:?}", t.elapsed());
}
