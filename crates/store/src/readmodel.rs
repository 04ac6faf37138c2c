//! The read model: one named graph (`vocab::CONSOLIDATED_GRAPH`) that holds
//! each asserted relation once, with how many statements and documents back
//! it, and each entity's label, classes and other names once. It is derived
//! from the documents' graphs (which stay the source of truth) and kept in
//! step with them by every write of a document: [`Delta`] collects what the
//! written documents took away and brought, [`plan`] turns that into the
//! quads to remove and insert, reading only the edges and entities those
//! documents touch.
//!
//! In the graph:
//! - `s p o` for each relation some document asserts (a positive statement
//!   with evidence and its plain triple);
//! - an edge node per relation, a blank node whose id is a hash of `s p o`
//!   (stable across builds, and cheap to scan): `fkg:subject s`,
//!   `fkg:predicate p`, `fkg:object o`, `fkg:statements n`,
//!   `fkg:documents m`, `fkg:bestConfidence c` and `fkg:supportedBy d` for
//!   each document;
//! - per entity mentioned anywhere: `rdf:type` for each `fkg:` class the
//!   documents give it, one `rdfs:label` (the smallest of the documents'
//!   labels, so that the choice does not depend on the order documents came
//!   in), `skos:altLabel` for every other name, `owl:sameAs`, and
//!   `fkg:documents` (how many documents mention it);
//! - what statements say, for the statement-level queries and the exports:
//!   groups ([`Group`]: `fkg:QuotedClaim`, `fkg:UnassertedClaim`,
//!   `fkg:RelationEvidence`, `fkg:FigureSet`, each naming its relation with
//!   `fkg:claimSubject`/`claimPredicate`/`claimObject`) linked to leaves
//!   ([`Row`]: a sentence or a figure, with `fkg:supportedBy` per document,
//!   `fkg:documents` and `fkg:firstDocument`). Both are blank nodes whose
//!   ids hash their content; a leaf lives while a document gives it, a
//!   group while it has a leaf (and a figure set counts its different
//!   quantities, `fkg:quantities`);
//! - `fkg:readModelVersion` on the graph: the layout ([`VERSION`]).
//!
//! Rationale: at a few thousand documents, the union of all graphs repeats
//! every label once per document and every aggregate over statements joins
//! millions of quads; a graph with one node per answer makes the analysts'
//! questions and the path finder's edge list simple scans. Leaves hang
//! under groups so that a query looks up a relation's labels once per
//! group, not once per sentence or figure. Counts are kept
//! as numbers so that adding a document is arithmetic; what can only be
//! recomputed (the best confidence, an entity's names) is recomputed only
//! when a removed document held the value, from the few documents involved.

use crate::StoreError;
use fkg_model::vocab;
use oxigraph::model::{
    BlankNode, GraphName, GraphNameRef, Literal, NamedNode, NamedNodeRef, NamedOrBlankNode,
    NamedOrBlankNodeRef, Quad, Term, TermRef,
};
use oxigraph::store::Store as OxStore;
use sha2::{Digest, Sha256};
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

/// What one document says about one relation.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct EdgeStat {
    pub statements: u64,
    pub confidence: f64,
}

/// The names and classes of an entity.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Names {
    labels: BTreeSet<String>,
    aliases: BTreeSet<String>,
    classes: BTreeSet<NamedNode>,
    same_as: BTreeSet<NamedNode>,
}

impl Names {
    fn extend(&mut self, other: &Names) {
        self.labels.extend(other.labels.iter().cloned());
        self.aliases.extend(other.aliases.iter().cloned());
        self.classes.extend(other.classes.iter().cloned());
        self.same_as.extend(other.same_as.iter().cloned());
    }

    fn contains(&self, other: &Names) -> bool {
        other.labels.is_subset(&self.labels)
            && other.aliases.is_subset(&self.aliases)
            && other.classes.is_subset(&self.classes)
            && other.same_as.is_subset(&self.same_as)
    }

    fn add(&mut self, predicate: &str, object: &Term) {
        match (predicate, object) {
            (vocab::RDFS_LABEL, Term::Literal(l)) => {
                self.labels.insert(l.value().to_string());
            }
            (vocab::SKOS_ALT_LABEL, Term::Literal(l)) => {
                self.aliases.insert(l.value().to_string());
            }
            (vocab::RDF_TYPE, Term::NamedNode(c)) if c.as_str().starts_with(vocab::FKG) => {
                self.classes.insert(c.clone());
            }
            (vocab::OWL_SAME_AS, Term::NamedNode(q)) => {
                self.same_as.insert(q.clone());
            }
            _ => {}
        }
    }
}

type EdgeKey = (NamedNode, NamedNode, NamedNode);

