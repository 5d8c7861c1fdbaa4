#!/usr/bin/env bash
# Start or stop the Prism mock server that the contract tests run against.
#
#   scripts/prism.sh start [spec]   # spec defaults to spec/openapi.json
#   scripts/prism.sh stop
#
# Prism is the exact version pinned in package.json (install it with `npm ci`).
# It listens on 127.0.0.1:${PRISM_PORT:-4010}; its PID goes to target/prism.pid
# and its output to target/prism.log.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
port="${PRISM_PORT:-4010}"
pid_file="$root/target/prism.pid"
log_file="$root/target/prism.log"
prism="$root/node_modules/.bin/prism"
wait_secs=60

die() { echo "prism.sh: $*" >&2; exit 1; }

port_answers() {
    # bash's /dev/tcp: no dependency on curl or nc.
    (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null
}

running_pid() {
    # Prints the PID from the PID file if that process is still alive.
    [[ -f "$pid_file" ]] || return 1
    local pid
    pid="$(cat "$pid_file")"
    [[ "$pid" =~ ^[0-9]+$ ]] && kill -0 "$pid" 2>/dev/null && echo "$pid"
}

start() {
    local spec="${1:-$root/spec/openapi.json}"
    # A spec given on the command line is relative to the caller's directory.
    [[ "$spec" = /* ]] || spec="$PWD/$spec"
    [[ -f "$spec" ]] || die "no spec at $spec"
    [[ -x "$prism" ]] || die "$prism not found: run \`npm ci\` in $root"
    if pid="$(running_pid)"; then
        die "already running (pid $pid); run \`$0 stop\` first"
    fi
    if port_answers; then
        die "port $port is already in use; set PRISM_PORT to another port"
    fi

    mkdir -p "$root/target"
    "$prism" mock "$spec" -h 127.0.0.1 -p "$port" --errors -v warn \
        </dev/null >"$log_file" 2>&1 &
    local pid=$!
    echo "$pid" >"$pid_file"

    local waited=0
    until port_answers; do
        if ! kill -0 "$pid" 2>/dev/null; then
            rm -f "$pid_file"
            tail -n 30 "$log_file" >&2 || true
            die "prism exited before listening; log: $log_file"
        fi
        if (( waited >= wait_secs * 4 )); then
            stop >/dev/null 2>&1 || true
            tail -n 30 "$log_file" >&2 || true
            die "prism did not answer on 127.0.0.1:$port within ${wait_secs}s; log: $log_file"
        fi
        sleep 0.25
        waited=$((waited + 1))
    done
    echo "prism (pid $pid) serving $spec on http://127.0.0.1:$port"
}

stop() {
    local pid
    if ! pid="$(running_pid)"; then
        rm -f "$pid_file"
        echo "prism is not running"
        return 0
    fi
    kill "$pid"
    for _ in $(seq 1 40); do
        kill -0 "$pid" 2>/dev/null || break
        sleep 0.25
    done
    if kill -0 "$pid" 2>/dev/null; then
        kill -9 "$pid" 2>/dev/null || true
    fi
    rm -f "$pid_file"
    echo "prism (pid $pid) stopped"
}

case "${1:-}" in
    start) shift; start "$@" ;;
    stop) stop ;;
    *) echo "usage: $0 start [spec] | stop" >&2; exit 2 ;;
esac
