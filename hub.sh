#!/usr/bin/env bash
# hub.sh — the one entry point: up, down, status, test, openapi.
#
# Everything it starts is project-local and listens on 127.0.0.1 only:
#   up   profile: state in .hub/       PostgreSQL 55432, AMQP 56720, management 15673, hub 5080
#   test profile: state in .hub/test/  PostgreSQL 55442, AMQP 56730, management 15674, S3 (s3rver) 5093
#                 (never touches up's data)
#
# PostgreSQL refuses to run as root, so when invoked as root the cluster runs as the `postgres`
# system user. That user cannot enter a checkout below a root-only directory (e.g. /root), so in
# that case the cluster's data lives in /var/lib/hub-clusters/<hash of this checkout>/ and
# .hub/<profile>/pg is a symlink to it.
#
# RabbitMQ runs from Debian's scripts in /usr/lib/rabbitmq/bin as the invoking user, with its own
# HOME (so server and CLI share one Erlang cookie), node name, ports, data, logs, plugins file and
# its own epmd port, so it never collides with a system node or with the other profile.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
cd "$ROOT"
PG_BIN=${PG_BIN:-/usr/lib/postgresql/15/bin}
RMQ_BIN=${RMQ_BIN:-/usr/lib/rabbitmq/bin}
CONFIG=${HUB_CONFIGURATION:-Release}

say() { printf '\033[1;34m[hub]\033[0m %s\n' "$*"; }
warn() { printf '\033[1;33m[hub]\033[0m %s\n' "$*" >&2; }
die() { printf '\033[1;31m[hub]\033[0m %s\n' "$*" >&2; exit 1; }
is_root() { [ "$(id -u)" -eq 0 ]; }

profile() {
  case "$1" in
    up)
      STATE="$ROOT/.hub"; PG_PORT=55432; AMQP_PORT=56720; MGMT_PORT=15673
      DIST_PORT=56721; EPMD_PORT=56722; RMQ_NODE=hub-up@localhost; HUB_PORT=5080 ;;
    test)
      STATE="$ROOT/.hub/test"; RMQ_NODE=hub-test@localhost
      test_ports 0 ;;
    *) die "unknown profile $1" ;;
  esac
  PG_LINK="$STATE/pg"
  RMQ_DIR="$STATE/rabbitmq"
  LOG_DIR="$STATE/log"
  mkdir -p "$STATE" "$LOG_DIR"
  load_secrets
  [ "$1" = test ] && choose_test_ports
  return 0
}

test_ports() {
  local o=$1
  PG_PORT=$((55442 + o)); AMQP_PORT=$((56730 + o)); MGMT_PORT=$((15674 + o))
  DIST_PORT=$((56731 + o)); EPMD_PORT=$((56732 + o)); HUB_PORT=$((5090 + o)); S3_PORT=$((5093 + o)); PORT_OFFSET=$o
}

port_busy() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# Test servers of another checkout on this machine (a second clone, a CI run) may hold the default test
# ports: then this checkout's test servers move up in steps of 100. The choice is remembered while they run.
choose_test_ports() {
  local saved="$STATE/ports.env"
  if [ -f "$saved" ]; then
    # shellcheck disable=SC1090
    . "$saved"; test_ports "$PORT_OFFSET"
    if pg_running || rmq_running || s3_running; then return; fi
  fi
  local o=${HUB_TEST_PORT_OFFSET:-0}
  while [ $o -le 2000 ]; do
    test_ports $o
    if ! port_busy $PG_PORT && ! port_busy $AMQP_PORT && ! port_busy $MGMT_PORT && ! port_busy $DIST_PORT \
       && ! port_busy $EPMD_PORT && ! port_busy $HUB_PORT && ! port_busy $S3_PORT; then
      echo "PORT_OFFSET=$o" >"$saved"
      [ $o -eq 0 ] || say "default test ports are busy; using offset +$o (PostgreSQL $PG_PORT, AMQP $AMQP_PORT)" >&2
      return
    fi
    o=$((o + 100))
  done
  die "no free ports for the test servers"
}

ensure_secret() { grep -q "^$1=" "$STATE/secrets.env" || echo "$1=$2" >>"$STATE/secrets.env"; }

# Local credentials and keys, generated once per profile and kept in the (git-ignored) state directory.
# A key added by a newer hub.sh is appended to an existing file; existing values never change (data depends on them).
load_secrets() {
  local f="$STATE/secrets.env"
  (umask 077; touch "$f")
  ensure_secret PG_PASSWORD "$(head -c 18 /dev/urandom | base64 | tr -d '/+=')"
  ensure_secret RMQ_PASSWORD "$(head -c 18 /dev/urandom | base64 | tr -d '/+=')"
  ensure_secret RMQ_COOKIE "$(head -c 24 /dev/urandom | base64 | tr -dc 'A-Za-z0-9')"
  # Personal-data blind index and encryption keys; OIDC token encryption and pairwise-subject keys.
  ensure_secret PD_INDEX_KEY "$(head -c 32 /dev/urandom | base64 -w0)"
  ensure_secret PD_KEY_1 "$(head -c 32 /dev/urandom | base64 -w0)"
  ensure_secret OIDC_ENCRYPTION_KEY "$(head -c 32 /dev/urandom | base64 -w0)"
  ensure_secret OIDC_PAIRWISE_KEY "$(head -c 32 /dev/urandom | base64 -w0)"
  ensure_secret OIDC_CLIENT_SECRET_KEY "$(head -c 32 /dev/urandom | base64 -w0)"
  # Master key wrapping every person's data key in the learning space's storage.
  ensure_secret SPACE_MASTER_KEY "$(head -c 32 /dev/urandom | base64 -w0)"
  # shellcheck disable=SC1090
  . "$f"
}

