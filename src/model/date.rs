//! Partial dates (`2014`, `2014-03`, `2014-03-31`) and the periods they bound.

use std::fmt;
use std::str::FromStr;

use serde::de::{self, Visitor};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A calendar day. Ordering is chronological.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    rkyv::Archive,
    rkyv::Serialize,
    rkyv::Deserialize,
)]
pub struct Day {
    pub year: i32,
    pub month: u8,
    pub day: u8,
}

impl Day {
    /// Today's date in UTC, from the system clock.
    pub fn today() -> Day {
        let secs = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_secs());
        Day::from_days_since_epoch(i64::try_from(secs / 86_400).unwrap_or(0))
    }

    /// The day after this one.
    pub fn next(self) -> Day {
        let last = days_in_month(self.year, self.month);
        match (self.day < last, self.month < 12) {
            (true, _) => Day {
                day: self.day + 1,
                ..self
            },
            (false, true) => Day {
                month: self.month + 1,
                day: 1,
                ..self
            },
            (false, false) => Day {
                year: self.year.saturating_add(1),
                month: 1,
                day: 1,
            },
        }
    }

    /// The civil date `days` after 1970-01-01 (Howard Hinnant's algorithm).
    pub(crate) fn from_days_since_epoch(days: i64) -> Day {
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z.rem_euclid(146_097);
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = doy - (153 * mp + 2) / 5 + 1;
        let month = if mp < 10 { mp + 3 } else { mp - 9 };
        let year = yoe + era * 400 + i64::from(month <= 2);
        Day {
            year: i32::try_from(year).unwrap_or(i32::MAX),
            month: u8::try_from(month).unwrap_or(1),
            day: u8::try_from(day).unwrap_or(1),
        }
    }

    /// The day before this one (the first day there is stays itself).
    pub fn previous(self) -> Day {
        if self.day > 1 {
            Day {
                day: self.day - 1,
                ..self
            }
        } else if self.month > 1 {
            let month = self.month - 1;
            Day {
                month,
                day: days_in_month(self.year, month),
                ..self
            }
        } else if self.year > i32::MIN {
            Day {
                year: self.year - 1,
                month: 12,
                day: 31,
            }
        } else {
            self
        }
    }
}

impl fmt::Display for Day {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

/// A date known to the year, the month or the day.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, rkyv::Archive, rkyv::Serialize, rkyv::Deserialize,
)]
pub struct PartialDate {
    pub year: i32,
    pub month: Option<u8>,
    pub day: Option<u8>,
}

impl PartialDate {
    /// The first day the date can mean: `2014-03` → 2014-03-01.
    pub fn first_day(self) -> Day {
        Day {
            year: self.year,
            month: self.month.unwrap_or(1),
            day: self.day.unwrap_or(1),
        }
    }

    /// The last day the date can mean: `2014-02` → 2014-02-28.
    pub fn last_day(self) -> Day {
        let month = self.month.unwrap_or(12);
        Day {
            year: self.year,
            month,
            day: self.day.unwrap_or_else(|| days_in_month(self.year, month)),
        }
    }
}

/// Sorts by first day, then the less precise date first (`2014` before `2014-01`).
impl Ord for PartialDate {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        (self.first_day(), self.month.is_some(), self.day.is_some()).cmp(&(
            other.first_day(),
            other.month.is_some(),
            other.day.is_some(),
        ))
    }
}

impl PartialOrd for PartialDate {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

fn is_leap(year: i32) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        2 if is_leap(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Why a text is not a partial date.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DateError(String);

impl fmt::Display for DateError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}; write a date as YYYY, YYYY-MM or YYYY-MM-DD (e.g. 2014, 2014-03, 2014-03-31)",
            self.0
        )
    }
}

impl std::error::Error for DateError {}

fn number<T: FromStr>(part: &str, width: usize, what: &str, text: &str) -> Result<T, DateError> {
    if part.len() != width || !part.bytes().all(|b| b.is_ascii_digit()) {
        return Err(DateError(format!(
            "`{text}` is not a date: the {what} must have {width} digits"
        )));
    }
    part.parse()
        .map_err(|_| DateError(format!("`{text}` is not a date")))
}

impl FromStr for PartialDate {
    type Err = DateError;

