# Shared by the bench/ scripts; source it after scripts/lib.sh.
# bench_database: a private cluster with migrations, districts and the demo
# data; sets dir, url, id_max, and an EXIT trap that stops everything.
# bench_server: starts pwis-server on free ports (pool PWIS_BENCH_POOL,
# default 8; more flags in PWIS_BENCH_SERVER_ARGS); sets server_pid,
# grpc_port, http_port; its stderr goes to $dir/server.log.

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
