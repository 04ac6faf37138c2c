//! Metadata from outside a document's text: dates in the forms metadata
//! uses, sidecar files (`FILE.meta.json`) and `--meta` tables (CSV).
//!
//! Rationale: these are dates a publisher or an analyst wrote down for the
//! document as a whole, in a handful of machine forms (ISO 8601, PDF's
//! `D:` strings, RFC 2822, "April 14, 2023"); dates written in the text
//! (datelines, "last Tuesday") are the extractor's business, not this
//! module's.

use crate::{DocumentMeta, ReadError};
use regex::Regex;
use std::sync::LazyLock;

const MONTHS: [&str; 12] = [
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
];

/// The `xsd:date` ("2024-06-18") or `xsd:dateTime` ("2024-06-18T09:30:00Z")
/// lexical form of a date as metadata writes it: ISO 8601 (with or without
/// a time and zone), `2024/06/18`, `20240618`, a PDF date
/// (`D:20240618093000+02'00'`), RFC 2822 (`Tue, 18 Jun 2024 09:30:00 GMT`),
/// "June 18, 2024" and "18 June 2024". `None` when it is none of these or
/// no real day.
pub fn parse_date(s: &str) -> Option<String> {
    static ISO: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?\s*(Z|[+-]\d{2}:?\d{2})?)?$").expect("iso")
    });
    static COMPACT: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"^(\d{4})(\d{2})(\d{2})$").expect("compact"));
    static PDF: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^D:(\d{4})(\d{2})(\d{2})(?:(\d{2})(\d{2})(\d{2})?)?(?:(Z)|([+-])(\d{2})'?(\d{2})?'?)?").expect("pdf")
    });
    static DAY_MONTH: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)^(?:[a-z]{3,9},?\s+)?(\d{1,2})\s+([a-z]{3,9})\.?,?\s+(\d{4})(?:,?\s+(\d{2}):(\d{2})(?::(\d{2}))?\s*(GMT|UTC|UT|Z|[+-]\d{4})?)?$").expect("day month")
    });
    static MONTH_DAY: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r"(?i)^(?:[a-z]{3,9},?\s+)?([a-z]{3,9})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})$",
        )
        .expect("month day")
    });
    let s = s.trim();
    let num = |c: Option<regex::Match>| c.and_then(|m| m.as_str().parse::<u32>().ok());
    let month = |name: &str| {
        let l = name.to_ascii_lowercase();
        MONTHS
            .iter()
            .position(|m| l.starts_with(m) && (l.len() == 3 || full_month(&l)))
            .map(|i| i as u32 + 1)
    };
    if let Some(c) = ISO.captures(s) {
        let zone = c.get(8).map(|z| match z.as_str() {
            "Z" => "Z".to_string(),
            z if z.contains(':') => z.to_string(),
            z => format!("{}:{}", &z[..3], &z[3..]),
        });
        return assemble(
            (num(c.get(1))?, num(c.get(2))?, num(c.get(3))?),
            c.get(4)
                .map(|_| (num(c.get(4)), num(c.get(5)), num(c.get(6)).unwrap_or(0))),
            c.get(7).map(|f| f.as_str()),
            zone,
        );
    }
    if let Some(c) = COMPACT.captures(s) {
        return assemble(
            (num(c.get(1))?, num(c.get(2))?, num(c.get(3))?),
            None,
            None,
            None,
        );
    }
    if let Some(c) = PDF.captures(s) {
        let zone = if c.get(7).is_some() {
            Some("Z".to_string())
        } else {
            c.get(8).map(|sign| {
                format!(
                    "{}{}:{}",
                    sign.as_str(),
                    &c[9],
                    c.get(10).map_or("00", |m| m.as_str())
                )
            })
        };
        let time = c
            .get(4)
            .map(|_| (num(c.get(4)), num(c.get(5)), num(c.get(6)).unwrap_or(0)));
        let zone = if time.is_some() { zone } else { None };
        return assemble(
            (num(c.get(1))?, num(c.get(2))?, num(c.get(3))?),
            time,
            None,
            zone,
        );
    }
    if let Some(c) = DAY_MONTH.captures(s) {
        let zone = c
            .get(7)
            .map(|z| match z.as_str().to_ascii_uppercase().as_str() {
                "GMT" | "UTC" | "UT" | "Z" => "Z".to_string(),
                z => format!("{}:{}", &z[..3], &z[3..]),
            });
        return assemble(
            (num(c.get(3))?, month(&c[2])?, num(c.get(1))?),
            c.get(4)
                .map(|_| (num(c.get(4)), num(c.get(5)), num(c.get(6)).unwrap_or(0))),
            None,
            zone,
        );
    }
    if let Some(c) = MONTH_DAY.captures(s) {
        return assemble(
            (num(c.get(3))?, month(&c[1])?, num(c.get(2))?),
            None,
            None,
            None,
        );
    }
    None
}

