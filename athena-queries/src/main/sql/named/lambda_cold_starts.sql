-- Lambda cold starts and duration, from the platform's REPORT lines (aws.lambda.platform_event = 'report';
-- an Init Duration on the line means the invocation started a new execution environment).
--
-- @param period  varchar  'hour' or 'day' (any date_trunc unit): the bucket size
-- @param from_dt varchar  first partition day, 'YYYY-MM-DD' (inclusive, UTC)
-- @param to_dt   varchar  last partition day, 'YYYY-MM-DD' (inclusive, UTC)
--
-- Output: one row per service, function (faas.name) and bucket, ordered by those: invocations, cold_starts,
-- cold_start_ratio, avg_init_ms, max_init_ms, avg_duration_ms, p95_duration_ms (approximate), max_duration_ms,
-- timeouts (Status: timeout), gb_seconds (billed duration x configured memory, what Lambda bills) and
-- max_memory_used_mb / memory_size_mb (headroom).
SELECT
  service,
  faas.name AS function_name,
  date_trunc(?, from_iso8601_timestamp(ts)) AS period_start,
  count(*) AS invocations,
  count_if(aws.lambda.init_duration_ms IS NOT NULL) AS cold_starts,
  CAST(count_if(aws.lambda.init_duration_ms IS NOT NULL) AS double) / count(*) AS cold_start_ratio,
  avg(aws.lambda.init_duration_ms) AS avg_init_ms,
  max(aws.lambda.init_duration_ms) AS max_init_ms,
  avg(aws.lambda.duration_ms) AS avg_duration_ms,
  approx_percentile(aws.lambda.duration_ms, 0.95) AS p95_duration_ms,
  max(aws.lambda.duration_ms) AS max_duration_ms,
  count_if(aws.lambda.status = 'timeout') AS timeouts,
  sum(aws.lambda.billed_duration_ms / 1000e0 * aws.lambda.memory_size_mb / 1024e0) AS gb_seconds,
  max(aws.lambda.max_memory_used_mb) AS max_memory_used_mb,
  max(aws.lambda.memory_size_mb) AS memory_size_mb
FROM structured_logs
WHERE dt BETWEEN ? AND ?
  AND aws.lambda.platform_event = 'report'
GROUP BY 1, 2, 3
ORDER BY service, function_name, period_start
