//! Whole-process benchmark on a synthetic graph: path queries (k = 5
//! between far-apart entities, p50/p99) and GEXF export (time; peak memory
//! from `/usr/bin/time -v`). Also writes the edge list for the networkx
//! side of the comparison (`benches/networkx_paths.py`).
//!
//! `cargo run --release -p fkg-graph --example bench_paths -- EDGES QUERIES OUT_DIR`
#![allow(clippy::print_stdout)]

use fkg_graph::{PathQuery, SupplyGraph};
use fkg_model::{EdgeRecord, Support};
use std::io::Write;
use std::time::Instant;

fn main() -> std::io::Result<()> {
    let args: Vec<String> = std::env::args().collect();
    let edges: usize = args
        .get(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(1_000_000);
    let queries: usize = args.get(2).and_then(|s| s.parse().ok()).unwrap_or(200);
    let out = std::path::PathBuf::from(args.get(3).map_or("/tmp/fkg-bench", String::as_str));
    std::fs::create_dir_all(&out)?;
    let nodes = edges / 5;
    // A layered supply network: sources -> brokers -> cartels -> places,
    // with random shortcuts, so that far-apart pairs have many paths.
    let mut state: u64 = 0x2545_f491_4f6c_dd1d;
    let mut rnd = |n: usize| {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        (state % n as u64) as usize
    };
    let props = ["suppliesTo", "trafficsTo", "operatesIn", "laundersMoneyFor"];
    let t0 = Instant::now();
    let mut records = Vec::with_capacity(edges);
    let mut list = std::io::BufWriter::new(std::fs::File::create(out.join("edges.tsv"))?);
    for i in 0..edges {
        let s = rnd(nodes);
        // Mostly forward edges (s -> a node a little further on).
        let o = if i % 10 == 0 {
            rnd(nodes)
        } else {
            (s + 1 + rnd(50)) % nodes
        };
        if s == o {
            continue;
        }
        let p = props[rnd(props.len())];
        let docs = 1 + rnd(3);
        writeln!(list, "{s}\t{o}\t{p}\t{docs}")?;
        let mut record = EdgeRecord {
            subject: format!("n{s}"),
            subject_label: format!("entity {s}"),
            subject_class: "Cartel".into(),
            property: p.into(),
            object: format!("n{o}"),
            object_label: format!("entity {o}"),
            object_class: "Country".into(),
            statements: 0,
            documents: 0,
            confidence: 0.0,
            support: (0..docs)
                .map(|d| Support {
                    document: format!("d{}", (s + d) % 997),
                    evidence: format!("entity {s} {p} entity {o}"),
                    speaker: None,
                    confidence: 0.8,
                    source: None,
                    page: None,
                })
                .collect(),
        };
        record.count_support();
        records.push(record);
    }
    list.flush()?;
    let generated = t0.elapsed();
    let t1 = Instant::now();
    let gexf_records = records.clone();
    let graph = SupplyGraph::new(records);
    let built = t1.elapsed();
    let mut times = Vec::new();
    let mut pairs = std::io::BufWriter::new(std::fs::File::create(out.join("pairs.tsv"))?);
    let mut found = 0;
    for _ in 0..queries {
        let a = rnd(nodes);
        let b = (a + 100 + rnd(50)) % nodes; // about three hops apart
        let (Some(x), Some(y)) = (graph.find(&format!("n{a}")), graph.find(&format!("n{b}")))
        else {
            continue;
        };
        writeln!(pairs, "{a}\t{b}")?;
        let t = Instant::now();
        let paths = graph.paths(
            x,
            y,
            &PathQuery {
                k: 5,
                max_hops: 4,
                ..PathQuery::default()
            },
        );
        times.push(t.elapsed().as_secs_f64() * 1000.0);
        found += usize::from(!paths.is_empty());
    }
    pairs.flush()?;
    times.sort_by(|a, b| a.total_cmp(b));
    let pct = |p: f64| times[((times.len() as f64 - 1.0) * p) as usize];
    let t2 = Instant::now();
    let file = std::io::BufWriter::new(std::fs::File::create(out.join("graph.gexf"))?);
    fkg_export::gexf(&gexf_records, file)?;
    let exported = t2.elapsed();
    println!(
        "{} edges, {} nodes: generated in {:.1} s, graph built in {:.1} s",
        graph.graph.edge_count(),
        graph.graph.node_count(),
        generated.as_secs_f64(),
        built.as_secs_f64()
    );
    println!(
        "paths k=5 max 4 hops, {} queries ({found} with paths): p50 {:.1} ms, p99 {:.1} ms",
        times.len(),
        pct(0.5),
        pct(0.99)
    );
    println!(
        "GEXF export of {} edges: {:.1} s",
        gexf_records.len(),
        exported.as_secs_f64()
    );
    Ok(())
}