/// The quads of a statement-level node besides its documents: (predicate,
/// object) pairs.
type Fields = Vec<(&'static str, Term)>;

/// A statement-level leaf of the read model (a sentence of a claim or of a
/// relation's evidence, a figure): one per group and distinct content, its
/// id a hash of both, with `fkg:supportedBy` for each document whose
/// statements give it, linked from its group.
#[derive(Debug, Clone)]
pub(crate) struct Row {
    fields: Fields,
    /// Its group.
    group: u128,
    /// For a figure: its quantity (what the group counts).
    quantity: Option<Term>,
}

/// A group of leaves: what they share (a relation, a speaker, a status, a
/// unit), the predicate that links it to its leaves, and whether it counts
/// their different quantities.
#[derive(Debug, Clone)]
pub(crate) struct Group {
    fields: Fields,
    link: &'static str,
    count: bool,
}

/// What one document contributes to the read model.
#[derive(Debug, Default)]
pub(crate) struct Contribution {
    edges: BTreeMap<EdgeKey, EdgeStat>,
    entities: BTreeMap<NamedNode, Names>,
    rows: BTreeMap<u128, Row>,
    /// The groups of `rows`.
    groups: BTreeMap<u128, Group>,
}

#[derive(Default)]
struct StatementParts {
    is_statement: bool,
    s: Option<NamedNode>,
    p: Option<NamedNode>,
    o: Option<NamedNode>,
    evidence: Option<Term>,
    not_asserted: bool,
    confidence: Option<f64>,
    confidence_term: Option<Term>,
    speaker: Option<NamedNode>,
    /// `fkg:polarity "negative"` and `fkg:hedged true`, as stored.
    negative: Option<Term>,
    hedged: Option<Term>,
    figures: Vec<NamedOrBlankNode>,
    /// Its period (`fkg:periodStart`, `fkg:periodEnd`), the words that date
    /// it and the page of its evidence, as stored: they tell its evidence
    /// sentences apart.
    dated: Vec<(&'static str, Term)>,
}

/// A figure node of a document: quantity, unit, out of.
#[derive(Default)]
struct Measure {
    quantity: Option<Term>,
    unit: Option<Term>,
    out_of: Option<Term>,
}

/// The id of a node whose content is `fields`: the first 128 bits of the
/// SHA-256 of the fields in N-Triples form.
fn row_id(fields: &[(&str, Term)], set: Option<u128>) -> u128 {
    let mut h = Sha256::new();
    if let Some(set) = set {
        h.update(set.to_be_bytes());
    }
    for (p, t) in fields {
        h.update(p.as_bytes());
        h.update([0]);
        h.update(t.to_string().as_bytes());
        h.update([0]);
    }
    let d = h.finalize();
    let mut id = [0u8; 16];
    id.copy_from_slice(&d[..16]);
    u128::from_be_bytes(id)
}

/// Properties of the `fkg:` namespace that are no relations between entities.
fn is_relation(p: &NamedNode) -> bool {
    p.as_str()
        .strip_prefix(vocab::FKG)
        .is_some_and(|l| l != "mentionedIn" && l != "statedBy")
}

impl Contribution {
    /// The contribution of the quads of one document's graph (quads of other
    /// graphs are ignored).
    pub fn of_document<'a>(doc: &NamedNode, quads: impl IntoIterator<Item = &'a Quad>) -> Self {
        let mut statements: HashMap<NamedOrBlankNode, StatementParts> = HashMap::new();
        let mut plain: HashSet<EdgeKey> = HashSet::new();
        let mut names: HashMap<NamedNode, Names> = HashMap::new();
        let mut mentioned: HashSet<NamedNode> = HashSet::new();
        let mut measures: HashMap<NamedOrBlankNode, Measure> = HashMap::new();
        for q in quads {
            if !matches!(&q.graph_name, GraphName::NamedNode(g) if g == doc) {
                continue;
            }
            let p = q.predicate.as_str();
            match p {
                vocab::RDF_TYPE if matches!(&q.object, Term::NamedNode(n) if n.as_str() == vocab::RDF_STATEMENT) =>
                {
                    statements
                        .entry(q.subject.clone())
                        .or_default()
                        .is_statement = true;
                }
                vocab::RDF_SUBJECT | vocab::RDF_PREDICATE | vocab::RDF_OBJECT => {
                    if let Term::NamedNode(n) = &q.object {
                        let e = statements.entry(q.subject.clone()).or_default();
                        match p {
                            vocab::RDF_SUBJECT => e.s = Some(n.clone()),
                            vocab::RDF_PREDICATE => e.p = Some(n.clone()),
                            _ => e.o = Some(n.clone()),
                        }
                    }
                }
                vocab::FKG_EVIDENCE => {
                    statements.entry(q.subject.clone()).or_default().evidence =
                        Some(q.object.clone())
                }
                vocab::FKG_POLARITY | vocab::FKG_HEDGED => {
                    let e = statements.entry(q.subject.clone()).or_default();
                    e.not_asserted = true;
                    match (&q.object, p) {
                        (Term::Literal(l), vocab::FKG_POLARITY)
                            if l == &Literal::new_simple_literal("negative") =>
                        {
                            e.negative = Some(q.object.clone())
                        }
                        (Term::Literal(l), vocab::FKG_HEDGED) if l == &Literal::from(true) => {
                            e.hedged = Some(q.object.clone())
                        }
                        _ => {}
                    }
                }
                vocab::FKG_CONFIDENCE => {
                    if let Term::Literal(l) = &q.object {
                        let e = statements.entry(q.subject.clone()).or_default();
                        e.confidence = l.value().parse().ok();
                        e.confidence_term = Some(q.object.clone());
                    }
                }
                vocab::FKG_STATED_BY => {
                    if let Term::NamedNode(n) = &q.object {
                        statements.entry(q.subject.clone()).or_default().speaker = Some(n.clone());
                    }
                }
                vocab::FKG_PERIOD_START
                | vocab::FKG_PERIOD_END
                | vocab::FKG_DATE_EXPRESSION
                | vocab::FKG_PAGE => {
                    let p = [
                        vocab::FKG_PERIOD_START,
                        vocab::FKG_PERIOD_END,
                        vocab::FKG_DATE_EXPRESSION,
                        vocab::FKG_PAGE,
                    ]
                    .into_iter()
                    .find(|c| *c == p)
                    .unwrap_or(vocab::FKG_PAGE);
                    let e = statements.entry(q.subject.clone()).or_default();
                    e.dated.push((p, q.object.clone()));
                    e.dated.sort_by(|a, b| a.0.cmp(b.0));
                }
                vocab::FKG_FIGURE => {
                    if let Term::NamedNode(n) = &q.object {
                        statements
                            .entry(q.subject.clone())
                            .or_default()
                            .figures
                            .push(n.clone().into());
                    }
                }
                vocab::FKG_QUANTITY | vocab::FKG_UNIT | vocab::FKG_OUT_OF => {
                    let m = measures.entry(q.subject.clone()).or_default();
                    let slot = match p {
                        vocab::FKG_QUANTITY => &mut m.quantity,
                        vocab::FKG_UNIT => &mut m.unit,
                        _ => &mut m.out_of,
                    };
                    *slot = Some(q.object.clone());
                }
                vocab::FKG_MENTIONED_IN => {
                    if let NamedOrBlankNode::NamedNode(s) = &q.subject {
                        mentioned.insert(s.clone());
                    }
                }
                _ => {
                    let NamedOrBlankNode::NamedNode(s) = &q.subject else {
                        continue;
                    };
                    if is_relation(&q.predicate) {
                        if let Term::NamedNode(o) = &q.object {
                            plain.insert((s.clone(), q.predicate.clone(), o.clone()));
                        }
                    } else {
                        names.entry(s.clone()).or_default().add(p, &q.object);
                    }
                }
            }
        }
        let mut out = Contribution::default();
        for st in statements.into_values() {
            out.add_rows(&st, &measures);
            let (true, Some(s), Some(p), Some(o), true, false) = (
                st.is_statement,
                st.s,
                st.p,
                st.o,
                st.evidence.is_some(),
                st.not_asserted,
            ) else {
                continue;
            };
            let key = (s, p, o);
            if !is_relation(&key.1) || !plain.contains(&key) {
                continue;
            }
            let c = st.confidence.unwrap_or(0.5);
            let e = out.edges.entry(key).or_insert(EdgeStat {
                statements: 0,
                confidence: c,
            });
            e.statements += 1;
            e.confidence = e.confidence.max(c);
        }
        for (e, n) in names {
            if mentioned.contains(&e) {
                out.entities.insert(e, n);
            }
        }
        for e in mentioned {
            out.entities.entry(e).or_default();
        }
        out
    }
}

/// `t` as the store gives it back: a decimal without trailing zeros
/// ("0.80" and "19.0" are stored as the numbers 0.8 and 19), so that a
/// node's id is the same whether its statements were read from a new
/// extraction or from the store.
fn canonical(t: Term) -> Term {
    match &t {
        Term::Literal(l)
            if l.datatype().as_str() == vocab::XSD_DECIMAL && l.value().contains('.') =>
        {
            let v = l.value().trim_end_matches('0').trim_end_matches('.');
            Literal::new_typed_literal(v, nn(vocab::XSD_DECIMAL)).into()
        }
        _ => t,
    }
}

impl Contribution {
    /// Leaf `fields` in the group `group` (linked by `link`).
    fn row(&mut self, group: Fields, link: &'static str, fields: Fields) {
        let count = link == vocab::FKG_FIGURE;
        let group: Fields = group.into_iter().map(|(p, t)| (p, canonical(t))).collect();
        let gid = row_id(&group, None);
        self.groups.entry(gid).or_insert(Group {
            fields: group,
            link,
            count,
        });
        let fields: Fields = fields.into_iter().map(|(p, t)| (p, canonical(t))).collect();
        let quantity = fields
            .iter()
            .find(|(p, _)| count && *p == vocab::FKG_QUANTITY)
            .map(|(_, q)| q.clone());
        let id = row_id(&fields, Some(gid));
        self.rows.entry(id).or_insert(Row {
            fields,
            group: gid,
            quantity,
        });
    }

    /// The statement-level nodes statement `st` gives: its quoted claim
    /// (when someone said it), its unasserted claim (when denied or
    /// hedged), its evidence record (when asserted) and its figures.
    fn add_rows(&mut self, st: &StatementParts, measures: &HashMap<NamedOrBlankNode, Measure>) {
        let (Some(s), Some(p), Some(o)) = (&st.s, &st.p, &st.o) else {
            return;
        };
        let spo = || -> Fields {
            vec![
                (vocab::FKG_CLAIM_SUBJECT, s.clone().into()),
                (vocab::FKG_CLAIM_PREDICATE, p.clone().into()),
                (vocab::FKG_CLAIM_OBJECT, o.clone().into()),
            ]
        };
        let class = |c: &'static str| (vocab::RDF_TYPE, Term::from(nn(c)));
        let group = |c: &'static str, extra: Option<(&'static str, Term)>| -> Fields {
            let mut f = vec![class(c)];
            f.extend(spo());
            f.extend(extra);
            f
        };
        if let Some(ev) = &st.evidence {
            let sentence = || vec![(vocab::FKG_EVIDENCE, ev.clone())];
            if let Some(who) = &st.speaker {
                self.row(
                    group(
                        vocab::FKG_QUOTED_CLAIM,
                        Some((vocab::FKG_STATED_BY, who.clone().into())),
                    ),
                    vocab::FKG_SENTENCE,
                    sentence(),
                );
            }
            for (pred, status) in [
                (vocab::FKG_POLARITY, &st.negative),
                (vocab::FKG_HEDGED, &st.hedged),
            ] {
                if let Some(status) = status {
                    self.row(
                        group(vocab::FKG_UNASSERTED_CLAIM, Some((pred, status.clone()))),
                        vocab::FKG_SENTENCE,
                        sentence(),
                    );
                }
            }
            if !st.not_asserted {
                let mut f = sentence();
                if let Some(who) = &st.speaker {
                    f.push((vocab::FKG_STATED_BY, who.clone().into()));
                }
                let confidence = st
                    .confidence_term
                    .clone()
                    .unwrap_or_else(|| decimal(0.5).into());
                f.push((vocab::FKG_CONFIDENCE, confidence));
                f.extend(st.dated.iter().cloned());
                self.row(
                    group(vocab::FKG_RELATION_EVIDENCE, None),
                    vocab::FKG_SENTENCE,
                    f,
                );
            }
        }
        for figure in &st.figures {
            let Some(Measure {
                quantity: Some(q),
                unit: Some(u),
                out_of,
            }) = measures.get(figure)
            else {
                continue;
            };
            let mut f = vec![(vocab::FKG_QUANTITY, q.clone())];
            if let Some(of) = out_of {
                f.push((vocab::FKG_OUT_OF, of.clone()));
            }
            self.row(
                group(vocab::FKG_FIGURE_SET, Some((vocab::FKG_UNIT, u.clone()))),
                vocab::FKG_FIGURE,
                f,
            );
        }
    }
}

