package io.logpipe.cdk.stacks;

import io.logpipe.athena.AthenaTable;
import io.logpipe.athena.SqlFiles.SqlFile;
import io.logpipe.cdk.config.LogpipeConfig;
import io.logpipe.cdk.lake.LakeSql;
import io.logpipe.cdk.constructs.Retention;
import io.logpipe.processor.sink.archive.FirehoseArchiveSink;
import io.logpipe.processor.sink.archive.S3ArchiveConfig;
import io.logpipe.cdk.Nag;
import software.amazon.awscdk.CfnElement;
import software.amazon.awscdk.CfnOutput;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.services.athena.CfnNamedQuery;
import software.amazon.awscdk.services.athena.CfnWorkGroup;
import software.amazon.awscdk.services.glue.CfnDatabase;
import software.amazon.awscdk.services.glue.CfnTable;
import software.amazon.awscdk.services.iam.Effect;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.iam.PrincipalWithConditions;
import software.amazon.awscdk.services.kinesisfirehose.CfnDeliveryStream;
import software.amazon.awscdk.services.kms.Key;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.logs.LogStream;
import software.amazon.awscdk.services.quicksight.CfnDataSource;
import software.amazon.awscdk.services.s3.BlockPublicAccess;
import software.amazon.awscdk.services.s3.Bucket;
import software.amazon.awscdk.services.s3.BucketEncryption;
import software.amazon.awscdk.services.s3.IBucket;
import software.amazon.awscdk.services.s3.LifecycleRule;
import software.amazon.awscdk.services.s3.ObjectOwnership;
import software.amazon.awscdk.services.s3.StorageClass;
import software.amazon.awscdk.services.s3.Transition;
import software.constructs.Construct;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The data lake: one KMS-encrypted, versioned, TLS-only bucket with tiered lifecycle, two Firehose delivery streams
 * (raw CloudWatch payloads from the second subscription filter; structured documents from the processor, partitioned
 * dynamically and converted to Parquet), the Glue database and tables created from athena-queries' DDL, an Athena
 * workgroup and the named queries, all from the same .sql files the local tests run.
 */
public class DataLakeStack extends Stack {
    public static final String RAW_PREFIX = "logs/raw/";
    /** The processor's own default (S3ArchiveConfig), so both archive modes write the same layout. */
    public static final String STRUCTURED_PREFIX = S3ArchiveConfig.DEFAULT_PREFIX;
    public static final String RAW_S3_PREFIX = RAW_PREFIX + "dt=!{timestamp:yyyy-MM-dd}/hour=!{timestamp:HH}/";
    public static final String STRUCTURED_S3_PREFIX = STRUCTURED_PREFIX + FirehoseArchiveSink.S3_PREFIX_TEMPLATE;
    public static final String ATHENA_RESULTS_PREFIX = "athena-results/";
    /** Firehose delivery buffers; DataFreshness alarms allow twice the interval. */
    public static final int BUFFER_SECONDS = 300;
    /** Dynamic partitioning and Parquet conversion need at least 64 MiB; larger buffers mean fewer, bigger files. */
    public static final int STRUCTURED_BUFFER_MB = 128;
    public static final int RAW_BUFFER_MB = 64;
    /** Older object versions (overwritten or deleted objects) are kept this long, then removed. */
    public static final int NONCURRENT_VERSION_DAYS = 30;
    public static final int ATHENA_RESULTS_DAYS = 30;

    private final Key key;
    private final Bucket bucket;
    private final CfnDeliveryStream rawStream;
    private final CfnDeliveryStream structuredStream;
    private final String databaseName;
    private final CfnWorkGroup workGroup;
    private final List<CfnNamedQuery> namedQueries = new ArrayList<>();

