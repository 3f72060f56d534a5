//! Headcount roll-ups at a date: for each entity of a tree, the units under it and the people
//! holding a role in it, directly and over its whole subtree, and its span of control.
//!
//! - **Units**: entities that exist at the date. Direct: its children in the tree; total: every
//!   descendant.
//! - **People**: persons holding a role in force at the date (`Org::role_in_force`). Direct: the
//!   distinct people with a role in the entity; total: the distinct people with a role anywhere
//!   in its subtree, the entity included. A person with roles in two entities of a subtree
//!   counts **once** in that subtree's total (and once in the direct count of each entity).
//! - **Span of control**: the direct reports, the distinct people with a role in force in one of
//!   the entity's children who hold none in the entity itself. For a position (an HR table's
//!   row), the people in the positions that report to it.
//!
//! [`Headcount::new`] is linear in the entities and the roles (a person's roles are sorted by
//! their place in the tree, and each extra role of a person climbs to where the two meet, so
//! that people count once), and iterative: a chain of any depth cannot overflow the stack.
//! It is computed once per tree and day and kept by [`Cache`], with the trees sorted for a view
//! ([`Order`]).

mod cache;
mod sort;

#[cfg(test)]
mod tests;

pub use cache::Cache;
pub use sort::{Order, sorted};

use crate::model::Day;
use crate::org::{EntityId, Org, Tree};

/// The counts of one entity at a date.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    /// Distinct people with a role in force in the entity.
    pub people_direct: u32,
    /// Distinct people with a role in force in the entity or anywhere under it.
    pub people_total: u32,
    /// Children that exist at the date.
    pub units_direct: u32,
    /// Descendants that exist at the date.
    pub units_total: u32,
    /// Direct reports: the distinct people in the children who hold no role in the entity.
    pub span: u32,
}

impl Counts {
    /// Whether there is anything under the entity to count.
    pub fn has_subtree(&self) -> bool {
        self.units_total > 0 || self.people_total > self.people_direct
    }
}

/// The counts of every entity of a tree at a day.
#[derive(Debug, Clone)]
pub struct Headcount {
    day: Day,
    counts: Vec<Counts>,
}

/// Not reached from a root: on a cycle of parents, which no walk of the tree visits.
const UNREACHED: u32 = u32::MAX;

fn number(n: usize) -> u32 {
    // Models are bounded well below 4 billion entities and roles by the file-size limit.
    u32::try_from(n).unwrap_or(u32::MAX)
}

impl Headcount {
    /// The counts of `tree`'s entities on `day`.
    pub fn new(org: &Org, tree: &Tree, day: Day) -> Headcount {
        let count = tree.len();
        let (walk, rank) = preorder(tree);
        let mut counts = vec![Counts::default(); count];
        // Each distinct person's entities with a role in force, by person then tree rank.
        let mut held: Vec<(u32, u32, EntityId)> = org
            .roles()
            .filter(|r| org.role_in_force(r, day))
            .filter_map(|r| {
                let (person, entity) = (r.person?, r.entity?);
                let at = rank.get(entity.0 as usize).copied()?;
                Some((person.0, at, entity))
            })
            .collect();
        held.sort_unstable();
        held.dedup();
        // People over a subtree: +1 at each entity of a person, -1 where two of them meet, so
        // that the sums over subtrees count each person once.
        let mut people = vec![0i64; count];
        let mut parents = Vec::new();
        for group in held.chunk_by(|a, b| a.0 == b.0) {
            for (i, &(_, at, entity)) in group.iter().enumerate() {
                counts[entity.0 as usize].people_direct += 1;
                if at == UNREACHED {
                    continue;
                }
                people[entity.0 as usize] += 1;
                if let Some(&(_, before, previous)) = i.checked_sub(1).and_then(|j| group.get(j))
                    && before != UNREACHED
                    && let Some(meet) = meeting(tree, previous, entity)
                {
                    people[meet.0 as usize] -= 1;
                }
            }
            // Direct reports: the person counts once for each parent of their entities that
            // they hold no role in themselves.
            parents.clear();
            parents.extend(group.iter().filter_map(|&(_, _, e)| tree.parent(e)));
            parents.sort_unstable();
            parents.dedup();
            for &parent in &parents {
                if !group.iter().any(|&(_, _, e)| e == parent) {
                    counts[parent.0 as usize].span += 1;
                }
            }
        }
        let exists: Vec<bool> = (0..count)
            .map(|n| org.exists_at(EntityId(number(n)), day))
            .collect();
        // Children before parents: the walk backwards.
        for &id in walk.iter().rev() {
            let n = id.0 as usize;
            counts[n].people_total = u32::try_from(people[n].max(0)).unwrap_or(u32::MAX);
            if let Some(parent) = tree.parent(id) {
                let p = parent.0 as usize;
                people[p] += people[n];
                let below = counts[n].units_total + u32::from(exists[n]);
                counts[p].units_total += below;
                counts[p].units_direct += u32::from(exists[n]);
            }
        }
        for c in &mut counts {
            // An entity off every walk (on a cycle) has only its own people.
            c.people_total = c.people_total.max(c.people_direct);
        }
        Headcount { day, counts }
    }

    /// The counts of `id` (nothing, for an id outside the tree).
    pub fn of(&self, id: EntityId) -> Counts {
        self.counts.get(id.0 as usize).copied().unwrap_or_default()
    }

    /// The day the counts are for.
    pub fn day(&self) -> Day {
        self.day
    }
}

/// The entities in a depth-first walk from the roots, and each one's rank in it.
fn preorder(tree: &Tree) -> (Vec<EntityId>, Vec<u32>) {
    let mut rank = vec![UNREACHED; tree.len()];
    let mut walk = Vec::with_capacity(tree.len());
    let mut stack: Vec<EntityId> = tree.roots().collect();
    stack.reverse();
    while let Some(id) = stack.pop() {
        match rank.get_mut(id.0 as usize) {
            Some(slot) if *slot == UNREACHED => *slot = number(walk.len()),
            _ => continue,
        }
        walk.push(id);
        let before = stack.len();
        stack.extend(tree.children(id));
        stack[before..].reverse();
    }
    (walk, rank)
}

/// The nearest common ancestor of `a` and `b` (either one itself), `None` in different trees.
fn meeting(tree: &Tree, mut a: EntityId, mut b: EntityId) -> Option<EntityId> {
    while tree.depth(a) > tree.depth(b) {
        a = tree.parent(a)?;
    }
    while tree.depth(b) > tree.depth(a) {
        b = tree.parent(b)?;
    }
    while a != b {
        a = tree.parent(a)?;
        b = tree.parent(b)?;
    }
    Some(a)
}
