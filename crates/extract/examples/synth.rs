//! Writes a synthetic corpus for whole-process benchmarks:
//! `cargo run --release -p fkg-extract --example synth -- DIR MEGABYTES [DOC_KIB]`.
#![allow(clippy::print_stdout)]

#[path = "../benches/synth.rs"]
mod synth;

fn main() -> std::io::Result<()> {
    let args: Vec<String> = std::env::args().collect();
    let dir = std::path::PathBuf::from(args.get(1).map_or("synthetic", String::as_str));
    let mb: usize = args.get(2).and_then(|s| s.parse().ok()).unwrap_or(50);
    let doc_kib: usize = args.get(3).and_then(|s| s.parse().ok()).unwrap_or(64);
    std::fs::create_dir_all(&dir)?;
    let docs = mb * 1024 / doc_kib;
    for i in 0..docs {
        std::fs::write(
            dir.join(format!("doc{i:06}.txt")),
            synth::corpus(doc_kib * 1024, i as u64 + 1),
        )?;
    }
    println!("{docs} documents of {doc_kib} KiB in {}", dir.display());
    Ok(())
}
