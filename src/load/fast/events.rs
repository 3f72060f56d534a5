//! The fast path's view of granit-parser's events: one document's nodes, one event of
//! lookahead, positions as serde-saphyr gives them, and the budgets as plain counters. Whatever
//! the fast path does not read itself (anchors, aliases, tags, a second document, a
//! syntax error, a budget spent) stops it here.

use std::borrow::Cow;

use granit_parser::{Event, Parser, ScalarStyle, Span, StrInput};

use super::GiveUp;
use crate::load::progress::{EVENTS_PER_REPORT, Tally};

/// The budgets of one read, the same numbers serde-saphyr is given (see `yaml::read`).
#[derive(Debug, Clone, Copy)]
pub(in crate::load) struct Limits {
    pub max_depth: usize,
    pub max_events: usize,
    pub max_nodes: usize,
    pub max_scalar_bytes: usize,
}

/// A node event, or the end of the document or of the stream.
#[derive(Debug)]
pub(super) enum Ev<'de> {
    /// A scalar, its text, whether it was written plain (unquoted, not a block scalar), and
    /// where it starts.
    Scalar {
        value: Cow<'de, str>,
        plain: bool,
        at: At,
    },
    SeqStart(At),
    SeqEnd,
    MapStart(At),
    MapEnd,
    DocumentEnd,
    StreamEnd,
}

/// A position packed as serde-saphyr reports it: the 1-based line in the high half, the
/// 1-based column (the parser's 0-based one plus one) in the low half, each saturated.
pub(super) type At = u64;

fn at(span: &Span) -> At {
    let line = u32::try_from(span.start.line()).unwrap_or(u32::MAX);
    let col = u32::try_from(span.start.col().saturating_add(1)).unwrap_or(u32::MAX);
    (u64::from(line) << 32) | u64::from(col)
}

/// granit-parser's events for one text, read one ahead.
pub(super) struct Events<'de> {
    parser: Parser<'de, StrInput<'de>>,
    look: Option<Ev<'de>>,
    limits: Limits,
    documents: usize,
    events: usize,
    nodes: usize,
    scalar_bytes: usize,
    /// How far the read is, for the meter of the load, every so many events.
    tally: Tally,
    len: usize,
}

impl<'de> Events<'de> {
    pub(super) fn new(text: &'de str, options: granit_parser::Options, limits: Limits) -> Self {
        Events {
            parser: Parser::with_options(StrInput::new(text), options),
            look: None,
            limits,
            documents: 0,
            events: 0,
            nodes: 0,
            scalar_bytes: 0,
            tally: Tally::of_thread(),
            len: text.len(),
        }
    }

    pub(super) fn max_depth(&self) -> usize {
        self.limits.max_depth
    }

    /// The next event, left to be read again.
    pub(super) fn peek(&mut self) -> Result<&Ev<'de>, GiveUp> {
        if self.look.is_none() {
            self.look = Some(self.pull()?);
        }
        self.look.as_ref().ok_or(GiveUp::Syntax)
    }

    /// The next event.
    pub(super) fn next(&mut self) -> Result<Ev<'de>, GiveUp> {
        match self.look.take() {
            Some(ev) => Ok(ev),
            None => self.pull(),
        }
    }

    /// After the root node: the rest of the text must be the end of its one document.
    pub(super) fn finish(&mut self) -> Result<(), GiveUp> {
        match self.next()? {
            Ev::DocumentEnd => {}
            _ => return Err(GiveUp::Shape),
        }
        match self.next()? {
            Ev::StreamEnd => {}
            _ => return Err(GiveUp::Documents),
        }
        match self.parser.next() {
            None => {
                self.tally.reached(self.len);
                Ok(())
            }
            Some(_) => Err(GiveUp::Syntax),
        }
    }

    /// Reads the parser's next event that the fast path keeps, counting it.
    fn pull(&mut self) -> Result<Ev<'de>, GiveUp> {
        loop {
            let (event, span) = match self.parser.next() {
                Some(Ok(item)) => item,
                Some(Err(_)) | None => return Err(GiveUp::Syntax),
            };
            self.events += 1;
            if self.events > self.limits.max_events {
                return Err(GiveUp::Budget);
            }
            if self.events.is_multiple_of(EVENTS_PER_REPORT) {
                let start = span.start;
                self.tally
                    .reached(start.byte_offset().unwrap_or_else(|| start.index()));
            }
            let ev = match event {
                Event::StreamStart => continue,
                // A `%YAML` directive changes nothing serde-saphyr reads.
                Event::DocumentStart(..) => {
                    self.documents += 1;
                    if self.documents > 1 {
                        return Err(GiveUp::Documents);
                    }
                    continue;
                }
                Event::DocumentEnd => Ev::DocumentEnd,
                Event::StreamEnd => Ev::StreamEnd,
                Event::Scalar(value, style, anchor, tag) => {
                    plain_node(anchor, tag.is_some())?;
                    self.node()?;
                    self.scalar_bytes = self.scalar_bytes.saturating_add(value.len());
                    if self.scalar_bytes > self.limits.max_scalar_bytes {
                        return Err(GiveUp::Budget);
                    }
                    Ev::Scalar {
                        value,
                        plain: style == ScalarStyle::Plain,
                        at: at(&span),
                    }
                }
                Event::SequenceStart(_, anchor, tag) => {
                    plain_node(anchor, tag.is_some())?;
                    self.node()?;
                    Ev::SeqStart(at(&span))
                }
                Event::MappingStart(_, anchor, tag) => {
                    plain_node(anchor, tag.is_some())?;
                    self.node()?;
                    Ev::MapStart(at(&span))
                }
                Event::SequenceEnd => Ev::SeqEnd,
                Event::MappingEnd => Ev::MapEnd,
                Event::Alias(_) => return Err(GiveUp::Alias),
                // Anchor and comment events are off in the options; anything else is news.
                _ => return Err(GiveUp::Syntax),
            };
            return Ok(ev);
        }
    }

    fn node(&mut self) -> Result<(), GiveUp> {
        self.nodes += 1;
        if self.nodes > self.limits.max_nodes {
            return Err(GiveUp::Budget);
        }
        Ok(())
    }
}

/// A node without an anchor or a tag, the only kind the fast path reads.
fn plain_node(anchor: usize, tagged: bool) -> Result<(), GiveUp> {
    if anchor != 0 {
        Err(GiveUp::Anchor)
    } else if tagged {
        Err(GiveUp::Tag)
    } else {
        Ok(())
    }
}
