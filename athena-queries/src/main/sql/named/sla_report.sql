-- SLA report: availability per service per week or month, measured against an SLO. Availability is
-- 1 - 5xx / total over the events that carry an HTTP status (access logs and structured request logs;
-- a request logged by two layers, say nginx and the app, counts twice).
--
-- @param period  varchar  'week' (ISO weeks, starting Monday) or 'month'
-- @param from_dt varchar  first partition day, 'YYYY-MM-DD' (inclusive, UTC); align it with the period start,
--                         or the first period is partial
-- @param to_dt   varchar  last partition day, 'YYYY-MM-DD' (inclusive, UTC)
-- @param slo     double   the availability objective, e.g. 0.999 (must be below 1)
--
-- Output: one row per service and period with requests, ordered by service and period: period_start (UTC),
-- requests, errors_5xx, availability, slo, meets_slo, allowed_5xx (the error budget in requests) and
-- budget_remaining (1 - errors_5xx / allowed_5xx; negative once the budget is spent).
WITH per_period AS (
  SELECT
    service,
    date_trunc(?, from_iso8601_timestamp(ts)) AS period_start,
    count(*) AS requests,
    count_if(http.response.status_code >= 500) AS errors_5xx
  FROM structured_logs
  WHERE dt BETWEEN ? AND ?
    AND http.response.status_code IS NOT NULL
  GROUP BY 1, 2
),
objective AS (
  SELECT CAST(? AS double) AS slo
)
SELECT
  p.service,
  p.period_start,
  p.requests,
  p.errors_5xx,
  1 - CAST(p.errors_5xx AS double) / p.requests AS availability,
  o.slo,
  1 - CAST(p.errors_5xx AS double) / p.requests >= o.slo AS meets_slo,
  (1 - o.slo) * p.requests AS allowed_5xx,
  1 - p.errors_5xx / ((1 - o.slo) * p.requests) AS budget_remaining
FROM per_period AS p
CROSS JOIN objective AS o
ORDER BY p.service, p.period_start
