//! The relations as plain edges, read from the read model
//! (`readmodel.rs`) by scans of one predicate each: the edge index the path
//! finder loads, the evidence of one edge on demand, every edge with its
//! evidence for the network exports, and the names entities are found by.
//!
//! Rationale: a scan of one predicate in one graph is a range of one
//! RocksDB index, and edge nodes are blank nodes (decoded without a string
//! lookup), so loading the index costs a few passes over the read model,
//! never a join over the documents' graphs.

use crate::readmodel::edge_node;
use crate::{Store, StoreError};
use fkg_model::{vocab, EdgeRecord, Property, Support};
use oxigraph::model::{
    GraphName, GraphNameRef, NamedNode, NamedNodeRef, NamedOrBlankNode, NamedOrBlankNodeRef, Quad,
    QuadRef, Term,
};
use std::collections::{HashMap, HashSet};

/// A name of an entity: (IRI, name, whether it is the entity's label).
pub type EntityName = (String, String, bool);

/// A string per entity IRI (labels, classes).
pub type ByIri = HashMap<String, String>;

fn local(iri: &str) -> &str {
    iri.rsplit(['#', '/']).next().unwrap_or(iri)
}

fn consolidated() -> GraphNameRef<'static> {
    GraphNameRef::NamedNode(NamedNodeRef::new_unchecked(vocab::CONSOLIDATED_GRAPH))
}

