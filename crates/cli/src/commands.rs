//! The subcommands.

use crate::cli::{Cli, Command, ExportFormat};
use crate::output;
use anyhow::{bail, Context, Result};
use fkg_store::Store;
use oxrdfio::RdfFormat;
use spareval::QueryResults;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

pub fn run(cli: Cli) -> Result<ExitCode> {
    match cli.command {
        Command::Build {
            paths,
            encoding,
            meta,
            jobs,
            max_bytes,
            quiet,
            batch,
        } => crate::build::build(
            &cli.store,
            &paths,
            &crate::build::Options {
                jobs,
                max_bytes,
                quiet,
                batch,
                // Hidden, for the test of a build killed mid-way.
                abort_after_batch: std::env::var("FKG_TEST_ABORT_AFTER_BATCH")
                    .ok()
                    .and_then(|v| v.parse().ok()),
                encoding,
                meta,
            },
        ),
        Command::Query {
            query,
            file,
            name,
            list,
            queries,
            format,
            timeout,
            memory,
            in_worker,
            dates,
        } => {
            if list {
                return list_queries(&queries);
            }
            if !dates.is_empty() && name.is_none() {
                bail!("--since and --until give the dates of a named query (--name); in your own query, filter on fkg:periodStart and fkg:periodEnd");
            }
            let text = match (query, file, name) {
                (Some(q), _, _) => q,
                (_, Some(f), _) => std::fs::read_to_string(&f)
                    .with_context(|| format!("cannot read query file {}", f.display()))?,
                (_, _, Some(n)) => fkg_server::bind_dates(
                    &named_query(&queries, &n)?,
                    dates.since.as_deref(),
                    dates.until.as_deref(),
                )
                .map_err(|e| anyhow::anyhow!("query {n:?}: {e}"))?,
                _ => bail!("give a query, --file FILE or --name NAME (see `fkg query --list`)"),
            };
            if !in_worker {
                return query_in_worker(&cli.store, cli.verbose, &text, format, timeout, memory);
            }
            limit_memory(memory)?;
            let store = open_for_reading(&cli.store)?;
            let stdout = std::io::stdout();
            let mut out = BufWriter::new(stdout.lock());
            // Rows are evaluated while they are written: a panic of the
            // evaluator in either becomes an error message and exit 2.
            fkg_store::catch_panic(|| -> Result<()> {
                let results = store.query(&text)?;
                output::write_results(results, format, &mut out)
            })?;
            out.flush()?;
            Ok(ExitCode::SUCCESS)
        }
        Command::QueryWorker { memory } => {
            limit_memory(memory)?;
            let store = open_read_only_view(&cli.store)?;
            let code =
                fkg_server::query_worker(&store, std::io::stdin().lock(), std::io::stdout().lock());
            Ok(ExitCode::from(code))
        }
        Command::Export {
            format,
            output,
            query,
            dates,
        } => export(
            &cli.store,
            format,
            output.as_deref(),
            query.as_deref(),
            &dates,
        ),
        Command::Explain {
            entity,
            json,
            dates,
        } => explain(&cli.store, &entity, json, &dates),
        Command::Documents => documents(&cli.store),
        Command::Paths(request) => crate::paths::run(&cli.store, request),
        Command::Serve {
            bind,
            seeds,
            timeout,
            max_rows,
            max_result_bytes,
            max_concurrent,
            max_body,
            max_ingest_body,
            watch,
            watch_every,
            header_timeout,
            max_connections,
            update_token,
            unsafe_open_update,
            queries,
            ui,
            query_memory,
        } => {
            if let Some(dir) = watch.as_ref().filter(|d| !d.is_dir()) {
                bail!("--watch {}: no such folder", dir.display());
            }
            if unsafe_open_update && !bind.ip().is_loopback() {
                bail!("--unsafe-open-update is only allowed on a loopback address, not {bind}");
            }
            if !cli.store.join("CURRENT").exists() {
                eprintln!(
                    "fkg: no store at {}; building it from {} first",
                    cli.store.display(),
                    seeds.display()
                );
                crate::build::build(
                    &cli.store,
                    std::slice::from_ref(&seeds),
                    &crate::build::Options {
                        jobs: None,
                        max_bytes: 16 * 1024 * 1024,
                        quiet: true,
                        batch: 64,
                        abort_after_batch: None,
                        encoding: None,
                        meta: None,
                    },
                )?;
            }
            let store = open_to_serve(&cli.store)?;
            let owner_token = crate::served::new_token()?;
            let ingest = crate::build::ServerIngest::new(crate::build::Options {
                jobs: None,
                max_bytes: 16 * 1024 * 1024,
                quiet: true,
                batch: 64,
                abort_after_batch: None,
                encoding: None,
                meta: None,
            })?;
            let config = fkg_server::Config {
                timeout: std::time::Duration::from_secs(timeout.max(1)),
                max_rows,
                max_result_bytes,
                max_body_bytes: max_body,
                max_concurrent,
                update_token,
                open_update: unsafe_open_update,
                owner_token: Some(owner_token.clone()),
                ingest: Some(fkg_server::IngestHandler(std::sync::Arc::new(ingest))),
                max_ingest_bytes: max_ingest_body,
                queries: load_queries(&queries).unwrap_or_default(),
                ui_dir: Some(ui.clone()),
                worker: Some(fkg_server::WorkerCommand {
                    program: std::env::current_exe()
                        .context("cannot find the fkg binary to start query workers")?,
                    args: vec![
                        "--store".into(),
                        std::path::absolute(&cli.store)?.into(),
                        "query-worker".into(),
                        "--memory".into(),
                        query_memory.to_string().into(),
                    ],
                }),
            };
            let has_ui = ui.join("index.html").is_file();
            let runtime =
                tokio::runtime::Runtime::new().context("cannot start the async runtime")?;
            runtime.block_on(async move {
                let listener = tokio::net::TcpListener::bind(bind).await.with_context(|| {
                    format!("cannot listen on {bind} (is another server running there?)")
                })?;
                let addr = listener.local_addr()?;
                let announced = crate::served::announce(&cli.store, addr, &owner_token)?;
                if let Some(dir) = watch.clone() {
                    let server = crate::served::Server {
                        addr,
                        token: owner_token.clone(),
                    };
                    let every = std::time::Duration::from_secs(watch_every.max(1));
                    let opts = crate::build::Options {
                        jobs: None,
                        max_bytes: 16 * 1024 * 1024,
                        quiet: true,
                        batch: 64,
                        abort_after_batch: None,
                        encoding: None,
                        meta: None,
                    };
                    std::thread::spawn(move || crate::served::watch(server, dir, every, opts));
                }
                // One write, and no exit when nobody reads stdout any more
                // (a supervisor that stops after the address line): the
                // server keeps serving.
                let mut banner = format!(
                    "fentanyl-kg serving {} at http://{addr}/sparql (Ctrl-C stops)\n",
                    cli.store.display()
                );
                if has_ui {
                    banner.push_str(&format!("analyst workbench at http://{addr}/\n"));
                } else {
                    eprintln!(
                        "fkg: no workbench build in {} (bash .ci/install builds it); serving the API only",
                        ui.display()
                    );
                }
                let mut stdout = std::io::stdout().lock();
                let _ = stdout.write_all(banner.as_bytes()).and_then(|_| stdout.flush());
                drop(stdout);
                let limits = fkg_server::ConnectionLimits {
                    header_read_timeout: std::time::Duration::from_secs(header_timeout.max(1)),
                    max_connections: max_connections.max(1),
                };
                let served =
                    fkg_server::serve(listener, fkg_server::router(store, config), limits).await;
                let _ = std::fs::remove_file(&announced);
                served?;
                Ok::<_, anyhow::Error>(())
            })?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Remove { document } => remove(&cli.store, &document),
    }
}

/// `fkg query`: evaluates in a child process (this binary with
/// `--in-worker`) that is killed at the deadline; the child limits its own
/// memory. It writes to the same standard output and error.
///
/// Rationale: Oxigraph's blocking operators (ORDER BY, GROUP BY, hash
/// joins) cannot be stopped from inside the process, nor their memory
/// bounded; see `crates/server/src/worker.rs`.
fn query_in_worker(
    store: &Path,
    verbose: u8,
    text: &str,
    format: Option<crate::cli::QueryFormat>,
    timeout: u64,
    memory: u64,
) -> Result<ExitCode> {
    use clap::ValueEnum;
    use std::os::unix::process::ExitStatusExt;
    let mut cmd =
        std::process::Command::new(std::env::current_exe().context("cannot find the fkg binary")?);
    cmd.arg("--store").arg(store);
    for _ in 0..verbose {
        cmd.arg("-v");
    }
    cmd.args(["query", "--in-worker", "--memory", &memory.to_string()]);
    if let Some(f) = format.and_then(|f| f.to_possible_value()) {
        cmd.args(["--format", f.get_name()]);
    }
    cmd.arg("--").arg(text);
    let mut child = cmd.spawn().context("cannot start the query process")?;
    let deadline =
        (timeout > 0).then(|| std::time::Instant::now() + std::time::Duration::from_secs(timeout));
    let status = loop {
        if let Some(status) = child.try_wait()? {
            break status;
        }
        if deadline.is_some_and(|d| std::time::Instant::now() >= d) {
            let _ = child.kill();
            let _ = child.wait();
            bail!("the query ran longer than --timeout {timeout} s and was stopped");
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    };
    match (status.code(), status.signal()) {
        (Some(code), _) => Ok(ExitCode::from(u8::try_from(code).unwrap_or(2))),
        // An allocation over the limit aborts the child.
        (None, Some(6)) => {
            bail!("the query needed more than --memory {memory} MiB and was stopped")
        }
        (None, Some(sig)) => {
            eprintln!("fkg: the query process stopped on signal {sig}");
            Ok(ExitCode::from(u8::try_from(128 + sig).unwrap_or(2)))
        }
        (None, None) => bail!("the query process stopped"),
    }
}

/// Limits this process's address space to `mib` MiB: an allocation beyond
/// it fails, and the process aborts.
fn limit_memory(mib: u64) -> Result<()> {
    use rustix::process::{getrlimit, setrlimit, Resource, Rlimit};
    let bytes = mib.saturating_mul(1024 * 1024);
    let hard = getrlimit(Resource::As).maximum;
    let bytes = hard.map_or(bytes, |h| h.min(bytes));
    setrlimit(
        Resource::As,
        Rlimit {
            current: Some(bytes),
            maximum: hard,
        },
    )
    .context("cannot limit the query's memory")
}

/// `fkg remove`: drops the document that `arg` names, an id or the path
/// of its source file; a name several documents share is refused with
/// the candidates. A path that is one of several sources of a document
/// (identical copies) only stops being one of its sources.
fn remove(store_path: &Path, arg: &str) -> Result<ExitCode> {
    must_exist(store_path)?;
    // A store a server holds: the name is resolved on a read-only view and
    // the server removes the document.
    let (store, server) = match Store::open(store_path) {
        Ok(s) => (s, None),
        Err(e @ fkg_store::StoreError::Locked { .. }) => match crate::served::find(store_path)? {
            Some(server) => (open_read_only_view(store_path)?, Some(server)),
            None => return Err(e.into()),
        },
        Err(e) => return Err(e.into()),
    };
    let docs = store.documents()?;
    let candidates = documents_named(&docs, arg);
    match candidates.as_slice() {
        [] => {
            eprintln!("fkg: no document {arg:?} in the store (see `fkg documents`)");
            Ok(ExitCode::from(1))
        }
        [(d, Some(src))] if d.sources.len() > 1 => {
            let left = match &server {
                Some(server) => crate::served::remove_through(server, &d.id, Some(src))?
                    .get("sources")
                    .and_then(|s| s.as_array())
                    .map(|a| {
                        a.iter()
                            .filter_map(|s| s.as_str().map(String::from))
                            .collect()
                    })
                    .unwrap_or_default(),
                None => store.detach_source(&d.id, src)?,
            };
            println!(
                "{src} is no longer a source of document {}; it is still read from {}",
                d.id,
                left.join(", ")
            );
            Ok(ExitCode::SUCCESS)
        }
        [(d, _)] => {
            match &server {
                Some(server) => {
                    crate::served::remove_through(server, &d.id, None)?;
                }
                None => {
                    store.remove(&d.id)?;
                }
            }
            let named = if d.citation == d.id {
                String::new()
            } else {
                format!(" “{}”", d.citation)
            };
            match d.sources.as_slice() {
                [] => println!("removed document {}{named}", d.id),
                s => println!("removed document {}{named} ({})", d.id, s.join(", ")),
            }
            Ok(ExitCode::SUCCESS)
        }
        many => {
            eprintln!(
                "fkg: {arg:?} matches {} source files; give the id or the path of one:",
                many.len()
            );
            for (d, src) in many {
                let src = src.as_deref().or(d.source.as_deref());
                eprintln!("  {}  {}", d.id, src.unwrap_or("(no source file)"));
            }
            Ok(ExitCode::from(1))
        }
    }
}

/// The stored documents that `arg` names, each with the source it names
/// (none for an id): the one with that id; else those read from the file
/// `arg` is a path of; else those read from files of that name. A source
/// is stored as the build was given it, so a relative one (`dupB/x.txt`)
/// may have been relative to another folder: it matches a path that ends
/// with it, and the candidates say when that is more than one.
fn documents_named<'a>(
    docs: &'a [fkg_store::StoredDocument],
    arg: &str,
) -> Vec<(&'a fkg_store::StoredDocument, Option<String>)> {
    if let Some(d) = docs.iter().find(|d| d.id == arg) {
        return vec![(d, None)];
    }
    let clean = |p: &str| Path::new(p).components().collect::<PathBuf>();
    let wanted = std::fs::canonicalize(arg).unwrap_or_else(|_| clean(arg));
    let names_file = |src: &str| {
        let stored = clean(src);
        stored == clean(arg)
            || std::fs::canonicalize(src).is_ok_and(|s| s == wanted)
            || (stored.is_relative() && wanted.ends_with(&stored))
    };
    let bare_name = Path::new(arg).components().count() == 1;
    let same_name =
        |src: &str| bare_name && Path::new(src).file_name() == Path::new(arg).file_name();
    for matches in [&names_file as &dyn Fn(&str) -> bool, &same_name] {
        let found: Vec<_> = docs
            .iter()
            .flat_map(|d| {
                d.sources
                    .iter()
                    .filter(|s| matches(s))
                    .map(move |s| (d, Some(s.clone())))
            })
            .collect();
        if !found.is_empty() {
            return found;
        }
    }
    Vec::new()
}

/// Opens the store `fkg serve` will hold. A store another server holds is
/// refused with its address; one a build holds is waited for (the build
/// goes on, and the server starts when it ends).
fn open_to_serve(path: &Path) -> Result<Store> {
    let mut told = false;
    loop {
        match Store::open(path) {
            Ok(s) => return Ok(s),
            Err(e @ fkg_store::StoreError::Locked { .. }) => {
                if let Some(server) = crate::served::find(path)? {
                    bail!(
                        "{} is already served at http://{}/ (add documents with `fkg build`, which sends them to it)",
                        path.display(),
                        server.addr
                    );
                }
                if !told {
                    eprintln!("fkg: {e}; waiting for it to let go (a build ends by itself)");
                    told = true;
                }
                std::thread::sleep(std::time::Duration::from_millis(250));
            }
            Err(e) => return Err(e.into()),
        }
    }
}

fn must_exist(path: &Path) -> Result<()> {
    if !path.join("CURRENT").exists() {
        bail!(
            "no store at {} — build one first with `fkg build` (or pass --store DIR)",
            path.display()
        );
    }
    Ok(())
}

/// Opens a store that must already exist, for a reading command: as its
/// owner when no other process holds it, else a read-only view of what the
/// process holding it (a running `fkg serve` or `fkg build`) has committed
/// when the view is opened.
///
/// Rationale: RocksDB lets one process write a store; a read-only open
/// beside it is a snapshot of its files at that moment. Opening as the
/// owner first keeps what only the owner does on open (repairing an
/// interrupted read model, removing a killed bulk load's files).
pub fn open_for_reading(path: &Path) -> Result<Store> {
    must_exist(path)?;
    match Store::open(path) {
        Ok(s) => Ok(s),
        Err(fkg_store::StoreError::Locked { .. }) => {
            tracing::info!(
                "{} is held by another process: reading a read-only view of it",
                path.display()
            );
            open_read_only_view(path)
        }
        Err(e) => Err(e.into()),
    }
}

/// Opens a read-only view of a store another process may be writing.
///
/// The writer's RocksDB may be compacting: a file the read-only open
/// lists can be gone by the time it is read. Try again.
pub fn open_read_only_view(path: &Path) -> Result<Store> {
    let mut tries = 0;
    loop {
        match Store::open_read_only(path) {
            Ok(s) => return Ok(s),
            Err(e) if tries < 40 => {
                tracing::debug!("opening the store read-only again: {e}");
                tries += 1;
                std::thread::sleep(std::time::Duration::from_millis(50));
            }
            Err(e) => return Err(e.into()),
        }
    }
}

pub(crate) fn now_rfc3339() -> String {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0);
    let (days, rem) = ((secs / 86_400) as i64, secs % 86_400);
    // Civil date from days since 1970-01-01 (Howard Hinnant's algorithm).
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!(
        "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}Z",
        rem / 3600,
        rem % 3600 / 60,
        rem % 60
    )
}

