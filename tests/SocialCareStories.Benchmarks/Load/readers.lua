-- Readers for wrk: each request picks a kind of page by weight (story, category, home, search, feed) and then one
-- of that kind's addresses at random, from a file the benchmark writes ("kind<TAB>path" per line).
-- Arguments after `--`: the address file, then the requests per second each wrk thread should send
-- (0 = as fast as the connections allow, for throughput; above 0 = paced, for the soak).
-- done() prints one line "WRK-RESULT {json}" that the benchmark reads.

local ffi = require("ffi")
ffi.cdef [[
  typedef struct { long tv_sec; long tv_nsec; } load_timespec;
  int clock_gettime(int clock, load_timespec *t);
]]
local CLOCK_MONOTONIC = 1
local now_ts = ffi.new("load_timespec")
local function now_ms()
  ffi.C.clock_gettime(CLOCK_MONOTONIC, now_ts)
  return tonumber(now_ts.tv_sec) * 1000 + tonumber(now_ts.tv_nsec) / 1e6
end

-- The mix: how many requests in 100 go to each kind.
local kinds = { "story", "category", "home", "search", "feed" }
local weights = { story = 50, category = 15, home = 10, search = 15, feed = 10 }

local threads = {}
local thread_count = 0

function setup(thread)
  thread_count = thread_count + 1
  thread:set("thread_number", thread_count)
  table.insert(threads, thread)
end

local paths = {}
local ladder = {}
local interval = 0
local next_due = nil

function init(args)
  local file = assert(io.open(args[1], "r"))
  for _, kind in ipairs(kinds) do
    paths[kind] = {}
  end
  for line in file:lines() do
    local kind, path = line:match("^(%a+)\t(.+)$")
    if kind and paths[kind] then
      table.insert(paths[kind], path)
    end
  end
  file:close()
  for _, kind in ipairs(kinds) do
    assert(#paths[kind] > 0, "no addresses of kind " .. kind)
    for _ = 1, weights[kind] do
      table.insert(ladder, kind)
    end
    _G["count_" .. kind] = 0
  end
  local rate = tonumber(args[2] or "0")
  if rate > 0 then
    interval = 1000 / rate
  else
    -- wrk asks after init whether the script has a delay function; without one it sends with no timer at all.
    delay = nil
  end
  -- Each thread its own sequence, so two threads do not ask for the same pages in the same order.
  math.randomseed(os.time() * 100 + thread_number)
end

function request()
  local kind = ladder[math.random(#ladder)]
  _G["count_" .. kind] = _G["count_" .. kind] + 1
  local list = paths[kind]
  return wrk.format("GET", list[math.random(#list)])
end

-- Paced runs: every request has a due time one interval after the previous one's, so the thread sends a steady
-- rate whatever the latency (as long as it has enough connections); a late request is sent at once, not skipped.
function delay()
  if interval == 0 then
    return 0
  end
  local now = now_ms()
  if next_due == nil then
    next_due = now
  end
  next_due = next_due + interval
  local wait = next_due - now
  if wait < 0 then
    return 0
  end
  return wait
end

function done(summary, latency, requests)
  local counts = {}
  for _, kind in ipairs(kinds) do
    local total = 0
    for _, thread in ipairs(threads) do
      total = total + (thread:get("count_" .. kind) or 0)
    end
    table.insert(counts, string.format('"%s":%d', kind, total))
  end
  local e = summary.errors
  io.write(string.format(
    'WRK-RESULT {"requests":%d,"durationMicroseconds":%d,"bytes":%d,' ..
    '"connectErrors":%d,"readErrors":%d,"writeErrors":%d,"statusErrors":%d,"timeouts":%d,' ..
    '"latencyMicroseconds":{"mean":%.1f,"p50":%d,"p90":%d,"p95":%d,"p99":%d,"max":%d},"sent":{%s}}\n',
    summary.requests, summary.duration, summary.bytes,
    e.connect, e.read, e.write, e.status, e.timeout,
    latency.mean, latency:percentile(50), latency:percentile(90), latency:percentile(95), latency:percentile(99), latency.max,
    table.concat(counts, ",")))
end
