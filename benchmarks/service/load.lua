-- wrk script for the service benchmark, driven by environment variables set by load.py:
--   BENCH_METHOD   GET or POST
--   BENCH_PATH     request path and query
--   BENCH_HEADERS  extra headers, one "Name: value" per line
--   BENCH_BODY     body template; "{n}" becomes a number unique per request (thread id and counter)
-- No response() callback: it would make wrk hand every body to Lua. Non-2xx/3xx answers are counted by wrk
-- itself (errors.status); done() prints them with the totals as one JSON line for load.py.

local method = os.getenv("BENCH_METHOD") or "GET"
local path = os.getenv("BENCH_PATH") or "/"
local body_template = os.getenv("BENCH_BODY")
local headers = {}
for line in (os.getenv("BENCH_HEADERS") or ""):gmatch("[^\n]+") do
  local name, value = line:match("^([^:]+):%s*(.*)$")
  if name then headers[name] = value end
end

local next_id = 0

function setup(thread)
  thread:set("thread_id", next_id)
  next_id = next_id + 1
end

local counter = 0

function request()
  local body = nil
  if body_template then
    counter = counter + 1
    body = body_template:gsub("{n}", tostring(thread_id) .. "-" .. tostring(counter))
  end
  return wrk.format(method, path, headers, body)
end

function done(summary, latency, requests)
  local errors = summary.errors
  io.write(string.format(
    '{"requests": %d, "duration_us": %d, "bytes": %d, "connect_errors": %d, "read_errors": %d, ' ..
    '"write_errors": %d, "status_errors": %d, "timeouts": %d, "latency_p50_us": %d, "latency_p99_us": %d}\n',
    summary.requests, summary.duration, summary.bytes, errors.connect, errors.read, errors.write,
    errors.status, errors.timeout, latency:percentile(50), latency:percentile(99)))
end
