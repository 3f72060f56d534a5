//! The one gate between untrusted text (a model's, a file name's, an argument's, an error
//! message's) and any output.
//!
//! # What is escaped
//!
//! A character is *unsafe* when a terminal would act on it or draw it as nothing, or as something
//! other than what the text says: every control character (category Cc: C0, DEL, C1), every
//! format character (Cf: bidi controls, zero-width spaces and joiners, the soft hyphen, tag
//! characters, the interlinear annotation characters U+FFF9–FFFB, prepended number signs…), the
//! line and paragraph separators (Zl, Zp), every other default-ignorable code point (Hangul
//! fillers, U+034F, variation selectors, U+180E, U+206A–206F and the reserved ranges) and every
//! noncharacter (U+FDD0–FDEF and the last two code points of each plane). The sets come from the
//! Unicode Character Database (through `icu_properties`), not from a list kept here, so a new
//! format character is escaped the day the data knows it. An unsafe character becomes a visible
//! `\u{hex}`; a tab becomes a space, and a line break `\n` or `\r`, so that a name never spans two
//! rows.
//!
//! # Emoji sequences
//!
//! The zero-width joiner and the variation selectors are escaped always, inside emoji sequences
//! too: `👨‍👩‍👧` shows as `👨\u{200d}👩\u{200d}👧`, `❤️` as `❤\u{fe0f}`. Keeping them only in valid
//! emoji sequences would not give a width everyone agrees on: ratatui (through unicode-width)
//! counts a ZWJ sequence or a presentation sequence as one two-column cell, while a terminal
//! that does not draw that sequence as one picture gives each emoji its own columns, or a
//! text-style heart one column, and every pane border after it moves. With the joiners escaped,
//! each picture stands alone and takes the columns both sides give it.
//!
//! The rule behind this is an invariant of the output: every grapheme is exactly as wide as the
//! sum of its characters, as a terminal draws them one at a time. A character that would join a
//! grapheme and change its width (a skin-tone modifier after its hand, `👋🏽` → `👋\u{1f3fd}`) is
//! escaped as well. Flags (pairs of regional indicators) keep their pictures: both count two
//! columns.

pub mod url;

use std::borrow::Cow;
use std::fmt::Write as _;

use icu_properties::CodePointMapData;
use icu_properties::props::{
    BinaryProperty, DefaultIgnorableCodePoint, GeneralCategory, NoncharacterCodePoint,
};
use unicode_segmentation::UnicodeSegmentation;
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// Whether `c` must not reach a terminal as itself.
pub fn is_unsafe(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_control();
    }
    matches!(
        CodePointMapData::<GeneralCategory>::new().get(c),
        GeneralCategory::Control
            | GeneralCategory::Format
            | GeneralCategory::LineSeparator
            | GeneralCategory::ParagraphSeparator
    ) || DefaultIgnorableCodePoint::for_char(c)
        || NoncharacterCodePoint::for_char(c)
}

/// Whether a terminal, adding up the widths of `text`'s characters one by one, gives it the
/// columns unicode-width (and so ratatui) gives it as a whole.
fn widths_agree(text: &str) -> bool {
    let each: usize = text.chars().map(|c| c.width().unwrap_or(0)).sum();
    text.width() == each
}

/// Whether `c` is one of the characters output is mostly made of besides ASCII — Latin-1
/// letters and signs, general punctuation (dashes, quotes, the ellipsis), box drawing — none of
/// which is unsafe or joins a neighbour into a grapheme. Text made only of them needs no lookup
/// in the Unicode data: the writers pass every line of a dump through [`sanitize`], and tree
/// rails and chart boxes are almost all box drawing.
fn is_plain(c: char) -> bool {
    matches!(
        c,
        ' '..='~'
            | '\u{a1}'..='\u{ac}' // U+00AD, the soft hyphen, is a format character
            | '\u{ae}'..='\u{ff}'
            | '\u{2010}'..='\u{2027}' // U+2028 on are separators and bidi controls
            | '\u{2500}'..='\u{257f}'
    )
}

/// Whether `text` can be shown as it is.
fn is_displayable(text: &str) -> bool {
    if text.bytes().all(|b| (b' '..=b'~').contains(&b)) || text.chars().all(is_plain) {
        return true;
    }
    !text.chars().any(is_unsafe)
        && text
            .graphemes(true)
            .all(|g| g.chars().nth(1).is_none() || widths_agree(g))
}

/// Writes the visible form of an unsafe (or width-changing) character.
fn push_escape(out: &mut String, c: char) {
    match c {
        '\t' => out.push(' '),
        '\n' => out.push_str("\\n"),
        '\r' => out.push_str("\\r"),
        c => {
            // Writing to a String cannot fail.
            let _ = write!(out, "\\u{{{:x}}}", u32::from(c));
        }
    }
}