# ---------------------------------------------------------------- prerequisites
# `ensure_packages browser` also wants what the web UI tests drive: Debian's chromium and CJK fonts (pages are zh-CN).
ensure_packages() {
  local missing=()
  [ -x "$PG_BIN/initdb" ] || missing+=(postgresql)
  [ -x "$RMQ_BIN/rabbitmq-server" ] || missing+=(rabbitmq-server)
  if [ "${1:-}" = browser ]; then
    command -v chromium >/dev/null || missing+=(chromium)
    [ -d /usr/share/fonts/opentype/noto ] || missing+=(fonts-noto-cjk)
  fi
  command -v dotnet >/dev/null || die ".NET 10 SDK not found on PATH: install it (https://dot.net) and run again."
  [ ${#missing[@]} -eq 0 ] && return 0
  if is_root && command -v apt-get >/dev/null; then
    say "installing ${missing[*]} with apt-get"
    # Keep Debian's maintainer scripts from starting system-wide services: we run our own nodes.
    local policy=/usr/sbin/policy-rc.d created=0
    if [ ! -e "$policy" ]; then printf '#!/bin/sh\nexit 101\n' >"$policy"; chmod +x "$policy"; created=1; fi
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
    [ "$created" -eq 1 ] && rm -f "$policy"
    # postgresql-common may have created and started a default cluster on 5432; we do not use it.
  else
    die "missing Debian packages: ${missing[*]}. Install them with: sudo apt-get install ${missing[*]}"
  fi
}

# ---------------------------------------------------------------- PostgreSQL
# From / so that runuser does not complain about a working directory postgres cannot enter.
as_pg() { if is_root; then (cd / && runuser -u postgres -- "$@"); else "$@"; fi; }

pg_data_dir() {
  if [ -L "$PG_LINK" ] || [ -d "$PG_LINK" ]; then readlink -f "$PG_LINK"; return; fi
  if is_root && ! runuser -u postgres -- test -x "$STATE"; then
    local real
    real="/var/lib/hub-clusters/$(printf '%s' "$STATE" | sha256sum | cut -c1-16)/pg"
    mkdir -p "$real"
    ln -sfn "$real" "$PG_LINK"
  else
    mkdir -p "$PG_LINK"
  fi
  readlink -f "$PG_LINK"
}

pg_running() { [ -d "$PG_LINK" ] && as_pg "$PG_BIN/pg_ctl" -D "$(readlink -f "$PG_LINK")" status >/dev/null 2>&1; }

# HUB_PG_HUGE_PAGES=1 (as root): reserve huge pages for shared_buffers and start PostgreSQL with huge_pages=on. With a
# shared_buffers of gigabytes, every buffer lookup otherwise risks a TLB miss: the usage ingest took 13 % less
# PostgreSQL CPU per event with them (bench/RESULTS.md). The reservation is given back when hub.sh stops the server.
PG_HUGE_OPT=""
pg_huge_pages() {
  [ "${HUB_PG_HUGE_PAGES:-0}" = 1 ] || return 0
  local sb=${HUB_PG_SHARED_BUFFERS:-256MB} mb page_kb need have
  case $sb in
    *GB) mb=$(( ${sb%GB} * 1024 )) ;;
    *MB) mb=${sb%MB} ;;
    *) die "HUB_PG_HUGE_PAGES=1 needs HUB_PG_SHARED_BUFFERS in MB or GB (got $sb)" ;;
  esac
  page_kb=$(awk '/^Hugepagesize:/ {print $2}' /proc/meminfo)
  [ -n "$page_kb" ] || die "HUB_PG_HUGE_PAGES=1: this kernel offers no huge pages"
  # shared_buffers plus about a tenth for PostgreSQL's other shared memory.
  need=$(( mb * 1024 * 11 / 10 / page_kb + 64 ))
  have=$(cat /proc/sys/vm/nr_hugepages)
  if [ "$have" -lt "$need" ]; then
    is_root || die "HUB_PG_HUGE_PAGES=1 needs root to reserve $need huge pages (vm.nr_hugepages is $have)"
    [ -f "$STATE/pg-hugepages.before" ] || echo "$have" >"$STATE/pg-hugepages.before"
    echo "$need" >/proc/sys/vm/nr_hugepages 2>/dev/null || die "could not set vm.nr_hugepages"
    have=$(cat /proc/sys/vm/nr_hugepages)
    [ "$have" -ge "$need" ] || { echo "$(cat "$STATE/pg-hugepages.before")" >/proc/sys/vm/nr_hugepages; rm -f "$STATE/pg-hugepages.before"
      die "only $have of $need huge pages could be reserved (memory too fragmented or too small)"; }
    say "reserved $need huge pages of $page_kb kB for PostgreSQL"
  fi
  PG_HUGE_OPT="-c huge_pages=on"
}

# HUB_PG_DURABLE=1: start the test profile's server with fsync, synchronous_commit and full_page_writes on, as `up`
# runs it. The tests' throw-away data does not need them; a benchmark that wants production durability does.
PG_DURABLE_OPT=""
[ "${HUB_PG_DURABLE:-0}" = 1 ] && PG_DURABLE_OPT="-c fsync=on -c synchronous_commit=on -c full_page_writes=on"

pg_start() {
  local data; data=$(pg_data_dir)
  if is_root; then chown postgres:postgres "$data"; fi
  chmod 700 "$data"
  if [ ! -f "$data/PG_VERSION" ]; then
    say "initialising PostgreSQL cluster in $data"
    local pwfile; pwfile=$(mktemp)
    printf '%s\n' "$PG_PASSWORD" >"$pwfile"
    if is_root; then chown postgres "$pwfile"; fi
    as_pg "$PG_BIN/initdb" -D "$data" -U hub --pwfile="$pwfile" --auth=scram-sha-256 \
      --encoding=UTF8 --locale=C.UTF-8 >"$LOG_DIR/initdb.log" 2>&1 || { rm -f "$pwfile"; cat "$LOG_DIR/initdb.log"; die "initdb failed"; }
    rm -f "$pwfile"
    {
      echo "listen_addresses = '127.0.0.1'"
      echo "port = $PG_PORT"
      echo "unix_socket_directories = ''"
      echo "max_connections = 300"
      echo "shared_buffers = 256MB"
      echo "logging_collector = off"
      if [ "$STATE" = "$ROOT/.hub/test" ]; then
        # Throw-away test data: durability is not what the tests measure.
        echo "fsync = off"; echo "synchronous_commit = off"; echo "full_page_writes = off"
      fi
    } >>"$data/postgresql.conf"
  fi
  if pg_running; then say "PostgreSQL already running on 127.0.0.1:$PG_PORT"; return; fi
  pg_huge_pages
  # A port in the ephemeral range can be held for a minute by a TIME-WAIT socket (e.g. a client that kept
  # reconnecting while the server was down); wait for it rather than fail.
  local attempt
  for attempt in 1 2 3 4; do
    # random_page_cost 1.1: the hub's data sits on SSD or in the page cache, where a random read costs about what a
    # sequential one does; with the default 4 the planner answered a sync batch's key lookups in a registry of tens of
    # thousands of rows with whole-table scans (bench/sync).
    as_pg "$PG_BIN/pg_ctl" -D "$data" -l "$data/server.log" -w -t 60 -o "-p $PG_PORT -c random_page_cost=1.1 -c shared_buffers=${HUB_PG_SHARED_BUFFERS:-256MB} $PG_HUGE_OPT $PG_DURABLE_OPT" start >/dev/null && break
    if [ $attempt -lt 4 ] && tail -5 "$data/server.log" | grep -q "could not bind"; then
      warn "port $PG_PORT is still held by the system; retrying in 20 s"; sleep 20; continue
    fi
    tail -20 "$data/server.log" >&2; die "PostgreSQL did not start"
  done
  say "PostgreSQL running on 127.0.0.1:$PG_PORT"
}

