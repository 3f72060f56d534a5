//! The detail pane: everything the model says about what is selected. For an entity: what it
//! is, what changed lately, who leads it, who owns it (a cap table with bars and exact shares)
//! and who owns it in the end, what it holds, its units, relations, events, notes, competing
//! values, attributes, and the sources of it all, numbered. For a person: their roles across the
//! model. For a source: every fact that cites it. Names and source numbers are links.

use std::fmt::Write as _;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;
use unicode_width::UnicodeWidthStr;

use crate::app::{App, Focus, Target};
use crate::history::{self, StakeChange};
use crate::model::{Competing, Note, Ref, Share, Stake, share};
use crate::org::{EntityId, Org, PersonId, SourceId};
use crate::ownership;

use super::style;
use super::text::{Para, Wrapped, safe, wrap};

/// Width of an ownership bar, in cells.
const BAR: usize = 20;
/// Columns left of the text for the link cursor.
const GUTTER: u16 = 1;

/// The pane's text, with its links and where they lead.
struct Content {
    paras: Vec<Para>,
    targets: Vec<Target>,
    first_owner: Option<usize>,
}

/// Builds the pane line by line.
struct Builder<'a> {
    org: &'a Org,
    paras: Vec<Para>,
    line: Vec<(Span<'static>, Option<usize>)>,
    targets: Vec<Target>,
    cited: Vec<SourceId>,
    unknown_cited: Vec<&'a str>,
    /// The link drawn as under the cursor.
    active: Option<usize>,
}

impl<'a> Builder<'a> {
    fn new(org: &'a Org, active: Option<usize>) -> Self {
        Builder {
            org,
            paras: Vec::new(),
            line: Vec::new(),
            targets: Vec::new(),
            cited: Vec::new(),
            unknown_cited: Vec::new(),
            active,
        }
    }

    fn text(&mut self, text: impl Into<String>) -> &mut Self {
        self.line.push((Span::raw(text.into()), None));
        self
    }

    fn styled(&mut self, text: impl Into<String>, style: Style) -> &mut Self {
        self.line.push((Span::styled(text.into(), style), None));
        self
    }

    /// A piece of text that leads to `target`.
    fn link(&mut self, text: impl Into<String>, target: Target) -> &mut Self {
        let n = self.targets.len();
        self.targets.push(target);
        let mut style = Style::new().add_modifier(Modifier::UNDERLINED);
        if self.active == Some(n) {
            style = style.add_modifier(Modifier::REVERSED);
        }
        self.line.push((Span::styled(text.into(), style), Some(n)));
        self
    }

    fn entity(&mut self, id: EntityId) -> &mut Self {
        let name = safe(&self.org.entity(id).name);
        self.link(name, Target::Entity(id))
    }

    /// An entity named by id: a link when it exists, the id otherwise.
    fn entity_ref(&mut self, r: &str) -> &mut Self {
        match self.org.find_entity(r) {
            Some(id) => self.entity(id),
            None => self.text(safe(r)),
        }
    }

    fn person_ref(&mut self, r: &str) -> &mut Self {
        match self.org.find_person(r) {
            Some(id) => {
                let name = safe(&self.org.person(id).name);
                self.link(name, Target::Person(id))
            }
            None => self.text(safe(r)),
        }
    }

    /// ` [1][2]`: the sources, numbered in the order the pane first cites them, and listed in
    /// that order.
    fn cite(&mut self, refs: &'a [Ref]) -> &mut Self {
        let mut numbers: Vec<(usize, SourceId)> = Vec::new();
        let mut unknown: Vec<&'a str> = Vec::new();
        for r in refs {
            match self.org.find_source(r) {
                Some(id) => {
                    let n = match self.cited.iter().position(|&c| c == id) {
                        Some(i) => i + 1,
                        None => {
                            self.cited.push(id);
                            self.cited.len()
                        }
                    };
                    numbers.push((n, id));
                }
                None => unknown.push(r),
            }
        }
        numbers.sort_unstable_by_key(|&(n, _)| n);
        numbers.dedup_by_key(|&mut (n, _)| n);
        if !numbers.is_empty() || !unknown.is_empty() {
            self.text(" ");
        }
        for (n, id) in numbers {
            self.link(format!("[{n}]"), Target::Source(id));
        }
        for r in unknown {
            self.unknown_cited.push(r);
            self.text(format!("[{}]", safe(r)));
        }
        self
    }

