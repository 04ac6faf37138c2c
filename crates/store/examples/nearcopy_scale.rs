//! How finding near-copies scales: N synthetic documents of about 2 KiB
//! (one in twenty a re-post of another with a new header and a changed
//! line) stored without extraction, then `Store::refresh_near_copies`
//! timed. `cargo run --release -p fkg-store --example nearcopy_scale -- 2000 20000`
#![allow(clippy::print_stdout)]

use fkg_model::Extraction;
use fkg_store::{document_quads, DocumentRecord, Store};
use std::time::Instant;

fn text(seed: u64) -> String {
    // A vocabulary of 5,000 words, 350 words per text.
    let mut x = seed.wrapping_mul(0x9e37_79b9_7f4a_7c15) | 1;
    (0..350)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            format!("w{}", x % 5000)
        })
        .collect::<Vec<_>>()
        .join(" ")
}

fn main() {
    for n in std::env::args()
        .skip(1)
        .map(|a| a.parse::<usize>().expect("a count"))
    {
        let dir = tempfile::tempdir().expect("temp dir");
        let store = Store::open(dir.path().join("store")).expect("store");
        let t = Instant::now();
        let docs = (0..n).map(|i| {
            let body = if i % 20 == 19 {
                let mut words: Vec<String> =
                    text(i as u64 - 1).split(' ').map(String::from).collect();
                words[100] = "changed".into();
                format!("REPOSTED\n{}\nshare this", words.join("  "))
            } else {
                text(i as u64)
            };
            let record = DocumentRecord {
                id: format!("d{i:06}"),
                title: None,
                source_file: format!("d{i:06}.txt"),
                sha256: format!("{i:064}"),
                length: body.chars().count(),
                ingested_at: "2026-12-03T00:00:00Z".into(),
                text: Some(body),
                person_names: Vec::new(),
                ..DocumentRecord::default()
            };
            let quads = document_quads(&record, &Extraction::default());
            (record.id, quads)
        });
        store.bulk_ingest(docs).expect("ingest");
        let stored = t.elapsed();
        let t = Instant::now();
        let pairs = store.refresh_near_copies().expect("near-copies");
        let first = t.elapsed();
        let t = Instant::now();
        store.refresh_near_copies().expect("near-copies");
        let again = t.elapsed();
        println!(
            "{n} documents: stored (with signatures) in {stored:.2?}; near-copies: {pairs} pairs in {first:.2?}, unchanged again in {again:.2?}"
        );
    }
}
