//! Relations: the patterns of `ontology/lexicon/relations.tsv` applied to the
//! mentions of each sentence, plus the constructions that need more than a
//! trigger ("from China to Mexico", "Chinese precursor chemicals").

use crate::entities::Entities;
use crate::lexicon::{CueKind, Lexicon, Order, RelationRule};
use crate::mentions::{number_value, window_start, Mention, MentionKind};
use crate::text::Sentence;
use fkg_model::{EntityClass, Polarity, Property, Quantity};
use regex::Regex;
use std::sync::LazyLock;

/// A relation found in one sentence, before evidence is attached.
#[derive(Debug, Clone)]
pub(crate) struct Found {
    pub subject: usize,
    pub property: Property,
    pub object: usize,
    pub polarity: Polarity,
    pub quantity: Option<Quantity>,
    pub more_quantities: Vec<Quantity>,
    pub rule: String,
    pub confidence: f64,
    /// Where the words that express the relation are (byte range), for
    /// consolidation: a frame's reading of a predicate overrides a trigger
    /// pattern's reading of the same words.
    pub trigger: Option<(usize, usize)>,
}

static COORD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^\s*(?:[,;]\s*(?:and\s+|or\s+|including\s+|such as\s+|especially\s+|particularly\s+|like\s+)?|and\s+|or\s+|&\s*|as well as\s+|nor\s+|like\s+|such as\s+|including\s+)(?:both\s+|also\s+)?(?:in\s+|to\s+|into\s+|from\s+)?(?:the\s+)?$")
        .expect("coord")
});

static QUANTITY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?-u:\b)(\d[\d,]*(?:\.\d+)?|(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:-(?:one|two|three|four|five|six|seven|eight|nine))?|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|two|three|four|five|six|seven|eight|nine|ten)(\s+(?:million|billion|thousand|dozen))?\s*(%|percent(?-u:\b)|kilograms?(?-u:\b)|kilos?(?-u:\b)|kg(?-u:\b)|pounds?(?-u:\b)|lbs?(?-u:\b)|tons?(?-u:\b)|tonnes?(?-u:\b)|grams?(?-u:\b)|(?:[a-z-]+\s+){0,2}?(?:pills|tablets|doses|defendants|people|persons|individuals|fugitives|suspects|nationals|members|deaths|states|countries|offices|labs|laboratories|arrests|shipments|seizures|packages|parcels)(?-u:\b)|(?:of\s+)?Americans(?-u:\b)|\.|,|;|$)")
        .expect("quantity")
});

static FROM_TO: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^\s*(?:,\s*)?(?:and\s+(?:the\s+)?[\w\s]{0,30}?)?\s*(?:to|into|toward|towards)\s+(?:the\s+)?$")
        .expect("from to")
});

static FROM_BEFORE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)(?-u:\b)from\s+(?:the\s+)?$").expect("from"));

static DETERMINER: LazyLock<Regex> = LazyLock::new(|| {
    // "the supply of", "the manufacturing and export of".
    Regex::new(
        r"(?i)(?-u:\b)(?:the|a|an|its|their|our|his|her)\s+(?:\w+\s+)?(?:\w+\s+(?:and|or)\s+)?$",
    )
    .expect("determiner")
});

static POSSESSIVE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^['’]s?(?-u:\b)").expect("possessive"));

static GERUND_MODIFIED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\s+(?:practices|routes?|lanes?|companies|company|firms?|containers?|methods?|networks?|industry|labels?|services?|records|documents|costs|patterns|hubs?|points?|operations|activity|activities|business|businesses|rings?|schemes?)(?-u:\b)")
        .expect("gerund modified")
});

static DRUG_WORD_BEFORE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)(?-u:\b)(?:drug|drugs|narcotics|opioid|arms|weapons|gun|firearms|human|migrant)\s+$",
    )
    .expect("drug word before")
});

static LIGHT_VERB: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?-u:\b)(?:pioneer(?:s|ed|ing)?|lead|leads|led|leading|run|runs|ran|running|control(?:s|led|ling)?|oversee(?:s|ing)?|oversaw|direct(?:s|ed|ing)?|orchestrat\w+|organi[sz]\w+|manag\w+|dominat\w+|responsible\s+for|in\s+charge\s+of)\s+(?:the\s+|their\s+|its\s+)?(?:\w+\s+(?:and|or)\s+)?$")
        .expect("light verb")
});

static INVOLVED_IN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?-u:\b)(?:involved|engaged|participat\w*|roles?|complicit|implicated|active|specializ\w+|specialis\w+)\s+in\s+(?:the\s+)?(?:illicit\s+|illegal\s+)?$")
        .expect("involved in")
});

static ADVERBS_ONLY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\s*(?:\w+ly\s+|also\s+|still\s+|now\s+)*$").expect("adverbs only")
});
/// What stands before a place inside a phrase: "in", "from", or the
/// comma of "Changzhou, China".
static PLACE_IN_ASIDE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?:(?-u:\b)(?:in|from|of)\s+(?:the\s+)?|\p{L},\s+)$").expect("place in aside")
});
static BE_BEFORE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?-u:\b)(?:is|are|was|were|be|been|being)\s+(?:\w+ly\s+)?$")
        .expect("be before")
});
static TO_MAKE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)(?-u:\b)to\s+(?:make|produce|manufacture|synthesi[sz]e|press)\s+(?:the\s+|illicit\s+)?$",
    )
    .expect("to make")
});

static THAT_PRONOUN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^\s*,?\s*that\s+(?:it|they|he|she|we)(?-u:\b)").expect("that pronoun")
});

static THAT_WE_BELIEVE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^\s*,?\s*that\s+\w+\s+(?:believe|think|know|assess|understand|suspect|expect|estimate)(?-u:\b)").expect("that we believe")
});

static WHO: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^\s*,?\s*who(?-u:\b)").expect("who"));

static ROLE_IN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^\s*,?\s*for\s+(?:their|his|her|its)\s+(?:alleged\s+)?(?:role|roles|part|involvement|participation)\s+in(?-u:\b)").expect("role in")
});

static STATIVE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:based|located|headquartered|situated|involved|engaged|interested|concerned|dedicated|committed|focused)$").expect("stative")
});

static ACTING_POSSESSIVE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^['’]s\s+(?:the|a|an|role|roles|involvement|part|participation|responsibility|complicity)(?-u:\b)").expect("acting possessive")
});

static RELATIVE: LazyLock<Regex> = LazyLock::new(|| {
    // "shippers, many of whom hide ...": a partitive relative too.
    Regex::new(r"^\s*\)?\s*,?\s*(?:(?:many|some|most|all|several|each|one|none|both)\s+of\s+(?:whom|which|them)|that|which|who)(?-u:\b)").expect("relative")
});

/// A relative word opening a clause: "chemicals that are used to make …",
/// "brokers who sell …".
static RELATIVE_OPENER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?-u:\b)(?:that|which|who|whom)(?-u:\b)").expect("relative opener")
});

/// "that it has …", "that its cooperation …": a pronoun opens the clause,
/// and the existing tests decide whom it points back to.
static PRONOUN_OPENS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^\s+(?:it|they|he|she|we|its|their|his|her|our)(?-u:\b)")
        .expect("pronoun opens")
});

/// What opens an apposition, a conjunct or a predicate after a name, so
/// that a noun heading a relative further on still describes the name:
/// "X, a broker who …", "X and its allies, who …", "X is the country that …".
static NOT_OWN_CLAUSE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^\s*(?:['’]s?\s*)?(?:[,(]|and\s|or\s|(?:is|are|was|were|remains?|remained|became|becomes|has\s+been|have\s+been)\s)")
        .expect("not own clause")
});

/// "conducted a joint operation that seized …", "did the investigation
/// that led to …": an operation's agents are those who ran it.
static OPERATION_HEAD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?-u:\b)(?:conduct\w*|carr(?:y|ies|ied)\s+out|launch\w*|le[ad]|leads|ran|run|runs|mount\w*|did|does|do|began|begin\w*)\s+(?:a|an|the|their|its|two|three|several)\s+(?:[\w-]+\s+){0,2}?(?:operations?|raids?|investigations?|efforts?|campaigns?|crackdowns?|probes?|sweeps?)\s*,?\s*$")
        .expect("operation head")
});

/// Words between a verb and a substance that put the substance in a
/// clause of another noun: "sold solvents used to produce heroin",
/// "smuggles piperidone that is converted into fentanyl".
static CLAUSE_BEFORE_OBJECT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?-u:\b)(?:that|which|who|(?:used|needed|required|employed)\s+(?:to|in|for)|(?:convert|turn|process|transform)\w*\s+into)(?-u:\b)")
        .expect("clause before object")
});

/// "pills that contained fentanyl", "packages hiding fentanyl": what holds a
/// substance carries it.
static CONTAINING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?-u:\b)(?:contain\w*|lace\w*|mix\w*|cut\s+with|test\w*\s+positive|includ\w*|hid\w*|conceal\w*|pack\w*|fill\w*|load\w*|carr\w+|disguis\w+)(?-u:\b)")
        .expect("containing")
});

/// "made to look like", "resembling", "passed off as": the substance after
/// is imitated.
static IMITATED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?-u:\b)(?:look\w*\s+(?:\w+\s+){0,2}like|resembl\w*|mimic\w*|imitat\w*|passed\s+off\s+as|disguised\s+as|sold\s+as|labell?ed\s+as)(?-u:\b)")
        .expect("imitated")
});

/// "precursors used to make fentanyl", "chemicals that are then used in
/// producing it": the user is not named.
static USED_TO: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?-u:\b)(\w+)\s+(?:then\s+|later\s+|often\s+|commonly\s+|mainly\s+|primarily\s+)?used\s+(?:to|in|for)\s+$")
        .expect("used to")
});

static PASSIVE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?-u:\b)(?:is|are|was|were|be|been|being|get|gets|got)\s+(?:\w+ly\s+)?$")
        .expect("passive")
});

static GOVERNMENT_OF: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?-u:\b)(?:government|governments|authorities|officials|ministries|ministry|leadership|leaders|people)\s+of\s+(?:the\s+)?$")
        .expect("government of")
});

static OF_BEFORE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)(?-u:\b)of\s+(?:the\s+)?$").expect("of before"));

static PREP_BEFORE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?-u:\b)(?:in|into|from|to|of|at|by|through|across|for|on|within|toward|towards|against|about|over)\s+(?:the\s+|a\s+|an\s+)?$")
        .expect("prep before")
});

/// Whether a demonym followed by `after` modifies a common noun ("Chinese
/// buyers", "Chinese and Mexican firms") and so names no argument itself;
/// a country's own parts ("19 of the 32 Mexican states", "on Chinese
/// soil") are the country.
pub(crate) fn demonym_modifies(after: &str) -> bool {
    static MODIFIES: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^(?:\s+(?:and|or)\s+\p{Lu}\p{L}+|,\s*\p{Lu}\p{L}+)*\s+(\p{Ll}+)")
            .expect("modifies")
    });
    // "the Dutch FIOD", "Mexican SEMAR": before an acronym, a demonym says
    // whose agency it is.
    static ACRONYM: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"^\s+[A-Z]{2,6}(?-u:\b)").expect("acronym after"));
    if ACRONYM.is_match(after) {
        return true;
    }
    MODIFIES.captures(after).is_some_and(|c| {
        !matches!(
            &c[1],
            "and"
                | "or"
                | "but"
                | "of"
                | "in"
                | "to"
                | "the"
                | "a"
                | "an"
                | "is"
                | "are"
                | "was"
                | "were"
                | "has"
                | "have"
                | "had"
                | "said"
                | "says"
                | "who"
                | "which"
                | "that"
                | "states"
                | "state"
                | "provinces"
                | "province"
                | "cities"
                | "city"
                | "towns"
                | "ports"
                | "port"
                | "territory"
                | "soil"
                | "border"
                | "coast"
                | "waters"
                | "side"
                | "regions"
                | "region"
                | "municipalities"
        )
    })
}

