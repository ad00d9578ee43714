-- Log volume and cost by service: what each service puts into the data lake per day and what that costs to
-- keep and to scan. Sizes are the stored objects' own ("$file_size": gzip NDJSON, or Parquet from Firehose),
-- attributed to the service whose partition holds them; message_bytes is the UTF-8 size of the messages.
--
-- @param from_dt          varchar  first partition day, 'YYYY-MM-DD' (inclusive, UTC)
-- @param to_dt            varchar  last partition day, 'YYYY-MM-DD' (inclusive, UTC)
-- @param usd_per_gib_month double  storage price per GiB-month, e.g. 0.023 (S3 Standard)
-- @param usd_per_tib_scan  double  Athena price per TiB scanned, e.g. 5.0
--
-- Output: one row per service and day, ordered by service and day: events, errors, message_bytes, objects,
-- stored_bytes, stored_bytes_per_event, share_of_events (the service's share of that day's events, for
-- chargeback), storage_usd_month (keeping that day's objects one month) and full_scan_usd (one query reading
-- all of them).
WITH per_object AS (
  SELECT
    service,
    dt,
    "$path" AS object_path,
    max("$file_size") AS object_bytes,
    count(*) AS events,
    count_if(log.level IN ('ERROR', 'FATAL')) AS errors,
    sum(length(to_utf8(coalesce(message, '')))) AS message_bytes
  FROM structured_logs
  WHERE dt BETWEEN ? AND ?
  GROUP BY 1, 2, 3
),
per_day AS (
  SELECT
    service,
    dt,
    sum(events) AS events,
    sum(errors) AS errors,
    sum(message_bytes) AS message_bytes,
    count(*) AS objects,
    sum(object_bytes) AS stored_bytes
  FROM per_object
  GROUP BY 1, 2
),
prices AS (
  SELECT CAST(? AS double) AS usd_per_gib_month, CAST(? AS double) AS usd_per_tib_scan
)
SELECT
  d.service,
  d.dt,
  d.events,
  d.errors,
  d.message_bytes,
  d.objects,
  d.stored_bytes,
  CAST(d.stored_bytes AS double) / d.events AS stored_bytes_per_event,
  CAST(d.events AS double) / sum(d.events) OVER (PARTITION BY d.dt) AS share_of_events,
  d.stored_bytes / 1073741824e0 * p.usd_per_gib_month AS storage_usd_month,
  d.stored_bytes / 1099511627776e0 * p.usd_per_tib_scan AS full_scan_usd
FROM per_day AS d
CROSS JOIN prices AS p
ORDER BY d.service, d.dt
