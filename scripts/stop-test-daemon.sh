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

# Leave the Swarm the start script made (before the daemon goes).
if [ -S "$folder/docker.sock" ] && [ "$(docker -H "unix://$folder/docker.sock" info --format '{{.Swarm.LocalNodeState}}' 2>/dev/null)" = "active" ]; then
    docker -H "unix://$folder/docker.sock" swarm leave --force >/dev/null 2>&1 && say "left the Swarm" || true
fi

"$(dirname "$0")/stop-by-pidfile.sh" "$pidfile" dockerd 30 stop-test-daemon

if [ "${2:-}" = "--purge" ]; then
    # Mounts left under the data-root (overlay, shm) must go before the files.
    grep " $(cd "$folder" && pwd)/" /proc/mounts 2>/dev/null | awk '{print $2}' | sort -r | while read -r mountpoint; do
        umount "$mountpoint" 2>/dev/null || true
    done
    rm -rf "$folder"
    say "removed $folder"
fi
