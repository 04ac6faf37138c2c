//! End-to-end tests of reading sources: PDF (pages kept), DOCX, HTML with
//! metadata, Latin-1 text, a scan without text, sidecars and `--meta`
//! tables, each built by the real `fkg` binary into a store on disk. The
//! files are made here: PDF syntax written by hand with FlateDecode
//! streams, a DOCX zipped from its XML parts.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn fkg(store: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_fkg"))
        .current_dir(Path::new(env!("CARGO_MANIFEST_DIR")).join("../.."))
        .arg("--store")
        .arg(store)
        .args(args)
        .output()
        .expect("run fkg")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

const PREFIXES: &str = "PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> \
    PREFIX fkg: <https://w3id.org/fentanyl-kg/ontology#> \
    PREFIX fkd: <https://w3id.org/fentanyl-kg/doc/> \
    PREFIX fkr: <https://w3id.org/fentanyl-kg/id/> \
    PREFIX dcterms: <http://purl.org/dc/terms/> \
    PREFIX xsd: <http://www.w3.org/2001/XMLSchema#> ";

/// The rows of a SELECT as tab-separated values, header dropped, with
/// literals reduced to their lexical form.
fn select(store: &Path, query: &str) -> Vec<Vec<String>> {
    let o = fkg(
        store,
        &["query", &format!("{PREFIXES}{query}"), "--format", "tsv"],
    );
    assert!(o.status.success(), "{query}: {}", stderr(&o));
    stdout(&o)
        .lines()
        .skip(1)
        .map(|l| {
            l.split('\t')
                .map(|c| {
                    let c = c.split("^^").next().unwrap_or(c);
                    let c = c
                        .strip_prefix('"')
                        .and_then(|c| c.rsplit_once('"'))
                        .map_or(c, |(v, _)| v);
                    c.replace("\\\"", "\"")
                        .replace("\\n", "\n")
                        .replace("\\f", "\u{c}")
                        .replace("\\u000C", "\u{c}")
                })
                .collect()
        })
        .collect()
}

fn ask(store: &Path, query: &str) -> bool {
    let o = fkg(store, &["query", &format!("{PREFIXES}{query}")]);
    assert!(o.status.success(), "{query}: {}", stderr(&o));
    stdout(&o).trim() == "true"
}

/// Escapes text for a PDF literal string.
fn pdf_string(s: &str) -> String {
    s.replace('\\', "\\\\")
        .replace('(', "\\(")
        .replace(')', "\\)")
}

fn deflate(bytes: &[u8]) -> Vec<u8> {
    let mut z = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::default());
    z.write_all(bytes).unwrap();
    z.finish().unwrap()
}

