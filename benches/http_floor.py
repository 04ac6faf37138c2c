#!/usr/bin/env python3
"""Per-request floor of `fkg serve`: cheap queries over one kept-alive
connection per client (http.client), c clients for S seconds.
usage: benches/http_floor.py PATH-TO-fkg STORE-DIR [seconds per run]
Not part of CI: run it by hand (it measures; it asserts nothing). Use a
copy of a built store (fkg build seeds --store DIR).
"""
import http.client, subprocess, sys, threading, time, urllib.parse, os, socket
fkg, store = sys.argv[1], sys.argv[2]
secs = float(sys.argv[3]) if len(sys.argv) > 3 else 5
root = os.path.abspath(os.path.join(os.path.dirname(__file__), ".."))
with socket.socket() as s:
    s.bind(("127.0.0.1", 0)); port = s.getsockname()[1]
srv = subprocess.Popen([fkg, "--store", store, "serve", "--bind", f"127.0.0.1:{port}", "--queries", f"{root}/queries"],
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
for _ in range(300):
    try:
        c = http.client.HTTPConnection("127.0.0.1", port, timeout=2); c.request("GET", "/health"); c.getresponse().read(); break
    except OSError:
        time.sleep(0.1)
who = open(f"{root}/queries/who-leads-what.rq").read()
queries = {"ASK {}": "ASK {}", "who-leads-what": who}
def run(q, clients):
    path = "/sparql?" + urllib.parse.urlencode({"query": q})
    lat, errs = [], [0]
    stop = time.time() + secs
    lock = threading.Lock()
    def worker():
        c = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        mine = []
        while time.time() < stop:
            t = time.perf_counter()
            c.request("GET", path, headers={"Accept": "application/sparql-results+json"})
            r = c.getresponse(); r.read()
            if r.status != 200: errs[0] += 1
            mine.append(time.perf_counter() - t)
        with lock: lat.extend(mine)
    ts = [threading.Thread(target=worker) for _ in range(clients)]
    t0 = time.time()
    for t in ts: t.start()
    for t in ts: t.join()
    el = time.time() - t0
    lat.sort()
    p = lambda x: lat[min(len(lat) - 1, int(x * len(lat)))] * 1000
    print(f"{name:15} c={clients}: {len(lat)/el:8.1f} answers/s  p50 {p(.5):6.2f} ms  p90 {p(.9):6.2f} ms  p99 {p(.99):6.2f} ms  errors {errs[0]}")
try:
    for name, q in queries.items():
        for c in (1, 8):
            run(q, c)
finally:
    srv.terminate(); srv.wait()
