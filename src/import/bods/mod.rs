//! Open Ownership's Beneficial Ownership Data Standard 0.4: statements about entities, people
//! and relationships, as a model. `docs/import.md` ("BODS 0.4") documents the mapping.
//!
//! The input is read a statement at a time ([`stream`]); each statement is read by serde
//! ([`statement`]), mapped to the model's items ([`mapping`]) and applied to its record, so
//! that the latest statement about a record says what it is ([`records`]); once all are read,
//! the records become the model ([`assemble`]), with a tree of majority holders ([`tree`]).
//! [`import_around`] keeps only the neighbourhood of one record, in passes that hold little
//! more than the ownership links ([`around`]).

mod around;
mod assemble;
mod codes;
mod locate;
mod mapping;
mod records;
mod sources;
mod statement;
mod stream;
mod tree;

use std::io::{self, BufRead};

use crate::diagnostic::Diagnostic;
use crate::model::{At, Id, Note, Pos};

use super::{Imported, Options};
use around::{Graph, Target};
use locate::{Step, locate};
use mapping::{Body, Cx};
use records::{Order, Records, Told};
use sources::Sources;
use statement::{Annotation, Links, RecordType, Statement};
use stream::{Chunk, Item};

pub use around::DEFAULT_DEPTH;

/// Reads the BODS statements of `input` (a JSON array, or JSON Lines) into a model; `name` is
/// the input's name, for the model's title. With `options.around`, keeps only that record's
/// neighbourhood, worked out once everything is read (see [`import_around`] for an input too
/// large for that). Every problem is reported, at its `LINE:COL`; any error makes it fail.
pub fn import(
    name: &str,
    input: impl BufRead,
    options: &Options,
) -> Result<Imported, Vec<Diagnostic>> {
    let mut importer = Importer::default();
    let read = stream::statements(input, |item| importer.item(item));
    if let Err(d) = read {
        importer.diagnostics.push(d);
    }
    if let Some(text) = &options.around {
        let depth = options.depth.unwrap_or(DEFAULT_DEPTH);
        if let Err(d) = importer.narrow(name, &Target::new(text), depth) {
            return Err(vec![d]);
        }
    }
    importer.finish(name)
}

/// [`import`] with `options.around` in bounded memory, for registry-scale input: a first pass
/// over the input finds the record and keeps only the ownership links (see the `around`
/// module for the bound), and a second reads only the statements within `options.depth` links
/// ([`DEFAULT_DEPTH`] without one). `open` opens the input afresh for each pass (already
/// decompressed). Without `options.around`, one pass reads everything.
pub fn import_around(
    name: &str,
    open: impl Fn() -> io::Result<Box<dyn BufRead>>,
    options: &Options,
) -> Result<Imported, Vec<Diagnostic>> {
    let Some(text) = &options.around else {
        return import(
            name,
            around::reopen(&open, name).map_err(|d| vec![d])?,
            options,
        );
    };
    let target = Target::new(text);
    let graph = around::links(around::reopen(&open, name).map_err(|d| vec![d])?, &target)
        .map_err(|d| vec![d])?;
    if !graph.has_centres() {
        let input = around::reopen(&open, name).map_err(|d| vec![d])?;
        return Err(vec![around::nearest(input, name, &target)]);
    }
    let kept = graph.neighbourhood(options.depth.unwrap_or(DEFAULT_DEPTH));
    let mut importer = Importer::default();
    let input = around::reopen(&open, name).map_err(|d| vec![d])?;
    let read = stream::statements(input, |item| {
        match item {
            Item::Statement(chunk) => match serde_json::from_str::<Links>(chunk.text) {
                Ok(l) => {
                    let d = &l.record_details;
                    let ends = around::ends(d.subject.as_ref(), d.interested_party.as_ref());
                    if around::keeps(&kept, &l.record_id, l.record_type, ends) {
                        importer.statement(&chunk);
                    }
                }
                Err(e) => importer.diagnostics.push(chunk.error(&e)),
            },
            Item::Problem(d) => importer.diagnostics.push(d),
        }
        importer.bound();
    });
    if let Err(d) = read {
        importer.diagnostics.push(d);
    }
    importer.finish(name)
}

