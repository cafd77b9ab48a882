-- wrk script: OAuth 2.0 token requests, client_credentials grant, client_secret_basic.
--
-- Every request is byte-identical:
--   POST <path of the URL given to wrk> HTTP/1.1
--   Host: <host:port>
--   Authorization: Basic <TOKEN_BASIC>
--   Content-Type: application/x-www-form-urlencoded
--   Content-Length: <n>
--
--   grant_type=client_credentials&scope=<TOKEN_SCOPE>
--
-- Environment:
--   TOKEN_BASIC  base64("<client_id>:<client_secret>") (required; ids and secrets are
--                form-urlencoded first per RFC 6749 2.3.1, a no-op for [A-Za-z0-9-._~])
--   TOKEN_SCOPE  scope to request (default: api)
--
-- A response counts as good only if its status is 200 and its body carries an
-- "access_token". Everything else is counted as bad; done() prints the counts with the
-- latency percentiles as "bench.<key>=<value>" lines, which run.sh parses. A run with any
-- bad response or socket error is not a throughput result.

local basic = os.getenv("TOKEN_BASIC")
if basic == nil or basic == "" then
  error("TOKEN_BASIC is not set (base64 of client_id:client_secret)")
end
local scope = os.getenv("TOKEN_SCOPE") or "api"

wrk.method = "POST"
wrk.body = "grant_type=client_credentials&scope=" .. scope
wrk.headers["Authorization"] = "Basic " .. basic
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"

local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  bad = 0
  bad_status = 0
end

function response(status, headers, body)
  if status ~= 200 then
    bad = bad + 1
    bad_status = status
  elseif not string.find(body, '"access_token"', 1, true) then
    bad = bad + 1
    bad_status = -1
  end
end

function done(summary, latency, requests)
  local bad_total = 0
  local last_bad_status = 0
  for _, thread in ipairs(threads) do
    bad_total = bad_total + thread:get("bad")
    local s = thread:get("bad_status")
    if s ~= 0 then last_bad_status = s end
  end
  local e = summary.errors
  local seconds = summary.duration / 1e6
  io.write(string.format("bench.requests=%d\n", summary.requests))
  io.write(string.format("bench.duration_s=%.3f\n", seconds))
  io.write(string.format("bench.rps=%.1f\n", summary.requests / seconds))
  io.write(string.format("bench.p50_ms=%.2f\n", latency:percentile(50) / 1000))
  io.write(string.format("bench.p90_ms=%.2f\n", latency:percentile(90) / 1000))
  io.write(string.format("bench.p99_ms=%.2f\n", latency:percentile(99) / 1000))
  io.write(string.format("bench.max_ms=%.2f\n", latency.max / 1000))
  io.write(string.format("bench.non200=%d\n", bad_total))
  io.write(string.format("bench.last_bad_status=%d\n", last_bad_status))
  io.write(string.format("bench.socket_errors=%d\n", e.connect + e.read + e.write + e.timeout))
  io.write(string.format("bench.timeouts=%d\n", e.timeout))
end
