#!/usr/bin/env bash
# API throughput, latency and memory: aimeter-api against nginx serving the identical bytes as
# static files (the ceiling) and a minimal Express 4 app serving them from memory (a floor for
# AIMeter's stack), side by side in one run. Prints requests/s, p50/p99 and the ratios.
#   bench/api.sh                 DURATION=20s CONNECTIONS=32 bench/api.sh
source "$(dirname "$0")/common.sh"
duration="${DURATION:-10s}"
connections="${CONNECTIONS:-32}"
providers="${PROVIDERS:-20}"

bench_apt wrk nginx-light node-express curl python3 bc
bin="$(bench_binaries)"
work="$(mktemp -d /tmp/aimeter-bench.XXXXXX)"
chmod 711 "$work" # nginx's workers run as www-data and must reach $work/static
pids=()
cleanup() { for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done; wait 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT

api_port="$(free_port)"; nginx_port="$(free_port)"; express_port="$(free_port)"
secret="b3nchb3nchb3nchb3nchb3nchb3nch12"
normal_hash="$(printf 'bench-normal-pass-1\n' | "$bin/aimeter" hash-password --stdin)"
{
    echo "server: { host: 127.0.0.1, port: $api_port }"
    echo "database: { path: $work/aimeter.db }"
    echo "collector: { socket: $work/c.sock, concurrency: 8 }"
    echo "auth: { endpointSecret: $secret, normalPasswordHash: \"$normal_hash\", metricsToken: $secret }"
    echo "providers:"
    profiles=(subscription requests credits)
    for i in $(seq 1 "$providers"); do
        echo "  - { id: bench-$i, provider: demo, name: \"Bench $i\", refreshInterval: 0, options: { profile: ${profiles[$((i % 3))]} } }"
    done
} >"$work/config.yaml"

base="http://127.0.0.1:$api_port"
start_aimeter "$work/config.yaml" "$work/c.sock" "$base/api/health" refresh
cookie="$(login_cookie "$base" normal bench-normal-pass-1)"
mkdir -p -m 755 "$work/static"
curl -fsS -H "x-aimeter-endpoint-secret: $secret" "$base/api/endpoint/subscriptions?format=json" -o "$work/static/json"
curl -fsS -H "x-aimeter-endpoint-secret: $secret" "$base/api/endpoint/subscriptions?format=table" -o "$work/static/table"
curl -fsS -X POST -H "Cookie: $cookie" "$base/api/proxy/latest" -o "$work/static/latest"
curl -fsS -H "Authorization: Bearer $secret" "$base/metrics" -o "$work/static/metrics"

cat >"$work/nginx.conf" <<NGINX
worker_processes 1;
pid $work/nginx.pid;
error_log $work/nginx-error.log warn;
events { worker_connections 1024; }
http {
    access_log off;
    client_body_temp_path $work/nginx-body;
    proxy_temp_path $work/nginx-proxy;
    fastcgi_temp_path $work/nginx-fastcgi;
    uwsgi_temp_path $work/nginx-uwsgi;
    scgi_temp_path $work/nginx-scgi;
    server {
        listen 127.0.0.1:$nginx_port;
        root $work/static;
        location = /json { default_type "application/json; charset=utf-8"; }
        location = /table { default_type "text/plain; charset=utf-8"; }
        location = /latest { default_type "application/json; charset=utf-8"; error_page 405 =200 \$uri; }
        location = /metrics { default_type "text/plain; version=0.0.4; charset=utf-8"; }
    }
}
NGINX
nginx -c "$work/nginx.conf" -g 'daemon off;' &
pids+=($!)
NODE_PATH=/usr/share/nodejs:/usr/lib/nodejs node "$(dirname "$0")/express-server.js" "$express_port" "$work/static" &
pids+=($!)
wait_for_url "http://127.0.0.1:$nginx_port/json"
wait_for_url "http://127.0.0.1:$express_port/json"

idle_api="$(rss_mb "$api_pid") / $(rss_anon_mb "$api_pid")"
idle_collector="$(rss_mb "$collector_pid") / $(rss_anon_mb "$collector_pid")"

# run_wrk URL [extra wrk args...] -> "reqs p50ms p99ms"
run_wrk() {
    local url="$1"; shift
    wrk -t2 -c"$connections" -d"$duration" --latency "$@" "$url" >"$work/wrk.out" 2>&1
    awk '
        /Requests\/sec/ { rps = $2 }
        $1 == "50%" { p50 = $2 } $1 == "99%" { p99 = $2 }
        function ms(v) { if (v ~ /us$/) return v / 1000; if (v ~ /ms$/) return v + 0; if (v ~ /s$/) return v * 1000; return v }
        END { printf "%.0f %.2f %.2f\n", rps, ms(p50), ms(p99) }' "$work/wrk.out"
}

printf '\n%-10s %-8s %12s %9s %9s\n' endpoint server "requests/s" "p50 ms" "p99 ms"
declare -A result
for name in json table latest metrics; do
    case "$name" in
        json) url="$base/api/endpoint/subscriptions?format=json"; args=(-H "x-aimeter-endpoint-secret: $secret") ;;
        table) url="$base/api/endpoint/subscriptions?format=table"; args=(-H "x-aimeter-endpoint-secret: $secret") ;;
        latest) url="$base/api/proxy/latest"; args=(-H "Cookie: $cookie" -s "$(dirname "$0")/post.lua") ;;
        metrics) url="$base/metrics"; args=(-H "Authorization: Bearer $secret") ;;
    esac
    result[$name-aimeter]="$(run_wrk "$url" "${args[@]}")"
    result[$name-nginx]="$(run_wrk "http://127.0.0.1:$nginx_port/$name")"
    result[$name-express]="$(run_wrk "http://127.0.0.1:$express_port/$name")"
    for server in aimeter nginx express; do
        read -r rps p50 p99 <<<"${result[$name-$server]}"
        printf '%-10s %-8s %12s %9s %9s\n' "$name" "$server" "$rps" "$p50" "$p99"
    done
done

printf '\n%-10s %16s %18s\n' endpoint "aimeter/nginx" "aimeter/express"
for name in json table latest metrics; do
    read -r a _ <<<"${result[$name-aimeter]}"; read -r n _ <<<"${result[$name-nginx]}"; read -r e _ <<<"${result[$name-express]}"
    printf '%-10s %15.2fx %17.2fx\n' "$name" "$(echo "$a / $n" | bc -l)" "$(echo "$a / $e" | bc -l)"
done
printf '\nMemory MB, RSS / anonymous   idle           after load\naimeter-api %30s %20s\ncollector   %30s %20s\n' \
    "$idle_api" "$(rss_mb "$api_pid") / $(rss_anon_mb "$api_pid")" \
    "$idle_collector" "$(rss_mb "$collector_pid") / $(rss_anon_mb "$collector_pid")"
printf '\n(%s providers, %s connections, %s per run, %s cores)\n' "$providers" "$connections" "$duration" "$(nproc)"
