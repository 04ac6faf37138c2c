//! Names the gazetteer does not hold: capitalised runs of words over the
//! tagged tokens, typed by their last word, the noun after them, an
//! apposition or a role noun before them (`ontology/lexicon/names.tsv`);
//! their short forms later in the document ("Xinrui" for "Hebei Xinrui
//! Pharmaceutical Technology Co., Ltd."); and definite descriptions that
//! refer back to them ("the company", "the agency", "both firms").

use super::{Finder, Mention, MentionKind};
use crate::lang::Token;
use fkg_model::EntityClass;
use std::collections::HashMap;
use std::sync::LazyLock;

const NAMES: &str = include_str!("../../../../ontology/lexicon/names.tsv");

#[derive(Debug, Default)]
pub(crate) struct NameLists {
    suffix: Vec<(String, EntityClass)>,
    /// Words that open a name and say its kind, in the Spanish order
    /// ("Grupo …", "Los …").
    prefix: Vec<(String, EntityClass)>,
    after: Vec<(String, EntityClass)>,
    apposed: Vec<(String, EntityClass)>,
    role: Vec<String>,
    /// Roles that head their organisation ("manager", "founder").
    lead: Vec<String>,
    /// Capitalised words that are never names (months, weekdays).
    never: Vec<String>,
    /// Lemmas of what is done to people (arrest, charge, extradite).
    act: Vec<String>,
    /// Family names written first that English also has as words ("Wen",
    /// "Song"): first in a run of capitalised words, they open a name.
    surname: Vec<String>,
}

pub(crate) fn parse_lists(src: &str) -> Result<NameLists, String> {
    let mut l = NameLists::default();
    for (n, line) in src.lines().enumerate() {
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        if cols.len() != 3 {
            return Err(format!("names.tsv line {}: expected 3 columns", n + 1));
        }
        let class = EntityClass::from_local_name(cols[1])
            .ok_or_else(|| format!("names.tsv line {}: unknown class {:?}", n + 1, cols[1]))?;
        let words = cols[2].split('|').map(|w| (w.trim().to_string(), class));
        match cols[0] {
            "suffix" => l.suffix.extend(words),
            "prefix" => l.prefix.extend(words),
            "after" => l.after.extend(words),
            "apposed" => l.apposed.extend(words),
            "role" => l.role.extend(words.map(|(w, _)| w)),
            "lead" => l.lead.extend(words.map(|(w, _)| w)),
            "never" => l.never.extend(words.map(|(w, _)| w)),
            "act" => l.act.extend(words.map(|(w, _)| w)),
            "surname" => l.surname.extend(words.map(|(w, _)| w)),
            other => return Err(format!("names.tsv line {}: unknown kind {other:?}", n + 1)),
        }
    }
    Ok(l)
}

static LISTS: LazyLock<NameLists> =
    LazyLock::new(|| parse_lists(NAMES).expect("bundled names.tsv parses (tested)"));

/// The class of an organisation named by a head noun in apposition ("a
/// chemical supplier", "a trafficking cell"), people aside.
pub(crate) fn organisation_noun(lemma: &str) -> Option<EntityClass> {
    lookup(&LISTS.apposed, lemma).filter(|c| *c != EntityClass::Person)
}

/// Up to `n` bytes of `text` before `at`, cut at a character boundary.
fn text_before(text: &str, at: usize, n: usize) -> &str {
    let mut from = at.saturating_sub(n);
    while !text.is_char_boundary(from) {
        from += 1;
    }
    &text[from..at]
}

/// Connectors allowed inside a name ("Ministry of Public Security",
/// "Cártel de Jalisco").
/// Whether a name's last word makes it an organisation's ("LLC", "Co.",
/// "Ministry").
pub(crate) fn is_organisation_suffix(w: &str) -> bool {
    lookup(&LISTS.suffix, w).is_some_and(|c| c != EntityClass::Person)
}

/// Whether a noun after a name makes it an organisation's ("network",
/// "organization", "company").
pub(crate) fn names_organisation(w: &str) -> bool {
    lookup(&LISTS.after, &w.to_lowercase()).is_some()
}

fn is_connector(w: &str) -> bool {
    matches!(
        w,
        "of" | "de" | "del" | "la" | "las" | "los" | "y" | "&" | "and" | "for" | "the"
    )
}

/// A noun naming a person's role ("manager", "president", "broker").
/// Whether a word names a role that leads ("director", "chief").
pub(crate) fn is_lead_word(w: &str) -> bool {
    LISTS.lead.contains(&w.to_lowercase())
}

pub(crate) fn is_role_word(w: &str) -> bool {
    let w = w.to_lowercase();
    let one = w.strip_suffix('s').unwrap_or(&w).to_string();
    LISTS.role.contains(&w) || LISTS.lead.contains(&w) || LISTS.role.contains(&one)
}

/// The class `list` gives word `w`; a word in capitals ("LTD.", "GRUPO",
/// as designation lists write names) matches its entry in any case.
/// Whether a name ends in a word that makes it an organisation's
/// ("… Chemical Co.", "… Network").
pub(crate) fn ends_in_org_suffix(name: &str) -> bool {
    name.split_whitespace()
        .last()
        .and_then(|w| lookup(&LISTS.suffix, w))
        .is_some_and(|c| c != EntityClass::Person)
}

fn lookup(list: &[(String, EntityClass)], w: &str) -> Option<EntityClass> {
    list.iter()
        .find(|(x, _)| x == w)
        .or_else(|| {
            (w.chars().filter(|c| c.is_alphabetic()).count() > 1
                && !w.chars().any(char::is_lowercase))
            .then(|| {
                list.iter()
                    .find(|(x, _)| x.chars().flat_map(char::to_uppercase).eq(w.chars()))
            })
            .flatten()
        })
        .map(|&(_, c)| c)
}

/// Words before a lead role that keep it the head of the whole
/// organisation ("managing director", "executive director"), though the
/// tagger may read them as nouns.
const HEAD_MODIFIERS: &[&str] = &[
    "managing",
    "general",
    "executive",
    "chief",
    "acting",
    "interim",
];

/// Verbs of saying and believing: a name-like run right before or after
/// one is a person ("said Ana Ruiz", "investigators say Ana Ruiz sold").
const SPEECH: &[&str] = &[
    "said",
    "says",
    "say",
    "allege",
    "alleges",
    "alleged",
    "claim",
    "claims",
    "claimed",
    "contend",
    "contends",
    "contended",
    "believe",
    "believes",
    "believed",
    "reported",
    "told",
    "added",
    "testified",
    "stated",
    "noted",
    "explained",
    "warned",
];

