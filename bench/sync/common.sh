# bench/sync/common.sh — sourced by run.sh (initial sync) and changes.sh (incremental latency).
#
# Starts `./hub.sh test-env` (PostgreSQL, RabbitMQ), builds Hub.Server and Hub.Adapter.Host in Release, configures a
# hub on a fresh database $HUB_DB with keys generated for the run, and offers: sql DB …, new_platform SLUG NAME REGION
# SCOPE (the real access workflow; credentials into $WORK/platform-SLUG.env), start_hub, start_adapter SLUG PORT
# [ENV=VALUE …] (HUB_SERVER_ENV="NAME=VALUE …" for the hub), rss/hwm PID. Every process it starts is stopped on
# exit; the servers too unless KEEP_SERVERS=1 or they were already running.
# shellcheck shell=bash

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$ROOT"
KEEP_SERVERS=${KEEP_SERVERS:-0}
HUB_HTTP_PORT=${HUB_HTTP_PORT:-5380}
RUN=$(date -u +%Y%m%dT%H%M%SZ)
WORK="$ROOT/bench/sync/artifacts/$RUN"
HUB_DB=bench_sync_hub

say() { printf '\033[1;34m[bench]\033[0m %s\n' "$*" >&2; }
die() { printf '\033[1;31m[bench]\033[0m %s\n' "$*" >&2; exit 1; }
seconds_since() { awk -v a="$(date +%s.%N)" -v b="$1" 'BEGIN { printf "%.1f", a - b }'; }

mkdir -p "$WORK/keys"
chmod 700 "$WORK" "$WORK/keys"

say "starting the test servers (./hub.sh test-env)"
./hub.sh test-env >"$WORK/test-env.sh" 2>"$WORK/test-env.log" || { cat "$WORK/test-env.log" >&2; die "./hub.sh test-env failed"; }
# shellcheck disable=SC1091
. "$WORK/test-env.sh"
PIDS=()
HUB_PID=""
# The broker outlives a run (KEEP_SERVERS=1, or servers that were already up), but the hub database that knew this
# run's platforms does not: their quorum queues and broker users piled up run after run (204 queues, 3.7 GB of quorum
# logs after a day of runs), and later runs measured a broker that was no longer like a fresh one.
forget_platforms() {
  local env id api="http://127.0.0.1:$HUB_TEST_RABBITMQ_MANAGEMENT_PORT/api"
  for env in "$WORK"/platform-*.env; do
    [ -f "$env" ] || continue
    id=$(sed -n 's/^PLATFORM_ID=//p' "$env")
    [ -n "$id" ] || continue
    curl -fsS -o /dev/null -u "$HUB_TEST_RABBITMQ_USERNAME:$HUB_TEST_RABBITMQ_PASSWORD" -X DELETE "$api/queues/%2F/platform.$id.inbox" || true
    curl -fsS -o /dev/null -u "$HUB_TEST_RABBITMQ_USERNAME:$HUB_TEST_RABBITMQ_PASSWORD" -X DELETE "$api/users/platform.$id" || true
  done
}
cleanup() {
  local pid
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  forget_platforms
  if [ "$KEEP_SERVERS" != 1 ] && ! grep -q "already running" "$WORK/test-env.log"; then
    say "stopping the test servers"; ./hub.sh test-down >&2 || true
  fi
}
trap cleanup EXIT

setting() { tr ';' '\n' <<<"$HUB_TEST_POSTGRES" | sed -n "s/^$1=//p"; }
export PGPASSWORD; PGPASSWORD=$(setting Password)
PGHOST=$(setting Host) PGPORT=$(setting Port) PGUSER=$(setting Username)
sql() { local db=$1; shift; psql -h "$PGHOST" -p "$PGPORT" -U "$PGUSER" -d "$db" -v ON_ERROR_STOP=1 -qAt "$@"; }
fresh_database() { sql postgres -c "DROP DATABASE IF EXISTS $1 WITH (FORCE)" -c "CREATE DATABASE $1" >/dev/null 2>&1; }
say "recreating database $HUB_DB"
fresh_database "$HUB_DB"

