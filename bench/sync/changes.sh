#!/usr/bin/env bash
# bench/sync/changes.sh — incremental changes: latency from a platform's commit to the hub and to a following
# platform, at a steady rate.
#
#   bench/sync/changes.sh                         # 1,000 changes/s for 30 s over 40,000 people, after 10 s of warm-up
#   RATE=2000 SECONDS_RUN=20 WARMUP_SECONDS=5 bench/sync/changes.sh
#
# Two platforms through the real access workflow: a city (440300, N people generated into its database, synced first,
# not measured) and its province (440000, empty database) whose adapter follows the hub's change feed of its subtree.
# Then one PL/pgSQL loop in the city's database renames RATE people per second, each person once, in 20 commits per
# second; each transaction starts, renames and commits at once (it sleeps between transactions, not inside one), so
# the platform's own triggers stamp changed_at = the transaction's start = its commit less the few ms of the UPDATE.
# The city's adapter wakes on the database's notification, the hub applies and announces (ChangesAvailable) and the
# province's adapter pulls the feed. A first loop of WARMUP_SECONDS over other people (not measured) runs the same
# paths once, so the measured run does not include the JIT compiling them.
# Latency per change: the hub's people.updated_at (stamped while the hub applies the batch, before its commit) and the
# province's hub_feed_items.received_at (after the hub's commit, the notice and the pull), each minus the city's
# changed_at, all on this machine's clock. Prints a markdown block, also in bench/sync/artifacts/<run>/results.md.
set -euo pipefail
N=${N:-40000}
RATE=${RATE:-1000}
SECONDS_RUN=${SECONDS_RUN:-30}
WARMUP_SECONDS=${WARMUP_SECONDS:-10}
# shellcheck source=bench/sync/common.sh
. "$(dirname "${BASH_SOURCE[0]}")/common.sh"
CHANGES=$((RATE * SECONDS_RUN))
WARMUP=$((RATE * WARMUP_SECONDS))
[ $((CHANGES + WARMUP)) -le "$N" ] || die "RATE × (SECONDS_RUN + WARMUP_SECONDS) must not exceed N ($N): every change renames another person"

new_platform city "基准测试市平台" 440300 city
new_platform province "基准测试省平台" 440000 province
say "generating $N people into the city's database"
(cd "$ADAPTER_DIR" && dotnet Hub.Adapter.Host.dll seed-demo --connection "$(platform_connection city)" --people "$N" --region 440300 --seed 12) \
  >"$WORK/seed.log" 2>&1 || { cat "$WORK/seed.log" >&2; die "seed-demo failed"; }
start_hub
start_adapter city 5381
CITY_PID=$ADAPTER_PID
start_adapter province 5382 HubAdapter__Follow__Enabled=true HubAdapter__Follow__Streams__0=people HubAdapter__Follow__Interval=00:00:30
PROVINCE_PID=$ADAPTER_PID

say "initial sync of the city (not measured)"
begin=$(date +%s.%N)
until [ "$(sql bench_sync_city -c "SELECT count(*) FROM platform.people WHERE hub_id IS NULL")" = 0 ]; do
  awk -v t="$(seconds_since "$begin")" 'BEGIN { exit !(t > 900) }' && die "initial sync did not finish in 15 minutes"
  kill -0 "$CITY_PID" 2>/dev/null || die "the city's adapter exited (see $WORK/adapter-city.log)"
  sleep 2
done
say "waiting until the province holds the city's people (snapshot, then feed)"
until [ "$(sql bench_sync_province -c "SELECT count(*) FROM platform.hub_feed_items WHERE stream = 'people'")" -ge "$N" ]; do
  awk -v t="$(seconds_since "$begin")" 'BEGIN { exit !(t > 1200) }' && die "the province did not catch up"
  kill -0 "$PROVINCE_PID" 2>/dev/null || die "the province's adapter exited (see $WORK/adapter-province.log)"
  sleep 2
done
sleep 5

per_tick=$((RATE / 20))
sql bench_sync_city -c "DROP TABLE IF EXISTS bench_targets" \
  -c "CREATE TABLE bench_targets AS SELECT row_number() OVER (ORDER BY random()) AS n, local_id FROM platform.people" \
  -c "CREATE INDEX ON bench_targets (n)"
