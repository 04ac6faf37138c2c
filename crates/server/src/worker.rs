//! Queries evaluated in worker processes, which the server kills at the
//! deadline or when the client leaves, and otherwise keeps for the next
//! query.
//!
//! Rationale: Oxigraph 0.5.13 (spareval 0.2.9) checks its cancellation
//! token only where the evaluator reads the store. Its blocking operators
//! first drain their input into memory: `ORDER BY` collects every row,
//! keeping the cancellation errors in a vector of their own and going on,
//! then sorts with no check at all; hash joins, `GROUP BY` and `DISTINCT`
//! build their tables the same way. A cancelled query therefore runs to the
//! end of its input and holds what it collected (issue 11 row 2: 300 s and
//! 2 GB after a 10 s deadline). A thread cannot be stopped from outside,
//! nor its memory bounded; a process can. So queries run in `fkg`
//! processes that open the store read-only, evaluate and serialise, and
//! write to a pipe, under an address-space limit each sets on itself before
//! opening the store. The server streams the pipe into the response, and
//! kills the process at the deadline (503 while no header was sent, an
//! aborted body after), when the response is dropped, or when the body
//! grows past its limit.
//!
//! A worker that answered in full goes back to a pool of idle workers with
//! the store open, so a cheap query costs a pipe round trip, not a process
//! start and a store open (issue 10: 25–50 ms a query before the pool).
//! Killing stays the way every bound is enforced: a killed worker is never
//! reused, and the next query starts a fresh one.
//!
//! The protocol, on the worker's standard streams: the worker writes
//! `ready` once the store is open. Then, for each query, the server writes
//! one JSON [`Request`] line; the worker answers one JSON [`Head`] line, and,
//! when the head has a content type, the body in frames (a little-endian
//! `u32` length, then that many bytes), an empty frame, and one JSON
//! [`Trailer`] line that says whether the body is whole. The worker exits
//! at the end of its input, or after a panic of the query engine.
//!
//! RocksDB's read-only mode reads the files as they are when it opens, and
//! Oxigraph leaves it undefined while another process writes; so a worker
//! opens the store under a shared lock that the server's writes
//! (SPARQL Update, Graph Store Protocol, ingest) take exclusively, and a
//! write never overlaps an open. A worker sees every write committed before
//! it opened and nothing after: each write moves the store to a new
//! generation, and a pooled worker of an older generation is stopped
//! instead of reused.

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
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use tokio::io::{AsyncBufReadExt, AsyncReadExt, AsyncWriteExt, BufReader};
use tokio::process::{Child, ChildStderr, ChildStdin, ChildStdout};
use tokio::sync::{OwnedRwLockReadGuard, OwnedRwLockWriteGuard, RwLock};
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

/// After the body: whether it is whole.
#[derive(Debug, Serialize, Deserialize)]
struct Trailer {
    error: Option<String>,
}

const READY: &str = "ready";

/// Largest frame a worker writes; a longer length is a broken worker.
const FRAME: usize = 64 * 1024;

/// The server's write lock and the store's generation: writes take the
/// lock exclusively and move the generation on; a worker opens the store
/// under the shared lock and keeps the generation it saw.
#[derive(Clone, Debug, Default)]
pub(crate) struct Writes {
    lock: Arc<RwLock<()>>,
    generation: Arc<AtomicU64>,
}

impl Writes {
    /// Waits for workers opening the store, then holds the lock; pooled
    /// workers are stale from here on.
    pub(crate) async fn write(&self) -> OwnedRwLockWriteGuard<()> {
        let guard = self.lock.clone().write_owned().await;
        self.generation.fetch_add(1, Ordering::SeqCst);
        guard
    }

    /// [`Writes::write`] from a blocking thread.
    pub(crate) fn blocking_write(&self) -> tokio::sync::RwLockWriteGuard<'_, ()> {
        let guard = self.lock.blocking_write();
        self.generation.fetch_add(1, Ordering::SeqCst);
        guard
    }

    async fn read(&self) -> (OwnedRwLockReadGuard<()>, u64) {
        let guard = self.lock.clone().read_owned().await;
        (guard, self.generation.load(Ordering::SeqCst))
    }

    fn generation(&self) -> u64 {
        self.generation.load(Ordering::SeqCst)
    }
}

/// A worker process with the store open, between two queries.
struct Worker {
    child: Child,
    stdin: ChildStdin,
    stdout: BufReader<ChildStdout>,
    stderr: Option<tokio::task::JoinHandle<String>>,
    generation: u64,
}

