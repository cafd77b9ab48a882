#!/usr/bin/env bash
# bench/sync/run.sh — initial sync of N people from a platform database through the adapter, RabbitMQ and the hub,
# measured in the same run as a raw COPY of the same rows into the same indexed tables (this machine's floor).
#
#   bench/sync/run.sh                  # 1,000,000 people
#   N=100000 bench/sync/run.sh         # a quick run
#
# Steps: `./hub.sh test-env` servers (PostgreSQL, RabbitMQ); fresh databases bench_sync_hub (the hub's) and
# bench_sync_city (the platform's database and the adapter's store); Release builds of Hub.Server and
# Hub.Adapter.Host; hub migrations; a platform taken through the real access workflow (`platforms seed-demo`, which
# issues its client and broker user); N people generated into the platform database (`Hub.Adapter.Host seed-demo`,
# not part of the measured time); the hub started (Production), then the adapter; the clock runs from the adapter's
# start until the hub holds every person and every hub id is written back into the platform database. Peak resident
# sets are the kernel's high-water marks (VmHWM) of both processes. Then the peer: the hub's own rows of this run are
# exported and COPYed (binary) into empty copies of `people` and `person_links` with every index and constraint.
# Prints a markdown block, also written to bench/sync/artifacts/<run>/results.md.
set -euo pipefail
N=${N:-1000000}
# shellcheck source=bench/sync/common.sh
. "$(dirname "${BASH_SOURCE[0]}")/common.sh"
PLATFORM_DB=bench_sync_city
new_platform city "基准测试市平台" 440300 city
# shellcheck disable=SC1091
. "$WORK/platform-city.env"

PLATFORM_CONNECTION=$(platform_connection city)
say "generating $N people into the platform database"
(cd "$ADAPTER_DIR" && dotnet Hub.Adapter.Host.dll seed-demo --connection "$PLATFORM_CONNECTION" --people "$N" --region 440300 --seed 11) \
  | tee "$WORK/seed.log" >&2
SOURCE_PEOPLE=$(sql "$PLATFORM_DB" -c "SELECT count(*) FROM platform.people")
SOURCE_ORGS=$(sql "$PLATFORM_DB" -c "SELECT count(*) FROM platform.organizations")
SOURCE_AFFILIATIONS=$(sql "$PLATFORM_DB" -c "SELECT count(*) FROM platform.person_affiliations")

# ---------------------------------------------------------------- warm-up (not measured)
# The hub is a long-running server: a platform's first sync meets a hub whose code is compiled and optimised. A fresh
# process spends its first half minute in the JIT and in tiered-PGO instrumentation (a third of its CPU in a 200,000
# run, perf), so another platform syncs WARMUP people through the same hub first. A batch's methods run once per
# thousand people and reach their optimised tier only after a few dozen calls: after 30,000 the hub still compiled
# 10,800 methods in the measured window (DOTNET_JitDisasmSummary; perf: a third of its CPU at 400,000), after 150,000
# about 5,400, mostly one-off paths. The measured adapter starts cold.
WARMUP=${WARMUP:-150000}
if [ "$WARMUP" -gt 0 ]; then
  new_platform warm "基准测试预热平台" 440100 city
  WARM_CLIENT=$(platform_value warm CLIENT_ID)
  (cd "$ADAPTER_DIR" && dotnet Hub.Adapter.Host.dll seed-demo --connection "$(platform_connection warm)" --people "$WARMUP" --region 440100 --seed 7) \
    >"$WORK/seed-warm.log" 2>&1 || die "warm-up seed failed (see $WORK/seed-warm.log)"
  WARM_PEOPLE=$(sql bench_sync_warm -c "SELECT count(*) FROM platform.people")
fi
start_hub
if [ "$WARMUP" -gt 0 ]; then
  say "warm-up: $WARM_PEOPLE people of another platform through the same hub"
  start_adapter warm "${WARM_ADAPTER_HTTP_PORT:-5382}"
  WARM_PID=$ADAPTER_PID
  for _ in $(seq 1 300); do
    sleep 1
    [ "$(sql "$HUB_DB" -c "SELECT count(*) FROM person_links WHERE platform_id = '$WARM_CLIENT'")" -ge "$WARM_PEOPLE" ] && break
  done
  kill "$WARM_PID"; wait "$WARM_PID" 2>/dev/null || true
