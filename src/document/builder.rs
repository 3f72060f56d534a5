//! Building the document line by line: text, links, citations and prose, each piece sanitized
//! where it is received.

use std::fmt::Write as _;

use unicode_width::UnicodeWidthStr;

use super::wrap::{Para, Piece};
use super::{Target, Tone, safe};
use crate::model::{Day, Identifier, Note, Ref};
use crate::org::{EntityId, Holder, Org, PersonId, RoleView, SourceId};

/// Builds the document line by line. Every piece is sanitized here, where it is received.
pub(super) struct Builder<'a> {
    pub(super) org: &'a Org,
    /// The date the document describes: entities go by the names they had then.
    day: Day,
    pub(super) paras: Vec<Para>,
    line: Vec<Piece>,
    pub(super) targets: Vec<Target>,
    cited: Vec<SourceId>,
    unknown_cited: Vec<&'a str>,
    pub(super) urls: Vec<String>,
}

impl<'a> Builder<'a> {
    pub(super) fn new(org: &'a Org, day: Day) -> Self {
        Builder {
            org,
            day,
            paras: Vec::new(),
            line: Vec::new(),
            targets: Vec::new(),
            cited: Vec::new(),
            unknown_cited: Vec::new(),
            urls: Vec::new(),
        }
    }

    /// The date the document describes.
    pub(super) fn day(&self) -> Day {
        self.day
    }

    pub(super) fn push(&mut self, text: &str, tone: Tone, link: Option<usize>) -> &mut Self {
        self.line.push(Piece {
            text: safe(text),
            tone,
            link,
        });
        self
    }

    pub(super) fn text(&mut self, text: impl AsRef<str>) -> &mut Self {
        self.push(text.as_ref(), Tone::Plain, None)
    }

    pub(super) fn styled(&mut self, text: impl AsRef<str>, tone: Tone) -> &mut Self {
        self.push(text.as_ref(), tone, None)
    }

    /// A piece of text that leads to `target`.
    pub(super) fn link(&mut self, text: impl AsRef<str>, target: Target) -> &mut Self {
        let n = self.targets.len();
        self.targets.push(target);
        self.push(text.as_ref(), Tone::Plain, Some(n))
    }

    pub(super) fn entity(&mut self, id: EntityId) -> &mut Self {
        let name = safe(self.org.name_on(id, self.day));
        self.link(name, Target::Entity(id))
    }

    /// An entity named by id: a link when it exists, the id otherwise.
    pub(super) fn entity_ref(&mut self, r: &str) -> &mut Self {
        self.entity_end(self.org.find_entity(r), r)
    }

    /// An entity a stake, role or relation names: a link to `end`, or `written` (the id the
    /// model gives) when it names no entity.
    pub(super) fn entity_end(&mut self, end: Option<EntityId>, written: &str) -> &mut Self {
        match end {
            Some(id) => self.entity(id),
            None => self.text(safe(written)),
        }
    }

    pub(super) fn person_ref(&mut self, r: &str) -> &mut Self {
        self.person_end(self.org.find_person(r), r)
    }

    /// The person a role names: a link to `end`, or `written` when it names no person.
    pub(super) fn person_end(&mut self, end: Option<PersonId>, written: &str) -> &mut Self {
        match end {
            Some(id) => {
                let name = safe(&self.org.person(id).name);
                self.link(name, Target::Person(id))
            }
            None => self.text(safe(written)),
        }
    }

    /// The entity or person a stake names: a link to `end`, or `written` when it names neither.
    pub(super) fn holder_end(&mut self, end: Option<Holder>, written: &str) -> &mut Self {
        match end {
            Some(Holder::Person(p)) => self.person_end(Some(p), written),
            Some(Holder::Entity(e)) => self.entity_end(Some(e), written),
            None => self.text(safe(written)),
        }
    }

    /// Who holds a role: a link to the person, the id the role gives, or `vacant`.
    pub(super) fn role_holder(&mut self, role: &RoleView<'_>) -> &mut Self {
        match &role.role.person {
            Some(written) => self.person_end(role.person, written),
            None => self.styled(crate::words::VACANT, Tone::Dim),
        }
    }

    /// `Identifiers: LEI 5493…, GB-COH 03977902`, when there are any.
    pub(super) fn identifiers(&mut self, identifiers: &[Identifier]) {
        if identifiers.is_empty() {
            return;
        }
        let all: Vec<String> = identifiers.iter().map(crate::words::identifier).collect();
        self.text(format!("Identifiers: {}", all.join(", "))).end();
    }

    /// ` [1][2]`: the sources, numbered in the order the pane first cites them, and listed in
    /// that order.
    pub(super) fn cite(&mut self, refs: &'a [Ref]) -> &mut Self {
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
    pub(super) fn prose(&mut self, prefix: &str, text: &str, tone: Tone) -> &mut Self {
        let indent = " ".repeat(prefix.width());
        for (i, line) in text.split('\n').enumerate() {
            if i > 0 {
                self.end();
            }
            let lead = if i == 0 { prefix } else { indent.as_str() };
            self.styled(format!("{lead}{}", safe(line.trim_end_matches('\r'))), tone);
        }
        self
    }

    /// `<URL>`, as the model writes it (sanitized); a URL that may be handed on is marked with
    /// its checked form, for a hyperlink.
    pub(super) fn url(&mut self, raw: &str) -> &mut Self {
        self.text("<");
        match crate::sanitize::url::web(raw) {
            Ok(checked) => {
                let n = self.urls.len();
                self.urls.push(checked);
                self.styled(raw, Tone::Url(n));
            }
            Err(_) => {
                self.text(raw);
            }
        }
        self.text(">")
    }

    /// Ends the line; continuation lines hang two columns past its indentation.
    pub(super) fn end(&mut self) {
        let lead = self
            .line
            .first()
            .map_or(0, |p| p.text.chars().take_while(|c| *c == ' ').count());
        self.paras.push(Para {
            pieces: std::mem::take(&mut self.line),
            hang: lead + 2,
        });
    }

    /// Ends the line; continuation lines start at column `hang`.
    pub(super) fn end_hanging(&mut self, hang: usize) {
        self.end();
        if let Some(p) = self.paras.last_mut() {
            p.hang = hang;
        }
    }

    pub(super) fn blank(&mut self) {
        self.end();
    }

    pub(super) fn heading(&mut self, text: impl AsRef<str>) {
        self.blank();
        self.styled(text.as_ref(), Tone::Heading).end();
    }

    /// `  • text [1]` for each note.
    pub(super) fn notes(&mut self, notes: &'a [Note], tone: Tone) {
        for note in notes {
            self.prose("  • ", &note.text, tone)
                .cite(&note.sources)
                .end();
        }
    }

    /// The sources cited so far, numbered; each line leads to its source.
    pub(super) fn sources(&mut self) {
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
                self.styled(format!(" — {}", safe(note)), Tone::Dim);
            }
            if let Some(url) = &s.url {
                self.text(" ").url(url);
            }
            self.end_hanging(4);
        }
    }
}
