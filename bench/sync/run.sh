#!/usr/bin/env bash
# bench/sync/run.sh — initial sync of N people from a platform database through the adapter, RabbitMQ and the hub,
# measured in the same run as a raw COPY of the same rows into the same indexed tables (this machine's floor).
#
#   bench/sync/run.sh                  # 1,000,000 people
#   N=100000 bench/sync/run.sh         # a quick run
#
# Steps: `./hub.sh test-env` servers (PostgreSQL, RabbitMQ); fresh databases bench_sync_hub (the hub's) and
# bench_sync_platform (the platform's database and the adapter's store); Release builds of Hub.Server and
# Hub.Adapter.Host; hub migrations; a platform taken through the real access workflow (`platforms seed-demo`, which
# issues its client and broker user); N people generated into the platform database (`Hub.Adapter.Host seed-demo`,
# not part of the measured time); the hub started (Production), then the adapter; the clock runs from the adapter's
# start until the hub holds every person and every hub id is written back into the platform database. Peak resident
# sets are the kernel's high-water marks (VmHWM) of both processes. Then the peer: the hub's own rows of this run are
# exported and COPYed (binary) into empty copies of `people` and `person_links` with every index and constraint.
# Prints a markdown block, also written to bench/sync/artifacts/<run>/results.md.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$ROOT"
N=${N:-1000000}
KEEP_SERVERS=${KEEP_SERVERS:-0}
HUB_HTTP_PORT=${HUB_HTTP_PORT:-5380}
ADAPTER_HTTP_PORT=${ADAPTER_HTTP_PORT:-5381}
RUN=$(date -u +%Y%m%dT%H%M%SZ)
WORK="$ROOT/bench/sync/artifacts/$RUN"
HUB_DB=bench_sync_hub
PLATFORM_DB=bench_sync_platform

say() { printf '\033[1;34m[bench]\033[0m %s\n' "$*" >&2; }
die() { printf '\033[1;31m[bench]\033[0m %s\n' "$*" >&2; exit 1; }

mkdir -p "$WORK/keys"
chmod 700 "$WORK" "$WORK/keys"

# ---------------------------------------------------------------- servers
say "starting the test servers (./hub.sh test-env)"
./hub.sh test-env >"$WORK/test-env.sh" 2>"$WORK/test-env.log" || { cat "$WORK/test-env.log" >&2; die "./hub.sh test-env failed"; }
# shellcheck disable=SC1091
. "$WORK/test-env.sh"
HUB_PID="" ADAPTER_PID=""
cleanup() {
  [ -n "$ADAPTER_PID" ] && kill "$ADAPTER_PID" 2>/dev/null || true
  [ -n "$HUB_PID" ] && kill "$HUB_PID" 2>/dev/null || true
  wait 2>/dev/null || true
  if [ "$KEEP_SERVERS" != 1 ] && ! grep -q "already running" "$WORK/test-env.log"; then
    say "stopping the test servers"; ./hub.sh test-down >&2 || true
  fi
}
trap cleanup EXIT

setting() { tr ';' '\n' <<<"$HUB_TEST_POSTGRES" | sed -n "s/^$1=//p"; }
export PGPASSWORD; PGPASSWORD=$(setting Password)
PGHOST=$(setting Host) PGPORT=$(setting Port) PGUSER=$(setting Username)
sql() { local db=$1; shift; psql -h "$PGHOST" -p "$PGPORT" -U "$PGUSER" -d "$db" -v ON_ERROR_STOP=1 -qAt "$@"; }
say "recreating databases $HUB_DB and $PLATFORM_DB"
sql postgres -c "DROP DATABASE IF EXISTS $HUB_DB WITH (FORCE)" -c "CREATE DATABASE $HUB_DB" \
  -c "DROP DATABASE IF EXISTS $PLATFORM_DB WITH (FORCE)" -c "CREATE DATABASE $PLATFORM_DB" >/dev/null

# ---------------------------------------------------------------- builds and configuration
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
say "taking a demo city platform through the access workflow"
ASPNETCORE_ENVIRONMENT=Testing server platforms seed-demo --name "基准测试市平台" --region 440300 --scope city \
  2>"$WORK/platform.log" | grep -E '^[A-Z_]+=' >"$WORK/platform.env" || { cat "$WORK/platform.log" >&2; die "platforms seed-demo failed"; }
# shellcheck disable=SC1091
. "$WORK/platform.env"

PLATFORM_CONNECTION="$HUB_TEST_POSTGRES;Database=$PLATFORM_DB"
say "generating $N people into the platform database"
(cd "$ADAPTER_DIR" && dotnet Hub.Adapter.Host.dll seed-demo --connection "$PLATFORM_CONNECTION" --people "$N" --region 440300 --seed 11) \
  | tee "$WORK/seed.log" >&2