/// A PDF with one page per entry of `pages` (each a list of paragraphs,
/// each a list of lines), in Helvetica, with FlateDecode content streams
/// and an Info dictionary. A page with no paragraphs paints a 1×1 image
/// instead of text: a scanned page.
fn pdf(pages: &[&[&[&str]]], info: &[(&str, &str)]) -> Vec<u8> {
    let mut objects: Vec<Vec<u8>> = Vec::new();
    let n = pages.len();
    // 1 catalog, 2 pages, 3 font, 4 info, 5 image, then page and content per page.
    let kids: Vec<String> = (0..n).map(|i| format!("{} 0 R", 6 + 2 * i)).collect();
    objects.push(b"<< /Type /Catalog /Pages 2 0 R >>".to_vec());
    objects.push(format!("<< /Type /Pages /Kids [{}] /Count {n} >>", kids.join(" ")).into_bytes());
    objects.push(
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"
            .to_vec(),
    );
    let entries: Vec<String> = info
        .iter()
        .map(|(k, v)| format!("/{k} ({})", pdf_string(v)))
        .collect();
    objects.push(format!("<< {} >>", entries.join(" ")).into_bytes());
    let pixel = deflate(&[0x80]);
    let mut image = format!("<< /Type /XObject /Subtype /Image /Width 1 /Height 1 /ColorSpace /DeviceGray /BitsPerComponent 8 /Filter /FlateDecode /Length {} >>\nstream\n", pixel.len()).into_bytes();
    image.extend(&pixel);
    image.extend(b"\nendstream");
    objects.push(image);
    for (i, paragraphs) in pages.iter().enumerate() {
        let content = if paragraphs.is_empty() {
            "q 612 0 0 792 0 0 cm /Im1 Do Q".to_string()
        } else {
            let mut c = String::from("BT /F1 11 Tf 14 TL 72 720 Td\n");
            for (k, para) in paragraphs.iter().enumerate() {
                if k > 0 {
                    c.push_str("0 -30 Td\n");
                }
                for (j, line) in para.iter().enumerate() {
                    if j > 0 {
                        c.push_str("T* ");
                    }
                    c.push_str(&format!("({}) Tj\n", pdf_string(line)));
                }
            }
            c.push_str("ET");
            c
        };
        objects.push(
            format!(
                "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 3 0 R >> /XObject << /Im1 5 0 R >> >> /Contents {} 0 R >>",
                7 + 2 * i
            )
            .into_bytes(),
        );
        let stream = deflate(content.as_bytes());
        let mut obj = format!(
            "<< /Length {} /Filter /FlateDecode >>\nstream\n",
            stream.len()
        )
        .into_bytes();
        obj.extend(&stream);
        obj.extend(b"\nendstream");
        objects.push(obj);
    }
    let mut out = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n".to_vec();
    let mut offsets = Vec::new();
    for (i, obj) in objects.iter().enumerate() {
        offsets.push(out.len());
        out.extend(format!("{} 0 obj\n", i + 1).as_bytes());
        out.extend(obj);
        out.extend(b"\nendobj\n");
    }
    let xref = out.len();
    out.extend(format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).as_bytes());
    for o in offsets {
        out.extend(format!("{o:010} 00000 n \n").as_bytes());
    }
    out.extend(
        format!(
            "trailer\n<< /Size {} /Root 1 0 R /Info 4 0 R >>\nstartxref\n{xref}\n%%EOF\n",
            objects.len() + 1
        )
        .as_bytes(),
    );
    out
}

