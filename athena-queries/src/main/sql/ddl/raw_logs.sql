-- raw_logs: one row per CloudWatch Logs subscription payload as delivered, from
--   s3://${bucket}/logs/raw/dt=YYYY-MM-DD/hour=HH/*.gz
-- Each object holds the decoded payloads (gunzipped `awslogs.data`), one JSON object per line, gzip-compressed
-- (the local run's archive sink writes it so; a Firehose stream fed by the subscription must have CloudWatch
-- Logs decompression on and append a newline delimiter, or Athena sees several payloads on one line).
-- dt/hour are the UTC delivery hour. The view raw_log_events (views/raw_log_events.sql) has one row per event.
--
-- Athena (Glue) DDL, Hive dialect; ${bucket} is a template variable (see structured_logs.sql). JSON keys are
-- matched case-insensitively, so `logGroup` fills `loggroup` (Hive lower-cases column names anyway).
CREATE EXTERNAL TABLE IF NOT EXISTS raw_logs (
  `messagetype` string COMMENT 'DATA_MESSAGE, or CONTROL_MESSAGE for the health check',
  `owner` string COMMENT 'AWS account id of the log group',
  `loggroup` string,
  `logstream` string,
  `subscriptionfilters` array<string>,
  `logevents` array<struct<id:string,timestamp:bigint,message:string>> COMMENT 'timestamp: epoch milliseconds',
  `policylevel` string COMMENT 'ACCOUNT_LEVEL_POLICY for account-level subscription filters, else absent'
)
PARTITIONED BY (
  `dt` string COMMENT 'UTC delivery day, YYYY-MM-DD',
  `hour` string COMMENT 'UTC delivery hour, 00-23'
)
ROW FORMAT SERDE 'org.openx.data.jsonserde.JsonSerDe'
WITH SERDEPROPERTIES (
  'case.insensitive' = 'true',
  'ignore.malformed.json' = 'false'
)
STORED AS INPUTFORMAT 'org.apache.hadoop.mapred.TextInputFormat'
OUTPUTFORMAT 'org.apache.hadoop.hive.ql.io.HiveIgnoreKeyTextOutputFormat'
LOCATION 's3://${bucket}/logs/raw/'
TBLPROPERTIES (
  'projection.enabled' = 'true',
  'projection.dt.type' = 'date',
  'projection.dt.format' = 'yyyy-MM-dd',
  'projection.dt.range' = '2020-01-01,NOW',
  'projection.dt.interval' = '1',
  'projection.dt.interval.unit' = 'DAYS',
  'projection.hour.type' = 'integer',
  'projection.hour.range' = '0,23',
  'projection.hour.digits' = '2',
  'storage.location.template' = 's3://${bucket}/logs/raw/dt=${dt}/hour=${hour}/',
  'classification' = 'json',
  'compressionType' = 'gzip'
);