/// Words that look like negation cues and negate nothing: "not only",
/// "no doubt", and "No. 12" (the abbreviation of number, as in addresses).
static NOT_ONLY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)(?-u:\b)not\s+(?:only|just)(?-u:\b)|(?-u:\b)no\s+(?:doubt|question)(?-u:\b)|(?-u:\b)nos?\.\s*\d",
    )
        .expect("not only")
});

pub(crate) fn unit(raw: &str) -> String {
    let r = raw.to_lowercase();
    if r == "%" || r.starts_with("percent") {
        "percent".into()
    } else if r.starts_with("kilo") || r == "kg" {
        "kg".into()
    } else if r.starts_with("pound") || r.starts_with("lb") {
        "pounds".into()
    } else if r.contains("pill") || r.contains("tablet") {
        "pills".into()
    } else if r.contains("dose") {
        "doses".into()
    } else if r.starts_with("gram") {
        "grams".into()
    } else if r.starts_with("ton") {
        "tons".into()
    } else if r.contains("americans") || r.contains("deaths") {
        "deaths".into()
    } else {
        r.split_whitespace().last().unwrap_or("").to_string()
    }
}

pub(crate) struct SentenceCtx<'a> {
    pub text: &'a str,
    pub lex: &'a Lexicon,
    pub ents: &'a Entities,
    pub sentence: &'a Sentence,
    /// The sentence's tagged words (empty for an over-long sentence).
    pub tokens: &'a [crate::lang::Token],
    /// The mentions inside the sentence, sorted by start.
    pub mentions: Vec<&'a Mention>,
    /// Whether the trigger patterns of `relations.tsv` run (the frames
    /// run always).
    pub table_rules: bool,
    /// The agency that issued the document, when its header names one:
    /// the agent of its agentless passives ("X was charged").
    pub issuer: Option<usize>,
    /// Polarity and figures already worked out for a span and object
    /// (many rules and frames propose statements over the same words).
    pub cache: std::cell::RefCell<Vec<SpanReading>>,
    /// Groups already worked out (many passes ask for the same ones).
    pub groups: Memo<Vec<usize>>,
    /// Conjuncts past a description already worked out.
    pub apposed: Memo<Option<(usize, bool)>>,
}

/// Answers already worked out for a mention and the classes asked for.
pub(crate) struct Memo<V>(std::cell::RefCell<Vec<(usize, Vec<EntityClass>, V)>>);

impl<V> Default for Memo<V> {
    fn default() -> Self {
        Memo(Default::default())
    }
}

impl<V: Clone> Memo<V> {
    /// The answer for mention `k` and `classes`, worked out by `work` the
    /// first time (`work` may ask this memo for other answers).
    fn get(&self, k: usize, classes: &[EntityClass], work: impl FnOnce() -> V) -> V {
        let known = self
            .0
            .borrow()
            .iter()
            .find(|(j, c, _)| *j == k && c.as_slice() == classes)
            .map(|(_, _, v)| v.clone());
        known.unwrap_or_else(|| {
            let v = work();
            self.0.borrow_mut().push((k, classes.to_vec(), v.clone()));
            v
        })
    }
}

/// What [`SentenceCtx::emit`] read off a statement's span `[lo, hi)` for an
/// object mention starting at `object` and a property.
pub(crate) struct SpanReading {
    key: (usize, usize, usize, Property),
    polarity: Polarity,
    quantity: Option<Quantity>,
    more: Vec<Quantity>,
}

impl<'a> SentenceCtx<'a> {
    /// The first mention after mention `i` (starting at or after its end),
    /// with its index.
    fn next_mention(&self, i: usize) -> Option<(usize, &'a Mention)> {
        let end = self.mentions[i].end;
        self.mentions
            .iter()
            .copied()
            .enumerate()
            .skip(i + 1)
            .find(|(_, m)| m.start >= end)
    }

    /// "the Santa Lucero firm": a place naming a firm's seat, which
    /// modifies the firm and is no argument itself.
    fn seat_of_firm(&self, m: &Mention) -> bool {
        self.class(m).is_place()
            && self.text[m.end..]
                .split_whitespace()
                .next()
                .is_some_and(|w| {
                    crate::mentions::names::names_organisation(
                        w.trim_end_matches(|c: char| !c.is_alphanumeric()),
                    )
                })
    }

    pub(crate) fn class(&self, m: &Mention) -> EntityClass {
        self.ents.get(m.ent).class
    }

    fn fits(&self, m: &Mention, classes: &[EntityClass]) -> bool {
        // "he" and "she" name speakers, never arguments; "him" is what was
        // done to the person named before ("charged him").
        // A group that lists people ("three brokers: A, B and C") stands
        // for them like a pronoun, and is an argument.
        if m.kind == MentionKind::Pronoun
            && self.class(m) == EntityClass::Person
            && !self.text[m.start..m.end].contains(char::is_whitespace)
            && !self.text[m.start..m.end].eq_ignore_ascii_case("him")
            && !ACTED_ON_PRONOUN.is_match(&self.text[m.end..])
            && !self.recent_person(m)
        {
            return false;
        }
        // "to Chinese buyers": a demonym before a noun modifies it.
        // ("An Indian exporter shipped …" still names India's trade.)
        static ARTICLE: LazyLock<Regex> =
            LazyLock::new(|| Regex::new(r"(?i)(?-u:\b)an?\s+$").expect("article"));
        if m.kind == MentionKind::Demonym
            && !self.text[m.start..m.end].contains(char::is_whitespace)
            && !ARTICLE.is_match(self.before(m.start))
            && demonym_modifies(&self.text[m.end..])
        {
            return false;
        }
        classes.is_empty() || classes.contains(&self.class(m))
    }

    /// "The Navy detained Iván Carrasco. He smuggled methamphetamine into
    /// Arizona.": a "he" or "she" opening a sentence outside quotation
    /// marks, whose person was named in the sentence just before, is that
    /// person as an argument too.
    fn recent_person(&self, m: &Mention) -> bool {
        let opens = self.sentence.start <= m.start
            && self.text[self.sentence.start..m.start].trim().is_empty();
        if !opens {
            return false;
        }
        // "He also complained about calls to designate …": what a person
        // says is their words, not their act.
        static SAYS: LazyLock<Regex> = LazyLock::new(|| {
            Regex::new(r"(?i)^\s+(?:\w+ly\s+|also\s+|then\s+)?(?:said|says|added|complained|argued|noted|told|warned|stressed|urged|called|asked|claimed|denied|insisted|testified|wrote|explained|believes?|believed|thinks?|thought)(?-u:\b)")
                .expect("says")
        });
        if SAYS.is_match(&self.text[m.end..]) {
            return false;
        }
        let quoted = self.text[self.sentence.start..m.start]
            .char_indices()
            .filter(|&(_, c)| matches!(c, '“' | '”' | '"'))
            .count()
            % 2
            == 1;
        let from = crate::mentions::window_start(self.text, m.start, 300).min(self.sentence.start);
        let before = &self.text[from..self.sentence.start];
        !quoted
            && !before.contains(['“', '”', '"'])
            && self
                .ents
                .get(m.ent)
                .label
                .split_whitespace()
                .any(|w| before.contains(w))
    }

    /// Every mention coordinated with mention `k` ("Shanghai and Guangzhou")
    /// that fits `classes`, `k` included.
    pub(crate) fn group(&self, k: usize, classes: &[EntityClass]) -> Vec<usize> {
        self.groups.get(k, classes, || self.find_group(k, classes))
    }

    fn find_group(&self, k: usize, classes: &[EntityClass]) -> Vec<usize> {
        let mut out = vec![k];
        let ms = &self.mentions;
        // Same span (a pronoun resolved to several entities).
        for (j, m) in ms.iter().enumerate() {
            if j != k && m.start == ms[k].start && m.end == ms[k].end {
                out.push(j);
            }
        }
        let mut left = k;
        while left > 0 {
            let prev = left - 1;
            if ms[prev].end > ms[left].start {
                left = prev;
                continue;
            }
            // "With help from the DEA, the police seized …": a name inside
            // an opening phrase is no conjunct of the subject after its comma.
            static PREP_BEFORE: LazyLock<Regex> = LazyLock::new(|| {
                Regex::new(
                    r"(?i)(?-u:\b)(?:from|with|by|of|for|to|at|under|after|before)\s+(?:the\s+)?$",
                )
                .expect("prep before")
            });
            let between = self.text[ms[prev].end..ms[left].start].trim();
            let lead = &self.text[self.sentence.start..ms[prev].start];
            let opening = matches!(between, "," | ", the" | ", The")
                && !lead.contains(',')
                && lead.split_whitespace().next().is_some_and(|w| {
                    matches!(
                        w,
                        "With" | "Under" | "After" | "Before" | "For" | "From" | "By" | "According"
                    )
                })
                && PREP_BEFORE.is_match(self.before(ms[prev].start));
            if !opening && self.fits(ms[prev], classes) && self.coordinated(ms[prev], ms[left]) {
                out.push(prev);
                left = prev;
                continue;
            }
            // "Its leader, Ana Ruiz, and its members Omar Pruitt …": a
            // conjunct past a description, as found rightwards below.
            let described = (left.saturating_sub(4)..left).rev().find(|&p| {
                self.fits(ms[p], classes)
                    && self.apposed_conjunct(p, classes) == Some((left, false))
            });
            match described {
                Some(p) => {
                    out.push(p);
                    left = p;
                }
                None => break,
            }
        }
        let mut right = k;
        while right + 1 < ms.len() {
            let next = right + 1;
            if ms[next].start < ms[right].end {
                // One span for several entities (a group listing them):
                // each is a conjunct when the first is.
                if ms[next].start == ms[right].start
                    && ms[next].end == ms[right].end
                    && out.contains(&right)
                    && !out.contains(&next)
                {
                    out.push(next);
                }
                right = next;
                if ms[next].start == ms[k].start {
                    continue;
                }
                continue;
            }
            // "sanctioned A and B, and the DOJ has indicted C": a name
            // followed by its own verb opens the next clause.
            static VERB_NEXT: LazyLock<Regex> = LazyLock::new(|| {
                Regex::new(r"^\s+(?:(?:also|then|later|now)\s+)?(?:has|have|had|is|are|was|were|will|would|could|can|may|might|must|did|does|do|said|says|announced|added)(?-u:\b)")
                    .expect("verb next")
            });
            static PAST_NEXT: LazyLock<Regex> =
                LazyLock::new(|| Regex::new(r"^\s+([a-z]+ed)\s+(\S+)").expect("past next"));
            // "…, and the DEA arrested X" (not "B based in Y", "B charged
            // by Z", "substances trafficked through …": a participle and
            // its preposition describe B).
            let past_verb = PAST_NEXT
                .captures(&self.text[ms[next].end..])
                .is_some_and(|c| {
                    !matches!(&c[1], "known" | "named" | "wanted" | "accused")
                        && !matches!(
                            &c[2],
                            "by" | "in"
                                | "into"
                                | "to"
                                | "through"
                                | "from"
                                | "at"
                                | "across"
                                | "via"
                                | "on"
                                | "for"
                                | "with"
                                | "as"
                                | "under"
                                | "over"
                        )
                });
            // Clauses are joined with a comma before "and"; "A and B are …"
            // is one subject.
            let clause_joint = self.text[ms[right].end..ms[next].start].contains([',', ';']);
            let finite_next = self
                .tokens
                .iter()
                .find(|t| t.start >= ms[next].end)
                .is_some_and(|t| matches!(t.tag, "VBZ" | "VBP" | "MD"));
            if clause_joint
                && (VERB_NEXT.is_match(&self.text[ms[next].end..]) || past_verb || finite_next)
            {
                break;
            }
            if self.fits(ms[next], classes)
                && self.coordinated(ms[right], ms[next])
                && !(self.text[ms[right].end..ms[next].start].contains(',')
                    && self.inside_description(right))
            {
                out.push(next);
                right = next;
                continue;
            }
            match self.apposed_conjunct(right, classes) {
                Some((j, premodifier)) => {
                    // "Apex president Li Wei": Apex names Li Wei's firm.
                    if premodifier && right != k {
                        out.retain(|&x| x != right);
                    }
                    out.push(j);
                    right = j;
                }
                None => break,
            }
        }
        // "the DEA and Mexico's FGR": a conjunct's possessor stands for
        // nothing; what it owns is the conjunct.
        for x in out.iter_mut() {
            let m = ms[*x];
            let rest = &self.text[m.end..];
            let owned = rest
                .strip_prefix("'s ")
                .or_else(|| rest.strip_prefix("’s "));
            if let Some(after) = owned {
                let at = self.text.len() - after.len();
                // The owned name after it, or a longer name it opens
                // ("Peru's National Police").
                if let Some(j) = ms
                    .iter()
                    .position(|n| n.start == at)
                    .or_else(|| ms.iter().position(|n| n.start == m.start && n.end > at))
                {
                    *x = j;
                }
            }
        }
        out.sort_unstable();
        out.dedup();
        out.retain(|&j| self.fits(ms[j], classes));
        out
    }

