//! The store on disk: ingest, replacement, removal, union queries, and the
//! ontology defining every term the code uses.

use fkg_model::{vocab, EntityClass, Property};
use fkg_store::{document_quads, reference_quads, DocumentRecord, IngestOutcome, Store};
use oxigraph::sparql::QueryResults;

const ONTOLOGY: &str = include_str!("../../../ontology/fkg.ttl");

fn record(id: &str, text: &str) -> DocumentRecord {
    DocumentRecord {
        id: id.into(),
        title: Some(format!("title of {id}")),
        source_file: format!("{id}.txt"),
        sha256: format!(
            "{:x}",
            text.len() * 7919 + text.bytes().map(usize::from).sum::<usize>()
        ),
        length: text.chars().count(),
        ingested_at: "2026-01-01T00:00:00Z".into(),
        text: Some(text.into()),
        person_names: Vec::new(),
        ..DocumentRecord::default()
    }
}

fn ingest(store: &Store, id: &str, text: &str) -> IngestOutcome {
    let x = fkg_extract::Extractor::new().unwrap().extract(text);
    let r = record(id, text);
    store.ingest(&r, &document_quads(&r, &x)).unwrap()
}

fn ask(store: &Store, q: &str) -> bool {
    match store.query(q).unwrap() {
        QueryResults::Boolean(b) => b,
        _ => panic!("not an ASK"),
    }
}

fn count(store: &Store, q: &str) -> usize {
    let QueryResults::Solutions(mut rows) = store.query(q).unwrap() else {
        panic!("not a SELECT")
    };
    let row = rows.next().unwrap().unwrap();
    match row.get("n") {
        Some(oxigraph::model::Term::Literal(l)) => l.value().parse().unwrap(),
        other => panic!("no count: {other:?}"),
    }
}

const ALL: &str = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }";

#[test]
fn ingest_replace_remove_on_disk() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("store");
    {
        let store = Store::open(&path).unwrap();
        assert_eq!(
            ingest(&store, "a", "The Gulf Cartel smuggles fentanyl into Texas."),
            IngestOutcome::Added
        );
        assert_eq!(
            ingest(&store, "b", "Colombia supplies cocaine to Spain."),
            IngestOutcome::Added
        );
    }
    // Reopened from disk: everything is there, and a second ingest changes nothing.
    let store = Store::open(&path).unwrap();
    let before = count(&store, ALL);
    assert!(before > 20);
    assert_eq!(
        ingest(&store, "a", "The Gulf Cartel smuggles fentanyl into Texas."),
        IngestOutcome::Unchanged
    );
    assert_eq!(count(&store, ALL), before);
    // A document stored without its text (by an older build) is stored
    // again with it, although its hash is unchanged.
    let text = "Colombia supplies cocaine to Spain.";
    let x = fkg_extract::Extractor::new().unwrap().extract(text);
    let old = DocumentRecord {
        text: None,
        ..record("c", text)
    };
    assert_eq!(
        store.ingest(&old, &document_quads(&old, &x)).unwrap(),
        IngestOutcome::Added
    );
    assert!(!store.document_has_text("c").unwrap());
    assert_eq!(ingest(&store, "c", text), IngestOutcome::Replaced);
    assert!(store.document_has_text("c").unwrap());
    assert_eq!(ingest(&store, "c", text), IngestOutcome::Unchanged);
    assert!(store.remove("c").unwrap());
    assert_eq!(count(&store, ALL), before);
    // The default graph is the union of the documents' graphs.
    assert!(ask(&store, "ASK { <https://w3id.org/fentanyl-kg/id/Gulf_Cartel> <https://w3id.org/fentanyl-kg/ontology#trafficsTo> <https://w3id.org/fentanyl-kg/id/Texas> }"));
    // A changed document replaces its graph and only its graph.
    assert_eq!(
        ingest(
            &store,
            "a",
            "The Gulf Cartel smuggles fentanyl into Arizona."
        ),
        IngestOutcome::Replaced
    );
    assert!(!ask(
        &store,
        "ASK { ?s ?p <https://w3id.org/fentanyl-kg/id/Texas> }"
    ));
    assert!(ask(
        &store,
        "ASK { ?s ?p <https://w3id.org/fentanyl-kg/id/Arizona> }"
    ));
    assert!(ask(&store, "ASK { <https://w3id.org/fentanyl-kg/id/Colombia> ?p <https://w3id.org/fentanyl-kg/id/Spain> }"));
    let docs = store.documents().unwrap();
    assert_eq!(
        docs.iter().map(|d| d.id.as_str()).collect::<Vec<_>>(),
        ["a", "b"]
    );
    assert!(docs.iter().all(|d| d.statements >= 1));
    assert!(store.remove("a").unwrap());
    assert!(!store.remove("a").unwrap());
    assert!(!ask(
        &store,
        "ASK { GRAPH <https://w3id.org/fentanyl-kg/doc/a> { ?s ?p ?o } }"
    ));
    assert!(ask(
        &store,
        "ASK { GRAPH <https://w3id.org/fentanyl-kg/doc/b> { ?s ?p ?o } }"
    ));
}

