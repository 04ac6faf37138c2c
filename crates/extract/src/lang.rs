//! The linguistic layer: tokens with byte offsets, Penn Treebank parts of
//! speech, lemmas, and verb groups with voice, negation and modality.
//!
//! The tagger is Brill's transformation-based tagger (Brill 1992) with the
//! lexicon, morphological rules and contextual rules that the `textblob`
//! wheel ships (`ontology/lexicon/pos/`, MIT, with Brown/Penn Treebank and
//! CMU Twitter words): known words take their lexicon tag, unknown words a
//! default refined by suffix rules, then contextual rules correct tags from
//! their neighbours. It reproduces textblob's tagger on the same tokens
//! (`tests/pos.rs` measures both against sentences tagged by hand).
//! Lemmas come from WordNet's exception lists (`ontology/lexicon/wordnet/`)
//! and suffix rules checked against the lexicon, as WordNet's `morphy` does.

use rustc_hash::FxHashMap as HashMap;

/// A Penn Treebank tag (`NN`, `VBD`, ...).
pub type Tag = &'static str;

#[derive(Debug, Clone, PartialEq)]
pub struct Token {
    /// Byte offsets in the document.
    pub start: usize,
    pub end: usize,
    pub tag: Tag,
    /// Lower-cased base form: "shipped" → "ship", "companies" → "company".
    pub lemma: String,
}

impl Token {
    pub fn is_verb(&self) -> bool {
        self.tag.starts_with("VB") || self.tag == "MD"
    }
    pub fn is_noun(&self) -> bool {
        self.tag.starts_with("NN")
    }
    pub fn is_adjective(&self) -> bool {
        self.tag.starts_with("JJ")
    }
}

/// One morphological rule for unknown words.
#[derive(Debug)]
struct MorphRule {
    /// Only words already tagged so (the "f" forms: `NN s fhassuf 1 NNS x`).
    from: Option<Tag>,
    cmd: &'static str,
    affix: &'static str,
    to: Tag,
}

#[derive(Debug)]
struct ContextRule {
    from: Tag,
    cmd: Cmd,
    x: &'static str,
    y: &'static str,
    /// The tags as small numbers (`NO_TAG` where x or y is a word).
    to_id: u8,
    x_id: u8,
    y_id: u8,
}

const NO_TAG: u8 = u8::MAX;
/// The tag and word of positions before or after the sentence.
const PAD: &str = "STAART";

/// The contextual rule templates of Brill's tagger.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Cmd {
    PrevTag,
    NextTag,
    Prev2Tag,
    Next2Tag,
    Prev1Or2Tag,
    Next1Or2Tag,
    Prev1Or2Or3Tag,
    Next1Or2Or3Tag,
    SurroundTag,
    CurWd,
    PrevWd,
    NextWd,
    Prev1Or2Wd,
    Next1Or2Wd,
    PrevWdTag,
    NextWdTag,
    WdPrevTag,
    WdNextTag,
    WdAnd2Aft,
    WdAnd2TagBfr,
    WdAnd2TagAft,
    LBigram,
    RBigram,
    PrevBigram,
    NextBigram,
}

impl Cmd {
    fn parse(s: &str) -> Option<Self> {
        use Cmd::*;
        Some(match s.to_lowercase().as_str() {
            "prevtag" => PrevTag,
            "nexttag" => NextTag,
            "prev2tag" => Prev2Tag,
            "next2tag" => Next2Tag,
            "prev1or2tag" => Prev1Or2Tag,
            "next1or2tag" => Next1Or2Tag,
            "prev1or2or3tag" => Prev1Or2Or3Tag,
            "next1or2or3tag" => Next1Or2Or3Tag,
            "surroundtag" => SurroundTag,
            "curwd" => CurWd,
            "prevwd" => PrevWd,
            "nextwd" => NextWd,
            "prev1or2wd" => Prev1Or2Wd,
            "next1or2wd" => Next1Or2Wd,
            "prevwdtag" => PrevWdTag,
            "nextwdtag" => NextWdTag,
            "wdprevtag" => WdPrevTag,
            "wdnexttag" => WdNextTag,
            "wdand2aft" => WdAnd2Aft,
            "wdand2tagbfr" => WdAnd2TagBfr,
            "wdand2tagaft" => WdAnd2TagAft,
            "lbigram" => LBigram,
            "rbigram" => RBigram,
            "prevbigram" => PrevBigram,
            "nextbigram" => NextBigram,
            _ => return None,
        })
    }
}

/// Tagger and lemmatiser over the bundled English lexicon.
#[derive(Debug)]
pub struct Tagger {
    lexicon: HashMap<&'static str, Tag>,
    morphology: Vec<MorphRule>,
    context: Vec<ContextRule>,
    /// Rule indices by the number of the tag they change, in file order;
    /// `context_any` for rules that change any tag.
    context_by_tag: Vec<Vec<usize>>,
    context_any: Vec<usize>,
    /// Every tag the data names, by number, and the numbers by tag.
    tag_names: Vec<Tag>,
    tag_ids: HashMap<Tag, u8>,
    verb_exc: HashMap<&'static str, &'static str>,
    noun_exc: HashMap<&'static str, &'static str>,
}

