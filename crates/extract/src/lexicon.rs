//! The lexicons: gazetteer, group nouns, titles, negation cues and relation
//! patterns, read from the data files of `ontology/`.
//!
//! Rationale: the files are compiled into the binary (`include_str!`) so that
//! extraction needs no paths at run time, but they stay plain data that an
//! analyst can read and extend; [`Lexicon::from_sources`] accepts other files.

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use fkg_model::{slug, EntityClass, Property};
use regex::Regex;
use std::collections::HashMap;

/// A lexicon file failed to parse.
#[derive(Debug, thiserror::Error)]
#[error("{file}:{line}: {message}")]
pub struct LexiconError {
    pub file: &'static str,
    pub line: usize,
    pub message: String,
}

/// One gazetteer entry.
#[derive(Debug, Clone)]
pub struct GazEntry {
    pub id: String,
    pub class: EntityClass,
    pub label: String,
    pub aliases: Vec<String>,
    pub demonyms: Vec<String>,
    pub located_in: Option<String>,
    pub wikidata: Option<String>,
}

impl GazEntry {
    /// Short name used in office labels: the shortest acronym, else the label.
    pub fn short_name(&self) -> &str {
        self.aliases
            .iter()
            .filter(|a| a.len() >= 2 && a.chars().all(|c| c.is_ascii_uppercase()))
            .min_by_key(|a| a.len())
            .map(String::as_str)
            .unwrap_or(&self.label)
    }
}

/// What a surface form in the automaton stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SurfaceKind {
    /// A name or alias of gazetteer entry `n`.
    Name(usize),
    /// A demonym of gazetteer entry `n`.
    Demonym(usize),
}

#[derive(Debug, Clone)]
pub struct Surface {
    pub text: String,
    pub kind: SurfaceKind,
    /// Acronyms match only in exactly their case.
    pub exact_case: bool,
    /// Capitalised forms only match capitalised text.
    pub capitalised: bool,
}

/// A group noun head ("chemical companies").
#[derive(Debug, Clone)]
pub struct GroupHead {
    /// `None` for heads that name the place itself ("authorities").
    pub class: Option<EntityClass>,
    pub canonical: String,
    pub surface: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TitleKind {
    Leads,
    Member,
}

#[derive(Debug, Clone)]
pub struct Title {
    pub kind: TitleKind,
    pub text: String,
    pub default_org: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CueKind {
    Negative,
    Hedged,
}

/// Which argument order a relation pattern expects around its trigger.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Order {
    /// Subject, trigger, object (`SO` in the file).
    Forward,
    /// Object, trigger, subject (`OS`).
    Backward,
    /// Trigger, then subject, then object (`VSO`: "identified those cartels in 40 countries").
    TriggerFirst,
}

#[derive(Debug, Clone)]
pub struct RelationRule {
    pub id: String,
    pub property: Property,
    pub order: Order,
    pub trigger: Regex,
    /// Empty: any class.
    pub subject: Vec<EntityClass>,
    pub object: Vec<EntityClass>,
    pub subject_prep: Option<Regex>,
    pub object_prep: Option<Regex>,
    pub gap: usize,
    pub confidence: f64,
}

/// All lexicons, with the automaton over every gazetteer surface form.
#[derive(Debug)]
pub struct Lexicon {
    pub entries: Vec<GazEntry>,
    pub by_id: HashMap<String, usize>,
    pub surfaces: Vec<Surface>,
    pub automaton: AhoCorasick,
    /// Sorted longest first.
    pub groups: Vec<GroupHead>,
    /// One word-bounded, case-insensitive regex per group head.
    pub group_regexes: Vec<Regex>,
    /// The same in one set: which group nouns a text has at all.
    pub group_set: regex::RegexSet,
    /// Title, optional "of/for ORG", then a person's name.
    pub title_regex: Regex,
    /// Sorted longest first.
    pub titles: Vec<Title>,
    pub cues: Vec<(CueKind, Regex)>,
    /// The cues in one set, in the order of `cues`.
    pub cue_set: regex::RegexSet,
    pub rules: Vec<RelationRule>,
    /// Every rule's trigger in one set: one pass over a sentence says
    /// which rules can match it.
    pub trigger_set: regex::RegexSet,
}

const GAZETTEER: &str = include_str!("../../../ontology/gazetteer.tsv");
const GROUPS: &str = include_str!("../../../ontology/lexicon/groups.tsv");
const TITLES: &str = include_str!("../../../ontology/lexicon/titles.tsv");
const CUES: &str = include_str!("../../../ontology/lexicon/cues.tsv");
const RELATIONS: &str = include_str!("../../../ontology/lexicon/relations.tsv");

/// The files a lexicon is read from.
#[derive(Debug, Clone, Copy)]
pub struct LexiconSources<'a> {
    pub gazetteer: &'a str,
    pub groups: &'a str,
    pub titles: &'a str,
    pub cues: &'a str,
    pub relations: &'a str,
}

