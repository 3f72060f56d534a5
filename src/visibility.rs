//! Which entities a view shows: those that exist at its date and match its filter, plus the way
//! to them (their ancestors). The explorer's tree, every dump, the chart and the search all ask
//! this one rule. A caller that would rather dim what is outside the date than hide it asks
//! for [`When::Any`] and dims by [`Org::exists_at`] itself.

use crate::model::Day;
use crate::org::{EntityId, EntitySet, Org, Tree};

/// The date a view shows what exists on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum When {
    /// What exists on this day.
    On(Day),
    /// What exists on any day: every entity, whatever its dates.
    Any,
}

impl When {
    /// Whether `id` exists at this date.
    fn exists(self, org: &Org, id: EntityId) -> bool {
        match self {
            When::On(day) => org.exists_at(id, day),
            When::Any => true,
        }
    }
}

/// The entities a view shows, by the rule of [`Visible::new`].
#[derive(Debug, Clone)]
pub struct Visible<'a> {
    org: &'a Org,
    tree: &'a Tree,
    when: When,
    /// For each entity, whether it is shown; `None` until a filter or an inclusion needs it.
    /// Without one, what exists is shown, decided entity by entity, so a view without a filter
    /// costs nothing before it is drawn.
    mask: Option<EntitySet>,
}

impl<'a> Visible<'a> {
    /// What exists `when` and, given the entities a filter `matched`, only those of them that
    /// exist and the way to them in `tree`: their ancestors that exist.
    pub fn new(
        org: &'a Org,
        tree: &'a Tree,
        when: When,
        matched: Option<&EntitySet>,
    ) -> Visible<'a> {
        Visible {
            org,
            tree,
            when,
            mask: matched.map(|m| filtered(org, tree, when, m)),
        }
    }

    /// What exists on `day` in `tree`, with no filter.
    pub fn at(org: &'a Org, tree: &'a Tree, day: Day) -> Visible<'a> {
        Visible::new(org, tree, When::On(day), None)
    }

    /// The tree the view is shown in.
    pub fn tree(&self) -> &'a Tree {
        self.tree
    }

    /// Whether `id` is shown.
    pub fn contains(&self, id: EntityId) -> bool {
        match &self.mask {
            Some(mask) => mask.contains(id),
            None => self.when.exists(self.org, id),
        }
    }

    /// Shows `id` whatever the rule says (a `--root` asked for by name).
    pub fn include(&mut self, id: EntityId) {
        if self.contains(id) {
            return;
        }
        self.mask
            .get_or_insert_with(|| exists(self.org, self.when))
            .insert(id);
    }

    /// How many entities are shown.
    pub fn count(&self) -> usize {
        match &self.mask {
            Some(mask) => mask.len(),
            None => self
                .org
                .entity_ids()
                .filter(|&id| self.when.exists(self.org, id))
                .count(),
        }
    }

    /// For each entity, whether it is shown; `None` when every entity is (any date, no filter).
    pub fn into_mask(self) -> Option<EntitySet> {
        match (self.mask, self.when) {
            (Some(mask), _) => Some(mask),
            (None, When::Any) => None,
            (None, when) => Some(exists(self.org, when)),
        }
    }
}

/// For each entity, whether it exists `when`.
fn exists(org: &Org, when: When) -> EntitySet {
    EntitySet::from_fn(org, |id| when.exists(org, id))
}

/// The rule with a filter: the `matched` entities that exist `when`, and their ancestors that
/// exist.
pub fn filtered(org: &Org, tree: &Tree, when: When, matched: &EntitySet) -> EntitySet {
    marked(tree, matched.iter(), |id| when.exists(org, id)).shown
}

/// The rule with a filter, from the matches themselves: what [`filtered`] shows, and the
/// entities to expand so that all of it is on a row (the parent of each shown entity). Each
/// climb from a match stops at an entity already climbed through, so this costs as much as
/// the matches and the way to them, not the model.
pub fn filtered_matches(org: &Org, tree: &Tree, when: When, matches: &[EntityId]) -> Filtered {
    marked(tree, matches.iter().copied(), |id| when.exists(org, id))
}

