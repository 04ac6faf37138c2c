//! Reading documents from files and folders: UTF-8 checks, binary and empty
//! detection, size limits, HTML to text.

use regex::Regex;
use sha2::{Digest, Sha256};
use std::path::{Path, PathBuf};
use std::sync::LazyLock;

/// A document read from disk, ready for extraction.
#[derive(Debug, Clone)]
pub struct Document {
    pub id: String,
    pub path: PathBuf,
    pub text: String,
    pub sha256: String,
}

/// Why a file was skipped.
#[derive(Debug, Clone)]
pub struct Rejected {
    pub path: PathBuf,
    pub reason: String,
}

const EXTENSIONS: &[&str] = &["txt", "md", "markdown", "html", "htm"];

/// Expands files and folders into the document files to read, sorted.
/// Paths that do not exist are rejected. Symbolic links are followed, but
/// every file is read once (the first path that reaches it, in sorted
/// order) and a link back to a folder being read is reported as a loop,
/// not followed.
pub fn collect(paths: &[PathBuf]) -> (Vec<PathBuf>, Vec<Rejected>) {
    let mut walk = Walk::default();
    for p in paths {
        if p.is_dir() {
            let before = (walk.files.len(), walk.rejected.len());
            let again = walk.already_read(p);
            walk.dir(p);
            if !again && (walk.files.len(), walk.rejected.len()) == before {
                walk.rejected.push(Rejected {
                    path: p.clone(),
                    reason: format!("folder has no documents ({})", EXTENSIONS.join(", ")),
                });
            }
        } else if p.is_file() {
            walk.file(p.clone());
        } else {
            walk.rejected.push(Rejected {
                path: p.clone(),
                reason: "no such file or folder".into(),
            });
        }
    }
    let mut files = walk.files;
    files.sort();
    (files, walk.rejected)
}

/// A walk over folders that follows links without reading anything twice.
#[derive(Default)]
struct Walk {
    files: Vec<PathBuf>,
    rejected: Vec<Rejected>,
    /// Canonical paths of the files taken.
    seen_files: std::collections::HashSet<PathBuf>,
    /// Canonical paths of the folders read (or being read).
    seen_dirs: std::collections::HashSet<PathBuf>,
    /// Canonical paths of the folders being read, outermost first.
    open_dirs: Vec<PathBuf>,
}

impl Walk {
    fn file(&mut self, p: PathBuf) {
        let key = std::fs::canonicalize(&p).unwrap_or_else(|_| p.clone());
        if self.seen_files.insert(key) {
            self.files.push(p);
        }
    }

    /// Whether folder `p` has been read already (through another path).
    fn already_read(&self, p: &Path) -> bool {
        std::fs::canonicalize(p).is_ok_and(|c| self.seen_dirs.contains(&c))
    }

    fn dir(&mut self, dir: &Path) {
        let canonical = match std::fs::canonicalize(dir) {
            Ok(c) => c,
            Err(e) => {
                // ELOOP: a link that points (through others) at itself.
                self.rejected.push(Rejected {
                    path: dir.to_path_buf(),
                    reason: format!("cannot read folder: {e}"),
                });
                return;
            }
        };
        if self.open_dirs.contains(&canonical) {
            self.rejected.push(Rejected {
                path: dir.to_path_buf(),
                reason: format!(
                    "symbolic link loop: leads back to {}, which is being read; not followed",
                    canonical.display()
                ),
            });
            return;
        }
        if !self.seen_dirs.insert(canonical.clone()) {
            return; // Another link to a folder already read.
        }
        let entries = match std::fs::read_dir(dir) {
            Ok(e) => e,
            Err(e) => {
                self.rejected.push(Rejected {
                    path: dir.to_path_buf(),
                    reason: format!("cannot read folder: {e}"),
                });
                return;
            }
        };
        self.open_dirs.push(canonical);
        let mut paths: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
        paths.sort();
        for p in paths {
            if p.file_name()
                .is_some_and(|n| n.to_string_lossy().starts_with('.'))
            {
                continue;
            }
            if p.is_dir() {
                self.dir(&p);
            } else if p
                .extension()
                .is_some_and(|e| EXTENSIONS.contains(&e.to_string_lossy().to_lowercase().as_str()))
            {
                self.file(p);
            }
        }
        self.open_dirs.pop();
    }
}