#[test]
fn second_writer_is_refused_with_a_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    let _first = Store::open(dir.path()).unwrap();
    let err = Store::open(dir.path()).unwrap_err();
    assert!(matches!(err, fkg_store::StoreError::Locked { .. }), "{err}");
    assert!(err.to_string().contains("in use by another process"));
}

#[test]
fn malformed_queries_are_syntax_errors() {
    let store = Store::in_memory().unwrap();
    let Err(err) = store.query("SELECT ?x WHERE { ?x ") else {
        panic!("a malformed query ran")
    };
    assert!(matches!(err, fkg_store::StoreError::Syntax(_)), "{err}");
}

#[test]
fn ontology_defines_every_term_the_code_uses() {
    let store = Store::in_memory().unwrap();
    let gazetteer =
        fkg_extract::gazetteer_entities(fkg_extract::Extractor::new().unwrap().lexicon());
    store
        .load_reference(reference_quads(ONTOLOGY, &gazetteer).unwrap())
        .unwrap();
    let defined = |iri: &str| {
        ask(
            &store,
            &format!(
                "ASK {{ GRAPH <{}> {{ <{iri}> a ?t ; <http://www.w3.org/2000/01/rdf-schema#label> ?l ; <http://www.w3.org/2000/01/rdf-schema#comment> ?c }} }}",
                vocab::ONTOLOGY_GRAPH
            ),
        )
    };
    for p in Property::ALL {
        assert!(defined(&p.iri()), "{p} is not in ontology/fkg.ttl");
    }
    for c in EntityClass::ALL {
        assert!(defined(&c.iri()), "{c} is not in ontology/fkg.ttl");
    }
    for t in vocab::FKG_TERMS {
        assert!(defined(t), "{t} is not in ontology/fkg.ttl");
    }
    assert!(ask(&store, "ASK { GRAPH ?g { <https://w3id.org/fentanyl-kg/ontology#cooperatesWith> a <http://www.w3.org/2002/07/owl#SymmetricProperty> } }"));
    // The gazetteer graph names the reference entities with their aliases.
    assert!(ask(&store, &format!(
        "ASK {{ GRAPH <{}> {{ <https://w3id.org/fentanyl-kg/id/Jalisco_Cartel> <http://www.w3.org/2004/02/skos/core#altLabel> \"CJNG\" }} }}",
        vocab::GAZETTEER_GRAPH
    )));
}

#[test]
fn leftovers_of_a_killed_bulk_load_are_removed_on_open() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("store");
    {
        let store = Store::open(&path).unwrap();
        ingest(&store, "kept", "The Sinaloa Cartel operates in Culiacan.");
    }
    // What a build killed during its bulk load leaves: sorted runs named
    // by Oxigraph's loader, never handed to RocksDB.
    let leftovers: Vec<_> = (0..3)
        .map(|i| path.join(format!("bulk-{}.sst", 1_000_000_007u128 * (i + 1))))
        .collect();
    for l in &leftovers {
        std::fs::write(l, vec![0u8; 4096]).unwrap();
    }
    let before: Vec<String> = std::fs::read_dir(&path)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| !n.starts_with("bulk-"))
        .collect();
    let store = Store::open(&path).unwrap();
    for l in &leftovers {
        assert!(!l.exists(), "{} is still there", l.display());
    }
    // The database's own files are untouched and the document is there.
    for n in &before {
        if n.ends_with(".sst") {
            assert!(path.join(n).exists(), "{n} was removed");
        }
    }
    assert!(store.document_hash("kept").unwrap().is_some());
}

#[test]
fn a_dateline_date_is_the_documents_a_metadata_date_is_not_written_here() {
    let text = "KESTREL BAY, Ore., June 3, 2024 — The Sinaloa Cartel operates in Arizona.\n";
    let extractor = fkg_extract::Extractor::new().unwrap();
    let dated_doc = "ASK { GRAPH ?g { ?d <http://purl.org/dc/terms/date> \"2024-06-03\"^^<http://www.w3.org/2001/XMLSchema#date> ; <https://w3id.org/fentanyl-kg/ontology#dateSource> \"dateline\" } }";
    let dated_statement = |day: &str| {
        format!("PREFIX fkg: <https://w3id.org/fentanyl-kg/ontology#> ASK {{ GRAPH ?g {{ ?st fkg:date \"{day}\"^^<http://www.w3.org/2001/XMLSchema#date> ; fkg:periodStart ?a ; fkg:periodEnd ?b ; fkg:dateSource \"document\" }} }}")
    };
    // The dateline dates the document and its undated statements.
    let store = Store::in_memory().unwrap();
    let r = record("lined", text);
    store
        .ingest(&r, &document_quads(&r, &extractor.extract(text)))
        .unwrap();
    assert!(ask(&store, dated_doc));
    assert!(ask(&store, &dated_statement("2024-06-03")));
    // A date from metadata dates the statements; the document's
    // dcterms:date is the metadata record's to write, not the dateline's.
    let store = Store::in_memory().unwrap();
    let options = fkg_extract::ExtractOptions::new().with_document_date("2024-06-05");
    store
        .ingest(
            &r,
            &document_quads(&r, &extractor.extract_with(text, &options)),
        )
        .unwrap();
    assert!(!ask(&store, dated_doc));
    assert!(ask(&store, &dated_statement("2024-06-05")));
}
