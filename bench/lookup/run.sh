#!/usr/bin/env bash
# bench/lookup/run.sh — person lookup by document number at N people, in one command.
#
#   bench/lookup/run.sh                 # 1,000,000 people, 20,000 lookups per phase, 8 concurrent workers
#   N=100000 LOOKUPS=5000 bench/lookup/run.sh
#   SEED=0 bench/lookup/run.sh          # measure again on the database a previous run seeded
#
# It starts the project's test PostgreSQL (and RabbitMQ, which test-env always starts) with `./hub.sh test-env`,
# recreates the database bench_lookup on it, builds the bench, seeds, measures and prints a markdown block, also
# written to bench/lookup/artifacts/results.md. Servers: stopped at the end if this script started them; left
# running if they were already up (your own test-env session) or if KEEP_SERVERS=1. The database is kept, so that
# SEED=0 can measure again. Keys and the sample of numbers live in bench/lookup/artifacts/ (git-ignored).
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$ROOT"
N=${N:-1000000}
SAMPLE=${SAMPLE:-20000}
LOOKUPS=${LOOKUPS:-20000}
WORKERS=${WORKERS:-8}
SEED=${SEED:-1}
KEEP_SERVERS=${KEEP_SERVERS:-0}
WORK="$ROOT/bench/lookup/artifacts"
DB=bench_lookup
BENCH="$ROOT/bench/Hub.Bench.Lookup/bin/Release/net10.0/Hub.Bench.Lookup.dll"

say() { printf '\033[1;34m[bench]\033[0m %s\n' "$*" >&2; }
die() { printf '\033[1;31m[bench]\033[0m %s\n' "$*" >&2; exit 1; }

mkdir -p "$WORK"
chmod 700 "$WORK"

# ---------------------------------------------------------------- servers
say "starting the test servers (./hub.sh test-env)"
env_log="$WORK/test-env.log"
./hub.sh test-env >"$WORK/test-env.sh" 2>"$env_log" \
  || { cat "$env_log" >&2; die "./hub.sh test-env failed (is another checkout's test PostgreSQL holding its port?)"; }
cat "$env_log" >&2
# shellcheck disable=SC1091
. "$WORK/test-env.sh"
# hub.sh says "already running" for a server it found up; only a run that started both stops them.
if [ "$KEEP_SERVERS" != 1 ] && ! grep -q "already running" "$env_log"; then
  trap 'say "stopping the test servers (./hub.sh test-down)"; ./hub.sh test-down >&2 || true' EXIT
fi

setting() { tr ';' '\n' <<<"$HUB_TEST_POSTGRES" | sed -n "s/^$1=//p"; }
export PGPASSWORD; PGPASSWORD=$(setting Password)
psql_admin() { psql -h "$(setting Host)" -p "$(setting Port)" -U "$(setting Username)" -d postgres -v ON_ERROR_STOP=1 -qAt "$@"; }
CONNECTION="$HUB_TEST_POSTGRES;Database=$DB"

if [ "$SEED" = 1 ]; then
  say "recreating database $DB"
  psql_admin -c "DROP DATABASE IF EXISTS $DB WITH (FORCE)" -c "CREATE DATABASE $DB" >/dev/null
fi

# ---------------------------------------------------------------- build, seed, measure
say "building the bench (Release)"
dotnet build bench/Hub.Bench.Lookup -c Release -nologo -clp:ErrorsOnly -v:quiet >&2 || die "build failed"

load_before=$(cut -d' ' -f1-3 /proc/loadavg)
seed_out="$WORK/seed.md"
if [ "$SEED" = 1 ]; then
  say "seeding $N people (progress every 100,000)"
  # Bounded: at ~30-40k rows/s a million takes well under a minute; 30 minutes means something is wrong.
  timeout 30m dotnet "$BENCH" seed --connection "$CONNECTION" --work "$WORK" --count "$N" --sample "$SAMPLE" >"$seed_out" \
    || die "seed failed or timed out"
else
  say "SEED=0: measuring the existing $DB"
  [ -f "$seed_out" ] || echo "(seeded by an earlier run)" >"$seed_out"
fi

say "measuring ($LOOKUPS lookups per phase, $WORKERS concurrent workers)"
measure_out="$WORK/measure.md"
timeout 30m dotnet "$BENCH" measure --connection "$CONNECTION" --work "$WORK" --lookups "$LOOKUPS" --workers "$WORKERS" >"$measure_out" \
  || die "measure failed or timed out (a failed lookup check fails the run)"
load_after=$(cut -d' ' -f1-3 /proc/loadavg)

# ---------------------------------------------------------------- report
cpu=$(lscpu 2>/dev/null | sed -n 's/^Model name: *//p' | head -1)
mem=$(awk '/MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo)
# shellcheck disable=SC1091
os=$(. /etc/os-release && echo "$PRETTY_NAME")
{
  echo "### Person lookup by document number (N=$N people) — $(date -u +%Y-%m-%d)"
  echo
  echo "Machine: $(nproc) cores ($cpu), $mem, $os, .NET $(dotnet --version) SDK, commit $(git rev-parse --short HEAD)."
  echo "Load average (1/5/15 min) before: $load_before, after: $load_after — other processes on the machine share the 2 cores."
  echo "Database: the test profile of hub.sh (fsync $(psql_admin -c 'SHOW fsync'), synchronous_commit $(psql_admin -c 'SHOW synchronous_commit'), full_page_writes $(psql_admin -c 'SHOW full_page_writes')): without them seeding is faster than on a durable server (HUB_PG_DURABLE=1); reads are hardly affected."
  echo
  echo "Command: \`N=$N SAMPLE=$SAMPLE LOOKUPS=$LOOKUPS WORKERS=$WORKERS bench/lookup/run.sh\`"
  echo
  echo "Seeding:"
  echo
  cat "$seed_out"
  echo
  echo "Lookups:"
  echo
  cat "$measure_out"
} | tee "$WORK/results.md"
