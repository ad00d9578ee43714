-- Top error fingerprints: which errors happen most, where, and since when. error.fingerprint groups the same
-- error (type, masked message, top frames) across hosts, deploys and ids, so one row is one distinct problem.
--
-- @param from_dt varchar  first partition day, 'YYYY-MM-DD' (inclusive, UTC)
-- @param to_dt   varchar  last partition day, 'YYYY-MM-DD' (inclusive, UTC)
--
-- Output: the 50 most frequent fingerprints (edit the LIMIT for more), most frequent first, ties by fingerprint:
-- fingerprint, error_type, occurrences, services (sorted), hosts (distinct host.name), first_seen and last_seen
-- (UTC, within the range), last_message (error.message of the latest occurrence; redacted like all messages).
SELECT
  error.fingerprint AS fingerprint,
  min(error.type) AS error_type,
  count(*) AS occurrences,
  array_sort(array_agg(DISTINCT service)) AS services,
  count(DISTINCT host.name) AS hosts,
  min(from_iso8601_timestamp(ts)) AS first_seen,
  max(from_iso8601_timestamp(ts)) AS last_seen,
  max_by(error.message, from_iso8601_timestamp(ts)) AS last_message
FROM structured_logs
WHERE dt BETWEEN ? AND ?
  AND error.fingerprint IS NOT NULL
GROUP BY error.fingerprint
ORDER BY occurrences DESC, fingerprint
LIMIT 50
