# Shared helpers for pwis scripts; source it, don't run it.
set -euo pipefail

PWIS_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
PWIS_BUILD=${PWIS_BUILD:-$PWIS_ROOT/build}
PG_BIN=/usr/lib/postgresql/15/bin
# Clusters live under /tmp, keyed by the checkout's path: the postgres user
# may not be able to enter the checkout (e.g. under /root), and two
# checkouts must never share a cluster.
PWIS_STATE=${PWIS_STATE:-/tmp/pwis-$(printf '%s' "$PWIS_ROOT" | md5sum | cut -c1-10)}

die() { echo "pwis: error: $*" >&2; exit 1; }
log() { echo "pwis: $*" >&2; }

# port_busy PORT: true if something listens on 127.0.0.1:PORT.
port_busy() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# free_port: prints a port nobody listens on.
free_port() {
  local p
  for _ in $(seq 200); do
    p=$((20000 + RANDOM % 40000))
    if ! port_busy "$p"; then echo "$p"; return 0; fi
  done
  die "no free TCP port found"
}
