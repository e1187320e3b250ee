# Sourced by start-test-daemon.sh and restart-test-daemon.sh (not run on
# its own): wait_for_daemon waits up to 60 s for the daemon at $socket to
# answer `docker version`, and on timeout prints the last lines of $log
# through the caller's say() and exits 1. It exports DOCKER_HOST.
wait_for_daemon() {
    export DOCKER_HOST="unix://$socket"
    tries=0
    until docker version >/dev/null 2>&1; do
        tries=$((tries + 1))
        if [ "$tries" -ge 120 ]; then
            say "the daemon did not answer within 60 s; last log lines:"
            tail -n 20 "$log" >&2 || true
            exit 1
        fi
        sleep 0.5
    done
}