    /// Whether mention `k` stands inside a description of an earlier name
    /// ("X, a firm that ships to the cartel, and its owner, Y"): a conjunct
    /// after a comma then belongs to X, not to it.
    fn inside_description(&self, k: usize) -> bool {
        static DESCRIPTION: LazyLock<Regex> = LazyLock::new(|| {
            Regex::new(r"(?i),\s*(?:a|an|the|which|who|that|whose)\s[^,;:()]*$")
                .expect("description")
        });
        let ms = &self.mentions;
        let a = ms[k];
        let prev_end = if k > 0 {
            ms[k - 1].end.min(a.start)
        } else {
            self.sentence.start
        };
        let from = window_start(self.text, a.start, 120)
            .max(prev_end)
            .max(self.sentence.start);
        DESCRIPTION.is_match(&self.text[from..a.start])
    }

    /// The next conjunct after mention `k` past what describes it: an age,
    /// an apposition, a known-as name, a corporate suffix ("X, 38, and Y";
    /// "X, a broker based in Z, and its manager, Y"), with a determiner,
    /// possessor and role words before it ("and the firm's sales manager,
    /// Y"). `true` with it when `k` only premodifies the next conjunct's
    /// role ("Apex president Li Wei").
    fn apposed_conjunct(&self, k: usize, classes: &[EntityClass]) -> Option<(usize, bool)> {
        self.apposed
            .get(k, classes, || self.find_apposed_conjunct(k, classes))
    }

    fn find_apposed_conjunct(&self, k: usize, classes: &[EntityClass]) -> Option<(usize, bool)> {
        static TAIL: LazyLock<Regex> = LazyLock::new(|| {
            Regex::new(r"^(?P<poss>(?:'s|’s)\s+)?\.?(?:\s*,\s*\d{1,3}|\s*,\s*(?:a|an|the)\s[^,;:()]{1,80}?(?:,\s*\p{Lu}[\p{L}.'’\-]*(?:\s+\p{Lu}[\p{L}.'’\-]*)*)?|\s*,\s*(?:also\s+)?known\s+as\s[^,;:()]{1,40}|\s*\([^()]{1,40}\)|\s*,\s*(?:Ltd|Inc|LLC|Limited|S\.A)\.?)*?(?P<conj>\s*,?\s*(?:along|together)\s+with\s+|\s*,?\s*as\s+well\s+as\s+|\s*[,;]\s*(?:and\s+|or\s+)?|\s+(?:and|or)\s+)?\s*(?P<det>(?:its|his|her|their|the)\s+)?(?P<owner>\p{Lu}[\p{L}\-]*(?:'s|’s)?\s+|[\p{L}\-]+(?:'s|’s)\s+)?(?P<roles>(?:[a-z][a-z\-]*\s*){0,3}?)(?:,\s*)?$").expect("tail")
        });
        static RELATIVE_WORD: LazyLock<Regex> = LazyLock::new(|| {
            Regex::new(r"(?-u:\b)(?:that|which|who|whom|whose)(?-u:\b)").expect("relative")
        });
        let ms = &self.mentions;
        let a = ms[k];
        if self.inside_description(k) {
            return None;
        }
        let limit = (a.end + 200).min(self.sentence.end);
        // Where the first relative word after `k` ends: every name past it
        // has a clause in between.
        let mut upto = limit;
        while !self.text.is_char_boundary(upto) {
            upto -= 1;
        }
        let relative_end = RELATIVE_WORD
            .find(&self.text[a.end..upto.max(a.end)])
            .map_or(usize::MAX, |m| a.end + m.end());
        for (j, b) in ms.iter().enumerate().skip(k + 1) {
            if b.start >= limit {
                break;
            }
            if b.start < a.end || !self.fits(b, classes) {
                continue;
            }
            let between = &self.text[a.end..b.start];
            // "A and two of its executives, general manager B": a plural
            // noun of the first conjunct's people, then a role and a name.
            static OWN_PEOPLE: LazyLock<Regex> = LazyLock::new(|| {
                Regex::new(r"^\.?,?\s+and\s+(?:(?:two|three|four|five|six|several|some|both|all|\d+)\s+of\s+)?(?:its|their)\s+(?:top\s+|senior\s+)?(?:executives|officers|managers|employees|leaders|members|associates|lieutenants|directors|owners),\s*(?:[a-z][a-z\-]*\s+){0,3}$")
                    .expect("own people")
            });
            if self.class(b) == EntityClass::Person && OWN_PEOPLE.is_match(between) {
                return Some((j, false));
            }
            // A clause inside the description ("X, a firm that ships to the
            // cartel, and Y") leaves unsure what "and Y" joins.
            // Without a comma, semicolon or bracket, what TAIL allows
            // between two conjuncts is a conjunction and a few role words.
            let short = between.len() <= 64 || between.contains([',', ';', '(']);
            if b.start >= relative_end || !short || !TAIL.is_match(between) {
                continue;
            }
            let Some(c) = TAIL.captures(between) else {
                continue;
            };
            let roles: Vec<&str> = c
                .name("roles")
                .map_or("", |r| r.as_str())
                .split_whitespace()
                .collect();
            let person = self.class(b) == EntityClass::Person;
            let role_ok = roles
                .last()
                .is_none_or(|w| crate::mentions::names::is_role_word(w))
                && (roles.is_empty() || person);
            // A bare comma after a description is no list: "X, a broker
            // based in Y, China" ends at China.
            let conj = c.name("conj").is_some_and(|m| {
                let m = m.as_str();
                m.contains("and")
                    || m.contains("or")
                    || m.contains("with")
                    || m.contains("as well")
                    // "A; its president, B; and C": semicolons list.
                    || m.contains(';')
            });
            // Without a conjunction, only "<org> <role> <person>".
            let premodifier = !conj
                && !roles.is_empty()
                && c.name("det").is_none()
                && c.name("owner").is_none()
                && self.class(a).is_organization()
                && (c.name("poss").is_some() || !self.text[a.end..b.start].contains(','));
            if !role_ok || !(conj || premodifier) {
                continue;
            }
            // A conjunct never follows a bare comma after a plain name
            // unless it is a list ("A, B and C"): a comma and a role says
            // who the name before it is.
            return Some((j, premodifier));
        }
        None
    }

    /// Whether the words between a subject candidate and a trigger put the
    /// trigger in a relative clause whose head is another noun ("firms sell
    /// chemicals that are used to make fentanyl", "… to brokers who make
    /// it": the firms make nothing).
    fn relative_of_another(&self, from: usize, ts: usize) -> bool {
        let gap = &self.text[from..ts];
        if let Some(r) = RELATIVE_OPENER.find_iter(gap).last() {
            let (rs, re) = (from + r.start(), from + r.end());
            let open = !gap[r.end()..].contains([',', ';', ':', '—', '–', '(', ')']);
            // The words between the candidate and the relative word: with
            // a verb of their own ("sell chemicals that …"), the candidate
            // is the subject of another clause; without one ("X, 34, of
            // Sonora, who …", "X, a broker that …", "X, many of whom …")
            // it is the relative's head. A copula's predicate is its
            // subject ("China is the country that produces …").
            let copula =
                |t: &crate::lang::Token| matches!(t.lemma.as_str(), "be" | "remain" | "become");
            let other_clause = self.tokens.iter().enumerate().any(|(i, t)| {
                let auxiliary = i
                    .checked_sub(1)
                    .map(|p| &self.tokens[p])
                    .is_some_and(|p| p.start >= from && (copula(p) || p.lemma == "have"));
                t.start >= from
                    && t.end <= rs
                    && (matches!(t.tag, "VBZ" | "VBP" | "VBD" | "MD") && !copula(t)
                        // "firms are selling chemicals that …": a verb after its auxiliary.
                        || matches!(t.tag, "VBG" | "VBN") && auxiliary)
            });
            // "ship reagents, which laboratories use …": a common noun of
            // the candidate's own clause heads the relative (the tagger
            // may miss the verb, but not the noun before the relative).
            let own_noun_head = self
                .tokens
                .iter()
                .rev()
                .find(|t| t.end <= rs && t.start >= from && t.tag != ",")
                .is_some_and(|t| {
                    matches!(t.tag, "NN" | "NNS")
                        && !self.in_mention(t)
                        && !NOT_OWN_CLAUSE.is_match(&self.text[from..t.start])
                });
            if open
                && (other_clause || own_noun_head)
                && !PRONOUN_OPENS.is_match(&self.text[re..])
                && !OPERATION_HEAD.is_match(&self.text[from..rs])
            {
                return true;
            }
        }
        USED_TO.captures(gap).is_some_and(|c| {
            let w = &c[1];
            let start = c.get(1).map_or(0, |w| w.start());
            matches!(
                w.to_lowercase().as_str(),
                "is" | "are" | "was" | "were" | "be" | "been" | "being"
            ) || gap[..start].contains(char::is_alphabetic)
        })
    }

    /// Whether a tagged word lies inside one of the sentence's mentions.
    fn in_mention(&self, t: &crate::lang::Token) -> bool {
        self.mentions
            .iter()
            .any(|m| m.start <= t.start && t.end <= m.end)
    }

    /// Whether the word at `at` opens a clause: a participle, or a relative
    /// word after a noun ("pills that …"), not a determiner ("of that
    /// powder into pills").
    fn opens_clause(&self, at: usize) -> bool {
        if !self.text[at..].starts_with(['t', 'w', 'T', 'W']) {
            return true;
        }
        self.tokens
            .iter()
            .rev()
            .find(|t| t.end <= at && t.tag != ",")
            .is_some_and(|t| t.tag.starts_with("NN"))
    }

    /// Whether a finite verb other than an auxiliary ("broke", not "was"
    /// or "has") stands between two offsets, outside any mention.
    fn finite_verb_between(&self, from: usize, to: usize) -> bool {
        self.tokens.iter().any(|t| {
            t.start >= from
                && t.end <= to
                && matches!(t.tag, "VBD" | "VBZ" | "VBP")
                && !matches!(t.lemma.as_str(), "be" | "have" | "do" | "get")
                && !self.in_mention(t)
        })
    }

