//! Mentions: where the text names an entity, found from the gazetteer, from
//! group nouns ("Chinese chemical companies"), titles and names of people,
//! agency offices, counted places ("more than 40 countries") and pronouns.
//!
//! Rationale: every pass works on the whole document and keeps the earlier
//! passes' mentions, so a later, vaguer pattern never overrides a name.

pub(crate) mod names;
mod set;

use crate::entities::{clean_ws, Entities};
use crate::lang::{Tagger, Token};
use crate::lexicon::{Lexicon, SurfaceKind, TitleKind};
use crate::text::Sentence;
use fkg_model::{EntityClass, Property, Quantity};
use regex::Regex;
use set::MentionSet;
use std::sync::LazyLock;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum MentionKind {
    /// A name or alias.
    Name,
    /// A demonym standing for its place ("Chinese").
    Demonym,
    /// A group noun phrase.
    Group,
    Person,
    Office,
    /// A pronoun or definite description resolved to earlier mentions.
    Pronoun,
}

#[derive(Debug, Clone)]
pub(crate) struct Mention {
    pub start: usize,
    pub end: usize,
    pub ent: usize,
    pub kind: MentionKind,
    /// A number stated with the mention ("19 of 32 Mexican states").
    pub quantity: Option<Quantity>,
}

/// A relation implied by a noun phrase itself ("DEA Administrator Anne
/// Milgram" leads DEA; "offices in Shanghai" are located in Shanghai).
#[derive(Debug, Clone)]
pub(crate) struct Implied {
    pub subject: usize,
    pub property: Property,
    pub object: usize,
    pub at: usize,
    pub rule: &'static str,
    pub quantity: Option<Quantity>,
}

pub(crate) struct Found {
    pub mentions: Vec<Mention>,
    pub implied: Vec<Implied>,
}

/// Between coordinated names: ", ", " and ", ", and ", " or ".
/// Plural nouns for people: a group they head lists people.
pub(crate) const PEOPLE_NOUNS: &[&str] = &[
    "brokers",
    "traffickers",
    "nationals",
    "individuals",
    "people",
    "persons",
    "executives",
    "officials",
    "defendants",
    "men",
    "women",
    "suspects",
    "citizens",
    "leaders",
    "members",
    "employees",
    "managers",
    "associates",
    "operatives",
    "launderers",
    "couriers",
    "chemists",
    "smugglers",
    "fugitives",
    "co-conspirators",
    "conspirators",
];

static COORDINATED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\s*(?:,\s*(?:and\s+|or\s+)?|and\s+|or\s+)(?:the\s+)?$").expect("coordinated")
});

/// Between a noun phrase and a name in apposition: ", the ", ", ".
static APPOSED: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\s*,\s*(?:the\s+|los\s+|la\s+)?$").expect("apposed"));

static NUMBER_WORD: &str = r"(?:\d[\d,]*|(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[- ](?:one|two|three|four|five|six|seven|eight|nine))?|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|eleven|twelve|one|two|three|four|five|six|seven|eight|nine|ten|a dozen)";

static COUNTED_PLACES: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?i)(?-u:\b)((?:(?:more than|over|nearly|almost|about|some|at least|roughly|approximately|around)\s+)?({NUMBER_WORD})\s+(?:different\s+|other\s+)?countries)(\s+(?:around the world|worldwide|across the globe|around the globe))?"
    ))
    .expect("counted places")
});

static ANAPHORIC: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?-u:\b)(?:both|those|these|two|the two|such|said)\s+$").expect("anaphoric")
});

static PART_OF: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?-u:\b)(\d+)\s+(?:of|out of)\s+(?:the\s+)?(\d+)\s+$").expect("part of")
});

static OFFICE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?i)(?-u:\b)(?:({NUMBER_WORD})\s+(?:of\s+(?:their|its|our|the)\s+)?)?((?-i:[A-Z]{{2,6}}\s+)?(?:(?:field|foreign|overseas|country|resident|regional|district|attach[ée]|international|liaison|representative|satellite|branch|sub-?)\s+){{0,2}})(offices?|outposts?|posts?\s+of\s+duty|attach[ée]\s+posts?|liaison\s+posts?|(?:resident|field)\s+agenc(?:y|ies))\s+(?:(?:located|based)\s+)?(in|throughout|across|around|outside|worldwide|globally|abroad)(?-u:\b)(\s+the\s+world|\s+the\s+globe)?"
    ))
    .expect("office")
});

pub(crate) static PERSON_NAME: &str = r"\p{Lu}(?:['’]\p{Lu})?[\p{L}\-]+(?:['’]\p{Lu}[\p{L}]+)?(?:\s+[“]\p{Lu}[\p{L}]+(?:\s+\p{Lu}[\p{L}]+)?[”])?(?:\s+(?:[A-Z]\.|\p{Lu}(?:['’]\p{Lu})?[\p{L}\-]+(?:['’]\p{Lu}[\p{L}]+)?)){0,3}";

static SPEECH_NAME: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?-u:\b)(?:said|says|told|added|according to|by)\s+({PERSON_NAME})|({PERSON_NAME}),?\s+(?:said|says|told|added|stated|noted|wrote|explained|warned|testified|continued|mentioned)(?-u:\b)|({PERSON_NAME}),\s+(?:the\s+)?(?:former\s+|then-)?(?:[A-Z][\p{{L}}]+\s+){{0,4}}(?:Chief|Director|Administrator|Secretary|Officer|Agent|Attorney|Minister|Ambassador|President|Chairman|Spokesperson|Advisor|Adviser)(?-u:\b)"
    ))
    .expect("speech name")
});

/// "a chemist named Eladio Cervantes": a noun, "named" or "called", and the
/// name; the noun must be one of `names.tsv`'s person roles (its own
/// pattern: a lower-case start would slow the speech pattern's search down).
static NAMED_PERSON: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?-u:\b)(\p{{Ll}}+)\s+(?:named|called)\s+({PERSON_NAME})"
    ))
    .expect("named person")
});

/// "those companies", "these individuals": demonstratives and the group
/// nouns they point back with.
const GROUP_ANAPHOR_DET: &str = "those|these|both|the two|the three";
const GROUP_ANAPHOR_NOUNS: &str = "companies|firms|suppliers|shippers|exporters|manufacturers|vendors|individuals|persons|people|networks|organizations|organisations";
/// "the chemicals", "these precursors".
const SUBSTANCE_ANAPHOR_DET: &str = "the|these|those|both|its|their";
const SUBSTANCE_ANAPHOR_NOUNS: &str = "chemicals|precursors|substances";
/// "the pills", "these drugs": the drug named before.
const DRUG_ANAPHOR_NOUNS: &str = "pills|tablets|drugs|narcotics|loads";

/// A verb that moves, sells or makes a substance, right before "it".
static MOVED_IT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?-u:\b)(?:sold|sells?|selling|shipped|ships?|shipping|moved|moves?|moving|smuggled|smuggles?|smuggling|sent|sends?|sending|distributed|distributes?|distributing|trafficked|traffics?|trafficking|pressed|press(?:es)?|pressing|carried|carr(?:y|ies)|transported|transports?|delivered|delivers?|exported|exports?|imported|imports?|resold|resells?)\s+$")
        .expect("moved it")
});

static PRONOUN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(r"(?-u:\b)(?:(?i:those|these|the|both)\s+(?:two\s+)?(?:cartels|countries|nations|governments|sides)|(?i:{GROUP_ANAPHOR_DET})\s+(?:{GROUP_ANAPHOR_NOUNS})|(?i:{SUBSTANCE_ANAPHOR_DET})\s+(?:{SUBSTANCE_ANAPHOR_NOUNS})|(?i:{SUBSTANCE_ANAPHOR_DET})\s+(?:{DRUG_ANAPHOR_NOUNS})|(?:(?i:entire|same)\s+)?[Cc]artels|[Tt]hey|[Tt]hem|[Hh]e|[Hh]im|[Ss]he|[Ww]e|[Uu]s|[Oo]ur|it)(?-u:\b)"))
        .expect("pronoun")
});

/// Last words of organisation names, which are never people's names.
const ORG_WORDS: &[&str] = &[
    "Press",
    "Department",
    "Agency",
    "Committee",
    "Administration",
    "Council",
    "Office",
    "Service",
    "Bureau",
    "News",
    "Times",
    "Post",
    "Journal",
    "Group",
    "Cartel",
    "House",
    "University",
    "Institute",
    "Commission",
    "Court",
    "Party",
    "Network",
    "Foundation",
    "Association",
    "Company",
    "Corporation",
    "Inc",
    "Ltd",
    "Ministry",
    "Police",
    "Patrol",
    "Guard",
    "Army",
    "Navy",
    "Force",
    "Center",
    "Centre",
    "Program",
    "Project",
    "Team",
    "Unit",
    "Division",
    "Board",
    "Senate",
    "Congress",
    "Government",
    "Republic",
    "States",
    "Kingdom",
    "Union",
    "Reuters",
    "Hill",
];

/// Capitalised words that stand before "said" without being names.
const NOT_NAMES: &[&str] = &[
    "Officials",
    "Authorities",
    "Experts",
    "Analysts",
    "Prosecutors",
    "Investigators",
    "Police",
    "Sources",
    "Critics",
    "Democrats",
    "Republicans",
    "Lawmakers",
    "Agents",
    "Others",
    "Both",
    "They",
    "He",
    "She",
    "We",
    "It",
    "This",
    "That",
    "Everyone",
    "Nobody",
    "Witnesses",
    "Officers",
    "Administration",
    "Government",
    "Reports",
    "Documents",
    "Data",
    "Court",
    "Records",
    "I",
    "You",
    "Senators",
    "Members",
    "Leaders",
    "Residents",
    "Families",
    "Doctors",
    "Researchers",
];

const MODIFIERS: &[&str] = &[
    "illicit",
    "illegal",
    "major",
    "criminal",
    "transnational",
    "powerful",
    "violent",
    "main",
    "large",
    "big",
    "small",
    "private",
    "state-owned",
    "two",
    "rogue",
    "corrupt",
    "local",
    "organized",
    "other",
    "key",
];

fn small_number(w: &str) -> Option<f64> {
    const UNITS: [&str; 20] = [
        "zero",
        "one",
        "two",
        "three",
        "four",
        "five",
        "six",
        "seven",
        "eight",
        "nine",
        "ten",
        "eleven",
        "twelve",
        "thirteen",
        "fourteen",
        "fifteen",
        "sixteen",
        "seventeen",
        "eighteen",
        "nineteen",
    ];
    const TENS: [&str; 8] = [
        "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety",
    ];
    if let Some(i) = UNITS.iter().position(|u| *u == w) {
        return Some(i as f64);
    }
    if let Some(i) = TENS.iter().position(|t| *t == w) {
        return Some(20.0 + 10.0 * i as f64);
    }
    // "thirty-two", "twenty one"
    let (t, u) = w.split_once(['-', ' '])?;
    let tens = TENS.iter().position(|x| *x == t)?;
    let unit = UNITS[1..10].iter().position(|x| *x == u)? + 1;
    Some(20.0 + 10.0 * tens as f64 + unit as f64)
}

/// A number written in digits ("1,200", "2.5") or words ("five",
/// "thirty-two", "a dozen", "two dozen", "a hundred"), without its
/// qualifier ("more than", "over", "nearly", ...).
fn word_number(s: &str) -> Option<f64> {
    static QUALIFIER: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^(?:more than|over|nearly|almost|about|some|at least|roughly|approximately|around|up to|just over|just under|fewer than|less than)\s+").expect("qualifier")
    });
    let lower = s.trim().to_lowercase();
    let s = QUALIFIER.replace(&lower, "");
    let s = s.trim();
    if let Some(n) = small_number(s) {
        return Some(n);
    }
    match s {
        "a dozen" | "dozen" => return Some(12.0),
        "a hundred" | "hundred" => return Some(100.0),
        "a thousand" => return Some(1000.0),
        _ => {}
    }
    if let Some(n) = s.strip_suffix(" dozen").and_then(small_number) {
        return Some(n * 12.0);
    }
    s.replace(',', "").parse().ok()
}

pub(crate) fn number_value(s: &str) -> Option<f64> {
    word_number(s)
}

/// `text` with every run of whitespace and editorial brackets ('[', ']')
/// made one space, and for each byte of the result the byte of `text` it
/// comes from.
pub(crate) fn squeeze_spaces(text: &str) -> (String, Vec<usize>) {
    let mut out = String::with_capacity(text.len());
    let mut map = Vec::with_capacity(text.len() + 1);
    let mut in_space = false;
    for (i, c) in text.char_indices() {
        if c.is_whitespace() || c == '[' || c == ']' {
            if !in_space {
                out.push(' ');
                map.push(i);
                in_space = true;
            }
            continue;
        }
        in_space = false;
        let start = out.len();
        out.push(c);
        map.extend((0..out.len() - start).map(|k| i + k));
    }
    map.push(text.len());
    (out, map)
}

/// A char boundary at most `max` bytes before `end`: the window that
/// end-anchored patterns look at, so that they never scan a whole document.
pub(crate) fn window_start(text: &str, end: usize, max: usize) -> usize {
    let mut s = end.saturating_sub(max);
    while !text.is_char_boundary(s) {
        s += 1;
    }
    s
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
}

fn boundary_before(text: &str, i: usize) -> bool {
    text[..i]
        .chars()
        .next_back()
        .is_none_or(|c| !is_word_char(c))
}

fn boundary_after(text: &str, i: usize) -> bool {
    text[i..].chars().next().is_none_or(|c| !is_word_char(c))
}

struct Finder<'a> {
    text: &'a str,
    lex: &'a Lexicon,
    tagger: &'a Tagger,
    /// The tagged tokens of each sentence.
    toks: &'a [Vec<Token>],
    sentences: &'a [Sentence],
    ents: &'a mut Entities,
    mentions: MentionSet,
    implied: Vec<Implied>,
    /// People named after a role ("president Li Wei"), whose organisation
    /// is looked for once every name of the document is known.
    pending_roles: Vec<(usize, usize)>,
}

