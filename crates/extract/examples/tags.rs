//! Development tool: prints each token of the text on standard input with
//! its part of speech and lemma, one sentence a line.
//!
//! `echo "The firm ships fentanyl." | cargo run -p fkg-extract --example tags`
#![allow(clippy::print_stdout)]

use fkg_extract::lang::Tagger;
use std::io::Read;

fn main() {
    let mut text = String::new();
    if std::io::stdin().read_to_string(&mut text).is_err() {
        return;
    }
    let tagger = Tagger::bundled();
    for line in text.lines().filter(|l| !l.trim().is_empty()) {
        let toks = tagger.tag(line, 0, line.len());
        let out: Vec<String> = toks
            .iter()
            .map(|t| format!("{}/{}/{}", &line[t.start..t.end], t.tag, t.lemma))
            .collect();
        println!("{}", out.join(" "));
    }
}
