#!/usr/bin/env bash
# Collector scale: 1,000 providers against a local mock upstream that answers after 200 ms.
# Prints the time of one full round, CPU seconds per 1,000 polls and RSS.
# AIMeter polls one provider after another (1,000 × 200 ms = 200 s); the target is < 10 s at
# concurrency 64.        PROVIDERS=1000 CONCURRENCY=64 DELAY=0.2 bench/collector-scale.sh
source "$(dirname "$0")/common.sh"
providers="${PROVIDERS:-1000}"
concurrency="${CONCURRENCY:-64}"
delay="${DELAY:-0.2}"

bench_apt python3 bc curl
bin="$(bench_binaries)"
work="$(mktemp -d /tmp/aimeter-scale.XXXXXX)"
pids=()
cleanup() { for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done; wait 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT

port="$(free_port)"
python3 "$(dirname "$0")/slow_upstream.py" "$port" "$delay" >"$work/upstream.log" 2>&1 &
pids+=($!)
wait_for_url "http://127.0.0.1:$port/stats"
{
    echo "database: { path: $work/aimeter.db }"
    echo "collector: { socket: $work/c.sock, concurrency: $concurrency, requestTimeoutSeconds: 30 }"
    echo "providers:"
    for i in $(seq 1 "$providers"); do
        echo "  - { id: p$i, provider: zai, name: \"Scale $i\", refreshInterval: 60, baseUrl: \"http://127.0.0.1:$port\", credentials: { type: api_key, value: key-$i } }"
    done
} >"$work/config.yaml"

start=$(date +%s.%N)
"$bin/aimeter-collector" --config "$work/config.yaml" >"$work/collector.log" 2>&1 &
collector_pid=$!; pids+=("$collector_pid")
wait_for_socket "$work/c.sock"
ready=$(date +%s.%N)
count() {
    python3 - "$work/aimeter.db" <<'PY'
import sqlite3, sys
db = sqlite3.connect(f"file:{sys.argv[1]}?mode=ro", uri=True, timeout=5)
print(db.execute("SELECT count(DISTINCT providerInternalId) FROM poll").fetchone()[0])
PY
}
done_at=""
for _ in $(seq 1 1200); do
    if [ "$(count)" -ge "$providers" ]; then done_at=$(date +%s.%N); break; fi
    sleep 0.1
done
[ -n "$done_at" ] || { echo "round did not finish within 120 s"; tail -20 "$work/collector.log"; exit 1; }
served=$(curl -fsS "http://127.0.0.1:$port/stats" | python3 -c 'import json,sys; print(json.load(sys.stdin)["served"])')
cpu=$(cpu_seconds "$collector_pid")
printf '\nproviders            %s (concurrency %s, upstream delay %s s)\n' "$providers" "$concurrency" "$delay"
printf 'start-up to READY    %.2f s\n' "$(echo "$ready - $start" | bc -l)"
printf 'full round           %.2f s   (from READY until every provider has a stored snapshot)\n' "$(echo "$done_at - $ready" | bc -l)"
printf 'upstream requests    %s\n' "$served"
printf 'CPU seconds          %s total, %.2f per 1,000 polls\n' "$cpu" "$(echo "$cpu / $served * 1000" | bc -l)"
printf 'collector RSS        %s MB\n' "$(rss_mb "$collector_pid")"
printf 'AIMeter (sequential) %.0f s for the same round\n' "$(echo "$providers * $delay" | bc -l)"
