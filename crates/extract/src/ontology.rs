//! Domains and ranges of the relations, read from `ontology/fkg.ttl`: the
//! one place they are stated. Every statement extraction proposes is
//! checked against them, whichever rule or frame proposed it.

use fkg_model::{EntityClass, Property};
use std::collections::HashMap;

const ONTOLOGY: &str = include_str!("../../../ontology/fkg.ttl");

/// The classes a property accepts, `None` for any.
type Classes = Option<Vec<EntityClass>>;

/// The classes each property accepts as subject and object.
#[derive(Debug, Default)]
pub struct Signatures {
    by_property: HashMap<Property, (Classes, Classes)>,
}

/// The Turtle statements of the ontology, for the simple layout `fkg.ttl`
/// uses (one subject per statement, `;`-separated predicates, " ." at a
/// line's end).
fn statements(ttl: &str) -> impl Iterator<Item = &str> {
    ttl.split(" .\n").map(str::trim)
}

fn after<'a>(stmt: &'a str, predicate: &str) -> Option<&'a str> {
    let i = stmt.find(predicate)?;
    let rest = stmt[i + predicate.len()..].trim_start();
    rest.split([' ', ';', '\n'])
        .next()
        .map(|w| w.trim_start_matches("fkg:"))
}

impl Signatures {
    pub fn bundled() -> Result<Self, String> {
        Self::parse(ONTOLOGY)
    }

    pub fn parse(ttl: &str) -> Result<Self, String> {
        let mut unions: HashMap<String, Vec<String>> = HashMap::new();
        let mut props: Vec<(String, Option<String>, Option<String>)> = Vec::new();
        for stmt in statements(ttl) {
            // Skip comment lines before the subject.
            let body: String = stmt
                .lines()
                .filter(|l| !l.trim_start().starts_with('#'))
                .collect::<Vec<_>>()
                .join("\n");
            let body = body.trim();
            let Some(subject) = body.strip_prefix("fkg:") else {
                continue;
            };
            let name = subject.split_whitespace().next().unwrap_or_default();
            if body.contains("a owl:Class") {
                if let Some(i) = body.find("owl:unionOf (") {
                    let rest = &body[i + "owl:unionOf (".len()..];
                    let end = rest
                        .find(')')
                        .ok_or_else(|| format!("fkg.ttl: unclosed union of {name}"))?;
                    unions.insert(
                        name.to_string(),
                        rest[..end]
                            .split_whitespace()
                            .map(|c| c.trim_start_matches("fkg:").to_string())
                            .collect(),
                    );
                }
            } else if body.contains("owl:ObjectProperty") {
                props.push((
                    name.to_string(),
                    after(body, "rdfs:domain").map(str::to_string),
                    after(body, "rdfs:range").map(str::to_string),
                ));
            }
        }
        let resolve = |class: &str| -> Result<Vec<EntityClass>, String> {
            let mut out = Vec::new();
            let mut todo = vec![class.to_string()];
            let mut seen = 0;
            while let Some(c) = todo.pop() {
                seen += 1;
                if seen > 100 {
                    return Err(format!("fkg.ttl: class {class} unions itself"));
                }
                if let Some(parts) = unions.get(&c) {
                    todo.extend(parts.iter().cloned());
                } else if let Some(e) = EntityClass::from_local_name(&c) {
                    if !out.contains(&e) {
                        out.push(e);
                    }
                } else {
                    return Err(format!("fkg.ttl: unknown class fkg:{c}"));
                }
            }
            Ok(out)
        };
        let mut by_property = HashMap::new();
        for (name, dom, rng) in props {
            let Some(p) = Property::from_local_name(&name) else {
                continue;
            };
            let dom = dom.as_deref().map(resolve).transpose()?;
            let rng = rng.as_deref().map(resolve).transpose()?;
            by_property.insert(p, (dom, rng));
        }
        Ok(Self { by_property })
    }

    /// Whether a statement `subject property object` of these classes is
    /// allowed.
    pub fn allows(&self, p: Property, s: EntityClass, o: EntityClass) -> bool {
        match self.by_property.get(&p) {
            None => true,
            Some((dom, rng)) => {
                dom.as_ref().is_none_or(|d| d.contains(&s))
                    && rng.as_ref().is_none_or(|r| r.contains(&o))
            }
        }
    }

    pub fn knows(&self, p: Property) -> bool {
        self.by_property.contains_key(&p)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use EntityClass::*;

    #[test]
    fn every_relation_has_a_signature() {
        let s = Signatures::bundled().unwrap();
        for p in Property::ALL {
            assert!(s.knows(*p), "{p:?} has no domain or range in fkg.ttl");
        }
    }

    #[test]
    fn domains_and_ranges_come_from_the_ontology() {
        let s = Signatures::bundled().unwrap();
        assert!(s.allows(Property::SuppliesTo, Country, Cartel));
        assert!(s.allows(Property::SuppliesTo, Company, State));
        assert!(!s.allows(Property::SuppliesTo, Company, PortOfEntry));
        // A city is no supplier; a person is located nowhere.
        assert!(!s.allows(Property::Supplies, City, Drug));
        assert!(!s.allows(Property::LocatedIn, Person, City));
        assert!(s.allows(Property::LocatedIn, Office, City));
        assert!(s.allows(Property::Seizes, Event, Drug));
        assert!(!s.allows(Property::Leads, Person, Person));
        assert!(s.allows(Property::EntersVia, Cartel, PortOfEntry));
        assert!(!s.allows(Property::TrafficsTo, Cartel, PortOfEntry));
    }

    #[test]
    fn unknown_classes_are_errors() {
        let e = Signatures::parse(
            "fkg:supplies a owl:ObjectProperty ;\n    rdfs:domain fkg:Nobody ;\n    rdfs:range fkg:Drug .\n",
        )
        .unwrap_err();
        assert!(e.contains("Nobody"), "{e}");
    }
}
