//! The texts a search looks at by default, gathered once per org into one arena: each entity's
//! names over time, id and other names (exactly what [`Query::entity_score`] reads from the
//! org for [`super::Field::Names`]). Each
//! text is kept as the matcher sees it (its graphemes' first characters), with a 64-bit mask
//! of the case-folded characters it holds; each entity has the union of its texts' masks. A
//! query that needs a character a mask lacks cannot match there, so most texts are never
//! scored.
//!
//! The texts keep their case: the matcher rewards a match at a capital (camelCase), so a
//! lowercased copy would score differently. Folding happens in the masks only.

use nucleo_matcher::Utf32Str;
use nucleo_matcher::chars;

use super::Query;
use crate::org::{EntityId, Org};

/// The bit a character sets in a mask: one each for `a`–`z` and `0`–`9`, the other
/// characters shared among the rest.
fn bit(c: char) -> u64 {
    let n = match c {
        'a'..='z' => u32::from(c) - u32::from('a'),
        '0'..='9' => 26 + u32::from(c) - u32::from('0'),
        _ => 36 + u32::from(c) % 28,
    };
    1 << n
}

/// The bits a character of a text sets: every form the matcher may compare to a character of
/// the query (as written, case-folded, with its accent taken off, both).
fn text_bits(c: char) -> u64 {
    let lower = chars::to_lower_case(c);
    let plain = chars::normalize(c);
    bit(c)
        | bit(lower)
        | bit(plain)
        | bit(chars::to_lower_case(plain))
        | bit(chars::normalize(lower))
}

/// The bits a query needs: every character of every atom that must be found (an atom written
/// `!x` must not be, so it needs nothing). The matcher already folded the query's case.
pub(super) fn needed(pattern: &nucleo_matcher::pattern::Pattern) -> u64 {
    pattern
        .atoms
        .iter()
        .filter(|atom| !atom.negative)
        .flat_map(|atom| atom.needle_text().chars())
        .fold(0, |mask, c| mask | bit(c))
}

/// Where a text is, ASCII (bytes) or wider (characters), and its mask: 16 bytes.
#[derive(Debug, Clone, Copy)]
struct Text {
    start: u32,
    /// The length, with [`WIDE`] set for a text of characters.
    len: u32,
    mask: u64,
}

/// The bit of [`Text::len`] that says the text is in characters.
const WIDE: u32 = 1 << 31;

/// A length below [`WIDE`], or `None`.
fn length(n: usize) -> Option<u32> {
    offset(n).filter(|&n| n < WIDE)
}

/// The searchable texts of an org, gathered once.
#[derive(Debug, Default)]
pub struct Haystacks {
    /// The ASCII texts, end to end.
    bytes: Vec<u8>,
    /// The other texts, as the matcher's characters (a grapheme's first), end to end.
    wide: Vec<char>,
    texts: Vec<Text>,
    /// Each entity's texts: `refs[first[n]..first[n + 1]]`.
    first: Vec<u32>,
    refs: Vec<u32>,
    /// Each entity's texts' masks, together.
    masks: Vec<u64>,
}

/// A number that fits the arena's offsets, or `None` when the model is beyond them.
fn offset(n: usize) -> Option<u32> {
    u32::try_from(n).ok()
}

/// The index as it is being filled.
struct Builder {
    index: Haystacks,
    /// The characters of a non-ASCII text, reused.
    buf: Vec<char>,
}

impl Builder {
    /// Adds `text` to the arena; its number.
    fn add(&mut self, text: &str) -> Option<u32> {
        let index = &mut self.index;
        let number = offset(index.texts.len())?;
        // As `Utf32Str::new` sees it: ASCII bytes stay bytes, and so does a text whose
        // graphemes all begin with an ASCII character; anything else becomes characters.
        self.buf.clear();
        let bytes = text.is_ascii() || {
            self.buf.extend(chars::graphemes(text));
            self.buf.iter().all(char::is_ascii)
        };
        let entry = if bytes {
            let start = offset(index.bytes.len())?;
            index.bytes.extend_from_slice(text.as_bytes());
            Text {
                start,
                len: length(text.len())?,
                mask: text.bytes().fold(0, |m, b| m | text_bits(char::from(b))),
            }
        } else {
            let start = offset(index.wide.len())?;
            index.wide.extend_from_slice(&self.buf);
            Text {
                start,
                len: length(self.buf.len())? | WIDE,
                mask: self.buf.iter().fold(0, |m, &c| m | text_bits(c)),
            }
        };
        offset(index.bytes.len())?;
        offset(index.wide.len())?;
        index.texts.push(entry);
        Some(number)
    }

    /// Adds `text` to the entity being built.
    fn own(&mut self, text: &str) -> Option<()> {
        let n = self.add(text)?;
        self.index.refs.push(n);
        Some(())
    }
}

impl Haystacks {
    /// The texts of every entity of `org`; `None` for a model too large for the arena's
    /// 32-bit offsets (the search then reads the org itself).
    pub fn build(org: &Org) -> Option<Haystacks> {
        let count = org.entity_count();
        let mut b = Builder {
            index: Haystacks {
                first: Vec::with_capacity(count + 1),
                masks: Vec::with_capacity(count),
                ..Haystacks::default()
            },
            buf: Vec::new(),
        };
        for id in org.entity_ids() {
            b.index.first.push(offset(b.index.refs.len())?);
            let e = org.entity(id);
            for name in org.names_over_time(id) {
                b.own(name)?;
            }
            b.own(&e.id)?;
            for n in &e.more().other_names {
                b.own(n)?;
            }
            let start = b.index.first.last().map_or(0, |&f| f as usize);
            let mask = b.index.refs[start..]
                .iter()
                .fold(0, |m, &t| m | b.index.texts[t as usize].mask);
            b.index.masks.push(mask);
        }
        b.index.first.push(offset(b.index.refs.len())?);
        Some(b.index)
    }

    /// How many entities the index holds: those of the org it was built from.
    pub fn len(&self) -> usize {
        self.masks.len()
    }

    pub fn is_empty(&self) -> bool {
        self.masks.is_empty()
    }

    fn text(&self, t: &Text) -> Utf32Str<'_> {
        let len = (t.len & !WIDE) as usize;
        let (start, end) = (t.start as usize, t.start as usize + len);
        if t.len & WIDE != 0 {
            Utf32Str::Unicode(self.wide.get(start..end).unwrap_or_default())
        } else {
            Utf32Str::Ascii(self.bytes.get(start..end).unwrap_or_default())
        }
    }

    /// How well `id` matches `query` on the best of its texts: the same answer as
    /// [`Query::entity_score`] on the org, found from the arena.
    pub(super) fn entity_score(&self, query: &mut Query, id: EntityId) -> Option<u32> {
        let n = id.0 as usize;
        let need = query.needed;
        if self.masks.get(n).is_none_or(|&m| m & need != need) {
            return None;
        }
        let (from, to) = (
            self.first.get(n).copied()? as usize,
            self.first.get(n + 1).copied()? as usize,
        );
        let mut best = None;
        for &t in self.refs.get(from..to).unwrap_or_default() {
            let Some(text) = self.texts.get(t as usize) else {
                continue;
            };
            if text.mask & need != need {
                continue;
            }
            let score = query.score_text(self.text(text));
            if score > best {
                best = score;
            }
        }
        best
    }
}