/// The records and sources read so far, and what was found to say.
#[derive(Default)]
struct Importer {
    records: Records,
    sources: Sources,
    diagnostics: Vec<Diagnostic>,
    /// Problems found past [`KEPT`]: how many, and whether one of them is an error.
    unkept: (usize, bool),
    /// Statements read, in input order.
    seq: u64,
}

/// Problems kept of one input; past them they are counted, not kept, so that a file of
/// millions of broken statements does not take gigabytes of messages nobody reads.
const KEPT: usize = 10_000;

impl Importer {
    fn item(&mut self, item: Item<'_>) {
        match item {
            Item::Statement(chunk) => self.statement(&chunk),
            Item::Problem(d) => self.diagnostics.push(d),
        }
        self.bound();
    }

    /// Keeps the first [`KEPT`] problems, and counts the rest.
    fn bound(&mut self) {
        if self.diagnostics.len() > KEPT {
            for d in self.diagnostics.drain(KEPT..) {
                self.unkept.0 += 1;
                self.unkept.1 |= d.is_error();
            }
        }
    }

    /// Reads one statement and applies it to its record.
    fn statement(&mut self, chunk: &Chunk<'_>) {
        self.seq += 1;
        let s: Statement = match serde_json::from_str(chunk.text) {
            Ok(s) => s,
            Err(e) => {
                self.diagnostics.push(chunk.error(&e));
                return;
            }
        };
        let top = |key| locate(chunk.text, chunk.base, &[Step::Key(key)]).unwrap_or(chunk.start);
        let date = match mapping::date(&s.statement_date) {
            Ok(d) => At::new(d, chunk.start),
            Err(e) => {
                self.diagnostics
                    .push(Diagnostic::error(top("statementDate"), e));
                return;
            }
        };
        let published = s
            .publication_details
            .as_ref()
            .and_then(|p| p.publication_date.as_deref())
            .and_then(|text| match mapping::date(text) {
                Ok(d) => Some(At::new(d, chunk.start)),
                Err(e) => {
                    let at = locate(
                        chunk.text,
                        chunk.base,
                        &[
                            Step::Key("publicationDetails"),
                            Step::Key("publicationDate"),
                        ],
                    );
                    self.diagnostics
                        .push(Diagnostic::error(at.unwrap_or(chunk.start), e));
                    None
                }
            });
        let source = self.sources.cite(
            s.publication_details.as_ref(),
            s.source.as_ref(),
            published,
            chunk.start,
        );
        let mut cx = Cx {
            chunk,
            source: source.clone(),
            diagnostics: &mut self.diagnostics,
        };
        let notes: Vec<Note> = s
            .annotations
            .iter()
            .filter_map(annotation)
            .map(|text| Note {
                text,
                sources: source.iter().cloned().collect(),
            })
            .collect();
        let d = &s.record_details;
        let body = match s.record_type {
            RecordType::Entity => Body::Entity(mapping::entity(&mut cx, &s.record_id, d, notes)),
            RecordType::Person => Body::Person(mapping::person(&mut cx, &s.record_id, d, notes)),
            RecordType::Relationship => {
                Body::Relationship(mapping::relationship(&mut cx, d, notes))
            }
        };
        let told = Told {
            id: Id::from(s.record_id.as_ref()),
            kind: s.record_type,
            status: s.record_status,
            order: Order::new(date.value, &s.statement_date, self.seq),
            date,
            body,
            source,
        };
        if let Err(w) = self.records.apply(told) {
            self.diagnostics.push(w);
        }
    }