#[derive(Debug)]
struct RowChange {
    row: Row,
    removed: Vec<NamedNode>,
    added: Vec<NamedNode>,
}

#[derive(Debug, Default)]
struct EdgeChange {
    removed: Vec<(NamedNode, EdgeStat)>,
    added: Vec<(NamedNode, EdgeStat)>,
}

#[derive(Debug, Default)]
struct EntityChange {
    removed: usize,
    removed_names: Names,
    added: usize,
    added_names: Names,
}

/// What a write of some documents changes: for each relation and entity
/// they touch, what the old versions took away and the new ones bring.
#[derive(Debug, Default)]
pub(crate) struct Delta {
    edges: BTreeMap<EdgeKey, EdgeChange>,
    entities: BTreeMap<NamedNode, EntityChange>,
    rows: BTreeMap<u128, RowChange>,
    groups: BTreeMap<u128, Group>,
    /// The documents written (their stored graphs are not read again).
    documents: BTreeSet<NamedNode>,
}

impl Delta {
    /// Document `doc` as stored before the write.
    pub fn remove(&mut self, doc: &NamedNode, c: Contribution) {
        self.documents.insert(doc.clone());
        for (k, s) in c.edges {
            self.edges
                .entry(k)
                .or_default()
                .removed
                .push((doc.clone(), s));
        }
        for (e, n) in c.entities {
            let ch = self.entities.entry(e).or_default();
            ch.removed += 1;
            ch.removed_names.extend(&n);
        }
        for (id, row) in c.rows {
            self.rows
                .entry(id)
                .or_insert_with(|| RowChange {
                    row,
                    removed: Vec::new(),
                    added: Vec::new(),
                })
                .removed
                .push(doc.clone());
        }
        self.groups.extend(c.groups);
    }

