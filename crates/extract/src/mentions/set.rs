//! The mentions a document's passes find, kept so that every question a pass
//! asks ("what covers these bytes?", "what starts here?", "what was named
//! just before?") costs the span it asks about, not the whole document: a
//! 4 MiB document costs four times a 1 MiB one.
//!
//! A removed mention leaves a dead slot until the next `compact`, so the
//! index of a mention stays valid for the whole pass that made it.

use super::Mention;
use std::collections::BTreeSet;
use std::ops::{Index, IndexMut};

pub(crate) struct MentionSet {
    slots: Vec<Mention>,
    dead: Vec<bool>,
    /// `(start, slot)` of every live mention.
    by_start: BTreeSet<(usize, usize)>,
    /// For each byte of the text, how many live mentions cover it.
    cover: Vec<u16>,
    /// The longest span ever held: how far before a byte a mention that
    /// covers it may start.
    longest: usize,
}

impl MentionSet {
    pub(crate) fn new(text_len: usize) -> Self {
        MentionSet {
            slots: Vec::new(),
            dead: Vec::new(),
            by_start: BTreeSet::new(),
            cover: vec![0; text_len + 1],
            longest: 0,
        }
    }

    fn mark(&mut self, s: usize, e: usize, up: bool) {
        let n = self.cover.len();
        for c in &mut self.cover[s.min(n)..e.min(n)] {
            *c = if up {
                c.saturating_add(1)
            } else {
                c.saturating_sub(1)
            };
        }
    }

    /// Adds a mention; its slot stays valid until `compact`.
    pub(crate) fn push(&mut self, m: Mention) -> usize {
        let k = self.slots.len();
        self.mark(m.start, m.end, true);
        self.longest = self.longest.max(m.end.saturating_sub(m.start));
        self.by_start.insert((m.start, k));
        self.slots.push(m);
        self.dead.push(false);
        k
    }

    fn kill(&mut self, k: usize) {
        if self.dead[k] {
            return;
        }
        let (s, e) = (self.slots[k].start, self.slots[k].end);
        self.dead[k] = true;
        self.by_start.remove(&(s, k));
        self.mark(s, e, false);
    }

    /// Whether any live mention covers a byte of `[s, e)`.
    pub(crate) fn overlaps(&self, s: usize, e: usize) -> bool {
        let n = self.cover.len();
        self.cover[s.min(n)..e.min(n)].iter().any(|&c| c > 0)
    }

    /// Moves mention `k` to `[start, end)`.
    pub(crate) fn set_span(&mut self, k: usize, start: usize, end: usize) {
        let (s, e) = (self.slots[k].start, self.slots[k].end);
        self.mark(s, e, false);
        self.mark(start, end, true);
        self.by_start.remove(&(s, k));
        self.by_start.insert((start, k));
        self.longest = self.longest.max(end.saturating_sub(start));
        self.slots[k].start = start;
        self.slots[k].end = end;
    }

    /// Removes the mentions that lie within `[s, e)`.
    pub(crate) fn remove_within(&mut self, s: usize, e: usize) {
        let gone: Vec<usize> = self
            .overlapping(s, e)
            .filter(|(_, m)| m.start >= s && m.end <= e)
            .map(|(k, _)| k)
            .collect();
        for k in gone {
            self.kill(k);
        }
    }

    /// Removes the mentions that share a byte with `[s, e)`.
    pub(crate) fn remove_overlapping(&mut self, s: usize, e: usize) {
        let gone: Vec<usize> = self.overlapping(s, e).map(|(k, _)| k).collect();
        for k in gone {
            self.kill(k);
        }
    }

    /// Live mentions with `s <= start < e`, by start.
    pub(crate) fn starting_in(
        &self,
        s: usize,
        e: usize,
    ) -> impl DoubleEndedIterator<Item = (usize, &Mention)> + '_ {
        let e = e.max(s);
        self.by_start
            .range((s, 0)..(e, 0))
            .map(move |&(_, k)| (k, &self.slots[k]))
    }

    /// Live mentions that share a byte with `[s, e)`, by start.
    pub(crate) fn overlapping(
        &self,
        s: usize,
        e: usize,
    ) -> impl DoubleEndedIterator<Item = (usize, &Mention)> + '_ {
        self.starting_in(s.saturating_sub(self.longest), e)
            .filter(move |(_, m)| m.start < e && s < m.end)
    }

    /// Live mentions that start at byte `s`.
    pub(crate) fn starting_at(&self, s: usize) -> impl DoubleEndedIterator<Item = &Mention> + '_ {
        self.starting_in(s, s + 1).map(|(_, m)| m)
    }

    /// Live mentions that end at byte `e`, by start.
    pub(crate) fn ending_at(&self, e: usize) -> impl DoubleEndedIterator<Item = &Mention> + '_ {
        self.overlapping(e.saturating_sub(1), e)
            .map(|(_, m)| m)
            .filter(move |m| m.end == e)
    }

    /// Live mentions in slot order.
    pub(crate) fn iter(&self) -> impl DoubleEndedIterator<Item = &Mention> + '_ {
        self.iter_indexed().map(|(_, m)| m)
    }

    /// Live mentions with their slots, in slot order.
    pub(crate) fn iter_indexed(&self) -> impl DoubleEndedIterator<Item = (usize, &Mention)> + '_ {
        self.slots
            .iter()
            .enumerate()
            .filter(|(k, _)| !self.dead[*k])
    }

    /// The slots, live or dead: `for k in 0..slots()` with `is_live(k)`.
    pub(crate) fn slots(&self) -> usize {
        self.slots.len()
    }

    pub(crate) fn is_live(&self, k: usize) -> bool {
        !self.dead[k]
    }

    /// Drops dead slots and sorts by start, longest first: slots change.
    pub(crate) fn compact(&mut self) {
        let dead = std::mem::take(&mut self.dead);
        let mut k = 0;
        self.slots.retain(|_| {
            k += 1;
            !dead[k - 1]
        });
        self.slots
            .sort_by_key(|m| (m.start, std::cmp::Reverse(m.end)));
        self.dead = vec![false; self.slots.len()];
        self.by_start = self
            .slots
            .iter()
            .enumerate()
            .map(|(k, m)| (m.start, k))
            .collect();
    }

    /// The live mentions, sorted by start, longest first.
    pub(crate) fn into_sorted(mut self) -> Vec<Mention> {
        self.compact();
        self.slots
    }
}

impl Index<usize> for MentionSet {
    type Output = Mention;
    fn index(&self, k: usize) -> &Mention {
        &self.slots[k]
    }
}

/// Mutable access to a mention's entity, kind and quantity; its span
/// changes through `set_span` only.
impl IndexMut<usize> for MentionSet {
    fn index_mut(&mut self, k: usize) -> &mut Mention {
        &mut self.slots[k]
    }
}
