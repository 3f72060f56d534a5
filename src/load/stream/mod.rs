//! A JSON model read straight from its file, without holding its text.
//!
//! A model's text and the model itself would otherwise be in memory together at the end of the
//! parse: at a million entities, the 230 MB of text is a third of the peak. So a JSON file is
//! read a buffer at a time, one value at a time: the top-level object's fields, and each item of
//! its lists, are found by [`scan`] and each handed whole to `serde_json`'s parser for text
//! (its fast one; its parser for a reader goes a byte at a time and took a third longer).
//!
//! This is a fast path only: it gives a model that loaded with nothing to say about it, or it
//! gives up, and the file is then read whole and loaded as any other, which says where every
//! problem is and quotes its lines. It gives up on a file that is not JSON, is not a regular
//! file, is too large, is not UTF-8 or holds a NUL (each a parse error here), on a key the model
//! does not have or has twice, on any parse error, and on any error or warning the model has.

mod scan;

use std::io::{BufRead, BufReader, Read};
use std::path::Path;

use serde::de::DeserializeOwned;

use crate::model::Model;
use crate::org::Org;

use super::file::open_bounded;
use super::progress::{self, Meter, Metered, Stage, Tally};
use super::{Limits, Loaded, ModelText, Syntax};
use scan::Input;

/// How much is read at a time.
const CHUNK: usize = 1 << 20;

/// The model in the JSON file at `path`, when it loads without a problem or a warning.
pub(super) fn json(
    path: &Path,
    name: &str,
    limits: Limits,
    meter: Option<&Meter>,
) -> Option<Loaded> {
    let (file, len) = open_bounded(path, name, limits).ok()?;
    // One byte past the limit is read, so that a file that grew past it fails to parse here and
    // is refused by the whole read, which says so.
    let mut reader =
        BufReader::with_capacity(64 * 1024, file.take(limits.max_size.saturating_add(1)));
    let start = reader.fill_buf().ok()?;
    let bom = start.starts_with("\u{feff}".as_bytes());
    let shown = String::from_utf8_lossy(&start[..start.len().min(64)]);
    if Syntax::sniff(name, shown.trim_start_matches('\u{feff}')) != Syntax::Json {
        return None;
    }
    if bom {
        reader.consume("\u{feff}".len());
    }
    let model = match meter {
        Some(meter) => {
            // The bytes are counted as the scan takes them from the buffer.
            meter.enter(Stage::Parsing, Some(len), true);
            let metered = Metered {
                inner: reader,
                meter: meter.clone(),
            };
            progress::metering(Some(meter), || model(metered, CHUNK))
        }
        None => model(reader, CHUNK),
    }?;
    super::building(meter, &model);
    match Org::new(model) {
        Ok((org, warnings)) if warnings.is_empty() => Some(Loaded {
            org,
            warnings,
            file: ModelText {
                name: name.to_owned(),
                text: String::new(),
            },
            uncached: None,
        }),
        _ => None,
    }
}

/// Reads a model's JSON from `reader`, `chunk` bytes at a time: the same model as
/// `serde_json::from_slice` gives for the whole text, or `None` where that would fail (and in a
/// few cases where it would not, such as keys written with escapes).
fn model(reader: impl Read, chunk: usize) -> Option<Model> {
    let mut input = Input::new(reader, chunk);
    let mut model = Model::default();
    let mut entities = Tally::of_thread();
    let mut seen: Vec<String> = Vec::new();
    input.expect(b'{')?;
    if input.peek()? == b'}' {
        input.expect(b'}')?;
    } else {
        loop {
            let key: String = one(&mut input)?;
            if seen.contains(&key) {
                return None;
            }
            input.expect(b':')?;
            let m = &mut model;
            match key.as_str() {
                "title" => m.title = one(&mut input)?,
                "description" => m.description = one(&mut input)?,
                "as_of" => m.as_of = one(&mut input)?,
                "sources" => m.sources = list(&mut input, None)?,
                "entities" => m.entities = list(&mut input, Some(&mut entities))?,
                "people" => m.people = list(&mut input, None)?,
                "stakes" => m.stakes = list(&mut input, None)?,
                "roles" => m.roles = list(&mut input, None)?,
                "relations" => m.relations = list(&mut input, None)?,
                "events" => m.events = list(&mut input, None)?,
                _ => return None,
            }
            seen.push(key);
            match input.peek()? {
                b',' => input.expect(b',')?,
                b'}' => {
                    input.expect(b'}')?;
                    break;
                }
                _ => return None,
            }
        }
    }
    // A title is the one field a model must have; nothing may follow the object.
    (seen.iter().any(|k| k == "title") && input.at_end()).then_some(model)
}

