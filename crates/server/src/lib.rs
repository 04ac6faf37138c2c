//! fkg-server: the SPARQL 1.1 Protocol endpoint and the analysts' HTTP API,
//! over an [`fkg_store::Store`]. The only crate that knows HTTP.
//!
//! Rationale: every query runs in a worker process (`worker.rs`) that
//! evaluates and serialises it into a pipe, so results stream (a million
//! rows are never held whole), and the server can stop it at the deadline
//! or when the client goes away, and bound its memory: Oxigraph's
//! cancellation token only fires when storage is read, not inside ORDER BY,
//! GROUP BY or joins. Without a worker command (in-process use), a query
//! runs on a blocking thread into a bounded channel instead, the deadline
//! checked between rows as well as by that token. A failure after the
//! headers are sent aborts the body, so a client never mistakes a
//! truncated result for a complete one.

mod gsp;
mod ingest;
mod negotiate;
mod worker;

pub use ingest::{Ingest, IngestError, IngestHandler, PostedDocument, WriteGate};
pub use worker::{query_worker, WorkerCommand};

use axum::body::{Body, Bytes};
use axum::extract::{DefaultBodyLimit, Path, Query, RawQuery, State};
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use fkg_store::{CancellationToken, Store, StoreError};
use negotiate::{Negotiated, QueryKind};
use oxrdfio::RdfSerializer;
use serde::Serialize;
use sparesults::QueryResultsSerializer;
use spareval::QueryResults;
use std::io::Write;
use std::sync::Arc;
use std::time::{Duration, Instant};
use tokio::sync::{mpsc, oneshot, Semaphore};

/// A named analyst query served at `/api/queries`.
#[derive(Debug, Clone, Serialize)]
pub struct NamedQuery {
    pub name: String,
    pub summary: String,
    pub query: String,
}

impl NamedQuery {
    /// Whether the query takes dates (`$since`, `$until` in its text).
    pub fn takes_dates(&self) -> bool {
        takes_dates(&self.query)
    }
}

fn takes_dates(query: &str) -> bool {
    ["$since", "$until"]
        .iter()
        .any(|p| param_positions(query, p).next().is_some())
}

/// Where parameter `p` ("$since") stands in `query` as a whole variable,
/// outside comment lines.
fn param_positions<'a>(query: &'a str, p: &'a str) -> impl Iterator<Item = usize> + 'a {
    query.match_indices(p).map(|(i, _)| i).filter(move |&i| {
        let line_start = query[..i].rfind('\n').map_or(0, |n| n + 1);
        !query[line_start..i].trim_start().starts_with('#')
            && query[i + p.len()..]
                .chars()
                .next()
                .is_none_or(|c| !(c.is_alphanumeric() || c == '_'))
    })
}

/// The text of a named query with its date parameters given: `$since` and
/// `$until` become `xsd:date` literals (`YYYY-MM-DD`, checked by the
/// caller). A query without them takes no dates: asking it with a bound is
/// an error. Without bounds the text is unchanged, and the query's own
/// defaults apply (a named query reads an unbound `$since` as no bound).
pub fn bind_dates(query: &str, since: Option<&str>, until: Option<&str>) -> Result<String, String> {
    if since.is_none() && until.is_none() {
        return Ok(query.to_string());
    }
    if !takes_dates(query) {
        return Err("this named query takes no dates (--since/--until, since=/until=); the queries whose text uses $since or $until do".into());
    }
    let mut out = query.to_string();
    for (p, v) in [("$since", since), ("$until", until)] {
        let Some(v) = v else { continue };
        if !(v.len() == 10 && v.bytes().all(|b| b.is_ascii_digit() || b == b'-')) {
            return Err(format!("{v:?} is no YYYY-MM-DD date"));
        }
        let literal = format!("\"{v}\"^^<http://www.w3.org/2001/XMLSchema#date>");
        let at: Vec<usize> = param_positions(&out, p).collect();
        for i in at.into_iter().rev() {
            out.replace_range(i..i + p.len(), &literal);
        }
    }
    Ok(out)
}

#[cfg(test)]
mod date_tests {
    use super::bind_dates;

    #[test]
    fn dates_replace_parameters_outside_comments() {
        let q = "# from $since on\nSELECT * WHERE { FILTER(?d >= COALESCE($since, 1) && ?d <= $until) BIND($sinceX AS ?x) }";
        let bound = bind_dates(q, Some("2023-01-01"), None).unwrap();
        assert!(bound.starts_with("# from $since on\n"));
        assert!(
            bound.contains("COALESCE(\"2023-01-01\"^^<http://www.w3.org/2001/XMLSchema#date>, 1)")
        );
        assert!(bound.contains("$until") && bound.contains("$sinceX"));
        assert_eq!(bind_dates(q, None, None).unwrap(), q);
        assert!(bind_dates("# $since\nSELECT * {}", Some("2023-01-01"), None).is_err());
        assert!(bind_dates(q, Some("2023-1-1"), None).is_err());
    }
}

/// Limits and switches of the server.
#[derive(Debug, Clone)]
pub struct Config {
    /// Per-query time limit.
    pub timeout: Duration,
    /// Most result rows (or triples) one query may return.
    pub max_rows: usize,
    /// Most bytes one answer may carry.
    pub max_result_bytes: u64,
    /// Largest request body accepted.
    pub max_body_bytes: usize,
    /// Queries running at once; more get 503.
    pub max_concurrent: usize,
    /// Updates are accepted only with `Authorization: Bearer <token>`.
    pub update_token: Option<String>,
    /// Accept updates from anyone (conformance test runs on loopback only).
    pub open_update: bool,
    /// A second token that may add documents (`POST /api/documents`): the
    /// binary writes it where only the store's owner can read it.
    pub owner_token: Option<String>,
    /// What adds posted documents; without it `POST /api/documents` is 403.
    pub ingest: Option<IngestHandler>,
    /// Largest body of `POST /api/documents`.
    pub max_ingest_bytes: usize,
    pub queries: Vec<NamedQuery>,
    /// The built analyst workbench (`ui/dist`), served at `/`.
    pub ui_dir: Option<std::path::PathBuf>,
    /// Evaluate each query in a process started so (see `worker.rs`); without
    /// one, queries run on a thread of the server, which cannot stop them
    /// inside Oxigraph's blocking operators.
    pub worker: Option<WorkerCommand>,
}

