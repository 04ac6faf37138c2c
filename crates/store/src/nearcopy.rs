//! Near-identical copies: a re-posted article with a new header or footer,
//! other whitespace, a changed line. Each document's text gets a MinHash
//! signature (kept in its graph as `fkg:minhash`); locality-sensitive
//! hashing over bands of the signatures finds the candidate pairs, and a
//! pair whose estimated Jaccard similarity reaches [`THRESHOLD`] is a
//! near-copy: the document with the greater id is `fkg:nearCopyOf` the
//! other, in the graph `vocab::NEAR_COPIES_GRAPH`, with a pair node giving
//! the similarity.
//!
//! Rationale: comparing every pair is quadratic (200 million pairs at
//! 20,000 documents). MinHash estimates the Jaccard similarity of two
//! texts' sets of word 5-grams from 128 minima; cutting the signature into
//! 32 bands of 4 and bucketing documents by each band finds, in one linear
//! pass, every pair that agrees on a whole band: a pair of similarity s is
//! a candidate with probability 1 − (1 − s⁴)³², 0.9999 at s = 0.7 and
//! 0.003 at s = 0.15. Only candidates are compared. The relation depends
//! only on the set of stored texts (ordered by id, not by ingest), so it
//! is the same however the documents were batched; it is computed again
//! from the stored signatures after every build, which is linear too.

use fkg_model::vocab;

/// MinHash values per signature.
pub const HASHES: usize = 128;
/// Rows per LSH band (HASHES / ROWS bands).
const ROWS: usize = 4;
/// Words per shingle.
const SHINGLE: usize = 5;
/// The estimated Jaccard similarity from which two texts are near-copies.
pub const THRESHOLD: f64 = 0.7;
/// A bucket larger than this (many near-identical texts) pairs each member
/// with its first members only, so a cluster of k copies costs k·this
/// comparisons, not k².
const BUCKET_CAP: usize = 64;

/// A MinHash signature.
pub type Signature = [u32; HASHES];

