//! The detail pane as data: everything the model says about what is shown, as lines of pieces
//! with semantic tones and links, built from the org, the subject, the date and the previous
//! event date — never from the explorer's state. For an entity: what it is, what changed lately,
//! who leads it, who owns it (a cap table with bars and exact shares) and who owns it in the end,
//! what it holds, its units, relations, events, notes, competing values, attributes, and the
//! sources of it all, numbered. For a person: their roles across the model. For a source: every
//! fact that cites it. Names and source numbers are links.
//!
//! The document holds no cursor: the explorer keeps which link is chosen, and the drawing
//! overlays it. Every piece of text goes through [`Builder`], which sanitizes it, so nothing a
//! model says can reach the terminal as a control sequence.

use unicode_width::UnicodeWidthStr;

mod builder;
mod entity;
mod graph;
mod lines;
mod owners;
mod person;
mod source;
mod wrap;

pub use wrap::{Line, Piece};

use crate::model::{Competing, Day, EntityKind, Share, Stake, share};
use crate::org::{EntityId, Org, PersonId, SourceId};
use crate::ownership::Cache;
use crate::sanitize::sanitize;
use crate::words;
use builder::Builder;

/// Model text made safe to show, owned.
fn safe(text: &str) -> String {
    sanitize(text).into_owned()
}

/// What the detail pane shows, and what a link leads to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Target {
    Entity(EntityId),
    Person(PersonId),
    Source(SourceId),
    /// The ownership graph of an entity: who holds it, upward to its ultimate owners.
    Owners(EntityId),
}

impl Target {
    /// The entity the page is about, if it is about one (its page or its owners).
    pub fn entity(self) -> Option<EntityId> {
        match self {
            Target::Entity(e) | Target::Owners(e) => Some(e),
            Target::Person(_) | Target::Source(_) => None,
        }
    }

    /// The same kind of page about entity `id`: its owners when this is an owners graph, else
    /// its page.
    pub fn about(self, id: EntityId) -> Target {
        match self {
            Target::Owners(_) => Target::Owners(id),
            _ => Target::Entity(id),
        }
    }
}

/// What a piece of text is, for the drawing to give it a look.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Tone {
    #[default]
    Plain,
    /// Secondary: ids, dates, stakes of other dates, notes.
    Dim,
    Heading,
    /// An entity's own name at the top of its page, in its kind's colour.
    Name(Family),
    /// A source's URL, as `Document::urls[n]` hands it on (checked by `sanitize::url::web`),
    /// which the drawing may make a hyperlink.
    Url(usize),
}

/// Kinds that share a colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Family {
    Group,
    Company,
    Subsidiary,
    Unit,
    Venture,
    Public,
    Site,
    Other,
}

impl Family {
    pub fn of(kind: &EntityKind) -> Family {
        match kind {
            EntityKind::Group => Family::Group,
            EntityKind::Company => Family::Company,
            EntityKind::Subsidiary => Family::Subsidiary,
            EntityKind::Division
            | EntityKind::BusinessUnit
            | EntityKind::Team
            | EntityKind::Unit
            | EntityKind::Position => Family::Unit,
            EntityKind::JointVenture | EntityKind::Project => Family::Venture,
            EntityKind::PublicBody | EntityKind::State => Family::Public,
            EntityKind::Datacenter => Family::Site,
            EntityKind::Trust
            | EntityKind::Nomination
            | EntityKind::Arrangement
            | EntityKind::AnonymousEntity
            | EntityKind::UnknownEntity
            | EntityKind::Other(_) => Family::Other,
        }
    }
}

/// A link of the document: where it leads, and the first line it is on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Link {
    pub target: Target,
    pub line: usize,
}

/// What the document is about. `Nothing` is the page of an empty selection: a search that
/// matches nothing, a date before everything.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Subject {
    Shown(Target),
    Nothing,
}

/// What a document is built from, besides the org.
#[derive(Debug, Clone, Copy)]
pub struct Request {
    pub subject: Subject,
    /// The date in force.
    pub day: Day,
    /// The previous event date, and whether the subject changed since.
    pub since: Option<Day>,
    pub changed: bool,
    /// The width to wrap to, in columns.
    pub width: usize,
    /// For an entity, its headcount at the date (from the explorer's tree of that date).
    pub headcount: Option<crate::headcount::Counts>,
}

