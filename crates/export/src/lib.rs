//! fkg-export: the relations of the graph (or of a path result) as files
//! that network tools read: GEXF 1.3 for Gephi (valid against the official
//! RELAX NG schema), GraphML, and Gephi's spreadsheet CSV tables.
//!
//! Rationale: one node per entity (id = IRI, label = canonical name) and one
//! edge per subject–property–object, weighted by its supporting statements,
//! with all its evidence in one attribute: Gephi merges duplicate edges, so
//! splitting evidence over several edges would lose it. The reader quirks
//! followed here are listed in `shared/schemas/README.md`.

use fkg_model::EdgeRecord;
use quick_xml::escape::escape;
use std::collections::{BTreeMap, BTreeSet};
use std::io::{self, Write};

/// A node as exported.
#[derive(Debug, Clone)]
struct NodeOut {
    label: String,
    class: String,
    degree: usize,
    statements: usize,
    documents: BTreeSet<String>,
    /// Each document as a reader knows it, by id (see `sources`).
    sources: BTreeMap<String, String>,
}

fn nodes(edges: &[EdgeRecord]) -> BTreeMap<String, NodeOut> {
    let mut out: BTreeMap<String, NodeOut> = BTreeMap::new();
    for e in edges {
        for (iri, label, class) in [
            (&e.subject, &e.subject_label, &e.subject_class),
            (&e.object, &e.object_label, &e.object_class),
        ] {
            let n = out.entry(iri.clone()).or_insert_with(|| NodeOut {
                label: label.clone(),
                class: class.clone(),
                degree: 0,
                statements: 0,
                documents: BTreeSet::new(),
                sources: BTreeMap::new(),
            });
            n.degree += 1;
            n.statements += e.support.len();
            n.documents
                .extend(e.support.iter().map(|s| s.document.clone()));
            for s in &e.support {
                n.sources
                    .entry(s.document.clone())
                    .or_insert_with(|| s.source.clone().unwrap_or_else(|| s.document.clone()));
            }
        }
    }
    out
}

/// The documents behind an edge as a reader knows them ("Title —
/// Publisher, date"; the id of a document without a title), in the order
/// of `document_ids`.
fn sources(e: &EdgeRecord) -> Vec<String> {
    let mut by_doc: BTreeMap<&str, &str> = BTreeMap::new();
    for s in &e.support {
        let name = s.source.as_deref().unwrap_or(s.document.as_str());
        by_doc.entry(s.document.as_str()).or_insert(name);
    }
    by_doc.into_values().map(String::from).collect()
}

/// A colour per entity class, the same in every export.
fn colour(class: &str) -> (u8, u8, u8) {
    match class {
        "Country" => (228, 26, 28),
        "State" | "City" => (251, 154, 153),
        "PortOfEntry" => (255, 127, 0),
        "Cartel" => (55, 126, 184),
        "CriminalOrganization" => (31, 120, 180),
        "GovernmentAgency" => (77, 175, 74),
        "Company" => (152, 78, 163),
        "Person" => (166, 86, 40),
        "Office" => (178, 223, 138),
        "Drug" => (247, 129, 191),
        "PrecursorChemical" => (153, 153, 153),
        _ => (100, 100, 100),
    }
}

/// Gephi's liststring: every element double-quoted, inner quotes made typographic.
fn liststring<'a>(items: impl Iterator<Item = &'a str>) -> String {
    let quoted: Vec<String> = items
        .map(|s| format!("\"{}\"", s.replace('"', "”")))
        .collect();
    format!("[{}]", quoted.join(", "))
}

/// A node's drawn size, the same in every export.
fn size(n: &NodeOut) -> f64 {
    4.0 + 2.0 * (n.statements as f64).sqrt()
}

/// An edge's speakers, each once, in order.
fn speakers(e: &EdgeRecord) -> BTreeSet<&str> {
    e.support
        .iter()
        .filter_map(|s| s.speaker.as_deref())
        .collect()
}

/// Text fields of flat formats (GraphML values, CSV cells) hold lists with
/// this separator; GEXF has its own list type.
const LIST_SEPARATOR: &str = " | ";