fi

# ---------------------------------------------------------------- measured: adapter → RabbitMQ → hub → answers

# Every measured phase starts from clean shared buffers, so none pays for writing out an earlier phase's dirty pages.
sql "$HUB_DB" -c "CHECKPOINT"
# One psql session for the progress probes, not a process start per second.
coproc PROBE { psql -h "$PGHOST" -p "$PGPORT" -U "$PGUSER" -d "$HUB_DB" -v ON_ERROR_STOP=1 -qAt; }
probe() { echo "$1;" >&"${PROBE[1]}"; local line; read -r -t 30 line <&"${PROBE[0]}" || die "progress probe failed"; echo "$line"; }
links_before=$(probe "SELECT n_tup_ins FROM pg_stat_user_tables WHERE relname = 'person_links'")
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
PG_PID=$(postmaster_pid) RMQ_PID=$(rabbitmq_pid)
cpu_start=$(printf '%s %s %s %s' "$(cpu_of "$HUB_PID")" "$(cpu_tree "$PG_PID")" "$(cpu_tree "${RMQ_PID:-1}")" "$(system_cpu)")
say "starting the adapter; the clock runs"
start=$(date +%s.%N)
start_adapter city "${ADAPTER_HTTP_PORT:-5381}" ${ADAPTER_SETTINGS:-}

hub_done="" answers_done="" progress="$WORK/progress.tsv"
echo -e "seconds\thub_people\tanswered\thub_rss_mb\tadapter_rss_mb" >"$progress"
previous=-1
while :; do
  sleep 1
  now=$(date +%s.%N); t=$(awk -v a="$now" -v b="$start" 'BEGIN { printf "%.1f", a - b }')
  # Cheap while the sync runs: the links table's insert counter (it lags by up to a second and also counts rows of
  # retried batches). The exact count (80 ms of a scan at 1 M, plus a psql start each second, was about 4 % of the
  # machine's CPU during a run) only once the counter says done or stops moving.
  inserted=$(( $(probe "SELECT n_tup_ins FROM pg_stat_user_tables WHERE relname = 'person_links'") - links_before ))
  linked=$inserted
  if [ "$inserted" -ge "$SOURCE_PEOPLE" ] || [ "$inserted" -eq "$previous" ]; then
    linked=$(probe "SELECT count(*) FROM person_links WHERE platform_id = '$CLIENT_ID' AND removed_at IS NULL")
  fi
  previous=$inserted
  # The platform-side count scans its whole table: only once the hub holds everyone, so the probe does not compete
  # with the sync it measures.
  waiting=$SOURCE_PEOPLE answered=""
  if [ -n "$hub_done" ] || [ "$linked" -ge "$SOURCE_PEOPLE" ]; then
    waiting=$(sql "$PLATFORM_DB" -c "SELECT count(*) FROM platform.people p WHERE p.hub_id IS NULL AND NOT EXISTS (SELECT 1 FROM platform.hub_record_issues i WHERE i.key = p.local_id)")
    answered=$((SOURCE_PEOPLE - waiting))
  fi
  echo -e "$t\t$linked\t$answered\t$(rss "$HUB_PID")\t$(rss "$ADAPTER_PID")" >>"$progress"
  [ -z "$hub_done" ] && [ "$linked" -ge "$SOURCE_PEOPLE" ] && hub_done=$t
  [ -z "$answers_done" ] && [ "$waiting" -eq 0 ] && answers_done=$t
  [ -n "$hub_done" ] && [ -n "$answers_done" ] && break
  kill -0 "$HUB_PID" 2>/dev/null || die "the hub exited (see $WORK/hub.log)"
  kill -0 "$ADAPTER_PID" 2>/dev/null || die "the adapter exited (see $WORK/adapter.log)"
  awk -v t="$t" 'BEGIN { exit !(t > 1800) }' && die "no convergence in 30 minutes (progress in $progress)"
  [ $(( ${t%.*} % 10 )) -eq 0 ] && say "${t}s: hub holds $linked of $SOURCE_PEOPLE"
