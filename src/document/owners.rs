//! Who owns an entity, in the detail pane: the cap table at the date (exact shares, bars, an
//! exact total) and the stakes of other dates, then the owners in the end, looking through every
//! chain of stakes, with what bounds their answer, and who controls it.

use unicode_width::UnicodeWidthStr;

use crate::model::{Interest, Note, share};
use crate::org::{EntityId, Holder, StakeView};
use crate::ownership;
use crate::words;
use num_rational::BigRational;

use super::{BAR, Builder, Context, Tone, also_reported, bar, bar_between, pad, share_text};

/// One cap-table line: owner, exact share, bar, amount, on whose behalf, sources.
fn stake_line<'a>(
    b: &mut Builder<'a>,
    view: &StakeView<'a>,
    name_width: usize,
    with_period: bool,
    look: Tone,
) {
    let org = b.org;
    let s = view.stake;
    let share = share_text(s);
    let name = org.holder_name_or(view.owner, &s.owner, b.day());
    b.text("  ").holder_end(view.owner, &s.owner).styled(
        format!(
            "{} {} {}",
            " ".repeat(name_width.saturating_sub(name.width())),
            pad(&super::wrap::unbroken(&share), 14),
            bar(s.share.as_ref().map(|sh| &sh.value))
        ),
        look,
    );
    if let Some(a) = s.amount {
        b.styled(
            format!(" {}", words::amount(a, s.currency.as_deref())),
            look,
        );
    }
    if let Some(behalf) = &s.on_behalf_of {
        b.styled(" for ", look)
            .holder_end(view.on_behalf_of, behalf);
    }
    if with_period {
        b.styled(format!(" ({})", s.period()), look);
    }
    b.cite(&s.sources);
    also_reported(b, &s.competing, "share");
    b.end();
}

