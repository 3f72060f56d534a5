//! Id → position lookup for one kind of item (entities, people, sources) that stores only item
//! numbers: the ids themselves stay in the model.

use std::hash::BuildHasher;

use hashbrown::{DefaultHashBuilder, HashTable};

#[derive(Debug, Clone, Default)]
pub struct IdIndex {
    table: HashTable<u32>,
    hasher: DefaultHashBuilder,
}

impl IdIndex {
    /// Indexes `ids` (item `n` has id `ids[n]`). A repeated id keeps its first item; `duplicate`
    /// is told `(first, repeat)` for each repetition.
    pub fn build(ids: &[&str], mut duplicate: impl FnMut(u32, u32)) -> Self {
        let mut index = IdIndex {
            table: HashTable::with_capacity(ids.len()),
            hasher: DefaultHashBuilder::default(),
        };
        for (n, id) in ids.iter().enumerate() {
            let n = u32::try_from(n).unwrap_or(u32::MAX);
            let hash = index.hasher.hash_one(id);
            match index.table.find(hash, |&other| ids[other as usize] == *id) {
                Some(&first) => duplicate(first, n),
                None => {
                    index.table.insert_unique(hash, n, |&other| {
                        index.hasher.hash_one(ids[other as usize])
                    });
                }
            }
        }
        index
    }

    /// The item whose id is `id`; `id_of` gives the id of an item number.
    pub fn get<'a>(&self, id: &str, id_of: impl Fn(u32) -> &'a str) -> Option<u32> {
        let hash = self.hasher.hash_one(id);
        self.table.find(hash, |&n| id_of(n) == id).copied()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_ids_and_reports_repeats() {
        let ids = ["orange", "sfr", "orange", "bull"];
        let mut repeats = Vec::new();
        let index = IdIndex::build(&ids, |first, again| repeats.push((first, again)));
        assert_eq!(repeats, [(0, 2)]);
        let id_of = |n: u32| ids[n as usize];
        assert_eq!(index.get("sfr", id_of), Some(1));
        assert_eq!(index.get("orange", id_of), Some(0));
        assert_eq!(index.get("thales", id_of), None);
    }
}
