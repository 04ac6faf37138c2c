//! Date expressions: absolute dates in their many written forms ("April 14,
//! 2023", "14 April 2023", "Feb. 15th, 2023", "2023-04-14", "4/14/2023"),
//! months, years, quarters and their parts ("in November", "in early
//! 2022", "the first quarter of 2023"), open periods ("since at least
//! 2019", "until 2021"), ranges ("between 2019 and 2021", "from March to
//! June 2022") and expressions relative to the document's date ("last
//! week", "on Friday", "earlier this year", "three years ago").
//!
//! Everything resolves against an anchor, the document's date, handed in:
//! never the wall clock. Without an anchor an absolute expression still
//! resolves, and a relative one is kept as raw text with no period.
//!
//! Rationale: a handful of regular expressions for the bases (a day, a
//! month, a year, a quarter, a relative phrase) and one pass that widens a
//! base with the words before it ("since", "until", "early", "at least")
//! and joins two bases into a range, instead of one expression per
//! combination. Ambiguous words are read strictly: a month name must be
//! capitalised ("may", "march" are verbs), and a bare year needs a
//! preposition ("in 2021", never the "2021" of "the 2021 law").

use regex::Regex;
use std::sync::LazyLock;

/// A day of the proleptic Gregorian calendar.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    pub year: i32,
    pub month: u32,
    pub day: u32,
}

impl Date {
    /// The date, when it exists (`Date::new(2023, 2, 30)` does not).
    pub fn new(year: i32, month: u32, day: u32) -> Option<Date> {
        (1..=12)
            .contains(&month)
            .then_some(())
            .filter(|_| day >= 1 && day <= days_in_month(year, month))
            .map(|_| Date { year, month, day })
    }

    /// Reads `YYYY-MM-DD`, or the date part of an `xsd:dateTime`.
    pub fn parse_iso(s: &str) -> Option<Date> {
        let s = s.trim();
        let day_part = s.get(..10)?;
        let rest = &s[10..];
        if !(rest.is_empty() || rest.starts_with('T')) {
            return None;
        }
        let mut it = day_part.split('-');
        let (y, m, d) = (it.next()?, it.next()?, it.next()?);
        if y.len() != 4 || m.len() != 2 || d.len() != 2 {
            return None;
        }
        Date::new(y.parse().ok()?, m.parse().ok()?, d.parse().ok()?)
    }

    /// `YYYY-MM-DD`.
    pub fn iso(self) -> String {
        format!("{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }

    /// Days since 1970-01-01 (Howard Hinnant's `days_from_civil`).
    pub fn days(self) -> i64 {
        let y = i64::from(self.year) - i64::from(self.month <= 2);
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let m = i64::from(self.month);
        let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(self.day) - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    /// The date `days` after 1970-01-01 (`civil_from_days`).
    pub fn from_days(days: i64) -> Date {
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
        let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
        let year = (yoe + era * 400 + i64::from(month <= 2)) as i32;
        Date { year, month, day }
    }

    fn plus_days(self, n: i64) -> Date {
        Date::from_days(self.days() + n)
    }

    /// Monday 0 … Sunday 6.
    fn weekday(self) -> i64 {
        (self.days() + 3).rem_euclid(7)
    }
}

fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        4 | 6 | 9 | 11 => 30,
        2 if year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) => 29,
        2 => 28,
        _ => 31,
    }
}

/// A stretch of days, both ends included; an end is open when the
/// expression leaves it so ("since 2019" without a document date).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Period {
    pub start: Option<Date>,
    pub end: Option<Date>,
}

impl Period {
    fn days(start: Date, end: Date) -> Period {
        Period {
            start: Some(start),
            end: Some(end),
        }
    }

    fn day(d: Date) -> Period {
        Period::days(d, d)
    }

    /// The single day it is, when it is one.
    pub fn single_day(&self) -> Option<Date> {
        match (self.start, self.end) {
            (Some(a), Some(b)) if a == b => Some(a),
            _ => None,
        }
    }
}

/// A date expression found in a text, in byte offsets of that text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DateMention {
    pub start: usize,
    pub end: usize,
    /// The expression as written.
    pub text: String,
    /// What it means; `None` when it is relative and there is no anchor.
    pub period: Option<Period>,
}

const MONTH: &str = r"(?:January|February|March|April|May|June|July|August|September|October|November|December|Jan\.?|Feb\.?|Mar\.|Apr\.?|Jun\.|Jul\.|Aug\.?|Sept?\.?|Oct\.?|Nov\.?|Dec\.?|JANUARY|FEBRUARY|MARCH|APRIL|MAY|JUNE|JULY|AUGUST|SEPTEMBER|OCTOBER|NOVEMBER|DECEMBER)";
const WEEKDAY: &str = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)";
const YEAR: &str = r"(?:1[89]\d\d|20\d\d)";

pub(crate) fn month_number(word: &str) -> Option<u32> {
    let w = word.trim_end_matches('.').to_ascii_lowercase();
    let names = [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ];
    names
        .iter()
        .position(|n| w.starts_with(n))
        .map(|i| i as u32 + 1)
}

fn weekday_number(word: &str) -> Option<i64> {
    let names = [
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
    ];
    let w = word.to_ascii_lowercase();
    names.iter().position(|n| *n == w).map(|i| i as i64)
}

