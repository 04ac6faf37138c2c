//! `fkg build`: documents are hashed first, then read, extracted and stored
//! in bounded batches, and people are resolved against every stored
//! document.
//!
//! Rationale: memory follows the batch, not the corpus, and a document
//! whose text is stored already is not extracted again. Cross-document
//! resolution (`fkg_extract::person_renames`) is a function of the set of
//! people's labels of the stored documents, which each document's graph
//! keeps as `fkg:personName`: a batch is resolved against the labels of
//! every stored document and of itself, and a stored document whose
//! renames that batch changes is extracted again from its stored text and
//! resolved anew. After every batch each stored document is resolved
//! against the whole stored collection, so the graph does not depend on
//! how the documents were batched or split between builds.

use crate::input;
use anyhow::{Context, Result};
use fkg_extract::{apply_renames, person_renames, ExtractOptions, Extractor, PersonRenames};
use fkg_model::{DocumentMeta, EntityClass, Extraction, Severity};
use fkg_store::{document_quads, reference_quads, DocumentRecord, Store};
use indicatif::{ProgressBar, ProgressStyle};
use rayon::prelude::*;
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

const ONTOLOGY: &str = include_str!("../../../ontology/fkg.ttl");

/// At most this much text is read and extracted at a time.
const BATCH_BYTES: usize = 8 * 1024 * 1024;

pub struct Options {
    pub jobs: Option<usize>,
    pub max_bytes: u64,
    pub quiet: bool,
    /// At most this many documents are extracted and stored at a time.
    pub batch: usize,
    /// For tests: abort the process after storing this batch (counted
    /// from 1), before the stored documents it renames are resolved again.
    pub abort_after_batch: Option<usize>,
    /// The encoding of texts that are not UTF-8 (`--encoding`).
    pub encoding: Option<String>,
    /// The `--meta` table.
    pub meta: Option<PathBuf>,
}

/// The reader and the `--meta` table the options name.
pub(crate) fn read_options(opts: &Options) -> Result<input::ReadOptions> {
    let mut reader = fkg_read::Reader::new();
    if let Some(label) = &opts.encoding {
        reader = reader.with_encoding(label).context("--encoding")?;
    }
    let table = match &opts.meta {
        Some(path) => {
            let file = std::fs::File::open(path)
                .with_context(|| format!("cannot read --meta {}", path.display()))?;
            let table = fkg_read::MetaTable::from_reader(std::io::BufReader::new(file))
                .with_context(|| format!("--meta {}", path.display()))?;
            let base = path
                .parent()
                .filter(|p| !p.as_os_str().is_empty())
                .unwrap_or(Path::new("."))
                .to_path_buf();
            Some((table, base))
        }
        None => None,
    };
    Ok(input::ReadOptions {
        max_bytes: opts.max_bytes,
        reader,
        table,
    })
}

/// The people's labels of the stored documents and the renames they give.
struct People {
    names: BTreeMap<String, Vec<String>>,
    renames: PersonRenames,
}

impl People {
    fn load(store: &Store) -> Result<Self> {
        let mut names: BTreeMap<String, Vec<String>> = BTreeMap::new();
        for (id, label) in store.person_names()? {
            names.entry(id).or_default().push(label);
        }
        let renames = person_renames(names.values().flatten().map(String::as_str));
        Ok(Self { names, renames })
    }

    /// Records the labels of documents about to be stored and returns the
    /// stored documents (not among them) whose renames change.
    fn update(&mut self, docs: &[(String, Vec<String>)]) -> Vec<String> {
        for (id, labels) in docs {
            self.names.insert(id.clone(), labels.clone());
        }
        let renames = person_renames(self.names.values().flatten().map(String::as_str));
        let batch: HashSet<&str> = docs.iter().map(|(id, _)| id.as_str()).collect();
        let affected = self
            .names
            .iter()
            .filter(|(id, _)| !batch.contains(id.as_str()))
            .filter(|(_, labels)| {
                labels.iter().any(|l| {
                    let k = fkg_model::slug(l);
                    self.renames.get(&k) != renames.get(&k)
                })
            })
            .map(|(id, _)| id.clone())
            .collect();
        self.renames = renames;
        affected
    }
}