impl Finder<'_> {
    fn overlaps(&self, s: usize, e: usize) -> bool {
        self.mentions.overlaps(s, e)
    }

    fn push_mention(&mut self, m: Mention) {
        self.mentions.push(m);
    }

    /// Moves mention `k` to `[start, end)`.
    fn set_span(&mut self, k: usize, start: usize, end: usize) {
        self.mentions.set_span(k, start, end);
    }

    fn add(&mut self, start: usize, end: usize, ent: usize, kind: MentionKind) -> usize {
        if kind != MentionKind::Pronoun {
            let surface = self.text[start..end].to_string();
            self.ents.alias(ent, &surface);
        }
        self.mentions.push(Mention {
            start,
            end,
            ent,
            kind,
            quantity: None,
        })
    }

    fn remove_within(&mut self, s: usize, e: usize) {
        self.mentions.remove_within(s, e);
    }

    /// "two firms that launder cash for the cartel: Apex Trading and Lumen
    /// Realty": a group whose members a colon lists at the end of its
    /// sentence stands for them, and the list's names not typed yet take
    /// the group's class. The list must be all names (joined by commas and
    /// "and"), and as many as the group counts when it counts them.
    fn enumerated_groups(&mut self) {
        let text = self.text;
        // (group start, group end, class, the listed items' spans)
        type Listed = (usize, usize, EntityClass, Vec<(usize, usize)>);
        let mut found: Vec<Listed> = Vec::new();
        // "arrested two men: A, 44, of Surrey, and B, 31": people counted
        // by a plain noun no group names.
        static COUNTED_PEOPLE: LazyLock<Regex> = LazyLock::new(|| {
            Regex::new(r"(?i)(?-u:\b)(?:two|three|four|five|six|seven|eight|nine|ten|\d+)\s+(?:[A-Z][\w-]+\s+)?(?:men|women|others|adults|people)\s*[:,]")
                .expect("counted people")
        });
        let counted: Vec<Mention> = COUNTED_PEOPLE
            .find_iter(text)
            .filter(|m| !self.mentions.overlaps(m.start(), m.end() - 1))
            .map(|m| {
                let n = text[m.start()..]
                    .split_whitespace()
                    .next()
                    .and_then(|w| number_value(&w.to_lowercase()));
                Mention {
                    start: m.start(),
                    end: m.end() - 1,
                    ent: usize::MAX,
                    kind: MentionKind::Group,
                    quantity: n.map(|v| Quantity {
                        value: v,
                        unit: "people".into(),
                        out_of: None,
                    }),
                }
            })
            .collect();
        for g in self.mentions.iter().chain(counted.iter()) {
            if g.kind != MentionKind::Group {
                continue;
            }
            let class = if g.ent == usize::MAX {
                EntityClass::Person
            } else {
                self.ents.get(g.ent).class
            };
            if !matches!(
                class,
                EntityClass::Company
                    | EntityClass::CriminalOrganization
                    | EntityClass::Person
                    | EntityClass::Cartel
                    | EntityClass::GovernmentAgency
            ) {
                continue;
            }
            // "three Mexican brokers: A, B and C": a group of people lists
            // people, whatever its class says of what they form.
            let head = text[g.start..g.end]
                .rsplit(|c: char| !c.is_alphabetic())
                .find(|w| !w.is_empty())
                .unwrap_or("")
                .to_lowercase();
            let class = if PEOPLE_NOUNS.contains(&head.as_str()) {
                EntityClass::Person
            } else {
                class
            };
            let k = self.sentences.partition_point(|x| x.end <= g.start);
            let Some(sentence) = self.sentences.get(k) else {
                continue;
            };
            let end = sentence.end.min(text.len());
            // A mention outside the sentence found for it (sentences are
            // not all sorted by end: a heading, a dateline) is skipped.
            if g.end > end || sentence.start > g.start {
                continue;
            }
            // "charged two Indian companies, A and B, with …": as many
            // names of the group's class as it counts, in apposition.
            if let Some(n) = g.quantity.as_ref().map(|q| q.value) {
                if text[g.end..].starts_with(", ") && n >= 2.0 {
                    let mut items: Vec<(usize, usize)> = Vec::new();
                    let mut prev = g.end;
                    for m in self.mentions.starting_in(g.end, end).map(|(_, m)| m) {
                        if m.start < prev {
                            continue;
                        }
                        let between = &text[prev..m.start];
                        // "A, 29, and B, 33": ages between the names.
                        static AGE: LazyLock<Regex> = LazyLock::new(|| {
                            Regex::new(r"^,\s+\d{1,3},?\s+(?:and\s+)?$").expect("age between")
                        });
                        let joined = if items.is_empty() {
                            between == ", "
                        } else if AGE.is_match(between) {
                            true
                        } else {
                            matches!(between.trim_start_matches('.'), ", " | " and " | ", and ")
                        };
                        if !joined
                            || !matches!(m.kind, MentionKind::Name | MentionKind::Person)
                            || self.ents.get(m.ent).class != class
                        {
                            break;
                        }
                        items.push((m.start, m.end));
                        prev = m.end;
                    }
                    if (items.len() as f64 - n).abs() < 0.5 {
                        found.push((g.start, g.end, class, items));
                        continue;
                    }
                }
            }
            let Some(colon) = text[g.end..end].find(':').map(|c| g.end + c) else {
                continue;
            };
            let Some(mut items) = list_items(text, colon + 1, end) else {
                continue;
            };
            // People's ages and home towns ("A, 44, of Surrey") say who
            // they are; they are no items.
            if class == EntityClass::Person {
                items.retain(|&(s, e)| {
                    let item = text[s..e].trim();
                    !(item.chars().all(|c| c.is_ascii_digit())
                        || item.starts_with("of ")
                        || item.starts_with("from "))
                });
            }
            // Every item a name: one of the group's class already, or a
            // capitalised run that nothing has typed.
            let fits = items.iter().all(|&(s, e)| {
                let exact = self
                    .mentions
                    .starting_at(s)
                    .find(|m| m.end == e || m.end == e + 1);
                match exact {
                    Some(m) => {
                        matches!(m.kind, MentionKind::Name | MentionKind::Person)
                            && self.ents.get(m.ent).class == class
                    }
                    None => !self.mentions.overlaps(s, e) && capitalised_run(&text[s..e]),
                }
            });
            let counted = g.quantity.as_ref().map(|q| q.value);
            let counts = counted.is_none_or(|n| (n - items.len() as f64).abs() < 0.5);
            if items.len() >= 2 && fits && counts {
                found.push((g.start, g.end, class, items));
            }
        }
        for (s, e, class, items) in found {
            let mut members: Vec<usize> = Vec::new();
            for (is, ie) in items {
                let known = self
                    .mentions
                    .starting_at(is)
                    .find(|m| m.end == ie || m.end == ie + 1)
                    .map(|m| m.ent);
                let ent = match known {
                    Some(ent) => ent,
                    None => {
                        let label = clean_ws(&text[is..ie]);
                        let ent = self.ents.named(self.lex, &label, class);
                        self.add(is, ie, ent, MentionKind::Name);
                        ent
                    }
                };
                if !members.contains(&ent) {
                    members.push(ent);
                }
            }
            // "two Indian companies, A and B": what the group's words say
            // of it (its nationality) is said of each member.
            let said: Vec<Implied> = self
                .implied
                .iter()
                .filter(|i| i.at >= s && i.at < e && i.rule == "group-nationality")
                .map(|i| Implied {
                    quantity: None,
                    ..*i
                })
                .collect();
            self.implied
                .retain(|i| !(i.at >= s && i.at < e && i.rule == "group-nationality"));
            for i in said {
                for &ent in &members {
                    self.implied.push(Implied {
                        subject: ent,
                        quantity: None,
                        ..i
                    });
                }
            }
            self.remove_within(s, e);
            for ent in members {
                self.add(s, e, ent, MentionKind::Pronoun);
            }
        }
    }

    /// "the ports of entry at Nogales, San Ysidro and Calexico": plural
    /// ports followed by the cities they are at stand for each city's port
    /// ("Nogales Port of Entry"); the cities stay cities.
    fn ports_at_places(&mut self) {
        static AT: LazyLock<Regex> =
            LazyLock::new(|| Regex::new(r"^\s+(?:at|in|of)\s+(?:the\s+)?$").expect("ports at"));
        static JOIN: LazyLock<Regex> = LazyLock::new(|| {
            Regex::new(r"^(?:\s*,\s*(?:and\s+|or\s+)?|\s+(?:and|or)\s+)$").expect("port list joint")
        });
        let text = self.text;
        // A city, or one port by name ("San Ysidro"; not "the border").
        let is_place = |e: &crate::entities::Draft| {
            e.class == EntityClass::City
                || e.class == EntityClass::PortOfEntry
                    && ["Port", "Crossing", "Bridge"]
                        .iter()
                        .any(|w| e.label.contains(w))
        };
        // (the ports' span and entity, the places listed after them)
        type Listed = (usize, usize, usize, Vec<(usize, usize, usize)>);
        let mut found: Vec<Listed> = Vec::new();
        let all: Vec<Mention> = self.mentions.iter().cloned().collect();
        for (gi, g) in all.iter().enumerate() {
            if !matches!(g.kind, MentionKind::Group | MentionKind::Name)
                || self.ents.get(g.ent).class != EntityClass::PortOfEntry
            {
                continue;
            }
            let surface = text[g.start..g.end].to_lowercase();
            let plural = surface.starts_with("ports")
                || surface.contains(" ports")
                || surface.ends_with("crossings")
                || surface.starts_with("points of entry");
            if !plural {
                continue;
            }
            // The cities after "at"/"in", joined by commas and "and".
            let mut cities: Vec<(usize, usize, usize)> = Vec::new();
            let mut prev_end = g.end;
            for m in all[gi + 1..].iter() {
                if m.start < prev_end {
                    continue;
                }
                let between = &text[prev_end..m.start];
                let joined = if cities.is_empty() {
                    AT.is_match(between)
                } else {
                    JOIN.is_match(between)
                };
                if !joined || !is_place(self.ents.get(m.ent)) {
                    break;
                }
                cities.push((m.start, m.end, m.ent));
                prev_end = m.end;
            }
            let mut start = g.start;
            // "the Nogales and Lukeville ports of entry": the places before
            // the shared head, the whole phrase standing for the ports.
            if cities.is_empty() {
                let mut next_start = g.start;
                for m in all[..gi].iter().rev() {
                    if m.end > next_start {
                        continue;
                    }
                    let between = &text[m.end..next_start];
                    let joined = if cities.is_empty() {
                        between.trim().is_empty() && !between.contains('\n')
                    } else {
                        JOIN.is_match(between)
                    };
                    if !joined || !is_place(self.ents.get(m.ent)) {
                        break;
                    }
                    cities.insert(0, (m.start, m.end, m.ent));
                    next_start = m.start;
                }
                if cities.len() < 2 {
                    cities.clear();
                }
                start = cities.first().map_or(g.start, |c| c.0);
            }
            if !cities.is_empty() {
                found.push((start, g.end, g.ent, cities));
            }
        }
        for (s, e, group, places) in found {
            let seaports = {
                let head = text[s..e].to_lowercase();
                !head.contains("entry") && !head.contains("crossing")
            };
            let mut ports: Vec<usize> = Vec::new();
            for (ps, pe, place) in places {
                let port = if self.ents.get(place).class == EntityClass::PortOfEntry {
                    place
                } else {
                    // Seaports are "Port of X", border ports "X Port of
                    // Entry".
                    let label = if seaports {
                        format!("Port of {}", self.ents.get(place).label)
                    } else {
                        format!("{} Port of Entry", self.ents.get(place).label)
                    };
                    let port = self.ents.named(self.lex, &label, EntityClass::PortOfEntry);
                    if self.ents.get(port).class != EntityClass::PortOfEntry {
                        continue;
                    }
                    // The city is where its port is, and no longer an
                    // argument of its own ("seized at the ports in A and B"
                    // puts neither port in the other's city).
                    self.implied.push(Implied {
                        subject: port,
                        property: Property::LocatedIn,
                        object: place,
                        at: ps,
                        rule: "port-at-place",
                        quantity: None,
                    });
                    self.remove_within(ps, pe);
                    port
                };
                if !ports.contains(&port) {
                    ports.push(port);
                }
            }
            if ports.is_empty() {
                continue;
            }
            // "the ports in Laredo and El Paso" read as one group in a
            // place is these ports.
            self.implied
                .retain(|i| !(i.subject == group && i.rule == "group-in-place"));
            self.remove_within(s, e);
            for port in ports {
                self.add(s, e, port, MentionKind::Pronoun);
            }
        }
    }

    fn sort(&mut self) {
        self.mentions.compact();
    }

    /// "Hebei Province", "Sinaloa State": the word that says what kind of
    /// region a state is belongs to its mention, so that "Wuhan, Hubei
    /// Province, China" chains as "Wuhan, Hubei, China" does.
    fn region_words(&mut self) {
        static KIND: LazyLock<Regex> = LazyLock::new(|| {
            Regex::new(r"^\s(?:Province|province|State|Prefecture|Region)(?-u:\b)")
                .expect("region word")
        });
        let text = self.text;
        let grow: Vec<(usize, usize, usize)> = self
            .mentions
            .iter_indexed()
            .filter(|(_, m)| {
                m.kind == MentionKind::Name && self.ents.get(m.ent).class == EntityClass::State
            })
            .filter_map(|(k, m)| {
                KIND.find(&text[m.end..])
                    .filter(|w| !self.overlaps(m.end + 1, m.end + w.end()))
                    .map(|w| (k, m.start, m.end + w.end()))
            })
            .collect();
        for (k, s, e) in grow {
            self.set_span(k, s, e);
        }
    }

    /// Pass 1: gazetteer names and demonyms, longest first, no overlaps.
    fn gazetteer(&mut self) {
        let text = self.text;
        // Names are matched with runs of spaces, line breaks and editorial
        // brackets read as one space: "Department of\nState", and a
        // transcript's "[the Department of] State".
        let (norm, map) = squeeze_spaces(text);
        let mut cands: Vec<(usize, usize, usize)> = self
            .lex
            .automaton
            .find_overlapping_iter(&norm)
            .filter_map(|m| {
                let (ns, ne) = (m.start(), m.end());
                let surf = &self.lex.surfaces[m.pattern().as_usize()];
                let last = norm[..ne].chars().next_back()?;
                let (s, e) = (map[ns], map[ne - last.len_utf8()] + last.len_utf8());
                if !boundary_before(text, s) || !boundary_after(text, e) {
                    return None;
                }
                // "U.S." already ends in a period: fine. Others need a clean end.
                let matched = &norm[ns..ne];
                if surf.exact_case && matched != surf.text {
                    return None;
                }
                if surf.capitalised && !matched.starts_with(char::is_uppercase) {
                    return None;
                }
                Some((s, e, m.pattern().as_usize()))
            })
            .collect();
        cands.sort_by_key(|&(s, e, p)| (s, std::cmp::Reverse(e), p));
        let mut last_end = 0;
        for (s, e, p) in cands {
            if s < last_end {
                continue;
            }
            last_end = e;
            let (ent, kind) = match self.lex.surfaces[p].kind {
                SurfaceKind::Name(i) => (self.ents.gazetteer(self.lex, i), MentionKind::Name),
                SurfaceKind::Demonym(i) => (self.ents.gazetteer(self.lex, i), MentionKind::Demonym),
            };
            self.add(s, e, ent, kind);
            // "Mexico's Attorney General's Office" says where the agency is.
            if kind == MentionKind::Name
                && self.ents.get(ent).class == EntityClass::GovernmentAgency
            {
                let owner = text[s..e]
                    .split_once("'s ")
                    .or_else(|| text[s..e].split_once("’s "))
                    .map(|(owner, _)| owner);
                if let Some(entry) = owner.and_then(|o| self.lex.find_name(o)) {
                    if entry.class == EntityClass::Country {
                        let (label, class) = (entry.label.clone(), entry.class);
                        let country = self.ents.named(self.lex, &label, class);
                        self.implied.push(Implied {
                            subject: ent,
                            property: Property::LocatedIn,
                            object: country,
                            at: s,
                            rule: "name-place",
                            quantity: None,
                        });
                    }
                }
            }
        }
        // "the United States Drug Enforcement Administration": a country's
        // name before one of its own agencies is part of the agency's name.
        let merged: Vec<(usize, usize, usize, usize)> = self
            .mentions
            .iter()
            .zip(self.mentions.iter().skip(1))
            .filter(|(c, a)| {
                c.kind == MentionKind::Name
                    && a.kind == MentionKind::Name
                    && text[c.end..a.start] == *" "
                    && self.ents.get(c.ent).class == EntityClass::Country
                    && self.ents.get(a.ent).class == EntityClass::GovernmentAgency
                    && self
                        .lex
                        .entry(&self.ents.get(a.ent).id)
                        .and_then(|e| e.located_in.as_deref())
                        .is_some_and(|p| p == self.ents.get(c.ent).label)
            })
            .map(|(c, a)| (c.start, c.end, a.end, a.ent))
            .collect();
        for (cs, ce, ae, agency) in merged {
            self.remove_within(cs, ce);
            self.remove_within(cs, ae);
            self.add(cs, ae, agency, MentionKind::Name);
        }
        self.sort();
    }

    /// "the Sinaloa and Jalisco cartels", "the Gulf cartel": capitalised
    /// names before "cartel(s)" are cartels, known ones from the gazetteer.
    fn named_cartels(&mut self) {
        static CARTEL: LazyLock<Regex> =
            LazyLock::new(|| Regex::new(r"(?-u:\b)[Cc]artels?(?-u:\b)").expect("cartel"));
        static NAME_BEFORE: LazyLock<Regex> = LazyLock::new(|| {
            Regex::new(r"((?:[A-Z][\p{L}'’\-]+\s+){0,2}[A-Z][\p{L}'’\-]+)\s*$")
                .expect("name before")
        });
        static COORD_BEFORE: LazyLock<Regex> = LazyLock::new(|| {
            Regex::new(r"(?:,\s*and|,|and|or)\s+(?:the\s+)?$").expect("coord before")
        });
        const STOP: &[&str] = &[
            "The", "Both", "Those", "These", "Two", "Three", "Their", "Its", "Our", "A", "An",
            "Of", "And", "In", "Drug", "Major", "Rival", "Powerful", "Biggest", "Largest", "Other",
            "Cartel", "Cartels", "Same", "Several", "Many", "Some", "All", "Such", "Most", "Any",
            "Each", "Every", "Main", "Top", "Violent", "Criminal", "Mexican", "Foreign",
        ];
        let text = self.text;
        let hits: Vec<(usize, usize)> = CARTEL
            .find_iter(text)
            .map(|m| (m.start(), m.end()))
            .collect();
        static NAMES_AFTER: LazyLock<Regex> = LazyLock::new(|| {
            Regex::new(r"^\s*,?\s*(?:the\s+)?([A-Z][\p{L}'’\-]+)((?:\s*(?:,|and|, and)\s+(?:the\s+)?[A-Z][\p{L}'’\-]+)*)").expect("names after")
        });
        static NAME_WORD: LazyLock<Regex> =
            LazyLock::new(|| Regex::new(r"[A-Z][\p{L}'’\-]+").expect("name word"));
        for (cs, ce) in hits.clone() {
            // "both cartels, Gulf and Juárez": names in apposition.
            if !text[cs..ce].ends_with('s') {
                continue;
            }
            let Some(c) = NAMES_AFTER.captures(&text[ce..]) else {
                continue;
            };
            let all = c.get(0).expect("all");
            let words: Vec<(usize, usize)> = NAME_WORD
                .find_iter(&text[ce..ce + all.end()])
                .map(|m| (ce + m.start(), ce + m.end()))
                .collect();
            let known: Vec<(usize, usize, usize)> = words
                .iter()
                .filter_map(|&(ws, we)| {
                    let e = self.lex.find_name(&format!("{} Cartel", &text[ws..we]))?;
                    (e.class == EntityClass::Cartel).then(|| (ws, we, self.lex.by_id[&e.id]))
                })
                .collect();
            if known.len() != words.len() {
                continue;
            }
            for (ws, we, gi) in known {
                let ent = self.ents.gazetteer(self.lex, gi);
                self.mentions.remove_overlapping(ws, we);
                self.add(ws, we, ent, MentionKind::Name);
            }
        }
        for (cs, ce) in hits {
            if self.mentions.overlapping(cs, ce).any(|(_, m)| {
                m.start <= cs && ce <= m.end && self.ents.get(m.ent).class == EntityClass::Cartel
            }) {
                continue;
            }
            // Names, right to left.
            let mut names: Vec<(usize, usize)> = Vec::new();
            let mut end = cs;
            loop {
                let ws = window_start(text, end, 160);
                let Some(c) = NAME_BEFORE.captures(&text[ws..end]) else {
                    break;
                };
                let m1 = c.get(1).expect("name");
                let (gs, ge, gstr) = (ws + m1.start(), ws + m1.end(), m1.as_str());
                // Drop stop words at the front of the name.
                let mut start = gs;
                for w in gstr.split_whitespace() {
                    // "Mexican-based cartels" is a group, not a cartel's name.
                    if STOP.contains(&w)
                        || self.is_demonym(w)
                        || w.ends_with("-based")
                        || w.ends_with("‐based")
                    {
                        start += text[start..].find(w).unwrap_or(0) + w.len();
                        start += text[start..].len() - text[start..].trim_start().len();
                    } else {
                        break;
                    }
                }
                if start >= ge {
                    break;
                }
                names.push((start, ge));
                if start != gs {
                    break;
                }
                let cs2 = window_start(text, start, 40);
                match COORD_BEFORE.find(&text[cs2..start]) {
                    Some(m) => end = cs2 + m.start(),
                    None => break,
                }
            }
            if names.is_empty() {
                continue;
            }
            names.reverse();
            let last = names.len() - 1;
            for (k, &(ns, ne)) in names.iter().enumerate() {
                let name = clean_ws(&text[ns..ne]);
                let ent = match self.lex.find_name(&format!("{name} Cartel")) {
                    Some(e) => self.ents.named(self.lex, &e.label.clone(), e.class),
                    None => match self.lex.find_name(&name) {
                        Some(e) if e.class == EntityClass::Cartel => {
                            self.ents.named(self.lex, &e.label.clone(), e.class)
                        }
                        _ => self.ents.named(
                            self.lex,
                            &format!("{name} Cartel"),
                            EntityClass::Cartel,
                        ),
                    },
                };
                let me = if k == last { ce } else { ne };
                self.mentions.remove_overlapping(ns, me);
                self.add(ns, me, ent, MentionKind::Name);
                if k == last {
                    self.ents.alias(ent, &format!("{name} {}", &text[cs..ce]));
                }
            }
        }
        self.sort();
    }

    fn is_demonym(&self, w: &str) -> bool {
        self.lex
            .surfaces
            .iter()
            .any(|s| matches!(s.kind, SurfaceKind::Demonym(_)) && s.text == w)
    }

    /// The group head starting at `at` (after optional modifiers), if any.
    fn group_head(&self, at: usize) -> Option<(usize, usize)> {
        let mut pos = at;
        let text = self.text;
        for _ in 0..2 {
            let rest = &text[pos..];
            let ws = rest.len() - rest.trim_start().len();
            let rest = rest.trim_start();
            for (gi, g) in self.lex.groups.iter().enumerate() {
                let n = g.surface.len();
                if rest.len() >= n
                    && rest.is_char_boundary(n)
                    && rest[..n].eq_ignore_ascii_case(&g.surface)
                    && boundary_after(rest, n)
                    && (!g.surface.chars().any(char::is_uppercase) || rest[..n] == g.surface)
                {
                    return Some((gi, pos + ws + n));
                }
            }
            // Skip one modifier word.
            let word: String = rest
                .chars()
                .take_while(|c| c.is_alphabetic() || *c == '-')
                .collect();
            if MODIFIERS.contains(&word.to_lowercase().as_str()) && !word.is_empty() {
                pos = pos + ws + word.len();
            } else {
                return None;
            }
        }
        None
    }

    fn group_label(
        &self,
        modifier: &str,
        gi: usize,
        head_text: &str,
    ) -> (String, Option<EntityClass>) {
        let g = &self.lex.groups[gi];
        let head = match g.class {
            Some(
                EntityClass::Cartel | EntityClass::CriminalOrganization | EntityClass::Company,
            ) => g.canonical.clone(),
            _ => clean_ws(head_text),
        };
        (clean_ws(&format!("{modifier} {head}")), g.class)
    }

    /// "Operation Blue Lotus", "Operation Southbound": named operations are
    /// events; "the operation" after one refers to it.
    fn operations(&mut self) {
        static OPERATION: LazyLock<Regex> = LazyLock::new(|| {
            Regex::new(r"(?-u:\b)(?:[Oo]peration|OPERATION)\s+((?:[A-Z][\p{L}'’\-]*)(?:\s+[A-Z][\p{L}'’\-]*){0,2})")
                .expect("operation")
        });
        static THE_OPERATION: LazyLock<Regex> = LazyLock::new(|| {
            Regex::new(
                r"(?-u:\b)(?:[Tt]he|[Tt]his|[Tt]hat)\s+(?:joint\s+|surge\s+)?operation(?-u:\b)",
            )
            .expect("the operation")
        });
        let text = self.text;
        let named: Vec<(usize, usize, String)> = OPERATION
            .captures_iter(text)
            .filter_map(|c| {
                let whole = c.get(0).expect("all");
                // Stop words that begin a clause are not part of the name.
                let name = c[1]
                    .split_whitespace()
                    .take_while(|w| !matches!(*w, "The" | "This" | "In" | "On" | "And" | "A"))
                    .collect::<Vec<_>>()
                    .join(" ");
                if name.is_empty() {
                    return None;
                }
                let end = whole.start() + text[whole.start()..].find(&name)? + name.len();
                Some((whole.start(), end, format!("Operation {name}")))
            })
            .collect();
        let mut events: Vec<(usize, usize)> = Vec::new();
        for (s, e, label) in named {
            if self.overlaps(s, e) {
                continue;
            }
            let ent = self.ents.named(self.lex, &label, EntityClass::Event);
            self.add(s, e, ent, MentionKind::Name);
            events.push((e, ent));
        }
        if events.is_empty() {
            return;
        }
        let refs: Vec<(usize, usize)> = THE_OPERATION
            .find_iter(text)
            .map(|m| (m.start(), m.end()))
            .collect();
        for (s, e) in refs {
            let Some(&(_, ent)) = events
                .iter()
                .rev()
                .find(|(end, _)| *end <= s && s - *end <= 1500)
            else {
                continue;
            };
            if !self.overlaps(s, e) {
                self.add(s, e, ent, MentionKind::Pronoun);
            }
        }
        self.sort();
    }

    /// "the firms that are selling pill presses to Mexico": a bare
    /// group noun defined by its relative clause is a group named by it (up
    /// to the next clause); the mention is the noun, so the clause's verb
    /// still finds it as its subject.
    fn defined_groups(&mut self) {
        static DEFINED: LazyLock<Regex> = LazyLock::new(|| {
            Regex::new(r"(?-u:\b)(?:[Tt]he|[Ss]ome of the|[Tt]hose|[Mm]any of the|[Aa]ll the|[Aa]ll of the)\s+(companies|firms|suppliers|shippers|vendors|exporters|manufacturers|brokers|individuals|networks|organizations|organisations|traffickers|smugglers)\s+(?:that|which|who)\s+(?:(?:are|were|is|was|have been|had been|continue to|still)\s+)*(\w+)(?-u:\b)")
                .expect("defined")
        });
        static CLAUSE_END: LazyLock<Regex> = LazyLock::new(|| {
            Regex::new(
                r#"\s+(?:that|which|who|and then|while|because|so that)(?-u:\b)|[,;.:—–()“”"]"#,
            )
            .expect("clause end")
        });
        let text = self.text;
        let hits: Vec<(usize, usize, usize, String)> = DEFINED
            .captures_iter(text)
            // "the companies that we sanctioned": the group is the object
            // of someone else's clause; no definition of what it does.
            .filter(|c| {
                !matches!(
                    c[2].to_lowercase().as_str(),
                    "we" | "they" | "he" | "she" | "i" | "you" | "it" | "the" | "our" | "their"
                )
            })
            .map(|c| {
                let head = c.get(1).expect("head");
                let clause_from = c.get(0).expect("all").end();
                let end = CLAUSE_END
                    .find(&text[clause_from..])
                    .map_or(text.len(), |m| clause_from + m.start());
                (head.start(), head.end(), end, head.as_str().to_lowercase())
            })
            .collect();
        for (hs, he, end, head) in hits {
            // The clause must name something: its last mention closes the label.
            let Some(last_end) = self
                .mentions
                .starting_in(he, end)
                .map(|(_, m)| m)
                .filter(|m| m.end <= end)
                .map(|m| m.end)
                .max()
            else {
                continue;
            };
            if self.overlaps(hs, he) || last_end - hs > 120 {
                continue;
            }
            let class = match head.as_str() {
                "individuals" => EntityClass::Person,
                "brokers" | "networks" | "organizations" | "organisations" | "traffickers"
                | "smugglers" => EntityClass::CriminalOrganization,
                _ => EntityClass::Company,
            };
            let label = clean_ws(&text[hs..last_end]);
            let e = self.ents.named(self.lex, &label, class);
            self.add(hs, he, e, MentionKind::Group);
        }
        self.sort();
    }

    /// "Xi Jinping … his chemical industry", "China … its shippers": a
    /// possessive before a group head names the group of the country its
    /// owner leads (or the country itself), as a demonym would.
    fn possessive_groups(&mut self) {
        static POSSESSIVE: LazyLock<Regex> = LazyLock::new(|| {
            Regex::new(r"(?-u:\b)(?:[Hh]is|[Hh]er|[Ii]ts)\s").expect("possessive")
        });
        let text = self.text;
        let hits: Vec<(usize, usize, bool)> = POSSESSIVE
            .find_iter(text)
            .map(|m| {
                (
                    m.start(),
                    m.end(),
                    m.as_str().to_lowercase().starts_with("its"),
                )
            })
            .collect();
        for (ps, pe, its) in hits {
            let Some((gi, head_end)) = self.group_head(pe) else {
                continue;
            };
            let g = &self.lex.groups[gi];
            if !matches!(
                g.class,
                Some(EntityClass::Company | EntityClass::CriminalOrganization)
            ) || self.overlaps(pe, head_end)
            {
                continue;
            }
            // The owner: for "his"/"her" the last person named within reach
            // who leads a country; for "its" the last country named.
            let window = window_start(text, ps, 300);
            // Look back within the window only.
            let country = self
                .mentions
                .starting_in(window, ps)
                .rev()
                .map(|(_, m)| m)
                .filter(|m| m.end <= ps)
                .find_map(|m| {
                    let e = self.ents.get(m.ent);
                    if its {
                        (e.class == EntityClass::Country && !is_region(&e.label)).then_some(m.ent)
                    } else if e.class == EntityClass::Person {
                        e.org
                            .filter(|&o| self.ents.get(o).class == EntityClass::Country)
                    } else {
                        None
                    }
                });
            let Some(country) = country else {
                continue;
            };
            let Some(demonym) = self
                .lex
                .entry(&self.ents.get(country).id)
                .and_then(|e| e.demonyms.first().cloned())
            else {
                continue;
            };
            let head_text = text[pe..head_end].to_string();
            let (label, class) = self.group_label(&demonym, gi, &head_text);
            let Some(class) = class else { continue };
            let e = self.ents.named(self.lex, &label, class);
            self.ents.alias(e, &text[ps..head_end]);
            self.remove_within(pe, head_end);
            self.add(pe, head_end, e, MentionKind::Group);
        }
        self.sort();
    }

    /// Pass 2: "<demonym|place-based|number> <group head>" and
    /// "<group head> in <place>".
    fn groups(&mut self) {
        static BASED: LazyLock<Regex> =
            LazyLock::new(|| Regex::new(r"^-based(?-u:\b)").expect("based"));
        static NUMBER_BEFORE: LazyLock<Regex> = LazyLock::new(|| {
            // Within a paragraph: "Review 2023\n\nChinese suppliers" counts
            // nothing (a wrapped line's single newline is a space).
            Regex::new(&format!(
                r"(?i)(?-u:\b)({NUMBER_WORD})(?:[ \t]+|[ \t]*\r?\n[ \t]*)$"
            ))
            .expect("number before")
        });
        let snapshot: Vec<Mention> = self.mentions.iter().cloned().collect();
        for m in &snapshot {
            let class = self.ents.get(m.ent).class;
            let country_like = matches!(
                class,
                EntityClass::Country | EntityClass::State | EntityClass::City
            );
            if !country_like {
                continue;
            }
            let (modifier_end, modifier) = match m.kind {
                // "Chinese shippers", and the loose "Chinese-based shippers".
                MentionKind::Demonym => match BASED.find(&self.text[m.end..]) {
                    Some(b) => (
                        m.end + b.end(),
                        self.text[m.start..m.end + b.end()].to_string(),
                    ),
                    None => (m.end, self.text[m.start..m.end].to_string()),
                },
                MentionKind::Name => match BASED.find(&self.text[m.end..]) {
                    Some(b) => (
                        m.end + b.end(),
                        self.text[m.start..m.end + b.end()].to_string(),
                    ),
                    None if class == EntityClass::Country => {
                        (m.end, self.text[m.start..m.end].to_string())
                    }
                    None => continue,
                },
                _ => continue,
            };
            let Some((gi, head_end)) = self.group_head(modifier_end) else {
                continue;
            };
            // "Mexican cartel leaders": people of the group, not the group.
            static MEMBERS: LazyLock<Regex> = LazyLock::new(|| {
                Regex::new(r"^\s+(?:leaders?|members?|bosses|boss|associates?|operatives?|kingpins?|lieutenants?|chemists?|facilitators?|sicarios|enforcers?|figures?|heads?)(?-u:\b)").expect("members")
            });
            if let Some(mm) = MEMBERS.find(&self.text[head_end..]) {
                let end = head_end + mm.end();
                let label = clean_ws(&self.text[m.start..end]);
                self.remove_within(m.start, end);
                let g = self.ents.named(self.lex, &label, EntityClass::Person);
                self.add(m.start, end, g, MentionKind::Group);
                continue;
            }
            let head_text = self.text[modifier_end..head_end].trim().to_string();
            let head_word = self.lex.groups[gi].surface.clone();
            let (label, gclass) = self.group_label(&modifier, gi, &head_word);
            let _ = head_text;
            // A number right before makes a distinct, counted group.
            let ws = window_start(self.text, m.start, 40);
            let (start, label, count) = match NUMBER_BEFORE.captures(&self.text[ws..m.start]) {
                Some(c) if gclass.is_some() => {
                    let n = c.get(1).expect("n");
                    (
                        ws + n.start(),
                        format!("{} {label}", n.as_str()),
                        number_value(n.as_str()),
                    )
                }
                _ => (m.start, label, None),
            };
            self.remove_within(start, head_end);
            // "a Chinese national Carlos": the person named after the head.
            if gclass == Some(EntityClass::Person) && !head_word.ends_with('s') {
                static NAME_AFTER: LazyLock<Regex> = LazyLock::new(|| {
                    Regex::new(r"^\s+([A-Z][\p{L}'’\-]+(?:\s+[A-Z][\p{L}'’\-]+){0,2})")
                        .expect("name after")
                });
                if let Some(c) = NAME_AFTER.captures(&self.text[head_end..]) {
                    let n = c.get(1).expect("name");
                    let (ns, ne) = (head_end + n.start(), head_end + n.end());
                    if !self.overlaps(ns, ne) {
                        let name = clean_ws(n.as_str());
                        let p = self.ents.named(self.lex, &name, EntityClass::Person);
                        self.remove_within(start, ne);
                        self.add(ns, ne, p, MentionKind::Person);
                        continue;
                    }
                }
            }
            match gclass {
                None => {
                    let k = self.add(start, head_end, m.ent, MentionKind::Name);
                    let _ = k;
                }
                Some(c) => {
                    let g = self.ents.named(self.lex, &label, c);
                    let k = self.add(start, head_end, g, MentionKind::Group);
                    // "four Chinese companies" counts companies.
                    self.mentions[k].quantity = count.map(|value| Quantity {
                        value,
                        unit: head_word
                            .rsplit(' ')
                            .next()
                            .unwrap_or_default()
                            .to_lowercase(),
                        out_of: None,
                    });
                    if c == EntityClass::Company {
                        self.implied.push(Implied {
                            subject: g,
                            property: Property::LocatedIn,
                            object: m.ent,
                            at: start,
                            rule: "group-nationality",
                            quantity: None,
                        });
                    }
                    // "Chinese individuals and manufacturers": the demonym
                    // distributes over a coordinated head.
                    static AND_HEAD: LazyLock<Regex> =
                        LazyLock::new(|| Regex::new(r"^\s*(?:,|and|or|, and)\s+").expect("and"));
                    if let Some(a) = AND_HEAD.find(&self.text[head_end..]) {
                        let mut at = head_end + a.end();
                        // "Mexican law enforcement and the military": only a
                        // government body takes the demonym across "the".
                        if self.text[at..].starts_with("the ") {
                            let after = at + 4;
                            if self.group_head(after).is_some_and(|(g, _)| {
                                self.lex.groups[g].class == Some(EntityClass::GovernmentAgency)
                            }) {
                                at = after;
                            }
                        }
                        if let Some((g2, end2)) = self.group_head(at) {
                            if !self.overlaps(at, end2) {
                                let surface = self.lex.groups[g2].surface.clone();
                                let (label2, c2) = self.group_label(&modifier, g2, &surface);
                                if let Some(c2) = c2 {
                                    let e2 = self.ents.named(self.lex, &label2, c2);
                                    self.add(at, end2, e2, MentionKind::Group);
                                    self.ents.alias(e2, &self.text[at..end2]);
                                }
                            }
                        }
                    }
                }
            }
        }
        self.sort();
        self.groups_with_place();
        self.counted_groups();
        self.bare_cartels();
        self.officers();
        self.charged_people();
    }

    /// "cartels in Mexico", "precursor chemical companies in China",
    /// "a district court in Houston".
    fn groups_with_place(&mut self) {
        static IN_PLACE: LazyLock<Regex> = LazyLock::new(|| {
            Regex::new(r"^\s+(?:(?:mostly|mainly|largely|based|located|operating)\s+)?(?:in|from)\s+(?:the\s+)?$").expect("in place")
        });
        let text = self.text;
        let snapshot: Vec<Mention> = self.mentions.iter().cloned().collect();
        let lex = self.lex;
        let present = lex.group_set.matches(text);
        for (gi, g) in lex.groups.iter().enumerate() {
            let Some(class) = g.class else { continue };
            if !present.matched(gi) {
                continue;
            }
            for hit in lex.group_regexes[gi].find_iter(text) {
                // A substance named inside the head ("precursor chemical
                // companies") gives way to the group.
                let inner_substance = |m: &Mention| {
                    m.start >= hit.start()
                        && m.end <= hit.end()
                        && self.ents.get(m.ent).class.is_substance()
                };
                if self.overlaps(hit.start(), hit.end())
                    && self
                        .mentions
                        .overlapping(hit.start(), hit.end())
                        .any(|(_, m)| !inner_substance(m))
                {
                    continue;
                }
                // "both cartels in Mexico" points back to cartels named before.
                if ANAPHORIC.is_match(&text[window_start(text, hit.start(), 40)..hit.start()]) {
                    continue;
                }
                // "arrested the suspect in Tijuana": one person named before,
                // and the place is where it happened.
                let before = text[window_start(text, hit.start(), 8)..hit.start()].to_lowercase();
                if class == EntityClass::Person
                    && !hit.as_str().ends_with('s')
                    && (before.ends_with("the ")
                        || before.ends_with("this ")
                        || before.ends_with("that "))
                {
                    continue;
                }
                // The place mention that follows "in" (the snapshot is
                // sorted by start: look only from the head's end).
                let after_hit = snapshot.partition_point(|m| m.start < hit.end());
                let Some(place) = snapshot[after_hit..]
                    .iter()
                    .take_while(|m| m.start - hit.end() <= 40)
                    .find(|m| {
                        m.start >= hit.end()
                            && m.start - hit.end() <= 40
                            && matches!(
                                self.ents.get(m.ent).class,
                                EntityClass::Country | EntityClass::State | EntityClass::City
                            )
                            && m.kind == MentionKind::Name
                            && IN_PLACE.is_match(&text[hit.end()..m.start])
                    })
                else {
                    continue;
                };
                // "precursor chemical suppliers in China": the substance
                // that qualifies the head is part of the group's name.
                let before_hit = snapshot.partition_point(|m| m.start < hit.start());
                let qualifier = snapshot[..before_hit].iter().rev().take(8).find(|m| {
                    m.end <= hit.start()
                        && text[m.end..hit.start()].trim().is_empty()
                        && self.ents.get(m.ent).class.is_substance()
                });
                // "in China and Guatemala": every place coordinated after it.
                let mut places = vec![place.clone()];
                loop {
                    let last = places.last().expect("one place").end;
                    let from = snapshot.partition_point(|m| m.start < last);
                    let Some(next) = snapshot[from..].iter().take(4).find(|m| {
                        m.start >= last
                            && self.ents.get(m.ent).class.is_place()
                            && m.kind == MentionKind::Name
                            && COORDINATED.is_match(&text[last..m.start])
                    }) else {
                        break;
                    };
                    places.push(next.clone());
                }
                // "Apex Co., a chemical company in Wuhan, China": one firm
                // described, not a group; the name is in the place.
                static APPOSED_A: LazyLock<Regex> = LazyLock::new(|| {
                    Regex::new(r",\s+an?\s+(?:[\p{Ll}\-]+\s+){0,3}$").expect("apposed a")
                });
                let ws = window_start(text, hit.start(), 60);
                if let Some(a) = APPOSED_A.find(&text[ws..hit.start()]) {
                    let comma = ws + a.start();
                    let named = snapshot[..snapshot.partition_point(|m| m.start < comma)]
                        .iter()
                        .rev()
                        .find(|m| {
                            // "X Co., Ltd. (Tianrun), a chemical company":
                            // past the name's short form in parentheses.
                            let between = text.get(m.end..comma).unwrap_or("x").trim();
                            (between.is_empty()
                                || between == "."
                                || between.starts_with('(')
                                    && between.ends_with(')')
                                    && between.len() < 40
                                    && between.matches('(').count() == 1)
                                && m.end <= comma
                                && matches!(m.kind, MentionKind::Name | MentionKind::Person)
                                && self.ents.get(m.ent).class == class
                        });
                    if let Some(n) = named {
                        // "in Wuhan, China" is in Wuhan; "in Peru and
                        // Chile" in both.
                        let mut located = vec![place.ent];
                        for w in places.windows(2) {
                            if !text[w[0].end..w[1].start].contains(" and ") {
                                break;
                            }
                            located.push(w[1].ent);
                        }
                        for p in located {
                            self.implied.push(Implied {
                                subject: n.ent,
                                property: Property::LocatedIn,
                                object: p,
                                at: hit.start(),
                                rule: "apposition-place",
                                quantity: None,
                            });
                        }
                        self.add(hit.start(), hit.end(), n.ent, MentionKind::Pronoun);
                        continue;
                    }
                }
                let place_ent = place.ent;
                let place_label = self.ents.get(place_ent).label.clone();
                let demonym = self
                    .lex
                    .entry(&self.ents.get(place_ent).id)
                    .and_then(|e| e.demonyms.first().cloned());
                // Include modifiers before the head ("precursor chemical
                // companies"), and a count ("13 entities based in Mexico").
                static COUNT_BEFORE: LazyLock<Regex> = LazyLock::new(|| {
                    Regex::new(&format!(r"(?i)(?-u:\b)((?:(?:over|more than|nearly|about|at least|some|roughly)\s+)?{NUMBER_WORD})\s+$"))
                        .expect("count before")
                });
                let ws = window_start(text, hit.start(), 30);
                let count = COUNT_BEFORE
                    .captures(&text[ws..hit.start()])
                    .map(|c| (ws + c.get(1).expect("n").start(), number_value(&c[1])));
                let start = match count {
                    Some((n, Some(_))) if !self.overlaps(n, hit.start()) => n,
                    _ => hit.start(),
                };
                let label = match (class, demonym) {
                    (
                        EntityClass::Cartel
                        | EntityClass::CriminalOrganization
                        | EntityClass::Company,
                        Some(d),
                    ) if places.len() == 1 => {
                        format!("{d} {}", g.canonical)
                    }
                    // Several places: as written, "precursor chemical
                    // suppliers in China and Guatemala".
                    _ if places.len() > 1 => clean_ws(
                        &text[qualifier.map_or(start, |q| q.start)
                            ..places.last().expect("one place").end],
                    ),
                    // As written: "individual based in Guatemala", "federal court in Los Angeles".
                    _ => {
                        let _ = &place_label;
                        clean_ws(&text[start..place.end])
                    }
                };
                let _ = gi;
                let e = self.ents.named(self.lex, &label, class);
                let end = place.end;
                self.ents.alias(e, &text[start..end]);
                if let Some(q) = qualifier {
                    self.ents.alias(e, &text[q.start..hit.end()]);
                }
                // "a powerful trafficking group in Honduras, the Cachiros":
                // the organisation in apposition acts in the place.
                let last = places.last().expect("one place").end;
                let apposed = snapshot.iter().find(|m| {
                    m.start >= last
                        && matches!(
                            self.ents.get(m.ent).class,
                            EntityClass::Cartel | EntityClass::CriminalOrganization
                        )
                        && m.kind == MentionKind::Name
                        && APPOSED.is_match(&text[last..m.start])
                });
                if let (Some(a), true) = (
                    apposed,
                    matches!(
                        class,
                        EntityClass::Cartel | EntityClass::CriminalOrganization
                    ),
                ) {
                    for p in &places {
                        self.implied.push(Implied {
                            subject: a.ent,
                            property: Property::OperatesIn,
                            object: p.ent,
                            at: start,
                            rule: "apposed-group-in-place",
                            quantity: None,
                        });
                    }
                }
                // "precursor chemical companies in China": firms named by the
                // substance they trade supply it.
                if class == EntityClass::Company {
                    let traded = snapshot
                        .iter()
                        .find(|m| {
                            m.start >= hit.start()
                                && m.end <= hit.end()
                                && self.ents.get(m.ent).class.is_substance()
                        })
                        .or(qualifier)
                        .map(|m| m.ent);
                    if let Some(t) = traded {
                        self.implied.push(Implied {
                            subject: e,
                            property: Property::Supplies,
                            object: t,
                            at: start,
                            rule: "substance-trade-group",
                            quantity: None,
                        });
                    }
                }
                self.remove_within(start, end);
                let k = self.add(start, hit.end(), e, MentionKind::Group);
                if start < hit.start() {
                    self.mentions[k].quantity = count.and_then(|(_, v)| v).map(|value| Quantity {
                        value,
                        unit: g
                            .canonical
                            .rsplit(' ')
                            .next()
                            .unwrap_or_default()
                            .to_string(),
                        out_of: None,
                    });
                }
                self.push_mention(place.clone());
                for extra in places.iter().skip(1) {
                    if matches!(
                        class,
                        EntityClass::Company
                            | EntityClass::CriminalOrganization
                            | EntityClass::GovernmentAgency
                            | EntityClass::Cartel
                    ) {
                        self.implied.push(Implied {
                            subject: e,
                            property: if class == EntityClass::Cartel {
                                Property::OperatesIn
                            } else {
                                Property::LocatedIn
                            },
                            object: extra.ent,
                            at: start,
                            rule: "group-in-place",
                            quantity: None,
                        });
                    }
                }
                if matches!(
                    class,
                    EntityClass::Company
                        | EntityClass::CriminalOrganization
                        | EntityClass::GovernmentAgency
                        | EntityClass::Cartel
                        | EntityClass::PortOfEntry
                ) {
                    self.implied.push(Implied {
                        subject: e,
                        // Cartels act where they are; companies and others are based there.
                        property: if class == EntityClass::Cartel {
                            Property::OperatesIn
                        } else {
                            Property::LocatedIn
                        },
                        object: place_ent,
                        at: start,
                        rule: "group-in-place",
                        quantity: None,
                    });
                }
            }
        }
        self.sort();
    }

    /// "border officials", "U.S. border agents": officers named by their
    /// post are an agency's people, not the place of the post.
    fn officers(&mut self) {
        static OFFICERS: LazyLock<Regex> = LazyLock::new(|| {
            Regex::new(r"(?-u:\b)(?:U\.S\.\s+)?(?:[Bb]order|[Cc]ustoms|[Pp]ort)\s+(?:officials|agents|officers|inspectors)(?-u:\b)").expect("officers")
        });
        let text = self.text;
        let officers: Vec<(usize, usize)> = OFFICERS
            .find_iter(text)
            .map(|m| (m.start(), m.end()))
            .collect();
        for (s, e) in officers {
            // A place inside the phrase ("border") yields to the officers.
            let only_places = self
                .mentions
                .overlapping(s, e)
                .all(|(_, m)| m.start >= s && m.end <= e && self.ents.get(m.ent).class.is_place());
            if only_places {
                self.remove_within(s, e);
                let g = self.ents.named(
                    self.lex,
                    &clean_ws(&text[s..e]),
                    EntityClass::GovernmentAgency,
                );
                self.add(s, e, g, MentionKind::Group);
            }
        }
        self.sort();
    }

    /// "another charged individual", "one of the indicted defendants": the
    /// people of a case, named by what happened to them.
    fn charged_people(&mut self) {
        static CHARGED: LazyLock<Regex> = LazyLock::new(|| {
            Regex::new(r"(?i)(?-u:\b)(?:another|an|a|one of the|two of the|three of the)\s+(?:charged|accused|indicted|wanted|extradited|sanctioned)\s+(?:individuals?|defendants?|suspects?|persons?|men|women|people)(?-u:\b)").expect("charged")
        });
        let text = self.text;
        let hits: Vec<(usize, usize)> = CHARGED
            .find_iter(text)
            .map(|m| (m.start(), m.end()))
            .collect();
        for (s, e) in hits {
            if self.overlaps(s, e) {
                continue;
            }
            let label = clean_ws(&text[s..e]);
            let label = label
                .strip_prefix("an ")
                .or_else(|| label.strip_prefix("a "))
                .unwrap_or(&label)
                .to_string();
            let p = self.ents.named(self.lex, &label, EntityClass::Person);
            self.add(s, e, p, MentionKind::Group);
        }
        self.sort();
    }

    /// A bare "drug cartels" (no demonym, no article pointing back) names
    /// cartels in general.
    fn bare_cartels(&mut self) {
        static BARE: LazyLock<Regex> =
            LazyLock::new(|| Regex::new(r"(?i)(?-u:\b)drug cartels(?-u:\b)").expect("bare"));
        static ARTICLE: LazyLock<Regex> = LazyLock::new(|| {
            Regex::new(r"(?i)(?-u:\b)(?:the|their|its|our|these|those|both|two)\s+$")
                .expect("article")
        });
        let text = self.text;
        let hits: Vec<(usize, usize)> =
            BARE.find_iter(text).map(|m| (m.start(), m.end())).collect();
        for (s, e) in hits {
            let before = &text[window_start(text, s, 40)..s];
            if self.overlaps(s, e) || ANAPHORIC.is_match(before) || ARTICLE.is_match(before) {
                continue;
            }
            let g = self
                .ents
                .named(self.lex, "drug cartels", EntityClass::Cartel);
            self.add(s, e, g, MentionKind::Group);
        }
        self.sort();
    }

    /// "eight individuals", "more than 40 countries".
    fn counted_groups(&mut self) {
        let text = self.text;
        // "countries in Eastern Southeast Asia": the countries of a region,
        // one group named as written.
        static COUNTRIES_IN: LazyLock<Regex> = LazyLock::new(|| {
            Regex::new(r"(?-u:\b)[Cc]ountries\s+(?:in|of|across|throughout)\s+(?:the\s+)?((?:[A-Z][\p{L}\-]+\s+){0,2})")
                .expect("countries in")
        });
        let found: Vec<(usize, usize)> = COUNTRIES_IN
            .captures_iter(text)
            .filter_map(|c| {
                let whole = c.get(0).expect("whole");
                let words = c.get(1).expect("words").start();
                let place = self
                    .mentions
                    .starting_in(words, whole.end() + 1)
                    .map(|(_, m)| m)
                    .find(|m| self.ents.get(m.ent).class == EntityClass::Country)?;
                Some((whole.start(), place.end))
            })
            .collect();
        for (s, e) in found {
            if self
                .mentions
                .overlapping(s, e)
                .any(|(_, m)| m.kind != MentionKind::Name)
            {
                continue;
            }
            let label = clean_ws(&text[s..e]);
            let g = self.ents.named(self.lex, &label, EntityClass::Country);
            self.remove_within(s, e);
            self.add(s, e, g, MentionKind::Group);
        }
        for c in COUNTED_PLACES.captures_iter(text) {
            let whole = c.get(0).expect("whole");
            let core = c.get(1).expect("core");
            // "the two countries", "these three nations" point back; a
            // count after a determiner is no new group.
            let before = text[..whole.start()].trim_end();
            let last_word = before
                .rsplit(|ch: char| !ch.is_alphanumeric())
                .next()
                .unwrap_or("");
            let definite = ["the", "these", "those", "both"]
                .iter()
                .any(|d| last_word.eq_ignore_ascii_case(d));
            if definite || self.overlaps(whole.start(), whole.end()) {
                continue;
            }
            let label = clean_ws(core.as_str());
            let e = self.ents.named(self.lex, &label, EntityClass::Country);
            self.ents.alias(e, whole.as_str());
            let k = self.add(whole.start(), whole.end(), e, MentionKind::Group);
            self.mentions[k].quantity =
                number_value(c.get(2).expect("n").as_str()).map(|v| Quantity {
                    value: v,
                    unit: "countries".into(),
                    out_of: None,
                });
        }
        static NUMBER: LazyLock<Regex> = LazyLock::new(|| {
            Regex::new(&format!(
                    r"(?i)(?-u:\b)((?:(?:over|more than|nearly|about|at least|some|roughly)\s+)?(?:{NUMBER_WORD}|two dozen|three dozen|dozens of|hundreds of|thousands of))\s+(?:(?:high-level|senior|other|additional|more)\s+)?$"
                ))
                .expect("number")
        });
        let number = &*NUMBER;
        let lex = self.lex;
        let present = lex.group_set.matches(text);
        for (gi, g) in lex.groups.iter().enumerate() {
            let Some(class) = g.class else { continue };
            if !matches!(
                class,
                EntityClass::Person | EntityClass::Company | EntityClass::CriminalOrganization
            ) {
                continue;
            }
            if !present.matched(gi) {
                continue;
            }
            for hit in lex.group_regexes[gi].find_iter(text) {
                if self.overlaps(hit.start(), hit.end()) {
                    continue;
                }
                let ws = window_start(text, hit.start(), 48);
                let Some(n) = number.captures(&text[ws..hit.start()]) else {
                    continue;
                };
                let nm = n.get(1).expect("n");
                let start = ws + nm.start();
                if !text.is_char_boundary(start) || self.overlaps(start, hit.end()) {
                    continue;
                }
                // "over 300 persons and entities": one counted group.
                static AND_KIND: LazyLock<Regex> = LazyLock::new(|| {
                    Regex::new(r"^\s+(?:and|or)\s+(?:entities|companies|individuals|organizations|organisations|businesses|firms)(?-u:\b)")
                        .expect("and kind")
                });
                let end = AND_KIND
                    .find(&text[hit.end()..])
                    .map_or(hit.end(), |a| hit.end() + a.end());
                if end > hit.end() && self.overlaps(hit.end(), end) {
                    continue;
                }
                let label = clean_ws(&text[start..end]);
                let e = self.ents.named(self.lex, &label, class);
                let k = self.add(start, end, e, MentionKind::Group);
                // "two companies", "over two dozen defendants": the count,
                // in the group's head noun ("dozens of" counts nothing).
                self.mentions[k].quantity = number_value(nm.as_str()).map(|v| Quantity {
                    value: v,
                    unit: label.rsplit(' ').next().unwrap_or_default().to_lowercase(),
                    out_of: None,
                });
            }
        }
        self.sort();
    }

    /// "19 of 32 Mexican states": a count of a country's states.
    fn state_counts(&mut self) {
        static STATES: LazyLock<Regex> =
            LazyLock::new(|| Regex::new(r"^\s+states(?-u:\b)").expect("states"));
        for k in 0..self.mentions.slots() {
            if !self.mentions.is_live(k) {
                continue;
            }
            let m = self.mentions[k].clone();
            if m.kind != MentionKind::Demonym && m.kind != MentionKind::Name {
                continue;
            }
            if self.ents.get(m.ent).class != EntityClass::Country {
                continue;
            }
            // "12 of Mexico's 32 states": the count is the country's.
            static OWN_STATES: LazyLock<Regex> = LazyLock::new(|| {
                Regex::new(r"^['’]s\s+(\d+)\s+states(?-u:\b)").expect("own states")
            });
            static COUNT_OF: LazyLock<Regex> = LazyLock::new(|| {
                Regex::new(r"(?-u:\b)(\d+)\s+(?:of|out of)\s+$").expect("count of")
            });
            if let Some(own) = OWN_STATES.captures(&self.text[m.end..]) {
                let ws = window_start(self.text, m.start, 20);
                if let Some(c) = COUNT_OF.captures(&self.text[ws..m.start]) {
                    let start = ws + c.get(0).expect("all").start();
                    self.set_span(k, start, m.end + own.get(0).expect("all").end());
                    self.mentions[k].quantity = Some(Quantity {
                        value: number_value(&c[1]).unwrap_or(0.0),
                        unit: "states".into(),
                        out_of: number_value(&own[1]),
                    });
                    continue;
                }
            }
            let Some(st) = STATES.find(&self.text[m.end..]) else {
                continue;
            };
            let ws = window_start(self.text, m.start, 40);
            if let Some(c) = PART_OF.captures(&self.text[ws..m.start]) {
                let start = ws + c.get(0).expect("all").start();
                self.set_span(k, start, m.end + st.end());
                self.mentions[k].quantity = Some(Quantity {
                    value: number_value(&c[1]).unwrap_or(0.0),
                    unit: "states".into(),
                    out_of: number_value(&c[2]),
                });
            }
        }
    }

    /// Pass 3: people, from titles ("Administrator Milgram", "Chinese
    /// President Xi Jinping"), speech verbs ("said Mike Vigil") and turn
    /// headers; then their bare surnames.
    fn people(&mut self, turn_names: &[(usize, usize)]) {
        let text = self.text;
        let re = &self.lex.title_regex;
        let mut found: Vec<PersonCandidate> = Vec::new();
        let mut at = 0;
        while let Some(c) = re.captures_at(text, at) {
            at = c.get(0).expect("match").end();
            let title = c.get(1).expect("title");
            let name = c.get(3).expect("name");
            let (mut name_start, mut name_end, mut name_str) =
                trim_name(text, name.start(), name.end());
            // "Secretary of Public Works Ana María Ruiz": the organisation
            // runs into the name; split it.
            let mut org: Option<String> = None;
            if let Some(o) = c.get(2) {
                let tokens: Vec<(usize, usize)> = token_spans(text, o.start(), name_end);
                let word = |i: usize| &text[tokens[i].0..tokens[i].1];
                // A rank or a second title inside ends the organisation:
                // "Secretary of the Navy Admiral Jorge Ruiz and ...".
                let stop = (1..tokens.len()).find(|&j| {
                    INNER_TITLES.contains(&word(j))
                        || (word(j) == "and"
                            && j + 1 < tokens.len()
                            && self.is_title_word(word(j + 1)))
                });
                let split = match stop {
                    Some(j) if word(j) != "and" => {
                        let first = (j..tokens.len()).find(|&i| !INNER_TITLES.contains(&word(i)));
                        first.map(|f| (j, f, (f + 3).min(tokens.len())))
                    }
                    Some(j) => {
                        // "... Sandoval and Secretary ...": the name ends before "and".
                        let n = j;
                        (n >= 3).then(|| {
                            let k = if n >= 4
                                && !is_org_word(word(n - 3))
                                && word(n - 3).starts_with(char::is_uppercase)
                            {
                                3
                            } else {
                                2
                            };
                            (n - k, n - k, n)
                        })
                    }
                    None if tokens.len() >= 3 => {
                        let n = tokens.len();
                        let k = if n >= 4
                            && !is_org_word(word(n - 3))
                            && word(n - 3).starts_with(char::is_uppercase)
                        {
                            3
                        } else {
                            2
                        };
                        Some((n - k, n - k, n))
                    }
                    None => None,
                };
                if let Some((org_end, ns, ne)) = split {
                    let org_words: Vec<&str> = (0..org_end)
                        .map(word)
                        .filter(|w| !INNER_TITLES.contains(w))
                        .collect();
                    let name_words: Vec<&str> = (ns..ne)
                        .map(word)
                        .take_while(|w| w.starts_with(char::is_uppercase) && *w != "and")
                        .collect();
                    if !org_words.is_empty() && name_words.len() >= 2 {
                        org = Some(clean_ws(&org_words.join(" ")));
                        name_start = tokens[ns].0;
                        name_end = tokens[ns + name_words.len() - 1].1;
                        name_str = clean_ws(&text[name_start..name_end]);
                    }
                } else if name.start() > o.end() {
                    org = Some(clean_ws(o.as_str()));
                }
            }
            // "the leader of Los Zetas": an article is no organisation, and
            // what follows it is the group's name, not a person's.
            if org
                .as_deref()
                .is_some_and(|o| matches!(o, "Los" | "Las" | "La" | "El" | "Les" | "Le"))
            {
                continue;
            }
            // A shortened name gives the rest of the match back to the search.
            at = at.min(name_end.max(title.end()));
            if name_str.is_empty() || self.overlaps(name_start, name_end) {
                continue;
            }
            // "the founder of Apex Chemical Co.": what follows the title is
            // the organisation, no person; nor is the last word of "Attorney
            // for the Western District".
            if names::ends_in_org_suffix(&name_str)
                || name_str.split_whitespace().last().is_some_and(is_org_word)
                || name_str.split_whitespace().any(names::never_a_name)
                || !name_str.contains(' ')
                    && (names::is_organisation_suffix(&name_str)
                        || matches!(
                            name_str.as_str(),
                            "District"
                                | "Division"
                                | "Region"
                                | "Circuit"
                                | "County"
                                | "Province"
                                | "Court"
                                | "States"
                                | "Republic"
                                | "Kingdom"
                        ))
            {
                continue;
            }
            // "the Attorney General's Office" is an agency, not a person
            // named "General".
            static HOLDERS_OFFICE: LazyLock<Regex> = LazyLock::new(|| {
                Regex::new(r"^['’]s\s+(?:Office|Department|Bureau|Ministry|Secretariat)(?-u:\b)")
                    .expect("holder's office")
            });
            if HOLDERS_OFFICE.is_match(&text[name_end..]) {
                continue;
            }
            let t = self
                .lex
                .titles
                .iter()
                .position(|t| t.text == title.as_str())
                .unwrap_or(0);
            // "Deputy Directors Ana Ruiz and Tom Baker": a plural title
            // applies to each coordinated name.
            static AND_NAME: LazyLock<Regex> = LazyLock::new(|| {
                Regex::new(r"^,?\s+and\s+([A-Z][\p{L}'’\-]+(?:\s+[A-Z][\p{L}'’\-]+){1,2})(?-u:\b)")
                    .expect("and name")
            });
            let plural = title.as_str().ends_with('s') && !title.as_str().ends_with("ss");
            let second = AND_NAME
                .captures(&text[name_end..])
                .filter(|_| plural)
                .map(|c| {
                    let n = c.get(1).expect("name");
                    trim_name(text, name_end + n.start(), name_end + n.end())
                })
                .filter(|(s2, e2, n2)| !n2.is_empty() && !self.overlaps(*s2, *e2));
            found.push(PersonCandidate {
                start: name_start,
                end: name_end,
                name: name_str,
                title: Some(t),
                title_span: Some((title.start(), title.end())),
                org: org.clone(),
                // "its leader, Ana Ruiz": a title set off by a comma is an
                // apposition, not part of the name's mention.
                title_in_mention: !text[title.end()..name_start].contains(','),
            });
            if let Some((s2, e2, n2)) = second {
                at = at.max(e2);
                found.push(PersonCandidate {
                    start: s2,
                    end: e2,
                    name: n2,
                    title: Some(t),
                    title_span: Some((title.start(), title.end())),
                    org,
                    title_in_mention: false,
                });
            }
        }
        // (the name, and whether a verb of saying follows it)
        let spoken = SPEECH_NAME.captures_iter(text).filter_map(|c| {
            let name = c.get(1).or_else(|| c.get(2)).or_else(|| c.get(3))?;
            Some((name, c.get(2).is_some()))
        });
        let named = (text.contains(" named ") || text.contains(" called "))
            .then(|| NAMED_PERSON.captures_iter(text))
            .into_iter()
            .flatten()
            .filter(|c| names::is_role_word(&c[1]))
            .filter_map(|c| Some((c.get(2)?, false)));
        for (name, before_saying) in spoken.chain(named) {
            let (s, e, n) = trim_name(text, name.start(), name.end());
            let single = n.split_whitespace().count() < 2;
            // "laundered by Golden Crane Trading LLC": a firm, not a byline;
            // so is "received by Operadora Rivera, S.A. de C.V.".
            let next_word = text[e..]
                .trim_start_matches(',')
                .split_whitespace()
                .next()
                .unwrap_or("");
            let organisation = n
                .split_whitespace()
                .last()
                .is_some_and(names::is_organisation_suffix)
                || names::is_organisation_suffix(next_word.trim_end_matches(','))
                || next_word.starts_with("S.A")
                || next_word.starts_with("S.L");
            // "…, who joined Northbridge, said": one word after a lower-case
            // word is the end of a clause, not the speaker.
            let in_clause = single
                && text[..s]
                    .trim_end()
                    .rsplit(char::is_whitespace)
                    .next()
                    .is_some_and(|w| w.starts_with(char::is_lowercase));
            if single && (!before_saying || NOT_NAMES.contains(&n.as_str()) || in_clause)
                || organisation
                || self.overlaps(s, e)
            {
                continue;
            }
            if found.iter().any(|f| f.start < e && s < f.end) {
                continue;
            }
            found.push(PersonCandidate {
                start: s,
                end: e,
                name: n,
                title: None,
                title_span: None,
                org: None,
                title_in_mention: true,
            });
        }
        for &(s, e) in turn_names {
            let (s, e, n) = trim_name(text, s, e);
            if n.is_empty() || self.overlaps(s, e) || found.iter().any(|f| f.start < e && s < f.end)
            {
                continue;
            }
            // Titles in turn headers were matched above; bare names here.
            if n.chars().all(|c| !c.is_lowercase()) {
                // "SENIOR ADMINISTRATION OFFICIAL": an unnamed official speaks;
                // "MODERATOR", "OPERATOR", "Q" only run the call.
                let words: Vec<&str> = n.split_whitespace().collect();
                if words.len() >= 2 && words.iter().any(|w| ROLE_WORDS.contains(w)) {
                    let label = title_case(&words);
                    let p = self.ents.named(self.lex, &label, EntityClass::Person);
                    // Several officials share the header, from different
                    // agencies: their "we" stays unresolved.
                    if self.ents.get(p).class == EntityClass::Person {
                        self.add(s, e, p, MentionKind::Person);
                    }
                    continue;
                }
                // "MR. KEANE", "CHAIRWOMAN WHITFIELD", "SEN. RUIZ": a title
                // or honorific, then a surname, in capitals.
                const TURN_TITLES: &[&str] = &[
                    "MR.",
                    "MS.",
                    "MRS.",
                    "DR.",
                    "SEN.",
                    "REP.",
                    "MR",
                    "MS",
                    "MRS",
                    "DR",
                    "CHAIRMAN",
                    "CHAIRWOMAN",
                    "CHAIR",
                    "SENATOR",
                    "REPRESENTATIVE",
                    "SECRETARY",
                    "DIRECTOR",
                    "ADMINISTRATOR",
                    "JUDGE",
                    "AMBASSADOR",
                    "GENERAL",
                    "ADMIRAL",
                    "DEPUTY",
                    "ASSISTANT",
                    "COMMISSIONER",
                    "GOVERNOR",
                    "PROFESSOR",
                    "PROF.",
                ];
                let titled = words.len() >= 2 && TURN_TITLES.contains(&words[0]);
                if titled {
                    let mut skip = 0;
                    while skip < words.len() - 1 && TURN_TITLES.contains(&words[skip]) {
                        skip += 1;
                    }
                    let rest = &words[skip..];
                    let name_start = s + n.find(rest[0]).unwrap_or(0);
                    if rest.iter().all(|w| {
                        w.chars()
                            .all(|c| c.is_alphabetic() || c == '-' || c == '\'')
                    }) {
                        let label = title_case(rest);
                        let p = self.ents.named(self.lex, &label, EntityClass::Person);
                        if self.ents.get(p).class == EntityClass::Person && name_start < e {
                            self.add(name_start, e, p, MentionKind::Person);
                        }
                    }
                }
                continue;
            }
            found.push(PersonCandidate {
                start: s,
                end: e,
                name: n,
                title: None,
                title_span: None,
                org: None,
                title_in_mention: true,
            });
        }
        // Names ending in an organisation word are not people ("Associated Press").
        found.retain(|f| {
            f.name
                .split_whitespace()
                .last()
                .is_none_or(|w| !ORG_WORDS.contains(&w))
        });
        found.sort_by_key(|f| f.start);
        // Longest name per surname wins the label.
        let mut people: Vec<usize> = Vec::new();
        for PersonCandidate {
            start: s,
            end: e,
            name,
            title,
            title_span,
            org,
            title_in_mention,
        } in found
        {
            let surname = name.split_whitespace().last().unwrap_or("").to_string();
            let existing = people.iter().copied().find(|&p| {
                let l = &self.ents.get(p).label;
                l.split_whitespace().last() == Some(surname.as_str()) && compatible_names(l, &name)
            });
            let person = match existing {
                Some(p) => {
                    if name.split_whitespace().count()
                        > self.ents.get(p).label.split_whitespace().count()
                    {
                        self.ents.rename(p, &name);
                    }
                    p
                }
                None => {
                    let p = self.ents.named(self.lex, &name, EntityClass::Person);
                    if self.ents.get(p).class != EntityClass::Person {
                        continue;
                    }
                    people.push(p);
                    p
                }
            };
            let start = title_span.filter(|_| title_in_mention).map_or(s, |t| t.0);
            self.remove_within(start, e);
            self.add(start, e, person, MentionKind::Person);
            if let (Some(t), Some((ts, te))) = (title, title_span) {
                // "Senior Director for China": a portfolio, not the employer,
                // when an organisation stands before the title.
                let portfolio = self.text[te..].trim_start().starts_with("for ")
                    && self.mention_before(ts).is_some();
                let org = if portfolio { None } else { org };
                // "President Lopez Obrador of Mexico": the place after the name.
                static OF_AFTER: LazyLock<Regex> =
                    LazyLock::new(|| Regex::new(r"^\s+of\s+(?:the\s+)?").expect("of after"));
                let after = OF_AFTER.find(&self.text[e..]).and_then(|o| {
                    let at = e + o.end();
                    self.mentions
                        .starting_at(at)
                        .find(|m| m.kind == MentionKind::Name)
                        .map(|m| self.ents.get(m.ent))
                        .filter(|d| d.class == EntityClass::Country || d.class.is_organization())
                        .map(|d| d.label.clone())
                });
                let org = org.or(after);
                self.title_relation(person, t, ts, org.as_deref());
                // "its leader, Ana Ruiz", "the network's founder Li Wei": a
                // lower-case title owned by a pronoun or a description is
                // resolved with the other roles, once those are known.
                if self.ents.get(person).org.is_none()
                    && self.text[ts..te].starts_with(char::is_lowercase)
                {
                    self.pending_roles.push((s, person));
                }
            }
        }
        self.sort();
        self.appositive_titles();
        self.group_roles();
        // Bare surnames of the people found.
        for &p in &people {
            let label = self.ents.get(p).label.clone();
            let surname = label.split_whitespace().last().unwrap_or("").to_string();
            if surname.len() < 3 {
                continue;
            }
            let hits: Vec<usize> = text
                .match_indices(surname.as_str())
                .map(|(at, _)| at)
                .filter(|&at| boundary_before(text, at) && boundary_after(text, at + surname.len()))
                .collect();
            for at in hits {
                // "the Zhou Peng organization" is the group named after
                // the person, not the person.
                let next = text[at + surname.len()..]
                    .split_whitespace()
                    .next()
                    .unwrap_or("")
                    .trim_end_matches(|c: char| !c.is_alphanumeric());
                if names::names_organisation(next) {
                    continue;
                }
                if !self.overlaps(at, at + surname.len()) {
                    self.add(at, at + surname.len(), p, MentionKind::Person);
                }
            }
        }
        self.sort();
    }

    /// "Ann Lee, former Chief of Intelligence of the FBI": a title after a
    /// name, then the organisation.
    fn appositive_titles(&mut self) {
        static APPOSITIVE: LazyLock<Regex> = LazyLock::new(|| {
            Regex::new(r"^,\s+(?:the\s+)?(?:former\s+|then-|current\s+|acting\s+)?(\p{Lu}[\p{L}\-]*(?:\s+(?:(?:of|for|and)\s+)?\p{Lu}[\p{L}\-]*){0,5})\s+(?:of|at|for|with)\s+(?:the\s+)?$")
                .expect("appositive")
        });
        let mut memberships: Vec<(usize, String, usize)> = Vec::new();
        let mut found = Vec::new();
        for m in self.mentions.iter() {
            if m.kind != MentionKind::Person {
                continue;
            }
            // The next mention after it, within reach.
            let Some((_, n)) = self.mentions.starting_in(m.end, m.end + 91).next() else {
                continue;
            };
            let class = self.ents.get(n.ent).class;
            if n.start - m.end > 90 || !(class.is_organization() || class == EntityClass::Country) {
                continue;
            }
            let Some(c) = APPOSITIVE.captures(&self.text[m.end..n.start]) else {
                continue;
            };
            let phrase = c[1].to_string();
            // "Assistant Secretary of State, for X": a leading title, whose
            // own "of Y" names the department the person belongs to.
            let lead_title = self.lex.titles.iter().find(|t| {
                t.kind == TitleKind::Leads
                    && (t.text.eq_ignore_ascii_case(&phrase)
                        || phrase
                            .strip_prefix(t.text.as_str())
                            .is_some_and(|rest| rest.starts_with(" of ")))
            });
            let lead = lead_title.is_some();
            if let Some(t) = lead_title {
                if let Some(rest) = phrase
                    .strip_prefix(t.text.as_str())
                    .and_then(|r| r.strip_prefix(" of "))
                {
                    let home = rest.to_string();
                    if self.lex.find_name(&home).is_some()
                        || ["Department of", "Office of", "Ministry of"]
                            .iter()
                            .any(|p| self.lex.find_name(&format!("{p} {home}")).is_some())
                    {
                        memberships.push((m.ent, home, m.start));
                    }
                }
            }
            let titled = lead
                || phrase.split_whitespace().any(|w| {
                    self.lex.titles.iter().any(|t| {
                        t.text.split_whitespace().last() == Some(w)
                            || t.text.split_whitespace().next() == Some(w)
                    })
                });
            if titled {
                found.push((
                    m.ent,
                    if lead {
                        Property::Leads
                    } else {
                        Property::MemberOf
                    },
                    n.ent,
                    m.start,
                ));
            }
        }
        for (person, home, at) in memberships {
            let org = self.organisation(&home);
            self.implied.push(Implied {
                subject: person,
                property: Property::MemberOf,
                object: org,
                at,
                rule: "appositive-title",
                quantity: None,
            });
        }
        for (person, property, org, at) in found {
            self.implied.push(Implied {
                subject: person,
                property,
                object: org,
                at,
                rule: "appositive-title",
                quantity: None,
            });
        }
    }

    /// "three senior members of the Gulf Cartel, Ana Ruiz, Tom Baker and
    /// Luis Mora": the people named after a role in an organisation lead it
    /// or belong to it.
    fn group_roles(&mut self) {
        static ROLE: LazyLock<Regex> = LazyLock::new(|| {
            Regex::new(r"(?i)(?-u:\b)(leaders?|heads?|bosses|boss|chiefs?|founders?|members?|associates?|lieutenants?|operatives?)\s+of\s+(?:the\s+)?$").expect("role")
        });
        static NAMES: LazyLock<Regex> = LazyLock::new(|| {
            Regex::new(&format!(r"^,?\s+(?:and\s+)?({PERSON_NAME})")).expect("names")
        });
        let mut found = Vec::new();
        for m in self.mentions.iter() {
            let class = self.ents.get(m.ent).class;
            if !matches!(
                class,
                EntityClass::Cartel | EntityClass::CriminalOrganization | EntityClass::Company
            ) {
                continue;
            }
            let ws = window_start(self.text, m.start, 40);
            let Some(c) = ROLE.captures(&self.text[ws..m.start]) else {
                continue;
            };
            let role = c[1].to_lowercase();
            let property = if [
                "leader", "leaders", "head", "heads", "boss", "bosses", "chief", "chiefs",
                "founder", "founders",
            ]
            .contains(&role.as_str())
            {
                Property::Leads
            } else {
                Property::MemberOf
            };
            let mut at = m.end;
            while let Some(n) = NAMES.captures(&self.text[at..]) {
                let g = n.get(1).expect("name");
                let (s, e, name) = trim_name(self.text, at + g.start(), at + g.end());
                if name.split_whitespace().count() < 2 {
                    break;
                }
                found.push((s, e, name, property, m.ent));
                at = e;
            }
        }
        for (s, e, name, property, org) in found {
            let named = self
                .mentions
                .starting_at(s)
                .find(|x| self.ents.get(x.ent).class == EntityClass::Person)
                .map(|x| x.ent);
            let person = match named {
                Some(ent) => ent,
                None if !self.overlaps(s, e) => {
                    let p = self.ents.named(self.lex, &name, EntityClass::Person);
                    self.add(s, e, p, MentionKind::Person);
                    p
                }
                None => continue,
            };
            self.implied.push(Implied {
                subject: person,
                property,
                object: org,
                at: s,
                rule: "group-role",
                quantity: None,
            });
        }
        self.sort();
    }

    /// Reporters introducing themselves in a press call: "This is Carmen
    /// Paun from Politico", "Michelle Jamrisko from Bloomberg", "Abigail
    /// Hauslohner, Washington Post." — the person is a member of the outlet.
    fn introductions(&mut self) {
        static INTRO: LazyLock<Regex> = LazyLock::new(|| {
            let org = r"(?:the[ \t]+)?(\p{Lu}[\p{L}'’\-]*(?:[ \t]+\p{Lu}[\p{L}'’\-]*){0,3})";
            Regex::new(&format!(
                r"(?m)(?:(?-u:\b)(?:[Tt]his is|[Mm]y name is|I'm|I am)[ \t]+({PERSON_NAME})[ \t]+(?:from|with|at)[ \t]+{org}|(?:^[ \t]*(?:Q:?[ \t]+)?|[.!?][ \t]+)({PERSON_NAME})(?:,[ \t]+|[ \t]+(?:from|with)[ \t]+){org}[ \t]*[.,:?])"
            ))
            .expect("intro")
        });
        let text = self.text;
        let hits: Vec<(usize, usize, usize, usize)> = INTRO
            .captures_iter(text)
            .filter_map(|c| {
                let n = c.get(1).or_else(|| c.get(3))?;
                let o = c.get(2).or_else(|| c.get(4))?;
                Some((n.start(), n.end(), o.start(), o.end()))
            })
            .collect();
        for (ns, ne, os, oe) in hits {
            let (ns, ne, name) = trim_name(text, ns, ne);
            if name.split_whitespace().count() < 2
                || self.overlaps(os, oe) && self.mentions.starting_at(os).next().is_none()
            {
                continue;
            }
            // "KESSLER CITY, Ariz. —": a dateline, a place in capitals and
            // its state, introduces nobody.
            let upper = |s: &str| !s.chars().any(char::is_lowercase);
            if upper(&text[ns..ne])
                && text[oe..]
                    .trim_start_matches(['.', ' ', '\t'])
                    .starts_with(['—', '–', '-'])
            {
                continue;
            }
            let org_name = clean_ws(&text[os..oe]);
            // "GRUPO DEL NORTE, S.A. DE C.V.": an initial is no outlet;
            // "X, Defendant.": a party to a case is none either.
            if org_name.chars().count() < 2 || names::never_a_name(&org_name) {
                continue;
            }
            // "Marcelo Ebrard, Foreign Secretary." is a title, not an outlet.
            // "Intelligence Analyst," is a role.
            if org_name
                .split_whitespace()
                .any(|w| self.is_title_word(w) || INNER_TITLES.contains(&w))
                || org_name
                    .split_whitespace()
                    .last()
                    .is_some_and(names::is_role_word)
            {
                continue;
            }
            let org = match self.lex.find_name(&org_name) {
                Some(e) => self.ents.named(self.lex, &e.label.clone(), e.class),
                None => self.ents.named(self.lex, &org_name, EntityClass::Company),
            };
            let named = self
                .mentions
                .starting_at(ns)
                .find(|m| self.ents.get(m.ent).class == EntityClass::Person)
                .map(|m| m.ent);
            let person = match named {
                Some(ent) => ent,
                None => {
                    if self.overlaps(ns, ne) {
                        continue;
                    }
                    let p = self.ents.named(self.lex, &name, EntityClass::Person);
                    self.add(ns, ne, p, MentionKind::Person);
                    p
                }
            };
            if !self.overlaps(os, oe) {
                self.add(os, oe, org, MentionKind::Name);
            }
            self.implied.push(Implied {
                subject: person,
                property: Property::MemberOf,
                object: org,
                at: ns,
                rule: "introduction",
                quantity: None,
            });
        }
        self.sort();
    }

    /// The organisation or country named right before a title ("DEA
    /// Administrator", "Chinese President").
    fn mention_before(&self, title_start: usize) -> Option<usize> {
        if !self.overlaps(title_start.saturating_sub(6), title_start) {
            return None;
        }
        self.mentions
            .overlapping(title_start.saturating_sub(7), title_start)
            .rev()
            .map(|(_, m)| m)
            .find(|m| {
                // "DEA Administrator", "the cartel’s co-founder".
                m.end <= title_start
                    && title_start - m.end <= 6
                    && matches!(self.text[m.end..title_start].trim(), "" | "'s" | "’s")
                    && m.kind != MentionKind::Person
            })
            .map(|m| m.ent)
    }

    fn is_title_word(&self, w: &str) -> bool {
        self.lex
            .titles
            .iter()
            .any(|t| t.text.split_whitespace().next() == Some(w))
    }

    /// The organisation named after a title ("Secretary of X"): a gazetteer
    /// entry when X or "Office/Department/... of X" is one, otherwise a new
    /// government body labelled as written.
    fn organisation(&mut self, name: &str) -> usize {
        let name = name.strip_prefix("the ").unwrap_or(name);
        // "Under Secretary of the Treasury for Terrorism and Financial
        // Intelligence": the department the portfolio belongs to.
        let name = match name.split_once(" for ") {
            Some((head, _)) if self.lex.find_name(head).is_some() => head,
            _ => name,
        };
        let known = std::iter::once(name.to_string())
            .chain(
                [
                    "Office of",
                    "Department of",
                    "U.S. Department of",
                    "Bureau of",
                    "Ministry of",
                    "Secretariat of",
                    "Department of the",
                ]
                .iter()
                .map(|p| format!("{p} {name}")),
            )
            .find_map(|n| self.lex.find_name(&n).map(|e| (e.label.clone(), e.class)));
        // "Secretary of Security": the one agency whose name begins so
        // ("Secretariat of Security and Citizen Protection").
        let known = known.or_else(|| {
            let starts: Vec<String> = ["Secretariat of", "Ministry of", "Department of"]
                .iter()
                .map(|p| format!("{p} {name}").to_lowercase())
                .collect();
            let mut found = self.lex.entries.iter().filter(|e| {
                e.class == EntityClass::GovernmentAgency
                    && std::iter::once(&e.label).chain(&e.aliases).any(|n| {
                        let n = n.to_lowercase();
                        starts
                            .iter()
                            .any(|s| n.starts_with(s.as_str()) && n.len() > s.len())
                    })
            });
            match (found.next(), found.next()) {
                (Some(e), None) => Some((e.label.clone(), e.class)),
                _ => None,
            }
        });
        match known {
            Some((label, class)) => self.ents.named(self.lex, &label, class),
            None => self
                .ents
                .named(self.lex, name, EntityClass::GovernmentAgency),
        }
    }

    /// "DEA Administrator X" leads DEA; "Chinese President X" leads China.
    fn title_relation(
        &mut self,
        person: usize,
        title: usize,
        title_start: usize,
        named_org: Option<&str>,
    ) {
        let t = self.lex.titles[title].clone();
        if let Some(name) = named_org {
            let org = self.organisation(name);
            self.ents.list[person].org = Some(org);
            self.implied.push(Implied {
                subject: person,
                property: if t.kind == TitleKind::Leads {
                    Property::Leads
                } else {
                    Property::MemberOf
                },
                object: org,
                at: title_start,
                rule: "title-of",
                quantity: None,
            });
            return;
        }
        let prev = self.mention_before(title_start);
        // "Mexican Attorney General X": a country other than the default
        // organisation's own says the title is that country's, whose
        // office the text does not name.
        let foreign = |d: &str, o: usize| {
            let e = self.ents.get(o);
            e.class == EntityClass::Country
                && self
                    .lex
                    .find_name(d)
                    .and_then(|g| g.located_in.as_deref())
                    .and_then(|c| self.lex.find_name(c))
                    .is_some_and(|c| c.id != e.id)
        };
        // "The Mexican delegation included …, Attorney General X": a list
        // of one country's officials, in the same paragraph.
        let delegation_foreign = |d: &str| {
            static DELEGATION: LazyLock<Regex> = LazyLock::new(|| {
                Regex::new(r"(?-u:\b)(U\.S\.|[A-Z][\p{L}]+)\s+(?:delegation|government's delegation|officials present)(?-u:\b)")
                    .expect("delegation")
            });
            let ws = window_start(self.text, title_start, 1500);
            let para = &self.text[ws..title_start];
            let para = &para[para.rfind('\n').map_or(0, |i| i + 1)..];
            let Some(c) = DELEGATION.captures_iter(para).last() else {
                return false;
            };
            let word = c.get(1).expect("word").as_str();
            let country = self.lex.entries.iter().find(|e| {
                e.class == EntityClass::Country
                    && (e.demonyms.iter().any(|x| x == word)
                        || e.label == word
                        || e.aliases.iter().any(|a| a == word))
            });
            let home = self
                .lex
                .find_name(d)
                .and_then(|g| g.located_in.as_deref())
                .and_then(|c| self.lex.find_name(c));
            matches!((country, home), (Some(c), Some(h)) if c.id != h.id)
        };
        // "Arizona Attorney General X": a state's officer heads the
        // state's office of that title, not the federal one.
        let state = prev.filter(|&o| self.ents.get(o).class == EntityClass::State);
        // A release headed "Commonwealth of Pennsylvania / Office of Attorney
        // General": its bare "Attorney General X" is the state's.
        let header_state = || {
            let head_end = (0..=300.min(self.text.len()))
                .rev()
                .find(|&e| self.text.is_char_boundary(e))
                .unwrap_or(0);
            let head = &self.text[..head_end];
            (t.text == "Attorney General"
                && head.contains("Attorney General")
                && !head.contains("Department of Justice")
                && !head.contains("U.S."))
            .then(|| {
                self.mentions
                    .starting_in(0, head_end)
                    .map(|(_, m)| m.ent)
                    .find(|&e| self.ents.get(e).class == EntityClass::State)
            })
            .flatten()
        };
        let state = state.or_else(|| {
            (prev.is_none() && title_start > 0)
                .then(header_state)
                .flatten()
        });
        let org = match (&t.default_org, prev.or(state)) {
            (Some(_), Some(_)) if state.is_some() => {
                let state_label = self.ents.get(state.expect("state")).label.clone();
                let label = format!("Office of the {state_label} {}", t.text);
                let office = self
                    .ents
                    .named(self.lex, &label, EntityClass::GovernmentAgency);
                // The other ways such offices are written.
                self.ents
                    .alias(office, &format!("{state_label} Office of {}", t.text));
                self.ents
                    .alias(office, &format!("{state_label} {}'s Office", t.text));
                Some(office)
            }
            (Some(d), Some(o)) if foreign(d, o) => None,
            (Some(d), _) if delegation_foreign(d) => None,
            (Some(d), _) => self
                .lex
                .find_name(d)
                .map(|e| self.ents.named(self.lex, &e.label.clone(), e.class)),
            (None, Some(o)) => Some(o),
            (None, None) => None,
        };
        let Some(org) = org else {
            // "Administrator Milgram": someone heads an agency the text will
            // name around their words. (A "Secretary" or "President" may
            // head a department, a country or a committee: no guess.)
            if matches!(
                t.text.as_str(),
                "Administrator" | "Director" | "Commissioner" | "Director General"
            ) {
                self.ents.list[person].untold_org = true;
            }
            return;
        };
        let class = self.ents.get(org).class;
        if !(class.is_organization() || class == EntityClass::Country) {
            return;
        }
        self.ents.list[person].org = Some(org);
        self.implied.push(Implied {
            subject: person,
            property: if t.kind == TitleKind::Leads {
                Property::Leads
            } else {
                Property::MemberOf
            },
            object: org,
            at: title_start,
            rule: "title",
            quantity: None,
        });
    }

    /// "U.S. Attorney Dana Cole of the District of Arizona", "Dana Cole,
    /// the U.S. Attorney for the Southern District of Texas": a U.S.
    /// Attorney leads the office of that district (an assistant belongs to
    /// it), not the country the title's "U.S." names.
    fn us_attorneys(&mut self) {
        const DISTRICT: &str = r"((?:(?:Northern|Southern|Eastern|Western|Middle|Central)\s+)?District\s+of\s+\p{Lu}[\p{L}]+(?:[ \t]+\p{Lu}[\p{L}]+)?)";
        static BEFORE: LazyLock<Regex> = LazyLock::new(|| {
            Regex::new(&format!(r"(?-u:\b)((?:Acting|Assistant|First Assistant)\s+)?U\.S\.\s+Attorney\s+({PERSON_NAME})\s+(?:of|for)\s+the\s+{DISTRICT}"))
                .expect("attorney before")
        });
        static AFTER: LazyLock<Regex> = LazyLock::new(|| {
            Regex::new(&format!(r"({PERSON_NAME})(?:,\s+|[ \t]*\n[ \t]*)(?:the\s+)?(?:(Acting|Assistant|First Assistant)\s+)?(?:United States|U\.S\.)\s+Attorney\s+(?:for|of)\s+the\s+{DISTRICT}"))
                .expect("attorney after")
        });
        let text = self.text;
        let mut found: Vec<(usize, usize, bool, String)> = Vec::new();
        for c in BEFORE.captures_iter(text) {
            let name = c.get(2).expect("name");
            found.push((
                name.start(),
                name.end(),
                c.get(1).is_some(),
                c[3].to_string(),
            ));
        }
        for c in AFTER.captures_iter(text) {
            let name = c.get(1).expect("name");
            found.push((
                name.start(),
                name.end(),
                c.get(2).is_some(),
                c[3].to_string(),
            ));
        }
        // "Assistant U.S. Attorney Kevin Marsh is prosecuting the case": the
        // one district office the document names, if it names one.
        static BARE: LazyLock<Regex> = LazyLock::new(|| {
            Regex::new(&format!(r"(?-u:\b)((?:Acting|Assistant|First Assistant)\s+)?U\.S\.\s+Attorney\s+({PERSON_NAME})"))
                .expect("attorney bare")
        });
        let offices: std::collections::BTreeSet<String> = self
            .ents
            .list
            .iter()
            .filter_map(|d| d.label.strip_prefix("U.S. Attorney's Office for the "))
            .map(str::to_string)
            .chain(found.iter().map(|f| clean_ws(&f.3)))
            .collect();
        for c in BARE.captures_iter(text) {
            let name = c.get(2).expect("name");
            if found.iter().any(|f| f.0 == name.start()) {
                continue;
            }
            match offices.iter().collect::<Vec<_>>()[..] {
                [one] => found.push((name.start(), name.end(), c.get(1).is_some(), one.clone())),
                // No district named: a federal prosecutor of the Justice
                // Department.
                _ => found.push((name.start(), name.end(), true, String::new())),
            }
        }
        // "U.S. Attorney General Ana Ruiz" heads the department, no office.
        found.retain(|f| !text[f.0..].starts_with("General"));
        for (s, e, assistant, district) in found {
            let Some(person) = self
                .mentions
                .overlapping(s, e)
                .map(|(_, m)| m)
                .find(|m| self.ents.get(m.ent).class == EntityClass::Person)
                .map(|m| m.ent)
            else {
                continue;
            };
            let label = if district.is_empty() {
                "U.S. Department of Justice".to_string()
            } else {
                format!("U.S. Attorney's Office for the {}", clean_ws(&district))
            };
            let office = self
                .ents
                .named(self.lex, &label, EntityClass::GovernmentAgency);
            // The title's own reading ("U.S." as the employer) yields.
            let at = s;
            self.implied.retain(|i| {
                !(i.subject == person
                    && matches!(i.property, Property::MemberOf | Property::Leads)
                    && i.object != office
                    && matches!(self.ents.list[i.object].class, EntityClass::Country)
                    || i.subject == person && self.ents.list[i.object].label == "U")
            });
            self.implied.push(Implied {
                subject: person,
                property: if assistant {
                    Property::MemberOf
                } else {
                    Property::Leads
                },
                object: office,
                at,
                rule: "us-attorney",
                quantity: None,
            });
        }
    }

    /// Pass: a signature block, a name alone on its line and a title on
    /// the next ("MARIA L. ESTRADA / United States Attorney for …", "Jane
    /// Roe / Executive Director / Apex Chemical Co."): the name is a person
    /// who leads (or belongs to) the organisation the title line or the
    /// line after it names.
    fn signature_blocks(&mut self) {
        static BLOCK: LazyLock<Regex> = LazyLock::new(|| {
            Regex::new(
                r"(?m)^[ \t]*(?:(?:Dr|Mr|Ms|Mrs|Hon|Prof)\.[ \t]+)?((?:\p{Lu}[\p{L}'’\-]+|\p{Lu}\.)(?:[ \t]+(?:\p{Lu}[\p{L}'’\-]+|\p{Lu}\.)){1,3})[ \t]*\n[ \t]*(\p{Lu}[^\n]{2,120})(?:\n[ \t]*(\p{Lu}[^\n]{2,80}))?",
            )
            .expect("signature block")
        });
        let text = self.text;
        let mut found = Vec::new();
        for c in BLOCK.captures_iter(text) {
            let (name, title) = (c.get(1).expect("name"), c.get(2).expect("title"));
            let words: Vec<&str> = name.as_str().split_whitespace().collect();
            // A name: no word of it a title, a role or an organisation's,
            // and not a name the text knows as something else.
            if words.iter().any(|w| {
                self.is_title_word(w)
                    || names::is_role_word(w)
                    || names::is_organisation_suffix(w)
                    || names::never_a_name(w)
            }) || self
                .mentions
                .overlapping(name.start(), name.end())
                .any(|(_, m)| self.ents.get(m.ent).class != EntityClass::Person)
            {
                continue;
            }
            // "Key Findings": a heading of common words is no name (a name
            // in capitals cannot be told so, and passes).
            let capitals = !name.as_str().chars().any(char::is_lowercase);
            let known = self
                .mentions
                .overlapping(name.start(), name.end())
                .next()
                .is_some();
            let common = words
                .iter()
                .filter(|w| {
                    self.tagger
                        .lexicon_tag(&w.to_lowercase())
                        .is_some_and(|t| !t.starts_with("NNP"))
                })
                .count();
            if !capitals
                && !known
                && (2 * common > words.len()
                    || !words
                        .iter()
                        .filter(|w| !w.ends_with('.'))
                        .all(|w| self.name_like(w)))
            {
                continue;
            }
            // The title line opens with a title or role ("Executive
            // Director", "Special Agent in Charge").
            let run: Vec<&str> = title
                .as_str()
                .split_whitespace()
                .take(5)
                .map(|w| w.trim_end_matches(','))
                .take_while(|w| w.starts_with(char::is_uppercase))
                .collect();
            if !run
                .iter()
                .any(|w| names::is_role_word(w) || self.is_title_word(w))
            {
                continue;
            }
            let attorney = run.contains(&"Attorney");
            // "Director General" leads; "Deputy Director" does not.
            let leads = run.iter().any(|w| names::is_lead_word(w))
                && !run
                    .iter()
                    .any(|w| matches!(*w, "Deputy" | "Assistant" | "Associate" | "Vice"));
            let org_in = |s: usize, e: usize| {
                self.mentions
                    .starting_in(s, e)
                    .map(|(_, m)| m)
                    .find(|m| self.ents.get(m.ent).class.is_organization())
                    .map(|m| m.ent)
            };
            let org = org_in(title.start(), title.end())
                .or_else(|| c.get(3).and_then(|o| org_in(o.start(), o.start() + 2)));
            found.push((
                name.start(),
                name.end(),
                words.join(" "),
                attorney,
                leads,
                org,
            ));
        }
        for (s, e, name, attorney, leads, org) in found {
            // A person's name read over the line break ("Ana Ruiz
            // Director") is the name line alone.
            let overrun: Vec<usize> = self
                .mentions
                .iter_indexed()
                .filter(|(_, m)| {
                    m.start < e
                        && s < m.end
                        && m.end > e
                        && self.ents.get(m.ent).class == EntityClass::Person
                })
                .map(|(k, _)| k)
                .collect();
            for k in overrun {
                self.mentions
                    .remove_within(self.mentions[k].start, self.mentions[k].end);
            }
            let known = self
                .mentions
                .overlapping(s, e)
                .map(|(_, m)| m)
                .find(|m| self.ents.get(m.ent).class == EntityClass::Person)
                .map(|m| m.ent);
            let person = match known {
                Some(p) => p,
                None => {
                    let words: Vec<&str> = name.split_whitespace().collect();
                    let label = if name.chars().any(char::is_lowercase) {
                        name.clone()
                    } else {
                        title_case(&words)
                    };
                    let p = self.ents.named(self.lex, &label, EntityClass::Person);
                    if self.ents.get(p).class != EntityClass::Person {
                        continue;
                    }
                    self.add(s, e, p, MentionKind::Person);
                    p
                }
            };
            let Some(org) = org else { continue };
            // The us-attorney pass reads its own titles.
            if attorney {
                continue;
            }
            self.implied.push(Implied {
                subject: person,
                property: if leads {
                    Property::Leads
                } else {
                    Property::MemberOf
                },
                object: org,
                at: s,
                rule: "signature-block",
                quantity: None,
            });
        }
    }

    /// Pass 4: agency offices ("offices in Shanghai and Guangzhou",
    /// "334 offices around the world").
    /// An agency's short name for its offices' labels ("DEA").
    fn short_name(&self, agency: usize) -> String {
        self.lex
            .entry(&self.ents.get(agency).id)
            .map(|e| e.short_name().to_string())
            .unwrap_or_else(|| self.ents.get(agency).label.clone())
    }

    /// "the DEA's Kessler City Field Division", "HSI's Halvern field
    /// office": an agency's office named by its place. The place is a city
    /// (the gazetteer's or a new one), the office the agency's, in it.
    fn named_offices(&mut self) {
        const KINDS: &str = r"(?i:field\s+division|field\s+office|resident\s+office|district\s+office|regional\s+office|country\s+office|attach[ée]\s+office|attach[ée]\s+post|post\s+of\s+duty|resident\s+agency|sub-office|suboffice|satellite\s+office|liaison\s+office|division|office|post|station)";
        // "the DEA's Halvern field office"
        static OWNED: LazyLock<Regex> = LazyLock::new(|| {
            Regex::new(&format!(
                r"^(?:['’]s)?\s+((?:\p{{Lu}}[\p{{L}}\-]+\s+){{1,3}}?)({KINDS})(?-u:\b)"
            ))
            .expect("office name")
        });
        // "the Denver Field Division of the DEA"
        static OF_AGENCY: LazyLock<Regex> = LazyLock::new(|| {
            Regex::new(&format!(r"(?-u:\b)(?:the|its|their)\s+((?:\p{{Lu}}[\p{{L}}\-]+\s+){{1,3}}?)({KINDS})\s+of\s+(?:the\s+)?$"))
                .expect("office of agency")
        });
        // "its Chengdu attaché office": the agency "its" stands for; "our
        // Monterrey office": the agency last named, as for "our offices in".
        static ITS: LazyLock<Regex> = LazyLock::new(|| {
            Regex::new(&format!(
                r"(?-u:\b)(its|their|our)\s+((?:\p{{Lu}}[\p{{L}}\-]+\s+){{1,3}}?)({KINDS})(?-u:\b)"
            ))
            .expect("its office")
        });
        let text = self.text;
        // (agency, place start, place end, office start, office end)
        let mut found: Vec<(usize, usize, usize, usize, usize)> = Vec::new();
        let agencies: Vec<(usize, usize, usize)> = self
            .mentions
            .iter()
            .filter(|m| {
                self.ents.get(m.ent).class == EntityClass::GovernmentAgency
                    && m.kind != MentionKind::Office
            })
            .map(|m| (m.start, m.end, m.ent))
            .collect();
        for &(start, end, agency) in &agencies {
            if let Some(c) = OWNED.captures(&text[end..]) {
                let (place, kind) = (c.get(1).expect("place"), c.get(2).expect("kind"));
                let ps = end + place.start();
                found.push((agency, ps, end + place.end(), ps, end + kind.end()));
            }
            let from = window_start(text, start, 80);
            if let Some(c) = OF_AGENCY.captures(&text[from..start]) {
                let (place, kind) = (c.get(1).expect("place"), c.get(2).expect("kind"));
                let ps = from + place.start();
                found.push((agency, ps, from + place.end(), ps, from + kind.end()));
            }
        }
        for c in ITS.captures_iter(text) {
            let (place, kind) = (c.get(2).expect("place"), c.get(3).expect("kind"));
            let whole = c.get(0).expect("whole");
            // "its Container Security Initiative office in Yantian": the
            // capitalised words name the office's programme; the place
            // comes after (the offices pass reads it).
            let after = &text[whole.end()..];
            if (after.starts_with(" in ") || after.starts_with(" at "))
                && after[4..].starts_with(char::is_uppercase)
            {
                continue;
            }
            let Some(agency) = self.owner_agency(whole.start(), &[]) else {
                continue;
            };
            // The agency is the sentence's own, named just before ("its"),
            // or the speaker's ("our").
            let near = &c[1] == "our"
                || self
                    .mentions
                    .starting_in(whole.start().saturating_sub(200), whole.start())
                    .any(|(_, m)| m.ent == agency && m.end <= whole.start());
            if near && !found.iter().any(|f| f.1 == place.start()) {
                found.push((
                    agency,
                    place.start(),
                    place.end(),
                    place.start(),
                    kind.end(),
                ));
            }
        }
        for (agency, ps, pe, os, oe) in found {
            let pe = ps + text[ps..pe].trim_end().len();
            if self.overlaps(os, oe)
                && self
                    .mentions
                    .overlapping(os, oe)
                    .any(|(_, m)| !self.ents.get(m.ent).class.is_place())
            {
                continue;
            }
            let place_label = clean_ws(&text[ps..pe]);
            let place_ent = match self.lex.find_name(&place_label) {
                Some(e) if e.class.is_place() => {
                    let (l, c) = (e.label.clone(), e.class);
                    self.ents.named(self.lex, &l, c)
                }
                Some(_) => continue,
                // "the DEA Intelligence Division", "the Rocky Mountain Field
                // Division": common words name a subject or a region, no city.
                None if place_label.split_whitespace().any(|w| {
                    is_org_word(w)
                        || !self
                            .tagger
                            .lexicon_tag(w)
                            .is_some_and(|t| t.starts_with("NNP"))
                            && self
                                .tagger
                                .lexicon_tag(&w.to_lowercase())
                                .is_some_and(|t| !t.starts_with("NNP"))
                }) =>
                {
                    continue
                }
                None => self.ents.named(self.lex, &place_label, EntityClass::City),
            };
            let short = self.short_name(agency);
            let kind = clean_ws(&text[pe..oe]);
            let label = format!("{short} {} {kind}", self.ents.get(place_ent).label);
            let office = self.ents.named(self.lex, &label, EntityClass::Office);
            self.ents.alias(office, &text[os..oe]);
            self.remove_within(os, oe);
            self.add(ps, pe, place_ent, MentionKind::Name);
            self.add(os, oe, office, MentionKind::Office);
            self.implied.push(Implied {
                subject: agency,
                property: Property::HasOffice,
                object: office,
                at: os,
                rule: "named-office",
                quantity: None,
            });
            self.implied.push(Implied {
                subject: office,
                property: Property::LocatedIn,
                object: place_ent,
                at: os,
                rule: "office-place",
                quantity: None,
            });
        }
        self.sort();
    }

    fn offices(&mut self, sentences: &[Sentence]) {
        static COORD: LazyLock<Regex> = LazyLock::new(|| {
            Regex::new(r"^\s*(?:,|and|or|, and|, or)?\s*(?:(?:in|throughout|across|around)\s+)?(?:the\s+)?$").expect("coord")
        });
        let text = self.text;
        let hits: Vec<_> = OFFICE.captures_iter(text).collect();
        for c in hits {
            let whole = c.get(0).expect("whole");
            if self
                .mentions
                .overlapping(whole.start(), whole.end())
                .any(|(_, m)| m.kind == MentionKind::Office)
            {
                continue;
            }
            let prep = c.get(4).expect("prep").as_str().to_lowercase();
            let count = c.get(1).and_then(|n| number_value(n.as_str()));
            // "the HSI office in X": the acronym the phrase opens with is
            // its agency.
            let own = self
                .mentions
                .starting_at(whole.start())
                .find(|m| {
                    self.ents.get(m.ent).class == EntityClass::GovernmentAgency
                        && m.kind != MentionKind::Office
                })
                .map(|m| m.ent);
            let Some(agency) = own.or_else(|| self.owner_agency(whole.start(), sentences)) else {
                continue;
            };
            let short = self.short_name(agency);
            let worldwide =
                c.get(5).is_some() || matches!(prep.as_str(), "worldwide" | "globally" | "abroad");
            let mut places: Vec<usize> = Vec::new();
            let mut end = whole.end();
            if !worldwide {
                let mut at = whole.end();
                for (k, m) in self.mentions.starting_in(at, text.len() + 1) {
                    if m.start < at {
                        continue;
                    }
                    if !COORD.is_match(&text[at..m.start]) || !self.ents.get(m.ent).class.is_place()
                    {
                        break;
                    }
                    places.push(k);
                    at = m.end;
                    end = m.end;
                }
                if places.is_empty() {
                    continue;
                }
            }
            let start = whole.start();
            let quantity = count.map(|v| Quantity {
                value: v,
                unit: "offices".into(),
                out_of: None,
            });
            // "93 offices in 69 countries" are offices around the world.
            let counted = places.len() == 1 && self.mentions[places[0]].kind == MentionKind::Group;
            let worldwide = worldwide || counted;
            if worldwide {
                let office = self.ents.named(
                    self.lex,
                    &format!("{short} offices worldwide"),
                    EntityClass::Office,
                );
                self.ents.alias(office, &text[start..end]);
                let k = self.add(start, end, office, MentionKind::Office);
                self.mentions[k].quantity = quantity.clone();
                self.implied.push(Implied {
                    subject: agency,
                    property: Property::HasOffice,
                    object: office,
                    at: start,
                    rule: "office",
                    quantity,
                });
                continue;
            }
            let place_ents: Vec<usize> = places.iter().map(|&k| self.mentions[k].ent).collect();
            for (n, place) in place_ents.iter().copied().enumerate() {
                let p = self.ents.get(place).clone();
                let label = if p.class == EntityClass::City {
                    format!("{short} {} office", p.label)
                } else {
                    format!("{short} offices in {}", p.label)
                };
                let office = self.ents.named(self.lex, &label, EntityClass::Office);
                let (ms, me) = if places.len() == 1 {
                    (start, end)
                } else {
                    let pm = &self.mentions[places[n]];
                    (pm.start, pm.end)
                };
                let surface = format!("{} {}", text[start..whole.end()].trim(), p.label);
                self.ents.alias(office, &surface);
                // "a country office in Madrid" of the DEA: also "DEA
                // country office in Madrid", the text's words with the owner.
                if count.is_none() {
                    // "its Container Security Initiative office in …": the
                    // programme's name belongs to the office's words.
                    static PROGRAMME: LazyLock<Regex> = LazyLock::new(|| {
                        Regex::new(r"(?:its|their|our|the|a|an)\s+((?:\p{Lu}\p{Ll}+\s+){1,4})$")
                            .expect("programme")
                    });
                    let ws = window_start(text, start, 60);
                    let programme = PROGRAMME
                        .captures(&text[ws..start])
                        .map_or("", |c| c.get(1).map_or("", |g| g.as_str()));
                    let words = format!("{programme}{}", text[start..whole.end()].trim());
                    let words = words.as_str();
                    let owned = if words.starts_with(short.as_str()) {
                        format!("{words} {}", p.label)
                    } else {
                        format!("{short} {words} {}", p.label)
                    };
                    self.ents.alias(office, &owned);
                }
                let k = self.add(ms, me, office, MentionKind::Office);
                let q = if places.len() == 1 {
                    quantity.clone()
                } else {
                    None
                };
                self.mentions[k].quantity = q.clone();
                self.implied.push(Implied {
                    subject: agency,
                    property: Property::HasOffice,
                    object: office,
                    at: ms,
                    rule: "office",
                    quantity: q,
                });
                self.implied.push(Implied {
                    subject: office,
                    property: Property::LocatedIn,
                    object: place,
                    at: ms,
                    rule: "office-place",
                    quantity: None,
                });
            }
        }
        self.sort();
    }

    /// The agency an office phrase belongs to: the nearest agency named
    /// before it in the sentence, else in the document so far.
    fn owner_agency(&self, at: usize, _sentences: &[Sentence]) -> Option<usize> {
        self.mentions
            .starting_in(at.saturating_sub(3200), at)
            .rev()
            .map(|(_, m)| m)
            .filter(|m| m.end <= at && at - m.end < 3000)
            .find(|m| {
                // "its Border Task Force office in X": a name between the
                // possessive and the office says which office, not whose.
                let names_office = self.text[m.end..at].trim().is_empty() && {
                    let before =
                        self.text[window_start(self.text, m.start, 8)..m.start].to_lowercase();
                    ["its ", "their ", "our "]
                        .iter()
                        .any(|p| before.ends_with(p))
                };
                self.ents.get(m.ent).class == EntityClass::GovernmentAgency
                    && m.kind != MentionKind::Office
                    && !names_office
            })
            .map(|m| m.ent)
    }
}

