//! Development tool: extracts files and prints N-Triples of the plain
//! triples and labels, for a quick score without a store.
//!
//! `cargo run -p fkg-extract --example dump -- seeds/*.txt > /tmp/x.nt`
#![allow(clippy::print_stdout, clippy::print_stderr)]

use fkg_extract::Extractor;
use fkg_model::{vocab, Polarity};

fn lit(s: &str) -> String {
    format!(
        "\"{}\"",
        s.replace('\\', "\\\\")
            .replace('"', "\\\"")
            .replace('\n', "\\n")
    )
}

fn main() {
    let paths: Vec<String> = std::env::args().skip(1).collect();
    let texts: Vec<String> = paths
        .iter()
        .map(|p| std::fs::read_to_string(p).expect("read"))
        .collect();
    let mut ex = Extractor::new().expect("lexicon");
    // FKG_DROP=id,id: the extractor without these trigger patterns.
    if let Ok(drop) = std::env::var("FKG_DROP") {
        let mut lex = fkg_extract::Lexicon::bundled().expect("lexicon");
        let ids: Vec<&str> = drop.split(',').collect();
        lex.rules.retain(|r| !ids.contains(&r.id.as_str()));
        ex = Extractor::with_lexicon(lex);
    }
    // FKG_NO_TABLE=1: the frames without the trigger patterns.
    if std::env::var("FKG_NO_TABLE").is_ok() {
        ex = ex.without_table_rules();
    }
    let out = ex.extract_corpus(texts.iter().map(String::as_str).collect::<Vec<_>>());
    let debug = std::env::var("FKG_DEBUG").is_ok();
    for (di, (path, x)) in paths.iter().zip(&out).enumerate() {
        for e in &x.entities {
            let iri = fkg_model::entity_iri(&e.id);
            println!("<{iri}> <{}> {} .", vocab::RDFS_LABEL, lit(&e.label));
            for a in &e.aliases {
                println!("<{iri}> <{}> {} .", vocab::SKOS_ALT_LABEL, lit(a));
            }
        }
        for (n, a) in x.assertions.iter().enumerate() {
            if debug {
                eprintln!(
                    "{path} {:?} {} {} {} [{}] {:?} q={:?} :: {}",
                    a.polarity,
                    a.subject,
                    a.property,
                    a.object,
                    a.evidence.rule,
                    a.evidence.speaker,
                    a.quantity.as_ref().map(|q| q.value),
                    a.evidence.sentence.chars().take(140).collect::<String>()
                );
            }
            if a.polarity != Polarity::Positive {
                continue;
            }
            let s = fkg_model::entity_iri(&a.subject);
            let o = fkg_model::entity_iri(&a.object);
            println!("<{s}> <{}> <{o}> .", a.property.iri());
            let st = format!("_:d{di}s{n}");
            println!("{st} <{}> <{s}> .", vocab::RDF_SUBJECT);
            println!("{st} <{}> <{}> .", vocab::RDF_PREDICATE, a.property.iri());
            println!("{st} <{}> <{o}> .", vocab::RDF_OBJECT);
            println!(
                "{st} <{}> {} .",
                vocab::FKG_EVIDENCE,
                lit(&a.evidence.sentence)
            );
            println!(
                "{st} <{}> <{}> .",
                vocab::PROV_WAS_DERIVED_FROM,
                fkg_model::doc_iri("d")
            );
            if let Some(sp) = &a.evidence.speaker {
                println!(
                    "{st} <{}> <{}> .",
                    vocab::FKG_STATED_BY,
                    fkg_model::entity_iri(sp)
                );
            }
            for q in a.quantity.iter().chain(&a.more_quantities) {
                println!(
                    "{st} <{}> \"{}\"^^<{}> .",
                    vocab::FKG_QUANTITY,
                    q.value,
                    vocab::XSD_DECIMAL
                );
            }
        }
    }
}
