//! The detail pane: everything the model says about the selected entity — what it is, who leads
//! it, who owns it (a cap table with bars and exact shares), what it holds, its relations,
//! events, notes, competing values, attributes — and the sources of it all, numbered.

use std::fmt::Write as _;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;
use unicode_width::UnicodeWidthStr;

use crate::app::App;
use crate::model::{Competing, Ref, Share, Stake, share};
use crate::org::{EntityId, Org};

use super::style;
use super::text::{Para, safe, wrap};

/// Width of an ownership bar, in cells.
const BAR: usize = 20;

/// The sources cited in the pane, numbered in the order they are first cited.
struct Citations<'a> {
    org: &'a Org,
    cited: Vec<&'a str>,
}

impl<'a> Citations<'a> {
    /// ` [1][2]` for these sources, or nothing when there are none.
    fn cite(&mut self, refs: &'a [Ref]) -> String {
        let mut out = String::new();
        for r in refs {
            let n = match self.cited.iter().position(|c| *c == r.value) {
                Some(i) => i + 1,
                None => {
                    self.cited.push(&r.value);
                    self.cited.len()
                }
            };
            if out.is_empty() {
                out.push(' ');
            }
            let _ = write!(out, "[{n}]");
        }
        out
    }

    fn lines(&self) -> Vec<Line<'static>> {
        let mut lines = Vec::new();
        for (i, id) in self.cited.iter().enumerate() {
            let mut text = format!("[{}] ", i + 1);
            match self.org.find_source(id).map(|s| self.org.source(s)) {
                Some(source) => {
                    let _ = write!(
                        text,
                        "{}, “{}”",
                        safe(&source.publisher),
                        safe(&source.title)
                    );
                    if let Some(date) = &source.date {
                        let _ = write!(text, ", {}", date.value);
                    }
                    if let Some(note) = &source.note {
                        let _ = write!(text, " — {}", safe(note));
                    }
                    if let Some(url) = &source.url {
                        let _ = write!(text, " <{}>", safe(url));
                    }
                }
                None => text.push_str(&safe(id)),
            }
            lines.push(Line::raw(text));
        }
        lines
    }
}

fn name(org: &Org, r: &str) -> String {
    org.find_entity(r)
        .map_or_else(|| safe(r), |id| safe(&org.entity(id).name))
}

fn person_name(org: &Org, r: &str) -> String {
    org.find_person(r)
        .map_or_else(|| safe(r), |id| safe(&org.person(id).name))
}

/// `EUR 100M`, `USD 1.5bn`, `12,500`.
fn amount(value: f64, currency: Option<&str>) -> String {
    let number = if value >= 1e9 {
        format!("{}bn", trim(value / 1e9))
    } else if value >= 1e6 {
        format!("{}M", trim(value / 1e6))
    } else {
        trim(value)
    };
    match currency {
        Some(c) => format!("{} {number}", safe(c)),
        None => number,
    }
}

/// A number with at most two decimals and no trailing zeros.
fn trim(value: f64) -> String {
    let text = format!("{value:.2}");
    text.trim_end_matches('0').trim_end_matches('.').to_owned()
}

/// `████████░░░░` for a share; a range shows its uncertain part as `▒`.
fn bar(share: Option<&Share>) -> String {
    let cells = |f: share::Fraction| {
        let (n, d) = (u128::from(*f.numer()), u128::from(*f.denom()));
        usize::try_from((n * BAR as u128 * 2 + d) / (2 * d))
            .unwrap_or(BAR)
            .min(BAR)
    };
    match share {
        None => "?".repeat(BAR),
        Some(s) => {
            let (low, high) = (cells(s.low()), cells(s.high()));
            format!(
                "{}{}{}",
                "█".repeat(low),
                "▒".repeat(high - low),
                "░".repeat(BAR - high)
            )
        }
    }
}

fn heading(text: impl Into<String>) -> Line<'static> {
    Line::styled(text.into(), style::heading())
}

fn pad(text: &str, width: usize) -> String {
    format!("{text}{}", " ".repeat(width.saturating_sub(text.width())))
}

