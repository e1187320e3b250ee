#!/bin/sh
# Starts a private Docker daemon for composeplan's tests and prints its
# address (unix://…/docker.sock) on stdout; progress goes to stderr.
#
#   scripts/start-test-daemon.sh [FOLDER]
#
# Everything lives under FOLDER (default: a new temporary folder): data-root,
# exec-root, pidfile, socket, log, and dockerd's flags (FOLDER/dockerd.flags,
# one a line). The daemon runs in the background; stop it with
# scripts/stop-test-daemon.sh FOLDER, or restart it with the same flags and
# data (after a simulated crash with --kill) with
# scripts/restart-test-daemon.sh FOLDER [--kill]. The test image
# composeplan-test/busybox:latest is imported from the static busybox binary
# (Debian package busybox-static): there is no registry access. The daemon
# is made a single-node Swarm manager for the stack tests.
# Extra dockerd flags may be given in COMPOSEPLAN_DOCKERD_FLAGS (for instance
# "--bridge=none" when another daemon already owns docker0).
#
# When openssl is available the daemon also listens on tcp://127.0.0.1:PORT
# with mutual TLS (--tlsverify), for the TLS tests: a throw-away CA and
# certificates are made in FOLDER/tls, the client's in the docker CLI's
# layout (ca.pem, cert.pem, key.pem) in FOLDER/tls/client, and the address
# is written to FOLDER/tls-address.
#
# Usage in CI:
#   export COMPOSEPLAN_TEST_DOCKER_HOST="$(scripts/start-test-daemon.sh /tmp/cp-docker)"
#   swift test ...
#   scripts/stop-test-daemon.sh /tmp/cp-docker
set -eu

folder="${1:-}"
if [ -z "$folder" ]; then
    folder="$(mktemp -d /tmp/composeplan-docker.XXXXXX)"
fi
mkdir -p "$folder"
folder="$(cd "$folder" && pwd)"
socket="$folder/docker.sock"
pidfile="$folder/docker.pid"
log="$folder/dockerd.log"
image="composeplan-test/busybox:latest"

say() { echo "start-test-daemon: $*" >&2; }

if ! command -v dockerd >/dev/null 2>&1; then
    say "dockerd not found (install the docker.io package)"
    exit 1
fi

# A daemon from an earlier run in the same folder: reuse it if it answers.
if [ -f "$pidfile" ] && kill -0 "$(cat "$pidfile")" 2>/dev/null; then
    say "a daemon is already running in $folder (pid $(cat "$pidfile"))"
else
    rm -f "$pidfile" "$socket" "$folder/tls-address"
    mkdir -p "$folder/data" "$folder/exec"
    # dockerd's flags, as positional parameters (FOLDER was read above).
    set -- --data-root "$folder/data" --exec-root "$folder/exec" --pidfile "$pidfile" -H "unix://$socket"
    if command -v openssl >/dev/null 2>&1 && command -v python3 >/dev/null 2>&1; then
        tls="$folder/tls"
        mkdir -p "$tls/client"
        # (errexit does not apply inside an if condition: the last line checks
        # that every file was made.)
        if (
            cd "$tls" || exit 1
            openssl genrsa -out ca-key.pem 2048
            openssl req -new -x509 -days 3 -key ca-key.pem -subj "/CN=composeplan test CA" -out client/ca.pem
            openssl genrsa -out server-key.pem 2048
            openssl req -new -key server-key.pem -subj "/CN=127.0.0.1" -out server.csr
            printf 'subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth\n' >server.ext
            openssl x509 -req -days 3 -in server.csr -CA client/ca.pem -CAkey ca-key.pem -CAcreateserial \
                -out server-cert.pem -extfile server.ext
            openssl genrsa -out client/key.pem 2048
            openssl req -new -key client/key.pem -subj "/CN=composeplan tests" -out client.csr
            printf 'extendedKeyUsage=clientAuth\n' >client.ext
            openssl x509 -req -days 3 -in client.csr -CA client/ca.pem -CAkey ca-key.pem -CAcreateserial \
                -out client/cert.pem -extfile client.ext
            test -s client/ca.pem && test -s client/cert.pem && test -s client/key.pem && test -s server-cert.pem
        ) >"$folder/tls.log" 2>&1; then
            port="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
            set -- "$@" --tlsverify --tlscacert "$tls/client/ca.pem" --tlscert "$tls/server-cert.pem" \
                --tlskey "$tls/server-key.pem" -H "tcp://127.0.0.1:$port"
            echo "tcp://127.0.0.1:$port" >"$folder/tls-address"
        else
            say "could not make TLS certificates (see $folder/tls.log): no TLS listener"
        fi
    fi
    # shellcheck disable=SC2086
    set -- "$@" ${COMPOSEPLAN_DOCKERD_FLAGS:-}
    # The same flags start it again in scripts/restart-test-daemon.sh.
    printf '%s\n' "$@" >"$folder/dockerd.flags"
    dockerd "$@" >"$log" 2>&1 &
    say "started dockerd (pid $!), log in $log"
fi

# shellcheck source=wait-for-test-daemon.sh
. "$(dirname "$0")/wait-for-test-daemon.sh"
wait_for_daemon

if ! docker image inspect "$image" >/dev/null 2>&1; then
    busybox=""
    for candidate in $(dpkg -L busybox-static 2>/dev/null | grep '/busybox$') /bin/busybox /usr/bin/busybox; do
        if [ -x "$candidate" ] && file "$candidate" 2>/dev/null | grep -q 'statically linked'; then
            busybox="$candidate"
            break
        fi
    done
    if [ -z "$busybox" ]; then
        say "no statically linked busybox found (install the busybox-static package)"
        exit 1
    fi
    rootfs="$(mktemp -d "$folder/rootfs.XXXXXX")"
    mkdir -p "$rootfs/bin" "$rootfs/tmp" "$rootfs/etc"
    cp "$busybox" "$rootfs/bin/busybox"
    for applet in $("$rootfs/bin/busybox" --list); do
        [ "$applet" = busybox ] || ln -s busybox "$rootfs/bin/$applet"
    done
    tar -C "$rootfs" -c . | docker import - "$image" >/dev/null
    rm -rf "$rootfs"
    say "imported $image from $busybox"
fi

# A single-node Swarm for the stack tests (--target swarm); set
# COMPOSEPLAN_TEST_NO_SWARM=1 to leave the daemon out of Swarm mode.
# scripts/stop-test-daemon.sh leaves it again.
if [ -z "${COMPOSEPLAN_TEST_NO_SWARM:-}" ] \
    && [ "$(docker info --format '{{.Swarm.LocalNodeState}}' 2>/dev/null)" != "active" ]; then
    if docker swarm init --advertise-addr 127.0.0.1 >"$folder/swarm.log" 2>&1; then
        say "initialized a single-node Swarm"
    else
        say "could not initialize a Swarm (see $folder/swarm.log): the stack tests will fail"
    fi
fi

echo "unix://$socket"
