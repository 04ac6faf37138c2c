//! Reading documents from files and folders: which files a folder holds,
//! size limits, the metadata beside a file (a sidecar, a `--meta` table);
//! `fkg-read` turns each file's bytes into text and metadata.

use fkg_read::{DocumentMeta, Format, MetaTable, Reader, CONVERTIBLE, EXTENSIONS};
use sha2::{Digest, Sha256};
use std::path::{Path, PathBuf};

/// A document read from disk, ready for extraction.
#[derive(Debug, Clone)]
pub struct Document {
    pub id: String,
    pub path: PathBuf,
    pub text: String,
    pub sha256: String,
    /// Its metadata: the file's own, then a sidecar's, then its `--meta` row.
    pub meta: DocumentMeta,
    /// Hex SHA-256 of `meta`, `None` when it is empty.
    pub meta_hash: Option<String>,
    pub media_type: &'static str,
    /// What reading it noticed (a guessed encoding, pages without text).
    pub notes: Vec<String>,
    /// The row of the `--meta` table that gave metadata.
    pub meta_row: Option<usize>,
}

/// How documents are read: the reader (with its encoding) and the `--meta`
/// table with the folder its paths are relative to.
#[derive(Debug, Clone, Default)]
pub struct ReadOptions {
    pub max_bytes: u64,
    pub reader: Reader,
    pub table: Option<(MetaTable, PathBuf)>,
}

/// Why a file was skipped.
#[derive(Debug, Clone)]
pub struct Rejected {
    pub path: PathBuf,
    pub reason: String,
}

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
            } else {
                let ext = p
                    .extension()
                    .map(|e| e.to_string_lossy().to_lowercase())
                    .unwrap_or_default();
                if EXTENSIONS.contains(&ext.as_str()) {
                    self.file(p);
                } else if let Some((_, what, tool)) = CONVERTIBLE.iter().find(|(e, _, _)| *e == ext)
                {
                    self.rejected.push(Rejected {
                        path: p.clone(),
                        reason: format!(
                            "a {what} (.{ext}) is not read; convert it first, e.g. `{}`",
                            tool.replace("FILE", &p.display().to_string())
                        ),
                    });
                }
            }
        }
        self.open_dirs.pop();
    }
}

/// Reads one document, or says why it cannot be used.
pub fn read(path: &Path, opts: &ReadOptions) -> Result<Document, Rejected> {
    let reject = |reason: String| Rejected {
        path: path.to_path_buf(),
        reason,
    };
    let meta = std::fs::metadata(path).map_err(|e| reject(format!("cannot read: {e}")))?;
    if meta.len() > opts.max_bytes {
        return Err(reject(format!(
            "{} bytes is over the limit of {} (raise it with --max-bytes)",
            meta.len(),
            opts.max_bytes
        )));
    }
    let bytes = std::fs::read(path).map_err(|e| reject(format!("cannot read: {e}")))?;
    document(path, &bytes, opts, true)
}

/// A document posted under the name `path` (no file: its extension says
/// how its bytes are read, its stem is the id, and no sidecar or `--meta`
/// row applies), or why it cannot be used.
pub fn from_bytes(path: &Path, bytes: &[u8], reader: Reader) -> Result<Document, Rejected> {
    let opts = ReadOptions {
        max_bytes: u64::MAX,
        reader,
        table: None,
    };
    document(path, bytes, &opts, false)
}

/// A document posted as read already (`fkg build` through a server): its
/// text taken as it is, with `meta`.
pub fn as_read(
    path: &Path,
    text: String,
    meta: DocumentMeta,
    media_type: Option<&str>,
) -> Result<Document, Rejected> {
    if text.trim().is_empty() {
        return Err(Rejected {
            path: path.to_path_buf(),
            reason: "empty document (no text)".into(),
        });
    }
    let formats = [
        Format::Text,
        Format::Markdown,
        Format::Html,
        Format::Pdf,
        Format::Docx,
    ];
    let media_type = formats
        .into_iter()
        .map(media_type_of)
        .find(|m| Some(*m) == media_type)
        .unwrap_or("text/plain");
    Ok(finish(path, text, meta, media_type, Vec::new(), None))
}

/// A document from the bytes of `path`, with the metadata of a sidecar
/// beside it and of its `--meta` row when it is a file (`beside_file`).
fn document(
    path: &Path,
    bytes: &[u8],
    opts: &ReadOptions,
    beside_file: bool,
) -> Result<Document, Rejected> {
    let reject = |reason: String| Rejected {
        path: path.to_path_buf(),
        reason,
    };
    let file = path.display().to_string();
    let read = opts
        .reader
        .read(&file, bytes)
        .map_err(|e| reject(e.to_string().replace("FILE", &file)))?;
    let mut meta = read.meta;
    // A sidecar beside the file: report.pdf.meta.json.
    let mut sidecar = path.as_os_str().to_owned();
    sidecar.push(".meta.json");
    let sidecar = PathBuf::from(sidecar);
    if beside_file && sidecar.is_file() {
        let bytes = std::fs::read(&sidecar).map_err(|e| {
            reject(format!(
                "cannot read its sidecar {}: {e}",
                sidecar.display()
            ))
        })?;
        let over = fkg_read::parse_sidecar(&bytes)
            .map_err(|e| reject(format!("its sidecar {}: {e}", sidecar.display())))?;
        meta.overlay(&over);
    }
    let id = doc_id(path);
    let mut meta_row = None;
    if let Some((table, base)) = &opts.table {
        if let Some((row, over)) = table.lookup(&table_keys(path, base, &id)) {
            meta.overlay(over);
            meta_row = Some(row);
        }
    }
    Ok(finish(
        path,
        read.text,
        meta,
        media_type_of(read.format),
        read.notes,
        meta_row,
    ))
}

/// A document of `text` and `meta`, hashed.
fn finish(
    path: &Path,
    text: String,
    meta: DocumentMeta,
    media_type: &'static str,
    notes: Vec<String>,
    meta_row: Option<usize>,
) -> Document {
    let sha256 = hex(&Sha256::digest(text.as_bytes()));
    let meta_hash = (meta != DocumentMeta::default()).then(|| {
        hex(&Sha256::digest(
            serde_json::to_string(&meta).unwrap_or_default().as_bytes(),
        ))
    });
    Document {
        id: doc_id(path),
        path: path.to_path_buf(),
        text,
        sha256,
        meta,
        meta_hash,
        media_type,
        notes,
        meta_row,
    }
}

/// The names a `--meta` table may give a file by: its path relative to
/// the table's folder, its path as given, its file name, its id.
fn table_keys(path: &Path, base: &Path, id: &str) -> Vec<String> {
    let mut keys = Vec::new();
    if let (Ok(p), Ok(b)) = (std::fs::canonicalize(path), std::fs::canonicalize(base)) {
        if let Ok(rel) = p.strip_prefix(&b) {
            keys.push(rel.display().to_string());
        }
    }
    keys.push(path.display().to_string());
    if let Some(name) = path.file_name() {
        keys.push(name.to_string_lossy().to_string());
    }
    keys.push(id.to_string());
    keys
}

fn media_type_of(f: Format) -> &'static str {
    match f {
        Format::Text => "text/plain",
        Format::Markdown => "text/markdown",
        Format::Html => "text/html",
        Format::Pdf => "application/pdf",
        Format::Docx => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    }
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_iri_safe() {
        assert_eq!(doc_id(Path::new("a/b c.d.txt")), "b_c_d");
        assert_eq!(doc_id(Path::new("000_d1c6.txt")), "000_d1c6");
    }
}
