#!/usr/bin/env bash
# Peak memory of `venue-audit aggregate` over generated corpora of two sizes (default 1,000 and
# 10,000 reports): the issue asks for less than 1.5x between them (memory stays flat because
# reports are streamed one at a time into the SQLite store and rolled up in one pass).
#   Tests/scripts/bench_aggregate_memory.sh [BIN] [SMALL] [LARGE]
# BIN defaults to .build/release/venue-audit if built, else .build/debug/venue-audit.
set -euo pipefail
cd "$(dirname "$0")/../.."
BIN=${1:-$( [ -x .build/release/venue-audit ] && echo .build/release/venue-audit || echo .build/debug/venue-audit )}
SMALL=${2:-1000}
LARGE=${3:-10000}
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
peak() {  # N -> prints "N reports: peak KiB, seconds"
    local n=$1
    "$BIN" corpus --out "$WORK/corpus-$n" --reports "$n" --jurisdiction XA --seed 7 >/dev/null
    "$BIN" audit "$WORK/corpus-$n" --policies Tests/Fixtures/policies --format xml --out "$WORK/reports-$n" --quiet >/dev/null || true
    "$BIN" aggregate "$WORK/reports-$n" --out "$WORK/out-$n" --stats -q 2>&1 >/dev/null | sed -n 's/^stats: .* \([0-9.]*\) s, peak memory \([0-9]*\) KiB$/\2 \1/p'
}
read -r SMALL_KIB SMALL_S < <(peak "$SMALL")
read -r LARGE_KIB LARGE_S < <(peak "$LARGE")
RATIO=$(awk -v a="$LARGE_KIB" -v b="$SMALL_KIB" 'BEGIN { printf "%.2f", a / b }')
echo "binary: $BIN"
echo "$SMALL reports: peak $SMALL_KIB KiB, aggregate ${SMALL_S}s"
echo "$LARGE reports: peak $LARGE_KIB KiB, aggregate ${LARGE_S}s"
echo "ratio: $RATIO (must be < 1.5)"
awk -v r="$RATIO" 'BEGIN { exit !(r < 1.5) }'
