-- P4 load for wrk: POSTs one fixed, signed GitHub push delivery to /events/github with a new
-- X-GitHub-Delivery per request, so the gateway stores a build for every request.
-- Environment: P4_BODY_FILE (the body), P4_SIGNATURE (its X-Hub-Signature-256), P4_RUN (a prefix
-- that makes delivery IDs unique across wrk runs on the same store).
-- done() prints one line "P4RESULT {json}" with the counts and latency percentiles (microseconds).

local thread_count = 0

function setup(thread)
  thread_count = thread_count + 1
  thread:set("thread_id", thread_count)
end

local body
local headers = {}
local prefix
local sent = 0

function init(args)
  local file = assert(io.open(os.getenv("P4_BODY_FILE"), "rb"))
  body = file:read("*a")
  file:close()
  prefix = (os.getenv("P4_RUN") or "p4") .. "-t" .. tostring(thread_id) .. "-"
  headers["Content-Type"] = "application/json"
  headers["X-GitHub-Event"] = "push"
  headers["X-Hub-Signature-256"] = os.getenv("P4_SIGNATURE")
end

function request()
  sent = sent + 1
  headers["X-GitHub-Delivery"] = prefix .. sent
  return wrk.format("POST", "/events/github", headers, body)
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    'P4RESULT {"requests":%d,"durationUs":%d,"non2xx":%d,"connect":%d,"read":%d,"write":%d,' ..
    '"timeout":%d,"p50":%d,"p90":%d,"p99":%d,"max":%d,"mean":%.1f}\n',
    summary.requests, summary.duration, e.status, e.connect, e.read, e.write, e.timeout,
    latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max,
    latency.mean))
end