/// Reads one document, or says why it cannot be used.
pub fn read(path: &Path, max_bytes: u64) -> Result<Document, Rejected> {
    let reject = |reason: String| Rejected {
        path: path.to_path_buf(),
        reason,
    };
    let meta = std::fs::metadata(path).map_err(|e| reject(format!("cannot read: {e}")))?;
    if meta.len() > max_bytes {
        return Err(reject(format!(
            "{} bytes is over the limit of {max_bytes} (raise it with --max-bytes)",
            meta.len()
        )));
    }
    let bytes = std::fs::read(path).map_err(|e| reject(format!("cannot read: {e}")))?;
    from_bytes(path, bytes)
}

/// A document from the bytes of the file at `path` (which need not exist:
/// its extension says whether it is HTML, its stem is the id), or why it
/// cannot be used.
pub fn from_bytes(path: &Path, bytes: Vec<u8>) -> Result<Document, Rejected> {
    let reject = |reason: String| Rejected {
        path: path.to_path_buf(),
        reason,
    };
    if bytes.iter().take(8192).any(|&b| b == 0) {
        return Err(reject(
            "binary file (contains NUL bytes), not a text document".into(),
        ));
    }
    let text = String::from_utf8(bytes).map_err(|e| {
        reject(format!(
            "not UTF-8 text (invalid byte at offset {}); convert it first, e.g. `iconv -f latin1 -t utf-8`",
            e.utf8_error().valid_up_to()
        ))
    })?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text).to_string();
    let is_html = path
        .extension()
        .is_some_and(|e| matches!(e.to_string_lossy().to_lowercase().as_str(), "html" | "htm"));
    let text = if is_html { html_to_text(&text) } else { text };
    if text.trim().is_empty() {
        return Err(reject("empty document (no text)".into()));
    }
    let sha256 = hex(&Sha256::digest(text.as_bytes()));
    Ok(Document {
        id: doc_id(path),
        path: path.to_path_buf(),
        text,
        sha256,
    })
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// The document id: the file name without extension, made IRI-safe.
pub fn doc_id(path: &Path) -> String {
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().to_string())
        .unwrap_or_default();
    let id: String = stem
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
                c
            } else {
                '_'
            }
        })
        .collect();
    if id.is_empty() {
        "document".into()
    } else {
        id
    }
}

/// A plain-text rendering of an HTML page: scripts and styles dropped,
/// block elements become line breaks, entities decoded.
pub fn html_to_text(html: &str) -> String {
    static DROP: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r"(?is)<(script|style|noscript|head)\b.*?</(?:script|style|noscript|head)>|<!--.*?-->",
        )
        .expect("drop")
    });
    static BLOCK: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)</?(?:p|div|br|li|ul|ol|h[1-6]|tr|table|section|article|blockquote|header|footer)\b[^>]*>").expect("block")
    });
    static TAG: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"<[^>]*>").expect("tag"));
    static BLANKS: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"\n[ \t]*\n(?:[ \t]*\n)+").expect("blanks"));
    let s = DROP.replace_all(html, "");
    let s = BLOCK.replace_all(&s, "\n");
    let s = TAG.replace_all(&s, "");
    let s = s
        .replace("&nbsp;", " ")
        .replace("&amp;", "&")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&rsquo;", "’")
        .replace("&lsquo;", "‘")
        .replace("&ldquo;", "“")
        .replace("&rdquo;", "”")
        .replace("&mdash;", "—")
        .replace("&ndash;", "–");
    BLANKS.replace_all(&s, "\n\n").trim().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_becomes_text() {
        let t = html_to_text("<html><head><title>x</title></head><body><p>DEA &amp; CBP</p><script>x()</script><p>Two</p></body></html>");
        assert_eq!(t, "DEA & CBP\n\nTwo");
    }

    #[test]
    fn ids_are_iri_safe() {
        assert_eq!(doc_id(Path::new("a/b c.d.txt")), "b_c_d");
        assert_eq!(doc_id(Path::new("000_d1c6.txt")), "000_d1c6");
    }
}
