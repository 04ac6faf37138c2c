//! fkg-paths: the path service. `fkg paths` and the server's `/api/paths`
//! both ask it, so that names resolve, ambiguity is reported, via/avoid
//! apply and answers are shaped the same way in both.
//!
//! The service loads the edge index of the read model once (every
//! property; a request's properties filter the search) and keeps it with
//! an index of every entity name, so a request after the first costs the
//! search alone. Only the hops returned, and the relations of expanded
//! entities, fetch their statements and evidence from the store, at most
//! about [`SUPPORT_SHOWN`] each (the counts give the totals).
//!
//! Rationale: the store and the graph stay apart (`fkg-graph` knows no
//! RDF); this crate is where they meet, once for both front ends.

use fkg_graph::{EdgeIndex, NodeIndex, PathQuery, PathReport, SupplyGraph};
use fkg_model::{EdgeRecord, Property};
use fkg_store::{Store, StoreError};
use serde::Serialize;
use std::collections::{BTreeSet, HashMap};
use std::sync::{Arc, RwLock};

/// The properties a path follows unless the request names others: supply,
/// trafficking, production, laundering and place relations.
pub const DEFAULT_PROPERTIES: &[Property] = &[
    Property::SuppliesTo,
    Property::TrafficsTo,
    Property::Supplies,
    Property::Produces,
    Property::ProducedIn,
    Property::Traffics,
    Property::EntersVia,
    Property::LaundersMoneyFor,
    Property::OperatesIn,
    Property::LocatedIn,
];

/// How many statements a returned relation shows with their evidence (those
/// of its first documents); its `documents` and `statements` counts give
/// the totals.
pub const SUPPORT_SHOWN: usize = 20;

/// Why a request has no answer.
#[derive(Debug, thiserror::Error)]
pub enum PathError {
    #[error("unknown property {0:?}; the contract's properties are {1}")]
    UnknownProperty(String, String),
    #[error("no entity named {0:?} in the store (`fkg query` or /api/entities?q= can search)")]
    NoEntity(String),
    #[error("{name:?} is ambiguous; it names:\n{}\ngive one of these labels or IRIs", list(.candidates))]
    Ambiguous {
        name: String,
        candidates: Vec<(String, String)>,
    },
    #[error("{name:?} (<{iri}>) takes part in no relation the paths may follow")]
    NotInGraph { name: String, iri: String },
    #[error(transparent)]
    Store(#[from] StoreError),
}

fn list(candidates: &[(String, String)]) -> String {
    candidates
        .iter()
        .map(|(iri, label)| format!("  {label}  <{iri}>"))
        .collect::<Vec<_>>()
        .join("\n")
}

/// What a path request asks.
#[derive(Debug, Clone)]
pub struct PathRequest {
    pub from: String,
    pub to: String,
    pub k: usize,
    pub max_hops: usize,
    /// Entities every path must pass through (names or IRIs).
    pub via: Vec<String>,
    /// Entities no path may pass through.
    pub avoid: Vec<String>,
    /// Property local names; empty: [`DEFAULT_PROPERTIES`].
    pub predicates: Vec<String>,
    pub undirected: bool,
    pub min_sources: usize,
    /// Entities whose relations are drawn as well.
    pub expand: Vec<String>,
    /// Only statements that hold on or after this day (`YYYY-MM-DD`).
    pub since: Option<String>,
    /// Only statements that hold on or before this day (`YYYY-MM-DD`).
    pub until: Option<String>,
}

impl Default for PathRequest {
    fn default() -> Self {
        Self {
            from: String::new(),
            to: String::new(),
            k: 5,
            max_hops: 4,
            via: Vec::new(),
            avoid: Vec::new(),
            predicates: Vec::new(),
            undirected: false,
            min_sources: 1,
            expand: Vec::new(),
            since: None,
            until: None,
        }
    }
}

/// A node of a drawing.
#[derive(Debug, Clone, Serialize)]
pub struct DrawnNode {
    pub iri: String,
    pub label: String,
    pub class: String,
    pub on_path: bool,
    pub expanded: bool,
}

/// The answer: the paths with their evidence, and the drawing (the
/// relations of the paths, then those of each expanded entity, once each,
/// with their evidence).
#[derive(Debug, Clone)]
pub struct PathAnswer {
    pub from: String,
    pub to: String,
    pub paths: Vec<PathReport>,
    pub nodes: Vec<DrawnNode>,
    pub edges: Vec<EdgeRecord>,
}

impl PathAnswer {
    /// The JSON of `/api/paths`: from, to, paths, nodes and edges.
    pub fn to_json(&self) -> serde_json::Value {
        let edges: Vec<serde_json::Value> = self
            .edges
            .iter()
            .map(|r| {
                serde_json::json!({
                    "id": format!("{} {} {}", r.subject, r.property, r.object),
                    "source": r.subject,
                    "target": r.object,
                    "property": r.property,
                    "documents": r.documents,
                    "statements": r.statements,
                    "support": r.support,
                })
            })
            .collect();
        serde_json::json!({
            "from": self.from,
            "to": self.to,
            "paths": self.paths,
            "nodes": self.nodes,
            "edges": edges,
        })
    }
}

/// An entity near another.
#[derive(Debug, Clone, Serialize)]
pub struct Neighbour {
    pub iri: String,
    pub label: String,
    pub class: String,
    pub hops: usize,
}

struct Loaded {
    graph: SupplyGraph,
    /// Normalised label → (IRI, label).
    by_label: HashMap<String, Vec<(String, String)>>,
    /// Normalised other name → (IRI, label).
    by_alias: HashMap<String, Vec<(String, String)>>,
}

/// A date window and the graph of the statements within it.
type Dated = ((Option<String>, Option<String>), Arc<SupplyGraph>);

/// The path service over one store.
pub struct PathService {
    store: Store,
    loaded: RwLock<Option<Arc<Loaded>>>,
    /// The graph of the last date window asked for.
    dated: RwLock<Option<Dated>>,
}

impl std::fmt::Debug for PathService {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PathService")
            .field("store", &self.store)
            .finish()
    }
}

