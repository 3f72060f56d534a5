//! The tree orgtree shows, which BODS does not have: each entity is placed under the entity
//! that holds a majority of its shares — more than half, by an exact share or by the low end of
//! a range (more than 50 %, or at least a share above 50 %) — in a direct shareholding that has
//! not ended; every other entity is a root. A holding that would close a circle of majorities
//! (two entities each holding most of the other) leaves the later entity a root, with a warning.

use std::collections::HashMap;

use crate::diagnostic::Diagnostic;
use crate::model::{At, Dated, Entity, Fraction, Id, Interest, Stake};

/// Gives each entity of `entities` its majority holder among them as its parent.
pub fn place(entities: &mut [Entity], stakes: &[Stake], diagnostics: &mut Vec<Diagnostic>) {
    let index: HashMap<&str, usize> = entities
        .iter()
        .enumerate()
        .map(|(i, e)| (e.id.as_str(), i))
        .collect();
    // The majority holder of each entity: the stake with the largest low end.
    let mut holder: Vec<Option<(usize, &Stake)>> = vec![None; entities.len()];
    for s in stakes.iter().filter(|s| majority(s)) {
        let (Some(&owner), Some(&owned)) =
            (index.get(s.owner.as_str()), index.get(s.owned.as_str()))
        else {
            continue;
        };
        let larger = |held: &(usize, &Stake)| share_low(s) > share_low(held.1);
        if holder[owned].as_ref().is_none_or(larger) {
            holder[owned] = Some((owner, s));
        }
    }
    let mut trees = Trees::new(entities.len());
    for (child, held) in holder.into_iter().enumerate() {
        let Some((parent, stake)) = held else {
            continue;
        };
        if trees.join(child, parent) {
            entities[child].parent = Some(Dated::Always(At::new(
                Id::from(entities[parent].id.as_str()),
                stake.owner.pos,
            )));
        } else {
            diagnostics.push(
                Diagnostic::warning(
                    stake.owned.pos,
                    format!(
                        "`{}` is not placed under `{}`, its majority holder, since `{}` is below it already: a circle of majority holdings",
                        entities[child].id.value, entities[parent].id.value, entities[parent].id.value
                    ),
                )
                .with_help("the tree cannot hold a circle; the stakes are all kept"),
            );
        }
    }
}

fn share_low(s: &Stake) -> (Fraction, bool) {
    s.share
        .as_ref()
        .map_or((Fraction::from_integer(0), false), |sh| {
            (sh.low(), sh.low_open())
        })
}

/// A direct shareholding still held, of more than half.
fn majority(s: &Stake) -> bool {
    let half = Fraction::new(1, 2);
    s.interest == Interest::Shares
        && !s.indirect
        && s.end.is_none()
        && s.owner.value != s.owned.value
        && s.share
            .as_ref()
            .is_some_and(|sh| sh.low() > half || sh.low() == half && sh.low_open())
}

/// The trees built so far, as a union-find: an entity is joined to a parent only when the
/// parent is not in its own tree, which, since each entity is joined at most once and as the
/// root of its tree, is exactly when the link closes no circle.
struct Trees {
    up: Vec<usize>,
}

impl Trees {
    fn new(n: usize) -> Trees {
        Trees {
            up: (0..n).collect(),
        }
    }

    fn root(&mut self, mut i: usize) -> usize {
        while self.up[i] != i {
            // Path halving keeps the walks short.
            self.up[i] = self.up[self.up[i]];
            i = self.up[i];
        }
        i
    }

    /// Joins `child`'s tree under `parent`'s, unless they are one tree already.
    fn join(&mut self, child: usize, parent: usize) -> bool {
        let (c, p) = (self.root(child), self.root(parent));
        if c == p {
            return false;
        }
        self.up[c] = p;
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{EntityFields, EntityKind, Pos};

    fn entity(id: &str) -> Entity {
        Entity::from(EntityFields {
            id: At::new(Id::from(id), Pos::UNKNOWN),
            name: Dated::always(id.to_owned()),
            kind: Dated::always(EntityKind::Company),
            description: None,
            other_names: Vec::new(),
            identifiers: Vec::new(),
            parent: None,
            founded: None,
            dissolved: None,
            attributes: Default::default(),
            notes: Vec::new(),
            sources: Vec::new(),
            competing: Vec::new(),
        })
    }

    fn stake(owner: &str, owned: &str, share: &str) -> Stake {
        serde_json::from_value(serde_json::json!({"owner": owner, "owned": owned, "share": share}))
            .unwrap()
    }

    fn parents(entities: &[Entity]) -> Vec<Option<&str>> {
        entities
            .iter()
            .map(|e| {
                e.parent
                    .as_ref()
                    .and_then(|p| p.latest())
                    .map(|p| p.value.as_str())
            })
            .collect()
    }

    #[test]
    fn majorities_make_the_tree() {
        let mut entities: Vec<Entity> = ["a", "b", "c", "d", "e"].map(entity).into();
        let mut ended = stake("a", "e", "100%");
        ended.end = Some(At::new("2020".parse().unwrap(), Pos::UNKNOWN));
        let mut indirect = stake("a", "d", "60%");
        indirect.indirect = true;
        let stakes = [
            stake("a", "b", "60%"),
            stake("b", "c", ">50%..75%"),
            stake("a", "c", "20%"),
            stake("a", "d", "50%"),
            indirect,
            ended,
            stake("person", "a", "90%"),
        ];
        let mut diagnostics = Vec::new();
        place(&mut entities, &stakes, &mut diagnostics);
        assert_eq!(parents(&entities), [None, Some("a"), Some("b"), None, None]);
        assert!(diagnostics.is_empty());
    }

    #[test]
    fn a_circle_of_majorities_is_cut_with_a_warning() {
        let mut entities: Vec<Entity> = ["a", "b", "c"].map(entity).into();
        let stakes = [
            stake("b", "a", "60%"),
            stake("c", "b", "60%"),
            stake("a", "c", "60%"),
        ];
        let mut diagnostics = Vec::new();
        place(&mut entities, &stakes, &mut diagnostics);
        assert_eq!(parents(&entities), [Some("b"), Some("c"), None]);
        assert_eq!(diagnostics.len(), 1);
        assert!(
            diagnostics[0]
                .message
                .contains("`c` is not placed under `a`")
        );
    }
}