impl Finder<'_> {
    fn word(&self, t: &Token) -> &str {
        &self.text[t.start..t.end]
    }

    fn covered(&self, t: &Token) -> bool {
        self.overlaps(t.start, t.end)
    }

    /// The mention that ends at byte `e`, if any (a last one).
    fn mention_ending_at(&self, e: usize) -> Option<&Mention> {
        self.mentions.ending_at(e).next_back()
    }

    /// Capitalised word that may be part of a name.
    fn capitalised(&self, toks: &[Token], i: usize) -> bool {
        let t = &toks[i];
        let w = self.word(t);
        let Some(c) = w.chars().next() else {
            return false;
        };
        if !c.is_uppercase() || w == "I" {
            return false;
        }
        if LISTS.never.iter().any(|n| n == w) {
            return false;
        }
        if !w
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '-' | '–' | '.' | '\'' | '’'))
        {
            return false;
        }
        // A sentence's first word is a name only if the tagger says so.
        let initial = i == 0
            || matches!(
                self.word(&toks[i - 1]),
                "“" | "\"" | "(" | ":" | "—" | "-" | "•"
            );
        if initial && is_time_word(&w.to_lowercase()) {
            return false;
        }
        // ... or it is no word the lexicon knows ("Yuanhe Trading Co."),
        // or a noun or adjective that a company's name goes on after
        // ("Apex Trading Co. sells …"; not "Yesterday", not "Federal").
        let lower = w.to_lowercase();
        let known = self
            .tagger
            .lexicon_tag(&lower)
            .or_else(|| self.tagger.lexicon_tag(w));
        // "Wen Hailong, a broker, …": a family name before another
        // capitalised word.
        let surname = LISTS.surname.iter().any(|s| s == w)
            && toks
                .get(i + 1)
                .is_some_and(|n| self.word(n).starts_with(char::is_uppercase));
        !initial
            || matches!(t.tag, "NNP" | "NNPS")
            || surname
            || known.is_none()
            || known.is_some_and(|tag| tag.starts_with("NN") || tag.starts_with("JJ"))
                && !is_time_word(&lower)
                && self.company_name_follows(toks, i)
    }

    /// Whether capitalised words after token `i` end in a company suffix
    /// ("Trading Co.", "Holdings Ltd.").
    fn company_name_follows(&self, toks: &[Token], i: usize) -> bool {
        let mut k = i + 1;
        while k < toks.len() && k <= i + 4 {
            let w = self.word(&toks[k]);
            if !w.starts_with(char::is_uppercase) {
                return false;
            }
            if lookup(&LISTS.suffix, w) == Some(EntityClass::Company) {
                return true;
            }
            k += 1;
        }
        false
    }

    /// Pass: unknown proper names in every sentence, then their short
    /// forms.
    pub(super) fn proper_names(&mut self) {
        let toks_all = self.toks;
        let mut created: Vec<(usize, EntityClass)> = Vec::new();
        for toks in toks_all.iter() {
            if toks.is_empty() {
                continue;
            }
            // Headlines in title case name nothing reliably.
            let words: Vec<&Token> = toks
                .iter()
                .filter(|t| t.tag != "," && t.tag != ".")
                .collect();
            let caps = (0..toks.len())
                .filter(|&i| self.capitalised(toks, i))
                .count();
            // "… sanctioned Apex Trading Co.": an abbreviation's period
            // ends the sentence too.
            let ends = toks.last().is_some_and(|t| {
                matches!(self.word(t), "." | "?" | "!" | "”" | "\"") || self.word(t).ends_with('.')
            });
            // A list set off by semicolons ("WITNESSES: A, Director, FBI;
            // B, Fellow, …") is no headline, however capitalised.
            let listing = toks.iter().any(|t| self.word(t) == ";");
            if !ends && !listing && words.len() >= 4 && caps * 10 > words.len() * 6 {
                continue;
            }
            let mut i = 0;
            let mut last_person_end: Option<usize> = None;
            while i < toks.len() {
                // "Mumbai-based Patel Chemical Co.": the place-based
                // modifier is no part of the name after it.
                let modifier = ["-based", "-headquartered", "-registered"]
                    .iter()
                    .any(|m| self.word(&toks[i]).ends_with(m));
                if !self.capitalised(toks, i) || modifier {
                    i += 1;
                    continue;
                }
                // The run: capitalised words, with connectors between them
                // and ", Ltd."-style suffixes after a comma.
                let mut j = i;
                loop {
                    if j + 1 < toks.len() && self.capitalised(toks, j + 1) {
                        j += 1;
                        continue;
                    }
                    if j + 2 < toks.len()
                        && (is_connector(self.word(&toks[j + 1]))
                            || matches!(self.word(&toks[j + 1]), "'s" | "’s"))
                        && self.capitalised(toks, j + 2)
                    {
                        j += 2;
                        continue;
                    }
                    // "Office for the District of …", "Ministry of the Interior".
                    if j + 3 < toks.len()
                        && matches!(self.word(&toks[j + 1]), "of" | "for")
                        && self.word(&toks[j + 2]) == "the"
                        && self.capitalised(toks, j + 3)
                    {
                        j += 3;
                        continue;
                    }
                    // "Co., Ltd.": the abbreviation's period may stand
                    // apart before the comma.
                    let dot = usize::from(j + 1 < toks.len() && self.word(&toks[j + 1]) == ".");
                    if j + dot + 2 < toks.len()
                        && self.word(&toks[j + dot + 1]) == ","
                        && matches!(
                            self.word(&toks[j + dot + 2]).to_lowercase().as_str(),
                            "ltd." | "ltd" | "inc." | "inc" | "llc" | "s.a." | "limited"
                        )
                    {
                        j += dot + 2;
                        // "S.A. de C.V.", "S.A. DE C.V."
                        if j + 2 < toks.len()
                            && matches!(self.word(&toks[j + 1]), "de" | "DE")
                            && matches!(self.word(&toks[j + 2]), "C.V." | "C.V")
                        {
                            j += 2;
                        }
                        continue;
                    }
                    break;
                }
                // "Apex Chemical Co. and Rio Verde Trading" are two names;
                // "Customs and Border Protection" is one: a run splits at
                // "and" unless the whole is an agency's name.
                let whole_agency = (i..=j).any(|k| {
                    lookup(&LISTS.suffix, self.word(&toks[k]))
                        == Some(EntityClass::GovernmentAgency)
                });
                let mut from = i;
                // "the FBI and Peru's National Police": a known name ends
                // before "and", so "and" joins two names.
                let known_before = |k: usize| {
                    k > i
                        && self
                            .mention_ending_at(toks[k - 1].end)
                            .is_some_and(|m| m.start >= toks[i].start)
                };
                if !whole_agency || (i..=j).any(|k| self.word(&toks[k]) == "and" && known_before(k))
                {
                    // "Import & Export Co.", "Ruiz & Sons": an ampersand
                    // joins the words of one name.
                    for k in i..=j {
                        if self.word(&toks[k]) == "and" && k > from {
                            let next =
                                self.name_run(toks, from, k - 1, last_person_end, &mut created);
                            last_person_end = next.or(last_person_end);
                            from = k + 1;
                        }
                    }
                }
                let next = self.name_run(toks, from, j, last_person_end, &mut created);
                last_person_end = next;
                i = j + 1;
            }
        }
        let merged = self.names_without_legal_suffix(&created);
        let created: Vec<(usize, EntityClass)> = created
            .into_iter()
            .filter(|(e, _)| !merged.contains(e))
            .collect();
        self.short_forms(&created);
    }

    /// "Harrowgate Organics" for "Harrowgate Organics Pvt. Ltd.", "Yonghe
    /// Biotech" for "Shenzhen Yonghe Biotech Co., Ltd.": a company name that
    /// is another's without its legal form (and its place) is the same
    /// company. Gives the names so merged.
    fn names_without_legal_suffix(&mut self, created: &[(usize, EntityClass)]) -> Vec<usize> {
        let legal = |w: &str| {
            let w = w.trim_end_matches(',');
            w.contains('.')
                || matches!(
                    w,
                    "Co" | "Ltd"
                        | "Inc"
                        | "Corp"
                        | "LLC"
                        | "PLC"
                        | "Pvt"
                        | "Pte"
                        | "Pty"
                        | "GmbH"
                        | "AG"
                        | "SA"
                        | "SL"
                        | "BV"
                        | "NV"
                        | "Sdn"
                        | "Bhd"
                        | "de"
                        | "Limited"
                        | "Company"
                        | "Corporation"
                        | "Incorporated"
                )
        };
        let companies: Vec<(usize, Vec<String>)> = created
            .iter()
            .filter(|(_, c)| *c == EntityClass::Company)
            .map(|&(e, _)| {
                let words = self.ents.get(e).label.split_whitespace();
                (
                    e,
                    words.map(|w| w.trim_end_matches(',').to_string()).collect(),
                )
            })
            .collect();
        let mut same: HashMap<usize, Option<usize>> = HashMap::new();
        for (short, ws) in &companies {
            for (long, wl) in &companies {
                // The words in a row, then only legal words; before them
                // at most one more (the seat: "Shenzhen").
                let at = (0..=wl.len().saturating_sub(ws.len()).min(1))
                    .find(|&i| wl[i..].starts_with(&ws[..]));
                if short != long
                    && ws.len() >= 2
                    && wl.len() > ws.len()
                    && at.is_some_and(|i| {
                        wl[i + ws.len()..].iter().all(|w| legal(w))
                            && (i == 0 || wl.len() > i + ws.len())
                    })
                {
                    let slot = same.entry(*short).or_insert(Some(*long));
                    if *slot != Some(*long) {
                        *slot = None; // two longer names: ambiguous
                    }
                }
            }
        }
        let renamed: Vec<(usize, usize)> = self
            .mentions
            .iter_indexed()
            .filter_map(|(k, m)| same.get(&m.ent).copied().flatten().map(|long| (k, long)))
            .collect();
        for (k, long) in renamed {
            self.mentions[k].ent = long;
        }
        same.into_iter()
            .filter_map(|(short, long)| long.map(|_| short))
            .collect()
    }

    /// The organisations of the people named after a role, once short
    /// forms and definite descriptions ("the firm's manager") are known.
    pub(super) fn role_relations(&mut self) {
        for (at, person) in std::mem::take(&mut self.pending_roles) {
            let sentence = self
                .toks
                .partition_point(|ts| ts.last().is_some_and(|t| t.end <= at));
            if let Some(toks) = self.toks.get(sentence) {
                let a = toks.partition_point(|t| t.start < at);
                self.role_relation(toks, a, person);
            }
        }
        self.role_appositions();
    }

    /// "Li Wei, 52, the company's chairman", "Li Wei, Apex's founder",
    /// "Li Wei, the chairman of Apex", "Li Wei, a sales manager at Apex":
    /// a role in apposition after a person's name says whom they lead or
    /// belong to. The definite head of a lead role leads; an indefinite one
    /// ("a director at Apex") or a part's role ("sales manager") belongs.
    fn role_appositions(&mut self) {
        let mut found: Vec<(usize, fkg_model::Property, usize, usize)> = Vec::new();
        for toks in self.toks.iter() {
            for (i, t) in toks.iter().enumerate() {
                let Some(person) = self
                    .mentions
                    .ending_at(t.end)
                    .find(|m| self.ents.get(m.ent).class == EntityClass::Person)
                    .map(|m| m.ent)
                else {
                    continue;
                };
                let word = |k: usize| toks.get(k).map_or("", |t| self.word(t));
                let mut k = i + 1;
                if word(k) != "," {
                    continue;
                }
                k += 1;
                // "X, Commissioner, U.S. Customs and Border Protection".
                if let Some((last, after)) = self.title_between_commas(toks, k) {
                    let org = toks.get(after).and_then(|t| {
                        self.mentions
                            .starting_at(t.start)
                            .find(|m| self.ents.get(m.ent).class.is_organization())
                            .map(|m| m.ent)
                    });
                    if let Some(org) = org {
                        let role = word(last).to_lowercase();
                        let part = (k..last).any(|j| {
                            matches!(
                                word(j).to_lowercase().as_str(),
                                "deputy"
                                    | "assistant"
                                    | "vice"
                                    | "associate"
                                    | "senior"
                                    | "special"
                            )
                        });
                        let property = if LISTS.lead.contains(&role) && !part {
                            fkg_model::Property::Leads
                        } else {
                            fkg_model::Property::MemberOf
                        };
                        found.push((person, property, org, t.start));
                    }
                    continue;
                }
                // ", 52,": an age.
                if toks.get(k).is_some_and(|t| t.tag == "CD") && word(k + 1) == "," {
                    k += 2;
                }
                // The owner before the role: "the company's", "Apex's",
                // "its"; or an article.
                let appo_start = toks.get(k).map_or(usize::MAX, |t| t.start);
                let mut owner: Option<usize> = None;
                let mut definite = false;
                let indefinite = matches!(word(k), "a" | "an");
                match word(k) {
                    "the" => {
                        definite = true;
                        k += 1;
                    }
                    "a" | "an" => k += 1,
                    "its" | "their" => {
                        definite = true;
                        owner = self.last_organisation_before(toks[k].start);
                        k += 1;
                    }
                    _ => {}
                }
                // "the company's", "Apex's": a mention ending before "'s".
                let poss = (k..(k + 6).min(toks.len())).find(|&j| matches!(word(j), "'s" | "’s"));
                if let Some(p) = poss.filter(|&p| p > 0) {
                    if let Some(m) = self.mention_ending_at(toks[p - 1].end) {
                        if m.start >= appo_start {
                            owner = Some(m.ent);
                            definite = true;
                            k = p + 1;
                        }
                    }
                }
                // "a CJNG plaza boss": an organisation's name before the
                // role owns it.
                if owner.is_none() {
                    if let Some(m) = toks.get(k).and_then(|t| {
                        self.mentions
                            .starting_at(t.start)
                            .find(|m| self.ents.get(m.ent).class.is_organization())
                    }) {
                        let (ent, end) = (m.ent, m.end);
                        let next = toks.partition_point(|t| t.start < end);
                        // Not "an OFAC-designated forwarder".
                        if self.text[end..].starts_with(' ')
                            && toks
                                .get(next)
                                .is_some_and(|t| self.word(t).starts_with(char::is_lowercase))
                        {
                            owner = Some(ent);
                            k = next;
                        }
                    }
                }
                // The role phrase: lower-case nouns and adjectives.
                let role_start = k;
                // "general manager and legal representative of X", "its
                // owner and director": roles joined by "and".
                let role_word = |t: &Token, k: usize| {
                    (t.is_noun() || t.is_adjective() || t.tag == "VBG" || word(k) == "vice")
                        && self.word(t).starts_with(char::is_lowercase)
                        && !self.covered(t)
                };
                while toks.get(k).is_some_and(|t| {
                    role_word(t, k)
                        || k > role_start
                            && word(k) == "and"
                            && is_role_word(word(k - 1))
                            && toks.get(k + 1).is_some_and(|n| role_word(n, k + 1))
                }) {
                    k += 1;
                }
                if k == role_start {
                    continue;
                }
                let role = word(k - 1).to_string();
                if !is_role_word(&role) {
                    continue;
                }
                // "the chairman of Apex", "a manager at Apex".
                // "a launderer for X" works for X, no member of it; "a
                // logistics coordinator for the cartel" is one of it.
                let for_owner = word(k) == "for"
                    && (LISTS.lead.contains(&role)
                        || !matches!(
                            role.as_str(),
                            "launderer"
                                | "broker"
                                | "supplier"
                                | "lawyer"
                                | "financier"
                                | "courier"
                        ));
                if owner.is_none() && (matches!(word(k), "of" | "at" | "with" | "in") || for_owner)
                {
                    // "managing director of Mumbai-based X": past the
                    // place-based modifier.
                    let mut next = k + 1;
                    if toks
                        .get(next)
                        .is_some_and(|t| self.word(t).ends_with("-based"))
                    {
                        next += 1;
                    }
                    let from = toks.get(next).map_or(usize::MAX, |t| t.start);
                    owner = self
                        .mentions
                        .starting_in(from, from + 5)
                        .map(|(_, m)| m)
                        .find(|m| self.ents.get(m.ent).class.is_organization())
                        .map(|m| m.ent);
                }
                let Some(org) = owner else { continue };
                if !self.ents.get(org).class.is_organization() {
                    continue;
                }
                // Each coordinated role's head ("general manager and legal
                // representative"): a lead role among them leads, unless a
                // modifier makes it a part's ("sales manager").
                let head = |j: usize| j + 1 == k || word(j + 1) == "and";
                let part = (role_start..k).any(|j| {
                    !head(j)
                        && word(j) != "and"
                        && (toks[j].is_noun() && !HEAD_MODIFIERS.contains(&word(j))
                            || matches!(word(j), "deputy" | "assistant" | "vice" | "associate"))
                });
                let lead_role =
                    (role_start..k).any(|j| head(j) && LISTS.lead.contains(&word(j).to_string()));
                // "X, managing director of Y": a bare role before "of" is
                // the one such role.
                let bare = !indefinite && word(k) == "of";
                let property = if (definite || bare) && lead_role && !part {
                    fkg_model::Property::Leads
                } else {
                    fkg_model::Property::MemberOf
                };
                found.push((person, property, org, t.start));
            }
        }
        for (person, property, org, at) in found {
            self.implied.push(super::Implied {
                subject: person,
                property,
                object: org,
                at,
                rule: "role-apposition",
                quantity: None,
            });
        }
    }

    /// "Senior Fellow, " from token `k`: one to four capitalised words
    /// ending in a role or title word, then a comma. Gives the title's last
    /// token and the token after the comma.
    fn title_between_commas(&self, toks: &[Token], k: usize) -> Option<(usize, usize)> {
        let mut j = k;
        while j < toks.len() && j < k + 4 && self.word(&toks[j]).starts_with(char::is_uppercase) {
            if self.covered(&toks[j]) {
                return None;
            }
            j += 1;
        }
        if j == k || toks.get(j).is_none_or(|t| self.word(t) != ",") {
            return None;
        }
        let last = self.word(&toks[j - 1]);
        (is_role_word(last) || self.is_title_word(last)).then_some((j - 1, j + 1))
    }

    /// The last organisation named within 400 bytes before `at`.
    fn last_organisation_before(&self, at: usize) -> Option<usize> {
        let from = at.saturating_sub(400);
        (from..at).rev().find_map(|e| {
            self.mention_ending_at(e)
                .filter(|m| self.ents.get(m.ent).class.is_organization())
                .map(|m| m.ent)
        })
    }

    /// Types the run `toks[a..=b]` and adds it; returns the run's end when
    /// it is a person (for coordinated names after it).
    fn name_run(
        &mut self,
        toks: &[Token],
        a: usize,
        b: usize,
        last_person_end: Option<usize>,
        created: &mut Vec<(usize, EntityClass)>,
    ) -> Option<usize> {
        let text = self.text;
        // "The company …" inside a sentence that starts oddly: a determiner
        // alone names nothing.
        if a == b
            && matches!(
                self.word(&toks[a]),
                "The" | "A" | "An" | "This" | "That" | "These" | "Those" | "Its" | "Their" | "Our"
            )
        {
            return None;
        }
        let (start, end) = (toks[a].start, toks[b].end);
        let any_covered = (a..=b).any(|k| self.covered(&toks[k]));
        if (a..=b).all(|k| self.covered(&toks[k])) {
            return None;
        }
        let last = self.word(&toks[b]);
        let last2 = if b > a {
            format!("{} {}", self.word(&toks[b - 1]), last)
        } else {
            String::new()
        };
        // "RAMÓN ESTRADA VEGA, a Mexican national …" (a designation list's
        // capitals): the name is "Ramón Estrada Vega".
        let label = |s: usize, e: usize| {
            let written = crate::entities::clean_ws(&text[s..e]);
            let letters = written.chars().filter(|c| c.is_alphabetic()).count();
            if letters > 4 && !written.chars().any(char::is_lowercase) && written.contains(' ') {
                // Abbreviations keep their capitals ("S.A.", "C.V.").
                written
                    .split_whitespace()
                    .map(|w| {
                        if w.trim_end_matches(['.', ',']).contains('.') {
                            w.to_string()
                        } else {
                            super::title_case(&[w])
                        }
                    })
                    .collect::<Vec<_>>()
                    .join(" ")
            } else {
                written
            }
        };
        // 1. The last word says what it is.
        // "Cártel del Noreste": the Spanish order puts the kind first.
        let first = self.word(&toks[a]);
        let by_suffix = lookup(&LISTS.suffix, last)
            .or_else(|| lookup(&LISTS.suffix, &last2))
            .or_else(|| {
                (b > a && lookup(&LISTS.suffix, first) == Some(EntityClass::Cartel))
                    .then_some(EntityClass::Cartel)
            })
            .or_else(|| (b > a).then(|| lookup(&LISTS.prefix, first)).flatten());
        // "Office for the District of Arizona": an agency's head word may
        // stand before its complement.
        let by_suffix = by_suffix.or_else(|| {
            (b > a
                && (a..=b).any(|k| {
                    lookup(&LISTS.suffix, self.word(&toks[k]))
                        == Some(EntityClass::GovernmentAgency)
                }))
            .then_some(EntityClass::GovernmentAgency)
        });
        let possessive_at = (a..=b).find(|&k| matches!(self.word(&toks[k]), "'s" | "’s"));
        if let Some(class) = by_suffix {
            if b == a {
                return None;
            }
            // Names the gazetteer holds stay as they are; places inside a
            // new name become part of it ("Shanghai Deqian Chemical Co.").
            let inside: Vec<Mention> = if any_covered {
                self.mentions
                    .overlapping(start, end)
                    .map(|(_, m)| m.clone())
                    .collect()
            } else {
                Vec::new()
            };
            if inside
                .iter()
                .any(|m| !self.ents.get(m.ent).class.is_place() || m.start < start || m.end > end)
            {
                return None;
            }
            // "the U.S.-Mexico Working Group" is no company.
            let countries = inside
                .iter()
                .filter(|m| self.ents.get(m.ent).class == EntityClass::Country)
                .count();
            if countries >= 2 && class == EntityClass::Company {
                return None;
            }
            // "Mexico's Attorney General's Office" is the agency; a
            // company's possessive run is no name.
            if possessive_at.is_some() && class != EntityClass::GovernmentAgency {
                return None;
            }
            let ent = self.ents.named(self.lex, &label(start, end), class);
            self.remove_within(start, end);
            self.add(start, end, ent, MentionKind::Name);
            created.push((ent, class));
            // Where the name says it is: a city opening a company's name
            // ("Wuhan Apex Chemical Co."), a country's possessive or
            // demonym opening an agency's ("Peru's National Police",
            // "the Spanish National Police").
            if let Some(p) = inside
                .iter()
                .find(|m| m.start == start && m.end == toks[a].end)
            {
                let place = self.ents.get(p.ent).class;
                let possessive = toks
                    .get(a + 1)
                    .is_some_and(|t| matches!(self.word(t), "'s" | "’s"));
                let locates = match class {
                    EntityClass::Company => place == EntityClass::City,
                    EntityClass::GovernmentAgency => {
                        place == EntityClass::Country
                            && (possessive || p.kind == MentionKind::Demonym)
                    }
                    _ => false,
                };
                if locates {
                    self.implied.push(super::Implied {
                        subject: ent,
                        property: fkg_model::Property::LocatedIn,
                        object: p.ent,
                        at: start,
                        rule: "name-place",
                        quantity: None,
                    });
                }
            }
            return None;
        }
        if possessive_at.is_some() {
            return None;
        }
        // "in Shijiazhuang, China", "from Zapopan, Jalisco": an unknown
        // name after a preposition of place and before a comma and a known
        // state or country is a city.
        // Place names end in words English also uses ("Kessler City",
        // "Dunmore Springs").
        let place_word = |k: usize| {
            k == b
                && b > a
                && matches!(
                    self.word(&toks[k]),
                    "City"
                        | "Springs"
                        | "Falls"
                        | "Heights"
                        | "Beach"
                        | "Park"
                        | "Bay"
                        | "Lake"
                        | "Valley"
                        | "Hills"
                        | "Flats"
                        | "Junction"
                        | "Creek"
                        | "Harbor"
                        | "Point"
                )
        };
        // "in Copper Wells, Arizona": a place word after a preposition and
        // before a comma and a state or country may be any capitalised word.
        let before_state = a > 0
            && matches!(self.word(&toks[a - 1]), "in" | "from" | "near" | "outside")
            && toks.get(b + 1).is_some_and(|t| self.word(t) == ",")
            && toks.get(b + 2).is_some_and(|t| {
                self.mentions.starting_at(t.start).next().is_some_and(|m| {
                    matches!(
                        self.ents.get(m.ent).class,
                        EntityClass::State | EntityClass::Country
                    )
                })
            });
        if b - a < 3
            && !any_covered
            && (a..=b).all(|k| {
                self.name_like(self.word(&toks[k]))
                    || place_word(k)
                    || before_state && self.word(&toks[k]).starts_with(char::is_uppercase)
            })
        {
            let prep = a > 0
                && matches!(
                    self.word(&toks[a - 1]),
                    "in" | "from" | "near" | "at" | "outside" | "of"
                );
            let comma = toks.get(b + 1).is_some_and(|t| self.word(t) == ",");
            let place_after = toks.get(b + 2).and_then(|t| {
                self.mentions
                    .starting_at(t.start)
                    .next()
                    .map(|m| self.ents.get(m.ent).class)
            });
            // "offices in Harbin", "a lab based in Tecate", "registered in
            // Ningbo": a noun or participle that takes a place before the
            // preposition; "in Harbin and Dalian": a city's conjunct.
            let place_taker = a >= 2
                && matches!(self.word(&toks[a - 1]), "in" | "at" | "near" | "outside")
                && PLACE_TAKERS.contains(&toks[a - 2].lemma.as_str())
                // "the Chinese city of Jinhua", "the port city of Vlissingen"
                || a >= 2
                    && self.word(&toks[a - 1]) == "of"
                    && matches!(
                        toks[a - 2].lemma.as_str(),
                        "city" | "town" | "municipality" | "village"
                    );
            // "in Lima, Quito and …": a comma joins cities while the list
            // goes on after the name.
            let list_goes_on = toks
                .get(b + 1)
                .is_some_and(|t| matches!(self.word(t), "," | "and" | "or"));
            let city_conjunct = a >= 2
                && (matches!(self.word(&toks[a - 1]), "and" | "or")
                    || self.word(&toks[a - 1]) == "," && list_goes_on)
                && self
                    .mention_ending_at(toks[a - 2].end)
                    .is_some_and(|m| self.ents.get(m.ent).class == EntityClass::City);
            let single_word_ok = b > a || self.name_like(self.word(&toks[a]));
            // "Halvern, Ohio, arrested …", "KESSLER CITY, Ariz. —": a state
            // closed by punctuation after it names the city before it.
            let state_closed = comma
                && place_after == Some(EntityClass::State)
                && toks.get(b + 2).is_some_and(|t| {
                    self.mentions.starting_at(t.start).next().is_some_and(|m| {
                        let rest = text[m.end..].trim_start();
                        rest.is_empty() || rest.starts_with([',', '.', ';', ':', '—', '–', ')'])
                    })
                });
            if (prep || state_closed)
                && comma
                && matches!(place_after, Some(EntityClass::State | EntityClass::Country))
                || (place_taker || city_conjunct)
                    && single_word_ok
                    && !comma_then_org(self, toks, b)
            {
                // A dateline's capitals: "KESSLER CITY" is Kessler City.
                let written = label(start, end);
                let written = if written.chars().any(char::is_lowercase) {
                    written
                } else {
                    super::title_case(&written.split_whitespace().collect::<Vec<_>>())
                };
                let ent = self.ents.named(self.lex, &written, EntityClass::City);
                if self.ents.get(ent).class == EntityClass::City {
                    self.add(start, end, ent, MentionKind::Name);
                }
                return None;
            }
        }
        if any_covered {
            return None;
        }
        // 2. A noun right after it: "the Yin Feng laundering network".
        let mut k = b + 1;
        let mut steps = 0;
        while k < toks.len() && steps < 4 {
            let t = &toks[k];
            let w = self.word(t);
            if let Some(class) = lookup(&LISTS.after, w) {
                if t.tag.starts_with("NN") {
                    // "the Zhou Peng organization": a criminal group is
                    // named with its noun, so that it is not the person it
                    // is named after; the bare name is an alias.
                    let ent = if class == EntityClass::CriminalOrganization {
                        // "the Zhou Peng network" after "the Zhou Peng
                        // organization": the same group.
                        let bare = label(start, end);
                        let known = self.ents.list.iter().position(|d| {
                            d.class == class && (d.label == bare || d.aliases.contains(&bare))
                        });
                        let ent = known.unwrap_or_else(|| {
                            self.ents.named(self.lex, &label(start, t.end), class)
                        });
                        self.ents.alias(ent, &text[start..end]);
                        self.ents.alias(ent, &text[start..t.end]);
                        ent
                    } else {
                        self.ents.named(self.lex, &label(start, end), class)
                    };
                    self.add(start, end, ent, MentionKind::Name);
                    created.push((ent, class));
                    return None;
                }
            }
            let lower = w.chars().next().is_some_and(char::is_lowercase);
            if !(lower && (t.tag.starts_with("NN") || t.tag.starts_with("JJ") || t.tag == "VBG")) {
                break;
            }
            k += 1;
            steps += 1;
        }
        // 3. An apposition: ", a chemical broker from X".
        let apposed = self.apposed_class(toks, b);
        if let Some(class) = apposed {
            // ", a broker": the apposition types the name, so a name may
            // hold a word English also uses ("Zhou Min", "Li Long").
            if class != EntityClass::Person || self.loosely_person_like(toks, a, b) {
                let ent = self.ents.named(self.lex, &label(start, end), class);
                let kind = if class == EntityClass::Person {
                    MentionKind::Person
                } else {
                    MentionKind::Name
                };
                self.add(start, end, ent, kind);
                created.push((ent, class));
                return (class == EntityClass::Person).then_some(b);
            }
        }
        // 4. People: a name-like run with a role before it, an age, a
        // speech verb, or coordinated with a person just named.
        // "Broker Ana Ruiz …" at a sentence's start: the role is no name.
        if b > a + 1
            && LISTS
                .role
                .iter()
                .any(|r| *r == self.word(&toks[a]).to_lowercase())
        {
            return self.name_run(toks, a + 1, b, last_person_end, created);
        }
        let before = |n: usize| -> Option<&str> { a.checked_sub(n).map(|k| self.word(&toks[k])) };
        let is_role = is_role_word;
        let role_before = [1, 2]
            .iter()
            .filter_map(|&n| before(n))
            .take_while(|w| *w != ".")
            .any(is_role)
            && (before(1).is_some_and(is_role) || before(1) == Some(","));
        let after = |n: usize| -> Option<&str> { toks.get(b + n).map(|t| self.word(t)) };
        let age = after(1) == Some(",")
            && toks.get(b + 2).is_some_and(|t| t.tag == "CD")
            && matches!(
                after(3),
                Some(",") | Some(".") | Some("of") | Some("from") | None
            );
        let speech = after(1).is_some_and(|w| SPEECH.contains(&w))
            || after(1) == Some(",") && after(2).is_some_and(|w| SPEECH.contains(&w))
            || before(1).is_some_and(|w| SPEECH.contains(&w));
        let aka = after(1) == Some(",") && after(2) == Some("also") || after(1) == Some("(");
        // "Chen Haoran runs Pacific Crest Trading": what people do to
        // organisations.
        let leads = after(1).is_some_and(|w| {
            matches!(
                w,
                "runs"
                    | "ran"
                    | "heads"
                    | "headed"
                    | "leads"
                    | "directs"
                    | "directed"
                    | "founded"
                    | "co-founded"
                    | "owns"
                    | "owned"
                    | "manages"
                    | "managed"
                    | "chairs"
                    | "chaired"
            )
        });
        // "X, who runs …": organisations take "which" or "that".
        // "Carlos Nuñez bought …": a given name the lexicon knows as a
        // proper noun, or a family name first, opening the subject of a
        // finite verb.
        let given_subject = toks
            .get(b + 1)
            .is_some_and(|t| matches!(t.tag, "VBD" | "VBZ"))
            && (a == 0 || matches!(self.word(&toks[a - 1]), "," | ";" | "and"))
            && (self
                .tagger
                .lexicon_tag(self.word(&toks[a]))
                .is_some_and(|t| t == "NNP")
                || self.surname_first(toks, a, b));
        // "arrested two men, Carl Weiss and …": a name in apposition to a
        // plural noun of people.
        let apposed_to_people = before(1) == Some(",")
            && before(2).is_some_and(|w| super::PEOPLE_NOUNS.contains(&w.to_lowercase().as_str()));
        let who = matches!(after(1), Some("who" | "whom"))
            || after(1) == Some(",") && matches!(after(2), Some("who" | "whom"));
        // "X, Apex's general manager, …": a role owned by a name.
        // "X, Senior Fellow, Halcyon Institute": a title between commas,
        // as witness lists and signatures write it.
        let titled = after(1) == Some(",")
            && (self.title_between_commas(toks, b + 2).is_some()
                // "X, investigative reporter and author of …": a bare role.
                || (b + 2..(b + 5).min(toks.len()))
                    .map(|k| &toks[k])
                    .take_while(|t| {
                        self.word(t).starts_with(char::is_lowercase)
                            && (t.is_noun() || t.is_adjective() || t.tag == "VBG")
                    })
                    .any(|t| is_role_word(self.word(t))));
        let owned_role = after(1) == Some(",") && {
            let mut from = b + 2;
            // ", the chairman of …", ", a sales manager at …"
            if matches!(after(2), Some("the" | "a" | "an")) {
                from += 1;
                let role_follows = (from..(from + 3).min(toks.len()))
                    .map(|k| &toks[k])
                    .take_while(|t| {
                        self.word(t).starts_with(char::is_lowercase)
                            && (t.is_noun() || t.is_adjective() || t.tag == "VBG")
                    })
                    .last()
                    .is_some_and(|t| is_role_word(self.word(t)));
                if role_follows {
                    from = usize::MAX;
                }
            }
            from == usize::MAX || {
                let poss = (from..(from + 5).min(toks.len()))
                    .find(|&k| matches!(self.word(&toks[k]), "'s" | "’s"));
                poss.is_some_and(|p| {
                    p > from
                        && (from..p).all(|k| self.word(&toks[k]).starts_with(char::is_uppercase))
                        && (p + 1..(p + 4).min(toks.len()))
                            .map(|k| self.word(&toks[k]))
                            .take_while(|w| w.starts_with(char::is_lowercase))
                            .any(is_role_word)
                })
            }
        };
        // "its manager, Xu Ping, 51": with a role before or an age after, a
        // name may hold a word English also uses ("Ping", "Long").
        let person_like = if role_before || age {
            self.loosely_person_like(toks, a, b)
        } else {
            self.person_like(toks, a, b)
        };
        if !person_like {
            return None;
        }
        // What is done to people: "X was arrested", "extradited X", "the
        // indictment of X", "charges against X".
        let acted_on = {
            let is_act = |t: &Token| LISTS.act.contains(&t.lemma);
            let passive_after = toks.get(b + 1).is_some_and(|t| t.lemma == "be")
                && toks.get(b + 2).is_some_and(|t| t.tag == "VBN" && is_act(t))
                || toks.get(b + 1).is_some_and(|t| t.lemma == "have")
                    && toks.get(b + 2).is_some_and(|t| t.lemma == "be")
                    && toks.get(b + 3).is_some_and(|t| t.tag == "VBN" && is_act(t));
            let object_of = a >= 1 && {
                let p = &toks[a - 1];
                (p.tag.starts_with("VB") && is_act(p))
                    || matches!(self.word(p), "of" | "against")
                        && a >= 2
                        && toks[a - 2].tag.starts_with("NN")
                        && is_act(&toks[a - 2])
            };
            // "sanctioned Apex Trading Co. and Li Wei": a later conjunct of
            // such an object.
            let conjunct_of = a >= 2 && matches!(self.word(&toks[a - 1]), "and" | "as" | ";") && {
                let mut k = a - 1;
                while k > 0
                    && (self.capitalised(toks, k)
                        || matches!(
                            self.word(&toks[k]),
                            "and" | "," | "." | "as" | "well" | "&" | ";"
                        ))
                {
                    k -= 1;
                }
                k + 1 < a && toks[k].tag.starts_with("VB") && is_act(&toks[k])
            };
            // "Arrested in Reynosa by the Army: A and B": a header that
            // opens with such a participle lists whom it was done to.
            let header_list = {
                let line_start = self.text[..start].rfind('\n').map_or(0, |i| i + 1);
                let line = &self.text[line_start..start];
                let first = line.split_whitespace().next().unwrap_or("");
                line.contains(':')
                    && first.ends_with("ed")
                    && LISTS
                        .act
                        .contains(&self.tagger.lemma(&first.to_lowercase(), "VBN"))
            };
            // "arrested three men, including A and B": the names an acted-on
            // plural noun includes.
            let included = a >= 3
                && self.word(&toks[a - 1]) == "including"
                && self.word(&toks[a - 2]) == ","
                && (a.saturating_sub(7)..a - 2)
                    .rev()
                    .find(|&k| toks[k].tag == "NNS")
                    .is_some_and(|n| {
                        (n.saturating_sub(5)..n)
                            .any(|k| toks[k].tag.starts_with("VB") && is_act(&toks[k]))
                    });
            passive_after || object_of || conjunct_of || header_list || included
        };
        // "Li Wei, and Ana Ruiz": joined by "and", "or" or commas.
        let coordinated = last_person_end.is_some_and(|e| {
            a > e + 1
                && a <= e + 3
                && (e + 1..a).all(|k| matches!(self.word(&toks[k]), "and" | "," | "or" | ";"))
        });
        if role_before
            || age
            || speech
            || leads
            || given_subject
            || apposed_to_people
            || aka
            || coordinated
            || acted_on
            || who
            || owned_role
            || titled
        {
            let ent = self
                .ents
                .named(self.lex, &label(start, end), EntityClass::Person);
            if self.ents.get(ent).class != EntityClass::Person {
                return None;
            }
            self.add(start, end, ent, MentionKind::Person);
            created.push((ent, EntityClass::Person));
            if role_before {
                // After the short forms: "Apex president Li Wei" names
                // Apex Trading Co. by a short form found later.
                self.pending_roles.push((toks[a].start, ent));
            } else if coordinated {
                // "its members Omar Pruitt, Li Wei and Ana Ruiz": a plural
                // role before the first of coordinated names is each one's.
                if let Some(first) = self.first_conjunct(toks, a) {
                    let mut r = toks.partition_point(|t| t.start < first);
                    if r > 0 && self.word(&toks[r - 1]) == "," {
                        r -= 1;
                    }
                    let plural = r > 0 && {
                        let w = self.word(&toks[r - 1]);
                        w.ends_with('s') && is_role_word(w)
                    };
                    if plural {
                        self.pending_roles.push((first, ent));
                    }
                }
            }
            return Some(b);
        }
        None
    }

    /// "the company's general manager, Li Wei", "its founder Li Wei",
    /// "Apex sales representative Li Wei": the role before a person's name
    /// makes them lead or belong to the organisation that owns the role.
    fn role_relation(&mut self, toks: &[Token], a: usize, person: usize) {
        let mut r = a;
        if r > 0 && self.word(&toks[r - 1]) == "," {
            r -= 1;
        }
        if r == 0 {
            return;
        }
        let role = self.word(&toks[r - 1]).to_string();
        // The role phrase: "general manager", "sales representative", and
        // coordinated roles ("its owner and manager, X").
        let mut s = r - 1;
        loop {
            while s > 0 {
                let t = &toks[s - 1];
                if self.covered(t) || !(t.is_noun() || t.is_adjective()) || t.tag.starts_with("NNP")
                {
                    break;
                }
                s -= 1;
            }
            if s >= 2
                && self.word(&toks[s - 1]) == "and"
                && !self.covered(&toks[s - 2])
                && is_role_word(self.word(&toks[s - 2]))
            {
                s -= 2;
                continue;
            }
            break;
        }
        // "two of its executives, general manager Li Fang and sales
        // director Wu Jun": past the earlier items of the list to the
        // owner of the noun the list explains.
        let phrase = s;
        loop {
            if s >= 2
                && matches!(self.word(&toks[s - 1]), "and" | ",")
                && self
                    .mention_ending_at(toks[s - 2].end)
                    .is_some_and(|m| self.ents.get(m.ent).class == EntityClass::Person)
            {
                let m_start = self
                    .mention_ending_at(toks[s - 2].end)
                    .map_or(0, |m| m.start);
                let mut j = toks.partition_point(|t| t.start < m_start);
                while j > 0
                    && !self.covered(&toks[j - 1])
                    && (toks[j - 1].is_noun() || toks[j - 1].is_adjective())
                    && self.word(&toks[j - 1]).starts_with(char::is_lowercase)
                {
                    j -= 1;
                }
                if j < s - 2 {
                    s = j;
                    continue;
                }
            }
            break;
        }
        if s >= 3 && self.word(&toks[s - 1]) == "," {
            // ", its executives," / "two of its executives,"
            let mut j = s - 1;
            while j > 0 && toks[j - 1].is_noun() && !toks[j - 1].tag.starts_with("NNP") {
                j -= 1;
            }
            if j < s - 1
                && j > 0
                && matches!(
                    self.word(&toks[j - 1]).to_lowercase().as_str(),
                    "its" | "their"
                )
            {
                s = j;
            }
        }
        let org = if s == 0 {
            None
        } else {
            let w = self.word(&toks[s - 1]).to_lowercase();
            let w = w.as_str();
            let owner_end = if matches!(w, "'s" | "’s") && s >= 2 {
                Some(toks[s - 2].end)
            } else if self.covered(&toks[s - 1]) {
                Some(toks[s - 1].end)
            } else {
                None
            };
            match (owner_end, w) {
                (Some(e), _) => self.mentions.ending_at(e).next().map(|m| m.ent),
                (None, "its" | "their") => {
                    // The last organisation named within 400 bytes before,
                    // past one a preposition introduces ("X, a supplier to
                    // the cartel, along with its director": X's) when an
                    // earlier one is in the same sentence.
                    let at = toks[s - 1].start;
                    let from = at.saturating_sub(400);
                    let orgs: Vec<&Mention> = (from..at)
                        .rev()
                        .filter_map(|e| {
                            self.mention_ending_at(e)
                                .filter(|m| self.ents.get(m.ent).class.is_organization())
                        })
                        .collect();
                    let sentence_start = toks.first().map_or(0, |t| t.start);
                    let governed = |m: &Mention| {
                        let before = text_before(self.text, m.start, 24).to_lowercase();
                        let before = before.trim_end();
                        let before = before.strip_suffix("the").unwrap_or(before).trim_end();
                        [
                            "to", "for", "from", "with", "against", "by", "of", "into", "in",
                        ]
                        .iter()
                        .any(|p| before.ends_with(&format!(" {p}")))
                    };
                    // "the designation of X and its director": the name
                    // the possessive is coordinated with.
                    // "X and of its director" repeats the preposition.
                    let coordinated = orgs.first().filter(|m| {
                        let between = self.text[m.end..at].trim();
                        let between = between.strip_prefix(',').unwrap_or(between).trim_start();
                        between
                            .strip_prefix("and")
                            .or_else(|| between.strip_prefix("or"))
                            .is_some_and(|r| {
                                matches!(r.trim(), "" | "of" | "to" | "for" | "with" | "on")
                            })
                    });
                    coordinated
                        .or_else(|| {
                            orgs.iter()
                                .find(|m| m.start >= sentence_start && !governed(m))
                        })
                        .or_else(|| orgs.iter().find(|m| !governed(m)))
                        .or_else(|| orgs.first())
                        .map(|m| m.ent)
                }
                _ => None,
            }
        };
        let Some(org) = org else { return };
        if !self.ents.get(org).class.is_organization() {
            return;
        }
        // "sales director", "export manager", "deputy chief" run a part of
        // the organisation: its members; "general manager" runs all of it.
        // Of coordinated roles ("owner and manager"), each is its own.
        let last_role = (phrase..r - 1)
            .rev()
            .find(|&k| self.word(&toks[k]) == "and")
            .map_or(phrase, |k| k + 1);
        let part = (last_role..r - 1).any(|k| {
            let t = &toks[k];
            t.is_noun() && !HEAD_MODIFIERS.contains(&self.word(t))
                || matches!(self.word(t), "deputy" | "assistant" | "vice" | "associate")
        });
        // "chief executive (officer)" heads the whole of it.
        let chief_executive = (phrase + 1..r).any(|k| {
            self.word(&toks[k - 1]).eq_ignore_ascii_case("chief")
                && self.word(&toks[k]).eq_ignore_ascii_case("executive")
        });
        let property = if (LISTS.lead.contains(&role) || chief_executive) && !part {
            fkg_model::Property::Leads
        } else {
            fkg_model::Property::MemberOf
        };
        self.implied.push(super::Implied {
            subject: person,
            property,
            object: org,
            at: toks[a].start,
            rule: "role",
            quantity: None,
        });
    }

    /// The start of the first of the people coordinated before token `a`
    /// ("Omar Pruitt, Li Wei and" before the name at `a`).
    fn first_conjunct(&self, toks: &[Token], a: usize) -> Option<usize> {
        let mut k = a;
        let mut first = None;
        loop {
            let mut j = k;
            while j > 0 && matches!(self.word(&toks[j - 1]), "," | "and" | "or") {
                j -= 1;
            }
            if j == k || j == 0 {
                return first;
            }
            let Some(m) = self
                .mentions
                .ending_at(toks[j - 1].end)
                .find(|m| self.ents.get(m.ent).class == EntityClass::Person)
            else {
                return first;
            };
            first = Some(m.start);
            k = toks.partition_point(|t| t.start < m.start);
        }
    }

    /// Two to four capitalised words that are not common words.
    fn person_like(&self, toks: &[Token], a: usize, b: usize) -> bool {
        let n = b + 1 - a;
        (2..=4).contains(&n)
            && ((a..=b).all(|k| self.name_like(self.word(&toks[k])))
                || self.surname_first(toks, a, b))
    }

    /// "Wen Hailong", "Song Jia": a family name that English also has as a
    /// word, first before name-like words.
    fn surname_first(&self, toks: &[Token], a: usize, b: usize) -> bool {
        b > a
            && LISTS.surname.iter().any(|s| s == self.word(&toks[a]))
            && (a + 1..=b).all(|k| {
                let w = self.word(&toks[k]);
                // "Zhou Bin", "Li Gang": a one-syllable given name may be
                // an English word too.
                self.name_like(w) || b == a + 1 && is_pinyin_syllable(w)
            })
    }

    /// Two to four capitalised words, one at least name-like, none a
    /// name-typing suffix.
    fn loosely_person_like(&self, toks: &[Token], a: usize, b: usize) -> bool {
        let n = b + 1 - a;
        (2..=4).contains(&n)
            && (a..=b).all(|k| {
                let w = self.word(&toks[k]);
                w.chars().next().is_some_and(char::is_uppercase)
                    && w.chars()
                        .all(|c| c.is_alphabetic() || c == '-' || c == '\'')
                    && lookup(&LISTS.suffix, w).is_none()
            })
            && ((a..=b).any(|k| self.name_like(self.word(&toks[k])))
                || self.surname_first(toks, a, b))
    }

    /// Whether the two to four words ending at `b` read as a person's
    /// name.
    fn person_before(&self, toks: &[Token], b: usize) -> bool {
        let mut a = b;
        while a > 0 && b - a < 3 && self.capitalised(toks, a - 1) {
            a -= 1;
        }
        // A sentence's first word may be capitalised only as the first.
        b > a && self.person_like(toks, a, b)
    }

    /// A word that reads as a proper name: letters only, no name-typing
    /// suffix, and the lexicon knows it as a proper noun or not as a common
    /// word.
    pub(super) fn name_like(&self, w: &str) -> bool {
        let lower = w.to_lowercase();
        w.chars()
            .all(|c| c.is_alphabetic() || c == '-' || c == '\'')
            && lookup(&LISTS.suffix, w).is_none()
            && (self
                .tagger
                .lexicon_tag(w)
                .is_some_and(|t| t.starts_with("NNP"))
                || self
                    .tagger
                    .lexicon_tag(&lower)
                    .is_none_or(|t| t.starts_with("NNP") || t == "FW"))
    }

    /// ", a Wuhan-based chemical supplier": the class of the head noun of
    /// an apposition right after token `b`.
    fn apposed_class(&self, toks: &[Token], b: usize) -> Option<EntityClass> {
        // ", a supplier …" or, with a copula, "is a supplier …".
        let link = toks.get(b + 1)?;
        let copula = link.lemma == "be" && link.tag.starts_with("VB");
        if self.word(link) != "," && !copula {
            return None;
        }
        let det = toks.get(b + 2).map(|t| self.word(t))?;
        if !matches!(det, "a" | "an" | "the" | "its" | "their" | "one") {
            return None;
        }
        let mut head: Option<EntityClass> = None;
        for t in toks.iter().skip(b + 3).take(6) {
            let w = self.word(t);
            if w == "," || w == "." || matches!(t.tag, "IN" | "TO" | "WDT" | "WP" | "CC") {
                break;
            }
            if t.tag.starts_with("NN") || t.tag.starts_with("JJ") || matches!(t.tag, "VBN" | "VBG")
            {
                if let Some(c) =
                    lookup(&LISTS.apposed, &t.lemma).or_else(|| lookup(&LISTS.apposed, w))
                {
                    // "Omar Pruitt, a chemical seller": a trader's noun
                    // fits a person as well as a firm; a person's name
                    // says which.
                    let trader = matches!(
                        t.lemma.as_str(),
                        "seller"
                            | "supplier"
                            | "trader"
                            | "vendor"
                            | "shipper"
                            | "distributor"
                            | "exporter"
                            | "importer"
                            | "dealer"
                            | "wholesaler"
                    );
                    head = Some(
                        if trader && c == EntityClass::Company && self.person_before(toks, b) {
                            EntityClass::Person
                        } else {
                            c
                        },
                    );
                }
                continue;
            }
            if t.tag == "CD" || t.tag == "HYPH" {
                continue;
            }
            // "the Gulf Cartel's accountant": the possessor is no head.
            if t.tag == "POS" {
                head = None;
                continue;
            }
            break;
        }
        head
    }

    /// Later mentions of a new name by a distinctive part of it: a
    /// company's own word ("Xinrui"), a person's surname.
    fn short_forms(&mut self, created: &[(usize, EntityClass)]) {
        // A word English also uses ("Starlight", "Apex") is a short form
        // only capitalised inside a sentence and not part of a longer name.
        let mut forms: HashMap<String, (Option<usize>, bool)> = HashMap::new();
        for &(ent, class) in created {
            let label = self.ents.get(ent).label.clone();
            let words: Vec<&str> = label.split_whitespace().collect();
            if words.len() < 2 {
                continue;
            }
            let has_suffix = words.iter().any(|w| lookup(&LISTS.suffix, w).is_some());
            let candidates: Vec<&str> = match class {
                EntityClass::Person => words.clone(),
                EntityClass::Company | EntityClass::CriminalOrganization if has_suffix => words
                    .iter()
                    .copied()
                    .filter(|w| lookup(&LISTS.suffix, w).is_none())
                    .collect(),
                _ => Vec::new(),
            };
            for w in candidates {
                let w = w.trim_end_matches([',', '.']);
                let lower = w.to_lowercase();
                let common_tag = self.tagger.lexicon_tag(&lower);
                let common = common_tag.is_some_and(|t| !t.starts_with("NNP"));
                if w.chars().count() < 2
                    || !w.chars().next().is_some_and(char::is_uppercase)
                    || is_connector(&lower)
                    || self.lex.find_name(w).is_some()
                    || common
                        && (w.chars().count() < 5
                            || class == EntityClass::Person
                            || !common_tag.is_some_and(|t| t.starts_with("NN")))
                {
                    continue;
                }
                let slot = forms.entry(w.to_string()).or_insert((Some(ent), common));
                if slot.0 != Some(ent) {
                    slot.0 = None; // two names share it: ambiguous
                }
            }
        }
        if forms.is_empty() {
            return;
        }
        let mut added = Vec::new();
        for toks in self.toks.iter() {
            for (i, t) in toks.iter().enumerate() {
                let w = self.word(t);
                if let Some(&(Some(ent), common)) = forms.get(w) {
                    let inside_name = |k: usize| {
                        toks.get(k).is_some_and(|n| {
                            self.word(n).chars().next().is_some_and(char::is_uppercase)
                        })
                    };
                    if common && (i == 0 || inside_name(i + 1) || inside_name(i.wrapping_sub(1))) {
                        continue;
                    }
                    if !self.covered(t) {
                        let kind = if self.ents.get(ent).class == EntityClass::Person {
                            MentionKind::Person
                        } else {
                            MentionKind::Name
                        };
                        added.push((t.start, t.end, ent, kind));
                    }
                }
            }
        }
        for (s, e, ent, kind) in added {
            self.add(s, e, ent, kind);
        }
    }

    /// Pass: "Hamburg-based Nordavik GmbH": a capitalised word before
    /// "-based" (also "-headquartered", "-registered") names a place, a city
    /// when the gazetteer does not say otherwise.
    pub(super) fn based_places(&mut self) {
        let mut added = Vec::new();
        for toks in self.toks.iter() {
            for t in toks {
                let w = &self.text[t.start..t.end];
                let Some(place) = ["-based", "-headquartered", "-registered"]
                    .iter()
                    .find_map(|m| w.strip_suffix(m))
                else {
                    continue;
                };
                let end = t.start + place.len();
                if place.chars().count() < 3
                    || !place.starts_with(char::is_uppercase)
                    || !place.chars().all(|c| c.is_alphabetic())
                    || place.chars().all(char::is_uppercase)
                    || self.overlaps(t.start, end)
                    || self.lex.find_name(place).is_some()
                    || never_a_name(place)
                {
                    continue;
                }
                added.push((t.start, end, place.to_string()));
            }
        }
        for (s, e, place) in added {
            let ent = self.ents.named(self.lex, &place, EntityClass::City);
            self.add(s, e, ent, MentionKind::Name);
        }
    }

    /// Pass: an acronym in parentheses after a name the gazetteer does not
    /// hold ("the Federal Criminal Police Office (BKA)", "Cambios del Sur
    /// S.L. (CDS)") is that name, there and in every later mention.
    pub(super) fn parenthesised_acronyms(&mut self) {
        static ACRONYM: LazyLock<regex::Regex> = LazyLock::new(|| {
            regex::Regex::new(r"^\s*\(\s*([A-Z][A-Z0-9&\-]{1,7})\s*\)").expect("acronym")
        });
        let text = self.text;
        let mut found: Vec<(usize, usize, usize, String)> = Vec::new();
        let mut renamed: Vec<(usize, usize, String, EntityClass)> = Vec::new();
        for m in self.mentions.iter() {
            if m.kind != MentionKind::Name || !self.ents.get(m.ent).class.is_organization() {
                continue;
            }
            let Some(c) = ACRONYM.captures(&text[m.end..]) else {
                continue;
            };
            let a = c.get(1).expect("group");
            let (s, e) = (m.end + a.start(), m.end + a.end());
            // An acronym the lexicon knows stays what it names, and so is
            // the name before it ("the Secretariat of the Navy (SEMAR)").
            if let Some(e) = self.lex.find_name(a.as_str()) {
                if e.class == self.ents.get(m.ent).class
                    && self.lex.entry(&self.ents.get(m.ent).id).is_none()
                {
                    renamed.push((m.start, m.end, e.label.clone(), e.class));
                }
                continue;
            }
            found.push((s, e, m.ent, a.as_str().to_string()));
        }
        for (s, e, label, class) in renamed {
            let ent = self.ents.named(self.lex, &label, class);
            self.ents.alias(ent, &text[s..e]);
            self.remove_within(s, e);
            self.add(s, e, ent, MentionKind::Name);
        }
        for (s, e, ent, acronym) in found {
            if self.overlaps(s, e) {
                continue;
            }
            self.ents.alias(ent, &acronym);
            self.add(s, e, ent, MentionKind::Name);
            let mut from = e;
            while let Some(k) = text[from..].find(acronym.as_str()) {
                let (ls, le) = (from + k, from + k + acronym.len());
                from = le;
                let bounded = !text[..ls].ends_with(|c: char| c.is_alphanumeric() || c == '-')
                    && !text[le..].starts_with(|c: char| c.is_alphanumeric() || c == '-');
                if bounded && !self.overlaps(ls, le) {
                    self.add(ls, le, ent, MentionKind::Name);
                }
            }
        }
    }

    /// Pass: "CBSA officers searched a truck. Officers seized …": a bare
    /// plural of an organisation's people, as a verb's subject, is the
    /// agency whose people were named so in the three sentences before.
    pub(super) fn staff_anaphora(&mut self) {
        const STAFF: &[&str] = &[
            "agents",
            "officers",
            "investigators",
            "inspectors",
            "troops",
            "marines",
            "soldiers",
            "prosecutors",
        ];
        let staffed: Vec<(usize, usize, String)> = self
            .mentions
            .iter()
            .filter(|m| {
                m.kind == MentionKind::Name
                    && self.ents.get(m.ent).class == EntityClass::GovernmentAgency
            })
            .filter_map(|m| {
                let next = self.text[m.end..]
                    .trim_start()
                    .split(|c: char| !c.is_alphabetic())
                    .next()
                    .unwrap_or("")
                    .to_lowercase();
                STAFF
                    .contains(&next.as_str())
                    .then_some((m.end, m.ent, next))
            })
            .collect();
        let mut added = Vec::new();
        for (si, toks) in self.toks.iter().enumerate() {
            for k in 0..toks.len() {
                let word = self.word(&toks[k]);
                let Some(&w) = STAFF.iter().find(|s| s.eq_ignore_ascii_case(word)) else {
                    continue;
                };
                if self.covered(&toks[k]) {
                    continue;
                }
                // Bare: the sentence's first word, or after "the" or an
                // opening phrase's comma; a verb follows.
                let bare = k == 0
                    || matches!(self.word(&toks[k - 1]), "," | "the" | "The")
                        && (k < 2 || !self.covered(&toks[k - 1]));
                let verb = toks
                    .get(k + 1)
                    .is_some_and(|t| t.tag.starts_with("VB") || t.tag == "MD");
                if !bare || !verb {
                    continue;
                }
                let from = self.sentences[si.saturating_sub(3)].start;
                let at = toks[k].start;
                // The same people: "FBI agents … agents", not "… officers";
                // else the agency the sentence before opens with ("The DEA
                // raided a house. Agents seized …").
                let same = staffed
                    .iter()
                    .rev()
                    .find(|(e, _, n)| *e < at && *e >= from && *n == w)
                    .map(|&(_, ent, _)| ent);
                // (all the agencies of a coordinated subject: "The FBI and
                // the DEA raided …").
                let opener = || -> Vec<usize> {
                    let Some(prev) = si.checked_sub(1).and_then(|p| self.toks.get(p)) else {
                        return Vec::new();
                    };
                    let Some(first) = prev.iter().take(2).find(|t| self.covered(t)) else {
                        return Vec::new();
                    };
                    let verb = prev
                        .iter()
                        .find(|t| t.tag.starts_with("VB") && !self.covered(t))
                        .map_or(first.end, |t| t.start);
                    let mut ents: Vec<usize> = Vec::new();
                    for (_, m) in self.mentions.starting_in(first.start, verb) {
                        if m.kind == MentionKind::Name
                            && self.ents.get(m.ent).class == EntityClass::GovernmentAgency
                            && !ents.contains(&m.ent)
                        {
                            ents.push(m.ent);
                        }
                    }
                    ents
                };
                let ents: Vec<usize> = match same {
                    Some(ent) => vec![ent],
                    None if k == 0 => opener(),
                    None => Vec::new(),
                };
                for ent in ents {
                    added.push(Mention {
                        start: toks[k].start,
                        end: toks[k].end,
                        ent,
                        kind: MentionKind::Pronoun,
                        quantity: None,
                    });
                }
            }
        }
        for m in added {
            self.push_mention(m);
        }
    }

    /// Pass: names a parenthesis gives another name ("APEX TRADING CO.
    /// (a.k.a. "APEX CHEM"; f.k.a. ORION LABS)", "Ruiz (also known as El
    /// Químico)"), as designation lists and indictments write them. Each
    /// is an alias of the name before the parenthesis, and every later
    /// mention of it, in any case, is that entity.
    pub(super) fn aka_aliases(&mut self) {
        static AKA: LazyLock<regex::Regex> = LazyLock::new(|| {
            regex::Regex::new(
                r#"^\s*\(\s*((?i:a\.?k\.?a\.?|f\.?k\.?a\.?|also known as|formerly known as)[^()]{1,200})\)"#,
            )
            .expect("aka")
        });
        static MARK: LazyLock<regex::Regex> = LazyLock::new(|| {
            regex::Regex::new(
                r#"^(?i:a\.?k\.?a\.?|f\.?k\.?a\.?|also known as|formerly known as)[\s:,]*"#,
            )
            .expect("aka mark")
        });
        let text = self.text;
        let named: Vec<Mention> = self
            .mentions
            .iter()
            .filter(|m| matches!(m.kind, MentionKind::Name | MentionKind::Person))
            .cloned()
            .collect();
        // (parenthesis span, entity, the aliases' spans)
        type Aliased = (usize, usize, usize, Vec<(usize, usize)>);
        let mut found: Vec<Aliased> = Vec::new();
        for m in &named {
            let class = self.ents.get(m.ent).class;
            if !(class.is_organization() || class == EntityClass::Person) {
                continue;
            }
            let Some(c) = AKA.captures(&text[m.end..]) else {
                continue;
            };
            let whole = c.get(0).expect("match");
            let inner = c.get(1).expect("group");
            let mut spans = Vec::new();
            let mut at = m.end + inner.start();
            for part in text[at..m.end + inner.end()].split([';', ',']) {
                let lead = MARK.find(part.trim_start()).map_or(0, |x| x.end())
                    + (part.len() - part.trim_start().len());
                let body = &part[lead..];
                let trimmed =
                    body.trim_matches(|c: char| c.is_whitespace() || "\"“”'‘’".contains(c));
                if !trimmed.is_empty()
                    && trimmed.chars().count() <= 60
                    && trimmed.starts_with(char::is_uppercase)
                {
                    let s = at + lead + body.find(trimmed).unwrap_or(0);
                    spans.push((s, s + trimmed.len()));
                }
                at += part.len() + 1;
            }
            if !spans.is_empty() {
                found.push((m.end + whole.start(), m.end + whole.end(), m.ent, spans));
            }
        }
        if found.is_empty() {
            return;
        }
        // Later mentions are matched in lower case (offsets only hold when
        // case folding keeps every length).
        let lower = text.to_lowercase();
        let same_offsets = lower.len() == text.len();
        for (ps, pe, ent, spans) in found {
            self.remove_within(ps, pe);
            let mut forms = Vec::new();
            for (s, e) in spans {
                let written = crate::entities::clean_ws(&text[s..e]);
                let form = if written.chars().any(char::is_lowercase) {
                    written.clone()
                } else {
                    written
                        .split_whitespace()
                        .map(|w| super::title_case(&[w]))
                        .collect::<Vec<_>>()
                        .join(" ")
                };
                self.add(s, e, ent, MentionKind::Name);
                self.ents.alias(ent, &form);
                forms.push(form);
            }
            // Later mentions of an alias, in any case, unless part of a
            // longer name.
            if !same_offsets {
                continue;
            }
            let kind = if self.ents.get(ent).class == EntityClass::Person {
                MentionKind::Person
            } else {
                MentionKind::Name
            };
            for form in forms {
                let needle = form.to_lowercase();
                let mut from = pe;
                while let Some(k) = lower[from..].find(&needle) {
                    let (s, e) = (from + k, from + k + needle.len());
                    from = e;
                    let bounded = !text[..s].ends_with(|c: char| c.is_alphanumeric())
                        && !text[e..].starts_with(|c: char| c.is_alphanumeric());
                    let inside = self
                        .mentions
                        .iter()
                        .any(|m| m.start < e && s < m.end && (m.start < s || m.end > e));
                    if bounded && !inside {
                        self.remove_within(s, e);
                        self.add(s, e, ent, kind);
                    }
                }
            }
        }
    }

    /// "the company", "the firm", "the agency", "the network", "the
    /// cartel", "both firms": the last entity of that class named in this
    /// or the three sentences before.
    pub(super) fn definite_descriptions(&mut self) {
        let mut named: Vec<Mention> = self
            .mentions
            .iter()
            .filter(|m| matches!(m.kind, MentionKind::Name | MentionKind::Person))
            .cloned()
            .collect();
        named.sort_by_key(|m| m.start);
        // Officials (who lead or belong to a government agency) are not
        // who "the suspect" or "the pair" is.
        let officials: Vec<usize> = self
            .implied
            .iter()
            .filter(|i| {
                matches!(
                    i.property,
                    fkg_model::Property::Leads | fkg_model::Property::MemberOf
                ) && self.ents.get(i.object).class == EntityClass::GovernmentAgency
            })
            .map(|i| i.subject)
            .chain(named.iter().filter_map(|m| {
                // … and who is named after an official title ("Acting
                // Commissioner X").
                let before = self.text[..m.start].trim_end();
                let prev = before.rsplit(char::is_whitespace).next().unwrap_or("");
                let first = self.text[m.start..m.end]
                    .split_whitespace()
                    .next()
                    .unwrap_or("");
                let title = |w: &str| {
                    w.starts_with(char::is_uppercase)
                        && self
                            .lex
                            .titles
                            .iter()
                            .any(|t| t.text.split_whitespace().last() == Some(w))
                };
                let titled = self.ents.get(m.ent).class == EntityClass::Person
                    && (title(prev) || title(first));
                titled.then_some(m.ent)
            }))
            .collect();
        // "The defendant, X, …", "X, the suspect, …", "defendant X": who the
        // case is about, for "the defendant" paragraphs later.
        static INTRODUCED_BEFORE: LazyLock<regex::Regex> = LazyLock::new(|| {
            regex::Regex::new(r"(?i)(?-u:\b)(defendant|suspect|accused)\s*,?\s*$")
                .expect("introduced")
        });
        static INTRODUCED_AFTER: LazyLock<regex::Regex> = LazyLock::new(|| {
            regex::Regex::new(r"(?i)^\s*,\s*(?:the\s+)?(defendant|suspect|accused)(?-u:\b)")
                .expect("introduced after")
        });
        let introduced: Vec<(usize, String, usize)> = named
            .iter()
            .filter(|m| self.ents.get(m.ent).class == EntityClass::Person)
            .filter_map(|m| {
                let from = super::window_start(self.text, m.start, 24);
                INTRODUCED_BEFORE
                    .captures(&self.text[from..m.start])
                    .or_else(|| INTRODUCED_AFTER.captures(&self.text[m.end..]))
                    .map(|c| (m.start, c[1].to_lowercase(), m.ent))
            })
            .collect();
        let mut added = Vec::new();
        for (si, toks) in self.toks.iter().enumerate() {
            for k in 1..toks.len() {
                let det = self.word(&toks[k - 1]).to_lowercase();
                let noun = self.word(&toks[k]).to_lowercase();
                // "the two firms", "these two men".
                let two = det == "two"
                    && k >= 2
                    && matches!(
                        self.word(&toks[k - 2]).to_lowercase().as_str(),
                        "the" | "these" | "those"
                    );
                let both = det == "both" || two;
                // "the same cartel" points back as "the cartel" does.
                let same =
                    det == "same" && k >= 2 && self.word(&toks[k - 2]).eq_ignore_ascii_case("the");
                if !(same || det == "the" || det == "this" || det == "that" || both) {
                    continue;
                }
                // People: "the suspect", "the pair", "both men" (a plural
                // noun of people only with a count of two).
                let pair = matches!(noun.as_str(), "pair" | "couple" | "duo");
                let people = matches!(
                    noun.as_str(),
                    "men" | "women" | "suspects" | "defendants" | "brothers" | "sisters"
                );
                // "both cartels", "the two factions"; "the cartels" alone is
                // the cartels in general.
                let cartels = matches!(noun.as_str(), "cartels" | "factions" | "groups");
                if (people || cartels) && !both {
                    continue;
                }
                let both = both || pair;
                let class = match noun.as_str() {
                    "man" | "woman" | "suspect" | "defendant" | "men" | "women" | "suspects"
                    | "defendants" | "brothers" | "sisters" | "pair" | "couple" | "duo" => {
                        EntityClass::Person
                    }
                    "company" | "firm" | "supplier" | "manufacturer" | "exporter" | "vendor"
                    | "brokerage" | "importer" | "distributor" | "wholesaler" | "shipper"
                    | "forwarder" | "companies" | "firms" | "suppliers" => EntityClass::Company,
                    "agency" | "department" | "bureau" | "ministry" | "office" | "police" => {
                        EntityClass::GovernmentAgency
                    }
                    "network" | "organization" | "organisation" | "ring" | "syndicate"
                    | "networks" | "organizations" | "gang" => EntityClass::CriminalOrganization,
                    "cartel" | "group" | "faction" | "cartels" | "groups" | "factions" => {
                        EntityClass::Cartel
                    }
                    _ => continue,
                };
                // "the group": a cartel or another criminal organisation.
                let also = matches!(noun.as_str(), "group" | "faction" | "groups" | "factions")
                    .then_some(EntityClass::CriminalOrganization);
                // "The man, Tyrell Dunn, …": a name in apposition says who
                // it is; it points back to no one.
                if toks.get(k + 1).is_some_and(|t| self.word(t) == ",")
                    && toks
                        .get(k + 2)
                        .is_some_and(|t| self.word(t).starts_with(char::is_uppercase))
                {
                    continue;
                }
                // "the Office of the Attorney General": a name, not a
                // description.
                if toks.get(k + 1).is_some_and(|t| self.word(t) == "of")
                    && self.word(&toks[k]).starts_with(char::is_uppercase)
                {
                    continue;
                }
                // "the company's" is fine; "the company Apex" names it.
                if toks
                    .get(k + 1)
                    .is_some_and(|t| self.capitalised(toks, k + 1) && t.tag.starts_with("NNP"))
                {
                    continue;
                }
                let s = if same || two {
                    toks[k - 2].start
                } else {
                    toks[k - 1].start
                };
                let e = toks[k].end;
                if self.overlaps(s, e) {
                    continue;
                }
                let from = self.sentences[si.saturating_sub(3)].start;
                let hi = named.partition_point(|m| m.start < s);
                let lo = named.partition_point(|m| m.start < from);
                let plural = both || noun.ends_with('s');
                let fits = |m: &Mention| {
                    let d = self.ents.get(m.ent);
                    // Named, singular entities of the class, not groups.
                    (d.class == class || Some(d.class) == also)
                        && !crate::entities::is_group_label(&d.label)
                        && !(class == EntityClass::Person && officials.contains(&m.ent))
                };
                // "the cartel" after "the Sinaloa Cartel … the Chapitos
                // network": a name with the description's noun as its head
                // comes first.
                // "the Ministry" in capitals names one the text has named,
                // however far back.
                let proper = self.word(&toks[k]).starts_with(char::is_uppercase);
                let headed = (!plural)
                    .then(|| {
                        named[if proper { 0 } else { lo }..hi]
                            .iter()
                            .rev()
                            .find(|m| fits(m) && has_head(&self.ents.get(m.ent).label, &noun))
                    })
                    .flatten();
                // "a customs brokerage of Guadalajara, X … the brokerage": a
                // name introduced with the description's noun next to it.
                let introduced_so = || {
                    named[lo..hi].iter().rev().find(|m| {
                        let before =
                            &self.text[super::window_start(self.text, m.start, 60)..m.start];
                        let after_end = (m.end + 40).min(self.text.len());
                        let after_end = (after_end..=self.text.len())
                            .find(|&e| self.text.is_char_boundary(e))
                            .unwrap_or(self.text.len());
                        let after = &self.text[m.end..after_end];
                        let has_noun = |t: &str| {
                            t.split(|c: char| !c.is_alphanumeric())
                                .any(|w| w.eq_ignore_ascii_case(&noun))
                        };
                        fits(m)
                            && (has_noun(before.rsplit(['.', ';']).next().unwrap_or(""))
                                || has_noun(after.split(['.', ';']).next().unwrap_or("")))
                    })
                };
                let headed = headed.or_else(|| {
                    // Not "the company", "the firm": every firm is one.
                    (!plural
                        && class == EntityClass::Company
                        && !matches!(noun.as_str(), "company" | "firm"))
                    .then(introduced_so)
                    .flatten()
                });
                let mut found: Vec<usize> = headed.map(|m| m.ent).into_iter().collect();
                // "the police" is a police force the text named, not any
                // agency.
                let only_headed = noun == "police";
                let mut found_at: Vec<usize> = Vec::new();
                for m in named[lo..hi].iter().rev() {
                    if only_headed {
                        break;
                    }
                    if found.len() == 1 && !plural {
                        break;
                    }
                    if fits(m) && !found.contains(&m.ent) {
                        found.push(m.ent);
                        found_at.push(m.start);
                        if !plural || found.len() == 2 {
                            break;
                        }
                    }
                }
                // "Both cartels" are two named together, in one sentence.
                if cartels
                    && found_at.len() == 2
                    && self.text[found_at[1]..found_at[0]].contains(". ")
                {
                    continue;
                }
                // "the defendant" paragraphs after the one who was introduced so.
                if found.is_empty() && !plural {
                    if let Some(&(_, _, ent)) = introduced
                        .iter()
                        .rev()
                        .find(|(at, n, _)| *at < s && *n == noun)
                    {
                        found.push(ent);
                    }
                }
                if found.is_empty() || plural && found.len() < 2 {
                    continue;
                }
                for ent in found {
                    added.push(Mention {
                        start: s,
                        end: e,
                        ent,
                        kind: MentionKind::Pronoun,
                        quantity: None,
                    });
                }
            }
        }
        for m in added {
            self.push_mention(m);
        }
    }
}

