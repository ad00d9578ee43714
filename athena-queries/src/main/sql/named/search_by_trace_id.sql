-- Search by trace id: every event of one distributed trace, across services, in time order. trace.id is as the
-- processor wrote it: 32 hex for W3C/OpenTelemetry ids, the root id (1-xxxxxxxx-...) for X-Ray headers.
-- The data lake has no index on trace.id: keep the day range narrow, each day is a full scan of that day.
--
-- @param trace_id varchar  the trace id, e.g. '4bf92f3577b34da6a3ce929d0e0e4736'
-- @param from_dt  varchar  first partition day, 'YYYY-MM-DD' (inclusive, UTC)
-- @param to_dt    varchar  last partition day, 'YYYY-MM-DD' (inclusive, UTC)
--
-- Output: one row per event, ordered by time then event id: event_time (UTC), service, environment, level,
-- event_id, span_id, host, method, path, status, duration_ms, error_type, message.
SELECT
  from_iso8601_timestamp(ts) AS event_time,
  service,
  service_info.environment AS environment,
  log.level AS level,
  event.id AS event_id,
  span.id AS span_id,
  host.name AS host,
  http.request.method AS method,
  url.path AS path,
  http.response.status_code AS status,
  event.duration / 1e6 AS duration_ms,
  error.type AS error_type,
  message
FROM structured_logs
WHERE trace.id = ?
  AND dt BETWEEN ? AND ?
ORDER BY ts, event.id