fn small_number(word: &str) -> Option<i64> {
    let words = [
        "a", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
        "eleven", "twelve",
    ];
    let w = word.to_ascii_lowercase();
    if let Some(i) = words.iter().position(|n| *n == w) {
        return Some(i.max(1) as i64);
    }
    if w == "an" {
        return Some(1);
    }
    w.parse().ok().filter(|n| (1..=100).contains(n))
}

/// What a base expression says before it meets an anchor.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Base {
    Day(Date),
    /// "April 14": a day of the anchor's year.
    DayOfYear(u32, u32),
    Month(i32, u32),
    /// "in November", "last November", "next May": (month, -1 last, 0 in, 1 next).
    MonthNear(u32, i32),
    /// "November of last year": (month, years from the anchor's).
    MonthOfYear(u32, i32),
    Year(i32),
    Quarter(i32, u32),
    /// A named weekday: (weekday, -1 last, 0 on, 1 next).
    Weekday(i64, i32),
    /// A whole unit relative to the anchor's: (unit, offset), unit 'd' 'w' 'm' 'y'.
    Unit(char, i64),
    /// "earlier this week/month/year": the unit's start to the anchor.
    SoFar(char),
    /// "N days/weeks/months/years ago".
    Ago(char, i64),
    /// "the past N years", "the last six months": the anchor minus N units to the anchor.
    Past(char, i64),
}

impl Base {
    fn resolve(self, anchor: Option<Date>) -> Option<Period> {
        let month_period = |y: i32, m: u32| {
            Period::days(
                Date {
                    year: y,
                    month: m,
                    day: 1,
                },
                Date {
                    year: y,
                    month: m,
                    day: days_in_month(y, m),
                },
            )
        };
        let year_period = |y: i32| {
            Period::days(
                Date {
                    year: y,
                    month: 1,
                    day: 1,
                },
                Date {
                    year: y,
                    month: 12,
                    day: 31,
                },
            )
        };
        let add_months = |y: i32, m: u32, n: i64| {
            let k = i64::from(y) * 12 + i64::from(m) - 1 + n;
            (k.div_euclid(12) as i32, k.rem_euclid(12) as u32 + 1)
        };
        match self {
            Base::Day(d) => return Some(Period::day(d)),
            Base::Month(y, m) => return Some(month_period(y, m)),
            Base::Year(y) => return Some(year_period(y)),
            Base::Quarter(y, q) => {
                let first = (q - 1) * 3 + 1;
                return Some(Period {
                    start: month_period(y, first).start,
                    end: month_period(y, first + 2).end,
                });
            }
            _ => {}
        }
        let a = anchor?;
        Some(match self {
            Base::DayOfYear(m, d) => Period::day(Date::new(a.year, m, d)?),
            Base::MonthNear(m, dir) => {
                let y = match dir {
                    -1 if m >= a.month => a.year - 1,
                    1 if m <= a.month => a.year + 1,
                    0 if m > a.month => a.year - 1,
                    _ => a.year,
                };
                month_period(y, m)
            }
            Base::MonthOfYear(m, n) => month_period(a.year + n, m),
            Base::Weekday(w, dir) => {
                let back = (a.weekday() - w).rem_euclid(7);
                let d = match dir {
                    1 => a.plus_days((w - a.weekday()).rem_euclid(7).max(1)),
                    -1 if back == 0 => a.plus_days(-7),
                    _ => a.plus_days(-back),
                };
                Period::day(d)
            }
            Base::Unit(u, n) => match u {
                'd' => Period::day(a.plus_days(n)),
                'w' => {
                    let monday = a.plus_days(-a.weekday() + 7 * n);
                    Period::days(monday, monday.plus_days(6))
                }
                'm' => {
                    let (y, m) = add_months(a.year, a.month, n);
                    month_period(y, m)
                }
                _ => year_period(a.year + n as i32),
            },
            Base::SoFar(u) => {
                let start = match u {
                    'w' => a.plus_days(-a.weekday()),
                    'm' => Date { day: 1, ..a },
                    _ => Date {
                        month: 1,
                        day: 1,
                        ..a
                    },
                };
                Period::days(start, a)
            }
            Base::Ago(u, n) => match u {
                'd' => Period::day(a.plus_days(-n)),
                'w' => Period::day(a.plus_days(-7 * n)),
                'm' => {
                    let (y, m) = add_months(a.year, a.month, -n);
                    month_period(y, m)
                }
                _ => year_period(a.year - n as i32),
            },
            Base::Past(u, n) => {
                let start = match u {
                    'd' => a.plus_days(-n),
                    'w' => a.plus_days(-7 * n),
                    'm' => {
                        let (y, m) = add_months(a.year, a.month, -n);
                        Date::new(y, m, a.day.min(days_in_month(y, m)))?
                    }
                    _ => {
                        let y = a.year - n as i32;
                        Date::new(y, a.month, a.day.min(days_in_month(y, a.month)))?
                    }
                };
                Period::days(start, a)
            }
            Base::Day(_) | Base::Month(..) | Base::Year(_) | Base::Quarter(..) => unreachable!(),
        })
    }
}

struct Found {
    start: usize,
    end: usize,
    base: Base,
}

