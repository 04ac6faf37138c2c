//! IRI constants of the fentanyl-kg ontology (`ontology/fkg.ttl`) and the
//! standard vocabularies it reuses.
//!
//! A test in `crates/store` checks that every `fkg:` constant here is defined
//! in the ontology file.

/// The ontology namespace (`fkg:`): classes and properties.
pub const FKG: &str = "https://w3id.org/fentanyl-kg/ontology#";
/// The entity namespace (`fkr:`): one IRI per real-world thing.
pub const FKR: &str = "https://w3id.org/fentanyl-kg/id/";
/// The document namespace (`fkd:`): one IRI, and one named graph, per document.
pub const FKD: &str = "https://w3id.org/fentanyl-kg/doc/";
/// Named graph of the ontology.
pub const ONTOLOGY_GRAPH: &str = "https://w3id.org/fentanyl-kg/graph/ontology";
/// Named graph of the reference data (gazetteer).
pub const GAZETTEER_GRAPH: &str = "https://w3id.org/fentanyl-kg/graph/gazetteer";
/// Named graph of the read model: each relation, entity label and class
/// once, with statement and document counts, derived from the documents'
/// graphs at every write (`crates/store/src/readmodel.rs`).
pub const CONSOLIDATED_GRAPH: &str = "https://w3id.org/fentanyl-kg/graph/consolidated";
/// The graph of near-identical copies: `fkd:B fkg:nearCopyOf fkd:A` and a
/// pair node with `fkg:copy`, `fkg:original` and `fkg:similarity`,
/// computed from the documents' `fkg:minhash` after every build.
pub const NEAR_COPIES_GRAPH: &str = "https://w3id.org/fentanyl-kg/graph/near-copies";
/// Base of the near-copy pair nodes (`near-copy/{copy}/{original}`).
pub const NEAR_COPY_BASE: &str = "https://w3id.org/fentanyl-kg/near-copy/";

pub const RDF_TYPE: &str = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type";
pub const RDF_STATEMENT: &str = "http://www.w3.org/1999/02/22-rdf-syntax-ns#Statement";
pub const RDF_SUBJECT: &str = "http://www.w3.org/1999/02/22-rdf-syntax-ns#subject";
pub const RDF_PREDICATE: &str = "http://www.w3.org/1999/02/22-rdf-syntax-ns#predicate";
pub const RDF_OBJECT: &str = "http://www.w3.org/1999/02/22-rdf-syntax-ns#object";
pub const RDFS_LABEL: &str = "http://www.w3.org/2000/01/rdf-schema#label";
pub const SKOS_PREF_LABEL: &str = "http://www.w3.org/2004/02/skos/core#prefLabel";
pub const SKOS_ALT_LABEL: &str = "http://www.w3.org/2004/02/skos/core#altLabel";
pub const PROV_WAS_DERIVED_FROM: &str = "http://www.w3.org/ns/prov#wasDerivedFrom";
pub const DCTERMS_TITLE: &str = "http://purl.org/dc/terms/title";
pub const DCTERMS_SOURCE: &str = "http://purl.org/dc/terms/source";
pub const DCTERMS_CREATED: &str = "http://purl.org/dc/terms/created";
pub const DCTERMS_DATE: &str = "http://purl.org/dc/terms/date";
pub const DCTERMS_PUBLISHER: &str = "http://purl.org/dc/terms/publisher";
pub const DCTERMS_CREATOR: &str = "http://purl.org/dc/terms/creator";
pub const DCTERMS_FORMAT: &str = "http://purl.org/dc/terms/format";
pub const OWL_SAME_AS: &str = "http://www.w3.org/2002/07/owl#sameAs";
pub const XSD_DECIMAL: &str = "http://www.w3.org/2001/XMLSchema#decimal";
pub const XSD_INTEGER: &str = "http://www.w3.org/2001/XMLSchema#integer";
pub const XSD_BOOLEAN: &str = "http://www.w3.org/2001/XMLSchema#boolean";
pub const XSD_DATE_TIME: &str = "http://www.w3.org/2001/XMLSchema#dateTime";
pub const XSD_DATE: &str = "http://www.w3.org/2001/XMLSchema#date";
pub const XSD_ANY_URI: &str = "http://www.w3.org/2001/XMLSchema#anyURI";

