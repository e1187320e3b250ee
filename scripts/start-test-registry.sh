#!/bin/sh
# Starts a private Docker registry (Debian's docker-registry package,
# distribution 2.8) for composeplan's image tests and prints its address
# (127.0.0.1:PORT) on stdout; progress goes to stderr.
#
#   scripts/start-test-registry.sh FOLDER [--auth USER PASSWORD]
#
# Everything lives under FOLDER: the configuration (config.yml), the storage
# root (data/), the pidfile (registry.pid), the log (registry.log) and the
# address (address). The registry listens on a free port of 127.0.0.1 over
# plain HTTP: dockerd treats registries on 127.0.0.0/8 as insecure, so no TLS
# is needed. It runs in the background; stop it with
# scripts/stop-test-registry.sh FOLDER.
#
# --auth USER PASSWORD protects the registry with htpasswd basic
# authentication: FOLDER/htpasswd gets one bcrypt entry (`htpasswd -B`, from
# the apache2-utils package), and every request without those credentials
# is answered 401.
#
# Usage in CI:
#   export COMPOSEPLAN_TEST_REGISTRY="$(scripts/start-test-registry.sh /tmp/cp-registry)"
#   swift test ...
#   scripts/stop-test-registry.sh /tmp/cp-registry
set -eu

say() { echo "start-test-registry: $*" >&2; }

if [ $# -lt 1 ]; then
    echo "usage: $0 FOLDER [--auth USER PASSWORD]" >&2
    exit 64
fi
folder="$1"
shift
user=""
password=""
if [ $# -gt 0 ]; then
    if [ "$1" != "--auth" ] || [ $# -ne 3 ]; then
        echo "usage: $0 FOLDER [--auth USER PASSWORD]" >&2
        exit 64
    fi
    user="$2"
    password="$3"
fi

if ! command -v docker-registry >/dev/null 2>&1; then
    say "docker-registry not found (install the docker-registry package)"
    exit 1
fi
if [ -n "$user" ] && ! command -v htpasswd >/dev/null 2>&1; then
    say "htpasswd not found (install the apache2-utils package)"
    exit 1
fi

mkdir -p "$folder"
folder="$(cd "$folder" && pwd)"
pidfile="$folder/registry.pid"
log="$folder/registry.log"
config="$folder/config.yml"

# A registry from an earlier run in the same folder: reuse it if it runs.
if [ -f "$pidfile" ] && kill -0 "$(cat "$pidfile")" 2>/dev/null && [ -s "$folder/address" ]; then
    say "a registry is already running in $folder (pid $(cat "$pidfile"))"
    cat "$folder/address"
    exit 0
fi

rm -f "$pidfile" "$folder/address"
mkdir -p "$folder/data"
port="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
address="127.0.0.1:$port"

auth_section=""
if [ -n "$user" ]; then
    htpasswd -B -b -c "$folder/htpasswd" "$user" "$password" 2>/dev/null
    auth_section="auth:
  htpasswd:
    realm: composeplan-test
    path: $folder/htpasswd"
fi

cat >"$config" <<EOF
version: 0.1
log:
  level: warn
  accesslog:
    disabled: true
storage:
  filesystem:
    rootdirectory: $folder/data
  delete:
    enabled: true
  maintenance:
    uploadpurging:
      enabled: false
http:
  addr: $address
  secret: composeplan-test-$port
$auth_section
EOF

docker-registry serve "$config" >"$log" 2>&1 &
echo $! >"$pidfile"
say "started docker-registry (pid $!) on $address, log in $log"

# Ready when /v2/ answers (200 without auth, 401 with it).
tries=0
until python3 - "$address" <<'EOF' 2>/dev/null
import sys, urllib.request, urllib.error
try:
    urllib.request.urlopen("http://%s/v2/" % sys.argv[1], timeout=1)
except urllib.error.HTTPError as error:
    sys.exit(0 if error.code == 401 else 1)
EOF
do
    tries=$((tries + 1))
    if ! kill -0 "$(cat "$pidfile")" 2>/dev/null || [ "$tries" -ge 60 ]; then
        say "the registry did not answer on $address; last log lines:"
        tail -n 20 "$log" >&2 || true
        exit 1
    fi
    sleep 0.5
done

echo "$address" >"$folder/address"
echo "$address"
