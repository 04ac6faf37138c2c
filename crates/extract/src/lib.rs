//! fkg-extract: text in, an [`Extraction`] out — entities, evidence-carrying
//! assertions and diagnostics. Deterministic, rule-based and explainable:
//! every assertion names the rule that found it. No store, no RDF.
//!
//! The stages, in order: segmentation ([`text`]), mentions (gazetteer,
//! group nouns, people, offices, pronouns), speakers (transcript turns,
//! quotations, speech verbs), relations (patterns of
//! `ontology/lexicon/relations.tsv` and a few constructions), polarity and
//! quantities, then assembly with character offsets.

pub mod dates;
mod entities;
pub mod frames;
pub mod lang;
mod lexicon;
mod mentions;
pub mod ontology;
mod relations;
pub mod text;

pub use dates::{Date, DateMention, Period};
pub use lexicon::{gazetteer_source, GazEntry, Lexicon, LexiconError, LexiconSources};

use entities::Entities;
use fkg_model::{
    Assertion, DateSource, Diagnostic, DocumentDate, Entity, EntityClass, Evidence, Extraction,
    Polarity, Property, Severity, StatementDate,
};
use mentions::{Mention, MentionKind};
use rayon::prelude::*;
use regex::Regex;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::sync::LazyLock;

/// Documents longer than this are cut, with a diagnostic.
pub const MAX_DOCUMENT_BYTES: usize = 64 * 1024 * 1024;
/// Sentences longer than this are skipped, with a diagnostic (pathological input).
const MAX_SENTENCE_BYTES: usize = 8 * 1024;

static SPEECH_VERB: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?-u:\b)(?:said|says|say|added|adding|told|stated|stating|noted|explained|warned|argued|testified|continued|mentioned|assured|acknowledged|announced|asked|replied|indicated|emphasized|stressed|insisted|claimed|complained)(?-u:\b)")
        .expect("speech verb")
});

/// A text segmented, with its entities and mentions.
struct Reading {
    paragraphs: Vec<text::Paragraph>,
    sentences: Vec<text::Sentence>,
    turns: Vec<text::Turn>,
    /// The tagged tokens of each sentence (none for over-long ones).
    tokens: Vec<Vec<lang::Token>>,
    ents: Entities,
    found: mentions::Found,
}

/// What extraction is told about a document from outside its text.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ExtractOptions {
    document_date: Option<String>,
}

impl ExtractOptions {
    pub fn new() -> Self {
        Self::default()
    }

    /// The document's date from its metadata (`YYYY-MM-DD` or an
    /// `xsd:dateTime`): it wins over a dateline, and relative expressions
    /// ("last week") resolve against it.
    pub fn with_document_date(mut self, date: impl Into<String>) -> Self {
        self.document_date = Some(date.into());
        self
    }
}

/// The extractor: a lexicon, and the pipeline over it.
#[derive(Debug)]
pub struct Extractor {
    lex: Lexicon,
    tagger: lang::Tagger,
    frames: frames::Frames,
    signatures: ontology::Signatures,
    table_rules: bool,
}

impl Extractor {
    /// Whether the gazetteer puts both entities in countries and those
    /// differ (unknown entities are in no country).
    fn countries_differ(&self, a: &str, b: &str) -> bool {
        let country = |id: &str| -> Option<String> {
            let mut e = self.lex.entry(id)?;
            for _ in 0..4 {
                if e.class == EntityClass::Country {
                    return Some(e.id.clone());
                }
                e = self.lex.find_name(e.located_in.as_deref()?)?;
            }
            None
        };
        matches!((country(a), country(b)), (Some(x), Some(y)) if x != y)
    }

    /// An extractor over the lexicons bundled from `ontology/`.
    pub fn new() -> Result<Self, LexiconError> {
        Self::from_lexicon(Lexicon::bundled()?)
    }

    /// An extractor over `lex`, with the bundled tagger and frames (whose
    /// parsing the tests check).
    pub fn with_lexicon(lex: Lexicon) -> Self {
        Self::from_lexicon(lex).expect("bundled frames.tsv and fkg.ttl parse")
    }

