//! Stakes that add up: the shares held in an entity at any one date come to at most 100 %, and
//! so do the votes, each counted on its own; declared indirect interests are not counted, since
//! the direct holdings they sum up are.

use super::*;

/// The first day a stake holds, `None` for "since the beginning".
pub(super) fn first_day(stake: &Stake) -> Option<Day> {
    stake.start.as_ref().map(|d| d.first_day())
}

/// For each entity, the first date at which its stakes in force add up to more than 100 %.
pub(super) fn stake_sums(org: &Org, diagnostics: &mut Vec<Diagnostic>) {
    // Wide enough that sums of shares with large denominators rarely overflow; when they do,
    // the problem is reported rather than guessed at.
    type Wide = Ratio<u128>;
    let whole = Wide::from_integer(1);
    let wide = |f: share::Fraction| Wide::new_raw(u128::from(*f.numer()), u128::from(*f.denom()));

    for (id, interest) in org
        .entity_ids()
        .flat_map(|id| [(id, Interest::Shares), (id, Interest::Votes)])
    {
        let stakes: Vec<(&Stake, &At<Share>)> = org
            .stakes_in(id)
            .filter(|s| s.counts() && s.stake.interest == interest)
            .map(|s| s.stake)
            // A reversed period is reported by `periods`; it holds on no day.
            .filter(|s| !s.period().is_reversed())
            .filter_map(|s| s.share.as_ref().map(|share| (s, share)))
            .collect();
        if stakes.len() < 2 {
            continue;
        }
        // Sweep the dates where stakes begin and end: starts before ends on the same day, since
        // periods include both of their ends.
        let mut changes: Vec<(Option<Day>, bool, usize)> = Vec::with_capacity(stakes.len() * 2);
        for (i, (s, _)) in stakes.iter().enumerate() {
            changes.push((first_day(s), false, i));
            if let Some(end) = &s.end {
                changes.push((Some(end.last_day()), true, i));
            }
        }
        changes.sort_by_key(|&(day, ends, _)| (day, ends));
        let mut in_force = vec![false; stakes.len()];
        let mut sum = Wide::from_integer(0);
        for (day, ends, i) in changes {
            let share = wide(stakes[i].1.low());
            if ends {
                in_force[i] = false;
                // Every end follows its own start in the sweep, so this cannot go below zero.
                sum = if sum >= share {
                    sum - share
                } else {
                    Wide::from_integer(0)
                };
                continue;
            }
            in_force[i] = true;
            let Some(total) = num_traits_add(sum, share) else {
                diagnostics.push(
                    Diagnostic::error(
                        stakes[i].1.pos,
                        format!(
                            "the shares in `{}` cannot be added up exactly",
                            org.entity(id).id.value
                        ),
                    )
                    .with_help("write these shares with smaller denominators"),
                );
                break;
            };
            sum = total;
            if sum > whole {
                let holders: Vec<String> = stakes
                    .iter()
                    .zip(&in_force)
                    .filter(|(_, on)| **on)
                    .map(|((s, share), _)| {
                        format!("{} {}", s.owner.value, crate::words::share(share))
                    })
                    .collect();
                let when = day.map_or_else(|| "from the start".to_owned(), |d| format!("on {d}"));
                let percent = share::percent(share::Fraction::new_raw(
                    u64::try_from(*sum.numer()).unwrap_or(u64::MAX),
                    u64::try_from(*sum.denom()).unwrap_or(1),
                ));
                let percent =
                    if u64::try_from(*sum.numer()).is_ok() && u64::try_from(*sum.denom()).is_ok() {
                        format!("{percent} %")
                    } else {
                        "more than 100 %".to_owned()
                    };
                diagnostics.push(
                    Diagnostic::error(
                        stakes[i].1.pos,
                        format!(
                            "{} in `{}` add up to {} {} ({})",
                            if interest == Interest::Votes { "votes" } else { "stakes" },
                            org.entity(id).id.value,
                            percent,
                            when,
                            holders.join(", ")
                        ),
                    )
                    .with_help(
                        "give the stakes that were replaced an `end` before the new ones `start` (periods include both ends)",
                    ),
                );
                break;
            }
        }
    }
}

/// A share on an interest that carries none (a trustee, a board seat) is an error: it would
/// read as a holding that the model does not mean.
pub(super) fn shares_of_positions(org: &Org, diagnostics: &mut Vec<Diagnostic>) {
    for s in &org.model.stakes {
        if let Some(share) = &s.share
            && !s.interest.takes_share()
        {
            diagnostics.push(
                Diagnostic::error(
                    share.pos,
                    format!("a `{}` interest carries no share", s.interest.as_str()),
                )
                .with_help("remove `share`, or make the interest `shares` or `votes`"),
            );
        }
    }
}

pub(super) fn num_traits_add(a: Ratio<u128>, b: Ratio<u128>) -> Option<Ratio<u128>> {
    use num_traits::CheckedAdd;
    a.checked_add(&b)
}