impl Default for Config {
    fn default() -> Self {
        Self {
            timeout: Duration::from_secs(30),
            max_rows: 1_000_000,
            max_result_bytes: 1 << 30,
            max_body_bytes: 1024 * 1024,
            max_concurrent: 16,
            update_token: None,
            open_update: false,
            owner_token: None,
            ingest: None,
            max_ingest_bytes: 64 * 1024 * 1024,
            queries: Vec::new(),
            ui_dir: None,
            worker: None,
        }
    }
}

#[derive(Clone)]
pub(crate) struct AppState {
    store: Store,
    /// The path service: its graph is loaded on first use and dropped by writes.
    paths: Arc<fkg_paths::PathService>,
    config: Arc<Config>,
    permits: Arc<Semaphore>,
    /// Held shared while a query worker opens the store read-only, and
    /// exclusively by writes, so that the two never overlap; and the
    /// store's generation, which each write moves on.
    writes: worker::Writes,
    /// Query workers with the store open, waiting for the next query.
    pool: Arc<worker::Pool>,
    /// Held by the one `POST /api/documents` that runs at a time.
    ingesting: Arc<tokio::sync::Mutex<()>>,
}

/// An error answer: a status and a reason in plain text.
#[derive(Debug, thiserror::Error)]
#[error("{message}")]
pub struct ApiError {
    status: StatusCode,
    message: String,
}

impl ApiError {
    pub(crate) fn new(status: StatusCode, message: impl Into<String>) -> Self {
        Self {
            status,
            message: message.into(),
        }
    }
}

/// The challenge sent with a 401: updates take a bearer token (RFC 6750).
const BEARER_CHALLENGE: &str = "Bearer realm=\"fentanyl-kg update\"";

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        if self.status.is_server_error() {
            tracing::error!(status = %self.status, "{}", self.message);
        }
        let mut r = (self.status, format!("{}\n", self.message)).into_response();
        r.headers_mut().insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static("text/plain; charset=utf-8"),
        );
        if self.status == StatusCode::UNAUTHORIZED {
            r.headers_mut().insert(
                header::WWW_AUTHENTICATE,
                HeaderValue::from_static(BEARER_CHALLENGE),
            );
        }
        r
    }
}

impl From<StoreError> for ApiError {
    fn from(e: StoreError) -> Self {
        match e {
            StoreError::Syntax(m) => {
                Self::new(StatusCode::BAD_REQUEST, format!("SPARQL syntax error: {m}"))
            }
            StoreError::Evaluation(m) if m.contains("cancel") => Self::new(
                StatusCode::SERVICE_UNAVAILABLE,
                "query timed out".to_string(),
            ),
            StoreError::Evaluation(m) => {
                Self::new(StatusCode::BAD_REQUEST, format!("query failed: {m}"))
            }
            other => Self::new(StatusCode::INTERNAL_SERVER_ERROR, other.to_string()),
        }
    }
}

/// The HTTP API over `store`.
pub fn router(store: Store, config: Config) -> Router {
    let max_body = config.max_body_bytes;
    let max_ingest = config.max_ingest_bytes;
    let state = AppState {
        paths: Arc::new(fkg_paths::PathService::new(store.clone())),
        store,
        permits: Arc::new(Semaphore::new(config.max_concurrent.max(1))),
        writes: worker::Writes::default(),
        pool: Arc::new(worker::Pool::new(config.max_concurrent.clamp(1, 8))),
        ingesting: Arc::new(tokio::sync::Mutex::new(())),
        config: Arc::new(config),
    };
    let cors = tower_http::cors::CorsLayer::new()
        .allow_origin(tower_http::cors::Any)
        .allow_methods([
            Method::GET,
            Method::POST,
            Method::PUT,
            Method::DELETE,
            Method::HEAD,
            Method::OPTIONS,
        ])
        .allow_headers([header::CONTENT_TYPE, header::ACCEPT, header::AUTHORIZATION]);
    let ui = state
        .config
        .ui_dir
        .clone()
        .filter(|d| d.join("index.html").is_file());
    let router = Router::new()
        .route("/sparql", get(sparql_get).post(sparql_post))
        .route("/query", get(sparql_get).post(sparql_post))
        .route("/update", axum::routing::post(update_post))
        .route("/store", axum::routing::any(gsp::handle))
        .route("/store/{*path}", axum::routing::any(gsp::handle))
        .route("/health", get(health))
        .route("/api/entities", get(api_entities))
        .route("/api/entity/{id}", get(api_entity))
        .route("/api/queries", get(api_queries))
        .route("/api/paths", get(api_paths))
        .route("/api/queries/{name}", get(api_query))
        .route(
            "/api/documents",
            get(api_documents)
                .post(ingest::post_documents)
                .layer(DefaultBodyLimit::max(max_ingest)),
        )
        .route(
            "/api/documents/{id}",
            get(api_document).delete(ingest::delete_document),
        );
    // The workbench is static files that use only the API above.
    let router = match ui {
        Some(dir) => router.fallback_service(tower_http::services::ServeDir::new(dir)),
        None => router.route("/", get(no_workbench)),
    };
    router
        .layer(DefaultBodyLimit::max(max_body))
        .layer(cors)
        .layer(tower_http::trace::TraceLayer::new_for_http())
        .with_state(state)
}