    /// Document `doc` as it will be stored.
    pub fn add(&mut self, doc: &NamedNode, c: Contribution) {
        self.documents.insert(doc.clone());
        for (k, s) in c.edges {
            self.edges
                .entry(k)
                .or_default()
                .added
                .push((doc.clone(), s));
        }
        for (e, n) in c.entities {
            let ch = self.entities.entry(e).or_default();
            ch.added += 1;
            ch.added_names.extend(&n);
        }
        for (id, row) in c.rows {
            self.rows
                .entry(id)
                .or_insert_with(|| RowChange {
                    row,
                    removed: Vec::new(),
                    added: Vec::new(),
                })
                .added
                .push(doc.clone());
        }
        self.groups.extend(c.groups);
    }
}

/// The quads a delta removes from and inserts into the read model, and
/// whether each touched node is new (`fresh`: nothing to remove, so the
/// inserts may go through the bulk loader).
#[derive(Debug, Default)]
pub(crate) struct Plan {
    pub remove: Vec<Quad>,
    pub insert: Vec<Quad>,
    /// Inserts of nodes the read model does not hold yet.
    pub insert_fresh: Vec<Quad>,
}

fn graph() -> GraphName {
    GraphName::NamedNode(NamedNode::new_unchecked(vocab::CONSOLIDATED_GRAPH))
}

