//! Plain data types: what extraction produces and the store consumes.

use serde::{Deserialize, Serialize};
use std::fmt;

macro_rules! named_enum {
    ($(#[$meta:meta])* $name:ident { $($variant:ident => $local:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        pub enum $name { $($variant),+ }

        impl $name {
            /// Every value, in declaration order.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The local name in the `fkg:` namespace.
            pub fn local_name(self) -> &'static str {
                match self { $($name::$variant => $local),+ }
            }

            /// The full IRI in the `fkg:` namespace.
            pub fn iri(self) -> String {
                format!("{}{}", crate::vocab::FKG, self.local_name())
            }

            /// Parses a local name (case-insensitive).
            pub fn from_local_name(name: &str) -> Option<Self> {
                Self::ALL.iter().copied().find(|v| v.local_name().eq_ignore_ascii_case(name))
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.local_name())
            }
        }
    };
}

named_enum! {
    /// The entity classes of the contract.
    EntityClass {
        Country => "Country",
        State => "State",
        City => "City",
        PortOfEntry => "PortOfEntry",
        Cartel => "Cartel",
        CriminalOrganization => "CriminalOrganization",
        GovernmentAgency => "GovernmentAgency",
        Company => "Company",
        Person => "Person",
        Office => "Office",
        Drug => "Drug",
        PrecursorChemical => "PrecursorChemical",
        Event => "Event",
        Document => "Document",
    }
}

named_enum! {
    /// The relation properties of the contract.
    Property {
        Supplies => "supplies",
        SuppliesTo => "suppliesTo",
        Produces => "produces",
        ProducedIn => "producedIn",
        Traffics => "traffics",
        TrafficsTo => "trafficsTo",
        EntersVia => "entersVia",
        LaundersMoneyFor => "laundersMoneyFor",
        OperatesIn => "operatesIn",
        HasOffice => "hasOffice",
        ClosesOffice => "closesOffice",
        LocatedIn => "locatedIn",
        Sanctions => "sanctions",
        Charges => "charges",
        Arrests => "arrests",
        ExtraditesTo => "extraditesTo",
        Seizes => "seizes",
        CooperatesWith => "cooperatesWith",
        SuspendsCooperationWith => "suspendsCooperationWith",
        Leads => "leads",
        MemberOf => "memberOf",
    }
}

impl EntityClass {
    /// Places: what `locatedIn`, `operatesIn` and `trafficsTo` point at.
    pub fn is_place(self) -> bool {
        matches!(
            self,
            Self::Country | Self::State | Self::City | Self::PortOfEntry
        )
    }

    /// Substances: drugs and precursor chemicals.
    pub fn is_substance(self) -> bool {
        matches!(self, Self::Drug | Self::PrecursorChemical)
    }

    /// Organisations of any kind.
    pub fn is_organization(self) -> bool {
        matches!(
            self,
            Self::Cartel | Self::CriminalOrganization | Self::GovernmentAgency | Self::Company
        )
    }

    /// Anything that can act: organisations, people and countries.
    pub fn is_actor(self) -> bool {
        self.is_organization() || matches!(self, Self::Person | Self::Country)
    }
}

impl Property {
    /// True for properties whose direction carries no meaning.
    pub fn is_symmetric(self) -> bool {
        matches!(self, Self::CooperatesWith)
    }
}

/// A real-world thing, with its canonical label and every surface form met.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Entity {
    /// Local name under `fkr:`, stable across builds.
    pub id: String,
    pub label: String,
    pub class: EntityClass,
    /// Other surface forms, sorted and without the label.
    pub aliases: Vec<String>,
    /// `owl:sameAs` links (Wikidata) where known.
    pub same_as: Vec<String>,
}

/// A number stated with a relation ("19 of 32 states").
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Quantity {
    pub value: f64,
    pub unit: String,
    pub out_of: Option<f64>,
}