fn named_query(dir: &Path, name: &str) -> Result<String> {
    let path = dir.join(format!("{}.rq", name.trim_end_matches(".rq")));
    std::fs::read_to_string(&path).with_context(|| {
        format!(
            "no named query {name:?} ({} not readable); `fkg query --list` shows the names",
            path.display()
        )
    })
}

/// The comment header of a named query: its first `#` lines.
pub fn query_summary(text: &str) -> String {
    text.lines()
        .take_while(|l| l.starts_with('#'))
        .map(|l| l.trim_start_matches('#').trim())
        .find(|l| !l.is_empty())
        .unwrap_or("")
        .to_string()
}

/// The named queries of a folder, sorted by name.
fn load_queries(dir: &Path) -> Result<Vec<fkg_server::NamedQuery>> {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .with_context(|| format!("cannot read the queries folder {}", dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "rq"))
        .collect();
    entries.sort();
    entries
        .into_iter()
        .map(|p| {
            let query = std::fs::read_to_string(&p)
                .with_context(|| format!("cannot read {}", p.display()))?;
            Ok(fkg_server::NamedQuery {
                name: p
                    .file_stem()
                    .map(|s| s.to_string_lossy().to_string())
                    .unwrap_or_default(),
                summary: query_summary(&query),
                query,
            })
        })
        .collect()
}