fn nn(iri: &str) -> NamedNode {
    NamedNode::new_unchecked(iri)
}

/// The edge node of relation `s p o`: a blank node whose id is the first
/// 128 bits of the SHA-256 of the three IRIs.
pub(crate) fn edge_node(s: &NamedNode, p: &NamedNode, o: &NamedNode) -> BlankNode {
    let mut h = Sha256::new();
    for part in [s.as_str(), p.as_str(), o.as_str()] {
        h.update(part.as_bytes());
        h.update([0]);
    }
    let d = h.finalize();
    let mut id = [0u8; 16];
    id.copy_from_slice(&d[..16]);
    BlankNode::new_from_unique_id(u128::from_be_bytes(id))
}

fn integer(n: u64) -> Literal {
    Literal::new_typed_literal(n.to_string(), nn(vocab::XSD_INTEGER))
}

fn decimal(c: f64) -> Literal {
    Literal::new_typed_literal(format!("{c:.2}"), nn(vocab::XSD_DECIMAL))
}

fn number(t: &Term) -> Option<f64> {
    match t {
        Term::Literal(l) => l.value().parse().ok(),
        _ => None,
    }
}

fn quads(
    store: &OxStore,
    s: Option<NamedOrBlankNodeRef<'_>>,
    p: Option<&str>,
    o: Option<TermRef<'_>>,
    g: Option<GraphNameRef<'_>>,
) -> Result<Vec<Quad>, StoreError> {
    Ok(store
        .quads_for_pattern(s, p.map(NamedNodeRef::new_unchecked), o, g)
        .collect::<Result<Vec<_>, _>>()?)
}

/// What document `doc` says about relation `key`, read from its graph.
fn stored_edge_stat(
    store: &OxStore,
    doc: &NamedNode,
    key: &EdgeKey,
) -> Result<Option<EdgeStat>, StoreError> {
    let g = GraphNameRef::NamedNode(doc.as_ref());
    let (s, p, o) = key;
    if !store.contains(oxigraph::model::QuadRef::new(s, p, o, g))? {
        return Ok(None);
    }
    let mut stat: Option<EdgeStat> = None;
    for q in quads(
        store,
        None,
        Some(vocab::RDF_SUBJECT),
        Some(s.as_ref().into()),
        Some(g),
    )? {
        let st = q.subject;
        let mut tmp = vec![Quad::new(s.clone(), p.clone(), o.clone(), doc.clone())];
        for x in store.quads_for_pattern(Some(st.as_ref()), None, None, Some(g)) {
            tmp.push(x?);
        }
        let one = Contribution::of_document(doc, tmp.iter());
        if let Some(e) = one.edges.get(key) {
            let cur = stat.get_or_insert(EdgeStat {
                statements: 0,
                confidence: e.confidence,
            });
            cur.statements += e.statements;
            cur.confidence = cur.confidence.max(e.confidence);
        }
    }
    Ok(stat)
}

