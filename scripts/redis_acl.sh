#!/usr/bin/env bash
# Writes a Redis users.acl from deploy/redis/acl-rules.txt: each service user with the password
# in SECRETS_DIR/<user> (created with openssl if missing), the default user off.
#   scripts/redis_acl.sh SECRETS_DIR > users.acl    then redis-server --aclfile users.acl
set -euo pipefail
SECRETS=$1
mkdir -p "$SECRETS"
echo "user default off"
grep -v '^#' "$(dirname "$0")/../deploy/redis/acl-rules.txt" | while read -r user rules; do
  [ -n "$user" ] || continue
  [ -s "$SECRETS/$user" ] || (umask 077; openssl rand -hex 24 > "$SECRETS/$user")
  hash=$(tr -d '\n' < "$SECRETS/$user" | sha256sum | cut -d' ' -f1)
  echo "user $user on #$hash $rules"
done