    fn from_lexicon(lex: Lexicon) -> Result<Self, LexiconError> {
        let bundled = |file: &'static str| {
            move |message| LexiconError {
                file,
                line: 0,
                message,
            }
        };
        Ok(Self {
            lex,
            tagger: lang::Tagger::bundled(),
            frames: frames::Frames::bundled().map_err(bundled("frames.tsv"))?,
            signatures: ontology::Signatures::bundled().map_err(bundled("fkg.ttl"))?,
            table_rules: true,
        })
    }

    /// The same extractor without the trigger patterns of `relations.tsv`,
    /// to measure what the frames find alone.
    pub fn without_table_rules(mut self) -> Self {
        self.table_rules = false;
        self
    }

    pub fn lexicon(&self) -> &Lexicon {
        &self.lex
    }

    /// Extracts one document. Never fails: problems become diagnostics.
    pub fn extract(&self, text: &str) -> Extraction {
        self.extract_with(text, &ExtractOptions::default())
    }

    /// Extracts one document with what is known of it from outside.
    pub fn extract_with(&self, text: &str, options: &ExtractOptions) -> Extraction {
        let mut diagnostics = Vec::new();
        let mut text = text;
        if text.len() > MAX_DOCUMENT_BYTES {
            let mut cut = MAX_DOCUMENT_BYTES;
            while !text.is_char_boundary(cut) {
                cut -= 1;
            }
            diagnostics.push(Diagnostic {
                severity: Severity::Warning,
                message: format!(
                    "document is {} bytes; only the first {} were read",
                    text.len(),
                    cut
                ),
                char_offset: None,
            });
            text = &text[..cut];
        }
        if text.trim().is_empty() {
            diagnostics.push(Diagnostic {
                severity: Severity::Warning,
                message: "document is empty".into(),
                char_offset: None,
            });
            return Extraction {
                diagnostics,
                ..Extraction::default()
            };
        }
        let (document_date, anchor, dateline) = document_date(text, options, &mut diagnostics);
        let Reading {
            paragraphs,
            sentences,
            turns,
            tokens,
            mut ents,
            found,
        } = self.read(text);
        let mut mentions = found.mentions;
        let mut speakers = speakers(text, &sentences, &turns, &mentions, &ents);
        // "Statement from Deputy Secretary Jane Doe on …": a statement's
        // author speaks every sentence no one else does.
        static AUTHORED: LazyLock<Regex> = LazyLock::new(|| {
            Regex::new(r"^\s*(?:(?:Joint\s+)?Statement|(?:Prepared\s+)?Remarks|Testimony|Op-Ed|Letter)\s+(?:by|from|of)\s+")
                .expect("authored")
        });
        // Within the header: the first three lines ("Department of …" may
        // come first).
        if let Some(p) = paragraphs
            .iter()
            .take(3)
            .find(|p| AUTHORED.is_match(&text[p.start..p.end]))
        {
            let author = mentions
                .iter()
                .filter(|m| m.start >= p.start && m.end <= p.end)
                .find(|m| ents.get(m.ent).class == EntityClass::Person)
                .map(|m| m.ent);
            if let Some(a) = author {
                for s in speakers.iter_mut().filter(|s| s.is_none()) {
                    *s = Some(a);
                }
            }
        }
        // "Answered by: Lord X, Minister of State" (a written answer, a
        // reply to a letter): who answers speaks the text after the field,
        // up to the next such field.
        static ANSWERED: LazyLock<Regex> = LazyLock::new(|| {
            Regex::new(r"^\s*(?:(?:Answered|Replied|Responded|Asked|Signed|Written)\s+by|(?:Answer|Reply|Response)\s+(?:by|from))\s*:")
                .expect("answered")
        });
        let fields: Vec<(usize, Option<usize>)> = paragraphs
            .iter()
            .filter(|p| ANSWERED.is_match(&text[p.start..p.end]))
            .map(|p| {
                let who = mentions
                    .iter()
                    .filter(|m| m.start >= p.start && m.end <= p.end)
                    .find(|m| ents.get(m.ent).class == EntityClass::Person)
                    .map(|m| m.ent);
                (p.end, who)
            })
            .collect();
        for (i, &(from, who)) in fields.iter().enumerate() {
            let Some(who) = who else { continue };
            let to = fields.get(i + 1).map_or(text.len(), |f| f.0);
            for (k, s) in sentences.iter().enumerate() {
                if s.start >= from && s.start < to && speakers[k].is_none() {
                    speakers[k] = Some(who);
                }
            }
        }
        // "Q Good morning, this is Ann Lee with Reuters.": who introduces
        // themselves is speaking.
        for imp in found.implied.iter().filter(|i| i.rule == "introduction") {
            let k = sentences.partition_point(|s| s.start <= imp.at);
            if k > 0 && imp.at < sentences[k - 1].end {
                speakers[k - 1] = Some(imp.subject);
            }
        }
        resolve_we(
            text,
            &sentences,
            &speakers,
            &mut mentions,
            &mut ents,
            &found.implied,
        );
        mentions.sort_by_key(|m| (m.start, std::cmp::Reverse(m.end)));

        let offsets = CharOffsets::new(text);
        let mut assertions: Vec<Assertion> = Vec::new();
        let mut seen = BTreeSet::new();
        let mut used_by_facts: BTreeSet<usize> = BTreeSet::new();
        let mut by_sentence: Vec<Vec<&Mention>> = vec![Vec::new(); sentences.len()];
        let mut si = 0;
        for m in &mentions {
            while si < sentences.len() && sentences[si].end <= m.start {
                si += 1;
            }
            if si < sentences.len()
                && sentences[si].start <= m.start
                && m.end <= sentences[si].end
                && !describes_noun(text, m)
            {
                by_sentence[si].push(m);
            }
        }
        // Implied relations by sentence (sentences are sorted by start).
        let mut implied_at: Vec<Vec<&mentions::Implied>> = vec![Vec::new(); sentences.len()];
        for imp in &found.implied {
            let k = sentences.partition_point(|s| s.start <= imp.at);
            if k > 0 && imp.at < sentences[k - 1].end {
                implied_at[k - 1].push(imp);
            }
        }
        // Which sentences speak of money (the launderers' own name, "money
        // laundering organizations", is no talk of money).
        static MONEY: LazyLock<Regex> = LazyLock::new(|| {
            Regex::new(
                r"(?i)(?-u:\b)(?:launder\w*|profits?|proceeds|money|finance|financial|cash|payments?)(?-u:\b)",
            )
            .expect("money")
        });
        let money: Vec<bool> = sentences
            .iter()
            .zip(&by_sentence)
            .map(|(s, ms)| {
                let said = &text[s.start..s.end];
                MONEY.find_iter(said).any(|w| {
                    let (ws, we) = (s.start + w.start(), s.start + w.end());
                    !ms.iter().any(|m| {
                        m.start <= ws
                            && we <= m.end
                            && ents.get(m.ent).class == EntityClass::CriminalOrganization
                    })
                })
            })
            .collect();
        // A release's header names the agency that issued it.
        let issuer = mentions
            .iter()
            .find(|m| m.kind != MentionKind::Pronoun)
            .filter(|m| {
                ents.get(m.ent).class == EntityClass::GovernmentAgency
                    && !text[..m.start].contains('\n')
            })
            .map(|m| m.ent);
        // (sentence, substance, source country) of recent supplies statements.
        let mut recent_sources: Vec<(usize, usize, usize)> = Vec::new();
        // Who last did each act on someone (sanctioning, charging, arresting).
        let mut last_agent: Vec<(Property, usize)> = Vec::new();
        // A list that a header announces ("Among those designated today:"):
        // its act and agent, for the bulleted items that follow.
        let mut open_list: Option<(ListAct, usize)> = None;
        for (i, s) in sentences.iter().enumerate() {
            if s.end - s.start > MAX_SENTENCE_BYTES {
                diagnostics.push(Diagnostic {
                    severity: Severity::Info,
                    message: format!("sentence of {} bytes skipped", s.end - s.start),
                    char_offset: Some(offsets.at(s.start)),
                });
                continue;
            }
            let ctx = relations::SentenceCtx {
                text,
                lex: &self.lex,
                ents: &ents,
                sentence: s,
                tokens: &tokens[i],
                mentions: by_sentence[i].clone(),
                table_rules: self.table_rules,
                issuer,
                cache: Default::default(),
                groups: Default::default(),
                apposed: Default::default(),
            };
            let mut found_here = relations::sentence_relations(&ctx);
            let (framed_found, claims) =
                frames::sentence_frames(&ctx, &self.frames, &self.tagger, &tokens[i]);
            let produced_there = production_places(&framed_found, &ents);
            found_here.extend(framed_found);
            found_here.extend(produced_there);
            // Consolidation: where a frame read a predicate, a trigger
            // pattern's reading of the same words for the same property
            // (or its opposite: suspending cooperation) yields to it.
            let family = |p: Property| match p {
                Property::SuspendsCooperationWith => Property::CooperatesWith,
                p => p,
            };
            let mut framed: Vec<(Property, (usize, usize))> = found_here
                .iter()
                .filter(|f| f.rule.starts_with("frame:"))
                .filter_map(|f| f.trigger.map(|t| (f.property, t)))
                .collect();
            framed.extend(claims);
            found_here.retain(|f| {
                f.rule.starts_with("frame:")
                    || f.trigger.is_none_or(|t| {
                        !framed.iter().any(|(p, ft)| {
                            family(*p) == family(f.property) && ft.0 < t.1 && t.0 < ft.1
                        })
                    })
            });
            // A bulleted item under a list header: its first name is what
            // the header's act was done to.
            let starts_line = text[..s.start]
                .rfind('\n')
                .is_none_or(|nl| text[nl + 1..s.start].trim().is_empty());
            let bullet = bullet_item(text, s.start, s.end);
            if let Some((list, agent)) = open_list.as_ref() {
                if bullet {
                    let first = by_sentence[i]
                        .iter()
                        .filter(|m| matches!(m.kind, MentionKind::Name | MentionKind::Person))
                        .min_by_key(|m| m.start)
                        .filter(|m| {
                            text[s.start..m.start]
                                .trim_matches(BULLET_CHARS)
                                .trim()
                                .is_empty()
                        });
                    if let Some(m) = first {
                        if list.object_classes.contains(&ents.get(m.ent).class) && m.ent != *agent {
                            found_here.push(relations::Found {
                                subject: *agent,
                                property: list.property,
                                object: m.ent,
                                polarity: Polarity::Positive,
                                quantity: None,
                                more_quantities: Vec::new(),
                                rule: format!("{}+list", list.rule),
                                confidence: 0.7,
                                trigger: None,
                            });
                        }
                    }
                } else if starts_line {
                    open_list = None;
                }
            }
            if let Some(header) =
                list_header(text, s, &tokens[i], &by_sentence[i], &ents, &self.frames)
            {
                let agent = header
                    .agent
                    .or_else(|| {
                        last_agent
                            .iter()
                            .rev()
                            .find(|(p, _)| *p == header.property)
                            .map(|&(_, a)| a)
                    })
                    .or(issuer);
                open_list = agent.map(|agent| (header, agent));
            }
            // "suspended cooperation with X": a reading of cooperation on
            // the words that say it was suspended yields.
            let suspended: Vec<(usize, usize, (usize, usize))> = found_here
                .iter()
                .filter(|f| f.property == Property::SuspendsCooperationWith)
                .filter_map(|f| f.trigger.map(|t| (f.subject, f.object, t)))
                .collect();
            found_here.retain(|f| {
                f.property != Property::CooperatesWith
                    || !suspended.iter().any(|&(s, o, t)| {
                        (s, o) == (f.subject, f.object)
                            && f.trigger.is_some_and(|ft| ft.0 < t.1 && t.0 < ft.1)
                    })
            });
            for imp in implied_at[i].iter().copied() {
                found_here.push(relations::Found {
                    subject: imp.subject,
                    property: imp.property,
                    object: imp.object,
                    polarity: Polarity::Positive,
                    quantity: imp.quantity.clone(),
                    more_quantities: office_countries(text, &mentions, imp),
                    rule: imp.rule.to_string(),
                    confidence: 0.85,
                    trigger: None,
                });
            }
            // "Ma Jun, the general manager of Lotus Trading": who leads an
            // organisation is not also read as one of its members from the
            // same sentence.
            let led: Vec<(usize, usize)> = found_here
                .iter()
                .filter(|f| f.property == Property::Leads && f.polarity == Polarity::Positive)
                .map(|f| (f.subject, f.object))
                .collect();
            found_here.retain(|f| {
                f.property != Property::MemberOf || !led.contains(&(f.subject, f.object))
            });
            // "The DEA closed its office in Lima": the closing says the
            // office is gone, not that the agency runs it (another sentence
            // may say so). A count of offices held is no closing: "will
            // close a dozen offices …, which has 93 offices" keeps the 93.
            let mut closed = closes_offices(text, s, &by_sentence[i], &found.implied);
            // "The DEA has not closed the office", "reports that the DEA
            // has closed its office": negated and hedged closings.
            for c in closed.iter_mut() {
                if let Some((lo, hi)) = c.trigger {
                    c.polarity = ctx.polarity(lo, hi);
                }
            }
            found_here.retain(|f| {
                f.property != Property::HasOffice
                    || !closed.iter().any(|c| {
                        c.polarity == Polarity::Positive
                            && c.object == f.object
                            && c.subject == f.subject
                            && (f.quantity.is_none()
                                || f.quantity.as_ref().map(|q| q.value)
                                    == c.quantity.as_ref().map(|q| q.value))
                    })
            });
            found_here.extend(closed);
            // Substances whose source country this or the sentence before
            // named, then moved somewhere in this one.
            let here_sources: Vec<(usize, usize)> = found_here
                .iter()
                .filter(|f| {
                    f.property == Property::Supplies
                        && f.polarity == Polarity::Positive
                        && ents.get(f.subject).class == EntityClass::Country
                })
                .map(|f| (f.object, f.subject))
                .collect();
            let mut known = here_sources.clone();
            known.extend(
                recent_sources
                    .iter()
                    .filter(|(k, _, _)| k + 1 == i)
                    .map(|&(_, substance, source)| (substance, source)),
            );
            found_here.extend(ctx.sourced_substance_moved(&known));
            // Cartels and talk of money in this and the two sentences before.
            let window = i.saturating_sub(2)..=i;
            let mut cartels: Vec<usize> = Vec::new();
            for k in window.clone() {
                for m in &by_sentence[k] {
                    let e = ents.get(m.ent);
                    if e.class == EntityClass::Cartel && !cartels.contains(&m.ent) {
                        cartels.push(m.ent);
                    }
                }
            }
            // Named cartels say which; a generic group only when alone.
            if cartels
                .iter()
                .any(|&c| !entities::is_group_label(&ents.get(c).label))
            {
                cartels.retain(|&c| !entities::is_group_label(&ents.get(c).label));
            }
            let money_talk = window.clone().any(|k| money[k]);
            found_here.extend(ctx.laundering_channel(&cartels, money_talk));
            recent_sources.retain(|(k, _, _)| k + 1 >= i);
            recent_sources.extend(here_sources.into_iter().map(|(a, b)| (i, a, b)));
            // An agentless passive in a release was put on its issuer; the
            // act's own agent named earlier in the document ("OFAC
            // sanctioned …", then "… were designated") did it.
            for f in found_here.iter_mut() {
                if f.rule.ends_with("+issuer") {
                    if let Some(&(_, a)) = last_agent
                        .iter()
                        .rev()
                        .find(|(p, a)| *p == f.property && *a != f.object)
                    {
                        f.subject = a;
                    }
                }
            }
            for f in &found_here {
                if f.polarity == Polarity::Positive
                    && matches!(
                        f.property,
                        Property::Sanctions | Property::Charges | Property::Arrests
                    )
                {
                    last_agent.push((f.property, f.subject));
                }
            }
            let mut sentence_dates: Option<Vec<dates::DateMention>> = None;
            // "Is the cartel supplying the network?": a question asserts
            // nothing of what it asks about.
            let question = text[s.start..s.end]
                .trim_end()
                .trim_end_matches(['"', '”', '’', '\'', ')'])
                .ends_with('?');
            for mut f in found_here {
                if question && f.polarity == Polarity::Positive {
                    f.polarity = Polarity::Hedged;
                }
                // "General", "Operations": a title or common word read as
                // a one-word name is nobody.
                let nobody = |k: usize| {
                    let e = ents.get(k);
                    e.class == EntityClass::Person
                        && !e.label.contains(' ')
                        && self
                            .tagger
                            .lexicon_tag(&e.label.to_lowercase())
                            .is_some_and(|t| !t.starts_with("NNP"))
                };
                if nobody(f.subject) || nobody(f.object) {
                    continue;
                }
                if !self.signatures.allows(
                    f.property,
                    ents.get(f.subject).class,
                    ents.get(f.object).class,
                ) {
                    continue;
                }
                // "the border in Manitoba" where "the border" is the
                // gazetteer's southern border: a place the gazetteer puts
                // in one country is never in another.
                if f.property == Property::LocatedIn
                    && self.countries_differ(&ents.get(f.subject).id, &ents.get(f.object).id)
                {
                    continue;
                }
                let key = (
                    i,
                    f.subject,
                    f.property,
                    f.object,
                    f.quantity.as_ref().map(|q| q.value.to_bits()),
                );
                if !seen.insert(key) {
                    continue;
                }
                used_by_facts.insert(f.subject);
                used_by_facts.insert(f.object);
                let (start, end) = trimmed(text, s.start, s.end);
                // The sentence's date expressions, read once for all its
                // statements.
                let found_dates = sentence_dates
                    .get_or_insert_with(|| dates::find_dates(&text[s.start..s.end], anchor));
                let date = statement_date(found_dates, s, f.trigger, dateline, &document_date);
                assertions.push(Assertion {
                    subject: ents.get(f.subject).id.clone(),
                    property: f.property,
                    object: ents.get(f.object).id.clone(),
                    polarity: f.polarity,
                    quantity: f.quantity,
                    more_quantities: f.more_quantities,
                    evidence: Evidence {
                        sentence: text[start..end].to_string(),
                        char_start: offsets.at(start),
                        char_end: offsets.at(end),
                        speaker: speakers[i].map(|p| ents.get(p).id.clone()),
                        rule: f.rule,
                        confidence: f.confidence,
                    },
                    date,
                });
            }
        }
        let mut used: BTreeSet<usize> = mentions.iter().map(|m| m.ent).collect();
        used.extend(speakers.iter().flatten().copied());
        used.extend(used_by_facts);
        static BOILERPLATE: LazyLock<Regex> = LazyLock::new(|| {
            Regex::new(r"(?i)^(?:skip to|press(?-u:\b)|by\s|via\s|menu|search|share|subscribe|sign in|log in|cookie|advertisement|home(?-u:\b)|\d{1,2}:\d{2})").expect("boilerplate")
        });
        let title = paragraphs
            .iter()
            .map(|p| text[p.start..p.end].trim())
            .find(|l| {
                l.split_whitespace().count() >= 4 && l.len() <= 200 && !BOILERPLATE.is_match(l)
            })
            .map(String::from);
        Extraction {
            entities: ents.finish(&used),
            assertions,
            diagnostics,
            title,
            date: document_date,
        }
    }

    /// Segmentation and mentions: the first stages, shared by `extract` and
    /// `mentions`.
    fn read(&self, text: &str) -> Reading {
        let paragraphs = text::paragraphs(text);
        let sentences = text::sentences(text, &paragraphs);
        let turns = text::turns(text, &paragraphs);
        // A header field's label ("Host:", "WITNESSES:") names nobody, nor
        // does a common noun that is no role ("Thread:", "Summary:").
        let common_noun = |label: &str| {
            let w = label.trim();
            !w.contains(char::is_whitespace)
                && !mentions::names::is_role_word(w)
                && self
                    .tagger
                    .lexicon_tag(&w.to_lowercase())
                    .is_some_and(|t| matches!(t, "NN" | "NNS"))
        };
        let turn_names: Vec<(usize, usize)> = turns
            .iter()
            .filter(|t| {
                let label = &text[t.name_start..t.name_end];
                !is_header_label(label) && !common_noun(label)
            })
            .map(|t| (t.name_start, t.name_end))
            .collect();
        let tokens: Vec<Vec<lang::Token>> = sentences
            .iter()
            .map(|s| {
                if s.end - s.start > MAX_SENTENCE_BYTES {
                    Vec::new()
                } else {
                    self.tagger.tag(text, s.start, s.end)
                }
            })
            .collect();
        let mut ents = Entities::default();
        let found = mentions::find(
            text,
            &self.lex,
            &mut ents,
            &sentences,
            &turn_names,
            &self.tagger,
            &tokens,
        );
        Reading {
            paragraphs,
            sentences,
            turns,
            tokens,
            ents,
            found,
        }
    }

    /// The mentions found in `text`, as (start, end, surface, entity label,
    /// class, kind), in byte offsets: for debugging lexicons and rules.
    pub fn mentions(&self, text: &str) -> Vec<(usize, usize, String, String, EntityClass, String)> {
        let Reading { ents, found, .. } = self.read(text);
        found
            .mentions
            .iter()
            .map(|m| {
                let e = ents.get(m.ent);
                (
                    m.start,
                    m.end,
                    text[m.start..m.end].to_string(),
                    e.label.clone(),
                    e.class,
                    format!("{:?}", m.kind),
                )
            })
            .collect()
    }

    /// Extracts many documents in parallel, then resolves people across
    /// them ("Milgram" in one document is "Anne Milgram" of another).
    pub fn extract_corpus<'a, I>(&self, texts: I) -> Vec<Extraction>
    where
        I: IntoParallelIterator<Item = &'a str>,
        I::Iter: IndexedParallelIterator,
    {
        let mut out: Vec<Extraction> = texts.into_par_iter().map(|t| self.extract(t)).collect();
        resolve_corpus(&mut out);
        out
    }
}

