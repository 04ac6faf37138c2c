//! Queries that must be stopped (issue 11 row 2): blocking operators
//! (GROUP BY, ORDER BY over a cross join of the seeds) past `--timeout`,
//! a client that leaves, a query over its memory limit, in `fkg serve` on
//! 127.0.0.1 and in `fkg query`. Each checks the answer, then that the
//! server's CPU time stops growing, its memory stays small, no worker is
//! left, and the server still answers.

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// Millions of rows, few groups: slow, small.
const SLOW: &str = "SELECT ?b (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f } GROUP BY ?b";
/// Millions of rows sorted: large.
const LARGE: &str = "SELECT ?c ?f WHERE { ?a ?b ?c . ?d ?e ?f } ORDER BY ?c ?f";
const FAST: &str = "SELECT ?c WHERE { ?c a <https://w3id.org/fentanyl-kg/ontology#Cartel> }";

fn root() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

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
    let mut child = Command::new(env!("CARGO_BIN_EXE_fkg"))
        .current_dir(root())
        .arg("--store")
        .arg(dir.path().join("store"))
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
    Server {
        child,
        base: format!("http://{addr}"),
        _dir: dir,
    }
}

/// (status, body) of a query; status 0 when curl gave up first.
fn query(s: &Server, q: &str, max_time: &str) -> (u16, String) {
    let out = Command::new("curl")
        .args([
            "-s",
            "-o",
            "-",
            "-w",
            "\n%{http_code}",
            "--max-time",
            max_time,
        ])
        .arg(format!("{}/sparql", s.base))
        .args(["-H", "Accept: text/csv", "--data-urlencode"])
        .arg(format!("query={q}"))
        .output()
        .expect("curl is installed");
    let text = String::from_utf8_lossy(&out.stdout).into_owned();
    let (body, code) = text.rsplit_once('\n').unwrap_or(("", &text));
    (code.trim().parse().unwrap_or(0), body.to_string())
}

/// User plus system CPU time of a process, in clock ticks.
fn cpu_ticks(pid: u32) -> u64 {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap();
    let after = &stat[stat.rfind(')').unwrap() + 2..];
    let f: Vec<&str> = after.split_whitespace().collect();
    // Fields 14 and 15 of stat; 3 is the first after the name.
    f[11].parse::<u64>().unwrap() + f[12].parse::<u64>().unwrap()
}

fn rss_mib(pid: u32) -> u64 {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap();
    let kb: u64 = status
        .lines()
        .find_map(|l| l.strip_prefix("VmRSS:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .unwrap();
    kb / 1024
}

/// Processes whose command line mentions `needle` (a test's temp dir).
fn processes_with(needle: &str) -> Vec<u32> {
    let mut found = Vec::new();
    for e in std::fs::read_dir("/proc").unwrap().flatten() {
        let Ok(pid) = e.file_name().to_string_lossy().parse::<u32>() else {
            continue;
        };
        if pid == std::process::id() {
            continue;
        }
        if let Ok(cmd) = std::fs::read(e.path().join("cmdline")) {
            if String::from_utf8_lossy(&cmd).contains(needle) {
                found.push(pid);
            }
        }
    }
    found
}

/// The server is idle: its CPU time grows by less than 0.2 s in a second,
/// it holds less than `max_rss` MiB, and it has no query worker left.
fn assert_idle(s: &Server, max_rss: u64) {
    let pid = s.child.id();
    let store = s._dir.path().to_string_lossy().to_string();
    let before = cpu_ticks(pid);
    std::thread::sleep(Duration::from_secs(1));
    let used = cpu_ticks(pid) - before;
    assert!(
        used < 20,
        "the server used {used} ticks in the second after"
    );
    let rss = rss_mib(pid);
    assert!(rss < max_rss, "the server holds {rss} MiB");
    let left: Vec<u32> = processes_with(&store)
        .into_iter()
        .filter(|p| *p != pid)
        .collect();
    assert!(left.is_empty(), "query workers left: {left:?}");
    let (code, body) = query(s, FAST, "20");
    assert_eq!(code, 200, "{body}");
    assert!(body.contains("Sinaloa"), "{body}");
}

#[test]
fn a_blocking_query_past_the_deadline_is_503_and_stops() {
    let s = start(&["--timeout", "2"]);
    let started = Instant::now();
    let (code, body) = query(&s, SLOW, "60");
    let took = started.elapsed();
    assert_eq!(code, 503, "{body}");
    assert!(body.contains("timed out"), "{body}");
    assert!(took < Duration::from_secs(5), "answered after {took:?}");
    std::thread::sleep(Duration::from_secs(1));
    assert_idle(&s, 300);
}

#[test]
fn a_client_that_leaves_stops_its_query() {
    let s = start(&["--timeout", "120"]);
    // curl gives up after a second, long before the deadline.
    let (code, _) = query(&s, SLOW, "1");
    assert_eq!(code, 0);
    std::thread::sleep(Duration::from_secs(1));
    assert_idle(&s, 300);
}

#[test]
fn a_query_over_its_memory_limit_is_503_and_its_memory_is_freed() {
    let s = start(&["--timeout", "120", "--query-memory", "1536"]);
    let started = Instant::now();
    let (code, body) = query(&s, LARGE, "60");
    assert_eq!(code, 503, "{body}");
    assert!(body.contains("memory"), "{body}");
    assert!(started.elapsed() < Duration::from_secs(60));
    assert_idle(&s, 300);
}

fn seeds_store() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_fkg"))
        .current_dir(root())
        .arg("--store")
        .arg(dir.path().join("store"))
        .args(["build", "seeds", "--quiet"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    dir
}

/// (exit code, stderr, time taken) of `fkg query` on the store in `dir`.
fn fkg_query(dir: &tempfile::TempDir, args: &[&str]) -> (i32, String, Duration) {
    let started = Instant::now();
    let out = Command::new(env!("CARGO_BIN_EXE_fkg"))
        .current_dir(root())
        .arg("--store")
        .arg(dir.path().join("store"))
        .arg("query")
        .args(args)
        .stdout(Stdio::null())
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stderr).into_owned(),
        started.elapsed(),
    )
}

#[test]
fn fkg_query_stops_at_its_timeout_and_memory_limit() {
    let dir = seeds_store();
    let store = dir.path().to_string_lossy().to_string();
    let (code, err, took) = fkg_query(&dir, &["--timeout", "2", SLOW]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("--timeout 2"), "{err}");
    assert!(took < Duration::from_secs(5), "stopped after {took:?}");
    assert!(processes_with(&store).is_empty(), "a query process is left");
    let (code, err, took) = fkg_query(&dir, &["--memory", "512", LARGE]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("--memory 512"), "{err}");
    assert!(took < Duration::from_secs(60));
    assert!(processes_with(&store).is_empty(), "a query process is left");
    let (code, err, _) = fkg_query(&dir, &["--timeout", "20", FAST]);
    assert_eq!(code, 0, "{err}");
}
