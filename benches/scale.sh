#!/usr/bin/env bash
# Answers at the size of a real collection (issue 10): builds the release
# binaries, then runs benches/scale.py, which generates the 10 MiB and
# 50 MiB corpora, builds them and prints a table per size (build CPU, wall
# and peak RSS; named queries; paths; GEXF/GraphML exports; fkg serve and
# oxigraph serve-read-only side by side). Not part of CI.
#
# usage: benches/scale.sh [--sizes 10 50] [--work DIR] [--reps N]
# Needs /usr/bin/time and, for the Oxigraph column, `pip install oxigraph==0.5.13`.
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-/var/tmp/fentanyl-kg-target}"
cargo build --release --quiet -p fkg
cargo build --release --quiet -p fkg-extract --example synth
exec python3 benches/scale.py "$CARGO_TARGET_DIR/release/fkg" "$CARGO_TARGET_DIR/release/examples/synth" "$@"
