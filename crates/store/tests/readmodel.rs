//! The read model on a store on disk: after every add, replace and remove
//! (one document at a time or through the bulk loader) it equals the read
//! model rebuilt from scratch from the documents' graphs, and it holds each
//! relation and name once with the right counts.

use fkg_model::vocab;
use fkg_store::{document_quads, DocumentRecord, IngestOutcome, Store};
use oxigraph::model::Term;
use oxigraph::sparql::QueryResults;

fn record(id: &str, text: &str) -> DocumentRecord {
    DocumentRecord {
        id: id.into(),
        title: None,
        source_file: format!("{id}.txt"),
        sha256: format!(
            "{:x}",
            text.len() * 31 + text.bytes().map(usize::from).sum::<usize>()
        ),
        length: text.chars().count(),
        ingested_at: "2026-01-01T00:00:00Z".into(),
        text: Some(text.into()),
        person_names: Vec::new(),
        ..DocumentRecord::default()
    }
}

fn quads(id: &str, text: &str) -> Vec<oxigraph::model::Quad> {
    let x = fkg_extract::Extractor::new().unwrap().extract(text);
    document_quads(&record(id, text), &x)
}

fn ingest(store: &Store, id: &str, text: &str) -> IngestOutcome {
    store.ingest(&record(id, text), &quads(id, text)).unwrap()
}

/// The read model as sorted N-Triples lines.
fn read_model(store: &Store) -> Vec<String> {
    let mut v: Vec<String> = store
        .graph_triples(Some(vocab::CONSOLIDATED_GRAPH))
        .unwrap()
        .into_iter()
        .map(|t| t.to_string())
        .collect();
    v.sort();
    v
}

/// Checks the incremental read model against one rebuilt from scratch.
fn check_against_rebuild(store: &Store, step: &str) -> Vec<String> {
    let incremental = read_model(store);
    store.rebuild_read_model().unwrap();
    let rebuilt = read_model(store);
    if incremental != rebuilt {
        let only_inc: Vec<_> = incremental
            .iter()
            .filter(|l| !rebuilt.contains(l))
            .collect();
        let only_reb: Vec<_> = rebuilt
            .iter()
            .filter(|l| !incremental.contains(l))
            .collect();
        panic!("after {step}: incremental read model differs from the rebuilt one\nonly incremental: {only_inc:#?}\nonly rebuilt: {only_reb:#?}");
    }
    incremental
}

fn rows(store: &Store, q: &str) -> Vec<Vec<String>> {
    let QueryResults::Solutions(solutions) = store.query(q).unwrap() else {
        panic!("not a SELECT")
    };
    solutions
        .map(|s| {
            let s = s.unwrap();
            s.iter()
                .map(|(_, t)| match t {
                    Term::Literal(l) => l.value().to_string(),
                    t => t.to_string(),
                })
                .collect()
        })
        .collect()
}

const EDGE: &str = "PREFIX fkg: <https://w3id.org/fentanyl-kg/ontology#>
    SELECT ?statements ?documents WHERE { GRAPH <https://w3id.org/fentanyl-kg/graph/consolidated> {
      ?e fkg:subject <https://w3id.org/fentanyl-kg/id/Gulf_Cartel> ;
         fkg:predicate fkg:trafficsTo ; fkg:object <https://w3id.org/fentanyl-kg/id/Texas> ;
         fkg:statements ?statements ; fkg:documents ?documents } }";

const A: &str =
    "The Gulf Cartel smuggles fentanyl into Texas. Mexico's navy seized a lab in Sinaloa.";
const A2: &str = "The Gulf Cartel smuggles heroin into Arizona.";
const B: &str = "Investigators said the Cartel del Golfo smuggled fentanyl into Texas last year.";
const C: &str = "Colombia supplies cocaine to Spain. The Gulf Cartel smuggles fentanyl into Texas.";
const E: &str = "“The Sinaloa Cartel now operates across 19 of the 32 Mexican states,” Administrator Jane Roe said. The Sinaloa Cartel allegedly smuggles heroin into Canada.";
const F: &str = "The Sinaloa Cartel now operates across 23 of the 32 Mexican states.";

