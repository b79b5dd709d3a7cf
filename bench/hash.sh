#!/usr/bin/env bash
# Evidence hashing benchmark (issue 3), side by side on the same 2 GiB
# (8 files of 256 MiB of random data, read from the page cache after a
# warm-up run):
#   openssl dgst -sha256   the target's peer (uses the CPU's SHA instructions)
#   sha256sum              coreutils, for the record
#   vka verify             full verification of a workspace holding the 8
#                          files: re-hashes each stored file (BlobStore::Verify,
#                          the same streaming hash as ingest, no writes)
#   vka evidence add       ingest into a fresh workspace: hash, copy into the
#                          blob store, fsync (bounded by the disk's writes)
# With --big it also ingests one 20 GiB file under /usr/bin/time -v for its
# peak memory (target < 64 MB). The file is sparse: 5 runs of 16 MiB of random
# data at 0, 5, 10, 15 GiB and the end, zeros elsewhere; the blob store's copy
# is a real 20 GiB file, so --big needs ~21 GiB of free disk. Both are deleted
# right after.
#
# Usage: bench/hash.sh [--big | --big-only]   (--big-only: just the 20 GiB ingest)
#   env: VKA (default build/vka), BENCH_DIR (default bench-data/hash),
#        RUNS (timed runs per command, default 5)
# Needs hyperfine, openssl, python3 and /usr/bin/time (scripts/install-deps.sh).
# Prints medians and the vka / openssl throughput ratios; copy them into
# BENCHMARKS.md with the machine, date and load average.
set -euo pipefail
cd "$(dirname "$0")/.."
VKA=$(realpath "${VKA:-build/vka}")
WORK=${BENCH_DIR:-bench-data/hash}
RUNS=${RUNS:-5}
BIG=0
SMALL=1
[[ "${1:-}" == "--big" ]] && BIG=1
[[ "${1:-}" == "--big-only" ]] && BIG=1 && SMALL=0

rm -rf "$WORK" && mkdir -p "$WORK/files"
echo "# machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB, $(uname -r); date: $(date -u '+%F %H:%M UTC')"
echo "# $(openssl version); sha256sum $(sha256sum --version | head -1 | awk '{print $NF}')"
echo "# load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"

# A workspace with one source record, copied fresh before each ingest run.
"$VKA" init "$WORK/template" --name "hash bench (synthetic)" > /dev/null
SOURCE=$("$VKA" --workspace "$WORK/template" add source --json \
  '{"type":"testimony","title":"[SYNTHETIC] hash bench"}' | tr -d '\n')

if [[ $SMALL == 1 ]]; then
FILES=()
for i in 1 2 3 4 5 6 7 8; do
  head -c $((256 << 20)) /dev/urandom > "$WORK/files/f$i.bin"
  FILES+=("$WORK/files/f$i.bin")
done

cp -a "$WORK/template" "$WORK/verify_ws"
"$VKA" --workspace "$WORK/verify_ws" evidence add "${FILES[@]}" --source "$SOURCE" > /dev/null
sync

hyperfine -N --warmup 1 --runs "$RUNS" --export-json "$WORK/hash.json" \
  -n "openssl dgst -sha256" "openssl dgst -sha256 ${FILES[*]}" \
  -n "sha256sum" "sha256sum ${FILES[*]}" \
  -n "vka verify (re-hash)" "$VKA --workspace $WORK/verify_ws verify" > /dev/null
hyperfine --warmup 1 --runs "$RUNS" --export-json "$WORK/add.json" \
  --prepare "rm -rf $WORK/add_ws && cp -a $WORK/template $WORK/add_ws && sync" \
  -n "vka evidence add (hash+copy+fsync)" \
  "$VKA --workspace $WORK/add_ws evidence add ${FILES[*]} --source $SOURCE" > /dev/null

python3 - "$WORK/hash.json" "$WORK/add.json" <<'PY'
import json, sys
results = [r for f in sys.argv[1:] for r in json.load(open(f))["results"]]
gib = 2.0
cpu = lambda r: r["user"] + r["system"]
peer = next(r for r in results if r["command"].startswith("openssl"))
# CPU = user + sys (hyperfine's means): the wall time is inflated when other
# jobs share the cores.
print("| command | wall median s | min–max s | GiB/s | vs openssl (wall) | CPU s | vs openssl (CPU) |")
print("| --- | --- | --- | --- | --- | --- | --- |")
for r in results:
    print(f"| {r['command']} | {r['median']:.2f} | {r['min']:.2f}–{r['max']:.2f} | "
          f"{gib / r['median']:.2f} | {peer['median'] / r['median']:.2f}× | "
          f"{cpu(r):.2f} | {cpu(peer) / cpu(r):.2f}× |")
PY
echo "# load average at end: $(cut -d' ' -f1-3 /proc/loadavg)"
rm -rf "$WORK/add_ws" "$WORK/verify_ws" "$WORK/files"
fi

if [[ $BIG == 1 ]]; then
  BIGFILE="$WORK/big.bin"
  truncate -s 20G "$BIGFILE"
  for gib in 0 5 10 15; do
    dd if=/dev/urandom of="$BIGFILE" bs=1M count=16 seek=$((gib * 1024)) conv=notrunc status=none
  done
  dd if=/dev/urandom of="$BIGFILE" bs=1M count=16 seek=$((20 * 1024 - 16)) conv=notrunc status=none
  rm -rf "$WORK/big_ws" && cp -a "$WORK/template" "$WORK/big_ws" && sync
  echo "# 20 GiB ingest, load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
  /usr/bin/time -f "vka evidence add of a 20 GiB file: %e s wall, %U s user, %S s sys, %M KB peak RSS" \
    "$VKA" --workspace "$WORK/big_ws" evidence add "$BIGFILE" --source "$SOURCE" > /dev/null
  /usr/bin/time -f "openssl dgst -sha256 of the same file: %e s wall, %M KB peak RSS" \
    openssl dgst -sha256 "$BIGFILE" > /dev/null
  rm -rf "$BIGFILE" "$WORK/big_ws"
fi
rm -rf "$WORK/template"