/// Idle workers, newest last.
pub(crate) struct Pool {
    idle: std::sync::Mutex<Vec<Worker>>,
    max_idle: usize,
}

impl Pool {
    pub(crate) fn new(max_idle: usize) -> Self {
        Self {
            idle: std::sync::Mutex::new(Vec::new()),
            max_idle,
        }
    }

    /// An idle worker of the current generation, if any; stale ones are
    /// dropped (and so killed) on the way.
    fn take(&self, generation: u64) -> Option<Worker> {
        let mut idle = self.idle.lock().unwrap_or_else(|e| e.into_inner());
        while let Some(mut w) = idle.pop() {
            if w.generation == generation && matches!(w.child.try_wait(), Ok(None)) {
                return Some(w);
            }
        }
        None
    }

    /// Keeps a worker that answered in full, while the pool has room and
    /// no write came since it opened the store.
    fn give_back(&self, w: Worker, generation: u64) {
        if w.generation != generation {
            return;
        }
        let mut idle = self.idle.lock().unwrap_or_else(|e| e.into_inner());
        if idle.len() < self.max_idle {
            idle.push(w);
        }
    }
}

/// The worker's standard output for one answer: the head, once answered,
/// goes out before the first byte of the body, and the body in frames.
struct Frames<'a, W: Write> {
    out: &'a mut std::io::BufWriter<W>,
    head: std::rc::Rc<std::cell::RefCell<Option<Head>>>,
    /// Whether the head was written, and whether it opened a body.
    head_written: Option<bool>,
    buf: Vec<u8>,
}

impl<W: Write> Frames<'_, W> {
    fn write_head(&mut self) -> std::io::Result<()> {
        if self.head_written.is_none() {
            if let Some(h) = self.head.borrow_mut().take() {
                self.head_written = Some(h.content_type.is_some());
                serde_json::to_writer(&mut *self.out, &h)?;
                self.out.write_all(b"\n")?;
            }
        }
        Ok(())
    }

    /// Sends the buffer as frames of at most [`FRAME`] bytes; with `all`,
    /// the last, shorter one too.
    fn frames(&mut self, all: bool) -> std::io::Result<()> {
        while self.buf.len() >= FRAME || all && !self.buf.is_empty() {
            let n = self.buf.len().min(FRAME);
            self.out.write_all(&(n as u32).to_le_bytes())?;
            self.out.write_all(&self.buf[..n])?;
            self.buf.drain(..n);
        }
        Ok(())
    }

    /// Ends the answer: the head if still unsent, and after a body its end
    /// and whether it is whole.
    fn finish(mut self, cut: Option<String>) -> std::io::Result<()> {
        if self.head_written.is_none() && self.head.borrow().is_none() {
            *self.head.borrow_mut() = Some(Head {
                content_type: None,
                status: 500,
                message: cut
                    .clone()
                    .unwrap_or_else(|| "the query gave no answer".into()),
            });
        }
        self.write_head()?;
        if self.head_written == Some(true) {
            self.frames(true)?;
            self.out.write_all(&0u32.to_le_bytes())?;
            serde_json::to_writer(&mut *self.out, &Trailer { error: cut })?;
            self.out.write_all(b"\n")?;
        }
        self.out.flush()
    }
}

