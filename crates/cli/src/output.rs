//! Writing query results: text tables, and the standard SPARQL result and
//! RDF formats.

use anyhow::{Context, Result};
use oxrdf::Term;
use oxrdfio::{RdfFormat, RdfSerializer};
use sparesults::{QueryResultsFormat, QueryResultsSerializer};
use spareval::QueryResults;
use std::io::Write;

use crate::cli::QueryFormat;

const PREFIXES: &[(&str, &str)] = &[
    ("fkg:", fkg_model::vocab::FKG),
    ("fkr:", fkg_model::vocab::FKR),
    ("fkd:", fkg_model::vocab::FKD),
    ("rdf:", "http://www.w3.org/1999/02/22-rdf-syntax-ns#"),
    ("rdfs:", "http://www.w3.org/2000/01/rdf-schema#"),
    ("skos:", "http://www.w3.org/2004/02/skos/core#"),
    ("xsd:", "http://www.w3.org/2001/XMLSchema#"),
];

/// A term as an analyst reads it: prefixed IRIs, bare literal values.
pub fn short(term: &Term) -> String {
    match term {
        Term::NamedNode(n) => {
            let iri = n.as_str();
            PREFIXES
                .iter()
                .find_map(|(p, ns)| iri.strip_prefix(ns).map(|rest| format!("{p}{rest}")))
                .unwrap_or_else(|| format!("<{iri}>"))
        }
        Term::BlankNode(b) => format!("_:{}", b.as_str()),
        Term::Literal(l) => l.value().to_string(),
        #[allow(unreachable_patterns)]
        other => other.to_string(),
    }
}

pub fn write_results(
    results: QueryResults<'_>,
    format: Option<QueryFormat>,
    out: &mut impl Write,
) -> Result<()> {
    match results {
        QueryResults::Boolean(b) => match format.unwrap_or(QueryFormat::Table) {
            QueryFormat::Table => writeln!(out, "{b}")?,
            f => {
                let rf = results_format(f)?;
                QueryResultsSerializer::from_format(rf)
                    .serialize_boolean_to_writer(&mut *out, b)?;
            }
        },
        QueryResults::Solutions(rows) => match format.unwrap_or(QueryFormat::Table) {
            QueryFormat::Table => {
                let vars: Vec<String> = rows
                    .variables()
                    .iter()
                    .map(|v| v.as_str().to_string())
                    .collect();
                let mut table: Vec<Vec<String>> = Vec::new();
                for row in rows {
                    let row = row.context("query evaluation failed")?;
                    table.push(
                        row.variables()
                            .iter()
                            .zip(row.values())
                            .map(|(_, v)| v.as_ref().map(short).unwrap_or_default())
                            .collect(),
                    );
                }
                write_table(&vars, &table, out)?;
            }
            f => {
                let rf = results_format(f)?;
                let mut s = QueryResultsSerializer::from_format(rf)
                    .serialize_solutions_to_writer(&mut *out, rows.variables().to_vec())?;
                for row in rows {
                    let row = row.context("query evaluation failed")?;
                    s.serialize(&row)?;
                }
                s.finish()?;
            }
        },
        QueryResults::Graph(triples) => {
            let rdf = match format.unwrap_or(QueryFormat::Turtle) {
                QueryFormat::Turtle | QueryFormat::Table => RdfFormat::Turtle,
                QueryFormat::Ntriples => RdfFormat::NTriples,
                QueryFormat::Nquads => RdfFormat::NQuads,
                other => anyhow::bail!(
                    "--format {other:?} is for SELECT and ASK; use turtle, ntriples or nquads"
                ),
            };
            let mut s = RdfSerializer::from_format(rdf);
            for (p, ns) in PREFIXES {
                s = s.with_prefix(p.trim_end_matches(':'), *ns)?;
            }
            let mut w = s.for_writer(&mut *out);
            for t in triples {
                w.serialize_triple(&t.context("query evaluation failed")?)?;
            }
            w.finish()?;
        }
    }
    Ok(())
}

fn results_format(f: QueryFormat) -> Result<QueryResultsFormat> {
    Ok(match f {
        QueryFormat::Json => QueryResultsFormat::Json,
        QueryFormat::Csv => QueryResultsFormat::Csv,
        QueryFormat::Tsv => QueryResultsFormat::Tsv,
        QueryFormat::Xml => QueryResultsFormat::Xml,
        other => anyhow::bail!(
            "--format {other:?} is for CONSTRUCT and DESCRIBE; use table, json, csv, tsv or xml"
        ),
    })
}

pub fn write_table(vars: &[String], rows: &[Vec<String>], out: &mut impl Write) -> Result<()> {
    const MAX: usize = 70;
    let clip = |s: &str| -> String {
        let s = s.replace('\n', " ");
        if s.chars().count() > MAX {
            format!("{}…", s.chars().take(MAX - 1).collect::<String>())
        } else {
            s
        }
    };
    let rows: Vec<Vec<String>> = rows
        .iter()
        .map(|r| r.iter().map(|c| clip(c)).collect())
        .collect();
    let widths: Vec<usize> = (0..vars.len())
        .map(|i| {
            rows.iter()
                .map(|r| r[i].chars().count())
                .chain(std::iter::once(vars[i].chars().count()))
                .max()
                .unwrap_or(0)
        })
        .collect();
    let line = |cells: &[String], out: &mut dyn Write| -> std::io::Result<()> {
        let parts: Vec<String> = cells
            .iter()
            .zip(&widths)
            .map(|(c, w)| format!("{c}{}", " ".repeat(w - c.chars().count())))
            .collect();
        writeln!(out, "{}", parts.join(" | ").trim_end())
    };
    line(vars, out)?;
    writeln!(
        out,
        "{}",
        widths
            .iter()
            .map(|w| "-".repeat(*w))
            .collect::<Vec<_>>()
            .join("-+-")
    )?;
    for r in &rows {
        line(r, out)?;
    }
    writeln!(
        out,
        "({} row{})",
        rows.len(),
        if rows.len() == 1 { "" } else { "s" }
    )?;
    Ok(())
}
