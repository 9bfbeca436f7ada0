-- wrk script for bench/run.py: POST valid printed-copy orders, each with its own email and
-- postal address, and count the answers that are the redirect to the confirmation page.
-- bench/run.py fills in the @...@ values from one GET of the form (CSRF cookie and token,
-- the signed 'started' token, the guides' quantity fields).

local path = @PATH@
local cookie = @COOKIE@
local body = @BODY@
local confirmation = @CONFIRMATION@

local threads = {}
local next_id = 1

function setup(thread)
  thread:set("id", next_id)
  next_id = next_id + 1
  table.insert(threads, thread)
end

function init(args)
  ok = 0
  bad = 0
  sent = 0
  wrk.method = "POST"
  wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
  wrk.headers["Cookie"] = cookie
end

function request()
  sent = sent + 1
  local unique = id .. "-" .. sent
  local order = body
    .. "&email=bench-" .. unique .. "%40example.org"
    .. "&address_line_1=" .. unique .. "+Bench+Street"
  return wrk.format("POST", path, nil, order)
end

function response(status, headers, response_body)
  local location = headers["Location"] or headers["location"] or ""
  if status == 302 and string.find(location, confirmation, 1, true) then
    ok = ok + 1
  else
    bad = bad + 1
  end
end

function done(summary, latency, requests)
  local total_ok, total_bad = 0, 0
  for _, thread in ipairs(threads) do
    total_ok = total_ok + thread:get("ok")
    total_bad = total_bad + thread:get("bad")
  end
  io.write(string.format("BENCH ok=%d bad=%d\n", total_ok, total_bad))
end