impl Store {
    /// The quads of `graph` with predicate `p`: one index range.
    fn scan<'a>(
        &'a self,
        p: &'a str,
        graph: GraphNameRef<'a>,
    ) -> impl Iterator<Item = Result<Quad, StoreError>> + 'a {
        self.inner
            .quads_for_pattern(
                None,
                Some(NamedNodeRef::new_unchecked(p)),
                None,
                Some(graph),
            )
            .map(|q| q.map_err(StoreError::from))
    }

    /// Entity labels and classes of the read model, by IRI.
    fn labels_and_classes(&self) -> Result<(ByIri, ByIri), StoreError> {
        let mut labels = HashMap::new();
        for q in self.scan(vocab::RDFS_LABEL, consolidated()) {
            let q = q?;
            if let (NamedOrBlankNode::NamedNode(s), Term::Literal(l)) = (q.subject, q.object) {
                labels.insert(s.into_string(), l.value().to_string());
            }
        }
        let mut classes: HashMap<String, String> = HashMap::new();
        for q in self.scan(vocab::RDF_TYPE, consolidated()) {
            let q = q?;
            if let (NamedOrBlankNode::NamedNode(s), Term::NamedNode(c)) = (q.subject, q.object) {
                let c = local(c.as_str()).to_string();
                // Several classes: the first in order, the same every time.
                classes
                    .entry(s.into_string())
                    .and_modify(|old| {
                        if c < *old {
                            *old = c.clone()
                        }
                    })
                    .or_insert(c);
            }
        }
        Ok((labels, classes))
    }

    /// Every relation with one of `properties` (all when empty), with its
    /// counts but without its statements, sorted by subject, property and
    /// object: the path finder's edge index.
    pub fn edge_index(&self, properties: &[Property]) -> Result<Vec<EdgeRecord>, StoreError> {
        #[derive(Default)]
        struct Partial {
            s: Option<String>,
            p: String,
            o: Option<String>,
            statements: usize,
            documents: usize,
            confidence: f64,
        }
        let wanted: HashSet<String> = properties.iter().map(|p| p.iri()).collect();
        let mut edges: HashMap<NamedOrBlankNode, Partial> = HashMap::new();
        for q in self.scan(vocab::FKG_PREDICATE, consolidated()) {
            let q = q?;
            if let Term::NamedNode(p) = q.object {
                if wanted.is_empty() || wanted.contains(p.as_str()) {
                    edges.insert(
                        q.subject,
                        Partial {
                            p: local(p.as_str()).to_string(),
                            ..Partial::default()
                        },
                    );
                }
            }
        }
        for pred in [
            vocab::FKG_SUBJECT,
            vocab::FKG_OBJECT,
            vocab::FKG_STATEMENTS,
            vocab::FKG_DOCUMENTS,
            vocab::FKG_BEST_CONFIDENCE,
        ] {
            for q in self.scan(pred, consolidated()) {
                let q = q?;
                let Some(e) = edges.get_mut(&q.subject) else {
                    continue;
                };
                match (pred, q.object) {
                    (vocab::FKG_SUBJECT, Term::NamedNode(n)) => e.s = Some(n.into_string()),
                    (vocab::FKG_OBJECT, Term::NamedNode(n)) => e.o = Some(n.into_string()),
                    (vocab::FKG_STATEMENTS, Term::Literal(l)) => {
                        e.statements = l.value().parse().unwrap_or(0)
                    }
                    (vocab::FKG_DOCUMENTS, Term::Literal(l)) => {
                        e.documents = l.value().parse().unwrap_or(0)
                    }
                    (vocab::FKG_BEST_CONFIDENCE, Term::Literal(l)) => {
                        e.confidence = l.value().parse().unwrap_or(0.5)
                    }
                    _ => {}
                }
            }
        }
        let (labels, classes) = self.labels_and_classes()?;
        let mut out: Vec<EdgeRecord> = edges
            .into_values()
            .filter_map(|e| {
                let (s, o) = (e.s?, e.o?);
                let label = |iri: &str| {
                    labels
                        .get(iri)
                        .cloned()
                        .unwrap_or_else(|| local(iri).to_string())
                };
                let class = |iri: &str| classes.get(iri).cloned().unwrap_or_default();
                Some(EdgeRecord {
                    subject_label: label(&s),
                    subject_class: class(&s),
                    object_label: label(&o),
                    object_class: class(&o),
                    subject: s,
                    property: e.p,
                    object: o,
                    statements: e.statements,
                    documents: e.documents,
                    confidence: e.confidence,
                    support: Vec::new(),
                })
            })
            .collect();
        out.sort_by(|a, b| {
            (&a.subject, &a.property, &a.object).cmp(&(&b.subject, &b.property, &b.object))
        });
        Ok(out)
    }

    /// The asserted statements of relation `subject property object` (IRIs
    /// and the property's local name), with their evidence, read from the
    /// graphs of the documents the read model lists for it.
    ///
    /// With `limit`, the statements of the first documents (in the order of
    /// their IRIs) up to about that many: what a reported hop shows, its
    /// edge's counts giving the totals.
    pub fn edge_support(
        &self,
        subject: &str,
        property: &str,
        object: &str,
        limit: Option<usize>,
    ) -> Result<Vec<Support>, StoreError> {
        let (Ok(s), Ok(o)) = (NamedNode::new(subject), NamedNode::new(object)) else {
            return Ok(Vec::new());
        };
        let p = NamedNode::new_unchecked(format!("{}{property}", vocab::FKG));
        let node = edge_node(&s, &p, &o);
        let mut docs = Vec::new();
        for q in self.inner.quads_for_pattern(
            Some(NamedOrBlankNodeRef::BlankNode(node.as_ref())),
            Some(NamedNodeRef::new_unchecked(vocab::FKG_SUPPORTED_BY)),
            None,
            Some(consolidated()),
        ) {
            if let Term::NamedNode(doc) = q?.object {
                docs.push(doc);
            }
        }
        docs.sort();
        let mut out = Vec::new();
        for doc in docs {
            if limit.is_some_and(|l| out.len() >= l) {
                break;
            }
            let g = GraphNameRef::NamedNode(doc.as_ref());
            for st in self.inner.quads_for_pattern(
                None,
                Some(NamedNodeRef::new_unchecked(vocab::RDF_SUBJECT)),
                Some(s.as_ref().into()),
                Some(g),
            ) {
                let st = st?.subject;
                // A hub entity is the subject of hundreds of statements per
                // document: check property and object by two lookups before
                // reading (and decoding) a statement's every quad.
                if !self.inner.contains(QuadRef::new(
                    st.as_ref(),
                    NamedNodeRef::new_unchecked(vocab::RDF_PREDICATE),
                    p.as_ref(),
                    g,
                ))? || !self.inner.contains(QuadRef::new(
                    st.as_ref(),
                    NamedNodeRef::new_unchecked(vocab::RDF_OBJECT),
                    o.as_ref(),
                    g,
                ))? {
                    continue;
                }
                let quads = self
                    .inner
                    .quads_for_pattern(Some(st.as_ref()), None, None, Some(g))
                    .collect::<Result<Vec<_>, _>>()?;
                if let Some(support) = statement_support(&doc, &quads, &p, &o) {
                    out.push(support);
                }
            }
        }
        self.name_speakers(&mut out)?;
        self.cite_sources(&mut out)?;
        out.sort_by(|a, b| {
            (&a.document, &a.evidence)
                .cmp(&(&b.document, &b.evidence))
                .then(b.confidence.total_cmp(&a.confidence))
        });
        out.dedup();
        Ok(out)
    }

    /// Each statement's document as a reader knows it (`Support::source`):
    /// its title, publisher and date, read once per document.
    fn cite_sources(&self, support: &mut [Support]) -> Result<(), StoreError> {
        let mut cited: HashMap<String, Option<String>> = HashMap::new();
        for s in support.iter_mut() {
            if !cited.contains_key(&s.document) {
                let doc = NamedNode::new_unchecked(fkg_model::doc_iri(&s.document));
                let g = GraphNameRef::NamedNode(doc.as_ref());
                let first = |p: &str| -> Result<Option<String>, StoreError> {
                    for q in self.inner.quads_for_pattern(
                        Some(doc.as_ref().into()),
                        Some(NamedNodeRef::new_unchecked(p)),
                        None,
                        Some(g),
                    ) {
                        if let Term::Literal(l) = q?.object {
                            return Ok(Some(l.value().to_string()));
                        }
                    }
                    Ok(None)
                };
                let meta = fkg_model::DocumentMeta {
                    title: first(vocab::DCTERMS_TITLE)?,
                    date: first(vocab::DCTERMS_DATE)?,
                    publisher: first(vocab::DCTERMS_PUBLISHER)?,
                    ..Default::default()
                };
                cited.insert(s.document.clone(), meta.citation());
            }
            s.source = cited[&s.document].clone();
        }
        Ok(())
    }

    /// Speakers by their labels in the read model.
    fn name_speakers(&self, support: &mut [Support]) -> Result<(), StoreError> {
        for s in support.iter_mut() {
            if let Some(iri) = &s.speaker {
                if let Ok(n) = NamedNode::new(iri.as_str()) {
                    if let Some(q) = self
                        .inner
                        .quads_for_pattern(
                            Some(n.as_ref().into()),
                            Some(NamedNodeRef::new_unchecked(vocab::RDFS_LABEL)),
                            None,
                            Some(consolidated()),
                        )
                        .next()
                    {
                        if let Term::Literal(l) = q?.object {
                            s.speaker = Some(l.value().to_string());
                        }
                    }
                }
            }
        }
        Ok(())
    }

    /// Every relation with its statements and evidence: what the GEXF,
    /// GraphML and CSV exports write. The edge index, then the read model's
    /// evidence of relations (`fkg:RelationEvidence`: one sentence node per
    /// sentence, speaker and confidence, with its documents), read by one
    /// scan per predicate and joined here; the documents' graphs are not
    /// read.
    pub fn edges_with_evidence(&self) -> Result<Vec<EdgeRecord>, StoreError> {
        #[derive(Default)]
        struct Sentence {
            edge: usize,
            evidence: Option<String>,
            speaker: Option<String>,
            confidence: Option<f64>,
            date_start: Option<String>,
            date_end: Option<String>,
            date_expression: Option<String>,
            page: Option<u32>,
            documents: Vec<String>,
        }
        let mut edges = self.edge_index(&[])?;
        let mut at: HashMap<(String, String, String), usize> = HashMap::new();
        for (i, e) in edges.iter().enumerate() {
            at.insert((e.subject.clone(), e.property.clone(), e.object.clone()), i);
        }
        let (labels, _) = self.labels_and_classes()?;
        // The evidence groups and their relations.
        let mut groups: HashMap<NamedOrBlankNode, [Option<String>; 3]> = HashMap::new();
        for q in self.inner.quads_for_pattern(
            None,
            Some(NamedNodeRef::new_unchecked(vocab::RDF_TYPE)),
            Some(NamedNodeRef::new_unchecked(vocab::FKG_RELATION_EVIDENCE).into()),
            Some(consolidated()),
        ) {
            groups.insert(q?.subject, Default::default());
        }
        for (k, pred) in [
            vocab::FKG_CLAIM_SUBJECT,
            vocab::FKG_CLAIM_PREDICATE,
            vocab::FKG_CLAIM_OBJECT,
        ]
        .into_iter()
        .enumerate()
        {
            for q in self.scan(pred, consolidated()) {
                let q = q?;
                if let (Some(g), Term::NamedNode(n)) = (groups.get_mut(&q.subject), q.object) {
                    g[k] = Some(if k == 1 {
                        local(n.as_str()).to_string()
                    } else {
                        n.into_string()
                    });
                }
            }
        }
        let mut sentences: HashMap<NamedOrBlankNode, Sentence> = HashMap::new();
        for q in self.scan(vocab::FKG_SENTENCE, consolidated()) {
            let q = q?;
            let Some([Some(s), Some(p), Some(o)]) = groups.get(&q.subject) else {
                continue;
            };
            let Some(&edge) = at.get(&(s.clone(), p.clone(), o.clone())) else {
                continue;
            };
            if let Term::BlankNode(b) = q.object {
                sentences.insert(
                    NamedOrBlankNode::BlankNode(b),
                    Sentence {
                        edge,
                        ..Sentence::default()
                    },
                );
            }
        }
        drop(groups);
        for pred in [
            vocab::FKG_EVIDENCE,
            vocab::FKG_STATED_BY,
            vocab::FKG_CONFIDENCE,
            vocab::FKG_PERIOD_START,
            vocab::FKG_PERIOD_END,
            vocab::FKG_DATE_EXPRESSION,
            vocab::FKG_PAGE,
            vocab::FKG_SUPPORTED_BY,
        ] {
            for q in self.scan(pred, consolidated()) {
                let q = q?;
                let Some(s) = sentences.get_mut(&q.subject) else {
                    continue;
                };
                match (pred, q.object) {
                    (vocab::FKG_EVIDENCE, Term::Literal(l)) => {
                        s.evidence = Some(l.value().to_string())
                    }
                    (vocab::FKG_STATED_BY, Term::NamedNode(n)) => {
                        s.speaker = Some(
                            labels
                                .get(n.as_str())
                                .cloned()
                                .unwrap_or_else(|| n.into_string()),
                        )
                    }
                    (vocab::FKG_CONFIDENCE, Term::Literal(l)) => {
                        s.confidence = l.value().parse().ok()
                    }
                    (vocab::FKG_PERIOD_START, Term::Literal(l)) => {
                        s.date_start = Some(l.value().to_string())
                    }
                    (vocab::FKG_PERIOD_END, Term::Literal(l)) => {
                        s.date_end = Some(l.value().to_string())
                    }
                    (vocab::FKG_DATE_EXPRESSION, Term::Literal(l)) => {
                        s.date_expression = Some(l.value().to_string())
                    }
                    (vocab::FKG_PAGE, Term::Literal(l)) => s.page = l.value().parse().ok(),
                    (vocab::FKG_SUPPORTED_BY, Term::NamedNode(d)) => {
                        s.documents.push(local(d.as_str()).to_string())
                    }
                    _ => {}
                }
            }
        }
        for s in sentences.into_values() {
            let Some(evidence) = s.evidence else {
                continue;
            };
            for document in s.documents {
                edges[s.edge].support.push(Support {
                    document,
                    evidence: evidence.clone(),
                    speaker: s.speaker.clone(),
                    confidence: s.confidence.unwrap_or(0.5),
                    date_start: s.date_start.clone(),
                    date_end: s.date_end.clone(),
                    date_expression: s.date_expression.clone(),
                    source: None,
                    page: s.page,
                });
            }
        }
        let infos = self.document_infos()?;
        for e in &mut edges {
            for s in &mut e.support {
                s.source = infos
                    .get(&s.document)
                    .filter(|i| i.title.is_some())
                    .map(|i| i.citation.clone());
            }
            e.support.sort_by(|a, b| {
                (&a.document, &a.evidence)
                    .cmp(&(&b.document, &b.evidence))
                    .then(b.confidence.total_cmp(&a.confidence))
            });
            e.support.dedup();
        }
        Ok(edges)
    }

    /// Every name of every entity in the read model and the gazetteer, as
    /// (IRI, name, whether it is the entity's label), and each entity's
    /// label: what names are resolved against.
    pub fn entity_names(&self) -> Result<(Vec<EntityName>, ByIri), StoreError> {
        let mut names = Vec::new();
        let mut labels = HashMap::new();
        for q in self.scan(vocab::RDFS_LABEL, consolidated()) {
            let q = q?;
            if let (NamedOrBlankNode::NamedNode(s), Term::Literal(l)) = (q.subject, q.object) {
                labels.insert(s.as_str().to_string(), l.value().to_string());
                names.push((s.into_string(), l.value().to_string(), true));
            }
        }
        let gazetteer = GraphName::NamedNode(NamedNode::new_unchecked(vocab::GAZETTEER_GRAPH));
        for (p, g) in [
            (vocab::SKOS_ALT_LABEL, consolidated()),
            (vocab::RDFS_LABEL, gazetteer.as_ref()),
            (vocab::SKOS_ALT_LABEL, gazetteer.as_ref()),
        ] {
            for q in self.scan(p, g) {
                let q = q?;
                if let (NamedOrBlankNode::NamedNode(s), Term::Literal(l)) = (q.subject, q.object) {
                    let is_label = labels.get(s.as_str()) == Some(&l.value().to_string());
                    names.push((s.into_string(), l.value().to_string(), is_label));
                }
            }
        }
        Ok((names, labels))
    }
}