pg_stop() {
  if pg_running; then as_pg "$PG_BIN/pg_ctl" -D "$(readlink -f "$PG_LINK")" -m fast -w stop >/dev/null && say "PostgreSQL stopped"; fi
  if [ -f "$STATE/pg-hugepages.before" ] && is_root; then
    cat "$STATE/pg-hugepages.before" >/proc/sys/vm/nr_hugepages && rm -f "$STATE/pg-hugepages.before" && say "huge pages given back"
  fi
}

pg_connection() { echo "Host=127.0.0.1;Port=$PG_PORT;Username=hub;Password=$PG_PASSWORD"; }

# ---------------------------------------------------------------- RabbitMQ
rmq_env() {
  export HOME="$RMQ_DIR/home"
  export RABBITMQ_CONF_ENV_FILE="$RMQ_DIR/rabbitmq-env.conf"
  export RABBITMQ_NODENAME="$RMQ_NODE"
  export RABBITMQ_NODE_IP_ADDRESS=127.0.0.1
  export RABBITMQ_NODE_PORT="$AMQP_PORT"
  export RABBITMQ_DIST_PORT="$DIST_PORT"
  export RABBITMQ_MNESIA_BASE="$RMQ_DIR/mnesia"
  export RABBITMQ_LOG_BASE="$RMQ_DIR/log"
  export RABBITMQ_PID_FILE="$RMQ_DIR/rabbitmq.pid"
  export RABBITMQ_ENABLED_PLUGINS_FILE="$RMQ_DIR/enabled_plugins"
  export RABBITMQ_CONFIG_FILE="$RMQ_DIR/rabbitmq.conf"
  export RABBITMQ_ADVANCED_CONFIG_FILE="$RMQ_DIR/advanced.config"
  export ERL_EPMD_ADDRESS=127.0.0.1
  export ERL_EPMD_PORT="$EPMD_PORT"
  # The distribution listener (server and CLI) must not listen on 0.0.0.0.
  export RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS="-kernel inet_dist_use_interface {127,0,0,1}"
  export RABBITMQ_CTL_ERL_ARGS="-kernel inet_dist_use_interface {127,0,0,1}"
}

rmq() { (rmq_env; "$RMQ_BIN/$1" "${@:2}"); }

rmq_running() { [ -f "$RMQ_DIR/rabbitmq.pid" ] && kill -0 "$(cat "$RMQ_DIR/rabbitmq.pid")" 2>/dev/null && rmq rabbitmq-diagnostics -q ping >/dev/null 2>&1; }

rmq_start() {
  mkdir -p "$RMQ_DIR/home" "$RMQ_DIR/mnesia" "$RMQ_DIR/log"
  local cookie="$RMQ_DIR/home/.erlang.cookie"
  if [ ! -f "$cookie" ]; then (umask 077; printf '%s' "$RMQ_COOKIE" >"$cookie"); chmod 400 "$cookie"; fi
  : >"$RMQ_DIR/rabbitmq-env.conf"
  echo '[rabbitmq_management].' >"$RMQ_DIR/enabled_plugins"
  echo '[].' >"$RMQ_DIR/advanced.config"
  cat >"$RMQ_DIR/rabbitmq.conf" <<EOF
listeners.tcp.default = 127.0.0.1:$AMQP_PORT
management.tcp.ip = 127.0.0.1
management.tcp.port = $MGMT_PORT
default_user = hub
default_pass = $RMQ_PASSWORD
default_user_tags.administrator = true
default_permissions.configure = .*
default_permissions.read = .*
default_permissions.write = .*
disk_free_limit.absolute = 512MB
log.file.level = warning
log.console = false
EOF
  if rmq_running; then say "RabbitMQ already running on 127.0.0.1:$AMQP_PORT"; return; fi
  say "starting RabbitMQ node $RMQ_NODE"
  (rmq_env; nohup "$RMQ_BIN/rabbitmq-server" >"$RMQ_DIR/log/stdout.log" 2>&1 &)
  local i
  for i in $(seq 1 120); do
    if [ -f "$RMQ_DIR/rabbitmq.pid" ] && rmq rabbitmqctl -q await_startup --timeout 5 >/dev/null 2>&1; then
      say "RabbitMQ running on 127.0.0.1:$AMQP_PORT (management http://127.0.0.1:$MGMT_PORT)"
      return
    fi
    sleep 1
  done
  tail -30 "$RMQ_DIR/log/stdout.log" >&2
  die "RabbitMQ did not start"
}

rmq_stop() {
  if [ -f "$RMQ_DIR/rabbitmq.pid" ] && kill -0 "$(cat "$RMQ_DIR/rabbitmq.pid")" 2>/dev/null; then
    rmq rabbitmqctl -q shutdown >/dev/null 2>&1 || kill "$(cat "$RMQ_DIR/rabbitmq.pid")" 2>/dev/null || true
    say "RabbitMQ stopped"
  fi
  rm -f "$RMQ_DIR/rabbitmq.pid"
  # Our own epmd (on our own port): it refuses to die while any node is still registered.
  (rmq_env; epmd -port "$EPMD_PORT" -kill >/dev/null 2>&1 || true)
}

# ---------------------------------------------------------------- S3-compatible test server
# The space's S3 storage backend is tested against s3rver (npm; it checks SigV4 signatures), installed project-locally
# from tools/s3-server/package-lock.json and bound to 127.0.0.1. Data lives in $STATE/s3 and is thrown away.
S3_BUCKET=hub-test
s3_pid_file() { echo "$STATE/s3rver.pid"; }
s3_running() { local f; f=$(s3_pid_file); [ -f "$f" ] && kill -0 "$(cat "$f")" 2>/dev/null; }

s3_start() {
  if s3_running; then say "S3 server already running on 127.0.0.1:$S3_PORT"; return; fi
  command -v node >/dev/null && command -v npm >/dev/null || die "Node.js 20+ and npm are needed for the S3 test server (tools/s3-server)"
  (cd "$ROOT/tools/s3-server" && npm ci --no-audit --no-fund --loglevel=error --prefer-offline >"$LOG_DIR/s3-npm.log" 2>&1) \
    || { cat "$LOG_DIR/s3-npm.log" >&2; die "npm ci in tools/s3-server failed"; }
  rm -rf "$STATE/s3"; mkdir -p "$STATE/s3"
  nohup node "$ROOT/tools/s3-server/node_modules/s3rver/bin/s3rver.js" -d "$STATE/s3" -a 127.0.0.1 -p "$S3_PORT" --silent \
    --no-vhost-buckets --configure-bucket "$S3_BUCKET" >"$LOG_DIR/s3rver.log" 2>&1 &
  echo $! >"$(s3_pid_file)"
  local i
  for i in $(seq 1 30); do
    if port_busy "$S3_PORT"; then say "S3 server (s3rver) running on 127.0.0.1:$S3_PORT"; return; fi
    s3_running || break
    sleep 0.5
  done
  cat "$LOG_DIR/s3rver.log" >&2; die "the S3 test server did not start"
}