    public DataLakeStack(Construct scope, String id, StackProps stackProps, LogpipeConfig config) {
        super(scope, id, stackProps);
        LogpipeConfig.Lake lake = config.lake();
        String env = config.env();

        key = Key.Builder.create(this, "LakeKey")
                .description("logpipe " + env + " data lake: S3 objects, Firehose output, Athena results")
                .enableKeyRotation(true)
                .removalPolicy(RemovalPolicy.RETAIN)
                .build();

        // S3 server access logging cannot write to SSE-KMS buckets: the log bucket uses SSE-S3.
        Bucket accessLogs = Bucket.Builder.create(this, "AccessLogBucket")
                .encryption(BucketEncryption.S3_MANAGED)
                .enforceSsl(true)
                .blockPublicAccess(BlockPublicAccess.BLOCK_ALL)
                .objectOwnership(ObjectOwnership.BUCKET_OWNER_ENFORCED)
                .lifecycleRules(List.of(LifecycleRule.builder().id("expire-access-logs")
                        .expiration(Duration.days(config.retentionDays().audit())).build()))
                .removalPolicy(RemovalPolicy.RETAIN)
                .build();
        Nag.acknowledge(accessLogs.getNode().getDefaultChild(), "AwsSolutions-S1",
                "This is the server access log bucket of the lake; logging it into itself would loop.");

        bucket = Bucket.Builder.create(this, "LakeBucket")
                .encryption(BucketEncryption.KMS)
                .encryptionKey(key)
                .bucketKeyEnabled(true)
                .enforceSsl(true)
                .minimumTlsVersion(1.2)
                .blockPublicAccess(BlockPublicAccess.BLOCK_ALL)
                .objectOwnership(ObjectOwnership.BUCKET_OWNER_ENFORCED)
                .versioned(true)
                .serverAccessLogsBucket(accessLogs)
                .serverAccessLogsPrefix("lake/")
                .lifecycleRules(List.of(
                        LifecycleRule.builder().id("tier-then-expire")
                                .transitions(List.of(
                                        Transition.builder().storageClass(StorageClass.INFREQUENT_ACCESS)
                                                .transitionAfter(Duration.days(lake.iaAfterDays())).build(),
                                        Transition.builder().storageClass(StorageClass.GLACIER_INSTANT_RETRIEVAL)
                                                .transitionAfter(Duration.days(lake.glacierAfterDays())).build()))
                                .expiration(Duration.days(lake.expireAfterDays()))
                                .noncurrentVersionExpiration(Duration.days(NONCURRENT_VERSION_DAYS))
                                .abortIncompleteMultipartUploadAfter(Duration.days(7))
                                .build(),
                        LifecycleRule.builder().id("expire-athena-results").prefix(ATHENA_RESULTS_PREFIX)
                                .expiration(Duration.days(ATHENA_RESULTS_DAYS)).build()))
                .removalPolicy(RemovalPolicy.RETAIN)
                .build();

        LakeSql sql = new LakeSql(bucket.getBucketName(), config.serviceNames());
        databaseName = "logpipe_" + env;
        CfnDatabase database = CfnDatabase.Builder.create(this, "GlueDatabase")
                .catalogId(getAccount())
                .databaseInput(CfnDatabase.DatabaseInputProperty.builder().name(databaseName)
                        .description("logpipe " + env + " data lake (athena-queries/src/main/sql/ddl)").build())
                .build();
        CfnTable structuredTable = null;
        for (SqlFile ddl : LakeSql.ddlFiles()) {
            AthenaTable table = sql.table(ddl);
            boolean parquet = table.name().equals(LakeSql.STRUCTURED_TABLE);
            CfnTable cfn = CfnTable.Builder.create(this, "Table-" + table.name())
                    .catalogId(getAccount())
                    .databaseName(databaseName)
                    .tableInput(LakeSql.tableInput(table, parquet))
                    .build();
            cfn.addResourceDependency(database);
            if (parquet) {
                structuredTable = cfn;
            }
        }
        if (structuredTable == null) {
            throw new IllegalStateException("athena-queries has no ddl for " + LakeSql.STRUCTURED_TABLE);
        }

        LogGroup firehoseLogs = LogGroup.Builder.create(this, "FirehoseLogs")
                .retention(Retention.of(config.retentionDays().pipeline()))
                .removalPolicy(RemovalPolicy.DESTROY)
                .build();
        LogStream rawLog = LogStream.Builder.create(this, "RawDeliveryLog").logGroup(firehoseLogs)
                .logStreamName("raw").removalPolicy(RemovalPolicy.DESTROY).build();
        LogStream structuredLog = LogStream.Builder.create(this, "StructuredDeliveryLog").logGroup(firehoseLogs)
                .logStreamName("structured").removalPolicy(RemovalPolicy.DESTROY).build();

        Role firehoseRole = Role.Builder.create(this, "FirehoseRole")
                .description("Firehose delivery into the logpipe " + env + " lake")
                .assumedBy(new PrincipalWithConditions(new ServicePrincipal("firehose.amazonaws.com"),
                        Map.of("StringEquals", Map.of("sts:ExternalId", getAccount()))))
                .build();
        firehoseRole.addToPolicy(PolicyStatement.Builder.create().effect(Effect.ALLOW)
                .actions(List.of("s3:GetBucketLocation", "s3:ListBucket", "s3:ListBucketMultipartUploads"))
                .resources(List.of(bucket.getBucketArn())).build());
        firehoseRole.addToPolicy(PolicyStatement.Builder.create().effect(Effect.ALLOW)
                .actions(List.of("s3:AbortMultipartUpload", "s3:GetObject", "s3:PutObject"))
                .resources(List.of(bucket.arnForObjects("logs/*"), bucket.arnForObjects("errors/*"))).build());
        firehoseRole.addToPolicy(PolicyStatement.Builder.create().effect(Effect.ALLOW)
                .actions(List.of("kms:GenerateDataKey", "kms:Decrypt"))
                .resources(List.of(key.getKeyArn())).build());
        firehoseRole.addToPolicy(PolicyStatement.Builder.create().effect(Effect.ALLOW)
                .actions(List.of("glue:GetTable", "glue:GetTableVersion", "glue:GetTableVersions"))
                .resources(List.of(
                        arn("glue", "catalog"),
                        arn("glue", "database/" + databaseName),
                        arn("glue", "table/" + databaseName + "/" + LakeSql.STRUCTURED_TABLE))).build());
        firehoseRole.addToPolicy(PolicyStatement.Builder.create().effect(Effect.ALLOW)
                .actions(List.of("logs:PutLogEvents"))
                .resources(List.of(firehoseLogs.getLogGroupArn())).build());
        String bucketId = (String) resolve(((CfnElement) bucket.getNode().getDefaultChild()).getLogicalId());
        for (String prefix : List.of("logs", "errors")) {
            Nag.acknowledge(firehoseRole.getNode().findChild("DefaultPolicy"),
                    "AwsSolutions-IAM5[Resource::<" + bucketId + ".Arn>/" + prefix + "/*]",
                    "Firehose names the objects it writes (partition prefixes, generated file names), so it may write "
                            + "any object under " + prefix + "/ of the lake bucket, and nothing else.");
        }

        CfnDeliveryStream.CloudWatchLoggingOptionsProperty rawLogging = logging(firehoseLogs, rawLog);
        rawStream = CfnDeliveryStream.Builder.create(this, "RawStream")
                .deliveryStreamName("logpipe-" + env + "-raw")
                .deliveryStreamType("DirectPut")
                .deliveryStreamEncryptionConfigurationInput(sse())
                .extendedS3DestinationConfiguration(CfnDeliveryStream.ExtendedS3DestinationConfigurationProperty.builder()
                        .bucketArn(bucket.getBucketArn())
                        .roleArn(firehoseRole.getRoleArn())
                        .prefix(RAW_S3_PREFIX)
                        .errorOutputPrefix("errors/raw/!{firehose:error-output-type}/dt=!{timestamp:yyyy-MM-dd}/")
                        .bufferingHints(buffer(RAW_BUFFER_MB))
                        // raw_logs reads gzip JSON lines: the payloads are decompressed, newline-delimited, re-gzipped.
                        .compressionFormat("GZIP")
                        .encryptionConfiguration(s3Encryption())
                        .cloudWatchLoggingOptions(rawLogging)
                        .processingConfiguration(CfnDeliveryStream.ProcessingConfigurationProperty.builder()
                                .enabled(true)
                                .processors(List.of(
                                        processor("Decompression", Map.of("CompressionFormat", "GZIP")),
                                        processor("AppendDelimiterToRecord", Map.of())))
                                .build())
                        .build())
                .build();

        structuredStream = CfnDeliveryStream.Builder.create(this, "StructuredStream")
                .deliveryStreamName("logpipe-" + env + "-structured")
                .deliveryStreamType("DirectPut")
                .deliveryStreamEncryptionConfigurationInput(sse())
                .extendedS3DestinationConfiguration(CfnDeliveryStream.ExtendedS3DestinationConfigurationProperty.builder()
                        .bucketArn(bucket.getBucketArn())
                        .roleArn(firehoseRole.getRoleArn())
                        .prefix(STRUCTURED_S3_PREFIX)
                        .errorOutputPrefix("errors/structured/!{firehose:error-output-type}/dt=!{timestamp:yyyy-MM-dd}/")
                        .bufferingHints(buffer(STRUCTURED_BUFFER_MB))
                        // Parquet pages are compressed by the serializer (Snappy); the S3 level must stay uncompressed.
                        .compressionFormat("UNCOMPRESSED")
                        .fileExtension(".parquet")
                        .encryptionConfiguration(s3Encryption())
                        .cloudWatchLoggingOptions(logging(firehoseLogs, structuredLog))
                        .dynamicPartitioningConfiguration(CfnDeliveryStream.DynamicPartitioningConfigurationProperty
                                .builder().enabled(true)
                                .retryOptions(CfnDeliveryStream.RetryOptionsProperty.builder().durationInSeconds(300).build())
                                .build())
                        .processingConfiguration(CfnDeliveryStream.ProcessingConfigurationProperty.builder()
                                .enabled(true)
                                // The processor packs many NDJSON documents per record (Firehose bills each record
                                // as at least 5 KB); de-aggregation splits them again first, so the partition query
                                // and the Parquet conversion see one document per record.
                                .processors(List.of(processor("RecordDeAggregation", Map.of(
                                                "SubRecordType", FirehoseArchiveSink.SUB_RECORD_TYPE)),
                                        processor("MetadataExtraction", Map.of(
                                                "MetadataExtractionQuery", FirehoseArchiveSink.PARTITION_KEYS_JQ,
                                                "JsonParsingEngine", "JQ-1.6"))))
                                .build())
                        .dataFormatConversionConfiguration(CfnDeliveryStream.DataFormatConversionConfigurationProperty
                                .builder().enabled(true)
                                .inputFormatConfiguration(CfnDeliveryStream.InputFormatConfigurationProperty.builder()
                                        .deserializer(CfnDeliveryStream.DeserializerProperty.builder()
                                                .openXJsonSerDe(CfnDeliveryStream.OpenXJsonSerDeProperty.builder()
                                                        .caseInsensitive(true)
                                                        // the DDL's SerDe mappings: column -> JSON key
                                                        .columnToJsonKeyMappings(new TreeMap<>(Map.of(
                                                                "ts", "@timestamp", "service_info", "service")))
                                                        .build())
                                                .build())
                                        .build())
                                .outputFormatConfiguration(CfnDeliveryStream.OutputFormatConfigurationProperty.builder()
                                        .serializer(CfnDeliveryStream.SerializerProperty.builder()
                                                .parquetSerDe(CfnDeliveryStream.ParquetSerDeProperty.builder()
                                                        .compression("SNAPPY").build())
                                                .build())
                                        .build())
                                .schemaConfiguration(CfnDeliveryStream.SchemaConfigurationProperty.builder()
                                        .catalogId(getAccount())
                                        .databaseName(databaseName)
                                        .tableName(LakeSql.STRUCTURED_TABLE)
                                        .region(getRegion())
                                        .roleArn(firehoseRole.getRoleArn())
                                        .versionId("LATEST")
                                        .build())
                                .build())
                        .build())
                .build();
        // Firehose checks its role and the schema when the stream is created.
        for (CfnDeliveryStream stream : List.of(rawStream, structuredStream)) {
            stream.getNode().addDependency(firehoseRole);
        }
        structuredStream.addResourceDependency(structuredTable);

        workGroup = CfnWorkGroup.Builder.create(this, "WorkGroup")
                .name("logpipe-" + env)
                .description("logpipe " + env + " data lake queries: enforced settings, encrypted results, scan cutoff")
                .state("ENABLED")
                .recursiveDeleteOption(true)
                .workGroupConfiguration(CfnWorkGroup.WorkGroupConfigurationProperty.builder()
                        .enforceWorkGroupConfiguration(true)
                        .publishCloudWatchMetricsEnabled(true)
                        .bytesScannedCutoffPerQuery(lake.athenaBytesScannedCutoffMb() * 1024L * 1024L)
                        .engineVersion(CfnWorkGroup.EngineVersionProperty.builder()
                                .selectedEngineVersion("Athena engine version 3").build())
                        .resultConfiguration(CfnWorkGroup.ResultConfigurationProperty.builder()
                                .outputLocation("s3://" + bucket.getBucketName() + "/" + ATHENA_RESULTS_PREFIX)
                                .encryptionConfiguration(CfnWorkGroup.EncryptionConfigurationProperty.builder()
                                        .encryptionOption("SSE_KMS").kmsKey(key.getKeyArn()).build())
                                .build())
                        .build())
                .build();

        for (SqlFile file : LakeSql.namedQueryFiles()) {
            namedQueries.add(namedQuery("Query-" + file.name(), file.name(), LakeSql.summary(file),
                    sql.substitute(file.text())));
        }
        // Glue cannot hold an Athena view's definition portably: the view's DDL is a saved query, run once.
        for (SqlFile file : LakeSql.viewFiles()) {
            namedQueries.add(namedQuery("View-" + file.name(), "create_view_" + file.name(),
                    "Run once to create the view: " + LakeSql.summary(file), sql.substitute(file.text())));
        }

        if (config.quicksight().enabled()) {
            quickSight(config);
        }

        CfnOutput.Builder.create(this, "LakeBucketName").value(bucket.getBucketName()).build();
        CfnOutput.Builder.create(this, "AthenaWorkGroup").value(workGroup.getRef()).build();
        CfnOutput.Builder.create(this, "GlueDatabaseName").value(databaseName).build();
        CfnOutput.Builder.create(this, "StructuredStreamName").value(structuredStream.getRef()).build();
    }

