//! A JSON model read straight from its file, without holding its text.
//!
//! A model's text and the model itself would otherwise be in memory together at the end of the
//! parse: at a million entities, the 230 MB of text is a third of the peak. JSON can be parsed as
//! it is read, so a JSON file is read through a buffer. This is a fast path only: it gives a
//! model that loaded with nothing to say about it, or it gives up, and the file is then read
//! whole and loaded as any other, which says where every problem is and quotes its lines. It
//! gives up on a file that is not JSON, is not a regular file, is too large, is not UTF-8 or holds
//! a NUL (each a parse error here), on any parse error, and on any error or warning the model has.

use std::io::{BufRead, BufReader, Read};
use std::path::Path;

use crate::org::Org;

use super::file::open_bounded;
use super::{Limits, Loaded, ModelText, Syntax};

/// How much of the file is read at a time.
const BUFFER: usize = 1 << 20;

/// The model in the JSON file at `path`, when it loads without a problem or a warning.
pub(super) fn json(path: &Path, name: &str, limits: Limits) -> Option<Loaded> {
    let (file, _) = open_bounded(path, name, limits).ok()?;
    // One byte past the limit is read, so that a file that grew past it fails to parse here and
    // is refused by the whole read, which says so.
    let mut reader = BufReader::with_capacity(BUFFER, file.take(limits.max_size.saturating_add(1)));
    let start = reader.fill_buf().ok()?;
    let bom = start.starts_with("\u{feff}".as_bytes());
    let shown = String::from_utf8_lossy(&start[..start.len().min(64)]);
    if Syntax::sniff(name, shown.trim_start_matches('\u{feff}')) != Syntax::Json {
        return None;
    }
    if bom {
        reader.consume("\u{feff}".len());
    }
    let model = serde_json::from_reader(reader).ok()?;
    match Org::new(model) {
        Ok((org, warnings)) if warnings.is_empty() => Some(Loaded {
            org,
            warnings,
            file: ModelText {
                name: name.to_owned(),
                text: String::new(),
            },
        }),
        _ => None,
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
            let loaded = json(&path, name, Limits::default()).expect(name);
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
            assert!(json(&path, name, Limits::default()).is_none(), "{name}");
        }
        // Too large: the whole read says so.
        let (path, _gone) = written("big.json", MODEL.as_bytes());
        assert!(json(&path, "big.json", Limits { max_size: 10 }).is_none());
        let err = super::super::load_file(&path, Limits { max_size: 10 }).unwrap_err();
        assert!(
            err.render().contains("more than the limit"),
            "{}",
            err.render()
        );
    }
}
