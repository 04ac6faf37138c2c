//! fkg-store: the Oxigraph store on disk. One named graph per document
//! (`fkd:<id>`) holding its entities' names, its relations as plain triples
//! and their reified statements with evidence; the ontology and the
//! gazetteer in graphs of their own. Queries see the union of all graphs.
//!
//! Every write of a document also updates the read model (the graph
//! `vocab::CONSOLIDATED_GRAPH`, see `readmodel.rs`) in the same
//! transaction, touching only the relations and entities of that document.
//!
//! Rationale: replacing a document is "clear its graph, insert the new
//! quads" inside one RocksDB transaction, so a re-ingest never duplicates
//! and an interrupted build leaves either the old or the new graph.

mod edges;
pub use edges::{ByIri, EntityName};
pub mod explain;
mod nearcopy;
mod quads;
mod readmodel;

pub use fkg_model::DocumentMeta;
pub use nearcopy::NearCopy;
pub use quads::{document_quads, reference_quads, DocumentRecord};

use oxigraph::io::{RdfFormat, RdfSerializer};
use oxigraph::model::{
    GraphName, GraphNameRef, NamedNode, NamedNodeRef, NamedOrBlankNode, NamedOrBlankNodeRef, Quad,
    Term,
};
use oxigraph::sparql::{QueryResults, SparqlEvaluator};
use oxigraph::store::{StorageError, Store as OxStore};
use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};

pub use oxigraph::sparql::CancellationToken;

/// What can go wrong with the store.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("the store at {path} is in use by another process (a running `fkg serve` or `fkg build`?); stop it or use another --store")]
    Locked { path: PathBuf },
    #[error("cannot open the store at {path}: {message}")]
    Open { path: PathBuf, message: String },
    #[error("storage error: {0}")]
    Storage(#[from] StorageError),
    #[error("SPARQL syntax error: {0}")]
    Syntax(String),
    #[error("query failed: {0}")]
    Evaluation(String),
    #[error("cannot load RDF: {0}")]
    Load(String),
    #[error("I/O error: {0}")]
    Io(#[from] std::io::Error),
    /// A panic inside the query engine, caught by [`catch_panic`].
    #[error("internal error in the query engine (Oxigraph): {0}; the store is unchanged, but this query cannot be answered as written")]
    Internal(String),
}

thread_local! {
    /// How many [`catch_panic`] calls are running on this thread.
    static CATCHING: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
}

/// Runs `f`, turning a panic inside it into [`StoreError::Internal`], so
/// that no panic of the query engine reaches a user as a crash.
///
/// Rationale: Oxigraph's evaluator can panic on data it should accept (its
/// `ORDER BY` comparison is not a total order when numbers and strings
/// are mixed, and Rust's sort then panics), and a crashed `fkg query` or
/// a dropped connection says nothing useful. Evaluation only reads, so
/// after the panic the store is as it was and the caller can go on.
pub fn catch_panic<T, E: From<StoreError>>(f: impl FnOnce() -> Result<T, E>) -> Result<T, E> {
    CATCHING.with(|c| c.set(c.get() + 1));
    let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(f));
    CATCHING.with(|c| c.set(c.get() - 1));
    outcome.unwrap_or_else(|payload| {
        let message = payload
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| payload.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "a panic without a message".to_string());
        tracing::debug!("caught a panic of the query engine: {message}");
        Err(StoreError::Internal(message).into())
    })
}

/// Whether a panic on this thread now will be caught by [`catch_panic`]
/// (a panic hook can then stay quiet: the caller reports it).
pub fn panic_is_caught() -> bool {
    CATCHING.with(|c| c.get() > 0)
}

/// Removes the `bulk-*.sst` files of an interrupted bulk load from the
/// store folder `path`.
///
/// Rationale: Oxigraph's bulk loader writes its sorted runs there as
/// `bulk-<random>.sst` and hands them to RocksDB at commit, which moves
/// them into the database under its own numbered names; a process killed
/// before the commit leaves them, unreferenced, for ever (hundreds of MB
/// after a large build). Only the process holding the store's lock may
/// bulk-load, and this runs right after the lock is taken, so no load is
/// under way: every such file is a leftover. A file RocksDB had already
/// linked in keeps its numbered name; only the leftover name goes.
fn remove_bulk_leftovers(path: &Path) {
    let Ok(entries) = std::fs::read_dir(path) else {
        return;
    };
    let (mut files, mut bytes) = (0usize, 0u64);
    for entry in entries.flatten() {
        let name = entry.file_name();
        let name = name.to_string_lossy();
        if !(name.starts_with("bulk-") && name.ends_with(".sst")) {
            continue;
        }
        let size = entry.metadata().map(|m| m.len()).unwrap_or(0);
        match std::fs::remove_file(entry.path()) {
            Ok(()) => {
                files += 1;
                bytes += size;
            }
            Err(e) => tracing::warn!("cannot remove {}: {e}", entry.path().display()),
        }
    }
    if files > 0 {
        tracing::warn!(
            "removed {files} files ({:.1} MB) an interrupted build left in {}",
            bytes as f64 / 1e6,
            path.display()
        );
    }
}

/// How a document is named to a reader: its metadata, and a citation
/// made of them ("Title — Publisher, 2024-06-18"; the id without a title).
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize)]
pub struct DocumentInfo {
    pub id: String,
    pub title: Option<String>,
    /// `xsd:date` or `xsd:dateTime` lexical form.
    pub date: Option<String>,
    /// Where the date was read (`fkg:dateSource`).
    pub date_source: Option<String>,
    pub publisher: Option<String>,
    pub creators: Vec<String>,
    /// The address it was published at (`dcterms:source`).
    pub source_url: Option<String>,
    /// Pages of a paged document.
    pub pages: Option<usize>,
    /// Media type (`dcterms:format`).
    pub format: Option<String>,
    pub citation: String,
}

impl DocumentInfo {
    fn finish(mut self) -> Self {
        self.creators.sort();
        let meta = fkg_model::DocumentMeta {
            title: self.title.clone(),
            date: self.date.clone(),
            publisher: self.publisher.clone(),
            ..Default::default()
        };
        self.citation = meta.citation().unwrap_or_else(|| self.id.clone());
        self
    }
}