# rename SUFFIX FIRST SECONDS: renames people FIRST+1 … of bench_targets, per_tick per commit, 20 commits per second.
rename() {
  local suffix=$1 first=$2 ticks=$(($3 * 20))
  sql bench_sync_city -c "
DO \$\$
DECLARE
  started timestamptz := clock_timestamp();
BEGIN
  FOR tick IN 0 .. $ticks - 1 LOOP
    PERFORM pg_sleep(greatest(0, extract(epoch FROM started + tick * interval '50 ms' - clock_timestamp())));
    COMMIT;
    UPDATE platform.people p SET name = p.name || '$suffix'
      FROM bench_targets t WHERE t.local_id = p.local_id AND t.n > $first + tick * $per_tick AND t.n <= $first + (tick + 1) * $per_tick;
    COMMIT;
  END LOOP;
END \$\$"
}
if [ "$WARMUP" -gt 0 ]; then
  say "warm-up: renaming $RATE people per second for $WARMUP_SECONDS s (not measured)"
  rename '预' "$CHANGES" "$WARMUP_SECONDS"
  for _ in $(seq 1 60); do
    [ "$(sql bench_sync_province -c "SELECT count(*) FROM platform.hub_feed_items WHERE stream = 'people' AND body->>'name' LIKE '%预'")" -ge "$WARMUP" ] && break
    sleep 2
  done
  sleep 2
fi
say "renaming $RATE people per second for $SECONDS_RUN s ($per_tick per commit, 20 commits per second)"
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
rename '改' 0 "$SECONDS_RUN"
load_after=$(cut -d' ' -f1-3 /proc/loadavg)
say "changes written; waiting for the last to arrive"
sleep 5
for _ in $(seq 1 60); do
  arrived=$(sql bench_sync_province -c "SELECT count(*) FROM platform.hub_feed_items WHERE stream = 'people' AND body->>'name' LIKE '%改'")
  [ "$arrived" -ge "$CHANGES" ] && break
  sleep 2
done

# One table of (hub id, source time, hub time, follower time) in the hub's database, percentiles in SQL.
sql bench_sync_city -c "\\copy (SELECT p.hub_id, p.changed_at FROM platform.people p JOIN bench_targets t USING (local_id) WHERE t.n <= $CHANGES) TO '$WORK/source.tsv'"
sql bench_sync_province -c "\\copy (SELECT key, received_at FROM platform.hub_feed_items WHERE stream = 'people' AND body->>'name' LIKE '%改') TO '$WORK/follower.tsv'"
stats=$(sql "$HUB_DB" -F '|' \
  -c "CREATE TEMP TABLE s (hub_id text, at timestamptz)" -c "CREATE TEMP TABLE f (hub_id text, at timestamptz)" \
  -c "\\copy s FROM '$WORK/source.tsv'" -c "\\copy f FROM '$WORK/follower.tsv'" \
  -c "WITH l AS (SELECT extract(epoch FROM p.updated_at - s.at) * 1000 AS hub_ms, extract(epoch FROM f.at - s.at) * 1000 AS follower_ms
                 FROM s JOIN people p ON p.hub_id = s.hub_id LEFT JOIN f ON f.hub_id = s.hub_id)
      SELECT count(*), count(follower_ms),
             round(percentile_cont(0.5) WITHIN GROUP (ORDER BY hub_ms)::numeric, 1), round(percentile_cont(0.99) WITHIN GROUP (ORDER BY hub_ms)::numeric, 1),
             round(max(hub_ms)::numeric, 1),
             round(percentile_cont(0.5) WITHIN GROUP (ORDER BY follower_ms)::numeric, 1), round(percentile_cont(0.99) WITHIN GROUP (ORDER BY follower_ms)::numeric, 1),
             round(max(follower_ms)::numeric, 1)
      FROM l")
IFS='|' read -r changed followed hub_p50 hub_p99 hub_max f_p50 f_p99 f_max <<<"$stats"
{
  echo "### Incremental changes, run $RUN"
  echo
  echo "$RATE renames per second for $SECONDS_RUN s ($CHANGES changes, each person once, 20 commits per second) in a city platform of $N people, after a warm-up of $WARMUP_SECONDS s at the same rate over other people; a provincial platform follows the feed."
  echo "Machine: $(machine). Load average before/after: $load_before / $load_after."
  echo
  echo "| platform commit → | changes | p50 ms | p99 ms | max ms |"
  echo "| --- | ---: | ---: | ---: | ---: |"
  echo "| hub applied (people.updated_at) | $changed | $hub_p50 | $hub_p99 | $hub_max |"
  echo "| following province received (hub_feed_items.received_at) | $followed | $f_p50 | $f_p99 | $f_max |"
  echo
  echo "Peak resident sets: hub $(hwm "$HUB_PID") MB, city adapter $(hwm "$CITY_PID") MB, province adapter $(hwm "$PROVINCE_PID") MB."
  echo "Command: \`RATE=$RATE SECONDS_RUN=$SECONDS_RUN WARMUP_SECONDS=$WARMUP_SECONDS N=$N bench/sync/changes.sh\`."
} | tee "$WORK/results.md"
[ "$followed" = "$changed" ] || die "the province received $followed of $changed changes"