const LEXICON: &str = include_str!("../../../ontology/lexicon/pos/en-lexicon.txt");
const MORPHOLOGY: &str = include_str!("../../../ontology/lexicon/pos/en-morphology.txt");
const CONTEXT: &str = include_str!("../../../ontology/lexicon/pos/en-context.txt");
const VERB_EXC: &str = include_str!("../../../ontology/lexicon/wordnet/verb.exc");
const NOUN_EXC: &str = include_str!("../../../ontology/lexicon/wordnet/noun.exc");

fn data_lines(s: &'static str) -> impl Iterator<Item = &'static str> {
    s.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with(";;;"))
}

fn exceptions(s: &'static str) -> HashMap<&'static str, &'static str> {
    let mut m = HashMap::default();
    for l in data_lines(s) {
        let mut f = l.split_whitespace();
        if let (Some(form), Some(base)) = (f.next(), f.next()) {
            m.entry(form).or_insert(base);
        }
    }
    m
}

const MORPH_CMDS: [&str; 9] = [
    "char",
    "haspref",
    "hassuf",
    "addpref",
    "addsuf",
    "deletepref",
    "deletesuf",
    "goodleft",
    "goodright",
];

/// Auxiliaries and their base forms (closed class).
fn aux_lemma(w: &str) -> Option<&'static str> {
    Some(match w {
        "be" | "is" | "are" | "was" | "were" | "been" | "being" | "am" | "'s" | "’s" | "'re"
        | "’re" => "be",
        "have" | "has" | "had" | "having" | "'ve" | "’ve" => "have",
        "do" | "does" | "did" | "doing" | "done" => "do",
        "get" | "gets" | "got" | "gotten" | "getting" => "get",
        _ => return None,
    })
}

impl Tagger {
    /// The bundled tagger. Panics only if the bundled data is malformed,
    /// which the tests rule out.
    pub fn bundled() -> Self {
        let mut lexicon = HashMap::default();
        lexicon.reserve(100_000);
        for l in data_lines(LEXICON) {
            let mut f = l.split(' ');
            if let (Some(w), Some(t)) = (f.next(), f.next()) {
                lexicon.insert(w, t);
            }
        }
        let mut morphology = Vec::new();
        for l in data_lines(MORPHOLOGY) {
            let f: Vec<&'static str> = l.split_whitespace().collect();
            if f.len() >= 5
                && f[2].starts_with('f')
                && MORPH_CMDS.contains(&f[2].trim_start_matches('f'))
            {
                morphology.push(MorphRule {
                    from: Some(f[0]),
                    affix: f[1],
                    cmd: f[2].trim_start_matches('f'),
                    to: f[f.len() - 2],
                });
            } else if f.len() >= 4 && MORPH_CMDS.contains(&f[1]) {
                morphology.push(MorphRule {
                    from: None,
                    affix: f[0],
                    cmd: f[1],
                    to: f[f.len() - 2],
                });
            }
        }
        let mut context = Vec::new();
        for l in data_lines(CONTEXT) {
            let f: Vec<&'static str> = l.split_whitespace().collect();
            if f.len() >= 4 {
                if let Some(cmd) = Cmd::parse(f[2]) {
                    context.push((f[0], f[1], cmd, f[3], f.get(4).copied().unwrap_or("")));
                }
            }
        }
        // Number every tag: the lexicon's, the rules', the defaults and the
        // padding of contextual rules.
        let mut tag_names: Vec<Tag> = Vec::new();
        let mut tag_ids: HashMap<Tag, u8> = HashMap::default();
        let mut intern = |t: Tag| -> u8 {
            if let Some(&i) = tag_ids.get(t) {
                return i;
            }
            let i = u8::try_from(tag_names.len()).unwrap_or(NO_TAG - 1);
            tag_names.push(t);
            tag_ids.insert(t, i);
            i
        };
        for t in ["NN", "NNP", "CD", PAD] {
            intern(t);
        }
        for &t in lexicon.values() {
            intern(t);
        }
        for r in &morphology {
            intern(r.to);
        }
        let tag_cmds = |c: Cmd| {
            use Cmd::*;
            (
                matches!(
                    c,
                    PrevTag
                        | NextTag
                        | Prev2Tag
                        | Next2Tag
                        | Prev1Or2Tag
                        | Next1Or2Tag
                        | Prev1Or2Or3Tag
                        | Next1Or2Or3Tag
                        | SurroundTag
                        | WdPrevTag
                        | WdAnd2TagBfr
                        | PrevBigram
                        | NextBigram
                ),
                matches!(
                    c,
                    SurroundTag
                        | PrevWdTag
                        | NextWdTag
                        | WdNextTag
                        | WdAnd2TagAft
                        | PrevBigram
                        | NextBigram
                ),
            )
        };
        let context: Vec<ContextRule> = context
            .into_iter()
            .map(|(from, to, cmd, x, y)| {
                let (x_is_tag, y_is_tag) = tag_cmds(cmd);
                ContextRule {
                    from,
                    cmd,
                    x,
                    y,
                    to_id: intern(to),
                    x_id: if x_is_tag { intern(x) } else { NO_TAG },
                    y_id: if y_is_tag { intern(y) } else { NO_TAG },
                }
            })
            .collect();
        let mut context_by_tag: Vec<Vec<usize>> = Vec::new();
        let mut context_any = Vec::new();
        for (i, r) in context.iter().enumerate() {
            if r.from == "*" {
                context_any.push(i);
                continue;
            }
            let id = intern(r.from) as usize;
            if context_by_tag.len() <= id {
                context_by_tag.resize(id + 1, Vec::new());
            }
            context_by_tag[id].push(i);
        }
        context_by_tag.resize(tag_names.len(), Vec::new());
        // Each tag's own rules merged with the rules for any tag, in file
        // order: a token walks one list until its tag changes.
        for list in &mut context_by_tag {
            list.extend(context_any.iter().copied());
            list.sort_unstable();
        }
        Self {
            lexicon,
            morphology,
            context,
            context_by_tag,
            context_any,
            tag_names,
            tag_ids,
            verb_exc: exceptions(VERB_EXC),
            noun_exc: exceptions(NOUN_EXC),
        }
    }