say "building Hub.Server and Hub.Adapter.Host (Release)"
dotnet build src/Hub.Server -c Release -nologo -clp:ErrorsOnly -v:quiet >&2 || die "build failed"
dotnet build src/Hub.Adapter.Host -c Release -nologo -clp:ErrorsOnly -v:quiet >&2 || die "build failed"
SERVER_DIR="$ROOT/src/Hub.Server/bin/Release/net10.0"
ADAPTER_DIR="$ROOT/src/Hub.Adapter.Host/bin/Release/net10.0"

key() { head -c 32 /dev/urandom | base64 -w0; }
openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$WORK/keys/es256.pem" 2>/dev/null
mkdir -p "$WORK/space/a" "$WORK/space/b"
export PersonalData__BlindIndexKey="$(key)" PersonalData__ActiveKeyId=k1 PersonalData__EncryptionKeys__k1="$(key)"
export Oidc__EncryptionKey="$(key)" Oidc__PairwiseKey="$(key)" Oidc__ClientSecretKey="$(key)"
export Oidc__SigningKeys__0__Id=es256-1 Oidc__SigningKeys__0__Algorithm=ES256 Oidc__SigningKeys__0__Path="$WORK/keys/es256.pem"
export ConnectionStrings__Hub="$HUB_TEST_POSTGRES;Database=$HUB_DB"
export RabbitMq__Host="$HUB_TEST_RABBITMQ_HOST" RabbitMq__Port="$HUB_TEST_RABBITMQ_PORT" RabbitMq__VirtualHost=/
export RabbitMq__Username="$HUB_TEST_RABBITMQ_USERNAME" RabbitMq__Password="$HUB_TEST_RABBITMQ_PASSWORD"
export RabbitMq__ManagementPort="$HUB_TEST_RABBITMQ_MANAGEMENT_PORT"
export Space__Storage__ActiveMasterKeyId=m1 Space__Storage__MasterKeys__m1="$(key)"
export Space__Storage__Backends__0__Name=a Space__Storage__Backends__0__Kind=FileSystem Space__Storage__Backends__0__Root="$WORK/space/a"
export Space__Storage__Backends__1__Name=b Space__Storage__Backends__1__Kind=FileSystem Space__Storage__Backends__1__Root="$WORK/space/b"
server() { (cd "$SERVER_DIR" && dotnet Hub.Server.dll "$@"); }

say "migrating the hub database"
ASPNETCORE_ENVIRONMENT=Production server migrate >"$WORK/migrate.log" 2>&1 || { cat "$WORK/migrate.log" >&2; die "migrate failed"; }

# new_platform SLUG NAME REGION SCOPE: approved through the access workflow; its own fresh database bench_sync_SLUG.
new_platform() {
  say "platform $1: access workflow ($3, $4), database bench_sync_$1"
  ASPNETCORE_ENVIRONMENT=Testing server platforms seed-demo --name "$2" --region "$3" --scope "$4" \
    2>>"$WORK/platform.log" | grep -E '^[A-Z_]+=' >"$WORK/platform-$1.env" || { cat "$WORK/platform.log" >&2; die "platforms seed-demo failed"; }
  fresh_database "bench_sync_$1"
}
platform_value() { sed -n "s/^$2=//p" "$WORK/platform-$1.env"; }
platform_connection() { echo "$HUB_TEST_POSTGRES;Database=bench_sync_$1"; }

start_hub() {
  say "starting the hub (Production) on :$HUB_HTTP_PORT"
  (cd "$SERVER_DIR" && ASPNETCORE_ENVIRONMENT=Production exec env ${HUB_SERVER_ENV:-} dotnet Hub.Server.dll --urls "http://127.0.0.1:$HUB_HTTP_PORT") >"$WORK/hub.log" 2>&1 &
  HUB_PID=$!
  PIDS+=("$HUB_PID")
  local _
  for _ in $(seq 1 90); do curl -fsS "http://127.0.0.1:$HUB_HTTP_PORT/health/ready" >/dev/null 2>&1 && return; sleep 1; done
  tail -30 "$WORK/hub.log" >&2
  die "hub not ready"
}