/// The base expressions of `text`, leftmost-longest, not overlapping.
fn bases(text: &str) -> Vec<Found> {
    static DAY_MDY: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(&format!(
            r"(?:(?-u:\b){WEEKDAY},?\s+)?(?-u:\b)({MONTH})\s+(\d{{1,2}})(?:st|nd|rd|th)?(?-u:\b)(?:,?\s+({YEAR})(?-u:\b))?"
        ))
        .expect("month day year")
    });
    static DAY_DMY: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(&format!(
            r"(?:(?-u:\b){WEEKDAY},?\s+)?(?-u:\b)(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?({MONTH})(?:,?\s+({YEAR})(?-u:\b))?"
        ))
        .expect("day month year")
    });
    static ISO: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"(?-u:\b)(\d{4})-(\d{2})-(\d{2})(?-u:\b)").expect("iso"));
    static NUMERIC: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?-u:\b)(\d{1,2})/(\d{1,2})/(\d{4})(?-u:\b)").expect("numeric")
    });
    static MONTH_YEAR: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(&format!(r"(?-u:\b)({MONTH})\s+(?:of\s+)?({YEAR})(?-u:\b)")).expect("month year")
    });
    static MONTH_NEAR: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(&format!(
            r"(?i:(?-u:\b)(last|this|next|in|since|until|through|by|during|from|between|and|to|early|late|mid-?)\s+)({MONTH})(?:\s+(?i:of\s+)?(?i:(last|this|next)\s+year))?(?-u:\b)"
        ))
        .expect("month near")
    });
    static YEAR_CUED: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(&format!(
            r"(?i:(?-u:\b)(in|since|during|by|until|till|through|before|after|throughout|from|between|and|to|as of|fiscal year|calendar year|FY)\s*(?:at least\s+|the year\s+|the end of\s+|the beginning of\s+)?(?:(?:early|late|mid)-?\s*)?)?(?-u:\b)({YEAR})(?-u:\b)(?:\s*(?:-|–|—)\s*({YEAR}|\d\d)(?-u:\b))?"
        ))
        .expect("cued year")
    });
    static QUARTER: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(&format!(
            r"(?i:(?-u:\b)(first|second|third|fourth|1st|2nd|3rd|4th)\s+quarter\s+of\s+)({YEAR})(?-u:\b)|(?-u:\b)Q([1-4])\s*({YEAR})(?-u:\b)"
        ))
        .expect("quarter")
    });
    static WEEKDAY_RE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(&format!(
            r"(?:(?-u:\b)(?i:(last|this|next|on|since|until|by))\s+)?(?-u:\b)({WEEKDAY})(?-u:\b)"
        ))
        .expect("weekday")
    });
    static UNIT: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)(?-u:\b)(?:(earlier|later)\s+this\s+(week|month|year)|(last|this|next|past)\s+(week|month|year)|(yesterday|today|tomorrow)|(a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|\d{1,3})\s+(day|week|month|year)s?\s+ago|the\s+(?:past|last)\s+(a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|\d{1,3})\s+(day|week|month|year)s?)(?-u:\b)")
            .expect("unit")
    });
    let mut out: Vec<Found> = Vec::new();
    let year_of = |s: Option<regex::Match>| s.and_then(|y| y.as_str().parse::<i32>().ok());
    let capitalised = |s: &str| s.chars().next().is_some_and(char::is_uppercase);
    // Days, years and quarters are written with digits: without one, those
    // patterns search nothing.
    let numeric = if text.chars().any(char::is_numeric) {
        text
    } else {
        ""
    };
    for c in DAY_MDY.captures_iter(numeric) {
        let (m, d) = (&c[1], c[2].parse::<u32>().unwrap_or(0));
        let Some(month) = month_number(m).filter(|_| capitalised(m)) else {
            continue;
        };
        // "May 5" needs its day; "May 2023" is a month (below).
        let base = match year_of(c.get(3)) {
            Some(y) => Date::new(y, month, d).map(Base::Day),
            None if Date::new(2000, month, d).is_some() => Some(Base::DayOfYear(month, d)),
            None => None,
        };
        if let (Some(base), Some(all)) = (base, c.get(0)) {
            out.push(Found {
                start: all.start(),
                end: all.end(),
                base,
            });
        }
    }
    for c in DAY_DMY.captures_iter(numeric) {
        let (d, m) = (c[1].parse::<u32>().unwrap_or(0), &c[2]);
        let Some(month) = month_number(m).filter(|_| capitalised(m)) else {
            continue;
        };
        let base = match year_of(c.get(3)) {
            Some(y) => Date::new(y, month, d).map(Base::Day),
            None if Date::new(2000, month, d).is_some() => Some(Base::DayOfYear(month, d)),
            None => None,
        };
        if let (Some(base), Some(all)) = (base, c.get(0)) {
            out.push(Found {
                start: all.start(),
                end: all.end(),
                base,
            });
        }
    }
    for c in ISO.captures_iter(numeric) {
        let date = Date::new(
            c[1].parse().unwrap_or(0),
            c[2].parse().unwrap_or(0),
            c[3].parse().unwrap_or(0),
        );
        if let (Some(d), Some(all)) = (date, c.get(0)) {
            out.push(Found {
                start: all.start(),
                end: all.end(),
                base: Base::Day(d),
            });
        }
    }
    for c in NUMERIC.captures_iter(numeric) {
        let date = Date::new(
            c[3].parse().unwrap_or(0),
            c[1].parse().unwrap_or(0),
            c[2].parse().unwrap_or(0),
        );
        if let (Some(d), Some(all)) = (date, c.get(0)) {
            out.push(Found {
                start: all.start(),
                end: all.end(),
                base: Base::Day(d),
            });
        }
    }
    for c in MONTH_YEAR.captures_iter(numeric) {
        let Some(month) = month_number(&c[1]).filter(|_| capitalised(&c[1])) else {
            continue;
        };
        if let (Some(y), Some(all)) = (year_of(c.get(2)), c.get(0)) {
            out.push(Found {
                start: all.start(),
                end: all.end(),
                base: Base::Month(y, month),
            });
        }
    }
    for c in MONTH_NEAR.captures_iter(text) {
        let Some(month) = month_number(&c[2]).filter(|_| capitalised(&c[2])) else {
            continue;
        };
        // "in May" is a month; "in May we …" is too: the capital decides.
        let cue = c[1].to_ascii_lowercase();
        let base = match c.get(3).map(|w| w.as_str().to_ascii_lowercase()) {
            Some(w) if w == "last" => Base::MonthOfYear(month, -1),
            Some(w) if w == "next" => Base::MonthOfYear(month, 1),
            Some(_) => Base::MonthOfYear(month, 0),
            None if cue == "last" => Base::MonthNear(month, -1),
            None if cue == "next" => Base::MonthNear(month, 1),
            // "this November": the anchor's year, before or after it.
            None if cue == "this" => Base::MonthOfYear(month, 0),
            None => Base::MonthNear(month, 0),
        };
        let Some(all) = c.get(0) else { continue };
        // The cue word is part of the expression only when it says which
        // month ("last", "next"); prepositions are read with the others.
        let start = if matches!(cue.as_str(), "last" | "next" | "this") {
            all.start()
        } else {
            c.get(2).map_or(all.start(), |m| m.start())
        };
        out.push(Found {
            start,
            end: all.end(),
            base,
        });
    }
    for c in YEAR_CUED.captures_iter(numeric) {
        let (Some(y), Some(g)) = (year_of(c.get(2)), c.get(2)) else {
            continue;
        };
        let second = c.get(3).and_then(|to| {
            let y2 = if to.as_str().len() == 2 {
                (y / 100) * 100 + to.as_str().parse::<i32>().ok()?
            } else {
                to.as_str().parse().ok()?
            };
            (y2 > y).then_some((to, y2))
        });
        if c.get(1).is_none() && second.is_none() {
            continue;
        }
        out.push(Found {
            start: g.start(),
            end: g.end(),
            base: Base::Year(y),
        });
        // "2018–2020": the range's second year, joined by the range pass.
        if let Some((to, y2)) = second {
            out.push(Found {
                start: to.start(),
                end: to.end(),
                base: Base::Year(y2),
            });
        }
    }
    for c in QUARTER.captures_iter(numeric) {
        let q = match (c.get(1), c.get(3)) {
            (Some(w), _) => match w.as_str().to_ascii_lowercase().as_str() {
                "first" | "1st" => 1,
                "second" | "2nd" => 2,
                "third" | "3rd" => 3,
                _ => 4,
            },
            (None, Some(n)) => n.as_str().parse().unwrap_or(1),
            _ => continue,
        };
        if let (Some(y), Some(all)) = (year_of(c.get(2).or(c.get(4))), c.get(0)) {
            out.push(Found {
                start: all.start(),
                end: all.end(),
                base: Base::Quarter(y, q),
            });
        }
    }
    for c in WEEKDAY_RE.captures_iter(text) {
        let Some(w) = weekday_number(&c[2]) else {
            continue;
        };
        let cue = c.get(1).map(|m| m.as_str().to_ascii_lowercase());
        let dir = match cue.as_deref() {
            Some("last") => -1,
            Some("next") => 1,
            _ => 0,
        };
        let Some(all) = c.get(0) else { continue };
        let start = if matches!(cue.as_deref(), Some("last" | "next" | "this")) {
            all.start()
        } else {
            c.get(2).map_or(all.start(), |m| m.start())
        };
        out.push(Found {
            start,
            end: all.end(),
            base: Base::Weekday(w, dir),
        });
    }
    for c in UNIT.captures_iter(text) {
        let unit = |m: Option<regex::Match>| {
            m.and_then(|u| u.as_str().to_ascii_lowercase().chars().next())
                .unwrap_or('y')
        };
        let base = if let Some(w) = c.get(1) {
            if w.as_str().eq_ignore_ascii_case("earlier") {
                Base::SoFar(unit(c.get(2)))
            } else {
                Base::Unit(unit(c.get(2)), 0)
            }
        } else if let Some(w) = c.get(3) {
            let n = match w.as_str().to_ascii_lowercase().as_str() {
                "last" => -1,
                "next" => 1,
                "past" => -1,
                _ => 0,
            };
            Base::Unit(unit(c.get(4)), n)
        } else if let Some(w) = c.get(5) {
            let n = match w.as_str().to_ascii_lowercase().as_str() {
                "yesterday" => -1,
                "tomorrow" => 1,
                _ => 0,
            };
            Base::Unit('d', n)
        } else if let Some(n) = c.get(6) {
            Base::Ago(unit(c.get(7)), small_number(n.as_str()).unwrap_or(1))
        } else if let Some(n) = c.get(8) {
            Base::Past(unit(c.get(9)), small_number(n.as_str()).unwrap_or(1))
        } else {
            continue;
        };
        if let Some(all) = c.get(0) {
            out.push(Found {
                start: all.start(),
                end: all.end(),
                base,
            });
        }
    }
    // Leftmost, then longest; drop what overlaps a kept one.
    out.sort_by_key(|f| (f.start, std::cmp::Reverse(f.end)));
    let mut kept: Vec<Found> = Vec::new();
    for f in out {
        if kept.last().is_some_and(|k| f.start < k.end) {
            continue;
        }
        kept.push(f);
    }
    kept
}