    /// Keeps only the neighbourhood of `target` among the records read.
    fn narrow(&mut self, name: &str, target: &Target, depth: u32) -> Result<(), Diagnostic> {
        let mut graph = Graph::default();
        for r in &self.records.list {
            match &r.body {
                Body::Relationship(rel) => {
                    graph.record(&r.id, false, Some(relationship_ends(rel)));
                }
                body => {
                    let ids = identifiers(body);
                    let centre = target.names(
                        &r.id,
                        ids.iter().map(|i| (i.scheme.as_str(), i.id.as_str())),
                    );
                    graph.record(&r.id, centre, None);
                }
            }
        }
        if !graph.has_centres() {
            let mut nearest = around::Nearest::default();
            for r in &self.records.list {
                if matches!(r.body, Body::Relationship(_)) {
                    continue;
                }
                nearest.offer(target.text(), &r.id);
                for i in identifiers(&r.body) {
                    nearest.offer(target.text(), &format!("{}:{}", i.scheme, i.id));
                }
            }
            return Err(nearest.error(name, target));
        }
        let kept = graph.neighbourhood(depth);
        self.records.retain(|r| {
            let ends = match &r.body {
                Body::Relationship(rel) => relationship_ends(rel),
                _ => (None, None),
            };
            around::keeps(&kept, &r.id, r.kind, ends)
        });
        Ok(())
    }

    /// The model, or every problem when one of them is an error.
    fn finish(mut self, name: &str) -> Result<Imported, Vec<Diagnostic>> {
        self.bound();
        let model = assemble::assemble(
            &super::title(name),
            self.records,
            std::mem::take(&mut self.sources.list),
            &mut self.diagnostics,
        );
        let mut diagnostics = self.diagnostics;
        if let (n @ 1.., error) = self.unkept {
            let message = format!(
                "the input has {} problems: the first {KEPT} are kept, the rest only counted",
                n + diagnostics.len()
            );
            let help = "fix the problems shown and run again";
            let first = if error {
                Diagnostic::error(Pos::UNKNOWN, message)
            } else {
                Diagnostic::warning(Pos::UNKNOWN, message)
            };
            diagnostics.insert(0, first.with_help(help));
        }
        // Sorted by place, the count (at no place) stays first.
        Imported::unless_errors(model, diagnostics)
    }
}

/// The record ids a relationship names.
fn relationship_ends(r: &mapping::Relationship) -> (Option<&str>, Option<&str>) {
    fn named(end: &mapping::End) -> Option<&str> {
        match end {
            mapping::End::Record(id) => Some(id.as_str()),
            _ => None,
        }
    }
    (named(&r.subject), named(&r.party))
}

/// The identifiers of an entity or a person.
fn identifiers(body: &Body) -> &[crate::model::Identifier] {
    match body {
        Body::Entity(e) => &e.more().identifiers,
        Body::Person(p) => &p.identifiers,
        Body::Relationship(_) => &[],
    }
}

/// An annotation as the text of a note: what it says, why, on what, by whom.
fn annotation(a: &Annotation<'_>) -> Option<String> {
    let what = a
        .description
        .as_deref()
        .or(a.transformed_content.as_deref())
        .or(a.url.as_deref())?;
    let why = match a.motivation.as_deref() {
        Some("commenting") => "Comment",
        Some("correcting") => "Correction",
        Some("identifying") => "Identification",
        Some("linking") => "Link",
        Some("transformation") => "Transformation",
        Some(other) => other,
        None => "Annotation",
    };
    let mut text = format!("{why}: {what}");
    if let Some(url) = a.url.as_deref().filter(|u| *u != what) {
        text.push_str(&format!(" ({url})"));
    }
    let mut about = Vec::new();
    if let Some(target) = a
        .statement_pointer_target
        .as_deref()
        .filter(|t| !t.is_empty())
    {
        about.push(format!("on {target}"));
    }
    if let Some(by) = a.created_by.as_ref().and_then(|c| c.name.as_deref()) {
        about.push(format!("by {by}"));
    }
    if let Some(date) = a.creation_date.as_deref() {
        about.push(date.to_owned());
    }
    if !about.is_empty() {
        text.push_str(&format!(" — {}", about.join(", ")));
    }
    Some(text)
}