/// The names document `doc` gives entity `e`.
fn stored_names(store: &OxStore, doc: &NamedNode, e: &NamedNode) -> Result<Names, StoreError> {
    let mut n = Names::default();
    for p in [
        vocab::RDF_TYPE,
        vocab::RDFS_LABEL,
        vocab::SKOS_ALT_LABEL,
        vocab::OWL_SAME_AS,
    ] {
        for q in quads(
            store,
            Some(e.as_ref().into()),
            Some(p),
            None,
            Some(GraphNameRef::NamedNode(doc.as_ref())),
        )? {
            n.add(p, &q.object);
        }
    }
    Ok(n)
}

/// The documents (other than `skip`) that mention entity `e`.
fn mentioning(
    store: &OxStore,
    e: &NamedNode,
    skip: &BTreeSet<NamedNode>,
) -> Result<Vec<NamedNode>, StoreError> {
    let mut out = Vec::new();
    for q in quads(
        store,
        Some(e.as_ref().into()),
        Some(vocab::FKG_MENTIONED_IN),
        None,
        None,
    )? {
        if let (GraphName::NamedNode(g), Term::NamedNode(d)) = (&q.graph_name, &q.object) {
            if g == d && !skip.contains(d) {
                out.push(d.clone());
            }
        }
    }
    out.sort();
    out.dedup();
    Ok(out)
}

/// The quads of the read model that describe node `n` with predicates `ps`.
fn current(
    store: &OxStore,
    n: NamedOrBlankNodeRef<'_>,
    ps: &[&str],
) -> Result<HashSet<Quad>, StoreError> {
    let g = graph();
    let mut out = HashSet::new();
    for p in ps {
        out.extend(quads(store, Some(n), Some(p), None, Some(g.as_ref()))?);
    }
    Ok(out)
}

const EDGE_PREDICATES: &[&str] = &[
    vocab::FKG_SUBJECT,
    vocab::FKG_PREDICATE,
    vocab::FKG_OBJECT,
    vocab::FKG_STATEMENTS,
    vocab::FKG_DOCUMENTS,
    vocab::FKG_BEST_CONFIDENCE,
    vocab::FKG_SUPPORTED_BY,
];

const ENTITY_PREDICATES: &[&str] = &[
    vocab::RDF_TYPE,
    vocab::RDFS_LABEL,
    vocab::SKOS_ALT_LABEL,
    vocab::OWL_SAME_AS,
    vocab::FKG_DOCUMENTS,
];

fn push_diff(plan: &mut Plan, now: HashSet<Quad>, want: HashSet<Quad>) {
    // Compared as the store holds them ("0.70" is stored as 0.7), so that
    // an unchanged quad is neither removed nor inserted: inserts may go
    // through the bulk loader before the removals' transaction.
    let want: HashSet<Quad> = want
        .into_iter()
        .map(|q| Quad {
            object: canonical(q.object),
            ..q
        })
        .collect();
    let fresh = now.is_empty();
    plan.remove.extend(now.difference(&want).cloned());
    let new = want.difference(&now).cloned();
    if fresh {
        plan.insert_fresh.extend(new);
    } else {
        plan.insert.extend(new);
    }
}

