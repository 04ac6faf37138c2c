//! Minting of entity and document IRIs.
//!
//! Rationale: an entity IRI is derived from its canonical label only, so the
//! same thing gets the same IRI in every build and from every document.

use crate::vocab::{FKD, FKR};

/// Turns a label into an IRI-safe local name: ASCII letters and digits kept,
/// accents folded, every other run of characters becomes one `_`.
///
/// `slug("Cártel de Sinaloa") == "Cartel_de_Sinaloa"`.
pub fn slug(label: &str) -> String {
    let mut out = String::with_capacity(label.len());
    let mut gap = false;
    for c in label.chars() {
        let c = fold_accent(c);
        if c.is_ascii_alphanumeric() {
            if gap && !out.is_empty() {
                out.push('_');
            }
            gap = false;
            out.push(c);
        } else if c != '\'' && c != '’' {
            gap = true;
        }
    }
    if out.is_empty() {
        out.push('_');
    }
    out
}

fn fold_accent(c: char) -> char {
    match c {
        'á' | 'à' | 'â' | 'ä' | 'ã' => 'a',
        'Á' | 'À' | 'Â' | 'Ä' | 'Ã' => 'A',
        'é' | 'è' | 'ê' | 'ë' => 'e',
        'É' | 'È' | 'Ê' | 'Ë' => 'E',
        'í' | 'ì' | 'î' | 'ï' => 'i',
        'Í' | 'Ì' | 'Î' | 'Ï' => 'I',
        'ó' | 'ò' | 'ô' | 'ö' | 'õ' => 'o',
        'Ó' | 'Ò' | 'Ô' | 'Ö' | 'Õ' => 'O',
        'ú' | 'ù' | 'û' | 'ü' => 'u',
        'Ú' | 'Ù' | 'Û' | 'Ü' => 'U',
        'ñ' => 'n',
        'Ñ' => 'N',
        'ç' => 'c',
        'Ç' => 'C',
        other => other,
    }
}

/// The IRI of an entity with this id (a slug).
pub fn entity_iri(id: &str) -> String {
    format!("{FKR}{id}")
}

/// The IRI (and named graph) of a document with this id.
pub fn doc_iri(id: &str) -> String {
    format!("{FKD}{id}")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(input: &str, expected: &str) {
        assert_eq!(slug(input), expected, "slug of {input:?}");
    }

    #[test]
    fn slugs() {
        check("Anne Milgram", "Anne_Milgram");
        check("Cártel de Sinaloa", "Cartel_de_Sinaloa");
        check(
            "U.S. Department of the Treasury",
            "U_S_Department_of_the_Treasury",
        );
        check("People's Republic of China", "Peoples_Republic_of_China");
        check("  ", "_");
        check("4-AP", "4_AP");
    }
}