/// How the words before a base widen it.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Cue {
    Plain,
    Since,
    Until,
    Before,
    After,
}

/// The cue words just before `at`: ("since at least ", Since) and where they start.
fn cue_before(text: &str, at: usize) -> (usize, Cue, Option<&'static str>) {
    static CUE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)(?-u:\b)(since|until|till|through|before|after|as of|as early as|as recently as|from|between|in|on|during|throughout|by)?\s*(at least\s+|the end of\s+|the beginning of\s+)?(early|late|mid-?|the middle of)?\s*$")
            .expect("cue")
    });
    let from = at.saturating_sub(48);
    let mut from_ok = from;
    while !text.is_char_boundary(from_ok) {
        from_ok += 1;
    }
    let window = &text[from_ok..at];
    let Some(c) = CUE.captures(window) else {
        return (at, Cue::Plain, None);
    };
    let cue = match c.get(1).map(|m| m.as_str().to_ascii_lowercase()).as_deref() {
        Some("since" | "as early as") => Cue::Since,
        Some("until" | "till" | "through") => Cue::Until,
        Some("before") => Cue::Before,
        Some("after") => Cue::After,
        _ => Cue::Plain,
    };
    let part = c
        .get(3)
        .map(|m| m.as_str().to_ascii_lowercase())
        .map(|p| match p.as_str() {
            "early" => "early",
            "late" => "late",
            _ => "mid",
        });
    let part = match c.get(2).map(|m| m.as_str().to_ascii_lowercase()) {
        Some(p) if p.starts_with("the end") => Some("late"),
        Some(p) if p.starts_with("the beginning") => Some("early"),
        _ => part,
    };
    // Only a cue that changes the meaning, or a preposition that opens the
    // expression, becomes part of its raw text.
    let start = if c.get(1).is_some() || c.get(2).is_some() || c.get(3).is_some() {
        from_ok + c.get(0).map_or(window.len(), |m| m.start())
    } else {
        at
    };
    let start = start + text[start..at].len() - text[start..at].trim_start().len();
    (start, cue, part)
}

