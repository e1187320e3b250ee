#!/bin/sh
# Restarts the daemon that scripts/start-test-daemon.sh started in FOLDER,
# keeping its data: stops it by the pid in its pidfile, starts dockerd again
# with the flags it was started with (FOLDER/dockerd.flags: the same
# data-root, exec-root, socket, TLS listener and COMPOSEPLAN_DOCKERD_FLAGS),
# waits until it answers and checks that the test image is still there.
# Prints its address (unix://…/docker.sock) on stdout; progress goes to stderr.
#
#   scripts/restart-test-daemon.sh FOLDER [--kill]
#
# Without --kill the daemon is stopped as scripts/stop-test-daemon.sh does
# (SIGTERM). --kill simulates a crash: dockerd gets SIGKILL, with no chance to
# clean up. Debian's dockerd runs its own containerd with a parent-death
# signal, so that containerd dies with it; the script waits for both and the
# new dockerd starts a fresh containerd. (A containerd still running 5 s after
# dockerd's end is left to the new dockerd, which takes it over, as after a
# crash of dockerd alone.) Containers that were running are found stopped
# after the restart (no live-restore); volumes, images and containers stay.
set -eu

if [ $# -lt 1 ] || { [ $# -ge 2 ] && [ "$2" != "--kill" ]; }; then
    echo "usage: $0 FOLDER [--kill]" >&2
    exit 64
fi
folder="$(cd "$1" && pwd)"
socket="$folder/docker.sock"
pidfile="$folder/docker.pid"
flags="$folder/dockerd.flags"
log="$folder/dockerd.log"
containerd_pidfile="$folder/exec/containerd/containerd.pid"
image="composeplan-test/busybox:latest"

say() { echo "restart-test-daemon: $*" >&2; }

# Whether process $1 runs. A zombie (ended, not yet reaped by its parent,
# here whatever adopted the daemon) does not, although kill -0 reaches it.
alive() {
    kill -0 "$1" 2>/dev/null && ! grep -qs '^State:[[:space:]]*Z' "/proc/$1/status"
}

# Waits up to $2 seconds for process $1 to end; fails if it is still running.
wait_gone() {
    tries=0
    while alive "$1"; do
        tries=$((tries + 1))
        [ "$tries" -lt $(($2 * 10)) ] || return 1
        sleep 0.1
    done
}

if [ ! -f "$flags" ]; then
    say "no $flags: start the daemon with scripts/start-test-daemon.sh $folder first"
    exit 1
fi

containerd_pid=""
if [ -f "$containerd_pidfile" ]; then
    containerd_pid="$(cat "$containerd_pidfile")"
fi

if [ "${2:-}" = "--kill" ]; then
    if [ -f "$pidfile" ] && alive "$(cat "$pidfile")"; then
        pid="$(cat "$pidfile")"
        kill -KILL "$pid"
        if ! wait_gone "$pid" 30; then
            say "dockerd (pid $pid) still running 30 s after SIGKILL"
            exit 1
        fi
        say "killed dockerd (pid $pid)"
    else
        say "no dockerd running in $folder; starting it"
    fi
    # dockerd's own pidfile check would take a zombie for a running daemon.
    rm -f "$pidfile"
else
    "$(dirname "$0")/stop-by-pidfile.sh" "$pidfile" dockerd 30 restart-test-daemon
fi

# The new dockerd takes over the containerd of its pidfile when that process
# exists, a zombie included: forget one that has ended.
if [ -n "$containerd_pid" ]; then
    if wait_gone "$containerd_pid" 5; then
        rm -f "$containerd_pidfile"
    else
        say "containerd (pid $containerd_pid) is still running; the new dockerd takes it over"
    fi
fi

set --
while IFS= read -r flag; do
    set -- "$@" "$flag"
done <"$flags"
echo "--- restarted by restart-test-daemon.sh ---" >>"$log"
dockerd "$@" >>"$log" 2>&1 &
say "started dockerd (pid $!), log in $log"

# shellcheck source=wait-for-test-daemon.sh
. "$(dirname "$0")/wait-for-test-daemon.sh"
wait_for_daemon

if ! docker image inspect "$image" >/dev/null 2>&1; then
    say "the restarted daemon lost the test image $image"
    exit 1
fi

echo "unix://$socket"
