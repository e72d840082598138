-- wrk script: the minimal authenticated DRF endpoint.
local key = os.getenv("BENCH_KEY")
request = function()
  return wrk.format("GET", "/api/v1/whoami/", { ["Authorization"] = "Bearer " .. key }, nil)
end

dofile("bench/report.lua")  -- wrk runs from the project root
