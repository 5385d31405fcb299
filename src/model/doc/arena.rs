//! The document's nodes or attributes in order: one vector, or after a two-thread parse the first
//! half's vector followed by the second half's, each kept where its thread built it. Joining them
//! into one vector would copy (and fault in fresh memory for) half of a 12 MB file's arena.

use std::ops::{Index, IndexMut, Range};

/// Items indexed 0.. across a head vector and then a tail vector (whose first `skip` items are
/// not part of the arena).
#[derive(Debug, Clone)]
pub(crate) struct Arena<T> {
    head: Vec<T>,
    tail: Vec<T>,
    skip: usize,
}

impl<T> Default for Arena<T> {
    fn default() -> Self {
        Arena::from(Vec::new())
    }
}

impl<T> From<Vec<T>> for Arena<T> {
    fn from(head: Vec<T>) -> Self {
        Arena {
            head,
            tail: Vec::new(),
            skip: 0,
        }
    }
}

impl<T> Arena<T> {
    /// `head` followed by `tail[skip..]`.
    pub fn joined(head: Vec<T>, tail: Vec<T>, skip: usize) -> Self {
        let skip = skip.min(tail.len());
        Arena { head, tail, skip }
    }

    pub fn len(&self) -> usize {
        self.head.len() + self.tail.len() - self.skip
    }

    fn tail(&self) -> &[T] {
        &self.tail[self.skip..]
    }

    fn tail_mut(&mut self) -> &mut [T] {
        &mut self.tail[self.skip..]
    }

    pub fn get_mut(&mut self, index: usize) -> Option<&mut T> {
        match index.checked_sub(self.head.len()) {
            None => self.head.get_mut(index),
            Some(i) => self.tail_mut().get_mut(i),
        }
    }

    pub fn iter(&self) -> impl DoubleEndedIterator<Item = &T> {
        self.head.iter().chain(self.tail().iter())
    }

    /// The items from `start` on.
    pub fn iter_mut_from(&mut self, start: usize) -> impl DoubleEndedIterator<Item = &mut T> {
        let head_len = self.head.len();
        let tail = &mut self.tail[self.skip..];
        let tail_start = start.saturating_sub(head_len).min(tail.len());
        self.head[start.min(head_len)..]
            .iter_mut()
            .chain(tail[tail_start..].iter_mut())
    }

    /// The items before `end`.
    pub fn iter_mut_until(&mut self, end: usize) -> impl DoubleEndedIterator<Item = &mut T> {
        let head_len = self.head.len();
        let tail = &mut self.tail[self.skip..];
        let tail_end = end.saturating_sub(head_len).min(tail.len());
        self.head[..end.min(head_len)]
            .iter_mut()
            .chain(tail[..tail_end].iter_mut())
    }

    /// The index of the first item for which `pred` is false (items must be partitioned).
    pub fn partition_point(&self, pred: impl Fn(&T) -> bool) -> usize {
        let in_head = self.head.partition_point(&pred);
        if in_head < self.head.len() {
            in_head
        } else {
            self.head.len() + self.tail().partition_point(pred)
        }
    }

    /// A run of items that lies in one of the two vectors (the attributes of one element always
    /// do: each half's parse pushes an element's attributes together). A run across the seam
    /// is empty, which construction never produces.
    pub fn run(&self, range: Range<usize>) -> &[T] {
        let head_len = self.head.len();
        if range.end <= head_len {
            &self.head[range]
        } else if range.start >= head_len {
            self.tail()
                .get(range.start - head_len..range.end - head_len)
                .unwrap_or(&[])
        } else {
            debug_assert!(false, "a run across the seam of an arena");
            &[]
        }
    }
}

impl<T: PartialEq> PartialEq for Arena<T> {
    /// The same items in the same order, however they are split.
    fn eq(&self, other: &Self) -> bool {
        self.len() == other.len() && self.iter().eq(other.iter())
    }
}

impl<T> Index<usize> for Arena<T> {
    type Output = T;

    fn index(&self, index: usize) -> &T {
        match index.checked_sub(self.head.len()) {
            None => &self.head[index],
            Some(i) => &self.tail()[i],
        }
    }
}

impl<T> IndexMut<usize> for Arena<T> {
    fn index_mut(&mut self, index: usize) -> &mut T {
        match index.checked_sub(self.head.len()) {
            None => &mut self.head[index],
            Some(i) => &mut self.tail_mut()[i],
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn indexes_iterates_and_searches_across_the_seam() {
        let mut arena = Arena::joined(vec![1, 3, 5], vec![0, 7, 9, 11], 1);
        let plain = Arena::from(vec![1, 3, 5, 7, 9, 11]);
        assert_eq!(arena, plain);
        assert_eq!(arena.len(), 6);
        assert_eq!((arena[2], arena[3], arena[5]), (5, 7, 11));
        assert_eq!(
            (arena.get_mut(5).copied(), arena.get_mut(6).copied()),
            (Some(11), None)
        );
        assert_eq!(arena.partition_point(|x| *x < 4), 2);
        assert_eq!(arena.partition_point(|x| *x < 8), 4);
        assert_eq!(arena.partition_point(|x| *x < 100), 6);
        assert_eq!(arena.run(0..2), &[1, 3]);
        assert_eq!(arena.run(4..6), &[9, 11]);
        for from in 0..=6 {
            let got: Vec<i32> = arena.iter_mut_from(from).map(|x| *x).collect();
            assert_eq!(got, [1, 3, 5, 7, 9, 11][from..], "from {from}");
            let got: Vec<i32> = arena.iter_mut_until(from).map(|x| *x).collect();
            assert_eq!(got, [1, 3, 5, 7, 9, 11][..from], "until {from}");
        }
        for x in arena.iter_mut_from(2) {
            *x += 100;
        }
        arena[0] = 0;
        assert_eq!(arena, Arena::from(vec![0, 3, 105, 107, 109, 111]));
    }
}