/// A DOCX: its body's paragraphs and its core and app properties.
fn docx(paragraphs: &[&str], title: &str, creator: &str, created: &str, company: &str) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let opts = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    let mut part = |name: &str, body: String| {
        zip.start_file(name, opts).unwrap();
        zip.write_all(body.as_bytes()).unwrap();
    };
    part("[Content_Types].xml", r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/><Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/></Types>"#.into());
    part("_rels/.rels", r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/><Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties" Target="docProps/app.xml"/></Relationships>"#.into());
    let body: String = paragraphs
        .iter()
        .map(|p| {
            // Each paragraph in two runs, as Word splits them.
            let (a, b) = p.split_at(p.len() / 2);
            format!(r#"<w:p><w:r><w:t xml:space="preserve">{a}</w:t></w:r><w:r><w:rPr><w:b/></w:rPr><w:t xml:space="preserve">{b}</w:t></w:r></w:p>"#)
        })
        .collect();
    part(
        "word/document.xml",
        format!(
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>{body}<w:sectPr/></w:body></w:document>"#
        ),
    );
    part(
        "docProps/core.xml",
        format!(
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><dc:title>{title}</dc:title><dc:creator>{creator}</dc:creator><dcterms:created xsi:type="dcterms:W3CDTF">{created}</dcterms:created></cp:coreProperties>"#
        ),
    );
    part(
        "docProps/app.xml",
        format!(
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"><Application>Test</Application><Company>{company}</Company></Properties>"#
        ),
    );
    zip.finish().unwrap().into_inner()
}

const HTML: &str = r#"<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>Routes shift east | The Border Ledger</title>
<meta property="og:title" content="Routes shift east">
<meta property="og:site_name" content="The Border Ledger">
<meta name="author" content="Ines Navarro">
<meta property="article:published_time" content="2024-03-05T08:15:00-05:00">
<link rel="canonical" href="https://ledger.example/2024/routes-shift-east">
</head><body>
<header><a href="/">Home</a> <a href="/world">World</a> <a href="/subscribe">Subscribe now</a></header>
<nav><ul><li><a href="/a">Sinaloa Cartel explainer</a></li><li><a href="/b">Most read</a></li></ul></nav>
<main><article>
<h1>Routes shift east</h1>
<p>The Gulf Cartel operates in Tamaulipas.</p>
<aside>Related: The Sinaloa Cartel operates in Sonora.</aside>
<p>Mexican authorities arrested a chemist in Culiacan.</p>
</article></main>
<footer>© The Border Ledger. Contact us.</footer>
</body></html>"#;

/// Every statement's evidence is the stored text between its offsets.
fn check_offsets(store: &Path, doc: &str) -> usize {
    let text = &select(
        store,
        &format!("SELECT ?t WHERE {{ GRAPH fkd:{doc} {{ fkd:{doc} fkg:text ?t }} }}"),
    )[0][0];
    let chars: Vec<char> = text.chars().collect();
    let rows = select(
        store,
        &format!("SELECT ?a ?b ?e WHERE {{ GRAPH fkd:{doc} {{ ?st fkg:evidence ?e ; fkg:charStart ?a ; fkg:charEnd ?b }} }}"),
    );
    for r in &rows {
        let (a, b): (usize, usize) = (r[0].parse().unwrap(), r[1].parse().unwrap());
        let slice: String = chars[a..b].iter().collect();
        assert_eq!(slice, r[2], "{doc}: offsets {a}-{b}");
    }
    rows.len()
}

#[test]
fn formats_are_read_with_their_metadata_and_pages() {
    let dir = tempfile::tempdir().unwrap();
    let docs = dir.path().join("docs");
    std::fs::create_dir(&docs).unwrap();
    std::fs::write(
        docs.join("report.pdf"),
        pdf(
            &[
                &[
                    &["This review covers the year 2023."],
                    &[
                        "Chinese suppliers ship precursor chemicals to",
                        "the Jalisco New Generation Cartel.",
                    ],
                ],
                &[
                    &["The Gulf Cartel operates in Tamaulipas."],
                    &["Its cells are small and move of-", "ten between towns."],
                ],
                &[&[
                    "The Sinaloa Cartel smuggles fentanyl into the United",
                    "States through Nogales.",
                ]],
            ],
            &[
                ("Title", "Threat Review 2023"),
                ("Author", "Office of Analysis"),
                ("CreationDate", "D:20230914101500-04'00'"),
            ],
        ),
    )
    .unwrap();
    std::fs::write(
        docs.join("memo.docx"),
        docx(
            &[
                "The Gulf Cartel operates in Tamaulipas.",
                "Mexican authorities arrested a chemist in Culiacan.",
            ],
            "Field memo on Tamaulipas",
            "R. Okafor",
            "2022-11-02T09:00:00Z",
            "Regional Desk",
        ),
    )
    .unwrap();
    std::fs::write(docs.join("ledger.html"), HTML).unwrap();
    std::fs::write(
        docs.join("nota.txt"),
        b"Informe de la regi\xf3n norte\n\nThe Sinaloa Cartel smuggles fentanyl into the United States through Nogales, se\xf1al\xf3 el fiscal.\n",
    )
    .unwrap();
    std::fs::write(
        docs.join("scan.pdf"),
        pdf(&[&[], &[]], &[("Title", "Scanned letter")]),
    )
    .unwrap();
    std::fs::write(
        docs.join("old.doc"),
        b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1 not read",
    )
    .unwrap();
    let store = dir.path().join("store");
    let o = fkg(&store, &["build", docs.to_str().unwrap(), "--quiet"]);
    let err = stderr(&o);
    // The scan and the .doc are named with the reason and the converter;
    // the rest is stored; the exit code says something was skipped.
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(
        err.contains("scan.pdf: PDF without a text layer (2 page(s)"),
        "{err}"
    );
    assert!(err.contains("ocrmypdf"), "{err}");
    assert!(
        err.contains("old.doc: a Word 97-2003 document (.doc) is not read"),
        "{err}"
    );
    assert!(
        err.contains("libreoffice --headless --convert-to docx"),
        "{err}"
    );
    assert!(
        err.contains("nota.txt: not UTF-8: read as windows-1252"),
        "{err}"
    );
    assert!(!err.contains("panicked"), "{err}");
    assert!(
        stdout(&o).contains("4 documents (4 added"),
        "{}",
        stdout(&o)
    );

    // Metadata of each, in its own graph, typed as agreed.
    let meta = |doc: &str| {
        select(
            &store,
            &format!(
                "SELECT ?title ?date ?dt ?src ?pub ?creator ?url WHERE {{ GRAPH fkd:{doc} {{ fkd:{doc} dcterms:title ?title
                   OPTIONAL {{ fkd:{doc} dcterms:date ?date BIND(DATATYPE(?date) AS ?dt) }} OPTIONAL {{ fkd:{doc} fkg:dateSource ?src }}
                   OPTIONAL {{ fkd:{doc} dcterms:publisher ?pub }} OPTIONAL {{ fkd:{doc} dcterms:creator ?creator }}
                   OPTIONAL {{ fkd:{doc} dcterms:source ?url }} }} }}"
            ),
        )
        .remove(0)
    };
    let xsd = |t: &str| format!("<http://www.w3.org/2001/XMLSchema#{t}>");
    assert_eq!(
        meta("report"),
        [
            "Threat Review 2023",
            "2023-09-14T10:15:00-04:00",
            &xsd("dateTime"),
            "pdf-info",
            "",
            "Office of Analysis",
            ""
        ]
    );
    assert_eq!(
        meta("memo"),
        [
            "Field memo on Tamaulipas",
            "2022-11-02T09:00:00Z",
            &xsd("dateTime"),
            "docx-core",
            "Regional Desk",
            "R. Okafor",
            ""
        ]
    );
    assert_eq!(
        meta("ledger"),
        [
            "Routes shift east",
            "2024-03-05T08:15:00-05:00",
            &xsd("dateTime"),
            "html-meta",
            "The Border Ledger",
            "Ines Navarro",
            "<https://ledger.example/2024/routes-shift-east>"
        ]
    );

    // The PDF: three pages, lines joined, a hyphenated word joined again,
    // each statement with the page its evidence is on.
    let text = &select(
        &store,
        "SELECT ?t WHERE { GRAPH fkd:report { fkd:report fkg:text ?t } }",
    )[0][0];
    assert_eq!(text.matches('\u{c}').count(), 2, "{text:?}");
    assert!(
        text.contains("precursor chemicals to the Jalisco"),
        "{text:?}"
    );
    assert!(text.contains("move often between"), "{text:?}");
    assert!(ask(
        &store,
        "ASK { GRAPH fkd:report { fkd:report fkg:pages 3 } }"
    ));
    let page = |s: &str, p: &str| {
        select(
            &store,
            &format!("SELECT ?page WHERE {{ GRAPH fkd:report {{ ?st rdf:subject fkr:{s} ; rdf:predicate fkg:{p} ; fkg:page ?page }} }}"),
        )
        .into_iter()
        .map(|r| r[0].clone())
        .collect::<Vec<_>>()
    };
    assert_eq!(page("Gulf_Cartel", "operatesIn"), ["2"]);
    assert_eq!(page("Sinaloa_Cartel", "trafficsTo"), ["3"]);
    assert!(!page("Chinese_manufacturers", "suppliesTo").is_empty());
    assert!(page("Chinese_manufacturers", "suppliesTo")
        .iter()
        .all(|p| p == "1"));

    // Evidence offsets index the stored text of every format.
    for doc in ["report", "memo", "ledger", "nota"] {
        assert!(check_offsets(&store, doc) > 0, "{doc} has statements");
    }
    // The Latin-1 text decoded; HTML navigation and asides left out.
    assert!(ask(
        &store,
        "ASK { GRAPH fkd:nota { fkd:nota fkg:text ?t FILTER(CONTAINS(?t, \"señaló\")) } }"
    ));
    let page_text = &select(
        &store,
        "SELECT ?t WHERE { GRAPH fkd:ledger { fkd:ledger fkg:text ?t } }",
    )[0][0];
    assert_eq!(
        page_text,
        "Routes shift east\n\nThe Gulf Cartel operates in Tamaulipas.\n\nMexican authorities arrested a chemist in Culiacan."
    );

    // Shown by name everywhere: documents, explain (with the page).
    let o = fkg(&store, &["documents"]);
    let listing = stdout(&o);
    assert!(
        listing.contains("Routes shift east")
            && listing.contains("The Border Ledger")
            && listing.contains("2024-03-05"),
        "{listing}"
    );
    let o = fkg(&store, &["explain", "Gulf Cartel"]);
    let out = stdout(&o);
    assert!(
        out.contains("Threat Review 2023 — 2023-09-14, p. 2"),
        "{out}"
    );
    assert!(
        out.contains("Routes shift east — The Border Ledger, 2024-03-05"),
        "{out}"
    );
    let o = fkg(&store, &["explain", "Gulf Cartel", "--json"]);
    let json: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let facts = json["facts"].as_array().unwrap();
    let f = facts
        .iter()
        .find(|f| f["document"] == "report")
        .expect("a fact from the report");
    assert_eq!(f["page"], 2);
    assert_eq!(f["document_title"], "Threat Review 2023");
    assert_eq!(f["document_date"], "2023-09-14T10:15:00-04:00");

    // Paths cite the document and page of each hop's evidence.
    let o = fkg(
        &store,
        &["paths", "--from", "Sinaloa Cartel", "--to", "United States"],
    );
    let out = stdout(&o);
    assert!(
        out.contains("— Threat Review 2023 — 2023-09-14, p. 3 [report]"),
        "{out}\n{}",
        stderr(&o)
    );
    let o = fkg(
        &store,
        &[
            "paths",
            "--from",
            "Sinaloa Cartel",
            "--to",
            "United States",
            "--format",
            "json",
        ],
    );
    let json: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let support = &json[0]["hops"][0]["support"];
    assert!(
        support
            .as_array()
            .unwrap()
            .iter()
            .any(|s| s["source"] == "Threat Review 2023 — 2023-09-14" && s["page"] == 3),
        "{support}"
    );
    // Exports name the documents behind each relation.
    let prefix = dir.path().join("graph");
    let o = fkg(
        &store,
        &["export", "--format", "csv", "-o", prefix.to_str().unwrap()],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let edges = std::fs::read_to_string(dir.path().join("graph.edges.csv")).unwrap();
    assert!(
        edges
            .lines()
            .next()
            .unwrap()
            .contains(",Documents,Sources,"),
        "{edges}"
    );
    assert!(
        edges.contains("Routes shift east — The Border Ledger, 2024-03-05"),
        "{edges}"
    );
    let gexf = dir.path().join("graph.gexf");
    let o = fkg(
        &store,
        &["export", "--format", "gexf", "-o", gexf.to_str().unwrap()],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let gexf = std::fs::read_to_string(gexf).unwrap();
    assert!(
        gexf.contains("Field memo on Tamaulipas — Regional Desk, 2022-11-02"),
        "{gexf}"
    );

    // An unchanged build changes nothing.
    let o = fkg(&store, &["build", docs.to_str().unwrap(), "--quiet"]);
    assert!(
        stdout(&o).contains("(0 added, 0 replaced, 4 unchanged)"),
        "{}",
        stdout(&o)
    );
    // Removal names what it removed.
    let o = fkg(&store, &["remove", "memo"]);
    assert!(
        stdout(&o).starts_with(
            "removed document memo “Field memo on Tamaulipas — Regional Desk, 2022-11-02” ("
        ),
        "{}",
        stdout(&o)
    );
}

#[test]
fn sidecars_and_meta_tables_override_and_reingest_replaces() {
    let dir = tempfile::tempdir().unwrap();
    let docs = dir.path().join("docs");
    std::fs::create_dir_all(docs.join("2024")).unwrap();
    std::fs::write(
        docs.join("2024/001_3fa9.txt"),
        "The Gulf Cartel operates in Tamaulipas.\n",
    )
    .unwrap();
    std::fs::write(
        docs.join("brief.md"),
        "---\ntitle: \"Brief on the Gulf\"\ndate: 2021-05-06\nauthors:\n  - T. Vance\npublisher: Desk Notes\n---\n\nMexican authorities arrested a chemist in Culiacan.\n",
    )
    .unwrap();
    std::fs::write(
        docs.join("brief.md.meta.json"),
        r#"{"publisher": "Sidecar Press", "source": "https://notes.example/brief"}"#,
    )
    .unwrap();
    let table = dir.path().join("meta.csv");
    std::fs::write(
        &table,
        "file,title,date,publisher,creator,source\ndocs/2024/001_3fa9.txt,Night shift at the port,2024-02-29,Harbor Gazette,A. Lund; B. Moss,https://gazette.example/night\nnowhere.txt,Lost,,,,\n",
    )
    .unwrap();
    let store = dir.path().join("store");
    let o = fkg(
        &store,
        &[
            "build",
            docs.to_str().unwrap(),
            "--meta",
            table.to_str().unwrap(),
            "--quiet",
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("--meta row \"nowhere.txt\" names no file"),
        "{}",
        stderr(&o)
    );
    assert!(ask(&store, "ASK { GRAPH fkd:001_3fa9 { fkd:001_3fa9 dcterms:title \"Night shift at the port\" ; dcterms:date \"2024-02-29\"^^xsd:date ; fkg:dateSource \"meta-csv\" ; dcterms:publisher \"Harbor Gazette\" ; dcterms:creator \"A. Lund\", \"B. Moss\" ; dcterms:source <https://gazette.example/night> } }"));
    // Front matter, with the sidecar's fields over it.
    assert!(ask(&store, "ASK { GRAPH fkd:brief { fkd:brief dcterms:title \"Brief on the Gulf\" ; dcterms:date \"2021-05-06\"^^xsd:date ; fkg:dateSource \"front-matter\" ; dcterms:publisher \"Sidecar Press\" ; dcterms:creator \"T. Vance\" ; dcterms:source <https://notes.example/brief> } }"));
    assert!(ask(
        &store,
        "ASK { GRAPH fkd:brief { fkd:brief fkg:text ?t FILTER(!CONTAINS(?t, \"title:\")) } }"
    ));

    // A changed table row replaces the document's metadata (its text is
    // the same); the old values are gone.
    std::fs::write(&table, "file,date\n001_3fa9,\"March 1, 2024\"\n").unwrap();
    let o = fkg(
        &store,
        &[
            "build",
            docs.to_str().unwrap(),
            "--meta",
            table.to_str().unwrap(),
            "--quiet",
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        stdout(&o).contains("1 replaced, 1 unchanged"),
        "{}",
        stdout(&o)
    );
    let dates = select(
        &store,
        "SELECT ?d WHERE { GRAPH fkd:001_3fa9 { fkd:001_3fa9 dcterms:date ?d } }",
    );
    assert_eq!(dates, [["2024-03-01"]]);
    assert!(!ask(
        &store,
        "ASK { GRAPH fkd:001_3fa9 { fkd:001_3fa9 dcterms:publisher ?p } }"
    ));

    // A bad table stops the build before anything is read.
    std::fs::write(&table, "file,date\n001_3fa9,soon\n").unwrap();
    let o = fkg(
        &store,
        &[
            "build",
            docs.to_str().unwrap(),
            "--meta",
            table.to_str().unwrap(),
        ],
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("row 2: date \"soon\" not understood"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn encodings_can_be_named() {
    let dir = tempfile::tempdir().unwrap();
    let file: PathBuf = dir.path().join("greek.txt");
    // "Ο Καρτέλ" and a sentence in ISO-8859-7: the detector may not know,
    // the flag says.
    let mut bytes = b"\xcf \xca\xe1\xf1\xf4\xdd\xeb. ".to_vec();
    bytes.extend(b"The Gulf Cartel operates in Tamaulipas.\n");
    std::fs::write(&file, &bytes).unwrap();
    let store = dir.path().join("store");
    let o = fkg(
        &store,
        &[
            "build",
            file.to_str().unwrap(),
            "--encoding",
            "iso-8859-7",
            "--quiet",
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(ask(
        &store,
        "ASK { GRAPH fkd:greek { fkd:greek fkg:text ?t FILTER(STRSTARTS(?t, \"Ο Καρτέλ.\")) } }"
    ));
    let o = fkg(
        &store,
        &["build", file.to_str().unwrap(), "--encoding", "klingon"],
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("unknown encoding \"klingon\""),
        "{}",
        stderr(&o)
    );
    let o = fkg(&store, &["build", "--help"]);
    let help = stdout(&o);
    for word in [
        ".pdf",
        ".docx",
        ".html",
        "--encoding",
        "--meta",
        "ocrmypdf",
        "meta.json",
    ] {
        assert!(help.contains(word), "--help lacks {word}: {help}");
    }
}

/// A page's metadata date is its only `dcterms:date` and dates its
/// statements; the dateline in its text, another day, dates nothing.
#[test]
fn a_metadata_date_wins_over_the_dateline() {
    let dir = tempfile::tempdir().unwrap();
    let docs = dir.path().join("docs");
    std::fs::create_dir(&docs).unwrap();
    std::fs::write(
        docs.join("gulf-note.html"),
        "<!DOCTYPE html><html><head><title>Gulf note</title>\n\
         <meta name=\"date\" content=\"2021-08-30\"></head><body><article>\n\
         <p>LAREDO, Texas, February 2, 2021 — The Gulf Cartel operates in Tamaulipas.</p>\n\
         </article></body></html>",
    )
    .unwrap();
    let store = dir.path().join("store");
    let o = fkg(&store, &["build", docs.to_str().unwrap(), "--quiet"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let dates = select(
        &store,
        "SELECT ?d ?src WHERE { GRAPH fkd:gulf-note { fkd:gulf-note dcterms:date ?d ; fkg:dateSource ?src } }",
    );
    assert_eq!(dates.len(), 1, "one dcterms:date: {dates:?}");
    assert_eq!(dates[0][0], "2021-08-30", "{dates:?}");
    assert_ne!(dates[0][1], "dateline", "{dates:?}");
    let statements = select(
        &store,
        "SELECT ?st ?d WHERE { GRAPH fkd:gulf-note { ?st a rdf:Statement . \
         FILTER NOT EXISTS { ?st fkg:dateExpression ?x } OPTIONAL { ?st fkg:date ?d } } }",
    );
    assert!(!statements.is_empty(), "no statements");
    for row in &statements {
        assert_eq!(
            row.get(1).map(String::as_str),
            Some("2021-08-30"),
            "{statements:?}"
        );
    }
}
