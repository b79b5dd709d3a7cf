#!/usr/bin/env bash
# Reparations registry benchmarks (issue 8): a SYNTHETIC registry of CLAIMS
# claims (default 500,000) with its claimants, victims, properties and acts;
# its import, `vka claims summary`, and `vka claims duplicates`, with the
# detector's recall and precision against the planted duplicates.
# Usage: bench/claims.sh [CLAIMS]. Results go to stdout; copy them into
# BENCHMARKS.md with the machine and date. Targets: import < 30 s, summary
# < 2 s, duplicates < 2 min.
set -eu
cd "$(dirname "$0")/.."
CLAIMS=${1:-500000}
VKA=${VKA:-build/vka}
WORK=${BENCH_DIR:-bench-data-claims}
rm -rf "$WORK" && mkdir -p "$WORK"

echo "# machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB, $(uname -r); load: $(cut -d' ' -f1-3 /proc/loadavg); date: $(date -u +%F)"
measure() {  # label, command...: prints wall and CPU seconds and peak RSS
  local label=$1; shift
  sync
  /usr/bin/time -f "$label: %e s wall (%U s user, %S s sys), %M KB peak RSS" "$@"
}
measure "vka claims gen $CLAIMS" "$VKA" claims gen "$CLAIMS" --out "$WORK/gen" --seed 11 > "$WORK/gen.txt"
cat "$WORK/gen/README.txt"
"$VKA" init "$WORK/ws" --name "claims bench (synthetic)" > /dev/null
measure "vka import of the registry (all records, 1 transaction)" \
  "$VKA" --workspace "$WORK/ws" import "$WORK/gen/registry.ndjson" > /dev/null
for run in 1 2 3; do  # short and noisy on a shared machine: quote the median
  measure "vka claims summary (run $run)" "$VKA" --workspace "$WORK/ws" claims summary > "$WORK/summary.txt"
done
measure "vka claims summary --by status" "$VKA" --workspace "$WORK/ws" claims summary --by status > /dev/null
cat "$WORK/summary.txt"
measure "vka claims duplicates" "$VKA" --workspace "$WORK/ws" claims duplicates --format json > "$WORK/flags.json"
python3 - "$WORK/flags.json" "$WORK/gen/truth.csv" <<'PY'
import csv, itertools, json, sys
from collections import defaultdict
flags = json.load(open(sys.argv[1]))
rows = list(csv.DictReader(open(sys.argv[2])))
ints = lambda s: s.split() if s else []
truth = defaultdict(set)
by_claimant, by_prop, by_victim = defaultdict(list), defaultdict(list), defaultdict(list)
for r in rows:
    by_claimant[r["claimant_entity"]].append(r)
    for p in ints(r["property_entities"]): by_prop[p].append(r)
    for v in ints(r["victim_entities"]): by_victim[v].append(r)
pair = lambda a, b: tuple(sorted((a["claim"], b["claim"])))
for group in by_claimant.values():
    for a, b in itertools.combinations(group, 2):
        truth["same_claimant"].add(pair(a, b))
        if set(ints(a["property_entities"])) & set(ints(b["property_entities"])) or \
           set(ints(a["act_entities"])) & set(ints(b["act_entities"])):
            truth["double_harm"].add(pair(a, b))
for kind, by in (("shared_property", by_prop), ("shared_victim", by_victim)):
    for group in by.values():
        if len({r["claimant_entity"] for r in group}) < 2: continue
        for a, b in itertools.combinations(group, 2): truth[kind].add(pair(a, b))
found = defaultdict(set)
for f in flags:
    for a, b in itertools.combinations(sorted(f["claims"]), 2): found[f["type"]].add((a, b))
for kind in ("same_claimant", "double_harm", "shared_property", "shared_victim"):
    hits = len(found[kind] & truth[kind])
    print(f"{kind:16s} true pairs {len(truth[kind]):6d}  flagged {len(found[kind]):6d}  "
          f"recall {hits / max(1, len(truth[kind])):.4f}  precision {hits / max(1, len(found[kind])):.4f}")
PY