done
load_after=$(cut -d' ' -f1-3 /proc/loadavg)
exec {PROBE[1]}>&-
read -r hub0 pg0 rmq0 sys0 <<<"$cpu_start"
used() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", a - b }'; }
CPU_HUB=$(used "$(cpu_of "$HUB_PID")" "$hub0") CPU_ADAPTER=$(cpu_of "$ADAPTER_PID")
CPU_PG=$(used "$(cpu_tree "$PG_PID")" "$pg0") CPU_RMQ=$(used "$(cpu_tree "${RMQ_PID:-1}")" "$rmq0")
CPU_ALL=$(used "$(system_cpu)" "$sys0")
CPU_OTHER=$(awk -v a="$CPU_ALL" -v h="$CPU_HUB" -v d="$CPU_ADAPTER" -v p="$CPU_PG" -v r="$CPU_RMQ" 'BEGIN { printf "%.1f", a - h - d - p - r }')
HUB_HWM=$(hwm "$HUB_PID") ADAPTER_HWM=$(hwm "$ADAPTER_PID")
kill "$ADAPTER_PID"; wait "$ADAPTER_PID" 2>/dev/null || true

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
sql "$HUB_DB" -c "CHECKPOINT"
copy_start=$(date +%s.%N)
sql "$HUB_DB" -c "\\copy bench_people FROM '$WORK/people.bin' WITH (FORMAT binary)"
copy_people=$(awk -v a="$(date +%s.%N)" -v b="$copy_start" 'BEGIN { printf "%.1f", a - b }')
sql "$HUB_DB" -c "\\copy bench_links FROM '$WORK/links.bin' WITH (FORMAT binary)"
copy_both=$(awk -v a="$(date +%s.%N)" -v b="$copy_start" 'BEGIN { printf "%.1f", a - b }')
sql "$HUB_DB" -c "DROP TABLE bench_people, bench_links"

# The floor of the writes themselves: every row this sync wrote, by binary COPY into empty copies of the hub's tables
# (people, links, memberships), and the platform's hub-id write-back as one UPDATE from a COPYed table. One session
# each, so their sum is CPU time on one core that no design of the pipeline can go below on this machine.
sql "$HUB_DB" -c "\\copy (SELECT a.* FROM person_affiliations a JOIN person_links l ON l.person_id = a.person_id AND l.platform_id = '$CLIENT_ID') TO '$WORK/affiliations.bin' WITH (FORMAT binary)"
sql "$HUB_DB" -c "DROP TABLE IF EXISTS bench_people, bench_links, bench_affiliations" \
  -c "CREATE TABLE bench_people (LIKE people INCLUDING ALL)" -c "CREATE TABLE bench_links (LIKE person_links INCLUDING ALL)" \
  -c "CREATE TABLE bench_affiliations (LIKE person_affiliations INCLUDING ALL)"
sql "$HUB_DB" -c "CHECKPOINT"
floor_start=$(date +%s.%N)
sql "$HUB_DB" -c "\\copy bench_people FROM '$WORK/people.bin' WITH (FORMAT binary)" \
  -c "\\copy bench_links FROM '$WORK/links.bin' WITH (FORMAT binary)" \
  -c "\\copy bench_affiliations FROM '$WORK/affiliations.bin' WITH (FORMAT binary)"
floor_hub=$(seconds_since "$floor_start")
sql "$HUB_DB" -c "DROP TABLE bench_people, bench_links, bench_affiliations"
sql "$PLATFORM_DB" -c "\\copy (SELECT local_id, hub_id, hub_version FROM platform.people) TO '$WORK/answers.bin' WITH (FORMAT binary)"
sql "$PLATFORM_DB" -c "DROP TABLE IF EXISTS platform.bench_people" \
  -c "CREATE TABLE platform.bench_people (LIKE platform.people INCLUDING ALL) WITH (fillfactor = 80)" \
  -c "INSERT INTO platform.bench_people SELECT * FROM platform.people" -c "UPDATE platform.bench_people SET hub_id = NULL, hub_version = NULL" \
  -c "VACUUM platform.bench_people"
