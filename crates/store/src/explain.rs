//! An analyst's view of one entity: names, types, links and every statement
//! about it with its evidence, read back from the store.

use crate::{Store, StoreError};
use oxigraph::model::Term;
use oxigraph::sparql::QueryResults;
use serde::Serialize;

/// One statement about the entity.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Fact {
    pub statement: String,
    pub subject: String,
    pub subject_label: String,
    pub property: String,
    pub object: String,
    pub object_label: String,
    pub document: String,
    /// The document's title, date and publisher (`None` when it has none);
    /// the date is its `dcterms:date` (`xsd:date` or `xsd:dateTime`), from
    /// its metadata, else its dateline.
    pub document_title: Option<String>,
    pub document_date: Option<String>,
    pub document_publisher: Option<String>,
    /// "Title — Publisher, date", or the document's id.
    pub document_citation: String,
    /// The page the evidence starts on, in a paged document.
    pub page: Option<i64>,
    pub evidence: String,
    pub char_start: Option<i64>,
    pub char_end: Option<i64>,
    pub speaker: Option<String>,
    pub rule: Option<String>,
    pub confidence: Option<f64>,
    pub quantity: Option<f64>,
    pub unit: Option<String>,
    pub out_of: Option<f64>,
    /// "positive", "negative" or "hedged".
    pub polarity: String,
    /// Another statement gives a different figure for the same relation
    /// and unit, and time does not explain it: that figure is undated, or
    /// holds at a time this one holds too.
    pub conflicting: bool,
    /// When the statement holds (`fkg:periodStart`, `fkg:periodEnd`:
    /// `YYYY-MM-DD`, both included; `None` when open or undated).
    pub date_start: Option<String>,
    pub date_end: Option<String>,
    /// The sentence's words that date it ("last week").
    pub date_expression: Option<String>,
    /// "sentence" or "document": where its date came from.
    pub date_source: Option<String>,
    /// Another statement gives a different figure for the same relation
    /// and unit at another time (both dated, their periods apart): the
    /// figure changed over time ("330 offices" in March 2022, "93 offices"
    /// in January 2024).
    pub changed_over_time: bool,
}

impl Fact {
    /// Whether it holds at some time in `[since, until]` (`YYYY-MM-DD`,
    /// either open); an undated fact never does when a bound is given.
    pub fn within(&self, since: Option<&str>, until: Option<&str>) -> bool {
        fkg_model::Support {
            date_start: self.date_start.clone(),
            date_end: self.date_end.clone(),
            ..Default::default()
        }
        .within(since, until)
    }
}

/// Everything the store knows about one entity.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct EntityReport {
    pub iri: String,
    pub label: String,
    pub types: Vec<String>,
    pub aliases: Vec<String>,
    pub same_as: Vec<String>,
    pub documents: Vec<String>,
    /// The metadata of `documents`, in the same order.
    pub document_info: Vec<crate::DocumentInfo>,
    pub facts: Vec<Fact>,
}

impl EntityReport {
    /// Keeps the facts that hold within `[since, until]` (`YYYY-MM-DD`,
    /// either open) and flags the conflicts among them again.
    pub fn keep_within(&mut self, since: Option<&str>, until: Option<&str>) {
        if since.is_none() && until.is_none() {
            return;
        }
        self.facts.retain(|f| f.within(since, until));
        flag_conflicts(&mut self.facts);
    }
}

fn value(t: Option<&Term>) -> Option<String> {
    match t? {
        Term::NamedNode(n) => Some(n.as_str().to_string()),
        Term::Literal(l) => Some(l.value().to_string()),
        Term::BlankNode(b) => Some(format!("_:{}", b.as_str())),
        #[allow(unreachable_patterns)]
        _ => None,
    }
}

fn local(iri: &str) -> String {
    iri.rsplit(['#', '/']).next().unwrap_or(iri).to_string()
}

