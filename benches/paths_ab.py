#!/usr/bin/env python3
"""Paths A/B: two `fkg` binaries answering /api/paths on the same store, one
after the other, twice (A, B, A, B), with benches/scale.py's requests: the
first request to a fresh `fkg serve` (cold), then 20 far-apart pairs × 3
rounds, k = 10. Prints cold, p50, p90 and p99 per run, and whether both
binaries gave the same answers byte for byte.

usage: benches/paths_ab.py STORE FKG_A FKG_B

Not a test: nothing fails on a threshold.
"""
import os
import sys
import urllib.parse

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import scale  # noqa: E402


def run(fkg, store):
    proc, base = scale.serve_fkg(fkg, store)
    try:
        pairs = scale.far_pairs(f"{base}/sparql")
        url = lambda s, o: f"{base}/api/paths?" + urllib.parse.urlencode({"from": s, "to": o, "k": 10})
        cold, _ = scale.get(url(pairs[0][1], pairs[0][2]), accept="application/json")
        times, bodies = [], []
        for _ in range(3):
            for _, s, o in pairs:
                t, b = scale.get(url(s, o), accept="application/json")
                times.append(t)
                bodies.append(b)
        return cold, times, bodies
    finally:
        proc.terminate()
        proc.wait()


def main():
    store, a, b = sys.argv[1:4]
    answers = {}
    for _ in range(2):
        for name, fkg in (("A", a), ("B", b)):
            cold, times, bodies = run(os.path.abspath(fkg), store)
            answers[name] = bodies
            ms = lambda p: scale.pct(times, p) * 1000
            print(f"{name} cold {cold * 1000:.0f} ms, p50 {ms(.5):.0f} ms, p90 {ms(.9):.0f} ms, p99 {ms(.99):.0f} ms", flush=True)
    print("same answers:", answers["A"] == answers["B"])


if __name__ == "__main__":
    main()
