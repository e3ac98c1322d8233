#!/usr/bin/env bash
# Installs every Debian 12 package Liandong needs to build, test and run.
# Idempotent and non-interactive; skips apt entirely when everything is present.
set -euo pipefail

PACKAGES=(
  build-essential cmake ninja-build pkg-config git clang-format clang
  protobuf-compiler libprotobuf-dev protobuf-compiler-grpc
  libgrpc++-dev libgrpc-dev
  libabsl-dev libhiredis-dev prometheus-cpp-dev catch2
  libfasttext-dev
  libjwt-dev libssl-dev openssl
  redis-server redis-tools
  postgresql postgresql-contrib libpq-dev
  prometheus
  python3 python3-sklearn python3-jieba python3-grpcio python3-yaml
  curl procps tzdata
  libcpp-httplib-dev
  chromium fonts-noto-cjk
)
# The web desk builds with Node.js + npm (Debian's nodejs/npm). A machine that already has
# another Node.js with npm on PATH keeps it: the two packages would conflict with it.
if ! command -v npm >/dev/null 2>&1; then PACKAGES+=(nodejs npm); fi

missing=()
for p in "${PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "bootstrap: all ${#PACKAGES[@]} packages present"
  exit 0
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
echo "bootstrap: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
# Debian starts packaged daemons on install; the suite runs its own private instances.
for svc in redis-server prometheus postgresql; do
  if command -v systemctl >/dev/null 2>&1; then $SUDO systemctl disable --now "$svc" >/dev/null 2>&1 || true; fi
  if command -v service >/dev/null 2>&1; then $SUDO service "$svc" stop >/dev/null 2>&1 || true; fi
done
echo "bootstrap: done"
