//! The SPARQL 1.1 Graph Store HTTP Protocol at `/store`: indirect
//! (`?graph=IRI`, `?default`) and direct (`/store/any/path`, the request URL
//! is the graph IRI) identification; GET, HEAD, PUT, POST (also
//! multipart/form-data) and DELETE. Writes need the same authorisation as
//! SPARQL updates.

use crate::negotiate::{self, Negotiated, QueryKind};
use crate::{authorise, base_iri, ApiError, AppState};
use axum::body::Bytes;
use axum::extract::{OriginalUri, State};
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode};
use axum::response::{IntoResponse, Response};
use oxrdf::Triple;
use oxrdfio::{RdfFormat, RdfParser, RdfSerializer};

/// Which graph a request addresses: None is the default graph.
fn target(uri: &axum::http::Uri, headers: &HeaderMap) -> Result<Option<Option<String>>, ApiError> {
    let query = uri.query().unwrap_or("");
    let pairs: Vec<(String, String)> = serde_urlencoded::from_str(query).map_err(|e| {
        ApiError::new(
            StatusCode::BAD_REQUEST,
            format!("malformed parameters: {e}"),
        )
    })?;
    let graph = pairs
        .iter()
        .find(|(k, _)| k == "graph")
        .map(|(_, v)| v.clone());
    let default = query
        .split('&')
        .any(|p| p == "default" || p.starts_with("default="));
    let path = uri.path();
    let direct = path.strip_prefix("/store/").filter(|rest| !rest.is_empty());
    match (graph, default, direct) {
        (Some(_), true, _) => Err(ApiError::new(
            StatusCode::BAD_REQUEST,
            "give either ?graph= or ?default, not both",
        )),
        (Some(g), false, _) => Ok(Some(Some(g))),
        (None, true, _) => Ok(Some(None)),
        (None, false, Some(_)) => {
            let host = base_iri(headers);
            let origin = host.trim_end_matches("/sparql");
            Ok(Some(Some(format!("{origin}{path}"))))
        }
        // POST to the store itself creates a new graph.
        (None, false, None) => Ok(None),
    }
}

fn rdf_format(content_type: &str) -> Option<RdfFormat> {
    let media = content_type
        .split(';')
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase();
    RdfFormat::from_media_type(&media)
}

fn parse(body: &[u8], format: RdfFormat, base: &str) -> Result<Vec<Triple>, ApiError> {
    let parser = RdfParser::from_format(format)
        .with_base_iri(base)
        .map_err(|e| ApiError::new(StatusCode::BAD_REQUEST, format!("bad base IRI: {e}")))?;
    parser
        .for_slice(body)
        .map(|q| {
            q.map(|q| Triple::new(q.subject, q.predicate, q.object))
                .map_err(|e| {
                    ApiError::new(
                        StatusCode::BAD_REQUEST,
                        format!("cannot parse the RDF body: {e}"),
                    )
                })
        })
        .collect()
}

/// The RDF parts of a multipart/form-data body.
fn multipart(body: &[u8], content_type: &str, base: &str) -> Result<Vec<Triple>, ApiError> {
    let boundary = content_type
        .split(';')
        .find_map(|p| p.trim().strip_prefix("boundary="))
        .map(|b| b.trim_matches('"').to_string())
        .ok_or_else(|| {
            ApiError::new(StatusCode::BAD_REQUEST, "multipart body without a boundary")
        })?;
    let text = String::from_utf8_lossy(body);
    let mut triples = Vec::new();
    for part in text.split(&format!("--{boundary}")).skip(1) {
        if part.starts_with("--") {
            break;
        }
        let Some((head, content)) = part
            .split_once("\r\n\r\n")
            .or_else(|| part.split_once("\n\n"))
        else {
            continue;
        };
        let part_type = head.lines().find_map(|l| {
            l.split_once(':')
                .filter(|(k, _)| k.trim().eq_ignore_ascii_case("content-type"))
                .map(|(_, v)| v.trim().to_string())
        });
        let format = part_type
            .as_deref()
            .and_then(rdf_format)
            .or_else(|| {
                head.split("filename=")
                    .nth(1)
                    .and_then(|f| f.trim_matches(['"', '\r', '\n', ' ']).rsplit('.').next())
                    .and_then(RdfFormat::from_extension)
            })
            .unwrap_or(RdfFormat::Turtle);
        let content = content.strip_suffix("\r\n").unwrap_or(content);
        triples.extend(parse(content.as_bytes(), format, base)?);
    }
    Ok(triples)
}

