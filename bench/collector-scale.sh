#!/usr/bin/env bash
# Collector scale: 1,000 providers against a local mock upstream (slow_upstream.py, asyncio, no
# limit on concurrent requests) that answers every request after 200 ms, with concurrency 64.
# Prints the time of one full round (first poll started to last snapshot stored), CPU seconds
# per 1,000 polls, RSS, and how many requests the mock saw at once; then the idle RSS of a
# collector with 20 demo providers, and of one with 20 HTTP providers polled every minute through
# libcurl (what a real deployment runs). AIMeter polls one provider after another (1,000 × 200 ms =
# 200 s); the target is a round under 10 s.
#     PROVIDERS=1000 CONCURRENCY=64 DELAY=0.2 IDLE_PROVIDERS=20 IDLE_SECONDS=70 bench/collector-scale.sh
source "$(dirname "$0")/common.sh"
providers="${PROVIDERS:-1000}"
concurrency="${CONCURRENCY:-64}"
delay="${DELAY:-0.2}"
idle_providers="${IDLE_PROVIDERS:-20}"
idle_seconds="${IDLE_SECONDS:-70}"

bench_apt python3 bc curl
bin="$(bench_binaries)"
work="$(mktemp -d /tmp/aimeter-scale.XXXXXX)"
upstream_pid=""
collector_pid=""
cleanup() {
    for pid in $collector_pid $upstream_pid; do kill "$pid" 2>/dev/null || true; done
    wait 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT

now() { date +%s.%N; }
peak_rss_mb() { awk '/VmHWM/ { printf "%.1f", $2 / 1024 }' "/proc/$1/status"; }
sql() {
    python3 - "$1" "$2" <<'PY'
import sqlite3, sys
db = sqlite3.connect(f"file:{sys.argv[1]}?mode=ro", uri=True, timeout=5)
print(*db.execute(sys.argv[2]).fetchone())
PY
}

# --- 1,000 providers, one round -------------------------------------------------------------
port="$(free_port)"
python3 "$(dirname "$0")/slow_upstream.py" "$port" "$delay" >"$work/upstream.log" 2>&1 &
upstream_pid=$!
wait_for_url "http://127.0.0.1:$port/stats"
{
    echo "database: { path: $work/scale.db }"
    echo "collector: { socket: $work/scale.sock, concurrency: $concurrency, requestTimeoutSeconds: 30 }"
    echo "providers:"
    for i in $(seq 1 "$providers"); do
        echo "  - { id: p$i, provider: zai, name: \"Scale $i\", refreshInterval: 60, baseUrl: \"http://127.0.0.1:$port\", credentials: { type: api_key, value: key-$i } }"
    done
} >"$work/scale.yaml"

start=$(now)
AIMETER_LOG_LEVEL=warning "$bin/aimeter-collector" --config "$work/scale.yaml" >"$work/scale.log" 2>&1 &
collector_pid=$!
wait_for_socket "$work/scale.sock"
ready=$(now)
cpu_ready=$(cpu_seconds "$collector_pid")
done_at=""
for _ in $(seq 1 1200); do
    if [ "$(sql "$work/scale.db" "SELECT count(DISTINCT providerInternalId) FROM poll")" -ge "$providers" ]; then
        done_at=$(now)
        break
    fi
    sleep 0.05
done
[ -n "$done_at" ] || { echo "round did not finish within 60 s"; tail -20 "$work/scale.log"; exit 1; }
cpu_done=$(cpu_seconds "$collector_pid")
rss=$(rss_mb "$collector_pid")
peak=$(peak_rss_mb "$collector_pid")
stats=$(curl -fsS "http://127.0.0.1:$port/stats")
served=$(echo "$stats" | python3 -c 'import json,sys; print(json.load(sys.stdin)["served"])')
in_flight=$(echo "$stats" | python3 -c 'import json,sys; print(json.load(sys.stdin)["max_in_flight"])')
# The database's own view (whole seconds): first attempt stamped to last snapshot stored.
db_span=$(sql "$work/scale.db" "SELECT (SELECT max(createdAt) FROM poll) - (SELECT min(lastAttemptAt) FROM fetchState)")
failed=$(sql "$work/scale.db" "SELECT count(*) FROM fetchState WHERE lastErrorCode IS NOT NULL")
kill "$collector_pid"; wait "$collector_pid" 2>/dev/null || true; collector_pid=""

round_cpu=$(echo "$cpu_done - $cpu_ready" | bc -l)
printf '\nproviders              %s zai (concurrency %s, upstream delay %s s, first-poll jitter < 5 s)\n' "$providers" "$concurrency" "$delay"
printf 'start-up to READY      %.2f s   (%.2f CPU s: config, migrations, provider sync)\n' "$(echo "$ready - $start" | bc -l)" "$cpu_ready"
printf 'full round             %.2f s   (from READY until every provider has a stored snapshot; database: %s s)\n' \
    "$(echo "$done_at - $ready" | bc -l)" "$db_span"
printf 'upstream requests      %s (%s failed polls), at most %s waiting at the mock at once\n' "$served" "$failed" "$in_flight"
printf 'CPU seconds            %.2f for the round = %.2f per 1,000 polls (%.2f including start-up)\n' \
    "$round_cpu" "$(echo "$round_cpu / $served * 1000" | bc -l)" "$(echo "$cpu_done / $served * 1000" | bc -l)"
printf 'collector RSS          %s MB after the round (peak %s MB)\n' "$rss" "$peak"
printf 'AIMeter (sequential)   %.0f s for the same round\n' "$(echo "$providers * $delay" | bc -l)"

# --- idle collectors: 20 demo providers, then 20 HTTP providers polled through libcurl --------
# idle_phase NAME LABEL PROVIDER_LINE: a collector with $idle_providers providers (PROVIDER_LINE
# with @N for the index), polled every minute; its RSS and CPU after $idle_seconds s.
idle_phase() {
    local name="$1" label="$2" line="$3"
    {
        echo "database: { path: $work/$name.db }"
        echo "collector: { socket: $work/$name.sock, concurrency: 4 }"
        echo "providers:"
        for i in $(seq 1 "$idle_providers"); do
            echo "  - ${line//@N/$i}"
        done
    } >"$work/$name.yaml"
    AIMETER_LOG_LEVEL=warning "$bin/aimeter-collector" --config "$work/$name.yaml" >"$work/$name.log" 2>&1 &
    collector_pid=$!
    wait_for_socket "$work/$name.sock"
    sleep "$idle_seconds"
    printf 'idle collector         %s %s, 1-minute interval, after %s s: RSS %s MB (peak %s MB), %s CPU s, %s polls stored\n' \
        "$idle_providers" "$label" "$idle_seconds" "$(rss_mb "$collector_pid")" "$(peak_rss_mb "$collector_pid")" \
        "$(cpu_seconds "$collector_pid")" "$(sql "$work/$name.db" "SELECT count(*) FROM poll")"
    kill "$collector_pid" 2>/dev/null || true
    wait "$collector_pid" 2>/dev/null || true
}

echo
idle_phase idle "demo providers" "{ id: demo-@N, provider: demo, refreshInterval: 1, options: { profile: subscription } }"
idle_phase http "HTTP providers (libcurl)" \
    "{ id: http-@N, provider: zai, refreshInterval: 1, baseUrl: \"http://127.0.0.1:$port\", credentials: { type: api_key, value: key-@N } }"