/// A document as stored: its graph IRI and metadata.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct StoredDocument {
    pub iri: String,
    pub id: String,
    pub title: Option<String>,
    pub date: Option<String>,
    pub publisher: Option<String>,
    pub creators: Vec<String>,
    pub source_url: Option<String>,
    pub pages: Option<usize>,
    pub format: Option<String>,
    /// "Title — Publisher, date", or the id.
    pub citation: String,
    /// The first of `sources`.
    pub source: Option<String>,
    /// Every file the document was read from (identical copies are one
    /// document), sorted.
    pub sources: Vec<String>,
    pub sha256: Option<String>,
    pub statements: usize,
    /// The document this one is a near-identical copy of (the most similar,
    /// when several), and their similarity.
    pub near_copy_of: Option<NearCopyOf>,
}

/// The original a document is a near-copy of.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct NearCopyOf {
    pub id: String,
    pub similarity: f64,
}

/// What an ingest did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IngestOutcome {
    Added,
    Replaced,
    Unchanged,
}

/// The fentanyl-kg store.
#[derive(Clone)]
pub struct Store {
    inner: OxStore,
    path: Option<PathBuf>,
}

impl std::fmt::Debug for Store {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Store").field("path", &self.path).finish()
    }
}

/// What a bulk load may buffer, roughly (Oxigraph's estimate, RocksDB's
/// own memory aside).
const BULK_LOAD_MEMORY_MB: usize = 256;

impl Store {
    /// Opens (or creates) the store in directory `path`, and removes the
    /// files a killed bulk load left behind.
    pub fn open(path: impl AsRef<Path>) -> Result<Self, StoreError> {
        let path = path.as_ref().to_path_buf();
        match OxStore::open(&path) {
            Ok(inner) => {
                remove_bulk_leftovers(&path);
                let store = Self {
                    inner,
                    path: Some(path),
                };
                store.ensure_read_model()?;
                Ok(store)
            }
            Err(e) => {
                let message = e.to_string();
                if message.contains("lock") || message.contains("Resource temporarily unavailable")
                {
                    Err(StoreError::Locked { path })
                } else {
                    Err(StoreError::Open { path, message })
                }
            }
        }
    }

    /// Opens an existing store read-only (several readers may share it).
    pub fn open_read_only(path: impl AsRef<Path>) -> Result<Self, StoreError> {
        let path = path.as_ref().to_path_buf();
        OxStore::open_read_only(&path)
            .map(|inner| Self {
                inner,
                path: Some(path.clone()),
            })
            .map_err(|e| StoreError::Open {
                path,
                message: e.to_string(),
            })
    }

    /// An in-memory store, for tests and one-off runs.
    pub fn in_memory() -> Result<Self, StoreError> {
        Ok(Self {
            inner: OxStore::new()?,
            path: None,
        })
    }

    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    /// Replaces the ontology and gazetteer graphs.
    pub fn load_reference(&self, quads: Vec<Quad>) -> Result<(), StoreError> {
        let mut t = self.inner.start_transaction()?;
        for g in [
            fkg_model::vocab::ONTOLOGY_GRAPH,
            fkg_model::vocab::GAZETTEER_GRAPH,
        ] {
            t.clear_graph(NamedNodeRef::new_unchecked(g))?;
        }
        t.extend(quads.iter());
        t.commit()?;
        Ok(())
    }

    /// The sha256 recorded for document `id`, if it is stored.
    pub fn document_hash(&self, id: &str) -> Result<Option<String>, StoreError> {
        self.document_literal(id, fkg_model::vocab::FKG_SHA256)
    }

    /// The hash of the metadata document `id` was stored with
    /// (`fkg:metaHash`; `None` for documents stored before it was kept).
    pub fn document_meta_hash(&self, id: &str) -> Result<Option<String>, StoreError> {
        self.document_literal(id, fkg_model::vocab::FKG_META_HASH)
    }

    /// The metadata of every stored document, by id, each as a reader is
    /// shown it.
    pub fn document_infos(&self) -> Result<BTreeMap<String, DocumentInfo>, StoreError> {
        use fkg_model::vocab;
        let mut out: BTreeMap<String, DocumentInfo> = BTreeMap::new();
        let kind = NamedNodeRef::new_unchecked(vocab::FKG_DOCUMENT);
        for q in self.inner.quads_for_pattern(
            None,
            Some(NamedNodeRef::new_unchecked(vocab::RDF_TYPE)),
            Some(kind.into()),
            None,
        ) {
            let q = q?;
            if let (NamedOrBlankNode::NamedNode(s), GraphName::NamedNode(g)) =
                (&q.subject, &q.graph_name)
            {
                if s == g {
                    if let Some(id) = s.as_str().strip_prefix(vocab::FKD) {
                        out.insert(
                            id.to_string(),
                            DocumentInfo {
                                id: id.to_string(),
                                ..DocumentInfo::default()
                            },
                        );
                    }
                }
            }
        }
        for p in [
            vocab::DCTERMS_TITLE,
            vocab::DCTERMS_DATE,
            vocab::FKG_DATE_SOURCE,
            vocab::DCTERMS_PUBLISHER,
            vocab::DCTERMS_CREATOR,
            vocab::DCTERMS_SOURCE,
            vocab::FKG_PAGES,
            vocab::DCTERMS_FORMAT,
        ] {
            for q in
                self.inner
                    .quads_for_pattern(None, Some(NamedNodeRef::new_unchecked(p)), None, None)
            {
                let q = q?;
                let (NamedOrBlankNode::NamedNode(s), GraphName::NamedNode(g)) =
                    (&q.subject, &q.graph_name)
                else {
                    continue;
                };
                if s != g {
                    continue;
                }
                let Some(info) = s
                    .as_str()
                    .strip_prefix(vocab::FKD)
                    .and_then(|id| out.get_mut(id))
                else {
                    continue;
                };
                let v = match q.object {
                    Term::Literal(l) => l.value().to_string(),
                    Term::NamedNode(n) => n.into_string(),
                    _ => continue,
                };
                match p {
                    vocab::DCTERMS_TITLE => info.title = Some(v),
                    vocab::DCTERMS_DATE => info.date = Some(v),
                    vocab::FKG_DATE_SOURCE => info.date_source = Some(v),
                    vocab::DCTERMS_PUBLISHER => info.publisher = Some(v),
                    vocab::DCTERMS_CREATOR => info.creators.push(v),
                    vocab::DCTERMS_SOURCE => info.source_url = Some(v),
                    vocab::FKG_PAGES => info.pages = v.parse().ok(),
                    _ => info.format = Some(v),
                }
            }
        }
        Ok(out.into_iter().map(|(k, v)| (k, v.finish())).collect())
    }

