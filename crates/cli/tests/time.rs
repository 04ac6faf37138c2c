//! Time on a dated corpus (`tests/dated`, documents written for these
//! tests): document dates from datelines, statements dated by their
//! sentences or documents, `--since`/`--until` on named queries, explain,
//! paths and export, and the dynamic GEXF read by the GEXF 1.3 schema
//! (xmllint), networkx and graphology.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn fkg(store: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_fkg"))
        .current_dir(root())
        .arg("--store")
        .arg(store)
        .args(args)
        .output()
        .unwrap()
}

fn ok(store: &Path, args: &[&str]) -> String {
    let o = fkg(store, args);
    assert!(
        o.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn run(cmd: &mut Command) -> String {
    let out = cmd
        .output()
        .unwrap_or_else(|e| panic!("cannot run {cmd:?}: {e} (.ci/install installs it)"));
    assert!(
        out.status.success(),
        "{cmd:?}: {}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn build(dir: &Path) -> PathBuf {
    let store = dir.join("store");
    ok(&store, &["build", "tests/dated", "--quiet"]);
    store
}

#[test]
fn datelines_date_documents_and_sentences_date_statements() {
    let dir = tempfile::tempdir().unwrap();
    let store = build(dir.path());
    // Each dated document's dcterms:date, read from its dateline.
    let docs = ok(
        &store,
        &[
            "query",
            "--format",
            "csv",
            "PREFIX dcterms: <http://purl.org/dc/terms/> PREFIX fkg: <https://w3id.org/fentanyl-kg/ontology#>
             SELECT ?doc ?date ?source ?words WHERE { GRAPH ?doc { ?doc dcterms:date ?date ; fkg:dateSource ?source ; fkg:dateExpression ?words } } ORDER BY ?date",
        ],
    );
    assert_eq!(
        docs.trim().replace('\r', ""),
        "doc,date,source,words
https://w3id.org/fentanyl-kg/doc/2022-harbor-raid,2022-11-18,dateline,\"November 18, 2022\"
https://w3id.org/fentanyl-kg/doc/2023-sanctions-brief,2023-05-09,dateline,\"May 9, 2023\"
https://w3id.org/fentanyl-kg/doc/2024-office-review,2024-01-22,dateline,\"On January 22nd, 2024\""
    );
    // Statements: the sentence's expression resolved against the dateline
    // (2022-11-18 and 2023-05-09 are Fridays), else the document's date; in
    // the undated document a relative expression keeps its words only.
    let statements = ok(
        &store,
        &[
            "query",
            "--format",
            "csv",
            "PREFIX fkg: <https://w3id.org/fentanyl-kg/ontology#> PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
             SELECT ?p ?o ?start ?end ?words ?source WHERE { GRAPH ?g {
               ?st rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o .
               VALUES (?s ?p) { (<https://w3id.org/fentanyl-kg/id/Sinaloa_Cartel> fkg:trafficsTo)
                                (<https://w3id.org/fentanyl-kg/id/U_S_Department_of_the_Treasury> fkg:sanctions)
                                (<https://w3id.org/fentanyl-kg/id/Mexico> fkg:extraditesTo)
                                (<https://w3id.org/fentanyl-kg/id/Drug_Enforcement_Administration> fkg:closesOffice) }
               OPTIONAL { ?st fkg:periodStart ?start } OPTIONAL { ?st fkg:periodEnd ?end }
               OPTIONAL { ?st fkg:dateExpression ?words } OPTIONAL { ?st fkg:dateSource ?source } } }
             ORDER BY ?p ?start",
        ],
    );
    for line in [
        "https://w3id.org/fentanyl-kg/ontology#trafficsTo,https://w3id.org/fentanyl-kg/id/Canada,,,last week,sentence",
        "https://w3id.org/fentanyl-kg/ontology#trafficsTo,https://w3id.org/fentanyl-kg/id/United_States,2022-11-07,2022-11-13,last week,sentence",
        "https://w3id.org/fentanyl-kg/ontology#sanctions,https://w3id.org/fentanyl-kg/id/Jalisco_Cartel,2023-05-05,2023-05-05,On Friday,sentence",
        "https://w3id.org/fentanyl-kg/ontology#extraditesTo,https://w3id.org/fentanyl-kg/id/United_States,2023-01-01,2023-05-09,earlier this year,sentence",
        "https://w3id.org/fentanyl-kg/ontology#closesOffice,https://w3id.org/fentanyl-kg/id/DEA_Shanghai_office,2023-12-01,2023-12-31,in December,sentence",
    ] {
        assert!(statements.contains(line), "{line}\nnot in\n{statements}");
    }
}

#[test]
fn since_and_until_in_every_view() {
    let dir = tempfile::tempdir().unwrap();
    let store = build(dir.path());
    // Named queries that take dates.
    let all = ok(
        &store,
        &["query", "--name", "new-suppliers-since", "--format", "csv"],
    );
    assert!(
        all.contains(
            "Chinese chemical companies,2019-01-01,suppliesTo,Sinaloa Cartel,2022-harbor-raid"
        ),
        "{all}"
    );
    let new = ok(
        &store,
        &[
            "query",
            "--name",
            "new-suppliers-since",
            "--since",
            "2023",
            "--format",
            "csv",
        ],
    );
    assert!(!new.contains("Chinese chemical companies"), "{new}");
    assert!(new.contains("Qingfeng Pharmaceutical Co. Ltd.,2023-11-01,suppliesTo,Jalisco Cartel,2024-office-review"), "{new}");
    let offices = ok(
        &store,
        &[
            "query",
            "--name",
            "office-changes-over-time",
            "--since",
            "2023-06",
            "--format",
            "csv",
        ],
    );
    assert!(
        offices.contains("DEA offices worldwide,93,offices,2024-01-22,2024-01-22,document date"),
        "{offices}"
    );
    assert!(
        offices.contains("closes,DEA Shanghai office,,,2023-12-01,2023-12-31,“in December”"),
        "{offices}"
    );
    assert!(!offices.contains(",330,"), "{offices}");
    // Conflicting figures show their dates and documents side by side.
    let figures = ok(
        &store,
        &["query", "--name", "conflicting-figures", "--format", "csv"],
    );
    assert!(figures.contains("DEA offices worldwide,330,offices,https://w3id.org/fentanyl-kg/doc/2022-harbor-raid,2022-03-01,2022-03-31,2022-11-18"), "{figures}");
    assert!(figures.contains("DEA offices worldwide,93,offices,https://w3id.org/fentanyl-kg/doc/2024-office-review,2024-01-22,2024-01-22,2024-01-22"), "{figures}");
    // A query without dates refuses them; a bad date is refused by name.
    let o = fkg(
        &store,
        &["query", "--name", "cartel-presence", "--since", "2023"],
    );
    assert!(!o.status.success());
    assert!(String::from_utf8_lossy(&o.stderr).contains("takes no dates"));
    let o = fkg(&store, &["explain", "DEA", "--since", "last year"]);
    assert!(!o.status.success());
    assert!(String::from_utf8_lossy(&o.stderr).contains("is no date"));

    // Explain: 330 offices (March 2022) and 93 (January 2024) changed over
    // time, and do not conflict; each fact carries its dates and words.
    let json: serde_json::Value =
        serde_json::from_str(&ok(&store, &["explain", "DEA", "--json"])).unwrap();
    let figures: Vec<(f64, String, bool, bool)> = json["facts"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["unit"] == "offices")
        .map(|f| {
            (
                f["quantity"].as_f64().unwrap(),
                f["date_start"].as_str().unwrap_or("").to_string(),
                f["conflicting"].as_bool().unwrap(),
                f["changed_over_time"].as_bool().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        figures,
        [
            (330.0, "2022-03-01".to_string(), false, true),
            (93.0, "2024-01-22".to_string(), false, true)
        ]
    );
    let text = ok(&store, &["explain", "DEA"]);
    assert!(
        text.contains("(330 offices) [CHANGED OVER TIME]  [2022-03-01 – 2022-03-31, “In March”]"),
        "{text}"
    );
    // Within 2023 on, 93 offices is the only figure: no conflict left.
    let text = ok(&store, &["explain", "DEA", "--since", "2023"]);
    assert!(
        text.contains("(93 offices)  [2024-01-22, document date]"),
        "{text}"
    );
    assert!(!text.contains("330 offices"), "{text}");
    assert!(
        text.contains("[2023-12-01 – 2023-12-31, “in December”]"),
        "{text}"
    );

    // Paths follow only the relations of the window.
    let path = |extra: &[&str]| {
        let mut args = vec![
            "paths",
            "--from",
            "Chinese chemical companies",
            "--to",
            "United States",
        ];
        args.extend_from_slice(extra);
        fkg(&store, &args)
    };
    let both = String::from_utf8_lossy(&path(&[]).stdout).into_owned();
    assert!(
        both.contains("Sinaloa Cartel") && both.contains("Jalisco Cartel"),
        "{both}"
    );
    let early = String::from_utf8_lossy(&path(&["--until", "2022"]).stdout).into_owned();
    assert!(
        early.contains("Sinaloa Cartel") && !early.contains("Jalisco Cartel"),
        "{early}"
    );
    assert!(early.contains("2022-11-07 – 2022-11-13"), "{early}");
    let late = path(&["--since", "2023"]);
    assert_eq!(late.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&late.stderr)
        .contains("with statements dated 2023-01-01 to any time"));

    // Export: only the window's statements; RDF formats refuse a window.
    let windowed = dir.path().join("2024.gexf");
    ok(
        &store,
        &[
            "export",
            "--format",
            "gexf",
            "--since",
            "2024",
            "-o",
            windowed.to_str().unwrap(),
        ],
    );
    let text = std::fs::read_to_string(&windowed).unwrap();
    assert_eq!(text.matches("<edge ").count(), 1, "{text}");
    assert!(
        text.contains("DEA offices worldwide") && !text.contains("Sinaloa"),
        "{text}"
    );
    let o = fkg(&store, &["export", "--format", "nquads", "--since", "2024"]);
    assert!(!o.status.success());
}

#[test]
fn the_dynamic_gexf_validates_and_networkx_and_graphology_read_its_spells() {
    let dir = tempfile::tempdir().unwrap();
    let store = build(dir.path());
    let gexf = dir.path().join("dated.gexf");
    ok(
        &store,
        &["export", "--format", "gexf", "-o", gexf.to_str().unwrap()],
    );
    let text = std::fs::read_to_string(&gexf).unwrap();
    assert!(text.contains(r#"<graph mode="dynamic" timeformat="date""#));
    run(Command::new("xmllint")
        .args(["--nonet", "--noout", "--relaxng"])
        .arg(root().join("tests/schemas/gexf-1.3/gexf.rng"))
        .arg(&gexf));
    // networkx: the graph is dynamic; the supply of precursors by Chinese
    // chemical companies holds from 2019 to the first dateline, then again
    // in December 2023; an edge of the undated document has no spell, and
    // a node's spells are its edges'.
    let py = format!(
        "import networkx as nx
g = nx.read_gexf({:?})
assert g.graph['mode'] == 'dynamic', g.graph
fk = 'https://w3id.org/fentanyl-kg/id/'
def edge(u, v, p):
    d = g.get_edge_data(fk + u, fk + v)
    # networkx gives a multigraph only when some pair has parallel edges
    ds = d.values() if g.is_multigraph() else [d]
    return next(x for x in ds if x['property'] == p)
e = edge('Chinese_chemical_companies', 'fentanyl_precursor_chemicals', 'supplies')
assert e['spells'] == [('2019-01-01', '2022-11-18'), ('2023-12-01', '2023-12-31')], e['spells']
assert e['first_date'] == '2019-01-01' and e['last_date'] == '2023-12-31', e
assert 'spells' not in edge('Sinaloa_Cartel', 'Arizona', 'operatesIn')
assert g.nodes[fk + 'Jalisco_Cartel']['spells'] == [('2022-01-01', '2022-12-31'), ('2023-05-05', '2023-05-05'), ('2023-11-01', '2023-11-30'), ('2023-12-01', '2023-12-31')], g.nodes[fk + 'Jalisco_Cartel']
print(sum(1 for _, _, d in g.edges(data=True) if 'spells' in d))",
        gexf.display().to_string()
    );
    let spelled_edges: usize = run(Command::new("python3").args(["-c", &py]))
        .trim()
        .parse()
        .unwrap();
    assert!(spelled_edges > 10, "{spelled_edges}");
    // graphology-gexf reads the graph and its dates; the reader attaches
    // the spells it drops (tests/readers/read_gexf.js says why).
    let readers = root().join("tests/readers");
    let seen = run(Command::new("node")
        .arg(readers.join("read_gexf.js"))
        .arg(&gexf)
        .current_dir(&readers));
    let v: serde_json::Value = serde_json::from_str(seen.trim()).unwrap();
    assert_eq!(v["mode"], "dynamic");
    assert_eq!(
        v["spelled"]["edges"].as_u64().unwrap() as usize,
        spelled_edges
    );
    let edge = &v["spelledEdge"];
    assert!(
        edge["spells"].as_array().is_some_and(|s| !s.is_empty()),
        "{v}"
    );
    assert!(edge["first_date"].is_string(), "{v}");
}
