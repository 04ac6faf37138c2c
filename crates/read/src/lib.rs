//! fentanyl-kg's first stage: a document's bytes to its text and its
//! metadata. Plain text in any encoding (UTF-8, UTF-16 with a byte order
//! mark, or detected; `with_encoding` to say which), Markdown with front
//! matter, HTML (title, `<meta>`, Open Graph and JSON-LD article metadata,
//! the main text without navigation), PDF (the text layer, pages kept) and
//! DOCX. Anything else is refused with the reason and the tool that would
//! convert it.
//!
//! No I/O: the binary reads the files and hands their bytes in, with the
//! file name (its extension decides between formats whose bytes do not).
//!
//! Pages: a PDF's pages are joined with a line holding a form feed
//! (`"\n\u{c}\n"`), so the page of a character offset is one more than the
//! form feeds before it (`page_at`); the extractor sees an empty line.

mod docx;
mod html;
mod meta;
mod pdf;
mod text;

pub use fkg_model::DocumentMeta;
pub use meta::{parse_date, parse_sidecar, MetaTable};
pub use pdf::panic_is_caught;

use encoding_rs::Encoding;

/// The separator between two pages of a paged document.
pub const PAGE_BREAK: &str = "\n\u{c}\n";

/// The formats read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Text,
    Markdown,
    Html,
    Pdf,
    Docx,
}

impl Format {
    pub fn name(self) -> &'static str {
        match self {
            Format::Text => "text",
            Format::Markdown => "markdown",
            Format::Html => "html",
            Format::Pdf => "pdf",
            Format::Docx => "docx",
        }
    }
}

/// The extensions a folder is searched for.
pub const EXTENSIONS: &[&str] = &[
    "txt", "text", "md", "markdown", "html", "htm", "xhtml", "pdf", "docx",
];

/// Extensions of documents that are not read, with what converts them; a
/// folder's files with these are reported, not silently passed over.
pub const CONVERTIBLE: &[(&str, &str, &str)] = &[
    (
        "doc",
        "Word 97-2003 document",
        "libreoffice --headless --convert-to docx FILE",
    ),
    (
        "rtf",
        "RTF document",
        "libreoffice --headless --convert-to docx FILE",
    ),
    (
        "odt",
        "OpenDocument text",
        "libreoffice --headless --convert-to docx FILE",
    ),
    ("epub", "EPUB book", "pandoc -t plain -o FILE.txt FILE"),
    (
        "pptx",
        "PowerPoint presentation",
        "libreoffice --headless --convert-to pdf FILE",
    ),
    (
        "ppt",
        "PowerPoint presentation",
        "libreoffice --headless --convert-to pdf FILE",
    ),
    (
        "xlsx",
        "spreadsheet",
        "libreoffice --headless --convert-to csv FILE, then a text of it",
    ),
    (
        "xls",
        "spreadsheet",
        "libreoffice --headless --convert-to csv FILE, then a text of it",
    ),
    (
        "tif",
        "scanned image",
        "ocrmypdf FILE out.pdf (OCR), then build from out.pdf",
    ),
    (
        "tiff",
        "scanned image",
        "ocrmypdf FILE out.pdf (OCR), then build from out.pdf",
    ),
    (
        "djvu",
        "DjVu scan",
        "ddjvu -format=pdf FILE out.pdf, then OCR",
    ),
];

/// Why a document cannot be read; each says what would convert it.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum ReadError {
    /// A format that is not read.
    #[error("{what} is not read; convert it first, e.g. `{tool}`")]
    Unsupported { what: String, tool: String },
    /// A PDF with no text on any page.
    #[error("PDF without a text layer ({pages} page(s) of images, a scan?); run OCR first, e.g. `ocrmypdf FILE out.pdf`, and build from out.pdf")]
    NoTextLayer { pages: usize },
    /// A PDF that needs a password.
    #[error("encrypted PDF that needs a password; decrypt it first, e.g. `qpdf --decrypt --password=PASSWORD FILE out.pdf`")]
    Encrypted,
    /// A file of a known format that does not parse.
    #[error("damaged {format} ({detail}); {advice}")]
    Damaged {
        format: &'static str,
        detail: String,
        advice: &'static str,
    },
    #[error("binary file (contains NUL bytes), not a text document; if it is text in UTF-16 or UTF-32 without a byte order mark, convert it, e.g. `iconv -f utf-16le -t utf-8`")]
    Binary,
    /// Text that is not valid in the encoding asked for.
    #[error("not valid {encoding} text (byte {offset}); give the right --encoding, or convert it, e.g. `iconv -f ENCODING -t utf-8`")]
    Undecodable { encoding: String, offset: usize },
    #[error("unknown encoding {0:?} (give a WHATWG label: utf-8, latin1, windows-1252, iso-8859-15, shift_jis, gb18030, utf-16le, …)")]
    UnknownEncoding(String),
    #[error("empty document (no text)")]
    Empty,
    /// A sidecar or `--meta` table that does not parse.
    #[error("{0}")]
    Meta(String),
}