    /// The value of a literal property of document `id` in its graph.
    fn document_literal(&self, id: &str, predicate: &str) -> Result<Option<String>, StoreError> {
        let doc = NamedNode::new_unchecked(fkg_model::doc_iri(id));
        let pred = NamedNodeRef::new_unchecked(predicate);
        for q in self.inner.quads_for_pattern(
            Some(doc.as_ref().into()),
            Some(pred),
            None,
            Some(GraphNameRef::NamedNode(doc.as_ref())),
        ) {
            if let Term::Literal(l) = q?.object {
                return Ok(Some(l.value().to_string()));
            }
        }
        Ok(None)
    }

    /// Whether document `id` is stored with its text (stores built before
    /// texts were kept lack it; a build then stores the document again).
    pub fn document_has_text(&self, id: &str) -> Result<bool, StoreError> {
        let doc = NamedNode::new_unchecked(fkg_model::doc_iri(id));
        let pred = NamedNodeRef::new_unchecked(fkg_model::vocab::FKG_TEXT);
        Ok(self
            .inner
            .quads_for_pattern(
                Some(doc.as_ref().into()),
                Some(pred),
                None,
                Some(GraphNameRef::NamedNode(doc.as_ref())),
            )
            .next()
            .transpose()?
            .is_some())
    }

    /// Stores one document's quads in its graph, replacing what was there,
    /// in one transaction. Unchanged documents (same sha256 and metadata
    /// hash, and their text already kept when the record has one) are
    /// skipped.
    pub fn ingest(
        &self,
        record: &DocumentRecord,
        quads: &[Quad],
    ) -> Result<IngestOutcome, StoreError> {
        let old = self.document_hash(&record.id)?;
        if old.as_deref() == Some(record.sha256.as_str())
            && (record.text.is_none() || self.document_has_text(&record.id)?)
            && self.document_meta_hash(&record.id)? == record.meta_hash
        {
            return Ok(IngestOutcome::Unchanged);
        }
        self.replace(&record.id, quads)?;
        Ok(if old.is_some() {
            IngestOutcome::Replaced
        } else {
            IngestOutcome::Added
        })
    }

    /// Stores document `id`'s quads in its graph, replacing what was there
    /// whatever its hash, in one transaction with the read model's change
    /// (for a document resolved again against the other documents).
    pub fn replace(&self, id: &str, quads: &[Quad]) -> Result<(), StoreError> {
        let graph = NamedNode::new_unchecked(fkg_model::doc_iri(id));
        let mut delta = readmodel::Delta::default();
        delta.remove(&graph, self.stored_contribution(&graph)?);
        delta.add(
            &graph,
            readmodel::Contribution::of_document(&graph, quads.iter()),
        );
        let plan = readmodel::plan(&self.inner, &delta)?;
        let mut t = self.inner.start_transaction()?;
        t.remove_named_graph(NamedOrBlankNodeRef::NamedNode(graph.as_ref()))?;
        t.insert_named_graph(NamedOrBlankNodeRef::NamedNode(graph.as_ref()));
        t.extend(quads.iter());
        apply(&mut t, plan);
        t.commit()?;
        Ok(())
    }

    /// The people's labels of every stored document as its own extraction
    /// gave them (`fkg:personName`): pairs of document id and label.
    pub fn person_names(&self) -> Result<Vec<(String, String)>, StoreError> {
        let pred = NamedNodeRef::new_unchecked(fkg_model::vocab::FKG_PERSON_NAME);
        let mut out = Vec::new();
        for q in self.inner.quads_for_pattern(None, Some(pred), None, None) {
            let q = q?;
            if let (
                oxigraph::model::NamedOrBlankNode::NamedNode(s),
                oxigraph::model::GraphName::NamedNode(g),
                Term::Literal(l),
            ) = (&q.subject, &q.graph_name, &q.object)
            {
                if let Some(id) = s.as_str().strip_prefix(fkg_model::vocab::FKD) {
                    if s == g {
                        out.push((id.to_string(), l.value().to_string()));
                    }
                }
            }
        }
        Ok(out)
    }

    /// Finds the near-identical copies among the stored documents again
    /// (see `nearcopy.rs`) and rewrites the near-copies graph when they
    /// changed, in one transaction. Returns how many pairs there are.
    pub fn refresh_near_copies(&self) -> Result<usize, StoreError> {
        let minhash = NamedNodeRef::new_unchecked(fkg_model::vocab::FKG_MINHASH);
        let text = NamedNodeRef::new_unchecked(fkg_model::vocab::FKG_TEXT);
        // One scan of the signatures, then the texts of documents stored
        // before signatures were kept.
        let mut signatures: std::collections::HashMap<NamedNode, nearcopy::Signature> =
            std::collections::HashMap::new();
        for q in self
            .inner
            .quads_for_pattern(None, Some(minhash), None, None)
        {
            let q = q?;
            if let (
                oxigraph::model::NamedOrBlankNode::NamedNode(s),
                oxigraph::model::GraphName::NamedNode(g),
                Term::Literal(l),
            ) = (&q.subject, &q.graph_name, &q.object)
            {
                if s == g {
                    if let Some(sig) = nearcopy::from_hex(l.value()) {
                        signatures.insert(s.clone(), sig);
                    }
                }
            }
        }
        let mut docs = Vec::new();
        for g in self.document_graphs()? {
            let id = g.as_str()[fkg_model::vocab::FKD.len()..].to_string();
            let sig = match signatures.remove(&g) {
                Some(s) => Some(s),
                None => {
                    let mut found = None;
                    for q in self.inner.quads_for_pattern(
                        Some(g.as_ref().into()),
                        Some(text),
                        None,
                        Some(GraphNameRef::NamedNode(g.as_ref())),
                    ) {
                        if let Term::Literal(l) = q?.object {
                            found = nearcopy::signature(l.value());
                            break;
                        }
                    }
                    found
                }
            };
            if let Some(sig) = sig {
                docs.push((id, sig));
            }
        }
        let pairs = nearcopy::near_copies(&docs);
        let graph = NamedNode::new_unchecked(fkg_model::vocab::NEAR_COPIES_GRAPH);
        let gn = oxigraph::model::GraphName::NamedNode(graph.clone());
        let nn = |s: &str| NamedNode::new_unchecked(s);
        let mut quads = Vec::new();
        for p in &pairs {
            let (copy, original) = (
                nn(&fkg_model::doc_iri(&p.copy)),
                nn(&fkg_model::doc_iri(&p.original)),
            );
            let node = nn(&nearcopy::pair_iri(&p.copy, &p.original));
            let sim = oxigraph::model::Literal::new_typed_literal(
                format!("{:.2}", p.similarity),
                nn(fkg_model::vocab::XSD_DECIMAL),
            );
            for (s, pr, o) in [
                (
                    copy.clone(),
                    fkg_model::vocab::FKG_NEAR_COPY_OF,
                    Term::from(original.clone()),
                ),
                (node.clone(), fkg_model::vocab::FKG_COPY, copy.into()),
                (
                    node.clone(),
                    fkg_model::vocab::FKG_ORIGINAL,
                    original.into(),
                ),
                (node, fkg_model::vocab::FKG_SIMILARITY, sim.into()),
            ] {
                quads.push(Quad::new(s, nn(pr), o, gn.clone()));
            }
        }
        let mut held: Vec<Quad> = self
            .inner
            .quads_for_pattern(
                None,
                None,
                None,
                Some(GraphNameRef::NamedNode(graph.as_ref())),
            )
            .collect::<Result<_, _>>()?;
        held.sort_by_key(ToString::to_string);
        quads.sort_by_key(ToString::to_string);
        if held != quads {
            let mut t = self.inner.start_transaction()?;
            t.clear_graph(GraphNameRef::NamedNode(graph.as_ref()))?;
            t.extend(quads.iter());
            t.commit()?;
        }
        Ok(pairs.len())
    }

