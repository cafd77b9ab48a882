#!/usr/bin/env bash
# bench/push/run.sh — a push to a province at growing populations against one-row-per-person fan-out, in one command.
#
#   bench/push/run.sh                                     # 10,000, 1,000,000 and 10,000,000 people
#   AUDIENCES=10000,100000,1000000 bench/push/run.sh      # quicker
#
# It starts the project's test PostgreSQL and RabbitMQ with `./hub.sh test-env`, builds bench/Hub.Bench.Resources
# (Release), which hosts the real hub on a database of its own (dropped at the end), and prints a markdown block, also
# written to bench/push/artifacts/results.md. Settings (environment): AUDIENCES, PUSHES (10 per population), READS
# (200 per measurement), REACHING (pushes reaching one person for the last table: 10,100,1000,10000).
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$ROOT"
KEEP_SERVERS=${KEEP_SERVERS:-0}
WORK="$ROOT/bench/push/artifacts"
BENCH="$ROOT/bench/Hub.Bench.Resources/bin/Release/net10.0/Hub.Bench.Resources.dll"
. "$ROOT/bench/Hub.Bench.Resources/bench-env.sh"

start_servers
say "building the bench (Release)"
dotnet build bench/Hub.Bench.Resources -c Release -nologo -clp:ErrorsOnly -v:quiet >&2 || die "build failed"

load_before=$(cut -d' ' -f1-3 /proc/loadavg)
say "measuring (10 M people take a while to insert: about 20-40 minutes with the defaults)"
timeout 120m dotnet "$BENCH" push >"$WORK/measure.md" || die "the run failed or timed out (see $WORK/measure.md)"
load_after=$(cut -d' ' -f1-3 /proc/loadavg)

{
  echo "### Resource push vs. population — $(date -u +%Y-%m-%dT%H:%MZ)"
  echo
  machine
  echo "Load average (1/5/15 min) before: $load_before, after: $load_after — other processes share the 2 cores."
  echo
  echo "Command: \`$(settings AUDIENCES PUSHES READS REACHING)bench/push/run.sh\`"
  echo
  cat "$WORK/measure.md"
} | tee "$WORK/results.md"
