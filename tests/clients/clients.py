#!/usr/bin/env python3
"""Real SPARQL clients against `fkg serve` on 127.0.0.1: SPARQLWrapper and
rdflib's SPARQLStore, then a bounded load test (concurrent clients mixing
the named queries with malformed ones).

usage: clients.py PATH-TO-fkg [--load SECONDS] [--clients N]
Prints 'N passed, N failed' and exits non-zero on any failure.
"""
import argparse
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
CARTEL = "https://w3id.org/fentanyl-kg/ontology#Cartel"
passed, failed = 0, 0


def check(name, ok, detail=""):
    global passed, failed
    if ok:
        passed += 1
        print(f"ok   {name}")
    else:
        failed += 1
        print(f"FAIL {name} {detail}")


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start(fkg, store):
    port = free_port()
    proc = subprocess.Popen(
        [fkg, "--store", store, "serve", "--bind", f"127.0.0.1:{port}", "--max-concurrent", "64"],
        cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    for _ in range(300):
        try:
            urllib.request.urlopen(base + "/health", timeout=1).read()
            return proc, base
        except OSError:
            time.sleep(0.2)
    proc.kill()
    raise SystemExit("server did not start")


def sparqlwrapper_tests(base):
    from SPARQLWrapper import SPARQLWrapper, JSON, XML, CSV, TURTLE, N3, POST
    q = f"SELECT DISTINCT ?c WHERE {{ ?c a <{CARTEL}> }}"
    sw = SPARQLWrapper(base + "/sparql")
    sw.setQuery(q)
    sw.setReturnFormat(JSON)
    res = sw.query().convert()
    names = {b["c"]["value"] for b in res["results"]["bindings"]}
    check("SPARQLWrapper GET JSON", "https://w3id.org/fentanyl-kg/id/Sinaloa_Cartel" in names, names)
    sw.setReturnFormat(XML)
    doc = sw.query().convert()
    check("SPARQLWrapper XML", len(doc.getElementsByTagName("result")) == len(names))
    sw.setReturnFormat(CSV)
    csv = sw.query().convert().decode()
    check("SPARQLWrapper CSV", csv.splitlines()[0].strip() == "c" and len(csv.splitlines()) == len(names) + 1)
    sw.setMethod(POST)
    sw.setReturnFormat(JSON)
    res = sw.query().convert()
    check("SPARQLWrapper POST", len(res["results"]["bindings"]) == len(names))
    sw = SPARQLWrapper(base + "/sparql")
    sw.setQuery("ASK { ?s a <https://w3id.org/fentanyl-kg/ontology#Document> }")
    sw.setReturnFormat(JSON)
    check("SPARQLWrapper ASK", sw.query().convert()["boolean"] is True)
    sw = SPARQLWrapper(base + "/sparql")
    sw.setQuery(f"CONSTRUCT {{ ?c a <{CARTEL}> }} WHERE {{ ?c a <{CARTEL}> }}")
    sw.setReturnFormat(TURTLE)
    g = sw.query().convert()
    check("SPARQLWrapper CONSTRUCT", b"Sinaloa_Cartel" in g)
    sw = SPARQLWrapper(base + "/sparql")
    sw.setQuery("SELECT ?x WHERE { ?x ")
    sw.setReturnFormat(JSON)
    try:
        sw.query()
        check("SPARQLWrapper malformed query is an error", False)
    except Exception as e:  # QueryBadFormed
        check("SPARQLWrapper malformed query is an error", "QueryBadFormed" in type(e).__name__ or "400" in str(e), repr(e))


def rdflib_tests(base):
    import rdflib
    from rdflib.plugins.stores.sparqlstore import SPARQLStore
    store = SPARQLStore(base + "/sparql")
    g = rdflib.Graph(store=store)
    rows = list(g.query(f"SELECT DISTINCT ?c WHERE {{ ?c a <{CARTEL}> }}"))
    check("rdflib SPARQLStore SELECT", any(str(r[0]).endswith("Sinaloa_Cartel") for r in rows), rows[:3])
    ask = g.query("ASK { ?s ?p ?o }")
    check("rdflib SPARQLStore ASK", bool(ask.askAnswer))
    label = rdflib.URIRef("http://www.w3.org/2000/01/rdf-schema#label")
    labels = set(g.objects(rdflib.URIRef("https://w3id.org/fentanyl-kg/id/China"), label))
    check("rdflib SPARQLStore triples()", rdflib.Literal("China") in labels, labels)


def load_test(base, seconds, clients):
    names = json.load(urllib.request.urlopen(base + "/api/queries"))
    queries = [n["query"] for n in names]
    bad = ["SELECT ?x WHERE { ?x", "ASK {", "SELECT * WHERE { ?s ?p }}"]
    lat, statuses, lost = [], {}, []
    lock = threading.Lock()
    stop = time.time() + seconds

    def worker(i):
        k = i
        while time.time() < stop:
            k += 1
            malformed = k % 5 == 0
            q = bad[k % len(bad)] if malformed else queries[k % len(queries)]
            data = urllib.parse.urlencode({"query": q}).encode()
            req = urllib.request.Request(base + "/sparql", data=data, headers={"Accept": "application/sparql-results+json"})
            t0 = time.time()
            try:
                with urllib.request.urlopen(req, timeout=60) as r:
                    body = r.read()
                    code = r.status
                    if not malformed:
                        json.loads(body)  # a complete answer
            except urllib.error.HTTPError as e:
                code = e.code
            except Exception as e:  # connection error or truncated body
                with lock:
                    lost.append(repr(e))
                continue
            dt = time.time() - t0
            with lock:
                statuses[code] = statuses.get(code, 0) + 1
                if not malformed:
                    lat.append(dt)

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    lat.sort()
    pct = lambda p: lat[min(len(lat) - 1, int(p * len(lat)))] * 1000 if lat else 0
    total = sum(statuses.values())
    print(f"load: {clients} clients for {seconds} s: {total} answers ({total / seconds:.0f}/s), statuses {statuses}, "
          f"lost {len(lost)}, latency ms p50 {pct(0.5):.1f} p90 {pct(0.9):.1f} p99 {pct(0.99):.1f} max {pct(1.0):.1f}")
    check("load: no 5xx", not any(c >= 500 for c in statuses), statuses)
    check("load: no lost answers", not lost, lost[:3])
    check("load: malformed queries get 400", statuses.get(400, 0) > 0, statuses)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("fkg")
    ap.add_argument("--load", type=float, default=20)
    ap.add_argument("--clients", type=int, default=32)
    a = ap.parse_args()
    tmp = tempfile.mkdtemp()
    proc, base = start(os.path.abspath(a.fkg), os.path.join(tmp, "store"))
    try:
        sparqlwrapper_tests(base)
        rdflib_tests(base)
        if a.load > 0:
            load_test(base, a.load, a.clients)
    finally:
        proc.terminate()
        proc.wait()
        shutil.rmtree(tmp, ignore_errors=True)
    print(f"{passed} passed, {failed} failed")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