/// The cap table at the date, and the stakes of other dates; returns the first owner's link.
pub(super) fn owners<'a>(
    cx: &Context<'a>,
    id: EntityId,
    when: &str,
    b: &mut Builder<'a>,
) -> Option<usize> {
    let org = cx.org;
    let stakes: Vec<StakeView<'a>> = org.stakes_in(id).collect();
    if stakes.is_empty() {
        return None;
    }
    let name_width = stakes
        .iter()
        .map(|s| org.holder_name_or(s.owner, &s.stake.owner, cx.day).width())
        .max()
        .unwrap_or(0)
        .min(24);
    let (current, other): (Vec<_>, Vec<_>) = stakes
        .into_iter()
        .partition(|s| org.stake_in_force(s, cx.day));
    let mut first_owner = None;
    if !current.is_empty() {
        b.heading(format!("Owners {when}"));
        first_owner = Some(b.targets.len());
        for s in &current {
            stake_line(b, s, name_width, false, Tone::Plain);
        }
        // Shares and votes are totalled apart; declared indirect interests are not counted.
        for (interest, label) in [(Interest::Shares, "total"), (Interest::Votes, "votes")] {
            let counted: Vec<_> = current
                .iter()
                .filter(|s| s.counts() && s.stake.interest == interest)
                .collect();
            // Summed as big rationals: shares with large denominators overflow any fixed width.
            let sum = |end: fn(&share::Share) -> share::Fraction| -> Option<BigRational> {
                counted
                    .iter()
                    .map(|s| s.stake.share.as_ref().map(|sh| share::big(end(sh))))
                    .sum()
            };
            if counted.is_empty() {
                continue;
            }
            if let (Some(low), Some(high)) = (sum(share::Share::low), sum(share::Share::high)) {
                // A band's exclusive end makes the total's exclusive too: more than 85 %.
                let low_open = counted
                    .iter()
                    .any(|s| s.stake.share.as_ref().is_some_and(|sh| sh.low_open()));
                let high_open = counted
                    .iter()
                    .any(|s| s.stake.share.as_ref().is_some_and(|sh| sh.high_open()));
                let total = if low_open || high_open {
                    words::interest_bounded(&low, &high, low_open, high_open)
                } else {
                    words::total(&low, &high)
                };
                b.styled(format!("  {} {total}", pad(label, name_width)), Tone::Dim)
                    .end();
            }
        }
        // Stakes sold together often carry the same note: say it once, naming whose stakes.
        let mut notes: Vec<(&'a Note, Vec<String>)> = Vec::new();
        for s in &current {
            for note in &s.stake.notes {
                let owner = org.holder_name_or(s.owner, &s.stake.owner, cx.day);
                match notes.iter_mut().find(|(n, _)| n.text == note.text) {
                    Some((_, owners)) => owners.push(owner),
                    None => notes.push((note, vec![owner])),
                }
            }
        }
        for (note, owners) in notes {
            b.prose(
                &format!("  • {}: ", owners.join(", ")),
                &note.text,
                Tone::Dim,
            )
            .cite(&note.sources)
            .end();
        }
    }
    if !other.is_empty() {
        b.heading("Owners at other dates");
        if first_owner.is_none() {
            first_owner = Some(b.targets.len());
        }
        for s in &other {
            stake_line(b, s, name_width, true, Tone::Dim);
        }
    }
    first_owner
}

/// One ultimate owner per line: name, interest, bar, what it came through, and whether it is
/// a natural person (a beneficial owner).
fn owner_lines(b: &mut Builder<'_>, owners: &[ownership::EffectiveOwner]) {
    let org = b.org;
    let name_width = owners
        .iter()
        .map(|o| org.holder_name_or(Some(o.id), "", b.day()).width())
        .max()
        .unwrap_or(0)
        .min(24);
    for o in owners {
        let name = org.holder_name_or(Some(o.id), "", b.day());
        let interest = o.interest.words();
        let low = bounds_cells(&o.interest.low);
        let high = bounds_cells(&o.interest.high);
        b.text("  ").holder_end(Some(o.id), "").text(format!(
            "{} {} {}",
            " ".repeat(name_width.saturating_sub(name.width())),
            pad(&interest, 14),
            bar_between(low, high)
        ));
        for (i, &v) in o.via.iter().enumerate() {
            b.styled(if i == 0 { " via " } else { ", " }, Tone::Dim)
                .holder_end(Some(v), "");
        }
        if matches!(o.id, Holder::Person(_)) {
            b.styled(format!(" · {}", words::BENEFICIAL_OWNER), Tone::Dim);
        }
        b.end();
    }
}

/// Who owns the entity in the end, looking through every chain of stakes, and who controls it.
pub(super) fn effective(cx: &Context<'_>, id: EntityId, when: &str, b: &mut Builder<'_>) {
    let org = cx.org;
    if org.owners_at(id, cx.day).next().is_none() {
        return;
    }
    let e = cx.cache.effective(org, id, cx.day);
    b.heading(format!("Effective owners {when}"));
    owner_lines(b, &e.owners);
    if !e.unrecorded.is_zero() {
        b.styled(
            format!("  holders not recorded: {}", e.unrecorded.words()),
            Tone::Dim,
        )
        .end();
    }
    if !e.circling.is_zero() {
        let why = match e.stopped {
            Some(ownership::Stop::Work) => "not followed further (the step bound was reached)",
            Some(ownership::Stop::Time) => "not followed further (the time bound was reached)",
            _ => "still circling in cross-holdings",
        };
        b.styled(format!("  {why}: up to {}", e.circling.words()), Tone::Dim)
            .end();
    }
    if e.approximate {
        b.styled(
            "  approximate: fractions too long to keep were rounded outward",
            Tone::Dim,
        )
        .end();
    }
    if e.unknown_shares {
        b.styled("  some shares are unknown: interests are ranges", Tone::Dim)
            .end();
    }
    // Where votes are given and they tell another story than the capital: control by votes.
    let votes = cx.cache.control(org, id, cx.day);
    if votes.owners != e.owners {
        b.heading(format!("Control by votes {when}"));
        owner_lines(b, &votes.owners);
    }
    let control = ownership::control_chain(org, id, cx.day);
    b.text("  Control: ");
    for (i, &holder) in control.chain.iter().enumerate() {
        if i > 0 {
            b.text(" → ");
        }
        b.holder_end(Some(holder), "");
    }
    if control.cut {
        b.styled(
            format!(" → … (more than {} holders)", ownership::MAX_CONTROL_CHAIN),
            Tone::Dim,
        );
    }
    match (control.chain.is_empty(), control.undetermined) {
        (true, false) => {
            b.styled("no majority holder", Tone::Dim);
        }
        (_, true) => {
            let then = if control.chain.is_empty() {
                ""
            } else {
                " → "
            };
            b.styled(
                format!("{then}undetermined (a share is unknown or a range)"),
                Tone::Dim,
            );
        }
        (false, false) => {}
    }
    b.end();
}

fn bounds_cells(value: &num_rational::BigRational) -> usize {
    use num_traits::ToPrimitive;
    let f = value.to_f64().unwrap_or(0.0).clamp(0.0, 1.0);
    (f * BAR as f64).round().to_usize().unwrap_or(0).min(BAR)
}
