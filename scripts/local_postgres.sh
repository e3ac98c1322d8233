# Sourced by local_stack.sh: a private PostgreSQL 15 cluster in $STACK_DIR/pg on a free
# loopback port (initdb refuses root, so as root it runs as `postgres`). Never the system
# cluster. Sets PG_PORT and PG_CONNINFO; stop_postgres stops it.
PG_BIN=/usr/lib/postgresql/15/bin
PG_DIR="$STACK_DIR/pg"
PG_PORT="$(free_port)"
as_postgres() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}
mkdir -p "$PG_DIR"
[ "$(id -u)" = 0 ] && chown postgres "$STACK_DIR" "$PG_DIR"
as_postgres "$PG_BIN/initdb" -D "$PG_DIR/data" -A trust -U ld -E UTF8 --locale=C.UTF-8 --no-sync \
  >"$STACK_DIR/initdb.log" 2>&1 || { echo "initdb failed" >&2; cat "$STACK_DIR/initdb.log" >&2; exit 1; }
as_postgres "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -w -l "$PG_DIR/postgres.log" \
  -o "-p $PG_PORT -k $PG_DIR -c listen_addresses=127.0.0.1" start >/dev/null \
  || { echo "postgres did not start" >&2; cat "$PG_DIR/postgres.log" >&2; exit 1; }
"$PG_BIN/createdb" -h 127.0.0.1 -p "$PG_PORT" -U ld liandong
PG_CONNINFO="host=127.0.0.1 port=$PG_PORT dbname=liandong user=ld"

stop_postgres() {
  [ -f "$PG_DIR/data/postmaster.pid" ] && as_postgres "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -m fast -w stop >/dev/null 2>&1 || true
}