    /// Whether the lexicon knows the word as written.
    pub fn knows(&self, w: &str) -> bool {
        self.lexicon.contains_key(w)
    }

    /// The lexicon's tag of a word, if any.
    pub fn lexicon_tag(&self, w: &str) -> Option<Tag> {
        self.lexicon.get(w).copied()
    }

    /// Tags the words of `[start, end)` of `text`.
    pub fn tag(&self, text: &str, start: usize, end: usize) -> Vec<Token> {
        let spans = tokenize(text, start, end, |w| self.lexicon.contains_key(w));
        let words: Vec<&str> = spans.iter().map(|&(s, e)| &text[s..e]).collect();
        let tags = self.tag_words(&words);
        spans
            .iter()
            .zip(words.iter().zip(tags))
            .map(|(&(s, e), (w, t))| Token {
                start: s,
                end: e,
                tag: t,
                lemma: self.lemma(w, t),
            })
            .collect()
    }

    /// Brill tagging of a token sequence, as textblob's `find_tags` does.
    pub fn tag_words(&self, words: &[&str]) -> Vec<Tag> {
        let mut tags: Vec<Option<Tag>> = words
            .iter()
            .enumerate()
            .map(|(i, w)| {
                self.lexicon.get(w).copied().or_else(|| {
                    if i == 0 {
                        self.lexicon.get(w.to_lowercase().as_str()).copied()
                    } else {
                        None
                    }
                })
            })
            .collect();
        for i in 0..words.len() {
            if tags[i].is_some() {
                continue;
            }
            let w = words[i];
            let t = if is_title(w) {
                "NNP"
            } else if !w.is_empty() && w.chars().all(|c| "0123456789-,.:/%$".contains(c)) {
                "CD"
            } else {
                let prev = if i > 0 { Some(words[i - 1]) } else { None };
                let next = words.get(i + 1).copied();
                self.morph(w, "NN", prev, next)
            };
            tags[i] = Some(t);
        }
        let mut tags: Vec<Tag> = tags.into_iter().map(|t| t.unwrap_or("NN")).collect();
        self.apply_context(words, &mut tags);
        // Closed-class words keep their class whatever a contextual rule
        // made of them ("The cartel then/JJ presses the/WDT fentanyl"), and
        // a word after an article is no verb.
        for i in 0..words.len() {
            match words[i].to_lowercase().as_str() {
                w @ ("the" | "a" | "an") => {
                    tags[i] = "DT";
                    // "the fentanyl", "a customs broker": within the noun
                    // phrase an article opens, a word the lexicon also has
                    // as a noun is no finite verb ("a" and "an" have no
                    // plural subject for one).
                    let reach = if w == "the" { 1 } else { 3 };
                    for j in i + 1..(i + 1 + reach).min(words.len()) {
                        // "a Mexican national/RB born …": a word the
                        // lexicon has as a noun or adjective stays one.
                        if tags[j] == "RB" {
                            let lex = self.lexicon.get(words[j].to_lowercase().as_str()).copied();
                            if let Some(l) =
                                lex.filter(|l| l.starts_with("NN") || l.starts_with("JJ"))
                            {
                                tags[j] = l;
                            }
                        }
                        let t = tags[j];
                        if t.starts_with("VB") && !matches!(t, "VBN" | "VBG") {
                            let next = words[j].to_lowercase();
                            let lex = self.lexicon.get(next.as_str()).copied();
                            if lex.is_none_or(|t| !t.starts_with("VB")) {
                                tags[j] = if lex.is_some_and(|t| t.starts_with("NN")) {
                                    lex.expect("lexicon tag")
                                } else {
                                    "NN"
                                };
                            }
                            break;
                        }
                        if !(t.starts_with("NN") || t.starts_with("JJ") || t == "CD") {
                            break;
                        }
                    }
                }
                "then" if tags[i] == "JJ" => tags[i] = "RB",
                _ => {}
            }
        }
        // "to street-level dealers", "a Mexico-based broker": a hyphenated
        // word the lexicon lacks, before a noun, modifies it.
        for i in 0..words.len().saturating_sub(1) {
            let w = words[i];
            let hyphenated = w.contains('-')
                && w.starts_with(char::is_alphabetic)
                && w.ends_with(char::is_alphabetic);
            if hyphenated
                && !self.lexicon.contains_key(w)
                && tags[i].starts_with("VB")
                && matches!(tags[i + 1], "NN" | "NNS")
            {
                tags[i] = "JJ";
            }
        }
        // A contextual rule made a verb of a noun no verb is spelt like
        // ("counternarcotics cooperation with"): the lexicon's noun stays.
        for (w, t) in words.iter().zip(tags.iter_mut()) {
            if t.starts_with("VB") {
                let lower = w.to_lowercase();
                let nominal = [
                    "ation", "ition", "ution", "ness", "ity", "ship", "ism", "ator",
                ]
                .iter()
                .any(|s| lower.ends_with(s));
                if let Some(&lex) = self.lexicon.get(lower.as_str()) {
                    if nominal && lex.starts_with("NN") {
                        *t = lex;
                    }
                }
            }
        }
        tags
    }

