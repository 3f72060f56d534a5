//! Where each entity sits at a date. An entity's parent may change over time (`parent:` as
//! periods); at a day, its parent is the one in force then, or none outside every period. A view
//! that shows only what exists at the day never hides an entity because an ancestor did not
//! exist: it places the entity under its nearest ancestor in force that exists, or makes it a
//! root, and marks it as lifted ([`Tree::is_lifted`]).

use std::sync::{Arc, Mutex, PoisonError};

use crate::model::{Day, Period};

use super::{Adjacency, EntityId, EntitySet, Org, Tree};

/// How a tree at a day places an entity whose parent does not exist at that day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Placing {
    /// Under its parent in force, whether that parent exists or not: for a view that shows
    /// every entity and dims what does not exist.
    AsWritten,
    /// Under its nearest ancestor in force that exists at the day, or as a root: for a view
    /// that shows only what exists.
    UnderExisting,
}

/// One of an entity's parents, resolved, and when it is in force.
#[derive(Debug, Clone, Copy, rkyv::Archive, rkyv::Serialize, rkyv::Deserialize)]
pub(super) struct ParentLink {
    pub(super) parent: EntityId,
    pub(super) period: Period,
}

/// Each entity's parents over time.
#[derive(Debug, Clone, Default, rkyv::Archive, rkyv::Serialize, rkyv::Deserialize)]
pub(super) struct Parents {
    /// By entity, the numbers of its links in `links`.
    pub(super) of: Adjacency,
    pub(super) links: Vec<ParentLink>,
    /// Whether any entity's parent changes over time.
    pub(super) dated: bool,
}

impl Parents {
    /// `id`'s parent in force on `day`.
    pub(super) fn on(&self, id: EntityId, day: Day) -> Option<EntityId> {
        self.of
            .get(id.0)
            .iter()
            .map(|&n| self.links[n as usize])
            .find(|l| l.period.contains(day))
            .map(|l| l.parent)
    }

    /// Each of `id`'s parents with its period, in file order.
    pub(super) fn all(&self, id: EntityId) -> impl Iterator<Item = ParentLink> + '_ {
        self.of.get(id.0).iter().map(|&n| self.links[n as usize])
    }
}

/// The last few trees asked for. An org is shared read-only; building a tree is linear, so the
/// explorer stepping back and forth between dates, and every view of one date, reuse them.
/// What a tree was built for: `None` for the one tree of a model whose structure never changes.
type TreeKey = Option<(Day, Placing)>;

#[derive(Default)]
pub(super) struct TreeCache {
    trees: Mutex<Vec<(TreeKey, Arc<Tree>)>>,
}

/// How many trees are kept.
const KEPT: usize = 4;

impl Clone for TreeCache {
    fn clone(&self) -> Self {
        TreeCache::default()
    }
}

impl std::fmt::Debug for TreeCache {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("TreeCache")
    }
}

impl TreeCache {
    /// The tree kept for `key`, made the most recent.
    fn get(&self, key: TreeKey) -> Option<Arc<Tree>> {
        // A panic while the lock was held leaves only a cache behind: take it as it is.
        let mut trees = self.trees.lock().unwrap_or_else(PoisonError::into_inner);
        let at = trees.iter().position(|(k, _)| *k == key)?;
        let hit = trees.remove(at);
        let tree = Arc::clone(&hit.1);
        trees.push(hit);
        Some(tree)
    }

    /// Keeps `tree` for `key`, forgetting the least recent when full. The lock is not held
    /// while a tree is built, so building one may ask for another.
    fn put(&self, key: TreeKey, tree: &Arc<Tree>) {
        let mut trees = self.trees.lock().unwrap_or_else(PoisonError::into_inner);
        if trees.iter().any(|(k, _)| *k == key) {
            return;
        }
        if trees.len() >= KEPT {
            trees.remove(0);
        }
        trees.push((key, Arc::clone(tree)));
    }
}

impl Org {
    /// `id`'s parent in force on `day`, whether it exists then or not.
    pub fn parent_on(&self, id: EntityId, day: Day) -> Option<EntityId> {
        self.parents.on(id, day)
    }

