//! Near-identical copies (issue 11 row 4): a re-posted article with a new
//! header and footer, other whitespace and a changed line is flagged
//! (`fkg documents`, `fkg:nearCopyOf`) and is no independent source for
//! the corroboration query. The real binary on a store on disk.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn fkg(store: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_fkg"))
        .current_dir(root())
        .arg("--store")
        .arg(store)
        .args(args)
        .output()
        .expect("run fkg")
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

const ARTICLE: &str = "Federal agents seized 40 kilograms of fentanyl powder at the Nogales port of entry on Tuesday, the largest seizure at the crossing this year.

The powder was packed inside a load of cucumbers, officials said, and the driver, a 32-year-old resident of Sonora, was arrested. Investigators believe the load was sent by the Sinaloa Cartel, which buys precursor chemicals from suppliers in China and presses pills in clandestine labs near Culiacan.

The Sinaloa Cartel smuggles fentanyl into Arizona, the port director said. The Drug Enforcement Administration says China supplies fentanyl precursor chemicals to the Sinaloa Cartel.

Prosecutors in Tucson charged the driver with possession with intent to distribute. The case is part of a wider investigation into shipments through Arizona that began last spring after a tip from Mexican authorities.";

fn repost() -> String {
    format!(
        "BORDER NEWS DAILY | Reposted with permission | All rights reserved\n\n{}\n\n---\nSubscribe to our newsletter for more border coverage.",
        ARTICLE
            .replace(". ", ".  ")
            .replace("on Tuesday", "on Tuesday morning")
            .replace("a 32-year-old resident", "a resident")
    )
}

fn corroborated(store: &Path) -> String {
    let o = fkg(
        store,
        &["query", "--name", "corroborated-facts", "--format", "csv"],
    );
    assert!(o.status.success(), "{}", text(&o.stderr));
    text(&o.stdout)
}

#[test]
fn near_copies_are_flagged_and_count_once() {
    let dir = tempfile::tempdir().unwrap();
    let docs = dir.path().join("docs");
    std::fs::create_dir(&docs).unwrap();
    std::fs::write(docs.join("a.txt"), ARTICLE).unwrap();
    std::fs::write(docs.join("b.txt"), repost()).unwrap();
    let store = dir.path().join("store");
    let o = fkg(&store, &["build", docs.to_str().unwrap(), "--quiet"]);
    assert!(o.status.success(), "{}", text(&o.stderr));
    assert!(text(&o.stdout).contains("2 added"), "{}", text(&o.stdout));
    assert!(
        text(&o.stdout).contains("1 near-copy pair"),
        "{}",
        text(&o.stdout)
    );

    let o = fkg(&store, &["documents"]);
    let listing = text(&o.stdout);
    let b = listing
        .lines()
        .find(|l| l.starts_with("b "))
        .unwrap_or_else(|| panic!("{listing}"));
    assert!(b.contains("near-copy of a (similarity 0."), "{listing}");
    assert!(
        !listing
            .lines()
            .find(|l| l.starts_with("a "))
            .unwrap()
            .contains("near-copy"),
        "{listing}"
    );
    let o = fkg(
        &store,
        &["query", "ASK { GRAPH <https://w3id.org/fentanyl-kg/graph/near-copies> { <https://w3id.org/fentanyl-kg/doc/b> <https://w3id.org/fentanyl-kg/ontology#nearCopyOf> <https://w3id.org/fentanyl-kg/doc/a> } }"],
    );
    assert_eq!(text(&o.stdout).trim(), "true");

    // The two texts back the same relations, but one source is no
    // corroboration.
    let rows = corroborated(&store);
    assert_eq!(rows.lines().count(), 1, "{rows}");

    // An independent report of one of its facts makes two sources, not three.
    std::fs::write(
        docs.join("c.txt"),
        "Mexican officials said on Friday that China supplies fentanyl precursor chemicals to the Sinaloa Cartel. The navy dismantled two laboratories in the mountains of Durango.",
    )
    .unwrap();
    let o = fkg(&store, &["build", docs.to_str().unwrap(), "--quiet"]);
    assert!(o.status.success(), "{}", text(&o.stderr));
    let rows = corroborated(&store);
    let row = rows
        .lines()
        .find(|l| l.starts_with("China,"))
        .unwrap_or_else(|| panic!("{rows}"));
    assert!(row.ends_with(",2"), "{rows}");
    let o = fkg(&store, &["documents"]);
    assert!(
        !text(&o.stdout)
            .lines()
            .find(|l| l.starts_with("c "))
            .unwrap()
            .contains("near-copy"),
        "{}",
        text(&o.stdout)
    );

    // Removing the original leaves the copy on its own.
    let o = fkg(&store, &["remove", "a"]);
    assert!(o.status.success(), "{}", text(&o.stderr));
    let o = fkg(&store, &["documents"]);
    assert!(
        !text(&o.stdout).contains("near-copy of"),
        "{}",
        text(&o.stdout)
    );
}
