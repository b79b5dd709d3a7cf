#!/usr/bin/env bash
# Foundation benchmarks (issue 2): import, show/list and export at 1,000,000
# persons, side by side with the sqlite3 shell's .import of the same rows.
# Usage: bench/run.sh [PERSONS]   (default 1000000). Results go to stdout;
# copy them into BENCHMARKS.md with the machine and date.
set -eu  # no pipefail: `head` closes pipes early on purpose
cd "$(dirname "$0")/.."
PERSONS=${1:-1000000}
VKA=${VKA:-build/vka}
WORK=${BENCH_DIR:-bench-data}
rm -rf "$WORK" && mkdir -p "$WORK"

echo "# machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB, $(uname -r); date: $(date -u +%F)"
echo "# generating 5 overlapping lists and taking the first $PERSONS person records"
"$VKA" gen --persons $(( PERSONS * 2 / 3 )) --lists 5 --seed 7 -o "$WORK/gen" > /dev/null
ND="$WORK/persons.ndjson"
CSV="$WORK/persons.csv"
cat "$WORK"/gen/list*.ndjson | head -n "$PERSONS" > "$ND"
{ head -n 1 "$(ls "$WORK"/gen/list*.csv | head -1)"
  for f in "$WORK"/gen/list*.csv; do tail -n +2 "$f"; done | head -n "$PERSONS"; } > "$CSV"
echo "records: $(wc -l < "$ND")  ndjson bytes: $(stat -c %s "$ND")"

measure() {  # label, command...: prints wall seconds and peak RSS
  local label=$1; shift
  # Start each run with no dirty pages from earlier steps: vka's log sync
  # (syncfs) would otherwise also wait for the files just generated.
  sync
  /usr/bin/time -f "$label: %e s wall, %M KB peak RSS" "$@" > /dev/null
}

"$VKA" init "$WORK/ws" --name "bench (synthetic)" > /dev/null
measure "vka import (1 transaction, validated, canonical, revisions)" \
  "$VKA" --workspace "$WORK/ws" import "$ND"

# Peer: the sqlite3 shell importing the same rows as CSV into a plain table,
# in one transaction, same pragmas as vka (WAL, synchronous=FULL).
cat > "$WORK/peer.sql" <<SQL
PRAGMA journal_mode=WAL;
PRAGMA synchronous=FULL;
.mode csv
.import $CSV persons
SQL
measure "sqlite3 .import of the same rows as CSV (peer)" sqlite3 "$WORK/peer.db" ".read $WORK/peer.sql"

ID=$(head -c 300 "$ND" | grep -o '"id":"per_[0-9A-Z]*"' | head -1 | cut -d'"' -f4)
if command -v hyperfine > /dev/null; then
  hyperfine -N --warmup 3 --runs 20 --export-markdown "$WORK/reads.md" \
    "$VKA --workspace $WORK/ws show $ID" \
    "$VKA --workspace $WORK/ws list person --limit 50" \
    "$VKA --workspace $WORK/ws list person --where sex=female --limit 50" > /dev/null
  cat "$WORK/reads.md"
fi
measure "vka export ndjson" "$VKA" --workspace "$WORK/ws" export -o "$WORK/export.ndjson"
measure "vka export csv (persons)" "$VKA" --workspace "$WORK/ws" export --kind person --format csv -o "$WORK/export.csv"
