//! `POST /api/documents`: documents added to the store of a running server.
//!
//! The server knows HTTP, not extraction: the binary hands it an [`Ingest`]
//! (its own build, run on the posted texts) and the server authenticates,
//! checks the request, runs one ingest at a time on a blocking thread and
//! answers with the ingest's summary as JSON.
//!
//! Rationale: RocksDB lets one process write a store, so while `fkg serve`
//! holds it documents must reach the store through the server. Extraction
//! is the long part of a build and needs no lock; the ingest takes the
//! server's write lock ([`WriteGate`]) only while it writes, so query
//! workers, which open the store under the same lock, wait for a batch's
//! commit at most, never for its extraction, and the server keeps
//! answering while documents are added.

use crate::{ApiError, AppState};
use axum::body::Bytes;
use axum::extract::{RawQuery, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use fkg_store::Store;
use std::sync::Arc;

/// One document posted to `/api/documents`: its name (a file name or path,
/// whose extension says whether it is HTML or Markdown and whose stem is
/// its id) and its text as the file holds it; or, with `meta`, its text as
/// read already (`fkg build` through a server sends a PDF's or a DOCX's
/// text so, with the metadata of the file, its sidecar and its `--meta`
/// row).
#[derive(Debug, Clone, serde::Deserialize)]
pub struct PostedDocument {
    pub name: String,
    pub text: String,
    #[serde(default)]
    pub meta: Option<fkg_model::DocumentMeta>,
    /// With `meta`: the media type of the file it was read from.
    #[serde(default)]
    pub media_type: Option<String>,
}

#[derive(Debug, serde::Deserialize)]
struct PostedDocuments {
    documents: Vec<PostedDocument>,
}

/// Why an ingest did not happen.
#[derive(Debug, thiserror::Error)]
pub enum IngestError {
    /// The documents cannot be read (400, nothing stored).
    #[error("{0}")]
    Rejected(String),
    /// No such document (404).
    #[error("{0}")]
    NotFound(String),
    /// The store failed (500).
    #[error("{0}")]
    Failed(String),
}

impl From<IngestError> for ApiError {
    fn from(e: IngestError) -> Self {
        match e {
            IngestError::Rejected(m) => ApiError::new(StatusCode::BAD_REQUEST, m),
            IngestError::NotFound(m) => ApiError::new(StatusCode::NOT_FOUND, m),
            IngestError::Failed(m) => ApiError::new(StatusCode::INTERNAL_SERVER_ERROR, m),
        }
    }
}

/// Held while an ingest writes: query workers do not open the store then
/// (see `worker.rs`).
#[derive(Clone, Debug)]
pub struct WriteGate(crate::worker::Writes);

impl WriteGate {
    pub(crate) fn new(writes: crate::worker::Writes) -> Self {
        Self(writes)
    }

    /// Waits until no worker is opening the store and holds the lock until
    /// the guard is dropped (idle query workers are stale from then on).
    /// Call from a blocking thread only.
    pub fn hold(&self) -> tokio::sync::RwLockWriteGuard<'_, ()> {
        self.0.blocking_write()
    }
}

/// What adds posted documents to the store (the binary's build).
pub trait Ingest: Send + Sync + 'static {
    /// Extracts and stores `documents`, taking `gate` while it writes, and
    /// returns a summary for the client.
    fn ingest(
        &self,
        store: &Store,
        documents: Vec<PostedDocument>,
        gate: &WriteGate,
    ) -> Result<serde_json::Value, IngestError>;

    /// Removes document `id`, or only its source file `source` when it
    /// has others (identical copies), taking `gate` while it writes.
    fn remove(
        &self,
        store: &Store,
        id: &str,
        source: Option<&str>,
        gate: &WriteGate,
    ) -> Result<serde_json::Value, IngestError>;
}

/// An [`Ingest`] in a [`crate::Config`].
#[derive(Clone)]
pub struct IngestHandler(pub Arc<dyn Ingest>);

impl std::fmt::Debug for IngestHandler {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("IngestHandler")
    }
}

/// Adding documents needs the update token or the owner token (the one the
/// binary writes, readable by the store's owner only, next to the store).
fn check_ingest(s: &AppState, headers: &HeaderMap) -> Result<(), ApiError> {
    if s.config.open_update {
        return Ok(());
    }
    let tokens: Vec<&str> = [
        s.config.update_token.as_deref(),
        s.config.owner_token.as_deref(),
    ]
    .into_iter()
    .flatten()
    .collect();
    if tokens.is_empty() {
        return Err(ApiError::new(
            StatusCode::FORBIDDEN,
            "this server does not accept documents; start `fkg serve` with --update-token",
        ));
    }
    let Some(given) = headers.get(header::AUTHORIZATION) else {
        return Err(ApiError::new(
            StatusCode::UNAUTHORIZED,
            "adding documents needs Authorization: Bearer <token> (the update token, or the token in the store's fkg-serve.json)",
        ));
    };
    let given = given.to_str().ok().and_then(|v| v.strip_prefix("Bearer "));
    if !given.is_some_and(|g| tokens.iter().any(|t| constant_time_eq(t, g))) {
        return Err(ApiError::new(StatusCode::FORBIDDEN, "the token is wrong"));
    }
    Ok(())
}