s3_stop() {
  if s3_running; then kill "$(cat "$(s3_pid_file)")" 2>/dev/null || true; say "S3 server stopped"; fi
  rm -f "$(s3_pid_file)"
}

# s3rver's fixed credentials; the signatures are still checked.
s3_exports() {
  echo "export HUB_TEST_S3_ENDPOINT=http://127.0.0.1:$S3_PORT HUB_TEST_S3_BUCKET=$S3_BUCKET HUB_TEST_S3_ACCESS_KEY=S3RVER HUB_TEST_S3_SECRET_KEY=S3RVER"
}

# ---------------------------------------------------------------- build and hub
build() {
  say "building ($CONFIG)"
  dotnet build Hub.sln -c "$CONFIG" -nologo -clp:ErrorsOnly -v:quiet || die "build failed"
}

server_dll() { echo "$ROOT/src/Hub.Server/bin/$CONFIG/net10.0/Hub.Server.dll"; }

# The OIDC signing key lives in a file, as in production; generated once per profile.
signing_key() {
  local key="$STATE/keys/es256-1.pem"
  if [ ! -f "$key" ]; then
    mkdir -p "$STATE/keys"; chmod 700 "$STATE/keys"
    openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$key" 2>/dev/null || die "openssl is needed to create the signing key"
    chmod 600 "$key"
  fi
  echo "$key"
}

hub_env() {
  export ASPNETCORE_ENVIRONMENT=${ASPNETCORE_ENVIRONMENT:-Development}
  export PersonalData__BlindIndexKey="$PD_INDEX_KEY" PersonalData__ActiveKeyId=k1 PersonalData__EncryptionKeys__k1="$PD_KEY_1"
  export Oidc__EncryptionKey="$OIDC_ENCRYPTION_KEY" Oidc__PairwiseKey="$OIDC_PAIRWISE_KEY" Oidc__ClientSecretKey="$OIDC_CLIENT_SECRET_KEY"
  export Oidc__SigningKeys__0__Id=es256-1 Oidc__SigningKeys__0__Algorithm=ES256 Oidc__SigningKeys__0__Path="$(signing_key)"
  export ConnectionStrings__Hub="$(pg_connection);Database=hub"
  export RabbitMq__Host=127.0.0.1 RabbitMq__Port="$AMQP_PORT" RabbitMq__VirtualHost=/
  export RabbitMq__Username=hub RabbitMq__Password="$RMQ_PASSWORD"
  export RabbitMq__ManagementPort="$MGMT_PORT"
  # The learning space's storage: three directories act as three providers; every file on two of them.
  mkdir -p "$STATE/space/disk-a" "$STATE/space/disk-b" "$STATE/space/disk-c"
  export Space__Storage__ActiveMasterKeyId=m1 Space__Storage__MasterKeys__m1="$SPACE_MASTER_KEY"
  local i=0 disk
  for disk in disk-a disk-b disk-c; do
    export "Space__Storage__Backends__${i}__Name=$disk" "Space__Storage__Backends__${i}__Kind=FileSystem" \
      "Space__Storage__Backends__${i}__Root=$STATE/space/$disk"
    i=$((i + 1))
  done
}

# Run from the build output so that the content root (appsettings.json) is the server's own directory.
hub_run() { (hub_env; cd "$(dirname "$(server_dll)")" && dotnet "$(server_dll)" "$@"); }

# Demo data for `up`, created once: a provincial and a city platform client and people who can sign in.
seed_demo() {
  local marker="$STATE/demo-seeded"
  [ -f "$marker" ] && return
  # Demo people exist only in Development (benchmarks run `up` in Production).
  [ "${ASPNETCORE_ENVIRONMENT:-Development}" = Development ] || return 0
  ensure_secret DEMO_PLATFORM_SECRET "$(head -c 24 /dev/urandom | base64 | tr -d '/+=')"
  # shellcheck disable=SC1090
  . "$STATE/secrets.env"
  hub_run clients add --id demo-gd-province --name "广东省教育资源公共服务平台（演示）" --kind platform --level Province \
    --region 440000 --secret "$DEMO_PLATFORM_SECRET" --scopes "people:read people:write orgs:read orgs:write" --client-credentials >>"$LOG_DIR/seed.log" 2>&1
  hub_run clients add --id demo-sz-city --name "深圳市教育资源公共服务平台（演示）" --kind platform --level City \
    --region 440300 --secret "$DEMO_PLATFORM_SECRET" --scopes "people:read people:write orgs:read orgs:write" --client-credentials >>"$LOG_DIR/seed.log" 2>&1
  hub_run people seed-demo --platform demo-sz-city --region 440305 --count 20 --password Demo-2026-pass >"$LOG_DIR/seed-people.log" 2>>"$LOG_DIR/seed.log" \
    || { cat "$LOG_DIR/seed.log" >&2; die "demo data could not be created"; }
  grep -E "^P[0-9A-Z]{16} " "$LOG_DIR/seed-people.log" >"$STATE/demo-people.txt"
  touch "$marker"
}