/// A person's name found in the text, with the title and organisation
/// written before it.
struct PersonCandidate {
    start: usize,
    end: usize,
    name: String,
    title: Option<usize>,
    title_span: Option<(usize, usize)>,
    org: Option<String>,
    /// The mention starts at the title (false for the second name after a
    /// plural title: "Senior Directors A and B").
    title_in_mention: bool,
}

/// Words of the role headers of press-call transcripts that stand for a
/// person ("SENIOR ADMINISTRATION OFFICIAL", "SENIOR STATE DEPARTMENT OFFICIAL").
const ROLE_WORDS: &[&str] = &[
    "OFFICIAL",
    "OFFICIALS",
    "SPOKESPERSON",
    "SPOKESMAN",
    "SPOKESWOMAN",
    "SECRETARY",
    "ADMINISTRATOR",
    "DIRECTOR",
    "AMBASSADOR",
];

/// Honorifics and ranks between an organisation and a name.
const INNER_TITLES: &[&str] = &[
    "Dr.",
    "General",
    "Gen.",
    "Admiral",
    "Adm.",
    "Mr.",
    "Ms.",
    "Mrs.",
    "Colonel",
    "Commissioner",
];

/// Words that end organisation names ("... Citizen Protection", "... Center").
fn is_org_word(w: &str) -> bool {
    const TOPICS: &[&str] = &[
        "Security",
        "Protection",
        "Defense",
        "Defence",
        "Health",
        "Policy",
        "Affairs",
        "Risks",
        "Control",
        "Enforcement",
        "Safety",
        "Justice",
        "Treasury",
        "State",
        "Intelligence",
        "Addictions",
        "Narcotics",
        "Relations",
        "Commerce",
        "Finance",
        "Interior",
        "Navy",
        "Marina",
        "Citizen",
        "Public",
        "Foreign",
        "Homeland",
        "Customs",
        "Immigration",
        "Crime",
        "Trafficking",
        "Terrorism",
        "Counterterrorism",
        "Development",
        "Trade",
        "Energy",
        "Education",
        "Labor",
        "Agriculture",
        "Transportation",
        "Hemisphere",
        "Drugs",
    ];
    ORG_WORDS.contains(&w) || TOPICS.contains(&w) || INNER_TITLES.contains(&w)
}

