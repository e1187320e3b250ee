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
# signal, so that containerd dies with it; the script waits for both, kills
# the shims that containerd left (and what runs under them), and the new
# dockerd starts a fresh containerd. (A containerd still running 5 s after
# dockerd's end is left to the new dockerd, which takes it over with its
# shims, as after a crash of dockerd alone.) Containers that were running are
# found stopped after the restart (no live-restore); volumes, images and
# containers stay.
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
containerd_gone=yes
if [ -n "$containerd_pid" ]; then
    if wait_gone "$containerd_pid" 5; then
        rm -f "$containerd_pidfile"
    else
        containerd_gone=no
        say "containerd (pid $containerd_pid) is still running; the new dockerd takes it over"
    fi
fi

# After a kill whose containerd ended, its shims (containerd-shim-runc-v2,
# one per container it ran, with the container's processes under it) go
# too, as in a crash of the whole daemon. A shim left behind keeps its task:
# the restarted daemon's next start of that container fails with "task …
# already exists", and the shim outlives the test.
if [ "${2:-}" = "--kill" ] && [ "$containerd_gone" = yes ]; then
    address="-address $folder/exec/containerd/containerd.sock"
    for entry in /proc/[0-9]*; do
        command="$(tr '\0' ' ' <"$entry/cmdline" 2>/dev/null)" || continue
        case "$command" in
            *containerd-shim*"$address"*) ;;
            *) continue ;;
        esac
        shim="${entry#/proc/}"
        for status in /proc/[0-9]*/status; do
            if grep -qs "^PPid:[[:space:]]*$shim\$" "$status"; then
                child="${status#/proc/}"
                kill -KILL "${child%/status}" 2>/dev/null || true
            fi
        done
        kill -KILL "$shim" 2>/dev/null || true
        wait_gone "$shim" 10 || say "shim (pid $shim) still running after SIGKILL"
        say "killed the containerd shim (pid $shim) of the killed daemon"
    done
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
