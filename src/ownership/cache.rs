//! Look-through answers computed once per (entity, date) and kept: the explorer draws the
//! detail pane on every frame, and a dump asks for every entity. A complete answer also
//! shortens the computations of the entities it owns, which reach it on their way up.

use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::rc::Rc;
use std::time::Instant;

use crate::model::Day;
use crate::org::{EntityId, EntitySet, Holder, Org};

use super::{Budget, Effective, MAX_STEPS, MAX_TIME, MIN_STEPS, Measure, compute};

/// Remembered answers, keyed by entity and date. Interior mutability lets the drawing, which
/// sees the app only through `&`, fill it.
#[derive(Debug, Default)]
pub struct Cache {
    answers: RefCell<HashMap<(EntityId, Day, Measure), Rc<Effective>>>,
    /// For a dump: the steps and the time left for all its computations together; `None` in
    /// the explorer, where each computation has its own budget.
    shared: Option<Shared>,
}

#[derive(Debug)]
struct Shared {
    steps: Cell<usize>,
    deadline: Instant,
    /// How many computations [`Cache::fill`] still has to make: each gets an even share of
    /// what is left.
    waiting: Cell<usize>,
}

impl Cache {
    pub fn new() -> Cache {
        Cache::default()
    }

    /// A cache whose computations share `steps` and `time` between them, as a dump's do: those
    /// [`Cache::fill`] makes get an even share of what is left, each within the standard budget
    /// and never fewer than a few hundred steps, so the dump ends in bounded time with every
    /// answer marked for what it is.
    pub fn shared(steps: usize, time: std::time::Duration) -> Cache {
        Cache {
            answers: RefCell::default(),
            shared: Some(Shared {
                steps: Cell::new(steps),
                deadline: Instant::now() + time,
                waiting: Cell::new(1),
            }),
        }
    }

    /// The ultimate owners of `id` on `day`, computed the first time they are asked for.
    pub fn effective(&self, org: &Org, id: EntityId, day: Day) -> Rc<Effective> {
        self.measured(org, id, day, Measure::Shares)
    }

    /// Who controls `id` on `day` ([`Measure::Votes`]), computed the first time it is asked.
    pub fn control(&self, org: &Org, id: EntityId, day: Day) -> Rc<Effective> {
        self.measured(org, id, day, Measure::Votes)
    }

    fn measured(&self, org: &Org, id: EntityId, day: Day, measure: Measure) -> Rc<Effective> {
        if let Some(found) = self.answers.borrow().get(&(id, day, measure)) {
            return Rc::clone(found);
        }
        let budget = match &self.shared {
            None => Budget::standard(),
            Some(shared) => {
                let share = shared.waiting.get().max(1);
                Budget::new(
                    (shared.steps.get() / share).clamp(MIN_STEPS, MAX_STEPS),
                    (shared.deadline.saturating_duration_since(Instant::now())
                        / u32::try_from(share).unwrap_or(u32::MAX))
                    .min(MAX_TIME),
                )
            }
        };
        let known = |at: EntityId| self.answers.borrow().get(&(at, day, measure)).cloned();
        let (answer, steps) = compute(org, id, day, measure, budget, Some(&known));
        if let Some(shared) = &self.shared {
            shared.steps.set(shared.steps.get().saturating_sub(steps));
        }
        let answer = Rc::new(answer);
        self.answers
            .borrow_mut()
            .insert((id, day, measure), Rc::clone(&answer));
        answer
    }

    /// Computes the answers of `entities` with owners on `day`, each entity's holders before
    /// it where the stakes allow (not round a cycle), so that each computation can stop at
    /// holders already answered.
    pub fn fill(&self, org: &Org, day: Day, entities: impl IntoIterator<Item = EntityId>) {
        let order = holders_first(org, day, entities);
        for (i, &id) in order.iter().enumerate() {
            if let Some(shared) = &self.shared {
                shared.waiting.set(order.len() - i);
            }
            self.effective(org, id, day);
        }
        if let Some(shared) = &self.shared {
            shared.waiting.set(1);
        }
    }

    /// Forgets every answer: the org they were computed from is gone.
    pub fn clear(&self) {
        self.answers.borrow_mut().clear();
    }
}

/// `entities` with owners on `day` and the holders above them that have owners too, each after
/// its holders where the stakes allow: depth first up the holders, an entity listed once its
/// holders are.
fn holders_first(
    org: &Org,
    day: Day,
    entities: impl IntoIterator<Item = EntityId>,
) -> Vec<EntityId> {
    let mut done = EntitySet::new(org);
    let has_owners = |e: EntityId| org.owners_at(e, day).next().is_some();
    let mut order = Vec::new();
    for start in entities {
        if done.contains(start) || !has_owners(start) {
            continue;
        }
        done.insert(start);
        let mut stack: Vec<(EntityId, Vec<EntityId>)> = vec![(start, holders(org, start, day))];
        while let Some((at, pending)) = stack.last_mut() {
            match pending.pop() {
                Some(h) if !done.contains(h) && has_owners(h) => {
                    done.insert(h);
                    let up = holders(org, h, day);
                    stack.push((h, up));
                }
                Some(_) => {}
                None => {
                    order.push(*at);
                    stack.pop();
                }
            }
        }
    }
    order
}

/// The entities holding stakes in `id` on `day`, in reverse file order (they are popped).
fn holders(org: &Org, id: EntityId, day: Day) -> Vec<EntityId> {
    let mut found: Vec<EntityId> = org
        .owners_at(id, day)
        .filter_map(|s| s.holder().and_then(Holder::entity))
        .collect();
    found.reverse();
    found
}