    private CfnNamedQuery namedQuery(String id, String name, String description, String text) {
        return CfnNamedQuery.Builder.create(this, id)
                .name(name)
                .description(description)
                .database(databaseName)
                .workGroup(workGroup.getRef())
                .queryString(text)
                .build();
    }

    private void quickSight(LogpipeConfig config) {
        String id = "logpipe-" + config.env() + "-athena";
        CfnDataSource.Builder.create(this, "QuickSightAthena")
                .awsAccountId(getAccount())
                .dataSourceId(id)
                .name("logpipe " + config.env() + " (Athena)")
                .type("ATHENA")
                .dataSourceParameters(CfnDataSource.DataSourceParametersProperty.builder()
                        .athenaParameters(CfnDataSource.AthenaParametersProperty.builder()
                                .workGroup(workGroup.getRef()).build())
                        .build())
                .permissions(List.of(CfnDataSource.ResourcePermissionProperty.builder()
                        .principal(config.quicksight().principalArn())
                        .actions(List.of("quicksight:DescribeDataSource", "quicksight:DescribeDataSourcePermissions",
                                "quicksight:PassDataSource", "quicksight:UpdateDataSource",
                                "quicksight:DeleteDataSource", "quicksight:UpdateDataSourcePermissions"))
                        .build()))
                .build();
    }

