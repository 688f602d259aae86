#!/bin/sh
# `make fuzz`: builds the libFuzzer targets of Fuzz/ (release, in .build-fuzz) with
# AddressSanitizer and libFuzzer's coverage instrumentation, linked to the toolchain's libFuzzer
# without its main (Package.swift explains why), and runs each for FUZZ_SECONDS (default 60) on seeds made from the repository
# (scripts/fuzz-seeds.py), with a dictionary each, 1 s per input and 2 GiB of memory at most.
# The corpus grows in .build-fuzz/work/corpus/TARGET across runs. Prints per target:
# executions, executions per second, edges covered; a crash, hang or out-of-memory is saved
# under .build-fuzz/work/artifacts/TARGET/ and makes the script fail.
# Usage: scripts/fuzz.sh BIN   (BIN: an ordinary venue-audit build, for seeds and dictionaries)
set -eu
cd "$(dirname "$0")/.."
BIN=${1:-.build/debug/venue-audit}
SECONDS_EACH=${FUZZ_SECONDS:-60}
TARGETS=${FUZZ_TARGETS:-"venue condition pack waiver report signature"}
SCRATCH=.build-fuzz
WORK=$SCRATCH/work
TOOLCHAIN=$(dirname "$(readlink -f "$(command -v swiftc)")")/..
VENUE_AUDIT_FUZZ=$(find "$TOOLCHAIN/lib/clang" -name 'libclang_rt.fuzzer_no_main-x86_64.a' | head -1)
[ -n "$VENUE_AUDIT_FUZZ" ] || { echo "fuzz: no libclang_rt.fuzzer_no_main in $TOOLCHAIN/lib/clang" >&2; exit 2; }
export VENUE_AUDIT_FUZZ
export ASAN_OPTIONS="detect_leaks=1"
export LSAN_OPTIONS="suppressions=$(pwd)/Tests/sanitizers/lsan.supp:print_suppressions=0"
# -sanitize=fuzzer given to the compiler only (-Xfrontend): coverage for libFuzzer, no libFuzzer
# main linked into every executable; the C code gets the same through clang.
FLAGS="-c release --sanitize=address -Xswiftc -Xfrontend -Xswiftc -sanitize=fuzzer -Xcc -fsanitize=fuzzer-no-link"

for t in $TARGETS; do
  # shellcheck disable=SC2086
  swift build $FLAGS --scratch-path "$SCRATCH" --product "fuzz-$t" 2>&1 | grep -v -e "prohibited flag" -e "Cannot export local symbol" || true
  [ -x "$SCRATCH/release/fuzz-$t" ] || { echo "fuzz: fuzz-$t did not build" >&2; exit 2; }
done
python3 scripts/fuzz-seeds.py "$WORK" "$BIN"

rm -rf "$WORK/artifacts"   # findings of an earlier run: copy what you keep into Tests/ first
failed=0
clean=0
printf '%-10s %12s %10s %8s %s\n' target executions "exec/s" edges found
for t in $TARGETS; do
  mkdir -p "$WORK/corpus/$t" "$WORK/artifacts/$t" "$WORK/logs"
  log="$WORK/logs/$t.log"
  status=0
  "$SCRATCH/release/fuzz-$t" "$WORK/corpus/$t" "$WORK/seeds/$t" \
    -dict="$WORK/dict/$t.dict" -max_total_time="$SECONDS_EACH" -timeout=1 -rss_limit_mb=2048 -max_len=65536 \
    -artifact_prefix="$WORK/artifacts/$t/" -print_final_stats=1 >"$log" 2>&1 || status=$?
  runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
  speed=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -1)
  edges=$(grep -o 'cov: [0-9]*' "$log" | tail -1 | cut -d' ' -f2)
  found=$(ls "$WORK/artifacts/$t" | tr '\n' ' ')
  printf '%-10s %12s %10s %8s %s\n' "$t" "${runs:-?}" "${speed:-?}" "${edges:-?}" "${found:-nothing}"
  if [ "$status" -ne 0 ] || [ -n "$found" ]; then
    failed=$((failed + 1))
    echo "fuzz: fuzz-$t stopped with status $status; the log is $log:" >&2
    grep -E "ERROR|SUMMARY|Test unit written|==[0-9]+==" "$log" | head -20 >&2 || true
  else
    clean=$((clean + 1))
  fi
done
# A target passes when it ran its time and found nothing.
echo "fuzz: $clean passed, $failed failed"
[ "$failed" -eq 0 ]
