package io.logpipe.processor.enrich;

import io.logpipe.processor.config.LogGroupRule;
import io.logpipe.processor.config.PipelineConfig;
import io.logpipe.processor.model.LogEvent;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Fills service.name, service.environment and host.name by precedence: the record's own fields (already set
 * by the parser) win, then FireLens/ECS metadata (task definition family, then container name), then the log
 * group's naming, then configured defaults. Names like {@code orders-prod} or {@code orders-prod-worker} are
 * split into service {@code orders} and environment {@code prod} when a known environment token appears.
 *
 * <p>Names repeat across millions of events, so each distinct name is resolved once and cached (bounded).
 */
final class ServiceResolver {
    private static final int CACHE_LIMIT = 10_000;

    /** A service and environment derived from one name; either may be null. */
    record Naming(String service, String environment) {
    }

    private final List<LogGroupRule> rules;
    private final Set<String> environments;
    private final String defaultService;
    private final String defaultEnvironment;
    private final Map<String, Naming> byLogGroup = new HashMap<>();
    private final Map<String, Naming> byContainer = new HashMap<>();
    // The last container name and its naming: consecutive events mostly come from the same container, and each
    // carries its own copy of the name, so the map lookup hashed it anew every time (~1 % of the job).
    private String lastContainer;
    private int lastFamilyEnd = -1;             // see familyEnd: where lastContainer's naming-relevant part ends
    private Naming lastContainerNaming;
    private final TaskArns taskArns;
    private String lastStream;                  // the last log stream and the EC2 host named by it
    private String lastStreamHost;

    ServiceResolver(PipelineConfig config) {
        this(config, new TaskArns());
    }

    ServiceResolver(PipelineConfig config, TaskArns taskArns) {
        this.taskArns = taskArns;
        this.rules = config.logGroupRules();
        this.environments = config.environmentNames();
        this.defaultService = config.defaultService();
        this.defaultEnvironment = config.defaultEnvironment();
    }

    void resolve(LogEvent e) {
        if (e.serviceName == null || e.environment == null) {
            String container = e.ecsTaskDefinition != null ? e.ecsTaskDefinition : e.containerName;
            if (container != null) {
                if (!sameNamingAsLast(container)) {
                    lastContainerNaming = cached(byContainer, container, this::fromContainer);
                    lastContainer = container;
                    lastFamilyEnd = familyEnd(container);
                }
                apply(e, lastContainerNaming);
            }
        }
        String group = e.raw.source().logGroup();
        if ((e.serviceName == null || e.environment == null) && group != null && !group.isEmpty()) {
            apply(e, cached(byLogGroup, group, this::fromLogGroup));
        }
        if (e.serviceName == null) {
            e.serviceName = defaultService;
        }
        if (e.environment == null) {
            e.environment = defaultEnvironment;
        }
        if (e.hostName == null) {
            e.hostName = host(e);
        }
    }

    /**
     * Whether {@code container} names the same service as {@link #lastContainer}: the same instance, the same
     * text, or the same task definition family with another revision ({@code orders-prod:12} after
     * {@code orders-prod:11}; events of one stream carry many revisions, and each missed here cost a map lookup
     * that hashed the name, ~1 % of the job; measured on the FireLens corpus: +0.7 to +4.7 % in four pairs).
     */
    private boolean sameNamingAsLast(String container) {
        if (container == lastContainer) {
            return true;
        }
        int end = lastFamilyEnd;
        if (end > 0 && familyEnd(container) == end && container.regionMatches(0, lastContainer, 0, end)) {
            return true;
        }
        return container.equals(lastContainer);
    }

    /**
     * The index of the revision's ':' when everything {@link #fromContainer} derives lies before it: the last ':'
     * is not first, has no '/' right before it and none after it. Two names with the same index and the same
     * chars before it have the same family (whether or not they are ARNs), hence the same naming. Else -1.
     */
    static int familyEnd(String container) {
        int colon = container.lastIndexOf(':');
        if (colon <= 0 || container.charAt(colon - 1) == '/' || container.indexOf('/', colon) >= 0) {
            return -1;
        }
        return colon;
    }

    private static Naming cached(Map<String, Naming> cache, String key, java.util.function.Function<String, Naming> derive) {
        Naming naming = cache.get(key);
        if (naming == null) {
            naming = derive.apply(key);
            if (cache.size() >= CACHE_LIMIT) {
                cache.clear();                    // a cheap bound; real deployments have far fewer names
            }
            cache.put(key, naming);
        }
        return naming;
    }

    private static void apply(LogEvent e, Naming naming) {
        if (e.serviceName == null) {
            e.serviceName = naming.service();
        }
        if (e.environment == null) {
            e.environment = naming.environment();
        }
    }

    /** {@code orders-prod:12} or a task definition ARN gives the family; else the container name itself. */
    private Naming fromContainer(String name) {
        String family = name.startsWith("arn:") ? name.substring(name.lastIndexOf('/') + 1) : name;
        int colon = family.lastIndexOf(':');
        return split(colon > 0 ? family.substring(0, colon) : family, null);
    }

    private Naming fromLogGroup(String group) {
        for (LogGroupRule rule : rules) {
            String[] match = rule.match(group);
            if (match != null) {
                Naming naming = split(match[0], match[1]);
                return naming.environment() != null ? naming : new Naming(naming.service(), environmentIn(group));
            }
        }
        return new Naming(null, environmentIn(group));
    }

    /** Splits {@code orders-prod-worker} into {@code orders} and {@code prod}; an explicit env wins. */
    private Naming split(String name, String explicitEnv) {
        if (explicitEnv != null) {
            return new Naming(name, explicitEnv);
        }
        String[] parts = name.split("[-_.]");
        for (int i = 1; i < parts.length; i++) {
            if (environments.contains(parts[i])) {
                return new Naming(String.join("-", java.util.Arrays.copyOfRange(parts, 0, i)), parts[i]);
            }
        }
        return new Naming(name, null);
    }

    /** Any environment token anywhere in a log group, e.g. {@code /var/log/nginx/access-prod}. */
    private String environmentIn(String group) {
        for (String token : group.split("[-_./]")) {
            if (environments.contains(token)) {
                return token;
            }
        }
        return null;
    }

    /** ECS task id, else an EC2 instance id at the start of the log stream. */
    private String host(LogEvent e) {
        String arn = e.ecsTaskArn;
        if (arn != null) {
            // The task id as one instance per ARN: the writer then copies host.name's encoded bytes after an
            // identity check (was a substring per event).
            return taskArns.of(arn).taskId();
        }
        String stream = e.raw.source().logStream();
        if (stream != lastStream) {               // a payload's events share its stream instance
            lastStreamHost = instanceIdAtStart(stream);
            lastStream = stream;
        }
        return lastStreamHost;
    }

    private static String instanceIdAtStart(String stream) {
        if (stream != null && stream.startsWith("i-")) {
            int end = 2;
            while (end < stream.length() && Character.isLetterOrDigit(stream.charAt(end))) {
                end++;
            }
            return end >= 10 ? stream.substring(0, end) : null;
        }
        return null;
    }
}
