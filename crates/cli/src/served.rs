//! A running `fkg serve` and the commands that meet it: the server writes
//! `fkg-serve.json` into the store folder (its address and a token that may
//! add documents, readable by the owner only), and `fkg build` on a store
//! the server holds sends the documents to it (`POST /api/documents`).
//!
//! Rationale: RocksDB lets one process write a store. Rather than refuse a
//! build while the store is served, the build goes through the process that
//! holds it. The token lives in a file only the store's owner can read:
//! whoever can read it could write the store's files anyway once the server
//! stops, so it gives nobody a power they lack. The client is a few lines
//! of HTTP/1.1 over a loopback socket, not an HTTP library.

use crate::build::{Options, Summary};
use crate::input;
use anyhow::{bail, Context, Result};
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::os::unix::fs::{MetadataExt, OpenOptionsExt, PermissionsExt};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// The file a running server writes into its store folder.
pub const FILE: &str = "fkg-serve.json";

/// A running server of a store, as its file says.
#[derive(Debug)]
pub struct Server {
    pub addr: SocketAddr,
    pub token: String,
}

/// A fresh random token (32 bytes from the kernel, hex).
pub fn new_token() -> Result<String> {
    let mut bytes = [0u8; 32];
    std::fs::File::open("/dev/urandom")
        .and_then(|mut f| f.read_exact(&mut bytes))
        .context("cannot read /dev/urandom for a token")?;
    Ok(bytes.iter().map(|b| format!("{b:02x}")).collect())
}

/// Writes the server's file into `store` (mode 0600, replacing a stale
/// one: the caller holds the store, so no other server is running).
pub fn announce(store: &Path, addr: SocketAddr, token: &str) -> Result<PathBuf> {
    let path = store.join(FILE);
    let _ = std::fs::remove_file(&path);
    let mut f = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o600)
        .open(&path)
        .with_context(|| format!("cannot write {}", path.display()))?;
    let body = serde_json::json!({
        "url": format!("http://{addr}/"),
        "address": addr.to_string(),
        "token": token,
        "pid": std::process::id(),
    });
    f.write_all(format!("{body:#}\n").as_bytes())?;
    Ok(path)
}

/// The server holding `store`, if its file is there and it answers.
pub fn find(store: &Path) -> Result<Option<Server>> {
    let path = store.join(FILE);
    let Ok(meta) = std::fs::metadata(&path) else {
        return Ok(None);
    };
    if meta.uid() != rustix::process::getuid().as_raw() || meta.permissions().mode() & 0o077 != 0 {
        bail!(
            "{} is not private to you (owner and mode 0600): not using the token in it",
            path.display()
        );
    }
    let text = std::fs::read_to_string(&path)?;
    let v: serde_json::Value =
        serde_json::from_str(&text).with_context(|| format!("cannot read {}", path.display()))?;
    let (Some(addr), Some(token)) = (
        v.get("address")
            .and_then(|a| a.as_str())
            .and_then(|a| a.parse().ok()),
        v.get("token").and_then(|t| t.as_str()),
    ) else {
        bail!("{} has no address or token", path.display());
    };
    // A server killed without cleaning up leaves its file: it must answer.
    if TcpStream::connect_timeout(&addr, std::time::Duration::from_secs(2)).is_err() {
        return Ok(None);
    }
    Ok(Some(Server {
        addr,
        token: token.to_string(),
    }))
}