    /// Text that may hold line breaks: each line of it is a line of the pane, the later ones
    /// indented under the first; the last stays open for more pieces.
    fn prose(&mut self, prefix: &str, text: &str, style: Style) -> &mut Self {
        let indent = " ".repeat(prefix.width());
        for (i, line) in text.split('\n').enumerate() {
            if i > 0 {
                self.end();
            }
            let lead = if i == 0 { prefix } else { indent.as_str() };
            self.styled(
                format!("{lead}{}", safe(line.trim_end_matches('\r'))),
                style,
            );
        }
        self
    }

    /// Ends the line; continuation lines hang two columns past its indentation.
    fn end(&mut self) {
        let mut para = Para::new(Line::default());
        let lead = self.line.first().map_or(0, |(s, _)| {
            s.content.chars().take_while(|c| *c == ' ').count()
        });
        para.pieces = std::mem::take(&mut self.line);
        para.hang = lead + 2;
        self.paras.push(para);
    }

    /// Ends the line; continuation lines start at column `hang`.
    fn end_hanging(&mut self, hang: usize) {
        self.end();
        if let Some(p) = self.paras.last_mut() {
            p.hang = hang;
        }
    }

    fn blank(&mut self) {
        self.end();
    }

    fn heading(&mut self, text: impl Into<String>) {
        self.blank();
        self.styled(text, style::heading()).end();
    }

    /// `  • text [1]` for each note.
    fn notes(&mut self, notes: &'a [Note], style: Style) {
        for note in notes {
            self.prose("  • ", &note.text, style)
                .cite(&note.sources)
                .end();
        }
    }

    /// The sources cited so far, numbered; each line leads to its source.
    fn sources(&mut self) {
        if self.cited.is_empty() {
            return;
        }
        self.heading("Sources");
        for (i, &id) in self.cited.clone().iter().enumerate() {
            let s = self.org.source(id);
            let mut text = format!("{}, “{}”", safe(&s.publisher), safe(&s.title));
            if let Some(date) = &s.date {
                let _ = write!(text, ", {}", date.value);
            }
            self.text(format!("[{}] ", i + 1))
                .link(text, Target::Source(id));
            if let Some(note) = &s.note {
                self.styled(format!(" — {}", safe(note)), style::dim());
            }
            if let Some(url) = &s.url {
                self.text(format!(" <{}>", safe(url)));
            }
            self.end_hanging(4);
        }
    }

    fn finish(self) -> (Vec<Para>, Vec<Target>) {
        (self.paras, self.targets)
    }
}

/// A kind as words: `business_unit` → `business unit`.
pub fn kind_words(kind: &str) -> String {
    safe(&kind.replace('_', " "))
}

/// `EUR 100M`, `USD 1.5bn`, `12500`.
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
    match share {
        None => "·".repeat(BAR),
        Some(s) => bar_between(cells(s.low()), cells(s.high())),
    }
}

fn cells(f: share::Fraction) -> usize {
    let (n, d) = (u128::from(*f.numer()), u128::from(*f.denom()));
    usize::try_from((n * BAR as u128 * 2 + d) / (2 * d))
        .unwrap_or(BAR)
        .min(BAR)
}

fn bar_between(low: usize, high: usize) -> String {
    let high = high.clamp(low, BAR);
    format!(
        "{}{}{}",
        "█".repeat(low),
        "▒".repeat(high - low),
        "░".repeat(BAR - high)
    )
}