    fn morph(&self, w: &str, mut tag: Tag, prev: Option<&str>, next: Option<&str>) -> Tag {
        for r in &self.morphology {
            if r.from.is_some_and(|f| f != tag) {
                continue;
            }
            let x = r.affix;
            let hit = match r.cmd {
                "char" => w.contains(x),
                "haspref" => w.starts_with(x),
                "hassuf" => w.ends_with(x),
                "addpref" => self.lexicon.contains_key(format!("{x}{w}").as_str()),
                "addsuf" => self.lexicon.contains_key(format!("{w}{x}").as_str()),
                "deletepref" => w
                    .strip_prefix(x)
                    .is_some_and(|r| self.lexicon.contains_key(r)),
                "deletesuf" => w
                    .strip_suffix(x)
                    .is_some_and(|r| self.lexicon.contains_key(r)),
                // textblob's reading: "goodleft" looks at the next word,
                // "goodright" at the previous one.
                "goodleft" => next == Some(x),
                "goodright" => prev == Some(x),
                _ => false,
            };
            if hit {
                tag = r.to;
            }
        }
        tag
    }

    fn apply_context(&self, words: &[&str], tags: &mut [Tag]) {
        let n = words.len();
        let pad = self.tag_ids.get(PAD).copied().unwrap_or(NO_TAG);
        let mut ids: Vec<u8> = tags
            .iter()
            .map(|t| self.tag_ids.get(t).copied().unwrap_or(NO_TAG))
            .collect();
        let word_at = |i: isize| -> &str {
            if i < 0 || i as usize >= n {
                PAD
            } else {
                words[i as usize]
            }
        };
        let none: Vec<usize> = self.context_any.clone();
        for i in 0..n {
            let ii = i as isize;
            // The rules in file order, each applied if it changes the
            // token's current tag (textblob's order: token by token).
            let mut list = self.context_by_tag.get(ids[i] as usize).unwrap_or(&none);
            let mut pos = 0;
            while let Some(&ri) = list.get(pos) {
                pos += 1;
                let r = &self.context[ri];
                let (x, y, xt, yt) = (r.x, r.y, r.x_id, r.y_id);
                let t = |k: isize| -> u8 {
                    let j = ii + k;
                    if j < 0 || j as usize >= n {
                        pad
                    } else {
                        ids[j as usize]
                    }
                };
                let w = |k: isize| word_at(ii + k);
                use Cmd::*;
                let hit = match r.cmd {
                    PrevTag => xt == t(-1),
                    NextTag => xt == t(1),
                    Prev2Tag => xt == t(-2),
                    Next2Tag => xt == t(2),
                    Prev1Or2Tag => xt == t(-1) || xt == t(-2),
                    Next1Or2Tag => xt == t(1) || xt == t(2),
                    Prev1Or2Or3Tag => xt == t(-1) || xt == t(-2) || xt == t(-3),
                    Next1Or2Or3Tag => xt == t(1) || xt == t(2) || xt == t(3),
                    SurroundTag => xt == t(-1) && yt == t(1),
                    CurWd => x == w(0),
                    PrevWd => x == w(-1),
                    NextWd => x == w(1),
                    Prev1Or2Wd => x == w(-1) || x == w(-2),
                    Next1Or2Wd => x == w(1) || x == w(2),
                    PrevWdTag => x == w(-1) && yt == t(-1),
                    NextWdTag => x == w(1) && yt == t(1),
                    WdPrevTag => xt == t(-1) && y == w(0),
                    WdNextTag => x == w(0) && yt == t(1),
                    WdAnd2Aft => x == w(0) && y == w(2),
                    WdAnd2TagBfr => xt == t(-2) && y == w(0),
                    WdAnd2TagAft => x == w(0) && yt == t(2),
                    LBigram => x == w(-1) && y == w(0),
                    RBigram => x == w(0) && y == w(1),
                    PrevBigram => xt == t(-2) && yt == t(-1),
                    NextBigram => xt == t(1) && yt == t(2),
                };
                // A preposition is never a verb ("sold it in Denver": not
                // "in" as VBP after a pronoun).
                let preposition_to_verb = matches!(
                    words[i],
                    "in" | "on" | "at" | "of" | "from" | "with" | "by" | "into" | "through"
                ) && self
                    .tag_names
                    .get(r.to_id as usize)
                    .is_some_and(|t| t.starts_with("VB"));
                if hit && ids[i] != r.to_id && !preposition_to_verb {
                    ids[i] = r.to_id;
                    // Go on with the new tag's rules after this one.
                    list = self.context_by_tag.get(ids[i] as usize).unwrap_or(&none);
                    pos = list.partition_point(|&r| r <= ri);
                }
            }
        }
        for (t, &id) in tags.iter_mut().zip(&ids) {
            if let Some(&name) = self.tag_names.get(id as usize) {
                *t = name;
            }
        }
    }