/// Byte spans of the whitespace-separated words of `text[s..e]`.
fn token_spans(text: &str, s: usize, e: usize) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text[s..e].char_indices() {
        match (c.is_whitespace(), start) {
            (false, None) => start = Some(s + i),
            (true, Some(b)) => {
                out.push((b, s + i));
                start = None;
            }
            _ => {}
        }
    }
    if let Some(b) = start {
        out.push((b, e));
    }
    out
}

fn compatible_names(a: &str, b: &str) -> bool {
    let (a, b): (Vec<&str>, Vec<&str>) = (
        a.split_whitespace().collect(),
        b.split_whitespace().collect(),
    );
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    // Every given name of the shorter form appears in the longer one.
    short[..short.len().saturating_sub(1)]
        .iter()
        .all(|w| long.contains(w))
}

/// Drops trailing words that are not part of a name ("Biden’s", "On").
static NICKNAME: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\s+[“][^”]{1,30}[”]").expect("nickname"));

fn trim_name(text: &str, s: usize, e: usize) -> (usize, usize, String) {
    const STOP: &[&str] = &[
        "The",
        "On",
        "In",
        "And",
        "But",
        "For",
        "Of",
        "As",
        "At",
        "To",
        "A",
        "So",
        "Thank",
        "First",
        "It",
        "We",
        "I",
        "He",
        "She",
        // Verbs of a title-case headline: "President Jane Doe Signs Order".
        "Signs",
        "Closes",
        "Announces",
        "Launches",
        "Imposes",
        "Takes",
        "Calls",
        "Meets",
        "Says",
        "Names",
        "Orders",
        "Issues",
        "Unveils",
        "Delivers",
        "Hosts",
        "Visits",
        "Speaks",
        "Welcomes",
        "Approves",
        "Directs",
        "Sanctions",
        "Targets",
        "Ends",
    ];
    let mut words: Vec<(usize, usize)> = Vec::new();
    let mut pos = s;
    for w in text[s..e].split_whitespace() {
        let ws = pos + text[pos..e].find(w).unwrap_or(0);
        words.push((ws, ws + w.len()));
        pos = ws + w.len();
    }
    // "Attorney General Jane Doe Announces Charges Against …": a headline's
    // verb ends the name.
    if let Some(cut) = (1..words.len()).find(|&i| STOP.contains(&&text[words[i].0..words[i].1])) {
        words.truncate(cut);
    }
    // A name runs over one line break, never over a blank line (a header's
    // name and the next paragraph's "SURNAME:" are two things).
    // Nor onto a line that opens with a header field ("… Unit\nDATE: …").
    if let Some(cut) = (1..words.len()).find(|&i| {
        let gap = &text[words[i - 1].1..words[i].0];
        gap.matches('\n').count() >= 2
            || gap.contains('\n')
                && text[words[i].0..]
                    .split_whitespace()
                    .next()
                    .is_some_and(|w| w.ends_with(':'))
    }) {
        words.truncate(cut);
    }
    while let Some(&(ws, we)) = words.last() {
        if STOP.contains(&&text[ws..we]) {
            words.pop();
        } else {
            break;
        }
    }
    while let Some(&(ws, we)) = words.first() {
        if STOP.contains(&&text[ws..we]) {
            words.remove(0);
        } else {
            break;
        }
    }
    match (words.first(), words.last()) {
        // "Luis “El Flaco” Mora Díaz": the nickname is not the name.
        (Some(&(fs, _)), Some(&(_, le))) => {
            (fs, le, clean_ws(&NICKNAME.replace_all(&text[fs..le], "")))
        }
        _ => (s, s, String::new()),
    }
}

