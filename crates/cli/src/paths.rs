//! `fkg paths`: supply-chain paths and neighbourhoods with their evidence.

use crate::cli::PathFormat;
use crate::commands::{open_existing, resolve_entity};
use anyhow::{bail, Result};
use fkg_graph::NodeIndex as NodeRef;
use fkg_graph::{Path as GraphPath, PathQuery, SupplyGraph};
use fkg_model::Property;
use fkg_store::Store;
use std::io::Write;
use std::process::ExitCode;

/// One entity by name, or a clear error naming the candidates.
fn entity(store: &Store, graph: &SupplyGraph, name: &str) -> Result<NodeRef> {
    let found = resolve_entity(store, name)?;
    let iri = match found.as_slice() {
        [] => bail!(
            "no entity named {name:?} in the store (`fkg query` or /api/entities?q= can search)"
        ),
        [one] => one.0.clone(),
        many => {
            let list: Vec<String> = many
                .iter()
                .map(|(iri, label)| format!("  {label}  <{iri}>"))
                .collect();
            bail!(
                "{name:?} is ambiguous; it names:\n{}\ngive one of these labels or IRIs",
                list.join("\n")
            )
        }
    };
    graph.find(&iri).ok_or_else(|| {
        anyhow::anyhow!("{name:?} (<{iri}>) takes part in no relation the paths may follow")
    })
}

pub fn run(store_path: &std::path::Path, r: crate::cli::PathsArgs) -> Result<ExitCode> {
    let store = open_existing(store_path)?;
    let mut properties = Vec::new();
    for p in &r.predicates {
        match Property::from_local_name(p.trim()) {
            Some(p) => properties.push(p),
            None => bail!(
                "unknown property {p:?}; the contract's properties are {}",
                Property::ALL
                    .iter()
                    .map(|p| p.local_name())
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        }
    }
    let graph = SupplyGraph::new(fkg_store::explain::edges(&store, &properties)?);
    let mut q = PathQuery {
        k: r.k,
        max_hops: r.max_hops,
        properties: properties
            .iter()
            .map(|p| p.local_name().to_string())
            .collect(),
        undirected: r.undirected,
        min_sources: r.min_sources,
        ..PathQuery::default()
    };
    for v in &r.via {
        q.via.push(entity(&store, &graph, v)?);
    }
    for a in &r.avoid {
        q.avoid.push(entity(&store, &graph, a)?);
    }
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    if let Some(center) = &r.around {
        let c = entity(&store, &graph, center)?;
        let near = graph.neighbourhood(c, r.max_hops, &q);
        if r.format == PathFormat::Json {
            let v: Vec<serde_json::Value> = near
                .iter()
                .map(|(n, d)| serde_json::json!({"iri": graph.graph[*n].iri, "label": graph.graph[*n].label, "class": graph.graph[*n].class, "hops": d}))
                .collect();
            serde_json::to_writer_pretty(&mut out, &v)?;
            writeln!(out)?;
        } else {
            writeln!(
                out,
                "{} entities within {} hops of {}:",
                near.len(),
                r.max_hops,
                graph.graph[c].label
            )?;
            for (n, d) in near {
                writeln!(
                    out,
                    "  {d}  {} ({})",
                    graph.graph[n].label, graph.graph[n].class
                )?;
            }
        }
        out.flush()?;
        return Ok(ExitCode::SUCCESS);
    }
    let (from, to) = (
        r.from.as_deref().unwrap_or(""),
        r.to.as_deref().unwrap_or(""),
    );
    let (f, t) = (entity(&store, &graph, from)?, entity(&store, &graph, to)?);
    let paths = graph.paths(f, t, &q);
    if paths.is_empty() {
        eprintln!(
            "fkg: no path from {} to {} within {} hops over {} (try --max-hops, --undirected or more --predicates)",
            graph.graph[f].label,
            graph.graph[t].label,
            r.max_hops,
            r.predicates.join(",")
        );
        return Ok(ExitCode::from(1));
    }
    match r.format {
        PathFormat::Json => {
            let v: Vec<fkg_graph::PathReport> = paths.iter().map(|p| graph.report(p)).collect();
            serde_json::to_writer_pretty(&mut out, &v)?;
            writeln!(out)?;
        }
        PathFormat::Text => {
            for (i, p) in paths.iter().enumerate() {
                write_path(&mut out, &graph, i + 1, p)?;
            }
        }
        PathFormat::Gexf => fkg_export::gexf(&path_edges(&graph, &paths), &mut out)?,
        PathFormat::Dot => {
            writeln!(out, "digraph paths {{")?;
            for e in path_edges(&graph, &paths) {
                writeln!(
                    out,
                    "  \"{}\" -> \"{}\" [label=\"{} ({})\"];",
                    e.subject_label.replace('"', "'"),
                    e.object_label.replace('"', "'"),
                    e.property,
                    e.support.len()
                )?;
            }
            writeln!(out, "}}")?;
        }
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

fn ends(graph: &SupplyGraph, hop: &fkg_graph::Hop) -> (NodeRef, NodeRef) {
    let (a, b) = graph.graph.edge_endpoints(hop.edge).expect("edge");
    if hop.reversed {
        (b, a)
    } else {
        (a, b)
    }
}

fn write_path(out: &mut impl Write, graph: &SupplyGraph, n: usize, p: &GraphPath) -> Result<()> {
    let mut line = graph.graph[p.nodes[0]].label.clone();
    for h in &p.hops {
        let (_, b) = ends(graph, h);
        let arrow = if h.reversed { "←" } else { "→" };
        line.push_str(&format!(
            " —{}{arrow} {}",
            graph.graph[h.edge].property, graph.graph[b].label
        ));
    }
    writeln!(
        out,
        "{n}. {line}   ({} hop{}, cost {:.2})",
        p.hops.len(),
        if p.hops.len() == 1 { "" } else { "s" },
        p.cost
    )?;
    for h in &p.hops {
        let e = &graph.graph[h.edge];
        let (a, b) = graph.graph.edge_endpoints(h.edge).expect("edge");
        writeln!(
            out,
            "   {} {} {}  [{} document{}]",
            graph.graph[a].label,
            e.property,
            graph.graph[b].label,
            e.documents(),
            if e.documents() == 1 { "" } else { "s" }
        )?;
        for s in e.support.iter().take(3) {
            let who = s
                .speaker
                .as_ref()
                .map(|w| format!(", said by {w}"))
                .unwrap_or_default();
            let ev: String = s.evidence.chars().take(160).collect();
            let more = if s.evidence.chars().count() > 160 {
                "…"
            } else {
                ""
            };
            writeln!(out, "     “{ev}{more}” — {}{who}", s.document)?;
        }
        if e.support.len() > 3 {
            writeln!(out, "     (+{} more statements)", e.support.len() - 3)?;
        }
    }
    Ok(())
}

/// The relations on the paths, once each, for GEXF and DOT.
fn path_edges(graph: &SupplyGraph, paths: &[GraphPath]) -> Vec<fkg_model::EdgeRecord> {
    graph.records(paths.iter().flat_map(|p| p.hops.iter().map(|h| h.edge)))
}
