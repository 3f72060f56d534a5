//! A JSON array of flat records as a model: `[{"id": 1, "parentId": null, "name": "…"}, …]`,
//! the shape d3-org-chart and BALKAN OrgChart JS read. The fields are a table's columns by
//! another name: their roles are found as a table's headers are (`import::table::columns`), and
//! the records mapped as its rows (`import::table::mapping`). Each value keeps where it starts.
//! A nested value (a `children` array, an object) is left out, with a warning: the records are
//! flat, each naming its parent. `docs/import.md` ("JSON records") documents it.

use std::fmt;
use std::marker::PhantomData;

use hashbrown::HashMap;
use serde::de::{Deserialize, Deserializer, MapAccess, Visitor};
use serde_json::value::RawValue;

use crate::diagnostic::Diagnostic;
use crate::model::Pos;

use super::table::sheet::Sheet;
use super::table::{columns, finish, mapping};
use super::{Imported, Options};

/// Reads the JSON array of records named `name` (it titles the model) whose text is `text`.
/// Every problem is reported, at its `LINE:COL` in `text`; any error makes it fail.
pub fn import_text(name: &str, text: &str, options: &Options) -> Result<Imported, Vec<Diagnostic>> {
    let records = read(text)?;
    if records.is_empty() {
        return Err(vec![Diagnostic::error(Pos { line: 1, col: 1 }, "the array has no records")
            .with_help("each record is a person or a unit: `{\"id\": 1, \"parentId\": null, \"name\": \"…\"}`")]);
    }
    let roles = columns::roles(records.headers(), &options.columns)?;
    let (model, mut diagnostics) = mapping::model(&super::title(name), &records, &roles);
    diagnostics.extend(records.warnings);
    finish(model, diagnostics, options)
}

/// The records of a JSON array, as a sheet.
struct Records {
    headers: Vec<String>,
    rows: Vec<Record>,
    warnings: Vec<Diagnostic>,
}

/// One record: where it starts, and its fields' values by column, with where each starts.
struct Record {
    pos: Pos,
    cells: Vec<(usize, String, Pos)>,
}

impl Sheet for Records {
    fn headers(&self) -> &[String] {
        &self.headers
    }

    fn len(&self) -> usize {
        self.rows.len()
    }

    fn cell(&self, row: usize, column: usize) -> &str {
        self.rows[row]
            .cells
            .iter()
            .find(|c| c.0 == column)
            .map_or("", |c| c.1.as_str())
    }

    fn pos(&self, row: usize, column: usize) -> Pos {
        let r = &self.rows[row];
        r.cells
            .iter()
            .find(|c| c.0 == column)
            .map_or(r.pos, |c| c.2)
    }

    fn row_pos(&self, row: usize) -> Pos {
        self.rows[row].pos
    }
}

/// The fields of one record in their order, each value as its text in the input.
struct Fields<'a>(Vec<(String, &'a RawValue)>);

impl<'a> Deserialize<'a> for Fields<'a> {
    fn deserialize<D: Deserializer<'a>>(deserializer: D) -> Result<Self, D::Error> {
        struct Object<'a>(PhantomData<&'a ()>);
        impl<'a> Visitor<'a> for Object<'a> {
            type Value = Fields<'a>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a record: an object of fields")
            }
            fn visit_map<A: MapAccess<'a>>(self, mut map: A) -> Result<Fields<'a>, A::Error> {
                let mut fields = Vec::new();
                while let Some(entry) = map.next_entry::<String, &'a RawValue>()? {
                    fields.push(entry);
                }
                Ok(Fields(fields))
            }
        }
        deserializer.deserialize_map(Object(PhantomData))
    }
}