/// A document read: its text (what evidence offsets index), its metadata
/// and what the reader noticed on the way.
#[derive(Debug, Clone, PartialEq)]
pub struct Read {
    pub text: String,
    pub meta: DocumentMeta,
    pub format: Format,
    /// The number of pages of a paged document (PDF).
    pub pages: Option<usize>,
    /// The encoding text was decoded from, when not UTF-8.
    pub encoding: Option<String>,
    /// Warnings: a date not understood, pages without text, an encoding
    /// guessed.
    pub notes: Vec<String>,
}

/// Reads documents. `Reader::new()` detects encodings; `with_encoding`
/// names the one of texts that are not UTF-8.
#[derive(Debug, Clone, Copy, Default)]
pub struct Reader {
    encoding: Option<&'static Encoding>,
}

impl Reader {
    pub fn new() -> Self {
        Self::default()
    }

    /// The encoding of plain texts that are not valid UTF-8 (a WHATWG
    /// label: "latin1", "windows-1252", "shift_jis", …), instead of
    /// detecting it.
    pub fn with_encoding(mut self, label: &str) -> Result<Self, ReadError> {
        self.encoding = Some(
            Encoding::for_label(label.trim().as_bytes())
                .ok_or_else(|| ReadError::UnknownEncoding(label.to_string()))?,
        );
        Ok(self)
    }

    /// Reads one document from its bytes; `name` is its file name (or
    /// path), whose extension decides between text, Markdown and HTML.
    pub fn read(&self, name: &str, bytes: &[u8]) -> Result<Read, ReadError> {
        let ext = extension(name);
        let mut read = match sniff(&ext, bytes)? {
            Format::Pdf => pdf::read(bytes)?,
            Format::Docx => docx::read(bytes)?,
            f @ (Format::Text | Format::Markdown | Format::Html) => {
                let (s, encoding, mut notes) = text::decode(bytes, self.encoding, f)?;
                let mut read = match f {
                    Format::Html => html::read(&s),
                    Format::Markdown => text::markdown(&s),
                    _ => Read {
                        text: s,
                        meta: DocumentMeta::default(),
                        format: Format::Text,
                        pages: None,
                        encoding: None,
                        notes: Vec::new(),
                    },
                };
                read.encoding = encoding;
                notes.append(&mut read.notes);
                read.notes = notes;
                read
            }
        };
        read.text = normalise_newlines(&read.text);
        if read.text.trim().is_empty() {
            return Err(ReadError::Empty);
        }
        if read
            .meta
            .title
            .as_deref()
            .is_some_and(|t| t.trim().is_empty())
        {
            read.meta.title = None;
        }
        Ok(read)
    }
}

/// The page (from 1) of character offset `char_offset` of a text whose
/// pages are separated by form feeds; `None` for a text without pages.
pub fn page_at(text: &str, char_offset: usize) -> Option<usize> {
    if !text.contains('\u{c}') {
        return None;
    }
    Some(
        1 + text
            .chars()
            .take(char_offset)
            .filter(|&c| c == '\u{c}')
            .count(),
    )
}

fn extension(name: &str) -> String {
    let file = name.rsplit(['/', '\\']).next().unwrap_or(name);
    match file.rsplit_once('.') {
        Some((stem, ext)) if !stem.is_empty() => ext.to_ascii_lowercase(),
        _ => String::new(),
    }
}