/// A spell: the days a relation holds, both ends included (`None`: open).
type Spell = (Option<String>, Option<String>);

/// The spells of an edge: its dated statements' periods, sorted, with
/// overlapping ones merged. Empty when none is dated.
fn edge_spells(e: &EdgeRecord) -> Vec<Spell> {
    let periods: Vec<Spell> = e
        .support
        .iter()
        .filter(|s| s.date_start.is_some() || s.date_end.is_some())
        .map(|s| (s.date_start.clone(), s.date_end.clone()))
        .collect();
    merge_spells(periods)
}

/// Sorts spells (an open start first) and merges those that overlap.
fn merge_spells(mut spells: Vec<Spell>) -> Vec<Spell> {
    spells.sort();
    let mut out: Vec<Spell> = Vec::new();
    for (start, end) in spells {
        if let Some(last) = out.last_mut() {
            // `None` as an end is open: it reaches every later start.
            let reaches = match (&last.1, &start) {
                (None, _) | (_, None) => true,
                (Some(e), Some(s)) => s <= e,
            };
            if reaches {
                last.1 = match (&last.1, &end) {
                    (None, _) | (_, None) => None,
                    (Some(a), Some(b)) => Some(a.max(b).clone()),
                };
                continue;
            }
        }
        out.push((start, end));
    }
    out
}

