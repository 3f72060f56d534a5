//! A table's text as rows of cells, each with where it starts: the delimiter is sniffed from
//! the header line (`,` `;` tab or `|`, whichever it has most of outside quotes; a `.tsv` or
//! `.tab` name means tab, `.psv` a bar), the `csv` crate reads the records, and a scan of each
//! record's bytes finds its fields' lines and columns (the crate gives a record's line only).
//! The cells' text is kept in one buffer, in table order, and each cell is a range of it: a
//! table of a million cells is three allocations, not a million.

use std::path::Path;

use csv::ByteRecord;

use crate::diagnostic::Diagnostic;
use crate::model::Pos;

use super::sheet::Sheet;

/// The delimiters a table may use, in the order a tie is broken.
const DELIMITERS: [u8; 4] = [b',', b';', b'\t', b'|'];

/// A table read: its header, its rows, and where each cell starts.
#[derive(Debug)]
pub struct Table {
    pub delimiter: u8,
    headers: Vec<String>,
    header_pos: Vec<Pos>,
    rows: Vec<Row>,
    /// Where each field of every row starts, row after row (`Row::first` indexes it).
    positions: Vec<Pos>,
    /// Where each field of every row ends in `text` (it starts where the one before ends).
    ends: Vec<usize>,
    /// The text of every field, one after the other.
    text: String,
}

#[derive(Debug)]
struct Row {
    /// Its first field's index in `positions` and `ends`.
    first: usize,
    /// How many fields it has.
    width: usize,
    /// Where the row's last field ends.
    end: Pos,
}

/// Reads the table named `name` (for its extension) whose text is `text`; `bom` says that a
/// byte-order mark was taken off its start, which columns on the first line count.
pub fn read(name: &str, text: &str, bom: bool) -> Result<Table, Diagnostic> {
    if text.trim().is_empty() {
        return Err(Diagnostic::error(Pos::UNKNOWN, "the table is empty: it has no header line")
            .with_help("the first line names the columns: `id,parent,name`, or `employee_id,first_name,last_name,manager_id`"));
    }
    let delimiter = delimiter(name, text);
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut scan = Scan {
        bytes: text.as_bytes(),
        delimiter,
        bom,
        byte: 0,
        line: 1,
        line_start: 0,
        unclosed: None,
    };
    let mut table = Table {
        delimiter,
        headers: Vec::new(),
        header_pos: Vec::new(),
        rows: Vec::new(),
        positions: Vec::new(),
        ends: Vec::new(),
        text: String::new(),
    };
    let mut bytes: Vec<u8> = Vec::with_capacity(text.len());
    let mut record = ByteRecord::new();
    let mut first = true;
    loop {
        match reader.read_byte_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {}
            Err(e) => return Err(error(&e, &scan)),
        }
        let byte = record.position().map_or(0, csv::Position::byte);
        let start = table.positions.len();
        let end = scan.fields(
            usize::try_from(byte).unwrap_or(usize::MAX),
            &mut table.positions,
        );
        // The scan and the reader agree on the fields; should they not, every cell still has
        // a position.
        let fallback = table.positions.get(start).copied().unwrap_or(end);
        table.positions.resize(start + record.len(), fallback);
        if first {
            first = false;
            table.headers = record
                .iter()
                .map(|h| String::from_utf8_lossy(h).trim().to_owned())
                .collect();
            table.header_pos = table.positions.drain(start..).collect();
            continue;
        }
        for field in &record {
            bytes.extend_from_slice(field);
            table.ends.push(bytes.len());
        }
        table.rows.push(Row {
            first: start,
            width: record.len(),
            end,
        });
    }
    if let Some(at) = scan.unclosed {
        return Err(Diagnostic::error(
            at,
            "this cell's quote is never closed: the rest of the table would be one cell",
        )
        .with_help("close the quote; a quote inside a quoted cell is written twice (`\"\"`)"));
    }
    // Fields of a text cut at ASCII delimiters and quotes are text.
    table.text = String::from_utf8(bytes)
        .map_err(|e| Diagnostic::error(Pos::UNKNOWN, format!("this table cannot be read: {e}")))?;
    Ok(table)
}

impl Table {
    /// The number of fields row `row` has (the header has `headers().len()`).
    pub fn width(&self, row: usize) -> usize {
        self.rows[row].width
    }

    /// Where row `row` ends: what a missing field points at.
    pub fn end(&self, row: usize) -> Pos {
        self.rows[row].end
    }

    /// Where the header cell `column` starts.
    pub fn header_pos(&self, column: usize) -> Pos {
        self.header_pos
            .get(column)
            .copied()
            .unwrap_or(Pos { line: 1, col: 1 })
    }
}