/// Finds every mention of the document.
pub(crate) fn find(
    text: &str,
    lex: &Lexicon,
    ents: &mut Entities,
    sentences: &[Sentence],
    turn_names: &[(usize, usize)],
    tagger: &Tagger,
    toks: &[Vec<Token>],
) -> Found {
    let mut f = Finder {
        text,
        lex,
        tagger,
        toks,
        sentences,
        ents,
        mentions: MentionSet::new(text.len()),
        implied: Vec::new(),
        pending_roles: Vec::new(),
    };
    f.gazetteer();
    f.region_words();
    f.named_cartels();
    f.people(turn_names);
    f.named_offices();
    f.introductions();
    f.proper_names();
    f.based_places();
    f.aka_aliases();
    f.parenthesised_acronyms();
    f.operations();
    f.groups();
    f.possessive_groups();
    f.defined_groups();
    f.state_counts();
    f.offices(sentences);
    f.definite_descriptions();
    f.staff_anaphora();
    f.enumerated_groups();
    f.ports_at_places();
    f.role_relations();
    f.signature_blocks();
    f.us_attorneys();
    pronouns(&mut f, sentences);
    f.sort();
    Found {
        mentions: f.mentions.into_sorted(),
        implied: f.implied,
    }
}

/// "SENIOR ADMINISTRATION OFFICIAL" → "Senior Administration Official".
pub(super) fn title_case(words: &[&str]) -> String {
    words
        .iter()
        .map(|w| {
            let lower = w.to_lowercase();
            let mut c = lower.chars();
            c.next()
                .map(|f| f.to_uppercase().collect::<String>() + c.as_str())
                .unwrap_or_default()
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// Regions and groups of countries, classed Country but not one country.
fn is_region(label: &str) -> bool {
    const REGIONS: &[&str] = &[
        "America",
        "Americas",
        "Asia",
        "Europe",
        "Africa",
        "Hemisphere",
        "countries",
        "Oceania",
    ];
    label
        .split_whitespace()
        .last()
        .is_some_and(|w| REGIONS.contains(&w))
}

/// Pass 5: pronouns and definite descriptions, resolved to what came before.
/// "we"/"our"/"us" are left to the speaker stage (see `resolve_we`).
static DRUG_ANAPHOR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"^(?:{SUBSTANCE_ANAPHOR_DET})\s+(?:{DRUG_ANAPHOR_NOUNS})$"
    ))
    .expect("drug anaphor")
});