    /// Whether the trigger at `ts` follows "and" after a verb phrase of its
    /// own ("arrested A and B and seized …") and `m` lies inside that verb
    /// phrase: then `m` is the first verb's object, not the trigger's
    /// subject, which stands before the first verb.
    fn object_before_and(&self, m: &Mention, ts: usize) -> bool {
        let before = self.text[self.sentence.start..ts].trim_end();
        if !before.ends_with(" and") {
            return false;
        }
        let and_at = self.sentence.start + before.len() - 3;
        self.tokens
            .iter()
            .rev()
            .find(|t| {
                t.end <= and_at
                    && matches!(t.tag, "VBD" | "VBZ" | "VBP" | "VBN")
                    && !self.in_mention(t)
            })
            .is_some_and(|v| m.start > v.start)
    }

    /// Whether another substance stands between a verb and a substance
    /// after it, not coordinated with it: "sell precursors that are used to
    /// make fentanyl" sells no fentanyl.
    fn substance_between(&self, te: usize, m: &Mention, classes: &[EntityClass]) -> bool {
        let gap = &self.text[te..m.start.max(te)];
        self.class(m).is_substance()
            && (CLAUSE_BEFORE_OBJECT
                .find_iter(gap)
                .any(|c| self.opens_clause(te + c.start()))
                && !CONTAINING.is_match(gap)
                || self.mentions.iter().any(|x| {
                    x.start >= te
                        && x.end <= m.start
                        && self.class(x).is_substance()
                        && !self.fits(x, classes)
                        && !COORD.is_match(&self.text[x.end..m.start])
                        && !self.coordinated(x, m)
                }))
    }

    /// Where the coordination a mention ends starts ("in China and
    /// Guatemala" starts at "China").
    fn first_conjunct(&self, m: &Mention) -> usize {
        let mut start = m.start;
        let mut cur = m;
        while let Some(prev) = self.mentions.iter().rev().find(|p| p.end <= cur.start) {
            if self.coordinated(prev, cur) && self.class(prev) == self.class(cur) {
                start = prev.start;
                cur = prev;
            } else {
                break;
            }
        }
        start
    }

    /// Two mentions joined by "and", "or" or a comma; a bare comma only
    /// joins mentions of one class ("Mexico, Colombia, India").
    fn coordinated(&self, a: &Mention, b: &Mention) -> bool {
        let between = &self.text[a.end..b.start];
        // "People's Republic of China (PRC)": a name and its acronym.
        if a.ent == b.ent && between.trim() == "(" {
            return true;
        }
        let between = between.trim_start().strip_prefix(')').unwrap_or(between);
        // "Apex Co., Delta Ltd. and Li Wei": an abbreviation's period.
        let between = between.strip_prefix('.').unwrap_or(between);
        // "from India, to Mexico": a preposition after the comma must repeat
        // the one before the first name ("to Canada, and to Mexico").
        static PREP_END: LazyLock<Regex> = LazyLock::new(|| {
            Regex::new(r"(?i)(?-u:\b)(in|to|into|from)\s+(?:the\s+)?$").expect("prep end")
        });
        if let Some(p) = PREP_END.captures(between) {
            let prep = p[1].to_lowercase();
            let before = self.before(a.start).to_lowercase();
            let repeated = PREP_END
                .captures(&before)
                .is_some_and(|q| q[1].eq_ignore_ascii_case(&prep));
            if !repeated {
                return false;
            }
        }
        // "In coordination with the DEA, the Army arrested …": a phrase
        // that opens the sentence with a preposition ends at its comma.
        static FRONTED: LazyLock<Regex> = LazyLock::new(|| {
            Regex::new(r"^\s*(?:[Ii]n|[Ww]ith|[Uu]nder|[Aa]fter|[Dd]uring|[Ff]ollowing|[Tt]hrough|[Aa]longside|[Tt]ogether with|[Aa]ccording to|[Ff]or)\s")
                .expect("fronted")
        });
        let after = self.text[b.end..].trim_start();
        if between.trim().trim_end_matches("the").trim() == ","
            && FRONTED.is_match(&self.text[self.sentence.start..a.start])
            && !after.starts_with([',', ';', '('])
            && !after.starts_with("and ")
            && !after.starts_with("or ")
        {
            return false;
        }
        COORD.is_match(between)
            && (between.contains("and")
                || between.contains("or")
                || between.contains('&')
                || self.class(a) == self.class(b))
    }

    fn prep_ok(&self, prep: &Option<Regex>, from: usize, to: usize) -> bool {
        match prep {
            None => true,
            Some(re) => {
                // Editorial brackets ("with [the Department of] State") read as spaces.
                let window = &self.text[window_start(self.text, to, 48).max(from)..to];
                from <= to
                    && if window.contains(['[', ']']) {
                        re.is_match(&window.replace(['[', ']'], " "))
                    } else {
                        re.is_match(window)
                    }
            }
        }
    }

    /// The sentence text shortly before `at`, for end-anchored patterns.
    fn before(&self, at: usize) -> &str {
        &self.text[window_start(self.text, at, 48).max(self.sentence.start)..at]
    }

    /// Polarity of a statement spanning `[lo, hi)`: cues between its
    /// arguments, or shortly before them in the same clause.
    pub(crate) fn polarity(&self, lo: usize, hi: usize) -> Polarity {
        self.polarity_without(lo, hi, (0, 0))
    }

    /// The polarity of a span with the words in `skip` (a trigger) left out
    /// of the cues.
    pub(crate) fn polarity_without(&self, lo: usize, hi: usize, skip: (usize, usize)) -> Polarity {
        let s = self.sentence;
        let mut from = lo.saturating_sub(70).max(s.start);
        while !self.text.is_char_boundary(from) {
            from += 1;
        }
        // Stop at clause barriers before the statement.
        if let Some((b, c)) = self.text[from..lo]
            .char_indices()
            .rev()
            .find(|(_, c)| matches!(c, ';' | '—' | '–'))
        {
            from += b + c.len_utf8();
        }
        let to = hi.min(s.end);
        // A description that refers back ("the suspect") is no cue.
        let mut scope = self.text[from..to].to_string();
        for m in self.mentions.iter().filter(|m| {
            m.kind == crate::mentions::MentionKind::Pronoun && m.start >= from && m.end <= to
        }) {
            scope.replace_range(m.start - from..m.end - from, &" ".repeat(m.end - m.start));
        }
        if skip.0 >= from && skip.1 <= to && skip.0 < skip.1 {
            scope.replace_range(skip.0 - from..skip.1 - from, &" ".repeat(skip.1 - skip.0));
        }
        // "X, a firm that is suspected of …, was sanctioned": a description
        // set off by commas between the arguments speaks of the name only.
        static ASIDE: LazyLock<Regex> = LazyLock::new(|| {
            Regex::new(r",\s*(?:a|an|the|who|which|whose|that)\s[^,;]*,").expect("aside")
        });
        let asides: Vec<(usize, usize)> = ASIDE
            .find_iter(&scope)
            .map(|a| (a.start(), a.end()))
            .filter(|&(a, b)| from + a > lo && from + b < hi)
            .collect();
        for (a, b) in asides {
            scope.replace_range(a..b, &" ".repeat(b - a));
        }
        // "the suspect", "three suspects": the noun is no hedge.
        static SUSPECT_NOUN: LazyLock<Regex> = LazyLock::new(|| {
            Regex::new(r"(?i)(?-u:\b)(?:the|a|an|one|two|three|four|five|six|seven|eight|nine|ten|\d+|other|both|all|several|many|some|of|main|key|second|third)\s+suspects?(?-u:\b)")
                .expect("suspect noun")
        });
        let scope = SUSPECT_NOUN.replace_all(&scope, |c: &regex::Captures| " ".repeat(c[0].len()));
        let scope = NOT_ONLY.replace_all(&scope, " ");
        let mut polarity = Polarity::Positive;
        for i in self.lex.cue_set.matches(&scope).iter() {
            match self.lex.cues[i].0 {
                CueKind::Negative => return Polarity::Negative,
                CueKind::Hedged => polarity = Polarity::Hedged,
            }
        }
        polarity
    }

    /// The figure of a statement and any further figures in other units.
    fn quantities(
        &self,
        property: Property,
        lo: usize,
        hi: usize,
        object: &Mention,
    ) -> (Option<Quantity>, Vec<Quantity>) {
        let all = self.figures(lo, hi, object);
        let primary = match &object.quantity {
            Some(q) if Self::unit_fits(property, q) => Some(q.clone()),
            _ => all.first().cloned(),
        };
        // Every other figure once ("200 kilograms … to make 50 kilograms");
        // a figure's denominator is part of it ("19 of 32 states" is one
        // figure, not 19 and 32).
        let denominators: Vec<(String, f64)> = std::iter::once(&primary)
            .flatten()
            .chain(all.iter())
            .filter_map(|q| q.out_of.map(|o| (q.unit.clone(), o)))
            .collect();
        let more = all
            .into_iter()
            .filter(|q| {
                primary
                    .as_ref()
                    .is_none_or(|p| p.unit != q.unit || p.value != q.value)
            })
            .filter(|q| {
                q.out_of.is_some()
                    || !denominators
                        .iter()
                        .any(|(u, o)| *u == q.unit && (*o - q.value).abs() < 1e-9)
            })
            .fold(Vec::<Quantity>::new(), |mut acc, q| {
                if !acc.iter().any(|a| a.unit == q.unit && a.value == q.value) {
                    acc.push(q);
                }
                acc
            });
        (primary, more)
    }

    fn unit_fits(property: Property, q: &Quantity) -> bool {
        match q.unit.as_str() {
            "offices" => matches!(property, Property::HasOffice | Property::ClosesOffice),
            "states" | "countries" => matches!(property, Property::OperatesIn | Property::Seizes),
            _ => true,
        }
    }

