//! Stable sorting with one copy of the sort code.
//!
//! `slice::sort_by` is generic over the element and the comparison: every call site compiles
//! its own few kilobytes of sort code, which is most of the browser module's sort code. These
//! helpers sort a list of positions with one non-generic function and then move the elements
//! into that order, so each call site adds only a comparison closure and the small move loop.
//! The order is the same as `sort_by`'s: stable, equal elements keep their order.

use std::cmp::Ordering;
use std::collections::{BTreeMap, BTreeSet};

/// Sorts `items` stably by `compare`, like `slice::sort_by`.
pub fn sort_by<T>(items: &mut [T], mut compare: impl FnMut(&T, &T) -> Ordering) {
    let order = sorted_positions(items.len(), &mut |a, b| compare(&items[a], &items[b]));
    permute(items, order);
}

/// Sorts `items` stably by the key `key` returns, like `slice::sort_by_key`.
pub fn sort_by_key<T, K: Ord>(items: &mut [T], mut key: impl FnMut(&T) -> K) {
    sort_by(items, |a, b| key(a).cmp(&key(b)));
}

/// Sorts `items` stably in their natural order, like `slice::sort`.
pub fn sort<T: Ord>(items: &mut [T]) {
    sort_by(items, T::cmp);
}

/// `collect()` into a `BTreeMap` or `BTreeSet` by inserting one item after the other.
///
/// `collect()` sorts the items first, with its own copy of the sort code per item type; these
/// reuse the insertion code the map already has. The result is the same: for a key given
/// twice, the later value wins.
pub trait CollectSorted: Iterator + Sized {
    fn collect_map<K: Ord, V>(self) -> BTreeMap<K, V>
    where
        Self: Iterator<Item = (K, V)>,
    {
        let mut map = BTreeMap::new();
        map.extend(self);
        map
    }

    fn collect_set(self) -> BTreeSet<Self::Item>
    where
        Self::Item: Ord,
    {
        let mut set = BTreeSet::new();
        set.extend(self);
        set
    }
}

impl<I: Iterator> CollectSorted for I {}

/// The positions `0..len` in the stable order `compare` gives them.
fn sorted_positions(len: usize, compare: &mut dyn FnMut(usize, usize) -> Ordering) -> Vec<usize> {
    let mut order: Vec<usize> = (0..len).collect();
    order.sort_by(|&a, &b| compare(a, b));
    order
}

/// Moves the element at `order[i]` to position `i`, following each cycle of the permutation.
fn permute<T>(items: &mut [T], mut order: Vec<usize>) {
    for start in 0..order.len() {
        let mut hole = start;
        while order[hole] != start {
            let from = order[hole];
            items.swap(hole, from);
            order[hole] = hole;
            hole = from;
        }
        order[hole] = hole;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matches_the_standard_stable_sort() {
        let mut seed = 7_u32;
        for len in [0, 1, 2, 3, 5, 17, 64, 200] {
            let items: Vec<(u32, usize)> = (0..len)
                .map(|i| {
                    seed = seed.wrapping_mul(1_103_515_245).wrapping_add(12_345);
                    ((seed >> 16) % 7, i)
                })
                .collect();
            let mut expected = items.clone();
            expected.sort_by_key(|&(key, _)| key);
            let mut got = items.clone();
            sort_by_key(&mut got, |&(key, _)| key);
            assert_eq!(got, expected);
            let mut expected = items.clone();
            expected.sort();
            let mut got = items;
            sort(&mut got);
            assert_eq!(got, expected);
        }
    }
}
