//! Each record as its statements leave it. A record (`recordId`) is told about by one statement
//! or many: the latest by `statementDate`, then the last in the file, says what it is now; a
//! `closed` one ends it. What earlier statements said is not dropped silently: their names stay
//! as other names, their sources stay cited, and the record counts its statements.

use std::collections::HashMap;

use crate::diagnostic::Diagnostic;
use crate::model::{At, Id, PartialDate, Pos, Ref};

use super::mapping::Body;
use super::statement::{RecordStatus, RecordType};

/// When a statement was made, for which of two says what a record is now: by date and time,
/// then by its place in the input.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Order {
    pub day: crate::model::Day,
    /// What follows the date in a date-time (`10:20:00Z`), compared as text.
    pub time: String,
    pub seq: u64,
}

impl Order {
    /// The order of statement number `seq`, made at `date` (a BODS date or date-time).
    pub fn new(date: PartialDate, text: &str, seq: u64) -> Order {
        Order {
            day: date.first_day(),
            time: text
                .split_once('T')
                .map_or_else(String::new, |(_, t)| t.to_owned()),
            seq,
        }
    }
}

/// One record as its statements leave it.
#[derive(Debug)]
pub struct Record {
    pub id: Id,
    pub kind: RecordType,
    /// What the latest statement says.
    pub body: Body,
    pub order: Order,
    /// Where the latest statement is.
    pub pos: Pos,
    /// The latest statement's date.
    pub date: At<PartialDate>,
    /// Whether the latest statement closes the record.
    pub closed: bool,
    /// How many statements were about it.
    pub statements: u32,
    /// The names earlier (or older) statements gave it, other than its name now.
    pub names: Vec<String>,
    /// The sources of all its statements, each once.
    pub sources: Vec<Ref>,
}

/// One statement, mapped, about to be applied to its record.
pub struct Told {
    pub id: Id,
    pub kind: RecordType,
    pub status: Option<RecordStatus>,
    pub order: Order,
    pub date: At<PartialDate>,
    pub body: Body,
    pub source: Option<Ref>,
}

/// Every record, in the order first told about.
#[derive(Debug, Default)]
pub struct Records {
    by_id: HashMap<Id, usize>,
    pub list: Vec<Record>,
}

impl Records {
    /// The records, and where each is by its id.
    pub fn into_parts(self) -> (HashMap<Id, usize>, Vec<Record>) {
        (self.by_id, self.list)
    }

    /// Keeps only the records `keep` says to, in their order.
    pub fn retain(&mut self, mut keep: impl FnMut(&Record) -> bool) {
        self.list.retain(|r| keep(r));
        self.by_id = self
            .list
            .iter()
            .enumerate()
            .map(|(i, r)| (r.id.clone(), i))
            .collect();
    }

    /// Applies one statement to its record; a warning when it cannot be (it names a record of
    /// another type).
    pub fn apply(&mut self, told: Told) -> Result<(), Diagnostic> {
        let pos = told.date.pos;
        let Some(&index) = self.by_id.get(&told.id) else {
            self.by_id.insert(told.id.clone(), self.list.len());
            self.list.push(Record {
                id: told.id,
                kind: told.kind,
                body: told.body,
                order: told.order,
                pos,
                date: told.date,
                closed: told.status == Some(RecordStatus::Closed),
                statements: 1,
                names: Vec::new(),
                sources: told.source.into_iter().collect(),
            });
            return Ok(());
        };
        let record = &mut self.list[index];
        if record.kind != told.kind {
            return Err(Diagnostic::warning(
                pos,
                format!(
                    "record `{}` is {} record (line {}), but this statement says it is {}: left out",
                    told.id,
                    record.kind.with_article(),
                    record.pos.line,
                    told.kind.with_article()
                ),
            )
            .with_help("a recordId names one entity, person or relationship"));
        }
        record.statements = record.statements.saturating_add(1);
        if let Some(source) = told.source
            && !record.sources.contains(&source)
        {
            record.sources.push(source);
        }
        let (newer, older) = if told.order > record.order {
            let older = std::mem::replace(&mut record.body, told.body);
            record.order = told.order;
            record.pos = pos;
            record.date = told.date;
            record.closed = told.status == Some(RecordStatus::Closed);
            (&record.body, older)
        } else {
            (&record.body, told.body)
        };
        if let Some(name) = name(&older)
            && Some(name) != self::name(newer)
            && !record.names.iter().any(|n| n == name)
        {
            record.names.push(name.to_owned());
        }
        Ok(())
    }
}

/// The name an entity or a person has in a statement.
fn name(body: &Body) -> Option<&str> {
    match body {
        Body::Entity(e) => Some(e.latest_name()),
        Body::Person(p) => Some(&p.name),
        Body::Relationship(_) => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Person, Pos};

    fn person(name: &str) -> Body {
        Body::Person(Person {
            id: At::new(Id::from("p"), Pos::UNKNOWN),
            name: name.to_owned(),
            description: None,
            other_names: Vec::new(),
            identifiers: Vec::new(),
            sources: Vec::new(),
            notes: Vec::new(),
        })
    }

    fn told(name: &str, date: &str, seq: u64, status: Option<RecordStatus>) -> Told {
        let day: PartialDate = date.parse().unwrap();
        Told {
            id: Id::from("p"),
            kind: RecordType::Person,
            status,
            order: Order::new(day, date, seq),
            date: At::new(
                day,
                Pos {
                    line: u32::try_from(seq).unwrap(),
                    col: 1,
                },
            ),
            body: person(name),
            source: Some(At::new(Id::from(format!("s{seq}")), Pos::UNKNOWN)),
        }
    }

    fn now(records: &Records) -> (&str, &[String], bool, u32) {
        let r = &records.list[0];
        let Body::Person(p) = &r.body else { panic!() };
        (&p.name, &r.names, r.closed, r.statements)
    }

    #[test]
    fn the_latest_statement_wins_and_the_earlier_names_stay() {
        let mut records = Records::default();
        records.apply(told("Ada", "2020-01-01", 1, None)).unwrap();
        // Later in the file but earlier in date: it does not win.
        records.apply(told("Ada B", "2019-01-01", 2, None)).unwrap();
        records
            .apply(told("Ada C", "2021-01-01", 3, Some(RecordStatus::Closed)))
            .unwrap();
        let (name, names, closed, statements) = now(&records);
        assert_eq!((name, closed, statements), ("Ada C", true, 3));
        assert_eq!(names, ["Ada B", "Ada"]);
        assert_eq!(records.list[0].pos.line, 3);
        assert_eq!(records.list[0].sources.len(), 3);
        // The same date: the file's order decides.
        records.apply(told("Ada D", "2021-01-01", 4, None)).unwrap();
        assert_eq!(now(&records).0, "Ada D");
        assert!(!now(&records).2);
    }

    #[test]
    fn a_record_keeps_its_type() {
        let mut records = Records::default();
        records.apply(told("Ada", "2020-01-01", 1, None)).unwrap();
        let mut other = told("Ada", "2021-01-01", 2, None);
        other.kind = RecordType::Entity;
        let w = records.apply(other).unwrap_err();
        assert!(
            w.message.contains("is a person record (line 1)"),
            "{}",
            w.message
        );
        assert_eq!(now(&records).3, 1);
    }
}