fn pad(text: &str, width: usize) -> String {
    format!("{text}{}", " ".repeat(width.saturating_sub(text.width())))
}

fn entity_name(org: &Org, r: &str) -> String {
    org.find_entity(r)
        .map_or_else(|| safe(r), |id| safe(&org.entity(id).name))
}

/// Other values of `field` in `competing`: `; also reported: 46 % [3]`.
fn also_reported<'a>(b: &mut Builder<'a>, competing: &'a [Competing], field: &str) {
    let mut first = true;
    for c in competing.iter().filter(|c| c.field.value == field) {
        b.text(if first { "; also reported: " } else { ", " });
        first = false;
        let value = match c.value.parse::<Share>() {
            Ok(s) if field == "share" => s.to_string(),
            _ => safe(&c.value),
        };
        b.text(value);
        if c.sources.is_empty() {
            b.text(" (source not named)");
        } else {
            b.cite(&c.sources);
        }
    }
}

/// The content for what the pane shows.
fn content(app: &App) -> Content {
    let active = (app.focus == Focus::Detail).then_some(app.link);
    let mut b = Builder::new(&app.org, active);
    let mut first_owner = None;
    match app.subject {
        Target::Entity(id) if id.0 as usize >= app.org.entity_count() => {
            b.text("The model has no entities.").end();
        }
        Target::Entity(id) => first_owner = entity(app, id, &mut b),
        Target::Person(id) => person(app, id, &mut b),
        Target::Source(id) => source(app, id, &mut b),
    }
    b.sources();
    let (paras, targets) = b.finish();
    Content {
        paras,
        targets,
        first_owner,
    }
}