# Demo admin accounts: the first demo person is the national centre's admin (every permission), the second the
# Guangdong provincial admin. Each signs in with the demo password at /account/login.
seed_demo_operators() {
  local marker="$STATE/demo-operators-seeded" national province
  # The marker holds the permissions granted: a newer hub.sh with more console sections grants again.
  [ "$(cat "$marker" 2>/dev/null)" = "$DEMO_OPERATOR_PERMISSIONS" ] || [ ! -s "$STATE/demo-people.txt" ] && return 0
  national=$(sed -n 1p "$STATE/demo-people.txt" | cut -d' ' -f1)
  province=$(sed -n 2p "$STATE/demo-people.txt" | cut -d' ' -f1)
  hub_run operators grant --identifier "$national" --permissions "$DEMO_OPERATOR_PERMISSIONS" >>"$LOG_DIR/seed.log" 2>&1 \
    && hub_run operators grant --identifier "$province" --region 440000 --permissions "$DEMO_OPERATOR_PERMISSIONS" >>"$LOG_DIR/seed.log" 2>&1 \
    || { cat "$LOG_DIR/seed.log" >&2; die "demo admin accounts could not be created"; }
  printf '%s' "$DEMO_OPERATOR_PERMISSIONS" >"$marker"
}
# Demo schools of 南山区 (440305) through the school-list upload, so the console and the pilot form have a registry to
# work with (the pilot's 85 % rule counts these). Uses the demo city platform's own token, like a real upload.
seed_demo_schools() {
  local marker="$STATE/demo-schools-seeded" token csv i
  [ -f "$marker" ] || [ "${ASPNETCORE_ENVIRONMENT:-Development}" != Development ] && return 0
  # shellcheck disable=SC1090
  . "$STATE/secrets.env"
  token=$(curl -fsS -u "demo-sz-city:$DEMO_PLATFORM_SECRET" -d grant_type=client_credentials -d "scope=orgs:write" \
    "http://127.0.0.1:$HUB_PORT/connect/token" | sed -n 's/.*"access_token": *"\([^"]*\)".*/\1/p')
  if [ -z "$token" ]; then
    say "demo schools skipped: demo-sz-city cannot get an orgs:write token (state from an older version: ./hub.sh down; rm -rf .hub)"
    return 0
  fi
  csv="学校标识码,学校名称,学校类型,所在地区代码,网络带宽,班级数,具备多媒体设备的班级数,学生配有移动终端的班级数,教师数,学生数"
  for i in $(seq 1 12); do
    csv+=$'\n'"21440$(printf '%05d' "$i"),深圳市南山区第${i}小学,小学（6年）,440305,$((100 * (i % 5 + 1)))M,$((18 + i)),$((16 + i)),$((i % 7)),$((40 + 3 * i)),$((800 + 45 * i))"
  done
  for i in $(seq 1 6); do
    csv+=$'\n'"31440$(printf '%05d' "$i"),深圳市南山区第${i}初级中学,普通初中,440305,$((200 * (i % 3 + 1)))M,$((20 + i)),$((20 + i)),$((2 * i)),$((60 + 4 * i)),$((1000 + 60 * i))"
  done
  curl -fsS -H "Authorization: Bearer $token" -H "Content-Type: text/csv" --data-binary "$csv" \
    "http://127.0.0.1:$HUB_PORT/api/v1/organizations/schools/import" >>"$LOG_DIR/seed.log" 2>&1 \
    || die "demo schools could not be imported (see $LOG_DIR/seed.log)"
  touch "$marker"
}
# Demo resources (issue 6) through the open API, as a platform would: the Shenzhen platform submits three city
# resources, approves them at the city level and pushes them to all of 深圳市, so every demo person finds them in their
# space; the Guangdong platform submits one provincial resource left pending for the Guangdong admin to review in
# /console/resources.
seed_demo_resources() {
  local marker="$STATE/demo-resources-seeded" sz gd id n
  [ -f "$marker" ] || [ "${ASPNETCORE_ENVIRONMENT:-Development}" != Development ] && return 0
  # shellcheck disable=SC1090
  . "$STATE/secrets.env"
  hub_run clients add --id demo-sz-resources --name "深圳市教育资源公共服务平台资源库（演示）" --kind platform --level City --region 440300 \
    --secret "$DEMO_PLATFORM_SECRET" --scopes "resources:read resources:write resources:review resources:push" --client-credentials >>"$LOG_DIR/seed.log" 2>&1
  hub_run clients add --id demo-gd-resources --name "广东省教育资源公共服务平台资源库（演示）" --kind platform --level Province --region 440000 \
    --secret "$DEMO_PLATFORM_SECRET" --scopes "resources:read resources:write" --client-credentials >>"$LOG_DIR/seed.log" 2>&1
  demo_token() {
    curl -fsS -u "$1:$DEMO_PLATFORM_SECRET" -d grant_type=client_credentials -d "scope=$2" "http://127.0.0.1:$HUB_PORT/connect/token" \
      | sed -n 's/.*"access_token": *"\([^"]*\)".*/\1/p'
  }
  demo_api() { # TOKEN PATH JSON → the response's "id"
    curl -fsS -H "Authorization: Bearer $1" -H "Content-Type: application/json" -d "$3" "http://127.0.0.1:$HUB_PORT$2" | sed -n 's/^{"id":"\{0,1\}\([^",]*\).*/\1/p'
  }
  demo_resource() { # SOURCE_ID TITLE SUBJECT STAGE GRADE TYPE DURATION(s or null) LEVEL REGION PROVIDER
    printf '{"sourceId":"%s","version":1,"title":"%s","description":"%s（演示资源）","keywords":["演示"],"subject":"%s","stage":"%s","grades":[%s],"resourceType":"%s","duration":%s,"format":"text/html","language":"zh-CN","licence":{"kind":"free"},"provider":{"name":"%s"},"origin":{"level":"%s","regionCode":"%s"},"location":{"url":"https://res.example/demo/%s"},"checksum":{"algorithm":"sha256","value":"%s"}}' \
      "$1" "$2" "$2" "$3" "$4" "$5" "$6" "$7" "${10}" "$8" "$9" "$1" "$(printf '%s' "$1" | sha256sum | cut -c1-64)"
  }
  sz=$(demo_token demo-sz-resources "resources:write resources:review resources:push")
  gd=$(demo_token demo-gd-resources "resources:write")
  if [ -z "$sz" ] || [ -z "$gd" ]; then say "demo resources skipped: no token for the demo resource clients (see $LOG_DIR/seed.log)"; return 0; fi
  n=0
  while IFS='|' read -r source title subject stage grade type duration; do
    id=$(demo_api "$sz" /api/v1/resources "$(demo_resource "$source" "$title" "$subject" "$stage" "$grade" "$type" "$duration" city 440300 "深圳市教育资源公共服务平台")")
    [ -n "$id" ] || die "demo resource $source could not be submitted (see $LOG_DIR/seed.log)"
    curl -fsS -H "Authorization: Bearer $sz" -H "Content-Type: application/json" -d '{"decision":"approve"}' \
      "http://127.0.0.1:$HUB_PORT/api/v1/resources/$id/review" >>"$LOG_DIR/seed.log" 2>&1 || die "demo resource $id could not be approved"
    curl -fsS -H "Authorization: Bearer $sz" -H "Content-Type: application/json" \
      -d '{"target":{"kind":"region","regionCode":"440300"},"note":"深圳市推荐资源（演示）"}' \
      "http://127.0.0.1:$HUB_PORT/api/v1/resources/$id/pushes" >>"$LOG_DIR/seed.log" 2>&1 || die "demo resource $id could not be pushed"
    n=$((n + 1))
  done <<'LIST'
sz-demo-0001|勾股定理微课|mathematics|junior|8|micro_lecture|420
sz-demo-0002|春（朱自清）教学设计|chinese|junior|7|lesson_plan|null
sz-demo-0003|光合作用探究实验课件|biology|junior|7|courseware|null
LIST
  demo_api "$gd" /api/v1/resources "$(demo_resource gd-demo-0001 "岭南文化综合实践活动案例" integrated_practice primary 5 case null province 440000 "广东省教育资源公共服务平台")" \
    >/dev/null || die "demo resource gd-demo-0001 could not be submitted"
  say "demo resources: $n approved and pushed to 深圳市, 1 awaiting review by the Guangdong admin"
  touch "$marker"
}
# Demo platforms with their own databases and adapters (issue 5): a provincial and a city platform, each taken through
# the real access workflow (`platforms seed-demo`: submitted, reviewed, approved with a client and a broker user), each
# with a database of generated people (valid ID numbers, schools, guardians; the city shares a slice of people with
# the province, so the hub sees the same person from two platforms), each synced by a Hub.Adapter.Host. The province
# also follows the feed of its subtree (its cities' changes) into its hub_feed_items.
DEMO_PLATFORMS="gd sz"
demo_platform() {  # slug → name region scope people seed share-args adapter-port follow
  case "$1" in
    gd) echo "广东省教育资源公共服务平台（演示）|440000|province|${HUB_DEMO_PEOPLE_GD:-20000}|1||5181|true" ;;
    sz) echo "深圳市教育资源公共服务平台（演示）|440300|city|${HUB_DEMO_PEOPLE_SZ:-10000}|2|--share-seed 1 --share-region 440000 --share-count 1500|5182|false" ;;
  esac
}
adapter_dll() { echo "$ROOT/src/Hub.Adapter.Host/bin/$CONFIG/net10.0/Hub.Adapter.Host.dll"; }
adapter_pid_file() { echo "$STATE/adapter-$1.pid"; }
adapter_running() { local f; f=$(adapter_pid_file "$1"); [ -f "$f" ] && kill -0 "$(cat "$f")" 2>/dev/null; }
platform_db_connection() { echo "$(pg_connection);Database=platform_$1"; }

