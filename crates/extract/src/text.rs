//! Segmentation: paragraphs, sentences, quotations and transcript speaker turns.
//!
//! Offsets are byte offsets into the document text; the caller converts them
//! to Unicode scalar offsets for the evidence model.

use regex::Regex;
use std::sync::LazyLock;

/// One sentence, as a byte range of the document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sentence {
    pub start: usize,
    pub end: usize,
    /// Index of the paragraph (line block) it belongs to.
    pub paragraph: usize,
}

/// A paragraph: one non-empty line (documents put one paragraph a line).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Paragraph {
    pub start: usize,
    pub end: usize,
}

/// A transcript speaker turn: "15:55- Administrator Milgram: “...”" or
/// "MODERATOR: ...".
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Turn {
    /// Byte range of the speaker's name as written (title included).
    pub name_start: usize,
    pub name_end: usize,
    /// Byte range of what the speaker says.
    pub start: usize,
    pub end: usize,
}

/// A quotation between matching quote marks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Quote {
    pub start: usize,
    pub end: usize,
}

/// Words after which a period does not end a sentence.
const ABBREVIATIONS: &[&str] = &[
    "u.s", "u.k", "u.n", "d.c", "dr", "mr", "mrs", "ms", "sen", "rep", "gov", "gen", "adm", "st",
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "no",
    "vs", "etc", "inc", "ltd", "co", "corp", "jr", "sr", "lt", "col", "sgt", "capt", "prof",
    "approx", "dept", "e.g", "i.e", "a.m", "p.m", "ph.d", "fig", "mt", "ft", "u.s.a", "p.r.c",
    "s.a", "b.v", "s.l", "s.r.l", "gmbh", "c.v", "a.k.a", "f.k.a", "aka", "fka", "pvt", "pte",
    "pty", "sdn", "bhd", "plc", "supt", "insp", "det", "cpl", "cst",
];

/// Whether `word` (without its final period) is an abbreviation whose
/// period belongs to it ("Ltd", "Pvt", "Supt").
pub(crate) fn listed_abbreviation(word: &str) -> bool {
    ABBREVIATIONS.contains(&word.to_lowercase().as_str())
}

static TURN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^[ \t]*(?:[\[(]?\d{1,2}:\d{2}(?::\d{2})?(?:\s*[AaPp]\.?[Mm]\.?)?[\])]?\s*-?\s*)?((?:[A-Z][\p{L}.'’\-]*\s+){0,4}[A-Z][\p{L}.'’\-]*(?:\s*\([^)]{0,40}\))?):\s+\S",
    )
    .expect("turn regex")
});

/// Splits a document into paragraphs (non-empty lines).
pub fn paragraphs(text: &str) -> Vec<Paragraph> {
    let mut out = Vec::new();
    let mut pos = 0;
    for line in text.split_inclusive('\n') {
        let start = pos;
        pos += line.len();
        let trimmed_start = start + (line.len() - line.trim_start().len());
        let end = start + line.trim_end().len();
        if end > trimmed_start {
            out.push(Paragraph {
                start: trimmed_start,
                end,
            });
        }
    }
    out
}