/// The support one statement (its quads) gives relation `p o`, when it is
/// asserted (neither negated nor hedged) and has evidence.
fn statement_support(
    doc: &NamedNode,
    quads: &[Quad],
    p: &NamedNode,
    o: &NamedNode,
) -> Option<Support> {
    let mut evidence = None;
    let mut speaker = None;
    let mut confidence = 0.5;
    let (mut date_start, mut date_end, mut date_expression) = (None, None, None);
    let mut page = None;
    let (mut p_ok, mut o_ok) = (false, false);
    for q in quads {
        match (q.predicate.as_str(), &q.object) {
            (vocab::RDF_PREDICATE, Term::NamedNode(n)) => p_ok = n == p,
            (vocab::RDF_OBJECT, Term::NamedNode(n)) => o_ok = n == o,
            (vocab::FKG_EVIDENCE, Term::Literal(l)) => evidence = Some(l.value().to_string()),
            (vocab::FKG_STATED_BY, Term::NamedNode(n)) => speaker = Some(n.as_str().to_string()),
            (vocab::FKG_CONFIDENCE, Term::Literal(l)) => {
                confidence = l.value().parse().unwrap_or(0.5)
            }
            (vocab::FKG_PERIOD_START, Term::Literal(l)) => date_start = Some(l.value().to_string()),
            (vocab::FKG_PERIOD_END, Term::Literal(l)) => date_end = Some(l.value().to_string()),
            (vocab::FKG_DATE_EXPRESSION, Term::Literal(l)) => {
                date_expression = Some(l.value().to_string())
            }
            (vocab::FKG_PAGE, Term::Literal(l)) => page = l.value().parse().ok(),
            (vocab::FKG_POLARITY | vocab::FKG_HEDGED, _) => return None,
            _ => {}
        }
    }
    if !(p_ok && o_ok) {
        return None;
    }
    Some(Support {
        document: local(doc.as_str()).to_string(),
        evidence: evidence?,
        speaker,
        confidence,
        date_start,
        date_end,
        date_expression,
        source: None,
        page,
    })
}
