#!/usr/bin/env python3
"""Answers at the size of a real collection (issue 10): for each corpus size,
generate the corpus, build it, and time what analysts do with it.

usage: benches/scale.py FKG SYNTH [--sizes 10 50] [--work DIR] [--reps 5]
                        [--queries DIR] [--limit SECONDS]

FKG is the release `fkg` binary, SYNTH the release `synth` example of
fkg-extract. Sizes: 10 (10 MiB of 4 KiB news-like articles) and 50 (50 MiB
of 64 KiB documents, the issue's synthetic corpus). Prints one table per
size: build CPU, wall and peak RSS; each named query's p50 wall and peak
RSS through `fkg query --name` (a fresh process each time, store opened
included); paths: the first request to a fresh `fkg serve` (cold: loads the
graph) and p50/p99 of 20 far-apart pairs after that; GEXF and GraphML export
time and RSS; each named query's p50 through `fkg serve` and through
Oxigraph's `oxigraph serve-read-only` (PyPI oxigraph==0.5.13) on the same
store, one client.

--queries runs the named queries of another folder (an older binary with
the queries it was written for); --limit stops any one command after that
many seconds (default 900: a 50 MiB build on a loaded 2-core machine takes
over 300 s).

Not a test: nothing here fails on a threshold. Run it by hand
(benches/scale.sh builds the binaries and calls it).
"""
import argparse
import collections
import json
import os
import random
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), ".."))
G = "https://w3id.org/fentanyl-kg/graph/consolidated"
FKG = "https://w3id.org/fentanyl-kg/ontology#"
PATH_PROPERTIES = ["suppliesTo", "trafficsTo", "supplies", "produces", "producedIn", "traffics",
                   "entersVia", "laundersMoneyFor", "operatesIn", "locatedIn"]
SIZES = {"10": 4, "50": 64}  # MiB -> KiB per document


LIMIT = 900  # seconds any one command may take (--limit)
QUERIES = os.path.join(ROOT, "queries")  # --queries


def timed(cmd, **kw):
    """Runs cmd under /usr/bin/time -v, stopped after LIMIT seconds (return
    code 124): (wall s, cpu s, peak RSS MiB, returncode, stdout)."""
    t0 = time.time()
    p = subprocess.run(["/usr/bin/time", "-v", "timeout", str(LIMIT)] + cmd, stdout=subprocess.PIPE,
                       stderr=subprocess.PIPE, cwd=ROOT, **kw)
    wall = time.time() - t0
    err = p.stderr.decode(errors="replace")
    num = lambda pat: float(re.search(pat, err).group(1)) if re.search(pat, err) else float("nan")
    cpu = num(r"User time \(seconds\): ([\d.]+)") + num(r"System time \(seconds\): ([\d.]+)")
    rss = num(r"Maximum resident set size \(kbytes\): (\d+)") / 1024
    if p.returncode != 0:
        sys.stderr.write(f"{' '.join(cmd)} exited {p.returncode}:\n{err[-2000:]}\n")
    return wall, cpu, rss, p.returncode, p.stdout


def pct(values, p):
    v = sorted(values)
    return v[min(len(v) - 1, int(p * len(v)))] if v else float("nan")


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait(url, proc):
    for _ in range(3000):
        if proc.poll() is not None:
            raise SystemExit(f"server exited {proc.returncode} before answering {url}")
        try:
            urllib.request.urlopen(url, timeout=5).read()
            return
        except OSError:
            time.sleep(0.1)
    raise SystemExit(f"{url} did not answer")


def get(url, data=None, accept="application/sparql-results+json", timeout=600):
    req = urllib.request.Request(url, data=data, headers={"Accept": accept})
    t0 = time.time()
    with urllib.request.urlopen(req, timeout=timeout) as r:
        body = r.read()
    return time.time() - t0, body


def sparql(endpoint, q):
    return get(endpoint, urllib.parse.urlencode({"query": q}).encode(), timeout=LIMIT)


def named_queries():
    out = []
    for name in sorted(os.listdir(QUERIES)):
        if name.endswith(".rq"):
            out.append((name[:-3], open(os.path.join(QUERIES, name)).read()))
    return out


def far_pairs(endpoint, n=20, seed=10):
    """n pairs (from, to) joined by a directed path over the path properties,
    as far apart as the graph has, chosen with a fixed seed."""
    values = " ".join(f"fkg:{p}" for p in PATH_PROPERTIES)
    _, body = sparql(endpoint, f"PREFIX fkg: <{FKG}> SELECT ?s ?o WHERE {{ GRAPH <{G}> {{ VALUES ?p {{ {values} }} ?e fkg:predicate ?p ; fkg:subject ?s ; fkg:object ?o }} }}")
    adj = collections.defaultdict(set)
    for b in json.loads(body)["results"]["bindings"]:
        adj[b["s"]["value"]].add(b["o"]["value"])
    rnd = random.Random(seed)
    starts = sorted(adj)
    rnd.shuffle(starts)
    found = []
    for s in starts[:400]:
        dist = {s: 0}
        frontier = [s]
        while frontier:
            nxt = []
            for u in frontier:
                for v in adj.get(u, ()):
                    if v not in dist:
                        dist[v] = dist[u] + 1
                        nxt.append(v)
            frontier = nxt
        far = max(dist.values())
        if far >= 1:
            ends = sorted(v for v, d in dist.items() if d == far)
            found.append((far, s, rnd.choice(ends)))
    found.sort(key=lambda x: -x[0])
    return found[:n]


