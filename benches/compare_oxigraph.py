#!/usr/bin/env python3
"""Side-by-side benchmark: `fkg serve` and Oxigraph's own server
(`pip install oxigraph==0.5.13`, command `oxigraph`) on copies of the same
store, with the same queries (the named queries of queries/), at concurrency
1 and 8. Reports answers per second and latency percentiles.

usage: benches/compare_oxigraph.py PATH-TO-fkg [--seconds 10] [--store DIR]
Not part of CI: run it by hand; it needs the `oxigraph` command.
"""
import argparse
import json
import os
import shutil
import socket
import subprocess
import tempfile
import threading
import time
import urllib.parse
import urllib.request

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), ".."))


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait(url):
    for _ in range(300):
        try:
            urllib.request.urlopen(url, timeout=1).read()
            return
        except OSError:
            time.sleep(0.2)
    raise SystemExit(f"{url} did not answer")


def run(endpoint, queries, seconds, clients):
    lat, count, errors = [], 0, 0
    lock = threading.Lock()
    stop = time.time() + seconds

    def worker(i):
        nonlocal count, errors
        k = i
        while time.time() < stop:
            q = queries[k % len(queries)]
            k += 1
            data = urllib.parse.urlencode({"query": q}).encode()
            req = urllib.request.Request(endpoint, data=data, headers={"Accept": "application/sparql-results+json"})
            t0 = time.time()
            try:
                with urllib.request.urlopen(req, timeout=120) as r:
                    json.loads(r.read())
            except Exception:
                with lock:
                    errors += 1
                continue
            with lock:
                lat.append(time.time() - t0)
                count += 1

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    lat.sort()
    pct = lambda p: lat[min(len(lat) - 1, int(p * len(lat)))] * 1000 if lat else float("nan")
    return count / seconds, pct(0.5), pct(0.99), errors


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("fkg")
    ap.add_argument("--seconds", type=float, default=10)
    ap.add_argument("--store", help="an existing store (default: build one from seeds/)")
    a = ap.parse_args()
    fkg = os.path.abspath(a.fkg)
    tmp = tempfile.mkdtemp()
    ours = os.path.join(tmp, "fkg-store")
    if a.store:
        shutil.copytree(a.store, ours)
    else:
        subprocess.run([fkg, "--store", ours, "build", "seeds", "--quiet"], cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
    theirs = os.path.join(tmp, "oxigraph-store")
    shutil.copytree(ours, theirs)
    queries = []
    for name in sorted(os.listdir(os.path.join(ROOT, "queries"))):
        if name.endswith(".rq"):
            queries.append(open(os.path.join(ROOT, "queries", name)).read())
    p1, p2 = free_port(), free_port()
    a_proc = subprocess.Popen([fkg, "--store", ours, "serve", "--bind", f"127.0.0.1:{p1}", "--max-concurrent", "64"],
                              cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    b_proc = subprocess.Popen(["oxigraph", "serve", "--location", theirs, "--bind", f"127.0.0.1:{p2}", "--union-default-graph"],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        wait(f"http://127.0.0.1:{p1}/health")
        wait(f"http://127.0.0.1:{p2}/query?query=ASK%7B%7D")
        print(f"{len(queries)} named queries, {a.seconds:.0f} s per run")
        print(f"{'server':12} {'clients':>7} {'answers/s':>10} {'p50 ms':>8} {'p99 ms':>8} {'errors':>7}")
        for clients in (1, 8):
            for name, endpoint in (("fkg serve", f"http://127.0.0.1:{p1}/sparql"), ("oxigraph", f"http://127.0.0.1:{p2}/query")):
                qps, p50, p99, err = run(endpoint, queries, a.seconds, clients)
                print(f"{name:12} {clients:7} {qps:10.1f} {p50:8.1f} {p99:8.1f} {err:7}")
    finally:
        a_proc.terminate()
        b_proc.terminate()
        a_proc.wait()
        b_proc.wait()
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