    /// The base form of a word with its tag: WordNet's exceptions, then
    /// suffix rules whose result the lexicon knows (WordNet's `morphy`).
    pub fn lemma(&self, word: &str, tag: Tag) -> String {
        let mut w = if word.chars().any(char::is_uppercase) {
            word.to_lowercase()
        } else {
            word.to_string()
        };
        if w.contains('’') {
            w = w.replace('’', "'");
        }
        // Only verbs and plural nouns have a base form to find.
        if !(tag.starts_with("VB") || tag == "MD" || tag == "POS" || tag == "NNS" || tag == "NNPS")
        {
            return w;
        }
        if let Some(a) = aux_lemma(&w) {
            if tag.starts_with("VB") || tag == "MD" || tag == "POS" {
                return a.to_string();
            }
        }
        if tag.starts_with("VB") {
            if let Some(b) = self.verb_exc.get(w.as_str()) {
                return (*b).to_string();
            }
            // "resold", "oversold", "undersold": a prefix before an
            // irregular form.
            for prefix in ["re", "over", "under", "out", "mis", "pre", "co"] {
                if let Some(b) = w
                    .strip_prefix(prefix)
                    .filter(|rest| rest.len() >= 3)
                    .and_then(|rest| self.verb_exc.get(rest))
                {
                    return format!("{prefix}{b}");
                }
            }
            if tag == "VB" || tag == "VBP" {
                return w;
            }
            const RULES: [(&str, &str); 8] = [
                ("ies", "y"),
                ("es", "e"),
                ("s", ""),
                ("es", ""),
                ("ied", "y"),
                ("ed", "e"),
                ("ed", ""),
                ("ing", "e"),
            ];
            // A base form the lexicon knows as a verb first ("severed" is
            // "sever", not the adjective "severe"), the shorter of two
            // ("turned" is "turn", not the lexicon's archaic "turne").
            let verb_base = RULES
                .iter()
                .chain([("ing", "")].iter())
                .filter_map(|(suf, rep)| {
                    let stem = w.strip_suffix(suf)?;
                    let cand = format!("{stem}{rep}");
                    (stem.len() >= 2
                        && self.lexicon_tag(&cand).is_some_and(|t| t.starts_with("VB")))
                    .then_some(cand)
                })
                .min_by_key(String::len);
            if let Some(base) = verb_base {
                return base;
            }
            for (suf, rep) in RULES.iter().chain([("ing", "")].iter()) {
                if let Some(stem) = w.strip_suffix(suf) {
                    if stem.len() < 2 {
                        continue;
                    }
                    let cand = format!("{stem}{rep}");
                    // "owned" is "own", not the lexicon's archaic "owne": a
                    // silent e comes back only where spelling dropped it.
                    if *rep == "e" && !takes_silent_e(stem) && self.knows(stem) {
                        return stem.to_string();
                    }
                    if self.knows(&cand) {
                        return cand;
                    }
                    // "shipped", "shipping": a doubled last consonant.
                    if rep.is_empty() {
                        let b = stem.as_bytes();
                        let n = b.len();
                        if n >= 3 && b[n - 1] == b[n - 2] && !b"aeiouls".contains(&b[n - 1]) {
                            let un = &stem[..n - 1];
                            if self.knows(un) {
                                return un.to_string();
                            }
                        }
                    }
                }
            }
            return w;
        }
        if tag == "NNS" || tag == "NNPS" {
            if let Some(b) = self.noun_exc.get(w.as_str()) {
                return (*b).to_string();
            }
            const RULES: [(&str, &str); 6] = [
                ("ies", "y"),
                ("ches", "ch"),
                ("shes", "sh"),
                ("xes", "x"),
                ("ses", "s"),
                ("s", ""),
            ];
            for (suf, rep) in RULES {
                if let Some(stem) = w.strip_suffix(suf) {
                    let cand = format!("{stem}{rep}");
                    if stem.len() >= 2 && self.knows(&cand) {
                        return cand;
                    }
                }
            }
            if let Some(stem) = w.strip_suffix('s') {
                return stem.to_string();
            }
        }
        w
    }
}