impl Sheet for Table {
    fn headers(&self) -> &[String] {
        &self.headers
    }

    fn len(&self) -> usize {
        self.rows.len()
    }

    fn cell(&self, row: usize, column: usize) -> &str {
        let r = &self.rows[row];
        if column >= r.width {
            return "";
        }
        let i = r.first + column;
        let start = if i == 0 { 0 } else { self.ends[i - 1] };
        self.text.get(start..self.ends[i]).unwrap_or("")
    }

    fn pos(&self, row: usize, column: usize) -> Pos {
        let r = &self.rows[row];
        if column < r.width {
            self.positions[r.first + column]
        } else {
            r.end
        }
    }

    fn row_pos(&self, row: usize) -> Pos {
        let r = &self.rows[row];
        self.positions.get(r.first).copied().unwrap_or(r.end)
    }
}

/// The delimiter of the table named `name` whose text is `text`.
fn delimiter(name: &str, text: &str) -> u8 {
    let extension = Path::new(name)
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase);
    match extension.as_deref() {
        Some("tsv" | "tab") => return b'\t',
        Some("psv") => return b'|',
        _ => {}
    }
    let mut counts = [0usize; DELIMITERS.len()];
    let mut quoted = false;
    for b in text.bytes() {
        match b {
            b'"' => quoted = !quoted,
            b'\n' | b'\r' if !quoted => break,
            _ if !quoted => {
                if let Some(i) = DELIMITERS.iter().position(|&d| d == b) {
                    counts[i] += 1;
                }
            }
            _ => {}
        }
    }
    // The first of the most frequent; a table of one column is comma-separated.
    let mut best = 0;
    for (i, &n) in counts.iter().enumerate() {
        if n > counts[best] {
            best = i;
        }
    }
    DELIMITERS[best]
}

/// The bytes of a table, scanned for where its fields start.
struct Scan<'a> {
    bytes: &'a [u8],
    delimiter: u8,
    bom: bool,
    /// Where the last record scanned ended, on which line, and where that line starts.
    byte: usize,
    line: u32,
    line_start: usize,
    /// Where a quoted cell starts whose quote the text never closes.
    unclosed: Option<Pos>,
}

impl Scan<'_> {
    /// Pushes where each field of the record at byte `i` starts, and returns where the record
    /// ends. Records come in order; lines are counted from the last one (the `csv` crate's
    /// do not count the line breaks within quotes). Columns count characters, as diagnostics
    /// do.
    fn fields(&mut self, mut i: usize, out: &mut Vec<Pos>) -> Pos {
        let b = self.bytes;
        // A record starts after the line break that ends the last; the `csv` crate may place
        // it on the `\n` of a `\r\n`.
        while matches!(b.get(i), Some(b'\r' | b'\n')) {
            i += 1;
        }
        // Lines are what diagnostics quote: a lone `\r` ends a record, not a line.
        let mut line = self.line;
        let mut line_start = self.line_start;
        let between = b.get(self.byte..i).unwrap_or_default();
        for (k, _) in between.iter().enumerate().filter(|(_, c)| **c == b'\n') {
            line = line.saturating_add(1);
            line_start = self.byte + k + 1;
        }
        let before = b.get(line_start..i).unwrap_or_default();
        let chars = before.iter().filter(|&&c| c & 0xc0 != 0x80).count();
        let mut col = u32::try_from(chars + 1).unwrap_or(u32::MAX);
        if line == 1 && self.bom {
            col = col.saturating_add(1);
        }
        let counts = |byte: u8| u32::from(byte & 0xc0 != 0x80);
        loop {
            out.push(Pos { line, col });
            if b.get(i) == Some(&b'"') {
                let opened = Pos { line, col };
                i += 1;
                col += 1;
                let mut closed = false;
                while let Some(&c) = b.get(i) {
                    i += 1;
                    match c {
                        b'"' if b.get(i) == Some(&b'"') => {
                            i += 1;
                            col += 2;
                        }
                        b'"' => {
                            col += 1;
                            closed = true;
                            break;
                        }
                        b'\n' => {
                            line = line.saturating_add(1);
                            line_start = i;
                            col = 1;
                        }
                        _ => col += counts(c),
                    }
                }
                if !closed {
                    self.unclosed.get_or_insert(opened);
                }
            }
            let rest = b.get(i..).unwrap_or_default();
            let n = memchr::memchr3(self.delimiter, b'\n', b'\r', rest).unwrap_or(rest.len());
            let chars = rest[..n].iter().filter(|&&c| c & 0xc0 != 0x80).count();
            col = col.saturating_add(u32::try_from(chars).unwrap_or(u32::MAX));
            i += n;
            if b.get(i) == Some(&self.delimiter) {
                i += 1;
                col += 1;
            } else {
                self.byte = i;
                self.line = line;
                self.line_start = line_start;
                return Pos { line, col };
            }
        }
    }
}

