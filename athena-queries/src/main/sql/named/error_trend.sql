-- Error trend: how many ERROR/FATAL events each service logged per hour or per day, next to its total volume.
-- The data behind an "errors over time" chart and a first look at which service started failing when.
--
-- @param period  varchar  'hour' or 'day' (any date_trunc unit): the bucket size
-- @param from_dt varchar  first partition day, 'YYYY-MM-DD' (inclusive, UTC)
-- @param to_dt   varchar  last partition day, 'YYYY-MM-DD' (inclusive, UTC)
--
-- Output: one row per service and bucket that has events (a bucket without events has no row), ordered by
-- service and time: period_start (UTC), events, errors (log.level ERROR or FATAL), fatal, error_ratio.
-- Run in Athena with execution parameters, e.g. EXECUTE error_trend USING 'hour', '2024-03-12', '2024-03-12'.
SELECT
  service,
  date_trunc(?, from_iso8601_timestamp(ts)) AS period_start,
  count(*) AS events,
  count_if(log.level IN ('ERROR', 'FATAL')) AS errors,
  count_if(log.level = 'FATAL') AS fatal,
  CAST(count_if(log.level IN ('ERROR', 'FATAL')) AS double) / count(*) AS error_ratio
FROM structured_logs
WHERE dt BETWEEN ? AND ?
GROUP BY 1, 2
ORDER BY service, period_start