/// The next value, read as a `T`. Its bytes are checked as UTF-8 at once, so that the parser
/// need not check each string it reads.
fn one<T: DeserializeOwned>(input: &mut Input<impl Read>) -> Option<T> {
    serde_json::from_str(std::str::from_utf8(input.value()?).ok()?).ok()
}

/// A top-level list, item by item; `null` is an empty list, as in the model's own reading.
/// Each item is counted on `tally`, when given.
fn list<T: DeserializeOwned>(
    input: &mut Input<impl Read>,
    mut tally: Option<&mut Tally>,
) -> Option<Vec<T>> {
    let mut items = Vec::new();
    match input.peek()? {
        b'n' => return (input.value()? == b"null").then_some(items),
        b'[' => input.expect(b'[')?,
        _ => return None,
    }
    if input.peek()? == b']' {
        input.expect(b']')?;
        return Some(items);
    }
    loop {
        items.push(one(input)?);
        if let Some(tally) = tally.as_deref_mut() {
            tally.entity();
        }
        match input.peek()? {
            b',' => input.expect(b',')?,
            b']' => {
                input.expect(b']')?;
                if let Some(tally) = tally {
                    tally.flush();
                }
                return Some(items);
            }
            _ => return None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A file in the temporary directory, removed when dropped.
    struct Written(std::path::PathBuf);

    impl Drop for Written {
        fn drop(&mut self) {
            let _ = std::fs::remove_file(&self.0);
        }
    }

    fn written(name: &str, bytes: &[u8]) -> (std::path::PathBuf, Written) {
        let path =
            std::env::temp_dir().join(format!("orgtree-stream-{}-{name}", std::process::id()));
        std::fs::write(&path, bytes).unwrap();
        (path.clone(), Written(path))
    }

    const MODEL: &str = r#"{"title": "t", "entities": [{"id": "a", "name": "A", "kind": "group"}, {"id": "b", "name": "B", "kind": "team", "parent": "a"}]}"#;

    #[test]
    fn a_json_file_that_loads_is_streamed_without_its_text() {
        for (name, bytes) in [
            ("m.json", MODEL.as_bytes().to_vec()),
            ("m.model", MODEL.as_bytes().to_vec()),
            (
                "bom.json",
                [b"\xef\xbb\xbf".as_slice(), MODEL.as_bytes()].concat(),
            ),
        ] {
            let (path, _gone) = written(name, &bytes);
            let loaded = json(&path, name, Limits::default(), None).expect(name);
            assert_eq!(loaded.org.entity_count(), 2, "{name}");
            assert!(loaded.file.text.is_empty());
            // The same model as the whole read gives.
            let whole = super::super::load_bytes(name.to_owned(), bytes).unwrap();
            assert_eq!(
                serde_json::to_string(&loaded.org.model).unwrap(),
                serde_json::to_string(&whole.org.model).unwrap()
            );
        }
    }

    /// The model `serde_json` reads from the whole text, and the one read here a few bytes at a
    /// time, as JSON (or `None` where either gives up).
    fn both(text: &str, chunk: usize) -> (Option<String>, Option<String>) {
        let whole = serde_json::from_str::<Model>(text).ok();
        let streamed = model(text.as_bytes(), chunk);
        let json = |m: Option<Model>| m.map(|m| serde_json::to_string(&m).unwrap());
        (json(whole), json(streamed))
    }

    #[test]
    fn the_same_model_as_the_whole_text_gives_whatever_the_reads() {
        let mut texts: Vec<String> = Vec::new();
        let mut synthetic = Vec::new();
        crate::synthetic::write(300, true, &mut synthetic).unwrap();
        texts.push(String::from_utf8(synthetic).unwrap());
        // Every shipped and fixture model, written as JSON, compact and indented.
        for dir in [
            "data",
            "docs",
            "tests/fixtures/models",
            "tests/fixtures/hostile",
        ] {
            let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(dir);
            for entry in std::fs::read_dir(dir).unwrap() {
                let path = entry.unwrap().path();
                let Ok(text) = std::fs::read_to_string(&path) else {
                    continue;
                };
                let Ok(m) = super::super::parse(
                    &text,
                    Syntax::of(&ModelText {
                        name: path.display().to_string(),
                        text: text.clone(),
                    }),
                ) else {
                    continue;
                };
                texts.push(serde_json::to_string(&m).unwrap());
                texts.push(serde_json::to_string_pretty(&m).unwrap());
            }
        }
        assert!(texts.len() > 10, "{}", texts.len());
        for text in &texts {
            for chunk in [1, 5, 4096, CHUNK] {
                let (whole, streamed) = both(text, chunk);
                assert!(whole.is_some(), "{}", &text[..text.len().min(200)]);
                assert_eq!(
                    streamed,
                    whole,
                    "by {chunk}: {}",
                    &text[..text.len().min(200)]
                );
            }
        }
    }

    #[test]
    fn strange_but_valid_json_reads_the_same_or_gives_up() {
        let cases = [
            r#"{"title":"a \"quoted\" ]} title, with \\ and \u00e9","entities":[{"id":"x","name":"}{][","kind":"group","attributes":{"k":"[\"]"}}]}"#,
            " \n\t{ \"title\" : \"t\" , \"entities\" : null , \"people\" : [ ] }\r\n ",
            r#"{"entities": [], "title": "last"}"#,
            r#"{"title": "t", "description": null, "as_of": "2015-01"}"#,
            r#"{"title": "t", "entities": [{"id": "e\u0031", "name": "N", "kind": "team", "founded": 2001}]}"#,
            // What the whole read refuses, refused here too.
            r#"{"title": "t", "title": "twice"}"#,
            r#"{"title": "t"} trailing"#,
            r#"{"title": "t",}"#,
            r#"{"entities": []}"#,
            r#"{"title": "t", "entities": [1, 2]}"#,
            r#"{"title": "t", "entities": {"id": "x"}}"#,
            r#"{"title": "t", "entities": [{"id": "x", "name": "N", "kind": "group"},]}"#,
            r#"[{"title": "t"}]"#,
            r#"{"title": "t", "colour": "red"}"#,
            r#"{"title": tru}"#,
            "",
        ];
        for text in cases {
            for chunk in [1, 3, 64] {
                let (whole, streamed) = both(text, chunk);
                assert!(
                    streamed.is_none() || streamed == whole,
                    "by {chunk}: {text}"
                );
                assert_eq!(streamed.is_some(), whole.is_some(), "by {chunk}: {text}");
            }
        }
    }

    #[test]
    fn anything_with_something_to_say_is_left_to_the_whole_read() {
        let cases: [(&str, Vec<u8>); 7] = [
            ("yaml.yaml", b"title: t\n".to_vec()),
            ("broken.json", b"{\"title\": \"t\", \"entities\": [".to_vec()),
            ("unknown.json", b"{\"title\": \"t\", \"colour\": 1}".to_vec()),
            ("latin1.json", b"{\"title\": \"caf\xe9\"}".to_vec()),
            ("nul.json", b"{\"title\": \"a\0b\"}".to_vec()),
            ("dangling.json", br#"{"title": "t", "entities": [{"id": "a", "name": "A", "kind": "group", "parent": "zz"}]}"#.to_vec()),
            // A warning: a kind the schema does not know.
            ("custom.json", br#"{"title": "t", "entities": [{"id": "a", "name": "A", "kind": "guild"}]}"#.to_vec()),
        ];
        for (name, bytes) in cases {
            let (path, _gone) = written(name, &bytes);
            assert!(
                json(&path, name, Limits::default(), None).is_none(),
                "{name}"
            );
        }
        // Too large: the whole read says so.
        let (path, _gone) = written("big.json", MODEL.as_bytes());
        assert!(json(&path, "big.json", Limits { max_size: 10 }, None).is_none());
        let err = super::super::load_file(&path, Limits { max_size: 10 }).unwrap_err();
        assert!(
            err.render().contains("more than the limit"),
            "{}",
            err.render()
        );
    }
}