    /// Every near-copy pair stored in the near-copies graph.
    pub fn near_copies(&self) -> Result<Vec<NearCopy>, StoreError> {
        let graph = NamedNodeRef::new_unchecked(fkg_model::vocab::NEAR_COPIES_GRAPH);
        let mut nodes: BTreeMap<String, NearCopy> = BTreeMap::new();
        for q in
            self.inner
                .quads_for_pattern(None, None, None, Some(GraphNameRef::NamedNode(graph)))
        {
            let q = q?;
            let oxigraph::model::NamedOrBlankNode::NamedNode(s) = &q.subject else {
                continue;
            };
            if !s.as_str().starts_with(fkg_model::vocab::NEAR_COPY_BASE) {
                continue;
            }
            let e = nodes.entry(s.as_str().to_string()).or_insert(NearCopy {
                copy: String::new(),
                original: String::new(),
                similarity: 0.0,
            });
            let id = |t: &Term| match t {
                Term::NamedNode(n) => n
                    .as_str()
                    .strip_prefix(fkg_model::vocab::FKD)
                    .map(str::to_string),
                _ => None,
            };
            match (q.predicate.as_str(), &q.object) {
                (fkg_model::vocab::FKG_COPY, o) => e.copy = id(o).unwrap_or_default(),
                (fkg_model::vocab::FKG_ORIGINAL, o) => e.original = id(o).unwrap_or_default(),
                (fkg_model::vocab::FKG_SIMILARITY, Term::Literal(l)) => {
                    e.similarity = l.value().parse().unwrap_or(0.0)
                }
                _ => {}
            }
        }
        Ok(nodes.into_values().collect())
    }

    /// Marks stored documents to be resolved again (`fkg:resolveAgain` in
    /// their graphs), in one transaction: set before a batch that changes
    /// their renames is stored, so that a build killed before it resolves
    /// them leaves the next build a note. [`Store::replace`] clears it.
    pub fn mark_resolve_again(&self, ids: &[String]) -> Result<(), StoreError> {
        if ids.is_empty() {
            return Ok(());
        }
        let mut t = self.inner.start_transaction()?;
        for id in ids {
            let doc = NamedNode::new_unchecked(fkg_model::doc_iri(id));
            t.insert(&Quad::new(
                doc.clone(),
                NamedNode::new_unchecked(fkg_model::vocab::FKG_RESOLVE_AGAIN),
                oxigraph::model::Literal::from(true),
                doc,
            ));
        }
        t.commit()?;
        Ok(())
    }

    /// The stored documents marked to be resolved again, sorted.
    pub fn to_resolve_again(&self) -> Result<Vec<String>, StoreError> {
        let pred = NamedNodeRef::new_unchecked(fkg_model::vocab::FKG_RESOLVE_AGAIN);
        let mut out = Vec::new();
        for q in self.inner.quads_for_pattern(None, Some(pred), None, None) {
            let q = q?;
            if let (
                oxigraph::model::NamedOrBlankNode::NamedNode(s),
                oxigraph::model::GraphName::NamedNode(g),
            ) = (&q.subject, &q.graph_name)
            {
                if let Some(id) = s.as_str().strip_prefix(fkg_model::vocab::FKD) {
                    if s == g {
                        out.push(id.to_string());
                    }
                }
            }
        }
        out.sort();
        out.dedup();
        Ok(out)
    }

    /// The record of stored document `id` (its metadata and text, without
    /// its person names) and its sources, sorted; `None` when it is not
    /// stored or was stored without its text.
    pub fn stored_record(
        &self,
        id: &str,
    ) -> Result<Option<(DocumentRecord, Vec<String>)>, StoreError> {
        let doc = NamedNode::new_unchecked(fkg_model::doc_iri(id));
        let mut record = DocumentRecord {
            id: id.to_string(),
            ..DocumentRecord::default()
        };
        let mut sources = Vec::new();
        for q in self.inner.quads_for_pattern(
            Some(doc.as_ref().into()),
            None,
            None,
            Some(GraphNameRef::NamedNode(doc.as_ref())),
        ) {
            let q = q?;
            let v = match q.object {
                Term::Literal(l) => l.value().to_string(),
                Term::NamedNode(n) => n.into_string(),
                _ => continue,
            };
            use fkg_model::vocab;
            match q.predicate.as_str() {
                vocab::DCTERMS_TITLE => record.meta.title = Some(v),
                vocab::DCTERMS_DATE => record.meta.date = Some(v),
                vocab::FKG_DATE_SOURCE => record.meta.date_source = Some(v),
                vocab::DCTERMS_PUBLISHER => record.meta.publisher = Some(v),
                vocab::DCTERMS_CREATOR => record.meta.creators.push(v),
                vocab::DCTERMS_SOURCE => record.meta.source_url = Some(v),
                vocab::FKG_META_HASH => record.meta_hash = Some(v),
                vocab::DCTERMS_FORMAT => record.media_type = Some(v),
                fkg_model::vocab::FKG_SOURCE_FILE => sources.push(v),
                fkg_model::vocab::FKG_SHA256 => record.sha256 = v,
                fkg_model::vocab::FKG_LENGTH => record.length = v.parse().unwrap_or(0),
                fkg_model::vocab::DCTERMS_CREATED => record.ingested_at = v,
                fkg_model::vocab::FKG_TEXT => record.text = Some(v),
                _ => {}
            }
        }
        if record.text.is_none() {
            return Ok(None);
        }
        // A date read from the dateline is no metadata: extracting the text
        // again reads it again.
        if record.meta.date_source.as_deref() == Some("dateline") {
            record.meta.date = None;
            record.meta.date_source = None;
        }
        sources.sort();
        record.source_file = sources.first().cloned().unwrap_or_default();
        Ok(Some((record, sources)))
    }