/// Narrows a period to its early, middle or late part: a year's
/// January–April, May–August, September–December; a month's days 1–10,
/// 11–20, 21–end; otherwise thirds.
fn part_of(p: Period, part: &str) -> Period {
    let (Some(a), Some(b)) = (p.start, p.end) else {
        return p;
    };
    let last = |y: i32, m: u32| Date {
        year: y,
        month: m,
        day: days_in_month(y, m),
    };
    let on = |y: i32, m: u32, d: u32| Date {
        year: y,
        month: m,
        day: d,
    };
    if a.year == b.year && (a.month, a.day, b.month, b.day) == (1, 1, 12, 31) {
        let y = a.year;
        return match part {
            "early" => Period::days(a, last(y, 4)),
            "late" => Period::days(on(y, 9, 1), b),
            _ => Period::days(on(y, 5, 1), last(y, 8)),
        };
    }
    if (a.year, a.month) == (b.year, b.month) && a.day == 1 && b == last(b.year, b.month) {
        return match part {
            "early" => Period::days(a, on(a.year, a.month, 10)),
            "late" => Period::days(on(a.year, a.month, 21), b),
            _ => Period::days(on(a.year, a.month, 11), on(a.year, a.month, 20)),
        };
    }
    let (x, y) = (a.days(), b.days());
    let third = (y - x + 1) / 3;
    match part {
        "early" => Period::days(a, Date::from_days(x + third - 1)),
        "late" => Period::days(Date::from_days(y - third + 1), b),
        _ => Period::days(Date::from_days(x + third), Date::from_days(y - third)),
    }
}

