//! The order of siblings a view shows: the model's, or sorted by name, by headcount or by the
//! parent's share. Sorting gives a new [`Tree`] with the same parents
//! ([`Tree::reordered`]), never a changed org; ties keep the model's order.

use std::cmp::Reverse;

use num_traits::CheckedAdd;

use crate::model::{Day, Fraction};
use crate::org::{EntityId, Org, Tree};

use super::Headcount;

/// How children are ordered under their parent.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, clap::ValueEnum)]
pub enum Order {
    /// As the model lists them.
    #[default]
    Model,
    /// By name at the date, A to Z, ignoring case.
    Name,
    /// By people over the subtree, then units over it, largest first.
    Headcount,
    /// By the parent's share in the child, largest first; children it holds no known share
    /// in come last.
    Share,
}

impl Order {
    /// The next order, for a key that cycles through them.
    pub fn next(self) -> Order {
        match self {
            Order::Model => Order::Name,
            Order::Name => Order::Headcount,
            Order::Headcount => Order::Share,
            Order::Share => Order::Model,
        }
    }

    /// The word for the order, as the status line and `--sort` spell it.
    pub fn word(self) -> &'static str {
        match self {
            Order::Model => "model",
            Order::Name => "name",
            Order::Headcount => "headcount",
            Order::Share => "share",
        }
    }
}

/// `tree` with its siblings in `order` on `day` (`heads` are the tree's counts on that day);
/// `None` for the model's order, which is the tree as it is.
pub fn sorted(org: &Org, tree: &Tree, heads: &Headcount, day: Day, order: Order) -> Option<Tree> {
    match order {
        Order::Model => None,
        Order::Name => Some(tree.reordered(|id| org.name_on(id, day).to_lowercase())),
        Order::Headcount => Some(tree.reordered(|id| {
            let c = heads.of(id);
            Reverse((c.people_total, c.units_total))
        })),
        Order::Share => Some(tree.reordered(|id| Reverse(parent_share(org, tree, id, day)))),
    }
}

/// The share `id`'s parent in `tree` holds in it on `day`: the sum of its stakes in force, by
/// their lowest values (the largest of them, should the sum not fit); `None` when it holds none
/// of known share.
fn parent_share(org: &Org, tree: &Tree, id: EntityId, day: Day) -> Option<Fraction> {
    let parent = tree.parent(id)?;
    org.owners_at(id, day)
        .filter(|s| s.owner_entity() == Some(parent))
        .filter_map(|s| s.stake.share.as_ref().map(|share| share.value.low()))
        .reduce(|a, b| a.checked_add(&b).unwrap_or(a.max(b)))
}
