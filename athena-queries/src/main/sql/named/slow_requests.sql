-- Slow requests: request time percentiles (p50, p95, p99) per service per hour, the data of the latency
-- heatmap. Request time is event.duration: an access log's trailing request time, or a record's duration_ms,
-- latency_ms, elapsed_ms, response_time_ms, responseTime or request_time (docs/schema.md); events without
-- one are left out.
--
-- @param from_dt varchar  first partition day, 'YYYY-MM-DD' (inclusive, UTC)
-- @param to_dt   varchar  last partition day, 'YYYY-MM-DD' (inclusive, UTC)
--
-- Output: one row per service and hour with timed events, ordered by service and hour: hour_start (UTC),
-- requests, p50_ms, p95_ms, p99_ms (approx_percentile: approximate, a few percent of rank), max_ms (exact).
WITH per_hour AS (
  SELECT
    service,
    date_trunc('hour', from_iso8601_timestamp(ts)) AS hour_start,
    count(*) AS requests,
    approx_percentile(event.duration / 1e6, ARRAY[0.50, 0.95, 0.99]) AS quantiles_ms,
    max(event.duration) / 1e6 AS max_ms
  FROM structured_logs
  WHERE dt BETWEEN ? AND ?
    AND event.duration IS NOT NULL
  GROUP BY 1, 2
)
SELECT
  service,
  hour_start,
  requests,
  quantiles_ms[1] AS p50_ms,
  quantiles_ms[2] AS p95_ms,
  quantiles_ms[3] AS p99_ms,
  max_ms
FROM per_hour
ORDER BY service, hour_start
