-- structured_logs: one row per processor document (docs/schema.md), from the data lake's
--   s3://${bucket}/logs/structured/service=<svc>/dt=YYYY-MM-DD/hour=HH/*.ndjson.gz
--
-- Athena (Glue) DDL, Hive dialect. Template variables, substituted by whoever creates the table (the CDK, or by
-- hand): ${bucket} (the data lake bucket) and ${service_names} (comma-separated list of services for the `enum`
-- projection). ${service}, ${dt} and ${hour} inside storage.location.template are Athena's own and stay as written.
--
-- Partitions are projected (no crawler, no MSCK REPAIR, no ALTER TABLE ADD PARTITION). `service` is an `enum`, not
-- `injected`: injected columns require `service = '<literal>'` in every query, which rules out the cross-service
-- reports; the price is that a new service needs its name added to projection.service.values (a CDK deploy).
-- Every query must bound `dt` (the named queries take it as parameters), otherwise Athena projects every day
-- since 2020-01-01.
--
-- Column mapping (see athena-queries/README.md):
--   * ECS objects become struct<...> columns with the same field names; JSON keys are matched case-insensitively.
--   * `@timestamp` cannot be a column name: the column is `ts`, mapped with 'mapping.ts'='@timestamp'.
--   * The document's `service` object would clash with the `service` partition column: the column is
--     `service_info`, mapped with 'mapping.service_info'='service'. The partition `service` is service.name made
--     key-safe by the archive sink (ASCII lower-cased, anything outside [a-z0-9._-] as `_`, `unknown` if absent).
--   * `attributes` (an OpenSearch flat_object: any keys, any nesting, any value types) is a string column: the
--     OpenX SerDe returns a nested object as its JSON text, read with json_extract_scalar(attributes, '$.a.b').
--   * Timestamps stay ISO-8601 strings (`2024-03-12T10:15:32.481Z`); from_iso8601_timestamp(ts) reads them.
--   * Fields that a document omits (docs/schema.md: absent, never null) read as NULL.
--
-- Firehose variant: where Firehose writes this prefix as Parquet (record format conversion), create the same
-- columns with STORED AS PARQUET instead of ROW FORMAT SERDE/STORED AS INPUTFORMAT...OUTPUTFORMAT, and give
-- Firehose's OpenX deserializer ColumnToJsonKeyMappings {"ts": "@timestamp", "service_info": "service"}; the
-- conversion then stores the columns under these names and the queries are unchanged.
CREATE EXTERNAL TABLE IF NOT EXISTS structured_logs (
  `ts` string COMMENT '@timestamp: when the event happened, ISO-8601 UTC with milliseconds',
  `message` string,
  `log` struct<level:string,logger:string,iostream:string>,
  `event` struct<id:string,dataset:string,action:string,created:string,duration:bigint>,
  `service_info` struct<name:string,environment:string>,
  `host` struct<name:string>,
  `cloud` struct<provider:string,account:struct<id:string>,region:string>,
  `aws` struct<cloudwatch:struct<log_group:string,log_stream:string>,ecs:struct<cluster:string,task_arn:string,task_definition:string>,lambda:struct<request_id:string,platform_event:string,status:string,duration_ms:double,billed_duration_ms:double,memory_size_mb:bigint,max_memory_used_mb:bigint,init_duration_ms:double>>,
  `faas` struct<name:string>,
  `container` struct<id:string,name:string>,
  `process` struct<thread:struct<name:string>>,
  `http` struct<request:struct<method:string,referrer:string>,response:struct<status_code:int,body:struct<bytes:bigint>>,version:string>,
  `url` struct<path:string,query:string>,
  `source` struct<ip:string>,
  `user_agent` struct<original:string>,
  `error` struct<type:string,message:string,stack_trace:string,fingerprint:string>,
  `trace` struct<id:string>,
  `span` struct<id:string>,
  `user` struct<id:string>,
  `kafka` struct<topic:string,partition:int,offset:bigint,key:string>,
  `tags` array<string>,
  `attributes` string COMMENT 'flat_object as JSON text'
)
PARTITIONED BY (
  `service` string COMMENT 'service.name',
  `dt` string COMMENT 'UTC day of @timestamp, YYYY-MM-DD',
  `hour` string COMMENT 'UTC hour of @timestamp, 00-23'
)
ROW FORMAT SERDE 'org.openx.data.jsonserde.JsonSerDe'
WITH SERDEPROPERTIES (
  'mapping.ts' = '@timestamp',
  'mapping.service_info' = 'service',
  'case.insensitive' = 'true',
  'ignore.malformed.json' = 'false'
)
STORED AS INPUTFORMAT 'org.apache.hadoop.mapred.TextInputFormat'
OUTPUTFORMAT 'org.apache.hadoop.hive.ql.io.HiveIgnoreKeyTextOutputFormat'
LOCATION 's3://${bucket}/logs/structured/'
TBLPROPERTIES (
  'projection.enabled' = 'true',
  'projection.service.type' = 'enum',
  'projection.service.values' = '${service_names}',
  'projection.dt.type' = 'date',
  'projection.dt.format' = 'yyyy-MM-dd',
  'projection.dt.range' = '2020-01-01,NOW',
  'projection.dt.interval' = '1',
  'projection.dt.interval.unit' = 'DAYS',
  'projection.hour.type' = 'integer',
  'projection.hour.range' = '0,23',
  'projection.hour.digits' = '2',
  'storage.location.template' = 's3://${bucket}/logs/structured/service=${service}/dt=${dt}/hour=${hour}/',
  'classification' = 'json',
  'compressionType' = 'gzip'
);
