//! The extent of one JSON value in a file read a buffer at a time.
//!
//! JSON is context-free outside its strings: a value ends where its brackets balance, and only a
//! string (where a backslash escapes the next byte) can hold a bracket, a comma or a quote that
//! does not count. So finding where a value ends needs nothing but the depth of brackets and
//! whether the scan is inside a string — and the value's bytes can then go to `serde_json`'s
//! parser for a slice, which is its fast one. Whether they are valid JSON is that parser's
//! business: this scan only has to be right about where valid JSON ends, and on bytes that are
//! not JSON, it only has to stop.

use std::io::Read;

/// A file's bytes, a buffer at a time: the bytes from `start` on are unread.
pub(super) struct Input<R> {
    reader: R,
    buf: Vec<u8>,
    start: usize,
    end: usize,
    eof: bool,
    /// How much is read at a time.
    chunk: usize,
}

/// What a scan found in the bytes it was given.
enum Found {
    /// The value's length.
    End(usize),
    /// Its end is further on.
    More,
    /// This is no value.
    Bad,
}

/// Where a scan for the end of a value got to, kept across reads.
#[derive(Default)]
struct Scan {
    /// Bytes of the value looked at.
    len: usize,
    depth: usize,
    in_string: bool,
    escaped: bool,
}

impl<R: Read> Input<R> {
    pub(super) fn new(reader: R, chunk: usize) -> Self {
        Input {
            reader,
            buf: Vec::new(),
            start: 0,
            end: 0,
            eof: false,
            chunk: chunk.max(1),
        }
    }

    /// Reads another chunk after what is unread, moving the unread bytes to the front first.
    /// `false` at the end of the file or on a read error.
    fn fill(&mut self) -> bool {
        if self.eof {
            return false;
        }
        self.buf.copy_within(self.start..self.end, 0);
        self.end -= self.start;
        self.start = 0;
        self.buf.resize(self.end + self.chunk, 0);
        let read = loop {
            match self.reader.read(&mut self.buf[self.end..]) {
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
                read => break read,
            }
        };
        match read {
            Ok(0) | Err(_) => {
                // A read error ends the input; the parse that needed more fails.
                self.eof = true;
                self.buf.truncate(self.end);
                false
            }
            Ok(n) => {
                self.end += n;
                self.buf.truncate(self.end);
                true
            }
        }
    }

    /// The next byte that is not JSON whitespace, left unread; `None` at the end.
    pub(super) fn peek(&mut self) -> Option<u8> {
        loop {
            while self.start < self.end {
                match self.buf[self.start] {
                    b' ' | b'\t' | b'\n' | b'\r' => self.start += 1,
                    b => return Some(b),
                }
            }
            if !self.fill() {
                return None;
            }
        }
    }

    /// Reads `byte` after whitespace, or fails.
    pub(super) fn expect(&mut self, byte: u8) -> Option<()> {
        (self.peek()? == byte).then(|| self.start += 1)
    }

    /// The bytes of the next value (after whitespace), read: a string, a number, a word, an
    /// array or an object, as far as its end. `None` at the end of the input, or if it ends
    /// inside the value.
    pub(super) fn value(&mut self) -> Option<&[u8]> {
        let first = self.peek()?;
        let mut scan = Scan::default();
        loop {
            let bytes = &self.buf[self.start..self.end];
            match scan.over(first, bytes) {
                Found::End(len) => {
                    let value = &self.buf[self.start..self.start + len];
                    self.start += len;
                    return Some(value);
                }
                Found::Bad => return None,
                Found::More => {}
            }
            if !self.fill() {
                // A word or a number may end with the file.
                let bytes = &self.buf[self.start..self.end];
                let whole = !matches!(first, b'"' | b'[' | b'{') && scan.len == bytes.len();
                return whole.then(|| {
                    self.start = self.end;
                    bytes
                });
            }
        }
    }

    /// Whether nothing but whitespace is left.
    pub(super) fn at_end(&mut self) -> bool {
        self.peek().is_none()
    }
}

impl Scan {
    /// Looks on through `bytes` (the value so far, from its first byte) for the value's end.
    fn over(&mut self, first: u8, bytes: &[u8]) -> Found {
        match first {
            b'"' | b'[' | b'{' => {
                while self.len < bytes.len() {
                    if self.in_string {
                        if self.escaped {
                            self.escaped = false;
                            self.len += 1;
                            continue;
                        }
                        // Most of a model's bytes are in strings: on to the next quote or
                        // backslash at once.
                        let Some(at) = memchr::memchr2(b'"', b'\\', &bytes[self.len..]) else {
                            self.len = bytes.len();
                            return Found::More;
                        };
                        let b = bytes[self.len + at];
                        self.len += at + 1;
                        if b == b'\\' {
                            self.escaped = true;
                        } else {
                            self.in_string = false;
                            if self.depth == 0 {
                                return Found::End(self.len);
                            }
                        }
                        continue;
                    }
                    let b = bytes[self.len];
                    self.len += 1;
                    match b {
                        b'"' => self.in_string = true,
                        b'[' | b'{' => self.depth += 1,
                        b']' | b'}' => {
                            let Some(depth) = self.depth.checked_sub(1) else {
                                return Found::Bad;
                            };
                            self.depth = depth;
                            if depth == 0 {
                                return Found::End(self.len);
                            }
                        }
                        _ => {}
                    }
                }
                Found::More
            }
            // A number or a word (true, false, null) ends before whitespace or punctuation.
            _ => {
                while self.len < bytes.len() {
                    if matches!(
                        bytes[self.len],
                        b' ' | b'\t' | b'\n' | b'\r' | b',' | b']' | b'}' | b':'
                    ) {
                        return if self.len == 0 {
                            Found::Bad
                        } else {
                            Found::End(self.len)
                        };
                    }
                    self.len += 1;
                }
                Found::More
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every value of `text` in turn, read `chunk` bytes at a time.
    fn values(text: &str, chunk: usize) -> Vec<String> {
        let mut input = Input::new(text.as_bytes(), chunk);
        let mut out = Vec::new();
        while let Some(v) = input.value() {
            out.push(String::from_utf8(v.to_vec()).unwrap());
            if input.peek() == Some(b',') {
                input.start += 1;
            }
        }
        out
    }

    #[test]
    fn values_end_where_their_brackets_balance_outside_strings() {
        let text = r#" "a\"]}," , {"k": "v]\\", "n": [1, {"x": "}"}]} ,[ ], 12.5e3, true,null "#;
        let want = [
            r#""a\"]},""#,
            r#"{"k": "v]\\", "n": [1, {"x": "}"}]}"#,
            "[ ]",
            "12.5e3",
            "true",
            "null",
        ];
        for chunk in [1, 2, 3, 7, 64, 1 << 20] {
            assert_eq!(values(text, chunk), want, "chunk {chunk}");
        }
    }

    #[test]
    fn a_value_cut_off_by_the_end_is_not_a_value() {
        for text in [r#"{"a": [1, 2"#, r#""abc"#, r#"["\"]"#, "]"] {
            for chunk in [1, 4, 1024] {
                let mut input = Input::new(text.as_bytes(), chunk);
                assert!(input.value().is_none(), "{text} by {chunk}");
            }
        }
    }
}
