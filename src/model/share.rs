//! Ownership shares, kept exactly as the source gives them: `4/9`, `44.4%`, or a range. How
//! they read is `crate::words::share`.

use std::fmt;
use std::str::FromStr;

use num_rational::Ratio;
use serde::de::{self, Visitor};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// An exact fraction of the capital, between 0 and 1.
pub type Fraction = Ratio<u64>;

/// A fraction as a big rational, for sums and products that no fixed width holds.
pub fn big(f: Fraction) -> num_rational::BigRational {
    num_rational::BigRational::new((*f.numer()).into(), (*f.denom()).into())
}

/// How a [`Fraction`] is archived (the model cache): its two terms, in lowest terms as held.
#[derive(rkyv::Archive, rkyv::Serialize, rkyv::Deserialize)]
#[rkyv(remote = Fraction)]
struct FractionDef {
    #[rkyv(getter = Fraction::numer)]
    numer: u64,
    #[rkyv(getter = Fraction::denom)]
    denom: u64,
}

impl From<FractionDef> for Fraction {
    fn from(f: FractionDef) -> Fraction {
        // The terms were a `Fraction`'s, already reduced.
        Fraction::new_raw(f.numer, f.denom)
    }
}

/// How a share was written, so it can be shown the way the source gave it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, rkyv::Archive, rkyv::Serialize, rkyv::Deserialize)]
pub enum Notation {
    Fraction,
    Percent,
}

/// One exact value with its notation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, rkyv::Archive, rkyv::Serialize, rkyv::Deserialize)]
pub struct ShareValue {
    #[rkyv(with = FractionDef)]
    pub value: Fraction,
    pub notation: Notation,
}

/// A stake's share: one exact value, or a range when sources only bound it. Either end of a
/// range may be exclusive, as UK PSC bands are declared: `>25%..50%` is more than 25 % up to
/// 50 %, `>50%..<75%` more than 50 % and less than 75 %.
#[derive(Debug, Clone, Copy, PartialEq, Eq, rkyv::Archive, rkyv::Serialize, rkyv::Deserialize)]
pub enum Share {
    Exact(ShareValue),
    Range {
        low: ShareValue,
        high: ShareValue,
        /// The share is more than `low`, never `low` itself (`>` before it).
        low_open: bool,
        /// The share is less than `high`, never `high` itself (`<` before it).
        high_open: bool,
    },
}

impl Share {
    /// The smallest value the share can have.
    pub fn low(&self) -> Fraction {
        match self {
            Share::Exact(v) => v.value,
            Share::Range { low, .. } => low.value,
        }
    }

    /// The largest value the share can have.
    pub fn high(&self) -> Fraction {
        match self {
            Share::Exact(v) => v.value,
            Share::Range { high, .. } => high.value,
        }
    }

    /// Whether the share is strictly more than [`Share::low`].
    pub fn low_open(&self) -> bool {
        matches!(self, Share::Range { low_open: true, .. })
    }

    /// Whether the share is strictly less than [`Share::high`].
    pub fn high_open(&self) -> bool {
        matches!(
            self,
            Share::Range {
                high_open: true,
                ..
            }
        )
    }
}

/// Why a text is not a share.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ShareError(String);

impl fmt::Display for ShareError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}; write a share as a fraction (4/9, 1), a percentage (44.4%) or a range (20%..25%, or >25%..50% for more than 25 % up to 50 %)",
            self.0
        )
    }
}

impl std::error::Error for ShareError {}

/// Parses a decimal such as `44.4` into an exact fraction.
fn decimal(text: &str) -> Option<Fraction> {
    let (int, frac) = text.split_once('.').unwrap_or((text, ""));
    if int.is_empty() && frac.is_empty()
        || !int.bytes().all(|b| b.is_ascii_digit())
        || !frac.bytes().all(|b| b.is_ascii_digit())
        || frac.len() > 12
    {
        return None;
    }
    let scale = 10u64.checked_pow(u32::try_from(frac.len()).ok()?)?;
    let int: u64 = if int.is_empty() { 0 } else { int.parse().ok()? };
    let frac: u64 = if frac.is_empty() {
        0
    } else {
        frac.parse().ok()?
    };
    let numer = int.checked_mul(scale)?.checked_add(frac)?;
    Some(Fraction::new(numer, scale))
}