    /// The number of statements of stored document `id` and the ids of the
    /// entities it mentions (what a build reports for a document it did not
    /// extract again).
    pub fn document_summary(&self, id: &str) -> Result<(usize, Vec<String>), StoreError> {
        let doc = NamedNode::new_unchecked(fkg_model::doc_iri(id));
        let graph = GraphNameRef::NamedNode(doc.as_ref());
        let statements = self
            .inner
            .quads_for_pattern(
                None,
                Some(NamedNodeRef::new_unchecked(fkg_model::vocab::RDF_TYPE)),
                Some(NamedNodeRef::new_unchecked(fkg_model::vocab::RDF_STATEMENT).into()),
                Some(graph),
            )
            .count();
        let mut entities = Vec::new();
        for q in self.inner.quads_for_pattern(
            None,
            Some(NamedNodeRef::new_unchecked(
                fkg_model::vocab::FKG_MENTIONED_IN,
            )),
            Some(doc.as_ref().into()),
            Some(graph),
        ) {
            if let oxigraph::model::NamedOrBlankNode::NamedNode(e) = q?.subject {
                if let Some(id) = e.as_str().strip_prefix(fkg_model::vocab::FKR) {
                    entities.push(id.to_string());
                }
            }
        }
        Ok((statements, entities))
    }

    /// What the stored graph of document `graph` gives the read model.
    fn stored_contribution(
        &self,
        graph: &NamedNode,
    ) -> Result<readmodel::Contribution, StoreError> {
        let quads = self
            .inner
            .quads_for_pattern(
                None,
                None,
                None,
                Some(GraphNameRef::NamedNode(graph.as_ref())),
            )
            .collect::<Result<Vec<_>, _>>()?;
        Ok(readmodel::Contribution::of_document(graph, quads.iter()))
    }

    /// Rebuilds the read model when a write was interrupted between the
    /// documents and the read model (the stale marker is set), or when the
    /// store was built before there was one or with an older layout of it
    /// (no `fkg:readModelVersion`, or another).
    fn ensure_read_model(&self) -> Result<(), StoreError> {
        let stale = self.inner.contains(&readmodel::stale_marker())?;
        let missing = !self
            .inner
            .contains_named_graph(NamedNodeRef::new_unchecked(
                fkg_model::vocab::CONSOLIDATED_GRAPH,
            ))?
            && self.document_graphs()?.next().is_some();
        let current = self.inner.contains(&readmodel::version_marker())?;
        if stale || missing || (!current && self.document_graphs()?.next().is_some()) {
            tracing::info!(
                "rebuilding the read model (stale: {stale}, missing: {missing}, older layout: {})",
                !current
            );
            self.rebuild_read_model()?;
        } else if !current {
            // No documents yet: the read model starts in this layout.
            self.inner.insert(&readmodel::version_marker())?;
        }
        Ok(())
    }

    /// The named graphs of documents.
    fn document_graphs(&self) -> Result<impl Iterator<Item = NamedNode>, StoreError> {
        let mut out = Vec::new();
        for g in self.inner.named_graphs() {
            if let oxigraph::model::NamedOrBlankNode::NamedNode(n) = g? {
                if n.as_str().starts_with(fkg_model::vocab::FKD) {
                    out.push(n);
                }
            }
        }
        Ok(out.into_iter())
    }

    /// Derives the read model again from every document's graph, a few
    /// hundred documents per transaction (memory stays bounded); the stale
    /// marker stays set until the last one commits.
    pub fn rebuild_read_model(&self) -> Result<(), StoreError> {
        let g = NamedNodeRef::new_unchecked(fkg_model::vocab::CONSOLIDATED_GRAPH);
        let mut t = self.inner.start_transaction()?;
        t.clear_graph(g)?;
        t.insert_named_graph(NamedOrBlankNodeRef::NamedNode(g));
        t.insert(&readmodel::stale_marker());
        t.commit()?;
        let docs: Vec<NamedNode> = self.document_graphs()?.collect();
        for chunk in docs.chunks(256) {
            let mut delta = readmodel::Delta::default();
            for d in chunk {
                delta.add(d, self.stored_contribution(d)?);
            }
            let plan = readmodel::plan(&self.inner, &delta)?;
            let mut t = self.inner.start_transaction()?;
            apply(&mut t, plan);
            t.commit()?;
        }
        let mut t = self.inner.start_transaction()?;
        t.remove(&readmodel::stale_marker());
        t.insert(&readmodel::version_marker());
        t.commit()?;
        Ok(())
    }

    /// Loads the quads of documents not yet in the store (pairs of document
    /// id and quads) through Oxigraph's bulk loader, much faster than
    /// transactions for big batches; the load is atomic (an interrupted one
    /// leaves nothing behind). It does not clear graphs: use
    /// [`Store::ingest`] for documents already stored.
    ///
    /// The read model's new quads are loaded with the documents; the quads
    /// it no longer wants (old counts, gone links) are removed in a
    /// transaction right after. The stale marker, loaded first and removed
    /// by that transaction, makes the next open rebuild the read model
    /// should the second step never happen.
    pub fn bulk_ingest(
        &self,
        documents: impl IntoIterator<Item = (String, Vec<Quad>)>,
    ) -> Result<(), StoreError> {
        self.bulk_ingest_locked(documents, || ())
    }

    /// [`Store::bulk_ingest`], holding what `lock` returns only while the
    /// load is committed and the read model updated (the sorted runs are
    /// written before, without it): a server's readers wait for the
    /// commit, not for the whole load.
    pub fn bulk_ingest_locked<G>(
        &self,
        documents: impl IntoIterator<Item = (String, Vec<Quad>)>,
        lock: impl FnOnce() -> G,
    ) -> Result<(), StoreError> {
        let delta = std::cell::RefCell::new(readmodel::Delta::default());
        let rest = std::cell::RefCell::new(None);
        let docs = documents.into_iter().flat_map(|(id, quads)| {
            let graph = NamedNode::new_unchecked(fkg_model::doc_iri(&id));
            delta.borrow_mut().add(
                &graph,
                readmodel::Contribution::of_document(&graph, quads.iter()),
            );
            quads.into_iter().map(Ok::<Quad, StoreError>)
        });
        let tail = std::iter::once_with(|| match readmodel::plan(&self.inner, &delta.borrow()) {
            Ok(mut plan) => {
                // Every insert goes through the loader (a transaction's
                // indexed write batch costs far more per quad); only the
                // removals wait for the transaction.
                let mut inserts = std::mem::take(&mut plan.insert_fresh);
                inserts.append(&mut plan.insert);
                *rest.borrow_mut() = Some(plan);
                inserts.into_iter().map(Ok).collect::<Vec<_>>()
            }
            Err(e) => vec![Err(e)],
        })
        .flatten();
        // Oxigraph's loader buffers a million quads per thread by default
        // (about 2 GB each); a batch of documents needs far less, and the
        // build's memory should not grow with what one load holds.
        let mut loader = self
            .inner
            .bulk_loader()
            .with_max_memory_size_in_megabytes(BULK_LOAD_MEMORY_MB);
        loader.load_ok_quads::<StoreError, StoreError>(
            std::iter::once(Ok(readmodel::stale_marker()))
                .chain(docs)
                .chain(tail),
        )?;
        let _held = lock();
        loader.commit()?;
        let mut t = self.inner.start_transaction()?;
        if let Some(plan) = rest.into_inner() {
            apply(&mut t, plan);
        }
        t.remove(&readmodel::stale_marker());
        t.commit()?;
        Ok(())
    }

