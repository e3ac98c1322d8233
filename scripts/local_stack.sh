# Sourced by demo.sh: starts a private Redis (AOF on, temp dir, free port), a private
# PostgreSQL (scripts/local_postgres.sh), the four services and the archiver on free loopback
# ports. Sets STACK_DIR, REDIS_ADDR, PG_CONNINFO, *_ADDR and STACK_PIDS.
set -euo pipefail

BIN_DIR="${BUILD_DIR:-build}/services"
RULES="${LIANDONG_RULES:-$(pwd)/deploy/rules/default.textproto}"
# The shipped working-day calendars (one file a year) and the centre's time zone, as deployed.
CALENDAR="${LIANDONG_CALENDAR:-$(pwd)/deploy/calendar/cn-2026.textproto,$(pwd)/deploy/calendar/cn-2027.textproto}"
export LIANDONG_TIME_ZONE="${LIANDONG_TIME_ZONE:-Asia/Shanghai}"

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

wait_port() {  # host:port, seconds
  local port="${1##*:}" deadline=$((SECONDS + $2))
  while ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; do
    if [ $SECONDS -ge $deadline ]; then return 1; fi
    sleep 0.1
  done
}

STACK_DIR=$(mktemp -d "${TMPDIR:-/tmp}/liandong-stack-XXXXXX")
STACK_PIDS=()

start() {  # name, command...
  local name=$1; shift
  "$@" >"$STACK_DIR/$name.log" 2>&1 &
  STACK_PIDS+=($!)
}

stop_stack() {
  local pid
  for ((i = ${#STACK_PIDS[@]} - 1; i >= 0; i--)); do
    pid=${STACK_PIDS[$i]}
    kill -TERM "$pid" 2>/dev/null || true
    for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$pid" 2>/dev/null || true
  done
  wait 2>/dev/null || true
  stop_postgres
}

# Dev credentials: mutual TLS between every process and real tokens (scripts/dev_pki.sh).
PKI_DIR="$STACK_DIR/pki"
bash scripts/dev_pki.sh "$PKI_DIR" "${BUILD_DIR:-build}/tools/admin/liandong-admin"
TLS_FLAGS=(--tls_cert "$PKI_DIR/tls.crt" --tls_key "$PKI_DIR/tls.key" --tls_ca "$PKI_DIR/ca.crt")
SERVICE_FLAGS=("${TLS_FLAGS[@]}" --auth_keys "$PKI_DIR/dev.pem" --token_file "$PKI_DIR/service.token")

REDIS_ADDR="127.0.0.1:$(free_port)"
CLASSIFICATION_ADDR="127.0.0.1:$(free_port)"
DISPATCH_ADDR="127.0.0.1:$(free_port)"
FEEDBACK_ADDR="127.0.0.1:$(free_port)"
INTAKE_ADDR="127.0.0.1:$(free_port)"

start redis redis-server --bind 127.0.0.1 --port "${REDIS_ADDR##*:}" --dir "$STACK_DIR" \
  --appendonly yes --appendfsync everysec --save '' --daemonize no
wait_port "$REDIS_ADDR" 10 || { echo "redis-server did not start" >&2; cat "$STACK_DIR/redis.log" >&2; exit 1; }

METRICS_CLASSIFICATION_ADDR="127.0.0.1:$(free_port)"
start classification "$BIN_DIR/classification/liandong-classifier" --listen "$CLASSIFICATION_ADDR" --rules "$RULES" \
  --metrics_listen "$METRICS_CLASSIFICATION_ADDR" "${SERVICE_FLAGS[@]}"
METRICS_DISPATCH_ADDR="127.0.0.1:$(free_port)"
start dispatch "$BIN_DIR/dispatch/liandong-dispatch" --listen "$DISPATCH_ADDR" --redis "$REDIS_ADDR" --rules "$RULES" \
  --calendar "$CALENDAR" --metrics_listen "$METRICS_DISPATCH_ADDR" "${SERVICE_FLAGS[@]}"
METRICS_FEEDBACK_ADDR="127.0.0.1:$(free_port)"
start feedback "$BIN_DIR/feedback/liandong-feedback" --listen "$FEEDBACK_ADDR" --redis "$REDIS_ADDR" \
  --rules "$RULES" --calendar "$CALENDAR" --metrics_listen "$METRICS_FEEDBACK_ADDR" "${SERVICE_FLAGS[@]}"
METRICS_INTAKE_ADDR="127.0.0.1:$(free_port)"
start intake "$BIN_DIR/intake/liandong-intake" --listen "$INTAKE_ADDR" --redis "$REDIS_ADDR" --rules "$RULES" \
  --metrics_listen "$METRICS_INTAKE_ADDR" "${SERVICE_FLAGS[@]}" \
  --classification "$CLASSIFICATION_ADDR" --calendar "$CALENDAR"
source scripts/local_postgres.sh
ARCHIVER_ADDR="127.0.0.1:$(free_port)"
METRICS_ARCHIVER_ADDR="127.0.0.1:$(free_port)"
head -c 32 /dev/urandom | base64 >"$STACK_DIR/phone.key"
start archiver "$BIN_DIR/archiver/liandong-archiver" --listen "$ARCHIVER_ADDR" --redis "$REDIS_ADDR" \
  --postgres "$PG_CONNINFO" --phone_key_file "$STACK_DIR/phone.key" \
  --metrics_listen "$METRICS_ARCHIVER_ADDR" "${SERVICE_FLAGS[@]}"
for addr in "$CLASSIFICATION_ADDR" "$DISPATCH_ADDR" "$FEEDBACK_ADDR" "$INTAKE_ADDR" "$ARCHIVER_ADDR"; do
  if ! wait_port "$addr" 15; then
    echo "a service did not start on $addr; logs in $STACK_DIR" >&2
    tail -n 20 "$STACK_DIR"/*.log >&2
    stop_stack
    exit 1
  fi
done
