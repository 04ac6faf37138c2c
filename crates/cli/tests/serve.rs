//! `fkg serve` on 127.0.0.1, driven by curl: the SPARQL 1.1 protocol,
//! content negotiation, errors, read-only by default, updates with a token,
//! time limits, and the analyst API.

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Command, Stdio};

struct Server {
    child: Child,
    base: String,
    _dir: tempfile::TempDir,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn start(extra: &[&str]) -> Server {
    let dir = tempfile::tempdir().unwrap();
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let mut child = Command::new(env!("CARGO_BIN_EXE_fkg"))
        .current_dir(&root)
        .arg("--store")
        .arg(dir.path().join("store"))
        .args(["serve", "--bind", "127.0.0.1:0"])
        .args(extra)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("start fkg serve");
    // The first build prints its summary; the address line follows.
    let mut reader = BufReader::new(child.stdout.take().unwrap());
    let mut line = String::new();
    while !line.contains("http://") {
        line.clear();
        if reader.read_line(&mut line).unwrap() == 0 {
            break;
        }
    }
    let addr = line
        .split("http://")
        .nth(1)
        .and_then(|r| r.split('/').next())
        .unwrap_or_else(|| panic!("no address in {line:?}"))
        .to_string();
    Server {
        child,
        base: format!("http://{addr}"),
        _dir: dir,
    }
}

/// (status, content type, body) of a curl request.
fn curl(args: &[&str]) -> (u16, String, String) {
    let out = Command::new("curl")
        .args([
            "-s",
            "-S",
            "-o",
            "-",
            "-w",
            "\n%{http_code} %{content_type}",
        ])
        .args(args)
        .output()
        .expect("curl is installed");
    let text = String::from_utf8_lossy(&out.stdout).into_owned();
    let (body, tail) = text.rsplit_once('\n').unwrap();
    let (code, ct) = tail.split_once(' ').unwrap_or((tail, ""));
    (code.parse().unwrap_or(0), ct.to_string(), body.to_string())
}

/// (status, response headers in lower case) of a curl request.
fn curl_head(args: &[&str]) -> (u16, String) {
    let out = Command::new("curl")
        .args(["-s", "-S", "-o", "/dev/null", "-D", "-"])
        .args(args)
        .output()
        .expect("curl is installed");
    let head = String::from_utf8_lossy(&out.stdout).to_ascii_lowercase();
    let code = head
        .split_whitespace()
        .nth(1)
        .and_then(|c| c.parse().ok())
        .unwrap_or(0);
    (code, head)
}

const CARTELS: &str =
    "SELECT DISTINCT ?c WHERE { ?c a <https://w3id.org/fentanyl-kg/ontology#Cartel> } ORDER BY ?c";

#[test]
fn sparql_protocol_and_negotiation() {
    let s = start(&[]);
    let url = format!("{}/sparql", s.base);
    // GET with query=, JSON by default.
    let (code, ct, body) = curl(&["-G", &url, "--data-urlencode", &format!("query={CARTELS}")]);
    assert_eq!(
        (code, ct.as_str()),
        (200, "application/sparql-results+json")
    );
    let v: serde_json::Value = serde_json::from_str(&body).unwrap();
    let cartels: Vec<&str> = v["results"]["bindings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| b["c"]["value"].as_str().unwrap())
        .collect();
    assert!(
        cartels.contains(&"https://w3id.org/fentanyl-kg/id/Sinaloa_Cartel"),
        "{cartels:?}"
    );
    // POST form, XML by q-value.
    let (code, ct, body) = curl(&[
        "-H",
        "Accept: text/csv;q=0.5, application/sparql-results+xml",
        "--data-urlencode",
        &format!("query={CARTELS}"),
        &url,
    ]);
    assert_eq!((code, ct.as_str()), (200, "application/sparql-results+xml"));
    assert!(body.contains("<sparql") && body.contains("Sinaloa_Cartel"));
    // POST application/sparql-query, TSV.
    let (code, ct, body) = curl(&[
        "-H",
        "Content-Type: application/sparql-query",
        "-H",
        "Accept: text/tab-separated-values",
        "--data-binary",
        CARTELS,
        &format!("{}/query", s.base),
    ]);
    assert_eq!((code, ct.as_str()), (200, "text/tab-separated-values"));
    assert!(body.starts_with("?c\n"));
    // CONSTRUCT as N-Triples; format= for browsers.
    let construct = "CONSTRUCT { ?c a <https://w3id.org/fentanyl-kg/ontology#Cartel> } WHERE { ?c a <https://w3id.org/fentanyl-kg/ontology#Cartel> }";
    let (code, ct, body) = curl(&[
        "-G",
        &url,
        "-H",
        "Accept: application/n-triples",
        "--data-urlencode",
        &format!("query={construct}"),
    ]);
    assert_eq!((code, ct.as_str()), (200, "application/n-triples"));
    assert!(body.lines().all(|l| l.ends_with(" .")));
    let (code, ct, _) = curl(&[
        "-G",
        &url,
        "--data-urlencode",
        &format!("query={CARTELS}"),
        "--data-urlencode",
        "format=csv",
    ]);
    assert_eq!((code, ct.as_str()), (200, "text/csv"));
    // default-graph-uri restricts the dataset to one document.
    let one = "https://w3id.org/fentanyl-kg/doc/002_db0299bcf552a8d2";
    let (_, _, body) = curl(&["-G", &url, "--data-urlencode", "query=SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s a <http://www.w3.org/1999/02/22-rdf-syntax-ns#Statement> }", "--data-urlencode", &format!("default-graph-uri={one}"), "-H", "Accept: text/csv"]);
    let in_one: usize = body.lines().nth(1).unwrap().trim().parse().unwrap();
    let (_, _, body) = curl(&["-G", &url, "--data-urlencode", "query=SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s a <http://www.w3.org/1999/02/22-rdf-syntax-ns#Statement> }", "-H", "Accept: text/csv"]);
    let in_all: usize = body.lines().nth(1).unwrap().trim().parse().unwrap();
    assert!(in_one > 0 && in_one < in_all, "{in_one} of {in_all}");
    // Service description.
    let (code, ct, body) = curl(&["-H", "Accept: text/turtle", &url]);
    assert_eq!((code, ct.as_str()), (200, "text/turtle"));
    assert!(
        body.contains("http://www.w3.org/ns/sparql-service-description#Service"),
        "{body}"
    );
}

#[test]
fn errors_are_clear_4xx() {
    let s = start(&[]);
    let url = format!("{}/sparql", s.base);
    let (code, _, body) = curl(&[
        "-G",
        &url,
        "--data-urlencode",
        "query=SELECT ?x WHERE { ?x ",
    ]);
    assert_eq!(code, 400);
    assert!(body.contains("SPARQL syntax error"), "{body}");
    let (code, _, _) = curl(&["-H", "Content-Type: text/plain", "--data", "ASK {}", &url]);
    assert_eq!(code, 415);
    let (code, _, _) = curl(&[
        "-G",
        &url,
        "-H",
        "Accept: image/png",
        "--data-urlencode",
        "query=ASK {}",
    ]);
    assert_eq!(code, 406);
    // Read-only without a token.
    let (code, _, body) = curl(&[
        "-H",
        "Content-Type: application/sparql-update",
        "--data",
        "INSERT DATA { <urn:a> <urn:b> <urn:c> }",
        &url,
    ]);
    assert_eq!(code, 403);
    assert!(body.contains("read-only"), "{body}");
    // Unknown entity and named query.
    let (code, _, _) = curl(&[&format!("{}/api/entity/Atlantis", s.base)]);
    assert_eq!(code, 404);
    let (code, _, _) = curl(&[&format!("{}/api/queries/nope", s.base)]);
    assert_eq!(code, 404);
    // The server is still healthy.
    let (code, _, body) = curl(&[&format!("{}/health", s.base)]);
    assert_eq!(code, 200);
    assert!(body.contains("\"documents\":5"), "{body}");
}

#[test]
fn updates_need_the_token() {
    let s = start(&["--update-token", "s3cret"]);
    let url = format!("{}/sparql", s.base);
    let insert = "INSERT DATA { GRAPH <urn:g> { <urn:a> <urn:b> <urn:c> } }";
    // No credentials: 401 and a challenge that says how to authenticate.
    let (code, head) = curl_head(&[
        "-H",
        "Content-Type: application/sparql-update",
        "--data",
        insert,
        &url,
    ]);
    assert_eq!(code, 401, "{head}");
    assert!(head.contains("\r\nwww-authenticate: bearer"), "{head}");
    // Credentials that are not the token: 403, no challenge.
    let (code, head) = curl_head(&[
        "-H",
        "Content-Type: application/sparql-update",
        "-H",
        "Authorization: Bearer wrong",
        "--data",
        insert,
        &url,
    ]);
    assert_eq!(code, 403, "{head}");
    assert!(!head.contains("www-authenticate"), "{head}");
    // A query before the write leaves a worker with the store open in the
    // pool: the write must retire it, or the next query misses the triple.
    let (_, _, body) = curl(&[
        "-G",
        &url,
        "--data-urlencode",
        "query=ASK { <urn:a> <urn:b> <urn:c> }",
    ]);
    assert!(body.contains("false"), "{body}");
    let (code, _, _) = curl(&[
        "-H",
        "Content-Type: application/sparql-update",
        "-H",
        "Authorization: Bearer s3cret",
        "--data",
        insert,
        &url,
    ]);
    assert_eq!(code, 204);
    let (_, _, body) = curl(&[
        "-G",
        &url,
        "--data-urlencode",
        "query=ASK { <urn:a> <urn:b> <urn:c> }",
    ]);
    assert!(body.contains("true"), "{body}");
    let (code, _, _) = curl(&[
        "-H",
        "Content-Type: application/sparql-update",
        "-H",
        "Authorization: Bearer s3cret",
        "--data",
        "LOAD <http://example.com/x.ttl>",
        &url,
    ]);
    assert_eq!(code, 403);
}

/// The query workers of a server's store (their command line names it).
fn workers_of(s: &Server) -> Vec<u32> {
    let store = s._dir.path().join("store");
    let store = store.to_string_lossy();
    let mut found = Vec::new();
    for e in std::fs::read_dir("/proc").unwrap().flatten() {
        let Ok(pid) = e.file_name().to_string_lossy().parse::<u32>() else {
            continue;
        };
        let Ok(cmd) = std::fs::read(e.path().join("cmdline")) else {
            continue;
        };
        let cmd = String::from_utf8_lossy(&cmd).replace('\0', " ");
        if cmd.contains(store.as_ref()) && cmd.contains("query-worker") {
            found.push(pid);
        }
    }
    found
}

#[test]
fn query_workers_are_kept_between_queries_and_retired_by_writes() {
    let s = start(&["--update-token", "s3cret"]);
    let url = format!("{}/sparql", s.base);
    let ask = |q: &str| {
        let (code, _, body) = curl(&["-G", &url, "--data-urlencode", &format!("query={q}")]);
        assert_eq!(code, 200, "{body}");
        body
    };
    ask("ASK { ?s ?p ?o }");
    let first = workers_of(&s);
    assert_eq!(first.len(), 1, "{first:?}");
    // One query after another: the same process answers each.
    for _ in 0..5 {
        let body = ask("SELECT ?s WHERE { ?s ?p ?o } LIMIT 3");
        assert!(body.contains("\"bindings\""), "{body}");
    }
    assert_eq!(workers_of(&s), first);
    // A syntax error is answered by the worker, which stays.
    let (code, _, body) = curl(&["-G", &url, "--data-urlencode", "query=SELEKT nothing"]);
    assert_eq!(code, 400, "{body}");
    assert_eq!(workers_of(&s), first);
    // A write: the pooled worker saw the store before it, so it goes, and
    // the next query opens the store again and sees the write.
    let (code, _, body) = curl(&[
        "-H",
        "Content-Type: application/sparql-update",
        "-H",
        "Authorization: Bearer s3cret",
        "--data",
        "INSERT DATA { GRAPH <urn:g> { <urn:pool> <urn:b> <urn:c> } }",
        &url,
    ]);
    assert_eq!(code, 204, "{body}");
    assert!(ask("ASK { <urn:pool> <urn:b> <urn:c> }").contains("true"));
    // The stale worker was killed on the way; give the kernel a moment.
    let mut after = workers_of(&s);
    for _ in 0..30 {
        if after.len() == 1 {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(100));
        after = workers_of(&s);
    }
    assert_eq!(after.len(), 1, "{after:?}");
    assert_ne!(after, first);
}

#[test]
fn slow_queries_are_stopped() {
    let s = start(&["--timeout", "1"]);
    let url = format!("{}/sparql", s.base);
    // A cross product far too large to finish in a second.
    let q = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }";
    let started = std::time::Instant::now();
    let (code, _, body) = curl(&[
        "-G",
        &url,
        "--max-time",
        "60",
        "--data-urlencode",
        &format!("query={q}"),
    ]);
    assert!(
        started.elapsed().as_secs() < 30,
        "took {:?}",
        started.elapsed()
    );
    assert_eq!(code, 503, "{body}");
    assert!(body.contains("timed out"), "{body}");
    let (code, _, _) = curl(&[&format!("{}/health", s.base)]);
    assert_eq!(code, 200);
}

#[test]
fn analyst_api() {
    let s = start(&[]);
    let (code, _, body) = curl(&[&format!("{}/api/entities?q=sinaloa", s.base)]);
    assert_eq!(code, 200);
    let v: serde_json::Value = serde_json::from_str(&body).unwrap();
    assert!(
        v.as_array()
            .unwrap()
            .iter()
            .any(|m| m["label"] == "Sinaloa Cartel"),
        "{body}"
    );
    let (code, _, body) = curl(&[&format!("{}/api/entity/Sinaloa_Cartel", s.base)]);
    assert_eq!(code, 200);
    let v: serde_json::Value = serde_json::from_str(&body).unwrap();
    assert!(
        v["facts"]
            .as_array()
            .unwrap()
            .iter()
            .any(|f| f["property"] == "operatesIn"
                && f["evidence"].as_str().unwrap().contains("19 of 32")),
        "{body}"
    );
    let (code, _, body) = curl(&[&format!("{}/api/queries", s.base)]);
    assert_eq!(code, 200);
    let v: serde_json::Value = serde_json::from_str(&body).unwrap();
    assert!(v.as_array().unwrap().len() >= 8);
    let (code, ct, body) = curl(&[
        "-H",
        "Accept: text/csv",
        &format!("{}/api/queries/office-changes", s.base),
    ]);
    assert_eq!((code, ct.as_str()), (200, "text/csv"));
    assert!(body.contains("DEA Shanghai office"), "{body}");
    let (code, _, body) = curl(&[&format!(
        "{}/api/paths?from=PRC&to=U.S.&k=3&max_hops=2",
        s.base
    )]);
    assert_eq!(code, 200, "{body}");
    let v: serde_json::Value = serde_json::from_str(&body).unwrap();
    assert_eq!(v["from"], "China");
    let paths = v["paths"].as_array().unwrap();
    assert!(!paths.is_empty());
    assert!(paths.iter().all(|p| p["hops"]
        .as_array()
        .unwrap()
        .iter()
        .all(|h| !h["support"].as_array().unwrap().is_empty())));
    let (code, _, _) = curl(&[&format!("{}/api/paths?from=Atlantis&to=China", s.base)]);
    assert_eq!(code, 404);
    let (code, _, _) = curl(&[&format!("{}/api/paths?from=China", s.base)]);
    assert_eq!(code, 400);
}

#[test]
fn the_api_names_documents_by_their_metadata() {
    let seeds = tempfile::tempdir().unwrap();
    std::fs::write(
        seeds.path().join("page-17.html"),
        r#"<html><head><title>x</title>
        <meta property="og:title" content="Corridor watch">
        <meta property="og:site_name" content="Valley Courier">
        <meta name="date" content="2024-01-09">
        <link rel="canonical" href="https://courier.example/corridor"></head>
        <body><nav>Menu</nav><p>The Gulf Cartel operates in Tamaulipas.</p></body></html>"#,
    )
    .unwrap();
    let s = start(&["--seeds", seeds.path().to_str().unwrap()]);
    let docs = api(&s, "/api/documents");
    let d = &docs[0];
    assert_eq!(d["id"], "page-17");
    assert_eq!(d["title"], "Corridor watch");
    assert_eq!(d["publisher"], "Valley Courier");
    assert_eq!(d["date"], "2024-01-09");
    assert_eq!(d["source_url"], "https://courier.example/corridor");
    assert_eq!(d["citation"], "Corridor watch — Valley Courier, 2024-01-09");
    let r = api(&s, "/api/documents/page-17");
    assert_eq!(r["info"]["date_source"], "html-meta");
    assert_eq!(r["info"]["format"], "text/html");
    assert_eq!(r["text"], "The Gulf Cartel operates in Tamaulipas.");
    let e = api(&s, "/api/entity/Gulf_Cartel");
    assert_eq!(
        e["document_info"][0]["citation"],
        "Corridor watch — Valley Courier, 2024-01-09"
    );
    let f = &e["facts"][0];
    assert_eq!(f["document_title"], "Corridor watch");
    assert_eq!(f["document_publisher"], "Valley Courier");
    let p = api(
        &s,
        "/api/paths?from=Gulf%20Cartel&to=Tamaulipas&predicates=operatesIn",
    );
    assert_eq!(
        p["paths"][0]["hops"][0]["support"][0]["source"],
        "Corridor watch — Valley Courier, 2024-01-09",
        "{p}"
    );
}

/// A JSON answer of the analyst API.
fn api(s: &Server, path: &str) -> serde_json::Value {
    let (code, _, body) = curl(&[&format!("{}{path}", s.base)]);
    assert_eq!(code, 200, "{path}: {body}");
    serde_json::from_str(&body).unwrap()
}

#[test]
fn documents_api_gives_texts_and_evidence_spans() {
    let s = start(&[]);
    let docs = api(&s, "/api/documents");
    let docs = docs.as_array().unwrap();
    assert_eq!(docs.len(), 5, "the five seeds");
    let total: u64 = docs.iter().map(|d| d["statements"].as_u64().unwrap()).sum();
    let mut seen = 0;
    for d in docs {
        let id = d["id"].as_str().unwrap();
        let r = api(&s, &format!("/api/documents/{id}"));
        let text: Vec<char> = r["text"].as_str().unwrap().chars().collect();
        let facts = r["facts"].as_array().unwrap();
        // One entry per statement (or per figure of a statement), never a
        // statement repeated for every label in the store.
        let statements: std::collections::BTreeSet<&str> = facts
            .iter()
            .map(|f| f["statement"].as_str().unwrap())
            .collect();
        assert_eq!(statements.len() as u64, d["statements"].as_u64().unwrap());
        assert!(facts.len() <= 2 * statements.len(), "{id}: {}", facts.len());
        seen += statements.len() as u64;
        for f in facts {
            // The offsets index the stored text: the span is the evidence.
            let (a, b) = (
                f["char_start"].as_u64().unwrap() as usize,
                f["char_end"].as_u64().unwrap() as usize,
            );
            let span: String = text[a..b].iter().collect();
            let norm = |t: &str| t.split_whitespace().collect::<Vec<_>>().join(" ");
            assert_eq!(
                norm(&span),
                norm(f["evidence"].as_str().unwrap()),
                "{id} {a}..{b}"
            );
        }
    }
    assert_eq!(seen, total);
    let (code, _, body) = curl(&[&format!("{}/api/documents/no-such-doc", s.base)]);
    assert_eq!(code, 404, "{body}");
    // Ids are checked as IRIs, never pasted into query text: a NUL, a
    // closing bracket or a brace is no document (and no syntax error).
    for id in ["acme%00", "acme%3E%20%7B", "a%22b", "x%0Ay"] {
        let (code, _, body) = curl(&[&format!("{}/api/documents/{id}", s.base)]);
        assert_eq!(code, 404, "{id}: {body}");
        assert!(body.contains("no document"), "{id}: {body}");
    }
    for id in ["http:%2F%2Fx%3E%20%7B", "http:%2F%2Fx%00"] {
        let (code, _, body) = curl(&[&format!("{}/api/entity/{id}", s.base)]);
        assert_eq!(code, 404, "{id}: {body}");
    }
    // Conflicting figures are flagged on entity pages: DEA office counts.
    let dea = api(&s, "/api/entity/Drug_Enforcement_Administration");
    let flagged: Vec<f64> = dea["facts"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["conflicting"] == true)
        .map(|f| f["quantity"].as_f64().unwrap())
        .collect();
    assert!(flagged.len() >= 2, "{flagged:?}");
}

#[test]
fn paths_api_draws_expansions_and_exports_the_same_gexf() {
    let s = start(&[]);
    let plain = api(&s, "/api/paths?from=China&to=United%20States&k=3");
    let expanded = api(
        &s,
        "/api/paths?from=China&to=United%20States&k=3&expand=Mexico",
    );
    let edges = |v: &serde_json::Value| v["edges"].as_array().unwrap().len();
    assert!(edges(&expanded) > edges(&plain));
    // Every hop of every path is among the drawn edges.
    for p in plain["paths"].as_array().unwrap() {
        for h in p["hops"].as_array().unwrap() {
            let id = format!(
                "{} {} {}",
                h["subject"].as_str().unwrap(),
                h["property"].as_str().unwrap(),
                h["object"].as_str().unwrap()
            );
            assert!(plain["edges"]
                .as_array()
                .unwrap()
                .iter()
                .any(|e| e["id"] == id.as_str()));
        }
    }
    let mexico = expanded["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|n| n["label"] == "Mexico")
        .unwrap();
    assert_eq!(mexico["expanded"], true);
    let through_mexico = expanded["paths"].as_array().unwrap().iter().any(|p| {
        p["entities"]
            .as_array()
            .unwrap()
            .iter()
            .any(|e| e == "Mexico")
    });
    assert_eq!(mexico["on_path"], through_mexico);
    // The GEXF is exactly the drawing.
    let (code, ct, gexf) = curl(&[&format!(
        "{}/api/paths?from=China&to=United%20States&k=3&expand=Mexico&format=gexf",
        s.base
    )]);
    assert_eq!(code, 200);
    assert!(ct.starts_with("application/gexf+xml"), "{ct}");
    assert_eq!(gexf.matches("<edge ").count(), edges(&expanded));
    assert_eq!(
        gexf.matches("<node ").count(),
        expanded["nodes"].as_array().unwrap().len()
    );
    let (code, _, _) = curl(&[&format!(
        "{}/api/paths?from=China&to=Mexico&format=pdf",
        s.base
    )]);
    assert_eq!(code, 400);
    let (code, _, _) = curl(&[&format!(
        "{}/api/paths?from=China&to=Mexico&expand=Atlantis",
        s.base
    )]);
    assert_eq!(code, 404);
}

#[test]
fn serves_the_workbench_or_says_how_to_build_it() {
    let empty = tempfile::tempdir().unwrap();
    let s = start(&["--ui", empty.path().to_str().unwrap()]);
    let (code, ct, body) = curl(&[&format!("{}/", s.base)]);
    assert_eq!((code, ct.as_str()), (200, "text/html; charset=utf-8"));
    assert!(body.contains("not built"), "{body}");
    std::fs::write(
        empty.path().join("index.html"),
        "<!doctype html><title>workbench</title>",
    )
    .unwrap();
    std::fs::create_dir(empty.path().join("assets")).unwrap();
    std::fs::write(empty.path().join("assets/app.js"), "console.log(1)").unwrap();
    let s = start(&["--ui", empty.path().to_str().unwrap()]);
    let (code, _, body) = curl(&[&format!("{}/", s.base)]);
    assert_eq!(code, 200);
    assert!(body.contains("<title>workbench</title>"));
    let (code, ct, _) = curl(&[&format!("{}/assets/app.js", s.base)]);
    assert_eq!(code, 200);
    assert!(ct.contains("javascript"), "{ct}");
    // The API still answers beside the static files.
    let (code, _, _) = curl(&[&format!("{}/api/documents", s.base)]);
    assert_eq!(code, 200);
    let (code, _, _) = curl(&[&format!("{}/no/such/file.js", s.base)]);
    assert_eq!(code, 404);
}

#[test]
fn open_updates_only_on_loopback() {
    let dir = tempfile::tempdir().unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_fkg"))
        .arg("--store")
        .arg(dir.path().join("store"))
        .args(["serve", "--bind", "0.0.0.0:0", "--unsafe-open-update"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("only allowed on a loopback address"));
}

#[test]
fn graph_store_protocol_needs_the_token() {
    let s = start(&["--update-token", "t0k"]);
    let url = format!("{}/store?graph=urn:example:g1", s.base);
    let ttl = "<urn:a> <urn:b> <urn:c> .";
    let (code, _, _) = curl(&[
        "-X",
        "PUT",
        "-H",
        "Content-Type: text/turtle",
        "--data-binary",
        ttl,
        &url,
    ]);
    assert_eq!(code, 401);
    let (code, _, _) = curl(&[
        "-X",
        "PUT",
        "-H",
        "Content-Type: text/turtle",
        "-H",
        "Authorization: Bearer t0k",
        "--data-binary",
        ttl,
        &url,
    ]);
    assert_eq!(code, 201);
    let (code, ct, body) = curl(&["-H", "Accept: application/n-triples", &url]);
    assert_eq!((code, ct.as_str()), (200, "application/n-triples"));
    assert_eq!(body.trim(), ttl);
    let (code, _, _) = curl(&["-X", "DELETE", "-H", "Authorization: Bearer t0k", &url]);
    assert_eq!(code, 204);
    let (code, _, _) = curl(&[&url]);
    assert_eq!(code, 404);
}

#[test]
fn answers_over_the_row_limit_are_visibly_cut() {
    let s = start(&["--max-rows", "50"]);
    let url = format!("{}/sparql", s.base);
    // Small answers are whole.
    let (code, _, body) = curl(&[
        "-G",
        &url,
        "--data-urlencode",
        "query=SELECT ?s WHERE { ?s ?p ?o } LIMIT 10",
    ]);
    assert_eq!(code, 200);
    assert!(serde_json::from_str::<serde_json::Value>(&body).is_ok());
    // A big one streams until the limit, then the body is aborted: the
    // client sees an incomplete transfer, never a clean but short result.
    let out = Command::new("curl")
        .args([
            "-s",
            "-G",
            &url,
            "--data-urlencode",
            "query=SELECT ?s ?p ?o WHERE { ?s ?p ?o }",
        ])
        .output()
        .unwrap();
    assert_ne!(out.status.code(), Some(0), "curl saw a complete transfer");
    assert!(serde_json::from_slice::<serde_json::Value>(&out.stdout).is_err());
}

#[test]
fn limits_concurrency_remote_services_and_bytes() {
    let s = start(&[
        "--max-concurrent",
        "1",
        "--timeout",
        "3",
        "--max-result-bytes",
        "2000",
    ]);
    let url = format!("{}/sparql", s.base);
    // One slow query holds the only slot; a second query gets 503 at once.
    let slow_url = url.clone();
    let slow = std::thread::spawn(move || {
        curl(&[
            "-G",
            &slow_url,
            "--data-urlencode",
            "query=SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }",
        ])
    });
    std::thread::sleep(std::time::Duration::from_millis(700));
    let (code, _, body) = curl(&["-G", &url, "--data-urlencode", "query=ASK {}"]);
    assert_eq!(code, 503, "{body}");
    assert!(body.contains("too many queries"), "{body}");
    assert_eq!(slow.join().unwrap().0, 503);
    // The slot is free again; SERVICE never reaches the network.
    let (code, _, body) = curl(&[
        "-G",
        &url,
        "--data-urlencode",
        "query=SELECT * WHERE { SERVICE <http://example.com/sparql> { ?s ?p ?o } }",
    ]);
    assert!((400..500).contains(&code), "{code} {body}");
    // A big answer is cut at the byte limit, visibly.
    let out = Command::new("curl")
        .args([
            "-s",
            "-G",
            &url,
            "--data-urlencode",
            "query=SELECT ?s ?p ?o WHERE { ?s ?p ?o }",
        ])
        .output()
        .unwrap();
    assert_ne!(out.status.code(), Some(0));
    assert!(out.stdout.len() <= 2000 + 64 * 1024);
    // CORS for browser clients.
    let out = Command::new("curl")
        .args([
            "-s",
            "-i",
            "-H",
            "Origin: http://example.org",
            &format!("{}/health", s.base),
        ])
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&out.stdout)
        .to_ascii_lowercase()
        .contains("access-control-allow-origin: *"));
}

/// Reads until the server closes the connection; panics when it is still
/// open after a minute (the bound of the test, far above the timeout).
fn wait_closed(mut c: std::net::TcpStream, what: &str) -> String {
    use std::io::Read;
    c.set_read_timeout(Some(std::time::Duration::from_secs(60)))
        .unwrap();
    let mut got = Vec::new();
    let r = c.read_to_end(&mut got);
    assert!(
        r.is_ok()
            || r.as_ref()
                .is_err_and(|e| e.kind() == std::io::ErrorKind::ConnectionReset),
        "{what}: still open after 60 s ({r:?}); got {:?}",
        String::from_utf8_lossy(&got)
    );
    String::from_utf8_lossy(&got).into_owned()
}

#[test]
fn slow_and_idle_connections_are_closed_and_capped() {
    use std::io::{Read, Write};
    use std::net::TcpStream;
    let s = start(&["--header-timeout", "5", "--max-connections", "64"]);
    let addr = s.base.trim_start_matches("http://").to_string();
    let health = format!("{}/health", s.base);
    let partial = || {
        let mut c = TcpStream::connect(&addr).unwrap();
        c.write_all(b"GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: */*\r\n")
            .unwrap();
        c
    };
    // 40 clients that send half their headers and stop: the server still
    // answers everyone else, then closes them after the header timeout.
    let slow: Vec<TcpStream> = (0..40).map(|_| partial()).collect();
    let (code, _, body) = curl(&[&health]);
    assert_eq!(code, 200, "{body}");
    for (i, c) in slow.into_iter().enumerate() {
        let got = wait_closed(c, &format!("slow client {i}"));
        assert!(!got.contains(" 200 "), "answered half a request: {got}");
    }
    let (code, _, _) = curl(&[&health]);
    assert_eq!(code, 200);

    // A kept-alive connection that goes idle after one answer, and 63 slow
    // clients: 64 connections, the cap. One more is answered 503.
    let mut idle = TcpStream::connect(&addr).unwrap();
    idle.write_all(b"GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
        .unwrap();
    let mut first = [0u8; 12];
    idle.read_exact(&mut first).unwrap();
    assert_eq!(&first, b"HTTP/1.1 200");
    let slow: Vec<TcpStream> = (0..63).map(|_| partial()).collect();
    let (code, _, body) = curl(&[&health]);
    assert_eq!(code, 503, "{body}");
    assert!(body.contains("too many connections"), "{body}");
    wait_closed(idle, "idle kept-alive connection");
    for (i, c) in slow.into_iter().enumerate() {
        wait_closed(c, &format!("slow client {i}"));
    }
    // All closed: the server answers again.
    let (code, _, body) = curl(&[&health]);
    assert_eq!(code, 200, "{body}");
}

#[test]
fn a_panic_in_the_query_engine_is_a_500_and_the_server_goes_on() {
    // See PANICKING_ORDER_BY in tests/cli.rs: Oxigraph 0.5.13 panics on it.
    let q = r#"SELECT ?x WHERE { VALUES ?x { 18 "79" "24" "95" "45" 11 7 77 "71" "56" "7" "3" 40 "24" "75" "94" 73 "42" 34 51 "84" "36" "86" 56 } } ORDER BY ?x"#;
    let s = start(&["--max-concurrent", "2"]);
    let url = format!("{}/sparql", s.base);
    // More times than there are query slots: a panicking worker gives its
    // slot back.
    for _ in 0..4 {
        let (code, ct, body) = curl(&["-G", &url, "--data-urlencode", &format!("query={q}")]);
        assert_eq!(code, 500, "{body}");
        assert!(ct.starts_with("text/plain"), "{ct}");
        assert!(
            body.contains("internal error in the query engine") && body.contains("total order"),
            "{body}"
        );
    }
    let (code, _, body) = curl(&[
        "-G",
        &url,
        "-H",
        "Accept: text/csv",
        "--data-urlencode",
        &format!("query={CARTELS}"),
    ]);
    assert_eq!(code, 200, "{body}");
    assert!(body.contains("Sinaloa"), "{body}");
}

#[test]
fn dates_in_the_api() {
    let s = start(&["--seeds", "tests/dated"]);
    let base = &s.base;
    // An entity's facts with their dates, and within a window.
    let v = api(&s, "/api/entity/Drug_Enforcement_Administration");
    let facts = v["facts"].as_array().unwrap();
    let offices: Vec<&serde_json::Value> =
        facts.iter().filter(|f| f["unit"] == "offices").collect();
    assert_eq!(offices.len(), 2, "{v}");
    assert!(
        offices.iter().all(|f| f["changed_over_time"] == true),
        "{v}"
    );
    let v = api(
        &s,
        "/api/entity/Drug_Enforcement_Administration?since=2023&until=2023-12",
    );
    let facts = v["facts"].as_array().unwrap();
    assert!(!facts.is_empty());
    assert!(facts.iter().all(|f| f["date_start"] == "2023-12-01"), "{v}");
    // Named queries: which take dates, and their dates.
    let v = api(&s, "/api/queries");
    let takes: Vec<&str> = v
        .as_array()
        .unwrap()
        .iter()
        .filter(|q| q["takes_dates"] == true)
        .map(|q| q["name"].as_str().unwrap())
        .collect();
    assert_eq!(takes, ["new-suppliers-since", "office-changes-over-time"]);
    let (code, _, body) = curl(&[
        "-H",
        "Accept: text/csv",
        &format!("{base}/api/queries/new-suppliers-since?since=2023"),
    ]);
    assert_eq!(code, 200, "{body}");
    assert!(
        body.contains("Qingfeng") && !body.contains("Chinese chemical companies"),
        "{body}"
    );
    let (code, _, body) = curl(&[&format!("{base}/api/queries/cartel-presence?since=2023")]);
    assert_eq!(code, 400, "{body}");
    let (code, _, body) = curl(&[&format!(
        "{base}/api/queries/new-suppliers-since?since=soon"
    )]);
    assert_eq!(code, 400, "{body}");
    assert!(body.contains("is no date"), "{body}");
    // Paths within a window, and their drawing as a dynamic GEXF.
    let path = "/api/paths?from=Chinese%20chemical%20companies&to=United%20States";
    let v = api(&s, &format!("{path}&until=2022"));
    let labels: Vec<&str> = v["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n["label"].as_str().unwrap())
        .collect();
    assert!(
        labels.contains(&"Sinaloa Cartel") && !labels.contains(&"Jalisco Cartel"),
        "{labels:?}"
    );
    let support = &v["edges"][0]["support"][0];
    assert!(support["date_start"].is_string(), "{v}");
    let (code, _, body) = curl(&[&format!("{base}{path}&since=2023")]);
    assert_eq!(code, 200, "{body}");
    let v: serde_json::Value = serde_json::from_str(&body).unwrap();
    assert!(v["paths"].as_array().unwrap().is_empty(), "{v}");
    let (code, ct, body) = curl(&[&format!("{base}{path}&until=2022&format=gexf")]);
    assert_eq!(
        (code, ct.as_str()),
        (200, "application/gexf+xml; charset=utf-8")
    );
    assert!(
        body.contains(r#"mode="dynamic""#) && body.contains("<spell "),
        "{body}"
    );
}
