#!/usr/bin/env bash
# Usage: scripts/fuzz.sh [SECONDS]
# Builds the libFuzzer harnesses (fuzz/*_fuzzer.cc) in build-fuzz/ with
# clang, then runs each for SECONDS (default 20), all at once, on a scratch
# copy of its seed corpus fuzz/corpus/<name>/ (the seeds in the repository
# are never changed). Exits non-zero when the build fails or any harness
# crashes, leaks, times out or runs out of memory; the failing input is kept
# in build-fuzz/fuzz-runs/<harness>/artifacts/ and the log beside it.
# Environment: VKA_FUZZ_BUILD_DIR overrides build-fuzz/.
set -euo pipefail

seconds="${1:-20}"
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${VKA_FUZZ_BUILD_DIR:-$root/build-fuzz}"

if [[ ! -f "$build/CMakeCache.txt" ]]; then
  generator=()
  if command -v ninja >/dev/null; then generator=(-G Ninja); fi
  cmake -S "$root" -B "$build" "${generator[@]}" -DCMAKE_CXX_COMPILER=clang++ \
    -DCMAKE_BUILD_TYPE=RelWithDebInfo -DVKA_FUZZ=ON -DVKA_BUILD_TESTS=OFF
fi
cmake --build "$build" --target vka_fuzzers -j "$(nproc)"

declare -A pids=()
for source in "$root"/fuzz/*_fuzzer.cc; do
  harness="$(basename "$source" .cc)"
  run="$build/fuzz-runs/$harness"
  rm -rf "$run"
  mkdir -p "$run/corpus" "$run/artifacts"
  seeds="$root/fuzz/corpus/${harness%_fuzzer}"
  if [[ -d "$seeds" ]]; then cp -R "$seeds/." "$run/corpus/"; fi
  "$build/fuzz/$harness" -max_total_time="$seconds" -timeout=30 -rss_limit_mb=2048 \
    -print_final_stats=1 -artifact_prefix="$run/artifacts/" "$run/corpus" \
    >"$run/log" 2>&1 &
  pids[$harness]=$!
done

failed=0
for harness in $(printf '%s\n' "${!pids[@]}" | sort); do
  run="$build/fuzz-runs/$harness"
  if wait "${pids[$harness]}"; then
    runs="$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$run/log" | grep -o '[0-9]*$' || true)"
    echo "fuzz ok    $harness (${runs:-?} runs in ${seconds}s)"
  else
    echo "fuzz FAIL  $harness: see $run/log" >&2
    grep -E 'ERROR|SUMMARY|Test unit written' "$run/log" | head -n 10 >&2 || true
    failed=1
  fi
done
exit "$failed"