/// `fkg:Document`, the class of source documents.
pub const FKG_DOCUMENT: &str = "https://w3id.org/fentanyl-kg/ontology#Document";
/// `fkg:evidence`: the sentence a statement was read from.
pub const FKG_EVIDENCE: &str = "https://w3id.org/fentanyl-kg/ontology#evidence";
/// `fkg:charStart`: offset of the evidence in the document, in Unicode scalar values.
pub const FKG_CHAR_START: &str = "https://w3id.org/fentanyl-kg/ontology#charStart";
/// `fkg:charEnd`: end offset (exclusive) of the evidence.
pub const FKG_CHAR_END: &str = "https://w3id.org/fentanyl-kg/ontology#charEnd";
/// `fkg:statedBy`: the person whose quoted words the evidence is.
pub const FKG_STATED_BY: &str = "https://w3id.org/fentanyl-kg/ontology#statedBy";
/// `fkg:extractedBy`: the id of the rule that found the statement.
pub const FKG_EXTRACTED_BY: &str = "https://w3id.org/fentanyl-kg/ontology#extractedBy";
/// `fkg:confidence`: the rule's confidence in [0, 1].
pub const FKG_CONFIDENCE: &str = "https://w3id.org/fentanyl-kg/ontology#confidence";
/// `fkg:quantity`: a number stated with the relation.
pub const FKG_QUANTITY: &str = "https://w3id.org/fentanyl-kg/ontology#quantity";
/// `fkg:unit`: the unit of `fkg:quantity`.
pub const FKG_UNIT: &str = "https://w3id.org/fentanyl-kg/ontology#unit";
/// `fkg:outOf`: the whole of "19 of 32 states".
pub const FKG_OUT_OF: &str = "https://w3id.org/fentanyl-kg/ontology#outOf";
/// `fkg:figure`: one figure of a statement, pairing a quantity with its unit.
pub const FKG_FIGURE: &str = "https://w3id.org/fentanyl-kg/ontology#figure";
/// `fkg:polarity`: "negative" on negated statements.
pub const FKG_POLARITY: &str = "https://w3id.org/fentanyl-kg/ontology#polarity";
/// `fkg:hedged`: true on hedged statements.
pub const FKG_HEDGED: &str = "https://w3id.org/fentanyl-kg/ontology#hedged";
/// `fkg:sha256`: hash of a document's text.
pub const FKG_SHA256: &str = "https://w3id.org/fentanyl-kg/ontology#sha256";
/// `fkg:length`: length of a document in Unicode scalar values.
pub const FKG_LENGTH: &str = "https://w3id.org/fentanyl-kg/ontology#length";
/// `fkg:sourceFile`: the file a document was read from.
pub const FKG_SOURCE_FILE: &str = "https://w3id.org/fentanyl-kg/ontology#sourceFile";
/// `fkg:text`: the full text of a document as read, which offsets index.
pub const FKG_TEXT: &str = "https://w3id.org/fentanyl-kg/ontology#text";
/// `fkg:mentionedIn`: an entity is mentioned in a document.
pub const FKG_MENTIONED_IN: &str = "https://w3id.org/fentanyl-kg/ontology#mentionedIn";
/// `fkg:subject`: the subject of a relation's edge node in the read model.
pub const FKG_SUBJECT: &str = "https://w3id.org/fentanyl-kg/ontology#subject";
/// `fkg:predicate`: the property of a relation's edge node.
pub const FKG_PREDICATE: &str = "https://w3id.org/fentanyl-kg/ontology#predicate";
/// `fkg:object`: the object of a relation's edge node.
pub const FKG_OBJECT: &str = "https://w3id.org/fentanyl-kg/ontology#object";
/// `fkg:statements`: how many asserted statements back a relation.
pub const FKG_STATEMENTS: &str = "https://w3id.org/fentanyl-kg/ontology#statements";
/// `fkg:documents`: how many documents back a relation, or mention an entity.
pub const FKG_DOCUMENTS: &str = "https://w3id.org/fentanyl-kg/ontology#documents";
/// `fkg:bestConfidence`: the highest confidence of a relation's statements.
pub const FKG_BEST_CONFIDENCE: &str = "https://w3id.org/fentanyl-kg/ontology#bestConfidence";
/// `fkg:supportedBy`: a document with a statement of the relation.
pub const FKG_SUPPORTED_BY: &str = "https://w3id.org/fentanyl-kg/ontology#supportedBy";
/// `fkg:personName`: the label of a person as a document names them before
/// resolution across documents (what that resolution reads).
pub const FKG_PERSON_NAME: &str = "https://w3id.org/fentanyl-kg/ontology#personName";

