#!/usr/bin/env bash
# Crash safety, the long version: kill -9 the collector at random moments while it writes, many
# times. After every kill:
#   - PRAGMA integrity_check is "ok";
#   - every poll row read from the database shortly before the kill (committed, so acknowledged)
#     is still there;
#   - no refresh token is lost: the mock OAuth server (slow_upstream.py) refuses and counts any
#     refresh with a token older than one the collector already used, and the stored credential
#     rows never go back in time.
# Prints one line per iteration and a final PASS/FAIL (exit status 0/1).
#     ITERATIONS=50 PROVIDERS=200 ROTATING=20 bench/crash-loop.sh
source "$(dirname "$0")/common.sh"
iterations="${ITERATIONS:-50}"
providers="${PROVIDERS:-200}"
rotating="${ROTATING:-20}"

bench_apt python3 bc curl
bin="$(bench_binaries)"
work="$(mktemp -d /tmp/aimeter-crash.XXXXXX)"
upstream_pid=""
collector_pid=""
cleanup() {
    for pid in $collector_pid $upstream_pid; do kill -9 "$pid" 2>/dev/null || true; done
    wait 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT

port="$(free_port)"
python3 "$(dirname "$0")/slow_upstream.py" "$port" 0.05 >"$work/upstream.log" 2>&1 &
upstream_pid=$!
wait_for_url "http://127.0.0.1:$port/stats"
db="$work/aimeter.db"
{
    echo "database: { path: $db }"
    echo "collector: { socket: $work/c.sock, concurrency: 16 }"
    echo "providers:"
    for i in $(seq 1 "$providers"); do
        echo "  - { id: demo-$i, provider: demo, refreshInterval: 1 }"
    done
    # Codex-shaped OAuth providers: every poll refreshes (expires_in 60 s < the 5-minute window)
    # and stores the rotated refresh token before using the new access token.
    for i in $(seq 1 "$rotating"); do
        echo "  - { id: rot-$i, provider: codex, refreshInterval: 1, baseUrl: \"http://127.0.0.1:$port\"," \
            "credentials: { type: oauth, accessToken: at-rot-$i-0, refreshToken: rt-rot-$i-0, expiresAt: 1000000000 } }"
    done
} >"$work/config.yaml"

# Read-only database checks (python3's sqlite3; never the writer).
dbtool() {
    python3 - "$db" "$@" <<'PY'
import json, sqlite3, sys
path, command = sys.argv[1], sys.argv[2]
db = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=10)
if command == "integrity":
    print(db.execute("PRAGMA integrity_check").fetchone()[0])
elif command == "snapshot":  # committed poll ids and credential stamps, saved to argv[3]
    state = {"polls": [r[0] for r in db.execute("SELECT id FROM poll")],
             "credentials": dict(db.execute("SELECT providerId, updatedAt FROM credential"))}
    json.dump(state, open(sys.argv[3], "w"))
    print(len(state["polls"]))
elif command == "compare":  # what the snapshot in argv[3] saw must still be there
    before = json.load(open(sys.argv[3]))
    present = {r[0] for r in db.execute("SELECT id FROM poll")}
    missing = [i for i in before["polls"] if i not in present]
    now = dict(db.execute("SELECT providerId, updatedAt FROM credential"))
    regressed = [p for p, t in before["credentials"].items() if now.get(p, -1) < t]
    print(f"{len(present)} {len(missing)} {len(regressed)} {len(now)}")
PY
}
stat_of() { curl -fsS "http://127.0.0.1:$port/stats" | python3 -c "import json,sys; print(json.load(sys.stdin)['$1'])"; }

start_collector() {
    rm -f "$work/c.sock"
    AIMETER_LOG_LEVEL=warning "$bin/aimeter-collector" --config "$work/config.yaml" >>"$work/collector.log" 2>&1 &
    collector_pid=$!
    wait_for_socket "$work/c.sock"
}

failures=0
printf 'crash loop: %s iterations, %s demo + %s token-rotating providers, kill -9 0.2-5 s after start\n' \
    "$iterations" "$providers" "$rotating"
for iteration in $(seq 1 "$iterations"); do
    start_collector
    # Somewhere inside the first round (the jitter spreads it over 5 s), read what is committed,
    # let the collector go on writing a little, then kill it.
    first=$(python3 -c 'import random; print(f"{random.uniform(0.2, 4.0):.2f}")')
    second=$(python3 -c 'import random; print(f"{random.uniform(0.0, 1.0):.2f}")')
    sleep "$first"
    acknowledged=$(dbtool snapshot "$work/before.json")
    sleep "$second"
    kill -9 "$collector_pid"
    wait "$collector_pid" 2>/dev/null || true
    collector_pid=""

    integrity=$(dbtool integrity)
    read -r polls missing regressed credentials < <(dbtool compare "$work/before.json")
    lost=$(stat_of lost)
    verdict=ok
    if [ "$integrity" != ok ] || [ "$missing" != 0 ] || [ "$regressed" != 0 ] || [ "$lost" != 0 ]; then
        verdict=FAIL
        failures=$((failures + 1))
    fi
    printf 'iteration %3d/%d  killed after %5.2f s  integrity %-3s  polls %6d (acknowledged %6d, missing %d)  credentials %3d (regressed %d)  refreshes %5d  tokens lost %d  %s\n' \
        "$iteration" "$iterations" "$(echo "$first + $second" | bc -l)" "$integrity" "$polls" "$acknowledged" \
        "$missing" "$credentials" "$regressed" "$(stat_of refreshes)" "$lost" "$verdict"
done

# A last clean run: every rotating provider must poll successfully once more (refreshing its
# token with the stored refresh token) within 30 s.
final_start=$(date +%s)
before_refreshes=$(stat_of refreshes)
start_collector
fresh=0
for _ in $(seq 1 300); do
    fresh=$(python3 -c "
import sqlite3
db = sqlite3.connect('file:$db?mode=ro', uri=True, timeout=10)
print(db.execute(\"SELECT count(*) FROM fetchState WHERE providerId LIKE 'rot-%' AND lastSuccessAt >= $final_start\").fetchone()[0])")
    [ "$fresh" -ge "$rotating" ] && break
    sleep 0.1
done
kill -TERM "$collector_pid"
wait "$collector_pid" 2>/dev/null || true
collector_pid=""
printf 'final run: %s of %s rotating providers refreshed and polled (%d refreshes), tokens lost in total: %s\n' \
    "$fresh" "$rotating" "$(($(stat_of refreshes) - before_refreshes))" "$(stat_of lost)"
if [ "$fresh" -lt "$rotating" ] || [ "$(stat_of lost)" != 0 ]; then
    failures=$((failures + 1))
fi

if [ "$failures" = 0 ]; then
    echo "PASS: $iterations kill -9 iterations, integrity ok, no acknowledged snapshot missing, no refresh token lost"
else
    echo "FAIL: $failures check(s) failed"
    exit 1
fi
