//! fkg-graph: the entities and supply-chain relations of the store as a
//! petgraph graph, and path finding over it: the k best loopless paths
//! (Yen's algorithm over Dijkstra), with hop limits, required and avoided
//! entities, property filters, direction, and a minimum of independent
//! documents per hop. Every hop keeps its supporting statements.
//!
//! Rationale: edges are handed in as plain data ([`EdgeRecord`]), so this
//! crate knows nothing of RDF or stores; the store projects, this crate
//! searches.

use petgraph::graph::DiGraph;
use petgraph::visit::EdgeRef;
use serde::Serialize;
use std::cmp::Ordering;
use std::collections::{BTreeMap, BTreeSet, BinaryHeap, HashMap, HashSet};

pub use fkg_model::{EdgeRecord, Support};
pub use petgraph::graph::{EdgeIndex, NodeIndex};

#[derive(Debug, Clone, Serialize)]
pub struct Node {
    pub iri: String,
    pub label: String,
    pub class: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct Edge {
    pub property: String,
    /// Asserted statements backing the edge.
    pub statements: usize,
    /// Independent documents backing the edge.
    pub documents: usize,
    /// The best confidence of its statements.
    pub confidence: f64,
    /// The statements with their evidence, when they were loaded (the
    /// edge index of the read model leaves them out; a path's hops fetch
    /// theirs when it is reported).
    pub support: Vec<Support>,
}

impl Edge {
    /// The cost of a hop: 1, plus a penalty that shrinks as more documents
    /// and more confident statements back it (1/(documents + best
    /// confidence)). Fewer hops always win over better-evidenced ones only
    /// when the evidence difference is small.
    pub fn cost(&self) -> f64 {
        1.0 + 1.0 / (self.documents as f64 + self.confidence)
    }
}

/// The projection: entities as nodes, relations as edges.
#[derive(Debug, Default)]
pub struct SupplyGraph {
    pub graph: DiGraph<Node, Edge>,
    index: HashMap<String, NodeIndex>,
}

impl SupplyGraph {
    pub fn new(edges: impl IntoIterator<Item = EdgeRecord>) -> Self {
        let mut g = Self::default();
        let mut by_key: HashMap<(NodeIndex, String, NodeIndex), EdgeIndex> = HashMap::new();
        for e in edges {
            let s = g.node(&e.subject, &e.subject_label, &e.subject_class);
            let o = g.node(&e.object, &e.object_label, &e.object_class);
            match by_key.get(&(s, e.property.clone(), o)) {
                Some(&k) => {
                    let edge = &mut g.graph[k];
                    edge.statements += e.statements;
                    edge.documents += e.documents;
                    edge.confidence = edge.confidence.max(e.confidence);
                    edge.support.extend(e.support);
                }
                None => {
                    let k = g.graph.add_edge(
                        s,
                        o,
                        Edge {
                            property: e.property.clone(),
                            statements: e.statements,
                            documents: e.documents,
                            confidence: e.confidence,
                            support: e.support,
                        },
                    );
                    by_key.insert((s, e.property, o), k);
                }
            }
        }
        g
    }

    fn node(&mut self, iri: &str, label: &str, class: &str) -> NodeIndex {
        if let Some(&n) = self.index.get(iri) {
            return n;
        }
        let n = self.graph.add_node(Node {
            iri: iri.into(),
            label: label.into(),
            class: class.into(),
        });
        self.index.insert(iri.into(), n);
        n
    }