seed_demo_platforms() {
  [ "${ASPNETCORE_ENVIRONMENT:-Development}" = Development ] || return 0
  local slug name region scope people seed share port follow
  for slug in $DEMO_PLATFORMS; do
    [ -s "$STATE/platform-$slug.env" ] && continue
    IFS='|' read -r name region scope people seed share port follow <<<"$(demo_platform "$slug")"
    say "demo platform $slug: access workflow, database platform_$slug with $people generated people"
    hub_run platforms seed-demo --name "$name" --region "$region" --scope "$scope" 2>>"$LOG_DIR/seed.log" \
      | grep -E '^[A-Z_]+=' >"$STATE/platform-$slug.env.new" || { cat "$LOG_DIR/seed.log" >&2; die "demo platform $slug could not be approved"; }
    PGPASSWORD=$PG_PASSWORD psql -h 127.0.0.1 -p "$PG_PORT" -U hub -d postgres -qc "DROP DATABASE IF EXISTS platform_$slug" -c "CREATE DATABASE platform_$slug" >/dev/null 2>&1
    # shellcheck disable=SC2086 # share is a list of arguments
    (cd "$(dirname "$(adapter_dll)")" && dotnet "$(adapter_dll)" seed-demo --connection "$(platform_db_connection "$slug")" \
      --people "$people" --region "$region" --seed "$seed" $share) >>"$LOG_DIR/seed.log" 2>&1 \
      || { tail -20 "$LOG_DIR/seed.log" >&2; die "demo platform database platform_$slug could not be seeded"; }
    chmod 600 "$STATE/platform-$slug.env.new"
    mv "$STATE/platform-$slug.env.new" "$STATE/platform-$slug.env"
  done
}

adapters_start() {
  local slug name region scope people seed share port follow
  for slug in $DEMO_PLATFORMS; do
    [ -s "$STATE/platform-$slug.env" ] || continue
    if adapter_running "$slug"; then say "adapter $slug already running"; continue; fi
    IFS='|' read -r name region scope people seed share port follow <<<"$(demo_platform "$slug")"
    (
      # shellcheck disable=SC1090
      . "$STATE/platform-$slug.env"
      export ASPNETCORE_ENVIRONMENT=${ASPNETCORE_ENVIRONMENT:-Development} Urls="http://127.0.0.1:$port"
      export HubAdapter__PlatformId="$PLATFORM_ID" HubAdapter__Host="$BROKER_HOST" HubAdapter__Port="$BROKER_PORT" \
        HubAdapter__VirtualHost="$BROKER_VHOST" HubAdapter__Username="$BROKER_USER" HubAdapter__Password="$BROKER_PASSWORD" \
        HubAdapter__HubUrl="http://127.0.0.1:$HUB_PORT/" HubAdapter__ClientId="$CLIENT_ID" HubAdapter__ClientSecret="$CLIENT_SECRET" \
        HubAdapter__Store__ConnectionString="$(platform_db_connection "$slug")" \
        HubAdapter__Source__Postgres__ConnectionString="$(platform_db_connection "$slug")" \
        HubAdapter__Follow__Enabled="$follow" HubAdapter__Follow__Interval=00:00:15
      cd "$(dirname "$(adapter_dll)")"
      nohup dotnet "$(adapter_dll)" >"$LOG_DIR/adapter-$slug.log" 2>&1 &
      echo $! >"$(adapter_pid_file "$slug")"
    )
    say "adapter $slug started (http://127.0.0.1:$port/health, log $LOG_DIR/adapter-$slug.log)"
  done
}

# Until every generated person has its hub id written back (or a reported rejection or conflict); bounded, since a
# sync that takes longer keeps going in the background and `./hub.sh status` shows where it stands.
wait_for_demo_sync() {
  local slug i left total
  for slug in $DEMO_PLATFORMS; do
    [ -s "$STATE/platform-$slug.env" ] || continue
    for i in $(seq 1 "${HUB_DEMO_SYNC_WAIT:-180}"); do
      left=$(demo_unsynced "$slug")
      [ "$left" = 0 ] && break
      adapter_running "$slug" || { tail -20 "$LOG_DIR/adapter-$slug.log" >&2; die "adapter $slug exited"; }
      [ $((i % 10)) -eq 0 ] && say "platform $slug: $left people still waiting for their hub ids"
      sleep 1
    done
    total=$(platform_sql "$slug" "SELECT count(*) FROM platform.people")
    say "platform $slug: $((total - left)) of $total people synced"
  done
}
platform_sql() { PGPASSWORD=$PG_PASSWORD psql -h 127.0.0.1 -p "$PG_PORT" -U hub -d "platform_$1" -qAtc "$2" 2>/dev/null || echo "?"; }
demo_unsynced() {
  platform_sql "$1" "SELECT count(*) FROM platform.people p WHERE p.hub_id IS NULL
    AND NOT EXISTS (SELECT 1 FROM platform.hub_record_issues i WHERE i.entity = 'people' AND i.key = p.local_id)"
}