/// Whether a statement is asserted, denied or only hedged.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Polarity {
    Positive,
    Negative,
    Hedged,
}

/// Where a statement was read: the sentence, its offsets and who said it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Evidence {
    pub sentence: String,
    /// Offsets of `sentence` in the document text, in Unicode scalar values.
    pub char_start: usize,
    pub char_end: usize,
    /// Entity id of the person whose words these are.
    pub speaker: Option<String>,
    /// Id of the rule that found the statement.
    pub rule: String,
    pub confidence: f64,
}

/// Where a date came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum DateSource {
    /// A date expression in the statement's own sentence.
    Sentence,
    /// The statement's document's date.
    Document,
    /// A document's dateline or opening line.
    Dateline,
    /// A document's metadata (file metadata, sidecar, `--meta`).
    Metadata,
}

impl DateSource {
    /// The literal of `fkg:dateSource`.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Sentence => "sentence",
            Self::Document => "document",
            Self::Dateline => "dateline",
            Self::Metadata => "metadata",
        }
    }
}

/// When a statement holds: a day (start = end), a period, or a period
/// open on one side; both ends `YYYY-MM-DD` and included. A relative
/// expression with no document date to resolve it has neither end and
/// keeps its raw words.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StatementDate {
    pub start: Option<String>,
    pub end: Option<String>,
    /// The words of the sentence that date it ("last week"), when it is
    /// dated by its sentence.
    pub expression: Option<String>,
    pub source: DateSource,
}

/// A `--since`/`--until` bound written `YYYY`, `YYYY-MM` or `YYYY-MM-DD`,
/// as the first day it names (`last` false: a since) or the last (`last`
/// true: an until), `YYYY-MM-DD`; `None` when it is no such date.
pub fn date_bound(s: &str, last: bool) -> Option<String> {
    let parts: Vec<&str> = s.trim().split('-').collect();
    let num = |p: &str, len: usize| {
        (p.len() == len && p.bytes().all(|b| b.is_ascii_digit()))
            .then(|| p.parse::<u32>().ok())
            .flatten()
    };
    let year = num(parts.first()?, 4)?;
    let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
    let days = |m: u32| match m {
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => 31,
    };
    let month = match parts.len() {
        1 if last => 12,
        1 => 1,
        2 | 3 => num(parts[1], 2).filter(|m| (1..=12).contains(m))?,
        _ => return None,
    };
    let day = match parts.len() {
        3 => num(parts[2], 2).filter(|d| *d >= 1 && *d <= days(month))?,
        _ if last => days(month),
        _ => 1,
    };
    Some(format!("{year:04}-{month:02}-{day:02}"))
}

/// A document's own date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DocumentDate {
    /// `YYYY-MM-DD`.
    pub date: String,
    pub source: DateSource,
    /// The words it was read from (a dateline), if any.
    pub expression: Option<String>,
}

/// One relation read from one sentence.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Assertion {
    pub subject: String,
    pub property: Property,
    pub object: String,
    pub polarity: Polarity,
    pub quantity: Option<Quantity>,
    /// Further figures stated with the relation, in other units
    /// ("93 offices in 69 countries" adds 69 countries to 93 offices).
    pub more_quantities: Vec<Quantity>,
    pub evidence: Evidence,
    /// When it holds: its sentence's date expression, else its document's
    /// date; `None` when neither exists.
    #[serde(default)]
    pub date: Option<StatementDate>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Severity {
    Info,
    Warning,
    Error,
}

/// Something worth telling the user about a document (never fatal).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Diagnostic {
    pub severity: Severity,
    pub message: String,
    /// Offset in Unicode scalar values, when the problem has a place.
    pub char_offset: Option<usize>,
}

/// Everything read from one document.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Extraction {
    /// Entities mentioned in the document, sorted by id.
    pub entities: Vec<Entity>,
    /// Assertions in document order.
    pub assertions: Vec<Assertion>,
    pub diagnostics: Vec<Diagnostic>,
    /// A title, when the document has a recognisable one.
    pub title: Option<String>,
    /// The document's date: given from outside (metadata), else read from
    /// its dateline.
    #[serde(default)]
    pub date: Option<DocumentDate>,
}