fn list_queries(dir: &Path) -> Result<ExitCode> {
    for q in load_queries(dir)? {
        println!("{:28} {}", q.name, q.summary);
    }
    Ok(ExitCode::SUCCESS)
}

fn export(
    store_path: &Path,
    format: ExportFormat,
    output: Option<&Path>,
    query: Option<&str>,
    dates: &crate::cli::DateWindow,
) -> Result<ExitCode> {
    let store = open_for_reading(store_path)?;
    let rdf = match format {
        ExportFormat::Nquads => RdfFormat::NQuads,
        ExportFormat::Trig => RdfFormat::TriG,
        ExportFormat::Turtle => RdfFormat::Turtle,
        ExportFormat::Ntriples => RdfFormat::NTriples,
        ExportFormat::Gexf | ExportFormat::Graphml | ExportFormat::Csv => {
            let mut edges = store.edges_with_evidence()?;
            if let Some(q) = query {
                // Keep the relations the CONSTRUCT returns, with their evidence.
                let QueryResults::Graph(triples) = store.query(q)? else {
                    bail!("--query must be a CONSTRUCT or DESCRIBE query");
                };
                let mut keep = std::collections::HashSet::new();
                for t in triples {
                    let t = t?;
                    let (s, p, o) = (
                        t.subject.to_string(),
                        t.predicate.as_str().to_string(),
                        t.object.to_string(),
                    );
                    let strip =
                        |x: &str| x.trim_start_matches('<').trim_end_matches('>').to_string();
                    keep.insert((
                        strip(&s),
                        p.rsplit(['#', '/']).next().unwrap_or("").to_string(),
                        strip(&o),
                    ));
                }
                edges.retain(|e| {
                    keep.contains(&(e.subject.clone(), e.property.clone(), e.object.clone()))
                });
            }
            edges.retain_mut(|e| e.keep_within(dates.since.as_deref(), dates.until.as_deref()));
            return network_export(format, &edges, output);
        }
    };
    if !dates.is_empty() {
        bail!("--since and --until select statements for gexf, graphml and csv; for RDF use `fkg query` with a CONSTRUCT that filters on fkg:periodStart and fkg:periodEnd");
    }
    if query.is_some() {
        bail!("--query selects relations for gexf, graphml and csv; for RDF use `fkg query` with a CONSTRUCT");
    }
    match output {
        Some(path) => {
            let dir = path
                .parent()
                .filter(|p| !p.as_os_str().is_empty())
                .unwrap_or(Path::new("."));
            let tmp = tempfile_in(dir, path)?;
            let file = std::fs::File::create(&tmp)
                .with_context(|| format!("cannot write {}", tmp.display()))?;
            let w = store.dump(rdf, BufWriter::new(file))?;
            w.into_inner().map_err(|e| e.into_error())?.sync_all()?;
            std::fs::rename(&tmp, path)
                .with_context(|| format!("cannot write {}", path.display()))?;
        }
        None => {
            let stdout = std::io::stdout();
            let mut w = store.dump(rdf, BufWriter::new(stdout.lock()))?;
            w.flush()?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// Writes `out` to `path` atomically (a temporary file, then a rename).
fn write_atomic(
    path: &Path,
    write: impl FnOnce(&mut BufWriter<std::fs::File>) -> std::io::Result<()>,
) -> Result<()> {
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let tmp = tempfile_in(dir, path)?;
    let file =
        std::fs::File::create(&tmp).with_context(|| format!("cannot write {}", tmp.display()))?;
    let mut w = BufWriter::new(file);
    write(&mut w)?;
    w.into_inner().map_err(|e| e.into_error())?.sync_all()?;
    std::fs::rename(&tmp, path).with_context(|| format!("cannot write {}", path.display()))?;
    Ok(())
}

/// GEXF, GraphML or Gephi CSV of `edges`.
pub fn network_export(
    format: ExportFormat,
    edges: &[fkg_model::EdgeRecord],
    output: Option<&Path>,
) -> Result<ExitCode> {
    match (format, output) {
        (ExportFormat::Csv, None) => bail!(
            "--format csv writes two tables: give -o PREFIX (PREFIX.nodes.csv, PREFIX.edges.csv)"
        ),
        (ExportFormat::Csv, Some(prefix)) => {
            let p = prefix.display().to_string();
            write_atomic(Path::new(&format!("{p}.nodes.csv")), |w| {
                fkg_export::csv_nodes(edges, w)
            })?;
            write_atomic(Path::new(&format!("{p}.edges.csv")), |w| {
                fkg_export::csv_edges(edges, w)
            })?;
        }
        (f, Some(path)) => write_atomic(path, |w| match f {
            ExportFormat::Graphml => fkg_export::graphml(edges, w),
            _ => fkg_export::gexf(edges, w),
        })?,
        (f, None) => {
            let stdout = std::io::stdout();
            let mut w = BufWriter::new(stdout.lock());
            match f {
                ExportFormat::Graphml => fkg_export::graphml(edges, &mut w)?,
                _ => fkg_export::gexf(edges, &mut w)?,
            }
            w.flush()?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn tempfile_in(dir: &Path, target: &Path) -> Result<PathBuf> {
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().to_string())
        .unwrap_or_default();
    Ok(dir.join(format!(".{name}.{}.tmp", std::process::id())))
}

fn documents(store_path: &Path) -> Result<ExitCode> {
    let store = open_for_reading(store_path)?;
    let docs = store.documents()?;
    let rows: Vec<Vec<String>> = docs
        .iter()
        .map(|d| {
            vec![
                d.id.clone(),
                d.statements.to_string(),
                d.title.clone().unwrap_or_default(),
                d.publisher.clone().unwrap_or_default(),
                d.date.clone().unwrap_or_default(),
                match d.sources.len() {
                    0 | 1 => d.source.clone().unwrap_or_default(),
                    n => format!(
                        "{} (+{} identical)",
                        d.source.as_deref().unwrap_or_default(),
                        n - 1
                    ),
                },
                d.near_copy_of
                    .as_ref()
                    .map(|c| format!("near-copy of {} (similarity {:.2})", c.id, c.similarity))
                    .unwrap_or_default(),
            ]
        })
        .collect();
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    output::write_table(
        &[
            "document".into(),
            "statements".into(),
            "title".into(),
            "publisher".into(),
            "date".into(),
            "source".into(),
            "near-copy".into(),
        ],
        &rows,
        &mut out,
    )?;
    Ok(ExitCode::SUCCESS)
}

/// Entity IRIs and labels that `name` names exactly.
pub fn resolve_entity(store: &Store, name: &str) -> Result<Vec<(String, String)>> {
    Ok(fkg_store::explain::resolve(store, name)?)
}

fn explain(
    store_path: &Path,
    name: &str,
    json: bool,
    dates: &crate::cli::DateWindow,
) -> Result<ExitCode> {
    let store = open_for_reading(store_path)?;
    let found = resolve_entity(&store, name)?;
    let (iri, _) = match found.as_slice() {
        [] => {
            eprintln!("fkg: no entity named {name:?} in the store (try a shorter name, or `fkg query` with a FILTER)");
            return Ok(ExitCode::from(1));
        }
        [one] => one.clone(),
        many => {
            eprintln!("fkg: {name:?} is ambiguous; it names:");
            for (iri, label) in many {
                eprintln!("  {label}  <{iri}>");
            }
            eprintln!("give one of these labels or IRIs");
            return Ok(ExitCode::from(1));
        }
    };
    let mut e = fkg_store::explain::entity(&store, &iri)?;
    e.keep_within(dates.since.as_deref(), dates.until.as_deref());
    let stdout = std::io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    if json {
        serde_json::to_writer_pretty(&mut out, &e)?;
        writeln!(out)?;
    } else {
        write_report(&e, &mut out)?;
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

/// "  [2023-11-01 – 2023-11-30, “in November”]", "  [2023-02-15, document date]", or nothing.
fn fact_dates(f: &fkg_store::explain::Fact) -> String {
    let span = match (f.date_start.as_deref(), f.date_end.as_deref()) {
        (Some(a), Some(b)) if a == b => a.to_string(),
        (Some(a), Some(b)) => format!("{a} – {b}"),
        (Some(a), None) => format!("since {a}"),
        (None, Some(b)) => format!("until {b}"),
        (None, None) => String::new(),
    };
    let how = match (f.date_expression.as_deref(), f.date_source.as_deref()) {
        (Some(x), _) => format!("“{x}”"),
        (None, Some("document")) => "document date".to_string(),
        _ => String::new(),
    };
    match (span.is_empty(), how.is_empty()) {
        (true, true) => String::new(),
        (false, false) => format!("  [{span}, {how}]"),
        (true, false) => format!("  [{how}, unresolved]"),
        (false, true) => format!("  [{span}]"),
    }
}

fn write_report(e: &fkg_store::explain::EntityReport, out: &mut impl Write) -> Result<()> {
    writeln!(out, "{}  <{}>", e.label, e.iri)?;
    writeln!(out, "  types:     {}", e.types.join(", "))?;
    if !e.aliases.is_empty() {
        writeln!(out, "  aliases:   {}", e.aliases.join("; "))?;
    }
    if !e.same_as.is_empty() {
        writeln!(out, "  same as:   {}", e.same_as.join(", "))?;
    }
    if !e.document_info.is_empty() {
        writeln!(out, "  documents:")?;
        for d in &e.document_info {
            if d.citation == d.id {
                writeln!(out, "    {}", d.id)?;
            } else {
                writeln!(out, "    {} [{}]", d.citation, d.id)?;
            }
        }
    }
    let mut last = String::new();
    for f in &e.facts {
        if f.property != last {
            writeln!(out, "\n{}", f.property)?;
            last = f.property.clone();
        }
        let flag = match f.polarity.as_str() {
            "negative" => " [DENIED]",
            "hedged" => " [HEDGED]",
            _ => "",
        };
        let qty = match (f.quantity, &f.unit, f.out_of) {
            (Some(q), Some(u), Some(of)) => format!(" ({q} of {of} {u})"),
            (Some(q), Some(u), None) => format!(" ({q} {u})"),
            _ => String::new(),
        };
        let when = fact_dates(f);
        let change = match (f.conflicting, f.changed_over_time) {
            (true, true) => " [CONFLICTING FIGURE, CHANGED OVER TIME]",
            (true, false) => " [CONFLICTING FIGURE]",
            (false, true) => " [CHANGED OVER TIME]",
            (false, false) => "",
        };
        writeln!(
            out,
            "  {} {} {}{qty}{flag}{change}{when}",
            f.subject_label, f.property, f.object_label
        )?;
        let who = f
            .speaker
            .as_ref()
            .map(|s| format!(", said by {s}"))
            .unwrap_or_default();
        let at = match (f.char_start, f.char_end) {
            (Some(a), Some(b)) => format!(" chars {a}-{b}"),
            _ => String::new(),
        };
        let page = f.page.map(|p| format!(", p. {p}")).unwrap_or_default();
        let source = if f.document_citation == f.document {
            format!("{}{page}{at}", f.document)
        } else {
            format!("{}{page} [{}{at}]", f.document_citation, f.document)
        };
        writeln!(out, "    “{}”", f.evidence)?;
        writeln!(
            out,
            "    — {source}{who}; rule {}{}",
            f.rule.as_deref().unwrap_or("?"),
            f.confidence
                .map(|c| format!(", confidence {c}"))
                .unwrap_or_default()
        )?;
    }
    if e.facts.is_empty() {
        writeln!(out, "\n(no statements about it)")?;
    }
    Ok(())
}