    /// Every figure with a unit stated in the statement's span (or right
    /// after it), nearest the object first.
    fn figures(&self, lo: usize, hi: usize, object: &Mention) -> Vec<Quantity> {
        // The stated number nearest the object, with a unit; "85% of all
        // fentanyl" puts it right before the statement.
        static SHARE_BEFORE: LazyLock<Regex> = LazyLock::new(|| {
            Regex::new(r"(?i)\d[\d,.]*\s*(?:%|percent)\s+of\s+(?:all\s+|the\s+)?(?:\w+\s+)?$")
                .expect("share")
        });
        let ws = window_start(self.text, lo, 40).max(self.sentence.start);
        let lo = SHARE_BEFORE
            .find(&self.text[ws..lo])
            .map_or(lo, |m| ws + m.start());
        // Also a figure right after the statement ("seizing fentanyl in all
        // 50 states"), up to the next clause break.
        // So is a consequence in a relative clause right after it
        // ("…, which led to some 2,000 overdoses").
        static TAIL: LazyLock<Regex> = LazyLock::new(|| {
            Regex::new(r"(?i)^(?:\s+(?:in|to|of|across|from)|\s*,?\s*(?:which|that)\s+(?:leads?|led)\s+to|\s*,?\s*(?:which|that)\s+(?:causes?|caused|kills?|killed|results?\s+in|resulted\s+in))\s+(?:all|over|more than|nearly|about|some|the|roughly|almost)?\s*\d").expect("tail")
        });
        let mut hi = hi;
        // "5,000 counterfeit oxycodone pills": the unit follows the drug.
        static UNIT_AFTER: LazyLock<Regex> = LazyLock::new(|| {
            Regex::new(r"(?i)^\s+(?:pills|tablets|doses|capsules)(?-u:\b)").expect("unit after")
        });
        if let Some(u) = UNIT_AFTER.find(&self.text[hi..self.sentence.end]) {
            hi += u.end();
        }
        // And the amounts of a purpose clause right after it ("sent 30
        // kilograms … in order to press 10 kilograms of pills, enough to
        // kill 5 million"), up to the end of the sentence.
        static PURPOSE: LazyLock<Regex> = LazyLock::new(|| {
            Regex::new(r"(?i)^\s*,?\s*(?:with the (?:goal|aim|intent|intention|purpose) of|in order to|so as to)\s+\w+\s+(?:over|more than|nearly|about|some|roughly|almost|up to)?\s*\d").expect("purpose")
        });
        if let Some(t) = TAIL.find(&self.text[hi..self.sentence.end]) {
            let mut end = (hi + t.end() + 40).min(self.sentence.end);
            while !self.text.is_char_boundary(end) {
                end -= 1;
            }
            hi = end;
        } else if PURPOSE.is_match(&self.text[hi..self.sentence.end]) {
            let mut end = (hi + 200).min(self.sentence.end);
            while !self.text.is_char_boundary(end) {
                end -= 1;
            }
            hi = end;
        }
        let span = &self.text[lo..hi];
        // "enough … to kill 25 million": deaths, whose unit comes first.
        static KILL: LazyLock<Regex> = LazyLock::new(|| {
            Regex::new(r"(?i)(?-u:\b)kill(?:s|ed|ing)?\s+(?:over|more than|nearly|about|roughly|up to|some|as many as)?\s*(\d[\d,]*(?:\.\d+)?)(\s+(?:million|billion|thousand))?")
                .expect("kill")
        });
        let kills: Vec<Quantity> = KILL
            .captures_iter(span)
            .filter_map(|c| {
                let scale = match c
                    .get(2)
                    .map(|m| m.as_str().trim().to_lowercase())
                    .as_deref()
                {
                    Some("million") => 1e6,
                    Some("billion") => 1e9,
                    Some("thousand") => 1e3,
                    _ => 1.0,
                };
                Some(Quantity {
                    value: number_value(&c[1])? * scale,
                    unit: "deaths".into(),
                    out_of: None,
                })
            })
            .collect();
        let mut found: Vec<_> = QUANTITY
            .captures_iter(span)
            .filter(|c| !c[3].trim().is_empty() && !matches!(c[3].trim(), "." | "," | ";"))
            .collect();
        found.sort_by_key(|c| (lo + c.get(0).expect("all").start()).abs_diff(object.start));
        let mut out: Vec<Quantity> = found
            .into_iter()
            .filter_map(|c| {
                let mut value = number_value(&c[1])?;
                match c
                    .get(2)
                    .map(|m| m.as_str().trim().to_lowercase())
                    .as_deref()
                {
                    Some("million") => value *= 1e6,
                    Some("billion") => value *= 1e9,
                    Some("thousand") => value *= 1e3,
                    Some("dozen") => value *= 12.0,
                    _ => {}
                }
                Some(Quantity {
                    value,
                    unit: unit(&c[3]),
                    out_of: None,
                })
            })
            .collect();
        // "to kill 40 million people" counts deaths, whatever noun follows.
        for k in kills {
            match out.iter_mut().find(|q| q.value == k.value) {
                Some(q) => q.unit = k.unit,
                None => out.push(k),
            }
        }
        out
    }

    pub(crate) fn emit(
        &self,
        out: &mut Vec<Found>,
        (rule, confidence, property): (&str, f64, Property),
        subjects: &[usize],
        objects: &[usize],
        trigger: (usize, usize),
    ) {
        for &s in subjects {
            for &o in objects {
                let (sm, om) = (self.mentions[s], self.mentions[o]);
                // One phrase is never both sides, nor are two phrases that
                // both stand for the object ("they ... working with them").
                let same_referents = |a: &Mention, e: usize| {
                    self.mentions
                        .iter()
                        .any(|x| x.start == a.start && x.end == a.end && x.ent == e)
                };
                // "him" is an object, never a subject.
                let him = |m: &Mention| {
                    m.kind == MentionKind::Pronoun
                        && self.text[m.start..m.end].eq_ignore_ascii_case("him")
                };
                if sm.ent == om.ent
                    || him(sm)
                    || sm.start == om.start && sm.end == om.end
                    || sm.kind == MentionKind::Pronoun && same_referents(sm, om.ent)
                {
                    continue;
                }
                self.push_reading(out, (rule, confidence, property), sm, om, trigger);
            }
        }
    }

    /// A symmetric property between the members of one coordinated or
    /// plural phrase: "cooperation between A and B", "A and B agreed to
    /// cooperate", "talks between the two sides". Two members only; a
    /// longer list names no pair.
    pub(crate) fn emit_reciprocal(
        &self,
        out: &mut Vec<Found>,
        reading: (&str, f64, Property),
        members: &[usize],
        trigger: (usize, usize),
    ) {
        let mut ents: Vec<usize> = Vec::new();
        let mut picked: Vec<&Mention> = Vec::new();
        for &m in members {
            let mm = self.mentions[m];
            // "A and Mexico's customs agency": the possessor is no member.
            let after = &self.text[mm.end..];
            if after.starts_with("'s") || after.starts_with("\u{2019}s") {
                continue;
            }
            if !ents.contains(&mm.ent) {
                ents.push(mm.ent);
                picked.push(mm);
            }
        }
        if let [a, b] = picked[..] {
            self.push_reading(out, reading, a, b, trigger);
        }
    }

    fn push_reading(
        &self,
        out: &mut Vec<Found>,
        (rule, confidence, property): (&str, f64, Property),
        sm: &Mention,
        om: &Mention,
        trigger: (usize, usize),
    ) {
        let lo = sm.start.min(om.start).min(trigger.0);
        let hi = sm.end.max(om.end).max(trigger.1);
        let key = (lo, hi, om.start, property);
        let cached = self
            .cache
            .borrow()
            .iter()
            .find(|r| r.key == key)
            .map(|r| (r.polarity, r.quantity.clone(), r.more.clone()));
        let (polarity, quantity, more_quantities) = match cached {
            Some(c) => c,
            None => {
                let (q, more) = self.quantities(property, lo, hi, om);
                // Polarity depends on the span alone.
                let known = self
                    .cache
                    .borrow()
                    .iter()
                    .find(|r| {
                        r.key.0 == lo
                            && r.key.1 == hi
                            && !matches!(r.key.3, Property::Charges | Property::Arrests)
                    })
                    .map(|r| r.polarity);
                // "X was charged with smuggling by Y": what a charge says
                // was done is hedged, the charge (or arrest) itself is not.
                let own_act = matches!(property, Property::Charges | Property::Arrests);
                let p = if own_act {
                    self.polarity_without(lo, hi, trigger)
                } else {
                    known.unwrap_or_else(|| self.polarity(lo, hi))
                };
                self.cache.borrow_mut().push(SpanReading {
                    key,
                    polarity: p,
                    quantity: q.clone(),
                    more: more.clone(),
                });
                (p, q, more)
            }
        };
        out.push(Found {
            subject: sm.ent,
            property,
            object: om.ent,
            polarity,
            quantity,
            more_quantities,
            rule: rule.to_string(),
            confidence,
            trigger: Some(trigger),
        });
    }

    /// Whether a forward rule's trigger at `[ts, te)` has no subject on its
    /// left: it reads as a noun, a passive, or an active verb of production
    /// whose product follows it.
    fn no_subject_on_left(&self, rule: &RelationRule, trigger: &str, ts: usize, te: usize) -> bool {
        let noun_rule = rule.id.ends_with("-noun");
        let gerund = trigger.ends_with("ing");
        // A nominalised trigger ("the supply of fentanyl") takes no
        // subject from its left, unless the rule is about a noun.
        // "The DEA arrested …" is no such noun: the word after the
        // determiner is a mention, the subject itself.
        // "The group ran the production and sale of heroin": a
        // light verb makes the noun's agent its own subject.
        let light = LIGHT_VERB.is_match(self.before(ts));
        if !noun_rule && !light {
            if let Some(d) = DETERMINER.find(self.before(ts)) {
                let from = ts - (self.before(ts).len() - d.start());
                let names_subject = self.mentions.iter().any(|m| {
                    m.start >= from && m.end <= ts && self.text[m.end..ts].trim().is_empty()
                });
                if !names_subject {
                    return true;
                }
            }
        }
        // "…, local officers arrested X": a plain plural noun right before
        // a verb is its subject, and no name further left is ("DEA agents
        // arrested X": a name modifying the noun is).
        if !noun_rule && !gerund {
            let before = self.before(ts).trim_end();
            let w = before
                .rsplit(|c: char| !c.is_alphabetic())
                .next()
                .unwrap_or("");
            let plural = w.len() > 3
                && w.starts_with(char::is_lowercase)
                && (w.ends_with('s') && !w.ends_with("ss") || matches!(w, "police" | "personnel"))
                && !matches!(
                    w,
                    "has" | "was" | "is" | "this" | "its" | "his" | "thus" | "also"
                );
            if plural {
                let w_start = ts - (self.before(ts).len() - before.len()) - w.len();
                let covered = self
                    .mentions
                    .iter()
                    .any(|m| m.start <= w_start && m.end > w_start);
                let modified = self
                    .mentions
                    .iter()
                    .any(|m| m.end <= w_start && self.text[m.end..w_start].trim().is_empty());
                if !covered && !modified {
                    return true;
                }
            }
        }
        // "opposes the sanctions imposed by …", "condemned the indictment
        // of …": who takes a stand on an act is not its agent.
        static STANCE: LazyLock<Regex> = LazyLock::new(|| {
            Regex::new(r"(?i)(?-u:\b)(?:oppos\w*|condemn\w*|reject\w*|protest\w*|critici[sz]\w*|denounc\w*|deplor\w*|object\w*\s+to|resent\w*|decr(?:y|ies|ied))\s+(?:\w+\s+){0,2}$")
                .expect("stance")
        });
        if noun_rule && STANCE.is_match(self.before(ts)) {
            return true;
        }
        // "the production and trafficking of drugs": a gerund used as a noun.
        if !noun_rule && !light && gerund && self.text[te..].starts_with(" of ") {
            return true;
        }
        // "deceptive shipping practices": a gerund modifying a noun.
        if gerund && GERUND_MODIFIED.is_match(&self.text[te..]) {
            return true;
        }
        // "fentanyl trafficking across North America": a compound noun;
        // "manufacturers involved in fentanyl trafficking": still the actor's.
        if gerund {
            let modifier_start = DRUG_WORD_BEFORE
                .find(self.before(ts))
                .map(|w| ts - self.before(ts).len() + w.start())
                .or_else(|| {
                    self.mentions
                        .iter()
                        .find(|m| {
                            m.end <= ts
                                && self.text[m.end..ts].trim().is_empty()
                                && self.class(m).is_substance()
                        })
                        .map(|m| m.start)
                });
            if modifier_start.is_some_and(|ms| !INVOLVED_IN.is_match(self.before(ms))) {
                return true;
            }
        }
        // A passive verb ("it is being shipped") has its patient, not
        // its agent, on the left. Stative participles ("is based in",
        // "are involved in") are no passives.
        if rule.subject.iter().any(|c| c.is_actor())
            && trigger.ends_with("ed")
            && !STATIVE.is_match(trigger)
            && PASSIVE.is_match(self.before(ts))
        {
            return true;
        }
        // "powders needed to make opioids that are sold in Canada":
        // a substance right after the verb is what is made, and the one
        // before it is not.
        rule.property == Property::ProducedIn
            && self
                .mentions
                .iter()
                .any(|m| m.start >= te && m.start - te <= 2 && self.class(m).is_substance())
    }