/// Turns a delta into the quads to remove and insert, reading the read
/// model's current state of the touched nodes (and, where a removed
/// document held the best confidence or a name, the other documents
/// involved) from `store`, which must not yet hold the write.
pub(crate) fn plan(store: &OxStore, delta: &Delta) -> Result<Plan, StoreError> {
    let g = graph();
    let mut plan = Plan::default();
    for (key, ch) in &delta.edges {
        let (s, p, o) = key;
        let node = edge_node(s, p, o);
        let node_ref = NamedOrBlankNodeRef::BlankNode(node.as_ref());
        let mut now = current(store, node_ref, EDGE_PREDICATES)?;
        let plain = Quad::new(s.clone(), p.clone(), o.clone(), g.clone());
        let had_plain = store.contains(&plain)?;
        if had_plain {
            now.insert(plain.clone());
        }
        let mut statements = 0u64;
        let mut documents: BTreeSet<NamedNode> = BTreeSet::new();
        let mut best: Option<f64> = None;
        for q in &now {
            match q.predicate.as_str() {
                vocab::FKG_STATEMENTS => statements = number(&q.object).unwrap_or(0.0) as u64,
                vocab::FKG_BEST_CONFIDENCE => best = number(&q.object),
                vocab::FKG_SUPPORTED_BY => {
                    if let Term::NamedNode(d) = &q.object {
                        documents.insert(d.clone());
                    }
                }
                _ => {}
            }
        }
        let mut recompute = false;
        for (d, st) in &ch.removed {
            statements = statements.saturating_sub(st.statements);
            documents.remove(d);
            if best.is_none_or(|b| format!("{:.2}", st.confidence) >= format!("{b:.2}")) {
                recompute = true;
            }
        }
        if recompute {
            best = None;
            for d in &documents {
                if delta.documents.contains(d) {
                    continue;
                }
                if let Some(st) = stored_edge_stat(store, d, key)? {
                    best = Some(best.map_or(st.confidence, |b| b.max(st.confidence)));
                }
            }
        }
        for (d, st) in &ch.added {
            statements += st.statements;
            documents.insert(d.clone());
            best = Some(best.map_or(st.confidence, |b| b.max(st.confidence)));
        }
        let mut want = HashSet::new();
        if !documents.is_empty() {
            let subject = NamedOrBlankNode::BlankNode(node.clone());
            let mut add = |p: &str, o: Term| {
                want.insert(Quad::new(subject.clone(), nn(p), o, g.clone()));
            };
            add(vocab::FKG_SUBJECT, s.clone().into());
            add(vocab::FKG_PREDICATE, p.clone().into());
            add(vocab::FKG_OBJECT, o.clone().into());
            add(vocab::FKG_STATEMENTS, integer(statements).into());
            add(vocab::FKG_DOCUMENTS, integer(documents.len() as u64).into());
            add(
                vocab::FKG_BEST_CONFIDENCE,
                decimal(best.unwrap_or(0.5)).into(),
            );
            for d in &documents {
                add(vocab::FKG_SUPPORTED_BY, d.clone().into());
            }
            want.insert(plain);
        }
        push_diff(&mut plan, now, want);
    }
    for (e, ch) in &delta.entities {
        let now = current(
            store,
            NamedOrBlankNodeRef::NamedNode(e.as_ref()),
            ENTITY_PREDICATES,
        )?;
        let mut count = 0u64;
        let mut label: Option<String> = None;
        let mut names = Names::default();
        for q in &now {
            match (q.predicate.as_str(), &q.object) {
                (vocab::FKG_DOCUMENTS, t) => count = number(t).unwrap_or(0.0) as u64,
                (vocab::RDFS_LABEL, Term::Literal(l)) => label = Some(l.value().to_string()),
                (p, t) => names.add(p, t),
            }
        }
        count = (count + ch.added as u64).saturating_sub(ch.removed as u64);
        let mut want = HashSet::new();
        if count > 0 {
            let (label, aliases) = if ch.removed > 0 && !ch.added_names.contains(&ch.removed_names)
            {
                // A removed document may have held a name no other gives:
                // gather them again from the documents that mention it.
                let mut all = ch.added_names.clone();
                for d in mentioning(store, e, &delta.documents)? {
                    all.extend(&stored_names(store, &d, e)?);
                }
                names = all;
                let label = names.labels.iter().next().cloned();
                (label, names.labels.union(&names.aliases).cloned().collect())
            } else {
                let mut labels: BTreeSet<String> = ch.added_names.labels.clone();
                labels.extend(label.clone());
                let chosen = labels.iter().next().cloned();
                let mut aliases: BTreeSet<String> = names.aliases.clone();
                aliases.extend(label);
                aliases.extend(ch.added_names.labels.iter().cloned());
                aliases.extend(ch.added_names.aliases.iter().cloned());
                names.classes.extend(ch.added_names.classes.iter().cloned());
                names.same_as.extend(ch.added_names.same_as.iter().cloned());
                (chosen, aliases)
            };
            let subject = NamedOrBlankNode::NamedNode(e.clone());
            let mut add = |p: &str, o: Term| {
                want.insert(Quad::new(subject.clone(), nn(p), o, g.clone()));
            };
            add(vocab::FKG_DOCUMENTS, integer(count).into());
            for c in &names.classes {
                add(vocab::RDF_TYPE, c.clone().into());
            }
            for q in &names.same_as {
                add(vocab::OWL_SAME_AS, q.clone().into());
            }
            for a in &aliases {
                if Some(a) != label.as_ref() {
                    add(vocab::SKOS_ALT_LABEL, Literal::new_simple_literal(a).into());
                }
            }
            if let Some(l) = label {
                add(vocab::RDFS_LABEL, Literal::new_simple_literal(l).into());
            }
        }
        push_diff(&mut plan, now, want);
    }
    // Statement-level leaves: the documents that give each; then their
    // groups, for the leaves that appeared or went.
    let mut groups: BTreeMap<u128, Vec<(BlankNode, Option<Term>, bool)>> = BTreeMap::new();
    for (id, ch) in &delta.rows {
        let node = BlankNode::new_from_unique_id(*id);
        let now = all_of(store, &node)?;
        let mut documents: BTreeSet<NamedNode> = now
            .iter()
            .filter(|q| q.predicate.as_str() == vocab::FKG_SUPPORTED_BY)
            .filter_map(|q| match &q.object {
                Term::NamedNode(d) => Some(d.clone()),
                _ => None,
            })
            .collect();
        for d in &ch.removed {
            documents.remove(d);
        }
        documents.extend(ch.added.iter().cloned());
        let mut want = HashSet::new();
        if !documents.is_empty() {
            let subject = NamedOrBlankNode::BlankNode(node.clone());
            for (p, o) in &ch.row.fields {
                want.insert(Quad::new(subject.clone(), nn(p), o.clone(), g.clone()));
            }
            for d in documents.iter().cloned() {
                want.insert(Quad::new(
                    subject.clone(),
                    nn(vocab::FKG_SUPPORTED_BY),
                    d,
                    g.clone(),
                ));
            }
            // What a query that gives each sentence or figure once shows.
            want.insert(Quad::new(
                subject.clone(),
                nn(vocab::FKG_DOCUMENTS),
                integer(documents.len() as u64),
                g.clone(),
            ));
            if let Some(first) = documents.first() {
                want.insert(Quad::new(
                    subject.clone(),
                    nn(vocab::FKG_FIRST_DOCUMENT),
                    first.clone(),
                    g.clone(),
                ));
            }
        }
        groups.entry(ch.row.group).or_default().push((
            node.clone(),
            ch.row.quantity.clone(),
            !want.is_empty(),
        ));
        push_diff(&mut plan, now, want);
    }
    for (id, leaves) in groups {
        let Some(group) = delta.groups.get(&id) else {
            continue;
        };
        let node = BlankNode::new_from_unique_id(id);
        let now = all_of(store, &node)?;
        let mut links: HashMap<BlankNode, Option<Term>> = now
            .iter()
            .filter(|q| q.predicate.as_str() == group.link)
            .filter_map(|q| match &q.object {
                Term::BlankNode(b) => Some((b.clone(), None)),
                _ => None,
            })
            .collect();
        for (leaf, q, exists) in leaves {
            if exists {
                links.insert(leaf, q);
            } else {
                links.remove(&leaf);
            }
        }
        let mut want = HashSet::new();
        if !links.is_empty() {
            let subject = NamedOrBlankNode::BlankNode(node.clone());
            let mut add = |p: &str, o: Term| {
                want.insert(Quad::new(subject.clone(), nn(p), o, g.clone()));
            };
            for (p, o) in &group.fields {
                add(p, o.clone());
            }
            if group.count {
                let mut quantities = BTreeSet::new();
                for (leaf, q) in &links {
                    let q = match q {
                        Some(q) => Some(q.clone()),
                        None => quads(
                            store,
                            Some(leaf.as_ref().into()),
                            Some(vocab::FKG_QUANTITY),
                            None,
                            Some(g.as_ref()),
                        )?
                        .into_iter()
                        .next()
                        .map(|q| q.object),
                    };
                    quantities.extend(q.map(|q| q.to_string()));
                }
                add(
                    vocab::FKG_QUANTITIES,
                    integer(quantities.len() as u64).into(),
                );
            }
            for leaf in links.into_keys() {
                add(group.link, leaf.into());
            }
        }
        push_diff(&mut plan, now, want);
    }
    Ok(plan)
}

