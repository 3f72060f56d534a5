//! The words orgtree prints for the model's values, in every human format alike — the explorer,
//! the tree, Markdown, DOT and Mermaid labels, the chart and the diff: kinds, relations and
//! events as words (`business unit`, `leadership change`), shares and ranges (`4/9 (44.4 %)`,
//! `20–25 %`, `share unknown`), interests, amounts (`EUR 100M`), counts (`1 warning`), and the
//! names that references resolve to.
//! JSON and YAML keep the model's own values (`business_unit`, `20%..25%`) and do not use it.
//!
//! What is built from model text comes out sanitized.

use num_bigint::BigInt;
use num_rational::BigRational;
use num_traits::Zero;

use crate::model::share::{self, Notation, Share, ShareValue};
use crate::model::{EntityKind, EventKind, Identifier, Interest, RelationKind, Stake};
use crate::sanitize::sanitize;

/// What a share nobody reported is shown as, wherever a share would be.
pub const SHARE_UNKNOWN: &str = "share unknown";

/// What a role nobody holds reads as, wherever its holder's name would be.
pub const VACANT: &str = "vacant";

/// The mark of a declared indirect interest, which look-through and the sums leave out.
pub const INDIRECT: &str = "indirect";

/// What a stake's holder has, in words: `votes`, `beneficiary of trust`; safe to show.
pub fn interest_kind(interest: &Interest) -> String {
    spaced(interest.as_str())
}

/// A stake's share with what kind of interest it is: `40 %`, `60 % of votes`, `50 % as
/// beneficiary of trust`, `trustee`, and ` (indirect)` after a declared indirect interest.
pub fn stake(stake: &Stake) -> String {
    let share = stake.share.as_deref();
    let mut text = match &stake.interest {
        Interest::Shares => share_or_unknown(share),
        Interest::Votes => format!("{} of votes", share_or_unknown(share)),
        other => match share {
            Some(s) if other.takes_share() => {
                format!("{} as {}", self::share(s), interest_kind(other))
            }
            _ => interest_kind(other),
        },
    };
    if stake.indirect {
        text.push_str(&format!(" ({INDIRECT})"));
    }
    text
}

/// [`stake`] for tight places, in percentages: `44.4 %`, `60 % votes`, `trustee`, `>25–50 %
/// indirect`.
pub fn stake_percent(stake: &Stake) -> String {
    let share = stake.share.as_deref();
    let mut text = match &stake.interest {
        Interest::Shares => share_percent(share),
        Interest::Votes => format!("{} votes", share_percent(share)),
        other => match share {
            Some(_) if other.takes_share() => {
                format!("{} {}", share_percent(share), interest_kind(other))
            }
            _ => interest_kind(other),
        },
    };
    if stake.indirect {
        text.push_str(&format!(" {INDIRECT}"));
    }
    text
}

/// An identifier as one reads it: `LEI 5493006MHB84DD0ZWV18`; safe to show.
pub fn identifier(identifier: &Identifier) -> String {
    sanitize(&format!("{} {}", identifier.scheme, identifier.id)).into_owned()
}

/// What a beneficial owner is called where the look-through names the people it ends at.
pub const BENEFICIAL_OWNER: &str = "beneficial owner";

/// A vocabulary word as words: `business_unit` → `business unit`; safe to show.
fn spaced(word: &str) -> String {
    sanitize(&word.replace('_', " ")).into_owned()
}

/// What an entity is, in words: `business unit`.
pub fn entity_kind(kind: &EntityKind) -> String {
    spaced(kind.as_str())
}

/// When a fact holds, in words: `since 2015-10-02`, `until 2015-10-01`,
/// `2015-10-02 → 2017-08-31`, or `always` for a fact without dates.
pub fn period(period: crate::model::Period) -> String {
    match (period.start, period.end) {
        (None, None) => "always".to_owned(),
        _ => period.to_string(),
    }
}