/// A reading error of the `csv` crate, where it happened.
fn error(e: &csv::Error, scan: &Scan<'_>) -> Diagnostic {
    let pos = e.position().map_or(Pos::UNKNOWN, |p| {
        let byte = usize::try_from(p.byte()).unwrap_or(usize::MAX);
        let before = scan.bytes.get(..byte).unwrap_or(scan.bytes);
        let line = 1 + before.iter().filter(|&&c| c == b'\n').count();
        Pos {
            line: u32::try_from(line).unwrap_or(u32::MAX),
            col: if line == 1 && scan.bom { 2 } else { 1 },
        }
    });
    Diagnostic::error(pos, format!("this table cannot be read: {e}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cells(t: &Table) -> Vec<Vec<(String, Pos)>> {
        (0..t.len())
            .map(|r| {
                (0..t.width(r))
                    .map(|c| (t.cell(r, c).to_owned(), t.pos(r, c)))
                    .collect()
            })
            .collect()
    }

    fn at(line: u32, col: u32) -> Pos {
        Pos { line, col }
    }

    #[test]
    fn the_delimiter_is_the_header_lines_most_frequent() {
        assert_eq!(delimiter("x.csv", "a;b;c\n1,2;3;4"), b';');
        assert_eq!(delimiter("x.csv", "a,b\n"), b',');
        assert_eq!(delimiter("x.txt", "a\tb\tc"), b'\t');
        assert_eq!(delimiter("x.csv", "\"a;b\",c"), b',');
        assert_eq!(delimiter("x.tsv", "a,b,c"), b'\t');
        assert_eq!(delimiter("x.csv", "a|b|c"), b'|');
        assert_eq!(delimiter("x.csv", "single"), b',');
    }

    #[test]
    fn each_cell_knows_where_it_starts() {
        let text =
            "id,name,note\n1,\"Dupont, Jean\",x\n2,\"two\nlines\",é,z\r\n3,Zoë,\"a \"\"q\"\"\"\n";
        let t = read("t.csv", text, false).unwrap();
        assert_eq!(t.headers(), ["id", "name", "note"]);
        assert_eq!(t.header_pos(2), at(1, 9));
        let c = cells(&t);
        assert_eq!(c[0][1], ("Dupont, Jean".to_owned(), at(2, 3)));
        assert_eq!(c[0][2].1, at(2, 18));
        assert_eq!(c[1][1], ("two\nlines".to_owned(), at(3, 3)));
        // After a line break in quotes, columns count from the new line.
        assert_eq!(c[1][2], ("é".to_owned(), at(4, 8)));
        assert_eq!(c[1][3].1, at(4, 10));
        assert_eq!(t.end(1), at(4, 11));
        assert_eq!(c[2][1], ("Zoë".to_owned(), at(5, 3)));
        assert_eq!(c[2][2], ("a \"q\"".to_owned(), at(5, 7)));
        assert_eq!(t.width(1), 4);
    }

    #[test]
    fn a_lone_carriage_return_ends_a_record_not_a_line() {
        let t = read("t.csv", "id,name\na,b\rc,d\n", false).unwrap();
        assert_eq!(t.pos(1, 0), at(2, 5));
        assert_eq!(t.pos(1, 1), at(2, 7));
    }

    #[test]
    fn a_bom_counts_as_a_column_of_the_first_line() {
        let t = read("t.csv", "id,name\n1,a\n", true).unwrap();
        assert_eq!(t.header_pos(0), at(1, 2));
        assert_eq!(t.header_pos(1), at(1, 5));
        assert_eq!(t.pos(0, 1), at(2, 3));
    }

    #[test]
    fn a_quote_never_closed_is_an_error_where_it_opens() {
        let e = read("t.csv", "id,parent,name\n1,,\"unterminated\n2,1,B\n", false).unwrap_err();
        assert_eq!(e.pos, at(2, 4));
        assert!(e.message.contains("never closed"), "{}", e.message);
        // Closed, over two lines, it is one cell.
        let t = read("t.csv", "id,parent,name\n1,,\"two\nlines\"\n2,1,B\n", false).unwrap();
        assert_eq!(t.len(), 2);
    }

    #[test]
    fn an_empty_text_is_an_error() {
        assert!(read("t.csv", " \n\n", false).is_err());
        let t = read("t.csv", "id,parent\n", false).unwrap();
        assert_eq!((t.headers().len(), t.len()), (2, 0));
    }
}