/// The document's date: the one given from outside, else its dateline's;
/// and the day relative expressions resolve against.
fn document_date(
    text: &str,
    options: &ExtractOptions,
    diagnostics: &mut Vec<Diagnostic>,
) -> (
    Option<DocumentDate>,
    Option<dates::Date>,
    Option<(usize, usize)>,
) {
    // A dateline dates the document, never a statement, even when metadata
    // gives the document's date.
    let line = dates::dateline(text);
    let span = line.as_ref().map(|l| (l.start, l.end));
    if let Some(given) = &options.document_date {
        if let Some(d) = dates::Date::parse_iso(given) {
            let date = DocumentDate {
                date: d.iso(),
                source: DateSource::Metadata,
                expression: None,
            };
            return (Some(date), Some(d), span);
        }
        diagnostics.push(Diagnostic {
            severity: Severity::Warning,
            message: format!(
                "document date {given:?} is no YYYY-MM-DD date; the dateline is read instead"
            ),
            char_offset: None,
        });
    }
    let Some(line) = line else {
        return (None, None, None);
    };
    if line.inferred {
        diagnostics.push(Diagnostic {
            severity: Severity::Info,
            message: format!(
                "dateline {:?} has no year; {} is the year after the latest date the text states",
                line.expression, line.date.year
            ),
            char_offset: None,
        });
    }
    let date = DocumentDate {
        date: line.date.iso(),
        source: DateSource::Dateline,
        expression: Some(line.expression),
    };
    (Some(date), Some(line.date), span)
}

