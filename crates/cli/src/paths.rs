//! `fkg paths`: supply-chain paths and neighbourhoods with their evidence.

use crate::cli::PathFormat;
use crate::commands::open_for_reading;
use anyhow::Result;
use fkg_paths::{PathRequest, PathService};
use std::io::Write;
use std::process::ExitCode;

pub fn run(store_path: &std::path::Path, r: crate::cli::PathsArgs) -> Result<ExitCode> {
    let service = PathService::new(open_for_reading(store_path)?);
    let request = PathRequest {
        from: r.from.clone().unwrap_or_default(),
        to: r.to.clone().unwrap_or_default(),
        k: r.k,
        max_hops: r.max_hops,
        via: r.via.clone(),
        avoid: r.avoid.clone(),
        predicates: r.predicates.clone(),
        undirected: r.undirected,
        min_sources: r.min_sources,
        expand: Vec::new(),
        since: r.dates.since.clone(),
        until: r.dates.until.clone(),
    };
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    if let Some(center) = &r.around {
        let near = service.around(center, &request)?;
        if r.format == PathFormat::Json {
            serde_json::to_writer_pretty(&mut out, &near)?;
            writeln!(out)?;
        } else {
            writeln!(
                out,
                "{} entities within {} hops of {}:",
                near.len(),
                r.max_hops,
                service.label(center)?
            )?;
            for n in near {
                writeln!(out, "  {}  {} ({})", n.hops, n.label, n.class)?;
            }
        }
        out.flush()?;
        return Ok(ExitCode::SUCCESS);
    }
    let answer = service.paths(&request)?;
    if answer.paths.is_empty() {
        let window = match (&r.dates.since, &r.dates.until) {
            (None, None) => String::new(),
            (s, u) => format!(
                " with statements dated {} to {}",
                s.as_deref().unwrap_or("any time"),
                u.as_deref().unwrap_or("any time")
            ),
        };
        eprintln!(
            "fkg: no path from {} to {} within {} hops over {}{window} (try --max-hops, --undirected or more --predicates)",
            answer.from,
            answer.to,
            r.max_hops,
            r.predicates.join(",")
        );
        return Ok(ExitCode::from(1));
    }
    match r.format {
        PathFormat::Json => {
            serde_json::to_writer_pretty(&mut out, &answer.paths)?;
            writeln!(out)?;
        }
        PathFormat::Text => {
            for (i, p) in answer.paths.iter().enumerate() {
                write_path(&mut out, i + 1, p)?;
            }
        }
        PathFormat::Gexf => fkg_export::gexf(&answer.edges, &mut out)?,
        PathFormat::Dot => {
            writeln!(out, "digraph paths {{")?;
            for e in &answer.edges {
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

fn write_path(out: &mut impl Write, n: usize, p: &fkg_graph::PathReport) -> Result<()> {
    let mut line = p.entities.first().cloned().unwrap_or_default();
    for h in &p.hops {
        let (arrow, next) = if h.followed_backwards {
            ("←", &h.subject_label)
        } else {
            ("→", &h.object_label)
        };
        line.push_str(&format!(" —{}{arrow} {next}", h.property));
    }
    writeln!(
        out,
        "{n}. {line}   ({} hop{}, cost {:.2})",
        p.hops.len(),
        if p.hops.len() == 1 { "" } else { "s" },
        p.cost
    )?;
    for h in &p.hops {
        writeln!(
            out,
            "   {} {} {}  [{} document{}]",
            h.subject_label,
            h.property,
            h.object_label,
            h.documents,
            if h.documents == 1 { "" } else { "s" }
        )?;
        for s in h.support.iter().take(3) {
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
            let when = match (s.date_start.as_deref(), s.date_end.as_deref()) {
                (Some(a), Some(b)) if a == b => format!(", {a}"),
                (Some(a), Some(b)) => format!(", {a} – {b}"),
                (Some(a), None) => format!(", since {a}"),
                (None, Some(b)) => format!(", until {b}"),
                (None, None) => String::new(),
            };
            let page = s.page.map(|p| format!(", p. {p}")).unwrap_or_default();
            let source = match &s.source {
                Some(c) => format!("{c}{page} [{}]", s.document),
                None => format!("{}{page}", s.document),
            };
            writeln!(out, "     “{ev}{more}” — {source}{who}{when}")?;
        }
        if h.support.len() > 3 {
            writeln!(out, "     (+{} more statements)", h.support.len() - 3)?;
        }
    }
    Ok(())
}