fn is_title(w: &str) -> bool {
    // Python's str.istitle(): cased runs start upper-case and go on lower-case.
    let mut cased = false;
    let mut prev_cased = false;
    for c in w.chars() {
        if c.is_uppercase() {
            if prev_cased {
                return false;
            }
            prev_cased = true;
            cased = true;
        } else if c.is_lowercase() {
            if !prev_cased {
                return false;
            }
            prev_cased = true;
            cased = true;
        } else {
            prev_cased = false;
        }
    }
    cased
}

/// Splits `[start, end)` of `text` into word and punctuation tokens (byte
/// spans): leading and trailing punctuation split off, possessive "'s" and
/// "n't" separate, a final period kept on abbreviations the lexicon knows
/// ("Inc.", "Dr.") and on dotted initialisms ("U.S."), numbers kept whole
/// ("1,200", "2.5"), hyphenated words kept whole ("China-based").
/// Whether a noun (its lemma) measures time: "a few months later", "two
/// years ago".
pub(crate) fn is_time_noun(lemma: &str) -> bool {
    matches!(lemma, "day" | "week" | "month" | "year" | "decade" | "hour")
}

/// Whether a stem whose suffix was cut had a silent e before it: after a
/// single vowel and consonant ("hop-ed", "bas-ed"), and after c, g, v, z,
/// u or a vowel pair and s ("danc-ed", "charg-ed", "caus-ed"); not after
/// two consonants ("own-ed", "turn-ed").
fn takes_silent_e(stem: &str) -> bool {
    let b = stem.as_bytes();
    let n = b.len();
    let vowel = |c: u8| b"aeiou".contains(&c);
    let Some(&last) = b.last() else {
        return false;
    };
    if b"cgvzu".contains(&last) {
        return true;
    }
    if n >= 2 && vowel(b[n - 2]) && !vowel(last) && !b"wxy".contains(&last) {
        return n < 3 || !vowel(b[n - 3]) || last == b's';
    }
    false
}

pub fn tokenize(
    text: &str,
    start: usize,
    end: usize,
    known: impl Fn(&str) -> bool,
) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let s = &text[start..end];
    let mut i = 0;
    let bytes_len = s.len();
    while i < bytes_len {
        let c = s[i..].chars().next().unwrap_or(' ');
        if c.is_whitespace() {
            i += c.len_utf8();
            continue;
        }
        let mut j = i;
        while j < bytes_len {
            let d = s[j..].chars().next().unwrap_or(' ');
            if d.is_whitespace() {
                break;
            }
            j += d.len_utf8();
        }
        split_chunk(s, i, j, start, &known, &mut out);
        i = j;
    }
    out
}

const OPENERS: &[char] = &['"', '\'', '(', '[', '{', '“', '‘', '«'];
const CLOSERS: &[char] = &[
    '"', '\'', ')', ']', '}', '”', '’', '»', ',', ';', ':', '!', '?', '.', '…',
];

