//! Ingest throughput into an on-disk store: quads per second, through the
//! bulk loader (new documents) and through per-document transactions
//! (replacements).
//!
//! `cargo bench -p fkg-store`

use criterion::{criterion_group, criterion_main, BatchSize, Criterion, Throughput};
use fkg_store::{document_quads, DocumentRecord, Store};

#[path = "../../extract/benches/synth.rs"]
mod synth;

fn documents() -> Vec<(DocumentRecord, Vec<oxigraph::model::Quad>)> {
    let ex = fkg_extract::Extractor::new().expect("lexicon");
    (0..16u64)
        .map(|i| {
            let text = synth::corpus(64 * 1024, i + 1);
            let x = ex.extract(&text);
            let record = DocumentRecord {
                id: format!("doc{i}"),
                title: None,
                source_file: format!("doc{i}.txt"),
                sha256: format!("{i:064x}"),
                length: text.chars().count(),
                ingested_at: "2026-01-01T00:00:00Z".into(),
                text: Some(text.clone()),
                person_names: Vec::new(),
                ..DocumentRecord::default()
            };
            let quads = document_quads(&record, &x);
            (record, quads)
        })
        .collect()
}

fn ingest(c: &mut Criterion) {
    let docs = documents();
    let quads: usize = docs.iter().map(|(_, q)| q.len()).sum();
    let mut group = c.benchmark_group("ingest_1MiB_text");
    group.sample_size(10);
    group.throughput(Throughput::Elements(quads as u64));
    group.bench_function("bulk_loader", |b| {
        b.iter_batched(
            || tempfile::tempdir().expect("tempdir"),
            |dir| {
                let store = Store::open(dir.path()).expect("store");
                store
                    .bulk_ingest(docs.iter().map(|(r, q)| (r.id.clone(), q.clone())))
                    .expect("bulk");
                dir
            },
            BatchSize::PerIteration,
        )
    });
    group.bench_function("transactions", |b| {
        b.iter_batched(
            || tempfile::tempdir().expect("tempdir"),
            |dir| {
                let store = Store::open(dir.path()).expect("store");
                for (record, q) in &docs {
                    store.ingest(record, q).expect("ingest");
                }
                dir
            },
            BatchSize::PerIteration,
        )
    });
    group.finish();
}

criterion_group!(benches, ingest);
criterion_main!(benches);
