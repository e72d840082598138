-- wrk script: the minimal authenticated DRF endpoint, same output line as submit.lua.
local key = os.getenv("BENCH_KEY")
request = function()
  return wrk.format("GET", "/api/v1/whoami/", { ["Authorization"] = "Bearer " .. key }, nil)
end
done = function(summary, latency, requests)
  io.write(string.format("RESULT requests=%d non2xx=%d duration_us=%d p50_us=%d p95_us=%d p99_us=%d\n",
    summary.requests, summary.errors.status, summary.duration,
    latency:percentile(50), latency:percentile(95), latency:percentile(99)))
end
