//! DOCX (Office Open XML): the body's paragraphs (`word/document.xml`) and
//! the core properties (`docProps/core.xml`: title, creator, created) and
//! company (`docProps/app.xml`, as the publisher).
//!
//! Rationale: a DOCX is a zip of XML; reading `w:t` runs paragraph by
//! paragraph with `zip` and `quick-xml` (already used for the exports)
//! gives the text without pulling in a document model. Tabs and line
//! breaks inside a paragraph are kept; each paragraph is a line, with an
//! empty line between paragraphs.

use crate::{meta::parse_date, DocumentMeta, Format, Read, ReadError};
use quick_xml::events::Event;
use quick_xml::Reader as XmlReader;
use std::io::Read as _;

fn damaged(detail: impl std::fmt::Display) -> ReadError {
    ReadError::Damaged {
        format: "DOCX",
        detail: detail.to_string(),
        advice: "open and save it again, or convert it, e.g. `libreoffice --headless --convert-to txt:Text FILE`",
    }
}

fn part(
    zip: &mut zip::ZipArchive<std::io::Cursor<&[u8]>>,
    name: &str,
) -> Option<Result<String, ReadError>> {
    let mut f = zip.by_name(name).ok()?;
    let mut s = String::new();
    Some(f.read_to_string(&mut s).map(|_| s).map_err(damaged))
}

pub(crate) fn read(bytes: &[u8]) -> Result<Read, ReadError> {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).map_err(damaged)?;
    let body = part(&mut zip, "word/document.xml")
        .ok_or_else(|| damaged("no word/document.xml: not a Word document"))??;
    let text = body_text(&body)?;
    let mut notes = Vec::new();
    let mut meta = match part(&mut zip, "docProps/core.xml") {
        Some(core) => core_props(&core?, &mut notes),
        None => DocumentMeta::default(),
    };
    if let Some(app) = part(&mut zip, "docProps/app.xml") {
        meta.publisher = element_texts(&app?, &[b"Company"])
            .into_iter()
            .next()
            .map(|(_, v)| v);
    }
    Ok(Read {
        text,
        meta,
        format: Format::Docx,
        pages: None,
        encoding: None,
        notes,
    })
}

/// The paragraphs of `word/document.xml`, an empty line between two.
fn body_text(xml: &str) -> Result<String, ReadError> {
    let mut r = XmlReader::from_str(xml);
    let mut paragraphs: Vec<String> = Vec::new();
    let mut para = String::new();
    let mut in_text = false;
    let mut depth_skip = 0usize; // inside deleted text or field instructions
    loop {
        match r.read_event().map_err(damaged)? {
            Event::Start(e) => match e.local_name().as_ref() {
                b"t" if depth_skip == 0 => in_text = true,
                b"del" | b"instrText" | b"delText" => depth_skip += 1,
                b"p" => para.clear(),
                _ => {}
            },
            Event::Empty(e) => match e.local_name().as_ref() {
                b"tab" if depth_skip == 0 => para.push('\t'),
                b"br" | b"cr" if depth_skip == 0 => para.push('\n'),
                b"noBreakHyphen" => para.push('-'),
                b"p" => paragraphs.push(String::new()),
                _ => {}
            },
            Event::End(e) => match e.local_name().as_ref() {
                b"t" => in_text = false,
                b"del" | b"instrText" | b"delText" => depth_skip = depth_skip.saturating_sub(1),
                b"p" => paragraphs.push(std::mem::take(&mut para)),
                _ => {}
            },
            Event::Text(t) if in_text && depth_skip == 0 => {
                para.push_str(&t.unescape().map_err(damaged)?);
            }
            Event::Eof => break,
            _ => {}
        }
    }
    Ok(paragraphs
        .iter()
        .map(|p| p.trim())
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join("\n\n"))
}

/// The texts of the elements with these local names, in order.
fn element_texts(xml: &str, names: &[&[u8]]) -> Vec<(Vec<u8>, String)> {
    let mut r = XmlReader::from_str(xml);
    let mut out = Vec::new();
    let mut current: Option<Vec<u8>> = None;
    loop {
        match r.read_event() {
            Ok(Event::Start(e)) => {
                let n = e.local_name().as_ref().to_vec();
                current = names.contains(&n.as_slice()).then_some(n);
            }
            Ok(Event::Text(t)) => {
                if let (Some(n), Ok(v)) = (&current, t.unescape()) {
                    let v = v.trim();
                    if !v.is_empty() {
                        out.push((n.clone(), v.to_string()));
                    }
                }
            }
            Ok(Event::End(_)) => current = None,
            Ok(Event::Eof) | Err(_) => break,
            _ => {}
        }
    }
    out
}

fn core_props(xml: &str, notes: &mut Vec<String>) -> DocumentMeta {
    let mut m = DocumentMeta::default();
    for (name, value) in element_texts(xml, &[b"title", b"creator", b"created"]) {
        match name.as_slice() {
            b"title" => m.title = Some(value),
            b"creator" => {
                m.creators = value
                    .split(';')
                    .map(|a| a.trim().to_string())
                    .filter(|a| !a.is_empty())
                    .collect()
            }
            _ => match parse_date(&value) {
                Some(d) => {
                    m.date = Some(d);
                    m.date_source = Some("docx-core".into());
                }
                None => notes.push(format!("DOCX creation date {value:?} not understood")),
            },
        }
    }
    m
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paragraphs_runs_and_breaks() {
        let xml = r#"<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>
            <w:p><w:r><w:t>Agents </w:t></w:r><w:r><w:t xml:space="preserve">seized &amp; held</w:t></w:r></w:p>
            <w:p/>
            <w:p><w:r><w:t>Line</w:t><w:br/><w:t>two</w:t><w:tab/><w:t>tab</w:t></w:r><w:del><w:r><w:delText>gone</w:delText></w:r></w:del></w:p>
            </w:body></w:document>"#;
        assert_eq!(
            body_text(xml).unwrap(),
            "Agents seized & held\n\nLine\ntwo\ttab"
        );
    }

    #[test]
    fn core_properties() {
        let xml = r#"<cp:coreProperties xmlns:cp="x" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/"><dc:title>A report</dc:title><dc:creator>Ana Ruiz</dc:creator><dcterms:created xsi:type="dcterms:W3CDTF">2022-09-01T10:00:00Z</dcterms:created></cp:coreProperties>"#;
        let m = core_props(xml, &mut Vec::new());
        assert_eq!(m.title.as_deref(), Some("A report"));
        assert_eq!(m.creators, ["Ana Ruiz"]);
        assert_eq!(m.date.as_deref(), Some("2022-09-01T10:00:00Z"));
        assert_eq!(m.date_source.as_deref(), Some("docx-core"));
    }
}
