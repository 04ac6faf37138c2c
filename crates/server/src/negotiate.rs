//! Content negotiation: the Accept header with q-values, or `format=`.

use oxrdfio::RdfFormat;
use sparesults::QueryResultsFormat;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum QueryKind {
    Solutions,
    Boolean,
    Graph,
}

#[derive(Debug, Clone, Copy)]
pub enum Negotiated {
    Results(QueryResultsFormat, &'static str),
    Rdf(RdfFormat, &'static str),
}

const RESULTS: &[(&str, &str, QueryResultsFormat)] = &[
    (
        "application/sparql-results+json",
        "json",
        QueryResultsFormat::Json,
    ),
    ("application/json", "json", QueryResultsFormat::Json),
    (
        "application/sparql-results+xml",
        "xml",
        QueryResultsFormat::Xml,
    ),
    ("application/xml", "xml", QueryResultsFormat::Xml),
    ("text/csv", "csv", QueryResultsFormat::Csv),
    ("text/tab-separated-values", "tsv", QueryResultsFormat::Tsv),
];

const RDF: &[(&str, &str, RdfFormat)] = &[
    ("text/turtle", "turtle", RdfFormat::Turtle),
    ("application/n-triples", "ntriples", RdfFormat::NTriples),
    ("application/n-quads", "nquads", RdfFormat::NQuads),
    ("application/rdf+xml", "rdfxml", RdfFormat::RdfXml),
    (
        "application/ld+json",
        "jsonld",
        RdfFormat::JsonLd {
            profile: oxrdfio::JsonLdProfileSet::empty(),
        },
    ),
    ("application/trig", "trig", RdfFormat::TriG),
];

/// Media ranges of an Accept header with their q-values, best first.
fn ranges(accept: &str) -> Vec<(String, f32)> {
    let mut out: Vec<(String, f32, usize)> = accept
        .split(',')
        .enumerate()
        .filter_map(|(i, part)| {
            let mut bits = part.split(';');
            let media = bits.next()?.trim().to_ascii_lowercase();
            if media.is_empty() {
                return None;
            }
            let q = bits
                .filter_map(|b| {
                    b.trim()
                        .strip_prefix("q=")
                        .and_then(|v| v.trim().parse::<f32>().ok())
                })
                .next()
                .unwrap_or(1.0);
            Some((media, q, i))
        })
        .collect();
    out.sort_by(|a, b| {
        b.1.partial_cmp(&a.1)
            .unwrap_or(std::cmp::Ordering::Equal)
            .then(a.2.cmp(&b.2))
    });
    out.into_iter()
        .filter(|r| r.1 > 0.0)
        .map(|(m, q, _)| (m, q))
        .collect()
}

fn matches(range: &str, media: &str) -> bool {
    range == media
        || range == "*/*"
        || range
            .strip_suffix("/*")
            .is_some_and(|t| media.starts_with(&format!("{t}/")))
}

/// The format for a result of `kind`, from `format=` or the Accept header.
pub fn choose(
    kind: QueryKind,
    accept: Option<&str>,
    format: Option<&str>,
) -> Result<Negotiated, String> {
    if kind == QueryKind::Graph {
        if let Some(f) = format {
            return RDF
                .iter()
                .find(|(media, short, _)| *short == f || *media == f)
                .map(|(media, _, rf)| Negotiated::Rdf(*rf, media))
                .ok_or_else(|| format!("format {f:?} is not available for graphs: use turtle, ntriples, nquads, rdfxml, jsonld"));
        }
        let accept = accept.unwrap_or("text/turtle");
        for (range, _) in ranges(accept) {
            if let Some((media, _, rf)) = RDF.iter().find(|(m, _, _)| matches(&range, m)) {
                return Ok(Negotiated::Rdf(*rf, media));
            }
        }
        return Err(format!("cannot answer a graph as {accept}: use text/turtle, application/n-triples, application/n-quads, application/rdf+xml or application/ld+json"));
    }
    if let Some(f) = format {
        return RESULTS
            .iter()
            .find(|(media, short, _)| *short == f || *media == f)
            .map(|(media, _, rf)| Negotiated::Results(*rf, media))
            .ok_or_else(|| {
                format!("format {f:?} is not available for results: use json, xml, csv or tsv")
            });
    }
    let accept = accept.unwrap_or("application/sparql-results+json");
    for (range, _) in ranges(accept) {
        if let Some((media, _, rf)) = RESULTS.iter().find(|(m, _, _)| matches(&range, m)) {
            if kind == QueryKind::Boolean
                && matches!(rf, QueryResultsFormat::Csv | QueryResultsFormat::Tsv)
            {
                // Booleans in CSV/TSV are Oxigraph extensions; still fine to serve.
            }
            return Ok(Negotiated::Results(*rf, media));
        }
    }
    Err(format!("cannot answer results as {accept}: use application/sparql-results+json, application/sparql-results+xml, text/csv or text/tab-separated-values"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(kind: QueryKind, accept: &str, expected: &str) {
        let got = match choose(kind, Some(accept), None) {
            Ok(Negotiated::Results(_, m)) | Ok(Negotiated::Rdf(_, m)) => m.to_string(),
            Err(_) => "406".into(),
        };
        assert_eq!(got, expected, "Accept: {accept}");
    }

    #[test]
    fn q_values_decide() {
        check(
            QueryKind::Solutions,
            "text/csv;q=0.5, application/sparql-results+xml",
            "application/sparql-results+xml",
        );
        check(
            QueryKind::Solutions,
            "*/*",
            "application/sparql-results+json",
        );
        check(QueryKind::Solutions, "text/*", "text/csv");
        check(QueryKind::Solutions, "image/png", "406");
        check(
            QueryKind::Graph,
            "application/n-triples, text/turtle;q=0.9",
            "application/n-triples",
        );
        check(QueryKind::Graph, "application/sparql-results+json", "406");
        check(
            QueryKind::Solutions,
            "text/csv;q=0, text/tab-separated-values",
            "text/tab-separated-values",
        );
    }
}
