#!/usr/bin/env bash
# Builds the release binaries (with the Swift runtime linked in statically, as it should be shipped on Linux,
# so the statusline starts fast) and prints the benchmark table. Figures are ratios against baselines measured
# in the same run; BENCH_COMPANION_CYCLES (default 10000) sets the companion's probe cycles, BENCH_WRITER_BATCHES
# (default 12) the batches each of the 16 killed-at-random writers appends. `usage-logger-bench "$PWD" --sqlite [DIR]`
# runs only the SQLite storage rows (import and report over a year of logs in DIR, the statusline per storage type,
# writers at once on one database).
set -euo pipefail
cd "$(dirname "$0")/.."
static=()
if [ "$(uname)" = "Linux" ]; then static=(--static-swift-stdlib); fi
swift build -c release "${static[@]}" --product usage-logger
swift build -c release "${static[@]}" --product usage-logger-bench
exec .build/release/usage-logger-bench "$PWD"