/// Writes an entity's view; returns the link number of its first owner, if any.
fn entity<'a>(app: &'a App, id: EntityId, b: &mut Builder<'a>) -> Option<usize> {
    let org = &app.org;
    let e = org.entity(id);
    let day = Some(app.as_of);
    let when = format!("at {}", app.as_of);

    b.styled(
        safe(&e.name),
        Style::new()
            .fg(style::kind_color(&e.kind))
            .add_modifier(Modifier::BOLD),
    )
    .cite(&e.sources)
    .end();
    b.styled(
        format!("{} · id {}", kind_words(e.kind.as_str()), safe(&e.id)),
        style::dim(),
    );
    if let Some(d) = &e.founded {
        b.styled(format!(" · founded {}", d.value), style::dim());
    }
    if let Some(d) = &e.dissolved {
        b.styled(format!(" · dissolved {}", d.value), style::dim());
    }
    if let Some(parent) = org.parent(id) {
        b.styled(" · part of ", style::dim()).entity(parent);
    }
    b.end();
    if !org.exists_at(id, day) {
        b.styled(format!("Did not exist on {}.", app.as_of), style::dim())
            .end();
    }
    if let Some(description) = &e.description {
        b.prose("", description, Style::new()).end();
    }
    if !e.other_names.is_empty() {
        let names: Vec<String> = e.other_names.iter().map(|n| safe(n)).collect();
        b.text(format!("Also known as: {}", names.join(", "))).end();
    }

    changes(app, id, b);
    leaders(app, id, &when, b);
    let first_owner = owners(app, id, &when, b);
    effective(app, id, &when, b);
    holdings(app, id, b);

    let units: Vec<EntityId> = org.children(id).collect();
    if !units.is_empty() {
        b.heading(format!("Units ({})", units.len()));
        for u in units {
            b.text("  ").entity(u);
            if !org.exists_at(u, day) {
                b.styled(" (not at this date)", style::dim());
            }
            b.end();
        }
    }

    let relations: Vec<_> = org.relations_of(id).collect();
    if !relations.is_empty() {
        b.heading("Relations");
        for r in relations {
            let forward = org.find_entity(&r.from) == Some(id);
            let (verb, other) = if forward {
                (r.kind.forward().to_owned(), &r.to)
            } else {
                (r.kind.backward(), &r.from)
            };
            let in_force = r.period().contains(app.as_of);
            let look = if in_force { Style::new() } else { style::dim() };
            b.styled(format!("  {} ", safe(&verb)), look)
                .entity_ref(other);
            let period = r.period().to_string();
            if !period.is_empty() {
                b.styled(format!(" ({period})"), look);
            }
            if let Some(d) = &r.description {
                b.styled(format!(" — {}", safe(d)), look);
            }
            b.cite(&r.sources).end();
            b.notes(&r.notes, style::dim());
        }
    }

    let events: Vec<_> = org.events_of(id).collect();
    if !events.is_empty() {
        b.heading("Events");
        for ev in events {
            let future = ev.date.first_day() > app.as_of;
            let look = if future { style::dim() } else { Style::new() };
            b.styled(
                format!("  {:<10} ", ev.date.value.to_string()),
                style::dim(),
            )
            .styled(safe(&ev.description), look);
            let others: Vec<&Ref> = ev
                .entities
                .iter()
                .filter(|r| org.find_entity(r) != Some(id))
                .collect();
            for (i, r) in others.iter().enumerate() {
                b.styled(if i == 0 { " (with " } else { ", " }, style::dim())
                    .entity_ref(r);
            }
            for (i, r) in ev.people.iter().enumerate() {
                let open = if i == 0 && others.is_empty() {
                    " (with "
                } else {
                    ", "
                };
                b.styled(open, style::dim()).person_ref(r);
            }
            if !others.is_empty() || !ev.people.is_empty() {
                b.styled(")", style::dim());
            }
            b.cite(&ev.sources).end_hanging(13);
        }
    }

    if !e.notes.is_empty() {
        b.heading("Notes");
        b.notes(&e.notes, Style::new());
    }

    if !e.competing.is_empty() {
        b.heading("Competing values");
        for comp in &e.competing {
            b.prose(
                &format!("  {}: ", safe(&comp.field)),
                &comp.value,
                Style::new(),
            )
            .cite(&comp.sources);
            if let Some(note) = &comp.note {
                b.styled(format!(" — {}", safe(note)), style::dim());
            }
            b.end();
        }
    }

    if !e.attributes.is_empty() {
        b.heading("Attributes");
        for (key, value) in &e.attributes {
            b.prose(&format!("  {}: ", safe(key)), value, Style::new())
                .end();
        }
    }
    first_owner
}

/// What changed for this entity since the previous event date.
fn changes(app: &App, id: EntityId, b: &mut Builder<'_>) {
    let (Some(since), true) = (
        app.since,
        app.changed.get(id.0 as usize).copied().unwrap_or(false),
    ) else {
        return;
    };
    let org = &app.org;
    let c = history::changes(org, since, app.as_of);
    let this = |r: &str| org.find_entity(r) == Some(id);
    b.heading(format!("* Changed since {since}"));
    if c.appeared.contains(&id) {
        b.text("  came into being").end();
    }
    if c.gone.contains(&id) {
        b.text("  ceased to exist").end();
    }
    for s in c.stakes.iter().filter(|s| this(s.owned())) {
        match s {
            StakeChange::Added(s) => {
                b.text("  + ")
                    .entity_ref(&s.owner)
                    .text(format!(" {}", share_text(s)));
            }
            StakeChange::Removed(s) => {
                b.text("  − ")
                    .entity_ref(&s.owner)
                    .text(format!(" {} no longer", share_text(s)));
            }
            StakeChange::Changed { before, after } => {
                b.text("  ~ ").entity_ref(&after.owner).text(format!(
                    " {} → {}",
                    share_text(before),
                    share_text(after)
                ));
            }
        }
        b.end();
    }
    for r in c.roles_taken.iter().filter(|r| this(&r.entity)) {
        b.text(format!("  + {}: ", safe(&r.title)))
            .person_ref(&r.person)
            .end();
    }
    for r in c.roles_left.iter().filter(|r| this(&r.entity)) {
        b.text(format!("  − {}: ", safe(&r.title)))
            .person_ref(&r.person)
            .text(" left")
            .end();
    }
    for ev in c
        .events
        .iter()
        .filter(|e| e.entities.iter().any(|r| this(r)))
    {
        b.styled(
            format!("  {:<10} ", ev.date.value.to_string()),
            style::dim(),
        )
        .text(safe(&ev.description))
        .end_hanging(13);
    }
}