    pub fn find(&self, iri: &str) -> Option<NodeIndex> {
        self.index.get(iri).copied()
    }
}

/// What a path search may use.
#[derive(Debug, Clone)]
pub struct PathQuery {
    pub k: usize,
    pub max_hops: usize,
    /// Entities every path must pass through.
    pub via: Vec<NodeIndex>,
    pub avoid: Vec<NodeIndex>,
    /// Properties allowed (empty: all).
    pub properties: Vec<String>,
    /// Follow edges against their direction too.
    pub undirected: bool,
    /// Least independent documents per hop.
    pub min_sources: usize,
}

impl Default for PathQuery {
    fn default() -> Self {
        Self {
            k: 5,
            max_hops: 4,
            via: Vec::new(),
            avoid: Vec::new(),
            properties: Vec::new(),
            undirected: false,
            min_sources: 1,
        }
    }
}

/// One hop of a path: the edge and whether it was followed backwards.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Hop {
    pub edge: EdgeIndex,
    pub reversed: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Path {
    pub nodes: Vec<NodeIndex>,
    pub hops: Vec<Hop>,
    pub cost: f64,
}

/// One hop of a path as reported to people and programs.
#[derive(Debug, Clone, Serialize)]
pub struct HopReport {
    pub subject: String,
    pub subject_label: String,
    pub property: String,
    pub object: String,
    pub object_label: String,
    /// The relation points the other way along the path (undirected search).
    pub followed_backwards: bool,
    pub documents: usize,
    pub statements: usize,
    pub support: Vec<Support>,
}

/// A path as reported: its entities, cost and hops with their evidence.
#[derive(Debug, Clone, Serialize)]
pub struct PathReport {
    pub entities: Vec<String>,
    pub cost: f64,
    pub hops: Vec<HopReport>,
}

impl SupplyGraph {
    pub fn report(&self, p: &Path) -> PathReport {
        PathReport {
            entities: p
                .nodes
                .iter()
                .map(|n| self.graph[*n].label.clone())
                .collect(),
            cost: (p.cost * 1000.0).round() / 1000.0,
            hops: p
                .hops
                .iter()
                .map(|h| {
                    let e = &self.graph[h.edge];
                    let (a, b) = self
                        .graph
                        .edge_endpoints(h.edge)
                        .expect("edge of the graph");
                    HopReport {
                        subject: self.graph[a].iri.clone(),
                        subject_label: self.graph[a].label.clone(),
                        property: e.property.clone(),
                        object: self.graph[b].iri.clone(),
                        object_label: self.graph[b].label.clone(),
                        followed_backwards: h.reversed,
                        documents: e.documents,
                        statements: e.statements,
                        support: e.support.clone(),
                    }
                })
                .collect(),
        }
    }
}

/// The nodes reached in exactly n hops: best cost and the step that got there.
/// Ordered, so that equal costs resolve the same way on every run.
type Layer = BTreeMap<NodeIndex, (f64, Option<(NodeIndex, Hop)>)>;

#[derive(PartialEq)]
struct State(f64, NodeIndex);
impl Eq for State {}
impl Ord for State {
    fn cmp(&self, o: &Self) -> Ordering {
        o.0.partial_cmp(&self.0)
            .unwrap_or(Ordering::Equal)
            .then_with(|| o.1.cmp(&self.1))
    }
}
impl PartialOrd for State {
    fn partial_cmp(&self, o: &Self) -> Option<Ordering> {
        Some(self.cmp(o))
    }
}

impl SupplyGraph {
    fn usable(&self, e: EdgeIndex, q: &PathQuery) -> bool {
        let edge = &self.graph[e];
        (q.properties.is_empty() || q.properties.iter().any(|p| p == &edge.property))
            && edge.documents >= q.min_sources
    }

    /// Steps out of `n`: (hop, neighbour, cost).
    fn steps(&self, n: NodeIndex, q: &PathQuery) -> Vec<(Hop, NodeIndex, f64)> {
        self.steps_along(n, q, petgraph::Direction::Outgoing)
    }

    /// Steps into `n`, for the backward half of a bidirectional search:
    /// (hop, predecessor, cost).
    fn steps_in(&self, n: NodeIndex, q: &PathQuery) -> Vec<(Hop, NodeIndex, f64)> {
        self.steps_along(n, q, petgraph::Direction::Incoming)
    }

