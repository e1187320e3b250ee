#!/bin/sh
# Stops the process whose pid PIDFILE holds (SIGTERM, then SIGKILL after
# SECONDS), waits for it to exit and removes the pidfile. Shared by
# stop-test-daemon.sh and stop-test-registry.sh; messages go to stderr
# prefixed with WHO.
#
#   scripts/stop-by-pidfile.sh PIDFILE NAME SECONDS WHO
set -eu
pidfile="$1"
name="$2"
seconds="$3"
who="$4"
say() { echo "$who: $*" >&2; }

if [ ! -f "$pidfile" ]; then
    say "no pidfile $pidfile; nothing to stop"
    exit 0
fi
pid="$(cat "$pidfile")"
if kill -0 "$pid" 2>/dev/null; then
    kill -TERM "$pid"
    tries=0
    while kill -0 "$pid" 2>/dev/null; do
        tries=$((tries + 1))
        if [ "$tries" -ge $((seconds * 2)) ]; then
            say "$name (pid $pid) still running after $seconds s; sending SIGKILL"
            kill -KILL "$pid" 2>/dev/null || true
            break
        fi
        sleep 0.5
    done
    say "stopped $name (pid $pid)"
else
    say "no $name running (stale pidfile $pidfile)"
fi
rm -f "$pidfile"
