//! Extraction and reference data to quads, following the contract's
//! evidence model (`../shared/eval/CONTRACT.md`).

use crate::StoreError;
use fkg_model::{vocab, DateSource, DocumentMeta, Entity, Extraction, Polarity};
use oxigraph::io::{RdfFormat, RdfParser};
use oxigraph::model::{GraphName, Literal, NamedNode, NamedOrBlankNode, Quad, Term};

/// Metadata of one document.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct DocumentRecord {
    /// Local name under `fkd:`.
    pub id: String,
    /// The title the extractor found in the text, stored when `meta` has
    /// none.
    pub title: Option<String>,
    /// What the document says about itself (title, date, publisher,
    /// creators, address), from its file, a sidecar or a `--meta` table.
    pub meta: DocumentMeta,
    /// Hex SHA-256 of the metadata as read (`fkg:metaHash`): a build
    /// stores the document again when it changes.
    pub meta_hash: Option<String>,
    /// The document's media type (`dcterms:format`), e.g. "application/pdf".
    pub media_type: Option<String>,
    pub source_file: String,
    pub sha256: String,
    /// Length in Unicode scalar values.
    pub length: usize,
    /// xsd:dateTime of the ingest.
    pub ingested_at: String,
    /// The text as read (what the evidence offsets index), kept so that a
    /// document can be shown with its evidence highlighted.
    pub text: Option<String>,
    /// The labels of the people the document names, as its own extraction
    /// gave them before resolution across documents (`fkg:personName`).
    pub person_names: Vec<String>,
}

const SCHEMA_CONTAINED_IN_PLACE: &str = "https://schema.org/containedInPlace";

fn nn(iri: &str) -> NamedNode {
    NamedNode::new_unchecked(iri)
}

fn entity_quads(e: &Entity, graph: &GraphName, out: &mut Vec<Quad>) {
    let s = nn(&fkg_model::entity_iri(&e.id));
    let mut add = |p: &str, o: Term| out.push(Quad::new(s.clone(), nn(p), o, graph.clone()));
    add(vocab::RDF_TYPE, nn(&e.class.iri()).into());
    add(
        vocab::RDFS_LABEL,
        Literal::new_simple_literal(&e.label).into(),
    );
    for a in &e.aliases {
        add(vocab::SKOS_ALT_LABEL, Literal::new_simple_literal(a).into());
    }
    for q in &e.same_as {
        add(vocab::OWL_SAME_AS, nn(q).into());
    }
}