    /// Edges of `n` in direction `dir` as steps to the node at their other
    /// end; with `undirected`, edges the other way too, as reversed hops.
    fn steps_along(
        &self,
        n: NodeIndex,
        q: &PathQuery,
        dir: petgraph::Direction,
    ) -> Vec<(Hop, NodeIndex, f64)> {
        let mut dirs = vec![(dir, false)];
        if q.undirected {
            dirs.push((dir.opposite(), true));
        }
        dirs.into_iter()
            .flat_map(|(d, reversed)| {
                self.graph
                    .edges_directed(n, d)
                    .filter(|e| self.usable(e.id(), q))
                    .map(move |e| {
                        let other = match d {
                            petgraph::Direction::Outgoing => e.target(),
                            petgraph::Direction::Incoming => e.source(),
                        };
                        (
                            Hop {
                                edge: e.id(),
                                reversed,
                            },
                            other,
                            e.weight().cost(),
                        )
                    })
            })
            .collect()
    }

    /// Best cost of reaching each (node, hops) from `start` in at most
    /// `cap` hops, layer by layer, with the step that got there.
    fn layers(
        &self,
        start: NodeIndex,
        cap: usize,
        forward: bool,
        q: &PathQuery,
        banned_nodes: &HashSet<NodeIndex>,
        banned_hops: &HashSet<Hop>,
    ) -> Vec<Layer> {
        let mut layers = vec![BTreeMap::from([(start, (0.0, None))])];
        for _ in 0..cap {
            let mut next: Layer = BTreeMap::new();
            for (&n, &(cost, _)) in layers.last().expect("a layer") {
                let steps = if forward {
                    self.steps(n, q)
                } else {
                    self.steps_in(n, q)
                };
                for (hop, m, c) in steps {
                    if banned_nodes.contains(&m) || banned_hops.contains(&hop) || m == start {
                        continue;
                    }
                    let total = cost + c;
                    if next.get(&m).is_none_or(|&(d, _)| total < d) {
                        next.insert(m, (total, Some((n, hop))));
                    }
                }
            }
            if next.is_empty() {
                break;
            }
            layers.push(next);
        }
        layers
    }

    /// Cheapest path of at most `max_hops` hops, met in the middle: layers
    /// of ⌈max_hops/2⌉ from the start and ⌊max_hops/2⌋ from the end, so the
    /// work grows with half the depth instead of the whole. Every path of
    /// that length splits this way, so the answer is exact; a meeting that
    /// repeats a node falls back to the one-sided search.
    fn meet_in_the_middle(
        &self,
        from: NodeIndex,
        to: NodeIndex,
        q: &PathQuery,
        banned_nodes: &HashSet<NodeIndex>,
        banned_hops: &HashSet<Hop>,
        max_hops: usize,
    ) -> Option<Option<Path>> {
        if from == to || max_hops == 0 {
            return Some(None);
        }
        let (cf, cb) = (max_hops.div_ceil(2), max_hops / 2);
        let fwd = self.layers(from, cf, true, q, banned_nodes, banned_hops);
        let bwd = self.layers(to, cb, false, q, banned_nodes, banned_hops);
        let mut best: Option<(f64, usize, usize, NodeIndex)> = None;
        for (hf, lf) in fwd.iter().enumerate() {
            for (hb, lb) in bwd.iter().enumerate() {
                let (small, large) = if lf.len() <= lb.len() {
                    (lf, lb)
                } else {
                    (lb, lf)
                };
                for (m, &(c1, _)) in small {
                    if let Some(&(c2, _)) = large.get(m) {
                        let total = c1 + c2;
                        if best
                            .is_none_or(|(b, bh, _, _)| total < b || (total == b && hf + hb < bh))
                        {
                            best = Some((total, hf + hb, hf, *m));
                        }
                    }
                }
            }
        }
        let Some((cost, total_hops, hf, meet)) = best else {
            return Some(None);
        };
        let hb = total_hops - hf;
        let mut nodes = vec![meet];
        let mut hops = Vec::new();
        let (mut n, mut h) = (meet, hf);
        while h > 0 {
            let (_, step) = fwd[h][&n];
            let (p, hop) = step.expect("a step into a later layer");
            nodes.push(p);
            hops.push(hop);
            n = p;
            h -= 1;
        }
        nodes.reverse();
        hops.reverse();
        let (mut n, mut h) = (meet, hb);
        while h > 0 {
            let (_, step) = bwd[h][&n];
            let (p, hop) = step.expect("a step into a later layer");
            nodes.push(p);
            hops.push(hop);
            n = p;
            h -= 1;
        }
        let unique: HashSet<_> = nodes.iter().collect();
        if unique.len() != nodes.len() {
            return None; // a walk, not a path: let the exact search decide
        }
        Some(Some(Path { nodes, hops, cost }))
    }