#[test]
fn read_model_follows_every_write_and_equals_a_rebuild() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("store");
    {
        let store = Store::open(&path).unwrap();
        assert_eq!(ingest(&store, "a", A), IngestOutcome::Added);
        check_against_rebuild(&store, "adding a");
        assert_eq!(ingest(&store, "b", B), IngestOutcome::Added);
        check_against_rebuild(&store, "adding b");
        assert_eq!(rows(&store, EDGE), [["2", "2"]], "one edge, two documents");
    }
    // Reopened from disk; two more documents through the bulk loader.
    let store = Store::open(&path).unwrap();
    store
        .bulk_ingest([
            ("c".to_string(), quads("c", C)),
            ("d".to_string(), quads("d", A2)),
        ])
        .unwrap();
    check_against_rebuild(&store, "bulk-loading c and d");
    assert_eq!(rows(&store, EDGE), [["3", "3"]]);
    // Statement-level nodes: quoted, hedged and figured statements, and a
    // figure two documents state differently.
    assert_eq!(ingest(&store, "e", E), IngestOutcome::Added);
    check_against_rebuild(&store, "adding e");
    let conflicting = include_str!("../../../queries/conflicting-figures.rq");
    assert!(
        rows(&store, conflicting).is_empty(),
        "one figure, no conflict"
    );
    store
        .bulk_ingest([("f".to_string(), quads("f", F))])
        .unwrap();
    check_against_rebuild(&store, "bulk-loading f");
    let figures: Vec<(String, String)> = rows(&store, conflicting)
        .into_iter()
        .map(|r| (r[3].clone(), r[5].clone()))
        .collect();
    assert_eq!(
        figures,
        [
            (
                "19".to_string(),
                "<https://w3id.org/fentanyl-kg/doc/e>".to_string()
            ),
            (
                "23".to_string(),
                "<https://w3id.org/fentanyl-kg/doc/f>".to_string()
            )
        ]
    );
    let claims = rows(
        &store,
        include_str!("../../../queries/claims-by-speaker.rq"),
    );
    assert_eq!(claims.len(), 1, "{claims:?}");
    let unasserted = rows(
        &store,
        include_str!("../../../queries/denied-and-hedged.rq"),
    );
    assert!(!unasserted.is_empty());
    assert!(
        unasserted.iter().all(|r| r[3] == "hedged"),
        "{unasserted:?}"
    );
    assert!(store.remove("f").unwrap());
    check_against_rebuild(&store, "removing f");
    assert!(rows(&store, conflicting).is_empty());
    assert!(store.remove("e").unwrap());
    check_against_rebuild(&store, "removing e");
    assert!(rows(
        &store,
        include_str!("../../../queries/claims-by-speaker.rq")
    )
    .is_empty());
    // Each name once, however many documents give it.
    let labels = rows(
        &store,
        "SELECT ?l WHERE { GRAPH <https://w3id.org/fentanyl-kg/graph/consolidated> { <https://w3id.org/fentanyl-kg/id/Gulf_Cartel> <http://www.w3.org/2000/01/rdf-schema#label> ?l } }",
    );
    assert_eq!(labels, [["Gulf Cartel"]]);
    let alias = "ASK { GRAPH <https://w3id.org/fentanyl-kg/graph/consolidated> { <https://w3id.org/fentanyl-kg/id/Gulf_Cartel> <http://www.w3.org/2004/02/skos/core#altLabel> \"Cartel del Golfo\" } }";
    assert!(matches!(
        store.query(alias).unwrap(),
        QueryResults::Boolean(true)
    ));
    let mentions = rows(
        &store,
        "SELECT ?n WHERE { GRAPH <https://w3id.org/fentanyl-kg/graph/consolidated> { <https://w3id.org/fentanyl-kg/id/Gulf_Cartel> <https://w3id.org/fentanyl-kg/ontology#documents> ?n } }",
    );
    assert_eq!(mentions, [["4"]]);
    // Replacing a document takes its old relations away and adds the new.
    assert_eq!(ingest(&store, "a", A2), IngestOutcome::Replaced);
    check_against_rebuild(&store, "replacing a");
    assert_eq!(rows(&store, EDGE), [["2", "2"]]);
    // Removing the documents one by one; the last removal of a relation
    // removes it, the last mention of an entity removes its names.
    assert!(store.remove("b").unwrap());
    check_against_rebuild(&store, "removing b");
    assert_eq!(rows(&store, EDGE), [["1", "1"]]);
    // The only document that called it so is gone, and so is the name.
    assert!(matches!(
        store.query(alias).unwrap(),
        QueryResults::Boolean(false)
    ));
    assert!(store.remove("c").unwrap());
    check_against_rebuild(&store, "removing c");
    assert!(rows(&store, EDGE).is_empty());
    let texas = "ASK { GRAPH <https://w3id.org/fentanyl-kg/graph/consolidated> { <https://w3id.org/fentanyl-kg/id/Texas> ?p ?o } }";
    assert!(matches!(
        store.query(texas).unwrap(),
        QueryResults::Boolean(false)
    ));
    assert!(store.remove("a").unwrap());
    assert!(store.remove("d").unwrap());
    // Nothing left but the layout's version.
    assert_eq!(
        check_against_rebuild(&store, "removing everything"),
        [format!(
            "<{g}> <{v}> \"4\"^^<http://www.w3.org/2001/XMLSchema#integer>",
            g = vocab::CONSOLIDATED_GRAPH,
            v = vocab::FKG_READ_MODEL_VERSION
        )]
    );
}

