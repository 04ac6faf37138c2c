//! Queries evaluated in a worker process, which the server kills at the
//! deadline or when the client leaves.
//!
//! Rationale: Oxigraph 0.5.13 (spareval 0.2.9) checks its cancellation
//! token only where the evaluator reads the store. Its blocking operators
//! first drain their input into memory: `ORDER BY` collects every row,
//! keeping the cancellation errors in a vector of their own and going on,
//! then sorts with no check at all; hash joins, `GROUP BY` and `DISTINCT`
//! build their tables the same way. A cancelled query therefore runs to the
//! end of its input and holds what it collected (issue 11 row 2: 300 s and
//! 2 GB after a 10 s deadline). A thread cannot be stopped from outside,
//! nor its memory bounded; a process can. So each query runs in a fresh
//! `fkg` process that opens the store read-only, evaluates and serialises,
//! and writes to a pipe, under an address-space limit it sets on itself
//! before opening the store. The server streams the pipe into the
//! response, and kills the process at the deadline (503 while no header
//! was sent, an aborted body after) or when the response is dropped.
//!
//! The protocol, on the worker's standard streams: the server writes one
//! JSON [`Request`] to its standard input; the worker answers `ready` once
//! the store is open, then one JSON [`Head`] line, then the body. A failure
//! after the head is a message on standard error and a non-zero exit.
//!
//! RocksDB's read-only mode reads the files as they are when it opens, and
//! Oxigraph leaves it undefined while another process writes; so a worker
//! opens the store under a shared lock that the server's writes
//! (SPARQL Update, Graph Store Protocol) take exclusively, and a write never
//! overlaps an open. A worker sees every write committed before it opened.

use crate::{negotiate, write_results, ApiError, AppState, Params, QueryKind};
use axum::body::{Body, Bytes};
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::Response;
use fkg_store::{Store, StoreError};
use serde::{Deserialize, Serialize};
use spareval::QueryResults;
use std::io::{BufRead, Write};
use std::path::PathBuf;
use std::process::Stdio;
use tokio::io::{AsyncBufReadExt, AsyncReadExt, AsyncWriteExt, BufReader};
use tokio::process::{Child, ChildStderr, ChildStdout};
use tokio::time::Instant;

/// How the server starts a query worker: a program that opens the store
/// read-only and calls [`query_worker`] on its standard streams.
#[derive(Debug, Clone)]
pub struct WorkerCommand {
    pub program: PathBuf,
    pub args: Vec<std::ffi::OsString>,
}

/// One query, as the server hands it to a worker.
#[derive(Debug, Serialize, Deserialize)]
pub(crate) struct Request {
    query: String,
    default_graphs: Vec<String>,
    named_graphs: Vec<String>,
    base: String,
    accept: Option<String>,
    format: Option<String>,
    max_rows: usize,
}

/// The worker's answer before the body: a content type, or a status and
/// a reason.
#[derive(Debug, Serialize, Deserialize)]
struct Head {
    content_type: Option<String>,
    status: u16,
    message: String,
}

const READY: &str = "ready";

/// The worker's standard output: the head, once answered, goes out before
/// the first byte of the body.
struct Framed<W: Write> {
    out: std::io::BufWriter<W>,
    head: std::rc::Rc<std::cell::RefCell<Option<Head>>>,
    head_written: bool,
}

impl<W: Write> Framed<W> {
    fn write_head(&mut self) -> std::io::Result<()> {
        if !self.head_written {
            if let Some(h) = self.head.borrow_mut().take() {
                self.head_written = true;
                serde_json::to_writer(&mut self.out, &h)?;
                self.out.write_all(b"\n")?;
                self.out.flush()?;
            }
        }
        Ok(())
    }
}

impl<W: Write> Write for Framed<W> {
    fn write(&mut self, data: &[u8]) -> std::io::Result<usize> {
        self.write_head()?;
        self.out.write(data)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.write_head()?;
        self.out.flush()
    }
}

fn head_of(r: Result<&'static str, ApiError>) -> Head {
    match r {
        Ok(ct) => Head {
            content_type: Some(ct.to_string()),
            status: 200,
            message: String::new(),
        },
        Err(e) => Head {
            content_type: None,
            status: e.status.as_u16(),
            message: e.message,
        },
    }
}