/// Whether a capitalised word is one syllable of Hanyu Pinyin written
/// without tone marks ("Bin", "Gang", "Zhuang"; not "Beach").
fn is_pinyin_syllable(w: &str) -> bool {
    static SYLLABLE: LazyLock<regex::Regex> = LazyLock::new(|| {
        regex::Regex::new(
            "^(?:zh|ch|sh|[bpmfdtnlgkhjqxrzcsyw])?\
             (?:iang|iong|uang|ueng|ang|eng|ong|iao|ian|ing|uai|uan|ai|ei|ao|ou|an|en|er|ia|ie|iu|in|ua|uo|ui|un|ue|a|o|e|i|u|v)$",
        )
        .expect("pinyin")
    });
    w.starts_with(char::is_uppercase) && w.len() <= 6 && SYLLABLE.is_match(&w.to_lowercase())
}

/// Whether a name has a description's noun as its head: the last word, or
/// the word before "of" ("Ministry of Public Security" is a ministry);
/// "the police" are a force named Police, Public Security or Constabulary.
fn has_head(label: &str, noun: &str) -> bool {
    if noun == "police" {
        let l = label.to_lowercase();
        return ["police", "public security", "constabulary", "sheriff"]
            .iter()
            .any(|w| l.contains(w));
    }
    let head = label.split(" of ").next().unwrap_or(label);
    head.rsplit(' ')
        .next()
        .is_some_and(|h| h.eq_ignore_ascii_case(noun))
}