/// Why an entity is shown above its parent: `(under its parent's place: Alphabet did not exist
/// then)`; safe to show.
pub fn lifted(parent: &str) -> String {
    format!("(its parent {} did not exist then)", sanitize(parent))
}

/// The tree's mark on an entity shown above its parent: `↑ Alphabet not at this date`; safe
/// to show.
pub fn lifted_mark(parent: &str) -> String {
    format!("↑ {} not at this date", sanitize(parent))
}

/// What happened, in words: `leadership change`.
pub fn event_kind(kind: &EventKind) -> String {
    spaced(kind.as_str())
}

/// A relation read from its `from` side: `hosts`, `client of`.
pub fn relation(kind: &RelationKind) -> String {
    let words = match kind {
        RelationKind::Hosts => "hosts",
        RelationKind::MergedInto => "merged into",
        RelationKind::Successor => "successor of",
        RelationKind::Competitor => "competitor of",
        RelationKind::Partner => "partner of",
        RelationKind::Supplier => "supplier of",
        RelationKind::ClientOf => "client of",
        RelationKind::MemberOf => "member of",
        RelationKind::Other(word) => return spaced(word),
    };
    words.to_owned()
}

/// A relation read from its `to` side: `hosted by`, `supplier of` (for `client_of`).
pub fn relation_backward(kind: &RelationKind) -> String {
    let words = match kind {
        RelationKind::Hosts => "hosted by",
        RelationKind::MergedInto => "absorbed",
        RelationKind::Successor => "predecessor of",
        RelationKind::Competitor => "competitor of",
        RelationKind::Partner => "partner of",
        RelationKind::Supplier => "client of",
        RelationKind::ClientOf => "supplier of",
        RelationKind::MemberOf => "has member",
        RelationKind::Other(word) => return format!("{} (reverse)", spaced(word)),
    };
    words.to_owned()
}

/// Whether a value reads as a plain percentage: written as one, or a fraction whose percentage
/// with one decimal is exact (`1/2` is `50 %`; `4/9` is not `44.4 %`).
fn plain_percent(v: &ShareValue) -> bool {
    v.notation == Notation::Percent || share::percent_is_exact(v.value)
}

/// A value as its source wrote it: `47 %`, `4/9`, `1`.
fn written(v: &ShareValue) -> String {
    match v.notation {
        Notation::Percent => format!("{} %", share::percent(v.value)),
        Notation::Fraction if v.value.is_integer() => v.value.numer().to_string(),
        Notation::Fraction => format!("{}/{}", v.value.numer(), v.value.denom()),
    }
}

/// A share as its source wrote it, with the percentage beside a fraction: `4/9 (44.4 %)`,
/// `47 %`, `20–25 %`, `1/4–1/3 (25–33.3 %)`.
pub fn share(share: &Share) -> String {
    match share {
        Share::Exact(v) if plain_percent(v) => format!("{} %", share::percent(v.value)),
        Share::Exact(v) => format!("{} ({} %)", written(v), share::percent(v.value)),
        Share::Range {
            low,
            high,
            low_open,
            high_open,
        } if *low_open || *high_open => bounded(
            &share::percent(low.value),
            &share::percent(high.value),
            *low_open,
            *high_open,
        ),
        Share::Range { low, high, .. } if plain_percent(low) && plain_percent(high) => {
            percent_range(&share::percent(low.value), &share::percent(high.value))
        }
        Share::Range { low, high, .. } => format!(
            "{}–{} ({})",
            written(low),
            written(high),
            percent_range(&share::percent(low.value), &share::percent(high.value))
        ),
    }
}

/// A share that may not be known: [`share`], or [`SHARE_UNKNOWN`].
pub fn share_or_unknown(value: Option<&Share>) -> String {
    value.map_or_else(|| SHARE_UNKNOWN.to_owned(), share)
}