/// Other values of `field` in `competing`, as ` (also reported: 46 % [3])`.
fn also_reported<'a>(
    competing: &'a [Competing],
    field: &str,
    citations: &mut Citations<'a>,
) -> String {
    let others: Vec<String> = competing
        .iter()
        .filter(|c| c.field.value == field)
        .map(|c| {
            let value = match c.value.parse::<Share>() {
                Ok(s) if field == "share" => s.to_string(),
                _ => safe(&c.value),
            };
            let cite = citations.cite(&c.sources);
            if cite.is_empty() {
                format!("{value} (source not named)")
            } else {
                format!("{value}{cite}")
            }
        })
        .collect();
    if others.is_empty() {
        String::new()
    } else {
        format!("; also reported: {}", others.join(", "))
    }
}

/// The pane's paragraphs, before wrapping.
#[derive(Default)]
struct Lines(Vec<Para>);

impl Lines {
    fn push(&mut self, line: Line<'static>) {
        self.0.push(Para::new(line));
    }

    fn push_hanging(&mut self, line: Line<'static>, hang: usize) {
        self.0.push(Para::with_hang(line, hang));
    }

    fn extend(&mut self, lines: impl IntoIterator<Item = Line<'static>>) {
        for line in lines {
            self.push(line);
        }
    }
}

/// The pane's paragraphs for the selected entity.
fn paragraphs(app: &App) -> Vec<Para> {
    match app.selected() {
        Some(id) => entity_lines(app, id).0,
        None => vec![Para::new(Line::raw("The model has no entities."))],
    }
}

/// The pane's lines, wrapped to `width`.
pub fn lines(app: &App, width: u16) -> Vec<Line<'static>> {
    wrap(&paragraphs(app), width.into())
}

fn entity_lines(app: &App, id: EntityId) -> Lines {
    let org = &app.org;
    let e = org.entity(id);
    let mut c = Citations {
        org,
        cited: Vec::new(),
    };
    let mut out = Lines::default();
    let when = app
        .as_of
        .map_or_else(|| "now".to_owned(), |d| format!("at {d}"));

    // What it is.
    out.push(Line::from(vec![
        Span::styled(
            safe(&e.name),
            Style::new()
                .fg(style::kind_color(&e.kind))
                .add_modifier(Modifier::BOLD),
        ),
        Span::raw(c.cite(&e.sources)),
    ]));
    let mut facts = vec![safe(e.kind.as_str())];
    if let Some(d) = &e.founded {
        facts.push(format!("founded {}", d.value));
    }
    if let Some(d) = &e.dissolved {
        facts.push(format!("dissolved {}", d.value));
    }
    if let Some(parent) = org.parent(id) {
        facts.push(format!("part of {}", safe(&org.entity(parent).name)));
    }
    out.push(Line::styled(facts.join(" · "), style::dim()));
    if let Some(description) = &e.description {
        out.push(Line::raw(safe(description)));
    }
    if !e.other_names.is_empty() {
        let names: Vec<String> = e.other_names.iter().map(|n| safe(n)).collect();
        out.push(Line::raw(format!("Also known as: {}", names.join(", "))));
    }

    leaders(app, id, &when, &mut c, &mut out);
    owners(app, id, &when, &mut c, &mut out);
    holdings(app, id, &mut c, &mut out);

    let units: Vec<String> = org
        .children(id)
        .map(|u| safe(&org.entity(u).name))
        .collect();
    if !units.is_empty() {
        out.push(Line::default());
        out.push(heading(format!("Units ({})", units.len())));
        out.extend(units.into_iter().map(|u| Line::raw(format!("  {u}"))));
    }

    let relations: Vec<_> = org.relations_of(id).collect();
    if !relations.is_empty() {
        out.push(Line::default());
        out.push(heading("Relations"));
        for r in relations {
            let forward = org.find_entity(&r.from) == Some(id);
            let (verb, other) = if forward {
                (r.kind.forward().to_owned(), &r.to)
            } else {
                (r.kind.backward(), &r.from)
            };
            let mut text = format!("  {} {}", safe(&verb), name(org, other));
            let period = r.period().to_string();
            if !period.is_empty() {
                let _ = write!(text, " ({period})");
            }
            if let Some(d) = &r.description {
                let _ = write!(text, " — {}", safe(d));
            }
            text.push_str(&c.cite(&r.sources));
            out.push(Line::raw(text));
        }
    }

    let events: Vec<_> = org.events_of(id).collect();
    if !events.is_empty() {
        out.push(Line::default());
        out.push(heading("Events"));
        for ev in events {
            out.push_hanging(
                Line::from(vec![
                    Span::styled(
                        format!("  {:<10} ", ev.date.value.to_string()),
                        style::dim(),
                    ),
                    Span::raw(format!("{}{}", safe(&ev.description), c.cite(&ev.sources))),
                ]),
                13,
            );
        }
    }

    if !e.notes.is_empty() {
        out.push(Line::default());
        out.push(heading("Notes"));
        for note in &e.notes {
            out.push(Line::raw(format!(
                "  • {}{}",
                safe(&note.text),
                c.cite(&note.sources)
            )));
        }
    }

    if !e.competing.is_empty() {
        out.push(Line::default());
        out.push(heading("Competing values"));
        for comp in &e.competing {
            let mut text = format!(
                "  {}: {}{}",
                safe(&comp.field),
                safe(&comp.value),
                c.cite(&comp.sources)
            );
            if let Some(note) = &comp.note {
                let _ = write!(text, " — {}", safe(note));
            }
            out.push(Line::raw(text));
        }
    }

    if !e.attributes.is_empty() {
        out.push(Line::default());
        out.push(heading("Attributes"));
        for (key, value) in &e.attributes {
            out.push(Line::raw(format!("  {}: {}", safe(key), safe(value))));
        }
    }

    if !c.cited.is_empty() {
        out.push(Line::default());
        out.push(heading("Sources"));
        out.extend(c.lines());
    }
    out
}

