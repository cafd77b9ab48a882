# Shared by bench/push/run.sh and bench/usage/run.sh (sourced; expects ROOT, WORK, KEEP_SERVERS).
say() { printf '\033[1;34m[bench]\033[0m %s\n' "$*" >&2; }
die() { printf '\033[1;31m[bench]\033[0m %s\n' "$*" >&2; exit 1; }

mkdir -p "$WORK"

# The test servers of hub.sh; the pids let the bench account CPU per process (hub, PostgreSQL, RabbitMQ).
start_servers() {
  say "starting the test servers (./hub.sh test-env)"
  local env_log="$WORK/test-env.log"
  ./hub.sh test-env >"$WORK/test-env.sh" 2>"$env_log" \
    || { cat "$env_log" >&2; die "./hub.sh test-env failed"; }
  cat "$env_log" >&2
  # shellcheck disable=SC1091
  . "$WORK/test-env.sh"
  if [ "$KEEP_SERVERS" != 1 ] && ! grep -q "already running" "$env_log"; then
    trap 'say "stopping the test servers (./hub.sh test-down)"; ./hub.sh test-down >&2 || true' EXIT
  fi
  local pg_pid_file rmq_pid_file
  pg_pid_file=$(readlink -f "$ROOT/.hub/test/pg")/postmaster.pid
  rmq_pid_file="$ROOT/.hub/test/rabbitmq/rabbitmq.pid"
  PG_POSTMASTER_PID=$(head -1 "$pg_pid_file" 2>/dev/null || true)
  RABBIT_PID=$(cat "$rmq_pid_file" 2>/dev/null || true)
  export PG_POSTMASTER_PID RABBIT_PID
}

# A setting of the running test server (HUB_TEST_POSTGRES is "Host=…;Port=…;Username=…;Password=…").
pg_setting() {
  local host port user password
  host=$(sed -n 's/.*Host=\([^;]*\).*/\1/p' <<<"$HUB_TEST_POSTGRES")
  port=$(sed -n 's/.*Port=\([^;]*\).*/\1/p' <<<"$HUB_TEST_POSTGRES")
  user=$(sed -n 's/.*Username=\([^;]*\).*/\1/p' <<<"$HUB_TEST_POSTGRES")
  password=$(sed -n 's/.*Password=\([^;]*\).*/\1/p' <<<"$HUB_TEST_POSTGRES")
  PGPASSWORD=$password psql -h "$host" -p "$port" -U "$user" -d postgres -qAtc "SHOW $1"
}

machine() {
  local cpu mem os
  cpu=$(lscpu 2>/dev/null | sed -n 's/^Model name: *//p' | head -1)
  mem=$(awk '/MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo)
  # shellcheck disable=SC1091
  os=$(. /etc/os-release && echo "$PRETTY_NAME")
  echo "Machine: $(nproc) cores ($cpu), $mem, $os, .NET $(dotnet --version) SDK, commit $(git rev-parse --short HEAD)$(git diff --quiet HEAD -- src bench || echo ' (with uncommitted changes)')."
  echo "Database: the test profile of hub.sh (PostgreSQL 15, shared_buffers $(pg_setting shared_buffers), huge_pages $(pg_setting huge_pages) with vm.nr_hugepages $(cat /proc/sys/vm/nr_hugepages), fsync $(pg_setting fsync), synchronous_commit $(pg_setting synchronous_commit), full_page_writes $(pg_setting full_page_writes)); RabbitMQ 3.10, quorum queue hub.inbound."
}

# "NAME=value " for each setting given in the environment, to repeat the command exactly.
settings() {
  local name out=""
  for name in "$@"; do
    if [ -n "${!name:-}" ]; then out+="$name=${!name} "; fi
  done
  printf '%s' "$out"
}
