-- raw_log_events: one row per CloudWatch log event of raw_logs (logEvents unnested), CONTROL_MESSAGE health
-- checks left out. Use it to see exactly what CloudWatch delivered, e.g. to compare with structured_logs by
-- event id (structured_logs.event.id = raw_log_events.event_id), or to look at lines the processor dead-lettered.
-- Bound dt (and hour) as with the tables: they are raw_logs' partition columns, so filters on them prune.
--
-- Athena view (engine v3 SQL); runs unchanged on Trino.
CREATE OR REPLACE VIEW raw_log_events AS
SELECT
  r.dt,
  r.hour,
  r.owner AS account_id,
  r.loggroup AS log_group,
  r.logstream AS log_stream,
  r.subscriptionfilters AS subscription_filters,
  e.event_id,
  e.event_timestamp_ms,
  from_unixtime(e.event_timestamp_ms / 1000e0) AS event_time,
  e.message
FROM raw_logs AS r
CROSS JOIN UNNEST(r.logevents) AS e (event_id, event_timestamp_ms, message)
WHERE r.messagetype = 'DATA_MESSAGE'