/// When a statement of sentence `s` holds: the date expression of its
/// sentence nearest the words that say it, else the document's date.
fn statement_date(
    found: &[dates::DateMention],
    s: &text::Sentence,
    trigger: Option<(usize, usize)>,
    dateline: Option<(usize, usize)>,
    document: &Option<DocumentDate>,
) -> Option<StatementDate> {
    if let Some(m) = dates::statement_date(found, s.start, trigger, dateline) {
        return Some(StatementDate {
            start: m.period.and_then(|p| p.start).map(dates::Date::iso),
            end: m.period.and_then(|p| p.end).map(dates::Date::iso),
            expression: Some(m.text.clone()),
            source: DateSource::Sentence,
        });
    }
    document.as_ref().map(|d| StatementDate {
        start: Some(d.date.clone()),
        end: Some(d.date.clone()),
        expression: None,
        source: DateSource::Document,
    })
}

fn trimmed(text: &str, s: usize, e: usize) -> (usize, usize) {
    let slice = &text[s..e];
    let start = s + (slice.len() - slice.trim_start().len());
    (start, start + slice.trim().len())
}

/// "The cartel presses fentanyl into pills in labs in Sinaloa": one verb
/// read as `A produces D` and `D producedIn P` puts a criminal group that
/// produces there in that place (it operates there).
fn production_places(found: &[relations::Found], ents: &Entities) -> Vec<relations::Found> {
    let mut out = Vec::new();
    for p in found.iter().filter(|f| f.property == Property::Produces) {
        let agent = ents.get(p.subject).class;
        if !matches!(
            agent,
            EntityClass::Cartel | EntityClass::CriminalOrganization
        ) || p.trigger.is_none()
        {
            continue;
        }
        for q in found.iter().filter(|f| {
            // "presses fentanyl into pills in labs in X": the place of
            // the same verb, whichever product it is said of.
            f.property == Property::ProducedIn && f.trigger == p.trigger && f.polarity == p.polarity
        }) {
            if out
                .iter()
                .any(|o: &relations::Found| o.subject == p.subject && o.object == q.object)
            {
                continue;
            }
            out.push(relations::Found {
                subject: p.subject,
                property: Property::OperatesIn,
                object: q.object,
                polarity: p.polarity,
                quantity: None,
                more_quantities: Vec::new(),
                rule: "production-place".into(),
                confidence: p.confidence.min(q.confidence) * 0.9,
                trigger: p.trigger,
            });
        }
    }
    out
}