pub(crate) async fn handle(
    State(s): State<AppState>,
    method: Method,
    OriginalUri(uri): OriginalUri,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, ApiError> {
    let target = target(&uri, &headers)?;
    let store = s.store.clone();
    // A write waits for query workers opening the store (see worker.rs).
    let _writing = match method {
        Method::PUT | Method::POST | Method::DELETE => Some(s.writes.write().await),
        _ => None,
    };
    let blocking = |f: Box<dyn FnOnce() -> Result<Response, ApiError> + Send>| async move {
        tokio::task::spawn_blocking(f)
            .await
            .map_err(|e| ApiError::new(StatusCode::INTERNAL_SERVER_ERROR, e.to_string()))?
    };
    match method {
        Method::GET | Method::HEAD => {
            let Some(graph) = target else {
                return Err(ApiError::new(
                    StatusCode::BAD_REQUEST,
                    "give ?graph=IRI or ?default",
                ));
            };
            let accept = headers
                .get(header::ACCEPT)
                .and_then(|v| v.to_str().ok())
                .map(str::to_string);
            let head = method == Method::HEAD;
            blocking(Box::new(move || {
                if !store.graph_exists(graph.as_deref())? {
                    return Err(ApiError::new(StatusCode::NOT_FOUND, "no such graph"));
                }
                let Ok(Negotiated::Rdf(format, media)) =
                    negotiate::choose(QueryKind::Graph, accept.as_deref(), None)
                else {
                    return Err(ApiError::new(
                        StatusCode::NOT_ACCEPTABLE,
                        "ask for an RDF format",
                    ));
                };
                let content_type = if media.starts_with("text/") {
                    format!("{media}; charset=utf-8")
                } else {
                    media.to_string()
                };
                let body = if head {
                    Vec::new()
                } else {
                    let mut w = RdfSerializer::from_format(format).for_writer(Vec::new());
                    for t in store.graph_triples(graph.as_deref())? {
                        w.serialize_triple(&t).map_err(|e| {
                            ApiError::new(StatusCode::INTERNAL_SERVER_ERROR, e.to_string())
                        })?;
                    }
                    w.finish().map_err(|e| {
                        ApiError::new(StatusCode::INTERNAL_SERVER_ERROR, e.to_string())
                    })?
                };
                let mut r = (StatusCode::OK, body).into_response();
                r.headers_mut().insert(
                    header::CONTENT_TYPE,
                    HeaderValue::from_str(&content_type).expect("media type"),
                );
                Ok(r)
            }))
            .await
        }
        Method::PUT | Method::POST | Method::DELETE => {
            authorise(&s, &headers)?;
            let content_type = headers
                .get(header::CONTENT_TYPE)
                .and_then(|v| v.to_str().ok())
                .unwrap_or("")
                .to_string();
            let (graph, created_location) = match target {
                Some(g) => (g, None),
                None if method == Method::POST => {
                    let origin = base_iri(&headers).trim_end_matches("/sparql").to_string();
                    let iri = format!(
                        "{origin}/store/graph-{}",
                        std::time::SystemTime::now()
                            .duration_since(std::time::UNIX_EPOCH)
                            .map(|d| d.as_nanos())
                            .unwrap_or(0)
                    );
                    (Some(iri.clone()), Some(iri))
                }
                None => {
                    return Err(ApiError::new(
                        StatusCode::BAD_REQUEST,
                        "give ?graph=IRI or ?default",
                    ))
                }
            };
            let base = graph.clone().unwrap_or_else(|| base_iri(&headers));
            let triples = if method == Method::DELETE {
                Vec::new()
            } else if content_type.starts_with("multipart/form-data") {
                multipart(&body, &content_type, &base)?
            } else {
                let format = rdf_format(&content_type).ok_or_else(|| {
                    ApiError::new(StatusCode::UNSUPPORTED_MEDIA_TYPE, format!("unsupported Content-Type {content_type:?}: send an RDF format such as text/turtle"))
                })?;
                parse(&body, format, &base)?
            };
            blocking(Box::new(move || {
                if method == Method::DELETE {
                    return if store.drop_graph(graph.as_deref())? {
                        Ok(StatusCode::NO_CONTENT.into_response())
                    } else {
                        Err(ApiError::new(StatusCode::NOT_FOUND, "no such graph"))
                    };
                }
                let created =
                    store.write_graph(graph.as_deref(), triples, method == Method::PUT)?;
                let mut r = if created {
                    StatusCode::CREATED
                } else {
                    StatusCode::NO_CONTENT
                }
                .into_response();
                if let Some(loc) = created_location {
                    r.headers_mut().insert(
                        header::LOCATION,
                        HeaderValue::from_str(&loc).expect("location"),
                    );
                }
                Ok(r)
            }))
            .await
        }
        _ => Err(ApiError::new(
            StatusCode::METHOD_NOT_ALLOWED,
            "use GET, HEAD, PUT, POST or DELETE",
        )),
    }
}
