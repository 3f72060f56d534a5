//! The statements of an input, one at a time, each as its own text with where it starts: a
//! JSON array read element by element by serde_json's parser for a reader, or JSON Lines read
//! line by line. Nothing holds more than one statement's text.

use std::cell::Cell;
use std::io::{self, BufRead, Read};
use std::rc::Rc;

use serde::de::{DeserializeSeed, SeqAccess, Visitor};
use serde_json::value::RawValue;

use crate::diagnostic::Diagnostic;
use crate::model::Pos;

/// One statement's text.
#[derive(Debug, Clone, Copy)]
pub struct Chunk<'t> {
    pub text: &'t str,
    /// Where `text` begins: serde's positions within it are relative to this.
    pub base: Pos,
    /// Where the statement begins (its `{`).
    pub start: Pos,
}

impl Chunk<'_> {
    /// Where a serde_json error at `line` and `column` of this chunk's text is in the input.
    pub fn at(&self, line: usize, column: usize) -> Pos {
        let line = u32::try_from(line.max(1)).unwrap_or(u32::MAX);
        let column = u32::try_from(column.max(1)).unwrap_or(u32::MAX);
        if line == 1 {
            Pos {
                line: self.base.line,
                col: self.base.col.saturating_add(column - 1),
            }
        } else {
            Pos {
                line: self.base.line.saturating_add(line - 1),
                col: column,
            }
        }
    }

    /// A serde_json error in this chunk's text, as a diagnostic where it happened.
    pub fn error(&self, e: &serde_json::Error) -> Diagnostic {
        let text = e.to_string();
        let suffix = format!(" at line {} column {}", e.line(), e.column());
        let message = text.strip_suffix(&suffix).unwrap_or(&text);
        // serde finds a field missing at the object's end; it is the statement that lacks it.
        let pos = if message.starts_with("missing field") {
            self.start
        } else {
            self.at(e.line(), e.column())
        };
        let found = Diagnostic::error(pos, format!("in this statement: {message}"));
        if message.starts_with("missing field") && self.text.contains("\"statementType\"") {
            return found.with_help(
                "this is a statement of BODS 0.3 or earlier (it has `statementType`); orgtree \
                 reads BODS 0.4, whose statements have `recordId`, `recordType` and `recordDetails`",
            );
        }
        found
    }
}

/// What the input gives, in order.
pub enum Item<'t> {
    Statement(Chunk<'t>),
    /// A line that cannot be a statement (not UTF-8): reported, and the reading goes on.
    Problem(Diagnostic),
}