fn split_chunk(
    s: &str,
    mut i: usize,
    mut j: usize,
    base: usize,
    known: &impl Fn(&str) -> bool,
    out: &mut Vec<(usize, usize)>,
) {
    while i < j {
        let c = s[i..].chars().next().unwrap_or(' ');
        if OPENERS.contains(&c) {
            out.push((base + i, base + i + c.len_utf8()));
            i += c.len_utf8();
        } else {
            break;
        }
    }
    let mut tail = Vec::new();
    while i < j {
        let c = s[..j].chars().next_back().unwrap_or(' ');
        if !CLOSERS.contains(&c) {
            break;
        }
        if c == '.' {
            let word = &s[i..j];
            let inner = &word[..word.len() - 1];
            // "U.S.", "Inc.", "Dr.", "p.m.": the period belongs to the word.
            let dotted = inner.contains('.')
                && inner
                    .chars()
                    .all(|d| d.is_alphabetic() || d == '.' || d == '-');
            // A word the lexicon lists with a period ("ago.", from
            // sentence-final text) keeps it only mid-span or when it reads
            // as an abbreviation ("Inc.", "Ltd.").
            let at_end = j == s.len();
            let abbreviation =
                inner.chars().next().is_some_and(char::is_uppercase) && inner.chars().count() <= 5;
            // "CO.", "LTD." in a designation list's capitals read as "Co.", "Ltd.".
            let known_any_case = known(word)
                || inner.chars().count() >= 2
                    && !inner.chars().any(char::is_lowercase)
                    && known(&format!(
                        "{}{}",
                        inner.chars().take(1).collect::<String>(),
                        word.chars().skip(1).collect::<String>().to_lowercase()
                    ));
            // "Pvt.", "Supt.": a listed abbreviation keeps its period; a
            // month's short form ending the sentence gives it back ("Cai
            // Jun.").
            let listed = abbreviation
                && crate::text::listed_abbreviation(inner)
                && !(at_end && crate::dates::month_number(inner).is_some());
            if !inner.is_empty()
                && (dotted || listed || known_any_case && (!at_end || abbreviation))
                && !inner.ends_with('.')
                && j == i + word.len()
                // "Ltd.,", "Inc.)": a comma or bracket after the period.
                && tail.iter().all(|&(a, _)| s.as_bytes()[a - base] != b'.')
            {
                break;
            }
        }
        // "'s" and "’s" of possessives stay together below.
        if (c == '\'' || c == '’') && tail.is_empty() && s[i..j - c.len_utf8()].ends_with('s') {
            // "companies'": a plural possessive apostrophe is its own token.
            tail.push((base + j - c.len_utf8(), base + j));
            j -= c.len_utf8();
            continue;
        }
        tail.push((base + j - c.len_utf8(), base + j));
        j -= c.len_utf8();
    }
    if i < j {
        let word = &s[i..j];
        let lower = word.to_lowercase();
        let split = if lower.ends_with("'s") || lower.ends_with("’s") {
            let k = word.len()
                - if word.ends_with("’s") || word.ends_with("’S") {
                    4
                } else {
                    2
                };
            Some(k)
        } else if let Some(k) = [
            "'re", "’re", "'ve", "’ve", "'ll", "’ll", "'m", "’m", "'d", "’d",
        ]
        .iter()
        .find(|c| lower.ends_with(*c) && lower.len() > c.len())
        .map(|c| word.len() - c.len())
        {
            Some(k)
        } else if lower.ends_with("n't") || lower.ends_with("n’t") {
            let k = word.len() - if lower.ends_with("n’t") { 5 } else { 3 };
            Some(k)
        } else {
            None
        };
        match split {
            Some(k) if k > 0 => {
                out.push((base + i, base + i + k));
                out.push((base + i + k, base + j));
            }
            _ => out.push((base + i, base + j)),
        }
    }
    out.extend(tail.into_iter().rev());
}

/// A verb group: auxiliaries, adverbs and negation before a main verb.
#[derive(Debug, Clone, PartialEq)]
pub struct VerbGroup {
    /// Token indices `[first, head]`.
    pub first: usize,
    pub head: usize,
    pub passive: bool,
    pub negated: bool,
    /// "may", "might", "could", "would": not asserted as a fact.
    pub modal: bool,
}

impl VerbGroup {
    /// A statement's polarity once this verb group's own negation ("did
    /// not ship") and modality ("may ship") are applied to what its cues
    /// gave.
    pub fn polarity(&self, cued: fkg_model::Polarity) -> fkg_model::Polarity {
        use fkg_model::Polarity::*;
        if self.negated {
            Negative
        } else if self.modal && cued == Positive {
            Hedged
        } else {
            cued
        }
    }
}