/// A share in percentages only, for tight places: `44.4 %`, `20–25 %`, `>25–50 %`,
/// [`SHARE_UNKNOWN`].
pub fn share_percent(value: Option<&Share>) -> String {
    match value {
        None => SHARE_UNKNOWN.to_owned(),
        Some(s) if s.low() == s.high() => format!("{} %", share::percent(s.low())),
        Some(s) => marked_range(
            &share::percent(s.low()),
            &share::percent(s.high()),
            s.low_open(),
            s.high_open(),
        ),
    }
}

/// A range with an exclusive end, in words: `more than 25 % up to 50 %`, `more than 50 % and
/// less than 75 %`, `25 % to less than 50 %`.
pub fn bounded(low: &str, high: &str, low_open: bool, high_open: bool) -> String {
    match (low_open, high_open) {
        (true, true) => format!("more than {low} % and less than {high} %"),
        (true, false) => format!("more than {low} % up to {high} %"),
        (false, true) => format!("{low} % to less than {high} %"),
        (false, false) => percent_range(low, high),
    }
}

/// A range with its exclusive ends marked, for tight places: `>25–50 %`, `>50–<75 %`.
fn marked_range(low: &str, high: &str, low_open: bool, high_open: bool) -> String {
    let more = if low_open { ">" } else { "" };
    let less = if high_open { "<" } else { "" };
    format!("{more}{low}–{less}{high} %")
}

/// A competing value of a field as written in the model: a share in words when the field is
/// `share` and the value reads as one, else the value itself, made safe.
pub fn competing_value(field: &str, value: &str) -> String {
    match value.parse::<Share>() {
        Ok(s) if field == "share" => share(&s),
        _ => sanitize(value).into_owned(),
    }
}

/// A range of two percentages, each already written: `20–25 %`.
pub fn percent_range(low: &str, high: &str) -> String {
    format!("{low}–{high} %")
}

/// A percentage rounded to a tenth: `44.4`.
pub fn big_percent(value: &BigRational) -> String {
    let tenths = (value * BigRational::from_integer(BigInt::from(1000))).round();
    let tenths = tenths.to_integer();
    let ten = BigInt::from(10);
    let (whole, rest) = (&tenths / &ten, &tenths % &ten);
    if rest.is_zero() {
        whole.to_string()
    } else {
        format!("{whole}.{rest}")
    }
}

/// A sum of shares, known between `low` and `high`: `100 %`, `95–100 %`.
pub fn total(low: &BigRational, high: &BigRational) -> String {
    if low == high {
        format!("{} %", big_percent(low))
    } else {
        percent_range(&big_percent(low), &big_percent(high))
    }
}

/// An interest known between `low` and `high`, exact when they are equal: `4/9 (44.4 %)`,
/// `20–25 %`, `≈ 90.9 %`.
pub fn interest(low: &BigRational, high: &BigRational) -> String {
    if low == high {
        let value = low;
        let p = big_percent(value);
        if value.is_integer() || is_short_decimal(value) {
            format!("{p} %")
        } else if value.denom() <= &num_bigint::BigInt::from(10_000) {
            // A small fraction is not nothing: `1/10000 (< 0.05 %)`, never `(0 %)`.
            let p = if p == "0" { "< 0.05".to_owned() } else { p };
            format!("{}/{} ({p} %)", value.numer(), value.denom())
        } else if p == "0" {
            "less than 0.05 %".to_owned()
        } else {
            format!("≈ {p} %")
        }
    } else {
        let (low, high) = (big_percent(low), big_percent(high));
        if low == high && low != "0" {
            format!("≈ {low} %")
        } else {
            percent_range(&low, &high)
        }
    }
}