/// Every date expression of `text`, resolved against `anchor` (the
/// document's date) where it is relative.
pub fn find_dates(text: &str, anchor: Option<Date>) -> Vec<DateMention> {
    let found = bases(text);
    let mut out: Vec<DateMention> = Vec::new();
    let mut i = 0;
    while i < found.len() {
        let f = &found[i];
        let (start, cue, part) = cue_before(text, f.start);
        let mut end = f.end;
        let mut period = f.base.resolve(anchor).map(|p| match part {
            Some(part) => part_of(p, part),
            None => p,
        });
        // Ranges: "between X and Y", "from X to Y", "X–Y".
        let opener = text[start..f.start].to_ascii_lowercase();
        if let Some(next) = found.get(i + 1) {
            let between = &text[f.end..next.start];
            let joined = matches!(
                between.trim().to_ascii_lowercase().as_str(),
                "and"
                    | "to"
                    | "through"
                    | "until"
                    | "-"
                    | "–"
                    | "—"
                    | "and the end of"
                    | "to the end of"
            );
            let ranged = opener.starts_with("between")
                || opener.starts_with("from")
                || matches!(between.trim(), "-" | "–" | "—");
            if joined && ranged {
                // "from March to June 2022": the first takes the second's year.
                let first = match (f.base, next.base) {
                    (Base::MonthNear(m, _), Base::Month(y, _)) => Base::Month(y, m),
                    (Base::DayOfYear(m, d), Base::Day(second)) => {
                        Date::new(second.year, m, d).map_or(f.base, Base::Day)
                    }
                    (b, _) => b,
                };
                let a = first.resolve(anchor);
                let b = next.base.resolve(anchor);
                period = match (a, b) {
                    (Some(a), Some(b)) => Some(Period {
                        start: a.start,
                        end: b.end,
                    }),
                    _ => None,
                };
                end = next.end;
                i += 1;
            }
        }
        let period = period.map(|p| match cue {
            Cue::Plain => p,
            Cue::Since => Period {
                start: p.start,
                end: anchor.filter(|a| p.start.is_none_or(|s| s <= *a)),
            },
            Cue::Until => Period {
                start: None,
                end: p.end,
            },
            Cue::Before => Period {
                start: None,
                end: p.start.map(|s| s.plus_days(-1)),
            },
            Cue::After => Period {
                start: p.end.map(|e| e.plus_days(1)),
                end: anchor.filter(|a| p.end.is_none_or(|e| e < *a)),
            },
        });
        out.push(DateMention {
            start,
            end,
            text: text[start..end].to_string(),
            period,
        });
        i += 1;
    }
    out
}

/// The date expression that dates a statement of a sentence (which starts
/// at byte `offset` of the document and holds the date expressions
/// `found`, from [`find_dates`] once per sentence): the one nearest to the
/// words that express the relation (`trigger`, document byte offsets),
/// else the sentence's first; never the document's dateline (`dateline`,
/// document byte offsets), which dates the document.
pub(crate) fn statement_date(
    found: &[DateMention],
    offset: usize,
    trigger: Option<(usize, usize)>,
    dateline: Option<(usize, usize)>,
) -> Option<&DateMention> {
    let outside = |m: &&DateMention| match dateline {
        Some((a, b)) => offset + m.end <= a || offset + m.start >= b,
        None => true,
    };
    let mut found = found.iter().filter(outside);
    let Some((a, b)) = trigger else {
        return found.next();
    };
    found.min_by_key(|m| {
        let (s, e) = (offset + m.start, offset + m.end);
        if e <= a {
            a - e
        } else {
            s.saturating_sub(b)
        }
    })
}

/// The document's own date from its dateline or opening lines:
/// "WASHINGTON, April 14, 2023 —", "April 14, 2023", "On February 15th,
/// 2023, …", "Date: 2023-04-14". The first full date (day, month and
/// year) within the document's first lines; a dateline without a year
/// ("WASHINGTON, April 14 —") takes the year that puts it on or after the
/// latest full date the text states (a report is written after what it
/// reports), and says so in `inferred`.
pub fn dateline(text: &str) -> Option<Dateline> {
    static LEAD: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(&format!(
            r"^[\p{{Lu}}][\p{{Lu}}.'\- ]{{2,40}}(?:,\s+[A-Z][A-Za-z.]{{1,14}}(?:\s+[A-Z][A-Za-z.]{{1,14}})?)?(?:\s*\([^)]{{1,40}}\))?,?\s+(?:—|–|--)?\s*(?:{WEEKDAY},?\s+)?({MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?)(?:,?\s+({YEAR}))?\s*(?:—|–|--|:|/)"
        ))
        .expect("dateline lead")
    });
    // The first lines: up to 8 non-empty ones, 1,200 bytes.
    let mut head_end = 0;
    let mut lines = 0;
    for (k, line) in text.split_inclusive('\n').enumerate() {
        if k > 40 || head_end + line.len() > 1200 {
            break;
        }
        head_end += line.len();
        if !line.trim().is_empty() {
            lines += 1;
            if lines >= 8 {
                break;
            }
        }
    }
    let mut head_end = head_end.min(text.len());
    while !text.is_char_boundary(head_end) {
        head_end -= 1;
    }
    let head = &text[..head_end];
    let mut line_start = 0;
    for line in head.split_inclusive('\n') {
        let trimmed = line.trim_start();
        let at = line_start + (line.len() - trimmed.len());
        line_start += line.len();
        if let Some(c) = LEAD.captures(trimmed) {
            let (Some(g), yr) = (c.get(1), c.get(2)) else {
                continue;
            };
            let end = at + yr.map_or(g.end(), |y| y.end());
            let raw = text[at + g.start()..end].to_string();
            let found = find_dates(&raw, None);
            let Some(first) = found.first() else { continue };
            if let Some(d) = first.period.and_then(|p| p.single_day()) {
                return Some(Dateline {
                    date: d,
                    start: at + g.start(),
                    end,
                    expression: raw,
                    inferred: false,
                });
            }
            // No year: take it from the latest full date of the text.
            if let Some(Base::DayOfYear(m, d)) = bases(&raw).first().map(|f| f.base) {
                return Some(Dateline {
                    date: infer_year(text, m, d)?,
                    start: at + g.start(),
                    end,
                    expression: raw,
                    inferred: true,
                });
            }
            continue;
        }
        // A line opening with a full date.
        let found = find_dates(trimmed, None);
        if let Some(first) = found.first() {
            let opening = trimmed[..first.start]
                .trim()
                .trim_end_matches(':')
                .to_ascii_lowercase();
            let heading = opening.is_empty()
                || opening == "on"
                || opening.len() <= 40
                    && opening
                        .split_whitespace()
                        .all(|w| w.chars().all(|c| c.is_alphabetic() || c == ':' || c == '|'))
                    && [
                        "date",
                        "dated",
                        "published",
                        "posted",
                        "updated",
                        "release",
                        "released",
                        "for immediate release",
                        "issued",
                        "hearing",
                        "on",
                    ]
                    .iter()
                    .any(|k| opening.ends_with(k) || opening.starts_with(k));
            if heading {
                if let Some(d) = first.period.and_then(|p| p.single_day()) {
                    return Some(Dateline {
                        date: d,
                        start: at + first.start,
                        end: at + first.end,
                        expression: first.text.clone(),
                        inferred: false,
                    });
                }
                // "On April 13, the two delegations …": a day with no year
                // opening the line.
                let day_of_year = bases(&first.text).first().map(|f| f.base);
                if let (true, Some(Base::DayOfYear(m, d))) = (opening.is_empty(), day_of_year) {
                    if let Some(date) = infer_year(text, m, d) {
                        return Some(Dateline {
                            date,
                            start: at + first.start,
                            end: at + first.end,
                            expression: first.text.clone(),
                            inferred: true,
                        });
                    }
                }
            }
        }
    }
    None
}

