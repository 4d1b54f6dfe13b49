#!/usr/bin/env bash
# aimeter's own cost per request, route by route: aimeter-bench-route answers requests built in
# memory through the real router (access log, headers, errors, body, handler) on the demo data,
# without sockets or a load generator on the same cores. Much steadier than bench/api.sh on a
# shared machine; it leaves out the HTTP layer and the kernel, which api.sh measures.
#   bench/route-cost.sh          REQUESTS=50000 PROVIDERS=20 bench/route-cost.sh
source "$(dirname "$0")/common.sh"
requests="${REQUESTS:-20000}"
providers="${PROVIDERS:-20}"

bench_apt curl python3
bin="$(bench_binaries)"
bench_product aimeter-bench-route
bench_workdir

password="bench-normal-pass-1"
secret="b3nchb3nchb3nchb3nchb3nchb3nch12"
normal_hash="$(printf '%s\n' "$password" | "$bin/aimeter" hash-password --stdin)"
{
    echo "database: { path: $work/aimeter.db }"
    echo "collector: { socket: $work/c.sock }"
    echo "auth: { endpointSecret: $secret, normalPasswordHash: \"$normal_hash\" }"
    bench_demo_providers "$providers"
} >"$work/config.yaml"

"$bin/aimeter-collector" --config "$work/config.yaml" >"$work/collector.log" 2>&1 &
pids+=($!)
wait_for_socket "$work/c.sock"
"$bin/aimeter" refresh --config "$work/config.yaml" >/dev/null
# The access log is part of every request's cost: written, but to /dev/null.
AIMETER_BENCH_PASSWORD="$password" "$bin/aimeter-bench-route" --config "$work/config.yaml" --requests "$requests" 2>/dev/null
printf '(%s providers with data, %s cores)\n' "$providers" "$(nproc)"