impl<W: Write> Write for Frames<'_, W> {
    fn write(&mut self, data: &[u8]) -> std::io::Result<usize> {
        self.write_head()?;
        self.buf.extend_from_slice(data);
        self.frames(false)?;
        Ok(data.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.write_head()?;
        self.frames(true)?;
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

/// The worker's side: answers the [`Request`] lines of `input` on `store`
/// until the input ends (see the module's protocol). Returns the process's
/// exit code: 0, or 3 when the output broke or the query engine panicked.
pub fn query_worker(store: &Store, mut input: impl BufRead, out: impl Write) -> u8 {
    let mut out = std::io::BufWriter::with_capacity(FRAME + 1024, out);
    if writeln!(out, "{READY}").and_then(|_| out.flush()).is_err() {
        return 3;
    }
    let mut line = String::new();
    loop {
        line.clear();
        match input.read_line(&mut line) {
            Ok(0) => return 0,
            Ok(_) if line.trim().is_empty() => continue,
            Ok(_) => {}
            Err(_) => return 3,
        }
        match answer_one(store, &line, &mut out) {
            Ok(true) => {}
            Ok(false) | Err(_) => return 3,
        }
    }
}

/// One answer; `Ok(false)` after a panic of the query engine (the worker
/// then stops: what the panic left behind is not to be trusted).
fn answer_one<W: Write>(
    store: &Store,
    line: &str,
    out: &mut std::io::BufWriter<W>,
) -> std::io::Result<bool> {
    let head = std::rc::Rc::new(std::cell::RefCell::new(None));
    let mut body = Frames {
        out,
        head: head.clone(),
        head_written: None,
        buf: Vec::with_capacity(FRAME),
    };
    let mut answer = |r: Result<&'static str, ApiError>| {
        let mut h = head.borrow_mut();
        if h.is_none() {
            *h = Some(head_of(r));
        }
    };
    let request: Request = match serde_json::from_str(line) {
        Ok(r) => r,
        Err(e) => {
            answer(Err(ApiError::new(
                StatusCode::INTERNAL_SERVER_ERROR,
                format!("bad worker request: {e}"),
            )));
            body.finish(None)?;
            return Ok(true);
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
            &mut body,
            None,
            request.max_rows,
            &mut answer,
        ))
    });
    let (cut, panicked) = match outcome {
        Ok(Ok(())) => (None, false),
        Ok(Err(m)) => (Some(m), false),
        Err(e) => {
            // A panic before the head is a 500; after it, a cut body.
            let m = e.to_string();
            answer(Err(e.into()));
            (Some(m), true)
        }
    };
    if let Some(m) = &cut {
        tracing::error!("{m}");
    }
    body.finish(cut)?;
    Ok(!panicked)
}

