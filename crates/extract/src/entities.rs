//! The entities of one document: gazetteer entries and new names met in the
//! text, each with every surface form seen.

use crate::lexicon::Lexicon;
use fkg_model::{slug, Entity, EntityClass};
use std::collections::{BTreeSet, HashMap};

#[derive(Debug, Clone)]
pub(crate) struct Draft {
    pub id: String,
    pub label: String,
    pub class: EntityClass,
    pub aliases: BTreeSet<String>,
    pub same_as: Vec<String>,
    /// For people: the organisation they lead or belong to, when known.
    pub org: Option<usize>,
    /// For people: introduced with a leading title ("Administrator X")
    /// whose organisation the text did not name.
    pub untold_org: bool,
}

#[derive(Debug, Default)]
pub(crate) struct Entities {
    pub list: Vec<Draft>,
    by_id: HashMap<String, usize>,
}

impl Entities {
    /// The entity of gazetteer entry `i`.
    pub fn gazetteer(&mut self, lex: &Lexicon, i: usize) -> usize {
        let e = &lex.entries[i];
        if let Some(&k) = self.by_id.get(&e.id) {
            return k;
        }
        self.push(Draft {
            id: e.id.clone(),
            label: e.label.clone(),
            class: e.class,
            aliases: BTreeSet::new(),
            same_as: e
                .wikidata
                .iter()
                .map(|q| format!("http://www.wikidata.org/entity/{q}"))
                .collect(),
            org: None,
            untold_org: false,
        })
    }

    /// The entity labelled `label`: a gazetteer entry when one has that
    /// label, otherwise a new entity of `class`.
    pub fn named(&mut self, lex: &Lexicon, label: &str, class: EntityClass) -> usize {
        let id = slug(label);
        if let Some(&k) = self.by_id.get(&id) {
            return k;
        }
        if let Some(&i) = lex.by_id.get(&id) {
            return self.gazetteer(lex, i);
        }
        self.push(Draft {
            id,
            label: label.to_string(),
            class,
            aliases: BTreeSet::new(),
            same_as: Vec::new(),
            org: None,
            untold_org: false,
        })
    }

    fn push(&mut self, d: Draft) -> usize {
        let k = self.list.len();
        self.by_id.insert(d.id.clone(), k);
        self.list.push(d);
        k
    }

    pub fn alias(&mut self, k: usize, surface: &str) {
        let s = surface.trim().trim_end_matches(['’', '\'']).trim();
        let s = s
            .strip_suffix("’s")
            .or_else(|| s.strip_suffix("'s"))
            .unwrap_or(s);
        let s = clean_ws(s);
        if !s.is_empty() && s != self.list[k].label && s.chars().count() <= 120 && !is_anaphor(&s) {
            self.list[k].aliases.insert(s);
        }
    }

    pub fn get(&self, k: usize) -> &Draft {
        &self.list[k]
    }

    /// Renames person `k` to a fuller name, keeping the old one as an alias.
    pub fn rename(&mut self, k: usize, label: &str) {
        let old = std::mem::replace(&mut self.list[k].label, label.to_string());
        self.by_id.remove(&self.list[k].id);
        self.list[k].id = slug(label);
        self.by_id.insert(self.list[k].id.clone(), k);
        self.alias(k, &old);
    }

    pub fn finish(&self, used: &BTreeSet<usize>) -> Vec<Entity> {
        let mut out: Vec<Entity> = used
            .iter()
            .map(|&k| {
                let d = &self.list[k];
                Entity {
                    id: d.id.clone(),
                    label: d.label.clone(),
                    class: d.class,
                    aliases: d
                        .aliases
                        .iter()
                        .filter(|a| **a != d.label)
                        .cloned()
                        .collect(),
                    same_as: d.same_as.clone(),
                }
            })
            .collect();
        out.sort_by(|a, b| a.id.cmp(&b.id));
        out
    }
}

pub(crate) fn clean_ws(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Whether a label names a group of things ("Chinese companies", "Mexican
/// cartels") rather than one organisation, whatever its last letter ("Apex
/// Logistics", "Los Zetas").
pub(crate) fn is_group_label(label: &str) -> bool {
    label
        .rsplit(' ')
        .next()
        .is_some_and(|w| w.ends_with('s') && w.chars().next().is_some_and(char::is_lowercase))
}

/// Whether a surface only points back ("the cartels", "these two
/// cartels", "Both firms", "the company"): a determiner, then lower-case
/// words. Such a phrase names nothing and is no alias of what it points
/// to.
pub(crate) fn is_anaphor(s: &str) -> bool {
    let mut words = s.split_whitespace();
    let Some(first) = words.next() else {
        return false;
    };
    let determiner = matches!(
        first.to_lowercase().as_str(),
        "the"
            | "these"
            | "those"
            | "this"
            | "that"
            | "both"
            | "entire"
            | "such"
            | "same"
            | "its"
            | "their"
            | "our"
    );
    let rest: Vec<&str> = words.collect();
    determiner && !rest.is_empty() && rest.iter().all(|w| !w.starts_with(char::is_uppercase))
}