fn share_text(stake: &Stake) -> String {
    stake
        .share
        .as_ref()
        .map_or_else(|| "(share unknown)".to_owned(), |s| s.value.to_string())
}

fn leaders<'a>(app: &'a App, id: EntityId, when: &str, b: &mut Builder<'a>) {
    let org = &app.org;
    let roles: Vec<_> = org.roles_in(id).collect();
    if roles.is_empty() {
        return;
    }
    let (current, other): (Vec<_>, Vec<_>) = roles
        .into_iter()
        .partition(|r| r.period().contains(app.as_of));
    for (title, list, look) in [
        (format!("Leaders {when}"), current, Style::new()),
        ("Leaders at other dates".to_owned(), other, style::dim()),
    ] {
        if list.is_empty() {
            continue;
        }
        b.heading(title);
        for r in list {
            b.styled(format!("  {} — ", safe(&r.title)), look)
                .person_ref(&r.person);
            if r.interim {
                b.styled(" (interim)", look);
            }
            let period = r.period().to_string();
            if !period.is_empty() {
                b.styled(format!(", {period}"), look);
            }
            b.cite(&r.sources);
            also_reported(b, &r.competing, "title");
            b.end();
            b.notes(&r.notes, style::dim());
        }
    }
}

/// One cap-table line: owner, exact share, bar, amount, on whose behalf, sources.
fn stake_line<'a>(
    b: &mut Builder<'a>,
    s: &'a Stake,
    name_width: usize,
    with_period: bool,
    look: Style,
) {
    let org = b.org;
    let share = share_text(s);
    let name = entity_name(org, &s.owner);
    b.text("  ").entity_ref(&s.owner).styled(
        format!(
            "{} {} {}",
            " ".repeat(name_width.saturating_sub(name.width())),
            pad(&share, 14),
            bar(s.share.as_ref().map(|sh| &sh.value))
        ),
        look,
    );
    if let Some(a) = s.amount {
        b.styled(format!(" {}", amount(a, s.currency.as_deref())), look);
    }
    if let Some(behalf) = &s.on_behalf_of {
        b.styled(" for ", look).entity_ref(behalf);
    }
    if with_period {
        b.styled(format!(" ({})", s.period()), look);
    }
    b.cite(&s.sources);
    also_reported(b, &s.competing, "share");
    b.end();
}

