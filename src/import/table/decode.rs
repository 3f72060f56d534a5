//! A table's bytes as text: UTF-8 with or without a byte-order mark, UTF-16 (little or big
//! endian) when a byte-order mark says so, as Excel's "Unicode text" export writes it, and
//! otherwise Windows-1252, what Excel writes as "CSV" on most Western European systems, when
//! the bytes are not UTF-8. A file full of NUL bytes is binary, not a table.

use std::borrow::Cow;

use encoding_rs::{Encoding, UTF_8, WINDOWS_1252};

use crate::diagnostic::Diagnostic;
use crate::model::Pos;

/// How much of the start is looked at to tell a binary file.
const SNIFFED: usize = 8192;

/// The text of a table given as `bytes`.
pub fn decode(bytes: &[u8]) -> Result<String, Diagnostic> {
    if let Some((encoding, bom)) = Encoding::for_bom(bytes) {
        let rest = &bytes[bom..];
        if encoding == UTF_8 {
            return utf8(rest);
        }
        return match encoding.decode_without_bom_handling_and_without_replacement(rest) {
            Some(text) => unbinary(text.into_owned()),
            None => Err(Diagnostic::error(
                Pos::UNKNOWN,
                format!(
                    "the file starts as {} but is not valid {0}",
                    encoding.name()
                ),
            )
            .with_help("save it again as UTF-8 (or UTF-16) text")),
        };
    }
    if binary(bytes) {
        return Err(binary_error());
    }
    utf8(bytes)
}

/// UTF-8 as it is, or else Windows-1252.
fn utf8(bytes: &[u8]) -> Result<String, Diagnostic> {
    if binary(bytes) {
        return Err(binary_error());
    }
    Ok(match std::str::from_utf8(bytes) {
        Ok(text) => text.to_owned(),
        Err(_) => {
            let (text, _) = WINDOWS_1252.decode_without_bom_handling(bytes);
            match text {
                Cow::Borrowed(t) => t.to_owned(),
                Cow::Owned(t) => t,
            }
        }
    })
}

/// The same check on text decoded from UTF-16, where NUL bytes were part of the encoding.
fn unbinary(text: String) -> Result<String, Diagnostic> {
    if binary(text.as_bytes()) {
        Err(binary_error())
    } else {
        Ok(text)
    }
}

/// Whether more than one byte in 16 of the start is NUL: no table has that many (a stray one
/// in a cell is kept, and shown escaped).
fn binary(bytes: &[u8]) -> bool {
    let start = &bytes[..bytes.len().min(SNIFFED)];
    let nul = start.iter().filter(|&&b| b == 0).count();
    nul > 0 && nul * 16 > start.len()
}

fn binary_error() -> Diagnostic {
    Diagnostic::error(
        Pos::UNKNOWN,
        "this file is binary, not a table: it is full of NUL bytes",
    )
    .with_help("export the sheet as CSV (comma- or semicolon-separated) or as Unicode text")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_with_and_without_a_bom() {
        assert_eq!(decode("id,nom\n1,é\n".as_bytes()).unwrap(), "id,nom\n1,é\n");
        assert_eq!(decode(b"\xef\xbb\xbfid\n1\n").unwrap(), "id\n1\n");
    }

    #[test]
    fn utf16_by_its_bom() {
        let le: Vec<u8> = [0xff, 0xfe]
            .into_iter()
            .chain("id\té\n".encode_utf16().flat_map(u16::to_le_bytes))
            .collect();
        assert_eq!(decode(&le).unwrap(), "id\té\n");
        let be: Vec<u8> = [0xfe, 0xff]
            .into_iter()
            .chain("id\té\n".encode_utf16().flat_map(u16::to_be_bytes))
            .collect();
        assert_eq!(decode(&be).unwrap(), "id\té\n");
        // An odd byte left over is not UTF-16.
        assert!(decode(&[0xff, 0xfe, b'a', 0, b'b']).is_err());
    }

    #[test]
    fn windows_1252_when_not_utf8() {
        // `Prénom;Responsable €` as Excel writes it in France.
        let bytes = b"Pr\xe9nom;Responsable \x80\n";
        assert_eq!(decode(bytes).unwrap(), "Prénom;Responsable €\n");
    }

    #[test]
    fn binary_is_refused_but_a_stray_nul_is_kept() {
        let png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x10\0\0\0\x10\x08\x06\0\0\0";
        let e = decode(png).unwrap_err();
        assert!(e.message.contains("binary"), "{e:?}");
        let text = "id,name\n1,a\0b and a long enough name to be a table\n";
        assert_eq!(decode(text.as_bytes()).unwrap(), text);
    }
}