/// One statement supporting a relation between two entities.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Support {
    pub document: String,
    pub evidence: String,
    pub speaker: Option<String>,
    pub confidence: f64,
    /// The document as a reader knows it ("Title — Publisher, date"),
    /// when it has a title.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    /// The page the evidence starts on, in a paged document.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub page: Option<u32>,
    /// When the statement holds (`YYYY-MM-DD`, both ends included; an end
    /// is `None` when open or unknown).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date_start: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date_end: Option<String>,
    /// The sentence's words that date it, when it is the sentence.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date_expression: Option<String>,
}

impl Support {
    /// Whether the statement holds at some time in `[since, until]`
    /// (`YYYY-MM-DD`, either open): an undated statement never does when a
    /// bound is given, an open end reaches as far as it may.
    pub fn within(&self, since: Option<&str>, until: Option<&str>) -> bool {
        if since.is_none() && until.is_none() {
            return true;
        }
        if self.date_start.is_none() && self.date_end.is_none() {
            return false;
        }
        let ends_before = match (self.date_end.as_deref(), since) {
            (Some(e), Some(s)) => e < s,
            _ => false,
        };
        let starts_after = match (self.date_start.as_deref(), until) {
            (Some(b), Some(u)) => b > u,
            _ => false,
        };
        !ends_before && !starts_after
    }
}

/// One asserted relation between two entities, with its statements: what
/// the store hands to path finding and export.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EdgeRecord {
    pub subject: String,
    pub subject_label: String,
    pub subject_class: String,
    pub property: String,
    pub object: String,
    pub object_label: String,
    pub object_class: String,
    /// How many asserted statements back it.
    pub statements: usize,
    /// How many documents back it.
    pub documents: usize,
    /// The best confidence of its statements.
    pub confidence: f64,
    /// Its statements with their evidence: all of them, or none when only
    /// the counts were loaded (the path finder's edge index, whose hops
    /// fetch their evidence when a path is reported).
    pub support: Vec<Support>,
}

impl EdgeRecord {
    /// Its first and last dates: the earliest start and latest end of its
    /// loaded statements' dates.
    pub fn span(&self) -> (Option<&str>, Option<&str>) {
        let first = self
            .support
            .iter()
            .filter_map(|s| s.date_start.as_deref().or(s.date_end.as_deref()))
            .min();
        let last = self
            .support
            .iter()
            .filter_map(|s| s.date_end.as_deref().or(s.date_start.as_deref()))
            .max();
        (first, last)
    }

    /// Keeps the statements that hold within `[since, until]` and counts
    /// them again; false when none is left.
    pub fn keep_within(&mut self, since: Option<&str>, until: Option<&str>) -> bool {
        if since.is_none() && until.is_none() {
            return true;
        }
        self.support.retain(|s| s.within(since, until));
        self.count_support();
        !self.support.is_empty()
    }

    /// The documents its loaded statements come from, once each.
    pub fn document_ids(&self) -> std::collections::BTreeSet<&str> {
        documents_of(&self.support)
    }

    /// Sets the counts from the loaded statements.
    pub fn count_support(&mut self) {
        self.statements = self.support.len();
        self.documents = documents_of(&self.support).len();
        self.confidence = self
            .support
            .iter()
            .map(|s| s.confidence)
            .fold(0.0, f64::max);
    }
}

/// The documents a set of statements come from, once each: how many
/// independent sources back a relation.
pub fn documents_of(support: &[Support]) -> std::collections::BTreeSet<&str> {
    support.iter().map(|s| s.document.as_str()).collect()
}

