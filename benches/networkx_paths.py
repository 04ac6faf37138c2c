#!/usr/bin/env python3
"""networkx side of the path and export benchmark, on the graph written by
`cargo run --release -p fkg-graph --example bench_paths -- EDGES QUERIES DIR`.

usage: benches/networkx_paths.py DIR [QUERIES]
Same pairs, k = 5 shortest simple paths (networkx.shortest_simple_paths with
the same hop cost), then write_gexf of the whole graph; prints p50/p99, the
export time and the peak memory of the process.
"""
import itertools
import math
import resource
import sys
import time

import networkx as nx

d = sys.argv[1]
limit = int(sys.argv[2]) if len(sys.argv) > 2 else 200
t0 = time.time()
g = nx.DiGraph()
for line in open(f"{d}/edges.tsv"):
    s, o, p, docs = line.rstrip("\n").split("\t")
    docs = int(docs)
    cost = 1.0 + 1.0 / (docs + 0.8)
    # One edge per pair in a DiGraph: keep the cheapest property between them.
    if not g.has_edge(s, o) or g[s][o]["cost"] > cost:
        g.add_edge(s, o, property=p, weight=docs, cost=cost)
print(f"networkx: {g.number_of_edges()} edges, {g.number_of_nodes()} nodes loaded in {time.time() - t0:.1f} s")
times, found = [], 0
for line in itertools.islice(open(f"{d}/pairs.tsv"), limit):
    a, b = line.split()
    t = time.time()
    try:
        paths = list(itertools.islice(nx.shortest_simple_paths(g, a, b, weight="cost"), 5))
        found += bool(paths)
    except (nx.NetworkXNoPath, nx.NodeNotFound):
        pass
    times.append((time.time() - t) * 1000)
times.sort()
pct = lambda p: times[int((len(times) - 1) * p)]
print(f"networkx shortest_simple_paths k=5, {len(times)} queries ({found} with paths): p50 {pct(0.5):.1f} ms, p99 {pct(0.99):.1f} ms")
t = time.time()
nx.write_gexf(g, f"{d}/networkx.gexf")
print(f"networkx write_gexf of {g.number_of_edges()} edges: {time.time() - t:.1f} s")
print(f"peak memory {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")