fn leaders<'a>(app: &'a App, id: EntityId, when: &str, c: &mut Citations<'a>, out: &mut Lines) {
    let org = &app.org;
    let roles: Vec<_> = org.roles_in(id).collect();
    if roles.is_empty() {
        return;
    }
    let (current, other): (Vec<_>, Vec<_>) = roles
        .into_iter()
        .partition(|r| app.as_of.is_none_or(|d| r.period().contains(d)));
    for (title, list, style) in [
        (format!("Leaders {when}"), current, Style::new()),
        ("Other leaders".to_owned(), other, style::dim()),
    ] {
        if list.is_empty() {
            continue;
        }
        out.push(Line::default());
        out.push(heading(title));
        for r in list {
            let mut text = format!("  {} — {}", safe(&r.title), person_name(org, &r.person));
            if r.interim {
                text.push_str(" (interim)");
            }
            let period = r.period().to_string();
            if !period.is_empty() {
                let _ = write!(text, ", {period}");
            }
            text.push_str(&c.cite(&r.sources));
            text.push_str(&also_reported(&r.competing, "title", c));
            for note in &r.notes {
                let _ = write!(text, " · {}{}", safe(&note.text), c.cite(&note.sources));
            }
            out.push(Line::styled(text, style));
        }
    }
}

/// One cap-table line: owner, exact share, bar, amount, on whose behalf, sources.
fn stake_line<'a>(
    org: &Org,
    s: &'a Stake,
    name_width: usize,
    with_period: bool,
    c: &mut Citations<'a>,
) -> String {
    let share = s
        .share
        .as_ref()
        .map_or_else(|| "unknown".to_owned(), |sh| sh.value.to_string());
    let mut text = format!(
        "  {} {} {}",
        pad(&name(org, &s.owner), name_width),
        pad(&share, 14),
        bar(s.share.as_ref().map(|sh| &sh.value))
    );
    if let Some(a) = s.amount {
        let _ = write!(text, " {}", amount(a, s.currency.as_deref()));
    }
    if let Some(b) = &s.on_behalf_of {
        let _ = write!(text, " for {}", name(org, b));
    }
    if with_period {
        let _ = write!(text, " ({})", s.period());
    }
    text.push_str(&c.cite(&s.sources));
    text.push_str(&also_reported(&s.competing, "share", c));
    text
}