/// What a filter shows, with what to expand to show it.
#[derive(Debug, Clone, Default)]
pub struct Filtered {
    /// The matches that exist, and their ancestors that exist.
    pub shown: EntitySet,
    /// The parent of each shown entity.
    pub expand: EntitySet,
}

/// The rule with a filter, for the `matches` and an `exists` rule.
fn marked(
    tree: &Tree,
    matches: impl Iterator<Item = EntityId>,
    exists: impl Fn(EntityId) -> bool,
) -> Filtered {
    let mut out = Filtered {
        shown: tree.empty_set(),
        expand: tree.empty_set(),
    };
    let show = |out: &mut Filtered, id: EntityId| {
        if out.shown.insert(id)
            && let Some(parent) = tree.parent(id)
        {
            out.expand.insert(parent);
        }
    };
    // The way up from each match; an ancestor outside the date is not shown, but the walk goes
    // on through it, as the ancestors above it still lead to the match.
    let mut on_the_way = tree.empty_set();
    for id in matches.filter(|&id| exists(id)) {
        show(&mut out, id);
        let mut at = id;
        while let Some(parent) = tree.parent(at) {
            if !on_the_way.insert(parent) {
                break;
            }
            if exists(parent) {
                show(&mut out, parent);
            }
            at = parent;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::load_embedded;
    use crate::search;

    fn names(org: &Org, visible: &Visible) -> Vec<String> {
        org.entity_ids()
            .filter(|&id| visible.contains(id))
            .map(|id| org.entity(id).id.value.to_string())
            .collect()
    }

    /// The embedded model's tree, which does not change over time.
    fn tree(org: &Org) -> std::sync::Arc<crate::org::Tree> {
        org.tree(day("2015"), crate::org::Placing::AsWritten)
    }

    fn day(text: &str) -> Day {
        text.parse::<crate::model::PartialDate>()
            .unwrap()
            .first_day()
    }

    #[test]
    fn a_filter_shows_its_matches_and_the_way_to_them() {
        let org = load_embedded().unwrap().org;
        let t = tree(&org);
        let found = search::find(&org, &tree(&org), "atheos", None);
        let visible = Visible::new(&org, &t, When::On(day("2015-01-12")), Some(&found.matched));
        assert_eq!(
            names(&org, &visible),
            ["orange", "orange-cyberdefense", "atheos"]
        );
        assert_eq!(visible.count(), 3);
    }

    #[test]
    fn without_a_filter_what_exists_at_the_date_is_shown() {
        let org = load_embedded().unwrap().org;
        let t = tree(&org);
        let numergy = org.find_entity("numergy").unwrap();
        assert!(!Visible::at(&org, &t, day("2011")).contains(numergy));
        assert!(Visible::at(&org, &t, day("2015")).contains(numergy));
        assert!(
            Visible::new(&org, &t, When::Any, None)
                .into_mask()
                .is_none()
        );
        let mask = Visible::at(&org, &t, day("2011")).into_mask().unwrap();
        assert!(!mask.contains(numergy));
    }

    #[test]
    fn without_a_date_a_match_outside_it_is_kept_for_the_caller_to_dim() {
        let org = load_embedded().unwrap().org;
        let t = tree(&org);
        let found = search::find(&org, &tree(&org), "numergy", None);
        let numergy = org.find_entity("numergy").unwrap();
        let hidden = Visible::new(&org, &t, When::On(day("2011")), Some(&found.matched));
        assert!(!hidden.contains(numergy));
        assert_eq!(hidden.count(), 0);
        let kept = Visible::new(&org, &t, When::Any, Some(&found.matched));
        assert!(kept.contains(numergy));
        assert!(kept.contains(org.find_entity("sfr").unwrap()));
    }

    #[test]
    fn an_entity_asked_for_is_included() {
        let org = load_embedded().unwrap().org;
        let t = tree(&org);
        let numergy = org.find_entity("numergy").unwrap();
        let mut visible = Visible::at(&org, &t, day("2011"));
        let before = visible.count();
        visible.include(numergy);
        assert!(visible.contains(numergy));
        assert_eq!(visible.count(), before + 1);
    }
}
