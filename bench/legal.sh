#!/usr/bin/env bash
# Legal analysis benchmark (issue 4): `vka assess --qualification all` over a
# generated situation of 100,000 acts, 50,000 sources and 200,000 information
# links (bench/gen_legal.py), and the PDF dossier of the same situation.
# Usage: bench/legal.sh [ACTS SOURCES LINKS] [RUNS]. Prints wall time and peak
# RSS of each run; copy the figures into BENCHMARKS.md with machine and date.
set -eu
cd "$(dirname "$0")/.."
ACTS=${1:-100000}
SOURCES=${2:-50000}
LINKS=${3:-200000}
RUNS=${4:-5}
VKA=${VKA:-build/vka}
WORK=${BENCH_DIR:-bench-data}/legal
rm -rf "$WORK" && mkdir -p "$WORK"

echo "# machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB, $(uname -r); date: $(date -u +%F)"
python3 bench/gen_legal.py "$ACTS" "$SOURCES" "$LINKS" > "$WORK/situation.ndjson"
echo "records: $(wc -l < "$WORK/situation.ndjson")"
"$VKA" init "$WORK/ws" --name "legal bench (synthetic)" > /dev/null
/usr/bin/time -f "import: %e s wall, %M KB peak RSS" \
  "$VKA" --workspace "$WORK/ws" import "$WORK/situation.ndjson" > /dev/null
for run in $(seq "$RUNS"); do
  /usr/bin/time -f "assess --qualification all (run $run): %e s wall, %M KB peak RSS" \
    "$VKA" --workspace "$WORK/ws" assess --qualification all > /dev/null
done
/usr/bin/time -f "report dossier --format pdf: %e s wall, %M KB peak RSS" \
  "$VKA" --workspace "$WORK/ws" report dossier --format pdf -o "$WORK/dossier.pdf"
pdfinfo "$WORK/dossier.pdf" | grep Pages