/// `/` when the workbench has not been built: how to build it, and the API.
async fn no_workbench() -> Response {
    let page = "<!doctype html><html lang=en><meta charset=utf-8><title>fentanyl-kg</title>
<h1>fentanyl-kg</h1>
<p>The analyst workbench is not built. Build it with <code>bash .ci/install</code>
(or <code>cd ui &amp;&amp; npm ci &amp;&amp; npm run build</code>) and start <code>fkg serve</code> again,
or point <code>fkg serve --ui DIR</code> at a build.</p>
<p>The HTTP API works without it: <a href=/sparql>/sparql</a> (SPARQL 1.1 protocol),
<a href=/api/queries>/api/queries</a>, <code>/api/entities?q=</code>, <code>/api/entity/{id}</code>,
<code>/api/paths?from=&amp;to=</code>, <a href=/api/documents>/api/documents</a>, <a href=/health>/health</a>.</p>
</html>";
    ([(header::CONTENT_TYPE, "text/html; charset=utf-8")], page).into_response()
}

async fn health(State(s): State<AppState>) -> Response {
    let documents = tokio::task::spawn_blocking(move || s.store.documents().map(|d| d.len()))
        .await
        .ok()
        .and_then(Result::ok);
    Json(serde_json::json!({ "status": "ok", "documents": documents })).into_response()
}

/// The parameters of a SPARQL protocol request.
#[derive(Debug, Default)]
struct Params {
    query: Option<String>,
    update: Option<String>,
    default_graphs: Vec<String>,
    named_graphs: Vec<String>,
    format: Option<String>,
}

fn parse_params(raw: &str) -> Result<Params, ApiError> {
    let pairs: Vec<(String, String)> = serde_urlencoded::from_str(raw).map_err(|e| {
        ApiError::new(
            StatusCode::BAD_REQUEST,
            format!("malformed parameters: {e}"),
        )
    })?;
    let mut p = Params::default();
    for (k, v) in pairs {
        match k.as_str() {
            "query" if p.query.is_some() => {
                return Err(ApiError::new(
                    StatusCode::BAD_REQUEST,
                    "more than one query parameter",
                ));
            }
            "query" => p.query = Some(v),
            "update" if p.update.is_some() => {
                return Err(ApiError::new(
                    StatusCode::BAD_REQUEST,
                    "more than one update parameter",
                ));
            }
            "update" => p.update = Some(v),
            "default-graph-uri" | "using-graph-uri" => p.default_graphs.push(v),
            "named-graph-uri" | "using-named-graph-uri" => p.named_graphs.push(v),
            "format" | "output" => p.format = Some(v),
            _ => {}
        }
    }
    Ok(p)
}

async fn sparql_get(
    State(s): State<AppState>,
    uri: axum::extract::OriginalUri,
    RawQuery(raw): RawQuery,
    headers: HeaderMap,
) -> Result<Response, ApiError> {
    let params = parse_params(raw.as_deref().unwrap_or(""))?;
    if params.update.is_some() {
        return Err(ApiError::new(
            StatusCode::BAD_REQUEST,
            "updates must be sent with POST",
        ));
    }
    match params.query.clone() {
        Some(q) => run_query(s, q, params, &headers).await,
        None => Ok(service_description(&headers, uri.0.path())),
    }
}

async fn sparql_post(
    State(s): State<AppState>,
    RawQuery(raw): RawQuery,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, ApiError> {
    let mut params = parse_params(raw.as_deref().unwrap_or(""))?;
    let content_type = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .split(';')
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase();
    let charset = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| {
            v.split(';').skip(1).find_map(|p| {
                p.trim()
                    .strip_prefix("charset=")
                    .map(|c| c.trim_matches('"').to_ascii_lowercase())
            })
        });
    if let Some(c) = charset {
        if c != "utf-8" && c != "utf8" {
            return Err(ApiError::new(
                StatusCode::UNSUPPORTED_MEDIA_TYPE,
                format!("charset {c} is not supported: send UTF-8"),
            ));
        }
    }
    let text = || {
        String::from_utf8(body.to_vec())
            .map_err(|_| ApiError::new(StatusCode::BAD_REQUEST, "the request body is not UTF-8"))
    };
    match content_type.as_str() {
        "application/sparql-query" => {
            if params.query.is_some() {
                return Err(ApiError::new(StatusCode::BAD_REQUEST, "query given both in the URL and in the body"));
            }
            params.query = Some(text()?);
        }
        "application/x-www-form-urlencoded" => {
            let form = parse_params(&text()?)?;
            if form.query.is_some() && params.query.is_some() {
                return Err(ApiError::new(StatusCode::BAD_REQUEST, "more than one query parameter"));
            }
            params.query = params.query.or(form.query);
            params.update = form.update;
            params.default_graphs.extend(form.default_graphs);
            params.named_graphs.extend(form.named_graphs);
            params.format = params.format.or(form.format);
        }
        "application/sparql-update" => {
            params.update = Some(text()?);
        }
        "" => return Err(ApiError::new(StatusCode::UNSUPPORTED_MEDIA_TYPE, "missing Content-Type: use application/sparql-query or application/x-www-form-urlencoded")),
        other => {
            return Err(ApiError::new(
                StatusCode::UNSUPPORTED_MEDIA_TYPE,
                format!("unsupported Content-Type {other}: use application/sparql-query, application/sparql-update or application/x-www-form-urlencoded"),
            ))
        }
    }
    if let Some(u) = params.update.clone() {
        if params.query.is_some() {
            return Err(ApiError::new(
                StatusCode::BAD_REQUEST,
                "both a query and an update",
            ));
        }
        return run_update(s, u, &params, &headers).await;
    }
    match params.query.clone() {
        Some(q) => run_query(s, q, params, &headers).await,
        None => Err(ApiError::new(
            StatusCode::BAD_REQUEST,
            "no query: send a query or update",
        )),
    }
}

