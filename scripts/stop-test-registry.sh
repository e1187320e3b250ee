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

"$(dirname "$0")/stop-by-pidfile.sh" "$pidfile" docker-registry 10 stop-test-registry
rm -f "$folder/address"

if [ "${2:-}" = "--purge" ]; then
    rm -rf "$folder"
    say "removed $folder"
fi
