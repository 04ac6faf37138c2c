//! Relation frames over the linguistic layer: each line of
//! `ontology/lexicon/frames.tsv` names the words that express a property
//! and the roles its arguments take (agent, patient, or a preposition).
//! The matcher finds those roles in active, passive, reduced-relative,
//! relative, catenative, nominal, light-verb, appositive and copular forms,
//! over the tagged tokens ([`crate::lang`]) and the sentence's mentions
//! (names, groups, people and resolved pronouns), which are the only
//! arguments a frame can take.

use crate::lang::{verb_group, Tagger, Token, VerbGroup};
use crate::lexicon::parse_classes;
use crate::mentions::MentionKind;
use crate::relations::{Found, SentenceCtx};
use fkg_model::{EntityClass, Property};
use std::collections::{HashMap, HashSet};

const FRAMES: &str = include_str!("../../../ontology/lexicon/frames.tsv");

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pos {
    Verb,
    /// An action noun ("shipment", "sanctions").
    Noun,
    /// An agent noun ("supplier", "leader").
    Agent,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Role {
    Agent,
    Patient,
    Prep(Vec<String>),
}

#[derive(Debug, Clone)]
pub struct Frame {
    pub id: String,
    pub pos: Pos,
    pub property: Property,
    pub subject: Role,
    pub object: Role,
    pub subject_classes: Vec<EntityClass>,
    pub object_classes: Vec<EntityClass>,
    pub confidence: f64,
}

/// The frames, indexed by lemma, and the word lists they rely on.
#[derive(Debug, Default)]
pub struct Frames {
    pub frames: Vec<Frame>,
    by_lemma: HashMap<String, Vec<usize>>,
    light: HashSet<String>,
    stop: HashSet<String>,
    measure: HashSet<String>,
    money: HashSet<String>,
}

fn role(cell: &str) -> Result<Role, String> {
    Ok(match cell {
        "agent" => Role::Agent,
        "patient" => Role::Patient,
        "" | "-" => return Err("empty role".into()),
        preps => Role::Prep(preps.split('|').map(str::to_string).collect()),
    })
}

impl Frames {
    pub fn bundled() -> Result<Self, String> {
        Self::parse(FRAMES)
    }

    pub fn parse(src: &str) -> Result<Self, String> {
        let mut f = Frames::default();
        for (n, line) in src.lines().enumerate() {
            let line = line.trim_end_matches('\r');
            if line.trim().is_empty() || line.starts_with('#') {
                continue;
            }
            let cols: Vec<&str> = line.split('\t').map(str::trim).collect();
            let err = |m: String| format!("frames.tsv line {}: {m}", n + 1);
            if let Some(list) = cols[0].strip_prefix('@') {
                let words = cols
                    .get(1)
                    .ok_or_else(|| err("a word list needs its words".into()))?
                    .split(',')
                    .map(|w| w.trim().to_string());
                match list {
                    "light" => f.light.extend(words),
                    "stop" => f.stop.extend(words),
                    "measure" => f.measure.extend(words),
                    "money" => f.money.extend(words),
                    other => return Err(err(format!("unknown list @{other}"))),
                }
                continue;
            }
            if cols.len() < 8 {
                return Err(err(format!("expected 8 columns, found {}", cols.len())));
            }
            let pos = match cols[1] {
                "V" => Pos::Verb,
                "N" => Pos::Noun,
                "A" => Pos::Agent,
                other => return Err(err(format!("unknown part of speech {other:?}"))),
            };
            let property = Property::from_local_name(cols[2])
                .ok_or_else(|| err(format!("unknown property {:?}", cols[2])))?;
            let confidence: f64 = cols[7]
                .parse()
                .map_err(|_| err(format!("bad confidence {:?}", cols[7])))?;
            let frame = Frame {
                id: String::new(),
                pos,
                property,
                subject: role(cols[3]).map_err(err)?,
                object: role(cols[4]).map_err(err)?,
                subject_classes: parse_classes(cols[5]).map_err(err)?,
                object_classes: parse_classes(cols[6]).map_err(err)?,
                confidence,
            };
            for w in cols[0].split(',').map(str::trim).filter(|w| !w.is_empty()) {
                let mut fr = frame.clone();
                fr.id = format!("frame:{w}/{}/{}", cols[1], cols[2]);
                f.by_lemma
                    .entry(w.to_string())
                    .or_default()
                    .push(f.frames.len());
                f.frames.push(fr);
            }
        }
        Ok(f)
    }

    fn for_lemma(&self, lemma: &str, pos: Pos) -> impl Iterator<Item = &Frame> {
        self.by_lemma
            .get(lemma)
            .into_iter()
            .flatten()
            .map(|&i| &self.frames[i])
            .filter(move |f| f.pos == pos)
    }

    /// The acts on someone (sanctioning, charging, arresting) a verb of
    /// this lemma expresses: the frames whose object is its patient.
    pub(crate) fn acts_on(&self, lemma: &str) -> Vec<&Frame> {
        self.for_lemma(lemma, Pos::Verb)
            .filter(|f| {
                f.object == Role::Patient
                    && f.subject == Role::Agent
                    && matches!(
                        f.property,
                        Property::Sanctions | Property::Charges | Property::Arrests
                    )
            })
            .collect()
    }

    fn has_noun(&self, lemma: &str) -> bool {
        self.for_lemma(lemma, Pos::Noun).next().is_some()
    }
}

/// A mention span over tokens: the mentions of `ctx.mentions` that share it.
#[derive(Debug)]
struct Unit {
    first: usize,
    last: usize,
    mentions: Vec<usize>,
}

struct Clause<'a, 'c> {
    ctx: &'c SentenceCtx<'a>,
    frames: &'c Frames,
    toks: &'c [Token],
    units: Vec<Unit>,
    unit_at: Vec<Option<usize>>,
    /// Each token in lower case (borrowed when it already is).
    lower: Vec<std::borrow::Cow<'a, str>>,
    /// Predicates the frames read with their agent found: (property, the
    /// verb's byte range). Trigger patterns yield to these readings even
    /// when the frame found no object.
    claims: std::cell::RefCell<Vec<(Property, (usize, usize))>>,
}

/// Words that end a clause for argument search.
fn is_barrier(w: &str) -> bool {
    matches!(
        w,
        ";" | ":"
            | "—"
            | "–"
            | "because"
            | "although"
            | "though"
            | "whereas"
            | "while"
            | "unless"
            | "if"
            | "whether"
            | "since"
            | "when"
            | "after"
            | "before"
            | "until"
            | "?"
    )
}

fn is_relative(w: &str) -> bool {
    matches!(w, "which" | "who" | "that" | "whom")
}

/// Determiners, adjectives, numbers and the like, which stand between a
/// preposition or verb and the head of its noun phrase.
fn is_premodifier(t: &Token, w: &str) -> bool {
    // "in 2020 Mexico suspended …": a year is a phrase of its own.
    let year = w.len() == 4 && w.starts_with(['1', '2']) && w.chars().all(|c| c.is_ascii_digit());
    !year
        && matches!(
            t.tag,
            "DT" | "PDT" | "PRP$" | "CD" | "JJ" | "JJR" | "JJS" | "POS"
        )
        || matches!(w, "both" | "all" | "each" | "several" | "some" | "other")
}

impl<'a, 'c> Clause<'a, 'c> {
    /// Token `k` in lower case.
    fn word(&self, k: usize) -> &str {
        &self.lower[k]
    }

    /// The unit coordinated before the phrase that starts at token
    /// `first`, and whether "and" or "or" joins them: "China" for "India"
    /// in "China and India" (true) or "China, India" (false).
    fn conjunct_before(&self, first: usize) -> Option<(usize, bool)> {
        let mut j = first;
        let mut joined = false;
        let mut and = false;
        while j > 0 && matches!(self.word(j - 1), "and" | "or" | "," | "the") {
            joined |= self.word(j - 1) != "the";
            and |= matches!(self.word(j - 1), "and" | "or");
            j -= 1;
        }
        if !joined || j == 0 {
            return None;
        }
        self.unit_at[j - 1].map(|u| (u, and))
    }

    /// The first conjunct of a list that unit `u` ends and a preposition
    /// opens: "in China, India and Peru" gives China for Peru. A list
    /// needs "and" or "or" ("by X, the network" is none).
    fn prepositional_conjunct(&self, u: usize) -> Option<usize> {
        let mut cur = u;
        let mut and = false;
        for _ in 0..6 {
            let (conj, via_and) = self.conjunct_before(self.units[cur].first)?;
            // "and" only between the last two: "A, B and C".
            if cur == u {
                and = via_and;
            }
            if !and {
                return None;
            }
            if self.prep_before(self.units[conj].first).is_some() {
                return Some(conj);
            }
            cur = conj;
        }
        None
    }

    /// Whether one of unit `u`'s mentions is of a class `pred` accepts.
    fn unit_is(&self, u: usize, pred: impl Fn(EntityClass) -> bool) -> bool {
        self.units[u]
            .mentions
            .iter()
            .any(|&m| pred(self.ctx.ents.get(self.ctx.mentions[m].ent).class))
    }

    /// Whether unit `u` names a place.
    fn is_place_unit(&self, u: usize) -> bool {
        self.unit_is(u, EntityClass::is_place)
    }

    /// Whether unit `u` names a person.
    fn is_person_unit(&self, u: usize) -> bool {
        self.unit_is(u, |c| c == EntityClass::Person)
    }

    /// "Wuhan, China": unit `u` is the state or country after a place and
    /// a comma.
    fn second_of_place_pair(&self, u: usize) -> bool {
        let first = self.units[u].first;
        first >= 2
            && self.word(first - 1) == ","
            && self.unit_at[first - 2].is_some_and(|p| self.is_place_unit(p))
    }

    /// The name an indefinite apposition before token `from` describes:
    /// "X, a chemical company in Wuhan" gives X. Looks back within the
    /// clause only.
    fn apposed_name_before(&self, from: usize) -> Option<usize> {
        let lo = from.saturating_sub(20);
        for a in (lo.max(2)..from).rev() {
            let w = self.word(a);
            if is_barrier(w) || self.toks[a].tag.starts_with("VB") || self.toks[a].tag == "MD" {
                return None;
            }
            if matches!(w, "a" | "an") && self.word(a - 1) == "," {
                // "Apex Co., a …": the name may end inside its last token.
                return self.unit_at[a - 2].or_else(|| {
                    (a >= 3 && self.word(a - 2) == ".")
                        .then(|| self.unit_at[a - 3])
                        .flatten()
                });
            }
        }
        None
    }

    /// A noun of money ("cash", "proceeds", whose lemma the tagger may
    /// take for a verb's).
    fn is_money(&self, k: usize) -> bool {
        self.frames.money.contains(self.toks[k].lemma.as_str())
            || self.frames.money.contains(self.word(k))
    }

    /// The preposition that introduces unit `u` ("to the United States"),
    /// if any; "of" after a measure noun does not count ("40 kilograms of
    /// fentanyl" is fentanyl), nor does "according to".
    fn prep_before(&self, first: usize) -> Option<String> {
        // "by broker Kwan Lo", "to Treasury official Ana Ruiz": role nouns
        // in lower case before a person's name belong to its phrase.
        let person = self.unit_at[first].is_some_and(|u| self.is_person_unit(u));
        let mut k = first;
        let mut roles = 0;
        let mut seen_determiner = false;
        while k > 0 {
            let w = self.word(k - 1);
            if is_premodifier(&self.toks[k - 1], w) && self.unit_at[k - 1].is_none() {
                seen_determiner |= matches!(self.toks[k - 1].tag, "DT" | "PDT" | "PRP$");
                k -= 1;
                continue;
            }
            // "by agents of Mexico's FGR": the possessor and its "'s" belong
            // to the name's phrase.
            if k >= 2
                && matches!(self.word(k - 1), "'s" | "’s")
                && self.unit_at[k - 2].is_some()
                && self.unit_at[k - 1].is_none()
            {
                k = self.units[self.unit_at[k - 2].expect("unit")].first;
                continue;
            }
            // "via established ports": a participle after a preposition or
            // determiner modifies the name.
            if k >= 2
                && !seen_determiner
                && matches!(self.toks[k - 1].tag, "VBN" | "VBG")
                && self.unit_at[k - 1].is_none()
                && matches!(self.toks[k - 2].tag, "IN" | "TO" | "DT" | "JJ")
            {
                k -= 1;
                continue;
            }
            let t = &self.toks[k - 1];
            let lower = self.ctx.text[t.start..t.end].starts_with(char::is_lowercase);
            if person
                && roles < 3
                && lower
                && t.tag.starts_with("NN")
                && self.unit_at[k - 1].is_none()
            {
                roles += 1;
                k -= 1;
                continue;
            }
            break;
        }
        if k == 0 {
            return None;
        }
        let t = &self.toks[k - 1];
        let w = self.word(k - 1);
        let prep = matches!(t.tag, "IN" | "TO")
            || matches!(
                w,
                "targeting"
                    | "against"
                    | "near"
                    | "around"
                    | "outside"
                    | "inside"
                    | "across"
                    | "throughout"
            );
        if !prep || is_relative(w) && t.tag != "IN" {
            return None;
        }
        if w == "that" || w == "whether" || w == "if" || w == "because" {
            return None;
        }
        if k >= 2 {
            let before = self.word(k - 2);
            if before == "according" || (w == "to" && before == "due") {
                return Some("according".into());
            }
            // "by agents of the FBI", "by officers of Mexico's navy": the
            // people of an organisation act for it.
            if w == "of"
                && k >= 3
                && self.word(k - 3) == "by"
                && matches!(
                    before,
                    "agents"
                        | "officers"
                        | "officials"
                        | "investigators"
                        | "marines"
                        | "troops"
                        | "soldiers"
                        | "police"
                        | "personnel"
                        | "prosecutors"
                        | "members"
                )
            {
                return Some("by".into());
            }
            if w == "of" && before == "behalf" {
                return Some("behalf".into());
            }
            // "sold precursors to buyers in Mexico and the United States":
            // the place of the buyers a verb of supplying reaches is where
            // it supplies.
            if w == "in"
                && matches!(
                    self.toks[k - 2].lemma.as_str(),
                    "buyer"
                        | "customer"
                        | "client"
                        | "recipient"
                        | "purchaser"
                        | "importer"
                        | "consignee"
                        | "dealer"
                        | "distributor"
                )
                && self.word_before_phrase(k - 2) == Some("to")
            {
                return Some("to".into());
            }
            // "in the mountainous zones of Sinaloa", "across the
            // municipalities of X and Y": the part of a place a preposition
            // takes stands for the place.
            if w == "of"
                && matches!(
                    self.toks[k - 2].lemma.as_str(),
                    "zone"
                        | "region"
                        | "area"
                        | "part"
                        | "municipality"
                        | "province"
                        | "mountain"
                        | "outskirts"
                        | "suburb"
                        | "district"
                        | "county"
                        | "highland"
                        | "hill"
                        | "coast"
                        | "countryside"
                        | "interior"
                        | "north"
                        | "south"
                        | "east"
                        | "west"
                )
            {
                if let Some(
                    p @ ("in" | "into" | "across" | "throughout" | "through" | "from" | "to"),
                ) = self.word_before_phrase(k - 2)
                {
                    return Some(p.to_string());
                }
            }
            if w == "of" {
                let lemma = &self.toks[k - 2].lemma;
                if self.frames.measure.contains(lemma.as_str()) || self.toks[k - 2].tag == "CD" {
                    return None;
                }
            }
        }
        Some(w.to_string())
    }

    /// The word before the noun phrase headed by token `head` (past its
    /// premodifiers), when neither is part of a name.
    fn word_before_phrase(&self, head: usize) -> Option<&str> {
        if self.unit_at[head].is_some() {
            return None;
        }
        let mut j = head;
        while j > 0
            && self.unit_at[j - 1].is_none()
            && is_premodifier(&self.toks[j - 1], self.word(j - 1))
        {
            j -= 1;
        }
        (j > 0 && self.unit_at[j - 1].is_none()).then(|| self.word(j - 1))
    }

    /// The subject of the verb group starting at token `first`: the nearest
    /// unit on the left that no preposition introduces, past parentheticals
    /// (", based in X,"), through relative pronouns to their antecedent, and
    /// through catenative verbs ("began shipping", "plans to sell").
    fn subject_before(&self, first: usize) -> Option<usize> {
        // "The FGR said its agents arrested X": the organisation "its"
        // stands for, named earlier in the sentence.
        if first >= 2 && self.is_staff(first - 1) && matches!(self.word(first - 2), "its" | "their")
        {
            return (0..first - 2).rev().find_map(|j| {
                self.unit_at[j].filter(|&u| {
                    self.units[u].mentions.iter().any(|&m| {
                        matches!(
                            self.ctx.class(self.ctx.mentions[m]),
                            EntityClass::GovernmentAgency | EntityClass::Country
                        )
                    })
                })
            });
        }
        let mut k = first;
        let mut steps = 0;
        let mut adjacent = true;
        while k > 0 && steps < 40 {
            steps += 1;
            let i = k - 1;
            if let Some(u) = self.unit_at[i] {
                let unit = &self.units[u];
                if let Some(prep) = self.prep_before(unit.first) {
                    // "Officers from the RCMP raided …", "prosecutors in
                    // the U.S. Attorney's Office charged …": an
                    // organisation's people act for it.
                    if matches!(prep.as_str(), "from" | "of" | "with" | "in" | "at") {
                        let mut p = unit.first;
                        while p > 0 && self.word(p - 1) != prep {
                            p -= 1;
                        }
                        let staff = p >= 2 && self.is_staff(p - 2);
                        let mut opens = p.saturating_sub(2);
                        // "Mexican soldiers from SEDENA": a demonym before
                        // the staff noun too.
                        let demonym = |j: usize| {
                            self.unit_at[j].is_some_and(|v| {
                                self.units[v].mentions.iter().all(|&m| {
                                    self.ctx.mentions[m].kind
                                        == crate::mentions::MentionKind::Demonym
                                })
                            })
                        };
                        while opens > 0
                            && (matches!(self.toks[opens - 1].tag, "DT" | "JJ" | "CD")
                                && self.unit_at[opens - 1].is_none()
                                || demonym(opens - 1))
                        {
                            opens -= 1;
                        }
                        let organisation = unit
                            .mentions
                            .iter()
                            .any(|&m| self.ctx.class(self.ctx.mentions[m]).is_organization());
                        // The staff noun opens the clause or follows a comma.
                        // "In 2022 soldiers from SEDENA …": after an opening
                        // phrase of time too.
                        let opener = (0..opens).all(|j| {
                            self.unit_at[j].is_none()
                                && matches!(
                                    self.toks[j].tag,
                                    "IN" | "CD" | "," | "NNP" | "DT" | "RB"
                                )
                        });
                        let clause_start = opens == 0
                            || opener
                            || matches!(self.word(opens - 1), "," | ";" | "and" | "that");
                        if staff && organisation && clause_start && adjacent {
                            return Some(u);
                        }
                    }
                    k = unit.first;
                    adjacent = false;
                    continue;
                }
                // "companies in China, India and Peru sell …": a conjunct
                // of a prepositional object is inside that phrase too.
                if let Some(conj) = self.prepositional_conjunct(u) {
                    k = self.units[conj].first;
                    adjacent = false;
                    continue;
                }
                // "Tan's network has been moving …": a possessor is not the
                // subject, and what it owns is no name; but "the FGR's
                // agents arrested X": an organisation's people act for it.
                // "the Gulf Cartel's distribution networks operate in …": an
                // organisation's cells, networks and members act for it too.
                if self.toks.get(unit.last + 1).is_some_and(|n| n.tag == "POS") {
                    let head = first.wrapping_sub(1);
                    let modifiers = (unit.last + 2..head).all(|j| {
                        self.unit_at[j].is_none()
                            && (self.toks[j].is_noun()
                                || self.toks[j].is_adjective()
                                || self.toks[j].tag == "VBG")
                    });
                    let organisation = unit.mentions.iter().any(|&m| {
                        matches!(
                            self.ctx.class(self.ctx.mentions[m]),
                            EntityClass::Cartel
                                | EntityClass::CriminalOrganization
                                | EntityClass::Company
                        )
                    });
                    let part = head < self.toks.len()
                        && self.unit_at[head].is_none()
                        && matches!(
                            self.toks[head].lemma.as_str(),
                            "network"
                                | "cell"
                                | "hub"
                                | "affiliate"
                                | "member"
                                | "operative"
                                | "distributor"
                                | "faction"
                                | "branch"
                                | "subsidiary"
                                | "crew"
                        );
                    return (head >= unit.last + 2
                        && head + 1 == first
                        && modifiers
                        && (self.is_staff(head) || organisation && part))
                        .then_some(u);
                }
                // "a Gulf Cartel crew active in …": a name modifying a
                // noun is not the subject either.
                if unit.last + 1 < first
                    && self.unit_at[unit.last + 1].is_none()
                    && self.toks[unit.last + 1].is_noun()
                    && unit.first > 0
                    && matches!(self.word(unit.first - 1), "a" | "an")
                {
                    k = unit.first;
                    adjacent = false;
                    continue;
                }
                // "Ramón Vega, a Mexican national, has laundered …": a
                // group noun in apposition describes the name before it.
                if unit.first >= 3
                    && matches!(self.word(unit.first - 1), "a" | "an")
                    && self.word(unit.first - 2) == ","
                    && self
                        .toks
                        .get(unit.last + 1)
                        .is_some_and(|_| self.word(unit.last + 1) == ",")
                {
                    if let Some(v) = self.unit_at[unit.first - 3] {
                        return Some(v);
                    }
                }
                // "these people and firms, because they are trying to …":
                // a plural noun just before "they" is what it means, and
                // that is no name.
                if self.word(unit.first) == "they" {
                    let lo = unit.first.saturating_sub(8);
                    if (lo..unit.first).any(|j| {
                        self.unit_at[j].is_none()
                            && self.toks[j].tag == "NNS"
                            && !self.frames.measure.contains(self.toks[j].lemma.as_str())
                    }) {
                        return None;
                    }
                }
                return Some(u);
            }
            let t = &self.toks[i];
            let w = self.word(i);
            if is_barrier(w) {
                return None;
            }
            if is_relative(w) && matches!(t.tag, "WDT" | "WP" | "IN") {
                if !adjacent {
                    return None;
                }
                // "X, which ships": the antecedent right before it.
                let mut j = i;
                while j > 0 && matches!(self.word(j - 1), "," | "(") {
                    j -= 1;
                }
                // Not a name inside a prepositional phrase ("an
                // individual based in Guatemala, who …"), nor the state
                // after a city ("in Wuhan, China, which …"); an apposition
                // ("X, a chemical company in Wuhan, China, which …") hands
                // the relative to the name it describes.
                return match if j > 0 { self.unit_at[j - 1] } else { None } {
                    Some(u)
                        if self.prep_before(self.units[u].first).is_none()
                            && !self.second_of_place_pair(u) =>
                    {
                        Some(u)
                    }
                    // Past a place only: "X, a launderer for the Gulf
                    // Cartel, which …" means the cartel ("which" is never
                    // a person), "…, who …" the person.
                    Some(u) if self.is_place_unit(u) => {
                        self.apposed_name_before(self.units[u].first)
                    }
                    Some(u) => {
                        let person = self.is_person_unit(u);
                        match w {
                            "which" if !person => Some(u),
                            "who" if !person => self
                                .apposed_name_before(self.units[u].first)
                                .filter(|&a| self.is_person_unit(a)),
                            _ => None,
                        }
                    }
                    // "X, a Chinese exporter that …": a relative on the
                    // apposition's noun refers to the name it describes.
                    // ("who" for a person, "which" for anything else).
                    None if j > 0 && self.toks[j - 1].is_noun() => self
                        .apposed_name_before(j)
                        .filter(|&a| (w == "who") == self.is_person_unit(a) || w == "that"),
                    None => None,
                };
            }
            // "… that officials say has sold": past an attribution inside
            // a relative clause, to the relative word.
            if t.tag.starts_with("VB")
                && adjacent
                && matches!(
                    t.lemma.as_str(),
                    "say" | "believe" | "allege" | "claim" | "report" | "think" | "suspect"
                )
            {
                let lo = i.saturating_sub(5);
                let rel = (lo..i).rev().find(|&r| {
                    is_relative(self.word(r))
                        && (r + 1..i).all(|x| {
                            self.unit_at[x].is_some()
                                || matches!(self.toks[x].tag, "DT" | "JJ" | "NN" | "NNS" | "PRP")
                        })
                });
                if let Some(r) = rel {
                    if r + 1 < i {
                        k = r + 1;
                        continue;
                    }
                }
            }
            if w == ")" {
                // "(OFAC)": an aside in brackets is skipped whole.
                match (0..i).rev().find(|&j| self.word(j) == "(") {
                    Some(j) => {
                        k = j;
                        continue;
                    }
                    None => return None,
                }
            }
            if w == "," && !adjacent && self.apposition_head(i + 1, first) {
                // "X, a company headquartered in Y": the name before the
                // apposition whose head the participle follows.
                return if i > 0 { self.unit_at[i - 1] } else { None };
            }
            if w == "," {
                // "The suspect, Tyrell Dunn, bought …", "Apex's sales
                // director, Ana Ruiz, was arrested": a name in apposition to
                // a plain noun subject is the subject.
                if let Some(u) = i.checked_sub(1).and_then(|j| self.unit_at[j]) {
                    let unit = &self.units[u];
                    let open = unit.first.saturating_sub(1);
                    let noun_before = unit.last + 1 == i
                        && unit.first >= 3
                        && self.word(open) == ","
                        && self.toks[open - 1].is_noun()
                        && self.unit_at[open - 1].is_none()
                        && (0..open - 1)
                            .rev()
                            .take(3)
                            .any(|j| matches!(self.toks[j].tag, "DT" | "PRP$" | "POS"));
                    if noun_before {
                        return Some(u);
                    }
                }
                // A parenthetical between subject and verb: jump to the
                // comma that opens it.
                if let Some(open) = self.parenthetical_start(i) {
                    k = open;
                    continue;
                }
                return None;
            }
            if t.tag == "TO" && adjacent {
                // "plans to ship": the subject of the governing verb, but
                // not a purpose clause after a noun ("bought X to make Y").
                if i > 0 && self.toks[i - 1].tag.starts_with("VB") {
                    let g = verb_group(self.toks, i - 1)?;
                    k = g.first;
                    continue;
                }
                if i > 0 && matches!(self.toks[i - 1].tag, "RB" | "JJ") {
                    k = i - 1;
                    continue;
                }
                return None;
            }
            // "X is a chemical maker registered in Y": through a copula
            // whose complement the participle follows.
            if t.tag.starts_with("VB")
                && t.lemma == "be"
                && !adjacent
                && self.apposition_head(i + 1, first)
            {
                let g = verb_group(self.toks, i)?;
                k = g.first;
                continue;
            }
            if t.tag.starts_with("VB") || t.tag == "MD" {
                if adjacent {
                    // Catenative: "began shipping", "helped smuggle".
                    let g = verb_group(self.toks, i)?;
                    k = g.first;
                    continue;
                }
                // Another clause's verb, unless coordinated verb phrases
                // share this subject: "seized X and arrested Y".
                return None;
            }
            if matches!(t.tag, "RB" | "RBR" | "RBS") {
                k = i;
                continue;
            }
            if matches!(w, "and" | "or" | "but") {
                // "A seized X and arrested Y": the subject of the verb
                // before the conjunction, when one is there.
                if let Some(v) = self.verb_before_object(i) {
                    let g = verb_group(self.toks, v)?;
                    k = g.first;
                    adjacent = true;
                    continue;
                }
                return None;
            }
            adjacent = false;
            k = i;
        }
        None
    }

    /// Pairs of names one token apart where that token passes `between`
    /// (", " in "Culiacán, Sinaloa", "'s" in "Mexico's UIF"): each unit,
    /// its first mention and that mention's class.
    #[allow(clippy::type_complexity)]
    fn adjacent_names(
        &self,
        between: impl Fn(&Token, &str) -> bool,
    ) -> Vec<(&Unit, &Unit, usize, usize, EntityClass, EntityClass)> {
        self.units
            .windows(2)
            .filter(|w| w[1].first == w[0].last + 2)
            .filter(|w| between(&self.toks[w[0].last + 1], self.word(w[0].last + 1)))
            .filter_map(|w| {
                let (&mu, &mv) = (w[0].mentions.first()?, w[1].mentions.first()?);
                let a = self.ctx.class(self.ctx.mentions[mu]);
                let b = self.ctx.class(self.ctx.mentions[mv]);
                Some((&w[0], &w[1], mu, mv, a, b))
            })
            .collect()
    }

    /// Whether token `k` is a plural noun for an organisation's people
    /// ("agents", "officers", "investigators").
    fn is_staff(&self, k: usize) -> bool {
        k < self.toks.len()
            && self.unit_at[k].is_none()
            && matches!(
                self.toks[k].lemma.as_str(),
                "agent"
                    | "officer"
                    | "investigator"
                    | "marine"
                    | "sailor"
                    | "soldier"
                    | "troop"
                    | "prosecutor"
                    | "official"
                    | "authority"
                    | "police"
                    | "inspector"
            )
    }

    /// In "X, which Treasury sanctioned", from the first token of the
    /// relative clause's subject: the antecedent X.
    fn object_relative_antecedent(&self, subject_first: usize) -> Option<usize> {
        let mut k = subject_first;
        while k > 0 && matches!(self.toks[k - 1].tag, "DT" | "JJ") {
            k -= 1;
        }
        if k < 2 || !matches!(self.word(k - 1), "which" | "whom" | "that") {
            return None;
        }
        // A non-restrictive relative, set off by a comma, asserts; "the
        // fentanyl that we seize" only picks the fentanyl out.
        let j = k - 1;
        if j == 0 {
            return None;
        }
        if self.word(j - 1) != "," {
            // "X, a broker whom the DOJ had indicted": the relative
            // describes the apposition, and so the name before it.
            let mut h = j;
            while h > 0
                && (self.unit_at[h - 1].is_none()
                    && (self.toks[h - 1].is_noun()
                        || self.toks[h - 1].is_adjective()
                        || matches!(self.toks[h - 1].tag, "CD" | "VBN" | "HYPH"))
                    // "a Wuhan chemical seller"
                    || self.unit_at[h - 1].is_some_and(|u| self.is_place_unit(u)))
            {
                h -= 1;
            }
            if h == j || h < 3 || !matches!(self.word(h - 1), "a" | "an" | "the") {
                return None;
            }
            if self.word(h - 2) != "," {
                return None;
            }
            let u = self.unit_at[h - 3]?;
            return self.prep_before(self.units[u].first).is_none().then_some(u);
        }
        let j = j - 1;
        let u = self.unit_at[j.checked_sub(1)?]?;
        self.prep_before(self.units[u].first).is_none().then_some(u)
    }

    /// Whether tokens `[from, to)` are a bare noun phrase opened by a
    /// determiner ("a company", "the Wuhan supplier").
    fn apposition_head(&self, from: usize, to: usize) -> bool {
        from < to
            && matches!(self.word(from), "a" | "an" | "the" | "one")
            && (from + 1..to).all(|k| {
                let t = &self.toks[k];
                (self.unit_at[k].is_some()
                    || t.is_noun()
                    || t.is_adjective()
                    || matches!(t.tag, "CD" | "VBN" | "VBG" | "HYPH"))
                    && self
                        .prep_before(k)
                        .is_none_or(|_| self.unit_at[k].is_none())
            })
            && self.toks[to - 1].is_noun()
    }

    /// In "A seized X and arrested Y", from the conjunction at `conj`: the
    /// verb whose object ends right before it.
    fn verb_before_object(&self, conj: usize) -> Option<usize> {
        let mut k = conj;
        let mut steps = 0;
        while k > 0 && steps < 20 {
            steps += 1;
            let i = k - 1;
            if let Some(u) = self.unit_at[i] {
                k = self.units[u].first;
                continue;
            }
            let t = &self.toks[i];
            let w = self.word(i);
            if t.tag.starts_with("VB") {
                return Some(i);
            }
            if is_barrier(w) || w == "," && steps == 1 {
                return None;
            }
            k = i;
        }
        None
    }

    /// The token after the comma that opens a parenthetical closed at
    /// `close` (", a broker based in X,", ", which operates in Y,"), if the
    /// text between reads as one.
    fn parenthetical_start(&self, close: usize) -> Option<usize> {
        // Asides may follow one another (", 45, of Guangzhou,"): walk back
        // over each one that opens like an aside.
        let lo = close.saturating_sub(24);
        let mut end = close;
        let mut found = None;
        let mut j = close;
        while j > lo {
            j -= 1;
            let w = self.word(j);
            if w == "," || w == "(" {
                let after = j + 1;
                if after >= end {
                    return found;
                }
                let aw = self.word(after);
                let at = &self.toks[after];
                let opens = is_relative(aw)
                    || matches!(aw, "a" | "an" | "the" | "one" | "its" | "their" | "of")
                    || at.tag == "CD" && after + 1 == end
                    || at.tag == "VBN"
                    || at.tag == "VBG"
                    || (at.tag == "RB" && aw.ends_with("ly"))
                    // ", in partnership with the RCMP,", ", under a treaty,"
                    || at.tag == "IN" && !matches!(aw, "that" | "whether" | "if");
                if !opens {
                    return found;
                }
                found = Some(j);
                end = j;
                continue;
            }
            if is_barrier(w) {
                return found;
            }
            if found.is_some() && self.unit_at[j].is_some() {
                // The name the asides follow.
                return found;
            }
        }
        found
    }

    /// The arguments after token `head` up to the end of its clause: the
    /// direct object (a unit no preposition introduces, before any
    /// prepositional phrase) and each unit with its preposition.
    fn after(&self, head: usize) -> (Option<usize>, Vec<(String, usize)>) {
        let (direct, preps, _, _) = self.after_full(head);
        (direct, preps)
    }

    /// As [`Self::after`], with the first plain noun (no name) that stands
    /// as the object ("smuggles migrants into Texas") and the possessor
    /// named before it ("the cartel's dollars").
    #[allow(clippy::type_complexity)]
    fn after_full(
        &self,
        head: usize,
    ) -> (
        Option<usize>,
        Vec<(String, usize)>,
        Option<usize>,
        Option<usize>,
    ) {
        let mut possessor: Option<usize> = None;
        let mut plain_object: Option<usize> = None;
        let mut direct = None;
        let mut preps: Vec<(String, usize)> = Vec::new();
        let mut k = head + 1;
        let mut steps = 0;
        let mut nouns_between = 0;
        let mut after_prep = false;
        while k < self.toks.len() && steps < 40 {
            steps += 1;
            if let Some(u) = self.unit_at[k] {
                let unit = &self.units[u];
                // "the company's manager": a possessor, not the object.
                if self.toks.get(unit.last + 1).is_some_and(|n| n.tag == "POS") {
                    if plain_object.is_none() && direct.is_none() && preps.is_empty() {
                        possessor = Some(u);
                    }
                    k = unit.last + 2;
                    continue;
                }
                // "blacklists Chinese chemical sellers": a demonym before a
                // noun modifies what is named, and is no argument.
                let demonym_modifier = unit
                    .mentions
                    .iter()
                    .all(|&m| self.ctx.mentions[m].kind == MentionKind::Demonym)
                    && unit.first == unit.last
                    && self.toks.get(unit.last + 1).is_some_and(|n| {
                        self.unit_at[unit.last + 1].is_none() && (n.is_noun() || n.is_adjective())
                    })
                    && crate::relations::demonym_modifies(
                        &self.ctx.text[self.toks[unit.last].end..],
                    );
                if demonym_modifier {
                    nouns_between += 1;
                    k = unit.last + 1;
                    continue;
                }
                match self.prep_before(unit.first) {
                    Some(p) => preps.push((p, u)),
                    None => {
                        // "made fentanyl a topic": an object with a
                        // complement is no plain object.
                        // "sanctioned X a few months later": a time phrase
                        // is no complement.
                        let complement =
                            self.toks.get(unit.last + 1).is_some_and(|n| n.tag == "DT")
                                && !(unit.last + 2..(unit.last + 5).min(self.toks.len()))
                                    .any(|j| crate::lang::is_time_noun(&self.toks[j].lemma));
                        // "moved heroin profits": the name modifies money,
                        // which is the object.
                        let money_after =
                            unit.last + 1 < self.toks.len() && self.is_money(unit.last + 1);
                        // "running fentanyl labs": a drug naming the kind of
                        // a place or problem is no object.
                        let kind_of = self.toks.get(unit.last + 1).is_some_and(|n| {
                            self.unit_at[unit.last + 1].is_none()
                                && matches!(
                                    n.lemma.as_str(),
                                    "lab"
                                        | "laboratory"
                                        | "superlab"
                                        | "kitchen"
                                        | "factory"
                                        | "facility"
                                        | "crisis"
                                        | "epidemic"
                                        | "overdose"
                                        | "death"
                                        | "case"
                                        | "investigation"
                                        | "charge"
                                        | "law"
                                        | "policy"
                                )
                        });
                        if direct.is_none()
                            && preps.is_empty()
                            && nouns_between == 0
                            && !complement
                            && !money_after
                            && !kind_of
                        {
                            direct = Some(u);
                        }
                    }
                }
                k = unit.last + 1;
                continue;
            }
            let t = &self.toks[k];
            let w = self.word(k);
            if is_barrier(w) {
                break;
            }
            // "the designation, on 3 March, of X": a time or place phrase
            // set off by commas right after the head word is passed over.
            if w == "," && k == head + 1 {
                if let Some(close) = self.aside_end(k) {
                    k = close + 1;
                    continue;
                }
            }
            if w == "," {
                // Only a list of names goes on past a comma ("to Mexico,
                // Canada and Guatemala"); anything else ends the phrase.
                let prev_unit = k > 0 && self.unit_at[k - 1].is_some();
                let mut n = k + 1;
                while n < self.toks.len() && matches!(self.word(n), "and" | "or") {
                    n += 1;
                }
                let next_unit = n < self.toks.len() && self.unit_at[n].is_some();
                // "designated the firm's manager, Li Wei": the name in
                // apposition to an object noun is the object.
                let next_modifies_money = next_unit && {
                    let u = self.unit_at[n].expect("unit");
                    self.units[u].last + 1 < self.toks.len()
                        && self.is_money(self.units[u].last + 1)
                };
                if !prev_unit
                    && next_unit
                    && !next_modifies_money
                    && direct.is_none()
                    && preps.is_empty()
                    && nouns_between > 0
                {
                    let u = self.unit_at[n].expect("unit");
                    direct = Some(u);
                    k = self.units[u].last + 1;
                    continue;
                }
                // "arrested three men, including Omar Ruiz": the names the
                // object noun includes are the objects.
                if !prev_unit
                    && direct.is_none()
                    && preps.is_empty()
                    && nouns_between > 0
                    && self
                        .toks
                        .get(k + 1)
                        .is_some_and(|_| self.word(k + 1) == "including")
                {
                    if let Some(u) = self.unit_at.get(k + 2).copied().flatten() {
                        direct = Some(u);
                        plain_object = None;
                        k = self.units[u].last + 1;
                        continue;
                    }
                }
                // "cash, heroin profits and proceeds": a list of money.
                if next_modifies_money && plain_object.is_some_and(|p| self.is_money(p)) {
                    k += 1;
                    continue;
                }
                if !(prev_unit && next_unit) {
                    break;
                }
            }
            // Another verb starts another phrase: "produce X in labs and
            // then traffic it to Y", "precursors used to make opioids sold
            // in Z".
            // "at hidden labs", "the seized drugs": a participle between a
            // determiner or preposition and its noun is an adjective.
            let adjectival = matches!(t.tag, "VBN" | "VBG")
                && k > head + 1
                && matches!(self.toks[k - 1].tag, "DT" | "IN" | "PRP$" | "JJ")
                && self
                    .toks
                    .get(k + 1)
                    .is_some_and(|n| n.tag.starts_with("NN"));
            // "charged with smuggling by X": a gerund after a preposition
            // is a noun.
            let gerund_noun = t.tag == "VBG"
                && k > head + 1
                && matches!(self.word(k - 1), "with" | "for" | "of")
                && !self
                    .toks
                    .get(k + 1)
                    .is_some_and(|n| n.is_noun() || n.tag == "DT" || self.unit_at[k + 1].is_some());
            if (t.tag.starts_with("VB") || t.tag == "MD") && !adjectival && !gerund_noun {
                break;
            }
            if matches!(w, "and" | "or" | "but") {
                // "and then typically traffic it": adverbs, then a verb.
                let mut n = k + 1;
                while n < self.toks.len()
                    && (matches!(self.toks[n].tag, "RB" | "RBR")
                        || self.word(n).ends_with("ly")
                        || self.word(n) == "then")
                {
                    n += 1;
                }
                if n > k + 1 && self.word(k + 1) == "then" {
                    break;
                }
                if self
                    .toks
                    .get(n)
                    .is_some_and(|x| x.tag.starts_with("VB") || x.tag == "MD")
                {
                    break;
                }
            }
            if is_relative(w) && matches!(t.tag, "WDT" | "WP") {
                break;
            }
            // "cooperate on port inspections": a noun after a preposition
            // is no plain object.
            if matches!(t.tag, "IN" | "TO") && plain_object.is_none() {
                after_prep = true;
            }
            // "cartel cash": a noun compound's head is its last noun.
            if t.is_noun() && plain_object == Some(k.wrapping_sub(1)) && self.unit_at[k].is_none() {
                plain_object = Some(k);
                k += 1;
                continue;
            }
            if t.is_noun() && !self.frames.measure.contains(t.lemma.as_str()) {
                // "sanctioned members of the cartel": the object is the
                // members, not the cartel.
                let next_is_of = k + 1 < self.toks.len() && self.word(k + 1) == "of";
                if next_is_of || direct.is_none() && preps.is_empty() {
                    nouns_between += 1;
                    if direct.is_none()
                        && preps.is_empty()
                        && plain_object.is_none()
                        && (!after_prep || possessor.is_some())
                    {
                        plain_object = Some(k);
                    }
                }
            }
            k += 1;
        }
        (direct, preps, plain_object, possessor)
    }

    /// The closing comma of a short prepositional aside opening at the
    /// comma `k` (", on 3 March,", ", in Delhi,"), when what follows it is
    /// another preposition.
    fn aside_end(&self, k: usize) -> Option<usize> {
        let first = self.toks.get(k + 1)?;
        if !matches!(
            self.word(k + 1),
            "on" | "in" | "last" | "earlier" | "this" | "at"
        ) || first.tag.starts_with("VB")
        {
            return None;
        }
        let close = (k + 2..(k + 8).min(self.toks.len()))
            .take_while(|&j| !self.toks[j].tag.starts_with("VB") && self.word(j) != ";")
            .find(|&j| self.word(j) == ",")?;
        matches!(self.toks.get(close + 1)?.tag, "IN" | "TO").then_some(close)
    }

    fn units_with(&self, u: usize) -> Vec<usize> {
        self.units[u].mentions.clone()
    }

    /// Mentions of unit `u` and those coordinated with it that fit `classes`.
    fn expand(&self, u: usize, classes: &[EntityClass]) -> Vec<usize> {
        let mut out = Vec::new();
        let mut units = vec![u];
        // "14 kilograms of heroin paste and six pounds of xylazine":
        // conjuncts with their own measure phrases.
        let mut l = u;
        while l > 0 && self.measured_conjuncts(l - 1, l) {
            units.push(l - 1);
            l -= 1;
        }
        let mut r = u;
        while r + 1 < self.units.len() && self.measured_conjuncts(r, r + 1) {
            units.push(r + 1);
            r += 1;
        }
        for v in units {
            for m in self.units_with(v) {
                for g in self.ctx.group(m, classes) {
                    if !out.contains(&g) {
                        out.push(g);
                    }
                }
            }
        }
        out
    }

    /// The figure in the phrase of mention `m`: "14 kilograms of heroin",
    /// "2.5 million fentanyl pills", "nine pounds of xylazine".
    fn attached_quantity(&self, m: usize) -> Option<fkg_model::Quantity> {
        let mention = self.ctx.mentions[m];
        let first = self.toks.partition_point(|t| t.end <= mention.start);
        let last = self.toks.partition_point(|t| t.start < mention.end);
        let scale = |w: &str| match w {
            "million" => 1e6,
            "billion" => 1e9,
            "thousand" => 1e3,
            _ => 1.0,
        };
        let number = |k: usize| -> Option<(f64, usize)> {
            // (value, index of the number's first token)
            let w = self.word(k);
            let (v, at) = if matches!(w, "million" | "billion" | "thousand") && k > 0 {
                let n = crate::mentions::number_value(&self.word(k - 1).replace(',', ""))?;
                (n * scale(w), k - 1)
            } else {
                (crate::mentions::number_value(&w.replace(',', ""))?, k)
            };
            Some((v, at))
        };
        // "N <measure> of <mention>"
        if first >= 3 && self.word(first - 1) == "of" {
            let mt = &self.toks[first - 2];
            if self.frames.measure.contains(mt.lemma.as_str()) {
                if let Some((value, _)) = number(first - 3) {
                    return Some(fkg_model::Quantity {
                        value,
                        unit: crate::relations::unit(self.word(first - 2)),
                        out_of: None,
                    });
                }
            }
        }
        // "N <mention> pills"
        if first >= 1 && last < self.toks.len() {
            let after = &self.toks[last];
            if matches!(after.lemma.as_str(), "pill" | "tablet" | "dose" | "capsule") {
                let mut k = first - 1;
                while k > 0 && self.toks[k].tag == "JJ" {
                    k -= 1;
                }
                if let Some((value, _)) = number(k) {
                    return Some(fkg_model::Quantity {
                        value,
                        unit: crate::relations::unit(self.word(last)),
                        out_of: None,
                    });
                }
            }
        }
        None
    }

    /// Whether units `a` and `b` (adjacent) are conjuncts joined by "and",
    /// "or" or a comma with a measure phrase or plain nouns between
    /// ("heroin paste and six pounds of xylazine").
    fn measured_conjuncts(&self, a: usize, b: usize) -> bool {
        let (from, to) = (self.units[a].last + 1, self.units[b].first);
        if from >= to || to - from > 8 {
            return false;
        }
        let mut seen_conj = false;
        let mut k = from;
        while k < to {
            let t = &self.toks[k];
            let w = self.word(k);
            k += 1;
            if matches!(w, "and" | "or" | ",") {
                if seen_conj && w != "," {
                    return false;
                }
                seen_conj = true;
                continue;
            }
            // "30 kg of fentanyl along with 200 kg of 4-AP".
            if matches!(w, "along" | "together") && k < to && self.word(k) == "with" && !seen_conj {
                seen_conj = true;
                k += 1;
                continue;
            }
            let measure = self.frames.measure.contains(t.lemma.as_str());
            let ok = if seen_conj {
                // "and roughly 600 litres of", "and more than 2 tons of".
                measure
                    || matches!(t.tag, "CD" | "DT" | "JJ" | "JJR" | "RB")
                    || matches!(w, "of" | "than" | "over" | "up" | "to")
            } else {
                t.tag == "NN" || t.tag == "NNS"
            };
            if !ok {
                return false;
            }
        }
        let a_class = self.ctx.class(self.ctx.mentions[self.units[a].mentions[0]]);
        let b_class = self.ctx.class(self.ctx.mentions[self.units[b].mentions[0]]);
        seen_conj && a_class.is_substance() && b_class.is_substance()
    }
}

/// Where a verb's arguments are: its roles resolved to units.
#[derive(Debug, Default)]
struct Args {
    agent: Option<usize>,
    patient: Option<usize>,
    preps: Vec<(String, usize)>,
    /// Subjects end before this byte: an apposition describes the name
    /// before it, not a conjunct after it ("X, a supplier to Y, along
    /// with its director, Z").
    subjects_before: Option<usize>,
}

impl Args {
    fn get(&self, role: &Role) -> Vec<usize> {
        match role {
            Role::Agent => self.agent.into_iter().collect(),
            Role::Patient => self.patient.into_iter().collect(),
            Role::Prep(ps) => self
                .preps
                .iter()
                .filter(|(p, _)| ps.contains(p))
                .map(|&(_, u)| u)
                .collect(),
        }
    }
}

/// The frames' relations in one sentence.
/// The frames' statements in one sentence, and the predicates they read
/// (see `Clause::claims`).
pub(crate) type FrameReading = (Vec<Found>, Vec<(Property, (usize, usize))>);

pub(crate) fn sentence_frames(
    ctx: &SentenceCtx<'_>,
    frames: &Frames,
    tagger: &Tagger,
    toks: &[Token],
) -> FrameReading {
    let mut out = Vec::new();
    if toks.is_empty() || ctx.mentions.len() < 2 && ctx.issuer.is_none() || ctx.mentions.is_empty()
    {
        return (out, Vec::new());
    }
    // A question asserts nothing.
    if ctx.text[ctx.sentence.start..ctx.sentence.end]
        .trim_end()
        .ends_with('?')
    {
        return (out, Vec::new());
    }
    let mut units: Vec<Unit> = Vec::new();
    let mut unit_at: Vec<Option<usize>> = vec![None; toks.len()];
    for (mi, m) in ctx.mentions.iter().enumerate() {
        let first = toks.partition_point(|t| t.end <= m.start);
        let mut last = first;
        while last + 1 < toks.len() && toks[last + 1].start < m.end {
            last += 1;
        }
        if first >= toks.len() || toks[first].start >= m.end {
            continue;
        }
        if let Some(u) = unit_at[first] {
            let unit: &mut Unit = &mut units[u];
            if unit.first == first && unit.last == last {
                unit.mentions.push(mi);
            }
            continue;
        }
        if (first..=last).any(|k| unit_at[k].is_some()) {
            continue;
        }
        for slot in unit_at.iter_mut().take(last + 1).skip(first) {
            *slot = Some(units.len());
        }
        units.push(Unit {
            first,
            last,
            mentions: vec![mi],
        });
    }
    let mut toks = toks.to_vec();
    // A name is a noun phrase whatever the tagger made of its words
    // ("ships fentanyl": not the verb "fentanyl").
    for (t, u) in toks.iter_mut().zip(&unit_at) {
        if u.is_some() && t.tag.starts_with("VB") {
            t.tag = "NN";
        }
    }
    retag_verbs(ctx.text, frames, tagger, &mut toks, &units, &unit_at);
    let lower = toks
        .iter()
        .map(|t| {
            let w = &ctx.text[t.start..t.end];
            if w.chars().any(char::is_uppercase) {
                std::borrow::Cow::Owned(w.to_lowercase())
            } else {
                std::borrow::Cow::Borrowed(w)
            }
        })
        .collect();
    let c = Clause {
        ctx,
        frames,
        toks: &toks,
        units,
        unit_at,
        lower,
        claims: Default::default(),
    };
    place_apposition(&c, &mut out);
    place_in_place(&c, &mut out);
    address_place(&c, &mut out);
    trailing_address(&c, &mut out);
    described_in_place(&c, &mut out);
    owned_agency(&c, &mut out);
    place_modifier(&c, &mut out);
    drug_labs(&c, &mut out);
    assisted(&c, &mut out);
    for (k, t) in toks.iter().enumerate() {
        if c.unit_at[k].is_some() {
            continue;
        }
        if t.tag.starts_with("VB") {
            verb_frames(&c, k, &mut out);
        } else if t.is_noun() {
            noun_frames(&c, k, &mut out);
        }
    }
    let claims = c.claims.take();
    (out, claims)
}

/// Words the tagger read as nouns that stand where a verb must: right
/// after a subject (a name no preposition introduces) and before an object
/// ("The Gulf Cartel moves heroin", "Firms in India supply most of it"),
/// when the word's verb reading has a frame. Names are known here, which
/// the tagger did not know.
fn retag_verbs(
    text: &str,
    frames: &Frames,
    tagger: &Tagger,
    toks: &mut [Token],
    units: &[Unit],
    unit_at: &[Option<usize>],
) {
    let word = |t: &Token| text[t.start..t.end].to_lowercase();
    let introduced = |toks: &[Token], first: usize| -> bool {
        let mut k = first;
        while k > 0 && unit_at[k - 1].is_none() && is_premodifier(&toks[k - 1], &word(&toks[k - 1]))
        {
            k -= 1;
        }
        k > 0 && matches!(toks[k - 1].tag, "IN" | "TO")
    };
    for k in 1..toks.len() {
        if unit_at[k].is_some()
            || !matches!(
                toks[k].tag,
                "NN" | "NNS" | "NNP" | "NNPS" | "JJ" | "VBP" | "VB"
            )
        {
            continue;
        }
        // Lower-case words only: "Controls" in a title is no verb.
        if !text[toks[k].start..toks[k].end]
            .chars()
            .next()
            .is_some_and(char::is_lowercase)
        {
            continue;
        }
        let w = word(&toks[k]);
        let mut p = k - 1;
        if matches!(toks[p].tag, "RB" | "RBR") && p > 0 {
            p -= 1;
        }
        // "Firms in India supply": past the noun's prepositional phrases.
        while let Some(u) = unit_at[p] {
            if !introduced(toks, units[u].first) {
                break;
            }
            let mut q = units[u].first;
            while q > 0 && !matches!(toks[q - 1].tag, "IN" | "TO") {
                q -= 1;
            }
            if q < 2 || unit_at[q - 2].is_none() {
                break;
            }
            p = q - 2;
        }
        // "The CJNG, which …, traffics", "The CJNG, according to the DEA,
        // ships", "The CJNG, a cartel from Jalisco, ships": past an aside.
        if word(&toks[p]) == "," {
            let lo = p.saturating_sub(16);
            if let Some(open) = (lo..p).rev().find(|&j| word(&toks[j]) == ",") {
                let first = &toks[open + 1];
                let aside = matches!(word(first).as_str(), "which" | "who" | "a" | "an")
                    || matches!(first.tag, "VBG" | "VBN")
                    || first.tag == "IN" && !matches!(word(first).as_str(), "that" | "if");
                if open > 0 && aside && unit_at[open - 1].is_some() {
                    p = open - 1;
                }
            }
        }
        let subject = unit_at[p].is_some_and(|u| !introduced(toks, units[u].first))
            // "… traffics heroin and controls Sonora": a second verb
            // coordinated with a finite one before it.
            || matches!(word(&toks[p]).as_str(), "and" | "or" | "but")
                && toks[..p]
                    .iter()
                    .any(|t| matches!(t.tag, "VBZ" | "VBD" | "VBP"));
        if !subject {
            continue;
        }
        let next_np = toks.get(k + 1).is_some_and(|n| {
            unit_at[k + 1].is_some()
                || matches!(
                    n.tag,
                    "DT" | "PDT" | "CD" | "PRP$" | "JJ" | "JJR" | "RBR" | "RBS" | "NN" | "NNS"
                )
                || tagger
                    .lexicon_tag(&word(n))
                    .is_some_and(|t| t.starts_with("NN"))
        });
        if !next_np {
            continue;
        }
        let tag = if w.ends_with('s') {
            "VBZ"
        } else if w.ends_with("ed") {
            "VBD"
        } else {
            "VBP"
        };
        let lemma = tagger.lemma(&w, tag);
        if frames.for_lemma(&lemma, Pos::Verb).next().is_some() {
            toks[k].tag = tag;
            toks[k].lemma = lemma;
            // Its object, which the tagger took for the verb: "controls
            // territory".
            if let Some(n) = toks.get_mut(k + 1) {
                let nw = text[n.start..n.end].to_lowercase();
                if n.tag.starts_with("VB")
                    && unit_at[k + 1].is_none()
                    && tagger.lexicon_tag(&nw).is_some_and(|t| t.starts_with("NN"))
                {
                    n.tag = "NN";
                    n.lemma = nw;
                }
            }
        }
    }
}

/// "Mexico's Financial Intelligence Unit", "China's Ministry of Public
/// Security": an agency a country owns is located in it.
fn owned_agency(c: &Clause<'_, '_>, out: &mut Vec<Found>) {
    for (u, v, mu, mv, a, b) in c.adjacent_names(|t, _| t.tag == "POS") {
        if a == EntityClass::Country && b == EntityClass::GovernmentAgency {
            c.ctx.emit(
                out,
                ("owned-agency", 0.8, Property::LocatedIn),
                &[mv],
                &[mu],
                (c.toks[u.first].start, c.toks[v.last].end),
            );
        }
        // "China's Hubei province", "Mexico's Sinaloa state": a country's
        // own region or city is in it.
        if a == EntityClass::Country && matches!(b, EntityClass::State | EntityClass::City) {
            c.ctx.emit(
                out,
                ("owned-place", 0.8, Property::LocatedIn),
                &[mv],
                &[mu],
                (c.toks[u.first].start, c.toks[v.last].end),
            );
        }
    }
}

/// "the Tamaulipas-based Gulf Cartel", "X, a Guangdong-based maker",
/// "X, a Chinese company", "X is a Culiacán front company": a place that
/// modifies a noun phrase locates what the phrase names (an organisation is
/// located there; a cartel or criminal group operates there).
fn place_modifier(c: &Clause<'_, '_>, out: &mut Vec<Found>) {
    for (pi, p) in c.units.iter().enumerate() {
        let Some(&pm) = p.mentions.first() else {
            continue;
        };
        let place = c.ctx.class(c.ctx.mentions[pm]);
        if !matches!(
            place,
            EntityClass::Country | EntityClass::State | EntityClass::City
        ) {
            continue;
        }
        // A modifier: after a determiner (or at an apposition's start),
        // before adjectives and nouns.
        let mut b = p.first;
        while b > 0 && c.toks[b - 1].is_adjective() && c.unit_at[b - 1].is_none() {
            b -= 1;
        }
        let opens = b > 0 && matches!(c.word(b - 1), "a" | "an" | "the" | "its" | "their");
        let based = c.word(p.last).ends_with("-based");
        if !opens && !based {
            continue;
        }
        // What the phrase names: a name right after the modifiers, or the
        // entity the phrase describes (apposition, copula).
        let mut k = p.last + 1;
        while k < c.toks.len()
            && c.unit_at[k].is_none()
            && (c.toks[k].is_adjective() || c.toks[k].tag == "HYPH" || c.toks[k].tag == "VBN")
        {
            k += 1;
        }
        let named = match c.unit_at.get(k).copied().flatten() {
            // "the Tamaulipas-based Gulf Cartel"; not "the U.S. Treasury
            // Department", a name with its country in it.
            Some(u) if u != pi && based => Some(u),
            Some(_) => None,
            _ => {
                // The head noun: the last noun of the phrase ("a Macau
                // shipping firm": a gerund before a noun is a modifier).
                let mut h = k;
                while h < c.toks.len()
                    && c.unit_at[h].is_none()
                    && (c.toks[h].is_noun()
                        || c.toks[h].tag == "VBG" && c.toks.get(h + 1).is_some_and(|n| n.is_noun()))
                {
                    h += 1;
                }
                if h == k {
                    None
                } else {
                    let head = &c.toks[h - 1];
                    let two = if h - 1 > k {
                        format!("{} {}", c.toks[h - 2].lemma, head.lemma)
                    } else {
                        String::new()
                    };
                    let org = crate::mentions::names::organisation_noun(&head.lemma)
                        .or_else(|| crate::mentions::names::organisation_noun(&two));
                    // "a Macau-based broker": a place-based phrase locates
                    // whatever it describes.
                    if (org.is_some() || based) && opens {
                        // "a Shanghai-based trading company, Kaiping
                        // Chemical Co.": the name after the description.
                        apposed_or_copular(c, b - 1).or_else(|| {
                            (c.word(h) == ",")
                                .then(|| c.unit_at.get(h + 1).copied().flatten())
                                .flatten()
                        })
                    } else {
                        None
                    }
                }
            }
        };
        let Some(u) = named else { continue };
        for &m in &c.units[u].mentions {
            let class = c.ctx.class(c.ctx.mentions[m]);
            let property = match class {
                EntityClass::Company | EntityClass::GovernmentAgency | EntityClass::Office => {
                    Property::LocatedIn
                }
                EntityClass::Cartel | EntityClass::CriminalOrganization => Property::OperatesIn,
                _ => continue,
            };
            c.ctx.emit(
                out,
                ("place-modifier", 0.75, property),
                &[m],
                &[pm],
                (c.toks[p.first].start, c.toks[p.last].end),
            );
        }
    }
}

/// "The raid was led by the DEA, with assistance from the FGR",
/// "With help from the DEA, Colombian police seized …", "The Navy, in
/// coordination with the FGR, seized …", "Spanish police, supported by
/// Europol, raided …": whoever acted did it with whoever assisted.
fn assisted(c: &Clause<'_, '_>, out: &mut Vec<Found>) {
    for w in 0..c.toks.len() {
        // Where the helper's phrase starts, and whether the phrase stands
        // in apposition after the actor ("X, supported by Y, …").
        let (mut j, apposed) = match c.word(w) {
            "with" => {
                let mut k = w + 1;
                while k < c.toks.len() && matches!(c.toks[k].tag, "DT" | "JJ" | "RB") {
                    k += 1;
                }
                if !(k + 1 < c.toks.len()
                    && matches!(
                        c.toks[k].lemma.as_str(),
                        "assistance"
                            | "help"
                            | "support"
                            | "cooperation"
                            | "collaboration"
                            | "coordination"
                    )
                    && matches!(c.word(k + 1), "from" | "of"))
                {
                    continue;
                }
                (k + 2, false)
            }
            "in" | "In" => {
                if !(w + 2 < c.toks.len()
                    && matches!(
                        c.toks[w + 1].lemma.as_str(),
                        "coordination"
                            | "cooperation"
                            | "collaboration"
                            | "partnership"
                            | "conjunction"
                    )
                    && c.word(w + 2) == "with")
                {
                    continue;
                }
                (w + 3, w > 0 && c.word(w - 1) == ",")
            }
            "supported" | "assisted" | "aided" | "backed" | "helped" => {
                if !(w > 0 && c.word(w - 1) == "," && c.word(w + 1) == "by") {
                    continue;
                }
                (w + 2, true)
            }
            _ => continue,
        };
        let k = j - 1;
        if j < c.toks.len() && c.word(j) == "the" {
            j += 1;
        }
        let Some(helper) = c.unit_at.get(j).copied().flatten() else {
            continue;
        };
        const CLASSES: [EntityClass; 3] = [
            EntityClass::Country,
            EntityClass::GovernmentAgency,
            EntityClass::Company,
        ];
        let helpers = c.expand(helper, &CLASSES);
        // The actor: in apposition, the phrase before the comma ("A, B and
        // C, supported by Europol, raided …", past an acronym in
        // parentheses: "… the FIOD (FIOD), supported by …"); else a
        // passive's "by" phrase before, else the subject of the verb
        // before; at the sentence's start, the main clause's subject after
        // the comma.
        let actor = if apposed {
            let mut x = w.checked_sub(2);
            if let Some(close) = x.filter(|&x| c.word(x) == ")") {
                x = (0..close)
                    .rev()
                    .find(|&y| c.word(y) == "(")
                    .and_then(|y| y.checked_sub(1));
            }
            x.and_then(|x| c.unit_at[x])
        } else if w == 0 {
            let after = (c.units[helper].last + 1..c.toks.len()).find(|&x| c.word(x) == ",");
            after.and_then(|x| (x + 1..c.toks.len()).find_map(|y| c.unit_at[y]))
        } else {
            (0..w)
                .rev()
                .find(|&x| {
                    c.word(x) == "by" && c.unit_at.get(x + 1).copied().flatten().is_some()
                        || c.word(x) == "by"
                            && x + 2 < w
                            && c.word(x + 1) == "the"
                            && c.unit_at[x + 2].is_some()
                })
                .and_then(|x| c.unit_at[x + 1].or(c.unit_at.get(x + 2).copied().flatten()))
                .or_else(|| {
                    (0..w)
                        .rev()
                        .find(|&x| matches!(c.toks[x].tag, "VBD" | "VBZ" | "VBP" | "VBN"))
                        .and_then(|x| verb_group(c.toks, x))
                        .and_then(|g| c.subject_before(g.first))
                })
        };
        let Some(actor) = actor else { continue };
        let actors = c.expand(actor, &CLASSES);
        c.ctx.emit(
            out,
            ("assisted-by", 0.7, Property::CooperatesWith),
            &actors,
            &helpers,
            (c.toks[w].start, c.toks[k].end),
        );
    }
}

/// A sum of dollars after the verb at `k` and before its "for" ("$2.3
/// million", "$ 40 million", "40 million dollars").
fn money_sum(c: &Clause<'_, '_>, k: usize) -> Option<fkg_model::Quantity> {
    let end = (k + 1..c.toks.len())
        .take_while(|&j| !matches!(c.word(j), "for" | "," | ";" | "."))
        .take(12)
        .last()?;
    let scale = |w: &str| match w {
        "million" => Some(1e6),
        "billion" => Some(1e9),
        "thousand" => Some(1e3),
        _ => None,
    };
    for j in k + 1..=end {
        let w = c.word(j);
        let digits = if w == "$" {
            c.toks.get(j + 1).map(|_| c.word(j + 1))
        } else {
            w.strip_prefix('$')
        };
        let Some(n) = digits.and_then(|d| d.replace(',', "").parse::<f64>().ok()) else {
            continue;
        };
        let after = if w == "$" { j + 2 } else { j + 1 };
        let factor = c
            .toks
            .get(after)
            .and_then(|_| scale(c.word(after)))
            .unwrap_or(1.0);
        return Some(fkg_model::Quantity {
            value: n * factor,
            unit: "USD".into(),
            out_of: None,
        });
    }
    None
}

/// "fentanyl laboratories around Mexicali", "meth labs in Sonora": a lab
/// named by its drug makes that drug where it is.
fn drug_labs(c: &Clause<'_, '_>, out: &mut Vec<Found>) {
    for u in &c.units {
        let drugs: Vec<usize> = u
            .mentions
            .iter()
            .copied()
            .filter(|&m| c.ctx.class(c.ctx.mentions[m]) == EntityClass::Drug)
            .collect();
        if drugs.is_empty() {
            continue;
        }
        let k = u.last + 1;
        let lab = |j: usize| {
            j < c.toks.len()
                && c.unit_at[j].is_none()
                && matches!(
                    c.toks[j].lemma.as_str(),
                    "lab" | "laboratory" | "labs" | "laboratories"
                )
        };
        if !lab(k) {
            continue;
        }
        let p = k + 1;
        if !(p + 1 < c.toks.len() && matches!(c.word(p), "in" | "around" | "near" | "outside")) {
            continue;
        }
        let Some(v) = c.unit_at[p + 1] else { continue };
        let places: Vec<usize> = c.units[v]
            .mentions
            .iter()
            .copied()
            .filter(|&m| c.ctx.class(c.ctx.mentions[m]).is_place())
            .collect();
        if places.is_empty() {
            continue;
        }
        c.ctx.emit(
            out,
            ("drug-lab", 0.75, Property::ProducedIn),
            &drugs,
            &c.expand(
                v,
                &[EntityClass::Country, EntityClass::State, EntityClass::City],
            ),
            (c.toks[u.first].start, c.toks[k].end),
        );
    }
}

/// How specific a place is: a city or port 1, a state 2, a country 3; no
/// place 0.
fn place_rank(cl: EntityClass) -> u8 {
    use EntityClass::*;
    match cl {
        PortOfEntry | City => 1,
        State => 2,
        Country => 3,
        _ => 0,
    }
}

/// "Exporter is Coastline Auto Export Ltd., Richmond, BC.": a company
/// followed, to the clause's end, by nothing but a city and the larger
/// places that hold it, set off by commas, is in that city.
fn trailing_address(c: &Clause<'_, '_>, out: &mut Vec<Found>) {
    for u in &c.units {
        let Some(&mu) = u
            .mentions
            .iter()
            .find(|&&m| c.ctx.class(c.ctx.mentions[m]) == EntityClass::Company)
        else {
            continue;
        };
        let mut k = u.last + 1;
        let mut places: Vec<(u8, usize)> = Vec::new();
        let mut end = k;
        while k + 1 < c.toks.len() && c.word(k) == "," {
            let Some(v) = c.unit_at[k + 1] else { break };
            let unit = &c.units[v];
            let Some((r, m)) = unit
                .mentions
                .iter()
                .map(|&m| (place_rank(c.ctx.class(c.ctx.mentions[m])), m))
                .find(|&(r, _)| r > 0)
            else {
                break;
            };
            places.push((r, m));
            k = unit.last + 1;
            end = unit.last;
        }
        let closes = k >= c.toks.len() || matches!(c.word(k), "." | ";" | ":");
        // A city first, then each place larger than the one before.
        let chain =
            places.len() >= 2 && places[0].0 == 1 && places.windows(2).all(|w| w[0].0 < w[1].0);
        if closes && chain {
            c.ctx.emit(
                out,
                ("address-place", 0.65, Property::LocatedIn),
                &[mu],
                &[places[0].1],
                (c.toks[u.first].start, c.toks[end].end),
            );
        }
    }
}

/// "APEX TRADING CO. (a.k.a. …), No. 8 Harbor Road, Ningbo, Zhejiang,
/// China.": an organisation that opens a clause and is followed by its
/// address (after a comma, words with a street number, a postal code or a
/// street word, and no verb) is in the address's most specific place.
fn address_place(c: &Clause<'_, '_>, out: &mut Vec<Found>) {
    const STREET: &[&str] = &[
        "road",
        "rd.",
        "street",
        "st.",
        "avenue",
        "ave.",
        "avenida",
        "av.",
        "calle",
        "building",
        "bldg.",
        "room",
        "unit",
        "floor",
        "suite",
        "boulevard",
        "blvd.",
        "lane",
        "highway",
        "carretera",
        "colonia",
        "col.",
        "district",
        "zone",
        "park",
        "plaza",
        "tower",
        "no.",
    ];
    let Some(u) = c.units.first() else { return };
    if (0..u.first).any(|k| !matches!(c.word(k), "\"" | "“" | "(" | "•" | "-")) {
        return;
    }
    let Some(&mu) = u
        .mentions
        .iter()
        .find(|&&m| c.ctx.class(c.ctx.mentions[m]).is_organization())
    else {
        return;
    };
    let mut k = u.last + 1;
    if k < c.toks.len() && c.word(k) == "." {
        k += 1;
    }
    if k < c.toks.len() && c.word(k) == "(" {
        let mut depth = 0;
        while k < c.toks.len() {
            match c.word(k) {
                "(" => depth += 1,
                ")" => depth -= 1,
                _ => {}
            }
            k += 1;
            if depth == 0 {
                break;
            }
        }
    }
    if !(k < c.toks.len() && c.word(k) == ",") {
        return;
    }
    let mut street = false;
    let mut best: Option<(u8, usize)> = None;
    let mut last = k;
    for j in k + 1..c.toks.len() {
        let t = &c.toks[j];
        if t.tag.starts_with("VB") && c.unit_at[j].is_none() {
            return;
        }
        if t.tag == "CD" || STREET.contains(&c.lower[j].as_ref()) {
            street = true;
        }
        if let Some(v) = c.unit_at[j] {
            for &m in &c.units[v].mentions {
                let r = place_rank(c.ctx.class(c.ctx.mentions[m]));
                if r > 0 && best.is_none_or(|(b, _)| r < b) {
                    best = Some((r, m));
                }
            }
        }
        last = j;
    }
    let (true, Some((_, place))) = (street, best) else {
        return;
    };
    c.ctx.emit(
        out,
        ("address-place", 0.7, Property::LocatedIn),
        &[mu],
        &[place],
        (c.toks[u.first].start, c.toks[last].end),
    );
}

/// "Culiacán, Sinaloa", "Nogales, Arizona", "Wuhan, China": a place
/// followed by a comma and a larger place is located in it.
/// "Golden Crane Trading LLC, a money transmitter in Copper Wells": an
/// organisation described by an indefinite apposition (or after "is")
/// whose noun is in a place is in that place.
fn described_in_place(c: &Clause<'_, '_>, out: &mut Vec<Found>) {
    use EntityClass::*;
    for (ui, u) in c.units.iter().enumerate() {
        let Some(&mu) = u.mentions.iter().find(|&&m| {
            matches!(
                c.ctx.class(c.ctx.mentions[m]),
                Company | CriminalOrganization | Cartel
            )
        }) else {
            continue;
        };
        let mut k = u.last + 1;
        if c.toks.get(k).is_some_and(|_| c.word(k) == ".") {
            k += 1;
        }
        // "X, a broker in Y" and "X is a broker in Y".
        let linked = k + 1 < c.toks.len()
            && (c.word(k) == "," || matches!(c.word(k), "is" | "was"))
            && matches!(c.word(k + 1), "a" | "an");
        if !linked {
            continue;
        }
        k += 2;
        let head = k;
        while k < c.toks.len()
            && c.unit_at[k].is_none()
            && (c.toks[k].is_noun() || c.toks[k].is_adjective() || c.toks[k].tag == "VBG")
            && c.word(k).starts_with(char::is_lowercase)
        {
            k += 1;
        }
        if k == head || !c.toks[k - 1].is_noun() {
            continue;
        }
        // "a seller of NPP registered in Macau": the noun's complement
        // comes before the participle.
        let participle = |k: usize| {
            k < c.toks.len()
                && matches!(
                    c.word(k),
                    "based" | "located" | "headquartered" | "registered" | "incorporated"
                )
        };
        if k < c.toks.len() && c.word(k) == "of" {
            let end = (k + 8).min(c.toks.len());
            if let Some(p) = (k + 1..end)
                .take_while(|&j| !matches!(c.word(j), "," | ";" | "(" | ")"))
                .find(|&j| participle(j))
            {
                k = p;
            }
        }
        // "… based in", "… located in", or "in" itself.
        if participle(k) {
            k += 1;
        }
        if !(k < c.toks.len() && c.word(k) == "in") {
            continue;
        }
        let Some(v) = c.unit_at.get(k + 1).copied().flatten() else {
            continue;
        };
        if v == ui {
            continue;
        }
        let places: Vec<usize> = c.units[v]
            .mentions
            .iter()
            .copied()
            .filter(|&m| c.ctx.class(c.ctx.mentions[m]).is_place())
            .collect();
        if places.is_empty() {
            continue;
        }
        c.ctx.emit(
            out,
            ("apposition-place", 0.75, Property::LocatedIn),
            &[mu],
            &places,
            (c.toks[u.first].start, c.toks[c.units[v].last].end),
        );
    }
}

/// "Jinhua, in China's Zhejiang province", "Altamar, in Colima": a place
/// set off by a comma and "in" is in the larger place that follows;
/// "the Chinese city of Jinhua": a city a demonym places is in that
/// country.
fn place_in_place(c: &Clause<'_, '_>, out: &mut Vec<Found>) {
    use EntityClass::*;
    let first_place = |u: &Unit| {
        u.mentions
            .iter()
            .copied()
            .find(|&m| place_rank(c.ctx.class(c.ctx.mentions[m])) > 0)
    };
    for u in &c.units {
        let Some(mu) = first_place(u) else { continue };
        let a = c.ctx.class(c.ctx.mentions[mu]);
        // "X, in (the) Y" / "X, in Y's Z"
        let k = u.last + 1;
        if k + 2 < c.toks.len() && c.word(k) == "," && c.word(k + 1) == "in" {
            let mut j = k + 2;
            if c.word(j) == "the" {
                j += 1;
            }
            let Some(v) = c.unit_at.get(j).copied().flatten() else {
                continue;
            };
            let mut target = v;
            let after = c.units[v].last + 1;
            if after + 1 < c.toks.len() && matches!(c.word(after), "'s" | "’s") {
                if let Some(w) = c.unit_at[after + 1] {
                    target = w;
                }
            }
            if let Some(mv) = first_place(&c.units[target]) {
                let b = c.ctx.class(c.ctx.mentions[mv]);
                if place_rank(b) > place_rank(a) {
                    c.ctx.emit(
                        out,
                        ("place-in-place", 0.8, Property::LocatedIn),
                        &[mu],
                        &[mv],
                        (c.toks[u.first].start, c.toks[c.units[target].last].end),
                    );
                }
            }
        }
        // "the Chinese city of X", "the Dutch port city of X"
        if u.first >= 3 && c.word(u.first - 1) == "of" && a == City {
            let mut h = u.first - 2;
            if !matches!(
                c.toks[h].lemma.as_str(),
                "city" | "town" | "municipality" | "village" | "port"
            ) {
                continue;
            }
            while h > 0
                && c.unit_at[h - 1].is_none()
                && (c.toks[h - 1].is_noun() || c.toks[h - 1].is_adjective())
                && c.word(h - 1).starts_with(char::is_lowercase)
            {
                h -= 1;
            }
            let Some(d) = h.checked_sub(1).and_then(|x| c.unit_at[x]) else {
                continue;
            };
            if let Some(md) = c.units[d]
                .mentions
                .iter()
                .copied()
                .find(|&m| c.ctx.class(c.ctx.mentions[m]) == Country)
            {
                c.ctx.emit(
                    out,
                    ("city-of", 0.8, Property::LocatedIn),
                    &[mu],
                    &[md],
                    (c.toks[c.units[d].first].start, c.toks[u.last].end),
                );
            }
        }
    }
}

fn place_apposition(c: &Clause<'_, '_>, out: &mut Vec<Found>) {
    for (u, v, mu, mv, a, b) in c.adjacent_names(|_, w| w == ",") {
        if place_rank(a) == 0 || place_rank(b) <= place_rank(a) {
            continue;
        }
        c.ctx.emit(
            out,
            ("place-apposition", 0.8, Property::LocatedIn),
            &[mu],
            &[mv],
            (c.toks[u.first].start, c.toks[v.last].end),
        );
    }
}

fn verb_frames(c: &Clause<'_, '_>, k: usize, out: &mut Vec<Found>) {
    let t = &c.toks[k];
    let frames: Vec<&Frame> = c.frames.for_lemma(&t.lemma, Pos::Verb).collect();
    if frames.is_empty() {
        return;
    }
    let Some(mut g) = verb_group(c.toks, k) else {
        return;
    };
    // A participle right after a noun phrase or its comma, or with "by"
    // after it, is passive: "fentanyl smuggled through Nogales", "firms
    // designated by Treasury".
    // "Headed by X, …" opening a sentence: the tagger's past tense is a
    // participle.
    let opening_by = k == 0 && t.tag == "VBD" && c.toks.get(1).is_some_and(|_| c.word(1) == "by");
    if !g.passive && (t.tag == "VBN" || opening_by) && g.first == k {
        let by_next = c.toks.get(k + 1).is_some_and(|_| c.word(k + 1) == "by");
        let after_np = k > 0
            && (c.unit_at[k - 1].is_some() || c.word(k - 1) == "," || c.toks[k - 1].is_noun());
        // "X, based in Y", "fentanyl smuggled through Z"; not "X, …, seized
        // 40 kilograms" (an object follows: active).
        let prep_next = c
            .toks
            .get(k + 1)
            .is_none_or(|n| matches!(n.tag, "IN" | "TO" | "," | "."));
        if by_next || after_np && prep_next {
            g.passive = true;
        }
    }
    // "stopped working with X", "halted cooperating with X": a stop verb
    // right before the verb turns cooperation into its suspension.
    let stopped = g.first > 0 && {
        let p = &c.toks[g.first - 1];
        p.tag.starts_with("VB") && c.frames.stop.contains(p.lemma.as_str())
    };
    // "The police arrested A and B and seized C": a verb after "and" that
    // follows another finite verb shares its subject; the first verb's
    // object is none.
    let shared = (g.first >= 2 && c.word(g.first - 1) == "and" && !g.passive)
        .then(|| {
            (0..g.first - 1)
                .rev()
                .find(|&j| matches!(c.toks[j].tag, "VBD" | "VBZ" | "VBP") && c.unit_at[j].is_none())
        })
        .flatten()
        .and_then(|j| verb_group(c.toks, j));
    let mut left = match &shared {
        Some(first) if !first.passive => c.subject_before(first.first),
        _ => c.subject_before(g.first),
    };
    // "… by A and B, working with C": a participle after a comma takes
    // the name just before the comma as its subject.
    if left.is_none() && t.tag == "VBG" && g.first == k && k >= 2 && c.word(k - 1) == "," {
        left = c.unit_at[k - 2];
    }
    // "the Ortega organization, a heroin ring led by Mario Ortega": a
    // passive participle after a description set off by a comma has the
    // name the description explains as patient.
    if g.passive && t.tag == "VBN" && g.first == k && k >= 3 {
        // A substance may modify the description ("a heroin ring").
        let modifier = |j: usize| {
            c.unit_at[j].is_none_or(|u| {
                c.units[u]
                    .mentions
                    .iter()
                    .all(|&m| c.ctx.class(c.ctx.mentions[m]).is_substance())
            })
        };
        let mut j = k;
        while j > 0
            && modifier(j - 1)
            && (c.toks[j - 1].is_noun()
                || c.toks[j - 1].is_adjective()
                || matches!(c.toks[j - 1].tag, "DT" | "VBG" | "HYPH" | "CD"))
        {
            j -= 1;
        }
        if j < k && j >= 2 && c.word(j - 1) == "," && matches!(c.word(j), "a" | "an") {
            // "the Ortega organization": the name may stop before its head.
            let named = (j.saturating_sub(4)..j - 1)
                .rev()
                .find_map(|x| c.unit_at[x]);
            if let Some(u) = named {
                left = Some(u);
            }
        }
    }
    // "- 300 kg of NPP, seized by the Guardia Civil at …": a passive
    // participle after a comma has the phrase before the comma as patient.
    if left.is_none()
        && g.passive
        && t.tag == "VBN"
        && g.first == k
        && k >= 2
        && c.word(k - 1) == ","
    {
        left = c.unit_at[k - 2];
    }
    // "an indictment charging X", "sanctions targeting Y": the participle's
    // agent is the action noun's.
    if left.is_none() && t.tag == "VBG" && g.first == k && k > 0 {
        let n = &c.toks[k - 1];
        if n.is_noun() && c.frames.has_noun(&n.lemma) {
            left = noun_agent(c, k - 1);
        }
    }
    let (mut direct, mut preps, mut plain_object, possessor) = c.after_full(k);
    // "arrested a customs broker, Raul Paz,": a noun whose name follows
    // in apposition is the name.
    if direct.is_none() {
        if let Some(mut n) = plain_object {
            while n + 1 < c.toks.len() && c.unit_at[n + 1].is_none() && c.toks[n + 1].is_noun() {
                n += 1;
            }
            // "arrested a chemist named Eladio Cervantes": the same.
            let named = (n + 2 < c.toks.len() && matches!(c.word(n + 1), "," | "named" | "called"))
                .then(|| c.unit_at[n + 2])
                .flatten()
                .filter(|&u| {
                    let after = c.units[u].last + 1;
                    c.word(n + 1) != ","
                        || after >= c.toks.len()
                        || matches!(c.word(after), "," | "." | ";" | "in" | "on" | "at")
                });
            if let Some(u) = named {
                direct = Some(u);
                plain_object = None;
                preps.retain(|&(_, p)| p != u);
            }
        }
    }
    // "sold the Gulf Cartel 20 kilograms of NPP", "shipped the defendant
    // two tons of 4-AP": a verb of giving with two objects, an actor and
    // then a substance, gives the substance to the actor.
    if matches!(
        t.lemma.as_str(),
        "sell" | "ship" | "send" | "supply" | "provide" | "give" | "deliver" | "offer"
    ) {
        if let Some(d) = direct {
            // A pronoun as first object is left alone: whom "them" stands
            // for is the weak link ("had the firm ship them 4-AP").
            let actor = c.units[d].mentions.iter().any(|&m| {
                let mm = c.ctx.mentions[m];
                c.ctx.class(mm).is_actor()
                    && !matches!(
                        c.ctx.text[mm.start..mm.end].to_lowercase().as_str(),
                        "them" | "him" | "her" | "it" | "us"
                    )
            });
            let mut j = c.units[d].last + 1;
            while j < c.toks.len()
                && c.unit_at[j].is_none()
                && j <= c.units[d].last + 6
                && (matches!(c.toks[j].tag, "CD" | "DT" | "JJ" | "NN" | "NNS" | "IN")
                    && !matches!(
                        c.word(j),
                        "to" | "for" | "from" | "in" | "at" | "with" | "by" | "on"
                    ))
            {
                j += 1;
            }
            let second = c.unit_at.get(j).copied().flatten().filter(|&u| {
                c.units[u]
                    .mentions
                    .iter()
                    .any(|&m| c.ctx.class(c.ctx.mentions[m]).is_substance())
            });
            if let (true, Some(sub)) = (actor, second) {
                preps.push(("to".to_string(), d));
                direct = Some(sub);
            }
        }
    }
    // "launder the cartel's dollars": the owner of the money is whom it
    // is moved for.
    // "processed $5 million in cash deposits for X", "moving about $3
    // million a month for X": a sum of money before the "for" is money too.
    let money_object = plain_object.is_some_and(|n| c.is_money(n))
        || (k + 1..c.toks.len())
            .take_while(|&j| !matches!(c.word(j), "for" | "," | ";" | "." | "to" | "into"))
            .take(12)
            .any(|j| c.word(j).starts_with('$') || c.is_money(j) && c.unit_at[j].is_none());
    if money_object {
        if let Some(p) = possessor {
            preps.push(("for".to_string(), p));
        }
    }
    // "Also charged in the indictment are X and Y": a participle opening
    // the sentence, then "be" and what was done to.
    let opening = k == 0 || k == 1 && matches!(c.toks[0].tag, "RB" | "RBR");
    if opening && t.tag == "VBN" && left.is_none() {
        let be = (k + 1..c.toks.len())
            .take_while(|&j| !matches!(c.word(j), "," | ";" | ":"))
            .find(|&j| c.toks[j].tag.starts_with("VB") || c.toks[j].tag == "MD")
            .filter(|&j| c.toks[j].lemma == "be");
        if let Some(b) = be {
            let mut j = b + 1;
            while j < c.toks.len() && matches!(c.toks[j].tag, "DT" | "JJ" | "RB") {
                j += 1;
            }
            if let Some(mut u) = c.unit_at.get(j).copied().flatten() {
                // "Apex sales agent Li Wei": the firm modifies the role.
                let mut n = c.units[u].last + 1;
                while n < c.toks.len()
                    && c.unit_at[n].is_none()
                    && c.toks[n].is_noun()
                    && c.word(n).starts_with(char::is_lowercase)
                {
                    n += 1;
                }
                if n > c.units[u].last + 1 {
                    if let Some(v) = c.unit_at.get(n).copied().flatten() {
                        u = v;
                    }
                }
                g.passive = true;
                left = Some(u);
                preps.retain(|&(_, p)| c.units[p].first < b);
            }
        }
    }
    // "Led by X, the group has …": a participle opening the sentence with
    // its "by" phrase; what was done to is the main clause's subject.
    if g.passive && g.first == 0 && left.is_none() && by_phrase(&preps).is_some() {
        if let Some(v) =
            (k + 1..c.toks.len()).find(|&j| matches!(c.toks[j].tag, "VBZ" | "VBD" | "VBP" | "MD"))
        {
            left = c.subject_before(v);
        } else if let Some(colon) = (k + 1..c.toks.len()).find(|&j| c.word(j) == ":") {
            // "Arrested in Reynosa by the Mexican Army: A and B": a list
            // after the header is what was done to.
            left = (colon + 1..c.toks.len()).find_map(|j| c.unit_at[j]);
        }
    }
    let mut args = Args::default();
    // "the cartel's proceeds were laundered by X": the owner of the money
    // that was moved is whom it was moved for.
    if g.passive {
        let mut j = g.first;
        let mut money = false;
        while j > 0 && (c.toks[j - 1].is_noun() || c.toks[j - 1].tag == "JJ") {
            j -= 1;
            money |= c.is_money(j);
        }
        if money && j >= 2 && c.toks[j - 1].tag == "POS" {
            if let Some(u) = c.unit_at[j - 2] {
                preps.push(("for".to_string(), u));
            }
        }
    }
    if g.passive {
        args.patient = left;
        args.agent = by_phrase(&preps).or_else(|| shared_by_phrase(c, k));
        preps.retain(|(p, _)| p != "by");
    } else {
        args.agent = left;
        args.patient = direct;
    }
    args.preps = preps;
    // "smuggles migrants into Texas", "ships rifles to Mexico": an active
    // verb whose object is something else moves no drug anywhere.
    let other_object = !g.passive && direct.is_none() && plain_object.is_some();
    // "X, which Treasury sanctioned": the object of an object relative is
    // its antecedent.
    if !g.passive && args.patient.is_none() {
        if let Some(subj) = args.agent {
            args.patient = c.object_relative_antecedent(c.units[subj].first);
        }
    }
    // Acts done to someone (sanctioning, charging, arresting) take their
    // object from the clause or not at all: a reading with its agent found
    // overrides a trigger pattern's guess at the object.
    // "moved proceeds for the cartel": moving money traffics nothing, and
    // a trigger pattern's reading of the verb as trafficking yields.
    if money_object && args.agent.is_some() {
        let mut claims = c.claims.borrow_mut();
        for p in [Property::Traffics, Property::TrafficsTo, Property::Supplies] {
            claims.push((p, (t.start, t.end)));
        }
    }
    let finite = matches!(c.toks[g.first].tag, "VBD" | "VBZ" | "VBP" | "MD");
    if args.agent.is_some() && finite {
        let mut claims = c.claims.borrow_mut();
        for f in frames.iter().filter(|f| {
            matches!(
                f.property,
                Property::Sanctions | Property::Charges | Property::Arrests
            )
        }) {
            claims.push((f.property, (t.start, t.end)));
        }
    }
    // "shipped fentanyl precursors to Mexico": moving chemicals supplies
    // them; it traffics no drug into the place.
    let chemicals_moved = args.patient.is_some_and(|u| {
        c.unit_is(u, |k| k == EntityClass::PrecursorChemical)
            && c.expand(u, &[EntityClass::Drug]).is_empty()
    });
    if chemicals_moved {
        // Nor does a trigger pattern's guess at the same words.
        c.claims
            .borrow_mut()
            .push((Property::TrafficsTo, (t.start, t.end)));
    }
    let emitted_before = out.len();
    for f in frames {
        if chemicals_moved && f.property == Property::TrafficsTo {
            continue;
        }
        // Moving money launders; moving anything else does not.
        if f.property == Property::LaundersMoneyFor
            && !matches!(t.lemma.as_str(), "launder" | "wash")
            && !money_object
        {
            continue;
        }
        if other_object
            && f.subject != Role::Patient
            && f.object != Role::Patient
            && !(money_object && f.property == Property::LaundersMoneyFor)
        {
            continue;
        }
        if stopped && f.property == Property::CooperatesWith {
            let mut f2 = (*f).clone();
            f2.property = Property::SuspendsCooperationWith;
            f2.id = f.id.replace("cooperatesWith", "suspendsCooperationWith");
            emit(c, &f2, &args, &g, (t.start, t.end), out);
            continue;
        }
        emit(c, f, &args, &g, (t.start, t.end), out);
        // "Three firms were sanctioned": in a release, the issuing agency
        // did it.
        if g.passive
            && args.agent.is_none()
            && matches!(f.property, Property::Sanctions | Property::Charges)
            && f.subject == Role::Agent
        {
            if let (Some(issuer), Some(p)) = (c.ctx.issuer, args.patient) {
                for o in c.expand(p, &f.object_classes) {
                    let m = c.ctx.mentions[o];
                    if m.ent == issuer {
                        continue;
                    }
                    let (lo, hi) = (m.start.min(t.start), m.end.max(t.end));
                    let polarity = g.polarity(c.ctx.polarity(lo, hi));
                    out.push(Found {
                        subject: issuer,
                        property: f.property,
                        object: m.ent,
                        polarity,
                        quantity: None,
                        more_quantities: Vec::new(),
                        rule: format!("{}+issuer", f.id),
                        confidence: f.confidence - 0.1,
                        trigger: Some((t.start, t.end)),
                    });
                }
            }
        }
    }
    // "laundered $50 million for X": the sum is the laundering's figure.
    if let Some(q) = money_sum(c, k) {
        for f in out[emitted_before..].iter_mut() {
            if f.property == Property::LaundersMoneyFor && f.quantity.is_none() {
                f.quantity = Some(q.clone());
            }
        }
    }
}

fn noun_frames(c: &Clause<'_, '_>, k: usize, out: &mut Vec<Found>) {
    let t = &c.toks[k];
    let lemma = t.lemma.as_str();
    let nouns: Vec<&Frame> = c.frames.for_lemma(lemma, Pos::Noun).collect();
    let agents: Vec<&Frame> = c.frames.for_lemma(lemma, Pos::Agent).collect();
    if nouns.is_empty() && agents.is_empty() {
        return;
    }
    // "its sales office", "a trafficking organization": a noun that
    // modifies the noun after it names no act.
    if c.toks.get(k + 1).is_some_and(|n| {
        n.is_noun()
            && c.unit_at[k + 1].is_none()
            && n.tag != "NNP"
            && !c.frames.measure.contains(n.lemma.as_str())
    }) {
        return;
    }
    let (direct, mut preps, plain_object, possessor) = c.after_full(k);
    // "the laundering of the cartel's proceeds": the owner of the money is
    // whom it is moved for.
    if let (Some(n), Some(p)) = (plain_object, possessor) {
        if c.is_money(n) {
            preps.push(("for".to_string(), p));
        }
    }
    // "shipments of 4-AP": the noun's own "of", which reads as a measure's.
    if let Some(d) = direct {
        if c.toks.get(k + 1).is_some_and(|_| c.word(k + 1) == "of") {
            preps.insert(0, ("of".to_string(), d));
        }
    }
    let s = phrase_start(c, k);
    let modifier = noun_modifier(c, k, s);
    let by = by_phrase(&preps);
    let empty = VerbGroup {
        first: k,
        head: k,
        passive: false,
        negated: false,
        modal: false,
    };
    if !nouns.is_empty() {
        // The verb that takes this noun as its object or passive subject.
        let governing = governing_verb(c, s);
        let mut g = empty.clone();
        // "the suspension of its cooperation with X": a stop noun before
        // "of" ends the cooperation, and its possessor did it.
        let stop_noun = (s >= 2 && c.word(s - 1) == "of")
            .then(|| s - 2)
            .filter(|&n| {
                let t = &c.toks[n];
                t.is_noun()
                    && matches!(
                        t.lemma.as_str(),
                        "suspension"
                            | "halt"
                            | "end"
                            | "freeze"
                            | "termination"
                            | "collapse"
                            | "pause"
                    )
            });
        let mut agent = modifier
            .or(by)
            .or_else(|| {
                (s..k)
                    .any(|j| matches!(c.word(j), "its" | "their"))
                    .then(|| noun_agent(c, k))
                    .flatten()
            })
            .or_else(|| purpose_agent(c, s));
        let mut stop = stop_noun.is_some();
        if let Some(n) = stop_noun {
            if agent.is_none() {
                agent = noun_agent(c, n);
            }
        }
        if let Some(v) = governing.filter(|_| stop_noun.is_none()) {
            let vt = &c.toks[v];
            if let Some(vg) = verb_group(c.toks, v) {
                let light = c.frames.light.contains(vt.lemma.as_str());
                stop = c.frames.stop.contains(vt.lemma.as_str());
                if (light || stop) && agent.is_none() {
                    agent = if vg.passive {
                        by_phrase(&c.after(v).1)
                    } else {
                        c.subject_before(vg.first)
                    };
                }
                if light || stop {
                    g.negated = vg.negated;
                    g.modal = vg.modal;
                }
            }
        }
        // "sanctions were imposed on X": the noun is the light verb's
        // passive subject, and its roles follow the verb.
        let mut preps = preps.clone();
        if let Some(v) = passive_light_after(c, k) {
            let (_, more) = c.after(v);
            if agent.is_none() {
                agent = by_phrase(&more);
            }
            preps.extend(more);
        }
        let args = Args {
            agent,
            patient: None,
            preps: preps.into_iter().filter(|(p, _)| p != "by").collect(),
            subjects_before: None,
        };
        for f in &nouns {
            if stop {
                if f.property == Property::CooperatesWith {
                    let mut f2 = (*f).clone();
                    f2.property = Property::SuspendsCooperationWith;
                    f2.id = f.id.replace("cooperatesWith", "suspendsCooperationWith");
                    emit(c, &f2, &args, &g, (t.start, t.end), out);
                }
                continue;
            }
            emit(c, f, &args, &g, (t.start, t.end), out);
        }
    }
    if !agents.is_empty() {
        // "A, a supplier of B", "A is one of the suppliers of B", "A became
        // a supplier of B", or "supplier A".
        let agent = apposed_or_copular(c, s);
        let args = Args {
            agent,
            patient: None,
            preps,
            subjects_before: Some(c.toks[s].start),
        };
        for f in &agents {
            emit(c, f, &args, &empty, (t.start, t.end), out);
        }
    }
}

/// Where the noun phrase headed by token `k` starts: past determiners,
/// adjectives and plain nouns ("the new DEA sanctions").
fn phrase_start(c: &Clause<'_, '_>, k: usize) -> usize {
    let mut s = k;
    while s > 0 {
        let w = c.word(s - 1);
        let p = &c.toks[s - 1];
        if c.unit_at[s - 1].is_none()
            && (is_premodifier(p, w) || p.tag == "NN" && !c.frames.has_noun(&p.lemma))
            && w != "'s"
            && w != "’s"
        {
            s -= 1;
            continue;
        }
        break;
    }
    s
}

/// A possessor or compound modifier right before the noun phrase that
/// starts at `s` and is headed at `k` ("Treasury's sanctions", "DEA
/// seizures").
fn noun_modifier(c: &Clause<'_, '_>, k: usize, s: usize) -> Option<usize> {
    if s == 0 {
        return None;
    }
    let w = c.word(s - 1);
    if w == "'s" || w == "’s" || w == "'" || w == "’" {
        return if s >= 2 { c.unit_at[s - 2] } else { None };
    }
    let u = c.unit_at[s - 1]?;
    (c.prep_before(c.units[u].first).is_none() || s == k).then_some(u)
}

/// "The gangs produce heroin for export to Australia": a purpose noun after
/// what is made or bought has that verb's subject as agent.
fn purpose_agent(c: &Clause<'_, '_>, s: usize) -> Option<usize> {
    if s < 2 || c.word(s - 1) != "for" {
        return None;
    }
    let v = (s.saturating_sub(8)..s - 1)
        .rev()
        .find(|&j| c.toks[j].tag.starts_with("VB"))?;
    if !matches!(
        c.toks[v].lemma.as_str(),
        "produce"
            | "make"
            | "manufacture"
            | "grow"
            | "cultivate"
            | "press"
            | "buy"
            | "purchase"
            | "package"
    ) {
        return None;
    }
    let vg = verb_group(c.toks, v)?;
    (!vg.passive).then(|| c.subject_before(vg.first)).flatten()
}

/// The agent of the action noun at `k`: its possessor or modifier, its
/// "by" phrase, or the subject of the light verb that takes it.
fn noun_agent(c: &Clause<'_, '_>, k: usize) -> Option<usize> {
    let s = phrase_start(c, k);
    if let Some(m) = noun_modifier(c, k, s) {
        return Some(m);
    }
    let v = governing_verb(c, s)?;
    let vt = &c.toks[v];
    // "Mexico highlighted its extradition of …": a possessive pronoun
    // gives the noun the subject of its clause.
    let owned = (s..k).any(|j| matches!(c.word(j), "its" | "their"));
    if !c.frames.light.contains(vt.lemma.as_str()) && !owned {
        return None;
    }
    let vg = verb_group(c.toks, v)?;
    if vg.passive {
        by_phrase(&c.after(v).1)
    } else {
        c.subject_before(vg.first)
    }
}

/// The verb whose object is the noun phrase starting at `s`: right before
/// it, after adverbs and particles ("carried out arrests").
fn governing_verb(c: &Clause<'_, '_>, s: usize) -> Option<usize> {
    let mut k = s;
    while k > 0 {
        let t = &c.toks[k - 1];
        if t.tag.starts_with("VB") {
            return Some(k - 1);
        }
        if matches!(t.tag, "RP" | "RB") || matches!(c.word(k - 1), "out" | "off" | "up" | "down") {
            k -= 1;
            continue;
        }
        return None;
    }
    None
}

/// "sanctions were imposed on X by Y": a passive light verb right after
/// the noun phrase headed at `k`.
fn passive_light_after(c: &Clause<'_, '_>, k: usize) -> Option<usize> {
    let mut j = k + 1;
    while j < c.toks.len() && j <= k + 4 {
        let t = &c.toks[j];
        if t.tag == "VBN" {
            let g = verb_group(c.toks, j)?;
            return (g.passive && c.frames.light.contains(t.lemma.as_str())).then_some(j);
        }
        if !(t.tag.starts_with("VB") || t.tag == "RB" || t.tag == "MD") {
            return None;
        }
        j += 1;
    }
    None
}

/// The entity an agent noun at phrase start `s` describes: apposed
/// (", a supplier of"), copular ("is one of the largest suppliers of"), or
/// named right after it ("supplier Apex Chemical").
fn apposed_or_copular(c: &Clause<'_, '_>, s: usize) -> Option<usize> {
    let mut k = s;
    // "one of the largest suppliers": skip "one of" and determiners.
    loop {
        if k >= 2 && c.word(k - 1) == "of" && matches!(c.word(k - 2), "one" | "among") {
            k -= 2;
            while k > 0 && is_premodifier(&c.toks[k - 1], c.word(k - 1)) {
                k -= 1;
            }
            continue;
        }
        if k >= 1 && c.word(k - 1) == "among" {
            k -= 1;
            continue;
        }
        break;
    }
    if k == 0 {
        return None;
    }
    let w = c.word(k - 1);
    if w == "," || w == "(" {
        return if k >= 2 { c.unit_at[k - 2] } else { None };
    }
    let t = &c.toks[k - 1];
    if t.tag.starts_with("VB")
        && matches!(
            t.lemma.as_str(),
            "be" | "become" | "remain" | "serve" | "act" | "emerge"
        )
        || w == "as" && k >= 2 && c.toks[k - 2].tag.starts_with("VB")
    {
        let v = if w == "as" { k - 2 } else { k - 1 };
        let g = verb_group(c.toks, v)?;
        if g.negated {
            return None;
        }
        return c.subject_before(g.first);
    }
    None
}

fn emit(
    c: &Clause<'_, '_>,
    f: &Frame,
    args: &Args,
    g: &VerbGroup,
    trigger: (usize, usize),
    out: &mut Vec<Found>,
) {
    let subjects: Vec<usize> = args
        .get(&f.subject)
        .into_iter()
        .flat_map(|u| c.expand(u, &f.subject_classes))
        .filter(|&m| {
            args.subjects_before
                .is_none_or(|b| c.ctx.mentions[m].start < b)
        })
        .collect();
    let objects: Vec<usize> = args
        .get(&f.object)
        .into_iter()
        .flat_map(|u| c.expand(u, &f.object_classes))
        .collect();
    let mut found = Vec::new();
    if objects.is_empty() && f.property.is_symmetric() {
        // Reciprocal: "cooperation between A and B", "A and B agreed to
        // cooperate", with no "with" phrase.
        // A verb is reciprocal by itself ("A and B cooperate") or with
        // "together" ("A and B work together"); "they work to get …" is not.
        let reciprocal_verb = g.head < c.toks.len()
            && (matches!(
                c.toks[g.head].lemma.as_str(),
                "cooperate" | "collaborate" | "partner" | "negotiate" | "meet"
            ) || (g.head + 1 < c.toks.len()
                && matches!(c.word(g.head + 1), "together" | "jointly")));
        let members = if subjects.len() >= 2 && (f.pos != Pos::Verb || reciprocal_verb) {
            subjects
        } else {
            args.preps
                .iter()
                .filter(|(p, _)| p == "between")
                .flat_map(|&(_, u)| c.expand(u, &f.subject_classes))
                .collect()
        };
        c.ctx.emit_reciprocal(
            &mut found,
            (&f.id, f.confidence, f.property),
            &members,
            trigger,
        );
        for mut x in found {
            x.polarity = g.polarity(x.polarity);
            out.push(x);
        }
        return;
    }
    if subjects.is_empty() || objects.is_empty() {
        return;
    }
    c.ctx.emit(
        &mut found,
        (&f.id, f.confidence, f.property),
        &subjects,
        &objects,
        trigger,
    );
    // A figure attached to the object's own phrase ("14 kilograms of
    // heroin", "2 million fentanyl pills") is its figure.
    let attached: Vec<(usize, fkg_model::Quantity)> = objects
        .iter()
        .filter_map(|&o| c.attached_quantity(o).map(|q| (c.ctx.mentions[o].ent, q)))
        .collect();
    for x in found.iter_mut() {
        if let Some((_, q)) = attached.iter().find(|(e, _)| *e == x.object) {
            if x.quantity.as_ref() != Some(q) {
                if let Some(old) = x.quantity.replace(q.clone()) {
                    x.more_quantities.retain(|m| m != q);
                    if !x.more_quantities.contains(&old) {
                        x.more_quantities.push(old);
                    }
                }
            }
        }
    }
    for mut x in found {
        x.polarity = g.polarity(x.polarity);
        out.push(x);
    }
}

/// The unit of a "by" phrase among a verb's prepositional arguments: the
/// agent of a passive.
/// "was arrested in Ohio and charged by the FBI": passive participles
/// joined by "and" share the "by" phrase of the last. The participle at
/// `k` has no verb of its own before the "and".
fn shared_by_phrase(c: &Clause<'_, '_>, k: usize) -> Option<usize> {
    let and = (k + 1..c.toks.len().min(k + 12))
        .take_while(|&j| !matches!(c.word(j), "," | ";" | ":" | "by"))
        .find(|&j| c.word(j) == "and" || c.toks[j].tag.starts_with("VB"))
        .filter(|&j| c.word(j) == "and")?;
    let mut j = and + 1;
    while j < c.toks.len() && matches!(c.toks[j].tag, "RB") {
        j += 1;
    }
    let next = c.toks.get(j)?;
    if !matches!(next.tag, "VBN" | "VBD") || c.unit_at[j].is_some() {
        return None;
    }
    let (_, preps, _, _) = c.after_full(j);
    by_phrase(&preps)
}

fn by_phrase(preps: &[(String, usize)]) -> Option<usize> {
    preps.iter().find(|(p, _)| p == "by").map(|&(_, u)| u)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bundled_frames_parse() {
        let f = Frames::bundled().unwrap();
        assert!(f.frames.len() > 100);
        assert!(f.light.contains("impose"));
        assert!(f.measure.contains("kilogram"));
        assert!(f.for_lemma("sanction", Pos::Verb).next().is_some());
        assert!(f.for_lemma("supplier", Pos::Agent).next().is_some());
    }

    #[test]
    fn bad_frames_name_their_line() {
        let e = Frames::parse("ship\tV\tsuppliez\tagent\tpatient\t-\t-\t0.8\n").unwrap_err();
        assert!(e.contains("line 1") && e.contains("suppliez"), "{e}");
        let e = Frames::parse("# c\nship\tX\tsupplies\tagent\tpatient\t-\t-\t0.8\n").unwrap_err();
        assert!(e.contains("line 2"), "{e}");
    }
}