async fn update_post(
    State(s): State<AppState>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, ApiError> {
    let content_type = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    let text = String::from_utf8(body.to_vec())
        .map_err(|_| ApiError::new(StatusCode::BAD_REQUEST, "the request body is not UTF-8"))?;
    let update = if content_type.starts_with("application/x-www-form-urlencoded") {
        parse_params(&text)?
            .update
            .ok_or_else(|| ApiError::new(StatusCode::BAD_REQUEST, "no update parameter"))?
    } else if content_type.starts_with("application/sparql-update") {
        text
    } else {
        return Err(ApiError::new(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "use application/sparql-update or a form with update=",
        ));
    };
    run_update(s, update, &Params::default(), &headers).await
}

/// Writes need the bearer token, unless the operator opened updates.
pub(crate) fn authorise(s: &AppState, headers: &HeaderMap) -> Result<(), ApiError> {
    check_write(s, headers)?;
    // A write is coming: the path graph will be stale.
    s.paths.invalidate();
    Ok(())
}

fn check_write(s: &AppState, headers: &HeaderMap) -> Result<(), ApiError> {
    if s.config.open_update {
        return Ok(());
    }
    let Some(token) = s.config.update_token.as_deref() else {
        return Err(ApiError::new(
            StatusCode::FORBIDDEN,
            "this endpoint is read-only; start `fkg serve` with --update-token to allow updates",
        ));
    };
    // No credentials: 401 with a challenge (RFC 9110 §11.6.1); credentials
    // that are not the token: 403.
    let Some(given) = headers.get(header::AUTHORIZATION) else {
        return Err(ApiError::new(
            StatusCode::UNAUTHORIZED,
            "updates need Authorization: Bearer <token>",
        ));
    };
    let given = given.to_str().ok().and_then(|v| v.strip_prefix("Bearer "));
    if given != Some(token) {
        return Err(ApiError::new(
            StatusCode::FORBIDDEN,
            "the update token is wrong",
        ));
    }
    Ok(())
}

async fn run_update(
    s: AppState,
    update: String,
    params: &Params,
    headers: &HeaderMap,
) -> Result<Response, ApiError> {
    authorise(&s, headers)?;
    let lower = update.to_ascii_lowercase();
    if lower.contains("load ") || lower.contains("service ") {
        return Err(ApiError::new(
            StatusCode::FORBIDDEN,
            "LOAD and SERVICE to remote URLs are not allowed on this server",
        ));
    }
    let store = s.store.clone();
    let (using, using_named) = (params.default_graphs.clone(), params.named_graphs.clone());
    let base = base_iri(headers);
    // A write waits for query workers opening the store (see worker.rs).
    let _writing = s.writes.write().await;
    tokio::task::spawn_blocking(move || {
        fkg_store::catch_panic(|| store.update_dataset(&update, &using, &using_named, Some(&base)))
    })
    .await
    .map_err(|e| ApiError::new(StatusCode::INTERNAL_SERVER_ERROR, e.to_string()))??;
    Ok(StatusCode::NO_CONTENT.into_response())
}

fn service_description(headers: &HeaderMap, path: &str) -> Response {
    const SD: &str = "@prefix sd: <http://www.w3.org/ns/sparql-service-description#> .
@prefix formats: <http://www.w3.org/ns/formats/> .
<http://www.w3.org/ns/sparql-service-description#this> a sd:Service ;
  sd:endpoint <ENDPOINT> ;
  sd:supportedLanguage sd:SPARQL11Query, sd:SPARQL11Update ;
  sd:resultFormat formats:SPARQL_Results_JSON, formats:SPARQL_Results_XML, formats:SPARQL_Results_CSV, formats:SPARQL_Results_TSV,
    formats:Turtle, formats:N-Triples, formats:N-Quads, formats:RDF_XML, formats:JSON-LD ;
  sd:feature sd:UnionDefaultGraph ;
  sd:defaultDataset [ a sd:Dataset ; sd:defaultGraph [ a sd:Graph ] ] .
";
    let endpoint = base_iri(headers).replace(
        "/sparql",
        if path.ends_with("/query") {
            "/query"
        } else {
            "/sparql"
        },
    );
    let accept = headers.get(header::ACCEPT).and_then(|v| v.to_str().ok());
    let Ok(Negotiated::Rdf(format, media)) = negotiate::choose(QueryKind::Graph, accept, None)
    else {
        return ApiError::new(StatusCode::NOT_ACCEPTABLE, "the service description is RDF: ask for text/turtle, application/n-triples, application/rdf+xml or application/ld+json").into_response();
    };
    let mut out = RdfSerializer::from_format(format).for_writer(Vec::new());
    for q in oxrdfio::RdfParser::from_format(oxrdfio::RdfFormat::Turtle)
        .for_slice(SD.replace("ENDPOINT", &endpoint).as_bytes())
        .flatten()
    {
        let _ = out.serialize_quad(&q);
    }
    let body = out.finish().unwrap_or_default();
    ([(header::CONTENT_TYPE, media)], body).into_response()
}

/// The base IRI of relative IRIs in queries: the endpoint itself, as the
/// protocol allows ("which MAY be the service endpoint").
pub(crate) fn base_iri(headers: &HeaderMap) -> String {
    let host = headers
        .get(header::HOST)
        .and_then(|v| v.to_str().ok())
        .filter(|h| {
            h.chars()
                .all(|c| c.is_ascii_alphanumeric() || ".-:[]".contains(c))
        })
        .unwrap_or("localhost");
    format!("http://{host}/sparql")
}

/// Writes into the response channel; fails when the client has gone.
struct ChannelWriter {
    tx: mpsc::Sender<Result<Bytes, std::io::Error>>,
    buf: Vec<u8>,
    written: u64,
    limit: u64,
}

impl Write for ChannelWriter {
    fn write(&mut self, data: &[u8]) -> std::io::Result<usize> {
        self.written += data.len() as u64;
        if self.written > self.limit {
            return Err(std::io::Error::other(format!(
                "result is larger than the limit of {} bytes",
                self.limit
            )));
        }
        self.buf.extend_from_slice(data);
        if self.buf.len() >= 64 * 1024 {
            self.flush()?;
        }
        Ok(data.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        if !self.buf.is_empty() {
            let chunk = Bytes::from(std::mem::take(&mut self.buf));
            self.tx.blocking_send(Ok(chunk)).map_err(|_| {
                std::io::Error::new(std::io::ErrorKind::BrokenPipe, "client went away")
            })?;
        }
        Ok(())
    }
}

async fn run_query(
    s: AppState,
    query: String,
    params: Params,
    headers: &HeaderMap,
) -> Result<Response, ApiError> {
    let Ok(permit) = s.permits.clone().try_acquire_owned() else {
        return Err(ApiError::new(
            StatusCode::SERVICE_UNAVAILABLE,
            "too many queries running; try again shortly",
        ));
    };
    let accept = headers
        .get(header::ACCEPT)
        .and_then(|v| v.to_str().ok())
        .map(str::to_string);
    let base = base_iri(headers);
    if let Some(w) = s.config.worker.clone() {
        let request = worker::Request::new(query, params, base, accept, s.config.max_rows);
        return worker::run(&s, &w, request, permit).await;
    }
    let format = params.format.clone();
    let cancel = CancellationToken::new();
    let deadline = Instant::now() + s.config.timeout;
    let max_rows = s.config.max_rows;
    let max_bytes = s.config.max_result_bytes;
    let timeout = s.config.timeout;
    {
        let cancel = cancel.clone();
        tokio::spawn(async move {
            tokio::time::sleep(timeout).await;
            cancel.cancel();
        });
    }
    let (head_tx, head_rx) = oneshot::channel::<Result<&'static str, ApiError>>();
    let (tx, rx) = mpsc::channel::<Result<Bytes, std::io::Error>>(8);
    let store = s.store.clone();
    let started = Instant::now();
    tokio::task::spawn_blocking(move || {
        let _permit = permit;
        let mut head = Some(head_tx);
        let answer = |head: &mut Option<oneshot::Sender<_>>, r: Result<&'static str, ApiError>| {
            if let Some(h) = head.take() {
                let _ = h.send(r);
            }
        };
        let mut writer = ChannelWriter {
            tx: tx.clone(),
            buf: Vec::new(),
            written: 0,
            limit: max_bytes,
        };
        // A panic of the evaluator becomes a 500 before the headers, or an
        // aborted body after them; the server goes on either way.
        let caught = fkg_store::catch_panic(|| -> Result<(), StoreError> {
            let results = match store.query_dataset(
                &query,
                &params.default_graphs,
                &params.named_graphs,
                Some(&base),
                Some(cancel),
            ) {
                Ok(r) => r,
                Err(e) => {
                    answer(&mut head, Err(e.into()));
                    return Ok(());
                }
            };
            let kind = match &results {
                QueryResults::Solutions(_) => QueryKind::Solutions,
                QueryResults::Boolean(_) => QueryKind::Boolean,
                QueryResults::Graph(_) => QueryKind::Graph,
            };
            let negotiated = match negotiate::choose(kind, accept.as_deref(), format.as_deref()) {
                Ok(n) => n,
                Err(m) => {
                    answer(&mut head, Err(ApiError::new(StatusCode::NOT_ACCEPTABLE, m)));
                    return Ok(());
                }
            };
            // Evaluate the first row before answering, so that syntax-level and
            // early evaluation errors become proper status codes.
            let mut answer = |r| {
                if let Some(h) = head.take() {
                    let _ = h.send(r);
                }
            };
            match write_results(
                results,
                negotiated,
                &mut writer,
                Some(deadline),
                max_rows,
                &mut answer,
            ) {
                Ok(()) => {
                    let _ = writer.flush();
                }
                Err(e) => {
                    tracing::warn!("query aborted after {:?}: {e}", started.elapsed());
                    let _ = writer.flush();
                    let _ = tx.blocking_send(Err(std::io::Error::other(e)));
                }
            }
            Ok(())
        });
        if let Err(e) = caught {
            match head.take() {
                Some(h) => {
                    let _ = h.send(Err(e.into()));
                }
                None => {
                    let _ = writer.flush();
                    let _ = tx.blocking_send(Err(std::io::Error::other(e.to_string())));
                }
            }
        }
    });
    let content_type = match head_rx.await {
        Ok(Ok(ct)) => ct,
        Ok(Err(e)) => return Err(e),
        Err(_) => {
            return Err(ApiError::new(
                StatusCode::INTERNAL_SERVER_ERROR,
                "the query worker stopped",
            ))
        }
    };
    let stream = futures_util::stream::unfold(rx, |mut rx| async move {
        rx.recv().await.map(|item| (item, rx))
    });
    let mut response = Response::new(Body::from_stream(stream));
    response
        .headers_mut()
        .insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    response
        .headers_mut()
        .insert(header::VARY, HeaderValue::from_static("Accept"));
    Ok(response)
}

/// Evaluates the first row before the headers go out, so that an early
/// evaluation error becomes a status code instead of a cut body.
fn first_item<T, E: std::fmt::Display>(
    items: &mut impl Iterator<Item = Result<T, E>>,
    answer: &mut impl FnMut(Result<&'static str, ApiError>),
    content_type: &'static str,
) -> Result<Option<T>, String> {
    match items.next() {
        Some(Err(e)) => {
            let e = ApiError::from(StoreError::Evaluation(e.to_string()));
            let m = e.to_string();
            answer(Err(e));
            Err(m)
        }
        other => {
            answer(Ok(content_type));
            Ok(other.and_then(Result::ok))
        }
    }
}

/// Serialises results, checking the deadline and row limit between rows.
/// `answer` is called once the first row is known to evaluate, before
/// anything is written to `out`.
pub(crate) fn write_results<W: Write>(
    results: QueryResults<'static>,
    negotiated: Negotiated,
    out: &mut W,
    deadline: Option<Instant>,
    max_rows: usize,
    mut answer: impl FnMut(Result<&'static str, ApiError>),
) -> Result<(), String> {
    let check = |n: usize| -> Result<(), String> {
        if deadline.is_some_and(|d| Instant::now() > d) {
            return Err("query timed out while writing results".into());
        }
        if n > max_rows {
            return Err(format!(
                "result is larger than the limit of {max_rows} rows"
            ));
        }
        Ok(())
    };
    match (results, negotiated) {
        (QueryResults::Boolean(b), Negotiated::Results(f, ct)) => {
            answer(Ok(ct));
            QueryResultsSerializer::from_format(f)
                .serialize_boolean_to_writer(&mut *out, b)
                .map_err(|e| e.to_string())?;
        }
        (QueryResults::Solutions(mut rows), Negotiated::Results(f, ct)) => {
            let first = first_item(&mut rows, &mut answer, ct)?;
            let mut s = QueryResultsSerializer::from_format(f)
                .serialize_solutions_to_writer(&mut *out, rows.variables().to_vec())
                .map_err(|e| e.to_string())?;
            let mut n = 0;
            if let Some(r) = first {
                n += 1;
                s.serialize(&r).map_err(|e| e.to_string())?;
            }
            for row in rows {
                n += 1;
                check(n)?;
                let row = row.map_err(|e| e.to_string())?;
                s.serialize(&row).map_err(|e| e.to_string())?;
            }
            s.finish().map_err(|e| e.to_string())?;
        }
        (QueryResults::Graph(mut triples), Negotiated::Rdf(f, ct)) => {
            let first = first_item(&mut triples, &mut answer, ct)?;
            let mut w = RdfSerializer::from_format(f).for_writer(&mut *out);
            let mut n = 0;
            for t in first.into_iter().map(Ok).chain(triples) {
                n += 1;
                check(n)?;
                let t = t.map_err(|e| e.to_string())?;
                if f.supports_datasets() {
                    w.serialize_quad(&oxrdf::Quad::new(
                        t.subject,
                        t.predicate,
                        t.object,
                        oxrdf::GraphName::DefaultGraph,
                    ))
                    .map_err(|e| e.to_string())?;
                } else {
                    w.serialize_triple(&t).map_err(|e| e.to_string())?;
                }
            }
            w.finish().map_err(|e| e.to_string())?;
        }
        _ => {
            answer(Err(ApiError::new(
                StatusCode::NOT_ACCEPTABLE,
                "no format for this result",
            )));
        }
    }
    Ok(())
}

#[derive(serde::Deserialize)]
struct SearchParams {
    q: Option<String>,
    limit: Option<usize>,
}

/// Entity search by label and alias, for autocomplete.
async fn api_entities(
    State(s): State<AppState>,
    Query(p): Query<SearchParams>,
) -> Result<Response, ApiError> {
    let q = p.q.unwrap_or_default();
    if q.trim().is_empty() {
        return Err(ApiError::new(StatusCode::BAD_REQUEST, "give ?q=NAME"));
    }
    let limit = p.limit.unwrap_or(20).min(200);
    let store = s.store.clone();
    let found = tokio::task::spawn_blocking(move || fkg_store::explain::search(&store, &q, limit))
        .await
        .map_err(|e| ApiError::new(StatusCode::INTERNAL_SERVER_ERROR, e.to_string()))??;
    Ok(Json(found).into_response())
}

/// Everything about one entity (like `fkg explain`).
async fn api_entity(
    State(s): State<AppState>,
    Path(id): Path<String>,
    Query(dates): Query<DateParams>,
) -> Result<Response, ApiError> {
    let iri = if id.starts_with("http") {
        id
    } else {
        fkg_model::entity_iri(&id)
    };
    let (since, until) = dates.window()?;
    let store = s.store.clone();
    let mut report = tokio::task::spawn_blocking(move || fkg_store::explain::entity(&store, &iri))
        .await
        .map_err(|e| ApiError::new(StatusCode::INTERNAL_SERVER_ERROR, e.to_string()))??;
    let known = !(report.types.is_empty() && report.facts.is_empty());
    report.keep_within(since.as_deref(), until.as_deref());
    if !known {
        return Err(ApiError::new(
            StatusCode::NOT_FOUND,
            format!("no entity {}", report.iri),
        ));
    }
    Ok(Json(report).into_response())
}

/// The named queries, each with whether it takes dates.
async fn api_queries(State(s): State<AppState>) -> Response {
    let list: Vec<serde_json::Value> = s
        .config
        .queries
        .iter()
        .map(|q| {
            serde_json::json!({
                "name": q.name,
                "summary": q.summary,
                "query": q.query,
                "takes_dates": q.takes_dates(),
            })
        })
        .collect();
    Json(list).into_response()
}

/// `since=` and `until=`: a date window (`YYYY`, `YYYY-MM` or `YYYY-MM-DD`).
#[derive(serde::Deserialize, Default)]
struct DateParams {
    since: Option<String>,
    until: Option<String>,
}

impl DateParams {
    /// The window as days, or a 400 naming the bad date.
    fn window(&self) -> Result<(Option<String>, Option<String>), ApiError> {
        let bound = |v: &Option<String>, last: bool| -> Result<Option<String>, ApiError> {
            match v.as_deref().map(str::trim).filter(|v| !v.is_empty()) {
                None => Ok(None),
                Some(v) => fkg_model::date_bound(v, last).map(Some).ok_or_else(|| {
                    ApiError::new(
                        StatusCode::BAD_REQUEST,
                        format!("{v:?} is no date: give YYYY, YYYY-MM or YYYY-MM-DD"),
                    )
                }),
            }
        };
        Ok((bound(&self.since, false)?, bound(&self.until, true)?))
    }
}

/// Runs a named query; the answer is negotiated like /sparql (JSON by
/// default). `since=`/`until=` give the dates of a query that takes them.
async fn api_query(
    State(s): State<AppState>,
    Path(name): Path<String>,
    Query(dates): Query<DateParams>,
    headers: HeaderMap,
) -> Result<Response, ApiError> {
    let Some(q) = s
        .config
        .queries
        .iter()
        .find(|q| q.name == name)
        .map(|q| q.query.clone())
    else {
        return Err(ApiError::new(
            StatusCode::NOT_FOUND,
            format!("no named query {name:?}; GET /api/queries lists them"),
        ));
    };
    let (since, until) = dates.window()?;
    let q = bind_dates(&q, since.as_deref(), until.as_deref())
        .map_err(|e| ApiError::new(StatusCode::BAD_REQUEST, e))?;
    run_query(s, q, Params::default(), &headers).await
}

/// Connection-level limits of [`serve`].
#[derive(Debug, Clone, Copy)]
pub struct ConnectionLimits {
    /// Time a client has to send a request's headers: the first request
    /// of a connection and each next one on a kept-alive connection, so an
    /// idle connection is closed after it as well.
    pub header_read_timeout: Duration,
    /// Connections open at once; one more is answered 503 and closed.
    pub max_connections: usize,
}

impl Default for ConnectionLimits {
    fn default() -> Self {
        Self {
            header_read_timeout: Duration::from_secs(20),
            max_connections: 512,
        }
    }
}

/// Serves `router` on `listener` until Ctrl-C (or SIGTERM), letting running
/// requests finish.
///
/// Rationale: the accept loop is ours, not `axum::serve`'s, for three
/// things that one does not offer: a header-read timeout (hyper's, which
/// also closes idle kept-alive connections), a cap on open connections,
/// and `TCP_NODELAY` on every accepted socket. Without the last, a small
/// answer written in two pieces (headers, then body) waits for the
/// client's delayed ACK: about 40 ms per request on Linux.
pub async fn serve(
    listener: tokio::net::TcpListener,
    router: Router,
    limits: ConnectionLimits,
) -> std::io::Result<()> {
    let slots = Arc::new(Semaphore::new(limits.max_connections.max(1)));
    let graceful = hyper_util::server::graceful::GracefulShutdown::new();
    let mut builder = hyper::server::conn::http1::Builder::new();
    builder
        .timer(hyper_util::rt::TokioTimer::new())
        .header_read_timeout(limits.header_read_timeout);
    let shutdown = shutdown_signal();
    tokio::pin!(shutdown);
    loop {
        let (stream, peer) = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok(a) => a,
                Err(e) => {
                    // Out of file descriptors and the like: wait, then go on.
                    tracing::warn!("cannot accept a connection: {e}");
                    tokio::time::sleep(Duration::from_millis(100)).await;
                    continue;
                }
            },
            () = &mut shutdown => break,
        };
        if let Err(e) = stream.set_nodelay(true) {
            tracing::debug!(%peer, "cannot set TCP_NODELAY: {e}");
        }
        let Ok(slot) = slots.clone().try_acquire_owned() else {
            tracing::warn!(%peer, "{} connections open: refused", limits.max_connections);
            tokio::spawn(refuse(stream));
            continue;
        };
        let service = hyper_util::service::TowerToHyperService::new(router.clone());
        let conn =
            graceful.watch(builder.serve_connection(hyper_util::rt::TokioIo::new(stream), service));
        tokio::spawn(async move {
            if let Err(e) = conn.await {
                tracing::debug!(%peer, "connection closed: {e}");
            }
            drop(slot);
        });
    }
    drop(listener);
    graceful.shutdown().await;
    Ok(())
}

/// Answers a connection over the cap with 503 and closes it. The request
/// is read first (for at most a second), so that the client sees the
/// answer rather than a reset.
async fn refuse(mut stream: tokio::net::TcpStream) {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let second = Duration::from_secs(1);
    let mut head = Vec::new();
    let mut buf = [0u8; 4096];
    let _ = tokio::time::timeout(second, async {
        while !head.windows(4).any(|w| w == b"\r\n\r\n") && head.len() < 64 * 1024 {
            match stream.read(&mut buf).await {
                Ok(0) | Err(_) => break,
                Ok(n) => head.extend_from_slice(&buf[..n]),
            }
        }
    })
    .await;
    let body = "too many connections; try again shortly\n";
    let answer = format!(
        "HTTP/1.1 503 Service Unavailable\r\ncontent-type: text/plain; charset=utf-8\r\ncontent-length: {}\r\nretry-after: 1\r\nconnection: close\r\n\r\n{body}",
        body.len()
    );
    let _ = tokio::time::timeout(second, async {
        stream.write_all(answer.as_bytes()).await?;
        stream.shutdown().await
    })
    .await;
}

/// Resolves on Ctrl-C or SIGTERM.
async fn shutdown_signal() {
    let ctrl_c = tokio::signal::ctrl_c();
    #[cfg(unix)]
    {
        let mut term = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())
            .expect("SIGTERM handler");
        tokio::select! {
            _ = ctrl_c => {}
            _ = term.recv() => {}
        }
    }
    #[cfg(not(unix))]
    {
        let _ = ctrl_c.await;
    }
}