adapters_stop() {
  local slug f
  for slug in $DEMO_PLATFORMS; do
    f=$(adapter_pid_file "$slug")
    if adapter_running "$slug"; then
      kill "$(cat "$f")" 2>/dev/null || true
      local i; for i in $(seq 1 20); do adapter_running "$slug" || break; sleep 0.5; done
      adapter_running "$slug" && kill -9 "$(cat "$f")" 2>/dev/null || true
      say "adapter $slug stopped"
    fi
    rm -f "$f"
  done
}

DEMO_OPERATOR_PERMISSIONS="people:read orgs:read orgs:write operators:manage platforms:apply platforms:review apps:review pilot:apply pilot:review pilot:decide exchange:manage support:handle support:manage resources:read resources:review resources:push resources:procure usage:read space:announce"

hub_pid_file() { echo "$STATE/hub.pid"; }
hub_running() { local f; f=$(hub_pid_file); [ -f "$f" ] && kill -0 "$(cat "$f")" 2>/dev/null; }

hub_start() {
  if hub_running; then say "hub already running (pid $(cat "$(hub_pid_file)"))"; return; fi
  hub_run migrate >"$LOG_DIR/migrate.log" 2>&1 || { cat "$LOG_DIR/migrate.log" >&2; die "migrations failed"; }
  say "migrations applied"
  (hub_env; cd "$(dirname "$(server_dll)")"; nohup dotnet "$(server_dll)" --urls "http://127.0.0.1:$HUB_PORT" >"$LOG_DIR/hub.log" 2>&1 &
   echo $! >"$(hub_pid_file)")
  local i
  for i in $(seq 1 60); do
    if curl -fsS "http://127.0.0.1:$HUB_PORT/health/ready" >/dev/null 2>&1; then say "hub ready on http://127.0.0.1:$HUB_PORT"; return; fi
    hub_running || { tail -30 "$LOG_DIR/hub.log" >&2; die "hub exited during start-up"; }
    sleep 1
  done
  tail -30 "$LOG_DIR/hub.log" >&2
  die "hub did not become ready"
}

hub_stop() {
  local f; f=$(hub_pid_file)
  if hub_running; then
    kill "$(cat "$f")" 2>/dev/null || true
    local i; for i in $(seq 1 30); do hub_running || break; sleep 0.5; done
    hub_running && kill -9 "$(cat "$f")" 2>/dev/null || true
    say "hub stopped"
  fi
  rm -f "$f"
}

print_urls() {
  cat <<EOF

  Hub                 http://127.0.0.1:$HUB_PORT/
  Health (ready)      http://127.0.0.1:$HUB_PORT/health/ready
  OIDC discovery      http://127.0.0.1:$HUB_PORT/.well-known/openid-configuration
  Sign in (demo)      http://127.0.0.1:$HUB_PORT/account/login  as $(cut -d' ' -f1 "$STATE/demo-people.txt" 2>/dev/null | head -1) / Demo-2026-pass (national admin)
                      or $(cut -d' ' -f1 "$STATE/demo-people.txt" 2>/dev/null | sed -n 2p) / Demo-2026-pass (Guangdong admin)
  Learning space      http://127.0.0.1:$HUB_PORT/space  (messages, files, pushed resources, data export; files on three local providers in $STATE/space/)
  Operator console    http://127.0.0.1:$HUB_PORT/console  (platform access, vendor apps, pilot application, schools, connection health, support, resource review)
  API docs            http://127.0.0.1:$HUB_PORT/api/docs
  OpenAPI document    http://127.0.0.1:$HUB_PORT/openapi/v1.json
  Demo OIDC clients   demo-gd-province (440000), demo-sz-city (440300); secret DEMO_PLATFORM_SECRET in $STATE/secrets.env
  Demo platforms      gd (440000) and sz (440300): databases platform_gd and platform_sz (schema platform), adapters
                      http://127.0.0.1:5181/health and http://127.0.0.1:5182/health; credentials in $STATE/platform-*.env
  RabbitMQ management http://127.0.0.1:$MGMT_PORT/  (user hub, password in $STATE/secrets.env)
  PostgreSQL          127.0.0.1:$PG_PORT database hub (user hub, password in $STATE/secrets.env)
  Logs                $LOG_DIR/

  Stop with Ctrl-C (when attached) or ./hub.sh down
EOF
}