/// The cap table at the date, and the stakes of other dates; returns the first owner's link.
fn owners<'a>(app: &'a App, id: EntityId, when: &str, b: &mut Builder<'a>) -> Option<usize> {
    let org = &app.org;
    let stakes: Vec<&Stake> = org.stakes_in(id).collect();
    if stakes.is_empty() {
        return None;
    }
    let name_width = stakes
        .iter()
        .map(|s| entity_name(org, &s.owner).width())
        .max()
        .unwrap_or(0)
        .min(24);
    let (current, other): (Vec<_>, Vec<_>) = stakes
        .into_iter()
        .partition(|s| s.period().contains(app.as_of));
    let mut first_owner = None;
    if !current.is_empty() {
        b.heading(format!("Owners {when}"));
        first_owner = Some(b.targets.len());
        for s in &current {
            stake_line(b, s, name_width, false, Style::new());
        }
        let low: Option<share::Fraction> = current
            .iter()
            .map(|s| s.share.as_ref().map(|sh| sh.low()))
            .sum();
        let high: Option<share::Fraction> = current
            .iter()
            .map(|s| s.share.as_ref().map(|sh| sh.high()))
            .sum();
        if let (Some(low), Some(high)) = (low, high) {
            let total = if low == high {
                format!("{} %", share::percent(low))
            } else {
                format!("{} %..{} %", share::percent(low), share::percent(high))
            };
            b.styled(
                format!("  {} {total}", pad("total", name_width)),
                style::dim(),
            )
            .end();
        }
        // Stakes sold together often carry the same note: say it once, naming whose stakes.
        let mut notes: Vec<(&'a Note, Vec<String>)> = Vec::new();
        for s in &current {
            for note in &s.notes {
                let owner = entity_name(org, &s.owner);
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
                style::dim(),
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
            stake_line(b, s, name_width, true, style::dim());
        }
    }
    first_owner
}

/// Who owns the entity in the end, looking through every chain of stakes, and who controls it.
fn effective(app: &App, id: EntityId, when: &str, b: &mut Builder<'_>) {
    let org = &app.org;
    if org.owners_at(id, Some(app.as_of)).next().is_none() {
        return;
    }
    let e = ownership::effective_owners(org, id, Some(app.as_of));
    b.heading(format!("Effective owners {when}"));
    let name_width = e
        .owners
        .iter()
        .map(|o| safe(&org.entity(o.id).name).width())
        .max()
        .unwrap_or(0)
        .min(24);
    for o in &e.owners {
        let name = safe(&org.entity(o.id).name);
        let interest = ownership::describe(&o.interest);
        let low = bounds_cells(&o.interest.low);
        let high = bounds_cells(&o.interest.high);
        b.text("  ").entity(o.id).text(format!(
            "{} {} {}",
            " ".repeat(name_width.saturating_sub(name.width())),
            pad(&interest, 14),
            bar_between(low, high)
        ));
        b.end();
    }
    if !e.unrecorded.is_zero() {
        b.styled(
            format!(
                "  holders not recorded: {}",
                ownership::describe(&e.unrecorded)
            ),
            style::dim(),
        )
        .end();
    }
    if !e.circling.is_zero() {
        b.styled(
            format!(
                "  still circling in cross-holdings: up to {}",
                ownership::describe(&e.circling)
            ),
            style::dim(),
        )
        .end();
    }
    if e.unknown_shares {
        b.styled(
            "  some shares are unknown: interests are ranges",
            style::dim(),
        )
        .end();
    }
    let chain = ownership::control_chain(org, id, Some(app.as_of));
    if chain.is_empty() {
        b.styled("  Control: no majority holder", style::dim())
            .end();
    } else {
        b.text("  Control: ");
        for (i, &holder) in chain.iter().enumerate() {
            if i > 0 {
                b.text(" → ");
            }
            b.entity(holder);
        }
        b.end();
    }
}

fn bounds_cells(value: &num_rational::BigRational) -> usize {
    use num_traits::ToPrimitive;
    let f = value.to_f64().unwrap_or(0.0).clamp(0.0, 1.0);
    ((f * BAR as f64).round() as usize).min(BAR)
}

fn holdings<'a>(app: &'a App, id: EntityId, b: &mut Builder<'a>) {
    let org = &app.org;
    let held: Vec<&Stake> = org.stakes_held(id).collect();
    let (current, other): (Vec<_>, Vec<_>) = held
        .into_iter()
        .partition(|s| s.period().contains(app.as_of));
    for (title, list, look) in [
        (format!("Holds at {}", app.as_of), current, Style::new()),
        ("Holdings at other dates".to_owned(), other, style::dim()),
    ] {
        if list.is_empty() {
            continue;
        }
        b.heading(title);
        for s in list {
            b.text("  ")
                .entity_ref(&s.owned)
                .styled(format!(" {}", share_text(s)), look);
            if let Some(behalf) = &s.on_behalf_of {
                b.styled(" for ", look).entity_ref(behalf);
            }
            let period = s.period().to_string();
            if !period.is_empty() {
                b.styled(format!(" ({period})"), look);
            }
            b.cite(&s.sources).end();
        }
    }
    let held_for: Vec<&Stake> = org.stakes_held_for(id).collect();
    if !held_for.is_empty() {
        b.heading("Held on its behalf");
        for s in held_for {
            let look = if s.period().contains(app.as_of) {
                Style::new()
            } else {
                style::dim()
            };
            b.text("  ")
                .entity_ref(&s.owned)
                .styled(format!(" {}, held by ", share_text(s)), look)
                .entity_ref(&s.owner);
            let period = s.period().to_string();
            if !period.is_empty() {
                b.styled(format!(" ({period})"), look);
            }
            b.cite(&s.sources).end();
        }
    }
}