#[derive(serde::Deserialize)]
struct PathParams {
    from: Option<String>,
    to: Option<String>,
    k: Option<usize>,
    max_hops: Option<usize>,
    via: Option<String>,
    avoid: Option<String>,
    predicates: Option<String>,
    undirected: Option<bool>,
    min_sources: Option<usize>,
    /// Entities (names or IRIs) whose relations are drawn as well.
    expand: Option<String>,
    /// `json` (default) or `gexf`: the same drawing as a Gephi file.
    format: Option<String>,
    /// Only relations with a statement that holds within these dates.
    since: Option<String>,
    until: Option<String>,
}

impl From<fkg_paths::PathError> for ApiError {
    fn from(e: fkg_paths::PathError) -> Self {
        use fkg_paths::PathError as E;
        match e {
            E::UnknownProperty(..) => Self::new(StatusCode::BAD_REQUEST, e.to_string()),
            E::NoEntity(_) | E::NotInGraph { .. } => {
                Self::new(StatusCode::NOT_FOUND, e.to_string())
            }
            E::Ambiguous { .. } => Self::new(StatusCode::CONFLICT, e.to_string()),
            E::Store(e) => e.into(),
        }
    }
}

/// Supply-chain paths, like `fkg paths --format json`, with the drawing
/// (`nodes`, `edges`); `format=gexf` gives the drawing as a Gephi file.
async fn api_paths(
    State(s): State<AppState>,
    Query(p): Query<PathParams>,
) -> Result<Response, ApiError> {
    let (Some(from), Some(to)) = (p.from.clone(), p.to.clone()) else {
        return Err(ApiError::new(
            StatusCode::BAD_REQUEST,
            "give from= and to= (entity names or IRIs)",
        ));
    };
    let gexf = match p.format.as_deref() {
        None | Some("json") => false,
        Some("gexf") => true,
        Some(other) => {
            return Err(ApiError::new(
                StatusCode::BAD_REQUEST,
                format!("unknown format {other:?}; give json or gexf"),
            ))
        }
    };
    let split = |v: &Option<String>| -> Vec<String> {
        v.as_deref()
            .map(|x| {
                x.split(',')
                    .map(|s| s.trim().to_string())
                    .filter(|s| !s.is_empty())
                    .collect()
            })
            .unwrap_or_default()
    };
    let (since, until) = DateParams {
        since: p.since.clone(),
        until: p.until.clone(),
    }
    .window()?;
    let request = fkg_paths::PathRequest {
        from,
        to,
        since,
        until,
        k: p.k.unwrap_or(5).clamp(1, 50),
        max_hops: p.max_hops.unwrap_or(4).clamp(1, 8),
        via: split(&p.via),
        avoid: split(&p.avoid),
        predicates: split(&p.predicates),
        undirected: p.undirected.unwrap_or(false),
        min_sources: p.min_sources.unwrap_or(1),
        expand: split(&p.expand),
    };
    tokio::task::spawn_blocking(move || {
        let answer = s.paths.paths(&request)?;
        if gexf {
            let mut body = Vec::new();
            fkg_export::gexf(&answer.edges, &mut body)
                .map_err(|e| ApiError::new(StatusCode::INTERNAL_SERVER_ERROR, e.to_string()))?;
            return Ok(Response::builder()
                .header(header::CONTENT_TYPE, "application/gexf+xml; charset=utf-8")
                .header(
                    header::CONTENT_DISPOSITION,
                    "attachment; filename=\"fkg-paths.gexf\"",
                )
                .body(Body::from(body))
                .expect("static headers"));
        }
        Ok::<_, ApiError>(Json(answer.to_json()).into_response())
    })
    .await
    .map_err(|e| ApiError::new(StatusCode::INTERNAL_SERVER_ERROR, e.to_string()))?
}

/// The stored documents with their statement counts.
async fn api_documents(State(s): State<AppState>) -> Result<Response, ApiError> {
    let docs = tokio::task::spawn_blocking(move || s.store.documents())
        .await
        .map_err(|e| ApiError::new(StatusCode::INTERNAL_SERVER_ERROR, e.to_string()))??;
    Ok(Json(docs).into_response())
}

/// One document: its text and every statement drawn from it, with offsets.
async fn api_document(
    State(s): State<AppState>,
    Path(id): Path<String>,
) -> Result<Response, ApiError> {
    let store = s.store.clone();
    let wanted = id.clone();
    let report = tokio::task::spawn_blocking(move || fkg_store::explain::document(&store, &wanted))
        .await
        .map_err(|e| ApiError::new(StatusCode::INTERNAL_SERVER_ERROR, e.to_string()))??;
    match report {
        Some(r) => Ok(Json(r).into_response()),
        None => Err(ApiError::new(
            StatusCode::NOT_FOUND,
            format!("no document {id:?}; GET /api/documents lists them"),
        )),
    }
}
