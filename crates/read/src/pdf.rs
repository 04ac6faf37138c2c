//! PDF: the text layer page by page (`pdf-extract`, over `lopdf`), the
//! Info dictionary's title, author and creation date.
//!
//! Rationale: `pdf-extract` is the maintained pure-Rust text extractor
//! (fonts, encodings, CMaps, ToUnicode, compressed streams), so a build
//! needs no system tool; poppler's `pdftotext` lays out columns better,
//! but would make every machine and CI install poppler-utils, and the text
//! of news releases and reports is single-column. Its plain-text output
//! puts one line per PDF text line and an empty line where the gap to the
//! next line is larger than a line's: lines are joined into paragraphs
//! here (a word hyphenated at a line's end is joined again), so that the
//! extractor sees sentences whole. A panic inside the extractor (fonts it
//! does not expect) is caught and reported as a damaged file.

use crate::{meta::parse_date, DocumentMeta, Format, Read, ReadError, PAGE_BREAK};
use pdf_extract::{Document, Object, PlainTextOutput};
use std::cell::Cell;

thread_local! {
    static CATCHING: Cell<usize> = const { Cell::new(0) };
}

/// Whether a panic on this thread now is caught by the PDF reader (a panic
/// hook can stay quiet: the file is reported as damaged).
pub fn panic_is_caught() -> bool {
    CATCHING.with(|c| c.get() > 0)
}

const ADVICE: &str = "repair or convert it, e.g. `qpdf FILE fixed.pdf` or `pdftotext -layout FILE out.txt` (poppler-utils), and build from the result";

fn damaged(detail: impl std::fmt::Display) -> ReadError {
    ReadError::Damaged {
        format: "PDF",
        detail: detail.to_string(),
        advice: ADVICE,
    }
}

pub(crate) fn read(bytes: &[u8]) -> Result<Read, ReadError> {
    CATCHING.with(|c| c.set(c.get() + 1));
    let outcome = std::panic::catch_unwind(|| read_unguarded(bytes));
    CATCHING.with(|c| c.set(c.get() - 1));
    outcome.unwrap_or_else(|payload| {
        let message = payload
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| payload.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "the text extractor failed".to_string());
        Err(damaged(message))
    })
}

fn read_unguarded(bytes: &[u8]) -> Result<Read, ReadError> {
    let mut doc = Document::load_mem(bytes).map_err(damaged)?;
    if doc.is_encrypted() && doc.decrypt("").is_err() {
        return Err(ReadError::Encrypted);
    }
    let pages = doc.get_pages();
    let mut texts = Vec::with_capacity(pages.len());
    let mut notes = Vec::new();
    let mut failed = 0;
    for &n in pages.keys() {
        let mut s = String::new();
        let result = {
            let mut output = PlainTextOutput::new(&mut s);
            pdf_extract::output_doc_page(&doc, &mut output, n)
        };
        if let Err(e) = result {
            notes.push(format!("page {n}: text not read ({e})"));
            failed += 1;
            s.clear();
        }
        texts.push(reflow(&s));
    }
    if texts.iter().all(|t| t.trim().is_empty()) {
        return Err(if failed > 0 && failed == texts.len() {
            damaged(format!(
                "no page's text could be read: {}",
                notes.join("; ")
            ))
        } else {
            ReadError::NoTextLayer { pages: texts.len() }
        });
    }
    let empty: Vec<String> = texts
        .iter()
        .enumerate()
        .filter(|(_, t)| t.trim().is_empty())
        .map(|(i, _)| (i + 1).to_string())
        .collect();
    if !empty.is_empty() {
        notes.push(format!(
            "page(s) {} have no text layer (scanned?); OCR them, e.g. `ocrmypdf --skip-text FILE out.pdf`, to read them too",
            empty.join(", ")
        ));
    }
    let meta = info(&doc, &mut notes);
    Ok(Read {
        text: texts.join(PAGE_BREAK),
        meta,
        format: Format::Pdf,
        pages: Some(texts.len()),
        encoding: None,
        notes,
    })
}

/// A page's lines joined into paragraphs: lines separated by an empty one
/// stay apart, the others are joined with a space (a line ending in a
/// hyphen is joined without one, and the hyphen goes between two
/// lower-case letters: "ship-" "ment").
fn reflow(page: &str) -> String {
    let mut out = String::new();
    for block in page.split("\n\n") {
        let mut para = String::new();
        for line in block.lines().map(str::trim).filter(|l| !l.is_empty()) {
            if para.is_empty() {
                para.push_str(line);
                continue;
            }
            let hyphenated = para.ends_with('-')
                && para[..para.len() - 1]
                    .chars()
                    .next_back()
                    .is_some_and(char::is_lowercase)
                && line.chars().next().is_some_and(char::is_lowercase);
            if hyphenated {
                para.pop();
            } else if !para.ends_with('-') {
                para.push(' ');
            }
            para.push_str(line);
        }
        if !para.is_empty() {
            if !out.is_empty() {
                out.push_str("\n\n");
            }
            out.push_str(&para);
        }
    }
    out
}

