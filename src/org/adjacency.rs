//! A compact one-to-many index (compressed rows): for each key, the items that belong to it, in
//! the order they were given. One allocation for all keys, however many there are.

/// For each key `0..len`, a slice of item numbers.
#[derive(Debug, Clone, Default, rkyv::Archive, rkyv::Serialize, rkyv::Deserialize)]
pub struct Adjacency {
    /// `offsets[k]..offsets[k + 1]` is key `k`'s range in `items`.
    pub(super) offsets: Vec<u32>,
    pub(super) items: Vec<u32>,
}

impl Adjacency {
    /// Builds the index for keys `0..len` from `(key, item)` pairs; pairs whose key is out of
    /// range are ignored. Items keep their relative order within a key.
    pub fn build(len: usize, pairs: impl Iterator<Item = (u32, u32)> + Clone) -> Self {
        let mut offsets = vec![0u32; len + 1];
        for (key, _) in pairs.clone() {
            if let Some(count) = offsets.get_mut(key as usize + 1) {
                *count += 1;
            }
        }
        for k in 1..offsets.len() {
            offsets[k] += offsets[k - 1];
        }
        let mut next = offsets.clone();
        let mut items = vec![0u32; offsets[len] as usize];
        for (key, item) in pairs {
            if let Some(slot) = next.get_mut(key as usize)
                && (key as usize) < len
            {
                items[*slot as usize] = item;
                *slot += 1;
            }
        }
        Adjacency { offsets, items }
    }

    /// Whether this index has a row for each of `keys` keys, its rows lie in order inside its
    /// items, and each item is below `items`.
    pub fn is_within(&self, keys: usize, items: usize) -> bool {
        self.offsets.len() == keys + 1
            && self.offsets.first() == Some(&0)
            && self.offsets.windows(2).all(|w| w[0] <= w[1])
            && self
                .offsets
                .last()
                .is_some_and(|&end| end as usize == self.items.len())
            && self.items.iter().all(|&n| (n as usize) < items)
    }

    /// The items of `key`, empty when the key is out of range.
    pub fn get(&self, key: u32) -> &[u32] {
        let k = key as usize;
        match (self.offsets.get(k), self.offsets.get(k + 1)) {
            (Some(&start), Some(&end)) => &self.items[start as usize..end as usize],
            _ => &[],
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn groups_items_by_key_in_order() {
        let pairs = [(2u32, 10u32), (0, 11), (2, 12), (5, 13), (0, 14)];
        let adj = Adjacency::build(3, pairs.iter().copied());
        assert_eq!(adj.get(0), &[11, 14]);
        assert_eq!(adj.get(1), &[] as &[u32]);
        assert_eq!(adj.get(2), &[10, 12]);
        assert_eq!(adj.get(3), &[] as &[u32]);
        assert_eq!(adj.get(99), &[] as &[u32]);
    }
}