/// Hands each statement of `input` to `each`, in order. Fails only when the input cannot be
/// read on: an I/O error, a text that is neither a JSON array nor JSON Lines, or a broken array
/// (after which no element can be told from the next).
pub fn statements(
    mut input: impl BufRead,
    mut each: impl FnMut(Item<'_>),
) -> Result<(), Diagnostic> {
    let io = |e: io::Error| Diagnostic::error(Pos::UNKNOWN, format!("cannot read the input: {e}"));
    let mut skipped = Pos { line: 1, col: 1 };
    let mut at_start = true;
    let first = loop {
        let buf = input.fill_buf().map_err(io)?;
        if buf.is_empty() {
            return Ok(());
        }
        // A byte-order mark is no part of the text, and takes no column.
        let bom = if std::mem::take(&mut at_start) && buf.starts_with(b"\xef\xbb\xbf") {
            3
        } else {
            0
        };
        let found = buf[bom..].iter().position(|b| !b.is_ascii_whitespace());
        let Some(i) = found else {
            // A buffer of white space only is passed, counting its lines.
            for &b in &buf[bom..] {
                advance(&mut skipped, b);
            }
            let n = buf.len();
            input.consume(n);
            continue;
        };
        let first = buf[bom + i];
        let mut at = skipped;
        for &b in &buf[bom..bom + i] {
            advance(&mut at, b);
        }
        input.consume(bom);
        break (first, at);
    };
    let (first, at) = first;
    match first {
        b'[' => array(input, skipped, &mut each),
        b'{' => {
            lines(input, skipped, &mut each);
            Ok(())
        }
        _ => Err(Diagnostic::error(
            at,
            "this is not BODS: expected a JSON array of statements (`[`) or JSON Lines, one statement (`{`) per line",
        )),
    }
}

/// The position after byte `b`, from the position of `b`.
fn advance(pos: &mut Pos, b: u8) {
    if b == b'\n' {
        pos.line = pos.line.saturating_add(1);
        pos.col = 1;
    } else {
        pos.col = pos.col.saturating_add(1);
    }
}

/// One statement per line; blank lines are allowed. The first line starts at `first`.
fn lines(mut input: impl BufRead, first: Pos, each: &mut impl FnMut(Item<'_>)) {
    let mut buf = Vec::with_capacity(1 << 12);
    let mut line = first.line.saturating_sub(1);
    let mut first_col = first.col;
    loop {
        buf.clear();
        match input.read_until(b'\n', &mut buf) {
            Ok(0) => return,
            Ok(_) => {}
            Err(e) => {
                each(Item::Problem(Diagnostic::error(
                    Pos {
                        line: line.saturating_add(1),
                        col: 1,
                    },
                    format!("cannot read the input: {e}"),
                )));
                return;
            }
        }
        line = line.saturating_add(1);
        let base = Pos {
            line,
            col: std::mem::replace(&mut first_col, 1),
        };
        let Some(start) = buf.iter().position(|b| !b.is_ascii_whitespace()) else {
            continue;
        };
        let col = |offset: usize| {
            base.col
                .saturating_add(u32::try_from(offset).unwrap_or(u32::MAX))
        };
        // The line break is no part of the statement (nor is a carriage return before it).
        let text = buf.strip_suffix(b"\n").unwrap_or(&buf);
        let text = text.strip_suffix(b"\r").unwrap_or(text);
        match std::str::from_utf8(text) {
            Ok(text) => each(Item::Statement(Chunk {
                text,
                base,
                start: Pos {
                    line,
                    col: col(start),
                },
            })),
            Err(e) => each(Item::Problem(Diagnostic::error(
                Pos {
                    line,
                    col: col(e.valid_up_to()),
                },
                "this line is not UTF-8 text",
            ))),
        }
    }
}

/// A reader that remembers where its last byte was, for the element that starts there.
struct Counting<R> {
    inner: R,
    /// The position of the next byte.
    next: Pos,
    /// The position of the last byte read, shared with the element reader.
    last: Rc<Cell<Pos>>,
}

impl<R: Read> Read for Counting<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        for &b in &buf[..n] {
            self.last.set(self.next);
            advance(&mut self.next, b);
        }
        Ok(n)
    }
}

/// A JSON array of statements, element by element.
fn array(
    input: impl BufRead,
    skipped: Pos,
    each: &mut impl FnMut(Item<'_>),
) -> Result<(), Diagnostic> {
    let last = Rc::new(Cell::new(skipped));
    let reader = Counting {
        inner: input,
        next: skipped,
        last: Rc::clone(&last),
    };
    let mut de = serde_json::Deserializer::from_reader(reader);
    let broken = |e: serde_json::Error| {
        // The parser counts from the first byte it was given.
        let line = u32::try_from(e.line()).unwrap_or(u32::MAX);
        let pos = Pos {
            line: line.saturating_add(skipped.line - 1),
            col: u32::try_from(e.column()).unwrap_or(u32::MAX),
        };
        let text = e.to_string();
        let suffix = format!(" at line {} column {}", e.line(), e.column());
        let message = text.strip_suffix(&suffix).unwrap_or(&text).to_owned();
        Diagnostic::error(
            pos,
            format!("the array of statements is broken here: {message}"),
        )
        .with_help("no statement after this one can be read; the ones before it were")
    };
    serde::Deserializer::deserialize_seq(&mut de, Elements { last: &last, each })
        .map_err(broken)?;
    de.end().map_err(broken)
}

struct Elements<'e, F> {
    last: &'e Cell<Pos>,
    each: &'e mut F,
}

impl<'de, F: FnMut(Item<'_>)> Visitor<'de> for Elements<'_, F> {
    type Value = ();

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("an array of statements")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        while seq
            .next_element_seed(Element {
                last: self.last,
                each: &mut *self.each,
            })?
            .is_some()
        {}
        Ok(())
    }
}

struct Element<'e, F> {
    last: &'e Cell<Pos>,
    each: &'e mut F,
}

