//! A killed build resumes (issue 11 row 7): `kill -9` during a build of
//! many batches, then `fkg build` again extracts only what no committed
//! batch stored, and the store ends as one uninterrupted build leaves it
//! (documents' graphs, the read model, people resolved across documents).
#![allow(clippy::print_stderr)] // the measured figures, with --nocapture

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::{Duration, Instant};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn fkg(store: &Path) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_fkg"));
    c.current_dir(root()).arg("--store").arg(store);
    c
}

fn run(store: &Path, args: &[&str]) -> Output {
    fkg(store).args(args).output().expect("run fkg")
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

/// The N-Quads of a store, sorted, without ingest times and the ontology's
/// graph (its lists are blank nodes named anew at each load).
fn dump(store: &Path, out: &Path) -> Vec<String> {
    let o = run(
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

fn assert_same(a: &[String], b: &[String]) {
    let (sa, sb): (std::collections::BTreeSet<_>, std::collections::BTreeSet<_>) =
        (a.iter().collect(), b.iter().collect());
    let diff: Vec<_> = sa.symmetric_difference(&sb).take(20).collect();
    assert!(diff.is_empty(), "{diff:#?}");
}

/// The number in "N added" / "M unchanged" of a build's summary.
fn figure(summary: &str, what: &str) -> usize {
    summary
        .split(['(', ')', ',', ';', '\n'])
        .find_map(|part| part.trim().strip_suffix(what)?.trim().parse().ok())
        .unwrap_or_else(|| panic!("no {what:?} in {summary:?}"))
}

fn stored(store: &Path) -> usize {
    let o = run(
        store,
        &[
            "query",
            "--format",
            "csv",
            "SELECT (COUNT(DISTINCT ?d) AS ?n) WHERE { GRAPH ?d { ?d a <https://w3id.org/fentanyl-kg/ontology#Document> } }",
        ],
    );
    if !o.status.success() {
        return 0;
    }
    text(&o.stdout)
        .lines()
        .nth(1)
        .and_then(|l| l.trim().parse().ok())
        .unwrap_or(0)
}

#[test]
fn a_killed_build_resumes_from_the_last_committed_batch() {
    let dir = tempfile::tempdir().unwrap();
    let docs = dir.path().join("docs");
    std::fs::create_dir(&docs).unwrap();
    let seeds: Vec<String> = {
        let mut paths: Vec<_> = std::fs::read_dir(root().join("seeds"))
            .unwrap()
            .map(|e| e.unwrap().path())
            .collect();
        paths.sort();
        paths
            .iter()
            .map(|p| std::fs::read_to_string(p).unwrap())
            .collect()
    };
    let n = 120;
    for i in 0..n {
        std::fs::write(
            docs.join(format!("d{i:03}.txt")),
            format!(
                "{}\n\nReport {i}: Cartel{i} smuggles fentanyl into Texas, agent Lee{i} said.",
                seeds[i % seeds.len()]
            ),
        )
        .unwrap();
    }
    let docs_arg = docs.to_str().unwrap();
    let store = dir.path().join("store");
    let mut child = fkg(&store)
        .args(["build", docs_arg, "--quiet", "--batch", "4"])
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    // Kill it once a few batches are committed (the read-only view sees
    // them while the build holds the store).
    let started = Instant::now();
    let mut seen = 0;
    while seen < 8 {
        assert!(
            child.try_wait().unwrap().is_none(),
            "the build ended before it could be killed"
        );
        assert!(started.elapsed() < Duration::from_secs(120));
        seen = stored(&store);
        std::thread::sleep(Duration::from_millis(100));
    }
    child.kill().unwrap(); // SIGKILL
    child.wait().unwrap();
    let committed = stored(&store);
    assert!(committed < n, "every document was stored before the kill");
    let o = run(&store, &["build", docs_arg, "--quiet", "--batch", "4"]);
    assert!(o.status.success(), "{}", text(&o.stderr));
    let summary = text(&o.stdout);
    eprintln!("killed after {committed} of {n} documents; then: {summary}");
    assert_eq!(figure(&summary, "unchanged"), committed, "{summary}");
    assert_eq!(figure(&summary, "added"), n - committed, "{summary}");
    // The same store as one build without a kill.
    let whole = dir.path().join("whole");
    let o = run(&whole, &["build", docs_arg, "--quiet", "--batch", "4"]);
    assert!(o.status.success(), "{}", text(&o.stderr));
    assert_same(
        &dump(&whole, &dir.path().join("whole.nq")),
        &dump(&store, &dir.path().join("resumed.nq")),
    );
}

#[test]
fn a_build_killed_before_resolving_again_resolves_on_the_next_run() {
    let dir = tempfile::tempdir().unwrap();
    let docs = dir.path().join("docs");
    std::fs::create_dir(&docs).unwrap();
    // "Roe" of a is "Jane Roe" of c, stored two batches later.
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
    std::fs::write(docs.join("d.txt"), "Mexico seized fentanyl in Sinaloa.").unwrap();
    let docs_arg = docs.to_str().unwrap();
    let store = dir.path().join("store");
    // Killed right after c's batch is committed, before a is resolved again.
    let o = fkg(&store)
        .args(["build", docs_arg, "--quiet", "--batch", "1"])
        .env("FKG_TEST_ABORT_AFTER_BATCH", "3")
        .output()
        .unwrap();
    assert!(!o.status.success());
    assert_eq!(stored(&store), 3);
    let o = run(&store, &["build", docs_arg, "--quiet", "--batch", "1"]);
    assert!(o.status.success(), "{}", text(&o.stderr));
    let summary = text(&o.stdout);
    assert_eq!(figure(&summary, "added"), 1, "{summary}");
    assert!(
        summary.contains("1 stored document resolved again"),
        "{summary}"
    );
    let whole = dir.path().join("whole");
    let o = run(&whole, &["build", docs_arg, "--quiet"]);
    assert!(o.status.success(), "{}", text(&o.stderr));
    let resumed = dump(&store, &dir.path().join("resumed.nq"));
    assert!(
        resumed
            .iter()
            .any(|l| l.contains("/id/Jane_Roe>") && l.ends_with("/doc/a> .")),
        "Roe of a is not Jane Roe"
    );
    assert_same(&dump(&whole, &dir.path().join("whole.nq")), &resumed);
}
