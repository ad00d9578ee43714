package io.logpipe.processor.redact;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.function.IntSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Throwaway timing loop (not a test, not JMH): compares {@link Redactor#redactText} with a regex-per-rule
 * baseline on a clean and a secret-bearing log line, each measurement in a fresh JVM so the profiles of one
 * do not slow another. Run from the IDE, or after {@code test-compile}:
 * {@code java -cp lambda-processor/target/classes:lambda-processor/target/test-classes
 * io.logpipe.processor.redact.RedactionTimingMain}. Numbers are indicative only (no forking, no blackhole
 * beyond a checksum).
 */
public final class RedactionTimingMain {

    static final String CLEAN = "2024-03-12T10:15:32.123Z INFO [http-nio-8080-exec-7] c.e.orders.OrderController - "
            + "Order created order_id=ord_8f14e45fceea167a customer=cus_4b2c9e items=3 total=129.99 currency=EUR "
            + "latency_ms=42 request_id=550e8400-e29b-41d4-a716-446655440000 client_ip=10.1.2.3 "
            + "path=/api/v1/orders status=201 tokens_used=512 ts=1710238532000";
    static final String SECRETS = "2024-03-12T10:15:32.123Z WARN login failed user=bob password=\"hunter2-a1b2c3\" "
            + "Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0"
            + ".dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U "
            + "card=4111 1111 1111 1111 key=AKIAIOSFODNN7EXAMPLE client_ip=10.1.2.3 status=401";

    /** Roughly the same rules written the obvious way, one regex each. */
    private static final List<Pattern> REGEX_BASELINE = List.of(
            // no [a-z0-9_.-]* prefix: with it this pattern backtracks quadratically and takes over 100 µs a line
            Pattern.compile("(?i)(?:password|passwd|secret|token|api[_.-]?key|authorization|cookie|credentials"
                    + "|\\bpwd|\\bpass)([\"']?\\s*[:=]\\s*[\"']?)([^\\s&,;}\"']+)"),
            Pattern.compile("(?i)\\bbearer\\s+[A-Za-z0-9._~+/-]+=*"),
            Pattern.compile("\\beyJ[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]*"),
            Pattern.compile("\\b(?:AKIA|ASIA|AGPA|AIDA|AROA|AIPA|ANPA|ANVA|ABIA|ACCA)[A-Z0-9]{16}\\b"),
            Pattern.compile("(?<![A-Za-z0-9/+])[A-Za-z0-9/+]{40}(?![A-Za-z0-9/+])"),
            Pattern.compile("(?<![\\w.])[2-6]\\d{3}(?:[ -]?\\d{3,6}){2,4}(?!\\w)"));

    private RedactionTimingMain() {
    }

    /** With no argument, runs every measurement in its own JVM (like JMH forks) and prints the table. */
    public static void main(String[] args) throws Exception {
        if (args.length == 1) {
            System.out.printf(Locale.ROOT, "%.1f%n", measure(args[0]));
            return;
        }
        System.out.printf("clean line %d chars, secrets line %d chars%n", CLEAN.length(), SECRETS.length());
        System.out.println(new Redactor(RedactionConfig.defaults()).redactText(SECRETS));
        String java = ProcessHandle.current().info().command().orElse("java");
        for (String name : List.of("scanner-clean", "scanner-secrets", "regex-clean", "regex-secrets", "charAt-loop")) {
            Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                    RedactionTimingMain.class.getName(), name).redirectErrorStream(true).start();
            String result = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            child.waitFor();
            System.out.printf("%-16s %10s ns/op%n", name, result);
        }
        System.out.println("(thread CPU time, best of 3; charAt-loop is a bare read of the clean line for scale)");
    }

    private static double measure(String name) {
        // copies: constant strings would let the JIT fold what real input never allows
        String clean = new String(CLEAN);
        String secrets = new String(SECRETS);
        Redactor redactor = new Redactor(RedactionConfig.defaults());
        long warm = 0;
        for (int i = 0; i < 300_000; i++) { // a mixed profile, as in production
            warm += redactor.redactText(clean).length() + redactor.redactText(secrets).length();
        }
        IntSupplier op = switch (name) {
            case "scanner-clean" -> () -> redactor.redactText(clean).length();
            case "scanner-secrets" -> () -> redactor.redactText(secrets).length();
            case "regex-clean" -> () -> regexFind(clean);
            case "regex-secrets" -> () -> regexFind(secrets);
            case "charAt-loop" -> () -> charSum(clean);
            default -> throw new IllegalArgumentException(name);
        };
        double best = Double.MAX_VALUE;
        for (int round = 0; round < 3; round++) {
            best = Math.min(best, time(op));
        }
        return warm == 42 ? -1 : best;
    }

    /** Machine calibration: the cheapest possible read of every character. */
    private static int charSum(String s) {
        int sum = 0;
        for (int i = 0; i < s.length(); i++) {
            sum += s.charAt(i);
        }
        return sum;
    }

    /** Only finds matches (no replacing), so the baseline is flattered. */
    private static int regexFind(String s) {
        int found = 0;
        for (Pattern p : REGEX_BASELINE) {
            Matcher m = p.matcher(s);
            while (m.find()) {
                found += m.end();
            }
        }
        return found;
    }

    /**
     * Warms up, then runs batches for about a second of this thread's CPU time (so other processes on a shared
     * machine do not inflate the result) and returns the mean ns per call.
     */
    private static double time(IntSupplier op) {
        ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
        long checksum = 0;
        for (int i = 0; i < 200_000; i++) {
            checksum += op.getAsInt();
        }
        int batch = 20_000;
        long calls = 0;
        long start = cpu.getCurrentThreadCpuTime();
        long elapsed;
        do {
            for (int i = 0; i < batch; i++) {
                checksum += op.getAsInt();
            }
            calls += batch;
            elapsed = cpu.getCurrentThreadCpuTime() - start;
        } while (elapsed < 1_000_000_000L);
        if (checksum == 42) {
            System.out.println("unlikely");
        }
        return (double) elapsed / calls;
    }
}