fn select(store: &Store, q: &str) -> Result<Vec<oxigraph::sparql::QuerySolution>, StoreError> {
    match store.query(q)? {
        QueryResults::Solutions(rows) => rows
            .map(|r| r.map_err(|e| StoreError::Evaluation(e.to_string())))
            .collect(),
        _ => Ok(Vec::new()),
    }
}

/// `iri` written for a query, or `None` when it is not an IRI. Oxigraph
/// checks it, so what reaches the query text is one IRI token and nothing
/// else: no `>`, quote, space or control character can end it early.
fn iri_token(iri: &str) -> Option<String> {
    oxigraph::model::NamedNode::new(iri)
        .ok()
        .map(|n| n.to_string())
}

/// The report for entity `iri` (without types or facts when `iri` is not
/// an IRI or names nothing stored).
pub fn entity(store: &Store, iri: &str) -> Result<EntityReport, StoreError> {
    let Some(iri_ref) = iri_token(iri) else {
        return Ok(EntityReport {
            iri: iri.to_string(),
            label: local(iri),
            types: Vec::new(),
            aliases: Vec::new(),
            same_as: Vec::new(),
            documents: Vec::new(),
            document_info: Vec::new(),
            facts: Vec::new(),
        });
    };
    let names = select(
        store,
        &format!(
            "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
             PREFIX owl: <http://www.w3.org/2002/07/owl#> PREFIX fkg: <{fkg}>
             SELECT ?p ?o WHERE {{ {{ {iri_ref} rdfs:label ?o BIND(\"label\" AS ?p) }}
               UNION {{ {iri_ref} skos:altLabel ?o BIND(\"alias\" AS ?p) }}
               UNION {{ {iri_ref} a ?o BIND(\"type\" AS ?p) }}
               UNION {{ {iri_ref} owl:sameAs ?o BIND(\"sameAs\" AS ?p) }}
               UNION {{ {iri_ref} fkg:mentionedIn ?o BIND(\"doc\" AS ?p) }} }}",
            fkg = fkg_model::vocab::FKG
        ),
    )?;
    let mut report = EntityReport {
        iri: iri.to_string(),
        label: local(iri),
        types: Vec::new(),
        aliases: Vec::new(),
        same_as: Vec::new(),
        documents: Vec::new(),
        document_info: Vec::new(),
        facts: Vec::new(),
    };
    for row in &names {
        let (Some(p), Some(o)) = (value(row.get("p")), value(row.get("o"))) else {
            continue;
        };
        match p.as_str() {
            "label" => report.label = o,
            "alias" => report.aliases.push(o),
            "type" => report.types.push(local(&o)),
            "sameAs" => report.same_as.push(o),
            _ => report.documents.push(local(&o)),
        }
    }
    for v in [
        &mut report.types,
        &mut report.aliases,
        &mut report.same_as,
        &mut report.documents,
    ] {
        v.sort();
        v.dedup();
    }
    let aliases = report.aliases.clone();
    report.aliases.retain(|a| a != &report.label);
    let _ = aliases;
    let infos = store.document_infos()?;
    report.document_info = report
        .documents
        .iter()
        .map(|d| {
            infos
                .get(d)
                .cloned()
                .unwrap_or_else(|| crate::DocumentInfo {
                    id: d.clone(),
                    citation: d.clone(),
                    ..Default::default()
                })
        })
        .collect();
    report.facts = facts(
        store,
        "?g",
        &format!("FILTER(?s = {iri_ref} || ?o = {iri_ref})"),
    )?;
    flag_conflicts(&mut report.facts);
    Ok(report)
}

/// The statements in `graph` (a variable or an IRI) that pass `filter`,
/// with their evidence, ordered by property, document and offset.
fn facts(store: &Store, graph: &str, filter: &str) -> Result<Vec<Fact>, StoreError> {
    let mut out = Vec::new();
    let infos = store.document_infos()?;
    let rows = select(
        store,
        &format!(
            "PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
             PREFIX prov: <http://www.w3.org/ns/prov#> PREFIX fkg: <{fkg}>
             SELECT ?st ?s ?p ?o ?doc ?ev ?cs ?ce ?sp ?rule ?conf ?fig ?q ?unit ?of ?pol ?hedged ?page
                    ?ds ?de ?dx ?dsrc
                    (SAMPLE(?sl0) AS ?sl) (SAMPLE(?ol0) AS ?ol) (SAMPLE(?spl0) AS ?spl) WHERE {{
               GRAPH {graph} {{
                 ?st a rdf:Statement ; rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o ;
                     prov:wasDerivedFrom ?doc ; fkg:evidence ?ev .
                 {filter}
                 OPTIONAL {{ ?st fkg:charStart ?cs }} OPTIONAL {{ ?st fkg:charEnd ?ce }}
                 OPTIONAL {{ ?st fkg:statedBy ?sp }} OPTIONAL {{ ?st fkg:extractedBy ?rule }}
                 OPTIONAL {{ ?st fkg:confidence ?conf }}
                 OPTIONAL {{ ?st fkg:figure ?fig . ?fig fkg:quantity ?q
                   OPTIONAL {{ ?fig fkg:unit ?unit }} OPTIONAL {{ ?fig fkg:outOf ?of }} }}
                 OPTIONAL {{ ?st fkg:polarity ?pol }} OPTIONAL {{ ?st fkg:hedged ?hedged }}
                 OPTIONAL {{ ?st fkg:page ?page }}
                 OPTIONAL {{ ?st fkg:periodStart ?ds }} OPTIONAL {{ ?st fkg:periodEnd ?de }}
                 OPTIONAL {{ ?st fkg:dateExpression ?dx }} OPTIONAL {{ ?st fkg:dateSource ?dsrc }}
               }}
               OPTIONAL {{ ?s rdfs:label ?sl0 }} OPTIONAL {{ ?o rdfs:label ?ol0 }}
               OPTIONAL {{ ?st fkg:statedBy ?sp1 . ?sp1 rdfs:label ?spl0 }}
             }} GROUP BY ?st ?s ?p ?o ?doc ?ev ?cs ?ce ?sp ?rule ?conf ?fig ?q ?unit ?of ?pol ?hedged ?page
                        ?ds ?de ?dx ?dsrc
             ORDER BY ?p ?doc ?cs ?st ?fig",
            fkg = fkg_model::vocab::FKG
        ),
    )?;
    for row in rows {
        let get = |v: &str| value(row.get(v));
        let num = |v: &str| get(v).and_then(|s| s.parse::<f64>().ok());
        let (Some(st), Some(s), Some(p), Some(o), Some(doc), Some(ev)) = (
            get("st"),
            get("s"),
            get("p"),
            get("o"),
            get("doc"),
            get("ev"),
        ) else {
            continue;
        };
        let polarity = if get("pol").as_deref() == Some("negative") {
            "negative"
        } else if get("hedged").as_deref() == Some("true") {
            "hedged"
        } else {
            "positive"
        };
        let document = local(&doc);
        let info = infos.get(&document);
        out.push(Fact {
            statement: st,
            subject_label: get("sl").unwrap_or_else(|| local(&s)),
            subject: s,
            property: local(&p),
            object_label: get("ol").unwrap_or_else(|| local(&o)),
            object: o,
            document_title: info.and_then(|i| i.title.clone()),
            document_date: info.and_then(|i| i.date.clone()),
            document_publisher: info.and_then(|i| i.publisher.clone()),
            document_citation: info.map_or_else(|| document.clone(), |i| i.citation.clone()),
            page: num("page").map(|v| v as i64),
            document,
            evidence: ev,
            char_start: num("cs").map(|v| v as i64),
            char_end: num("ce").map(|v| v as i64),
            speaker: get("spl").or_else(|| get("sp")),
            rule: get("rule"),
            confidence: num("conf"),
            quantity: num("q"),
            unit: get("unit"),
            out_of: num("of"),
            polarity: polarity.to_string(),
            conflicting: false,
            date_start: get("ds"),
            date_end: get("de"),
            date_expression: get("dx"),
            date_source: get("dsrc"),
            changed_over_time: false,
        });
    }
    Ok(out)
}

/// Marks the facts whose figure disagrees with another positive fact of the
/// same subject, property, object and unit ("93 offices" against "90
/// offices"): the figures an analyst must check.
pub fn flag_conflicts(facts: &mut [Fact]) {
    use std::collections::BTreeMap;
    type Key = (String, String, String, String);
    let key = |f: &Fact| -> Key {
        (
            f.subject.clone(),
            f.property.clone(),
            f.object.clone(),
            f.unit.clone().unwrap_or_default(),
        )
    };
    // Figures per relation and unit, with the statement giving each: two
    // figures of one statement ("between 100 and 200 kilograms") do not
    // conflict with each other.
    type Dated = (String, u64, Option<String>, Option<String>);
    let mut figures: BTreeMap<Key, Vec<Dated>> = BTreeMap::new();
    for f in facts.iter().filter(|f| f.polarity == "positive") {
        if let Some(q) = f.quantity {
            figures.entry(key(f)).or_default().push((
                f.statement.clone(),
                q.to_bits(),
                f.date_start.clone(),
                f.date_end.clone(),
            ));
        }
    }
    for f in facts.iter_mut() {
        let (Some(q), true) = (f.quantity, f.polarity == "positive") else {
            continue;
        };
        let others: Vec<&Dated> = figures
            .get(&key(f))
            .map(|v| {
                v.iter()
                    .filter(|(st, other, _, _)| *st != f.statement && *other != q.to_bits())
                    .collect()
            })
            .unwrap_or_default();
        // Periods that do not meet: one ends before the other starts.
        let apart = |a: (&Option<String>, &Option<String>),
                     b: (&Option<String>, &Option<String>)| {
            let dated = |p: (&Option<String>, &Option<String>)| p.0.is_some() || p.1.is_some();
            dated(a)
                && dated(b)
                && (matches!((a.1, b.0), (Some(e), Some(s)) if e < s)
                    || matches!((b.1, a.0), (Some(e), Some(s)) if e < s))
        };
        let (later, same_time): (Vec<&Dated>, Vec<&Dated>) = others
            .iter()
            .partition(|(_, _, s, e)| apart((&f.date_start, &f.date_end), (s, e)));
        f.conflicting = !same_time.is_empty();
        f.changed_over_time = !later.is_empty();
    }
}

/// One stored document with its text and every statement drawn from it.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct DocumentReport {
    pub id: String,
    pub iri: String,
    pub title: Option<String>,
    /// Its metadata (date, publisher, creators, address, pages) and citation.
    pub info: crate::DocumentInfo,
    pub source: Option<String>,
    pub length: Option<i64>,
    /// The text the offsets index (absent in stores built before texts were kept).
    pub text: Option<String>,
    /// Ordered by where their evidence starts.
    pub facts: Vec<Fact>,
}

/// The document `id` (its local name under `fkd:`), or `None` when the store
/// has no such document.
pub fn document(store: &Store, id: &str) -> Result<Option<DocumentReport>, StoreError> {
    let iri = fkg_model::doc_iri(id);
    let Some(iri_ref) = iri_token(&iri) else {
        return Ok(None);
    };
    let meta = select(
        store,
        &format!(
            "PREFIX dcterms: <http://purl.org/dc/terms/> PREFIX fkg: <{fkg}>
             SELECT ?title ?source ?length ?text WHERE {{ GRAPH {iri_ref} {{ {iri_ref} a fkg:Document .
               OPTIONAL {{ {iri_ref} dcterms:title ?title }} OPTIONAL {{ {iri_ref} fkg:sourceFile ?source }}
               OPTIONAL {{ {iri_ref} fkg:length ?length }} OPTIONAL {{ {iri_ref} fkg:text ?text }} }} }} LIMIT 1",
            fkg = fkg_model::vocab::FKG
        ),
    )?;
    let Some(row) = meta.first() else {
        return Ok(None);
    };
    let mut facts = facts(store, &iri_ref, "")?;
    facts.sort_by_key(|f| (f.char_start, f.char_end));
    flag_conflicts(&mut facts);
    let info = store.document_infos()?.remove(id).unwrap_or_default();
    Ok(Some(DocumentReport {
        info,
        id: id.to_string(),
        title: value(row.get("title")),
        source: value(row.get("source")),
        length: value(row.get("length")).and_then(|l| l.parse().ok()),
        text: value(row.get("text")),
        iri,
        facts,
    }))
}

/// An entity found by name.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Match {
    pub iri: String,
    pub label: String,
    pub types: Vec<String>,
    /// The name that matched (the label or an alias).
    pub matched: String,
    /// The normalised name equals the query (not just contains it).
    pub exact: bool,
}

/// Lower case, accents and punctuation kept as letters, a leading "the"
/// dropped, spaces collapsed: how names are compared.
pub fn normalise(s: &str) -> String {
    let s = s.trim().to_lowercase();
    let s = s.strip_prefix("the ").unwrap_or(&s);
    s.chars()
        .map(|c| if c.is_alphanumeric() { c } else { ' ' })
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

fn sparql_string(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Entities whose label or alias contains `name` (case-insensitive): exact
/// label matches first, then exact alias matches, then the rest.
pub fn search(store: &Store, name: &str, limit: usize) -> Result<Vec<Match>, StoreError> {
    let needle = name.trim();
    let needle = needle
        .strip_prefix("the ")
        .or_else(|| needle.strip_prefix("The "))
        .unwrap_or(needle);
    let rows = select(
        store,
        &format!(
            "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
             SELECT ?e (SAMPLE(?l) AS ?label) ?name (GROUP_CONCAT(DISTINCT STR(?t); separator=\" \") AS ?types) WHERE {{
               {{ ?e rdfs:label ?name }} UNION {{ ?e skos:altLabel ?name }}
               FILTER(CONTAINS(LCASE(STR(?name)), LCASE({})))
               ?e rdfs:label ?l . OPTIONAL {{ ?e a ?t }}
             }} GROUP BY ?e ?name LIMIT 2000",
            sparql_string(needle)
        ),
    )?;
    let want = normalise(name);
    let mut best: std::collections::BTreeMap<String, (u8, Match)> =
        std::collections::BTreeMap::new();
    for row in rows {
        let (Some(iri), Some(label), Some(matched)) = (
            value(row.get("e")),
            value(row.get("label")),
            value(row.get("name")),
        ) else {
            continue;
        };
        let rank = if normalise(&label) == want {
            0
        } else if normalise(&matched) == want {
            1
        } else {
            2
        };
        let types: Vec<String> = value(row.get("types"))
            .unwrap_or_default()
            .split_whitespace()
            .map(local)
            .collect();
        let m = Match {
            iri: iri.clone(),
            label,
            types,
            matched,
            exact: rank < 2,
        };
        match best.get(&iri) {
            Some((r, _)) if *r <= rank => {}
            _ => {
                best.insert(iri, (rank, m));
            }
        }
    }
    let mut out: Vec<(u8, Match)> = best.into_values().collect();
    out.sort_by(|a, b| {
        a.0.cmp(&b.0)
            .then(a.1.label.len().cmp(&b.1.label.len()))
            .then(a.1.label.cmp(&b.1.label))
    });
    Ok(out.into_iter().map(|(_, m)| m).take(limit).collect())
}

/// The entities `name` names exactly, by label or by another name, as
/// (IRI, label), label matches first; an IRI names itself. "Jalisco" names
/// the state (its label) and the cartel (one of its names): both are
/// returned, and the caller lists them as candidates instead of picking
/// one.
pub fn resolve(store: &Store, name: &str) -> Result<Vec<(String, String)>, StoreError> {
    if name.starts_with("http://") || name.starts_with("https://") {
        return Ok(vec![(name.to_string(), name.to_string())]);
    }
    let found = search(store, name, 50)?;
    // `search` ranks label matches before alias matches.
    Ok(found
        .into_iter()
        .filter(|m| m.exact)
        .map(|m| (m.iri, m.label))
        .collect())
}