    /// Cheapest path from `from` to `to` avoiding nodes and hops, within
    /// `max_hops`.
    fn dijkstra(
        &self,
        from: NodeIndex,
        to: NodeIndex,
        q: &PathQuery,
        banned_nodes: &HashSet<NodeIndex>,
        banned_hops: &HashSet<Hop>,
        max_hops: usize,
    ) -> Option<Path> {
        match self.meet_in_the_middle(from, to, q, banned_nodes, banned_hops, max_hops) {
            Some(found) => found,
            None => self.bounded(from, to, q, banned_nodes, banned_hops, max_hops),
        }
    }

    /// Cheapest path from `from` to `to` avoiding nodes and hops, within `max_hops`.
    fn bounded(
        &self,
        from: NodeIndex,
        to: NodeIndex,
        q: &PathQuery,
        banned_nodes: &HashSet<NodeIndex>,
        banned_hops: &HashSet<Hop>,
        max_hops: usize,
    ) -> Option<Path> {
        // State per (node, hops used) so that the hop limit is exact.
        let mut best: HashMap<(NodeIndex, usize), f64> = HashMap::new();
        let mut prev: HashMap<(NodeIndex, usize), (NodeIndex, usize, Hop)> = HashMap::new();
        let mut heap = BinaryHeap::new();
        best.insert((from, 0), 0.0);
        heap.push((State(0.0, from), 0usize));
        let mut found: Option<(f64, usize)> = None;
        while let Some((State(cost, n), h)) = heap.pop() {
            if best.get(&(n, h)).is_some_and(|&b| cost > b) {
                continue;
            }
            if n == to {
                found = Some((cost, h));
                break;
            }
            if h >= max_hops {
                continue;
            }
            for (hop, m, c) in self.steps(n, q) {
                if banned_nodes.contains(&m) || banned_hops.contains(&hop) || m == from {
                    continue;
                }
                let next = cost + c;
                let key = (m, h + 1);
                if best.get(&key).is_none_or(|&b| next < b) {
                    best.insert(key, next);
                    prev.insert(key, (n, h, hop));
                    heap.push((State(next, m), h + 1));
                }
            }
        }
        let (cost, h) = found?;
        let mut nodes = vec![to];
        let mut hops = Vec::new();
        let mut key = (to, h);
        while let Some(&(p, ph, hop)) = prev.get(&key) {
            nodes.push(p);
            hops.push(hop);
            key = (p, ph);
        }
        nodes.reverse();
        hops.reverse();
        // A walk through a node twice is no path.
        let unique: HashSet<_> = nodes.iter().collect();
        (unique.len() == nodes.len()).then_some(Path { nodes, hops, cost })
    }