/// What a document says about itself: its title, date, publisher, authors
/// and address, read from the file's own metadata (HTML `<meta>`, a PDF's
/// Info dictionary, a DOCX's core properties, Markdown front matter), a
/// sidecar file or a `--meta` table. Stored in the document's own graph
/// with the document as subject (`dcterms:title`, `dcterms:date`,
/// `dcterms:publisher`, `dcterms:creator`, `dcterms:source`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DocumentMeta {
    pub title: Option<String>,
    /// The lexical form of an `xsd:date` ("2024-06-18") or, when a time is
    /// known, of an `xsd:dateTime` ("2024-06-18T14:05:00Z").
    pub date: Option<String>,
    /// Where `date` came from (`fkg:dateSource`): "html-meta", "pdf-info",
    /// "docx-core", "front-matter", "sidecar" or "meta-csv".
    pub date_source: Option<String>,
    pub publisher: Option<String>,
    pub creators: Vec<String>,
    /// The address the document was published at (`dcterms:source`).
    pub source_url: Option<String>,
}

impl DocumentMeta {
    /// Whether `date` is an `xsd:dateTime` rather than an `xsd:date`.
    pub fn date_has_time(&self) -> bool {
        self.date.as_deref().is_some_and(|d| d.contains('T'))
    }

    /// Takes every field `over` has, keeping the others (a sidecar or a
    /// `--meta` row over the file's own metadata).
    pub fn overlay(&mut self, over: &DocumentMeta) {
        if over.title.is_some() {
            self.title.clone_from(&over.title);
        }
        if over.date.is_some() {
            self.date.clone_from(&over.date);
            self.date_source.clone_from(&over.date_source);
        }
        if over.publisher.is_some() {
            self.publisher.clone_from(&over.publisher);
        }
        if !over.creators.is_empty() {
            self.creators.clone_from(&over.creators);
        }
        if over.source_url.is_some() {
            self.source_url.clone_from(&over.source_url);
        }
    }

    /// "Title — Publisher, 2024-06-18": how a document is named to a reader
    /// (`None` without a title).
    pub fn citation(&self) -> Option<String> {
        let title = self.title.as_deref()?;
        let mut s = title.to_string();
        let day = self
            .date
            .as_deref()
            .map(|d| d.split('T').next().unwrap_or(d));
        match (self.publisher.as_deref(), day) {
            (Some(p), Some(d)) => s.push_str(&format!(" — {p}, {d}")),
            (Some(p), None) => s.push_str(&format!(" — {p}")),
            (None, Some(d)) => s.push_str(&format!(" — {d}")),
            (None, None) => {}
        }
        Some(s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(
        since: Option<&str>,
        until: Option<&str>,
        start: Option<&str>,
        end: Option<&str>,
    ) -> bool {
        Support {
            date_start: start.map(String::from),
            date_end: end.map(String::from),
            ..Default::default()
        }
        .within(since, until)
    }

    #[test]
    fn bounds_and_windows() {
        assert_eq!(date_bound("2023", false).as_deref(), Some("2023-01-01"));
        assert_eq!(date_bound("2023", true).as_deref(), Some("2023-12-31"));
        assert_eq!(date_bound("2024-02", true).as_deref(), Some("2024-02-29"));
        assert_eq!(
            date_bound("2023-04-14", true).as_deref(),
            Some("2023-04-14")
        );
        assert_eq!(date_bound("2023-02-30", false), None);
        assert_eq!(date_bound("April", false), None);
        let (s, u) = (Some("2023-01-01"), Some("2023-12-31"));
        assert!(check(s, u, Some("2022-06-01"), Some("2023-01-01")));
        assert!(!check(s, u, Some("2022-06-01"), Some("2022-12-31")));
        assert!(
            check(s, u, Some("2019-01-01"), None),
            "an open end reaches on"
        );
        assert!(!check(s, u, Some("2024-01-01"), None));
        assert!(
            !check(s, u, None, None),
            "undated statements are outside any window"
        );
        assert!(check(None, None, None, None));
    }
}
