# Shared by the bench/ scripts; source it after scripts/lib.sh.
# bench_database: a private cluster with migrations, districts and the demo
# data; sets dir, url, id_max, and an EXIT trap that stops everything.
# bench_server: starts pwis-server on free ports (pool PWIS_BENCH_POOL,
# default 8; more flags in PWIS_BENCH_SERVER_ARGS); sets server_pid,
# grpc_port, http_port; its stderr goes to $dir/server.log.
# pg_run SCRIPT CLIENTS: pgbench for DURATION s after 2 s of warm-up →
# "tps p50_ms p99_ms". ratio A B: A / B. machine_line: cores, memory, CPU.
# grpc_vs_pgbench RPC SCRIPT CLIENTS [LOAD FLAGS]: one Markdown row, RPC
# through pwis-grpc-load beside SCRIPT through pgbench, and their ratios.

bench_database() {
  dir=$(mktemp -d /tmp/pwis-bench.XXXXXX)
  port=$(free_port)
  server_pid=
  trap bench_cleanup EXIT
  db start >/dev/null 2>&1 || die "database did not start"
  url=$(db conninfo)
  "$PWIS_BUILD/services/pwis-server" --database_url="$url" --migrate 2>/dev/null
  "$PWIS_ROOT/scripts/load-districts" "$url" 2>/dev/null
  "$PWIS_ROOT/scripts/demo-data" "$url" >/dev/null 2>&1 || die "demo data failed"
  id_max=$(psql -X -tA "$url" -c "SELECT max(id) FROM road_works")
}

db() { PWIS_DB_DIR=$dir PWIS_DB_PORT=$port "$PWIS_ROOT/scripts/db" "$@"; }

bench_cleanup() {
  [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null
  db stop || true
  rm -rf "$dir"
}

bench_server() {
  grpc_port=$(free_port)
  http_port=$(free_port)
  pool=${PWIS_BENCH_POOL:-8}
  "$PWIS_BUILD/services/pwis-server" --http_access_log=false --database_url="$url" --listen_host=127.0.0.1 \
    --grpc_port="$grpc_port" --http_port="$http_port" --pool_size="$pool" \
    ${PWIS_BENCH_SERVER_ARGS:-} 2>>"$dir/server.log" &
  server_pid=$!
  for _ in $(seq 50); do port_busy "$grpc_port" && break; sleep 0.1; done
}

pg_run() {  # script concurrency → "tps p50 p99"
  local c=$2 j=$(( $2 < 2 ? 1 : 2 ))
  rm -f "$dir"/pgb.*
  local out
  out=$(pgbench -n -M prepared -f "$1" -c "$c" -j "$j" -T $((DURATION + 2)) -l \
        --log-prefix="$dir/pgb" "$url" 2>&1) || die "pgbench failed: $out"
  # The first 2 s of the log are the warm-up.
  local first; first=$(cat "$dir"/pgb.* | awk 'NR == 1 || $5 < f { f = $5 } END { print f }')
  cat "$dir"/pgb.* | awk -v from=$((first + 2)) '$5 >= from { print $3 }' | sort -n \
    | awk -v d="$DURATION" '{ a[NR] = $1 } END {
        i50 = int(NR * 0.50); if (i50 < 1) i50 = 1; i99 = int(NR * 0.99); if (i99 < 1) i99 = 1
        printf "%.1f %.3f %.3f\n", NR / d, a[i50] / 1000, a[i99] / 1000 }'
}

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", (b > 0 ? a / b : 0) }'; }

machine_line() {
  echo "Machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(sed -n 's/^model name\s*: //p' /proc/cpuinfo | head -1)"
}

# | rpc | clients | gRPC /s | p50 | p99 | pgbench /s | p50 | p99 | p50, p99 and throughput ratios |
grpc_vs_pgbench() {
  local rpc=$1 script=$2 c=$3 line
  shift 3
  line=$("$PWIS_BUILD/bench/pwis-grpc-load" --target=127.0.0.1:"$grpc_port" --rpc="$rpc" \
         --concurrency="$c" --duration="$DURATION" --warmup=2 "$@")
  kv() { sed -n "s/.*$1=\([^ ]*\).*/\1/p" <<<"$line"; }
  [ "$(kv errors)" = 0 ] || log "warning: $(kv errors) gRPC errors in $rpc at c=$c"
  [ "$(kv not_found)" = 0 ] || log "warning: $(kv not_found) NOT_FOUND in $rpc at c=$c"
  local tps p50 p99
  read -r tps p50 p99 < <(pg_run "$script" "$c")
  echo "| $rpc | $c | $(kv rps) | $(kv p50_ms) | $(kv p99_ms) | $tps | $p50 | $p99 | $(ratio "$(kv p50_ms)" "$p50") | $(ratio "$(kv p99_ms)" "$p99") | $(ratio "$(kv rps)" "$tps") |"
}
