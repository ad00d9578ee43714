package io.logpipe.cli.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** What the demo shows about the documents it produced: formats, levels, services, errors and redactions. */
public final class DocumentStats {
    private final Map<String, Long> datasets = new TreeMap<>();
    private final Map<String, Long> levels = new TreeMap<>();
    private final Map<String, Long> services = new HashMap<>();
    private final Map<String, Long> errorsByService = new HashMap<>();
    private final Map<String, Fingerprint> fingerprints = new HashMap<>();
    private final List<Long> accessDurations = new ArrayList<>();
    private long documents;
    private long redactions;
    private long withTrace;

    private record Fingerprint(String type, String message, long[] count) {
    }

    public static DocumentStats of(Path ndjson) throws IOException {
        DocumentStats stats = new DocumentStats();
        ObjectMapper mapper = new ObjectMapper();
        try (BufferedReader in = Files.newBufferedReader(ndjson)) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                stats.add(mapper.readTree(line), line);
            }
        }
        return stats;
    }

    private void add(JsonNode doc, String line) {
        documents++;
        datasets.merge(doc.path("event").path("dataset").asText("?"), 1L, Long::sum);
        String level = doc.path("log").path("level").asText();
        levels.merge(level, 1L, Long::sum);
        String service = doc.path("service").path("name").asText() + "/" + doc.path("service").path("environment").asText();
        services.merge(service, 1L, Long::sum);
        if (level.equals("ERROR") || level.equals("FATAL")) {
            errorsByService.merge(service, 1L, Long::sum);
        }
        JsonNode error = doc.path("error");
        if (error.has("fingerprint")) {
            fingerprints.computeIfAbsent(error.path("fingerprint").asText(),
                    k -> new Fingerprint(error.path("type").asText(""), error.path("message").asText(""), new long[1]))
                    .count()[0]++;
        }
        if (doc.path("event").has("duration") && doc.has("http")) {
            accessDurations.add(doc.path("event").path("duration").asLong());
        }
        withTrace += doc.has("trace") ? 1 : 0;
        for (int i = line.indexOf("[REDACTED"); i >= 0; i = line.indexOf("[REDACTED", i + 1)) {
            redactions++;
        }
    }

    public void print(PrintWriter out) {
        out.printf("%,d documents; %,d carry a trace id; %,d secrets redacted%n", documents, withTrace, redactions);
        out.println("by format:  " + datasets);
        out.println("by level:   " + levels);
        out.println("top services (errors / documents):");
        services.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(8)
                .forEach(e -> out.printf("  %-28s %,6d / %,d%n", e.getKey(), errorsByService.getOrDefault(e.getKey(), 0L), e.getValue()));
        out.println("top error fingerprints:");
        fingerprints.entrySet().stream().sorted(Comparator.comparingLong(e -> -e.getValue().count()[0])).limit(5)
                .forEach(e -> out.printf("  %s %,6d  %s: %s%n", e.getKey(), e.getValue().count()[0], e.getValue().type(),
                        abbreviate(e.getValue().message(), 70)));
        if (!accessDurations.isEmpty()) {
            accessDurations.sort(null);
            out.printf("request time p50 %.1f ms, p99 %.1f ms over %,d timed requests%n",
                    percentile(0.50), percentile(0.99), accessDurations.size());
        }
    }

    private double percentile(double p) {
        int index = (int) Math.min(accessDurations.size() - 1, Math.ceil(p * accessDurations.size()) - 1);
        return accessDurations.get(Math.max(0, index)) / 1e6;
    }

    private static String abbreviate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }
}
