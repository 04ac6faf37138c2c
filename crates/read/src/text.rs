//! Plain text: the encoding (a byte order mark, UTF-8, the one asked for,
//! an HTML page's `<meta charset>`, or detected), and Markdown's front
//! matter.
//!
//! Rationale: chardetng (Firefox's detector) guesses legacy encodings from
//! byte statistics; a text that is valid UTF-8 is taken as UTF-8 first,
//! since a legacy text is almost never valid UTF-8 by chance, and the
//! guess is reported so that a wrong one can be overruled with
//! `--encoding`.

use crate::{meta, DocumentMeta, Format, Read, ReadError};
use encoding_rs::{DecoderResult, Encoding, UTF_16BE, UTF_16LE, UTF_8};

/// The text of `bytes`, the encoding it was decoded from when not UTF-8,
/// and notes.
pub(crate) fn decode(
    bytes: &[u8],
    asked: Option<&'static Encoding>,
    format: Format,
) -> Result<(String, Option<String>, Vec<String>), ReadError> {
    if let Some((enc, bom)) = Encoding::for_bom(bytes) {
        let body = &bytes[bom..];
        let s = strict(enc, body)?;
        let name = (enc != UTF_8).then(|| enc.name().to_string());
        return Ok((s, name, Vec::new()));
    }
    if bytes.iter().take(8192).any(|&b| b == 0) {
        return Err(ReadError::Binary);
    }
    if let Ok(s) = std::str::from_utf8(bytes) {
        return Ok((s.to_string(), None, Vec::new()));
    }
    if let Some(enc) = asked {
        let s = strict(enc, bytes)?;
        return Ok((s, Some(enc.name().to_string()), Vec::new()));
    }
    if format == Format::Html {
        if let Some(enc) = html_charset(bytes).filter(|e| *e != UTF_8) {
            let (s, _) = enc.decode_without_bom_handling(bytes);
            return Ok((s.into_owned(), Some(enc.name().to_string()), Vec::new()));
        }
    }
    let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    detector.feed(bytes, true);
    let enc = detector.guess(None, chardetng::Utf8Detection::Allow);
    if enc == UTF_8 || enc == UTF_16LE || enc == UTF_16BE {
        // Invalid UTF-8 that the detector still takes for UTF-8.
        let offset = std::str::from_utf8(bytes)
            .err()
            .map(|e| e.valid_up_to())
            .unwrap_or(0);
        return Err(ReadError::Undecodable {
            encoding: "UTF-8".into(),
            offset,
        });
    }
    let (s, errors) = enc.decode_without_bom_handling(bytes);
    let mut notes = vec![format!(
        "not UTF-8: read as {} (detected; give --encoding if that is wrong)",
        enc.name()
    )];
    if errors {
        notes.push(format!(
            "some bytes are not {} and were replaced by U+FFFD",
            enc.name()
        ));
    }
    Ok((s.into_owned(), Some(enc.name().to_string()), notes))
}

/// Decodes all of `bytes` or says where it cannot.
fn strict(enc: &'static Encoding, bytes: &[u8]) -> Result<String, ReadError> {
    let mut decoder = enc.new_decoder_without_bom_handling();
    let mut out = String::with_capacity(
        decoder
            .max_utf8_buffer_length_without_replacement(bytes.len())
            .unwrap_or(bytes.len() * 3),
    );
    let (result, read) = decoder.decode_to_string_without_replacement(bytes, &mut out, true);
    match result {
        DecoderResult::InputEmpty => Ok(out),
        DecoderResult::Malformed(bad, _) => Err(ReadError::Undecodable {
            encoding: enc.name().to_string(),
            offset: read.saturating_sub(bad as usize),
        }),
        DecoderResult::OutputFull => Err(ReadError::Undecodable {
            encoding: enc.name().to_string(),
            offset: read,
        }),
    }
}

/// The encoding an HTML page declares in its first kilobytes.
fn html_charset(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(4096)]).to_ascii_lowercase();
    let at = head.find("charset=")? + "charset=".len();
    let label: String = head[at..]
        .trim_start_matches(['"', '\''])
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | ':' | '.'))
        .collect();
    Encoding::for_label(label.as_bytes())
}

