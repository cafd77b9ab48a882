#!/usr/bin/env bash
# Conformance check: the hub's OpenID Connect flows, end to end, driven by the certified npm client
# openid-client (v6, pinned in oidc-js/package.json). Run by `./hub.sh test` after `dotnet test`, with the
# test PostgreSQL and RabbitMQ running and described by HUB_TEST_* variables (see cmd_test in hub.sh; for a
# run by hand: eval "$(./hub.sh test-env)" and build Release first).
#
# It starts a private hub from the Release build: its own database and RabbitMQ virtual host (both
# hub_oidc_check, dropped afterwards), keys generated for this run, issuer http://127.0.0.1:5091/; registers a
# vendor client (authorization code) and a platform client (client credentials), seeds one demo person, and
# runs oidc-js/check.mjs against it. The exit code is the check's.
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
CONFIG=${HUB_CONFIGURATION:-Release}
PORT=${HUB_OIDC_CHECK_PORT:-5091}
NAME=hub_oidc_check
BASE="http://127.0.0.1:$PORT"
DLL="$ROOT/src/Hub.Server/bin/$CONFIG/net10.0/Hub.Server.dll"

say() { printf '\033[1;34m[openid-client]\033[0m %s\n' "$*"; }
fail() { printf '\033[1;31m[openid-client] FAIL\033[0m %s\n' "$*" >&2; exit 1; }

: "${HUB_TEST_POSTGRES:?not set: run through ./hub.sh test (or eval \"\$(./hub.sh test-env)\")}"
: "${HUB_TEST_RABBITMQ_PORT:?not set: run through ./hub.sh test}"
[ -f "$DLL" ] || fail "$DLL not found: build $CONFIG first (./hub.sh test does)"
if ! command -v node >/dev/null || ! command -v npm >/dev/null; then fail "Node.js 20+ and npm are needed for this check"; fi
[ "$(node -p 'process.versions.node.split(".")[0]')" -ge 20 ] || fail "Node.js 20+ is needed (openid-client 6); found $(node --version)"
command -v psql >/dev/null || fail "psql is needed (apt-get install postgresql-client)"

# "Host=…;Port=…;Username=…;Password=…" → PG* variables for psql.
pg_field() { tr ';' '\n' <<<"$HUB_TEST_POSTGRES" | sed -n "s/^$1=//Ip" | head -1; }
export PGHOST PGPORT PGUSER PGPASSWORD PGDATABASE=postgres PGOPTIONS='-c client_min_messages=warning'
PGHOST=$(pg_field Host); PGPORT=$(pg_field Port); PGUSER=$(pg_field Username); PGPASSWORD=$(pg_field Password)
RMQ_HOST=${HUB_TEST_RABBITMQ_HOST:-127.0.0.1}
RMQ_USER=${HUB_TEST_RABBITMQ_USERNAME:-hub}
RMQ_PASS=${HUB_TEST_RABBITMQ_PASSWORD:-}
RMQ_API="http://$RMQ_HOST:${HUB_TEST_RABBITMQ_MANAGEMENT_PORT:-15674}/api"

WORK=$(mktemp -d -t hub-oidc-check.XXXXXX)
HUB_PID=
# shellcheck disable=SC2317  # invoked by the EXIT trap
cleanup() {
  local rc=$?
  if [ -n "$HUB_PID" ] && kill -0 "$HUB_PID" 2>/dev/null; then
    kill "$HUB_PID" 2>/dev/null || true
    for _ in $(seq 1 20); do kill -0 "$HUB_PID" 2>/dev/null || break; sleep 0.25; done
    kill -9 "$HUB_PID" 2>/dev/null || true
    wait "$HUB_PID" 2>/dev/null || true
  fi
  if [ "$rc" -ne 0 ] && [ -s "$WORK/hub.log" ]; then
    echo "---- last lines of the hub's log ----" >&2
    tail -40 "$WORK/hub.log" >&2
  fi
  psql -qX -v ON_ERROR_STOP=1 -c "DROP DATABASE IF EXISTS $NAME WITH (FORCE)" >/dev/null 2>&1 || true
  curl -fsS -u "$RMQ_USER:$RMQ_PASS" -X DELETE "$RMQ_API/vhosts/$NAME" >/dev/null 2>&1 || true
  rm -rf "$WORK"
  exit "$rc"
}
trap cleanup EXIT