    fn apply(&self, rule: &RelationRule, out: &mut Vec<Found>) {
        // "sends 10 cartel suspects to the U.S.": people or guns, no drug.
        if matches!(
            rule.property,
            Property::TrafficsTo | Property::Traffics | Property::SuppliesTo
        ) && self.about_arms()
        {
            return;
        }
        let s = self.sentence;
        let sentence = &self.text[s.start..s.end];
        for t in rule.trigger.find_iter(sentence) {
            let (ts, te) = (s.start + t.start(), s.start + t.end());
            if rule.order == Order::TriggerFirst {
                self.apply_verb_first(rule, (ts, te), out);
                continue;
            }
            // Arguments never sit inside the trigger.
            let (before_classes, after_classes, before_prep, after_prep) = match rule.order {
                Order::Backward => (
                    &rule.object,
                    &rule.subject,
                    &rule.object_prep,
                    &rule.subject_prep,
                ),
                _ => (
                    &rule.subject,
                    &rule.object,
                    &rule.subject_prep,
                    &rule.object_prep,
                ),
            };
            if rule.order == Order::Forward && self.no_subject_on_left(rule, t.as_str(), ts, te) {
                continue;
            }
            // "the U.S. Attorney said the Sinaloa Cartel ships …": an actor
            // right before the verb is its subject; when the rule does not
            // take its class, no name further left is.
            if rule.order == Order::Forward
                && !before_classes.iter().any(|c| c.is_substance())
                && self
                    .mentions
                    .iter()
                    .rev()
                    .find(|m| m.end <= ts)
                    .is_some_and(|m| {
                        ADVERBS_ONLY.is_match(&self.text[m.end..ts])
                            && self.class(m).is_actor()
                            && !self.class(m).is_place()
                            && !self.fits(m, before_classes)
                            && !self.mentions.iter().any(|x| {
                                x.start == m.start && x.end == m.end && self.fits(x, before_classes)
                            })
                    })
            {
                continue;
            }
            let before = self.mentions.iter().enumerate().rev().find(|(_, m)| {
                m.end <= ts
                    && ts - m.end <= rule.gap
                    && self.fits(m, before_classes)
                    && self.prep_ok(before_prep, s.start, m.start)
                    // "inputs used to make heroin arrive from India":
                    // what is made is not what comes.
                    && (rule.order != Order::Backward || !TO_MAKE.is_match(self.before(m.start)))
                    // "The Bureau broke up a ring led by X": a participle
                    // with its agent (no "was" before it) modifies the noun
                    // next to it, not a name before another verb.
                    && (rule.order != Order::Backward
                        || !t.as_str().ends_with("by")
                        || BE_BEFORE.is_match(self.before(ts))
                        || !self.finite_verb_between(m.end, ts))
                    // "told Canada that it had detained":
                    // a pronoun after "that" is the subject, not the mention before.
                    && (!THAT_PRONOUN.is_match(&self.text[m.end..ts])
                        // "the groups that we think are behind it": an aside.
                        || THAT_WE_BELIEVE.is_match(&self.text[m.end..ts]))
                    // "X, a firm based in Changzhou, China, has sold …": a
                    // place ending an aside before the verb is no subject.
                    && (rule.order != Order::Forward
                        || !self.class(m).is_place()
                        || !self.text[m.end..ts].trim_start().starts_with(',')
                        || !PLACE_IN_ASIDE.is_match(self.before(m.start)))
                    // A possessive modifies a noun and is no subject ("President Biden's policy").
                    && (rule.order != Order::Forward
                        || !POSSESSIVE.is_match(&self.text[m.end..ts])
                        // "China's the source" is "China is"; "China's role in supplying" names the actor.
                        || ACTING_POSSESSIVE.is_match(&self.text[m.end..ts]))
                    // A subject is not the object of a preposition ("bought in the United States").
                    && (rule.order != Order::Forward
                        || before_prep.is_some()
                        || !self.class(m).is_actor()
                        || !PREP_BEFORE.is_match(self.before(self.first_conjunct(m)))
                        // "the Government of the PRC agreed": the country acts.
                        || GOVERNMENT_OF.is_match(self.before(self.first_conjunct(m)))
                        // "through organizations that are operating": a relative clause's head.
                        || (RELATIVE.is_match(&self.text[m.end..ts])
                            && (self.class(m) == EntityClass::Person) == WHO.is_match(&self.text[m.end..ts]))
                        // "incidents of security forces colluding": the gerund's
                        // subject ("in the United States selling" is no agent).
                        || (self.text[m.end..ts].trim().is_empty()
                            && OF_BEFORE.is_match(self.before(self.first_conjunct(m))))
                        // "charges against X for their role in laundering": X acts.
                        || ROLE_IN.is_match(&self.text[m.end..ts]))
                    // A subject is in the trigger's own clause: not the
                    // head of another noun's relative clause, not before a
                    // semicolon ("the couriers, two of whom were jailed; the
                    // brokers, working from Peru, …"), and not the object of
                    // a first verb ("The police arrested A and B and seized C").
                    && (rule.order != Order::Forward
                        || !self.relative_of_another(m.end, ts)
                            && !self.text[m.end..ts].contains(';')
                            && !self.object_before_and(m, ts))
            });
            // "from X", "by X": X follows at once ("from entering the U.S." names no source).
            let lower = t.as_str().to_lowercase();
            let after_gap = if lower.ends_with("from") || lower.ends_with(" by") {
                5
            } else {
                rule.gap
            };
            let after = self.mentions.iter().enumerate().find(|(_, m)| {
                m.start >= te
                    && m.start - te <= after_gap
                    // "…; OFAC continues to examine those sales": a
                    // semicolon ends the clause.
                    && !self.text[te..m.start].contains(';')
                    // "a team headed by Peru's minister": a possessive modifies what follows.
                    && (rule.order != Order::Forward
                        || !POSSESSIVE.is_match(&self.text[m.end..])
                        || ACTING_POSSESSIVE.is_match(&self.text[m.end..]))
                    && self.fits(m, after_classes)
                    && self.prep_ok(after_prep, te, m.start)
                    // "to the Santa Lucero firm": a place naming a firm's
                    // seat modifies the firm, which is the object.
                    && !self.seat_of_firm(m)
                    // "made fentanyl a priority": an object with a
                    // complement is not what is made.
                    && !(matches!(lower.get(..3), Some("mak" | "mad"))
                        && object_complement(&self.text[m.end..]))
                    // "make them look just like oxycodone": what is imitated
                    // is not what is made.
                    && (rule.order != Order::Forward
                        || !IMITATED.is_match(&self.text[te..m.start])
                            && !self.substance_between(te, m, after_classes))
                    // "A sells NPP to B in Culiacan": a place after another
                    // actor's name is where that actor is.
                    && (rule.order != Order::Forward
                        || rule.property != Property::OperatesIn
                        || !self.mentions.iter().any(|x| {
                            x.start >= te
                                && x.end <= m.start
                                && self.class(x).is_actor()
                                && !self.class(x).is_place()
                        }))
            });
            let (Some((b, _)), Some((a, _))) = (before, after) else {
                continue;
            };
            let bs = self.group(b, before_classes);
            let as_ = self.group(a, after_classes);
            let (subjects, objects) = match rule.order {
                Order::Backward => (as_, bs),
                _ => (bs, as_),
            };
            self.emit(
                out,
                (&rule.id, rule.confidence, rule.property),
                &subjects,
                &objects,
                (ts, te),
            );
        }
    }

    fn apply_verb_first(
        &self,
        rule: &RelationRule,
        (ts, te): (usize, usize),
        out: &mut Vec<Found>,
    ) {
        let Some((si, sm)) = self.mentions.iter().enumerate().find(|(_, m)| {
            m.start >= te && m.start - te <= rule.gap && self.fits(m, &rule.subject)
        }) else {
            return;
        };
        let subjects = self.group(si, &rule.subject);
        let last = subjects
            .iter()
            .map(|&k| self.mentions[k].end)
            .max()
            .unwrap_or(sm.end);
        let Some((oi, _)) = self.mentions.iter().enumerate().find(|(_, m)| {
            m.start >= last
                && m.start - last <= rule.gap
                && self.fits(m, &rule.object)
                && self.prep_ok(&rule.object_prep, last, m.start)
                && !self.seat_of_firm(m)
        }) else {
            return;
        };
        let objects = self.group(oi, &rule.object);
        self.emit(
            out,
            (&rule.id, rule.confidence, rule.property),
            &subjects,
            &objects,
            (ts, te),
        );
    }

    /// "the gangs behind the heroin that flows into Canada": who traffics a
    /// substance traffics it to where it goes.
    /// "The gang needs its cash back home. … it moves through Colombian
    /// money brokers": money launderers named as
    /// the channel ("through", "via", "using") of cartels' money in this or
    /// the two sentences before launder for those cartels. `cartels` are the
    /// cartels named (or referred to) there; `money_talk` says whether those
    /// sentences speak of money.
    pub(crate) fn laundering_channel(&self, cartels: &[usize], money_talk: bool) -> Vec<Found> {
        static CHANNEL: LazyLock<Regex> = LazyLock::new(|| {
            Regex::new(r"(?i)(?-u:\b)(?:through|via|using|uses|use|used|with the help of|relying on|rely on|relies on)\s+(?:the\s+)?$")
                .expect("channel")
        });
        static LAUNDERER: LazyLock<Regex> =
            LazyLock::new(|| Regex::new(r"(?i)launder|(?-u:\b)MLOs?(?-u:\b)").expect("launderer"));
        let mut out = Vec::new();
        if cartels.is_empty() || !money_talk {
            return out;
        }
        for m in &self.mentions {
            if self.class(m) != EntityClass::CriminalOrganization
                || !LAUNDERER.is_match(&self.ents.get(m.ent).label)
                || !CHANNEL.is_match(self.before(m.start))
            {
                continue;
            }
            for &c in cartels {
                out.push(Found {
                    subject: m.ent,
                    property: Property::LaundersMoneyFor,
                    object: c,
                    polarity: self.polarity(m.start, m.end),
                    quantity: None,
                    more_quantities: Vec::new(),
                    rule: "laundering-channel".into(),
                    confidence: 0.6,
                    trigger: None,
                });
            }
        }
        out
    }

    /// "Indian precursors feed the trade … . Much of the precursors end up
    /// in Canada": a substance whose
    /// source country this or the previous sentence named, moved into a
    /// place, makes that country traffic to it. `sources` are (substance,
    /// country) pairs.
    pub(crate) fn sourced_substance_moved(&self, sources: &[(usize, usize)]) -> Vec<Found> {
        static MOVED_TO: LazyLock<Regex> = LazyLock::new(|| {
            Regex::new(
                r"(?i)^\s+(?:(?:is|are|was|were|being|been|get|gets|got)\s+)?(?:\w+ly\s+)?(?:smuggled|shipped|transported|trafficked|sent|moved|brought|diverted|exported|funneled|funnelled)\s+(?:(?:\w+ly|directly)\s+)?(?:to|into)\s+(?:the\s+)?$",
            )
            .expect("moved to")
        });
        let mut out = Vec::new();
        for m in &self.mentions {
            let Some(&(_, source)) = sources.iter().find(|(sub, _)| *sub == m.ent) else {
                continue;
            };
            let Some(place) = self
                .mentions
                .iter()
                .find(|p| p.start > m.end && p.start - m.end <= 60 && self.class(p).is_place())
            else {
                continue;
            };
            if place.ent == source || !MOVED_TO.is_match(&self.text[m.end..place.start]) {
                continue;
            }
            let (lo, hi) = (m.start, place.end);
            out.push(Found {
                subject: source,
                property: Property::TrafficsTo,
                object: place.ent,
                polarity: self.polarity(lo, hi),
                quantity: None,
                more_quantities: Vec::new(),
                rule: "sourced-substance-moved".into(),
                confidence: 0.6,
                trigger: None,
            });
        }
        out
    }