/// Splits every paragraph into sentences.
pub fn sentences(text: &str, paragraphs: &[Paragraph]) -> Vec<Sentence> {
    let mut out = Vec::new();
    for (pi, p) in paragraphs.iter().enumerate() {
        let mut start = p.start;
        let bytes = text.as_bytes();
        let mut i = p.start;
        while i < p.end {
            if !text.is_char_boundary(i) {
                i += 1;
                continue;
            }
            let c = bytes[i];
            let is_end = matches!(c, b'.' | b'!' | b'?')
                || text[i..].starts_with('…')
                || (c == b':' && starts_turn_like(text, i, p.end));
            if !is_end {
                i += 1;
                continue;
            }
            let mark_len = if text[i..].starts_with('…') {
                '…'.len_utf8()
            } else {
                1
            };
            // Closing quotes and brackets belong to the sentence they close.
            let mut j = i + mark_len;
            while j < p.end {
                let rest = &text[j..];
                let ch = rest.chars().next().unwrap_or(' ');
                if matches!(ch, '"' | '”' | '’' | '\'' | ')' | ']' | '.' | '!' | '?') {
                    j += ch.len_utf8();
                } else if let Some(n) = footnote_mark(&text[j..p.end]) {
                    // "… in Sonora.[14] The company …": a note's number
                    // closes the sentence it follows.
                    j += n;
                } else {
                    break;
                }
            }
            let next = text[j..p.end].trim_start();
            let next_start = p.end - next.len();
            let boundary = next.is_empty()
                || (j < p.end
                    && text[j..].starts_with(char::is_whitespace)
                    && next.chars().next().is_some_and(|n| {
                        n.is_uppercase()
                            || n.is_ascii_digit()
                            || matches!(n, '“' | '"' | '‘' | '[' | '(' | '•' | '-' | '–')
                    }));
            if boundary && c == b'.' && is_abbreviation(text, start, i) && !starts_sentence(next) {
                i = j.max(i + 1);
                continue;
            }
            if boundary {
                if j > start {
                    out.push(Sentence {
                        start,
                        end: j,
                        paragraph: pi,
                    });
                }
                start = next_start;
                i = next_start.max(j);
            } else {
                i = j.max(i + 1);
            }
        }
        if start < p.end && !text[start..p.end].trim().is_empty() {
            out.push(Sentence {
                start,
                end: p.end,
                paragraph: pi,
            });
        }
    }
    // Bullets inside a paragraph start new sentences.
    let mut split = Vec::with_capacity(out.len());
    for s in out {
        let mut from = s.start;
        for (k, _) in text[s.start..s.end].match_indices('•') {
            let at = s.start + k;
            if at > from && !text[from..at].trim().is_empty() {
                split.push(Sentence {
                    start: from,
                    end: trim_end(text, from, at),
                    paragraph: s.paragraph,
                });
            }
            from = at + '•'.len_utf8();
            from += text[from..s.end].len() - text[from..s.end].trim_start().len();
        }
        if from < s.end {
            split.push(Sentence {
                start: from,
                end: s.end,
                paragraph: s.paragraph,
            });
        }
    }
    // A dateline ("KESSLER CITY, Ariz. — The agency …", "WASHINGTON —")
    // is no part of the sentence it opens.
    static DATELINE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^[A-Z][A-Z.'\- ]{2,40}(?:,\s+[A-Z][A-Za-z.]{1,14}(?:\s+[A-Z][A-Za-z.]{1,14})?)?\s+(?:—|–|--)\s+")
            .expect("dateline")
    });
    let split: Vec<Sentence> = split
        .into_iter()
        .flat_map(|s| match DATELINE.find(&text[s.start..s.end]) {
            Some(d) if s.start + d.end() < s.end => vec![
                Sentence {
                    start: s.start,
                    end: trim_end(text, s.start, s.start + d.end()),
                    paragraph: s.paragraph,
                },
                Sentence {
                    start: s.start + d.end(),
                    end: s.end,
                    paragraph: s.paragraph,
                },
            ],
            _ => vec![s],
        })
        .collect();
    // A spoken afterthought cut off by a period ("… into fake pills. In
    // Mexico.") belongs to the sentence before it.
    let mut merged: Vec<Sentence> = Vec::with_capacity(split.len());
    for s in split {
        if let Some(prev) = merged.last_mut() {
            if prev.paragraph == s.paragraph && is_afterthought(&text[s.start..s.end]) {
                prev.end = s.end;
                continue;
            }
        }
        merged.push(s);
    }
    merged
}

/// A short prepositional phrase standing alone as a sentence: "In Mexico."
fn is_afterthought(sentence: &str) -> bool {
    static PP: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        regex::Regex::new(r"^(?:In|At|Into|Inside|Across|Throughout|From|Through)\s+(?:the\s+)?[A-Z][\p{L}.’'\-]*(?:\s+[A-Z][\p{L}.’'\-]*){0,3}\s*[.!]?$")
            .expect("afterthought")
    });
    PP.is_match(sentence.trim())
}

fn trim_end(text: &str, start: usize, end: usize) -> usize {
    start + text[start..end].trim_end().len()
}