impl Default for LexiconSources<'static> {
    fn default() -> Self {
        Self {
            gazetteer: GAZETTEER,
            groups: GROUPS,
            titles: TITLES,
            cues: CUES,
            relations: RELATIONS,
        }
    }
}

/// The raw gazetteer file, for loading it into the store's gazetteer graph.
pub fn gazetteer_source() -> &'static str {
    GAZETTEER
}

fn rows(text: &str) -> impl Iterator<Item = (usize, Vec<&str>)> {
    text.lines().enumerate().filter_map(|(i, l)| {
        let l = l.trim_end_matches('\r');
        if l.trim().is_empty() || l.starts_with('#') {
            None
        } else {
            Some((i + 1, l.split('\t').map(str::trim).collect()))
        }
    })
}

fn list(cell: &str) -> Vec<String> {
    if cell == "-" || cell.is_empty() {
        Vec::new()
    } else {
        cell.split('|')
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(String::from)
            .collect()
    }
}

fn opt(cell: Option<&&str>) -> Option<String> {
    cell.filter(|c| **c != "-" && !c.is_empty())
        .map(|c| c.to_string())
}

/// Class names and group names of the relation file.
pub fn parse_classes(cell: &str) -> Result<Vec<EntityClass>, String> {
    use EntityClass::*;
    let mut out = Vec::new();
    for word in cell.split_whitespace() {
        let add: &[EntityClass] = match word {
            "-" | "any" => &[],
            "Port" => &[PortOfEntry],
            "Crim" => &[CriminalOrganization],
            "Agency" => &[GovernmentAgency],
            "Precursor" => &[PrecursorChemical],
            "actor" => &[
                Country,
                Cartel,
                CriminalOrganization,
                GovernmentAgency,
                Company,
                Person,
            ],
            "org" => &[Cartel, CriminalOrganization, GovernmentAgency, Company],
            "criminal" => &[Cartel, CriminalOrganization, Company, Person],
            "place" => &[Country, State, City, PortOfEntry],
            "area" => &[Country, State, City],
            "substance" => &[Drug, PrecursorChemical],
            other => match EntityClass::from_local_name(other) {
                Some(c) => {
                    out.push(c);
                    continue;
                }
                None => return Err(format!("unknown class {other:?}")),
            },
        };
        out.extend_from_slice(add);
    }
    Ok(out)
}

/// A pattern matched on word boundaries. The boundaries are ASCII ones:
/// the patterns are English words, and a Unicode boundary makes the fast
/// regex engines give up on any text with a non-ASCII letter (measured:
/// a third of extraction time went to the slow fallback).
fn word_regex(pattern: &str) -> Result<Regex, regex::Error> {
    let pattern = pattern.replace(r"\b", r"(?-u:\b)");
    Regex::new(&format!(r"(?i)(?:^|(?-u:\b))(?:{pattern})(?:(?-u:\b)|$)"))
}

impl Lexicon {
    /// The lexicon built from the bundled `ontology/` files.
    pub fn bundled() -> Result<Self, LexiconError> {
        Self::from_sources(LexiconSources::default())
    }