static SUBSTANCE_ANAPHOR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"^(?:{SUBSTANCE_ANAPHOR_DET})\s+(?:{SUBSTANCE_ANAPHOR_NOUNS})$"
    ))
    .expect("substance anaphor")
});

static GROUP_ANAPHOR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"^(?:{GROUP_ANAPHOR_DET})\s+(?:{GROUP_ANAPHOR_NOUNS})$"
    ))
    .expect("group anaphor")
});

/// The class a demonstrative group noun ("those companies") refers to.
fn group_anaphor_class(w: &str) -> EntityClass {
    let head = w.rsplit(' ').next().unwrap_or_default();
    match head {
        "individuals" | "persons" | "people" => EntityClass::Person,
        "networks" | "organizations" | "organisations" => EntityClass::CriminalOrganization,
        _ => EntityClass::Company,
    }
}

/// The subject of sentence `k` (its first mention, named or resolved) when
/// it is a group of firms, people or criminal organisations.
fn previous_subject(
    f: &Finder<'_>,
    sentences: &[Sentence],
    k: usize,
    named: &[Mention],
    resolved: &[Mention],
) -> Option<usize> {
    let prev = sentences.get(k.checked_sub(1)?)?;
    let first = named
        .iter()
        .chain(resolved)
        .filter(|m| m.start >= prev.start && m.end <= prev.end)
        .min_by_key(|m| m.start)?;
    // Only a sentence that opens with it ("Those companies are …").
    let lead = f.text[prev.start..first.start].trim();
    if !(lead.is_empty() || lead.eq_ignore_ascii_case("the")) {
        return None;
    }
    let e = f.ents.get(first.ent);
    let group = matches!(
        e.class,
        EntityClass::Company | EntityClass::CriminalOrganization | EntityClass::Person
    ) && e.label.ends_with('s');
    group.then_some(first.ent)
}

