//! Network exports read by real readers: the GEXF 1.3 RELAX NG schema
//! (xmllint), networkx (GEXF and GraphML) and graphology-gexf; Gephi CSV.

use std::path::{Path, PathBuf};
use std::process::Command;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn fkg(store: &Path, args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_fkg"))
        .current_dir(root())
        .arg("--store")
        .arg(store)
        .args(args)
        .output()
        .unwrap()
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

#[test]
fn gexf_graphml_and_csv_are_read_by_real_readers() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("store");
    assert!(fkg(&store, &["build", "seeds", "--quiet"]).status.success());
    let gexf = dir.path().join("graph.gexf");
    let graphml = dir.path().join("graph.graphml");
    let csv = dir.path().join("graph");
    for (format, out) in [("gexf", &gexf), ("graphml", &graphml), ("csv", &csv)] {
        let o = fkg(
            &store,
            &["export", "--format", format, "-o", out.to_str().unwrap()],
        );
        assert!(
            o.status.success(),
            "{format}: {}",
            String::from_utf8_lossy(&o.stderr)
        );
    }
    // The official GEXF 1.3 schema, in its correct RELAX NG form (kept in
    // tests/schemas, so that a fresh clone tests on its own).
    let rng = root().join("tests/schemas/gexf-1.3/gexf.rng");
    run(Command::new("xmllint")
        .args(["--nonet", "--noout", "--relaxng"])
        .arg(&rng)
        .arg(&gexf));

    // The CSV tables say how many nodes and edges there are.
    let nodes = std::fs::read_to_string(format!("{}.nodes.csv", csv.display()))
        .unwrap()
        .lines()
        .count()
        - 1;
    let edges = std::fs::read_to_string(format!("{}.edges.csv", csv.display()))
        .unwrap()
        .lines()
        .count()
        - 1;
    assert!(nodes > 50 && edges > 100, "{nodes} nodes, {edges} edges");

    // networkx reads both XML formats with the same counts and attributes.
    let py = format!(
        "import networkx as nx\ng = nx.read_gexf({:?})\nh = nx.read_graphml({:?})\nassert g.is_directed() and h.is_directed()\nn = g.nodes['https://w3id.org/fentanyl-kg/id/China']\nassert n['label'] == 'China' and n['class'] == 'Country' and 'viz' in n, n\ne = next(iter(g.edges(data=True)))[2]\nassert e['weight'] >= 1 and e['property'] and e['first_evidence'], e\nm = h.nodes['https://w3id.org/fentanyl-kg/id/China']\nassert m['label'] == 'China' and m['class'] == 'Country' and m['r'] == n['viz']['color']['r'] and m['size'] > 0, m\nf = next(iter(h.edges(data=True)))[2]\nassert f['weight'] >= 1 and f['label'] == f['property'] and f['first_evidence'] and f['evidence'].startswith(f['first_evidence']) and 'speakers' in f, f\nprint(g.number_of_nodes(), g.number_of_edges(), h.number_of_nodes(), h.number_of_edges())",
        gexf.display().to_string(),
        graphml.display().to_string()
    );
    let counts = run(Command::new("python3").args(["-c", &py]));
    assert_eq!(counts.trim(), format!("{nodes} {edges} {nodes} {edges}"));

    // graphology-gexf, the reader of sigma.js applications.
    let readers = root().join("tests/readers");
    let seen = run(Command::new("node")
        .arg(readers.join("read_gexf.js"))
        .arg(&gexf)
        .current_dir(&readers));
    let v: serde_json::Value = serde_json::from_str(seen.trim()).unwrap();
    assert_eq!(v["type"], "directed");
    assert_eq!(v["nodes"].as_u64().unwrap() as usize, nodes);
    assert_eq!(v["edges"].as_u64().unwrap() as usize, edges);
    assert!(v["edge"]["documents"].is_array(), "{v}");

    // A path result as GEXF validates too.
    let o = fkg(
        &store,
        &[
            "paths",
            "--from",
            "China",
            "--to",
            "United States",
            "--format",
            "gexf",
        ],
    );
    assert!(o.status.success());
    let path_gexf = dir.path().join("paths.gexf");
    std::fs::write(&path_gexf, &o.stdout).unwrap();
    run(Command::new("xmllint")
        .args(["--nonet", "--noout", "--relaxng"])
        .arg(&rng)
        .arg(&path_gexf));
    // A CONSTRUCT selects relations: here, those of cartels.
    let sub = dir.path().join("cartels.gexf");
    let q = "PREFIX fkg: <https://w3id.org/fentanyl-kg/ontology#> CONSTRUCT { ?c ?p ?o } WHERE { ?c a fkg:Cartel ; ?p ?o . FILTER(STRSTARTS(STR(?p), STR(fkg:))) }";
    let o = fkg(
        &store,
        &[
            "export",
            "--format",
            "gexf",
            "--query",
            q,
            "-o",
            sub.to_str().unwrap(),
        ],
    );
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let text = std::fs::read_to_string(&sub).unwrap();
    let n = text.matches("<edge ").count();
    assert!(n > 5 && n < edges, "{n} of {edges}");
    assert!(text.contains("Sinaloa Cartel"));
    run(Command::new("xmllint")
        .args(["--nonet", "--noout", "--relaxng"])
        .arg(&rng)
        .arg(&sub));
    // CSV needs a prefix.
    let o = fkg(&store, &["export", "--format", "csv"]);
    assert_eq!(o.status.code(), Some(2));
}