/// The labels of the people of an extraction not yet resolved across
/// documents, sorted.
fn person_labels(x: &Extraction) -> Vec<String> {
    let set: BTreeSet<&str> = x
        .entities
        .iter()
        .filter(|e| e.class == EntityClass::Person)
        .map(|e| e.label.as_str())
        .collect();
    set.into_iter().map(String::from).collect()
}

/// A document to store: read from a file (its text read again when its
/// batch comes) or posted to the server (its text at hand).
pub(crate) struct Incoming {
    pub id: String,
    /// The file it was read from, or the name it was posted under.
    pub path: PathBuf,
    pub sha256: String,
    /// Hex SHA-256 of its metadata, `None` when it has none.
    pub meta_hash: Option<String>,
    /// The row of the `--meta` table that gave metadata.
    pub meta_row: Option<usize>,
    /// What reading it noticed.
    pub notes: Vec<String>,
    pub bytes: usize,
    /// The document itself when it was posted (a file is read again).
    pub read: Option<input::Document>,
}

impl From<input::Document> for Incoming {
    fn from(mut d: input::Document) -> Self {
        Self {
            id: d.id.clone(),
            path: d.path.clone(),
            sha256: d.sha256.clone(),
            meta_hash: d.meta_hash.clone(),
            meta_row: d.meta_row,
            notes: std::mem::take(&mut d.notes),
            bytes: d.text.len(),
            read: Some(d),
        }
    }
}

/// What a build did.
#[derive(Debug, Default)]
pub(crate) struct Summary {
    pub added: usize,
    pub replaced: usize,
    pub unchanged: usize,
    pub copies: usize,
    pub resolved_again: usize,
    pub entities: BTreeSet<String>,
    pub statements: usize,
    pub diagnostics: usize,
    /// Near-copy pairs in the store after the build.
    pub near_copies: usize,
    pub skipped: Vec<input::Rejected>,
}

impl Summary {
    /// The line `fkg build` prints.
    pub fn line(&self) -> String {
        format!(
            "{} documents ({} added, {} replaced, {} unchanged{}{}), {} entities, {} statements, {} diagnostics{}{}",
            self.added + self.replaced + self.unchanged,
            self.added,
            self.replaced,
            self.unchanged,
            match self.copies {
                0 => String::new(),
                1 => "; 1 identical copy read as the same document".to_string(),
                n => format!("; {n} identical copies read as the same documents"),
            },
            match self.resolved_again {
                0 => String::new(),
                1 => "; 1 stored document resolved again".to_string(),
                n => format!("; {n} stored documents resolved again"),
            },
            self.entities.len(),
            self.statements,
            self.diagnostics,
            match self.near_copies {
                0 => String::new(),
                1 => "; 1 near-copy pair in the store (fkg documents)".to_string(),
                n => format!("; {n} near-copy pairs in the store (fkg documents)"),
            },
            if self.skipped.is_empty() {
                String::new()
            } else {
                format!(", {} skipped", self.skipped.len())
            }
        )
    }

    /// The summary as `POST /api/documents` answers it.
    pub fn to_json(&self) -> serde_json::Value {
        serde_json::json!({
            "documents": self.added + self.replaced + self.unchanged,
            "added": self.added,
            "replaced": self.replaced,
            "unchanged": self.unchanged,
            "identical_copies": self.copies,
            "resolved_again": self.resolved_again,
            "entities": self.entities.len(),
            "entity_ids": self.entities,
            "statements": self.statements,
            "diagnostics": self.diagnostics,
            "near_copies": self.near_copies,
            "summary": self.line(),
        })
    }