fn push_unique(v: &mut Vec<(String, String)>, item: (String, String)) {
    if !v.contains(&item) {
        v.push(item);
    }
}

impl PathService {
    pub fn new(store: Store) -> Self {
        Self {
            store,
            loaded: RwLock::new(None),
            dated: RwLock::new(None),
        }
    }

    /// Forgets the loaded graph (after a write to the store).
    pub fn invalidate(&self) {
        if let Ok(mut slot) = self.loaded.write() {
            *slot = None;
        }
        if let Ok(mut slot) = self.dated.write() {
            *slot = None;
        }
    }

    /// The graph a request searches: every relation, or with `since` or
    /// `until` the relations with a statement that holds within the
    /// window, each with those statements only (undated statements are
    /// outside every window). A windowed graph is built from every
    /// statement's evidence, and kept for the next request with the same
    /// window.
    fn dated_graph(&self, r: &PathRequest) -> Result<Option<Arc<SupplyGraph>>, PathError> {
        let window = (r.since.clone(), r.until.clone());
        if window == (None, None) {
            return Ok(None);
        }
        if let Some((w, g)) = self.dated.read().ok().and_then(|g| g.clone()) {
            if w == window {
                return Ok(Some(g));
            }
        }
        let mut edges = self.store.edges_with_evidence()?;
        edges.retain_mut(|e| e.keep_within(window.0.as_deref(), window.1.as_deref()));
        let g = Arc::new(SupplyGraph::new(edges));
        if let Ok(mut slot) = self.dated.write() {
            *slot = Some((window, g.clone()));
        }
        Ok(Some(g))
    }

    /// Loads the edge index and the names now rather than at the first request.
    pub fn warm(&self) -> Result<(), PathError> {
        self.loaded().map(|_| ())
    }

