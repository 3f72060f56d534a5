//! What a scalar is, decided as serde-saphyr decides it under the loader's options (YAML 1.2
//! booleans only, numbers with leading zeros or underscores kept as text, no tags): the fast
//! path answers only where the answer is certain, and gives up wherever serde-saphyr would read
//! a null, a boolean, a signed or non-decimal number or a float, so that the full reader
//! decides those. A quoted or block scalar is always text.

use super::GiveUp;

/// YAML's null spellings, as a plain scalar (an empty value included).
pub(super) fn is_null(value: &str, plain: bool) -> bool {
    plain && matches!(value, "" | "~" | "null" | "Null" | "NULL")
}

/// A scalar as text, for a string field: a plain null is not one.
pub(super) fn text(value: &str, plain: bool) -> Result<(), GiveUp> {
    if is_null(value, plain) {
        Err(GiveUp::Value)
    } else {
        Ok(())
    }
}

/// A scalar for a boolean field: YAML 1.2's spellings, unquoted.
pub(super) fn boolean(value: &str, plain: bool) -> Result<bool, GiveUp> {
    match value {
        "true" | "True" | "TRUE" if plain => Ok(true),
        "false" | "False" | "FALSE" if plain => Ok(false),
        _ => Err(GiveUp::Value),
    }
}

/// A scalar for a number field: a plain decimal that Rust reads as a finite float, as the full
/// reader's own fallback does.
pub(super) fn float(value: &str, plain: bool) -> Result<f64, GiveUp> {
    if !plain || padded(value) {
        return Err(GiveUp::Value);
    }
    match value.parse::<f64>() {
        Ok(v) if v.is_finite() => Ok(v),
        _ => Err(GiveUp::Value),
    }
}

/// What an untyped read (a value that may be text, a number or a list) gets.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Untyped {
    Text,
    Unsigned(u64),
}

/// A scalar read untyped: text, an unsigned decimal integer, or not known here.
pub(super) fn untyped(value: &str, plain: bool) -> Result<Untyped, GiveUp> {
    if !plain {
        return Ok(Untyped::Text);
    }
    if is_null(value, plain) || boolean(value, plain).is_ok() || padded(value) {
        return Err(GiveUp::Value);
    }
    match value.as_bytes().first() {
        Some(b'0'..=b'9') => digits_first(value),
        // A sign or a dot may start a number (`-1`, `+.5`, `.inf`): not decided here.
        Some(b'+' | b'-' | b'.') | None => Err(GiveUp::Value),
        // Neither an integer nor a float can start so: Rust's float syntax takes `inf` and
        // `nan`, but the full reader only lets a float through when a digit comes first.
        Some(_) => Ok(Untyped::Text),
    }
}

/// An untyped plain scalar that starts with a digit.
fn digits_first(value: &str) -> Result<Untyped, GiveUp> {
    let bytes = value.as_bytes();
    // Kept as written by the options: `1_000`, `007`; and `0X1F` is no YAML 1.2 integer.
    if value.contains('_') || matches!(bytes, [b'0', b'X' | b'O' | b'B', ..]) {
        return Ok(Untyped::Text);
    }
    if bytes.iter().all(u8::is_ascii_digit) {
        if bytes.len() > 1 && bytes[0] == b'0' {
            return Ok(Untyped::Text);
        }
        // Past u64, the full reader tries a float.
        return value
            .parse()
            .map(Untyped::Unsigned)
            .map_err(|_| GiveUp::Value);
    }
    // `0x1f`, `0o17`, `0b1`: integers in another radix; `1e3`, `2.5`: floats.
    if matches!(bytes, [b'0', b'x' | b'o' | b'b', ..]) || value.parse::<f64>().is_ok() {
        return Err(GiveUp::Value);
    }
    Ok(Untyped::Text)
}

/// Whether the text starts or ends with the padding the full reader trims before it reads a
/// number (a plain scalar never does, but nothing here rests on that).
fn padded(value: &str) -> bool {
    let pad = |b: &u8| matches!(b, b' ' | b'\t' | b'\r' | b'\n');
    value.as_bytes().first().is_some_and(pad) || value.as_bytes().last().is_some_and(pad)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn untyped_plain_scalars_are_text_numbers_or_left_to_the_full_reader() {
        let text = [
            "acme", "no", "Yes", "3M", "4/9", "50%", "007", "1_000", "0X1F", "inf", "~x",
        ];
        for value in text {
            assert_eq!(untyped(value, true), Ok(Untyped::Text), "{value}");
        }
        assert_eq!(untyped("2019", true), Ok(Untyped::Unsigned(2019)));
        assert_eq!(untyped("0", true), Ok(Untyped::Unsigned(0)));
        let undecided = [
            "",
            "~",
            "null",
            "true",
            "FALSE",
            "-1",
            "+1",
            ".5",
            ".inf",
            "1e3",
            "2.5",
            "0x1f",
            "18446744073709551616",
        ];
        for value in undecided {
            assert!(untyped(value, true).is_err(), "{value}");
        }
        assert_eq!(untyped("true", false), Ok(Untyped::Text));
        assert_eq!(untyped("", false), Ok(Untyped::Text));
    }

    #[test]
    fn typed_scalars_accept_only_their_plain_spellings() {
        assert_eq!(boolean("True", true), Ok(true));
        assert!(boolean("yes", true).is_err());
        assert!(boolean("true", false).is_err());
        assert_eq!(float("75000000", true), Ok(75_000_000.0));
        assert_eq!(float("2.5e3", true), Ok(2500.0));
        for bad in [".inf", "inf", "1_0", "1e999", "x"] {
            assert!(float(bad, true).is_err(), "{bad}");
        }
        assert!(float("1", false).is_err());
        assert!(text("null", true).is_err());
        assert!(text("null", false).is_ok());
        assert!(text("", true).is_err());
    }
}