/// "a Mexican chemist", "Chinese Precursor Supplier": a demonym that
/// modifies a noun naming a person or an organisation says where they are
/// from; it is not the country as an actor, so no relation takes it.
fn describes_noun(text: &str, m: &Mention) -> bool {
    if m.kind != MentionKind::Demonym {
        return false;
    }
    let next = text[m.end..]
        .split_whitespace()
        .next()
        .unwrap_or("")
        .trim_end_matches(|c: char| !c.is_alphanumeric())
        .to_lowercase();
    let one = next.strip_suffix('s').unwrap_or(&next);
    let person = mentions::names::is_role_word(&next)
        || matches!(
            one,
            "chemist" | "national" | "citizen" | "person" | "people"
        );
    // "a Chinese company" locates the company it describes (the frames'
    // place modifiers read it); a bare "Chinese Supplier" in a headline
    // names nobody.
    let determined = text[..m.start]
        .split_whitespace()
        .next_back()
        .is_some_and(|w| {
            matches!(
                w.to_lowercase().as_str(),
                "a" | "an" | "the" | "its" | "their"
            )
        });
    let organisation = mentions::names::organisation_noun(&next).is_some()
        || mentions::names::organisation_noun(one).is_some();
    !next.is_empty() && (person || organisation && !determined)
}

/// "40 offices in 31 countries": the countries an office count spans.
fn office_countries(
    text: &str,
    mentions: &[Mention],
    imp: &mentions::Implied,
) -> Vec<fkg_model::Quantity> {
    static COUNTRIES: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?-u:\b)in\s+(\d[\d,]*)\s+(?:different\s+)?countries(?-u:\b)")
            .expect("countries")
    });
    if imp.property != Property::HasOffice {
        return Vec::new();
    }
    // Mentions are sorted by start.
    let from = mentions.partition_point(|m| m.start < imp.at);
    mentions[from..]
        .iter()
        .take_while(|m| m.start == imp.at)
        .filter(|m| m.kind == MentionKind::Office)
        .find_map(|m| {
            let mut end = (m.end + 40).min(text.len());
            while !text.is_char_boundary(end) {
                end -= 1;
            }
            let c = COUNTRIES.captures(&text[m.start..end])?;
            Some(vec![fkg_model::Quantity {
                value: mentions::number_value(&c[1])?,
                unit: "countries".into(),
                out_of: None,
            }])
        })
        .unwrap_or_default()
}

/// "closing its offices in Lima and Quito": a closing word
/// in a sentence makes the agency close the offices named after it (or
/// shortly before it: "offices ... will be closed").
fn closes_offices(
    text: &str,
    s: &text::Sentence,
    mentions: &[&Mention],
    implied: &[mentions::Implied],
) -> Vec<relations::Found> {
    static CLOSE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)(?-u:\b)(?:clos(?:e|es|ed|ing|ure|ures)|shut(?:s|ting)?\s+down|shutter(?:s|ed|ing)?|shut)(?-u:\b)").expect("close")
    });
    static BARRIER: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r"(?i)(?-u:\b)(?:while|but|whereas|although|remain|keep|open|which|currently|still|now|instead|through|via|relocat\w*|transferr\w*|mov(?:e|ed|es|ing)|and\s+(?:then\s+)?(?:to\s+)?\w+(?:ed|ign|ate|ove))(?-u:\b)|(?-u:\b)to\s+(?:our|its|their|the)(?-u:\b)|;",
        )
        .expect("barrier")
    });
    let mut out = Vec::new();
    let Some(c) = CLOSE.find(&text[s.start..s.end]) else {
        return out;
    };
    let at = s.start + c.start();
    for m in mentions {
        if m.kind != MentionKind::Office || (m.end <= at && at - m.end > 60) {
            continue;
        }
        // "closing A, while B remain open": the contrast ends the closing;
        // "closed A and moved the agents to our office in B", "closed A and
        // now works through its office in B": another verb or what took
        // the closed office's place ends it too, on either side.
        if m.start > at && BARRIER.is_match(&text[at..m.start])
            || m.end <= at && BARRIER.is_match(&text[m.end..at])
        {
            continue;
        }
        // "The FBI, which runs 14 offices in Brazil, closed …": an office a
        // verb of having governs is kept, not closed.
        static HELD: LazyLock<Regex> = LazyLock::new(|| {
            Regex::new(r"(?i)(?-u:\b)(?:runs?|ran|running|has|have|had|having|maintains?|maintained|keeps?|kept|operates?|operated|opened|opens?)\s+(?:[\w-]+\s+){0,3}$")
                .expect("held")
        });
        let before = &text[s.start.max(mentions::window_start(text, m.start, 40))..m.start];
        // "has closed its office in X": "has" there is the closing's.
        if HELD
            .find(before)
            .is_some_and(|h| !CLOSE.is_match(h.as_str()))
        {
            continue;
        }
        let Some(owner) = implied
            .iter()
            .find(|x| x.property == Property::HasOffice && x.object == m.ent)
            .map(|x| x.subject)
        else {
            continue;
        };
        out.push(relations::Found {
            subject: owner,
            property: Property::ClosesOffice,
            object: m.ent,
            polarity: Polarity::Positive,
            quantity: m.quantity.clone(),
            more_quantities: Vec::new(),
            rule: "close-office".into(),
            confidence: 0.8,
            // The closing and the office: where its polarity is read.
            trigger: Some((at.min(m.start), (s.start + c.end()).max(m.end))),
        });
    }
    out
}