fn single(text: &str, whole: &str) -> Result<ShareValue, ShareError> {
    let text = text.trim();
    let not_a_share = || ShareError(format!("`{whole}` is not a share"));
    let (value, notation) = if let Some(percent) = text.strip_suffix('%') {
        let p = decimal(percent.trim_end()).ok_or_else(not_a_share)?;
        (p / Fraction::from_integer(100), Notation::Percent)
    } else if let Some((n, d)) = text.split_once('/') {
        let n: u64 = n.trim().parse().map_err(|_| not_a_share())?;
        let d: u64 = d.trim().parse().map_err(|_| not_a_share())?;
        if d == 0 {
            return Err(ShareError(format!(
                "`{whole}` is not a share: its denominator is 0"
            )));
        }
        (Fraction::new(n, d), Notation::Fraction)
    } else {
        (decimal(text).ok_or_else(not_a_share)?, Notation::Fraction)
    };
    if value > Fraction::from_integer(1) {
        return Err(ShareError(format!("`{whole}` is more than 100 %")));
    }
    Ok(ShareValue { value, notation })
}

/// An end of a range with its mark of exclusion removed: `>25%` → (`25%`, true).
fn exclusive(text: &str, mark: char) -> (&str, bool) {
    let text = text.trim();
    match text.strip_prefix(mark) {
        Some(rest) => (rest, true),
        None => (text, false),
    }
}

impl FromStr for Share {
    type Err = ShareError;

    fn from_str(text: &str) -> Result<Self, ShareError> {
        match text.split_once("..") {
            None if text.trim_start().starts_with(['>', '<']) => Err(ShareError(format!(
                "`{text}` is not a share: a bound needs both ends, as in >25%..100% for more than 25 %"
            ))),
            None => single(text, text).map(Share::Exact),
            Some((low, high)) => {
                let (low, low_open) = exclusive(low, '>');
                let (high, high_open) = exclusive(high, '<');
                let (low, high) = (single(low, text)?, single(high, text)?);
                let empty = low.value == high.value && (low_open || high_open);
                if low.value > high.value || empty {
                    return Err(ShareError(format!(
                        "`{text}` is not a share: the range's low end is above its high end"
                    )));
                }
                Ok(Share::Range {
                    low,
                    high,
                    low_open,
                    high_open,
                })
            }
        }
    }
}

/// `value × factor` as a quotient and remainder, computed wide so no share can overflow it.
fn scaled(value: Fraction, factor: u128) -> (u128, u128) {
    let numer = u128::from(*value.numer()) * factor;
    let denom = u128::from(*value.denom());
    (numer / denom, numer % denom)
}

/// Formats a fraction as a percentage with at most one decimal: 4/9 → `44.4`.
pub fn percent(value: Fraction) -> String {
    // Tenths of a percent, rounded half up.
    let (tenths, rest) = scaled(value, 1000);
    let tenths = tenths + u128::from(2 * rest >= u128::from(*value.denom()));
    if tenths % 10 == 0 {
        format!("{}", tenths / 10)
    } else {
        format!("{}.{}", tenths / 10, tenths % 10)
    }
}

/// `true` when the percentage shown by [`percent`] is the exact value.
pub fn percent_is_exact(value: Fraction) -> bool {
    scaled(value, 1000).1 == 0
}

impl ShareValue {
    /// The share in the model's own notation: `4/9` or `44.4%`.
    fn source_text(&self) -> String {
        match self.notation {
            Notation::Fraction if self.value.is_integer() => self.value.numer().to_string(),
            Notation::Fraction => format!("{}/{}", self.value.numer(), self.value.denom()),
            Notation::Percent => format!("{}%", percent_digits(self.value)),
        }
    }
}

/// A percentage parsed from a finite decimal, written back with all its digits: `0.125`.
fn percent_digits(value: Fraction) -> String {
    let (int, mut rest) = scaled(value, 100);
    let denom = u128::from(*value.denom());
    let mut digits = String::new();
    // A percentage came from a decimal of at most 12 digits, so this terminates well before.
    while rest != 0 && digits.len() < 20 {
        rest *= 10;
        digits.push(char::from(b'0' + u8::try_from(rest / denom).unwrap_or(0)));
        rest %= denom;
    }
    if digits.is_empty() {
        int.to_string()
    } else {
        format!("{int}.{digits}")
    }
}

impl Share {
    /// The share in the model's own notation, suitable to be read back.
    pub fn source_text(&self) -> String {
        match self {
            Share::Exact(v) => v.source_text(),
            Share::Range {
                low,
                high,
                low_open,
                high_open,
            } => format!(
                "{}{}..{}{}",
                if *low_open { ">" } else { "" },
                low.source_text(),
                if *high_open { "<" } else { "" },
                high.source_text()
            ),
        }
    }
}