/// `fkg build` on a store a server holds: the documents are read and
/// checked here, then sent to the server a batch at a time.
pub fn build_through(
    server: &Server,
    store: &Path,
    paths: &[PathBuf],
    opts: &Options,
    read_opts: &input::ReadOptions,
) -> Result<ExitCode> {
    eprintln!(
        "fkg: {} is served at http://{}/: sending the documents to the server",
        store.display(),
        server.addr
    );
    let (files, skipped) = input::collect(paths);
    let summary = send_files(server, &files, skipped, opts, read_opts)?;
    for r in &summary.skipped {
        eprintln!("fkg: skipped {}: {}", r.path.display(), r.reason);
    }
    println!("{}", summary.line());
    println!(
        "store: {} (through the server at http://{}/)",
        store.display(),
        server.addr
    );
    Ok(if summary.skipped.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

/// Reads and checks `files` and sends them to the server in batches (at
/// most `opts.batch` documents and 8 MiB of text each).
fn send_files(
    server: &Server,
    files: &[PathBuf],
    mut skipped: Vec<input::Rejected>,
    opts: &Options,
    read_opts: &input::ReadOptions,
) -> Result<Summary> {
    let mut summary = Summary::default();
    let mut batch: Vec<serde_json::Value> = Vec::new();
    let mut bytes = 0usize;
    let limit = opts.batch.max(1);
    for f in files {
        let doc = match input::read(f, read_opts) {
            Ok(d) => d,
            Err(r) => {
                skipped.push(r);
                continue;
            }
        };
        // The text as read, with the metadata of the file, its sidecar and
        // its --meta row: the server stores it as it is.
        let text = doc.text;
        if !batch.is_empty() && (batch.len() >= limit || bytes + text.len() > 8 * 1024 * 1024) {
            send(server, &std::mem::take(&mut batch), &mut summary)?;
            bytes = 0;
        }
        bytes += text.len();
        batch.push(serde_json::json!({
            "name": doc.path.display().to_string(),
            "text": text,
            "meta": doc.meta,
            "media_type": doc.media_type,
        }));
    }
    if !batch.is_empty() {
        send(server, &batch, &mut summary)?;
    }
    summary.skipped = skipped;
    Ok(summary)
}

/// `fkg serve --watch DIR`: every `every`, the files of `dir` that are new
/// or changed (size or modification time) since the last look are sent to
/// the server, as `fkg build DIR` would send them. Runs for ever; a failed
/// round is reported and tried again at the next.
///
/// Rationale: going through the server's own endpoint, the watcher shares
/// everything a client's ingest has (one ingest at a time, the write lock
/// per commit, the path graph dropped) and adds no second way to write.
pub fn watch(server: Server, dir: PathBuf, every: std::time::Duration, opts: Options) {
    let read_opts = match crate::build::read_options(&opts) {
        Ok(r) => r,
        Err(e) => {
            eprintln!("fkg: watched folder {}: {e:#}", dir.display());
            return;
        }
    };
    let mut seen: std::collections::HashMap<PathBuf, (u64, Option<std::time::SystemTime>)> =
        std::collections::HashMap::new();
    loop {
        let (files, _) = input::collect(std::slice::from_ref(&dir));
        let mut changed = Vec::new();
        let mut now_seen = std::collections::HashMap::new();
        for f in files {
            let Ok(meta) = std::fs::metadata(&f) else {
                continue;
            };
            let stamp = (meta.len(), meta.modified().ok());
            if seen.get(&f) != Some(&stamp) {
                changed.push(f.clone());
            }
            now_seen.insert(f, stamp);
        }
        if !changed.is_empty() {
            match send_files(&server, &changed, Vec::new(), &opts, &read_opts) {
                Ok(summary) => {
                    for r in &summary.skipped {
                        eprintln!(
                            "fkg: watched folder: skipped {}: {}",
                            r.path.display(),
                            r.reason
                        );
                    }
                    if summary.added + summary.replaced > 0 || !summary.skipped.is_empty() {
                        eprintln!("fkg: watched folder {}: {}", dir.display(), summary.line());
                    }
                    seen = now_seen;
                }
                Err(e) => eprintln!("fkg: watched folder {}: {e:#}", dir.display()),
            }
        } else {
            seen = now_seen;
        }
        std::thread::sleep(every);
    }
}

fn send(server: &Server, batch: &[serde_json::Value], summary: &mut Summary) -> Result<()> {
    let body = serde_json::to_vec(&serde_json::json!({ "documents": batch }))?;
    let (status, answer) = post(server, "/api/documents", &body)?;
    if status != 200 {
        bail!(
            "the server at http://{}/ refused the documents ({status}): {}",
            server.addr,
            String::from_utf8_lossy(&answer).trim()
        );
    }
    let v: serde_json::Value =
        serde_json::from_slice(&answer).context("the server's answer is not JSON")?;
    summary.add_json(&v);
    Ok(())
}

/// One HTTP/1.1 POST of JSON with the token; (status, body).
fn post(server: &Server, path: &str, body: &[u8]) -> Result<(u16, Vec<u8>)> {
    request(server, "POST", path, body)
}

/// `fkg remove` on a store a server holds: the server removes document
/// `id` (or, with `source`, only that source file of it).
pub fn remove_through(
    server: &Server,
    id: &str,
    source: Option<&str>,
) -> Result<serde_json::Value> {
    let mut path = format!("/api/documents/{}", encode(id));
    if let Some(s) = source {
        path.push_str(&format!("?source={}", encode(s)));
    }
    let (status, answer) = request(server, "DELETE", &path, b"")?;
    if status != 200 {
        bail!(
            "the server at http://{}/ did not remove it ({status}): {}",
            server.addr,
            String::from_utf8_lossy(&answer).trim()
        );
    }
    serde_json::from_slice(&answer).context("the server's answer is not JSON")
}

/// Percent-encoding of everything but unreserved characters.
fn encode(s: &str) -> String {
    s.bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
                (b as char).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect()
}

/// One HTTP/1.1 request with the token and a JSON body; (status, body).
fn request(server: &Server, method: &str, path: &str, body: &[u8]) -> Result<(u16, Vec<u8>)> {
    let mut stream = TcpStream::connect(server.addr)
        .with_context(|| format!("cannot reach the server at {}", server.addr))?;
    stream.set_nodelay(true)?;
    let head = format!(
        "{method} {path} HTTP/1.1\r\nHost: {}\r\nAuthorization: Bearer {}\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
        server.addr,
        server.token,
        body.len()
    );
    stream.write_all(head.as_bytes())?;
    stream.write_all(body)?;
    stream.flush()?;
    let mut reader = BufReader::new(stream);
    let mut line = String::new();
    reader.read_line(&mut line)?;
    let status: u16 = line
        .split_whitespace()
        .nth(1)
        .and_then(|c| c.parse().ok())
        .with_context(|| format!("not an HTTP answer: {line:?}"))?;
    let (mut length, mut chunked) = (None, false);
    loop {
        line.clear();
        reader.read_line(&mut line)?;
        let l = line.trim_end();
        if l.is_empty() {
            break;
        }
        let lower = l.to_ascii_lowercase();
        if let Some(v) = lower.strip_prefix("content-length:") {
            length = v.trim().parse::<usize>().ok();
        } else if lower.starts_with("transfer-encoding:") && lower.contains("chunked") {
            chunked = true;
        }
    }
    let mut out = Vec::new();
    if chunked {
        loop {
            line.clear();
            reader.read_line(&mut line)?;
            let size = usize::from_str_radix(line.trim().split(';').next().unwrap_or(""), 16)
                .context("bad chunk size")?;
            if size == 0 {
                break;
            }
            let mut chunk = vec![0; size + 2];
            reader.read_exact(&mut chunk)?;
            out.extend_from_slice(&chunk[..size]);
        }
    } else if let Some(n) = length {
        out.resize(n, 0);
        reader.read_exact(&mut out)?;
    } else {
        reader.read_to_end(&mut out)?;
    }
    Ok((status, out))
}