/// The records of `text`, or why it is not an array of them.
fn read(text: &str) -> Result<Records, Vec<Diagnostic>> {
    let (body, bom) = match text.strip_prefix('\u{feff}') {
        Some(rest) => (rest, true),
        None => (text, false),
    };
    let mut cursor = Cursor::new(body, bom);
    let elements: Vec<&RawValue> = serde_json::from_str(body).map_err(|e| {
        let pos = json_pos(body, bom, e.line(), e.column());
        let help = if body.trim_start().starts_with('[') {
            "the records are a JSON array of objects: `[{\"id\": 1, \"parentId\": null, \"name\": \"…\"}]`"
        } else {
            "the records must be a JSON array, `[{…}, {…}]`; an orgtree model is read as a model, not as records"
        };
        vec![Diagnostic::error(pos, format!("this is not a JSON array of records: {e}")).with_help(help)]
    })?;
    let mut records = Records {
        headers: Vec::new(),
        rows: Vec::with_capacity(elements.len()),
        warnings: Vec::new(),
    };
    let mut columns: HashMap<String, usize> = HashMap::new();
    let mut nested: Vec<usize> = Vec::new();
    let mut problems = Vec::new();
    for element in elements {
        let pos = cursor.at(offset(body, element.get()));
        let fields = match serde_json::from_str::<Fields<'_>>(element.get()) {
            Ok(f) => f.0,
            Err(e) => {
                problems.push(Diagnostic::error(
                    pos,
                    format!("this record is not an object of fields: {e}"),
                ));
                continue;
            }
        };
        let mut cells = Vec::with_capacity(fields.len());
        for (key, value) in fields {
            let column = *columns.entry(key).or_insert_with_key(|k| {
                records.headers.push(k.clone());
                records.headers.len() - 1
            });
            let raw = value.get();
            let at = cursor.at(offset(body, raw));
            let text = match raw.as_bytes().first() {
                Some(b'"') => match serde_json::from_str::<String>(raw) {
                    Ok(s) => s,
                    Err(e) => {
                        problems.push(Diagnostic::error(at, e.to_string()));
                        continue;
                    }
                },
                Some(b'n') => continue,
                Some(b'{' | b'[') => {
                    if !nested.contains(&column) {
                        nested.push(column);
                        records.warnings.push(
                            Diagnostic::warning(
                                at,
                                format!(
                                    "`{}` holds a nested value: left out",
                                    records.headers[column]
                                ),
                            )
                            .with_help("records are flat, each naming its parent (`parentId`, `pid`): nested `children` are not read"),
                        );
                    }
                    continue;
                }
                _ => raw.to_owned(),
            };
            cells.push((column, text, at));
        }
        records.rows.push(Record { pos, cells });
    }
    if problems.is_empty() {
        Ok(records)
    } else {
        Err(problems)
    }
}

/// serde_json's `line` and byte `column` in `body` as a position in characters (of the text
/// with its BOM, when `bom`).
fn json_pos(body: &str, bom: bool, line: usize, column: usize) -> Pos {
    let text = body.split('\n').nth(line.saturating_sub(1)).unwrap_or("");
    let bytes = text.as_bytes();
    let upto = bytes.get(..column.min(bytes.len())).unwrap_or(bytes);
    let chars = upto.iter().filter(|&&c| c & 0xc0 != 0x80).count().max(1);
    let bom = usize::from(bom && line == 1);
    Pos {
        line: u32::try_from(line).unwrap_or(u32::MAX),
        col: u32::try_from(chars + bom).unwrap_or(u32::MAX),
    }
}

/// Where `part` (a slice of `whole`) starts in it.
fn offset(whole: &str, part: &str) -> usize {
    part.as_ptr().addr().saturating_sub(whole.as_ptr().addr())
}

/// Positions of byte offsets met in increasing order, found by reading on from the last.
struct Cursor<'a> {
    text: &'a str,
    byte: usize,
    pos: Pos,
}

impl<'a> Cursor<'a> {
    fn new(text: &'a str, bom: bool) -> Self {
        Cursor {
            text,
            byte: 0,
            pos: Pos {
                line: 1,
                col: if bom { 2 } else { 1 },
            },
        }
    }

    /// The position of byte `offset`; an offset before the last one starts from the top.
    fn at(&mut self, offset: usize) -> Pos {
        if offset < self.byte {
            self.byte = 0;
            self.pos = Pos { line: 1, col: 1 };
        }
        let part = self.text.get(self.byte..offset).unwrap_or("");
        for c in part.chars() {
            if c == '\n' {
                self.pos.line = self.pos.line.saturating_add(1);
                self.pos.col = 1;
            } else {
                self.pos.col = self.pos.col.saturating_add(1);
            }
        }
        self.byte = offset.max(self.byte);
        self.pos
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_value_knows_where_it_starts() {
        let text = "[\n  {\"id\": 1, \"name\": \"Zoë\", \"pid\": null},\n  {\"id\": \"2\", \"pid\": 1, \"tags\": [\"a\"], \"ok\": true}\n]";
        let r = read(text).unwrap();
        assert_eq!(r.headers(), ["id", "name", "pid", "tags", "ok"]);
        assert_eq!(r.len(), 2);
        assert_eq!((r.cell(0, 0), r.pos(0, 0)), ("1", Pos { line: 2, col: 10 }));
        assert_eq!(
            (r.cell(0, 1), r.pos(0, 1)),
            ("Zoë", Pos { line: 2, col: 21 })
        );
        assert_eq!(r.cell(0, 2), "");
        assert_eq!(r.row_pos(1), Pos { line: 3, col: 3 });
        assert_eq!((r.cell(1, 2), r.pos(1, 2)), ("1", Pos { line: 3, col: 22 }));
        assert_eq!(r.cell(1, 4), "true");
        assert_eq!(r.warnings.len(), 1);
        assert_eq!(r.warnings[0].pos, Pos { line: 3, col: 33 });
    }

    #[test]
    fn not_an_array_of_objects() {
        let e = read("{\"id\": 1}").err().unwrap();
        assert_eq!(e[0].pos, Pos { line: 1, col: 1 });
        let e = read("[{\"id\": 1},\n 3]").err().unwrap();
        assert_eq!(e.len(), 1);
        assert_eq!(e[0].pos, Pos { line: 2, col: 2 });
    }
}