/// The person whose words each sentence is, if any.
/// The mentions that start in `[from, to)`, from mentions sorted by start:
/// per-sentence scans that stay linear on big documents.
fn starting_in(mentions: &[Mention], from: usize, to: usize) -> &[Mention] {
    let lo = mentions.partition_point(|m| m.start < from);
    let hi = mentions.partition_point(|m| m.start < to).max(lo);
    &mentions[lo..hi]
}

fn speakers(
    text: &str,
    sentences: &[text::Sentence],
    turns: &[text::Turn],
    mentions: &[Mention],
    ents: &Entities,
) -> Vec<Option<usize>> {
    let person_in = |s: usize, e: usize| -> Option<&Mention> {
        starting_in(mentions, s, e)
            .iter()
            .find(|m| m.end <= e && ents.get(m.ent).class == EntityClass::Person)
    };
    let mut out: Vec<Option<usize>> = vec![None; sentences.len()];
    // The person an interview is with: the one a "Guest:" field names, else
    // the first one the text names before its first question or answer.
    let guest = turns
        .iter()
        .find(|t| {
            matches!(
                text[t.name_start..t.name_end]
                    .trim()
                    .to_lowercase()
                    .as_str(),
                "guest" | "interviewee"
            )
        })
        .and_then(|t| {
            starting_in(mentions, t.name_end, t.end)
                .iter()
                .find(|m| ents.get(m.ent).class == EntityClass::Person)
                .map(|m| m.ent)
        });
    let first_exchange = turns
        .iter()
        .find(|t| !is_header_label(&text[t.name_start..t.name_end]));
    let interviewee = guest.or_else(|| {
        first_exchange.and_then(|t| {
            starting_in(mentions, 0, t.name_start)
                .iter()
                .find(|m| ents.get(m.ent).class == EntityClass::Person)
                .map(|m| m.ent)
        })
    });
    // Transcript turns (sentences are sorted by start).
    for t in turns {
        let label = &text[t.name_start..t.name_end];
        if is_header_label(label) {
            continue;
        }
        let speaker = person_in(t.name_start, t.name_end)
            .map(|m| m.ent)
            .or_else(|| turn_person(label, mentions, ents))
            .or_else(|| {
                matches!(label.trim(), "A" | "Answer" | "ANSWER")
                    .then_some(interviewee)
                    .flatten()
            });
        let first = sentences.partition_point(|s| s.end <= t.start);
        for (i, s) in sentences.iter().enumerate().skip(first) {
            if s.start >= t.end {
                break;
            }
            if s.end > t.start {
                out[i] = speaker;
            }
        }
    }
    // Quotations attributed before or after them.
    for q in text::quotes(text) {
        let para_end = text[q.end..].find('\n').map_or(text.len(), |k| q.end + k);
        let para_start = text[..q.start].rfind('\n').map_or(0, |k| k + 1);
        let after_end = (q.end + 200).min(para_end);
        let after_end = (after_end..=para_end)
            .find(|&k| text.is_char_boundary(k))
            .unwrap_or(para_end);
        let after = &text[q.end..after_end];
        let next_quote = after.find(['“', '"']).map_or(after_end, |k| q.end + k);
        let mut speaker = None;
        if SPEECH_VERB.is_match(&text[q.end..next_quote]) {
            speaker = starting_in(mentions, q.end, next_quote)
                .iter()
                .find(|m| m.end <= next_quote && ents.get(m.ent).class == EntityClass::Person)
                .map(|m| m.ent);
        }
        if speaker.is_none() {
            let before_start = q.start.saturating_sub(200).max(para_start);
            let before_start = (before_start..=q.start)
                .find(|&k| text.is_char_boundary(k))
                .unwrap_or(q.start);
            if SPEECH_VERB.is_match(&text[before_start..q.start])
                || text[before_start..q.start].trim_end().ends_with(':')
            {
                speaker = starting_in(mentions, before_start, q.start)
                    .iter()
                    .rev()
                    .find(|m| m.end <= q.start && ents.get(m.ent).class == EntityClass::Person)
                    .map(|m| m.ent);
            }
        }
        if let Some(p) = speaker {
            let first = sentences.partition_point(|s| s.start < q.start);
            for (i, s) in sentences.iter().enumerate().skip(first) {
                if s.start >= q.end {
                    break;
                }
                out[i] = Some(p);
            }
        }
    }
    // Reported speech: "Milgram said that ...", "..., she added."
    let mut carry: Option<(usize, usize)> = None; // (paragraph, person)
    for (i, s) in sentences.iter().enumerate() {
        if out[i].is_some() {
            carry = None;
            continue;
        }
        let body = &text[s.start..s.end];
        // "Milgram called on Mexico to do more, stating:": a sentence that
        // introduces words by a colon has its subject as the speaker, however
        // far from the verb.
        let introduces = body.trim_end().ends_with(':');
        let reach = if introduces { 300 } else { 40 };
        let mut found = None;
        for v in SPEECH_VERB.find_iter(body) {
            let vs = s.start + v.start();
            let ve = s.start + v.end();
            if let Some(m) = starting_in(mentions, s.start, ve + 64).iter().find(|m| {
                ents.get(m.ent).class == EntityClass::Person
                    && ((m.end <= vs && vs - m.end <= reach && m.start >= s.start)
                        || (m.start >= ve
                            && titled_after_verb(&text[ve..m.start])
                            && speaker_after_verb(&text[m.end..s.end])))
            }) {
                found = Some(m.ent);
                break;
            }
        }
        if let Some(p) = found {
            out[i] = Some(p);
            // "..., she added." at the end of a paragraph speaks for it all.
            let tail = body.trim_end_matches(['.', '”', '"']).to_lowercase();
            if tail.ends_with("added") || tail.ends_with("said") || tail.ends_with("continued") {
                for (j, t) in sentences.iter().enumerate() {
                    if t.paragraph == s.paragraph && out[j].is_none() {
                        out[j] = Some(p);
                    }
                }
            }
            if body.trim_end().ends_with(':') {
                carry = Some((s.paragraph, p));
            }
            continue;
        }
        if let Some((para, p)) = carry {
            if s.paragraph == para || s.paragraph == para + 1 {
                out[i] = Some(p);
                continue;
            }
            carry = None;
        }
    }
    out
}

