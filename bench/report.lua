-- Shared by the wrk scripts: one machine-readable line with the figures bench/ reads.
done = function(summary, latency, requests)
  io.write(string.format("RESULT requests=%d non2xx=%d duration_us=%d p50_us=%d p95_us=%d p99_us=%d\n",
    summary.requests, summary.errors.status, summary.duration,
    latency:percentile(50), latency:percentile(95), latency:percentile(99)))
end