fn pronouns(f: &mut Finder<'_>, sentences: &[Sentence]) {
    let text = f.text;
    let hits: Vec<(usize, usize, String)> = PRONOUN
        .find_iter(text)
        .map(|m| (m.start(), m.end(), m.as_str().to_lowercase()))
        .collect();
    // Names so far, sorted by start, for windowed look-back by binary search.
    let mut named: Vec<Mention> = f
        .mentions
        .iter()
        .filter(|m| m.kind != MentionKind::Pronoun)
        .cloned()
        .collect();
    named.sort_by_key(|m| m.start);
    // What this pass resolved so far, in text order.
    let mut resolved: Vec<Mention> = Vec::new();
    for (s, e, word) in hits {
        let lo = named.partition_point(|m| m.start < s.saturating_sub(200));
        let hi = named.partition_point(|m| m.start < e);
        if named[lo..hi].iter().any(|m| m.start < e && s < m.end) {
            continue;
        }
        // "both cartels, Gulf and Juárez": the names that follow win.
        if word.contains("cartel") {
            let next = named.partition_point(|m| m.start < e);
            if named
                .get(next)
                .is_some_and(|m| m.start <= e + 2 && f.ents.get(m.ent).class == EntityClass::Cartel)
            {
                continue;
            }
        }
        let k = sentences.partition_point(|x| x.start <= s);
        let sentence_start = if k > 0 { sentences[k - 1].start } else { 0 };
        let window = sentence_start.saturating_sub(2500);
        let from = named.partition_point(|m| m.start < window);
        let earlier: Vec<Mention> = named[from..hi]
            .iter()
            .filter(|m| m.end <= s)
            .cloned()
            .collect();
        // "These firms are India-based. They also sell …": a
        // sentence opening with "they" continues the subject of the
        // sentence before when that is a group of people or firms.
        let continued =
            if word == "they" && k > 0 && text[sentences[k - 1].start..s].trim().is_empty() {
                previous_subject(f, sentences, k - 1, &named, &resolved)
            } else {
                None
            };
        let targets: Vec<usize> = match word.as_str() {
            _ if continued.is_some() => continued.into_iter().collect(),
            "he" | "she" => earlier
                .iter()
                .rev()
                .find(|m| f.ents.get(m.ent).class == EntityClass::Person)
                .map(|m| vec![m.ent])
                .unwrap_or_default(),
            // "charged him": the last person named in this or the sentence
            // before, not a transcript's speaker label ("MR. KEANE:"), who
            // would not be "him" in their own words.
            "him" => {
                let from = if k >= 2 { sentences[k - 2].start } else { 0 };
                earlier
                    .iter()
                    .rev()
                    .take_while(|m| m.start >= from)
                    .filter(|m| !text[m.end..].trim_start().starts_with(':'))
                    .find(|m| f.ents.get(m.ent).class == EntityClass::Person)
                    .map(|m| vec![m.ent])
                    .unwrap_or_default()
            }
            "we" | "us" | "our" => continue,
            // "bought fentanyl in Phoenix and sold it in Denver": "it" as
            // the object of a verb that moves or sells is the drug or
            // chemical named before it in the sentence.
            "it" => {
                if !MOVED_IT.is_match(&text[sentence_start..s]) {
                    continue;
                }
                earlier
                    .iter()
                    .rev()
                    .take_while(|m| m.start >= sentence_start)
                    .find(|m| f.ents.get(m.ent).class.is_substance())
                    .map(|m| vec![m.ent])
                    .unwrap_or_default()
            }
            // "the pills", "these drugs": the last drug named in this
            // sentence or the two before.
            w if DRUG_ANAPHOR.is_match(w) => {
                let from = if k >= 3 { sentences[k - 3].start } else { 0 };
                // "fentanyl pills … made to look like oxycodone. The pills
                // …": the drug the same noun was said of first.
                let noun = w.rsplit(' ').next().unwrap_or("");
                let window = || {
                    earlier
                        .iter()
                        .rev()
                        .take_while(|m| m.start >= from)
                        .filter(|m| f.ents.get(m.ent).class == EntityClass::Drug)
                };
                let found = window()
                    .find(|m| {
                        let own = &text[m.start..m.end];
                        own.len() >= noun.len()
                            && own
                                .get(own.len() - noun.len()..)
                                .is_some_and(|n| n.eq_ignore_ascii_case(noun))
                            || text[m.end..]
                                .trim_start()
                                .get(..noun.len())
                                .is_some_and(|n| n.eq_ignore_ascii_case(noun))
                    })
                    .or_else(|| window().next())
                    .map(|m| m.ent);
                match found {
                    Some(t) => vec![t],
                    None => continue,
                }
            }
            // "the chemicals", "these precursors": the last precursor named
            // in this sentence or the one before.
            w if SUBSTANCE_ANAPHOR.is_match(w) => {
                let from = if k >= 2 { sentences[k - 2].start } else { 0 };
                // "both chemicals": the last two.
                let wanted = if w.starts_with("both") { 2 } else { 1 };
                let mut found: Vec<usize> = Vec::new();
                for m in earlier.iter().rev().take_while(|m| m.start >= from) {
                    if f.ents.get(m.ent).class == EntityClass::PrecursorChemical
                        && !found.contains(&m.ent)
                    {
                        found.push(m.ent);
                        if found.len() == wanted {
                            break;
                        }
                    }
                }
                if found.len() < wanted {
                    continue;
                }
                found
            }
            // "those companies", "these individuals": the last group of
            // that kind named before.
            w if GROUP_ANAPHOR.is_match(w) => {
                let class = group_anaphor_class(w);
                let found = earlier
                    .iter()
                    .rev()
                    .chain(resolved.iter().filter(|m| m.end <= s).rev())
                    .find(|m| {
                        let e = f.ents.get(m.ent);
                        e.class == class && e.label.ends_with('s')
                    })
                    .map(|m| m.ent);
                match found {
                    Some(t) => vec![t],
                    None => continue,
                }
            }

            w if w.contains("countries")
                || w.contains("nations")
                || w.contains("governments")
                || w.contains("sides") =>
            {
                // "both countries": the last two countries named. "The two
                // sides" names no kind: the last sentence that names exactly
                // two countries says which.
                let is_country = |m: &Mention| {
                    let e = f.ents.get(m.ent);
                    e.class == EntityClass::Country && !is_region(&e.label)
                };
                let mut countries: Vec<usize> = Vec::new();
                if w.contains("sides") {
                    let mut current = usize::MAX;
                    let mut in_sentence: Vec<usize> = Vec::new();
                    for m in earlier.iter().rev().filter(|m| is_country(m)) {
                        let k = sentences.partition_point(|x| x.start <= m.start);
                        if k != current {
                            if in_sentence.len() == 2 {
                                break;
                            }
                            in_sentence.clear();
                            current = k;
                        }
                        if !in_sentence.contains(&m.ent) {
                            in_sentence.push(m.ent);
                        }
                    }
                    if in_sentence.len() == 2 {
                        countries = in_sentence;
                    }
                } else {
                    for m in earlier.iter().rev().filter(|m| is_country(m)) {
                        if !countries.contains(&m.ent) {
                            countries.push(m.ent);
                        }
                        if countries.len() == 2 {
                            break;
                        }
                    }
                }
                if countries.len() == 2 && (w.starts_with("both") || w.contains("two")) {
                    countries
                } else {
                    Vec::new()
                }
            }
            w if w.contains("cartel") || w == "they" || w == "them" => {
                // The last two or more cartels named together, else the last
                // cartel group.
                let mut cartels: Vec<usize> = Vec::new();
                for m in earlier.iter().rev() {
                    if f.ents.get(m.ent).class != EntityClass::Cartel {
                        continue;
                    }
                    if !cartels.contains(&m.ent) {
                        cartels.push(m.ent);
                    }
                    if cartels.len() == 2 {
                        break;
                    }
                }
                // "the two cartels", "both cartels": the last pair named in
                // one sentence, when there is one in reach.
                if w.contains("two") || w.starts_with("both") {
                    let mut by_sentence: Vec<usize> = Vec::new();
                    let mut current = usize::MAX;
                    for m in earlier.iter().rev() {
                        let e = f.ents.get(m.ent);
                        if e.class != EntityClass::Cartel || e.label.ends_with('s') {
                            continue;
                        }
                        let k = sentences.partition_point(|x| x.start <= m.start);
                        if k != current {
                            if by_sentence.len() >= 2 {
                                break;
                            }
                            by_sentence.clear();
                            current = k;
                        }
                        if !by_sentence.contains(&m.ent) {
                            by_sentence.push(m.ent);
                        }
                    }
                    if by_sentence.len() >= 2 {
                        cartels = by_sentence;
                    }
                }
                // "the two cartels that …: the Sinaloa and Jalisco cartels":
                // the names after a colon in the same sentence say which.
                let sentence_end = if k > 0 {
                    sentences[k - 1].end
                } else {
                    text.len()
                };
                if let Some(colon) = text[e..sentence_end.max(e)].find(':') {
                    let after = e + colon;
                    let mut named_after: Vec<usize> = Vec::new();
                    for m in named[hi..].iter() {
                        if m.start >= sentence_end {
                            break;
                        }
                        if m.start > after
                            && f.ents.get(m.ent).class == EntityClass::Cartel
                            && !named_after.contains(&m.ent)
                        {
                            named_after.push(m.ent);
                        }
                    }
                    if named_after.len() >= 2 {
                        cartels = named_after;
                    }
                }
                let plural_group = cartels
                    .first()
                    .is_some_and(|&c| f.ents.get(c).label.ends_with('s'));
                if cartels.len() >= 2 && !plural_group {
                    cartels
                } else if let Some(&c) = cartels.first() {
                    vec![c]
                } else if w.contains("cartel") {
                    vec![f.ents.named(f.lex, "drug cartels", EntityClass::Cartel)]
                } else {
                    Vec::new()
                }
            }
            _ => Vec::new(),
        };
        for t in targets {
            let m = Mention {
                start: s,
                end: e,
                ent: t,
                kind: MentionKind::Pronoun,
                quantity: None,
            };
            resolved.push(m.clone());
            f.push_mention(m);
            if word.contains("cartel") {
                f.ents.alias(t, &text[s..e]);
            }
        }
    }
}