/// What stands between a verb of saying and a name after it: nothing, or
/// a title ("said Navy spokeswoman Ana Ruiz", "said the agency's director,
/// Ana Ruiz").
fn titled_after_verb(between: &str) -> bool {
    let words: Vec<&str> = between
        .split_whitespace()
        .map(|w| w.trim_end_matches(','))
        .collect();
    match words.last() {
        None => between.len() <= 3,
        Some(last) => {
            words.len() <= 5
                && between.len() <= 60
                && crate::mentions::names::is_role_word(last)
                && !between.contains(['.', ';', ':'])
        }
    }
}

/// Whether a name right after a verb of saying is who speaks ("…, said
/// Ana Ruiz.", "said Ruiz, the agency's head", "said Ruiz in a statement")
/// rather than the subject of what is said ("officials said Ruiz smuggled
/// …"): what follows the name closes the clause or only says where, when
/// or to whom.
fn speaker_after_verb(rest: &str) -> bool {
    static CLOSES: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r#"^(?:\s*(?:$|[,.;:!?”"’)\]—–-])|\s+(?:in|on|at|during|to|told|last|this|earlier|later|when|while|after|before|from|as)(?-u:\b))"#)
            .expect("speaker closes")
    });
    CLOSES.is_match(rest)
}

/// "MR. KEANE", "CHAIRWOMAN WHITFIELD", "Sen. Ruiz": the person of the
/// document whose surname the turn's label ends with, titles aside.
fn turn_person(label: &str, mentions: &[Mention], ents: &Entities) -> Option<usize> {
    let surname = label
        .split_whitespace()
        .last()?
        .trim_matches(|c: char| !c.is_alphanumeric())
        .to_lowercase();
    if surname.chars().count() < 2 {
        return None;
    }
    let mut found: Option<usize> = None;
    for m in mentions {
        let e = ents.get(m.ent);
        if e.class != EntityClass::Person {
            continue;
        }
        let last = e
            .label
            .split_whitespace()
            .last()
            .map(str::to_lowercase)
            .unwrap_or_default();
        // Spanish names: "Beltrán Lugo" answers to "Beltrán" too.
        let any = e
            .label
            .split_whitespace()
            .skip(1)
            .any(|w| w.to_lowercase() == surname);
        if last == surname || any {
            match found {
                Some(f) if f != m.ent => return None,
                _ => found = Some(m.ent),
            }
        }
    }
    found
}

/// "we", "our" and "us" in someone's words stand for the organisation they
/// lead or belong to: the one their title names, or else the government
/// agency they name most in their own words.
fn resolve_we(
    text: &str,
    sentences: &[text::Sentence],
    speakers: &[Option<usize>],
    mentions: &mut Vec<Mention>,
    ents: &mut Entities,
    implied: &[mentions::Implied],
) {
    static EPISTEMIC: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r"^\s+(?:\w+\s+)?(?:believe|think|know|assess|estimate|understand|suspect|expect)(?-u:\b)",
        )
        .expect("epistemic")
    });
    static WE: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"(?-u:\b)(?:[Ww]e|[Oo]ur|[Uu]s)(?-u:\b)").expect("we"));
    let mut org_of: HashMap<usize, usize> = HashMap::new();
    for imp in implied {
        if matches!(imp.property, Property::Leads | Property::MemberOf)
            && ents.get(imp.object).class != EntityClass::Country
        {
            org_of.entry(imp.subject).or_insert(imp.object);
        }
    }
    let mut counts: HashMap<usize, BTreeMap<usize, usize>> = HashMap::new();
    for (i, s) in sentences.iter().enumerate() {
        let Some(p) = speakers[i] else { continue };
        for m in starting_in(mentions, s.start, s.end)
            .iter()
            .filter(|m| m.end <= s.end)
        {
            if ents.get(m.ent).class == EntityClass::GovernmentAgency && m.kind == MentionKind::Name
            {
                *counts.entry(p).or_default().entry(m.ent).or_default() += 1;
            }
        }
    }
    for (p, c) in counts {
        // Only for people who lead something the text does not name
        // ("Administrator Milgram"); a senator's "our" is not an agency.
        if org_of.contains_key(&p) || !ents.get(p).untold_org {
            continue;
        }
        if let Some((&org, &n)) = c.iter().max_by_key(|(_, n)| **n) {
            if n >= 2 {
                org_of.insert(p, org);
            }
        }
    }
    let mut added = Vec::new();
    for (i, s) in sentences.iter().enumerate() {
        let Some(p) = speakers[i] else { continue };
        let Some(&org) = org_of.get(&p).or(ents.get(p).org.as_ref()) else {
            continue;
        };
        for w in WE.find_iter(&text[s.start..s.end]) {
            let (ws, we) = (s.start + w.start(), s.start + w.end());
            // "US" in capitals is the country, matched by the gazetteer.
            if starting_in(mentions, ws.saturating_sub(300), we)
                .iter()
                .any(|m| ws < m.end)
            {
                continue;
            }
            // "the cartel, we believe, is ...": an aside, not an argument.
            if EPISTEMIC.is_match(&text[we..s.end]) {
                continue;
            }
            added.push(Mention {
                start: ws,
                end: we,
                ent: org,
                kind: MentionKind::Pronoun,
                quantity: None,
            });
        }
    }
    mentions.extend(added);
}

/// Byte offset to Unicode scalar offset.
struct CharOffsets {
    starts: Vec<usize>,
}

impl CharOffsets {
    fn new(text: &str) -> Self {
        Self {
            starts: text.char_indices().map(|(i, _)| i).collect(),
        }
    }

    fn at(&self, byte: usize) -> usize {
        self.starts.partition_point(|&b| b < byte)
    }
}

/// People renamed across a corpus: old entity id -> (new id, new label).
pub type PersonRenames = HashMap<String, (String, String)>;

/// Merges people across documents: a person known in one document by a
/// surname, or a shorter name, takes the fullest compatible name met in the
/// corpus, when exactly one such name exists.
pub fn resolve_corpus(docs: &mut [Extraction]) {
    let rename = person_renames(docs.iter().flat_map(|d| {
        d.entities
            .iter()
            .filter(|e| e.class == EntityClass::Person)
            .map(|e| e.label.as_str())
    }));
    for d in docs.iter_mut() {
        apply_renames(d, &rename);
    }
}

/// The renames of [`resolve_corpus`], from the labels of the people the
/// documents name (as each document names them, before any resolution).
/// Rationale: the result depends on the set of labels only, so a store can
/// keep the labels of its documents and resolve a new one against them.
pub fn person_renames<'a>(labels: impl IntoIterator<Item = &'a str>) -> PersonRenames {
    let mut full: BTreeMap<String, BTreeSet<String>> = BTreeMap::new(); // surname -> labels
    for label in labels {
        if let Some(surname) = label.split_whitespace().last() {
            full.entry(surname.to_string())
                .or_default()
                .insert(label.to_string());
        }
    }
    let mut rename = PersonRenames::new();
    for labels in full.values() {
        // The canonical name: the shortest full name ("Anne Milgram" over
        // "Anne Melissa Milgram"), when every full name shares its first name.
        let multi: Vec<&String> = labels
            .iter()
            .filter(|l| l.split_whitespace().count() >= 2)
            .collect();
        let Some(target) = multi
            .iter()
            .min_by_key(|l| (l.split_whitespace().count(), l.len(), l.as_str()))
            .copied()
        else {
            continue;
        };
        let first = target.split_whitespace().next();
        if multi.iter().any(|l| l.split_whitespace().next() != first) {
            continue;
        }
        for l in labels {
            if l != target {
                rename.insert(
                    fkg_model::slug(l),
                    (fkg_model::slug(target), target.clone()),
                );
            }
        }
    }
    rename
}