    fn from_str(text: &str) -> Result<Self, DateError> {
        if text.trim().is_empty() || !text.trim().bytes().all(|b| b.is_ascii_digit() || b == b'-') {
            return Err(DateError(format!("`{text}` is not a date")));
        }
        let mut parts = text.trim().split('-');
        let year: i32 = number(parts.next().unwrap_or_default(), 4, "year", text)?;
        let month: Option<u8> = parts
            .next()
            .map(|p| number(p, 2, "month", text))
            .transpose()?;
        let day: Option<u8> = parts
            .next()
            .map(|p| number(p, 2, "day", text))
            .transpose()?;
        if parts.next().is_some() {
            return Err(DateError(format!("`{text}` is not a date: too many parts")));
        }
        if let Some(m) = month
            && !(1..=12).contains(&m)
        {
            return Err(DateError(format!(
                "`{text}` is not a date: month {m} is not between 01 and 12"
            )));
        }
        if let (Some(m), Some(d)) = (month, day)
            && !(1..=days_in_month(year, m)).contains(&d)
        {
            return Err(DateError(format!(
                "`{text}` is not a date: {year:04}-{m:02} has {} days",
                days_in_month(year, m)
            )));
        }
        Ok(PartialDate { year, month, day })
    }
}

impl fmt::Display for PartialDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}", self.year)?;
        if let Some(m) = self.month {
            write!(f, "-{m:02}")?;
        }
        if let Some(d) = self.day {
            write!(f, "-{d:02}")?;
        }
        Ok(())
    }
}

impl<'de> Deserialize<'de> for PartialDate {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct DateVisitor;

        impl Visitor<'_> for DateVisitor {
            type Value = PartialDate;

            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a date written YYYY, YYYY-MM or YYYY-MM-DD")
            }

            fn visit_u64<E: de::Error>(self, v: u64) -> Result<PartialDate, E> {
                self.visit_str(&v.to_string())
            }

            fn visit_i64<E: de::Error>(self, v: i64) -> Result<PartialDate, E> {
                self.visit_str(&v.to_string())
            }

            fn visit_str<E: de::Error>(self, v: &str) -> Result<PartialDate, E> {
                v.parse().map_err(E::custom)
            }
        }

        // Read as text, so a date is taken exactly as written (`0900` is not the number 900).
        deserializer.deserialize_str(DateVisitor)
    }
}

impl Serialize for PartialDate {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

/// The stretch of time a fact holds: from the first day of `start` to the last day of `end`,
/// both included; an open bound runs on for ever.
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, rkyv::Archive, rkyv::Serialize, rkyv::Deserialize,
)]
pub struct Period {
    pub start: Option<PartialDate>,
    pub end: Option<PartialDate>,
}

impl Period {
    pub fn new(start: Option<PartialDate>, end: Option<PartialDate>) -> Self {
        Period { start, end }
    }

    /// Whether the fact holds on `day`.
    pub fn contains(&self, day: Day) -> bool {
        self.start.is_none_or(|s| s.first_day() <= day)
            && self.end.is_none_or(|e| day <= e.last_day())
    }

    /// Whether the period ends before it starts.
    pub fn is_reversed(&self) -> bool {
        matches!((self.start, self.end), (Some(s), Some(e)) if e.last_day() < s.first_day())
    }

    /// Whether the two periods share at least one day.
    pub fn overlaps(&self, other: &Period) -> bool {
        let starts_before_other_ends = match (self.start, other.end) {
            (Some(s), Some(e)) => s.first_day() <= e.last_day(),
            _ => true,
        };
        let other_starts_before_end = match (other.start, self.end) {
            (Some(s), Some(e)) => s.first_day() <= e.last_day(),
            _ => true,
        };
        starts_before_other_ends && other_starts_before_end
    }
}

impl fmt::Display for Period {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.start, self.end) {
            (None, None) => Ok(()),
            (Some(s), None) => write!(f, "since {s}"),
            (None, Some(e)) => write!(f, "until {e}"),
            (Some(s), Some(e)) => write!(f, "{s} → {e}"),
        }
    }
}

impl schemars::JsonSchema for PartialDate {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "PartialDate".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "description": "A date known to the year, the month or the day: 2014, 2014-03, 2014-03-31.",
            "type": ["string", "integer"],
            "pattern": "^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$"
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(text: &str) -> PartialDate {
        text.parse().unwrap()
    }

    fn day(y: i32, m: u8, dd: u8) -> Day {
        Day {
            year: y,
            month: m,
            day: dd,
        }
    }