/// Makes untrusted text safe to show on one row of a terminal.
///
/// Returns the text unchanged (and unallocated) when it is already safe.
pub fn sanitize(text: &str) -> Cow<'_, str> {
    if is_displayable(text) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    // Whether `out` ends with an escape, whose last character a mark that follows would join.
    let mut after_escape = false;
    for grapheme in text.graphemes(true) {
        // Where, in `out`, the grapheme the next character joins begins.
        let mut start = if after_escape {
            out.len() - 1
        } else {
            out.len()
        };
        for c in grapheme.chars() {
            if !is_unsafe(c) {
                out.push(c);
                if widths_agree(&out[start..]) {
                    after_escape = false;
                    continue;
                }
                out.truncate(out.len() - c.len_utf8());
            }
            push_escape(&mut out, c);
            // Every escape ends with an ASCII character.
            start = out.len() - 1;
            after_escape = true;
        }
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_characters_are_safe_and_stand_alone() {
        for c in (0..=0x257f)
            .filter_map(char::from_u32)
            .filter(|&c| is_plain(c))
        {
            assert!(!is_unsafe(c), "U+{:04X}", u32::from(c));
            // Beside a letter, it stays a grapheme of its own.
            for pair in [format!("a{c}"), format!("{c}a")] {
                assert_eq!(pair.graphemes(true).count(), 2, "U+{:04X}", u32::from(c));
            }
            assert!(widths_agree(&c.to_string()), "U+{:04X}", u32::from(c));
        }
    }

    #[test]
    fn safe_text_is_borrowed() {
        assert!(matches!(
            sanitize("Orange Business Services — 100 % 名前 🙂"),
            Cow::Borrowed(_)
        ));
    }

    #[test]
    fn escapes_control_characters() {
        assert_eq!(sanitize("a\u{1b}[31mb"), "a\\u{1b}[31mb");
        assert_eq!(sanitize("bell\u{7}"), "bell\\u{7}");
        assert_eq!(sanitize("del\u{7f}"), "del\\u{7f}");
        assert_eq!(sanitize("csi\u{9b}"), "csi\\u{9b}");
        assert_eq!(sanitize("nul\0"), "nul\\u{0}");
    }

    #[test]
    fn keeps_a_name_on_one_row() {
        assert_eq!(sanitize("two\nlines\r"), "two\\nlines\\r");
        assert_eq!(sanitize("a\tb"), "a b");
    }

    #[test]
    fn escapes_bidi_and_zero_width() {
        for c in [
            '\u{202A}', '\u{202E}', '\u{2066}', '\u{2069}', '\u{200E}', '\u{200F}', '\u{061C}',
            '\u{200B}', '\u{200D}', '\u{FEFF}',
        ] {
            let out = sanitize(&format!("x{c}y")).into_owned();
            assert!(!out.contains(c), "{c:?} passed through");
            assert!(out.starts_with("x\\u{"), "{out}");
        }
    }

    /// One character of each kind the sanitizer must escape, with what it is.
    const INVISIBLE: &[(char, &str)] = &[
        ('\u{AD}', "soft hyphen"),
        ('\u{34F}', "combining grapheme joiner"),
        ('\u{115F}', "Hangul choseong filler"),
        ('\u{1160}', "Hangul jungseong filler"),
        ('\u{3164}', "Hangul filler"),
        ('\u{FFA0}', "halfwidth Hangul filler"),
        ('\u{180E}', "Mongolian vowel separator"),
        ('\u{180B}', "Mongolian free variation selector"),
        ('\u{17B4}', "Khmer vowel inherent aq"),
        ('\u{206A}', "inhibit symmetric swapping"),
        ('\u{206F}', "nominal digit shapes"),
        ('\u{2065}', "unassigned default-ignorable"),
        ('\u{FE00}', "variation selector 1"),
        ('\u{FE0E}', "text presentation selector"),
        ('\u{FE0F}', "emoji presentation selector"),
        ('\u{E0100}', "variation selector 17"),
        ('\u{E0001}', "language tag"),
        ('\u{E0041}', "tag latin capital a"),
        ('\u{E007F}', "cancel tag"),
        ('\u{FFF9}', "interlinear annotation anchor"),
        ('\u{FFFA}', "interlinear annotation separator"),
        ('\u{FFFB}', "interlinear annotation terminator"),
        ('\u{FDD0}', "noncharacter"),
        ('\u{FDEF}', "noncharacter"),
        ('\u{FFFE}', "noncharacter"),
        ('\u{1FFFF}', "noncharacter"),
        ('\u{10FFFE}', "noncharacter"),
        ('\u{2028}', "line separator (Zl)"),
        ('\u{2029}', "paragraph separator (Zp)"),
        ('\u{600}', "Arabic number sign (Cf)"),
        ('\u{110BD}', "Kaithi number sign (Cf)"),
        ('\u{13430}', "Egyptian hieroglyph vertical joiner (Cf)"),
        ('\u{1BCA0}', "shorthand format letter overlap (Cf)"),
        ('\u{1D173}', "musical symbol begin beam (Cf)"),
    ];

    #[test]
    fn escapes_every_invisible_or_format_character() {
        for &(c, what) in INVISIBLE {
            let out = sanitize(&format!("x{c}y")).into_owned();
            let escaped = format!("x\\u{{{:x}}}y", u32::from(c));
            assert_eq!(out, escaped, "{what} ({c:?})");
        }
    }

    #[test]
    fn keeps_visible_text_of_every_script() {
        for text in [
            "Société Générale",
            "名前 株式会社",
            "Сбербанк",
            "الأهرام",
            "עברית",
            "한국전력공사",
            "नमस्ते क्षत्रिय",
            "ｿﾌﾄﾊﾞﾝｸ",
            "🇫🇷 🙂 ❤",
            "a\u{301}",
            "\u{A0}\u{3000}",
        ] {
            assert_eq!(sanitize(text), text);
        }
    }

    /// Whether `text` takes the same columns when a terminal draws it one character at a time
    /// as when ratatui measures it one grapheme at a time.
    fn widths_agree(text: &str) -> bool {
        use unicode_segmentation::UnicodeSegmentation;
        use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};
        text.graphemes(true)
            .all(|g| g.width() == g.chars().map(|c| c.width().unwrap_or(0)).sum::<usize>())
    }

    #[test]
    fn emoji_sequences_keep_their_pictures_and_lose_their_joiners() {
        // The family emoji: three pictures, the joiners between them escaped.
        assert_eq!(
            sanitize("👨\u{200D}👩\u{200D}👧"),
            "👨\\u{200d}👩\\u{200d}👧"
        );
        assert_eq!(sanitize("❤\u{FE0F}"), "❤\\u{fe0f}");
        assert_eq!(sanitize("⌚\u{FE0E}"), "⌚\\u{fe0e}");
        // A skin tone joined to its hand is one wide cell for ratatui and two for a terminal.
        assert_eq!(sanitize("👋\u{1F3FD}"), "👋\\u{1f3fd}");
        // A flag is a pair of letters both count as two columns.
        assert_eq!(sanitize("🇫🇷"), "🇫🇷");
    }

    #[test]
    fn what_is_kept_has_one_width_for_ratatui_and_the_terminal() {
        for text in [
            "👨\u{200D}👩\u{200D}👧\u{200D}👦",
            "❤\u{FE0F} ☺\u{FE0F} 1\u{FE0F}\u{20E3}",
            "⌚\u{FE0E}",
            "👋\u{1F3FD} 👋🏿\u{200D}",
            "🏴\u{E0067}\u{E0062}\u{E0073}\u{E0063}\u{E0074}\u{E007F}",
            "\u{1F3FD}\u{1F3FD}",
            "\u{16D63}\u{16D67}",
        ] {
            let out = sanitize(text);
            assert!(widths_agree(&out), "{text:?} became {out:?}");
        }
    }

    /// Characters that join, widen or vanish, mixed with ordinary ones.
    fn tricky() -> impl proptest::strategy::Strategy<Value = String> {
        use proptest::prelude::*;
        let pieces = prop::sample::select(vec![
            'a',
            'é',
            '名',
            '👋',
            '👨',
            '❤',
            '⌚',
            '🇫',
            '🇷',
            '🏴',
            '1',
            'ｶ',
            'ﾞ',
            'ᄀ',
            'ᅡ',
            'ᆨ',
            'ل',
            'ا',
            'क',
            '्',
            'ष',
            '\u{301}',
            '\u{20E3}',
            '\u{200D}',
            '\u{200C}',
            '\u{FE0F}',
            '\u{FE0E}',
            '\u{1F3FD}',
            '\u{E0067}',
            '\u{E007F}',
            '\u{AD}',
            '\u{1B}',
            '\n',
            '\t',
            '\u{16D63}',
            '\u{16D67}',
            '\u{17D2}',
            '\u{2D7F}',
            '\u{A4F8}',
            '\u{A4FC}',
        ]);
        prop::collection::vec(prop_oneof![4 => pieces, 1 => any::<char>()], 0..12)
            .prop_map(|cs| cs.into_iter().collect())
    }

    proptest::proptest! {
        #[test]
        fn output_is_safe_width_stable_and_final(text in tricky()) {
            use unicode_segmentation::UnicodeSegmentation;
            let out = sanitize(&text);
            proptest::prop_assert!(!out.chars().any(is_unsafe), "{:?}", out);
            for g in out.graphemes(true) {
                proptest::prop_assert!(widths_agree(g), "{:?} in {:?}", g, out);
            }
            proptest::prop_assert_eq!(sanitize(&out), out.clone());
        }
    }
}