/// Starts a worker and waits until it has the store open.
async fn start(
    s: &AppState,
    command: &WorkerCommand,
    deadline: Instant,
) -> Result<Worker, ApiError> {
    let internal = |m: String| ApiError::new(StatusCode::INTERNAL_SERVER_ERROR, m);
    let (opening, generation) = s.writes.read().await;
    let mut child = tokio::process::Command::new(&command.program)
        .args(&command.args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .kill_on_drop(true)
        .spawn()
        .map_err(|e| internal(format!("cannot start a query worker: {e}")))?;
    let stdin = child.stdin.take().expect("piped stdin");
    let stderr = tokio::spawn(read_stderr(child.stderr.take().expect("piped stderr")));
    let mut stdout = BufReader::new(child.stdout.take().expect("piped stdout"));
    let mut text = String::new();
    match tokio::time::timeout_at(deadline, stdout.read_line(&mut text)).await {
        Err(_) => return Err(timed_out()),
        Ok(Ok(n)) if n > 0 => {}
        Ok(_) => return Err(died(&mut child, Some(stderr)).await),
    }
    if text.trim_end() != READY {
        return Err(internal(format!("unexpected worker output {text:?}")));
    }
    // The store is open: a write may go on while the query runs (it sees
    // what was committed when it opened). Held longer, a long query would
    // hold up a write, and every query queued behind that write.
    drop(opening);
    Ok(Worker {
        child,
        stdin,
        stdout,
        stderr: Some(stderr),
        generation,
    })
}

fn timed_out() -> ApiError {
    ApiError::new(StatusCode::SERVICE_UNAVAILABLE, "query timed out")
}

/// The server's side: runs the query in a pooled or new worker and streams
/// its answer. The permit is held until the answer is over.
pub(crate) async fn run(
    s: &AppState,
    command: &WorkerCommand,
    request: Request,
    permit: tokio::sync::OwnedSemaphorePermit,
) -> Result<Response, ApiError> {
    let deadline = Instant::now() + s.config.timeout;
    let internal = |m: String| ApiError::new(StatusCode::INTERNAL_SERVER_ERROR, m);
    let mut line = serde_json::to_vec(&request).map_err(|e| internal(e.to_string()))?;
    line.push(b'\n');
    // A pooled worker may have died while idle, or lost a file that the
    // server's background compaction removed after it opened the store
    // (RocksDB then fails the read: a 500): then a new worker is asked.
    let mut pooled = s.pool.take(s.writes.generation());
    let (worker, content_type) = loop {
        let reused = pooled.is_some();
        let mut w = match pooled.take() {
            Some(w) => w,
            None => start(s, command, deadline).await?,
        };
        let sent = w.stdin.write_all(&line).await.is_ok() && w.stdin.flush().await.is_ok();
        let mut text = String::new();
        let read = if sent {
            match tokio::time::timeout_at(deadline, w.stdout.read_line(&mut text)).await {
                Err(_) => return Err(timed_out()),
                Ok(Ok(n)) => n,
                Ok(Err(_)) => 0,
            }
        } else {
            0
        };
        if read == 0 {
            if reused {
                continue;
            }
            let stderr = w.stderr.take();
            return Err(died(&mut w.child, stderr).await);
        }
        let head: Head =
            serde_json::from_str(&text).map_err(|e| internal(format!("bad worker head: {e}")))?;
        match head.content_type {
            Some(ct) => break (w, ct),
            None if reused && head.status == 500 => continue,
            None => {
                s.pool.give_back(w, s.writes.generation());
                let status =
                    StatusCode::from_u16(head.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
                return Err(ApiError::new(status, head.message));
            }
        }
    };
    let content_type = HeaderValue::from_str(&content_type).map_err(|e| internal(e.to_string()))?;
    let body = Streaming {
        worker: Some(worker),
        state: s.clone(),
        deadline,
        written: 0,
        max_bytes: s.config.max_result_bytes,
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

/// A worker's body on its way to the client. Dropping it before the end
/// (the client left) kills the worker; a whole body gives it back to the
/// pool.
struct Streaming {
    worker: Option<Worker>,
    state: AppState,
    deadline: Instant,
    written: u64,
    max_bytes: u64,
    _permit: tokio::sync::OwnedSemaphorePermit,
}

impl Streaming {
    /// The next chunk, `None` at a clean end, or why the body is cut (the
    /// worker is then dropped, and so killed).
    async fn next(&mut self) -> Result<Option<Bytes>, String> {
        // Out of `self` while it reads: a dropped future drops (kills) it.
        let Some(mut w) = self.worker.take() else {
            return Ok(None);
        };
        match self.frame(&mut w).await {
            Ok(Some(chunk)) => {
                self.worker = Some(w);
                Ok(Some(chunk))
            }
            Ok(None) => {
                self.state.pool.give_back(w, self.state.writes.generation());
                Ok(None)
            }
            Err(e) => {
                let _ = w.child.start_kill();
                Err(e)
            }
        }
    }

    async fn frame(&mut self, w: &mut Worker) -> Result<Option<Bytes>, String> {
        let deadline = self.deadline;
        let late = || "query timed out while writing results".to_string();
        let mut len = [0u8; 4];
        match tokio::time::timeout_at(deadline, w.stdout.read_exact(&mut len)).await {
            Err(_) => return Err(late()),
            Ok(Err(_)) => return Err(stopped(w).await),
            Ok(Ok(_)) => {}
        }
        let n = u32::from_le_bytes(len) as usize;
        if n == 0 {
            let mut text = String::new();
            match tokio::time::timeout_at(deadline, w.stdout.read_line(&mut text)).await {
                Err(_) => return Err(late()),
                Ok(Ok(k)) if k > 0 => {}
                _ => return Err(stopped(w).await),
            }
            let trailer: Trailer =
                serde_json::from_str(&text).map_err(|e| format!("bad worker trailer: {e}"))?;
            return match trailer.error {
                None => Ok(None),
                Some(m) => Err(m),
            };
        }
        if n > FRAME {
            return Err(format!("bad worker frame of {n} bytes"));
        }
        if self.written + n as u64 > self.max_bytes {
            return Err(format!(
                "result is larger than the limit of {} bytes",
                self.max_bytes
            ));
        }
        let mut buf = vec![0; n];
        match tokio::time::timeout_at(deadline, w.stdout.read_exact(&mut buf)).await {
            Err(_) => return Err(late()),
            Ok(Err(_)) => return Err(stopped(w).await),
            Ok(Ok(_)) => {}
        }
        self.written += n as u64;
        Ok(Some(Bytes::from(buf)))
    }
}

/// Why a worker stopped in the middle of a body.
async fn stopped(w: &mut Worker) -> String {
    let stderr = w.stderr.take();
    died(&mut w.child, stderr).await.message
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

/// The error for a worker that stopped.
async fn died(child: &mut Child, stderr: Option<tokio::task::JoinHandle<String>>) -> ApiError {
    let status = child.wait().await;
    let message = match stderr {
        Some(h) => h.await.unwrap_or_default(),
        None => String::new(),
    };
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