/// "Milgram said:" ends a sentence when a quotation follows.
fn starts_turn_like(text: &str, colon: usize, end: usize) -> bool {
    let rest = text[colon + 1..end].trim_start();
    rest.starts_with('“') || rest.starts_with('"')
}

/// Words that open a sentence even after "U.S." or "Jan.".
const STARTERS: &[&str] = &[
    "The",
    "This",
    "That",
    "These",
    "Those",
    "It",
    "Its",
    "He",
    "She",
    "They",
    "We",
    "I",
    "But",
    "And",
    "However",
    "In",
    "On",
    "At",
    "A",
    "An",
    "As",
    "After",
    "Before",
    "While",
    "When",
    "Since",
    "Meanwhile",
    "Last",
    "Earlier",
    "According",
    "Officials",
    "There",
    "If",
    "So",
    "Yet",
    "China",
    "Mexico",
    "Canada",
    "India",
    "Chinese",
    "Mexican",
    "Our",
    "Their",
    "His",
    "Her",
];

fn starts_sentence(next: &str) -> bool {
    let word: String = next.chars().take_while(|c| c.is_alphabetic()).collect();
    STARTERS.contains(&word.as_str()) && next[word.len()..].starts_with([' ', ','])
}

/// The length of a footnote mark ("[14]", "[3, 4]", "[12-13]") opening
/// `s`, if one does.
fn footnote_mark(s: &str) -> Option<usize> {
    let inner = s.strip_prefix('[')?;
    let close = inner.find(']')?;
    let body = &inner[..close];
    (!body.is_empty()
        && body.len() <= 12
        && body.chars().any(|c| c.is_ascii_digit())
        && body
            .chars()
            .all(|c| c.is_ascii_digit() || matches!(c, ',' | '-' | '–' | ' ')))
    .then_some(close + 2)
}

fn is_abbreviation(text: &str, sentence_start: usize, dot: usize) -> bool {
    let before = &text[sentence_start..dot];
    let word: String = before
        .chars()
        .rev()
        .take_while(|c| c.is_alphanumeric() || *c == '.')
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    if word.is_empty() {
        return false;
    }
    let lower = word.to_lowercase();
    if ABBREVIATIONS.contains(&lower.as_str()) {
        return true;
    }
    // A single capital letter: an initial ("Todd D. Robinson").
    let mut chars = word.chars();
    matches!((chars.next(), chars.next()), (Some(c), None) if c.is_uppercase())
}

/// Finds speaker turns: lines opening with "NAME:" (optionally after a
/// timestamp). A turn whose words are one quotation ends with its line;
/// otherwise it runs until the next turn.
/// Labels that head a document or a section, not a speaker's words.
fn is_genre_label(name: &str) -> bool {
    const LABELS: &[&str] = &[
        "fact sheet",
        "note",
        "editor's note",
        "editor’s note",
        "background",
        "summary",
        "update",
        "updated",
        "source",
        "sources",
        "related",
        "contact",
        "media contact",
        "readout",
        "press release",
        "transcript",
        "subject",
        "date",
        "tags",
        "photo",
        "image",
        "caption",
        "correction",
        "disclaimer",
        "attachment",
        "attachments",
    ];
    LABELS.contains(&name.trim().to_lowercase().as_str())
}

pub fn turns(text: &str, paragraphs: &[Paragraph]) -> Vec<Turn> {
    let mut out: Vec<Turn> = Vec::new();
    let mut open: Option<usize> = None;
    for p in paragraphs {
        let line = &text[p.start..p.end];
        if let Some(c) = TURN.captures(line) {
            let name = c.get(1).expect("group");
            // "KOVACS (on tape):", "Hon. Ann Roe (Minister of Health, Lib.):":
            // the parenthesis after the name is no part of it.
            let bare = name
                .as_str()
                .split(" (")
                .next()
                .unwrap_or(name.as_str())
                .trim_end();
            let words = bare.split_whitespace().count();
            // A heading-like "Note: ..." with a long name is not a turn, nor
            // is a document's genre label ("Fact Sheet: ...").
            if words <= 5 && !is_genre_label(bare) {
                let body_start = p.start + name.end() + 1;
                let body_start = body_start
                    + (text[body_start..p.end].len() - text[body_start..p.end].trim_start().len());
                let quoted = text[body_start..p.end].starts_with(['“', '"']);
                out.push(Turn {
                    name_start: p.start + name.start(),
                    name_end: p.start + name.start() + bare.len(),
                    start: body_start,
                    end: p.end,
                });
                open = if quoted { None } else { Some(out.len() - 1) };
                continue;
            }
        }
        if let Some(k) = open {
            out[k].end = p.end;
        }
    }
    out
}