    #[test]
    fn the_day_before_crosses_months_years_and_leap_days() {
        assert_eq!(day(2014, 3, 31).previous(), day(2014, 3, 30));
        assert_eq!(day(2016, 3, 1).previous(), day(2016, 2, 29));
        assert_eq!(day(2015, 3, 1).previous(), day(2015, 2, 28));
        assert_eq!(day(2014, 1, 1).previous(), day(2013, 12, 31));
        assert_eq!(day(i32::MIN, 1, 1).previous(), day(i32::MIN, 1, 1));
    }

    #[test]
    fn civil_dates_from_the_epoch() {
        assert_eq!(Day::from_days_since_epoch(0), day(1970, 1, 1));
        assert_eq!(Day::from_days_since_epoch(16_447), day(2015, 1, 12));
        assert_eq!(Day::from_days_since_epoch(11_016), day(2000, 2, 29));
        assert_eq!(Day::from_days_since_epoch(-1), day(1969, 12, 31));
    }

    #[test]
    fn parses_each_precision() {
        assert_eq!(
            d("2014"),
            PartialDate {
                year: 2014,
                month: None,
                day: None
            }
        );
        assert_eq!(d("2014-03").month, Some(3));
        assert_eq!(d("2014-03-31").day, Some(31));
        assert_eq!(d("2014-03-31").to_string(), "2014-03-31");
        assert_eq!(d("2014-03").to_string(), "2014-03");
    }

    #[test]
    fn rejects_malformed_dates() {
        for bad in [
            "",
            "14",
            "2014-3",
            "2014-13",
            "2014-00",
            "2014-02-30",
            "2014-03-31-1",
            "2014/03",
            "spring",
            "2014-03-1",
        ] {
            assert!(
                bad.parse::<PartialDate>().is_err(),
                "{bad:?} should be rejected"
            );
        }
    }

    #[test]
    fn leap_years_bound_february() {
        assert!("2012-02-29".parse::<PartialDate>().is_ok());
        assert!("2014-02-29".parse::<PartialDate>().is_err());
        assert!("1900-02-29".parse::<PartialDate>().is_err());
        assert!("2000-02-29".parse::<PartialDate>().is_ok());
        assert_eq!(d("2014-02").last_day(), day(2014, 2, 28));
    }

    #[test]
    fn the_next_day_turns_months_and_years() {
        assert_eq!(day(2015, 10, 1).next(), day(2015, 10, 2));
        assert_eq!(day(2016, 2, 28).next(), day(2016, 2, 29));
        assert_eq!(day(2015, 2, 28).next(), day(2015, 3, 1));
        assert_eq!(day(2017, 12, 31).next(), day(2018, 1, 1));
    }

    #[test]
    fn first_and_last_days() {
        assert_eq!(d("2014").first_day(), day(2014, 1, 1));
        assert_eq!(d("2014").last_day(), day(2014, 12, 31));
        assert_eq!(d("2014-04").last_day(), day(2014, 4, 30));
        assert_eq!(d("2014-04-28").last_day(), day(2014, 4, 28));
    }

    #[test]
    fn periods_include_both_ends() {
        let p = Period::new(Some(d("2012-09")), Some(d("2014-03")));
        assert!(!p.contains(day(2012, 8, 31)));
        assert!(p.contains(day(2012, 9, 1)));
        assert!(p.contains(day(2014, 3, 31)));
        assert!(!p.contains(day(2014, 4, 1)));
        assert!(Period::default().contains(day(1, 1, 1)));
    }

    #[test]
    fn reversed_periods() {
        assert!(Period::new(Some(d("2015")), Some(d("2014"))).is_reversed());
        assert!(!Period::new(Some(d("2014-03")), Some(d("2014"))).is_reversed());
        assert!(!Period::new(Some(d("2014-03-16")), Some(d("2014-03-16"))).is_reversed());
        assert!(Period::new(Some(d("2014-03-16")), Some(d("2014-03-15"))).is_reversed());
    }

    #[test]
    fn overlap_is_inclusive() {
        let old = Period::new(Some(d("2012-09")), Some(d("2015-03-15")));
        let new = Period::new(Some(d("2015-03-16")), None);
        assert!(!old.overlaps(&new));
        let touching = Period::new(Some(d("2015-03-15")), None);
        assert!(old.overlaps(&touching));
    }

    #[test]
    fn sorts_chronologically_less_precise_first() {
        let mut v = [d("2014-03-31"), d("2014"), d("2013-12"), d("2014-01")];
        v.sort();
        let s: Vec<String> = v.iter().map(ToString::to_string).collect();
        assert_eq!(s, ["2013-12", "2014", "2014-01", "2014-03-31"]);
    }
}
