//! End-to-end tests of the `fkg` binary on a real on-disk store.

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
        .expect("run fkg")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn build_seeds(dir: &Path) -> PathBuf {
    let store = dir.join("store");
    let o = fkg(&store, &["build", "seeds", "--quiet"]);
    assert!(o.status.success(), "build failed: {}", stderr(&o));
    store
}

fn count(store: &Path, query: &str) -> usize {
    let o = fkg(store, &["query", query, "--format", "csv"]);
    assert!(o.status.success(), "{}", stderr(&o));
    stdout(&o)
        .lines()
        .nth(1)
        .and_then(|l| l.trim().parse().ok())
        .expect("a count")
}

#[test]
fn build_is_idempotent_and_replaces_changed_documents() {
    let dir = tempfile::tempdir().unwrap();
    let docs = dir.path().join("docs");
    std::fs::create_dir(&docs).unwrap();
    std::fs::write(
        docs.join("a.txt"),
        "The Gulf Cartel smuggles fentanyl into Texas.",
    )
    .unwrap();
    std::fs::write(docs.join("b.txt"), "Colombia supplies cocaine to Spain.").unwrap();
    let store = dir.path().join("store");
    let docs_arg = docs.to_str().unwrap();
    let o = fkg(&store, &["build", docs_arg, "--quiet"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stdout(&o).contains("2 added"), "{}", stdout(&o));
    let quads = count(
        &store,
        "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }",
    );

    let o = fkg(&store, &["build", docs_arg, "--quiet"]);
    assert!(stdout(&o).contains("2 unchanged"), "{}", stdout(&o));
    assert_eq!(
        count(
            &store,
            "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"
        ),
        quads
    );

    std::fs::write(docs.join("b.txt"), "Peru supplies cocaine to Spain.").unwrap();
    let o = fkg(&store, &["build", docs_arg, "--quiet"]);
    assert!(stdout(&o).contains("1 replaced"), "{}", stdout(&o));
    let ask = |q: &str| stdout(&fkg(&store, &["query", q])).trim().to_string();
    assert_eq!(
        ask("PREFIX fkr: <https://w3id.org/fentanyl-kg/id/> ASK { fkr:Peru ?p fkr:Spain }"),
        "true"
    );
    assert_eq!(
        ask("PREFIX fkr: <https://w3id.org/fentanyl-kg/id/> ASK { fkr:Colombia ?p fkr:Spain }"),
        "false"
    );
    // The other document is untouched.
    assert_eq!(
        ask("PREFIX fkr: <https://w3id.org/fentanyl-kg/id/> ASK { fkr:Gulf_Cartel ?p fkr:Texas }"),
        "true"
    );

    let o = fkg(&store, &["remove", "a"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(
        ask("PREFIX fkr: <https://w3id.org/fentanyl-kg/id/> ASK { fkr:Gulf_Cartel ?p fkr:Texas }"),
        "false"
    );
    assert_eq!(
        ask("PREFIX fkr: <https://w3id.org/fentanyl-kg/id/> ASK { fkr:Peru ?p fkr:Spain }"),
        "true"
    );
    let o = fkg(&store, &["remove", "a"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("no document"), "{}", stderr(&o));
}

#[test]
fn bad_input_is_reported_and_the_rest_is_stored() {
    let dir = tempfile::tempdir().unwrap();
    let docs = dir.path().join("docs");
    std::fs::create_dir(&docs).unwrap();
    std::fs::write(docs.join("good.txt"), "Colombia supplies cocaine to Spain.").unwrap();
    std::fs::write(docs.join("latin1.txt"), b"Caf\xe9 cr\xe8me from Colombia").unwrap();
    std::fs::write(docs.join("binary.txt"), [0u8, 159, 146, 150, 0, 1, 2]).unwrap();
    std::fs::write(docs.join("empty.txt"), "  \n").unwrap();
    let big = vec![b'a'; 50 * 1024 * 1024];
    std::fs::write(docs.join("huge.txt"), big).unwrap();
    let empty_dir = dir.path().join("nothing");
    std::fs::create_dir(&empty_dir).unwrap();
    let store = dir.path().join("store");
    let o = fkg(
        &store,
        &[
            "build",
            docs.to_str().unwrap(),
            empty_dir.to_str().unwrap(),
            "missing.txt",
            "--quiet",
        ],
    );
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let err = stderr(&o);
    // A Latin-1 text is read (its encoding detected), and says so.
    assert!(
        err.contains("latin1.txt: not UTF-8: read as windows-1252"),
        "{err}"
    );
    assert!(err.contains("binary.txt: binary file"), "{err}");
    assert!(err.contains("empty.txt: empty document"), "{err}");
    assert!(
        err.contains("huge.txt: 52428800 bytes is over the limit"),
        "{err}"
    );
    assert!(err.contains("folder has no documents"), "{err}");
    assert!(err.contains("missing.txt: no such file"), "{err}");
    assert!(!err.contains("panicked"), "{err}");
    assert!(stdout(&o).contains("2 added"), "{}", stdout(&o));
    let ask = stdout(&fkg(&store, &["query", "ASK { <https://w3id.org/fentanyl-kg/id/Colombia> ?p <https://w3id.org/fentanyl-kg/id/Spain> }"]));
    assert_eq!(ask.trim(), "true");
}

#[test]
fn locked_store_and_bad_queries_get_clear_errors() {
    let dir = tempfile::tempdir().unwrap();
    let store = build_seeds(dir.path());
    let before = count(
        &store,
        "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }",
    );

    let o = fkg(&store, &["query", "SELECT ?s WHERE { ?s ?p "]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("SPARQL syntax error"), "{}", stderr(&o));

    let o = fkg(&store, &["query", "--name", "no-such-query"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("no named query"), "{}", stderr(&o));

    let o = fkg(&dir.path().join("nowhere"), &["query", "ASK {}"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("no store at"), "{}", stderr(&o));

    {
        let _held = fkg_store::Store::open(&store).expect("open store");
        let o = fkg(&store, &["build", "seeds", "--quiet"]);
        assert_eq!(o.status.code(), Some(2));
        assert!(
            stderr(&o).contains("in use by another process"),
            "{}",
            stderr(&o)
        );
    }
    assert_eq!(
        count(
            &store,
            "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"
        ),
        before
    );
}

#[test]
fn seeds_graph_follows_the_contract() {
    let dir = tempfile::tempdir().unwrap();
    let store = build_seeds(dir.path());
    // Five documents, each its own graph with metadata.
    assert_eq!(count(&store, "PREFIX fkg: <https://w3id.org/fentanyl-kg/ontology#> SELECT (COUNT(DISTINCT ?d) AS ?n) WHERE { GRAPH ?d { ?d a fkg:Document ; fkg:sha256 ?h } }"), 5);
    // Every entity has exactly one label.
    assert_eq!(
        count(&store, "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> SELECT (COUNT(*) AS ?n) WHERE { { SELECT ?e (COUNT(DISTINCT ?l) AS ?c) WHERE { ?e rdfs:label ?l } GROUP BY ?e } FILTER(?c > 1) }"),
        0
    );
    // Every plain triple of a document has a reified statement with
    // evidence in the same graph.
    assert_eq!(
        count(&store, "PREFIX fkg: <https://w3id.org/fentanyl-kg/ontology#> PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
          SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o FILTER(STRSTARTS(STR(?g), \"https://w3id.org/fentanyl-kg/doc/\") && STRSTARTS(STR(?p), STR(fkg:)) && isIRI(?o) && ?p != fkg:mentionedIn && ?p != fkg:statedBy && ?p != fkg:figure)
            FILTER NOT EXISTS { ?st rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o ; fkg:evidence ?e ; fkg:charStart ?a ; fkg:charEnd ?b } } }"),
        0
    );
    // The read model's relations are exactly the documents' plain triples.
    for (inside, outside) in [
        ("GRAPH <https://w3id.org/fentanyl-kg/graph/consolidated> { ?s ?p ?o }", "GRAPH ?g { ?s ?p ?o FILTER(?g != <https://w3id.org/fentanyl-kg/graph/consolidated>) }"),
        ("GRAPH ?g { ?s ?p ?o FILTER(STRSTARTS(STR(?g), \"https://w3id.org/fentanyl-kg/doc/\")) }", "GRAPH <https://w3id.org/fentanyl-kg/graph/consolidated> { ?s ?p ?o }"),
    ] {
        assert_eq!(
            count(&store, &format!("PREFIX fkg: <https://w3id.org/fentanyl-kg/ontology#>
              SELECT (COUNT(*) AS ?n) WHERE {{ {inside} FILTER(STRSTARTS(STR(?p), STR(fkg:)) && isIRI(?o) && isIRI(?s) && ?p != fkg:mentionedIn && ?p != fkg:statedBy && ?p != fkg:figure && ?p != fkg:subject && ?p != fkg:predicate && ?p != fkg:object && ?p != fkg:supportedBy)
                FILTER NOT EXISTS {{ {outside} }} }}")),
            0,
            "{inside} but not {outside}"
        );
    }
    // Offsets point at the evidence in the document text.
    let o = fkg(&store, &["query", "PREFIX fkg: <https://w3id.org/fentanyl-kg/ontology#> SELECT ?src ?a ?b ?e WHERE { GRAPH ?d { ?st fkg:evidence ?e ; fkg:charStart ?a ; fkg:charEnd ?b . ?d fkg:sourceFile ?src } } LIMIT 50", "--format", "tsv"]);
    let out = stdout(&o);
    let mut checked = 0;
    for line in out.lines().skip(1) {
        let cols: Vec<&str> = line.split('\t').collect();
        let src = cols[0].trim_matches('"');
        let num = |s: &str| {
            s.split('^')
                .next()
                .unwrap()
                .trim_matches('"')
                .parse::<usize>()
                .unwrap()
        };
        let (a, b) = (num(cols[1]), num(cols[2]));
        let text: Vec<char> = std::fs::read_to_string(root().join(src))
            .unwrap()
            .chars()
            .collect();
        let slice: String = text[a..b].iter().collect();
        let ev = cols[3].trim_matches('"').replace("\\\"", "\"");
        assert_eq!(
            slice.replace('"', ""),
            ev.replace('"', ""),
            "offsets {a}..{b} of {src}"
        );
        checked += 1;
    }
    assert!(checked >= 20);
}

#[test]
fn named_queries_answer_on_the_seeds() {
    let dir = tempfile::tempdir().unwrap();
    let store = build_seeds(dir.path());
    let run = |name: &str| {
        let o = fkg(&store, &["query", "--name", name, "--format", "csv"]);
        assert!(o.status.success(), "{name}: {}", stderr(&o));
        stdout(&o)
    };
    let listed = stdout(&fkg(&store, &["query", "--list"]));
    let names: Vec<&str> = listed
        .lines()
        .filter_map(|l| l.split_whitespace().next())
        .collect();
    assert!(names.len() >= 8, "{listed}");
    for n in &names {
        // Each answer once: TSV writes one row a line (newlines in
        // literals are escaped), so a repeated line is a repeated row.
        let o = fkg(&store, &["query", "--name", n, "--format", "tsv"]);
        assert!(o.status.success(), "{n}: {}", stderr(&o));
        let text = stdout(&o);
        let rows: Vec<&str> = text.lines().skip(1).collect();
        assert!(!rows.is_empty(), "{n} has no answer on the seeds");
        let distinct: std::collections::BTreeSet<&str> = rows.iter().copied().collect();
        assert_eq!(distinct.len(), rows.len(), "{n} repeats rows:\n{text}");
    }
    assert!(run("precursor-suppliers").contains("China,fentanyl precursor chemicals"));
    let presence = run("cartel-presence");
    assert!(presence.contains("Sinaloa Cartel,Mexico"), "{presence}");
    let offices = run("office-changes");
    assert!(
        offices.contains("DEA Shanghai office,Shanghai,true"),
        "{offices}"
    );
    assert!(
        offices.contains("DEA Beijing office,Beijing,false"),
        "{offices}"
    );
    let figures = run("conflicting-figures");
    assert!(figures.contains("DEA offices worldwide,334"), "{figures}");
    assert!(figures.contains("DEA offices worldwide,93"), "{figures}");
    let actions = run("enforcement-actions");
    assert!(
        actions.contains("U.S. Department of Justice,charges,four Chinese chemical companies"),
        "{actions}"
    );
    let claims = run("claims-by-speaker");
    assert!(claims.contains("Anne Milgram"), "{claims}");
    let corroborated = run("corroborated-facts");
    assert!(
        corroborated.contains("China,supplies,fentanyl precursor chemicals"),
        "{corroborated}"
    );
    let denied = run("denied-and-hedged");
    assert!(denied.lines().count() > 1, "{denied}");
    let chains = run("supply-chain-paths");
    assert!(chains.contains("Mexico"), "{chains}");
}

#[test]
fn explain_and_export() {
    let dir = tempfile::tempdir().unwrap();
    let store = build_seeds(dir.path());
    let o = fkg(&store, &["explain", "the PRC"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let text = stdout(&o);
    assert!(
        text.starts_with("China  <https://w3id.org/fentanyl-kg/id/China>"),
        "{text}"
    );
    assert!(text.contains("supplies"), "{text}");
    assert!(text.contains("“"), "{text}");
    let o = fkg(&store, &["explain", "Milgram", "--json"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["label"], "Anne Milgram");
    assert!(v["facts"]
        .as_array()
        .unwrap()
        .iter()
        .any(|f| f["property"] == "leads"));
    let o = fkg(&store, &["explain", "Atlantis"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("no entity named"), "{}", stderr(&o));
    // "Jalisco" is the state's label and one of the cartel's names: the
    // candidates are listed, none is picked (issue 11 row 11).
    let o = fkg(&store, &["explain", "Jalisco"]);
    assert_eq!(o.status.code(), Some(1), "{}", stdout(&o));
    let err = stderr(&o);
    assert!(err.contains("ambiguous"), "{err}");
    assert!(err.contains("id/Jalisco>"), "{err}");
    assert!(err.contains("id/Jalisco_Cartel>"), "{err}");

    let out = dir.path().join("dump.nq");
    let o = fkg(
        &store,
        &["export", "--format", "nquads", "-o", out.to_str().unwrap()],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let dump = std::fs::read_to_string(&out).unwrap();
    assert!(dump.lines().count() > 1000);
    assert!(dump.contains("<https://w3id.org/fentanyl-kg/doc/000_d1c685668f30b19f>"));
    for f in ["turtle", "trig", "ntriples"] {
        let o = fkg(&store, &["export", "--format", f]);
        assert!(
            o.status.success() && o.stdout.len() > 1000,
            "{f}: {}",
            stderr(&o)
        );
    }
}

#[test]
fn supply_chain_paths_with_evidence() {
    let dir = tempfile::tempdir().unwrap();
    let store = build_seeds(dir.path());
    let o = fkg(
        &store,
        &["paths", "--from", "PRC", "--to", "U.S.", "--k", "8"],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let text = stdout(&o);
    assert!(text.starts_with("1. China —"), "{text}");
    // A two-hop chain through the cartels that move the drug (a
    // senator's question that fentanyl "comes from Mexico" asserts
    // nothing, so Mexico itself is no hop).
    assert!(
        text.lines().any(|l| l.contains("China —suppliesTo→ ")
            && l.contains(" —trafficsTo→ United States")
            && l.contains("(2 hops")),
        "{text}"
    );
    assert!(text.contains("“"), "{text}");
    let o = fkg(
        &store,
        &[
            "paths",
            "--from",
            "China",
            "--to",
            "United States",
            "--format",
            "json",
            "--max-hops",
            "2",
            "--k",
            "10",
        ],
    );
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let paths = v.as_array().unwrap();
    assert!(paths.len() >= 3);
    for p in paths {
        let hops = p["hops"].as_array().unwrap();
        assert!(!hops.is_empty() && hops.len() <= 2);
        for h in hops {
            assert!(h["documents"].as_u64().unwrap() >= 1);
            assert!(!h["support"][0]["evidence"].as_str().unwrap().is_empty());
        }
    }
    for cartel in ["Sinaloa Cartel", "Jalisco Cartel"] {
        let o = fkg(
            &store,
            &[
                "paths",
                "--from",
                "China",
                "--to",
                "United States",
                "--via",
                cartel,
                "--k",
                "1",
            ],
        );
        assert!(o.status.success(), "{cartel}: {}", stderr(&o));
        assert!(
            stdout(&o).starts_with(&format!(
                "1. China —suppliesTo→ {cartel} —trafficsTo→ United States"
            )),
            "{}",
            stdout(&o)
        );
    }
    let o = fkg(&store, &["paths", "--from", "Atlantis", "--to", "China"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("no entity named \"Atlantis\""),
        "{}",
        stderr(&o)
    );
    let o = fkg(
        &store,
        &[
            "paths",
            "--from",
            "United States",
            "--to",
            "China",
            "--predicates",
            "trafficsTo",
        ],
    );
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("no path"), "{}", stderr(&o));
    let o = fkg(
        &store,
        &["paths", "--around", "Sinaloa Cartel", "--max-hops", "1"],
    );
    assert!(
        stdout(&o).contains("United States (Country)"),
        "{}",
        stdout(&o)
    );
}

/// A query on which Oxigraph 0.5.13's evaluator panics: its ORDER BY
/// compares numbers as numbers and strings by their text, which is no
/// total order ("9" < 10 < "5" < 9), and Rust's sort then panics.
const PANICKING_ORDER_BY: &str = r#"SELECT ?x WHERE { VALUES ?x { 18 "79" "24" "95" "45" 11 7 77 "71" "56" "7" "3" 40 "24" "75" "94" 73 "42" 34 51 "84" "36" "86" 56 } } ORDER BY ?x"#;

#[test]
fn a_panic_in_the_query_engine_is_an_error_not_a_crash() {
    let dir = tempfile::tempdir().unwrap();
    let docs = dir.path().join("docs");
    std::fs::create_dir(&docs).unwrap();
    std::fs::write(docs.join("a.txt"), "Colombia supplies cocaine to Spain.").unwrap();
    let store = dir.path().join("store");
    let o = fkg(&store, &["build", docs.to_str().unwrap(), "--quiet"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let o = fkg(&store, &["query", PANICKING_ORDER_BY]);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(2), "{err}");
    assert!(
        err.contains("fkg: error: internal error in the query engine"),
        "{err}"
    );
    assert!(err.contains("total order"), "{err}");
    assert!(
        !err.contains("panicked") && !err.contains("RUST_BACKTRACE"),
        "{err}"
    );
    // The store is as it was.
    let ask = stdout(&fkg(&store, &["query", "ASK { <https://w3id.org/fentanyl-kg/id/Colombia> ?p <https://w3id.org/fentanyl-kg/id/Spain> }"]));
    assert_eq!(ask.trim(), "true");
}

/// `fkg` run in folder `cwd`.
fn fkg_in(cwd: &Path, store: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_fkg"))
        .current_dir(cwd)
        .arg("--store")
        .arg(store)
        .args(args)
        .output()
        .expect("run fkg")
}

/// The stored documents as (id, source file).
fn stored_documents(store: &Path) -> Vec<(String, String)> {
    let o = fkg(
        store,
        &[
            "query",
            "SELECT ?d ?src WHERE { GRAPH ?d { ?d <https://w3id.org/fentanyl-kg/ontology#sourceFile> ?src } } ORDER BY ?d",
            "--format",
            "tsv",
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    stdout(&o)
        .lines()
        .skip(1)
        .map(|l| {
            let (d, src) = l.split_once('\t').unwrap();
            let id = d.trim_matches(['<', '>']).rsplit('/').next().unwrap();
            (id.to_string(), src.trim_matches('"').to_string())
        })
        .collect()
}

#[test]
fn remove_takes_the_document_its_path_names() {
    let dir = tempfile::tempdir().unwrap();
    for (folder, text) in [
        ("dupA", "Colombia supplies cocaine to Spain."),
        ("dupB", "The Gulf Cartel smuggles fentanyl into Texas."),
    ] {
        std::fs::create_dir(dir.path().join(folder)).unwrap();
        std::fs::write(dir.path().join(folder).join("x.txt"), text).unwrap();
    }
    let store = dir.path().join("store");
    let o = fkg_in(dir.path(), &store, &["build", "dupA", "dupB", "--quiet"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(stored_documents(&store).len(), 2);

    // A file name both documents came from: refused, with the candidates.
    let o = fkg_in(dir.path(), &store, &["remove", "x.txt"]);
    assert_eq!(o.status.code(), Some(1), "{}", stdout(&o));
    let err = stderr(&o);
    assert!(err.contains("matches 2 source files"), "{err}");
    assert!(
        err.contains("dupA/x.txt") && err.contains("dupB/x.txt"),
        "{err}"
    );
    assert_eq!(stored_documents(&store).len(), 2, "nothing removed");

    // The path names one: that one goes, the other stays.
    let o = fkg_in(dir.path(), &store, &["remove", "dupB/x.txt"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let left = stored_documents(&store);
    assert_eq!(left.len(), 1, "{left:?}");
    assert_eq!(left[0].1, "dupA/x.txt", "{left:?}");
    // From another folder, by absolute path, and then by id.
    let o = fkg(
        &store,
        &["remove", dir.path().join("dupB/x.txt").to_str().unwrap()],
    );
    assert_eq!(o.status.code(), Some(1), "already removed: {}", stdout(&o));
    let o = fkg(
        &store,
        &["remove", dir.path().join("dupA/./x.txt").to_str().unwrap()],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stored_documents(&store).is_empty());
}

#[cfg(unix)]
#[test]
fn symlink_loops_end_and_each_file_is_read_once() {
    use std::os::unix::fs::symlink;
    let dir = tempfile::tempdir().unwrap();
    let docs = dir.path().join("docs");
    let sub = docs.join("sub");
    std::fs::create_dir_all(&sub).unwrap();
    std::fs::write(docs.join("a.txt"), "Colombia supplies cocaine to Spain.").unwrap();
    std::fs::write(
        sub.join("b.txt"),
        "The Gulf Cartel smuggles fentanyl into Texas.",
    )
    .unwrap();
    // Two links that loop through each other's folders, a link to the
    // folder itself, a second name for a file and for a folder.
    let other = dir.path().join("other");
    std::fs::create_dir(&other).unwrap();
    symlink(&docs, other.join("back")).unwrap();
    symlink(&other, sub.join("out")).unwrap();
    symlink(&docs, docs.join("self")).unwrap();
    symlink(docs.join("a.txt"), sub.join("same-as-a.txt")).unwrap();
    symlink(&sub, docs.join("sub-again")).unwrap();

    let store = dir.path().join("store");
    let mut child = Command::new(env!("CARGO_BIN_EXE_fkg"))
        .arg("--store")
        .arg(&store)
        .args(["build", docs.to_str().unwrap(), "--quiet"])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    // Bounded: a walk that follows the loops never ends.
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(120);
    while child.try_wait().unwrap().is_none() {
        if std::time::Instant::now() > deadline {
            let _ = child.kill();
            panic!("fkg build still walking the links after 120 s");
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    let o = child.wait_with_output().unwrap();
    let (out, err) = (stdout(&o), stderr(&o));
    assert!(out.starts_with("2 documents (2 added"), "{out}{err}");
    assert!(err.contains("symbolic link loop"), "{err}");
    assert!(err.contains("docs/self"), "{err}");
    assert!(err.contains("back"), "the loop through other/: {err}");
    assert_eq!(o.status.code(), Some(1), "loops are reported: {err}");
    assert_eq!(stored_documents(&store).len(), 2);
}

/// How many documents back statements with this subject.
fn backing_documents(store: &Path, subject: &str) -> usize {
    count(
        store,
        &format!("SELECT (COUNT(DISTINCT ?doc) AS ?n) WHERE {{ ?st <http://www.w3.org/1999/02/22-rdf-syntax-ns#subject> <https://w3id.org/fentanyl-kg/id/{subject}> ; <http://www.w3.org/ns/prov#wasDerivedFrom> ?doc }}"),
    )
}

#[test]
fn identical_copies_are_one_document_with_several_sources() {
    let dir = tempfile::tempdir().unwrap();
    let article =
        "Colombia supplies cocaine to Spain. The Gulf Cartel smuggles fentanyl into Texas.";
    for (path, text) in [
        ("a/x.txt", article),
        ("b/x.txt", article),
        ("c/repost.txt", article),
        (
            "d/other.txt",
            "Mexico supplies heroin to the United States.",
        ),
    ] {
        let p = dir.path().join(path);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, text).unwrap();
    }
    let store = dir.path().join("store");
    let o = fkg_in(
        dir.path(),
        &store,
        &["build", "a", "b", "c", "d", "--quiet"],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(out.starts_with("2 documents (2 added"), "{out}");
    assert!(out.contains("2 identical copies"), "{out}");
    let docs = stored_documents(&store);
    let x: Vec<&str> = docs
        .iter()
        .filter(|(id, _)| id == "x")
        .map(|(_, s)| s.as_str())
        .collect();
    assert_eq!(x, ["a/x.txt", "b/x.txt", "c/repost.txt"], "{docs:?}");
    // The three copies are one source, not three.
    assert_eq!(backing_documents(&store, "Colombia"), 1);

    // Another copy later: the same document, one more source.
    std::fs::create_dir(dir.path().join("e")).unwrap();
    std::fs::write(dir.path().join("e/again.txt"), article).unwrap();
    let o = fkg_in(dir.path(), &store, &["build", "e", "--quiet"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stdout(&o).contains("1 unchanged"), "{}", stdout(&o));
    assert_eq!(stored_documents(&store).len(), 5);
    assert_eq!(backing_documents(&store, "Colombia"), 1);

    // Removing one copy's path keeps the document for the others.
    let o = fkg_in(dir.path(), &store, &["remove", "b/x.txt"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stdout(&o).contains("no longer a source"), "{}", stdout(&o));
    let docs = stored_documents(&store);
    assert_eq!(docs.len(), 4, "{docs:?}");
    assert!(!docs.iter().any(|(_, s)| s == "b/x.txt"), "{docs:?}");

    // A copy whose text changes leaves the document it was a copy of.
    std::fs::write(
        dir.path().join("a/x.txt"),
        "Colombia supplies cocaine to Portugal.",
    )
    .unwrap();
    let o = fkg_in(
        dir.path(),
        &store,
        &["build", "a", "c", "d", "e", "--quiet"],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let docs = stored_documents(&store);
    let holding = |src: &str| {
        docs.iter()
            .filter(|(_, s)| s == src)
            .map(|(id, _)| id.clone())
            .collect::<Vec<_>>()
    };
    assert_eq!(holding("a/x.txt").len(), 1, "{docs:?}");
    assert_eq!(holding("c/repost.txt"), holding("e/again.txt"), "{docs:?}");
    assert_ne!(holding("a/x.txt"), holding("c/repost.txt"), "{docs:?}");
    assert_eq!(backing_documents(&store, "Colombia"), 2, "{docs:?}");
}

/// The N-Quads of a store, sorted, without ingest times and without the
/// ontology's graph (its lists are blank nodes named anew at each load).
fn dump_without_times(store: &Path, out: &Path) -> Vec<String> {
    let o = fkg(
        store,
        &["export", "--format", "nquads", "-o", out.to_str().unwrap()],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let mut lines: Vec<String> = std::fs::read_to_string(out)
        .unwrap()
        .lines()
        .filter(|l| {
            !l.contains("<http://purl.org/dc/terms/created>")
                && !l.ends_with("<https://w3id.org/fentanyl-kg/graph/ontology> .")
        })
        .map(String::from)
        .collect();
    lines.sort();
    lines
}

/// The lines only one of two dumps has.
fn differences(a: &[String], b: &[String]) -> Vec<String> {
    let (sa, sb): (std::collections::BTreeSet<_>, std::collections::BTreeSet<_>) =
        (a.iter().collect(), b.iter().collect());
    let mut out: Vec<String> = sa.difference(&sb).map(|l| format!("- {l}")).collect();
    out.extend(sb.difference(&sa).map(|l| format!("+ {l}")));
    out
}

#[test]
fn the_graph_does_not_depend_on_batches() {
    let dir = tempfile::tempdir().unwrap();
    let docs = dir.path().join("docs");
    std::fs::create_dir(&docs).unwrap();
    // "Roe" of a is "Jane Roe" of c, a document stored after it when the
    // documents come one at a time.
    std::fs::write(
        docs.join("a.txt"),
        "Roe said Peru supplies cocaine to Spain.",
    )
    .unwrap();
    std::fs::write(docs.join("b.txt"), "Colombia supplies cocaine to Spain.").unwrap();
    std::fs::write(
        docs.join("c.txt"),
        "FBI Director Jane Roe said the cartels are adapting.",
    )
    .unwrap();
    let docs_arg = docs.to_str().unwrap();
    let one = dir.path().join("one");
    let o = fkg(&one, &["build", docs_arg, "--quiet"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let whole = dump_without_times(&one, &dir.path().join("one.nq"));
    assert!(
        whole
            .iter()
            .any(|l| l.contains("/id/Jane_Roe>") && l.ends_with("/doc/a> .")),
        "Roe of a is not Jane Roe"
    );
    assert!(!whole.iter().any(|l| l.contains("/id/Roe>")));
    // One document per batch, in one build.
    let batched = dir.path().join("batched");
    let o = fkg(&batched, &["build", docs_arg, "--quiet", "--batch", "1"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let dump = dump_without_times(&batched, &dir.path().join("batched.nq"));
    assert_eq!(differences(&whole, &dump), Vec::<String>::new());
    assert_eq!(dump, whole);
    // Three builds, one document each.
    let three = dir.path().join("three");
    for name in ["a.txt", "b.txt", "c.txt"] {
        let o = fkg(
            &three,
            &["build", docs.join(name).to_str().unwrap(), "--quiet"],
        );
        assert!(o.status.success(), "{}", stderr(&o));
        if name == "c.txt" {
            assert!(
                stdout(&o).contains("1 stored document resolved again"),
                "{}",
                stdout(&o)
            );
        }
    }
    let dump = dump_without_times(&three, &dir.path().join("three.nq"));
    assert_eq!(differences(&whole, &dump), Vec::<String>::new());
    assert_eq!(dump, whole);
    // Building the whole folder again extracts nothing and changes nothing.
    let o = fkg(&three, &["build", docs_arg, "--quiet"]);
    assert!(stdout(&o).contains("3 unchanged"), "{}", stdout(&o));
    let dump = dump_without_times(&three, &dir.path().join("again.nq"));
    assert_eq!(differences(&whole, &dump), Vec::<String>::new());
    assert_eq!(dump, whole);
}
