#!/usr/bin/env bash
# History and latest reads on a big database: one year of 5-minute polls for 50 providers,
# written through the real store by aimeter-bench-seed (cached between runs). Times
# GET /api/history?days=30 and ?days=365 (all providers and one), the latest routes, and the
# same reads in-process; prints the database bytes per provider-year.
#   bench/history.sh        RESEED=1 REPS=50 PROVIDERS=50 DAYS=365 INTERVAL=5 bench/history.sh
source "$(dirname "$0")/common.sh"
providers="${PROVIDERS:-50}"
days="${DAYS:-365}"
interval="${INTERVAL:-5}"
reps="${REPS:-30}"
cache="${HISTORY_CACHE:-/var/tmp/aimeter-bench-history}/p$providers-d$days-i$interval"

bench_apt curl python3
bin="$(bench_binaries)"
bench_product aimeter-bench-seed
seed="$bin/aimeter-bench-seed"

# A cached database older than a week is rebuilt: "now" moves, the data does not.
if [ -n "${RESEED:-}" ] || [ ! -f "$cache/seed.txt" ] || [ -n "$(find "$cache/seed.txt" -mtime +7)" ]; then
    rm -rf "$cache" && mkdir -p "$cache"
    echo "seeding $providers providers x $days days every $interval min into $cache (takes minutes)" >&2
    "$seed" "$cache/aimeter.db" "$providers" "$days" "$interval" | tee "$cache/seed.tmp"
    mv "$cache/seed.tmp" "$cache/seed.txt"
else
    echo "using the database seeded $(date -r "$cache/seed.txt" -u '+%F %H:%M UTC') (RESEED=1 rebuilds it):"
    cat "$cache/seed.txt"
fi

bench_workdir

api_port="$(free_port)"
secret="b3nchb3nchb3nchb3nchb3nchb3nch12"
normal_hash="$(printf 'bench-normal-pass-1\n' | "$bin/aimeter" hash-password --stdin)"
{
    echo "server: { host: 127.0.0.1, port: $api_port }"
    echo "database: { path: $cache/aimeter.db }"
    echo "collector: { socket: $work/c.sock, retentionDays: 400 }"
    echo "auth: { endpointSecret: $secret, normalPasswordHash: \"$normal_hash\" }"
    bench_demo_providers "$providers"
} >"$work/config.yaml"

base="http://127.0.0.1:$api_port"
# The collector stays idle (refreshInterval 0), as the only writer beside a read-only API.
start_aimeter "$work/config.yaml" "$work/c.sock" "$base/api/health"
cookie="$(login_cookie "$base" normal bench-normal-pass-1)"

# time_route LABEL URL [curl args...]: REPS requests on one keep-alive connection after one
# warm-up; prints min/median/p95 of curl's time_total in ms and the body size.
time_route() {
    local label="$1" url="$2"; shift 2
    local args=()
    for _ in $(seq 0 "$reps"); do args+=(-o /dev/null "$url"); done
    curl -fsS "$@" -w '%{time_total} %{size_download}\n' "${args[@]}" | tail -n +2 |
        sort -n | awk -v label="$label" '
            { t[NR] = $1 * 1000; size = $2 }
            END {
                p95 = int(NR * 0.95 + 0.999); if (p95 < 1) p95 = 1
                printf "%-44s %8.2f %8.2f %8.2f %11d\n", label, t[1], t[int((NR + 1) / 2)], t[p95], size
            }'
}

# The API's own memory at its highest while it serves the requests, sampled every 20 ms.
(
    peak=0
    while anon="$(awk '/^RssAnon/ { print $2 }' "/proc/$api_pid/status" 2>/dev/null)" && [ -n "$anon" ]; do
        if [ "$anon" -gt "$peak" ]; then peak="$anon" && echo "$peak" >"$work/peak-anon"; fi
        sleep 0.02
    done
) &
sampler=$!; pids+=("$sampler")

printf '\nHTTP, %s requests each (ms)\n%-44s %8s %8s %8s %11s\n' "$reps" route min median p95 bytes
time_route "GET /api/history?days=30" "$base/api/history?days=30" -H "Cookie: $cookie"
time_route "GET /api/history?days=365" "$base/api/history?days=365" -H "Cookie: $cookie"
time_route "GET /api/history?days=30&provider=bench-1" "$base/api/history?days=30&provider=bench-1" -H "Cookie: $cookie"
time_route "GET /api/history?days=365&provider=bench-1" "$base/api/history?days=365&provider=bench-1" -H "Cookie: $cookie"
time_route "GET /api/endpoint/subscriptions?format=json" "$base/api/endpoint/subscriptions?format=json" \
    -H "x-aimeter-endpoint-secret: $secret"
time_route "POST /api/proxy/latest" "$base/api/proxy/latest" -X POST -H "Cookie: $cookie"
# A year of one provider's raw polls (about 100,000 rows, 54 MB): fewer requests.
reps=5 time_route "GET /api/providers/bench-1/history?days=365" "$base/api/providers/bench-1/history?days=365" \
    -H "Cookie: $cookie"
kill "$sampler" 2>/dev/null || true
wait "$sampler" 2>/dev/null || true
awk '{ printf "peak RssAnon %.1f MB while serving the requests above\n", $1 / 1024 }' "$work/peak-anon"
# Readers map the database (mmap_size): mapped pages count as RssFile, shared with the page cache.
awk '/^(VmRSS|RssAnon|RssFile)/ { printf "%s %.1f MB  ", $1, $2 / 1024 } END { print "(aimeter-api after the requests)\n" }' \
    "/proc/$api_pid/status"

"$seed" --time "$cache/aimeter.db" "$reps"

bytes="$(stat -c %s "$cache/aimeter.db")"
awk -v b="$bytes" -v p="$providers" -v d="$days" \
    'BEGIN { printf "\ndatabase %d bytes; %.1f MB per provider-year (%d providers x %d days)\n", b, b / (p * d / 365) / 1e6, p, d }'
python3 - "$cache/aimeter.db" <<'PY' || true
import sqlite3, sys
db = sqlite3.connect(f"file:{sys.argv[1]}?mode=ro", uri=True)
rows = db.execute("SELECT name, sum(pgsize) FROM dbstat GROUP BY name ORDER BY 2 DESC LIMIT 8").fetchall()
for name, size in rows:
    print(f"  {name:<28} {size / 1e6:9.1f} MB")
PY
printf '(%s cores, release build)\n' "$(nproc)"