    fn loaded(&self) -> Result<Arc<Loaded>, PathError> {
        if let Some(l) = self.loaded.read().ok().and_then(|g| g.clone()) {
            return Ok(l);
        }
        let graph = SupplyGraph::new(self.store.edge_index(&[])?);
        let (names, labels) = self.store.entity_names()?;
        let mut by_label: HashMap<String, Vec<(String, String)>> = HashMap::new();
        let mut by_alias: HashMap<String, Vec<(String, String)>> = HashMap::new();
        for (iri, name, is_label) in names {
            let label = labels.get(&iri).cloned().unwrap_or_else(|| name.clone());
            let key = fkg_store::explain::normalise(&name);
            let map = if is_label {
                &mut by_label
            } else {
                &mut by_alias
            };
            push_unique(map.entry(key).or_default(), (iri, label));
        }
        for v in by_label.values_mut().chain(by_alias.values_mut()) {
            v.sort();
        }
        let l = Arc::new(Loaded {
            graph,
            by_label,
            by_alias,
        });
        if let Ok(mut slot) = self.loaded.write() {
            *slot = Some(l.clone());
        }
        Ok(l)
    }

    /// The entities `name` names exactly: an IRI names itself; else the
    /// entities whose label it is; else those with it as another name.
    pub fn resolve(&self, name: &str) -> Result<Vec<(String, String)>, PathError> {
        let l = self.loaded()?;
        Ok(resolve_in(&l, name))
    }

    /// One node of `graph` by name, or why not.
    fn node(&self, l: &Loaded, graph: &SupplyGraph, name: &str) -> Result<NodeIndex, PathError> {
        if let Some(n) = graph.find(name) {
            return Ok(n);
        }
        match resolve_in(l, name).as_slice() {
            [] => Err(PathError::NoEntity(name.to_string())),
            [(iri, _)] => graph.find(iri).ok_or_else(|| PathError::NotInGraph {
                name: name.to_string(),
                iri: iri.clone(),
            }),
            many => Err(PathError::Ambiguous {
                name: name.to_string(),
                candidates: many.to_vec(),
            }),
        }
    }

    fn query(
        &self,
        l: &Loaded,
        graph: &SupplyGraph,
        r: &PathRequest,
    ) -> Result<PathQuery, PathError> {
        let properties = properties(&r.predicates)?;
        let mut q = PathQuery {
            k: r.k.max(1),
            max_hops: r.max_hops.max(1),
            properties: properties
                .iter()
                .map(|p| p.local_name().to_string())
                .collect(),
            undirected: r.undirected,
            min_sources: r.min_sources,
            ..PathQuery::default()
        };
        for v in &r.via {
            q.via.push(self.node(l, graph, v)?);
        }
        for a in &r.avoid {
            q.avoid.push(self.node(l, graph, a)?);
        }
        Ok(q)
    }