#[test]
fn an_interrupted_write_is_repaired_when_the_store_opens() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("store");
    let good = {
        let store = Store::open(&path).unwrap();
        ingest(&store, "a", A);
        ingest(&store, "c", C);
        let good = read_model(&store);
        // What a crash between the bulk load and the read model's update
        // leaves: the marker, and a read model that lags behind.
        store
            .update(&format!(
                "INSERT DATA {{ GRAPH <{g}> {{ <{g}> <{m}> true }} }} ;
                 DELETE WHERE {{ GRAPH <{g}> {{ <https://w3id.org/fentanyl-kg/id/Texas> ?p ?o }} }}",
                g = vocab::CONSOLIDATED_GRAPH,
                m = vocab::FKG_READ_MODEL_STALE
            ))
            .unwrap();
        assert_ne!(read_model(&store), good);
        good
    };
    let store = Store::open(&path).unwrap();
    assert_eq!(read_model(&store), good);
}

#[test]
fn a_read_model_of_an_older_layout_is_rebuilt_on_open() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("store");
    let good = {
        let store = Store::open(&path).unwrap();
        ingest(&store, "e", E);
        ingest(&store, "f", F);
        let good = read_model(&store);
        // What a store built before the statement-level nodes holds: no
        // layout version, no quoted claims.
        store
            .update(&format!(
                "DELETE WHERE {{ GRAPH <{g}> {{ <{g}> <{v}> ?n }} }} ;
                 DELETE WHERE {{ GRAPH <{g}> {{ ?c a <{q}> ; ?p ?o }} }}",
                g = vocab::CONSOLIDATED_GRAPH,
                v = vocab::FKG_READ_MODEL_VERSION,
                q = vocab::FKG_QUOTED_CLAIM
            ))
            .unwrap();
        assert_ne!(read_model(&store), good);
        good
    };
    let store = Store::open(&path).unwrap();
    assert_eq!(read_model(&store), good);
}