    /// Each of `id`'s parents and the period it is in force, in the order the file gives them
    /// (one open period for a parent that never changes).
    pub fn parents_over_time(&self, id: EntityId) -> impl Iterator<Item = (EntityId, Period)> + '_ {
        self.parents.all(id).map(|l| (l.parent, l.period))
    }

    /// The tree on `day`, placing entities whose parent does not exist then as `placing` says.
    pub fn tree(&self, day: Day, placing: Placing) -> Arc<Tree> {
        // A model whose parents never change has one tree as written, whatever the day.
        let fixed = !self.parents.dated;
        let key = (!fixed || placing == Placing::UnderExisting).then_some((day, placing));
        if let Some(tree) = self.trees.get(key) {
            return tree;
        }
        let tree = if fixed && placing == Placing::UnderExisting && !self.needs_lifting(day) {
            // Nothing to lift on that day: the tree as written serves, and is kept for the
            // day too, so the scan that found it is not done again.
            self.tree(day, Placing::AsWritten)
        } else {
            Arc::new(self.build_tree(day, placing))
        };
        self.trees.put(key, &tree);
        tree
    }

    /// Whether some entity's parent does not exist on `day` (a linear scan).
    fn needs_lifting(&self, day: Day) -> bool {
        self.entity_ids().any(|id| {
            self.parents
                .on(id, day)
                .is_some_and(|p| !self.exists_at(p, day))
        })
    }

    fn build_tree(&self, day: Day, placing: Placing) -> Tree {
        let count = self.entity_count();
        let mut parent: Vec<Option<EntityId>> = self
            .entity_ids()
            .map(|id| self.parents.on(id, day))
            .collect();
        let mut lifted = EntitySet::empty(count);
        if placing == Placing::UnderExisting {
            // For each entity that does not exist, its nearest existing ancestor in force,
            // found once per entity whatever the depth: a chain is walked up to the first
            // entity already resolved, then every entity on the way is resolved to its answer.
            let mut up: Vec<Option<Option<EntityId>>> = vec![None; count];
            let mut path = Vec::new();
            for id in self.entity_ids() {
                let Some(p) = parent[id.index()] else {
                    continue;
                };
                if self.exists_at(p, day) {
                    continue;
                }
                let mut at = Some(p);
                let answer = loop {
                    let Some(a) = at else { break None };
                    if self.exists_at(a, day) {
                        break Some(a);
                    }
                    if let Some(known) = up[a.index()] {
                        break known;
                    }
                    // A cycle (which validation reports) ends the walk as at a root.
                    if path.len() > count {
                        break None;
                    }
                    path.push(a);
                    at = self.parents.on(a, day);
                };
                for a in path.drain(..) {
                    up[a.index()] = Some(answer);
                }
                parent[id.index()] = answer;
                lifted.insert(id);
            }
        }
        Tree::new(parent, lifted)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::{Syntax, parse};

    fn org(yaml: &str) -> Org {
        Org::new(parse(yaml, Syntax::Yaml).unwrap()).unwrap().0
    }

    fn day(text: &str) -> Day {
        text.parse::<crate::model::PartialDate>()
            .unwrap()
            .first_day()
    }

    #[test]
    fn a_fixed_model_shares_one_tree_unless_something_is_lifted() {
        let org = org("title: t
entities:
  - {id: a, name: A, kind: group, founded: 2015}
  - {id: b, name: B, kind: company, parent: a}
");
        let written = org.tree(day("2010"), Placing::AsWritten);
        assert!(Arc::ptr_eq(
            &written,
            &org.tree(day("2020"), Placing::AsWritten)
        ));
        // In 2020 nothing is lifted: the same tree. In 2010 `a` does not exist yet: `b` is lifted.
        let in_2020 = org.tree(day("2020"), Placing::UnderExisting);
        assert!(Arc::ptr_eq(&written, &in_2020));
        assert!(Arc::ptr_eq(
            &in_2020,
            &org.tree(day("2020"), Placing::UnderExisting)
        ));
        let in_2010 = org.tree(day("2010"), Placing::UnderExisting);
        let b = org.find_entity("b").unwrap();
        assert!(in_2010.is_lifted(b) && in_2010.parent(b).is_none());
        assert_eq!(written.parent(b), org.find_entity("a"));
    }
}