    /// Adds the counts of a server's answer (`to_json`).
    pub fn add_json(&mut self, v: &serde_json::Value) {
        let n = |k: &str| v.get(k).and_then(serde_json::Value::as_u64).unwrap_or(0) as usize;
        self.added += n("added");
        self.replaced += n("replaced");
        self.unchanged += n("unchanged");
        self.copies += n("identical_copies");
        self.resolved_again += n("resolved_again");
        self.statements += n("statements");
        self.diagnostics += n("diagnostics");
        self.near_copies = n("near_copies");
        if let Some(ids) = v.get("entity_ids").and_then(serde_json::Value::as_array) {
            self.entities
                .extend(ids.iter().filter_map(|i| i.as_str().map(String::from)));
        }
    }
}

pub fn build(store_path: &Path, paths: &[PathBuf], opts: &Options) -> Result<ExitCode> {
    // The reader and the --meta table first: a table that does not parse
    // fails before any work.
    let read_opts = read_options(opts)?;
    // Open the store first: a locked store fails before any work, unless
    // a server holds it, which then takes the documents.
    let store = match Store::open(store_path) {
        Ok(s) => s,
        Err(e @ fkg_store::StoreError::Locked { .. }) => {
            return match crate::served::find(store_path)? {
                Some(server) => {
                    crate::served::build_through(&server, store_path, paths, opts, &read_opts)
                }
                None => Err(e.into()),
            };
        }
        Err(e) => return Err(e.into()),
    };
    let pool = pool(opts)?;
    let (files, rejected) = input::collect(paths);
    let bar = if opts.quiet || files.is_empty() {
        ProgressBar::hidden()
    } else {
        let b = ProgressBar::new(files.len() as u64);
        b.set_style(
            ProgressStyle::with_template(
                "{spinner} {msg:10} [{bar:30}] {pos}/{len} documents ({elapsed})",
            )
            .expect("template")
            .progress_chars("=> "),
        );
        b
    };
    bar.set_message("hashing");
    let read: Vec<Result<Incoming, input::Rejected>> = pool.install(|| {
        files
            .par_iter()
            .map(|p| {
                input::read(p, &read_opts).map(|d| Incoming {
                    id: d.id,
                    path: d.path,
                    bytes: d.text.len(),
                    sha256: d.sha256,
                    meta_hash: d.meta_hash,
                    meta_row: d.meta_row,
                    notes: d.notes,
                    read: None,
                })
            })
            .collect()
    });
    let extractor = Extractor::new().context("the bundled lexicons do not parse")?;
    let summary = store_documents(
        &store, &extractor, read, rejected, opts, &read_opts, None, &bar,
    )?;
    bar.finish_and_clear();
    for r in &summary.skipped {
        eprintln!("fkg: skipped {}: {}", r.path.display(), r.reason);
    }
    println!("{}", summary.line());
    println!("store: {}", store_path.display());
    Ok(if summary.skipped.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

fn pool(opts: &Options) -> Result<rayon::ThreadPool> {
    rayon::ThreadPoolBuilder::new()
        .num_threads(opts.jobs.unwrap_or(0))
        .build()
        .context("cannot start worker threads")
}

/// Adds documents to the store `fkg serve` holds (`POST /api/documents`):
/// the same steps as a build, the server's write lock taken only while
/// the store is written.
pub(crate) struct ServerIngest {
    extractor: Extractor,
    opts: Options,
    read_opts: input::ReadOptions,
}

impl ServerIngest {
    pub fn new(opts: Options) -> Result<Self> {
        Ok(Self {
            extractor: Extractor::new().context("the bundled lexicons do not parse")?,
            read_opts: read_options(&opts)?,
            opts,
        })
    }
}

impl fkg_server::Ingest for ServerIngest {
    fn ingest(
        &self,
        store: &Store,
        documents: Vec<fkg_server::PostedDocument>,
        gate: &fkg_server::WriteGate,
    ) -> Result<serde_json::Value, fkg_server::IngestError> {
        let mut read = Vec::new();
        let mut bad = Vec::new();
        for d in documents {
            let path = PathBuf::from(&d.name);
            if d.text.len() as u64 > self.opts.max_bytes {
                bad.push(format!(
                    "{}: {} bytes is over the limit of {}",
                    d.name,
                    d.text.len(),
                    self.opts.max_bytes
                ));
                continue;
            }
            let doc = match d.meta {
                Some(meta) => input::as_read(&path, d.text, meta, d.media_type.as_deref()),
                None => input::from_bytes(&path, d.text.as_bytes(), self.read_opts.reader),
            };
            match doc {
                Ok(doc) => read.push(Ok(Incoming::from(doc))),
                Err(r) => bad.push(format!("{}: {}", d.name, r.reason)),
            }
        }
        if !bad.is_empty() {
            return Err(fkg_server::IngestError::Rejected(format!(
                "nothing was stored; {}",
                bad.join("; ")
            )));
        }
        let summary = store_documents(
            store,
            &self.extractor,
            read,
            Vec::new(),
            &self.opts,
            &self.read_opts,
            Some(gate),
            &ProgressBar::hidden(),
        )
        .map_err(|e| fkg_server::IngestError::Failed(format!("{e:#}")))?;
        Ok(summary.to_json())
    }

    fn remove(
        &self,
        store: &Store,
        id: &str,
        source: Option<&str>,
        gate: &fkg_server::WriteGate,
    ) -> Result<serde_json::Value, fkg_server::IngestError> {
        let failed = |e: fkg_store::StoreError| fkg_server::IngestError::Failed(e.to_string());
        let _writing = gate.hold();
        let sources = match store.stored_record(id).map_err(failed)? {
            Some((_, sources)) => sources,
            None if store.document_hash(id).map_err(failed)?.is_some() => Vec::new(),
            None => {
                return Err(fkg_server::IngestError::NotFound(format!(
                    "no document {id:?}; GET /api/documents lists them"
                )))
            }
        };
        match source {
            Some(src) if sources.len() > 1 && sources.iter().any(|s| s == src) => {
                let left = store.detach_source(id, src).map_err(failed)?;
                Ok(
                    serde_json::json!({ "id": id, "removed": false, "detached": src, "sources": left }),
                )
            }
            Some(src) if !sources.iter().any(|s| s == src) => {
                Err(fkg_server::IngestError::NotFound(format!(
                    "{src:?} is not a source of document {id:?}"
                )))
            }
            _ => {
                store.remove(id).map_err(failed)?;
                Ok(serde_json::json!({ "id": id, "removed": true, "sources": sources }))
            }
        }
    }
}

/// Stores documents (those not read are skipped with a reason): identical
/// texts are one document, a text stored already is not extracted again,
/// the others are extracted and stored a batch at a time, and people are
/// resolved against every stored document. `gate` is held while the store
/// is written.
#[allow(clippy::too_many_arguments)]
pub(crate) fn store_documents(
    store: &Store,
    extractor: &Extractor,
    read: Vec<Result<Incoming, input::Rejected>>,
    mut rejected: Vec<input::Rejected>,
    opts: &Options,
    read_opts: &input::ReadOptions,
    gate: Option<&fkg_server::WriteGate>,
    bar: &ProgressBar,
) -> Result<Summary> {
    let pool = pool(opts)?;
    let hold = || gate.map(fkg_server::WriteGate::hold);
    let mut docs = Vec::new();
    let mut rows_used = HashSet::new();
    for r in read {
        match r {
            Ok(mut d) => {
                for n in d.notes.drain(..) {
                    bar.suspend(|| eprintln!("fkg: {}: {n}", d.path.display()));
                }
                rows_used.extend(d.meta_row);
                docs.push(d)
            }
            Err(e) => rejected.push(e),
        }
    }
    if let Some((table, _)) = &read_opts.table {
        for i in (0..table.len()).filter(|i| !rows_used.contains(i)) {
            bar.suspend(|| {
                eprintln!(
                    "fkg: --meta row {:?} names no file read by this build",
                    table.key(i)
                )
            });
        }
    }
    // Identical copies (the same text at several paths) are one document
    // read from several files: the first path stands for it, the others
    // are recorded as its sources, and its facts are counted once.
    let mut copies: Vec<Vec<PathBuf>> = Vec::new();
    let mut kept: Vec<Incoming> = Vec::new();
    let mut by_hash: HashMap<String, usize> = HashMap::new();
    for d in docs {
        match by_hash.get(&d.sha256) {
            Some(&i) => copies[i].push(d.path),
            None => {
                by_hash.insert(d.sha256.clone(), kept.len());
                kept.push(d);
                copies.push(Vec::new());
            }
        }
    }
    let mut docs = kept;
    let n_copies: usize = copies.iter().map(Vec::len).sum();
    // Two files with the same name in different folders get distinct ids.
    let mut seen = HashMap::new();
    for d in &mut docs {
        let n = seen.entry(d.id.clone()).or_insert(0);
        *n += 1;
        if *n > 1 {
            d.id = format!("{}_{}", d.id, &d.sha256[..8]);
        }
    }
    // Documents this build gives a new text: their old text is not there
    // to be the same as.
    // Documents whose metadata changed are stored again too.
    let mut replacing = HashSet::new();
    for d in &docs {
        if store.document_hash(&d.id)?.is_some_and(|h| {
            h != d.sha256 || store.document_meta_hash(&d.id).ok().flatten() != d.meta_hash
        }) {
            replacing.insert(d.id.clone());
        }
    }
    // What each document needs, decided before anything is written: the
    // same text stored already, under this id or another (a copy, a
    // renamed file), makes these files more sources of that document and
    // nothing is extracted.
    let mut unchanged_ids: Vec<String> = Vec::new();
    let mut todo: Vec<(usize, bool)> = Vec::new(); // (index in docs, replaces a stored one)
                                                   // (document id, file) pairs to record once the documents are stored.
    let mut sources: Vec<(String, PathBuf)> = Vec::new();
    for (i, (d, more)) in docs.iter().zip(&copies).enumerate() {
        let same_text = match store.document_with_hash(&d.sha256)? {
            Some(id) if !replacing.contains(&id) && store.document_has_text(&id)? => Some(id),
            _ => None,
        };
        match same_text {
            Some(id) => {
                sources.push((id.clone(), d.path.clone()));
                sources.extend(more.iter().map(|p| (id.clone(), p.clone())));
                unchanged_ids.push(id);
            }
            None => todo.push((i, store.document_hash(&d.id)?.is_some())),
        }
    }
    let gazetteer = fkg_extract::gazetteer_entities(extractor.lexicon());
    {
        let _writing = hold();
        store.load_reference(reference_quads(ONTOLOGY, &gazetteer)?)?;
    }
    let mut people = People::load(store)?;
    // A build killed after storing a batch and before resolving again the
    // stored documents it renames left them marked: resolve them first.
    let mut resolved_again = 0;
    let pending = store.to_resolve_again()?;
    if !pending.is_empty() {
        resolved_again += resolve_again(store, extractor, &people, &pending, &hold)?;
    }
    let now = crate::commands::now_rfc3339();
    let (mut added, mut replaced) = (0, 0);
    let mut batches = 0;
    let (mut facts, mut diagnostics) = (0usize, 0usize);
    let mut entities = BTreeSet::new();
    let batch_docs = opts.batch.max(1);
    let mut rest = todo.as_slice();
    while !rest.is_empty() {
        let mut n = 0;
        let mut bytes = 0;
        while n < rest.len()
            && n < batch_docs
            && (n == 0 || bytes + docs[rest[n].0].bytes <= BATCH_BYTES)
        {
            bytes += docs[rest[n].0].bytes;
            n += 1;
        }
        let (batch, tail) = rest.split_at(n);
        rest = tail;
        bar.set_message("extracting");
        let texts: Vec<Result<input::Document, input::Rejected>> = pool.install(|| {
            batch
                .par_iter()
                .map(|&(i, _)| {
                    let d = &docs[i];
                    if let Some(read) = &d.read {
                        return Ok(read.clone());
                    }
                    let read = input::read(&d.path, read_opts)?;
                    if read.sha256 != d.sha256 || read.meta_hash != d.meta_hash {
                        return Err(input::Rejected {
                            path: d.path.clone(),
                            reason: "changed while the build read it".into(),
                        });
                    }
                    Ok(read)
                })
                .collect()
        });
        let mut ready = Vec::new();
        // Documents of the batch not stored (unreadable now, or the
        // extractor failed): their files are no sources of anything.
        let mut failed = HashSet::new();
        for (t, &(i, replaces)) in texts.into_iter().zip(batch) {
            match t {
                Ok(t) => ready.push((i, replaces, t)),
                Err(e) => {
                    failed.insert(i);
                    rejected.push(e)
                }
            }
        }
        let outcomes: Vec<Result<Extraction, String>> = pool.install(|| {
            ready
                .par_iter()
                .map(|(_, _, d)| extract_guarded(extractor, &d.text, &d.meta))
                .collect()
        });
        // A document the extractor fails on is reported; the batch goes on.
        let mut extracted: Vec<Extraction> = Vec::with_capacity(outcomes.len());
        let mut kept = Vec::with_capacity(ready.len());
        for (r, outcome) in ready.into_iter().zip(outcomes) {
            match outcome {
                Ok(x) => {
                    extracted.push(x);
                    kept.push(r);
                }
                Err(message) => {
                    failed.insert(r.0);
                    rejected.push(input::Rejected {
                    path: docs[r.0].path.clone(),
                    reason: format!(
                        "the extractor failed on it ({message}); the other documents are stored. Please report this file"
                    ),
                })
                }
            }
        }
        let ready = kept;
        let labels: Vec<(String, Vec<String>)> = ready
            .iter()
            .zip(&extracted)
            .map(|((i, _, _), x)| (docs[*i].id.clone(), person_labels(x)))
            .collect();
        let affected = people.update(&labels);
        bar.set_message("storing");
        // Extraction is done: from here the batch writes, each write under
        // the gate (a server's query workers wait for a write, not a batch).
        {
            let _writing = hold();
            store.mark_resolve_again(&affected)?;
        }
        let mut fresh: Vec<(DocumentRecord, Extraction)> = Vec::new();
        for (((i, replaces, read), mut x), (_, names)) in
            ready.into_iter().zip(extracted.drain(..)).zip(labels)
        {
            let d = &docs[i];
            apply_renames(&mut x, &people.renames);
            facts += x.assertions.len();
            entities.extend(x.entities.iter().map(|e| e.id.clone()));
            for diag in &x.diagnostics {
                diagnostics += 1;
                if diag.severity != Severity::Info {
                    bar.suspend(|| eprintln!("fkg: {}: {}", d.path.display(), diag.message));
                }
            }
            let record = DocumentRecord {
                id: d.id.clone(),
                title: x.title.clone(),
                meta: read.meta,
                meta_hash: read.meta_hash,
                media_type: Some(read.media_type.to_string()),
                source_file: d.path.display().to_string(),
                sha256: d.sha256.clone(),
                length: read.text.chars().count(),
                ingested_at: now.clone(),
                text: Some(read.text),
                person_names: names,
            };
            if replaces {
                let quads = document_quads(&record, &x);
                let _writing = hold();
                store
                    .ingest(&record, &quads)
                    .with_context(|| format!("cannot store {}", d.path.display()))?;
                replaced += 1;
                bar.inc(1);
            } else {
                fresh.push((record, x));
            }
        }
        if !fresh.is_empty() {
            added += fresh.len();
            let bar_ref = &bar;
            store
                .bulk_ingest_locked(
                    fresh.iter().map(|(record, x)| {
                        bar_ref.inc(1);
                        (record.id.clone(), document_quads(record, x))
                    }),
                    hold,
                )
                .context("cannot store the new documents")?;
        }
        drop(fresh);
        let writing = hold();
        for &(i, _) in batch.iter().filter(|(i, _)| !failed.contains(i)) {
            let d = &docs[i];
            attach(store, &d.id, &d.path)?;
            for p in &copies[i] {
                attach(store, &d.id, p)?;
            }
        }
        drop(writing);
        batches += 1;
        if opts.abort_after_batch == Some(batches) {
            // Tests: a build killed between a batch and its resolution.
            std::process::abort();
        }
        resolved_again += resolve_again(store, extractor, &people, &affected, &hold)?;
    }
    // Each file is the source of one document (a file whose text changed
    // leaves the document it was a copy of).
    let writing = hold();
    for (id, path) in &sources {
        attach(store, id, path)?;
    }
    // Near-copies follow the set of stored texts.
    let near_copies = store.refresh_near_copies()?;
    drop(writing);
    let unchanged = unchanged_ids.len();
    for id in &unchanged_ids {
        let (statements, ids) = store.document_summary(id)?;
        facts += statements;
        entities.extend(ids);
    }
    bar.inc(unchanged as u64);
    Ok(Summary {
        added,
        replaced,
        unchanged,
        copies: n_copies,
        resolved_again,
        entities,
        statements: facts,
        diagnostics,
        near_copies,
        skipped: rejected,
    })
}

/// What the extractor is told about a document: its metadata's date, when
/// it has one, dates its statements and resolves their relative dates (its
/// dateline is read only when it has none).
pub(crate) fn extract_options(meta: &DocumentMeta) -> ExtractOptions {
    match &meta.date {
        Some(date) => ExtractOptions::new().with_document_date(date.clone()),
        None => ExtractOptions::new(),
    }
}

thread_local! {
    static EXTRACTING: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Whether a panic on this thread now is one of the extractor's that the
/// build catches and reports (the panic hook can stay quiet).
pub fn panic_is_caught() -> bool {
    EXTRACTING.with(|c| c.get())
}

/// Extracts `text`, turning a panic of the extractor into an error.
///
/// Rationale: extraction is meant never to fail, but a bug in it on one
/// document should cost that document, not the whole build.
fn extract_guarded(
    extractor: &Extractor,
    text: &str,
    meta: &DocumentMeta,
) -> Result<Extraction, String> {
    let options = extract_options(meta);
    EXTRACTING.with(|c| c.set(true));
    let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        extractor.extract_with(text, &options)
    }));
    EXTRACTING.with(|c| c.set(false));
    outcome.map_err(|payload| {
        let message = payload
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| payload.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "a panic without a message".to_string());
        tracing::debug!("the extractor panicked: {message}");
        let message = message.split_whitespace().collect::<Vec<_>>().join(" ");
        message.chars().take(120).collect()
    })
}