    pub fn from_sources(src: LexiconSources<'_>) -> Result<Self, LexiconError> {
        let err = |file, line, message: String| LexiconError {
            file,
            line,
            message,
        };
        let mut entries = Vec::new();
        for (line, cols) in rows(src.gazetteer) {
            if cols.len() < 3 {
                return Err(err(
                    "gazetteer.tsv",
                    line,
                    "expected at least 3 columns".into(),
                ));
            }
            let class = EntityClass::from_local_name(cols[0]).ok_or_else(|| {
                err(
                    "gazetteer.tsv",
                    line,
                    format!("unknown class {:?}", cols[0]),
                )
            })?;
            entries.push(GazEntry {
                id: slug(cols[1]),
                class,
                label: cols[1].to_string(),
                aliases: cols.get(2).map(|c| list(c)).unwrap_or_default(),
                demonyms: cols.get(3).map(|c| list(c)).unwrap_or_default(),
                located_in: opt(cols.get(4)),
                wikidata: opt(cols.get(5)),
            });
        }
        let mut by_id = HashMap::new();
        for (i, e) in entries.iter().enumerate() {
            if by_id.insert(e.id.clone(), i).is_some() {
                return Err(err(
                    "gazetteer.tsv",
                    0,
                    format!("duplicate entity {:?}", e.id),
                ));
            }
        }
        // "Mexican Attorney General's Office" is also "Mexico's Attorney
        // General's Office": a name opening with a country's demonym is
        // also written with the country's possessive.
        let possessives: HashMap<&str, &str> = entries
            .iter()
            .filter(|e| e.class == EntityClass::Country)
            .flat_map(|e| {
                e.demonyms
                    .iter()
                    .map(move |d| (d.as_str(), e.label.as_str()))
            })
            .collect();
        let mut surfaces = Vec::new();
        for (i, e) in entries.iter().enumerate() {
            for name in std::iter::once(&e.label).chain(&e.aliases) {
                let text = name.strip_prefix("the ").unwrap_or(name).to_string();
                if let Some((first, rest)) = text.split_once(' ') {
                    if let Some(country) = possessives.get(first) {
                        for apostrophe in ["'", "’"] {
                            surfaces.push(surface(
                                format!("{country}{apostrophe}s {rest}"),
                                SurfaceKind::Name(i),
                            ));
                        }
                    }
                }
                surfaces.push(surface(text, SurfaceKind::Name(i)));
            }
            for d in &e.demonyms {
                surfaces.push(surface(d.clone(), SurfaceKind::Demonym(i)));
            }
        }
        let automaton = AhoCorasickBuilder::new()
            .ascii_case_insensitive(true)
            .match_kind(MatchKind::Standard)
            .build(surfaces.iter().map(|s| s.text.as_str()))
            .map_err(|e| err("gazetteer.tsv", 0, e.to_string()))?;

        let mut groups = Vec::new();
        for (line, cols) in rows(src.groups) {
            if cols.len() < 3 {
                return Err(err("groups.tsv", line, "expected 3 columns".into()));
            }
            let class = if cols[0] == "self" {
                None
            } else {
                Some(EntityClass::from_local_name(cols[0]).ok_or_else(|| {
                    err("groups.tsv", line, format!("unknown class {:?}", cols[0]))
                })?)
            };
            for s in list(cols[2]) {
                groups.push(GroupHead {
                    class,
                    canonical: cols[1].to_string(),
                    surface: s,
                });
            }
        }
        groups.sort_by_key(|g| std::cmp::Reverse(g.surface.len()));

        let mut titles = Vec::new();
        for (line, cols) in rows(src.titles) {
            let kind = match cols[0] {
                "leads" => TitleKind::Leads,
                "member" => TitleKind::Member,
                other => return Err(err("titles.tsv", line, format!("unknown kind {other:?}"))),
            };
            let default_org = opt(cols.get(2));
            for t in list(cols.get(1).copied().unwrap_or("-")) {
                titles.push(Title {
                    kind,
                    text: t,
                    default_org: default_org.clone(),
                });
            }
        }
        titles.sort_by_key(|t| std::cmp::Reverse(t.text.len()));

        let mut cues = Vec::new();
        for (line, cols) in rows(src.cues) {
            let kind = match cols[0] {
                "negative" => CueKind::Negative,
                "hedged" => CueKind::Hedged,
                other => return Err(err("cues.tsv", line, format!("unknown kind {other:?}"))),
            };
            let re = word_regex(cols.get(1).copied().unwrap_or(""))
                .map_err(|e| err("cues.tsv", line, e.to_string()))?;
            cues.push((kind, re));
        }

        let mut rules = Vec::new();
        for (line, cols) in rows(src.relations) {
            if cols.len() < 10 {
                return Err(err("relations.tsv", line, "expected 10 columns".into()));
            }
            let e = |m: String| err("relations.tsv", line, m);
            let property = Property::from_local_name(cols[1])
                .ok_or_else(|| e(format!("unknown property {:?}", cols[1])))?;
            let order = match cols[2] {
                "SO" => Order::Forward,
                "OS" => Order::Backward,
                "VSO" => Order::TriggerFirst,
                other => return Err(e(format!("unknown order {other:?}"))),
            };
            let prep = |cell: &str| -> Result<Option<Regex>, LexiconError> {
                if cell == "-" {
                    Ok(None)
                } else {
                    Regex::new(&format!(
                        r"(?i)(?-u:\b)(?:{cell})\s+(?:the\s+|a\s+|an\s+|our\s+|their\s+|its\s+)?(?:(?:established|official|legal|legitimate|major|main|busiest|busy|key|commercial|several|many|various|these|those|all|other)\s+)?$"
                    ))
                    .map(Some)
                    .map_err(|x| e(x.to_string()))
                }
            };
            rules.push(RelationRule {
                id: cols[0].to_string(),
                property,
                order,
                trigger: word_regex(cols[3]).map_err(|x| e(x.to_string()))?,
                subject: parse_classes(cols[4]).map_err(e)?,
                object: parse_classes(cols[5]).map_err(|m| err("relations.tsv", line, m))?,
                subject_prep: prep(cols[6])?,
                object_prep: prep(cols[7])?,
                gap: cols[8]
                    .parse()
                    .map_err(|_| err("relations.tsv", line, "gap is not a number".into()))?,
                confidence: cols[9]
                    .parse()
                    .map_err(|_| err("relations.tsv", line, "conf is not a number".into()))?,
            });
        }
        let group_regexes = groups
            .iter()
            .map(|g| {
                Regex::new(&format!(
                    r"(?i)(?-u:\b){}(?-u:\b)",
                    regex::escape(&g.surface)
                ))
            })
            .collect::<Result<Vec<_>, _>>()
            .map_err(|e| err("groups.tsv", 0, e.to_string()))?;
        let title_alternatives: Vec<String> =
            titles.iter().map(|t| regex::escape(&t.text)).collect();
        let title_regex = Regex::new(&format!(
            r"(?-u:\b)(?:(?:then-|former\s+|[Ff]ormer\s+)?({})),?\s+(?:(?:of|for)\s+(?:the\s+)?(\p{{Lu}}[\p{{L}}'’\-]*(?:\s+(?:(?:and|of|for|the|on)\s+){{0,2}}\p{{Lu}}[\p{{L}}'’\-]*){{0,10}})\s+)?(?:(?:Dr\.|Gen\.|Adm\.|Mr\.|Ms\.|Mrs\.)\s+)?({})",
            title_alternatives.join("|"),
            crate::mentions::PERSON_NAME
        ))
        .map_err(|e| err("titles.tsv", 0, e.to_string()))?;
        let trigger_set =
            regex::RegexSet::new(rules.iter().map(|r: &RelationRule| r.trigger.as_str()))
                .map_err(|e| err("relations.tsv", 0, format!("trigger set: {e}")))?;
        let group_set = regex::RegexSet::new(group_regexes.iter().map(|r: &Regex| r.as_str()))
            .map_err(|e| err("groups.tsv", 0, format!("group set: {e}")))?;
        let cue_set = regex::RegexSet::new(cues.iter().map(|(_, r): &(CueKind, Regex)| r.as_str()))
            .map_err(|e| err("cues.tsv", 0, format!("cue set: {e}")))?;
        Ok(Self {
            entries,
            by_id,
            surfaces,
            automaton,
            group_regexes,
            group_set,
            title_regex,
            groups,
            titles,
            cues,
            cue_set,
            rules,
            trigger_set,
        })
    }