# ---------------------------------------------------------------- commands
cmd_up() {
  local detach=0
  [ "${1:-}" = "--detach" ] || [ "${1:-}" = "-d" ] && detach=1
  [ -t 1 ] || detach=1
  ensure_packages
  profile up
  build
  pg_start
  (PGPASSWORD=$PG_PASSWORD psql -h 127.0.0.1 -p "$PG_PORT" -U hub -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname='hub'" | grep -q 1) \
    || PGPASSWORD=$PG_PASSWORD psql -h 127.0.0.1 -p "$PG_PORT" -U hub -d postgres -qc "CREATE DATABASE hub" >/dev/null
  rmq_start
  hub_start
  seed_demo
  seed_demo_operators
  seed_demo_schools
  seed_demo_resources
  seed_demo_platforms
  adapters_start
  wait_for_demo_sync
  print_urls
  if [ "$detach" -eq 1 ]; then return; fi
  say "attached: following the hub log (Ctrl-C stops everything)"
  tail -n 0 -F "$LOG_DIR/hub.log" &
  TAIL_PID=$!
  trap 'echo; kill "$TAIL_PID" 2>/dev/null; cmd_down; exit 0' INT TERM
  wait "$TAIL_PID"
}

cmd_down() {
  profile up
  adapters_stop
  hub_stop
  rmq_stop
  pg_stop
}

cmd_status() {
  profile up
  if pg_running; then say "PostgreSQL: running on 127.0.0.1:$PG_PORT"; else say "PostgreSQL: stopped"; fi
  if rmq_running; then say "RabbitMQ:   running on 127.0.0.1:$AMQP_PORT"; else say "RabbitMQ:   stopped"; fi
  if hub_running; then
    local ready; ready=$(curl -s "http://127.0.0.1:$HUB_PORT/health/ready" || echo unreachable)
    say "hub:        running on http://127.0.0.1:$HUB_PORT (ready: $ready)"
  else say "hub:        stopped"; fi
  local slug
  for slug in $DEMO_PLATFORMS; do
    [ -s "$STATE/platform-$slug.env" ] || continue
    if adapter_running "$slug"; then
      say "adapter $slug: running ($(demo_unsynced "$slug") people waiting for hub ids; health: $(curl -s "http://127.0.0.1:$(demo_platform "$slug" | cut -d'|' -f7)/health" || echo unreachable))"
    else say "adapter $slug: stopped"; fi
  done
}

cmd_test() {
  ensure_packages browser
  profile test
  # Globals, not locals: the EXIT trap runs after this function has returned.
  STARTED_PG=0 STARTED_RMQ=0 STARTED_S3=0
  pg_running || STARTED_PG=1
  rmq_running || STARTED_RMQ=1
  s3_running || STARTED_S3=1
  # shellcheck disable=SC2317
  cleanup() {
    if [ "$STARTED_S3" -eq 1 ]; then s3_stop; fi
    if [ "$STARTED_RMQ" -eq 1 ]; then rmq_stop; fi; if [ "$STARTED_PG" -eq 1 ]; then pg_stop; fi
  }
  trap cleanup EXIT
  pg_start
  rmq_start
  s3_start
  eval "$(s3_exports)"
  build
  export HUB_TEST_POSTGRES; HUB_TEST_POSTGRES=$(pg_connection)
  export HUB_TEST_RABBITMQ_HOST=127.0.0.1 HUB_TEST_RABBITMQ_PORT=$AMQP_PORT HUB_TEST_RABBITMQ_MANAGEMENT_PORT=$MGMT_PORT
  export HUB_TEST_RABBITMQ_USERNAME=hub HUB_TEST_RABBITMQ_PASSWORD=$RMQ_PASSWORD
  # Fault tests boot a RabbitMQ node of their own (and crash it) from the same binaries.
  export HUB_TEST_RABBITMQ_BIN=$RMQ_BIN
  export HUB_OIDC_CHECK_PORT=$((HUB_PORT + 1))
  export HUB_TEST_CHROMIUM; HUB_TEST_CHROMIUM=$(command -v chromium)
  local output="$LOG_DIR/dotnet-test.log" rc=0
  dotnet test Hub.sln -c "$CONFIG" --no-build -nologo "$@" 2>&1 | tee "$output" || rc=$?
  for check in "$ROOT"/tests/checks/*.sh; do
    [ -e "$check" ] || continue
    say "check: $(basename "$check")"
    bash "$check" || rc=1
  done
  summarize "$output"
  return $rc
}

# Regenerate the open interface spec specs/api/openapi.json from the code: OpenApiDocumentTests asks a test hub for
# its document and, with HUB_OPENAPI_WRITE=1, writes it normalised; then the specs check lints it.
cmd_openapi() {
  ensure_packages
  profile test
  STARTED_PG=0 STARTED_RMQ=0
  pg_running || STARTED_PG=1
  rmq_running || STARTED_RMQ=1
  # shellcheck disable=SC2317
  cleanup() { if [ "$STARTED_RMQ" -eq 1 ]; then rmq_stop; fi; if [ "$STARTED_PG" -eq 1 ]; then pg_stop; fi; }
  trap cleanup EXIT
  pg_start
  rmq_start
  export HUB_TEST_POSTGRES; HUB_TEST_POSTGRES=$(pg_connection)
  export HUB_TEST_RABBITMQ_HOST=127.0.0.1 HUB_TEST_RABBITMQ_PORT=$AMQP_PORT HUB_TEST_RABBITMQ_MANAGEMENT_PORT=$MGMT_PORT
  export HUB_TEST_RABBITMQ_USERNAME=hub HUB_TEST_RABBITMQ_PASSWORD=$RMQ_PASSWORD
  HUB_OPENAPI_WRITE=1 dotnet test tests/Hub.IntegrationTests -nologo -v:quiet \
    --filter "FullyQualifiedName~Hub.IntegrationTests.Api.OpenApiDocumentTests.CommittedDocument" || die "could not generate the document"
  say "specs/api/openapi.json regenerated; review it with git diff"
  bash "$ROOT/tests/checks/specs.sh"
}

# Start the test instances and print the variables a developer exports to run `dotnet test` by hand.
cmd_test_env() {
  ensure_packages browser
  profile test
  pg_start >&2
  rmq_start >&2
  s3_start >&2
  s3_exports
  echo "export HUB_TEST_POSTGRES='$(pg_connection)'"
  echo "export HUB_TEST_RABBITMQ_HOST=127.0.0.1 HUB_TEST_RABBITMQ_PORT=$AMQP_PORT HUB_TEST_RABBITMQ_MANAGEMENT_PORT=$MGMT_PORT"
  echo "export HUB_TEST_RABBITMQ_USERNAME=hub HUB_TEST_RABBITMQ_PASSWORD=$RMQ_PASSWORD HUB_TEST_RABBITMQ_BIN=$RMQ_BIN"
  echo "export HUB_TEST_CHROMIUM=$(command -v chromium)"
}

cmd_test_down() { profile test; s3_stop; rmq_stop; pg_stop; }

# One closing line over every test assembly, in the plain form CI reads
# ("Passed!  - Failed: 0, Passed: 11, Skipped: 0, Total: 11" per assembly → one sum).
summarize() {
  local passed=0 failed=0 skipped=0 f p k
  while read -r f p k; do
    passed=$((passed + p)); failed=$((failed + f)); skipped=$((skipped + k))
  done < <(sed -n 's/.*- Failed: *\([0-9]*\), Passed: *\([0-9]*\), Skipped: *\([0-9]*\),.*/\1 \2 \3/p' "$1")
  echo
  echo "Tests: $passed passed, $failed failed, $skipped skipped"
}

usage() {
  cat <<EOF
usage: ./hub.sh <command>
  up [--detach]   build, start PostgreSQL, RabbitMQ and the hub (attached unless --detach or not a terminal)
  down            stop everything 'up' started
  status          show what runs
  test [args]     start private test instances, run every test and check, stop them (args go to dotnet test)
  test-env        start the test instances and print the exports for running 'dotnet test' by hand
  openapi         regenerate specs/api/openapi.json from the code (on the test instances) and lint the specs
  cli ARGS        run a Hub.Server command against up's servers, e.g. cli clients add --id X --kind platform ...
  conformance URL check a platform's adapter at URL against the specs (e.g. http://127.0.0.1:5181 after up)
  test-down       stop the test instances
EOF
}

case "${1:-}" in
  up) shift; cmd_up "$@" ;;
  down) cmd_down ;;
  status) cmd_status ;;
  test) shift; cmd_test "$@" ;;
  test-env) cmd_test_env ;;
  openapi) cmd_openapi ;;
  cli) shift; profile up; hub_run "$@" ;;
  conformance) shift; profile up; hub_run conformance "$@" ;;
  test-down) cmd_test_down ;;
  *) usage; exit 2 ;;
esac
