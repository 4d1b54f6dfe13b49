# Shared helpers for the benchmark scripts (sourced, not run).
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

# Release binaries: $AIMETER_BIN_DIR, else build them.
bench_binaries() {
    if [ -n "${AIMETER_BIN_DIR:-}" ]; then
        bin="$AIMETER_BIN_DIR"
    else
        "$repo/scripts/install-deps.sh"
        (cd "$repo" && swift build -c release >&2)
        bin="$(cd "$repo" && swift build -c release --show-bin-path)"
    fi
    echo "$bin"
}

# bench_product NAME: builds the benchmark tool NAME (release), unless $AIMETER_BIN_DIR names
# binaries built already.
bench_product() {
    if [ -z "${AIMETER_BIN_DIR:-}" ]; then (cd "$repo" && swift build -c release --product "$1" >&2); fi
}

# bench_workdir: a fresh directory in $work and an empty $pids list; when the script exits, every
# pid added to $pids is stopped and the directory removed.
bench_workdir() {
    work="$(mktemp -d /tmp/aimeter-bench.XXXXXX)"
    pids=()
    trap 'for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done; wait 2>/dev/null || true; rm -rf "$work"' EXIT
}

# bench_demo_providers N: the `providers:` list of a config with N demo providers (bench-1 ...),
# manual refresh only, cycling through the subscription, requests and credits profiles.
bench_demo_providers() {
    local profiles=(subscription requests credits)
    echo "providers:"
    for i in $(seq 1 "$1"); do
        echo "  - { id: bench-$i, provider: demo, name: \"Bench $i\", refreshInterval: 0, options: { profile: ${profiles[$((i % 3))]} } }"
    done
}

# Installs Debian packages that are missing.
bench_apt() {
    local missing=()
    for package in "$@"; do
        dpkg -s "$package" >/dev/null 2>&1 || missing+=("$package")
    done
    if [ ${#missing[@]} -gt 0 ]; then
        apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
    fi
}

# Resident set size of a process in MB.
rss_mb() { awk '/VmRSS/ { printf "%.1f", $2 / 1024 }' "/proc/$1/status"; }
# The process's own memory (heap, stacks): RSS without mapped files and shared libraries.
rss_anon_mb() { awk '/RssAnon/ { printf "%.1f", $2 / 1024 }' "/proc/$1/status"; }

# CPU seconds (user + system) a process has used.
cpu_seconds() {
    local ticks
    ticks=$(getconf CLK_TCK)
    awk -v t="$ticks" '{ printf "%.2f", ($14 + $15) / t }' "/proc/$1/stat"
}

# Waits until a URL answers or a Unix socket exists.
wait_for_url() {
    for _ in $(seq 1 300); do curl -fsS -o /dev/null "$1" 2>/dev/null && return 0; sleep 0.1; done
    echo "timed out waiting for $1" >&2
    return 1
}
wait_for_socket() {
    for _ in $(seq 1 300); do [ -S "$1" ] && return 0; sleep 0.1; done
    echo "timed out waiting for $1" >&2
    return 1
}

# A free TCP port on 127.0.0.1.
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

# start_aimeter CONFIG SOCKET HEALTH_URL [refresh]: starts aimeter-collector and aimeter-api from
# $bin on CONFIG (logs in $work), waits for the control socket and the API; with "refresh", every
# provider is polled once in between. Sets collector_pid and api_pid and adds them to pids.
start_aimeter() {
    local config="$1" socket="$2" health="$3" refresh="${4:-}"
    "$bin/aimeter-collector" --config "$config" >"$work/collector.log" 2>&1 &
    collector_pid=$!; pids+=("$collector_pid")
    wait_for_socket "$socket"
    if [ "$refresh" = refresh ]; then "$bin/aimeter" refresh --config "$config" >/dev/null; fi
    "$bin/aimeter-api" --config "$config" >"$work/api.log" 2>&1 &
    api_pid=$!; pids+=("$api_pid")
    wait_for_url "$health"
}

# login_cookie BASE ROLE PASSWORD: the session cookie (name=value) a login sets.
login_cookie() {
    curl -fsS -D - -o /dev/null -H 'content-type: application/json' \
        -d "{\"password\":\"$3\"}" "$1/api/auth/$2/verify" | tr -d '\r' |
        sed -n 's/^[Ss]et-[Cc]ookie: \([^;]*\).*/\1/p'
}