    private String arn(String service, String resource) {
        return "arn:" + getPartition() + ":" + service + ":" + getRegion() + ":" + getAccount() + ":" + resource;
    }

    private static CfnDeliveryStream.DeliveryStreamEncryptionConfigurationInputProperty sse() {
        // The AWS-owned key encrypts Firehose's own buffer; the objects in S3 use the lake's CMK.
        return CfnDeliveryStream.DeliveryStreamEncryptionConfigurationInputProperty.builder()
                .keyType("AWS_OWNED_CMK").build();
    }

    private CfnDeliveryStream.EncryptionConfigurationProperty s3Encryption() {
        return CfnDeliveryStream.EncryptionConfigurationProperty.builder()
                .kmsEncryptionConfig(CfnDeliveryStream.KMSEncryptionConfigProperty.builder()
                        .awskmsKeyArn(key.getKeyArn()).build())
                .build();
    }

    private static CfnDeliveryStream.BufferingHintsProperty buffer(int mb) {
        return CfnDeliveryStream.BufferingHintsProperty.builder().intervalInSeconds(BUFFER_SECONDS).sizeInMBs(mb).build();
    }

    private static CfnDeliveryStream.CloudWatchLoggingOptionsProperty logging(LogGroup group, LogStream stream) {
        return CfnDeliveryStream.CloudWatchLoggingOptionsProperty.builder().enabled(true)
                .logGroupName(group.getLogGroupName()).logStreamName(stream.getLogStreamName()).build();
    }