/// What the parts of the document read, besides the builder.
struct Context<'a> {
    org: &'a Org,
    cache: &'a Cache,
    day: Day,
    since: Option<Day>,
    changed: bool,
    headcount: Option<crate::headcount::Counts>,
}

/// The detail pane's text, wrapped to a width, with its links.
#[derive(Debug, Clone, Default)]
pub struct Document {
    pub lines: Vec<Line>,
    /// Every link, by link number.
    pub links: Vec<Link>,
    /// The link number of an entity's first owner, for `o` (on an ownership graph, its first
    /// holder).
    pub first_owner: Option<usize>,
    /// The link the cursor starts on when the page is read from the top: the first, or on an
    /// ownership graph its first holder.
    pub start: usize,
    /// The URLs of the document's sources, by the number in their [`Tone::Url`].
    pub urls: Vec<String>,
}

impl Document {
    /// The document for `request`; look-through ownership comes from (and goes into) `cache`.
    pub fn build(org: &Org, cache: &Cache, request: &Request) -> Document {
        let cx = Context {
            org,
            cache,
            day: request.day,
            since: request.since,
            changed: request.changed,
            headcount: request.headcount,
        };
        let mut b = Builder::new(org, request.day);
        let mut first_owner = None;
        let mut start = 0;
        match request.subject {
            Subject::Shown(Target::Entity(id) | Target::Owners(id)) if !org.has_entity(id) => {
                b.text("The model has no entities.").end();
            }
            Subject::Nothing => {
                b.styled("No entity is selected.", Tone::Dim).end();
            }
            Subject::Shown(Target::Entity(id)) => {
                first_owner = entity::entity(&cx, id, &mut b);
            }
            Subject::Shown(Target::Person(id)) => person::person(&cx, id, &mut b),
            Subject::Shown(Target::Source(id)) => source::source(&cx, id, &mut b),
            Subject::Shown(Target::Owners(id)) => {
                first_owner = graph::graph(&cx, id, request.width, &mut b);
                start = first_owner.unwrap_or(0);
            }
        }
        b.sources();
        let wrapped = wrap::wrap(&b.paras, request.width);
        let links = b
            .targets
            .iter()
            .zip(
                wrapped
                    .link_lines
                    .iter()
                    .chain(std::iter::repeat(&usize::MAX)),
            )
            .map(|(&target, &line)| Link { target, line })
            .collect();
        Document {
            lines: wrapped.lines,
            links,
            first_owner,
            start,
            urls: b.urls,
        }
    }

    /// The first line of each link, by link number.
    pub fn link_lines(&self) -> impl Iterator<Item = usize> + '_ {
        self.links.iter().map(|l| l.line)
    }
}

/// Width of an ownership bar, in cells.
const BAR: usize = 20;

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

/// Every competing value of a fact, at the end of its line, so that each value `--check`
/// accepts is on screen: those of `main`, the field the line leads with, as
/// `; also reported: 46 % [3]`, then each other field's as `; start also reported: 2012-10 [4]`.
/// A value is never wrapped inside (`4/9 (44.4 %)`, `20–25 %` stay whole).
fn also_reported<'a>(b: &mut Builder<'a>, competing: &'a [Competing], main: &str) {
    let mut fields: Vec<&str> = vec![main];
    for c in competing {
        if !fields.contains(&c.field.value.as_str()) {
            fields.push(&c.field.value);
        }
    }
    for field in fields {
        for (i, c) in competing
            .iter()
            .filter(|c| c.field.value == field)
            .enumerate()
        {
            match (i, field == main) {
                (0, true) => b.text("; also reported: "),
                (0, false) => b.text(format!("; {} also reported: ", safe(field))),
                _ => b.text(", "),
            };
            b.text(wrap::unbroken(&words::competing_value(field, &c.value)));
            if c.sources.is_empty() {
                b.text(" (source not named)");
            } else {
                b.cite(&c.sources);
            }
            if let Some(note) = &c.note {
                b.styled(format!(" ({})", safe(note)), Tone::Dim);
            }
        }
    }
}

fn share_text(stake: &Stake) -> String {
    words::stake(stake)
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
