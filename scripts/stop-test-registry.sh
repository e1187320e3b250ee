#!/bin/sh
# Stops the registry that scripts/start-test-registry.sh started in FOLDER,
# by the pid in its pidfile, and waits for it to exit.
#
#   scripts/stop-test-registry.sh FOLDER [--purge]
#
# --purge also deletes FOLDER (the stored images included) once it is gone.
set -eu

if [ $# -lt 1 ]; then
    echo "usage: $0 FOLDER [--purge]" >&2
    exit 64
fi
folder="$1"
pidfile="$folder/registry.pid"
say() { echo "stop-test-registry: $*" >&2; }

if [ -f "$pidfile" ]; then
    pid="$(cat "$pidfile")"
    if kill -0 "$pid" 2>/dev/null; then
        kill -TERM "$pid"
        tries=0
        while kill -0 "$pid" 2>/dev/null; do
            tries=$((tries + 1))
            if [ "$tries" -ge 20 ]; then
                say "docker-registry (pid $pid) still running after 10 s; sending SIGKILL"
                kill -KILL "$pid" 2>/dev/null || true
                break
            fi
            sleep 0.5
        done
        say "stopped docker-registry (pid $pid)"
    else
        say "no registry running (stale pidfile $pidfile)"
    fi
    rm -f "$pidfile" "$folder/address"
else
    say "no pidfile in $folder; nothing to stop"
fi

if [ "${2:-}" = "--purge" ]; then
    rm -rf "$folder"
    say "removed $folder"
fi