    /// The k best paths of a request with their evidence, and the drawing.
    pub fn paths(&self, r: &PathRequest) -> Result<PathAnswer, PathError> {
        let l = self.loaded()?;
        let dated = self.dated_graph(r)?;
        let graph = dated.as_deref().unwrap_or(&l.graph);
        let q = self.query(&l, graph, r)?;
        let (f, t) = (self.node(&l, graph, &r.from)?, self.node(&l, graph, &r.to)?);
        let found = graph.paths(f, t, &q);
        let mut drawn: Vec<EdgeIndex> = found
            .iter()
            .flat_map(|p| p.hops.iter().map(|h| h.edge))
            .collect();
        let mut expanded = Vec::new();
        for e in &r.expand {
            let n = self.node(&l, graph, e)?;
            expanded.push(n);
            drawn.extend(graph.incident(n, &q));
        }
        let mut edges = graph.records(drawn);
        let mut support: HashMap<(String, String, String), Vec<fkg_model::Support>> =
            HashMap::new();
        for e in &mut edges {
            if dated.is_some() {
                // The window's statements are loaded already.
                e.support.truncate(SUPPORT_SHOWN);
            } else {
                e.support = self.store.edge_support(
                    &e.subject,
                    &e.property,
                    &e.object,
                    Some(SUPPORT_SHOWN),
                )?;
            }
            support.insert(
                (e.subject.clone(), e.property.clone(), e.object.clone()),
                e.support.clone(),
            );
        }
        let mut paths: Vec<PathReport> = found.iter().map(|p| graph.report(p)).collect();
        for h in paths.iter_mut().flat_map(|p| p.hops.iter_mut()) {
            if let Some(s) = support.get(&(h.subject.clone(), h.property.clone(), h.object.clone()))
            {
                h.support = s.clone();
            }
        }
        let on_path: BTreeSet<NodeIndex> =
            found.iter().flat_map(|p| p.nodes.iter().copied()).collect();
        let mut nodes = Vec::new();
        let mut seen = BTreeSet::new();
        for r in &edges {
            for (iri, label, class) in [
                (&r.subject, &r.subject_label, &r.subject_class),
                (&r.object, &r.object_label, &r.object_class),
            ] {
                if seen.insert(iri.clone()) {
                    let n = graph.find(iri);
                    nodes.push(DrawnNode {
                        iri: iri.clone(),
                        label: label.clone(),
                        class: class.clone(),
                        on_path: n.is_some_and(|n| on_path.contains(&n)),
                        expanded: n.is_some_and(|n| expanded.contains(&n)),
                    });
                }
            }
        }
        Ok(PathAnswer {
            from: graph.graph[f].label.clone(),
            to: graph.graph[t].label.clone(),
            paths,
            nodes,
            edges,
        })
    }

    /// The entities within `r.max_hops` of `center` (either direction),
    /// nearest first: a link chart's neighbourhood.
    pub fn around(&self, center: &str, r: &PathRequest) -> Result<Vec<Neighbour>, PathError> {
        let l = self.loaded()?;
        let dated = self.dated_graph(r)?;
        let graph = dated.as_deref().unwrap_or(&l.graph);
        let q = self.query(&l, graph, r)?;
        let c = self.node(&l, graph, center)?;
        Ok(graph
            .neighbourhood(c, q.max_hops, &q)
            .into_iter()
            .map(|(n, hops)| {
                let node = &graph.graph[n];
                Neighbour {
                    iri: node.iri.clone(),
                    label: node.label.clone(),
                    class: node.class.clone(),
                    hops,
                }
            })
            .collect())
    }

    /// The label of the entity a name resolves to (for messages).
    pub fn label(&self, name: &str) -> Result<String, PathError> {
        let l = self.loaded()?;
        let n = self.node(&l, &l.graph, name)?;
        Ok(l.graph.graph[n].label.clone())
    }
}

fn resolve_in(l: &Loaded, name: &str) -> Vec<(String, String)> {
    if name.starts_with("http://") || name.starts_with("https://") {
        return vec![(name.to_string(), name.to_string())];
    }
    let key = fkg_store::explain::normalise(name);
    if let Some(found) = l.by_label.get(&key) {
        return found.clone();
    }
    l.by_alias.get(&key).cloned().unwrap_or_default()
}

/// Property local names to properties; empty: the defaults.
pub fn properties(names: &[String]) -> Result<Vec<Property>, PathError> {
    let names: Vec<&str> = names
        .iter()
        .map(|n| n.trim())
        .filter(|n| !n.is_empty())
        .collect();
    if names.is_empty() {
        return Ok(DEFAULT_PROPERTIES.to_vec());
    }
    names
        .into_iter()
        .map(|n| {
            Property::from_local_name(n).ok_or_else(|| {
                PathError::UnknownProperty(
                    n.to_string(),
                    Property::ALL
                        .iter()
                        .map(|p| p.local_name())
                        .collect::<Vec<_>>()
                        .join(", "),
                )
            })
        })
        .collect()
}
