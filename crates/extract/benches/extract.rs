//! Extraction throughput on a synthetic corpus (MB/s on one core).
//!
//! `cargo bench -p fkg-extract`

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use fkg_extract::Extractor;

mod synth;

fn extraction(c: &mut Criterion) {
    let ex = Extractor::new().expect("lexicon");
    let mut group = c.benchmark_group("extract");
    // One document of 64 KiB, of 1 MiB and of 4 MiB: throughput per core,
    // and whether the cost grows linearly with a document's size.
    for size in [64 * 1024, 1024 * 1024, 4 * 1024 * 1024] {
        let text = synth::corpus(size, 7);
        group.throughput(Throughput::Bytes(text.len() as u64));
        group.sample_size(10);
        group.bench_function(format!("one_document_{}KiB", size / 1024), |b| {
            b.iter(|| ex.extract(&text))
        });
    }
    group.finish();
}

criterion_group!(benches, extraction);
criterion_main!(benches);