/// The format of a file, from its first bytes, then its extension.
fn sniff(ext: &str, bytes: &[u8]) -> Result<Format, ReadError> {
    let head = &bytes[..bytes.len().min(1024)];
    let unsupported = |what: &str, tool: &str| ReadError::Unsupported {
        what: what.into(),
        tool: tool.into(),
    };
    if head.windows(5).any(|w| w == b"%PDF-") {
        return Ok(Format::Pdf);
    }
    if bytes.starts_with(b"PK\x03\x04") {
        return match ext {
            "docx" | "docm" | "dotx" => Ok(Format::Docx),
            _ if contains(bytes, b"word/document.xml") => Ok(Format::Docx),
            "odt" | "ods" | "odp" => Err(unsupported(
                "an OpenDocument file",
                "libreoffice --headless --convert-to docx FILE",
            )),
            "epub" => Err(unsupported(
                "an EPUB book",
                "pandoc -t plain -o FILE.txt FILE",
            )),
            "xlsx" | "pptx" => Err(unsupported(
                "an Office spreadsheet or presentation",
                "libreoffice --headless --convert-to pdf FILE",
            )),
            _ => Err(unsupported("a zip archive", "unzip FILE")),
        };
    }
    if bytes.starts_with(b"\xD0\xCF\x11\xE0") {
        return Err(unsupported(
            "a Word 97-2003 (or other OLE) document",
            "libreoffice --headless --convert-to docx FILE",
        ));
    }
    if bytes.starts_with(b"{\\rtf") {
        return Err(unsupported(
            "an RTF document",
            "libreoffice --headless --convert-to docx FILE",
        ));
    }
    if bytes.starts_with(b"\x1f\x8b") {
        return Err(unsupported("a gzip-compressed file", "gunzip FILE"));
    }
    if bytes.starts_with(b"\x89PNG")
        || bytes.starts_with(b"\xFF\xD8\xFF")
        || bytes.starts_with(b"GIF8")
        || bytes.starts_with(b"II*\0")
        || bytes.starts_with(b"MM\0*")
    {
        return Err(unsupported(
            "an image",
            "ocrmypdf FILE out.pdf (OCR), then build from out.pdf",
        ));
    }
    // A name that promises a PDF or a DOCX whose bytes are none.
    match ext {
        "pdf" => {
            return Err(ReadError::Damaged {
                format: "PDF",
                detail: "no %PDF- header: not a PDF, or the start of the file is missing".into(),
                advice: "download or export it again",
            })
        }
        "docx" => {
            return Err(ReadError::Damaged {
                format: "DOCX",
                detail: "not a zip archive".into(),
                advice: "open and save it again as .docx, or save it as plain text",
            })
        }
        _ => {}
    }
    if let Some((_, what, tool)) = CONVERTIBLE.iter().find(|(e, _, _)| *e == ext) {
        return Err(unsupported(&format!("a {what} (.{ext})"), tool));
    }
    Ok(match ext {
        "html" | "htm" | "xhtml" => Format::Html,
        "md" | "markdown" => Format::Markdown,
        _ => Format::Text,
    })
}

fn contains(hay: &[u8], needle: &[u8]) -> bool {
    hay.windows(needle.len()).any(|w| w == needle)
}

/// CR LF and lone CR become LF; a byte order mark goes.
fn normalise_newlines(s: &str) -> String {
    let s = s.strip_prefix('\u{feff}').unwrap_or(s);
    if s.contains('\r') {
        s.replace("\r\n", "\n").replace('\r', "\n")
    } else {
        s.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(name: &str, bytes: &[u8], text: &str) {
        let r = Reader::new().read(name, bytes).expect("reads");
        assert_eq!(r.text, text);
    }

    #[test]
    fn formats_by_content_then_extension() {
        check("a.txt", b"Plain words.\n", "Plain words.\n");
        check("a.html", b"<p>One</p><p>Two</p>", "One\n\nTwo");
        assert!(matches!(
            Reader::new().read("a.txt", b"{\\rtf1 x}"),
            Err(ReadError::Unsupported { .. })
        ));
        assert!(matches!(
            Reader::new().read("scan.png", b"\x89PNG\r\n\x1a\n...."),
            Err(ReadError::Unsupported { .. })
        ));
        assert_eq!(Reader::new().read("e.txt", b"  \n"), Err(ReadError::Empty));
        assert!(matches!(
            Reader::new().read("cut.pdf", b"  /Type /Page >> endobj"),
            Err(ReadError::Damaged { format: "PDF", .. })
        ));
        assert!(matches!(
            Reader::new().read("a.docx", b"plain"),
            Err(ReadError::Damaged { format: "DOCX", .. })
        ));
    }

    #[test]
    fn a_pdf_is_a_pdf_whatever_its_name() {
        // An uncompressed PDF once went in as text titled "1 0 obj<<…".
        let bytes = crate::pdf::tests::one_page("Plain words", None);
        let r = Reader::new().read("notes.txt", &bytes).unwrap();
        assert_eq!((r.format, r.text.trim()), (Format::Pdf, "Plain words"));
        assert_eq!(r.pages, Some(1));
    }

    #[test]
    fn html_in_its_declared_charset() {
        let r = Reader::new()
            .read(
                "p.html",
                b"<html><head><meta charset=\"iso-8859-1\"><title>Se\xf1or</title></head><body><p>Ma\xf1ana</p></body></html>",
            )
            .unwrap();
        assert_eq!(r.text, "Mañana");
        assert_eq!(r.meta.title.as_deref(), Some("Señor"));
        assert_eq!(r.encoding.as_deref(), Some("windows-1252"));
    }

    #[test]
    fn pages_from_offsets() {
        let t = format!("one{PAGE_BREAK}two{PAGE_BREAK}three");
        assert_eq!(page_at(&t, 0), Some(1));
        assert_eq!(page_at(&t, t.find("two").unwrap()), Some(2));
        assert_eq!(page_at(&t, t.find("three").unwrap()), Some(3));
        assert_eq!(page_at("no pages", 3), None);
    }

    #[test]
    fn unknown_encodings_are_refused() {
        assert!(Reader::new().with_encoding("latin1").is_ok());
        assert!(matches!(
            Reader::new().with_encoding("klingon"),
            Err(ReadError::UnknownEncoding(_))
        ));
    }
}