/// An interest between `low` and `high`, where either end may be exclusive: [`interest`] when
/// neither is, else `more than 12.5 % up to 25 %`.
pub fn interest_bounded(
    low: &BigRational,
    high: &BigRational,
    low_open: bool,
    high_open: bool,
) -> String {
    if !low_open && !high_open {
        return interest(low, high);
    }
    let (low_text, high_text) = (big_percent(low), big_percent(high));
    // Rounded to a tenth, an exclusive end would read as if it were reached: say so.
    let near = |v: &BigRational, t: &str| {
        if is_short_decimal(v) {
            t.to_owned()
        } else {
            format!("≈ {t}")
        }
    };
    bounded(
        &near(low, &low_text),
        &near(high, &high_text),
        low_open,
        high_open,
    )
}

/// Whether the value is exactly a percentage with at most one decimal.
fn is_short_decimal(value: &BigRational) -> bool {
    (value * BigRational::from_integer(1000.into())).is_integer()
}

/// An amount of money: `EUR 100M`, `USD 1.5bn`, `12500`.
pub fn amount(value: f64, currency: Option<&str>) -> String {
    let number = if value >= 1e9 {
        format!("{}bn", trim(value / 1e9))
    } else if value >= 1e6 {
        format!("{}M", trim(value / 1e6))
    } else {
        trim(value)
    };
    match currency {
        Some(c) => format!("{} {number}", sanitize(c)),
        None => number,
    }
}

/// A number with at most two decimals and no trailing zeros.
fn trim(value: f64) -> String {
    let text = format!("{value:.2}");
    text.trim_end_matches('0').trim_end_matches('.').to_owned()
}

/// Nouns whose plural is not made by a rule.
const IRREGULAR: &[(&str, &str)] = &[("person", "people"), ("child", "children")];

/// The plural of a noun the tool counts: `warning` → `warnings`, `entity` → `entities`,
/// `match` → `matches`, `person` → `people`.
pub fn plural(noun: &str) -> String {
    if let Some((_, many)) = IRREGULAR.iter().find(|(one, _)| *one == noun) {
        return (*many).to_owned();
    }
    let consonant_y = noun
        .strip_suffix('y')
        .filter(|stem| !stem.ends_with(['a', 'e', 'i', 'o', 'u']));
    if let Some(stem) = consonant_y {
        format!("{stem}ies")
    } else if ["s", "x", "z", "ch", "sh"]
        .iter()
        .any(|end| noun.ends_with(end))
    {
        format!("{noun}es")
    } else {
        format!("{noun}s")
    }
}

/// A count and its noun, singular for one: `1 warning`, `2 warnings`, `0 errors`.
pub fn count(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {}", plural(noun))
    }
}

/// How often a word is used, said of its first use: `used once`, `used 3 times, first here`.
pub fn used(n: usize) -> String {
    if n == 1 {
        "used once".to_owned()
    } else {
        format!("used {n} times, first here")
    }
}

/// A subtree's counts as a tree row shows them, compact: `42p·12u` for 42 people and 12 units
/// under an entity (itself included for people), a part left out when it is zero; `None` when
/// both are.
pub fn headcount_compact(people: u32, units: u32) -> Option<String> {
    match (people, units) {
        (0, 0) => None,
        (p, 0) => Some(format!("{p}p")),
        (0, u) => Some(format!("{u}u")),
        (p, u) => Some(format!("{p}p·{u}u")),
    }
}

/// How the help reads the compact counts of a tree row.
pub const HEADCOUNT_LEGEND: &str = "A row ending in 42p·12u: 42 people and 12 units in its subtree";

/// What the tree's marks mean, for the help: one line each.
pub const TREE_MARKS: [&str; 5] = [
    "▶  the selected row         ▸ ▾  folded, unfolded",
    "*  changed since the previous event (at the date shown)",
    "+  something folded inside it changed",
    "dimmed: does not exist at the date (D hides or dims such rows)",
    "· Orange 44.4 %, …: its owners, when others than its parent hold it",
];

#[cfg(test)]
mod tests {
    use super::*;

    fn s(text: &str) -> Share {
        text.parse().unwrap()
    }