/// Every quad of the read model about node `n`.
fn all_of(store: &OxStore, n: &BlankNode) -> Result<HashSet<Quad>, StoreError> {
    Ok(store
        .quads_for_pattern(
            Some(NamedOrBlankNodeRef::BlankNode(n.as_ref())),
            None,
            None,
            Some(graph().as_ref()),
        )
        .collect::<Result<_, _>>()?)
}

/// The layout of the read model this code writes (`fkg:readModelVersion`):
/// 2 added the statement-level nodes, 3 their documents' count and first
/// document, 4 the period, date words and page of evidence sentences.
pub(crate) const VERSION: u64 = 4;

/// The quad that records the read model's layout.
pub(crate) fn version_marker() -> Quad {
    Quad::new(
        nn(vocab::CONSOLIDATED_GRAPH),
        nn(vocab::FKG_READ_MODEL_VERSION),
        integer(VERSION),
        graph(),
    )
}

/// The quad that says the read model lags behind the documents (set before
/// a write that cannot update both in one transaction, removed after).
pub(crate) fn stale_marker() -> Quad {
    Quad::new(
        nn(vocab::CONSOLIDATED_GRAPH),
        nn(vocab::FKG_READ_MODEL_STALE),
        Literal::from(true),
        graph(),
    )
}