/// Quotations between curly quotes, or between straight double quotes.
pub fn quotes(text: &str) -> Vec<Quote> {
    let mut out = Vec::new();
    let mut open: Option<usize> = None;
    for (i, ch) in text.char_indices() {
        match ch {
            '“' => open = Some(i),
            '”' => {
                if let Some(s) = open.take() {
                    out.push(Quote {
                        start: s,
                        end: i + ch.len_utf8(),
                    });
                }
            }
            '\n' if open.is_some() => {
                // Quotes may run across a paragraph only when the next
                // paragraph opens with a quote mark again; keep it simple:
                // an unclosed quote ends with its paragraph.
                if let Some(s) = open.take() {
                    out.push(Quote { start: s, end: i });
                }
            }
            _ => {}
        }
    }
    let mut straight: Option<usize> = None;
    for (i, ch) in text.char_indices() {
        if ch == '"' {
            match straight.take() {
                Some(s) => out.push(Quote {
                    start: s,
                    end: i + 1,
                }),
                None => straight = Some(i),
            }
        } else if ch == '\n' {
            straight = None;
        }
    }
    out.sort_by_key(|q| q.start);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(input: &str, expected: &[&str]) {
        let ps = paragraphs(input);
        let got: Vec<&str> = sentences(input, &ps)
            .iter()
            .map(|s| &input[s.start..s.end])
            .collect();
        assert_eq!(got, expected);
    }

    #[test]
    fn splits_sentences() {
        check("One fact. Another fact!", &["One fact.", "Another fact!"]);
        check(
            "The U.S. Attorney spoke. Dr. Smith and Sen. Jones agreed on Jan. 5.",
            &[
                "The U.S. Attorney spoke.",
                "Dr. Smith and Sen. Jones agreed on Jan. 5.",
            ],
        );
        check(
            "Todd D. Robinson said so. Then it ended.",
            &["Todd D. Robinson said so.", "Then it ended."],
        );
        check("“We act.” He left.", &["“We act.”", "He left."]);
        check(
            "Heading\n\nBody text here.",
            &["Heading", "Body text here."],
        );
        check(
            "Summary\n  • First point.\n  • Second point.",
            &["Summary", "First point.", "Second point."],
        );
        check("a decimal 3.5 stays. Yes", &["a decimal 3.5 stays.", "Yes"]);
        check("Milgram said: “We know.”", &["Milgram said:", "“We know.”"]);
        check(
            "Drugs reach the U.S. China denies it.",
            &["Drugs reach the U.S.", "China denies it."],
        );
        check(
            "The U.S. Attorney General spoke.",
            &["The U.S. Attorney General spoke."],
        );
    }

    #[test]
    fn finds_turns() {
        let t = "Fact Sheet: A Plan\n1:04- Senator Menendez: “Quote one.”\nHeading\nMODERATOR: Hello.\nMore words.\nSENIOR OFFICIAL: Hi.";
        let ps = paragraphs(t);
        let turns = turns(t, &ps);
        let names: Vec<&str> = turns.iter().map(|x| &t[x.name_start..x.name_end]).collect();
        assert_eq!(names, ["Senator Menendez", "MODERATOR", "SENIOR OFFICIAL"]);
        assert_eq!(&t[turns[0].start..turns[0].end], "“Quote one.”");
        assert_eq!(&t[turns[1].start..turns[1].end], "Hello.\nMore words.");
    }

    #[test]
    fn finds_quotes() {
        let t = "He said “a b” and \"c d\".";
        let q: Vec<&str> = quotes(t).iter().map(|q| &t[q.start..q.end]).collect();
        assert_eq!(q, ["“a b”", "\"c d\""]);
    }
}