    fn q(n: u64, d: u64) -> BigRational {
        BigRational::new(n.into(), d.into())
    }

    #[test]
    fn kinds_are_words() {
        assert_eq!(entity_kind(&EntityKind::BusinessUnit), "business unit");
        assert_eq!(entity_kind(&EntityKind::Group), "group");
        assert_eq!(entity_kind(&EntityKind::Position), "position");
        assert_eq!(entity_kind(&EntityKind::Unit), "unit");
        assert_eq!(
            entity_kind(&EntityKind::from_word("joint_venture")),
            "joint venture"
        );
        assert_eq!(entity_kind(&EntityKind::from_word("co_op")), "co op");
        assert_eq!(
            event_kind(&EventKind::LeadershipChange),
            "leadership change"
        );
        assert_eq!(event_kind(&EventKind::CapitalChange), "capital change");
        assert_eq!(relation(&RelationKind::ClientOf), "client of");
        assert_eq!(relation_backward(&RelationKind::ClientOf), "supplier of");
        assert_eq!(relation(&RelationKind::from_word("spun_off")), "spun off");
        assert_eq!(
            relation_backward(&RelationKind::from_word("spun_off")),
            "spun off (reverse)"
        );
    }

    #[test]
    fn words_from_the_model_are_safe() {
        assert_eq!(
            entity_kind(&EntityKind::from_word("a\u{1b}[31m")),
            "a\\u{1b}[31m"
        );
        assert_eq!(
            relation(&RelationKind::from_word("x\u{202e}")),
            "x\\u{202e}"
        );
        assert_eq!(amount(5.0, Some("\u{7}EUR")), "\\u{7}EUR 5");
        assert_eq!(competing_value("title", "CEO\n"), "CEO\\n");
    }

    #[test]
    fn shares_read_as_written_with_percent_beside_fractions() {
        assert_eq!(share(&s("4/9")), "4/9 (44.4 %)");
        assert_eq!(share(&s("1/3")), "1/3 (33.3 %)");
        assert_eq!(share(&s("1/2")), "50 %");
        assert_eq!(share(&s("1")), "100 %");
        assert_eq!(share(&s("47%")), "47 %");
        assert_eq!(share(&s("44.4%")), "44.4 %");
    }

    #[test]
    fn ranges_have_one_spelling() {
        assert_eq!(share(&s("20%..25%")), "20–25 %");
        assert_eq!(share(&s("1/5..1/4")), "20–25 %");
        assert_eq!(share(&s("1/4..1/3")), "1/4–1/3 (25–33.3 %)");
        assert_eq!(share(&s("0..1/3")), "0–1/3 (0–33.3 %)");
        assert_eq!(share(&s("1/3..40%")), "1/3–40 % (33.3–40 %)");
        assert_eq!(share_percent(Some(&s("20%..25%"))), "20–25 %");
        assert_eq!(share_percent(Some(&s("4/9"))), "44.4 %");
        assert_eq!(total(&q(19, 20), &q(1, 1)), "95–100 %");
        assert_eq!(total(&q(1, 1), &q(1, 1)), "100 %");
        assert_eq!(interest(&q(1, 5), &q(1, 4)), "20–25 %");
    }

    #[test]
    fn exclusive_ends_read_in_words() {
        assert_eq!(share(&s(">25%..50%")), "more than 25 % up to 50 %");
        assert_eq!(share(&s(">50%..<75%")), "more than 50 % and less than 75 %");
        assert_eq!(share(&s("25%..<1/2")), "25 % to less than 50 %");
        assert_eq!(share_percent(Some(&s(">25%..50%"))), ">25–50 %");
        assert_eq!(share_percent(Some(&s(">50%..<75%"))), ">50–<75 %");
        assert_eq!(
            interest_bounded(&q(1, 8), &q(1, 4), true, false),
            "more than 12.5 % up to 25 %"
        );
        assert_eq!(
            interest_bounded(&q(1, 3), &q(1, 2), true, true),
            "more than ≈ 33.3 % and less than 50 %"
        );
        assert_eq!(
            interest_bounded(&q(1, 5), &q(1, 4), false, false),
            "20–25 %"
        );
    }