fn attach(store: &Store, id: &str, path: &Path) -> Result<()> {
    store
        .attach_source(id, &path.display().to_string())
        .with_context(|| format!("cannot record {} as a source", path.display()))?;
    Ok(())
}

/// Extracts stored documents again from their stored texts and stores them
/// resolved with the current renames, keeping their metadata (ingest time,
/// sources). Returns how many were stored again; a document stored without
/// its text (by an older build) is left as it is, with a warning.
fn resolve_again<G>(
    store: &Store,
    extractor: &Extractor,
    people: &People,
    ids: &[String],
    hold: &dyn Fn() -> G,
) -> Result<usize> {
    let mut n = 0;
    for id in ids {
        let Some((mut record, sources)) = store.stored_record(id)? else {
            tracing::warn!("document {id} has no stored text: it is not resolved again");
            continue;
        };
        let mut x = extractor.extract_with(
            record.text.as_deref().unwrap_or_default(),
            &extract_options(&record.meta),
        );
        apply_renames(&mut x, &people.renames);
        record.person_names = people.names.get(id).cloned().unwrap_or_default();
        let _writing = hold();
        store
            .replace(id, &document_quads(&record, &x))
            .with_context(|| format!("cannot store document {id} again"))?;
        for s in sources.iter().skip(1) {
            store.attach_source(id, s)?;
        }
        n += 1;
    }
    Ok(n)
}
