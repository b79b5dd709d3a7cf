#!/usr/bin/env bash
# Web server benchmark (issue 7): record reads with wrk on loopback at 64
# connections, plus list and search page latency, against a large workspace.
# Usage: bench/http.sh [WORKSPACE]
#   WORKSPACE defaults to bench-data/ws (made by bench/run.sh: 1,000,000
#   persons); it is copied first, so the benchmark never changes it.
# Needs wrk (Debian `wrk`) and curl. Results go to stdout; copy them into
# BENCHMARKS.md with the machine and date.
set -euo pipefail
cd "$(dirname "$0")/.."
VKA=${VKA:-build/vka}
SRC_WS=${1:-bench-data/ws}
WORK=${BENCH_HTTP_DIR:-bench-data/http}
PORT=${PORT:-18080}
DURATION=${DURATION:-20s}
[[ -f "$SRC_WS/vka.toml" ]] || { echo "no workspace at $SRC_WS (run bench/run.sh first)" >&2; exit 1; }
command -v wrk > /dev/null || { echo "wrk is missing (apt-get install wrk)" >&2; exit 1; }

rm -rf "$WORK" && mkdir -p "$WORK"
cp -r "$SRC_WS" "$WORK/ws"
WS="$WORK/ws"
echo "# machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB, $(uname -r); date: $(date -u +%F)"
echo "# workspace: $SRC_WS ($("$VKA" --workspace "$WS" list person --limit 0 | wc -l) persons)"

PASSWORD="bench-SYNTHETIC-password-1"
"$VKA" --workspace "$WS" user add bench --role viewer --password-stdin <<< "$PASSWORD" > /dev/null
"$VKA" --workspace "$WS" list person --limit 2000 --offset 100000 | cut -d' ' -f1 > "$WORK/ids.txt" \
  || "$VKA" --workspace "$WS" list person --limit 2000 | cut -d' ' -f1 > "$WORK/ids.txt"

"$VKA" --workspace "$WS" serve --listen "127.0.0.1:$PORT" 2> "$WORK/serve.log" &
SERVER=$!
trap 'kill -TERM $SERVER 2> /dev/null; wait $SERVER 2> /dev/null || true' EXIT
for _ in $(seq 100); do curl -sf "http://127.0.0.1:$PORT/healthz" > /dev/null && break; sleep 0.1; done

login() {  # prints the session cookie value
  curl -s -i -H 'Content-Type: application/json' \
    -d "{\"name\":\"bench\",\"password\":\"$1\"}" "http://127.0.0.1:$PORT/api/v1/session" \
    | tr -d '\r' | sed -n 's/^Set-Cookie: vka_session=\([^;]*\).*/\1/Ip'
}
COOKIE=$(login "$PASSWORD")
# New accounts change their password first.
NEW="$PASSWORD-changed"
curl -s -o /dev/null -H "Cookie: vka_session=$COOKIE" -H 'Content-Type: application/json' \
  -H "X-CSRF-Token: $(curl -s -H "Cookie: vka_session=$COOKIE" "http://127.0.0.1:$PORT/api/v1/session" | sed 's/.*"csrf":"\([^"]*\)".*/\1/')" \
  -d "{\"password\":\"$PASSWORD\",\"new_password\":\"$NEW\"}" "http://127.0.0.1:$PORT/api/v1/session/password"
COOKIE=$(login "$NEW")

cat > "$WORK/reads.lua" <<LUA
local ids = {}
for line in io.lines("$WORK/ids.txt") do ids[#ids + 1] = line end
local i = 0
wrk.headers["Cookie"] = "vka_session=$COOKIE"
request = function()
  i = i % #ids + 1
  return wrk.format("GET", "/api/v1/records/" .. ids[i])
end
LUA
echo
echo "## record reads: GET /api/v1/records/{id}, 2000 ids in turn, 64 connections, $DURATION"
wrk -t2 -c64 -d"$DURATION" --latency -s "$WORK/reads.lua" "http://127.0.0.1:$PORT" \
  | grep -E "Requests/sec|Latency|50%|90%|99%|requests in|Non-2xx"

page() {  # label, path: the median of 11 requests' total time
  local label=$1 path=$2
  for _ in $(seq 11); do
    curl -s -o /dev/null -w '%{time_total}\n' -H "Cookie: vka_session=$COOKIE" "http://127.0.0.1:$PORT$path"
  done | sort -n | sed -n 6p | awk -v l="$label" '{printf "%s: %.1f ms (median of 11)\n", l, $1 * 1000}'
}
echo
echo "## pages"
page "list page (50 persons)" "/api/v1/records?kind=person&limit=50"
page "list page at offset 500000" "/api/v1/records?kind=person&limit=50&offset=500000"
page "filtered list (sex=female)" "/api/v1/records?kind=person&where=sex%3Dfemale&limit=50"
curl -s -o /dev/null -H "Cookie: vka_session=$COOKIE" "http://127.0.0.1:$PORT/api/v1/search?q=warmup" || true
page "search (one name, after the index is built)" "/api/v1/search?q=Petrosyan&limit=20"
echo
echo "## server memory: $(ps -o rss= -p $SERVER | awk '{printf "%.0f MB RSS", $1/1024}')"