/// The verb group whose main verb is token `head`, if it is one: the
/// auxiliaries, adverbs and "not" before it, with voice ("was shipped",
/// "have been seized", "got arrested"), negation and modality.
pub fn verb_group(tokens: &[Token], head: usize) -> Option<VerbGroup> {
    let t = tokens.get(head)?;
    if !t.tag.starts_with("VB") {
        return None;
    }
    let mut first = head;
    let mut passive = false;
    let mut negated = false;
    let mut modal = false;
    let mut saw_be = false;
    let mut k = head;
    while k > 0 {
        let p = &tokens[k - 1];
        let l = p.lemma.as_str();
        if p.tag == "RB" || p.tag == "RBR" || p.tag == "RBS" {
            if matches!(l, "not" | "n't" | "never") {
                negated = true;
            }
            k -= 1;
            continue;
        }
        if p.tag == "MD" {
            if matches!(l, "may" | "might" | "could" | "would" | "should") {
                modal = true;
            }
            first = k - 1;
            k -= 1;
            continue;
        }
        if p.tag.starts_with("VB") && matches!(l, "be" | "have" | "do" | "get") {
            if matches!(l, "be" | "get") {
                saw_be = true;
            }
            first = k - 1;
            k -= 1;
            continue;
        }
        break;
    }
    if saw_be && (t.tag == "VBN" || t.tag == "VBD") && !matches!(t.lemma.as_str(), "be" | "have") {
        passive = true;
    }
    Some(VerbGroup {
        first,
        head,
        passive,
        negated,
        modal,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::LazyLock;

    static T: LazyLock<Tagger> = LazyLock::new(Tagger::bundled);

    fn tags(s: &str) -> Vec<(String, String)> {
        T.tag(s, 0, s.len())
            .into_iter()
            .map(|t| (s[t.start..t.end].to_string(), t.tag.to_string()))
            .collect()
    }

    fn token_texts(s: &str) -> Vec<&str> {
        tokenize(s, 0, s.len(), |w| T.knows(w))
            .into_iter()
            .map(|(a, b)| &s[a..b])
            .collect()
    }

    #[test]
    fn tokens_split_punctuation_and_keep_abbreviations() {
        let s = "Apex Trading Co. shipped 1,200 kg to the U.S. in 2023, officials said.";
        assert_eq!(
            token_texts(s),
            [
                "Apex",
                "Trading",
                "Co.",
                "shipped",
                "1,200",
                "kg",
                "to",
                "the",
                "U.S.",
                "in",
                "2023",
                ",",
                "officials",
                "said",
                "."
            ]
        );
        // A listed abbreviation keeps its period before a comma; a month's
        // short form ending the sentence gives it back ("Cai Jun.").
        let s = "Supt. Ann Lee met Patel Organics Pvt. Ltd., then Cai Jun.";
        assert_eq!(
            token_texts(s),
            [
                "Supt.", "Ann", "Lee", "met", "Patel", "Organics", "Pvt.", "Ltd.", ",", "then",
                "Cai", "Jun", "."
            ]
        );
        let s = "the company's “broker” didn't (allegedly) ship China-based goods";
        assert_eq!(
            token_texts(s),
            [
                "the",
                "company",
                "'s",
                "“",
                "broker",
                "”",
                "did",
                "n't",
                "(",
                "allegedly",
                ")",
                "ship",
                "China-based",
                "goods"
            ]
        );
    }

    #[test]
    fn a_final_period_ends_the_sentence_unless_it_ends_an_abbreviation() {
        assert_eq!(
            token_texts("It arrived two days ago."),
            ["It", "arrived", "two", "days", "ago", "."]
        );
        assert_eq!(
            token_texts("Chen runs Pacific Crest Trading Ltd."),
            ["Chen", "runs", "Pacific", "Crest", "Trading", "Ltd."]
        );
    }

    #[test]
    fn verbs_and_nouns_are_told_apart_by_context() {
        let t = tags("The firm ships the chemicals to Mexico.");
        assert_eq!(t[2].1, "VBZ", "{t:?}");
        let t = tags("The ships were seized in port.");
        assert_eq!(t[1].1, "NNS", "{t:?}");
        assert_eq!(t[3].1, "VBN", "{t:?}");
    }

    #[test]
    fn lemmas() {
        for (w, tag, l) in [
            ("shipped", "VBD", "ship"),
            ("supplies", "VBZ", "supply"),
            ("seized", "VBN", "seize"),
            ("used", "VBN", "use"),
            ("smuggling", "VBG", "smuggle"),
            ("arrested", "VBN", "arrest"),
            ("sold", "VBD", "sell"),
            ("took", "VBD", "take"),
            ("companies", "NNS", "company"),
            ("sanctions", "NNS", "sanction"),
            ("indictments", "NNS", "indictment"),
            ("was", "VBD", "be"),
            ("severed", "VBD", "sever"),
            ("turned", "VBN", "turn"),
            ("hoped", "VBD", "hope"),
            ("owned", "VBD", "own"),
            ("resold", "VBD", "resell"),
            ("based", "VBN", "base"),
            ("caused", "VBD", "cause"),
            ("charged", "VBN", "charge"),
        ] {
            assert_eq!(T.lemma(w, tag), l, "{w}/{tag}");
        }
    }

    #[test]
    fn verb_groups_have_voice_negation_and_modality() {
        let s = "The shipments were not seized, but they may have been diverted.";
        let toks = T.tag(s, 0, s.len());
        let at = |w: &str| toks.iter().position(|t| &s[t.start..t.end] == w).unwrap();
        let g = verb_group(&toks, at("seized")).unwrap();
        assert!(g.passive && g.negated && !g.modal, "{g:?}");
        let g = verb_group(&toks, at("diverted")).unwrap();
        assert!(g.passive && g.modal && !g.negated, "{g:?}");
        let s = "Mexico arrested him.";
        let toks = T.tag(s, 0, s.len());
        let g = verb_group(&toks, 1).unwrap();
        assert!(!g.passive && !g.negated, "{g:?}");
    }
}
