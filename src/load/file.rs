//! Reading a model file's bytes: a regular file no larger than the limit, read a chunk at a
//! time and checked as it comes (UTF-8, no NUL), so a bad byte near the start of a huge file is
//! refused before the rest is read.

use std::fs::File;
use std::io::Read;
use std::path::Path;

use crate::diagnostic::Diagnostic;
use crate::model::Pos;

use super::progress::{Meter, Stage};
use super::{Limits, LoadError};

/// Opens a regular file no larger than `limits.max_size`, and tells its size as it was looked at.
pub(super) fn open_bounded(
    path: &Path,
    name: &str,
    limits: Limits,
) -> Result<(File, u64), LoadError> {
    let cannot_read = |e| cannot_read(name, e);
    // Look before opening: opening a FIFO would block until a writer comes.
    let meta = std::fs::metadata(path).map_err(cannot_read)?;
    if !meta.is_file() {
        let what = if meta.is_dir() {
            "a directory"
        } else {
            "not a regular file"
        };
        return Err(LoadError::unreadable(
            name,
            format!("the model path is {what}"),
            "give the path of a model file (YAML or JSON)",
        ));
    }
    if meta.len() > limits.max_size {
        return Err(too_large(name, meta.len(), limits));
    }
    let file = File::open(path).map_err(cannot_read)?;
    Ok((file, meta.len()))
}

fn cannot_read(name: &str, e: std::io::Error) -> LoadError {
    LoadError::unreadable(
        name,
        format!("cannot read the model file: {e}"),
        "check the path and its permissions",
    )
}

/// Reads at most `limits.max_size` bytes of a regular file, telling `meter` how many it has.
pub(super) fn read_bounded(
    path: &Path,
    name: &str,
    limits: Limits,
    meter: Option<&Meter>,
) -> Result<Vec<u8>, LoadError> {
    let cannot_read = |e| cannot_read(name, e);
    let (file, len) = open_bounded(path, name, limits)?;
    if let Some(meter) = meter {
        meter.enter(Stage::Reading, Some(len), true);
    }
    let mut bytes = Vec::with_capacity(usize::try_from(len).unwrap_or(0));
    // The file may grow between the look and the read: never read past the limit.
    let mut file = file.take(limits.max_size.saturating_add(1));
    // A chunk at a time, each checked as it comes: a NUL or a byte that is not UTF-8 near the
    // start of a huge file is refused before the rest of it is read.
    let mut text = TextCheck::default();
    let mut chunk = FIRST_CHUNK;
    loop {
        let before = bytes.len();
        (&mut file)
            .take(chunk as u64)
            .read_to_end(&mut bytes)
            .map_err(cannot_read)?;
        let at_end = bytes.len() - before < chunk;
        if let Some(meter) = meter {
            meter.add_bytes((bytes.len() - before) as u64);
        }
        if let Err(problem) = text.check(&bytes, at_end) {
            return Err(problem.error(name, &bytes));
        }
        if at_end {
            break;
        }
        chunk = CHUNK;
    }
    if bytes.len() as u64 > limits.max_size {
        return Err(too_large(name, bytes.len() as u64, limits));
    }
    Ok(bytes)
}

/// How much of a file is read before its first check.
const FIRST_CHUNK: usize = 64 * 1024;
/// How much is read between two checks after that.
const CHUNK: usize = 8 * 1024 * 1024;

/// What makes a file's bytes not a model's text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum TextProblem {
    NotUtf8(usize),
    Nul(usize),
}

impl TextProblem {
    fn error(self, name: &str, bytes: &[u8]) -> LoadError {
        let (offset, message, help) = match self {
            TextProblem::NotUtf8(offset) => (
                offset,
                "the model file is not valid UTF-8",
                "save the file as UTF-8",
            ),
            TextProblem::Nul(offset) => (
                offset,
                "the model file contains a NUL byte",
                "a model is a text file; remove the NUL byte",
            ),
        };
        // The bytes before the problem are valid UTF-8: it is the first one.
        let valid = String::from_utf8_lossy(&bytes[..offset]);
        LoadError {
            name: name.to_owned(),
            text: None,
            diagnostics: vec![Diagnostic::error(position_at_end(&valid), message).with_help(help)],
            unreadable: false,
        }
    }
}

