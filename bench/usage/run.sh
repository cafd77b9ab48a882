#!/usr/bin/env bash
# bench/usage/run.sh — usage events ingested end to end (RabbitMQ → hub consumer → PostgreSQL), in one command.
#
#   bench/usage/run.sh                              # 1,000,000 events burst, then 50,000/s and 10,000/s for 20 s each; 1,000,000 people
#   EVENTS=300000 PEOPLE=100000 bench/usage/run.sh  # quicker
#   RATES=50000,20000 PACED_SECONDS=30 bench/usage/run.sh  # offered rates of the freshness phases
#
# It starts the project's test PostgreSQL and RabbitMQ with `./hub.sh test-env`, builds bench/Hub.Bench.Resources
# (Release), which hosts the real hub (Program, every service, MassTransit on the real broker) on a database and
# virtual host of its own (dropped at the end), and prints a markdown block, also written to
# bench/usage/artifacts/results.md. Servers: stopped at the end if this script started them; left running if they
# were already up or with KEEP_SERVERS=1. Settings (environment): EVENTS, BATCH (5000), PEOPLE, RESOURCES (1000),
# CONCURRENCY (hub consumers; default as the hub's: the cores, 2–16), WARMUP (500000 events: 100 messages, so that the per-message code is past the JIT's tiers), RATES (50000,10000), PACED_SECONDS (20).
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$ROOT"
KEEP_SERVERS=${KEEP_SERVERS:-0}
WORK="$ROOT/bench/usage/artifacts"
BENCH="$ROOT/bench/Hub.Bench.Resources/bin/Release/net10.0/Hub.Bench.Resources.dll"
. "$ROOT/bench/Hub.Bench.Resources/bench-env.sh"

start_servers
say "building the bench (Release)"
dotnet build bench/Hub.Bench.Resources -c Release -nologo -clp:ErrorsOnly -v:quiet >&2 || die "build failed"

load_before=$(cut -d' ' -f1-3 /proc/loadavg)
say "measuring (about 3-5 minutes with the defaults)"
timeout 60m dotnet "$BENCH" usage >"$WORK/measure.md" || die "the run failed or timed out (see $WORK/measure.md)"
load_after=$(cut -d' ' -f1-3 /proc/loadavg)

{
  echo "### Usage ingest end to end — $(date -u +%Y-%m-%dT%H:%MZ)"
  echo
  machine
  echo "Load average (1/5/15 min) before: $load_before, after: $load_after — other processes share the 2 cores (see the CPU lines)."
  echo
  echo "Command: \`$(settings EVENTS BATCH PEOPLE RESOURCES CONCURRENCY WARMUP RATES PACED_SECONDS)bench/usage/run.sh\`"
  echo
  cat "$WORK/measure.md"
} | tee "$WORK/results.md"