fn splitmix(mut z: u64) -> u64 {
    z = z.wrapping_add(0x9e37_79b9_7f4a_7c15);
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

/// FNV-1a, stable across Rust versions (signatures are stored).
fn fnv(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325u64, |h, &b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// The signature of a text: lower-cased alphanumeric words, their
/// 5-grams hashed, and per hash function the least value. `None` for a
/// text without words.
pub fn signature(text: &str) -> Option<Signature> {
    let words: Vec<String> = text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect();
    if words.is_empty() {
        return None;
    }
    let seeds: Vec<u64> = (0..HASHES as u64).map(|i| splitmix(i ^ 0x5eed)).collect();
    let mut sig = [u32::MAX; HASHES];
    for gram in words.windows(SHINGLE.min(words.len())) {
        let h = fnv(gram.join(" ").as_bytes());
        for (m, seed) in sig.iter_mut().zip(&seeds) {
            let v = splitmix(h ^ seed) as u32;
            if v < *m {
                *m = v;
            }
        }
    }
    Some(sig)
}

/// The signature as stored: 1,024 hex digits.
pub fn to_hex(sig: &Signature) -> String {
    sig.iter().map(|v| format!("{v:08x}")).collect()
}

pub fn from_hex(s: &str) -> Option<Signature> {
    if s.len() != HASHES * 8 || !s.is_ascii() {
        return None;
    }
    let mut sig = [0u32; HASHES];
    for (i, v) in sig.iter_mut().enumerate() {
        *v = u32::from_str_radix(&s[i * 8..i * 8 + 8], 16).ok()?;
    }
    Some(sig)
}

/// The estimated Jaccard similarity of two texts.
pub fn similarity(a: &Signature, b: &Signature) -> f64 {
    a.iter().zip(b).filter(|(x, y)| x == y).count() as f64 / HASHES as f64
}

/// A near-copy: `copy` (the greater id) of `original`, with their
/// estimated similarity.
#[derive(Debug, Clone, PartialEq)]
pub struct NearCopy {
    pub copy: String,
    pub original: String,
    pub similarity: f64,
}

/// Every near-copy pair among `docs` (id, signature), found through LSH
/// bands; sorted by copy, then original.
pub fn near_copies(docs: &[(String, Signature)]) -> Vec<NearCopy> {
    let mut order: Vec<usize> = (0..docs.len()).collect();
    order.sort_by(|&a, &b| docs[a].0.cmp(&docs[b].0));
    let mut candidates = std::collections::HashSet::new();
    for band in 0..HASHES / ROWS {
        let mut buckets: std::collections::HashMap<&[u32], Vec<usize>> =
            std::collections::HashMap::new();
        for &i in &order {
            let key = &docs[i].1[band * ROWS..(band + 1) * ROWS];
            buckets.entry(key).or_default().push(i);
        }
        for members in buckets.values().filter(|m| m.len() > 1) {
            for (k, &i) in members.iter().enumerate() {
                for &j in &members[..k.min(BUCKET_CAP)] {
                    candidates.insert((i, j));
                }
            }
        }
    }
    let mut out: Vec<NearCopy> = candidates
        .into_iter()
        .filter_map(|(i, j)| {
            let s = similarity(&docs[i].1, &docs[j].1);
            (s >= THRESHOLD).then(|| {
                // `order` puts j (an earlier member) before i: j's id is smaller.
                NearCopy {
                    copy: docs[i].0.clone(),
                    original: docs[j].0.clone(),
                    similarity: s,
                }
            })
        })
        .collect();
    out.sort_by(|a, b| (&a.copy, &a.original).cmp(&(&b.copy, &b.original)));
    out
}

/// The IRI of the node of a near-copy pair.
pub(crate) fn pair_iri(copy: &str, original: &str) -> String {
    format!("{}{copy}/{original}", vocab::NEAR_COPY_BASE)
}

#[cfg(test)]
mod tests {
    use super::*;

    const ARTICLE: &str = "Federal agents seized 40 kilograms of fentanyl powder at the Nogales port of entry on Tuesday, the largest seizure at the crossing this year. The powder was packed inside a load of cucumbers, officials said, and the driver, a 32-year-old resident of Sonora, was arrested. Investigators believe the load was sent by the Sinaloa Cartel, which buys precursor chemicals from suppliers in China and presses pills in clandestine labs near Culiacan. The port director said scanners found anomalies in the trailer's floor. Prosecutors in Tucson charged the driver with possession with intent to distribute. The case is part of a wider investigation into shipments through Arizona that began last spring after a tip from Mexican authorities.";

    fn check(a: &str, b: &str, near: bool) {
        let (sa, sb) = (signature(a).unwrap(), signature(b).unwrap());
        let s = similarity(&sa, &sb);
        let pairs = near_copies(&[("a".into(), sa), ("b".into(), sb)]);
        assert_eq!(!pairs.is_empty(), near, "similarity {s}");
        if near {
            assert_eq!(pairs[0].copy, "b");
            assert_eq!(pairs[0].original, "a");
        }
    }

    #[test]
    fn reposts_with_small_edits_are_near_copies() {
        let reposted = format!(
            "BORDER NEWS DAILY — reposted with permission\n\n{}\n\nSubscribe for more.",
            ARTICLE
                .replace("  ", " ")
                .replace(". ", ".\n   ")
                .replace("on Tuesday", "on Tuesday morning")
        );
        check(ARTICLE, &reposted, true);
        check(ARTICLE, &ARTICLE.to_uppercase(), true);
    }

    #[test]
    fn other_articles_on_the_same_topic_are_not() {
        let other = "Mexican marines dismantled a clandestine laboratory near Culiacan on Friday and seized 300 kilograms of precursor chemicals imported from China, the navy said. No arrests were made. The Sinaloa Cartel runs several such labs in the mountains, the Drug Enforcement Administration reports, adding the chemicals arrive through the port of Manzanillo.";
        check(ARTICLE, other, false);
    }

    #[test]
    fn signatures_survive_storage() {
        let s = signature(ARTICLE).unwrap();
        assert_eq!(from_hex(&to_hex(&s)), Some(s));
        assert_eq!(signature(" ,; "), None);
    }
}
