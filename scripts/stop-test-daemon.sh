#!/bin/sh
# Stops the daemon that scripts/start-test-daemon.sh started in FOLDER, by the
# pid in its pidfile, and waits for it to exit.
#
#   scripts/stop-test-daemon.sh FOLDER [--purge]
#
# --purge also deletes FOLDER (data-root included) once the daemon is gone.
set -eu

if [ $# -lt 1 ]; then
    echo "usage: $0 FOLDER [--purge]" >&2
    exit 64
fi
folder="$1"
pidfile="$folder/docker.pid"
say() { echo "stop-test-daemon: $*" >&2; }

if [ -f "$pidfile" ]; then
    pid="$(cat "$pidfile")"
    if kill -0 "$pid" 2>/dev/null; then
        kill -TERM "$pid"
        tries=0
        while kill -0 "$pid" 2>/dev/null; do
            tries=$((tries + 1))
            if [ "$tries" -ge 60 ]; then
                say "dockerd (pid $pid) still running after 30 s; sending SIGKILL"
                kill -KILL "$pid" 2>/dev/null || true
                break
            fi
            sleep 0.5
        done
        say "stopped dockerd (pid $pid)"
    else
        say "no daemon running (stale pidfile $pidfile)"
    fi
else
    say "no pidfile in $folder; nothing to stop"
fi

if [ "${2:-}" = "--purge" ]; then
    # Mounts left under the data-root (overlay, shm) must go before the files.
    grep " $(cd "$folder" && pwd)/" /proc/mounts 2>/dev/null | awk '{print $2}' | sort -r | while read -r mountpoint; do
        umount "$mountpoint" 2>/dev/null || true
    done
    rm -rf "$folder"
    say "removed $folder"
fi
