//! Dates as tables write them: ISO (`2014`, `2014-03`, `2014-03-31`, with a time after it or
//! not), `31/03/2014` or `03/31/2014` (day or month first: whichever the column shows, by a
//! value with more than 12 in one place; a column where nothing tells them apart is an error),
//! `31.03.2014` (day first), and Excel's serial numbers of days (`41729`, from 10000 on, so
//! that a year is never taken for one).

use crate::diagnostic::Diagnostic;
use crate::model::{Day, PartialDate};

use super::sheet::Sheet;

/// How a column writes a day, a month and a year with slashes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Order {
    DayFirst,
    MonthFirst,
}

/// Days from Excel's day 0 (1899-12-30, counting its 1900-02-29) to 1970-01-01.
const EXCEL_EPOCH: i64 = 25_569;

/// The order the slashed dates of `column` are written in (day first when none is slashed).
pub fn order(sheet: &impl Sheet, column: usize, header: &str) -> Result<Order, Diagnostic> {
    let mut day_first = None;
    let mut month_first = None;
    let mut first_slashed = None;
    for row in 0..sheet.len() {
        let text = sheet.cell(row, column).trim();
        let Some((a, b, _)) = slashed(text) else {
            continue;
        };
        first_slashed.get_or_insert(row);
        if a > 12 {
            day_first.get_or_insert(row);
        }
        if b > 12 {
            month_first.get_or_insert(row);
        }
    }
    match (day_first, month_first, first_slashed) {
        (Some(d), Some(m), _) => {
            let (first, second) = (d.min(m), d.max(m));
            Err(Diagnostic::error(
                sheet.pos(second, column),
                format!(
                    "the dates of `{header}` are written both day first and month first: `{}` and `{}`",
                    sheet.cell(first, column).trim(),
                    sheet.cell(second, column).trim()
                ),
            )
            .with_help("write every date of a column the same way, best as YYYY-MM-DD"))
        }
        (None, Some(_), _) => Ok(Order::MonthFirst),
        (Some(_), None, _) | (None, None, None) => Ok(Order::DayFirst),
        (None, None, Some(row)) => Err(Diagnostic::error(
            sheet.pos(row, column),
            format!(
                "the dates of `{header}` could be day first or month first: no day in it is after the 12th"
            ),
        )
        .with_help("write them as YYYY-MM-DD (2014-03-31)")),
    }
}

/// The date `text` says, its slashed dates read in `order`; `None` for an empty cell.
pub fn parse(text: &str, order: Order) -> Result<Option<PartialDate>, String> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(None);
    }
    if let Some((a, b, year)) = slashed(text).or_else(|| dotted(text)) {
        let (day, month) = if order == Order::MonthFirst && !text.contains('.') {
            (b, a)
        } else {
            (a, b)
        };
        return format!("{year:04}-{month:02}-{day:02}")
            .parse()
            .map(Some)
            .map_err(|e| format!("`{text}` is not a date: {e}"));
    }
    if text.len() >= 5
        && text.bytes().all(|b| b.is_ascii_digit() || b == b'.')
        && let Some(serial) = text.split('.').next().and_then(|s| s.parse::<i64>().ok())
        && (10_000..=2_958_465).contains(&serial)
    {
        let day = Day::from_days_since_epoch(serial - EXCEL_EPOCH);
        return Ok(Some(PartialDate {
            year: day.year,
            month: Some(day.month),
            day: Some(day.day),
        }));
    }
    // An ISO date, with a time after it or not.
    let date = match text.find(['T', ' ']) {
        Some(i) if i >= 10 => &text[..i],
        _ => text,
    };
    date.parse::<PartialDate>()
        .map(Some)
        .map_err(|e| e.to_string())
}

/// `a/b/yyyy` as numbers.
fn slashed(text: &str) -> Option<(u32, u32, u32)> {
    three(text, '/')
}

/// `dd.mm.yyyy` as numbers.
fn dotted(text: &str) -> Option<(u32, u32, u32)> {
    three(text, '.')
}

fn three(text: &str, separator: char) -> Option<(u32, u32, u32)> {
    let date = text.split([' ', 'T']).next()?;
    let mut parts = date.split(separator);
    let mut number = |max: usize| {
        parts
            .next()
            .filter(|p| (1..=max).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_digit()))
            .and_then(|p| p.parse::<u32>().ok())
    };
    let (a, b) = (number(2)?, number(2)?);
    let year = parts
        .next()
        .filter(|y| y.len() == 4 && y.bytes().all(|b| b.is_ascii_digit()))?;
    if parts.next().is_some() {
        return None;
    }
    Some((a, b, year.parse().ok()?))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(text: &str, order: Order) -> String {
        parse(text, order)
            .unwrap()
            .map(|d| d.to_string())
            .unwrap_or_default()
    }

    #[test]
    fn iso_slashed_dotted_and_serial_dates() {
        assert_eq!(date("2014", Order::DayFirst), "2014");
        assert_eq!(date("2014-03", Order::DayFirst), "2014-03");
        assert_eq!(date(" 2014-03-31 ", Order::DayFirst), "2014-03-31");
        assert_eq!(date("2014-03-31T09:00:00Z", Order::DayFirst), "2014-03-31");
        assert_eq!(date("2014-03-31 09:00", Order::DayFirst), "2014-03-31");
        assert_eq!(date("31/03/2014", Order::DayFirst), "2014-03-31");
        assert_eq!(date("3/31/2014", Order::MonthFirst), "2014-03-31");
        assert_eq!(date("31.03.2014", Order::MonthFirst), "2014-03-31");
        assert_eq!(date("41729", Order::DayFirst), "2014-03-31");
        assert_eq!(date("", Order::DayFirst), "");
        assert!(parse("31/13/2014", Order::DayFirst).is_err());
        assert!(parse("soon", Order::DayFirst).is_err());
        assert!(parse("1999", Order::DayFirst).is_ok_and(|d| d.is_some_and(|d| d.month.is_none())));
    }
}