/// Applies renames to one document. A document none of whose ids is
/// renamed is left as it is, so its output depends on its own renames only.
pub fn apply_renames(d: &mut Extraction, rename: &PersonRenames) {
    let touched = d.entities.iter().any(|e| rename.contains_key(&e.id))
        || d.assertions.iter().any(|a| {
            rename.contains_key(&a.subject)
                || rename.contains_key(&a.object)
                || a.evidence
                    .speaker
                    .as_ref()
                    .is_some_and(|s| rename.contains_key(s))
        });
    if !touched {
        return;
    }
    let mut merged: BTreeMap<String, Entity> = BTreeMap::new();
    for mut e in std::mem::take(&mut d.entities) {
        if let Some((id, label)) = rename.get(&e.id) {
            let old = std::mem::replace(&mut e.label, label.clone());
            e.id = id.clone();
            e.aliases.push(old);
        }
        match merged.get_mut(&e.id) {
            Some(m) => m.aliases.extend(e.aliases),
            None => {
                merged.insert(e.id.clone(), e);
            }
        }
    }
    for e in merged.values_mut() {
        e.aliases.sort();
        e.aliases.dedup();
        let label = e.label.clone();
        e.aliases.retain(|a| *a != label);
    }
    d.entities = merged.into_values().collect();
    for a in &mut d.assertions {
        for id in [&mut a.subject, &mut a.object] {
            if let Some((new, _)) = rename.get(id.as_str()) {
                *id = new.clone();
            }
        }
        if let Some(sp) = &mut a.evidence.speaker {
            if let Some((new, _)) = rename.get(sp.as_str()) {
                *sp = new.clone();
            }
        }
    }
}

/// Entities of the whole gazetteer, for the store's reference graph.
pub fn gazetteer_entities(lex: &Lexicon) -> Vec<(Entity, Option<String>)> {
    lex.entries
        .iter()
        .map(|e| {
            (
                Entity {
                    id: e.id.clone(),
                    label: e.label.clone(),
                    class: e.class,
                    aliases: e.aliases.iter().chain(&e.demonyms).cloned().collect(),
                    same_as: e
                        .wikidata
                        .iter()
                        .map(|q| format!("http://www.wikidata.org/entity/{q}"))
                        .collect(),
                },
                e.located_in
                    .as_ref()
                    .and_then(|p| lex.find_name(p))
                    .map(|p| p.id.clone()),
            )
        })
        .collect()
}

#[cfg(test)]
mod tests;

/// An act on someone that a list header announces, and who did it.
struct ListAct {
    property: Property,
    /// The header's own subject, once resolved the agent of the act.
    agent: Option<usize>,
    object_classes: Vec<EntityClass>,
    rule: String,
}

/// Characters that mark a list item.
const BULLET_CHARS: &[char] = &['•', '-', '*', '–', '—', '·', '▪', '◦'];

/// Whether the sentence at `[start, end)` opens a bulleted or numbered
/// item ("• X, a …", "- X", "1. X", "2) X").
fn bullet_item(text: &str, start: usize, end: usize) -> bool {
    let line_start = text[..start].rfind('\n').map_or(0, |nl| nl + 1);
    let lead = text[line_start..start].trim();
    let own = text[start..end].trim_start();
    let marker = |s: &str| {
        s.starts_with(BULLET_CHARS)
            || s.split_once(['.', ')']).is_some_and(|(n, _)| {
                !n.is_empty() && n.len() <= 2 && n.chars().all(|c| c.is_ascii_digit())
            })
    };
    if lead.is_empty() {
        marker(own)
    } else {
        marker(lead) && lead.len() <= 3
    }
}

/// "Among those designated today:", "The following were charged:": a
/// sentence that ends in a colon after a verb of an act on someone with
/// no object of its own announces a list of whom it was done to.
fn list_header(
    text: &str,
    s: &text::Sentence,
    toks: &[lang::Token],
    mentions: &[&Mention],
    ents: &entities::Entities,
    frames: &frames::Frames,
) -> Option<ListAct> {
    if !text[s.start..s.end].trim_end().ends_with(':') {
        return None;
    }
    let (k, t) = toks
        .iter()
        .enumerate()
        .rev()
        .find(|(_, t)| t.tag.starts_with("VB") && !frames.acts_on(&t.lemma).is_empty())?;
    let f = frames.acts_on(&t.lemma)[0];
    // Its object named in the header itself: no list of objects ("for
    // their role in the fentanyl trade:" names no object).
    if mentions
        .iter()
        .any(|m| m.start >= t.end && f.object_classes.contains(&ents.get(m.ent).class))
    {
        return None;
    }
    // "Treasury designated the following:": the header's own subject.
    let agent = (t.tag != "VBN"
        || toks
            .get(k.wrapping_sub(1))
            .is_some_and(|p| p.lemma == "have"))
    .then(|| {
        mentions
            .iter()
            .filter(|m| m.end <= t.start && f.subject_classes.contains(&ents.get(m.ent).class))
            .max_by_key(|m| m.start)
            .map(|m| m.ent)
    })
    .flatten();
    Some(ListAct {
        property: f.property,
        agent,
        object_classes: f.object_classes.clone(),
        rule: f.id.clone(),
    })
}

/// Labels of a header's fields ("WITNESSES:", "Host:", "Guest:"): they say
/// who is there, and the text after them is nobody's words.
fn is_header_label(label: &str) -> bool {
    // "Operation Greyfin: 14 arrests …": a headline about an operation.
    let first = label.split_whitespace().next().unwrap_or("").to_lowercase();
    if matches!(
        first.as_str(),
        "operation"
            | "project"
            | "case"
            | "re"
            | "subject"
            | "volume"
            | "part"
            | "chapter"
            | "section"
            | "annex"
            | "appendix"
            | "table"
            | "figure"
    ) {
        return true;
    }
    matches!(
        label.trim().to_lowercase().as_str(),
        "witnesses"
            | "witness"
            | "presiding"
            | "host"
            | "hosts"
            | "guest"
            | "guests"
            | "panel"
            | "panelists"
            | "present"
            | "attendees"
            | "note"
            | "source"
            | "instructor"
            | "lecturer"
            | "presenter"
            | "teacher"
            | "author"
            | "authors"
            | "editor"
            | "contact"
            | "prepared by"
            | "compiled by"
            | "reported by"
            | "date"
            | "dated"
            | "from"
            | "to"
            | "cc"
            | "bcc"
            | "posted"
            | "updated"
            | "filed"
            | "sent"
            | "received"
            | "distribution"
            | "classification"
            | "attachments"
            | "enclosures"
            | "tags"
            | "keywords"
    )
}