    fn traffic_destination(&self, found: &[Found], out: &mut Vec<Found>) {
        static GOING_INTO: LazyLock<Regex> = LazyLock::new(|| {
            Regex::new(
                r"(?i)^\s+(?:that\s+is\s+|that's\s+|that’s\s+|being\s+)?(?:coming|flowing|pouring|entering|smuggled|moving|crossing|headed|heading|bound)(?:\s+(?:into|to|across|for))?\s+(?:the\s+)?$",
            )
            .expect("going into")
        });
        for f in found {
            if f.property != Property::Traffics || f.polarity != Polarity::Positive {
                continue;
            }
            for m in &self.mentions {
                if m.ent != f.object {
                    continue;
                }
                let Some((p, _)) = self.mentions.iter().enumerate().find(|(_, p)| {
                    p.start > m.end
                        && p.start - m.end <= 40
                        && self.class(p).is_place()
                        && GOING_INTO.is_match(&self.text[m.end..p.start])
                }) else {
                    continue;
                };
                let subject = self
                    .mentions
                    .iter()
                    .enumerate()
                    .rev()
                    .find(|(_, s)| s.ent == f.subject && s.end <= m.start)
                    .map(|(j, _)| j);
                if let Some(j) = subject {
                    self.emit(
                        out,
                        ("traffic-destination", 0.65, Property::TrafficsTo),
                        &[j],
                        &[p],
                        (m.start, m.end),
                    );
                }
            }
        }
    }

    /// "Heroin produced in Afghanistan continues to reach India", "fentanyl
    /// made in Canada is smuggled to Australia": the country a drug is made
    /// in traffics it to where it is then moved.
    fn made_then_moved(&self, out: &mut Vec<Found>) {
        static MADE_IN: LazyLock<Regex> = LazyLock::new(|| {
            Regex::new(r"(?i)^\s+(?:\w+\s+)?(?:produced|made|manufactured|synthesi[sz]ed|pressed|grown|cultivated)\s+(?:(?:in|at|into)\s+(?:[\w-]+\s+){1,3}?)?in\s+(?:the\s+)?$")
                .expect("made in")
        });
        static MOVED: LazyLock<Regex> = LazyLock::new(|| {
            Regex::new(r"(?i)^\s*,?\s*(?:(?:is|are|was|were|has\s+been|have\s+been)\s+(?:being\s+|now\s+|still\s+|then\s+|also\s+)?(?:\w+ly\s+)?(?:smuggled|trafficked|shipped|sent|moved|carried|exported)\s+(?:\w+\s+)?(?:to|into)|(?:continues?|continued)\s+to\s+(?:reach|enter|flow\s+into)|(?:reaches|reached|enters|entered|flows\s+into|flowed\s+into))\s+(?:the\s+)?$")
                .expect("moved")
        });
        let ms = &self.mentions;
        for (d, drug) in ms.iter().enumerate() {
            if self.class(drug) != EntityClass::Drug {
                continue;
            }
            let Some(a) = (d + 1..ms.len()).find(|&a| {
                ms[a].start >= drug.end
                    && matches!(self.class(ms[a]), EntityClass::Country | EntityClass::State)
                    && MADE_IN.is_match(&self.text[drug.end..ms[a].start])
            }) else {
                continue;
            };
            let Some(b) = (a + 1..ms.len()).find(|&b| {
                ms[b].start >= ms[a].end
                    && self.class(ms[b]).is_place()
                    && MOVED.is_match(&self.text[ms[a].end..ms[b].start])
            }) else {
                continue;
            };
            let places = self.group(
                b,
                &[EntityClass::Country, EntityClass::State, EntityClass::City],
            );
            self.emit(
                out,
                ("made-then-moved", 0.65, Property::TrafficsTo),
                &[a],
                &places,
                (drug.start, ms[b].end),
            );
        }
    }

    /// "Of the heroin reaching Canada, 80% is from India": the
    /// source of a substance traffics to the place it enters.
    fn source_to_destination(&self, found: &[Found], out: &mut Vec<Found>) {
        static DEST: LazyLock<Regex> = LazyLock::new(|| {
            Regex::new(
                r"(?i)(?-u:\b)(?:into|entering|enters|enter|entered|reaching|reach|(?:seiz\w+|found|sold|distributed|consumed|used|see|saw)\s+in)\s+(?:the\s+)?$",
            )
            .expect("dest")
        });
        let sources: Vec<usize> = found
            .iter()
            .filter(|f| f.rule.starts_with("from-source") && f.polarity == Polarity::Positive)
            .map(|f| f.subject)
            .collect();
        if sources.is_empty() {
            return;
        }
        for (k, m) in self.mentions.iter().enumerate() {
            if self.class(m) != EntityClass::Country || sources.contains(&m.ent) {
                continue;
            }
            if !DEST.is_match(self.before(m.start)) {
                continue;
            }
            for (j, src) in self.mentions.iter().enumerate() {
                if sources.contains(&src.ent) && src.start > m.end {
                    self.emit(
                        out,
                        ("source-destination", 0.65, Property::TrafficsTo),
                        &[j],
                        &[k],
                        (m.start, src.end),
                    );
                    break;
                }
            }
        }
    }

    /// "from China to Mexico": the first supplies or traffics to the second.
    /// Arms, not drugs: "rifles smuggled south from Texas".
    fn about_arms(&self) -> bool {
        static ARMS: LazyLock<Regex> = LazyLock::new(|| {
            Regex::new(r"(?i)(?-u:\b)(?:arms|firearms|weapons|guns|ammunition|migrants|suspects|fugitives|defendants|prisoners|detainees|troops)(?-u:\b)")
                .expect("arms")
        });
        ARMS.is_match(&self.text[self.sentence.start..self.sentence.end])
            && !self.mentions.iter().any(|m| self.class(m).is_substance())
    }

    fn place_to_place(&self, out: &mut Vec<Found>) {
        if self.about_arms() {
            return;
        }
        static SUPPLY: LazyLock<Regex> = LazyLock::new(|| {
            Regex::new(r"(?i)suppl|precursor|chemical|export|ship").expect("supply")
        });
        let s = self.sentence;
        let sentence = &self.text[s.start..s.end];
        let supply = SUPPLY.is_match(sentence);
        let actor = |m: &Mention| {
            let c = self.class(m);
            c.is_actor() || c.is_place() && c != EntityClass::PortOfEntry
        };
        for (i, a) in self.mentions.iter().enumerate() {
            if !actor(a) || !FROM_BEFORE.is_match(self.before(a.start)) {
                continue;
            }
            let from_group = self.group(i, &[]);
            let last = *from_group.iter().max().unwrap_or(&i);
            let Some((j, _)) = self
                .mentions
                .iter()
                .enumerate()
                .skip(last + 1)
                .find(|(_, b)| b.start >= self.mentions[last].end && actor(b))
            else {
                continue;
            };
            if !FROM_TO.is_match(&self.text[self.mentions[last].end..self.mentions[j].start]) {
                continue;
            }
            let subjects: Vec<usize> = from_group
                .into_iter()
                .filter(|&k| actor(self.mentions[k]))
                .collect();
            let objects = self.group(j, &[]);
            let property = if supply {
                Property::SuppliesTo
            } else {
                Property::TrafficsTo
            };
            let trigger = (a.start, self.mentions[j].end);
            self.emit(
                out,
                ("from-to", 0.75, property),
                &subjects,
                &objects,
                trigger,
            );
        }
    }

    /// "Chinese precursor chemicals": the demonym's place supplies them.
    fn demonym_source(&self, out: &mut Vec<Found>) {
        // "Mexican-made fentanyl", "Gulf Cartel-produced methamphetamine":
        // where or by whom the drug is made, not its source of supply.
        static MADE: LazyLock<Regex> = LazyLock::new(|| {
            Regex::new(r"^[-–](?:made|produced|manufactured|synthesi[sz]ed|pressed|cooked)\s+$")
                .expect("made")
        });
        for (i, m) in self.mentions.iter().enumerate() {
            let Some(next) = self.mentions.get(i + 1) else {
                continue;
            };
            if next.start >= m.end
                && MADE.is_match(&self.text[m.end..next.start])
                && self.class(next).is_substance()
            {
                let drugs = self.group(i + 1, &[EntityClass::Drug, EntityClass::PrecursorChemical]);
                let c = self.class(m);
                if c.is_place() {
                    self.emit(
                        out,
                        ("made-in", 0.75, Property::ProducedIn),
                        &drugs,
                        &[i],
                        (m.start, next.end),
                    );
                } else if matches!(
                    c,
                    EntityClass::Cartel | EntityClass::CriminalOrganization | EntityClass::Company
                ) {
                    self.emit(
                        out,
                        ("made-by", 0.75, Property::Produces),
                        &[i],
                        &drugs,
                        (m.start, next.end),
                    );
                }
                continue;
            }
            if m.kind != MentionKind::Demonym || self.class(m) != EntityClass::Country {
                continue;
            }
            let gap = &self.text[m.end..next.start];
            if next.start >= m.end
                && gap.split_whitespace().count() <= 1
                && self.class(next).is_substance()
                && !gap.contains([',', '.', ';'])
            {
                self.emit(
                    out,
                    ("demonym-source", 0.7, Property::Supplies),
                    &[i],
                    &[i + 1],
                    (m.start, next.end),
                );
            }
        }
    }
}

/// "He was arrested …", "she had been charged …": a person's pronoun as
/// the subject of a passive act on people is what was done to.
static ACTED_ON_PRONOUN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\s+(?:was|were|is|has been|had been|will be|would be)\s+(?:\w+ly\s+)?(?:arrested|charged|indicted|extradited|sanctioned|designated|detained|sentenced|convicted|prosecuted|deported|captured|apprehended)(?-u:\b)")
        .expect("acted-on pronoun")
});

