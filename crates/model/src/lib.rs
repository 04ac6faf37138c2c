//! fentanyl-kg's shared model: the vocabulary of `ontology/fkg.ttl` as IRI
//! constants, the entity classes and relation properties of the contract, and
//! the plain data types that extraction hands to the store.
//!
//! No I/O happens here; every other crate depends on this one.

mod iri;
mod types;
pub mod vocab;

pub use iri::{doc_iri, entity_iri, slug};
pub use types::{
    date_bound, documents_of, Assertion, DateSource, Diagnostic, DocumentDate, DocumentMeta,
    EdgeRecord, Entity, EntityClass, Evidence, Extraction, Polarity, Property, Quantity, Severity,
    StatementDate, Support,
};