    /// Drops a document's graph. Returns false when it was not stored.
    pub fn remove(&self, id: &str) -> Result<bool, StoreError> {
        let graph = NamedNode::new_unchecked(fkg_model::doc_iri(id));
        let existed = self
            .inner
            .contains_named_graph(NamedOrBlankNodeRef::NamedNode(graph.as_ref()))?;
        if existed {
            let mut delta = readmodel::Delta::default();
            delta.remove(&graph, self.stored_contribution(&graph)?);
            let plan = readmodel::plan(&self.inner, &delta)?;
            let mut t = self.inner.start_transaction()?;
            t.remove_named_graph(NamedOrBlankNodeRef::NamedNode(graph.as_ref()))?;
            apply(&mut t, plan);
            t.commit()?;
            self.refresh_near_copies()?;
        }
        Ok(existed)
    }

    /// The stored document whose text has this sha256 (the first by id when
    /// a store built before identical copies were merged holds several).
    pub fn document_with_hash(&self, sha256: &str) -> Result<Option<String>, StoreError> {
        let pred = NamedNodeRef::new_unchecked(fkg_model::vocab::FKG_SHA256);
        let hash = oxigraph::model::Literal::new_simple_literal(sha256);
        let mut found = Vec::new();
        for q in self
            .inner
            .quads_for_pattern(None, Some(pred), Some(hash.as_ref().into()), None)
        {
            let q = q?;
            if let (
                oxigraph::model::NamedOrBlankNode::NamedNode(s),
                oxigraph::model::GraphName::NamedNode(g),
            ) = (&q.subject, &q.graph_name)
            {
                if s == g {
                    if let Some(id) = s.as_str().strip_prefix(fkg_model::vocab::FKD) {
                        found.push(id.to_string());
                    }
                }
            }
        }
        found.sort();
        Ok(found.into_iter().next())
    }

    /// Records that document `id` is (also) read from file `path`: the
    /// source is added to its graph and dropped from any other document's,
    /// in one transaction, so a file is the source of one document.
    /// Returns whether anything changed (nothing is written when `id`
    /// alone holds it already).
    pub fn attach_source(&self, id: &str, path: &str) -> Result<bool, StoreError> {
        let doc = NamedNode::new_unchecked(fkg_model::doc_iri(id));
        let pred = NamedNodeRef::new_unchecked(fkg_model::vocab::FKG_SOURCE_FILE);
        let source = oxigraph::model::Literal::new_simple_literal(path);
        let wanted = Quad::new(doc.clone(), pred.into_owned(), source.clone(), doc);
        let held: Vec<Quad> = self
            .inner
            .quads_for_pattern(None, Some(pred), Some(source.as_ref().into()), None)
            .collect::<Result<_, _>>()?;
        if held == [wanted.clone()] {
            return Ok(false);
        }
        let mut t = self.inner.start_transaction()?;
        for q in &held {
            t.remove(q);
        }
        t.insert(&wanted);
        t.commit()?;
        Ok(true)
    }

    /// Drops `path` from the sources of document `id`; returns the sources
    /// it still has.
    pub fn detach_source(&self, id: &str, path: &str) -> Result<Vec<String>, StoreError> {
        let doc = NamedNode::new_unchecked(fkg_model::doc_iri(id));
        let pred = NamedNodeRef::new_unchecked(fkg_model::vocab::FKG_SOURCE_FILE);
        let mut t = self.inner.start_transaction()?;
        t.remove(&Quad::new(
            doc.clone(),
            pred.into_owned(),
            oxigraph::model::Literal::new_simple_literal(path),
            doc.clone(),
        ));
        let left = t
            .quads_for_pattern(
                Some(doc.as_ref().into()),
                Some(pred),
                None,
                Some(GraphNameRef::NamedNode(doc.as_ref())),
            )
            .filter_map(|q| match q.map(|q| q.object) {
                Ok(Term::Literal(l)) => Some(Ok(l.value().to_string())),
                Ok(_) => None,
                Err(e) => Some(Err(e)),
            })
            .collect::<Result<Vec<_>, _>>()?;
        t.commit()?;
        Ok(left)
    }

