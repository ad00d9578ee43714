package io.logpipe.testkit.faults;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.stream.IntStream;
import java.util.zip.GZIPOutputStream;

/** Request bodies for proxy tests. */
final class TestBodies {

    private TestBodies() {
    }

    /** {@code create} actions into {@code app-logs}, one per id, each with a small document. */
    static byte[] bulk(String... ids) {
        StringBuilder sb = new StringBuilder();
        for (String id : ids) {
            sb.append("{\"create\":{\"_index\":\"app-logs\",\"_id\":\"").append(id).append("\"}}\n")
                    .append("{\"message\":\"event ").append(id).append("\",\"level\":\"INFO\"}\n");
        }
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Ids {@code d1..dN}. */
    static String[] ids(int n) {
        return IntStream.rangeClosed(1, n).mapToObj(i -> "d" + i).toArray(String[]::new);
    }

    static byte[] gzip(byte[] plain) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(plain);
        }
        return out.toByteArray();
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
