#!/usr/bin/env bash
# Full-text search benchmarks (issue 7 part 5, docs/search.md): the first
# build of the index and the latency of `vka search` (a page of hits and the
# total) on a workspace of PERSONS synthetic persons (default 1,000,000),
# made as bench/run.sh makes its own: 5 overlapping lists from `vka gen`,
# the first PERSONS records imported. BENCH_WS=DIR reuses an existing
# workspace instead (its index is rebuilt). Results go to stdout; copy them
# into BENCHMARKS.md with the machine and date.
set -eu  # no pipefail: `head` closes pipes early on purpose
cd "$(dirname "$0")/.."
PERSONS=${1:-1000000}
VKA=${VKA:-build/vka}
WORK=${BENCH_DIR:-bench-data/search}

echo "# machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB, $(uname -r); date: $(date -u +%F); load: $(cut -d' ' -f1-3 /proc/loadavg)"
measure() {  # label, command...: prints wall seconds and peak RSS
  local label=$1; shift
  sync
  /usr/bin/time -f "$label: %e s wall, %U s user, %M KB peak RSS" "$@" > /dev/null
}

if [ -z "${BENCH_WS:-}" ]; then
  rm -rf "$WORK" && mkdir -p "$WORK"
  echo "# generating 5 overlapping lists and importing the first $PERSONS person records"
  "$VKA" gen --persons $(( PERSONS * 2 / 3 )) --lists 5 --seed 7 -o "$WORK/gen" > /dev/null
  cat "$WORK"/gen/list*.ndjson | head -n "$PERSONS" > "$WORK/persons.ndjson"
  WS="$WORK/ws"
  "$VKA" init "$WS" --name "search bench (synthetic)" > /dev/null
  measure "vka import" "$VKA" --workspace "$WS" import "$WORK/persons.ndjson"
else
  WS=$BENCH_WS
fi

measure "first index build (vka search --rebuild)" "$VKA" --workspace "$WS" search --rebuild
echo "index size: $(du -sh "$WS/index" | cut -f1) (vka.db: $(du -sh "$WS/vka.db" | cut -f1))"
for q in Hovhannisyan Оганесян Հովհաննիսյան synthetic; do
  echo "hits for '$q': $("$VKA" --workspace "$WS" search "$q" --limit 1 | tail -n 1)"
done

S="$VKA --workspace $WS search"
hyperfine -N --warmup 2 --runs 10 --export-markdown "$WORK/search.md" \
  "$S Hovhannisyan --limit 50" \
  "$S Оганесян --limit 50" \
  "$S Հովհաննիսյան --limit 50 --role viewer" \
  "$S Ovanesyan Anahit --limit 50" \
  "$S Hov --limit 50" \
  "$S Hovhannisyan --limit 50 --offset 5000" \
  "$S synthetic --limit 50" \
  "$S zzzzqx --limit 50" > /dev/null
cat "$WORK/search.md"

# The first search after a write brings the index up to date (one record).
"$VKA" --workspace "$WS" add person --json '{"names":[{"value":"Benchmarkyan"}],"remarks":"SYNTHETIC"}' > /dev/null
measure "first search after adding one record (incremental update)" \
  "$VKA" --workspace "$WS" search Benchmarkyan