fn person<'a>(app: &'a App, id: PersonId, b: &mut Builder<'a>) {
    let org = &app.org;
    let p = org.person(id);
    b.styled(safe(&p.name), style::heading())
        .cite(&p.sources)
        .end();
    b.styled("person", style::dim()).end();
    if let Some(d) = &p.description {
        b.prose("", d, Style::new()).end();
    }
    if !p.other_names.is_empty() {
        let names: Vec<String> = p.other_names.iter().map(|n| safe(n)).collect();
        b.text(format!("Also known as: {}", names.join(", "))).end();
    }
    let mut roles: Vec<_> = org.roles_of(id).collect();
    roles.sort_by_key(|r| r.start.as_ref().map(|d| d.value));
    if !roles.is_empty() {
        b.heading("Roles");
        for r in roles {
            let look = if r.period().contains(app.as_of) {
                Style::new()
            } else {
                style::dim()
            };
            b.styled(format!("  {} of ", safe(&r.title)), look)
                .entity_ref(&r.entity);
            if r.interim {
                b.styled(" (interim)", look);
            }
            let period = r.period().to_string();
            if !period.is_empty() {
                b.styled(format!(", {period}"), look);
            }
            b.cite(&r.sources).end();
            b.notes(&r.notes, style::dim());
        }
    }
    let events: Vec<_> = org.events_of_person(id).collect();
    if !events.is_empty() {
        b.heading("Events");
        for ev in events {
            b.styled(
                format!("  {:<10} ", ev.date.value.to_string()),
                style::dim(),
            )
            .text(safe(&ev.description));
            for (i, r) in ev.entities.iter().enumerate() {
                b.styled(if i == 0 { " (" } else { ", " }, style::dim())
                    .entity_ref(r);
            }
            if !ev.entities.is_empty() {
                b.styled(")", style::dim());
            }
            b.cite(&ev.sources).end_hanging(13);
        }
    }
    if !p.notes.is_empty() {
        b.heading("Notes");
        b.notes(&p.notes, Style::new());
    }
}