fn full_month(l: &str) -> bool {
    [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "sept",
        "october",
        "november",
        "december",
    ]
    .contains(&l)
}

type Time = (Option<u32>, Option<u32>, u32);

fn assemble(
    (y, m, d): (u32, u32, u32),
    time: Option<Time>,
    fraction: Option<&str>,
    zone: Option<String>,
) -> Option<String> {
    let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    let days = [
        31,
        if leap { 29 } else { 28 },
        31,
        30,
        31,
        30,
        31,
        31,
        30,
        31,
        30,
        31,
    ];
    if !(1..=12).contains(&m) || d == 0 || d > days[m as usize - 1] || !(1000..=9999).contains(&y) {
        return None;
    }
    let date = format!("{y:04}-{m:02}-{d:02}");
    let Some((Some(h), Some(min), sec)) = time else {
        return Some(date);
    };
    if h > 23 || min > 59 || sec > 60 {
        return None;
    }
    Some(format!(
        "{date}T{h:02}:{min:02}:{sec:02}{}{}",
        fraction.unwrap_or(""),
        zone.unwrap_or_default()
    ))
}

/// Fields of one metadata record (a sidecar's keys, a table's columns).
fn set_field(m: &mut DocumentMeta, key: &str, value: &str, source: &str) -> Result<(), String> {
    let value = value.trim();
    if value.is_empty() {
        return Ok(());
    }
    match key.trim().to_ascii_lowercase().as_str() {
        "title" => m.title = Some(value.to_string()),
        "date" => {
            m.date = Some(parse_date(value).ok_or_else(|| {
                format!("date {value:?} not understood (write it as 2024-06-18, or 2024-06-18T09:30:00Z)")
            })?);
            m.date_source = Some(source.to_string());
        }
        "publisher" => m.publisher = Some(value.to_string()),
        "creator" | "creators" | "author" | "authors" => {
            m.creators = value
                .split(';')
                .map(|a| a.trim().to_string())
                .filter(|a| !a.is_empty())
                .collect();
        }
        "source" | "url" => m.source_url = Some(value.to_string()),
        other => {
            return Err(format!(
                "unknown field {other:?} (known: title, date, publisher, creator, source)"
            ))
        }
    }
    Ok(())
}

/// A sidecar file (`report.pdf.meta.json` beside `report.pdf`): a JSON
/// object with any of `title`, `date`, `publisher`, `creator` (a string, or
/// a list of them; `author` also works) and `source` (the document's URL).
pub fn parse_sidecar(bytes: &[u8]) -> Result<DocumentMeta, ReadError> {
    let v: serde_json::Value =
        serde_json::from_slice(bytes).map_err(|e| ReadError::Meta(format!("not JSON: {e}")))?;
    let obj = v
        .as_object()
        .ok_or_else(|| ReadError::Meta("not a JSON object".into()))?;
    let mut m = DocumentMeta::default();
    for (k, v) in obj {
        let value = match v {
            serde_json::Value::String(s) => s.clone(),
            serde_json::Value::Array(items) => items
                .iter()
                .filter_map(|i| i.as_str())
                .collect::<Vec<_>>()
                .join(";"),
            serde_json::Value::Null => continue,
            other => other.to_string(),
        };
        set_field(&mut m, k, &value, "sidecar").map_err(ReadError::Meta)?;
    }
    Ok(m)
}

/// A `--meta` table: a CSV file with a header row, one row per document.
/// The `file` column (or `path`, `id`) names the document: its path
/// relative to the table's folder, its file name, or its id (the name
/// without extension). The other columns, all optional: `title`, `date`,
/// `publisher`, `creator` (several separated by `;`; `author` also works)
/// and `source` (or `url`).
#[derive(Debug, Clone, Default)]
pub struct MetaTable {
    rows: Vec<(String, DocumentMeta)>,
}