if (exec 3<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null; then fail "port $PORT is in use on 127.0.0.1: stop what listens there (or set HUB_OIDC_CHECK_PORT)"; fi

# ---- a database and a virtual host of our own
psql -qX -v ON_ERROR_STOP=1 -c "DROP DATABASE IF EXISTS $NAME WITH (FORCE)" -c "CREATE DATABASE $NAME" >/dev/null \
  || fail "cannot create database $NAME on $PGHOST:$PGPORT"
curl -fsS -u "$RMQ_USER:$RMQ_PASS" -X DELETE "$RMQ_API/vhosts/$NAME" >/dev/null 2>&1 || true
if ! curl -fsS -u "$RMQ_USER:$RMQ_PASS" -X PUT -H 'content-type: application/json' -d '{}' "$RMQ_API/vhosts/$NAME" >/dev/null \
  || ! curl -fsS -u "$RMQ_USER:$RMQ_PASS" -X PUT -H 'content-type: application/json' \
       -d '{"configure":".*","write":".*","read":".*"}' "$RMQ_API/permissions/$NAME/$RMQ_USER" >/dev/null; then
  fail "cannot create RabbitMQ virtual host $NAME through $RMQ_API"
fi

# ---- keys for this run only (as hub_env in hub.sh and TestKeys in tests/Hub.Testing)
key32() { head -c 32 /dev/urandom | base64 -w0; }
openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$WORK/es256.pem" 2>/dev/null || fail "openssl could not create an ES256 key"
export ASPNETCORE_ENVIRONMENT=Testing
export ConnectionStrings__Hub="$HUB_TEST_POSTGRES;Database=$NAME"
export RabbitMq__Host="$RMQ_HOST" RabbitMq__Port="$HUB_TEST_RABBITMQ_PORT" RabbitMq__VirtualHost="$NAME"
export RabbitMq__Username="$RMQ_USER" RabbitMq__Password="$RMQ_PASS"
export RabbitMq__ManagementPort="${HUB_TEST_RABBITMQ_MANAGEMENT_PORT:-15674}"
PersonalData__BlindIndexKey=$(key32) PersonalData__EncryptionKeys__k1=$(key32)
Oidc__EncryptionKey=$(key32) Oidc__PairwiseKey=$(key32) Oidc__ClientSecretKey=$(key32)
export PersonalData__BlindIndexKey PersonalData__ActiveKeyId=k1 PersonalData__EncryptionKeys__k1
export Oidc__EncryptionKey Oidc__PairwiseKey Oidc__ClientSecretKey
export Oidc__SigningKeys__0__Id=check-es256 Oidc__SigningKeys__0__Algorithm=ES256 Oidc__SigningKeys__0__Path="$WORK/es256.pem"
export Oidc__Issuer="$BASE/"
# The learning space's storage (validated at start): two directories of this run as two providers.
mkdir -p "$WORK/space-a" "$WORK/space-b"
Space__Storage__MasterKeys__m1=$(key32)
export Space__Storage__ActiveMasterKeyId=m1 Space__Storage__MasterKeys__m1
export Space__Storage__Backends__0__Name=disk-a Space__Storage__Backends__0__Kind=FileSystem Space__Storage__Backends__0__Root="$WORK/space-a"
export Space__Storage__Backends__1__Name=disk-b Space__Storage__Backends__1__Kind=FileSystem Space__Storage__Backends__1__Root="$WORK/space-b"
# As in the integration tests: no grace period for a redeemed refresh token, so that a second use is reuse.
export Oidc__RefreshTokenReuseLeeway=00:00:00
export Logging__LogLevel__Default=Warning
# appsettings.json lives beside the server, not in the working directory.
export ASPNETCORE_CONTENTROOT="$(dirname "$DLL")"

hub() { dotnet "$DLL" "$@" >>"$WORK/cli.log" 2>&1 || { cat "$WORK/cli.log" >&2; fail "Hub.Server $*"; }; }
secret() { head -c 24 /dev/urandom | base64 | tr '+/' '-_' | tr -d '='; }

# ---- schema, clients, one person
hub migrate
VENDOR_ID=oidc-check-vendor VENDOR_SECRET=$(secret) VENDOR_REDIRECT="$BASE/callback-not-served"
PLATFORM_ID=oidc-check-platform PLATFORM_SECRET=$(secret)
hub clients add --id "$VENDOR_ID" --kind vendor --secret "$VENDOR_SECRET" \
  --scopes "openid profile realname offline_access" --redirect-uri "$VENDOR_REDIRECT"
hub clients add --id "$PLATFORM_ID" --kind platform --region 440305 --secret "$PLATFORM_SECRET" \
  --scopes "people:read people:write" --client-credentials
PERSON_PASSWORD="Check-$(secret)"
dotnet "$DLL" people seed-demo --platform "$PLATFORM_ID" --region 440305 --count 1 --password "$PERSON_PASSWORD" \
  >"$WORK/people.txt" 2>>"$WORK/cli.log" || { cat "$WORK/cli.log" >&2; fail "people seed-demo"; }
PERSON_HUB_ID=$(awk 'NF==2 {print $1; exit}' "$WORK/people.txt")
[ -n "$PERSON_HUB_ID" ] || { cat "$WORK/people.txt" "$WORK/cli.log" >&2; fail "people seed-demo printed no person"; }
say "database, virtual host, clients and person $PERSON_HUB_ID ready"

# ---- the hub, in the background; npm ci meanwhile
dotnet "$DLL" --urls "$BASE" >"$WORK/hub.log" 2>&1 &
HUB_PID=$!
(cd "$HERE/oidc-js" && npm ci --no-audit --no-fund --loglevel=error --prefer-offline >"$WORK/npm.log" 2>&1) \
  || { cat "$WORK/npm.log" >&2; fail "npm ci in tests/checks/oidc-js"; }
ready=0
for _ in $(seq 1 120); do
  if curl -fsS -o /dev/null "$BASE/health/ready" 2>/dev/null; then ready=1; break; fi
  kill -0 "$HUB_PID" 2>/dev/null || fail "the hub exited during start-up"
  sleep 0.5
done
[ "$ready" -eq 1 ] || fail "the hub did not become ready on $BASE within 60 s"
say "hub ready on $BASE (pid $HUB_PID)"

# ---- the check
rc=0
HUB_ISSUER="$BASE/" \
VENDOR_CLIENT_ID="$VENDOR_ID" VENDOR_CLIENT_SECRET="$VENDOR_SECRET" VENDOR_REDIRECT_URI="$VENDOR_REDIRECT" \
PLATFORM_CLIENT_ID="$PLATFORM_ID" PLATFORM_CLIENT_SECRET="$PLATFORM_SECRET" PLATFORM_SCOPE="people:read" \
PERSON_HUB_ID="$PERSON_HUB_ID" PERSON_PASSWORD="$PERSON_PASSWORD" \
  node "$HERE/oidc-js/check.mjs" || rc=$?
if [ "$rc" -eq 0 ]; then say "passed"; else printf '\033[1;31m[openid-client] FAILED\033[0m (exit %s)\n' "$rc" >&2; fi
exit "$rc"
