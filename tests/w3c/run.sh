#!/usr/bin/env bash
# Runs the 50 W3C SPARQL 1.1 Protocol (34), Graph Store Protocol (13) and
# Service Description (3) tests of ../shared/peer-tests/sparql-protocol
# against a real `fkg serve` on 127.0.0.1, with the npm runner rdf-test-suite.
# usage: tests/w3c/run.sh PATH-TO-fkg PATH-TO-shared
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
fkg=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
peer=$(cd "$2/peer-tests/sparql-protocol" && pwd)
cd "$here"
[ -d node_modules/rdf-test-suite ] || npm ci --no-audit --no-fund >/dev/null
tmp=$(mktemp -d)
port=$((20000 + RANDOM % 20000))
# A scratch store; updates open to anyone, which --unsafe-open-update allows on loopback only.
"$fkg" --store "$tmp/store" serve --bind "127.0.0.1:$port" --unsafe-open-update --seeds "$here/../../seeds" --queries "$here/../../queries" >"$tmp/serve.log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null; wait $pid 2>/dev/null; rm -rf "$tmp"' EXIT
for _ in $(seq 1 300); do
  curl -sf "http://127.0.0.1:$port/health" >/dev/null 2>&1 && break
  sleep 0.2
done
base=https://w3c.github.io/rdf-tests/sparql/sparql11
runner="$here/node_modules/.bin/rdf-test-suite"
fail=0
run() { # name manifest-dir endpoint-key endpoint map-dir
  local out
  out=$("$runner" engine.js "$base/$2/manifest.ttl" -i "{\"$3\":\"$4\"}" -m "$base/$2/~$5/" -d 10000 -e 2>&1 || true)
  echo "$out" | grep -E "^✖ [^0-9].*\(http|tests succeeded" | sed "s/^/$1: /" || true
  echo "$out" | grep -qE "✔ ([0-9]+) / \1 tests succeeded" || fail=1
}
run protocol protocol protocolEndpoint "http://127.0.0.1:$port/sparql" "$peer/protocol"
run graph-store graph-store-protocol graphStoreEndpoint "http://127.0.0.1:$port/store" "$peer/graph-store-protocol/rdf-test-suite-compat"
run service-description service-description serviceDescriptionEndpoint "http://127.0.0.1:$port/sparql" "$peer/service-description"
run service-description-query service-description serviceDescriptionEndpoint "http://127.0.0.1:$port/query" "$peer/service-description"
exit $fail