impl<'de> Deserialize<'de> for Share {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct ShareVisitor;

        impl Visitor<'_> for ShareVisitor {
            type Value = Share;

            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a share such as 4/9, 44.4% or 20%..25%")
            }

            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Share, E> {
                self.visit_str(&v.to_string())
            }

            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Share, E> {
                self.visit_str(&v.to_string())
            }

            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Share, E> {
                Err(E::custom(format!(
                    "`{v}` is ambiguous as a share; write it as a fraction (1/2) or a percentage (50%)"
                )))
            }

            fn visit_str<E: de::Error>(self, v: &str) -> Result<Share, E> {
                v.parse().map_err(E::custom)
            }
        }

        deserializer.deserialize_any(ShareVisitor)
    }
}

impl Serialize for Share {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.source_text())
    }
}

impl schemars::JsonSchema for Share {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Share".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "description": "A share, as the source gives it: a fraction (4/9, 1), a percentage (44.4%) or a range (20%..25%); `>` before a range's low end or `<` before its high end makes that end exclusive (>25%..50%: more than 25 % up to 50 %).",
            "type": ["string", "integer"]
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn share(text: &str) -> Share {
        text.parse().unwrap()
    }

    #[test]
    fn fractions_are_exact() {
        let sum = share("4/9").low() + share("1/3").low() + share("2/9").low();
        assert_eq!(sum, Fraction::from_integer(1));
    }

    #[test]
    fn percentages_are_exact() {
        assert_eq!(share("44.4%").low(), Fraction::new(444, 1000));
        assert_eq!(share("100 %").low(), Fraction::from_integer(1));
        assert_eq!(share("0.5%").low(), Fraction::new(1, 200));
        assert_eq!(share("33%").low(), Fraction::new(33, 100));
    }

    #[test]
    fn whole_numbers_are_fractions() {
        assert_eq!(share("1").low(), Fraction::from_integer(1));
        assert_eq!(share("0").low(), Fraction::from_integer(0));
    }

    #[test]
    fn ranges_keep_both_ends() {
        let r = share("20%..25%");
        assert_eq!(r.low(), Fraction::new(1, 5));
        assert_eq!(r.high(), Fraction::new(1, 4));
        assert_eq!(share("1/4..1/3").high(), Fraction::new(1, 3));
    }

    #[test]
    fn rejects_what_is_not_a_share() {
        for bad in [
            "",
            "%",
            "abc",
            "4/0",
            "5/4",
            "101%",
            "-1/2",
            "1/2/3",
            "30%..20%",
            "..",
            "1e3%",
            "4 /",
            "12.5.1%",
            ">25%",
            "<50%",
            ">50%..50%",
            "25%..>50%",
            "<25%..50%",
            ">>1%..2%",
        ] {
            assert!(bad.parse::<Share>().is_err(), "{bad:?} should be rejected");
        }
    }

    #[test]
    fn source_text_reads_back() {
        for text in [
            "4/9",
            "47%",
            "44.4%",
            "0.125%",
            "1",
            "20%..25%",
            "1/4..1/3",
            ">25%..50%",
            ">50%..<75%",
            "25%..<1/2",
        ] {
            let s = share(text);
            assert_eq!(s.source_text(), text);
            assert_eq!(share(&s.source_text()), s);
        }
    }

    #[test]
    fn exclusive_ends_are_marked_and_keep_their_values() {
        let band = share(">25%..50%");
        assert_eq!(
            (band.low(), band.high()),
            (Fraction::new(1, 4), Fraction::new(1, 2))
        );
        assert!(band.low_open() && !band.high_open());
        let band = share("> 50% ..< 75%");
        assert!(band.low_open() && band.high_open());
        assert!(!share("20%..25%").low_open() && !share("1/2").high_open());
        let alone = ">25%".parse::<Share>().unwrap_err().to_string();
        assert!(alone.contains(">25%..100%"), "{alone}");
    }

    #[test]
    fn percent_rounds_to_a_tenth() {
        assert_eq!(percent(Fraction::new(2, 3)), "66.7");
        assert_eq!(percent(Fraction::new(1, 8)), "12.5");
        assert_eq!(percent(Fraction::new(1, 1000)), "0.1");
        assert_eq!(percent(Fraction::new(1, 3000)), "0");
    }
}
