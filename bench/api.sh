#!/usr/bin/env bash
# API throughput, latency and memory: aimeter-api against nginx serving the identical bytes as
# static files (the ceiling) and a minimal Express 4 app serving them from memory (a floor for
# AIMeter's stack), side by side in one run. The three servers take turns, ROUNDS times per
# endpoint, so a slow moment of a shared machine hits all of them; each figure is the median of
# its rounds. Prints requests/s, p50/p99 and the ratios.
#   bench/api.sh                 ROUNDS=5 DURATION=10s CONNECTIONS=32 bench/api.sh
source "$(dirname "$0")/common.sh"
duration="${DURATION:-5s}"
rounds="${ROUNDS:-3}"
connections="${CONNECTIONS:-32}"
providers="${PROVIDERS:-20}"

bench_apt wrk nginx-light node-express curl python3 bc
bin="$(bench_binaries)"
bench_workdir
chmod 711 "$work" # nginx's workers run as www-data and must reach $work/static

api_port="$(free_port)"; nginx_port="$(free_port)"; express_port="$(free_port)"
secret="b3nchb3nchb3nchb3nchb3nchb3nch12"
normal_hash="$(printf 'bench-normal-pass-1\n' | "$bin/aimeter" hash-password --stdin)"
{
    echo "server: { host: 127.0.0.1, port: $api_port }"
    echo "database: { path: $work/aimeter.db }"
    echo "collector: { socket: $work/c.sock, concurrency: 8 }"
    echo "auth: { endpointSecret: $secret, normalPasswordHash: \"$normal_hash\", metricsToken: $secret }"
    bench_demo_providers "$providers"
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
    # Error answers are cheap: a run that got any would flatter the server.
    if grep -q "Non-2xx" "$work/wrk.out"; then
        echo "error answers from $url:" >&2
        cat "$work/wrk.out" >&2
        exit 1
    fi
    awk '
        /Requests\/sec/ { rps = $2 }
        $1 == "50%" { p50 = $2 } $1 == "99%" { p99 = $2 }
        function ms(v) { if (v ~ /us$/) return v / 1000; if (v ~ /ms$/) return v + 0; if (v ~ /s$/) return v * 1000; return v }
        END { printf "%.0f %.2f %.2f\n", rps, ms(p50), ms(p99) }' "$work/wrk.out"
}

# median_of "rps p50 p99" lines -> the median of each column
median_of() {
    awk '{ for (c = 1; c <= 3; c++) v[c, NR] = $c } END {
        for (c = 1; c <= 3; c++) { n = 0; for (r = 1; r <= NR; r++) col[++n] = v[c, r]
            for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++) if (col[j] + 0 < col[i] + 0) { t = col[i]; col[i] = col[j]; col[j] = t }
            m[c] = col[int((n + 1) / 2)] }
        printf "%.0f %.2f %.2f\n", m[1], m[2], m[3] }'
}

printf '\n%-10s %-8s %12s %9s %9s   (median of %s rounds of %s)\n' endpoint server "requests/s" "p50 ms" "p99 ms" "$rounds" "$duration"
declare -A result runs
for name in json table latest metrics; do
    case "$name" in
        json) url="$base/api/endpoint/subscriptions?format=json"; args=(-H "x-aimeter-endpoint-secret: $secret") ;;
        table) url="$base/api/endpoint/subscriptions?format=table"; args=(-H "x-aimeter-endpoint-secret: $secret") ;;
        latest) url="$base/api/proxy/latest"; args=(-H "Cookie: $cookie" -s "$(dirname "$0")/post.lua") ;;
        metrics) url="$base/metrics"; args=(-H "Authorization: Bearer $secret") ;;
    esac
    for _ in $(seq 1 "$rounds"); do
        runs[$name-aimeter]+="$(run_wrk "$url" "${args[@]}")"$'\n'
        runs[$name-nginx]+="$(run_wrk "http://127.0.0.1:$nginx_port/$name")"$'\n'
        runs[$name-express]+="$(run_wrk "http://127.0.0.1:$express_port/$name")"$'\n'
    done
    for server in aimeter nginx express; do
        result[$name-$server]="$(printf '%s' "${runs[$name-$server]}" | median_of)"
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
printf '\n(%s providers, %s connections, %s rounds of %s per server and endpoint, %s cores)\n' \
    "$providers" "$connections" "$rounds" "$duration" "$(nproc)"