/// Whether a capitalised word is listed as never a name (months, weekdays,
/// the parties of a case).
pub(super) fn never_a_name(w: &str) -> bool {
    LISTS.never.iter().any(|n| n == w)
}

/// Words of time that open sentences in capitals and are never names.
fn is_time_word(w: &str) -> bool {
    matches!(
        w,
        "yesterday"
            | "today"
            | "tomorrow"
            | "tonight"
            | "last"
            | "next"
            | "this"
            | "earlier"
            | "later"
    )
}

/// Lemmas of nouns and participles whose "in X" names where they are.
const PLACE_TAKERS: &[&str] = &[
    "office",
    "agency",
    "duty",
    "post",
    "base",
    "based",
    "headquartered",
    "headquarters",
    "located",
    "registered",
    "register",
    "incorporated",
    "incorporate",
    "locate",
    "headquarter",
    "lab",
    "laboratory",
    "warehouse",
    "plant",
    "factory",
    "facility",
    "station",
    "attaché",
    "consulate",
    "embassy",
];

/// Whether a run ending at `b` goes on into an organisation's name
/// (", Ltd."), which makes it no place.
fn comma_then_org(f: &Finder<'_>, toks: &[Token], b: usize) -> bool {
    toks.get(b + 1).is_some_and(|t| f.word(t) == ",")
        && toks
            .get(b + 2)
            .is_some_and(|t| matches!(f.word(t), "Ltd." | "Ltd" | "Inc." | "Inc" | "LLC"))
}

#[cfg(test)]
mod tests {
    #[test]
    fn bundled_lists_parse() {
        let l = super::parse_lists(super::NAMES).unwrap();
        assert!(!l.suffix.is_empty() && !l.after.is_empty() && !l.apposed.is_empty());
        assert!(!l.role.is_empty());
        assert!(super::parse_lists("suffix\tNoSuchClass\tCo.\n").is_err());
    }
}
