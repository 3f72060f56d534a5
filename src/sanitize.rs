//! The one gate between text from a model (or a file name, or an error message) and any output:
//! control characters, bidi controls and zero-width characters become visible escapes, tabs
//! become spaces, and a line break never splits a name over two rows.

use std::borrow::Cow;
use std::fmt::Write as _;

/// Whether `c` must not reach a terminal as itself.
pub fn is_unsafe(c: char) -> bool {
    c.is_control() // C0, DEL and C1
        || matches!(c,
            '\u{061C}'                  // Arabic letter mark
            | '\u{200B}'..='\u{200F}'   // zero-width space/joiners, LRM, RLM
            | '\u{202A}'..='\u{202E}'   // bidi embeddings and overrides
            | '\u{2060}'..='\u{2064}'   // word joiner, invisible operators
            | '\u{2066}'..='\u{2069}'   // bidi isolates
            | '\u{FEFF}'                // zero-width no-break space (BOM)
        )
}

/// Makes untrusted text safe to show on one row of a terminal.
///
/// Returns the text unchanged (and unallocated) when it is already safe.
pub fn sanitize(text: &str) -> Cow<'_, str> {
    if !text.chars().any(is_unsafe) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '\t' => out.push(' '),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            c if is_unsafe(c) => {
                // Writing to a String cannot fail.
                let _ = write!(out, "\\u{{{:x}}}", u32::from(c));
            }
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn safe_text_is_borrowed() {
        assert!(matches!(
            sanitize("Orange Business Services — 100 % 名前 🙂"),
            Cow::Borrowed(_)
        ));
    }

    #[test]
    fn escapes_control_characters() {
        assert_eq!(sanitize("a\u{1b}[31mb"), "a\\u{1b}[31mb");
        assert_eq!(sanitize("bell\u{7}"), "bell\\u{7}");
        assert_eq!(sanitize("del\u{7f}"), "del\\u{7f}");
        assert_eq!(sanitize("csi\u{9b}"), "csi\\u{9b}");
        assert_eq!(sanitize("nul\0"), "nul\\u{0}");
    }

    #[test]
    fn keeps_a_name_on_one_row() {
        assert_eq!(sanitize("two\nlines\r"), "two\\nlines\\r");
        assert_eq!(sanitize("a\tb"), "a b");
    }

    #[test]
    fn escapes_bidi_and_zero_width() {
        for c in [
            '\u{202A}', '\u{202E}', '\u{2066}', '\u{2069}', '\u{200E}', '\u{200F}', '\u{061C}',
            '\u{200B}', '\u{200D}', '\u{FEFF}',
        ] {
            let out = sanitize(&format!("x{c}y")).into_owned();
            assert!(!out.contains(c), "{c:?} passed through");
            assert!(out.starts_with("x\\u{"), "{out}");
        }
    }
}
