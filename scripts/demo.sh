#!/usr/bin/env bash
# Builds aimeter and runs both processes on the built-in demo config (no account needed).
# Data, socket and logs live in ./.demo; Ctrl-C stops everything.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/install-deps.sh
echo "==> building (first build takes a few minutes)"
swift build --product aimeter-collector
swift build --product aimeter-api
swift build --product aimeter
bin="$(swift build --show-bin-path)"

demo_dir="$PWD/.demo"
mkdir -p "$demo_dir"
export AIMETER_DATABASE_PATH="$demo_dir/aimeter.db"
export AIMETER_COLLECTOR_SOCKET="$demo_dir/collector.sock"
port="${AIMETER_BACKEND_PORT:-3001}"
export AIMETER_BACKEND_PORT="$port"
config="$PWD/config/aimeter.demo.yaml"
secret="d3m0d3m0d3m0d3m0d3m0d3m0d3m0d3m0"
base="http://127.0.0.1:$port"

pids=()
stop() {
    trap - INT TERM EXIT
    echo
    echo "==> stopping"
    for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
    wait 2>/dev/null || true
}
trap stop INT TERM EXIT

"$bin/aimeter-collector" --config "$config" >"$demo_dir/collector.log" 2>&1 &
pids+=($!)
for _ in $(seq 1 100); do
    [ -S "$AIMETER_COLLECTOR_SOCKET" ] && break
    kill -0 "${pids[0]}" 2>/dev/null || { cat "$demo_dir/collector.log"; exit 1; }
    sleep 0.2
done

"$bin/aimeter-api" --config "$config" >"$demo_dir/api.log" 2>&1 &
pids+=($!)
for _ in $(seq 1 150); do
    curl -fsS "$base/api/health" >/dev/null 2>&1 && break
    kill -0 "${pids[1]}" 2>/dev/null || { cat "$demo_dir/api.log"; exit 1; }
    sleep 0.2
done
sleep 1

cat <<INFO

aimeter demo is running (collector pid ${pids[0]}, API pid ${pids[1]}); logs in .demo/*.log

  Latest numbers as a table:
    curl -H 'x-aimeter-endpoint-secret: $secret' '$base/api/endpoint/subscriptions?format=table'
  Other formats: format=json|xml|csv|markdown|prometheus;  Prometheus: $base/metrics (same header)
  Operator CLI:   AIMETER_DATABASE_PATH=$AIMETER_DATABASE_PATH $bin/aimeter status --config $config
  Log in:         POST $base/api/auth/normal/verify  {"password":"demo-normal-pass-1"}
                  (admin: demo-admin-pass-1)

INFO
curl -fsS -H "x-aimeter-endpoint-secret: $secret" "$base/api/endpoint/subscriptions?format=table" || true
echo
echo "Press Ctrl-C to stop."
wait