/// The worker's side: reads one [`Request`] from `input`, evaluates it on
/// `store` and writes the answer to `out` (see the module's protocol).
/// Returns the process's exit code: 0, or 3 when the body was cut (the
/// reason is on standard error).
pub fn query_worker(store: &Store, input: impl BufRead, out: impl Write) -> u8 {
    let head = std::rc::Rc::new(std::cell::RefCell::new(None));
    let mut out = Framed {
        out: std::io::BufWriter::with_capacity(64 * 1024, out),
        head: head.clone(),
        head_written: false,
    };
    if writeln!(out.out, "{READY}")
        .and_then(|_| out.out.flush())
        .is_err()
    {
        return 3;
    }
    let mut answer = |r: Result<&'static str, ApiError>| {
        let mut h = head.borrow_mut();
        if h.is_none() {
            *h = Some(head_of(r));
        }
    };
    let request: Request = match serde_json::from_reader(input) {
        Ok(r) => r,
        Err(e) => {
            answer(Err(ApiError::new(
                StatusCode::INTERNAL_SERVER_ERROR,
                format!("bad worker request: {e}"),
            )));
            return match out.flush() {
                Ok(()) => 0,
                Err(_) => 3,
            };
        }
    };
    let outcome = fkg_store::catch_panic(|| -> Result<Result<(), String>, StoreError> {
        let results = match store.query_dataset(
            &request.query,
            &request.default_graphs,
            &request.named_graphs,
            Some(&request.base),
            None,
        ) {
            Ok(r) => r,
            Err(e) => {
                answer(Err(e.into()));
                return Ok(Ok(()));
            }
        };
        let kind = match &results {
            QueryResults::Solutions(_) => QueryKind::Solutions,
            QueryResults::Boolean(_) => QueryKind::Boolean,
            QueryResults::Graph(_) => QueryKind::Graph,
        };
        let negotiated =
            match negotiate::choose(kind, request.accept.as_deref(), request.format.as_deref()) {
                Ok(n) => n,
                Err(m) => {
                    answer(Err(ApiError::new(StatusCode::NOT_ACCEPTABLE, m)));
                    return Ok(Ok(()));
                }
            };
        Ok(write_results(
            results,
            negotiated,
            &mut out,
            None,
            request.max_rows,
            &mut answer,
        ))
    });
    let cut = match outcome {
        Ok(Ok(())) => None,
        Ok(Err(m)) => Some(m),
        Err(e) => {
            // A panic before the head is a 500; after it, a cut body.
            let m = e.to_string();
            answer(Err(e.into()));
            Some(m)
        }
    };
    let flushed = out.flush();
    match (cut, flushed) {
        (None, Ok(())) => 0,
        (Some(m), _) if out.head_written => {
            tracing::error!("{m}");
            3
        }
        (Some(_), Ok(())) => 0,
        (_, Err(_)) => 3,
    }
}

