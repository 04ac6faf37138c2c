//! Development tool: prints the mentions and facts of a text given as
//! argument, e.g. `cargo run -p fkg-extract --example mentions -- "The Gulf Cartel ..."`.
#![allow(clippy::print_stdout)]

fn main() {
    let text = std::env::args().nth(1).unwrap_or_default();
    let ex = fkg_extract::Extractor::new().expect("lexicon");
    for (s, e, surface, label, class, kind) in ex.mentions(&text) {
        println!("{s:>5}-{e:<5} {surface:40} -> {label} ({class}, {kind})");
    }
    for a in ex.extract(&text).assertions {
        println!(
            "{:?} {} {} {} [{}]",
            a.polarity, a.subject, a.property, a.object, a.evidence.rule
        );
    }
}