impl MetaTable {
    pub fn from_reader(r: impl std::io::Read) -> Result<Self, ReadError> {
        let mut csv = csv::ReaderBuilder::new().flexible(false).from_reader(r);
        let headers = csv
            .headers()
            .map_err(|e| ReadError::Meta(e.to_string()))?
            .clone();
        let key_col = headers
            .iter()
            .position(|h| matches!(h.trim().to_ascii_lowercase().as_str(), "file" | "path" | "id"))
            .ok_or_else(|| {
                ReadError::Meta(
                    "no `file` column (the header row needs file, then any of title, date, publisher, creator, source)".into(),
                )
            })?;
        let mut rows = Vec::new();
        for (n, record) in csv.records().enumerate() {
            let record = record.map_err(|e| ReadError::Meta(e.to_string()))?;
            let mut m = DocumentMeta::default();
            for (i, value) in record.iter().enumerate() {
                if i != key_col {
                    set_field(&mut m, &headers[i], value, "meta-csv")
                        .map_err(|e| ReadError::Meta(format!("row {}: {e}", n + 2)))?;
                }
            }
            let key = record.get(key_col).unwrap_or_default().trim().to_string();
            if !key.is_empty() {
                rows.push((key.replace('\\', "/"), m));
            }
        }
        Ok(Self { rows })
    }

    /// The row the first of `keys` that has one names, with its index.
    pub fn lookup(&self, keys: &[String]) -> Option<(usize, &DocumentMeta)> {
        keys.iter().find_map(|k| {
            let k = k.replace('\\', "/");
            let k = k.strip_prefix("./").unwrap_or(&k);
            self.rows
                .iter()
                .position(|(key, _)| key.strip_prefix("./").unwrap_or(key) == k)
                .map(|i| (i, &self.rows[i].1))
        })
    }

    /// The key of row `i`.
    pub fn key(&self, i: usize) -> &str {
        &self.rows[i].0
    }

    pub fn len(&self) -> usize {
        self.rows.len()
    }

    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(input: &str, expected: Option<&str>) {
        assert_eq!(parse_date(input).as_deref(), expected, "{input}");
    }

    #[test]
    fn dates() {
        check("2024-06-18", Some("2024-06-18"));
        check("2024-6-8", Some("2024-06-08"));
        check("2024/06/18", Some("2024-06-18"));
        check("20240618", Some("2024-06-18"));
        check("2024-06-18T09:30:00Z", Some("2024-06-18T09:30:00Z"));
        check("2024-06-18T09:30", Some("2024-06-18T09:30:00"));
        check(
            "2024-06-18T09:30:00.250-0400",
            Some("2024-06-18T09:30:00.250-04:00"),
        );
        check("D:20240618093000+02'00'", Some("2024-06-18T09:30:00+02:00"));
        check("D:20240618093000Z", Some("2024-06-18T09:30:00Z"));
        check("D:20240618", Some("2024-06-18"));
        check(
            "Tue, 18 Jun 2024 09:30:00 GMT",
            Some("2024-06-18T09:30:00Z"),
        );
        check("18 June 2024", Some("2024-06-18"));
        check("June 18, 2024", Some("2024-06-18"));
        check("Sept. 3, 2024", Some("2024-09-03"));
        check("Tuesday, June 18th, 2024", Some("2024-06-18"));
        check("2024-02-30", None);
        check("2023-02-29", None);
        check("2024-02-29", Some("2024-02-29"));
        check("Junk 18, 2024", None);
        check("last week", None);
    }

    #[test]
    fn sidecars() {
        let m = parse_sidecar(br#"{"title": "T", "date": "March 5, 2024", "creator": ["A", "B"], "source": "https://example.org/x"}"#).unwrap();
        assert_eq!(m.title.as_deref(), Some("T"));
        assert_eq!(m.date.as_deref(), Some("2024-03-05"));
        assert_eq!(m.date_source.as_deref(), Some("sidecar"));
        assert_eq!(m.creators, ["A", "B"]);
        assert!(parse_sidecar(br#"{"titel": "T"}"#).is_err());
        assert!(parse_sidecar(br#"{"date": "soon"}"#).is_err());
    }

    #[test]
    fn tables() {
        let t = MetaTable::from_reader(
            "file,title,date,publisher,creator\nsub/a.pdf,Report A,2023-01-02,Agency,X; Y\nb,,,,\n"
                .as_bytes(),
        )
        .unwrap();
        let (i, m) = t.lookup(&["nope".into(), "./sub/a.pdf".into()]).unwrap();
        assert_eq!(i, 0);
        assert_eq!(m.creators, ["X", "Y"]);
        assert_eq!(m.date_source.as_deref(), Some("meta-csv"));
        assert_eq!(t.lookup(&["b".into()]).unwrap().1, &DocumentMeta::default());
        assert!(MetaTable::from_reader("title\nx\n".as_bytes()).is_err());
        assert!(MetaTable::from_reader("file,date\na,someday\n".as_bytes()).is_err());
    }
}
