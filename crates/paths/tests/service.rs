//! The path service on a store on disk: names and aliases resolve, unknown
//! names and properties are errors, hops carry the evidence of their
//! documents, and a write is seen after `invalidate`.

use fkg_paths::{PathError, PathRequest, PathService};
use fkg_store::{document_quads, DocumentRecord, Store};

fn ingest(store: &Store, id: &str, text: &str) {
    let x = fkg_extract::Extractor::new().unwrap().extract(text);
    let r = DocumentRecord {
        id: id.into(),
        title: None,
        source_file: format!("{id}.txt"),
        sha256: format!(
            "{:x}",
            text.len() * 131 + text.bytes().map(usize::from).sum::<usize>()
        ),
        length: text.chars().count(),
        ingested_at: "2026-01-01T00:00:00Z".into(),
        text: Some(text.into()),
        person_names: Vec::new(),
        ..DocumentRecord::default()
    };
    store.ingest(&r, &document_quads(&r, &x)).unwrap();
}

fn request(from: &str, to: &str) -> PathRequest {
    PathRequest {
        from: from.into(),
        to: to.into(),
        ..PathRequest::default()
    }
}

#[test]
fn paths_with_evidence_names_and_errors() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path().join("store")).unwrap();
    ingest(
        &store,
        "one",
        "The Gulf Cartel smuggles fentanyl into Texas.",
    );
    ingest(
        &store,
        "two",
        "Officials said the Cartel del Golfo smuggled heroin into Texas.",
    );
    let service = PathService::new(store.clone());
    // An alias names the entity; both documents back the hop.
    let answer = service
        .paths(&request("Cartel del Golfo", "Texas"))
        .unwrap();
    assert_eq!(answer.from, "Gulf Cartel");
    let hop = &answer.paths[0].hops[0];
    assert_eq!((hop.property.as_str(), hop.documents), ("trafficsTo", 2));
    let mut docs: Vec<&str> = hop.support.iter().map(|s| s.document.as_str()).collect();
    docs.dedup();
    assert_eq!(docs, ["one", "two"]);
    assert!(hop.support.iter().all(|s| s.evidence.contains("Texas")));
    assert_eq!(answer.edges.len(), 1);
    assert_eq!(answer.edges[0].support, hop.support);
    // Errors name what is wrong.
    assert!(matches!(
        service.paths(&request("Atlantis", "Texas")),
        Err(PathError::NoEntity(n)) if n == "Atlantis"
    ));
    let bad = PathRequest {
        predicates: vec!["smuggles".into()],
        ..request("Gulf Cartel", "Texas")
    };
    assert!(matches!(
        service.paths(&bad),
        Err(PathError::UnknownProperty(..))
    ));
    // Only the properties asked for are followed.
    let leads = PathRequest {
        predicates: vec!["leads".into()],
        ..request("Gulf Cartel", "Texas")
    };
    assert!(service.paths(&leads).unwrap().paths.is_empty());
    // A removed document is gone once the service forgets its graph.
    store.remove("two").unwrap();
    service.invalidate();
    let answer = service.paths(&request("Gulf Cartel", "Texas")).unwrap();
    assert_eq!(answer.paths[0].hops[0].documents, 1);
    assert_eq!(answer.paths[0].hops[0].support.len(), 1);
}
