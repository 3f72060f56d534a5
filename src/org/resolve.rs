//! Resolving references by id: each id of an entity, person or source indexed once (an id
//! defined twice is reported), and each reference looked up, with a diagnostic (and, within a
//! budget, a suggestion) for one that names nothing.

use crate::diagnostic::Diagnostic;
use crate::model::{Model, Ref};
use crate::suggest;

use super::IdIndex;

/// At most this many unknown references get a suggestion: each costs a scan of every id.
const SUGGESTION_BUDGET: usize = 64;

/// What a reference points at, for messages.
#[derive(Clone, Copy)]
enum Namespace {
    Entity,
    Person,
    Source,
}

impl Namespace {
    fn with_article(self) -> &'static str {
        match self {
            Namespace::Entity => "an entity",
            Namespace::Person => "a person",
            Namespace::Source => "a source",
        }
    }

    fn noun(self) -> &'static str {
        match self {
            Namespace::Entity => "entity",
            Namespace::Person => "person",
            Namespace::Source => "source",
        }
    }
}

/// The ids of one model, and the problems found so far resolving references to them.
pub(super) struct Resolver<'m> {
    model: &'m Model,
    pub(super) entities: IdIndex,
    pub(super) people: IdIndex,
    pub(super) sources: IdIndex,
    pub(super) diagnostics: Vec<Diagnostic>,
    suggestions_left: usize,
}

impl<'m> Resolver<'m> {
    pub(super) fn new(model: &'m Model) -> Self {
        let mut diagnostics = Vec::new();
        let entities = index(
            &model.entities,
            |e| &e.id,
            Namespace::Entity,
            &mut diagnostics,
        );
        let people = index(
            &model.people,
            |p| &p.id,
            Namespace::Person,
            &mut diagnostics,
        );
        let sources = index(
            &model.sources,
            |s| &s.id,
            Namespace::Source,
            &mut diagnostics,
        );
        Resolver {
            model,
            entities,
            people,
            sources,
            diagnostics,
            suggestions_left: SUGGESTION_BUDGET,
        }
    }

    fn ids(&self, ns: Namespace) -> Box<dyn Iterator<Item = &'m str> + 'm> {
        let m = self.model;
        match ns {
            Namespace::Entity => Box::new(m.entities.iter().map(|e| e.id.value.as_str())),
            Namespace::Person => Box::new(m.people.iter().map(|p| p.id.value.as_str())),
            Namespace::Source => Box::new(m.sources.iter().map(|s| s.id.value.as_str())),
        }
    }

    /// The item `r` names in `ns`, or a diagnostic saying there is none.
    fn resolve(&mut self, r: &Ref, ns: Namespace, field: &str) -> Option<u32> {
        let m = self.model;
        let found = match ns {
            Namespace::Entity => self.entities.get(r, |n| &m.entities[n as usize].id),
            Namespace::Person => self.people.get(r, |n| &m.people[n as usize].id),
            Namespace::Source => self.sources.get(r, |n| &m.sources[n as usize].id),
        };
        if found.is_none() {
            let mut d = Diagnostic::error(
                r.pos,
                format!("`{field}` names unknown {} `{}`", ns.noun(), r.value),
            );
            if self.suggestions_left > 0 {
                self.suggestions_left -= 1;
                if let Some(help) = suggest::help(r, self.ids(ns)) {
                    d = d.with_help(help);
                }
            }
            self.diagnostics.push(match d.help {
                Some(_) => d,
                None => d.with_help(format!(
                    "define {} with this id, or correct the reference",
                    ns.with_article()
                )),
            });
        }
        found
    }

    pub(super) fn entity(&mut self, r: &Ref, field: &str) -> Option<u32> {
        self.resolve(r, Namespace::Entity, field)
    }

    pub(super) fn person(&mut self, r: &Ref, field: &str) -> Option<u32> {
        self.resolve(r, Namespace::Person, field)
    }

    pub(super) fn sources(&mut self, refs: &[Ref]) {
        for r in refs {
            self.resolve(r, Namespace::Source, "sources");
        }
    }

    pub(super) fn notes(&mut self, notes: &[crate::model::Note]) {
        for note in notes {
            self.sources(&note.sources);
        }
    }

    pub(super) fn competing(&mut self, competing: &[crate::model::Competing]) {
        for c in competing {
            self.sources(&c.sources);
        }
    }
}

/// Indexes the ids of `items`, reporting each id defined twice.
fn index<T>(
    items: &[T],
    id: impl Fn(&T) -> &Ref,
    ns: Namespace,
    diagnostics: &mut Vec<Diagnostic>,
) -> IdIndex {
    let ids: Vec<&str> = items.iter().map(|item| id(item).value.as_str()).collect();
    IdIndex::build(&ids, |first, again| {
        let (first, again) = (id(&items[first as usize]), id(&items[again as usize]));
        diagnostics.push(
            Diagnostic::error(
                again.pos,
                format!("{} id `{}` is defined twice", ns.noun(), again.value),
            )
            .with_help(format!(
                "it was first defined at line {}; give each {} its own id",
                first.pos.line,
                ns.noun()
            )),
        );
    })
}