# start_adapter SLUG PORT [NAME=VALUE …]: Hub.Adapter.Host for the platform, its store and source in its database.
# Sets ADAPTER_PID.
start_adapter() {
  local slug=$1 port=$2; shift 2
  local connection; connection=$(platform_connection "$slug")
  (
    # shellcheck disable=SC1090
    . "$WORK/platform-$slug.env"
    export ASPNETCORE_ENVIRONMENT=Production Urls="http://127.0.0.1:$port"
    export HubAdapter__PlatformId="$PLATFORM_ID" HubAdapter__Host="$BROKER_HOST" HubAdapter__Port="$BROKER_PORT" \
      HubAdapter__VirtualHost="$BROKER_VHOST" HubAdapter__Username="$BROKER_USER" HubAdapter__Password="$BROKER_PASSWORD" \
      HubAdapter__HubUrl="http://127.0.0.1:$HUB_HTTP_PORT/" HubAdapter__ClientId="$CLIENT_ID" HubAdapter__ClientSecret="$CLIENT_SECRET" \
      HubAdapter__Store__ConnectionString="$connection" HubAdapter__Source__Postgres__ConnectionString="$connection"
    local setting
    for setting in "$@"; do export "${setting?}"; done
    cd "$ADAPTER_DIR" && exec dotnet Hub.Adapter.Host.dll
  ) >"$WORK/adapter-$slug.log" 2>&1 &
  ADAPTER_PID=$!
  PIDS+=("$ADAPTER_PID")
}

rss() { awk '/VmRSS/ { printf "%d", $2 / 1024 }' "/proc/$1/status" 2>/dev/null || echo 0; }
hwm() { awk '/VmHWM/ { printf "%d", $2 / 1024 }' "/proc/$1/status"; }
machine() {
  local cpu mem
  cpu=$(lscpu 2>/dev/null | sed -n 's/^Model name: *//p' | head -1)
  mem=$(awk '/MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo)
  echo "$(nproc) cores ($cpu), $mem, $(uname -sr), .NET $(dotnet --list-runtimes | sed -n 's/^Microsoft.NETCore.App \([^ ]*\).*/\1/p' | tail -1), PostgreSQL and RabbitMQ of \`./hub.sh test-env\` ($(sql postgres -c "SELECT string_agg(name || ' ' || current_setting(name), ', ' ORDER BY n) FROM unnest(ARRAY['fsync', 'synchronous_commit', 'full_page_writes', 'shared_buffers', 'huge_pages']) WITH ORDINALITY AS s(name, n)") with vm.nr_hugepages $(cat /proc/sys/vm/nr_hugepages)) on the same machine"
}

# CPU seconds (user + system) a process has used so far; for a PostgreSQL postmaster or the RabbitMQ node, also what
# their children used, living and exited, so backends that come and go during the run are counted.
ticks=$(getconf CLK_TCK)
cpu_of() { awk -v t="$ticks" '{ printf "%.1f", ($14 + $15) / t }' "/proc/$1/stat" 2>/dev/null || echo 0; }
cpu_tree() {
  local root=$1 total
  total=$(awk -v t="$ticks" '{ printf "%.2f", ($14 + $15 + $16 + $17) / t }' "/proc/$root/stat" 2>/dev/null || echo 0)
  local child
  for child in $(pgrep -P "$root" 2>/dev/null); do
    total=$(awk -v a="$total" -v b="$(cpu_tree "$child")" 'BEGIN { printf "%.2f", a + b }')
  done
  echo "$total"
}
# The pid files hub.sh's test servers write (as bench/Hub.Bench.Resources/bench-env.sh reads them).
postmaster_pid() { head -1 "$(readlink -f "$ROOT/.hub/test/pg")/postmaster.pid"; }
rabbitmq_pid() { cat "$ROOT/.hub/test/rabbitmq/rabbitmq.pid" 2>/dev/null || true; }
system_cpu() { awk '/^cpu / { printf "%.1f", ($2 + $3 + $4 + $7 + $8) / '"$ticks"' }' /proc/stat; }
