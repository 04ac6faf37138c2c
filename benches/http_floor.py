#!/usr/bin/env python3
"""Per-request floor of `fkg serve`: cheap queries over one kept-alive
connection per client (http.client), c clients for S seconds; and, when the
`oxigraph` command is on PATH (`pip install oxigraph==0.5.13`), the same
queries through `oxigraph serve-read-only --union-default-graph` on a copy
of the same store, in the same run.
usage: benches/http_floor.py PATH-TO-fkg STORE-DIR [seconds per run]
Not part of CI: run it by hand (it measures; it asserts nothing). Use a
copy of a built store (fkg build seeds --store DIR).
"""
import http.client, os, shutil, socket, subprocess, sys, tempfile, threading, time, urllib.parse

fkg, store = sys.argv[1], sys.argv[2]
secs = float(sys.argv[3]) if len(sys.argv) > 3 else 5
root = os.path.abspath(os.path.join(os.path.dirname(__file__), ".."))


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait(port, path):
    for _ in range(600):
        try:
            c = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            c.request("GET", path)
            c.getresponse().read()
            return
        except OSError:
            time.sleep(0.1)
    raise SystemExit(f"port {port} did not answer")


queries = {"ASK {}": "ASK {}"}
for name in ("office-changes", "precursor-suppliers", "supply-chain-paths", "who-leads-what"):
    queries[name] = open(f"{root}/queries/{name}.rq").read()


def run(label, port, path, name, q, clients):
    url = path + "?" + urllib.parse.urlencode({"query": q})
    lat, errs = [], [0]
    stop = time.time() + secs
    lock = threading.Lock()

    def worker():
        c = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        mine = []
        while time.time() < stop:
            t = time.perf_counter()
            c.request("GET", url, headers={"Accept": "application/sparql-results+json"})
            r = c.getresponse()
            r.read()
            if r.status != 200:
                errs[0] += 1
            mine.append(time.perf_counter() - t)
        with lock:
            lat.extend(mine)

    ts = [threading.Thread(target=worker) for _ in range(clients)]
    t0 = time.time()
    for t in ts:
        t.start()
    for t in ts:
        t.join()
    el = time.time() - t0
    lat.sort()
    p = lambda x: lat[min(len(lat) - 1, int(x * len(lat)))] * 1000
    print(f"{label:9} {name:20} c={clients}: {len(lat)/el:8.1f} answers/s  p50 {p(.5):6.2f} ms"
          f"  p90 {p(.9):6.2f} ms  p99 {p(.99):6.2f} ms  errors {errs[0]}", flush=True)


servers = []
tmp = tempfile.mkdtemp(prefix="http-floor-")
try:
    # The copy is taken before `fkg serve` opens the store (its RocksDB
    # compacts in the background and removes files).
    copy = None
    if shutil.which("oxigraph"):
        copy = os.path.join(tmp, "store")
        shutil.copytree(store, copy, ignore=shutil.ignore_patterns("LOCK", "*.lock", "served*"))
    port = free_port()
    servers.append(("fkg serve", port, "/sparql", subprocess.Popen(
        [fkg, "--store", store, "serve", "--bind", f"127.0.0.1:{port}", "--queries", f"{root}/queries"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)))
    wait(port, "/health")
    if copy:
        port = free_port()
        servers.append(("oxigraph", port, "/query", subprocess.Popen(
            ["oxigraph", "serve-read-only", "--location", copy, "--bind", f"127.0.0.1:{port}",
             "--union-default-graph"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)))
        wait(port, "/query?query=ASK%7B%7D")
    else:
        print("(no `oxigraph` command on PATH: fkg serve only)")
    for name, q in queries.items():
        for c in (1, 8):
            for label, port, path, _ in servers:
                run(label, port, path, name, q, c)
finally:
    for *_, proc in servers:
        proc.terminate()
        proc.wait()
    shutil.rmtree(tmp, ignore_errors=True)
