//! Resolving references by id: each id of an entity, person or source indexed once (an id
//! defined twice is reported), and each reference looked up, with a diagnostic (and, within a
//! budget, a suggestion) for one that names nothing.

use crate::diagnostic::Diagnostic;
use crate::model::{Model, Ref};
use crate::suggest;

use super::{EntityId, Holder, IdIndex, PersonId};

/// At most this many unknown references get a suggestion: each costs a scan of every id.
const SUGGESTION_BUDGET: usize = 64;

/// What a reference points at, for messages.
#[derive(Clone, Copy)]
enum Namespace {
    Entity,
    Person,
    Source,
    /// A stake's owner or beneficiary: an entity or a person.
    Holder,
}

impl Namespace {
    fn with_article(self) -> &'static str {
        match self {
            Namespace::Entity => "an entity",
            Namespace::Person => "a person",
            Namespace::Source => "a source",
            Namespace::Holder => "an entity or a person",
        }
    }

    fn noun(self) -> &'static str {
        match self {
            Namespace::Entity => "entity",
            Namespace::Person => "person",
            Namespace::Source => "source",
            Namespace::Holder => "entity or person",
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
            Namespace::Holder => Box::new(
                self.ids(Namespace::Entity)
                    .chain(self.ids(Namespace::Person)),
            ),
        }
    }

    /// The item `r` names in `ns`, or a diagnostic saying there is none.
    fn resolve(&mut self, r: &Ref, ns: Namespace, field: &str) -> Option<u32> {
        let found = self.find(r, ns);
        if found.is_none() {
            self.unknown(r, ns, field);
        }
        found
    }

    /// The item `r` names in `ns`, silently.
    fn find(&self, r: &Ref, ns: Namespace) -> Option<u32> {
        let m = self.model;
        match ns {
            Namespace::Entity => self.entities.get(r, |n| &m.entities[n as usize].id),
            Namespace::Person => self.people.get(r, |n| &m.people[n as usize].id),
            Namespace::Source => self.sources.get(r, |n| &m.sources[n as usize].id),
            Namespace::Holder => None,
        }
    }

    /// Reports that `r` names nothing in `ns`, with the nearest id when there is one.
    fn unknown(&mut self, r: &Ref, ns: Namespace, field: &str) {
        {
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
    }

    /// The entity or the person a stake's `field` names; an id that is both is an error, since
    /// the stake could mean either.
    pub(super) fn holder(&mut self, r: &Ref, field: &str) -> Option<Holder> {
        let entity = self.find(r, Namespace::Entity);
        let person = self.find(r, Namespace::Person);
        match (entity, person) {
            (Some(e), None) => Some(Holder::Entity(EntityId(e))),
            (None, Some(p)) => Some(Holder::Person(PersonId(p))),
            (Some(_), Some(_)) => {
                self.diagnostics.push(
                    Diagnostic::error(
                        r.pos,
                        format!("`{field}` names `{}`, which is both an entity and a person", r.value),
                    )
                    .with_help("give the entity or the person another id, so that the stake names one of them"),
                );
                None
            }
            (None, None) => {
                self.unknown(r, Namespace::Holder, field);
                None
            }
        }
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