    /// The `q.k` best loopless paths from `from` to `to` (Yen's algorithm),
    /// cheapest first; paths that miss a `via` entity are dropped.
    pub fn paths(&self, from: NodeIndex, to: NodeIndex, q: &PathQuery) -> Vec<Path> {
        if from == to {
            return Vec::new();
        }
        let banned: HashSet<NodeIndex> = q.avoid.iter().copied().collect();
        let want = q.k.max(1);
        // With `via`, look further so that enough paths pass through it.
        let search = if q.via.is_empty() { want } else { want * 8 };
        let mut accepted: Vec<Path> = Vec::new();
        let mut candidates: Vec<Path> = Vec::new();
        let Some(first) = self.dijkstra(from, to, q, &banned, &HashSet::new(), q.max_hops) else {
            return Vec::new();
        };
        accepted.push(first);
        while accepted.len() < search {
            let last = accepted.last().expect("one path").clone();
            for i in 0..last.hops.len() {
                let spur = last.nodes[i];
                let root_nodes = &last.nodes[..=i];
                let root_hops = &last.hops[..i];
                let mut banned_hops: HashSet<Hop> = HashSet::new();
                for p in &accepted {
                    if p.nodes.len() > i
                        && p.nodes[..=i] == *root_nodes
                        && p.hops[..i] == *root_hops
                    {
                        banned_hops.insert(p.hops[i]);
                    }
                }
                let mut banned_nodes = banned.clone();
                banned_nodes.extend(root_nodes[..i].iter().copied());
                let left = q.max_hops.saturating_sub(i);
                if let Some(spur_path) =
                    self.dijkstra(spur, to, q, &banned_nodes, &banned_hops, left)
                {
                    let mut nodes = root_nodes[..i].to_vec();
                    nodes.extend(&spur_path.nodes);
                    let mut hops = root_hops.to_vec();
                    hops.extend(&spur_path.hops);
                    let cost = hops.iter().map(|h| self.graph[h.edge].cost()).sum();
                    let p = Path { nodes, hops, cost };
                    let unique: HashSet<_> = p.nodes.iter().collect();
                    if unique.len() == p.nodes.len()
                        && !accepted.contains(&p)
                        && !candidates.contains(&p)
                    {
                        candidates.push(p);
                    }
                }
            }
            if candidates.is_empty() {
                break;
            }
            candidates.sort_by(|a, b| {
                a.cost
                    .partial_cmp(&b.cost)
                    .unwrap_or(Ordering::Equal)
                    .then(a.hops.len().cmp(&b.hops.len()))
                    // Equal paths in cost and length: a fixed order.
                    .then_with(|| a.nodes.cmp(&b.nodes))
                    .then_with(|| a.hops.cmp(&b.hops))
            });
            accepted.push(candidates.remove(0));
        }
        accepted.retain(|p| q.via.iter().all(|v| p.nodes.contains(v)));
        accepted.truncate(want);
        accepted
    }

    /// The relations touching `n` in either direction that `q` lets a path
    /// follow (its properties, minimum of documents, avoided entities): what
    /// expanding a node on a drawing adds.
    pub fn incident(&self, n: NodeIndex, q: &PathQuery) -> Vec<EdgeIndex> {
        let undirected = PathQuery {
            undirected: true,
            ..q.clone()
        };
        let mut out: Vec<EdgeIndex> = self
            .steps(n, &undirected)
            .into_iter()
            .map(|(h, _, _)| h.edge)
            .collect();
        out.sort();
        out.dedup();
        out
    }

    /// The relations `edges` as plain records, once each in the order
    /// given: what the GEXF, GraphML and DOT writers take.
    pub fn records(&self, edges: impl IntoIterator<Item = EdgeIndex>) -> Vec<EdgeRecord> {
        let mut seen = BTreeSet::new();
        let mut out = Vec::new();
        for e in edges {
            if !seen.insert(e) {
                continue;
            }
            let (a, b) = self.graph.edge_endpoints(e).expect("edge of the graph");
            let (na, nb, r) = (&self.graph[a], &self.graph[b], &self.graph[e]);
            out.push(EdgeRecord {
                subject: na.iri.clone(),
                subject_label: na.label.clone(),
                subject_class: na.class.clone(),
                property: r.property.clone(),
                object: nb.iri.clone(),
                object_label: nb.label.clone(),
                object_class: nb.class.clone(),
                statements: r.statements,
                documents: r.documents,
                confidence: r.confidence,
                support: r.support.clone(),
            });
        }
        out
    }