/// A Markdown document: its front matter (YAML between `---` lines, or
/// TOML between `+++` lines) becomes metadata and leaves the text; without
/// a title there, the first `# ` heading is the title.
pub(crate) fn markdown(s: &str) -> Read {
    let (fields, body) = front_matter(s);
    let mut notes = Vec::new();
    let mut m = DocumentMeta::default();
    let mut i = 0;
    while i < fields.len() {
        let (key, value) = &fields[i];
        i += 1;
        // A YAML list under the key ("authors:" then "- A" lines).
        let mut values: Vec<String> = Vec::new();
        if value.is_empty() {
            while i < fields.len() && fields[i].0 == "-" {
                values.push(fields[i].1.clone());
                i += 1;
            }
        } else if let Some(inner) = value.strip_prefix('[').and_then(|v| v.strip_suffix(']')) {
            values = inner
                .split(',')
                .map(unquote)
                .filter(|v| !v.is_empty())
                .collect();
        } else {
            values.push(value.clone());
        }
        let first = values.first().cloned();
        match key.as_str() {
            "title" | "headline" => m.title = first,
            "date" | "published" | "pubdate" | "date_published" | "datepublished"
            | "publication_date" => {
                if let Some(v) = first {
                    match meta::parse_date(&v) {
                        Some(d) => {
                            m.date = Some(d);
                            m.date_source = Some("front-matter".into());
                        }
                        None => notes.push(format!("front matter date {v:?} not understood")),
                    }
                }
            }
            "author" | "authors" | "creator" | "creators" | "by" => m.creators = values,
            "publisher" | "source_name" | "site" | "site_name" | "outlet" => m.publisher = first,
            "url" | "source" | "link" | "canonical_url" | "canonical" => m.source_url = first,
            _ => {}
        }
    }
    if m.title.is_none() {
        m.title = body
            .lines()
            .find_map(|l| l.strip_prefix("# "))
            .map(|t| t.trim().to_string());
    }
    Read {
        text: body.to_string(),
        meta: m,
        format: Format::Markdown,
        pages: None,
        encoding: None,
        notes,
    }
}

/// The fields of a front matter (keys lowercased; list items as ("-",
/// value)) and the text after it.
fn front_matter(s: &str) -> (Vec<(String, String)>, String) {
    let s = s.strip_prefix('\u{feff}').unwrap_or(s);
    let fence = match s.lines().next() {
        Some(l) if l.trim_end() == "---" => "---",
        Some(l) if l.trim_end() == "+++" => "+++",
        _ => return (Vec::new(), s.to_string()),
    };
    let mut fields = Vec::new();
    let mut consumed = 0;
    let mut closed = false;
    for (n, line) in s.split_inclusive('\n').enumerate() {
        consumed += line.len();
        if n == 0 {
            continue;
        }
        let l = line.trim_end();
        if l == fence || (fence == "---" && l == "...") {
            closed = true;
            break;
        }
        let t = l.trim_start();
        if let Some(item) = t.strip_prefix("- ") {
            fields.push(("-".to_string(), unquote(item)));
        } else if let Some((k, v)) = t.split_once(if fence == "+++" { '=' } else { ':' }) {
            fields.push((k.trim().to_ascii_lowercase(), unquote(v)));
        }
    }
    if !closed {
        return (Vec::new(), s.to_string());
    }
    (fields, s[consumed..].trim_start_matches('\n').to_string())
}

fn unquote(v: &str) -> String {
    let v = v.trim();
    let v = v
        .strip_prefix('"')
        .and_then(|v| v.strip_suffix('"'))
        .or_else(|| v.strip_prefix('\'').and_then(|v| v.strip_suffix('\'')))
        .unwrap_or(v);
    v.trim().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn legacy_texts_are_detected_or_named() {
        let latin1 =
            b"Se\xf1or Mu\xf1oz dijo que la polic\xeda incaut\xf3 fentanilo en la frontera.";
        let (s, enc, notes) = decode(latin1, None, Format::Text).unwrap();
        assert!(s.contains("Señor Muñoz"), "{s}");
        assert_eq!(enc.as_deref(), Some("windows-1252"));
        assert_eq!(notes.len(), 1);
        let (s, _, notes) = decode(latin1, Encoding::for_label(b"latin1"), Format::Text).unwrap();
        assert!(s.contains("policía") && notes.is_empty());
        let utf16 = [
            &[0xFF, 0xFE][..],
            &"Hi"
                .encode_utf16()
                .flat_map(u16::to_le_bytes)
                .collect::<Vec<_>>(),
        ]
        .concat();
        assert_eq!(decode(&utf16, None, Format::Text).unwrap().0, "Hi");
        assert_eq!(decode(b"a\0b", None, Format::Text), Err(ReadError::Binary));
    }

    #[test]
    fn front_matter_is_metadata() {
        let r = markdown("---\ntitle: \"Port seizures rise\"\ndate: 2024-03-05\nauthors:\n  - Ana Ruiz\n  - Bo Chen\npublisher: Border Weekly\nurl: https://example.org/a\n---\n\nBody text.\n");
        assert_eq!(r.text, "Body text.\n");
        assert_eq!(r.meta.title.as_deref(), Some("Port seizures rise"));
        assert_eq!(r.meta.date.as_deref(), Some("2024-03-05"));
        assert_eq!(r.meta.date_source.as_deref(), Some("front-matter"));
        assert_eq!(r.meta.creators, ["Ana Ruiz", "Bo Chen"]);
        assert_eq!(r.meta.publisher.as_deref(), Some("Border Weekly"));
        assert_eq!(r.meta.source_url.as_deref(), Some("https://example.org/a"));
        let r = markdown("# A heading\n\nText.");
        assert_eq!(r.meta.title.as_deref(), Some("A heading"));
        assert_eq!(r.text, "# A heading\n\nText.");
    }
}