SOURCE_PEOPLE=$(sql "$PLATFORM_DB" -c "SELECT count(*) FROM platform.people")
SOURCE_ORGS=$(sql "$PLATFORM_DB" -c "SELECT count(*) FROM platform.organizations")
SOURCE_AFFILIATIONS=$(sql "$PLATFORM_DB" -c "SELECT count(*) FROM platform.person_affiliations")

# ---------------------------------------------------------------- measured: adapter → RabbitMQ → hub → answers
say "starting the hub (Production) on :$HUB_HTTP_PORT"
(cd "$SERVER_DIR" && ASPNETCORE_ENVIRONMENT=Production exec dotnet Hub.Server.dll --urls "http://127.0.0.1:$HUB_HTTP_PORT") >"$WORK/hub.log" 2>&1 &
HUB_PID=$!
for _ in $(seq 1 90); do curl -fsS "http://127.0.0.1:$HUB_HTTP_PORT/health/ready" >/dev/null 2>&1 && break; sleep 1; done
curl -fsS "http://127.0.0.1:$HUB_HTTP_PORT/health/ready" >/dev/null || { tail -30 "$WORK/hub.log" >&2; die "hub not ready"; }

load_before=$(cut -d' ' -f1-3 /proc/loadavg)
say "starting the adapter; the clock runs"
start=$(date +%s.%N)
(cd "$ADAPTER_DIR" && ASPNETCORE_ENVIRONMENT=Production \
  HubAdapter__PlatformId="$PLATFORM_ID" HubAdapter__Host="$BROKER_HOST" HubAdapter__Port="$BROKER_PORT" \
  HubAdapter__VirtualHost="$BROKER_VHOST" HubAdapter__Username="$BROKER_USER" HubAdapter__Password="$BROKER_PASSWORD" \
  HubAdapter__HubUrl="http://127.0.0.1:$HUB_HTTP_PORT/" HubAdapter__ClientId="$CLIENT_ID" HubAdapter__ClientSecret="$CLIENT_SECRET" \
  HubAdapter__Store__ConnectionString="$PLATFORM_CONNECTION" HubAdapter__Source__Postgres__ConnectionString="$PLATFORM_CONNECTION" \
  Urls="http://127.0.0.1:$ADAPTER_HTTP_PORT" exec dotnet Hub.Adapter.Host.dll) >"$WORK/adapter.log" 2>&1 &
ADAPTER_PID=$!

hub_done="" answers_done="" progress="$WORK/progress.tsv"
echo -e "seconds\thub_people\tanswered\thub_rss_mb\tadapter_rss_mb" >"$progress"
rss() { awk '/VmRSS/ { printf "%d", $2 / 1024 }' "/proc/$1/status" 2>/dev/null || echo 0; }
while :; do
  sleep 1
  now=$(date +%s.%N); t=$(awk -v a="$now" -v b="$start" 'BEGIN { printf "%.1f", a - b }')
  linked=$(sql "$HUB_DB" -c "SELECT count(*) FROM person_links WHERE platform_id = '$CLIENT_ID' AND removed_at IS NULL")
  waiting=$(sql "$PLATFORM_DB" -c "SELECT count(*) FROM platform.people p WHERE p.hub_id IS NULL AND NOT EXISTS (SELECT 1 FROM platform.hub_record_issues i WHERE i.key = p.local_id)")
  answered=$((SOURCE_PEOPLE - waiting))
  echo -e "$t\t$linked\t$answered\t$(rss "$HUB_PID")\t$(rss "$ADAPTER_PID")" >>"$progress"
  [ -z "$hub_done" ] && [ "$linked" -ge "$SOURCE_PEOPLE" ] && hub_done=$t
  [ -z "$answers_done" ] && [ "$waiting" -eq 0 ] && answers_done=$t
  [ -n "$hub_done" ] && [ -n "$answers_done" ] && break
  kill -0 "$HUB_PID" 2>/dev/null || die "the hub exited (see $WORK/hub.log)"
  kill -0 "$ADAPTER_PID" 2>/dev/null || die "the adapter exited (see $WORK/adapter.log)"
  awk -v t="$t" 'BEGIN { exit !(t > 1800) }' && die "no convergence in 30 minutes (progress in $progress)"
  [ $(( ${t%.*} % 10 )) -eq 0 ] && say "${t}s: hub holds $linked of $SOURCE_PEOPLE, $answered answered"
done
load_after=$(cut -d' ' -f1-3 /proc/loadavg)
hwm() { awk '/VmHWM/ { printf "%d", $2 / 1024 }' "/proc/$1/status"; }
HUB_HWM=$(hwm "$HUB_PID") ADAPTER_HWM=$(hwm "$ADAPTER_PID")
kill "$ADAPTER_PID"; wait "$ADAPTER_PID" 2>/dev/null || true; ADAPTER_PID=""