fn source<'a>(app: &'a App, id: SourceId, b: &mut Builder<'a>) {
    let org = &app.org;
    let s = org.source(id);
    let m = &org.model;
    b.styled(safe(&s.publisher), style::heading()).end();
    b.text(format!("“{}”", safe(&s.title))).end();
    let mut facts = vec![format!("source {}", safe(&s.id))];
    if let Some(d) = &s.date {
        facts.push(d.value.to_string());
    }
    b.styled(facts.join(" · "), style::dim()).end();
    if let Some(note) = &s.note {
        b.prose("", note, Style::new()).end();
    }
    if let Some(url) = &s.url {
        b.text(format!("<{}>", safe(url))).end();
    }
    let cites = |refs: &[Ref]| refs.iter().any(|r| r.value == s.id.value);
    let notes_cite = |notes: &[Note]| notes.iter().any(|n| cites(&n.sources));
    let comp_cite = |c: &[Competing]| c.iter().any(|c| cites(&c.sources));

    b.heading("Cited for");
    let mut any = false;
    for (n, e) in m.entities.iter().enumerate() {
        if cites(&e.sources) || notes_cite(&e.notes) || comp_cite(&e.competing) {
            b.text("  ").entity(EntityId(n as u32)).end();
            any = true;
        }
    }
    for st in &m.stakes {
        if cites(&st.sources) || notes_cite(&st.notes) || comp_cite(&st.competing) {
            b.text("  stake of ")
                .entity_ref(&st.owner)
                .text(" in ")
                .entity_ref(&st.owned)
                .text(format!(" {}", share_text(st)))
                .end();
            any = true;
        }
    }
    for r in &m.roles {
        if cites(&r.sources) || notes_cite(&r.notes) || comp_cite(&r.competing) {
            b.text("  ")
                .person_ref(&r.person)
                .text(format!(", {} of ", safe(&r.title)))
                .entity_ref(&r.entity)
                .end();
            any = true;
        }
    }
    for p in &m.people {
        if cites(&p.sources) || notes_cite(&p.notes) {
            b.text("  ").person_ref(&p.id).end();
            any = true;
        }
    }
    for r in &m.relations {
        if cites(&r.sources) || notes_cite(&r.notes) || comp_cite(&r.competing) {
            b.text("  ")
                .entity_ref(&r.from)
                .text(format!(" {} ", safe(r.kind.forward())))
                .entity_ref(&r.to)
                .end();
            any = true;
        }
    }
    let mut events: Vec<_> = m
        .events
        .iter()
        .filter(|e| cites(&e.sources) || notes_cite(&e.notes) || comp_cite(&e.competing))
        .collect();
    events.sort_by_key(|e| e.date.value);
    for ev in events {
        b.styled(
            format!("  {:<10} ", ev.date.value.to_string()),
            style::dim(),
        )
        .text(safe(&ev.description));
        if let Some(first) = ev.entities.first() {
            b.text(" (").entity_ref(first).text(")");
        }
        b.end_hanging(13);
        any = true;
    }
    if !any {
        b.styled("  nothing in the model cites it", style::dim())
            .end();
    }
}

/// The pane's text area inside its border, right of the cursor gutter.
pub fn text_area(inner: Rect) -> Rect {
    Rect {
        x: inner.x + GUTTER.min(inner.width),
        width: inner.width.saturating_sub(GUTTER),
        ..inner
    }
}

/// The pane's lines wrapped to `width`, and where its links are.
pub fn wrapped(app: &App, width: u16) -> Wrapped {
    wrap(&content(app).paras, width.into())
}

/// Where each of the pane's links leads, by link number.
pub fn targets(app: &App) -> Vec<Target> {
    content(app).targets
}

/// The link number of the selected entity's first owner.
pub fn first_owner_link(app: &App) -> Option<usize> {
    content(app).first_owner
}

/// Draws the pane inside its border; returns how many lines its text has.
pub fn render(app: &App, inner: Rect, buf: &mut Buffer) -> usize {
    let area = text_area(inner);
    let w = wrapped(app, area.width);
    let cursor_line = (app.focus == Focus::Detail)
        .then(|| w.link_lines.get(app.link).copied())
        .flatten();
    for (y, (n, line)) in
        (area.y..area.bottom()).zip(w.lines.iter().enumerate().skip(app.detail_scroll))
    {
        line.render(Rect::new(area.x, y, area.width, 1), buf);
        if Some(n) == cursor_line && inner.width > 0 {
            buf[(inner.x, y)].set_symbol("▶");
        }
    }
    w.lines.len()
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
        assert_eq!(bar(None), "·".repeat(BAR));
    }

    #[test]
    fn amounts_are_compact() {
        assert_eq!(amount(100_000_000.0, Some("EUR")), "EUR 100M");
        assert_eq!(amount(1_500_000_000.0, Some("USD")), "USD 1.5bn");
        assert_eq!(amount(12_500.0, None), "12500");
    }
}