/// The year of a day written without one ("April 14"): the one that puts
/// it on or after the latest full date `text` states (a report is written
/// after what it reports); `None` when the text states no full date.
fn infer_year(text: &str, month: u32, day: u32) -> Option<Date> {
    let latest = bases(text)
        .into_iter()
        .filter_map(|f| match f.base {
            Base::Day(d) => Some(d),
            _ => None,
        })
        .max()?;
    let date = Date::new(latest.year, month, day)?;
    if date < latest {
        Date::new(latest.year + 1, month, day)
    } else {
        Some(date)
    }
}

/// A document's date read from its text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Dateline {
    pub date: Date,
    /// Where its words are in the text (bytes): no statement is dated by them.
    pub start: usize,
    pub end: usize,
    /// The words it was read from.
    pub expression: String,
    /// True when the year was not written and came from the text's dates.
    pub inferred: bool,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Date {
        Date::parse_iso(s).expect("test date")
    }

    /// The expressions of `text` as "raw => start..end", "raw => ?" when
    /// unresolved, and ".." on an open side.
    fn check(text: &str, anchor: Option<&str>, expected: &[&str]) {
        let got: Vec<String> = find_dates(text, anchor.map(d))
            .into_iter()
            .map(|m| {
                let p = match m.period {
                    None => "?".to_string(),
                    Some(p) => format!(
                        "{}..{}",
                        p.start.map(Date::iso).unwrap_or_default(),
                        p.end.map(Date::iso).unwrap_or_default()
                    ),
                };
                format!("{} => {p}", m.text)
            })
            .collect();
        assert_eq!(got, expected, "in {text:?}");
    }

    #[test]
    fn civil_days_round_trip() {
        for s in [
            "1970-01-01",
            "2000-02-29",
            "2023-04-14",
            "1999-12-31",
            "2024-03-01",
        ] {
            assert_eq!(Date::from_days(d(s).days()).iso(), s);
        }
        assert_eq!(d("2023-04-14").weekday(), 4, "a Friday");
        assert_eq!(Date::new(2023, 2, 29), None);
        assert_eq!(
            Date::parse_iso("2023-04-14T10:00:00Z"),
            Some(d("2023-04-14"))
        );
        assert_eq!(Date::parse_iso("2023-4-14"), None);
    }

    #[test]
    fn absolute_dates() {
        check(
            "The shipment left Tampico on April 14, 2023 and docked 14 April 2023.",
            None,
            &[
                "on April 14, 2023 => 2023-04-14..2023-04-14",
                "14 April 2023 => 2023-04-14..2023-04-14",
            ],
        );
        check(
            "The broker was paid Feb. 15th, 2023, then again on 2023-03-02 and 3/9/2023.",
            None,
            &[
                "Feb. 15th, 2023 => 2023-02-15..2023-02-15",
                "on 2023-03-02 => 2023-03-02..2023-03-02",
                "3/9/2023 => 2023-03-09..2023-03-09",
            ],
        );
        check(
            "Agents searched the warehouse on Tuesday, September 5, 2023.",
            None,
            &["on Tuesday, September 5, 2023 => 2023-09-05..2023-09-05"],
        );
        check(
            "The lab ran from March 2021 until it closed.",
            None,
            &["from March 2021 => 2021-03-01..2021-03-31"],
        );
    }

    #[test]
    fn years_quarters_and_parts() {
        check(
            "The firm sold precursors in 2021 and in the first quarter of 2022.",
            None,
            &[
                "in 2021 => 2021-01-01..2021-12-31",
                "first quarter of 2022 => 2022-01-01..2022-03-31",
            ],
        );
        check(
            "Seizures rose in early 2022 and fell by late 2023.",
            None,
            &[
                "in early 2022 => 2022-01-01..2022-04-30",
                "by late 2023 => 2023-09-01..2023-12-31",
            ],
        );
        // A year with no preposition is no date: a law's name, a count.
        check("The 2021 law lists 2019 chemicals.", None, &[]);
        // "may" and "march" are verbs.
        check(
            "Brokers may march on; in May the port closed.",
            Some("2023-08-01"),
            &["in May => 2023-05-01..2023-05-31"],
        );
    }

    #[test]
    fn open_periods_and_ranges() {
        check(
            "The network has shipped pills since at least 2019.",
            Some("2023-04-14"),
            &["since at least 2019 => 2019-01-01..2023-04-14"],
        );
        check(
            "The network has shipped pills since at least 2019.",
            None,
            &["since at least 2019 => 2019-01-01.."],
        );
        check(
            "The cell operated between 2019 and 2021, then from March to June 2022.",
            None,
            &[
                "between 2019 and 2021 => 2019-01-01..2021-12-31",
                "from March to June 2022 => 2022-03-01..2022-06-30",
            ],
        );
        check(
            "It ran the route 2018–2020 and kept an office until 2022.",
            None,
            &[
                "2018–2020 => 2018-01-01..2020-12-31",
                "until 2022 => ..2022-12-31",
            ],
        );
        check(
            "No office was opened before 2015 or after 2020.",
            Some("2023-04-14"),
            &[
                "before 2015 => ..2014-12-31",
                "after 2020 => 2021-01-01..2023-04-14",
            ],
        );
    }

    #[test]
    fn relative_dates_resolve_against_the_anchor() {
        // 2023-04-14 is a Friday.
        let anchor = Some("2023-04-14");
        check(
            "Officers raided the depot last week.",
            anchor,
            &["last week => 2023-04-03..2023-04-09"],
        );
        check(
            "Officers raided the depot on Friday.",
            anchor,
            &["on Friday => 2023-04-14..2023-04-14"],
        );
        check(
            "Officers raided the depot on Tuesday.",
            anchor,
            &["on Tuesday => 2023-04-11..2023-04-11"],
        );
        check(
            "Officers raided the depot last Friday.",
            anchor,
            &["last Friday => 2023-04-07..2023-04-07"],
        );
        check(
            "Officers raided the depot in November.",
            anchor,
            &["in November => 2022-11-01..2022-11-30"],
        );
        check(
            "Officers raided the depot next May.",
            anchor,
            &["next May => 2023-05-01..2023-05-31"],
        );
        check(
            "The port reopens this November.",
            anchor,
            &["this November => 2023-11-01..2023-11-30"],
        );
        check(
            "The port closed last April.",
            anchor,
            &["last April => 2022-04-01..2022-04-30"],
        );
        check(
            "Earlier this year the ring moved north; two years ago it was in the south.",
            anchor,
            &[
                "Earlier this year => 2023-01-01..2023-04-14",
                "two years ago => 2021-01-01..2021-12-31",
            ],
        );
        check(
            "Over the past five years, and yesterday, the ring grew; last month it split.",
            anchor,
            &[
                "the past five years => 2018-04-14..2023-04-14",
                "yesterday => 2023-04-13..2023-04-13",
                "last month => 2023-03-01..2023-03-31",
            ],
        );
        check(
            "A shipment arrived on March 3.",
            anchor,
            &["on March 3 => 2023-03-03..2023-03-03"],
        );
    }

    #[test]
    fn relative_dates_without_an_anchor_stay_unresolved() {
        check(
            "Officers raided the depot last week and again on Friday.",
            None,
            &["last week => ?", "on Friday => ?"],
        );
        check(
            "A shipment arrived in November.",
            None,
            &["in November => ?"],
        );
    }

    fn dl(text: &str) -> Option<(String, String, bool)> {
        dateline(text).map(|d| (d.date.iso(), d.expression, d.inferred))
    }

    #[test]
    fn datelines() {
        assert_eq!(
            dl("BRIGHTWATER, Ore., June 3, 2024 — The county sheriff said …\n"),
            Some(("2024-06-03".into(), "June 3, 2024".into(), false))
        );
        assert_eq!(
            dl("Harbor Report\n\nOn February 15th, 2023, customs officers at the port found …\n"),
            Some(("2023-02-15".into(), "On February 15th, 2023".into(), false))
        );
        assert_eq!(
            dl("Port authority update\nPublished: 2022-11-30\n\nThe authority said …"),
            Some(("2022-11-30".into(), "2022-11-30".into(), false))
        );
        // No year: after the latest full date of the text.
        assert_eq!(
            dl("WASHINGTON, April 14 — The agency said shipments seized on March 2, 2023 were …"),
            Some(("2023-04-14".into(), "April 14".into(), true))
        );
        assert_eq!(
            dl("WASHINGTON, January 9 — The raids of December 12, 2022 were …"),
            Some(("2023-01-09".into(), "January 9".into(), true))
        );
        // A date deep in the body is no dateline.
        let mut body = "The ring moved pills north.\n".repeat(20);
        body.push_str("On May 2, 2021, agents arrived.\n");
        assert_eq!(dl(&body), None);
        assert_eq!(dl("WASHINGTON — The agency said …"), None);
        // An opening "On <day>" with no year, the same way; with no full
        // date in the text, no date.
        assert_eq!(
            dl("Readout of a meeting\n\nOn June 2, the two delegations met. Their last talks were on November 30, 2023.\n"),
            Some(("2024-06-02".into(), "On June 2".into(), true))
        );
        assert_eq!(
            dl("Readout of a meeting\n\nOn June 2, the two delegations met.\n"),
            None
        );
    }
}