    #[test]
    fn interests_and_identifiers_are_safe_words() {
        assert_eq!(
            interest_kind(&Interest::BeneficiaryOfTrust),
            "beneficiary of trust"
        );
        assert_eq!(
            interest_kind(&Interest::from_word("x\u{202e}")),
            "x\\u{202e}"
        );
        let id = Identifier {
            scheme: "LEI\u{1b}".into(),
            id: "5493\n".into(),
        };
        assert_eq!(identifier(&id), "LEI\\u{1b} 5493\\n");
    }

    #[test]
    fn stakes_say_their_interest() {
        let stake = |yaml: &str| -> Stake {
            serde_saphyr::from_str(&format!("{{owner: a, owned: b, {yaml}}}")).unwrap()
        };
        assert_eq!(self::stake(&stake("share: 40%")), "40 %");
        assert_eq!(
            self::stake(&stake("share: 60%, interest: votes")),
            "60 % of votes"
        );
        assert_eq!(self::stake(&stake("interest: trustee")), "trustee");
        assert_eq!(
            self::stake(&stake("share: 1/2, interest: beneficiary_of_trust")),
            "50 % as beneficiary of trust"
        );
        assert_eq!(
            self::stake(&stake("share: '>25%..50%', indirect: true")),
            "more than 25 % up to 50 % (indirect)"
        );
        assert_eq!(
            stake_percent(&stake("share: '>25%..50%', indirect: true")),
            ">25–50 % indirect"
        );
        assert_eq!(
            stake_percent(&stake("share: 60%, interest: votes")),
            "60 % votes"
        );
        assert_eq!(self::stake(&stake("interest: \"x\\u202e\"")), "x\\u{202e}");
    }

    #[test]
    fn an_unknown_share_has_one_spelling() {
        assert_eq!(share_or_unknown(None), "share unknown");
        assert_eq!(share_percent(None), "share unknown");
        assert_eq!(share_or_unknown(Some(&s("4/9"))), "4/9 (44.4 %)");
    }

    #[test]
    fn interests_say_how_exact_they_are() {
        let exact = |n, d| interest(&q(n, d), &q(n, d));
        assert_eq!(exact(4, 9), "4/9 (44.4 %)");
        assert_eq!(exact(3, 10), "30 %");
        assert_eq!(exact(1, 100_000), "less than 0.05 %");
        assert_eq!(exact(1, 9999), "1/9999 (< 0.05 %)");
        assert_eq!(exact(10, 11_111), "≈ 0.1 %");
        assert_eq!(interest(&q(909, 1000), &q(9091, 10_000)), "≈ 90.9 %");
    }

    #[test]
    fn amounts_are_compact() {
        assert_eq!(amount(100_000_000.0, Some("EUR")), "EUR 100M");
        assert_eq!(amount(1_500_000_000.0, Some("USD")), "USD 1.5bn");
        assert_eq!(amount(12_500.0, None), "12500");
        assert_eq!(amount(0.5, None), "0.5");
    }

    #[test]
    fn counts_are_singular_for_one() {
        assert_eq!(count(1, "warning"), "1 warning");
        assert_eq!(count(2, "warning"), "2 warnings");
        assert_eq!(count(0, "error"), "0 errors");
        assert_eq!(count(1, "entity"), "1 entity");
        assert_eq!(count(3, "entity"), "3 entities");
        assert_eq!(count(2, "match"), "2 matches");
        assert_eq!(count(2, "person"), "2 people");
        assert_eq!(count(2, "level"), "2 levels");
        assert_eq!(count(2, "day"), "2 days");
        assert_eq!(count(2, "box"), "2 boxes");
    }
}