/// Title, author and creation date from the Info dictionary.
fn info(doc: &Document, notes: &mut Vec<String>) -> DocumentMeta {
    let mut m = DocumentMeta::default();
    let Some(dict) = doc
        .trailer
        .get(b"Info")
        .ok()
        .and_then(|o| doc.dereference(o).ok())
        .and_then(|(_, o)| o.as_dict().ok())
    else {
        return m;
    };
    let get = |key: &[u8]| {
        dict.get(key)
            .ok()
            .and_then(|o| doc.dereference(o).ok())
            .and_then(|(_, o)| match o {
                Object::String(bytes, _) => Some(text_string(bytes)),
                _ => None,
            })
            .map(|s| s.trim().to_string())
            .filter(|s| !s.is_empty())
    };
    m.title = get(b"Title");
    if let Some(a) = get(b"Author") {
        m.creators = a
            .split(';')
            .map(|a| a.trim().to_string())
            .filter(|a| !a.is_empty())
            .collect();
    }
    if let Some(raw) = get(b"CreationDate") {
        match parse_date(&raw) {
            Some(d) => {
                m.date = Some(d);
                m.date_source = Some("pdf-info".into());
            }
            None => notes.push(format!("PDF creation date {raw:?} not understood")),
        }
    }
    m
}

/// A PDF text string: UTF-16BE after its byte order mark, UTF-8 after
/// its own, else PDFDocEncoding (taken as Latin-1, which it matches for
/// letters).
fn text_string(bytes: &[u8]) -> String {
    if let Some(rest) = bytes.strip_prefix(b"\xFE\xFF") {
        let units: Vec<u16> = rest
            .chunks_exact(2)
            .map(|c| u16::from_be_bytes([c[0], c[1]]))
            .collect();
        return String::from_utf16_lossy(&units);
    }
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        return String::from_utf8_lossy(rest).into_owned();
    }
    bytes.iter().map(|&b| b as char).collect()
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    #[test]
    fn lines_become_paragraphs() {
        assert_eq!(
            reflow("Agents seized a ship-\nment of pills\nat the port.\n\nSecond para-\ngraph.\n"),
            "Agents seized a shipment of pills at the port.\n\nSecond paragraph."
        );
        assert_eq!(reflow("U.S.-\nbased"), "U.S.-based");
    }

    #[test]
    fn text_strings() {
        assert_eq!(text_string(b"\xFE\xFF\x00A\x00\xe9"), "Aé");
        assert_eq!(text_string(b"Caf\xe9"), "Café");
    }

    /// A one-page PDF saying `text`, encrypted (RC4, 128 bits) with
    /// `user_password` when one is given.
    pub(crate) fn one_page(text: &str, user_password: Option<&str>) -> Vec<u8> {
        let content = format!("BT /F1 12 Tf 72 720 Td ({text}) Tj ET");
        let objects = [
            "<< /Type /Catalog /Pages 2 0 R >>".to_string(),
            "<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_string(),
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>".to_string(),
            "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>".to_string(),
            format!("<< /Length {} >>\nstream\n{content}\nendstream", content.len()),
        ];
        let mut out = b"%PDF-1.4\n".to_vec();
        let mut offsets = Vec::new();
        for (i, o) in objects.iter().enumerate() {
            offsets.push(out.len());
            out.extend(format!("{} 0 obj\n{o}\nendobj\n", i + 1).as_bytes());
        }
        let xref = out.len();
        out.extend(b"xref\n0 6\n0000000000 65535 f \n");
        for o in offsets {
            out.extend(format!("{o:010} 00000 n \n").as_bytes());
        }
        out.extend(format!("trailer\n<< /Size 6 /Root 1 0 R /ID [<0123456789abcdef0123456789abcdef> <0123456789abcdef0123456789abcdef>] >>\nstartxref\n{xref}\n%%EOF\n").as_bytes());
        let Some(password) = user_password else {
            return out;
        };
        let mut doc = Document::load_mem(&out).unwrap();
        let version = pdf_extract::encryption::EncryptionVersion::V2 {
            document: &doc,
            owner_password: "owner",
            user_password: password,
            key_length: 128,
            permissions: pdf_extract::encryption::Permissions::all(),
        };
        let state = pdf_extract::encryption::EncryptionState::try_from(version).unwrap();
        doc.encrypt(&state).unwrap();
        let mut saved = Vec::new();
        doc.save_to(&mut saved).unwrap();
        saved
    }

    #[test]
    fn encrypted_pdfs() {
        let plain = read(&one_page("Open words", None)).unwrap();
        assert_eq!(plain.text.trim(), "Open words");
        // No user password: readable, as any viewer opens it.
        let open = read(&one_page("Open words", Some(""))).unwrap();
        assert_eq!(open.text.trim(), "Open words");
        assert_eq!(
            read(&one_page("Hidden words", Some("secret"))),
            Err(ReadError::Encrypted)
        );
    }

    #[test]
    fn garbage_is_damaged() {
        assert!(matches!(
            read(b"%PDF-1.4\nnot really"),
            Err(ReadError::Damaged { .. })
        ));
    }
}
