#!/usr/bin/env bash
# Makes the local stack's dev credentials in DIR with openssl: a CA, one TLS certificate for
# every process (localhost / 127.0.0.1), an ES256 token signing key with its public key, and
# the services' own token. Never for production: a city uses its PKI and identity provider.
#   scripts/dev_pki.sh DIR [ADMIN_BIN]
set -euo pipefail
DIR=$1
ADMIN=${2:-${BUILD_DIR:-build}/tools/admin/liandong-admin}
mkdir -p "$DIR"
cd "$DIR"
umask 077
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 30 \
  -subj /CN=liandong-dev-ca -keyout ca.key -out ca.crt 2>/dev/null
openssl req -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -subj /CN=localhost \
  -keyout tls.key -out tls.csr 2>/dev/null
printf 'subjectAltName=DNS:localhost,IP:127.0.0.1,DNS:intake,DNS:classification,DNS:dispatch,DNS:feedback,DNS:liandong-intake,DNS:liandong-classification,DNS:liandong-dispatch,DNS:liandong-feedback\n' > san.ext
openssl x509 -req -in tls.csr -CA ca.crt -CAkey ca.key -CAcreateserial -days 30 \
  -extfile san.ext -out tls.crt 2>/dev/null
openssl ecparam -name prime256v1 -genkey -noout -out dev.key
openssl ec -in dev.key -pubout -out dev.pem 2>/dev/null
"$OLDPWD/$ADMIN" token --key dev.key --kid dev --sub svc-liandong --role service --ttl 720h \
  > service.token
rm -f tls.csr san.ext ca.srl