    pub fn entry(&self, id: &str) -> Option<&GazEntry> {
        self.by_id.get(id).map(|&i| &self.entries[i])
    }

    /// The entry whose label or alias is `name` (case-insensitive).
    pub fn find_name(&self, name: &str) -> Option<&GazEntry> {
        let name = name.strip_prefix("the ").unwrap_or(name);
        self.surfaces.iter().find_map(|s| match s.kind {
            SurfaceKind::Name(i) if s.text.eq_ignore_ascii_case(name) => Some(&self.entries[i]),
            _ => None,
        })
    }
}

fn surface(text: String, kind: SurfaceKind) -> Surface {
    let letters: Vec<char> = text.chars().filter(|c| c.is_alphabetic()).collect();
    let exact_case = letters.len() >= 2 && letters.iter().all(|c| c.is_uppercase());
    let capitalised = text.chars().next().is_some_and(char::is_uppercase);
    Surface {
        text,
        kind,
        exact_case,
        capitalised,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bundled_lexicon_parses() {
        let lex = Lexicon::bundled().unwrap();
        assert!(lex.entries.len() > 250);
        let china = lex.entry("China").unwrap();
        assert_eq!(china.class, EntityClass::Country);
        assert!(china.demonyms.contains(&"Chinese".to_string()));
        assert_eq!(
            lex.entry("Drug_Enforcement_Administration")
                .unwrap()
                .short_name(),
            "DEA"
        );
        assert!(lex.rules.len() > 20);
        assert_eq!(lex.find_name("the CJNG").unwrap().label, "Jalisco Cartel");
    }

    #[test]
    fn every_located_in_names_an_entry() {
        let lex = Lexicon::bundled().unwrap();
        for e in &lex.entries {
            if let Some(p) = &e.located_in {
                assert!(
                    lex.find_name(p).is_some(),
                    "{} located in unknown {p}",
                    e.label
                );
            }
        }
    }

    #[test]
    fn bad_rows_are_reported_with_their_line() {
        let src = LexiconSources {
            gazetteer: "# c\nPlanet\tMars\t-\n",
            ..LexiconSources::default()
        };
        let e = Lexicon::from_sources(src).unwrap_err();
        assert_eq!((e.file, e.line), ("gazetteer.tsv", 2));
        assert!(e.message.contains("Planet"));
    }
}