/// `fkg:date`: the day a statement holds (its period is that one day).
pub const FKG_DATE: &str = "https://w3id.org/fentanyl-kg/ontology#date";
/// `fkg:periodStart`: the first day of the period a statement holds.
pub const FKG_PERIOD_START: &str = "https://w3id.org/fentanyl-kg/ontology#periodStart";
/// `fkg:periodEnd`: the last day (included) of the period a statement holds.
pub const FKG_PERIOD_END: &str = "https://w3id.org/fentanyl-kg/ontology#periodEnd";
/// `fkg:dateExpression`: the words that date a statement or a document.
pub const FKG_DATE_EXPRESSION: &str = "https://w3id.org/fentanyl-kg/ontology#dateExpression";
/// `fkg:dateSource`: where a date came from: for a statement "sentence" or
/// "document"; for a document's `dcterms:date` where its metadata was read
/// ("html-meta", "pdf-info", "docx-core", "front-matter", "sidecar",
/// "meta-csv"), else "dateline".
pub const FKG_DATE_SOURCE: &str = "https://w3id.org/fentanyl-kg/ontology#dateSource";
/// `fkg:metaHash`: hash of a document's metadata as read.
pub const FKG_META_HASH: &str = "https://w3id.org/fentanyl-kg/ontology#metaHash";
/// `fkg:pages`: the number of pages of a paged document.
pub const FKG_PAGES: &str = "https://w3id.org/fentanyl-kg/ontology#pages";
/// `fkg:page`: the page on which a statement's evidence starts.
pub const FKG_PAGE: &str = "https://w3id.org/fentanyl-kg/ontology#page";
/// `fkg:QuotedClaim`: in the read model, what statements made in someone's
/// words say (speaker, relation, sentence), once.
pub const FKG_QUOTED_CLAIM: &str = "https://w3id.org/fentanyl-kg/ontology#QuotedClaim";
/// `fkg:UnassertedClaim`: in the read model, a relation a sentence denies
/// or only hedges, once per sentence and status.
pub const FKG_UNASSERTED_CLAIM: &str = "https://w3id.org/fentanyl-kg/ontology#UnassertedClaim";
/// `fkg:RelationEvidence`: in the read model, the evidence asserted
/// statements give a relation: its sentences (sentence, speaker,
/// confidence, documents), each once.
pub const FKG_RELATION_EVIDENCE: &str = "https://w3id.org/fentanyl-kg/ontology#RelationEvidence";
/// `fkg:sentence`: in the read model, one sentence (with its documents) of
/// a claim or of a relation's evidence.
pub const FKG_SENTENCE: &str = "https://w3id.org/fentanyl-kg/ontology#sentence";
/// `fkg:FigureSet`: in the read model, the figures stated in one unit for
/// one relation.
pub const FKG_FIGURE_SET: &str = "https://w3id.org/fentanyl-kg/ontology#FigureSet";
/// `fkg:claimSubject`: the subject of the statements a claim, evidence
/// record or figure set of the read model stands for.
pub const FKG_CLAIM_SUBJECT: &str = "https://w3id.org/fentanyl-kg/ontology#claimSubject";
/// `fkg:claimPredicate`: the property of those statements.
pub const FKG_CLAIM_PREDICATE: &str = "https://w3id.org/fentanyl-kg/ontology#claimPredicate";
/// `fkg:claimObject`: the object of those statements.
pub const FKG_CLAIM_OBJECT: &str = "https://w3id.org/fentanyl-kg/ontology#claimObject";
/// `fkg:quantities`: how many different quantities a figure set holds.
pub const FKG_QUANTITIES: &str = "https://w3id.org/fentanyl-kg/ontology#quantities";
/// `fkg:firstDocument`: in the read model, the first (by IRI) of the
/// documents that give a sentence or a figure.
pub const FKG_FIRST_DOCUMENT: &str = "https://w3id.org/fentanyl-kg/ontology#firstDocument";
/// `fkg:readModelVersion`: the layout of the read model a store holds; a
/// store with another (or none) rebuilds it on open.
pub const FKG_READ_MODEL_VERSION: &str = "https://w3id.org/fentanyl-kg/ontology#readModelVersion";