/// Every quad of one document's named graph.
pub fn document_quads(record: &DocumentRecord, x: &Extraction) -> Vec<Quad> {
    let doc_iri = fkg_model::doc_iri(&record.id);
    let doc = nn(&doc_iri);
    let graph = GraphName::NamedNode(doc.clone());
    let mut out = Vec::new();
    let mut meta = |p: &str, o: Term| out.push(Quad::new(doc.clone(), nn(p), o, graph.clone()));
    meta(vocab::RDF_TYPE, nn(vocab::FKG_DOCUMENT).into());
    let m = &record.meta;
    if let Some(t) = m.title.as_ref().or(record.title.as_ref()) {
        meta(vocab::DCTERMS_TITLE, Literal::new_simple_literal(t).into());
    }
    if let Some(d) = &m.date {
        let datatype = if m.date_has_time() {
            vocab::XSD_DATE_TIME
        } else {
            vocab::XSD_DATE
        };
        meta(
            vocab::DCTERMS_DATE,
            Literal::new_typed_literal(d, nn(datatype)).into(),
        );
        if let Some(src) = &m.date_source {
            meta(
                vocab::FKG_DATE_SOURCE,
                Literal::new_simple_literal(src).into(),
            );
        }
    }
    if let Some(p) = &m.publisher {
        meta(
            vocab::DCTERMS_PUBLISHER,
            Literal::new_simple_literal(p).into(),
        );
    }
    for c in &m.creators {
        meta(
            vocab::DCTERMS_CREATOR,
            Literal::new_simple_literal(c).into(),
        );
    }
    if let Some(u) = &m.source_url {
        // An address that is no IRI is kept as a typed literal.
        let o: Term = match NamedNode::new(u) {
            Ok(iri) => iri.into(),
            Err(_) => Literal::new_typed_literal(u, nn(vocab::XSD_ANY_URI)).into(),
        };
        meta(vocab::DCTERMS_SOURCE, o);
    }
    if let Some(h) = &record.meta_hash {
        meta(vocab::FKG_META_HASH, Literal::new_simple_literal(h).into());
    }
    if let Some(f) = &record.media_type {
        meta(vocab::DCTERMS_FORMAT, Literal::new_simple_literal(f).into());
    }
    // Pages: the text separates them with form feeds; each statement
    // gets the page its evidence starts on.
    let page_starts: Vec<usize> = record
        .text
        .as_deref()
        .map(|t| {
            t.chars()
                .enumerate()
                .filter(|&(_, c)| c == '\u{c}')
                .map(|(i, _)| i)
                .collect()
        })
        .unwrap_or_default();
    if !page_starts.is_empty() {
        meta(
            vocab::FKG_PAGES,
            Literal::new_typed_literal((page_starts.len() + 1).to_string(), nn(vocab::XSD_INTEGER))
                .into(),
        );
    }
    meta(
        vocab::FKG_SOURCE_FILE,
        Literal::new_simple_literal(&record.source_file).into(),
    );
    meta(
        vocab::FKG_SHA256,
        Literal::new_simple_literal(&record.sha256).into(),
    );
    meta(
        vocab::FKG_LENGTH,
        Literal::new_typed_literal(record.length.to_string(), nn(vocab::XSD_INTEGER)).into(),
    );
    if let Some(t) = &record.text {
        meta(vocab::FKG_TEXT, Literal::new_simple_literal(t).into());
        if let Some(sig) = crate::nearcopy::signature(t) {
            meta(
                vocab::FKG_MINHASH,
                Literal::new_simple_literal(crate::nearcopy::to_hex(&sig)).into(),
            );
        }
    }
    for n in &record.person_names {
        meta(
            vocab::FKG_PERSON_NAME,
            Literal::new_simple_literal(n).into(),
        );
    }
    // A date read from the document's own dateline, when its metadata has
    // none: a document has one `dcterms:date`, its metadata's if any (the
    // extractor was given it and dated the statements by it).
    if let Some(d) = x
        .date
        .as_ref()
        .filter(|d| d.source == DateSource::Dateline && m.date.is_none())
    {
        meta(vocab::DCTERMS_DATE, date(&d.date));
        meta(
            vocab::FKG_DATE_SOURCE,
            Literal::new_simple_literal(d.source.as_str()).into(),
        );
        if let Some(e) = &d.expression {
            meta(
                vocab::FKG_DATE_EXPRESSION,
                Literal::new_simple_literal(e).into(),
            );
        }
    }
    meta(
        vocab::DCTERMS_CREATED,
        Literal::new_typed_literal(&record.ingested_at, nn(vocab::XSD_DATE_TIME)).into(),
    );
    for e in &x.entities {
        entity_quads(e, &graph, &mut out);
        out.push(Quad::new(
            nn(&fkg_model::entity_iri(&e.id)),
            nn(vocab::FKG_MENTIONED_IN),
            doc.clone(),
            graph.clone(),
        ));
    }
    for (n, a) in x.assertions.iter().enumerate() {
        let s = nn(&fkg_model::entity_iri(&a.subject));
        let p = nn(&a.property.iri());
        let o = nn(&fkg_model::entity_iri(&a.object));
        if a.polarity == Polarity::Positive {
            out.push(Quad::new(s.clone(), p.clone(), o.clone(), graph.clone()));
        }
        let st = nn(&format!("{doc_iri}#statement-{}", n + 1));
        let mut add = |pred: &str, obj: Term| {
            out.push(Quad::new(
                NamedOrBlankNode::from(st.clone()),
                nn(pred),
                obj,
                graph.clone(),
            ))
        };
        add(vocab::RDF_TYPE, nn(vocab::RDF_STATEMENT).into());
        add(vocab::RDF_SUBJECT, s.into());
        add(vocab::RDF_PREDICATE, p.into());
        add(vocab::RDF_OBJECT, o.into());
        add(vocab::PROV_WAS_DERIVED_FROM, doc.clone().into());
        let ev = &a.evidence;
        add(
            vocab::FKG_EVIDENCE,
            Literal::new_simple_literal(&ev.sentence).into(),
        );
        add(
            vocab::FKG_CHAR_START,
            Literal::from(ev.char_start as i64).into(),
        );
        add(
            vocab::FKG_CHAR_END,
            Literal::from(ev.char_end as i64).into(),
        );
        if !page_starts.is_empty() {
            let page = 1 + page_starts.partition_point(|&f| f < ev.char_start);
            add(vocab::FKG_PAGE, Literal::from(page as i64).into());
        }
        if let Some(sp) = &ev.speaker {
            add(vocab::FKG_STATED_BY, nn(&fkg_model::entity_iri(sp)).into());
        }
        add(
            vocab::FKG_EXTRACTED_BY,
            Literal::new_simple_literal(&ev.rule).into(),
        );
        add(
            vocab::FKG_CONFIDENCE,
            Literal::new_typed_literal(format!("{:.2}", ev.confidence), nn(vocab::XSD_DECIMAL))
                .into(),
        );
        if let Some(d) = &a.date {
            if let (Some(start), Some(end)) = (&d.start, &d.end) {
                if start == end {
                    add(vocab::FKG_DATE, date(start));
                }
            }
            if let Some(start) = &d.start {
                add(vocab::FKG_PERIOD_START, date(start));
            }
            if let Some(end) = &d.end {
                add(vocab::FKG_PERIOD_END, date(end));
            }
            if let Some(e) = &d.expression {
                add(
                    vocab::FKG_DATE_EXPRESSION,
                    Literal::new_simple_literal(e).into(),
                );
            }
            add(
                vocab::FKG_DATE_SOURCE,
                Literal::new_simple_literal(d.source.as_str()).into(),
            );
        }
        match a.polarity {
            Polarity::Positive => {}
            Polarity::Negative => add(
                vocab::FKG_POLARITY,
                Literal::new_simple_literal("negative").into(),
            ),
            Polarity::Hedged => add(vocab::FKG_HEDGED, Literal::from(true).into()),
        }
        // Every figure directly on the statement, and each also as a
        // fkg:figure node that keeps its quantity paired with its unit.
        let mut figures = Vec::new();
        for (k, q) in a.quantity.iter().chain(&a.more_quantities).enumerate() {
            add(vocab::FKG_QUANTITY, decimal(q.value));
            add(vocab::FKG_UNIT, Literal::new_simple_literal(&q.unit).into());
            if let Some(of) = q.out_of {
                add(vocab::FKG_OUT_OF, decimal(of));
            }
            let figure = nn(&format!("{doc_iri}#statement-{}-figure-{}", n + 1, k + 1));
            add(vocab::FKG_FIGURE, figure.clone().into());
            figures.push((figure, q));
        }
        for (figure, q) in figures {
            out.push(Quad::new(
                figure.clone(),
                nn(vocab::FKG_QUANTITY),
                decimal(q.value),
                graph.clone(),
            ));
            out.push(Quad::new(
                figure.clone(),
                nn(vocab::FKG_UNIT),
                Literal::new_simple_literal(&q.unit),
                graph.clone(),
            ));
            if let Some(of) = q.out_of {
                out.push(Quad::new(
                    figure,
                    nn(vocab::FKG_OUT_OF),
                    decimal(of),
                    graph.clone(),
                ));
            }
        }
    }
    out
}

