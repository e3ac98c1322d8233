#!/usr/bin/env bash
# make desk: the local stack (scripts/local_stack.sh) plus liandong-gateway serving the web desk
# on http://127.0.0.1:${DESK_PORT:-8080}, and dev tokens for every role written to files.
# Open the URL, paste a token file's content at 登录. Ctrl-C stops everything.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/local_stack.sh
trap 'stop_stack; rm -rf "$STACK_DIR"' EXIT

DESK_ADDR="127.0.0.1:${DESK_PORT:-8080}"
start gateway "$BIN_DIR/gateway/liandong-gateway" --listen "$DESK_ADDR" \
  --metrics_listen "127.0.0.1:$(free_port)" --rules "$RULES" \
  --web_root "${BUILD_DIR:-build}/web-desk" --record "$ARCHIVER_ADDR" \
  --intake "$INTAKE_ADDR" --classification "$CLASSIFICATION_ADDR" \
  --dispatch "$DISPATCH_ADDR" --feedback "$FEEDBACK_ADDR" "${TLS_FLAGS[@]}"
wait_port "$DESK_ADDR" 10 || { echo "the gateway did not start" >&2; cat "$STACK_DIR/gateway.log" >&2; exit 1; }

A="${BUILD_DIR:-build}/tools/admin/liandong-admin"
TOKENS="$STACK_DIR/tokens"
mkdir -p "$TOKENS"
"$A" token --key "$PKI_DIR/dev.key" --kid dev --sub op-wang --name 王坐席 --role operator --side 110 >"$TOKENS/operator-110.token"
"$A" token --key "$PKI_DIR/dev.key" --kid dev --sub op-liu --name 刘话务 --role operator --side 12345 >"$TOKENS/operator-12345.token"
"$A" token --key "$PKI_DIR/dev.key" --kid dev --sub agent-li --name 李师傅 --role agency --agency water_company >"$TOKENS/agency-water_company.token"
"$A" token --key "$PKI_DIR/dev.key" --kid dev --sub sup-zhao --name 赵督办 --role supervisor >"$TOKENS/supervisor.token"
cat <<MSG
Web desk: http://$DESK_ADDR/   (gateway log: $STACK_DIR/gateway.log)
Sign in by pasting one of these dev tokens (valid for the admin tool's default lifetime):
$(ls -1 "$TOKENS"/*.token | sed 's/^/  /')
Ctrl-C stops the stack.
MSG
trap 'exit 0' INT TERM
while true; do sleep 3600; done