    private static CfnDeliveryStream.ProcessorProperty processor(String type, Map<String, String> parameters) {
        List<Object> params = new ArrayList<>();
        new TreeMap<>(parameters).forEach((name, value) -> params.add(
                CfnDeliveryStream.ProcessorParameterProperty.builder().parameterName(name).parameterValue(value).build()));
        // AppendDelimiterToRecord takes no parameters (a newline is its default).
        return params.isEmpty() ? CfnDeliveryStream.ProcessorProperty.builder().type(type).build()
                : CfnDeliveryStream.ProcessorProperty.builder().type(type).parameters(params).build();
    }

    public IBucket bucket() {
        return bucket;
    }

    public Key key() {
        return key;
    }

    /** The raw delivery stream, destination of the second subscription filter (ProcessingStack). */
    public String rawFirehoseArn() {
        return rawStream.getAttrArn();
    }

    public String rawFirehoseName() {
        return rawStream.getRef();
    }

    /** The processor's {@code LOGPIPE_FIREHOSE_STREAM} ({@code LOGPIPE_ARCHIVE=firehose}). */
    public String structuredFirehoseName() {
        return structuredStream.getRef();
    }

    public String structuredFirehoseArn() {
        return structuredStream.getAttrArn();
    }

    public String databaseName() {
        return databaseName;
    }

    public String workGroupName() {
        return workGroup.getRef();
    }

    public List<CfnNamedQuery> namedQueries() {
        return List.copyOf(namedQueries);
    }
}