fn constant_time_eq(a: &str, b: &str) -> bool {
    a.len() == b.len()
        && a.bytes()
            .zip(b.bytes())
            .fold(0u8, |acc, (x, y)| acc | (x ^ y))
            == 0
}

/// `POST /api/documents`: a JSON body `{"documents": [{"name", "text"}]}`,
/// or one document as `text/plain` or `text/html` with `?name=`.
pub(crate) async fn post_documents(
    State(s): State<AppState>,
    RawQuery(query): RawQuery,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, ApiError> {
    check_ingest(&s, &headers)?;
    let Some(ingest) = s.config.ingest.clone() else {
        return Err(ApiError::new(
            StatusCode::FORBIDDEN,
            "this server does not add documents",
        ));
    };
    let content_type = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_ascii_lowercase();
    let documents = if content_type.starts_with("application/json") {
        serde_json::from_slice::<PostedDocuments>(&body)
            .map_err(|e| {
                ApiError::new(
                    StatusCode::BAD_REQUEST,
                    format!(
                        "the body is not {{\"documents\": [{{\"name\": …, \"text\": …}}]}}: {e}"
                    ),
                )
            })?
            .documents
    } else if content_type.starts_with("text/plain") || content_type.starts_with("text/html") {
        let name =
            serde_urlencoded::from_str::<Vec<(String, String)>>(query.as_deref().unwrap_or(""))
                .ok()
                .and_then(|pairs| pairs.into_iter().find(|(k, _)| k == "name").map(|(_, v)| v))
                .ok_or_else(|| {
                    ApiError::new(
                        StatusCode::BAD_REQUEST,
                        "a text body needs ?name=FILE-NAME (its stem is the document's id)",
                    )
                })?;
        let text = String::from_utf8(body.to_vec()).map_err(|e| {
            ApiError::new(
                StatusCode::BAD_REQUEST,
                format!(
                    "the body is not UTF-8 text (invalid byte at offset {})",
                    e.utf8_error().valid_up_to()
                ),
            )
        })?;
        vec![PostedDocument {
            name,
            text,
            meta: None,
            media_type: None,
        }]
    } else {
        return Err(ApiError::new(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "send application/json ({\"documents\": [{\"name\": …, \"text\": …}]}) or text/plain with ?name=",
        ));
    };
    if documents.is_empty() {
        return Err(ApiError::new(
            StatusCode::BAD_REQUEST,
            "no documents in the request",
        ));
    }
    if let Some(d) = documents.iter().find(|d| d.name.trim().is_empty()) {
        return Err(ApiError::new(
            StatusCode::BAD_REQUEST,
            format!(
                "a document has no name (its text begins {:?})",
                d.text.chars().take(40).collect::<String>()
            ),
        ));
    }
    // One ingest at a time: a second waits for the first.
    let _one = s.ingesting.clone().lock_owned().await;
    let store = s.store.clone();
    let gate = WriteGate::new(s.writes.clone());
    let paths = s.paths.clone();
    let summary = tokio::task::spawn_blocking(move || {
        let out = ingest.0.ingest(&store, documents, &gate);
        paths.invalidate();
        out
    })
    .await
    .map_err(|e| ApiError::new(StatusCode::INTERNAL_SERVER_ERROR, e.to_string()))?;
    Ok((StatusCode::OK, Json(summary?)).into_response())
}

/// `DELETE /api/documents/{id}`: removes a document (`?source=FILE`: only
/// that source file of a document read from several).
pub(crate) async fn delete_document(
    State(s): State<AppState>,
    axum::extract::Path(id): axum::extract::Path<String>,
    RawQuery(query): RawQuery,
    headers: HeaderMap,
) -> Result<Response, ApiError> {
    check_ingest(&s, &headers)?;
    let Some(ingest) = s.config.ingest.clone() else {
        return Err(ApiError::new(
            StatusCode::FORBIDDEN,
            "this server does not remove documents",
        ));
    };
    let source =
        serde_urlencoded::from_str::<Vec<(String, String)>>(query.as_deref().unwrap_or(""))
            .ok()
            .and_then(|pairs| {
                pairs
                    .into_iter()
                    .find(|(k, _)| k == "source")
                    .map(|(_, v)| v)
            });
    let _one = s.ingesting.clone().lock_owned().await;
    let store = s.store.clone();
    let gate = WriteGate::new(s.writes.clone());
    let paths = s.paths.clone();
    let answer = tokio::task::spawn_blocking(move || {
        let out = ingest.0.remove(&store, &id, source.as_deref(), &gate);
        paths.invalidate();
        out
    })
    .await
    .map_err(|e| ApiError::new(StatusCode::INTERNAL_SERVER_ERROR, e.to_string()))?;
    Ok((StatusCode::OK, Json(answer?)).into_response())
}