# Correctness of what was measured: every source person once, no duplicates, the hub's digest equal to the source's.
HUB_PEOPLE=$(sql "$HUB_DB" -c "SELECT count(*) FROM people")
DUPLICATES=$(sql "$HUB_DB" -c "SELECT count(*) FROM (SELECT document_index FROM people WHERE document_index IS NOT NULL GROUP BY 1 HAVING count(*) > 1) d")
REJECTED=$(sql "$PLATFORM_DB" -c "SELECT count(*) FROM platform.hub_record_issues")
digest_sql="SELECT md5(string_agg(k || ':' || v, ',' ORDER BY k)) FROM"
SOURCE_DIGEST=$(sql "$PLATFORM_DB" -c "$digest_sql (SELECT local_id AS k, version AS v FROM platform.people) s")
HUB_DIGEST=$(sql "$HUB_DB" -c "$digest_sql (SELECT local_id AS k, source_version AS v FROM person_links WHERE platform_id = '$CLIENT_ID' AND removed_at IS NULL) s")

# ---------------------------------------------------------------- peer: raw binary COPY of the same rows
say "peer: binary COPY of the hub's rows into empty copies of people and person_links"
sql "$HUB_DB" -c "\\copy people TO '$WORK/people.bin' WITH (FORMAT binary)"
sql "$HUB_DB" -c "\\copy (SELECT * FROM person_links WHERE platform_id = '$CLIENT_ID') TO '$WORK/links.bin' WITH (FORMAT binary)"
sql "$HUB_DB" -c "DROP TABLE IF EXISTS bench_people, bench_links" \
  -c "CREATE TABLE bench_people (LIKE people INCLUDING ALL)" -c "CREATE TABLE bench_links (LIKE person_links INCLUDING ALL)"
copy_start=$(date +%s.%N)
sql "$HUB_DB" -c "\\copy bench_people FROM '$WORK/people.bin' WITH (FORMAT binary)"
copy_people=$(awk -v a="$(date +%s.%N)" -v b="$copy_start" 'BEGIN { printf "%.1f", a - b }')
sql "$HUB_DB" -c "\\copy bench_links FROM '$WORK/links.bin' WITH (FORMAT binary)"
copy_both=$(awk -v a="$(date +%s.%N)" -v b="$copy_start" 'BEGIN { printf "%.1f", a - b }')
sql "$HUB_DB" -c "DROP TABLE bench_people, bench_links"
rm -f "$WORK/people.bin" "$WORK/links.bin"

# ---------------------------------------------------------------- report
rate() { awk -v n="$1" -v s="$2" 'BEGIN { printf "%d", n / s }'; }
e2e_rate=$(rate "$SOURCE_PEOPLE" "$hub_done")
raw_rate=$(rate "$HUB_PEOPLE" "$copy_people")
raw_both_rate=$(rate "$HUB_PEOPLE" "$copy_both")
cpu=$(lscpu 2>/dev/null | sed -n 's/^Model name: *//p' | head -1)
mem=$(awk '/MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo)
{
  echo "### Initial sync, run $RUN"
  echo
  echo "Source: $SOURCE_PEOPLE people, $SOURCE_AFFILIATIONS affiliations, $SOURCE_ORGS organizations (\`seed-demo --people $N --region 440300 --seed 11\`)."
  echo "Machine: $(nproc) cores ($cpu), $mem, $(uname -sr), .NET $(dotnet --list-runtimes | sed -n 's/^Microsoft.NETCore.App \([^ ]*\).*/\1/p' | tail -1). Load average before/after the measured sync: $load_before / $load_after."
  echo
  echo "| measure | value |"
  echo "| --- | ---: |"
  echo "| end to end: adapter start → hub holds every person | ${hub_done} s (**$e2e_rate people/s**) |"
  echo "| every hub id written back into the platform database | ${answers_done} s |"
  echo "| peer: binary COPY of the same people rows into \`people\` with its indexes | ${copy_people} s ($raw_rate rows/s) |"
  echo "| peer: the same plus their \`person_links\` rows | ${copy_both} s ($raw_both_rate people/s) |"
  echo "| end to end ÷ raw COPY (people) | $(awk -v a="$e2e_rate" -v b="$raw_rate" 'BEGIN { printf "%.0f %%", 100 * a / b }') |"
  echo "| hub peak resident set (VmHWM) | $HUB_HWM MB |"
  echo "| adapter peak resident set (VmHWM) | $ADAPTER_HWM MB |"
  echo "| hub people / rejected records / duplicate document indexes | $HUB_PEOPLE / $REJECTED / $DUPLICATES |"
  echo "| digest over (key, version): source / hub | ${SOURCE_DIGEST:0:12} / ${HUB_DIGEST:0:12} |"
  echo
  echo "Command: \`N=$N bench/sync/run.sh\`. Progress per second (people held, answers, resident sets) in bench/sync/artifacts/$RUN/progress.tsv."
} | tee "$WORK/results.md"
[ "$SOURCE_DIGEST" = "$HUB_DIGEST" ] || die "the hub's digest differs from the source's"
[ "$DUPLICATES" = 0 ] || die "duplicate people in the hub"
