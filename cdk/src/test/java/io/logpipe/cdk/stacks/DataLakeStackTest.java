package io.logpipe.cdk.stacks;

import io.logpipe.athena.AthenaTable;
import io.logpipe.athena.SqlFiles.SqlFile;
import io.logpipe.cdk.config.LogpipeConfig;
import io.logpipe.cdk.lake.LakeSql;
import io.logpipe.cdk.support.TestApps;
import io.logpipe.processor.sink.archive.FirehoseArchiveSink;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class DataLakeStackTest {
    private static final TestApps.Synthesized DEV = TestApps.synth("dev");
    private static final Template LAKE = Template.fromStack(DEV.pipeline().lake());
    private static final LogpipeConfig.Lake CONFIG = DEV.pipeline().config().lake();

    @Test
    void lakeBucketIsKmsEncryptedVersionedPrivateAndLogged() {
        LAKE.hasResourceProperties("AWS::S3::Bucket", Match.objectLike(Map.of(
                "BucketEncryption", Map.of("ServerSideEncryptionConfiguration", List.of(Match.objectLike(Map.of(
                        "BucketKeyEnabled", true,
                        "ServerSideEncryptionByDefault", Match.objectLike(Map.of("SSEAlgorithm", "aws:kms",
                                "KMSMasterKeyID", Match.anyValue())))))),
                "VersioningConfiguration", Map.of("Status", "Enabled"),
                "PublicAccessBlockConfiguration", Map.of("BlockPublicAcls", true, "BlockPublicPolicy", true,
                        "IgnorePublicAcls", true, "RestrictPublicBuckets", true),
                "LoggingConfiguration", Match.objectLike(Map.of("DestinationBucketName", Match.anyValue())))));
        LAKE.hasResourceProperties("AWS::KMS::Key", Map.of("EnableKeyRotation", true));
    }

    @Test
    void lifecycleTiersToInfrequentAccessThenGlacierIrThenExpires() {
        LAKE.hasResourceProperties("AWS::S3::Bucket", Match.objectLike(Map.of("LifecycleConfiguration", Map.of(
                "Rules", Match.arrayWith(List.of(Match.objectLike(Map.of(
                        "Id", "tier-then-expire",
                        "Status", "Enabled",
                        "Transitions", List.of(
                                Map.of("StorageClass", "STANDARD_IA", "TransitionInDays", CONFIG.iaAfterDays()),
                                Map.of("StorageClass", "GLACIER_IR", "TransitionInDays", CONFIG.glacierAfterDays())),
                        "ExpirationInDays", CONFIG.expireAfterDays(),
                        "NoncurrentVersionExpiration", Map.of("NoncurrentDays", DataLakeStack.NONCURRENT_VERSION_DAYS)))))))));
    }

    @Test
    void bucketsRefuseRequestsWithoutTls() {
        LAKE.resourceCountIs("AWS::S3::BucketPolicy", 2);
        LAKE.allResourcesProperties("AWS::S3::BucketPolicy", Match.objectLike(Map.of("PolicyDocument", Match.objectLike(
                Map.of("Statement", Match.arrayWith(List.of(Match.objectLike(Map.of(
                        "Effect", "Deny",
                        "Condition", Map.of("Bool", Map.of("aws:SecureTransport", "false")))))))))));
    }

    @Test
    void structuredStreamPartitionsWithTheSinksJqAndWritesParquetFromTheGlueSchema() {
        LAKE.hasResourceProperties("AWS::KinesisFirehose::DeliveryStream", Match.objectLike(Map.of(
                "DeliveryStreamType", "DirectPut",
                "DeliveryStreamEncryptionConfigurationInput", Map.of("KeyType", "AWS_OWNED_CMK"),
                "ExtendedS3DestinationConfiguration", Match.objectLike(Map.of(
                        "Prefix", "logs/structured/" + FirehoseArchiveSink.S3_PREFIX_TEMPLATE,
                        "ErrorOutputPrefix", Match.stringLikeRegexp("^errors/structured/"),
                        "CompressionFormat", "UNCOMPRESSED",
                        "EncryptionConfiguration", Map.of("KMSEncryptionConfig", Map.of("AWSKMSKeyARN", Match.anyValue())),
                        "CloudWatchLoggingOptions", Match.objectLike(Map.of("Enabled", true)),
                        "DynamicPartitioningConfiguration", Match.objectLike(Map.of("Enabled", true)),
                        // in this order: the sink packs NDJSON documents into records; de-aggregation splits them
                        // before the partition keys are extracted (and before the Parquet conversion)
                        "ProcessingConfiguration", Map.of("Enabled", true, "Processors", List.of(
                                Map.of("Type", "RecordDeAggregation", "Parameters", List.of(
                                        Map.of("ParameterName", "SubRecordType", "ParameterValue", "JSON"))),
                                Map.of("Type", "MetadataExtraction", "Parameters", List.of(
                                        Map.of("ParameterName", "JsonParsingEngine", "ParameterValue", "JQ-1.6"),
                                        Map.of("ParameterName", "MetadataExtractionQuery",
                                                "ParameterValue", FirehoseArchiveSink.PARTITION_KEYS_JQ))))),
                        "DataFormatConversionConfiguration", Match.objectLike(Map.of(
                                "Enabled", true,
                                "InputFormatConfiguration", Map.of("Deserializer", Map.of("OpenXJsonSerDe", Map.of(
                                        "CaseInsensitive", true,
                                        "ColumnToJsonKeyMappings", Map.of("service_info", "service", "ts", "@timestamp")))),
                                "OutputFormatConfiguration", Map.of("Serializer", Map.of("ParquetSerDe",
                                        Map.of("Compression", "SNAPPY"))),
                                "SchemaConfiguration", Match.objectLike(Map.of(
                                        "DatabaseName", "logpipe_dev", "TableName", "structured_logs",
                                        "VersionId", "LATEST")))))))));
    }

    @Test
    void rawStreamDecompressesCloudWatchPayloadsIntoGzipJsonLines() {
        LAKE.hasResourceProperties("AWS::KinesisFirehose::DeliveryStream", Match.objectLike(Map.of(
                "ExtendedS3DestinationConfiguration", Match.objectLike(Map.of(
                        "Prefix", "logs/raw/dt=!{timestamp:yyyy-MM-dd}/hour=!{timestamp:HH}/",
                        "CompressionFormat", "GZIP",
                        "EncryptionConfiguration", Map.of("KMSEncryptionConfig", Map.of("AWSKMSKeyARN", Match.anyValue())),
                        "ProcessingConfiguration", Map.of("Enabled", true, "Processors", List.of(
                                Map.of("Type", "Decompression", "Parameters", List.of(
                                        Map.of("ParameterName", "CompressionFormat", "ParameterValue", "GZIP"))),
                                Map.of("Type", "AppendDelimiterToRecord"))))))));
        LAKE.resourceCountIs("AWS::KinesisFirehose::DeliveryStream", 2);
        LAKE.hasResourceProperties("AWS::Logs::LogGroup",
                Map.of("RetentionInDays", DEV.pipeline().config().retentionDays().pipeline()));
    }

    @Test
    void glueTablesCarryTheDdlColumnsPartitionsAndProjection() {
        List<SqlFile> ddl = LakeSql.ddlFiles();
        assertThat(ddl).extracting(SqlFile::name).containsExactly("raw_logs", "structured_logs");
        LAKE.resourceCountIs("AWS::Glue::Table", ddl.size());
        for (SqlFile file : ddl) {
            AthenaTable table = AthenaTable.parse(file.text());
            Map<String, Object> projection = new java.util.LinkedHashMap<>();
            table.tableProperties().forEach((k, v) -> {
                if (k.startsWith("projection.")) {
                    projection.put(k, v.equals("${service_names}") ? "sample-app,ingest-api,unknown" : v);
                }
            });
            assertThat(projection).containsKey("projection.enabled");
            LAKE.hasResourceProperties("AWS::Glue::Table", Match.objectLike(Map.of(
                    "DatabaseName", "logpipe_dev",
                    "TableInput", Match.objectLike(Map.of(
                            "Name", table.name(),
                            "TableType", "EXTERNAL_TABLE",
                            "Parameters", Match.objectLike(projection),
                            "PartitionKeys", columns(table.partitionColumns()),
                            "StorageDescriptor", Match.objectLike(Map.of(
                                    "Columns", columns(table.columns()),
                                    "SerdeInfo", Match.objectLike(Map.of("SerializationLibrary",
                                            table.name().equals("structured_logs")
                                                    ? "org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe"
                                                    : table.serde())))))))));
        }
        // ${bucket} becomes the lake bucket; Athena's own ${service}/${dt}/${hour} stay for projection.
        LAKE.hasResourceProperties("AWS::Glue::Table", Match.objectLike(Map.of("TableInput", Match.objectLike(Map.of(
                "Name", "structured_logs",
                "Parameters", Match.objectLike(Map.of("storage.location.template", Map.of("Fn::Join", List.of("",
                        List.of("s3://", Match.objectLike(Map.of("Ref", Match.anyValue())),
                                "/logs/structured/service=${service}/dt=${dt}/hour=${hour}/"))))))))));
    }

    private static List<Object> columns(List<AthenaTable.Column> columns) {
        List<Object> out = new ArrayList<>();
        for (AthenaTable.Column c : columns) {
            out.add(Match.objectLike(Map.of("Name", c.name(), "Type", c.hiveType())));
        }
        return out;
    }

    @Test
    void everyNamedQueryIsItsSqlFileVerbatim() {
        List<SqlFile> named = LakeSql.namedQueryFiles();
        assertThat(named).hasSizeGreaterThanOrEqualTo(7);
        LAKE.resourceCountIs("AWS::Athena::NamedQuery", named.size() + LakeSql.viewFiles().size());
        for (SqlFile file : named) {
            LAKE.hasResourceProperties("AWS::Athena::NamedQuery", Match.objectLike(Map.of(
                    "Name", file.name(),
                    "Database", "logpipe_dev",
                    "QueryString", file.text())));
        }
    }

    @Test
    void workgroupIsEnforcedEncryptedAndCapsBytesScanned() {
        LAKE.hasResourceProperties("AWS::Athena::WorkGroup", Match.objectLike(Map.of(
                "Name", "logpipe-dev",
                "WorkGroupConfiguration", Match.objectLike(Map.of(
                        "EnforceWorkGroupConfiguration", true,
                        "BytesScannedCutoffPerQuery", CONFIG.athenaBytesScannedCutoffMb() * 1024L * 1024L,
                        "EngineVersion", Map.of("SelectedEngineVersion", "Athena engine version 3"),
                        "ResultConfiguration", Match.objectLike(Map.of(
                                "EncryptionConfiguration", Match.objectLike(Map.of("EncryptionOption", "SSE_KMS")))))))));
    }
}
