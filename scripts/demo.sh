#!/usr/bin/env bash
# make demo: the whole suite on a private Redis, fed the bundled sample calls.
set -euo pipefail
cd "$(dirname "$0")/.."
KEEP=0
[ "${1:-}" = "--keep" ] && KEEP=1

source scripts/local_stack.sh

cleanup() {
  stop_stack
  if [ "$KEEP" = 0 ] || [ "${DEMO_FAILED:-0}" = 1 ]; then rm -rf "$STACK_DIR"; fi
}
trap cleanup EXIT

echo "Liandong demo: Redis $REDIS_ADDR (AOF in $STACK_DIR), intake $INTAKE_ADDR, classification $CLASSIFICATION_ADDR, dispatch $DISPATCH_ADDR, feedback $FEEDBACK_ADDR"
echo "Prometheus metrics: http://$METRICS_INTAKE_ADDR/metrics http://$METRICS_CLASSIFICATION_ADDR/metrics http://$METRICS_DISPATCH_ADDR/metrics http://$METRICS_FEEDBACK_ADDR/metrics"
status=0
"${BUILD_DIR:-build}/tools/demo/liandong-demo" \
  --intake "$INTAKE_ADDR" --classification "$CLASSIFICATION_ADDR" \
  --dispatch "$DISPATCH_ADDR" --feedback "$FEEDBACK_ADDR" \
  --calls deploy/samples/calls.tsv "${TLS_FLAGS[@]}" --signing_key "$PKI_DIR/dev.key" || status=$?

# The record: wait for the archiver to catch up, then show what PostgreSQL holds.
if [ $status = 0 ]; then
  events=-1
  for _ in $(seq 1 100); do
    events=$(redis-cli -p "${REDIS_ADDR##*:}" XLEN ld:events)
    archived=$("$PG_BIN/psql" -X -A -t -h 127.0.0.1 -p "$PG_PORT" -U ld -d liandong \
      -c "SELECT count(*) FROM events")
    [ "$archived" = "$events" ] && break
    sleep 0.1
  done
  cases=$("$PG_BIN/psql" -X -A -t -h 127.0.0.1 -p "$PG_PORT" -U ld -d liandong -c "SELECT count(*) FROM cases")
  echo "record: $cases cases, $archived of $events events archived in PostgreSQL (archiver $ARCHIVER_ADDR)"
  [ "$archived" = "$events" ] || { echo "demo: the archive did not catch up" >&2; status=1; }
fi

if [ "$KEEP" = 1 ] && [ $status = 0 ]; then
  cat <<MSG

The stack keeps running (Ctrl-C stops it). Try the desk as a 110 operator (mutual TLS, a dev token):
  export LIANDONG_INTAKE=$INTAKE_ADDR LIANDONG_CLASSIFICATION=$CLASSIFICATION_ADDR \\
         LIANDONG_DISPATCH=$DISPATCH_ADDR LIANDONG_FEEDBACK=$FEEDBACK_ADDR LIANDONG_RECORD=$ARCHIVER_ADDR \\
         LIANDONG_TLS_CERT=$PKI_DIR/tls.crt LIANDONG_TLS_KEY=$PKI_DIR/tls.key LIANDONG_TLS_CA=$PKI_DIR/ca.crt
  A=${BUILD_DIR:-build}/tools/admin/liandong-admin
  \$A token --key $PKI_DIR/dev.key --sub op-wang --role operator --side 110 > /tmp/op110.token
  \$A token --key $PKI_DIR/dev.key --sub li --role agency --agency market_regulation > /tmp/agency.token
  \$A token --key $PKI_DIR/dev.key --sub sup-zhao --role supervisor > /tmp/sup.token
  export LIANDONG_TOKEN_FILE=/tmp/op110.token
  ${BUILD_DIR:-build}/services/desk/liandong-desk destinations
  redis-cli -p ${REDIS_ADDR##*:} XLEN ld:events
  ${BUILD_DIR:-build}/services/desk/liandong-desk cases --side 110      # from PostgreSQL
  ${BUILD_DIR:-build}/services/desk/liandong-desk report --period day --group_by direction
  $PG_BIN/psql "$PG_CONNINFO" -c 'SELECT type, count(*) FROM events GROUP BY 1'
  curl -s http://$METRICS_DISPATCH_ADDR/metrics | grep liandong_dispatch_orders_total
Scrape them with deploy/prometheus/prometheus.yml (adjust the targets) and import
deploy/grafana/liandong-overview.json into Grafana.
MSG
  trap 'exit 0' INT TERM
  while true; do sleep 3600; done
fi
[ $status = 0 ] || DEMO_FAILED=1
exit $status
