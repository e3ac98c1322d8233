#!/usr/bin/env bash
# The sanitizer pass of CI: an ASan + UBSan build with clang (build-san), its unit and
# integration tests, then each libFuzzer target for a bounded time from its committed seed
# corpus (tests/fuzz/corpus/<target>; new inputs go to a temp dir, the seeds stay as they are).
#   scripts/sanitize.sh [SECONDS_PER_FUZZER]
set -euo pipefail
cd "$(dirname "$0")/.."
SECONDS_PER_FUZZER=${1:-30}
BUILD=${SAN_BUILD_DIR:-build-san}
MODEL=$(pwd)/${BUILD_DIR:-build}/model/triage-model.bin  # reused: training under ASan is slow
[ -f "$MODEL" ] || MODEL=""
CC=clang CXX=clang++ cmake -S . -B "$BUILD" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DLIANDONG_SANITIZE=ON -DLIANDONG_PREBUILT_MODEL="$MODEL" >/dev/null
cmake --build "$BUILD" -j 2
export ASAN_OPTIONS=detect_leaks=0:abort_on_error=1  # gRPC keeps process-lifetime singletons
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
(cd "$BUILD" && ctest --output-on-failure -j 2 -L 'unit|integration|security')
for target in token rule_table classifier stream_entry; do
  work=$(mktemp -d)
  echo "fuzz_$target: ${SECONDS_PER_FUZZER}s"
  status=0
  "$BUILD/tests/fuzz/fuzz_$target" -max_total_time="$SECONDS_PER_FUZZER" -max_len=4096 \
    -print_final_stats=1 "$work" "tests/fuzz/corpus/$target" > "$work.log" 2>&1 || status=$?
  grep -E "stat::number_of_executed_units|ERROR|SUMMARY" "$work.log" || true
  [ "$status" = 0 ] || tail -n 40 "$work.log"
  rm -rf "$work" "$work.log"
  [ "$status" = 0 ] || { echo "fuzz_$target found a crash"; exit 1; }
done
echo "sanitizers: unit, integration and security tests green under ASan+UBSan; 4 fuzzers clean"