/// `fkg:readModelStale`: the read model lags behind the documents (a write
/// was interrupted); opening the store rebuilds it.
pub const FKG_READ_MODEL_STALE: &str = "https://w3id.org/fentanyl-kg/ontology#readModelStale";

/// `fkg:resolveAgain`: a stored document a build must resolve again
/// against the other documents (set before the batch that changes its
/// renames is stored, gone when it is stored again resolved).
pub const FKG_RESOLVE_AGAIN: &str = "https://w3id.org/fentanyl-kg/ontology#resolveAgain";

/// `fkg:minhash`: a document's MinHash signature (128 32-bit minima of
/// its word 5-grams, hex), what near-copies are found by.
pub const FKG_MINHASH: &str = "https://w3id.org/fentanyl-kg/ontology#minhash";
/// `fkg:nearCopyOf`: a document is a near-identical copy of another (the
/// one with the smaller id), so not an independent source.
pub const FKG_NEAR_COPY_OF: &str = "https://w3id.org/fentanyl-kg/ontology#nearCopyOf";
/// `fkg:copy`, `fkg:original`, `fkg:similarity`: a near-copy pair node and
/// the estimated Jaccard similarity of the two texts' word 5-grams.
pub const FKG_COPY: &str = "https://w3id.org/fentanyl-kg/ontology#copy";
pub const FKG_ORIGINAL: &str = "https://w3id.org/fentanyl-kg/ontology#original";
pub const FKG_SIMILARITY: &str = "https://w3id.org/fentanyl-kg/ontology#similarity";

/// Every `fkg:` term this crate names, for the ontology check.
pub const FKG_TERMS: &[&str] = &[
    FKG_DOCUMENT,
    FKG_EVIDENCE,
    FKG_CHAR_START,
    FKG_CHAR_END,
    FKG_STATED_BY,
    FKG_EXTRACTED_BY,
    FKG_CONFIDENCE,
    FKG_QUANTITY,
    FKG_UNIT,
    FKG_OUT_OF,
    FKG_FIGURE,
    FKG_POLARITY,
    FKG_HEDGED,
    FKG_SHA256,
    FKG_LENGTH,
    FKG_SOURCE_FILE,
    FKG_TEXT,
    FKG_MENTIONED_IN,
    FKG_SUBJECT,
    FKG_PREDICATE,
    FKG_OBJECT,
    FKG_STATEMENTS,
    FKG_DOCUMENTS,
    FKG_BEST_CONFIDENCE,
    FKG_SUPPORTED_BY,
    FKG_READ_MODEL_STALE,
    FKG_PERSON_NAME,
    FKG_RESOLVE_AGAIN,
    FKG_MINHASH,
    FKG_NEAR_COPY_OF,
    FKG_COPY,
    FKG_ORIGINAL,
    FKG_SIMILARITY,
    FKG_DATE,
    FKG_PERIOD_START,
    FKG_PERIOD_END,
    FKG_DATE_EXPRESSION,
    FKG_DATE_SOURCE,
    FKG_META_HASH,
    FKG_PAGES,
    FKG_PAGE,
    FKG_QUOTED_CLAIM,
    FKG_UNASSERTED_CLAIM,
    FKG_RELATION_EVIDENCE,
    FKG_SENTENCE,
    FKG_FIGURE_SET,
    FKG_CLAIM_SUBJECT,
    FKG_CLAIM_PREDICATE,
    FKG_CLAIM_OBJECT,
    FKG_QUANTITIES,
    FKG_READ_MODEL_VERSION,
    FKG_FIRST_DOCUMENT,
];
