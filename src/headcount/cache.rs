//! Counts and sorted trees computed once per tree and day and kept: the explorer draws its
//! rows on every frame, and each dump asks for every entity. Trees are told apart by their
//! allocation (the org hands out one `Arc` per tree it keeps), and an entry holds its tree, so
//! that allocation is never reused while the entry lives.

use std::sync::{Arc, Mutex, PoisonError};

use crate::model::Day;
use crate::org::{Org, Tree};

use super::{Headcount, Order, sorted};

/// How many answers of each kind are kept.
const KEPT: usize = 4;

type Counted = (Arc<Tree>, Day, Arc<Headcount>);
type Sorted = (Arc<Tree>, Day, Order, Arc<Tree>);

/// The last few headcounts and sorted trees asked for.
#[derive(Debug, Default)]
pub struct Cache {
    counts: Mutex<Vec<Counted>>,
    sorted: Mutex<Vec<Sorted>>,
}

impl Cache {
    pub fn new() -> Cache {
        Cache::default()
    }

    /// The counts of `tree` on `day`, computed the first time they are asked for.
    pub fn counts(&self, org: &Org, tree: &Arc<Tree>, day: Day) -> Arc<Headcount> {
        let found = |kept: &Vec<Counted>| {
            kept.iter()
                .find(|(t, d, _)| Arc::ptr_eq(t, tree) && *d == day)
                .map(|(_, _, h)| Arc::clone(h))
        };
        // A panic while the lock was held leaves only a cache behind: take it as it is.
        if let Some(h) = found(&self.counts.lock().unwrap_or_else(PoisonError::into_inner)) {
            return h;
        }
        let heads = Arc::new(Headcount::new(org, tree, day));
        let mut kept = self.counts.lock().unwrap_or_else(PoisonError::into_inner);
        if kept.len() >= KEPT {
            kept.remove(0);
        }
        kept.push((Arc::clone(tree), day, Arc::clone(&heads)));
        heads
    }

    /// `tree` on `day` with its siblings in `order`: `tree` itself in the model's order, else
    /// sorted the first time it is asked for. The sorted tree has `tree`'s counts.
    pub fn sorted(&self, org: &Org, tree: &Arc<Tree>, day: Day, order: Order) -> Arc<Tree> {
        if order == Order::Model {
            return Arc::clone(tree);
        }
        let found = |kept: &Vec<Sorted>| {
            kept.iter()
                .find(|(t, d, o, _)| Arc::ptr_eq(t, tree) && *d == day && *o == order)
                .map(|(_, _, _, s)| Arc::clone(s))
        };
        if let Some(s) = found(&self.sorted.lock().unwrap_or_else(PoisonError::into_inner)) {
            return s;
        }
        let heads = self.counts(org, tree, day);
        let view = sorted(org, tree, &heads, day, order).map_or_else(|| Arc::clone(tree), Arc::new);
        let mut kept = self.sorted.lock().unwrap_or_else(PoisonError::into_inner);
        if kept.len() >= KEPT {
            kept.remove(0);
        }
        kept.push((Arc::clone(tree), day, order, Arc::clone(&view)));
        // The sorted tree has the same parents, so the same counts: keep them for it too.
        let mut counted = self.counts.lock().unwrap_or_else(PoisonError::into_inner);
        if !counted
            .iter()
            .any(|(t, d, _)| Arc::ptr_eq(t, &view) && *d == day)
        {
            if counted.len() >= KEPT {
                counted.remove(0);
            }
            counted.push((Arc::clone(&view), day, heads));
        }
        view
    }
}