impl SentenceCtx<'_> {
    /// "Canada and Peru agreed on joint patrols", "a combined effort of
    /// Spain, Colombia and Panama":
    /// actors named together around a word of joint action cooperate
    /// ("coordinated the action with A and B" makes A and B partners of
    /// the subject, not of each other).
    fn joint_action(&self, out: &mut Vec<Found>) {
        static JOINT_AFTER: LazyLock<Regex> = LazyLock::new(|| {
            Regex::new(r"(?i)^[^.;:]{0,60}?(?-u:\b)(?:jointly|together|joint|cooperat\w*|collaborat\w*|partner\w*|committed|commitment|agreed|pledged|coordinat\w*|(?:shar(?:e|es|ed|ing)|exchang(?:e|es|ed|ing))\s+(?:\w+\s+)?(?:intelligence|information|data|best practices|evidence|expertise))(?-u:\b)").expect("joint after")
        });
        static JOINT_BEFORE: LazyLock<Regex> = LazyLock::new(|| {
            Regex::new(r"(?i)(?-u:\b)(?:(?:coordinated|joint|bilateral|trilateral|combined|multilateral)\s+(?:\w+\s+){0,3}?(?:involving|between|among|of)|(?:led|headed|run|conducted|carried\s+out|co-led)\s+(?:jointly\s+)?by|\w+\s+jointly\s+by)\s+(?:the\s+)?$").expect("joint before")
        });
        // Every word either pattern needs, anywhere in the sentence: without
        // one of them (or a conjunction) no group is worth working out.
        static CUE: LazyLock<Regex> = LazyLock::new(|| {
            Regex::new(r"(?i)(?-u:\b)(?:jointly|together|joint|cooperat|collaborat|partner|committed|commitment|agreed|pledged|coordinat|shar(?:e|es|ed|ing)|exchang|bilateral|trilateral|combined|multilateral|led|headed|run|conducted|carried|co-led)").expect("joint cue")
        });
        let sentence = &self.text[self.sentence.start..self.sentence.end];
        if !(sentence.contains(" and ") || sentence.contains('&')) || !CUE.is_match(sentence) {
            return;
        }
        let actor = |m: &Mention| {
            matches!(
                self.class(m),
                EntityClass::Country | EntityClass::GovernmentAgency | EntityClass::Person
            )
        };
        let mut i = 0;
        while i < self.mentions.len() {
            let g = self.group(i, &[]);
            let mut members: Vec<usize> = Vec::new();
            for k in g.iter().copied().filter(|&k| actor(self.mentions[k])) {
                if !members
                    .iter()
                    .any(|&x| self.mentions[x].ent == self.mentions[k].ent)
                {
                    members.push(k);
                }
            }
            let last = *g.iter().max().unwrap_or(&i);
            let start = self.mentions[*g.iter().min().unwrap_or(&i)].start;
            let end = self.mentions[last].end;
            // A real conjunction, not a comma between clauses.
            let conjoined =
                self.text[start..end].contains(" and ") || self.text[start..end].contains('&');
            // Two or three parties; a long list is a roll call, not a joint action.
            if (2..=3).contains(&members.len()) && conjoined {
                let joint = JOINT_AFTER.is_match(&self.text[end..self.sentence.end])
                    || JOINT_BEFORE.is_match(
                        &self.text
                            [window_start(self.text, start, 80).max(self.sentence.start)..start],
                    );
                if joint {
                    for (x, &a) in members.iter().enumerate() {
                        for &b in &members[x + 1..] {
                            self.emit(
                                out,
                                ("joint-action", 0.65, Property::CooperatesWith),
                                &[a],
                                &[b],
                                (start, end),
                            );
                        }
                    }
                }
            }
            // A group need not hold its own mention (a group of people
            // listing its members gives back only what fits): go on past
            // it all the same.
            i = (last + 1).max(i + 1);
        }
    }

    /// "Buyers go to India, where they acquire the precursors":
    /// the place where buyers purchase supplies them.
    /// "nations … now hit by a wave of opioids from India": a place hit by
    /// a substance from a source is
    /// supplied by it.
    fn struggling_recipient(&self, found: &[Found], out: &mut Vec<Found>) {
        static HIT_BY: LazyLock<Regex> = LazyLock::new(|| {
            Regex::new(r"(?i)^\s*,?\s*(?:(?:that|which|who)\s+)?(?:(?:is|are|was|were|have been|has been|remain|remains)\s+)?(?:struggling|grappling|dealing|coping|battling|suffering|flooded|inundated|awash|overwhelmed|hit|devastated|ravaged)(?-u:\b)")
                .expect("hit by")
        });
        for f in found {
            if !f.rule.starts_with("from-source") || f.polarity != Polarity::Positive {
                continue;
            }
            // The substance's mention, and a place or group before it whose
            // clause says it suffers from it.
            let Some(sub) = self.mentions.iter().find(|m| m.ent == f.object) else {
                continue;
            };
            let recipient = self
                .mentions
                .iter()
                .enumerate()
                .rev()
                .filter(|(_, m)| m.end <= sub.start && sub.start - m.end <= 120)
                .find(|(_, m)| {
                    self.class(m).is_place()
                        && m.ent != f.subject
                        && HIT_BY.is_match(&self.text[m.end..sub.start])
                });
            let Some((r, _)) = recipient else { continue };
            let Some(src) = self
                .mentions
                .iter()
                .position(|m| m.ent == f.subject && m.start > sub.end)
            else {
                continue;
            };
            self.emit(
                out,
                ("struggling-recipient", 0.65, Property::SuppliesTo),
                &[src],
                &[r],
                (self.mentions[r].start, self.mentions[src].end),
            );
        }
    }

    /// "Luis, who worked as a precursor broker", "the firm is a major
    /// fentanyl supplier": a role noun of trade names what its holder does
    /// with the substance before it.
    fn trade_role(&self, out: &mut Vec<Found>) {
        static IS_A: LazyLock<Regex> = LazyLock::new(|| {
            Regex::new(r"(?i)^\s*(?:\(\w+\)\s*)?,?\s*(?:(?:who|which|that)\s+)?(?:is|was|are|were|has been|had been|became|becomes|remains|remained)\s+(?:a|an|the|one of the|among the)\s+(?:(?:major|key|main|large|leading|big|known|prolific|notorious|primary|significant|top|global|international)\s+)*$")
                .expect("is a")
        });
        static ROLE: LazyLock<Regex> = LazyLock::new(|| {
            Regex::new(r"(?i)^\s+(brokers?|suppliers?|dealers?|vendors?|sellers?|distributors?|exporters?|providers?|manufacturers?|producers?|makers?|traffickers?|smugglers?)(?-u:\b)")
                .expect("role")
        });
        for (i, holder) in self.mentions.iter().enumerate() {
            if !matches!(
                self.class(holder),
                EntityClass::Person
                    | EntityClass::Company
                    | EntityClass::CriminalOrganization
                    | EntityClass::Cartel
                    | EntityClass::Country
            ) {
                continue;
            }
            let Some((j, substance)) = self.next_mention(i) else {
                continue;
            };
            if !self.class(substance).is_substance()
                || !IS_A.is_match(&self.text[holder.end..substance.start])
            {
                continue;
            }
            let Some(r) = ROLE.captures(&self.text[substance.end..self.sentence.end]) else {
                continue;
            };
            let role = r[1].to_lowercase();
            let property = if role.starts_with("manufactur")
                || role.starts_with("produc")
                || role.starts_with("maker")
            {
                Property::Produces
            } else if role.starts_with("traffick") || role.starts_with("smuggl") {
                Property::Traffics
            } else {
                Property::Supplies
            };
            self.emit(
                out,
                ("trade-role", 0.75, property),
                &[i],
                &[j],
                (holder.start, substance.end + r.get(0).expect("role").end()),
            );
        }
    }

    /// "Those companies are China-based", "the shippers were all
    /// Mexico-based": a place-based predicate locates its subject.
    fn predicate_based(&self, out: &mut Vec<Found>) {
        static COPULA: LazyLock<Regex> = LazyLock::new(|| {
            Regex::new(r"(?i)^\s+(?:is|are|was|were|remain|remains)\s+(?:all\s+|mostly\s+|mainly\s+|largely\s+)?$")
                .expect("copula")
        });
        static BASED: LazyLock<Regex> =
            LazyLock::new(|| Regex::new(r"^[-‐–]based(?-u:\b)").expect("based"));
        for (i, subject) in self.mentions.iter().enumerate() {
            if !matches!(
                self.class(subject),
                EntityClass::Company
                    | EntityClass::CriminalOrganization
                    | EntityClass::Cartel
                    | EntityClass::Person
                    | EntityClass::GovernmentAgency
            ) {
                continue;
            }
            let Some((j, place)) = self.next_mention(i) else {
                continue;
            };
            if self.class(place).is_place()
                && COPULA.is_match(&self.text[subject.end..place.start])
                && BASED.is_match(&self.text[place.end..self.sentence.end])
            {
                self.emit(
                    out,
                    ("predicate-based", 0.8, Property::LocatedIn),
                    &[i],
                    &[j],
                    (subject.start, place.end),
                );
            }
        }
    }

    fn buying_place(&self, out: &mut Vec<Found>) {
        static WHERE: LazyLock<Regex> =
            LazyLock::new(|| Regex::new(r"^\s*,?\s*where\s+$").expect("where"));
        static BUY: LazyLock<Regex> = LazyLock::new(|| {
            Regex::new(r"(?i)^\s+(?:\w+\s+){0,2}?(?:purchas\w*|buy\w*|bought|acquir\w*|sourc\w*|obtain\w*|procur\w*)(?-u:\b)").expect("buy")
        });
        for (i, place) in self.mentions.iter().enumerate() {
            if self.class(place) != EntityClass::Country {
                continue;
            }
            let Some((j, buyer)) = self.next_mention(i) else {
                continue;
            };
            let buyers: Vec<usize> = self
                .group(j, &[])
                .into_iter()
                .filter(|&k| {
                    matches!(
                        self.class(self.mentions[k]),
                        EntityClass::Cartel
                            | EntityClass::CriminalOrganization
                            | EntityClass::Company
                    )
                })
                .collect();
            if buyers.is_empty() || !WHERE.is_match(&self.text[place.end..buyer.start]) {
                continue;
            }
            let end = buyers
                .iter()
                .map(|&k| self.mentions[k].end)
                .max()
                .unwrap_or(buyer.end);
            if BUY.is_match(&self.text[end..self.sentence.end]) {
                self.emit(
                    out,
                    ("buying-place", 0.65, Property::SuppliesTo),
                    &[i],
                    &buyers,
                    (place.start, end),
                );
            }
        }
    }

    /// "CBP's fentanyl seizures": the agency seizes the substance.
    fn possessive_seizures(&self, out: &mut Vec<Found>) {
        static SEIZURES: LazyLock<Regex> = LazyLock::new(|| {
            Regex::new(r"(?i)^\s+(?:seizures?|interdictions?)(?-u:\b)").expect("seizures")
        });
        for (i, m) in self.mentions.iter().enumerate() {
            if !matches!(
                self.class(m),
                EntityClass::GovernmentAgency | EntityClass::Country
            ) || !POSSESSIVE.is_match(&self.text[m.end..])
            {
                continue;
            }
            let Some((j, n)) = self.next_mention(i) else {
                continue;
            };
            if n.start - m.end <= 4
                && self.class(n).is_substance()
                && SEIZURES.is_match(&self.text[n.end..])
            {
                self.emit(
                    out,
                    ("possessive-seizures", 0.75, Property::Seizes),
                    &[i],
                    &[j],
                    (m.start, n.end),
                );
            }
        }
    }
}

/// All relations of one sentence.
pub(crate) fn sentence_relations(ctx: &SentenceCtx<'_>) -> Vec<Found> {
    let mut out = Vec::new();
    if ctx.table_rules {
        // Only the rules whose trigger occurs in the sentence, and whose
        // argument classes its mentions can fill.
        let s = ctx.sentence;
        let hits = ctx.lex.trigger_set.matches(&ctx.text[s.start..s.end]);
        let classes: Vec<EntityClass> = ctx.mentions.iter().map(|m| ctx.class(m)).collect();
        let fillable =
            |want: &[EntityClass]| want.is_empty() || want.iter().any(|c| classes.contains(c));
        for i in hits.iter() {
            let rule = &ctx.lex.rules[i];
            if fillable(&rule.subject) && fillable(&rule.object) {
                ctx.apply(rule, &mut out);
            }
        }
    }
    ctx.place_to_place(&mut out);
    ctx.demonym_source(&mut out);
    ctx.joint_action(&mut out);
    ctx.possessive_seizures(&mut out);
    ctx.buying_place(&mut out);
    ctx.predicate_based(&mut out);
    ctx.trade_role(&mut out);
    let mut received = Vec::new();
    ctx.struggling_recipient(&out, &mut received);
    out.extend(received);
    let mut extra = Vec::new();
    ctx.source_to_destination(&out, &mut extra);
    ctx.traffic_destination(&out, &mut extra);
    ctx.made_then_moved(&mut extra);
    out.extend(extra);
    out
}

/// "made fentanyl a priority", "made China the hub": a noun phrase right
/// after an object is its complement, unless it says when or how ("made
/// fentanyl a year ago", "the same way", "a week").
fn object_complement(after: &str) -> bool {
    let mut words = after.split_whitespace();
    if !matches!(words.next(), Some("a" | "an" | "the" | "its" | "their")) {
        return false;
    }
    let next: Vec<&str> = words
        .take(2)
        .map(|w| w.trim_end_matches([',', '.', ';']))
        .collect();
    next.first()
        .is_some_and(|w| w.starts_with(char::is_lowercase))
        && !next.iter().any(|w| {
            let w = w.trim_end_matches('s');
            crate::lang::is_time_noun(w) || matches!(w, "night" | "time" | "way" | "while")
        })
}
