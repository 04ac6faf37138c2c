//! A store in use (issue 11 row 3): documents added to a running `fkg
//! serve` (`POST /api/documents`, and `fkg build`, which sends them there),
//! queries answered meanwhile, and the CLI's read commands beside the
//! server. The real binary, a real store on disk, the server on 127.0.0.1,
//! curl.
#![allow(clippy::print_stderr)] // the measured figures, with --nocapture

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::time::{Duration, Instant};

/// These tests run one at a time: each starts a server and builds, and on
/// two cores one test's build slowed another's timed queries past their
/// bound (a query of `the_server_answers_while_documents_are_added` waited
/// 19 s once while the other four ran beside it).
static ONE_AT_A_TIME: std::sync::Mutex<()> = std::sync::Mutex::new(());

fn one_at_a_time() -> std::sync::MutexGuard<'static, ()> {
    ONE_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner())
}

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

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

struct Server {
    child: Child,
    base: String,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// `fkg serve` on `store` (built from the seeds when missing).
fn serve(store: &Path, extra: &[&str]) -> Server {
    let mut child = Command::new(env!("CARGO_BIN_EXE_fkg"))
        .current_dir(root())
        .arg("--store")
        .arg(store)
        .args(["serve", "--bind", "127.0.0.1:0"])
        .args(extra)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("start fkg serve");
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
    // Keep reading stdout so the server never blocks on a full pipe.
    std::thread::spawn(move || std::io::copy(&mut reader, &mut std::io::sink()));
    Server {
        child,
        base: format!("http://{addr}"),
    }
}

/// (status, body) of a curl request.
fn curl(args: &[&str]) -> (u16, String) {
    let out = Command::new("curl")
        .args(["-s", "-S", "-o", "-", "-w", "\n%{http_code}"])
        .args(args)
        .output()
        .expect("curl is installed");
    let t = text(&out.stdout);
    let (body, code) = t.rsplit_once('\n').unwrap();
    (code.trim().parse().unwrap_or(0), body.to_string())
}

fn token(store: &Path) -> String {
    let path = store.join("fkg-serve.json");
    let v: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    v["token"].as_str().unwrap().to_string()
}

/// The N-Quads of a store, sorted, without ingest times and the ontology's
/// graph (its lists are blank nodes named anew at each load).
fn dump(store: &Path, out: &Path) -> Vec<String> {
    let o = fkg(
        store,
        &["export", "--format", "nquads", "-o", out.to_str().unwrap()],
    );
    assert!(o.status.success(), "{}", text(&o.stderr));
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

fn write_docs(dir: &Path) {
    std::fs::create_dir_all(dir).unwrap();
    std::fs::write(
        dir.join("a.txt"),
        "FBI Director Jane Roe said the Gulf Cartel smuggles fentanyl into Texas.",
    )
    .unwrap();
    std::fs::write(
        dir.join("b.html"),
        "<html><body><p>Roe said Colombia supplies cocaine to Spain.</p></body></html>",
    )
    .unwrap();
}

#[test]
fn build_and_read_commands_work_while_a_server_holds_the_store() {
    let _one = one_at_a_time();
    let dir = tempfile::tempdir().unwrap();
    let docs = dir.path().join("docs");
    write_docs(&docs);
    let served = dir.path().join("served");
    let server = serve(&served, &[]);
    // The token file is the owner's alone.
    let meta = std::fs::metadata(served.join("fkg-serve.json")).unwrap();
    use std::os::unix::fs::PermissionsExt;
    assert_eq!(meta.permissions().mode() & 0o777, 0o600);

    let o = fkg(&served, &["build", docs.to_str().unwrap(), "--quiet"]);
    assert!(o.status.success(), "{}", text(&o.stderr));
    assert!(text(&o.stdout).contains("2 added"), "{}", text(&o.stdout));
    assert!(text(&o.stdout).contains("through the server"));
    // Again: nothing is extracted twice.
    let o = fkg(&served, &["build", docs.to_str().unwrap(), "--quiet"]);
    assert!(
        text(&o.stdout).contains("2 unchanged"),
        "{}",
        text(&o.stdout)
    );

    // The read commands see what the server stored.
    let o = fkg(
        &served,
        &["query", "ASK { <https://w3id.org/fentanyl-kg/id/Colombia> ?p <https://w3id.org/fentanyl-kg/id/Spain> }"],
    );
    assert!(o.status.success(), "{}", text(&o.stderr));
    assert_eq!(text(&o.stdout).trim(), "true");
    let o = fkg(&served, &["documents"]);
    assert!(o.status.success(), "{}", text(&o.stderr));
    assert!(text(&o.stdout).contains("b.html"), "{}", text(&o.stdout));
    let o = fkg(&served, &["explain", "Gulf Cartel"]);
    assert!(o.status.success(), "{}", text(&o.stderr));
    let o = fkg(&served, &["paths", "--from", "Colombia", "--to", "Spain"]);
    assert!(o.status.success(), "{}", text(&o.stderr));
    // The server answers about the new documents too.
    let (code, body) = curl(&[&format!("{}/api/documents", server.base)]);
    assert_eq!(code, 200);
    assert!(body.contains("b.html"), "{body}");
    // A second server of the same store says where the first one is.
    let o = fkg(&served, &["serve", "--bind", "127.0.0.1:0"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        text(&o.stderr).contains("already served at"),
        "{}",
        text(&o.stderr)
    );
    drop(server);

    // The same graph as builds without a server.
    let plain = dir.path().join("plain");
    for input in ["seeds", docs.to_str().unwrap()] {
        let o = fkg(&plain, &["build", input, "--quiet"]);
        assert!(o.status.success(), "{}", text(&o.stderr));
    }
    let a = dump(&plain, &dir.path().join("plain.nq"));
    let b = dump(&served, &dir.path().join("served.nq"));
    let (sa, sb): (std::collections::BTreeSet<_>, std::collections::BTreeSet<_>) =
        (a.iter().collect(), b.iter().collect());
    let diff: Vec<_> = sa.symmetric_difference(&sb).collect();
    assert!(diff.is_empty(), "{diff:#?}");
}

#[test]
fn posted_documents_need_the_token_and_good_input() {
    let _one = one_at_a_time();
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("store");
    let server = serve(&store, &["--update-token", "s3cret"]);
    let url = format!("{}/api/documents", server.base);
    let json = ["-H", "Content-Type: application/json"];
    let body = r#"{"documents": [{"name": "p.txt", "text": "Peru supplies cocaine to Spain."}]}"#;
    let (code, msg) = curl(&[&url, "-X", "POST", json[0], json[1], "--data", body]);
    assert_eq!(code, 401, "{msg}");
    let (code, _) = curl(&[
        &url,
        "-X",
        "POST",
        json[0],
        json[1],
        "-H",
        "Authorization: Bearer nope",
        "--data",
        body,
    ]);
    assert_eq!(code, 403);
    let auth = "Authorization: Bearer s3cret";
    let owner = format!("Authorization: Bearer {}", token(&store));
    for (content_type, data, status, says) in [
        ("application/json", "{\"docs\": []}", 400, "the body is not"),
        (
            "application/json",
            "{\"documents\": []}",
            400,
            "no documents",
        ),
        (
            "application/json",
            "{\"documents\": [{\"name\": \"e.txt\", \"text\": \"  \"}]}",
            400,
            "empty document",
        ),
        (
            "text/plain",
            "Peru supplies cocaine to Spain.",
            400,
            "?name=",
        ),
        ("application/pdf", "%PDF", 415, "application/json"),
    ] {
        let ct = format!("Content-Type: {content_type}");
        let (code, msg) = curl(&[&url, "-X", "POST", "-H", &ct, "-H", auth, "--data", data]);
        assert_eq!(code, status, "{data}: {msg}");
        assert!(msg.contains(says), "{data}: {msg}");
    }
    // Nothing of the refused requests was stored.
    let (_, docs) = curl(&[&url]);
    assert!(!docs.contains("\"e\""), "{docs}");
    // The update token and the owner's token both add documents.
    let (code, msg) = curl(&[
        &url, "-X", "POST", json[0], json[1], "-H", auth, "--data", body,
    ]);
    assert_eq!(code, 200, "{msg}");
    assert!(msg.contains("\"added\":1"), "{msg}");
    let (code, msg) = curl(&[
        &format!("{url}?name=q.md"),
        "-X",
        "POST",
        "-H",
        "Content-Type: text/plain",
        "-H",
        &owner,
        "--data",
        "Colombia supplies cocaine to Spain.",
    ]);
    assert_eq!(code, 200, "{msg}");
    let (code, answer) = curl(&[
        &format!("{}/sparql", server.base),
        "-H",
        "Accept: text/csv",
        "--data-urlencode",
        "query=ASK { <https://w3id.org/fentanyl-kg/id/Peru> ?p <https://w3id.org/fentanyl-kg/id/Spain> }",
    ]);
    assert_eq!(code, 200);
    assert!(answer.contains("true"), "{answer}");

    // Removing: the token again, and fkg remove goes through the server.
    let (code, _) = curl(&[&format!("{url}/p"), "-X", "DELETE"]);
    assert_eq!(code, 401);
    let (code, msg) = curl(&[&format!("{url}/nothing"), "-X", "DELETE", "-H", auth]);
    assert_eq!(code, 404, "{msg}");
    let o = fkg(&store, &["remove", "p"]);
    assert!(o.status.success(), "{}", text(&o.stderr));
    assert!(
        text(&o.stdout).contains("removed document p"),
        "{}",
        text(&o.stdout)
    );
    let (_, docs) = curl(&[&url]);
    let v: serde_json::Value = serde_json::from_str(&docs).unwrap();
    let ids: Vec<&str> = v
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["id"].as_str().unwrap())
        .collect();
    assert!(!ids.contains(&"p") && ids.contains(&"q"), "{ids:?}");
}

#[test]
fn the_server_answers_while_documents_are_added() {
    let _one = one_at_a_time();
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("store");
    let server = serve(&store, &[]);
    // Enough text to keep the ingest busy for a while: the seeds, each
    // many times with a line of its own.
    let mut documents = Vec::new();
    let seeds: Vec<String> = std::fs::read_dir(root().join("seeds"))
        .unwrap()
        .map(|e| std::fs::read_to_string(e.unwrap().path()).unwrap())
        .collect();
    for i in 0..120 {
        let t = format!(
            "{}\n\nReport {i}: Cartel{i} smuggles fentanyl into Texas.",
            seeds[i % seeds.len()]
        );
        documents.push(serde_json::json!({ "name": format!("gen/d{i}.txt"), "text": t }));
    }
    let body = dir.path().join("body.json");
    std::fs::write(
        &body,
        serde_json::to_vec(&serde_json::json!({ "documents": documents })).unwrap(),
    )
    .unwrap();
    let url = format!("{}/api/documents", server.base);
    let owner = format!("Authorization: Bearer {}", token(&store));
    let started = Instant::now();
    let post = std::thread::spawn(move || {
        let r = curl(&[
            &url,
            "-X",
            "POST",
            "-H",
            "Content-Type: application/json",
            "-H",
            &owner,
            "--data-binary",
            &format!("@{}", body.display()),
        ]);
        (r, started.elapsed())
    });
    let query = format!("{}/api/queries/who-leads-what", server.base);
    let mut answers = Vec::new();
    let mut cli_reads = Vec::new();
    while !post.is_finished() {
        let t = Instant::now();
        let (code, _) = curl(&["-m", "20", &query]);
        answers.push((code, t.elapsed()));
        // The CLI reads a read-only view of the store meanwhile.
        let o = fkg(
            &store,
            &[
                "query",
                "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }",
                "--format",
                "csv",
            ],
        );
        cli_reads.push((o.status.code(), text(&o.stderr)));
        std::thread::sleep(Duration::from_millis(50));
    }
    assert!(
        cli_reads.iter().all(|(c, _)| *c == Some(0)),
        "{cli_reads:?}"
    );
    let ((code, msg), took) = post.join().unwrap();
    assert_eq!(code, 200, "{msg}");
    assert!(msg.contains("\"added\":120"), "{msg}");
    let slowest = answers.iter().map(|(_, t)| *t).max().unwrap_or_default();
    eprintln!(
        "ingest of 120 documents: {took:?}; {} queries answered meanwhile, slowest {slowest:?}; {} fkg query runs",
        answers.len(),
        cli_reads.len()
    );
    assert!(answers.len() >= 3, "{answers:?}");
    assert!(answers.iter().all(|(c, _)| *c == 200), "{answers:?}");
    // A query waits for one write at most, not for a batch or the ingest
    // (10 to 18 s at load 8 when the ingest held the lock per batch and
    // workers held it until their first row; under 1 s since).
    assert!(slowest < Duration::from_secs(10), "{answers:?}");
    // Every document is there, and the server's answers follow.
    let (_, docs) = curl(&[&format!("{}/api/documents", server.base)]);
    let v: serde_json::Value = serde_json::from_str(&docs).unwrap();
    assert_eq!(v.as_array().unwrap().len(), 125);
}

#[test]
fn a_server_started_during_a_build_waits_for_it() {
    let _one = one_at_a_time();
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("store");
    let o = fkg(&store, &["build", "seeds", "--quiet"]);
    assert!(o.status.success(), "{}", text(&o.stderr));
    // A build (here: this process) holds the store.
    let held = fkg_store::Store::open(&store).unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_fkg"))
        .current_dir(root())
        .arg("--store")
        .arg(&store)
        .args(["serve", "--bind", "127.0.0.1:0"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    std::thread::sleep(Duration::from_secs(2));
    assert!(child.try_wait().unwrap().is_none(), "fkg serve gave up");
    drop(held);
    let mut reader = BufReader::new(child.stdout.take().unwrap());
    let mut line = String::new();
    reader.read_line(&mut line).unwrap();
    assert!(line.contains("http://"), "{line}");
    let _ = child.kill();
    let _ = child.wait();
    let mut err = String::new();
    std::io::Read::read_to_string(&mut child.stderr.take().unwrap(), &mut err).unwrap();
    assert!(err.contains("waiting for it"), "{err}");
}

#[test]
fn documents_dropped_into_a_watched_folder_are_added() {
    let _one = one_at_a_time();
    let dir = tempfile::tempdir().unwrap();
    let inbox = dir.path().join("inbox");
    std::fs::create_dir(&inbox).unwrap();
    let store = dir.path().join("store");
    let server = serve(
        &store,
        &["--watch", inbox.to_str().unwrap(), "--watch-every", "1"],
    );
    let ask = |q: &str| {
        curl(&[
            &format!("{}/sparql", server.base),
            "-H",
            "Accept: text/csv",
            "--data-urlencode",
            &format!("query={q}"),
        ])
        .1
    };
    let peru =
        "ASK { <https://w3id.org/fentanyl-kg/id/Peru> ?p <https://w3id.org/fentanyl-kg/id/Spain> }";
    let chile = "ASK { <https://w3id.org/fentanyl-kg/id/Chile> ?p <https://w3id.org/fentanyl-kg/id/Spain> }";
    let wait_for = |q: &str| {
        let started = Instant::now();
        while !ask(q).contains("true") {
            assert!(
                started.elapsed() < Duration::from_secs(60),
                "not added: {q}"
            );
            std::thread::sleep(Duration::from_millis(200));
        }
    };
    // Written elsewhere and moved in, as a file should arrive.
    let tmp = dir.path().join("r1.txt");
    std::fs::write(&tmp, "Peru supplies cocaine to Spain.").unwrap();
    std::fs::rename(&tmp, inbox.join("r1.txt")).unwrap();
    wait_for(peru);
    // A changed file replaces its document.
    std::fs::write(&tmp, "Chile supplies cocaine to Spain.").unwrap();
    std::fs::rename(&tmp, inbox.join("r1.txt")).unwrap();
    wait_for(chile);
    assert!(ask(peru).contains("false"));
}