/// The server's side: runs the query in a worker process and streams its
/// answer. The permit is held until the worker has gone.
pub(crate) async fn run(
    s: &AppState,
    worker: &WorkerCommand,
    request: Request,
    permit: tokio::sync::OwnedSemaphorePermit,
) -> Result<Response, ApiError> {
    let deadline = Instant::now() + s.config.timeout;
    let max_bytes = s.config.max_result_bytes;
    let internal = |m: String| ApiError::new(StatusCode::INTERNAL_SERVER_ERROR, m);
    let mut opening = Some(s.writes.clone().read_owned().await);
    let mut child = tokio::process::Command::new(&worker.program)
        .args(&worker.args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .kill_on_drop(true)
        .spawn()
        .map_err(|e| internal(format!("cannot start a query worker: {e}")))?;
    let line = serde_json::to_vec(&request).map_err(|e| internal(e.to_string()))?;
    let mut stdin = child.stdin.take().expect("piped stdin");
    let stderr = tokio::spawn(read_stderr(child.stderr.take().expect("piped stderr")));
    let mut stdout = BufReader::new(child.stdout.take().expect("piped stdout"));
    // A worker that fails before reading its request closes the pipe: its
    // exit status says why.
    let _ = stdin.write_all(&line).await;
    drop(stdin);
    let timed_out = || ApiError::new(StatusCode::SERVICE_UNAVAILABLE, "query timed out");
    let mut text = String::new();
    for step in ["ready", "head"] {
        text.clear();
        match tokio::time::timeout_at(deadline, stdout.read_line(&mut text)).await {
            Err(_) => return Err(timed_out()),
            Ok(Ok(n)) if n > 0 => {}
            Ok(_) => return Err(died(&mut child, stderr).await),
        }
        if step == "ready" {
            if text.trim_end() != READY {
                return Err(internal(format!("unexpected worker output {text:?}")));
            }
            // The store is open: a write may go on while the query runs
            // (it sees what was committed when it opened). Held longer, a
            // long query would hold up a write, and every query queued
            // behind that write.
            drop(opening.take());
        }
    }
    let head: Head =
        serde_json::from_str(&text).map_err(|e| internal(format!("bad worker head: {e}")))?;
    let Some(content_type) = head.content_type else {
        let status = StatusCode::from_u16(head.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        return Err(ApiError::new(status, head.message));
    };
    let content_type = HeaderValue::from_str(&content_type).map_err(|e| internal(e.to_string()))?;
    let body = Streaming {
        stdout,
        child,
        stderr: Some(stderr),
        deadline,
        written: 0,
        max_bytes,
        _permit: permit,
    };
    let stream = futures_util::stream::unfold(Some(body), |state| async move {
        let mut body = state?;
        match body.next().await {
            Ok(Some(chunk)) => Some((Ok(chunk), Some(body))),
            Ok(None) => None,
            Err(e) => Some((Err(std::io::Error::other(e)), None)),
        }
    });
    let mut response = Response::new(Body::from_stream(stream));
    response
        .headers_mut()
        .insert(header::CONTENT_TYPE, content_type);
    response
        .headers_mut()
        .insert(header::VARY, HeaderValue::from_static("Accept"));
    Ok(response)
}

/// A worker's body on its way to the client. Dropping it (the client
/// left) kills the worker.
struct Streaming {
    stdout: BufReader<ChildStdout>,
    child: Child,
    stderr: Option<tokio::task::JoinHandle<String>>,
    deadline: Instant,
    written: u64,
    max_bytes: u64,
    _permit: tokio::sync::OwnedSemaphorePermit,
}

impl Streaming {
    /// The next chunk, `None` at a clean end, or why the body is cut.
    async fn next(&mut self) -> Result<Option<Bytes>, String> {
        let mut buf = vec![0; 64 * 1024];
        let n = match tokio::time::timeout_at(self.deadline, self.stdout.read(&mut buf)).await {
            Err(_) => {
                let _ = self.child.start_kill();
                return Err("query timed out while writing results".into());
            }
            Ok(Err(e)) => return Err(e.to_string()),
            Ok(Ok(n)) => n,
        };
        if n == 0 {
            let status = self.child.wait().await.map_err(|e| e.to_string())?;
            if status.success() {
                return Ok(None);
            }
            let message = match self.stderr.take() {
                Some(h) => h.await.unwrap_or_default(),
                None => String::new(),
            };
            return Err(reason(status, &message).1);
        }
        self.written += n as u64;
        if self.written > self.max_bytes {
            let _ = self.child.start_kill();
            return Err(format!(
                "result is larger than the limit of {} bytes",
                self.max_bytes
            ));
        }
        buf.truncate(n);
        Ok(Some(Bytes::from(buf)))
    }
}

/// The first few kilobytes a worker wrote to standard error.
async fn read_stderr(mut err: ChildStderr) -> String {
    let mut kept = Vec::new();
    let mut buf = [0u8; 4096];
    while let Ok(n) = err.read(&mut buf).await {
        if n == 0 {
            break;
        }
        if kept.len() < 8192 {
            kept.extend_from_slice(&buf[..n]);
        }
    }
    String::from_utf8_lossy(&kept).into_owned()
}

/// The error for a worker that stopped before its head.
async fn died(child: &mut Child, stderr: tokio::task::JoinHandle<String>) -> ApiError {
    let status = child.wait().await;
    let message = stderr.await.unwrap_or_default();
    match status {
        Ok(status) => {
            let (code, m) = reason(status, &message);
            ApiError::new(code, m)
        }
        Err(e) => ApiError::new(StatusCode::INTERNAL_SERVER_ERROR, e.to_string()),
    }
}

/// Why a worker stopped: running out of its memory limit (an allocation
/// failed and it aborted) is a 503, anything else a 500.
fn reason(status: std::process::ExitStatus, stderr: &str) -> (StatusCode, String) {
    use std::os::unix::process::ExitStatusExt;
    let last = stderr
        .lines()
        .rev()
        .find(|l| !l.trim().is_empty())
        .unwrap_or("")
        .trim();
    if stderr.contains("memory allocation of") || stderr.contains("bad_alloc") {
        return (
            StatusCode::SERVICE_UNAVAILABLE,
            "the query needs more memory than its limit (fkg serve --query-memory)".into(),
        );
    }
    match status.signal() {
        Some(sig) => (
            StatusCode::INTERNAL_SERVER_ERROR,
            format!("the query worker stopped (signal {sig}) {last}"),
        ),
        None => (
            StatusCode::INTERNAL_SERVER_ERROR,
            format!("the query worker failed: {last}"),
        ),
    }
}

impl Request {
    pub(crate) fn new(
        query: String,
        params: Params,
        base: String,
        accept: Option<String>,
        max_rows: usize,
    ) -> Self {
        Self {
            query,
            default_graphs: params.default_graphs,
            named_graphs: params.named_graphs,
            base,
            accept,
            format: params.format,
            max_rows,
        }
    }
}
