//! Golden tests of extraction: one input document per grammatical
//! construction in `tests/golden/NAME.txt`, next to `NAME.expected`, the
//! relations it must yield, one `subject property object` line each (entity
//! ids), with ` (negative)` or ` (hedged)` after a statement that is not
//! positive; sorted, without duplicates. An empty `.expected` means the
//! document must yield nothing (distractors).
//!
//! Regenerate the expected files with
//! `FKG_BLESS=1 cargo test -p fkg-extract --test golden`
//! and review them in the diff: an expected file states the correct answer,
//! never whatever the extractor happens to print. Sentences the extractor
//! gets wrong are listed in `tests/golden/GAPS.md` instead.
#![allow(clippy::print_stderr)]

use fkg_extract::Extractor;
use fkg_model::{Assertion, Extraction, Polarity};
use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

/// The golden line of one assertion.
fn line(a: &Assertion) -> String {
    let mark = match a.polarity {
        Polarity::Positive => "",
        Polarity::Negative => " (negative)",
        Polarity::Hedged => " (hedged)",
    };
    format!(
        "{} {} {}{mark}",
        a.subject,
        a.property.local_name(),
        a.object
    )
}

/// One line for each distinct assertion, sorted.
fn render(x: &Extraction) -> Vec<String> {
    let lines: BTreeSet<String> = x.assertions.iter().map(line).collect();
    lines.into_iter().collect()
}

/// The sentences each line was read from, shown with unexpected lines.
fn evidence(x: &Extraction) -> BTreeMap<String, BTreeSet<&str>> {
    let mut out: BTreeMap<String, BTreeSet<&str>> = BTreeMap::new();
    for a in &x.assertions {
        out.entry(line(a))
            .or_default()
            .insert(a.evidence.sentence.as_str());
    }
    out
}

fn golden_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden")
}

fn inputs() -> Vec<PathBuf> {
    let mut paths: Vec<PathBuf> = std::fs::read_dir(golden_dir())
        .expect("read tests/golden")
        .map(|e| e.expect("directory entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    paths.sort();
    paths
}

fn read_expected(path: &Path) -> Option<Vec<String>> {
    let text = std::fs::read_to_string(path).ok()?;
    let lines: BTreeSet<String> = text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(str::to_string)
        .collect();
    Some(lines.into_iter().collect())
}

#[test]
fn golden_files() {
    let bless = std::env::var("FKG_BLESS").is_ok_and(|v| v == "1");
    let extractor = Extractor::new().expect("lexicon");
    let paths = inputs();
    assert!(!paths.is_empty(), "no tests/golden/*.txt");
    let mut failures = String::new();
    for input in &paths {
        let name = input.file_name().unwrap_or_default().to_string_lossy();
        let text = std::fs::read_to_string(input).expect("read golden input");
        let x = extractor.extract(&text);
        let got = render(&x);
        let expected_path = input.with_extension("expected");
        if bless {
            let mut body = got.join("\n");
            if !body.is_empty() {
                body.push('\n');
            }
            std::fs::write(&expected_path, body).expect("write expected file");
            eprintln!("blessed {}", expected_path.display());
            continue;
        }
        let Some(expected) = read_expected(&expected_path) else {
            let _ = writeln!(
                failures,
                "\n== {name}: no {} (run with FKG_BLESS=1 and review it)",
                expected_path.display()
            );
            continue;
        };
        if got == expected {
            continue;
        }
        let got_set: BTreeSet<&String> = got.iter().collect();
        let expected_set: BTreeSet<&String> = expected.iter().collect();
        let sources = evidence(&x);
        let _ = writeln!(
            failures,
            "\n== {name}: output differs from the expected file"
        );
        for line in expected_set.difference(&got_set) {
            let _ = writeln!(failures, "  missing: {line}");
        }
        for line in got_set.difference(&expected_set) {
            let _ = writeln!(failures, "  extra:   {line}");
            for sentence in sources.get(*line).into_iter().flatten() {
                let _ = writeln!(failures, "           from: {sentence}");
            }
        }
    }
    assert!(
        failures.is_empty(),
        "golden files differ (FKG_BLESS=1 regenerates them; review the diff):{failures}"
    );
}
