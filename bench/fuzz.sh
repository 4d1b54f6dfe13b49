#!/usr/bin/env bash
# The long fuzz run, in two parts.
# 1. schemathesis (from PyPI, in a venv) generates requests from docs/openapi.yaml against a
#    running aimeter-api and its collector on the demo configuration, logged in as admin with both
#    header secrets, and checks that no answer is a server error and that every status, content
#    type, header and body conforms to the spec. Prints schemathesis' summary and the API's status
#    histogram from its access log.
# 2. The test suite's raw-HTTP fuzz (Tests/AIMeterAPITests/Reliability/APIFuzzTests) with more
#    seeds and requests: malformed HTTP, broken bodies and headers schemathesis never sends.
# Exits non-zero when a check failed, an unhandled error was logged or the API died.
#   bench/fuzz.sh            FUZZ_SECONDS=600 FUZZ_SEED=7 FUZZ_RAW_SEEDS=10 bench/fuzz.sh
#   AIMETER_BIN_DIR=.build/debug bench/fuzz.sh      (skip the release build)
source "$(dirname "$0")/common.sh"
seconds="${FUZZ_SECONDS:-120}"
seed="${FUZZ_SEED:-20261123}"
workers="${FUZZ_WORKERS:-2}"
raw_seeds="${FUZZ_RAW_SEEDS:-3}"            # 0 skips part 2
raw_requests="${FUZZ_RAW_REQUESTS:-20000}"
venv="${SCHEMATHESIS_VENV:-/tmp/aimeter-schemathesis-venv}"
checks="${FUZZ_CHECKS:-not_a_server_error,status_code_conformance,content_type_conformance,response_headers_conformance,response_schema_conformance,unsupported_method,allow_header_conformance}"

bench_apt curl python3 python3-venv
if [ ! -x "$venv/bin/schemathesis" ]; then
    python3 -m venv "$venv"
    "$venv/bin/pip" install --quiet schemathesis
fi
bin="$(bench_binaries)"
bench_workdir

# The demo configuration: passwords and secrets are configured, so the fuzz cannot change them
# (password change and secret rotation answer 409 READ_ONLY_*) and the session stays valid.
config="$repo/config/aimeter.demo.yaml"
export AIMETER_DATABASE_PATH="$work/aimeter.db" AIMETER_COLLECTOR_SOCKET="$work/c.sock"
# Wrong passwords are most of what the fuzz sends to the login route; with the default limit
# (5 a minute) it would only ever see 429 and never the route's own checks.
export AIMETER_AUTH_RATE_LIMIT_MAX_ATTEMPTS="${FUZZ_LOGIN_ATTEMPTS:-1000000}"
AIMETER_BACKEND_PORT="$(free_port)"; export AIMETER_BACKEND_PORT
base="http://127.0.0.1:$AIMETER_BACKEND_PORT"
endpoint_secret="d3m0d3m0d3m0d3m0d3m0d3m0d3m0d3m0"
cron_secret="c40nc40nc40nc40nc40nc40nc40nc40n"

start_aimeter "$config" "$AIMETER_COLLECTOR_SOCKET" "$base/api/health" refresh
cookie="$(login_cookie "$base" admin demo-admin-pass-1)"
[ -n "$cookie" ] || { echo "admin login failed" >&2; cat "$work/api.log" >&2; exit 1; }

echo "==> schemathesis $("$venv/bin/schemathesis" --version | awk '{print $NF}'), ${seconds}s, seed $seed, $workers workers"
status=0
"$venv/bin/schemathesis" run "$repo/docs/openapi.yaml" --url "$base" \
    -H "Cookie: $cookie" -H "x-aimeter-role: admin" \
    -H "x-aimeter-endpoint-secret: $endpoint_secret" -H "x-aimeter-cron-secret: $cron_secret" \
    --checks "$checks" --max-time "$seconds" --seed "$seed" --workers "$workers" \
    --request-timeout 30 --no-color --continue-on-failure \
    --report junit --report-dir "$work/report" | tee "$work/schemathesis.out" || status=$?

if kill -0 "$api_pid" 2>/dev/null; then alive=yes; else alive=no; status=1; fi
rss_after="aimeter-api $(rss_mb "$api_pid" 2>/dev/null || echo '?'), collector $(rss_mb "$collector_pid")"
# A graceful stop writes the access-log lines still waiting in the API's batch (at most 0.1 s).
kill "$api_pid" "$collector_pid" 2>/dev/null || true
wait 2>/dev/null || true

echo
echo "==> aimeter-api answers by status (access log)"
# Access-log lines: [timestamp level | <priority>]aimeter-api: METHOD PATH STATUS DURATION CLIENT.
statuses() {
    awk '{ for (i = 1; i <= NF - 3; i++) if ($i ~ /aimeter-api:$/ && $(i + 1) ~ /^[A-Z]+$/ && $(i + 3) ~ /^[0-9][0-9][0-9]$/) { print $(i + 3); break } }' "$work/api.log"
}
statuses | sort | uniq -c | awk '{ printf "  %s %7d\n", $2, $1; total += $1 } END { printf "  all %6d\n", total }'
answered="$(statuses | wc -l)"
server_errors="$(statuses | grep -c '^5' || true)"
unhandled="$(grep -c 'Unhandled error' "$work/api.log" || true)"
echo "5xx answers: $server_errors   unhandled errors logged: $unhandled   api still running after the run: $alive"
echo "RSS MB after the run: $rss_after"
[ "$unhandled" -eq 0 ] || status=1
[ "$server_errors" -eq 0 ] || status=1
# No access-log line read means the log format changed and the count above proves nothing.
[ "$answered" -gt 0 ] || { echo "no access-log lines found in $work/api.log" >&2; status=1; }

if [ "$raw_seeds" -gt 0 ]; then
    echo
    echo "==> raw HTTP fuzz: $raw_seeds seeds x $raw_requests requests (APIFuzzTests)"
    if ! (cd "$repo" && swift build --build-tests) >"$work/build-tests.log" 2>&1; then
        tail -40 "$work/build-tests.log" >&2
        exit 1
    fi
    for offset in $(seq 1 "$raw_seeds"); do
        raw_seed=$((seed + offset))
        if (cd "$repo" && AIMETER_BIN_DIR="$bin" AIMETER_FUZZ_SEED="$raw_seed" AIMETER_FUZZ_REQUESTS="$raw_requests" \
            swift test --skip-build --no-parallel --filter 'APIFuzzTests/fixedSeed') >"$work/raw-$raw_seed.txt" 2>&1; then
            echo "  seed $raw_seed: passed"
        else
            echo "  seed $raw_seed: FAILED"
            grep -E '^ *(#[0-9]+|->)|Expectation failed' "$work/raw-$raw_seed.txt" | head -40
            status=1
        fi
    done
fi
exit "$status"