fn owners<'a>(app: &'a App, id: EntityId, when: &str, c: &mut Citations<'a>, out: &mut Lines) {
    let org = &app.org;
    let stakes: Vec<&Stake> = org.stakes_in(id).collect();
    if stakes.is_empty() {
        return;
    }
    let name_width = stakes
        .iter()
        .map(|s| name(org, &s.owner).width())
        .max()
        .unwrap_or(0)
        .min(24);
    let (current, other): (Vec<_>, Vec<_>) = stakes
        .into_iter()
        .partition(|s| app.as_of.is_none_or(|d| s.period().contains(d)));
    if !current.is_empty() {
        out.push(Line::default());
        out.push(heading(format!("Owners {when}")));
        for s in &current {
            out.push(Line::raw(stake_line(org, s, name_width, false, c)));
        }
        let known: Option<share::Fraction> = current
            .iter()
            .map(|s| s.share.as_ref().map(|sh| sh.low()))
            .sum();
        if let Some(total) = known {
            out.push(Line::styled(
                format!("  {} {} %", pad("total", name_width), share::percent(total)),
                style::dim(),
            ));
        }
        let mut shown: Vec<&str> = Vec::new();
        for s in &current {
            for note in &s.notes {
                // Stakes sold together often carry the same note: say it once.
                if shown.contains(&note.text.as_str()) {
                    continue;
                }
                shown.push(&note.text);
                out.push(Line::styled(
                    format!("  • {}{}", safe(&note.text), c.cite(&note.sources)),
                    style::dim(),
                ));
            }
        }
    }
    if !other.is_empty() {
        out.push(Line::default());
        out.push(heading("Owners at other dates"));
        for s in &other {
            let text = stake_line(org, s, name_width, true, c);
            out.push(Line::styled(text, style::dim()));
        }
    }
}

fn holdings<'a>(app: &'a App, id: EntityId, c: &mut Citations<'a>, out: &mut Lines) {
    let org = &app.org;
    let held: Vec<&Stake> = org.stakes_held(id).collect();
    if held.is_empty() {
        return;
    }
    out.push(Line::default());
    out.push(heading("Holds"));
    for s in held {
        let share = s
            .share
            .as_ref()
            .map_or_else(|| "share unknown".to_owned(), |sh| sh.value.to_string());
        let mut text = format!("  {} {share}", name(org, &s.owned));
        let period = s.period().to_string();
        if !period.is_empty() {
            let _ = write!(text, " ({period})");
        }
        text.push_str(&c.cite(&s.sources));
        let in_force = app.as_of.is_none_or(|d| s.period().contains(d));
        out.push(if in_force {
            Line::raw(text)
        } else {
            Line::styled(text, style::dim())
        });
    }
}

/// How many screen lines the pane's text takes at `width`.
pub fn line_count(app: &App, width: u16) -> usize {
    lines(app, width).len()
}

pub fn render(app: &App, area: Rect, buf: &mut Buffer) {
    let lines = lines(app, area.width);
    for (y, line) in (area.y..area.bottom()).zip(lines.iter().skip(app.detail_scroll)) {
        line.render(Rect::new(area.x, y, area.width, 1), buf);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bars_are_proportional() {
        let s: Share = "1/2".parse().unwrap();
        assert_eq!(
            bar(Some(&s)),
            format!("{}{}", "█".repeat(10), "░".repeat(10))
        );
        let r: Share = "20%..25%".parse().unwrap();
        assert_eq!(
            bar(Some(&r)),
            format!("{}{}{}", "█".repeat(4), "▒", "░".repeat(15))
        );
        assert_eq!(bar(None), "?".repeat(BAR));
    }

    #[test]
    fn amounts_are_compact() {
        assert_eq!(amount(100_000_000.0, Some("EUR")), "EUR 100M");
        assert_eq!(amount(1_500_000_000.0, Some("USD")), "USD 1.5bn");
        assert_eq!(amount(12_500.0, None), "12500");
    }
}