fn date(iso: &str) -> Term {
    Literal::new_typed_literal(iso, nn(vocab::XSD_DATE)).into()
}

fn decimal(v: f64) -> Term {
    let s = if v.fract() == 0.0 {
        format!("{v:.1}")
    } else {
        format!("{v}")
    };
    Literal::new_typed_literal(s, nn(vocab::XSD_DECIMAL)).into()
}

/// The ontology (Turtle) in its graph and the gazetteer entities, with
/// their containing places, in theirs.
pub fn reference_quads(
    ontology_ttl: &str,
    gazetteer: &[(Entity, Option<String>)],
) -> Result<Vec<Quad>, StoreError> {
    let og = GraphName::NamedNode(nn(vocab::ONTOLOGY_GRAPH));
    let mut out = Vec::new();
    for q in RdfParser::from_format(RdfFormat::Turtle).for_slice(ontology_ttl.as_bytes()) {
        let q = q.map_err(|e| StoreError::Load(format!("ontology: {e}")))?;
        out.push(Quad::new(q.subject, q.predicate, q.object, og.clone()));
    }
    let gg = GraphName::NamedNode(nn(vocab::GAZETTEER_GRAPH));
    for (e, within) in gazetteer {
        entity_quads(e, &gg, &mut out);
        if let Some(p) = within {
            out.push(Quad::new(
                nn(&fkg_model::entity_iri(&e.id)),
                nn(SCHEMA_CONTAINED_IN_PLACE),
                nn(&fkg_model::entity_iri(p)),
                gg.clone(),
            ));
        }
    }
    Ok(out)
}