    /// Runs a SPARQL query over the union of all graphs (unless the query
    /// names its own dataset with FROM / FROM NAMED).
    pub fn query(&self, sparql: &str) -> Result<QueryResults<'static>, StoreError> {
        self.query_with(sparql, None)
    }

    /// A query over an explicit dataset (the SPARQL protocol's
    /// `default-graph-uri` and `named-graph-uri`); empty lists keep the
    /// query's own dataset, or the union of all graphs.
    pub fn query_dataset(
        &self,
        sparql: &str,
        default_graphs: &[String],
        named_graphs: &[String],
        base_iri: Option<&str>,
        cancel: Option<CancellationToken>,
    ) -> Result<QueryResults<'static>, StoreError> {
        let mut evaluator = SparqlEvaluator::new();
        if let Some(base) = base_iri {
            evaluator = evaluator
                .with_base_iri(base)
                .map_err(|e| StoreError::Syntax(format!("bad base IRI <{base}>: {e}")))?;
        }
        if let Some(c) = cancel {
            evaluator = evaluator.with_cancellation_token(c);
        }
        let mut prepared = evaluator
            .parse_query(sparql)
            .map_err(|e| StoreError::Syntax(e.to_string()))?;
        let iri = |s: &String| {
            NamedNode::new(s.as_str())
                .map_err(|e| StoreError::Syntax(format!("bad graph IRI <{s}>: {e}")))
        };
        if !default_graphs.is_empty() {
            let graphs = default_graphs
                .iter()
                .map(|g| iri(g).map(oxigraph::model::GraphName::from))
                .collect::<Result<Vec<_>, _>>()?;
            prepared.dataset_mut().set_default_graph(graphs);
        }
        if !named_graphs.is_empty() {
            let graphs = named_graphs
                .iter()
                .map(|g| iri(g).map(oxigraph::model::NamedOrBlankNode::from))
                .collect::<Result<Vec<_>, _>>()?;
            prepared.dataset_mut().set_available_named_graphs(graphs);
        }
        if default_graphs.is_empty()
            && named_graphs.is_empty()
            && prepared.dataset().is_default_dataset()
        {
            prepared.dataset_mut().set_default_graph_as_union();
        }
        prepared
            .on_store(&self.inner)
            .execute()
            .map_err(|e| StoreError::Evaluation(e.to_string()))
    }

    /// Runs a SPARQL update (only the server's authorised update endpoint
    /// calls this).
    pub fn update(&self, sparql: &str) -> Result<(), StoreError> {
        self.update_dataset(sparql, &[], &[], None)
    }

    /// Runs a SPARQL update with the protocol's `using-graph-uri` and
    /// `using-named-graph-uri`, which apply to every DELETE/INSERT
    /// operation; an update that names its own dataset (USING, WITH) as well
    /// is an error.
    pub fn update_dataset(
        &self,
        sparql: &str,
        using: &[String],
        using_named: &[String],
        base_iri: Option<&str>,
    ) -> Result<(), StoreError> {
        let mut update = {
            let parser = spargebra::SparqlParser::new();
            match base_iri {
                Some(b) => parser
                    .with_base_iri(b)
                    .map_err(|e| StoreError::Syntax(format!("bad base IRI <{b}>: {e}")))?,
                None => parser,
            }
        }
        .parse_update(sparql)
        .map_err(|e| StoreError::Syntax(e.to_string()))?;
        if !using.is_empty() || !using_named.is_empty() {
            let upper = sparql.to_ascii_uppercase();
            if upper.contains("USING") || upper.contains("WITH ") || upper.contains("WITH<") {
                return Err(StoreError::Syntax(
                    "the update names its own dataset (USING/WITH) and the request gives using-graph-uri or using-named-graph-uri".into(),
                ));
            }
            let iri = |s: &String| {
                spargebra::term::NamedNode::new(s.as_str())
                    .map_err(|e| StoreError::Syntax(format!("bad graph IRI <{s}>: {e}")))
            };
            let default = using.iter().map(iri).collect::<Result<Vec<_>, _>>()?;
            let named = using_named.iter().map(iri).collect::<Result<Vec<_>, _>>()?;
            for op in &mut update.operations {
                if let spargebra::GraphUpdateOperation::DeleteInsert { using: u, .. } = op {
                    *u = Some(spargebra::algebra::QueryDataset {
                        default: default.clone(),
                        named: if named.is_empty() {
                            None
                        } else {
                            Some(named.clone())
                        },
                    });
                }
            }
        }
        SparqlEvaluator::new()
            .for_update(update)
            .on_store(&self.inner)
            .execute()
            .map_err(|e| StoreError::Evaluation(e.to_string()))
    }

    /// Whether graph `name` (None: the default graph) exists.
    pub fn graph_exists(&self, name: Option<&str>) -> Result<bool, StoreError> {
        match name {
            None => Ok(true),
            Some(g) => Ok(self
                .inner
                .contains_named_graph(NamedOrBlankNodeRef::NamedNode(
                    Self::graph_iri(g)?.as_ref(),
                ))?),
        }
    }

    fn graph_iri(g: &str) -> Result<NamedNode, StoreError> {
        NamedNode::new(g).map_err(|e| StoreError::Syntax(format!("bad graph IRI <{g}>: {e}")))
    }

    fn graph_name(name: Option<&str>) -> Result<oxigraph::model::GraphName, StoreError> {
        Ok(match name {
            None => oxigraph::model::GraphName::DefaultGraph,
            Some(g) => Self::graph_iri(g)?.into(),
        })
    }

    /// The triples of graph `name` (None: the default graph).
    pub fn graph_triples(
        &self,
        name: Option<&str>,
    ) -> Result<Vec<oxigraph::model::Triple>, StoreError> {
        let graph = Self::graph_name(name)?;
        self.inner
            .quads_for_pattern(None, None, None, Some(graph.as_ref()))
            .map(|q| {
                q.map(|q| oxigraph::model::Triple::new(q.subject, q.predicate, q.object))
                    .map_err(StoreError::from)
            })
            .collect()
    }

    /// Puts triples into graph `name`, replacing it when `replace`, in one
    /// transaction. Returns whether the graph was new.
    pub fn write_graph(
        &self,
        name: Option<&str>,
        triples: Vec<oxigraph::model::Triple>,
        replace: bool,
    ) -> Result<bool, StoreError> {
        let existed = name.is_none() || self.graph_exists(name)?;
        let graph = Self::graph_name(name)?;
        let mut t = self.inner.start_transaction()?;
        if replace {
            t.clear_graph(graph.as_ref())?;
        }
        if let oxigraph::model::GraphName::NamedNode(n) = &graph {
            t.insert_named_graph(NamedOrBlankNodeRef::NamedNode(n.as_ref()));
        }
        for tr in triples {
            t.insert(&Quad::new(
                tr.subject,
                tr.predicate,
                tr.object,
                graph.clone(),
            ));
        }
        t.commit()?;
        Ok(!existed)
    }

    /// Drops graph `name` (the default graph is emptied). Returns whether
    /// it existed.
    pub fn drop_graph(&self, name: Option<&str>) -> Result<bool, StoreError> {
        let existed = self.graph_exists(name)?;
        let mut t = self.inner.start_transaction()?;
        match name {
            None => t.clear_graph(oxigraph::model::GraphNameRef::DefaultGraph)?,
            Some(g) => {
                t.remove_named_graph(NamedOrBlankNodeRef::NamedNode(Self::graph_iri(g)?.as_ref()))?
            }
        }
        t.commit()?;
        Ok(existed)
    }

    /// Like [`Store::query`], stopping when `cancel` is cancelled.
    pub fn query_with(
        &self,
        sparql: &str,
        cancel: Option<CancellationToken>,
    ) -> Result<QueryResults<'static>, StoreError> {
        // Built without oxigraph's HTTP client: SERVICE never reaches the network.
        let mut evaluator = SparqlEvaluator::new();
        if let Some(c) = cancel {
            evaluator = evaluator.with_cancellation_token(c);
        }
        let mut prepared = evaluator
            .parse_query(sparql)
            .map_err(|e| StoreError::Syntax(e.to_string()))?;
        if prepared.dataset().is_default_dataset() {
            prepared.dataset_mut().set_default_graph_as_union();
        }
        prepared
            .on_store(&self.inner)
            .execute()
            .map_err(|e| StoreError::Evaluation(e.to_string()))
    }

    /// Writes every quad of the store. Quad formats keep the graphs; triple
    /// formats (Turtle, N-Triples) get the union of all graphs.
    pub fn dump<W: Write>(&self, format: RdfFormat, writer: W) -> Result<W, StoreError> {
        if format.supports_datasets() {
            return self
                .inner
                .dump_to_writer(
                    RdfSerializer::from_format(format)
                        .with_prefix("fkg", fkg_model::vocab::FKG)
                        .expect("valid prefix")
                        .with_prefix("fkr", fkg_model::vocab::FKR)
                        .expect("valid prefix")
                        .with_prefix("fkd", fkg_model::vocab::FKD)
                        .expect("valid prefix"),
                    writer,
                )
                .map_err(|e| StoreError::Load(e.to_string()));
        }
        let mut s = RdfSerializer::from_format(format)
            .with_prefix("fkg", fkg_model::vocab::FKG)
            .expect("valid prefix")
            .with_prefix("fkr", fkg_model::vocab::FKR)
            .expect("valid prefix")
            .for_writer(writer);
        let mut seen = std::collections::HashSet::new();
        for q in self.inner.iter() {
            let t = q?;
            let triple = oxigraph::model::Triple::new(t.subject, t.predicate, t.object);
            if seen.insert(triple.clone()) {
                s.serialize_triple(&triple)?;
            }
        }
        Ok(s.finish()?)
    }

    /// The documents in the store, sorted by id.
    pub fn documents(&self) -> Result<Vec<StoredDocument>, StoreError> {
        let q = format!(
            "PREFIX fkg: <{fkg}> PREFIX dcterms: <http://purl.org/dc/terms/>
             SELECT ?d ?title ?sha (COUNT(DISTINCT ?st) AS ?n)
                    (GROUP_CONCAT(DISTINCT ?source; separator=\"\\n\") AS ?sources) WHERE {{
               GRAPH ?d {{ ?d a fkg:Document .
                 OPTIONAL {{ ?d dcterms:title ?title }} OPTIONAL {{ ?d fkg:sourceFile ?source }}
                 OPTIONAL {{ ?d fkg:sha256 ?sha }}
                 OPTIONAL {{ ?st <http://www.w3.org/ns/prov#wasDerivedFrom> ?d }} }}
             }} GROUP BY ?d ?title ?sha ORDER BY ?d",
            fkg = fkg_model::vocab::FKG
        );
        let mut out = Vec::new();
        let infos = self.document_infos()?;
        if let QueryResults::Solutions(rows) = self.query(&q)? {
            for row in rows {
                let row = row.map_err(|e| StoreError::Evaluation(e.to_string()))?;
                let iri = match row.get("d") {
                    Some(Term::NamedNode(n)) => n.as_str().to_string(),
                    _ => continue,
                };
                let lit = |v: &str| match row.get(v) {
                    Some(Term::Literal(l)) => Some(l.value().to_string()),
                    _ => None,
                };
                let mut sources: Vec<String> = lit("sources")
                    .unwrap_or_default()
                    .split('\n')
                    .filter(|s| !s.is_empty())
                    .map(str::to_string)
                    .collect();
                sources.sort();
                let id = iri
                    .strip_prefix(fkg_model::vocab::FKD)
                    .unwrap_or(&iri)
                    .to_string();
                let info = infos.get(&id).cloned().unwrap_or_default();
                out.push(StoredDocument {
                    id,
                    iri,
                    title: lit("title"),
                    date: info.date,
                    publisher: info.publisher,
                    creators: info.creators,
                    source_url: info.source_url,
                    pages: info.pages,
                    format: info.format,
                    citation: info.citation,
                    source: sources.first().cloned(),
                    sources,
                    sha256: lit("sha"),
                    statements: lit("n").and_then(|n| n.parse().ok()).unwrap_or(0),
                    near_copy_of: None,
                });
            }
        }
        // The most similar original of each near-copy (the smaller id on a tie).
        let mut best: BTreeMap<String, NearCopyOf> = BTreeMap::new();
        for p in self.near_copies()? {
            let better = best.get(&p.copy).is_none_or(|b| {
                p.similarity > b.similarity || (p.similarity == b.similarity && p.original < b.id)
            });
            if better {
                best.insert(
                    p.copy.clone(),
                    NearCopyOf {
                        id: p.original,
                        similarity: p.similarity,
                    },
                );
            }
        }
        for d in &mut out {
            d.near_copy_of = best.remove(&d.id);
        }
        Ok(out)
    }

    /// Counts of what the store holds, for summaries.
    pub fn counts(&self) -> Result<BTreeMap<&'static str, usize>, StoreError> {
        let q = format!(
            "PREFIX fkg: <{fkg}> PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
             SELECT (COUNT(DISTINCT ?d) AS ?docs) (COUNT(DISTINCT ?e) AS ?ents) (COUNT(DISTINCT ?st) AS ?sts) WHERE {{
               {{ GRAPH ?d {{ ?d a fkg:Document }} }} UNION
               {{ GRAPH ?g {{ ?e fkg:mentionedIn ?g }} }} UNION
               {{ GRAPH ?g {{ ?st a rdf:Statement }} }} }}",
            fkg = fkg_model::vocab::FKG
        );
        let mut out = BTreeMap::new();
        if let QueryResults::Solutions(mut rows) = self.query(&q)? {
            if let Some(row) = rows.next() {
                let row = row.map_err(|e| StoreError::Evaluation(e.to_string()))?;
                for (k, v) in [
                    ("documents", "docs"),
                    ("entities", "ents"),
                    ("statements", "sts"),
                ] {
                    let n = match row.get(v) {
                        Some(Term::Literal(l)) => l.value().parse().unwrap_or(0),
                        _ => 0,
                    };
                    out.insert(k, n);
                }
            }
        }
        out.insert("quads", self.inner.len()?);
        Ok(out)
    }
}

/// Writes a read-model plan into a transaction: removals first.
fn apply(t: &mut oxigraph::store::Transaction<'_>, plan: readmodel::Plan) {
    for q in &plan.remove {
        t.remove(q);
    }
    t.extend(plan.insert.iter().chain(&plan.insert_fresh));
}