    /// Entities within `hops` steps of `from` (either direction), with
    /// their distance: the neighbourhood an analyst expands.
    pub fn neighbourhood(
        &self,
        from: NodeIndex,
        hops: usize,
        q: &PathQuery,
    ) -> Vec<(NodeIndex, usize)> {
        let mut seen: HashMap<NodeIndex, usize> = HashMap::from([(from, 0)]);
        let mut frontier = vec![from];
        let undirected = PathQuery {
            undirected: true,
            ..q.clone()
        };
        for d in 1..=hops {
            let mut next = Vec::new();
            for n in frontier {
                for (_, m, _) in self.steps(n, &undirected) {
                    if let std::collections::hash_map::Entry::Vacant(v) = seen.entry(m) {
                        v.insert(d);
                        next.push(m);
                    }
                }
            }
            frontier = next;
        }
        let mut out: Vec<(NodeIndex, usize)> =
            seen.into_iter().filter(|(n, _)| *n != from).collect();
        out.sort_by_key(|(n, d)| (*d, self.graph[*n].label.clone()));
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn edge(s: &str, p: &str, o: &str, docs: &[&str]) -> EdgeRecord {
        let mut e = EdgeRecord {
            subject: s.into(),
            subject_label: s.into(),
            subject_class: "Country".into(),
            property: p.into(),
            object: o.into(),
            object_label: o.into(),
            object_class: "Country".into(),
            statements: 0,
            documents: 0,
            confidence: 0.0,
            support: docs
                .iter()
                .map(|d| Support {
                    document: d.to_string(),
                    evidence: format!("{s} {p} {o}"),
                    speaker: None,
                    confidence: 0.8,
                    source: None,
                    page: None,
                })
                .collect(),
        };
        e.count_support();
        e
    }

    fn graph() -> SupplyGraph {
        SupplyGraph::new(vec![
            edge("A", "suppliesTo", "B", &["d1", "d2"]),
            edge("B", "trafficsTo", "D", &["d1"]),
            edge("A", "suppliesTo", "C", &["d3"]),
            edge("C", "trafficsTo", "D", &["d3", "d4", "d5"]),
            edge("A", "trafficsTo", "D", &["d6"]),
            edge("D", "suppliesTo", "A", &["d7"]),
        ])
    }

    fn labels(g: &SupplyGraph, p: &Path) -> Vec<String> {
        p.nodes.iter().map(|n| g.graph[*n].label.clone()).collect()
    }

    #[test]
    fn k_best_loopless_paths_cheapest_first() {
        let g = graph();
        let (a, d) = (g.find("A").unwrap(), g.find("D").unwrap());
        let paths = g.paths(
            a,
            d,
            &PathQuery {
                k: 5,
                ..Default::default()
            },
        );
        let got: Vec<Vec<String>> = paths.iter().map(|p| labels(&g, p)).collect();
        assert_eq!(
            got,
            vec![vec!["A", "D"], vec!["A", "C", "D"], vec!["A", "B", "D"]]
        );
        assert!(paths.windows(2).all(|w| w[0].cost <= w[1].cost));
    }

    #[test]
    fn paths_of_equal_cost_come_in_the_same_order_every_time() {
        // Six two-hop paths of the same cost: only a tie-break orders them.
        let mut edges = Vec::new();
        for m in ["M1", "M2", "M3", "M4", "M5", "M6"] {
            edges.push(edge("S", "suppliesTo", m, &["d1"]));
            edges.push(edge(m, "trafficsTo", "T", &["d1"]));
        }
        let g = SupplyGraph::new(edges);
        let (s, t) = (g.find("S").unwrap(), g.find("T").unwrap());
        let q = PathQuery {
            k: 6,
            undirected: true,
            ..Default::default()
        };
        let first: Vec<Vec<String>> = g.paths(s, t, &q).iter().map(|p| labels(&g, p)).collect();
        assert_eq!(first.len(), 6);
        for _ in 0..30 {
            let again: Vec<Vec<String>> = g.paths(s, t, &q).iter().map(|p| labels(&g, p)).collect();
            assert_eq!(again, first);
        }
    }

    #[test]
    fn filters_shape_the_search() {
        let g = graph();
        let (a, b, c, d) = (
            g.find("A").unwrap(),
            g.find("B").unwrap(),
            g.find("C").unwrap(),
            g.find("D").unwrap(),
        );
        let via = g.paths(
            a,
            d,
            &PathQuery {
                via: vec![b],
                ..Default::default()
            },
        );
        assert_eq!(
            via.iter().map(|p| labels(&g, p)).collect::<Vec<_>>(),
            vec![vec!["A", "B", "D"]]
        );
        let avoid = g.paths(
            a,
            d,
            &PathQuery {
                avoid: vec![c],
                max_hops: 2,
                ..Default::default()
            },
        );
        assert!(avoid.iter().all(|p| !p.nodes.contains(&c)));
        let one_hop = g.paths(
            a,
            d,
            &PathQuery {
                max_hops: 1,
                ..Default::default()
            },
        );
        assert_eq!(one_hop.len(), 1);
        let sourced = g.paths(
            a,
            d,
            &PathQuery {
                min_sources: 2,
                ..Default::default()
            },
        );
        assert!(
            sourced.is_empty(),
            "B->D has one document, C->D three but A->C one"
        );
        let supplies_only = g.paths(
            a,
            d,
            &PathQuery {
                properties: vec!["suppliesTo".into()],
                ..Default::default()
            },
        );
        assert!(supplies_only.is_empty());
        let backwards = g.paths(
            d,
            b,
            &PathQuery {
                undirected: true,
                max_hops: 2,
                ..Default::default()
            },
        );
        assert!(backwards.iter().any(|p| labels(&g, p) == vec!["D", "B"]));
    }

    #[test]
    fn meeting_in_the_middle_finds_the_cheapest_bounded_path() {
        // Random graphs: the two searches agree on the cost for every pair.
        let mut state: u64 = 7;
        let mut rnd = |n: u64| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state % n
        };
        for _ in 0..20 {
            let mut edges = Vec::new();
            for _ in 0..60 {
                let (a, b) = (rnd(15), rnd(15));
                let docs: Vec<String> = (0..=rnd(3)).map(|d| format!("d{d}")).collect();
                let refs: Vec<&str> = docs.iter().map(String::as_str).collect();
                edges.push(edge(
                    &format!("n{a}"),
                    "suppliesTo",
                    &format!("n{b}"),
                    &refs,
                ));
            }
            let g = SupplyGraph::new(edges);
            let q = PathQuery::default();
            for a in g.graph.node_indices() {
                for b in g.graph.node_indices().filter(|&b| b != a) {
                    for h in 1..=4 {
                        let none = HashSet::new();
                        let fast = g
                            .dijkstra(a, b, &q, &none, &HashSet::new(), h)
                            .map(|p| (p.cost * 1e9).round());
                        let slow = g
                            .bounded(a, b, &q, &none, &HashSet::new(), h)
                            .map(|p| (p.cost * 1e9).round());
                        assert_eq!(fast, slow, "{a:?} -> {b:?} within {h}");
                    }
                }
            }
        }
    }

    #[test]
    fn neighbourhood_by_distance() {
        let g = graph();
        let b = g.find("B").unwrap();
        let n: Vec<(String, usize)> = g
            .neighbourhood(b, 1, &PathQuery::default())
            .into_iter()
            .map(|(n, d)| (g.graph[n].label.clone(), d))
            .collect();
        assert_eq!(n, vec![("A".into(), 1), ("D".into(), 1)]);
    }
}
