//! What a file holds, told from its name and the first bytes of its text: an orgtree model, a
//! flat table, a JSON array of flat records, or BODS statements.

use std::path::Path;

/// A format orgtree imports (an orgtree model is none of them).
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Kind {
    /// A table: CSV, TSV or `;`-separated, one row per person or unit.
    #[value(alias = "tsv", alias = "table")]
    Csv,
    /// A JSON array of flat records, `[{"id": …, "parentId": …, "name": …}]`.
    #[value(alias = "json")]
    Records,
    /// Beneficial Ownership Data Standard 0.4 statements: a JSON array or JSON Lines.
    Bods,
}

/// The format of the file named `name` that starts with `start` (the first few KiB, already
/// decompressed), or `None` for an orgtree model (YAML or JSON).
pub fn sniff(name: &str, start: &[u8]) -> Option<Kind> {
    let path = Path::new(name);
    let path = match path.extension() {
        Some(e) if e.eq_ignore_ascii_case("gz") => Path::new(path.file_stem().unwrap_or_default()),
        _ => path,
    };
    let extension = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase);
    let text = String::from_utf8_lossy(start);
    let text = text.trim_start_matches('\u{feff}').trim_start();
    // `statementID` and `statementType`: BODS 0.3 and earlier, told as BODS to say so.
    let statements = [
        "\"statementId\"",
        "\"recordType\"",
        "\"statementID\"",
        "\"statementType\"",
    ]
    .iter()
    .any(|key| text.contains(key));
    match extension.as_deref() {
        Some("csv" | "tsv" | "tab" | "psv") => return Some(Kind::Csv),
        Some("jsonl" | "ndjson") => return Some(Kind::Bods),
        Some("yaml" | "yml") => return None,
        _ => {}
    }
    if text.starts_with('[') {
        return Some(if statements {
            Kind::Bods
        } else {
            Kind::Records
        });
    }
    if text.starts_with('{') {
        // One statement per line, or an orgtree model written as JSON.
        return statements.then_some(Kind::Bods);
    }
    if extension.as_deref() == Some("json") {
        return None;
    }
    (!utf16(start) && looks_like_a_table(text) || utf16(start)).then_some(Kind::Csv)
}

/// A UTF-16 byte-order mark: Excel's "Unicode text" export; an orgtree model is UTF-8.
fn utf16(start: &[u8]) -> bool {
    start.starts_with(&[0xff, 0xfe]) || start.starts_with(&[0xfe, 0xff])
}

/// A first line of several fields cut by the same separator, with a second line cut alike, and
/// no sign of YAML (`key: value`, a `- ` item, a `#` comment or a `---`).
fn looks_like_a_table(text: &str) -> bool {
    let mut lines = text.lines().filter(|l| !l.trim().is_empty());
    let Some(header) = lines.next() else {
        return false;
    };
    if header.starts_with(['#', '-', '%']) || header.contains(": ") || header.ends_with(':') {
        return false;
    }
    let second = lines.next();
    [',', '\t', ';', '|'].iter().any(|&sep| {
        let fields = header.matches(sep).count();
        fields > 0 && second.is_none_or(|l| l.matches(sep).count() >= 1)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_decide_first() {
        assert_eq!(sniff("hr.csv", b"title: x\n"), Some(Kind::Csv));
        assert_eq!(sniff("HR.TSV", b""), Some(Kind::Csv));
        assert_eq!(sniff("psc.jsonl", b"{}"), Some(Kind::Bods));
        assert_eq!(sniff("psc.jsonl.gz", b"{}"), Some(Kind::Bods));
        assert_eq!(sniff("hr.csv.gz", b""), Some(Kind::Csv));
        assert_eq!(sniff("m.yaml", b"id,parent\na,b\n"), None);
    }

    #[test]
    fn contents_decide_the_rest() {
        assert_eq!(sniff("-", b"title: Orange\nentities:\n"), None);
        assert_eq!(sniff("-", b"{\"title\": \"x\"}"), None);
        assert_eq!(sniff("m.json", b"{\"title\": \"x\"}"), None);
        assert_eq!(sniff("-", b"id,name,manager\n1,Ada,\n"), Some(Kind::Csv));
        assert_eq!(sniff("-", b"id;name\n1;Ada\n"), Some(Kind::Csv));
        assert_eq!(sniff("-", b"\xff\xfei\x00d\x00"), Some(Kind::Csv));
        assert_eq!(
            sniff("-", b" [{\"id\": 1, \"parentId\": null}]"),
            Some(Kind::Records)
        );
        assert_eq!(
            sniff("x.json", b"[{\"statementId\": \"s\"}]"),
            Some(Kind::Bods)
        );
        assert_eq!(
            sniff(
                "-",
                b"{\"statementId\": \"s\", \"recordType\": \"entity\"}\n"
            ),
            Some(Kind::Bods)
        );
        assert_eq!(sniff("-", b"# a comment, with a comma\ntitle: x\n"), None);
        // BODS 0.3, to be told that it is not 0.4.
        let older = b"[{\"statementID\": \"s\", \"statementType\": \"entityStatement\"}]";
        assert_eq!(sniff("old.json", older), Some(Kind::Bods));
        assert_eq!(sniff("-", b"- a, b\n"), None);
    }
}