/// Checks a file's bytes as they arrive: UTF-8 without NUL. The first problem in the file wins.
#[derive(Debug, Default)]
struct TextCheck {
    /// The bytes before this are complete characters, without NUL.
    checked: usize,
}

impl TextCheck {
    /// Checks what `bytes` holds past what was checked before; a character cut at the end of
    /// `bytes` waits for the next chunk, unless `at_end`.
    fn check(&mut self, bytes: &[u8], at_end: bool) -> Result<(), TextProblem> {
        let fresh = &bytes[self.checked..];
        let (valid, bad) = match std::str::from_utf8(fresh) {
            Ok(_) => (fresh.len(), None),
            Err(e) => {
                let cut_short = e.error_len().is_none() && !at_end;
                (e.valid_up_to(), (!cut_short).then_some(e.valid_up_to()))
            }
        };
        if let Some(nul) = fresh[..valid].iter().position(|&b| b == 0) {
            return Err(TextProblem::Nul(self.checked + nul));
        }
        if let Some(bad) = bad {
            return Err(TextProblem::NotUtf8(self.checked + bad));
        }
        self.checked += valid;
        Ok(())
    }
}

pub(super) fn too_large(name: &str, size: u64, limits: Limits) -> LoadError {
    LoadError::whole_file(
        name,
        format!(
            "the model file is {size} bytes, more than the limit of {} bytes",
            limits.max_size
        ),
        "raise the limit with --max-size BYTES if you trust this file",
    )
}

/// Checks that `bytes` are UTF-8 without NUL, and drops a leading byte-order mark.
pub(super) fn into_text(name: &str, bytes: Vec<u8>) -> Result<String, LoadError> {
    if let Err(problem) = TextCheck::default().check(&bytes, true) {
        return Err(problem.error(name, &bytes));
    }
    let mut text = match String::from_utf8(bytes) {
        Ok(text) => text,
        // Checked just above.
        Err(e) => {
            return Err(
                TextProblem::NotUtf8(e.utf8_error().valid_up_to()).error(name, e.as_bytes())
            );
        }
    };
    if text.starts_with('\u{feff}') {
        text.drain(..'\u{feff}'.len_utf8());
    }
    Ok(text)
}

/// The line and column just after `text`.
fn position_at_end(text: &str) -> Pos {
    let line = text.matches('\n').count() + 1;
    let col = text.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    Pos {
        line: u32::try_from(line).unwrap_or(u32::MAX),
        col: u32::try_from(col).unwrap_or(u32::MAX),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_count_lines_and_characters() {
        assert_eq!(position_at_end(""), Pos { line: 1, col: 1 });
        assert_eq!(position_at_end("ab\ncé"), Pos { line: 2, col: 3 });
    }

    #[test]
    fn a_byte_order_mark_is_dropped() {
        let text = into_text("m", "\u{feff}title: x\n".as_bytes().to_vec()).unwrap();
        assert_eq!(text, "title: x\n");
    }

    #[test]
    fn invalid_utf8_is_reported_where_it_starts() {
        let err = into_text("m", b"title: x\nname: \xff\n".to_vec()).unwrap_err();
        assert_eq!(err.diagnostics[0].pos, Pos { line: 2, col: 7 });
    }

    #[test]
    fn the_first_problem_in_the_file_is_the_one_reported() {
        let check = |bytes: &[u8]| TextCheck::default().check(bytes, true);
        assert_eq!(check(b"ab\0c\xff"), Err(TextProblem::Nul(2)));
        assert_eq!(check(b"ab\xffc\0"), Err(TextProblem::NotUtf8(2)));
        assert_eq!(check("é\n".as_bytes()), Ok(()));
        // A character cut at a chunk's end waits for the next chunk; at the file's end it is bad.
        let mut text = TextCheck::default();
        assert_eq!(text.check(&"aé".as_bytes()[..2], false), Ok(()));
        assert_eq!(text.checked, 1);
        assert_eq!(text.check("aé".as_bytes(), true), Ok(()));
        assert_eq!(
            TextCheck::default().check(&"aé".as_bytes()[..2], true),
            Err(TextProblem::NotUtf8(1))
        );
    }
}
