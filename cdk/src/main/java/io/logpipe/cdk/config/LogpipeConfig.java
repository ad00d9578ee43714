package io.logpipe.cdk.config;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * One environment's settings, read from the CDK context key {@code logpipe:<env>} (root cdk.json).
 * Every section has defaults (the dev values), so a context only names what differs; an unknown key or a
 * value out of range fails synthesis with a message naming the key. docs/deploy.md has the table.
 *
 * @param env           environment name (dev, prod): stack names, resource names and tags
 * @param retentionDays CloudWatch Logs retention per tier
 * @param accountPolicy one account-level subscription filter policy instead of one filter per log group
 */
public record LogpipeConfig(
        String env,
        Retention retentionDays,
        VpcSettings vpc,
        OpenSearch opensearch,
        Processor processor,
        List<Service> services,
        boolean accountPolicy,
        Alerts alerts,
        Msk msk,
        QuickSight quicksight,
        Budgets budgets,
        Lake lake,
        Apps apps,
        Redaction redaction) {

    /** The values CloudWatch Logs accepts for a log group's retention. */
    public static final Set<Integer> CLOUDWATCH_RETENTION_DAYS = Set.of(1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180,
            365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653);

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    public LogpipeConfig {
        require(env != null && env.matches("[a-z][a-z0-9]{0,9}"), "env must be 1-10 lower-case letters/digits, was " + env);
        retentionDays = Objects.requireNonNullElseGet(retentionDays, () -> new Retention(0, 0, 0));
        vpc = Objects.requireNonNullElseGet(vpc, () -> new VpcSettings(0));
        opensearch = Objects.requireNonNullElseGet(opensearch, () -> new OpenSearch(null, 0, false, null, 0, 0, 0));
        processor = Objects.requireNonNullElseGet(processor, () -> new Processor(0, 0, 0));
        services = services == null ? Service.DEFAULTS : List.copyOf(services);
        alerts = Objects.requireNonNullElseGet(alerts, () -> new Alerts(null, null, null));
        msk = Objects.requireNonNullElseGet(msk, () -> new Msk(false, 0, 0, null, 0));
        quicksight = Objects.requireNonNullElseGet(quicksight, () -> new QuickSight(false, null));
        budgets = Objects.requireNonNullElseGet(budgets, () -> new Budgets(0, null));
        lake = Objects.requireNonNullElseGet(lake, () -> new Lake(0, 0, 0, 0));
        apps = Objects.requireNonNullElseGet(apps, () -> new Apps(null, null));
        redaction = Objects.requireNonNullElseGet(redaction, () -> new Redaction(null));
        Set<String> names = new HashSet<>();
        Set<String> groups = new HashSet<>();
        for (Service s : services) {
            require(names.add(s.name()), "services: duplicate name " + s.name());
            require(groups.add(s.logGroup()), "services: duplicate logGroup " + s.logGroup());
        }
    }

    /**
     * Reads the context value of {@code logpipe:<env>} (the Map the CDK hands over).
     *
     * @throws IllegalArgumentException naming the offending key when a value is missing, unknown or out of range
     */
    public static LogpipeConfig fromContext(String env, Object contextValue) {
        if (!(contextValue instanceof Map<?, ?> map)) {
            throw new IllegalArgumentException("context key logpipe:" + env + " is missing or not an object (see cdk.json)");
        }
        Map<String, Object> withEnv = new java.util.TreeMap<>();
        map.forEach((k, v) -> withEnv.put(String.valueOf(k), v));
        withEnv.put("env", env);
        try {
            return MAPPER.convertValue(withEnv, LogpipeConfig.class);
        } catch (IllegalArgumentException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            throw new IllegalArgumentException("invalid context logpipe:" + env + ": " + rootMessage(cause), e);
        }
    }

    /** "Dev" for "dev": the middle part of stack names (Logpipe-Dev-Network). */
    public String envTitle() {
        return Character.toUpperCase(env.charAt(0)) + env.substring(1);
    }

    public boolean isProd() {
        return env.equals("prod");
    }

    private static String rootMessage(Throwable t) {
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        String m = t.getMessage();
        return m == null ? t.toString() : m.lines().findFirst().orElse(m);
    }

    static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }

    static int orDefault(int value, int fallback) {
        return value == 0 ? fallback : value;
    }

    static void retention(String key, int days) {
        require(CLOUDWATCH_RETENTION_DAYS.contains(days),
                key + " must be a CloudWatch Logs retention value " + new java.util.TreeSet<>(CLOUDWATCH_RETENTION_DAYS)
                        + ", was " + days);
    }

    /** Log retention per tier: app = service logs, pipeline = the pipeline's own logs, audit = VPC flow logs, access logs. */
    public record Retention(int app, int pipeline, int audit) {
        public Retention {
            app = orDefault(app, 14);
            pipeline = orDefault(pipeline, 30);
            audit = orDefault(audit, 90);
            retention("retentionDays.app", app);
            retention("retentionDays.pipeline", pipeline);
            retention("retentionDays.audit", audit);
        }
    }

    public record VpcSettings(int maxAzs) {
        public VpcSettings {
            maxAzs = orDefault(maxAzs, 2);
            require(maxAzs >= 1 && maxAzs <= 3, "vpc.maxAzs must be 1..3, was " + maxAzs);
        }
    }

    /**
     * @param dedicatedMasterType null for no dedicated master nodes
     * @param retentionDays       ISM deletes a backing index of app-logs this many days after it rolled over
     */
    public record OpenSearch(String instanceType, int instanceCount, boolean zoneAware, String dedicatedMasterType,
                             int dedicatedMasterCount, int volumeGb, int retentionDays) {
        public OpenSearch {
            retentionDays = orDefault(retentionDays, 30);
            require(retentionDays >= 1 && retentionDays <= 3650, "opensearch.retentionDays must be 1..3650, was " + retentionDays);
            instanceType = Objects.requireNonNullElse(instanceType, "t3.small.search");
            instanceCount = orDefault(instanceCount, 1);
            volumeGb = orDefault(volumeGb, 10);
            require(instanceType.endsWith(".search"), "opensearch.instanceType must end in .search, was " + instanceType);
            require(instanceCount >= 1 && instanceCount <= 80, "opensearch.instanceCount must be 1..80, was " + instanceCount);
            require(!zoneAware || instanceCount % 2 == 0 || instanceCount % 3 == 0,
                    "opensearch.instanceCount must be a multiple of 2 or 3 when zoneAware, was " + instanceCount);
            if (dedicatedMasterType == null) {
                require(dedicatedMasterCount == 0, "opensearch.dedicatedMasterCount needs dedicatedMasterType");
            } else {
                require(dedicatedMasterType.endsWith(".search"), "opensearch.dedicatedMasterType must end in .search");
                dedicatedMasterCount = orDefault(dedicatedMasterCount, 3);
                require(dedicatedMasterCount == 3 || dedicatedMasterCount == 5,
                        "opensearch.dedicatedMasterCount must be 3 or 5, was " + dedicatedMasterCount);
            }
            require(volumeGb >= 10 && volumeGb <= 16384, "opensearch.volumeGb must be 10..16384, was " + volumeGb);
        }

        public boolean dedicatedMasters() {
            return dedicatedMasterType != null;
        }
    }

    /** @param reservedConcurrency caps concurrent processor invocations so bursts cannot overload OpenSearch */
    public record Processor(int memoryMb, int timeoutSeconds, int reservedConcurrency) {
        public Processor {
            memoryMb = orDefault(memoryMb, 1024);
            timeoutSeconds = orDefault(timeoutSeconds, 60);
            reservedConcurrency = orDefault(reservedConcurrency, 5);
            require(memoryMb >= 128 && memoryMb <= 10240, "processor.memoryMb must be 128..10240, was " + memoryMb);
            require(timeoutSeconds >= 1 && timeoutSeconds <= 900, "processor.timeoutSeconds must be 1..900, was " + timeoutSeconds);
            require(reservedConcurrency >= 1 && reservedConcurrency <= 1000,
                    "processor.reservedConcurrency must be 1..1000, was " + reservedConcurrency);
        }
    }

    /**
     * One service whose logs the pipeline reads.
     *
     * @param logGroup its CloudWatch Logs group
     * @param format   the log format hint (json, logfmt, text...), or null for auto-detection
     * @param existing true when the log group already exists (imported, not created, retention left alone)
     */
    public record Service(String name, String logGroup, String format, boolean existing) {
        static final List<Service> DEFAULTS = List.of(
                new Service("sample-app", "/ecs/sample-app", null, false),
                new Service("ingest-api", "/ecs/ingest-api", null, false));

        public Service {
            require(name != null && name.matches("[a-z][a-z0-9-]{0,39}"), "services[].name must be lower-case kebab, was " + name);
            require(logGroup != null && logGroup.matches("[\\w#/.-]{1,512}"),
                    "services[].logGroup must be a CloudWatch log group name, was " + logGroup);
        }
    }

    /** Where alarms go. Slack and PagerDuty delivery arrive later: their secret names are read but not yet used. */
    public record Alerts(List<String> emails, String slackWebhookSecretName, String pagerDutySecretName) {
        public Alerts {
            emails = emails == null ? List.of() : List.copyOf(emails);
            for (String e : emails) {
                require(e.matches("[^@\\s]+@[^@\\s]+"), "alerts.emails: not an e-mail address: " + e);
            }
        }
    }

    /** @param partitions of the app-logs topic (it only ever grows) */
    public record Msk(boolean enabled, int batchSize, int batchingWindowSeconds, String startingPosition, int partitions) {
        public Msk {
            batchSize = orDefault(batchSize, 500);
            partitions = orDefault(partitions, 6);
            require(partitions >= 1 && partitions <= 1000, "msk.partitions must be 1..1000, was " + partitions);
            startingPosition = Objects.requireNonNullElse(startingPosition, "LATEST");
            require(batchSize >= 1 && batchSize <= 10000, "msk.batchSize must be 1..10000, was " + batchSize);
            require(batchingWindowSeconds >= 0 && batchingWindowSeconds <= 300,
                    "msk.batchingWindowSeconds must be 0..300, was " + batchingWindowSeconds);
            require(startingPosition.equals("LATEST") || startingPosition.equals("TRIM_HORIZON"),
                    "msk.startingPosition must be LATEST or TRIM_HORIZON, was " + startingPosition);
        }
    }

    public record QuickSight(boolean enabled, String principalArn) {
        public QuickSight {
            require(!enabled || (principalArn != null && principalArn.startsWith("arn:")),
                    "quicksight.principalArn must be an ARN when quicksight.enabled");
        }
    }

    public record Budgets(int monthlyUsd, List<String> emails) {
        public Budgets {
            emails = emails == null ? List.of() : List.copyOf(emails);
            require(monthlyUsd >= 0, "budgets.monthlyUsd must be >= 0 (0 = no budget), was " + monthlyUsd);
        }
    }

    /** The data lake bucket's lifecycle (days after creation) and Athena's per-query scan cutoff. */
    public record Lake(int iaAfterDays, int glacierAfterDays, int expireAfterDays, int athenaBytesScannedCutoffMb) {
        public Lake {
            iaAfterDays = orDefault(iaAfterDays, 30);
            glacierAfterDays = orDefault(glacierAfterDays, 90);
            expireAfterDays = orDefault(expireAfterDays, 365);
            athenaBytesScannedCutoffMb = orDefault(athenaBytesScannedCutoffMb, 10240);
            require(iaAfterDays >= 30, "lake.iaAfterDays must be >= 30 (S3 minimum for Standard-IA), was " + iaAfterDays);
            require(glacierAfterDays >= iaAfterDays + 30,
                    "lake.glacierAfterDays must be >= iaAfterDays + 30, was " + glacierAfterDays);
            require(expireAfterDays > glacierAfterDays, "lake.expireAfterDays must be > glacierAfterDays, was " + expireAfterDays);
            require(athenaBytesScannedCutoffMb >= 10, "lake.athenaBytesScannedCutoffMb must be >= 10, was " + athenaBytesScannedCutoffMb);
        }
    }

    /**
     * How the processor redacts secrets: {@code mask} ({@code [REDACTED]}) or {@code hash}
     * ({@code [REDACTED:hmac-sha256:…]}, so equal secrets can be correlated), with an HMAC key the Processing stack
     * generates and keeps in Secrets Manager.
     */
    public record Redaction(String mode) {
        public Redaction {
            mode = mode == null ? "mask" : mode;
            require(mode.equals("mask") || mode.equals("hash"), "redaction.mode must be mask or hash, was " + mode);
        }

        public boolean hashed() {
            return mode.equals("hash");
        }
    }

    public record Apps(App sampleApp, App ingestApi) {
        public Apps {
            sampleApp = Objects.requireNonNullElseGet(sampleApp, () -> new App(0, 0, 0, "json"));
            ingestApi = Objects.requireNonNullElseGet(ingestApi, () -> new App(0, 0, 0, null));
        }
    }

    /** One Fargate service; logFormat only for the sample app (its LOG_FORMAT: json, csv, text). */
    public record App(int cpu, int memoryMb, int desiredCount, String logFormat) {
        public App {
            cpu = orDefault(cpu, 256);
            memoryMb = orDefault(memoryMb, 512);
            require(Set.of(256, 512, 1024, 2048, 4096).contains(cpu), "apps.*.cpu must be a Fargate CPU value, was " + cpu);
            require(memoryMb >= 512 && memoryMb <= 30720, "apps.*.memoryMb must be 512..30720, was " + memoryMb);
            require(desiredCount >= 0 && desiredCount <= 10, "apps.*.desiredCount must be 0..10, was " + desiredCount);
        }
    }

    /** The service names, in configuration order (kept as a list: synthesis stays deterministic). */
    public List<String> serviceNames() {
        List<String> out = new ArrayList<>();
        services.forEach(s -> out.add(s.name()));
        return out;
    }
}
