//! Where a value is within a statement's text, for a problem found after serde read it (a date
//! that is not one, a share above 100 %): the statement is walked along a path of keys and
//! indexes, without building anything. Only asked on a problem, so it need not be fast.

use crate::model::Pos;

/// One step of a path: a key of an object, or an index in an array.
#[derive(Debug, Clone, Copy)]
pub enum Step<'p> {
    Key(&'p str),
    Index(usize),
}

/// The position of the value at `path` in `text`, whose first byte is at `base`; `None` when
/// the path leads nowhere (the caller then reports at the statement).
pub fn locate(text: &str, base: Pos, path: &[Step<'_>]) -> Option<Pos> {
    let offset = offset(text.as_bytes(), path)?;
    Some(position(text, base, offset))
}

/// The position of byte `offset` of `text`, whose first byte is at `base`.
pub fn position(text: &str, base: Pos, offset: usize) -> Pos {
    let before = text.get(..offset).unwrap_or(text);
    let lines = before.bytes().filter(|&b| b == b'\n').count();
    let lines = u32::try_from(lines).unwrap_or(u32::MAX);
    let col = match before.rfind('\n') {
        Some(newline) => before.len() - newline,
        None => before.len() + usize::try_from(base.col).unwrap_or(1),
    };
    Pos {
        line: base.line.saturating_add(lines),
        col: u32::try_from(col).unwrap_or(u32::MAX),
    }
}

fn offset(text: &[u8], path: &[Step<'_>]) -> Option<usize> {
    let mut at = whitespace(text, 0);
    for step in path {
        at = match *step {
            Step::Key(key) => member(text, at, key)?,
            Step::Index(index) => element(text, at, index)?,
        };
    }
    Some(at)
}

fn whitespace(text: &[u8], mut at: usize) -> usize {
    while text.get(at).is_some_and(|b| b.is_ascii_whitespace()) {
        at += 1;
    }
    at
}

/// The start of the value of `key` in the object at `at`.
fn member(text: &[u8], at: usize, key: &str) -> Option<usize> {
    if text.get(at) != Some(&b'{') {
        return None;
    }
    let mut at = whitespace(text, at + 1);
    while text.get(at) == Some(&b'"') {
        let end = string_end(text, at)?;
        let name = text.get(at + 1..end - 1)?;
        at = whitespace(text, end);
        if text.get(at) != Some(&b':') {
            return None;
        }
        at = whitespace(text, at + 1);
        if name == key.as_bytes() {
            return Some(at);
        }
        at = whitespace(text, value_end(text, at)?);
        if text.get(at) == Some(&b',') {
            at = whitespace(text, at + 1);
        }
    }
    None
}

/// The start of element `index` of the array at `at`.
fn element(text: &[u8], at: usize, index: usize) -> Option<usize> {
    if text.get(at) != Some(&b'[') {
        return None;
    }
    let mut at = whitespace(text, at + 1);
    for _ in 0..index {
        if text.get(at) == Some(&b']') {
            return None;
        }
        at = whitespace(text, value_end(text, at)?);
        if text.get(at) != Some(&b',') {
            return None;
        }
        at = whitespace(text, at + 1);
    }
    (text.get(at) != Some(&b']')).then_some(at)
}

/// Just past the string that opens at `at`.
fn string_end(text: &[u8], at: usize) -> Option<usize> {
    let mut i = at + 1;
    loop {
        match text.get(i)? {
            b'\\' => i += 2,
            b'"' => return Some(i + 1),
            _ => i += 1,
        }
    }
}

/// Just past the value that starts at `at`.
fn value_end(text: &[u8], at: usize) -> Option<usize> {
    match text.get(at)? {
        b'"' => string_end(text, at),
        b'{' | b'[' => {
            let mut depth = 0usize;
            let mut i = at;
            loop {
                match text.get(i)? {
                    b'"' => {
                        i = string_end(text, i)?;
                        continue;
                    }
                    b'{' | b'[' => depth += 1,
                    b'}' | b']' => {
                        depth -= 1;
                        if depth == 0 {
                            return Some(i + 1);
                        }
                    }
                    _ => {}
                }
                i += 1;
            }
        }
        _ => {
            let rest = text.get(at..)?;
            let len = rest
                .iter()
                .position(|b| matches!(b, b',' | b'}' | b']') || b.is_ascii_whitespace())
                .unwrap_or(rest.len());
            Some(at + len)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use Step::{Index, Key};

    const TEXT: &str = "{\"a\": \"x\\\"}\", \"b\": [1, {\"c\": [true]},\n  {\"d\": \"here\"}]}";

    #[test]
    fn follows_keys_and_indexes() {
        let base = Pos { line: 3, col: 5 };
        let at = locate(TEXT, base, &[Key("b"), Index(2), Key("d")]).unwrap();
        assert_eq!(at, Pos { line: 4, col: 9 });
        let at = locate(TEXT, base, &[Key("b"), Index(1), Key("c"), Index(0)]).unwrap();
        let offset = TEXT.find("true").unwrap();
        assert_eq!(
            at,
            Pos {
                line: 3,
                col: 5 + u32::try_from(offset).unwrap()
            }
        );
    }

    #[test]
    fn a_path_that_leads_nowhere_is_none() {
        let base = Pos { line: 1, col: 1 };
        for path in [
            &[Key("z")][..],
            &[Key("b"), Index(3)],
            &[Key("a"), Key("x")],
            &[Index(0)],
        ] {
            assert_eq!(locate(TEXT, base, path), None, "{path:?}");
        }
        assert_eq!(locate("{\"a\": [1, 2", base, &[Key("a"), Index(5)]), None);
        assert_eq!(locate("", base, &[Key("a")]), None);
    }
}