/// The items of a list that runs from `from` to the sentence's end at
/// `end`: "A, B and C." as the spans of A, B and C (a leading "the" and
/// a bracketed short form left out). None when anything else stands
/// between the items.
fn list_items(text: &str, from: usize, end: usize) -> Option<Vec<(usize, usize)>> {
    let mut items = Vec::new();
    let body = text[from..end].trim_end();
    let body = body.strip_suffix(['.', ';']).unwrap_or(body);
    let mut at = from;
    for part in body.split(',') {
        let part_start = at;
        at += part.len() + 1;
        for piece in part.split(" and ") {
            let off = part_start + (piece.as_ptr() as usize - part.as_ptr() as usize);
            let trimmed = piece.trim_start();
            let mut s = off + (piece.len() - trimmed.len());
            let mut item = trimmed.trim_end();
            if item.is_empty() {
                continue;
            }
            if let Some(rest) = item.strip_prefix("the ") {
                s += 4;
                item = rest;
            }
            // "Apex Trading (Apex)"
            if let Some(open) = item.find(" (") {
                if item.ends_with(')') {
                    item = &item[..open];
                }
            }
            items.push((s, s + item.len()));
        }
    }
    (!items.is_empty()).then_some(items)
}

/// A run of capitalised words ("Lumen Realty", "Grupo de la Sierra"), with
/// lower-case connectors inside only.
fn capitalised_run(s: &str) -> bool {
    let words: Vec<&str> = s.split_whitespace().collect();
    !words.is_empty()
        && words.len() <= 8
        && words
            .first()
            .is_some_and(|w| w.starts_with(char::is_uppercase))
        && words
            .last()
            .is_some_and(|w| w.starts_with(char::is_uppercase))
        && words.iter().all(|w| {
            w.starts_with(char::is_uppercase)
                || matches!(
                    *w,
                    "de" | "del" | "la" | "of" | "and" | "&" | "y" | "von" | "van"
                )
        })
}
