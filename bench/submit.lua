-- wrk script: POST /submit/ for a different draft each request, then print percentiles.
-- Each draft is submitted once; when the list runs out, requests go without an
-- Idempotency-Key to an already submitted filing and answer 409 (counted as non-2xx).
local ids = {}
for line in io.lines(os.getenv("BENCH_IDS")) do ids[#ids + 1] = line end
local key = os.getenv("BENCH_KEY")
local i = 0

request = function()
  i = i + 1
  local id = ids[((i - 1) % #ids) + 1]
  local headers = { ["Authorization"] = "Bearer " .. key }
  if i <= #ids then headers["Idempotency-Key"] = "bench-" .. id end
  return wrk.format("POST", "/api/v1/filings/" .. id .. "/submit/", headers, "")
end

dofile("bench/report.lua")  -- wrk runs from the project root
