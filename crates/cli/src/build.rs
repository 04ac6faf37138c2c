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
use fkg_extract::{apply_renames, person_renames, Extractor, PersonRenames};
use fkg_model::{EntityClass, Extraction, Severity};
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
    /// The encoding of texts that are not UTF-8 (`--encoding`).
    pub encoding: Option<String>,
    /// The `--meta` table.
    pub meta: Option<PathBuf>,
}

/// The reader and the `--meta` table the options name.
fn read_options(opts: &Options) -> Result<input::ReadOptions> {
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

/// A document file as hashed in the first pass (its text is read again
/// when its batch comes).
struct Hashed {
    id: String,
    path: PathBuf,
    sha256: String,
    meta_hash: Option<String>,
    meta_row: Option<usize>,
    notes: Vec<String>,
    bytes: usize,
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

pub fn build(store_path: &Path, paths: &[PathBuf], opts: &Options) -> Result<ExitCode> {
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(opts.jobs.unwrap_or(0))
        .build()
        .context("cannot start worker threads")?;
    let read_opts = read_options(opts)?;
    // Open the store first: a locked store fails before any work.
    let store = Store::open(store_path)?;
    let (files, mut rejected) = input::collect(paths);
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
    let read: Vec<Result<Hashed, input::Rejected>> = pool.install(|| {
        files
            .par_iter()
            .map(|p| {
                input::read(p, &read_opts).map(|d| Hashed {
                    id: d.id,
                    path: d.path,
                    bytes: d.text.len(),
                    sha256: d.sha256,
                    meta_hash: d.meta_hash,
                    meta_row: d.meta_row,
                    notes: d.notes,
                })
            })
            .collect()
    });
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
    let mut kept: Vec<Hashed> = Vec::new();
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
    let extractor = Extractor::new().context("the bundled lexicons do not parse")?;
    let gazetteer = fkg_extract::gazetteer_entities(extractor.lexicon());
    store.load_reference(reference_quads(ONTOLOGY, &gazetteer)?)?;
    let mut people = People::load(&store)?;
    let now = crate::commands::now_rfc3339();
    let (mut added, mut replaced, mut resolved_again) = (0, 0, 0);
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
                    let read = input::read(&d.path, &read_opts)?;
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
                .map(|(_, _, d)| extract_guarded(&extractor, &d.text))
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
                .bulk_ingest(fresh.iter().map(|(record, x)| {
                    bar_ref.inc(1);
                    (record.id.clone(), document_quads(record, x))
                }))
                .context("cannot store the new documents")?;
        }
        drop(fresh);
        for &(i, _) in batch.iter().filter(|(i, _)| !failed.contains(i)) {
            let d = &docs[i];
            attach(&store, &d.id, &d.path)?;
            for p in &copies[i] {
                attach(&store, &d.id, p)?;
            }
        }
        resolved_again += resolve_again(&store, &extractor, &people, &affected)?;
    }
    // Each file is the source of one document (a file whose text changed
    // leaves the document it was a copy of).
    for (id, path) in &sources {
        attach(&store, id, path)?;
    }
    let unchanged = unchanged_ids.len();
    for id in &unchanged_ids {
        let (statements, ids) = store.document_summary(id)?;
        facts += statements;
        entities.extend(ids);
    }
    bar.inc(unchanged as u64);
    bar.finish_and_clear();
    for r in &rejected {
        eprintln!("fkg: skipped {}: {}", r.path.display(), r.reason);
    }
    println!(
        "{} documents ({added} added, {replaced} replaced, {unchanged} unchanged{}{}), {} entities, {facts} statements, {diagnostics} diagnostics{}",
        added + replaced + unchanged,
        match n_copies {
            0 => String::new(),
            1 => "; 1 identical copy read as the same document".to_string(),
            n => format!("; {n} identical copies read as the same documents"),
        },
        match resolved_again {
            0 => String::new(),
            1 => "; 1 stored document resolved again".to_string(),
            n => format!("; {n} stored documents resolved again"),
        },
        entities.len(),
        if rejected.is_empty() {
            String::new()
        } else {
            format!(", {} skipped", rejected.len())
        }
    );
    println!("store: {}", store_path.display());
    Ok(if rejected.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
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
fn extract_guarded(extractor: &Extractor, text: &str) -> Result<Extraction, String> {
    EXTRACTING.with(|c| c.set(true));
    let outcome =
        std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| extractor.extract(text)));
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
fn resolve_again(
    store: &Store,
    extractor: &Extractor,
    people: &People,
    ids: &[String],
) -> Result<usize> {
    let mut n = 0;
    for id in ids {
        let Some((mut record, sources)) = store.stored_record(id)? else {
            tracing::warn!("document {id} has no stored text: it is not resolved again");
            continue;
        };
        let mut x = extractor.extract(record.text.as_deref().unwrap_or_default());
        apply_renames(&mut x, &people.renames);
        record.person_names = people.names.get(id).cloned().unwrap_or_default();
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
