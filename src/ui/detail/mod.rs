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

mod entity;
mod owners;
mod person;
mod source;

use crate::app::{App, Focus, Target};
use crate::model::{Competing, Note, Ref, Share, Stake, share};
use crate::org::{EntityId, Org, SourceId};
use crate::words;

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
    words::entity_name(org, r)
}

/// Other values of `field` in `competing`: `; also reported: 46 % [3]`.
fn also_reported<'a>(b: &mut Builder<'a>, competing: &'a [Competing], field: &str) {
    let mut first = true;
    for c in competing.iter().filter(|c| c.field.value == field) {
        b.text(if first { "; also reported: " } else { ", " });
        first = false;
        let value = words::competing_value(field, &c.value);
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
        // Nothing is selected when the tree shows no row (a search that matches nothing, a
        // date before everything): the pane must not go on describing what was.
        Target::Entity(_) if app.selected().is_none() => {
            b.styled("No entity is selected.", style::dim()).end();
        }
        Target::Entity(id) => first_owner = entity::entity(app, id, &mut b),
        Target::Person(id) => person::person(app, id, &mut b),
        Target::Source(id) => source::source(app, id, &mut b),
    }
    b.sources();
    let (paras, targets) = b.finish();
    Content {
        paras,
        targets,
        first_owner,
    }
}

fn share_text(stake: &Stake) -> String {
    words::share_or_unknown(stake.share.as_deref())
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
}