def serve_fkg(fkg, store):
    port = free_port()
    proc = subprocess.Popen([fkg, "--store", store, "serve", "--bind", f"127.0.0.1:{port}", "--timeout", "600",
                             "--queries", QUERIES,
                             "--max-rows", "100000000", "--max-result-bytes", str(1 << 40)],
                            cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    wait(f"{base}/health", proc)
    return proc, base


def bench(size, a):
    doc_kib = SIZES[size]
    work = a.work
    corpus = os.path.join(work, f"corpus-{size}")
    store = os.path.join(work, f"store-{size}")
    if not os.path.isdir(corpus):
        subprocess.run([a.synth, corpus, size, str(doc_kib)], check=True, stdout=subprocess.DEVNULL)
    mib = sum(os.path.getsize(os.path.join(corpus, f)) for f in os.listdir(corpus)) / 2**20
    ndocs = len(os.listdir(corpus))
    shutil.rmtree(store, ignore_errors=True)
    rows = []
    wall, cpu, rss, rc, out = timed([a.fkg, "--store", store, "build", corpus, "--quiet"])
    summary = out.decode().splitlines()[0] if out else ""
    rows.append(("build", f"{wall:.1f} s wall, {cpu:.1f} s CPU, {rss:.0f} MiB peak RSS", summary))
    # Named queries through the CLI.
    queries = named_queries()
    for name, _ in queries:
        walls, rsss, nrows = [], [], 0
        for _ in range(a.reps):
            w, _, r, rc, out = timed([a.fkg, "--store", store, "query", "--queries", QUERIES, "--name", name, "--format", "tsv"])
            walls.append(w)
            rsss.append(r)
            nrows = max(0, out.count(b"\n") - 1)
            if rc != 0:
                break
        note = f"{nrows} rows" if rc == 0 else f"stopped after {LIMIT} s" if rc == 124 else f"exit {rc}"
        rows.append((f"query {name}", f"p50 {pct(walls, .5) * 1000:.0f} ms, {max(rsss):.0f} MiB", note))
        print("| " + " | ".join(rows[-1]) + " |", file=sys.stderr)
    # Exports.
    for fmt in ("gexf", "graphml"):
        out_file = os.path.join(work, f"export-{size}.{fmt}")
        w, c, r, rc, _ = timed([a.fkg, "--store", store, "export", "--format", fmt, "-o", out_file])
        edges = 0
        if rc == 0:
            with open(out_file, "rb") as f:
                edges = sum(chunk.count(b"<edge ") for chunk in iter(lambda: f.read(1 << 20), b""))
        rows.append((f"export {fmt}", f"{w:.1f} s wall, {r:.0f} MiB", f"{edges} edges"))
    # Paths and the named queries through fkg serve.
    proc, base = serve_fkg(a.fkg, store)
    try:
        pairs = far_pairs(f"{base}/sparql")
        if pairs:
            _, s, o = pairs[0]
            cold, _ = get(f"{base}/api/paths?" + urllib.parse.urlencode({"from": s, "to": o, "k": 10}), accept="application/json")
            times = []
            for _ in range(3):
                for hops, s, o in pairs:
                    t, _ = get(f"{base}/api/paths?" + urllib.parse.urlencode({"from": s, "to": o, "k": 10}), accept="application/json")
                    times.append(t)
            longest = max(h for h, _, _ in pairs)
            rows.append(("paths (k=10, /api/paths)", f"cold {cold * 1000:.0f} ms; p50 {pct(times, .5) * 1000:.0f} ms, p99 {pct(times, .99) * 1000:.0f} ms",
                         f"{len(pairs)} pairs, up to {longest} hops apart"))
        fkg_http = {}
        for name, q in queries:
            ts = [sparql(f"{base}/sparql", q)[0] for _ in range(a.reps)]
            fkg_http[name] = pct(ts, .5)
    finally:
        proc.terminate()
        proc.wait()
    ox_http = {}
    oxigraph = shutil.which("oxigraph")
    if oxigraph:
        port = free_port()
        proc = subprocess.Popen([oxigraph, "serve-read-only", "--location", store, "--bind", f"127.0.0.1:{port}",
                                 "--union-default-graph"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            wait(f"http://127.0.0.1:{port}/query?query=ASK%7B%7D", proc)
            for name, q in queries:
                ts = [sparql(f"http://127.0.0.1:{port}/query", q)[0] for _ in range(a.reps)]
                ox_http[name] = pct(ts, .5)
        finally:
            proc.terminate()
            proc.wait()
    for name, _ in queries:
        ox = f"{ox_http[name] * 1000:.1f} ms" if name in ox_http else "n/a"
        rows.append((f"HTTP {name}", f"fkg serve p50 {fkg_http[name] * 1000:.1f} ms", f"oxigraph serve-read-only p50 {ox}"))
    print(f"\n## {size} MiB: {ndocs} documents of {doc_kib} KiB ({mib:.1f} MiB)\n")
    print("| what | measured | notes |")
    print("|---|---|---|")
    for r in rows:
        print("| " + " | ".join(r) + " |")
    sys.stdout.flush()


def main():
    global LIMIT, QUERIES
    ap = argparse.ArgumentParser()
    ap.add_argument("fkg")
    ap.add_argument("synth")
    ap.add_argument("--sizes", nargs="+", default=["10", "50"], choices=sorted(SIZES))
    ap.add_argument("--work", default="/var/tmp/fkg-bench")
    ap.add_argument("--reps", type=int, default=5)
    ap.add_argument("--queries", default=QUERIES)
    ap.add_argument("--limit", type=int, default=LIMIT)
    a = ap.parse_args()
    LIMIT, QUERIES = a.limit, os.path.abspath(a.queries)
    a.fkg, a.synth = os.path.abspath(a.fkg), os.path.abspath(a.synth)
    os.makedirs(a.work, exist_ok=True)
    for size in a.sizes:
        bench(size, a)


if __name__ == "__main__":
    main()