floor_start=$(date +%s.%N)
sql "$PLATFORM_DB" -c "CREATE TEMP TABLE answers (local_id text, hub_id text, hub_version bigint)" \
  -c "\\copy answers FROM '$WORK/answers.bin' WITH (FORMAT binary)" \
  -c "UPDATE platform.bench_people p SET hub_id = a.hub_id, hub_version = a.hub_version FROM answers a WHERE p.local_id = a.local_id"
floor_back=$(seconds_since "$floor_start")
sql "$PLATFORM_DB" -c "DROP TABLE platform.bench_people"
rm -f "$WORK/people.bin" "$WORK/links.bin" "$WORK/affiliations.bin" "$WORK/answers.bin"

# ---------------------------------------------------------------- report
rate() { awk -v n="$1" -v s="$2" 'BEGIN { printf "%d", n / s }'; }
e2e_rate=$(rate "$SOURCE_PEOPLE" "$hub_done")
raw_rate=$(rate "$HUB_PEOPLE" "$copy_people")
raw_both_rate=$(rate "$HUB_PEOPLE" "$copy_both")
{
  echo "### Initial sync, run $RUN"
  echo
  echo "Source: $SOURCE_PEOPLE people, $SOURCE_AFFILIATIONS affiliations, $SOURCE_ORGS organizations (\`seed-demo --people $N --region 440300 --seed 11\`)."
  echo "Machine: $(machine). Load average before/after the measured sync: $load_before / $load_after."
  echo "The hub was warmed by ${WARM_PEOPLE:-0} people of another platform before the clock started (\`WARMUP\`); the measured adapter started cold."
  echo
  echo "| measure | value |"
  echo "| --- | ---: |"
  echo "| end to end: adapter start → hub holds every person | ${hub_done} s (**$e2e_rate people/s**) |"
  echo "| every hub id written back into the platform database | ${answers_done} s |"
  echo "| peer: binary COPY of the same people rows into \`people\` with its indexes | ${copy_people} s ($raw_rate rows/s) |"
  echo "| peer: the same plus their \`person_links\` rows | ${copy_both} s ($raw_both_rate people/s) |"
  echo "| floor of the writes (one session each): every people, link and membership row by COPY / the write-back as one UPDATE | ${floor_hub} s / ${floor_back} s |"
  echo "| end to end ÷ raw COPY (people) | $(awk -v a="$e2e_rate" -v b="$raw_rate" 'BEGIN { printf "%.0f %%", 100 * a / b }') |"
  echo "| hub peak resident set (VmHWM) | $HUB_HWM MB |"
  echo "| adapter peak resident set (VmHWM) | $ADAPTER_HWM MB |"
  echo "| hub people (with the warm-up's) / rejected records / duplicate document indexes | $HUB_PEOPLE / $REJECTED / $DUPLICATES |"
  echo "| digest over (key, version): source / hub | ${SOURCE_DIGEST:0:12} / ${HUB_DIGEST:0:12} |"
  echo "| CPU seconds during the sync: hub / adapter / PostgreSQL / RabbitMQ / other processes (of $(nproc) × ${t} s) | $CPU_HUB / $CPU_ADAPTER / $CPU_PG / $CPU_RMQ / $CPU_OTHER |"
  echo
  echo "Command: \`N=$N bench/sync/run.sh\`. Progress per second (people held, answers, resident sets) in bench/sync/artifacts/$RUN/progress.tsv."
} | tee "$WORK/results.md"
[ "$SOURCE_DIGEST" = "$HUB_DIGEST" ] || die "the hub's digest differs from the source's"
[ "$DUPLICATES" = 0 ] || die "duplicate people in the hub"