/// `<spells>` of a node or edge, or nothing when it has none.
fn spells_xml(spells: &[Spell]) -> String {
    if spells.is_empty() {
        return String::new();
    }
    let mut x = String::from("<spells>");
    for (start, end) in spells {
        x.push_str("<spell");
        if let Some(s) = start {
            x.push_str(&format!(r#" start="{}""#, escape(s.as_str())));
        }
        if let Some(e) = end {
            x.push_str(&format!(r#" end="{}""#, escape(e.as_str())));
        }
        x.push_str("/>");
    }
    x.push_str("</spells>");
    x
}

/// GEXF 1.3, directed edges, `viz` colours and sizes. When statements are
/// dated, the graph is `mode="dynamic"` (`timeformat="date"`): each edge
/// has a spell per period its statements hold (merged where they overlap),
/// each node the union of its edges' spells, so Gephi's timeline plays the
/// graph over time; an edge none of whose statements is dated, and its
/// nodes, have no spell and are always shown. `first_date` and `last_date`
/// give each edge's span as plain attributes too.
pub fn gexf(edges: &[EdgeRecord], mut out: impl Write) -> io::Result<()> {
    let nodes = nodes(edges);
    let spells: Vec<Vec<Spell>> = edges.iter().map(edge_spells).collect();
    let dynamic = spells.iter().any(|s| !s.is_empty());
    // A node's spells: those of its edges, unless one of them is undated.
    let mut node_spells: BTreeMap<&str, Option<Vec<Spell>>> = BTreeMap::new();
    for (e, sp) in edges.iter().zip(&spells) {
        for iri in [e.subject.as_str(), e.object.as_str()] {
            let entry = node_spells.entry(iri).or_insert_with(|| Some(Vec::new()));
            match (entry.as_mut(), sp.is_empty()) {
                (Some(_), true) => *entry = None,
                (Some(v), false) => v.extend(sp.iter().cloned()),
                (None, _) => {}
            }
        }
    }
    writeln!(out, r#"<?xml version="1.0" encoding="UTF-8"?>"#)?;
    writeln!(
        out,
        r#"<gexf xmlns="http://gexf.net/1.3" xmlns:viz="http://gexf.net/1.3/viz" version="1.3">"#
    )?;
    writeln!(
        out,
        r#"  <meta><creator>fentanyl-kg</creator><description>Entities and supply-chain relations with their evidence</description></meta>"#
    )?;
    if dynamic {
        writeln!(
            out,
            r#"  <graph mode="dynamic" timeformat="date" defaultedgetype="directed">"#
        )?;
    } else {
        writeln!(out, r#"  <graph mode="static" defaultedgetype="directed">"#)?;
    }
    const ATTRIBUTES: [(&str, &[(&str, &str)]); 2] = [
        (
            "node",
            &[
                ("class", "string"),
                ("degree", "integer"),
                ("statements", "integer"),
                ("documents", "liststring"),
                ("sources", "liststring"),
            ],
        ),
        (
            "edge",
            &[
                ("property", "string"),
                ("documents", "liststring"),
                ("sources", "liststring"),
                ("first_evidence", "string"),
                ("evidence", "liststring"),
                ("speakers", "liststring"),
                ("first_date", "string"),
                ("last_date", "string"),
            ],
        ),
    ];
    for (class, attributes) in ATTRIBUTES {
        writeln!(out, r#"    <attributes class="{class}" mode="static">"#)?;
        for (id, kind) in attributes {
            writeln!(
                out,
                r#"      <attribute id="{id}" title="{id}" type="{kind}"/>"#
            )?;
        }
        writeln!(out, r#"    </attributes>"#)?;
    }
    writeln!(out, "    <nodes>")?;
    for (iri, n) in &nodes {
        let (r, g, b) = colour(&n.class);
        let size = size(n);
        let spells = node_spells
            .get(iri.as_str())
            .cloned()
            .flatten()
            .map(merge_spells)
            .unwrap_or_default();
        writeln!(
            out,
            r#"      <node id="{}" label="{}"><attvalues><attvalue for="class" value="{}"/><attvalue for="degree" value="{}"/><attvalue for="statements" value="{}"/><attvalue for="documents" value="{}"/><attvalue for="sources" value="{}"/></attvalues>{}<viz:color r="{r}" g="{g}" b="{b}"/><viz:size value="{size:.1}"/></node>"#,
            escape(iri.as_str()),
            escape(n.label.as_str()),
            escape(n.class.as_str()),
            n.degree,
            n.statements,
            escape(liststring(n.documents.iter().map(String::as_str)).as_str()),
            escape(liststring(n.sources.values().map(String::as_str)).as_str()),
            spells_xml(&spells),
        )?;
    }
    writeln!(out, "    </nodes>")?;
    writeln!(out, "    <edges>")?;
    for (i, e) in edges.iter().enumerate() {
        let weight = e.support.len().max(1);
        let first = e.support.first().map(|s| s.evidence.as_str()).unwrap_or("");
        let speakers = speakers(e);
        let (first_date, last_date) = e.span();
        let mut dates = String::new();
        for (id, v) in [("first_date", first_date), ("last_date", last_date)] {
            if let Some(v) = v {
                dates.push_str(&format!(r#"<attvalue for="{id}" value="{}"/>"#, escape(v)));
            }
        }
        writeln!(
            out,
            r#"      <edge id="e{i}" source="{}" target="{}" label="{p}" kind="{p}" weight="{weight}"><attvalues><attvalue for="property" value="{p}"/><attvalue for="documents" value="{}"/><attvalue for="sources" value="{}"/><attvalue for="first_evidence" value="{}"/><attvalue for="evidence" value="{}"/><attvalue for="speakers" value="{}"/>{dates}</attvalues>{}</edge>"#,
            escape(e.subject.as_str()),
            escape(e.object.as_str()),
            escape(liststring(e.document_ids().into_iter()).as_str()),
            escape(liststring(sources(e).iter().map(String::as_str)).as_str()),
            escape(first),
            escape(liststring(e.support.iter().map(|s| s.evidence.as_str())).as_str()),
            escape(liststring(speakers.into_iter()).as_str()),
            spells_xml(&spells[i]),
            p = escape(e.property.as_str()),
        )?;
    }
    writeln!(out, "    </edges>")?;
    writeln!(out, "  </graph>")?;
    writeln!(out, "</gexf>")?;
    Ok(())
}

/// GraphML with declared keys: the same attributes as the GEXF (class,
/// degree, statements, documents, colour and size of nodes; property,
/// label, weight, documents, sources, first and all evidence, speakers,
/// first and last dates of edges; GraphML has no spells),
/// lists joined with " | ". Colours and sizes use the keys `r`, `g`, `b`
/// and `size` that Gephi's GraphML importer reads.
pub fn graphml(edges: &[EdgeRecord], mut out: impl Write) -> io::Result<()> {
    let nodes = nodes(edges);
    writeln!(out, r#"<?xml version="1.0" encoding="UTF-8"?>"#)?;
    writeln!(
        out,
        r#"<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">"#
    )?;
    for (id, for_, name, ty) in [
        ("label", "node", "label", "string"),
        ("class", "node", "class", "string"),
        ("degree", "node", "degree", "int"),
        ("statements", "node", "statements", "int"),
        ("node_documents", "node", "documents", "string"),
        ("node_sources", "node", "sources", "string"),
        ("r", "node", "r", "int"),
        ("g", "node", "g", "int"),
        ("b", "node", "b", "int"),
        ("size", "node", "size", "double"),
        ("property", "edge", "property", "string"),
        ("edge_label", "edge", "label", "string"),
        ("weight", "edge", "weight", "int"),
        ("documents", "edge", "documents", "string"),
        ("sources", "edge", "sources", "string"),
        ("first_evidence", "edge", "first_evidence", "string"),
        ("evidence", "edge", "evidence", "string"),
        ("speakers", "edge", "speakers", "string"),
        ("first_date", "edge", "first_date", "string"),
        ("last_date", "edge", "last_date", "string"),
    ] {
        writeln!(
            out,
            r#"  <key id="{id}" for="{for_}" attr.name="{name}" attr.type="{ty}"/>"#
        )?;
    }
    writeln!(out, r#"  <graph id="fentanyl-kg" edgedefault="directed">"#)?;
    for (iri, n) in &nodes {
        let (r, g, b) = colour(&n.class);
        writeln!(
            out,
            r#"    <node id="{}"><data key="label">{}</data><data key="class">{}</data><data key="degree">{}</data><data key="statements">{}</data><data key="node_documents">{}</data><data key="node_sources">{}</data><data key="r">{r}</data><data key="g">{g}</data><data key="b">{b}</data><data key="size">{:.1}</data></node>"#,
            escape(iri.as_str()),
            escape(n.label.as_str()),
            escape(n.class.as_str()),
            n.degree,
            n.statements,
            escape(
                n.documents
                    .iter()
                    .map(String::as_str)
                    .collect::<Vec<_>>()
                    .join(LIST_SEPARATOR)
                    .as_str()
            ),
            escape(
                n.sources
                    .values()
                    .map(String::as_str)
                    .collect::<Vec<_>>()
                    .join(LIST_SEPARATOR)
                    .as_str()
            ),
            size(n),
        )?;
    }
    for (i, e) in edges.iter().enumerate() {
        let evidence: Vec<&str> = e.support.iter().map(|s| s.evidence.as_str()).collect();
        let (first_date, last_date) = e.span();
        let mut dates = String::new();
        for (key, v) in [("first_date", first_date), ("last_date", last_date)] {
            if let Some(v) = v {
                dates.push_str(&format!(r#"<data key="{key}">{}</data>"#, escape(v)));
            }
        }
        writeln!(
            out,
            r#"    <edge id="e{i}" source="{}" target="{}"><data key="property">{p}</data><data key="edge_label">{p}</data><data key="weight">{}</data><data key="documents">{}</data><data key="sources">{}</data><data key="first_evidence">{}</data><data key="evidence">{}</data><data key="speakers">{}</data>{dates}</edge>"#,
            escape(e.subject.as_str()),
            escape(e.object.as_str()),
            e.support.len().max(1),
            escape(
                e.document_ids()
                    .into_iter()
                    .collect::<Vec<_>>()
                    .join(LIST_SEPARATOR)
                    .as_str()
            ),
            escape(sources(e).join(LIST_SEPARATOR).as_str()),
            escape(evidence.first().copied().unwrap_or("")),
            escape(evidence.join(LIST_SEPARATOR).as_str()),
            escape(
                speakers(e)
                    .into_iter()
                    .collect::<Vec<_>>()
                    .join(LIST_SEPARATOR)
                    .as_str()
            ),
            p = escape(e.property.as_str()),
        )?;
    }
    writeln!(out, "  </graph>")?;
    writeln!(out, "</graphml>")?;
    Ok(())
}

/// Gephi's spreadsheet import: the nodes table (Id, Label, ...).
pub fn csv_nodes(edges: &[EdgeRecord], out: impl Write) -> io::Result<()> {
    let mut w = csv::Writer::from_writer(out);
    w.write_record([
        "Id",
        "Label",
        "Class",
        "Degree",
        "Statements",
        "Documents",
        "Sources",
        "Color",
        "Size",
    ])?;
    for (iri, n) in nodes(edges) {
        let (r, g, b) = colour(&n.class);
        let size = size(&n);
        w.write_record([
            iri,
            n.label,
            n.class,
            n.degree.to_string(),
            n.statements.to_string(),
            n.documents
                .into_iter()
                .collect::<Vec<_>>()
                .join(LIST_SEPARATOR),
            n.sources
                .into_values()
                .collect::<Vec<_>>()
                .join(LIST_SEPARATOR),
            format!("#{r:02x}{g:02x}{b:02x}"),
            format!("{size:.1}"),
        ])?;
    }
    w.flush()
}

/// Gephi's spreadsheet import: the edges table (Source, Target, Type, Kind, Label, Weight, ...).
pub fn csv_edges(edges: &[EdgeRecord], out: impl Write) -> io::Result<()> {
    let mut w = csv::Writer::from_writer(out);
    w.write_record([
        "Source",
        "Target",
        "Type",
        "Kind",
        "Label",
        "Weight",
        "Documents",
        "Sources",
        "FirstEvidence",
        "Evidence",
        "Speakers",
        "FirstDate",
        "LastDate",
    ])?;
    for e in edges {
        // Gephi reads a backslash as an escape: keep evidence free of them.
        let clean = |s: &str| s.replace('\\', "/");
        let first = e
            .support
            .first()
            .map(|s| clean(&s.evidence))
            .unwrap_or_default();
        let all: Vec<String> = e.support.iter().map(|s| clean(&s.evidence)).collect();
        let (first_date, last_date) = e.span();
        w.write_record([
            e.subject.clone(),
            e.object.clone(),
            "Directed".to_string(),
            e.property.clone(),
            e.property.clone(),
            e.support.len().max(1).to_string(),
            e.document_ids()
                .into_iter()
                .collect::<Vec<_>>()
                .join(LIST_SEPARATOR),
            sources(e).join(LIST_SEPARATOR),
            first,
            all.join(LIST_SEPARATOR),
            speakers(e)
                .into_iter()
                .collect::<Vec<_>>()
                .join(LIST_SEPARATOR),
            first_date.unwrap_or_default().to_string(),
            last_date.unwrap_or_default().to_string(),
        ])?;
    }
    w.flush()
}

#[cfg(test)]
mod tests {
    use super::*;
    use fkg_model::Support;

    fn dated(start: Option<&str>, end: Option<&str>) -> Support {
        Support {
            document: "d".into(),
            evidence: "e".into(),
            date_start: start.map(String::from),
            date_end: end.map(String::from),
            ..Default::default()
        }
    }

    #[test]
    fn spells_merge_overlapping_periods_and_keep_open_ends() {
        let s = |a: &str, b: &str| (Some(a.to_string()), Some(b.to_string()));
        assert_eq!(
            merge_spells(vec![
                s("2023-03-01", "2023-03-31"),
                s("2021-01-01", "2021-12-31"),
                s("2023-03-15", "2023-04-02"),
            ]),
            vec![s("2021-01-01", "2021-12-31"), s("2023-03-01", "2023-04-02")]
        );
        assert_eq!(
            merge_spells(vec![
                (Some("2019-01-01".into()), None),
                s("2020-01-01", "2020-02-01")
            ]),
            vec![(Some("2019-01-01".into()), None)]
        );
        let mut e = EdgeRecord {
            subject: "https://x/A".into(),
            subject_label: "A".into(),
            subject_class: "Cartel".into(),
            property: "trafficsTo".into(),
            object: "https://x/B".into(),
            object_label: "B".into(),
            object_class: "Country".into(),
            statements: 0,
            documents: 0,
            confidence: 0.0,
            support: vec![
                dated(Some("2024-05-27"), Some("2024-06-02")),
                dated(Some("2019-01-01"), Some("2024-06-03")),
                dated(None, None),
            ],
        };
        e.count_support();
        let mut buf = Vec::new();
        gexf(std::slice::from_ref(&e), &mut buf).unwrap();
        let text = String::from_utf8(buf).unwrap();
        assert!(
            text.contains(r#"mode="dynamic" timeformat="date""#),
            "{text}"
        );
        assert!(
            text.contains(
                r#"<spells><spell start="2019-01-01" end="2024-06-03"/></spells></edge>"#
            ),
            "{text}"
        );
        assert!(text.contains(r#"<attvalue for="first_date" value="2019-01-01"/><attvalue for="last_date" value="2024-06-03"/>"#), "{text}");
        // Undated statements only: a static graph, as before.
        e.support = vec![dated(None, None)];
        let mut buf = Vec::new();
        gexf(std::slice::from_ref(&e), &mut buf).unwrap();
        let text = String::from_utf8(buf).unwrap();
        assert!(text.contains(r#"<graph mode="static""#) && !text.contains("<spells>"));
    }

    #[test]
    fn xml_is_escaped_and_weights_count_statements() {
        let e = EdgeRecord {
            subject: "https://x/A&B".into(),
            subject_label: "A & \"B\"".into(),
            subject_class: "Company".into(),
            property: "suppliesTo".into(),
            object: "https://x/C".into(),
            object_label: "C".into(),
            object_class: "Country".into(),
            statements: 2,
            documents: 2,
            confidence: 0.8,
            support: vec![
                Support {
                    document: "d1".into(),
                    evidence: "A said \"yes\" <b>".into(),
                    speaker: None,
                    confidence: 0.8,
                    ..Default::default()
                },
                Support {
                    document: "d2".into(),
                    evidence: "again".into(),
                    speaker: Some("Z".into()),
                    confidence: 0.7,
                    ..Default::default()
                },
            ],
        };
        let mut buf = Vec::new();
        gexf(std::slice::from_ref(&e), &mut buf).unwrap();
        let text = String::from_utf8(buf).unwrap();
        assert!(text.contains(r#"id="https://x/A&amp;B""#));
        assert!(text.contains(r#"weight="2""#));
        assert!(!text.contains("<b>"));
        let mut buf = Vec::new();
        csv_edges(std::slice::from_ref(&e), &mut buf).unwrap();
        let csv_text = String::from_utf8(buf).unwrap();
        assert!(csv_text
            .lines()
            .nth(1)
            .unwrap()
            .starts_with("https://x/A&B,https://x/C,Directed,suppliesTo"));
        // Every format carries every statement's evidence, the speakers,
        // the colours and sizes (issue 11: GraphML and CSV had only the
        // first sentence).
        assert!(
            csv_text.contains("again") && csv_text.contains(",Z"),
            "{csv_text}"
        );
        let mut buf = Vec::new();
        graphml(std::slice::from_ref(&e), &mut buf).unwrap();
        let g = String::from_utf8(buf).unwrap();
        assert!(g.contains(r#"<data key="speakers">Z</data>"#), "{g}");
        assert!(g.contains("again"), "{g}");
        assert!(
            g.contains(r#"<data key="edge_label">suppliesTo</data>"#),
            "{g}"
        );
        assert!(g.contains(r#"<data key="r">152</data>"#), "{g}");
        let mut buf = Vec::new();
        csv_nodes(&[e], &mut buf).unwrap();
        let n = String::from_utf8(buf).unwrap();
        assert!(n.lines().next().unwrap().ends_with("Color,Size"), "{n}");
        assert!(n.contains("#984ea3"), "{n}");
    }
}
