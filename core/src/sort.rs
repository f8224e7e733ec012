//! Stable sorting with one copy of the sort code.
//!
//! `slice::sort_by` is generic over the element and the comparison: every call site compiles
//! its own few kilobytes of sort code, which is most of the browser module's sort code. These
//! helpers sort a list of positions with one non-generic function and then move the elements
//! into that order, so each call site adds only a comparison closure and the small move loop.
//! The order is the same as `sort_by`'s: stable, equal elements keep their order.
//!
//! [`group_by`], [`group`] and [`retain_first`] use the same sort in place of a `BTreeMap` of
//! lists or a `BTreeSet` of keys seen, whose insertion, iteration and drop code is compiled
//! again for every key and value type.

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

/// Groups `items` by the key `key` gives each: the groups in key order, each group's items in
/// their input order.
///
/// The same groups as pushing every item onto `map.entry(key).or_default()` of a `BTreeMap`, at
/// the cost of one shared sort instead of a map's insertion code per key and item type.
pub fn group_by<T, K: Ord>(
    items: impl IntoIterator<Item = T>,
    mut key: impl FnMut(&T) -> K,
) -> Vec<(K, Vec<T>)> {
    group(items.into_iter().map(|item| (key(&item), item)))
}

/// Groups the values of `pairs` by their key, like [`group_by`]: the groups in key order, each
/// group's values in their input order.
pub fn group<K: Ord, V>(pairs: impl IntoIterator<Item = (K, V)>) -> Vec<(K, Vec<V>)> {
    let mut pairs: Vec<(K, V)> = pairs.into_iter().collect();
    sort_by(&mut pairs, |a, b| a.0.cmp(&b.0));
    let mut groups: Vec<(K, Vec<V>)> = Vec::new();
    for (key, value) in pairs {
        match groups.last_mut() {
            Some((last, values)) if *last == key => values.push(value),
            _ => groups.push((key, vec![value])),
        }
    }
    groups
}

/// Keeps the first item of each key, in their order: `retain` with a set of the keys seen.
pub fn retain_first<T, K: Ord>(items: &mut Vec<T>, key: impl FnMut(&T) -> K) {
    let keys: Vec<K> = items.iter().map(key).collect();
    // Stable: the first position of each run of equal keys is the key's first item.
    let order = sorted_positions(keys.len(), &mut |a, b| keys[a].cmp(&keys[b]));
    let mut first = vec![false; keys.len()];
    for (i, &at) in order.iter().enumerate() {
        first[at] = i == 0 || keys[order[i - 1]] != keys[at];
    }
    let mut first = first.into_iter();
    items.retain(|_| first.next().unwrap_or(false));
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

    const LENGTHS: [usize; 8] = [0, 1, 2, 3, 5, 17, 64, 200];

    /// `len` pseudo-random items: a key among 7, and the item's position to see stability.
    fn sample(seed: &mut u32, len: usize) -> Vec<(u32, usize)> {
        (0..len)
            .map(|i| {
                *seed = seed.wrapping_mul(1_103_515_245).wrapping_add(12_345);
                ((*seed >> 16) % 7, i)
            })
            .collect()
    }

    #[test]
    fn matches_the_standard_stable_sort() {
        let mut seed = 7_u32;
        for len in LENGTHS {
            let items = sample(&mut seed, len);
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

    #[test]
    fn groups_and_keeps_firsts_like_the_collections() {
        let mut seed = 11_u32;
        for len in LENGTHS {
            let items = sample(&mut seed, len);
            let mut expected: BTreeMap<u32, Vec<(u32, usize)>> = BTreeMap::new();
            for &item in &items {
                expected.entry(item.0).or_default().push(item);
            }
            let expected: Vec<_> = expected.into_iter().collect();
            assert_eq!(group_by(items.clone(), |&(key, _)| key), expected);
            let pairs = items.iter().map(|&item| (item.0, item));
            assert_eq!(group(pairs), expected);
            let mut seen = BTreeSet::new();
            let mut expected = items.clone();
            expected.retain(|&(key, _)| seen.insert(key));
            let mut got = items;
            retain_first(&mut got, |&(key, _)| key);
            assert_eq!(got, expected);
        }
    }
}