impl<'de, F: FnMut(Item<'_>)> DeserializeSeed<'de> for Element<'_, F> {
    type Value = ();

    fn deserialize<D: serde::Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        // The parser has read the element's first byte to know that one follows.
        let start = self.last.get();
        let raw: Box<RawValue> = serde::Deserialize::deserialize(deserializer)?;
        (self.each)(Item::Statement(Chunk {
            text: raw.get(),
            base: start,
            start,
        }));
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What a read gave: each statement's text, line base and start; the problems; the end.
    type Read = (
        Vec<(String, Pos, Pos)>,
        Vec<Diagnostic>,
        Result<(), Diagnostic>,
    );

    fn read(text: &str) -> Read {
        let mut out = Vec::new();
        let mut problems = Vec::new();
        let result = statements(text.as_bytes(), |item| match item {
            Item::Statement(c) => out.push((c.text.to_owned(), c.base, c.start)),
            Item::Problem(d) => problems.push(d),
        });
        (out, problems, result)
    }

    fn pos(line: u32, col: u32) -> Pos {
        Pos { line, col }
    }

    #[test]
    fn json_lines_are_read_line_by_line() {
        let (out, problems, result) = read("\u{feff}{\"a\": 1}\n\n   \n  {\"b\": 2}\r\n{\"c\"");
        result.unwrap();
        assert!(problems.is_empty());
        let starts: Vec<Pos> = out.iter().map(|o| o.2).collect();
        assert_eq!(starts, [pos(1, 1), pos(4, 3), pos(5, 1)]);
        assert_eq!(out[1].1, pos(4, 1));
        assert_eq!(out[2].0, "{\"c\"");
    }

    #[test]
    fn array_elements_know_where_they_start() {
        let text = "\n  [\n {\"a\": [1, 2]},\n\n    {\"b\": \"x]\"}, {}]  \n";
        let (out, _, result) = read(text);
        result.unwrap();
        let got: Vec<(&str, Pos)> = out.iter().map(|o| (o.0.as_str(), o.2)).collect();
        assert_eq!(
            got,
            [
                ("{\"a\": [1, 2]}", pos(3, 2)),
                ("{\"b\": \"x]\"}", pos(5, 5)),
                ("{}", pos(5, 18))
            ]
        );
    }

    #[test]
    fn a_broken_array_stops_where_it_breaks() {
        let (out, _, result) = read("[{\"a\": 1},\n {\"b\": 2}\n {\"c\": 3}]");
        assert_eq!(out.len(), 2);
        let e = result.unwrap_err();
        assert_eq!(e.pos.line, 3);
        assert!(e.message.contains("expected `,` or `]`"), "{}", e.message);
        let (_, _, result) = read("[{}] x");
        assert_eq!(result.unwrap_err().pos, pos(1, 6));
    }

    #[test]
    fn what_is_neither_is_refused_and_nothing_is_nothing() {
        let e = read("\n\n  title: x").2.unwrap_err();
        assert_eq!(e.pos, pos(3, 3));
        let (out, problems, result) = read(" \n\t\n");
        assert!(out.is_empty() && problems.is_empty() && result.is_ok());
    }

    #[test]
    fn a_line_that_is_not_utf8_is_a_problem_and_reading_goes_on() {
        let mut out = 0;
        let mut problems = Vec::new();
        let text: &[u8] = b"{\"a\": 1}\n{\"b\": \"\xff\"}\n{\"c\": 3}\n";
        statements(text, |item| match item {
            Item::Statement(_) => out += 1,
            Item::Problem(d) => problems.push(d),
        })
        .unwrap();
        assert_eq!(out, 2);
        assert_eq!(problems[0].pos, pos(2, 8));
    }

    #[test]
    fn serde_positions_are_moved_to_the_input() {
        let chunk = Chunk {
            text: "{\"x\": tru}",
            base: pos(7, 3),
            start: pos(7, 3),
        };
        let e = serde_json::from_str::<serde_json::Value>(chunk.text).unwrap_err();
        let d = chunk.error(&e);
        assert_eq!(d.pos, pos(7, 3 + u32::try_from(e.column()).unwrap() - 1));
        assert!(!d.message.contains("line 1"), "{}", d.message);
        assert_eq!(chunk.at(3, 4), pos(9, 4));
    }
}
